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

use serde::Serialize;

use crate::manifest::{Capture, FileRecord, Files, Item, Manifest};
use merkle::{Hash, Streaming};
use salt::Salt;

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

/// The number of top leaves before padding (§5.12): the case, the restrictions, each actor
/// and each item. The one home of this count: seal, verify and the vectors use it.
pub fn top_leaf_count(actors: usize, items: usize) -> u64 {
    2u64.saturating_add(actors as u64).saturating_add(items as u64)
}

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

/// A top tree: its padded size and its head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tree {
    /// The number of leaves, padding included: a power of two from 8 to 2^21.
    pub tree_size: u64,
    /// The tree head.
    pub root: Hash,
}

/// The leaf of file `f` of an item whose files key is `files_key`.
pub fn file_leaf(files_key: &Salt, f: u32, record: &FileRecord) -> Hash {
    leaf(&salt::file_salt(files_key, f), Kind::File, &canon::canonical_bytes(record))
}

/// The head of an item's files' sub-tree (not padded), records streamed one at a time;
/// `None` beyond 2^32 files.
///
/// Each leaf (a record's canonical JSON, its salt and hash) is independent of the others, so
/// where there are two cores the leaves are made two blocks at a time, the second block on
/// its own thread, and taken into the tree in order: a million records cost half the time
/// (seal and verify alike), and no more than two blocks of leaves are held.
pub fn files_root(files_key: &Salt, files: &Files) -> Option<(u32, Hash)> {
    const BLOCK: usize = 16_384;
    let len = files.len();
    u32::try_from(len).ok()?;
    let leaves = |from: usize, to: usize| -> Option<Vec<Hash>> {
        (from..to).map(|f| Some(file_leaf(files_key, u32::try_from(f).ok()?, &files.at(f)?.to_record()))).collect()
    };
    let two_cores = len > BLOCK && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
    let mut tree = Streaming::new();
    std::thread::scope(|s| {
        let mut at = 0;
        while at < len {
            let mid = (at + BLOCK).min(len);
            let end = if two_cores { (mid + BLOCK).min(len) } else { mid };
            let second = (mid < end).then(|| s.spawn(move || leaves(mid, end)));
            leaves(at, mid)?.into_iter().for_each(|h| tree.push(h));
            if let Some(second) = second {
                // A panic there is this thread's (never a tree too large to make).
                let made = second.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
                made?.into_iter().for_each(|h| tree.push(h));
            }
            at = end;
        }
        Some(())
    })?;
    Some((u32::try_from(tree.len()).ok()?, tree.root()))
}

/// An item's provenance as committed: every member but `files`, which its sub-tree stands
/// for. Built by destructuring `Item` without `..`, so a member added to `Item` is a compile
/// error here until it is decided whether it is committed.
#[derive(Serialize)]
struct ItemHead<'a> {
    id: &'a str,
    label: &'a str,
    exhibit: &'a Option<String>,
    capture: &'a Capture,
}

/// The leaf of an item at top index `t`, with its files' count and sub-tree head.
pub fn item_leaf(salt: &Salt, n_files: u32, files_root: &Hash, item: &Item) -> Hash {
    let Item { id, label, exhibit, capture, files: _ } = item;
    let head = canon::canonical_bytes(&ItemHead { id, label, exhibit, capture });
    merkle::leaf_hash(&[salt, &[Kind::Item as u8], &n_files.to_be_bytes(), files_root, &head])
}

/// Gives each top leaf of `m`'s tree under `seed` to `each`, in order (case, restrictions,
/// actors, items, padding), and returns the tree's size; `None` if it would have more than
/// [`MAX_TREE_SIZE`] leaves or an item more than 2^32 files.
pub fn top_leaves(m: &Manifest, seed: &Salt, mut each: impl FnMut(Hash)) -> Option<u64> {
    let used = top_leaf_count(m.actors.len(), m.items.len());
    let size = padded_size(used)?;
    let salt_of = |t: u64| salt::leaf_salt(seed, t as u32);
    each(leaf(&salt_of(0), Kind::Case, &canon::canonical_bytes(&m.case)));
    each(leaf(&salt_of(1), Kind::Restrictions, &canon::canonical_bytes(&m.restrictions)));
    let mut t = 2u64;
    for a in &m.actors {
        each(leaf(&salt_of(t), Kind::Actor, &canon::canonical_bytes(a)));
        t += 1;
    }
    for item in &m.items {
        let (n, root) = files_root(&salt::files_key(seed, t as u32), &item.files)?;
        each(item_leaf(&salt_of(t), n, &root, item));
        t += 1;
    }
    while t < size {
        each(leaf(&salt_of(t), Kind::Padding, b""));
        t += 1;
    }
    Some(size)
}

/// The tree `m` commits to under `seed` (memory logarithmic in its leaves).
pub fn tree(m: &Manifest, seed: &Salt) -> Option<Tree> {
    let mut heads = Streaming::new();
    let tree_size = top_leaves(m, seed, |h| heads.push(h))?;
    Some(Tree { tree_size, root: heads.root() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::Sha256Digest;

    fn manifest(extra: serde_json::Value) -> Manifest {
        let mut v = serde_json::json!({
            "format": "custody.manifest/2",
            "bundle_id": "0123456789abcdef0123456789abcdef",
            "case": {"reference": "C-1"},
            "sealer": {"fingerprint": format!("sha256:{}", "01".repeat(32)), "name": "A", "organisation": "O",
                       "role": "investigator", "jurisdiction": "FR"},
            "commitment": {"scheme": "custody.merkle/1", "seed": "07".repeat(32)},
            "items": [{"id": "item-1", "label": "x", "files": [
                {"path": "data/item-1/a", "original_name": "a", "size": 1, "media_type": "text/plain",
                 "sha256": "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"},
                {"path": "data/item-1/b", "original_name": "b", "size": 1, "media_type": "text/plain",
                 "sha256": "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"}]}]
        });
        if let (Some(o), Some(e)) = (v.as_object_mut(), extra.as_object()) {
            for (k, x) in e {
                o.insert(k.clone(), x.clone());
            }
        }
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn every_committed_part_moves_the_root_and_empty_members_do_not() {
        let seed = [5u8; 32];
        let base = tree(&manifest(serde_json::json!({})), &seed).unwrap();
        assert_eq!(base.tree_size, 8);
        let same = manifest(
            serde_json::json!({"actors": [], "restrictions": {}, "case": {"reference": "C-1", "offences": []}}),
        );
        assert_eq!(tree(&same, &seed).unwrap(), base, "members that say nothing are not committed");
        let mut changed = Vec::new();
        changed.push(tree(&manifest(serde_json::json!({})), &[6u8; 32]).unwrap());
        changed.push(tree(&manifest(serde_json::json!({"case": {"reference": "C-2"}})), &seed).unwrap());
        changed.push(
            tree(&manifest(serde_json::json!({"restrictions": {"use_limitation": {"speciality": true}}})), &seed)
                .unwrap(),
        );
        let mut m = manifest(serde_json::json!({}));
        m.items[0].label = "y".into();
        changed.push(tree(&m, &seed).unwrap());
        let mut m = manifest(serde_json::json!({}));
        let mut records = m.items[0].files.to_records();
        records.swap(0, 1);
        m.items[0].files = Files::from_records(records.clone()).unwrap();
        changed.push(tree(&m, &seed).unwrap());
        records.pop();
        m.items[0].files = Files::from_records(records).unwrap();
        changed.push(tree(&m, &seed).unwrap());
        for (i, t) in changed.iter().enumerate() {
            assert_ne!(t.root, base.root, "change {i} left the root as it was");
        }
    }

    #[test]
    fn nested_members_that_say_nothing_commit_alike() {
        // `contact: {}`, `environment: {}` and `"minors": false` mean what their absence
        // means (§5.2), so they commit alike (§5.12).
        let seed = [5u8; 32];
        let actor = serde_json::json!({"id": "a1", "role": "investigator", "name": "B"});
        let mut with_contact = actor.clone();
        with_contact["contact"] = serde_json::json!({});
        let dp = serde_json::json!({"data_protection": {"personal_data": true}});
        let dp_false = serde_json::json!({"data_protection": {"personal_data": true, "minors": false}});
        let pairs = [
            (serde_json::json!({"actors": [actor]}), serde_json::json!({"actors": [with_contact]})),
            (serde_json::json!({"restrictions": dp}), serde_json::json!({"restrictions": dp_false})),
        ];
        for (a, b) in pairs {
            assert_eq!(tree(&manifest(a.clone()), &seed), tree(&manifest(b.clone()), &seed), "{a} and {b}");
        }
        let mut m = manifest(serde_json::json!({}));
        let base = tree(&m, &seed);
        m.items[0].capture = serde_json::from_value(serde_json::json!({"environment": {}})).unwrap();
        assert_eq!(tree(&m, &seed), base, "capture.environment {{}}");
    }

    #[test]
    fn the_streamed_tree_is_the_tree_of_its_leaves() {
        let m = manifest(serde_json::json!({}));
        let mut leaves = Vec::new();
        let size = top_leaves(&m, &[1; 32], |h| leaves.push(h)).unwrap();
        assert_eq!(leaves.len() as u64, size);
        assert_eq!(tree(&m, &[1; 32]).unwrap().root, merkle::root_of(&leaves));
        // Every top leaf proves its place with a path of log2(size) hashes.
        for (i, l) in leaves.iter().enumerate() {
            let path = merkle::audit_path(i, &leaves).unwrap();
            assert_eq!(Some(path.len()), merkle::path_len(size));
            assert!(merkle::verify_inclusion(i as u64, size, l, &path, &merkle::root_of(&leaves)));
        }
    }

    /// Made two blocks at a time on two threads (past two blocks, and not a whole number of
    /// them), the files' sub-tree is still the tree of its leaves in the records' order.
    #[test]
    fn the_files_root_made_in_blocks_is_the_tree_of_its_leaves() {
        let n = 40_000;
        let files: Vec<serde_json::Value> = (0..n)
            .map(|i| {
                serde_json::json!({"path": format!("data/item-1/{i:06}"), "original_name": "a", "size": 1,
                    "media_type": "text/plain", "sha256": "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"})
            })
            .collect();
        let m = manifest(serde_json::json!({"items": [{"id": "item-1", "label": "x", "files": files}]}));
        let key: Salt = [3; 32];
        let files = &m.items[0].files;
        let leaves: Vec<Hash> =
            files.iter().enumerate().map(|(f, v)| file_leaf(&key, f as u32, &v.to_record())).collect();
        assert_eq!(files_root(&key, files), Some((n, merkle::root_of(&leaves))));
    }

    #[test]
    fn the_item_leaf_of_spec_13() {
        // Spec §13 quotes these bytes (computed by tools/verify_bundle.py from the spec).
        let seed: Salt = std::array::from_fn(|i| i as u8);
        let m = manifest(serde_json::json!({}));
        let record = m.items[0].files.to_records().remove(0);
        let key = salt::files_key(&seed, 3);
        let file = file_leaf(&key, 0, &record);
        assert_eq!(Sha256Digest(file).hex(), "90490dfad2af359e9f19d254adea39edc1df9c59d402c26b2a781e9fceeb315a");
        let mut item = m.items[0].clone();
        item.files = Files::from_records(vec![record]).unwrap();
        let (n, root) = files_root(&key, &item.files).unwrap();
        assert_eq!((n, root), (1, file), "one file: its leaf is the sub-tree's head");
        let head = canon::canonical_bytes(&ItemHead {
            id: &item.id,
            label: &item.label,
            exhibit: &None,
            capture: &item.capture,
        });
        let input = [&salt::leaf_salt(&seed, 3)[..], &[Kind::Item as u8], &1u32.to_be_bytes(), &root, &head].concat();
        let hex: String = input.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "8d3a53551f4aefd011a29c1cf7491231d4c707ff365e84bf7ce9604c945e39b90200000001\
             90490dfad2af359e9f19d254adea39edc1df9c59d402c26b2a781e9fceeb315a\
             7b226964223a226974656d2d31222c226c6162656c223a2278227d"
        );
        let leaf = item_leaf(&salt::leaf_salt(&seed, 3), n, &root, &item);
        assert_eq!(leaf, merkle::leaf_hash(&[&input]));
        assert_eq!(Sha256Digest(leaf).hex(), "25e931998deff16dddb243c36fe781039b43f155f4581bb3bdf75d5c81529184");
    }

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
