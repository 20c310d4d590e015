//! Receipt checks (spec §7.3): a receipt answers every item and condition, its decision
//! follows from those answers, it records whom the recipient checked, and it accepts no
//! damaged item.

use std::collections::{BTreeSet, HashMap};

use super::Verifier;
use super::events::{ReadEvent, event_by_sequence};
use super::wording;
use crate::check::CheckCode;
use crate::event::{Decision, ItemState, Receipt};
use crate::manifest::Manifest;

/// What every receipt is checked against, computed once per bundle: the manifest's item ids
/// in order, and for each item with a damaged file, the first such file.
pub(super) struct ReceiptContext<'m> {
    item_ids: Vec<&'m str>,
    first_damaged: HashMap<&'m str, &'m str>,
}

impl<'m> ReceiptContext<'m> {
    pub(super) fn new(m: &'m Manifest, damaged: &BTreeSet<String>) -> Self {
        let mut first_damaged = HashMap::new();
        for item in &m.items {
            if let Some(f) = item.files.iter().find(|f| damaged.contains(&f.path)) {
                first_damaged.entry(item.id.as_str()).or_insert(f.path.as_str());
            }
        }
        ReceiptContext { item_ids: m.items.iter().map(|i| i.id.as_str()).collect(), first_damaged }
    }
}

impl Verifier {
    /// A receipt must answer every item and condition, and may not accept what is damaged.
    pub(super) fn check_receipt(&mut self, name: &str, r: &Receipt, ctx: &ReceiptContext, events: &[ReadEvent]) {
        let item_ids = &ctx.item_ids;
        let answered: Vec<&str> = r.items.iter().map(|i| i.item.as_str()).collect();
        if &answered != item_ids {
            self.fail(
                CheckCode::ReceiptInvalid,
                wording::checks::receipt_items_not_answered(name, item_ids.join(", "), answered.join(", ")),
                Some(name),
            );
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
        for st in r.items.iter().filter(|i| i.status == ItemState::Accepted) {
            if let Some(path) = ctx.first_damaged.get(st.item.as_str()) {
                self.fail(
                    CheckCode::ReceiptAcceptsDamagedItem,
                    wording::checks::receipt_accepts_damaged_item(&st.item, path, name),
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
