//! What the test modules share: a scratch folder to run `custody` in (under a fixed clock for
//! the golden files), the test vectors, and the check of a JSON output against its published
//! schema. Modules whose tests share a setup wrap the folder in their own `Dir`, which
//! dereferences to it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// The repository's root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Fails the test unless `doc` is valid against `schemas/<schema>`.
pub fn validate(schema: &str, doc: &Value) {
    let s: Value = serde_json::from_str(&fs::read_to_string(repo().join("schemas").join(schema)).unwrap()).unwrap();
    let v = jsonschema::validator_for(&s).unwrap();
    let errors: Vec<String> = v.iter_errors(doc).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{schema}: {errors:#?}\n{doc:#}");
}

/// 2026-12-01T00:00:00Z, the vectors' evaluation date: `SOURCE_DATE_EPOCH` of the golden files.
pub const EPOCH: &str = "1796083200";

/// A scratch folder, the working directory of every command run in it. Commands run with a
/// clean environment for what changes custody's behaviour (colour, TSA, configuration).
pub struct Scratch {
    dir: TempDir,
    /// `SOURCE_DATE_EPOCH` for every command, if set ([`Scratch::fixed_clock`]).
    epoch: Option<&'static str>,
}

impl Scratch {
    pub fn new() -> Self {
        Scratch { dir: TempDir::new().unwrap(), epoch: None }
    }
    /// A scratch folder whose commands run at [`EPOCH`] (`SOURCE_DATE_EPOCH`): reports and
    /// forms made in it are byte-stable.
    pub fn fixed_clock() -> Self {
        Scratch { dir: TempDir::new().unwrap(), epoch: Some(EPOCH) }
    }
    pub fn path(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
    }
    /// Copies the test vector `tests/vectors/NAME.zip` here; returns its file name.
    pub fn vector(&self, name: &str) -> String {
        let file = format!("{name}.zip");
        fs::copy(repo().join("tests/vectors").join(&file), self.path(&file)).unwrap();
        file
    }
    /// The folder itself.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }
    pub fn write(&self, p: &str, text: &str) -> PathBuf {
        let path = self.path(p);
        fs::write(&path, text).unwrap();
        path
    }
    pub fn write_bytes(&self, p: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(p);
        fs::write(&path, bytes).unwrap();
        path
    }
    /// Asserts that neither the output `out` nor a temporary of it (`.out…`, as outputs are
    /// written before they are renamed into place) is in this folder; `what` names the case.
    pub fn assert_not_written(&self, out: &str, what: &dyn std::fmt::Debug) {
        let temp = format!(".{out}");
        let left: Vec<String> = fs::read_dir(self.root())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| *n == out || n.starts_with(&temp))
            .collect();
        assert!(left.is_empty(), "{what:?} left {left:?}");
    }
    /// A `custody` command in this folder, not yet run.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::cargo_bin("custody").unwrap();
        if let Some(e) = self.epoch {
            c.env("SOURCE_DATE_EPOCH", e);
        }
        c.current_dir(self.dir.path())
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("CUSTODY_TSA_URL")
            .env_remove("CUSTODY_CONFIG")
            .env("XDG_CONFIG_HOME", self.path("config-home"))
            .env("TERM", "xterm")
            .args(args);
        c
    }
    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }
    /// Runs a command that must exit with `code`; returns its stdout.
    pub fn status(&self, code: i32, args: &[&str]) -> String {
        let o = self.run(args);
        assert_eq!(o.status.code(), Some(code), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    }
    pub fn ok(&self, args: &[&str]) -> String {
        self.status(0, args)
    }
    /// Runs a command that must be refused (exit 2) saying `needle` on stderr; returns stderr.
    pub fn refused(&self, args: &[&str], needle: &str) -> String {
        let o = self.run(args);
        let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
        assert_eq!(o.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
        stderr
    }
    /// Runs a command that must exit with `code` and print JSON valid against `schema`.
    pub fn json(&self, code: i32, schema: &str, args: &[&str]) -> Value {
        let out = self.status(code, args);
        let doc: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}\n{out}"));
        validate(schema, &doc);
        doc
    }
    /// Makes a key `name.key` for an investigator called `who`.
    pub fn keygen(&self, name: &str, who: &str) {
        let out = format!("{name}.key");
        self.ok(&["keygen", "--out", &out, "--name", who, "--org", "Police", "--role", "investigator"]
            .into_iter()
            .chain(["--jurisdiction", "FR"])
            .collect::<Vec<_>>());
    }
}
