//! The custody log server (issue #20, docs/custody-log.md): an append-only log of custody
//! events, each a leaf of three HMAC values (`custody_core::tlog::leaf`), in an RFC 6962 tree
//! stored as tiles in SQLite or PostgreSQL, with a checkpoint (C2SP tlog-checkpoint) signed by the log's key
//! after every batch. One event per (bundle, sequence number) slot: the same event again is
//! idempotent, a different one is refused and recorded as a conflict leaf.
//!
//! [`store`] holds the database, an SQLite file or a PostgreSQL database shared by several
//! servers (one transaction per batch that first locks the tree row, so processes sharing one
//! database extend one tree), [`sequencer`] batches submissions on one thread and
//! answers each only after its batch is committed, [`tree`] the tiles. custody-core keeps no
//! server dependency: the leaf, notes, checkpoints and proofs are its own.

#![forbid(unsafe_code)]

pub mod api;
pub mod http;
pub mod sequencer;
pub mod store;
pub mod tree;

use custody_core::tlog::CheckpointError;
use custody_core::tlog::wording as words;

pub use http::{ServeConfig, Server};
pub use sequencer::{Receipt, Sequencer};
pub use store::{Claim, Db, Outcome, PostgresStore, SqliteStore, Store};

/// Why the log could not do what was asked.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LogError {
    #[error("{}", words::log_database(.0))]
    /// The database failed (a disk error, a lock held longer than the busy timeout).
    Database(#[from] rusqlite::Error),
    #[error("{}", words::log_postgres(.0))]
    /// A statement or transaction on the PostgreSQL database failed (the server's words).
    Postgres(String),
    #[error("{}", words::log_postgres_connect(.url, .why))]
    /// The PostgreSQL database could not be reached or refused the login.
    PostgresConnect {
        /// The `--db` URL without its password.
        url: String,
        /// Why, as the client said it.
        why: String,
    },
    #[error("{}", words::log_not_a_log(.0.display()))]
    /// The database is not a custody log (no meta row, another schema version).
    NotALog(std::path::PathBuf),
    #[error("{}", words::log_no_such_log(.0.display()))]
    /// No file at the path given (a mistyped `--db`): nothing is created.
    NoSuchLog(std::path::PathBuf),
    #[error("{}", words::LOG_ALREADY_INITIALISED)]
    /// `init` on a database that already has tables.
    AlreadyInitialised,
    #[error("{}", words::log_key_mismatch(.expected, .given))]
    /// The key (or origin) given is not the one the database was created for.
    KeyMismatch {
        /// The database's verifier key.
        expected: String,
        /// The given key's.
        given: String,
    },
    #[error("{}", words::log_corrupt(.0))]
    /// Stored data that breaks the log's own invariants.
    Corrupt(&'static str),
    #[error("{}", words::log_bad_range(*.0, *.1, *.2))]
    /// A proof asked for sizes or an index the tree does not have: (first, second, size).
    BadRange(u64, u64, u64),
    #[error(transparent)]
    /// The checkpoint could not be signed.
    Checkpoint(#[from] CheckpointError),
    #[error("{}", words::LOG_BUSY)]
    /// The sequencer's queue is full; retry later.
    Busy,
    #[error("{}", words::log_batch_failed(.0))]
    /// The batch this submission was in failed; nothing of it was stored.
    BatchFailed(String),
    #[error("{}", words::log_listen(.addr, .why))]
    /// The server could not listen on the address given (or start its threads).
    Listen {
        /// The address given (`--listen`).
        addr: String,
        /// Why, as the system said it.
        why: std::io::Error,
    },
    #[error("{}", words::log_too_many_entries(*.0))]
    /// A lookup's answer would hold more entries than the cap given; ask for fewer slots.
    TooManyEntries(usize),
    #[error("{}", words::LOG_STOPPED)]
    /// The sequencer has stopped.
    Stopped,
}

#[cfg(test)]
mod tests;
