//! The checks of a bundle's salted Merkle commitment (spec §5.12, §9.1 step 8b).

use std::fmt::Display;

/// `commitment.valid`.
pub(crate) fn valid(tree_size: u64) -> String {
    format!(
        "the seal event's Merkle commitment ({tree_size} leaves) is the one the manifest gives: a bundle derived from this one can prove what it carries"
    )
}

/// `commitment.mismatch`: the seal event has a commitment, the manifest none.
pub(crate) fn only_in_seal() -> String {
    "the seal event has a Merkle commitment but the manifest has no commitment seed".into()
}

/// `commitment.mismatch`: the manifest has a seed, the seal event no commitment.
pub(crate) fn only_in_manifest() -> String {
    "the manifest has a commitment seed but the seal event signs no Merkle commitment".into()
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
