//! `custody extract`: verified first, never outside its directory, never over a file.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use custody_core::archive::{read_archive, testing::write_archive};
use custody_core::{Sha256Digest, files as fsutil};
use predicates::prelude::PredicateBooleanExt;
use serde_json::Value;
use tempfile::TempDir;

struct Fx {
    dir: TempDir,
}

impl Fx {
    fn new() -> Self {
        let f = Fx { dir: TempDir::new().unwrap() };
        f.run(&[
            "keygen",
            "--out",
            "a.key",
            "--name",
            "Alice Wang",
            "--org",
            "Police",
            "--role",
            "investigator",
            "--jurisdiction",
            "CN",
        ])
        .success();
        fs::create_dir_all(f.path("cap/sub")).unwrap();
        fs::write(f.path("cap/index.html"), "<p>x</p>").unwrap();
        fs::write(f.path("cap/sub/Ünïcode 100%.txt"), "unicode").unwrap();
        fs::write(f.path("video.mp4"), vec![9u8; 70_000]).unwrap();
        let old = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
        fs::File::options().write(true).open(f.path("video.mp4")).unwrap().set_modified(old).unwrap();
        f.run(&["seal", "--key", "a.key", "--case-ref", "X-1", "--out", "case.zip", "cap", "video.mp4"]).success();
        f
    }
    fn path(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
    }
    fn run(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        Command::cargo_bin("custody").unwrap().current_dir(self.dir.path()).env("NO_COLOR", "1").args(args).assert()
    }
    /// Every path below `dir`, relative, sorted.
    fn tree(&self, dir: &str) -> Vec<String> {
        fn walk(base: &Path, d: &Path, out: &mut Vec<String>) {
            for e in fs::read_dir(d).unwrap() {
                let p = e.unwrap().path();
                out.push(p.strip_prefix(base).unwrap().to_string_lossy().into_owned());
                if p.is_dir() {
                    walk(base, &p, out);
                }
            }
        }
        let mut v = Vec::new();
        walk(&self.path(dir), &self.path(dir), &mut v);
        v.sort();
        v
    }
}

#[test]
fn extracts_original_names_bytes_and_times() {
    let f = Fx::new();
    f.run(&["extract", "case.zip", "--out", "out"]).success();
    assert_eq!(
        fs::read(f.path("out/item-1/cap/sub/Ünïcode 100%.txt")).unwrap(),
        b"unicode",
        "original name, '%' included"
    );
    assert_eq!(fs::read(f.path("out/item-2/video.mp4")).unwrap(), vec![9u8; 70_000]);
    let mtime = fs::metadata(f.path("out/item-2/video.mp4")).unwrap().modified().unwrap();
    assert_eq!(mtime.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs(), 1_700_000_000);
    let report: Value = serde_json::from_slice(&fs::read(f.path("out/custody-verify-report.json")).unwrap()).unwrap();
    assert_eq!(report["state"], "intact");
    assert!(!f.path("out/WARNING-INVALID-BUNDLE.txt").exists());
    // Never into an existing path.
    f.run(&["extract", "case.zip", "--out", "out"]).code(2).stderr(predicates::str::contains("existing"));
    fs::create_dir(f.path("empty")).unwrap();
    f.run(&["extract", "case.zip", "--out", "empty"]).code(2);
    assert!(fs::read_dir(f.path("empty")).unwrap().next().is_none());
}

#[test]
fn an_invalid_bundle_is_refused_unless_forced_and_then_marked() {
    let f = Fx::new();
    let mut bytes = fs::read(f.path("case.zip")).unwrap();
    let a = custody_core::archive::Archive::open(Box::new(bytes.clone())).unwrap();
    let at = a.entry("data/item-2/video.mp4").unwrap().data_offset as usize + 7;
    bytes[at] ^= 1;
    fs::write(f.path("bad.zip"), bytes).unwrap();
    f.run(&["extract", "bad.zip", "--out", "out"]).code(1).stderr(predicates::str::contains("payload.hash_mismatch"));
    assert!(!f.path("out").exists(), "nothing is written for an invalid bundle");
    f.run(&["extract", "bad.zip", "--out", "out", "--force"]).code(1).stderr(predicates::str::contains("INVALID"));
    let marker = fs::read_to_string(f.path("out/WARNING-INVALID-BUNDLE.txt")).unwrap();
    assert!(marker.contains("FAILED VERIFICATION") && marker.contains("data/item-2/video.mp4"), "{marker}");
}

/// Re-signs a bundle's manifest after `edit`, as a signer with a real key could: the bundle
/// stays intact, so only extraction's own name checks stand between it and the disk.
fn resign_manifest(f: &Fx, out: &str, edit: impl FnOnce(&mut Value)) {
    let key = fsutil::load_keypair(&f.path("a.key")).unwrap();
    let mut e = read_archive(fs::read(f.path("case.zip")).unwrap()).unwrap();
    let get = |e: &mut Vec<(String, Vec<u8>)>, n: &str| e.iter().position(|(x, _)| x == n).unwrap();
    let mi = get(&mut e, "custody/manifest.json");
    let mut m: Value = serde_json::from_slice(&e[mi].1).unwrap();
    edit(&mut m);
    let mut mb = serde_json::to_vec_pretty(&m).unwrap();
    mb.push(b'\n');
    // Format 2: the manifest has no signature of its own; the seal event binds it.
    let m_sha = Sha256Digest::of(&mb).hex();
    e[mi].1 = mb;
    let ei = get(&mut e, "custody/events/000000-seal.json");
    let mut ev: Value = serde_json::from_slice(&e[ei].1).unwrap();
    for fr in ev["files"].as_array_mut().unwrap() {
        if fr["path"] == "custody/manifest.json" {
            fr["sha256"] = Value::String(m_sha.clone());
        }
    }
    // And the Merkle commitment to the edited manifest (§5.12), as its signer would.
    let typed: custody_core::manifest::Manifest = serde_json::from_value(m).unwrap();
    let seed = typed.commitment.seed.0;
    let tree = custody_core::commit::tree(&typed, &seed).unwrap();
    ev["commitment"]["tree_size"] = Value::from(tree.tree_size);
    ev["commitment"]["root"] = Value::String(Sha256Digest(tree.root).hex());
    let mut eb = serde_json::to_vec_pretty(&ev).unwrap();
    eb.push(b'\n');
    let esi = get(&mut e, "custody/events/000000-seal.json.sig");
    e[esi].1 = key.sign(&eb).expect("a key in memory signs").to_vec();
    e[ei].1 = eb;
    let mut lines: Vec<String> = e
        .iter()
        .filter(|(n, _)| !n.starts_with("data/") && n != "tagmanifest-sha256.txt")
        .map(|(n, d)| format!("{}  {n}\n", Sha256Digest::of(d)))
        .collect();
    lines.sort_by(|a, b| a[66..].cmp(&b[66..]));
    let ti = get(&mut e, "tagmanifest-sha256.txt");
    e[ti].1 = lines.concat().into_bytes();
    fs::write(f.path(out), write_archive(&e, chrono::Utc::now()).unwrap()).unwrap();
}

#[test]
fn hostile_original_names_never_escape_the_output_directory() {
    let f = Fx::new();
    for (i, evil) in
        ["../../../escaped.txt", "/etc/evil", "sub/../../x", "CON.txt", "a\\..\\b", "dots. "].iter().enumerate()
    {
        let name = format!("evil{i}.zip");
        resign_manifest(&f, &name, |m| m["items"][1]["files"][0]["original_name"] = Value::String((*evil).into()));
        // Signed by Alice's real key: the bundle verifies, only the name is hostile.
        f.run(&["verify", &name]).success();
        f.run(&["extract", &name, "--out", "out"]).code(2).stderr(predicates::str::contains("cannot extract"));
        assert!(!f.path("out").exists(), "{evil}: nothing written");
    }
    assert!(!f.dir.path().parent().unwrap().join("escaped.txt").exists());
    let leftovers = f.tree(".").into_iter().filter(|p| p.contains(".custody-tmp")).count();
    assert_eq!(leftovers, 0);
}

#[test]
fn names_that_collide_on_case_insensitive_systems_are_refused() {
    let f = Fx::new();
    fs::create_dir(f.path("two")).unwrap();
    fs::write(f.path("two/Report.txt"), "a").unwrap();
    fs::write(f.path("two/report.txt"), "b").unwrap();
    f.run(&["seal", "--key", "a.key", "--case-ref", "X-2", "--out", "two.zip", "two"])
        .code(2)
        .stderr(predicates::str::contains("same name"));
    // Composed and decomposed forms of the same name.
    fs::create_dir(f.path("nfc")).unwrap();
    fs::write(f.path("nfc/caf\u{e9}.txt"), "a").unwrap();
    fs::write(f.path("nfc/cafe\u{301}.txt"), "b").unwrap();
    f.run(&["seal", "--key", "a.key", "--case-ref", "X-3", "--out", "nfc.zip", "nfc"]).code(2);
    assert!(!f.path("two.zip").exists() && !f.path("nfc.zip").exists());
}

/// extract takes the same --trust and --tsa-roots as verify (its own hint says "use --trust
/// FILE"; issue #21.6), and the report written beside the files records the result.
#[test]
fn extract_takes_trust_and_tsa_roots() {
    let f = Fx::new();
    f.run(&["trust", "add", "a.key.pub", "--file", "trusted.txt"]).success();
    f.run(&["extract", "case.zip", "--out", "out", "--trust", "trusted.txt"])
        .success()
        .stdout(predicates::str::contains("TRUSTED"));
    let report: Value = serde_json::from_slice(&fs::read(f.path("out/custody-verify-report.json")).unwrap()).unwrap();
    assert_eq!(report["state"], "trusted");
    // A list without the sealer: the files come out (the bundle is intact), but exit 1 and
    // the report says the signer is not trusted.
    fs::write(f.path("empty.txt"), "# nobody\n").unwrap();
    f.run(&["extract", "case.zip", "--out", "out2", "--trust", "empty.txt"]).code(1).stderr(
        predicates::str::contains("NOT TRUSTED: trust.signer_unknown: ")
            .and(predicates::str::contains("is not in the trust list")),
    );
    let report: Value = serde_json::from_slice(&fs::read(f.path("out2/custody-verify-report.json")).unwrap()).unwrap();
    assert_eq!(report["state"], "not_trusted");
    assert!(report["checks"].to_string().contains("trust.signer_unknown"));
    // --tsa-roots is read (and must be a usable PEM file).
    fs::write(f.path("roots.pem"), "not a certificate\n").unwrap();
    f.run(&["extract", "case.zip", "--out", "out3", "--tsa-roots", "roots.pem"])
        .code(2)
        .stderr(predicates::str::contains("--tsa-roots roots.pem"));
    assert!(!f.path("out3").exists());
}

/// The regression of issue #13.3 at the command line: a damaged payload refuses, and leaves
/// neither the output directory nor any temporary file behind.
#[test]
fn a_damaged_payload_leaves_nothing_behind() {
    let f = Fx::new();
    let mut bytes = fs::read(f.path("case.zip")).unwrap();
    let a = custody_core::archive::Archive::open(Box::new(bytes.clone())).unwrap();
    let at = a.entry("data/item-1/cap/index.html").unwrap().data_offset as usize;
    bytes[at] ^= 1;
    fs::write(f.path("bad.zip"), bytes).unwrap();
    let before = f.tree(".");
    f.run(&["extract", "bad.zip", "--out", "out", "--jobs", "2"]).code(1);
    assert_eq!(f.tree("."), before, "nothing left behind");
}

/// One trust rule for verify, extract and receive (review of issue #13.6): a fingerprint-only
/// or partial line says a key is known, not whose it is, so it vouches for no one.
#[test]
fn a_trust_line_without_a_full_identity_vouches_for_no_one() {
    let f = Fx::new();
    f.run(&["trust", "add", "a.key.pub", "--file", "full.txt"]).success();
    let full = fs::read_to_string(f.path("full.txt")).unwrap();
    let line = full.lines().find(|l| l.starts_with("sha256:")).unwrap();
    let fp = line.split_whitespace().next().unwrap();
    fs::write(f.path("bare.txt"), format!("{fp}\n")).unwrap();
    fs::write(f.path("partial.txt"), format!("{fp} name=\"Alice Wang\" role=investigator\n")).unwrap();
    for (i, list) in ["bare.txt", "partial.txt"].iter().enumerate() {
        f.run(&["verify", "case.zip", "--trust", list, "--json"])
            .code(1)
            .stdout(predicates::str::contains("trust.identity_unlisted"))
            .stdout(predicates::str::contains("\"not_trusted\""));
        let out = format!("out{i}");
        f.run(&["extract", "case.zip", "--out", &out, "--trust", list]).code(1);
        let report: Value =
            serde_json::from_slice(&fs::read(f.path(&format!("{out}/custody-verify-report.json"))).unwrap()).unwrap();
        assert_eq!(report["state"], "not_trusted", "{list}");
        assert!(report["checks"].to_string().contains("trust.identity_unlisted"), "{list}");
        assert_eq!(report["signers"][0]["trusted"], false, "{list}");
    }
    // The second verifier applies the same rule.
    let py = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/verify_bundle.py");
    if std::process::Command::new("python3").arg("--version").output().is_ok() {
        for (list, code) in [("bare.txt", 1), ("full.txt", 0)] {
            let o = std::process::Command::new("python3")
                .arg(&py)
                .args(["--trust", list, "case.zip"])
                .current_dir(f.dir.path())
                .output()
                .unwrap();
            assert_eq!(o.status.code(), Some(code), "{list}: {}", String::from_utf8_lossy(&o.stdout));
        }
    }
}

/// A trust list or TSA roots file that is far too large says what it was meant to be, not
/// "a key file" (review of issue #13.6).
#[test]
fn an_oversized_option_file_says_what_it_should_have_been() {
    let f = Fx::new();
    f.run(&["verify", "case.zip", "--trust", "/dev/zero"])
        .code(2)
        .stderr(predicates::str::contains("this is not a trust list"))
        .stderr(predicates::str::contains("key file").not());
    f.run(&["verify", "case.zip", "--tsa-roots", "/dev/zero"])
        .code(2)
        .stderr(predicates::str::contains("this is not a TSA roots file"));
}

/// `trust add` on a fingerprint-only or partial line completes it (its fields agree), rather
/// than saying "nothing was changed" while receive keeps refusing (review of #13.6, point 6).
#[test]
fn trust_add_completes_a_line_without_a_full_identity() {
    let f = Fx::new();
    f.run(&["trust", "add", "a.key.pub", "--file", "full.txt"]).success();
    let full = fs::read_to_string(f.path("full.txt")).unwrap();
    let line = full.lines().find(|l| l.starts_with("sha256:")).unwrap().to_string();
    let fp = line.split_whitespace().next().unwrap().to_string();
    for partial in [fp.clone(), format!("{fp} role=investigator")] {
        fs::write(f.path("list.txt"), format!("# keep me\n{partial}\n# and me\n")).unwrap();
        f.run(&["trust", "add", "a.key.pub", "--file", "list.txt"])
            .success()
            .stdout(predicates::str::contains("Completed"));
        assert_eq!(fs::read_to_string(f.path("list.txt")).unwrap(), format!("# keep me\n{line}\n# and me\n"));
        f.run(&["verify", "case.zip", "--trust", "list.txt"]).success();
    }
    // A partial line that disagrees is refused and left as it was.
    let wrong = format!("{fp} name=\"Someone Else\"\n");
    fs::write(f.path("list.txt"), &wrong).unwrap();
    f.run(&["trust", "add", "a.key.pub", "--file", "list.txt"]).code(2);
    assert_eq!(fs::read_to_string(f.path("list.txt")).unwrap(), wrong);
}
