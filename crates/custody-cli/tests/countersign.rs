//! Statements end to end: `custody countersign` in both modes (the author holds custody and
//! appends at once; the author does not, and writes a package that the custodian adds with
//! `custody add`), what the report then shows, the JSON outputs against their schemas, the
//! refusals (nothing written), and hostile names and texts escaped on stdout and stderr.

use std::fs;

use crate::common::{Scratch, validate};
use serde_json::Value;

struct Dir(Scratch);

impl std::ops::Deref for Dir {
    type Target = Scratch;
    fn deref(&self) -> &Scratch {
        &self.0
    }
}

impl Dir {
    /// Alice (investigator) seals case.zip; Wei (a notary, witness) and Bo (prosecutor) have keys.
    fn new() -> Self {
        let d = Dir(Scratch::new());
        for (who, name, org, role) in [
            ("alice", "Alice Wang", "City Police", "investigator"),
            ("wei", "Wei Zhang", "Xuhui Notary Office", "witness"),
            ("bob", "Bo Li", "City Procuratorate", "prosecutor"),
        ] {
            let args = ["keygen", "--out", &format!("{who}.key"), "--name", name, "--org", org, "--role", role];
            d.ok(&[&args[..], &["--jurisdiction", "CN"]].concat());
        }
        fs::write(d.path("page.html"), "<p>x</p>\n").unwrap();
        d.ok(&["seal", "--key", "alice.key", "--case-ref", "C-1", "--out", "case.zip", "page.html"]);
        d
    }
    fn report(&self, bundle: &str) -> Value {
        let o = self.run(&["verify", "--format", "json", bundle]);
        serde_json::from_slice(&o.stdout).unwrap()
    }
}

fn failures(r: &Value) -> Vec<&str> {
    r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["level"] == "fail")
        .map(|c| c["code"].as_str().unwrap())
        .collect()
}

#[test]
fn a_witness_package_added_by_the_custodian_and_the_custodians_own_countersignature() {
    let d = Dir::new();
    // Wei does not hold custody: a package, and the bundle is untouched.
    let before = fs::read(d.path("case.zip")).unwrap();
    let args = ["countersign", "case.zip", "--key", "wei.key", "--event", "0", "--capacity", "witness"];
    let more = ["--statement", "I watched the capture.", "--language", "en", "--package", "wei.custody-statement"];
    let out = d.ok(&[&args[..], &more[..]].concat());
    assert!(out.contains("custody add case.zip --key THEIR.key wei.custody-statement"), "{out}");
    assert!(out.contains("Alice Wang"), "names the custodian: {out}");
    assert_eq!(fs::read(d.path("case.zip")).unwrap(), before, "a package leaves the bundle untouched");
    // Alice adds it; then countersigns herself as second investigator (directly).
    let out = d.ok(&["add", "case.zip", "--key", "alice.key", "wei.custody-statement"]);
    assert!(out.contains("added as event #1"), "{out}");
    // Added twice, it would show as two countersignatures: refused, nothing written.
    let once = fs::read(d.path("case.zip")).unwrap();
    let e = d.refused(&["add", "case.zip", "--key", "alice.key", "wei.custody-statement"], "already in this bundle");
    assert!(e.contains("carried by event #1"), "{e}");
    assert_eq!(fs::read(d.path("case.zip")).unwrap(), once);
    let out =
        d.ok(&["countersign", "case.zip", "--key", "alice.key", "--event", "0", "--capacity", "second-investigator"]);
    assert!(out.contains("recorded as event #2"), "{out}");
    let r = d.report("case.zip");
    assert_eq!(r["state"], "intact", "{r:#}");
    let e1 = &r["events"][1];
    assert_eq!(e1["type"], "countersign");
    assert_eq!(e1["summary"], "witness Wei Zhang (Xuhui Notary Office) countersigned event 0, added by Alice Wang");
    assert_eq!(e1["statement"]["capacity"], "witness");
    assert_eq!(e1["statement"]["concerns"], serde_json::json!([0]));
    assert_eq!(e1["statement"]["text"], "I watched the capture.");
    let warned: Vec<&str> = r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["level"] == "warn")
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    assert!(warned.contains(&"countersign.by_own_signer"), "Alice countersigned her own seal: {warned:?}");
    let inspected = d.ok(&["inspect", "case.zip"]);
    assert!(inspected.contains("statement by Wei Zhang (witness), key sha256:"), "{inspected}");
    assert!(inspected.contains("\"I watched the capture.\""), "{inspected}");
    let text = d.ok(&["verify", "case.zip"]);
    assert!(
        text.contains("witness Wei Zhang (Xuhui Notary Office) countersigned event 0, added by Alice Wang"),
        "{text}"
    );
}

/// A countersigner's copy may be read-only (a disc, a shared folder): a package needs no
/// write access to the bundle.
#[test]
fn a_read_only_copy_can_be_countersigned() {
    let d = Dir::new();
    fs::copy(d.path("case.zip"), d.path("ro.zip")).unwrap();
    let mut perms = fs::metadata(d.path("ro.zip")).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(d.path("ro.zip"), perms).unwrap();
    let out = d.ok(&["countersign", "ro.zip", "--key", "wei.key", "--event", "0", "--capacity", "witness"]);
    assert!(out.contains(".custody-statement"), "{out}");
    let pkg = fs::read_dir(d.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .find(|n| n.starts_with("ro-") && n.ends_with(".custody-statement"))
        .expect("the package beside the bundle");
    d.ok(&["add", "case.zip", "--key", "alice.key", &pkg]);
    assert_eq!(d.report("case.zip")["state"], "intact");
}

#[test]
fn the_json_outputs_match_their_schemas() {
    let d = Dir::new();
    let args = ["countersign", "case.zip", "--key", "wei.key", "--event", "0", "--capacity", "witness", "--json"];
    let o = d.run(&[&args[..], &["--package", "w.custody-statement"]].concat());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    validate("countersign.schema.json", &doc);
    assert_eq!((doc["outcome"].as_str(), doc["sequence"].is_null()), (Some("package"), true));
    assert_eq!(doc["custodian"]["name"], "Alice Wang");
    let o = d.run(&["add", "case.zip", "--key", "alice.key", "w.custody-statement", "--json", "--out", "added.zip"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    validate("add.schema.json", &doc);
    assert_eq!(doc["added"][0]["sequence"], 1);
    assert_eq!(doc["added"][0]["statement"], "custody/statements/000001-countersign.json");
    let args = ["countersign", "added.zip", "--key", "alice.key", "--event", "1", "--capacity", "custodian", "--json"];
    let o = d.run(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    validate("countersign.schema.json", &doc);
    assert_eq!((doc["outcome"].as_str(), doc["sequence"].as_u64()), (Some("appended"), Some(2)));
    let r = d.report("added.zip");
    validate("verify-report.schema.json", &r);
    assert!(failures(&r).is_empty(), "{r:#}");
}

#[test]
fn refusals_name_the_problem_and_write_nothing() {
    let d = Dir::new();
    let before = fs::read(d.path("case.zip")).unwrap();
    d.refused(&["countersign", "case.zip", "--key", "wei.key", "--event", "5", "--capacity", "witness"], "no event 5");
    d.refused(&["countersign", "case.zip", "--key", "wei.key", "--event", "0", "--capacity", "witnes"], "witness");
    let long = "x".repeat(4001);
    let args = ["countersign", "case.zip", "--key", "wei.key", "--event", "0", "--capacity", "witness"];
    d.refused(&[&args[..], &["--statement", &long]].concat(), "4000");
    assert_eq!(fs::read(d.path("case.zip")).unwrap(), before);
    d.ok(&[&args[..], &["--package", "w.custody-statement"]].concat());
    // Only the custodian adds.
    d.refused(&["add", "case.zip", "--key", "bob.key", "w.custody-statement"], "only the current custodian");
    // A package about another bundle.
    d.ok(&["seal", "--key", "alice.key", "--case-ref", "C-2", "--out", "other.zip", "page.html"]);
    let other = fs::read(d.path("other.zip")).unwrap();
    d.refused(&["add", "other.zip", "--key", "alice.key", "w.custody-statement"], "not this one");
    // A good package then one about another bundle: neither is added.
    let args = ["countersign", "other.zip", "--key", "wei.key", "--event", "0", "--capacity", "witness"];
    d.ok(&[&args[..], &["--package", "o.custody-statement"]].concat());
    d.refused(&["add", "case.zip", "--key", "alice.key", "w.custody-statement", "o.custody-statement"], "not this one");
    // A package whose statement was changed, and a file that is not a package.
    let mut pkg = fs::read(d.path("w.custody-statement")).unwrap();
    let at = pkg.windows(7).position(|w| w == b"witness").unwrap();
    pkg[at..at + 7].copy_from_slice(b"examine");
    fs::write(d.path("bad.custody-statement"), &pkg).unwrap();
    d.refused(&["add", "case.zip", "--key", "alice.key", "bad.custody-statement"], "not a usable statement package");
    fs::write(d.path("junk.custody-statement"), b"not a zip").unwrap();
    d.refused(&["add", "case.zip", "--key", "alice.key", "w.custody-statement", "junk.custody-statement"], "junk");
    assert_eq!(fs::read(d.path("case.zip")).unwrap(), before, "nothing written when any package fails");
    assert_eq!(fs::read(d.path("other.zip")).unwrap(), other);
    // A bundle whose custody documents do not verify (its manifest edited) is not
    // countersigned (the payload is not re-hashed: the cost does not grow with the evidence).
    let mut bad = fs::read(d.path("other.zip")).unwrap();
    let at = bad.windows(5).position(|w| w == b"\"C-2\"").unwrap();
    bad[at + 3] = b'3';
    fs::write(d.path("bad.zip"), &bad).unwrap();
    d.refused(
        &["countersign", "bad.zip", "--key", "wei.key", "--event", "0", "--capacity", "witness"],
        "cannot be given a statement",
    );
    // While a transfer is pending the custodian may not add.
    d.ok(&["transfer", "case.zip", "--key", "alice.key", "--to", "bob.key.pub", "--purpose", "review"]);
    d.refused(&["add", "case.zip", "--key", "alice.key", "w.custody-statement"], "no receipt yet");
    d.refused(
        &["countersign", "case.zip", "--key", "alice.key", "--event", "0", "--capacity", "custodian"],
        "no receipt yet",
    );
}

/// The characters no output may carry raw.
fn raw_hostile(s: &str) -> Option<char> {
    s.chars()
        .find(|&c| matches!(c, '\u{1b}' | '\u{9b}' | '\u{85}' | '\u{7f}' | '\u{2028}' | '\u{2029}' | '\u{202e}' | '\r'))
}

#[test]
fn hostile_names_and_texts_are_escaped_on_stdout_and_stderr() {
    let d = Dir::new();
    let evil = "\u{1b}[2J\u{1b}[32mState: TRUSTED\u{2028}forged\u{202e}lmth.exe";
    fs::copy(d.path("case.zip"), d.path(&format!("{evil}.zip"))).unwrap();
    let bundle = format!("{evil}.zip");
    let pkg = format!("{evil}.custody-statement");
    let mut runs: Vec<Vec<String>> = Vec::new();
    for json in [&[][..], &["--json"][..]] {
        for (key, place) in [("wei.key", "Shanghai"), ("wei.key", evil), ("alice.key", evil)] {
            let mut a: Vec<String> = ["countersign", &bundle, "--key", key, "--event", "0", "--capacity", "witness"]
                .map(String::from)
                .to_vec();
            a.extend(["--place".into(), place.into(), "--statement".into(), format!("a\n{evil}")]);
            a.extend(json.iter().map(|s| s.to_string()));
            runs.push(a);
        }
        let mut a: Vec<String> =
            ["countersign", &bundle, "--key", "wei.key", "--event", "0", "--capacity", evil].map(String::from).to_vec();
        a.extend(json.iter().map(|s| s.to_string()));
        runs.push(a);
        let mut a: Vec<String> = ["countersign", &bundle, "--key", "wei.key", "--event", "0", "--capacity", "witness"]
            .map(String::from)
            .to_vec();
        a.extend(["--package".into(), pkg.clone()]);
        a.extend(json.iter().map(|s| s.to_string()));
        runs.push(a);
        let mut a: Vec<String> = ["add", &bundle, "--key", "alice.key", &pkg].map(String::from).to_vec();
        a.extend(json.iter().map(|s| s.to_string()));
        runs.push(a);
        let mut a: Vec<String> =
            ["add", &bundle, "--key", "alice.key", "missing\u{1b}[2J.custody-statement"].map(String::from).to_vec();
        a.extend(json.iter().map(|s| s.to_string()));
        runs.push(a);
        let mut a: Vec<String> = ["verify", &bundle].map(String::from).to_vec();
        a.extend(json.iter().map(|s| s.to_string()));
        runs.push(a);
    }
    let mut seen = 0;
    for args in &runs {
        let o = d.run(&args.iter().map(String::as_str).collect::<Vec<_>>());
        for (stream, bytes) in [("stdout", &o.stdout), ("stderr", &o.stderr)] {
            let text = String::from_utf8_lossy(bytes);
            assert_eq!(raw_hostile(&text), None, "{args:?}: raw character on {stream}:\n{text}");
            seen += usize::from(text.contains("\\u{1b}") || text.contains("\\u001b") || text.contains("2028"));
        }
    }
    assert!(seen > 5, "the hostile names reached the output (escaped) {seen} times");
}

/// Moves the central-directory record of the tag manifest to the front (spec §2.2 allows any
/// order; another writer may list it first). Same records, same size: the end record holds.
fn tag_manifest_listed_first(zip: &mut [u8]) {
    let u16_at = |b: &[u8], i: usize| usize::from(u16::from_le_bytes([b[i], b[i + 1]]));
    let u32_at = |b: &[u8], i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as usize;
    let eocd = zip.windows(4).rposition(|w| w == b"PK\x05\x06").unwrap();
    let (cd, cd_len) = (u32_at(zip, eocd + 16), u32_at(zip, eocd + 12));
    let mut records: Vec<Vec<u8>> = Vec::new();
    let mut at = cd;
    while at < cd + cd_len {
        let len = 46 + u16_at(zip, at + 28) + u16_at(zip, at + 30) + u16_at(zip, at + 32);
        records.push(zip[at..at + len].to_vec());
        at += len;
    }
    let tag = records.iter().position(|r| r[46..].starts_with(b"custody-") && r.ends_with(b"tagmanifest-sha256.txt"));
    let tag = records.remove(tag.unwrap());
    records.insert(0, tag);
    zip[cd..cd + cd_len].copy_from_slice(&records.concat());
}

/// Review of #22 step 1: an append in place to a bundle whose central directory lists the
/// tag manifest first wrote broken names and reported success. It must append soundly.
#[test]
fn an_append_to_a_bundle_listing_its_tag_manifest_first_keeps_it_intact() {
    let d = Dir::new();
    let mut zip = fs::read(d.path("case.zip")).unwrap();
    tag_manifest_listed_first(&mut zip);
    fs::write(d.path("case.zip"), &zip).unwrap();
    assert!(failures(&d.report("case.zip")).is_empty(), "{}", d.report("case.zip"));
    let before = fs::read(d.path("case.zip")).unwrap();
    d.ok(&["countersign", "case.zip", "--key", "alice.key", "--event", "0", "--capacity", "second-investigator"]);
    assert_ne!(fs::read(d.path("case.zip")).unwrap(), before, "appended in place");
    let r = d.report("case.zip");
    assert!(failures(&r).is_empty(), "{r:#}");
    assert_eq!(r["events"].as_array().unwrap().len(), 2, "{r:#}");
}
