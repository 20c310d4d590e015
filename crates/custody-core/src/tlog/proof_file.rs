//! A bundle's log proof files (spec §6.5): `custody/log/NNNNNN.json` beside event NNNNNN of a
//! bundle whose manifest names a custody log, holding what the log answered when the event
//! was submitted: the leaf's index, the signed checkpoint, the inclusion proof and, from the
//! second proof on, the consistency proof from the checkpoint of the proof file before it.
//!
//! A proof file is signed by no one: it is attacker bytes until checked. It is read strictly
//! (at most [`MAX_PROOF_FILE`] bytes, no unknown or repeated member, hashes exactly 64
//! lowercase hex digits, at most `MAX_PROOF` of them) and proves something only through the
//! checkpoint's signature under the verifier key the seal signed and the recomputed leaf.

use serde::{Deserialize, Serialize};

use super::checkpoint::{Checkpoint, CheckpointError};
use super::client::MAX_PROOF;
use super::leaf::LeafInput;
use crate::commit::merkle::{self, Hash};
use crate::commit::proof::verify_consistency;
use crate::digest::hex;
use crate::keys::note::VerifierKey;
use crate::wording;

/// The largest proof file read (spec §9.4): the layout's limit.
pub const MAX_PROOF_FILE: u64 = crate::layout::MAX_LOG_PROOF;

/// Why a proof file proves nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProofFileError {
    #[error("{}", wording::log::proof_file_too_large(*.0, MAX_PROOF_FILE))]
    /// Larger than [`MAX_PROOF_FILE`].
    TooLarge(u64),
    #[error("{}", wording::log::proof_file_malformed(.0))]
    /// Not the JSON object of spec §6.5.
    Malformed(String),
    #[error("{0}")]
    /// The checkpoint is not signed by the log's key, or malformed.
    Checkpoint(#[from] CheckpointError),
    #[error("{}", wording::log::proof_file_not_included(*.index, *.size))]
    /// The inclusion proof does not prove the event's leaf at `index` in the checkpoint's tree.
    NotIncluded {
        /// The leaf index the file claims.
        index: u64,
        /// The checkpoint's tree size.
        size: u64,
    },
    #[error("{}", wording::log::proof_file_inconsistent(*.from, *.to))]
    /// The checkpoint does not extend the one of the proof file before it.
    Inconsistent {
        /// The earlier checkpoint's size.
        from: u64,
        /// This checkpoint's size.
        to: u64,
    },
}

/// A proof file as stored (spec §6.5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofFile {
    /// The event's leaf index in the log.
    pub index: u64,
    /// The log's signed checkpoint (a signed note), verbatim.
    pub checkpoint: String,
    /// The inclusion proof of the leaf in the checkpoint's tree.
    pub inclusion: Vec<Hash>,
    /// The consistency proof from the previous proof file's checkpoint (none in the first).
    pub consistency: Option<Vec<Hash>>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stored {
    index: u64,
    checkpoint: String,
    inclusion: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    consistency: Option<Vec<String>>,
}

/// A checkpoint a proof file proved: its size and head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proven {
    /// The tree size.
    pub size: u64,
    /// The tree head.
    pub root: Hash,
}

impl ProofFile {
    /// Reads a proof file strictly.
    pub fn parse(bytes: &[u8]) -> Result<ProofFile, ProofFileError> {
        if bytes.len() as u64 > MAX_PROOF_FILE {
            return Err(ProofFileError::TooLarge(bytes.len() as u64));
        }
        let s: Stored = serde_json::from_slice(bytes).map_err(|e| ProofFileError::Malformed(e.to_string()))?;
        let hashes = |v: Vec<String>, what: &str| -> Result<Vec<Hash>, ProofFileError> {
            if v.len() > MAX_PROOF {
                return Err(ProofFileError::Malformed(wording::log::proof_file_too_many(what, v.len(), MAX_PROOF)));
            }
            v.iter()
                .map(|h| unhex(h).ok_or_else(|| ProofFileError::Malformed(wording::log::proof_file_bad_hash(what))))
                .collect()
        };
        Ok(ProofFile {
            index: s.index,
            checkpoint: s.checkpoint,
            inclusion: hashes(s.inclusion, "inclusion")?,
            consistency: s.consistency.map(|c| hashes(c, "consistency")).transpose()?,
        })
    }

    /// The file's bytes: compact JSON and a line feed.
    pub fn to_bytes(&self) -> Vec<u8> {
        let hexes = |v: &[Hash]| v.iter().map(|h| hex(h)).collect::<Vec<_>>();
        let s = Stored {
            index: self.index,
            checkpoint: self.checkpoint.clone(),
            inclusion: hexes(&self.inclusion),
            consistency: self.consistency.as_deref().map(hexes),
        };
        let mut out = serde_json::to_vec(&s).unwrap_or_default();
        out.push(b'\n');
        out
    }

    /// Checks that this file proves `leaf` in a checkpoint signed by `key`, and that the
    /// checkpoint extends `previous` (the checkpoint of the proof file before it, if any) by
    /// the consistency proof. Returns the checkpoint proven.
    pub fn check(
        &self,
        key: &VerifierKey,
        leaf: &LeafInput,
        previous: Option<Proven>,
    ) -> Result<Proven, ProofFileError> {
        let cp = Checkpoint::open(self.checkpoint.as_bytes(), key)?;
        if !merkle::verify_inclusion(self.index, cp.size, &leaf.hash(), &self.inclusion, &cp.root) {
            return Err(ProofFileError::NotIncluded { index: self.index, size: cp.size });
        }
        let here = Proven { size: cp.size, root: cp.root };
        if let Some(prev) = previous {
            let proof = self.consistency.as_deref().unwrap_or_default();
            if !verify_consistency(prev.size, here.size, &prev.root, &here.root, proof) {
                return Err(ProofFileError::Inconsistent { from: prev.size, to: here.size });
            }
        }
        Ok(here)
    }
}

/// A hash from exactly 64 lowercase hex digits.
pub(crate) fn unhex(text: &str) -> Option<Hash> {
    crate::digest::unhex(text)
}
