//! Property: any tree of files (Unicode names, empty files, deep directories, many small
//! files) seals and then verifies intact, and the manifest records every original name.

use std::collections::BTreeSet;
use std::fs;

use custody_core::archive::collision_key;
use custody_core::casefile::CaseInput;
use custody_core::seal::{ItemInput, SealOptions, seal};
use custody_core::verify::{State, VerifyOptions, verify_path};
use custody_core::{Identity, KeyPair, Role};
use proptest::prelude::*;

/// File name components: letters from several scripts, digits, spaces, punctuation
/// (including '%', which bundles store as U+FF05), never '/', NUL or control characters.
fn component() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-zA-Z0-9 _.,%()\\-éüßøçÅЖЯжя日本語证据مرحبا😀]{1,24}")
        .unwrap()
        .prop_filter("not . or ..", |s| s != "." && s != ".." && s.trim() == s.as_str())
        .prop_filter("a name Windows can hold (spec §3.4)", |s| custody_core::archive::check_name(s).is_ok())
}

fn tree() -> impl Strategy<Value = Vec<(Vec<String>, Vec<u8>)>> {
    proptest::collection::vec(
        (proptest::collection::vec(component(), 1..7), proptest::collection::vec(any::<u8>(), 0..300)),
        1..40,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    #[test]
    fn any_tree_seals_and_verifies(files in tree()) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("capture");
        fs::create_dir(&root).unwrap();
        // Keep one file per path, and no path that is a prefix directory of another file,
        // and no two paths that collide by case or Unicode form (seal refuses those).
        let mut written = BTreeSet::new();
        let mut keys = BTreeSet::new();
        for (parts, data) in &files {
            let rel = parts.join("/");
            let is_dir_of_other = written.iter().any(|w: &String| w.starts_with(&format!("{rel}/")) || rel.starts_with(&format!("{w}/")));
            if is_dir_of_other || !keys.insert(collision_key(&rel)) {
                continue;
            }
            let prefix_collides = parts.iter().enumerate().skip(1).any(|(i, _)| {
                let d = parts[..i].join("/");
                written.contains(&d)
            });
            if prefix_collides {
                continue;
            }
            let path = root.join(parts.iter().collect::<std::path::PathBuf>());
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            if fs::write(&path, data).is_ok() {
                written.insert(rel);
            }
        }
        prop_assume!(!written.is_empty());
        // Directories differing only by case would also collide: seal decides, and must
        // either refuse cleanly or produce a bundle that verifies.
        let key = KeyPair::from_seed([3; 32], Identity {
            name: "Prop Test".into(), organisation: "Lab".into(), role: Role::Examiner, jurisdiction: "NL".into(),
        });
        let out = dir.path().join("b.zip");
        let opts = SealOptions::default().with_case(CaseInput::new("P-1")).with_import(true)
            .with_item(ItemInput::bare(root.clone())).with_jobs(2);
        match seal(&key, &out, &opts) {
            Ok(s) => {
                prop_assert_eq!(s.files, written.len());
                let report = verify_path(&out, &VerifyOptions::default()).unwrap();
                prop_assert_eq!(report.state, State::Intact, "{:?}", report.failures());
                let a = custody_core::archive::Archive::open(Box::new(fs::read(&out).unwrap())).unwrap();
                let m: custody_core::manifest::Manifest = serde_json::from_slice(
                    &a.read_entry(a.entry("custody/manifest.json").unwrap(), 1 << 24).unwrap()).unwrap();
                let names: BTreeSet<String> = m.items[0].files.iter()
                    .map(|f| f.original_name.trim_start_matches("capture/").to_owned()).collect();
                prop_assert_eq!(names, written);
            }
            Err(custody_core::Error::BadInput { why, .. }) => {
                prop_assert!(why.contains("same name"), "unexpected refusal: {}", why);
                prop_assert!(!out.exists());
            }
            Err(e) => prop_assert!(false, "seal failed: {}", e),
        }
    }
}
