//! Custody events (`custody/events/NNNNNN-TYPE.json`): the signed, hash-chained record of
//! everything that happened to a bundle, starting with its seal.
//!
//! Event `n` names the SHA-256 of event `n-1`'s stored bytes, so the sequence can only be
//! extended, never edited, reordered or spliced. Each event lists in `files` the tag files it
//! adds to the bundle with their SHA-256; that is how every byte of a bundle comes under some
//! signature (payload files through `manifest-sha256.txt` and the manifest, which the seal
//! event lists). The seal is the first event; transfers and receipts record hand-overs.
//!
//! This module holds the documents and their parsing; who may sign which event, and what a
//! receipt's decision must be, are the custody rules of [`crate::rules`].

use serde::{Deserialize, Serialize};

use crate::digest::Sha256Digest;
use crate::manifest::{BundleId, Signer};
use crate::time::Timestamp;

/// The value of `format` in an event this version writes and reads.
pub const EVENT_FORMAT: &str = "custody.event/2";

/// What kind of event a document records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    /// The bundle was sealed: the first event, and only the first.
    Seal,
    /// The current custodian offers the bundle to a named recipient.
    Transfer,
    /// The recipient of a pending transfer acknowledges it: accepted, in part, or rejected.
    Receipt,
    /// The custodian adds someone's signed countersignature of earlier events (spec §5.7).
    Countersign,
    /// The custodian adds a document someone attached after sealing (spec §5.8).
    Document,
    /// The custodian adds an examiner's record of an examination (spec §5.9).
    Examination,
    /// The custodian adds someone's signed record of an extraction (spec §5.10).
    Access,
    /// The custodian records what became of the evidence: retention extended, returned or
    /// destroyed (spec §5.11).
    Disposition,
    /// The custodian records a derived copy made of the bundle (spec §5.14): which bundle,
    /// which items, how many files redacted.
    Derivation,
}

impl EventType {
    /// The type's name as the format writes it (`seal`, `transfer`, `receipt`).
    pub fn as_str(&self) -> &'static str {
        match self {
            EventType::Seal => "seal",
            EventType::Transfer => "transfer",
            EventType::Receipt => "receipt",
            EventType::Countersign => "countersign",
            EventType::Document => "document",
            EventType::Examination => "examination",
            EventType::Access => "access",
            EventType::Disposition => "disposition",
            EventType::Derivation => "derivation",
        }
    }
}

/// A custody event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "custody event", extend("$id" = "https://custody.invalid/schemas/event.schema.json"))]
pub struct Event {
    /// Always `custody.event/2` for this version of the format.
    #[schemars(regex(pattern = "^custody\\.event/2$"))]
    pub format: String,
    /// The bundle this event belongs to; equals the manifest's `bundle_id`.
    #[schemars(regex(pattern = "^[0-9a-f]{32}$"))]
    pub bundle_id: BundleId,
    /// 0 for the seal, then 1, 2, ... without gaps.
    pub sequence: u64,
    /// What kind of event this is.
    #[serde(rename = "type")]
    pub event_type: EventType,
    /// SHA-256 of the previous event's stored bytes; `null` for the seal. Required.
    #[serde(deserialize_with = "required_nullable")]
    #[schemars(schema_with = "nullable_sha256", required)]
    pub previous_event_sha256: Option<Sha256Digest>,
    /// When the signer says the event happened (the signer's clock, UTC).
    pub time: Timestamp,
    /// Who signed this event.
    pub signer: Signer,
    /// The software that wrote the event.
    pub tool: Tool,
    /// The tag files this event adds to the bundle, with their SHA-256.
    pub files: Vec<FileRef>,
    /// Present exactly when `type` is `transfer`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer: Option<Transfer>,
    /// Present exactly when `type` is `receipt`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt: Option<Receipt>,
    /// Present exactly when `type` is `countersign`: the statement it carries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub countersign: Option<StatementRef>,
    /// Present exactly when `type` is `document`: the statement it carries (spec §5.8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<StatementRef>,
    /// Present exactly when `type` is `examination`: the statement it carries (spec §5.9).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub examination: Option<StatementRef>,
    /// Present exactly when `type` is `access`: the statement it carries (spec §5.10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access: Option<StatementRef>,
    /// Present exactly when `type` is `disposition`: what became of the evidence (spec §5.11).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disposition: Option<Disposition>,
    /// Present exactly when `type` is `derivation`: the derived copy made (spec §5.14).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derivation: Option<DerivedCopy>,
    /// A seal's salted Merkle commitment to the manifest (§5.12); on no other type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commitment: Option<Commitment>,
}

/// The head of a bundle's salted Merkle tree, signed in its seal event (§5.12).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    /// Always `custody.merkle/1`.
    #[schemars(regex(pattern = "^custody\\.merkle/1$"))]
    pub scheme: String,
    /// The number of leaves of the top tree: a power of two from 8 to 2^21.
    pub tree_size: u64,
    /// The tree head (RFC 6962 MTH), 64 lowercase hex digits.
    pub root: Sha256Digest,
}

impl Event {
    /// The statement this event carries, if it is of a statement-carrying type (`countersign`,
    /// `document`, `examination`, `access`): the body member of its type, or the first present
    /// if the event is malformed (the shape check reports that).
    pub fn statement_ref(&self) -> Option<&StatementRef> {
        self.countersign.as_ref().or(self.document.as_ref()).or(self.examination.as_ref()).or(self.access.as_ref())
    }

    /// How many statement-carrying body members the event holds (exactly one for a carrying
    /// event, none for others).
    pub fn statement_bodies(&self) -> usize {
        usize::from(self.countersign.is_some())
            + usize::from(self.document.is_some())
            + usize::from(self.examination.is_some())
            + usize::from(self.access.is_some())
    }
}

/// The body of an event that carries a statement (spec §5.7): where the statement is. The
/// event's `files` bind the statement, its signature and, if new, its author's key file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatementRef {
    /// The statement's path: `custody/statements/NNNNNN-TYPE.json`, NNNNNN this event's
    /// sequence and TYPE its type.
    pub statement: String,
}

/// What became of the evidence (spec §5.11), signed by the custodian: its retention was
/// extended, or the items were returned or destroyed. A return or a destruction removes the
/// items' payload files from the bundle written with the event; the manifest still describes
/// them, so the signed hashes prove what was there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Disposition {
    /// What was done.
    pub action: DispositionAction,
    /// Why (e.g. the data-protection rule or the decision that required it).
    pub reason: String,
    /// The items returned or destroyed (1 to 10,000 distinct manifest item ids); absent:
    /// every item. Never present for `retention_extended`, which concerns the bundle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<String>>,
    /// How the evidence was destroyed (e.g. "secure erasure, NIST SP 800-88 purge"): present
    /// exactly for `destroyed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// To whom the evidence was returned: present exactly for `returned`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returned_to: Option<String>,
    /// The new date until which the evidence may be kept: present exactly for
    /// `retention_extended`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keep_until: Option<crate::provenance::Date>,
    /// The legal basis (instrument and article), if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<String>,
}

impl Disposition {
    /// Whether this disposition removes its items' payload from the bundle (a return or a
    /// destruction).
    pub fn removes_payload(&self) -> bool {
        matches!(self.action, DispositionAction::Returned | DispositionAction::Destroyed)
    }
}

/// A derived copy the custodian made of the bundle (spec §5.14), recorded in the parent by a
/// `derivation` event: it names the derived bundle and what it carries, never the content
/// of a redaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DerivedCopy {
    /// The derived bundle's id (32 lowercase hex digits).
    #[schemars(regex(pattern = "^[0-9a-f]{32}$"))]
    pub bundle_id: BundleId,
    /// The SHA-256 of the derived bundle's seal event as stored.
    pub seal_event_sha256: Sha256Digest,
    /// The items it carries (1 to 10,000 manifest item ids, in manifest order: increasing N).
    #[schemars(length(min = 1, max = 10000), inner(regex(pattern = "^item-[1-9][0-9]{0,8}$")))]
    pub items: Vec<String>,
    /// How many of its files are redacted copies (their paths and content are not recorded).
    #[schemars(range(max = 10000))]
    pub redacted_files: u64,
}

/// What a disposition did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DispositionAction {
    /// The evidence may be kept longer: `keep_until` gives the new date.
    RetentionExtended,
    /// The items were returned (to `returned_to`); their payload is removed from the bundle.
    Returned,
    /// The items were destroyed (by `method`); their payload is removed from the bundle.
    Destroyed,
}

impl DispositionAction {
    /// The action's names as the format writes them, in order.
    pub const NAMES: [&'static str; 3] = ["retention_extended", "returned", "destroyed"];

    /// The action's name as the format writes it.
    pub fn as_str(&self) -> &'static str {
        match self {
            DispositionAction::RetentionExtended => Self::NAMES[0],
            DispositionAction::Returned => Self::NAMES[1],
            DispositionAction::Destroyed => Self::NAMES[2],
        }
    }

    /// Parses an action name (`destroyed`, `retention-extended`, ...).
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().replace(['-', ' '], "_").as_str() {
            "retention_extended" | "extended" => Some(DispositionAction::RetentionExtended),
            "returned" => Some(DispositionAction::Returned),
            "destroyed" => Some(DispositionAction::Destroyed),
            _ => None,
        }
    }
}

/// A hand-over offered by the current custodian to a recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Transfer {
    /// Who is to receive the bundle; only this key may sign the receipt.
    pub recipient: Signer,
    /// Why the bundle is handed over (e.g. "prosecution review", "execution of MLA request").
    pub purpose: String,
    /// The legal basis of the hand-over (instrument and article).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<String>,
    /// The MLA request, EIO or case reference the hand-over answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_reference: Option<String>,
    /// Conditions attached to the hand-over, numbered from 1; the recipient accepts or
    /// refuses each one in its receipt.
    #[serde(default)]
    pub conditions: Vec<Condition>,
}

/// A condition the sender attaches to a hand-over (Budapest Convention art. 28, speciality).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// 1, 2, ... in order.
    pub id: u32,
    /// What the condition restricts.
    pub kind: ConditionKind,
    /// The condition as the sender wrote it.
    pub text: String,
}

/// What a condition restricts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConditionKind {
    /// Use only for the stated purposes or proceedings.
    UseLimitation,
    /// Keep confidential.
    Confidentiality,
    /// No onward transfer, or only with consent.
    OnwardTransfer,
    /// Keep only until a date, or review.
    Retention,
    /// Anything else.
    Other,
}

impl ConditionKind {
    /// The kinds' names as the format writes them, in order.
    pub const NAMES: [&'static str; 5] = ["use_limitation", "confidentiality", "onward_transfer", "retention", "other"];
    const ALL: [ConditionKind; 5] = [
        ConditionKind::UseLimitation,
        ConditionKind::Confidentiality,
        ConditionKind::OnwardTransfer,
        ConditionKind::Retention,
        ConditionKind::Other,
    ];

    /// The kind's name as the format writes it.
    pub fn as_str(&self) -> &'static str {
        Self::NAMES[Self::ALL.iter().position(|k| k == self).unwrap_or(4)]
    }

    /// Parses a kind name (`use`, `use-limitation`, `use_limitation`, ...).
    pub fn parse(s: &str) -> Option<Self> {
        let n = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        let n = match n.as_str() {
            "use" => "use_limitation",
            "onward" => "onward_transfer",
            other => other,
        };
        Self::NAMES.iter().position(|k| *k == n).map(|i| Self::ALL[i])
    }
}

/// The recipient's acknowledgement of a transfer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Receipt {
    /// The sequence number of the transfer this receipt answers (always the event before).
    pub transfer_sequence: u64,
    /// Rejected when no item is accepted; accepted when every item and every condition is;
    /// accepted in part otherwise.
    pub decision: Decision,
    /// What the recipient's own verification found before signing.
    pub verification: ReceiptVerification,
    /// How many items the bundle holds (the manifest's count): every item not named in
    /// `exceptions` is accepted, unless the decision is `rejected`.
    pub items_total: u64,
    /// The items not accepted, grouped by status and reason; each item in one group at
    /// most. Empty when everything is accepted, and in a rejection of the whole bundle
    /// (its `reason` then covers every item not named).
    pub exceptions: Vec<ItemException>,
    /// The answer to every condition of the transfer, in order.
    pub conditions: Vec<ConditionAnswer>,
    /// Why the bundle was rejected or accepted only in part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The outcome of a receipt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Every item accepted, every condition accepted: custody passes to the recipient.
    Accepted,
    /// Some items or conditions not accepted: custody of the accepted items passes.
    AcceptedInPart,
    /// Nothing accepted: custody stays with the sender.
    Rejected,
}

impl Decision {
    /// The decision's name as the format writes it.
    pub fn as_str(&self) -> &'static str {
        match self {
            Decision::Accepted => "accepted",
            Decision::AcceptedInPart => "accepted_in_part",
            Decision::Rejected => "rejected",
        }
    }
}

/// What the recipient's verifier reported of the bundle: the values of
/// [`ReceiptVerification::state`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerificationState {
    /// No integrity check failed.
    Intact,
    /// Some integrity check failed.
    Invalid,
}

impl VerificationState {
    /// The state's name as the format writes it (`intact`, `invalid`).
    pub fn as_str(&self) -> &'static str {
        match self {
            VerificationState::Intact => "intact",
            VerificationState::Invalid => "invalid",
        }
    }

    /// The state a receipt records, or `None` for a value the format does not know.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "intact" => Some(VerificationState::Intact),
            "invalid" => Some(VerificationState::Invalid),
            _ => None,
        }
    }
}

/// What the recipient's verification found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReceiptVerification {
    /// `intact` or `invalid`, as the recipient's verifier reported.
    pub state: String,
    /// The codes of the checks that failed, if any.
    pub failures: Vec<String>,
    /// SHA-256 of the trust list the recipient checked the sealer and sender against; null
    /// when they were not checked (`--accept-untrusted`, or a rejection without a list).
    #[serde(default)]
    pub trust_list_sha256: Option<Sha256Digest>,
    /// Whether the trust list holds the sealer's key with every field of the identity the
    /// bundle claims for it (a fingerprint-only entry vouches for no identity). Required,
    /// like `sender_trusted`, in a receipt that accepts anything; absent only in older
    /// rejections.
    #[serde(default, deserialize_with = "not_null", skip_serializing_if = "Option::is_none")]
    #[schemars(with = "bool")]
    pub sealer_trusted: Option<bool>,
    /// The same for the sender (the signer of the transfer this receipt answers).
    #[serde(default, deserialize_with = "not_null", skip_serializing_if = "Option::is_none")]
    #[schemars(with = "bool")]
    pub sender_trusted: Option<bool>,
    /// SHA-256 of the TSA root certificates (PEM file) the timestamp tokens were checked
    /// against; null when none were given.
    #[serde(default)]
    pub tsa_roots_sha256: Option<Sha256Digest>,
    /// Whether every timestamp token in the bundle chains to those roots; null exactly when
    /// no roots were given.
    #[serde(default)]
    pub tsa_trusted: Option<bool>,
}

/// A member that may be absent but, when present, not null.
fn not_null<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// Items the recipient did not accept, with one status and one reason for them all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemException {
    /// What the recipient says of these items.
    pub status: ItemState,
    /// Why, if the recipient says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The item ids (`item-1`, ...), at least one, in manifest order.
    pub items: Vec<String>,
}

/// The status of an item a receipt does not accept (an item not named is accepted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemState {
    /// A file of the item is not in the bundle.
    Missing,
    /// A file of the item does not match its SHA-256.
    HashMismatch,
    /// Not what was requested.
    OutOfScope,
    /// Refused by the recipient, for the reason given.
    Rejected,
}

impl ItemState {
    /// The status's name as the format writes it.
    pub fn as_str(&self) -> &'static str {
        match self {
            ItemState::Missing => "missing",
            ItemState::HashMismatch => "hash_mismatch",
            ItemState::OutOfScope => "out_of_scope",
            ItemState::Rejected => "rejected",
        }
    }
}

/// The recipient's answer to one condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConditionAnswer {
    /// The condition's number in the transfer.
    pub id: u32,
    /// Whether the recipient accepts it.
    pub accepted: bool,
    /// Why it is refused, if it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Reads a field that must be present but may be `null` (serde otherwise lets an absent
/// `Option` field default to `None`).
fn required_nullable<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    Option::<T>::deserialize(d)
}

fn nullable_sha256(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "description": "SHA-256 of the previous event's stored bytes; null for the seal",
        "anyOf": [
            { "type": "string", "pattern": crate::digest::SHA256_PATTERN },
            { "type": "null" }
        ]
    })
}

/// Software name and version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    /// The software's name.
    pub name: String,
    /// Its version.
    pub version: String,
}

impl Tool {
    /// This library.
    pub fn this() -> Self {
        Tool { name: "custody".into(), version: env!("CARGO_PKG_VERSION").into() }
    }
}

/// A file in the bundle and its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FileRef {
    /// The file's path in the bundle.
    pub path: String,
    /// The SHA-256 of its bytes.
    pub sha256: Sha256Digest,
}
