//! RFC 6962 Merkle trees (§2.1): leaf and node hashes with their domain prefixes, the tree
//! head computed as leaves stream in (memory logarithmic in their number), audit paths and
//! their verification (RFC 9162 §2.1.3.2). Spec §5.12.

use sha2::{Digest, Sha256};

/// A node or leaf hash.
pub type Hash = [u8; 32];

/// The hash of a leaf whose input is the concatenation of `parts`: SHA-256(0x00 || input).
pub fn leaf_hash(parts: &[&[u8]]) -> Hash {
    let mut h = Sha256::new();
    h.update([0u8]);
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

/// The hash of an interior node: SHA-256(0x01 || left || right).
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([1u8]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// The head of the empty tree, SHA-256 of no bytes.
pub fn empty_root() -> Hash {
    Sha256::digest([]).into()
}

/// The Merkle tree head of leaves pushed one at a time, holding at most one hash per level
/// (at most 64): equal to RFC 6962's MTH of the same leaves in the same order.
#[derive(Debug, Default, Clone)]
pub struct Streaming {
    stack: Vec<(u32, Hash)>,
    count: u64,
}

impl Streaming {
    /// No leaves yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the next leaf's hash.
    pub fn push(&mut self, leaf: Hash) {
        self.count += 1;
        let mut top = (0u32, leaf);
        while let Some(&(height, left)) = self.stack.last() {
            if height != top.0 {
                break;
            }
            self.stack.pop();
            top = (height + 1, node_hash(&left, &top.1));
        }
        self.stack.push(top);
    }

    /// How many leaves were pushed.
    pub fn len(&self) -> u64 {
        self.count
    }

    /// Whether no leaf was pushed.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The tree head of the leaves pushed so far.
    pub fn root(&self) -> Hash {
        let mut it = self.stack.iter().rev();
        let Some(&(_, mut r)) = it.next() else { return empty_root() };
        for (_, l) in it {
            r = node_hash(l, &r);
        }
        r
    }
}

/// The tree head of `leaves` (leaf hashes), by RFC 6962's recursive split.
pub fn root_of(leaves: &[Hash]) -> Hash {
    match leaves.len() {
        0 => empty_root(),
        1 => leaves[0],
        n => {
            let k = split(n as u64) as usize;
            node_hash(&root_of(&leaves[..k]), &root_of(&leaves[k..]))
        }
    }
}

/// The largest power of two smaller than `n` (n ≥ 2).
fn split(n: u64) -> u64 {
    let mut k = 1u64;
    while k * 2 < n {
        k *= 2;
    }
    k
}

/// The audit path of leaf `index` among `leaves` (RFC 6962 §2.1.1 PATH), from the leaf up;
/// `None` if `index` is not a leaf of the tree.
pub fn audit_path(index: usize, leaves: &[Hash]) -> Option<Vec<Hash>> {
    if index >= leaves.len() {
        return None;
    }
    let mut path = Vec::new();
    let (mut lo, mut hi, mut at) = (0usize, leaves.len(), index);
    // Top-down, then reversed: the sibling of each subtree on the way to the leaf.
    while hi - lo > 1 {
        let k = split((hi - lo) as u64) as usize;
        if at < k {
            path.push(root_of(&leaves[lo + k..hi]));
            hi = lo + k;
        } else {
            path.push(root_of(&leaves[lo..lo + k]));
            lo += k;
            at -= k;
        }
    }
    path.reverse();
    Some(path)
}

/// The audit paths of the leaves `indices` among `leaves` (each as [`audit_path`] gives it),
/// in the order of `indices`, computed in one pass over the tree: every subtree head is
/// hashed once (about `leaves.len()` hashes in all, whatever the number of paths), the
/// memory beyond the paths logarithmic. `None` if an index is not a leaf of the tree.
pub fn audit_paths(indices: &[usize], leaves: &[Hash]) -> Option<Vec<Vec<Hash>>> {
    if indices.iter().any(|&i| i >= leaves.len()) {
        return None;
    }
    // (leaf, position in `indices`), by leaf: the wanted leaves of a subtree are a slice.
    let mut wanted: Vec<(usize, usize)> = indices.iter().copied().zip(0..).collect();
    wanted.sort_unstable();
    let mut paths = vec![Vec::new(); indices.len()];
    if !leaves.is_empty() {
        paths_under(0, leaves, &wanted, &mut paths);
    }
    Some(paths)
}

/// The head of the subtree `leaves` (whose first leaf is leaf `lo` of the tree), pushing onto
/// the path of each wanted leaf in it the sibling heads on its way up, from the leaf up (the
/// recursion is at most 64 deep: one level per split).
fn paths_under(lo: usize, leaves: &[Hash], wanted: &[(usize, usize)], paths: &mut [Vec<Hash>]) -> Hash {
    if leaves.len() == 1 {
        return leaves[0];
    }
    if wanted.is_empty() {
        return root_of(leaves);
    }
    let k = split(leaves.len() as u64) as usize;
    let at = wanted.partition_point(|&(i, _)| i < lo + k);
    let (in_left, in_right) = wanted.split_at(at);
    let left = paths_under(lo, &leaves[..k], in_left, paths);
    let right = paths_under(lo + k, &leaves[k..], in_right, paths);
    in_left.iter().for_each(|&(_, p)| paths[p].push(right));
    in_right.iter().for_each(|&(_, p)| paths[p].push(left));
    node_hash(&left, &right)
}

/// The length of every audit path in a tree of `size` leaves when `size` is a power of two
/// (the padded trees of §5.12): log2(size). `None` otherwise.
pub fn path_len(size: u64) -> Option<usize> {
    size.is_power_of_two().then(|| size.trailing_zeros() as usize)
}

/// Whether `path` proves that `leaf` is leaf `index` of the tree of `size` leaves whose head
/// is `root` (RFC 9162 §2.1.3.2). A path longer than the tree is deep fails before any
/// hashing beyond its depth.
pub fn verify_inclusion(index: u64, size: u64, leaf: &Hash, path: &[Hash], root: &Hash) -> bool {
    if index >= size || path.len() > 64 {
        return false;
    }
    let (mut fn_, mut sn, mut r) = (index, size - 1, *leaf);
    for p in path {
        if sn == 0 {
            return false;
        }
        if fn_ & 1 == 1 || fn_ == sn {
            r = node_hash(p, &r);
            while fn_ & 1 == 0 && fn_ != 0 {
                fn_ >>= 1;
                sn >>= 1;
            }
        } else {
            r = node_hash(&r, p);
        }
        fn_ >>= 1;
        sn >>= 1;
    }
    sn == 0 && r == *root
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::hex;

    /// The leaves of Certificate Transparency's Merkle tests (RFC 6962's reference
    /// implementation, `merkle_tree_test.cc`).
    const CT_LEAVES: [&str; 8] =
        ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];
    /// Their tree heads for the first 1 … 8 leaves.
    const CT_ROOTS: [&str; 8] = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len() / 2).map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap()).collect()
    }

    fn ct_leaves() -> Vec<Hash> {
        CT_LEAVES.iter().map(|l| leaf_hash(&[&unhex(l)])).collect()
    }

    #[test]
    fn roots_of_the_ct_test_leaves() {
        let leaves = ct_leaves();
        assert_eq!(hex(&empty_root()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        for n in 1..=8 {
            assert_eq!(hex(&root_of(&leaves[..n])), CT_ROOTS[n - 1], "n = {n}");
            let mut s = Streaming::new();
            leaves[..n].iter().for_each(|l| s.push(*l));
            assert_eq!(hex(&s.root()), CT_ROOTS[n - 1], "streaming, n = {n}");
        }
    }

    #[test]
    fn the_ct_audit_path_of_leaf_2_of_5() {
        let path = audit_path(2, &ct_leaves()[..5]).unwrap();
        let got: Vec<String> = path.iter().map(|h| hex(h)).collect();
        assert_eq!(
            got,
            [
                "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
                "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ]
        );
    }

    #[test]
    fn every_path_verifies_and_a_changed_one_does_not() {
        let leaves = ct_leaves();
        for n in 1..=8usize {
            let root = root_of(&leaves[..n]);
            for i in 0..n {
                let path = audit_path(i, &leaves[..n]).unwrap();
                assert!(verify_inclusion(i as u64, n as u64, &leaves[i], &path, &root), "{i} of {n}");
                let mut longer = path.clone();
                longer.push(leaves[0]);
                assert!(!verify_inclusion(i as u64, n as u64, &leaves[i], &longer, &root), "longer {i} of {n}");
                assert!(!verify_inclusion(n as u64, n as u64, &leaves[i], &path, &root), "index out of range");
                if let Some(first) = path.first() {
                    let mut forged = path.clone();
                    forged[0] = node_hash(first, first);
                    assert!(!verify_inclusion(i as u64, n as u64, &leaves[i], &forged, &root), "forged {i} of {n}");
                    assert!(!verify_inclusion(i as u64, n as u64, &leaves[i], &path[1..], &root), "shorter");
                }
                let other = leaves[(i + 1) % n];
                if n > 1 {
                    assert!(!verify_inclusion(i as u64, n as u64, &other, &path, &root), "other leaf {i} of {n}");
                }
            }
        }
        assert_eq!(audit_path(3, &leaves[..3]), None);
    }

    #[test]
    fn streaming_equals_the_recursive_split() {
        let leaves: Vec<Hash> = (0u32..70).map(|i| leaf_hash(&[&i.to_be_bytes()])).collect();
        let mut s = Streaming::new();
        assert_eq!(s.root(), empty_root());
        for n in 1..=70 {
            s.push(leaves[n - 1]);
            assert_eq!(s.root(), root_of(&leaves[..n]), "n = {n}");
            assert_eq!(s.len(), n as u64);
        }
    }

    #[test]
    fn the_paths_of_one_pass_are_those_of_one_leaf_at_a_time() {
        // Random trees (a fixed xorshift stream, so a failure reruns), sizes 1 to 300 and
        // powers of two, random wanted leaves with repeats and in any order.
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let sizes: Vec<usize> = (1..=300).chain([512, 1024, 1025]).collect();
        for n in sizes {
            let leaves: Vec<Hash> = (0..n).map(|_| leaf_hash(&[&next().to_be_bytes()])).collect();
            let picks = 1 + (next() as usize) % n.min(40);
            let mut wanted: Vec<usize> = (0..picks).map(|_| next() as usize % n).collect();
            if n <= 64 {
                wanted.extend(0..n);
            }
            let got = audit_paths(&wanted, &leaves).unwrap();
            for (i, path) in wanted.iter().zip(&got) {
                assert_eq!(Some(path.clone()), audit_path(*i, &leaves), "leaf {i} of {n}");
            }
            assert_eq!(audit_paths(&[n], &leaves), None, "index out of range, n = {n}");
        }
        assert_eq!(audit_paths(&[], &[]), Some(Vec::new()));
        assert_eq!(audit_paths(&[0], &[]), None);
    }

    #[test]
    fn path_lengths_of_padded_trees() {
        assert_eq!(path_len(8), Some(3));
        assert_eq!(path_len(1 << 21), Some(21));
        assert_eq!(path_len(12), None);
        assert_eq!(path_len(0), None);
    }
}
