//! `custody-core`: seal online evidence into signed, timestamped, BagIt-compatible bundles,
//! verify them offline, and record every hand-over as a signed custody event.
//!
//! The bundle format is specified in `docs/bundle-format.md`; this crate is one
//! implementation of it. Modules follow the format's parts:
//!
//! - [`archive`]: the strict ZIP container (writer and reader);
//! - [`bagit`]: the BagIt tag files inside it;
//! - [`keys`]: Ed25519 keys, fingerprints and the identities that travel with them;
//! - [`manifest`] and [`event`]: the signed documents; [`provenance`]: what mutual legal
//!   assistance needs in the manifest (case, legal basis, actors, restrictions, attestations,
//!   capture provenance); [`casefile`] and [`import`]: where that comes from at seal time;
//! - [`seal`]: making a bundle; [`verify`]: checking one and reporting;
//! - [`trust`]: trust lists that say which keys a verifier relies on.
//!
//! Nothing here touches a terminal: the `custody` command-line tool is a thin layer over this
//! crate, and every failure is a typed error.

pub mod append;
pub mod archive;
pub mod bagit;
pub mod casefile;
pub mod check;
pub mod digest;
pub mod event;
pub mod extract;
pub mod fsutil;
pub mod handover;
pub mod import;
pub mod keys;
pub mod manifest;
pub mod names;
pub mod provenance;
pub mod schema;
pub mod seal;
pub mod text;
pub mod time;
pub mod timestamp;
pub mod trust;
pub mod verify;

pub use digest::Sha256Digest;

/// Threads to use for a `jobs` option: 0 means one per CPU.
pub(crate) fn resolve_jobs(jobs: usize) -> usize {
    match jobs {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
}
pub use keys::{Fingerprint, Identity, KeyPair, PublicKey, PublicKeyFile, Role};
pub use time::Timestamp;

use std::path::PathBuf;

/// Errors of the operations that make or change files (keygen, seal). Verification does not
/// fail with these: what is wrong with a bundle is reported as checks in its report.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: {source}")]
    Key { path: PathBuf, source: keys::KeyError },
    #[error(transparent)]
    Identity(#[from] keys::IdentityError),
    #[error("the operating system's random number source failed: {0}")]
    Random(String),
    #[error("{0}")]
    Input(String),
    #[error("{path} already exists; {hint}")]
    Exists { path: PathBuf, hint: &'static str },
    #[error("{0}")]
    Time(#[from] time::TimeError),
    #[error("{path}: {source}")]
    Archive { path: PathBuf, source: archive::ArchiveError },
    #[error("{path} failed verification ({}); nothing was extracted. {remedy}", failures.join(", "))]
    BundleInvalid { path: PathBuf, failures: Vec<String>, remedy: &'static str },
    #[error(
        "{path} is damaged: it cannot be read as a bundle ({reason}). This is not an interrupted update custody can finish; run `custody verify {path}` for the details and get a fresh copy from its sender"
    )]
    BundleDamaged { path: PathBuf, reason: String },
    #[error("{0}")]
    Tsa(#[from] timestamp::TsaError),
    /// Refused because the sealer, sender or a timestamp authority is not vouched for by
    /// the trust list or TSA roots given (the command's verdict, like an invalid bundle).
    #[error("{0}")]
    Untrusted(String),
    #[error("{path} is readable by other users (mode {mode:o}); protect it with: chmod 600 {path}")]
    KeyPermissions { path: PathBuf, mode: u32 },
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io { path, source }
    }
}
