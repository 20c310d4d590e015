//! The message of every check the verifier itself emits, one function per message, named
//! after its code or, where a code has several messages, after the case (each function's
//! doc names its code). They quote bundle text raw: the verifier makes every message
//! printable when it records it. The archive reader's and the token parser's refusals are
//! worded in `archive` and `timestamp`; provenance advisories in `verify::wording`.

use std::fmt::Display;

use super::Front;
pub(crate) use super::bounds::{
    MANIFEST_TOO_HEAVY_REMEDY, manifest_too_heavy_to_write, manifest_too_large_to_hold, manifest_too_many_files,
    manifest_too_many_items,
};
use crate::layout::{MANIFEST_PATH, PAYLOAD_MANIFEST_PATH, TAG_MANIFEST_PATH};

/// The summary check of `code` when the report lists only the first `listed` of its checks
/// and `more` were found beyond them (spec §9.3).
pub(crate) fn more_checks(code: crate::check::CheckCode, more: u64, listed: usize) -> String {
    use crate::check::CheckCode as C;
    let n = grouped(more);
    let cap = format!("the report lists the first {} checks of each code", grouped(listed as u64));
    match code {
        C::PayloadMissing => format!("and {n} more files listed in {PAYLOAD_MANIFEST_PATH} are missing ({cap})"),
        C::PayloadHashMismatch => format!("and {n} more files do not match their SHA-256 ({cap})"),
        C::ArchiveUnlistedFile => format!("and {n} more files are in the bundle but not listed ({cap})"),
        _ => format!("and {n} more {code} checks like those above ({cap})"),
    }
}

/// `n` with its thousands separated by commas, as the report writes counts: `1,000,000`.
pub(crate) fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `archive.structure`.
pub(crate) fn archive_structure(entries: impl Display) -> String {
    format!("the ZIP structure is sound ({entries} entries)")
}

/// `bagit.missing_tag_file`.
pub(crate) fn bagit_txt_missing() -> String {
    "bagit.txt is missing: this is not a BagIt bag".to_string()
}

/// `bagit.declaration_invalid`.
pub(crate) fn bagit_declaration_invalid() -> String {
    "bagit.txt is not the BagIt 1.0 declaration this format requires".to_string()
}

/// `bagit.declaration`.
pub(crate) fn bagit_declaration() -> String {
    "bagit.txt declares BagIt 1.0, UTF-8".to_string()
}

/// `bagit.missing_tag_file`.
pub(crate) fn bagit_manifest_missing(path: impl Display) -> String {
    format!("{path} is missing")
}

/// `bagit.manifest_malformed`.
pub(crate) fn bagit_manifest_lists_twice(path: impl Display, path2: impl Display) -> String {
    format!("{path} lists {path2} twice")
}

/// `bagit.manifest_malformed`.
pub(crate) fn bagit_manifest_malformed(path: impl Display, e: impl Display) -> String {
    format!("{path} is malformed: {e}")
}

/// `bagit.manifest_malformed`.
pub(crate) fn tag_manifest_lists_forbidden(path: impl Display) -> String {
    format!("{TAG_MANIFEST_PATH} lists {path}, which is not a tag file it may list")
}

/// `bagit.tag_file_missing`.
pub(crate) fn bagit_tag_file_missing(path: impl Display) -> String {
    format!("{path} is listed in {TAG_MANIFEST_PATH} but is not in the bundle")
}

/// `bagit.tag_hash_mismatch`.
pub(crate) fn bagit_tag_hash_mismatch(path: impl Display) -> String {
    format!("{path} does not match its SHA-256 in {TAG_MANIFEST_PATH}: it was changed")
}

/// `archive.unlisted_file`.
pub(crate) fn tag_file_unlisted(name: impl Display) -> String {
    format!("{name} is in the bundle but not listed in {TAG_MANIFEST_PATH}: it was added")
}

/// `bagit.tag_files`.
pub(crate) fn bagit_tag_files(line_count: impl Display) -> String {
    format!("{line_count} tag files match {TAG_MANIFEST_PATH}")
}

/// `bagit.missing_tag_file`.
pub(crate) fn bag_info_missing() -> String {
    "bag-info.txt is missing".to_string()
}

/// `bagit.bag_info_invalid`.
pub(crate) fn bagit_bag_info_invalid(e: impl Display) -> String {
    format!("bag-info.txt is malformed: {e}")
}

/// `bagit.payload_oxum_mismatch`.
pub(crate) fn bagit_payload_oxum_mismatch(v: impl Display, oxum: impl Display) -> String {
    format!("bag-info.txt says Payload-Oxum {v}, but the payload is {oxum} (bytes.files)")
}

/// `bagit.bag_info_invalid`.
pub(crate) fn bag_info_without_oxum() -> String {
    "bag-info.txt has no Payload-Oxum".to_string()
}

/// Why a file is not covered (`custody.unsigned_file`): a signature file of nothing signed.
pub(crate) const SIGNS_NOTHING: &str = "a signature of nothing the bundle signs";
/// Why a file is not covered (`custody.unsigned_file`): no event binds it.
pub(crate) const BOUND_BY_NO_EVENT: &str = "no custody event binds it";

/// `custody.unsigned_file`.
pub(crate) fn custody_unsigned_file(name: impl Display, why: impl Display) -> String {
    format!("{name} is not covered by any signature ({why}): it was added after sealing")
}

/// `event.invalid`.
pub(crate) fn event_invalid(name: impl Display, why: impl Display) -> String {
    format!("{name}: {why}")
}

/// `event.invalid`: the document's format string is not this version's.
pub(crate) fn event_wrong_format(found: impl Display, expected: impl Display) -> String {
    format!("format is '{found}', not {expected}")
}

/// `event.invalid`: the document is not at the path its sequence and type give.
pub(crate) fn event_misplaced(sequence: impl Display, event_type: impl Display, path: impl Display) -> String {
    format!("records event {sequence} of type {event_type}, which belongs in {path}")
}

/// `event.invalid`: an event without its own details, or with another type's.
pub(crate) fn event_details_mismatch(event_type: impl Display) -> String {
    format!("a {event_type} event must carry exactly its own details")
}

/// `event.invalid`: a seal event without its Merkle commitment (spec §5.3, §5.12).
pub(crate) fn seal_without_commitment() -> String {
    "the seal event signs no Merkle commitment (a seal of this format version must)".into()
}

/// `event.invalid`: a seal's commitment of an unknown scheme (spec §5.12).
pub(crate) fn event_commitment_scheme(found: impl Display, expected: impl Display) -> String {
    format!("the commitment's scheme is '{found}', not {expected}")
}

/// `event.invalid`: the signer's identity breaks the identity rules.
pub(crate) fn event_signer_invalid(e: impl Display) -> String {
    format!("signer: {e}")
}

/// `event.invalid`: an event binds a path no bundle may hold.
pub(crate) fn event_binds_unsafe_path(path: impl Display) -> String {
    format!("binds '{path}', which is not a safe path")
}

/// `event.invalid`.
pub(crate) fn event_not_schema(name: impl Display, e: impl Display) -> String {
    format!("{name} does not follow the event schema: {e}")
}

/// `event.missing`.
pub(crate) fn event_missing() -> String {
    "the bundle has no custody events: it was never sealed".to_string()
}

/// `event.sequence_gap`.
pub(crate) fn event_sequence_gap(name: impl Display, sequence: impl Display, i: impl Display) -> String {
    format!("{name} is event {sequence} but event {i} was expected: an event is missing or duplicated")
}

/// `event.wrong_bundle`.
pub(crate) fn event_wrong_bundle(name: impl Display, bundle_id: impl Display, bundle_id2: impl Display) -> String {
    format!(
        "{name} belongs to bundle {bundle_id}, not to this bundle ({bundle_id2}): it was copied from another bundle"
    )
}

/// `event.chain_broken`.
pub(crate) fn event_chain_broken(name: impl Display, pname: impl Display) -> String {
    format!("{name} does not name the SHA-256 of the event before it ({pname}): the chain was altered")
}

/// `event.chain_broken`.
pub(crate) fn first_event_names_previous(name: impl Display) -> String {
    format!("{name} is the first event but names a previous event")
}

/// `event.time_backwards`.
pub(crate) fn event_time_backwards(
    name: impl Display,
    time: impl Display,
    pname: impl Display,
    ptime: impl Display,
) -> String {
    format!("{name} claims {time}, earlier than {pname} ({ptime})")
}

/// `event.not_entitled`.
pub(crate) fn seal_not_by_sealer(name: impl Display, fingerprint: impl Display, fingerprint2: impl Display) -> String {
    format!("{name} is signed by {fingerprint}, but the manifest names {fingerprint2} as the sealer")
}

/// `manifest.capture_after_seal`.
pub(crate) fn manifest_capture_after_seal(id: impl Display, time: impl Display) -> String {
    format!("{id} says it was captured after the bundle was sealed ({time}): a clock is wrong")
}

/// `event.file_mismatch`.
pub(crate) fn seal_does_not_bind(name: impl Display, required: impl Display) -> String {
    format!("{name} does not bind {required}")
}

/// `event.not_entitled`.
pub(crate) fn first_event_not_seal(name: impl Display) -> String {
    format!("{name}: the first event must be the seal")
}

/// `event.recipient_mismatch`.
pub(crate) fn event_recipient_mismatch(name: impl Display, recipient: impl Display) -> String {
    format!("{name} names its recipient as {recipient}, but the bundled key file for that key says otherwise")
}

/// `event.unexpected_file`.
pub(crate) fn event_unexpected_file(
    name: impl Display,
    path: impl Display,
    event_type: impl Display,
    allowed_description: impl Display,
) -> String {
    format!(
        "{name} adds {path}, which a {event_type} event may not add ({allowed_description}): a file was smuggled into the \
                             bundle beside the evidence; do not use it, and ask the sender"
    )
}

/// What a seal may add (spec §6.3), for [`event_unexpected_file`].
pub(crate) const SEAL_MAY_ADD: &str =
    "a seal adds only bagit.txt, HOW-TO-VERIFY.txt, the manifest and the sealer's key file";
/// What a transfer may add (spec §6.3), for [`event_unexpected_file`].
pub(crate) const TRANSFER_MAY_ADD: &str = "a transfer adds only its recipient's key file";
/// What a receipt may add (spec §6.3), for [`event_unexpected_file`].
pub(crate) const RECEIPT_MAY_ADD: &str = "a receipt adds no files";
/// What a document event may add (spec §6.3), for [`event_unexpected_file`].
pub(crate) const DOCUMENT_MAY_ADD: &str = "a document event adds only its statement, the statement's signature, its \
     author's key file and the files the statement attaches under custody/attachments/NNNNNN/";
/// What an examination event may add (spec §6.3), for [`event_unexpected_file`].
pub(crate) const EXAMINATION_MAY_ADD: &str = "an examination event adds only its statement, the statement's \
     signature, its author's key file and the result files the statement attaches under custody/attachments/NNNNNN/";
/// What a countersign may add (spec §6.3), for [`event_unexpected_file`].
pub(crate) const COUNTERSIGN_MAY_ADD: &str =
    "a countersign adds only its statement, the statement's signature and its author's key file";
/// What an access event may add (spec §6.3), for [`event_unexpected_file`].
pub const ACCESS_MAY_ADD: &str =
    "an access event adds only its statement, the statement's signature and its author's key file";

/// What a disposition event may add (spec §6.3), for `event.unexpected_file`.
pub(crate) const DISPOSITION_MAY_ADD: &str = "a disposition event adds no file";
/// What a derivation event may add (spec §5.14).
pub(crate) const DERIVATION_MAY_ADD: &str = "a derivation event adds no file";

/// `event.recipient_key_missing`.
pub(crate) fn event_recipient_key_missing(
    name: impl Display,
    recipient: impl Display,
    key_path: impl Display,
) -> String {
    format!(
        "{name} hands the bundle to {recipient} but does not add their key file {key_path}, and no \
                             earlier event did: the recipient's receipt could never be checked"
    )
}

/// `signature.valid`.
pub(crate) fn event_signature_valid(name: impl Display, name2: impl Display, fingerprint: impl Display) -> String {
    format!("{name} is signed by {name2} ({fingerprint})")
}

/// `custody.transfer_pending`.
pub(crate) fn custody_transfer_pending(seq: impl Display, recipient: impl Display, name: impl Display) -> String {
    format!("the transfer of event {seq} to {recipient} has no receipt yet: {name} still holds the bundle")
}

/// `event.chain`.
pub(crate) fn event_chain(event_count: impl Display) -> String {
    format!("{event_count} custody events form an unbroken, signed chain")
}

/// `key.invalid`.
pub(crate) fn key_without_identity(name: impl Display) -> String {
    format!("{name} does not name its holder (no identity lines before the PEM block)")
}

/// `key.invalid`.
pub(crate) fn key_misnamed(name: impl Display, fp: impl Display) -> String {
    format!("{name} holds the key {fp}, which does not match its file name")
}

/// `key.invalid`.
pub(crate) fn key_unusable(name: impl Display, e: impl Display) -> String {
    format!("{name} is not a usable public key: {e}")
}

/// `key.duplicate_identity`.
pub(crate) fn key_duplicate_identity(count: impl Display, who: impl Display, files: impl Display) -> String {
    format!(
        "{count} keys in this bundle claim to be {who} ({files}): check with that person or office which key \
                     is theirs before relying on what each key signed"
    )
}

/// `signature.missing`.
pub(crate) fn signature_missing(path: impl Display, sig_path: impl Display) -> String {
    format!("{path} has no signature ({sig_path} is missing)")
}

/// `key.missing`.
pub(crate) fn key_missing(path: impl Display, fingerprint: impl Display) -> String {
    format!("{path} is signed by {fingerprint}, whose public key is not in custody/keys/")
}

/// `signature.signer_mismatch`.
pub(crate) fn signature_signer_mismatch(path: impl Display, signer: impl Display, id: impl Display) -> String {
    format!("{path} names its signer as {signer}, but the bundled key file says {id}")
}

/// `signature.invalid`.
pub(crate) fn signature_invalid(path: impl Display, name: impl Display) -> String {
    format!("the signature on {path} does not verify with {name}'s key: the document or its signature was altered")
}

/// `manifest.missing`.
pub(crate) fn manifest_missing() -> String {
    format!("{MANIFEST_PATH} is missing")
}

/// `manifest.invalid`.
pub(crate) fn manifest_not_schema(e: impl Display) -> String {
    format!("{MANIFEST_PATH} does not follow the manifest schema: {e}")
}

/// `manifest.invalid`.
pub(crate) fn manifest_breaks_rule(e: impl Display) -> String {
    format!("{MANIFEST_PATH}: {e}")
}

/// `manifest.payload_mismatch`.
pub(crate) fn manifest_disagrees_with_listing(path: impl Display) -> String {
    format!("{MANIFEST_PATH} and {PAYLOAD_MANIFEST_PATH} disagree about {path}")
}

/// `manifest.payload_mismatch`.
pub(crate) fn manifest_size_differs(path: impl Display, in_bundle: impl Display, recorded: impl Display) -> String {
    format!("{path} is {in_bundle} bytes in the bundle, but {MANIFEST_PATH} records {recorded}")
}

/// `manifest.payload_mismatch`.
pub(crate) fn listed_not_described(p: impl Display) -> String {
    format!("{p} is in {PAYLOAD_MANIFEST_PATH} but not described in {MANIFEST_PATH}")
}

/// `bagit.bag_info_mismatch`: line `line` of bag-info.txt differs from the derived text
/// (`None`: no such line).
pub(crate) fn bag_info_not_derived(line: usize, found: Option<&str>, expected: Option<&str>) -> String {
    let quote = |l: Option<&str>| l.map_or_else(|| "nothing".to_string(), |l| format!("{l:?}"));
    format!(
        "bag-info.txt is not exactly the text derived from the manifest and the seal (spec §2.3): line {line} is {}, \
         where it should be {}. Nothing in bag-info.txt is signed, so it may carry no other word; ask the sender for \
         the bundle as sealed",
        quote(found),
        quote(expected)
    )
}

/// `bundle.root_mismatch`.
pub(crate) fn bundle_root_mismatch(root: &str, manifest_id: &str) -> String {
    format!(
        "the archive's folder custody-{root}/ names another bundle than {MANIFEST_PATH}, whose bundle id is \
         {manifest_id}: the files were moved into another bundle's folder"
    )
}

/// `key.missing`: the sealer's key file is not in the bundle.
pub(crate) fn sealer_key_missing(fingerprint: impl Display) -> String {
    format!("the sealer's key {fingerprint} is not in the bundle (custody/keys/)")
}

/// Why a bundle of format `version` is not read (cannot verify, not invalid).
pub(crate) fn unsupported_format(version: u32) -> String {
    format!(
        "it is a bundle of format {version}, which was never released and which this version of custody does not \
         read (it reads format 2). This says nothing about the evidence. Verify it with \
         tools/legacy/verify_bundle_v1.py from git tag format-1-final (commit f386f04)"
    )
}

/// `manifest.valid`.
pub(crate) fn manifest_valid() -> String {
    format!("{MANIFEST_PATH} is well formed and describes exactly the payload")
}

/// `attestation.valid`.
pub(crate) fn attestation_valid(
    id: impl Display,
    kind: impl Display,
    by: impl Display,
    items: impl Display,
    file_count: impl Display,
) -> String {
    format!(
        "attestation '{id}' ({kind}) by {by} concerns {items} and the digests it certifies ({file_count} file(s)) match the payload"
    )
}

/// `bagit.manifest_malformed`.
pub(crate) fn payload_manifest_lists_outside_data(path: impl Display) -> String {
    format!("{PAYLOAD_MANIFEST_PATH} lists {path}, which is outside data/")
}

/// `payload.missing`.
pub(crate) fn payload_missing(p: impl Display) -> String {
    format!("{p} is listed in {PAYLOAD_MANIFEST_PATH} but missing from the bundle")
}

/// `payload.not_checked`.
pub(crate) fn payload_not_checked() -> String {
    "the payload digests were not recomputed in this check (custody documents only)".to_string()
}

/// `archive.unlisted_file`.
pub(crate) fn payload_file_unlisted(name: impl Display) -> String {
    format!("{name} is in the payload but not listed in {PAYLOAD_MANIFEST_PATH}: it was added")
}

/// `payload.hash_mismatch`.
pub(crate) fn payload_hash_mismatch(name: impl Display) -> String {
    format!("{name}: its SHA-256 does not match {PAYLOAD_MANIFEST_PATH}: the file was changed")
}

/// `archive.crc_mismatch`.
pub(crate) fn archive_crc_mismatch(name: impl Display) -> String {
    format!("{name}: the data does not match the ZIP CRC-32: the archive was damaged or edited")
}

/// `payload.verified`.
pub(crate) fn payload_verified(files: impl Display, bytes: impl Display) -> String {
    format!("{files} payload files ({bytes} bytes) all match their SHA-256 in {PAYLOAD_MANIFEST_PATH}")
}

/// `receipt.invalid`.
pub(crate) fn receipt_items_total_wrong(name: impl Display, total: u64, given: u64) -> String {
    format!("{name} answers for {given} item(s), but the bundle holds {total}: it was made for another bundle")
}

/// `receipt.invalid`.
pub(crate) fn receipt_exceptions_invalid(name: impl Display, why: impl Display) -> String {
    format!("{name}: the items it does not accept must each be an item of the bundle, named once; {why}")
}

/// `archive.too_many_events`.
pub(crate) fn archive_too_many_events(events: u64, max: u64) -> String {
    format!(
        "the bundle holds {events} event documents, more than the {max} a bundle may hold; none was read, and \
         nothing else was checked. No custody writer makes such a bundle: it was built to exhaust a verifier"
    )
}

/// `receipt.invalid`.
pub(crate) fn receipt_conditions_not_answered(name: impl Display) -> String {
    format!("{name} must accept or refuse each condition of the transfer, in order")
}

/// `receipt.invalid`.
pub(crate) fn receipt_decision_disagrees(name: impl Display, decision: impl Display) -> String {
    format!("{name}: the decision '{decision}' does not agree with the items and conditions it does not accept")
}

/// `receipt.invalid`.
pub(crate) fn receipt_one_key_judged_twice(name: impl Display, a: impl Display) -> String {
    format!(
        "{name}: the sealer and the sender are the same key ({a}), but the receipt records it as \
                     trusted once and not trusted once"
    )
}

/// `receipt.accepted_untrusted`.
pub(crate) fn receipt_accepted_untrusted(name: impl Display, who: impl Display, front: Front) -> String {
    let how = match front {
        Front::Library => "accepted as untrusted",
        Front::Cli => "accepted with --accept-untrusted",
    };
    format!(
        "{name} accepts the bundle although the recipient's trust list did not vouch for its {who} ({how}): that \
         identity is only the bundle's claim"
    )
}

/// `receipt.accepts_damaged_item`.
pub(crate) fn receipt_accepts_damaged_item(
    item: impl Display,
    path: impl Display,
    name: impl Display,
    others: usize,
) -> String {
    let others = if others > 0 { format!(" (and {others} other damaged item(s))") } else { String::new() };
    format!(
        "{item} is damaged: its file {path} is missing or does not match its SHA-256, yet {name} accepts \
                         it{others}. custody's `receive` never accepts a damaged item, so the file was most \
                         likely changed after that receipt was signed: the bundle was altered, not wrongly accepted"
    )
}

/// `receipt.trust_unrecorded`.
pub(crate) fn receipt_trust_unrecorded(name: impl Display, missing: impl Display) -> String {
    format!(
        "{name} accepts the bundle but does not record whether its sealer and sender were checked \
                     against a trust list (missing: {missing})"
    )
}

/// `receipt.invalid`.
pub(crate) fn receipt_record_contradicts_itself(name: impl Display) -> String {
    format!(
        "{name}: its verification record contradicts itself (a party trusted without a trust list, \
                     or tsa_trusted not null exactly when no TSA roots were given)"
    )
}

/// `bundle.complete`.
pub(crate) fn bundle_complete() -> String {
    "every file in the bundle is listed, hashed and covered by a signature".to_string()
}

/// `event.file_mismatch`: an event binds a file it may not.
pub(crate) fn event_binds(name: impl Display, path: impl Display, why: impl Display) -> String {
    format!("{name} binds {path} but {why}")
}

/// Why an event may not bind a file: no event may bind it.
pub(crate) const MAY_NOT_BIND: &str = "an event may not bind that file";
/// Why an event may not bind a file: another event binds it.
pub(crate) const ALREADY_BOUND: &str = "another event already binds it";
/// Why an event's binding fails: the file is absent.
pub(crate) const NOT_IN_BUNDLE: &str = "it is not in the bundle";
/// Why an event's binding fails: the file changed.
pub(crate) const CHANGED: &str = "its SHA-256 differs: the file was changed";

/// A message about a file or event of the bundle: its name, then what another module said.
pub(crate) fn about(name: impl Display, what: impl Display) -> String {
    format!("{name}: {what}")
}

/// The archive reader refused the file, and it may be a damaged bundle.
pub(crate) fn archive_unreadable_bundle(e: impl Display) -> String {
    format!("the bundle cannot be read as an archive: {e}")
}

/// `timestamp.orphan`.
pub(crate) fn timestamp_orphan(name: impl Display, event: impl Display) -> String {
    format!("{name} is a timestamp token for {event}, but that event or its signature is not in the bundle")
}

/// Every `timestamp.*` failure of a token itself (`TokenError`): the token's name, then why
/// it proves no time (`TokenError::worded`, from [`super::timestamp`]).
pub(crate) fn timestamp_failed(name: impl Display, why: impl Display) -> String {
    format!("{name}: {why}")
}

/// `timestamp.valid`.
pub(crate) fn timestamp_valid(event: impl Display, time: impl Display, tsa: impl Display) -> String {
    format!("{event} existed at {time} (trusted time from {tsa})")
}

/// `timestamp.untrusted`.
pub(crate) fn timestamp_untrusted(
    name: impl Display,
    tsa: impl Display,
    event: impl Display,
    time: impl Display,
    front: Front,
) -> String {
    let todo = match front {
        Front::Library => "give the TSA's root certificate among the TSA roots to trust it",
        Front::Cli => "pass --tsa-roots FILE with the TSA's root certificate to trust it",
    };
    format!(
        "{name} is a valid token from {tsa} saying {event} existed at {time}, but that TSA is not trusted here: {todo}"
    )
}

/// `timestamp.time_conflict`.
pub(crate) fn timestamp_time_conflict(
    event: impl Display,
    claim: impl Display,
    ahead: i64,
    time: impl Display,
    tolerance: i64,
) -> String {
    format!(
        "{event} claims {claim}, {ahead} s after its trusted time {time}: its signer's clock was wrong or the time \
         was falsified (tolerance {tolerance} s)"
    )
}

/// `timestamp.late`.
pub(crate) fn timestamp_late(event: impl Display, claim: impl Display, time: impl Display, hours: i64) -> String {
    format!(
        "{event} claims {claim}, but its trusted time is {time} ({hours} h later): the token proves only that the \
         event existed from then on"
    )
}

/// `timestamp.missing`.
pub(crate) fn timestamp_missing(path: impl Display, front: Front) -> String {
    let todo = match front {
        Front::Library => "a token can be added later without changing any signature",
        Front::Cli => "add one with `custody timestamp BUNDLE --tsa URL`",
    };
    format!("{path} has no trusted time (no RFC 3161 token): its time is only its signer's claim; {todo}")
}
