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
    check_counts(case.actors.len(), plan.items.len())
}

/// Refuses `actors` and `items` that would need more than [`MAX_TREE_SIZE`] top leaves.
fn check_counts(actors: usize, items: usize) -> Result<(), Error> {
    let leaves = commit::top_leaf_count(actors, items);
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

/// 32 random bytes (a commitment's seed, a log salt).
pub(crate) fn random_32() -> Result<[u8; 32], Error> {
    let mut b = [0u8; 32];
    getrandom::fill(&mut b).map_err(|e| Error::Random(e.to_string()))?;
    Ok(b)
}

/// The manifest's `commitment`: `fixed` (test vectors) or 32 random bytes.
pub(crate) fn seed(fixed: Option<[u8; 32]>) -> Result<CommitmentSeed, Error> {
    let seed = match fixed {
        Some(s) => s,
        None => random_32()?,
    };
    Ok(CommitmentSeed { scheme: COMMITMENT_SCHEME.into(), seed: Sha256Digest(seed) })
}

/// The seal event's `commitment` to `manifest` under `seed`.
pub(crate) fn of(manifest: &Manifest, seed: &CommitmentSeed) -> Result<Commitment, Error> {
    let leaves = commit::top_leaf_count(manifest.actors.len(), manifest.items.len());
    let tree = commit::tree(manifest, &seed.seed.0).ok_or_else(|| too_many(leaves))?;
    Ok(Commitment { scheme: COMMITMENT_SCHEME.into(), tree_size: tree.tree_size, root: Sha256Digest(tree.root) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seal_needing_more_than_2_pow_21_top_leaves_is_refused() {
        // 2 + actors + items leaves: exactly 2^21 is accepted, one more is not.
        let max = MAX_TREE_SIZE as usize;
        assert!(check_counts(0, max - 2).is_ok());
        assert!(check_counts(1, max - 3).is_ok());
        let err = check_counts(1, max - 2).unwrap_err().to_string();
        assert!(err.contains(&format!("{} leaves", max + 1)), "{err}");
        assert!(check_counts(usize::MAX, usize::MAX).is_err());
    }

    #[test]
    fn two_seals_draw_different_non_zero_seeds() {
        let a = seed(None).unwrap();
        let b = seed(None).unwrap();
        assert_ne!(a.seed, b.seed);
        assert_ne!(a.seed.0, [0; 32]);
        assert_ne!(b.seed.0, [0; 32]);
        assert_eq!(seed(Some([3; 32])).unwrap().seed.0, [3; 32]);
    }
}
