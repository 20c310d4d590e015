//! The format's bounds on what a verifier holds (spec §9.4, issue #15 "bounded signatures",
//! #13.4): a signed document over 1 MiB and a signature file over 64 bytes are refused
//! unread (`archive.entry_too_large`, naming the file), and a bundle of more than 10,000
//! events is refused before any event is read (`archive.too_many_events`), by both
//! verifiers. These bundles are made here rather than kept as vectors: each is over 1 MB.

use std::path::Path;

use custody_core::verify::{Level, VerifyOptions, verify_source};

use super::hostile::craft;

/// The failing codes of `custody verify` and, if Python is there, of the second verifier.
pub(super) fn both_verifiers(bundle: &[u8]) -> Vec<(String, Vec<String>)> {
    verifiers(bundle).1
}

/// The Rust verifier's report, and the failing codes of both verifiers: when `python3` is
/// there, the second verifier must have run and printed its report (a crash, a `MemoryError`
/// or a missing module fails the test rather than leaving one verifier to speak for two).
fn verifiers(bundle: &[u8]) -> (custody_core::verify::Report, Vec<(String, Vec<String>)>) {
    let opts = VerifyOptions::default().with_jobs(1);
    let r = verify_source(Box::new(bundle.to_vec()), "bounds.zip", &opts);
    let mut fails: Vec<String> =
        r.checks.iter().filter(|c| c.level == Level::Fail).map(|c| c.code.to_string()).collect();
    fails.sort();
    let mut out = vec![("custody".to_string(), fails)];
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("b.zip");
    std::fs::write(&file, bundle).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/verify_bundle.py");
    if let Ok(o) = std::process::Command::new("python3").arg(&script).arg("--json").arg(&file).output() {
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
            panic!("verify_bundle.py printed no report ({e}): {}", String::from_utf8_lossy(&o.stderr))
        });
        let mut fails: Vec<String> = v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["level"] == "fail")
            .map(|c| c["code"].as_str().unwrap().to_string())
            .collect();
        fails.sort();
        out.push(("verify_bundle.py".into(), fails));
        assert_eq!(out.len(), 2, "both verifiers ran");
    }
    (r, out)
}

#[test]
fn more_events_than_a_bundle_may_hold_are_refused_before_any_is_read() {
    let bundle = craft("events", 10_000).unwrap();
    for (who, fails) in both_verifiers(&bundle) {
        assert_eq!(fails, ["archive.too_many_events"], "{who}: nothing else is checked");
    }
    // At the bound (the seal and 9,999 more) the events are read: each of these is malformed.
    let bundle = craft("events", 9_999).unwrap();
    for (who, fails) in both_verifiers(&bundle) {
        assert!(!fails.iter().any(|c| c == "archive.too_many_events"), "{who}: {fails:?}");
        assert!(fails.iter().any(|c| c == "event.invalid"), "{who}: {fails:?}");
    }
}

/// A parent of more events than a bundle may hold (spec §9.7 with §9.4): its own verification
/// refuses it before any event is read, so the copy is checked against nothing it holds
/// (`parent.not_verified`), and no second reader takes the events past the bound.
#[test]
fn a_parent_of_more_events_than_a_bundle_may_hold_is_not_verified() {
    use custody_core::verify::{ParentVerdict, State, verify_with_parent};
    let dir = tempfile::tempdir().unwrap();
    let parent = dir.path().join("parent.zip");
    std::fs::write(&parent, craft("events", 10_000).unwrap()).unwrap();
    let copy = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/derived-recorded.zip");
    let r = verify_with_parent(&copy, &parent, &VerifyOptions::default().with_jobs(1)).unwrap();
    let p = r.parent.unwrap();
    assert_eq!((p.verdict, p.state), (ParentVerdict::ParentInvalid, Some(State::Invalid)));
    let codes: Vec<&str> = p.checks.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(codes, ["parent.not_verified"]);
    assert_eq!((p.latest_event, p.derivation_event), (None, None));
}

/// A signed manifest of more items than a bundle may hold (spec §9.4): `manifest.too_many_items`
/// from both verifiers, whatever the 100,001st element holds, unless a departure from the shape
/// comes before it (spec §9.1 step 8: one code, in document order); read no further (nothing
/// that needs the manifest is checked: its files are not there, and no
/// `manifest.payload_mismatch` says so). At the bound the items are read (here their files are
/// missing); bench/million.sh seals and verifies 100,000 real items, and bench/hostile.sh
/// measures the memory a manifest of a million tiny items costs.
#[test]
fn a_manifest_of_more_items_than_a_bundle_may_hold_is_refused_as_it_is_read() {
    let max = custody_core::layout::MAX_ITEMS as usize;
    // The 100,001st element is not an item: it is skipped, not read, so the code is the bound's.
    let (r, runs) = verifiers(&craft("items-odd-last", max + 1).unwrap());
    let over = r.checks.iter().find(|c| c.code.as_str() == "manifest.too_many_items").expect("refused");
    assert_eq!(over.path.as_deref(), Some("custody/manifest.json"));
    assert!(over.message.contains("100000 items"), "{}", over.message);
    assert_eq!(r.state, custody_core::verify::State::Invalid);
    assert!(r.items.is_empty(), "no item is reported from a manifest read no further");
    for (who, fails) in runs {
        assert_eq!(fails, ["manifest.too_many_items"], "{who}");
    }
    // A departure met before the bound, in the 6th item, is the code instead (spec §9.1 step 8).
    for (who, fails) in both_verifiers(&craft("items-odd-6", max + 1).unwrap()) {
        assert_eq!(fails, ["manifest.invalid"], "{who}");
    }
    // At the bound every item is read: each describes a file the bundle does not hold.
    let (r, runs) = verifiers(&craft("items", max).unwrap());
    assert_eq!(r.items.len(), max, "every item is reported");
    for (who, fails) in runs {
        assert!(fails.iter().any(|c| c == "manifest.payload_mismatch"), "{who}: {fails:?}");
        assert!(!fails.iter().any(|c| c == "manifest.invalid" || c == "manifest.too_many_items"), "{who}: {fails:?}");
    }
}

/// Writers refuse more items than a bundle may hold before reading any input (spec §9.4):
/// these inputs do not exist, and nothing is written.
/// The key the sealing tests seal with.
fn sealer() -> custody_core::KeyPair {
    custody_core::KeyPair::from_seed(
        [7; 32],
        custody_core::Identity {
            name: "A".into(),
            organisation: "Org".into(),
            role: custody_core::Role::Prosecutor,
            jurisdiction: "FR".into(),
        },
    )
}

#[test]
fn sealing_more_items_than_a_bundle_may_hold_is_refused_before_any_input_is_read() {
    use custody_core::casefile::CaseInput;
    use custody_core::seal::{ItemInput, SealOptions, seal};
    let dir = tempfile::tempdir().unwrap();
    let max = custody_core::layout::MAX_ITEMS as usize;
    let items: Vec<ItemInput> = (0..=max).map(|i| ItemInput::bare(dir.path().join(format!("absent-{i}")))).collect();
    let opts = SealOptions::default().with_case(CaseInput::new("R")).with_items(items);
    let key = sealer();
    let out = dir.path().join("b.zip");
    let e = seal(&key, &out, &opts).unwrap_err();
    assert!(matches!(e, custody_core::Error::TooManyItems { items: 100_001 }), "{e:?}");
    assert!(!out.exists());
    assert_eq!(custody_core::exit::ErrorKind::of(&e).as_str(), "input");
}

#[test]
fn a_signed_document_over_1_mib_is_refused_unread_naming_it() {
    let bundle = craft("oversize", 1025).unwrap();
    let opts = VerifyOptions::default().with_jobs(1);
    let r = verify_source(Box::new(bundle.clone()), "bounds.zip", &opts);
    let too_large = r.checks.iter().find(|c| c.code.as_str() == "archive.entry_too_large").expect("refused");
    assert_eq!(too_large.path.as_deref(), Some("custody/events/000000-seal.json"));
    assert!(too_large.message.contains("custody/events/000000-seal.json"), "{}", too_large.message);
    let runs = both_verifiers(&bundle);
    assert!(runs.iter().all(|(_, f)| f.iter().any(|c| c == "archive.entry_too_large")), "{runs:?}");
    assert!(runs.windows(2).all(|w| w[0].1 == w[1].1), "both verifiers agree: {runs:?}");
    // Just under the limit, the same document is read and its signature verifies.
    let bundle = craft("oversize", 1000).unwrap();
    for (who, fails) in both_verifiers(&bundle) {
        assert!(fails.is_empty(), "{who}: {fails:?}");
    }
}

/// A bundle of more items than a per-item receipt could list within 1 MiB (about 15,000) is
/// received: the receipt names only what is not accepted, grouped, and verifies. A receipt
/// that would still be over 1 MiB is refused before anything is written, with a remedy; the
/// whole rejection it suggests always fits.
#[test]
fn a_bundle_of_20000_items_is_received_and_an_oversize_receipt_refused() {
    use custody_core::casefile::CaseInput;
    use custody_core::handover::{ReceiveOptions, TransferOptions, receive, transfer};
    use custody_core::seal::{ItemInput, SealOptions, seal};
    use custody_core::verify::{State, verify_path};
    use custody_core::{Error, Identity, KeyPair, Role, Sha256Digest};

    let key = |label: &str, name: &str| {
        let id = Identity {
            name: name.into(),
            organisation: "Org".into(),
            role: Role::Prosecutor,
            jurisdiction: "FR".into(),
        };
        KeyPair::from_seed(Sha256Digest::of(label.as_bytes()).0, id)
    };
    let (alice, bob) = (key("bounds alice", "Alice"), key("bounds bob", "Bob"));
    let dir = tempfile::tempdir().unwrap();
    let n = 20_000;
    let items: Vec<ItemInput> = (0..n)
        .map(|i| {
            let p = dir.path().join(format!("f{i}.txt"));
            std::fs::write(&p, i.to_string()).unwrap();
            ItemInput::bare(p)
        })
        .collect();
    let bundle = dir.path().join("many.zip");
    let opts =
        SealOptions::default().with_case(CaseInput::new("B-1")).with_import(false).with_items(items).with_jobs(2);
    seal(&alice, &bundle, &opts).expect("seal");
    transfer(&bundle, None, &TransferOptions::new(&alice, bob.public(), bob.identity.clone(), "review"))
        .expect("transfer");
    let before = std::fs::read(&bundle).unwrap();

    // Every item refused with its own reason: over 1 MiB, refused, nothing written.
    let mut o = ReceiveOptions::default().with_jobs(2).accepting_untrusted();
    o.reject_items = (1..=n).map(|i| (format!("item-{i}"), format!("reason number {i} for this item"))).collect();
    let e = receive(&bundle, None, &bob, &o).unwrap_err();
    assert!(matches!(e, Error::BadInput { field: "receipt", .. }), "{e}");
    assert!(e.to_string().contains("reject the whole bundle"), "{e}");
    assert_eq!(std::fs::read(&bundle).unwrap(), before, "nothing was written");

    // Half of them refused for one reason: one group, accepted in part, and it verifies.
    o.reject_items = (1..=n / 2).map(|i| (format!("item-{i}"), "not requested".to_string())).collect();
    let done = receive(&bundle, None, &bob, &o).expect("receive");
    let r = done.event.receipt.as_ref().unwrap();
    assert_eq!((r.items_total, r.exceptions.len(), r.exceptions[0].items.len()), (n as u64, 1, n / 2));
    assert_eq!(r.decision.as_str(), "accepted_in_part");
    let report = verify_path(&bundle, &VerifyOptions::default().with_jobs(2)).unwrap();
    assert_eq!(report.state, State::Intact, "{:?}", report.failures());
}

/// A receipt that accepts damaged items is reported once, naming the first damaged item (in
/// manifest order) and how many others it accepts (spec §7.3), by both verifiers: the report
/// grows with the receipts, not with receipts times damaged items.
#[test]
fn a_receipt_accepting_damaged_items_is_reported_once_with_their_count() {
    use custody_core::archive::{Archive, read_archive, testing::write_archive};
    use custody_core::casefile::CaseInput;
    use custody_core::handover::{ReceiveOptions, TransferOptions, receive, transfer};
    use custody_core::seal::{ItemInput, SealOptions, seal};
    use custody_core::{Identity, KeyPair, Role, Sha256Digest};

    let key = |label: &str, name: &str| {
        let id = Identity {
            name: name.into(),
            organisation: "Org".into(),
            role: Role::Prosecutor,
            jurisdiction: "FR".into(),
        };
        KeyPair::from_seed(Sha256Digest::of(label.as_bytes()).0, id)
    };
    let (alice, bob) = (key("bounds alice", "Alice"), key("bounds bob", "Bob"));
    let dir = tempfile::tempdir().unwrap();
    let items: Vec<ItemInput> = (0..4)
        .map(|i| {
            let p = dir.path().join(format!("f{i}.txt"));
            std::fs::write(&p, format!("evidence {i}")).unwrap();
            ItemInput::bare(p)
        })
        .collect();
    let bundle = dir.path().join("b.zip");
    let opts =
        SealOptions::default().with_case(CaseInput::new("B-2")).with_import(false).with_items(items).with_jobs(1);
    seal(&alice, &bundle, &opts).expect("seal");
    transfer(&bundle, None, &TransferOptions::new(&alice, bob.public(), bob.identity.clone(), "review"))
        .expect("transfer");
    receive(&bundle, None, &bob, &ReceiveOptions::default().with_jobs(1).accepting_untrusted()).expect("receive");
    // Three of the four items' files are changed after the receipt was signed.
    let mut entries = read_archive(std::fs::read(&bundle).unwrap()).unwrap();
    let damaged = |n: &str| n.starts_with("data/item-") && !n.starts_with("data/item-1/");
    for (_, data) in entries.iter_mut().filter(|(n, _)| damaged(n)) {
        data.push(b'!');
    }
    let bytes = write_archive(&entries, chrono::Utc::now()).unwrap();
    assert!(Archive::open(Box::new(bytes.clone())).is_ok());
    let opts = VerifyOptions::default().with_jobs(1);
    let r = verify_source(Box::new(bytes.clone()), "b.zip", &opts);
    let accepts: Vec<_> = r.checks.iter().filter(|c| c.code.as_str() == "receipt.accepts_damaged_item").collect();
    assert_eq!(accepts.len(), 1, "{accepts:?}");
    assert!(accepts[0].message.starts_with("item-2 is damaged"), "{}", accepts[0].message);
    assert!(accepts[0].message.contains("(and 2 other damaged item(s))"), "{}", accepts[0].message);
    let runs = both_verifiers(&bytes);
    for (who, fails) in &runs {
        assert_eq!(fails.iter().filter(|c| *c == "receipt.accepts_damaged_item").count(), 1, "{who}: {fails:?}");
    }
    assert!(runs.windows(2).all(|w| w[0].1 == w[1].1), "both verifiers agree: {runs:?}");
}

/// More damaged files than the report lists (spec §9.3: at most 1,000 checks of a code, then
/// one with how many more): the counts stay exact, both verifiers list the same, and the
/// damaged-items list and `receive` still see every damaged item, not the first 1,000.
#[test]
fn more_damaged_files_than_the_report_lists_are_counted_and_received_exactly() {
    use custody_core::archive::{read_archive, testing::write_archive};
    use custody_core::casefile::CaseInput;
    use custody_core::event::ItemState;
    use custody_core::handover::{ReceiveOptions, TransferOptions, receive, transfer};
    use custody_core::layout::MAX_CHECKS_PER_CODE;
    use custody_core::seal::{ItemInput, SealOptions, seal};
    use custody_core::verify::{CheckCode, State, verify_path};
    use custody_core::{Identity, KeyPair, Role, Sha256Digest};

    let key = |label: &str, name: &str| {
        let id = Identity {
            name: name.into(),
            organisation: "Org".into(),
            role: Role::Prosecutor,
            jurisdiction: "FR".into(),
        };
        KeyPair::from_seed(Sha256Digest::of(label.as_bytes()).0, id)
    };
    let (alice, bob) = (key("cap alice", "Alice"), key("cap bob", "Bob"));
    let dir = tempfile::tempdir().unwrap();
    let (n, gone) = (1_205, 1_200);
    let items: Vec<ItemInput> = (0..n)
        .map(|i| {
            let p = dir.path().join(format!("f{i}.txt"));
            std::fs::write(&p, format!("evidence {i}")).unwrap();
            ItemInput::bare(p)
        })
        .collect();
    let bundle = dir.path().join("b.zip");
    let opts =
        SealOptions::default().with_case(CaseInput::new("B-3")).with_import(false).with_items(items).with_jobs(2);
    seal(&alice, &bundle, &opts).expect("seal");
    transfer(&bundle, None, &TransferOptions::new(&alice, bob.public(), bob.identity.clone(), "review"))
        .expect("transfer");
    // The files of items 1 to 1,200 lost on the way.
    let mut entries = read_archive(std::fs::read(&bundle).unwrap()).unwrap();
    let lost = |name: &str| {
        let id =
            name.strip_prefix("data/item-").and_then(|r| r.split('/').next()).and_then(|i| i.parse::<usize>().ok());
        id.is_some_and(|i| i <= gone)
    };
    entries.retain(|(name, _)| !lost(name));
    let damaged_bundle = dir.path().join("damaged.zip");
    std::fs::write(&damaged_bundle, write_archive(&entries, chrono::Utc::now()).unwrap()).unwrap();

    let r = verify_path(&damaged_bundle, &VerifyOptions::default().with_jobs(2)).unwrap();
    assert_eq!(r.state, State::Invalid);
    let missing: Vec<_> = r.checks.iter().filter(|c| c.code == CheckCode::PayloadMissing).collect();
    assert_eq!(missing.len(), MAX_CHECKS_PER_CODE + 1, "the cap, then one summary");
    let summary = missing.last().unwrap();
    assert_eq!((summary.more, summary.path.as_deref()), (Some((gone - MAX_CHECKS_PER_CODE) as u64), None));
    assert!(summary.message.starts_with("and 200 more files listed in manifest-sha256.txt are missing"));
    assert!(missing[..MAX_CHECKS_PER_CODE].iter().all(|c| c.more.is_none() && c.path.is_some()));
    // The summary counts every failure, listed or not.
    assert!(r.summary.contains(&format!("{} check(s) failed", gone + 1)), "{}", r.summary);
    let damaged = r.damaged_items(20, 10);
    assert_eq!((damaged.items.len(), damaged.total()), (20, gone), "every damaged item counted, beyond the cap");
    let bytes = std::fs::read(&damaged_bundle).unwrap();
    let runs = both_verifiers(&bytes);
    assert!(runs.windows(2).all(|w| w[0].1 == w[1].1), "both verifiers list the same: {runs:?}");

    // The recipient records every damaged item as missing, not only the first 1,000.
    let done = receive(&damaged_bundle, None, &bob, &ReceiveOptions::default().with_jobs(2).accepting_untrusted())
        .expect("receive");
    let receipt = done.event.receipt.as_ref().unwrap();
    assert_eq!(receipt.decision.as_str(), "accepted_in_part");
    assert_eq!(receipt.exceptions.len(), 1);
    assert_eq!((receipt.exceptions[0].status, receipt.exceptions[0].items.len()), (ItemState::Missing, gone));
    // And the verifier agrees with the receipt: only the damage itself fails.
    let r = verify_path(&damaged_bundle, &VerifyOptions::default().with_jobs(2)).unwrap();
    let mut codes: Vec<&str> = r.failures();
    codes.dedup();
    assert_eq!(codes, ["payload.missing", "bagit.payload_oxum_mismatch"], "{codes:?}");
}

/// The manifest with items 1..=`max` (item 1 as `first`, the others the sealed item renamed),
/// then `tail` in place of what follows the last item's `,` (spec §9.1 step 8's begin rule).
fn items_then(mut m: serde_json::Value, first: serde_json::Value, max: usize, tail: &[u8]) -> Vec<u8> {
    use super::hostile::{items_text, pretty_with};
    let template = m["items"][0].clone();
    m["items"] = serde_json::json!(["@ITEMS@"]);
    let mut doc = pretty_with(&m, vec![("@ITEMS@", b"@".to_vec())]);
    let at = doc.iter().position(|&b| b == b'@').expect("where the items go");
    doc.truncate(at);
    doc.extend(items_text(&first, 1, 1));
    doc.push(b',');
    doc.extend(items_text(&template, 2, max));
    doc.push(b',');
    doc.extend_from_slice(tail);
    doc
}

/// The text rules of §5.2 and the rules between values broken in item 1 and in the members
/// before `items` (each refused in a manifest read in full).
fn break_text_rules(m: &mut serde_json::Value) -> serde_json::Value {
    m["case"]["reference"] = serde_json::json!("R\u{7}1");
    m["sealer"]["name"] = serde_json::json!(" Alice Wang");
    let mut first = m["items"][0].clone();
    first["exhibit"] = serde_json::json!("EX\u{1}3");
    first["capture"] = serde_json::json!({"platform": "x".repeat(2000),
        "captured_at": "2026-11-20T10:00:00Z", "capture_end": "2026-11-19T10:00:00Z"});
    first
}

/// Spec §9.1 step 8: past the item bound the code is decided as the 100,001st element begins,
/// nothing of it read, and by the shape alone of what comes before (not the text rules of
/// §5.2, nor the rules between values): both verifiers give the same code. Before #13.4's
/// second review, the 100,001st element was read, and the second verifier applied the text
/// rules to the first 100,000 items. Since the manifest's weight (§9.4 rule 1), a manifest that
/// is not JSON anywhere (deep nesting, a lone surrogate, a byte that is not UTF-8) is
/// `manifest.invalid` first.
#[test]
fn past_the_item_bound_the_code_is_decided_as_the_next_element_begins_by_shape_alone() {
    use super::hostile::with_manifest;
    let max = custody_core::layout::MAX_ITEMS as usize;
    // Each broken rule alone, in a manifest of one item: refused by both, so not checked past.
    type Edit = fn(&mut serde_json::Value);
    let edits: [(&str, Edit); 5] = [
        ("case.reference with a control character", |m| m["case"]["reference"] = "R\u{7}1".into()),
        ("sealer.name with a leading space", |m| m["sealer"]["name"] = " Alice Wang".into()),
        ("an exhibit with a control character", |m| m["items"][0]["exhibit"] = "EX\u{1}3".into()),
        ("a platform of 2000 characters", |m| {
            m["items"][0]["capture"] = serde_json::json!({"platform": "x".repeat(2000)})
        }),
        ("capture_end before captured_at", |m| {
            m["items"][0]["capture"] =
                serde_json::json!({"captured_at": "2026-11-20T10:00:00Z", "capture_end": "2026-11-19T10:00:00Z"})
        }),
    ];
    for (what, edit) in edits {
        let bundle = with_manifest(|mut m| {
            edit(&mut m);
            super::hostile::pretty_with(&m, vec![])
        });
        for (who, fails) in both_verifiers(&bundle) {
            assert!(fails.iter().any(|c| c == "manifest.invalid"), "{who}: {what}: {fails:?}");
        }
    }
    // Since the manifest's weight (§9.4), the whole manifest must be JSON first: what is not
    // JSON past the bound is `manifest.invalid` (before, `too_many_items`: never read); JSON of
    // the wrong shape past the bound is still not read.
    let cases: [(&str, &[u8], &str); 7] = [
        ("text rules broken before the bound", b"{\"not\": \"an item\"}]}", "manifest.too_many_items"),
        ("an element of the wrong shape", b"[[[\"\\u00e9\", 1e400]]]]}", "manifest.too_many_items"),
        ("a lone surrogate", b"\"\\ud800\"]}", "manifest.invalid"),
        ("a byte that is not UTF-8", b"\"\xff\"]}", "manifest.invalid"),
        ("5000-deep nesting", &[b'['; 5000], "manifest.invalid"),
        ("a trailing comma", b"\n  ]\n}\n", "manifest.invalid"),
        ("the end after the comma", b"\n", "manifest.invalid"),
    ];
    // One prefix for every case (100,000 items, item 1 and the members before `items` breaking
    // text rules), made once: each case is its tail.
    let mut prefix: Option<Vec<u8>> = None;
    for (what, tail, code) in cases {
        let bundle = with_manifest(|mut m| {
            let p = prefix.get_or_insert_with(|| {
                let first = break_text_rules(&mut m);
                items_then(m, first, max, b"")
            });
            [p.as_slice(), tail].concat()
        });
        for (who, fails) in both_verifiers(&bundle) {
            assert_eq!(fails, [code], "{who}: {what}");
        }
    }
}

/// Spec §9.4: a manifest lists at most 1,000,000 file records across its items (what writers
/// hold to); the 1,000,001st is refused as it begins, nothing of it read
/// (`manifest.too_many_files`), whether the records are in one item or several. Before, a
/// manifest of one item of 3.18M records (534 MB) took 568 MiB and 13 s to verify. At the bound
/// the records are read (`manifest_files_bound_is_decided_as_the_next_record_begins` in
/// manifest/mod.rs parses 1,000,000; bench/hostile.sh measures both).
#[test]
fn more_file_records_than_a_bundle_may_hold_are_refused_as_the_manifest_is_read() {
    let max = custody_core::layout::MAX_PAYLOAD_FILES as usize;
    // One bundle (a million records take each verifier seconds): the records split across two
    // items, the 1,000,001st in item 2, so a count per item would not refuse it.
    let (r, runs) = verifiers(&craft("files-split", max + 1).unwrap());
    let over = r.checks.iter().find(|c| c.code.as_str() == "manifest.too_many_files").expect("refused");
    assert_eq!(over.path.as_deref(), Some("custody/manifest.json"));
    assert!(over.message.contains("1000000 file records"), "{}", over.message);
    for (who, fails) in runs {
        assert_eq!(fails, ["manifest.too_many_files"], "{who}");
    }
}

/// Spec §9.4, the manifest's weight: a manifest that makes a reader hold more than 64 MiB (here
/// 1,148,576 empty strings in one list, 64 each) is refused
/// as `manifest.too_large_to_hold` by both verifiers, and nothing else of it is checked; just
/// under the weight it is read in full (and its empty steps break a text rule of §5.2).
#[test]
fn a_manifest_heavier_than_a_reader_may_hold_is_refused_having_held_none_of_it() {
    let limit = custody_core::layout::MAX_MANIFEST_WEIGHT as usize;
    let over = limit / 64 + 100_000;
    let (r, runs) = verifiers(&craft("steps", over).unwrap());
    let c = r.checks.iter().find(|c| c.code.as_str() == "manifest.too_large_to_hold").expect("refused");
    assert_eq!(c.path.as_deref(), Some("custody/manifest.json"));
    assert!(c.message.contains("64 MiB"), "{}", c.message);
    for (who, fails) in runs {
        assert_eq!(fails, ["manifest.too_large_to_hold"], "{who}");
    }
    let under = limit / 64 - 100_000;
    for (who, fails) in both_verifiers(&craft("steps", under).unwrap()) {
        assert_eq!(fails, ["manifest.invalid"], "{who}: read in full, its empty steps refused");
    }
}

/// Spec §9.4 rule 1: a manifest that is not JSON is `manifest.invalid` whatever it weighs,
/// even when the fault is at its very end, after 65 MiB of one note (both verifiers read to
/// the end); the same note in JSON is `manifest.too_large_to_hold`.
#[test]
fn a_heavy_manifest_that_is_not_json_is_invalid_and_one_that_is_json_too_large() {
    let n = custody_core::layout::MAX_MANIFEST_WEIGHT as usize + 1024;
    let bundle = craft("note", n).unwrap();
    for (who, fails) in both_verifiers(&bundle) {
        assert_eq!(fails, ["manifest.too_large_to_hold"], "{who}");
    }
    // The same manifest with a comma before its last `}`, re-signed: not JSON.
    let broken = super::hostile::with_manifest(|mut m| {
        m["items"][0]["capture"] = serde_json::json!({"note": "@NOTE@"});
        let mut note = vec![b'n'; n + 2];
        note[0] = b'"';
        note[n + 1] = b'"';
        let mut text = super::hostile::pretty_with(&m, vec![("@NOTE@", note)]);
        let end = text.iter().rposition(|&b| b == b'}').unwrap();
        text.insert(end, b',');
        text
    });
    for (who, fails) in both_verifiers(&broken) {
        assert_eq!(fails, ["manifest.invalid"], "{who}");
    }
}

/// Writers weigh the manifest as a verifier would (spec §9.4): a seal whose declared
/// provenance alone is over the weight is refused before any input is read, with the remedy,
/// and leaves nothing behind.
#[test]
fn sealing_a_manifest_heavier_than_a_reader_may_hold_is_refused_before_any_file_is_read() {
    use custody_core::casefile::{CaseInput, ItemSpec};
    use custody_core::provenance::Capture;
    use custody_core::seal::{ItemInput, SealOptions, seal};
    let dir = tempfile::tempdir().unwrap();
    // 4,300 steps of 16,000 bytes (each within §5.2's 16 KiB): about 69 MB of weight.
    let capture = Capture { access_steps: vec!["s".repeat(16_000); 4_300], ..Capture::default() };
    let spec = ItemSpec::default().with_capture(capture);
    let input = dir.path().join("a.txt");
    std::fs::write(&input, "evidence").unwrap();
    let item = ItemInput::new(&input, spec);
    let opts = SealOptions::default().with_case(CaseInput::new("R")).with_items(vec![item]);
    let key = sealer();
    let out = dir.path().join("b.zip");
    let e = seal(&key, &out, &opts).unwrap_err();
    let text = e.to_string();
    assert!(text.contains("64 MiB a verifier may be asked to hold"), "{text}");
    assert_eq!(custody_core::exit::ErrorKind::of(&e).as_str(), "input");
    assert!(!out.exists());
    // Under the weight the same seal is made, and verifies.
    let capture = Capture { access_steps: vec!["s".repeat(16_000); 100], ..Capture::default() };
    let item = ItemInput::new(&input, ItemSpec::default().with_capture(capture));
    let opts = SealOptions::default().with_case(CaseInput::new("R")).with_items(vec![item]);
    seal(&key, &out, &opts).unwrap();
    for (who, fails) in both_verifiers(&std::fs::read(&out).unwrap()) {
        assert!(fails.is_empty(), "{who}: {fails:?}");
    }
}
