//! Step 8b, the parent side (spec §5.12): the seal event's signed Merkle commitment
//! recomputed from the manifest and its seed, leaf by leaf, in memory logarithmic in the
//! number of files.

use super::Verifier;
use crate::check::CheckCode;
use crate::commit::{self, MAX_TREE_SIZE};
use crate::digest::Sha256Digest;
use crate::event::Event;
use crate::layout::MANIFEST_PATH;
use crate::manifest::Manifest;
use crate::wording::commitment as say;

impl Verifier {
    /// Checks the seal event's commitment against the manifest's: the tree the seed gives
    /// differing from the one signed fails with `commitment.mismatch`. Both are required
    /// (§5.2, §5.3); a seal without one was already `event.invalid` and is not read here.
    pub(super) fn check_commitment(&mut self, manifest: &Manifest, seal: &Event) {
        let Some(signed) = &seal.commitment else {
            return;
        };
        let Some(tree) = commit::tree(manifest, &manifest.commitment.seed.0) else {
            return self.fail(CheckCode::CommitmentMismatch, say::too_large(MAX_TREE_SIZE), Some(MANIFEST_PATH));
        };
        if tree.tree_size != signed.tree_size || tree.root != signed.root.0 {
            let message =
                say::differs(signed.tree_size, signed.root.hex(), tree.tree_size, Sha256Digest(tree.root).hex());
            return self.fail(CheckCode::CommitmentMismatch, message, Some(MANIFEST_PATH));
        }
        self.pass(CheckCode::CommitmentValid, say::valid(tree.tree_size), Some(MANIFEST_PATH));
    }
}
