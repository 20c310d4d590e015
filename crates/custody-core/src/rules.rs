//! The custody rules, each stated once: who may transfer a bundle, who may sign a receipt,
//! and how a receipt's decision follows from its item and condition statuses.
//!
//! The verifier (judging a bundle's events one by one through [`Chain::apply`]) and the
//! writers ([`crate::handover`], before they append an event) call the same functions here, so
//! a bundle custody writes is one its verifier accepts, and a refusal names the same rule on
//! both sides. A refusal is a [`Refusal`]; the verifier turns it into a check
//! ([`ChainViolation`], with its code), a writer into a typed [`crate::Error`].
//!
//! The rules (spec §5):
//! - the first event is the seal, and only the first; the sealer is the first custodian;
//! - only the current custodian may transfer, and only while no transfer waits for its receipt;
//! - only the recipient the pending transfer names (the same key with the same identity) may
//!   sign its receipt, which answers that transfer and no other;
//! - a receipt that accepts anything (in full or in part) passes custody to the recipient; a
//!   rejection leaves it with the sender;
//! - a receipt's decision follows from its statuses ([`decide`]): rejected when no item is
//!   accepted, accepted when every item and every condition is, accepted in part otherwise;
//! - a bundle that fails verification can only be rejected, except that items whose own
//!   files are damaged or missing may be marked so while the others are accepted, when
//!   nothing else is wrong ([`only_item_damage`]).
//!
//! There is no countersignature other than the receipt in this version of the format.

use crate::check::CheckCode;
use crate::event::{ConditionAnswer, Decision, Event, EventType, ItemState, ItemStatus, Receipt, Transfer};
use crate::keys::Fingerprint;
use crate::manifest::Signer;

/// Which custody rule an event, or an intended event, breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// A seal that is not the first event.
    SecondSeal,
    /// A transfer or receipt event without its details.
    MissingDetails(EventType),
    /// A transfer while another waits for its receipt.
    TransferPending {
        /// The pending transfer's event.
        sequence: u64,
        /// Whom it names as recipient.
        recipient: Signer,
    },
    /// A transfer by someone other than the current custodian.
    NotCustodian {
        /// Who holds the bundle.
        custodian: Signer,
    },
    /// A receipt, but no transfer waits for one.
    NoTransferPending,
    /// A receipt that answers another transfer than the pending one.
    WrongTransfer {
        /// The transfer the receipt says it answers.
        answers: u64,
        /// The pending transfer's event.
        pending: u64,
    },
    /// A receipt signed by another key than the named recipient's.
    NotRecipient {
        /// The recipient the transfer names.
        recipient: Signer,
    },
    /// A receipt signed by the recipient's key, but under another identity than the transfer names.
    RecipientIdentity {
        /// The recipient the transfer names.
        recipient: Signer,
    },
}

impl Refusal {
    /// The check code the verifier reports for this refusal.
    pub fn code(&self) -> CheckCode {
        match self {
            Refusal::SecondSeal | Refusal::NotCustodian { .. } => CheckCode::EventNotEntitled,
            Refusal::NotRecipient { .. } | Refusal::RecipientIdentity { .. } => CheckCode::EventNotEntitled,
            Refusal::MissingDetails(_) => CheckCode::EventInvalid,
            Refusal::TransferPending { .. } => CheckCode::EventTransferPending,
            Refusal::NoTransferPending | Refusal::WrongTransfer { .. } => CheckCode::EventUnexpectedReceipt,
        }
    }

    /// The verifier's check for an event signed by `signer` that breaks this rule.
    pub fn violation(&self, signer: &Signer) -> ChainViolation {
        let message = match self {
            Refusal::SecondSeal => "a second seal: only the first event may be a seal".into(),
            Refusal::MissingDetails(t) => format!("a {} event without its {} details", t.as_str(), t.as_str()),
            Refusal::TransferPending { sequence, recipient } => {
                format!("a second transfer while the transfer of event {sequence} to {} has no receipt", recipient.name)
            }
            Refusal::NotCustodian { custodian } => format!(
                "signed by {} ({}), who is not the custodian: {} ({}) holds the bundle",
                signer.name, signer.fingerprint, custodian.name, custodian.fingerprint
            ),
            Refusal::NoTransferPending => "a receipt, but no transfer is waiting for one".into(),
            Refusal::WrongTransfer { answers, pending } => {
                format!("answers transfer {answers}, but the pending transfer is event {pending}")
            }
            Refusal::NotRecipient { recipient } | Refusal::RecipientIdentity { recipient } => format!(
                "signed by {} ({}), but the transfer named {} ({}) as recipient",
                signer.name, signer.fingerprint, recipient.name, recipient.fingerprint
            ),
        };
        ChainViolation { code: self.code(), message }
    }
}

/// A rule of the custody chain was broken (the verifier's view of a [`Refusal`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainViolation {
    /// Stable check code (`event.not_entitled`, `event.transfer_pending`, ...).
    pub code: CheckCode,
    /// What happened, for the report.
    pub message: String,
}

/// Who holds the bundle, and whether a hand-over is under way: the state the custody
/// chain is in after some events. Verification, transfer and receive share these rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chain {
    /// The current custodian: the sealer until a first transfer is received, then the
    /// recipient of the last transfer whose receipt passed custody.
    pub custodian: Signer,
    /// A transfer that has no receipt yet: (its sequence number, the transfer).
    pub pending: Option<(u64, Transfer)>,
}

impl Chain {
    /// The state after a seal by `sealer`.
    pub fn sealed_by(sealer: Signer) -> Self {
        Chain { custodian: sealer, pending: None }
    }

    /// Who may transfer: only the current custodian, and only while no transfer waits for
    /// its receipt (checked first).
    pub fn may_transfer(&self, signer: &Fingerprint) -> Result<(), Refusal> {
        if let Some((sequence, t)) = &self.pending {
            return Err(Refusal::TransferPending { sequence: *sequence, recipient: t.recipient.clone() });
        }
        if *signer != self.custodian.fingerprint {
            return Err(Refusal::NotCustodian { custodian: self.custodian.clone() });
        }
        Ok(())
    }

    /// Who may receive: only the recipient the pending transfer names, with the identity it
    /// names. Returns the pending transfer (its sequence number and details).
    pub fn may_receive(&self, signer: &Signer) -> Result<(u64, &Transfer), Refusal> {
        let (sequence, t) = self.pending.as_ref().ok_or(Refusal::NoTransferPending)?;
        recipient_may_sign(t, signer)?;
        Ok((*sequence, t))
    }

    /// Applies one event (after the seal), or says which rule it breaks. The state is
    /// updated even when a rule is broken, as far as the event allows, so that later
    /// events are judged sensibly.
    pub fn apply(&mut self, ev: &Event) -> Result<(), ChainViolation> {
        self.apply_rules(ev).map_err(|r| r.violation(&ev.signer))
    }

    fn apply_rules(&mut self, ev: &Event) -> Result<(), Refusal> {
        match ev.event_type {
            EventType::Seal => Err(Refusal::SecondSeal),
            EventType::Transfer => {
                let t = ev.transfer.as_ref().ok_or(Refusal::MissingDetails(EventType::Transfer))?;
                let allowed = self.may_transfer(&ev.signer.fingerprint);
                // The transfer is pending from now on, allowed or not.
                self.pending = Some((ev.sequence, t.clone()));
                allowed
            }
            EventType::Receipt => {
                let r = ev.receipt.as_ref().ok_or(Refusal::MissingDetails(EventType::Receipt))?;
                // The pending transfer is answered (settled) by this receipt, allowed or not.
                let (sequence, t) = self.pending.take().ok_or(Refusal::NoTransferPending)?;
                if r.transfer_sequence != sequence {
                    return Err(Refusal::WrongTransfer { answers: r.transfer_sequence, pending: sequence });
                }
                recipient_may_sign(&t, &ev.signer)?;
                if r.decision.passes_custody() {
                    self.custodian = t.recipient;
                }
                Ok(())
            }
        }
    }
}

/// Whether `signer` may sign the receipt of transfer `t`: the named recipient's key, under
/// the identity the transfer names.
pub fn recipient_may_sign(t: &Transfer, signer: &Signer) -> Result<(), Refusal> {
    if signer.fingerprint != t.recipient.fingerprint {
        return Err(Refusal::NotRecipient { recipient: t.recipient.clone() });
    }
    if *signer != t.recipient {
        return Err(Refusal::RecipientIdentity { recipient: t.recipient.clone() });
    }
    Ok(())
}

/// A receipt's decision, from its statuses: rejected when no item is accepted; accepted when
/// every item and every condition is; accepted in part otherwise.
pub fn decide(items: &[ItemStatus], conditions: &[ConditionAnswer]) -> Decision {
    let any = items.iter().any(|s| s.status == ItemState::Accepted);
    let all = items.iter().all(|s| s.status == ItemState::Accepted) && conditions.iter().all(|c| c.accepted);
    if !any {
        Decision::Rejected
    } else if all {
        Decision::Accepted
    } else {
        Decision::AcceptedInPart
    }
}

/// Whether `decision` agrees with the statuses (what the verifier checks of a receipt):
/// accepted only when every item and condition is, in part only when some item is accepted
/// and not everything is, rejected only when no item is accepted. [`decide`] always agrees.
pub fn decision_agrees(decision: Decision, items: &[ItemStatus], conditions: &[ConditionAnswer]) -> bool {
    let all_items = items.iter().all(|i| i.status == ItemState::Accepted);
    let any_item = items.iter().any(|i| i.status == ItemState::Accepted);
    let all_conditions = conditions.iter().all(|c| c.accepted);
    match decision {
        Decision::Accepted => all_items && all_conditions,
        Decision::AcceptedInPart => any_item && !(all_items && all_conditions),
        Decision::Rejected => !any_item,
    }
}

impl Receipt {
    /// Whether this receipt's decision agrees with its statuses ([`decision_agrees`]).
    pub fn decision_agrees(&self) -> bool {
        decision_agrees(self.decision, &self.items, &self.conditions)
    }
}

/// Whether every failed check (by code) is damage to single payload files, so that a receipt
/// may still accept the undamaged items ([`CheckCode::is_payload_failure`]).
pub fn only_item_damage(codes: impl IntoIterator<Item = CheckCode>) -> bool {
    codes.into_iter().all(CheckCode::is_payload_failure)
}

/// The status a receipt records for an item whose file failed the check `code`.
pub fn damaged_item_state(code: CheckCode) -> ItemState {
    if code == CheckCode::PayloadMissing { ItemState::Missing } else { ItemState::HashMismatch }
}

/// A rejection accepts no condition: marks every condition still accepted as refused,
/// because the bundle was rejected.
pub fn rejection_refuses_conditions(decision: Decision, conditions: &mut [ConditionAnswer]) {
    if decision == Decision::Rejected {
        for c in conditions.iter_mut().filter(|c| c.accepted) {
            c.accepted = false;
            c.reason = Some("the bundle was rejected".into());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{Identity, KeyPair, Role};

    fn signer(seed: u8, name: &str) -> Signer {
        let id = Identity {
            name: name.into(),
            organisation: "Org".into(),
            role: Role::Investigator,
            jurisdiction: "CN".into(),
        };
        Signer::new(KeyPair::from_seed([seed; 32], id.clone()).public().fingerprint(), &id)
    }

    fn transfer_to(recipient: &Signer) -> Transfer {
        Transfer {
            recipient: recipient.clone(),
            purpose: "review".into(),
            legal_basis: None,
            request_reference: None,
            conditions: Vec::new(),
        }
    }

    #[test]
    fn only_the_custodian_transfers_and_only_with_nothing_pending() {
        let (alice, bob, mallory) = (signer(1, "Alice"), signer(2, "Bob"), signer(3, "Mallory"));
        let mut chain = Chain::sealed_by(alice.clone());
        assert_eq!(chain.may_transfer(&alice.fingerprint), Ok(()));
        assert!(matches!(chain.may_transfer(&mallory.fingerprint), Err(Refusal::NotCustodian { .. })));
        chain.pending = Some((1, transfer_to(&bob)));
        // A pending transfer is named first, even to someone who is not the custodian.
        for who in [&alice, &mallory] {
            assert!(matches!(chain.may_transfer(&who.fingerprint), Err(Refusal::TransferPending { sequence: 1, .. })));
        }
    }

    #[test]
    fn only_the_named_recipient_with_the_named_identity_receives() {
        let (alice, bob) = (signer(1, "Alice"), signer(2, "Bob"));
        let mut chain = Chain::sealed_by(alice.clone());
        assert_eq!(chain.may_receive(&bob), Err(Refusal::NoTransferPending));
        chain.pending = Some((1, transfer_to(&bob)));
        assert_eq!(chain.may_receive(&bob).map(|(seq, _)| seq), Ok(1));
        assert!(matches!(chain.may_receive(&alice), Err(Refusal::NotRecipient { .. })));
        let renamed = Signer { name: "Robert".into(), ..bob.clone() };
        assert!(matches!(chain.may_receive(&renamed), Err(Refusal::RecipientIdentity { .. })));
        // The verifier reports both as the same check.
        assert_eq!(Refusal::RecipientIdentity { recipient: bob.clone() }.code(), CheckCode::EventNotEntitled);
    }

    #[test]
    fn the_decision_follows_from_the_statuses_and_the_verifier_agrees() {
        let item = |ok: bool| ItemStatus {
            item: "item-1".into(),
            status: if ok { ItemState::Accepted } else { ItemState::Rejected },
            reason: None,
        };
        let cond = |ok: bool| ConditionAnswer { id: 1, accepted: ok, reason: None };
        for items in [vec![item(true)], vec![item(false)], vec![item(true), item(false)]] {
            for conditions in [vec![], vec![cond(true)], vec![cond(false)]] {
                let d = decide(&items, &conditions);
                assert!(decision_agrees(d, &items, &conditions), "{d:?}");
                for other in [Decision::Accepted, Decision::AcceptedInPart, Decision::Rejected] {
                    if other != d {
                        assert!(!decision_agrees(other, &items, &conditions), "{other:?} for {d:?}");
                    }
                }
            }
        }
        assert_eq!(decide(&[item(true)], &[cond(false)]), Decision::AcceptedInPart);
        let mut answers = vec![cond(true)];
        rejection_refuses_conditions(Decision::Rejected, &mut answers);
        assert!(!answers[0].accepted);
    }
}
