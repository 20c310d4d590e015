//! `custody log init|serve|key`: run a custody log (issue #20, docs/custody-log.md) over the
//! `custody-log` crate. Thin: one library call per command.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Subcommand;
use custody_core::keys::note::VerifierKey;
use custody_core::tlog::wording as words;
use custody_log::{ServeConfig, Server, SqliteStore};

use crate::{load_key, print_text};

#[derive(Subcommand)]
pub enum LogCommand {
    /// Create a log's database for a log key and origin; print the log's verifier key.
    #[command(
        after_help = "Example:\n  custody log init --db log.sqlite --key log.key --origin court.example/custody-log\n\n\
                            The origin names the log in every checkpoint: 1 to 255 printable ASCII characters, no space, no '+'.\n\
                            Give the printed verifier key to those who seal bundles for this log."
    )]
    Init {
        /// The SQLite database to create (it must not hold tables yet).
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        /// The log's private key; default: key in the configuration file.
        #[arg(long, value_name = "KEY")]
        key: Option<PathBuf>,
        /// The log's name in its checkpoints, e.g. court.example/custody-log.
        #[arg(long, value_name = "NAME")]
        origin: String,
    },
    /// Serve a log over HTTP until stopped.
    #[command(after_help = "Example:\n  custody log serve --db log.sqlite --key log.key --listen 127.0.0.1:8080\n\n\
                            Plain HTTP: put a TLS proxy in front of a public log. The key must be the one\n\
                            the database was created for.")]
    Serve {
        /// The log's SQLite database (made by custody log init).
        #[arg(long, value_name = "FILE")]
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
    },
}

/// Runs one `custody log` command.
pub fn log_cmd(cmd: LogCommand) -> Result<ExitCode> {
    match cmd {
        LogCommand::Init { db, key, origin } => {
            let key = load_key(key.as_deref())?;
            let vkey = SqliteStore::create(&db, &key, &origin)?;
            print_text(&vkey.to_string());
        }
        LogCommand::Serve { db, key, listen, threads } => {
            let key = load_key(key.as_deref())?;
            let server = Server::start(ServeConfig { db, key, listen, threads })?;
            eprintln!("{}", words::log_listening(server.addr()));
            // Serves until the process is stopped: every batch is one transaction, so a
            // stop at any moment leaves each acknowledged submission stored.
            loop {
                std::thread::park();
            }
        }
        LogCommand::Key { key, origin } => {
            let key = load_key(key.as_deref())?;
            custody_core::tlog::check_origin(&origin)?;
            print_text(&VerifierKey::new(&origin, key.public())?.to_string());
        }
    }
    Ok(ExitCode::SUCCESS)
}
