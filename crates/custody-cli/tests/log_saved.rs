//! `custody verify --checkpoint FILE` (issue #20 req. 3, docs/custody-log.md §1.1): the log's
//! answers saved by `custody verify --log --save-log-answer FILE` checked offline, the log
//! stopped, as online for not_latest and forked; no later event is never `latest` offline (exit 2:
//! the entry lists are unsigned, a stripped or old answer proves nothing of it); a tampered saved
//! answer proves nothing (exit 2, never a pass); --save-log-answer never overwrites a file; a
//! bare checkpoint note compared with the copy's newest stored checkpoint (equal: not known;
//! same size, other root: the log signed two histories; other size or bad signature: not known).

use custody_core::keys::note::VerifierKey;
use custody_core::tlog::Checkpoint;

use crate::common::Scratch;
use crate::log::{checkpoint, logged_bundle};

/// `custody verify --json BUNDLE` with `extra`: exit status and the report (schema-checked).
fn verify(s: &Scratch, bundle: &str, extra: &[&str]) -> (i32, serde_json::Value) {
    let mut args = vec!["verify", "--json", bundle];
    args.extend_from_slice(extra);
    let o = s.run(&args);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", String::from_utf8_lossy(&o.stderr)));
    crate::common::validate("verify-report.schema.json", &report);
    (o.status.code().unwrap_or(-1), report)
}

fn codes(report: &serde_json::Value, code: &str) -> usize {
    report["checks"].as_array().unwrap().iter().filter(|c| c["code"] == code).count()
}

/// Rewrites the saved answer `name` with `edit` applied to its JSON.
fn edit(s: &Scratch, from: &str, to: &str, edit: impl FnOnce(&mut serde_json::Value)) {
    let mut doc: serde_json::Value = serde_json::from_slice(&std::fs::read(s.path(from)).unwrap()).unwrap();
    edit(&mut doc);
    std::fs::write(s.path(to), serde_json::to_vec(&doc).unwrap()).unwrap();
}

#[test]
fn saved_answers_catch_a_truncated_and_a_forked_copy_offline_and_tampering_proves_nothing() {
    let s = Scratch::new();
    let (served, port) = logged_bundle(&s, "latest.zip", &[("alice", "Alice"), ("bob", "Bob"), ("carol", "Carol")]);
    let url = format!("http://127.0.0.1:{port}");
    std::fs::copy(s.path("latest.zip"), s.path("old.zip")).unwrap();
    std::fs::copy(s.path("latest.zip"), s.path("fork.zip")).unwrap();
    s.ok(&["transfer", "latest.zip", "--key", "alice.key", "--to", "bob.key.pub", "--purpose", "review"]);
    // The log's checkpoint now is the one latest.zip stores with its transfer (nothing since).
    let same = checkpoint(port).unwrap();
    s.write("same.note", &same);
    let fork = ["transfer", "fork.zip", "--key", "alice.key", "--to", "carol.key.pub", "--purpose", "other"];
    s.ok(&fork.into_iter().chain(["--log-optional"]).collect::<Vec<_>>());
    s.write("later.note", &checkpoint(port).unwrap());

    // Saved while the log runs; the saved file follows its schema.
    for (bundle, code) in [("latest", 0), ("old", 1), ("fork", 1)] {
        let (got, report) =
            verify(&s, &format!("{bundle}.zip"), &["--log", "--save-log-answer", &format!("{bundle}.json")]);
        assert_eq!(got, code, "{bundle}: {report:#}");
        let saved: serde_json::Value =
            serde_json::from_slice(&std::fs::read(s.path(&format!("{bundle}.json"))).unwrap()).unwrap();
        crate::common::validate("log-answer.schema.json", &saved);
        assert_eq!(saved["format"], "custody-log-answer/1");
        assert_eq!(saved["bundle_id"], report["bundle_id"]);
    }
    drop(served);

    // Offline, the log stopped: the same outcomes, said to come from the saved answer.
    // No later event is never `latest` offline (the entry lists are not signed, the answer may be
    // old): not known (2), saying what the answer does prove.
    let (code, report) = verify(&s, "latest.zip", &["--checkpoint", "latest.json"]);
    assert_eq!((code, report["log"]["outcome"].as_str()), (2, Some("not_checked")), "{report:#}");
    assert_eq!(codes(&report, "log.latest"), 0, "{report:#}");
    assert_eq!(codes(&report, "log.unreachable"), 1, "{report:#}");
    let summary = report["log"]["summary"].as_str().unwrap();
    assert!(summary.contains("(its answer as saved in latest.json, offline)"), "{summary}");
    let unknown = report["checks"].as_array().unwrap().iter().find(|c| c["code"] == "log.unreachable").unwrap();
    let said = unknown["message"].as_str().unwrap();
    assert!(said.contains("included in the log's signed tree of"), "{said}");
    assert!(said.contains("only asking the log (custody verify --log) or a fresh"), "{said}");
    assert_eq!(report["log"]["url"], url.as_str());
    // The stale copy's answer with the later event stripped from it (the lists are not signed):
    // never `latest` either.
    edit(&s, "old.json", "stripped.json", |d| {
        for lookup in d["lookups"].as_array_mut().unwrap() {
            let slots = lookup["answer"]["slots"].as_array_mut().unwrap();
            slots.last_mut().unwrap()["entries"] = serde_json::json!([]);
        }
    });
    let (code, report) = verify(&s, "old.zip", &["--checkpoint", "stripped.json"]);
    assert_eq!((code, report["log"]["outcome"].as_str()), (2, Some("not_checked")), "{report:#}");
    assert_eq!(codes(&report, "log.latest"), 0, "{report:#}");
    // Refused: saving over an existing file, the bundle itself above all (it is left unchanged).
    let before = std::fs::read(s.path("latest.zip")).unwrap();
    let over = ["verify", "-q", "latest.zip", "--log", "--save-log-answer", "latest.zip"];
    s.refused(&over, "that file already exists; custody never overwrites a file");
    assert_eq!(std::fs::read(s.path("latest.zip")).unwrap(), before);
    let (code, report) = verify(&s, "old.zip", &["--checkpoint", "old.json"]);
    assert_eq!((code, report["log"]["outcome"].as_str()), (1, Some("not_latest")), "{report:#}");
    assert_eq!(codes(&report, "log.truncated"), 1, "{report:#}");
    let (code, report) = verify(&s, "fork.zip", &["--checkpoint", "fork.json"]);
    assert_eq!((code, report["log"]["outcome"].as_str()), (1, Some("forked")), "{report:#}");
    assert_eq!(codes(&report, "log.forked"), 1, "{report:#}");
    // The text report says it too, on its Custody log: line.
    let text = s.status(1, &["verify", "old.zip", "--checkpoint", "old.json"]);
    assert!(text.contains("Custody log: checked at") && text.contains("as saved in old.json"), "{text}");

    // Tampered: the checkpoint's signature, an inclusion proof, another copy's answer. Never a pass.
    edit(&s, "latest.json", "bad-sig.json", |d| {
        let note = d["lookups"][0]["answer"]["checkpoint"].as_str().unwrap().to_owned();
        let (body, sig) = note.split_once("\n\n").unwrap();
        let last = sig.trim_end().len() - 3;
        let mut bytes = sig.as_bytes().to_vec();
        bytes[last] = if bytes[last] == b'A' { b'B' } else { b'A' };
        d["lookups"][0]["answer"]["checkpoint"] = format!("{body}\n\n{}", String::from_utf8(bytes).unwrap()).into();
    });
    edit(&s, "latest.json", "bad-proof.json", |d| {
        let slots = d["lookups"][0]["answer"]["slots"].as_array_mut().unwrap();
        let entry = slots.iter_mut().find(|sl| !sl["entries"].as_array().unwrap().is_empty()).unwrap();
        entry["entries"][0]["event"] = "0".repeat(64).into();
    });
    for (file, bundle) in [("bad-sig.json", "latest.zip"), ("bad-proof.json", "latest.zip"), ("latest.json", "old.zip")]
    {
        let (code, report) = verify(&s, bundle, &["--checkpoint", file]);
        assert_eq!((code, report["log"]["outcome"].as_str()), (2, Some("not_checked")), "{file}: {report:#}");
        assert_eq!(codes(&report, "log.unreachable"), 1, "{file}: {report:#}");
        assert_eq!(codes(&report, "log.latest"), 0, "{file}: {report:#}");
    }
    // Not a saved answer at all: refused before anything is checked.
    s.write("junk.json", "{\"format\": \"something else\"}");
    s.refused(&["verify", "latest.zip", "--checkpoint", "junk.json"], "not a custody log answer saved");

    // A bare checkpoint: the copy's own tree is consistent but proves nothing more (2).
    let (code, report) = verify(&s, "latest.zip", &["--checkpoint", "same.note"]);
    assert_eq!((code, report["log"]["outcome"].as_str()), (2, Some("not_checked")), "{report:#}");
    let summary = report["log"]["summary"].as_str().unwrap();
    assert!(summary.contains("holds only a checkpoint, the same tree of"), "{summary}");
    assert!(summary.contains("custody verify --log --save-log-answer FILE"), "{summary}");
    // Of another size: not known either.
    let (code, report) = verify(&s, "latest.zip", &["--checkpoint", "later.note"]);
    assert_eq!((code, report["log"]["outcome"].as_str()), (2, Some("not_checked")), "{report:#}");
    assert!(report["log"]["summary"].as_str().unwrap().contains("holds only a checkpoint, of"), "{report:#}");
    // The same size with another root, signed by the log's key: the log signed two histories.
    let key = VerifierKey::parse(std::fs::read_to_string(s.path("log.vkey")).unwrap().trim()).unwrap();
    let cp = Checkpoint::open(same.as_bytes(), &key).unwrap();
    let log_key = custody_core::files::load_keypair(&s.path("log.key")).unwrap();
    let other = Checkpoint { root: [7; 32], ..cp.clone() }.sign(&log_key).unwrap();
    s.write("other.note", &other);
    let (code, report) = verify(&s, "latest.zip", &["--checkpoint", "other.note"]);
    assert_eq!((code, report["log"]["outcome"].as_str()), (1, Some("inconsistent")), "{report:#}");
    assert_eq!(codes(&report, "log.checkpoints_inconsistent"), 1, "{report:#}");
    // A note not signed by the log's key: proves nothing.
    let stranger = custody_core::files::load_keypair(&s.path("carol.key")).unwrap();
    s.write("stranger.note", &Checkpoint { root: [7; 32], ..cp }.sign(&stranger).unwrap());
    let (code, report) = verify(&s, "latest.zip", &["--checkpoint", "stranger.note"]);
    assert_eq!((code, report["log"]["outcome"].as_str()), (2, Some("not_checked")), "{report:#}");
    assert!(report["log"]["summary"].as_str().unwrap().contains("the saved checkpoint is not the log's"));
}
