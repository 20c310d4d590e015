//! Dispositions (spec §5.11): the custodian records what became of the evidence. A
//! retention extension is appended like any event (in place, through the journal, or to a
//! copy). A return or a destruction writes a **new** bundle without the items' payload files:
//! every other entry is copied as it is (payload streamed, never held whole), the derived
//! `bag-info.txt` and `manifest-sha256.txt` are written for what remains, and the signed
//! disposition event is added. The original is never modified: it still holds the data, and
//! its holder must destroy it by their own secure means. For a bundle naming a custody log, the
//! signed event is kept beside the new bundle before the log is asked (pending.rs), and an
//! interrupted run is completed by rewriting it from the input (`resume_removal`).

use std::collections::BTreeSet;
use std::io::BufWriter;
use std::path::Path;

use super::{
    Appended, Documents, append_event, append_on, event_time, new_event, pending, read_state, read_state_of,
    refuse_if_invalid, refused, verify_open,
};
use crate::archive::{Archive, ArchiveWriter, Entry, FileSource, Source};
use crate::bagit::{self, ManifestLine};
use crate::digest::Sha256Digest;
use crate::document::to_json;
use crate::event::{Disposition, DispositionAction, EventType, FileRef};
use crate::fsutil::{self, SequentialOutput};
use crate::keys::KeyPair;
use crate::layout::{BAG_INFO_PATH, PAYLOAD_MANIFEST_PATH, TAG_MANIFEST_PATH, event_path, signature_path};
use crate::rules::{self, DetailsRefusal};
use crate::time::Timestamp;
use crate::timestamp::Stamping;
use crate::verify::{self, VerifyOptions};
use crate::{Action, Error};

/// What to record. Made with [`DisposeOptions::new`]; the optional fields are then set.
#[derive(Clone)]
#[non_exhaustive]
pub struct DisposeOptions<'a> {
    /// The current custodian's key.
    pub key: &'a KeyPair,
    /// The disposition as it will be signed (its rules: [`rules::check_disposition`]).
    pub disposition: Disposition,
    /// The event time; now if `None` (fixed only for test vectors).
    pub time: Option<Timestamp>,
    /// Trusted time for the event from a timestamp authority; none if `None`.
    pub stamping: Option<Stamping>,
    /// If the custody log the bundle names fails, write the event without its log proof
    /// (spec §6.5, `--log-optional`) instead of failing with nothing written.
    pub log_optional: bool,
    /// Threads for hashing the payload when the bundle is verified first; 0: one per CPU.
    pub jobs: usize,
}

impl<'a> DisposeOptions<'a> {
    /// A disposition `action` by `key` for `reason`, of every item, with no other member.
    pub fn new(key: &'a KeyPair, action: DispositionAction, reason: impl Into<String>) -> Self {
        let disposition = Disposition {
            action,
            reason: reason.into(),
            items: None,
            method: None,
            returned_to: None,
            keep_until: None,
            legal_basis: None,
        };
        DisposeOptions { key, disposition, time: None, stamping: None, log_optional: false, jobs: 0 }
    }
}

/// An item a return or a destruction removed from the new bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemovedItem {
    /// The item's id.
    pub item: String,
    /// The bundle paths of its files, no longer in the new bundle.
    pub files: Vec<String>,
    /// Their total size in bytes.
    pub bytes: u64,
}

/// What a disposition recorded, and what it removed.
#[derive(Debug, Clone)]
pub struct Disposed {
    /// The event appended, and the bundle that holds it.
    pub appended: Appended,
    /// The items removed (for a return or a destruction), in manifest order.
    pub removed: Vec<RemovedItem>,
}

/// Records a disposition (spec §5.11). `retention_extended` appends to the bundle (or to a
/// copy at `out`) like every event; `returned` and `destroyed` need `out`, a path that does
/// not exist, where the new bundle appears whole or not at all; `bundle` is never modified.
/// Refused when the bundle does not verify ([`Error::NotVerified`], its payload hashed for a
/// return or a destruction), when the key is not the custodian's or a transfer is pending
/// ([`Error::NotCustodian`], [`Error::TransferPending`]), and for an item the manifest does
/// not describe or that an earlier disposition removed ([`Error::BadInput`]).
pub fn dispose(bundle: &Path, out: Option<&Path>, opts: &DisposeOptions) -> Result<Disposed, Error> {
    rules::check_disposition(&opts.disposition).map_err(refused_details)?;
    if !opts.disposition.removes_payload() {
        let appended = append_on(bundle, out, |b| {
            let report = verify_open(&b, false, 0, None)?;
            refuse_if_invalid(&report, Action::Dispose)?;
            let st = read_state(&b)?;
            st.chain
                .may_record(EventType::Disposition, &opts.key.public().fingerprint())
                .map_err(|r| refused(r, opts.key))?;
            let now = rules::retention_now(&st.manifest, st.events.iter().map(|(e, _)| e));
            rules::check_retention_extends(&opts.disposition, now).map_err(refused_details)?;
            let mut ev = new_event(&st, opts.key, EventType::Disposition, event_time(opts.time, st.last())?);
            ev.disposition = Some(opts.disposition.clone());
            append_event(b, &st, opts.key, ev, Vec::new(), opts.stamping.as_ref(), opts.log_optional)
        })?;
        return Ok(Disposed { appended, removed: Vec::new() });
    }
    let out = out.ok_or_else(|| Error::BadInput {
        field: "out",
        why: format!(
            "a disposition '{}' writes a new bundle without the items' files; the original is never changed",
            opts.disposition.action.as_str()
        ),
        remedy: Some("name the new bundle's path".into()),
    })?;
    if out.symlink_metadata().is_ok() {
        return Err(Error::Exists { path: out.into(), hint: "choose another output name" });
    }
    // An event pending beside the input or OUT is completed first, never signed again as this
    // one (docs/custody-log.md §5.2).
    super::pending::refuse_pending(bundle)?;
    if super::pending::pending_event(out) {
        return Err(Error::PendingFirst { path: out.into(), how: crate::wording::log::PENDING_OUT_FIRST });
    }
    if crate::append::journal_pending(bundle) {
        return Err(Error::InterruptedUpdate { path: bundle.into() });
    }
    let archive = open_input(bundle)?;
    // The whole bundle, payload included, must verify: what is kept is copied as it is.
    verify_input(&archive, bundle, opts.jobs, Action::Dispose)?;
    let st = read_state_of(&archive, bundle)?;
    st.chain.may_record(EventType::Disposition, &opts.key.public().fingerprint()).map_err(|r| refused(r, opts.key))?;
    let removed = items_to_remove(&st, &opts.disposition)?;
    let mut ev = new_event(&st, opts.key, EventType::Disposition, event_time(opts.time, st.last())?);
    // The signed record names exactly the items removed, even when every item left was meant.
    let mut disposition = opts.disposition.clone();
    disposition.items = Some(removed.iter().map(|r| r.item.clone()).collect());
    ev.disposition = Some(disposition);
    ev.files = Vec::<FileRef>::new();
    let bytes = to_json(&ev);
    super::bounds::check_new_event(ev.sequence, bytes.len() as u64)?;
    let sig = opts.key.sign(&bytes)?.to_vec();
    let path = event_path(ev.sequence, ev.event_type.as_str());
    let (token, timestamp) = crate::timestamp::stamp(opts.stamping.as_ref(), &path, &sig)?;
    let mut new = vec![(path.clone(), bytes.clone()), (signature_path(&path), sig)];
    new.extend(token);
    // Kept beside OUT, bound to the input as it is, before the log is asked (as every logged
    // append: pending.rs): a crash after the log's answer is completed by `custody recover
    // BUNDLE --out OUT`, which resubmits this very event and writes OUT as this run would.
    let keep: Vec<_> = new.iter().map(|(p, d)| super::held(p.clone(), d.clone())).collect();
    let kept = pending::keep_bound(&st, crate::append::tail_binding_of(&archive, bundle)?, out, &keep)?;
    let (proof, log) = match super::log_appended(&st, &ev, &bytes, opts.log_optional) {
        Ok(answer) => answer,
        Err(e) if super::never_logged(&e) => {
            pending::discard(kept.as_deref())?;
            return Err(e);
        }
        Err(e) => return Err(pending::kept_after(e, kept.as_deref(), bundle, Some(out))),
    };
    crate::append::crash_point("after-log");
    new.extend(proof);
    write_without(&archive, &st, &removed, &new, ev.time, bundle, out).map_err(|e| match e {
        taken @ Error::PendingOutTaken { .. } => taken,
        e => pending::logged_not_appended(e, &log, kept.as_deref(), bundle, Some(out)),
    })?;
    crate::append::crash_point("after-out-rename");
    pending::discard(kept.as_deref())?;
    let appended = Appended { bundle: out.to_path_buf(), event: ev, event_path: path, timestamp, parties: None, log };
    Ok(Disposed { appended, removed })
}

/// The bundle at `path` opened for reading only (never locked or changed): refused if it is
/// encrypted or not a bundle.
pub(super) fn open_input(path: &Path) -> Result<Archive<FileSource>, Error> {
    let file = std::fs::File::open(path).map_err(Error::io(path))?;
    crate::envelope::refuse_encrypted(&file).map_err(|source| Error::Envelope { path: path.into(), source })?;
    let source = FileSource::new(file).map_err(Error::io(path))?;
    Archive::open(Box::new(source)).map_err(|e| match e {
        crate::archive::ArchiveError::UnsupportedFormat(version) => {
            Error::UnsupportedFormat { path: path.into(), version }
        }
        source => Error::Archive { path: path.into(), source },
    })
}

/// Refuses a bundle that does not verify, payload included (hashed with `jobs` threads; 0: one
/// per CPU): a return or a destruction copies what it keeps as it is. `action` names what is
/// refused (the command's or recover's).
pub(super) fn verify_input(
    archive: &Archive<FileSource>,
    path: &Path,
    jobs: usize,
    action: Action,
) -> Result<(), Error> {
    let opts = VerifyOptions { jobs, ..Default::default() };
    let report = verify::verify_archive(archive, &path.display().to_string(), &opts);
    refuse_if_invalid(&report, action)
}

/// Completes a return or a destruction an interrupted `custody dispose` left pending beside
/// `out` (`file`), bound to `input` as it was: the input is verified (payload included, as the
/// command did), the event checked as [`pending::resume_pending`] checks one, resubmitted, and the new
/// bundle written to `out` without the files of the items the signed event names, with the
/// log's answer; only then is `file` removed. `input` is never changed. `read` is `file` as the
/// caller read it (once: never read again here); an event in it that is not a return or a
/// destruction is refused ([`Error::PendingEvent`]) before anything else is read.
pub(super) fn resume_removal(
    input: &Path,
    file: &Path,
    out: &Path,
    (doc, files): pending::PendingFiles,
) -> Result<pending::Resumed, Error> {
    let refuse = |why: String| Error::PendingEvent { path: input.into(), file: file.into(), why };
    let (event, bytes) = pending::pending_event_of(&files).map_err(refuse)?;
    let Some(disposition) = event.disposition.clone().filter(|d| d.removes_payload()) else {
        return Err(refuse(crate::wording::log::PENDING_NOT_REMOVAL.into()));
    };
    let disposition = &disposition;
    let archive = open_input(input)?;
    let st = read_state_of(&archive, input)?;
    if st.manifest.log.is_none() {
        return Err(refuse(crate::wording::log::PENDING_NO_LOG.into()));
    }
    pending::bound_to(&doc, &st, crate::append::tail_binding_of(&archive, input)?).map_err(refuse)?;
    let new = pending::check_event(&st, &event, &bytes, files).map_err(refuse)?;
    // The items the signed event names, each still in the bundle.
    let removed = items_to_remove(&st, disposition).map_err(|e| refuse(e.to_string()))?;
    verify_input(&archive, input, 0, Action::Recover)?;
    let mut held = Vec::with_capacity(new.len() + 1);
    for (path, content, _) in new {
        match content {
            crate::append::Content::Bytes(d) => held.push((path, d)),
            // check_event admits only files the event binds, and a disposition binds none.
            crate::append::Content::File { .. } => {
                return Err(refuse(crate::wording::log::PENDING_FILES_UNBOUND.into()));
            }
        }
    }
    let (proof, log) = super::log_appended(&st, &event, &bytes, false)
        .map_err(|e| pending::resubmit_failed(e, input, file, Some(out)))?;
    let timestamped = held
        .iter()
        .any(|(p, _)| *p == crate::layout::token_path(&event_path(event.sequence, event.event_type.as_str())));
    held.extend(proof);
    write_without(&archive, &st, &removed, &held, event.time, input, out).map_err(|e| match e {
        taken @ Error::PendingOutTaken { .. } => taken,
        e => pending::logged_not_appended(e, &log, Some(file), input, Some(out)),
    })?;
    pending::discard(Some(file))?;
    Ok(pending::Resumed::Appended { sequence: event.sequence, event_type: event.event_type, log, timestamped })
}

/// The items a return or destruction removes, with their files: those named (or every item),
/// each one the manifest describes and no earlier disposition removed.
pub(super) fn items_to_remove(st: &Documents, d: &Disposition) -> Result<Vec<RemovedItem>, Error> {
    let gone: BTreeSet<&str> = st
        .events
        .iter()
        .filter_map(|(e, _)| e.disposition.as_ref())
        .filter(|d| d.removes_payload())
        .flat_map(|d| match &d.items {
            Some(items) => items.iter().map(String::as_str).collect::<Vec<_>>(),
            None => st.manifest.items.iter().map(|i| i.id.as_str()).collect(),
        })
        .collect();
    let named: Vec<&str> = match &d.items {
        Some(items) => items.iter().map(String::as_str).collect(),
        None => st.manifest.items.iter().map(|i| i.id.as_str()).filter(|i| !gone.contains(i)).collect(),
    };
    // By id, once: a disposition may name 10,000 items of a manifest of as many.
    let by_id: std::collections::HashMap<&str, &crate::manifest::Item> =
        st.manifest.items.iter().map(|i| (i.id.as_str(), i)).collect();
    let mut removed = Vec::new();
    for id in named {
        let item = by_id.get(id).ok_or_else(|| Error::BadInput {
            field: "items",
            why: format!("the bundle has no item {}", crate::text::printable(id)),
            remedy: Some("name items by their ids (item-1, item-2, ...), as verify lists them".into()),
        })?;
        if gone.contains(id) {
            return Err(Error::BadInput {
                field: "items",
                why: format!("item {id} was already returned or destroyed by an earlier disposition"),
                remedy: Some("name only items still in the bundle".into()),
            });
        }
        removed.push(RemovedItem {
            item: id.to_owned(),
            files: item.files.iter().map(|f| f.path.to_owned()).collect(),
            bytes: item.files.iter().fold(0u64, |a, f| a.saturating_add(f.size)),
        });
    }
    if removed.is_empty() {
        return Err(Error::BadInput {
            field: "items",
            why: "every item was already returned or destroyed".into(),
            remedy: None,
        });
    }
    Ok(removed)
}

/// Writes the new bundle at `out` (a temporary beside it, flushed, then renamed): every entry
/// of `archive` in order except the removed items' files and the derived tag files, which are
/// written for what remains, then `new` (the event, its signature, its token), then the tag
/// manifest. Payload is streamed entry by entry. A file that appeared at `out` meanwhile is
/// never replaced (named as such when the event is pending beside it: [`pending::persist_out`]);
/// `input` is the bundle read, for that error.
pub(super) fn write_without<S: Source + ?Sized>(
    archive: &Archive<S>,
    st: &Documents,
    removed: &[RemovedItem],
    new: &[(String, Vec<u8>)],
    time: Timestamp,
    input: &Path,
    out: &Path,
) -> Result<(), Error> {
    let removed_items: BTreeSet<&str> = removed.iter().map(|r| r.item.as_str()).collect();
    let removed_files: BTreeSet<&str> = removed.iter().flat_map(|r| r.files.iter().map(String::as_str)).collect();
    let earlier_gone: BTreeSet<&str> = st
        .events
        .iter()
        .filter_map(|(e, _)| e.disposition.as_ref())
        .filter(|d| d.removes_payload())
        .flat_map(|d| d.items.iter().flatten().map(String::as_str))
        .collect();
    let kept = st.manifest.items.iter().filter(|i| !removed_items.contains(i.id.as_str()));
    let kept: Vec<_> = kept.filter(|i| !earlier_gone.contains(i.id.as_str())).flat_map(|i| &i.files).collect();
    let mut lines: Vec<ManifestLine> =
        kept.iter().map(|f| ManifestLine { sha256: *f.sha256, path: f.path.to_owned() }).collect();
    let payload_manifest = bagit::write_manifest(&mut lines).into_bytes();
    let sealed_at = st.events.first().map(|(e, _)| e.time.to_string()).unwrap_or_default();
    let bag_info = bagit::derive_bag_info(&bagit::BagInfoFacts {
        sealed_at: &sealed_at,
        payload_bytes: kept.iter().fold(0u64, |a, f| a.saturating_add(f.size)),
        payload_files: kept.len(),
        case_reference: &st.manifest.case.reference,
        bundle_id: &st.manifest.bundle_id,
        sealer_name: &st.manifest.sealer.name,
        sealer_organisation: &st.manifest.sealer.organisation,
    })
    .into_bytes();
    let tmp = fsutil::temp_beside(out)?;
    let tmp_path = tmp.path().to_path_buf();
    let io = |source| Error::Io { path: tmp_path.clone(), source };
    let file = tmp.reopen().map_err(Error::io(&tmp_path))?;
    let file = SequentialOutput::create(file, &tmp_path).map_err(Error::io(&tmp_path))?;
    let mut w = ArchiveWriter::new(BufWriter::with_capacity(1 << 18, file), archive.root());
    let when = time.as_datetime();
    let mut tag_lines: Vec<ManifestLine> = Vec::new();
    let tag = |w: &mut ArchiveWriter<_>, lines: &mut Vec<ManifestLine>, name: &str, bytes: &[u8]| {
        lines.push(ManifestLine { sha256: Sha256Digest::of(bytes), path: name.to_owned() });
        w.add_bytes(name, when, bytes).map_err(io)
    };
    // Each streamed file is hashed as it is copied and must still have the digest that was
    // verified (its FileRecord's, or the one verification took of a large tag file): the
    // bundle file may have changed since, and the new bundle must hold what was verified.
    let expected: std::collections::HashMap<&str, &Sha256Digest> = kept.iter().map(|f| (f.path, f.sha256)).collect();
    let copy_checked = |w: &mut ArchiveWriter<_>, e: &Entry, expected: Option<&Sha256Digest>| {
        let mut reader = archive.entry_reader(e);
        w.add_stream(e.name, when, e.size, &mut reader, &mut |_| {}).map_err(io)?;
        let got = reader.finish().map_err(|err| Error::Internal(format!("{}: {err}", e.name)))?;
        match expected {
            Some(digest) if digest.0 == got.sha256 => Ok(()),
            _ => Err(Error::ContentChanged(e.name.to_owned())),
        }
    };
    for e in archive.entries() {
        let name = e.name;
        if removed_files.contains(name) || name == TAG_MANIFEST_PATH {
            continue;
        }
        if crate::layout::is_payload(name) {
            copy_checked(&mut w, &e, expected.get(name).copied())?;
        } else if name == BAG_INFO_PATH {
            tag(&mut w, &mut tag_lines, name, &bag_info)?;
        } else if name == PAYLOAD_MANIFEST_PATH {
            tag(&mut w, &mut tag_lines, name, &payload_manifest)?;
        } else if let Some(bytes) = st.tags.get(name) {
            tag(&mut w, &mut tag_lines, name, bytes)?;
        } else if let Some(digest) = st.large.get(name) {
            // A tag file never held whole (custody/manifest.json, an attached file):
            // streamed like payload, and checked against the digest read before.
            tag_lines.push(ManifestLine { sha256: *digest, path: name.to_owned() });
            copy_checked(&mut w, &e, Some(digest))?;
        } else {
            return Err(Error::Internal(format!("{name} was not read")));
        }
    }
    for (name, bytes) in new {
        tag(&mut w, &mut tag_lines, name, bytes)?;
    }
    let tagmanifest = bagit::write_manifest(&mut tag_lines);
    w.add_bytes(TAG_MANIFEST_PATH, when, tagmanifest.as_bytes()).map_err(io)?;
    let buf = w.finish().map_err(io)?;
    buf.into_inner().map_err(|e| io(e.into_error()))?.finish().map_err(io)?;
    crate::append::crash_point("before-out-rename");
    pending::persist_out(tmp, input, out)
}

/// The writer's error for a disposition whose details break a rule of
/// [`rules::check_disposition`].
fn refused_details(r: DetailsRefusal) -> Error {
    let field = match &r {
        DetailsRefusal::DispositionMember { member, .. } => member,
        DetailsRefusal::DispositionItems => "items",
        DetailsRefusal::RetentionNotExtended { .. } => "keep_until",
        _ => "disposition",
    };
    Error::BadInput { field, why: r.to_string(), remedy: None }
}
