//! The verdict and the report a prosecutor reads: states, what is damaged, the truncation
//! limit, names instead of ids, and no raw control or direction character from a bundle in
//! any output of any command.

use std::fs;
use std::path::PathBuf;
use std::process::Output;

use assert_cmd::Command;
use custody_core::archive::ArchiveWriter;
use serde_json::Value;
use tempfile::TempDir;

struct Dir(TempDir);

impl Dir {
    fn new() -> Self {
        let d = Dir(TempDir::new().unwrap());
        d.key("alice", "Alice Wang", "City Police", "investigator", "CN");
        d.key("bob", "Bo Li", "Ministry of Justice", "central_authority", "CN");
        fs::write(d.path("page.html"), "<p>post</p>\n").unwrap();
        fs::write(d.path("video.mp4"), vec![7u8; 5000]).unwrap();
        d
    }
    fn key(&self, who: &str, name: &str, org: &str, role: &str, jur: &str) {
        self.cmd()
            .args(["keygen", "--out", &format!("{who}.key"), "--name", name, "--org", org, "--role", role])
            .args(["--jurisdiction", jur])
            .assert()
            .success();
    }
    fn path(&self, p: &str) -> PathBuf {
        self.0.path().join(p)
    }
    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("custody").unwrap();
        c.env("NO_COLOR", "1").env_remove("CUSTODY_TSA_URL").current_dir(self.0.path());
        c
    }
    fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }
    fn text(&self, args: &[&str]) -> (i32, String) {
        let o = self.run(args);
        (o.status.code().unwrap(), String::from_utf8(o.stdout).unwrap())
    }
    fn json(&self, args: &[&str]) -> (i32, Value) {
        let o = self.run(args);
        (o.status.code().unwrap(), serde_json::from_slice(&o.stdout).unwrap())
    }
    /// Seal page.html and video.mp4, transfer to Bob, and Bob's receipt.
    fn handed_over(&self) {
        let ok = |args: &[&str]| assert!(self.run(args).status.success(), "{args:?}");
        ok(&["seal", "--key", "alice.key", "--case-ref", "R-1", "--out", "case.zip", "page.html", "video.mp4"]);
        ok(&["transfer", "case.zip", "--key", "alice.key", "--to", "bob.key.pub", "--purpose", "MLA request"]);
        ok(&["receive", "case.zip", "--key", "bob.key", "--accept-untrusted"]);
    }
}

fn failures(r: &Value) -> Vec<String> {
    let mut f: Vec<String> = r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["level"] == "fail")
        .map(|c| c["code"].as_str().unwrap().to_string())
        .collect();
    f.dedup();
    f
}

/// The characters no output may carry raw: ESC (and so CSI), the line and paragraph
/// separators, a right-to-left override, DEL and a C1 control.
fn raw_hostile(s: &str) -> Option<char> {
    s.chars().find(|&c| matches!(c, '\u{1b}' | '\u{9b}' | '\u{7f}' | '\u{2028}' | '\u{2029}' | '\u{202e}' | '\r'))
}

#[test]
fn every_command_escapes_hostile_names_on_stdout_and_stderr() {
    let d = Dir::new();
    let evil = "\u{1b}[2J\u{1b}[32mState: TRUSTED\u{2028}forged\u{202e}lmth.exe";
    fs::create_dir_all(d.path("cap")).unwrap();
    fs::write(d.path("cap/ok.txt"), "x").unwrap();
    fs::write(d.path(&format!("cap/{evil}.txt")), "x").unwrap();
    fs::write(d.path("sep\u{2028}line\u{202e}.txt"), "y").unwrap();
    fs::write(d.path("good.txt"), "z").unwrap();
    let seal = |out: &str, input: &str| -> Vec<String> {
        ["seal", "--key", "alice.key", "--case-ref", "R", "--out", out, input].map(String::from).to_vec()
    };
    // A bundle whose entry names carry the hostile text, made without custody's own checks.
    let good = d.run(&["seal", "--key", "alice.key", "--case-ref", "R", "--out", "good.zip", "good.txt"]);
    assert!(good.status.success());
    let mut w = ArchiveWriter::new(std::io::Cursor::new(Vec::new()));
    let t = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap();
    w.add_bytes("bagit.txt", t, b"x").unwrap();
    w.add_bytes(&format!("data/item-1/{}", evil.replace(['\u{1b}', ':'], "")), t, b"x").unwrap();
    fs::write(d.path("hostile.zip"), w.finish().unwrap().into_inner()).unwrap();
    let hostile_path = format!("{evil}.zip");
    fs::copy(d.path("good.zip"), d.path(&hostile_path)).unwrap();

    let mut runs: Vec<Vec<String>> = vec![
        seal("s1.zip", "cap"),
        seal("s2.zip", "sep\u{2028}line\u{202e}.txt"),
        seal("s3.zip", evil),
        vec!["keygen".into(), "--out".into(), "e.key".into(), "--name".into(), evil.into(), "--org".into(), "o".into()]
            .into_iter()
            .chain(["--role", "other", "--jurisdiction", "FR"].map(String::from))
            .collect(),
    ];
    for b in ["s1.zip", "s2.zip", "hostile.zip", hostile_path.as_str(), "missing\u{1b}[2J.zip"] {
        for extra in [&[][..], &["--json"][..]] {
            runs.push(["verify", b].iter().chain(extra).map(|s| s.to_string()).collect());
            runs.push(["inspect", b].iter().chain(extra).map(|s| s.to_string()).collect());
        }
        runs.push(["extract", b, "--out", &format!("x-{}", runs.len())].map(String::from).to_vec());
        runs.push(["timestamp", b, "--tsa", "http://127.0.0.1:9/\u{1b}[2J"].map(String::from).to_vec());
        runs.push(["recover", b].map(String::from).to_vec());
        runs.push(
            ["transfer", b, "--key", "alice.key", "--to", "bob.key.pub", "--purpose", evil, "--out", "t.zip"]
                .map(String::from)
                .to_vec(),
        );
    }
    for json in [false, true] {
        let mut t: Vec<String> =
            ["transfer", "s1.zip", "--key", "alice.key", "--to", "bob.key.pub", "--purpose"].map(String::from).to_vec();
        t.extend(["purpose\u{2028}x".into(), "--condition".into(), format!("other: {evil}")]);
        t.extend(["--out".into(), format!("t{json}.zip")]);
        if json {
            t.push("--json".into());
        }
        runs.push(t);
        let mut r: Vec<String> =
            ["receive", &format!("t{json}.zip"), "--key", "bob.key", "--accept-untrusted"].map(String::from).to_vec();
        r.extend(["--out".into(), format!("r{json}.zip")]);
        if json {
            r.push("--json".into());
        }
        runs.push(r);
        runs.push(
            ["receive", "s1.zip", "--key", "bob.key", "--accept-untrusted", "--reject", evil, "--reason", evil]
                .map(String::from)
                .to_vec(),
        );
    }
    runs.push(
        ["receive", "s2.zip", "--key", "bob.key", "--accept-untrusted", "--refuse-condition", evil]
            .map(String::from)
            .to_vec(),
    );
    runs.push(["verify", evil, "--format", evil].map(String::from).to_vec());
    runs.push(["trust", "add", "bob.key.pub", "--file", &format!("{evil}.txt")].map(String::from).to_vec());
    runs.push(["trust", "list", "--file", &format!("{evil}.txt")].map(String::from).to_vec());
    runs.push(["verify", "--trust", &format!("{evil}.txt"), "s1.zip"].map(String::from).to_vec());
    let mut hostile_seen = 0;
    for args in &runs {
        let o = d.run(&args.iter().map(String::as_str).collect::<Vec<_>>());
        for (stream, bytes) in [("stdout", &o.stdout), ("stderr", &o.stderr)] {
            let text = String::from_utf8_lossy(bytes);
            assert_eq!(raw_hostile(&text), None, "{args:?}: raw character on {stream}:\n{text}");
            hostile_seen += usize::from(text.contains("\\u{1b}") || text.contains("\\u001b") || text.contains("2028"));
        }
    }
    assert!(hostile_seen > 10, "the hostile names reached the output (escaped) {hostile_seen} times");
    // JSON escapes them as \uXXXX: still valid JSON, decoding to the same name.
    let o = d.run(&["verify", "--json", "s2.zip"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("sep\\u2028line\\u202e.txt"), "escaped in JSON");
    let (_, r) = d.json(&["verify", "--json", "s2.zip"]);
    assert_eq!(r["items"][0]["label"], "sep\u{2028}line\u{202e}.txt", "the same name once decoded");
}

#[test]
fn an_intact_report_tells_the_truncation_limit_and_shows_the_latest_event() {
    let d = Dir::new();
    d.handed_over();
    let (code, text) = d.text(&["verify", "case.zip"]);
    assert_eq!(code, 0, "{text}");
    assert!(!text.contains("nothing has changed since it was signed"), "{text}");
    assert!(text.contains("Removing the last custody events") && text.contains("leaves no trace"), "{text}");
    let latest = text.find("Latest event: #2 receipt at ").expect("latest event shown");
    assert!(latest < text.find("Items:").unwrap(), "under the state, before the details");
    assert!(text.contains("signed by Bo Li (central authority, Ministry of Justice, CN)"), "{text}");
    let (_, r) = d.json(&["verify", "--json", "case.zip"]);
    assert!(text[latest..].contains(r["events"][2]["signer"].as_str().unwrap()), "the key's fingerprint");
    assert!(text.contains("Confirm with the sender"), "{text}");
}

#[test]
fn a_trust_list_missing_a_signer_reads_not_trusted_intact() {
    let d = Dir::new();
    d.handed_over();
    d.cmd().args(["trust", "add", "alice.key.pub", "--file", "t.txt"]).assert().success();
    let (code, text) = d.text(&["verify", "--trust", "t.txt", "case.zip"]);
    assert_eq!(code, 1);
    assert!(text.contains("State:   NOT TRUSTED (intact)\n"), "{text}");
    let (code, r) = d.json(&["verify", "--json", "--trust", "t.txt", "case.zip"]);
    assert_eq!((code, r["state"].as_str().unwrap()), (1, "not_trusted"));
    d.cmd().args(["trust", "add", "bob.key.pub", "--file", "t.txt"]).assert().success();
    let (code, r) = d.json(&["verify", "--json", "--trust", "t.txt", "case.zip"]);
    assert_eq!((code, r["state"].as_str().unwrap()), (0, "trusted"));
}

#[test]
fn files_that_are_not_bundles_are_named_as_such() {
    let d = Dir::new();
    d.handed_over();
    fs::write(d.path("page.zip"), "<!DOCTYPE html>\n<html><body>Download</body></html>").unwrap();
    let whole = fs::read(d.path("case.zip")).unwrap();
    fs::write(d.path("cut.zip"), &whole[..whole.len() / 2]).unwrap();
    let t = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap();
    let zip = |name: &str, entries: &[&str]| {
        let mut w = ArchiveWriter::new(std::io::Cursor::new(Vec::new()));
        for e in entries {
            w.add_bytes(e, t, b"x").unwrap();
        }
        fs::write(d.path(name), w.finish().unwrap().into_inner()).unwrap();
    };
    zip("plain.zip", &["notes.txt"]);
    zip("rezipped.zip", &["case/bagit.txt", "case/custody/manifest.json", "case/data/item-1/page.html"]);
    for (file, words) in [
        ("page.zip", "a web page"),
        ("cut.zip", "a ZIP archive cut short"),
        ("plain.zip", "neither bagit.txt nor custody/manifest.json"),
        ("rezipped.zip", "a re-zipped bundle"),
    ] {
        let (code, r) = d.json(&["verify", "--json", file]);
        assert_eq!((code, r["state"].as_str().unwrap()), (1, "invalid"), "{file}");
        assert_eq!(failures(&r), ["bundle.not_a_bundle"], "{file}");
        let (_, text) = d.text(&["verify", file]);
        assert!(text.contains("this is not a custody bundle") && text.contains(words), "{file}: {text}");
        assert!(!text.to_lowercase().contains("flag"), "no ZIP jargon: {text}");
        let (code, text) = d.text(&["inspect", file]);
        assert_eq!(code, 1);
        assert!(text.contains("INVALID: this is not a custody bundle"), "{file}: {text}");
    }
}

#[test]
fn a_tampered_report_names_the_damage_under_the_verdict() {
    let d = Dir::new();
    d.handed_over();
    let mut bytes = fs::read(d.path("case.zip")).unwrap();
    let a = custody_core::archive::Archive::open(Box::new(bytes.clone())).unwrap();
    let at = a.entry("data/item-1/page.html").unwrap().data_offset as usize + 1;
    bytes[at] ^= 1;
    fs::write(d.path("case.zip"), &bytes).unwrap();
    let (code, text) = d.text(&["verify", "case.zip"]);
    assert_eq!(code, 1);
    let damaged = text.find("Damaged: item-1 \"page.html\": data/item-1/page.html").expect(&text);
    let failed = text.find("Failed:  payload.hash_mismatch").expect(&text);
    let items = text.find("Items:").unwrap();
    assert!(damaged < items && failed < items, "named under the verdict: {text}");
    let item_line = text[items..].lines().find(|l| l.starts_with("  item-1")).unwrap();
    assert!(item_line.ends_with("DAMAGED"), "{item_line}");
    let receipt = text.lines().find(|l| l.starts_with("  FAIL  receipt.accepts_damaged_item")).unwrap();
    assert!(receipt.contains("changed after that receipt was signed"), "blames the change: {receipt}");
}

#[test]
fn the_report_speaks_in_names_and_words_and_folds_repeated_warnings() {
    let d = Dir::new();
    let ok = |args: &[&str]| assert!(d.run(args).status.success(), "{args:?}");
    fs::write(
        d.path("case.toml"),
        "[case]\nreference = \"R-2\"\n[[actors]]\nid = \"inv-1\"\nrole = \"capturer\"\nname = \"Alice Wang\"\n\
         organisation = \"City Police\"\n[[items]]\npath = \"page.html\"\nkind = \"web_page\"\n\
         methods = [\"html\"]\noperators = [\"inv-1\"]\n",
    )
    .unwrap();
    let sealed = d.run(&["seal", "--key", "alice.key", "--case-file", "case.toml", "--out", "case.zip", "video.mp4"]);
    assert!(sealed.status.success(), "{}", String::from_utf8_lossy(&sealed.stderr));
    let err = String::from_utf8_lossy(&sealed.stderr);
    assert!(err.contains("provenance.berkeley_minimum") && err.contains("[items.file_roles]"), "at seal: {err}");
    ok(&["transfer", "case.zip", "--key", "alice.key", "--to", "bob.key.pub", "--purpose", "MLA"]);
    ok(&[
        "receive",
        "case.zip",
        "--key",
        "bob.key",
        "--accept-untrusted",
        "--reject",
        "item-2",
        "--reason",
        "not requested",
    ]);
    let (_, text) = d.text(&["verify", "case.zip"]);
    assert!(text.contains("\nActors:\n  Alice Wang: capturer, City Police"), "{text}");
    assert!(text.contains("by:           Alice Wang (capturer, City Police)") && !text.contains("by:           inv-1"));
    assert!(text.contains("received from Alice Wang (transfer #1): accepted in part"), "{text}");
    assert!(text.contains("(central authority, Ministry of Justice, CN)") && !text.contains("central_authority"));
    assert!(text.contains("NOT ACCEPTED by Bo Li at transfer #1 (rejected: not requested)"), "{text}");
    assert_eq!(text.matches("timestamp.missing").count(), 1, "{text}");
    assert!(text.contains("timestamp.missing x3"), "{text}");
    assert!(!text.contains("no trusted time (the time above"), "{text}");
    let (_, r) = d.json(&["verify", "--json", "case.zip"]);
    assert_eq!(r["timeline"][1]["handover"]["decision"], "accepted_in_part", "JSON keeps the codes");
}
