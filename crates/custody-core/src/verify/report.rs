//! The report's types: what a verification found, as the JSON report (`custody verify
//! --format json`, `schemas/verify-report.schema.json`) and the text report present it.

use serde::Serialize;

use crate::check::{Check, CheckCode, Level};
use crate::event::{ConditionKind, Decision, EventType, ItemException, Tool};
use crate::keys::Fingerprint;
use crate::manifest::{Manifest, Signer};
use crate::time::Timestamp;

pub use super::derivation::DerivedFrom;

/// The value of `format` in a report.
pub const REPORT_FORMAT: &str = "custody.verify-report/2";

/// The overall verdict (spec §9.2 lists every state in one table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Something failed: the bundle is damaged, altered, incomplete or malformed, or the
    /// file is not a custody bundle at all.
    Invalid,
    /// Everything checks, but a trust list (or TSA roots) was given and a signer (or a TSA) is not in it: who signed,
    /// or when, is not vouched for. The exit policy (`exit::for_state`) gives it status 1.
    NotTrusted,
    /// Everything checks; the signers were not checked against a trust list.
    Intact,
    /// Everything checks, and every signer is in the trust list with the identity it claims.
    Trusted,
}

impl State {
    /// The state as the text report's `State:` line writes it.
    pub fn label(self) -> &'static str {
        super::wording::state_label(self)
    }
}

/// What was verified when it is not the sealed ZIP file itself (spec §9.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ContainerKind {
    /// An unzipped bundle: a folder.
    Directory,
}

/// The container checks that did not apply (spec §9.6): an unzipped bundle has no ZIP
/// container, so the checks of spec §3 on it were not run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ContainerReport {
    /// What was verified.
    pub kind: ContainerKind,
    /// The codes of the ZIP container's own checks, which were not run: they do not apply to
    /// a folder (spec §9.6).
    pub not_applicable: Vec<crate::check::CheckCode>,
    /// In words: the ZIP container itself was not checked, and the sealed evidence is the ZIP file.
    pub note: String,
}

impl ContainerReport {
    /// The report's section for an unzipped bundle (a directory); `refused`: whether the
    /// folder was refused before its files were checked.
    pub fn directory(refused: bool) -> Self {
        ContainerReport {
            kind: ContainerKind::Directory,
            not_applicable: crate::check::CheckCode::container_only().collect(),
            note: if refused {
                super::wording::container_not_checked_refused()
            } else {
                super::wording::container_not_checked()
            },
        }
    }
}

/// A re-zipped bundle's content checks (spec §9.6): the strict reader refused its ZIP
/// container (the report's state is `invalid` for that), and every check of the content was
/// run on its entries read leniently. Whether the evidence and the signatures still hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ContentReport {
    /// Whether the evidence and the signatures still hold: no content check failed but trust
    /// checks (the content's state is not `invalid`).
    pub holds: bool,
    /// The state the content alone would have (spec §9.2).
    pub state: State,
    /// One sentence: whether the evidence and the signatures still hold.
    pub summary: String,
    /// Every content check, in the order emitted.
    pub checks: Vec<Check>,
}

/// A signer as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct SignerReport {
    /// The signer as the events name it.
    #[serde(flatten)]
    pub signer: Signer,
    /// Whether the key is in the trust list; absent when no trust list was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trusted: Option<bool>,
}

/// A custody event as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct EventReport {
    /// Its position in the chain, from 0.
    pub sequence: u64,
    /// Seal, transfer or receipt.
    #[serde(rename = "type")]
    pub event_type: EventType,
    /// The time the signer claims.
    pub time: Timestamp,
    /// The signer's key fingerprint.
    pub signer: Fingerprint,
    /// The signer's name, as the event claims it.
    pub signer_name: String,
    /// One line for people, in English: the English of `facts`.
    pub summary: String,
    /// What the event did, for a reader who words it in another language (`EventFacts`).
    pub facts: super::EventFacts,
    /// The time an RFC 3161 timestamp token vouches for, if the event has a valid one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trusted_time: Option<TrustedTime>,
    /// The tag files this event added and binds (its `files`), besides its own document and signature
    /// (spec §6.3); then its timestamp token, if the bundle holds one: no signature binds a token's
    /// bytes, so it is shown as what it is, a file beside the event.
    pub added_files: Vec<String>,
    /// The statement the event carries (a countersignature, ...), when it could be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statement: Option<StatementReport>,
}

/// A statement as the report shows it (spec §5.7, §9.3): who made it, in what capacity,
/// about which events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct StatementReport {
    /// Its path in the bundle.
    pub path: String,
    /// What kind of statement.
    pub kind: crate::statement::StatementKind,
    /// Who made and signed it.
    pub author: Signer,
    /// In what capacity.
    pub capacity: crate::statement::Capacity,
    /// The sequence numbers of the events it concerns.
    pub concerns: Vec<u64>,
    /// When the author says it was made.
    pub time: Timestamp,
    /// What the author states, if anything.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The language of the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Where it was made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Why the evidence was extracted (an access record).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// The items extracted (an access record; absent: every item).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<String>>,
    /// What document it attaches (a `document` statement): kind, reference, language, date,
    /// title; its files are in `files`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<DocumentReport>,
    /// What was examined and concluded (an `examination` statement); its result files are in
    /// `files`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub examination: Option<ExaminationReport>,
    /// The files it attaches, with their bundle paths (spec §5.8).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<AttachmentReport>,
}

/// An attached document as the report shows it (spec §5.8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct DocumentReport {
    /// What the document is.
    pub kind: crate::statement::DocumentKind,
    /// Its reference.
    pub reference: String,
    /// Its language.
    pub language: String,
    /// The date it bears (`YYYY-MM-DD`).
    pub date: String,
    /// Its title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// An examination as the report shows it (spec §5.9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ExaminationReport {
    /// The items examined.
    pub items: Vec<String>,
    /// The tool used.
    pub tool: crate::event::Tool,
    /// How it was used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameters: Option<String>,
    /// What the examiner concluded.
    pub conclusion: String,
}

/// A file a statement attaches, as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct AttachmentReport {
    /// Its path in the bundle (`custody/attachments/NNNNNN/<name>`).
    pub path: String,
    /// Its media type, if the author gave one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    /// Its SHA-256.
    pub sha256: crate::digest::Sha256Digest,
    /// Its size in bytes.
    pub size: u64,
}

/// An event's trusted time as the verification report shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct TrustedTime {
    /// The token's genTime, RFC 3339 UTC, with its fractional seconds if any.
    pub time: String,
    /// The timestamp authority: its certificate's common name.
    pub tsa: String,
    /// Whether the TSA's certificate chains to one of the TSA roots the verifier was given.
    pub trusted: bool,
    /// Seconds from the event's claimed time to the trusted time (positive: the trusted time
    /// is later, as it should be).
    pub gap_seconds: i64,
}

/// A period during which one party held the bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct CustodyPeriod {
    /// Who held the bundle in this period.
    pub holder: Signer,
    /// When custody began: the seal, or the receipt that accepted the hand-over.
    pub from: Timestamp,
    /// When custody passed on; absent for the current holder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<Timestamp>,
    /// The event that began this period.
    pub began_with: u64,
    /// For a hand-over: why, on what basis, under what conditions, and what was accepted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handover: Option<HandoverReport>,
}

/// A hand-over as the timeline shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct HandoverReport {
    /// The sender: the custodian who signed the transfer.
    pub from: Signer,
    /// The transfer's sequence number.
    pub transfer_sequence: u64,
    /// Why the bundle was handed over.
    pub purpose: String,
    /// The legal basis the transfer names, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<String>,
    /// The request (e.g. an MLA request) the transfer answers, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_reference: Option<String>,
    /// The transfer's conditions, each with the recipient's answer.
    pub conditions: Vec<ConditionReport>,
    /// The receipt's decision.
    pub decision: Decision,
    /// Items the recipient did not accept, grouped by status and reason, as the receipt
    /// names them (a rejection of the whole bundle may name none: its reason covers all).
    pub items_not_accepted: Vec<ItemException>,
}

/// A condition of a hand-over and the recipient's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ConditionReport {
    /// The condition's number in the transfer, from 1.
    pub id: u32,
    /// What kind of condition it is.
    pub kind: ConditionKind,
    /// The condition as the sender wrote it.
    pub text: String,
    /// Whether the recipient accepted it.
    pub accepted: bool,
    /// The recipient's reason, if it gave one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A transfer still waiting for its receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct PendingTransfer {
    /// The transfer's sequence number.
    pub sequence: u64,
    /// The custodian, who signed the transfer.
    pub from: Signer,
    /// The recipient the transfer names.
    pub to: Signer,
    /// The transfer's time.
    pub since: Timestamp,
    /// Why the bundle is handed over.
    pub purpose: String,
}

/// One item of evidence as the report shows it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ItemReport {
    /// The item's id (`item-1`, ...).
    pub id: String,
    /// The input's name at seal time.
    pub label: String,
    /// The human exhibit reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exhibit: Option<String>,
    /// How many files it holds.
    pub files: usize,
    /// How many bytes its files hold.
    pub bytes: u64,
    /// Capture metadata declared by the sealer (absent if none was).
    #[serde(default, skip_serializing_if = "crate::manifest::Capture::is_empty")]
    pub capture: crate::provenance::ItemCapture,
    /// The disposition event that returned or destroyed the item (spec §5.11): its files are
    /// not in the bundle, as that signed record says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disposed_by: Option<u64>,
}

/// Totals of the payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct PayloadReport {
    /// How many items.
    pub items: usize,
    /// How many files.
    pub files: usize,
    /// How many bytes.
    pub bytes: u64,
}

/// The summary the verifier chose ([`Report::summary`]) as the facts the catalogue's sentences
/// are said from: the court report says it in the reader's language, the English is the same
/// sentences filled the same way (`verify::wording`), so the two cannot drift apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SummaryChoice {
    /// One of the `Sentence::Summary*` sentences, with the failed checks it counts (an invalid
    /// bundle's summary, `checks.fails()`), `None` for the others.
    Said { sentence: crate::wording::court_report::Sentence, failed: Option<usize> },
    /// A file that is no custody bundle, and what it appears to be (`Sentence::SummaryNotABundle`).
    NotABundle(super::NotABundle),
    /// An unzipped bundle (spec §9.6): its content's summary, then that its container was not
    /// checked (`refused`: the folder was refused before its files were checked).
    Folder { content: Box<SummaryChoice>, refused: bool },
    /// A re-zipped bundle (spec §9.6) whose content checks hold or not (`Sentence::SummaryRepacked*`).
    Repacked { holds: bool },
}

/// The verification report.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(title = "custody verification report", extend("$id" = "https://custody.invalid/schemas/verify-report.schema.json"))]
pub struct Report {
    /// Always `custody.verify-report/2`.
    pub format: String,
    /// The bundle file as it was named to the verifier.
    pub bundle: String,
    /// The verdict (spec §9.2).
    pub state: State,
    /// One sentence for people.
    pub summary: String,
    /// The summary's sentences and facts as the verifier chose them, for the court report to say
    /// in another language; `None` only where `verify --log` rewords it (English kept). Not serialized.
    #[serde(skip)]
    pub(crate) said: Option<SummaryChoice>,
    /// What the file appears to be when step 1 found it is no custody bundle
    /// (`bundle.not_a_bundle`, whose message says it in English), for the court report to say
    /// in another language. Not serialized.
    #[serde(skip)]
    pub(crate) not_a_bundle: Option<super::NotABundle>,
    /// Present when what was verified is an unzipped bundle (a directory): the container
    /// checks that did not apply, and that the sealed evidence is the ZIP file (spec §9.6).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container: Option<ContainerReport>,
    /// Present when the ZIP container was refused but its entries could be read leniently (a
    /// re-zipped bundle): the content checks, apart from the container's failure (spec §9.6).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<ContentReport>,
    /// The manifest's `bundle_id`, if the manifest was read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bundle_id: Option<String>,
    /// The case reference, if the manifest was read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case_reference: Option<String>,
    /// The case as the signed manifest describes it: file numbers, offences, legal basis,
    /// authorisations, related requests.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case: Option<crate::manifest::Case>,
    /// What the receiver may and may not do with the evidence, as the sealer set it. The
    /// conditions each hand-over added are in `timeline`.
    #[serde(default, skip_serializing_if = "crate::provenance::Restrictions::is_empty")]
    pub restrictions: crate::provenance::Restrictions,
    /// The people and offices the manifest names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<crate::provenance::Actor>,
    /// Declarations and certifications sealed with the manifest (without their file lists).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attestations: Vec<AttestationReport>,
    /// Totals of the payload, if the manifest was read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payload: Option<PayloadReport>,
    /// What the evidence is: each item as the signed manifest describes it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ItemReport>,
    /// Each signer, in order of first appearance among the events.
    pub signers: Vec<SignerReport>,
    /// The custody events, in sequence order.
    pub events: Vec<EventReport>,
    /// Who held the bundle, from when to when, and under what conditions.
    pub timeline: Vec<CustodyPeriod>,
    /// A transfer that has no receipt yet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pending_transfer: Option<PendingTransfer>,
    /// For a derived bundle whose derivation was proven: the original it was derived from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub derived_from: Option<DerivedFrom>,
    /// With `verify DERIVED --parent PARENT` (spec §9.7): the copy checked against its parent,
    /// with its own verdict and checks; none of them changes this bundle's `state`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<super::parent::ParentReport>,
    /// With `verify --log` (spec §6.5, §9.1 step 10c): what the custody log says of this copy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log: Option<super::log::LogReport>,
    /// Every check, in the order emitted.
    pub checks: Vec<Check>,
    /// Whether signers were checked against a trust list.
    pub trust_list_used: bool,
    /// The program that verified the bundle.
    pub verifier: Tool,
    /// When the verification ran (the verifier's clock).
    pub verified_at: Timestamp,
    /// The UTC calendar date the date-based advisories were evaluated at (spec §5.2.9):
    /// today by default, or the date the caller gave.
    pub evaluated_at: crate::provenance::Date,
    /// The manifest as read (for `custody inspect`). The JSON report writes from it only `files`: every payload file
    /// the manifest lists, in manifest order, with its item, path, size, SHA-256 and media type, walked as it is
    /// written (never copied; a bundle of a million files adds no second list). Absent when the manifest was not read.
    #[serde(rename = "files", serialize_with = "files_of", skip_serializing_if = "Option::is_none")]
    #[schemars(
        rename = "files",
        with = "Option<Vec<FileReport>>",
        description = "Every payload file the signed manifest lists, in manifest order, with its item, path, size, SHA-256 and media type; whether it matched is in `checks`. Absent when the manifest could not be read."
    )]
    pub manifest: Option<Manifest>,
    /// Every payload file found damaged (a file of the manifest listed and missing, or a file
    /// not matching its SHA-256 or unreadable), with the first check code that found it:
    /// complete, where `checks` lists at most
    /// [`MAX_CHECKS_PER_CODE`](crate::layout::MAX_CHECKS_PER_CODE) of each code (spec §9.3).
    /// Not part of the JSON report.
    #[serde(skip)]
    #[schemars(skip)]
    pub damaged: std::collections::BTreeMap<String, crate::check::CheckCode>,
    /// Every event document read and parsed, in sequence order, as the verification found it
    /// ([`ChainLink`](super::parent::ChainLink)): what `verify --parent` (spec §9.7) compares,
    /// taken from this pass rather than read again. Not part of the JSON report.
    #[serde(skip)]
    #[schemars(skip)]
    pub links: Vec<super::parent::ChainLink>,
}

/// A payload file as the JSON report lists it (`files`), as the signed manifest describes it;
/// whether it matched is in `checks` (and the text report's damaged items).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct FileReport<'a> {
    /// The item it belongs to (`item-1`, ...).
    pub item: &'a str,
    /// Its path in the bundle (`data/<item id>/...`).
    pub path: &'a str,
    /// Its size in bytes.
    pub size: u64,
    /// Its SHA-256.
    pub sha256: &'a crate::digest::Sha256Digest,
    /// Its media type, as the manifest gives it.
    pub media_type: &'a str,
}

/// The files of `manifest` as the JSON report's `files`: one walk of its items and their
/// files, each written as it is reached.
fn files_of<S: serde::Serializer>(manifest: &Option<Manifest>, s: S) -> Result<S::Ok, S::Error> {
    let items = manifest.iter().flat_map(|m| &m.items);
    s.collect_seq(items.flat_map(|i| {
        i.files.iter().map(move |f| FileReport {
            item: &i.id,
            path: f.path,
            size: f.size,
            sha256: f.sha256,
            media_type: f.media_type,
        })
    }))
}

/// An attestation as the report shows it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AttestationReport {
    /// The attestation's id.
    pub id: String,
    /// A declaration or a certification.
    pub kind: crate::provenance::AttestationKind,
    /// The declarant's actor id and name.
    pub by: String,
    /// The declarant's name.
    pub by_name: String,
    /// When it was declared.
    pub declared_at: Timestamp,
    /// What the declarant states.
    pub statement: String,
    /// The standard it follows, if it names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
    /// The items it concerns.
    pub items: Vec<String>,
    /// How many files it certifies by digest (each checked against the payload).
    pub files: usize,
}

/// The countersignatures of the seal (event 0) among `events` made in one of `capacities`,
/// each with the event that carries it, in the chain's order: the one filter behind every
/// reading of who vouched for the seal (the FRE declarant, the CN record's signature blocks,
/// the advisory of an unwitnessed capture). A countersignature of a later event (a receipt, a
/// document) is no signature of the seal.
pub fn countersignatures_of_seal<'a>(
    events: &'a [EventReport],
    capacities: &'a [crate::statement::Capacity],
) -> impl Iterator<Item = (&'a EventReport, &'a StatementReport)> + 'a {
    events.iter().filter_map(|e| e.statement.as_ref().map(|s| (e, s))).filter(|(_, s)| {
        s.kind == crate::statement::StatementKind::Countersign
            && s.concerns.contains(&0)
            && capacities.contains(&s.capacity)
    })
}

impl Report {
    /// The countersignatures of the seal in one of `capacities` ([`countersignatures_of_seal`]).
    pub fn countersignatures_of_seal<'a>(
        &'a self,
        capacities: &'a [crate::statement::Capacity],
    ) -> impl Iterator<Item = (&'a EventReport, &'a StatementReport)> + 'a {
        countersignatures_of_seal(&self.events, capacities)
    }
}

/// The codes of the failed checks among `checks`, each once, in the order first failed.
pub fn failed_codes<'a>(checks: impl IntoIterator<Item = &'a Check>) -> Vec<CheckCode> {
    let mut failed: Vec<CheckCode> = Vec::new();
    for c in checks.into_iter().filter(|c| c.level == Level::Fail) {
        if !failed.contains(&c.code) {
            failed.push(c.code);
        }
    }
    failed
}

impl ContentReport {
    /// The codes of the content's failed checks, each once, in the order first failed, trust
    /// checks left out: what the summary of content that does not hold names.
    pub fn failed_codes(&self) -> Vec<CheckCode> {
        failed_codes(self.checks.iter().filter(|c| !c.code.is_trust()))
    }
}

impl Report {
    /// Takes in the report of a re-zipped bundle's content checks (spec §9.6): this report
    /// keeps its state (`invalid`, for the container) and its checks (the container's code
    /// first), and gains the content's section and what the content says of the evidence
    /// (the bundle, its items, signers, events and damaged files).
    pub(super) fn adopt_content(&mut self, content: Report) {
        let holds = content.state != State::Invalid;
        let mut adopted = ContentReport { holds, state: content.state, summary: String::new(), checks: content.checks };
        adopted.summary = if holds {
            super::wording::content_holds(content.state.label())
        } else {
            let failed: Vec<&str> = adopted.failed_codes().into_iter().map(CheckCode::as_str).collect();
            super::wording::content_does_not_hold(&failed)
        };
        self.summary = super::wording::summary_repacked(holds);
        self.said = Some(SummaryChoice::Repacked { holds });
        self.content = Some(adopted);
        self.bundle_id = content.bundle_id;
        self.case_reference = content.case_reference;
        self.case = content.case;
        self.restrictions = content.restrictions;
        self.actors = content.actors;
        self.attestations = content.attestations;
        self.payload = content.payload;
        self.items = content.items;
        self.signers = content.signers;
        self.events = content.events;
        self.timeline = content.timeline;
        self.pending_transfer = content.pending_transfer;
        self.derived_from = content.derived_from;
        self.manifest = content.manifest;
        self.damaged = content.damaged;
        self.links = content.links;
        // What the custody log said of the content (`verify --log`): a repacked copy is asked too.
        self.log = content.log;
    }
}

impl Report {
    /// Whether the bundle's signatures vouch for its events, so that a report may show the
    /// latest event as signed rather than as a claim. On an invalid bundle no signature
    /// vouches for anything (anyone can add an event that claims any signer); a ZIP file whose
    /// content checks hold (spec §9.6) had its signatures checked, and they vouch.
    pub fn signatures_vouch(&self) -> bool {
        self.state != State::Invalid || self.content.as_ref().is_some_and(|c| c.holds)
    }

    /// Codes of the failed checks.
    pub fn failures(&self) -> Vec<&str> {
        self.checks.iter().filter(|c| c.level == Level::Fail).map(|c| c.code.as_str()).collect()
    }
}

impl Report {
    /// Writes the report to `out` as the JSON report (pretty, then a line break), every
    /// [`must_escape`](crate::text::must_escape) character written as a `\uXXXX` escape as
    /// [`escape_json`](crate::text::escape_json) does: the same text, made as it is written
    /// rather than held whole (a report of many events is larger than the bundle's tag files,
    /// issue #13.4).
    pub fn write_json(&self, out: impl std::io::Write) -> std::io::Result<()> {
        let mut safe = crate::text::EscapeJson::new(std::io::BufWriter::new(out));
        serde_json::to_writer_pretty(&mut safe, self)?;
        std::io::Write::write_all(&mut safe, b"\n")?;
        safe.finish().map(drop)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use crate::text::EscapeJson;

    #[test]
    fn a_countersignature_of_the_seal_is_one_of_event_0_in_a_capacity_asked() {
        use crate::statement::{Capacity, StatementKind};
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/document-translation.zip");
        let r = crate::verify::verify_path(&path, &Default::default()).expect("the test vectors");
        let base = r.events.iter().find(|e| e.statement.is_some()).cloned().expect("a statement");
        let event = |sequence: u64, kind: StatementKind, concerns: Vec<u64>, capacity: Capacity| {
            let mut e = base.clone();
            e.sequence = sequence;
            if let Some(s) = e.statement.as_mut() {
                s.kind = kind;
                s.concerns = concerns;
                s.capacity = capacity;
            }
            e
        };
        let events = vec![
            event(1, StatementKind::Countersign, vec![0], Capacity::Witness),
            event(2, StatementKind::Countersign, vec![1], Capacity::Witness),
            event(3, StatementKind::Document, vec![0], Capacity::Witness),
            event(4, StatementKind::Countersign, vec![0], Capacity::Translator),
            event(5, StatementKind::Countersign, vec![3, 0], Capacity::Investigator),
        ];
        let asked = [Capacity::Witness, Capacity::Investigator];
        let found: Vec<u64> = super::countersignatures_of_seal(&events, &asked).map(|(e, _)| e.sequence).collect();
        // Not 2 (a later event's), 3 (no countersignature), 4 (a capacity not asked).
        assert_eq!(found, vec![1, 5]);
        assert_eq!(super::countersignatures_of_seal(&events, &[]).count(), 0);
    }

    #[test]
    fn the_json_report_is_escaped_as_it_is_written_as_when_escaped_whole() {
        let value = serde_json::json!({"name": "a\u{1b}[2J\u{202e}b\u{2028}é€😀", "lines": "x\ny\tz"});
        let json = serde_json::to_string_pretty(&value).unwrap();
        let whole = crate::text::lines(&crate::text::escape_json(&json));
        // One byte per write: characters split between writes included.
        let mut out = Vec::new();
        let mut safe = EscapeJson::new(&mut out);
        for b in json.as_bytes() {
            safe.write_all(std::slice::from_ref(b)).unwrap();
        }
        safe.finish().unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), whole);
    }
}
