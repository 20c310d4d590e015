//! Dispositions (spec §5.11, §9.1 steps 8, 9 and 9c): which items a signed disposition
//! returned or destroyed, so that their payload files' absence is expected and reported as
//! disposed, never as missing; a disposed file still present is a failure; a derivation event
//! naming a removed item is a failure (nothing of it was left to copy); and the retention
//! date a `retention_extended` disposition sets.

use std::collections::{BTreeMap, BTreeSet};

use super::Verifier;
use super::wording;
use crate::check::CheckCode;
use crate::event::{DerivedCopy, DispositionAction, Event};
use crate::layout::MANIFEST_PATH;
use crate::manifest::Manifest;
use crate::provenance::Date;
use crate::rules;

/// What the dispositions of the chain did, and which described files the bundle lacks.
#[derive(Default)]
pub(super) struct Disposal {
    /// Each item returned or destroyed: the disposition's sequence and action.
    pub(super) removed: BTreeMap<String, (u64, DispositionAction)>,
    /// The `keep_until` of the last `retention_extended` disposition.
    pub(super) retention_extended_to: Option<Date>,
    /// Files the manifest describes with neither a line in `manifest-sha256.txt` nor an
    /// entry (step 8), by item: judged once the dispositions are known.
    pub(super) absent: BTreeMap<String, Vec<String>>,
    /// Whether step 8 found nothing wrong but absent files, whose judgement decides
    /// `manifest.valid`.
    pub(super) manifest_valid_deferred: bool,
    /// The items a disposition without `items` would still take, once one has been read:
    /// emptied by it (spec §9.1 step 9).
    pub(super) undisposed: Option<Vec<String>>,
}

impl Verifier {
    /// Step 9, for a disposition event: each item it names must be one the manifest
    /// describes and that no earlier disposition removed (`disposition.unknown_item`);
    /// records what it did.
    pub(super) fn check_disposition(&mut self, name: &str, ev: &Event, item_ids: Option<&BTreeSet<&str>>) {
        let Some(d) = &ev.disposition else { return };
        if d.action == DispositionAction::RetentionExtended {
            self.disposal.retention_extended_to = d.keep_until;
            return;
        }
        let rest: Vec<String>;
        let items: &[String] = match (&d.items, item_ids) {
            (Some(items), _) => items,
            (None, Some(ids)) => {
                // Every item no earlier disposition removed. Each item is taken once in the
                // whole chain (after a disposition without items none remains), so that a
                // chain of such dispositions over a large manifest costs time linear in both.
                let undisposed =
                    self.disposal.undisposed.get_or_insert_with(|| ids.iter().map(|s| s.to_string()).collect());
                let taken = std::mem::take(undisposed);
                rest = taken.into_iter().filter(|i| !self.disposal.removed.contains_key(i)).collect();
                if rest.is_empty() {
                    self.fail(
                        CheckCode::DispositionUnknownItem,
                        crate::wording::disposition::disposition_removes_nothing(name),
                        Some(name),
                    );
                    return;
                }
                &rest
            }
            (None, None) => return,
        };
        for item in items {
            if item_ids.is_some_and(|ids| !ids.contains(item.as_str())) {
                self.fail(
                    CheckCode::DispositionUnknownItem,
                    crate::wording::disposition::disposition_unknown_item(name, item),
                    Some(name),
                );
            } else if let Some((earlier, _)) = self.disposal.removed.get(item) {
                let earlier = *earlier;
                self.fail(
                    CheckCode::DispositionUnknownItem,
                    crate::wording::disposition::disposition_already_removed(name, item, earlier),
                    Some(name),
                );
            } else {
                self.disposal.removed.insert(item.clone(), (ev.sequence, d.action));
            }
        }
    }

    /// Step 9, for a derivation event (spec §5.14), once a manifest was read: the first item
    /// it names that the manifest does not describe (`derivation.event_unknown_item`), else
    /// the first an earlier disposition removed (`derivation.event_removed_item`, the rule
    /// the writer refuses by, [`rules::derived_item_removed`]).
    pub(super) fn check_derivation_event(&mut self, name: &str, d: &DerivedCopy, item_ids: &BTreeSet<&str>) {
        if let Some(item) = d.items.iter().find(|i| !item_ids.contains(i.as_str())) {
            self.fail(
                CheckCode::DerivationEventUnknownItem,
                crate::wording::derivation::event_unknown_item(name, crate::text::printable(item)),
                Some(name),
            );
        } else if let Some((item, earlier, action)) = rules::derived_item_removed(&d.items, &self.disposal.removed) {
            self.fail(
                CheckCode::DerivationEventRemovedItem,
                crate::wording::derivation::event_removed_item(name, item, earlier, action.as_str()),
                Some(name),
            );
        }
    }

    /// Step 9c: the described files the bundle lacks are disposed (`payload.disposed`, once
    /// per item) when a disposition removed their item, else `manifest.payload_mismatch`
    /// as step 8 would have said; each file of a removed item still in the bundle (an entry,
    /// or a line of `manifest-sha256.txt`) is `disposition.still_present`.
    pub(super) fn check_disposed(&mut self, manifest: Option<&Manifest>) {
        let Some(m) = manifest else { return };
        let mut mismatched = false;
        let absent = std::mem::take(&mut self.disposal.absent);
        for item in &m.items {
            let gone: BTreeSet<&str> =
                absent.get(&item.id).map(|v| v.iter().map(String::as_str).collect()).unwrap_or_default();
            match self.disposal.removed.get(&item.id).copied() {
                Some((seq, action)) => {
                    for f in item.files.iter().filter(|f| !gone.contains(f.path)) {
                        self.fail(
                            CheckCode::DispositionStillPresent,
                            crate::wording::disposition::disposition_still_present(
                                f.path,
                                &item.id,
                                seq,
                                action.as_str(),
                            ),
                            Some(f.path),
                        );
                    }
                    if !gone.is_empty() {
                        self.pass(
                            CheckCode::PayloadDisposed,
                            crate::wording::disposition::payload_disposed(&item.id, gone.len(), seq, action.as_str()),
                            Some(MANIFEST_PATH),
                        );
                    }
                }
                None => {
                    mismatched |= !gone.is_empty();
                    for p in gone {
                        self.fail(
                            CheckCode::ManifestPayloadMismatch,
                            wording::checks::manifest_disagrees_with_listing(p),
                            Some(p),
                        );
                    }
                }
            }
        }
        for i in &mut self.report_extra.items {
            i.disposed_by = self.disposal.removed.get(&i.id).map(|(seq, _)| *seq);
        }
        if self.disposal.manifest_valid_deferred && !mismatched {
            self.pass(CheckCode::ManifestValid, wording::checks::manifest_valid(), Some(MANIFEST_PATH));
        }
    }
}
