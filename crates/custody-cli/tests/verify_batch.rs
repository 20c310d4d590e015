//! `custody verify A.zip B.zip …` and `custody verify --each DIR`: a central authority's batch.
//! One line per bundle in the order given, the totals, and the batch's exit status (2 if any
//! bundle could not be checked, else 1 if any is invalid or not trusted, else 0); the JSON
//! array against its schema; hostile file names escaped; `--each` takes only a folder's
//! `.zip` files, in name order.

use std::fs;
use std::process::Output;

use crate::common::{Scratch, repo};
use serde_json::Value;

struct Dir(Scratch);

impl std::ops::Deref for Dir {
    type Target = Scratch;
    fn deref(&self) -> &Scratch {
        &self.0
    }
}

impl Dir {
    fn new() -> Self {
        Dir(Scratch::new())
    }
    fn vector(&self, name: &str, as_name: &str) {
        fs::copy(repo().join("tests/vectors").join(name), self.path(as_name)).unwrap();
    }
}

fn text(o: &Output) -> (String, String) {
    (String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
}

#[test]
fn several_bundles_get_one_line_each_in_order_and_the_worst_exit_status() {
    let d = Dir::new();
    d.vector("sealed.zip", "a.zip");
    d.vector("chain-4party.zip", "b.zip");
    d.vector("payload-modified.zip", "c.zip");

    let o = d.run(&["verify", "b.zip", "a.zip"]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("BUNDLE") && lines[1].starts_with("b.zip") && lines[2].starts_with("a.zip"), "{out}");
    assert!(lines[1].contains("INTACT") && lines[1].contains("#6 receipt signed by Dana Schmidt"), "{out}");
    assert!(
        out.contains("2 bundle(s): 2 intact or trusted, 0 invalid or not trusted, 0 could not be checked"),
        "{out}"
    );

    // One invalid bundle makes the batch fail (1) and names its failed checks.
    let o = d.run(&["verify", "a.zip", "c.zip", "b.zip"]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    let c = out.lines().find(|l| l.starts_with("c.zip")).unwrap();
    assert!(c.contains("INVALID") && c.contains("payload.hash_mismatch"), "{c}");

    // One that cannot be read at all outranks it (2): the batch did not check everything.
    let o = d.run(&["verify", "c.zip", "gone.zip", "a.zip"]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{out}");
    let gone = out.lines().find(|l| l.starts_with("gone.zip")).unwrap();
    assert!(gone.contains("NOT CHECKED") && gone.contains("cannot read gone.zip"), "{gone}");
    assert!(out.contains("1 invalid or not trusted, 1 could not be checked"), "{out}");

    // -q prints no table, as a single verify prints no report: each bundle that is not intact
    // is said once on stderr, the intact one not at all, and the status is the same.
    let o = d.run(&["verify", "-q", "c.zip", "gone.zip", "a.zip"]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{out}{err}");
    assert_eq!(out, "", "{out}");
    let said: Vec<&str> = err.lines().collect();
    assert_eq!(said.len(), 2, "{err}");
    assert!(said[0].starts_with("c.zip: INVALID (") && said[0].contains("payload.hash_mismatch"), "{err}");
    assert!(said[1].starts_with("gone.zip: NOT CHECKED: cannot read gone.zip"), "{err}");
}

#[test]
fn the_json_array_follows_its_schema_with_each_report_whole() {
    let d = Dir::new();
    d.vector("sealed.zip", "a.zip");
    d.vector("payload-modified.zip", "b.zip");
    fs::write(d.path("c.zip"), "not a bundle").unwrap();
    let o = d.run(&["verify", "--json", "a.zip", "b.zip", "c.zip", "gone.zip"]);
    assert_eq!(o.status.code(), Some(2));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    let load = |name: &str| -> Value {
        serde_json::from_str(&fs::read_to_string(repo().join("schemas").join(name)).unwrap()).unwrap()
    };
    let report_schema = load("verify-report.schema.json");
    let entry = jsonschema::options()
        .with_retriever(OnlyTheReportSchema(report_schema))
        .build(&load("verify-batch.schema.json"))
        .unwrap();
    let all = doc.as_array().unwrap();
    assert_eq!(all.len(), 4);
    for e in all {
        assert!(entry.is_valid(e), "{e:#}");
    }
    let got: Vec<(&str, i64)> =
        all.iter().map(|e| (e["bundle"].as_str().unwrap(), e["exit_code"].as_i64().unwrap())).collect();
    assert_eq!(got, [("a.zip", 0), ("b.zip", 1), ("c.zip", 1), ("gone.zip", 2)]);
    assert_eq!(all[0]["report"]["state"], "intact");
    assert_eq!(all[0]["report"]["format"], "custody.verify-report/2");
    assert!(all[1]["report"]["checks"].as_array().unwrap().iter().any(|c| c["code"] == "payload.hash_mismatch"));
    assert!(all[3]["report"].is_null());
    assert_eq!(all[3]["error"]["kind"], "io");
}

#[test]
fn each_takes_only_the_folders_zip_files_in_name_order_and_escapes_their_names() {
    let d = Dir::new();
    fs::create_dir(d.path("in")).unwrap();
    fs::create_dir(d.path("in/sub")).unwrap();
    for (i, name) in ["b.ZIP", "a.zip", "x\u{1b}[2J\u{202e}.zip", "sub/deeper.zip", "notes.txt"].iter().enumerate() {
        let vector = if i == 2 { "payload-modified.zip" } else { "sealed.zip" };
        d.vector(vector, &format!("in/{name}"));
    }
    let o = d.run(&["verify", "--each", "in"]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}{err}");
    let rows: Vec<&str> = out.lines().skip(1).take_while(|l| !l.is_empty()).collect();
    assert_eq!(rows.len(), 3, "only the folder's own .zip files: {out}");
    assert!(rows[0].starts_with("in/a.zip") && rows[1].starts_with("in/b.ZIP"), "{out}");
    assert!(rows[2].starts_with("in/x\\u{1b}[2J\\u{202e}.zip") && rows[2].contains("INVALID"), "{out}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{202e}'), "{out:?}");

    // A folder without bundles, or none at all, is an error (2), with what to do.
    fs::create_dir(d.path("empty")).unwrap();
    let o = d.run(&["verify", "--each", "empty"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("holds no file ending in .zip"));
    let o = d.run(&["verify", "--each", "nowhere"]);
    assert_eq!(o.status.code(), Some(2));
    // A bundle and --each together are refused by the command line.
    let o = d.run(&["verify", "--each", "in", "in/a.zip"]);
    assert_eq!(o.status.code(), Some(2));
}

/// Resolves the batch schema's one reference, the verification report's schema, from the
/// repository: nothing is fetched.
struct OnlyTheReportSchema(Value);

impl jsonschema::Retrieve for OnlyTheReportSchema {
    fn retrieve(&self, uri: &jsonschema::Uri<String>) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        match uri.as_str() {
            "https://custody.invalid/schemas/verify-report.schema.json" => Ok(self.0.clone()),
            other => Err(format!("unexpected reference {other}").into()),
        }
    }
}
