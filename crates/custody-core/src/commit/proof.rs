//! RFC 6962 proofs over a tree of any size whose nodes come from a [`NodeSource`] (memory in
//! tests, stored tiles in the log server, fetched tiles for a monitor): subtree hashes, tree
//! heads, inclusion proofs (RFC 6962 §2.1.1 PATH) and consistency proofs (§2.1.2 PROOF), each
//! with O(log n) node reads; and the verification of a consistency proof (RFC 9162
//! §2.1.4.2). Inclusion proofs are verified by [`merkle::verify_inclusion`](super::merkle).
//! Used by the custody log (issue #20).

use super::merkle::{Hash, empty_root, node_hash, root_of};

/// The most hashes of a proof a verifier reads: a tree of at most 2^64 leaves has inclusion
/// proofs of at most 64 hashes and consistency proofs of at most 128.
pub const MAX_CONSISTENCY_PROOF: usize = 128;

/// Where the hashes of a tree's complete subtrees come from: `node(level, index)` is the head
/// of the full subtree of 2^level leaves starting at leaf `index << level`; a source is asked
/// only for subtrees that lie wholly inside the tree it holds.
pub trait NodeSource {
    /// Why a node could not be read (a database error, a missing tile).
    type Error;

    /// The head of the complete subtree `index` at `level` (level 0: the leaf hashes).
    fn node(&self, level: u32, index: u64) -> Result<Hash, Self::Error>;
}

/// The leaf hashes of a whole tree in memory: each node is computed from its leaves (O(2^level)
/// per read; for tests and small trees).
impl NodeSource for [Hash] {
    type Error = NodeOutside;

    fn node(&self, level: u32, index: u64) -> Result<Hash, Self::Error> {
        let width = 1u64.checked_shl(level).filter(|w| level < 64 && *w != 0).ok_or(NodeOutside)?;
        let lo = index.checked_mul(width).ok_or(NodeOutside)?;
        let hi = lo.checked_add(width).ok_or(NodeOutside)?;
        let (lo, hi) = (usize::try_from(lo).map_err(|_| NodeOutside)?, usize::try_from(hi).map_err(|_| NodeOutside)?);
        Ok(root_of(self.get(lo..hi).ok_or(NodeOutside)?))
    }
}

/// A node asked of a slice of leaf hashes that lies beyond it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}", crate::wording::log::NODE_OUTSIDE)]
pub struct NodeOutside;

/// The largest power of two smaller than `n` (n ≥ 2).
fn split(n: u64) -> u64 {
    1u64 << (63 - (n - 1).leading_zeros())
}

/// The head of the subtree over leaves `lo..hi` as RFC 6962 splits it (`MTH(D[lo:hi])`): one
/// node read when the range is a complete, aligned subtree, else the split at the largest power
/// of two below its size. The caller keeps `lo < hi` within the source's tree and `lo` aligned
/// as RFC 6962's recursion leaves it (a multiple of the largest power of two ≤ `hi - lo`).
pub fn range_hash<S: NodeSource + ?Sized>(src: &S, lo: u64, hi: u64) -> Result<Hash, S::Error> {
    if hi <= lo {
        return Ok(empty_root());
    }
    let n = hi - lo;
    if n.is_power_of_two() && lo.trailing_zeros() >= n.trailing_zeros() {
        let level = n.trailing_zeros();
        return src.node(level, lo >> level);
    }
    let k = split(n);
    Ok(node_hash(&range_hash(src, lo, lo + k)?, &range_hash(src, lo + k, hi)?))
}

/// The head of the tree of `size` leaves (the empty tree's for 0).
pub fn tree_root<S: NodeSource + ?Sized>(src: &S, size: u64) -> Result<Hash, S::Error> {
    if size == 0 { Ok(empty_root()) } else { range_hash(src, 0, size) }
}

/// The inclusion proof of leaf `index` in the tree of `size` leaves (RFC 6962 §2.1.1), from
/// the leaf up; `None` if `index >= size`.
pub fn inclusion_proof<S: NodeSource + ?Sized>(src: &S, index: u64, size: u64) -> Result<Option<Vec<Hash>>, S::Error> {
    if index >= size {
        return Ok(None);
    }
    let mut path = Vec::new();
    let (mut lo, mut hi) = (0u64, size);
    while hi - lo > 1 {
        let k = split(hi - lo);
        if index < lo + k {
            path.push(range_hash(src, lo + k, hi)?);
            hi = lo + k;
        } else {
            path.push(range_hash(src, lo, lo + k)?);
            lo += k;
        }
    }
    path.reverse();
    Ok(Some(path))
}

/// The consistency proof from the tree of `old` leaves to the tree of `new` leaves (RFC 6962
/// §2.1.2 `PROOF(m, D[n])`); empty when `old == new` or `old == 0`; `None` if `old > new`.
pub fn consistency_proof<S: NodeSource + ?Sized>(src: &S, old: u64, new: u64) -> Result<Option<Vec<Hash>>, S::Error> {
    if old > new {
        return Ok(None);
    }
    if old == 0 || old == new {
        return Ok(Some(Vec::new()));
    }
    // SUBPROOF(m, D[lo:hi], b), unrolled: `complete` is b, whether D[lo:lo+m] is a subtree
    // whose head the verifier already has.
    let mut proof = Vec::new();
    let (mut lo, mut hi, mut m, mut complete) = (0u64, new, old, true);
    loop {
        let n = hi - lo;
        if m == n {
            if !complete {
                proof.push(range_hash(src, lo, hi)?);
            }
            break;
        }
        let k = split(n);
        if m <= k {
            proof.push(range_hash(src, lo + k, hi)?);
            hi = lo + k;
        } else {
            proof.push(range_hash(src, lo, lo + k)?);
            lo += k;
            m -= k;
            complete = false;
        }
    }
    proof.reverse();
    Ok(Some(proof))
}

/// Whether `proof` shows that the tree of `new` leaves with head `new_root` extends the tree of
/// `old` leaves with head `old_root` (RFC 9162 §2.1.4.2). `old == new` needs an empty proof and
/// equal heads; `old == 0` an empty proof (the empty tree is a prefix of every tree).
pub fn verify_consistency(old: u64, new: u64, old_root: &Hash, new_root: &Hash, proof: &[Hash]) -> bool {
    if old > new || proof.len() > MAX_CONSISTENCY_PROOF {
        return false;
    }
    if old == new {
        return proof.is_empty() && old_root == new_root;
    }
    if old == 0 {
        return proof.is_empty();
    }
    // Step 1: if old is a power of two, the old root is the first node of the path.
    let mut path: Vec<Hash> = Vec::with_capacity(proof.len() + 1);
    if old.is_power_of_two() {
        path.push(*old_root);
    }
    path.extend_from_slice(proof);
    let Some((first, rest)) = path.split_first() else { return false };
    let (mut fn_, mut sn) = (old - 1, new - 1);
    while fn_ & 1 == 1 {
        fn_ >>= 1;
        sn >>= 1;
    }
    let (mut fr, mut sr) = (*first, *first);
    for c in rest {
        if sn == 0 {
            return false;
        }
        if fn_ & 1 == 1 || fn_ == sn {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            while fn_ & 1 == 0 && fn_ != 0 {
                fn_ >>= 1;
                sn >>= 1;
            }
        } else {
            sr = node_hash(&sr, c);
        }
        fn_ >>= 1;
        sn >>= 1;
    }
    fr == *old_root && sr == *new_root && sn == 0
}

#[cfg(test)]
mod tests;
