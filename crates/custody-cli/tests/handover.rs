//! Hand-overs end to end: the four-party mutual legal assistance flow, refusals, partial
//! acceptance, rejection of damaged bundles, `--out`, and crash safety of in-place appends.

use std::fs;
use std::path::PathBuf;

use assert_cmd::Command;
use predicates::prelude::PredicateBooleanExt;
use serde_json::Value;
use tempfile::TempDir;

struct Parties {
    dir: TempDir,
}

impl Parties {
    fn new() -> Self {
        let p = Parties { dir: TempDir::new().unwrap() };
        for (who, name, org, role, jur) in [
            ("a", "Alice Wang", "City Police, Cyber Unit", "investigator", "CN"),
            ("b", "Bo Li", "City Procuratorate", "prosecutor", "CN"),
            ("c", "Chen Yu", "Ministry of Justice", "central_authority", "CN"),
            ("d", "Dana Schmidt", "Bundesamt für Justiz", "central_authority", "DE"),
        ] {
            p.ok(&[
                "keygen",
                "--out",
                &format!("{who}.key"),
                "--name",
                name,
                "--org",
                org,
                "--role",
                role,
                "--jurisdiction",
                jur,
            ]);
        }
        // Each party has confirmed the others' keys: receive checks sealer and sender against it.
        for who in ["a", "b", "c", "d"] {
            p.ok(&["trust", "add", &format!("{who}.key.pub"), "--file", "trusted.txt"]);
        }
        fs::create_dir(p.path("thread")).unwrap();
        fs::write(p.path("thread/index.html"), "<p>post</p>").unwrap();
        fs::write(p.path("video.mp4"), vec![7u8; 50_000]).unwrap();
        fs::write(p.path("notes.txt"), "analyst notes").unwrap();
        p.ok(&[
            "seal",
            "--key",
            "a.key",
            "--case-ref",
            "2026-CT-0412",
            "--out",
            "case.zip",
            "thread",
            "video.mp4",
            "notes.txt",
        ]);
        p
    }

    fn path(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
    }

    fn cmd(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        let mut c = Command::cargo_bin("custody").unwrap();
        c.current_dir(self.dir.path()).env("NO_COLOR", "1").args(args).assert()
    }

    fn ok(&self, args: &[&str]) -> String {
        String::from_utf8(self.cmd(args).success().get_output().stdout.clone()).unwrap()
    }

    /// Fails with exit 2 and a message containing `needle`.
    fn refused(&self, args: &[&str], needle: &str) {
        self.cmd(args).code(2).stderr(predicates::str::contains(needle));
    }

    fn report(&self, bundle: &str) -> (i32, Value) {
        let out = Command::cargo_bin("custody")
            .unwrap()
            .current_dir(self.dir.path())
            .args(["verify", "--format", "json", bundle])
            .output()
            .unwrap();
        (out.status.code().unwrap(), serde_json::from_slice(&out.stdout).unwrap())
    }
}

fn fails(r: &Value) -> Vec<String> {
    r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["level"] == "fail")
        .map(|c| c["code"].as_str().unwrap().into())
        .collect()
}

fn assert_intact(p: &Parties, bundle: &str) -> Value {
    let (code, r) = p.report(bundle);
    assert_eq!(code, 0, "{r:#}");
    assert_eq!(r["state"], "intact", "{r:#}");
    r
}

#[test]
fn four_party_mla_flow() {
    let p = Parties::new();
    p.ok(&[
        "transfer",
        "case.zip",
        "--key",
        "a.key",
        "--to",
        "b.key.pub",
        "--purpose",
        "prosecution review",
        "--condition",
        "use_limitation: only for proceedings 2026-CT-0412",
    ]);
    let r = assert_intact(&p, "case.zip");
    assert_eq!(r["pending_transfer"]["to"]["name"], "Bo Li");
    assert!(r["checks"].to_string().contains("custody.transfer_pending"));
    p.ok(&["receive", "case.zip", "--trust", "trusted.txt", "--key", "b.key"]);
    p.ok(&["transfer", "case.zip", "--key", "b.key", "--to", "c.key.pub", "--purpose", "MLA request to Germany"]);
    p.ok(&["receive", "case.zip", "--trust", "trusted.txt", "--key", "c.key"]);
    p.ok(&[
        "transfer",
        "case.zip",
        "--key",
        "c.key",
        "--to",
        "d.key.pub",
        "--purpose",
        "execution of MLA request",
        "--legal-basis",
        "Budapest Convention art. 25, 31",
        "--request-ref",
        "MLA-CN-DE-2026-0077",
        "--condition",
        "use_limitation: only for criminal proceedings",
        "--condition",
        "onward_transfer: no third states",
        "--condition",
        "retention: delete by 2031-12-31",
    ]);
    let out = p.ok(&[
        "receive",
        "case.zip",
        "--trust",
        "trusted.txt",
        "--key",
        "d.key",
        "--reject",
        "item-3",
        "--reason",
        "not requested",
        "--refuse-condition",
        "3",
        "--reason",
        "retention is set by German law",
    ]);
    assert!(out.contains("accepted in part"), "{out}");

    let r = assert_intact(&p, "case.zip");
    let timeline = r["timeline"].as_array().unwrap();
    let holders: Vec<&str> = timeline.iter().map(|t| t["holder"]["name"].as_str().unwrap()).collect();
    assert_eq!(holders, ["Alice Wang", "Bo Li", "Chen Yu", "Dana Schmidt"]);
    assert!(timeline[..3].iter().all(|t| t["until"].is_string()) && timeline[3].get("until").is_none());
    let last = &timeline[3]["handover"];
    assert_eq!(last["decision"], "accepted_in_part");
    assert_eq!(last["request_reference"], "MLA-CN-DE-2026-0077");
    assert_eq!(last["conditions"][2]["accepted"], false);
    assert_eq!(last["conditions"][2]["reason"], "retention is set by German law");
    assert_eq!(last["items_not_accepted"][0]["items"], serde_json::json!(["item-3"]));
    assert_eq!(last["items_not_accepted"][0]["status"], "rejected");
    assert_eq!(r["events"].as_array().unwrap().len(), 7);
    assert!(r.get("pending_transfer").is_none());

    // The report follows its schema, timeline included.
    let schema: Value =
        serde_json::from_str(&fs::read_to_string("../../schemas/verify-report.schema.json").unwrap()).unwrap();
    let v = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = v.iter_errors(&r).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");

    // The readable report shows the timeline and the refused condition.
    let text = p.ok(&["verify", "case.zip"]);
    assert!(text.contains("Custody timeline:") && text.contains("REFUSED"), "{text}");

    // Trust: all four keys trusted makes the chain trusted.
    for k in ["a", "b", "c", "d"] {
        p.ok(&["trust", "add", &format!("{k}.key.pub"), "--file", "trusted.txt"]);
    }
    let text = p.ok(&["verify", "--trust", "trusted.txt", "case.zip"]);
    assert!(text.contains("State:   TRUSTED"), "{text}");
}

#[test]
fn only_the_custodian_transfers_and_only_the_recipient_receives() {
    let p = Parties::new();
    p.refused(
        &["transfer", "case.zip", "--key", "b.key", "--to", "c.key.pub", "--purpose", "x"],
        "only the current custodian",
    );
    p.refused(&["receive", "case.zip", "--trust", "trusted.txt", "--key", "b.key"], "no transfer is waiting");
    p.ok(&["transfer", "case.zip", "--key", "a.key", "--to", "b.key.pub", "--purpose", "review"]);
    p.refused(&["transfer", "case.zip", "--key", "a.key", "--to", "c.key.pub", "--purpose", "x"], "no receipt yet");
    p.refused(&["receive", "case.zip", "--trust", "trusted.txt", "--key", "c.key"], "not to you");
    // A rejection keeps custody with the sender, who may then transfer again.
    p.ok(&[
        "receive",
        "case.zip",
        "--trust",
        "trusted.txt",
        "--key",
        "b.key",
        "--reject-all",
        "--reason",
        "wrong case",
    ]);
    p.refused(
        &["transfer", "case.zip", "--key", "b.key", "--to", "c.key.pub", "--purpose", "x"],
        "only the current custodian",
    );
    p.ok(&["transfer", "case.zip", "--key", "a.key", "--to", "c.key.pub", "--purpose", "second try"]);
    let r = assert_intact(&p, "case.zip");
    assert_eq!(r["timeline"].as_array().unwrap().len(), 1, "nobody but Alice ever held it");
    assert!(r["events"][2]["summary"].as_str().unwrap().contains("rejected"));
}

#[test]
fn key_and_argument_mistakes_are_clear() {
    let p = Parties::new();
    let t = |to: &str, needle: &str| {
        p.refused(&["transfer", "case.zip", "--key", "a.key", "--to", to, "--purpose", "x"], needle);
    };
    t("missing.pub", "missing.pub");
    t("b.key", "private key");
    fs::write(p.path("junk.pub"), "not a key").unwrap();
    t("junk.pub", "not a key file");
    t("a.key.pub", "the recipient is you");
    p.refused(&["transfer", "case.zip", "--key", "b.key.pub", "--to", "c.key.pub", "--purpose", "x"], "public key");
    p.ok(&[
        "transfer",
        "case.zip",
        "--key",
        "a.key",
        "--to",
        "b.key.pub",
        "--purpose",
        "review",
        "--condition",
        "a",
        "--condition",
        "b",
    ]);
    p.refused(
        &["receive", "case.zip", "--trust", "trusted.txt", "--key", "b.key", "--reject", "item-9", "--reason", "x"],
        "no item 'item-9'",
    );
    p.refused(
        &["receive", "case.zip", "--trust", "trusted.txt", "--key", "b.key", "--reject", "item-1"],
        "needs a --reason",
    );
    p.refused(
        &[
            "receive",
            "case.zip",
            "--trust",
            "trusted.txt",
            "--key",
            "b.key",
            "--refuse-condition",
            "5",
            "--reason",
            "x",
        ],
        "no condition 5",
    );
    p.refused(
        &["receive", "case.zip", "--trust", "trusted.txt", "--key", "b.key", "--reason", "dangling"],
        "must follow",
    );
    // Nothing was appended by the refused commands.
    let r = assert_intact(&p, "case.zip");
    assert_eq!(r["events"].as_array().unwrap().len(), 2);
}

#[test]
fn out_leaves_the_input_untouched() {
    let p = Parties::new();
    let before = fs::read(p.path("case.zip")).unwrap();
    p.ok(&["transfer", "case.zip", "--key", "a.key", "--to", "b.key.pub", "--purpose", "review", "--out", "sent.zip"]);
    assert_eq!(fs::read(p.path("case.zip")).unwrap(), before);
    p.ok(&["receive", "sent.zip", "--trust", "trusted.txt", "--key", "b.key", "--out", "received.zip"]);
    assert_eq!(assert_intact(&p, "received.zip")["timeline"].as_array().unwrap().len(), 2);
    assert_eq!(assert_intact(&p, "sent.zip")["timeline"].as_array().unwrap().len(), 1);
    p.refused(
        &["receive", "sent.zip", "--trust", "trusted.txt", "--key", "b.key", "--out", "received.zip"],
        "already exists",
    );
}

#[test]
fn appending_keeps_every_earlier_byte() {
    let p = Parties::new();
    let before = fs::read(p.path("case.zip")).unwrap();
    p.ok(&["transfer", "case.zip", "--key", "a.key", "--to", "b.key.pub", "--purpose", "review"]);
    let after = fs::read(p.path("case.zip")).unwrap();
    // Everything up to the old tag manifest entry is byte-identical.
    let a = custody_core::archive::Archive::open(Box::new(before.clone())).unwrap();
    let cut = a.entry("tagmanifest-sha256.txt").unwrap().header_offset as usize;
    assert_eq!(before[..cut], after[..cut]);
    assert!(after.len() > before.len());
}

#[test]
fn a_damaged_bundle_can_only_be_rejected_or_accepted_without_the_damaged_item() {
    let p = Parties::new();
    p.ok(&["transfer", "case.zip", "--key", "a.key", "--to", "b.key.pub", "--purpose", "review"]);
    // Damage one payload byte in place (the video, item-2).
    let mut bytes = fs::read(p.path("case.zip")).unwrap();
    let a = custody_core::archive::Archive::open(Box::new(bytes.clone())).unwrap();
    let at = a.entry("data/item-2/video.mp4").unwrap().data_offset as usize + 100;
    bytes[at] ^= 1;
    fs::write(p.path("damaged.zip"), &bytes).unwrap();
    // Only the video is damaged: the others can be accepted, the video is marked.
    let out = p.ok(&["receive", "damaged.zip", "--trust", "trusted.txt", "--key", "b.key", "--out", "partial.zip"]);
    assert!(out.contains("item-2: damaged, does not match its SHA-256") && out.contains("accepted in part"), "{out}");
    let (code, r) = p.report("partial.zip");
    assert_eq!(code, 1, "the payload is still damaged");
    assert!(!fails(&r).contains(&"receipt.accepts_damaged_item".to_string()), "{r:#}");

    // Damage a tag file instead (a word added to the derived bag-info.txt): acceptance is
    // refused, rejection is recorded.
    let mut e = custody_core::archive::read_archive(fs::read(p.path("case.zip")).unwrap()).unwrap();
    let info = e.iter_mut().find(|(n, _)| n == "bag-info.txt").unwrap();
    info.1.extend_from_slice(b"Note: unsigned\n");
    fs::write(p.path("broken.zip"), custody_core::archive::testing::write_archive(&e, chrono::Utc::now()).unwrap())
        .unwrap();
    p.refused(&["receive", "broken.zip", "--trust", "trusted.txt", "--key", "b.key"], "--reject-all");
    let out = p.ok(&[
        "receive",
        "broken.zip",
        "--trust",
        "trusted.txt",
        "--key",
        "b.key",
        "--reject-all",
        "--reason",
        "manifest signature missing",
    ]);
    assert!(out.contains("rejected") && out.contains("Custody stays with the sender"), "{out}");
}

#[test]
fn crash_mid_tail_rolls_back() {
    crash_at_then("mid-tail", false);
}

#[test]
fn crash_after_tail_completes() {
    crash_at_then("after-tail", true);
}

#[test]
fn crash_after_journal_is_safe() {
    crash_at_then("after-journal", false);
}

/// Aborts a transfer at `point`; then verify reads the old (or, after the tail was written,
/// the new) bundle without changing anything, `recover` finishes the job, and the
/// interrupted operation can simply be run again.
fn crash_at_then(point: &str, expect_new: bool) {
    let p = Parties::new();
    let before = fs::read(p.path("case.zip")).unwrap();
    Command::cargo_bin("custody")
        .unwrap()
        .current_dir(p.dir.path())
        .env(custody_core::append::CRASH_ENV, point)
        .args(["transfer", "case.zip", "--key", "a.key", "--to", "b.key.pub", "--purpose", "review"])
        .assert()
        .failure();
    let journal = p.path("case.zip.custody-journal");
    assert!(journal.exists(), "{point}: the journal must be there");
    // verify reads the file as it is (never the journal) and says an update is pending.
    let (code, r) = p.report("case.zip");
    let torn = point == "mid-tail";
    assert_eq!(code, if torn { 1 } else { 0 }, "{point}: {r:#}");
    if !torn {
        assert_eq!(r["events"].as_array().unwrap().len(), if expect_new { 2 } else { 1 }, "{point}");
    }
    assert_eq!(r["checks"][0]["code"], "bundle.journal_pending", "{point}: {r:#}");
    assert!(journal.exists(), "verify must not change anything");
    let msg = p.ok(&["recover", "case.zip"]);
    let said = match point {
        "after-tail" => "had completed",
        "after-journal" => "before it changed the bundle",
        _ => "undone",
    };
    assert!(msg.contains(said), "{point}: {msg}");
    assert!(!journal.exists());
    if !expect_new {
        assert_eq!(fs::read(p.path("case.zip")).unwrap(), before, "{point}: rolled back byte for byte");
        p.ok(&["transfer", "case.zip", "--key", "a.key", "--to", "b.key.pub", "--purpose", "review"]);
    }
    p.ok(&["receive", "case.zip", "--trust", "trusted.txt", "--key", "b.key"]);
    assert_eq!(assert_intact(&p, "case.zip")["events"].as_array().unwrap().len(), 3);
    let leftovers = fs::read_dir(p.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".custody-tmp"))
        .count();
    assert_eq!(leftovers, 0, "{point}: temporary files left behind");
}

#[test]
fn out_refuses_an_input_with_an_interrupted_update() {
    let p = Parties::new();
    Command::cargo_bin("custody")
        .unwrap()
        .current_dir(p.dir.path())
        .env(custody_core::append::CRASH_ENV, "mid-tail")
        .args(["transfer", "case.zip", "--key", "a.key", "--to", "b.key.pub", "--purpose", "review"])
        .assert()
        .failure();
    let torn = fs::read(p.path("case.zip")).unwrap();
    p.refused(
        &["transfer", "case.zip", "--key", "a.key", "--to", "b.key.pub", "--purpose", "x", "--out", "copy.zip"],
        "custody recover",
    );
    assert_eq!(fs::read(p.path("case.zip")).unwrap(), torn, "--out never changes the input");
    assert!(!p.path("copy.zip").exists());
}

#[test]
fn a_key_keeps_one_identity_within_a_bundle() {
    let p = Parties::new();
    p.ok(&["transfer", "case.zip", "--key", "a.key", "--to", "b.key.pub", "--purpose", "review"]);
    p.ok(&["receive", "case.zip", "--trust", "trusted.txt", "--key", "b.key"]);
    // Alice's key is in the bundle already; a .pub claiming another name for it is refused.
    let text = fs::read_to_string(p.path("a.key.pub")).unwrap().replace("Name: Alice Wang", "Name: Alicia Wong");
    fs::write(p.path("alicia.pub"), text).unwrap();
    p.refused(&["transfer", "case.zip", "--key", "b.key", "--to", "alicia.pub", "--purpose", "back"], "one identity");
    p.ok(&["transfer", "case.zip", "--key", "b.key", "--to", "a.key.pub", "--purpose", "back"]);
    p.ok(&["receive", "case.zip", "--trust", "trusted.txt", "--key", "a.key"]);
    assert_intact(&p, "case.zip");
}

/// The colleague-name forgery (issue #13.6): Mallory makes a key claiming Alice's identity,
/// seals, and transfers to Bo. Bo's receive refuses it without a trust list, and with a
/// trust list that holds the real Alice; only a list vouching for both parties (or
/// --accept-untrusted, recorded as such) lets a receipt accept.
#[test]
fn receive_accepts_only_what_the_trust_list_vouches_for() {
    let p = Parties::new();
    p.ok(&[
        "keygen",
        "--out",
        "m.key",
        "--name",
        "Alice Wang",
        "--org",
        "City Police, Cyber Unit",
        "--role",
        "investigator",
        "--jurisdiction",
        "CN",
    ]);
    p.ok(&["seal", "--key", "m.key", "--case-ref", "2026-CT-0412", "--out", "forged.zip", "notes.txt"]);
    p.ok(&["transfer", "forged.zip", "--key", "m.key", "--to", "b.key.pub", "--purpose", "review"]);
    let before = fs::read(p.path("forged.zip")).unwrap();
    let unchanged = || assert_eq!(fs::read(p.path("forged.zip")).unwrap(), before, "nothing written");
    let mallory = fs::read_to_string(p.path("m.key.pub")).unwrap();
    let m_fp = custody_core::PublicKeyFile::from_file_text(&mallory).unwrap().key.fingerprint().to_string();

    // No trust list: refused before anything is hashed, exit 1.
    p.cmd(&["receive", "forged.zip", "--key", "b.key"])
        .code(1)
        .stderr(predicates::str::contains("no trust list").and(predicates::str::contains("--accept-untrusted")));
    unchanged();
    // A trust list with the real Alice: the forger's key is named, with its fingerprint.
    p.cmd(&["receive", "forged.zip", "--key", "b.key", "--trust", "trusted.txt"])
        .code(1)
        .stderr(predicates::str::contains(m_fp.as_str()).and(predicates::str::contains("not in your trust list")));
    unchanged();
    // A fingerprint-only entry knows the key but vouches for no identity.
    fs::write(p.path("fp-only.txt"), format!("{m_fp}\n")).unwrap();
    p.cmd(&["receive", "forged.zip", "--key", "b.key", "--trust", "fp-only.txt"])
        .code(1)
        .stderr(predicates::str::contains("without a full identity"));
    unchanged();
    // A rejection needs no trust list.
    fs::copy(p.path("forged.zip"), p.path("forged-2.zip")).unwrap();
    p.ok(&["receive", "forged-2.zip", "--key", "b.key", "--reject-all", "--reason", "sealer unknown"]);
    // --accept-untrusted: accepted, and the receipt says nobody was vouched for.
    let out = p.ok(&["receive", "forged.zip", "--key", "b.key", "--trust", "trusted.txt", "--accept-untrusted"]);
    assert!(out.contains("sealed by: Alice Wang") && out.contains(&m_fp), "{out}");
    assert!(out.contains("NOT vouched for"), "{out}");
    let r = receipt_of(&p, "forged.zip");
    assert_eq!(r["verification"]["sealer_trusted"], false);
    assert_eq!(r["verification"]["sender_trusted"], false);

    // The real thing: sealed and sent by Alice, whom Bo's list vouches for.
    p.ok(&["transfer", "case.zip", "--key", "a.key", "--to", "b.key.pub", "--purpose", "review"]);

    // A revoked key is not trusted at receive either (spec §10, the rule verify applies): a
    // list that revoked Alice's key before she signed (and no trusted time proving otherwise)
    // is refused naming both parties, with nothing written; accepted as untrusted, the
    // receipt records that neither was vouched for.
    fs::copy(p.path("case.zip"), p.path("revoked.zip")).unwrap();
    let revoked: String = fs::read_to_string(p.path("trusted.txt"))
        .unwrap()
        .lines()
        .map(|l| if l.contains("Alice") { format!("{l} revoked=2020-01-01T00:00:00Z\n") } else { format!("{l}\n") })
        .collect();
    assert!(revoked.contains("revoked="), "{revoked}");
    fs::write(p.path("revoked.txt"), revoked).unwrap();
    let before = fs::read(p.path("revoked.zip")).unwrap();
    p.cmd(&["receive", "revoked.zip", "--key", "b.key", "--trust", "revoked.txt"]).code(1).stderr(
        predicates::str::contains("the sealer: Alice Wang")
            .and(predicates::str::contains("the sender: Alice Wang"))
            .and(predicates::str::contains("revoked at 2020-01-01T00:00:00Z")),
    );
    assert_eq!(fs::read(p.path("revoked.zip")).unwrap(), before, "nothing written");
    p.ok(&["receive", "revoked.zip", "--key", "b.key", "--trust", "revoked.txt", "--accept-untrusted"]);
    let v = receipt_of(&p, "revoked.zip")["verification"].clone();
    assert_eq!((v["sealer_trusted"].clone(), v["sender_trusted"].clone()), (Value::Bool(false), Value::Bool(false)));

    let out = p.ok(&["receive", "case.zip", "--key", "b.key", "--trust", "trusted.txt"]);
    let a_fp = custody_core::PublicKeyFile::from_file_text(&fs::read_to_string(p.path("a.key.pub")).unwrap())
        .unwrap()
        .key
        .fingerprint()
        .to_string();
    assert!(
        out.contains("sealed by: Alice Wang") && out.contains(&a_fp) && out.contains("in your trust list"),
        "{out}"
    );
    assert!(out.contains("sent by:"), "{out}");
    let r = receipt_of(&p, "case.zip");
    let v = &r["verification"];
    assert_eq!((v["sealer_trusted"].clone(), v["sender_trusted"].clone()), (Value::Bool(true), Value::Bool(true)));
    let list_sha = custody_core::Sha256Digest::of(&fs::read(p.path("trusted.txt")).unwrap()).hex();
    assert_eq!(v["trust_list_sha256"], list_sha);
    assert!(v["tsa_trusted"].is_null() && v["tsa_roots_sha256"].is_null(), "{v}");
    assert_intact(&p, "case.zip");
}

/// The last receipt in a bundle, as JSON.
fn receipt_of(p: &Parties, bundle: &str) -> Value {
    let a = custody_core::archive::Archive::open(Box::new(fs::read(p.path(bundle)).unwrap())).unwrap();
    let e = a.entries().iter().rfind(|e| e.name.ends_with("-receipt.json")).unwrap();
    let v: Value = serde_json::from_slice(&a.read_entry(e, 1 << 20).unwrap()).unwrap();
    v["receipt"].clone()
}

/// Every option that names a file says which option when the file is missing (issue #21.6).
#[test]
fn a_missing_file_names_its_option() {
    let p = Parties::new();
    let cases: [(&[&str], &str); 9] = [
        (
            &["seal", "--key", "nokey.key", "--case-ref", "X", "--out", "x.zip", "notes.txt"],
            "--key nokey.key: no such file",
        ),
        (
            &["seal", "--key", "a.key", "--case-file", "none.toml", "--out", "x.zip"],
            "--case-file none.toml: no such file",
        ),
        (
            &["transfer", "case.zip", "--key", "a.key", "--to", "nobody.pub", "--purpose", "x"],
            "--to nobody.pub: no such file",
        ),
        (&["receive", "case.zip", "--key", "nokey.key", "--accept-untrusted"], "--key nokey.key: no such file"),
        (&["verify", "--trust", "none.txt", "case.zip"], "--trust none.txt: no such file"),
        (&["verify", "--tsa-roots", "none.pem", "case.zip"], "--tsa-roots none.pem: no such file"),
        (&["extract", "case.zip", "--out", "out", "--trust", "none.txt"], "--trust none.txt: no such file"),
        (&["trust", "list", "--file", "none.txt"], "--file none.txt: no such file"),
        (&["trust", "add", "nobody.pub", "--file", "t.txt"], "nobody.pub: no such file"),
    ];
    for (args, needle) in cases {
        p.refused(args, needle);
    }
    assert!(!p.path("x.zip").exists() && !p.path("out").exists() && !p.path("t.txt").exists());
}

/// `trust add` of a key already listed: nothing written, exit 0, and a note (issue #21.6).
#[test]
fn trust_add_of_a_listed_key_is_a_no_op() {
    let p = Parties::new();
    let before = fs::read(p.path("trusted.txt")).unwrap();
    let out = p.ok(&["trust", "add", "b.key.pub", "--file", "trusted.txt"]);
    assert!(out.contains("already in trusted.txt") && out.contains("nothing was changed"), "{out}");
    assert_eq!(fs::read(p.path("trusted.txt")).unwrap(), before);
    // Listed under another identity: refused, also without writing.
    let text = String::from_utf8(before.clone()).unwrap().replace("Bo Li", "Bo Lee");
    fs::write(p.path("trusted.txt"), &text).unwrap();
    p.refused(&["trust", "add", "b.key.pub", "--file", "trusted.txt"], "under another identity");
    assert_eq!(fs::read_to_string(p.path("trusted.txt")).unwrap(), text);
}

/// A transfer attaches at most 32 conditions (spec §5.4): a 33rd is refused before the
/// bundle is touched, with what to do; a receipt says how many items it accepts and lists
/// only the others, grouped by status and reason (§5.5).
#[test]
fn at_most_32_conditions_and_a_receipt_lists_only_what_it_does_not_accept() {
    let p = Parties::new();
    let before = fs::read(p.path("case.zip")).unwrap();
    let mut args: Vec<String> =
        ["transfer", "case.zip", "--key", "a.key", "--to", "b.key.pub", "--purpose", "review"].map(String::from).into();
    for i in 1..=33 {
        args.extend(["--condition".to_string(), format!("other: condition {i}")]);
    }
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    p.cmd(&argv).code(2).stderr(
        predicates::str::contains("33 conditions; a transfer may attach at most 32")
            .and(predicates::str::contains("merge related conditions")),
    );
    assert_eq!(fs::read(p.path("case.zip")).unwrap(), before, "nothing was written");
    let argv: Vec<&str> = argv[..argv.len() - 2].to_vec();
    p.ok(&argv);
    let out = p.ok(&[
        "receive",
        "case.zip",
        "--trust",
        "trusted.txt",
        "--key",
        "b.key",
        "--reject",
        "item-1",
        "--reason",
        "not requested",
        "--reject",
        "item-3",
        "--reason",
        "not requested",
    ]);
    assert!(out.contains("items: 1 of 3 accepted"), "{out}");
    assert!(out.contains("item-1, item-3: rejected (not requested)"), "{out}");
    let r = receipt_of(&p, "case.zip");
    assert_eq!(r["items_total"], 3, "{r:#}");
    assert_eq!(
        r["exceptions"],
        serde_json::json!([{"status": "rejected", "reason": "not requested", "items": ["item-1", "item-3"]}])
    );
    assert_intact(&p, "case.zip");
}
