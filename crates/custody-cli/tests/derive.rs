//! Derived bundles end to end (spec §5.13): `custody derive` writes a bundle with chosen
//! items and redacted copies that verifies INTACT with `derivation.parent_proven`, a
//! redacted file reported as such, the parent's seed nowhere in it, the second verifier
//! agreeing; and the refusals (unknown, disposed item, a redaction of no carried file, a copy
//! equal to the original, an output that exists, a --redact without --reason), nothing written.
//! The derivation event (§5.14): the custodian's derive records the copy in the original,
//! which verifies with it (both verifiers); a holder who is not the custodian is refused unless
//! --no-record; items a receipt rejected or marked out of scope are left out by default and
//! refused when named unless --include-rejected.

use std::fs;
use std::process::Command as Std;

use serde_json::Value;

use super::common::{Scratch, repo};

/// Alice seals case.zip (three items: a page naming a third party, a note, a folder); Bob
/// has a key.
fn setup() -> Scratch {
    let s = Scratch::new();
    s.keygen("alice", "Alice Wang");
    s.keygen("bob", "Bob Martin");
    s.write("page.html", "<p>Jane Doe, a neighbour, lives here</p>\n");
    s.write("note.txt", "personal data of a third party\n");
    fs::create_dir(s.path("dir")).unwrap();
    s.write("dir/a.txt", "a\n");
    s.write("dir/b.txt", "b\n");
    s.write("page-redacted.html", "<p>[redacted], a neighbour, lives here</p>\n");
    s.ok(&["seal", "--key", "alice.key", "--case-ref", "C-1", "--out", "case.zip", "page.html", "note.txt", "dir"]);
    s
}

fn report(s: &Scratch, bundle: &str) -> Value {
    let out = s.status(0, &["verify", "--format", "json", bundle]);
    serde_json::from_str(&out).unwrap()
}

fn checks<'a>(r: &'a Value, code: &str) -> Vec<&'a Value> {
    r["checks"].as_array().unwrap().iter().filter(|c| c["code"] == code).collect()
}

/// The seed of `bundle`'s commitment, read from its manifest (python3's zipfile: no ZIP
/// reader of our own in the loop).
fn seed(s: &Scratch, bundle: &str) -> String {
    let script = "import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nn=[x for x in z.namelist() if x.endswith('custody/manifest.json')][0]\nprint(json.loads(z.read(n))['commitment']['seed'])";
    let o = Std::new("python3").args(["-c", script]).arg(s.path(bundle)).output().unwrap();
    let seed = String::from_utf8(o.stdout).unwrap().trim().to_owned();
    assert_eq!(seed.len(), 64, "{}", String::from_utf8_lossy(&o.stderr));
    seed
}

#[test]
fn a_derived_bundle_with_a_redaction_verifies_and_leaks_no_seed() {
    let s = setup();
    let before = fs::read(s.path("case.zip")).unwrap();
    let out = s.json(
        0,
        "derive.schema.json",
        &[
            "derive",
            "case.zip",
            "--key",
            "bob.key",
            "--items",
            "item-1,item-3",
            "--redact",
            "item-1/page.html=page-redacted.html",
            "--reason",
            "name of an uninvolved neighbour",
            "--out",
            "new.zip",
            "--no-record",
            "--format",
            "json",
        ],
    );
    assert_eq!(out["items"], serde_json::json!(["item-1", "item-3"]));
    assert!(out.get("parent_items").is_none(), "the original's item count is not revealed");
    assert_eq!(out["redacted"], serde_json::json!(["data/item-1/page.html"]));
    assert_eq!(fs::read(s.path("case.zip")).unwrap(), before, "--no-record: the original is not changed");
    assert!(out["recorded"].is_null(), "{out:#}");

    let r = report(&s, "new.zip");
    assert_eq!(r["state"], "intact", "{r:#}");
    let proven = checks(&r, "derivation.parent_proven");
    assert_eq!(proven.len(), 1, "{r:#}");
    let parent_id = out["parent_bundle_id"].as_str().unwrap();
    assert_eq!(
        proven[0]["message"],
        format!("derived from bundle {parent_id}: 2 items, proven by the original's signed commitment")
    );
    let redacted = checks(&r, "derivation.redacted");
    assert_eq!(redacted.len(), 1);
    assert_eq!(redacted[0]["level"], "warn");
    assert_eq!(redacted[0]["path"], "data/item-1/page.html");
    assert_eq!(r["items"].as_array().unwrap().len(), 2);
    // What the copy proved of its original: whose seal, when, which files are redacted copies.
    assert_eq!(r["derived_from"]["bundle_id"], parent_id);
    assert_eq!(r["derived_from"]["sealed_by"]["name"], "Alice Wang");
    assert_eq!(r["derived_from"]["redacted"], serde_json::json!(["data/item-1/page.html"]));
    let text = s.ok(&["verify", "new.zip"]);
    assert!(text.contains(&format!("Derived from: bundle {parent_id}, sealed by Alice Wang")), "{text}");
    assert!(text.contains("except 1 redacted copy (marked below)"), "{text}");
    assert!(text.contains("      redacted copy: data/item-1/page.html (not the bytes"), "{text}");
    assert!(text.contains("original sealed by Alice Wang"), "{text}");

    // The parent's seed appears nowhere in the derived bundle: neither as hex nor as bytes.
    let seed = seed(&s, "case.zip");
    let bytes = fs::read(s.path("new.zip")).unwrap();
    let raw: Vec<u8> = (0..32).map(|i| u8::from_str_radix(&seed[2 * i..2 * i + 2], 16).unwrap()).collect();
    assert!(!bytes.windows(64).any(|w| w == seed.as_bytes()), "the parent's seed (hex) is in new.zip");
    assert!(!bytes.windows(32).any(|w| w == &raw[..]), "the parent's seed (bytes) is in new.zip");
    // The note left out appears nowhere either (its text, its name).
    assert!(!bytes.windows(8).any(|w| w == b"note.txt"));

    // The second verifier agrees.
    let py = Std::new("python3").arg(repo().join("tools/verify_bundle.py")).arg(s.path("new.zip")).output().unwrap();
    let text = String::from_utf8_lossy(&py.stdout);
    assert!(py.status.success() && text.contains("INTACT") && text.contains("derivation.redacted"), "{text}");
}

#[test]
fn derive_without_items_carries_every_item_and_says_so() {
    let s = setup();
    let text = s.ok(&["derive", "case.zip", "--key", "bob.key", "--no-record", "--out", "all.zip"]);
    assert!(text.contains("3 items, proven by the original's signed commitment"), "{text}");
    assert!(!text.contains(" of 3"), "the original's item count is not revealed: {text}");
    let r = report(&s, "all.zip");
    assert_eq!(r["state"], "intact");
    assert!(checks(&r, "derivation.redacted").is_empty());
}

#[test]
fn a_derived_bundle_is_not_derived_from_again() {
    // A grandchild would not show the child's redactions (§5.13): refused, nothing written.
    let s = setup();
    s.ok(&["derive", "case.zip", "--key", "bob.key", "--no-record", "--items", "item-1", "--out", "child.zip"]);
    let o = s.run(&["derive", "child.zip", "--key", "alice.key", "--out", "grandchild.zip"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("derive only from an original") && err.contains("derive from the original bundle"), "{err}");
    assert!(!s.path("grandchild.zip").exists());
}

#[test]
fn refusals_write_nothing() {
    let s = setup();
    s.ok(&[
        "dispose",
        "case.zip",
        "--key",
        "alice.key",
        "--action",
        "destroyed",
        "--items",
        "item-2",
        "--method",
        "erased",
        "--reason",
        "retention ended",
        "--out",
        "after.zip",
    ]);
    let cases: [(&[&str], &str); 8] = [
        (
            &["derive", "case.zip", "--key", "alice.key", "--items", "item-9", "--out", "new.zip"],
            "no item item-9: its items are item-1, item-2, item-3",
        ),
        (
            &["derive", "case.zip", "--key", "alice.key", "--items", "item-1, item-1", "--out", "new.zip"],
            "item item-1 is named twice",
        ),
        (
            &[
                "derive",
                "case.zip",
                "--key",
                "alice.key",
                "--redact",
                "item-3/page.html=page-redacted.html",
                "--reason",
                "r",
                "--out",
                "new.zip",
            ],
            "a file of that name is at data/item-1/page.html",
        ),
        (
            &["derive", "after.zip", "--key", "alice.key", "--items", "item-2", "--out", "new.zip"],
            "item item-2 was destroyed by a disposition (event 1)",
        ),
        (
            &[
                "derive",
                "case.zip",
                "--key",
                "alice.key",
                "--items",
                "item-3",
                "--redact",
                "item-1/page.html=page-redacted.html",
                "--reason",
                "r",
                "--out",
                "new.zip",
            ],
            "not a file of an item the new bundle carries",
        ),
        (
            &[
                "derive",
                "case.zip",
                "--key",
                "alice.key",
                "--redact",
                "item-1/page.html=page.html",
                "--reason",
                "r",
                "--out",
                "new.zip",
            ],
            "byte for byte the original",
        ),
        (
            &[
                "derive",
                "case.zip",
                "--key",
                "alice.key",
                "--redact",
                "item-1/page.html=page-redacted.html",
                "--out",
                "new.zip",
            ],
            "--reason",
        ),
        (&["derive", "case.zip", "--key", "alice.key", "--out", "case.zip"], "exists"),
    ];
    let before = fs::read(s.path("case.zip")).unwrap();
    for (args, needle) in cases {
        s.refused(args, needle);
        s.assert_not_written("new.zip", &args);
        assert_eq!(fs::read(s.path("case.zip")).unwrap(), before, "{args:?} changed the original");
    }
    // --help shows examples.
    let help = s.ok(&["derive", "--help"]);
    assert!(help.contains("Examples:") && help.contains("--redact item-1/page.html="), "{help}");
}

#[test]
fn the_parent_sealer_is_judged_by_the_trust_list() {
    let s = setup();
    s.ok(&["derive", "case.zip", "--key", "bob.key", "--no-record", "--items", "item-1", "--out", "new.zip"]);
    s.ok(&["trust", "add", "bob.key.pub", "--file", "bob-only.txt"]);
    let out = s.status(1, &["verify", "--format", "json", "--trust", "bob-only.txt", "new.zip"]);
    let r: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["state"], "not_trusted", "the parent's sealer, Alice, is not in the list: {r:#}");
    let unknown = checks(&r, "trust.signer_unknown");
    assert_eq!(unknown.len(), 1);
    assert!(unknown[0]["message"].as_str().unwrap().contains("Alice Wang"), "{r:#}");
    s.ok(&["trust", "add", "alice.key.pub", "--file", "bob-only.txt"]);
    let r = serde_json::from_str::<Value>(&s.ok(&["verify", "--format", "json", "--trust", "bob-only.txt", "new.zip"]))
        .unwrap();
    assert_eq!(r["state"], "trusted", "{r:#}");
    assert_eq!(checks(&r, "trust.signer_trusted").len(), 2);
    // Alice's key revoked (even after her seal): the derived bundle carries no token to prove
    // her seal earlier, so it is not trusted, as case.zip itself is not.
    let list = fs::read_to_string(s.path("bob-only.txt")).unwrap();
    let revoked: String = list
        .lines()
        .map(|l| if l.contains("Alice") { format!("{l} revoked=2099-01-01T00:00:00Z\n") } else { format!("{l}\n") })
        .collect();
    assert_ne!(revoked, list);
    fs::write(s.path("revoked.txt"), revoked).unwrap();
    for bundle in ["case.zip", "new.zip"] {
        let out = s.status(1, &["verify", "--format", "json", "--trust", "revoked.txt", bundle]);
        let r: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(r["state"], "not_trusted", "{bundle}: {r:#}");
        let revoked = checks(&r, "trust.key_revoked");
        assert_eq!(revoked.len(), 1, "{bundle}: {r:#}");
        assert!(revoked[0]["message"].as_str().unwrap().contains("Alice Wang"), "{r:#}");
    }
}

#[test]
fn a_damaged_parent_is_refused_saying_it_cannot_be_derived() {
    let s = setup();
    // One payload byte changed: the CRC and the digest both fail.
    let zip = std::fs::read(s.path("case.zip")).unwrap();
    let needle = b"personal data of a third party";
    let at = zip.windows(needle.len()).position(|w| w == needle).expect("the note is stored uncompressed");
    let mut bad = zip.clone();
    bad[at + 3] = b'y';
    std::fs::write(s.path("bad.zip"), bad).unwrap();
    let err = s.refused(&["derive", "bad.zip", "--key", "alice.key", "--out", "d.zip"], "cannot be derived");
    assert!(!err.contains("timestamped"), "{err}");
    assert!(!s.path("d.zip").exists());
    // Who may record is checked on the events alone, before the payload is hashed: a holder
    // who is not the custodian is told so (and of --no-record), not of the damage found by a
    // verification that never had to run.
    let err = s.refused(&["derive", "bad.zip", "--key", "bob.key", "--out", "d.zip"], "only the current custodian");
    assert!(err.contains("--no-record") && !err.contains("cannot be derived"), "{err}");
    assert!(!s.path("d.zip").exists());
}

/// The SHA-256 (hex) of `name` in the ZIP `bundle`, and the parsed JSON of every entry whose
/// name ends with `suffix` (python3's zipfile: no ZIP reader of our own in the loop).
fn entries(s: &Scratch, bundle: &str, suffix: &str) -> Vec<(String, String, Value)> {
    let script = "import hashlib,json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nprint(json.dumps([[n.split('/',1)[1],hashlib.sha256(z.read(n)).hexdigest(),json.loads(z.read(n))] for n in z.namelist() if n.endswith(sys.argv[2])]))";
    let o = Std::new("python3").args(["-c", script]).arg(s.path(bundle)).arg(suffix).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Vec<(String, String, Value)> = serde_json::from_slice(&o.stdout).unwrap();
    v
}

/// The second verifier finds `bundle` intact.
fn second_verifier(bundle: &std::path::Path) {
    let py = Std::new("python3").arg(repo().join("tools/verify_bundle.py")).arg(bundle).output().unwrap();
    let text = String::from_utf8_lossy(&py.stdout);
    assert!(py.status.success() && text.contains("INTACT"), "{text}");
}

#[test]
fn the_custodian_records_the_derivation_in_the_original() {
    let s = setup();
    let out = s.json(
        0,
        "derive.schema.json",
        &[
            "derive",
            "case.zip",
            "--key",
            "alice.key",
            "--items",
            "item-1,item-3",
            "--redact",
            "item-1/page.html=page-redacted.html",
            "--reason",
            "name of an uninvolved neighbour",
            "--out",
            "new.zip",
            "--format",
            "json",
        ],
    );
    assert_eq!(out["recorded"]["sequence"], 1, "{out:#}");
    assert_eq!(out["recorded"]["event"], "custody/events/000001-derivation.json");
    // The original verifies with its new event, shown in the report.
    let r = report(&s, "case.zip");
    assert_eq!(r["state"], "intact", "{r:#}");
    let ev = &r["events"][1];
    assert_eq!(ev["type"], "derivation", "{r:#}");
    let id = out["bundle_id"].as_str().unwrap();
    let summary = ev["summary"].as_str().unwrap();
    assert!(
        summary.starts_with(&format!("derived copy {id} made by Alice Wang"))
            && summary.ends_with(": items item-1, item-3, 1 file(s) redacted"),
        "{summary}"
    );
    let text = s.ok(&["verify", "case.zip"]);
    assert!(text.contains(&format!("derived copy {id} made by Alice Wang")), "{text}");
    // The event names the copy's seal; the copy names the original's latest event before it.
    let seals = entries(&s, "case.zip", "events/000000-seal.json");
    let derivations = entries(&s, "case.zip", "-derivation.json");
    let (_, _, event) = &derivations[0];
    let (_, new_seal_sha, _) = &entries(&s, "new.zip", "events/000000-seal.json")[0];
    assert_eq!(event["derivation"]["bundle_id"], id);
    assert_eq!(event["derivation"]["seal_event_sha256"], new_seal_sha.as_str());
    assert_eq!(event["derivation"]["items"], serde_json::json!(["item-1", "item-3"]));
    assert_eq!(event["derivation"]["redacted_files"], 1);
    let (_, _, manifest) = &entries(&s, "new.zip", "custody/manifest.json")[0];
    let latest = &manifest["derivation"]["parent_latest_event_sha256"];
    assert_eq!(latest, seals[0].1.as_str(), "the original's latest event was its seal");
    assert_eq!(&event["previous_event_sha256"], latest);
    // The redacted file's path and content are not in the original.
    let bytes = fs::read(s.path("case.zip")).unwrap();
    assert!(!bytes.windows(10).any(|w| w == b"[redacted]"));
    // Both verifiers agree on the original and on the copy.
    second_verifier(&s.path("case.zip"));
    second_verifier(&s.path("new.zip"));
    // A second derivation follows the first: its copy names the first derivation event.
    s.ok(&["derive", "case.zip", "--key", "alice.key", "--items", "item-2", "--out", "second.zip"]);
    let (_, _, m2) = &entries(&s, "second.zip", "custody/manifest.json")[0];
    assert_eq!(m2["derivation"]["parent_latest_event_sha256"], derivations[0].1.as_str());
    assert_eq!(report(&s, "case.zip")["events"].as_array().unwrap().len(), 3);
}

#[test]
fn a_holder_who_is_not_the_custodian_is_refused_unless_no_record() {
    let s = setup();
    let before = fs::read(s.path("case.zip")).unwrap();
    let err = s.refused(&["derive", "case.zip", "--key", "bob.key", "--out", "new.zip"], "only the current custodian");
    assert!(err.contains("Alice Wang") && err.contains("--no-record") && err.contains("nothing was written"), "{err}");
    assert!(!s.path("new.zip").exists());
    assert_eq!(fs::read(s.path("case.zip")).unwrap(), before);
    let text = s.ok(&["derive", "case.zip", "--key", "bob.key", "--no-record", "--out", "new.zip"]);
    assert!(text.contains("NOT recorded in the original"), "{text}");
    assert_eq!(fs::read(s.path("case.zip")).unwrap(), before, "--no-record leaves the original as it was");
    assert_eq!(report(&s, "new.zip")["state"], "intact");
    // While a transfer is pending, not even the custodian records: refused, nothing written.
    s.ok(&["transfer", "case.zip", "--key", "alice.key", "--to", "bob.key.pub", "--purpose", "review"]);
    let before = fs::read(s.path("case.zip")).unwrap();
    let err = s.refused(&["derive", "case.zip", "--key", "alice.key", "--out", "p.zip"], "with no receipt yet");
    assert!(err.contains("--no-record"), "{err}");
    assert!(!s.path("p.zip").exists());
    assert_eq!(fs::read(s.path("case.zip")).unwrap(), before);
}

#[test]
fn the_custodian_may_derive_without_recording_and_is_told_what_the_original_lacks() {
    let s = setup();
    let before = fs::read(s.path("case.zip")).unwrap();
    let text =
        s.ok(&["derive", "case.zip", "--key", "alice.key", "--no-record", "--items", "item-1", "--out", "n.zip"]);
    assert!(
        text.contains("NOT recorded in the original") && text.contains("will not show that this copy left"),
        "{text}"
    );
    assert_eq!(fs::read(s.path("case.zip")).unwrap(), before, "the original is unchanged");
    assert_eq!(report(&s, "n.zip")["state"], "intact");
    let help = s.ok(&["derive", "--help"]);
    assert!(help.contains("The custodian may give\n--no-record too"), "{help}");
}

#[test]
fn items_a_receipt_did_not_accept_are_left_out_by_default() {
    let s = setup();
    s.ok(&["transfer", "case.zip", "--key", "alice.key", "--to", "bob.key.pub", "--purpose", "review"]);
    s.ok(&[
        "receive",
        "case.zip",
        "--key",
        "bob.key",
        "--accept-untrusted",
        "--reject",
        "item-2",
        "--reason",
        "not covered by the request",
    ]);
    // Bob, now the custodian, derives for onward transfer: item-2 is left out, and said so.
    let out = s.json(0, "derive.schema.json", &["derive", "case.zip", "--key", "bob.key", "--out", "on.zip", "--json"]);
    assert_eq!(out["items"], serde_json::json!(["item-1", "item-3"]), "{out:#}");
    assert_eq!(out["left_out"], serde_json::json!([{"item": "item-2", "receipt": 2, "status": "rejected"}]));
    assert_eq!(out["recorded"]["sequence"], 3);
    let text = s.ok(&["derive", "case.zip", "--key", "bob.key", "--out", "on2.zip"]);
    assert!(text.contains("left out item-2: the receipt in event 2 marked it rejected"), "{text}");
    // Named explicitly: refused, saying why, nothing written; allowed with --include-rejected.
    let before = fs::read(s.path("case.zip")).unwrap();
    let err = s.refused(
        &["derive", "case.zip", "--key", "bob.key", "--items", "item-1,item-2", "--out", "x.zip"],
        "item item-2 was marked rejected by the receipt in event 2",
    );
    assert!(err.contains("--include-rejected") && err.contains("nothing was written"), "{err}");
    assert!(!s.path("x.zip").exists());
    assert_eq!(fs::read(s.path("case.zip")).unwrap(), before);
    let out = s.json(
        0,
        "derive.schema.json",
        &[
            "derive",
            "case.zip",
            "--key",
            "bob.key",
            "--items",
            "item-1,item-2",
            "--include-rejected",
            "--out",
            "x.zip",
            "--json",
        ],
    );
    assert_eq!(out["items"], serde_json::json!(["item-1", "item-2"]));
    assert_eq!(report(&s, "x.zip")["state"], "intact");
    assert_eq!(report(&s, "case.zip")["state"], "intact");
    second_verifier(&s.path("case.zip"));
}

#[test]
fn a_receipt_rejecting_the_whole_bundle_withholds_nothing_from_the_sender() {
    let s = setup();
    s.ok(&["transfer", "case.zip", "--key", "alice.key", "--to", "bob.key.pub", "--purpose", "review"]);
    let text = s.ok(&[
        "receive",
        "case.zip",
        "--key",
        "bob.key",
        "--accept-untrusted",
        "--out-of-scope",
        "item-2",
        "--out-of-scope",
        "item-3",
        "--reject",
        "item-1",
        "--reason",
        "not covered by the request",
    ]);
    assert!(text.contains("Custody stays with the sender"), "{text}");
    // The receipt names every item (§7.3 step 4), but Alice is still the custodian of all of
    // them: her derivation carries every item and leaves none out.
    let out =
        s.json(0, "derive.schema.json", &["derive", "case.zip", "--key", "alice.key", "--out", "d.zip", "--json"]);
    assert_eq!(out["items"], serde_json::json!(["item-1", "item-2", "item-3"]), "{out:#}");
    assert_eq!(out["left_out"], serde_json::json!([]), "{out:#}");
    assert_eq!(out["recorded"]["sequence"], 3);
    assert_eq!(report(&s, "d.zip")["state"], "intact");
    assert_eq!(report(&s, "case.zip")["state"], "intact");
}

#[test]
fn a_bundle_whose_every_item_left_was_withheld_is_refused_naming_include_rejected() {
    let s = setup();
    s.ok(&["transfer", "case.zip", "--key", "alice.key", "--to", "bob.key.pub", "--purpose", "review"]);
    s.ok(&[
        "receive",
        "case.zip",
        "--key",
        "bob.key",
        "--accept-untrusted",
        "--reject",
        "item-2",
        "--reason",
        "not covered by the request",
        "--out-of-scope",
        "item-3",
        "--reason",
        "another case",
    ]);
    s.ok(&[
        "dispose",
        "case.zip",
        "--key",
        "bob.key",
        "--action",
        "destroyed",
        "--items",
        "item-1",
        "--method",
        "erased",
        "--reason",
        "retention ended",
        "--out",
        "after.zip",
    ]);
    let before = fs::read(s.path("after.zip")).unwrap();
    let err = s.refused(
        &["derive", "after.zip", "--key", "bob.key", "--out", "d.zip"],
        "every item left in the bundle (2) was rejected or marked out of scope by a receipt",
    );
    assert!(err.contains("--include-rejected") && err.contains("nothing was written"), "{err}");
    assert!(!s.path("d.zip").exists());
    assert_eq!(fs::read(s.path("after.zip")).unwrap(), before);
    let out = s.json(
        0,
        "derive.schema.json",
        &[
            "derive",
            "after.zip",
            "--key",
            "bob.key",
            "--items",
            "item-3",
            "--include-rejected",
            "--out",
            "d.zip",
            "--json",
        ],
    );
    assert_eq!(out["items"], serde_json::json!(["item-3"]), "{out:#}");
    assert_eq!(report(&s, "d.zip")["state"], "intact");
}

/// The `parent.*` checks of `verify DERIVED --parent PARENT` (spec §9.7), by code and level:
/// the report's `parent` member's own, never among the copy's checks.
fn parent_checks(r: &Value) -> Vec<(String, String)> {
    assert!(
        r["checks"].as_array().unwrap().iter().all(|c| !c["code"].as_str().unwrap().starts_with("parent.")),
        "parent checks among the copy's own: {r:#}"
    );
    r["parent"]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["code"].as_str().unwrap().to_owned(), c["level"].as_str().unwrap().to_owned()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(c, l)| (c.to_string(), l.to_string())).collect()
}

/// `verify --format json --parent PARENT COPY`, expecting `code`, checked against the schema.
fn against(s: &Scratch, code: i32, copy: &str, parent: &str) -> Value {
    s.json(code, "verify-report.schema.json", &["verify", "--format", "json", "--parent", parent, copy])
}

#[test]
fn verify_parent_matches_a_recorded_copy_and_an_unrecorded_one_on_a_line_of_its_own() {
    let s = setup();
    fs::copy(s.path("case.zip"), s.path("before.zip")).unwrap();
    s.ok(&["derive", "case.zip", "--key", "alice.key", "--items", "item-1,item-3", "--out", "d.zip"]);
    // The original as it is now: it verifies, is the bundle the copy names, holds the copy's
    // latest event (the seal) and the derivation event that records the copy.
    let r = against(&s, 0, "d.zip", "case.zip");
    assert_eq!((r["state"].as_str(), r["parent"]["verdict"].as_str()), (Some("intact"), Some("matches")));
    let want = [("parent.verified", "pass"), ("parent.latest_event", "pass"), ("parent.derivation_recorded", "pass")];
    assert_eq!(parent_checks(&r), pairs(&want));
    assert_eq!((r["parent"]["latest_event"].as_u64(), r["parent"]["derivation_event"].as_u64()), (Some(0), Some(1)));
    assert_eq!(r["parent"]["state"], "intact");
    // The copy's own report is the same with or without --parent.
    let alone = report(&s, "d.zip");
    assert_eq!(r["checks"].as_array().map(Vec::len), alone["checks"].as_array().map(Vec::len));
    let text = s.ok(&["verify", "--parent", "case.zip", "d.zip"]);
    assert!(text.contains("State:   INTACT") && text.contains("Parent:  MATCHES (case.zip)"), "{text}");
    assert!(text.contains("derivation event 1 records this copy"), "{text}");
    assert!(text.contains("Checks against the parent case.zip"), "{text}");
    // The original as it was before the derivation: the same seal and latest event, no record:
    // a warning, not a failure.
    let r = against(&s, 0, "d.zip", "before.zip");
    assert_eq!(r["parent"]["verdict"], "matches");
    let want = [("parent.verified", "pass"), ("parent.latest_event", "pass"), ("parent.derivation_unrecorded", "warn")];
    assert_eq!(parent_checks(&r), pairs(&want));
    assert_eq!(r["parent"]["derivation_event"], Value::Null);
    // An unzipped original is a parent too (its content is what it verifies as, spec §9.6).
    fs::create_dir(s.path("unzipped")).unwrap();
    let o = Std::new("unzip").arg("-q").arg(s.path("case.zip")).arg("-d").arg(s.path("unzipped")).output().unwrap();
    assert!(o.status.success());
    assert_eq!(against(&s, 0, "d.zip", "unzipped")["parent"]["verdict"], "matches");
}

#[test]
fn verify_parent_does_not_match_another_bundle_or_a_bundle_not_derived_and_the_copy_stays_intact() {
    let s = setup();
    s.ok(&["derive", "case.zip", "--key", "alice.key", "--items", "item-1,item-3", "--out", "d.zip"]);
    s.ok(&["seal", "--key", "alice.key", "--case-ref", "C-2", "--out", "other.zip", "note.txt"]);
    // Another bundle given as the parent: the copy is still INTACT; the parent verdict is not.
    let r = against(&s, 1, "d.zip", "other.zip");
    assert_eq!((r["state"].as_str(), r["parent"]["verdict"].as_str()), (Some("intact"), Some("does_not_match")));
    assert_eq!(parent_checks(&r), pairs(&[("parent.verified", "pass"), ("parent.other_bundle", "fail")]));
    // The message says which differs: here the bundle id (the copy's named one, the other's).
    let message = r["parent"]["checks"][1]["message"].as_str().unwrap();
    let other_id = report(&s, "other.zip")["bundle_id"].as_str().unwrap_or_default().to_owned();
    assert!(message.contains("has bundle id") && message.contains(&other_id), "{message}");
    assert!(!message.contains("seal event"), "{message}");
    let text = s.status(1, &["verify", "--parent", "other.zip", "d.zip"]);
    assert!(text.contains("State:   INTACT") && text.contains("Parent:  DOES NOT MATCH (other.zip)"), "{text}");
    assert!(!text.contains("INVALID"), "{text}");
    // A bundle that is not derived: nothing to check; the parent is not even verified.
    let r = against(&s, 1, "other.zip", "case.zip");
    assert_eq!((r["state"].as_str(), r["parent"]["verdict"].as_str()), (Some("intact"), Some("does_not_match")));
    assert_eq!(parent_checks(&r), pairs(&[("parent.not_derived", "fail")]));
    assert_eq!(r["parent"]["state"], Value::Null);
    // A parent that cannot be read: NOT CHECKED, exit 2, the copy's report still given.
    let r = against(&s, 2, "d.zip", "missing.zip");
    assert_eq!((r["state"].as_str(), r["parent"]["verdict"].as_str()), (Some("intact"), Some("not_checked")));
    assert_eq!(parent_checks(&r), pairs(&[]));
    assert!(r["parent"]["summary"].as_str().unwrap().contains("missing.zip"), "{r:#}");
    // An encrypted parent: NOT CHECKED, and the reason says to decrypt it first (--identity
    // cannot be combined with --parent).
    s.ok(&["encrypt", "case.zip", "--to", "bob.key.pub", "--out", "case.zip.age"]);
    let r = against(&s, 2, "d.zip", "case.zip.age");
    assert_eq!(r["parent"]["verdict"], "not_checked");
    let summary = r["parent"]["summary"].as_str().unwrap();
    assert!(summary.contains("decrypt the parent first") && summary.contains("as PARENT"), "{summary}");
    // -q: the verdict that is not MATCHES is said on stderr.
    let o = s.run(&["-q", "verify", "--parent", "other.zip", "d.zip"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("parent: DOES NOT MATCH"), "{o:?}");
}

#[test]
fn verify_parent_fails_a_copy_whose_latest_event_the_parent_lacks() {
    let s = setup();
    fs::copy(s.path("case.zip"), s.path("before.zip")).unwrap();
    // A first copy is recorded (event 1); the second names event 1 as the original's latest.
    s.ok(&["derive", "case.zip", "--key", "alice.key", "--items", "item-1", "--out", "d1.zip"]);
    s.ok(&["derive", "case.zip", "--key", "alice.key", "--items", "item-2", "--out", "d2.zip"]);
    let r = against(&s, 0, "d2.zip", "case.zip");
    assert_eq!((r["parent"]["latest_event"].as_u64(), r["parent"]["derivation_event"].as_u64()), (Some(1), Some(2)));
    // The original as it was before: it lacks event 1, so it is not the state d2 came from.
    let r = against(&s, 1, "d2.zip", "before.zip");
    assert_eq!((r["state"].as_str(), r["parent"]["verdict"].as_str()), (Some("intact"), Some("does_not_match")));
    let want = [
        ("parent.verified", "pass"),
        ("parent.latest_event_missing", "fail"),
        ("parent.derivation_unrecorded", "warn"),
    ];
    assert_eq!(parent_checks(&r), pairs(&want));
    let text = s.status(1, &["verify", "--parent", "before.zip", "d2.zip"]);
    assert!(text.contains("holds no event whose SHA-256 is"), "{text}");
}

/// A parent whose derivation event names the copy's bundle id but other items, another seal
/// event hash, or another previous event than the parent's latest the copy names (the
/// vectors `parent-derivation-other-*`, valid bundles on their own).
#[test]
fn verify_parent_fails_a_derivation_event_that_does_not_describe_the_copy() {
    let s = Scratch::new();
    let copy = s.vector("derived-recorded");
    assert_eq!(against(&s, 0, &copy, &s.vector("derivation-recorded"))["parent"]["verdict"], "matches");
    let kinds = [
        ("parent-derivation-other-items", "other items"),
        ("parent-derivation-other-seal", "seal"),
        ("parent-derivation-other-previous", "its previous event is not"),
    ];
    for (parent, why) in kinds {
        let parent = s.vector(parent);
        s.ok(&["verify", &parent]);
        let r = against(&s, 1, &copy, &parent);
        assert_eq!((r["state"].as_str(), r["parent"]["verdict"].as_str()), (Some("intact"), Some("does_not_match")));
        let want =
            [("parent.verified", "pass"), ("parent.latest_event", "pass"), ("parent.derivation_mismatch", "fail")];
        assert_eq!(parent_checks(&r), pairs(&want), "{parent}");
        let message = r["parent"]["checks"][2]["message"].as_str().unwrap();
        assert!(message.contains(why), "{parent}: {message}");
    }
}

/// A re-zipped original (spec §9.6) is read by its own verification, leniently: a verdict,
/// not an error. It is INVALID for its container, so nothing is proven against it (PARENT
/// INVALID, exit 1), and the message names what to check against instead.
#[test]
fn verify_parent_against_a_rezipped_original_is_parent_invalid_not_an_error() {
    let s = setup();
    s.ok(&["derive", "case.zip", "--key", "alice.key", "--items", "item-1,item-3", "--out", "d.zip"]);
    fs::create_dir(s.path("unzipped")).unwrap();
    let o = Std::new("unzip").arg("-q").arg(s.path("case.zip")).arg("-d").arg(s.path("unzipped")).output().unwrap();
    assert!(o.status.success());
    let o =
        Std::new("zip").current_dir(s.path("unzipped")).args(["-q", "-r", "../rezipped.zip", "."]).output().unwrap();
    assert!(o.status.success(), "{o:?}");
    let r = against(&s, 1, "d.zip", "rezipped.zip");
    assert_eq!((r["state"].as_str(), r["parent"]["verdict"].as_str()), (Some("intact"), Some("parent_invalid")));
    assert_eq!(r["parent"]["state"], "invalid");
    assert_eq!(parent_checks(&r), pairs(&[("parent.not_verified", "fail")]));
    let message = r["parent"]["checks"][0]["message"].as_str().unwrap();
    assert!(message.contains("re-zipped") && message.contains("content holds"), "{message}");
    // Its summary lists the parent's own failed checks, those `verify rezipped.zip` gives.
    let alone: Value = serde_json::from_str(&s.status(1, &["verify", "--format", "json", "rezipped.zip"])).unwrap();
    let failed = failed_codes(&alone);
    assert!(!failed.is_empty());
    let summary = r["parent"]["summary"].as_str().unwrap();
    for code in failed {
        assert!(summary.contains(&code), "{code} not in {summary}");
    }
    let text = s.status(1, &["verify", "--parent", "rezipped.zip", "d.zip"]);
    assert!(text.contains("Parent:  PARENT INVALID (rezipped.zip)"), "{text}");
}

/// The codes of a JSON report's failed checks (the copy's own, not the `parent.*` ones), in order.
fn failed_codes(r: &Value) -> Vec<String> {
    r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["level"] == "fail")
        .map(|c| c["code"].as_str().unwrap().to_owned())
        .collect()
}

/// Unzips `bundle` into the folder `dir` and returns the path of its one root folder.
fn unzip_root(s: &Scratch, bundle: &str, dir: &str) -> std::path::PathBuf {
    fs::create_dir(s.path(dir)).unwrap();
    let o = Std::new("unzip").arg("-q").arg(s.path(bundle)).arg("-d").arg(s.path(dir)).output().unwrap();
    assert!(o.status.success(), "{o:?}");
    let roots: Vec<_> = fs::read_dir(s.path(dir)).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(roots.len(), 1, "{roots:?}");
    roots.into_iter().next().unwrap()
}

/// A copy that does not verify on its own (spec §9.7 step 1) is not checked against the
/// parent it names, even the right one: its manifest as read (an edited case title) or its
/// payload (a tampered file) is not what its sealer signed, so what it names of its parent
/// proves nothing. `parent.copy_not_verified`, DOES NOT MATCH, exit 1, the parent not
/// verified; the copy's own checks as they are without --parent; the second verifier agrees.
#[test]
fn verify_parent_does_not_check_a_copy_that_is_invalid_on_its_own() {
    let s = setup();
    s.ok(&["derive", "case.zip", "--key", "alice.key", "--items", "item-1,item-3", "--out", "d.zip"]);
    assert_eq!(against(&s, 0, "d.zip", "case.zip")["parent"]["verdict"], "matches");
    // The case title edited in the unzipped copy's manifest.
    let root = unzip_root(&s, "d.zip", "edited");
    let manifest = root.join("custody/manifest.json");
    let mut m: Value = serde_json::from_str(&fs::read_to_string(&manifest).unwrap()).unwrap();
    m["case"]["title"] = Value::from("Another case");
    fs::write(&manifest, serde_json::to_vec_pretty(&m).unwrap()).unwrap();
    // A payload file tampered with in another unzipped copy.
    let root = unzip_root(&s, "d.zip", "tampered");
    let page = root.join("data/item-1/page.html");
    assert!(page.is_file(), "{}", page.display());
    fs::write(&page, "<p>someone else lives here</p>\n").unwrap();
    for copy in ["edited", "tampered"] {
        let r = against(&s, 1, copy, "case.zip");
        assert_eq!((r["state"].as_str(), r["parent"]["verdict"].as_str()), (Some("invalid"), Some("does_not_match")));
        assert_eq!(parent_checks(&r), pairs(&[("parent.copy_not_verified", "fail")]), "{copy}");
        assert_eq!((&r["parent"]["state"], &r["parent"]["latest_event"]), (&Value::Null, &Value::Null), "{copy}");
        let message = r["parent"]["checks"][0]["message"].as_str().unwrap();
        assert!(message.contains("does not verify on its own") && message.contains("not proven"), "{message}");
        // The copy's own state and checks are those it has alone.
        let alone: Value = serde_json::from_str(&s.status(1, &["verify", "--format", "json", copy])).unwrap();
        assert_eq!(alone["state"], "invalid");
        assert!(!failed_codes(&alone).is_empty());
        assert_eq!(failed_codes(&r), failed_codes(&alone), "{copy}");
        assert_eq!(r["checks"].as_array().map(Vec::len), alone["checks"].as_array().map(Vec::len), "{copy}");
        let text = s.status(1, &["verify", "--parent", "case.zip", copy]);
        assert!(text.contains("State:   INVALID") && text.contains("Parent:  DOES NOT MATCH (case.zip)"), "{text}");
        assert!(!text.contains("MATCHES"), "{text}");
        // The second verifier: the same verdict and check, exit 1.
        let o = Std::new("python3")
            .arg(repo().join("tools/verify_bundle.py"))
            .args(["--json", "--parent"])
            .arg(s.path("case.zip"))
            .arg(s.path(copy))
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{o:?}");
        let py: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(py["parent"]["verdict"], "does_not_match", "{py:#}");
        assert_eq!(py["parent"]["checks"][0]["code"], "parent.copy_not_verified", "{py:#}");
    }
}

/// What a user may give as PARENT that cannot be verified at all (spec §9.7): a folder that is
/// no unzipped bundle, a bundle of format 1 (never released). Each is NOT CHECKED, exit 2, no
/// `parent.*` check, the parent's state null, the reason in the summary (both verifiers); the
/// copy's own state and checks are those it has alone. The copy given as its own parent is
/// verified and is another bundle than the one it names: DOES NOT MATCH, exit 1, and the
/// message says it is the copy itself.
#[test]
fn verify_parent_not_checked_for_a_folder_or_a_format_1_bundle_and_the_copy_is_not_its_own_parent() {
    let s = setup();
    s.ok(&["derive", "case.zip", "--key", "alice.key", "--items", "item-1,item-3", "--out", "d.zip"]);
    let alone = report(&s, "d.zip");
    fs::create_dir(s.path("folder")).unwrap();
    fs::write(s.path("folder/notes.txt"), "not a bundle\n").unwrap();
    fs::copy(repo().join("tests/vectors/v1/sealed.zip"), s.path("v1.zip")).unwrap();
    for (parent, reason) in [("folder", "not an unzipped bundle"), ("v1.zip", "format 1")] {
        let r = against(&s, 2, "d.zip", parent);
        assert_eq!((r["state"].as_str(), r["parent"]["verdict"].as_str()), (Some("intact"), Some("not_checked")));
        assert_eq!(parent_checks(&r), pairs(&[]), "{parent}");
        assert_eq!(r["parent"]["state"], Value::Null, "{parent}");
        let summary = r["parent"]["summary"].as_str().unwrap();
        assert!(summary.contains("could not be checked") && summary.contains(reason), "{parent}: {summary}");
        // No hint that does not apply to a parent (--each is for verifying the .zip files a folder holds).
        assert!(!summary.contains("--each"), "{parent}: {summary}");
        assert_eq!(r["checks"], alone["checks"], "{parent}");
        let text = s.status(2, &["verify", "--parent", parent, "d.zip"]);
        assert!(
            text.contains("State:   INTACT") && text.contains(&format!("Parent:  NOT CHECKED ({parent})")),
            "{text}"
        );
        second_verifier_against(&s, "d.zip", parent, 2, "not_checked");
    }
    // The copy as its own parent: it verifies, but is not the bundle it names.
    let r = against(&s, 1, "d.zip", "d.zip");
    assert_eq!((r["state"].as_str(), r["parent"]["verdict"].as_str()), (Some("intact"), Some("does_not_match")));
    assert_eq!(parent_checks(&r), pairs(&[("parent.verified", "pass"), ("parent.other_bundle", "fail")]));
    assert_eq!(r["parent"]["bundle_id"], alone["bundle_id"]);
    let message = r["parent"]["checks"][1]["message"].as_str().unwrap();
    assert!(message.contains("is this copy itself"), "{message}");
    assert_eq!(r["checks"], alone["checks"]);
    second_verifier_against(&s, "d.zip", "d.zip", 1, "does_not_match");
}

/// `tools/verify_bundle.py --json --parent PARENT COPY`: its exit status and parent verdict.
fn second_verifier_against(s: &Scratch, copy: &str, parent: &str, code: i32, verdict: &str) {
    let o = Std::new("python3")
        .arg(repo().join("tools/verify_bundle.py"))
        .args(["--json", "--parent", parent, copy])
        .current_dir(s.root())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(code), "{o:?}");
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["parent"]["verdict"], verdict, "{r:#}");
}

/// A parent that records the copy twice (the vector `parent-derivation-twice`, valid on its
/// own): the copy is checked against the event after the parent's latest event it names
/// (event 1), MATCHES, exit 0, with the warning `parent.derivation_repeated` naming both; and
/// so is a copy recorded after a false record of it (event 2 checked, not the first).
#[test]
fn verify_parent_warns_of_a_copy_recorded_twice_and_checks_the_record_after_its_latest_event() {
    let s = Scratch::new();
    let copy = s.vector("derived-recorded");
    let parent = s.vector("parent-derivation-twice");
    let r = against(&s, 0, &copy, &parent);
    assert_eq!((r["state"].as_str(), r["parent"]["verdict"].as_str()), (Some("intact"), Some("matches")));
    let want = [
        ("parent.verified", "pass"),
        ("parent.latest_event", "pass"),
        ("parent.derivation_recorded", "pass"),
        ("parent.derivation_repeated", "warn"),
    ];
    assert_eq!(parent_checks(&r), pairs(&want));
    assert_eq!(r["parent"]["derivation_event"], 1);
    let text = s.ok(&["verify", "--parent", &parent, &copy]);
    assert!(text.contains("Parent:  MATCHES") && text.contains("more than one derivation event (1, 2)"), "{text}");
    second_verifier_against(&s, &copy, &parent, 0, "matches");
    // The true record after a false one naming the copy's id (the vector
    // `parent-derivation-false-then-true`): event 2, the one after the copy's latest parent
    // event (1), is checked, not the first.
    let (copy, parent) = (s.vector("derived-after-false"), s.vector("parent-derivation-false-then-true"));
    let r = against(&s, 0, &copy, &parent);
    assert_eq!(parent_checks(&r), pairs(&want));
    assert_eq!((r["parent"]["latest_event"].as_u64(), r["parent"]["derivation_event"].as_u64()), (Some(1), Some(2)));
    second_verifier_against(&s, &copy, &parent, 0, "matches");
}
