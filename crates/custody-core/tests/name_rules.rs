//! One rule for names that collide when folded (spec §3.4, issue #13.8): seal refuses them
//! with a way out, and the reader refuses a bundle that holds them.

use std::fs;
use std::path::Path;

use custody_core::Error;
use custody_core::casefile::CaseInput;
use custody_core::seal::{ItemInput, SealOptions, seal};
use custody_core::verify::{State, VerifyOptions, verify_path};
use custody_core::{Identity, KeyPair, Role};

fn seal_dir(files: &[&str]) -> (tempfile::TempDir, Result<(), String>) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("capture");
    for f in files {
        let p = root.join(f);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(&p, f.as_bytes()).unwrap();
    }
    let key = KeyPair::from_seed(
        [5; 32],
        Identity { name: "N".into(), organisation: "Lab".into(), role: Role::Examiner, jurisdiction: "NL".into() },
    );
    let out = dir.path().join("b.zip");
    let opts = SealOptions::default()
        .with_case(CaseInput::new("N-1"))
        .with_import(true)
        .with_item(ItemInput::bare(root))
        .with_jobs(1);
    let result = match seal(&key, &out, &opts) {
        Ok(_) => {
            let r = verify_path(&out, &VerifyOptions::default()).unwrap();
            assert_eq!(r.state, State::Intact, "{:?}", r.failures());
            Ok(())
        }
        Err(e @ Error::BadInput { .. }) => {
            assert!(!Path::new(&out).exists(), "no bundle is left behind");
            Err(e.to_string())
        }
        Err(e) => panic!("seal failed: {e}"),
    };
    (dir, result)
}

#[test]
fn seal_refuses_names_equal_under_full_case_folding_and_says_what_to_do() {
    for pair in [["\u{17f}.txt", "s.txt"], ["\u{3bf}\u{3c2}", "\u{3bf}\u{3c3}"], ["\u{131}d", "id"], ["ss", "\u{df}"]] {
        let (_d, r) = seal_dir(&pair);
        let msg = r.expect_err(&format!("{pair:?} must be refused"));
        assert!(msg.contains("same name"), "{msg}");
        assert!(msg.contains("rename one of them") && msg.contains("separate inputs"), "{msg}");
    }
}

#[test]
fn seal_refuses_a_file_beside_a_folder_of_the_same_folded_name() {
    let (_d, r) = seal_dir(&["d", "D/x"]);
    let msg = r.expect_err("d beside D/x must be refused");
    assert!(msg.contains("a file and a folder"), "{msg}");
}

#[test]
fn seal_refuses_names_windows_cannot_hold_and_says_what_to_do() {
    // Review of #13.8: each of these sealed and verified INTACT, but Windows drops a final
    // dot or space (`a.txt.` is `a.txt`), opens a device for `CON`, and refuses `:`.
    for name in ["a.txt.", "a.txt ", "dir./x", "CON", "nul.txt", "Com1.log", "x:y", "y:z", "a?b", "a*b", "a|b"] {
        let (_d, r) = seal_dir(&["a.txt", name]);
        let msg = r.expect_err(&format!("{name:?} must be refused"));
        assert!(msg.contains("cannot be sealed") && msg.contains("Rename it"), "{name:?}: {msg}");
    }
}

#[test]
fn seal_refuses_names_that_differ_only_by_invisible_characters() {
    // b U+200C c and bc look the same and some file systems ignore the joiner.
    for pair in [["b\u{200c}c", "bc"], ["\u{feff}a", "A"], ["x\u{fe0f}", "x"]] {
        let (_d, r) = seal_dir(&pair);
        let msg = r.expect_err(&format!("{pair:?} must be refused"));
        assert!(msg.contains("same name") && msg.contains("rename one of them"), "{msg}");
    }
    // Alone, a joiner is a real part of Persian and Indic names.
    let (_d, r) = seal_dir(&["\u{645}\u{6cc}\u{200c}\u{62e}\u{648}\u{627}\u{647}\u{645}", "bc"]);
    r.unwrap();
}

#[test]
fn distinct_names_still_seal() {
    let (_d, r) = seal_dir(&["d/x", "d/y", "e", "\u{e9}", "f\u{fb01}", "\u{1e08f}", "CONSOLE", "COM10", "a .b", ".c"]);
    r.unwrap();
}

#[test]
fn two_keys_claiming_one_person_raise_a_warning() {
    // The second vector dodged the check with a fullwidth letter, a zero-width space and a
    // soft hyphen (review of #13.8); the second verifier must warn on both too.
    for vector in ["key-duplicate-identity.zip", "key-duplicate-identity-lookalike.zip"] {
        let v = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors").join(vector);
        let r = verify_path(&v, &VerifyOptions::default()).unwrap();
        assert_eq!(r.state, State::Intact, "{vector}: a warning, not a failure: {:?}", r.failures());
        let w = r.checks.iter().find(|c| c.code == "key.duplicate_identity").expect("key.duplicate_identity");
        assert_eq!(w.level, custody_core::verify::Level::Warn);
        assert!(w.message.contains("2 keys") && w.message.contains("custody/keys/"), "{}", w.message);
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/verify_bundle.py");
        if let Ok(out) = std::process::Command::new("python3").arg(&script).arg(&v).output() {
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(text.contains("key.duplicate_identity"), "{vector}: verify_bundle.py: {text}");
        }
    }
    // One key per person: no warning.
    let sealed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/chain-4party.zip");
    let r = verify_path(&sealed, &VerifyOptions::default()).unwrap();
    assert!(!r.checks.iter().any(|c| c.code == "key.duplicate_identity"));
}
