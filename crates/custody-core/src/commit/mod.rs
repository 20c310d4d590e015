//! Salted Merkle commitments (issue #18.1, spec §5.12): at seal time a bundle commits to its
//! case, restrictions, actors and items (each holding the tree of its file records) with
//! salted leaves in an RFC 6962 tree, so that a bundle derived from it can later prove that
//! what it carries was sealed, and reveal nothing of what it leaves out.
//!
//! [`merkle`] is the tree, [`salt`] the leaf salts, [`canon`] the canonical JSON of a leaf's
//! body; this file holds the leaf kinds and the padded size of the top tree.

pub mod canon;
pub mod merkle;
pub mod proof;
pub mod salt;

/// The scheme named in a manifest's and a seal event's `commitment`.
pub const SCHEME: &str = "custody.merkle/1";

/// What a leaf commits to: its one byte after the salt (§5.12).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Kind {
    /// A padding leaf, after the last item; empty body.
    Padding = 0,
    /// A file record, in its item's sub-tree.
    File = 1,
    /// An item's provenance and the head of its files' sub-tree.
    Item = 2,
    /// The case.
    Case = 3,
    /// The restrictions (`{}` when there are none).
    Restrictions = 4,
    /// An actor.
    Actor = 5,
}

/// The fewest leaves of a top tree.
pub const MIN_TREE_SIZE: u64 = 8;
/// The most leaves of a top tree (2^21): a sealer refuses more, a verifier accepts no more.
pub const MAX_TREE_SIZE: u64 = 1 << 21;

/// The padded size of a top tree over `leaves` leaves: the next power of two, at least 8;
/// `None` above [`MAX_TREE_SIZE`].
pub fn padded_size(leaves: u64) -> Option<u64> {
    let size = leaves.checked_next_power_of_two()?.max(MIN_TREE_SIZE);
    (size <= MAX_TREE_SIZE).then_some(size)
}

/// The hash of a leaf: salt, kind and body (RFC 6962's leaf prefix first).
pub fn leaf(salt: &salt::Salt, kind: Kind, body: &[u8]) -> merkle::Hash {
    merkle::leaf_hash(&[salt, &[kind as u8], body])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_sizes() {
        assert_eq!(padded_size(0), Some(8));
        assert_eq!(padded_size(3), Some(8));
        assert_eq!(padded_size(9), Some(16));
        assert_eq!(padded_size(1 << 21), Some(1 << 21));
        assert_eq!(padded_size((1 << 21) + 1), None);
        assert_eq!(padded_size(u64::MAX), None);
    }
}
