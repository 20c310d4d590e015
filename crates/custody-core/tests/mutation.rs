//! No single-byte change goes unnoticed where it matters.
//!
//! Takes a bundle that was sealed and handed over four times (the `chain-4party` test
//! vector) and changes it one byte at a time, at thousands of positions spread over every
//! region: payload data, local headers, the central directory, the end records, every
//! custody document and signature. Each mutant must either be reported invalid, or, if it
//! verifies, hold exactly the same entries with exactly the same bytes as the original: a
//! change that verification accepts may only touch ZIP bookkeeping that carries no evidence.
//! Verification must never panic, and gives the same report whatever the number of jobs.

use std::collections::BTreeMap;
use std::path::Path;

use custody_core::archive::Archive;
use custody_core::verify::{State, VerifyOptions, verify_source};

fn entries(bytes: &[u8]) -> Option<BTreeMap<String, Vec<u8>>> {
    let a = Archive::open(Box::new(bytes.to_vec())).ok()?;
    a.entries().iter().map(|e| Some((e.name.to_owned(), a.read_entry(e, u64::MAX).ok()?))).collect()
}

#[test]
fn every_single_byte_change_is_caught_or_harmless() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/chain-4party.zip");
    let original = std::fs::read(path).unwrap();
    let want = entries(&original).unwrap();
    let opts = VerifyOptions::default().with_jobs(1);
    let parallel_opts = VerifyOptions::default().with_jobs(3);
    assert_eq!(verify_source(Box::new(original.clone()), "original", &opts).state, State::Intact);

    // Every position of the small structural regions, and a stride through the rest.
    let a = Archive::open(Box::new(original.clone())).unwrap();
    let mut positions: Vec<usize> = Vec::new();
    for e in a.entries() {
        let header = e.header_offset as usize..e.data_offset as usize;
        positions.extend(header);
        let data = e.data_offset as usize..(e.data_offset + e.size) as usize;
        if e.name.starts_with("data/") {
            positions.extend(data.step_by(211));
        } else {
            positions.extend(data.step_by(5));
        }
    }
    positions.extend(a.central_directory_offset() as usize..original.len());
    positions.sort_unstable();
    positions.dedup();

    let (mut invalid, mut harmless) = (0usize, 0usize);
    for (i, &pos) in positions.iter().enumerate() {
        let mut mutant = original.clone();
        // Vary the change: flip one bit, or set the byte to a value that keeps it printable.
        mutant[pos] = if i % 2 == 0 { mutant[pos] ^ (1 << (i % 8)) } else { mutant[pos].wrapping_add(1) };
        let report = verify_source(Box::new(mutant.clone()), "mutant", &opts);
        // With several jobs, hashing overlaps the other checks; the report must not change.
        if i % 5 == 0 {
            let parallel = verify_source(Box::new(mutant.clone()), "mutant", &parallel_opts);
            assert_eq!(
                serde_json::to_string(&parallel.checks).unwrap(),
                serde_json::to_string(&report.checks).unwrap(),
                "byte {pos}: --jobs 1 and --jobs 3 report differently"
            );
        }
        if report.state == State::Invalid {
            invalid += 1;
            continue;
        }
        let got = entries(&mutant).unwrap_or_default();
        assert!(
            got == want,
            "byte {pos} changed ({:#04x} -> {:#04x}), verify said {:?}, but the content differs",
            original[pos],
            mutant[pos],
            report.state
        );
        harmless += 1;
    }
    println!(
        "mutation: {} mutants tried: {invalid} reported invalid, {harmless} verified with identical content",
        positions.len()
    );
    assert!(positions.len() >= 3000, "only {} positions", positions.len());
    assert!(invalid > positions.len() * 9 / 10, "most single-byte changes must be caught");
}
