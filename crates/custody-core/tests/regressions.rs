//! Replays every input in `tests/fuzz-regressions/` (and every test vector) through the
//! entry points the fuzz targets exercise: none of them may panic.

use std::path::Path;

use custody_core::archive::Archive;
use custody_core::verify::{VerifyOptions, verify_source};

fn exercise(data: &[u8]) {
    if let Ok(a) = Archive::open(Box::new(data.to_vec())) {
        for e in a.entries() {
            let _ = a.hash_entry(e, &mut std::io::sink());
        }
    }
    let zip = data.to_vec();
    if let Ok(a) = custody_core::archive::open_repacked(&zip) {
        for e in a.entries() {
            let _ = a.hash_entry(e, &mut std::io::sink());
        }
    }
    let report = verify_source(Box::new(data.to_vec()), "regression", &VerifyOptions::default().with_jobs(1));
    serde_json::to_vec(&report).unwrap();
    let _ = serde_json::from_slice::<custody_core::manifest::Manifest>(data);
    let _ = serde_json::from_slice::<custody_core::event::Event>(data);
    let _ = custody_core::import::read_warc(std::io::Cursor::new(data.to_vec()));
    let _ = custody_core::import::read_wacz(std::io::Cursor::new(data));
    let _ = custody_core::import::read_ytdlp(data);
    let _ = custody_core::timestamp::TsaRoots::from_pem(data);
    let _ = custody_core::timestamp::GenTime::parse(data);
    if let Ok(t) = custody_core::timestamp::parse_token(data) {
        let _ = (t.check_signature(), t.check_eku(), t.check_imprint(data), t.tsa_name());
        let _ = t.check_chain(&custody_core::timestamp::TsaRoots::default());
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = custody_core::casefile::parse_case_file(text, Path::new("/nonexistent/case.toml"));
        let _ = custody_core::casefile::parse_sidecar(text, Path::new("x.capture.json"));
        let _ = custody_core::PublicKeyFile::from_file_text(text);
        let _ = custody_core::KeyPair::from_file_text(text);
        let _ = custody_core::trust::TrustList::parse(text);
        let _ = custody_core::bagit::parse_manifest(text);
        let _ = custody_core::bagit::parse_bag_info(text);
        let _ = text.parse::<custody_core::Timestamp>();
    }
}

#[test]
fn fuzz_regressions_and_vectors_never_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut n = 0;
    for dir in ["tests/fuzz-regressions", "tests/vectors", "tests/vectors/keys"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                exercise(&std::fs::read(&p).unwrap());
                n += 1;
            }
        }
    }
    assert!(n > 30, "only {n} inputs");
}

/// A signed document that parses two ways must not pass: duplicate members are rejected
/// wherever they occur, and deep nesting is an error, not a stack overflow.
#[test]
fn duplicate_members_and_deep_nesting_are_rejected() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/sealed.zip");
    let a = Archive::open(Box::new(std::fs::read(root).unwrap())).unwrap();
    let manifest = a.read_entry(a.entry("custody/manifest.json").unwrap(), 1 << 20).unwrap();
    let event = a.read_entry(a.entry("custody/events/000000-seal.json").unwrap(), 1 << 20).unwrap();
    let text = String::from_utf8(manifest).unwrap();
    // At the top level, and inside a nested object (the sealer).
    let top = text.replacen(
        "\"format\": \"custody.manifest/2\",",
        "\"format\": \"custody.manifest/2\",\n  \"format\": \"custody.manifest/2\",",
        1,
    );
    let nested =
        text.replacen("\"role\": \"investigator\",", "\"role\": \"investigator\",\n    \"role\": \"court\",", 1);
    for doc in [top, nested] {
        assert_ne!(doc, text);
        let err = serde_json::from_str::<custody_core::manifest::Manifest>(&doc).unwrap_err();
        assert!(err.to_string().contains("duplicate field"), "{err}");
    }
    let ev = String::from_utf8(event).unwrap();
    let dup = ev.replacen("\"sequence\": 0,", "\"sequence\": 0,\n  \"sequence\": 1,", 1);
    assert!(serde_json::from_str::<custody_core::event::Event>(&dup).is_err());
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(serde_json::from_str::<custody_core::event::Event>(&deep).is_err());
    exercise(deep.as_bytes());
}
