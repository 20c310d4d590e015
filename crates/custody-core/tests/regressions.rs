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
    let report = verify_source(Box::new(data.to_vec()), "regression", &VerifyOptions { jobs: 1, ..Default::default() });
    serde_json::to_vec(&report).unwrap();
    let _ = serde_json::from_slice::<custody_core::manifest::Manifest>(data);
    let _ = serde_json::from_slice::<custody_core::event::Event>(data);
    if let Ok(text) = std::str::from_utf8(data) {
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
