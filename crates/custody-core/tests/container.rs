//! Format 2's container as an independent reader (the `zip` crate) sees it: every entry of
//! a sealed bundle, and of one with events appended, sits under the one folder
//! `custody-<bundle id>/` (spec §2.5); `bag-info.txt` is exactly the text spec §2.3 derives;
//! and appending leaves the bytes before the old tag manifest as they were.

use std::fs;
use std::io::Read;

use custody_core::bagit::{BagInfoFacts, derive_bag_info};
use custody_core::casefile::CaseInput;
use custody_core::handover::{TransferOptions, transfer};
use custody_core::seal::{ItemInput, SealOptions, seal};
use custody_core::verify::{State, VerifyOptions, verify_path};
use custody_core::{Identity, KeyPair, Role};

const ID: &str = "00112233445566778899aabbccddeeff";

fn key(seed: u8, name: &str) -> KeyPair {
    let id = Identity {
        name: name.into(),
        organisation: "City Police, Cyber Unit".into(),
        role: Role::Prosecutor,
        jurisdiction: "FR".into(),
    };
    KeyPair::from_seed([seed; 32], id)
}

/// The entry names as written in the ZIP, in order.
fn zip_names(path: &std::path::Path) -> Vec<String> {
    let mut z = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    (0..z.len()).map(|i| z.by_index(i).unwrap().name().unwrap().to_string()).collect()
}

#[test]
fn every_entry_sits_under_one_root_before_and_after_an_append() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("cap")).unwrap();
    fs::write(dir.path().join("cap/page.html"), "<p>x</p>").unwrap();
    fs::write(dir.path().join("video.mp4"), vec![3u8; 5000]).unwrap();
    let (alice, bo) = (key(1, "Alice"), key(2, "Bo"));
    let opts = SealOptions::default()
        .with_case(CaseInput::new("C-1"))
        .with_items([ItemInput::bare(dir.path().join("cap")), ItemInput::bare(dir.path().join("video.mp4"))])
        .with_import(false)
        .with_fixed_time("2026-11-20T23:59:59Z".parse().unwrap())
        .with_fixed_bundle_id(ID);
    let bundle = dir.path().join("b.zip");
    let s = seal(&alice, &bundle, &opts).unwrap();
    let root = format!("custody-{ID}/");
    let sealed = zip_names(&bundle);
    assert!(sealed.iter().all(|n| n.starts_with(&root) && n.len() > root.len()), "{sealed:?}");
    assert_eq!(sealed.first().map(String::as_str), Some(format!("{root}bagit.txt").as_str()));
    assert!(!sealed.iter().any(|n| n.ends_with("manifest.json.sig")), "format 2 has no manifest signature");

    // bag-info.txt: exactly the derived text, with no Bag-Software-Agent line.
    let mut z = zip::ZipArchive::new(fs::File::open(&bundle).unwrap()).unwrap();
    let mut info = String::new();
    z.by_name(&format!("{root}bag-info.txt")).unwrap().read_to_string(&mut info).unwrap();
    let want = derive_bag_info(&BagInfoFacts {
        sealed_at: "2026-11-20T23:59:59Z",
        payload_bytes: 5008,
        payload_files: s.files,
        case_reference: "C-1",
        bundle_id: ID,
        sealer_name: "Alice",
        sealer_organisation: "City Police, Cyber Unit",
    });
    assert_eq!(info, want);
    assert_eq!(
        info,
        format!(
            "Bagging-Date: 2026-11-20\nPayload-Oxum: 5008.2\nExternal-Identifier: C-1\n\
             Internal-Sender-Identifier: {ID}\nContact-Name: Alice\nSource-Organization: City Police, Cyber Unit\n"
        )
    );

    // A transfer appends under the same root; everything before the old tag manifest stays.
    let before = fs::read(&bundle).unwrap();
    let o = TransferOptions::new(&alice, bo.public(), bo.identity.clone(), "review");
    transfer(&bundle, None, &o).unwrap();
    let after = zip_names(&bundle);
    assert!(after.iter().all(|n| n.starts_with(&root)), "{after:?}");
    assert_eq!(after[..sealed.len() - 1], sealed[..sealed.len() - 1]);
    assert_eq!(after.last(), sealed.last(), "the tag manifest is still the last entry");
    assert!(after.iter().any(|n| n == &format!("{root}custody/events/000001-transfer.json")), "{after:?}");
    let a = custody_core::archive::Archive::open(Box::new(before.clone())).unwrap();
    let cut = a.entry("tagmanifest-sha256.txt").unwrap().header_offset as usize;
    assert_eq!(fs::read(&bundle).unwrap()[..cut], before[..cut], "the payload is never rewritten");
    assert_eq!(verify_path(&bundle, &VerifyOptions::default()).unwrap().state, State::Intact);

    // Unpacked by an independent reader: one folder at the top, named after the bundle id.
    let out = dir.path().join("x");
    zip::ZipArchive::new(fs::File::open(&bundle).unwrap()).unwrap().extract(&out).unwrap();
    let top: Vec<_> = fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(top, [std::ffi::OsString::from(format!("custody-{ID}"))]);
}
