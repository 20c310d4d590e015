use super::*;
use crate::commit::merkle::{audit_path, leaf_hash, verify_inclusion};
use crate::digest::hex;

fn leaves(n: usize) -> Vec<Hash> {
    (0..n as u32).map(|i| leaf_hash(&[&i.to_be_bytes()])).collect()
}

/// RFC 6962 §2.1.2's SUBPROOF over slices, written as the RFC states it: the reference.
fn reference_subproof(m: usize, d: &[Hash], b: bool) -> Vec<Hash> {
    let n = d.len();
    if m == n {
        return if b { vec![] } else { vec![root_of(d)] };
    }
    let k = split(n as u64) as usize;
    if m <= k {
        let mut p = reference_subproof(m, &d[..k], b);
        p.push(root_of(&d[k..]));
        p
    } else {
        let mut p = reference_subproof(m - k, &d[k..], false);
        p.push(root_of(&d[..k]));
        p
    }
}

fn unhex(s: &str) -> Hash {
    let v: Vec<u8> = (0..32).map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap()).collect();
    v.try_into().unwrap()
}

/// The leaves of Certificate Transparency's tests (`merkle_tree_test.cc`).
fn ct_leaves() -> Vec<Hash> {
    ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"]
        .iter()
        .map(|l| {
            let b: Vec<u8> = (0..l.len() / 2).map(|i| u8::from_str_radix(&l[2 * i..2 * i + 2], 16).unwrap()).collect();
            leaf_hash(&[&b])
        })
        .collect()
}

#[test]
fn ct_known_answer_consistency_proofs() {
    let d = ct_leaves();
    let cases: [(u64, u64, &[&str]); 4] = [
        (1, 1, &[]),
        (
            1,
            8,
            &[
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ],
        ),
        (
            6,
            8,
            &[
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ],
        ),
        (
            2,
            5,
            &[
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ],
        ),
    ];
    for (m, n, want) in cases {
        let got = consistency_proof(&d[..n as usize], m, n).unwrap().unwrap();
        let got: Vec<String> = got.iter().map(|h| hex(h)).collect();
        assert_eq!(got, want, "{m} -> {n}");
        let proof: Vec<Hash> = want.iter().map(|h| unhex(h)).collect();
        let (old, new) = (root_of(&d[..m as usize]), root_of(&d[..n as usize]));
        assert!(verify_consistency(m, n, &old, &new, &proof), "{m} -> {n}");
    }
    // The CT inclusion proof of leaf 0 of 8.
    let got = inclusion_proof(&d[..], 0, 8).unwrap().unwrap();
    assert_eq!(hex(&got[2]), "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
}

#[test]
fn every_inclusion_proof_up_to_64_equals_the_reference_and_verifies() {
    let all = leaves(64);
    for n in 1..=64usize {
        let d = &all[..n];
        let root = root_of(d);
        assert_eq!(tree_root(d, n as u64).unwrap(), root, "root of {n}");
        for i in 0..n {
            let p = inclusion_proof(d, i as u64, n as u64).unwrap().unwrap();
            assert_eq!(Some(p.clone()), audit_path(i, d), "{i} of {n}");
            assert!(verify_inclusion(i as u64, n as u64, &d[i], &p, &root));
            // A flipped, added or dropped node is refused.
            for j in 0..p.len() {
                let mut bad = p.clone();
                bad[j][0] ^= 1;
                assert!(!verify_inclusion(i as u64, n as u64, &d[i], &bad, &root), "flipped {j}: {i} of {n}");
            }
            let mut longer = p.clone();
            longer.push(root);
            assert!(!verify_inclusion(i as u64, n as u64, &d[i], &longer, &root));
            if !p.is_empty() {
                assert!(!verify_inclusion(i as u64, n as u64, &d[i], &p[..p.len() - 1], &root));
            }
        }
        assert_eq!(inclusion_proof(d, n as u64, n as u64).unwrap(), None);
    }
}

#[test]
fn every_consistency_proof_up_to_64_equals_the_reference_and_verifies() {
    let all = leaves(64);
    for n in 1..=64usize {
        let d = &all[..n];
        let new_root = root_of(d);
        for m in 0..=n {
            let p = consistency_proof(d, m as u64, n as u64).unwrap().unwrap();
            let want = if m == 0 || m == n { vec![] } else { reference_subproof(m, d, true) };
            assert_eq!(p, want, "{m} -> {n}");
            let old_root = root_of(&d[..m]);
            assert!(verify_consistency(m as u64, n as u64, &old_root, &new_root, &p), "{m} -> {n}");
            if m == 0 {
                continue;
            }
            for j in 0..p.len() {
                let mut bad = p.clone();
                bad[j][31] ^= 0x80;
                assert!(!verify_consistency(m as u64, n as u64, &old_root, &new_root, &bad), "flipped {j}: {m} -> {n}");
            }
            let mut longer = p.clone();
            longer.push(new_root);
            assert!(!verify_consistency(m as u64, n as u64, &old_root, &new_root, &longer), "added: {m} -> {n}");
            if !p.is_empty() {
                assert!(!verify_consistency(m as u64, n as u64, &old_root, &new_root, &p[1..]), "dropped: {m} -> {n}");
            }
            // Another old tree, or the proof claimed for other sizes, is refused.
            let mut other = old_root;
            other[0] ^= 1;
            assert!(!verify_consistency(m as u64, n as u64, &other, &new_root, &p), "other old root: {m} -> {n}");
            if m < n {
                assert!(!verify_consistency(m as u64, n as u64, &old_root, &old_root, &p), "old root as new");
            }
        }
        assert_eq!(consistency_proof(d, n as u64 + 1, n as u64).unwrap(), None);
    }
}

#[test]
fn hostile_consistency_inputs_are_refused_without_panic() {
    let h = [7u8; 32];
    assert!(!verify_consistency(5, 4, &h, &h, &[]));
    assert!(!verify_consistency(3, 3, &h, &[8u8; 32], &[]));
    assert!(!verify_consistency(3, 3, &h, &h, &[h]));
    assert!(!verify_consistency(0, 3, &h, &h, &[h]));
    assert!(!verify_consistency(1, u64::MAX, &h, &h, &vec![h; 129]));
    assert!(!verify_consistency(u64::MAX - 1, u64::MAX, &h, &h, &vec![h; 128]));
    assert!(!verify_consistency(3, 7, &h, &h, &[]));
    assert!(!verify_inclusion(u64::MAX - 1, u64::MAX, &h, &vec![h; 64], &h));
}

/// A source that counts its reads: proofs cost O(log n) nodes.
struct Counting<'a>(&'a [Hash], std::cell::Cell<usize>);

impl NodeSource for Counting<'_> {
    type Error = NodeOutside;
    fn node(&self, level: u32, index: u64) -> Result<Hash, Self::Error> {
        self.1.set(self.1.get() + 1);
        self.0.node(level, index)
    }
}

#[test]
fn a_slice_refuses_nodes_beyond_it() {
    let d = leaves(5);
    assert_eq!(d[..].node(2, 0), Ok(root_of(&d[..4])));
    assert_eq!(d[..].node(2, 1), Err(NodeOutside));
    assert_eq!(d[..].node(0, 5), Err(NodeOutside));
    assert_eq!(d[..].node(63, u64::MAX), Err(NodeOutside));
    assert_eq!(d[..].node(200, 0), Err(NodeOutside));
}

#[test]
fn proofs_read_logarithmically_many_nodes() {
    let d = leaves(1000);
    let src = Counting(&d, std::cell::Cell::new(0));
    inclusion_proof(&src, 517, 1000).unwrap().unwrap();
    consistency_proof(&src, 333, 1000).unwrap().unwrap();
    tree_root(&src, 999).unwrap();
    assert!(src.1.get() <= 3 * 2 * 10, "{} reads", src.1.get());
}
