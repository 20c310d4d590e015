//! The pending event of a logged append (issue #20, docs/custody-log.md §5): before an appending
//! command submits a signed event to the custody log, it keeps the event and every file it
//! appends in `<bundle>.custody-pending-event`, bound to the bundle (its id, size and the SHA-256
//! of its tail from the tag manifest on, which every append rewrites). A command that dies after
//! the log accepted the event leaves that file; the next command changing the bundle in place
//! (or `custody recover`) resubmits THAT event, which the log answers idempotently, and appends
//! it with the log's answer, instead of signing a new event the log would refuse as a second
//! claim of the slot.
//!
//! The file is not part of the bundle and comes from whoever could write beside it: it is read
//! bounded, and used only if it matches the bundle as it is, its event extends the bundle's last
//! one under the custody rules, is signed by the key it names and carries only the files its
//! event binds. Anything else is refused with nothing changed.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use base64ct::{Base64, Encoding as _};
use serde::{Deserialize, Serialize};

use super::{Documents, read_state, tag_manifest_with};
use crate::Error;
use crate::append::OpenBundle;
use crate::digest::{Sha256Digest, hex};
use crate::event::{Event, EventType};
use crate::fsutil::{self, parent_dir};
use crate::keys::PublicKeyFile;
pub use crate::layout::{PENDING_SUFFIX, pending_path};
use crate::layout::{event_path, is_event_document, key_path, signature_path, token_path};

/// The format tag of a pending-event file.
const PENDING_FORMAT: &str = "custody-pending-event/1";
/// The largest pending-event file read: an event, its signature, token and the tag files it
/// adds (a transfer's key file), far below this.
const MAX_PENDING: u64 = 4 << 20;

/// Whether a pending event (of an interrupted command, or planted) lies beside `bundle`.
pub fn pending_event(bundle: &Path) -> bool {
    pending_path(bundle).symlink_metadata().is_ok()
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PendingDoc {
    format: String,
    bundle_id: String,
    bundle_size: u64,
    bundle_tail_sha256: String,
    files: Vec<PendingFile>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PendingFile {
    path: String,
    base64: String,
}

/// What [`resume_pending`] did with the pending event it found.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Resumed {
    /// The event was resubmitted to the log and appended with its answer.
    Appended {
        /// The event's sequence number.
        sequence: u64,
        /// Its type.
        event_type: EventType,
        /// What the log answered.
        log: crate::tlog::LogOutcome,
    },
    /// The bundle already held the event (the command died after appending it): the file was
    /// removed.
    AlreadyInBundle {
        /// The event's sequence number.
        sequence: u64,
    },
}

/// Keeps the signed event and the files appended with it (`files`, in order) beside the bundle
/// `b` (beside `b.origin`, the output `--out` names, when `b` is a copy: never beside the
/// input), durably, before it is submitted; returns where. Nothing is kept for a bundle that names no log.
pub(super) fn keep(b: &OpenBundle, st: &Documents, files: &[(String, Vec<u8>)]) -> Result<Option<PathBuf>, Error> {
    if st.manifest.log.is_none() {
        return Ok(None);
    }
    let (size, tail) = b.tail_binding()?;
    let doc = PendingDoc {
        format: PENDING_FORMAT.into(),
        bundle_id: st.manifest.bundle_id.clone(),
        bundle_size: size,
        bundle_tail_sha256: hex(&tail),
        files: files.iter().map(|(p, d)| PendingFile { path: p.clone(), base64: Base64::encode_string(d) }).collect(),
    };
    let bytes = serde_json::to_vec(&doc).map_err(|e| Error::Internal(e.to_string()))?;
    let path = pending_path(&b.origin);
    let mut tmp = fsutil::temp_beside(&path)?;
    tmp.write_all(&bytes).map_err(Error::io(tmp.path()))?;
    // Flushed, renamed into place and its folder flushed before the log is asked.
    fsutil::persist(tmp, &path, false)?;
    Ok(Some(path))
}

/// Removes a kept pending event once its event is appended, or the log refused it (nothing
/// was written).
pub(super) fn discard(path: Option<&Path>) -> Result<(), Error> {
    let Some(path) = path else { return Ok(()) };
    match std::fs::remove_file(path) {
        Ok(()) => fsutil::sync_dir(&parent_dir(path)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::Io { path: path.into(), source: e }),
    }
}

/// A logging error after which the pending event at `kept` stays (the log may hold the event):
/// the error, said to have left the event pending for `custody recover`.
pub(super) fn kept_after(e: Error, kept: Option<&Path>) -> Error {
    match kept {
        Some(path) => Error::PendingKept { path: path.into(), why: e.to_string() },
        None => e,
    }
}

/// A failed resubmission, naming the pending file and the way out: a slot taken refuses the
/// file (verify, then move it away); any other log failure keeps it for a retry (no
/// `--log-optional`: the resubmission is never written without a proof).
fn resubmit_failed(e: Error, named: &Path, path: &Path) -> Error {
    use crate::tlog::{ClientError as C, LogError as L};
    match e {
        Error::Log(L::Client(C::SlotTaken { .. })) => {
            Error::PendingEvent { path: named.into(), why: crate::wording::log::PENDING_SLOT_TAKEN.into() }
        }
        Error::Log(L::Client(c)) => {
            Error::PendingKept { path: path.into(), why: crate::wording::log::pending_resubmit_failed(c) }
        }
        Error::Log(l) => Error::PendingKept { path: path.into(), why: crate::wording::log::pending_resubmit_failed(l) },
        other => other,
    }
}

/// Refuses to change `bundle` into another output while an event is pending beside it: only a
/// command changing the bundle in place, or `custody recover`, completes it.
pub(crate) fn refuse_pending(bundle: &Path) -> Result<(), Error> {
    if pending_event(bundle) {
        return Err(Error::PendingFirst { path: bundle.into(), how: crate::wording::log::PENDING_FIRST });
    }
    Ok(())
}

/// Completes the event an interrupted command left pending beside `bundle`, if there is one:
/// checks it against the bundle as it is (see the module's doc), resubmits it to the log the
/// manifest names (the log must answer: a resubmission is never written without a proof),
/// appends it with the log's answer, and removes the file. A file that does not match is
/// refused ([`Error::PendingEvent`]) with nothing changed.
pub fn resume_pending(bundle: &Path) -> Result<Option<Resumed>, Error> {
    let path = pending_path(bundle);
    if path.symlink_metadata().is_err() {
        return Ok(None);
    }
    resume_at(bundle, &path, bundle, true, false)
}

/// Completes the event an interrupted `--out` command left pending beside `out`
/// (`<out>.custody-pending-event`, bound to `input` as it was): `input` is copied beside `out`,
/// the event checked and resubmitted as [`resume_pending`] does, appended to the copy, the copy
/// renamed to `out` (never replacing a file), and only then the pending file removed. `input`
/// is never changed. An `out` that exists already is never appended to (it may be `input`
/// itself, or a link to it): the pending file is removed only when `out` holds the event
/// already (the command died after renaming it), else refused with nothing changed.
pub fn resume_pending_into(input: &Path, out: &Path) -> Result<Option<Resumed>, Error> {
    let path = pending_path(out);
    if path.symlink_metadata().is_err() {
        return Ok(None);
    }
    if out.symlink_metadata().is_ok() {
        return resume_at(out, &path, out, true, true);
    }
    if crate::append::journal_pending(input) {
        return Err(Error::InterruptedUpdate { path: input.into() });
    }
    let tmp = fsutil::temp_beside(out)?;
    std::fs::copy(input, tmp.path()).map_err(Error::io(input))?;
    let resumed = resume_at(tmp.path(), &path, input, false, false).map_err(|e| e.naming(tmp.path(), input))?;
    fsutil::persist(tmp, out, false)?;
    discard(Some(&path))?;
    Ok(resumed)
}

/// [`resume_pending`] on the bundle at `bundle` (named `named` in errors) with the pending
/// file `path`, removed at the end when `remove` (else by the caller, once its copy is in place).
/// With `held_only`, `bundle` is an existing `--out` file: nothing is appended to it; the
/// pending file is removed if it holds the event already, else refused.
fn resume_at(
    bundle: &Path,
    path: &Path,
    named: &Path,
    remove: bool,
    held_only: bool,
) -> Result<Option<Resumed>, Error> {
    let refuse = |why: String| Error::PendingEvent { path: named.into(), why };
    let b = OpenBundle::open(bundle)?;
    let st = read_state(&b)?;
    // keep() writes none for a bundle without a log: such a file is planted, never completed.
    if st.manifest.log.is_none() {
        return Err(refuse(crate::wording::log::PENDING_NO_LOG.into()));
    }
    let files = read_pending(path).map_err(refuse)?;
    let (doc, files) = files;
    let (event, bytes) = pending_event_of(&files).map_err(refuse)?;
    let ev_path = event_path(event.sequence, event.event_type.as_str());
    // Appended already (the command died before removing the file): nothing to do but that.
    if st.tags.get(&ev_path).is_some_and(|held| *held == bytes) {
        drop(b);
        if remove {
            discard(Some(path))?;
        }
        return Ok(Some(Resumed::AlreadyInBundle { sequence: event.sequence }));
    }
    if held_only {
        return Err(refuse(crate::wording::log::PENDING_OUT_EXISTS.into()));
    }
    let (size, tail) = b.tail_binding()?;
    if doc.bundle_id != st.manifest.bundle_id {
        return Err(refuse(crate::wording::log::pending_other_bundle(&doc.bundle_id, &st.manifest.bundle_id)));
    }
    if doc.bundle_size != size || doc.bundle_tail_sha256 != hex(&tail) {
        return Err(refuse(crate::wording::log::PENDING_BUNDLE_CHANGED.into()));
    }
    check_event(&st, &event, &bytes, &files).map_err(refuse)?;
    let (proof, log) = super::log_appended(&st, &event, &bytes, false).map_err(|e| resubmit_failed(e, named, path))?;
    let mut new = files;
    new.extend(proof);
    let tag_manifest = tag_manifest_with(&st.tags, &st.large, &new);
    b.append(&new, &tag_manifest, event.time)?;
    if remove {
        discard(Some(path))?;
    }
    Ok(Some(Resumed::Appended { sequence: event.sequence, event_type: event.event_type, log }))
}

type PendingFiles = (PendingDoc, Vec<(String, Vec<u8>)>);

/// Reads the pending file: never through a link, at most [`MAX_PENDING`] bytes, strict JSON.
fn read_pending(path: &Path) -> Result<PendingFiles, String> {
    use crate::wording::log as w;
    let Some(f) = fsutil::open_regular(path).map_err(|e| e.to_string())? else {
        return Err(w::PENDING_NOT_REGULAR.into());
    };
    let mut bytes = Vec::new();
    f.take(MAX_PENDING + 1).read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_PENDING {
        return Err(w::pending_too_large(MAX_PENDING));
    }
    let doc: PendingDoc = serde_json::from_slice(&bytes).map_err(w::pending_unreadable)?;
    if doc.format != PENDING_FORMAT {
        return Err(w::pending_unreadable(format!("format {:?}", doc.format)));
    }
    let mut files = Vec::with_capacity(doc.files.len());
    // A set, not a search of the list: the file is untrusted, and 4 MiB holds about 10^5 names.
    let mut seen = std::collections::BTreeSet::new();
    for f in &doc.files {
        let data =
            Base64::decode_vec(&f.base64).map_err(|_| w::pending_unreadable(format!("{}: bad base64", f.path)))?;
        if !seen.insert(f.path.as_str()) {
            return Err(w::pending_unreadable(format!("{} twice", f.path)));
        }
        files.push((f.path.clone(), data));
    }
    Ok((doc, files))
}

/// The one event document among the pending files, parsed, with its bytes.
fn pending_event_of(files: &[(String, Vec<u8>)]) -> Result<(Event, Vec<u8>), String> {
    use crate::wording::log as w;
    let mut docs = files.iter().filter(|(p, _)| is_event_document(p));
    let (Some((path, bytes)), None) = (docs.next(), docs.next()) else {
        return Err(w::PENDING_NOT_ONE_EVENT.into());
    };
    let event: Event = crate::document::parse_document(bytes).map_err(w::pending_unreadable)?;
    if *path != event_path(event.sequence, event.event_type.as_str()) {
        return Err(w::pending_unreadable(format!("{path} does not hold the event its name says")));
    }
    Ok((event, bytes.clone()))
}

/// Whether the pending event extends the bundle `st` as a writer would have: its next event,
/// chained to its last, allowed by the custody rules, signed by the key it names, with
/// exactly the files it binds, its signature, and at most a token over that signature.
fn check_event(st: &Documents, event: &Event, bytes: &[u8], files: &[(String, Vec<u8>)]) -> Result<(), String> {
    use crate::wording::log as w;
    let (last, last_bytes) = &st.events[st.events.len() - 1];
    if event.bundle_id != st.manifest.bundle_id {
        return Err(w::pending_other_bundle(&event.bundle_id, &st.manifest.bundle_id));
    }
    if event.sequence != last.sequence + 1 || event.previous_event_sha256 != Some(Sha256Digest::of(last_bytes)) {
        return Err(w::pending_not_next(event.sequence, last.sequence));
    }
    st.chain.clone().apply(event).map_err(|r| w::pending_rule(r.code()))?;
    let ev_path = event_path(event.sequence, event.event_type.as_str());
    let sig_path = signature_path(&ev_path);
    let tok_path = token_path(&ev_path);
    let get = |p: &str| files.iter().find(|(n, _)| n == p).map(|(_, d)| d);
    let sig = get(&sig_path).ok_or_else(|| w::pending_unreadable(format!("no {sig_path}")))?;
    let extra: Vec<&(String, Vec<u8>)> =
        files.iter().filter(|(p, _)| *p != ev_path && *p != sig_path && *p != tok_path).collect();
    let bound: Vec<(&str, Sha256Digest)> = event.files.iter().map(|f| (f.path.as_str(), f.sha256)).collect();
    let carried: Vec<(&str, Sha256Digest)> = extra.iter().map(|(p, d)| (p.as_str(), Sha256Digest::of(d))).collect();
    if bound != carried {
        return Err(w::PENDING_FILES_UNBOUND.into());
    }
    if let Some(f) = crate::rules::first_file_not_allowed(event, extra.iter().map(|(p, _)| p.as_str())) {
        return Err(w::pending_unreadable(format!("a {} event may not add {f}", event.event_type.as_str())));
    }
    if let Some((p, _)) = files.iter().find(|(p, _)| st.tags.contains_key(p) || st.large.contains_key(p)) {
        return Err(w::pending_unreadable(format!("the bundle already has {p}")));
    }
    let kp = key_path(&event.signer.fingerprint.hex());
    let key_text = st.tags.get(&kp).or_else(|| get(&kp)).ok_or_else(|| w::pending_unreadable(format!("no {kp}")))?;
    let key = std::str::from_utf8(key_text)
        .ok()
        .and_then(|t| PublicKeyFile::from_file_text(t).ok())
        .filter(|k| k.key.fingerprint() == event.signer.fingerprint)
        .ok_or_else(|| w::pending_unreadable(format!("{kp} is not the signer's key")))?;
    if sig.len() != 64 || !key.key.verify(bytes, sig) {
        return Err(w::PENDING_BAD_SIGNATURE.into());
    }
    if let Some(token) = get(&tok_path) {
        crate::timestamp::verify_token(token, sig, None).map_err(w::pending_bad_token)?;
    }
    super::bounds::check_new_event(event.sequence, bytes.len() as u64).map_err(|e| e.to_string())?;
    Ok(())
}
