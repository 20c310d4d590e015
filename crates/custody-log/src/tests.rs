//! The log in process, on real SQLite files and on a real PostgreSQL database (a throwaway
//! cluster per test, tests/support/pg_cluster.rs): every proof a receipt carries is checked with
//! custody-core's verifiers against a checkpoint opened with the log's verifier key. The store
//! tests run on both ([`both!`]); what is particular to one engine is tested on it alone.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use custody_core::commit::merkle::{Hash, leaf_hash, root_of, verify_inclusion};
use custody_core::commit::proof::verify_consistency;
use custody_core::keys::note::VerifierKey;
use custody_core::keys::{Identity, KeyPair, Role};
use custody_core::tlog::{Checkpoint, Kind, LeafInput};

use crate::store::MAX_RECORDS_PER_SLOT;
use crate::{Claim, Db, LogError, Outcome, Receipt, Sequencer, SqliteStore, Store};

#[path = "../tests/support/pg_cluster.rs"]
mod pg_cluster;

const ORIGIN: &str = "court.example/custody-log";

fn key(seed: u8) -> KeyPair {
    KeyPair::from_seed([seed; 32], Identity::new("Log operator", "Court registry", Role::Custodian, "FR"))
}

fn claim(i: u64) -> Claim {
    let h = |tag: &[u8]| leaf_hash(&[tag, &i.to_be_bytes()]);
    Claim { slot: h(b"slot"), event: h(b"event"), signer: h(b"signer") }
}

fn new_log(dir: &Path) -> (PathBuf, VerifierKey) {
    let path = dir.join("log.sqlite");
    let vkey = SqliteStore::create(&path, &key(1), ORIGIN).unwrap();
    (path, vkey)
}

/// Creates a log at `db`.
fn create(db: &Db) -> VerifierKey {
    Store::create(db, &key(1), ORIGIN).unwrap()
}

/// Runs `test` on a fresh log location in an SQLite file.
fn on_sqlite(test: fn(&Db)) {
    let dir = tempfile::tempdir().unwrap();
    test(&Db::File(dir.path().join("log.sqlite")));
}

/// Runs `test` on a fresh database of a throwaway PostgreSQL cluster (or skips, loudly).
fn on_postgres(name: &str, test: fn(&Db)) {
    let Some(cluster) = pg_cluster::cluster(name) else { return };
    test(&Db::Postgres(cluster.database("custody_log")));
}

/// `#[test]`s `NAME::sqlite` and `NAME::postgres` running `fn NAME(db: &Db)`.
macro_rules! both {
    ($name:ident) => {
        mod $name {
            #[test]
            fn sqlite() {
                super::on_sqlite(super::$name)
            }
            #[test]
            fn postgres() {
                super::on_postgres(stringify!($name), super::$name)
            }
        }
    };
}

/// Opens a receipt's checkpoint with the log's key and checks its leaf's inclusion proof.
fn check_receipt(vkey: &VerifierKey, c: &Claim, r: &Receipt) -> Checkpoint {
    let cp = Checkpoint::open(r.checkpoint.as_bytes(), vkey).unwrap();
    assert_eq!(cp.size, r.size);
    let (index, kind) = match r.outcome {
        Outcome::Added(i) | Outcome::Existing(i) => (i, Kind::Event),
        Outcome::Conflict { recorded: Some(i), .. } => (i, Kind::Conflict),
        Outcome::Conflict { recorded: None, .. } => return cp,
    };
    let leaf = LeafInput { kind, slot: c.slot, event: c.event, signer: c.signer }.hash();
    assert!(verify_inclusion(index, cp.size, &leaf, &r.inclusion, &cp.root), "inclusion of {index} in {}", cp.size);
    cp
}

fn all_leaf_hashes(store: &mut Store, size: u64) -> Vec<Hash> {
    (0..size).map(|i| store.leaf(i).unwrap().unwrap().hash()).collect()
}

both!(appended_leaves_are_proven_at_every_size_across_tile_edges);
fn appended_leaves_are_proven_at_every_size_across_tile_edges(db: &Db) {
    let vkey = create(db);
    let mut store = Store::open(db).unwrap();
    let k = key(1);
    let (size0, note0) = store.checkpoint().unwrap();
    assert_eq!(size0, 0);
    let mut previous = Checkpoint::open(note0.as_bytes(), &vkey).unwrap();
    let mut next = 0u64;
    // Batches of 1, 2, 3 … leaves: sizes cross 255/256/257 and 511/512/513.
    let mut batch = 1u64;
    while next < 600 {
        let claims: Vec<Claim> = (next..next + batch).map(claim).collect();
        let receipts = store.integrate(&k, &claims).unwrap();
        for (c, r) in claims.iter().zip(&receipts) {
            assert!(matches!(r.outcome, Outcome::Added(_)));
            check_receipt(&vkey, c, r);
        }
        next += batch;
        let cp = Checkpoint::open(receipts[0].checkpoint.as_bytes(), &vkey).unwrap();
        assert_eq!(cp.size, next);
        let proof = store.consistency(previous.size, cp.size).unwrap();
        assert!(verify_consistency(previous.size, cp.size, &previous.root, &cp.root, &proof));
        previous = cp;
        batch = batch % 37 + 1;
    }
    let size = previous.size;
    let leaves = all_leaf_hashes(&mut store, size);
    assert_eq!(root_of(&leaves), previous.root, "the stored tiles' root is the recomputed one");
    // Every stored checkpoint, every leaf at a sample of sizes, every consistency pair sampled.
    for m in [1u64, 2, 7, 255, 256, 257, 300, 511, 512, 513, size] {
        if m > size {
            continue;
        }
        let note = store.checkpoint_at(m).unwrap();
        let root = root_of(&leaves[..m as usize]);
        assert_eq!(store.root_at(m).unwrap(), root);
        if let Some(note) = note {
            assert_eq!(Checkpoint::open(note.as_bytes(), &vkey).unwrap().root, root);
        }
        for i in (0..m).step_by(17).chain([m - 1]) {
            let p = store.inclusion(i, m).unwrap();
            assert!(verify_inclusion(i, m, &leaves[i as usize], &p, &root), "{i} of {m}");
        }
        for n in [m, m + 1, 256, 513, size] {
            if n < m || n > size {
                continue;
            }
            let p = store.consistency(m, n).unwrap();
            assert!(verify_consistency(m, n, &root, &root_of(&leaves[..n as usize]), &p), "{m} -> {n}");
        }
    }
    assert!(matches!(store.inclusion(size, size), Err(LogError::BadRange(..))));
    assert!(matches!(store.inclusion(0, size + 1), Err(LogError::BadRange(..))));
    assert!(matches!(store.consistency(5, 4), Err(LogError::BadRange(..))));
}

both!(resubmission_is_idempotent_and_a_conflict_is_refused_and_recorded);
fn resubmission_is_idempotent_and_a_conflict_is_refused_and_recorded(db: &Db) {
    let vkey = create(db);
    let mut store = Store::open(db).unwrap();
    let k = key(1);
    let c = claim(1);
    let first = store.integrate(&k, &[c]).unwrap().remove(0);
    assert_eq!(first.outcome, Outcome::Added(0));
    let again = store.integrate(&k, &[c]).unwrap().remove(0);
    assert_eq!(again.outcome, Outcome::Existing(0));
    assert_eq!(again.size, 1, "a resubmission adds no leaf");
    assert_eq!(again.checkpoint, first.checkpoint, "nor a checkpoint");
    check_receipt(&vkey, &c, &again);
    // Another event for the same slot: refused, recorded as a kind-2 leaf, both proven.
    let fork = Claim { event: claim(2).event, ..c };
    let r = store.integrate(&k, &[fork]).unwrap().remove(0);
    assert_eq!(r.outcome, Outcome::Conflict { accepted: 0, recorded: Some(1) });
    assert!(!r.outcome.accepted());
    let cp = check_receipt(&vkey, &fork, &r);
    let accepted_leaf = LeafInput { kind: Kind::Event, slot: c.slot, event: c.event, signer: c.signer }.hash();
    assert!(verify_inclusion(0, cp.size, &accepted_leaf, r.accepted_inclusion.as_ref().unwrap(), &cp.root));
    assert_eq!(store.leaf(1).unwrap().unwrap().kind, Kind::Conflict);
    assert_eq!(store.entries(&c.slot).unwrap().len(), 2);
    // The same conflicting claim again: the same record, nothing added.
    let r2 = store.integrate(&k, &[fork]).unwrap().remove(0);
    assert_eq!(r2.outcome, Outcome::Conflict { accepted: 0, recorded: Some(1) });
    assert_eq!(r2.size, 2);
    // At most 16 records per slot: later claims are refused unrecorded.
    let others: Vec<Claim> = (10..40).map(|i| Claim { signer: claim(i).signer, ..c }).collect();
    let rs = store.integrate(&k, &others).unwrap();
    let recorded = rs.iter().filter(|r| matches!(r.outcome, Outcome::Conflict { recorded: Some(_), .. })).count();
    assert_eq!(recorded as u64, MAX_RECORDS_PER_SLOT - 1);
    assert!(matches!(rs.last().unwrap().outcome, Outcome::Conflict { accepted: 0, recorded: None }));
    assert_eq!(store.checkpoint().unwrap().0, 1 + MAX_RECORDS_PER_SLOT);
    for (c, r) in others.iter().zip(&rs) {
        check_receipt(&vkey, c, r);
    }
}

both!(duplicates_in_one_batch_are_decided_in_order);
fn duplicates_in_one_batch_are_decided_in_order(db: &Db) {
    let vkey = create(db);
    let mut store = Store::open(db).unwrap();
    let (a, b) = (claim(1), claim(2));
    let a2 = Claim { event: b.event, ..a };
    let batch = [a, a, a2, b, a2];
    let rs = store.integrate(&key(1), &batch).unwrap();
    let outcomes: Vec<Outcome> = rs.iter().map(|r| r.outcome).collect();
    assert_eq!(
        outcomes,
        [
            Outcome::Added(0),
            Outcome::Existing(0),
            Outcome::Conflict { accepted: 0, recorded: Some(1) },
            Outcome::Added(2),
            Outcome::Conflict { accepted: 0, recorded: Some(1) },
        ]
    );
    for (c, r) in batch.iter().zip(&rs) {
        assert_eq!(r.size, 3);
        check_receipt(&vkey, c, r);
    }
}

#[test]
fn a_crash_before_commit_loses_nothing_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vkey) = new_log(dir.path());
    let k = key(1);
    let acknowledged = {
        let mut store = SqliteStore::open(&path).unwrap();
        let claims: Vec<Claim> = (0..300).map(claim).collect();
        store.integrate(&k, &claims).unwrap()
    };
    {
        // The process "dies" in the middle of the next batch: the transaction is dropped
        // without COMMIT (its leaves, tiles and checkpoint were written in it).
        let mut store = SqliteStore::open(&path).unwrap();
        let rs = store.integrate_then(&k, &(300..400).map(claim).collect::<Vec<_>>(), false).unwrap();
        assert_eq!(rs[0].size, 400);
    }
    let mut store = SqliteStore::open(&path).unwrap();
    let (size, note) = store.checkpoint().unwrap();
    assert_eq!(size, 300);
    let cp = Checkpoint::open(note.as_bytes(), &vkey).unwrap();
    for (i, r) in acknowledged.iter().enumerate() {
        assert_eq!(
            store.leaf(i as u64).unwrap().unwrap().hash(),
            LeafInput {
                kind: Kind::Event,
                slot: claim(i as u64).slot,
                event: claim(i as u64).event,
                signer: claim(i as u64).signer
            }
            .hash()
        );
        let p = store.inclusion(i as u64, 300).unwrap();
        assert!(verify_inclusion(i as u64, 300, &store.leaf(i as u64).unwrap().unwrap().hash(), &p, &cp.root));
        assert_eq!(r.size, 300);
    }
    assert_eq!(store.leaf(300).unwrap(), None);
    // The resubmitted batch lands at the same indices, extending the same tree.
    let rs = store.integrate(&k, &(300..400).map(claim).collect::<Vec<_>>()).unwrap();
    assert_eq!(rs[0].outcome, Outcome::Added(300));
    let after = check_receipt(&vkey, &claim(300), &rs[0]);
    let proof = store.consistency(300, 400).unwrap();
    assert!(verify_consistency(300, 400, &cp.root, &after.root, &proof));
    assert_eq!(root_of(&all_leaf_hashes(&mut Store::from(store), 400)), after.root);
}

both!(two_handles_on_one_log_extend_one_consistent_tree);
fn two_handles_on_one_log_extend_one_consistent_tree(db: &Db) {
    let vkey = create(db);
    let k = Arc::new(key(1));
    let threads: Vec<_> = (0..2u64)
        .map(|t| {
            let (db, k) = (db.clone(), Arc::clone(&k));
            std::thread::spawn(move || {
                let mut store = Store::open(&db).unwrap();
                let mut out = Vec::new();
                for b in 0..40u64 {
                    let claims: Vec<Claim> = (0..5).map(|i| claim(t * 1_000_000 + b * 10 + i)).collect();
                    // Each handle also claims slots the other claims: one wins, the other conflicts.
                    let shared = claim(5_000_000 + b);
                    let shared = if t == 0 { shared } else { Claim { event: claim(6_000_000 + b).event, ..shared } };
                    let mut all = claims.clone();
                    all.push(shared);
                    let rs = store.integrate(&k, &all).unwrap();
                    out.extend(all.into_iter().zip(rs));
                }
                out
            })
        })
        .collect();
    let results: Vec<(Claim, Receipt)> = threads.into_iter().flat_map(|t| t.join().unwrap()).collect();
    let mut store = Store::open(db).unwrap();
    let (size, note) = store.checkpoint().unwrap();
    assert_eq!(size, 2 * 40 * 5 + 40 + 40, "every own claim, each shared slot once, each loser recorded");
    let last = Checkpoint::open(note.as_bytes(), &vkey).unwrap();
    let leaves = all_leaf_hashes(&mut store, size);
    assert_eq!(root_of(&leaves), last.root);
    let mut indices = std::collections::BTreeSet::new();
    for (c, r) in &results {
        let cp = check_receipt(&vkey, c, r);
        // Each receipt's checkpoint is a prefix of the final tree.
        let proof = store.consistency(cp.size, size).unwrap();
        assert!(verify_consistency(cp.size, size, &cp.root, &last.root, &proof));
        if let Outcome::Added(i) = r.outcome {
            assert!(indices.insert(i), "index {i} acknowledged twice");
        }
    }
    let accepted_shared =
        results.iter().filter(|(c, r)| c.slot == claim(5_000_000).slot && r.outcome.accepted()).count();
    assert_eq!(accepted_shared, 1);
}

both!(ten_thousand_leaves_through_the_sequencer);
fn ten_thousand_leaves_through_the_sequencer(db: &Db) {
    let vkey = create(db);
    let seq = Arc::new(Sequencer::start(Store::open(db).unwrap(), key(1)).unwrap());
    let threads: Vec<_> = (0..8u64)
        .map(|t| {
            let seq = Arc::clone(&seq);
            std::thread::spawn(move || {
                (0..1250u64)
                    .map(|i| (claim(t * 1250 + i), seq.submit(claim(t * 1250 + i)).unwrap()))
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let results: Vec<(Claim, Receipt)> = threads.into_iter().flat_map(|t| t.join().unwrap()).collect();
    // Resubmitting is idempotent through the sequencer too.
    assert!(matches!(seq.submit(claim(17)).unwrap().outcome, Outcome::Existing(_)));
    Arc::into_inner(seq).unwrap().stop();
    let mut indices: Vec<u64> = Vec::new();
    for (c, r) in &results {
        check_receipt(&vkey, c, r);
        let Outcome::Added(i) = r.outcome else { panic!("{:?}", r.outcome) };
        indices.push(i);
    }
    indices.sort_unstable();
    assert_eq!(indices, (0..10_000).collect::<Vec<_>>(), "dense indices, each once");
    let mut store = Store::open(db).unwrap();
    let (size, note) = store.checkpoint().unwrap();
    assert_eq!(size, 10_000);
    let cp = Checkpoint::open(note.as_bytes(), &vkey).unwrap();
    assert_eq!(root_of(&all_leaf_hashes(&mut store, size)), cp.root);
    assert_eq!(store.root_at(size).unwrap(), cp.root);
}

#[test]
fn another_key_an_initialised_or_foreign_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = new_log(dir.path());
    assert!(matches!(SqliteStore::create(&path, &key(1), ORIGIN), Err(LogError::AlreadyInitialised)));
    let store = SqliteStore::open(&path).unwrap();
    assert!(matches!(store.check_key(&key(2)), Err(LogError::KeyMismatch { .. })));
    let mut store2 = SqliteStore::open(&path).unwrap();
    assert!(matches!(store2.integrate(&key(2), &[claim(1)]), Err(LogError::KeyMismatch { .. })));
    assert_eq!(store2.checkpoint().unwrap().0, 0, "nothing stored under another key");
    assert!(matches!(Sequencer::start(store, key(2)), Err(LogError::KeyMismatch { .. })));
    let other = dir.path().join("other.sqlite");
    rusqlite::Connection::open(&other).unwrap().execute_batch("CREATE TABLE t (x INT);").unwrap();
    let Err(e) = SqliteStore::open(&other) else { panic!("a foreign database was opened as a log") };
    assert!(matches!(&e, LogError::NotALog(p) if p.ends_with("other.sqlite")), "{e:?}");
    assert!(e.to_string().contains("other.sqlite is not a custody log"), "{e}");
    let bad = SqliteStore::create(&dir.path().join("bad.sqlite"), &key(1), "has space").unwrap_err();
    assert!(matches!(bad, LogError::Checkpoint(custody_core::tlog::CheckpointError::BadOrigin(_))), "{bad}");
    assert!(!dir.path().join("bad.sqlite").exists());
    // The foreign database is refused by init too, and left in its own journal mode.
    assert!(matches!(SqliteStore::create(&other, &key(1), ORIGIN), Err(LogError::AlreadyInitialised)));
    let mode: String =
        rusqlite::Connection::open(&other).unwrap().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "delete");
    // A mistyped path creates nothing.
    let typo = dir.path().join("typo.sqlite");
    let Err(e) = SqliteStore::open(&typo) else { panic!("a missing database was opened") };
    assert!(matches!(&e, LogError::NoSuchLog(p) if *p == typo), "{e:?}");
    assert!(e.to_string().contains("typo.sqlite does not exist"), "{e}");
    assert!(
        std::fs::read_dir(dir.path()).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().starts_with("typo"))
    );
}

#[test]
fn a_log_is_in_wal_mode_with_full_synchronous_writes() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = new_log(dir.path());
    let mode: String =
        rusqlite::Connection::open(&path).unwrap().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal", "WAL is stored in the file");
    let store = SqliteStore::open(&path).unwrap();
    let sync: i64 = store.conn.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
    assert_eq!(sync, 2, "synchronous = FULL");
}

/// A submission's body for `api::handle`.
fn submit_body(c: &Claim) -> Vec<u8> {
    let hex = |h: &Hash| h.iter().map(|b| format!("{b:02x}")).collect::<String>();
    format!(r#"{{"slot":"{}","event":"{}","signer":"{}"}}"#, hex(&c.slot), hex(&c.event), hex(&c.signer)).into_bytes()
}

#[test]
fn a_batch_that_cannot_be_written_answers_503_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vkey) = new_log(dir.path());
    let seq = Sequencer::start(SqliteStore::open(&path).unwrap(), key(1)).unwrap();
    let mut reader = Store::from(SqliteStore::open(&path).unwrap());
    // Another process holds the write lock past the busy timeout: the batch fails.
    let blocker = rusqlite::Connection::open(&path).unwrap();
    blocker.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let r = crate::api::handle("POST", "/v1/submit", &submit_body(&claim(1)), &mut reader, &seq);
    assert_eq!(r.status, 503, "{}", String::from_utf8_lossy(&r.body));
    let why: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(why["error"], "unavailable");
    blocker.execute_batch("ROLLBACK").unwrap();
    // Nothing of the failed batch was stored: the same claim now is new, at index 0.
    let r = crate::api::handle("POST", "/v1/submit", &submit_body(&claim(1)), &mut reader, &seq);
    assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
    let answer: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(answer["index"], 0);
    let cp = Checkpoint::open(answer["checkpoint"].as_str().unwrap().as_bytes(), &vkey).unwrap();
    assert_eq!(cp.size, 1);
}

/// A failure after the submission is committed answers 5xx, never 4xx: a client takes a 4xx as
/// a refusal that stored nothing and drops its signed event (docs/custody-log.md §5.2). Here the
/// consistency proof, asked after the commit, fails with `BadRange` (400 before the commit) as
/// the reader's store is another log, larger than the one the sequencer writes.
#[test]
fn a_failure_after_the_commit_answers_5xx_never_a_refusal() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = new_log(dir.path());
    let other_dir = tempfile::tempdir().unwrap();
    let (other, _) = new_log(other_dir.path());
    let filler = Sequencer::start(SqliteStore::open(&other).unwrap(), key(1)).unwrap();
    for i in 10..13 {
        filler.submit(claim(i)).unwrap();
    }
    drop(filler);
    let seq = Sequencer::start(SqliteStore::open(&path).unwrap(), key(1)).unwrap();
    let mut reader = Store::from(SqliteStore::open(&other).unwrap());
    let hex = |h: &Hash| h.iter().map(|b| format!("{b:02x}")).collect::<String>();
    let c = claim(1);
    let body =
        format!(r#"{{"slot":"{}","event":"{}","signer":"{}","from":3}}"#, hex(&c.slot), hex(&c.event), hex(&c.signer));
    let r = crate::api::handle("POST", "/v1/submit", body.as_bytes(), &mut reader, &seq);
    assert_eq!(r.status, 500, "{}", String::from_utf8_lossy(&r.body));
    // It was committed: the sequencer's log holds it.
    let mut written = Store::from(SqliteStore::open(&path).unwrap());
    let found = written.lookup(&[c.slot], None, 16).unwrap();
    assert_eq!(found.slots[0].len(), 1, "{:?}", found.slots);
}

#[test]
fn a_full_queue_answers_429_with_retry_after_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = new_log(dir.path());
    let seq = Arc::new(Sequencer::start_queueing(SqliteStore::open(&path).unwrap().into(), key(1), 1).unwrap());
    let blocker = rusqlite::Connection::open(&path).unwrap();
    blocker.execute_batch("BEGIN EXCLUSIVE").unwrap();
    // The sequencer takes the first claim and waits for the lock; the second waits in the
    // queue (of one); the third finds it full.
    let waiting: Vec<_> = (1..=2)
        .map(|i| {
            let seq = seq.clone();
            let t = std::thread::spawn(move || seq.submit(claim(i)));
            std::thread::sleep(std::time::Duration::from_millis(if i == 1 { 1000 } else { 300 }));
            t
        })
        .collect();
    let mut reader = Store::from(SqliteStore::open(&path).unwrap());
    let r = crate::api::handle("POST", "/v1/submit", &submit_body(&claim(3)), &mut reader, &seq);
    assert_eq!(r.status, 429, "{}", String::from_utf8_lossy(&r.body));
    assert!(r.headers.contains(&("Retry-After", "1")));
    blocker.execute_batch("ROLLBACK").unwrap();
    for t in waiting {
        let _ = t.join().unwrap();
    }
    // The refused claim was not stored.
    let found = reader.lookup(&[claim(3).slot], None, 16).unwrap();
    assert!(found.slots[0].is_empty(), "{:?}", found.slots);
}

both!(tiles_and_entry_bundles_are_served_as_tlog_tiles_defines_them);
fn tiles_and_entry_bundles_are_served_as_tlog_tiles_defines_them(db: &Db) {
    create(db);
    let mut store = Store::open(db).unwrap();
    let claims: Vec<Claim> = (0..600).map(claim).collect();
    for chunk in claims.chunks(100) {
        store.integrate(&key(1), chunk).unwrap();
    }
    let seq = Sequencer::start(Store::open(db).unwrap(), key(1)).unwrap();
    let mut get = |target: &str| crate::api::handle("GET", target, b"", &mut store, &seq);
    let leaves: Vec<Hash> = claims
        .iter()
        .map(|c| LeafInput { kind: Kind::Event, slot: c.slot, event: c.event, signer: c.signer }.hash())
        .collect();
    let concat = |hs: &[Hash]| hs.concat();
    // Level 0: full tiles 0 and 1, the right edge of tile 2 as a partial tile of 88.
    let r = get("/tile/0/000");
    assert_eq!((r.status, r.content_type), (200, "application/octet-stream"));
    assert!(r.headers.contains(&("Cache-Control", "public, max-age=31536000, immutable")));
    assert_eq!(r.body, concat(&leaves[..256]));
    assert_eq!(get("/tile/0/001").body, concat(&leaves[256..512]));
    assert_eq!(get("/tile/0/002.p/88").body, concat(&leaves[512..600]));
    assert_eq!(get("/tile/0/002.p/7").body, concat(&leaves[512..519]), "a prefix of the right edge");
    for not_yet in ["/tile/0/002", "/tile/0/002.p/89", "/tile/0/003.p/1", "/tile/1/000", "/tile/2/000.p/1"] {
        assert_eq!(get(not_yet).status, 404, "{not_yet}");
    }
    // Level 1: the heads of the two complete 256-leaf subtrees.
    assert_eq!(get("/tile/1/000.p/2").body, concat(&[root_of(&leaves[..256]), root_of(&leaves[256..512])]));
    // Entry bundles: u16be(98) and the leaf input, each.
    let bundle = get("/tile/entries/001").body;
    assert_eq!(bundle.len(), 256 * 100);
    for (i, e) in bundle.chunks(100).enumerate() {
        assert_eq!(&e[..2], &[0, 98]);
        assert_eq!(leaf_hash(&[&e[2..]]), leaves[256 + i]);
    }
    assert_eq!(get("/tile/entries/002.p/88").body.len(), 88 * 100);
    assert_eq!(get("/tile/entries/002").status, 404);
    // One spelling per tile: others are refused.
    for bad in [
        "/tile/0/2",
        "/tile/0/0002",
        "/tile/0/x000/002",
        "/tile/00/000",
        "/tile/64/000",
        "/tile/-1/000",
        "/tile/0/002.p/0",
        "/tile/0/002.p/256",
        "/tile/0/002.p/088",
        "/tile/0/002.p/",
        "/tile/0/",
        "/tile/0",
        "/tile/0/x002",
        "/tile/0/001/002",
        "/tile/entries/",
        "/tile/entries/x1/000",
        "/tile/0/00a",
        "/tile/0/x999/x999/x999/x999/x999/x999/999",
    ] {
        assert_eq!(get(bad).status, 404, "{bad}");
    }
    assert_eq!(crate::api::handle("POST", "/tile/0/000", b"", &mut store, &seq).status, 405);
}

#[test]
fn a_postgres_url_is_shown_without_its_password() {
    use crate::store::redact_url;
    // (URL, what is shown, the secret that must not appear): the shown URL is rebuilt from the parsed one.
    let cases = [
        ("postgres://u:pw@h:5432/db", "postgres://u:***@h:5432/db", "pw@"),
        ("postgresql://u@h/db?sslmode=disable&password=pw", "postgres://u:***@h:5432/db", "=pw"),
        // An `@` in a `password=` parameter: the driver takes `p@ss` as the password.
        ("postgres://u@h/db?password=p@ss", "postgres://u:***@h:5432/db", "p@ss"),
        ("postgres://h/db?password=s3cr@t&sslmode=disable", "postgres://***@***:5432", "s3cr"),
        // A percent-encoded key is decoded by the driver: still a password.
        ("postgres://u@h/db?pass%77ord=topsecret", "postgres://u:***@h:5432/db", "topsecret"),
        ("postgres://h/db?PASSWORD=x&user=u", "postgres://***", "PASSWORD=x"),
        ("postgres://a,b:6000/db?user=u", "postgres://u@a:5432,b:6000/db", "\u{0}"),
        ("postgres://h/db", "postgres://h:5432/db", "\u{0}"),
        ("no scheme:pw@h", "postgres://***", "pw"),
    ];
    for (url, shown, secret) in cases {
        let got = redact_url(url);
        assert_eq!(got, shown, "{url}");
        assert!(!got.contains(secret), "{url} shows {secret}");
    }
    let db = Db::from_arg(Path::new("postgres://u:pw@h/db"));
    assert_eq!(
        (db.to_string(), format!("{db:?}")),
        ("postgres://u:***@h:5432/db".into(), "Db(postgres://u:***@h:5432/db)".into())
    );
    assert_eq!(Db::from_arg(Path::new("postgresql://h/db")), Db::Postgres("postgresql://h/db".into()));
    assert_eq!(Db::from_arg(Path::new("log.sqlite")), Db::File("log.sqlite".into()));
    assert_eq!(Db::from_arg(Path::new("./postgres://x")), Db::File("./postgres://x".into()), "a path stays a path");
}

#[test]
fn an_unreachable_postgres_is_refused_naming_the_url_without_its_password() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let db = Db::Postgres(format!("postgres://custody:Hidden1@127.0.0.1:{port}/log"));
    let Err(e) = Store::open(&db) else { panic!("nothing listens there") };
    let text = e.to_string();
    assert!(matches!(e, LogError::PostgresConnect { .. }), "{e:?}");
    assert!(
        text.contains(&format!("postgres://custody:***@127.0.0.1:{port}/log")) && !text.contains("Hidden1"),
        "{text}"
    );
}

/// A PostgreSQL connection lost under a handle (the database restarted, failed over, or ended the session): the
/// request that finds it lost answers 503 (as SQLite's database errors do) and says what happened, not "not a
/// custody log"; the next request reconnects, on a reader and in the sequencer alike. Only a database without the
/// log's tables is "not a custody log".
#[test]
fn a_lost_postgresql_connection_is_unavailable_then_reconnected() {
    let Some(cluster) = pg_cluster::cluster("a_lost_postgresql_connection") else { return };
    let url = cluster.database("custody_log");
    let db = Db::Postgres(url.clone());
    let vkey = create(&db);
    let seq = Sequencer::start(Store::open(&db).unwrap(), key(1)).unwrap();
    let mut store = Store::open(&db).unwrap();
    assert_eq!(crate::api::handle("GET", "/checkpoint", b"", &mut store, &seq).status, 200);
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let mut kill = || {
        let sql = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                   WHERE datname = 'custody_log' AND pid <> pg_backend_pid()";
        admin.execute(sql, &[]).unwrap()
    };
    assert_eq!(kill(), 2, "the reader's and the sequencer's connections");
    let r = crate::api::handle("GET", "/checkpoint", b"", &mut store, &seq);
    let body = String::from_utf8_lossy(&r.body).to_string();
    assert_eq!(r.status, 503, "{body}");
    assert!(body.contains("unavailable") && !body.contains("not a custody log"), "{body}");
    assert_eq!(crate::api::handle("GET", "/checkpoint", b"", &mut store, &seq).status, 200, "reconnected");
    // The sequencer's batch that finds the connection lost fails; the next reconnects and is stored.
    assert!(seq.submit(claim(1)).is_err());
    let r = seq.submit(claim(1)).unwrap();
    assert!(matches!(r.outcome, Outcome::Added(0)), "{:?}", r.outcome);
    check_receipt(&vkey, &claim(1), &r);
    assert_eq!(kill(), 2);
    let e = store.meta().unwrap_err();
    assert!(matches!(e, LogError::Postgres(_)), "{e:?}");
    assert_eq!(store.meta().unwrap().1, vkey);
    seq.stop();
    let empty = cluster.database("empty");
    assert!(matches!(Store::open(&Db::Postgres(empty)), Err(LogError::NotALog(_))));
}
