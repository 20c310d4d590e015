//! Statement checks (spec §9.1 step 9b): the statement an event carries (a countersignature,
//! ...) is well formed and of the event's kind, about this bundle, signed by its author, about
//! earlier events of this very chain (by their SHA-256), and made between them and the event
//! that added it. Returns the statement, for the files its carrier may add and the report.

use std::collections::{BTreeMap, HashMap};

use super::Verifier;
use super::events::{ReadEvent, event_by_sequence};
use super::report::StatementReport;
use super::wording::statements as say;
use crate::check::CheckCode;
use crate::event::Event;
use crate::keys::{Fingerprint, PublicKeyFile};
use crate::layout::signature_path;
use crate::statement::{STATEMENT_CLOCK_TOLERANCE, Statement, parse_statement};

impl Verifier {
    /// Checks the statement that event `ev` (the document `name`) carries, if it carries one.
    /// Returns the statement once it could be read (even if a later check failed), so that
    /// the author's key file counts among the files the event may add.
    pub(super) fn check_statement(
        &mut self,
        name: &str,
        ev: &Event,
        tags: &BTreeMap<String, Vec<u8>>,
        keys: &HashMap<Fingerprint, PublicKeyFile>,
        events: &[ReadEvent],
        bundle_id: &str,
    ) -> Option<Statement> {
        let path = ev.countersign.as_ref()?.statement.as_str();
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
            if concerned.signer.fingerprint == st.author.fingerprint {
                own.get_or_insert(c.sequence);
            }
        }
        if st.time.unix() > ev.time.unix().saturating_add(STATEMENT_CLOCK_TOLERANCE) {
            let msg = say::statement_after_carrier(path, st.time, ev.sequence, ev.time);
            self.fail(CheckCode::StatementTimeInvalid, msg, Some(path));
        }
        if let Some(sequence) = own {
            let msg = say::countersign_by_own_signer(path, &st.author.name, sequence);
            self.warn(CheckCode::CountersignByOwnSigner, msg, Some(path));
        }
        if !self.failed_since(mark) {
            self.pass(
                CheckCode::StatementValid,
                say::statement_valid(path, &st.author.name, st.author.fingerprint, st.capacity.as_str()),
                Some(path),
            );
        }
        Some(st)
    }
}

/// What the report shows of a statement, and the one line for the timeline.
pub(super) fn statement_report(path: &str, st: &Statement, ev: &Event) -> (StatementReport, String) {
    let concerns: Vec<u64> = st.concerns.iter().map(|c| c.sequence).collect();
    let line =
        say::countersigned(st.capacity.as_str(), &st.author.name, &st.author.organisation, &concerns, &ev.signer.name);
    let body = st.countersign.clone().unwrap_or_default();
    let report = StatementReport {
        path: path.to_owned(),
        kind: st.kind,
        author: st.author.clone(),
        capacity: st.capacity,
        concerns,
        time: st.time,
        text: body.text,
        language: body.language,
        place: body.place,
    };
    (report, line)
}
