//! Manifest checks (spec §9.1 step 8): the manifest's strict parse and rules, its bundle id
//! against the archive's root, its agreement with the payload, its advisories and
//! attestations. The manifest is not signed alone: the seal event binds it (§6.3).

use std::collections::HashMap;

use super::Verifier;
use super::payload::ByName;
use super::report::{ItemReport, PayloadReport};
use super::wording;
use crate::check::CheckCode;
use crate::event::EventType;
use crate::keys::{Fingerprint, PublicKeyFile};
use crate::layout::{MANIFEST_PATH, MAX_ITEMS, MAX_PAYLOAD_FILES, PAYLOAD_MANIFEST_PATH};
use crate::manifest::advisories::{Circumstances, chain_advisories};
use crate::manifest::{Manifest, ManifestParseError};
use crate::statement::Capacity;
use crate::text::printable;

impl Verifier {
    /// The advisories of §5.2.9 that depend on the evaluation date `on` or on the chain
    /// (`preservation.expired`, `retention.exceeded`, `custody.capture_seal_gap`,
    /// `provenance.unwitnessed`), after the events (§9.1 step 9). Needs a valid manifest.
    pub(super) fn check_chain_advisories(&mut self, on: crate::provenance::Date) {
        let Some(m) = self.report_extra.manifest.as_ref() else { return };
        let events = &self.report_extra.events;
        let sealed_at = events.iter().find(|e| e.sequence == 0 && e.event_type == EventType::Seal).map(|e| e.time);
        let seal_witnessed =
            super::report::countersignatures_of_seal(events, Capacity::WITNESSES_OF_SEAL).next().is_some();
        let nothing_kept = m.items.iter().all(|i| self.disposal.removed.contains_key(&i.id));
        let retention_extended_to = self.disposal.retention_extended_to;
        let found =
            chain_advisories(m, &Circumstances { on, sealed_at, seal_witnessed, retention_extended_to, nothing_kept });
        for a in found {
            self.warn(a.code, printable(&wording::advisory(&a, self.front)), Some(MANIFEST_PATH));
        }
    }

    pub(super) fn check_manifest(
        &mut self,
        keys: &HashMap<Fingerprint, PublicKeyFile>,
        payload_listed: crate::bagit::Listed<'_>,
        by_name: &ByName<'_>,
    ) -> Option<Manifest> {
        // Parsed as it was read at step 2 (never held whole).
        let Some(parsed) = self.manifest_read.take() else {
            self.missing(CheckCode::ManifestMissing, MANIFEST_PATH, wording::checks::manifest_missing());
            return None;
        };
        let manifest: Manifest = match parsed {
            Ok(m) => m,
            Err(ManifestParseError::TooManyItems) => {
                let message = wording::checks::manifest_too_many_items(MAX_ITEMS);
                self.fail(CheckCode::ManifestTooManyItems, message, Some(MANIFEST_PATH));
                return None;
            }
            Err(ManifestParseError::TooManyFiles) => {
                let message = wording::checks::manifest_too_many_files(MAX_PAYLOAD_FILES);
                self.fail(CheckCode::ManifestTooManyFiles, message, Some(MANIFEST_PATH));
                return None;
            }
            Err(ManifestParseError::TooLargeToHold) => {
                let message = wording::checks::manifest_too_large_to_hold(crate::layout::MAX_MANIFEST_WEIGHT);
                self.fail(CheckCode::ManifestTooLargeToHold, message, Some(MANIFEST_PATH));
                return None;
            }
            Err(ManifestParseError::Schema(e)) => {
                self.fail(CheckCode::ManifestInvalid, wording::checks::manifest_not_schema(&e), Some(MANIFEST_PATH));
                return None;
            }
        };
        if let Err(e) = validate_manifest(&manifest) {
            self.fail(CheckCode::ManifestInvalid, wording::checks::manifest_breaks_rule(&e), Some(MANIFEST_PATH));
            return None;
        }
        for a in crate::manifest::advisories::advisories(&manifest) {
            self.warn(a.code, printable(&wording::advisory(&a, self.front)), Some(MANIFEST_PATH));
        }
        // Not signed alone: the seal event binds the manifest by hash and must be the
        // sealer's (§6.3, checked with the events). The sealer's key must be in the bundle.
        if !keys.contains_key(&manifest.sealer.fingerprint) {
            self.fail(
                CheckCode::KeyMissing,
                wording::checks::sealer_key_missing(manifest.sealer.fingerprint),
                Some(MANIFEST_PATH),
            );
        }
        if let Some(root) = self.root_id.clone().filter(|r| *r != manifest.bundle_id) {
            self.fail(
                CheckCode::BundleRootMismatch,
                wording::checks::bundle_root_mismatch(&root, &manifest.bundle_id),
                Some(MANIFEST_PATH),
            );
        }
        // The manifest and the BagIt manifest must describe the same payload (unless the BagIt
        // manifest could not be read, which is already reported).
        let mark = self.checks.mark();
        let cross_check = !self.unreadable.contains(PAYLOAD_MANIFEST_PATH);
        // Which lines of the listing the manifest describes, by their place in it.
        let mut described = vec![false; payload_listed.len()];
        let files = manifest.items.iter().flat_map(|i| i.files.iter().map(move |f| (&i.id, f)));
        // Where the last file was in the listing and among the entries: files are written in
        // path order, so each is looked for after the one before it first.
        let (mut next_line, mut next_entry) = (0, 0);
        for (item, f) in files.filter(|_| cross_check) {
            let at = payload_listed.position_from(f.path, &mut next_line);
            if let Some(seen) = at.and_then(|i| described.get_mut(i)) {
                *seen = true;
            }
            let listed = at.and_then(|i| payload_listed.at(i));
            let size = by_name.get_from(f.path, &mut next_entry).map(|e| e.size);
            if listed.is_none() && size.is_none() {
                // Absent altogether: judged once the dispositions are known (step 9c).
                self.disposal.absent.entry(item.clone()).or_default().push(f.path.to_owned());
            } else if listed != Some(f.sha256) {
                self.fail(
                    CheckCode::ManifestPayloadMismatch,
                    wording::checks::manifest_disagrees_with_listing(f.path),
                    Some(f.path),
                );
            } else if let Some(size) = size.filter(|s| *s != f.size) {
                self.fail(
                    CheckCode::ManifestPayloadMismatch,
                    wording::checks::manifest_size_differs(f.path, size, f.size),
                    Some(f.path),
                );
            }
        }
        // In path order, the listing's.
        let undescribed = payload_listed.iter().zip(&described).filter(|(_, d)| !**d).map(|((p, _), _)| p);
        for p in undescribed {
            self.fail(CheckCode::ManifestPayloadMismatch, wording::checks::listed_not_described(p), Some(p));
        }
        if self.failed_since(mark) {
        } else if self.disposal.absent.is_empty() {
            self.pass(CheckCode::ManifestValid, wording::checks::manifest_valid(), Some(MANIFEST_PATH));
        } else {
            self.disposal.manifest_valid_deferred = true;
        }
        let actor_names: HashMap<&str, &str> =
            manifest.actors.iter().rev().map(|x| (x.id.as_str(), x.name.as_str())).collect();
        for a in &manifest.attestations {
            let by = actor_names.get(a.by.as_str()).copied().unwrap_or(a.by.as_str());
            self.pass(
                CheckCode::AttestationValid,
                wording::checks::attestation_valid(&a.id, a.kind, by, a.items.join(", "), a.files.len()),
                Some(MANIFEST_PATH),
            );
        }
        let e = &mut self.report_extra;
        e.bundle_id = Some(manifest.bundle_id.clone());
        e.case_reference = Some(manifest.case.reference.clone());
        e.items = manifest
            .items
            .iter()
            .map(|i| ItemReport {
                id: i.id.clone(),
                label: i.label.clone(),
                exhibit: i.exhibit.clone(),
                files: i.files.len(),
                bytes: i.files.iter().fold(0u64, |a, f| a.saturating_add(f.size)),
                capture: i.capture.clone(),
                disposed_by: None,
            })
            .collect();
        e.payload = Some(PayloadReport {
            items: manifest.items.len(),
            files: manifest.items.iter().map(|i| i.files.len()).sum(),
            bytes: manifest.items.iter().flat_map(|i| &i.files).fold(0u64, |a, f| a.saturating_add(f.size)),
        });
        Some(manifest)
    }
}

/// Every rule of a manifest beyond its schema: [`crate::manifest::rules::validate`], which
/// the sealer also applies to the manifest it signs (kept under this name for callers).
pub use crate::manifest::rules::validate as validate_manifest;
