//! The log's storage: what a submission claims ([`Claim`]), what became of it ([`Outcome`]),
//! and the SQLite store ([`SqliteStore`]; PostgreSQL, design §4, comes later with the same
//! tables).

mod sqlite;

use custody_core::commit::merkle::Hash;

pub use sqlite::{Lookup, SqliteStore};

/// The version of the tables this code reads and writes (`meta.schema_version`).
pub const SCHEMA_VERSION: i64 = 1;
/// The most conflict records kept per slot: later different claims are refused unrecorded.
pub const MAX_RECORDS_PER_SLOT: u64 = 16;

/// A submission: the three HMAC values of an event's leaf.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Claim {
    /// The slot (bundle and sequence number).
    pub slot: Hash,
    /// The event commitment.
    pub event: Hash,
    /// The signer commitment.
    pub signer: Hash,
}

/// What the log did with a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The slot was free: the claim is now the accepted event at this index.
    Added(u64),
    /// The same claim was accepted before, at this index (idempotent resubmission).
    Existing(u64),
    /// The slot holds another event (`accepted`); this claim is refused and recorded as a
    /// conflict leaf at `recorded` (`None` past [`MAX_RECORDS_PER_SLOT`] records).
    Conflict {
        /// The accepted event's index.
        accepted: u64,
        /// The conflict record's index.
        recorded: Option<u64>,
    },
}

impl Outcome {
    /// Whether the claim is the slot's accepted event.
    pub fn accepted(&self) -> bool {
        matches!(self, Outcome::Added(_) | Outcome::Existing(_))
    }
}
