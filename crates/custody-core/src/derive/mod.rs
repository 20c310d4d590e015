//! Derived bundles (spec §5.13, issue #18.1): a new bundle with chosen whole items of a
//! verified parent, some files replaced by redacted copies, sealed by the deriver, that
//! proves what it carries was sealed in the parent through the parent's signed Merkle
//! commitment (§5.12), and reveals nothing of what it leaves out: the parent's seed stays
//! in the parent, only the salts of the carried leaves and their audit paths travel.
//!
//! The parent is verified in full (its payload hashed) and never modified; each carried file
//! is hashed again as it is copied and must still be what was verified. The new bundle
//! appears whole at its path or not at all.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::archive::{Archive, FileSource, Source};
use crate::commit::{self, merkle, salt};
use crate::digest::Sha256Digest;
use crate::event::{DerivedCopy, Event, EventType, ItemState};
use crate::fsutil;
use crate::handover::{Appended, DerivationRecorder};
use crate::keys::KeyPair;
use crate::layout::{
    BAG_INFO_PATH, BAGIT_PATH, HOW_TO_VERIFY_PATH, MANIFEST_PATH, MAX_KEY_FILE, MAX_MANIFEST_FILE, MAX_SIGNATURE_FILE,
    MAX_SIGNED_DOCUMENT, PARENT_KEY_PATH, PARENT_SEAL_PATH, PAYLOAD_MANIFEST_PATH, event_path, is_event_document,
    key_path, signature_path,
};
use crate::manifest::{
    ActorProof, Derivation, FileRecord, Files, Item, ItemProof, LeafProof, MANIFEST_FORMAT, Manifest, Redaction, Signer,
};
use crate::seal::{commitment, sign, tags};
use crate::time::Timestamp;
use crate::timestamp::{StampOutcome, Stamping};
use crate::verify::{self, VerifyOptions};
use crate::wording::derivation as say;
use crate::{Action, Error};

/// A file to replace by a redacted copy.
#[derive(Debug, Clone)]
pub struct RedactionInput {
    /// The file's path in the parent: `data/item-1/page.html`, or `item-1/page.html`.
    pub path: String,
    /// The redacted copy, on disk.
    pub file: PathBuf,
    /// Why the file is redacted (at most 1,024 characters).
    pub reason: String,
}

/// What to derive. Made with [`DeriveOptions::new`]; the optional fields are then set.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct DeriveOptions {
    /// The items to carry, by id; `None`: every item no disposition removed.
    pub items: Option<Vec<String>>,
    /// The files to replace by redacted copies.
    pub redactions: Vec<RedactionInput>,
    /// The seal time of the new bundle; now if `None` (fixed only for test vectors).
    pub time: Option<Timestamp>,
    /// Trusted time over the new seal event; none if `None`.
    pub stamping: Option<Stamping>,
    /// If the custody log the bundle names fails, write the event without its log proof
    /// (spec §6.5, `--log-optional`) instead of failing with nothing written.
    pub log_optional: bool,
    /// Threads for hashing the parent's payload (0: one per CPU).
    pub jobs: usize,
    /// Derive without recording a `derivation` event in the parent (§5.14): for a holder
    /// of a copy who is not its custodian. The parent then does not show this copy.
    pub no_record: bool,
    /// Carry items a receipt rejected or marked out of scope when they are named in
    /// `items` (by default they are refused when named, and left out when not).
    pub include_rejected: bool,
    /// Fixed bundle id and commitment seed, for test vectors only.
    #[doc(hidden)]
    pub fixed: Option<(String, [u8; 32])>,
}

impl DeriveOptions {
    /// Every item, no redaction.
    pub fn new() -> Self {
        Self::default()
    }
}

/// What a derivation wrote.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Derived {
    /// The new bundle.
    pub output: PathBuf,
    /// Its bundle id.
    pub bundle_id: String,
    /// The parent's bundle id.
    pub parent_bundle_id: String,
    /// The items carried, in order.
    pub items: Vec<String>,
    /// The payload files carried, and their size in bytes.
    pub files: usize,
    /// Their size in bytes.
    pub bytes: u64,
    /// The paths of the redacted files.
    pub redacted: Vec<String>,
    /// The items left out because a receipt rejected them or marked them out of scope
    /// (§5.14): (item, the receipt's sequence, its status).
    pub left_out: Vec<(String, u64, ItemState)>,
    /// Who sealed the new bundle.
    pub signer: Signer,
    /// Its seal time.
    pub time: Timestamp,
    /// Whether its seal event got trusted time.
    pub timestamp: StampOutcome,
    /// The `derivation` event appended to the parent; `None` with [`DeriveOptions::no_record`].
    pub recorded: Option<Appended>,
}

fn bad(field: &'static str, why: String, remedy: Option<&str>) -> Error {
    Error::BadInput { field, why, remedy: remedy.map(str::to_owned) }
}

/// Derives from the bundle `parent` a new bundle at `out` (a path that does not exist), sealed
/// with `key` (spec §5.13), and records it in the parent by a signed `derivation` event (§5.14)
/// unless [`DeriveOptions::no_record`]. Refused, before anything is written, when the parent
/// does not verify ([`Error::NotVerified`]), has no commitment, when an item is unknown, named
/// twice, removed by a disposition, or not accepted by a receipt (unless
/// [`DeriveOptions::include_rejected`]), when a carried item says it was derived from an item
/// left out, when a redaction names no carried file, equals its original or gives no reason,
/// when every item left was withheld by a receipt, and, when recording, when `key` is not the
/// parent's current custodian's, a transfer of it is pending, or the copy would carry more
/// items than a derivation event names, or the parent cannot be opened for writing (a read-only
/// original: the remedy names --no-record or a writable copy) ([`Error::BadInput`]). Who may
/// record is checked on the parent's events before its payload is hashed. The parent is changed
/// only by appending the derivation event (journalled, crash-safe); the event is appended
/// before the new bundle appears at `out`, so no copy that exists goes unrecorded (a crash in
/// between leaves a recorded copy that was never written, never the reverse).
pub fn derive(parent: &Path, key: &KeyPair, out: &Path, opts: &DeriveOptions) -> Result<Derived, Error> {
    if out.symlink_metadata().is_ok() {
        return Err(Error::Exists { path: out.into(), hint: "choose another output name" });
    }
    let time = opts.time.unwrap_or_else(Timestamp::now);
    if opts.no_record {
        if crate::append::journal_pending(parent) {
            return Err(Error::InterruptedUpdate { path: parent.into() });
        }
        let file = std::fs::File::open(parent).map_err(Error::io(parent))?;
        crate::envelope::refuse_encrypted(&file).map_err(|source| Error::Envelope { path: parent.into(), source })?;
        let source = FileSource::new(file).map_err(Error::io(parent))?;
        let archive = Archive::open(Box::new(source)).map_err(|e| match e {
            crate::archive::ArchiveError::UnsupportedFormat(version) => {
                Error::UnsupportedFormat { path: parent.into(), version }
            }
            source => Error::Archive { path: parent.into(), source },
        })?;
        let m = verified_manifest(&archive, parent, opts)?;
        let (tmp, derived, _) = build(&archive, parent, &m, key, out, opts, time)?;
        fsutil::persist(tmp, out, false)?;
        return Ok(Derived { output: out.to_path_buf(), ..derived });
    }
    crate::handover::pending::refuse_pending(parent)?;
    let b = crate::append::OpenBundle::open(parent).map_err(|e| not_writable(e, parent))?;
    DerivationRecorder::precheck(&b, key)?;
    let m = verified_manifest(&b.archive, parent, opts)?;
    let recorder = DerivationRecorder::check(b, m, key)?;
    recorder.check_time(time)?;
    let (tmp, derived, copy) = build(recorder.archive(), recorder.path(), recorder.manifest(), key, out, opts, time)?;
    let recorded = recorder.record(key, copy, time, opts.stamping.as_ref(), opts.log_optional)?;
    persist_recorded(tmp, out, &derived.bundle_id, recorded.event.sequence)?;
    Ok(Derived { output: out.to_path_buf(), recorded: Some(recorded), ..derived })
}

/// Renames the derived bundle `tmp`, already recorded in the parent as event `sequence`, to
/// `out`. If that fails the copy is not lost: it is kept whole under a name beside `out`
/// (`OUT.derived-BUNDLEID`; if that fails too, under its temporary name, which a later
/// command writing beside it would remove as a leftover: the remedy says to rename it first),
/// and the error names it.
fn persist_recorded(tmp: tempfile::NamedTempFile, out: &Path, bundle_id: &str, sequence: u64) -> Result<(), Error> {
    let (err, tmp) = match fsutil::persist_or_return(tmp, out, false) {
        Ok(()) => return Ok(()),
        Err((err, None)) => return Err(err),
        Err((err, Some(tmp))) => (err, tmp),
    };
    let mut name = out.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".derived-{bundle_id}"));
    let beside = out.with_file_name(name);
    let kept = match fsutil::persist_or_return(tmp, &beside, false) {
        Ok(()) => beside,
        Err((_, Some(tmp))) => match tmp.keep() {
            Ok((_, path)) => {
                fsutil::forget_temp(&path);
                path
            }
            Err(e) => return Err(bad("out", say::derive_copy_lost(sequence, out.display(), &err, e.error), None)),
        },
        Err((e, None)) => return Err(e),
    };
    let why = say::derive_copy_kept(sequence, out.display(), &err, kept.display());
    Err(bad("out", why, Some(say::DERIVE_COPY_KEPT_REMEDY)))
}

/// An error opening the parent to record the derivation in it: a read-only file or file
/// system (common for originals in forensics) becomes a refusal with its remedy; any other
/// error is returned as it is.
fn not_writable(e: Error, parent: &Path) -> Error {
    use std::io::ErrorKind::{PermissionDenied, ReadOnlyFilesystem};
    match e {
        Error::Io { source, .. } if matches!(source.kind(), PermissionDenied | ReadOnlyFilesystem) => bad(
            "bundle",
            say::derive_parent_not_writable(parent.display(), source),
            Some(say::DERIVE_PARENT_NOT_WRITABLE_REMEDY),
        ),
        e => e,
    }
}

/// Verifies the parent in full (its payload hashed) and returns its manifest; refused if it
/// does not verify or is itself derived.
fn verified_manifest<S: Source + ?Sized>(
    archive: &Archive<S>,
    parent: &Path,
    opts: &DeriveOptions,
) -> Result<Manifest, Error> {
    let vopts = VerifyOptions { jobs: opts.jobs, ..Default::default() };
    let mut report = verify::verify_archive(archive, &parent.display().to_string(), &vopts);
    crate::handover::refuse_if_invalid(&report, Action::Derive)?;
    let m = report.manifest.take().ok_or_else(|| Error::Internal("a verified bundle without manifest".into()))?;
    if m.derivation.is_some() {
        // §5.13: a derived bundle would not show its parent's redactions; derive from the original.
        return Err(bad("bundle", say::DERIVE_FROM_DERIVED.into(), Some(say::DERIVE_FROM_DERIVED_REMEDY)));
    }
    Ok(m)
}

/// Writes the derived bundle of the verified parent (`archive`, whose manifest is `m`) to a
/// temporary file beside `out`; returns it, what it holds (its `output` still to
/// set), and the derivation event's body.
fn build<S: Source + ?Sized>(
    archive: &Archive<S>,
    parent: &Path,
    m: &Manifest,
    key: &KeyPair,
    out: &Path,
    opts: &DeriveOptions,
    time: Timestamp,
) -> Result<(tempfile::NamedTempFile, Derived, DerivedCopy), Error> {
    let read = |name: &str, limit: u64| -> Result<Vec<u8>, Error> {
        let e = archive.entry(name).ok_or_else(|| Error::Internal(format!("{name} is not in the bundle")))?;
        archive.read_entry(e, limit).map_err(|source| Error::Archive { path: parent.into(), source })
    };
    let seal_path = event_path(0, EventType::Seal.as_str());
    let seal_bytes = read(&seal_path, MAX_SIGNED_DOCUMENT)?;
    let seal_sig = read(&signature_path(&seal_path), MAX_SIGNATURE_FILE)?;
    let seal: Event = crate::document::parse_document(&seal_bytes).map_err(Error::Internal)?;
    if seal.commitment.is_none() {
        return Err(bad("bundle", say::DERIVE_NO_COMMITMENT.into(), None));
    }
    let parent_key = read(&key_path(&seal.signer.fingerprint.hex()), MAX_KEY_FILE)?;
    let events = parent_events(archive, parent)?;
    let latest = events.last().map(|(_, b)| Sha256Digest::of(b)).unwrap_or_else(|| Sha256Digest::of(&seal_bytes));
    let ids: Vec<&str> = m.items.iter().map(|i| i.id.as_str()).collect();
    let gone = crate::rules::removed_by_dispositions(events.iter().map(|(e, _)| e), &ids);
    let withheld = crate::rules::withheld_from_onward_transfer(events.iter().map(|(e, _)| e));
    let (carried, left_out) = choose_items(m, opts.items.as_deref(), &gone, &withheld, opts.include_rejected)?;
    // A subset of a verified parent's items, whose manifest was bounded as it was parsed: this
    // cannot fire. Kept so that every writer that makes a manifest states the bound (spec §9.4).
    crate::error::check_item_count(carried.len())?;
    if !opts.no_record {
        recordable(carried.len())?;
    }
    let redactions = read_redactions(m, &carried, &opts.redactions, key)?;

    // The parent's top leaves, for the audit paths (at most 2^21 hashes, 64 MiB).
    let seed = m.commitment.seed.0;
    let mut leaves = Vec::new();
    commit::top_leaves(m, &seed, |h| leaves.push(h))
        .ok_or_else(|| bad("bundle", say::DERIVE_NO_COMMITMENT.into(), None))?;
    let used_actors = actors_used(m, &carried);
    // Every audit path needed, in one pass over the tree (linear in its size, not in its
    // size times the leaves carried): the case, the restrictions, the actors and items carried.
    let actor_leaves =
        m.actors.iter().enumerate().filter(|(_, a)| used_actors.contains(a.id.as_str())).map(|(i, _)| 2 + i);
    let item_leaves = m
        .items
        .iter()
        .enumerate()
        .filter(|(_, i)| carried.contains(i.id.as_str()))
        .map(|(j, _)| 2 + m.actors.len() + j);
    let needed: Vec<usize> = [0, 1].into_iter().chain(actor_leaves).chain(item_leaves).collect();
    let paths: HashMap<usize, Vec<merkle::Hash>> = merkle::audit_paths(&needed, &leaves)
        .ok_or_else(|| Error::Internal("an audit path of a leaf beyond the tree".into()))?
        .into_iter()
        .zip(needed.iter().copied())
        .map(|(path, t)| (t, path))
        .collect();
    let proof = |t: usize| -> Result<(u64, Sha256Digest, Vec<Sha256Digest>), Error> {
        let path = paths.get(&t).ok_or_else(|| Error::Internal(format!("no audit path for {t}")))?;
        Ok((t as u64, Sha256Digest(salt::leaf_salt(&seed, t as u32)), path.iter().copied().map(Sha256Digest).collect()))
    };
    let leaf = |t| proof(t).map(|(index, salt, audit_path)| LeafProof { index, salt, audit_path });
    let mut actors = Vec::new();
    let mut actor_proofs = Vec::new();
    for (i, a) in m.actors.iter().enumerate().filter(|(_, a)| used_actors.contains(a.id.as_str())) {
        let (index, salt, audit_path) = proof(2 + i)?;
        actor_proofs.push(ActorProof { id: a.id.clone(), index, salt, audit_path });
        actors.push(a.clone());
    }
    let mut items = Vec::new();
    let mut item_proofs = Vec::new();
    for (j, item) in m.items.iter().enumerate().filter(|(_, i)| carried.contains(i.id.as_str())) {
        let t = 2 + m.actors.len() + j;
        let (index, salt, audit_path) = proof(t)?;
        let files_key = Sha256Digest(salt::files_key(&seed, t as u32));
        item_proofs.push(ItemProof { id: item.id.clone(), index, salt, files_key, audit_path });
        items.push(with_redacted_records(item, &redactions)?);
    }
    let (bundle_id, seed) = match &opts.fixed {
        Some((id, seed)) => (id.clone(), Some(*seed)),
        None => (crate::seal::new_bundle_id()?, None),
    };
    let signer = Signer::new(key.public().fingerprint(), &key.identity);
    let own_seed = commitment::seed(seed)?;
    let derivation = Derivation {
        parent_bundle_id: m.bundle_id.clone(),
        parent_seal_event_sha256: Sha256Digest::of(&seal_bytes),
        parent_latest_event_sha256: latest,
        case: leaf(0)?,
        restrictions: leaf(1)?,
        actors: actor_proofs,
        items: item_proofs,
        redactions: redactions.iter().map(|r| r.record.clone()).collect(),
    };
    let manifest = Manifest {
        format: MANIFEST_FORMAT.into(),
        bundle_id: bundle_id.clone(),
        case: m.case.clone(),
        sealer: signer.clone(),
        actors,
        restrictions: m.restrictions.clone(),
        attestations: Vec::new(),
        items,
        commitment: own_seed.clone(),
        derivation: Some(derivation),
        log: None,
    };
    crate::manifest::rules::validate(&manifest)
        .map_err(|why| bad("items", why, Some(say::DERIVE_REFERENCES_REMEDY)))?;
    let own_commitment = commitment::of(&manifest, &own_seed)?;

    let mut w = tags::BundleWriter::create(out, time, &bundle_id)?;
    w.add_tag(BAGIT_PATH, crate::bagit::BAGIT_TXT.as_bytes().to_vec())?;
    w.add_tag(HOW_TO_VERIFY_PATH, tags::how_to_verify(&signer).into_bytes())?;
    // Refused before any file is copied if a verifier could not be asked to hold it (§9.4).
    sign::check_weight(&manifest, 0)?;
    let (files, bytes) = copy_payload(archive, &mut w, &manifest, &redactions, time)?;
    let bag_info = tags::bag_info(time, bytes, files, &manifest.case.reference, &bundle_id, &signer);
    w.add_tag(BAG_INFO_PATH, bag_info.into_bytes())?;
    // In path order from the items' indices: no reference to every file collected and sorted.
    let listed = || manifest.files_by_path().map(|f| (f.path, f.sha256));
    w.add_tag_written(PAYLOAD_MANIFEST_PATH, MAX_MANIFEST_FILE, sign::manifest_too_large, &mut |o| {
        crate::bagit::write_sorted_manifest_to(listed(), o)
    })?;
    w.add_tag(&key_path(&signer.fingerprint.hex()), key.public_key_file().into_bytes())?;
    w.add_tag(PARENT_SEAL_PATH, seal_bytes)?;
    w.add_tag(&signature_path(PARENT_SEAL_PATH), seal_sig)?;
    w.add_tag(PARENT_KEY_PATH, parent_key)?;
    w.add_tag_written(MANIFEST_PATH, MAX_MANIFEST_FILE, sign::manifest_too_large, &mut |o| {
        sign::write_manifest(&manifest, o)
    })?;
    let (event, sig) = sign::seal_event(key, &bundle_id, time, &signer, w.tags(), Some(own_commitment))?;
    let epath = event_path(0, EventType::Seal.as_str());
    let (token, timestamp) = crate::timestamp::stamp(opts.stamping.as_ref(), &epath, &sig)?;
    let seal_event_sha256 = Sha256Digest::of(&event);
    w.add_tag(&epath, event)?;
    w.add_tag(&signature_path(&epath), sig)?;
    if let Some((path, bytes)) = token {
        w.add_tag(&path, bytes)?;
    }
    let tmp = w.finish_temp()?;
    let redacted: Vec<String> = redactions.iter().map(|r| r.record.path.clone()).collect();
    let copy = DerivedCopy {
        bundle_id: bundle_id.clone(),
        seal_event_sha256,
        items: manifest.items.iter().map(|i| i.id.clone()).collect(),
        redacted_files: redacted.len() as u64,
    };
    let derived = Derived {
        output: PathBuf::new(),
        bundle_id,
        parent_bundle_id: m.bundle_id.clone(),
        items: copy.items.clone(),
        files,
        bytes,
        redacted,
        left_out,
        signer,
        time,
        timestamp,
        recorded: None,
    };
    Ok((tmp, derived, copy))
}

/// The parent's custody events, parsed, with their stored bytes, in sequence order.
fn parent_events<S: Source + ?Sized>(archive: &Archive<S>, parent: &Path) -> Result<Vec<(Event, Vec<u8>)>, Error> {
    let mut events = Vec::new();
    for e in archive.entries().iter().filter(|e| is_event_document(e.name)) {
        let bytes = archive
            .read_entry(e, MAX_SIGNED_DOCUMENT)
            .map_err(|source| Error::Archive { path: parent.into(), source })?;
        let ev: Event = crate::document::parse_document(&bytes).map_err(Error::Internal)?;
        events.push((ev, bytes));
    }
    events.sort_by_key(|(e, _)| e.sequence);
    Ok(events)
}

/// The items left out by a receipt's decision: (item, the receipt's sequence, its status).
type LeftOut = Vec<(String, u64, ItemState)>;

/// The items dispositions removed: each with the disposition's sequence and action.
type Removed = std::collections::BTreeMap<String, (u64, crate::event::DispositionAction)>;

/// The items to carry: those named (each once, known, not disposed, not withheld by a
/// receipt unless `include_rejected`) or every item left but those a receipt withheld
/// (§5.14), which are returned too; refused if one says it was derived from an item left out.
fn choose_items<'m>(
    m: &'m Manifest,
    named: Option<&[String]>,
    gone: &Removed,
    withheld: &std::collections::BTreeMap<String, (u64, ItemState)>,
    include_rejected: bool,
) -> Result<(BTreeSet<&'m str>, LeftOut), Error> {
    let by_id: HashMap<&str, &Item> = m.items.iter().map(|i| (i.id.as_str(), i)).collect();
    let mut carried = BTreeSet::new();
    let mut left_out = Vec::new();
    match named {
        Some(named) => {
            for id in named {
                let Some((k, _)) = by_id.get_key_value(id.as_str()) else {
                    let known = m.items.iter().map(|i| i.id.as_str());
                    let why = say::derive_unknown_item(crate::text::printable(id), known);
                    return Err(bad("items", why, Some(say::DERIVE_ITEMS_REMEDY)));
                };
                if let Some((id, seq, action)) = crate::rules::derived_item_removed([id], gone) {
                    return Err(bad("items", say::derive_disposed_item(id, seq, action.as_str()), None));
                }
                if let Some((seq, status)) = withheld.get(id.as_str()).filter(|_| !include_rejected) {
                    let why = say::derive_withheld_item(id, *seq, status.as_str());
                    return Err(bad("items", why, Some(say::DERIVE_WITHHELD_REMEDY)));
                }
                if !carried.insert(*k) {
                    return Err(bad("items", say::derive_item_twice(id), Some(say::DERIVE_ITEMS_REMEDY)));
                }
            }
        }
        None => {
            for id in m.items.iter().map(|i| i.id.as_str()).filter(|i| !gone.contains_key(*i)) {
                match withheld.get(id).filter(|_| !include_rejected) {
                    Some((seq, status)) => left_out.push((id.to_owned(), *seq, *status)),
                    None => {
                        carried.insert(id);
                    }
                }
            }
        }
    }
    if carried.is_empty() && !left_out.is_empty() {
        return Err(bad("items", say::derive_all_withheld(left_out.len()), Some(say::DERIVE_ALL_WITHHELD_REMEDY)));
    }
    if carried.is_empty() {
        return Err(bad("items", say::DERIVE_NO_ITEMS_LEFT.into(), None));
    }
    for id in &carried {
        let item = by_id[id];
        if let Some(src) =
            item.capture.derived_from.iter().filter_map(|d| d.item.as_deref()).find(|s| !carried.contains(s))
        {
            return Err(bad("items", say::derive_left_out_source(id, src), Some(say::DERIVE_CARRY_SOURCE)));
        }
    }
    Ok((carried, left_out))
}

/// Refuses, before the copy is built, a derivation to record in the parent that carries more
/// items than a derivation event may name ([`crate::rules::MAX_DISPOSITION_ITEMS`], §5.14):
/// the event's own check would refuse it only after the whole copy was written.
fn recordable(carried: usize) -> Result<(), Error> {
    let max = crate::rules::MAX_DISPOSITION_ITEMS;
    if carried > max {
        let remedy = say::derive_too_many_to_record_remedy(max);
        return Err(bad("items", say::derive_too_many_to_record(carried, max), Some(&remedy)));
    }
    Ok(())
}

/// The actors the carried items name (operators, witnesses).
fn actors_used<'m>(m: &'m Manifest, carried: &BTreeSet<&str>) -> BTreeSet<&'m str> {
    m.items
        .iter()
        .filter(|i| carried.contains(i.id.as_str()))
        .flat_map(|i| i.capture.operators.iter().chain(&i.capture.witnesses))
        .map(String::as_str)
        .collect()
}

/// A redaction read from disk: its record, and the copy's bytes.
struct Redacted {
    record: Redaction,
    bytes: Vec<u8>,
}

/// Reads and checks each redaction: a file of a carried item, once, different from its
/// original, with a reason.
fn read_redactions(
    m: &Manifest,
    carried: &BTreeSet<&str>,
    inputs: &[RedactionInput],
    key: &KeyPair,
) -> Result<Vec<Redacted>, Error> {
    let mut out: Vec<Redacted> = Vec::new();
    for r in inputs {
        let path =
            if r.path.starts_with(crate::layout::PAYLOAD_DIR) { r.path.clone() } else { format!("data/{}", r.path) };
        let shown = crate::text::printable(&path);
        let original =
            m.items.iter().filter(|i| carried.contains(i.id.as_str())).find_map(|i| i.files.get(&path)).ok_or_else(
                || bad("redact", say::derive_redaction_no_file(&shown, &same_name(m, carried, &path)), None),
            )?;
        if out.iter().any(|o| o.record.path == path) {
            return Err(bad("redact", say::derive_redaction_twice(&shown), None));
        }
        crate::manifest::rules::check_redaction_reason(&r.reason).map_err(|why| bad("reason", why, None))?;
        let bytes = std::fs::read(&r.file).map_err(Error::io(&r.file))?;
        let redacted_sha256 = Sha256Digest::of(&bytes);
        if redacted_sha256 == *original.sha256 {
            return Err(bad("redact", say::derive_redaction_same(&shown), None));
        }
        let record = Redaction {
            path,
            original_sha256: *original.sha256,
            original_size: original.size,
            redacted_sha256,
            reason: r.reason.clone(),
            by: Signer::new(key.public().fingerprint(), &key.identity),
        };
        out.push(Redacted { record, bytes });
    }
    Ok(out)
}

/// The carried files named as `path`'s last part (at most five, shown as typed on a
/// terminal): where the user probably meant.
fn same_name(m: &Manifest, carried: &BTreeSet<&str>, path: &str) -> Vec<String> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let suffix = format!("/{name}");
    m.items
        .iter()
        .filter(|i| carried.contains(i.id.as_str()))
        .flat_map(|i| i.files.iter())
        .filter(|f| f.path.ends_with(&suffix))
        .take(5)
        .map(|f| crate::text::printable(f.path))
        .collect()
}

/// `item` with the records of its redacted files describing the copies.
fn with_redacted_records(item: &Item, redactions: &[Redacted]) -> Result<Item, Error> {
    let mut item = item.clone();
    if redactions.is_empty() {
        return Ok(item);
    }
    let records: Vec<FileRecord> = item
        .files
        .iter()
        .map(|f| {
            let mut rec = f.to_record();
            if let Some(r) = redactions.iter().find(|r| r.record.path == rec.path) {
                rec.sha256 = r.record.redacted_sha256;
                rec.size = r.bytes.len() as u64;
            }
            rec
        })
        .collect();
    item.files = Files::from_records(records).map_err(|e| Error::Internal(e.to_string()))?;
    Ok(item)
}

/// Copies the carried items' files from the parent (each hashed as copied and checked against
/// the record verified) or from the redacted copies; returns their count and size.
fn copy_payload<S: Source + ?Sized>(
    archive: &Archive<S>,
    w: &mut tags::BundleWriter,
    manifest: &Manifest,
    redactions: &[Redacted],
    time: Timestamp,
) -> Result<(usize, u64), Error> {
    let when = time.as_datetime();
    let (mut files, mut bytes) = (0usize, 0u64);
    for f in manifest.items.iter().flat_map(|i| i.files.iter()) {
        let got = if let Some(r) = redactions.iter().find(|r| r.record.path == f.path) {
            let mut input: &[u8] = &r.bytes;
            w.archive().add_stream(f.path, when, f.size, &mut input, &mut |_| {})
        } else {
            let e = archive.entry(f.path).ok_or_else(|| Error::ContentChanged(f.path.to_owned()))?;
            let mut reader = archive.entry_reader(e);
            w.archive().add_stream(f.path, when, e.size, &mut reader, &mut |_| {})
        }
        .map_err(|source| Error::Io { path: f.path.into(), source })?;
        if got != f.sha256.0 {
            return Err(Error::ContentChanged(f.path.to_owned()));
        }
        files += 1;
        bytes = bytes.saturating_add(f.size);
    }
    Ok((files, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recorded_copy_that_cannot_take_its_name_is_kept_and_named() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("new.zip");
        std::fs::write(&out, b"appeared meanwhile").unwrap();
        let mut tmp = fsutil::temp_beside(&out).unwrap();
        std::io::Write::write_all(&mut tmp, b"the derived bundle").unwrap();
        let Err(Error::BadInput { why, remedy, .. }) = persist_recorded(tmp, &out, "0123abcd", 7) else {
            panic!("not refused")
        };
        let kept = dir.path().join("new.zip.derived-0123abcd");
        assert_eq!(std::fs::read(&kept).unwrap(), b"the derived bundle");
        assert_eq!(std::fs::read(&out).unwrap(), b"appeared meanwhile", "never replaced");
        assert!(why.contains("event 7") && why.contains(&kept.display().to_string()), "{why}");
        assert!(remedy.unwrap_or_default().contains("rename"));
    }

    #[test]
    fn a_parent_that_cannot_be_written_is_refused_with_a_remedy() {
        let parent = Path::new("evidence/case.zip");
        for kind in [std::io::ErrorKind::ReadOnlyFilesystem, std::io::ErrorKind::PermissionDenied] {
            let e = Error::Io { path: parent.into(), source: std::io::Error::from(kind) };
            let Error::BadInput { why, remedy, .. } = not_writable(e, parent) else { panic!("{kind:?} not mapped") };
            assert!(why.contains("evidence/case.zip") && why.contains("nothing was written"), "{why}");
            let remedy = remedy.unwrap_or_default();
            assert!(remedy.contains("--no-record") && remedy.contains("writable copy"), "{remedy}");
        }
        let e = Error::Io { path: parent.into(), source: std::io::Error::from(std::io::ErrorKind::NotFound) };
        assert!(matches!(not_writable(e, parent), Error::Io { .. }), "other errors pass through");
    }

    #[test]
    fn a_recorded_derivation_of_more_items_than_an_event_names_is_refused_before_it_is_built() {
        let max = crate::rules::MAX_DISPOSITION_ITEMS;
        assert!(recordable(1).is_ok());
        assert!(recordable(max).is_ok());
        let Err(Error::BadInput { field, why, remedy }) = recordable(max + 1) else { panic!("not refused") };
        assert_eq!(field, "items");
        assert!(
            why.contains("10,001 items") && why.contains("a recorded derivation names at most 10,000 items"),
            "{why}"
        );
        let remedy = remedy.unwrap_or_default();
        assert!(remedy.contains("--items") && remedy.contains("--no-record"), "{remedy}");
    }

    /// mla-case.zip's manifest (test vector): item-1 and item-2 captured by inv-martin (item-1
    /// witnessed by wit-bernard), item-3 with no operator or witness.
    fn mla_case_manifest() -> Manifest {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/mla-case.zip");
        let source = FileSource::new(std::fs::File::open(path).unwrap()).unwrap();
        let archive = Archive::open(Box::new(source)).unwrap();
        let e = archive.entry(MANIFEST_PATH).unwrap();
        crate::document::parse_document(&archive.read_entry(e, MAX_MANIFEST_FILE).unwrap()).unwrap()
    }

    #[test]
    fn the_items_chosen_skip_what_a_disposition_removed_and_what_a_receipt_withheld() {
        use crate::event::DispositionAction;
        let m = mla_case_manifest();
        let removed: Removed = [("item-2".to_owned(), (3, DispositionAction::Destroyed))].into();
        let withheld = [("item-3".to_owned(), (2, ItemState::Rejected))].into();
        let none = std::collections::BTreeMap::new();
        let ids = |named: &[&str]| named.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let why = |r: Result<(BTreeSet<&str>, LeftOut), Error>| match r {
            Err(Error::BadInput { why, .. }) => why,
            other => panic!("not refused: {:?}", other.map(|(c, l)| (c.len(), l.len()))),
        };
        // Every item: the removed one is gone, the withheld one left out and said.
        let (carried, left_out) = choose_items(&m, None, &removed, &withheld, false).unwrap();
        assert_eq!(carried.into_iter().collect::<Vec<_>>(), ["item-1"]);
        assert_eq!(left_out, [("item-3".to_owned(), 2, ItemState::Rejected)]);
        // Named: a removed item is refused naming its disposition; a withheld one unless asked.
        let w = why(choose_items(&m, Some(&ids(&["item-1", "item-2"])), &removed, &none, false));
        assert!(w.contains("item item-2 was destroyed by a disposition (event 3)"), "{w}");
        let w = why(choose_items(&m, Some(&ids(&["item-3"])), &Removed::new(), &withheld, false));
        assert!(w.contains("item-3") && w.contains("rejected"), "{w}");
        let (carried, _) = choose_items(&m, Some(&ids(&["item-3"])), &Removed::new(), &withheld, true).unwrap();
        assert_eq!(carried.into_iter().collect::<Vec<_>>(), ["item-3"]);
        // Nothing left but what a receipt withheld: refused, naming --include-rejected's case.
        let all_withheld =
            [("item-1".to_owned(), (2, ItemState::OutOfScope)), ("item-3".to_owned(), (2, ItemState::Rejected))].into();
        assert!(choose_items(&m, None, &removed, &all_withheld, false).is_err());
        // The actors a copy carries are those its items name (operators, witnesses), no more.
        let carried: BTreeSet<&str> = ["item-3"].into();
        assert!(actors_used(&m, &carried).is_empty());
        let carried: BTreeSet<&str> = ["item-1", "item-3"].into();
        assert_eq!(actors_used(&m, &carried).into_iter().collect::<Vec<_>>(), ["inv-martin", "wit-bernard"]);
    }
}
