//! `mla-execution`: a central authority's certificate that a request for mutual legal
//! assistance was executed: the request (case reference, legal basis, file numbers, the
//! requesting and requested authorities, related requests), what was executed (the capture
//! records), what is sent (the bundle's SHA-256 and seal time, every file with its SHA-256),
//! the conditions on use (speciality, confidentiality, retention, onward transfer, and each
//! hand-over's conditions with their answers), the custody chain, and the executing authority's
//! signature block.

use super::{Block, Built, Line, Piece, ReportContext, fills, fl, val, w};
use crate::provenance::{ActorRole, AuthorityRole};
use crate::verify::Report;
use crate::wording::court_report::{Label as CL, Languages};
use crate::wording::forms::{self as fw, Label as FL};

pub(super) fn build(r: &Report, ctx: &ReportContext, sha: &crate::digest::Sha256Digest) -> Built {
    let lang: Languages = ctx.languages;
    let (title, heading, mut b) = super::start(fl(lang, FL::MlaTitle), r, lang);

    b.push(Block::Heading(fl(lang, FL::MlaRequest)));
    request(&mut b, r, lang);

    b.push(Block::Heading(fl(lang, FL::MlaExecuted)));
    b.extend(super::captures(r, lang));

    b.push(Block::Heading(fl(lang, FL::MlaSent)));
    b.extend(super::identity(r, ctx, sha, lang, false));
    let (files, more) = super::files(r);
    let head = vec![
        fl(lang, FL::Item),
        super::cl(lang, CL::Path),
        super::cl(lang, CL::Size),
        super::cl(lang, CL::Sha256),
        super::cl(lang, CL::Result),
    ];
    let rows = files
        .iter()
        .map(|f| super::Row {
            cells: vec![
                val(&f.item.id),
                val(f.file.path),
                vec![Piece::Word(f.file.size.to_string())],
                vec![Piece::Code(f.file.sha256.hex())],
                super::result(lang, super::seal(r), f),
            ],
            fail: f.damaged,
        })
        .collect();
    b.push(Block::Table(vec![0.10, 0.28, 0.10, 0.30, 0.22], head, rows));
    b.extend(super::more(lang, more));

    b.push(Block::Heading(fl(lang, FL::MlaConditions)));
    let lines = crate::court_report::model::sections::restrictions(r);
    if lines.is_empty() {
        b.push(Block::Para(fl(lang, FL::MlaNoConditions)));
    } else {
        b.extend(lines.iter().map(|l| Block::Para(super::runs(lang, l))));
    }

    b.push(Block::Heading(fl(lang, FL::MlaChain)));
    let head = vec![fl(lang, FL::MlaHolder), fl(lang, FL::MlaFrom), fl(lang, FL::MlaUntil), fl(lang, FL::MlaHandover)];
    let rows = r
        .timeline
        .iter()
        .map(|p| {
            let mut holder = val(&p.holder.name);
            holder.extend([Piece::Word(" (".to_owned()), Piece::Value(p.holder.organisation.clone())]);
            holder.push(Piece::Word(")".to_owned()));
            let began = match &p.handover {
                Some(h) => {
                    let mut l = w(lang, |g| fw::mla_handed_over(g, h.transfer_sequence));
                    l.push(Piece::Word(" ".to_owned()));
                    l.push(Piece::Value(h.from.name.clone()));
                    l.push(Piece::Word(": ".to_owned()));
                    l.extend(w(lang, |g| fw::term(g, h.decision.as_str())));
                    l
                }
                None => w(lang, fw::mla_sealed),
            };
            let until = p.until.map(|u| u.to_string()).unwrap_or_default();
            super::Row {
                cells: vec![holder, vec![Piece::Word(p.from.to_string())], vec![Piece::Word(until)], began],
                fail: false,
            }
        })
        .collect();
    b.push(Block::Table(vec![0.30, 0.20, 0.20, 0.30], head, rows));

    b.push(Block::Heading(fl(lang, FL::MlaCertify)));
    b.push(Block::Para(fl(lang, FL::MlaCertifyText)));
    b.extend(fills(
        lang,
        &[FL::MlaAuthority, FL::Name, FL::Position, FL::Place, FL::Date, FL::Signature, FL::MlaStamp],
    ));
    let mut sources = fl(lang, FL::LegalSources);
    sources.push(Piece::Word(": ".to_owned()));
    sources.extend(fl(lang, FL::MlaSources));
    b.push(Block::Note(sources));
    Built { title, heading, lang, blocks: b, warning: None }
}

/// The request: the case reference, legal basis, file numbers, the requesting and requested
/// authorities (from the file numbers' roles and the actors'), related requests. A field the
/// case does not give is a line to fill.
fn request(b: &mut Vec<Block>, r: &Report, lang: Languages) {
    let Some(c) = &r.case else {
        b.extend(fills(lang, &[FL::MlaReference, FL::MlaLegalBasis, FL::MlaRequesting, FL::MlaRequested]));
        return;
    };
    b.push(Block::Fact(fl(lang, FL::MlaReference), val(&c.reference)));
    if c.legal_basis.is_empty() {
        b.push(Block::Fill(fl(lang, FL::MlaLegalBasis)));
    }
    for l in &c.legal_basis {
        let parts = [l.instrument.as_str()].into_iter().chain(l.article.as_deref()).chain(l.note.as_deref());
        b.push(Block::Fact(fl(lang, FL::MlaLegalBasis), super::vals(parts, ", ")));
    }
    for f in &c.file_numbers {
        let mut v = super::vals([f.number.as_str(), f.authority.as_str()], " \u{2014} ");
        if let Some(role) = f.role {
            v.push(Piece::Word(" (".to_owned()));
            v.extend(w(lang, |g| fw::term(g, role.as_str())));
            v.push(Piece::Word(")".to_owned()));
        }
        b.push(Block::Fact(fl(lang, FL::MlaFileNumber), v));
    }
    let authority = |file_role: AuthorityRole, actor_role: ActorRole| -> Line {
        let mut names: Vec<String> =
            c.file_numbers.iter().filter(|f| f.role == Some(file_role)).map(|f| f.authority.clone()).collect();
        for a in r.actors.iter().filter(|a| a.role == actor_role) {
            let mut s = a.name.clone();
            if let Some(o) = &a.organisation {
                s = format!("{s}, {o}");
            }
            if let Some(j) = &a.jurisdiction {
                s = format!("{s} ({j})");
            }
            names.push(s);
        }
        names.dedup();
        super::vals(names.iter().map(String::as_str), "; ")
    };
    for (label, fr, ar) in [
        (FL::MlaRequesting, AuthorityRole::RequestingCentralAuthority, ActorRole::RequestingCentralAuthority),
        (FL::MlaRequested, AuthorityRole::RequestedCentralAuthority, ActorRole::RequestedCentralAuthority),
    ] {
        let v = authority(fr, ar);
        b.push(if v.is_empty() { Block::Fill(fl(lang, label)) } else { Block::Fact(fl(lang, label), v) });
    }
    for q in &c.related_requests {
        let mut v = w(lang, |g| fw::term(g, q.kind.as_str()));
        v.push(Piece::Word(" ".to_owned()));
        v.extend(val(&q.reference));
        b.push(Block::Fact(fl(lang, FL::MlaRelatedRequest), v));
    }
}
