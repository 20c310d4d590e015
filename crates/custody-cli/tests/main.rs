//! The integration tests of `custody-cli`, in one binary: each file beside this one is a module.
//! A file in this folder that is not declared here would never run, so
//! `every_test_file_is_declared` fails if one is missing.

mod access;
mod attach;
mod bundle_rules;
mod cli;
mod commitment_seed;
mod common;
mod config;
mod conventions;
mod countersign;
mod court_forms;
mod court_report;
mod court_report_pdf;
mod crash;
mod derive;
mod dispose;
mod encrypt;
mod extract;
mod first_hour;
mod format_v1;
mod handover;
mod interrupt;
mod json_output;
mod log;
mod log_pending;
mod log_pending_dispose;
mod log_pending_more;
mod log_pending_out;
mod log_pending_refs;
mod log_pg;
mod log_saved;
mod provenance;
mod report;
mod signing_devices;
mod timestamp;
mod unzipped;
mod verify_batch;

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
