//! `custody log init|serve|key|monitor`: run a custody log (issue #20, docs/custody-log.md)
//! over the `custody-log` crate, and watch one over `custody_core::tlog`'s client and
//! monitor. Thin: one library call per command.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context as _, Result};
use clap::Subcommand;
use custody_core::files as fsutil;
use custody_core::keys::note::{MAX_NOTE_BYTES, VerifierKey};
use custody_core::tlog::monitor::{self, Misbehaviour, Progress, Verdict};
use custody_core::tlog::wording as words;
use custody_core::tlog::{ClientError, LogClient};
use custody_log::{Db, ServeConfig, Server, Store};

use crate::output::{LogKeyOutput, LogMonitorOutput, LogVerdict};
use crate::{load_key, print_json, print_text};

#[derive(Subcommand)]
pub enum LogCommand {
    /// Create a log's database for a log key and origin; print the log's verifier key.
    #[command(
        after_help = "Example:\n  custody log init --db log.sqlite --key log.key --origin court.example/custody-log\n\n\
                            The origin names the log in every checkpoint: 1 to 255 printable ASCII characters, no space, no '+'.\n\
                            Give the printed verifier key to those who seal bundles for this log."
    )]
    Init {
        /// The SQLite database to create, or postgres://USER:PASSWORD@HOST:PORT/DBNAME (an existing
        /// database whose schema holds no tables yet).
        #[arg(long, value_name = "FILE|URL")]
        db: PathBuf,
        /// The log's private key; default: key in the configuration file.
        #[arg(long, value_name = "KEY")]
        key: Option<PathBuf>,
        /// The log's name in its checkpoints, e.g. court.example/custody-log.
        #[arg(long, value_name = "NAME")]
        origin: String,
        /// Print the result as JSON (the same as --format json).
        #[arg(long)]
        json: bool,
    },
    /// Serve a log over HTTP until stopped.
    #[command(after_help = "Example:\n  custody log serve --db log.sqlite --key log.key --listen 127.0.0.1:8080\n\n\
                            Plain HTTP: put a TLS proxy in front of a public log. The key must be the one\n\
                            the database was created for.")]
    Serve {
        /// The log's SQLite database or postgres:// URL (made by custody log init); several
        /// servers may share one PostgreSQL database.
        #[arg(long, value_name = "FILE|URL")]
        db: PathBuf,
        /// The log's private key; default: key in the configuration file.
        #[arg(long, value_name = "KEY")]
        key: Option<PathBuf>,
        /// The address and port to listen on.
        #[arg(long, value_name = "ADDR:PORT")]
        listen: String,
        /// Worker threads answering requests.
        #[arg(long, value_name = "N", default_value_t = 32)]
        threads: usize,
    },
    /// Print the verifier key of a log key under an origin (to compare with what a log serves).
    #[command(after_help = "Example:\n  custody log key --key log.key --origin court.example/custody-log")]
    Key {
        /// The log's private key; default: key in the configuration file.
        #[arg(long, value_name = "KEY")]
        key: Option<PathBuf>,
        /// The log's origin.
        #[arg(long, value_name = "NAME")]
        origin: String,
        /// Print the result as JSON (the same as --format json).
        #[arg(long)]
        json: bool,
    },
    /// Watch a log: each checkpoint it serves must be signed by its key and extend the last.
    #[command(
        after_help = "Examples:\n  custody log monitor http://127.0.0.1:8080 --log-key log.vkey --state log.state\n  \
                            custody log monitor http://127.0.0.1:8080 --log-key log.vkey --state log.state --interval 300\n\n\
                            Exit status: 0 the log behaved; 1 it misbehaved (rolled back, two heads for one size, a\n\
                            failed consistency proof, or a checkpoint not signed by its key): both checkpoints are\n\
                            printed as the evidence and the state file is left as it was; 2 the look could not be made.\n\
                            With --interval, a log that cannot be reached is reported on stderr and asked again.\n\
                            With --format json, one JSON document per look."
    )]
    Monitor {
        /// The log's address (http://HOST:PORT[/PREFIX]).
        #[arg(value_name = "URL")]
        url: String,
        /// The log's verifier key (NAME+KEYID+KEY, as custody log init prints it), or a file holding it.
        #[arg(long, value_name = "VKEY")]
        log_key: String,
        /// The file keeping the last checkpoint accepted (created on the first look). Without
        /// it every look is a first look, compared with nothing: a rollback or a second
        /// history (a split view) is caught only against a checkpoint kept from before.
        #[arg(long, value_name = "FILE")]
        state: Option<PathBuf>,
        /// Also rebuild the tree from the log's entries (its tile endpoints) and check one
        /// accepted event per slot: reads every entry on each look.
        #[arg(long)]
        audit: bool,
        /// Look again every SECS seconds until stopped (default: look once).
        #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..))]
        interval: Option<u64>,
        /// Print each look as JSON (the same as --format json).
        #[arg(long)]
        json: bool,
    },
}

impl LogCommand {
    /// The command's `--json` flag, or `None` for `serve` (it writes no document).
    pub fn json_flag(&mut self) -> Option<&mut bool> {
        match self {
            LogCommand::Init { json, .. } | LogCommand::Key { json, .. } | LogCommand::Monitor { json, .. } => {
                Some(json)
            }
            LogCommand::Serve { .. } => None,
        }
    }
}

/// Runs one `custody log` command.
pub fn log_cmd(cmd: LogCommand) -> Result<ExitCode> {
    match cmd {
        LogCommand::Init { db, key, origin, json } => {
            let key = load_key(key.as_deref())?;
            let db = Db::from_arg(&db);
            let vkey = Store::create(&db, &key, &origin)?;
            say_key(&vkey, Some(&db), json);
        }
        LogCommand::Serve { db, key, listen, threads } => {
            let key = load_key(key.as_deref())?;
            let server = Server::start(ServeConfig { db: Db::from_arg(&db), key, listen, threads })?;
            #[cfg(unix)]
            crate::interrupt::serving();
            eprintln!("{}", words::log_listening(server.addr()));
            // Serves until the process is stopped: every batch is one transaction, so a
            // stop at any moment leaves each acknowledged submission stored.
            loop {
                std::thread::park();
            }
        }
        LogCommand::Key { key, origin, json } => {
            let key = load_key(key.as_deref())?;
            custody_core::tlog::check_origin(&origin)?;
            say_key(&VerifierKey::new(&origin, key.public())?, None, json);
        }
        LogCommand::Monitor { url, log_key, state, audit, interval, json } => {
            let how = Look { audit, json };
            return watch(&url, &log_key, state.as_deref(), interval, how);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `custody log monitor`: looks once, or every `interval` seconds, until the log misbehaves.
/// How each look is made and told.
#[derive(Clone, Copy)]
struct Look {
    /// Rebuild the tree from the entries too.
    audit: bool,
    /// Print JSON.
    json: bool,
}

/// Prints a log's verifier key: the key's text alone (to redirect into a file), or JSON.
fn say_key(vkey: &VerifierKey, db: Option<&Db>, json: bool) {
    if json {
        print_json(&LogKeyOutput {
            origin: vkey.name().to_owned(),
            verifier_key: vkey.to_string(),
            // A URL's password is never shown.
            db: db.map(|d| d.to_string()),
        });
    } else {
        print_text(&vkey.to_string());
    }
}

fn watch(url: &str, log_key: &str, state: Option<&Path>, interval: Option<u64>, how: Look) -> Result<ExitCode> {
    let key = verifier_key(log_key)?;
    let client = LogClient::new(url)?;
    let mut earlier = match state {
        Some(p) if p.exists() => Some(read_state(p)?),
        _ => None,
    };
    loop {
        match look(&client, &key, earlier.as_deref(), how) {
            Ok(Some(now)) => {
                if let Some(p) = state {
                    fsutil::write_atomic(p, now.as_bytes(), true)?;
                }
                earlier = Some(now);
            }
            Ok(None) => return Ok(ExitCode::from(1)),
            Err(e) if interval.is_some() && e.downcast_ref::<ClientError>().is_some() => {
                eprintln!("custody: {}", crate::report::one_line(&format!("{e:#}")));
            }
            Err(e) => return Err(e),
        }
        let Some(secs) = interval else { return Ok(ExitCode::SUCCESS) };
        std::thread::sleep(Duration::from_secs(secs));
    }
}

/// One look at the log: prints what it found; returns the note now accepted, or `None` when
/// the log misbehaved (the evidence printed).
fn look(client: &LogClient, key: &VerifierKey, earlier: Option<&str>, how: Look) -> Result<Option<String>> {
    let served = client.checkpoint()?;
    let mut verdict = monitor::observe(key, earlier, &served, |m, n| client.consistency(m, n))?;
    let mut audited = None;
    if let (true, Verdict::Behaved { now, .. }) = (how.audit, &verdict) {
        match monitor::audit(&now.checkpoint, |i, w| client.entry_bundle(i, w))? {
            Some(what) => verdict = verdict.refuted(what),
            None => audited = Some(words::monitor_audited(now.checkpoint.size)),
        }
    }
    let origin = key.name();
    let (out, accepted) = match verdict {
        Verdict::Behaved { progress, now, earlier: previous } => {
            let cp = &now.checkpoint;
            let (verdict, message) = match progress {
                Progress::First => (LogVerdict::First, words::monitor_first(origin, cp.size)),
                Progress::Unchanged => (LogVerdict::Unchanged, words::monitor_unchanged(origin, cp.size)),
                Progress::Grew { from } => (LogVerdict::Grew, words::monitor_grew(origin, from, cp.size)),
            };
            let message = match &audited {
                Some(a) => format!("{message}; {a}"),
                None => message,
            };
            let out = LogMonitorOutput {
                log: origin.to_owned(),
                url: client.url().to_owned(),
                verdict,
                size: Some(cp.size),
                root: Some(hex(&cp.root)),
                previous_size: previous.as_ref().map(|p| p.size),
                message,
                checkpoint: now.note.clone(),
                previous_checkpoint: earlier.map(str::to_owned),
            };
            (out, Some(now.note))
        }
        Verdict::Misbehaved { what, served, opened, earlier: previous } => {
            let verdict = match what {
                Misbehaviour::BadSignature(_) => LogVerdict::BadSignature,
                Misbehaviour::RolledBack { .. } => LogVerdict::RolledBack,
                Misbehaviour::Forked { .. } => LogVerdict::Forked,
                Misbehaviour::EntriesDisagree { .. } => LogVerdict::EntriesDisagree,
                Misbehaviour::TwoEvents { .. } => LogVerdict::TwoEvents,
                _ => LogVerdict::Inconsistent,
            };
            let out = LogMonitorOutput {
                log: origin.to_owned(),
                url: client.url().to_owned(),
                verdict,
                size: opened.as_ref().map(|c| c.size),
                root: opened.as_ref().map(|c| hex(&c.root)),
                previous_size: previous.as_ref().map(|p| p.size),
                message: what.to_string(),
                checkpoint: served,
                previous_checkpoint: earlier.map(str::to_owned),
            };
            (out, None)
        }
    };
    if how.json {
        print_json(&out);
    } else if accepted.is_some() {
        print_text(&out.message);
    } else {
        eprintln!("custody: {}", crate::report::one_line(&out.message));
        let mut evidence = format!("{}\n", words::MONITOR_EVIDENCE);
        if let Some(e) = &out.previous_checkpoint {
            evidence.push_str(&format!("{}\n{e}\n", words::MONITOR_EARLIER));
        }
        evidence.push_str(&format!("{}\n{}", words::MONITOR_SERVED, out.checkpoint));
        print_text(evidence.trim_end());
    }
    Ok(accepted)
}

/// The verifier key given: its text, or a file holding it.
pub(crate) fn verifier_key(given: &str) -> Result<VerifierKey> {
    if let Ok(k) = VerifierKey::parse(given.trim()) {
        return Ok(k);
    }
    let path = Path::new(given);
    anyhow::ensure!(path.is_file(), words::monitor_vkey_unreadable(given));
    let bytes = fsutil::read_limited_as(path, MAX_NOTE_BYTES as u64, "a log verifier key")?;
    let text = String::from_utf8(bytes).map_err(|_| anyhow::anyhow!(words::monitor_vkey_unreadable(given)))?;
    // A signing key's files (KEY.pub, KEY) are the likely mix-up: say what to give instead.
    anyhow::ensure!(!text.contains("-----BEGIN "), words::monitor_vkey_is_a_key_file(given));
    VerifierKey::parse(text.trim()).with_context(|| words::monitor_vkey_unreadable(given))
}

/// The last accepted checkpoint, from the state file (at most a note's size).
fn read_state(path: &Path) -> Result<String> {
    let bytes = fsutil::read_limited_as(path, MAX_NOTE_BYTES as u64, "a log monitor's state")
        .with_context(|| words::monitor_state_unreadable(path.display()))?;
    String::from_utf8(bytes).map_err(|_| anyhow::anyhow!(words::monitor_state_not_text(path.display())))
}

fn hex(h: &[u8]) -> String {
    h.iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads `custody verify --checkpoint FILE`: bounded, a saved answer or a checkpoint note (checked
/// by the verifier under the manifest's key).
pub fn read_saved_answer(path: &Path) -> Result<custody_core::tlog::saved::SavedSource> {
    use custody_core::tlog::saved::{MAX_SAVED, Saved, SavedSource};
    let bytes = fsutil::read_limited_as(path, MAX_SAVED, "a saved custody log answer")?;
    let saved = Saved::parse(&bytes).with_context(|| format!("--checkpoint {}", path.display()))?;
    Ok(SavedSource { file: path.display().to_string(), saved })
}

/// Refuses `--save-log-answer FILE` before anything is checked when FILE exists (even a dangling
/// link): custody never overwrites a file, least of all the bundle being verified.
pub fn refuse_existing_answer_file(path: &Path) -> Result<()> {
    if path.symlink_metadata().is_ok() {
        anyhow::bail!("{}", words::save_exists(path.display()));
    }
    Ok(())
}

/// Writes the answers `custody verify --log` proved to `path` (temporary file, fsync, rename that
/// never replaces: a file that appeared meanwhile is refused): refused when the log was not asked
/// or proved nothing (nothing to save).
pub fn save_answer(
    path: &Path,
    r: &custody_core::verify::Report,
    sink: &custody_core::tlog::saved::AnswerSink,
) -> Result<()> {
    use custody_core::tlog::saved::{SAVED_FORMAT, SavedAnswers};
    let lookups = sink.lock().map(|v| v.clone()).unwrap_or_default();
    let (Some(url), Some(bundle_id)) = (r.log.as_ref().and_then(|l| l.url.clone()), r.bundle_id.clone()) else {
        anyhow::bail!("{}", words::SAVE_NOTHING);
    };
    if lookups.is_empty() {
        anyhow::bail!("{}", words::SAVE_NOTHING);
    }
    let doc = SavedAnswers { format: SAVED_FORMAT.into(), url, bundle_id, lookups };
    let mut bytes = serde_json::to_vec_pretty(&doc)?;
    bytes.push(b'\n');
    refuse_existing_answer_file(path)?;
    fsutil::write_atomic(path, &bytes, false)?;
    Ok(())
}
