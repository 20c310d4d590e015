//! Logging a signed event (spec §6.5): the leaf computed from the bundle's log salt, submitted
//! through a [`Submit`] (the HTTP client, or an in-process log in tests and test vectors), and
//! the log's answer checked like any untrusted bytes (its checkpoint under the key the seal
//! signed, the inclusion of this very leaf, the consistency from the bundle's last checkpoint)
//! before it becomes the event's proof file. The writers call [`Logging::log_event`] after
//! signing an event and before anything is written.

use std::sync::Arc;

use super::client::ClientError;
use super::leaf::{Kind, LeafInput};
use super::proof_file::{ProofFile, ProofFileError, Proven};
use crate::commit::merkle::Hash;
use crate::commit::salt::Salt;
use crate::digest::Sha256Digest;
use crate::keys::note::VerifierKey;
use crate::wording;

/// One submission: the leaf's three values and, to get a consistency proof, the size of the
/// last checkpoint the bundle holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The slot (bundle and sequence number).
    pub slot: Hash,
    /// The event commitment.
    pub event: Hash,
    /// The signer commitment.
    pub signer: Hash,
    /// The size of the checkpoint to prove consistency from.
    pub from: Option<u64>,
}

/// The log's answer to an accepted submission (201 or 200), as received (not yet checked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// The leaf's index.
    pub index: u64,
    /// The signed checkpoint.
    pub checkpoint: String,
    /// The inclusion proof in it.
    pub inclusion: Vec<Hash>,
    /// The consistency proof from `from`, if asked.
    pub consistency: Option<Vec<Hash>>,
}

/// Whatever submits a claim to a custody log: [`LogClient`](super::LogClient) over HTTP.
pub trait Submit: Send + Sync {
    /// Submits `claim`; a slot that holds another event is [`ClientError::SlotTaken`].
    fn submit(&self, claim: &Claim) -> Result<Receipt, ClientError>;
}

/// Why an event could not be logged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LogError {
    #[error("{}", client_failure(.0))]
    /// The log was not reached, refused the event, or answered badly.
    Client(#[from] ClientError),
    #[error("{}", wording::log::logging_bad_proof(.0))]
    /// The log's answer does not prove the event.
    Answer(#[from] ProofFileError),
}

/// How a writer logs events: the log (its URL and pinned key), the submitter, and whether a
/// failure of the log may leave an event without a proof.
#[derive(Clone)]
pub struct Logging {
    /// The log's URL, as the manifest names it.
    pub url: String,
    /// The log's verifier key, pinned by the operator (never taken from the log).
    pub key: VerifierKey,
    /// If the log fails, write the event without a proof instead of failing.
    pub optional: bool,
    /// Who submits.
    pub submitter: Arc<dyn Submit>,
}

impl std::fmt::Debug for Logging {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Logging").field("url", &self.url).field("optional", &self.optional).finish()
    }
}

/// What became of one event's logging.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum LogOutcome {
    /// The bundle names no log.
    #[default]
    NotRequested,
    /// The event is in the log: its leaf index and the checkpoint's size.
    Logged {
        /// The leaf's index.
        index: u64,
        /// The checkpoint's tree size.
        size: u64,
    },
    /// The log failed and the event was written without a proof (`optional`).
    Failed {
        /// Why.
        why: String,
    },
}

/// The facts of one event that its leaf commits to.
#[derive(Debug, Clone, Copy)]
pub struct EventFacts<'a> {
    /// The bundle id's 16 bytes.
    pub bundle_id: &'a [u8; 16],
    /// The event's sequence number.
    pub sequence: u64,
    /// The SHA-256 of the event's stored bytes.
    pub event_sha256: &'a Sha256Digest,
    /// The signer's fingerprint.
    pub fingerprint: &'a [u8; 32],
}

impl EventFacts<'_> {
    /// The event's leaf under the bundle's log salt.
    pub fn leaf(&self, salt: &Salt) -> LeafInput {
        LeafInput::of_event(Kind::Event, salt, self.bundle_id, self.sequence, &self.event_sha256.0, self.fingerprint)
    }
}

impl Logging {
    /// Submits the event and checks the answer: returns its proof file, or `None` with why
    /// when the log failed and logging is optional. `previous` is the bundle's last proof
    /// file and the checkpoint it proved (consistency is asked from it).
    pub fn log_event(
        &self,
        salt: &Salt,
        facts: EventFacts<'_>,
        previous: Option<Proven>,
    ) -> Result<(Option<ProofFile>, LogOutcome), LogError> {
        match self.try_log(salt, facts, previous) {
            Ok((file, proven)) => {
                let outcome = LogOutcome::Logged { index: file.index, size: proven.size };
                Ok((Some(file), outcome))
            }
            // Only a log that failed to answer (or refused the slot) is tolerated: an answer that
            // does not prove the event is a log misbehaving, never written past.
            // The client's own reason, not the refusal around it ("nothing was written").
            Err(LogError::Client(e)) if self.optional => Ok((None, LogOutcome::Failed { why: e.to_string() })),
            Err(e) => Err(e),
        }
    }

    fn try_log(
        &self,
        salt: &Salt,
        facts: EventFacts<'_>,
        previous: Option<Proven>,
    ) -> Result<(ProofFile, Proven), LogError> {
        let leaf = facts.leaf(salt);
        let claim = Claim { slot: leaf.slot, event: leaf.event, signer: leaf.signer, from: previous.map(|p| p.size) };
        let r = self.submitter.submit(&claim)?;
        let file = ProofFile {
            index: r.index,
            checkpoint: r.checkpoint,
            inclusion: r.inclusion,
            consistency: previous.map(|_| r.consistency.unwrap_or_default()),
        };
        let proven = file.check(&self.key, &leaf, previous)?;
        Ok((file, proven))
    }
}

/// The sentence of a client failure: a slot taken is not a log to retry.
fn client_failure(e: &ClientError) -> String {
    match e {
        ClientError::SlotTaken { .. } => wording::log::logging_slot_taken(e),
        _ => wording::log::logging_failed(e),
    }
}

/// The 16 bytes of a bundle id (32 lowercase hex digits), if it is one.
pub fn bundle_id_bytes(id: &str) -> Option<[u8; 16]> {
    crate::digest::unhex(id)
}
