//! The configuration file: defaults for the options a user repeats on every command (their
//! signing key, trust list, TSA roots, timestamp authority, report language).
//!
//! Where it is: the file `CUSTODY_CONFIG` names (which must exist); else
//! `$XDG_CONFIG_HOME/custody/config.toml`; else `~/.config/custody/config.toml` (both
//! optional). A flag always wins over the environment (`CUSTODY_TSA_URL`), which wins over
//! the file. Relative paths in the file are relative to the file's folder, and `~/` to the
//! home folder. The file is read only when a command needs one of its settings, so a broken
//! file never stops `--help`; an unknown setting or a wrong type is an error naming the file,
//! the line and the settings there are.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::{Result, anyhow};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The largest configuration file read (it holds a few paths).
const MAX_CONFIG: u64 = 64 * 1024;

/// The settings as the file writes them.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    key: Option<String>,
    trust: Option<String>,
    tsa_roots: Option<String>,
    tsa_url: Option<String>,
    log_url: Option<String>,
    log_key: Option<String>,
    lang: Option<String>,
}

/// The configuration file as read: where it is (if there is one) and what it sets.
#[derive(Debug, Default)]
struct Loaded {
    path: Option<PathBuf>,
    settings: FileSettings,
}

/// Where a setting's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// An environment variable.
    Environment,
    /// The configuration file.
    ConfigFile,
}

/// A value with where it came from.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Setting {
    /// The value (a path is shown as resolved).
    pub value: String,
    /// Where it came from.
    pub source: Source,
}

static LOADED: OnceLock<Result<Loaded, String>> = OnceLock::new();

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME").filter(|h| !h.is_empty()).map(PathBuf::from)
}

/// The configuration file's path and whether it was named explicitly (`CUSTODY_CONFIG`).
pub fn location() -> Option<(PathBuf, bool)> {
    if let Some(p) = std::env::var_os("CUSTODY_CONFIG").filter(|p| !p.is_empty()) {
        return Some((PathBuf::from(p), true));
    }
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| home().map(|h| h.join(".config")))?;
    Some((base.join("custody").join("config.toml"), false))
}

fn load() -> Result<Loaded, String> {
    let Some((path, named)) = location() else { return Ok(Loaded::default()) };
    if !named && !path.exists() {
        return Ok(Loaded::default());
    }
    let shown = path.display();
    let bytes = custody_core::files::read_limited_as(&path, MAX_CONFIG, "a configuration file").map_err(|e| {
        if named {
            format!("CUSTODY_CONFIG names {shown}, which cannot be read ({e}); fix the variable or unset it")
        } else {
            format!("the configuration file {shown} cannot be read: {e}")
        }
    })?;
    let text = String::from_utf8(bytes).map_err(|_| format!("the configuration file {shown} is not UTF-8 text"))?;
    let settings: FileSettings = toml::from_str(&text).map_err(|e| {
        format!(
            "the configuration file {shown} is not valid: {}. The settings are key, trust, tsa_roots, tsa_url, \
             log_url, log_key and lang (see `custody config --help`)",
            e.to_string().trim()
        )
    })?;
    Ok(Loaded { path: Some(path), settings })
}

fn loaded() -> Result<&'static Loaded> {
    LOADED.get_or_init(load).as_ref().map_err(|e| {
        // The user's own file: a TOML error's lines (the line quoted, the caret) are shown.
        anyhow::Error::new(crate::output::Restated {
            kind: custody_core::exit::ErrorKind::Input,
            message: e.clone(),
            own_file: true,
        })
    })
}

/// A path the file gives: `~/` is the home folder, a relative path is relative to the file.
fn resolve(value: &str, file: &Path) -> PathBuf {
    if let (Some(rest), Some(home)) = (value.strip_prefix("~/"), home()) {
        return home.join(rest);
    }
    let p = Path::new(value);
    if p.is_absolute() { p.to_owned() } else { file.parent().unwrap_or(Path::new(".")).join(p) }
}

/// A path setting: the flag, else the file's.
fn path_setting(flag: Option<&Path>, pick: impl Fn(&FileSettings) -> Option<&String>) -> Result<Option<PathBuf>> {
    if let Some(f) = flag {
        return Ok(Some(f.to_owned()));
    }
    let l = loaded()?;
    Ok(match (pick(&l.settings), &l.path) {
        (Some(v), Some(file)) => Some(resolve(v, file)),
        _ => None,
    })
}

/// The signing key: `--key`, else `key` in the configuration file.
pub fn key(flag: Option<&Path>) -> Result<PathBuf> {
    path_setting(flag, |s| s.key.as_ref())?.ok_or_else(|| {
        anyhow!(
            "no signing key: give --key KEY (made by `custody keygen`), or set key = \"PATH\" in the configuration \
             file{}",
            location().map(|(p, _)| format!(" ({})", p.display())).unwrap_or_default()
        )
    })
}

/// The trust list: `--trust`, else `trust` in the configuration file.
pub fn trust(flag: Option<&Path>) -> Result<Option<PathBuf>> {
    path_setting(flag, |s| s.trust.as_ref())
}

/// The TSA roots: `--tsa-roots`, else `tsa_roots` in the configuration file.
pub fn tsa_roots(flag: Option<&Path>) -> Result<Option<PathBuf>> {
    path_setting(flag, |s| s.tsa_roots.as_ref())
}

/// The timestamp authority: `--tsa`, else `CUSTODY_TSA_URL`, else `tsa_url` in the file.
pub fn tsa_url(flag: Option<&str>) -> Result<Option<String>> {
    if let Some(f) = flag {
        return Ok(Some(f.to_owned()));
    }
    if let Some(v) = std::env::var("CUSTODY_TSA_URL").ok().filter(|v| !v.is_empty()) {
        return Ok(Some(v));
    }
    Ok(loaded()?.settings.tsa_url.clone())
}

/// The custody log for a new bundle: `--log`, else `log_url` in the file.
pub fn log_url(flag: Option<&str>) -> Result<Option<String>> {
    if let Some(f) = flag {
        return Ok(Some(f.to_owned()));
    }
    Ok(loaded()?.settings.log_url.clone())
}

/// The custody log's verifier key file: `--log-key`, else `log_key` in the file.
pub fn log_key(flag: Option<&Path>) -> Result<Option<PathBuf>> {
    path_setting(flag, |s| s.log_key.as_ref())
}

/// The report language: `--lang`, else `lang` in the configuration file.
pub fn lang(flag: Option<&str>) -> Result<Option<String>> {
    if let Some(f) = flag {
        return Ok(Some(f.to_owned()));
    }
    Ok(loaded()?.settings.lang.clone())
}

/// What `custody config show` prints: the file, and each setting in effect with its source.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(
    title = "custody config show --json",
    extend("$id" = "https://custody.invalid/schemas/config-show.schema.json")
)]
pub struct Effective {
    /// The configuration file custody reads, if any.
    pub file: Option<String>,
    /// Whether that file exists.
    pub file_exists: bool,
    /// The signing key (`--key`).
    pub key: Option<Setting>,
    /// The trust list (`--trust`).
    pub trust: Option<Setting>,
    /// The TSA roots (`--tsa-roots`).
    pub tsa_roots: Option<Setting>,
    /// The timestamp authority (`--tsa`).
    pub tsa_url: Option<Setting>,
    /// The custody log a seal names (`--log`).
    pub log_url: Option<Setting>,
    /// The custody log's verifier key (`--log-key`).
    pub log_key: Option<Setting>,
    /// The report language (`custody report --lang`).
    pub lang: Option<Setting>,
}

/// The settings in effect for a command given no flags.
pub fn effective() -> Result<Effective> {
    let l = loaded()?;
    let from_file = |v: Option<&String>, path: bool| {
        let file = l.path.as_deref()?;
        let v = v?;
        let value = if path { resolve(v, file).display().to_string() } else { v.clone() };
        Some(Setting { value, source: Source::ConfigFile })
    };
    let env_tsa = std::env::var("CUSTODY_TSA_URL").ok().filter(|v| !v.is_empty());
    let location = location();
    Ok(Effective {
        file: location.as_ref().map(|(p, _)| p.display().to_string()),
        file_exists: location.is_some_and(|(p, _)| p.is_file()),
        key: from_file(l.settings.key.as_ref(), true),
        trust: from_file(l.settings.trust.as_ref(), true),
        tsa_roots: from_file(l.settings.tsa_roots.as_ref(), true),
        tsa_url: env_tsa
            .map(|value| Setting { value, source: Source::Environment })
            .or_else(|| from_file(l.settings.tsa_url.as_ref(), false)),
        log_url: from_file(l.settings.log_url.as_ref(), false),
        log_key: from_file(l.settings.log_key.as_ref(), true),
        lang: from_file(l.settings.lang.as_ref(), false),
    })
}

/// A commented example of the file, for `custody config --help` and the README.
pub const CONFIG_HELP: &str = "The configuration file holds defaults for options you would otherwise repeat. It is
the file CUSTODY_CONFIG names; else $XDG_CONFIG_HOME/custody/config.toml; else
~/.config/custody/config.toml. A flag always wins over the environment (CUSTODY_TSA_URL),
which wins over the file. Relative paths are relative to the file's folder; ~/ is your home.

  # ~/.config/custody/config.toml
  key = \"~/keys/alice.key\"                     # --key, for every command that signs
  trust = \"~/custody/trusted-keys.txt\"         # --trust, for verify, receive, extract, report
  tsa_roots = \"~/custody/tsa-roots.pem\"        # --tsa-roots
  tsa_url = \"http://timestamp.example.org/tsa\" # --tsa, for every command that writes an event
  log_url = \"http://127.0.0.1:8080\"            # --log, the custody log custody seal names
  log_key = \"~/custody/log.vkey\"               # --log-key, that log's verifier key
  lang = \"fr,en\"                               # custody report --lang

Examples:
  custody config show
  custody config show --json";
