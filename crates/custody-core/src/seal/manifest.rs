//! Sealing step 3: building the manifest from the plan, the case and the payload's digests,
//! and applying the provenance rules to it.
//!
//! The declared provenance is checked twice: once before any evidence is read (with
//! placeholder digests, so a mistake in the case file costs nothing), and once with the
//! real digests (rules about attested and linked files). What verify would warn a
//! prosecutor about is said now, while the sealer can still fix it.

use std::collections::HashSet;

use super::bad_input;
use super::plan::Plan;
use crate::Error;
use crate::casefile::CaseInput;
use crate::digest::Sha256Digest;
use crate::manifest::{Case, CommitmentSeed, Files, MANIFEST_FORMAT, Manifest, Signer};
use crate::provenance::{Attestation, AttestedFile};
use crate::time::Timestamp;

/// What the manifest will say, all but the payload's digests, the seal time and the id.
pub(super) struct Draft<'a> {
    pub(super) plan: &'a Plan,
    pub(super) input: &'a CaseInput,
    pub(super) case: Case,
    pub(super) sealer: Signer,
}

impl Draft<'_> {
    /// The manifest over the planned files with `digests` (one per planned file, in plan
    /// order; `None`: placeholders). Each record is made from the plan and its digest and
    /// goes straight into the item's compact table: no record of a million is held (#22).
    pub(super) fn manifest(
        &self,
        digests: Option<&[Sha256Digest]>,
        time: Timestamp,
        bundle_id: String,
        commitment: &CommitmentSeed,
    ) -> Result<Manifest, Error> {
        // One digest a planned file, or none: anything else is a broken invariant, not a
        // bundle to make with some files' digests zero.
        let planned_files = self.plan.files.len();
        if let Some(d) = digests.filter(|d| d.len() != planned_files) {
            return Err(Error::Internal(format!("{} digests for {planned_files} planned files", d.len())));
        }
        let zero = Sha256Digest([0; 32]);
        let digest = |i: usize| digests.and_then(|d| d.get(i)).copied().unwrap_or(zero);
        let attestations = self.attestations(&digest, time);
        let mut items = Vec::with_capacity(self.plan.items.len());
        let mut path = String::new();
        for (item, range) in &self.plan.items {
            let mut item = item.clone();
            let planned = self.plan.files.get(range.clone()).ok_or_else(|| {
                Error::Internal(format!("item {}'s files {range:?} are not in the plan of {planned_files}", item.id))
            })?;
            let plan = self.plan;
            let files = Files::from_records(
                planned.iter().zip(range.clone()).map(|(f, i)| plan.record(f, plan.path_into(f, &mut path), digest(i))),
            );
            item.files = files.map_err(|e| bad_input("inputs", e.to_string(), None))?;
            items.push(item);
        }
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
        })
    }

    /// The case file's attestations, each with the files it certifies and their digests.
    fn attestations(&self, digest: &dyn Fn(usize) -> Sha256Digest, time: Timestamp) -> Vec<Attestation> {
        let items = &self.plan.items;
        self.input
            .attestations
            .iter()
            .map(|a| {
                let ids: Vec<String> = if a.items.is_empty() {
                    items.iter().map(|(i, _)| i.id.clone()).collect()
                } else {
                    a.items.clone()
                };
                // Looked up in a set: an attestation over every item made this quadratic.
                let wanted: HashSet<&str> = ids.iter().map(String::as_str).collect();
                let files = items
                    .iter()
                    .filter(|(i, _)| wanted.contains(i.id.as_str()))
                    .flat_map(|(_, r)| r.clone())
                    .filter_map(|i| self.plan.files.get(i).map(|f| (f, i)))
                    .map(|(f, i)| AttestedFile { path: self.plan.bundle_path(f), sha256: digest(i) })
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
    pub(super) fn check_declared(&self, now: Timestamp) -> Result<(), Error> {
        crate::manifest::rules::check_declared(&self.manifest(None, now, String::new(), &placeholder_seed())?)
            .map_err(|e| bad_input("case", format!("the case description is not consistent: {e}"), None))
    }

    /// The manifest with the payload's digests, checked in full (its advisories are the
    /// summary's, [`super::SealSummary::advisories`]).
    pub(super) fn finish(
        &self,
        digests: &[Sha256Digest],
        time: Timestamp,
        bundle_id: String,
        seed: &CommitmentSeed,
    ) -> Result<Manifest, Error> {
        if digests.len() != self.plan.files.len() {
            return Err(Error::Internal(format!(
                "{} digests for {} planned files",
                digests.len(),
                self.plan.files.len()
            )));
        }
        let manifest = self.manifest(Some(digests), time, bundle_id, seed)?;
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
