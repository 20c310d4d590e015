//! `custody log init|serve --db postgres://…` (issue #20) on a real PostgreSQL (a throwaway
//! cluster per test: crates/custody-log/tests/support/pg_cluster.rs; skipped with a SKIPPED line
//! when PostgreSQL is missing, failed with CUSTODY_REQUIRE_POSTGRES=1): two server processes on
//! one database extend one consistent tree, a killed server loses no acknowledged submission,
//! and the URL's password is never shown.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use custody_core::commit::merkle::{Hash, leaf_hash, verify_inclusion};
use custody_core::commit::proof::verify_consistency;
use custody_core::keys::note::VerifierKey;
use custody_core::tlog::{Checkpoint, Claim, ClientError, Kind, LeafInput, LogClient};

use crate::common::Scratch;
use crate::log::{ORIGIN, killed_mid_batch, serve};

#[path = "../../custody-log/tests/support/pg_cluster.rs"]
mod pg_cluster;

fn claim(tag: &[u8], n: u64) -> Claim {
    let h = |what: &[u8]| leaf_hash(&[what, tag, &n.to_be_bytes()]);
    Claim { slot: h(b"slot"), event: h(b"event"), signer: h(b"signer"), from: None }
}

fn leaf(kind: Kind, c: &Claim) -> Hash {
    LeafInput { kind, slot: c.slot, event: c.event, signer: c.signer }.hash()
}

#[test]
fn two_servers_on_one_postgres_extend_one_consistent_tree() {
    let Some(cluster) = pg_cluster::cluster("two_servers_on_one_postgres") else { return };
    let url = cluster.database("custody_log");
    let s = Scratch::new();
    s.keygen("log", "Log Operator");
    let o = s.run(&["log", "init", "--db", &url, "--key", "log.key", "--origin", ORIGIN, "--json"]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let shown = format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert!(!shown.contains(pg_cluster::PASSWORD), "the password was printed: {shown}");
    assert!(shown.contains("postgres://custody:***@127.0.0.1:"), "{shown}");
    let init: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let vkey = VerifierKey::parse(init["verifier_key"].as_str().unwrap()).unwrap();
    // A second init on the same database is refused: it is a log already.
    s.refused(&["log", "init", "--db", &url, "--key", "log.key", "--origin", ORIGIN], "is not empty");
    let (_a, pa) = serve(&s, &url);
    let (_b, pb) = serve(&s, &url);
    let logs = [format!("http://127.0.0.1:{pa}"), format!("http://127.0.0.1:{pb}")];
    // Eight clients, four on each server, at once: 150 own events each, and 20 slots that a
    // client of each server claims with different events (one is accepted, the other refused
    // and recorded, whichever server integrates first).
    let seen = Arc::new(Mutex::new(Vec::<(usize, Claim, u64, Checkpoint)>::new()));
    let taken = Arc::new(Mutex::new(Vec::<Claim>::new()));
    let clients: Vec<_> = (0..8u64)
        .map(|t| {
            let (seen, taken, vkey) = (seen.clone(), taken.clone(), vkey.clone());
            let server = (t % 2) as usize;
            let log = LogClient::new(&logs[server]).unwrap();
            std::thread::spawn(move || {
                for i in 0..170u64 {
                    let c = if i < 150 {
                        claim(&t.to_be_bytes(), i)
                    } else if t < 2 {
                        Claim {
                            event: leaf_hash(&[b"fork", &t.to_be_bytes(), &i.to_be_bytes()]),
                            ..claim(b"shared", i)
                        }
                    } else {
                        continue;
                    };
                    match log.submit_claim(&c) {
                        Ok(r) => {
                            let cp = Checkpoint::open(r.checkpoint.as_bytes(), &vkey).unwrap();
                            assert!(verify_inclusion(r.index, cp.size, &leaf(Kind::Event, &c), &r.inclusion, &cp.root));
                            seen.lock().unwrap().push((server, c, r.index, cp));
                        }
                        Err(ClientError::SlotTaken { .. }) if i >= 150 => taken.lock().unwrap().push(c),
                        Err(e) => panic!("client {t}, event {i}: {e}"),
                    }
                }
            })
        })
        .collect();
    for c in clients {
        c.join().unwrap();
    }
    let seen = seen.lock().unwrap().clone();
    let taken = taken.lock().unwrap().clone();
    assert_eq!(seen.len(), 8 * 150 + 20, "every own event and one of each shared slot acknowledged");
    assert_eq!(taken.len(), 20, "the other claim of each shared slot refused");
    assert_eq!(seen.iter().filter(|(_, c, ..)| c.slot == claim(b"shared", 150).slot).count(), 1);
    // Both servers serve one tree: the same checkpoint, of every accepted event and record.
    let (a, b) = (LogClient::new(&logs[0]).unwrap(), LogClient::new(&logs[1]).unwrap());
    assert_eq!(a.checkpoint().unwrap(), b.checkpoint().unwrap());
    let last = Checkpoint::open(&a.checkpoint().unwrap(), &vkey).unwrap();
    assert_eq!(last.size, 8 * 150 + 20 + 20);
    // Indices dense and each acknowledged once; every checkpoint either server returned is a
    // prefix of the final tree (consistency proofs asked of both servers), and the receipts of
    // one server grow consistently one after another.
    let mut index_of = BTreeMap::new();
    let mut by_size = BTreeMap::new();
    for (server, c, index, cp) in &seen {
        assert!(index_of.insert(*index, c.slot).is_none(), "index {index} acknowledged twice");
        if let Some(root) = by_size.insert(cp.size, cp.root) {
            assert_eq!(root, cp.root, "two roots for size {}", cp.size);
        }
        let other = [&a, &b][1 - server];
        let proof = other.consistency(cp.size, last.size).unwrap();
        assert!(verify_consistency(cp.size, last.size, &cp.root, &last.root, &proof), "{} -> {}", cp.size, last.size);
    }
    let sizes: Vec<(&u64, &Hash)> = by_size.iter().collect();
    for w in sizes.windows(2) {
        let ((m, rm), (n, rn)) = (w[0], w[1]);
        let proof = [&a, &b][(*n % 2) as usize].consistency(*m, *n).unwrap();
        assert!(verify_consistency(*m, *n, rm, rn, &proof), "{m} -> {n}");
    }
    // Every acknowledged event is its slot's accepted event under the final checkpoint, and each
    // refused claim is recorded (looked up through either server).
    for (i, (_, c, index, _)) in seen.iter().enumerate() {
        let log = [&a, &b][i % 2];
        let p = log.inclusion(*index, last.size).unwrap();
        assert!(verify_inclusion(*index, last.size, &leaf(Kind::Event, c), &p, &last.root));
    }
    let answer = b.lookup(&taken.iter().map(|c| c.slot).collect::<Vec<_>>(), None).unwrap();
    for (c, (slot, entries)) in taken.iter().zip(&answer.slots) {
        assert_eq!(*slot, c.slot);
        let kinds: Vec<(Kind, Hash)> = entries.iter().map(|e| (e.kind, e.event)).collect();
        assert_eq!(kinds.len(), 2, "{kinds:?}");
        assert!(kinds.contains(&(Kind::Conflict, c.event)), "a refused claim is not recorded: {kinds:?}");
    }
    // The auditing monitor rebuilds the tree from either server's entries.
    s.write("log.vkey", &format!("{vkey}\n"));
    for url in &logs {
        let o = s.run(&["log", "monitor", url, "--log-key", "log.vkey", "--audit"]);
        assert_eq!(o.status.code(), Some(0), "{o:?}");
    }
}

#[test]
fn a_postgres_log_server_killed_mid_batch_keeps_every_acknowledged_submission() {
    let Some(cluster) = pg_cluster::cluster("a_postgres_log_server_killed_mid_batch") else { return };
    killed_mid_batch(&Scratch::new(), &cluster.database("custody_log"));
}

#[test]
fn a_postgres_url_s_password_is_never_shown() {
    let Some(cluster) = pg_cluster::cluster("a_postgres_url_s_password_is_never_shown") else { return };
    let url = cluster.database("custody_log");
    let s = Scratch::new();
    s.keygen("log", "Log Operator");
    // A wrong password, an unknown database, an empty database that is no log: refused, each
    // naming the URL without its password.
    let wrong = url.replace(pg_cluster::PASSWORD, "Wr0ngPassw0rd");
    let o = s.run(&["log", "serve", "--db", &wrong, "--key", "log.key", "--listen", "127.0.0.1:0"]);
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(!err.contains("Wr0ngPassw0rd") && err.contains("postgres://custody:***@127.0.0.1"), "{err}");
    assert!(err.contains("password authentication failed"), "{err}");
    let missing = format!("{}?password={}", url.replace(&format!(":{}@", pg_cluster::PASSWORD), "@"), "S3cretParam")
        .replace("/custody_log?", "/no_such_db?");
    let o = s.run(&["log", "init", "--db", &missing, "--key", "log.key", "--origin", ORIGIN]);
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(!err.contains("S3cretParam") && err.contains("postgres://custody:***@127.0.0.1:"), "{err}");
    let o = s.run(&["log", "serve", "--db", &url, "--key", "log.key", "--listen", "127.0.0.1:0"]);
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(err.contains("is not a custody log") && !err.contains(pg_cluster::PASSWORD), "{err}");
}
