//! End-to-end tests of the `custody` command: what a user does, and what a tamperer does.

use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use custody_core::archive::{Archive, testing::ArchiveWriter};
use serde_json::Value;
use tempfile::TempDir;

fn custody() -> Command {
    let mut c = Command::cargo_bin("custody").unwrap();
    c.env("NO_COLOR", "1");
    c
}

struct Fixture {
    dir: TempDir,
}

impl Fixture {
    fn new() -> Self {
        let f = Fixture { dir: TempDir::new().unwrap() };
        f.keygen("alice", "Alice Wang", "City Police, Cyber Unit", "investigator", "CN");
        let cap = f.path("capture-01");
        fs::create_dir_all(cap.join("assets/img")).unwrap();
        fs::write(cap.join("index.html"), "<html><body>propaganda</body></html>\n").unwrap();
        fs::write(cap.join("assets/img/banner.png"), [0x89, b'P', b'N', b'G', 0, 1, 2, 3]).unwrap();
        fs::write(cap.join("assets/empty.txt"), "").unwrap();
        fs::write(f.path("video.mp4"), vec![0x42u8; 200_000]).unwrap();
        fs::write(f.path("page.html"), "<p>post</p>\n").unwrap();
        f
    }

    fn path(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
    }

    fn keygen(&self, who: &str, name: &str, org: &str, role: &str, jur: &str) {
        custody()
            .current_dir(self.dir.path())
            .args(["keygen", "--out", &format!("{who}.key"), "--name", name, "--org", org, "--role", role])
            .args(["--jurisdiction", jur])
            .assert()
            .success();
    }

    fn cmd(&self) -> Command {
        let mut c = custody();
        c.current_dir(self.dir.path());
        c
    }

    fn seal(&self, out: &str) -> PathBuf {
        self.cmd()
            .args(["seal", "--key", "alice.key", "--case-ref", "2026-CT-0412", "--out", out])
            .args(["capture-01/", "video.mp4", "page.html"])
            .assert()
            .success();
        self.path(out)
    }

    /// Runs `verify --format json` and returns (exit code, report).
    fn verify(&self, bundle: &Path, extra: &[&str]) -> (i32, Value) {
        let out = self.cmd().arg("verify").arg("--format").arg("json").args(extra).arg(bundle).output().unwrap();
        let code = out.status.code().unwrap();
        let report: Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("verify printed no JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)));
        (code, report)
    }
}

fn failures(report: &Value) -> Vec<String> {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["level"] == "fail")
        .map(|c| c["code"].as_str().unwrap().to_owned())
        .collect()
}

/// Asserts the bundle is invalid (exit 1) and that `code` is among the failures.
fn assert_invalid_with(f: &Fixture, bundle: &Path, code: &str) -> Value {
    let (exit, report) = f.verify(bundle, &[]);
    assert_eq!(exit, 1, "expected exit 1; report: {report:#}");
    assert_eq!(report["state"], "invalid");
    let fails = failures(&report);
    assert!(fails.iter().any(|c| c == code), "expected failure {code}, got {fails:?}");
    report
}

/// Rebuilds a bundle with edited entries, with correct CRCs: what a careful tamperer does.
fn rebuild(bundle: &Path, out: &Path, edit: impl FnOnce(&mut Vec<(String, Vec<u8>)>)) {
    let bytes = fs::read(bundle).unwrap();
    let a = Archive::open(Box::new(bytes)).unwrap();
    let mut entries: Vec<(String, Vec<u8>)> =
        a.entries().iter().map(|e| (e.name.to_owned(), a.read_entry(e, u64::MAX).unwrap())).collect();
    edit(&mut entries);
    let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), a.root());
    let t = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap();
    for (name, data) in &entries {
        w.add_bytes(name, t, data).unwrap();
    }
    fs::write(out, w.finish().unwrap().into_inner()).unwrap();
}

fn entry<'a>(entries: &'a mut [(String, Vec<u8>)], name: &str) -> &'a mut Vec<u8> {
    &mut entries.iter_mut().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no entry {name}")).1
}

/// Replaces the tag manifest line for `name` with the digest of its new contents, so that
/// only the signatures can notice the change.
fn refresh_tagmanifest(entries: &mut [(String, Vec<u8>)]) {
    let digests: Vec<(String, String)> = entries
        .iter()
        .filter(|(n, _)| !n.starts_with("data/") && n != "tagmanifest-sha256.txt")
        .map(|(n, d)| (n.clone(), custody_core::Sha256Digest::of(d).hex()))
        .collect();
    let mut text = String::new();
    let mut sorted = digests;
    sorted.sort();
    for (n, d) in sorted {
        text.push_str(&format!("{d}  {n}\n"));
    }
    *entry(entries, "tagmanifest-sha256.txt") = text.into_bytes();
}

fn seal_event(entries: &mut [(String, Vec<u8>)]) -> &mut Vec<u8> {
    entry(entries, "custody/events/000000-seal.json")
}

#[test]
fn seal_then_verify_is_intact_and_the_report_follows_its_schema() {
    let f = Fixture::new();
    let bundle = f.seal("case.zip");
    let (exit, report) = f.verify(&bundle, &[]);
    assert_eq!(exit, 0, "{report:#}");
    assert_eq!(report["state"], "intact");
    assert_eq!(report["case_reference"], "2026-CT-0412");
    assert_eq!(report["payload"]["items"], 3);
    assert_eq!(report["payload"]["files"], 5);
    assert_eq!(report["events"][0]["type"], "seal");
    assert!(failures(&report).is_empty());
    // Every payload file, with its item, size, SHA-256 and media type (issue #16.5).
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 5, "{report:#}");
    let page = files.iter().find(|f| f["path"] == "data/item-3/page.html").unwrap();
    assert_eq!(page["item"], "item-3");
    assert_eq!(page["size"], 12);
    assert_eq!(page["media_type"], "text/html");
    assert_eq!(page["sha256"], custody_core::Sha256Digest::of(b"<p>post</p>\n").hex());
    let video = files.iter().find(|f| f["path"] == "data/item-2/video.mp4").unwrap();
    assert_eq!(video["size"], 200_000);

    let schema: Value =
        serde_json::from_str(&fs::read_to_string("../../schemas/verify-report.schema.json").unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&report).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "report does not follow its schema: {errors:?}");

    // The readable report says the same.
    let out = f.cmd().args(["verify"]).arg(&bundle).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("State:   INTACT"), "{text}");
    assert!(text.contains("Alice Wang"), "{text}");
    assert!(!text.contains('\x1b'), "no colour when not on a terminal");
}

#[test]
fn documents_inside_a_bundle_follow_their_schemas() {
    let f = Fixture::new();
    let bundle = f.seal("case.zip");
    let a = Archive::open(Box::new(fs::read(&bundle).unwrap())).unwrap();
    for (doc, schema) in [("custody/manifest.json", "manifest"), ("custody/events/000000-seal.json", "event")] {
        let v: Value = serde_json::from_slice(&a.read_entry(a.entry(doc).unwrap(), 1 << 20).unwrap()).unwrap();
        let s: Value =
            serde_json::from_str(&fs::read_to_string(format!("../../schemas/{schema}.schema.json")).unwrap()).unwrap();
        let validator = jsonschema::validator_for(&s).unwrap();
        let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{doc}: {errors:?}");
    }
}

#[test]
fn a_changed_payload_byte_is_a_hash_mismatch() {
    let f = Fixture::new();
    let bundle = f.seal("case.zip");
    let bad = f.path("bad.zip");
    rebuild(&bundle, &bad, |e| entry(e, "data/item-2/video.mp4")[1000] ^= 1);
    let r = assert_invalid_with(&f, &bad, "payload.hash_mismatch");
    assert!(r["checks"].to_string().contains("data/item-2/video.mp4"));

    // Flipped in place, without fixing the CRC: both the digest and the CRC say so.
    let mut raw = fs::read(&bundle).unwrap();
    let a = Archive::open(Box::new(raw.clone())).unwrap();
    let at = a.entry("data/item-2/video.mp4").unwrap().data_offset as usize + 5;
    raw[at] ^= 0x80;
    fs::write(&bad, raw).unwrap();
    assert_invalid_with(&f, &bad, "payload.hash_mismatch");
    assert_invalid_with(&f, &bad, "archive.crc_mismatch");
}

#[test]
fn a_removed_payload_file_is_missing() {
    let f = Fixture::new();
    let bundle = f.seal("case.zip");
    let bad = f.path("bad.zip");
    rebuild(&bundle, &bad, |e| e.retain(|(n, _)| n != "data/item-3/page.html"));
    assert_invalid_with(&f, &bad, "payload.missing");
}

#[test]
fn an_added_file_is_reported() {
    let f = Fixture::new();
    let bundle = f.seal("case.zip");
    let bad = f.path("bad.zip");
    rebuild(&bundle, &bad, |e| e.push(("data/item-1/extra.txt".into(), b"planted".to_vec())));
    assert_invalid_with(&f, &bad, "archive.unlisted_file");

    // Added as a tag file and even listed in the tag manifest: still no signature covers it.
    rebuild(&bundle, &bad, |e| {
        e.push(("custody/notes.txt".into(), b"planted".to_vec()));
        refresh_tagmanifest(e);
    });
    assert_invalid_with(&f, &bad, "custody.unsigned_file");
}

#[test]
fn an_edited_manifest_breaks_the_seals_binding() {
    let f = Fixture::new();
    let bundle = f.seal("case.zip");
    let bad = f.path("bad.zip");
    rebuild(&bundle, &bad, |e| {
        let m = entry(e, "custody/manifest.json");
        let text = String::from_utf8(m.clone()).unwrap().replace("2026-CT-0412", "2026-CT-9999");
        *m = text.into_bytes();
        refresh_tagmanifest(e);
    });
    // Format 2: the manifest is not signed alone; the seal event binds its SHA-256, and
    // bag-info.txt, derived from it, no longer agrees.
    let r = assert_invalid_with(&f, &bad, "event.file_mismatch");
    assert!(failures(&r).contains(&"bagit.bag_info_mismatch".to_string()), "{r}");
}

#[test]
fn an_edited_event_breaks_its_signature() {
    let f = Fixture::new();
    let bundle = f.seal("case.zip");
    let bad = f.path("bad.zip");
    rebuild(&bundle, &bad, |e| {
        let ev = seal_event(e);
        let mut v: Value = serde_json::from_slice(ev).unwrap();
        v["time"] = Value::String("2020-01-01T00:00:00Z".into());
        *ev = serde_json::to_vec_pretty(&v).unwrap();
        refresh_tagmanifest(e);
    });
    assert_invalid_with(&f, &bad, "signature.invalid");
}

#[test]
fn a_signature_copied_from_another_bundle_does_not_verify() {
    let f = Fixture::new();
    let first = f.seal("first.zip");
    fs::write(f.path("page.html"), "<p>a different post</p>\n").unwrap();
    let second = f.seal("second.zip");
    let other = Archive::open(Box::new(fs::read(&second).unwrap())).unwrap();
    let other_sig = other.read_entry(other.entry("custody/events/000000-seal.json.sig").unwrap(), 64).unwrap();
    let bad = f.path("bad.zip");
    rebuild(&first, &bad, |e| {
        *entry(e, "custody/events/000000-seal.json.sig") = other_sig;
        refresh_tagmanifest(e);
    });
    assert_invalid_with(&f, &bad, "signature.invalid");
}

#[test]
fn trust_lists_decide_trusted_and_untrusted() {
    let f = Fixture::new();
    let bundle = f.seal("case.zip");
    f.keygen("bob", "Bob Martin", "Parquet de Paris", "prosecutor", "FR");

    // A list without Alice: intact but not trusted, exit 1.
    f.cmd().args(["trust", "add", "bob.key.pub", "--file", "trusted.txt"]).assert().success();
    let (exit, r) = f.verify(&bundle, &["--trust", "trusted.txt"]);
    assert_eq!(exit, 1);
    assert_eq!(r["state"], "not_trusted");
    assert_eq!(failures(&r), ["trust.signer_unknown"]);
    assert_eq!(r["signers"][0]["trusted"], false);

    // With Alice: trusted, exit 0.
    f.cmd().args(["trust", "add", "alice.key.pub", "--file", "trusted.txt"]).assert().success();
    let (exit, r) = f.verify(&bundle, &["--trust", "trusted.txt"]);
    assert_eq!(exit, 0, "{r:#}");
    assert_eq!(r["state"], "trusted");
    let listed = f.cmd().args(["trust", "list", "--file", "trusted.txt"]).output().unwrap();
    let listed = String::from_utf8(listed.stdout).unwrap();
    assert!(listed.contains("Alice Wang") && listed.contains("Bob Martin"), "{listed}");

    // Adding the same key twice changes nothing (issue #21.6: a note, exit 0).
    f.cmd().args(["trust", "add", "alice.key.pub", "--file", "trusted.txt"]).assert().success();

    // A trust list that names another holder for Alice's key: identity mismatch.
    let text = fs::read_to_string(f.path("trusted.txt")).unwrap().replace("Alice Wang", "Alicia Wong");
    fs::write(f.path("impostor.txt"), text).unwrap();
    let (exit, r) = f.verify(&bundle, &["--trust", "impostor.txt"]);
    assert_eq!(exit, 1);
    assert!(failures(&r).contains(&"trust.identity_mismatch".to_string()));

    // A revoked key (spec §10): the seal has no trusted time, so nothing proves it older
    // than the revocation: not trusted, exit 1, and the report says why; `trust list`
    // shows the revocation.
    let alice_line = |extra: &str| {
        let text = fs::read_to_string(f.path("trusted.txt")).unwrap();
        text.lines()
            .map(|l| if l.contains("Alice Wang") { format!("{l} {extra}") } else { l.to_owned() })
            .collect::<Vec<_>>()
            .join("\n")
    };
    fs::write(f.path("revoked.txt"), alice_line("revoked=2020-01-01T00:00:00Z")).unwrap();
    let (exit, r) = f.verify(&bundle, &["--trust", "revoked.txt"]);
    assert_eq!(exit, 1);
    assert_eq!(failures(&r), ["trust.key_revoked"]);
    let text = f.cmd().args(["verify", "--trust", "revoked.txt"]).arg(&bundle).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("revoked at 2020-01-01T00:00:00Z") && text.contains("no trusted time"), "{text}");
    let listed = f.cmd().args(["trust", "list", "--file", "revoked.txt"]).output().unwrap();
    assert!(String::from_utf8(listed.stdout).unwrap().contains("REVOKED at 2020-01-01T00:00:00Z"));
    // A validity period that ended before the seal.
    fs::write(f.path("expired.txt"), alice_line("valid_until=2000-01-01T00:00:00Z")).unwrap();
    let (exit, r) = f.verify(&bundle, &["--trust", "expired.txt"]);
    assert_eq!((exit, failures(&r)), (1, vec!["trust.key_not_valid".to_string()]));
    // A time that is not one: an error of the verifier's input, naming the line.
    fs::write(f.path("badtime.txt"), alice_line("revoked=yesterday")).unwrap();
    let out = f.cmd().args(["verify", "--trust", "badtime.txt"]).arg(&bundle).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("'revoked' is not a time"));

    // A broken trust list is an error (exit 2), not a verdict.
    fs::write(f.path("broken.txt"), "not a fingerprint\n").unwrap();
    f.cmd().args(["verify", "--trust", "broken.txt"]).arg(&bundle).assert().code(2);
}

/// Issue #19.2: a central authority signs its list of competent keys; a foreign verifier
/// imports it against the root key it pinned, and a later list's revocation takes effect.
#[test]
fn signed_trust_lists_travel_and_revoke() {
    let f = Fixture::new();
    let bundle = f.seal("case.zip");
    f.keygen("root", "Central Authority", "Ministry of Justice", "central_authority", "CN");
    f.keygen("other", "Someone Else", "Elsewhere", "central_authority", "CN");
    f.cmd().args(["trust", "add", "alice.key.pub", "--file", "issued.txt"]).assert().success();
    let issued = fs::read_to_string(f.path("issued.txt")).unwrap();

    // An undated list is refused by the signer: nobody could import it.
    let out = f.cmd().args(["trust", "sign", "issued.txt", "--key", "root.key"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("# issued: "), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!f.path("issued.txt.sig").exists());

    let v1 = format!("# issued: 2026-11-01T00:00:00Z\n{issued}");
    fs::write(f.path("list.txt"), &v1).unwrap();
    f.cmd().args(["trust", "sign", "list.txt", "--key", "root.key"]).assert().success();
    assert_eq!(fs::read(f.path("list.txt.sig")).unwrap().len(), 64);

    // Imported against the pinned root: Alice is trusted.
    let out = f
        .cmd()
        .args(["trust", "import", "list.txt", "--root", "root.key.pub", "--file", "mine.txt", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((j["added"].as_u64(), j["issued"].as_str()), (Some(1), Some("2026-11-01T00:00:00Z")));
    let (exit, r) = f.verify(&bundle, &["--trust", "mine.txt"]);
    assert_eq!((exit, r["state"].as_str()), (0, Some("trusted")));

    // Refused, with nothing changed: another root, a list changed after signing, a
    // signature that is not one.
    let refused = |args: &[&str], says: &str| {
        let before = fs::read(f.path("mine.txt")).unwrap();
        let out = f.cmd().args(["trust", "import"]).args(args).args(["--file", "mine.txt"]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(err.contains(says) && err.contains("nothing was imported"), "{args:?}: {err}");
        assert_eq!(fs::read(f.path("mine.txt")).unwrap(), before, "{args:?}");
    };
    refused(&["list.txt", "--root", "other.key.pub"], "does not verify with the root key");
    fs::write(f.path("forged.txt"), v1.replace("Alice Wang", "Mallory")).unwrap();
    refused(&["forged.txt", "--root", "root.key.pub", "--signature", "list.txt.sig"], "changed after it was signed");
    fs::write(f.path("short.sig"), b"abc").unwrap();
    refused(&["list.txt", "--root", "root.key.pub", "--signature", "short.sig"], "does not verify");
    let out = f
        .cmd()
        .args(["trust", "import", "missing.txt", "--root", "root.key.pub", "--file", "mine.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.txt: no such file"));

    // A later list revokes Alice's key: imported, her line is replaced, and the seal (no
    // trusted time) is no longer trusted.
    let v2 = format!(
        "# issued: 2026-12-01T00:00:00Z\n{}",
        issued.replace("jurisdiction=CN", "jurisdiction=CN revoked=2026-11-30T00:00:00Z")
    );
    fs::write(f.path("list2.txt"), &v2).unwrap();
    f.cmd().args(["trust", "sign", "list2.txt", "--key", "root.key"]).assert().success();
    let out = f
        .cmd()
        .args(["trust", "import", "list2.txt", "--root", "root.key.pub", "--file", "mine.txt"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 replaced"), "{}", String::from_utf8_lossy(&out.stdout));
    let (exit, r) = f.verify(&bundle, &["--trust", "mine.txt"]);
    assert_eq!((exit, failures(&r)), (1, vec!["trust.key_revoked".to_string()]));

    // Replaying the older list would undo the revocation: refused.
    refused(&["list.txt", "--root", "root.key.pub"], "before the one from the same root already imported");
}

#[test]
fn unicode_names_empty_files_and_deep_directories_round_trip() {
    let f = Fixture::new();
    let deep = f.path("証拠 évidence");
    let mut d = deep.clone();
    for part in ["a", "b", "c", "d", "e", "f"] {
        d = d.join(part);
    }
    fs::create_dir_all(&d).unwrap();
    fs::write(d.join("leaf — ملف.txt"), "deep").unwrap();
    fs::write(deep.join("empty"), "").unwrap();
    fs::write(deep.join("100% real.html"), "percent").unwrap();
    f.cmd()
        .args(["seal", "--key", "alice.key", "--case-ref", "Ω-1", "--out", "u.zip", "証拠 évidence"])
        .assert()
        .success();
    let (exit, r) = f.verify(&f.path("u.zip"), &[]);
    assert_eq!(exit, 0, "{r:#}");
    let a = Archive::open(Box::new(fs::read(f.path("u.zip")).unwrap())).unwrap();
    let names: Vec<&str> = a.entries().iter().map(|e| e.name).collect();
    assert!(names.contains(&"data/item-1/証拠 évidence/a/b/c/d/e/f/leaf — ملف.txt"), "{names:?}");
    assert!(names.contains(&"data/item-1/証拠 évidence/empty"));
    let m: Value =
        serde_json::from_slice(&a.read_entry(a.entry("custody/manifest.json").unwrap(), 1 << 20).unwrap()).unwrap();
    let files = m["items"][0]["files"].as_array().unwrap();
    let pct = files.iter().find(|f| f["original_name"] == "証拠 évidence/100% real.html").unwrap();
    assert_eq!(pct["path"], "data/item-1/証拠 évidence/100％ real.html", "no '%' in bundle paths");
    assert!(files.iter().any(|f| f["size"] == 0));
}

#[test]
fn capture_metadata_from_flags_and_sidecars() {
    let f = Fixture::new();
    fs::write(
        f.path("video.mp4.capture.json"),
        r#"{"source_url": "https://video.example/v/77", "captured_at": "2026-11-20T09:14:00+01:00", "tool": "yt-dlp 2026.10.01"}"#,
    )
    .unwrap();
    f.cmd()
        .args(["seal", "--key", "alice.key", "--case-ref", "C-1", "--out", "m.zip", "--note", "public channel"])
        .args(["video.mp4", "page.html"])
        .assert()
        .success();
    let a = Archive::open(Box::new(fs::read(f.path("m.zip")).unwrap())).unwrap();
    let m: Value =
        serde_json::from_slice(&a.read_entry(a.entry("custody/manifest.json").unwrap(), 1 << 20).unwrap()).unwrap();
    let video = &m["items"][0]["capture"];
    assert_eq!(video["source_url"], "https://video.example/v/77");
    assert_eq!(video["captured_at"], "2026-11-20T08:14:00Z", "converted to UTC");
    assert_eq!(video["note"], "public channel");
    assert_eq!(m["items"][1]["capture"]["note"], "public channel");
    assert!(m["items"][1]["capture"].get("source_url").is_none());

    // The same field from both places is ambiguous: refused.
    f.cmd()
        .args(["seal", "--key", "alice.key", "--case-ref", "C-1", "--out", "m2.zip", "--capture-tool", "x"])
        .arg("video.mp4")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("tool is given both in"))
        .stderr(predicates::str::contains("video.mp4.capture.json; keep one"));
    // A local time without a zone is refused.
    f.cmd()
        .args(["seal", "--key", "alice.key", "--case-ref", "C-1", "--out", "m3.zip"])
        .args(["--captured-at", "2026-11-20T09:14:00", "page.html"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no time zone"));
    assert!(!f.path("m2.zip").exists() && !f.path("m3.zip").exists());
}

/// No file is left behind: neither the output nor a temporary file.
fn assert_nothing_written(f: &Fixture, out: &str) {
    assert!(!f.path(out).exists(), "{out} must not exist");
    let leftovers: Vec<_> = fs::read_dir(f.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".custody-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn bad_input_at_seal_time_is_refused_and_leaves_nothing() {
    let f = Fixture::new();
    let seal = |args: &[&str], out: &str| {
        f.cmd().args(["seal", "--key", "alice.key", "--case-ref", "C-1", "--out", out]).args(args).assert().code(2)
    };
    seal(&["missing.mp4"], "x.zip").stderr(predicates::str::contains("missing.mp4"));
    assert_nothing_written(&f, "x.zip");

    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(f.path("video.mp4"), f.path("link.mp4")).unwrap();
        seal(&["link.mp4"], "x.zip").stderr(predicates::str::contains("symbolic link"));
        std::os::unix::fs::symlink(f.path("video.mp4"), f.path("capture-01/link.mp4")).unwrap();
        seal(&["capture-01"], "x.zip").stderr(predicates::str::contains("symbolic link"));
        fs::remove_file(f.path("capture-01/link.mp4")).unwrap();
        assert_nothing_written(&f, "x.zip");
    }

    seal(&["capture-01"], "capture-01/inside.zip").stderr(predicates::str::contains("inside"));
    assert!(!f.path("capture-01/inside.zip").exists());
    seal(&["page.html"], "page.html").stderr(predicates::str::contains("same file"));
    assert_eq!(fs::read_to_string(f.path("page.html")).unwrap(), "<p>post</p>\n", "the input is untouched");

    // An existing output is kept unless --force.
    fs::write(f.path("exists.zip"), "precious").unwrap();
    seal(&["page.html"], "exists.zip").stderr(predicates::str::contains("--force"));
    assert_eq!(fs::read_to_string(f.path("exists.zip")).unwrap(), "precious");
    f.cmd()
        .args(["seal", "--key", "alice.key", "--case-ref", "C-1", "--out", "exists.zip", "--force", "page.html"])
        .assert()
        .success();
    assert_eq!(f.verify(&f.path("exists.zip"), &[]).0, 0);

    // No inputs at all is a usage error.
    f.cmd().args(["seal", "--key", "alice.key", "--case-ref", "C-1", "--out", "y.zip"]).assert().code(2);
    fs::create_dir(f.path("empty-dir")).unwrap();
    seal(&["empty-dir"], "y.zip").stderr(predicates::str::contains("no files"));
    seal(&["page.html", "./page.html"], "y.zip").stderr(predicates::str::contains("twice"));
    assert_nothing_written(&f, "y.zip");
}

#[test]
fn key_mistakes_get_clear_errors() {
    let f = Fixture::new();
    let seal_with = |key: &str| {
        f.cmd().args(["seal", "--key", key, "--case-ref", "C-1", "--out", "k.zip", "page.html"]).assert().code(2)
    };
    seal_with("alice.key.pub").stderr(predicates::str::contains("public key"));
    seal_with("nokey").stderr(predicates::str::contains("nokey"));
    fs::write(f.path("junk.key"), "hello").unwrap();
    seal_with("junk.key").stderr(predicates::str::contains("not a key file"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::copy(f.path("alice.key"), f.path("open.key")).unwrap();
        fs::set_permissions(f.path("open.key"), fs::Permissions::from_mode(0o644)).unwrap();
        seal_with("open.key").stderr(predicates::str::contains("chmod 600"));
        let mode = fs::metadata(f.path("alice.key")).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    assert!(!f.path("k.zip").exists());
    // keygen never overwrites, and checks the identity it is given.
    let before = fs::read(f.path("alice.key")).unwrap();
    f.cmd()
        .args(["keygen", "--out", "alice.key", "--name", "X", "--org", "Y", "--role", "investigator"])
        .args(["--jurisdiction", "CN"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("already exists"));
    assert_eq!(fs::read(f.path("alice.key")).unwrap(), before);
    f.cmd()
        .args(["keygen", "--out", "z.key", "--name", "X", "--org", "Y", "--role", "investigator"])
        .args(["--jurisdiction", "UK"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("ISO 3166-1"));
    f.cmd()
        .args(["keygen", "--out", "z.key", "--name", "X", "--org", "Y", "--role", "sheriff", "--jurisdiction", "US"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("central_authority"));
}

#[test]
fn verify_tells_errors_from_verdicts() {
    let f = Fixture::new();
    f.cmd().args(["verify", "nothing-here.zip"]).assert().code(2).stderr(predicates::str::contains("nothing-here.zip"));
    fs::write(f.path("not-a-zip.zip"), "just text").unwrap();
    let (exit, r) = f.verify(&f.path("not-a-zip.zip"), &[]);
    assert_eq!(exit, 1);
    assert_eq!(failures(&r), ["bundle.not_a_bundle"]);
    f.cmd().args(["verify", "capture-01"]).assert().code(2);
}

#[test]
fn help_has_examples() {
    for sub in ["seal", "verify", "keygen"] {
        custody().args([sub, "--help"]).assert().success().stdout(predicates::str::contains("Example"));
    }
}

#[test]
fn bundle_text_cannot_inject_terminal_escapes() {
    let f = Fixture::new();
    let vector = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/event-format-escape.zip");
    let out = f.cmd().arg("verify").arg(&vector).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\x1b') && !text.contains('\u{202e}'), "raw escapes reached the terminal: {text:?}");
    assert!(text.contains("\\u{1b}"), "the escape is shown, visibly: {text}");
}

#[test]
fn case_references_with_stray_spaces_are_refused() {
    let f = Fixture::new();
    f.cmd()
        .args(["seal", "--key", "alice.key", "--case-ref", " 2026-CT-0412", "--out", "s.zip", "page.html"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("space"));
}

#[test]
fn passphrase_protected_keys() {
    use std::os::unix::fs::PermissionsExt;
    let f = Fixture::new();
    let secret_file = |name: &str, text: &str| {
        fs::write(f.path(name), text).unwrap();
        fs::set_permissions(f.path(name), fs::Permissions::from_mode(0o600)).unwrap();
    };
    secret_file("pass.txt", "correct horse battery\n");
    secret_file("wrong.txt", "incorrect\n");
    f.cmd()
        .env("CUSTODY_PASSPHRASE_FILE", "pass.txt")
        .args([
            "keygen",
            "--out",
            "enc.key",
            "--name",
            "Eve Kim",
            "--org",
            "Unit",
            "--role",
            "examiner",
            "--jurisdiction",
            "KR",
            "--passphrase",
        ])
        .assert()
        .success();
    let text = fs::read_to_string(f.path("enc.key")).unwrap();
    assert!(text.contains("BEGIN ENCRYPTED PRIVATE KEY") && !text.contains("BEGIN PRIVATE KEY"));
    let seal = |env: Option<(&str, &str)>, out: &str| {
        let mut c = f.cmd();
        if let Some((k, v)) = env {
            c.env(k, v);
        }
        c.args(["seal", "--key", "enc.key", "--case-ref", "P-1", "--out", out, "page.html"]).assert()
    };
    seal(Some(("CUSTODY_PASSPHRASE_FILE", "pass.txt")), "ok.zip").success();
    assert_eq!(f.verify(&f.path("ok.zip"), &[]).0, 0);
    seal(Some(("CUSTODY_PASSPHRASE", "correct horse battery")), "ok2.zip").success();
    seal(Some(("CUSTODY_PASSPHRASE_FILE", "wrong.txt")), "bad.zip")
        .code(2)
        .stderr(predicates::str::contains("passphrase is wrong"));
    seal(None, "bad.zip").code(2).stderr(predicates::str::contains("a passphrase is needed"));
    // A passphrase file other users can read is refused like a key file, naming the remedy.
    fs::write(f.path("open.txt"), "correct horse battery\n").unwrap();
    fs::set_permissions(f.path("open.txt"), fs::Permissions::from_mode(0o644)).unwrap();
    seal(Some(("CUSTODY_PASSPHRASE_FILE", "open.txt")), "bad.zip")
        .code(2)
        .stderr(predicates::str::contains("open.txt is readable by other users (mode 644)"))
        .stderr(predicates::str::contains("chmod 600 open.txt"));
    assert!(!f.path("bad.zip").exists());
    // OpenSSL reads it too (PBES2), when openssl is installed.
    if let Ok(out) = std::process::Command::new("openssl")
        .current_dir(f.dir.path())
        .args(["pkey", "-in", "enc.key", "-passin", "file:pass.txt", "-noout"])
        .output()
    {
        assert!(
            out.status.success(),
            "openssl cannot read the encrypted key: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // An empty passphrase is refused at keygen.
    secret_file("empty.txt", "\n");
    f.cmd()
        .env("CUSTODY_PASSPHRASE_FILE", "empty.txt")
        .args([
            "keygen",
            "--out",
            "e2.key",
            "--name",
            "E",
            "--org",
            "U",
            "--role",
            "examiner",
            "--jurisdiction",
            "KR",
            "--passphrase",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("empty"));
    assert!(!f.path("e2.key").exists());
}

#[test]
fn a_closed_output_pipe_is_not_a_crash() {
    let f = Fixture::new();
    let bundle = f.seal("case.zip");
    // Read one line, then close the pipe while custody still writes.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("custody"))
        .args(["verify", "--format", "json"])
        .arg(&bundle)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

/// Progress goes to stderr only on a terminal: in a pipe (scripts, CI, logs) the long
/// commands print nothing there when they succeed.
#[test]
fn no_progress_output_when_stderr_is_not_a_terminal() {
    let f = Fixture::new();
    f.keygen("bob", "Bob Roe", "Prosecutor's Office", "prosecutor", "CN");
    // Large enough that every command runs for several progress refresh periods.
    fs::write(f.path("large.bin"), vec![0x5au8; 96 << 20]).unwrap();
    let quiet = |args: &[&str]| {
        let out = f.cmd().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stderr.is_empty(), "{args:?} wrote to stderr: {}", String::from_utf8_lossy(&out.stderr));
    };
    quiet(&["seal", "--key", "alice.key", "--case-ref", "C-1", "--out", "b.zip", "large.bin"]);
    quiet(&["verify", "b.zip"]);
    quiet(&["transfer", "b.zip", "--key", "alice.key", "--to", "bob.key.pub", "--purpose", "review"]);
    quiet(&["receive", "b.zip", "--accept-untrusted", "--key", "bob.key"]);
    quiet(&["extract", "b.zip", "--out", "evidence"]);
    assert_eq!(fs::read(f.path("evidence/item-1/large.bin")).unwrap().len(), 96 << 20);
}
