//! `custody inspect`: what a bundle says about itself, read without re-hashing its payload.

use std::path::Path;

use serde::Serialize;

use super::report::{CustodyPeriod, PendingTransfer, State};
use super::{CannotVerify, Front, NOT_A_BUNDLE, VerifyOptions, verify_path, wording};
use crate::check::{Check, CheckCode, Level};
use crate::event::Tool;
use crate::manifest::Manifest;

/// The value of `format` in an inspection (`custody inspect --format json`).
pub const INSPECT_FORMAT: &str = "custody.inspect/1";

/// What a bundle says about itself, read without re-hashing the payload: the whole signed
/// manifest, the custody timeline, and the checks of everything but the payload digests.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(title = "custody bundle inspection", extend("$id" = "https://custody.invalid/schemas/inspect.schema.json"))]
pub struct Inspection {
    /// Always `custody.inspect/1`.
    pub format: String,
    /// The bundle file as it was named.
    pub bundle: String,
    /// The state from every check except the payload digests: `intact` here means the
    /// signatures, the chain and the structure hold; only verification (`verify_path`)
    /// recomputes the evidence's digests.
    pub state: State,
    /// One sentence for people: what the state means and what to do.
    pub summary: String,
    /// The date the date-based advisories were evaluated at, when it is not today's
    /// (`inspect --at`, as `verify --at`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evaluated_at: Option<crate::provenance::Date>,
    /// The signed manifest, absent if it could not be read. Written as [`ShownManifest`]:
    /// of its commitment only the scheme and that a seed is present (the seed never leaves
    /// the original, §5.12).
    #[serde(serialize_with = "shown", skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<ShownManifest<'static>>")]
    pub manifest: Option<Manifest>,
    /// Who held the bundle, from when to when, and under what conditions.
    pub timeline: Vec<CustodyPeriod>,
    /// A transfer that has no receipt yet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pending_transfer: Option<PendingTransfer>,
    /// The events that carry a statement (countersignatures, spec §5.7), each with it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statements: Vec<super::EventReport>,
    /// The items a disposition returned or destroyed (spec §5.11): their files are not in
    /// the bundle, as that signed event records.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disposed: Vec<DisposedItem>,
    /// Failed checks and warnings (passed checks are left out).
    pub problems: Vec<Check>,
    /// The program that inspected the bundle.
    pub verifier: Tool,
}

/// A manifest as outputs show it: every member as signed but the commitment's seed, which
/// whoever holds can compute every salt of the bundle's commitment (§5.12).
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ShownManifest<'a> {
    /// Always `custody.manifest/2`.
    pub format: &'a str,
    /// The bundle's identifier.
    pub bundle_id: &'a str,
    /// The case the evidence belongs to.
    pub case: &'a crate::manifest::Case,
    /// Who sealed the bundle.
    pub sealer: &'a crate::manifest::Signer,
    /// The people and offices involved.
    #[serde(skip_serializing_if = "none_in")]
    pub actors: &'a [crate::provenance::Actor],
    /// What the receiver may and may not do with the evidence.
    #[serde(skip_serializing_if = "no_restrictions")]
    pub restrictions: &'a crate::provenance::Restrictions,
    /// Declarations and certifications, sealed with the manifest.
    #[serde(skip_serializing_if = "none_in")]
    pub attestations: &'a [crate::provenance::Attestation],
    /// The evidence items, in the order they were given.
    pub items: &'a [crate::manifest::Item],
    /// The commitment, without its seed.
    pub commitment: ShownCommitment<'a>,
    /// A derived bundle's origin and proofs (§5.13): salts of the parent's leaves, never
    /// its seed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub derivation: Option<&'a crate::manifest::Derivation>,
    /// The custody log the bundle's events are submitted to (§6.5), without its salt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log: Option<ShownLog<'a>>,
}

/// A manifest's `log` as outputs show it: the log, and that a salt is present (not the salt:
/// like the commitment's seed, it is what links the bundle's entries in the log).
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ShownLog<'a> {
    /// The log's URL.
    pub url: &'a str,
    /// The log's verifier key.
    pub verifier_key: &'a str,
    /// Always true: the manifest has a salt, which is not shown.
    pub salt_present: bool,
}

/// A manifest's `commitment` as outputs show it: its scheme, and that a seed is present.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ShownCommitment<'a> {
    /// The scheme, e.g. `custody.merkle/1`.
    pub scheme: &'a str,
    /// Always true: the manifest has a seed, which is not shown.
    pub seed_present: bool,
}

impl<'a> ShownManifest<'a> {
    /// `m` as shown. Destructured without `..`: a member added to `Manifest` is a compile
    /// error here until it is decided how it is shown.
    pub fn of(m: &'a Manifest) -> Self {
        let Manifest {
            format,
            bundle_id,
            case,
            sealer,
            actors,
            restrictions,
            attestations,
            items,
            commitment,
            derivation,
            log,
        } = m;
        ShownManifest {
            format,
            bundle_id,
            case,
            sealer,
            actors,
            restrictions,
            attestations,
            items,
            commitment: ShownCommitment { scheme: &commitment.scheme, seed_present: true },
            derivation: derivation.as_ref(),
            log: log.as_ref().map(|l| ShownLog { url: &l.url, verifier_key: &l.verifier_key, salt_present: true }),
        }
    }
}

fn none_in<T>(list: &&[T]) -> bool {
    list.is_empty()
}

fn no_restrictions(r: &&crate::provenance::Restrictions) -> bool {
    r.is_empty()
}

fn shown<S: serde::Serializer>(m: &Option<Manifest>, s: S) -> Result<S::Ok, S::Error> {
    m.as_ref().map(ShownManifest::of).serialize(s)
}

/// An item a disposition returned or destroyed (spec §5.11).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct DisposedItem {
    /// The item's id.
    pub item: String,
    /// The sequence of the disposition event that removed it.
    pub event: u64,
}

/// Reads what the bundle at `path` says without re-hashing its payload; `front` says whom
/// its remedies address.
pub fn inspect_path(path: &Path, front: Front) -> Result<Inspection, CannotVerify> {
    inspect_path_at(path, front, None)
}

/// As [`inspect_path`], the date-based advisories (`preservation.expired`,
/// `retention.exceeded`) evaluated at `at` (a UTC date) instead of today when it is given.
pub fn inspect_path_at(
    path: &Path,
    front: Front,
    at: Option<crate::provenance::Date>,
) -> Result<Inspection, CannotVerify> {
    let opts = VerifyOptions { skip_payload: true, front, at, ..VerifyOptions::default() };
    Ok(inspection(verify_path(path, &opts)?, front, at))
}

/// As [`inspect_path_at`], for an encrypted bundle (an age file) decrypted with
/// `identities` as it is read, with no plaintext copy on disk (see [`super::verify_encrypted`]).
pub fn inspect_encrypted_at(
    path: &Path,
    identities: &crate::envelope::Identities,
    front: Front,
    at: Option<crate::provenance::Date>,
) -> Result<Inspection, CannotVerify> {
    let opts = VerifyOptions { skip_payload: true, front, at, ..VerifyOptions::default() };
    Ok(inspection(super::verify_encrypted(path, identities, &opts)?, front, at))
}

/// An inspection from a verification that skipped the payload digests.
fn inspection(r: super::Report, front: Front, at: Option<crate::provenance::Date>) -> Inspection {
    let not_a_bundle = r.checks.iter().find(|c| c.code == NOT_A_BUNDLE).map(|c| c.message.as_str());
    let failed = r.checks.iter().filter(|c| c.level == Level::Fail).count();
    let mut summary = wording::inspect_summary(r.state, failed, not_a_bundle, front);
    // What was read when it is not the sealed ZIP file itself (spec §9.6): a folder's note,
    // or what a refused container's content checks found.
    if let Some(c) = &r.container {
        summary = format!("{summary} {}", c.note);
    }
    if let Some(c) = &r.content {
        summary = format!("{summary} {}", c.summary);
    }
    Inspection {
        format: INSPECT_FORMAT.into(),
        bundle: r.bundle,
        state: r.state,
        summary,
        evaluated_at: at,
        manifest: r.manifest,
        timeline: r.timeline,
        pending_transfer: r.pending_transfer,
        statements: r.events.into_iter().filter(|e| e.statement.is_some()).collect(),
        disposed: r
            .items
            .iter()
            .filter_map(|i| i.disposed_by.map(|event| DisposedItem { item: i.id.clone(), event }))
            .collect(),
        problems: r
            .checks
            .into_iter()
            .filter(|c| c.level != Level::Pass && c.code != CheckCode::PayloadNotChecked)
            .collect(),
        verifier: Tool::this(),
    }
}
