//! The checked-in test vectors (`tests/vectors/`) are exactly what the generator makes, and
//! each verifies to the state and failure codes recorded for it.

use std::fs;
use std::path::Path;

use custody_core::verify::{Level, State, VerifyOptions, verify_path};
use serde_json::Value;

#[allow(dead_code)]
#[path = "../examples/make-vectors.rs"]
mod make_vectors;

fn vectors_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors")
}

#[test]
fn checked_in_vectors_match_the_generator() {
    let fresh = tempfile::tempdir().unwrap();
    make_vectors::generate(fresh.path());
    let mut compared = 0;
    for sub in ["", "keys"] {
        for entry in fs::read_dir(fresh.path().join(sub)).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_dir() {
                continue;
            }
            let name = Path::new(sub).join(entry.file_name());
            let checked_in = fs::read(vectors_dir().join(&name))
                .unwrap_or_else(|_| panic!("{} is not checked in; run the generator", name.display()));
            assert!(
                checked_in == fs::read(entry.path()).unwrap(),
                "{} differs from what the code generates: the format changed without its vectors \
                 (run `cargo run -p custody-core --example make-vectors`, update docs/ and schemas/)",
                name.display()
            );
            compared += 1;
        }
    }
    assert!(compared >= 15, "only {compared} vector files compared");
}

#[test]
fn every_vector_verifies_as_recorded() {
    let index: Value = serde_json::from_str(&fs::read_to_string(vectors_dir().join("vectors.json")).unwrap()).unwrap();
    let vectors = index["vectors"].as_array().unwrap();
    // The expected warnings hold at the vectors' evaluation date, whatever today is.
    let at = index["evaluated_at"].as_str().unwrap().parse().unwrap();
    for v in vectors {
        let file = v["file"].as_str().unwrap();
        let report = verify_path(&vectors_dir().join(file), &VerifyOptions::default().with_at(Some(at))).unwrap();
        let mut warnings: Vec<String> =
            report.checks.iter().filter(|c| c.level == Level::Warn).map(|c| c.code.to_string()).collect();
        warnings.sort();
        warnings.dedup();
        assert_eq!(serde_json::to_value(&warnings).unwrap(), v["warnings"], "{file}: warnings");
        assert_eq!(report.evaluated_at, at, "{file}: the report states the evaluation date");
        let mut failures = report.failures();
        failures.sort();
        failures.dedup();
        let expected: Vec<&str> = v["failures"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
        assert_eq!(failures, expected, "{file}");
        if let Some(code) = v["expect"].as_str() {
            assert!(failures.contains(&code), "{file} must fail with {code}");
        }
        assert_eq!(serde_json::to_value(report.state).unwrap(), v["state"], "{file}");
        if v["expect"].is_null() {
            assert_eq!(report.state, State::Intact, "{file}: a vector that expects no failure must be intact");
        } else {
            assert_eq!(report.state, State::Invalid, "{file} must be invalid");
            assert!(!failures.is_empty());
        }
    }
    assert!(vectors.len() >= 50);
    for case in index["trust_cases"].as_array().unwrap() {
        let list = std::fs::read_to_string(vectors_dir().join(case["trust_list"].as_str().unwrap())).unwrap();
        let trust = custody_core::trust::TrustList::parse(&list).unwrap();
        let file = vectors_dir().join(case["file"].as_str().unwrap());
        let report = verify_path(&file, &VerifyOptions::default().with_trust(Some(trust))).unwrap();
        assert_eq!(serde_json::to_value(report.state).unwrap(), case["state"]);
        assert_eq!(serde_json::to_value(report.failures()).unwrap(), case["failures"], "{case}");
        if case["failures"].as_array().is_some_and(Vec::is_empty) {
            assert_eq!(case["state"], "trusted", "{case}");
        } else {
            assert_eq!(case["state"], "not_trusted", "{case}");
            assert_eq!(case["failures"].as_array().map(Vec::len), Some(1), "{case}");
        }
    }
}

/// `verify DERIVED --parent PARENT` on the vectors (spec §9.7): the verdict and `parent.*`
/// codes each case must give, as `vectors.json`'s `parent_cases` records them; and the copy's
/// own report is the one `verify_path` gives, whatever the parent.
#[test]
fn every_parent_case_checks_as_recorded_and_leaves_the_copy_alone() {
    use custody_core::verify::{ParentVerdict, verify_with_parent};
    let index: Value = serde_json::from_str(&fs::read_to_string(vectors_dir().join("vectors.json")).unwrap()).unwrap();
    let at = index["evaluated_at"].as_str().unwrap().parse().unwrap();
    let opts = VerifyOptions::default().with_at(Some(at));
    let unrecorded = "parent.derivation_unrecorded";
    // (copy, parent, verdict, failed codes, warnings): what the specification makes of each.
    type Case<'a> = (&'a str, &'a str, ParentVerdict, &'a [&'a str], &'a [&'a str]);
    let want: [Case; 13] = [
        ("derived-recorded.zip", "derivation-recorded.zip", ParentVerdict::Matches, &[], &[]),
        ("derived-recorded.zip", "mla-case.zip", ParentVerdict::Matches, &[], &[unrecorded]),
        ("derived-after-recorded.zip", "derivation-recorded.zip", ParentVerdict::Matches, &[], &[unrecorded]),
        (
            "derived-after-recorded.zip",
            "mla-case.zip",
            ParentVerdict::DoesNotMatch,
            &["parent.latest_event_missing"],
            &[unrecorded],
        ),
        ("derived-recorded.zip", "sealed.zip", ParentVerdict::DoesNotMatch, &["parent.other_bundle"], &[]),
        ("sealed.zip", "mla-case.zip", ParentVerdict::DoesNotMatch, &["parent.not_derived"], &[]),
        (
            "derived-recorded.zip",
            "parent-derivation-other-items.zip",
            ParentVerdict::DoesNotMatch,
            &["parent.derivation_mismatch"],
            &[],
        ),
        (
            "derived-recorded.zip",
            "parent-derivation-other-seal.zip",
            ParentVerdict::DoesNotMatch,
            &["parent.derivation_mismatch"],
            &[],
        ),
        (
            "derived-recorded.zip",
            "parent-derivation-other-previous.zip",
            ParentVerdict::DoesNotMatch,
            &["parent.derivation_mismatch"],
            &[],
        ),
        (
            "derived-recorded.zip",
            "parent-derivation-twice.zip",
            ParentVerdict::Matches,
            &[],
            &["parent.derivation_repeated"],
        ),
        (
            "derived-after-false.zip",
            "parent-derivation-false-then-true.zip",
            ParentVerdict::Matches,
            &[],
            &["parent.derivation_repeated"],
        ),
        (
            "derived-recorded.zip",
            "chain-event-deleted.zip",
            ParentVerdict::ParentInvalid,
            &["parent.not_verified"],
            &[],
        ),
        // The copy's own state is invalid: what it names of its parent is not proven (its
        // case was edited after sealing; before §9.7 step 1 checked this, it matched).
        ("derived-case-edited.zip", "mla-case.zip", ParentVerdict::DoesNotMatch, &["parent.copy_not_verified"], &[]),
    ];
    let cases = index["parent_cases"].as_array().unwrap();
    assert_eq!(cases.len(), want.len());
    for (case, (file, parent, verdict, failures, warnings)) in cases.iter().zip(want) {
        assert_eq!((case["file"].as_str(), case["parent"].as_str()), (Some(file), Some(parent)));
        let r = verify_with_parent(&vectors_dir().join(file), &vectors_dir().join(parent), &opts).unwrap();
        let alone = verify_path(&vectors_dir().join(file), &opts).unwrap();
        // The copy's state and checks are its own: only the copy not verified is invalid.
        let own = if failures == ["parent.copy_not_verified"] { State::Invalid } else { State::Intact };
        assert_eq!((r.state, alone.state), (own, own), "{file} against {parent}");
        assert_eq!(serde_json::to_value(r.state).unwrap(), case["state"], "{case}");
        let codes = |r: &custody_core::verify::Report| r.checks.iter().map(|c| c.code).collect::<Vec<_>>();
        assert_eq!(codes(&r), codes(&alone), "{file} against {parent}: the copy's checks");
        assert!(r.checks.iter().all(|c| !c.code.as_str().starts_with("parent.")));
        let p = r.parent.as_ref().unwrap();
        let of =
            |level: Level| p.checks.iter().filter(|c| c.level == level).map(|c| c.code.as_str()).collect::<Vec<_>>();
        assert_eq!((p.verdict, of(Level::Fail).as_slice(), of(Level::Warn).as_slice()), (verdict, failures, warnings));
        assert_eq!(serde_json::to_value(p.verdict).unwrap(), case["verdict"], "{case}");
        assert_eq!(serde_json::to_value(of(Level::Fail)).unwrap(), case["failures"], "{case}");
        assert_eq!(serde_json::to_value(of(Level::Warn)).unwrap(), case["warnings"], "{case}");
        assert_eq!(serde_json::to_value(of(Level::Pass)).unwrap(), case["passes"], "{case}");
    }
}

/// Each kind of derivation event that does not describe the copy says which (spec §9.7 step 5),
/// and the sequences of what was found are given.
#[test]
fn a_mismatching_derivation_event_says_what_differs() {
    use custody_core::verify::verify_with_parent;
    let opts = VerifyOptions::default();
    let copy = vectors_dir().join("derived-recorded.zip");
    for (parent, why, event) in [
        ("parent-derivation-other-items.zip", "lists other items than this copy carries", 1),
        ("parent-derivation-other-seal.zip", "gives another seal event hash than this copy's", 1),
        (
            "parent-derivation-other-previous.zip",
            "its previous event is not the one this copy names as the parent's latest",
            2,
        ),
    ] {
        let r = verify_with_parent(&copy, &vectors_dir().join(parent), &opts).unwrap();
        let p = r.parent.unwrap();
        let c = p.checks.iter().find(|c| c.code.as_str() == "parent.derivation_mismatch").unwrap();
        assert!(c.message.contains(why), "{parent}: {}", c.message);
        assert!(c.message.contains(&format!("derivation event {event} ")), "{parent}: {}", c.message);
        assert_eq!((p.latest_event, p.derivation_event), (Some(0), Some(event)), "{parent}");
    }
    // Recorded twice: checked against event 1, the one after the seal (the copy's latest
    // parent event); the warning names both events and the one checked.
    let r = verify_with_parent(&copy, &vectors_dir().join("parent-derivation-twice.zip"), &opts).unwrap();
    let p = r.parent.unwrap();
    assert_eq!((p.latest_event, p.derivation_event), (Some(0), Some(1)));
    let codes: Vec<&str> = p.checks.iter().map(|c| c.code.as_str()).collect();
    let want = ["parent.verified", "parent.latest_event", "parent.derivation_recorded", "parent.derivation_repeated"];
    assert_eq!(codes, want);
    let c = &p.checks[3];
    assert!(c.message.contains("more than one derivation event (1, 2)"), "{}", c.message);
    assert!(c.message.contains("checked against event 1"), "{}", c.message);
    // The true record after a false one (event 1, naming the copy's id with a seal hash of
    // zeros, the copy's latest parent event): event 2 is checked, not the first.
    let after_false = vectors_dir().join("derived-after-false.zip");
    let r =
        verify_with_parent(&after_false, &vectors_dir().join("parent-derivation-false-then-true.zip"), &opts).unwrap();
    let p = r.parent.unwrap();
    assert_eq!(
        (p.verdict, p.latest_event, p.derivation_event),
        (custody_core::verify::ParentVerdict::Matches, Some(1), Some(2))
    );
    let c = p.checks.iter().find(|c| c.code.as_str() == "parent.derivation_repeated").unwrap();
    assert!(c.message.contains("(1, 2)") && c.message.contains("checked against event 2"), "{}", c.message);
    let r = verify_with_parent(&copy, &vectors_dir().join("derivation-recorded.zip"), &opts).unwrap();
    let p = r.parent.unwrap();
    assert_eq!((p.latest_event, p.derivation_event), (Some(0), Some(1)));
    assert!(p.summary.contains("derivation event 1 records this copy"), "{}", p.summary);
    // A parent that cannot be read: no check, the reason in the summary; the copy still verified.
    let r = verify_with_parent(&copy, &vectors_dir().join("no-such-parent.zip"), &opts).unwrap();
    assert_eq!(r.state, State::Intact);
    let p = r.parent.unwrap();
    assert_eq!(p.verdict, custody_core::verify::ParentVerdict::NotChecked);
    assert!(p.checks.is_empty() && p.state.is_none());
    assert!(p.summary.contains("no-such-parent.zip"), "{}", p.summary);
}

#[test]
fn timestamp_vector_is_trusted_with_its_root() {
    let pem = fs::read(vectors_dir().join("keys/tsa-root.pem")).unwrap();
    let roots = custody_core::timestamp::TsaRoots::from_pem(&pem).unwrap();
    let opts = VerifyOptions::default().with_tsa_roots(Some(roots));
    let r = verify_path(&vectors_dir().join("timestamp-valid.zip"), &opts).unwrap();
    assert!(r.failures().is_empty(), "{:?}", r.failures());
    let t = r.events[0].trusted_time.as_ref().expect("trusted time");
    assert_eq!((t.time.as_str(), t.trusted, t.gap_seconds), ("2026-11-20T10:00:02.250Z", true, 2));
    assert!(r.checks.iter().any(|c| c.code == "timestamp.valid"));
    // Without roots: the same token is sound but not trusted.
    let r = verify_path(&vectors_dir().join("timestamp-valid.zip"), &VerifyOptions::default()).unwrap();
    assert_eq!(r.events[0].trusted_time.as_ref().map(|t| t.trusted), Some(false));
}

/// An acceptance made with --accept-untrusted is shown, and a receipt that judges one key
/// (sealer and sender) both ways is invalid (spec §7.3; review of #13.6, point 8).
#[test]
fn untrusted_acceptances_are_shown_and_inconsistent_ones_refused() {
    let warns = |r: &custody_core::verify::Report| -> Vec<String> {
        r.checks.iter().filter(|c| c.level == custody_core::verify::Level::Warn).map(|c| c.code.to_string()).collect()
    };
    let r = verify_path(&vectors_dir().join("receipt-accepted-untrusted.zip"), &VerifyOptions::default()).unwrap();
    assert_eq!(r.state, State::Intact);
    assert!(warns(&r).contains(&"receipt.accepted_untrusted".to_string()), "{:?}", r.checks);
    let r = verify_path(&vectors_dir().join("receipt-trust-inconsistent.zip"), &VerifyOptions::default()).unwrap();
    assert_eq!(r.state, State::Invalid);
    assert_eq!(r.failures(), ["receipt.invalid"]);
    // The four-party chain's receipts were made with a trust list: no such warning.
    let r = verify_path(&vectors_dir().join("chain-4party.zip"), &VerifyOptions::default()).unwrap();
    assert!(!warns(&r).contains(&"receipt.accepted_untrusted".to_string()));
}

/// The date-based advisories follow the evaluation date (spec §5.2.9): a day before an
/// expiry nothing is said; the day after, the warning appears. The others do not depend on it.
#[test]
fn date_based_advisories_follow_the_evaluation_date() {
    let warned = |file: &str, at: &str| -> Vec<String> {
        let opts = VerifyOptions::default().with_at(Some(at.parse().unwrap()));
        let r = verify_path(&vectors_dir().join(file), &opts).unwrap();
        assert_eq!(r.state, State::Intact, "{file} at {at}: an advisory never changes the state");
        r.checks.iter().filter(|c| c.level == Level::Warn).map(|c| c.code.to_string()).collect()
    };
    let count = |w: &[String], code: &str| w.iter().filter(|c| *c == code).count();
    // PRES-1 expires 2026-11-30, PRES-2 2026-12-01 (the MLA request is not a preservation).
    assert_eq!(count(&warned("advisory-preservation-expired.zip", "2026-11-30"), "preservation.expired"), 0);
    assert_eq!(count(&warned("advisory-preservation-expired.zip", "2026-12-01"), "preservation.expired"), 1);
    assert_eq!(count(&warned("advisory-preservation-expired.zip", "2026-12-02"), "preservation.expired"), 2);
    assert_eq!(count(&warned("advisory-retention-exceeded.zip", "2026-11-30"), "retention.exceeded"), 0);
    assert_eq!(count(&warned("advisory-retention-exceeded.zip", "2026-12-01"), "retention.exceeded"), 1);
    for at in ["2000-01-01", "2099-01-01"] {
        assert_eq!(count(&warned("advisory-capture-seal-gap.zip", at), "custody.capture_seal_gap"), 1);
        assert_eq!(count(&warned("advisory-unwitnessed.zip", at), "provenance.unwitnessed"), 1, "item-1 only");
        assert_eq!(count(&warned("sealed.zip", at), "custody.capture_seal_gap"), 0);
    }
}

/// Spec §10: a trust list's validity periods and revocations are applied at each event's
/// time: the trusted time when its token chains to the verifier's TSA roots, else the time
/// claimed; a revoked key's signature is trusted only with a trusted time before revocation.
#[test]
fn trust_list_validity_and_revocation_at_each_events_time() {
    use custody_core::trust::TrustList;
    let alice = fs::read_to_string(vectors_dir().join("keys/trusted-alice.txt")).unwrap();
    let line = alice.lines().find(|l| l.starts_with("sha256:")).unwrap().to_owned();
    let pem = fs::read(vectors_dir().join("keys/tsa-root.pem")).unwrap();
    let roots = custody_core::timestamp::TsaRoots::from_pem(&pem).unwrap();
    // timestamp-valid.zip: sealed by Alice, claiming 10:00:00, trusted time 10:00:02.250.
    let outcome = |fields: &str, with_roots: bool| {
        let list = TrustList::parse(&format!("{line} {fields}\n")).unwrap();
        let opts = VerifyOptions::default().with_trust(Some(list)).with_tsa_roots(with_roots.then(|| roots.clone()));
        let r = verify_path(&vectors_dir().join("timestamp-valid.zip"), &opts).unwrap();
        let trust: Vec<String> = r
            .checks
            .iter()
            .filter(|c| c.code.as_str().starts_with("trust."))
            .map(|c| format!("{} {}", c.code, c.message))
            .collect();
        assert_eq!(trust.len(), 1, "{trust:?}");
        trust[0].clone()
    };
    let code = |fields: &str, with_roots: bool| outcome(fields, with_roots).split(' ').next().unwrap().to_owned();
    // Revoked after the trusted time: trusted with the roots, not on the claimed time alone.
    assert_eq!(code("revoked=2026-11-20T10:00:05Z", true), "trust.signer_trusted");
    let m = outcome("revoked=2026-11-20T10:00:05Z", false);
    assert!(m.starts_with("trust.key_revoked") && m.contains("no trusted time"), "{m}");
    // Revoked before the trusted time: not trusted, even with the roots.
    let m = outcome("revoked=2026-11-20T10:00:02Z", true);
    assert!(m.starts_with("trust.key_revoked") && m.contains("after that"), "{m}");
    // Validity is judged on the trusted time where there is one, else on the claimed time.
    assert_eq!(code("valid_until=2026-11-20T10:00:01Z", true), "trust.key_not_valid");
    assert_eq!(code("valid_until=2026-11-20T10:00:01Z", false), "trust.signer_trusted");
    assert_eq!(code("valid_from=2026-11-20T10:00:01Z", true), "trust.signer_trusted");
    let m = outcome("valid_from=2026-11-20T10:00:01Z", false);
    assert!(
        m.starts_with("trust.key_not_valid") && m.contains("event 0") && m.contains("from 2026-11-20T10:00:01Z"),
        "{m}"
    );
    assert_eq!(code("valid_from=2026-01-01T00:00:00Z valid_until=2027-01-01T00:00:00Z", false), "trust.signer_trusted");

    // A list that cannot say when is refused, line by line.
    for bad in [
        "valid_until=2026-11-20",
        "revoked=2026-11-20T10:00:05+01:00",
        "valid_from=2026-11-20T10:00:05Z valid_until=2026-11-20T10:00:05Z",
        "revoked=2026-11-20T10:00:05Z revoked=2026-11-20T10:00:06Z",
    ] {
        let e = TrustList::parse(&format!("# x\n{line} {bad}\n")).unwrap_err();
        assert_eq!(e.line, 2, "{bad}: {e}");
    }
}

/// An event's `facts` restate its statement's claims only when the statement verified (spec
/// §9.3): a statement whose signature is not its author's, or which was changed after its event
/// bound it, gives `carries_statement`, never "X countersigned"; a sound one gives its claims.
#[test]
fn facts_never_come_from_a_statement_that_did_not_verify() {
    use custody_core::event::EventType;
    use custody_core::verify::EventFacts;
    let countersign = |file: &str| {
        let r = verify_path(&vectors_dir().join(file), &VerifyOptions::default()).unwrap();
        let e = r.events.iter().find(|e| e.event_type == EventType::Countersign).expect("a countersign event");
        (r.state, e.facts.clone(), e.summary.clone())
    };
    for file in ["countersign-bad-signature.zip", "countersign-statement-edited.zip"] {
        let (state, facts, summary) = countersign(file);
        assert_eq!(state, State::Invalid, "{file}");
        let EventFacts::CarriesStatement { event_type, statement } = facts else {
            panic!("{file}: facts from a statement that did not verify: {facts:?}");
        };
        assert_eq!(
            (event_type, statement.as_str()),
            (EventType::Countersign, "custody/statements/000001-countersign.json")
        );
        assert!(!summary.contains("countersigned"), "{file}: {summary}");
    }
    let (state, facts, _) = countersign("countersign-witness.zip");
    assert_ne!(state, State::Invalid);
    assert!(matches!(facts, EventFacts::Countersigned { .. }), "{facts:?}");
}
