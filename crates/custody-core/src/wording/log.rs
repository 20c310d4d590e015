//! The custody log (issue #20): why a signed note, a verifier key, a checkpoint or a log
//! proof was refused (the text of each `NoteError` and `CheckpointError`, whose
//! `Display` calls these), in the variants' order.

use std::fmt::Display;

/// `NoteError::TooLarge`.
pub fn note_too_large(len: usize, max: usize) -> String {
    format!("the signed note is {len} bytes; at most {max} are read")
}

/// `NoteError::NotUtf8`.
pub const NOTE_NOT_UTF8: &str = "the signed note is not UTF-8 text";

/// `NoteError::ControlCharacter`.
pub fn note_control_character(at: usize) -> String {
    format!("the signed note has a control character (other than a line feed) at byte {at}")
}

/// `NoteError::Malformed`.
pub fn note_malformed(why: impl Display) -> String {
    format!("the signed note is malformed: {why}")
}

/// `NoteError::TooManySignatures`.
pub fn note_too_many_signatures(max: usize) -> String {
    format!("the signed note has more than {max} signature lines")
}

/// `NoteError::BadSignatureLine`.
pub fn note_bad_signature_line(line: usize, why: impl Display) -> String {
    format!("signature line {line} of the signed note is malformed: {why}")
}

/// `NoteError::NotSigned`.
pub fn note_not_signed(name: impl Display, key_id: u32) -> String {
    format!("the signed note carries no signature by {name} (key id {key_id:08x})")
}

/// `NoteError::BadSignature`.
pub fn note_bad_signature(name: impl Display, key_id: u32) -> String {
    format!("the signature by {name} (key id {key_id:08x}) does not verify: the note was changed or forged")
}

/// `NoteError::BadVerifierKey`.
pub fn bad_verifier_key(why: impl Display) -> String {
    format!("not a verifier key (NAME+KEYID+BASE64, Ed25519): {why}")
}

/// `NoteError::BadName`.
pub fn bad_note_name(why: impl Display) -> String {
    format!("not a usable key name: {why}")
}

/// `NoteError::Sign`.
pub fn note_sign_failed(why: impl Display) -> String {
    format!("the note could not be signed: {why}")
}

/// `CheckpointError::Note`.
pub fn checkpoint_note(why: impl Display) -> String {
    format!("the checkpoint is not a valid signed note of the log: {why}")
}

/// `CheckpointError::Body`.
pub fn checkpoint_body(why: impl Display) -> String {
    format!("the checkpoint's text is malformed: {why}")
}

/// The log server's 431 for a head over `max` bytes.
pub fn http_head_too_large(max: usize) -> String {
    format!("the request head is over {} KiB", max / 1024)
}

/// The log server's 431 for more than `max` headers.
pub fn http_too_many_headers(max: usize) -> String {
    format!("more than {max} headers")
}

/// The log server's 408 for a request not whole within `secs` seconds.
pub fn http_timeout(secs: u64) -> String {
    format!("the request did not arrive within {secs} s")
}

/// The log server's 400 for a lookup of more than `max` slots.
pub fn lookup_too_many_slots(max: usize) -> String {
    format!("at most {max} slots per lookup")
}

/// `commit::proof::NodeOutside`.
pub const NODE_OUTSIDE: &str = "a tree node was asked for beyond the leaves held";

/// `CheckpointError::BadOrigin`.
pub fn bad_origin(origin: &str, max: usize) -> String {
    format!(
        "the log origin {origin:?} is not valid: give 1 to {max} printable ASCII characters, without spaces or '+' \
         (for example court.example/custody-log)"
    )
}

/// `CheckpointError::OtherOrigin`.
pub fn checkpoint_other_origin(found: impl Display, expected: impl Display) -> String {
    format!("the checkpoint is of the log {found}, not of {expected}")
}

/// `LogError::Database` (crate custody-log).
pub fn log_database(why: impl Display) -> String {
    format!("the log's database failed: {why}")
}

/// `LogError::NotALog`.
pub const LOG_NOT_A_LOG: &str = "this database is not a custody log of this version (create one with the log's init)";

/// `LogError::AlreadyInitialised`.
pub const LOG_ALREADY_INITIALISED: &str = "this database already has tables; a log is created only in an empty one";

/// `LogError::KeyMismatch`.
pub fn log_key_mismatch(expected: impl Display, given: impl Display) -> String {
    format!("this log was created for the key {expected}, not {given}: one database, one log key and origin")
}

/// `LogError::Corrupt`.
pub fn log_corrupt(why: impl Display) -> String {
    format!("the log's database is damaged: {why}")
}

/// `LogError::BadRange`.
pub fn log_bad_range(first: u64, second: u64, size: u64) -> String {
    format!("no proof for {first} and {second} in a tree of {size} leaves")
}

/// `LogError::TooManyEntries`.
pub fn log_too_many_entries(max: usize) -> String {
    format!("the answer would hold more than {max} entries; ask for fewer slots at a time")
}

/// `LogError::Busy`.
pub const LOG_BUSY: &str = "the log is busy; retry in a second";

/// `LogError::BatchFailed`.
pub fn log_batch_failed(why: impl Display) -> String {
    format!("the log could not store this submission (nothing of its batch was stored; retry): {why}")
}

/// `LogError::Stopped`.
pub const LOG_STOPPED: &str = "the log's sequencer has stopped";

/// `LogError::Listen`.
pub fn log_listen(why: impl Display) -> String {
    format!("the log server could not listen: {why}")
}

/// What `custody log serve` says once it listens.
pub fn log_listening(addr: impl Display) -> String {
    format!("custody log: listening on http://{addr}/")
}
