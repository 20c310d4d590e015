//! The check-code registry (`custody_core::check::CheckCode`) is the one list of codes: this
//! test fails when a code is in the registry but not in the specification
//! (`docs/bundle-format.md`) or in the second verifier (`tools/verify_bundle.py`), or in
//! either of those but not in the registry.

use std::collections::BTreeSet;
use std::path::Path;

use custody_core::check::CheckCode;

/// The areas a code starts with.
const AREAS: [&str; 26] = [
    "access",
    "archive",
    "attachment",
    "attestation",
    "bagit",
    "bundle",
    "commitment",
    "countersign",
    "custody",
    "derivation",
    "disposition",
    "event",
    "examination",
    "key",
    "log",
    "manifest",
    "parent",
    "payload",
    "preservation",
    "provenance",
    "receipt",
    "retention",
    "signature",
    "statement",
    "timestamp",
    "trust",
];

/// Strings of the code's shape that name something else: a file (`bagit.txt`) or a
/// document member (`manifest.sealer`, `receipt.decision`, ...).
const NOT_CODES: [&str; 30] = [
    "bagit.txt",
    "commitment.root",
    "commitment.scheme",
    "commitment.seed",
    "commitment.tree_size",
    "derivation.bundle_id",
    "derivation.items",
    "derivation.parent_latest_event_sha256",
    "derivation.redacted_files",
    "derivation.seal_event_sha256",
    "disposition.action",
    "disposition.reason",
    "examination.conclusion",
    "examination.items",
    "examination.results",
    "examination.tool",
    "key.pem",
    "log.salt",
    "log.url",
    "log.verifier_key",
    "manifest.sealer",
    "receipt.conditions",
    "receipt.decision",
    "receipt.items",
    "receipt.transfer_sequence",
    "receipt.verification",
    "receipt.verification.state",
    "receipt.exceptions",
    "receipt.items_total",
    "statement.json",
];

/// Every `area.name` that stands alone between two `quote` characters in `text`. Every
/// stretch between two quotes is tried (code blocks shift which stretches are quoted): one
/// of a code's shape, one word without spaces, is one.
fn quoted_codes(text: &str, quote: char) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for piece in text.split(quote).skip(1) {
        if NOT_CODES.contains(&piece) {
            continue;
        }
        let Some((area, name)) = piece.split_once('.') else { continue };
        let shape = !name.is_empty()
            && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            && name.as_bytes()[0].is_ascii_lowercase();
        if AREAS.contains(&area) && shape {
            found.insert(piece.to_owned());
        }
    }
    found
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(rel)).unwrap()
}

fn registry() -> BTreeSet<String> {
    CheckCode::ALL.iter().map(|c| c.as_str().to_owned()).collect()
}

fn differences(what: &str, other: &BTreeSet<String>) -> Vec<String> {
    let registry = registry();
    let mut out = Vec::new();
    for c in registry.difference(other) {
        out.push(format!("{c} is in the registry but not in {what}"));
    }
    for c in other.difference(&registry) {
        out.push(format!("{c} is in {what} but not in the registry (crates/custody-core/src/check.rs)"));
    }
    out
}

#[test]
fn every_code_is_in_the_specification_and_every_specified_code_is_registered() {
    let spec = quoted_codes(&read("docs/bundle-format.md"), '`');
    let diff = differences("docs/bundle-format.md", &spec);
    assert!(diff.is_empty(), "{diff:#?}");
}

#[test]
fn every_code_is_known_to_the_second_verifier_and_no_other() {
    let py = quoted_codes(&read("tools/verify_bundle.py"), '"');
    let diff = differences("tools/verify_bundle.py", &py);
    assert!(diff.is_empty(), "{diff:#?}");
}

#[test]
fn the_report_schema_lists_every_code() {
    let schema: serde_json::Value = serde_json::from_str(&read("schemas/verify-report.schema.json")).unwrap();
    let listed: BTreeSet<String> = schema["$defs"]["CheckCode"]["enum"]
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    assert_eq!(listed, registry());
}
