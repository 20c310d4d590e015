//! Crash safety under SIGKILL: `seal`, `transfer`, `receive`, `countersign` and `add` are killed at random moments.
//! After each kill: nothing exists under the final name unless it verifies; the input bundle
//! is unchanged (or, updated in place, reads as the old or the new bundle, or is torn with a
//! journal beside it that `recover` uses) and verifies after `recover`; and anything left
//! behind is recognisably named (`*.custody-tmp`, `*.custody-journal`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command as Std, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin;
use serde_json::Value;
use tempfile::TempDir;

/// A small deterministic generator for kill delays (no dependency needed for this).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % below.max(1)
    }
}

fn custody(dir: &Path, args: &[&str]) -> std::process::Output {
    Std::new(cargo_bin("custody")).current_dir(dir).args(args).output().unwrap()
}

fn state(dir: &Path, bundle: &str) -> (String, usize) {
    let out = custody(dir, &["verify", "--format", "json", bundle]);
    let r: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (r["state"].as_str().unwrap_or("?").to_owned(), r["events"].as_array().map_or(0, |e| e.len()))
}

/// Runs `args` and kills it after `delay`; returns whether it finished on its own.
fn run_and_kill(dir: &Path, args: &[&str], delay: Duration) -> bool {
    let mut child = Std::new(cargo_bin("custody"))
        .current_dir(dir)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while start.elapsed() < delay {
        if child.try_wait().unwrap().is_some() {
            return true;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    let _ = child.kill(); // SIGKILL on Unix
    let status = child.wait().unwrap();
    status.success()
}

fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".custody-tmp") || n.ends_with(".custody-journal"))
        .collect()
}

fn setup() -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let d = dir.path().to_path_buf();
    for (k, name, role) in [("a", "Alice Wang", "investigator"), ("b", "Bo Li", "prosecutor")] {
        let out = custody(
            &d,
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
        assert!(out.status.success());
    }
    // Enough data that sealing and verifying take a noticeable time.
    fs::create_dir(d.join("ev")).unwrap();
    let block: Vec<u8> = (0..1u32 << 20).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    for i in 0..24 {
        fs::write(d.join(format!("ev/part-{i:02}.bin")), &block).unwrap();
    }
    (dir, d)
}

#[test]
fn seal_killed_at_random_moments_leaves_a_valid_bundle_or_none() {
    let (_keep, d) = setup();
    let t0 = Instant::now();
    assert!(custody(&d, &["seal", "--key", "a.key", "--case-ref", "K-1", "--out", "full.zip", "ev"]).status.success());
    let full = t0.elapsed().as_micros() as u64;
    let mut rng = Lcg(0x5eed);
    let (mut killed, mut finished) = (0, 0);
    for i in 0..16 {
        let out = format!("s{i}.zip");
        let delay = Duration::from_micros(rng.next(full + full / 4));
        if run_and_kill(&d, &["seal", "--key", "a.key", "--case-ref", "K-1", "--out", &out, "ev"], delay) {
            finished += 1;
        } else {
            killed += 1;
        }
        if d.join(&out).exists() {
            assert_eq!(state(&d, &out).0, "intact", "run {i}: a bundle under its final name must verify");
        }
        for l in leftovers(&d) {
            assert!(l.starts_with(&format!(".{out}.")) && l.ends_with(".custody-tmp"), "unrecognisable leftover {l}");
            fs::remove_file(d.join(l)).unwrap();
        }
    }
    println!("seal: {killed} killed, {finished} finished");
    assert!(killed > 0, "no run was actually killed");
}

#[test]
fn transfer_and_receive_killed_at_random_moments_never_break_the_bundle() {
    let (_keep, d) = setup();
    assert!(custody(&d, &["seal", "--key", "a.key", "--case-ref", "K-1", "--out", "case.zip", "ev"]).status.success());
    let t0 = Instant::now();
    assert!(custody(&d, &["verify", "case.zip"]).status.success());
    let verify_time = t0.elapsed().as_micros() as u64;
    let mut rng = Lcg(0xc0ffee);
    let mut killed = 0;
    for i in 0..24 {
        let (_, before_events) = state(&d, "case.zip");
        let before = fs::read(d.join("case.zip")).unwrap();
        // Events: the seal, then (transfer, receipt) pairs; an even count means a transfer
        // awaits its receipt. After k completed hand-overs Alice holds it if k is even.
        let pending = before_events % 2 == 0;
        let k = (before_events - 1) / 2;
        let (holder, other) = if k % 2 == 0 { ("a", "b") } else { ("b", "a") };
        let (key, to) = (format!("{holder}.key"), format!("{other}.key.pub"));
        let other_key = format!("{other}.key");
        let (args, delay): (Vec<&str>, u64) = if pending {
            (vec!["receive", "case.zip", "--accept-untrusted", "--key", &other_key], rng.next(verify_time * 2))
        } else {
            (vec!["transfer", "case.zip", "--key", &key, "--to", &to, "--purpose", "p"], rng.next(verify_time))
        };
        if !run_and_kill(&d, &args, Duration::from_micros(delay)) {
            killed += 1;
        }
        // Read-only verify reads the file as it is: the old or the new bundle, whole, unless
        // the kill tore the tail, which only a journal beside it can explain.
        let (st, events) = state(&d, "case.zip");
        let journal = d.join("case.zip.custody-journal").exists();
        assert!(st == "intact" || journal, "run {i} ({args:?}): {st} without a journal");
        if st == "intact" {
            assert!(events == before_events || events == before_events + 1, "run {i}: {before_events} -> {events}");
        }
        // Recovery settles it; an unchanged event count means the bytes are the old ones.
        let rec = custody(&d, &["recover", "case.zip"]);
        assert!(rec.status.success(), "run {i}: {}", String::from_utf8_lossy(&rec.stderr));
        let (st, after) = state(&d, "case.zip");
        assert_eq!(st, "intact", "run {i}");
        assert!(after == before_events || after == before_events + 1, "run {i}: {before_events} -> {after}");
        if after == before_events {
            assert_eq!(fs::read(d.join("case.zip")).unwrap(), before, "run {i}: rolled back byte for byte");
        }
        for l in leftovers(&d) {
            assert!(l.contains(".custody-tmp"), "run {i}: unexpected leftover {l}");
            fs::remove_file(d.join(l)).unwrap();
        }
    }
    println!("transfer/receive: {killed} of 24 runs killed");
}

#[test]
fn countersign_and_add_killed_at_random_moments_never_break_the_bundle() {
    let (_keep, d) = setup();
    assert!(custody(&d, &["seal", "--key", "a.key", "--case-ref", "K-1", "--out", "case.zip", "ev"]).status.success());
    // Bo, who does not hold custody, writes a package once; Alice adds it again and again.
    let args = ["countersign", "case.zip", "--key", "b.key", "--event", "0", "--capacity", "witness"];
    assert!(custody(&d, &[&args[..], &["--package", "bo.custody-statement"]].concat()).status.success());
    let t0 = Instant::now();
    let direct = ["countersign", "case.zip", "--key", "a.key", "--event", "0", "--capacity", "custodian"];
    assert!(custody(&d, &direct).status.success());
    let full = t0.elapsed().as_micros() as u64;
    let mut rng = Lcg(0xabcd);
    let mut killed = 0;
    for i in 0..16 {
        let (_, before_events) = state(&d, "case.zip");
        let before = fs::read(d.join("case.zip")).unwrap();
        let add = ["add", "case.zip", "--key", "a.key", "bo.custody-statement"];
        let args: &[&str] = if i % 2 == 0 { &direct } else { &add };
        if !run_and_kill(&d, args, Duration::from_micros(rng.next(full + full / 4))) {
            killed += 1;
        }
        let (st, events) = state(&d, "case.zip");
        let journal = d.join("case.zip.custody-journal").exists();
        assert!(st == "intact" || journal, "run {i} ({args:?}): {st} without a journal");
        if st == "intact" {
            assert!(events == before_events || events == before_events + 1, "run {i}: {before_events} -> {events}");
        }
        let rec = custody(&d, &["recover", "case.zip"]);
        assert!(rec.status.success(), "run {i}: {}", String::from_utf8_lossy(&rec.stderr));
        let (st, after) = state(&d, "case.zip");
        assert_eq!(st, "intact", "run {i}");
        assert!(after == before_events || after == before_events + 1, "run {i}: {before_events} -> {after}");
        if after == before_events {
            assert_eq!(fs::read(d.join("case.zip")).unwrap(), before, "run {i}: rolled back byte for byte");
        }
        for l in leftovers(&d) {
            assert!(l.contains(".custody-tmp"), "run {i}: unexpected leftover {l}");
            fs::remove_file(d.join(l)).unwrap();
        }
    }
    println!("countersign/add: {killed} of 16 runs killed");
}
