//! `custody log init|key|serve` (issue #20): a log created for a key, its verifier key printed
//! the same by `init` and `key`, refusals with nothing changed, and a served log answering a
//! submission over 127.0.0.1 with a checkpoint signed by that key.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use custody_core::keys::note::VerifierKey;
use custody_core::tlog::Checkpoint;

use crate::common::Scratch;

const ORIGIN: &str = "court.example/custody-log";

/// Kills the server when the test ends, passing or not.
struct Served(Child);

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn request(port: u16, raw: &str) -> Option<String> {
    let mut c = TcpStream::connect(("127.0.0.1", port)).ok()?;
    c.set_read_timeout(Some(Duration::from_secs(20))).ok()?;
    c.write_all(raw.as_bytes()).ok()?;
    let mut out = String::new();
    c.read_to_string(&mut out).ok()?;
    Some(out)
}

#[test]
fn a_log_is_created_served_and_answers_a_submission() {
    let s = Scratch::new();
    s.keygen("log", "Log Operator");
    s.keygen("other", "Someone Else");
    let vkey = s.ok(&["log", "init", "--db", "log.sqlite", "--key", "log.key", "--origin", ORIGIN]);
    let vkey = VerifierKey::parse(vkey.trim_end()).unwrap();
    assert_eq!(vkey.name(), ORIGIN);
    let again = s.ok(&["log", "key", "--key", "log.key", "--origin", ORIGIN]);
    assert_eq!(again.trim_end(), vkey.to_string());
    // A second init, a bad origin, another key, a mistyped path: refused (exit 2), the log
    // unchanged byte for byte, nothing created.
    let before = std::fs::read(s.path("log.sqlite")).unwrap();
    let err = s.status(2, &["log", "init", "--db", "log.sqlite", "--key", "log.key", "--origin", ORIGIN]);
    assert!(err.is_empty());
    let o = s.run(&["log", "init", "--db", "bad.sqlite", "--key", "log.key", "--origin", "has space"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("origin \"has space\" is not valid"), "{o:?}");
    let o = s.run(&["log", "serve", "--db", "log.sqlite", "--key", "other.key", "--listen", "127.0.0.1:0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains(&vkey.to_string()), "names the log's key");
    let o = s.run(&["log", "serve", "--db", "typo.sqlite", "--key", "log.key", "--listen", "127.0.0.1:0"]);
    assert_eq!(o.status.code(), Some(2));
    for made in ["typo.sqlite", "typo.sqlite-wal", "typo.sqlite-shm", "bad.sqlite"] {
        assert!(!s.path(made).exists(), "{made} was created");
    }
    assert_eq!(std::fs::read(s.path("log.sqlite")).unwrap(), before, "the log is unchanged");

    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let listen = format!("127.0.0.1:{port}");
    #[allow(deprecated)]
    let bin = assert_cmd::cargo::cargo_bin("custody");
    let child = std::process::Command::new(bin)
        .current_dir(s.path(""))
        .env_remove("CUSTODY_CONFIG")
        .args(["log", "serve", "--db", "log.sqlite", "--key", "log.key", "--listen", &listen, "--threads", "2"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let _served = Served(child);
    let start = Instant::now();
    let get = "GET /checkpoint HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    let first = loop {
        if let Some(r) = request(port, get) {
            break r;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "the server did not start");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(first.starts_with("HTTP/1.1 200"));
    let note = first.split_once("\r\n\r\n").unwrap().1;
    assert_eq!(Checkpoint::open(note.as_bytes(), &vkey).unwrap().size, 0);

    let body = format!(r#"{{"slot":"{}","event":"{}","signer":"{}"}}"#, "a".repeat(64), "b".repeat(64), "c".repeat(64));
    let post = |body: &str| {
        let raw = format!(
            "POST /v1/submit HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        request(port, &raw).unwrap()
    };
    let added = post(&body);
    assert!(added.starts_with("HTTP/1.1 201"), "{added}");
    let v: serde_json::Value = serde_json::from_str(added.split_once("\r\n\r\n").unwrap().1).unwrap();
    assert_eq!(v["index"], 0);
    let cp = Checkpoint::open(v["checkpoint"].as_str().unwrap().as_bytes(), &vkey).unwrap();
    assert_eq!(cp.size, 1);
    assert!(post(&body).starts_with("HTTP/1.1 200"));
    assert!(post(&body.replace(&"b".repeat(64), &"d".repeat(64))).starts_with("HTTP/1.1 409"));
}
