//! Sealing step 3b: the salted Merkle commitment (§5.12). A random seed goes into the
//! manifest; the tree's size and head go into the seal event, signed with it. A seal that
//! would need more leaves than verifiers accept is refused before anything is read.

use super::bad_input;
use super::plan::Plan;
use crate::Error;
use crate::casefile::CaseInput;
use crate::commit::{self, MAX_TREE_SIZE};
use crate::digest::Sha256Digest;
use crate::event::Commitment;
use crate::manifest::{COMMITMENT_SCHEME, CommitmentSeed, Manifest};

/// Refuses a case whose actors and items would need more than [`MAX_TREE_SIZE`] leaves.
pub(super) fn check_size(case: &CaseInput, plan: &Plan) -> Result<(), Error> {
    let leaves = 2 + case.actors.len() as u64 + plan.items.len() as u64;
    match commit::padded_size(leaves) {
        Some(_) => Ok(()),
        None => Err(too_many(leaves)),
    }
}

fn too_many(leaves: u64) -> Error {
    bad_input(
        "inputs",
        format!(
            "the case, restrictions, actors and items would need {leaves} leaves in the bundle's commitment, more than the {MAX_TREE_SIZE} verifiers accept"
        ),
        Some("split the evidence into several bundles"),
    )
}

/// The manifest's `commitment`: `fixed` (test vectors) or 32 random bytes.
pub(super) fn seed(fixed: Option<[u8; 32]>) -> Result<CommitmentSeed, Error> {
    let seed = match fixed {
        Some(s) => s,
        None => {
            let mut b = [0u8; 32];
            getrandom::fill(&mut b).map_err(|e| Error::Random(e.to_string()))?;
            b
        }
    };
    Ok(CommitmentSeed { scheme: COMMITMENT_SCHEME.into(), seed: Sha256Digest(seed) })
}

/// The seal event's `commitment` to `manifest` under `seed`.
pub(super) fn of(manifest: &Manifest, seed: &CommitmentSeed) -> Result<Commitment, Error> {
    let leaves = 2 + manifest.actors.len() as u64 + manifest.items.len() as u64;
    let tree = commit::tree(manifest, &seed.seed.0).ok_or_else(|| too_many(leaves))?;
    Ok(Commitment { scheme: COMMITMENT_SCHEME.into(), tree_size: tree.tree_size, root: Sha256Digest(tree.root) })
}
