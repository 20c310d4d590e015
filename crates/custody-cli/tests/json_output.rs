//! What `--json` / `--format json` prints, checked against the published schemas: every
//! command's result (`schemas/<command>.schema.json`) and, when a command fails, the one
//! error document (`schemas/error.schema.json`, `custody.error/1`) on stdout with the exit
//! status it names, the human text still on stderr.

use std::fs;

use crate::common::{Scratch, repo, validate};
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
        let d = Dir(Scratch::new());
        fs::write(d.path("page.html"), "<p>x</p>\n").unwrap();
        d
    }
    /// Runs a command that must succeed with exit status `code`, and returns its JSON,
    /// checked against `schema`.
    fn json(&self, code: i32, schema: &str, args: &[&str]) -> Value {
        let o = self.run(args);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(code), "{args:?}: {stderr}");
        let doc: Value = serde_json::from_slice(&o.stdout)
            .unwrap_or_else(|e| panic!("{args:?}: {e}\n{}", String::from_utf8_lossy(&o.stdout)));
        validate(schema, &doc);
        doc
    }
    /// Runs a command that must fail, and returns its error document, checked against the
    /// schema, with its `exit_code` equal to the process's and the message also on stderr.
    fn error(&self, code: i32, kind: &str, args: &[&str]) -> Value {
        let o = self.run(args);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(code), "{args:?}: {stderr}");
        let doc: Value = serde_json::from_slice(&o.stdout)
            .unwrap_or_else(|e| panic!("{args:?}: {e}\nstdout: {}", String::from_utf8_lossy(&o.stdout)));
        validate("error.schema.json", &doc);
        assert_eq!(doc["format"], "custody.error/1");
        assert_eq!(doc["exit_code"], code, "{doc:#}");
        assert_eq!(doc["error"]["kind"], kind, "{doc:#}");
        let message = doc["error"]["message"].as_str().unwrap();
        assert!(stderr.contains(&format!("error: {message}")), "stderr keeps the text: {stderr}");
        doc
    }
    fn keygen(&self, out: &str, name: &str) -> Value {
        self.json(
            0,
            "keygen.schema.json",
            &["keygen", "--out", out, "--name", name, "--org", "Police", "--role", "investigator"]
                .into_iter()
                .chain(["--jurisdiction", "FR", "--json"])
                .collect::<Vec<_>>(),
        )
    }
}

/// The top-level fields of `doc`, in order.
fn keys(doc: &Value) -> Vec<&str> {
    doc.as_object().unwrap().keys().map(String::as_str).collect()
}

#[test]
fn every_command_result_matches_its_schema() {
    let d = Dir::new();
    let alice = d.keygen("alice.key", "Alice Martin");
    assert_eq!(keys(&alice), ["private_key", "public_key", "fingerprint", "identity"]);
    assert_eq!(alice["public_key"], "alice.key.pub");
    assert_eq!(alice["identity"]["name"], "Alice Martin");
    d.keygen("bob.key", "Bob Lee");

    let sealed = d.json(
        0,
        "seal.schema.json",
        &["seal", "--key", "alice.key", "--case-ref", "C-1", "--out", "case.zip", "page.html", "--json"],
    );
    assert_eq!(sealed["timestamp"], serde_json::json!({"status": "not_requested"}));
    assert_eq!(sealed["log"], serde_json::json!({"status": "not_requested"}));
    // Throughout: the fields and their order are those custody always printed (and `log`,
    // spec §6.5, added after `timestamp`).
    assert_eq!(
        keys(&sealed),
        [
            "bundle",
            "bundle_id",
            "items",
            "files",
            "bytes",
            "sealed_by",
            "time",
            "imported",
            "warnings",
            "timestamp",
            "log",
            "advisories"
        ],
    );

    // A TSA that does not answer, with --tsa-optional: the event is written without trusted time.
    let transferred = d.json(
        0,
        "transfer.schema.json",
        &["transfer", "case.zip", "--key", "alice.key", "--to", "bob.key.pub", "--purpose", "review"]
            .into_iter()
            .chain(["--condition", "use_limitation: only C-1", "--out", "t.zip", "--json"])
            .chain(["--tsa", "http://127.0.0.1:9/tsa", "--tsa-optional"])
            .collect::<Vec<_>>(),
    );
    assert_eq!(keys(&transferred), ["bundle", "event", "sequence", "time", "recipient", "conditions", "timestamp"]);
    assert_eq!(transferred["timestamp"]["status"], "failed");
    assert_eq!(transferred["sequence"], 1);

    let received = d.json(
        0,
        "receive.schema.json",
        &["receive", "t.zip", "--key", "bob.key", "--accept-untrusted", "--out", "r.zip", "--json"],
    );
    assert_eq!(keys(&received), ["bundle", "event", "sequence", "time", "receipt", "timestamp", "sealer", "sender"]);
    assert_eq!(keys(&received["sealer"]), ["fingerprint", "identity", "trusted"]);
    assert_eq!(received["sealer"]["trusted"], false);
    assert_eq!(received["sender"]["identity"]["name"], "Alice Martin");

    let extracted = d.json(0, "extract.schema.json", &["extract", "r.zip", "--out", "x", "--json"]);
    assert_eq!(
        keys(&extracted),
        ["out", "files", "bytes", "state", "mismatched", "attachments", "renamed", "direction_names"]
    );
    assert_eq!(extracted["state"], "intact");
    assert_eq!(extracted["files"], 1);

    fs::copy(repo().join("tests/vectors/timestamp-valid.zip"), d.path("stamped.zip")).unwrap();
    let stamped = d.json(
        0,
        "timestamp.schema.json",
        &["timestamp", "stamped.zip", "--tsa", "http://127.0.0.1:9/tsa", "--out", "s2.zip", "--json"],
    );
    assert_eq!(keys(&stamped), ["bundle", "added", "already"]);
    assert_eq!(stamped["added"], serde_json::json!([]));

    d.run(&["trust", "add", "alice.key.pub", "--file", "trusted.txt"]);
    let bob_fp = d.json(
        0,
        "keygen.schema.json",
        &["keygen", "--out", "c.key", "--name", "C", "--org", "O"]
            .into_iter()
            .chain(["--role", "other", "--jurisdiction", "DE", "--json"])
            .collect::<Vec<_>>(),
    )["fingerprint"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut text = fs::read_to_string(d.path("trusted.txt")).unwrap();
    text.push_str(&format!("{bob_fp}\n"));
    fs::write(d.path("trusted.txt"), text).unwrap();
    let list = d.json(0, "trust-list.schema.json", &["trust", "list", "--file", "trusted.txt", "--json"]);
    assert_eq!(
        keys(&list[0]),
        ["fingerprint", "name", "organisation", "role", "jurisdiction", "valid_from", "valid_until", "revoked"]
    );
    assert_eq!(list[0]["name"], "Alice Martin");
    assert_eq!(list[1]["name"], Value::Null, "a field the line does not give is null");

    let report = d.json(0, "verify-report.schema.json", &["verify", "--format", "json", "r.zip"]);
    assert_eq!(report["state"], "intact");
    d.json(0, "inspect.schema.json", &["inspect", "--json", "r.zip"]);

    let recovered = d.json(0, "recover.schema.json", &["recover", "--format", "json", "r.zip"]);
    assert_eq!(keys(&recovered), ["bundle", "recovery", "note", "out", "pending"]);
    assert_eq!((&recovered["out"], &recovered["pending"]), (&Value::Null, &Value::Null));
    assert_eq!(recovered["recovery"]["status"], "clean");
    assert_eq!(recovered["note"], Value::Null);
}

#[test]
fn failures_under_json_are_one_error_document() {
    let d = Dir::new();
    d.keygen("alice.key", "Alice Martin");
    d.keygen("bob.key", "Bob Lee");
    d.run(&["seal", "--key", "alice.key", "--case-ref", "C-1", "--out", "case.zip", "page.html"]);

    // Could not do the job: exit 2.
    d.error(2, "io", &["verify", "--json", "missing.zip"]);
    d.error(2, "io", &["inspect", "--format", "json", "missing.zip"]);
    d.error(
        2,
        "identity",
        &["keygen", "--out", "k", "--name", "N", "--org", "O", "--role", "boss", "--jurisdiction", "FR", "--json"],
    );
    // A custody rule's refusal has a kind of its own.
    let refused = d.error(
        2,
        "not_custodian",
        &["transfer", "case.zip", "--key", "bob.key", "--to", "alice.key.pub", "--purpose", "p", "--json"],
    );
    assert!(refused["error"]["message"].as_str().unwrap().contains("custodian"), "{refused:#}");
    d.error(2, "input", &["timestamp", "case.zip", "--json"]);
    d.error(2, "io", &["trust", "list", "--file", "none.txt", "--json"]);
    d.error(2, "io", &["recover", "--format", "json", "missing.zip"]);
    d.error(2, "io", &["seal", "--key", "none.key", "--case-ref", "C", "--out", "o.zip", "page.html", "--json"]);

    // An argument error, before the arguments are understood: JSON because they ask for it.
    let usage = d.error(2, "usage", &["verify", "--json", "--no-such-option", "case.zip"]);
    assert!(usage["error"]["message"].as_str().unwrap().contains("--no-such-option"));
    let o = d.run(&["verify", "--no-such-option", "case.zip"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty(), "without --json, errors stay text on stderr");

    // A negative verdict: exit 1, with the remedy apart.
    fs::copy(repo().join("tests/vectors/event-edited.zip"), d.path("bad.zip")).unwrap();
    let invalid = d.error(1, "invalid", &["extract", "bad.zip", "--out", "x", "--json"]);
    assert!(invalid["error"]["remedy"].as_str().unwrap().contains("--force"), "{invalid:#}");
    d.run(&["transfer", "case.zip", "--key", "alice.key", "--to", "bob.key.pub", "--purpose", "p", "--out", "t.zip"]);
    d.error(1, "untrusted", &["receive", "t.zip", "--key", "bob.key", "--json"]);
}

#[test]
fn format_json_is_accepted_by_every_command_that_writes_json_and_refused_by_name_elsewhere() {
    let d = Dir::new();
    // --format json, after or before the command, is --json.
    let key = d.json(
        0,
        "keygen.schema.json",
        &["keygen", "--out", "a.key", "--name", "A", "--org", "P", "--role", "investigator", "--jurisdiction", "FR"]
            .into_iter()
            .chain(["--format", "json"])
            .collect::<Vec<_>>(),
    );
    assert_eq!(key["private_key"], "a.key");
    let sealed = d.json(
        0,
        "seal.schema.json",
        &["--format", "json", "seal", "--key", "a.key", "--case-ref", "C-1", "--out", "case.zip", "page.html"],
    );
    assert_eq!(sealed["items"], 1);
    d.json(0, "recover.schema.json", &["recover", "case.zip", "--format=json"]);
    // A failure under --format json is the error document.
    d.error(
        2,
        "io",
        &["seal", "--key", "missing.key", "--case-ref", "C-2", "--out", "x.zip", "page.html", "--format", "json"],
    );
    // Commands without JSON output say so by name (exit 2), in text and as a document.
    let o = d.run(&["completions", "bash", "--format", "json"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("custody completions writes a shell script, not JSON"), "{err}");
    assert!(o.stdout.is_empty() || serde_json::from_slice::<Value>(&o.stdout).is_ok());
    // --format text is the default and changes nothing.
    let text = d.ok(&["inspect", "case.zip", "--format", "text"]);
    assert!(!text.trim_start().starts_with('{'), "{text}");
}

#[test]
fn seal_says_which_input_became_which_item_and_outputs_name_a_missing_folder() {
    let d = Dir::new();
    d.keygen("a.key", "A");
    fs::create_dir(d.path("capture")).unwrap();
    fs::write(d.path("capture/post.json"), "{}").unwrap();
    let out = d.ok(&["seal", "--key", "a.key", "--case-ref", "C-1", "--out", "case.zip", "capture", "page.html"]);
    assert!(out.contains("item-1:    capture\n") && out.contains("item-2:    page.html\n"), "{out}");
    // A key written into a folder that does not exist: the folder is named, not a temporary.
    let o = d.run(&[
        "keygen",
        "--out",
        "keys/b.key",
        "--name",
        "B",
        "--org",
        "P",
        "--role",
        "investigator",
        "--jurisdiction",
        "FR",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("keys: this folder does not exist"), "{err}");
    assert!(!err.contains("custody-tmp"), "{err}");
}
