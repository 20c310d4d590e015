//! The pending event of a `--out` run and of a resubmission the log answers (issue #20, second
//! review of s19l, docs/custody-log.md §5.2): what a kept event's error tells the user to run
//! (`custody recover IN --out OUT` for a `--out` run), which pending file a refusal names (the
//! one that exists, beside OUT), a definite 4xx refusal of a resubmission against a "try again"
//! answer, the crash between OUT's rename and the pending file's removal, a file appearing at
//! OUT meanwhile, and what `recover --json` reports.

use std::io::Write as _;
use std::net::TcpListener;
use std::process::Stdio;

use crate::common::{Scratch, validate};
use crate::log_pending::{TRANSFER, custody_hooked, logged_case, online, tamper, tree_size};

/// `TRANSFER` with `--out out/new.zip` (the folder made).
fn transfer_out(s: &Scratch) -> Vec<&'static str> {
    std::fs::create_dir_all(s.path("out")).unwrap();
    TRANSFER.into_iter().chain(["--out", "out/new.zip"]).collect()
}

/// The status line a stand-in log answers every request with (changed by the test as it goes).
type Status = std::sync::Arc<std::sync::Mutex<&'static str>>;

/// Answers every request on `port` with the status line `status` holds and a JSON error body,
/// until the test ends.
fn answer_all_with(port: u16, status: &'static str) -> Status {
    let listener = TcpListener::bind(("127.0.0.1", port)).unwrap();
    let shared: Status = std::sync::Arc::new(std::sync::Mutex::new(status));
    let now = shared.clone();
    std::thread::spawn(move || {
        for c in listener.incoming() {
            let Ok(mut c) = c else { return };
            if crate::log::request_body(&mut c).is_none() {
                continue;
            }
            let status = *now.lock().unwrap();
            let body = r#"{"error":"refused","why":"a proxy said no"}"#;
            let head = format!("HTTP/1.1 {status}\r\nContent-Type: application/json\r\n");
            let answer = format!("{head}Content-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
            let _ = c.write_all(answer.as_bytes());
        }
    });
    shared
}

/// A `--out` transfer whose log does not answer keeps its event beside OUT and tells the user to
/// run `custody recover case.zip --out out/new.zip` (never a recover of the input, which has no
/// pending file); every refusal of that recover names the pending file beside OUT, the one that
/// exists: an altered file, and a slot the log holds another event at (the input's own transfer,
/// logged meanwhile); nothing is changed.
#[test]
fn an_out_run_says_to_recover_into_out_and_its_refusals_name_the_file_beside_out() {
    let s = Scratch::new();
    let (served, port) = logged_case(&s);
    std::fs::copy(s.path("case.zip"), s.path("orig.zip")).unwrap();
    let transfer = transfer_out(&s);
    drop(served);
    let o = s.run(&transfer);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("kept, signed, in out/new.zip.custody-pending-event"), "{stderr}");
    assert!(stderr.contains("run custody recover case.zip --out out/new.zip when the log answers"), "{stderr}");
    let pending = s.path("out/new.zip.custody-pending-event");
    assert!(pending.exists() && !s.path("case.zip.custody-pending-event").exists());
    assert!(!s.path("out/new.zip").exists());
    // Recover while the log is still down: kept, the same command named again.
    let o = s.run(&["recover", "case.zip", "--out", "out/new.zip"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("could not be resubmitted"), "{stderr}");
    assert!(stderr.contains("run custody recover case.zip --out out/new.zip when"), "{stderr}");
    // An altered file: refused, naming the file beside OUT.
    let good = std::fs::read(&pending).unwrap();
    tamper(&s, "out/new.zip.custody-pending-event", None, "bundle_size", serde_json::json!(12345));
    let said = s.refused(&["recover", "case.zip", "--out", "out/new.zip"], "the bundle changed since");
    assert!(said.contains("out/new.zip.custody-pending-event holds an event"), "{said}");
    assert!(!said.contains("case.zip.custody-pending-event"), "names no file that does not exist: {said}");
    std::fs::write(&pending, &good).unwrap();
    // The log back; the input's own (other) transfer takes the slot: refused as such, naming the file
    // beside OUT, nothing written (orig.zip is the input as the pending event was signed for).
    let _served = crate::log::serve_on(&s, "log.sqlite", Stdio::null(), port);
    // Another purpose: an event signed in the same second with the same content would be the
    // very same bytes (Ed25519 is deterministic), which the log answers as already there.
    s.ok(&["transfer", "case.zip", "--key", "alice.key", "--to", "bob.key.pub", "--purpose", "another review"]);
    let before = std::fs::read(s.path("orig.zip")).unwrap();
    let said = s.refused(&["recover", "orig.zip", "--out", "out/new.zip"], "holds another event at its slot");
    assert!(said.contains("out/new.zip.custody-pending-event holds an event"), "{said}");
    assert!(said.contains("move that file away"), "{said}");
    assert!(std::fs::read(&pending).unwrap() == good && !s.path("out/new.zip").exists());
    assert!(std::fs::read(s.path("orig.zip")).unwrap() == before);
}

/// A resubmission the log answers with a definite 4xx (403 here, as a proxy might) is refused
/// like a slot taken: the file cannot be used (verify, move it away), nothing changed. A "try
/// again later" answer (429) or a 5xx keeps it for `custody recover`.
#[test]
fn a_definite_4xx_refuses_the_resubmission_and_a_try_again_answer_keeps_it() {
    let s = Scratch::new();
    let (served, port) = logged_case(&s);
    let status = custody_hooked(&s, (custody_core::append::CRASH_ENV, "after-log"), &TRANSFER).status().unwrap();
    assert!(!status.success());
    let pending = s.path("case.zip.custody-pending-event");
    let (held, before) = (std::fs::read(&pending).unwrap(), std::fs::read(s.path("case.zip")).unwrap());
    drop(served);
    let status = answer_all_with(port, "403 Forbidden");
    let said = s.refused(&["recover", "case.zip"], "the custody log refused it");
    assert!(said.contains("case.zip.custody-pending-event holds an event"), "{said}");
    assert!(said.contains("move that file away"), "{said}");
    assert!(!said.contains("when the log answers again"), "not a retry: {said}");
    assert!(std::fs::read(&pending).unwrap() == held && std::fs::read(s.path("case.zip")).unwrap() == before);
    for answer in ["429 Too Many Requests", "503 Service Unavailable"] {
        *status.lock().unwrap() = answer;
        let o = s.run(&["recover", "case.zip"]);
        let said = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{answer}: {said}");
        assert!(said.contains("could not be resubmitted"), "{answer}: {said}");
        assert!(said.contains("run custody recover case.zip when the log answers again"), "{answer}: {said}");
        assert!(!said.contains("move that file away"), "{answer}: {said}");
        assert!(std::fs::read(&pending).unwrap() == held && std::fs::read(s.path("case.zip")).unwrap() == before);
    }
}

/// Killed between OUT's rename and the pending file's removal: OUT holds the event, the file is
/// still beside it; `custody recover IN --out OUT --json` removes the file as already appended
/// (OUT unchanged) and says so; the in-place `recover --json` reports the event it completed.
#[test]
fn a_crash_after_outs_rename_is_finished_by_recover_out_and_json_says_what_was_done() {
    let s = Scratch::new();
    let (_served, port) = logged_case(&s);
    std::fs::copy(s.path("case.zip"), s.path("second.zip")).unwrap();
    let transfer = transfer_out(&s);
    let status = custody_hooked(&s, (custody_core::append::CRASH_ENV, "after-out-rename"), &transfer).status().unwrap();
    assert!(!status.success());
    let pending = s.path("out/new.zip.custody-pending-event");
    assert!(pending.exists() && s.path("out/new.zip").exists());
    let out = std::fs::read(s.path("out/new.zip")).unwrap();
    let j = s.json(0, "recover.schema.json", &["recover", "case.zip", "--out", "out/new.zip", "--json"]);
    assert_eq!(j["pending"]["status"], "already_in_bundle", "{j:#}");
    assert_eq!(j["pending"]["sequence"], 1, "{j:#}");
    assert_eq!(j["out"], "out/new.zip", "{j:#}");
    assert!(!pending.exists(), "removed: OUT holds the event");
    assert!(std::fs::read(s.path("out/new.zip")).unwrap() == out, "OUT unchanged");
    let (code, log) = online(&s, "out/new.zip");
    assert_eq!((code, log["outcome"].as_str()), (0, Some("latest")), "{log:#}");
    // Nothing pending: null.
    let j = s.json(0, "recover.schema.json", &["recover", "case.zip", "--out", "out/new.zip", "--json"]);
    assert!(j["pending"].is_null(), "{j:#}");
    // In place: the completed event, with its log index and tree.
    std::fs::remove_file(s.path("out/new.zip")).unwrap();
    std::fs::rename(s.path("second.zip"), s.path("case.zip")).unwrap();
    let j = s.json(0, "recover.schema.json", &["recover", "case.zip", "--json"]);
    assert!(j["pending"].is_null(), "{j:#}");
    let reseal = ["seal", "--key", "alice.key", "--case-ref", "C-3", "--out", "c3.zip", "--log"];
    let url = format!("http://127.0.0.1:{port}");
    s.ok(&reseal.into_iter().chain([url.as_str(), "--log-key", "log.vkey", "page.html"]).collect::<Vec<_>>());
    let t3: Vec<&str> = TRANSFER.iter().map(|a| if *a == "case.zip" { "c3.zip" } else { a }).collect();
    assert!(!custody_hooked(&s, (custody_core::append::CRASH_ENV, "after-log"), &t3).status().unwrap().success());
    let j = s.json(0, "recover.schema.json", &["recover", "c3.zip", "--json"]);
    validate("recover.schema.json", &j);
    let p = &j["pending"];
    let what = (p["status"].as_str(), p["sequence"].as_u64(), p["type"].as_str());
    assert_eq!(what, (Some("appended"), Some(1), Some("transfer")), "{j:#}");
    assert_eq!(p["log_size"].as_u64(), Some(tree_size(&s, port)), "{j:#}");
    assert!(p["log_index"].as_u64().is_some() && p["timestamped"] == false, "{j:#}");
    assert_eq!(j["recovery"]["status"], "clean");
}

/// A file that appears at OUT while a logged `--out` run writes it (custody never replaces one):
/// the error says the event is logged and kept beside OUT, and what to run once the file is
/// moved away; that completes it.
#[test]
fn a_file_appearing_at_out_meanwhile_says_the_event_is_logged_and_what_to_run() {
    let s = Scratch::new();
    let (_served, port) = logged_case(&s);
    let transfer = transfer_out(&s);
    let pending = s.path("out/new.zip.custody-pending-event");
    let mut hooked = custody_hooked(&s, (custody_core::append::PAUSE_ENV, "before-out-rename"), &transfer);
    let child = hooked.stderr(Stdio::piped()).spawn().unwrap();
    let start = std::time::Instant::now();
    while !pending.exists() {
        assert!(start.elapsed() < std::time::Duration::from_secs(60), "the transfer never kept its event");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    std::fs::write(s.path("out/new.zip"), b"someone else's file").unwrap();
    let o = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("the event is logged and kept, signed, in out/new.zip.custody-pending-event"), "{stderr}");
    assert!(stderr.contains("then run custody recover case.zip --out out/new.zip"), "{stderr}");
    assert_eq!(std::fs::read(s.path("out/new.zip")).unwrap(), b"someone else's file");
    std::fs::rename(s.path("out/new.zip"), s.path("theirs.bin")).unwrap();
    s.ok(&["recover", "case.zip", "--out", "out/new.zip"]);
    let (code, log) = online(&s, "out/new.zip");
    assert_eq!((code, log["outcome"].as_str()), (0, Some("latest")), "{log:#}");
    assert_eq!(tree_size(&s, port), 2);
}
