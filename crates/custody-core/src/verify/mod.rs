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
//!
//! This module is the orchestration only: it opens the bundle, runs the families of checks in
//! the order of spec §9.1 and turns what they found into the [`Report`] and its [`State`].
//! Each family is one file ([`archive`], `bag`, `payload`, `keys`, `manifest`,
//! `events`, `receipts`, `coverage`, `timestamps`, `trust`), each recording its checks and
//! returning the facts later steps need; the report's types are in
//! [`report`], every sentence it says in [`wording`], and `custody inspect` in [`inspect`].

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::atomic::Ordering;

use crate::archive::{Archive, ArchiveError, Source};
use crate::event::Tool;
use crate::manifest::Manifest;
use crate::text::printable;
use crate::time::Timestamp;
use crate::trust::TrustList;

pub mod archive;
mod bag;
pub mod batch;
mod commitment;
mod coverage;
mod damage;
mod derivation;
mod disposition;
mod encrypted;
mod events;
mod facts;
pub mod inspect;
mod keys;
mod log;
mod manifest;
pub(crate) mod not_a_bundle;
mod parent;
mod payload;
mod receipts;
mod recorder;
pub mod report;
mod said;
mod statements;
mod timeline;
mod timestamps;
pub(crate) mod trust;
pub mod wording;

pub use crate::check::{Check, CheckCode, Level};
pub use batch::{BatchEntry, bundles_in, verify_each};
pub use damage::{Damage, DamagedItem, DamagedItems};
pub(crate) use encrypted::read_head;
pub use encrypted::verify_encrypted;
pub(crate) use facts::disposition_detail;
pub use facts::{EventFacts, StatementAuthor};
pub use inspect::{DisposedItem, INSPECT_FORMAT, Inspection, inspect_encrypted_at, inspect_path, inspect_path_at};
pub(crate) use log::open_member as open_log_member;
pub use log::{LogReport, LogStanding};
pub use manifest::validate_manifest;
pub use parent::{ChainLink, ParentReport, ParentVerdict, verify_with_parent};
pub use payload::Progress;
pub(crate) use payload::{HashInto, PayloadSink, PayloadSinkRef};
pub use report::{
    AttachmentReport, AttestationReport, ConditionReport, ContainerKind, ContainerReport, ContentReport, CustodyPeriod,
    DerivedFrom, DocumentReport, EventReport, ExaminationReport, HandoverReport, ItemReport, PayloadReport,
    PendingTransfer, REPORT_FORMAT, Report, SignerReport, State, StatementReport, TrustedTime, failed_codes,
};
pub use wording::{Front, TRUNCATION_LIMIT, TRUNCATION_LIMIT_INSPECT, describe_signer, words};

use crate::wording::court_report::Sentence;
pub(crate) use not_a_bundle::NotABundle;
use payload::{ByName, hash_entries};
pub(crate) use report::SummaryChoice;

/// How to verify. Build it with [`VerifyOptions::default`] and the `with_*` methods; more
/// options may be added without a breaking change.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
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
    pub(crate) payload_sink: Option<PayloadSinkRef>,
    /// Whom the report's remedies address: the library's caller (the default) or a person
    /// at custody's command line.
    pub front: Front,
    /// The date the date-based advisories are evaluated at (spec §5.2.9); none: today (UTC).
    pub at: Option<crate::provenance::Date>,
    /// Look the bundle's events up in its custody log (spec §9.1 step 10c): `Some(None)` asks
    /// the log the manifest names, `Some(Some(url))` the same log at another address (the key
    /// is always the manifest's).
    pub online_log: Option<Option<String>>,
    /// With `online_log`: a saved answer to check instead of asking the log, or where to keep its answers.
    pub log_answers: crate::tlog::saved::AnswersVia,
}

impl VerifyOptions {
    /// Looks the bundle's events up in its custody log (`None`: offline only; `Some(None)`:
    /// the log the manifest names; `Some(Some(url))`: that log at `url`).
    pub fn with_online_log(mut self, online_log: Option<Option<String>>) -> Self {
        self.online_log = online_log;
        self
    }

    /// Evaluates the date-based advisories (`preservation.expired`, `retention.exceeded`)
    /// at `at` instead of today (UTC).
    pub fn with_at(mut self, at: Option<crate::provenance::Date>) -> Self {
        self.at = at;
        self
    }

    /// The date the date-based advisories are evaluated at: the one given, else today (UTC).
    pub fn evaluation_date(&self) -> crate::provenance::Date {
        self.at.unwrap_or_else(crate::provenance::Date::today)
    }

    /// Checks every signer against `trust` (none: signers are not checked, the best state is
    /// `intact`).
    pub fn with_trust(mut self, trust: Option<TrustList>) -> Self {
        self.trust = trust;
        self
    }

    /// Threads for hashing the payload; 0 means one per CPU.
    pub fn with_jobs(mut self, jobs: usize) -> Self {
        self.jobs = jobs;
        self
    }

    /// Checks everything but the payload digests (reported as a warning).
    pub fn with_skip_payload(mut self, skip_payload: bool) -> Self {
        self.skip_payload = skip_payload;
        self
    }

    /// Counts the payload bytes hashed into `progress`, for a progress display.
    pub fn with_progress(mut self, progress: Option<std::sync::Arc<Progress>>) -> Self {
        self.progress = progress;
        self
    }

    /// Trusts timestamp tokens whose TSA certificate chains to one of `roots`.
    pub fn with_tsa_roots(mut self, roots: Option<crate::timestamp::TsaRoots>) -> Self {
        self.tsa_roots = roots;
        self
    }

    /// Words the report's remedies for `front` (the library's caller by default).
    pub fn with_front(mut self, front: Front) -> Self {
        self.front = front;
        self
    }
}

/// Verification could not run at all (as opposed to finding the bundle invalid).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CannotVerify {
    /// The file is an encrypted bundle (age) that could not be opened: no identity given, the
    /// wrong one, or a damaged, truncated or tampered file. No verdict.
    #[error("cannot verify {}: {source}", path.display())]
    Encrypted {
        /// The encrypted file.
        path: std::path::PathBuf,
        /// Why.
        source: crate::envelope::EnvelopeError,
    },
    /// The path is a folder, but not an unzipped bundle (nor one folder holding it).
    #[error("{}", wording::not_a_bundle_folder(path.display()))]
    NotABundleFolder {
        /// The folder.
        path: std::path::PathBuf,
    },
    /// The file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Unreadable {
        /// The bundle path that could not be read.
        path: std::path::PathBuf,
        /// Why it could not be read.
        source: std::io::Error,
    },
    /// Verifying the file stopped on an internal error of custody (a bug): no verdict.
    #[error(
        "cannot verify {}: custody stopped on an internal error while verifying it (a bug in custody: please report it, with the bundle if you may share it); the other bundles were verified",
        path.display()
    )]
    Stopped {
        /// The bundle path.
        path: std::path::PathBuf,
    },
    /// The file is a bundle of a format this version does not read (format 1, never
    /// released): not a verdict on the evidence (spec §9.2, §14).
    #[error("cannot verify {}: {}", path.display(), wording::checks::unsupported_format(*version))]
    UnsupportedFormat {
        /// The bundle path.
        path: std::path::PathBuf,
        /// The format version it is in.
        version: u32,
    },
}

/// Verifies the bundle at `path`, the file as it is, or the unzipped bundle in the folder at
/// `path` ([`verify_dir`]). A journal beside a file (of an interrupted update, or planted) is
/// never read: it only adds the warning `bundle.journal_pending`.
pub fn verify_path(path: &Path, opts: &VerifyOptions) -> Result<Report, CannotVerify> {
    let cannot = |source| CannotVerify::Unreadable { path: path.into(), source };
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if meta.is_dir() {
        return verify_dir(path, opts);
    }
    let file = std::fs::File::open(path).map_err(cannot)?;
    encrypted::refuse_encrypted(path, &file)?;
    let source = crate::archive::FileSource::new(file).map_err(cannot)?;
    let mut report = verify_or_refuse(Box::new(source), &path.display().to_string(), opts)
        .map_err(|version| CannotVerify::UnsupportedFormat { path: path.into(), version })?;
    note_journal(&mut report, path, opts.front);
    Ok(report)
}

/// Verifies an unzipped bundle: the folder `dir` holds the bundle's files, or the one folder
/// `custody-<id>/` that holds them (spec §9.6). Every content check runs on its files; the
/// ZIP container's own checks do not apply and the report lists them as such
/// ([`Report::container`]). The state is the content's. A folder that is no bundle's is
/// [`CannotVerify::NotABundleFolder`].
pub fn verify_dir(dir: &Path, opts: &VerifyOptions) -> Result<Report, CannotVerify> {
    let cannot = |source| CannotVerify::Unreadable { path: dir.into(), source };
    let Some(found) = crate::archive::find_bundle_dir(dir).map_err(cannot)? else {
        return Err(CannotVerify::NotABundleFolder { path: dir.into() });
    };
    let name = dir.display().to_string();
    let mut refused = false;
    let mut report = match crate::archive::open_dir(&found) {
        Ok(archive) => verify_archive(&archive, &name, opts),
        Err(ArchiveError::UnsupportedFormat(version)) => {
            return Err(CannotVerify::UnsupportedFormat { path: dir.into(), version });
        }
        // A folder this user cannot read (permissions, a disk error) could not be checked: it
        // says nothing of the evidence (exit 2, not `invalid`).
        Err(ArchiveError::Io(source)) => return Err(cannot(source)),
        Err(e) => {
            let mut v = Verifier::new(opts.front);
            refused = true;
            v.fail(e.code(), wording::folder_refused(&e), None);
            v.into_report(&name, opts)
        }
    };
    let container = report::ContainerReport::directory(refused);
    report.summary = format!("{} {}", report.summary, container.note);
    report.said = report.said.take().map(|content| SummaryChoice::Folder { content: Box::new(content), refused });
    report.container = Some(container);
    Ok(report)
}

/// Adds to `report` the warning that an interrupted update is pending, if a journal lies
/// beside the bundle at `path`. The journal itself is never read (§8.2).
pub(crate) fn note_journal(report: &mut Report, path: &Path, front: Front) {
    if journal_beside(path) {
        report.checks.insert(
            0,
            Check {
                code: CheckCode::BundleJournalPending,
                level: Level::Warn,
                message: wording::journal_pending(path, front),
                path: None,
                more: None,
            },
        );
    }
}

/// Whether a journal (of an interrupted update, or planted) lies beside the bundle at `path`
/// (spec §8.2). Only its presence is looked at: a reader never opens it, and never goes
/// through the writer's code that applies it.
fn journal_beside(path: &Path) -> bool {
    crate::layout::journal_path(path).symlink_metadata().is_ok()
}

/// Verifies a bundle held in any [`Source`] (a file, or bytes in memory).
// Takes the source as `Archive::open` does (callers pass a boxed file or buffer); it is
// borrowed inside so that a refused file can still be examined.
#[allow(clippy::boxed_local)]
///
/// A bundle of an unsupported format (format 1) is reported as not following the layout
/// (`archive.root_invalid`); [`verify_path`] refuses it instead.
pub fn verify_source<S: Source + ?Sized>(source: Box<S>, name: &str, opts: &VerifyOptions) -> Report {
    match verify_or_refuse(Box::new(not_a_bundle::Borrowed(&*source)), name, opts) {
        Ok(report) => report,
        Err(_) => {
            let mut v = Verifier::new(opts.front);
            v.check_refused_file(&*source, &ArchiveError::UnsupportedFormat(1));
            v.into_report(name, opts)
        }
    }
}

/// Verifies a bundle, or gives the format version of a bundle in an unsupported format.
#[allow(clippy::boxed_local)]
fn verify_or_refuse<S: Source + ?Sized>(source: Box<S>, name: &str, opts: &VerifyOptions) -> Result<Report, u32> {
    // Borrowed, so that a file the archive reader refuses can still be told apart from a bundle.
    Ok(match Archive::open(Box::new(not_a_bundle::Borrowed(&*source))) {
        Ok(archive) => verify_archive(&archive, name, opts),
        Err(ArchiveError::UnsupportedFormat(version)) => return Err(version),
        Err(e) => {
            let mut v = Verifier::new(opts.front);
            v.check_refused_file(&*source, &e);
            let mut report = v.into_report(name, opts);
            // A re-zipped bundle (spec §9.6): its entries, read leniently, get every content
            // check, reported apart; the verdict stays the container's.
            // When they cannot be read so, a check after the container's says why, under the
            // container's code: the content section is this verifier's own (spec §9.6), and a
            // second verifier without it must still find the same codes.
            if e.leaves_entries_readable() {
                match crate::archive::open_repacked(&*source) {
                    Ok(repacked) => report.adopt_content(verify_archive(&repacked, name, opts)),
                    Err(lenient) => report.checks.push(Check {
                        code: e.code(),
                        level: Level::Fail,
                        message: crate::wording::archive::content_unread(&lenient),
                        path: None,
                        more: None,
                    }),
                }
            }
            report
        }
    })
}

/// The check code for a file that is not a custody bundle (spec §9.1 step 1).
pub(crate) const NOT_A_BUNDLE: CheckCode = CheckCode::BundleNotABundle;

/// Verifies an archive that is already open (and so already structurally checked).
pub(crate) fn verify_archive<S: Source + ?Sized>(archive: &Archive<S>, name: &str, opts: &VerifyOptions) -> Report {
    let mut v = Verifier::new(opts.front);
    if v.check_opened(archive) {
        v.run(archive, opts);
    }
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
    derived_from: Option<DerivedFrom>,
    damaged: payload::Damaged,
    links: Vec<parent::ChainLink>,
    log: Option<log::LogReport>,
    /// What the file appears to be, when it is no custody bundle (step 1).
    not_a_bundle: Option<NotABundle>,
}

struct Verifier {
    /// The checks found, within the report's cap (spec §9.3).
    checks: recorder::Checks,
    report_extra: Extra,
    /// Tag files present but not readable (already reported): never reported as missing.
    unreadable: BTreeSet<String>,
    /// Whom the report's remedies address.
    front: Front,
    /// The id the archive's root folder names (spec §2.5).
    root_id: Option<String>,
    /// Attached files (`custody/attachments/...`), hashed as read, never held (spec §5.8).
    attachments: BTreeMap<String, archive::Attached>,
    /// The BagIt manifests and `custody/manifest.json`, read as streams at step 2.
    streamed: std::collections::BTreeMap<String, archive::Streamed>,
    /// What dispositions removed, and the described files the bundle lacks (spec §5.11).
    disposal: disposition::Disposal,
    /// `custody/manifest.json` as parsed at step 2 (while it was read), taken at step 8.
    manifest_read: Option<Result<Manifest, crate::manifest::ManifestParseError>>,
    /// `manifest-sha256.txt` as read before step 2 ([`Verifier::read_payload_listing`]),
    /// taken by step 2 at its entry.
    payload_listing_read: Option<Result<archive::Streamed, crate::archive::ArchiveError>>,
    /// A derived bundle's parent sealer and the time its seal event claims (spec §5.13): the
    /// trust checks judge that key's validity and revocation at that (untrusted) time.
    parent_seal: Option<(crate::keys::Fingerprint, crate::time::Timestamp)>,
}

impl Verifier {
    fn new(front: Front) -> Self {
        Verifier {
            checks: recorder::Checks::default(),
            report_extra: Extra::default(),
            unreadable: BTreeSet::new(),
            front,
            root_id: None,
            attachments: BTreeMap::new(),
            streamed: std::collections::BTreeMap::new(),
            disposal: disposition::Disposal::default(),
            manifest_read: None,
            payload_listing_read: None,
            parent_seal: None,
        }
    }

    /// Reports a required tag file as missing, unless it is there but was unreadable.
    fn missing(&mut self, code: CheckCode, path: &str, what: String) {
        if !self.unreadable.contains(path) {
            self.fail(code, what, Some(path));
        }
    }

    fn add(&mut self, level: Level, code: CheckCode, message: String, path: Option<&str>) {
        debug_assert_eq!(level, code.level(), "{code}: the level the registry gives it");
        // Messages quote bytes from the bundle: never let them carry terminal escapes,
        // line breaks or text-direction overrides to whoever displays them.
        self.checks.record(code, level, || Check {
            code,
            level,
            message: printable(&message),
            path: path.map(printable),
            more: None,
        });
    }
    fn pass(&mut self, code: CheckCode, message: String, path: Option<&str>) {
        self.add(Level::Pass, code, message, path)
    }
    fn warn(&mut self, code: CheckCode, message: String, path: Option<&str>) {
        self.add(Level::Warn, code, message, path)
    }
    fn fail(&mut self, code: CheckCode, message: String, path: Option<&str>) {
        self.add(Level::Fail, code, message, path)
    }
    /// The SHA-256 of the tag file `name` whose bytes (read at step 2) are `bytes`: a
    /// streamed manifest's digest was taken as it was read.
    fn tag_digest(&self, name: &str, bytes: &[u8]) -> crate::digest::Sha256Digest {
        self.streamed.get(name).map_or_else(|| crate::digest::Sha256Digest::of(bytes), |s| s.sha256)
    }

    fn failed_since(&self, mark: recorder::Mark) -> bool {
        self.checks.failed_since(mark)
    }

    fn run<S: Source + ?Sized>(&mut self, archive: &Archive<S>, opts: &VerifyOptions) {
        let mark = self.checks.mark();
        self.root_id = Some(archive.root().id().to_owned());
        let payload_entries = payload::Picked::new(archive.entries(), |e| crate::layout::is_payload(e.name));
        let rehash = !opts.skip_payload;
        let jobs = crate::resolve_jobs(opts.jobs);
        let progress = opts.progress.as_deref();
        if let Some(p) = progress.filter(|_| rehash) {
            p.total.store(payload_entries.iter().map(|e| e.size).sum(), Ordering::Relaxed);
        }
        // Read first, so that the hashing threads compare each digest with its line as it is
        // computed (issue #22); reported at its place in step 2 as before.
        let payload_lines = self.read_payload_listing(archive);
        let listed = payload_lines.as_deref().map(|l| l.over(archive.names()));
        std::thread::scope(|scope| {
            // With more than one job the payload is hashed in the background from here,
            // while this thread reads and parses the signed documents: the serial part of a
            // verification overlaps with the parallel one. Results are recorded in the same
            // order either way.
            let background = (rehash && jobs > 1).then(|| {
                scope.spawn(|| {
                    hash_entries(archive, &payload_entries, listed, jobs, progress, opts.payload_sink.as_ref())
                })
            });
            let (mut tags, event_docs) = self.read_tag_files(archive, payload_lines.as_ref());
            self.check_bagit_txt(&tags);
            self.check_tag_manifest(archive.names(), &tags, &event_docs);
            let by_name = ByName::new(&payload_entries, archive.names());
            let listing = self.check_payload_listing(listed, &by_name, &tags);
            // The checks that do not depend on the payload's digests run while it is hashed;
            // the digests' results are then recorded where a serial run would put them.
            // Recorded apart, then appended after the digests' results (the cap applies to
            // both in that order).
            let before = std::mem::take(&mut self.checks);
            self.check_bag_info(&tags, &payload_entries);
            let keys = self.read_keys(&tags);
            let no_listing = crate::bagit::ManifestListing::default();
            let manifest = self.check_manifest(&keys, listed.unwrap_or(no_listing.over(archive.names())), &by_name);
            let later = std::mem::replace(&mut self.checks, before);
            let hashed = match (rehash, background) {
                (false, _) => None,
                (true, Some(h)) => Some(payload::joined(h, payload_entries.len())),
                // Without a readable manifest-sha256.txt there is nothing to compare with
                // (already reported); the background hashing above cannot know that yet.
                (true, None) if listing.is_none() => None,
                (true, None) => {
                    Some(hash_entries(archive, &payload_entries, listed, 1, progress, opts.payload_sink.as_ref()))
                }
            };
            let damaged = match (listing, listed) {
                (Some(listing), Some(listed)) => {
                    self.check_payload_digests(listed, &payload_entries, listing, hashed, manifest.as_ref())
                }
                _ => payload::Damaged::new(),
            };
            self.checks.append(later);
            let (bound, seal) =
                self.check_events(archive, &tags, &event_docs, &keys, manifest.as_ref(), &damaged, jobs);
            // Step 8b (§5.12): once the manifest (step 8) and the events (step 9) were read, after
            // the chain's verdict (a commitment that differs is no fault of the chain's).
            if let (Some(m), Some(seal)) = (manifest.as_ref(), seal.as_ref()) {
                self.check_commitment(m, seal);
            }
            // Step 8c (§5.13): a derived bundle's proofs into its parent's signed commitment.
            if let Some(m) = manifest.as_ref() {
                self.check_derivation(m, &tags);
            }
            self.check_disposed(manifest.as_ref());
            self.check_bag_info_derived(&tags, manifest.as_ref());
            self.report_extra.damaged = damaged;
            // Kept for the report (and `custody inspect`): moved, not copied, as it can be large.
            self.report_extra.manifest = manifest;
            self.check_chain_advisories(opts.evaluation_date());
            self.check_coverage(&tags, &bound);
            self.check_timestamps(&mut tags, &event_docs, opts.tsa_roots.as_ref());
            self.check_log(&tags, &event_docs, opts.online_log.as_ref(), &opts.log_answers);
        });
        if !self.failed_since(mark) && rehash {
            self.pass(CheckCode::BundleComplete, wording::checks::bundle_complete(), None);
        }
        self.check_trust(opts.trust.as_ref());
    }

    fn into_report(self, name: &str, opts: &VerifyOptions) -> Report {
        let integrity_failed = self.checks.iter().any(|c| c.level == Level::Fail && !c.code.is_trust());
        let trust_failed = self.checks.iter().any(|c| c.level == Level::Fail && c.code.is_trust());
        let (signer_untrusted, tsa_untrusted) = untrusted(self.checks.iter());
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
        let failed = usize::try_from(self.checks.fails()).unwrap_or(usize::MAX);
        let summary = wording::summary(state, failed, not_a_bundle, signer_untrusted, tsa_untrusted, opts.front);
        // The check and the kind are recorded together (`Verifier::not_a_bundle`), and that check
        // fails, so the state is `invalid`: the court report's words follow the English summary.
        debug_assert_eq!(e.not_a_bundle.is_some(), not_a_bundle.is_some());
        let said = Some(said::said(state, failed, e.not_a_bundle.as_ref(), signer_untrusted, tsa_untrusted));
        let mut report = Report {
            format: REPORT_FORMAT.into(),
            bundle: name.into(),
            state,
            summary,
            said,
            not_a_bundle: e.not_a_bundle,
            container: None,
            content: None,
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
            derived_from: e.derived_from,
            parent: None,
            log: e.log,
            checks: self.checks.into_list(),
            trust_list_used: opts.trust.is_some(),
            verifier: Tool::this(),
            verified_at: Timestamp::now(),
            evaluated_at: opts.evaluation_date(),
            manifest: e.manifest,
            damaged: e.damaged,
            links: e.links,
        };
        // The summary promises a list of damaged files only when there is one.
        if report.state == State::Invalid && not_a_bundle_absent(&report) && !report.has_damage() {
            report.summary = wording::summary_invalid_nothing_damaged(failed);
            report.said =
                Some(SummaryChoice::Said { sentence: Sentence::SummaryInvalidNothingDamaged, failed: Some(failed) });
        }
        log::summary_of_stale_copy(&mut report);
        report
    }
}

/// Whether the trust anchors given leave a signer (first) and a timestamp's TSA (second) not
/// vouched for, from the failed checks: the summary of a bundle not trusted says which.
pub(crate) fn untrusted<'a>(checks: impl IntoIterator<Item = &'a Check>) -> (bool, bool) {
    let (mut signer, mut tsa) = (false, false);
    for c in checks.into_iter().filter(|c| c.level == Level::Fail) {
        signer |= c.code.is_signer_trust();
        tsa |= c.code == CheckCode::TimestampUntrustedRoot;
    }
    (signer, tsa)
}

/// Whether no check says the file is not a bundle at all.
fn not_a_bundle_absent(r: &Report) -> bool {
    !r.checks.iter().any(|c| c.code == NOT_A_BUNDLE)
}
