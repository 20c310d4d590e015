//! Sealing step 3: building the manifest from the plan, the case and the payload's digests,
//! and applying the provenance rules to it.
//!
//! The declared provenance is checked twice: once before any evidence is read (with
//! placeholder digests, so a mistake in the case file costs nothing), and once with the
//! real digests (rules about attested and linked files). What verify would warn a
//! prosecutor about is said now, while the sealer can still fix it.

use std::collections::HashSet;
use std::sync::Arc;

use super::bad_input;
use super::plan::Plan;
use crate::Error;
use crate::casefile::CaseInput;
use crate::digest::Sha256Digest;
use crate::manifest::files::Building;
use crate::manifest::{Case, CommitmentSeed, Files, Item, MANIFEST_FORMAT, Manifest, Signer};
use crate::provenance::{Attestation, AttestedFile};
use crate::time::Timestamp;

/// What the manifest will say, all but the payload's digests, the seal time and the id.
pub(super) struct Draft<'a> {
    pub(super) plan: &'a Plan,
    pub(super) input: &'a CaseInput,
    pub(super) case: Case,
    pub(super) sealer: Signer,
}

/// The payload's tables of file records, one an item in plan order, made as the payload was
/// written ([`super::payload::Payload`]), and the names of the archive's entries they refer
/// to: the writer's, frozen ([`crate::archive::ArchiveWriter::entries_frozen`]).
pub(super) struct Written {
    pub(super) tables: Vec<Building>,
    pub(super) names: Arc<String>,
}

impl Draft<'_> {
    /// The manifest over the planned files: their records from `written` (each item's table,
    /// its paths referring to the archive's names), or, with `None`, made from the plan with
    /// placeholder digests.
    pub(super) fn manifest(
        &self,
        written: Option<Written>,
        time: Timestamp,
        bundle_id: String,
        commitment: &CommitmentSeed,
    ) -> Result<Manifest, Error> {
        let planned_files = self.plan.files.len();
        let zero = Sha256Digest([0; 32]);
        let (mut tables, names) = match written {
            Some(w) => (Some(w.tables.into_iter()), Some(w.names)),
            None => (None, None),
        };
        let mut items = Vec::with_capacity(self.plan.items.len());
        let mut path = String::new();
        for (item, range) in &self.plan.items {
            let mut item = item.clone();
            let planned = self.plan.files.get(range.clone()).ok_or_else(|| {
                Error::Internal(format!("item {}'s files {range:?} are not in the plan of {planned_files}", item.id))
            })?;
            let files = match (&mut tables, &names) {
                (Some(tables), Some(names)) => {
                    // One table an item, one record a planned file: anything else is a broken
                    // invariant, not a bundle to make with some files missing.
                    let table = tables.next().filter(|t| t.len() == planned.len()).ok_or_else(|| {
                        Error::Internal(format!(
                            "the records of {} do not match its {} planned files",
                            item.id,
                            planned.len()
                        ))
                    })?;
                    table.finish(names).ok_or_else(|| {
                        Error::Internal(format!("the records of {} refer to names not written", item.id))
                    })?
                }
                _ => {
                    let plan = self.plan;
                    let records = planned.iter().map(|f| plan.record(f, plan.path_into(f, &mut path), zero));
                    Files::from_records(records).map_err(|e| bad_input("inputs", e.to_string(), None))?
                }
            };
            item.files = files;
            items.push(item);
        }
        if tables.is_some_and(|mut t| t.next().is_some()) {
            return Err(Error::Internal(format!("more tables of records than the plan's {} items", items.len())));
        }
        let attestations = self.attestations(&items, time);
        Ok(Manifest {
            format: MANIFEST_FORMAT.into(),
            bundle_id,
            case: self.case.clone(),
            sealer: self.sealer.clone(),
            actors: self.input.actors.clone(),
            restrictions: self.input.restrictions.clone(),
            attestations,
            items,
            commitment: commitment.clone(),
            derivation: None,
            log: None,
        })
    }

    /// The case file's attestations, each with the files it certifies (their bundle paths
    /// and digests, from `items`, the manifest's items in plan order).
    fn attestations(&self, items: &[Item], time: Timestamp) -> Vec<Attestation> {
        self.input
            .attestations
            .iter()
            .map(|a| {
                let ids: Vec<String> =
                    if a.items.is_empty() { items.iter().map(|i| i.id.clone()).collect() } else { a.items.clone() };
                // Looked up in a set: an attestation over every item made this quadratic.
                let wanted: HashSet<&str> = ids.iter().map(String::as_str).collect();
                let files = items
                    .iter()
                    .filter(|i| wanted.contains(i.id.as_str()))
                    .flat_map(|i| i.files.iter())
                    .map(|f| AttestedFile { path: f.path.to_owned(), sha256: *f.sha256 })
                    .collect();
                Attestation {
                    id: a.id.clone(),
                    kind: a.kind,
                    by: a.by.clone(),
                    declared_at: a.declared_at.unwrap_or(time),
                    statement: a.statement.clone(),
                    standard: a.standard.clone(),
                    items: ids,
                    files,
                }
            })
            .collect()
    }

    /// Checks the declared provenance before any evidence is read (digests are not known
    /// yet: rules that need them are checked again by [`Self::finish`]).
    /// The manifest's weight too (spec §9.4), with room for what is added after this check
    /// (the log's member, `log_room`).
    pub(super) fn check_declared(&self, now: Timestamp, log_room: u64) -> Result<(), Error> {
        let draft = self.manifest(None, now, String::new(), &placeholder_seed())?;
        crate::manifest::rules::check_declared(&draft)
            .map_err(|e| bad_input("case", format!("the case description is not consistent: {e}"), None))?;
        super::sign::check_weight(&draft, log_room)
    }

    /// The manifest with the payload's records, checked in full (its advisories are the
    /// summary's, [`super::SealSummary::advisories`]).
    pub(super) fn finish(
        &self,
        written: Written,
        time: Timestamp,
        bundle_id: String,
        seed: &CommitmentSeed,
    ) -> Result<Manifest, Error> {
        let manifest = self.manifest(Some(written), time, bundle_id, seed)?;
        // Every rule the verifier applies to the manifest, on the manifest about to be signed.
        crate::manifest::rules::validate(&manifest)
            .map_err(|e| bad_input("case", format!("the case description is not consistent: {e}"), None))?;
        Ok(manifest)
    }
}

/// The seed of the manifest [`Draft::check_declared`] checks before any evidence is read:
/// never signed, never written.
fn placeholder_seed() -> CommitmentSeed {
    CommitmentSeed { scheme: crate::manifest::COMMITMENT_SCHEME.into(), seed: Sha256Digest([1; 32]) }
}
