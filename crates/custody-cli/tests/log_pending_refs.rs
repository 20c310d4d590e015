//! The pending event's files given by reference (an attached file, docs/custody-log.md §5.2):
//! a planted pending file makes custody open nothing but itself before the event's signature
//! and the set of files it binds are checked; a bound file is read only at the size its signed
//! statement gives; a path that is not UTF-8 is kept as its bytes.

use std::process::Stdio;

use base64ct::{Base64, Encoding as _};

use crate::common::Scratch;
use crate::log_pending::{logged_case, online};
use crate::log_pending_more::refused_unchanged;

const ATTACH: [&str; 15] = [
    "attach",
    "case.zip",
    "--key",
    "alice.key",
    "--kind",
    "mla_request",
    "--ref",
    "MLA-1",
    "--language",
    "en",
    "--date",
    "2026-11-18",
    "--capacity",
    "investigator",
    "--title",
];

/// Runs an attach of `request.pdf` (300 000 `x`) with `extra` arguments, paused after the log's
/// answer; once `ready()` holds (the log got the event, or the event was kept), changes the file
/// to 300 000 `y` (same size) during the pause, and returns the attach's exit code and stderr.
fn attach_changed_in_pause(s: &Scratch, extra: &[&str], what: &str, ready: impl Fn() -> bool) -> (Option<i32>, String) {
    use std::time::{Duration, Instant};
    s.write("request.pdf", &"x".repeat(300_000));
    let args = [&ATTACH[..], &["Request", "request.pdf"], extra].concat();
    let mut hooked = crate::log_pending::custody_hooked(s, (custody_core::append::PAUSE_ENV, "after-log"), &args);
    let child = hooked.stderr(Stdio::piped()).spawn().unwrap();
    // The pause after the log's answer is 3 s: the file is changed within it.
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < Duration::from_secs(60), "{what}");
        std::thread::sleep(Duration::from_millis(10));
    }
    s.write("request.pdf", &"y".repeat(300_000));
    let o = child.wait_with_output().unwrap();
    (o.status.code(), String::from_utf8_lossy(&o.stderr).into_owned())
}

/// An attach kept pending (the log down) of `request.pdf` (300 000 bytes): its pending file as
/// JSON, and the index of its file given by reference.
fn kept_attach(s: &Scratch) -> (serde_json::Value, usize, u16) {
    let (served, port) = logged_case(s);
    s.write("request.pdf", &"x".repeat(300_000));
    drop(served);
    let o = s.run(&[&ATTACH[..], &["Request", "request.pdf"]].concat());
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(s.path("case.zip.custody-pending-event")).unwrap()).unwrap();
    let at = doc["files"].as_array().unwrap().iter().position(|f| f["from"].is_object()).unwrap();
    (doc, at, port)
}

fn plant(s: &Scratch, doc: &serde_json::Value) {
    std::fs::write(s.path("case.zip.custody-pending-event"), serde_json::to_vec(doc).unwrap()).unwrap();
}

/// A FIFO in the scratch folder: opening it would block (or, non-blocking, be refused as not
/// a regular file), so a refusal that names neither proves it was never opened.
fn fifo(s: &Scratch) -> String {
    let path = s.path("fifo");
    assert!(std::process::Command::new("mkfifo").arg(&path).status().unwrap().success());
    path.to_str().unwrap().to_string()
}

/// A forged event (its signature zeroed) whose attached file is a FIFO or a large foreign file is
/// refused for its signature, the file never opened, its size never told; an extra file the
/// event does not bind, given by reference, is refused as unbound without being opened; a
/// reference at another size than the signed statement gives, or by a relative path, is refused
/// before anything is read.
#[test]
fn a_planted_reference_is_never_opened_before_the_signature_and_the_bound_set() {
    let s = Scratch::new();
    let (good, at, _port) = kept_attach(&s);
    let fifo = fifo(&s);
    let sig_at = good["files"].as_array().unwrap().iter().position(|f| {
        let p = f["path"].as_str().unwrap();
        p.starts_with("custody/events/") && p.ends_with(".json.sig")
    });
    let mut forged = good.clone();
    forged["files"][sig_at.unwrap()]["base64"] = Base64::encode_string(&[0u8; 64]).into();
    forged["files"][at]["from"]["file"] = fifo.clone().into();
    plant(&s, &forged);
    let said = refused_unchanged(&s, "case.zip", "its event's signature does not verify");
    assert!(!said.contains("regular file") && !said.contains("fifo"), "the FIFO was opened: {said}");
    // A readable foreign file of another size: nothing of it is told.
    let foreign = s.write_bytes("foreign.bin", &[7u8; 1000]);
    forged["files"][at]["from"]["file"] = foreign.to_str().unwrap().into();
    plant(&s, &forged);
    let said = refused_unchanged(&s, "case.zip", "its event's signature does not verify");
    assert!(!said.contains("1000 bytes") && !said.contains("foreign.bin"), "{said}");
    // A genuine event with one more file by reference that it does not bind.
    let mut unbound = good.clone();
    let extra = serde_json::json!({"path": "custody/attachments/000001/extra.pdf",
        "from": {"file": fifo, "offset": 0, "size": 1}});
    unbound["files"].as_array_mut().unwrap().push(extra);
    plant(&s, &unbound);
    let said = refused_unchanged(&s, "case.zip", "not exactly those its event binds");
    assert!(!said.contains("regular file") && !said.contains("fifo"), "the FIFO was opened: {said}");
    // The bound file at another size than its signed statement gives: refused before reading.
    let mut resized = good.clone();
    resized["files"][at]["from"]["file"] = fifo.clone().into();
    resized["files"][at]["from"]["size"] = 299_999.into();
    plant(&s, &resized);
    let said = refused_unchanged(&s, "case.zip", "is not the one the signed statement gives");
    assert!(!said.contains("regular file"), "the FIFO was opened: {said}");
    // A relative path (resolved against the folder custody runs in) is refused.
    let mut relative = good.clone();
    relative["files"][at]["from"]["file"] = "request.pdf".into();
    plant(&s, &relative);
    refused_unchanged(&s, "case.zip", "the reference request.pdf is not an absolute path");
}

/// The attached file changed without changing its size, once the event is signed (the log may
/// hold it): the refusal names that file and says to put it back as it was; once it is, the
/// event completes.
#[test]
fn a_same_size_change_of_the_attached_file_says_put_it_back() {
    let s = Scratch::new();
    let (good, _at, port) = kept_attach(&s);
    plant(&s, &good);
    s.write("request.pdf", &"y".repeat(300_000));
    let said = refused_unchanged(&s, "case.zip", "request.pdf, cannot be read as the event binds it");
    assert!(said.contains("put that file back as it was"), "{said}");
    assert!(said.contains("it was changed"), "{said}");
    s.write("request.pdf", &"x".repeat(300_000));
    let _served = crate::log::serve_on(&s, "log.sqlite", Stdio::null(), port);
    s.ok(&["recover", "case.zip"]);
    let (code, log) = online(&s, "case.zip");
    assert_eq!((code, log["outcome"].as_str()), (0, Some("latest")), "{log:#}");
}

/// An attached file in a folder whose name is not UTF-8 (byte 0xff, a Latin-1 name from seized
/// media), to a logged bundle whose log does not answer: kept pending with the path as its raw
/// bytes, then completed by `custody recover`.
#[cfg(unix)]
#[test]
fn an_attached_file_under_a_non_utf8_folder_is_kept_and_completed() {
    use std::os::unix::ffi::OsStrExt as _;
    let s = Scratch::new();
    let (served, port) = logged_case(&s);
    let dir = s.root().join(std::ffi::OsStr::from_bytes(b"dossier\xff"));
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("note.txt"), "a note").unwrap();
    drop(served);
    let o = s.command(&[&ATTACH[..], &["Note"]].concat()).arg(dir.join("note.txt")).output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("kept, signed, in case.zip.custody-pending-event"), "{stderr}");
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(s.path("case.zip.custody-pending-event")).unwrap()).unwrap();
    let by_ref = doc["files"].as_array().unwrap().iter().find(|f| f["from"].is_object()).unwrap();
    assert!(by_ref["from"].get("file").is_none(), "{doc:#}");
    let raw = Base64::decode_vec(by_ref["from"]["file_base64"].as_str().unwrap()).unwrap();
    assert!(raw.ends_with(b"dossier\xff/note.txt"), "{raw:?}");
    let _served = crate::log::serve_on(&s, "log.sqlite", Stdio::null(), port);
    let o = s.run(&["recover", "case.zip"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!s.path("case.zip.custody-pending-event").exists());
    let r = s.json(0, "verify-report.schema.json", &["verify", "--json", "case.zip"]);
    assert_eq!(r["state"], "intact", "{r:#}");
}

/// The attached file changed (same size) after the custody log accepted the attach event,
/// before it was copied: the append fails, and the error says the event is logged and kept, not
/// to move the pending file away, and what to run; once the file is put back, that very event
/// completes (one leaf for it) and the copy is the latest.
#[test]
fn an_append_failing_after_the_log_accepted_says_the_event_is_logged_and_kept() {
    let s = Scratch::new();
    let (_served, port) = logged_case(&s);
    let logged = || crate::log_pending::tree_size(&s, port) >= 2;
    let (code, stderr) = attach_changed_in_pause(&s, &[], "the log never got the attach event", logged);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("changed while it was being added"), "{stderr}");
    assert!(stderr.contains("the event is logged and kept, signed, in case.zip.custody-pending-event"), "{stderr}");
    assert!(stderr.contains("do not move that file away"), "{stderr}");
    assert!(stderr.contains("then run custody recover case.zip"), "{stderr}");
    assert!(s.path("case.zip.custody-pending-event").exists());
    s.write("request.pdf", &"x".repeat(300_000));
    s.ok(&["recover", "case.zip"]);
    let (code, log) = online(&s, "case.zip");
    assert_eq!((code, log["outcome"].as_str()), (0, Some("latest")), "{log:#}");
    assert_eq!(crate::log_pending::tree_size(&s, port), 2, "one leaf for the event");
}

/// The same failure in an attach `--out`: the error names the input and OUT, never the
/// temporary copy it was appending to; `recover INPUT --out OUT` completes it once the file is
/// put back (one leaf for it), the input unchanged.
#[test]
fn an_append_failing_after_the_log_accepted_in_an_out_run_names_no_temporary_copy() {
    let s = Scratch::new();
    let (_served, port) = logged_case(&s);
    let before = std::fs::read(s.path("case.zip")).unwrap();
    let logged = || crate::log_pending::tree_size(&s, port) >= 2;
    let (code, stderr) =
        attach_changed_in_pause(&s, &["--out", "out.zip"], "the log never got the attach event", logged);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(!stderr.contains("custody-tmp"), "{stderr}");
    assert!(stderr.contains("case.zip: "), "{stderr}");
    assert!(stderr.contains("changed while it was being added"), "{stderr}");
    assert!(stderr.contains("the event is logged and kept, signed, in out.zip.custody-pending-event"), "{stderr}");
    assert!(stderr.contains("then run custody recover case.zip --out out.zip"), "{stderr}");
    assert!(!s.path("out.zip").exists());
    s.write("request.pdf", &"x".repeat(300_000));
    s.ok(&["recover", "case.zip", "--out", "out.zip"]);
    assert_eq!(std::fs::read(s.path("case.zip")).unwrap(), before, "the input is unchanged");
    let (code, log) = online(&s, "out.zip");
    assert_eq!((code, log["outcome"].as_str()), (0, Some("latest")), "{log:#}");
    assert_eq!(crate::log_pending::tree_size(&s, port), 2, "one leaf for the event");
}

/// The same failure in a `--log-optional` attach whose log is down: the log never accepted the
/// event, so the error does not say it did (only that the log may hold it and that it is kept);
/// once the file is put back and the log answers, `recover` completes it (one leaf for it).
#[test]
fn an_append_failing_after_an_optional_log_failed_does_not_say_the_log_accepted_it() {
    let s = Scratch::new();
    let (served, port) = logged_case(&s);
    drop(served);
    let pending = s.path("case.zip.custody-pending-event");
    // Kept before the log is asked; the log refuses the connection at once, then the pause.
    let (code, stderr) =
        attach_changed_in_pause(&s, &["--log-optional"], "the attach never kept its event", || pending.exists());
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("changed while it was being added"), "{stderr}");
    assert!(!stderr.contains("accepted"), "{stderr}");
    assert!(!stderr.contains("is logged"), "{stderr}");
    assert!(stderr.contains("did not confirm the event before this failed (it may hold it)"), "{stderr}");
    assert!(stderr.contains("the event is kept, signed, in case.zip.custody-pending-event"), "{stderr}");
    assert!(stderr.contains("then run custody recover case.zip"), "{stderr}");
    assert!(pending.exists());
    s.write("request.pdf", &"x".repeat(300_000));
    let _served = crate::log::serve_on(&s, "log.sqlite", Stdio::null(), port);
    s.ok(&["recover", "case.zip"]);
    assert!(!pending.exists());
    let (code, log) = online(&s, "case.zip");
    assert_eq!((code, log["outcome"].as_str()), (0, Some("latest")), "{log:#}");
    assert_eq!(crate::log_pending::tree_size(&s, port), 2, "one leaf for the event");
}

/// A transfer killed right after it appended its logged event in place, before it removed its
/// pending file: `custody recover --json` finds the bundle already holds the event, removes the
/// file, submits nothing, and says so; the copy is the latest, one leaf per event.
#[test]
fn a_transfer_killed_after_its_append_in_place_is_found_already_in_the_bundle() {
    let s = Scratch::new();
    let (_served, port) = logged_case(&s);
    let hook = (custody_core::append::CRASH_ENV, "after-append");
    let status = crate::log_pending::custody_hooked(&s, hook, &crate::log_pending::TRANSFER).status().unwrap();
    assert!(!status.success());
    assert!(s.path("case.zip.custody-pending-event").exists(), "killed before it removed its pending file");
    let appended = std::fs::read(s.path("case.zip")).unwrap();
    let size = crate::log_pending::tree_size(&s, port);
    let r = s.json(0, "recover.schema.json", &["recover", "--json", "case.zip"]);
    assert_eq!(r["pending"]["status"], "already_in_bundle", "{r:#}");
    assert_eq!(r["pending"]["sequence"], 1, "{r:#}");
    assert!(!s.path("case.zip.custody-pending-event").exists());
    assert_eq!(std::fs::read(s.path("case.zip")).unwrap(), appended, "the bundle is not changed");
    assert_eq!(crate::log_pending::tree_size(&s, port), size, "nothing was submitted");
    let (code, log) = online(&s, "case.zip");
    assert_eq!((code, log["outcome"].as_str()), (0, Some("latest")), "{log:#}");
}

/// A `--out` transfer interrupted (Ctrl-C) after the log's answer: its event stays pending beside
/// OUT, and the message names that file and the command that completes it into OUT (`custody
/// recover INPUT --out OUT`), not a bare `custody recover` the input would not see.
#[test]
fn ctrl_c_after_the_logs_answer_of_an_out_run_names_recover_into_out() {
    use std::time::{Duration, Instant};
    let s = Scratch::new();
    let (_served, _port) = logged_case(&s);
    let paused = s.path("paused");
    #[allow(deprecated)]
    let bin = assert_cmd::cargo::cargo_bin("custody");
    let child = std::process::Command::new("env")
        .arg("--default-signal=INT,TERM")
        .arg(bin)
        .args(crate::log_pending::TRANSFER)
        .args(["--out", "out.zip"])
        .current_dir(s.root())
        .env_remove("CUSTODY_CONFIG")
        .env_remove("CUSTODY_TSA_URL")
        .env("XDG_CONFIG_HOME", s.path("config-home"))
        .env(custody_core::append::PAUSE_ENV, "after-log")
        .env(custody_core::append::PAUSED_FILE_ENV, &paused)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while !paused.exists() {
        assert!(start.elapsed() < Duration::from_secs(60), "the transfer never reached the log's answer");
        std::thread::sleep(Duration::from_millis(20));
    }
    let kill = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(kill.success());
    let o = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(130), "{stderr}");
    assert!(s.path("out.zip.custody-pending-event").exists(), "{stderr}");
    assert!(stderr.contains("out.zip.custody-pending-event holds the event it signed"), "{stderr}");
    assert!(stderr.contains("custody recover INPUT --out "), "{stderr}");
    assert!(stderr.contains("out.zip does"), "{stderr}");
    s.ok(&["recover", "case.zip", "--out", "out.zip"]);
    let (code, log) = online(&s, "out.zip");
    assert_eq!((code, log["outcome"].as_str()), (0, Some("latest")), "{log:#}");
}

/// `custody add` of a statement package to a logged bundle whose log does not answer: the
/// attached file is kept by reference INTO the package ZIP (at the offset of its entry, not 0),
/// and `custody recover` completes that very event from it once the log answers.
#[test]
fn an_added_package_is_kept_by_reference_at_its_offset_in_the_package_and_completed() {
    let s = Scratch::new();
    let (served, port) = logged_case(&s);
    s.write("request-zh.txt", &"译文\n".repeat(1000));
    let args = ["attach", "case.zip", "--key", "bob.key", "--kind", "translation", "--ref", "MLA-1"];
    let more = ["--language", "zh-CN", "--date", "2026-11-19", "--capacity", "translator", "request-zh.txt"];
    s.ok(&[&args[..], &more, &["--package", "bob.custody-statement"]].concat());
    drop(served);
    let o = s.run(&["add", "case.zip", "--key", "alice.key", "bob.custody-statement"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("kept, signed, in case.zip.custody-pending-event"), "{stderr}");
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(s.path("case.zip.custody-pending-event")).unwrap()).unwrap();
    let by_ref = doc["files"].as_array().unwrap().iter().find(|f| f["from"].is_object()).unwrap();
    assert!(by_ref["from"]["file"].as_str().unwrap().ends_with("/bob.custody-statement"), "{doc:#}");
    assert!(by_ref["from"]["offset"].as_u64().unwrap() > 0, "{doc:#}");
    assert_eq!(by_ref["from"]["size"].as_u64(), Some("译文\n".repeat(1000).len() as u64), "{doc:#}");
    let _served = crate::log::serve_on(&s, "log.sqlite", Stdio::null(), port);
    s.ok(&["recover", "case.zip"]);
    assert!(!s.path("case.zip.custody-pending-event").exists());
    let (code, log) = online(&s, "case.zip");
    assert_eq!((code, log["outcome"].as_str()), (0, Some("latest")), "{log:#}");
    let r = s.json(0, "verify-report.schema.json", &["verify", "--json", "case.zip"]);
    assert_eq!(r["state"], "intact", "{r:#}");
}
