//! What the court report's sections say, and in which order, decided once for the HTML and the
//! PDF report (each only lays it out): the verdict's latest event, the restrictions and transfer conditions (the execution
//! certificate states them too), the case and its legal basis, the attestations sealed with the
//! manifest. Values are runs of their own ([`Run::Value`]), escaped and isolated where shown.

use super::Run;
use crate::verify::{Report, wording as vw};
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
