//! The checks of a bundle's salted Merkle commitment (spec §5.12, §9.1 step 8b).

use std::fmt::Display;

/// `commitment.valid`.
pub(crate) fn valid(tree_size: u64) -> String {
    format!("the seal event's Merkle commitment ({tree_size} leaves) is the one the manifest gives")
}

/// `commitment.mismatch`: the manifest gives another tree than the one signed.
pub(crate) fn differs(signed_size: u64, signed_root: impl Display, size: u64, root: impl Display) -> String {
    format!(
        "the seal event signs a Merkle tree of {signed_size} leaves with root {signed_root}, but the manifest gives {size} leaves with root {root}: the manifest is not the one committed to"
    )
}

/// `commitment.mismatch`: the manifest has more leaves than a commitment may.
pub(crate) fn too_large(max: u64) -> String {
    format!("the manifest would need more than {max} leaves in its Merkle commitment")
}
