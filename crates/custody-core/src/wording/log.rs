//! The custody log (issue #20): why a signed note, a verifier key, a checkpoint or a log
//! proof was refused (the text of each `NoteError` and `CheckpointError`, whose
//! `Display` calls these), in the variants' order; the server's, the client's and the
//! monitor's sentences; and, last, a writer's logging of an event and verify's checks of a
//! bundle's stored log proofs (`log.*`, spec §6.5).

use std::fmt::Display;

mod online;
mod pending;
pub use online::*;
pub use pending::*;

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

/// The log server's 404 for a path it does not serve.
pub const HTTP_NOT_FOUND: &str = "no such endpoint";

/// The log server's 405.
pub const HTTP_WRONG_METHOD: &str = "this endpoint takes another method";

/// The log server's 400 for an inclusion proof's query.
pub const QUERY_INDEX_SIZE: &str = "give index and size, decimal";

/// The log server's 400 for a consistency proof's query.
pub const QUERY_FROM_TO: &str = "give from and to, decimal";

/// The log server's 400 for a submission whose hashes are not lowercase hex.
pub const SUBMIT_BAD_HEX: &str = "slot, event and signer are 64 lowercase hex digits each";

/// The log server's 400 for a consistency proof from a size beyond its tree.
pub const RANGE_BEYOND_TREE: &str = "from is larger than the log's tree";

/// The log server's 503 when a stored entry cannot be read back.
pub const ENTRY_UNREADABLE: &str = "the accepted entry could not be read";

/// The log server's 400 for a lookup slot that is not lowercase hex.
pub const LOOKUP_BAD_SLOT: &str = "each slot is 64 lowercase hex digits";

/// The log server's 400 for a slot named twice in one lookup.
pub const LOOKUP_DUPLICATE_SLOT: &str = "each slot at most once per lookup";

/// The log server's 400 for a request line it does not read as HTTP/1.1.
pub const HTTP_NOT_HTTP11: &str = "not an HTTP/1.1 request";

/// The log server's 404 for a tile path that is not one (C2SP tlog-tiles spelling).
pub const TILE_BAD_PATH: &str =
    "not a tile path: tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>], N in groups of three digits (x001/234)";

/// The log server's 404 for a tile the tree does not hold yet.
pub const TILE_NOT_YET: &str = "the tree does not hold this tile (or this many of its hashes) yet";

/// The log server's 411.
pub const HTTP_LENGTH_REQUIRED: &str = "a POST needs Content-Length";

/// The log server's 413.
pub const HTTP_BODY_TOO_LARGE: &str = "the body is over the endpoint's limit";

/// The log server's 415.
pub const HTTP_NOT_JSON: &str = "send the body as application/json";

/// The log server's 400 for a chunked body.
pub const HTTP_CHUNKED: &str = "Transfer-Encoding is not accepted; send Content-Length";

/// The log server's 400 for a missing, repeated or non-decimal Content-Length.
pub const HTTP_BAD_LENGTH: &str = "one Content-Length, a decimal number";

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
pub fn log_not_a_log(path: impl Display) -> String {
    format!(
        "{path} is not a custody log of this version: give the database made by custody log init (or make one \
         with it)"
    )
}

/// `LogError::NoSuchLog`.
pub fn log_no_such_log(path: impl Display) -> String {
    format!(
        "{path} does not exist (a mistyped path?): give the database made by custody log init; nothing was \
         created"
    )
}

/// `LogError::AlreadyInitialised`.
pub const LOG_ALREADY_INITIALISED: &str = "this database is not empty, so no log was created in it: a log is made \
     in a new file or an empty PostgreSQL database; to print an existing log's verifier key, use custody log key";

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

/// `LogError::Listen`: the address given, and what the system said of it.
pub fn log_listen(addr: &str, why: &std::io::Error) -> String {
    match why.kind() {
        std::io::ErrorKind::InvalidInput => format!(
            "{addr:?} is not an address and port to listen on: give ADDRESS:PORT, for example 127.0.0.1:8080 (this \
             machine only) or 0.0.0.0:8080 (every network interface)"
        ),
        std::io::ErrorKind::AddrInUse => format!(
            "the log server could not listen on {addr}: another program is using that port (stop it, or give \
             another port)"
        ),
        _ => format!("the log server could not listen on {addr}: {why}"),
    }
}

/// What `custody log serve` says once it listens.
pub fn log_listening(addr: impl Display) -> String {
    format!("custody log: listening on http://{addr}/")
}

/// `ClientError::BadUrl`.
pub fn client_bad_url(url: &str) -> String {
    format!(
        "the log address {url:?} is not an http:// URL with a host (for example http://127.0.0.1:8080); for a log \
         behind TLS, reach it through a local forwarder"
    )
}

/// `ClientError::Unreachable`.
pub fn client_unreachable(url: &str, why: impl Display) -> String {
    format!("the log at {url} could not be reached ({why}): check the address and that the log is running")
}

/// `ClientError::HttpStatus`.
pub fn client_http_status(url: &str, status: u16, why: &str) -> String {
    if why.is_empty() {
        format!("the log at {url} answered HTTP {status}")
    } else {
        // The log's own words, quoted (a `"` in them escaped as `printable` escapes): never read
        // as custody's, never closing the quotation.
        let quoted = why.replace('"', "\\u{22}");
        format!("the log at {url} answered HTTP {status}, saying \"{quoted}\"")
    }
}

/// `ClientError::BadAnswer`.
pub fn client_bad_answer(url: &str, why: impl Display) -> String {
    format!("the log at {url} gave an answer custody cannot use: {why}")
}

/// A `ClientError::BadAnswer` reason: the verifier key served is not text.
pub const CLIENT_NOT_TEXT: &str = "it is not UTF-8 text";

/// A `ClientError::BadAnswer` reason: a proof's answer is not the API's JSON.
pub fn client_not_json(why: impl Display) -> String {
    format!("it is not the proof's JSON ({why})")
}

/// A `ClientError::BadAnswer` reason: a proof with too many hashes.
pub fn client_proof_too_long(len: usize, max: usize) -> String {
    format!("its proof has {len} hashes; no proof has more than {max}")
}

/// A `ClientError::BadAnswer` reason: a proof's hash is not 64 lowercase hex digits.
pub const CLIENT_BAD_HASH: &str = "a hash in its proof is not 64 lowercase hex digits";

/// A `ClientError::BadAnswer` reason: an entry bundle that is not the entries asked for.
pub const CLIENT_BAD_BUNDLE: &str =
    "its entry bundle is not the entries asked for, each a 2-byte length (98) and a leaf of a known version and kind";

/// A `ClientError::BadAnswer` reason: an answer over its limit (not read further).
pub fn client_too_large(limit: u64) -> String {
    format!("it is larger than the {limit} bytes such an answer may have")
}

/// `Misbehaviour::BadSignature`.
pub fn monitor_bad_signature(why: impl Display) -> String {
    format!(
        "the checkpoint served carries the log key's id but its signature or text is broken ({why}): the log's \
         signing has gone wrong or someone between you and the log altered its answer. Keep it and tell the log's \
         operator"
    )
}

/// `Misbehaviour::RolledBack`.
pub fn monitor_rolled_back(from: u64, to: u64) -> String {
    format!(
        "the log now shows {to} entries, fewer than the {from} it signed before: a log only grows, so it has \
         removed entries or shows you another history. Keep both checkpoints (they are the evidence) and tell the \
         log's operator and those who rely on it"
    )
}

/// `Misbehaviour::Forked`.
pub fn monitor_forked(size: u64) -> String {
    format!(
        "the log has signed two different heads for {size} entries: it shows two histories (a split view). Keep \
         both checkpoints (they are the evidence) and tell the log's operator and those who rely on it"
    )
}

/// `Misbehaviour::Inconsistent`.
pub fn monitor_inconsistent(from: u64, to: u64) -> String {
    format!(
        "the log cannot prove that its tree of {to} entries extends the one of {from} it signed before: it has \
         changed its history. Keep both checkpoints (they are the evidence) and tell the log's operator and those \
         who rely on it"
    )
}

/// `Misbehaviour::EntriesDisagree`.
pub fn monitor_entries_disagree(size: u64) -> String {
    format!(
        "the log's entries do not rebuild the head it signed for {size} entries: it serves other entries than it \
         signed. Keep the checkpoint (it is the evidence) and tell the log's operator and those who rely on it"
    )
}

/// `Misbehaviour::TwoEvents`.
pub fn monitor_two_events(first: u64, second: u64) -> String {
    format!(
        "the log holds two accepted events for one slot (entries {first} and {second}): it broke its rule of one \
         event per slot. Keep the checkpoint (it is the evidence) and tell the log's operator and those who rely \
         on it"
    )
}

/// The monitor's line after an audit.
pub fn monitor_audited(size: u64) -> String {
    format!("audited: the {size} entries rebuild the signed head, one accepted event per slot")
}

/// `MonitorError::NotThisKey`.
pub fn monitor_not_this_key(why: impl Display) -> String {
    format!(
        "the checkpoint served is not signed by the verifier key given ({why}): check that the key is this log's \
         (print it again with custody log key, or ask the log's operator) and that the address serves this log; \
         nothing is concluded about the log"
    )
}

/// `MonitorError::BadState`.
pub fn monitor_bad_state(why: impl Display) -> String {
    format!(
        "the checkpoint kept from the last look is not one of this log's ({why}): give the state file kept for \
         this log and the log's own verifier key"
    )
}

/// The monitor's line for a first look.
pub fn monitor_first(origin: &str, size: u64) -> String {
    format!("log {origin}: {size} entries, checkpoint signed by the log's key (first look)")
}

/// The monitor's line for a log unchanged since the last look.
pub fn monitor_unchanged(origin: &str, size: u64) -> String {
    format!("log {origin}: {size} entries, unchanged since the last look")
}

/// The monitor's line for a log that grew consistently.
pub fn monitor_grew(origin: &str, from: u64, to: u64) -> String {
    format!("log {origin}: {to} entries, grew from {from}; proven to extend the last checkpoint")
}

/// The heading above the checkpoints a misbehaving log signed.
pub const MONITOR_EVIDENCE: &str = "The evidence (the log's signed checkpoints, verbatim):";

/// Above the earlier checkpoint in the evidence.
pub const MONITOR_EARLIER: &str = "Checkpoint accepted before:";

/// Above the checkpoint now served in the evidence.
pub const MONITOR_SERVED: &str = "Checkpoint served now:";

/// The CLI's context for a state file that cannot be read.
pub fn monitor_state_unreadable(path: impl Display) -> String {
    format!("cannot read the monitor's state file {path}")
}

/// The CLI's error for a monitor state file that is not text (a checkpoint note is UTF-8).
pub fn monitor_state_not_text(path: impl Display) -> String {
    format!(
        "the monitor's state file {path} is not text, so it is not a checkpoint kept by custody log monitor: give \
         the state file kept for this log (or a new file name to start afresh)"
    )
}

/// The CLI's error for a key file (a custody public or private key) given as a log's
/// verifier key.
pub fn monitor_vkey_is_a_key_file(given: &str) -> String {
    format!(
        "{given} is a key file, not a log verifier key: a log's verifier key is one line (NAME+KEYID+KEY), \
         printed by custody log key --key LOG.key --origin ORIGIN; ask the log's operator for it"
    )
}

/// The CLI's context for a verifier key that is neither a key's text nor a readable file.
pub fn monitor_vkey_unreadable(given: &str) -> String {
    format!(
        "{given:?} is neither a log verifier key (NAME+KEYID+KEY, as custody log init prints it) nor a file \
         holding one"
    )
}

/// `ClientError::SlotTaken`.
pub fn client_slot_taken(url: &str) -> String {
    format!(
        "{url} refused the event: the log already holds another event with this bundle id and sequence number. \
         Another copy of this bundle was continued, an earlier attempt of this command was logged but not written, \
         or someone holding a copy claimed the place; the attempt is recorded in the log"
    )
}

/// `ProofFileError::TooLarge`.
pub fn proof_file_too_large(len: u64, max: u64) -> String {
    format!("the log proof file is {len} bytes; at most {max} are read")
}

/// `ProofFileError::Malformed`.
pub fn proof_file_malformed(why: impl Display) -> String {
    format!("the log proof file is not {{\"index\", \"checkpoint\", \"inclusion\", \"consistency\"?}}: {why}")
}

/// A proof of more than `max` hashes in a proof file.
pub fn proof_file_too_many(what: &str, len: usize, max: usize) -> String {
    format!("its {what} proof has {len} hashes; at most {max}")
}

/// A hash in a proof file that is not 64 lowercase hex digits.
pub fn proof_file_bad_hash(what: &str) -> String {
    format!("a hash of its {what} proof is not 64 lowercase hex digits")
}

/// `ProofFileError::NotIncluded`.
pub fn proof_file_not_included(index: u64, size: u64) -> String {
    format!(
        "its inclusion proof does not prove this event's leaf at index {index} in the log's tree of {size} \
         entries: the event, the proof or the salt was changed, or the proof belongs to another event"
    )
}

/// `ProofFileError::Inconsistent`.
pub fn proof_file_inconsistent(from: u64, to: u64) -> String {
    format!(
        "its checkpoint (tree of {to} entries) is not proven to extend the previous proof's checkpoint (tree of \
         {from} entries): the log showed this bundle two histories, or a proof file was changed"
    )
}

/// `LogError::Client`.
pub fn logging_failed(why: impl Display) -> String {
    format!(
        "the event could not be logged in the custody log the bundle names ({why}); nothing was written. Retry \
         when the log is reachable, or write the event without a log proof with --log-optional"
    )
}

/// `LogError::Client` for a slot already taken (409): retrying cannot help.
pub fn logging_slot_taken(why: impl Display) -> String {
    format!(
        "the event could not be logged ({why}); nothing was written. Retrying signs a new event the log refuses \
         again: check which copy is the latest (custody verify --log), or write the event without a log proof \
         with --log-optional (verify --log then reports this copy as log.forked)"
    )
}

/// `LogError::Answer`.
pub fn logging_bad_proof(why: impl Display) -> String {
    format!("the log's answer does not prove the event ({why}); nothing was written")
}

/// `--log` given without the log's verifier key.
pub const LOG_NEEDS_KEY: &str = "--log needs --log-key: the log's verifier key (NAME+KEYID+BASE64, or a file holding \
     it) as its operator gave it, out of band (custody never takes it from the log); or log_key in the configuration \
     file";

/// `--log-key` given without a log.
pub const LOG_KEY_WITHOUT_URL: &str =
    "--log-key names a custody log's key, but no log was given: add --log URL (or log_url in the configuration file)";

/// A new event logged, for the writer's summary.
pub fn logged(index: u64, size: u64) -> String {
    format!("custody log: entry {index} of a tree of {size} (its proof is stored beside the event)")
}

/// A new event written without a log proof (`--log-optional`), for the writer's stderr.
pub fn not_logged(why: &str) -> [String; 3] {
    [
        format!("WARNING: NOT IN THE CUSTODY LOG: {why}"),
        "         The event was written without a log proof (--log-optional); verify reports it as".to_owned(),
        "         log.proof_missing: only the log itself can then say whether it holds the event.".to_owned(),
    ]
}

/// `log.member_invalid`.
pub(crate) fn log_member_invalid(why: impl Display) -> String {
    format!("the manifest's log names no usable custody log ({why}): no stored log proof can be checked")
}

/// `log.proof_invalid`, for a proof file in a bundle whose manifest names no log.
pub(crate) fn log_proof_without_log(path: impl Display) -> String {
    format!("{path} is a log proof, but the manifest names no custody log: it proves nothing and was added")
}

/// `log.proof_invalid`, for a proof file of no event.
pub(crate) fn log_proof_orphan(path: impl Display) -> String {
    format!("{path} is a log proof of an event the bundle does not hold")
}

/// `log.proof_invalid`.
pub(crate) fn log_proof_invalid(path: impl Display, why: impl Display) -> String {
    format!("{path} does not prove its event in the custody log: {why}")
}

/// `log.checkpoints_inconsistent`.
pub(crate) fn log_checkpoints_inconsistent(path: impl Display, why: impl Display) -> String {
    format!("{path}: {why}")
}

/// `log.included`.
pub(crate) fn log_included(event: impl Display, index: u64, size: u64, origin: impl Display) -> String {
    format!("{event} is entry {index} of the custody log {origin}, in its signed tree of {size} entries")
}

/// `log.proof_missing`.
pub(crate) fn log_proof_missing(event: impl Display) -> String {
    format!(
        "{event} has no proof of the custody log the manifest names: the log was unreachable when it was written, \
         or the proof was removed; only the log itself can say whether it holds the event (custody verify --log \
         asks it)"
    )
}

/// `LogError::Postgres`: a statement or transaction on the PostgreSQL database failed.
pub fn log_postgres(why: impl Display) -> String {
    format!("the log's PostgreSQL database failed: {why}")
}

/// `LogError::PostgresConnect`: `url` is shown without its password.
pub fn log_postgres_connect(url: impl Display, why: impl Display) -> String {
    format!("could not connect to the log's PostgreSQL database {url}: {why}")
}
