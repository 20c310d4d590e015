//! Why a document or a BagIt text file cannot be read as the format says (spec §2.3, §2.4,
//! §5.1), and why a transfer's or a receipt's details break the rules of §5.4, §5.5 and §7.3:
//! the detail the report gives after the check's own sentence. Bundle text is quoted raw: the
//! verifier makes every message printable.

use std::fmt::Display;

use crate::layout::{MAX_CONDITIONS, MAX_ENTRIES, MAX_MANIFEST_LINE};

/// A document whose JSON has two readings (spec §5.1).
pub const DOCUMENT_ARRAY_FOR_OBJECT: &str = "an object is written as an array (a document must have one reading)";

/// A BagIt text file that is not UTF-8.
pub const NOT_UTF8_TEXT: &str = "not UTF-8 text";

/// A BagIt manifest whose last line is not ended.
pub const MANIFEST_LAST_LINE_OPEN: &str = "the last line does not end with a line feed";

/// A BagIt manifest with CR LF line ends.
pub const MANIFEST_CRLF: &str = "lines must end with LF only, not CR LF";

/// A BagIt manifest line over the line limit (spec §9.4).
pub fn manifest_line_too_long(n: usize) -> String {
    format!("line {n} is longer than {MAX_MANIFEST_LINE} bytes")
}

/// A BagIt manifest of more lines than a bundle has entries (spec §9.4).
pub fn manifest_too_many_lines() -> String {
    format!("it lists more than {MAX_ENTRIES} files, more than a bundle can hold")
}

/// A BagIt manifest whose lines naming no file of the bundle weigh more than a reader holds
/// (spec §9.4), found at line `n`.
pub fn manifest_too_heavy(n: usize) -> String {
    format!(
        "at line {n}, it lists more files that are not in the bundle than a verifier holds (their paths weigh over \
         {} MiB): most of the listed files are missing, or the file was made by hand. Ask the sender for a complete \
         copy of the bundle",
        crate::layout::MAX_LISTING_WEIGHT >> 20
    )
}

/// A BagIt manifest whose paths do not fit the reader's offsets.
pub const MANIFEST_TOO_LARGE: &str = "it is too large";

/// A BagIt manifest line without two spaces between digest and path.
pub fn manifest_line_shape(n: usize) -> String {
    format!("line {n} is not '<sha256>  <path>'")
}

/// A BagIt manifest line whose digest is not a SHA-256.
pub fn manifest_line_digest(n: usize, why: impl Display) -> String {
    format!("line {n}: {why}")
}

/// A BagIt manifest line with a bad `%` escape.
pub fn manifest_line_escape(n: usize) -> String {
    format!("line {n}: bad %-escape in the path")
}

/// A BagIt manifest line whose path breaks the name rules (spec §3.4).
pub fn manifest_line_unsafe(n: usize, path: impl Display, why: impl Display) -> String {
    format!("line {n}: unsafe path '{path}': {why}")
}

/// bag-info.txt beginning with a continuation line.
pub const BAG_INFO_STARTS_CONTINUED: &str = "bag-info.txt starts with a continuation line";

/// A bag-info.txt line without a label.
pub fn bag_info_line_without_colon(n: usize) -> String {
    format!("bag-info.txt line {n} has no ':'")
}

/// A receipt's exception group that names no item (spec §5.5).
pub fn group_names_no_item(status: impl Display) -> String {
    format!("a group ({status}) names no item")
}

/// A receipt naming an item the bundle does not have.
pub fn receipt_unknown_item(id: impl Display) -> String {
    format!("'{id}' is not an item of this bundle")
}

/// A receipt naming an item twice.
pub fn receipt_item_twice(id: impl Display) -> String {
    format!("'{id}' is named twice")
}

/// A transfer's recipient whose identity breaks the rules of §4.3.
pub fn recipient_invalid(why: impl Display) -> String {
    format!("recipient: {why}")
}

/// Conditions not numbered from 1.
pub const CONDITIONS_OUT_OF_ORDER: &str = "conditions must be numbered 1, 2, ... in order";

/// More conditions than a transfer may attach (spec §9.4).
pub fn too_many_conditions(n: usize) -> String {
    format!("{n} conditions; a transfer may attach at most {MAX_CONDITIONS}")
}

/// A disposition member present for an action that takes none, or absent for the one that
/// needs it (spec §5.11).
pub fn disposition_member(member: &str, action: &str, present: bool) -> String {
    if present {
        format!("a disposition '{action}' must not have '{member}'")
    } else {
        format!("a disposition '{action}' must have '{member}'")
    }
}

/// A disposition's item list that breaks its rules (spec §5.11).
pub fn disposition_items(max: usize) -> String {
    format!("a disposition's items must be 1 to {max} distinct ids of the form item-N")
}

/// A `retention_extended` disposition that would not extend the retention in force (spec
/// §5.11).
pub fn retention_not_extended(new: impl std::fmt::Display, now: impl std::fmt::Display) -> String {
    format!(
        "keep_until {new} is not later than the date the bundle may be kept until now ({now}): a retention_extended \
         disposition only extends; give a later date"
    )
}

/// A derivation event's items or count that break its rules (spec §5.14).
pub fn derivation_items(max: usize, max_redacted: u64) -> String {
    format!(
        "a derivation's items must be 1 to {max} ids of the form item-N in manifest order (increasing N, each \
         once), its redacted_files at most {max_redacted}, and its bundle_id a bundle id"
    )
}

/// A transfer to its own signer.
pub const TRANSFER_TO_OWN_KEY: &str = "a transfer to the signer's own key";

/// A receipt's verification state that is neither state a receipt may record.
pub fn verification_state_invalid(state: impl Display) -> String {
    format!("receipt verification state '{state}' is neither intact nor invalid")
}

/// A receipt whose decision does not follow from its answers (spec §7.3).
pub const DECISION_DISAGREES: &str = "the decision does not agree with the answers";

/// A receipt that accepts without recording whom it checked (spec §7.3).
pub const ACCEPTS_UNCHECKED: &str = "it accepts without recording whom the recipient checked";

/// A receipt whose verification record contradicts itself (spec §7.3).
pub const RECORD_CONTRADICTS_ITSELF: &str = "its verification record contradicts itself";

/// Why a rejection refuses each condition.
pub const BUNDLE_REJECTED: &str = "the bundle was rejected";

/// A trust-list entry field that differs from the identity the bundle claims.
pub fn trust_field_differs(field: impl Display, listed: impl Display, claimed: impl Display) -> String {
    format!("{field}: trust list says '{listed}', bundle says '{claimed}'")
}
