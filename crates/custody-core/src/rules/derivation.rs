//! The custody rules of derived copies (spec §5.14), shared by the writer (`derive`,
//! `handover::derivation`) and the verifier: the body of a derivation event, the items a
//! disposition removed and that no derivation may carry after, and the items a receipt
//! withheld from onward transfer.

use std::collections::BTreeMap;

use super::{DetailsRefusal, MAX_DISPOSITION_ITEMS};
use crate::event::{Decision, DerivedCopy, DispositionAction, Event, ItemState};

/// The most redacted files a derivation event may count (spec §5.14): the most redactions a
/// derived bundle records.
pub const MAX_DERIVED_REDACTIONS: u64 = crate::manifest::derivation::MAX_REDACTIONS as u64;

/// The details of a derivation event (spec §5.14): `items` 1 to [`MAX_DISPOSITION_ITEMS`]
/// ids of the form `item-N` in manifest order (strictly increasing N, as every manifest's
/// items are, §5.2 and §5.13: so each once), and `redacted_files` at most
/// [`MAX_DERIVED_REDACTIONS`]. Whether each item is one the manifest describes is the
/// verifier's check against the manifest (`derivation.event_unknown_item`).
pub fn check_derived_copy(d: &DerivedCopy) -> Result<(), DetailsRefusal> {
    let mut last = 0;
    let in_order = d.items.iter().all(|i| {
        let n = crate::statement::is_item_id(i).then(|| crate::manifest::derivation::item_number(i)).flatten();
        n.is_some_and(|n| n > std::mem::replace(&mut last, n))
    });
    if d.items.is_empty() || d.items.len() > MAX_DISPOSITION_ITEMS || !in_order {
        return Err(DetailsRefusal::DerivationItems);
    }
    if d.redacted_files > MAX_DERIVED_REDACTIONS {
        return Err(DetailsRefusal::DerivationItems);
    }
    crate::manifest::rules::check_bundle_id(&d.bundle_id).map_err(|_| DetailsRefusal::DerivationItems)
}

/// The items the returns and destructions among `events` (in sequence order) removed, each
/// with the sequence and action of the disposition that removed it first (spec §5.11); a
/// disposition without `items` removes every item of `manifest_items` not already removed.
/// What the writer of a derived copy reads (the verifier builds the same map as it checks
/// each disposition, §9.1 step 9).
pub fn removed_by_dispositions<'e>(
    events: impl IntoIterator<Item = &'e Event>,
    manifest_items: &[&str],
) -> BTreeMap<String, (u64, DispositionAction)> {
    let mut removed = BTreeMap::new();
    for ev in events {
        let Some(d) = ev.disposition.as_ref().filter(|d| d.removes_payload()) else { continue };
        let named: Vec<&str> = match &d.items {
            Some(items) => items.iter().map(String::as_str).collect(),
            None => manifest_items.to_vec(),
        };
        for item in named {
            removed.entry(item.to_owned()).or_insert((ev.sequence, d.action));
        }
    }
    removed
}

/// A derivation (spec §5.14) carries no item an earlier disposition returned or destroyed:
/// its files left the bundle, so no copy of them can be made after. The first of `items`
/// that `removed` holds (see [`removed_by_dispositions`]), with the sequence and action of
/// the disposition that removed it. The writer refuses to derive such an item; the verifier
/// fails a derivation event naming one (`derivation.event_removed_item`).
pub fn derived_item_removed<'i>(
    items: impl IntoIterator<Item = &'i String>,
    removed: &BTreeMap<String, (u64, DispositionAction)>,
) -> Option<(&'i str, u64, DispositionAction)> {
    items.into_iter().find_map(|i| removed.get(i).map(|(seq, action)| (i.as_str(), *seq, *action)))
}

/// The items a receipt in `events` did not accept as `rejected` or `out_of_scope`, with the
/// sequence of the first receipt that said so and its status (spec §5.14): a derivation for
/// onward transfer leaves them out unless they are asked for explicitly. Items a receipt
/// marked `missing` or `hash_mismatch` are damage, not a decision on the request, and a
/// receipt whose decision is `rejected` withholds nothing, though it names every item
/// (§7.3 step 4): custody stayed with the sender, who may still pass the items on.
pub fn withheld_from_onward_transfer<'e>(
    events: impl IntoIterator<Item = &'e Event>,
) -> BTreeMap<String, (u64, ItemState)> {
    let mut out = BTreeMap::new();
    for ev in events {
        let Some(r) = ev.receipt.as_ref().filter(|r| r.decision != Decision::Rejected) else { continue };
        for g in r.exceptions.iter().filter(|g| matches!(g.status, ItemState::Rejected | ItemState::OutOfScope)) {
            for item in &g.items {
                out.entry(item.clone()).or_insert((ev.sequence, g.status));
            }
        }
    }
    out
}
