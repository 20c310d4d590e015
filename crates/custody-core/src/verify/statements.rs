//! Statement checks (spec §9.1 step 9b): the statement an event carries (a countersignature,
//! ...) is well formed and of the event's kind, about this bundle, signed by its author, about
//! earlier events of this very chain (by their SHA-256), and made between them and the event
//! that added it. Returns the statement, for the files its carrier may add and the report.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::Verifier;
use super::events::{ReadEvent, event_by_sequence};
use super::report::{AttachmentReport, DocumentReport, ExaminationReport, StatementReport};
use super::wording::statements as say;
use crate::check::CheckCode;
use crate::event::Event;
use crate::keys::{Fingerprint, PublicKeyFile};
use crate::layout::{attachment_path, signature_path};
use crate::statement::{STATEMENT_CLOCK_TOLERANCE, Statement, StatementKind, parse_statement};

/// What the statement checks read: the tag files, the bundle's keys, its events, its id and
/// the manifest's item ids (when a manifest was read).
#[derive(Clone, Copy)]
pub(super) struct Read<'a> {
    pub(super) tags: &'a BTreeMap<String, Vec<u8>>,
    pub(super) keys: &'a HashMap<Fingerprint, PublicKeyFile>,
    pub(super) events: &'a [ReadEvent],
    pub(super) bundle_id: &'a str,
    pub(super) item_ids: Option<&'a BTreeSet<&'a str>>,
}

impl Verifier {
    /// Checks the statement that event `ev` (the document `name`) carries, if it carries one.
    /// Returns the statement once it could be read (even if a later check failed), so that
    /// the author's key file counts among the files the event may add, and whether every check
    /// on it passed (only then are its claims the event's facts, spec §9.3).
    pub(super) fn check_statement(&mut self, name: &str, ev: &Event, read: &Read) -> Option<(Statement, bool)> {
        let Read { tags, keys, events, bundle_id, item_ids } = *read;
        let path = ev.statement_ref()?.statement.as_str();
        let mark = self.checks.mark();
        for bound in [path.to_owned(), signature_path(path)] {
            if !ev.files.iter().any(|f| f.path == bound) {
                self.fail(CheckCode::EventFileMismatch, say::carrier_does_not_bind(name, &bound), Some(name));
            }
        }
        // Absent: reported with the event's files (or just above).
        let bytes = tags.get(path)?;
        let st = match parse_statement(bytes) {
            Ok(st) => st,
            Err(e) => {
                self.fail(CheckCode::StatementInvalid, say::statement_invalid(path, e), Some(path));
                return None;
            }
        };
        if st.kind.event_type() != ev.event_type {
            let (kind, t) = (st.kind.as_str(), ev.event_type.as_str());
            self.fail(CheckCode::StatementInvalid, say::statement_wrong_kind(path, kind, t), Some(path));
        }
        if st.bundle_id != bundle_id {
            let msg = say::statement_wrong_bundle(path, &st.bundle_id, bundle_id);
            self.fail(CheckCode::StatementWrongBundle, msg, Some(path));
        }
        self.check_signature(tags, keys, path, bytes, &st.author);
        let mut own = None;
        for c in &st.concerns {
            let found = event_by_sequence(events, c.sequence)
                .filter(|(_, facts, _)| c.sequence < ev.sequence && facts.sha256 == c.sha256);
            let Some((_, _, concerned)) = found else {
                let msg = say::statement_concerns_unknown(path, c.sequence, ev.sequence);
                self.fail(CheckCode::StatementConcernsUnknown, msg, Some(path));
                continue;
            };
            if st.time < concerned.time {
                let msg = say::statement_before_event(path, st.time, c.sequence, concerned.time);
                self.fail(CheckCode::StatementTimeInvalid, msg, Some(path));
            }
            if concerned.signer.fingerprint == st.author.fingerprint && st.kind == StatementKind::Countersign {
                own.get_or_insert(c.sequence);
            }
        }
        if st.time.unix() > ev.time.unix().saturating_add(STATEMENT_CLOCK_TOLERANCE) {
            let msg = say::statement_after_carrier(path, st.time, ev.sequence, ev.time);
            self.fail(CheckCode::StatementTimeInvalid, msg, Some(path));
        }
        self.check_attachments(path, ev, &st);
        if let (Some(x), Some(ids)) = (&st.examination, item_ids) {
            for item in x.items.iter().filter(|i| !ids.contains(i.as_str())) {
                self.fail(CheckCode::ExaminationUnknownItem, say::examination_unknown_item(path, item), Some(path));
            }
        }
        if let (Some(access), Some(ids)) = (&st.access, item_ids) {
            for item in access.items.iter().flatten().filter(|i| !ids.contains(i.as_str())) {
                self.fail(CheckCode::AccessUnknownItem, say::access_unknown_item(path, item), Some(path));
            }
        }
        if let Some(sequence) = own {
            let msg = say::countersign_by_own_signer(path, &st.author.name, sequence);
            self.warn(CheckCode::CountersignByOwnSigner, msg, Some(path));
        }
        let valid = !self.failed_since(mark);
        if valid {
            self.pass(
                CheckCode::StatementValid,
                say::statement_valid(path, &st.author.name, st.author.fingerprint, st.capacity.as_str()),
                Some(path),
            );
        }
        Some((st, valid))
    }
}

impl Verifier {
    /// Each file the statement attaches (spec §5.8): bound by its carrying event under
    /// `custody/attachments/NNNNNN/<name>` with the SHA-256 the statement gives, present, and
    /// of that SHA-256 and size as streamed (`attachment.missing`, `attachment.hash_mismatch`).
    fn check_attachments(&mut self, path: &str, ev: &Event, st: &Statement) {
        for a in st.attachments() {
            let file = attachment_path(ev.sequence, &a.name);
            let bound = ev.files.iter().find(|f| f.path == file);
            let Some(bound) = bound else {
                self.fail(CheckCode::AttachmentMissing, say::attachment_missing(path, &file, false), Some(&file));
                continue;
            };
            let Some(found) = self.attachments.get(&file).copied() else {
                if !self.unreadable.contains(&file) {
                    self.fail(CheckCode::AttachmentMissing, say::attachment_missing(path, &file, true), Some(&file));
                }
                continue;
            };
            if found.sha256 != a.sha256 || found.size != a.size || bound.sha256 != a.sha256 {
                let msg = say::attachment_hash_mismatch(path, &file, found.size, a.size);
                self.fail(CheckCode::AttachmentHashMismatch, msg, Some(&file));
            }
        }
    }
}

/// What the report shows of a statement (its line in the timeline is worded from the event's
/// facts, `EventFacts`).
pub(super) fn statement_report(path: &str, st: &Statement, ev: &Event) -> StatementReport {
    let concerns: Vec<u64> = st.concerns.iter().map(|c| c.sequence).collect();
    let document = st.document.as_ref().map(|d| DocumentReport {
        kind: d.kind,
        reference: d.reference.clone(),
        language: d.language.clone(),
        date: d.date.clone(),
        title: d.title.clone(),
    });
    let files = st
        .attachments()
        .iter()
        .map(|a| AttachmentReport {
            path: attachment_path(ev.sequence, &a.name),
            media_type: a.media_type.clone(),
            sha256: a.sha256,
            size: a.size,
        })
        .collect();
    let body = st.countersign.clone().unwrap_or_default();
    StatementReport {
        path: path.to_owned(),
        kind: st.kind,
        author: st.author.clone(),
        capacity: st.capacity,
        concerns,
        time: st.time,
        text: body.text,
        language: body.language,
        place: body.place,
        document,
        examination: st.examination.as_ref().map(|x| ExaminationReport {
            items: x.items.clone(),
            tool: x.tool.clone(),
            parameters: x.parameters.clone(),
            conclusion: x.conclusion.clone(),
        }),
        files,
        purpose: st.access.as_ref().map(|a| a.purpose.clone()),
        items: st.access.as_ref().and_then(|a| a.items.clone()),
    }
}
