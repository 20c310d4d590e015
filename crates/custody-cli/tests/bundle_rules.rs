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
    for v in ["name-collision-long-s.zip", "name-collision-dotless-i.zip", "name-collision-file-and-folder.zip"] {
        let (exit, text) = verify(v);
        assert_eq!(exit, 1, "{v}: {text}");
        assert!(text.contains("archive.name_collision"), "{v}: {text}");
    }
}
