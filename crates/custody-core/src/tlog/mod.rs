//! The custody log's format (issue #20, docs/custody-log.md): what a log leaf is
//! ([`leaf`]: an event as three HMAC values under the bundle's log salt) and the log's signed
//! checkpoints ([`checkpoint`], C2SP tlog-checkpoint). The log server (crate `custody-log`),
//! writers and the verifier share them; the proofs are `commit::proof`'s.

pub mod checkpoint;
pub mod leaf;

pub use checkpoint::{Checkpoint, CheckpointError, check_origin};
pub use leaf::{Kind, LeafInput};

/// The catalogue's sentences of the custody log (`wording::log`), for the log server's errors.
pub use crate::wording::log as wording;
