//! The three sources of a bundle's file list (the ZIP's central directory, the manifest's
//! file records, `manifest-sha256.txt`) matched by sorting, not by maps of names (issue #22):
//! a path in one source and not the others, each way; a name twice; names that fold to one;
//! entries in another order; a manifest malformed halfway through its file records. Each
//! reads the failure a user relies on, and both verifiers agree on the codes.

use custody_core::archive::{read_archive, testing::write_archive};
use custody_core::casefile::CaseInput;
use custody_core::seal::{ItemInput, SealOptions, seal};
use custody_core::verify::{CheckCode, Level, State, VerifyOptions, verify_source};
use custody_core::{Identity, KeyPair, Role, Sha256Digest};

use super::bounds::both_verifiers;

type Entries = Vec<(String, Vec<u8>)>;

/// A bundle of one item of four files, as its entries.
fn sealed() -> Entries {
    let id =
        Identity { name: "Ana".into(), organisation: "Org".into(), role: Role::Examiner, jurisdiction: "PT".into() };
    let key = KeyPair::from_seed(Sha256Digest::of(b"three sources").0, id);
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    for (name, body) in [("a.txt", "alpha"), ("b.txt", "bravo"), ("sub/c.txt", "charlie"), ("d.txt", "delta")] {
        std::fs::write(input.join(name), body).unwrap();
    }
    let bundle = dir.path().join("b.zip");
    let opts = SealOptions::default()
        .with_case(CaseInput::new("T-1"))
        .with_import(false)
        .with_items(vec![ItemInput::bare(input)])
        .with_jobs(1);
    seal(&key, &bundle, &opts).expect("seal");
    read_archive(std::fs::read(&bundle).unwrap()).unwrap()
}

fn zip(entries: &Entries) -> Vec<u8> {
    write_archive(entries, chrono::Utc::now()).unwrap()
}

/// custody's failing codes (sorted, repeated as often as reported), after checking that the
/// second verifier finds the same set.
fn fails(bundle: &[u8]) -> Vec<String> {
    let r = verify_source(Box::new(bundle.to_vec()), "t.zip", &VerifyOptions::default().with_jobs(2));
    let mut codes: Vec<String> =
        r.checks.iter().filter(|c| c.level == Level::Fail).map(|c| c.code.to_string()).collect();
    codes.sort();
    let runs = both_verifiers(bundle);
    let sets: Vec<Vec<String>> = runs
        .iter()
        .map(|(_, f)| {
            let mut f = f.clone();
            f.dedup();
            f
        })
        .collect();
    assert!(sets.windows(2).all(|w| w[0] == w[1]), "both verifiers find the same: {runs:?}");
    codes
}

fn set(mut v: Vec<String>) -> Vec<String> {
    v.dedup();
    v
}

fn replace(entries: &mut Entries, name: &str, f: impl FnOnce(&[u8]) -> Vec<u8>) {
    let e = entries.iter_mut().find(|(n, _)| n == name).unwrap();
    e.1 = f(&e.1);
}

#[test]
fn a_sealed_bundle_in_any_entry_order_is_intact() {
    let mut entries = sealed();
    assert!(fails(&zip(&entries)).is_empty());
    entries.reverse();
    let bytes = zip(&entries);
    let r = verify_source(Box::new(bytes.clone()), "t.zip", &VerifyOptions::default().with_jobs(2));
    assert_eq!(r.state, State::Intact, "{:?}", r.checks.iter().filter(|c| c.level == Level::Fail).collect::<Vec<_>>());
    assert!(fails(&bytes).is_empty());
}

#[test]
fn a_file_described_and_listed_but_not_in_the_archive_is_missing_and_its_item_damaged() {
    let mut entries = sealed();
    entries.retain(|(n, _)| n != "data/item-1/in/b.txt");
    let bytes = zip(&entries);
    let codes = fails(&bytes);
    assert!(codes.contains(&"payload.missing".into()), "{codes:?}");
    let r = verify_source(Box::new(bytes), "t.zip", &VerifyOptions::default());
    assert_eq!(r.state, State::Invalid);
    assert_eq!(r.damaged.keys().collect::<Vec<_>>(), ["data/item-1/in/b.txt"]);
    let missing = r.checks.iter().find(|c| c.code == CheckCode::PayloadMissing).unwrap();
    assert_eq!(missing.path.as_deref(), Some("data/item-1/in/b.txt"), "the check names the file");
}

#[test]
fn a_file_in_the_archive_only_is_unlisted() {
    let mut entries = sealed();
    entries.push(("data/item-1/in/extra.txt".into(), b"planted".to_vec()));
    let codes = fails(&zip(&entries));
    assert!(codes.contains(&"archive.unlisted_file".into()), "{codes:?}");
    assert!(!codes.contains(&"payload.missing".into()), "{codes:?}");
}

#[test]
fn a_file_listed_only_in_manifest_sha256_is_missing_and_not_described() {
    let mut entries = sealed();
    let line = format!("{}  data/item-1/in/ghost.txt\n", Sha256Digest::of(b"ghost"));
    replace(&mut entries, "manifest-sha256.txt", |b| [b, line.as_bytes()].concat());
    let r = verify_source(Box::new(zip(&entries)), "t.zip", &VerifyOptions::default());
    let ghost: Vec<String> = r
        .checks
        .iter()
        .filter(|c| c.path.as_deref() == Some("data/item-1/in/ghost.txt"))
        .map(|c| c.code.to_string())
        .collect();
    assert_eq!(ghost, ["payload.missing", "manifest.payload_mismatch"], "missing, and not described");
    let codes = set(fails(&zip(&entries)));
    assert!(codes.contains(&"bagit.tag_hash_mismatch".into()), "the tag manifest no longer matches: {codes:?}");
}

#[test]
fn a_file_only_the_manifest_describes_fails_the_manifest() {
    let mut entries = sealed();
    // Another record beside b.txt's, for a file neither the archive nor the listing has.
    replace(&mut entries, "custody/manifest.json", |b| {
        let text = String::from_utf8(b.to_vec()).unwrap();
        let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let files = v["items"][0]["files"].as_array_mut().unwrap();
        let mut ghost = files[0].clone();
        ghost["path"] = "data/item-1/in/ghost.txt".into();
        ghost["original_name"] = "in/ghost.txt".into();
        files.push(ghost);
        serde_json::to_vec(&v).unwrap()
    });
    let codes = set(fails(&zip(&entries)));
    assert!(codes.contains(&"manifest.payload_mismatch".into()), "{codes:?}");
}

#[test]
fn a_path_the_manifest_describes_twice_fails_the_manifest_and_names_it() {
    let mut entries = sealed();
    // b.txt's record again, last: the duplicate is found in the records sorted by path.
    replace(&mut entries, "custody/manifest.json", |b| {
        let mut v: serde_json::Value = serde_json::from_slice(b).unwrap();
        let files = v["items"][0]["files"].as_array_mut().unwrap();
        let again = files.iter().find(|f| f["path"] == "data/item-1/in/b.txt").unwrap().clone();
        files.push(again);
        serde_json::to_vec(&v).unwrap()
    });
    let bytes = zip(&entries);
    let r = verify_source(Box::new(bytes.clone()), "t.zip", &VerifyOptions::default());
    assert_eq!(r.state, State::Invalid);
    let invalid = r.checks.iter().find(|c| c.code == CheckCode::ManifestInvalid).expect("manifest.invalid");
    assert!(invalid.message.contains("data/item-1/in/b.txt"), "names the path: {}", invalid.message);
    assert!(fails(&bytes).contains(&"manifest.invalid".into()));
}

#[test]
fn a_file_record_that_breaks_off_halfway_through_the_manifest_is_a_clear_failure() {
    let mut entries = sealed();
    replace(&mut entries, "custody/manifest.json", |b| {
        let text = String::from_utf8(b.to_vec()).unwrap();
        // The third file record's size becomes text: the parse stops there, in the middle of
        // the stream of records.
        let at = text.match_indices("\"size\":").nth(2).unwrap().0 + "\"size\":".len();
        let at = at + text[at..].find(|c: char| c != ' ').unwrap();
        let end = at + text[at..].find(|c: char| !c.is_ascii_digit()).unwrap();
        format!("{}\"many\"{}", &text[..at], &text[end..]).into_bytes()
    });
    let bytes = zip(&entries);
    let r = verify_source(Box::new(bytes.clone()), "t.zip", &VerifyOptions::default());
    assert_eq!(r.state, State::Invalid);
    let invalid = r.checks.iter().find(|c| c.code == CheckCode::ManifestInvalid).expect("manifest.invalid");
    let says = &invalid.message;
    assert!(says.contains("\"many\", expected u64 at line"), "says what is wrong and where: {says}");
    assert!(r.manifest.is_none(), "nothing of a half-read manifest is used");
    assert!(fails(&bytes).contains(&"manifest.invalid".into()));
}

#[test]
fn a_name_twice_in_the_archive_is_refused() {
    let mut entries = sealed();
    let twice = entries.iter().find(|(n, _)| n == "data/item-1/in/a.txt").unwrap().clone();
    entries.push(twice);
    let codes = set(fails(&zip(&entries)));
    assert!(codes.contains(&"archive.duplicate_name".into()), "{codes:?}");
}

#[test]
fn names_that_fold_to_one_are_refused() {
    let mut entries = sealed();
    entries.push(("data/item-1/in/A.TXT".into(), b"alpha".to_vec()));
    let codes = set(fails(&zip(&entries)));
    assert!(codes.contains(&"archive.name_collision".into()), "{codes:?}");
}

/// Issue #22 step 2: the listing refers to the archive's names; a path listed twice (one the
/// archive holds, one it does not) and a hostile path are refused as before, named.
#[test]
fn a_path_listed_twice_or_a_hostile_path_in_manifest_sha256_is_malformed_and_named() {
    for (line, says) in [
        ("data/item-1/in/b.txt", "data/item-1/in/b.txt"),
        ("data/item-1/in/ghost.txt", "data/item-1/in/ghost.txt"),
        ("data/../../evil.txt", "line"),
    ] {
        let mut entries = sealed();
        let twice = format!("{}  {line}\n", Sha256Digest::of(b"again"));
        replace(&mut entries, "manifest-sha256.txt", |b| {
            // The ghost is listed twice: it must be listed once before.
            let first = if line.contains("ghost") { twice.clone() } else { String::new() };
            [first.as_bytes(), b, twice.as_bytes()].concat()
        });
        let bytes = zip(&entries);
        let r = verify_source(Box::new(bytes.clone()), "t.zip", &VerifyOptions::default());
        assert_eq!(r.state, State::Invalid, "{line}");
        let bad = r
            .checks
            .iter()
            .find(|c| c.code == CheckCode::BagitManifestMalformed)
            .unwrap_or_else(|| panic!("bagit.manifest_malformed for {line}"));
        assert!(bad.message.contains(says), "{line}: {}", bad.message);
        assert!(set(fails(&bytes)).contains(&"bagit.manifest_malformed".into()), "{line}");
    }
}
