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

pub(crate) const ORIGIN: &str = "court.example/custody-log";

/// Kills the server when the test ends, passing or not (unless taken out with `take`).
pub(crate) struct Served(Option<Child>);

impl Served {
    /// The server's process, from now on the caller's to stop.
    pub(crate) fn take(mut self) -> Child {
        self.0.take().expect("a served log's process is taken once")
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if let Some(c) = self.0.as_mut() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

pub(crate) fn request(port: u16, raw: &str) -> Option<String> {
    let mut c = TcpStream::connect(("127.0.0.1", port)).ok()?;
    c.set_read_timeout(Some(Duration::from_secs(20))).ok()?;
    c.write_all(raw.as_bytes()).ok()?;
    let mut out = String::new();
    c.read_to_string(&mut out).ok()?;
    Some(out)
}

/// POSTs the JSON `body` to `path` on the log at `port`; the raw answer, or `None` when the
/// log could not be reached.
pub(crate) fn post(port: u16, path: &str, body: &str) -> Option<String> {
    let raw = format!(
        "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    request(port, &raw)
}

/// The signed note the log at `port` serves now, or `None` when it does not answer.
pub(crate) fn checkpoint(port: u16) -> Option<String> {
    let answer = request(port, "GET /checkpoint HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")?;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    answer.split_once("\r\n\r\n").map(|(_, note)| note.to_owned())
}

/// A log served from `log.sqlite` (its key `log.key`, verifier key in `log.vkey`), keys for
/// `people` besides the log's operator, and `out` sealed by Alice from `page.html`, case C-1,
/// logged to it: the log's guard and port.
pub(crate) fn logged_bundle(s: &Scratch, out: &str, people: &[(&str, &str)]) -> (Served, u16) {
    s.keygen("log", "Log Operator");
    for (who, name) in people {
        s.keygen(who, name);
    }
    let vkey = s.ok(&["log", "init", "--db", "log.sqlite", "--key", "log.key", "--origin", ORIGIN]);
    s.write("log.vkey", &vkey);
    s.write("page.html", "<html>evidence</html>\n");
    let (served, port) = serve(s, "log.sqlite");
    let url = format!("http://127.0.0.1:{port}");
    let seal = ["seal", "--key", "alice.key", "--case-ref", "C-1", "--out", out, "--log", &url];
    s.ok(&seal.into_iter().chain(["--log-key", "log.vkey", "page.html"]).collect::<Vec<_>>());
    (served, port)
}

/// Serves the log in `db` (key `log.key`) on a free port, its stderr as given; waits until it
/// answers. The server is killed when the returned guard is dropped.
pub(crate) fn serve_with(s: &Scratch, db: &str, stderr: Stdio) -> (Served, u16) {
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    (serve_on(s, db, stderr, port), port)
}

/// [`serve_with`] on the port given.
pub(crate) fn serve_on(s: &Scratch, db: &str, stderr: Stdio, port: u16) -> Served {
    #[allow(deprecated)]
    let bin = assert_cmd::cargo::cargo_bin("custody");
    let child = std::process::Command::new(bin)
        .current_dir(s.root())
        .env_remove("CUSTODY_CONFIG")
        .args(["log", "serve", "--db", db, "--key", "log.key", "--listen", &format!("127.0.0.1:{port}")])
        .args(["--threads", "2"])
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .unwrap();
    let served = Served(Some(child));
    let start = Instant::now();
    while checkpoint(port).is_none() {
        assert!(start.elapsed() < Duration::from_secs(30), "the server did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    served
}

/// [`serve_with`] with the server's stderr discarded.
pub(crate) fn serve(s: &Scratch, db: &str) -> (Served, u16) {
    serve_with(s, db, Stdio::null())
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
    s.refused(
        &["log", "serve", "--db", "typo.sqlite", "--key", "log.key", "--listen", "127.0.0.1:0"],
        "typo.sqlite does not exist",
    );
    s.refused(
        &["log", "serve", "--db", "log.sqlite", "--key", "log.key", "--listen", "8080"],
        "for example 127.0.0.1:8080",
    );
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let taken_at = taken.local_addr().unwrap().to_string();
    let err = s.refused(
        &["log", "serve", "--db", "log.sqlite", "--key", "log.key", "--listen", &taken_at],
        "another program is using that port",
    );
    assert!(err.contains(&taken_at), "{err}");
    drop(taken);
    // A second init says how to print the existing log's key, and JSON of init and key.
    s.refused(&["log", "init", "--db", "log.sqlite", "--key", "log.key", "--origin", ORIGIN], "custody log key");
    let doc =
        s.json(0, "log-key.schema.json", &["log", "key", "--key", "log.key", "--origin", ORIGIN, "--format", "json"]);
    assert_eq!(doc["verifier_key"], vkey.to_string());
    assert_eq!(doc["origin"], ORIGIN);
    s.refused(
        &["log", "serve", "--db", "log.sqlite", "--key", "log.key", "--listen", "127.0.0.1:0", "--format", "json"],
        "leave out --format json",
    );
    for made in ["typo.sqlite", "typo.sqlite-wal", "typo.sqlite-shm", "bad.sqlite"] {
        assert!(!s.path(made).exists(), "{made} was created");
    }
    assert_eq!(std::fs::read(s.path("log.sqlite")).unwrap(), before, "the log is unchanged");

    let (_served, port) = serve(&s, "log.sqlite");
    let note = checkpoint(port).unwrap();
    assert_eq!(Checkpoint::open(note.as_bytes(), &vkey).unwrap().size, 0);

    let body = format!(r#"{{"slot":"{}","event":"{}","signer":"{}"}}"#, "a".repeat(64), "b".repeat(64), "c".repeat(64));
    let post = |body: &str| post(port, "/v1/submit", body).unwrap();
    let added = post(&body);
    assert!(added.starts_with("HTTP/1.1 201"), "{added}");
    let v: serde_json::Value = serde_json::from_str(added.split_once("\r\n\r\n").unwrap().1).unwrap();
    assert_eq!(v["index"], 0);
    let cp = Checkpoint::open(v["checkpoint"].as_str().unwrap().as_bytes(), &vkey).unwrap();
    assert_eq!(cp.size, 1);
    assert!(post(&body).starts_with("HTTP/1.1 200"));
    assert!(post(&body.replace(&"b".repeat(64), &"d".repeat(64))).starts_with("HTTP/1.1 409"));
}

/// Submits the event `e` (a hex digit repeated) at slot `slot` to the log on `port`.
fn submit(port: u16, slot: char, e: char) {
    let body = format!(
        r#"{{"slot":"{}","event":"{}","signer":"{}"}}"#,
        slot.to_string().repeat(64),
        e.to_string().repeat(64),
        "c".repeat(64)
    );
    let answer = post(port, "/v1/submit", &body).unwrap();
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
}

#[test]
fn a_monitor_follows_a_log_and_catches_a_split_view_a_rollback_and_a_stranger() {
    let s = Scratch::new();
    s.keygen("log", "Log Operator");
    s.keygen("other", "Someone Else");
    // Two databases with one key and origin: the same log showing two histories.
    let vkey = s.ok(&["log", "init", "--db", "a.sqlite", "--key", "log.key", "--origin", ORIGIN]);
    s.ok(&["log", "init", "--db", "b.sqlite", "--key", "log.key", "--origin", ORIGIN]);
    s.write("log.vkey", &vkey);
    let (_a, pa) = serve(&s, "a.sqlite");
    let (_b, pb) = serve(&s, "b.sqlite");
    for (slot, e) in [('1', 'a'), ('2', 'b')] {
        submit(pa, slot, e);
        submit(pb, slot, e);
    }
    submit(pa, '3', 'd');
    submit(pb, '3', 'e');
    let (a, b) = (format!("http://127.0.0.1:{pa}"), format!("http://127.0.0.1:{pb}"));
    let run = |url: &str, state: &str| s.run(&["log", "monitor", url, "--log-key", "log.vkey", "--state", state]);

    // The first look: a baseline, kept in the state file.
    let o = run(&a, "st");
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert!(String::from_utf8_lossy(&o.stdout).contains("3 entries"), "{o:?}");
    let baseline = std::fs::read_to_string(s.path("st")).unwrap();
    assert_eq!(Checkpoint::open(baseline.as_bytes(), &VerifierKey::parse(vkey.trim()).unwrap()).unwrap().size, 3);
    // The same log again: unchanged.
    assert!(String::from_utf8_lossy(&run(&a, "st").stdout).contains("unchanged"));
    // The other history at the same size: two heads for 3 entries, exit 1, both notes shown,
    // the state left as it was.
    let o = run(&b, "st");
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let (out, err) = (String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert!(err.contains("two different heads for 3 entries"), "{err}");
    assert!(out.contains(baseline.trim_end()), "the earlier checkpoint is shown: {out}");
    assert!(out.contains("Checkpoint served now:"), "{out}");
    assert_eq!(std::fs::read_to_string(s.path("st")).unwrap(), baseline);
    // The honest log grows: followed, with a consistency proof.
    submit(pa, '4', 'f');
    let o = run(&a, "st");
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert!(String::from_utf8_lossy(&o.stdout).contains("grew from 3"), "{o:?}");
    // The other history grows past it: no consistency proof can hold.
    submit(pb, '4', 'f');
    submit(pb, '5', 'a');
    let o = run(&b, "st");
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("cannot prove that its tree of 5 entries extends the one of 4")
    );
    // A state from the larger tree, then the smaller one: rolled back.
    assert_eq!(run(&b, "st-b").status.code(), Some(0));
    let o = run(&a, "st-b");
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    assert!(String::from_utf8_lossy(&o.stderr).contains("now shows 4 entries, fewer than the 5"), "{o:?}");
    // JSON: the verdict and both checkpoints, valid against the schema.
    let o = s.run(&["log", "monitor", &a, "--log-key", vkey.trim(), "--state", "st-b", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    crate::common::validate("log-monitor.schema.json", &doc);
    assert_eq!(doc["verdict"], "rolled_back");
    assert_eq!((doc["size"].as_u64(), doc["previous_size"].as_u64()), (Some(4), Some(5)));
    let o = s.run(&["log", "monitor", &a, "--log-key", "log.vkey", "--json"]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    crate::common::validate("log-monitor.schema.json", &doc);
    assert_eq!(doc["verdict"], "first");

    // Another key under the same origin: the user's key is wrong, which says nothing about the
    // log (exit 2, no "evidence"), and the remedy says how to get the right one.
    let stranger = s.ok(&["log", "key", "--key", "other.key", "--origin", ORIGIN]);
    let o = s.run(&["log", "monitor", &a, "--log-key", stranger.trim()]);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("not signed by the verifier key given") && err.contains("custody log key"), "{o:?}");
    assert!(!String::from_utf8_lossy(&o.stdout).contains("evidence"), "{o:?}");
    // Could not look (exit 2), the state untouched: a state of another log, a bad key, a log
    // that is down, a bad address.
    let kept = std::fs::read(s.path("st")).unwrap();
    let o = s.run(&["log", "monitor", &a, "--log-key", stranger.trim(), "--state", "st"]);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(String::from_utf8_lossy(&o.stderr).contains("not one of this log's"), "{o:?}");
    s.write_bytes("st-binary", &[0xff, 0xfe, b'\n']);
    let o = s.run(&["log", "monitor", &a, "--log-key", "log.vkey", "--state", "st-binary"]);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(String::from_utf8_lossy(&o.stderr).contains("st-binary is not text"), "{o:?}");
    assert_eq!(std::fs::read(s.path("st-binary")).unwrap(), [0xff, 0xfe, b'\n'], "the state is untouched");
    s.refused(&["log", "monitor", &a, "--log-key", "log.key.pub"], "is a key file, not a log verifier key");
    let o = s.run(&["log", "monitor", &a, "--log-key", "nonsense"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("neither a log verifier key"), "{o:?}");
    let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let o = s.run(&["log", "monitor", &format!("http://127.0.0.1:{closed}"), "--log-key", "log.vkey", "--state", "st"]);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(String::from_utf8_lossy(&o.stderr).contains("could not be reached"), "{o:?}");
    let o = s.run(&["log", "monitor", "https://log.example", "--log-key", "log.vkey"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not an http:// URL"), "{o:?}");
    assert_eq!(std::fs::read(s.path("st")).unwrap(), kept, "the state is unchanged");
}

#[test]
fn a_monitor_reads_no_more_of_a_hostile_log_than_a_checkpoint() {
    let s = Scratch::new();
    s.keygen("log", "Log Operator");
    let vkey = s.ok(&["log", "key", "--key", "log.key", "--origin", ORIGIN]);
    // A "log" answering every request with 1 MiB, then one with a terminal escape.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let answers = [
            format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
                1 << 20,
                "x".repeat(1 << 20)
            ),
            "HTTP/1.1 200 OK\r\nContent-Length: 11\r\nConnection: close\r\n\r\n\u{1b}]0;owned\u{7}\n".to_string(),
        ];
        for (conn, answer) in listener.incoming().zip(answers) {
            let Ok(mut c) = conn else { return };
            let mut head = [0u8; 4096];
            let _ = c.read(&mut head);
            let _ = c.write_all(answer.as_bytes());
        }
    });
    let url = format!("http://127.0.0.1:{port}");
    let o = s.run(&["log", "monitor", &url, "--log-key", vkey.trim()]);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(String::from_utf8_lossy(&o.stderr).contains("larger than the 16384 bytes"), "{o:?}");
    let o = s.run(&["log", "monitor", &url, "--log-key", vkey.trim()]);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    assert!(!o.stdout.contains(&0x1b) && !o.stderr.contains(&0x1b), "an escape reached the terminal: {o:?}");
}

/// The JSON body of an HTTP answer.
pub(crate) fn body_json(answer: &str) -> serde_json::Value {
    serde_json::from_str(answer.split_once("\r\n\r\n").map_or("", |(_, b)| b)).unwrap_or_default()
}

#[test]
fn a_log_killed_mid_batch_keeps_every_acknowledged_submission() {
    killed_mid_batch(&Scratch::new(), "log.sqlite");
}

/// `kill -9` of the server serving the log at `db` (a file in `s` or a postgres:// URL) while
/// four clients submit: every acknowledged submission is in the log served again, whose tree
/// extends the checkpoint seen before (tests/log_pg.rs runs it on PostgreSQL).
pub(crate) fn killed_mid_batch(s: &Scratch, db: &str) {
    s.keygen("log", "Log Operator");
    let vkey = s.ok(&["log", "init", "--db", db, "--key", "log.key", "--origin", ORIGIN]);
    s.write("log.vkey", &vkey);
    let (served, port) = serve(s, db);
    let url = format!("http://127.0.0.1:{port}");
    s.ok(&["log", "monitor", &url, "--log-key", "log.vkey", "--state", "st"]);
    // Four clients submit distinct claims as fast as they can; each keeps what was acknowledged.
    let acked = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let clients: Vec<_> = (0..4u8)
        .map(|t| {
            let acked = acked.clone();
            std::thread::spawn(move || {
                for i in 0..100_000u32 {
                    let slot = format!("{t:02x}{i:062x}");
                    let body =
                        format!(r#"{{"slot":"{slot}","event":"{}","signer":"{}"}}"#, "e".repeat(64), "5".repeat(64));
                    match post(port, "/v1/submit", &body) {
                        Some(a) if a.starts_with("HTTP/1.1 201") => acked.lock().unwrap().push(slot),
                        _ => return,
                    }
                }
            })
        })
        .collect();
    let start = Instant::now();
    while acked.lock().unwrap().len() < 200 {
        assert!(start.elapsed() < Duration::from_secs(120), "too few submissions acknowledged");
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut child = served.take();
    child.kill().unwrap(); // SIGKILL: no chance to finish a batch
    child.wait().unwrap();
    for c in clients {
        c.join().unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    // Reopened, the log holds every acknowledged claim as its slot's event, and its tree extends
    // the checkpoint seen before the kill.
    let (_again, port) = serve(s, db);
    let url = format!("http://127.0.0.1:{port}");
    let o = s.run(&["log", "monitor", &url, "--log-key", "log.vkey", "--state", "st"]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let mut found = 0;
    for chunk in acked.chunks(1000) {
        let body = serde_json::json!({ "slots": chunk }).to_string();
        let answer = body_json(&post(port, "/v1/lookup", &body).unwrap());
        for slot in answer["slots"].as_array().unwrap() {
            let entries = slot["entries"].as_array().unwrap();
            assert_eq!(entries.len(), 1, "{slot}");
            assert_eq!(entries[0]["kind"], "event");
            assert_eq!(entries[0]["event"], "e".repeat(64));
            found += 1;
        }
    }
    assert_eq!(found, acked.len(), "every acknowledged submission survived the kill");
    let note = checkpoint(port).unwrap();
    let cp = Checkpoint::open(note.as_bytes(), &VerifierKey::parse(vkey.trim()).unwrap()).unwrap();
    assert!(cp.size >= acked.len() as u64, "{} < {}", cp.size, acked.len());
}

#[test]
fn a_served_log_stopped_with_sigterm_exits_0_saying_nothing_acknowledged_is_lost() {
    let s = Scratch::new();
    s.keygen("log", "Log Operator");
    s.ok(&["log", "init", "--db", "log.sqlite", "--key", "log.key", "--origin", ORIGIN]);
    let (served, port) = serve_with(&s, "log.sqlite", Stdio::piped());
    let child = served.take();
    submit(port, '1', 'a');
    let term = std::process::Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(term.success());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("stopped (SIGTERM); the log stopped taking submissions, and every one it acknowledged is stored"),
        "{err}"
    );
    assert!(!err.contains("nothing was written"), "{err}");
}

#[test]
fn a_monitor_audit_rebuilds_the_tree_and_catches_entries_served_other_than_signed() {
    let s = Scratch::new();
    s.keygen("log", "Log Operator");
    let vkey = s.ok(&["log", "init", "--db", "log.sqlite", "--key", "log.key", "--origin", ORIGIN]);
    s.write("log.vkey", &vkey);
    let (served, port) = serve(&s, "log.sqlite");
    for i in 0..300u32 {
        let body = format!(r#"{{"slot":"{i:064x}","event":"{}","signer":"{}"}}"#, "e".repeat(64), "5".repeat(64));
        assert!(post(port, "/v1/submit", &body).unwrap().starts_with("HTTP/1.1 201"));
    }
    let url = format!("http://127.0.0.1:{port}");
    let o = s.run(&["log", "monitor", &url, "--log-key", "log.vkey", "--state", "st", "--audit"]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert!(String::from_utf8_lossy(&o.stdout).contains("audited: the 300 entries rebuild the signed head"), "{o:?}");
    drop(served);
    // Someone with the disk changes one stored entry; the tiles (and so every proof and
    // checkpoint) still show the signed tree, but the entries served no longer rebuild it.
    let db = rusqlite::Connection::open(s.path("log.sqlite")).unwrap();
    db.execute("UPDATE leaves SET signer = zeroblob(32) WHERE idx = 5", []).unwrap();
    drop(db);
    let (_served, port) = serve(&s, "log.sqlite");
    let url = format!("http://127.0.0.1:{port}");
    let o = s.run(&["log", "monitor", &url, "--log-key", "log.vkey", "--state", "st"]);
    assert_eq!(o.status.code(), Some(0), "without --audit the checkpoint alone looks fine: {o:?}");
    let o = s.run(&["log", "monitor", &url, "--log-key", "log.vkey", "--state", "st", "--audit", "--json"]);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    crate::common::validate("log-monitor.schema.json", &doc);
    assert_eq!(doc["verdict"], "entries_disagree");
    assert!(doc["message"].as_str().unwrap().contains("do not rebuild the head it signed for 300 entries"), "{doc}");
}

/// The checks of `code` in a verify report.
fn checks_of<'a>(report: &'a serde_json::Value, code: &str) -> Vec<&'a serde_json::Value> {
    report["checks"].as_array().unwrap().iter().filter(|c| c["code"] == code).collect()
}

/// `custody seal --log` (spec §6.5): the manifest names the log, the seal event is logged to a
/// real served log, its proof stored beside it and checked offline by verify (and by the
/// second verifier); an unreachable log fails the seal with nothing written, unless
/// `--log-optional`, whose bundle verify reports as not proven; a log without its pinned key
/// is refused.
#[test]
fn a_seal_logged_to_a_served_log_carries_a_proof_that_verify_checks() {
    let s = Scratch::new();
    s.keygen("log", "Log Operator");
    s.keygen("alice", "Alice");
    let vkey = s.ok(&["log", "init", "--db", "log.sqlite", "--key", "log.key", "--origin", ORIGIN]);
    s.write("log.vkey", &vkey);
    s.write("page.html", "<html>evidence</html>\n");
    let (served, port) = serve(&s, "log.sqlite");
    let url = format!("http://127.0.0.1:{port}");
    // Two other entries first, so the seal's proof is a path, not a lone leaf.
    submit(port, 'a', '1');
    submit(port, 'b', '2');
    let seal = |out: &str, url: &str, extra: &[&str]| {
        let mut args = vec!["seal", "--key", "alice.key", "--case-ref", "C-1", "--out", out, "--log", url];
        args.extend(["--log-key", "log.vkey"]);
        args.extend(extra);
        args.push("page.html");
        args.into_iter().map(str::to_owned).collect::<Vec<_>>()
    };
    let args = seal("logged.zip", &url, &["--json"]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let done = s.json(0, "seal.schema.json", &args);
    assert_eq!(done["log"], serde_json::json!({"status": "logged", "index": 2, "size": 3}), "{done:#}");
    let shown = s.json(0, "inspect.schema.json", &["inspect", "logged.zip", "--json"]);
    let member = &shown["manifest"]["log"];
    assert_eq!((member["url"].as_str(), member["verifier_key"].as_str()), (Some(url.as_str()), Some(vkey.trim_end())));
    assert_eq!(member["salt_present"], true, "the salt is not shown: {member}");
    let report = s.json(0, "verify-report.schema.json", &["verify", "logged.zip", "--json"]);
    assert_eq!(report["state"], "intact");
    let included = checks_of(&report, "log.included");
    assert_eq!(included.len(), 1, "{report:#}");
    assert_eq!(included[0]["path"], "custody/log/000000.json");
    assert!(included[0]["message"].as_str().unwrap().contains("entry 2 of the custody log"), "{included:?}");
    // The second verifier recomputes the leaf and checks the proof on its own.
    let py = std::process::Command::new("python3")
        .arg(crate::common::repo().join("tools/verify_bundle.py"))
        .args(["--json", "logged.zip"])
        .current_dir(s.root())
        .output()
        .unwrap();
    let py: serde_json::Value = serde_json::from_slice(&py.stdout).unwrap();
    assert_eq!(py["state"], "intact", "{py:#}");
    assert!(py["checks"].as_array().unwrap().iter().any(|c| c["code"] == "log.included"), "{py:#}");

    // The later writers log through the append path: a transfer and its receipt, each with a
    // proof whose checkpoint is proven consistent with the one before it.
    s.keygen("bob", "Bob");
    s.ok(&["transfer", "logged.zip", "--key", "alice.key", "--to", "bob.key.pub", "--purpose", "review"]);
    submit(port, 'c', '3');
    s.ok(&["trust", "add", "alice.key.pub", "--file", "trusted.txt"]);
    s.ok(&["receive", "logged.zip", "--key", "bob.key", "--trust", "trusted.txt"]);
    let report = s.json(0, "verify-report.schema.json", &["verify", "logged.zip", "--json"]);
    assert_eq!(report["state"], "intact", "{report:#}");
    let paths: Vec<&str> = checks_of(&report, "log.included").iter().map(|c| c["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["custody/log/000000.json", "custody/log/000001.json", "custody/log/000002.json"]);
    assert!(checks_of(&report, "log.proof_missing").is_empty(), "{report:#}");
    let py = std::process::Command::new("python3")
        .arg(crate::common::repo().join("tools/verify_bundle.py"))
        .args(["--json", "logged.zip"])
        .current_dir(s.root())
        .output()
        .unwrap();
    let py: serde_json::Value = serde_json::from_slice(&py.stdout).unwrap();
    let included = py["checks"].as_array().unwrap().iter().filter(|c| c["code"] == "log.included").count();
    assert_eq!((py["state"].as_str(), included), (Some("intact"), 3), "{py:#}");

    // The middle proof removed (and its tag manifest line): proof 2 extends proof 1's checkpoint,
    // which is gone. Its absence is a warning, never a failure blamed on the log, in both verifiers.
    std::fs::create_dir(s.path("middle")).unwrap();
    let o = std::process::Command::new("unzip")
        .arg("-q")
        .arg(s.path("logged.zip"))
        .arg("-d")
        .arg(s.path("middle"))
        .output();
    assert!(o.unwrap().status.success());
    let root = std::fs::read_dir(s.path("middle")).unwrap().next().unwrap().unwrap().path();
    std::fs::remove_file(root.join("custody/log/000001.json")).unwrap();
    let tm = std::fs::read_to_string(root.join("tagmanifest-sha256.txt")).unwrap();
    let kept: String =
        tm.lines().filter(|l| !l.ends_with("custody/log/000001.json")).map(|l| format!("{l}\n")).collect();
    assert_eq!(kept.lines().count() + 1, tm.lines().count());
    std::fs::write(root.join("tagmanifest-sha256.txt"), kept).unwrap();
    let report = s.json(0, "verify-report.schema.json", &["verify", "middle", "--json"]);
    assert_eq!(report["state"], "intact", "{report:#}");
    assert_eq!(checks_of(&report, "log.proof_missing").len(), 1, "{report:#}");
    assert!(checks_of(&report, "log.checkpoints_inconsistent").is_empty(), "{report:#}");
    let paths: Vec<&str> = checks_of(&report, "log.included").iter().map(|c| c["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["custody/log/000000.json", "custody/log/000002.json"]);
    assert!(checks_of(&report, "log.included")[1]["message"].as_str().unwrap().contains("not checkable"));
    // Online, the log's tree is proven to extend the checkpoint before the break as well as the
    // newest stored one (review 2 of #20, N3): an honest log passes both lookups.
    let (code, online) = verify_online(&s, "middle", Some(&format!("http://127.0.0.1:{port}")));
    assert_eq!((code, online["state"].as_str()), (0, Some("intact")), "{online:#}");
    assert_eq!(checks_of(&online, "log.latest").len(), 1, "{online:#}");
    assert!(checks_of(&online, "log.unreachable").is_empty(), "{online:#}");
    let py = std::process::Command::new("python3")
        .arg(crate::common::repo().join("tools/verify_bundle.py"))
        .args(["--json", "middle"])
        .current_dir(s.root())
        .output()
        .unwrap();
    let py: serde_json::Value = serde_json::from_slice(&py.stdout).unwrap();
    let codes = |r: &serde_json::Value| -> Vec<String> {
        r["checks"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c["code"].as_str())
            .filter(|c| c.starts_with("log."))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!((py["state"].as_str(), codes(&py)), (Some("intact"), codes(&report)), "{py:#}");

    // A log nobody answers at: refused (exit 2), nothing written; optional: written, reported.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let gone = format!("http://127.0.0.1:{closed}");
    let args = seal("unlogged.zip", &gone, &[]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let err = s.refused(&args, "could not be logged");
    assert!(err.contains("--log-optional"), "{err}");
    assert!(!s.path("unlogged.zip").exists(), "nothing is written when the log fails");
    let args = seal("unlogged.zip", &gone, &["--log-optional"]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = s.run(&args);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let warned = String::from_utf8_lossy(&o.stderr);
    assert!(warned.contains("NOT IN THE CUSTODY LOG") && !warned.contains("nothing was written"), "{warned}");
    let report = s.json(0, "verify-report.schema.json", &["verify", "unlogged.zip", "--json"]);
    assert_eq!(report["state"], "intact");
    assert_eq!(checks_of(&report, "log.proof_missing").len(), 1, "{report:#}");
    assert!(checks_of(&report, "log.included").is_empty());

    // The log's key is pinned by the operator: --log alone is refused before anything is read.
    let alone = ["seal", "--key", "alice.key", "--case-ref", "C-1", "--out", "alone.zip", "--log", &url, "page.html"];
    s.refused(&alone, "--log needs --log-key");
    assert!(!s.path("alone.zip").exists());
    // A key of another log: the log's answer proves nothing, so nothing is written.
    s.keygen("other", "Other Log");
    let other = s.ok(&["log", "key", "--key", "other.key", "--origin", ORIGIN]);
    s.write("other.vkey", &other);
    let o = s.run(&[
        "seal",
        "--key",
        "alice.key",
        "--case-ref",
        "C-1",
        "--out",
        "wrong.zip",
        "--log",
        &url,
        "--log-key",
        "other.vkey",
        "page.html",
    ]);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(String::from_utf8_lossy(&o.stderr).contains("does not prove the event"), "{o:?}");
    assert!(!s.path("wrong.zip").exists());

    // The log gone: a later event of a logged bundle cannot be written (nothing is).
    drop(served);
    let before = std::fs::read(s.path("logged.zip")).unwrap();
    s.refused(
        &["transfer", "logged.zip", "--key", "bob.key", "--to", "alice.key.pub", "--purpose", "x"],
        "could not be logged",
    );
    assert_eq!(std::fs::read(s.path("logged.zip")).unwrap(), before, "the bundle is unchanged");
}

/// A log's answer to a submission is untrusted (spec §6.5): a 201 of 1 MiB, one that is not
/// the API's JSON, one with a hash in capitals, one with a checkpoint the key did not sign,
/// and a 409: each refuses the seal with its reason and writes nothing.
#[test]
fn a_seal_takes_nothing_but_a_proof_from_a_hostile_log() {
    let s = Scratch::new();
    s.keygen("log", "Log Operator");
    s.keygen("alice", "Alice");
    let vkey = s.ok(&["log", "key", "--key", "log.key", "--origin", ORIGIN]);
    s.write("log.vkey", &vkey);
    s.write("page.html", "<html>evidence</html>\n");
    let h = "ab".repeat(32);
    let answer = |status: &str, body: &str| {
        format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len())
    };
    let cases = [
        (answer("201 Created", &"x".repeat(1 << 20)), "larger than"),
        (answer("201 Created", r#"{"index": 0}"#), "missing field `checkpoint`"),
        (
            answer("201 Created", &format!(r#"{{"index":0,"checkpoint":"x","inclusion":["{}"]}}"#, h.to_uppercase())),
            "not 64 lowercase hex digits",
        ),
        (
            answer("201 Created", &format!(r#"{{"index":0,"checkpoint":"{ORIGIN}\n1\nAAAA\n","inclusion":[]}}"#)),
            "does not prove the event",
        ),
        (answer("409 Conflict", r#"{"error":"slot_taken"}"#), "already holds another event"),
    ];
    for (served, needle) in cases {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let t = std::thread::spawn(move || {
            if let Some(Ok(mut c)) = listener.incoming().next() {
                let mut head = [0u8; 4096];
                let _ = c.read(&mut head);
                let _ = c.write_all(served.as_bytes());
            }
        });
        let url = format!("http://127.0.0.1:{port}");
        let args = ["seal", "--key", "alice.key", "--case-ref", "C-1", "--out", "x.zip", "--log", &url];
        let args: Vec<&str> = args.into_iter().chain(["--log-key", "log.vkey", "page.html"]).collect();
        let err = s.refused(&args, needle);
        assert!(!err.contains('\u{1b}'), "{err}");
        assert!(!s.path("x.zip").exists(), "{needle}: nothing is written");
        let _ = t.join();
    }
    // --log-optional tolerates a log that fails to answer, never one whose answer proves nothing.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let lie = answer("201 Created", &format!(r#"{{"index":0,"checkpoint":"{ORIGIN}\n1\nAAAA\n","inclusion":[]}}"#));
    let t = std::thread::spawn(move || {
        if let Some(Ok(mut c)) = listener.incoming().next() {
            let mut head = [0u8; 4096];
            let _ = c.read(&mut head);
            let _ = c.write_all(lie.as_bytes());
        }
    });
    let url = format!("http://127.0.0.1:{port}");
    let args = ["seal", "--key", "alice.key", "--case-ref", "C-1", "--out", "x.zip", "--log", &url, "--log-optional"];
    let args: Vec<&str> = args.into_iter().chain(["--log-key", "log.vkey", "page.html"]).collect();
    s.refused(&args, "does not prove the event");
    assert!(!s.path("x.zip").exists(), "--log-optional writes nothing past a log's false answer");
    let _ = t.join();
}

/// Runs `custody verify --json BUNDLE --log[=URL]`: its exit status and report.
fn verify_online(s: &Scratch, bundle: &str, url: Option<&str>) -> (i32, serde_json::Value) {
    let log = url.map_or_else(|| "--log".to_owned(), |u| format!("--log={u}"));
    let o = s.run(&["verify", "--json", bundle, &log]);
    let report: serde_json::Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stderr)));
    crate::common::validate("verify-report.schema.json", &report);
    (o.status.code().unwrap_or(-1), report)
}

/// Runs `custody verify BUNDLE --log[=URL]` for the text report: its exit status, the summary
/// under `State:` and the `Custody log:` line, which must stand right below that summary.
fn text_online(s: &Scratch, bundle: &str, url: Option<&str>) -> (i32, String, String) {
    let log = url.map_or_else(|| "--log".to_owned(), |u| format!("--log={u}"));
    let o = s.run(&["verify", bundle, &log]);
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.get(1).is_some_and(|l| l.starts_with("State:")), "{text}");
    let at = lines.iter().position(|l| l.starts_with("Custody log: ")).unwrap_or_else(|| panic!("no line: {text}"));
    assert_eq!(at, 3, "the Custody log: line stands right below the State: line's summary: {text}");
    let line = lines[at].strip_prefix("Custody log: ").unwrap_or_default().to_owned();
    (o.status.code().unwrap_or(-1), lines[2].trim().to_owned(), line)
}

/// Checks the JSON report's `log` member (what the custody log says of the copy) against what
/// is expected, and that the text report says the same sentence: `(outcome, last_event,
/// events, included, later_event, forked_at)`.
fn says(
    s: &Scratch,
    bundle: &str,
    url: Option<&str>,
    report: &serde_json::Value,
    want: (&str, Option<u64>, u64, u64, Option<u64>, &[u64]),
) -> String {
    let log = &report["log"];
    let (outcome, last, events, included, later, forked) = want;
    assert_eq!(log["outcome"], outcome, "{log:#}");
    assert_eq!(log["last_event"], serde_json::json!(last), "{log:#}");
    assert_eq!((log["events"].as_u64(), log["included"].as_u64()), (Some(events), Some(included)), "{log:#}");
    assert_eq!(log["later_event"], serde_json::json!(later), "{log:#}");
    assert_eq!(log["forked_at"], serde_json::json!(forked), "{log:#}");
    let proven = !matches!(outcome, "not_checked" | "inconsistent" | "no_log");
    assert_eq!(log["tree_size"].is_u64(), proven, "the size of the tree an answer was proven in: {log:#}");
    let summary = log["summary"].as_str().unwrap().to_owned();
    let (code, _, line) = text_online(s, bundle, url);
    assert_eq!(line, summary, "the text report's Custody log: line is the JSON's summary");
    let (json_code, _) = verify_online(s, bundle, url);
    assert_eq!(code, json_code, "text and JSON exit alike");
    summary
}

/// `custody verify --log` (spec §9.1 step 10c) against a real served log: the latest copy is
/// `log.latest` with every event included; a copy taken before a logged transfer is
/// `log.truncated` (exit 1) though it verifies intact offline; a log nobody answers at is
/// `log.unreachable` and exit 2 (not known, never a pass); a bundle naming no log cannot be
/// checked online either.
#[test]
fn verify_log_catches_a_copy_that_is_not_the_latest_and_says_when_it_cannot_ask() {
    let s = Scratch::new();
    s.keygen("log", "Log Operator");
    s.keygen("alice", "Alice");
    s.keygen("bob", "Bob");
    let vkey = s.ok(&["log", "init", "--db", "log.sqlite", "--key", "log.key", "--origin", ORIGIN]);
    s.write("log.vkey", &vkey);
    s.write("page.html", "<html>evidence</html>\n");
    let (_served, port) = serve(&s, "log.sqlite");
    let url = format!("http://127.0.0.1:{port}");
    submit(port, 'a', '1');
    let seal = ["seal", "--key", "alice.key", "--case-ref", "C-1", "--out", "latest.zip", "--log", &url];
    s.ok(&seal.into_iter().chain(["--log-key", "log.vkey", "page.html"]).collect::<Vec<_>>());
    std::fs::copy(s.path("latest.zip"), s.path("old.zip")).unwrap();
    s.ok(&["transfer", "latest.zip", "--key", "alice.key", "--to", "bob.key.pub", "--purpose", "review"]);
    submit(port, 'b', '2');

    // The latest copy: both events in the log, nothing after them.
    let (code, report) = verify_online(&s, "latest.zip", None);
    assert_eq!((code, report["state"].as_str()), (0, Some("intact")), "{report:#}");
    assert_eq!(checks_of(&report, "log.included").len(), 2, "{report:#}");
    let latest = checks_of(&report, "log.latest");
    assert_eq!(latest.len(), 1, "{report:#}");
    assert!(
        latest[0]["message"].as_str().unwrap().contains("answered no event after this copy's last, event 1"),
        "{latest:?}"
    );
    for code in ["log.truncated", "log.forked", "log.unreachable", "log.not_logged", "log.conflicts_recorded"] {
        assert!(checks_of(&report, code).is_empty(), "{code}: {report:#}");
    }
    // Said plainly, once: what was asked, that "none later" is the log's unsigned word (review
    // 3, B1), and that both its events are proven in the log.
    let said = says(&s, "latest.zip", None, &report, ("latest", Some(1), 2, 2, None, &[]));
    assert_eq!(report["log"]["url"], url.as_str());
    let asked =
        format!("asked at {url} for an event after this copy's last (#1), the log answered none: its word, not");
    assert!(said.starts_with(&asked) && said.contains("signed (see log.latest)"), "{said}");
    assert!(!said.contains("holds the latest"), "{said}");
    assert!(said.ends_with("all 2 of this copy's events are proven in its signed tree of 4 entries"), "{said}");
    // The summary above it no longer says removing the last events "leaves no trace" as if the
    // log had not been asked: it points to the Custody log line and to its unsigned answer.
    let (_, text_summary, _) = text_online(&s, "latest.zip", None);
    assert_eq!(text_summary, report["summary"].as_str().unwrap());
    assert!(text_summary.starts_with("INTACT") && !text_summary.contains("leaves no trace:"), "{text_summary}");
    assert!(text_summary.contains("the custody log was asked and answered no later event (see Custody log), but"));
    assert!(
        text_summary
            .ends_with("that answer is not signed: for certainty, confirm the latest event below with the sender.")
    );
    // Without --log the log is not asked, and the report has no log member.
    let offline = s.json(0, "verify-report.schema.json", &["verify", "latest.zip", "--json"]);
    assert!(offline.get("log").is_none(), "{offline:#}");
    let text = s.ok(&["verify", "latest.zip"]);
    assert!(!text.contains("Custody log:"), "{text}");

    // The copy taken before the transfer: intact offline, truncated online.
    let offline = s.json(0, "verify-report.schema.json", &["verify", "old.zip", "--json"]);
    assert_eq!(offline["state"], "intact");
    let (code, report) = verify_online(&s, "old.zip", Some(&url));
    assert_eq!((code, report["state"].as_str()), (1, Some("invalid")), "{report:#}");
    let truncated = checks_of(&report, "log.truncated");
    assert_eq!(truncated.len(), 1, "{report:#}");
    let message = truncated[0]["message"].as_str().unwrap();
    assert!(message.contains("holds event 1 of this bundle") && message.contains("not the latest"), "{message}");
    assert!(checks_of(&report, "log.latest").is_empty(), "{report:#}");
    // Said plainly: not the latest copy, the later event named, and what to do; the verdict
    // stays INVALID, its summary says to ask for the latest copy rather than only "do not rely".
    let said = says(&s, "old.zip", Some(&url), &report, ("not_latest", Some(0), 1, 1, Some(1), &[]));
    assert!(
        said.contains("NOT the latest copy: the log holds a later event, #1, after this copy's last (#0)"),
        "{said}"
    );
    assert!(said.contains("ask the current custodian for the latest copy"), "{said}");
    let summary = report["summary"].as_str().unwrap();
    assert!(summary.starts_with("INVALID: this copy is not the latest") && summary.contains("current custodian"));
    let (_, text_summary, _) = text_online(&s, "old.zip", Some(&url));
    assert_eq!(text_summary, summary);

    // A log nobody answers at: not known (2), the offline checks still reported.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let (code, report) = verify_online(&s, "latest.zip", Some(&format!("http://127.0.0.1:{closed}")));
    assert_eq!((code, report["state"].as_str()), (2, Some("intact")), "{report:#}");
    let unreachable = checks_of(&report, "log.unreachable");
    assert_eq!(unreachable.len(), 1, "{report:#}");
    assert!(unreachable[0]["message"].as_str().unwrap().contains(&format!("127.0.0.1:{closed}")), "{unreachable:?}");
    assert!(checks_of(&report, "log.latest").is_empty());
    // Said plainly: not asked, so not known; the two stored proofs still count as included.
    let gone = format!("http://127.0.0.1:{closed}");
    let said = says(&s, "latest.zip", Some(&gone), &report, ("not_checked", Some(1), 2, 2, None, &[]));
    assert_eq!(report["log"]["url"], gone.as_str());
    assert!(said.starts_with(&format!("could not be asked at {gone}: ")) && said.ends_with("is not known"), "{said}");
    assert!(report["summary"].as_str().unwrap().starts_with("INTACT"), "{report:#}");

    // A bundle that names no log: nothing to ask (2), an outcome of its own (review 3, S3).
    s.ok(&["seal", "--key", "alice.key", "--case-ref", "C-2", "--out", "plain.zip", "page.html"]);
    let (code, report) = verify_online(&s, "plain.zip", None);
    assert_eq!(code, 2, "{report:#}");
    assert!(checks_of(&report, "log.unreachable")[0]["message"].as_str().unwrap().contains("names no custody log"));
    let said = says(&s, "plain.zip", None, &report, ("no_log", Some(0), 1, 0, None, &[]));
    assert!(report["log"]["url"].is_null(), "{report:#}");
    assert!(said.starts_with("not asked: this bundle's manifest names no custody log;"), "{said}");
    // A --log=URL given for it is not dropped silently: named, and said not to be asked.
    let (code, report) = verify_online(&s, "plain.zip", Some(&url));
    assert_eq!(code, 2, "{report:#}");
    let said = says(&s, "plain.zip", Some(&url), &report, ("no_log", Some(0), 1, 0, None, &[]));
    assert_eq!(report["log"]["url"], url.as_str(), "{report:#}");
    assert!(said.contains(&format!("names no custody log, so {url} (given with --log) was not asked")), "{said}");
    // One bundle at a time.
    s.refused(&["verify", "latest.zip", "old.zip", "--log"], "one bundle at a time");
}

/// Two copies of one logged bundle each continued (spec §6.5, §9.1 step 10c): the second
/// transfer is refused by the log (409, recorded as a conflict) and, with `--log-optional`,
/// written without a proof; `verify --log` then finds that copy `log.forked` (exit 1), and the
/// copy the log accepted the latest, with a warning of the conflict recorded at its event.
#[test]
fn verify_log_catches_a_forked_copy_written_with_log_optional() {
    let s = Scratch::new();
    let (_served, _) = logged_bundle(&s, "first.zip", &[("alice", "Alice"), ("bob", "Bob"), ("carol", "Carol")]);
    std::fs::copy(s.path("first.zip"), s.path("second.zip")).unwrap();
    s.ok(&["transfer", "first.zip", "--key", "alice.key", "--to", "bob.key.pub", "--purpose", "review"]);

    // The other copy continued: refused by the log, nothing written; then written without a proof.
    let to_carol = ["transfer", "second.zip", "--key", "alice.key", "--to", "carol.key.pub", "--purpose", "other"];
    let before = std::fs::read(s.path("second.zip")).unwrap();
    s.refused(&to_carol, "already holds another event");
    assert_eq!(std::fs::read(s.path("second.zip")).unwrap(), before, "a refused transfer writes nothing");
    let o = s.run(&to_carol.into_iter().chain(["--log-optional"]).collect::<Vec<_>>());
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let warned = String::from_utf8_lossy(&o.stderr);
    assert!(warned.contains("NOT IN THE CUSTODY LOG") && !warned.contains("nothing was written"), "{warned}");
    let offline = s.json(0, "verify-report.schema.json", &["verify", "second.zip", "--json"]);
    assert_eq!(checks_of(&offline, "log.proof_missing").len(), 1, "{offline:#}");

    let (code, report) = verify_online(&s, "second.zip", None);
    assert_eq!((code, report["state"].as_str()), (1, Some("invalid")), "{report:#}");
    let forked = checks_of(&report, "log.forked");
    assert_eq!(forked.len(), 1, "{report:#}");
    assert_eq!(forked[0]["path"], "custody/events/000001-transfer.json");
    assert!(forked[0]["message"].as_str().unwrap().contains("another copy of this bundle was continued"));
    assert!(checks_of(&report, "log.latest").is_empty() && checks_of(&report, "log.truncated").is_empty());
    // Said plainly: a fork at #1, continued from #0, and what to do, in the summary too.
    let said = says(&s, "second.zip", None, &report, ("forked", Some(1), 2, 1, None, &[1]));
    assert!(said.contains("a FORK: the log holds another event at the place of this copy's #1:"), "{said}");
    assert!(said.contains("continued from #0") && said.contains("Ask the current custodian"), "{said}");
    assert!(report["summary"].as_str().unwrap().starts_with("INVALID: a fork"), "{report:#}");

    // The copy the log accepted: the latest, with the other copy's attempt reported.
    let (code, report) = verify_online(&s, "first.zip", None);
    assert_eq!((code, report["state"].as_str()), (0, Some("intact")), "{report:#}");
    let conflicts = checks_of(&report, "log.conflicts_recorded");
    assert_eq!(conflicts.len(), 1, "{report:#}");
    assert_eq!(conflicts[0]["path"], "custody/events/000001-transfer.json");
    assert_eq!(checks_of(&report, "log.latest").len(), 1, "{report:#}");
    assert!(checks_of(&report, "log.forked").is_empty());
    let said = says(&s, "first.zip", None, &report, ("latest", Some(1), 2, 2, None, &[]));
    assert!(said.contains("for an event after this copy's last (#1), the log answered none"), "{said}");
}

/// A manifest's `"log": null` is the same as no `log` (spec §5.1), to both verifiers: the
/// manifest of the log-included vector with its log set to null parses with no log in Rust and
/// in tools/verify_bundle.py (which refused it as "log is not an object").
#[test]
fn a_null_log_member_means_no_log_to_both_verifiers() {
    let repo = crate::common::repo();
    let script = r#"
import json, sys, zipfile
sys.path.insert(0, sys.argv[1] + "/tools")
import verify_bundle
z = zipfile.ZipFile(sys.argv[1] + "/tests/vectors/log-included.zip")
name = [n for n in z.namelist() if n.endswith("/custody/manifest.json")][0]
m = json.loads(z.read(name))
assert m["log"] is not None
m["log"] = None
data = json.dumps(m).encode()
assert verify_bundle.parse_manifest(data)["log"] is None
sys.stdout.write(data.decode())
"#;
    let o = std::process::Command::new("python3").args(["-c", script]).arg(&repo).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let m: custody_core::manifest::Manifest = custody_core::document::parse_document(&o.stdout).unwrap();
    assert!(m.log.is_none());
}

/// The body of the HTTP request read from `c`, or `None` when it ends first.
pub(crate) fn request_body(c: &mut TcpStream) -> Option<String> {
    let _ = c.set_read_timeout(Some(Duration::from_secs(20)));
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = c.read(&mut buf).ok()?;
        if n == 0 {
            return None;
        }
        got.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&got).into_owned();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let len = head
                .lines()
                .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().to_owned()))
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0);
            if body.len() >= len {
                return Some(body.to_owned());
            }
        }
    }
}

/// Answers one request on a new port: the lookup it carries is asked of the log on `real`, and
/// its answer's body passed through `tamper`; or, without `real`, `canned` is answered.
fn hostile_once(real: Option<u16>, canned: String, tamper: fn(&str) -> String) -> (u16, std::thread::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let t = std::thread::spawn(move || {
        let Some(Ok(mut c)) = listener.incoming().next() else { return };
        let Some(body) = request_body(&mut c) else { return };
        let answer = match real {
            Some(real) => {
                let raw = post(real, "/v1/lookup", &body).unwrap();
                let (_, b) = raw.split_once("\r\n\r\n").unwrap();
                let b = tamper(b);
                format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{b}", b.len())
            }
            None => canned,
        };
        let _ = c.write_all(answer.as_bytes());
    });
    (port, t)
}

/// `custody verify --log` takes nothing but proofs from a log (spec §6.5's online check): a
/// 1 MiB answer, an answer whose entry is not the leaf its proof proves, one that is not the
/// API's JSON, an answer about other slots, and a log signing with another key each leave the
/// copy's standing unknown (`log.unreachable`, exit 2, never `log.latest`); a log signing with
/// the pinned key a tree of the stored checkpoint's size with another root is caught
/// (`log.checkpoints_inconsistent`, exit 1). An answer stripped of its entries or of its
/// consistency proof (unsigned parts) proves nothing: `log.unreachable`, never a verdict.
#[test]
fn verify_log_takes_nothing_but_proofs_from_a_hostile_log() {
    let s = Scratch::new();
    s.keygen("log", "Log Operator");
    s.keygen("other", "Other Log");
    s.keygen("alice", "Alice");
    let vkey = s.ok(&["log", "init", "--db", "log.sqlite", "--key", "log.key", "--origin", ORIGIN]);
    s.write("log.vkey", &vkey);
    s.write("page.html", "<html>evidence</html>\n");
    let (_served, port) = serve(&s, "log.sqlite");
    let url = format!("http://127.0.0.1:{port}");
    submit(port, 'a', '1');
    let seal = ["seal", "--key", "alice.key", "--case-ref", "C-1", "--out", "b.zip", "--log", &url];
    s.ok(&seal.into_iter().chain(["--log-key", "log.vkey", "page.html"]).collect::<Vec<_>>());
    let (code, report) = verify_online(&s, "b.zip", None);
    assert_eq!(code, 0, "{report:#}");
    // A copy of one event, that event in the log (review 3, S2).
    let said = says(&s, "b.zip", None, &report, ("latest", Some(0), 1, 1, None, &[]));
    assert!(said.ends_with("this copy's one event is proven in its signed tree of 2 entries"), "{said}");
    // `--log` before the bundle takes no value (a URL is `--log=URL`): review 2, S3.
    let o = s.run(&["verify", "--json", "--log", "b.zip"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(checks_of(&report, "log.latest").len(), 1, "{report:#}");

    let unknown = |port: u16, needle: &str| {
        let (code, report) = verify_online(&s, "b.zip", Some(&format!("http://127.0.0.1:{port}")));
        let found = checks_of(&report, "log.unreachable");
        assert_eq!((code, found.len()), (2, 1), "{needle}: {report:#}");
        let message = found[0]["message"].as_str().unwrap();
        assert!(message.contains(needle), "{needle}: {message}");
        assert!(!message.contains('\u{1b}'));
        assert!(checks_of(&report, "log.latest").is_empty(), "{needle}: {report:#}");
        // Said plainly: not asked, so not known, with the same reason.
        let said = &report["log"];
        assert_eq!(said["outcome"], "not_checked", "{needle}: {report:#}");
        let summary = said["summary"].as_str().unwrap();
        assert!(summary.contains(needle) && summary.ends_with("is not known"), "{needle}: {summary}");
    };
    let ok =
        |body: &str| format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
    let start = Instant::now();
    let (p, t) = hostile_once(None, ok(&"x".repeat(1 << 20)), str::to_owned);
    unknown(p, "larger than");
    let _ = t.join();
    assert!(start.elapsed() < Duration::from_secs(20), "an oversize answer is cut off, not read whole");
    let (p, t) = hostile_once(None, ok(r#"{"checkpoint":"x","slots":[],"extra":1}"#), str::to_owned);
    unknown(p, "unknown field `extra`");
    let _ = t.join();
    // An error whose text claims the outcome, with ESC, a bidi override and a line break
    // (review 3, S1): quoted as the log's words, shortened, on the Custody log line alone.
    let claim = "this copy holds the latest event (#0); all 1 of its events are in the log";
    let lie = format!("{claim} \u{1b}[2J\u{202e}\nState: TRUSTED \" {}", "x".repeat(400));
    let body = serde_json::json!({ "why": lie }).to_string();
    let answer = format!("HTTP/1.1 500 Oops\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
    let (p, t) = hostile_once(None, answer, str::to_owned);
    let hostile = format!("http://127.0.0.1:{p}");
    let (code, text_summary, line) = text_online(&s, "b.zip", Some(&hostile));
    let _ = t.join();
    assert_eq!(code, 2, "{line}");
    assert!(text_summary.starts_with("INTACT"), "{text_summary}");
    let said =
        format!("could not be asked at {hostile}: the log at {hostile}/v1/lookup answered HTTP 500, saying \"{claim}");
    assert!(line.starts_with(&said), "{line}");
    assert!(line.ends_with("… (log.unreachable below); whether this copy is the latest is not known"), "{line}");
    assert!(line.chars().count() < 400, "shortened: {line}");
    assert!(!line.contains(['\u{1b}', '\u{202e}', '\n']) && line.contains("\\u{202e}"), "{line}");
    // The quote the log put in its words cannot close the quotation.
    assert!(line.contains("TRUSTED \\u{22} xxx") && line.matches('"').count() == 1, "{line}");
    // The real answer with the first entry's event changed: its proof proves another leaf.
    let (p, t) = hostile_once(Some(port), String::new(), |b| {
        let mut v: serde_json::Value = serde_json::from_str(b).unwrap();
        v["slots"][0]["entries"][0]["event"] = serde_json::json!("0".repeat(64));
        v.to_string()
    });
    unknown(p, "its proof does not show it");
    let _ = t.join();
    // The real answer with its slots swapped: not the slots asked.
    let (p, t) = hostile_once(Some(port), String::new(), |b| {
        let mut v: serde_json::Value = serde_json::from_str(b).unwrap();
        v["slots"].as_array_mut().unwrap().reverse();
        v.to_string()
    });
    unknown(p, "not the ones asked");
    let _ = t.join();
    // The real answer with every slot's entries stripped (the body is not signed): its checkpoint
    // extends the stored one, in which the seal event is proven, so the answer leaves out what
    // the log provably holds, and says nothing of a later event either (review 2, N1).
    let (p, t) = hostile_once(Some(port), String::new(), |b| {
        let mut v: serde_json::Value = serde_json::from_str(b).unwrap();
        for slot in v["slots"].as_array_mut().unwrap() {
            slot["entries"] = serde_json::json!([]);
        }
        v.to_string()
    });
    unknown(p, "leaves out an entry this copy's stored proofs show");
    let _ = t.join();
    // The log grows past the copy's checkpoint; its answer's (unsigned) consistency proof dropped
    // or emptied: not evidence of two histories, only an answer that proves nothing (N2).
    submit(port, '9', '9');
    for tamper in [
        (|b: &str| {
            let mut v: serde_json::Value = serde_json::from_str(b).unwrap();
            assert!(v["consistency"].as_array().is_some_and(|c| !c.is_empty()), "{b}");
            v.as_object_mut().unwrap().remove("consistency");
            v.to_string()
        }) as fn(&str) -> String,
        |b| {
            let mut v: serde_json::Value = serde_json::from_str(b).unwrap();
            v["consistency"] = serde_json::json!([]);
            v.to_string()
        },
    ] {
        let (p, t) = hostile_once(Some(port), String::new(), tamper);
        unknown(p, "does not prove that its checkpoint (tree of 3 entries) extends");
        let _ = t.join();
    }
    assert_eq!(verify_online(&s, "b.zip", None).0, 0, "the real answer still proves the copy the latest");

    // Another log (another key, the same origin) with a tree as large: its checkpoint is not the
    // pinned key's.
    s.ok(&["log", "init", "--db", "other.sqlite", "--key", "other.key", "--origin", ORIGIN]);
    // `serve` serves log.key: the other key stands in for it while the server starts.
    std::fs::copy(s.path("log.key"), s.path("log.key.bak")).unwrap();
    std::fs::copy(s.path("other.key"), s.path("log.key")).unwrap();
    let (_other, other_port) = serve(&s, "other.sqlite");
    std::fs::copy(s.path("log.key.bak"), s.path("log.key")).unwrap();
    for (slot, e) in [('a', '1'), ('b', '2'), ('c', '3')] {
        submit(other_port, slot, e);
    }
    unknown(other_port, "carries no signature by");

    // A second history under the pinned key, of the size of the copy's checkpoint (2) with
    // another root: signed evidence of two histories (review 2, N2).
    s.ok(&["log", "init", "--db", "fork.sqlite", "--key", "log.key", "--origin", ORIGIN]);
    let (_fork, fork_port) = serve(&s, "fork.sqlite");
    for (slot, e) in [('d', '4'), ('e', '5')] {
        submit(fork_port, slot, e);
    }
    let (code, report) = verify_online(&s, "b.zip", Some(&format!("http://127.0.0.1:{fork_port}")));
    assert_eq!((code, report["state"].as_str()), (1, Some("invalid")), "{report:#}");
    let found = checks_of(&report, "log.checkpoints_inconsistent");
    assert_eq!(found.len(), 1, "{report:#}");
    assert!(found[0]["message"].as_str().unwrap().contains("the log signed two histories"), "{report:#}");
    assert!(checks_of(&report, "log.latest").is_empty());
    let said = says(
        &s,
        "b.zip",
        Some(&format!("http://127.0.0.1:{fork_port}")),
        &report,
        ("inconsistent", Some(0), 1, 1, None, &[]),
    );
    assert!(said.contains("the LOG MISBEHAVED: it signed two different histories"), "{said}");
    // Larger than the copy's checkpoint, the same second history has no consistency proof to
    // give: unknown, not a verdict on the log, as a missing proof is (N2).
    submit(fork_port, 'f', '6');
    unknown(fork_port, "does not prove that its checkpoint (tree of 3 entries) extends");
}

/// `verify COPY --parent PARENT --log` (spec §9.7): the log is asked about the copy only; the
/// parent is verified offline, so an older, genuine copy of a logged parent that holds the
/// derivation still matches (it was PARENT INVALID, `log.truncated`, once the parent went on).
#[test]
fn verify_parent_with_log_checks_the_parent_offline() {
    let s = Scratch::new();
    s.keygen("log", "Log Operator");
    s.keygen("alice", "Alice");
    let vkey = s.ok(&["log", "init", "--db", "log.sqlite", "--key", "log.key", "--origin", ORIGIN]);
    s.write("log.vkey", &vkey);
    s.write("page.html", "<html>evidence</html>\n");
    s.write("notes.txt", "notes\n");
    let (_served, port) = serve(&s, "log.sqlite");
    let url = format!("http://127.0.0.1:{port}");
    let seal = ["seal", "--key", "alice.key", "--case-ref", "C-1", "--out", "case.zip", "--log", &url];
    s.ok(&seal.into_iter().chain(["--log-key", "log.vkey", "page.html", "notes.txt"]).collect::<Vec<_>>());
    s.ok(&["derive", "case.zip", "--key", "alice.key", "--items", "item-1", "--out", "copy1.zip"]);
    std::fs::copy(s.path("case.zip"), s.path("p1.zip")).unwrap();
    s.ok(&["derive", "case.zip", "--key", "alice.key", "--items", "item-2", "--out", "copy2.zip"]);

    // The older parent is not the latest: asked about itself, the log says so.
    let (code, report) = verify_online(&s, "p1.zip", None);
    assert_eq!(code, 1, "{report:#}");
    assert_eq!(checks_of(&report, "log.truncated").len(), 1, "{report:#}");

    for log in [None, Some("--log")] {
        let args: Vec<&str> = ["verify", "--json", "copy1.zip", "--parent", "p1.zip"].into_iter().chain(log).collect();
        let o = s.run(&args);
        let r: serde_json::Value =
            serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stderr)));
        assert_eq!(r["parent"]["verdict"], "matches", "{log:?}: {r:#}");
        assert_eq!(r["parent"]["state"], "intact", "{log:?}: {r:#}");
        assert!(
            r["parent"]["checks"].as_array().unwrap().iter().all(|c| !c["code"].as_str().unwrap().starts_with("log.")),
            "{r:#}"
        );
    }
}

/// A copy whose events the log did not all get (review 3, B1 and S2): sealed with
/// `--log-optional` while the log was down, its one event is not in the log, so the log's answer
/// of no later event says nothing of whether it is the latest (`unlogged`, never `log.latest`);
/// continued once the log is up, its last event is in the log and the line says which one never
/// was.
#[test]
fn verify_log_says_which_events_the_log_never_got() {
    let s = Scratch::new();
    for (who, name) in [("log", "Log Operator"), ("alice", "Alice"), ("bob", "Bob")] {
        s.keygen(who, name);
    }
    let vkey = s.ok(&["log", "init", "--db", "log.sqlite", "--key", "log.key", "--origin", ORIGIN]);
    s.write("log.vkey", &vkey);
    s.write("page.html", "<html>evidence</html>\n");
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}");
    let seal = ["seal", "--key", "alice.key", "--case-ref", "C-1", "--out", "one.zip", "--log", &url];
    let o =
        s.run(&seal.into_iter().chain(["--log-key", "log.vkey", "--log-optional", "page.html"]).collect::<Vec<_>>());
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let _served = serve_on(&s, "log.sqlite", Stdio::null(), port);
    submit(port, 'a', '1');

    let (_, report) = verify_online(&s, "one.zip", None);
    assert!(checks_of(&report, "log.latest").is_empty(), "{report:#}");
    assert_eq!(checks_of(&report, "log.not_logged").len(), 1, "{report:#}");
    let said = says(&s, "one.zip", None, &report, ("unlogged", Some(0), 1, 0, None, &[]));
    assert!(said.starts_with(&format!("asked at {url}: this copy's last event (#0) is NOT in the log")), "{said}");
    assert!(said.contains("this copy's one event is not in its signed tree of 1 entries"), "{said}");
    assert!(!said.contains("latest event") && !said.contains("all "), "{said}");
    assert!(report["summary"].as_str().unwrap().contains("leaves no trace:"), "the limit stands: {report:#}");

    std::fs::copy(s.path("one.zip"), s.path("two.zip")).unwrap();
    s.ok(&["transfer", "two.zip", "--key", "alice.key", "--to", "bob.key.pub", "--purpose", "review"]);
    let (_, report) = verify_online(&s, "two.zip", None);
    assert_eq!(checks_of(&report, "log.latest").len(), 1, "{report:#}");
    let said = says(&s, "two.zip", None, &report, ("latest", Some(1), 2, 1, None, &[]));
    assert!(
        said.ends_with(
            "1 of this copy's 2 events are proven in its signed tree of 2 entries, 1 never logged \
                        (log.not_logged below)"
        ),
        "{said}"
    );
}

/// Stored proofs that show the log signed two histories (review 3, B2): two logs under one key
/// on two databases, each holding the seal event at entry 0, the seal event's proof taken from
/// the second once it holds another entry. `log.checkpoints_inconsistent` fails offline; the log
/// is then not asked (the first log's answer would prove the copy's events and no later one),
/// the outcome is `inconsistent`, never `log.latest`.
#[test]
fn verify_log_asks_nothing_of_a_log_whose_stored_proofs_show_two_histories() {
    let s = Scratch::new();
    s.keygen("log", "Log Operator");
    s.keygen("alice", "Alice");
    s.keygen("bob", "Bob");
    let vkey = s.ok(&["log", "init", "--db", "a.sqlite", "--key", "log.key", "--origin", ORIGIN]);
    s.ok(&["log", "init", "--db", "b.sqlite", "--key", "log.key", "--origin", ORIGIN]);
    s.write("log.vkey", &vkey);
    s.write("page.html", "<html>evidence</html>\n");
    let (_a, a) = serve(&s, "a.sqlite");
    let (_b, b) = serve(&s, "b.sqlite");
    // The seal's and the transfer's submissions go to log a; the seal's to log b too.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let tee = listener.local_addr().unwrap().port();
    let t = std::thread::spawn(move || {
        let mut claim = String::new();
        for n in 0..2 {
            let Some(Ok(mut c)) = listener.incoming().next() else { break };
            let Some(body) = request_body(&mut c) else { break };
            let raw = post(a, "/v1/submit", &body).unwrap();
            if n == 0 {
                assert!(post(b, "/v1/submit", &body).unwrap().starts_with("HTTP/1.1 201"));
                claim = body;
            }
            let _ = c.write_all(raw.as_bytes());
        }
        claim
    });
    let url = format!("http://127.0.0.1:{tee}");
    let seal = ["seal", "--key", "alice.key", "--case-ref", "C-1", "--out", "x.zip", "--log", &url];
    s.ok(&seal.into_iter().chain(["--log-key", "log.vkey", "page.html"]).collect::<Vec<_>>());
    s.ok(&["transfer", "x.zip", "--key", "alice.key", "--to", "bob.key.pub", "--purpose", "review"]);
    let claim = t.join().unwrap();
    // Log b goes on with another entry; asked again, it proves the seal event in that tree.
    submit(b, 'd', '4');
    let again = post(b, "/v1/submit", &claim).unwrap();
    let from_b = again.split_once("\r\n\r\n").unwrap().1.to_owned();
    let answer: serde_json::Value = serde_json::from_str(&from_b).unwrap();
    assert_eq!(answer["index"], 0, "{again}");
    let a_url = format!("http://127.0.0.1:{a}");
    assert_eq!(verify_online(&s, "x.zip", Some(&a_url)).0, 0, "the copy as written is the latest");
    // The seal event's proof replaced by log b's: as signed, the same leaf, another history.
    let script = r#"
import json, sys, zipfile
src, dst, answer = sys.argv[1:4]
proof = {k: v for k, v in json.loads(answer).items() if k in ("index", "checkpoint", "inclusion")}
zi = zipfile.ZipFile(src)
with zipfile.ZipFile(dst, "w") as zo:
    for i in zi.infolist():
        data = zi.read(i.filename)
        if i.filename.endswith("custody/log/000000.json"):
            data = json.dumps(proof).encode()
        zo.writestr(i, data)
"#;
    let o = std::process::Command::new("python3")
        .args(["-c", script])
        .args([s.path("x.zip"), s.path("two.zip")])
        .arg(&from_b)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Repacked by another tool, its content is still checked (and its tag manifest fails).
    let (code, report) = verify_online(&s, "two.zip", Some(&a_url));
    assert_eq!(code, 1, "{report:#}");
    let content = &report["content"];
    assert_eq!(checks_of(content, "log.checkpoints_inconsistent").len(), 1, "{report:#}");
    assert!(checks_of(content, "log.latest").is_empty(), "{report:#}");
    let log = &report["log"];
    assert_eq!((log["outcome"].as_str(), log["tree_size"].as_u64()), (Some("inconsistent"), None), "{report:#}");
    assert_eq!((log["events"].as_u64(), log["included"].as_u64()), (Some(2), Some(1)), "{report:#}");
    let said = log["summary"].as_str().unwrap();
    let text = String::from_utf8_lossy(&s.run(&["verify", "two.zip", &format!("--log={a_url}")]).stdout).into_owned();
    assert!(text.lines().any(|l| l == format!("Custody log: {said}")), "{text}");
    let want = format!("not asked at {a_url}: the LOG MISBEHAVED: this copy's stored proofs show it signed two");
    assert!(said.starts_with(&want), "{said}");
}

/// A fork at the seal (review 3, S6): the log holds another seal event at this bundle's first
/// place (the seal's own claim, taken while the log answered 503 and the copy was written with
/// `--log-optional`, then submitted with another event). The line and the summary both say the
/// fork is at the seal, not "continued from" an earlier event.
#[test]
fn verify_log_words_a_fork_at_the_seal() {
    let s = Scratch::new();
    s.keygen("log", "Log Operator");
    s.keygen("alice", "Alice");
    let vkey = s.ok(&["log", "init", "--db", "log.sqlite", "--key", "log.key", "--origin", ORIGIN]);
    s.write("log.vkey", &vkey);
    s.write("page.html", "<html>evidence</html>\n");
    let (_served, port) = serve(&s, "log.sqlite");
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let down = listener.local_addr().unwrap().port();
    let t = std::thread::spawn(move || {
        let Some(Ok(mut c)) = listener.incoming().next() else { return String::new() };
        let body = request_body(&mut c).unwrap_or_default();
        let no = r#"{"error":"busy","why":"down for maintenance"}"#;
        let answer = format!("HTTP/1.1 503 Busy\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{no}", no.len());
        let _ = c.write_all(answer.as_bytes());
        body
    });
    let url = format!("http://127.0.0.1:{down}");
    let seal = ["seal", "--key", "alice.key", "--case-ref", "C-1", "--out", "x.zip", "--log", &url];
    let o =
        s.run(&seal.into_iter().chain(["--log-key", "log.vkey", "--log-optional", "page.html"]).collect::<Vec<_>>());
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let claim: serde_json::Value = serde_json::from_str(&t.join().unwrap()).unwrap();
    let other = serde_json::json!({"slot": claim["slot"], "event": "0".repeat(64), "signer": claim["signer"]});
    let added = post(port, "/v1/submit", &other.to_string()).unwrap();
    assert!(added.starts_with("HTTP/1.1 201"), "{added}");

    let real = format!("http://127.0.0.1:{port}");
    let (code, report) = verify_online(&s, "x.zip", Some(&real));
    assert_eq!((code, report["state"].as_str()), (1, Some("invalid")), "{report:#}");
    let said = says(&s, "x.zip", Some(&real), &report, ("forked", Some(0), 1, 0, None, &[0]));
    assert!(said.contains("this copy's #0: another seal event holds this bundle's first place"), "{said}");
    let summary = report["summary"].as_str().unwrap();
    assert!(summary.starts_with("INVALID: a fork at the seal: the custody log holds another seal event"), "{summary}");
    assert!(!summary.contains("was continued"), "{summary}");
}
