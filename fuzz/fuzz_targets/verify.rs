//! The whole verifier over arbitrary bytes: it reports, never panics.
#![no_main]
use custody_core::verify::{VerifyOptions, verify_source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = VerifyOptions::default().with_jobs(1);
    let report = verify_source(Box::new(data.to_vec()), "fuzz", &opts);
    // The report must always serialise (it is what users and machines read).
    let _ = serde_json::to_vec(&report).expect("report serialises");
});
