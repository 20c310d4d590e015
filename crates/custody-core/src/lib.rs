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
//! let key = KeyPair::generate(Identity::new("A. Analyst", "Cyber Unit", Role::Investigator, "DE"))?;
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
//! - leaves: the bundle [`layout`] (every path and limit), the [`check`] codes, [`text`]
//!   (escaping untrusted strings), [`Sha256Digest`], [`time`], entry [`names`] (§3.4),
//!   [`Progress`];
//! - the format's codecs: [`keys`] (Ed25519 keys, fingerprints, identities), [`archive`] (the
//!   strict ZIP profile), [`bagit`] (the BagIt tag files), [`timestamp`] (RFC 3161 tokens),
//!   [`trust`] (trust lists);
//! - documents and rules: [`manifest`] and [`event`], the signed documents; [`provenance`],
//!   what mutual legal assistance needs in the manifest; [`rules`], each custody rule once;
//!   [`Error`], every refusal typed;
//! - reading and reporting: [`verify`] (checks and the report), [`extract`](mod@extract), [`schema`] (the
//!   JSON Schemas), [`exit`] (a verdict or an error to an exit status);
//! - writing: [`casefile`] and [`import`] (where the case and capture metadata come from),
//!   [`seal`](mod@seal), [`append`] and [`handover`] (transfer, receipt, trusted time later);
//!   [`files`]: key files, bounded reads and outputs that appear whole or not at all.
//!
//! The verbs and the types they take are re-exported here: [`seal()`], [`verify_path`],
//! [`transfer()`], [`receive()`], [`extract()`], [`KeyPair`], [`TrustList`], [`Error`].

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod append;
pub mod archive;
pub mod bagit;
pub mod casefile;
pub mod check;
pub mod commit;
pub mod court_report;
pub mod derive;
pub(crate) mod digest;
pub mod document;
pub mod envelope;
mod error;
pub mod event;
pub mod exit;
pub mod extract;
pub mod files;
pub(crate) mod fsutil;
pub mod handover;
pub mod import;
pub mod keys;
pub mod layout;
pub mod manifest;
pub mod names;
pub(crate) mod progress;
pub mod provenance;
pub mod rules;
pub mod schema;
pub mod seal;
pub mod statement;
pub(crate) mod suggest;
pub mod text;
pub mod time;
pub mod timestamp;
pub mod tlog;
pub mod trust;
pub mod verify;
pub(crate) mod wording;

/// Threads to use for a `jobs` option: 0 means one per CPU.
pub(crate) fn resolve_jobs(jobs: usize) -> usize {
    match jobs {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
}

// The verbs and the types a caller needs for them.
pub use casefile::{CaseInput, ItemSpec};
pub use check::{Check, CheckCode, Level};
pub use derive::{DeriveOptions, Derived, RedactionInput, derive};
pub use digest::Sha256Digest;
pub use error::{Action, Error, Remedy};
pub use extract::{ExtractOptions, extract};
pub use handover::{
    AddOptions, CountersignOptions, Countersigned, DisposeOptions, Disposed, ReceiveOptions, RemovedItem,
    TransferOptions, add, countersign, dispose, receive, transfer,
};
pub use keys::{Fingerprint, Identity, KeyPair, PublicKey, PublicKeyFile, Role};
pub use progress::Progress;
pub use seal::{ItemInput, SealOptions, SealSummary, seal};
pub use time::Timestamp;
pub use timestamp::{Stamping, TsaRoots};
pub use trust::TrustList;
pub use verify::{CannotVerify, Report, State, VerifyOptions, verify_path};
