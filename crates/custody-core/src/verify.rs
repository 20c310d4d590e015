//! Verification: checking a bundle offline and reporting what holds and what does not.
//!
//! Verification never stops at the first problem unless the container itself cannot be read:
//! every check that can run is run, and each result is a [`Check`] with a stable code, a level
//! and a plain message naming the file. The report's [`State`] sums them up:
//! `invalid` (some check failed, or the file is not a custody bundle at all), `not_trusted`
//! (every check passed but a signer or TSA is not in the given trust list or roots), `intact`
//! (every check passed; signers not checked against a trust list) or `trusted` (and every
//! signer is in the given trust list with the identity it claims). No state can show events
//! removed from the end or a fork; every summary says so. Verification reads the bundle and
//! writes nothing.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;

use crate::archive::{Archive, ArchiveError, Entry, EntryDigest, Source};
use crate::bagit::{self, BAGIT_TXT};
use crate::digest::Sha256Digest;
use crate::event::{
    Chain, ConditionKind, Decision, EVENT_FORMAT, Event, EventType, ItemState, ItemStatus, Receipt, Tool, event_path,
};
use crate::keys::{Fingerprint, PublicKeyFile};
use crate::manifest::{MANIFEST_FORMAT, Manifest, Signer};
use crate::seal::{MANIFEST_PATH, PAYLOAD_MANIFEST_PATH, TAG_MANIFEST_PATH};
use crate::time::Timestamp;
use crate::trust::{TrustList, Vouch};

/// The value of `format` in a report.
pub const REPORT_FORMAT: &str = "custody.verify-report/1";
/// The largest tag file (event, key, signature, BagIt text file) a verifier reads.
pub const MAX_TAG_FILE: u64 = 16 * 1024 * 1024;
/// The largest manifest (`custody/manifest.json`, `manifest-sha256.txt`,
/// `tagmanifest-sha256.txt`): these grow with the number of payload files.
pub const MAX_MANIFEST_FILE: u64 = 512 * 1024 * 1024;

/// The size limit for a tag file.
pub fn tag_file_limit(name: &str) -> u64 {
    match name {
        MANIFEST_PATH | PAYLOAD_MANIFEST_PATH | TAG_MANIFEST_PATH => MAX_MANIFEST_FILE,
        _ => MAX_TAG_FILE,
    }
}

/// How bad a check result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Pass,
    Warn,
    Fail,
}

/// The overall verdict (spec §9.2 lists every state in one table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Something failed: the bundle is damaged, altered, incomplete or malformed, or the
    /// file is not a custody bundle at all.
    Invalid,
    /// Everything checks, but a trust list (or `--tsa-roots`) was given and a signer (or a
    /// TSA) is not in it: who signed, or when, is not vouched for. `custody verify` exits 1.
    NotTrusted,
    /// Everything checks; the signers were not checked against a trust list.
    Intact,
    /// Everything checks, and every signer is in the trust list with the identity it claims.
    Trusted,
}

impl State {
    /// The state as the text report's `State:` line writes it.
    pub fn label(self) -> &'static str {
        match self {
            State::Invalid => "INVALID",
            State::NotTrusted => "NOT TRUSTED (intact)",
            State::Intact => "INTACT",
            State::Trusted => "TRUSTED",
        }
    }

    /// Whether `custody verify` succeeds (exit 0) with this state.
    pub fn is_success(self) -> bool {
        matches!(self, State::Intact | State::Trusted)
    }
}

/// One check result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Check {
    /// Stable identifier, `area.what` (e.g. `payload.hash_mismatch`).
    pub code: String,
    pub level: Level,
    /// Plain-language explanation, naming the file.
    pub message: String,
    /// The bundle path the check is about, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

/// A signer as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct SignerReport {
    #[serde(flatten)]
    pub signer: Signer,
    /// Whether the key is in the trust list; absent when no trust list was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trusted: Option<bool>,
}

/// A custody event as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct EventReport {
    pub sequence: u64,
    #[serde(rename = "type")]
    pub event_type: EventType,
    /// The time the signer claims.
    pub time: Timestamp,
    pub signer: Fingerprint,
    pub signer_name: String,
    /// One line for people.
    pub summary: String,
    /// The time an RFC 3161 timestamp token vouches for, if the event has a valid one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trusted_time: Option<crate::timestamp::TrustedTime>,
    /// The tag files this event added and binds (its `files`), besides its own document and
    /// signature (spec §6.3); then its timestamp token, if the bundle holds one: no signature
    /// binds a token's bytes, so it is shown as what it is, a file beside the event.
    pub added_files: Vec<String>,
}

/// A period during which one party held the bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct CustodyPeriod {
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
    pub from: Signer,
    pub transfer_sequence: u64,
    pub purpose: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_reference: Option<String>,
    pub conditions: Vec<ConditionReport>,
    pub decision: Decision,
    /// Items the recipient did not accept, with their status and reason.
    pub items_not_accepted: Vec<ItemStatus>,
}

/// A condition of a hand-over and the recipient's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ConditionReport {
    pub id: u32,
    pub kind: ConditionKind,
    pub text: String,
    pub accepted: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A transfer still waiting for its receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct PendingTransfer {
    pub sequence: u64,
    pub from: Signer,
    pub to: Signer,
    pub since: Timestamp,
    pub purpose: String,
}

/// Builds the custody timeline from the events.
#[derive(Default)]
struct Timeline {
    periods: Vec<CustodyPeriod>,
}

impl Timeline {
    fn seal(&mut self, ev: &Event) {
        self.periods.push(CustodyPeriod {
            holder: ev.signer.clone(),
            from: ev.time,
            until: None,
            began_with: ev.sequence,
            handover: None,
        });
    }

    fn apply(&mut self, ev: &Event, events: &[(String, &Vec<u8>, Event)]) {
        let Some(r) = &ev.receipt else { return };
        if !r.decision.passes_custody() {
            return;
        }
        let Some((_, _, tev)) = event_by_sequence(events, r.transfer_sequence) else { return };
        let Some(t) = &tev.transfer else { return };
        // By id, once: a transfer's conditions and a receipt's answers may both be many.
        let answers: HashMap<_, _> = r.conditions.iter().rev().map(|a| (a.id, a)).collect();
        if let Some(last) = self.periods.last_mut() {
            last.until = Some(ev.time);
        }
        let conditions = t
            .conditions
            .iter()
            .map(|c| {
                let answer = answers.get(&c.id).copied();
                ConditionReport {
                    id: c.id,
                    kind: c.kind,
                    text: c.text.clone(),
                    accepted: answer.is_some_and(|a| a.accepted),
                    reason: answer.and_then(|a| a.reason.clone()),
                }
            })
            .collect();
        self.periods.push(CustodyPeriod {
            holder: ev.signer.clone(),
            from: ev.time,
            until: None,
            began_with: ev.sequence,
            handover: Some(HandoverReport {
                from: tev.signer.clone(),
                transfer_sequence: tev.sequence,
                purpose: t.purpose.clone(),
                legal_basis: t.legal_basis.clone(),
                request_reference: t.request_reference.clone(),
                conditions,
                decision: r.decision,
                items_not_accepted: r.items.iter().filter(|i| i.status != ItemState::Accepted).cloned().collect(),
            }),
        });
    }
}

/// A vocabulary code as words for people (`accepted_in_part` → `accepted in part`): the one
/// mapping the text report and the events' one-line summaries use. JSON keeps the codes.
pub fn words(code: &str) -> String {
    match code {
        "hash_mismatch" => "damaged (does not match its SHA-256)".into(),
        _ => code.replace('_', " "),
    }
}

/// A signer as people read it: name (role in words, organisation, jurisdiction).
pub fn describe_signer(s: &Signer) -> String {
    format!("{} ({}, {}, {})", s.name, words(s.role.as_str()), s.organisation, s.jurisdiction)
}

/// What every receipt is checked against, computed once per bundle: the manifest's item ids
/// in order, and for each item with a damaged file, the first such file.
struct ReceiptContext<'m> {
    item_ids: Vec<&'m str>,
    first_damaged: HashMap<&'m str, &'m str>,
}

impl<'m> ReceiptContext<'m> {
    fn new(m: &'m Manifest, damaged: &BTreeSet<String>) -> Self {
        let mut first_damaged = HashMap::new();
        for item in &m.items {
            if let Some(f) = item.files.iter().find(|f| damaged.contains(&f.path)) {
                first_damaged.entry(item.id.as_str()).or_insert(f.path.as_str());
            }
        }
        ReceiptContext { item_ids: m.items.iter().map(|i| i.id.as_str()).collect(), first_damaged }
    }
}

/// The (first) event with sequence number `seq` among events sorted by sequence: a binary
/// search, so that looking up the transfer of each of n receipts is not quadratic (issue #13.4).
fn event_by_sequence<'e, 'b>(
    events: &'e [(String, &'b Vec<u8>, Event)],
    seq: u64,
) -> Option<&'e (String, &'b Vec<u8>, Event)> {
    let i = events.partition_point(|(_, _, e)| e.sequence < seq);
    events.get(i).filter(|(_, _, e)| e.sequence == seq)
}

/// One line describing an event, for people.
pub fn describe_event(ev: &Event) -> String {
    match (&ev.transfer, &ev.receipt) {
        (Some(t), _) => {
            let mut s = format!("transfer to {} for {:?}", describe_signer(&t.recipient), t.purpose);
            if let Some(r) = &t.request_reference {
                s.push_str(&format!(", request {r}"));
            }
            if !t.conditions.is_empty() {
                s.push_str(&format!(", {} condition(s)", t.conditions.len()));
            }
            s
        }
        (_, Some(r)) => {
            let refused = r.conditions.iter().filter(|c| !c.accepted).count();
            let items = r.items.iter().filter(|i| i.status != ItemState::Accepted).count();
            let mut s = format!("receipt of transfer {}: {}", r.transfer_sequence, words(r.decision.as_str()));
            if let Some(reason) = &r.reason {
                s.push_str(&format!(" ({reason})"));
            }
            if items > 0 {
                s.push_str(&format!(", {items} item(s) not accepted"));
            }
            if refused > 0 {
                s.push_str(&format!(", {refused} condition(s) refused"));
            }
            s
        }
        _ => format!("sealed by {}", describe_signer(&ev.signer)),
    }
}

/// One item of evidence as the report shows it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ItemReport {
    pub id: String,
    /// The input's name at seal time.
    pub label: String,
    /// The human exhibit reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exhibit: Option<String>,
    pub files: usize,
    pub bytes: u64,
    /// Capture metadata declared by the sealer (absent if none was).
    #[serde(default, skip_serializing_if = "crate::manifest::Capture::is_empty")]
    pub capture: crate::manifest::Capture,
}

/// Totals of the payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct PayloadReport {
    pub items: usize,
    pub files: usize,
    pub bytes: u64,
}

/// The verification report.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(title = "custody verification report", extend("$id" = "https://custody.invalid/schemas/verify-report.schema.json"))]
pub struct Report {
    /// Always `custody.verify-report/1`.
    pub format: String,
    /// The bundle file as it was named to the verifier.
    pub bundle: String,
    pub state: State,
    /// One sentence for people.
    pub summary: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bundle_id: Option<String>,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payload: Option<PayloadReport>,
    /// What the evidence is: each item as the signed manifest describes it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ItemReport>,
    pub signers: Vec<SignerReport>,
    pub events: Vec<EventReport>,
    /// Who held the bundle, from when to when, and under what conditions.
    pub timeline: Vec<CustodyPeriod>,
    /// A transfer that has no receipt yet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pending_transfer: Option<PendingTransfer>,
    pub checks: Vec<Check>,
    /// Whether signers were checked against a trust list.
    pub trust_list_used: bool,
    pub verifier: Tool,
    /// When the verification ran (the verifier's clock).
    pub verified_at: Timestamp,
    /// The manifest as read (for `custody inspect`); not part of the JSON report.
    #[serde(skip)]
    #[schemars(skip)]
    pub manifest: Option<Manifest>,
}

/// An attestation as the report shows it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AttestationReport {
    pub id: String,
    pub kind: crate::provenance::AttestationKind,
    /// The declarant's actor id and name.
    pub by: String,
    pub by_name: String,
    pub declared_at: Timestamp,
    pub statement: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
    pub items: Vec<String>,
    /// How many files it certifies by digest (each checked against the payload).
    pub files: usize,
}

impl Report {
    /// Codes of the failed checks.
    pub fn failures(&self) -> Vec<&str> {
        self.checks.iter().filter(|c| c.level == Level::Fail).map(|c| c.code.as_str()).collect()
    }

    /// The items with a damaged file (one a failed check names), each with those files, in
    /// manifest order: what the report names under its verdict.
    pub fn damaged_items(&self) -> Vec<(String, Vec<String>)> {
        let Some(m) = &self.manifest else { return Vec::new() };
        let failed: HashSet<&str> =
            self.checks.iter().filter(|c| c.level == Level::Fail).filter_map(|c| c.path.as_deref()).collect();
        m.items
            .iter()
            .filter_map(|item| {
                let files: Vec<String> =
                    item.files.iter().map(|f| printable(&f.path)).filter(|p| failed.contains(p.as_str())).collect();
                (!files.is_empty()).then(|| (item.id.clone(), files))
            })
            .collect()
    }
}

/// How to verify.
#[derive(Debug, Clone, Default)]
pub struct VerifyOptions {
    /// Check every signer against this list.
    pub trust: Option<TrustList>,
    /// Threads for hashing the payload; 0 means one per CPU.
    pub jobs: usize,
    /// Check everything but the payload digests (for appending events, whose cost must not
    /// grow with the evidence). Reported as a warning; never used for a verdict on evidence.
    pub skip_payload: bool,
    /// Updated while the payload is hashed, for a progress display.
    pub progress: Option<std::sync::Arc<Progress>>,
    /// Trust timestamp tokens whose TSA certificate chains to one of these roots.
    pub tsa_roots: Option<crate::timestamp::TsaRoots>,
    /// Receives each payload file's bytes as they are hashed (extract's single pass).
    pub payload_sink: Option<PayloadSinkRef>,
}

/// The hashing step handed to a [`PayloadSink`]: call it once with the writer that is to
/// receive the entry's bytes; it returns what hashing found.
pub type HashInto<'a> = dyn FnMut(&mut dyn std::io::Write) -> Result<EntryDigest, ArchiveError> + 'a;

/// Receives payload files' bytes while verification hashes them, so that what is written
/// out is exactly what was verified, from the same open file and in the same pass.
/// Called from the hashing threads, one entry at a time per thread.
pub trait PayloadSink: Sync + Send {
    /// Hashes `entry` by calling `hash` exactly once, with the writer its bytes should go to.
    fn take(&self, entry: &Entry, hash: &mut HashInto<'_>) -> Result<EntryDigest, ArchiveError>;
}

/// A shared [`PayloadSink`] in [`VerifyOptions`].
#[derive(Clone)]
pub struct PayloadSinkRef(pub std::sync::Arc<dyn PayloadSink>);

impl std::fmt::Debug for PayloadSinkRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PayloadSink")
    }
}

pub use crate::progress::Progress; // MERGE: re-export, remove after merge

/// A writer that passes bytes on to `W` and counts them into a [`Progress`].
pub struct Counting<'a, W> {
    inner: W,
    progress: Option<&'a Progress>,
}

impl<'a, W: std::io::Write> Counting<'a, W> {
    pub fn new(inner: W, progress: Option<&'a Progress>) -> Self {
        Counting { inner, progress }
    }
}

impl<W: std::io::Write> std::io::Write for Counting<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        if let Some(p) = self.progress {
            p.done.fetch_add(n as u64, Ordering::Relaxed);
        }
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Verification could not run at all (as opposed to finding the bundle invalid).
#[derive(Debug, thiserror::Error)]
#[error("cannot read {path}: {source}")]
pub struct CannotVerify {
    pub path: std::path::PathBuf,
    pub source: std::io::Error,
}

/// Verifies the bundle at `path`, the file as it is. A journal beside it (of an interrupted
/// update, or planted) is never read: it only adds the warning `bundle.journal_pending`.
pub fn verify_path(path: &Path, opts: &VerifyOptions) -> Result<Report, CannotVerify> {
    let cannot = |source| CannotVerify { path: path.into(), source };
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if meta.is_dir() {
        return Err(cannot(std::io::Error::other("it is a directory, not a bundle file")));
    }
    let file = std::fs::File::open(path).map_err(cannot)?;
    let source = crate::archive::FileSource::new(file).map_err(cannot)?;
    let mut report = verify_source(Box::new(source), &path.display().to_string(), opts);
    note_journal(&mut report, path);
    Ok(report)
}

/// Adds to `report` the warning that an interrupted update is pending, if a journal lies
/// beside the bundle at `path`. The journal itself is never read (§8.2).
pub fn note_journal(report: &mut Report, path: &Path) {
    if crate::append::journal_pending(path) {
        report.checks.insert(
            0,
            Check {
                code: "bundle.journal_pending".into(),
                level: Level::Warn,
                message: format!(
                    "an interrupted update is pending: run custody recover {} (this report is of the file as it is; \
                     the journal beside it was not read)",
                    path.display()
                ),
                path: None,
            },
        );
    }
}

/// Verifies a bundle held in any [`Source`] (a file, or bytes in memory).
// Takes the source as `Archive::open` does (callers pass a boxed file or buffer); it is
// borrowed inside so that a refused file can still be examined.
#[allow(clippy::boxed_local)]
pub fn verify_source<S: Source + ?Sized>(source: Box<S>, name: &str, opts: &VerifyOptions) -> Report {
    // Borrowed, so that a file the archive reader refuses can still be told apart from a bundle.
    match Archive::open(Box::new(crate::not_a_bundle::Borrowed(&*source))) {
        Ok(archive) => verify_archive(&archive, name, opts),
        Err(e) => {
            let mut v = Verifier { checks: Vec::new(), report_extra: Extra::default(), unreadable: BTreeSet::new() };
            // Errors another ZIP tool causes on a bundle it re-packed (spec §9.1 step 1).
            use crate::archive::ArchiveError as A;
            let repacked = matches!(
                e,
                A::UnsupportedFlags { .. }
                    | A::UnsupportedExtra { .. }
                    | A::UnsupportedCompression { .. }
                    | A::UnsupportedAttributes { .. }
                    | A::UnsupportedVersion { .. }
                    | A::UnsupportedTime { .. }
            );
            match crate::not_a_bundle::kind_of_unreadable(&*source, repacked) {
                Some(kind) => v.fail(NOT_A_BUNDLE, kind.explain(), None),
                None => v.fail(e.code(), format!("the bundle cannot be read as an archive: {e}"), None),
            }
            v.into_report(name, opts)
        }
    }
}

/// The check code for a file that is not a custody bundle (spec §9.1 step 1).
pub const NOT_A_BUNDLE: &str = "bundle.not_a_bundle";

/// Verifies an archive that is already open (and so already structurally checked).
pub fn verify_archive<S: Source + ?Sized>(archive: &Archive<S>, name: &str, opts: &VerifyOptions) -> Report {
    let mut v = Verifier { checks: Vec::new(), report_extra: Extra::default(), unreadable: BTreeSet::new() };
    if let Some(kind) = crate::not_a_bundle::kind_of_zip(archive.entries().iter().map(|e| e.name.as_str())) {
        v.fail(NOT_A_BUNDLE, kind.explain(), None);
        return v.into_report(name, opts);
    }
    v.pass("archive.structure", format!("the ZIP structure is sound ({} entries)", archive.entries().len()), None);
    v.run(archive, opts);
    v.into_report(name, opts)
}

#[derive(Default)]
struct Extra {
    bundle_id: Option<String>,
    case_reference: Option<String>,
    payload: Option<PayloadReport>,
    items: Vec<ItemReport>,
    manifest: Option<Manifest>,
    signers: Vec<SignerReport>,
    events: Vec<EventReport>,
    timeline: Vec<CustodyPeriod>,
    pending_transfer: Option<PendingTransfer>,
}

struct Verifier {
    checks: Vec<Check>,
    report_extra: Extra,
    /// Tag files present but not readable (already reported): never reported as missing.
    unreadable: BTreeSet<String>,
}

/// manifest-sha256.txt as read: the digest of each listed path, the listed paths already
/// known to be damaged (missing), and where its checks begin in the report.
struct Listing {
    listed: HashMap<String, Sha256Digest>,
    damaged: BTreeSet<String>,
    mark: usize,
}

/// Where a key file lives in a bundle.
fn key_file_path(fp: &Fingerprint) -> String {
    format!("custody/keys/{}.pem", fp.hex())
}

/// The tag files an event may add (spec §6.3): the seal its fixed tag files and the sealer's
/// key; a transfer only its recipient's key; a receipt nothing.
fn files_event_may_add(ev: &Event) -> BTreeSet<String> {
    match (ev.event_type, &ev.transfer) {
        (EventType::Seal, _) => [
            BAGIT_PATH,
            crate::seal::HOW_TO_VERIFY_PATH,
            BAG_INFO_PATH,
            PAYLOAD_MANIFEST_PATH,
            MANIFEST_PATH,
            MANIFEST_SIG_PATH,
        ]
        .into_iter()
        .map(str::to_owned)
        .chain([key_file_path(&ev.signer.fingerprint)])
        .collect(),
        (EventType::Transfer, Some(t)) => [key_file_path(&t.recipient.fingerprint)].into(),
        _ => BTreeSet::new(),
    }
}

fn allowed_description(t: EventType) -> &'static str {
    match t {
        EventType::Seal => {
            "a seal adds only bagit.txt, HOW-TO-VERIFY.txt, bag-info.txt, manifest-sha256.txt, the manifest, its \
             signature and the sealer's key file"
        }
        EventType::Transfer => "a transfer adds only its recipient's key file",
        EventType::Receipt => "a receipt adds no files",
    }
}

const BAGIT_PATH: &str = "bagit.txt";
const BAG_INFO_PATH: &str = "bag-info.txt";
const MANIFEST_SIG_PATH: &str = "custody/manifest.json.sig";

fn is_event_doc(name: &str) -> bool {
    name.starts_with("custody/events/") && name.ends_with(".json")
}

fn is_signature(name: &str) -> bool {
    name.ends_with(".sig")
}

impl Verifier {
    /// Reports a required tag file as missing, unless it is there but was unreadable.
    fn missing(&mut self, code: &str, path: &str, what: String) {
        if !self.unreadable.contains(path) {
            self.fail(code, what, Some(path));
        }
    }

    fn add(&mut self, level: Level, code: &str, message: String, path: Option<&str>) {
        // Messages quote bytes from the bundle: never let them carry terminal escapes,
        // line breaks or text-direction overrides to whoever displays them.
        self.checks.push(Check { code: code.into(), level, message: printable(&message), path: path.map(printable) });
    }
    fn pass(&mut self, code: &str, message: String, path: Option<&str>) {
        self.add(Level::Pass, code, message, path)
    }
    fn warn(&mut self, code: &str, message: String, path: Option<&str>) {
        self.add(Level::Warn, code, message, path)
    }
    fn fail(&mut self, code: &str, message: String, path: Option<&str>) {
        self.add(Level::Fail, code, message, path)
    }
    fn failed_since(&self, mark: usize) -> bool {
        self.checks[mark..].iter().any(|c| c.level == Level::Fail)
    }

    fn run<S: Source + ?Sized>(&mut self, archive: &Archive<S>, opts: &VerifyOptions) {
        let mark = self.checks.len();
        let payload_entries: Vec<&Entry> = archive.entries().iter().filter(|e| e.name.starts_with("data/")).collect();
        let rehash = !opts.skip_payload;
        let jobs = crate::resolve_jobs(opts.jobs);
        let progress = opts.progress.as_deref();
        if let Some(p) = progress.filter(|_| rehash) {
            p.total.store(payload_entries.iter().map(|e| e.size).sum(), Ordering::Relaxed);
        }
        std::thread::scope(|scope| {
            // With more than one job the payload is hashed in the background from the start,
            // while this thread reads and parses the signed documents: the serial part of a
            // verification overlaps with the parallel one. Results are recorded in the same
            // order either way.
            let background = (rehash && jobs > 1).then(|| {
                scope.spawn(|| hash_entries(archive, &payload_entries, jobs, progress, opts.payload_sink.as_ref()))
            });
            // Tag files: everything outside data/. Small, so read whole (with a limit).
            let mut tags: BTreeMap<String, Vec<u8>> = BTreeMap::new();
            for e in archive.entries().iter().filter(|e| !e.name.starts_with("data/")) {
                match archive.read_entry(e, tag_file_limit(&e.name)) {
                    Ok(bytes) => {
                        tags.insert(e.name.clone(), bytes);
                    }
                    Err(err) => {
                        self.unreadable.insert(e.name.clone());
                        self.fail(err.code(), format!("{}: {err}", e.name), Some(&e.name))
                    }
                }
            }
            self.check_bagit_txt(&tags);
            self.check_tag_manifest(&tags);
            let listing = self.check_payload_listing(&payload_entries, &tags);
            // The checks that do not depend on the payload's digests run while it is hashed;
            // the digests' results are then recorded where a serial run would put them.
            let digests_at = self.checks.len();
            self.check_bag_info(&tags, &payload_entries);
            let keys = self.read_keys(&tags);
            let no_listing = HashMap::new();
            let listed = listing.as_ref().map_or(&no_listing, |l| &l.listed);
            let manifest = self.check_manifest(&tags, &keys, listed, &payload_entries);
            let later = self.checks.split_off(digests_at);
            let hashed = match (rehash, background) {
                (false, _) => None,
                (true, Some(h)) => Some(h.join().unwrap_or_else(|_| {
                    payload_entries
                        .iter()
                        .map(|_| Err(ArchiveError::Malformed("internal: a hashing thread failed".into())))
                        .collect()
                })),
                // Without a readable manifest-sha256.txt there is nothing to compare with
                // (already reported); the background hashing above cannot know that yet.
                (true, None) if listing.is_none() => None,
                (true, None) => Some(hash_entries(archive, &payload_entries, 1, progress, opts.payload_sink.as_ref())),
            };
            let damaged = match listing {
                Some(listing) => self.check_payload_digests(&payload_entries, listing, hashed),
                None => BTreeSet::new(),
            };
            self.checks.extend(later);
            let bound = self.check_events(&tags, &keys, manifest.as_ref(), &damaged);
            // Kept for the report (and `custody inspect`): moved, not copied, as it can be large.
            self.report_extra.manifest = manifest;
            self.check_coverage(&tags, &bound);
            self.check_timestamps(&tags, opts.tsa_roots.as_ref());
        });
        if !self.failed_since(mark) && rehash {
            self.pass(
                "bundle.complete",
                "every file in the bundle is listed, hashed and covered by a signature".into(),
                None,
            );
        }
        self.check_trust(opts.trust.as_ref());
    }

    fn check_bagit_txt(&mut self, tags: &BTreeMap<String, Vec<u8>>) {
        match tags.get("bagit.txt") {
            None => self.missing(
                "bagit.missing_tag_file",
                "bagit.txt",
                "bagit.txt is missing: this is not a BagIt bag".into(),
            ),
            Some(b) if b != BAGIT_TXT.as_bytes() => self.fail(
                "bagit.declaration_invalid",
                "bagit.txt is not the BagIt 1.0 declaration this format requires".into(),
                Some("bagit.txt"),
            ),
            Some(_) => self.pass("bagit.declaration", "bagit.txt declares BagIt 1.0, UTF-8".into(), Some("bagit.txt")),
        }
    }

    fn parse_manifest_file(
        &mut self,
        tags: &BTreeMap<String, Vec<u8>>,
        path: &str,
    ) -> Option<Vec<bagit::ManifestLine>> {
        let Some(bytes) = tags.get(path) else {
            self.missing("bagit.missing_tag_file", path, format!("{path} is missing"));
            return None;
        };
        let parsed =
            std::str::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string()).and_then(bagit::parse_manifest);
        match parsed {
            Ok(lines) => {
                let mut seen = BTreeSet::new();
                for l in &lines {
                    if !seen.insert(l.path.as_str()) {
                        self.fail("bagit.manifest_malformed", format!("{path} lists {} twice", l.path), Some(path));
                        return None;
                    }
                }
                Some(lines)
            }
            Err(e) => {
                self.fail("bagit.manifest_malformed", format!("{path} is malformed: {e}"), Some(path));
                None
            }
        }
    }

    fn check_tag_manifest(&mut self, tags: &BTreeMap<String, Vec<u8>>) {
        let Some(lines) = self.parse_manifest_file(tags, TAG_MANIFEST_PATH) else { return };
        let mark = self.checks.len();
        let mut listed = BTreeSet::new();
        for l in &lines {
            listed.insert(l.path.as_str());
            if l.path == TAG_MANIFEST_PATH || l.path.starts_with("data/") {
                self.fail(
                    "bagit.manifest_malformed",
                    format!("{TAG_MANIFEST_PATH} lists {}, which is not a tag file it may list", l.path),
                    Some(TAG_MANIFEST_PATH),
                );
                continue;
            }
            match tags.get(&l.path) {
                None => self.missing(
                    "bagit.tag_file_missing",
                    &l.path,
                    format!("{} is listed in {TAG_MANIFEST_PATH} but is not in the bundle", l.path),
                ),
                Some(b) if Sha256Digest::of(b) != l.sha256 => self.fail(
                    "bagit.tag_hash_mismatch",
                    format!("{} does not match its SHA-256 in {TAG_MANIFEST_PATH}: it was changed", l.path),
                    Some(&l.path),
                ),
                Some(_) => {}
            }
        }
        for name in tags.keys() {
            if name != TAG_MANIFEST_PATH && !listed.contains(name.as_str()) {
                self.fail(
                    "archive.unlisted_file",
                    format!("{name} is in the bundle but not listed in {TAG_MANIFEST_PATH}: it was added"),
                    Some(name),
                );
            }
        }
        if !self.failed_since(mark) {
            self.pass("bagit.tag_files", format!("{} tag files match {TAG_MANIFEST_PATH}", lines.len()), None);
        }
    }

    /// Reads manifest-sha256.txt and reports the files it lists that are not in the bundle
    /// (`None` if it cannot be read, which is reported).
    fn check_payload_listing(&mut self, entries: &[&Entry], tags: &BTreeMap<String, Vec<u8>>) -> Option<Listing> {
        let lines = self.parse_manifest_file(tags, PAYLOAD_MANIFEST_PATH)?;
        let mark = self.checks.len();
        for path in lines.iter().map(|l| l.path.as_str()).filter(|p| !p.starts_with("data/")) {
            self.fail(
                "bagit.manifest_malformed",
                format!("{PAYLOAD_MANIFEST_PATH} lists {path}, which is outside data/"),
                Some(PAYLOAD_MANIFEST_PATH),
            );
        }
        let listed: HashMap<String, Sha256Digest> = lines.into_iter().map(|l| (l.path, l.sha256)).collect();
        let present: HashSet<&str> = entries.iter().map(|e| e.name.as_str()).collect();
        let mut missing: Vec<&String> =
            listed.keys().filter(|p| p.starts_with("data/") && !present.contains(p.as_str())).collect();
        missing.sort();
        let mut damaged = BTreeSet::new();
        for p in missing {
            damaged.insert(p.clone());
            self.fail(
                "payload.missing",
                format!("{p} is listed in {PAYLOAD_MANIFEST_PATH} but missing from the bundle"),
                Some(p),
            );
        }
        Some(Listing { listed, damaged, mark })
    }

    /// Compares the payload files' digests (`hashed`, in the order of `entries`; `None` when
    /// the payload is not re-hashed) with manifest-sha256.txt. Returns the listed paths that
    /// are missing or do not match.
    fn check_payload_digests(
        &mut self,
        entries: &[&Entry],
        listing: Listing,
        hashed: Option<Vec<Result<EntryDigest, ArchiveError>>>,
    ) -> BTreeSet<String> {
        let Listing { listed, mut damaged, mark } = listing;
        let skip = hashed.is_none();
        let results: Vec<Option<Result<EntryDigest, ArchiveError>>> = match hashed {
            Some(results) => results.into_iter().map(Some).collect(),
            None => {
                self.warn(
                    "payload.not_checked",
                    "the payload digests were not recomputed in this check (custody documents only)".into(),
                    None,
                );
                entries.iter().map(|_| None).collect()
            }
        };
        let mut bytes = 0;
        for (e, result) in entries.iter().zip(results) {
            let Some(expected) = listed.get(&e.name) else {
                self.fail(
                    "archive.unlisted_file",
                    format!("{} is in the payload but not listed in {PAYLOAD_MANIFEST_PATH}: it was added", e.name),
                    Some(&e.name),
                );
                continue;
            };
            bytes += e.size;
            let Some(result) = result else { continue };
            match result {
                Ok(d) => {
                    if Sha256Digest(d.sha256) != *expected || !d.crc_ok {
                        damaged.insert(e.name.clone());
                    }
                    if Sha256Digest(d.sha256) != *expected {
                        self.fail(
                            "payload.hash_mismatch",
                            format!(
                                "{}: its SHA-256 does not match {PAYLOAD_MANIFEST_PATH}: the file was changed",
                                e.name
                            ),
                            Some(&e.name),
                        );
                    }
                    if !d.crc_ok {
                        self.fail(
                            "archive.crc_mismatch",
                            format!(
                                "{}: the data does not match the ZIP CRC-32: the archive was damaged or edited",
                                e.name
                            ),
                            Some(&e.name),
                        );
                    }
                }
                Err(err) => {
                    damaged.insert(e.name.clone());
                    self.fail(err.code(), format!("{}: {err}", e.name), Some(&e.name))
                }
            }
        }
        if !self.failed_since(mark) && !skip {
            self.pass(
                "payload.verified",
                format!(
                    "{} payload files ({bytes} bytes) all match their SHA-256 in {PAYLOAD_MANIFEST_PATH}",
                    entries.len()
                ),
                None,
            );
        }
        damaged
    }

    fn check_bag_info(&mut self, tags: &BTreeMap<String, Vec<u8>>, entries: &[&Entry]) {
        let Some(bytes) = tags.get("bag-info.txt") else {
            self.missing("bagit.missing_tag_file", "bag-info.txt", "bag-info.txt is missing".into());
            return;
        };
        let fields = std::str::from_utf8(bytes).map_err(|_| "not UTF-8".to_string()).and_then(bagit::parse_bag_info);
        let fields = match fields {
            Ok(f) => f,
            Err(e) => {
                self.fail("bagit.bag_info_invalid", format!("bag-info.txt is malformed: {e}"), Some("bag-info.txt"));
                return;
            }
        };
        let oxum = format!("{}.{}", entries.iter().map(|e| e.size).sum::<u64>(), entries.len());
        match fields.iter().find(|(k, _)| k == "Payload-Oxum") {
            Some((_, v)) if *v == oxum => {}
            Some((_, v)) => self.fail(
                "bagit.payload_oxum_mismatch",
                format!("bag-info.txt says Payload-Oxum {v}, but the payload is {oxum} (bytes.files)"),
                Some("bag-info.txt"),
            ),
            None => {
                self.fail("bagit.bag_info_invalid", "bag-info.txt has no Payload-Oxum".into(), Some("bag-info.txt"))
            }
        }
    }

    fn read_keys(&mut self, tags: &BTreeMap<String, Vec<u8>>) -> HashMap<Fingerprint, PublicKeyFile> {
        let mut keys = HashMap::new();
        for (name, bytes) in tags.range("custody/keys/".to_string()..) {
            if !name.starts_with("custody/keys/") {
                break;
            }
            let parsed = std::str::from_utf8(bytes)
                .map_err(|_| "not UTF-8 text".to_string())
                .and_then(|t| PublicKeyFile::from_file_text(t).map_err(|e| e.to_string()));
            match parsed {
                Ok(k) if k.identity.is_none() => self.fail(
                    "key.invalid",
                    format!("{name} does not name its holder (no identity lines before the PEM block)"),
                    Some(name),
                ),
                Ok(k) => {
                    let fp = k.key.fingerprint();
                    if *name != format!("custody/keys/{}.pem", fp.hex()) {
                        self.fail(
                            "key.invalid",
                            format!("{name} holds the key {fp}, which does not match its file name"),
                            Some(name),
                        );
                    } else {
                        keys.insert(fp, k);
                    }
                }
                Err(e) => self.fail("key.invalid", format!("{name} is not a usable public key: {e}"), Some(name)),
            }
        }
        self.check_duplicate_identities(&keys);
        keys
    }

    /// Two keys claiming one person (spec §4.3): not forbidden (people get new keys), but the
    /// reader must know which key signed what, so it is a warning.
    fn check_duplicate_identities(&mut self, keys: &HashMap<Fingerprint, PublicKeyFile>) {
        let fold = crate::names::identity_key;
        let mut by_person: BTreeMap<(String, String), Vec<(String, &PublicKeyFile)>> = BTreeMap::new();
        for (fp, k) in keys {
            if let Some(id) = &k.identity {
                by_person.entry((fold(&id.name), fold(&id.organisation))).or_default().push((fp.hex(), k));
            }
        }
        for mut same in by_person.into_values().filter(|v| v.len() > 1) {
            same.sort_by(|a, b| a.0.cmp(&b.0));
            let files: Vec<String> = same.iter().map(|(hex, _)| format!("custody/keys/{hex}.pem")).collect();
            let who = same[0].1.identity.as_ref().map(|i| i.describe()).unwrap_or_default();
            self.warn(
                "key.duplicate_identity",
                format!(
                    "{} keys in this bundle claim to be {who} ({}): check with that person or office which key \
                     is theirs before relying on what each key signed",
                    same.len(),
                    files.join(", ")
                ),
                Some(&files[1]),
            );
        }
    }

    /// Checks a detached signature `path.sig` over `bytes` by `signer`.
    fn check_signature(
        &mut self,
        tags: &BTreeMap<String, Vec<u8>>,
        keys: &HashMap<Fingerprint, PublicKeyFile>,
        path: &str,
        bytes: &[u8],
        signer: &Signer,
    ) -> bool {
        let sig_path = format!("{path}.sig");
        let Some(sig) = tags.get(&sig_path) else {
            self.missing("signature.missing", &sig_path, format!("{path} has no signature ({sig_path} is missing)"));
            return false;
        };
        let Some(key) = keys.get(&signer.fingerprint) else {
            self.fail(
                "key.missing",
                format!("{path} is signed by {}, whose public key is not in custody/keys/", signer.fingerprint),
                Some(path),
            );
            return false;
        };
        if let Some(id) = &key.identity
            && *id != signer.identity()
        {
            self.fail(
                "signature.signer_mismatch",
                format!(
                    "{path} names its signer as {}, but the bundled key file says {}",
                    signer.identity().describe(),
                    id.describe()
                ),
                Some(path),
            );
        }
        if sig.len() != 64 || !key.key.verify(bytes, sig) {
            self.fail(
                "signature.invalid",
                format!(
                    "the signature on {path} does not verify with {}'s key: the document or its signature was altered",
                    signer.name
                ),
                Some(path),
            );
            return false;
        }
        true
    }

    fn check_manifest(
        &mut self,
        tags: &BTreeMap<String, Vec<u8>>,
        keys: &HashMap<Fingerprint, PublicKeyFile>,
        payload_listed: &HashMap<String, Sha256Digest>,
        entries: &[&Entry],
    ) -> Option<Manifest> {
        let Some(bytes) = tags.get(MANIFEST_PATH) else {
            self.missing("manifest.missing", MANIFEST_PATH, format!("{MANIFEST_PATH} is missing"));
            return None;
        };
        let manifest: Manifest = match parse_document(bytes) {
            Ok(m) => m,
            Err(e) => {
                self.fail(
                    "manifest.invalid",
                    format!("{MANIFEST_PATH} does not follow the manifest schema: {e}"),
                    Some(MANIFEST_PATH),
                );
                return None;
            }
        };
        if let Err(e) = validate_manifest(&manifest) {
            self.fail("manifest.invalid", format!("{MANIFEST_PATH}: {e}"), Some(MANIFEST_PATH));
            return None;
        }
        for a in crate::provenance::advisories(&manifest) {
            self.warn(a.code, printable(&a.message), Some(MANIFEST_PATH));
        }
        if self.check_signature(tags, keys, MANIFEST_PATH, bytes, &manifest.sealer) {
            self.pass(
                "signature.valid",
                format!("{MANIFEST_PATH} is signed by {} ({})", manifest.sealer.name, manifest.sealer.fingerprint),
                Some(MANIFEST_PATH),
            );
        }
        // The manifest and the BagIt manifest must describe the same payload (unless the BagIt
        // manifest could not be read, which is already reported).
        let mark = self.checks.len();
        let cross_check = !self.unreadable.contains(PAYLOAD_MANIFEST_PATH);
        let sizes: HashMap<&str, u64> = entries.iter().map(|e| (e.name.as_str(), e.size)).collect();
        let mut described = BTreeSet::new();
        for f in manifest.items.iter().flat_map(|i| &i.files).filter(|_| cross_check) {
            described.insert(f.path.as_str());
            if payload_listed.get(&f.path) != Some(&f.sha256) {
                self.fail(
                    "manifest.payload_mismatch",
                    format!("{MANIFEST_PATH} and {PAYLOAD_MANIFEST_PATH} disagree about {}", f.path),
                    Some(&f.path),
                );
            } else if sizes.get(f.path.as_str()).is_some_and(|s| *s != f.size) {
                self.fail(
                    "manifest.payload_mismatch",
                    format!(
                        "{} is {} bytes in the bundle, but {MANIFEST_PATH} records {}",
                        f.path,
                        sizes[f.path.as_str()],
                        f.size
                    ),
                    Some(&f.path),
                );
            }
        }
        for p in payload_listed.keys().filter(|p| !described.contains(p.as_str())) {
            self.fail(
                "manifest.payload_mismatch",
                format!("{p} is in {PAYLOAD_MANIFEST_PATH} but not described in {MANIFEST_PATH}"),
                Some(p),
            );
        }
        if let Some(info) = tags.get("bag-info.txt").and_then(|b| std::str::from_utf8(b).ok()) {
            let fields = bagit::parse_bag_info(info).unwrap_or_default();
            let value = |label: &str| fields.iter().find(|(k, _)| k == label).map(|(_, v)| v.clone());
            for (label, expected) in [
                ("External-Identifier", bagit::bag_info_value(&manifest.case.reference)),
                ("Internal-Sender-Identifier", manifest.bundle_id.clone()),
            ] {
                let found = value(label);
                if found.as_deref() != Some(expected.as_str()) {
                    self.fail(
                        "bagit.bag_info_mismatch",
                        format!(
                            "bag-info.txt {label} is {:?}, but the manifest says {expected:?}",
                            found.unwrap_or_else(|| "absent".into())
                        ),
                        Some("bag-info.txt"),
                    );
                }
            }
        }
        if !self.failed_since(mark) {
            self.pass(
                "manifest.valid",
                format!("{MANIFEST_PATH} is well formed and describes exactly the payload"),
                Some(MANIFEST_PATH),
            );
        }
        let actor_names: HashMap<&str, &str> =
            manifest.actors.iter().rev().map(|x| (x.id.as_str(), x.name.as_str())).collect();
        for a in &manifest.attestations {
            let by = actor_names.get(a.by.as_str()).copied().unwrap_or(a.by.as_str());
            self.pass(
                "attestation.valid",
                format!(
                    "attestation '{}' ({}) by {} concerns {} and the digests it certifies ({} file(s)) match the payload",
                    a.id,
                    a.kind,
                    by,
                    a.items.join(", "),
                    a.files.len()
                ),
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
            })
            .collect();
        e.payload = Some(PayloadReport {
            items: manifest.items.len(),
            files: manifest.items.iter().map(|i| i.files.len()).sum(),
            bytes: manifest.items.iter().flat_map(|i| &i.files).fold(0u64, |a, f| a.saturating_add(f.size)),
        });
        Some(manifest)
    }

    /// Checks the event chain; returns the set of files the events bind.
    fn check_events(
        &mut self,
        tags: &BTreeMap<String, Vec<u8>>,
        keys: &HashMap<Fingerprint, PublicKeyFile>,
        manifest: Option<&Manifest>,
        damaged: &BTreeSet<String>,
    ) -> BTreeSet<String> {
        let mut bound = BTreeSet::new();
        let mark = self.checks.len();
        let mut events: Vec<(String, &Vec<u8>, Event)> = Vec::new();
        for (name, bytes) in tags.iter().filter(|(n, _)| is_event_doc(n)) {
            match parse_document::<Event>(bytes) {
                Ok(ev) => match event_shape_error(&ev, name) {
                    Some(why) => self.fail("event.invalid", format!("{name}: {why}"), Some(name)),
                    None => events.push((name.clone(), bytes, ev)),
                },
                Err(e) => {
                    self.fail("event.invalid", format!("{name} does not follow the event schema: {e}"), Some(name))
                }
            }
        }
        events.sort_by_key(|(_, _, e)| e.sequence);
        // What receipts are checked against, computed once rather than per receipt.
        let receipt_context = manifest.map(|m| ReceiptContext::new(m, damaged));
        let mut signers_seen = BTreeSet::new();
        if events.is_empty() && !self.failed_since(mark) {
            self.fail("event.missing", "the bundle has no custody events: it was never sealed".into(), None);
        }
        let mut chain: Option<Chain> = None;
        let mut timeline = Timeline::default();
        let mut prev: Option<(&str, Sha256Digest, Timestamp)> = None;
        for (i, (name, bytes, ev)) in events.iter().enumerate() {
            let name = name.as_str();
            if ev.sequence != i as u64 {
                self.fail(
                    "event.sequence_gap",
                    format!(
                        "{name} is event {} but event {i} was expected: an event is missing or duplicated",
                        ev.sequence
                    ),
                    Some(name),
                );
            }
            if let Some(m) = manifest
                && ev.bundle_id != m.bundle_id
            {
                self.fail(
                    "event.wrong_bundle",
                    format!(
                        "{name} belongs to bundle {}, not to this bundle ({}): it was copied from another bundle",
                        ev.bundle_id, m.bundle_id
                    ),
                    Some(name),
                );
            }
            match (&prev, ev.previous_event_sha256) {
                (None, None) => {}
                (Some((_, phash, _)), Some(claimed)) if claimed == *phash => {}
                (Some((pname, _, _)), _) => self.fail(
                    "event.chain_broken",
                    format!("{name} does not name the SHA-256 of the event before it ({pname}): the chain was altered"),
                    Some(name),
                ),
                (None, Some(_)) => self.fail(
                    "event.chain_broken",
                    format!("{name} is the first event but names a previous event"),
                    Some(name),
                ),
            }
            if let Some((pname, _, ptime)) = &prev
                && ev.time < *ptime
            {
                self.fail(
                    "event.time_backwards",
                    format!("{name} claims {}, earlier than {pname} ({ptime})", ev.time),
                    Some(name),
                );
            }
            // Who may sign what.
            match (&mut chain, ev.event_type) {
                (None, EventType::Seal) => {
                    if let Some(m) = manifest {
                        if ev.signer != m.sealer {
                            self.fail(
                                "event.not_entitled",
                                format!(
                                    "{name} is signed by {}, but the manifest names {} as the sealer",
                                    ev.signer.fingerprint, m.sealer.fingerprint
                                ),
                                Some(name),
                            );
                        }
                        for item in &m.items {
                            if item.capture.captured_at.is_some_and(|c| c > ev.time) {
                                self.warn(
                                    "manifest.capture_after_seal",
                                    format!(
                                        "{} says it was captured after the bundle was sealed ({}): a clock is wrong",
                                        item.id, ev.time
                                    ),
                                    Some(MANIFEST_PATH),
                                );
                            }
                        }
                    }
                    for required in [MANIFEST_PATH, PAYLOAD_MANIFEST_PATH] {
                        if !ev.files.iter().any(|f| f.path == required) {
                            self.fail("event.file_mismatch", format!("{name} does not bind {required}"), Some(name));
                        }
                    }
                    chain = Some(Chain::sealed_by(ev.signer.clone()));
                    timeline.seal(ev);
                }
                (None, _) => {
                    self.fail("event.not_entitled", format!("{name}: the first event must be the seal"), Some(name));
                    chain = Some(Chain::sealed_by(ev.signer.clone()));
                }
                (Some(c), _) => {
                    if let Err(v) = c.apply(ev) {
                        self.fail(v.code, format!("{name}: {}", v.message), Some(name));
                    }
                    if let Some(t) = &ev.transfer
                        && let Some(k) = keys.get(&t.recipient.fingerprint)
                        && k.identity.as_ref() != Some(&t.recipient.identity())
                    {
                        self.fail(
                            "event.recipient_mismatch",
                            format!("{name} names its recipient as {}, but the bundled key file for that key says otherwise", t.recipient.identity().describe()),
                            Some(name),
                        );
                    }
                    if let (Some(r), Some(ctx)) = (&ev.receipt, &receipt_context) {
                        self.check_receipt(name, r, ctx, &events);
                    }
                    timeline.apply(ev, &events);
                }
            }
            let allowed = files_event_may_add(ev);
            for f in &ev.files {
                let bad = |why: &str| format!("{name} binds {} but {why}", f.path);
                let event_doc = is_event_doc(f.path.strip_suffix(".sig").unwrap_or(&f.path));
                let token = crate::timestamp::token_event(&f.path).is_some();
                if f.path == TAG_MANIFEST_PATH || event_doc || token || f.path.starts_with("data/") {
                    self.fail("event.file_mismatch", bad("an event may not bind that file"), Some(name));
                    continue;
                }
                if !allowed.contains(&f.path) {
                    self.fail(
                        "event.unexpected_file",
                        format!(
                            "{name} adds {}, which a {} event may not add ({}): a file was smuggled into the \
                             bundle beside the evidence; do not use it, and ask the sender",
                            f.path,
                            ev.event_type.as_str(),
                            allowed_description(ev.event_type),
                        ),
                        Some(&f.path),
                    );
                }
                if !bound.insert(f.path.clone()) {
                    self.fail("event.file_mismatch", bad("another event already binds it"), Some(name));
                } else {
                    match tags.get(&f.path) {
                        None => self.missing("event.file_mismatch", &f.path, bad("it is not in the bundle")),
                        Some(b) if Sha256Digest::of(b) != f.sha256 => self.fail(
                            "event.file_mismatch",
                            bad("its SHA-256 differs: the file was changed"),
                            Some(&f.path),
                        ),
                        Some(_) => {}
                    }
                }
            }
            if let Some(t) = &ev.transfer {
                let key_path = key_file_path(&t.recipient.fingerprint);
                if !bound.contains(&key_path) {
                    self.fail(
                        "event.recipient_key_missing",
                        format!(
                            "{name} hands the bundle to {} but does not add their key file {key_path}, and no \
                             earlier event did: the recipient's receipt could never be checked",
                            t.recipient.identity().describe()
                        ),
                        Some(name),
                    );
                }
            }
            if self.check_signature(tags, keys, name, bytes, &ev.signer) {
                self.pass(
                    "signature.valid",
                    format!("{name} is signed by {} ({})", ev.signer.name, ev.signer.fingerprint),
                    Some(name),
                );
            }
            self.report_extra.events.push(EventReport {
                sequence: ev.sequence,
                event_type: ev.event_type,
                time: ev.time,
                signer: ev.signer.fingerprint,
                signer_name: ev.signer.name.clone(),
                summary: describe_event(ev),
                trusted_time: None,
                added_files: ev.files.iter().map(|f| printable(&f.path)).collect(),
            });
            if signers_seen.insert(ev.signer.fingerprint) {
                self.report_extra.signers.push(SignerReport { signer: ev.signer.clone(), trusted: None });
            }
            prev = Some((name, Sha256Digest::of(bytes), ev.time));
        }
        // Signatures on events are bound by being signatures of bound documents.
        for (name, _, _) in &events {
            bound.insert(format!("{name}.sig"));
        }
        if let Some(c) = &chain
            && let Some((seq, t)) = &c.pending
        {
            self.warn(
                "custody.transfer_pending",
                format!(
                    "the transfer of event {seq} to {} has no receipt yet: {} still holds the bundle",
                    t.recipient.identity().describe(),
                    c.custodian.name
                ),
                None,
            );
        }
        if !self.failed_since(mark) && !events.is_empty() {
            self.pass("event.chain", format!("{} custody events form an unbroken, signed chain", events.len()), None);
        }
        self.report_extra.timeline = timeline.periods;
        self.report_extra.pending_transfer = chain.as_ref().and_then(|c| {
            c.pending.as_ref().map(|(seq, t)| PendingTransfer {
                sequence: *seq,
                from: c.custodian.clone(),
                to: t.recipient.clone(),
                since: event_by_sequence(&events, *seq).map(|(_, _, e)| e.time).unwrap_or_else(Timestamp::now),
                purpose: t.purpose.clone(),
            })
        });
        bound
    }

    /// A receipt must answer every item and condition, and may not accept what is damaged.
    fn check_receipt(&mut self, name: &str, r: &Receipt, ctx: &ReceiptContext, events: &[(String, &Vec<u8>, Event)]) {
        let item_ids = &ctx.item_ids;
        let answered: Vec<&str> = r.items.iter().map(|i| i.item.as_str()).collect();
        if &answered != item_ids {
            self.fail(
                "receipt.invalid",
                format!(
                    "{name} must give a status for every item in manifest order ({}), but gives {}",
                    item_ids.join(", "),
                    answered.join(", ")
                ),
                Some(name),
            );
        }
        let conditions = event_by_sequence(events, r.transfer_sequence)
            .and_then(|(_, _, t)| t.transfer.as_ref())
            .map(|t| t.conditions.iter().map(|c| c.id).collect::<Vec<_>>())
            .unwrap_or_default();
        if r.conditions.iter().map(|c| c.id).collect::<Vec<_>>() != conditions {
            self.fail(
                "receipt.invalid",
                format!("{name} must accept or refuse each condition of the transfer, in order"),
                Some(name),
            );
        }
        let all_items = r.items.iter().all(|i| i.status == ItemState::Accepted);
        let any_item = r.items.iter().any(|i| i.status == ItemState::Accepted);
        let all_conditions = r.conditions.iter().all(|c| c.accepted);
        let consistent = match r.decision {
            Decision::Accepted => all_items && all_conditions,
            Decision::AcceptedInPart => any_item && !(all_items && all_conditions),
            Decision::Rejected => !any_item,
        };
        if !consistent {
            self.fail(
                "receipt.invalid",
                format!(
                    "{name}: the decision '{}' does not agree with its item and condition statuses",
                    r.decision.as_str()
                ),
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
            self.fail(
                "receipt.invalid",
                format!(
                    "{name}: the sealer and the sender are the same key ({a}), but the receipt records it as \
                     trusted once and not trusted once"
                ),
                Some(name),
            );
        }
        if r.decision != Decision::Rejected && (v.sealer_trusted == Some(false) || v.sender_trusted == Some(false)) {
            let who: Vec<&str> = [("sealer", v.sealer_trusted), ("sender", v.sender_trusted)]
                .into_iter()
                .filter(|(_, t)| *t == Some(false))
                .map(|(w, _)| w)
                .collect();
            self.warn(
                "receipt.accepted_untrusted",
                format!(
                    "{name} accepts the bundle although the recipient's trust list did not vouch for its {} \
                     (accepted with --accept-untrusted): that identity is only the bundle's claim",
                    who.join(" and ")
                ),
                Some(name),
            );
        }
        for st in r.items.iter().filter(|i| i.status == ItemState::Accepted) {
            if let Some(path) = ctx.first_damaged.get(st.item.as_str()) {
                self.fail(
                    "receipt.accepts_damaged_item",
                    format!(
                        "{} is damaged: its file {path} is missing or does not match its SHA-256, yet {name} records \
                         it as accepted. custody's `receive` never accepts a damaged item, so the file was most \
                         likely changed after that receipt was signed: the bundle was altered, not wrongly accepted",
                        st.item
                    ),
                    Some(name),
                );
            }
        }
    }

    /// A receipt that accepts anything records whether the recipient checked who sealed and
    /// who sent the bundle (spec 5.5): without that, an acceptance says nothing about identity.
    fn check_receipt_trust(&mut self, name: &str, r: &Receipt) {
        let v = &r.verification;
        let missing = v.missing_trust_members();
        if r.decision != Decision::Rejected && !missing.is_empty() {
            self.fail(
                "receipt.trust_unrecorded",
                format!(
                    "{name} accepts the bundle but does not record whether its sealer and sender were checked \
                     against a trust list (missing: {})",
                    missing.join(", ")
                ),
                Some(name),
            );
        }
        if v.contradicts_itself() {
            self.fail(
                "receipt.invalid",
                format!(
                    "{name}: its verification record contradicts itself (a party trusted without a trust list, \
                     or tsa_trusted not null exactly when no TSA roots were given)"
                ),
                Some(name),
            );
        }
    }

    fn check_coverage(&mut self, tags: &BTreeMap<String, Vec<u8>>, bound: &BTreeSet<String>) {
        for name in tags.keys() {
            // Timestamp tokens are bound by no event (they are checked in check_timestamps).
            if name == TAG_MANIFEST_PATH
                || is_event_doc(name)
                || bound.contains(name)
                || crate::timestamp::token_event(name).is_some()
            {
                continue;
            }
            let why = if is_signature(name) {
                "a signature of nothing the bundle signs"
            } else {
                "no custody event binds it"
            };
            self.fail(
                "custody.unsigned_file",
                format!("{name} is not covered by any signature ({why}): it was added after sealing"),
                Some(name),
            );
        }
    }

    /// RFC 3161 tokens beside events: each checked, and each event's trusted time reported.
    fn check_timestamps(&mut self, tags: &BTreeMap<String, Vec<u8>>, roots: Option<&crate::timestamp::TsaRoots>) {
        let events: Vec<(String, Timestamp)> =
            self.report_extra.events.iter().map(|e| (event_path(e.sequence, e.event_type), e.time)).collect();
        let (checks, mut times) = crate::timestamp::check_tokens(tags, &events, roots);
        for (level, code, message, path) in checks {
            self.add(level, code, message, path.as_deref());
        }
        for e in &mut self.report_extra.events {
            let path = event_path(e.sequence, e.event_type);
            e.trusted_time = times.remove(&path);
            let token = format!("{path}.sig.tst");
            if tags.contains_key(&token) {
                e.added_files.push(token);
            }
        }
    }

    fn check_trust(&mut self, trust: Option<&TrustList>) {
        let Some(list) = trust else { return };
        let mut results = Vec::new();
        for s in &mut self.report_extra.signers {
            let fp = s.signer.fingerprint;
            let (trusted, level, code, msg) = match list.vouch(&fp, &s.signer.identity()) {
                Vouch::Trusted => (
                    true,
                    Level::Pass,
                    "trust.signer_trusted",
                    format!("{} ({fp}) is in the trust list", s.signer.name),
                ),
                Vouch::Unknown => (
                    false,
                    Level::Fail,
                    "trust.signer_unknown",
                    format!("{} ({fp}) is not in the trust list", s.signer.identity().describe()),
                ),
                Vouch::IdentityUnlisted => (
                    false,
                    Level::Fail,
                    "trust.identity_unlisted",
                    format!(
                        "key {fp} is in the trust list without a full identity (name, organisation, role, \
                         jurisdiction), so it vouches for no one; the bundle says it is {}. If you know that is \
                         who holds it, add the missing fields to that line of the trust list",
                        s.signer.identity().describe()
                    ),
                ),
                Vouch::Mismatch(diffs) => (
                    false,
                    Level::Fail,
                    "trust.identity_mismatch",
                    format!(
                        "key {fp} is in the trust list, but the bundle claims a different identity: {}",
                        diffs.join("; ")
                    ),
                ),
            };
            s.trusted = Some(trusted);
            results.push((level, code, msg));
        }
        for (level, code, msg) in results {
            self.add(level, code, msg, None);
        }
    }

    fn into_report(self, name: &str, opts: &VerifyOptions) -> Report {
        let integrity_failed = self.checks.iter().any(|c| c.level == Level::Fail && !is_trust_code(&c.code));
        let trust_failed = self.checks.iter().any(|c| c.level == Level::Fail && is_trust_code(&c.code));
        let tsa_untrusted = self.checks.iter().any(|c| c.level == Level::Fail && c.code == "timestamp.untrusted_root");
        let e = self.report_extra;
        let state = if integrity_failed {
            State::Invalid
        } else if trust_failed || (opts.trust.is_some() && e.signers.is_empty()) {
            State::NotTrusted
        } else if opts.trust.is_some() {
            State::Trusted
        } else {
            State::Intact
        };
        let not_a_bundle = self.checks.iter().find(|c| c.code == NOT_A_BUNDLE).map(|c| c.message.as_str());
        let failed = self.checks.iter().filter(|c| c.level == Level::Fail).count();
        let signer_untrusted = self.checks.iter().any(|c| c.level == Level::Fail && c.code.starts_with("trust."));
        let summary = summary(state, failed, not_a_bundle, signer_untrusted, tsa_untrusted);
        let mut report = Report {
            format: REPORT_FORMAT.into(),
            bundle: name.into(),
            state,
            summary,
            bundle_id: e.bundle_id,
            case_reference: e.case_reference,
            case: e.manifest.as_ref().map(|m| m.case.clone()),
            restrictions: e.manifest.as_ref().map(|m| m.restrictions.clone()).unwrap_or_default(),
            actors: e.manifest.as_ref().map(|m| m.actors.clone()).unwrap_or_default(),
            attestations: e
                .manifest
                .as_ref()
                .map(|m| {
                    let actor_names: HashMap<&str, &str> =
                        m.actors.iter().rev().map(|x| (x.id.as_str(), x.name.as_str())).collect();
                    m.attestations
                        .iter()
                        .map(|a| AttestationReport {
                            id: a.id.clone(),
                            kind: a.kind,
                            by: a.by.clone(),
                            by_name: actor_names.get(a.by.as_str()).map(|n| n.to_string()).unwrap_or_default(),
                            declared_at: a.declared_at,
                            statement: a.statement.clone(),
                            standard: a.standard.clone(),
                            items: a.items.clone(),
                            files: a.files.len(),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            payload: e.payload,
            items: e.items,
            signers: e.signers,
            events: e.events,
            timeline: e.timeline,
            pending_transfer: e.pending_transfer,
            checks: self.checks,
            trust_list_used: opts.trust.is_some(),
            verifier: Tool::this(),
            verified_at: Timestamp::now(),
            manifest: e.manifest,
        };
        // The summary promises a list of damaged files only when there is one.
        if report.state == State::Invalid && not_a_bundle_absent(&report) && report.damaged_items().is_empty() {
            report.summary = format!(
                "INVALID: {failed} check(s) failed. Do not rely on this bundle as it is; the failed checks are \
                 listed below."
            );
        }
        report
    }
}

/// Whether no check says the file is not a bundle at all.
fn not_a_bundle_absent(r: &Report) -> bool {
    !r.checks.iter().any(|c| c.code == NOT_A_BUNDLE)
}

/// What a verifier cannot see: events removed from the end, or a fork. Every summary of a
/// bundle that checks says it (spec §9.2, §12).
pub const TRUNCATION_LIMIT: &str = "Removing the last custody events, or a copy that a former custodian continued \
     separately (a fork), leaves no trace: confirm the latest event below with the sender.";

/// The truncation limit as `inspect` tells it (its report lists the custody periods, not the
/// latest event).
pub const TRUNCATION_LIMIT_INSPECT: &str = "Removing the last custody events, or a copy that a former custodian \
     continued separately (a fork), leaves no trace: confirm the last custody period below with the sender.";

/// The one sentence under the state, for people: what the state means and what to do.
fn summary(state: State, failed: usize, not_a_bundle: Option<&str>, signer: bool, tsa: bool) -> String {
    match state {
        State::Invalid => match not_a_bundle {
            Some(why) => format!("INVALID: {why}"),
            None => format!(
                "INVALID: {failed} check(s) failed. Do not rely on this bundle as it is; the damaged files and the \
                 failed checks are listed below."
            ),
        },
        State::NotTrusted => {
            let who = match (signer, tsa) {
                (_, false) => {
                    "at least one signer is not in your trust list with the identity it claims, so who \
                               signed is not vouched for"
                }
                (false, true) => {
                    "a timestamp comes from a TSA whose root is not in --tsa-roots, so its time is not \
                                  vouched for"
                }
                (true, true) => {
                    "at least one signer is not in your trust list with the identity it claims, and a \
                                 timestamp comes from a TSA whose root is not in --tsa-roots"
                }
            };
            format!(
                "NOT TRUSTED (intact): the files match what was signed, but {who}. Check the key with its holder \
                 before relying on it. {TRUNCATION_LIMIT}"
            )
        }
        State::Intact => format!(
            "INTACT: every file matches what was signed and the custody events form an unbroken signed chain. The \
             signers' keys were not checked against a trust list (use --trust FILE). {TRUNCATION_LIMIT}"
        ),
        State::Trusted => format!(
            "TRUSTED: every file matches what was signed, the custody events form an unbroken signed chain, and \
             every signer is in your trust list. {TRUNCATION_LIMIT}"
        ),
    }
}

/// The value of `format` in an inspection (`custody inspect --format json`).
pub const INSPECT_FORMAT: &str = "custody.inspect/1";

/// What a bundle says about itself, read without re-hashing the payload: the whole signed
/// manifest, the custody timeline, and the checks of everything but the payload digests.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(title = "custody bundle inspection", extend("$id" = "https://custody.invalid/schemas/inspect.schema.json"))]
pub struct Inspection {
    /// Always `custody.inspect/1`.
    pub format: String,
    pub bundle: String,
    /// The state from every check except the payload digests: `intact` here means the
    /// signatures, the chain and the structure hold; only `custody verify` recomputes the
    /// evidence's digests.
    pub state: State,
    pub summary: String,
    /// The signed manifest, absent if it could not be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manifest: Option<Manifest>,
    pub timeline: Vec<CustodyPeriod>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pending_transfer: Option<PendingTransfer>,
    /// Failed checks and warnings (passed checks are left out).
    pub problems: Vec<Check>,
    pub verifier: Tool,
}

/// Reads what the bundle at `path` says without re-hashing its payload.
pub fn inspect_path(path: &Path) -> Result<Inspection, CannotVerify> {
    let opts = VerifyOptions { skip_payload: true, ..VerifyOptions::default() };
    let r = verify_path(path, &opts)?;
    let not_a_bundle = r.checks.iter().find(|c| c.code == NOT_A_BUNDLE);
    let summary = match r.state {
        State::Invalid if not_a_bundle.is_some() => {
            format!("INVALID: {}", not_a_bundle.map_or("", |c| c.message.as_str()))
        }
        State::Invalid => format!(
            "INVALID: {} check(s) failed even without re-hashing the evidence. Run custody verify for the full report.",
            r.checks.iter().filter(|c| c.level == Level::Fail).count()
        ),
        _ => format!(
            "Signatures, custody chain and structure are intact. The evidence itself was NOT re-hashed: run \
             custody verify before relying on it. {TRUNCATION_LIMIT_INSPECT}"
        ),
    };
    Ok(Inspection {
        format: INSPECT_FORMAT.into(),
        bundle: r.bundle,
        state: r.state,
        summary,
        manifest: r.manifest,
        timeline: r.timeline,
        pending_transfer: r.pending_transfer,
        problems: r.checks.into_iter().filter(|c| c.level != Level::Pass && c.code != "payload.not_checked").collect(),
        verifier: Tool::this(),
    })
}

/// Whether a failed check is about whom the verifier relies on (a signer missing from the
/// trust list, a TSA outside `--tsa-roots`) rather than about the bundle's integrity: such a
/// failure leaves the bundle `intact`, not `invalid`, and `custody verify` exits 1.
pub fn is_trust_code(code: &str) -> bool {
    code.starts_with("trust.") || code == "timestamp.untrusted_root"
}

/// Why an event document is malformed beyond its schema, if it is.
fn event_shape_error(ev: &Event, name: &str) -> Option<String> {
    if ev.format != EVENT_FORMAT {
        return Some(format!("format is '{}', not {EVENT_FORMAT}", ev.format));
    }
    if name != event_path(ev.sequence, ev.event_type) {
        return Some(format!(
            "records event {} of type {}, which belongs in {}",
            ev.sequence,
            ev.event_type.as_str(),
            event_path(ev.sequence, ev.event_type)
        ));
    }
    let body_ok = match ev.event_type {
        EventType::Seal => ev.transfer.is_none() && ev.receipt.is_none(),
        EventType::Transfer => ev.transfer.is_some() && ev.receipt.is_none(),
        EventType::Receipt => ev.transfer.is_none() && ev.receipt.is_some(),
    };
    if !body_ok {
        return Some(format!("a {} event must carry exactly its own details", ev.event_type.as_str()));
    }
    if ev.bundle_id.len() != 32 || !ev.bundle_id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return Some("bundle_id is not 32 lowercase hex digits".into());
    }
    if let Err(e) = ev.signer.identity().validate() {
        return Some(format!("signer: {e}"));
    }
    if let Some(f) = ev.files.iter().find(|f| crate::archive::check_name(&f.path).is_err()) {
        return Some(format!("binds '{}', which is not a safe path", f.path));
    }
    let text =
        |field: &'static str, v: &str, max: usize| crate::keys::check_text(field, v, max).err().map(|e| e.to_string());
    if let Some(t) = &ev.transfer {
        if let Err(e) = t.recipient.identity().validate() {
            return Some(format!("recipient: {e}"));
        }
        if t.conditions.iter().enumerate().any(|(i, c)| c.id as usize != i + 1) {
            return Some("conditions must be numbered 1, 2, ... in order".into());
        }
        if t.recipient.fingerprint == ev.signer.fingerprint {
            return Some("a transfer to the signer's own key".into());
        }
        let fields = [
            ("purpose", Some(&t.purpose), 1000),
            ("legal basis", t.legal_basis.as_ref(), 1000),
            ("request reference", t.request_reference.as_ref(), 1000),
        ];
        for (field, v, max) in fields {
            if let Some(e) = v.and_then(|v| text(field, v, max)) {
                return Some(e);
            }
        }
        if let Some(e) = t.conditions.iter().find_map(|c| text("condition", &c.text, 4000)) {
            return Some(e);
        }
    }
    if let Some(r) = &ev.receipt {
        if r.verification.state != "intact" && r.verification.state != "invalid" {
            return Some(format!(
                "receipt verification state '{}' is neither intact nor invalid",
                r.verification.state
            ));
        }
        let reasons = r
            .items
            .iter()
            .filter_map(|i| i.reason.as_ref())
            .chain(r.conditions.iter().filter_map(|c| c.reason.as_ref()))
            .chain(&r.reason);
        if let Some(e) = reasons.into_iter().find_map(|v| text("reason", v, 4000)) {
            return Some(e);
        }
    }
    None
}

/// The one rule for what text from a bundle may not reach a reader raw (spec §9.1): C0 and
/// C1 control characters and DEL (terminal escapes, line breaks), text-direction controls
/// (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), and the line and paragraph
/// separators U+2028 and U+2029 (which some viewers show as new lines).
pub fn must_escape(c: char) -> bool {
    c.is_control() || crate::keys::is_bidi_control(c) || c == '\u{2028}' || c == '\u{2029}'
}

/// Text with every [`must_escape`] character shown as an escape (`\u{1b}`), safe to print on
/// a terminal or in a report.
pub fn printable(s: &str) -> String {
    if !s.chars().any(must_escape) {
        return s.to_owned();
    }
    s.chars().map(|c| if must_escape(c) { c.escape_unicode().to_string() } else { c.to_string() }).collect()
}

/// JSON text (as serde_json writes it) with every [`must_escape`] character still raw in it
/// written as a `\uXXXX` escape: the same JSON value, safe to show. Such characters can stand
/// only inside strings, where the escape means the same character.
pub fn escape_json(json: &str) -> String {
    if !json.chars().any(must_escape) {
        return json.to_owned();
    }
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if must_escape(c) && !matches!(c, '\n' | '\t' | '\r') {
            // Every character must_escape selects is in the Basic Multilingual Plane.
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Parses a signed JSON document strictly: typed, with unknown or repeated members
/// rejected, and, because serde's derived types also accept an object written as an array
/// of its values, with every array checked to stand where the document type has an array.
pub fn parse_document<T: serde::de::DeserializeOwned + Serialize>(bytes: &[u8]) -> Result<T, String> {
    let typed: T = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    let written: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    let canonical = serde_json::to_value(&typed).map_err(|e| e.to_string())?;
    if !same_shape(&written, &canonical) {
        return Err("an object is written as an array (a document must have one reading)".into());
    }
    Ok(typed)
}

/// Members whose type is an object that writers leave out when it is empty.
const OBJECTS_OMITTED_WHEN_EMPTY: &[&str] = &["capture", "restrictions", "scope", "contact", "environment"];

/// Whether every array in `written` stands where `canonical` (the same document
/// re-serialised from its type) has an array.
fn same_shape(written: &serde_json::Value, canonical: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (written, canonical) {
        (Value::Object(a), Value::Object(b)) => a.iter().all(|(k, v)| match b.get(k) {
            Some(w) => same_shape(v, w),
            // A member the type leaves out when empty: written empty, it is an empty list
            // (`"actors": []`), unless the member is an object (then `[]` would be an
            // object written as an array); a non-empty array would not have been left out.
            None => match v {
                Value::Array(items) => items.is_empty() && !OBJECTS_OMITTED_WHEN_EMPTY.contains(&k.as_str()),
                _ => true,
            },
        }),
        (Value::Array(a), Value::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_shape(x, y)),
        (Value::Array(_), _) => false,
        (Value::Object(_), _) => false,
        _ => true,
    }
}

/// Semantic rules of a manifest beyond its schema.
pub fn validate_manifest(m: &Manifest) -> Result<(), String> {
    if m.format != MANIFEST_FORMAT {
        return Err(format!("format is '{}', not {MANIFEST_FORMAT}", m.format));
    }
    if m.bundle_id.len() != 32 || !m.bundle_id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return Err("bundle_id is not 32 lowercase hex digits".into());
    }
    m.sealer.identity().validate().map_err(|e| format!("sealer: {e}"))?;
    crate::keys::check_text("case reference", &m.case.reference, 256).map_err(|e| e.to_string())?;
    if m.items.is_empty() {
        return Err("no items".into());
    }
    let mut paths = BTreeSet::new();
    for (i, item) in m.items.iter().enumerate() {
        if item.id != format!("item-{}", i + 1) {
            return Err(format!("item {} has id '{}', expected 'item-{}'", i + 1, item.id, i + 1));
        }
        if item.files.is_empty() {
            return Err(format!("{} has no files", item.id));
        }
        let prefix = format!("data/{}/", item.id);
        for f in &item.files {
            if !f.path.starts_with(&prefix) || crate::archive::check_name(&f.path).is_err() {
                return Err(format!("{}: file path '{}' is not a safe path under {prefix}", item.id, f.path));
            }
            if !paths.insert(f.path.as_str()) {
                return Err(format!("{} is described twice", f.path));
            }
        }
    }
    crate::provenance::check(m)
}

/// Hashes entries on `jobs` threads (at least one), largest first; results in the order of
/// `entries`.
fn hash_entries<S: Source + ?Sized>(
    archive: &Archive<S>,
    entries: &[&Entry],
    jobs: usize,
    progress: Option<&Progress>,
    sink: Option<&PayloadSinkRef>,
) -> Vec<Result<EntryDigest, ArchiveError>> {
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(entries[i].size));
    let results: Vec<Mutex<Option<Result<EntryDigest, ArchiveError>>>> =
        entries.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let work = || {
        loop {
            let k = next.fetch_add(1, Ordering::Relaxed);
            let Some(&i) = order.get(k) else { break };
            let r = match sink {
                None => archive.hash_entry(entries[i], &mut Counting::new(std::io::sink(), progress)),
                Some(s) => {
                    s.0.take(entries[i], &mut |w| archive.hash_entry(entries[i], &mut Counting::new(w, progress)))
                }
            };
            if let Ok(mut slot) = results[i].lock() {
                *slot = Some(r);
            }
        }
    };
    let threads = jobs.min(entries.len()).max(1);
    if threads == 1 {
        work();
    } else {
        std::thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(work);
            }
        });
    }
    results
        .into_iter()
        .map(|m| {
            m.into_inner()
                .ok()
                .flatten()
                .unwrap_or_else(|| Err(ArchiveError::Malformed("internal: entry was not hashed".into())))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{Fingerprint, Role};
    use crate::manifest::{Capture, Case, FileRecord, Item};

    fn manifest() -> Manifest {
        let sha256 = Sha256Digest::of(b"x");
        Manifest {
            format: MANIFEST_FORMAT.into(),
            bundle_id: "0123456789abcdef0123456789abcdef".into(),
            case: Case::new("C-1"),
            sealer: Signer {
                fingerprint: Fingerprint([1; 32]),
                name: "A".into(),
                organisation: "O".into(),
                role: Role::Investigator,
                jurisdiction: "FR".into(),
            },
            actors: Vec::new(),
            restrictions: Default::default(),
            attestations: Vec::new(),
            items: vec![Item {
                id: "item-1".into(),
                label: "x".into(),
                exhibit: None,
                capture: Capture::default(),
                files: vec![FileRecord {
                    path: "data/item-1/x".into(),
                    original_name: "x".into(),
                    size: 1,
                    media_type: "text/plain".into(),
                    sha256,
                    modified: None,
                    role: None,
                }],
            }],
        }
    }

    #[test]
    fn manifest_rules_beyond_the_schema() {
        assert_eq!(validate_manifest(&manifest()), Ok(()));
        let mut m = manifest();
        m.items[0].files.clear();
        assert!(validate_manifest(&m).unwrap_err().contains("no files"));
        let mut m = manifest();
        m.case.reference = "line\nbreak".into();
        assert!(validate_manifest(&m).unwrap_err().contains("case reference"));
        let mut m = manifest();
        m.items[0].id = "item-2".into();
        assert!(validate_manifest(&m).is_err());
        let mut m = manifest();
        m.items[0].files[0].path = "data/item-2/x".into();
        assert!(validate_manifest(&m).is_err(), "a file outside its item's directory");
        let mut m = manifest();
        let dup = m.items[0].files[0].clone();
        m.items[0].files.push(dup);
        assert!(validate_manifest(&m).unwrap_err().contains("twice"));
    }
}
