//! The salted commitment (spec §5.12) as a second implementer computes it: leaf bodies from
//! the raw JSON a verifier parses equal those from custody's typed values, every boolean
//! member left out when false is one canonical JSON drops, and the example bundle's root is
//! the one §13 quotes.

use std::fs;
use std::path::Path;

use custody_core::archive::read_archive;
use custody_core::commit::canon::{FALSE_DEFAULTS, canonical_bytes as canon};
use custody_core::manifest::Manifest;
use serde_json::{Value, json};

fn vectors_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors")
}

fn manifest_of(zip: &Path) -> Option<Vec<u8>> {
    let entries = read_archive(fs::read(zip).ok()?).ok()?;
    entries.into_iter().find(|(n, _)| n.ends_with("custody/manifest.json")).map(|(_, d)| d)
}

/// The canonical JSON of each leaf body, built from the raw JSON Value (as a verifier
/// following the spec does) and from the typed value (as custody does), agree for every
/// manifest of the vectors that parses, explicit empties included.
#[test]
fn leaf_bodies_from_raw_json_equal_those_from_typed_values() {
    let mut manifests = 0;
    for entry in fs::read_dir(vectors_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "zip") {
            continue;
        }
        let Some(doc) = manifest_of(&path) else { continue };
        let Ok(typed) = serde_json::from_slice::<Manifest>(&doc) else { continue };
        let raw: Value = serde_json::from_slice(&doc).unwrap();
        let name = path.display();
        assert_eq!(canon(&raw["case"]), canon(&typed.case), "{name}: case");
        // §5.12: `{}` when absent; a member that says nothing (null, []) is absent.
        let says_something = |r: &&Value| !r.is_null() && r.as_array().is_none_or(|a| !a.is_empty());
        let restrictions = raw.get("restrictions").filter(says_something).cloned().unwrap_or(json!({}));
        assert_eq!(canon(&restrictions), canon(&typed.restrictions), "{name}: restrictions");
        let no_list = Vec::new();
        let actors = raw.get("actors").and_then(Value::as_array).unwrap_or(&no_list);
        assert_eq!(actors.len(), typed.actors.len(), "{name}");
        for (r, t) in actors.iter().zip(&typed.actors) {
            assert_eq!(canon(r), canon(t), "{name}: actor");
        }
        let items = raw["items"].as_array().unwrap();
        for (r, t) in items.iter().zip(&typed.items) {
            let mut head = r.clone();
            head.as_object_mut().unwrap().remove("files");
            let mut typed_head = serde_json::to_value(t).unwrap();
            typed_head.as_object_mut().unwrap().remove("files");
            assert_eq!(canon(&head), canon(&typed_head), "{name}: item head");
            let files = r["files"].as_array().unwrap();
            let records = t.files.to_records();
            assert_eq!(files.len(), records.len(), "{name}");
            for (rf, tf) in files.iter().zip(&records) {
                assert_eq!(canon(rf), canon(tf), "{name}: file record");
            }
        }
        manifests += 1;
    }
    assert!(manifests >= 100, "only {manifests} manifests compared: regenerate the vectors");
}

/// A boolean member serialised only when true reads as false when absent; canonical JSON
/// must drop it when false too, or `"x": false` and its absence would commit differently.
/// Cheap and robust: every `bool` field in the library's source whose attributes skip it
/// when serialising must be named in `FALSE_DEFAULTS` (whatever the predicate is called).
#[test]
fn every_bool_skipped_when_false_is_a_false_default() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    let mut stack = vec![src];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = fs::read_to_string(&path).unwrap();
            let mut skipped = false;
            for line in text.lines().map(str::trim) {
                if line.starts_with("#[") {
                    skipped |= line.contains("skip_serializing_if");
                    continue;
                }
                if line.starts_with("///") || line.starts_with("//") {
                    continue;
                }
                if skipped
                    && let Some((field, ty)) = line.strip_prefix("pub ").unwrap_or(line).split_once(':')
                    && ty.trim().trim_end_matches(',') == "bool"
                {
                    found.push(field.trim().to_owned());
                    assert!(
                        FALSE_DEFAULTS.contains(&field.trim()),
                        "{}: `{}` is skipped when serialised but not in canon's FALSE_DEFAULTS",
                        path.display(),
                        field.trim()
                    );
                }
                skipped = false;
            }
        }
    }
    found.sort();
    assert_eq!(found, FALSE_DEFAULTS, "each false default is a skipped bool field (the scan still finds them)");
}

/// Spec §13 quotes the example bundle's (`sealed.zip`, seed 0x00…0x1f) tree head.
#[test]
fn the_example_bundles_root_is_the_one_spec_13_quotes() {
    const ROOT: &str = "9873bf6728ab1bb244715e821d452943d46e89e75a4682c51b955ac7866bc47d";
    let entries = read_archive(fs::read(vectors_dir().join("sealed.zip")).unwrap()).unwrap();
    let seal = &entries.iter().find(|(n, _)| n.ends_with("custody/events/000000-seal.json")).unwrap().1;
    let seal: Value = serde_json::from_slice(seal).unwrap();
    assert_eq!(seal["commitment"], json!({"scheme": "custody.merkle/1", "tree_size": 8, "root": ROOT}));
    let spec = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/bundle-format.md")).unwrap();
    assert!(spec.contains(ROOT), "spec §13 quotes another root");
}
