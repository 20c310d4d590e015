//! What the court report's sections say, and in which order, decided once for the HTML and the
//! PDF report (each only lays it out): the verdict's latest event, the restrictions and transfer
//! conditions (the execution certificate states them too), the case and its legal basis, the
//! attestations sealed with the manifest, the statements, the parties who signed, every check.
//! Values are runs of their own ([`Run::Value`]), escaped and isolated where shown.

use super::Run;
use crate::check::{Check, Level};
use crate::verify::{EventReport, Report, wording as vw};
use crate::wording::court_report::Label;
use crate::wording::render::{case as case_label, head};

/// The latest custody event as the verdict names it: removing the last events leaves no trace,
/// so the reader confirms this one with the sender (spec §9.2); on an invalid bundle its signer
/// is only claimed.
pub(crate) struct LatestEvent {
    /// The sentence of the English catalogue naming it and its signer (which quotes values).
    pub(crate) line: String,
    /// The signer's key, as the catalogue writes it.
    pub(crate) key: String,
    /// The sentence asking the reader to confirm it with the sender, when the bundle is not
    /// invalid.
    pub(crate) confirm: Option<&'static str>,
}

/// The latest custody event, if the report has events ([`LatestEvent`]).
pub(crate) fn latest_event(r: &Report) -> Option<LatestEvent> {
    let e = r.events.iter().max_by_key(|e| e.sequence)?;
    let signer = r
        .signers
        .iter()
        .find(|x| x.signer.fingerprint == e.signer)
        .map_or_else(|| e.signer_name.clone(), |x| vw::describe_signer(&x.signer));
    // A re-zipped bundle whose content holds had its signatures checked (spec §9.6).
    let vouched = r.signatures_vouch();
    let signed = vw::latest_event_signer(&signer, !vouched);
    Some(LatestEvent {
        line: crate::wording::render::latest_event(e.sequence, e.event_type.as_str(), e.time, &signed),
        key: crate::wording::render::key(e.signer),
        confirm: vouched.then_some(vw::CONFIRM_LATEST_EVENT),
    })
}

/// The restrictions on use, then each hand-over's conditions with the answer, then a transfer
/// still pending: sentences of the English catalogue, which quote values (each renderer shows
/// them escaped, marked English).
pub(crate) fn restrictions(r: &Report) -> Vec<String> {
    let mut lines = vw::restrictions(&r.restrictions);
    for p in &r.timeline {
        if let Some(h) = &p.handover {
            lines.extend(h.conditions.iter().map(|c| vw::condition_restriction(c, h)));
        }
    }
    if let Some(p) = &r.pending_transfer {
        lines.push(vw::pending_since(p));
    }
    lines
}

/// The key of a fact of the case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Key {
    /// A label of the English catalogue, shared with the text report (marked English).
    En(&'static str),
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
    entry(Key::En(head::CASE), vec![value(&c.reference)]);
    if let Some(t) = &c.title {
        entry(Key::En(case_label::TITLE), vec![value(t)]);
    }
    if let Some(p) = c.proceeding {
        entry(Key::En(case_label::PROCEEDING), vec![Run::Term(p.as_str())]);
    }
    if let Some(m) = c.acquisition_mode {
        entry(Key::En(case_label::OBTAINED_BY), vec![Run::Term(m.as_str())]);
    }
    if let Some(u) = c.urgency {
        entry(Key::En(case_label::URGENCY), vec![Run::Term(u.as_str())]);
    }
    for l in &c.legal_basis {
        let mut v = vec![value(&l.instrument)];
        if let Some(a) = &l.article {
            v.extend([text(", "), value(a)]);
        }
        if let Some(n) = &l.note {
            v.extend([text(" ("), value(n), text(")")]);
        }
        entry(Key::En(case_label::LEGAL_BASIS), v);
    }
    for o in &c.offences {
        let mut v = vec![value(&o.description)];
        if let Some(s) = &o.statute {
            v.extend([text(" ("), value(s), text(")")]);
        }
        entry(Key::En(case_label::OFFENCE), v);
    }
    for f in &c.file_numbers {
        let mut v = vec![value(&f.number), text(" \u{2014} "), value(&f.authority)];
        if let Some(role) = f.role {
            v.extend([text(" ["), Run::Term(role.as_str()), text("]")]);
        }
        entry(Key::En(case_label::FILE_NUMBER), v);
    }
    for a in &c.authorisations {
        let mut v = vec![value(&a.description)];
        if let Some(x) = &a.reference {
            v.extend([text(" ("), value(x), text(")")]);
        }
        entry(Key::Value(a.id.clone()), v);
    }
    for q in &c.related_requests {
        entry(Key::En(case_label::REQUEST), vec![Run::Term(q.kind.as_str()), text(" "), value(&q.reference)]);
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
    /// The event's summary, a sentence of the English catalogue.
    pub(crate) summary: &'a str,
    /// The statement's lines of the English catalogue (its files are `files`).
    pub(crate) lines: Vec<String>,
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
            summary: &e.summary,
            lines: vw::statement_lines_without_files(st),
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
/// English vocabulary), the time claimed, the summary and the trusted time, sentences of the
/// English catalogue.
pub(crate) struct Event<'a> {
    pub(crate) sequence: u64,
    pub(crate) event_type: &'static str,
    pub(crate) time: String,
    pub(crate) summary: &'a str,
    pub(crate) trusted_time: Option<String>,
}

/// The custody events, in chain order ([`Event`]).
pub(crate) fn events(r: &Report) -> Vec<Event<'_>> {
    r.events.iter().map(event).collect()
}

fn event(e: &EventReport) -> Event<'_> {
    Event {
        sequence: e.sequence,
        event_type: e.event_type.as_str(),
        time: e.time.to_string(),
        summary: &e.summary,
        trusted_time: e.trusted_time.as_ref().map(|t| vw::trusted_time(t, vw::Front::Library)),
    }
}

/// A check as the checks' table shows it: its code, the title of its area (looked up in the
/// catalogue by the code), its level, its message (English) and how many more of its code were
/// not listed.
pub(crate) struct CheckRow<'a> {
    pub(crate) code: &'a str,
    pub(crate) level: Level,
    pub(crate) message: &'a str,
    pub(crate) more: Option<u64>,
}

/// The checks section: an unzipped bundle's note on the container checks not applicable, every
/// check, then a re-zipped bundle's content checks under their summary (spec §9.6).
pub(crate) struct Checks<'a> {
    /// The note on the container checks that do not apply (English sentences).
    pub(crate) container: Option<String>,
    pub(crate) checks: Vec<CheckRow<'a>>,
    /// The content checks' summary (English) and rows.
    pub(crate) content: Option<(&'a str, Vec<CheckRow<'a>>)>,
}

fn rows(checks: &[Check]) -> Vec<CheckRow<'_>> {
    (checks.iter())
        .map(|c| CheckRow { code: c.code.as_str(), level: c.level, message: &c.message, more: c.more })
        .collect()
}

/// The checks of `r` ([`Checks`]).
pub(crate) fn checks(r: &Report) -> Checks<'_> {
    let container = r.container.as_ref().map(|c| {
        let codes: Vec<&str> = c.not_applicable.iter().map(|c| c.as_str()).collect();
        format!("{} {}", vw::container_not_checked(), vw::container_not_applicable(&codes.join(", ")))
    });
    Checks {
        container,
        checks: rows(&r.checks),
        content: r.content.as_ref().map(|c| (c.summary.as_str(), rows(&c.checks))),
    }
}
