//! `custody-core`: seal online evidence into signed, timestamped, BagIt-compatible bundles,
//! verify them offline, and record every hand-over as a signed custody event.
//!
//! The bundle format is specified in `docs/bundle-format.md`; this crate is one
//! implementation of it, and `tools/verify_bundle.py` (written from the specification alone)
//! is a second that the tests hold to the same verdicts. Nothing here touches a terminal or
//! ends the process: the `custody` command-line tool is a thin layer over this crate, and
//! every failure is a typed value.
//!
//! # Seal and verify
//!
//! ```
//! use custody_core::{CaseInput, Identity, ItemInput, KeyPair, Role, SealOptions, State, VerifyOptions};
//!
//! let dir = std::env::temp_dir().join(format!("custody-doctest-{}", std::process::id()));
//! # let _ = std::fs::remove_dir_all(&dir);
//! std::fs::create_dir_all(dir.join("capture"))?;
//! std::fs::write(dir.join("capture/post.html"), "<p>the post as captured</p>")?;
//!
//! let analyst = Identity {
//!     name: "A. Analyst".into(),
//!     organisation: "Cyber Unit".into(),
//!     role: Role::Investigator,
//!     jurisdiction: "DE".into(),
//! };
//! let key = KeyPair::generate(analyst)?;
//! let opts = SealOptions::default()
//!     .with_case(CaseInput::new("2026-CT-0412"))
//!     .with_items([ItemInput::bare(dir.join("capture"))]);
//! let sealed = custody_core::seal(&key, dir.join("evidence.zip"), &opts)?;
//!
//! let report = custody_core::verify_path(&sealed.output, &VerifyOptions::default())?;
//! assert_eq!(report.state, State::Intact, "failed checks: {:?}", report.failures());
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A bundle that does not check out is not an `Err`: it is a report in [`State::Invalid`]
//! whose [`Check`]s say what failed and where. `Err` means the operation could not run (a
//! missing file, a refused input). Given a [`TrustList`] in [`VerifyOptions::trust`], a
//! verifier also learns whether it relies on the signers: [`State::Trusted`] or
//! [`State::NotTrusted`] instead of [`State::Intact`].
//!
//! # Layers
//!
//! `docs/architecture.md` gives one line per module, the data flow of seal, verify and a
//! hand-over, and where to add a check, a manifest field or an event type. In short, bottom
//! to top:
//!
//! - leaves: [`Sha256Digest`], [`time`], the bundle [`layout`], entry [`names`] (§3.4),
//!   [`Progress`];
//! - the format's codecs: [`keys`] (Ed25519 keys, fingerprints, identities), [`archive`] (the
//!   strict ZIP profile), [`bagit`] (the BagIt tag files), [`timestamp`] (RFC 3161 tokens),
//!   [`trust`] (trust lists);
//! - documents and rules: [`manifest`] and [`event`], the signed documents; [`provenance`],
//!   what mutual legal assistance needs in the manifest;
//! - reading and reporting: [`verify`] (checks and the report), [`extract`], [`schema`] (the
//!   JSON Schemas), [`exit`] (a verdict or an error to an exit status);
//! - writing: [`casefile`] and [`import`] (where the case and capture metadata come from),
//!   [`seal`](mod@seal), [`append`] and [`handover`] (transfer, receipt, trusted time later);
//!   [`files`]: key files, bounded reads and outputs that appear whole or not at all.
//!
//! The verbs and the types they take are re-exported here: [`seal()`], [`verify_path`],
//! [`KeyPair`], [`TrustList`], [`Error`].

#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[allow(missing_docs)] // MERGE: R documents append; remove after merge
pub mod append;
pub mod archive;
pub mod bagit;
pub mod casefile;
pub(crate) mod digest;
#[allow(missing_docs)] // MERGE: R documents event; remove after merge
pub mod event;
pub mod exit;
#[allow(missing_docs)] // MERGE: R documents extract; remove after merge
pub mod extract;
pub mod files;
pub(crate) mod fsutil;
#[allow(missing_docs)] // MERGE: R documents handover; remove after merge
pub mod handover;
pub mod import;
pub mod keys;
pub mod layout;
pub mod manifest;
pub mod names;
pub mod not_a_bundle;
pub(crate) mod progress;
pub mod provenance;
pub mod schema;
pub mod seal;
pub mod time;
pub mod timestamp;
pub mod trust;
#[allow(missing_docs)] // MERGE: V documents verify; remove after merge
pub mod verify;

/// Threads to use for a `jobs` option: 0 means one per CPU.
pub(crate) fn resolve_jobs(jobs: usize) -> usize {
    match jobs {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
}

// The verbs and the types a caller needs for them.
pub use casefile::{CaseInput, ItemSpec};
pub use digest::Sha256Digest;
pub use keys::{Fingerprint, Identity, KeyPair, PublicKey, PublicKeyFile, Role};
pub use progress::Progress;
pub use seal::{ItemInput, SealOptions, SealSummary, seal};
pub use time::Timestamp;
pub use timestamp::{Stamping, TsaRoots};
pub use trust::TrustList;
pub use verify::{CannotVerify, Check, Level, Report, State, VerifyOptions, verify_path};
// MERGE: after R's merge, re-export the hand-over verbs here with their options, e.g.
// `pub use handover::{ReceiveOptions, TransferOptions, receive, transfer};` and
// `pub use extract::{ExtractOptions, extract};`.

use std::path::PathBuf;

/// Errors of the operations that make or change files (keygen, seal). Verification does not
/// fail with these: what is wrong with a bundle is reported as checks in its report.
#[allow(missing_docs)] // MERGE: R documents Error (error.rs); remove after merge
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
