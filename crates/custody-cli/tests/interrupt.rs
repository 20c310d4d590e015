//! Interrupted commands and their journals (issues #13.1, #21.2, #21.3): a journal beside a
//! bundle is never trusted by readers and applied only when it matches a torn update; Ctrl-C
//! and SIGTERM remove the command's temporary files; later commands remove stale ones;
//! `recover` tells a damaged bundle from one with nothing to do.

use std::fs;
use std::io::Read as _;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command as Std, Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

use assert_cmd::cargo::cargo_bin;
use serde_json::Value;
use tempfile::TempDir;

fn custody(dir: &Path, args: &[&str]) -> Output {
    Std::new(cargo_bin("custody")).current_dir(dir).args(args).output().unwrap()
}

fn custody_env(dir: &Path, env: (&str, &str), args: &[&str]) -> Output {
    Std::new(cargo_bin("custody")).current_dir(dir).env(env.0, env.1).args(args).output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn verify_json(dir: &Path, bundle: &str) -> (i32, Value) {
    let out = custody(dir, &["verify", "--format", "json", bundle]);
    (out.status.code().unwrap(), serde_json::from_slice(&out.stdout).unwrap_or(Value::Null))
}

fn codes(r: &Value) -> Vec<String> {
    r["checks"].as_array().map_or(Vec::new(), |c| c.iter().map(|c| c["code"].as_str().unwrap().to_owned()).collect())
}

/// A folder with keys for Alice and Bo and `case.zip` sealed by Alice.
fn setup() -> TempDir {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    for (k, name, role) in [("a", "Alice Wang", "investigator"), ("b", "Bo Li", "prosecutor")] {
        let out = custody(
            d,
            &[
                "keygen",
                "--out",
                &format!("{k}.key"),
                "--name",
                name,
                "--org",
                "O",
                "--role",
                role,
                "--jurisdiction",
                "CN",
            ],
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    fs::write(d.join("page.html"), "<p>post</p>").unwrap();
    fs::write(d.join("video.mp4"), vec![7u8; 50_000]).unwrap();
    seal(d, "case.zip");
    dir
}

fn seal(d: &Path, out: &str) {
    let o = custody(d, &["seal", "--key", "a.key", "--case-ref", "K-1", "--out", out, "page.html", "video.mp4"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
}

const TRANSFER: [&str; 8] = ["transfer", "case.zip", "--key", "a.key", "--to", "b.key.pub", "--purpose", "review"];

/// A genuine journal of `case.zip`: a transfer aborted right after writing it (the bundle is
/// untouched). Returns its bytes and removes it (with `recover`).
fn genuine_journal(d: &Path) -> Vec<u8> {
    let o = custody_env(d, ("CUSTODY_TEST_CRASH_POINT", "after-journal"), &TRANSFER);
    assert!(!o.status.success());
    let bytes = fs::read(d.join("case.zip.custody-journal")).unwrap();
    let r = custody(d, &["recover", "case.zip"]);
    assert!(r.status.success(), "{}", text(&r.stderr));
    assert!(!d.join("case.zip.custody-journal").exists());
    bytes
}

fn rolled_back_copies(d: &Path) -> Vec<PathBuf> {
    fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("case.zip.custody-rolled-back-"))
        .collect()
}

#[test]
fn a_planted_journal_is_never_trusted_or_applied() {
    let dir = setup();
    let d = dir.path();
    let journal = genuine_journal(d);
    let sealed = fs::read(d.join("case.zip")).unwrap();
    // The bundle's end is destroyed; a self-consistent journal holding the old end lies beside it.
    let mut bytes = sealed.clone();
    let n = bytes.len();
    bytes[n - 22..].fill(0x41);
    fs::write(d.join("case.zip"), &bytes).unwrap();
    fs::write(d.join("case.zip.custody-journal"), &journal).unwrap();

    // Readers judge the file as it is and only say that an update is pending.
    let (code, r) = verify_json(d, "case.zip");
    assert_eq!((code, r["state"].as_str()), (1, Some("invalid")), "{r:#}");
    assert_eq!(codes(&r)[0], "bundle.journal_pending", "{r:#}");
    let human = custody(d, &["verify", "case.zip"]);
    assert!(text(&human.stdout).contains("run custody recover"), "{}", text(&human.stdout));
    let x = custody(d, &["extract", "case.zip", "--out", "evidence"]);
    assert_eq!(x.status.code(), Some(1), "{}", text(&x.stderr));
    assert!(!d.join("evidence").exists(), "extract wrote the journal's content");
    let i = custody(d, &["inspect", "--format", "json", "case.zip"]);
    assert_eq!(i.status.code(), Some(1), "{}", text(&i.stdout));
    assert_eq!(fs::read(d.join("case.zip")).unwrap(), bytes, "readers changed the bundle");
    assert!(d.join("case.zip.custody-journal").exists(), "readers removed the journal");

    // recover may use it, but only to restore the bundle's own bytes (its tag manifest and
    // directory, after the file's own entries): the sealed bundle, nothing else. The
    // damaged bytes are kept.
    let r = custody(d, &["recover", "case.zip"]);
    assert!(r.status.success(), "{}", text(&r.stderr));
    assert!(text(&r.stdout).contains("held 1 complete event(s)"), "{}", text(&r.stdout));
    assert_eq!(fs::read(d.join("case.zip")).unwrap(), sealed, "restored to something else than the sealed bundle");
    let kept = rolled_back_copies(d);
    assert_eq!(kept.len(), 1);
    assert!(bytes.ends_with(&fs::read(&kept[0]).unwrap()));
    // An in-place transfer then records event #1 on the sealed bundle.
    let t = custody(d, &TRANSFER);
    assert!(t.status.success(), "{}", text(&t.stderr));
    let (code, v) = verify_json(d, "case.zip");
    assert_eq!((code, v["events"].as_array().map(Vec::len)), (0, Some(2)), "{v:#}");
}

/// A journal as anyone can build one: `old_tail` to be written at `cut`, the anchor of
/// `prefix` (the bundle's bytes before `cut`), and the sizes given.
fn forged_journal(bundle_id: &[u8], prefix: &[u8], cut: u64, old_tail: &[u8], new_len: u64) -> Vec<u8> {
    use custody_core::Sha256Digest;
    let anchor = &prefix[prefix.len().saturating_sub(64 << 10)..];
    let mut j = b"custody-journal2".to_vec();
    j.extend_from_slice(bundle_id);
    for n in [cut + old_tail.len() as u64, cut, new_len] {
        j.extend_from_slice(&n.to_le_bytes());
    }
    j.extend_from_slice(&Sha256Digest::of(anchor).0);
    j.extend_from_slice(&Sha256Digest::of(old_tail).0);
    j.extend_from_slice(&[0u8; 32]);
    j.extend_from_slice(&[0u8; 16]);
    j.extend_from_slice(old_tail);
    j
}

/// Runs `recover` and an in-place transfer: each must refuse (exit 2), naming `why`, and
/// leave the torn bundle as it is.
fn refused_and_unchanged(d: &Path, why: &str) {
    let torn = fs::read(d.join("case.zip")).unwrap();
    for args in [&["recover", "case.zip"][..], &TRANSFER[..]] {
        let r = custody(d, args);
        assert_eq!(r.status.code(), Some(2), "{args:?}: {}{}", text(&r.stdout), text(&r.stderr));
        assert!(text(&r.stderr).contains("Nothing was changed"), "{}", text(&r.stderr));
        assert!(text(&r.stderr).contains(why), "{}", text(&r.stderr));
        assert_eq!(fs::read(d.join("case.zip")).unwrap(), torn, "{args:?} changed the bundle");
    }
    assert!(rolled_back_copies(d).is_empty());
}

#[test]
fn a_journal_from_offset_zero_never_replaces_a_torn_bundle_with_another() {
    let dir = setup();
    let d = dir.path();
    let other_journal = genuine_journal(d);
    fs::rename(d.join("case.zip"), d.join("other.zip")).unwrap();
    let other = fs::read(d.join("other.zip")).unwrap();
    seal(d, "case.zip");
    assert!(!custody_env(d, ("CUSTODY_TEST_CRASH_POINT", "mid-tail"), &TRANSFER).status.success());
    // Cut 0: the anchor is of no bytes, and the "old tail" is the whole other bundle, whose
    // bundle id the journal names.
    fs::write(d.join("case.zip.custody-journal"), forged_journal(&other_journal[16..48], b"", 0, &other, 1 << 40))
        .unwrap();
    refused_and_unchanged(d, "does not end with its tag manifest at byte 0");
}

#[test]
fn a_journal_of_an_older_state_never_rolls_back_signed_events() {
    let dir = setup();
    let d = dir.path();
    // A former custodian keeps a genuine journal of the sealed bundle (state 0).
    let mut old = genuine_journal(d);
    old[64..72].copy_from_slice(&(1u64 << 40).to_le_bytes()); // any new size
    // Later the bundle has a transfer and a receipt; Bo's next transfer is torn.
    assert!(custody(d, &TRANSFER).status.success());
    assert!(custody(d, &["receive", "case.zip", "--key", "b.key", "--accept-untrusted"]).status.success());
    let bo = ["transfer", "case.zip", "--key", "b.key", "--to", "a.key.pub", "--purpose", "return"];
    assert!(!custody_env(d, ("CUSTODY_TEST_CRASH_POINT", "mid-tail"), &bo).status.success());
    let genuine = fs::read(d.join("case.zip.custody-journal")).unwrap();
    fs::write(d.join("case.zip.custody-journal"), &old).unwrap();
    refused_and_unchanged(d, "holds events #1 to #3");
    // The genuine journal undoes just the torn transfer, and says what the bundle holds.
    fs::write(d.join("case.zip.custody-journal"), &genuine).unwrap();
    let r = custody(d, &["recover", "case.zip"]);
    assert!(r.status.success(), "{}", text(&r.stderr));
    let out = text(&r.stdout);
    assert!(out.contains("held 3 complete event(s) and the unfinished start of event #3"), "{out}");
    assert!(out.contains("now has its 3 event(s) again"), "{out}");
    let (code, v) = verify_json(d, "case.zip");
    assert_eq!((code, v["events"].as_array().map(Vec::len)), (0, Some(3)), "{v:#}");
}

#[test]
fn a_garbage_journal_beside_an_intact_bundle_says_it_may_be_moved_away() {
    let dir = setup();
    let d = dir.path();
    let before = fs::read(d.join("case.zip")).unwrap();
    let garbage: Vec<u8> = (0..300u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    fs::write(d.join("case.zip.custody-journal"), &garbage).unwrap();
    for args in [&["recover", "case.zip"][..], &TRANSFER[..]] {
        let r = custody(d, args);
        assert_eq!(r.status.code(), Some(2), "{args:?}");
        let err = text(&r.stderr);
        assert!(err.contains("move the journal away") && err.contains("not part of the bundle"), "{err}");
        assert!(!err.contains("Keep both files"), "{err}");
        assert_eq!(fs::read(d.join("case.zip")).unwrap(), before);
    }
    fs::rename(d.join("case.zip.custody-journal"), d.join("moved")).unwrap();
    assert!(custody(d, &TRANSFER).status.success());
}

#[cfg(unix)]
#[test]
fn a_copy_with_out_is_refused_while_a_journal_link_lies_beside_the_bundle() {
    let dir = setup();
    let d = dir.path();
    // A dangling link: `exists()` would say there is no journal.
    std::os::unix::fs::symlink(d.join("nowhere"), d.join("case.zip.custody-journal")).unwrap();
    let mut args = TRANSFER.to_vec();
    args.extend(["--out", "new.zip"]);
    let o = custody(d, &args);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stdout));
    assert!(text(&o.stderr).contains("was interrupted"), "{}", text(&o.stderr));
    assert!(!d.join("new.zip").exists());
}

#[test]
fn a_journal_with_a_genuine_old_tail_never_rolls_back_a_readable_bundle() {
    let dir = setup();
    let d = dir.path();
    // A former custodian keeps a journal of the bundle as it was, before a transfer.
    let journal = genuine_journal(d);
    let mut transfer = TRANSFER.to_vec();
    transfer[7] = "REVIEW"; // the same size as the journal's update: only the content differs
    let o = custody(d, &transfer);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let after = fs::read(d.join("case.zip")).unwrap();
    fs::write(d.join("case.zip.custody-journal"), &journal).unwrap();

    let r = custody(d, &["recover", "case.zip"]);
    assert_eq!(r.status.code(), Some(2), "{}", text(&r.stdout));
    assert!(text(&r.stderr).contains("will not roll"), "{}", text(&r.stderr));
    let rec = custody(d, &["receive", "case.zip", "--key", "b.key", "--accept-untrusted"]);
    assert_eq!(rec.status.code(), Some(2), "{}", text(&rec.stdout));
    assert_eq!(fs::read(d.join("case.zip")).unwrap(), after, "the signed transfer was destroyed");
    assert!(rolled_back_copies(d).is_empty());
    // verify still reports the bundle as it is: intact, with its transfer.
    let (code, v) = verify_json(d, "case.zip");
    assert_eq!((code, v["events"].as_array().map(Vec::len)), (0, Some(2)), "{v:#}");
    assert!(codes(&v).contains(&"bundle.journal_pending".to_owned()));
}

#[test]
fn a_torn_update_is_rolled_back_and_the_replaced_bytes_are_kept() {
    let dir = setup();
    let d = dir.path();
    let before = fs::read(d.join("case.zip")).unwrap();
    let o = custody_env(d, ("CUSTODY_TEST_CRASH_POINT", "mid-tail"), &TRANSFER);
    assert!(!o.status.success());
    let torn = fs::read(d.join("case.zip")).unwrap();
    assert_ne!(torn, before);
    let r = custody(d, &["recover", "case.zip"]);
    assert!(r.status.success(), "{}", text(&r.stderr));
    assert!(text(&r.stdout).contains("undone") && text(&r.stdout).contains("matching journal"), "{}", text(&r.stdout));
    assert_eq!(fs::read(d.join("case.zip")).unwrap(), before, "rolled back byte for byte");
    let kept = rolled_back_copies(d);
    assert_eq!(kept.len(), 1, "the replaced bytes must be kept");
    let kept_bytes = fs::read(&kept[0]).unwrap();
    assert!(!kept_bytes.is_empty() && torn.ends_with(&kept_bytes));
    assert!(text(&r.stdout).contains(&kept[0].file_name().unwrap().to_string_lossy().into_owned()));
    assert!(!d.join("case.zip.custody-journal").exists());
}

#[test]
fn a_torn_update_copied_elsewhere_is_recovered_with_a_note() {
    let dir = setup();
    let d = dir.path();
    let before = fs::read(d.join("case.zip")).unwrap();
    assert!(!custody_env(d, ("CUSTODY_TEST_CRASH_POINT", "mid-tail"), &TRANSFER).status.success());
    // Copied off a failing disk: another inode, same bytes.
    fs::create_dir(d.join("copy")).unwrap();
    fs::copy(d.join("case.zip"), d.join("copy/case.zip")).unwrap();
    fs::copy(d.join("case.zip.custody-journal"), d.join("copy/case.zip.custody-journal")).unwrap();
    let r = custody(&d.join("copy"), &["recover", "case.zip"]);
    assert!(r.status.success(), "{}", text(&r.stderr));
    assert!(text(&r.stderr).contains("another place on disk"), "{}", text(&r.stderr));
    assert_eq!(fs::read(d.join("copy/case.zip")).unwrap(), before);
}

#[test]
fn a_journal_of_another_bundle_is_refused_and_nothing_changes() {
    let dir = setup();
    let d = dir.path();
    let other = genuine_journal(d);
    // A second bundle of the same files (another bundle id), torn by an interrupted transfer.
    fs::rename(d.join("case.zip"), d.join("first.zip")).unwrap();
    seal(d, "case.zip");
    assert!(!custody_env(d, ("CUSTODY_TEST_CRASH_POINT", "mid-tail"), &TRANSFER).status.success());
    fs::write(d.join("case.zip.custody-journal"), &other).unwrap();
    let torn = fs::read(d.join("case.zip")).unwrap();
    for args in [&["recover", "case.zip"][..], &TRANSFER[..]] {
        let r = custody(d, args);
        assert_eq!(r.status.code(), Some(2), "{args:?}: {}", text(&r.stdout));
        assert!(text(&r.stderr).contains("Nothing was changed"), "{}", text(&r.stderr));
        assert_eq!(fs::read(d.join("case.zip")).unwrap(), torn, "{args:?} changed the bundle");
    }
    assert!(rolled_back_copies(d).is_empty());
}

#[cfg(unix)]
#[test]
fn a_journal_that_is_a_symbolic_link_is_refused() {
    let dir = setup();
    let d = dir.path();
    assert!(!custody_env(d, ("CUSTODY_TEST_CRASH_POINT", "mid-tail"), &TRANSFER).status.success());
    let torn = fs::read(d.join("case.zip")).unwrap();
    fs::rename(d.join("case.zip.custody-journal"), d.join("elsewhere")).unwrap();
    std::os::unix::fs::symlink(d.join("elsewhere"), d.join("case.zip.custody-journal")).unwrap();
    let r = custody(d, &["recover", "case.zip"]);
    assert_eq!(r.status.code(), Some(2));
    assert!(text(&r.stderr).contains("not a regular file"), "{}", text(&r.stderr));
    assert_eq!(fs::read(d.join("case.zip")).unwrap(), torn);
}

#[test]
fn recover_says_a_truncated_bundle_is_damaged() {
    let dir = setup();
    let d = dir.path();
    let bytes = fs::read(d.join("case.zip")).unwrap();
    fs::write(d.join("case.zip"), &bytes[..bytes.len() / 2]).unwrap();
    let r = custody(d, &["recover", "case.zip"]);
    assert_eq!(r.status.code(), Some(1), "{}{}", text(&r.stdout), text(&r.stderr));
    assert!(text(&r.stderr).contains("damaged"), "{}", text(&r.stderr));
    assert!(!text(&r.stdout).contains("nothing to do"));
    let missing = custody(d, &["recover", "no-such.zip"]);
    assert_eq!(missing.status.code(), Some(2));
    fs::write(d.join("case.zip"), &bytes).unwrap();
    let ok = custody(d, &["recover", "case.zip"]);
    assert!(ok.status.success() && text(&ok.stdout).contains("nothing to do"));
}

/// Creates a file named like a temporary of custody, last changed `age` ago.
fn plant_temp(path: &Path, age: Duration) {
    fs::write(path, vec![0u8; 4096]).unwrap();
    let f = fs::File::options().write(true).open(path).unwrap();
    f.set_modified(SystemTime::now() - age).unwrap();
}

#[test]
fn stale_temporaries_are_removed_by_the_next_command_and_live_ones_kept() {
    let dir = setup();
    let d = dir.path();
    let minute = Duration::from_secs(60);
    let stale = d.join(".new.zip.Ab3xYz.custody-tmp");
    let fresh = d.join(".new.zip.Fr35hh.custody-tmp");
    let held = d.join(".new.zip.He1dXx.custody-tmp");
    let unrelated = d.join(".other.zip.Ab3xYz.custody-tmp");
    plant_temp(&stale, minute);
    plant_temp(&fresh, Duration::ZERO);
    plant_temp(&held, minute);
    plant_temp(&unrelated, minute);
    // Another process is writing this one: it holds its lock.
    let lock = fs::File::open(&held).unwrap();
    lock.lock().unwrap();
    seal(d, "new.zip");
    assert!(!stale.exists(), "a stale temporary file was kept");
    assert!(fresh.exists() && held.exists() && unrelated.exists(), "a live or unrelated file was removed");
    drop(lock);

    // recover removes stale ones of the bundle and its journal, and says so.
    let journal_tmp = d.join(".case.zip.custody-journal.Qw3rty.custody-tmp");
    plant_temp(&journal_tmp, minute);
    let r = custody(d, &["recover", "case.zip"]);
    assert!(r.status.success());
    assert!(!journal_tmp.exists());
    assert!(text(&r.stderr).contains("left by an interrupted custody command"), "{}", text(&r.stderr));
}

#[test]
fn a_seal_says_which_stale_temporary_it_removed() {
    let dir = setup();
    let d = dir.path();
    let stale = d.join(".new.zip.Ab3xYz.custody-tmp");
    plant_temp(&stale, Duration::from_secs(60));
    let o = custody(d, &["seal", "--key", "a.key", "--case-ref", "K", "--out", "new.zip", "page.html"]);
    assert!(o.status.success());
    assert!(text(&o.stderr).contains(".new.zip.Ab3xYz.custody-tmp"), "{}", text(&o.stderr));
    assert!(!stale.exists());
}

/// A TSA that accepts connections and never answers: a command asking it waits, with its
/// temporary file open, until it is interrupted. Returns the URL and a receiver told of
/// each connection.
fn silent_tsa() -> (String, std::sync::mpsc::Receiver<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/tsa", listener.local_addr().unwrap());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for s in listener.incoming().flatten() {
            held.push(s);
            let _ = tx.send(());
        }
    });
    (url, rx)
}

/// Starts custody with SIGINT and SIGTERM at their defaults (test harnesses and background
/// jobs may inherit them ignored), or ignored with `ignore`.
fn spawn_custody(d: &Path, args: &[&str], ignore: bool) -> std::process::Child {
    spawn_custody_env(d, args, ignore, ("CUSTODY_TEST_NOTHING", ""))
}

fn spawn_custody_env(d: &Path, args: &[&str], ignore: bool, env: (&str, &str)) -> std::process::Child {
    let flag = if ignore { "--ignore-signal=INT" } else { "--default-signal=INT,TERM" };
    Std::new("env")
        .env(env.0, env.1)
        .arg(flag)
        .arg(cargo_bin("custody"))
        .args(args)
        .current_dir(d)
        .env_remove("CUSTODY_TSA_URL")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn send(child: &std::process::Child, sig: &str) {
    assert!(Std::new("kill").args([sig, &child.id().to_string()]).status().unwrap().success());
}

fn wait_timeout(child: &mut std::process::Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Some(s) = child.try_wait().unwrap() {
            return Some(s);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

fn temps(d: &Path) -> Vec<String> {
    fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".custody-tmp") || n.ends_with(".custody-journal"))
        .collect()
}

#[test]
fn ctrl_c_during_a_seal_removes_its_temporary_file_and_says_nothing_was_written() {
    let dir = setup();
    let d = dir.path();
    let (url, connected) = silent_tsa();
    let mut child = spawn_custody(
        d,
        &["seal", "--key", "a.key", "--case-ref", "K", "--out", "new.zip", "--tsa", &url, "video.mp4"],
        false,
    );
    connected.recv_timeout(Duration::from_secs(60)).expect("custody never asked the TSA");
    assert_eq!(temps(d).len(), 1, "the seal should be writing its temporary file: {:?}", temps(d));
    send(&child, "-INT");
    let status = wait_timeout(&mut child, Duration::from_secs(20)).expect("custody did not stop on Ctrl-C");
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert_eq!(status.code(), Some(130), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert!(temps(d).is_empty(), "temporary files left: {:?}", temps(d));
    assert!(!d.join("new.zip").exists());
}

#[test]
fn sigterm_during_an_update_in_place_leaves_the_bundle_unchanged() {
    let dir = setup();
    let d = dir.path();
    let before = fs::read(d.join("case.zip")).unwrap();
    let (url, connected) = silent_tsa();
    let mut args = TRANSFER.to_vec();
    args.extend(["--tsa", &url]);
    let mut child = spawn_custody(d, &args, false);
    connected.recv_timeout(Duration::from_secs(60)).expect("custody never asked the TSA");
    send(&child, "-TERM");
    let status = wait_timeout(&mut child, Duration::from_secs(20)).expect("custody did not stop on SIGTERM");
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert_eq!(status.code(), Some(143), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(fs::read(d.join("case.zip")).unwrap(), before);
    assert!(temps(d).is_empty(), "{:?}", temps(d));
}

#[test]
fn a_sigint_inherited_as_ignored_stays_ignored() {
    let dir = setup();
    let d = dir.path();
    let (url, connected) = silent_tsa();
    let mut child = spawn_custody(
        d,
        &["seal", "--key", "a.key", "--case-ref", "K", "--out", "new.zip", "--tsa", &url, "video.mp4"],
        true,
    );
    connected.recv_timeout(Duration::from_secs(60)).expect("custody never asked the TSA");
    send(&child, "-INT");
    assert!(wait_timeout(&mut child, Duration::from_millis(700)).is_none(), "an ignored SIGINT stopped custody");
    send(&child, "-TERM");
    let status = wait_timeout(&mut child, Duration::from_secs(20)).expect("custody did not stop on SIGTERM");
    assert_eq!(status.code(), Some(143));
    assert!(temps(d).is_empty(), "{:?}", temps(d));
}

/// Starts an in-place transfer that pauses with its journal written, and waits for the pause.
fn transfer_paused_mid_update(d: &Path) -> std::process::Child {
    let child = spawn_custody_env(d, &TRANSFER, false, ("CUSTODY_TEST_PAUSE_POINT", "after-journal"));
    let start = Instant::now();
    while !d.join("case.zip.custody-journal").exists() {
        assert!(start.elapsed() < Duration::from_secs(60), "the update never started");
        std::thread::sleep(Duration::from_millis(10));
    }
    child
}

#[test]
fn ctrl_c_waits_for_an_update_in_place_to_finish() {
    let dir = setup();
    let d = dir.path();
    let mut child = transfer_paused_mid_update(d);
    send(&child, "-INT");
    let status = wait_timeout(&mut child, Duration::from_secs(30)).expect("custody did not stop");
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert_eq!(status.code(), Some(130), "{err}");
    assert!(err.contains("case.zip had been written completely"), "{err}");
    assert!(!d.join("case.zip.custody-journal").exists(), "the update was cut midway");
    let (code, r) = verify_json(d, "case.zip");
    assert_eq!((code, r["events"].as_array().map(Vec::len)), (0, Some(2)), "{r:#}");
}

#[test]
fn a_second_ctrl_c_kills_at_once() {
    let dir = setup();
    let d = dir.path();
    let before = fs::read(d.join("case.zip")).unwrap();
    let mut child = transfer_paused_mid_update(d);
    send(&child, "-INT");
    std::thread::sleep(Duration::from_millis(300));
    send(&child, "-INT");
    let status = wait_timeout(&mut child, Duration::from_millis(2000)).expect("a second Ctrl-C did not kill custody");
    assert_eq!(status.code(), None, "killed by the signal, not exited");
    // Killed with its journal written and the bundle untouched: recover tidies up.
    assert!(d.join("case.zip.custody-journal").exists());
    let r = custody(d, &["recover", "case.zip"]);
    assert!(r.status.success(), "{}", text(&r.stderr));
    assert_eq!(fs::read(d.join("case.zip")).unwrap(), before);
}

#[test]
fn ctrl_c_during_an_extract_of_many_files_removes_its_temporary_folder() {
    let dir = setup();
    let d = dir.path();
    for sub in 0..40 {
        let p = d.join("many").join(format!("d{sub:02}"));
        fs::create_dir_all(&p).unwrap();
        for f in 0..100 {
            fs::write(p.join(format!("f{f:03}.txt")), format!("{sub}/{f}")).unwrap();
        }
    }
    let o = custody(d, &["seal", "--key", "a.key", "--case-ref", "K", "--out", "many.zip", "many"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    // Interrupted at several moments while files are being written into the temporary folder.
    for (round, delay) in [5u64, 60, 200, 500].into_iter().enumerate() {
        let out = format!("evidence{round}");
        let mut child = spawn_custody(d, &["extract", "many.zip", "--out", &out], false);
        let start = Instant::now();
        // extract creates the output folder first and stages files inside it.
        while !d.join(&out).exists() {
            if start.elapsed() > Duration::from_secs(60) {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        std::thread::sleep(Duration::from_millis(delay));
        if child.try_wait().unwrap().is_none() {
            send(&child, "-INT");
        }
        let status = wait_timeout(&mut child, Duration::from_secs(30)).expect("custody did not stop on Ctrl-C");
        let mut err = String::new();
        child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        if status.success() {
            // It finished first: then it said so, and the folder is complete.
            assert!(d.join(&out).is_dir());
            continue;
        }
        assert_eq!(status.code(), Some(130), "{err}");
        assert!(err.contains("nothing was written"), "round {round}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
        assert!(temps(d).is_empty(), "round {round}: temporary files left: {:?}", temps(d));
        assert!(!d.join(&out).exists());
    }
}
