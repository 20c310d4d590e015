//! The checks of a derived bundle (spec §5.13, §9.1 step 8c), the derive writer's refusals,
//! and a derived bundle's check against its parent (`verify --parent`, spec §9.7).

use std::fmt::Display;

/// `derivation.parent_proven`: the one sentence verify, inspect and the court report say of
/// a derived bundle.
pub fn proven(parent: impl Display, carried: usize) -> String {
    let items = if carried == 1 { "1 item".to_owned() } else { format!("{carried} items") };
    format!("derived from bundle {parent}: {items}, proven by the original's signed commitment")
}

/// `derivation.parent_seal_invalid`: the parent seal event, its signature or key is absent.
pub(crate) fn parent_file_missing(path: impl Display) -> String {
    format!("the bundle is derived from another but does not carry {path}")
}

/// `derivation.parent_seal_invalid`: parent files in a bundle that is not derived.
pub(crate) fn parent_files_without_derivation(path: impl Display) -> String {
    format!("{path} is a parent bundle's file, but the manifest declares no derivation")
}

/// `derivation.parent_seal_invalid`: the carried seal's digest is not the declared one.
pub(crate) fn parent_seal_digest(declared: impl Display, found: impl Display) -> String {
    format!("the carried parent seal event has SHA-256 {found}, but the derivation declares {declared}")
}

/// `derivation.parent_seal_invalid`: the carried seal is no valid seal event of the parent.
pub(crate) fn parent_seal_unusable(why: impl Display) -> String {
    format!("the carried parent seal event cannot be used: {why}")
}

/// Why a carried seal event is unusable: not a seal.
pub(crate) const PARENT_NOT_A_SEAL: &str = "it is not a seal event (type seal, sequence 0)";
/// Why a carried seal event is unusable: no commitment, or one this verifier cannot read.
pub(crate) const PARENT_NO_COMMITMENT: &str =
    "it signs no Merkle commitment of scheme custody.merkle/1 with a tree of 8 to 2^21 leaves (a power of two)";
/// Why a carried seal event is unusable: its signature does not verify.
pub(crate) const PARENT_BAD_SIGNATURE: &str = "its signature does not verify under the carried parent key";

/// Why a carried seal event is unusable: for another bundle.
pub(crate) fn parent_other_bundle(found: impl Display, declared: impl Display) -> String {
    format!("it is the seal of bundle {found}, not of {declared}")
}

/// Why a carried seal event is unusable: the derived bundle names itself as parent.
pub(crate) const PARENT_IS_SELF: &str = "the derivation names this bundle as its own parent";

/// Why a carried seal event is unusable: it seals a derived bundle (§5.13: derived only from
/// an original, so no redaction is hidden).
pub(crate) const PARENT_IS_DERIVED: &str = "the parent is itself a derived bundle (its seal binds custody/parent/seal.json): its redactions would be hidden, so a bundle is derived only from an original";

/// Why a carried seal event is unusable: the key file is not the signer's.
pub(crate) fn parent_key_other(found: impl Display, signer: impl Display) -> String {
    format!("the carried parent key is {found}, but the parent seal event is signed by {signer}")
}

/// `derivation.proof_invalid`: a proof's shape.
pub(crate) fn proof_malformed(what: impl Display, why: impl Display) -> String {
    format!("the proof of {what} is malformed: {why}")
}

/// Why a proof is malformed: index beyond the tree.
pub(crate) fn index_out_of_range(index: u64, size: u64) -> String {
    format!("its index {index} is beyond the parent's tree of {size} leaves")
}

/// Why a proof is malformed: wrong path length.
pub(crate) fn path_length(found: usize, expected: usize) -> String {
    format!("its audit path has {found} hashes, a tree of this size needs exactly {expected}")
}

/// Why a proof is malformed: an index used twice or the wrong one for the case/restrictions.
pub(crate) fn index_misplaced(index: u64) -> String {
    format!(
        "index {index} is not this leaf's place (the case is leaf 0, the restrictions leaf 1, every other proof a distinct leaf from 2)"
    )
}

/// `derivation.proof_invalid`: the recomputed leaf does not lead to the signed root.
pub(crate) fn proof_fails(what: impl Display) -> String {
    format!(
        "{what} as this bundle describes it is not what the parent's sealer committed to: its leaf and audit path do not lead to the root the parent seal event signs"
    )
}

/// `derivation.not_proven`: an item or actor of the manifest without proof.
pub(crate) fn not_proven(what: impl Display) -> String {
    format!("{what} is in the manifest but the derivation has no proof of it")
}

/// `derivation.not_proven`: a proof of something the bundle does not carry (or twice).
pub(crate) fn proof_for_absent(what: impl Display) -> String {
    format!("the derivation has a proof of {what}, which the manifest does not carry (or a second proof of it)")
}

/// `derivation.salt_reused`.
pub(crate) fn salt_reused(what: impl Display) -> String {
    format!("the salt of {what} is all zeros or equal to another revealed salt: salts must be distinct secrets")
}

/// `derivation.redaction_invalid`.
pub(crate) fn redaction_invalid(path: impl Display, why: impl Display) -> String {
    format!("the redaction of {path} is invalid: {why}")
}

/// Why a redaction is invalid: no such carried file.
pub(crate) const REDACTION_NO_FILE: &str = "no carried item has this file";
/// Why a redaction is invalid: named twice.
pub(crate) const REDACTION_TWICE: &str = "the file is redacted twice";
/// Why a redaction is invalid: the record is not the copy's.
pub(crate) const REDACTION_RECORD: &str = "the manifest's record of the file does not have the redacted copy's SHA-256";
/// Why a redaction is invalid: the copy is the original.
pub(crate) const REDACTION_SAME: &str = "the redacted copy has the original's SHA-256";
/// Why a redaction is invalid: too many.
pub(crate) fn redactions_too_many(max: usize) -> String {
    format!("more than {max} redactions")
}

/// `derivation.redacted`.
pub(crate) fn redacted(path: impl Display, original: impl Display, by: impl Display, reason: impl Display) -> String {
    format!(
        "{path} is a redacted copy made by {by} ({reason}); the parent's sealer signed its original (SHA-256 {original}), not these bytes"
    )
}

/// The writer's refusal: an item the bundle does not have; `known` are its items' ids (the
/// first 20 are named).
pub fn derive_unknown_item<'a>(id: impl Display, known: impl Iterator<Item = &'a str>) -> String {
    const NAMED: usize = 20;
    let known: Vec<&str> = known.collect();
    let mut list = known.iter().take(NAMED).copied().collect::<Vec<_>>().join(", ");
    if known.len() > NAMED {
        list.push_str(&format!(" and {} more", known.len() - NAMED));
    }
    format!("the bundle has no item {id}: its items are {list}")
}

/// The writer's refusal: an item named twice.
pub fn derive_item_twice(id: impl Display) -> String {
    format!("item {id} is named twice")
}

/// The writer's refusal: no item left to carry (every one was disposed of).
pub const DERIVE_NO_ITEMS_LEFT: &str =
    "every item of the bundle was returned or destroyed by a disposition: there is nothing left to derive";

/// What to do about an item named wrongly.
pub const DERIVE_ITEMS_REMEDY: &str = "name items by their ids (item-1, item-2, ...), as verify lists them, each once";

/// What to do about an item derived from one left out.
pub const DERIVE_CARRY_SOURCE: &str = "carry that item too";

/// The writer's refusal: an item a disposition removed.
pub fn derive_disposed_item(id: impl Display, sequence: u64, action: impl Display) -> String {
    format!("item {id} was {action} by a disposition (event {sequence}): its files are no longer in the bundle")
}

/// The writer's refusal: an item derived from one left out.
pub fn derive_left_out_source(id: impl Display, source: impl Display) -> String {
    format!(
        "item {id} says it was derived from {source}, which the new bundle would leave out: its reference could not be proven"
    )
}

/// The writer's refusal: a parent without commitment.
pub const DERIVE_NO_COMMITMENT: &str =
    "the bundle's seal signs no Merkle commitment (it was sealed before format 2), so nothing can be proven from it";

/// The writer's refusal: a parent that is itself derived (§5.13).
pub const DERIVE_FROM_DERIVED: &str = "the bundle is itself derived from another: a copy of it would not show the redactions already made, so derive only from an original";

/// The remedy to [`DERIVE_FROM_DERIVED`].
pub const DERIVE_FROM_DERIVED_REMEDY: &str = "derive from the original bundle (the one this derived bundle names as its parent), choosing the same items and redactions";

/// The writer's refusal: a redaction of a file not carried.
pub fn derive_redaction_no_file(path: impl Display, found_at: &[String]) -> String {
    let hint = match found_at {
        [] => String::new(),
        [one] => format!("; a file of that name is at {one}"),
        many => format!("; files of that name are at {}", many.join(", ")),
    };
    format!(
        "{path} is not a file of an item the new bundle carries (name it as item-N/name or data/item-N/name, as \
         verify lists the files){hint}"
    )
}

/// The writer's refusal: one file given to --redact twice.
pub fn derive_redaction_twice(path: impl Display) -> String {
    format!("{path} is redacted twice: give one redacted copy of each file")
}

/// What to do about items whose references the new bundle would not carry.
pub const DERIVE_REFERENCES_REMEDY: &str =
    "choose items whose references (actors, other items) the new bundle carries too";

/// The writer's refusal: a redaction whose copy equals the original.
pub fn derive_redaction_same(path: impl Display) -> String {
    format!("the redacted copy of {path} is byte for byte the original")
}

/// `derivation.event_unknown_item`: a derivation event names an item the manifest does not
/// describe (spec §5.14).
pub(crate) fn event_unknown_item(event: impl Display, item: impl Display) -> String {
    format!("{event} records a derived copy carrying item {item}, which the manifest does not describe")
}

/// `derivation.event_removed_item`: a derivation event names an item an earlier disposition
/// returned or destroyed (spec §5.14).
pub(crate) fn event_removed_item(
    event: impl Display,
    item: impl Display,
    earlier: u64,
    action: impl Display,
) -> String {
    format!(
        "{event} records a derived copy carrying item {item}, which event {earlier} had already {action}: its files \
         were no longer in the bundle to copy"
    )
}

/// Derive refused: the deriver is not the parent's custodian, so cannot record the derivation
/// event in it (spec §5.14).
pub fn derive_not_custodian(custodian: impl Display, fingerprint: impl Display) -> String {
    format!(
        "only the current custodian of this bundle, {custodian} ({fingerprint}), may record in it the copy you \
         derive; nothing was written"
    )
}

/// Derive refused: a transfer of the parent waits for its receipt, so no derivation event may
/// be recorded in it now (spec §5.14).
pub fn derive_transfer_pending(sequence: u64, recipient: impl Display) -> String {
    format!(
        "event {sequence} transfers this bundle to {recipient}, with no receipt yet: no other event, and so no \
         derivation, can be recorded in it until that is settled; nothing was written"
    )
}

/// The remedy of a derivation that cannot be recorded in the parent.
pub const DERIVE_NOT_RECORDED_REMEDY: &str = "ask the custodian to derive the copy (it is then recorded in the \
     original), or derive without recording (custody derive --no-record): the original will then not show this \
     copy, and you should tell whoever receives it";

/// Derive refused: an item a receipt rejected or marked out of scope, named explicitly
/// without leave (spec §5.14).
pub fn derive_withheld_item(id: impl Display, sequence: u64, status: &str) -> String {
    format!(
        "item {id} was marked {} by the receipt in event {sequence}: by default a derived copy for onward transfer \
         leaves out what the recipient did not accept; nothing was written",
        crate::wording::words(status)
    )
}

/// The remedy of an item a receipt did not accept, named explicitly.
pub const DERIVE_WITHHELD_REMEDY: &str = "leave the item out, or, if a legal basis covers passing it on, \
     give --include-rejected (the derivation event in the original then names it)";

/// Derive refused: every item no disposition removed was rejected or marked out of scope by a
/// receipt, so the default (leave those out) would carry nothing (spec §5.14).
pub fn derive_all_withheld(count: usize) -> String {
    format!(
        "every item left in the bundle ({count}) was rejected or marked out of scope by a receipt: by default a \
         derived copy for onward transfer leaves those out, so it would carry nothing; nothing was written"
    )
}

/// The remedy to [`derive_all_withheld`].
pub const DERIVE_ALL_WITHHELD_REMEDY: &str = "if a legal basis covers passing them on, name the items with \
     --items and give --include-rejected (the derivation event in the original then names them)";

/// Derive refused before the copy is built: a recorded derivation names at most `max` items
/// (spec §5.14), and this one would carry `count`.
pub fn derive_too_many_to_record(count: usize, max: usize) -> String {
    format!(
        "the copy would carry {} items, but a recorded derivation names at most {} items; nothing was written",
        super::checks::grouped(count as u64),
        super::checks::grouped(max as u64)
    )
}

/// The remedy to [`derive_too_many_to_record`].
pub fn derive_too_many_to_record_remedy(max: usize) -> String {
    format!(
        "name fewer with --items (at most {}; derive the rest as further copies), or derive without recording \
         (custody derive --no-record)",
        super::checks::grouped(max as u64)
    )
}

/// Derive refused: the parent cannot be opened for writing (a read-only file or file system),
/// so the derivation event cannot be appended to it (spec §5.14).
pub fn derive_parent_not_writable(parent: impl Display, why: impl Display) -> String {
    format!(
        "{parent} cannot be opened for writing ({why}), so the copy you derive cannot be recorded in it; nothing \
         was written"
    )
}

/// The remedy to [`derive_parent_not_writable`].
pub const DERIVE_PARENT_NOT_WRITABLE_REMEDY: &str = "derive without recording (custody derive --no-record; the \
     original will then not show this copy), or, as its custodian, record it in a writable copy of the original \
     (copy the file, derive from the copy) and keep that copy as the original from now on";

/// Derive: the derivation was recorded in the parent, but the new bundle could not be renamed
/// to its output path; it was kept whole under another name.
pub fn derive_copy_kept(sequence: u64, out: impl Display, why: impl Display, kept: impl Display) -> String {
    format!(
        "the derivation was recorded in the original as event {sequence}, but the new bundle could not be written \
         to {out} ({why}); it is kept, whole, at {kept}"
    )
}

/// The remedy to [`derive_copy_kept`].
pub const DERIVE_COPY_KEPT_REMEDY: &str = "rename the kept file to the name you want before running custody \
     again in that folder (it is the bundle the event names: do not derive again, which would record a second \
     copy), then check it with custody verify";

/// Derive: the derivation was recorded in the parent, but the new bundle could neither be
/// written to its output path nor kept.
pub fn derive_copy_lost(sequence: u64, out: impl Display, why: impl Display, keep: impl Display) -> String {
    format!(
        "the derivation was recorded in the original as event {sequence}, but the new bundle could not be written \
         to {out} ({why}) nor kept ({keep}): the original names a copy that does not exist; derive again (it is \
         recorded as another copy)"
    )
}

// `custody derive`'s report of what it wrote (spec §5.13, §5.14).

/// The first line: where the derived bundle was written.
pub fn derive_written(out: impl Display) -> String {
    format!("Derived bundle written: {out}")
}

/// The items carried, their files and size.
pub fn derive_carried(items: &[String], files: usize, bytes: u64) -> String {
    format!("items: {} ({files} file(s), {bytes} bytes)", items.join(", "))
}

/// A file replaced by its redacted copy.
pub fn derive_redacted(path: impl Display) -> String {
    format!("redacted: {path}")
}

/// An item left out because a receipt did not accept it (`status`: the receipt's code,
/// `rejected` or `out_of_scope`, said in words).
pub fn derive_left_out(item: impl Display, receipt: u64, status: &str) -> String {
    format!(
        "left out {item}: the receipt in event {receipt} marked it {} (--include-rejected carries it)",
        super::words(status)
    )
}

/// The derivation recorded in the original as an event.
pub fn derive_recorded(original: impl Display, sequence: u64, event: impl Display) -> String {
    format!("Recorded in the original, {original}, as event #{sequence} ({event}); nothing else in it changed.")
}

/// The derivation not recorded (`--no-record`): what the original then lacks.
pub fn derive_not_recorded(original: impl Display) -> String {
    format!(
        "NOT recorded in the original, {original} (--no-record): it is unchanged, and its chain will not show that \
         this copy left or what it carries; tell whoever receives the copy."
    )
}

/// The last line: how to check the new bundle.
pub fn derive_check_with(out: impl Display) -> String {
    format!("Check the new bundle with: custody verify {out}")
}

// `verify DERIVED --parent PARENT` (spec §9.7): the copy checked against its parent.

/// The `Parent:` line's verdict when the parent matches.
pub(crate) const PARENT_MATCHES: &str = "MATCHES";
/// The `Parent:` line's verdict when the parent does not match.
pub(crate) const PARENT_DOES_NOT_MATCH: &str = "DOES NOT MATCH";
/// The `Parent:` line's verdict when the parent does not verify on its own.
pub(crate) const PARENT_INVALID: &str = "PARENT INVALID";
/// The `Parent:` line's verdict when the parent could not be checked.
pub(crate) const PARENT_NOT_CHECKED: &str = "NOT CHECKED";

/// The parent check's one sentence when the parent matches; `recorded`: the derivation event
/// that records the copy, if any.
pub(crate) fn parent_matches(parent: &str, recorded: Option<u64>) -> String {
    match recorded {
        Some(seq) => format!(
            "{parent} is the original this copy was derived from, as it was then; its derivation event {seq} \
             records this copy"
        ),
        None => format!(
            "{parent} is the original this copy was derived from, as it was then; it does not record this copy \
             (derived without recording)"
        ),
    }
}

/// The parent check's one sentence when the parent does not match: `failed`, the failed
/// `parent.*` codes.
pub(crate) fn parent_does_not_match(parent: &str, failed: &[&str]) -> String {
    format!(
        "{parent} is not shown to be the original this copy was derived from ({}); the copy's own state above is \
         unaffected",
        failed.join(", ")
    )
}

/// The parent check's one sentence when the parent does not verify on its own: `failed`, the
/// codes of the parent's own checks that failed.
pub(crate) fn parent_invalid(parent: &str, failed: &[&str]) -> String {
    format!(
        "{parent} does not verify on its own (its failed checks: {}): this copy cannot be checked against it",
        failed.join(", ")
    )
}

/// The parent could not be verified at all: why, as the summary (no check was made).
pub(crate) fn parent_not_checked(why: impl Display) -> String {
    format!("the parent could not be checked, so this copy was not checked against it: {why}")
}

/// The parent is a folder that is no unzipped bundle (`--each` does not apply to it): why, and
/// what to give instead.
pub(crate) fn parent_not_checked_folder(dir: impl Display) -> String {
    parent_not_checked(format!(
        "{}; give as PARENT the original's .zip file or the folder it unzips to",
        super::report::not_a_bundle_folder_why(dir)
    ))
}

/// The parent is an encrypted bundle (`--identity` does not apply to it): why, and what to do.
pub(crate) fn parent_not_checked_encrypted(why: impl Display) -> String {
    format!(
        "the parent could not be checked, so this copy was not checked against it: {why}; decrypt the parent \
         first (custody decrypt) and give the decrypted file as PARENT"
    )
}

/// `parent.not_derived`: the bundle checked is not a derived one (`manifest_read`: its
/// manifest was read, and has no derivation).
pub(crate) fn parent_check_not_derived(parent: impl Display, manifest_read: bool) -> String {
    if manifest_read {
        format!(
            "this bundle is not a derived copy (its manifest has no derivation): it names no parent, so {parent} \
             is not its parent"
        )
    } else {
        format!("this bundle's manifest could not be read: it names no parent that {parent} could be checked against")
    }
}

/// `parent.copy_not_verified`: the derived copy is invalid on its own, so what its manifest
/// names of its parent is not what its sealer signed.
pub(crate) fn parent_check_copy_not_verified(parent: impl Display) -> String {
    format!(
        "this copy does not verify on its own (INVALID): what it names of its parent is not proven, so it was \
         not checked against {parent}; its own checks above say why"
    )
}

/// `parent.not_verified`: the parent does not verify on its own; `content_holds`: it is a
/// re-zipped file whose content holds (spec §9.6).
pub(crate) fn parent_check_not_verified(parent: impl Display, state: &str, content_holds: bool) -> String {
    let rezipped = if content_holds {
        "; it is a re-zipped file whose content holds: check the copy against the sealed ZIP file, or against \
         the folder this file unzips to"
    } else {
        ""
    };
    format!(
        "the parent {parent} does not verify on its own ({state}): nothing can be proven against it; its own \
         verification says why{rezipped}"
    )
}

/// `parent.verified`: the parent verifies on its own.
pub(crate) fn parent_check_verified(parent: impl Display, state: &str) -> String {
    format!("the parent {parent} verifies on its own ({state})")
}

/// `parent.other_bundle`: the parent given is another bundle than the copy names (`found`:
/// its bundle id, empty if unread; `same_id`: its bundle id is the one named, so its seal
/// event differs; `itself`: its bundle id is the copy's own, so it is the copy given again).
pub(crate) fn parent_check_other_bundle(
    parent: impl Display,
    expected: impl Display,
    found: &str,
    same_id: bool,
    itself: bool,
) -> String {
    if itself {
        format!(
            "{parent} is this copy itself (bundle id {found}), not the bundle it was derived from: give as PARENT \
             the original it names, bundle id {expected}"
        )
    } else if same_id {
        format!(
            "{parent} has the bundle id this copy names ({expected}), but not the seal event it names: its event 0 \
             is no seal whose SHA-256 is the copy's parent_seal_event_sha256, so it is another bundle under that id"
        )
    } else {
        let found =
            if found.is_empty() { "no bundle id that could be read".to_owned() } else { format!("bundle id {found}") };
        format!(
            "{parent} is not the bundle this copy was derived from: the copy names bundle id {expected}, and \
             {parent} has {found}"
        )
    }
}

/// `parent.latest_event`: the parent holds the event the copy names as its latest.
pub(crate) fn parent_check_latest_event(sequence: u64) -> String {
    format!(
        "the parent holds event {sequence}, the one this copy names as the parent's latest when it was derived \
         (parent_latest_event_sha256)"
    )
}

/// `parent.latest_event_missing`: the parent holds no event with the copy's
/// `parent_latest_event_sha256`.
pub(crate) fn parent_check_latest_event_missing(parent: impl Display, sha256: impl Display) -> String {
    format!(
        "{parent} holds no event whose SHA-256 is {sha256}, the parent's latest event this copy names: the copy \
         was derived from a later state of the parent (this file is an older copy of it), or from a chain that was \
         since changed"
    )
}

/// `parent.derivation_unrecorded`: no derivation event of the parent names the copy.
pub(crate) fn parent_check_unrecorded(parent: impl Display) -> String {
    format!(
        "no derivation event of {parent} names this copy: it was derived without being recorded in the parent \
         (spec §5.14), or recorded in another copy of the parent than this one"
    )
}

/// `parent.derivation_repeated`: several derivation events of the parent (`all`, by sequence)
/// name the copy's bundle id; `checked` is the one the copy was checked against.
pub(crate) fn parent_check_repeated(parent: impl Display, all: &[u64], checked: u64) -> String {
    let all: Vec<String> = all.iter().map(u64::to_string).collect();
    format!(
        "{parent} records this copy's bundle id in more than one derivation event ({}): a copy is recorded \
         once, when it is derived, so the parent contradicts itself; the copy was checked against event {checked}, \
         the one after the parent's latest event the copy names (or the first, if none is)",
        all.join(", ")
    )
}

/// `parent.derivation_recorded`: the parent's derivation event names the copy as it is.
pub(crate) fn parent_check_recorded(sequence: u64) -> String {
    format!(
        "the parent's derivation event {sequence} records this copy: its seal event, its items, and the parent's \
         latest event before it"
    )
}

/// `parent.derivation_mismatch`: the parent's derivation event names the copy's bundle id but
/// not what it holds.
pub(crate) fn parent_check_mismatch(sequence: u64, why: &str) -> String {
    format!("the parent's derivation event {sequence} names this copy's bundle id, but {why}")
}

/// Why a derivation event does not describe the copy: another seal event.
pub(crate) const PARENT_CHECK_OTHER_SEAL: &str =
    "gives another seal event hash than this copy's: it records another bundle under this copy's id";
/// Why a derivation event does not describe the copy: other items.
pub(crate) const PARENT_CHECK_OTHER_ITEMS: &str = "lists other items than this copy carries";
/// Why a derivation event does not describe the copy: another previous event.
pub(crate) const PARENT_CHECK_OTHER_PREVIOUS: &str =
    "its previous event is not the one this copy names as the parent's latest";
