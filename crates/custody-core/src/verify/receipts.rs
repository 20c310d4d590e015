//! Receipt checks (spec §7.3): a receipt answers for every item (its count, and the items it
//! does not accept, each an item of the bundle named once) and every condition, its decision
//! follows from those answers, it records whom the recipient checked, and it accepts no
//! damaged item. Each receipt costs time in the items it names, not in the bundle's items.

use std::collections::HashSet;

use super::Verifier;
use super::events::{ReadEvent, event_by_sequence};
use super::wording;
use crate::check::CheckCode;
use crate::event::{Decision, Receipt};
use crate::manifest::Manifest;

/// What every receipt is checked against, computed once per bundle: the manifest's item
/// ids, and the items with a damaged file (in manifest order, each with its first such file).
pub(super) struct ReceiptContext<'m> {
    item_ids: HashSet<&'m str>,
    damaged: Vec<(&'m str, &'m str)>,
    damaged_ids: HashSet<&'m str>,
}

impl<'m> ReceiptContext<'m> {
    pub(super) fn new(m: &'m Manifest, damaged: &super::payload::Damaged) -> Self {
        let mut first_damaged = Vec::new();
        let mut damaged_ids = HashSet::new();
        for item in &m.items {
            if let Some(f) = item.files.iter().find(|f| damaged.contains_key(f.path))
                && damaged_ids.insert(item.id.as_str())
            {
                first_damaged.push((item.id.as_str(), f.path));
            }
        }
        let item_ids = m.items.iter().map(|i| i.id.as_str()).collect();
        ReceiptContext { item_ids, damaged: first_damaged, damaged_ids }
    }
}

/// Why a receipt's `exceptions` break rule 2 of §7.3 (the first problem found), and the
/// items they name.
fn named_items<'r>(r: &'r Receipt, ctx: &ReceiptContext) -> (HashSet<&'r str>, Option<String>) {
    let mut named = HashSet::new();
    let mut problem = None;
    for g in &r.exceptions {
        if g.items.is_empty() && problem.is_none() {
            problem = Some(crate::wording::documents::group_names_no_item(g.status.as_str()));
        }
        for id in &g.items {
            let fresh = named.insert(id.as_str());
            if problem.is_none() && !ctx.item_ids.contains(id.as_str()) {
                problem = Some(crate::wording::documents::receipt_unknown_item(id));
            } else if problem.is_none() && !fresh {
                problem = Some(crate::wording::documents::receipt_item_twice(id));
            }
        }
    }
    (named, problem)
}

impl Verifier {
    /// A receipt must answer for every item and condition, and may not accept what is damaged.
    pub(super) fn check_receipt(&mut self, name: &str, r: &Receipt, ctx: &ReceiptContext, events: &[ReadEvent]) {
        let total = ctx.item_ids.len() as u64;
        if r.items_total != total {
            self.fail(
                CheckCode::ReceiptInvalid,
                wording::checks::receipt_items_total_wrong(name, total, r.items_total),
                Some(name),
            );
        }
        let (named, problem) = named_items(r, ctx);
        if let Some(why) = problem {
            self.fail(CheckCode::ReceiptInvalid, wording::checks::receipt_exceptions_invalid(name, why), Some(name));
        }
        let conditions = event_by_sequence(events, r.transfer_sequence)
            .and_then(|(_, _, t)| t.transfer.as_ref())
            .map(|t| t.conditions.iter().map(|c| c.id).collect::<Vec<_>>())
            .unwrap_or_default();
        if r.conditions.iter().map(|c| c.id).collect::<Vec<_>>() != conditions {
            self.fail(CheckCode::ReceiptInvalid, wording::checks::receipt_conditions_not_answered(name), Some(name));
        }
        if !r.decision_agrees() {
            self.fail(
                CheckCode::ReceiptInvalid,
                wording::checks::receipt_decision_disagrees(name, r.decision.as_str()),
                Some(name),
            );
        }
        self.check_receipt_trust(name, r);
        // The sealer and the sender as this bundle names them (the seal's and the transfer's
        // signers): one key judged twice in one receipt must be judged alike.
        let sealer = event_by_sequence(events, 0).map(|(_, _, e)| e.signer.fingerprint);
        let sender = event_by_sequence(events, r.transfer_sequence).map(|(_, _, e)| e.signer.fingerprint);
        let v = &r.verification;
        if let (Some(a), Some(b), Some(x), Some(y)) = (sealer, sender, v.sealer_trusted, v.sender_trusted)
            && a == b
            && x != y
        {
            self.fail(CheckCode::ReceiptInvalid, wording::checks::receipt_one_key_judged_twice(name, a), Some(name));
        }
        if r.decision != Decision::Rejected && (v.sealer_trusted == Some(false) || v.sender_trusted == Some(false)) {
            let who: Vec<&str> = [("sealer", v.sealer_trusted), ("sender", v.sender_trusted)]
                .into_iter()
                .filter(|(_, t)| *t == Some(false))
                .map(|(w, _)| w)
                .collect();
            self.warn(
                CheckCode::ReceiptAcceptedUntrusted,
                wording::checks::receipt_accepted_untrusted(name, who.join(" and "), self.front),
                Some(name),
            );
        }
        // Every damaged item the receipt does not name is accepted by it, unless it rejects
        // the whole bundle: reported once per receipt, with the first such item and how many.
        if r.decision != Decision::Rejected {
            let named_damaged = named.iter().filter(|id| ctx.damaged_ids.contains(*id)).count();
            let accepted = ctx.damaged.len() - named_damaged;
            if let Some((item, path)) = ctx.damaged.iter().find(|(id, _)| !named.contains(id)) {
                self.fail(
                    CheckCode::ReceiptAcceptsDamagedItem,
                    wording::checks::receipt_accepts_damaged_item(item, path, name, accepted.saturating_sub(1)),
                    Some(name),
                );
            }
        }
    }

    /// A receipt that accepts anything records whether the recipient checked who sealed and
    /// who sent the bundle (spec 5.5): without that, an acceptance says nothing about identity.
    pub(super) fn check_receipt_trust(&mut self, name: &str, r: &Receipt) {
        let v = &r.verification;
        let missing = v.missing_trust_members();
        if r.decision != Decision::Rejected && !missing.is_empty() {
            self.fail(
                CheckCode::ReceiptTrustUnrecorded,
                wording::checks::receipt_trust_unrecorded(name, missing.join(", ")),
                Some(name),
            );
        }
        if v.contradicts_itself() {
            self.fail(CheckCode::ReceiptInvalid, wording::checks::receipt_record_contradicts_itself(name), Some(name));
        }
    }
}
