//! Hand-overs: the custodian's signed transfer, and the recipient's signed receipt; and
//! trusted time added to a bundle's events afterwards.
//!
//! A transfer ([`transfer`]) names the recipient's key, the purpose, the legal basis, the
//! request it answers and the conditions attached. A receipt ([`receive`]) is signed by the
//! named recipient after verifying the bundle: it accepts the bundle in full, in part
//! (naming the items it does not accept), or rejects it, and answers every condition. Who may
//! do which, and how a receipt's decision follows from its answers, are the custody rules of
//! [`crate::rules`], which the verifier applies too. A receipt accepts only what the
//! recipient's trust list vouches for: the sealer and the sender with the full identities
//! they claim, and (given TSA roots) every timestamp; it records what was checked.
//!
//! Both append to the bundle without touching earlier bytes ([`crate::append`]); with an
//! output path the input is copied first and left untouched. [`add_tokens`] appends
//! trusted-time tokens the same way, adding no event; [`parse_condition`] reads a condition as
//! a person writes it. This module holds what the three
//! share: reading the custody documents, signing and appending an event.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::Error;
use crate::append::OpenBundle;
use crate::bagit::{self, ManifestLine};
use crate::check::Level;
use crate::digest::Sha256Digest;
use crate::document::to_json;
use crate::event::{EVENT_FORMAT, Event, EventType, FileRef, Tool};
use crate::fsutil;
use crate::keys::{Fingerprint, KeyPair};
use crate::layout::{
    MANIFEST_PATH, PAYLOAD_MANIFEST_PATH, TAG_MANIFEST_PATH, event_path, is_attachment, is_event_document, is_payload,
    signature_path, tag_file_limit,
};
use crate::manifest::{Manifest, Signer};
use crate::rules::{Chain, Refusal};
use crate::time::Timestamp;
use crate::timestamp::Stamping;
use crate::verify::{self, State, VerifyOptions};

mod attach;
mod bounds;
mod carry;
mod condition;
mod derivation;
mod dispose;
mod encrypt;
mod examine;
pub mod package;
pub(crate) mod pending;
mod receive;
mod record;
mod tokens;
mod transfer;

pub use attach::{AttachOptions, attach};
pub use condition::{ConditionError, parse_condition};
pub(crate) use derivation::DerivationRecorder;
pub use dispose::{DisposeOptions, Disposed, RemovedItem, dispose};
pub use encrypt::{decrypt_file, decrypt_to_temp, encrypt_file, is_encrypted};
pub use examine::{ExamineOptions, examine};
pub use pending::{PENDING_SUFFIX, Resumed, pending_event, pending_path, resume_pending, resume_pending_into};
pub use receive::{ReceiveOptions, receive};
pub use record::{
    AccessOptions, AddOptions, CountersignOptions, Countersigned, SignedStatement, access, add, countersign,
};
pub use tokens::{AddedTokens, add_tokens};
pub use transfer::{TransferOptions, transfer};

/// Who sealed a received bundle and who sent it, and whether the trust list vouches for
/// each (false also when no trust list was given).
#[derive(Debug, Clone)]
pub struct Parties {
    /// The signer of the seal.
    pub sealer: Signer,
    /// Whether the trust list vouches for the sealer.
    pub sealer_trusted: bool,
    /// The signer of the transfer the receipt answers.
    pub sender: Signer,
    /// Whether the trust list vouches for the sender.
    pub sender_trusted: bool,
}

/// What an appended event recorded.
#[derive(Debug, Clone)]
pub struct Appended {
    /// The bundle that holds the event (the output copy, if one was asked for).
    pub bundle: PathBuf,
    /// The event as signed.
    pub event: Event,
    /// Its path in the bundle.
    pub event_path: String,
    /// Whether the event got trusted time.
    pub timestamp: crate::timestamp::StampOutcome,
    /// For a receipt: who sealed and who sent the bundle.
    pub parties: Option<Parties>,
    /// What became of logging the event in the custody log the bundle names.
    pub log: crate::tlog::LogOutcome,
}

/// The custody documents of a bundle, read from its tag files.
struct Documents {
    tags: BTreeMap<String, Vec<u8>>,
    /// The digests of the tag files never held whole (see [`Large`] and [`read_tags`]).
    large: Large,
    manifest: Manifest,
    events: Vec<(Event, Vec<u8>)>,
    chain: Chain,
}

impl Documents {
    /// The last event.
    fn last(&self) -> &Event {
        &self.events[self.events.len() - 1].0
    }
}

/// The digests of the tag files that hand-overs never hold (issue #22), by path: the two that
/// grow with the payload (`custody/manifest.json`, `manifest-sha256.txt`) and the attached
/// files (spec §5.8), which have no size limit. Where their bytes are needed (a disposition's
/// copy) they are streamed and checked against these digests.
type Large = BTreeMap<String, Sha256Digest>;

/// Tag files read whole, by path.
type Tags = BTreeMap<String, Vec<u8>>;

/// The manifest as [`read_tags`] parsed it (if asked to, and if it is there), or why not.
type Parsed = Option<Result<Manifest, String>>;

/// Every tag file of the open bundle (everything outside `data/`), within the reader's limits;
/// but of `custody/manifest.json` and `manifest-sha256.txt` only their digests (and the
/// manifest, parsed as it is read), as a million files make them hundreds of MB, and of
/// attached files only their digests, as they may be of any size.
fn read_tags<S: crate::archive::Source + ?Sized>(
    archive: &crate::archive::Archive<S>,
    path: &Path,
    parse_manifest: bool,
) -> Result<(Tags, Large, Parsed), Error> {
    let fail = |source| Error::Archive { path: path.into(), source };
    let (mut tags, mut large, mut manifest) = (BTreeMap::new(), Large::new(), None);
    for e in archive.entries().iter().filter(|e| !is_payload(e.name)) {
        let limit = tag_file_limit(e.name);
        let streamed = e.name == MANIFEST_PATH || e.name == PAYLOAD_MANIFEST_PATH || is_attachment(e.name);
        if streamed && e.size <= limit {
            let mut reader = archive.entry_reader(e);
            if e.name == MANIFEST_PATH && parse_manifest {
                let buffered = std::io::BufReader::with_capacity(1 << 16, &mut reader);
                manifest = Some(crate::document::parse_document_from(buffered));
            }
            let d = reader.finish().map_err(fail)?;
            if !d.crc_ok {
                return Err(fail(crate::archive::ArchiveError::CrcMismatch(e.name.to_owned())));
            }
            large.insert(e.name.to_owned(), Sha256Digest(d.sha256));
            continue;
        }
        let bytes = archive.read_entry(e, limit).map_err(fail)?;
        tags.insert(e.name.to_owned(), bytes);
    }
    Ok((tags, large, manifest))
}

fn read_state(b: &OpenBundle) -> Result<Documents, Error> {
    read_state_of(&b.archive, &b.path)
}

/// [`read_state`] with the manifest a verification of the bundle already parsed (if it
/// did): it is not parsed a second time (a million files make it hundreds of MB).
fn read_state_given(b: &OpenBundle, manifest: Option<Manifest>) -> Result<Documents, Error> {
    read_state_with(&b.archive, &b.path, manifest)
}

/// The custody documents of the bundle `archive` read from `path` (opened for reading
/// only, or for an append).
fn read_state_of<S: crate::archive::Source + ?Sized>(
    archive: &crate::archive::Archive<S>,
    path: &Path,
) -> Result<Documents, Error> {
    read_state_with(archive, path, None)
}

/// [`read_state_of`], taking the manifest `given` instead of parsing it if there is one.
fn read_state_with<S: crate::archive::Source + ?Sized>(
    archive: &crate::archive::Archive<S>,
    path: &Path,
    given: Option<Manifest>,
) -> Result<Documents, Error> {
    let err = |why: String| Error::Documents { path: path.into(), why };
    let (tags, large, parsed) = read_tags(archive, path, given.is_none())?;
    let manifest: Manifest =
        given.or(parsed.and_then(Result::ok)).ok_or_else(|| err("its manifest cannot be read".into()))?;
    let mut events: Vec<(Event, Vec<u8>)> = Vec::new();
    for (name, bytes) in tags.iter().filter(|(n, _)| is_event_document(n)) {
        let ev: Event =
            crate::document::parse_document(bytes).map_err(|e| err(format!("{name} cannot be read: {e}")))?;
        events.push((ev, bytes.clone()));
    }
    events.sort_by_key(|(e, _)| e.sequence);
    let first = events.first().ok_or_else(|| err("it has no custody events".into()))?;
    let mut chain = Chain::sealed_by(first.0.signer.clone());
    for (ev, _) in &events[1..] {
        chain.apply(ev).map_err(|r| {
            let why = crate::verify::wording::chain_violation(&r, &ev.signer);
            err(format!("its custody chain is broken ({}): {why}", r.code()))
        })?;
    }
    Ok(Documents { tags, large, manifest, events, chain })
}

/// The custody chain of the bundle `archive` from its event documents alone (its manifest
/// not parsed, its payload not hashed), for a writer's cheap check of who may record before a
/// long verification; `None` if they cannot be read or do not chain (the verification then
/// says what is wrong).
fn chain_of<S: crate::archive::Source + ?Sized>(archive: &crate::archive::Archive<S>, path: &Path) -> Option<Chain> {
    let (tags, _, _) = read_tags(archive, path, false).ok()?;
    let mut events: Vec<Event> = Vec::new();
    for (_, bytes) in tags.iter().filter(|(n, _)| is_event_document(n)) {
        events.push(crate::document::parse_document(bytes).ok()?);
    }
    events.sort_by_key(|e| e.sequence);
    let mut chain = Chain::sealed_by(events.first()?.signer.clone());
    for ev in &events[1..] {
        chain.apply(ev).ok()?;
    }
    Some(chain)
}

/// The refusal of a custody rule, as the error of the writer whose key is `key`.
fn refused(r: Refusal, key: &KeyPair) -> Error {
    let you: Fingerprint = key.public().fingerprint();
    match r {
        Refusal::TransferPending { sequence, recipient } | Refusal::RecordWhilePending { sequence, recipient, .. } => {
            Error::TransferPending { sequence, recipient: Box::new(recipient) }
        }
        Refusal::NotCustodian { custodian } => Error::NotCustodian { custodian: Box::new(custodian), you },
        Refusal::NoTransferPending => Error::NoTransferPending,
        Refusal::NotRecipient { recipient } => Error::NotRecipient { recipient: Box::new(recipient), you },
        Refusal::RecipientIdentity { recipient } => {
            Error::RecipientIdentity { named: Box::new(recipient.identity()), yours: Box::new(key.identity.clone()) }
        }
        other => Error::Internal(format!("a writer broke a custody rule: {other:?}")),
    }
}

/// Runs the verifier over the open bundle; `payload` false skips hashing the payload.
fn verify_open(
    b: &OpenBundle,
    payload: bool,
    jobs: usize,
    progress: Option<std::sync::Arc<verify::Progress>>,
) -> Result<verify::Report, Error> {
    let opts = VerifyOptions { jobs, skip_payload: !payload, progress, ..Default::default() };
    Ok(verify::verify_archive(&b.archive, &b.path.display().to_string(), &opts))
}

/// Refuses to change a bundle that does not verify.
pub(crate) fn refuse_if_invalid(report: &verify::Report, action: crate::Action) -> Result<(), Error> {
    if report.state == State::Invalid {
        let checks = report
            .checks
            .iter()
            .filter(|c| c.level == Level::Fail)
            .map(|c| (c.code.to_string(), c.message.clone()))
            .collect();
        return Err(Error::NotVerified { action, checks });
    }
    Ok(())
}

/// The time of a new event: `requested`, else now; never earlier than the last event.
fn event_time(requested: Option<Timestamp>, last: &Event) -> Result<Timestamp, Error> {
    let t = requested.unwrap_or_else(Timestamp::now);
    if t < last.time {
        return Err(Error::BadInput {
            field: "time",
            why: format!("this computer's clock says {t}, earlier than the bundle's last event ({})", last.time),
            remedy: Some("correct the clock first".into()),
        });
    }
    Ok(t)
}

/// The tag manifest after adding `new` files: the existing lines kept as they are (so a
/// rejection appended to a damaged bundle does not hide what was wrong with it), plus a
/// line for each new file. If the old tag manifest cannot be read, it is recomputed.
fn tag_manifest_with(tags: &BTreeMap<String, Vec<u8>>, large: &Large, new: &[(String, Vec<u8>)]) -> Vec<u8> {
    let new = new.iter().map(|(path, d)| ManifestLine { sha256: Sha256Digest::of(d), path: path.clone() });
    tag_manifest_with_lines(tags, large, new.collect())
}

/// As [`tag_manifest_with`], the new files given by their paths and SHA-256 (an attached
/// file is streamed, never held, so its digest is computed as it is read).
fn tag_manifest_with_lines(tags: &BTreeMap<String, Vec<u8>>, large: &Large, new: Vec<ManifestLine>) -> Vec<u8> {
    let old = tags
        .get(TAG_MANIFEST_PATH)
        .and_then(|b| std::str::from_utf8(b).ok())
        .and_then(|t| bagit::parse_manifest(t).ok());
    let mut lines: Vec<ManifestLine> = match old {
        Some(lines) => lines,
        None => tags
            .iter()
            .filter(|(n, _)| n.as_str() != TAG_MANIFEST_PATH)
            .map(|(path, d)| ManifestLine { sha256: Sha256Digest::of(d), path: path.clone() })
            .chain(large.iter().map(|(path, d)| ManifestLine { sha256: *d, path: path.clone() }))
            .collect(),
    };
    lines.extend(new);
    bagit::write_manifest(&mut lines).into_bytes()
}

/// Logs a new event (stored bytes `bytes`, at `path`) of a bundle whose manifest names a
/// custody log (spec §6.5), before anything is written: its proof file to append with it, or
/// nothing when the manifest names no log. The log is the one the manifest names, asked over
/// HTTP, its answers checked under the verifier key the seal signed; consistency is asked from
/// the checkpoint of the bundle's latest proof file. A log that fails fails the command, unless
/// `optional`: the event is then written without a proof and the outcome says why.
type LogProof = (Option<(String, Vec<u8>)>, crate::tlog::LogOutcome);
fn log_appended(st: &Documents, event: &Event, bytes: &[u8], optional: bool) -> Result<LogProof, Error> {
    let Some(member) = &st.manifest.log else { return Ok((None, crate::tlog::LogOutcome::NotRequested)) };
    let broken = |why: String| Error::Documents { path: MANIFEST_PATH.into(), why };
    let key = verify::open_log_member(member).map_err(broken)?;
    let client = match crate::tlog::LogClient::new(&member.url) {
        Ok(c) => c,
        Err(e) if optional => return Ok((None, crate::tlog::LogOutcome::Failed { why: e.to_string() })),
        Err(e) => return Err(Error::Log(e.into())),
    };
    let id = crate::tlog::submit::bundle_id_bytes(&st.manifest.bundle_id)
        .ok_or_else(|| broken(format!("bundle id {} is not 32 hex digits", st.manifest.bundle_id)))?;
    // The latest checkpoint the bundle holds: consistency is proven from it.
    let previous = st
        .tags
        .iter()
        .filter_map(|(n, b)| crate::layout::log_proof_sequence(n).map(|seq| (seq, b)))
        .max_by_key(|(seq, _)| *seq)
        .and_then(|(_, b)| crate::tlog::ProofFile::parse(b).ok())
        .and_then(|f| crate::tlog::Checkpoint::open(f.checkpoint.as_bytes(), &key).ok())
        .map(|cp| crate::tlog::Proven { size: cp.size, root: cp.root });
    let logging =
        crate::tlog::Logging { url: member.url.clone(), key, optional, submitter: std::sync::Arc::new(client) };
    let sha = Sha256Digest::of(bytes);
    let facts = crate::tlog::EventFacts {
        bundle_id: &id,
        sequence: event.sequence,
        event_sha256: &sha,
        fingerprint: &event.signer.fingerprint.0,
    };
    let (file, outcome) = logging.log_event(&member.salt.0, facts, previous)?;
    Ok((file.map(|f| (crate::layout::log_proof_path(event.sequence), f.to_bytes())), outcome))
}

/// Signs `event` and appends it (and `extra` tag files) to the bundle.
fn append_event(
    b: OpenBundle,
    st: &Documents,
    key: &KeyPair,
    mut event: Event,
    extra: Vec<(String, Vec<u8>)>,
    stamping: Option<&Stamping>,
    log_optional: bool,
) -> Result<Appended, Error> {
    // Only the files the custody rules let this event add (spec §6.3), as the verifier checks.
    if let Some(f) = crate::rules::first_file_not_allowed(&event, extra.iter().map(|(p, _)| p.as_str())) {
        return Err(Error::Internal(format!("a {} event may not add {f}", event.event_type.as_str())));
    }
    event.files = extra.iter().map(|(p, d)| FileRef { path: p.clone(), sha256: Sha256Digest::of(d) }).collect();
    let bytes = to_json(&event);
    bounds::check_new_event(event.sequence, bytes.len() as u64)?;
    let sig = key.sign(&bytes)?.to_vec();
    let path = event_path(event.sequence, event.event_type.as_str());
    // The token is obtained before anything is written, and goes into the same append.
    let (token, timestamp) = crate::timestamp::stamp(stamping, &path, &sig)?;
    let mut new: Vec<NewFile> = extra.into_iter().map(|(p, d)| held(p, d)).collect();
    new.push(held(path.clone(), bytes.clone()));
    new.push(held(signature_path(&path), sig));
    new.extend(token.map(|(p, d)| held(p, d)));
    let bundle = b.path.clone();
    let log = log_and_append(b, st, &event, &bytes, new, log_optional)?;
    Ok(Appended { bundle, event, event_path: path, timestamp, parties: None, log })
}

/// A file an append adds: its path in the bundle, its bytes (held, or streamed from a file) and
/// their SHA-256.
type NewFile = (String, crate::append::Content, Sha256Digest);

/// `bytes` at `path`, held, with their SHA-256.
fn held(path: String, bytes: Vec<u8>) -> NewFile {
    let sha = Sha256Digest::of(&bytes);
    (path, crate::append::Content::Bytes(bytes), sha)
}

/// The one way every command appends a signed event to a bundle (in place, or to the copy a
/// `--out` run renames into place): the event (stored bytes `bytes`) and every file it adds
/// (`new`, in order) are kept beside the bundle before the custody log the bundle names is asked
/// (issue #20; pending.rs), the log's answer checked, everything appended with its proof in one
/// crash-safe append, and only then the kept event removed (with `--out`, once the output is in
/// place: [`on_bundle`]). Returns what became of logging it.
fn log_and_append(
    b: OpenBundle,
    st: &Documents,
    event: &Event,
    bytes: &[u8],
    mut new: Vec<NewFile>,
    log_optional: bool,
) -> Result<crate::tlog::LogOutcome, Error> {
    // Kept beside the bundle before the log is asked: a crash after the log's answer is
    // completed by resubmitting this very event.
    let kept = pending::keep(&b, st, &new)?;
    let (proof, log) = match log_appended(st, event, bytes, log_optional) {
        Ok(answer) => answer,
        // Removed only when the log surely holds no such event: it refused it, or it was never
        // sent. A timeout, a 5xx or an answer that does not check may come after the log
        // committed it: kept, so the next command resubmits it instead of a second claim.
        Err(e) if never_logged(&e) => {
            pending::discard(kept.as_deref())?;
            return Err(e);
        }
        Err(e) => {
            let out = (b.path != b.origin).then_some(b.origin.as_path());
            return Err(pending::kept_after(e, kept.as_deref(), &b.path, out));
        }
    };
    crate::append::crash_point("after-log");
    new.extend(proof.map(|(p, d)| held(p, d)));
    let lines = new.iter().map(|(p, _, sha)| ManifestLine { sha256: *sha, path: p.clone() }).collect();
    let tag_manifest = tag_manifest_with_lines(&st.tags, &st.large, lines);
    // A copy for --out: its pending event is removed only once the output is renamed into
    // place (on_bundle), so a crash before that leaves it beside the output.
    let in_place = b.path == b.origin;
    let (bundle, out) = (b.path.clone(), (!in_place).then(|| b.origin.clone()));
    b.append_content(new.into_iter().map(|(p, d, _)| (p, d)).collect(), &tag_manifest, event.time)
        .map_err(|e| pending::logged_not_appended(e, &log, kept.as_deref(), &bundle, out.as_deref()))?;
    crate::append::crash_point("after-append");
    if in_place {
        pending::discard(kept.as_deref())?;
    }
    Ok(log)
}

/// Whether a failed logging surely left the event out of the log: refused
/// ([`pending::log_refused`]), answered "try again later" (408, 429: before the log took it), or
/// failing before it was sent (the manifest's log member, the log's address). Anything else
/// (unreachable, timeout, 5xx, a bad answer) may follow a commit.
fn never_logged(e: &Error) -> bool {
    use crate::tlog::{ClientError as C, LogError as L};
    match e {
        _ if pending::log_refused(e) => true,
        Error::Log(L::Client(C::BadUrl(_))) => true,
        Error::Log(L::Client(C::HttpStatus { status, .. })) => [408, 429].contains(status),
        Error::Log(_) => false,
        _ => true,
    }
}

/// The next event of the bundle, of type `t`, signed by `key` at `time` (files and details
/// still to fill in).
fn new_event(st: &Documents, key: &KeyPair, t: EventType, time: Timestamp) -> Event {
    let (last, last_bytes) = &st.events[st.events.len() - 1];
    Event {
        format: EVENT_FORMAT.into(),
        bundle_id: st.manifest.bundle_id.clone(),
        sequence: last.sequence + 1,
        event_type: t,
        previous_event_sha256: Some(Sha256Digest::of(last_bytes)),
        time,
        signer: Signer::new(key.public().fingerprint(), &key.identity),
        tool: Tool::this(),
        files: Vec::new(),
        transfer: None,
        receipt: None,
        countersign: None,
        document: None,
        examination: None,
        access: None,
        disposition: None,
        derivation: None,
        commitment: None,
    }
}

/// Runs `work` on the bundle in place, or on a copy written atomically to `out`. `work`
/// returns its result and whether it changed the bundle: a copy nothing was written to is
/// not kept. Returns the result and the path of the bundle that holds it.
fn on_bundle<T>(
    bundle: &Path,
    out: Option<&Path>,
    work: impl FnOnce(OpenBundle) -> Result<(T, bool), Error>,
) -> Result<(T, PathBuf), Error> {
    pending::refuse_pending(bundle)?;
    let Some(out) = out else { return Ok((work(OpenBundle::open(bundle)?)?.0, bundle.to_path_buf())) };
    if out.symlink_metadata().is_ok() {
        return Err(Error::Exists { path: out.into(), hint: "choose another output name" });
    }
    if crate::append::journal_pending(bundle) {
        return Err(Error::InterruptedUpdate { path: bundle.into() });
    }
    // An event of an interrupted run with this --out is pending beside OUT: it is completed
    // into OUT first (custody recover BUNDLE --out OUT), never signed again.
    if pending::pending_event(out) {
        return Err(Error::PendingFirst { path: out.into(), how: crate::wording::log::PENDING_OUT_FIRST });
    }
    let tmp = fsutil::temp_beside(out)?;
    fs::copy(bundle, tmp.path()).map_err(Error::io(bundle))?;
    // Refused on the copy: the error names the bundle given, and the copy is removed.
    let mut opened = OpenBundle::open(tmp.path()).map_err(|e| e.naming(tmp.path(), bundle))?;
    // A pending event goes beside OUT, never beside the (possibly read-only) input.
    opened.origin = out.to_path_buf();
    let (result, wrote) = work(opened).map_err(|e| e.naming(tmp.path(), bundle))?;
    if !wrote {
        return Ok((result, bundle.to_path_buf()));
    }
    crate::append::crash_point("before-out-rename");
    pending::persist_out(tmp, bundle, out)?;
    crate::append::crash_point("after-out-rename");
    // Only now that OUT is durably in place is its pending event (if the bundle names a log)
    // removed: a crash before leaves it beside OUT, completed by custody recover.
    pending::discard(Some(&pending::pending_path(out)))?;
    Ok((result, out.to_path_buf()))
}

/// An event appended by `work`, in place or in `out`.
fn append_on(
    bundle: &Path,
    out: Option<&Path>,
    work: impl FnOnce(OpenBundle) -> Result<Appended, Error>,
) -> Result<Appended, Error> {
    let (mut appended, path) = on_bundle(bundle, out, |b| Ok((work(b)?, true)))?;
    appended.bundle = path;
    Ok(appended)
}
