//! Why a manifest is invalid (`manifest.invalid`, spec §5.2): the sentence of each rule of
//! `manifest::rules`, which the sealer shows when it refuses to sign and the verifier puts in
//! its report. `field` is the member's JSON path (`case.authorisations[0]`), quoted raw: the
//! verifier makes every message printable.

use std::fmt::Display;

/// A text member that is empty or blank.
pub fn field_empty(field: impl Display) -> String {
    format!("{field} is empty")
}

/// A text member over its length limit.
pub fn field_too_long(field: impl Display, max: usize) -> String {
    format!("{field} is longer than {max} characters")
}

/// A text member with control or text-direction characters.
pub fn field_control_characters(field: impl Display) -> String {
    format!("{field} contains control or text-direction characters")
}

/// `UK` given for the United Kingdom.
pub fn country_uk(field: impl Display) -> String {
    format!("{field}: 'UK' is not an ISO 3166-1 code; the United Kingdom's code is GB")
}

/// A country code that is not ISO 3166-1 alpha-2.
pub fn country_unknown(field: impl Display, code: impl Display) -> String {
    format!("{field}: '{code}' is not an ISO 3166-1 alpha-2 country code (e.g. FR, DE, US)")
}

/// The bundle id rule (spec §5.1).
pub const BUNDLE_ID_INVALID: &str = "bundle_id is not 32 lowercase hex digits";

/// A manifest of another format.
pub fn format_unknown(found: impl Display, expected: impl Display) -> String {
    format!("format is '{found}', not {expected}")
}

/// The sealer's identity breaks the identity rules (spec §4.3).
pub fn sealer_invalid(why: impl Display) -> String {
    format!("sealer: {why}")
}

/// A manifest without items.
pub const NO_ITEMS: &str = "no items";

/// A commitment of a scheme this version does not know (spec §5.12).
pub fn commitment_scheme_unknown(found: impl Display, expected: impl Display) -> String {
    format!("commitment.scheme is '{found}', not {expected}")
}

/// A commitment whose seed is all zeros: its salts would be guessable (spec §5.12).
pub const COMMITMENT_SEED_ZERO: &str = "commitment.seed is all zeros; it must be 32 random bytes";

/// Items not numbered `item-1`, `item-2`, ...
pub fn item_id_out_of_order(n: usize, id: impl Display) -> String {
    format!("item {n} has id '{id}', expected 'item-{n}'")
}

/// A derived bundle with attestations (§5.13): nothing would prove they are the parent's
/// actors'.
pub const DERIVED_WITH_ATTESTATIONS: &str =
    "a derived bundle carries no attestations: nothing proves they are the original's actors'";

/// A derived bundle's item whose id is not `item-N` greater than the one before (§5.13).
pub fn derived_item_id_out_of_order(id: impl Display) -> String {
    format!(
        "item id '{id}' is not of the form item-N with N greater than the previous item's (a derived bundle keeps its parent's ids, in order)"
    )
}

/// An item without files.
pub fn item_without_files(id: impl Display) -> String {
    format!("{id} has no files")
}

/// A file path outside its item's folder, or unsafe (spec §3.4).
pub fn file_path_unsafe(id: impl Display, path: impl Display, prefix: impl Display) -> String {
    format!("{id}: file path '{path}' is not a safe path under {prefix}")
}

/// A file described twice.
pub fn file_described_twice(path: impl Display) -> String {
    format!("{path} is described twice")
}

/// An id that is not 1-64 letters, digits, `-`, `_` or `.`.
pub fn id_invalid(at: impl Display, id: impl Display) -> String {
    format!("{at}.id '{id}' must be 1-64 letters, digits, '-', '_' or '.'")
}

/// An id used twice.
pub fn id_twice(at: impl Display, id: impl Display) -> String {
    format!("{at}.id '{id}' is used twice")
}

/// An authorisation whose window ends before it starts.
pub fn window_reversed(at: impl Display, until: impl Display, from: impl Display) -> String {
    format!("{at}.scope: the window ends ({until}) before it starts ({from})")
}

/// An authorisation whose document is not a payload file.
pub fn document_not_payload(at: impl Display, path: impl Display) -> String {
    format!("{at}.document_path '{path}' is not a payload file of this bundle")
}

/// An authorisation whose document's SHA-256 is not its file's.
pub fn document_digest_mismatch(at: impl Display, path: impl Display) -> String {
    format!("{at}: document_sha256 does not match the SHA-256 of its document {path} in this bundle")
}

/// A related request that expires before it was issued.
pub fn request_expires_before_issued(i: usize, expires: impl Display, issued: impl Display) -> String {
    format!("case.related_requests[{i}]: expires_on {expires} is before issued_on {issued}")
}

/// An actor reference in a manifest that lists no actors.
pub fn actor_unknown_no_actors(field: impl Display, id: impl Display) -> String {
    format!("{field} names the actor '{id}', but the manifest lists no actors; add it to `actors`")
}

/// An actor reference to no listed actor.
pub fn actor_unknown(field: impl Display, id: impl Display, known: impl Display) -> String {
    format!("{field} names the actor '{id}', who is not in `actors` (known: {known})")
}

/// Onward transfer by consent, without whose consent.
pub const CONSENT_OF_MISSING: &str =
    "restrictions.onward_transfer: rule consent_required needs consent_of (whose consent)";

/// Two items with one exhibit reference.
pub fn exhibit_twice(first: impl Display, second: impl Display, exhibit: impl Display) -> String {
    format!("{first} and {second} have the same exhibit reference '{exhibit}'")
}

/// A capture that ends before it starts.
pub fn capture_end_before_start(at: impl Display, end: impl Display, start: impl Display) -> String {
    format!("{at}.capture: capture_end ({end}) is before captured_at ({start})")
}

/// A per-file capture record whose window is reversed.
pub fn capture_file_end_before_start(at: impl Display, end: impl Display, start: impl Display) -> String {
    format!("{at}: capture_end ({end}) is before captured_at ({start})")
}

/// A per-file capture record naming a path that is not a file of its item.
pub fn capture_file_not_a_file(at: impl Display, k: usize, path: impl Display) -> String {
    format!("{at}.capture.capture_files[{k}].path: '{path}' is not a file of {at}")
}

/// A per-file capture record for a file that already has one.
pub fn capture_file_twice(at: impl Display, k: usize, path: impl Display) -> String {
    format!("{at}.capture.capture_files[{k}].path: '{path}' has a capture file record already")
}

/// A per-file capture record of a format not in the closed list of §5.2.2.
pub fn capture_file_format_unknown(at: impl Display, format: impl Display) -> String {
    format!("{at}.format: '{format}' is not one of WARC, ARC, WACZ, yt-dlp info")
}

/// A per-file capture record whose pages_total is not more than the pages it lists.
pub fn capture_file_pages_total(at: impl Display, total: u64, listed: usize) -> String {
    format!("{at}.pages_total: {total} is not more than the {listed} pages listed (give it only when more)")
}

/// A capture under an authorisation the case does not list.
pub fn authorisation_unknown(at: impl Display, id: impl Display) -> String {
    format!("{at}.capture.authorisation names '{id}', which is not in case.authorisations")
}

/// Derived from an item that is not in the bundle.
pub fn derived_from_unknown_item(at: impl Display, k: usize, parent: impl Display) -> String {
    format!("{at}.capture.derived_from[{k}] names item '{parent}', which is not in this bundle")
}

/// Derived from itself.
pub fn derived_from_itself(at: impl Display, k: usize) -> String {
    format!("{at}.capture.derived_from[{k}] names the item itself")
}

/// Derived from a file the parent item does not have.
pub fn derived_from_digest_unknown(at: impl Display, k: usize, parent: impl Display, sha256: impl Display) -> String {
    format!("{at}.capture.derived_from[{k}]: no file of {parent} has the SHA-256 {sha256}")
}

/// A language that is not a language tag.
pub fn language_invalid(at: impl Display, k: usize, tag: impl Display) -> String {
    format!("{at}.capture.languages[{k}] '{tag}' is not a language tag such as 'en' or 'ar-SY'")
}

/// An imported capture field naming a file outside its item.
pub fn imported_not_a_file(at: impl Display, from: impl Display) -> String {
    format!("{at}.capture.imported: '{from}' is not a file of {at}")
}

/// An attestation about no item.
pub fn attestation_without_items(at: impl Display) -> String {
    format!("{at}.items is empty: name the items it concerns")
}

/// An attestation naming an unknown item.
pub fn attestation_unknown_item(at: impl Display, id: impl Display) -> String {
    format!("{at}.items names '{id}', which is not an item of this bundle")
}

/// An attestation naming an item twice.
pub fn attestation_item_twice(at: impl Display, id: impl Display) -> String {
    format!("{at}.items names '{id}' twice")
}

/// An attestation certifying a file outside its items.
pub fn attestation_file_outside(at: impl Display, path: impl Display) -> String {
    format!("{at} certifies {path}, which is not a file of the items it names")
}

/// An attestation certifying a file with another SHA-256.
pub fn attestation_digest_mismatch(at: impl Display, path: impl Display) -> String {
    format!("{at} certifies {path} with a SHA-256 that is not the file's in this bundle")
}

/// An attestation certifying a file that is not payload.
pub fn attestation_not_payload(at: impl Display, path: impl Display) -> String {
    format!("{at} certifies {path}, which is not a payload file")
}

/// A writer's refusal of `items` items, more than the `max` a bundle may hold (spec §9.4):
/// what is wrong, then what to do.
pub fn too_many_items(items: u64, max: u64) -> String {
    format!(
        "{items} items is more than a bundle may hold ({max}); no input was read and nothing written. An item is \
         one capture with its own provenance: give the files of one capture as one input (a folder, or a case file \
         item of that folder), which holds up to a million files, or split the evidence into several bundles"
    )
}
