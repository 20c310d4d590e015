//! Format 1 (never released) is refused, not judged: `verify`, `inspect` and every command
//! that changes or extracts a bundle exit 2 ("cannot verify", JSON kind `unsupported_format`)
//! and name the legacy verifier; nothing is written.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use custody_core::archive::{read_archive, testing::write_unrooted};
use serde_json::Value;
use tempfile::TempDir;

struct Fx {
    dir: TempDir,
}

impl Fx {
    /// Alice and Bo, and `v1.zip`: a bundle in format 1's layout (its files at the top level
    /// of the ZIP, a `custody.manifest/1` manifest), made from a sealed bundle.
    fn new() -> Self {
        let f = Fx { dir: TempDir::new().unwrap() };
        for (k, name) in [("a", "Alice Wang"), ("b", "Bo Li")] {
            let key = format!("{k}.key");
            let args = ["keygen", "--out", &key, "--name", name, "--org", "Police", "--role", "investigator"];
            f.run(&[&args[..], &["--jurisdiction", "CN"]].concat()).success();
        }
        fs::write(f.path("page.html"), "<p>x</p>").unwrap();
        f.run(&["seal", "--key", "a.key", "--case-ref", "X-1", "--out", "case.zip", "page.html"]).success();
        let mut e = read_archive(fs::read(f.path("case.zip")).unwrap()).unwrap();
        let m = &mut e.iter_mut().find(|(n, _)| n == "custody/manifest.json").unwrap().1;
        *m = String::from_utf8(m.clone()).unwrap().replace("custody.manifest/2", "custody.manifest/1").into_bytes();
        fs::write(f.path("v1.zip"), write_unrooted(&e, chrono::Utc::now()).unwrap()).unwrap();
        f
    }
    fn path(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
    }
    fn run(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        Command::cargo_bin("custody").unwrap().current_dir(self.dir.path()).env("NO_COLOR", "1").args(args).assert()
    }
    /// Runs `args`: exit 2, a message naming format 1 and the legacy verifier; the
    /// directory's files are as before.
    fn refused(&self, args: &[&str]) -> String {
        let before = listing(self.dir.path());
        let out = self.run(args).code(2).get_output().clone();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        for words in ["format 1", "tools/legacy/verify_bundle_v1.py", "format-1-final"] {
            assert!(err.contains(words), "{args:?}: {err}");
        }
        assert_eq!(listing(self.dir.path()), before, "{args:?} wrote something");
        err
    }
}

/// Every file in `dir` with its bytes.
fn listing(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), fs::read(&p).unwrap_or_default()))
        .collect();
    v.sort();
    v
}

#[test]
fn verify_and_inspect_refuse_format_1_with_exit_2_not_invalid() {
    let f = Fx::new();
    let err = f.refused(&["verify", "v1.zip"]);
    assert!(err.contains("cannot verify") && !err.contains("INVALID"), "{err}");
    f.refused(&["inspect", "v1.zip"]);
    let out = f.run(&["verify", "--format", "json", "v1.zip"]).code(2).get_output().clone();
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["error"]["kind"], "unsupported_format", "{j}");
    assert_eq!(j["exit_code"], 2, "{j}");
    let schema: Value = serde_json::from_str(&fs::read_to_string("../../schemas/error.schema.json").unwrap()).unwrap();
    let errors: Vec<String> =
        jsonschema::validator_for(&schema).unwrap().iter_errors(&j).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn no_command_changes_or_extracts_a_format_1_bundle() {
    let f = Fx::new();
    let transfer = ["transfer", "v1.zip", "--key", "a.key", "--to", "b.key.pub", "--purpose", "review"];
    f.refused(&transfer);
    f.refused(&[&transfer[..], &["--out", "t.zip"]].concat());
    f.refused(&["receive", "v1.zip", "--key", "b.key", "--accept-untrusted"]);
    f.refused(&["receive", "v1.zip", "--key", "b.key", "--accept-untrusted", "--out", "r.zip"]);
    f.refused(&["extract", "v1.zip", "--out", "x"]);
    f.refused(&["recover", "v1.zip"]);
    f.refused(&["timestamp", "v1.zip", "--tsa", "http://127.0.0.1:9/", "--out", "s.zip"]);
    let out = f.run(&["transfer", "v1.zip", "--key", "a.key", "--to", "b.key.pub", "--purpose", "x", "--json"]);
    let j: Value = serde_json::from_slice(&out.code(2).get_output().stdout).unwrap();
    assert_eq!(j["error"]["kind"], "unsupported_format", "{j}");
}

#[test]
fn a_hostile_name_of_a_format_1_bundle_is_escaped() {
    let f = Fx::new();
    let evil = "v1\u{1b}[2J\u{202e}.zip";
    fs::copy(f.path("v1.zip"), f.path(evil)).unwrap();
    let err = f.refused(&["verify", evil]);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{202e}'), "{err:?}");
}
