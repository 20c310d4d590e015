//! The pending event of a logged append (issue #20 req. 1, docs/custody-log.md §5): a command
//! killed after the log accepted its event leaves the signed event beside the bundle; `custody
//! recover`, or the next command changing the bundle in place, resubmits THAT event (the log
//! answers it idempotently) and appends it, so the bundle is logged cleanly, one event per slot;
//! a pending file that does not match the bundle is refused with nothing changed.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use custody_core::keys::note::VerifierKey;
use custody_core::tlog::Checkpoint;

use crate::common::Scratch;
use crate::log::checkpoint;

pub(crate) const TRANSFER: [&str; 8] =
    ["transfer", "case.zip", "--key", "alice.key", "--to", "bob.key.pub", "--purpose", "review"];

/// A served log and `case.zip` sealed by Alice and logged to it; returns the guard and port.
pub(crate) fn logged_case(s: &Scratch) -> (crate::log::Served, u16) {
    crate::log::logged_bundle(s, "case.zip", &[("alice", "Alice"), ("bob", "Bob")])
}

fn seal(s: &Scratch, out: &str, case: &str, url: &str) {
    let args = ["seal", "--key", "alice.key", "--case-ref", case, "--out", out, "--log", url, "--log-key", "log.vkey"];
    s.ok(&args.into_iter().chain(["page.html"]).collect::<Vec<_>>());
}

/// The size of the tree the log at `port` serves now, its checkpoint checked under its key.
pub(crate) fn tree_size(s: &Scratch, port: u16) -> u64 {
    let key = VerifierKey::parse(std::fs::read_to_string(s.path("log.vkey")).unwrap().trim()).unwrap();
    Checkpoint::open(checkpoint(port).unwrap().as_bytes(), &key).unwrap().size
}

/// `custody` in the scratch folder with one test hook set, as a process of its own.
pub(crate) fn custody_hooked(s: &Scratch, hook: (&str, &str), args: &[&str]) -> Command {
    #[allow(deprecated)]
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("custody"));
    c.current_dir(s.root())
        .env_remove("CUSTODY_CONFIG")
        .env_remove("CUSTODY_TSA_URL")
        .env("XDG_CONFIG_HOME", s.path("config-home"))
        .env(hook.0, hook.1)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

/// `custody verify --log --json BUNDLE`: exit status and the report's `log` member.
pub(crate) fn online(s: &Scratch, bundle: &str) -> (i32, serde_json::Value) {
    let o = s.run(&["verify", "--json", bundle, "--log"]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    crate::common::validate("verify-report.schema.json", &report);
    (o.status.code().unwrap_or(-1), report["log"].clone())
}

/// A transfer killed (`kill -9`) while it waits right after the log's answer: the bundle is
/// unchanged (so the log already holds an event this copy lacks: not the latest), the signed
/// event is pending beside it; `custody recover` resubmits that very event, appends it, and the
/// bundle is the latest copy with both events proven, in a tree of exactly two entries (the
/// resubmission added no leaf, no conflict was recorded).
#[test]
fn a_transfer_killed_after_the_log_answered_is_completed_by_recover_with_the_same_event() {
    let s = Scratch::new();
    let (_served, port) = logged_case(&s);
    let before = std::fs::read(s.path("case.zip")).unwrap();
    let pending = s.path("case.zip.custody-pending-event");
    let paused = s.path("paused");
    let mut hooked = custody_hooked(&s, (custody_core::append::PAUSE_ENV, "after-log"), &TRANSFER);
    let mut child = hooked.env(custody_core::append::PAUSED_FILE_ENV, &paused).spawn().unwrap();
    // At the pause point, right after the log's answer, the command writes the marker and waits
    // (a minute): killed then, whatever the machine's load.
    let start = Instant::now();
    while !paused.exists() {
        assert!(start.elapsed() < Duration::from_secs(60), "the transfer never reached the log's answer");
        assert!(child.try_wait().unwrap().is_none(), "the transfer ended before the pause point");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(tree_size(&s, port), 2, "the log got the transfer");
    assert!(child.try_wait().unwrap().is_none(), "the transfer must still be paused after the log's answer");
    child.kill().unwrap();
    assert!(!child.wait().unwrap().success());
    assert_eq!(std::fs::read(s.path("case.zip")).unwrap(), before, "nothing was appended");
    assert!(pending.exists(), "the signed event is kept beside the bundle");
    // As it is, the copy lacks the event the log holds.
    let (code, log) = online(&s, "case.zip");
    assert_eq!((code, log["outcome"].as_str()), (1, Some("not_latest")), "{log:#}");

    let o = s.run(&["recover", "case.zip"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(stderr.contains("completed the transfer event #1 an interrupted command had signed"), "{stderr}");
    assert!(stderr.contains("it was appended with that proof"), "{stderr}");
    assert!(!pending.exists(), "the pending file is removed once its event is appended");
    let (code, log) = online(&s, "case.zip");
    assert_eq!((code, log["outcome"].as_str()), (0, Some("latest")), "{log:#}");
    assert_eq!((log["events"].as_u64(), log["included"].as_u64()), (Some(2), Some(2)), "{log:#}");
    assert_eq!(tree_size(&s, port), 2, "one leaf per slot: the resubmission added none");
    // Nothing left to do.
    assert!(s.ok(&["recover", "case.zip"]).contains("nothing to do"));
}

/// A transfer aborted right after the log's answer, then the recipient's `receive` in place:
/// the pending transfer is completed first (said on stderr), then the receipt is signed on
/// top of it; the copy is the latest, three events, three leaves.
#[test]
fn the_next_command_in_place_completes_the_pending_event_then_proceeds() {
    let s = Scratch::new();
    let (_served, port) = logged_case(&s);
    let status = custody_hooked(&s, (custody_core::append::CRASH_ENV, "after-log"), &TRANSFER).status().unwrap();
    assert!(!status.success());
    assert!(s.path("case.zip.custody-pending-event").exists());
    // Writing to another output would leave the input's event pending: refused, nothing written.
    let args = ["receive", "case.zip", "--accept-untrusted", "--key", "bob.key", "--out", "copy.zip"];
    let said = s.refused(&args, "complete it first: custody recover BUNDLE");
    assert!(!said.contains("cannot be used") && !said.contains("move that file away"), "one coherent advice: {said}");
    assert!(!s.path("copy.zip").exists());
    let o = s.run(&["receive", "case.zip", "--accept-untrusted", "--key", "bob.key"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(stderr.contains("completed the transfer event #1"), "{stderr}");
    assert!(!s.path("case.zip.custody-pending-event").exists());
    let (code, log) = online(&s, "case.zip");
    assert_eq!((code, log["outcome"].as_str()), (0, Some("latest")), "{log:#}");
    assert_eq!((log["events"].as_u64(), log["included"].as_u64()), (Some(3), Some(3)), "{log:#}");
    assert_eq!(tree_size(&s, port), 3);
}

/// A transfer with `--out` from an input in a folder made read-only: its pending event is kept
/// beside OUT, never beside the input (nothing is written in the input's folder); killed after
/// the log's answer, or after the copy got the event but before it was renamed to OUT, the
/// event stays pending beside OUT (never removed before OUT exists); the same command again is
/// refused (it would sign a second claim of the slot) and `custody recover IN --out OUT`
/// completes that very event into OUT, the input unchanged.
#[test]
fn an_out_transfer_keeps_its_pending_event_beside_out_and_recover_completes_it_into_out() {
    let s = Scratch::new();
    let (_served, port) = logged_case(&s);
    std::fs::create_dir(s.path("in")).unwrap();
    std::fs::create_dir(s.path("out")).unwrap();
    std::fs::rename(s.path("case.zip"), s.path("in/case.zip")).unwrap();
    let mut before = std::fs::read(s.path("in/case.zip")).unwrap();
    let listing = || {
        let mut names: Vec<_> = std::fs::read_dir(s.path("in")).unwrap().map(|e| e.unwrap().file_name()).collect();
        names.sort();
        names
    };
    let only_input = listing();
    set_mode(&s.path("in"), 0o555);
    let transfer = ["transfer", "in/case.zip", "--key", "alice.key", "--to", "bob.key.pub", "--purpose", "review"];
    let transfer: Vec<&str> = transfer.into_iter().chain(["--out", "out/new.zip"]).collect();
    let pending = s.path("out/new.zip.custody-pending-event");
    for (point, size) in [("after-log", 2), ("before-out-rename", 4)] {
        let status = custody_hooked(&s, (custody_core::append::CRASH_ENV, point), &transfer).status().unwrap();
        assert!(!status.success(), "{point}");
        assert_eq!(listing(), only_input, "{point}: nothing is written beside the input");
        assert!(std::fs::read(s.path("in/case.zip")).unwrap() == before, "{point}: the input is unchanged");
        assert!(!s.path("out/new.zip").exists(), "{point}");
        assert!(pending.exists(), "{point}: the event stays pending beside OUT until OUT exists");
        assert_eq!(tree_size(&s, port), size, "{point}");
        if point == "after-log" {
            // Again: refused, never a second claim of the slot.
            let said = s.refused(&transfer, "custody recover BUNDLE --out OUT");
            assert!(!said.contains("move that file away"), "{said}");
            let o = s.run(&["recover", "in/case.zip", "--out", "out/new.zip"]);
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            assert!(!pending.exists(), "removed once OUT is in place");
            let (code, log) = online(&s, "out/new.zip");
            assert_eq!((code, log["outcome"].as_str()), (0, Some("latest")), "{log:#}");
            assert_eq!((log["events"].as_u64(), log["included"].as_u64()), (Some(2), Some(2)), "{log:#}");
            assert_eq!(tree_size(&s, port), 2, "the resubmission added no leaf");
            std::fs::remove_file(s.path("out/new.zip")).unwrap();
            // Start the next case from a fresh seal-logged input of its own.
            set_mode(&s.path("in"), 0o755);
            std::fs::remove_file(s.path("in/case.zip")).unwrap();
            seal(&s, "in/case.zip", "C-2", &format!("http://127.0.0.1:{port}"));
            before = std::fs::read(s.path("in/case.zip")).unwrap();
            set_mode(&s.path("in"), 0o555);
        }
    }
    // The second input (sealed at tree size 2, event 0 at leaf 2): recover completes it too.
    let o = s.run(&["recover", "in/case.zip", "--out", "out/new.zip"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!pending.exists());
    assert!(std::fs::read(s.path("in/case.zip")).unwrap() == before, "the input is unchanged");
    assert_eq!(listing(), only_input);
    let (code, log) = online(&s, "out/new.zip");
    assert_eq!((code, log["outcome"].as_str()), (0, Some("latest")), "{log:#}");
    set_mode(&s.path("in"), 0o755);
}

/// A logged transfer whose log stops answering (the log may have committed it: a lost answer
/// looks the same): the signed event is kept, the error says so and names `custody recover`;
/// the bundle is unchanged, and `recover` fails while the log is down, keeping the file.
#[test]
fn a_log_that_does_not_answer_leaves_the_event_pending() {
    let s = Scratch::new();
    let (served, _port) = logged_case(&s);
    drop(served);
    let before = std::fs::read(s.path("case.zip")).unwrap();
    let o = s.run(&TRANSFER);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("The log may hold the event already, so it is kept, signed, in"), "{stderr}");
    assert!(stderr.contains("run custody recover case.zip when the log answers again"), "{stderr}");
    assert!(!stderr.contains("--log-optional"), "a kept event is completed only by recover: {stderr}");
    let pending = s.path("case.zip.custody-pending-event");
    assert!(pending.exists(), "kept: the log may hold it");
    assert!(std::fs::read(s.path("case.zip")).unwrap() == before, "nothing appended");
    // The resubmission needs the log: the error names the pending event and never suggests
    // --log-optional (a resubmission is never written without its proof).
    let o = s.run(&["recover", "case.zip"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("the event an interrupted command signed could not be resubmitted"), "{stderr}");
    assert!(stderr.contains("case.zip.custody-pending-event"), "{stderr}");
    assert!(!stderr.contains("--log-optional"), "{stderr}");
    assert!(pending.exists() && std::fs::read(s.path("case.zip")).unwrap() == before);
}

/// A pending file beside a bundle whose manifest names no log (custody never writes one there,
/// here a logged bundle's, moved): refused as such, nothing changed, the file left.
#[test]
fn a_pending_file_beside_a_bundle_without_a_log_is_refused() {
    let s = Scratch::new();
    let (_served, _port) = logged_case(&s);
    let status = custody_hooked(&s, (custody_core::append::CRASH_ENV, "after-log"), &TRANSFER).status().unwrap();
    assert!(!status.success());
    s.ok(&["seal", "--key", "alice.key", "--case-ref", "C-9", "--out", "plain.zip", "page.html"]);
    std::fs::rename(s.path("case.zip.custody-pending-event"), s.path("plain.zip.custody-pending-event")).unwrap();
    let before = std::fs::read(s.path("plain.zip")).unwrap();
    s.refused(&["recover", "plain.zip"], "the bundle names no custody log");
    assert!(std::fs::read(s.path("plain.zip")).unwrap() == before, "nothing changed");
    assert!(s.path("plain.zip.custody-pending-event").exists());
}

pub(crate) fn set_mode(dir: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Replaces, in the pending file's JSON, the value of `field` in the `n`th file (or at the top
/// when `n` is `None`) with `value`.
pub(crate) fn tamper(s: &Scratch, name: &str, n: Option<usize>, field: &str, value: serde_json::Value) {
    let p = s.path(name);
    let mut doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
    match n {
        Some(n) => doc["files"][n][field] = value,
        None => doc[field] = value,
    }
    std::fs::write(&p, serde_json::to_vec(&doc).unwrap()).unwrap();
}

/// A pending file that does not match the bundle, or was altered, is refused (exit 2) with
/// nothing changed: the bundle and the file stay as they are, and nothing is submitted.
#[test]
fn a_pending_event_that_does_not_match_the_bundle_is_refused_with_nothing_changed() {
    let s = Scratch::new();
    let (_served, port) = logged_case(&s);
    seal(&s, "other.zip", "C-2", &format!("http://127.0.0.1:{port}"));
    assert!(!custody_hooked(&s, (custody_core::append::CRASH_ENV, "after-log"), &TRANSFER).status().unwrap().success());
    let good = std::fs::read(s.path("case.zip.custody-pending-event")).unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&good).unwrap();
    let files = doc["files"].as_array().unwrap();
    let index = |suffix: &str| files.iter().position(|f| f["path"].as_str().unwrap().ends_with(suffix)).unwrap();
    let (event, sig) = (index("-transfer.json"), index("-transfer.json.sig"));
    let size = tree_size(&s, port);

    let refused = |bundle: &str, needle: &str| {
        let before = std::fs::read(s.path(bundle)).unwrap();
        let file = format!("{bundle}.custody-pending-event");
        let held = std::fs::read(s.path(&file)).unwrap();
        let stderr = s.refused(&["recover", bundle], needle);
        assert!(stderr.contains("Nothing was changed"), "{stderr}");
        assert_eq!(std::fs::read(s.path(bundle)).unwrap(), before, "{needle}: the bundle is unchanged");
        assert_eq!(std::fs::read(s.path(&file)).unwrap(), held, "{needle}: the pending file is kept");
        assert_eq!(tree_size(&s, port), size, "{needle}: nothing was submitted");
    };
    // Beside another bundle.
    std::fs::write(s.path("other.zip.custody-pending-event"), &good).unwrap();
    refused("other.zip", "it is for bundle");
    std::fs::remove_file(s.path("other.zip.custody-pending-event")).unwrap();
    // The bundle changed since (its size as the file records it differs).
    tamper(&s, "case.zip.custody-pending-event", None, "bundle_size", serde_json::json!(12345));
    refused("case.zip", "the bundle changed since the event was signed");
    // The event's signature altered (a valid base64 of 64 other bytes).
    std::fs::write(s.path("case.zip.custody-pending-event"), &good).unwrap();
    let other_sig = "A".repeat(86) + "==";
    tamper(&s, "case.zip.custody-pending-event", Some(sig), "base64", serde_json::json!(other_sig));
    refused("case.zip", "its event's signature does not verify");
    // The event itself altered: a different event under the original signature.
    std::fs::write(s.path("case.zip.custody-pending-event"), &good).unwrap();
    let text = files[event]["base64"].as_str().unwrap();
    let flipped: String =
        text.char_indices().map(|(i, c)| if i == 40 { if c == 'A' { 'B' } else { 'A' } } else { c }).collect();
    tamper(&s, "case.zip.custody-pending-event", Some(event), "base64", serde_json::json!(flipped));
    let o = s.run(&["recover", "case.zip"]);
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
    // Not a pending event at all, or too large to be one.
    std::fs::write(s.path("case.zip.custody-pending-event"), b"{\"format\": 1}").unwrap();
    refused("case.zip", "it is damaged or was not written by this version of custody");
    std::fs::write(s.path("case.zip.custody-pending-event"), vec![b' '; 5 << 20]).unwrap();
    refused("case.zip", "more than any pending event");
    // Through a link: never followed.
    #[cfg(unix)]
    {
        std::fs::remove_file(s.path("case.zip.custody-pending-event")).unwrap();
        std::fs::write(s.path("elsewhere"), &good).unwrap();
        std::os::unix::fs::symlink(s.path("elsewhere"), s.path("case.zip.custody-pending-event")).unwrap();
        let before = std::fs::read(s.path("case.zip")).unwrap();
        s.refused(&["recover", "case.zip"], "it is not a regular file");
        assert_eq!(std::fs::read(s.path("case.zip")).unwrap(), before);
        std::fs::remove_file(s.path("case.zip.custody-pending-event")).unwrap();
    }
    // The genuine file completes the transfer.
    std::fs::write(s.path("case.zip.custody-pending-event"), &good).unwrap();
    s.ok(&["recover", "case.zip"]);
    let (code, log) = online(&s, "case.zip");
    assert_eq!((code, log["outcome"].as_str()), (0, Some("latest")), "{log:#}");
    assert_eq!(tree_size(&s, port), size);
}

/// `custody recover IN --out OUT` never appends to an OUT that exists and does not hold the
/// pending event: not to IN itself (`--out` naming the input, or OUT a link to it), so the input
/// is never changed; the pending file stays, and once OUT is moved away recover completes it.
#[test]
fn recover_out_never_completes_the_event_into_an_existing_out() {
    let s = Scratch::new();
    let (_served, port) = logged_case(&s);
    std::fs::create_dir(s.path("out")).unwrap();
    let before = std::fs::read(s.path("case.zip")).unwrap();
    let transfer = ["transfer", "case.zip", "--key", "alice.key", "--to", "bob.key.pub", "--purpose", "review"];
    let transfer: Vec<&str> = transfer.into_iter().chain(["--out", "out/new.zip"]).collect();
    let status = custody_hooked(&s, (custody_core::append::CRASH_ENV, "after-log"), &transfer).status().unwrap();
    assert!(!status.success());
    let pending = s.path("out/new.zip.custody-pending-event");
    assert!(pending.exists());
    // OUT a link to the input: refused, the input unchanged, the event still pending.
    std::os::unix::fs::symlink(s.path("case.zip"), s.path("out/new.zip")).unwrap();
    s.refused(&["recover", "case.zip", "--out", "out/new.zip"], "the output already exists and does not hold");
    assert!(std::fs::read(s.path("case.zip")).unwrap() == before, "the input is unchanged");
    assert!(pending.exists());
    // OUT a plain copy of the input: refused too, the copy unchanged.
    std::fs::remove_file(s.path("out/new.zip")).unwrap();
    std::fs::copy(s.path("case.zip"), s.path("out/new.zip")).unwrap();
    s.refused(&["recover", "case.zip", "--out", "out/new.zip"], "never completes an event into an existing file");
    assert!(std::fs::read(s.path("out/new.zip")).unwrap() == before, "the existing OUT is unchanged");
    assert!(pending.exists());
    // Moved away: recover completes the very event into a new OUT, the log's tree not growing.
    std::fs::remove_file(s.path("out/new.zip")).unwrap();
    let o = s.run(&["recover", "case.zip", "--out", "out/new.zip"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!pending.exists());
    assert!(std::fs::read(s.path("case.zip")).unwrap() == before, "the input is unchanged");
    let (code, log) = online(&s, "out/new.zip");
    assert_eq!((code, log["outcome"].as_str()), (0, Some("latest")), "{log:#}");
    assert_eq!(tree_size(&s, port), 2, "the resubmission added no leaf");
}
