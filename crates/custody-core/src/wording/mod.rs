//! Every sentence custody says to people, in one catalogue: the report's check messages
//! (`checks`; `chain`, an event that breaks a custody rule; `manifest`, why a manifest is
//! invalid; `documents`, why a document or BagIt file cannot be read as the format says;
//! `keys`, why a key file or identity was refused), its sentences about the bundle as a whole
//! (`report`: descriptions of signers and events, the summary under each state, why a file is
//! not a bundle, the timeline's sentences), the words of the text report's layout (`render`),
//! the restrictions on use (`restrictions`), statements and countersignatures (`statements`),
//! the provenance advisories (`advisories`), why the ZIP reader refused an archive (`archive`),
//! why a timestamp token proves no time and why a timestamp authority failed (`timestamp`), and
//! the shared words: vocabulary codes as words, the limit every summary states, and whom a
//! remedy speaks to ([`Front`]); the command line's own sentences about its options (`cli`); the
//! court report's words in each of its languages (`court_report`: headings, labels, the
//! restrictions and conditions, the case's labels, the latest event, a vocabulary) and the
//! certification forms' (`forms`). The text report is English; a translation of it replaces
//! this one folder.
//!
//! It is the bottom layer: it imports only `check`, `text` and `layout`, so every module,
//! the archive reader and the token parser included, words what it says here. Sentences are
//! functions of plain values (names, numbers, codes, fragments); code that walks a type
//! picks the sentence and passes the values: the errors' `Display` in `archive` and
//! `timestamp`, and for the report `verify::wording`, which cannot sit below the report's,
//! manifest's and events' types it walks and holds no sentence of its own.

pub mod advisories;
pub mod archive;
pub(crate) mod bounds;
pub(crate) mod chain;
pub(crate) mod checks;
pub mod cli;
pub(crate) mod commitment;
pub mod court_report;
pub mod derivation;
pub(crate) mod disposition;
pub mod documents;
pub mod envelope;
pub mod forms;
pub mod keys;
pub mod log;
pub mod manifest;
pub mod render;
pub mod report;
pub mod statements;
pub mod timestamp;
pub(crate) mod trust;

/// Whom a sentence with a remedy speaks to. A remedy names what to do; the library's
/// caller does it through the library (give a trust list, add a token), a person at
/// custody's command line through its options and subcommands (`--trust FILE`, `custody
/// timestamp`). Only the catalogue words either; the CLI asks for [`Front::Cli`] (in
/// [`VerifyOptions::front`](crate::verify::VerifyOptions::front)), every other caller gets the
/// library's words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Front {
    /// A program using custody-core: remedies speak of the library's options and verbs.
    #[default]
    Library,
    /// A person at custody's command line: remedies name its options and subcommands.
    Cli,
}

/// A vocabulary code as words for people (`accepted_in_part` → `accepted in part`): the one
/// mapping the text report and the events' one-line summaries use. JSON keeps the codes.
pub fn words(code: &str) -> String {
    match code {
        "hash_mismatch" => "damaged, does not match its SHA-256".into(),
        _ => code.replace('_', " "),
    }
}

/// An output's folder that does not exist (the path is said before it).
pub const FOLDER_MISSING: &str = "this folder does not exist: create it first, or give a path in a folder that exists";

/// What the operating system said of a failed operation, without the path a library may
/// have added to it (custody names the user's file itself).
pub fn os_error(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.split_once(" at path ") {
        Some((said, _)) => said.to_owned(),
        None => text,
    }
}

/// What a verifier cannot see: events removed from the end, or a fork. Every summary of a
/// bundle that checks says it (spec §9.2, §12).
pub const TRUNCATION_LIMIT: &str = "Removing the last custody events, or a copy that a former custodian continued \
     separately (a fork), leaves no trace: confirm the latest event below with the sender.";

/// The truncation limit as `inspect` tells it (its report lists the custody periods, not the
/// latest event).
pub const TRUNCATION_LIMIT_INSPECT: &str = "Removing the last custody events, or a copy that a former custodian \
     continued separately (a fork), leaves no trace: confirm the last custody period below with the sender.";

#[cfg(test)]
mod tests {
    use super::Front;
    use crate::archive::ArchiveError;
    use crate::layout::MAX_ENTRIES;
    use crate::text::printable;
    use crate::timestamp::{TokenError, TsaError};

    /// The errors of the lower layers read as the catalogue words them, byte for byte as
    /// before the catalogue held them, hostile names escaped.
    #[test]
    fn lower_layer_errors_are_worded_by_the_catalogue() {
        let hostile = "evil\u{1b}[2J.txt";
        let e = ArchiveError::UnsafeName { name: hostile.into(), why: "it is absolute" };
        assert_eq!(e.to_string(), format!("entry '{}' has an unsafe name: it is absolute", printable(hostile)));
        assert!(!e.to_string().contains('\u{1b}'));
        assert_eq!(
            ArchiveError::TooManyEntries(7).to_string(),
            format!("the archive claims 7 entries; at most {MAX_ENTRIES} are allowed")
        );
        assert_eq!(
            ArchiveError::NameCollision("A".into(), "a".into()).to_string(),
            "entries 'A' and 'a' differ only in letter case, Unicode form or invisible characters; extracted on \
             many systems one would overwrite the other"
        );
        assert_eq!(
            ArchiveError::UnsupportedFlags { name: "x".into(), flags: 8 }.to_string(),
            "entry 'x' has ZIP flags 0x0008, but bundles use exactly 0x0800 (UTF-8 names, nothing else): the \
             archive was not written as a custody bundle (was it unzipped and zipped again?)"
        );
        assert_eq!(ArchiveError::Gap(3, 9).to_string(), "3 unaccounted bytes before or between entries at offset 9");
        assert_eq!(
            TokenError::CertExpired("CN=TSA".into(), "2020".into()).to_string(),
            "the certificate of CN=TSA was not valid at the token's time 2020"
        );
        let root = TokenError::UntrustedRoot("r".into());
        assert_eq!(root.to_string(), "the TSA certificate does not chain to one of the TSA roots given: r");
        assert_eq!(root.worded(Front::Library), root.to_string());
        assert_eq!(root.worded(Front::Cli), "the TSA certificate does not chain to a root in --tsa-roots: r");
        assert_eq!(TokenError::ImprintMismatch.worded(Front::Cli), TokenError::ImprintMismatch.to_string());
        assert_eq!(
            TsaError::ContentType { url: "http://t".into(), got: "text/html".into() }.to_string(),
            "the timestamp authority http://t answered with \"text/html\" content, not application/timestamp-reply; \
             is this a TSA address?"
        );
    }
}
