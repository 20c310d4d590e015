//! What each custody event may add to a bundle (spec §6.3, issue #13.5): a transfer that also
//! adds a file beside the evidence, or that does not add its recipient's key, is INVALID,
//! `receive` refuses it, and the report lists what every event added.

use std::path::{Path, PathBuf};

use custody_core::handover::{ReceiveOptions, receive};
use custody_core::verify::{State, VerifyOptions, verify_path};
use custody_core::{Identity, KeyPair, Role, Sha256Digest};

fn vector(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors").join(name)
}

/// Bo Li's key as the vectors generator derives it (a public seed: NOT secret).
fn bob() -> KeyPair {
    let seed = Sha256Digest::of(b"custody test vector key: bob").0;
    KeyPair::from_seed(
        seed,
        Identity {
            name: "Bo Li".into(),
            organisation: "City Procuratorate".into(),
            role: Role::Prosecutor,
            jurisdiction: "CN".into(),
        },
    )
}

#[test]
fn a_transfer_that_smuggles_in_a_file_is_invalid_and_cannot_be_received() {
    let r = verify_path(&vector("chain-transfer-smuggled-file.zip"), &VerifyOptions::default()).unwrap();
    assert_eq!(r.state, State::Invalid);
    let smuggled = r.checks.iter().find(|c| c.code == "event.unexpected_file").expect("event.unexpected_file");
    assert_eq!(smuggled.path.as_deref(), Some("DATA/item-1/confession.txt"));
    assert!(smuggled.message.contains("may not add"), "{}", smuggled.message);
    // The report says what each event added: the seal its tag files, the transfer both files.
    assert!(r.events[0].added_files.iter().any(|f| f == "custody/manifest.json"));
    assert!(r.events[1].added_files.iter().any(|f| f == "DATA/item-1/confession.txt"));
    assert!(r.events[1].added_files.iter().any(|f| f.starts_with("custody/keys/")));
    let json = serde_json::to_value(&r).unwrap();
    assert!(json["events"][1]["added_files"].as_array().unwrap().len() == 2);

    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("b.zip");
    std::fs::copy(vector("chain-transfer-smuggled-file.zip"), &copy).unwrap();
    let before = std::fs::read(&copy).unwrap();
    let err = receive(&copy, None, &bob(), &ReceiveOptions::default().with_jobs(1).accepting_untrusted()).unwrap_err();
    assert!(err.to_string().contains("event.unexpected_file"), "{err}");
    assert_eq!(std::fs::read(&copy).unwrap(), before, "the bundle is left as it was");
}

#[test]
fn a_transfer_without_the_recipients_key_is_invalid() {
    let r = verify_path(&vector("chain-transfer-no-recipient-key.zip"), &VerifyOptions::default()).unwrap();
    assert_eq!(r.state, State::Invalid);
    assert_eq!(r.failures(), ["event.recipient_key_missing"]);
}

#[test]
fn honest_transfers_add_only_the_recipients_key() {
    let r = verify_path(&vector("chain-4party.zip"), &VerifyOptions::default()).unwrap();
    assert_eq!(r.state, State::Intact, "{:?}", r.failures());
    for e in &r.events[1..] {
        let expected = if e.event_type.as_str() == "transfer" { 1 } else { 0 };
        assert_eq!(e.added_files.len(), expected, "event {}: {:?}", e.sequence, e.added_files);
    }
}
