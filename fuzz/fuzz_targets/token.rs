//! RFC 3161 timestamp tokens, which come from whoever made the bundle: the parser, every
//! check on a parsed token, root-certificate lists and genTime. None may panic.
#![no_main]
use custody_core::timestamp::{self, GenTime, TsaRoots};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = GenTime::parse(data);
    let _ = TsaRoots::from_pem(data);
    if let Ok(t) = timestamp::parse_token(data) {
        let _ = t.gen_time_text();
        let _ = t.tsa_name();
        let _ = t.check_imprint(b"signature");
        let _ = t.check_signature();
        let _ = t.check_eku();
        let _ = t.check_chain(&TsaRoots::default());
    }
    let _ = timestamp::verify_token(data, b"signature", None);
});
