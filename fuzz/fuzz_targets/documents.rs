//! Every document parser: manifest and event JSON, key files, trust lists, BagIt manifests
//! and bag-info, stored times.
#![no_main]
use custody_core::event::Event;
use custody_core::manifest::Manifest;
use custody_core::{bagit, trust, KeyPair, PublicKeyFile, Timestamp};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(m) = serde_json::from_slice::<Manifest>(data) {
        let _ = custody_core::verify::validate_manifest(&m);
    }
    let _ = serde_json::from_slice::<Event>(data);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = PublicKeyFile::from_file_text(text);
        let _ = KeyPair::from_file_text(text);
        let _ = trust::TrustList::parse(text);
        let _ = bagit::parse_manifest(text);
        let _ = bagit::parse_bag_info(text);
        let _ = text.parse::<Timestamp>();
        let _ = Timestamp::parse_user(text);
        let _ = custody_core::text::printable(text);
    }
});
