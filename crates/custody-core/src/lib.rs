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
mod error;
pub mod event;
pub mod exit;
pub mod extract;
pub mod fsutil;
pub mod handover;
pub mod import;
pub mod keys;
pub mod layout;
pub mod manifest;
pub mod names;
pub mod progress;
pub mod provenance;
pub mod rules;
pub mod schema;
pub mod seal;
pub mod text;
pub mod time;
pub mod timestamp;
pub mod trust;
pub mod verify;

pub use digest::Sha256Digest;
pub use error::{Action, Error, Remedy};

/// Threads to use for a `jobs` option: 0 means one per CPU.
pub(crate) fn resolve_jobs(jobs: usize) -> usize {
    match jobs {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
}
pub use keys::{Fingerprint, Identity, KeyPair, PublicKey, PublicKeyFile, Role};
pub use time::Timestamp;
