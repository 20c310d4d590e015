//! `fre-902-14`: the certification of a qualified person under US Federal Rules of Evidence
//! 902(13)/(14): the declarant and their qualifications (from a hash or copy certification, or
//! a countersignature of the seal in a qualifying capacity, else lines to fill), what they
//! certify in the first person (the process produces an accurate result; the hash values were
//! compared and the copies are identical, only where the verification established the seal),
//! the process (capture records with their environment and clock source, the seal), the hash
//! comparison (every file, as the verification established it), and the
//! declaration under 28 U.S.C. §1746, within or outside the United States as the caller says,
//! with the foreign certification of 18 U.S.C. §3505 only when asked (a foreign business's
//! records), the §1746 sentence last. English only: the wording is the statutes'.

use super::{Block, Built, Piece, ReportContext, en, fills, fl, val};
use crate::provenance::AttestationKind;
use crate::statement::Capacity;
use crate::verify::Report;
use crate::wording::court_report::{Label as CL, Languages};
use crate::wording::forms::{Label as FL, fre as t};

/// Who declares, as the bundle records them.
struct Declarant {
    name: String,
    organisation: Option<String>,
    position: Option<String>,
    statement: Option<String>,
}

/// The declarant: the author of a hash or copy certification sealed with the manifest, else of
/// the first countersignature that concerns the seal (event 0) in a [`Capacity::QUALIFIED`] capacity;
/// `None` otherwise (the form then has lines to fill): a signature on another event (a receipt,
/// a document) is not a certification of the process or of the copies.
fn declarant(r: &Report) -> Option<Declarant> {
    let certification = r
        .attestations
        .iter()
        .find(|a| matches!(a.kind, AttestationKind::HashCertification | AttestationKind::CopyCertification));
    if let Some(a) = certification {
        let actor = r.actors.iter().find(|x| x.id == a.by);
        return Some(Declarant {
            name: a.by_name.clone(),
            organisation: actor.and_then(|x| x.organisation.clone()),
            position: actor.map(|x| crate::wording::words(x.role.as_str())),
            statement: Some(a.statement.clone()),
        });
    }
    let (_, st) = r.countersignatures_of_seal(Capacity::QUALIFIED).next()?;
    Some(Declarant {
        name: st.author.name.clone(),
        organisation: Some(st.author.organisation.clone()),
        position: Some(crate::wording::words(st.capacity.as_str())),
        statement: st.text.clone(),
    })
}

/// Whether a capture record describes a process: a tool, a method or access steps (a source or
/// a time alone says what was captured, or when, not how).
fn recorded(c: &crate::provenance::Capture) -> bool {
    c.tool.is_some() || !c.methods.is_empty() || !c.access_steps.is_empty()
}

/// What the declarant certifies of the copies (FRE 902(14)): nothing where the seal was not
/// established; where it was, the identity of every file listed, or, when files were disposed
/// of (not in the bundle, so not compared) or left out of the capped list, only of the files
/// listed as matching, saying which were not compared.
fn certified(r: &Report, files: &[super::FileLine<'_>], more: u64) -> String {
    if super::seal(r) != crate::wording::forms::Seal::Established {
        return t::NOT_IDENTICAL.to_owned();
    }
    let disposed = files.iter().filter(|f| !f.damaged && f.item.disposed_by.is_some()).count() as u64;
    if disposed == 0 && more == 0 {
        return t::IDENTICAL.to_owned();
    }
    t::identical_listed(disposed, more)
}

pub(super) fn build(r: &Report, ctx: &ReportContext, sha: &crate::digest::Sha256Digest) -> Built {
    let lang = Languages::from(crate::wording::court_report::Language::En);
    let (title, heading, mut b) = super::start(en(t::TITLE), r, lang);
    let who = declarant(r);

    b.push(Block::Heading(en(t::DECLARANT)));
    b.push(Block::Para(en(t::I_DECLARE)));
    match &who {
        Some(d) => {
            b.push(Block::Fact(fl(lang, FL::Name), val(&d.name)));
            b.push(super::fact_or_fill(fl(lang, FL::Position), d.position.as_deref()));
            b.push(super::fact_or_fill(en(t::EMPLOYER), d.organisation.as_deref()));
            if let Some(s) = &d.statement {
                b.push(Block::Fact(en(t::ATTESTED), val(s)));
            }
        }
        None => {
            b.extend(fills(lang, &[FL::Name, FL::Position]));
            b.push(Block::Fill(en(t::EMPLOYER)));
        }
    }
    b.push(Block::Fill(en(t::QUALIFICATIONS)));
    b.push(Block::Fill(en("")));

    b.push(Block::Heading(en(t::PROCESS)));
    // FRE 902(13) as the bundle supports it: nothing certified on a bundle whose seal was not
    // established; the capture records' process where every item has one; else lines to
    // describe the process of the items the bundle records none for.
    let unrecorded = r.items.iter().filter(|i| !recorded(&i.capture)).count() as u64;
    let accurate = match super::seal(r) {
        crate::wording::forms::Seal::NotEstablished => t::NOT_ACCURATE.to_owned(),
        _ if unrecorded == 0 => t::ACCURATE.to_owned(),
        _ => t::accurate_unrecorded(unrecorded),
    };
    b.push(Block::Para(en(&accurate)));
    b.push(Block::Para(en(t::PROCESS_TEXT)));
    b.extend(super::captures(r, lang));
    if unrecorded > 0 {
        b.push(Block::Fill(en(t::PROCESS_FILL)));
        b.push(Block::Fill(en("")));
    }

    b.push(Block::Heading(en(t::HASH)));
    let (files, more) = super::files(r);
    b.push(Block::Para(en(&certified(r, &files, more))));
    b.extend(super::identity(r, ctx, sha, lang, true));
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

    b.push(Block::Heading(en(t::DECLARATION)));
    // §3505 (a foreign business's records) only when asked, inside the declaration; the §1746
    // sentence last, just above "Executed on" and the signature.
    if ctx.foreign_business_records {
        b.push(Block::Para(en(t::FOREIGN)));
    }
    b.push(Block::Para(en(if ctx.within_us == Some(true) { t::WITHIN_US } else { t::OUTSIDE_US })));
    b.push(Block::Fill(en(t::EXECUTED_ON)));
    b.push(Block::Fill(en(t::AT)));
    b.extend(fills(lang, &[FL::Signature, FL::Name]));
    let mut sources = fl(lang, FL::LegalSources);
    sources.push(Piece::Word(format!(": {}", t::SOURCES)));
    b.push(Block::Note(sources));
    if ctx.foreign_business_records {
        b.push(Block::Note(en(t::FOREIGN_NOTICE)));
    }
    Built { title, heading, lang, blocks: b, warning: None }
}
