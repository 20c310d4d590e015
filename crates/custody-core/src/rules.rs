//! The custody rules, each stated once: who may transfer a bundle, who may sign a receipt,
//! and how a receipt's decision follows from its item and condition statuses.
//!
//! The verifier (judging a bundle's events one by one through [`Chain::apply`]) and the
//! writers ([`crate::handover`], before they append an event) call the same functions here, so
//! a bundle custody writes is one its verifier accepts, and a refusal names the same rule on
//! both sides. A refusal is a [`Refusal`]; the verifier turns it into a check
//! (its [`Refusal::code`], worded by the report's catalogue), a writer into a typed [`crate::Error`].
//!
//! The rules (spec §5):
//! - the first event is the seal, and only the first; the sealer is the first custodian;
//! - only the current custodian may transfer, and only while no transfer waits for its receipt;
//! - only the recipient the pending transfer names (the same key with the same identity) may
//!   sign its receipt, which answers that transfer and no other;
//! - a receipt that accepts anything (in full or in part) passes custody to the recipient; a
//!   rejection leaves it with the sender ([`Decision::passes_custody`]);
//! - a receipt names only the items it does not accept, grouped by status and reason
//!   ([`group_exceptions`]), and its decision follows from those answers ([`decide`], which
//!   the verifier's [`decision_agrees`] compares with): accepted when no item is named and
//!   every condition accepted, rejected when every item is named (or the whole bundle is
//!   rejected with a reason of its own), accepted in part otherwise;
//! - a transfer attaches at most [`MAX_CONDITIONS`] conditions;
//! - a transfer's and a receipt's details follow the format ([`check_transfer`],
//!   [`check_receipt`], with the text limits [`MAX_TRANSFER_TEXT`], [`MAX_CONDITION_TEXT`],
//!   [`MAX_REASON_TEXT`]), and a receipt's record agrees with itself
//!   ([`receipt_record_errors`]);
//! - an event adds only the files [`files_event_may_add`] names, and none that
//!   [`no_event_may_bind`] (the sealer and the appender check it before signing);
//! - a bundle that fails verification can only be rejected, except that items whose own
//!   files are damaged or missing may be marked so while the others are accepted, when
//!   nothing else is wrong ([`only_item_damage`]).
//!
//! What makes a manifest invalid is [`crate::manifest::rules`].
//!
//! - only the current custodian appends an event that records a statement (a
//!   `countersign`), and not while a transfer waits for its receipt ([`Chain::may_record`]);
//!   the statement's author may hold any key.

use std::collections::BTreeSet;

use crate::check::CheckCode;
use crate::event::{
    Condition, ConditionAnswer, ConditionKind, Decision, Disposition, DispositionAction, Event, EventType,
    ItemException, ItemState, Receipt, ReceiptVerification, Transfer, VerificationState,
};
use crate::keys::{Fingerprint, IdentityError, check_text};
use crate::layout::{SIG_SUFFIX, TAG_MANIFEST_PATH, is_event_document, is_payload, key_path, token_event};
use crate::manifest::Signer;
use crate::provenance::Date;
use crate::statement::Statement;

pub use crate::layout::MAX_CONDITIONS;

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
    /// An event that records something (a countersignature, ...) while a transfer waits
    /// for its receipt: only the receipt may follow a transfer.
    RecordWhilePending {
        /// The type of the refused event.
        event_type: EventType,
        /// The pending transfer's event.
        sequence: u64,
        /// Whom it names as recipient.
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
            Refusal::TransferPending { .. } | Refusal::RecordWhilePending { .. } => CheckCode::EventTransferPending,
            Refusal::NoTransferPending | Refusal::WrongTransfer { .. } => CheckCode::EventUnexpectedReceipt,
        }
    }
}

/// Who holds the bundle, and whether a hand-over is under way: the state the custody
/// chain is in after some events. Verification, transfer and receive share these rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chain {
    /// The current custodian: the sealer until a first transfer is received, then the
    /// recipient of the last transfer whose receipt passed custody.
    pub(crate) custodian: Signer,
    /// A transfer that has no receipt yet: (its sequence number, the transfer).
    pub(crate) pending: Option<(u64, Transfer)>,
}

impl Chain {
    /// The current custodian: the sealer until a first transfer is received, then the
    /// recipient of the last transfer whose receipt passed custody. Only the rules change it.
    pub fn custodian(&self) -> &Signer {
        &self.custodian
    }

    /// The transfer waiting for its receipt, if any: its sequence number and the transfer.
    pub fn pending(&self) -> Option<&(u64, Transfer)> {
        self.pending.as_ref()
    }

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

    /// Who may append an event that records something without changing custody (a
    /// `countersign`, carrying someone's statement): only the current custodian, and only
    /// while no transfer waits for its receipt (checked first). Statements by others are
    /// carried by the custodian's event, so the chain never forks (spec §7.5).
    pub fn may_record(&self, event_type: EventType, signer: &Fingerprint) -> Result<(), Refusal> {
        if let Some((sequence, t)) = &self.pending {
            return Err(Refusal::RecordWhilePending {
                event_type,
                sequence: *sequence,
                recipient: t.recipient.clone(),
            });
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
    pub fn apply(&mut self, ev: &Event) -> Result<(), Refusal> {
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
            EventType::Countersign | EventType::Document | EventType::Examination => {
                ev.statement_ref().ok_or(Refusal::MissingDetails(ev.event_type))?;
                self.may_record(ev.event_type, &ev.signer.fingerprint)
            }
            EventType::Access => {
                ev.access.as_ref().ok_or(Refusal::MissingDetails(EventType::Access))?;
                self.may_record(ev.event_type, &ev.signer.fingerprint)
            }
            // The custodian records what became of the evidence (spec §5.11, §7.2): the
            // same rule as a record, never while a transfer is pending.
            EventType::Disposition => {
                ev.disposition.as_ref().ok_or(Refusal::MissingDetails(EventType::Disposition))?;
                self.may_record(ev.event_type, &ev.signer.fingerprint)
            }
            // The custodian records a derived copy it made (spec §5.14): the same rule as a
            // disposition. A holder who is not the custodian derives without recording.
            EventType::Derivation => {
                ev.derivation.as_ref().ok_or(Refusal::MissingDetails(EventType::Derivation))?;
                self.may_record(ev.event_type, &ev.signer.fingerprint)
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

/// How many distinct items `exceptions` names (an item named twice counts once; a receipt
/// that does so is invalid anyway, spec §7.3 rule 2).
pub fn items_not_accepted(exceptions: &[ItemException]) -> u64 {
    let ids: BTreeSet<&str> = exceptions.iter().flat_map(|g| g.items.iter().map(String::as_str)).collect();
    ids.len() as u64
}

/// A receipt's decision, from its answers (spec §7.3 rule 4), for a writer that names every
/// item it does not accept: accepted if and only if no item is named in `exceptions` and
/// every condition is accepted; rejected when every one of the `items_total` items is named;
/// accepted in part otherwise. A receipt always answers the manifest's items, of which there
/// is at least one; were there none, nothing would be named and, with every condition
/// accepted, the decision would be accepted, as the spec's "if and only if" says.
pub fn decide(items_total: u64, exceptions: &[ItemException], conditions: &[ConditionAnswer]) -> Decision {
    let named = items_not_accepted(exceptions);
    if named == 0 && conditions.iter().all(|c| c.accepted) {
        Decision::Accepted
    } else if named >= items_total {
        Decision::Rejected
    } else {
        Decision::AcceptedInPart
    }
}

/// Whether `decision` agrees with the answers (what the verifier checks of a receipt): it is
/// the one [`decide`] gives, or it is a rejection of the whole bundle, which names no item
/// (or only some) and says why in its own `reason` (`whole_reason`): one reason then covers
/// every item, so that a bundle of any size can be rejected within the signed-document limit.
pub fn decision_agrees(
    decision: Decision,
    items_total: u64,
    exceptions: &[ItemException],
    conditions: &[ConditionAnswer],
    whole_reason: bool,
) -> bool {
    decide(items_total, exceptions, conditions) == decision || (decision == Decision::Rejected && whole_reason)
}

impl Receipt {
    /// Whether this receipt's decision agrees with its answers ([`decision_agrees`]).
    pub fn decision_agrees(&self) -> bool {
        decision_agrees(self.decision, self.items_total, &self.exceptions, &self.conditions, self.reason.is_some())
    }
}

/// The items a receipt does not accept, grouped (spec §5.5): one group per status and
/// reason, the groups in order of status then reason, each group's items in the order given
/// (the writer gives manifest order).
pub fn group_exceptions<'a>(
    not_accepted: impl IntoIterator<Item = (&'a str, ItemState, Option<&'a str>)>,
) -> Vec<ItemException> {
    let mut groups: std::collections::BTreeMap<(ItemState, Option<&str>), Vec<String>> = Default::default();
    for (item, status, reason) in not_accepted {
        groups.entry((status, reason)).or_default().push(item.to_owned());
    }
    groups
        .into_iter()
        .map(|((status, reason), items)| ItemException { status, reason: reason.map(str::to_owned), items })
        .collect()
}

impl Decision {
    /// Whether custody passes to the recipient: it does unless the receipt rejects the bundle.
    pub fn passes_custody(&self) -> bool {
        *self != Decision::Rejected
    }
}

impl ReceiptVerification {
    /// The members that a receipt accepting anything must carry (§5.5: whom the recipient
    /// checked), missing from this one.
    pub fn missing_trust_members(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.sealer_trusted.is_none() {
            out.push("sealer_trusted");
        }
        if self.sender_trusted.is_none() {
            out.push("sender_trusted");
        }
        out
    }

    /// Whether the record contradicts itself: a party trusted without a trust list, or
    /// `tsa_trusted` not null exactly when no TSA roots were given.
    pub fn contradicts_itself(&self) -> bool {
        (self.trust_list_sha256.is_none() && (self.sealer_trusted == Some(true) || self.sender_trusted == Some(true)))
            || self.tsa_roots_sha256.is_none() != self.tsa_trusted.is_none()
    }
}

/// Most characters of a transfer's purpose, legal basis and request reference.
pub const MAX_TRANSFER_TEXT: usize = 1000;
/// Most characters of a transfer condition's text.
pub const MAX_CONDITION_TEXT: usize = 4000;
/// Most characters of a reason in a receipt (for an item, a condition or the whole bundle).
pub const MAX_REASON_TEXT: usize = 4000;

/// Why the details of a transfer or a receipt break the format (the verifier reports it as
/// `event.invalid`, with this value's text; a writer refuses its input with it).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DetailsRefusal {
    /// The recipient's identity breaks the identity rules (§4.3).
    Recipient(IdentityError),
    /// Conditions not numbered 1, 2, ... in order.
    ConditionsOutOfOrder,
    /// More conditions than [`MAX_CONDITIONS`].
    TooManyConditions(usize),
    /// A transfer to the signer's own key.
    OwnKey,
    /// A free-text field is empty, too long, padded or holds control characters.
    Text(IdentityError),
    /// A receipt's verification state is neither `intact` nor `invalid`.
    VerificationState(String),
    /// A disposition member present for an action that takes none, or absent for the one
    /// that needs it (spec §5.11).
    DispositionMember {
        /// The member (`method`, `returned_to`, `keep_until`, `items`).
        member: &'static str,
        /// The disposition's action.
        action: DispositionAction,
        /// Whether the member was present.
        present: bool,
    },
    /// A disposition's `items`: empty, too many, an id not `item-N`, or one named twice.
    DispositionItems,
    /// A derivation's `items`: empty, too many, an id not `item-N`, or one named twice; or
    /// more redacted files than [`MAX_DERIVED_REDACTIONS`].
    DerivationItems,
    /// A `retention_extended` disposition whose date is not later than the one in force.
    RetentionNotExtended {
        /// The date it gives.
        new: Date,
        /// The date in force ([`retention_now`]).
        now: Date,
    },
}

impl std::fmt::Display for DetailsRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DetailsRefusal::Recipient(e) => f.write_str(&crate::wording::documents::recipient_invalid(e)),
            DetailsRefusal::ConditionsOutOfOrder => f.write_str(crate::wording::documents::CONDITIONS_OUT_OF_ORDER),
            DetailsRefusal::TooManyConditions(n) => f.write_str(&crate::wording::documents::too_many_conditions(*n)),
            DetailsRefusal::OwnKey => f.write_str(crate::wording::documents::TRANSFER_TO_OWN_KEY),
            DetailsRefusal::Text(e) => write!(f, "{e}"),
            DetailsRefusal::VerificationState(s) => {
                f.write_str(&crate::wording::documents::verification_state_invalid(s))
            }
            DetailsRefusal::DispositionMember { member, action, present } => {
                f.write_str(&crate::wording::documents::disposition_member(member, action.as_str(), *present))
            }
            DetailsRefusal::DispositionItems => {
                f.write_str(&crate::wording::documents::disposition_items(MAX_DISPOSITION_ITEMS))
            }
            DetailsRefusal::DerivationItems => {
                f.write_str(&crate::wording::documents::derivation_items(MAX_DISPOSITION_ITEMS, MAX_DERIVED_REDACTIONS))
            }
            DetailsRefusal::RetentionNotExtended { new, now } => {
                f.write_str(&crate::wording::documents::retention_not_extended(new, now))
            }
        }
    }
}

fn text(field: &'static str, value: &str, max: usize) -> Result<(), DetailsRefusal> {
    check_text(field, value, max).map_err(DetailsRefusal::Text)
}

/// The details of a transfer signed by `signer`: the recipient's identity, at most
/// [`MAX_CONDITIONS`] conditions numbered from 1, a recipient other than the signer, and the limits on its texts
/// ([`MAX_TRANSFER_TEXT`], [`MAX_CONDITION_TEXT`]). The first rule broken, in that order.
pub fn check_transfer(t: &Transfer, signer: &Fingerprint) -> Result<(), DetailsRefusal> {
    t.recipient.identity().validate().map_err(DetailsRefusal::Recipient)?;
    if t.conditions.len() > MAX_CONDITIONS {
        return Err(DetailsRefusal::TooManyConditions(t.conditions.len()));
    }
    if t.conditions.iter().enumerate().any(|(i, c)| c.id as usize != i + 1) {
        return Err(DetailsRefusal::ConditionsOutOfOrder);
    }
    if t.recipient.fingerprint == *signer {
        return Err(DetailsRefusal::OwnKey);
    }
    text("purpose", &t.purpose, MAX_TRANSFER_TEXT)?;
    if let Some(v) = &t.legal_basis {
        text("legal basis", v, MAX_TRANSFER_TEXT)?;
    }
    if let Some(v) = &t.request_reference {
        text("request reference", v, MAX_TRANSFER_TEXT)?;
    }
    t.conditions.iter().try_for_each(|c| text("condition", &c.text, MAX_CONDITION_TEXT))
}

mod derivation;
pub use derivation::{
    MAX_DERIVED_REDACTIONS, check_derived_copy, derived_item_removed, removed_by_dispositions,
    withheld_from_onward_transfer,
};

/// The most items a disposition may name (spec §5.11).
pub const MAX_DISPOSITION_ITEMS: usize = 10_000;
/// The limit of each text of a disposition (`reason`, `method`, `returned_to`,
/// `legal_basis`), in characters.
pub const MAX_DISPOSITION_TEXT: usize = 1000;

/// The details of a disposition (spec §5.11): `method` exactly for `destroyed`,
/// `returned_to` exactly for `returned`, `keep_until` exactly for `retention_extended`, no
/// `items` for `retention_extended` and otherwise, if given, 1 to [`MAX_DISPOSITION_ITEMS`]
/// distinct ids `item-N`; its texts within [`MAX_DISPOSITION_TEXT`]. The first rule broken,
/// in that order. Whether the items are the manifest's is the verifier's check
/// (`disposition.unknown_item`).
pub fn check_disposition(d: &Disposition) -> Result<(), DetailsRefusal> {
    let member = |member: &'static str, present: bool, wanted: bool| {
        if present == wanted {
            Ok(())
        } else {
            Err(DetailsRefusal::DispositionMember { member, action: d.action, present })
        }
    };
    member("method", d.method.is_some(), d.action == DispositionAction::Destroyed)?;
    member("returned_to", d.returned_to.is_some(), d.action == DispositionAction::Returned)?;
    member("keep_until", d.keep_until.is_some(), d.action == DispositionAction::RetentionExtended)?;
    if d.action == DispositionAction::RetentionExtended {
        member("items", d.items.is_some(), false)?;
    }
    if let Some(items) = &d.items {
        let mut seen = BTreeSet::new();
        let ids_ok = items.iter().all(|i| crate::statement::is_item_id(i) && seen.insert(i.as_str()));
        if items.is_empty() || items.len() > MAX_DISPOSITION_ITEMS || !ids_ok {
            return Err(DetailsRefusal::DispositionItems);
        }
    }
    text("reason", &d.reason, MAX_DISPOSITION_TEXT)?;
    for (field, v) in [("method", &d.method), ("returned to", &d.returned_to), ("legal basis", &d.legal_basis)] {
        if let Some(v) = v {
            text(field, v, MAX_DISPOSITION_TEXT)?;
        }
    }
    Ok(())
}

/// The date a bundle may be kept until as its events leave it: the `keep_until` of the
/// last `retention_extended` disposition, else the sealer's `restrictions.retention`.
pub fn retention_now<'e>(
    manifest: &crate::manifest::Manifest,
    events: impl IntoIterator<Item = &'e Event>,
) -> Option<Date> {
    let extended = events
        .into_iter()
        .filter_map(|e| e.disposition.as_ref())
        .filter(|d| d.action == DispositionAction::RetentionExtended)
        .filter_map(|d| d.keep_until)
        .last();
    extended.or_else(|| manifest.restrictions.retention.as_ref().and_then(|r| r.keep_until))
}

/// A `retention_extended` disposition extends (spec §5.11): its `keep_until` must be later
/// than the date now in force ([`retention_now`]), so that a typo cannot shorten the
/// retention under the name of an extension. Checked by the writer.
pub fn check_retention_extends(d: &Disposition, now: Option<Date>) -> Result<(), DetailsRefusal> {
    match (d.action, d.keep_until, now) {
        (DispositionAction::RetentionExtended, Some(new), Some(now)) if new <= now => {
            Err(DetailsRefusal::RetentionNotExtended { new, now })
        }
        _ => Ok(()),
    }
}

/// A transfer's conditions, numbered from 1 in the order given.
pub fn number_conditions(conditions: impl IntoIterator<Item = (ConditionKind, String)>) -> Vec<Condition> {
    conditions.into_iter().enumerate().map(|(i, (kind, text))| Condition { id: i as u32 + 1, kind, text }).collect()
}

/// One reason given in a receipt (for an item, a condition or the whole bundle), within
/// [`MAX_REASON_TEXT`].
pub fn check_reason(reason: &str) -> Result<(), DetailsRefusal> {
    text("reason", reason, MAX_REASON_TEXT)
}

/// The details of a receipt: its verification state is one [`VerificationState`] names, and
/// every reason passes [`check_reason`]. The first rule broken, in that order.
pub fn check_receipt(r: &Receipt) -> Result<(), DetailsRefusal> {
    if VerificationState::parse(&r.verification.state).is_none() {
        return Err(DetailsRefusal::VerificationState(r.verification.state.clone()));
    }
    let reasons = r
        .exceptions
        .iter()
        .filter_map(|i| i.reason.as_ref())
        .chain(r.conditions.iter().filter_map(|c| c.reason.as_ref()))
        .chain(&r.reason);
    reasons.into_iter().try_for_each(|v| check_reason(v))
}

/// What a receipt's record must hold beyond its details (§7.3): a decision that agrees with
/// its statuses ([`decision_agrees`]); when it accepts anything, whom the recipient checked
/// ([`ReceiptVerification::missing_trust_members`]); and a record that does not contradict
/// itself ([`ReceiptVerification::contradicts_itself`]). The verifier reports each as its own
/// check; a writer checks the receipt it is about to sign. Returns the rules broken, as
/// words for a message.
pub fn receipt_record_errors(r: &Receipt) -> Vec<&'static str> {
    let mut broken = Vec::new();
    if !r.decision_agrees() {
        broken.push(crate::wording::documents::DECISION_DISAGREES);
    }
    if r.decision.passes_custody() && !r.verification.missing_trust_members().is_empty() {
        broken.push(crate::wording::documents::ACCEPTS_UNCHECKED);
    }
    if r.verification.contradicts_itself() {
        broken.push(crate::wording::documents::RECORD_CONTRADICTS_ITSELF);
    }
    broken
}

/// The tag files an event may add (spec §6.3): the seal its fixed tag files and the sealer's
/// key; a transfer only its recipient's key; a receipt nothing; a `countersign` or
/// `document` its statement and the statement's signature (and its author's key and the
/// statement's attached files: [`files_may_add`]).
pub fn files_event_may_add(ev: &Event) -> BTreeSet<String> {
    files_may_add(ev, None)
}

/// The tag files an event may add (spec §6.3), knowing the statement it carries, if it
/// carries one: [`files_event_may_add`], the statement's author's key file and the files the
/// statement attaches (`custody/attachments/NNNNNN/<name>`, NNNNNN the event's sequence).
pub fn files_may_add(ev: &Event, statement: Option<&Statement>) -> BTreeSet<String> {
    if let Some(s) = ev.statement_ref() {
        let mut files: BTreeSet<String> = [s.statement.clone(), crate::layout::signature_path(&s.statement)].into();
        if let Some(st) = statement {
            files.insert(key_path(&st.author.fingerprint.hex()));
            files.extend(st.attachments().iter().map(|a| crate::layout::attachment_path(ev.sequence, &a.name)));
        }
        return files;
    }
    match (ev.event_type, &ev.transfer) {
        // A derived bundle's seal binds its parent's seal event and key too (§5.13).
        (EventType::Seal, _) => crate::layout::SEAL_BOUND_FILES
            .into_iter()
            .chain(crate::layout::PARENT_FILES)
            .map(str::to_owned)
            .chain([key_path(&ev.signer.fingerprint.hex())])
            .collect(),
        (EventType::Transfer, Some(t)) => [key_path(&t.recipient.fingerprint.hex())].into(),
        _ => BTreeSet::new(),
    }
}

/// Whether no event may bind `path` (spec §6.3): the tag manifest, event documents and
/// their signatures, timestamp tokens and payload files are covered otherwise.
pub fn no_event_may_bind(path: &str) -> bool {
    let event_doc = is_event_document(path.strip_suffix(SIG_SUFFIX).unwrap_or(path));
    path == TAG_MANIFEST_PATH
        || event_doc
        || token_event(path).is_some()
        || is_payload(path)
        || crate::layout::is_derived(path)
}

/// The first of `files` that `ev` may not add: one no event may bind, or one outside
/// [`files_event_may_add`]. What a writer checks before it signs an event.
pub fn first_file_not_allowed<'a>(ev: &Event, files: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    first_file_not_allowed_by(ev, None, files)
}

/// [`first_file_not_allowed`] for an event that carries `statement` ([`files_may_add`]).
pub fn first_file_not_allowed_by<'a>(
    ev: &Event,
    statement: Option<&Statement>,
    files: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let allowed = files_may_add(ev, statement);
    files.into_iter().find(|f| no_event_may_bind(f) || !allowed.contains(*f))
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
            c.reason = Some(crate::wording::documents::BUNDLE_REJECTED.into());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::DerivedCopy;
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
    fn the_decision_follows_from_the_answers_and_the_verifier_agrees() {
        let not = |ids: &[&str]| -> Vec<ItemException> {
            if ids.is_empty() {
                return Vec::new();
            }
            vec![ItemException {
                status: ItemState::Rejected,
                reason: None,
                items: ids.iter().map(|s| s.to_string()).collect(),
            }]
        };
        let cond = |ok: bool| ConditionAnswer { id: 1, accepted: ok, reason: None };
        for (total, named) in [(1, not(&[])), (1, not(&["item-1"])), (2, not(&["item-2"]))] {
            for conditions in [vec![], vec![cond(true)], vec![cond(false)]] {
                let d = decide(total, &named, &conditions);
                assert!(decision_agrees(d, total, &named, &conditions, false), "{d:?}");
                for other in [Decision::Accepted, Decision::AcceptedInPart, Decision::Rejected] {
                    if other != d {
                        assert!(!decision_agrees(other, total, &named, &conditions, false), "{other:?} for {d:?}");
                    }
                }
                // A rejection of the whole bundle, with its reason, agrees whatever is named.
                assert!(decision_agrees(Decision::Rejected, total, &named, &conditions, true));
            }
        }
        assert_eq!(decide(1, &[], &[cond(false)]), Decision::AcceptedInPart);
        // An item named twice counts once: one of two items named twice is not a rejection.
        let twice = [not(&["item-1"]), not(&["item-1"])].concat();
        assert_eq!(decide(2, &twice, &[]), Decision::AcceptedInPart);
        // No items (never a valid receipt: it answers the manifest's items, at least one):
        // "accepted if and only if no item is named and every condition accepted" decides.
        assert_eq!(decide(0, &[], &[]), Decision::Accepted);
        assert_eq!(decide(0, &[], &[cond(false)]), Decision::Rejected);
        let mut answers = vec![cond(true)];
        rejection_refuses_conditions(Decision::Rejected, &mut answers);
        assert!(!answers[0].accepted);
    }

    /// Items with one status and reason share one group, whatever their number: a receipt's
    /// size grows with its distinct reasons and the ids named, not with the bundle.
    #[test]
    fn exceptions_are_grouped_by_status_and_reason() {
        let ids: Vec<String> = (1..=5).map(|i| format!("item-{i}")).collect();
        let groups = group_exceptions([
            (ids[3].as_str(), ItemState::Rejected, Some("not requested")),
            (ids[0].as_str(), ItemState::Missing, None),
            (ids[1].as_str(), ItemState::Rejected, Some("not requested")),
            (ids[4].as_str(), ItemState::Rejected, Some("other")),
        ]);
        let shape: Vec<(ItemState, Option<&str>, usize)> =
            groups.iter().map(|g| (g.status, g.reason.as_deref(), g.items.len())).collect();
        assert_eq!(
            shape,
            [
                (ItemState::Missing, None, 1),
                (ItemState::Rejected, Some("not requested"), 2),
                (ItemState::Rejected, Some("other"), 1)
            ]
        );
        assert_eq!(groups[1].items, ["item-4", "item-2"], "in the order given");
        assert_eq!(decide(5, &groups, &[]), Decision::AcceptedInPart);
    }

    /// At most 32 conditions (spec §5.4): the writer and the verifier refuse a 33rd.
    #[test]
    fn a_transfer_attaches_at_most_32_conditions() {
        let (alice, bob) = (signer(1, "Alice"), signer(2, "Bob"));
        let mut t = transfer_to(&bob);
        t.conditions = number_conditions(vec![(ConditionKind::Other, "x".to_string()); MAX_CONDITIONS]);
        assert_eq!(check_transfer(&t, &alice.fingerprint), Ok(()));
        t.conditions = number_conditions(vec![(ConditionKind::Other, "x".to_string()); MAX_CONDITIONS + 1]);
        let e = check_transfer(&t, &alice.fingerprint).unwrap_err();
        assert_eq!(e.to_string(), "33 conditions; a transfer may attach at most 32");
    }

    fn receipt(decision: Decision, state: &str) -> Receipt {
        Receipt {
            transfer_sequence: 1,
            decision,
            verification: ReceiptVerification {
                state: state.into(),
                failures: Vec::new(),
                trust_list_sha256: None,
                sealer_trusted: Some(false),
                sender_trusted: Some(false),
                tsa_roots_sha256: None,
                tsa_trusted: None,
            },
            items_total: 1,
            exceptions: Vec::new(),
            conditions: Vec::new(),
            reason: None,
        }
    }

    /// The writers build a transfer's details as the verifier checks them: conditions
    /// numbered by `number_conditions` pass; each broken rule is refused with the words the
    /// verifier reports.
    #[test]
    fn a_transfer_as_written_is_one_the_verifier_accepts() {
        let (alice, bob) = (signer(1, "Alice"), signer(2, "Bob"));
        let mut t = transfer_to(&bob);
        t.conditions = number_conditions(vec![(ConditionKind::UseLimitation, "only for C-1".to_string()); 3]);
        assert_eq!(check_transfer(&t, &alice.fingerprint), Ok(()));
        assert_eq!(check_transfer(&t, &bob.fingerprint), Err(DetailsRefusal::OwnKey));
        let mut skipped = t.clone();
        skipped.conditions.remove(1);
        let e = check_transfer(&skipped, &alice.fingerprint).unwrap_err();
        assert_eq!(e.to_string(), "conditions must be numbered 1, 2, ... in order");
        let mut long = t.clone();
        long.legal_basis = Some("x".repeat(MAX_TRANSFER_TEXT + 1));
        let e = check_transfer(&long, &alice.fingerprint).unwrap_err();
        assert_eq!(e.to_string(), format!("legal basis is longer than {MAX_TRANSFER_TEXT} characters"));
        long.legal_basis = Some("x".repeat(MAX_TRANSFER_TEXT));
        long.conditions[0].text = "x".repeat(MAX_CONDITION_TEXT + 1);
        assert!(matches!(check_transfer(&long, &alice.fingerprint), Err(DetailsRefusal::Text(_))));
    }

    /// A receipt as the writer records it passes every rule the verifier applies to one.
    #[test]
    fn a_receipt_as_written_is_one_the_verifier_accepts() {
        let state = |s: VerificationState| s.as_str();
        for s in [VerificationState::Intact, VerificationState::Invalid] {
            assert_eq!(VerificationState::parse(s.as_str()), Some(s));
            let r = receipt(Decision::Accepted, state(s));
            assert_eq!(check_receipt(&r), Ok(()));
            assert!(receipt_record_errors(&r).is_empty());
        }
        let e = check_receipt(&receipt(Decision::Accepted, "fine")).unwrap_err();
        assert_eq!(e.to_string(), "receipt verification state 'fine' is neither intact nor invalid");
        let mut r = receipt(Decision::Accepted, "intact");
        r.reason = Some("x".repeat(MAX_REASON_TEXT + 1));
        assert!(matches!(check_receipt(&r), Err(DetailsRefusal::Text(_))));
        let mut r = receipt(Decision::Rejected, "intact");
        assert_eq!(receipt_record_errors(&r), ["the decision does not agree with the answers"]);
        r.decision = Decision::Accepted;
        r.verification.sealer_trusted = None;
        r.verification.tsa_trusted = Some(true);
        assert_eq!(receipt_record_errors(&r).len(), 2);
    }

    /// What an event may add and what no event may bind never overlap, so a writer that adds
    /// only allowed files never binds a forbidden one.
    #[test]
    fn the_files_an_event_may_add_are_files_an_event_may_bind() {
        let (alice, bob) = (signer(1, "Alice"), signer(2, "Bob"));
        let ev = |event_type: EventType, transfer: Option<Transfer>| Event {
            format: crate::event::EVENT_FORMAT.into(),
            bundle_id: "0123456789abcdef0123456789abcdef".into(),
            sequence: 0,
            event_type,
            previous_event_sha256: None,
            time: crate::time::Timestamp::now(),
            signer: alice.clone(),
            tool: crate::event::Tool::this(),
            files: Vec::new(),
            transfer,
            receipt: None,
            countersign: None,
            document: None,
            examination: None,
            access: None,
            disposition: None,
            derivation: None,
            commitment: None,
        };
        let seal = ev(EventType::Seal, None);
        let allowed = files_event_may_add(&seal);
        // Format 2: bagit.txt, HOW-TO-VERIFY.txt, the manifest and the sealer's key, and in a
        // derived bundle the parent's seal event, its signature and key (§5.13); the derived
        // bag-info.txt and manifest-sha256.txt are bound by no event.
        assert_eq!(allowed.len(), 7);
        assert!(crate::layout::PARENT_FILES.iter().all(|f| allowed.contains(*f)));
        assert!(crate::layout::DERIVED_FILES.iter().all(|f| no_event_may_bind(f)));
        assert!(allowed.iter().all(|f| !no_event_may_bind(f)), "{allowed:?}");
        assert_eq!(first_file_not_allowed(&seal, allowed.iter().map(String::as_str)), None);
        let transfer = ev(EventType::Transfer, Some(transfer_to(&bob)));
        let key = key_path(&bob.fingerprint.hex());
        assert_eq!(first_file_not_allowed(&transfer, [key.as_str()]), None);
        let manifest = crate::layout::MANIFEST_PATH;
        assert_eq!(first_file_not_allowed(&transfer, [manifest]), Some(manifest));
        assert_eq!(first_file_not_allowed(&ev(EventType::Receipt, None), [key.as_str()]), Some(key.as_str()));
        for forbidden in [TAG_MANIFEST_PATH, "data/item-1/x", "custody/events/000001-transfer.json"] {
            assert!(no_event_may_bind(forbidden), "{forbidden}");
        }
    }

    #[test]
    fn a_disposition_has_exactly_the_members_of_its_action() {
        let destroyed = Disposition {
            action: DispositionAction::Destroyed,
            reason: "data-protection rule".into(),
            items: Some(vec!["item-2".into()]),
            method: Some("secure erasure".into()),
            returned_to: None,
            keep_until: None,
            legal_basis: None,
        };
        assert_eq!(check_disposition(&destroyed), Ok(()));
        let member = |d: &Disposition| match check_disposition(d) {
            Err(DetailsRefusal::DispositionMember { member, present, .. }) => Some((member, present)),
            _ => None,
        };
        assert_eq!(member(&Disposition { method: None, ..destroyed.clone() }), Some(("method", false)));
        assert_eq!(
            member(&Disposition { returned_to: Some("X".into()), ..destroyed.clone() }),
            Some(("returned_to", true))
        );
        let returned = Disposition { action: DispositionAction::Returned, method: None, ..destroyed.clone() };
        assert_eq!(member(&returned), Some(("returned_to", false)));
        assert_eq!(check_disposition(&Disposition { returned_to: Some("Example Ltd.".into()), ..returned }), Ok(()));
        let extended = Disposition {
            action: DispositionAction::RetentionExtended,
            method: None,
            keep_until: Some("2031-12-31".parse().unwrap()),
            ..destroyed.clone()
        };
        assert_eq!(member(&extended), Some(("items", true)));
        assert_eq!(check_disposition(&Disposition { items: None, ..extended }), Ok(()));
        for items in [vec![], vec!["item-2".into(), "item-2".into()], vec!["item-02".into()], vec!["x".into()]] {
            let d = Disposition { items: Some(items.clone()), ..destroyed.clone() };
            assert_eq!(check_disposition(&d), Err(DetailsRefusal::DispositionItems), "{items:?}");
        }
        let d = Disposition { reason: "a\u{1b}[2J".into(), ..destroyed };
        assert!(matches!(check_disposition(&d), Err(DetailsRefusal::Text(_))));
    }

    #[test]
    fn only_the_custodian_disposes_and_never_while_a_transfer_is_pending() {
        let (alice, bob) = (signer(1, "Alice"), signer(2, "Bob"));
        let mut chain = Chain::sealed_by(alice.clone());
        assert_eq!(chain.may_record(EventType::Disposition, &alice.fingerprint), Ok(()));
        assert!(matches!(
            chain.may_record(EventType::Disposition, &bob.fingerprint),
            Err(Refusal::NotCustodian { .. })
        ));
        chain.pending = Some((1, transfer_to(&bob)));
        assert!(matches!(
            chain.may_record(EventType::Disposition, &alice.fingerprint),
            Err(Refusal::RecordWhilePending { .. })
        ));
    }

    #[test]
    fn a_derivation_names_one_to_ten_thousand_distinct_items_in_manifest_order() {
        let copy = DerivedCopy {
            bundle_id: "0123456789abcdef0123456789abcdef".into(),
            seal_event_sha256: crate::digest::Sha256Digest([7; 32]),
            items: vec!["item-1".into(), "item-3".into()],
            redacted_files: 1,
        };
        assert_eq!(check_derived_copy(&copy), Ok(()));
        let too_many: Vec<String> = (1..=MAX_DISPOSITION_ITEMS + 1).map(|i| format!("item-{i}")).collect();
        // Manifest order is increasing N, not the order of the ids as text.
        let numeric = DerivedCopy { items: vec!["item-2".into(), "item-10".into()], ..copy.clone() };
        assert_eq!(check_derived_copy(&numeric), Ok(()));
        let swapped = vec!["item-3".into(), "item-1".into()];
        let lexical = vec!["item-10".into(), "item-2".into()];
        for items in
            [vec![], vec!["item-1".into(), "item-1".into()], vec!["item-01".into()], swapped, lexical, too_many]
        {
            let d = DerivedCopy { items, ..copy.clone() };
            assert_eq!(check_derived_copy(&d), Err(DetailsRefusal::DerivationItems));
        }
        let d = DerivedCopy { redacted_files: MAX_DERIVED_REDACTIONS + 1, ..copy.clone() };
        assert_eq!(check_derived_copy(&d), Err(DetailsRefusal::DerivationItems));
        let d = DerivedCopy { bundle_id: "X".into(), ..copy };
        assert_eq!(check_derived_copy(&d), Err(DetailsRefusal::DerivationItems));
        // Recorded by the custodian only, never while a transfer is pending (as a disposition).
        let (alice, bob) = (signer(1, "Alice"), signer(2, "Bob"));
        let mut chain = Chain::sealed_by(alice.clone());
        assert_eq!(chain.may_record(EventType::Derivation, &alice.fingerprint), Ok(()));
        assert!(matches!(chain.may_record(EventType::Derivation, &bob.fingerprint), Err(Refusal::NotCustodian { .. })));
        chain.pending = Some((1, transfer_to(&bob)));
        assert!(matches!(
            chain.may_record(EventType::Derivation, &alice.fingerprint),
            Err(Refusal::RecordWhilePending { .. })
        ));
    }

    #[test]
    fn a_derivation_may_not_carry_an_item_a_disposition_removed() {
        let alice = signer(1, "Alice");
        let disposition = |sequence, action, items: Option<&[&str]>| Event {
            format: crate::event::EVENT_FORMAT.into(),
            bundle_id: "0123456789abcdef0123456789abcdef".into(),
            sequence,
            event_type: EventType::Disposition,
            previous_event_sha256: None,
            time: crate::time::Timestamp::now(),
            signer: alice.clone(),
            tool: crate::event::Tool::this(),
            files: Vec::new(),
            transfer: None,
            receipt: None,
            countersign: None,
            document: None,
            examination: None,
            access: None,
            disposition: Some(Disposition {
                action,
                reason: "r".into(),
                items: items.map(|i| i.iter().map(|s| s.to_string()).collect()),
                method: None,
                returned_to: None,
                keep_until: None,
                legal_basis: None,
            }),
            derivation: None,
            commitment: None,
        };
        let manifest = ["item-1", "item-2", "item-3", "item-4"];
        let events = [
            disposition(1, DispositionAction::Returned, Some(&["item-2"])),
            disposition(2, DispositionAction::RetentionExtended, None),
            disposition(3, DispositionAction::Destroyed, Some(&["item-3", "item-2"])),
        ];
        let removed = removed_by_dispositions(&events, &manifest);
        let got: Vec<_> = removed.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        // The first disposition that removed an item is named; an extension removes nothing.
        assert_eq!(got, [("item-2", (1, DispositionAction::Returned)), ("item-3", (3, DispositionAction::Destroyed))]);
        let items = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(derived_item_removed(&items(&["item-1", "item-4"]), &removed), None);
        assert_eq!(
            derived_item_removed(&items(&["item-1", "item-3", "item-2"]), &removed),
            Some(("item-3", 3, DispositionAction::Destroyed))
        );
        // A disposition without items removes every item left.
        let all = [
            disposition(1, DispositionAction::Returned, Some(&["item-2"])),
            disposition(2, DispositionAction::Destroyed, None),
        ];
        let removed = removed_by_dispositions(&all, &manifest);
        assert_eq!(removed.len(), 4);
        assert_eq!(removed["item-2"], (1, DispositionAction::Returned));
        assert_eq!(
            derived_item_removed(&items(&["item-4"]), &removed),
            Some(("item-4", 2, DispositionAction::Destroyed))
        );
    }

    #[test]
    fn only_items_a_receipt_left_out_of_what_it_accepted_are_withheld_from_onward_transfer() {
        let alice = signer(1, "Alice");
        let group = |status, items: &[&str]| ItemException {
            status,
            reason: None,
            items: items.iter().map(|s| s.to_string()).collect(),
        };
        let receipt = |sequence, decision, exceptions| Event {
            format: crate::event::EVENT_FORMAT.into(),
            bundle_id: "0123456789abcdef0123456789abcdef".into(),
            sequence,
            event_type: EventType::Receipt,
            previous_event_sha256: None,
            time: crate::time::Timestamp::now(),
            signer: alice.clone(),
            tool: crate::event::Tool::this(),
            files: Vec::new(),
            transfer: None,
            receipt: Some(Receipt {
                transfer_sequence: sequence - 1,
                decision,
                verification: ReceiptVerification {
                    state: "intact".into(),
                    failures: Vec::new(),
                    trust_list_sha256: None,
                    sealer_trusted: Some(false),
                    sender_trusted: Some(false),
                    tsa_roots_sha256: None,
                    tsa_trusted: None,
                },
                items_total: 5,
                exceptions,
                conditions: Vec::new(),
                reason: None,
            }),
            countersign: None,
            document: None,
            examination: None,
            access: None,
            disposition: None,
            derivation: None,
            commitment: None,
        };
        let events = [
            receipt(
                2,
                Decision::AcceptedInPart,
                vec![
                    group(ItemState::Missing, &["item-1"]),
                    group(ItemState::HashMismatch, &["item-2"]),
                    group(ItemState::OutOfScope, &["item-3"]),
                ],
            ),
            receipt(4, Decision::AcceptedInPart, vec![group(ItemState::Rejected, &["item-4", "item-3"])]),
            // A whole rejection names every item (§7.3 step 4) but custody stayed with the
            // sender, who may pass them on: it withholds none.
            receipt(
                6,
                Decision::Rejected,
                vec![group(ItemState::Rejected, &["item-5"]), group(ItemState::OutOfScope, &["item-1", "item-2"])],
            ),
        ];
        let withheld = withheld_from_onward_transfer(&events);
        let got: Vec<_> = withheld.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        // The first receipt that withheld an item is named; damage withholds nothing.
        assert_eq!(got, [("item-3", (2, ItemState::OutOfScope)), ("item-4", (4, ItemState::Rejected))]);
    }
}
