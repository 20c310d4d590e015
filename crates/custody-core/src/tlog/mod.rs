//! The custody log's format (issue #20, docs/custody-log.md): what a log leaf is
//! ([`leaf`]: an event as three HMAC values under the bundle's log salt) and the log's signed
//! checkpoints ([`checkpoint`], C2SP tlog-checkpoint); a client of a log's HTTP API
//! ([`client`]), the monitor's judgement of each checkpoint it serves ([`monitor`]), a
//! bundle's stored proofs ([`proof_file`]), a copy's events looked up online ([`lookup`]) or in a saved answer ([`saved`]), a writer's logging of an event ([`submit`]) and a
//! log in memory for tests and test vectors ([`memory`]).
//! The log server (crate `custody-log`), writers and the verifier share them; the proofs are
//! `commit::proof`'s.

pub mod checkpoint;
pub mod client;
pub mod leaf;
pub mod lookup;
pub mod memory;
pub mod monitor;
pub mod proof_file;
pub mod saved;
pub mod submit;

pub use checkpoint::{Checkpoint, CheckpointError, check_origin};
pub use client::{ClientError, LogClient};
pub use leaf::{Kind, LeafInput};
pub use proof_file::{MAX_PROOF_FILE, ProofFile, ProofFileError, Proven};
pub use submit::{Claim, EventFacts, LogError, LogOutcome, Logging, Receipt, Submit};

/// The catalogue's sentences of the custody log (`wording::log`), for the log server's errors.
pub use crate::wording::log as wording;
