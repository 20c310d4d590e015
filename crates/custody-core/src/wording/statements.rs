//! The sentences about statements and the events that carry them (spec §5.7, §9.1 step 9b):
//! one function per check message (each doc names its code), the timeline line of a
//! countersignature and the report's lines under it. They quote bundle text raw: the
//! verifier makes every message printable. `verify::wording` walks the statement's types and
//! passes the values.

use std::fmt::Display;

use super::court_report::{Sentence, english};
use super::words;

/// `event.file_mismatch`: the carrying event does not bind its statement or its signature.
pub(crate) fn carrier_does_not_bind(name: impl Display, path: impl Display) -> String {
    format!("{name} carries {path} but does not bind it in its files")
}

/// `event.invalid`: the body names another path than the one the event's sequence and type give.
pub(crate) fn carrier_wrong_path(given: impl Display, expected: impl Display) -> String {
    format!("carries the statement at {given}, which belongs in {expected}")
}

/// `statement.invalid`.
pub(crate) fn statement_invalid(path: impl Display, why: impl Display) -> String {
    format!("{path} is not a valid statement: {why}")
}

/// `statement.invalid`: the statement's kind is not its carrying event's type.
pub(crate) fn statement_wrong_kind(path: impl Display, kind: impl Display, event_type: impl Display) -> String {
    format!("{path} is a {kind} statement, but the event that carries it is a {event_type}")
}

/// `statement.wrong_bundle`.
pub(crate) fn statement_wrong_bundle(path: impl Display, claimed: impl Display, actual: impl Display) -> String {
    format!("{path} was made about bundle {claimed}, not this bundle ({actual}): it was copied from another bundle")
}

/// `statement.concerns_unknown`: no earlier event has that sequence and SHA-256.
pub(crate) fn statement_concerns_unknown(path: impl Display, sequence: u64, carrier: u64) -> String {
    format!(
        "{path} concerns an event {sequence} that is not an earlier event of this bundle (before event {carrier}) \
         with the SHA-256 it names: the author signed another copy (a fork or a copy cut short), or the event was \
         changed afterwards"
    )
}

/// `statement.time_invalid`: made before an event it concerns.
pub(crate) fn statement_before_event(
    path: impl Display,
    time: impl Display,
    sequence: u64,
    at: impl Display,
) -> String {
    format!("{path} claims to be made at {time}, before event {sequence} it concerns ({at})")
}

/// `statement.time_invalid`: made after the event that carries it (beyond the tolerance).
pub(crate) fn statement_after_carrier(
    path: impl Display,
    time: impl Display,
    sequence: u64,
    at: impl Display,
) -> String {
    format!("{path} claims to be made at {time}, after event {sequence} that added it ({at}) by more than 5 minutes")
}

/// `countersign.by_own_signer`.
pub(crate) fn countersign_by_own_signer(path: impl Display, author: impl Display, sequence: u64) -> String {
    format!(
        "{path}: {author} countersigns event {sequence}, which they signed themselves; a countersignature adds \
         a second person's word only when someone else signs it"
    )
}

/// `statement.valid`.
pub(crate) fn statement_valid(path: impl Display, author: impl Display, key: impl Display, capacity: &str) -> String {
    format!("{path} is signed by {author} ({key}) as {}", words(capacity))
}

/// The first line the text report shows of a statement under its event: who made it, with
/// which key (a reader who relies on it confirms the fingerprint with its author), when and
/// where.
pub fn statement_heading(
    author: impl Display,
    capacity: &str,
    key: impl Display,
    time: impl Display,
    place: Option<&str>,
) -> String {
    let (author, capacity, key, time) = (author.to_string(), words(capacity), key.to_string(), time.to_string());
    match place {
        Some(p) => english(Sentence::StatementByIn, &[&author, &capacity, &key, &time, p]),
        None => english(Sentence::StatementBy, &[&author, &capacity, &key, &time]),
    }
}

/// A line of what the statement says, quoted under its heading.
pub fn statement_text_line(line: &str) -> String {
    format!("  {}", english(Sentence::StatementText, &[line]))
}

/// `access.unknown_item`: an access record lists an item the manifest does not hold.
pub(crate) fn access_unknown_item(path: impl Display, item: impl Display) -> String {
    format!("{path} records the extraction of {item}, which this bundle's manifest does not hold")
}

/// `attachment.missing`: a file the statement attaches is not in the bundle, or not bound by
/// its carrying event.
pub(crate) fn attachment_missing(statement: impl Display, path: impl Display, bound: bool) -> String {
    if bound {
        format!("{statement} attaches {path}, which is not in the bundle")
    } else {
        format!("{statement} attaches {path}, which the event that carries it does not bind")
    }
}

/// `attachment.hash_mismatch`: an attached file differs from what the statement says.
pub(crate) fn attachment_hash_mismatch(statement: impl Display, path: impl Display, size: u64, given: u64) -> String {
    if size == given {
        format!("{path} does not match the SHA-256 that {statement} gives it: the file was changed or replaced")
    } else {
        format!("{path} has {size} bytes, not the {given} that {statement} gives it: the file was changed or replaced")
    }
}

/// The line the text report shows of an attached document under its statement heading.
pub fn document_line(kind: &str, reference: &str, date: &str, language: &str, title: Option<&str>) -> String {
    let kind = words(kind);
    let line = match title {
        Some(t) => english(Sentence::DocumentLineTitled, &[&kind, reference, date, language, t]),
        None => english(Sentence::DocumentLine, &[&kind, reference, date, language]),
    };
    format!("  {line}")
}

/// A line per attached file under a statement: its bundle path and size.
pub fn attachment_line(path: &str, size: u64) -> String {
    format!("  file {path} ({size} bytes)")
}

/// `examination.unknown_item`.
pub(crate) fn examination_unknown_item(statement: impl Display, item: impl Display) -> String {
    format!("{statement} records an examination of item {item}, which the manifest does not describe")
}

/// The lines the text report shows of an examination under its statement heading.
pub fn examination_lines(
    items: &[String],
    tool: &str,
    version: &str,
    parameters: Option<&str>,
    conclusion: &str,
) -> Vec<String> {
    let said = |s: Sentence, holes: &[&str]| format!("  {}", english(s, holes));
    let mut lines = vec![said(Sentence::ExaminationLine, &[&items.join(", "), tool, version])];
    if let Some(p) = parameters {
        lines.extend(p.lines().map(|l| said(Sentence::ParametersLine, &[l])));
    }
    lines.extend(conclusion.lines().map(|l| said(Sentence::ConclusionLine, &[l])));
    lines
}
