//! Attached documents end to end: `custody attach` in both modes (the author holds custody and
//! appends at once; the author does not, and writes a package with the files that the
//! custodian adds with `custody add`), what verify, inspect and extract then show, the JSON
//! output against its schema, and the refusals (hostile file names, a bundle that does not
//! verify, a package whose file was changed), with nothing written.

use std::fs;
use std::path::PathBuf;

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
    /// Alice (investigator) seals case.zip; Wei (a translator) and Bo (prosecutor) have keys.
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
        fs::write(d.path("request.pdf"), b"%PDF-1.7 the MLA request\n").unwrap();
        fs::write(d.path("annex 1.txt"), b"Annex 1\n").unwrap();
        fs::write(d.path("request-zh.txt"), "译文\n".as_bytes()).unwrap();
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

const MLA: [&str; 12] = [
    "attach",
    "case.zip",
    "--key",
    "alice.key",
    "--kind",
    "mla_request",
    "--ref",
    "MLA-2026-0117",
    "--language",
    "en",
    "--date",
    "2026-11-18",
];

#[test]
fn a_translation_package_added_by_the_custodian_and_the_custodians_own_request() {
    let d = Dir::new();
    // Wei does not hold custody: a package with the file; the bundle is untouched.
    let before = fs::read(d.path("case.zip")).unwrap();
    let args = ["attach", "case.zip", "--key", "wei.key", "--kind", "translation", "--ref", "MLA-2026-0117"];
    let more = ["--language", "zh-CN", "--date", "2026-11-19", "--capacity", "translator", "request-zh.txt"];
    let out = d.ok(&[&args[..], &more, &["--package", "wei.custody-statement"]].concat());
    assert!(out.contains("custody add case.zip --key THEIR.key"), "{out}");
    assert_eq!(fs::read(d.path("case.zip")).unwrap(), before);
    d.ok(&["add", "case.zip", "--key", "alice.key", "wei.custody-statement"]);
    // Alice holds custody: appended at once, two files.
    let out =
        d.ok(&[&MLA[..], &["--capacity", "investigator", "--title", "Request", "request.pdf", "annex 1.txt"]].concat());
    assert!(out.contains("attached as event #2"), "{out}");
    assert!(out.contains("custody/attachments/000002/annex 1.txt"), "{out}");
    let r = d.report("case.zip");
    validate("verify-report.schema.json", &r);
    assert_eq!(r["state"], "intact", "{r:#}");
    let ev = &r["events"][1];
    assert_eq!(ev["type"], "document");
    assert!(ev["summary"].as_str().unwrap().contains("translator Wei Zhang (Xuhui Notary Office) attached a document"));
    assert_eq!(ev["statement"]["document"]["kind"], "translation");
    assert_eq!(ev["statement"]["document"]["date"], "2026-11-19");
    assert_eq!(ev["statement"]["files"][0]["path"], "custody/attachments/000001/request-zh.txt");
    assert_eq!(ev["statement"]["files"][0]["size"], "译文\n".len());
    assert_eq!(r["events"][2]["statement"]["files"].as_array().unwrap().len(), 2);
    // The text report shows who attached what, with the files and their sizes.
    let text = d.ok(&["verify", "case.zip"]);
    assert!(text.contains("investigator Alice Wang (City Police) attached a document: mla request"), "{text}");
    assert!(text.contains("file custody/attachments/000002/request.pdf (25 bytes)"), "{text}");
    // Tampering with an attached file is found.
    let mut bytes = fs::read(d.path("case.zip")).unwrap();
    let at = bytes.windows(12).position(|w| w == b"the MLA requ").unwrap();
    bytes[at] = b'T';
    fs::write(d.path("tampered.zip"), &bytes).unwrap();
    let r = d.report("tampered.zip");
    assert!(failures(&r).contains(&"archive.crc_mismatch") || failures(&r).contains(&"attachment.hash_mismatch"));
    // Extract writes the evidence and, under custody-attachments/NNNNNN/, the attached files
    // (spec §5.8), each checked against its statement; no other tag file.
    let out = d.ok(&["extract", "case.zip", "--out", "x"]);
    assert!(out.contains("3 attached file(s)"), "{out}");
    let found: Vec<_> = walk(&d.path("x")).into_iter().map(|p| fs::read(p).unwrap()).collect();
    assert!(found.contains(&b"<p>x</p>\n".to_vec()), "the evidence extracted");
    assert_eq!(fs::read(d.path("x/custody-attachments/000002/request.pdf")).unwrap(), b"%PDF-1.7 the MLA request\n");
    assert_eq!(fs::read(d.path("x/custody-attachments/000001/request-zh.txt")).unwrap(), "译文\n".as_bytes());
    assert!(!d.path("x/custody").exists(), "no tag file is extracted");
    let j: Value = serde_json::from_str(&d.ok(&["extract", "case.zip", "--out", "y", "--json"])).unwrap();
    assert_eq!(j["attachments"], 3);
    // inspect shows the documents too.
    let text = d.ok(&["inspect", "case.zip"]);
    assert!(text.contains("MLA-2026-0117"), "{text}");
}

fn walk(p: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(p).unwrap() {
        let e = e.unwrap().path();
        if e.is_dir() { out.extend(walk(&e)) } else { out.push(e) }
    }
    out
}

#[test]
fn the_json_output_matches_its_schema() {
    let d = Dir::new();
    let o = d.run(&[&MLA[..], &["--capacity", "investigator", "--json", "--out", "new.zip", "request.pdf"]].concat());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    validate("attach.schema.json", &doc);
    assert_eq!((doc["outcome"].as_str(), doc["sequence"].as_u64()), (Some("appended"), Some(1)));
    assert_eq!(doc["files"][0], "custody/attachments/000001/request.pdf");
    assert_eq!(doc["statement"]["document"]["files"][0]["size"], 25);
    let args = ["attach", "new.zip", "--key", "bob.key", "--kind", "order", "--ref", "O-1", "--language", "en"];
    let o =
        d.run(&[&args[..], &["--date", "2026-11-20", "--capacity", "prosecutor", "--json", "request.pdf"]].concat());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    validate("attach.schema.json", &doc);
    assert_eq!((doc["outcome"].as_str(), doc["files"].as_array().map(Vec::len)), (Some("package"), Some(0)));
}

#[test]
fn refusals_name_the_problem_and_write_nothing() {
    let d = Dir::new();
    let before = fs::read(d.path("case.zip")).unwrap();
    let inv = ["--capacity", "investigator"];
    // Hostile file names: a control character (escaped in the message), a Windows device name,
    // a trailing dot.
    fs::write(d.path("evil\u{1b}[2J.pdf"), b"x").unwrap();
    let err = d.refused(&[&MLA[..], &inv, &["evil\u{1b}[2J.pdf"]].concat(), "control character");
    assert!(!err.contains('\u{1b}'), "escaped: {err:?}");
    fs::write(d.path("CON.pdf"), b"x").unwrap();
    d.refused(&[&MLA[..], &inv, &["CON.pdf"]].concat(), "device name");
    fs::write(d.path("dot."), b"x").unwrap();
    d.refused(&[&MLA[..], &inv, &["dot."]].concat(), "ends with a dot");
    // The same name twice, a bad date, kind or capacity, a missing file.
    d.refused(&[&MLA[..], &inv, &["request.pdf", "./request.pdf"]].concat(), "each name once");
    let mut bad_date = MLA;
    bad_date[11] = "2026-02-30";
    d.refused(&[&bad_date[..], &inv, &["request.pdf"]].concat(), "calendar date");
    let mut bad_kind = MLA;
    bad_kind[5] = "mla";
    d.refused(&[&bad_kind[..], &inv, &["request.pdf"]].concat(), "mla_request");
    d.refused(&[&MLA[..], &["--capacity", "boss", "request.pdf"]].concat(), "capacity");
    d.refused(&[&MLA[..], &inv, &["nowhere.pdf"]].concat(), "nowhere.pdf");
    assert_eq!(fs::read(d.path("case.zip")).unwrap(), before);
    // A bundle whose custody documents do not verify gets no document.
    let mut bad = before.clone();
    let at = bad.windows(5).position(|w| w == b"\"C-1\"").unwrap();
    bad[at + 3] = b'3';
    fs::write(d.path("bad.zip"), &bad).unwrap();
    let mut on_bad = MLA;
    on_bad[1] = "bad.zip";
    d.refused(&[&on_bad[..], &inv, &["request.pdf"]].concat(), "cannot be given a statement");
    // A package whose attached file was changed after signing is refused by add.
    let args = ["attach", "case.zip", "--key", "wei.key", "--kind", "translation", "--ref", "R", "--language", "zh"];
    d.ok(&[
        &args[..],
        &["--date", "2026-11-19", "--capacity", "translator", "--package", "w.custody-statement"],
        &["request-zh.txt"],
    ]
    .concat());
    let p = custody_core::handover::package::read_package(&d.path("w.custody-statement")).unwrap();
    let mut changed = p.clone();
    changed.attachments[0].1 = custody_core::append::Content::Bytes(b"another text\n".to_vec());
    let bytes = custody_core::handover::package::package_bytes(&changed).unwrap();
    fs::write(d.path("changed.custody-statement"), bytes).unwrap();
    d.refused(&["add", "case.zip", "--key", "alice.key", "changed.custody-statement"], "was changed");
    let mut dropped = p;
    dropped.attachments.clear();
    fs::write(d.path("dropped.custody-statement"), custody_core::handover::package::package_bytes(&dropped).unwrap())
        .unwrap();
    d.refused(&["add", "case.zip", "--key", "alice.key", "dropped.custody-statement"], "lacks the file");
    assert_eq!(fs::read(d.path("case.zip")).unwrap(), before, "nothing written");
}

#[test]
fn an_examination_by_an_examiner_added_by_the_custodian_and_its_refusals() {
    let d = Dir::new();
    fs::write(d.path("report.txt"), b"No sign of editing.\n").unwrap();
    let before = fs::read(d.path("case.zip")).unwrap();
    let exam = ["examine", "case.zip", "--key", "bob.key", "--tool", "ExifTool", "--tool-version", "13.10"];
    let said = ["--conclusion", "No sign of editing.", "--result", "report.txt"];
    // An item the bundle does not hold, a blank conclusion, a hostile result name: refused.
    d.refused(&[&exam[..], &["--items", "item-1,item-9"], &said].concat(), "no item 'item-9'");
    d.refused(&[&exam[..], &["--items", "item-1", "--conclusion", " "]].concat(), "conclusion");
    fs::write(d.path("CON.txt"), b"x").unwrap();
    d.refused(&[&exam[..], &["--items", "item-1", "--conclusion", "ok", "--result", "CON.txt"]].concat(), "device");
    assert_eq!(fs::read(d.path("case.zip")).unwrap(), before, "nothing written");
    // Bo does not hold custody: a package, which Alice adds.
    let o = d.run(&[&exam[..], &["--items", "item-1", "--parameters", "-a -G1"], &said, &["--json"]].concat());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    validate("examine.schema.json", &doc);
    assert_eq!(doc["outcome"], "package");
    assert_eq!(doc["statement"]["examination"]["results"][0]["name"], "report.txt");
    let pkg = doc["package"].as_str().unwrap().to_owned();
    d.ok(&["add", "case.zip", "--key", "alice.key", &pkg]);
    let r = d.report("case.zip");
    validate("verify-report.schema.json", &r);
    assert_eq!(r["state"], "intact", "{r:#}");
    let ev = &r["events"][1];
    assert_eq!(ev["type"], "examination");
    assert_eq!(ev["statement"]["examination"]["items"][0], "item-1");
    assert_eq!(ev["statement"]["examination"]["conclusion"], "No sign of editing.");
    assert_eq!(ev["statement"]["files"][0]["path"], "custody/attachments/000001/report.txt");
    let text = d.ok(&["verify", "case.zip"]);
    assert!(text.contains("examiner Bo Li (City Procuratorate) examined item-1 with ExifTool 13.10"), "{text}");
    assert!(text.contains("conclusion: No sign of editing."), "{text}");
    // Alice, custodian, records her own examination at once, without a result file.
    let args = ["examine", "case.zip", "--key", "alice.key", "--items", "item-1", "--tool", "sha256sum"];
    let o = d.run(&[&args[..], &["--tool-version", "9.4", "--conclusion", "Hashes match.", "--json"]].concat());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    validate("examine.schema.json", &doc);
    assert_eq!((doc["outcome"].as_str(), doc["sequence"].as_u64()), (Some("appended"), Some(2)));
    assert!(failures(&d.report("case.zip")).is_empty());
}

/// An attached file larger than memory should need (here 257 MiB, over the 256 MiB the writer
/// once held; sparse, so cheap on disk) is streamed: into the author's package, from the
/// package into the bundle, and verified; its size and SHA-256 are the file's.
#[test]
fn a_file_larger_than_the_old_in_memory_limit_is_streamed_into_the_package_and_the_bundle() {
    let d = Dir::new();
    let big = d.path("recording.mp4");
    let size: u64 = 257 * 1024 * 1024;
    {
        use std::io::{Seek, SeekFrom, Write};
        let mut f = fs::File::create(&big).unwrap();
        f.write_all(b"\0\0\0\x20ftypisom").unwrap();
        f.seek(SeekFrom::Start(size - 4)).unwrap();
        f.write_all(b"end\n").unwrap();
    }
    let args = ["attach", "case.zip", "--key", "wei.key", "--kind", "provider_certificate", "--ref", "REC-1"];
    let more = ["--language", "en", "--date", "2026-11-19", "--capacity", "witness", "recording.mp4"];
    d.ok(&[&args[..], &more, &["--package", "wei.custody-statement"]].concat());
    assert!(fs::metadata(d.path("wei.custody-statement")).unwrap().len() > size);
    d.ok(&["add", "case.zip", "--key", "alice.key", "wei.custody-statement"]);
    let r = d.report("case.zip");
    assert_eq!(r["state"], "intact", "{r:#}");
    let file = &r["events"][1]["statement"]["files"][0];
    assert_eq!(file["size"], size);
    assert_eq!(file["path"], "custody/attachments/000001/recording.mp4");
}
