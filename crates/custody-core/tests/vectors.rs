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
        assert_eq!(case["state"], "not_trusted", "{case}");
        assert_eq!(case["failures"].as_array().map(Vec::len), Some(1), "{case}");
    }
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
