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

use super::{Documents, NewFile, read_state, tag_manifest_with_lines};
use crate::Error;
use crate::append::Content;
use crate::append::OpenBundle;
use crate::bagit::ManifestLine;
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
pub(super) struct PendingDoc {
    format: String,
    bundle_id: String,
    bundle_size: u64,
    bundle_tail_sha256: String,
    files: Vec<PendingFile>,
}

/// One file the pending append adds: its bytes inline (`base64`: the custody documents, all
/// small), or a reference (`from`) to where an attached file's bytes lie (a file of any size,
/// never copied here); exactly one of the two.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PendingFile {
    path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    base64: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    from: Option<PendingSource>,
}

/// Where an attached file's bytes lie: `size` bytes from `offset` of the file at an absolute
/// path, given as `file` (UTF-8) or, on Unix for a path that is not UTF-8 (a folder named in
/// Latin-1 on seized media), as its raw bytes in `file_base64`; exactly one of the two.
/// Untrusted like the rest: opened only if the signed event binds it, at the size its signed
/// statement gives, and used only if those bytes have the SHA-256 the event binds.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PendingSource {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    file_base64: Option<String>,
    offset: u64,
    size: u64,
}

impl PendingSource {
    /// The source of `size` bytes from `offset` of the file at the absolute path `file`.
    fn new(file: &Path, offset: u64, size: u64) -> Result<Self, Error> {
        if let Some(text) = file.to_str() {
            return Ok(PendingSource { file: Some(text.into()), file_base64: None, offset, size });
        }
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt as _;
            let raw = Base64::encode_string(file.as_os_str().as_bytes());
            Ok(PendingSource { file: None, file_base64: Some(raw), offset, size })
        }
        #[cfg(not(unix))]
        Err(Error::BadInput { field: "file", why: crate::wording::log::REFERENCE_NOT_UTF8.into(), remedy: None })
    }

    /// The absolute path it names, or why it names none.
    fn path(&self) -> Result<PathBuf, String> {
        use crate::wording::log as w;
        let path = match (&self.file, &self.file_base64) {
            (Some(text), None) => PathBuf::from(text),
            #[cfg(unix)]
            (None, Some(raw)) => {
                use std::os::unix::ffi::OsStrExt as _;
                let bytes = Base64::decode_vec(raw).map_err(|_| w::pending_unreadable(w::REFERENCE_BAD_PATH))?;
                PathBuf::from(std::ffi::OsStr::from_bytes(&bytes))
            }
            _ => return Err(w::pending_unreadable(w::REFERENCE_BAD_PATH)),
        };
        if !path.is_absolute() {
            return Err(w::pending_unreadable(w::reference_not_absolute(path.display())));
        }
        Ok(path)
    }
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
        /// Whether the pending file carried a trusted-time token for the event (its presence is
        /// not bound: nothing the holder signed covers it; without one, `custody timestamp`
        /// adds trusted time).
        timestamped: bool,
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
pub(super) fn keep(b: &OpenBundle, st: &Documents, files: &[NewFile]) -> Result<Option<PathBuf>, Error> {
    if st.manifest.log.is_none() {
        return Ok(None);
    }
    keep_bound(st, b.tail_binding()?, &b.origin, files)
}

/// [`keep`] for a bundle in the state `st` whose tail binding is `(size, tail)`
/// ([`OpenBundle::tail_binding`]): the file is kept beside `origin` (the output of a command
/// that writes a new bundle and never changes its input: a return or a destruction).
pub(super) fn keep_bound(
    st: &Documents,
    (size, tail): (u64, [u8; 32]),
    origin: &Path,
    files: &[NewFile],
) -> Result<Option<PathBuf>, Error> {
    if st.manifest.log.is_none() {
        return Ok(None);
    }
    let mut kept = Vec::with_capacity(files.len());
    for (path, content, _) in files {
        kept.push(match content {
            Content::Bytes(d) => PendingFile { path: path.clone(), base64: Some(Base64::encode_string(d)), from: None },
            // By its absolute, resolved path: `custody recover` may run from another folder.
            Content::File { path: file, offset, size, .. } => PendingFile {
                path: path.clone(),
                base64: None,
                from: Some(PendingSource::new(&std::fs::canonicalize(file).map_err(Error::io(file))?, *offset, *size)?),
            },
        });
    }
    let doc = PendingDoc {
        format: PENDING_FORMAT.into(),
        bundle_id: st.manifest.bundle_id.clone(),
        bundle_size: size,
        bundle_tail_sha256: hex(&tail),
        files: kept,
    };
    let bytes = serde_json::to_vec(&doc).map_err(|e| Error::Internal(e.to_string()))?;
    fits(&bytes)?;
    let path = pending_path(origin);
    let mut tmp = fsutil::temp_beside(&path)?;
    tmp.write_all(&bytes).map_err(Error::io(tmp.path()))?;
    // Flushed, renamed into place and its folder flushed before the log is asked.
    fsutil::persist(tmp, &path, false)?;
    Ok(Some(path))
}

/// Refuses a pending file that recovery would refuse as too large ([`MAX_PENDING`]): checked
/// before the event is submitted, never after the log holds it.
fn fits(bytes: &[u8]) -> Result<(), Error> {
    if bytes.len() as u64 > MAX_PENDING {
        return Err(Error::BadInput {
            field: "items",
            why: crate::wording::log::pending_too_large_to_keep(bytes.len(), MAX_PENDING),
            remedy: Some(crate::wording::log::PENDING_TOO_LARGE_REMEDY.into()),
        });
    }
    Ok(())
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
/// the error, said to have left the event pending for `custody recover` on `bundle` (in place),
/// or for `custody recover BUNDLE --out OUT` when `out` is given (a `--out` run).
pub(super) fn kept_after(e: Error, kept: Option<&Path>, bundle: &Path, out: Option<&Path>) -> Error {
    if kept.is_none() {
        return e;
    }
    // The client's reason alone: the log error's own advice (retry, or --log-optional) does
    // not hold for a kept event, which only `custody recover` completes.
    let why = match e {
        Error::Log(crate::tlog::LogError::Client(c)) => crate::wording::log::pending_not_logged(c),
        other => other.to_string(),
    };
    // Kept beside `out` (a --out run) or `bundle`: the error names that file.
    Error::PendingKept { path: bundle.into(), out: out.map(Path::to_path_buf), why }
}

/// An append that failed (`e`) after the log's answer (`log`), its event kept at `kept`: said to
/// be kept, with what to run ([`Error::PendingLogged`]), and logged only if the log accepted it
/// (a `--log-optional` run's log may have failed); `e` alone when nothing was kept (a bundle
/// without a log).
pub(super) fn logged_not_appended(
    e: Error,
    log: &crate::tlog::LogOutcome,
    kept: Option<&Path>,
    bundle: &Path,
    out: Option<&Path>,
) -> Error {
    if kept.is_none() {
        return e;
    }
    let logged = matches!(log, crate::tlog::LogOutcome::Logged { .. });
    Error::PendingLogged { path: bundle.into(), out: out.map(Path::to_path_buf), why: Box::new(e), logged }
}

/// Whether the log answered a submission with a definite refusal: the slot taken, or another
/// 4xx that is not a "try again later" (408, 429). Such an answer comes before the log stores
/// anything (custody-log answers 5xx for any failure after its commit; docs/custody-log.md
/// §5.2), so the event is surely not logged and can never be as it is.
pub(super) fn log_refused(e: &Error) -> bool {
    use crate::tlog::{ClientError as C, LogError as L};
    match e {
        Error::Log(L::Client(C::SlotTaken { .. })) => true,
        Error::Log(L::Client(C::HttpStatus { status, .. })) => {
            (400..500).contains(status) && ![408, 429].contains(status)
        }
        _ => false,
    }
}

/// A failed resubmission of the pending event in `file`, for the bundle `shown` (the input of a
/// `--out` run into `out`), naming the pending file and the way out: a definite refusal by the log
/// ([`log_refused`], the same rule as a first submission's) refuses the file (verify, then move it
/// away); any other log failure (unreachable, timeout, 5xx, 408/429, an answer that does not
/// check) keeps it for a retry (no `--log-optional`: the resubmission is never written without a
/// proof).
pub(super) fn resubmit_failed(e: Error, shown: &Path, file: &Path, out: Option<&Path>) -> Error {
    use crate::tlog::{ClientError as C, LogError as L};
    let refused = |why: String| Error::PendingEvent { path: shown.into(), file: file.into(), why };
    if log_refused(&e) {
        return match e {
            Error::Log(L::Client(C::SlotTaken { .. })) => refused(crate::wording::log::PENDING_SLOT_TAKEN.into()),
            other => refused(crate::wording::log::pending_log_refused(other)),
        };
    }
    let why = match e {
        // The client's reason alone: the log error's advice (--log-optional) does not hold here.
        Error::Log(L::Client(c)) => crate::wording::log::pending_resubmit_failed(c),
        Error::Log(l) => crate::wording::log::pending_resubmit_failed(l),
        other => return other,
    };
    Error::PendingKept { path: shown.into(), out: out.map(Path::to_path_buf), why }
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
    resume_at(bundle, &path, bundle, Mode::InPlace)
}

/// Completes the event an interrupted `--out` command left pending beside `out`
/// (`<out>.custody-pending-event`, bound to `input` as it was): `input` is copied beside `out`,
/// the event checked and resubmitted as [`resume_pending`] does, appended to the copy, the copy
/// renamed to `out` (never replacing a file), and only then the pending file removed. `input`
/// is never changed. An `out` that exists already is never appended to (it may be `input`
/// itself, or a link to it): the pending file is removed only when `out` holds the event
/// already (the command died after renaming it), else refused with nothing changed. A return or
/// a destruction is completed by writing `out` without the files of the items it names.
/// Refused ([`Error::InterruptedUpdate`]), pending file or not, while an interrupted update of
/// `input` waits for its recovery in place.
pub fn resume_pending_into(input: &Path, out: &Path) -> Result<Option<Resumed>, Error> {
    // Whatever lies beside OUT: an interrupted update of the input is its own recovery's, in
    // place (`custody recover INPUT`), which this never does; said, never passed over as clean.
    if crate::append::journal_pending(input) {
        return Err(Error::InterruptedUpdate { path: input.into() });
    }
    let path = pending_path(out);
    if path.symlink_metadata().is_err() {
        return Ok(None);
    }
    if out.symlink_metadata().is_ok() {
        return resume_at(out, &path, out, Mode::HeldOnly);
    }
    // A return or a destruction is completed by writing the new bundle without the items'
    // files, as the command would have, never by appending to a copy of the input. The file is
    // read once for that: what chose the path is what the path completes (a file that does not
    // read is refused by resume_at's checks; one replaced by a removal after this read, by its
    // own refusal of a removal).
    if let Ok(read) = read_pending(&path)
        && pending_event_of(&read.1).is_ok_and(|(e, _)| removes_payload(&e))
    {
        return super::dispose::resume_removal(input, &path, out, read).map(Some);
    }
    let tmp = fsutil::temp_beside(out)?;
    std::fs::copy(input, tmp.path()).map_err(Error::io(input))?;
    let resumed = resume_at(tmp.path(), &path, input, Mode::Copy(out)).map_err(|e| e.naming(tmp.path(), input))?;
    persist_out(tmp, input, out)?;
    discard(Some(&path))?;
    Ok(resumed)
}

/// Renames the copy `tmp` (of `input`, with the pending event appended) to `out`, never replacing
/// a file: a file that appeared at `out` meanwhile is [`Error::PendingOutTaken`] (the event is
/// logged and stays pending beside `out`), not a bare "exists".
pub(super) fn persist_out(tmp: tempfile::NamedTempFile, input: &Path, out: &Path) -> Result<(), Error> {
    match fsutil::persist(tmp, out, false) {
        Err(Error::Exists { .. }) if pending_event(out) => {
            Err(Error::PendingOutTaken { path: input.into(), out: out.into(), file: pending_path(out) })
        }
        other => other,
    }
}

/// Where [`resume_at`] completes the pending event.
#[derive(Clone, Copy)]
enum Mode<'a> {
    /// Appended to the bundle in place, the pending file removed after.
    InPlace,
    /// Appended to a copy that the caller renames to this `--out` file, then removes the file.
    Copy(&'a Path),
    /// The bundle is an existing `--out` file: nothing is appended to it; the pending file is
    /// removed if it holds the event already, else refused.
    HeldOnly,
}

/// [`resume_pending`] on the bundle at `bundle` (named `shown` in errors) with the pending file
/// `file`, as `mode` says.
fn resume_at(bundle: &Path, file: &Path, shown: &Path, mode: Mode<'_>) -> Result<Option<Resumed>, Error> {
    let refuse = |why: String| Error::PendingEvent { path: shown.into(), file: file.into(), why };
    let remove = !matches!(mode, Mode::Copy(_));
    let out = match mode {
        Mode::Copy(out) => Some(out),
        _ => None,
    };
    let b = OpenBundle::open(bundle)?;
    let st = read_state(&b)?;
    // keep() writes none for a bundle without a log: such a file is planted, never completed.
    if st.manifest.log.is_none() {
        return Err(refuse(crate::wording::log::PENDING_NO_LOG.into()));
    }
    let (doc, files) = read_pending(file).map_err(refuse)?;
    let (event, bytes) = pending_event_of(&files).map_err(refuse)?;
    let ev_path = event_path(event.sequence, event.event_type.as_str());
    // Appended already (the command died before removing the file): nothing to do but that.
    if st.tags.get(&ev_path).is_some_and(|held| *held == bytes) {
        drop(b);
        if remove {
            discard(Some(file))?;
        }
        return Ok(Some(Resumed::AlreadyInBundle { sequence: event.sequence }));
    }
    if matches!(mode, Mode::HeldOnly) {
        return Err(refuse(crate::wording::log::PENDING_OUT_EXISTS.into()));
    }
    // Appended to the bundle, a return or a destruction would leave the files it removes.
    if removes_payload(&event) {
        return Err(refuse(crate::wording::log::PENDING_REMOVAL_IN_PLACE.into()));
    }
    bound_to(&doc, &st, b.tail_binding()?).map_err(refuse)?;
    // In the order of an uninterrupted append, whatever the file's: the files the event binds
    // (in its order), the event, its signature, its token.
    let mut new = check_event(&st, &event, &bytes, files).map_err(refuse)?;
    let (proof, log) =
        super::log_appended(&st, &event, &bytes, false).map_err(|e| resubmit_failed(e, shown, file, out))?;
    let timestamped = new.iter().any(|(p, _, _)| *p == token_path(&ev_path));
    new.extend(proof.map(|(p, d)| super::held(p, d)));
    let lines = new.iter().map(|(p, _, sha)| ManifestLine { sha256: *sha, path: p.clone() }).collect();
    let tag_manifest = tag_manifest_with_lines(&st.tags, &st.large, lines);
    b.append_content(new.into_iter().map(|(p, d, _)| (p, d)).collect(), &tag_manifest, event.time)
        .map_err(|e| logged_not_appended(e, &log, Some(file), shown, out))?;
    if remove {
        discard(Some(file))?;
    }
    Ok(Some(Resumed::Appended { sequence: event.sequence, event_type: event.event_type, log, timestamped }))
}

/// Whether the pending file binds the bundle in the state `st` with the tail binding
/// `(size, tail)`: its id, size and tail; or why not.
pub(super) fn bound_to(doc: &PendingDoc, st: &Documents, (size, tail): (u64, [u8; 32])) -> Result<(), String> {
    if doc.bundle_id != st.manifest.bundle_id {
        return Err(crate::wording::log::pending_other_bundle(&doc.bundle_id, &st.manifest.bundle_id));
    }
    if doc.bundle_size != size || doc.bundle_tail_sha256 != hex(&tail) {
        return Err(crate::wording::log::PENDING_BUNDLE_CHANGED.into());
    }
    Ok(())
}

/// Whether `event` is a return or a destruction: a disposition written as a new bundle without
/// the items' files (spec §5.11).
pub(super) fn removes_payload(event: &Event) -> bool {
    event.disposition.as_ref().is_some_and(|d| d.removes_payload())
}

pub(super) type PendingFiles = (PendingDoc, Vec<(String, Content)>);

/// Reads the pending file: never through a link, at most [`MAX_PENDING`] bytes, strict JSON.
/// A file given by reference is returned as a [`Content::File`] whose SHA-256 is not yet known.
pub(super) fn read_pending(path: &Path) -> Result<PendingFiles, String> {
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
        return Err(w::pending_unreadable(w::pending_format(&doc.format)));
    }
    let mut files = Vec::with_capacity(doc.files.len());
    // A set, not a search of the list: the file is untrusted, and 4 MiB holds about 10^5 names.
    let mut seen = std::collections::BTreeSet::new();
    for f in &doc.files {
        if !seen.insert(f.path.as_str()) {
            return Err(w::pending_unreadable(w::pending_path_twice(&f.path)));
        }
        let content = match (&f.base64, &f.from) {
            (Some(b), None) => Content::Bytes(
                Base64::decode_vec(b).map_err(|_| w::pending_unreadable(w::pending_bad_base64(&f.path)))?,
            ),
            (None, Some(s)) => Content::File { path: s.path()?, offset: s.offset, size: s.size, sha256: None },
            _ => return Err(w::pending_unreadable(w::neither_inline_nor_reference(&f.path))),
        };
        files.push((f.path.clone(), content));
    }
    Ok((doc, files))
}

/// The bytes of a pending file held inline, if it is.
fn inline(c: &Content) -> Option<&Vec<u8>> {
    match c {
        Content::Bytes(d) => Some(d),
        Content::File { .. } => None,
    }
}

/// The one event document among the pending files, parsed, with its bytes.
pub(super) fn pending_event_of(files: &[(String, Content)]) -> Result<(Event, Vec<u8>), String> {
    use crate::wording::log as w;
    let mut docs = files.iter().filter(|(p, _)| is_event_document(p));
    let (Some((path, content)), None) = (docs.next(), docs.next()) else {
        return Err(w::PENDING_NOT_ONE_EVENT.into());
    };
    let bytes = inline(content).ok_or_else(|| w::pending_unreadable(w::not_held_inline(path)))?;
    let event: Event = crate::document::parse_document(bytes).map_err(w::pending_unreadable)?;
    if *path != event_path(event.sequence, event.event_type.as_str()) {
        return Err(w::pending_unreadable(w::pending_event_misnamed(path)));
    }
    Ok((event, bytes.clone()))
}

/// The SHA-256 of the `size` bytes from `offset` of the file at `file` (a reference the signed
/// event binds, `size` the size its signed statement gives: never through a link, a regular
/// file only), read as a stream; or why not.
fn referenced_sha256(file: &Path, offset: u64, size: u64) -> Result<Sha256Digest, String> {
    use crate::wording::log as w;
    use std::io::{Seek, SeekFrom};
    let fail = |e: &dyn std::fmt::Display| w::pending_reference_unreadable(file.display(), e);
    let mut f = fsutil::open_regular(file).map_err(|e| fail(&e))?.ok_or_else(|| fail(&w::REFERENCE_NOT_REGULAR))?;
    let len = f.metadata().map_err(|e| fail(&e))?.len();
    if offset.checked_add(size).is_none_or(|end| end > len) {
        return Err(fail(&w::reference_too_short(size, offset)));
    }
    f.seek(SeekFrom::Start(offset)).map_err(|e| fail(&e))?;
    use sha2::Digest as _;
    let (mut h, mut left, mut buf) = (sha2::Sha256::new(), size, vec![0u8; 1 << 16]);
    let mut r = f.take(size);
    while left > 0 {
        let n = r.read(&mut buf).map_err(|e| fail(&e))?;
        if n == 0 {
            return Err(fail(&w::REFERENCE_CHANGED_WHILE_READ));
        }
        h.update(&buf[..n]);
        left -= n as u64;
    }
    Ok(Sha256Digest(h.finalize().into()))
}

/// Whether the pending event extends the bundle `st` as a writer would have: its next event,
/// chained to its last, allowed by the custody rules, signed by the key it names, with
/// exactly the files it binds, its signature, and at most a token over that signature.
///
/// In two phases, so that a planted file makes custody read nothing but itself: first every
/// check that needs no referenced byte (the names of the files against those the event binds,
/// the inline files' SHA-256, the custody rules, "already has", the key, the signature, the
/// token, the bounds); only then the references, each a path the signed event binds, once,
/// its size required to be the one the signed statement gives for it, then read and hashed.
/// Returns the files to append in the order of an uninterrupted append (the bound files in the
/// event's order, the event, its signature, its token), each with its SHA-256; a referenced
/// file's is checked again as it is copied.
pub(super) fn check_event(
    st: &Documents,
    event: &Event,
    bytes: &[u8],
    files: Vec<(String, Content)>,
) -> Result<Vec<NewFile>, String> {
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
    let held = |p: &str| files.iter().find(|(n, _)| n == p).map(|(_, d)| inline(d));
    let sig = held(&sig_path).flatten().ok_or_else(|| w::pending_unreadable(w::pending_lacks(&sig_path)))?.clone();
    let token = match held(&tok_path) {
        None => None,
        Some(Some(t)) => Some(t.clone()),
        Some(None) => return Err(w::pending_unreadable(w::not_held_inline(&tok_path))),
    };
    // Phase 1: nothing but the pending file itself is read.
    let extra: Vec<&(String, Content)> =
        files.iter().filter(|(p, _)| *p != ev_path && *p != sig_path && *p != tok_path).collect();
    let bound: std::collections::BTreeMap<&str, Sha256Digest> =
        event.files.iter().map(|f| (f.path.as_str(), f.sha256)).collect();
    // read_pending refused a path given twice: the names are a set.
    let names_bound = bound.len() == event.files.len()
        && extra.len() == bound.len()
        && extra.iter().all(|(p, _)| bound.contains_key(p.as_str()));
    if !names_bound {
        return Err(w::PENDING_FILES_UNBOUND.into());
    }
    if extra.iter().any(|(p, c)| inline(c).is_some_and(|d| bound.get(p.as_str()) != Some(&Sha256Digest::of(d)))) {
        return Err(w::PENDING_FILES_UNBOUND.into());
    }
    let statement = match event.statement_ref() {
        Some(r) => {
            let text =
                held(&r.statement).flatten().ok_or_else(|| w::pending_unreadable(w::pending_lacks(&r.statement)))?;
            Some(crate::statement::parse_statement(text).map_err(w::pending_unreadable)?)
        }
        None => None,
    };
    let paths = extra.iter().map(|(p, _)| p.as_str());
    if let Some(f) = crate::rules::first_file_not_allowed_by(event, statement.as_ref(), paths) {
        return Err(w::pending_unreadable(w::pending_may_not_add(event.event_type.as_str(), f)));
    }
    if let Some((p, _)) = files.iter().find(|(p, _)| st.tags.contains_key(p) || st.large.contains_key(p)) {
        return Err(w::pending_unreadable(w::pending_already_has(p)));
    }
    let kp = key_path(&event.signer.fingerprint.hex());
    let key_text =
        st.tags.get(&kp).or_else(|| held(&kp).flatten()).ok_or_else(|| w::pending_unreadable(w::pending_lacks(&kp)))?;
    let key = std::str::from_utf8(key_text)
        .ok()
        .and_then(|t| PublicKeyFile::from_file_text(t).ok())
        .filter(|k| k.key.fingerprint() == event.signer.fingerprint)
        .ok_or_else(|| w::pending_unreadable(w::pending_not_signer_key(&kp)))?;
    if sig.len() != 64 || !key.key.verify(bytes, &sig) {
        return Err(w::PENDING_BAD_SIGNATURE.into());
    }
    if let Some(token) = &token {
        crate::timestamp::verify_token(token, &sig, None).map_err(w::pending_bad_token)?;
    }
    super::bounds::check_new_event(event.sequence, bytes.len() as u64).map_err(|e| e.to_string())?;
    // Phase 2: the references, each a path the signed event binds (checked above), read once,
    // no more bytes than its signed statement gives for it.
    let signed_sizes: std::collections::BTreeMap<String, u64> = statement
        .iter()
        .flat_map(|s| s.attachments())
        .map(|a| (crate::layout::attachment_path(event.sequence, &a.name), a.size))
        .collect();
    let mut order: std::collections::BTreeMap<&str, NewFile> = std::collections::BTreeMap::new();
    for (p, c) in extra {
        let Some(&want) = bound.get(p.as_str()) else { return Err(w::PENDING_FILES_UNBOUND.into()) };
        let content = match c {
            Content::Bytes(d) => Content::Bytes(d.clone()),
            Content::File { path, offset, size, .. } => {
                if signed_sizes.get(p) != Some(size) {
                    return Err(w::pending_reference_not_signed_size(p));
                }
                if referenced_sha256(path, *offset, *size)? != want {
                    return Err(w::pending_reference_changed(path.display()));
                }
                Content::File { path: path.clone(), offset: *offset, size: *size, sha256: Some(want) }
            }
        };
        order.insert(p.as_str(), (p.clone(), content, want));
    }
    let mut new: Vec<NewFile> = event.files.iter().filter_map(|f| order.remove(f.path.as_str())).collect();
    new.push(super::held(ev_path, bytes.to_vec()));
    new.push(super::held(sig_path, sig));
    new.extend(token.map(|t| super::held(tok_path, t)));
    Ok(new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tlog::{ClientError as C, LogError as L};

    /// A pending file is kept only if recovery reads it back: one byte over is refused (before
    /// the event is submitted).
    #[test]
    fn a_pending_file_larger_than_recovery_reads_is_never_kept() {
        let limit = usize::try_from(MAX_PENDING).unwrap();
        assert!(fits(&vec![b' '; limit]).is_ok());
        let e = fits(&vec![b' '; limit + 1]).unwrap_err();
        assert!(matches!(e, Error::BadInput { field: "items", .. }), "a refusal of the input, not internal: {e:?}");
        assert_eq!(crate::exit::ErrorKind::of(&e), crate::exit::ErrorKind::Input);
        let e = e.to_string();
        assert!(e.contains("more than the 4194304 bytes custody reads back"), "{e}");
        assert!(e.contains(crate::wording::log::PENDING_TOO_LARGE_REMEDY), "{e}");
    }

    fn status(status: u16) -> Error {
        Error::Log(L::Client(C::HttpStatus { url: "http://log.invalid".into(), status, why: String::new() }))
    }

    /// A definite refusal (the slot taken, another 4xx) is told from a "try again" answer (408,
    /// 429, 5xx, unreachable) in one rule, for a first submission and a resubmission alike.
    #[test]
    fn a_definite_4xx_is_a_refusal_a_try_again_answer_is_not() {
        let slot = Error::Log(L::Client(C::SlotTaken { url: "http://log.invalid".into() }));
        let down = Error::Log(L::Client(C::Unreachable { url: "http://log.invalid".into(), why: "refused".into() }));
        for e in [&slot, &status(400), &status(403), &status(404)] {
            assert!(log_refused(e), "{e}");
            assert!(super::super::never_logged(e), "{e}");
        }
        for e in [&status(408), &status(429), &status(500), &status(503), &down] {
            assert!(!log_refused(e), "{e}");
        }
        // 408 and 429 come before the log takes the event: a first submission drops it.
        assert!(super::super::never_logged(&status(429)) && !super::super::never_logged(&status(503)));
    }

    /// A resubmission refused with a 4xx names the pending file given (beside OUT for a
    /// `--out` run) and says to move it away; a 5xx keeps it, naming the command that completes
    /// it (`custody recover INPUT --out OUT`).
    #[test]
    fn a_failed_resubmission_names_the_pending_file_and_the_command() {
        let (input, file, out) =
            (Path::new("in.zip"), Path::new("out/new.zip.custody-pending-event"), Path::new("out/new.zip"));
        let refused = resubmit_failed(status(400), input, file, Some(out)).to_string();
        assert!(refused.starts_with("out/new.zip.custody-pending-event holds an event"), "{refused}");
        assert!(refused.contains("the custody log refused it") && refused.contains("move that file away"), "{refused}");
        let kept = resubmit_failed(status(503), input, file, Some(out)).to_string();
        assert!(kept.contains("kept, signed, in out/new.zip.custody-pending-event"), "{kept}");
        assert!(kept.contains("run custody recover in.zip --out out/new.zip when"), "{kept}");
        let in_place = resubmit_failed(status(503), input, Path::new("in.zip.custody-pending-event"), None).to_string();
        assert!(in_place.contains("run custody recover in.zip when"), "{in_place}");
    }

    /// A pending file that was chosen as a return or a destruction but holds another event when
    /// the removal is completed (replaced beside OUT between reads, or passed in by mistake) is
    /// refused as input (PendingEvent, the reason said), never Internal, and never completed by
    /// writing OUT without payload: nothing is written, the file kept.
    #[test]
    fn a_removal_completed_from_an_event_that_removes_nothing_is_refused_as_input() {
        let input = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/log-two-events.zip");
        let archive = super::super::dispose::open_input(&input).unwrap();
        let st = super::super::read_state_of(&archive, &input).unwrap();
        let (size, tail) = crate::append::tail_binding_of(&archive, &input).unwrap();
        let (event, bytes) = st.events.last().unwrap().clone();
        assert!(!removes_payload(&event), "the vector's last event removes nothing");
        let doc = PendingDoc {
            format: PENDING_FORMAT.into(),
            bundle_id: st.manifest.bundle_id.clone(),
            bundle_size: size,
            bundle_tail_sha256: hex(&tail),
            files: Vec::new(),
        };
        let files = vec![(event_path(event.sequence, event.event_type.as_str()), Content::Bytes(bytes))];
        let dir = tempfile::tempdir().unwrap();
        let (out, file) = (dir.path().join("new.zip"), dir.path().join("new.zip.custody-pending-event"));
        std::fs::write(&file, b"kept").unwrap();
        let e = super::super::dispose::resume_removal(&input, &file, &out, (doc, files)).unwrap_err();
        let Error::PendingEvent { why, .. } = &e else { panic!("a refusal of the pending file, not {e:?}") };
        assert_eq!(why, crate::wording::log::PENDING_NOT_REMOVAL);
        assert_ne!(crate::exit::ErrorKind::of(&e), crate::exit::ErrorKind::Internal, "hostile input, not a bug");
        assert!(!out.exists(), "no OUT without payload for an event that removes nothing");
        assert_eq!(std::fs::read(&file).unwrap(), b"kept");
    }
}
