//! A custody log's answer saved for an offline check later (docs/custody-log.md §1.1, spec §9.1
//! step 10c): `custody verify --log --save-log-answer FILE` keeps every lookup answer the online
//! check proved, as the log sent it (its signed checkpoint, the consistency proof from the copy's
//! newest stored checkpoint, each slot's entries with their inclusion proofs), in one JSON
//! document (`schemas/log-answer.schema.json`); `custody verify --checkpoint FILE` checks the
//! copy against it as against the log, under the manifest's key, except that "no later event" is
//! never `latest` offline (the entry lists are not signed; the answer may be old). A FILE holding only a
//! signed checkpoint note is read too: it can only be compared with the copy's newest stored
//! checkpoint. The file is untrusted: read bounded and strictly, and every answer in it is
//! checked like the log's own (a bad signature or proof proves nothing, never a pass).

use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use super::lookup::{Answer, LookupError, WireAnswer};
use crate::keys::note::MAX_NOTE_BYTES;
use crate::wording;

/// The format tag of a saved answer.
pub const SAVED_FORMAT: &str = "custody-log-answer/1";
/// The largest saved-answer file read: a few lookups of the largest answer a log may give.
pub const MAX_SAVED: u64 = 64 << 20;

/// A saved answer document (`schemas/log-answer.schema.json`).
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SavedAnswers {
    /// Always `custody-log-answer/1`.
    pub format: String,
    /// The address the log was asked at.
    pub url: String,
    /// The bundle the answers are about.
    pub bundle_id: String,
    /// The lookups made, in order: from which stored checkpoint size, and the answer.
    pub lookups: Vec<SavedLookup>,
}

/// One lookup and its answer, as the log sent it.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SavedLookup {
    /// The size of the stored checkpoint the answer's consistency proof starts from (null: none).
    pub from: Option<u64>,
    /// The log's answer (`POST /v1/lookup`, docs/custody-log.md §5.1).
    pub(crate) answer: WireAnswer,
}

/// What a `--checkpoint FILE` holds.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Saved {
    /// Saved lookup answers.
    Answers(SavedAnswers),
    /// Only a signed checkpoint note.
    Checkpoint(String),
}

/// Where the online check gets its answers when not from the log: the saved file, by name.
#[derive(Debug, Clone)]
pub struct SavedSource {
    /// The file's name, as given (said in the report).
    pub file: String,
    /// Its content.
    pub saved: Saved,
}

/// Where an online check keeps the answers it proved, to be saved.
pub type AnswerSink = Arc<Mutex<Vec<SavedLookup>>>;

/// Where the online check takes the log's answers from, and keeps them
/// ([`VerifyOptions::log_answers`](crate::verify::VerifyOptions::log_answers)).
#[derive(Debug, Clone, Default)]
pub struct AnswersVia {
    /// Take them from this saved file instead of asking the log (`--checkpoint FILE`).
    pub saved: Option<Arc<SavedSource>>,
    /// Keep every answer the check proved here, to be saved (`--save-log-answer FILE`).
    pub keep: Option<AnswerSink>,
}

/// Why a saved file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SavedError {
    #[error("{}", wording::log::saved_unreadable(.0))]
    /// Neither a saved answer nor a checkpoint note.
    Unreadable(String),
}

impl Saved {
    /// Reads a saved file's bytes (already bounded by [`MAX_SAVED`]): a JSON document of format
    /// [`SAVED_FORMAT`], or a signed note (text, at most a note's size). Not checked here.
    pub fn parse(bytes: &[u8]) -> Result<Saved, SavedError> {
        let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
        if first == Some(&b'{') {
            let doc: SavedAnswers = serde_json::from_slice(bytes).map_err(|e| SavedError::Unreadable(e.to_string()))?;
            if doc.format != SAVED_FORMAT {
                return Err(SavedError::Unreadable(format!("format {:?}", doc.format)));
            }
            if doc.lookups.len() > 64 {
                return Err(SavedError::Unreadable(format!("{} lookups", doc.lookups.len())));
            }
            return Ok(Saved::Answers(doc));
        }
        if bytes.len() > MAX_NOTE_BYTES {
            return Err(SavedError::Unreadable(wording::log::SAVED_NOT_A_NOTE.into()));
        }
        let text =
            std::str::from_utf8(bytes).map_err(|_| SavedError::Unreadable(wording::log::SAVED_NOT_A_NOTE.into()))?;
        Ok(Saved::Checkpoint(text.to_owned()))
    }
}

impl SavedAnswers {
    /// The answer saved for a lookup from `from`, read strictly (not yet checked).
    pub(crate) fn answer_from(&self, from: Option<u64>) -> Result<Answer, LookupError> {
        let saved = self.lookups.iter().find(|l| l.from == from).ok_or_else(|| {
            let had: Vec<String> =
                self.lookups.iter().map(|l| l.from.map_or_else(|| "none".to_owned(), |n| n.to_string())).collect();
            LookupError::Malformed(wording::log::saved_not_from(from, &had.join(", ")))
        })?;
        Answer::from_wire(&saved.answer)
    }
}

/// The lookup `answer` from `from`, to be saved.
pub(crate) fn to_save(from: Option<u64>, answer: &Answer) -> SavedLookup {
    SavedLookup { from, answer: answer.to_wire() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(extra: &str) -> String {
        format!(
            r#"{{"format":"custody-log-answer/1","url":"http://x","bundle_id":"{}","lookups":[{{"from":3,
            "answer":{{"checkpoint":"n","slots":[]}}}}]{extra}}}"#,
            "a".repeat(32)
        )
    }

    /// A saved file is read strictly: its format, no unknown member; anything not JSON is a note
    /// only if it is text of a note's size.
    #[test]
    fn saved_files_are_read_strictly() {
        let Ok(Saved::Answers(a)) = Saved::parse(doc("").as_bytes()) else { panic!("a saved answer") };
        assert_eq!(a.lookups[0].from, Some(3));
        assert!(a.answer_from(Some(3)).is_ok());
        let none = a.answer_from(Some(4)).unwrap_err().to_string();
        assert!(none.contains("no lookup from a stored checkpoint of 4 entries") && none.contains("from: 3"), "{none}");
        for bad in [doc(r#","more":1"#), doc("").replace("answer/1", "answer/2"), "{".to_owned()] {
            let e = Saved::parse(bad.as_bytes()).unwrap_err().to_string();
            assert!(e.contains("not a custody log answer saved"), "{bad}: {e}");
        }
        assert!(matches!(Saved::parse(b"origin\n3\nroot\n\n- sig\n"), Ok(Saved::Checkpoint(_))));
        assert!(Saved::parse(&[0xff, 0xfe]).is_err());
        assert!(Saved::parse(&vec![b'x'; MAX_NOTE_BYTES + 1]).is_err());
    }
}
