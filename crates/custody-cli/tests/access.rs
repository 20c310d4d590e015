//! Access records end to end (spec §5.10): `custody extract --record` by someone without
//! custody on a read-only copy (a package, the bundle untouched) that the custodian adds, by
//! the custodian (appended at once), what the report then shows, the JSON output, usage
//! errors, hostile purpose text refused before anything is extracted, and a record that
//! cannot be made after a successful extraction.

use std::fs;

use crate::common::Scratch;
use serde_json::Value;

struct Dir(Scratch);

impl std::ops::Deref for Dir {
    type Target = Scratch;
    fn deref(&self) -> &Scratch {
        &self.0
    }
}

impl Dir {
    /// Alice (investigator) seals case.zip; Dana (examiner) has a key.
    fn new() -> Self {
        let d = Dir(Scratch::new());
        for (who, name, org, role) in
            [("alice", "Alice Wang", "City Police", "investigator"), ("dana", "Dana Schmidt", "BKA", "examiner")]
        {
            let args = ["keygen", "--out", &format!("{who}.key"), "--name", name, "--org", org, "--role", role];
            d.ok(&[&args[..], &["--jurisdiction", "DE"]].concat());
        }
        fs::write(d.path("page.html"), "<p>x</p>\n").unwrap();
        d.ok(&["seal", "--key", "alice.key", "--case-ref", "C-1", "--out", "case.zip", "page.html"]);
        d
    }
    fn report(&self, bundle: &str) -> Value {
        serde_json::from_slice(&self.run(&["verify", "--format", "json", bundle]).stdout).unwrap()
    }
    fn packages(&self) -> Vec<String> {
        let mut p: Vec<String> = fs::read_dir(self.root())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".custody-statement"))
            .collect();
        p.sort();
        p
    }
}

fn read_only(path: &std::path::Path, yes: bool) {
    let mut p = fs::metadata(path).unwrap().permissions();
    p.set_readonly(yes);
    fs::set_permissions(path, p).unwrap();
}

#[test]
fn an_examiner_records_on_a_read_only_copy_and_the_custodian_adds_it() {
    let d = Dir::new();
    let before = fs::read(d.path("case.zip")).unwrap();
    read_only(&d.path("case.zip"), true);
    // Without --record, a read-only bundle extracts and nothing is written beside it.
    d.ok(&["extract", "case.zip", "--out", "plain"]);
    assert!(d.packages().is_empty());
    let out = d.ok(&[
        "extract",
        "case.zip",
        "--out",
        "ev",
        "--record",
        "--key",
        "dana.key",
        "--purpose",
        "expert report",
        "--json",
    ]);
    let j: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(j["files"], 1, "the extraction happened");
    assert_eq!(j["record"]["outcome"], "package");
    assert_eq!(j["record"]["statement"]["kind"], "access");
    assert_eq!(j["record"]["statement"]["capacity"], "examiner", "the key's role");
    assert_eq!(j["record"]["statement"]["access"]["purpose"], "expert report");
    assert_eq!(j["record"]["statement"]["concerns"][0]["sequence"], 0, "the latest event of the copy");
    assert_eq!(j["record"]["custodian"]["name"], "Alice Wang");
    assert_eq!(fs::read(d.path("case.zip")).unwrap(), before, "the bundle is untouched");
    let pkgs = d.packages();
    assert_eq!(pkgs.len(), 1);
    read_only(&d.path("case.zip"), false);
    d.ok(&["add", "case.zip", "--key", "alice.key", &pkgs[0]]);
    let r = d.report("case.zip");
    assert_eq!(r["state"], "intact", "{r:#}");
    let ev = &r["events"][1];
    assert_eq!(ev["type"], "access");
    assert_eq!(ev["summary"], "access by Dana Schmidt (examiner) for expert report: all items, added by Alice Wang");
    assert_eq!(ev["statement"]["purpose"], "expert report");
    let text = d.ok(&["verify", "case.zip"]);
    assert!(text.contains("access by Dana Schmidt (examiner) for expert report: all items"), "{text}");
}

#[test]
fn the_custodian_records_at_once() {
    let d = Dir::new();
    let out = d.ok(&[
        "extract",
        "case.zip",
        "--out",
        "ev",
        "--record",
        "--key",
        "alice.key",
        "--purpose",
        "case review",
        "--capacity",
        "investigator",
    ]);
    assert!(out.contains("Access recorded as event #1 in case.zip"), "{out}");
    assert!(d.packages().is_empty());
    let r = d.report("case.zip");
    assert_eq!(r["state"], "intact");
    assert_eq!(
        r["events"][1]["summary"],
        "access by Alice Wang (investigator) for case review: all items, added by Alice Wang"
    );
    let warned = r["checks"].as_array().unwrap().iter().any(|c| c["code"] == "countersign.by_own_signer");
    assert!(!warned, "recording one's own extraction is no countersignature of one's own event");

    // While her transfer awaits its receipt she cannot append: a package, which the text must
    // not tell her to give to the custodian, herself (a newcomer's trial).
    d.ok(&["transfer", "case.zip", "--key", "alice.key", "--to", "dana.key.pub", "--purpose", "exam"]);
    let args = ["extract", "case.zip", "--out", "ev2", "--record", "--key", "alice.key", "--purpose", "again"];
    let out = d.ok(&[&args[..], &["--capacity", "investigator"]].concat());
    assert!(out.contains("A transfer of this bundle awaits its receipt"), "{out}");
    assert!(!out.contains("Give this file to the custodian"), "{out}");
    assert!(out.contains("--key CUSTODIAN.key"), "{out}");
    assert_eq!(d.packages().len(), 1, "{out}");
}

#[test]
fn usage_errors_and_hostile_purposes_extract_nothing() {
    let d = Dir::new();
    let o = d.run(&["extract", "case.zip", "--out", "ev", "--record", "--purpose", "review"]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("--key"), "{stderr}");
    let o = d.run(&["extract", "case.zip", "--out", "ev", "--key", "dana.key", "--purpose", "review"]);
    assert_eq!(o.status.code(), Some(2), "--key without --record is a usage error");
    assert!(String::from_utf8_lossy(&o.stderr).contains("--record"));
    let hostile = "review\u{1b}]0;owned\u{7}\u{1b}[2J";
    let o = d.run(&["extract", "case.zip", "--out", "ev", "--record", "--key", "dana.key", "--purpose", hostile]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("--purpose") && stderr.contains("nothing was extracted"), "{stderr}");
    assert!(
        !stderr.contains('\u{1b}') && !String::from_utf8_lossy(&o.stdout).contains('\u{1b}'),
        "escaped: {stderr:?}"
    );
    let o = d.run(&[
        "extract",
        "case.zip",
        "--out",
        "ev",
        "--record",
        "--key",
        "dana.key",
        "--purpose",
        "x",
        "--capacity",
        "boss",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!d.path("ev").exists(), "nothing extracted");
    assert!(d.packages().is_empty());
}

#[test]
fn a_record_that_cannot_be_made_leaves_the_extraction_and_says_so() {
    let d = Dir::new();
    // A bundle that fails verification (extracted with --force) gets no record at all.
    let bundle = d.path("case.zip");
    let mut bytes = fs::read(&bundle).unwrap();
    let at = bytes.windows(8).position(|w| w == b"<p>x</p>").unwrap();
    bytes[at + 3] = b'y';
    fs::write(d.path("bad.zip"), bytes).unwrap();
    let o = d.run(&[
        "extract",
        "bad.zip",
        "--out",
        "ev",
        "--force",
        "--record",
        "--key",
        "dana.key",
        "--purpose",
        "review",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("the files were extracted into ev, but the access was NOT recorded"), "{stderr}");
    assert!(d.path("ev").is_dir(), "the extraction stays");
    assert!(d.packages().is_empty());
}
