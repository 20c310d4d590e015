//! The ZIP profile, names and what each event may add, as a user of the CLI meets them
//! (issue #13 points 2, 5, 8): the verdict, the exit code and the lines that explain it.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn custody() -> Command {
    let mut c = Command::cargo_bin("custody").unwrap();
    c.env("NO_COLOR", "1");
    c
}

fn vector(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors").join(name)
}

fn verify(name: &str) -> (i32, String) {
    let out = custody().arg("verify").arg(vector(name)).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn the_text_report_shows_what_a_transfer_added() {
    let (code, text) = verify("chain-transfer-smuggled-file.zip");
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("INVALID"), "{text}");
    let added = text.lines().find(|l| l.trim_start().starts_with("added ")).expect("an 'added' line");
    assert!(added.contains("DATA/item-1/confession.txt") && added.contains("custody/keys/"), "{added}");
    assert!(text.contains("event.unexpected_file"), "{text}");
}

#[test]
fn hostile_zip_attributes_are_invalid_with_a_reason() {
    for (v, code) in [
        ("cd-symlink-host-fat.zip", "archive.unsupported_attributes"),
        ("cd-setuid.zip", "archive.unsupported_attributes"),
        ("cd-dos-time.zip", "archive.unsupported_attributes"),
        ("cd-version-needed.zip", "archive.unsupported_version"),
    ] {
        let (exit, text) = verify(v);
        assert_eq!(exit, 1, "{v}: {text}");
        assert!(text.contains(code) && text.to_lowercase().contains("ask the sender"), "{v}: {text}");
    }
}

#[test]
fn folded_name_collisions_are_invalid() {
    for v in [
        "name-collision-long-s.zip",
        "name-collision-dotless-i.zip",
        "name-collision-file-and-folder.zip",
        "name-collision-ignorable.zip",
    ] {
        let (exit, text) = verify(v);
        assert_eq!(exit, 1, "{v}: {text}");
        assert!(text.contains("archive.name_collision"), "{v}: {text}");
    }
}

#[test]
fn names_windows_cannot_hold_are_invalid() {
    for (v, why) in [("name-trailing-dot.zip", "ends with a dot"), ("name-windows-device.zip", "device name")] {
        let (exit, text) = verify(v);
        assert_eq!(exit, 1, "{v}: {text}");
        assert!(text.contains("archive.unsafe_name") && text.contains(why), "{v}: {text}");
    }
}

/// A ZIP of only a central directory and its end record: `n` entries named
/// `%06d/` + `a/` × 508 + `z` (1,024 bytes of ~509 parts each), as the review of #13.2 built.
fn deep_names_zip(n: u32) -> Vec<u8> {
    let mut cd = Vec::new();
    for i in 0..n {
        let name = format!("{i:06}/{}z", "a/".repeat(508));
        cd.extend(0x0201_4b50u32.to_le_bytes());
        for v in [0x032du16, 20, 0x0800, 0, 0, 0x21] {
            cd.extend(v.to_le_bytes());
        }
        cd.extend([0u8; 12]); // crc, sizes
        for v in [name.len() as u16, 0, 0, 0, 0] {
            cd.extend(v.to_le_bytes());
        }
        cd.extend(0x81a4_0000u32.to_le_bytes());
        cd.extend(0u32.to_le_bytes());
        cd.extend(name.as_bytes());
    }
    let mut zip = cd.clone();
    zip.extend(0x0605_4b50u32.to_le_bytes());
    zip.extend([0u8; 4]);
    zip.extend((n as u16).to_le_bytes());
    zip.extend((n as u16).to_le_bytes());
    zip.extend((cd.len() as u32).to_le_bytes());
    zip.extend([0u8; 6]);
    zip
}

#[test]
fn deep_hostile_names_are_checked_in_memory_about_their_size() {
    // Review of #13.2: 3,200 such names (3.4 MB) once took ~1.9 GB and tens of seconds in
    // `custody verify` and ~400 MB in verify_bundle.py, before any signature was checked.
    // Both now run under a 200 MB data limit, in seconds.
    let dir = tempfile::TempDir::new().unwrap();
    let zip = dir.path().join("deep-names.zip");
    std::fs::write(&zip, deep_names_zip(3200)).unwrap();
    let custody = assert_cmd::cargo::cargo_bin("custody");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/verify_bundle.py");
    let mut runs = vec![format!("'{}' verify '{}'", custody.display(), zip.display())];
    if std::process::Command::new("python3").arg("--version").output().is_ok_and(|o| o.status.success()) {
        runs.push(format!("python3 '{}' '{}'", script.display(), zip.display()));
    }
    for run in runs {
        let started = std::time::Instant::now();
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(format!("ulimit -d 200000 && {run}"))
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{run}: {text}{}", String::from_utf8_lossy(&out.stderr));
        assert!(text.contains("not_a_bundle") || text.contains("archive."), "{run}: {text}");
        assert!(started.elapsed().as_secs() < 60, "{run} took {:?}", started.elapsed());
    }
}

#[test]
fn a_timestamp_token_is_shown_as_a_file_its_event_added() {
    // Review of #13.5: a token is bound by no signature, and a self-made TSA can put any bytes
    // in its certificates; the report now lists it among what its event added.
    let token = "custody/events/000000-seal.json.sig.tst";
    let (code, text) = verify("timestamp-valid.zip");
    assert_eq!(code, 0, "{text}");
    assert!(text.lines().any(|l| l.trim_start() == format!("added {token}")), "{text}");
    assert!(text.contains("timestamp.untrusted"), "the untrusted-TSA warning stays: {text}");
    let out = custody().args(["verify", "--format", "json"]).arg(vector("timestamp-valid.zip")).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let added = report["events"][0]["added_files"].as_array().unwrap();
    assert_eq!(added.last().and_then(|v| v.as_str()), Some(token), "{added:?}");
    // A bundle without tokens lists none.
    let out = custody().args(["verify", "--format", "json"]).arg(vector("sealed.zip")).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        !report["events"][0]["added_files"].as_array().unwrap().iter().any(|v| v.as_str().unwrap().ends_with(".tst"))
    );
}
