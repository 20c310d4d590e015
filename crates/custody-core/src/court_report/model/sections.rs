//! What the court report's sections say, and in which order, decided once for the HTML and the
//! PDF report (each only lays it out): the verdict's latest event, the restrictions and transfer
//! conditions (the execution certificate states them too), the case and its legal basis, the
//! attestations sealed with the manifest, the statements, the parties who signed, every check.
//! Values are runs of their own ([`Run::Value`]), escaped and isolated where shown.

use super::{Run, joined, say};
use crate::check::{Check, CheckCode, Level};
use crate::manifest::Signer;
use crate::provenance::{OnwardTransferRule, Restrictions};
use crate::verify::{CustodyPeriod, EventReport, Report};
use crate::wording::court_report::{Label, Sentence};

/// The latest custody event as the verdict names it: removing the last events leaves no trace,
/// so the reader confirms this one with the sender (spec §9.2); on an invalid bundle its signer
/// is only claimed.
pub(crate) struct LatestEvent {
    /// The sentence naming it (number, type, time) and its signer, claimed only on an invalid
    /// bundle.
    pub(crate) line: Vec<Run>,
    /// The signer's key.
    pub(crate) key: Vec<Run>,
    /// The sentence asking the reader to confirm it with the sender, when the bundle is not
    /// invalid.
    pub(crate) confirm: Option<Vec<Run>>,
}

/// A signer as the sentences name them: name, role (a word of the vocabulary), organisation and
/// jurisdiction.
pub(crate) fn signer(s: &Signer) -> Vec<Run> {
    let holes = vec![
        vec![value(&s.name)],
        vec![Run::Term(s.role.as_str())],
        vec![value(&s.organisation)],
        vec![value(&s.jurisdiction)],
    ];
    vec![say(Sentence::Signer, holes)]
}

/// The latest custody event, if the report has events ([`LatestEvent`]).
pub(crate) fn latest_event(r: &Report) -> Option<LatestEvent> {
    let e = r.events.iter().max_by_key(|e| e.sequence)?;
    let by = (r.signers.iter().find(|x| x.signer.fingerprint == e.signer))
        .map_or_else(|| vec![value(&e.signer_name)], |x| signer(&x.signer));
    // A re-zipped bundle whose content holds had its signatures checked (spec §9.6).
    let vouched = r.signatures_vouch();
    let holes = vec![
        vec![text(&e.sequence.to_string())],
        vec![Run::Term(e.event_type.as_str())],
        vec![text(&e.time.to_string())],
        by,
    ];
    Some(LatestEvent {
        line: vec![say(if vouched { Sentence::LatestSigned } else { Sentence::LatestClaimed }, holes)],
        key: vec![say(Sentence::LatestKey, vec![vec![text(&e.signer.to_string())]])],
        confirm: vouched.then(|| vec![say(Sentence::ConfirmLatest, Vec::new())]),
    })
}

/// A restriction followed by its author's note, if any.
fn with_note(said: Run, note: Option<&str>) -> Vec<Run> {
    match note {
        Some(n) => vec![say(Sentence::WithNote, vec![vec![said], vec![value(n)]])],
        None => vec![said],
    }
}

/// Values as a list ([`Sentence::ListSep`]: they may hold commas).
fn list(values: &[String]) -> Vec<Run> {
    joined(values.iter().map(|v| value(v)), Sentence::ListSep)
}

/// The sealer's restrictions on use, most important first, each a sentence of the catalogue.
fn restrictions_on_use(x: &Restrictions) -> Vec<Vec<Run>> {
    let mut out = Vec::new();
    if let Some(u) = &x.use_limitation {
        let mut s = match (u.purposes.is_empty(), u.proceedings.is_empty()) {
            (false, false) => say(Sentence::UseForIn, vec![list(&u.purposes), list(&u.proceedings)]),
            (false, true) => say(Sentence::UseFor, vec![list(&u.purposes)]),
            (true, false) => say(Sentence::UseIn, vec![list(&u.proceedings)]),
            (true, true) => say(Sentence::UseLimited, Vec::new()),
        };
        if u.speciality {
            s = say(Sentence::Speciality, vec![vec![s]]);
        }
        out.push(with_note(s, u.note.as_deref()));
    }
    if let Some(o) = &x.onward_transfer {
        let s = match (&o.rule, &o.consent_of) {
            (OnwardTransferRule::Allowed, _) => say(Sentence::OnwardAllowed, Vec::new()),
            (OnwardTransferRule::Forbidden, _) => say(Sentence::OnwardForbidden, Vec::new()),
            (OnwardTransferRule::ConsentRequired, Some(c)) => say(Sentence::OnwardConsentOf, vec![vec![value(c)]]),
            (OnwardTransferRule::ConsentRequired, None) => say(Sentence::OnwardConsent, Vec::new()),
        };
        out.push(with_note(s, o.note.as_deref()));
    }
    if let Some(c) = &x.confidentiality {
        let s = say(Sentence::Confidentiality, vec![vec![Run::Term(c.level.as_str())]]);
        out.push(with_note(s, c.note.as_deref()));
    }
    if let Some(k) = &x.retention {
        let mut parts = Vec::new();
        if let Some(d) = &k.keep_until {
            parts.push(say(Sentence::KeepUntil, vec![vec![text(&d.to_string())]]));
        }
        if let Some(d) = &k.review_on {
            parts.push(say(Sentence::ReviewBy, vec![vec![text(&d.to_string())]]));
        }
        parts.extend(k.note.as_deref().map(value));
        out.push(vec![say(Sentence::Retention, vec![joined(parts, Sentence::ListSep)])]);
    }
    if let Some(d) = &x.data_protection {
        let mut parts =
            vec![say(if d.personal_data { Sentence::PersonalData } else { Sentence::NoPersonalData }, Vec::new())];
        if !d.data_subjects.is_empty() {
            let subjects = joined(d.data_subjects.iter().map(|c| Run::Term(c.as_str())), Sentence::Comma);
            parts.push(say(Sentence::DataSubjects, vec![subjects]));
        }
        if !d.special_categories.is_empty() {
            let categories = joined(d.special_categories.iter().map(|c| value(c)), Sentence::Comma);
            parts.push(say(Sentence::SpecialCategories, vec![categories]));
        }
        if d.minors {
            parts.push(say(Sentence::Minors, Vec::new()));
        }
        let joined = joined(parts, Sentence::ListSep);
        out.push(match d.note.as_deref() {
            Some(n) => vec![say(Sentence::WithNote, vec![joined, vec![value(n)]])],
            None => joined,
        });
    }
    if let Some(e) = &x.export_approval {
        out.push(vec![say(Sentence::ExportApproval, vec![vec![value(e)]])]);
    }
    out
}

/// The restrictions on use, then each hand-over's conditions with the answer, then a transfer
/// still pending: sentences of the catalogue, each a line.
pub(crate) fn restrictions(r: &Report) -> Vec<Vec<Run>> {
    let mut lines = restrictions_and_conditions(&r.restrictions, &r.timeline);
    lines.extend(pending(r));
    lines
}

/// A transfer still pending ([`Sentence::Pending`]): since when, its number, to whom, for what.
pub(crate) fn pending(r: &Report) -> Option<Vec<Run>> {
    let p = r.pending_transfer.as_ref()?;
    let holes = vec![
        vec![text(&p.since.to_string())],
        vec![text(&p.sequence.to_string())],
        signer(&p.to),
        vec![value(&p.purpose)],
    ];
    Some(vec![say(Sentence::Pending, holes)])
}

/// The restrictions on use, then each hand-over's conditions with the recipient's answer:
/// sentences of the catalogue, each a line (the court documents' and the text report's).
pub(crate) fn restrictions_and_conditions(restrictions: &Restrictions, timeline: &[CustodyPeriod]) -> Vec<Vec<Run>> {
    let mut lines = restrictions_on_use(restrictions);
    for p in timeline {
        let Some(h) = &p.handover else { continue };
        for c in &h.conditions {
            let said = if c.accepted { Sentence::ConditionAccepted } else { Sentence::ConditionRefused };
            let holes = vec![
                vec![value(&c.text)],
                vec![Run::Term(c.kind.as_str())],
                vec![value(&h.from.name)],
                vec![text(&h.transfer_sequence.to_string())],
            ];
            lines.push(vec![say(said, holes)]);
        }
    }
    lines
}

/// The key of a fact of the case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Key {
    /// A label of the catalogue.
    Label(Label),
    /// A value: an authorisation's id, as the sealer wrote it.
    Value(String),
}

/// A fact of the case: its key and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) key: Key,
    pub(crate) value: Vec<Run>,
}

fn text(s: &str) -> Run {
    Run::Text(s.to_owned())
}

fn value(s: &str) -> Run {
    Run::Value(s.to_owned())
}

/// The case as the signed manifest describes it: its reference, title, proceeding, how the
/// evidence was obtained, urgency, each legal basis, offence, file number, authorisation and
/// related request; `None` when the case could not be read.
pub(crate) fn case(r: &Report) -> Option<Vec<Entry>> {
    let c = r.case.as_ref()?;
    let mut out = Vec::new();
    let mut entry = |key: Key, value: Vec<Run>| out.push(Entry { key, value });
    entry(Key::Label(Label::CaseReference), vec![value(&c.reference)]);
    if let Some(t) = &c.title {
        entry(Key::Label(Label::CaseTitle), vec![value(t)]);
    }
    if let Some(p) = c.proceeding {
        entry(Key::Label(Label::CaseProceeding), vec![Run::Term(p.as_str())]);
    }
    if let Some(m) = c.acquisition_mode {
        entry(Key::Label(Label::CaseObtainedBy), vec![Run::Term(m.as_str())]);
    }
    if let Some(u) = c.urgency {
        entry(Key::Label(Label::CaseUrgency), vec![Run::Term(u.as_str())]);
    }
    for l in &c.legal_basis {
        let mut v = vec![value(&l.instrument)];
        if let Some(a) = &l.article {
            v.extend([text(", "), value(a)]);
        }
        if let Some(n) = &l.note {
            v.extend([text(" ("), value(n), text(")")]);
        }
        entry(Key::Label(Label::CaseLegalBasis), v);
    }
    for o in &c.offences {
        let mut v = vec![value(&o.description)];
        if let Some(s) = &o.statute {
            v.extend([text(" ("), value(s), text(")")]);
        }
        entry(Key::Label(Label::CaseOffence), v);
    }
    for f in &c.file_numbers {
        let mut v = vec![value(&f.number), text(" \u{2014} "), value(&f.authority)];
        if let Some(role) = f.role {
            v.extend([text(" ["), Run::Term(role.as_str()), text("]")]);
        }
        entry(Key::Label(Label::CaseFileNumber), v);
    }
    for a in &c.authorisations {
        let mut v = vec![value(&a.description)];
        if let Some(x) = &a.reference {
            v.extend([text(" ("), value(x), text(")")]);
        }
        entry(Key::Value(a.id.clone()), v);
    }
    for q in &c.related_requests {
        entry(Key::Label(Label::CaseRequest), vec![Run::Term(q.kind.as_str()), text(" "), value(&q.reference)]);
    }
    Some(out)
}

/// Each attestation sealed with the manifest, as one line: its id, kind and standard, who
/// declared it and when, the statement, and the items it concerns.
pub(crate) fn attestations(r: &Report) -> Vec<Vec<Run>> {
    r.attestations
        .iter()
        .map(|a| {
            let mut l = vec![value(&a.id), text(" ("), Run::Term(a.kind.as_str())];
            if let Some(s) = &a.standard {
                l.extend([text(", "), value(s)]);
            }
            l.extend([
                text(") \u{2014} "),
                value(&a.by_name),
                text(" ("),
                value(&a.by),
                text(format!("), {}: ", a.declared_at).as_str()),
                value(&a.statement),
                text(" ["),
            ]);
            for (n, i) in a.items.iter().enumerate() {
                if n > 0 {
                    l.push(text(", "));
                }
                l.push(value(i));
            }
            l.push(text("]"));
            l
        })
        .collect()
}

/// A custody event that carries a statement (a countersignature, an attached document, an
/// examination, an access record), as the statements section shows it.
pub(crate) struct Statement<'a> {
    /// The event's sequence.
    pub(crate) sequence: u64,
    /// The event's type as the format writes it, a word of the English vocabulary.
    pub(crate) event_type: &'static str,
    /// The event's line in the document's language(s) ([`super::events::event_line`]).
    pub(crate) line: Vec<Run>,
    /// The statement's lines ([`super::events::statement_lines`]; its files are `files`).
    pub(crate) lines: Vec<Vec<Run>>,
    /// The files the statement attaches, which the section lists.
    pub(crate) files: &'a [crate::verify::AttachmentReport],
}

/// The events that carry a statement, in chain order ([`Statement`]).
pub(crate) fn statements(r: &Report) -> Vec<Statement<'_>> {
    (r.events.iter())
        .filter_map(|e| e.statement.as_ref().map(|st| (e, st)))
        .map(|(e, st)| Statement {
            sequence: e.sequence,
            event_type: e.event_type.as_str(),
            line: super::events::event_line(&e.facts),
            lines: super::events::statement_lines(st),
            files: &st.files,
        })
        .collect()
}

/// A party who signed, as the parties' table shows it: values as written, the role a word of
/// the vocabulary, and what the trust list says of the key.
pub(crate) struct Party<'a> {
    pub(crate) name: &'a str,
    pub(crate) organisation: &'a str,
    /// The role's name as the format writes it ([`Run::Term`]).
    pub(crate) role: &'static str,
    pub(crate) jurisdiction: &'a str,
    /// The key's fingerprint.
    pub(crate) key: String,
    /// What the trust list says of the key: in it, not in it, not checked.
    pub(crate) trust: Label,
    /// Whether the key is outside the trust list (shown as a failure).
    pub(crate) untrusted: bool,
}

/// The parties who signed, in the report's order ([`Party`]).
pub(crate) fn parties(r: &Report) -> Vec<Party<'_>> {
    (r.signers.iter())
        .map(|s| Party {
            name: &s.signer.name,
            organisation: &s.signer.organisation,
            role: s.signer.role.as_str(),
            jurisdiction: &s.signer.jurisdiction,
            key: s.signer.fingerprint.to_string(),
            trust: match s.trusted {
                Some(true) => Label::InTrustList,
                Some(false) => Label::NotInTrustList,
                None => Label::NotChecked,
            },
            untrusted: s.trusted == Some(false),
        })
        .collect()
}

/// An event of the custody timeline as its list shows it: the sequence, the type (a word of the
/// vocabulary), the time claimed, its line worded from its facts
/// ([`super::events::event_line`]) and the trusted time ([`trusted_time`]).
pub(crate) struct Event {
    pub(crate) sequence: u64,
    pub(crate) event_type: &'static str,
    pub(crate) time: String,
    pub(crate) line: Vec<Run>,
    pub(crate) trusted_time: Option<Vec<Run>>,
}

/// An event's trusted time as the catalogue says it ([`Sentence::TrustedTime`], or
/// [`Sentence::TrustedTimeUntrusted`] when no TSA root given vouches for its TSA): the time, the
/// TSA's name as its certificate gives it (a value) and how many seconds after the claimed time.
pub(crate) fn trusted_time(t: &crate::verify::TrustedTime) -> Vec<Run> {
    let s = if t.trusted { Sentence::TrustedTime } else { Sentence::TrustedTimeUntrusted };
    let holes = vec![
        vec![Run::Text(t.time.clone())],
        vec![Run::Value(t.tsa.clone())],
        vec![Run::Text(t.gap_seconds.to_string())],
    ];
    vec![say(s, holes)]
}

/// The custody events, in chain order ([`Event`]).
pub(crate) fn events(r: &Report) -> Vec<Event> {
    r.events.iter().map(event).collect()
}

/// The event `e` as the list and the picture show it ([`Event`]).
pub(crate) fn event(e: &EventReport) -> Event {
    Event {
        sequence: e.sequence,
        event_type: e.event_type.as_str(),
        time: e.time.to_string(),
        line: super::events::event_line(&e.facts),
        trusted_time: e.trusted_time.as_ref().map(trusted_time),
    }
}

/// A check as the checks' table shows it: its code (by which the catalogue gives the title of
/// its area and what it means, [`crate::wording::court_report::check_meaning`]), its level, its
/// message (English: it names the files and values of this bundle) and how many more of its code
/// were not listed.
pub(crate) struct CheckRow<'a> {
    pub(crate) code: crate::check::CheckCode,
    pub(crate) level: Level,
    pub(crate) message: &'a str,
    /// The message as the catalogue's sentences, where the verifier worded it from facts the
    /// report holds (`bundle.not_a_bundle`: what the file appears to be, and what to do): said
    /// in the document's language(s) then, [`CheckRow::message`] (English) elsewhere.
    pub(crate) said: Option<Vec<Run>>,
    pub(crate) more: Option<u64>,
}

/// The checks section: an unzipped bundle's note on the container checks not applicable, every
/// check, then a re-zipped bundle's content checks under their summary (spec §9.6).
pub(crate) struct Checks<'a> {
    /// The note on the container checks that do not apply ([`container_note`]).
    pub(crate) container: Option<Vec<Run>>,
    pub(crate) checks: Vec<CheckRow<'a>>,
    /// The content checks' summary ([`super::verdict::content_summary`]) and rows.
    pub(crate) content: Option<(Vec<Run>, Vec<CheckRow<'a>>)>,
}

fn rows(checks: &[Check]) -> Vec<CheckRow<'_>> {
    (checks.iter())
        .map(|c| CheckRow { code: c.code, level: c.level, message: &c.message, said: None, more: c.more })
        .collect()
}

/// The note above an unzipped bundle's checks: its files were checked and its ZIP container was
/// not ([`Sentence::ContainerNotChecked`]), and the codes of the container checks that do not
/// apply to a folder ([`Sentence::ContainerNotApplicable`]).
pub(crate) fn container_note(c: &crate::verify::ContainerReport) -> Vec<Run> {
    let codes = joined(c.not_applicable.iter().map(|code| Run::Text(code.as_str().to_owned())), Sentence::Comma);
    vec![
        say(Sentence::ContainerNotChecked, Vec::new()),
        Run::Text(" ".into()),
        say(Sentence::ContainerNotApplicable, vec![codes]),
    ]
}

/// The checks of `r` ([`Checks`]).
pub(crate) fn checks(r: &Report) -> Checks<'_> {
    Checks {
        container: r.container.as_ref().map(container_note),
        checks: rows(&r.checks)
            .into_iter()
            .map(|mut row| {
                if let (CheckCode::BundleNotABundle, Some(kind)) = (row.code, &r.not_a_bundle) {
                    row.said = Some(super::verdict::not_a_bundle(kind));
                }
                row
            })
            .collect(),
        content: r.content.as_ref().map(|c| (super::verdict::content_summary(c), rows(&c.checks))),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::path::Path;

    use super::super::{Run, hole_count, more_damaged_items, not_accepted};
    use super::{container_note, latest_event, restrictions, trusted_time};
    use crate::event::{ConditionKind, ItemException, ItemState};
    use crate::provenance::{ConfidentialityLevel, DataSubjectCategory, Restrictions};
    use crate::verify::wording as vw;
    use crate::verify::{ConditionReport, PendingTransfer, Report, State, VerifyOptions, verify_path};
    use crate::wording::court_report::Sentence;

    fn vector(name: &str) -> Report {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors").join(format!("{name}.zip"));
        verify_path(&path, &VerifyOptions::default()).expect("the test vectors: cargo run --example make-vectors")
    }

    /// Every [`Run::Sentence`] in `runs`, however deep: its holes are checked against its English
    /// template (none missing, none extra, none empty) and the sentence noted in `seen`.
    fn check(runs: &[Run], seen: &mut HashSet<Sentence>) {
        for r in runs {
            if let Run::Sentence(s, holes) = r {
                assert_eq!(holes.len(), hole_count(*s), "{s:?}: holes {holes:?}");
                for (n, h) in holes.iter().enumerate() {
                    assert!(!h.is_empty(), "{s:?}: hole {n} empty");
                    check(h, seen);
                }
                seen.insert(*s);
            }
        }
    }

    /// Restrictions from the format's JSON, every member set.
    fn restrictions_of(use_limitation: serde_json::Value, onward: serde_json::Value, personal: bool) -> Restrictions {
        serde_json::from_value(serde_json::json!({
            "use_limitation": use_limitation,
            "onward_transfer": onward,
            "confidentiality": {"level": ConfidentialityLevel::NAMES[0], "note": "need to know"},
            "retention": {"keep_until": "2031-01-01", "review_on": "2029-06-30", "note": "then destroy"},
            "data_protection": {
                "personal_data": personal, "data_subjects": DataSubjectCategory::NAMES,
                "special_categories": ["health"], "minors": true, "note": "redact"
            },
            "export_approval": "EXP-1"
        }))
        .expect("restrictions")
    }

    #[test]
    fn every_sentence_the_model_makes_is_given_the_holes_of_its_template() {
        let mut seen = HashSet::new();
        let uses = [
            serde_json::json!({"purposes": ["trial", "appeal, if any"], "proceedings": ["P-1"], "speciality": true,
                               "note": "as agreed"}),
            serde_json::json!({"purposes": ["trial"]}),
            serde_json::json!({"proceedings": ["P-1"]}),
            serde_json::json!({}),
        ];
        let onwards = [
            serde_json::json!({"rule": "consent_required", "consent_of": "Ministry", "note": "in writing"}),
            serde_json::json!({"rule": "consent_required"}),
            serde_json::json!({"rule": "allowed"}),
            serde_json::json!({"rule": "forbidden"}),
        ];
        for (n, (u, o)) in uses.into_iter().zip(onwards).enumerate() {
            let mut r = vector("chain-4party");
            r.restrictions = restrictions_of(u, o, n % 2 == 0);
            let h = r.timeline.iter_mut().find_map(|p| p.handover.as_mut()).expect("a hand-over");
            let condition = |accepted: bool| ConditionReport {
                id: 1,
                kind: ConditionKind::UseLimitation,
                text: "only for the trial".into(),
                accepted,
                reason: None,
            };
            h.conditions = vec![condition(true), condition(false)];
            let exception = |reason: Option<&str>| ItemException {
                status: ItemState::HashMismatch,
                reason: reason.map(str::to_owned),
                items: vec!["item-1".into()],
            };
            h.items_not_accepted = vec![exception(Some("altered")), exception(None)];
            let from = r.signers.first().expect("a signer").signer.clone();
            r.pending_transfer = Some(PendingTransfer {
                sequence: 9,
                to: from.clone(),
                from,
                since: crate::time::Timestamp::from_unix(1_796_083_200).expect("a time"),
                purpose: "appeal".into(),
            });
            if n == 1 {
                // An invalid bundle: the latest event's signer only claimed.
                r.state = State::Invalid;
                r.content = None;
            }
            for line in restrictions(&r) {
                check(&line, &mut seen);
            }
            let latest = latest_event(&r).expect("events");
            check(&latest.line, &mut seen);
            check(&latest.key, &mut seen);
            check(&latest.confirm.unwrap_or_default(), &mut seen);
            let refused = not_accepted(&r);
            for g in refused.groups.iter().chain(&refused.refs) {
                check(g, &mut seen);
            }
            check(&more_damaged_items(3), &mut seen);
        }
        // The trusted times of a bundle with a timestamp, its TSA vouched for by the roots given
        // or not.
        let mut stamped = vector("timestamp-valid");
        let t = stamped.events.iter_mut().find_map(|e| e.trusted_time.as_mut()).expect("a trusted time");
        for trusted in [true, false] {
            t.trusted = trusted;
            check(&trusted_time(t), &mut seen);
        }
        // The note above an unzipped bundle's checks, its English the verification's sentences.
        let folder = crate::verify::ContainerReport::directory(false);
        let note = container_note(&folder);
        let codes: Vec<&str> = folder.not_applicable.iter().map(|c| c.as_str()).collect();
        let english = format!("{} {}", vw::container_not_checked(), vw::container_not_applicable(&codes.join(", ")));
        assert_eq!(crate::court_report::plain_lines(&note, str::to_owned).join(" "), english);
        assert!(codes.len() > 3 && codes.contains(&"archive.crc_mismatch"), "{codes:?}");
        check(&note, &mut seen);
        // Every kind of custody event's line, each way it can be worded.
        for (facts, _) in super::super::events::tests::samples() {
            check(&super::super::events::event_line(&facts), &mut seen);
        }
        // A statement's lines, with and without a place, a title, parameters, what it says.
        let examined = vector("examination-by-examiner");
        let mut st = examined.events.iter().find_map(|e| e.statement.clone()).expect("a statement");
        for all in [false, true] {
            st.place = all.then(|| "Lyon".into());
            st.text = all.then(|| "first\nsecond".into());
            st.document = Some(crate::verify::DocumentReport {
                kind: crate::statement::DocumentKind::Order,
                reference: "O-1".into(),
                language: "fr".into(),
                date: "2026-01-02".into(),
                title: all.then(|| "Ordonnance".into()),
            });
            if let Some(x) = st.examination.as_mut() {
                x.parameters = all.then(|| "depth 3".into());
            }
            for line in super::super::events::statement_lines(&st) {
                check(&line, &mut seen);
            }
        }
        // The verdict's summary in each case, its English word for word the verification's own.
        for said in summaries() {
            check(&said, &mut seen);
        }
        let unmade: Vec<&Sentence> = Sentence::ALL.iter().filter(|s| !seen.contains(s)).collect();
        assert!(unmade.is_empty(), "no report made {unmade:?}");
    }

    /// The verdict's summary ([`super::super::verdict::verdict`]) of a report in each case of
    /// the catalogue's sentences, each checked to say in English what the verification says.
    fn summaries() -> Vec<Vec<Run>> {
        use crate::verify::SummaryChoice;
        use crate::wording::report as words;
        let english = |r: &Report| {
            let said = super::super::verdict::verdict(r).said_summary.expect("a summary of the catalogue");
            (crate::court_report::plain_lines(&said, str::to_owned).join(" "), said)
        };
        let mut out = Vec::new();
        // Verified as they are: intact, and invalid with and without damaged files.
        for name in ["mla-case", "event-edited", "payload-added", "payload-modified", "chain-event-deleted"] {
            let r = vector(name);
            let (text, said) = english(&r);
            assert_eq!(text, r.summary, "{name}");
            out.push(said);
        }
        // Trust cases no vector verified without trust anchors shows: the choice the verifier
        // records for them, said as the verification words them.
        for (signer, tsa, sentence) in [
            (true, false, Sentence::SummaryNotTrustedSigner),
            (false, true, Sentence::SummaryNotTrustedTsa),
            (true, true, Sentence::SummaryNotTrustedBoth),
        ] {
            let mut r = vector("mla-case");
            r.said = Some(SummaryChoice::Said { sentence, failed: None });
            let (text, said) = english(&r);
            assert_eq!(text, words::summary_not_trusted(signer, tsa, crate::verify::wording::Front::Library));
            out.push(said);
        }
        let mut r = vector("mla-case");
        r.said = Some(SummaryChoice::Said { sentence: Sentence::SummaryTrusted, failed: None });
        let (text, said) = english(&r);
        assert_eq!(text, words::summary_trusted());
        out.push(said);
        // A file that is no bundle, an unzipped and a re-zipped bundle, and a re-zipped bundle's
        // content summary: each said, its English the verification's own.
        out.extend(super::super::verdict::tests::other_summaries().into_iter().map(|(_, said)| said));
        // Where `verify --log` rewords the summary, the English is kept.
        let mut r = vector("mla-case");
        r.said = None;
        assert!(super::super::verdict::verdict(&r).said_summary.is_none());
        out
    }
}
