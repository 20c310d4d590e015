//! Event checks (spec §9.1 step 9): each event document's shape, the chain (sequence,
//! bundle, hashes, times), who may sign each event (§7.2), the files each event binds and may
//! add (§6.3), and each event's signature. Returns the files the events bind.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::EventFacts;
use super::Verifier;
use super::archive::{EventDoc, EventDocs};
use super::keys::signature_verifies;
use super::parent::ChainLink;
use super::receipts::ReceiptContext;
use super::report::{EventReport, PendingTransfer, SignerReport};
use super::statements::statement_report;
use super::timeline::Timeline;
use super::wording;
use super::wording::allowed_description;
use crate::archive::{Archive, ArchiveError, Source};
use crate::check::CheckCode;
use crate::digest::Sha256Digest;
use crate::document::parse_document;
use crate::event::{EVENT_FORMAT, Event, EventType};
use crate::keys::{Fingerprint, PublicKeyFile};
use crate::layout::MANIFEST_PATH;
use crate::layout::tag_file_limit;
use crate::layout::{event_path, key_path, signature_path};
use crate::manifest::Manifest;
use crate::rules::{self, Chain};
use crate::text::printable;
use crate::time::Timestamp;

/// What is known of an event document once read: the digest of its bytes, and whether its
/// signature verifies (`false` when the signature or the key is not there; the checks say
/// which).
#[derive(Clone, Copy)]
pub(super) struct DocFacts {
    pub(super) sha256: Sha256Digest,
    signature_verifies: bool,
}

/// An event document read and parsed: its name, what is known of its bytes, the event.
pub(super) type ReadEvent = (String, DocFacts, Event);

/// Why an event document could not be taken into the chain.
enum Unread {
    /// The archive could not give its bytes again (a file changed or failing under us).
    Archive(ArchiveError),
    /// Not a document of the event schema.
    Schema(String),
    /// Of the schema, but malformed beyond it ([`event_shape_error`]).
    Shape(String),
}

/// The (first) event with sequence number `seq` among events sorted by sequence: a binary
/// search, so that looking up the transfer of each of n receipts is not quadratic (issue #13.4).
pub(super) fn event_by_sequence(events: &[ReadEvent], seq: u64) -> Option<&ReadEvent> {
    let i = events.partition_point(|(_, _, e)| e.sequence < seq);
    events.get(i).filter(|(_, _, e)| e.sequence == seq)
}

/// Reads the event document `name` again, parses it and verifies its signature over the
/// bytes read. The bytes are let go on return: only the event and its digest are kept.
fn read_event<S: Source + ?Sized>(
    archive: &Archive<S>,
    name: &str,
    doc: &EventDoc,
    tags: &BTreeMap<String, Vec<u8>>,
    keys: &HashMap<Fingerprint, PublicKeyFile>,
) -> Result<(DocFacts, Event), Unread> {
    let bytes = archive.read_entry(doc.entry, tag_file_limit(name)).map_err(Unread::Archive)?;
    let ev = parse_document::<Event>(&bytes).map_err(Unread::Schema)?;
    if let Some(why) = event_shape_error(&ev, name) {
        return Err(Unread::Shape(why));
    }
    let signature_verifies = tags
        .get(&crate::layout::signature_path(name))
        .zip(keys.get(&ev.signer.fingerprint))
        .is_some_and(|(sig, key)| signature_verifies(key, &bytes, sig));
    Ok((DocFacts { sha256: Sha256Digest::of(&bytes), signature_verifies }, ev))
}

/// `f` applied to every item on up to `jobs` threads, each taking a contiguous share; the
/// results in order, share by share (so that a caller moving them on frees each share's
/// buffer as it goes, rather than holding two copies of everything).
fn in_parallel<T: Sync, R: Send>(items: &[T], jobs: usize, f: impl Fn(&T) -> R + Sync) -> Vec<Vec<R>> {
    let threads = jobs.clamp(1, items.len().max(1));
    if threads == 1 {
        return vec![items.iter().map(f).collect()];
    }
    let f = &f;
    std::thread::scope(|s| {
        let shares: Vec<_> = items
            .chunks(items.len().div_ceil(threads))
            .map(|share| s.spawn(move || share.iter().map(f).collect::<Vec<R>>()))
            .collect();
        shares.into_iter().map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect()
    })
}

impl Verifier {
    /// Checks the event chain; returns the set of files the events bind. Event documents are
    /// read, parsed and their signatures verified on `jobs` threads, one document's bytes at
    /// a time per thread; what is found is recorded in the order of a serial run.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn check_events<S: Source + ?Sized>(
        &mut self,
        archive: &Archive<S>,
        tags: &BTreeMap<String, Vec<u8>>,
        event_docs: &EventDocs,
        keys: &HashMap<Fingerprint, PublicKeyFile>,
        manifest: Option<&Manifest>,
        damaged: &super::payload::Damaged,
        jobs: usize,
    ) -> (BTreeSet<String>, Option<Event>) {
        let mut bound = BTreeSet::new();
        let mark = self.checks.mark();
        let docs: Vec<(&String, &EventDoc)> = event_docs.iter().collect();
        let read = in_parallel(&docs, jobs, |(name, doc)| read_event(archive, name, doc, tags, keys));
        let mut events: Vec<ReadEvent> = Vec::with_capacity(docs.len());
        for ((name, _), result) in docs.into_iter().zip(read.into_iter().flatten()) {
            match result {
                Ok((facts, ev)) => events.push((name.clone(), facts, ev)),
                Err(Unread::Shape(why)) => {
                    self.fail(CheckCode::EventInvalid, wording::checks::event_invalid(name, &why), Some(name))
                }
                Err(Unread::Schema(e)) => {
                    self.fail(CheckCode::EventInvalid, wording::checks::event_not_schema(name, &e), Some(name))
                }
                Err(Unread::Archive(err)) => {
                    self.unreadable.insert(name.clone());
                    self.fail(err.code(), wording::checks::about(name, &err), Some(name))
                }
            }
        }
        events.sort_by_key(|(_, _, e)| e.sequence);
        // Kept for `verify --parent` (spec §9.7): a few fields an event, at most MAX_EVENTS.
        self.report_extra.links = events
            .iter()
            .map(|(_, facts, e)| ChainLink {
                sequence: e.sequence,
                event_type: e.event_type,
                sha256: facts.sha256,
                previous: e.previous_event_sha256,
                derivation: e.derivation.clone(),
            })
            .collect();
        // What receipts are checked against, computed once rather than per receipt.
        let receipt_context = manifest.map(|m| ReceiptContext::new(m, damaged));
        // The manifest's item ids, once: what an examination or an access record may name
        // (spec §5.9, §5.10).
        let item_ids: Option<BTreeSet<&str>> = manifest.map(|m| m.items.iter().map(|i| i.id.as_str()).collect());
        let mut signers_seen = BTreeSet::new();
        if events.is_empty() && !self.failed_since(mark) {
            self.fail(CheckCode::EventMissing, wording::checks::event_missing(), None);
        }
        let mut chain: Option<Chain> = None;
        let mut timeline = Timeline::default();
        let mut prev: Option<(&str, Sha256Digest, Timestamp)> = None;
        for (i, (name, facts, ev)) in events.iter().enumerate() {
            let name = name.as_str();
            if ev.sequence != i as u64 {
                self.fail(
                    CheckCode::EventSequenceGap,
                    wording::checks::event_sequence_gap(name, ev.sequence, i),
                    Some(name),
                );
            }
            if let Some(m) = manifest
                && ev.bundle_id != m.bundle_id
            {
                self.fail(
                    CheckCode::EventWrongBundle,
                    wording::checks::event_wrong_bundle(name, &ev.bundle_id, &m.bundle_id),
                    Some(name),
                );
            }
            match (&prev, ev.previous_event_sha256) {
                (None, None) => {}
                (Some((_, phash, _)), Some(claimed)) if claimed == *phash => {}
                (Some((pname, _, _)), _) => {
                    self.fail(CheckCode::EventChainBroken, wording::checks::event_chain_broken(name, pname), Some(name))
                }
                (None, Some(_)) => self.fail(
                    CheckCode::EventChainBroken,
                    wording::checks::first_event_names_previous(name),
                    Some(name),
                ),
            }
            if let Some((pname, _, ptime)) = &prev
                && ev.time < *ptime
            {
                self.fail(
                    CheckCode::EventTimeBackwards,
                    wording::checks::event_time_backwards(name, ev.time, pname, ptime),
                    Some(name),
                );
            }
            // Who may sign what.
            match (&mut chain, ev.event_type) {
                (None, EventType::Seal) => {
                    if let Some(m) = manifest {
                        if ev.signer != m.sealer {
                            self.fail(
                                CheckCode::EventNotEntitled,
                                wording::checks::seal_not_by_sealer(name, ev.signer.fingerprint, m.sealer.fingerprint),
                                Some(name),
                            );
                        }
                        for item in &m.items {
                            if item.capture.captured_at.is_some_and(|c| c > ev.time) {
                                self.warn(
                                    CheckCode::ManifestCaptureAfterSeal,
                                    wording::checks::manifest_capture_after_seal(&item.id, ev.time),
                                    Some(MANIFEST_PATH),
                                );
                            }
                        }
                    }
                    for required in [MANIFEST_PATH] {
                        if !ev.files.iter().any(|f| f.path == required) {
                            self.fail(
                                CheckCode::EventFileMismatch,
                                wording::checks::seal_does_not_bind(name, required),
                                Some(name),
                            );
                        }
                    }
                    chain = Some(Chain::sealed_by(ev.signer.clone()));
                    timeline.seal(ev);
                }
                (None, _) => {
                    self.fail(CheckCode::EventNotEntitled, wording::checks::first_event_not_seal(name), Some(name));
                    chain = Some(Chain::sealed_by(ev.signer.clone()));
                }
                (Some(c), _) => {
                    if let Err(r) = c.apply(ev) {
                        let why = wording::chain_violation(&r, &ev.signer);
                        self.fail(r.code(), wording::checks::about(name, &why), Some(name));
                    }
                    if let Some(t) = &ev.transfer
                        && let Some(k) = keys.get(&t.recipient.fingerprint)
                        && k.identity.as_ref() != Some(&t.recipient.identity())
                    {
                        self.fail(
                            CheckCode::EventRecipientMismatch,
                            wording::checks::event_recipient_mismatch(name, t.recipient.identity().describe()),
                            Some(name),
                        );
                    }
                    if let (Some(r), Some(ctx)) = (&ev.receipt, &receipt_context) {
                        self.check_receipt(name, r, ctx, &events);
                    }
                    timeline.apply(ev, &events);
                }
            }
            // Step 9b: the statement the event carries, if any (its author's key may be added).
            let bundle_id = manifest.map_or(ev.bundle_id.as_str(), |m| m.bundle_id.as_str());
            let read = super::statements::Read { tags, keys, events: &events, bundle_id, item_ids: item_ids.as_ref() };
            let (statement, mut statement_verified) = match self.check_statement(name, ev, &read) {
                Some((st, valid)) => (Some(st), valid),
                None => (None, false),
            };
            self.check_disposition(name, ev, item_ids.as_ref());
            if let (Some(d), Some(ids)) = (&ev.derivation, item_ids.as_ref()) {
                self.check_derivation_event(name, d, ids);
            }
            let allowed = rules::files_may_add(ev, statement.as_ref());
            for f in &ev.files {
                let bad = |why: &str| wording::checks::event_binds(name, &f.path, why);
                if rules::no_event_may_bind(&f.path) {
                    self.fail(CheckCode::EventFileMismatch, bad(wording::checks::MAY_NOT_BIND), Some(name));
                    continue;
                }
                if !allowed.contains(&f.path) {
                    self.fail(
                        CheckCode::EventUnexpectedFile,
                        wording::checks::event_unexpected_file(
                            name,
                            &f.path,
                            ev.event_type.as_str(),
                            allowed_description(ev.event_type),
                        ),
                        Some(&f.path),
                    );
                }
                if !bound.insert(f.path.clone()) {
                    self.fail(CheckCode::EventFileMismatch, bad(wording::checks::ALREADY_BOUND), Some(name));
                } else {
                    let attached = self.attachments.get(&f.path).map(|a| a.sha256);
                    match tags.get(&f.path).map(|b| self.tag_digest(&f.path, b)).or(attached) {
                        None => {
                            self.missing(CheckCode::EventFileMismatch, &f.path, bad(wording::checks::NOT_IN_BUNDLE))
                        }
                        Some(d) if d != f.sha256 => {
                            // Not what the event bound: the statement's claims are not this event's.
                            if ev
                                .statement_ref()
                                .is_some_and(|c| f.path == c.statement || f.path == signature_path(&c.statement))
                            {
                                statement_verified = false;
                            }
                            self.fail(CheckCode::EventFileMismatch, bad(wording::checks::CHANGED), Some(&f.path))
                        }
                        Some(_) => {}
                    }
                }
            }
            if let Some(t) = &ev.transfer {
                let key_path = key_path(&t.recipient.fingerprint.hex());
                if !bound.contains(&key_path) {
                    self.fail(
                        CheckCode::EventRecipientKeyMissing,
                        wording::checks::event_recipient_key_missing(
                            name,
                            t.recipient.identity().describe(),
                            &key_path,
                        ),
                        Some(name),
                    );
                }
            }
            if self.check_signature_verified(tags, keys, name, &ev.signer, |_, _| facts.signature_verifies) {
                self.pass(
                    CheckCode::SignatureValid,
                    wording::checks::event_signature_valid(name, &ev.signer.name, ev.signer.fingerprint),
                    Some(name),
                );
            }
            let statement =
                statement.zip(ev.statement_ref()).map(|(st, c)| (statement_report(&c.statement, &st, ev), st));
            // Facts from a statement only once it and its binding verified; else `carries_statement`.
            let what = EventFacts::of(ev, statement.as_ref().filter(|_| statement_verified).map(|(_, st)| st));
            let summary = super::wording::event_summary(&what);
            self.report_extra.events.push(EventReport {
                sequence: ev.sequence,
                event_type: ev.event_type,
                time: ev.time,
                signer: ev.signer.fingerprint,
                signer_name: ev.signer.name.clone(),
                summary,
                facts: what,
                trusted_time: None,
                added_files: ev.files.iter().map(|f| printable(&f.path)).collect(),
                statement: statement.map(|(r, _)| r),
            });
            if signers_seen.insert(ev.signer.fingerprint) {
                self.report_extra.signers.push(SignerReport { signer: ev.signer.clone(), trusted: None });
            }
            prev = Some((name, facts.sha256, ev.time));
        }
        // Signatures on events are bound by being signatures of bound documents.
        for (name, _, _) in &events {
            bound.insert(signature_path(name));
        }
        if let Some(c) = &chain
            && let Some((seq, t)) = &c.pending
        {
            self.warn(
                CheckCode::CustodyTransferPending,
                wording::checks::custody_transfer_pending(seq, t.recipient.identity().describe(), &c.custodian.name),
                None,
            );
        }
        if !self.failed_since(mark) && !events.is_empty() {
            self.pass(CheckCode::EventChain, wording::checks::event_chain(events.len()), None);
        }
        // For step 8b (§5.12), which verify/mod.rs runs after the chain's verdict.
        let seal =
            events.first().map(|(_, _, e)| e).filter(|e| e.sequence == 0 && e.event_type == EventType::Seal).cloned();
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
        (bound, seal)
    }
}

/// Why an event document is malformed beyond its schema, if it is.
pub(super) fn event_shape_error(ev: &Event, name: &str) -> Option<String> {
    if ev.format != EVENT_FORMAT {
        return Some(wording::checks::event_wrong_format(&ev.format, EVENT_FORMAT));
    }
    if name != event_path(ev.sequence, ev.event_type.as_str()) {
        let path = event_path(ev.sequence, ev.event_type.as_str());
        return Some(wording::checks::event_misplaced(ev.sequence, ev.event_type.as_str(), path));
    }
    if ev.event_type == EventType::Seal && ev.commitment.is_none() {
        return Some(wording::checks::seal_without_commitment());
    }
    let carried = ev.statement_bodies();
    let body_ok = match ev.event_type {
        EventType::Seal => ev.transfer.is_none() && ev.receipt.is_none() && carried == 0,
        EventType::Transfer => ev.transfer.is_some() && ev.receipt.is_none() && carried == 0,
        EventType::Receipt => ev.transfer.is_none() && ev.receipt.is_some() && carried == 0,
        EventType::Countersign => ev.transfer.is_none() && ev.receipt.is_none() && ev.countersign.is_some(),
        EventType::Document => ev.transfer.is_none() && ev.receipt.is_none() && ev.document.is_some(),
        EventType::Examination => ev.transfer.is_none() && ev.receipt.is_none() && ev.examination.is_some(),
        EventType::Access => ev.transfer.is_none() && ev.receipt.is_none() && ev.access.is_some(),
        EventType::Disposition => ev.transfer.is_none() && ev.receipt.is_none() && carried == 0,
        EventType::Derivation => ev.transfer.is_none() && ev.receipt.is_none() && carried == 0,
    } && carried <= 1
        && ev.disposition.is_some() == (ev.event_type == EventType::Disposition)
        && ev.derivation.is_some() == (ev.event_type == EventType::Derivation)
        && (ev.commitment.is_none() || ev.event_type == EventType::Seal);
    if !body_ok {
        return Some(wording::checks::event_details_mismatch(ev.event_type.as_str()));
    }
    if let Some(c) = &ev.commitment
        && c.scheme != crate::manifest::COMMITMENT_SCHEME
    {
        return Some(wording::checks::event_commitment_scheme(&c.scheme, crate::manifest::COMMITMENT_SCHEME));
    }
    if let Some(c) = ev.statement_ref() {
        let expected = crate::layout::statement_path(ev.sequence, ev.event_type.as_str());
        if c.statement != expected {
            return Some(wording::statements::carrier_wrong_path(&c.statement, expected));
        }
    }
    if let Err(e) = crate::manifest::rules::check_bundle_id(&ev.bundle_id) {
        return Some(e);
    }
    if let Err(e) = ev.signer.identity().validate() {
        return Some(wording::checks::event_signer_invalid(e));
    }
    if let Some(f) = ev.files.iter().find(|f| crate::archive::check_name(&f.path).is_err()) {
        return Some(wording::checks::event_binds_unsafe_path(&f.path));
    }
    if let Some(t) = &ev.transfer
        && let Err(e) = rules::check_transfer(t, &ev.signer.fingerprint)
    {
        return Some(e.to_string());
    }
    if let Some(r) = &ev.receipt
        && let Err(e) = rules::check_receipt(r)
    {
        return Some(e.to_string());
    }
    if let Some(d) = &ev.disposition
        && let Err(e) = rules::check_disposition(d)
    {
        return Some(e.to_string());
    }
    if let Some(d) = &ev.derivation
        && let Err(e) = rules::check_derived_copy(d)
    {
        return Some(e.to_string());
    }
    None
}
