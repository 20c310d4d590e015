//! The commitment's seed (spec §5.12) never leaves the original: whoever holds it can compute
//! every salt of the bundle's Merkle commitment. No output shows it, only its scheme and that
//! a seed is present.

use std::fs;

use custody_core::archive::read_archive;
use serde_json::Value;

use crate::common::Scratch;

#[test]
fn no_output_shows_the_commitment_seed() {
    let s = Scratch::new();
    s.keygen("alice", "Alice");
    s.write("page.html", "<p>x</p>\n");
    s.ok(&["seal", "--key", "alice.key", "--case-ref", "C-1", "--out", "case.zip", "page.html"]);
    let entries = read_archive(fs::read(s.path("case.zip")).unwrap()).unwrap();
    let manifest = &entries.iter().find(|(n, _)| n == "custody/manifest.json").unwrap().1;
    let manifest: Value = serde_json::from_slice(manifest).unwrap();
    let seed = manifest["commitment"]["seed"].as_str().unwrap().to_owned();
    assert_eq!(seed.len(), 64, "the manifest keeps its seed");

    let inspect = s.json(0, "inspect.schema.json", &["inspect", "case.zip", "--format", "json"]);
    assert_eq!(
        inspect["manifest"]["commitment"],
        serde_json::json!({"scheme": "custody.merkle/1", "seed_present": true}),
        "only the scheme and that a seed is present"
    );
    let mut outputs = vec![
        ("inspect --format json".to_owned(), inspect.to_string().into_bytes()),
        ("inspect".to_owned(), s.ok(&["inspect", "case.zip"]).into_bytes()),
        ("verify --format json".to_owned(), s.ok(&["verify", "case.zip", "--format", "json"]).into_bytes()),
        ("verify".to_owned(), s.ok(&["verify", "case.zip"]).into_bytes()),
    ];
    s.ok(&["report", "case.zip", "--out", "r.html", "--out", "r.pdf"]);
    s.ok(&["extract", "case.zip", "--out", "out"]);
    for f in ["r.html", "r.pdf", "out/custody-verify-report.json"] {
        outputs.push((f.to_owned(), fs::read(s.path(f)).unwrap()));
    }
    for (name, out) in &outputs {
        let text = String::from_utf8_lossy(out).to_lowercase();
        assert!(!text.contains(&seed), "{name} shows the commitment seed");
    }
}
