//! The server over 127.0.0.1 on an ephemeral port, spoken to with raw HTTP/1.1.

use std::io::{Read, Write};
use std::net::TcpStream;

use custody_core::commit::merkle::{Hash, leaf_hash, verify_inclusion};
use custody_core::commit::proof::verify_consistency;
use custody_core::keys::note::VerifierKey;
use custody_core::keys::{Identity, KeyPair, Role};
use custody_core::tlog::{Checkpoint, Kind, LeafInput};
use serde_json::Value;

use super::*;
use crate::{Claim, SqliteStore};

fn key() -> KeyPair {
    KeyPair::from_seed([1; 32], Identity::new("Log operator", "Court registry", Role::Custodian, "FR"))
}

fn hex(h: &Hash) -> String {
    h.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Hash {
    let v: Vec<u8> = (0..32).map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap()).collect();
    v.try_into().unwrap()
}

/// Sends `raw` on a new connection and reads the whole answer (the server closes).
fn exchange(addr: SocketAddr, raw: &[u8]) -> (u16, String, Vec<u8>) {
    let mut c = TcpStream::connect(addr).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let _ = c.write_all(raw);
    let mut out = Vec::new();
    let _ = c.read_to_end(&mut out);
    let at = out.windows(4).position(|w| w == b"\r\n\r\n").expect("a response head");
    let head = String::from_utf8(out[..at].to_vec()).unwrap();
    let status = head[9..12].parse().unwrap();
    (status, head, out[at + 4..].to_vec())
}

fn get(addr: SocketAddr, path: &str) -> (u16, String, Vec<u8>) {
    exchange(addr, format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes())
}

fn post(addr: SocketAddr, path: &str, body: &str) -> (u16, Value) {
    let raw = format!(
        "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let (status, _, body) = exchange(addr, raw.as_bytes());
    (status, serde_json::from_slice(&body).unwrap())
}

fn claim(i: u64) -> (Hash, Hash, Hash) {
    let h = |t: &[u8]| leaf_hash(&[t, &i.to_be_bytes()]);
    (h(b"slot"), h(b"event"), h(b"signer"))
}

fn submit_body(c: (Hash, Hash, Hash), from: Option<u64>) -> String {
    let mut v = serde_json::json!({"slot": hex(&c.0), "event": hex(&c.1), "signer": hex(&c.2)});
    if let Some(f) = from {
        v["from"] = f.into();
    }
    v.to_string()
}

fn server_checkpoint_at(dir: &tempfile::TempDir, size: u64) -> String {
    SqliteStore::open(&dir.path().join("log.sqlite")).unwrap().checkpoint_at(size).unwrap().unwrap()
}

#[test]
fn submissions_and_proofs_over_http() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("log.sqlite");
    let vkey = SqliteStore::create(&db, &key(), "court.example/custody-log").unwrap();
    let server =
        Server::start(ServeConfig { db: Db::File(db), key: key(), listen: "127.0.0.1:0".into(), threads: 4 }).unwrap();
    let addr = server.addr();

    let (status, _, body) = get(addr, "/v1/vkey");
    assert_eq!(status, 200);
    assert_eq!(VerifierKey::parse(String::from_utf8(body).unwrap().trim_end()).unwrap(), vkey);

    // 201 for new claims, each answer's proof verifying against its checkpoint.
    let mut last: Option<Checkpoint> = None;
    for i in 0..20u64 {
        let c = claim(i);
        let (status, v) = post(addr, "/v1/submit", &submit_body(c, last.as_ref().map(|cp| cp.size)));
        assert_eq!(status, 201, "{v}");
        let cp = Checkpoint::open(v["checkpoint"].as_str().unwrap().as_bytes(), &vkey).unwrap();
        let index = v["index"].as_u64().unwrap();
        let proof: Vec<Hash> = v["inclusion"].as_array().unwrap().iter().map(|h| unhex(h.as_str().unwrap())).collect();
        let leaf = LeafInput { kind: Kind::Event, slot: c.0, event: c.1, signer: c.2 }.hash();
        assert!(verify_inclusion(index, cp.size, &leaf, &proof, &cp.root));
        if let Some(prev) = &last {
            let p: Vec<Hash> =
                v["consistency"].as_array().unwrap().iter().map(|h| unhex(h.as_str().unwrap())).collect();
            assert!(verify_consistency(prev.size, cp.size, &prev.root, &cp.root, &p));
        }
        last = Some(cp);
    }
    // 200 for the same claim again; 409 for another event in a taken slot, recorded.
    let (status, v) = post(addr, "/v1/submit", &submit_body(claim(3), None));
    assert_eq!((status, v["index"].as_u64()), (200, Some(3)));
    let fork = (claim(3).0, claim(99).1, claim(3).2);
    let (status, v) = post(addr, "/v1/submit", &submit_body(fork, None));
    assert_eq!(status, 409, "{v}");
    assert_eq!(v["error"], "slot_taken");
    assert_eq!(v["accepted"]["index"], 3);
    assert_eq!(v["accepted"]["event"], hex(&claim(3).1));
    assert_eq!(v["recorded"]["index"], 20);

    // The checkpoint and proofs by GET.
    let (status, head, note) = get(addr, "/checkpoint");
    assert_eq!(status, 200);
    assert!(head.contains("Cache-Control: no-store"));
    let cp = Checkpoint::open(&note, &vkey).unwrap();
    assert_eq!(cp.size, 21);
    let (status, _, body) = get(addr, "/v1/proof/inclusion?index=5&size=21");
    assert_eq!(status, 200);
    let v: Value = serde_json::from_slice(&body).unwrap();
    let proof: Vec<Hash> = v["proof"].as_array().unwrap().iter().map(|h| unhex(h.as_str().unwrap())).collect();
    let c = claim(5);
    let leaf = LeafInput { kind: Kind::Event, slot: c.0, event: c.1, signer: c.2 }.hash();
    assert!(verify_inclusion(5, 21, &leaf, &proof, &cp.root));
    let (status, _, _) = get(addr, "/v1/proof/consistency?from=4&to=21");
    assert_eq!(status, 200);

    // A lookup: slot 3's accepted event and conflict record, slot 7's event, a free slot;
    // every inclusion proof against the one checkpoint of the answer.
    let free = claim(1000).0;
    let body = serde_json::json!({"slots": [hex(&claim(3).0), hex(&claim(7).0), hex(&free)], "from": 4}).to_string();
    let (status, v) = post(addr, "/v1/lookup", &body);
    assert_eq!(status, 200, "{v}");
    let lcp = Checkpoint::open(v["checkpoint"].as_str().unwrap().as_bytes(), &vkey).unwrap();
    assert_eq!(lcp, cp);
    let p: Vec<Hash> = v["consistency"].as_array().unwrap().iter().map(|h| unhex(h.as_str().unwrap())).collect();
    let at4 = Checkpoint::open(server_checkpoint_at(&dir, 4).as_bytes(), &vkey).unwrap();
    assert!(verify_consistency(4, lcp.size, &at4.root, &lcp.root, &p));
    let slots = v["slots"].as_array().unwrap();
    let kinds: Vec<&str> =
        slots[0]["entries"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["event", "conflict"]);
    assert_eq!(slots[1]["entries"].as_array().unwrap().len(), 1);
    assert!(slots[2]["entries"].as_array().unwrap().is_empty());
    for (s, entries) in [(claim(3).0, &slots[0]), (claim(7).0, &slots[1])] {
        for e in entries["entries"].as_array().unwrap() {
            let kind = if e["kind"] == "event" { Kind::Event } else { Kind::Conflict };
            let leaf = LeafInput {
                kind,
                slot: s,
                event: unhex(e["event"].as_str().unwrap()),
                signer: unhex(e["signer"].as_str().unwrap()),
            };
            let proof: Vec<Hash> =
                e["inclusion"].as_array().unwrap().iter().map(|h| unhex(h.as_str().unwrap())).collect();
            assert!(verify_inclusion(e["index"].as_u64().unwrap(), lcp.size, &leaf.hash(), &proof, &lcp.root));
        }
    }
    let too_many = serde_json::json!({"slots": vec![hex(&free); 1025]}).to_string();
    assert_eq!(post(addr, "/v1/lookup", &too_many).0, 400);
    assert_eq!(post(addr, "/v1/lookup", &serde_json::json!({"slots": [], "from": 22}).to_string()).0, 400);

    // Refusals, each with its status.
    assert_eq!(get(addr, "/v1/proof/inclusion?index=21&size=21").0, 400);
    assert_eq!(get(addr, "/v1/proof/inclusion?index=1&size=22").0, 400);
    assert_eq!(get(addr, "/v1/proof/consistency?from=5&to=4").0, 400);
    assert_eq!(get(addr, "/v1/proof/inclusion?index=1&size=2&size=3").0, 400);
    assert_eq!(get(addr, "/v1/proof/inclusion?index=-1&size=2").0, 400);
    assert_eq!(get(addr, "/nothing").0, 404);
    assert_eq!(get(addr, "/v1/submit").0, 405);
    assert_eq!(post(addr, "/v1/submit", "{").0, 400);
    let unknown = submit_body(claim(50), None).replace('}', ",\"extra\":1}");
    assert_eq!(post(addr, "/v1/submit", &unknown).0, 400);
    let upper = submit_body(claim(50), None)
        .to_uppercase()
        .replace("SLOT", "slot")
        .replace("EVENT", "event")
        .replace("SIGNER", "signer");
    assert_eq!(post(addr, "/v1/submit", &upper).0, 400);
    assert_eq!(exchange(addr, b"POST /v1/submit HTTP/1.1\r\nHost: x\r\n\r\n").0, 411);
    let form = submit_body(claim(51), None);
    let raw =
        format!("POST /v1/submit HTTP/1.1\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n{form}", form.len());
    assert_eq!(exchange(addr, raw.as_bytes()).0, 415);
    assert_eq!(
        exchange(addr, b"POST /v1/submit HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n").0,
        400
    );
    assert_eq!(exchange(addr, b"POST /v1/submit HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}").0, 400);
    // A 2 MiB body is refused from its length, and the answer reaches a client still sending.
    let big = format!(
        "POST /v1/submit HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{}",
        2 << 20,
        " ".repeat(2 << 20)
    );
    assert_eq!(exchange(addr, big.as_bytes()).0, 413);
    let many: String = (0..40).map(|i| format!("X-{i}: y\r\n")).collect();
    assert_eq!(exchange(addr, format!("GET /checkpoint HTTP/1.1\r\n{many}\r\n").as_bytes()).0, 431);
    let long = format!("GET /checkpoint HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(9000));
    assert_eq!(exchange(addr, long.as_bytes()).0, 431);

    // Two requests on one connection (keep-alive).
    let mut c = TcpStream::connect(addr).unwrap();
    c.write_all(
        b"GET /v1/vkey HTTP/1.1\r\nHost: x\r\n\r\nGET /v1/vkey HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )
    .unwrap();
    let mut out = String::new();
    c.read_to_string(&mut out).unwrap();
    assert_eq!(out.matches("HTTP/1.1 200 OK").count(), 2);

    server.stop();
}

#[test]
fn lookups_refuse_repeated_slots_and_answers_over_the_entry_cap() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("log.sqlite");
    SqliteStore::create(&db, &key(), "court.example/custody-log").unwrap();
    // 130 slots, each with its event and 16 conflict records: 2,210 entries.
    let mut store = SqliteStore::open(&db).unwrap();
    let claims: Vec<Claim> = (0..130u64)
        .flat_map(|s| (0..17u64).map(move |e| Claim { slot: claim(s).0, event: claim(1000 + e).1, signer: claim(s).2 }))
        .collect();
    store.integrate(&key(), &claims).unwrap();
    let server =
        Server::start(ServeConfig { db: Db::File(db), key: key(), listen: "127.0.0.1:0".into(), threads: 2 }).unwrap();
    let addr = server.addr();

    let twice = serde_json::json!({"slots": [hex(&claim(0).0), hex(&claim(0).0)]}).to_string();
    let (status, v) = post(addr, "/v1/lookup", &twice);
    assert_eq!((status, v["error"].as_str()), (400, Some("bad_body")), "{v}");
    let slots: Vec<String> = (0..120u64).map(|s| hex(&claim(s).0)).collect();
    let (status, v) = post(addr, "/v1/lookup", &serde_json::json!({ "slots": slots }).to_string());
    assert_eq!((status, v["error"].as_str()), (200, None), "{v}");
    assert_eq!(v["slots"][119]["entries"].as_array().unwrap().len(), 17);
    let slots: Vec<String> = (0..130u64).map(|s| hex(&claim(s).0)).collect();
    let (status, v) = post(addr, "/v1/lookup", &serde_json::json!({ "slots": slots }).to_string());
    assert_eq!((status, v["error"].as_str()), (400, Some("too_many_entries")), "{v}");
    assert!(v["why"].as_str().unwrap().contains(&api::MAX_LOOKUP_ENTRIES.to_string()));
    server.stop();
}

#[test]
fn a_submission_with_a_from_beyond_the_tree_is_refused_and_not_stored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("log.sqlite");
    SqliteStore::create(&db, &key(), "court.example/custody-log").unwrap();
    let server =
        Server::start(ServeConfig { db: Db::File(db.clone()), key: key(), listen: "127.0.0.1:0".into(), threads: 2 })
            .unwrap();
    let addr = server.addr();
    let (status, v) = post(addr, "/v1/submit", &submit_body(claim(1), Some(5)));
    assert_eq!((status, v["error"].as_str()), (400, Some("bad_range")), "{v}");
    assert_eq!(SqliteStore::open(&db).unwrap().checkpoint().unwrap().0, 0, "nothing stored");
    // Within the tree it is answered with a consistency proof, as before.
    assert_eq!(post(addr, "/v1/submit", &submit_body(claim(1), Some(0))).0, 201);
    server.stop();
}

#[test]
fn pipelined_posts_and_bare_lf_heads_end_where_the_parser_says() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("log.sqlite");
    SqliteStore::create(&db, &key(), "court.example/custody-log").unwrap();
    let server =
        Server::start(ServeConfig { db: Db::File(db), key: key(), listen: "127.0.0.1:0".into(), threads: 2 }).unwrap();
    let addr = server.addr();
    // A POST with its body, then a GET, on one connection: two answers, the claim stored.
    let b = submit_body(claim(1), None);
    let raw = format!(
        "POST /v1/submit HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{b}\
         GET /checkpoint HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b.len()
    );
    let mut c = TcpStream::connect(addr).unwrap();
    c.write_all(raw.as_bytes()).unwrap();
    let mut out = String::new();
    c.read_to_string(&mut out).unwrap();
    assert!(out.starts_with("HTTP/1.1 201 Created"), "{out}");
    assert_eq!(out.matches("HTTP/1.1 200 OK").count(), 1, "{out}");
    assert!(out.contains("court.example/custody-log\n1\n"), "{out}");
    // Bare LF line ends: the head ends where httparse says, the body after it is the body.
    let raw = format!(
        "POST /v1/submit HTTP/1.1\nHost: x\nContent-Type: application/json\nContent-Length: {}\nConnection: close\n\n{}",
        b.len(),
        b
    );
    assert_eq!(exchange(addr, raw.as_bytes()).0, 200);
    assert_eq!(get(addr, "/v1/vkey").0, 200);
    let (status, _, _) = exchange(addr, b"GET /v1/vkey HTTP/1.1\nHost: x\nConnection: close\n\n");
    assert_eq!(status, 200);
    server.stop();
}

#[test]
fn a_client_trickling_a_byte_a_second_is_cut_off_at_the_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("log.sqlite");
    SqliteStore::create(&db, &key(), "court.example/custody-log").unwrap();
    let server =
        Server::start(ServeConfig { db: Db::File(db), key: key(), listen: "127.0.0.1:0".into(), threads: 1 }).unwrap();
    let mut c = TcpStream::connect(server.addr()).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut w = c.try_clone().unwrap();
    let started = std::time::Instant::now();
    let trickle = std::thread::spawn(move || {
        let head = b"GET /checkpoint HTTP/1.1\r\nX: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        for b in head {
            if w.write_all(&[*b]).is_err() {
                return;
            }
            std::thread::sleep(Duration::from_secs(1));
        }
    });
    let mut out = Vec::new();
    let _ = c.read_to_end(&mut out);
    let took = started.elapsed();
    assert!(took >= TIMEOUT && took < TIMEOUT + Duration::from_secs(3), "cut off after {took:?}");
    assert!(String::from_utf8_lossy(&out).starts_with("HTTP/1.1 408"), "{}", String::from_utf8_lossy(&out));
    drop(c);
    let _ = trickle.join();
    server.stop();
}
