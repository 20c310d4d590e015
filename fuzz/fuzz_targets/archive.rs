//! The strict ZIP reader: any bytes either parse or are rejected with an error, never a
//! panic; every entry of a parsed archive can be read back.
#![no_main]
use custody_core::archive::Archive;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(a) = Archive::open(Box::new(data.to_vec())) {
        for e in a.entries() {
            let _ = a.hash_entry(e, &mut std::io::sink());
        }
    }
});
