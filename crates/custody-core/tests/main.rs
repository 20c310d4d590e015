//! The integration tests of `custody-core`, in one binary: each file beside this one is a module.
//! A file in this folder that is not declared here would never run, so
//! `every_test_file_is_declared` fails if one is missing.

mod bounds;
mod check_codes;
mod commitment;
mod container;
mod corpus;
mod event_files;
mod hostile;
mod mutation;
mod name_rules;
mod no_cli_flags;
mod regressions;
mod roundtrip;
mod schemas;
mod source;
mod structure;
mod three_sources;
mod unicode_parity;
mod vectors;

#[test]
fn every_test_file_is_declared() {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let main = std::fs::read_to_string(here.join("main.rs")).unwrap();
    for entry in std::fs::read_dir(&here).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if let Some(stem) = name.strip_suffix(".rs").filter(|s| *s != "main") {
            assert!(main.contains(&format!("mod {stem};")), "tests/{name} is not declared in tests/main.rs");
        }
    }
}
