//! `cn-extraction-record`: 电子数据提取笔录 with its 固定清单 (2016 Provisions on electronic data,
//! arts. 14-15, art. 16 where the data was examined; SPP Provisions on cybercrime cases, 2021):
//! cause, target, time, place, method, process, the recording of the process, the list of the
//! data fixed (category, format, size, check value and its algorithm), and the signature blocks
//! of at least two investigators and of the witness or data holder, filled from the seal and
//! the countersignatures the bundle holds, blank otherwise. Chinese first; `zh,en` bilingual.

use super::{Block, Built, Line, Piece, ReportContext, fills, fl, val, w};
use crate::provenance::CaptureMethod;
use crate::statement::{Capacity, StatementKind};
use crate::verify::Report;
use crate::wording::court_report::{Label as CL, Languages};
use crate::wording::forms::{self as fw, Label as FL};

/// The investigators' blocks the record has at least.
const INVESTIGATORS: usize = 2;

/// Someone who signed: name, role, time, the event and key.
struct Signed {
    name: String,
    role: String,
    time: String,
    event: String,
}

/// Per item, the value a field shows, each segment after its item's id; empty if no item has one.
fn per_item(r: &Report, mut f: impl FnMut(&crate::verify::ItemReport) -> Option<Line>) -> Line {
    let mut l = Line::new();
    for i in &r.items {
        if let Some(v) = f(i) {
            if !l.is_empty() {
                l.push(Piece::Word("; ".to_owned()));
            }
            l.push(Piece::Value(i.id.clone()));
            l.push(Piece::Word(": ".to_owned()));
            l.extend(v);
        }
    }
    l
}

/// A field: its value, or a line to fill.
fn field(b: &mut Vec<Block>, label: Line, value: Line) {
    b.push(if value.is_empty() { Block::Fill(label) } else { Block::Fact(label, value) });
}

pub(super) fn build(r: &Report, ctx: &ReportContext, sha: &crate::digest::Sha256Digest) -> Built {
    let lang: Languages = ctx.languages;
    let (title, heading, mut b) = super::start(fl(lang, FL::CnTitle), r, lang);

    let cause: Line = match &r.case {
        Some(c) if !c.offences.is_empty() => super::vals(
            c.offences.iter().flat_map(|o| [o.description.as_str()].into_iter().chain(o.statute.as_deref())),
            "; ",
        ),
        Some(c) => c.title.as_deref().map(val).unwrap_or_default(),
        None => Line::new(),
    };
    field(&mut b, fl(lang, FL::CnCause), cause);
    let target = per_item(r, |i| {
        let c = &i.capture;
        let s: Vec<&str> = [&c.source_url, &c.platform, &c.account_handle, &c.account_id, &c.object_id]
            .into_iter()
            .filter_map(|v| v.as_deref())
            .collect();
        (!s.is_empty()).then(|| super::vals(s, ", "))
    });
    field(&mut b, fl(lang, FL::CnTarget), target);
    let time = per_item(r, |i| {
        let c = &i.capture;
        c.captured_at.map(|t| {
            let end = c.capture_end.map(|e| format!(" \u{2013} {e}")).unwrap_or_default();
            vec![Piece::Word(format!("{t}{end}"))]
        })
    });
    field(&mut b, fl(lang, FL::CnTime), time);
    let investigators = signed(r, &[Capacity::Investigator, Capacity::SecondInvestigator], true);
    let place = r
        .events
        .iter()
        .filter_map(|e| e.statement.as_ref())
        .filter(|s| s.kind == StatementKind::Countersign)
        .find_map(|s| s.place.as_deref());
    field(&mut b, fl(lang, FL::CnPlace), place.map(val).unwrap_or_default());
    let method = per_item(r, |i| {
        let c = &i.capture;
        let mut l = Line::new();
        if !c.methods.is_empty() {
            let m: Vec<String> = c.methods.iter().map(|m| crate::wording::words(m.as_str())).collect();
            l.push(Piece::Code(m.join(", ")));
        }
        if let Some(t) = &c.tool {
            l.push(Piece::Word(if l.is_empty() { "" } else { ", " }.to_owned()));
            l.extend(super::vals([t.name.as_str()].into_iter().chain(t.version.as_deref()), " "));
        }
        (!l.is_empty()).then_some(l)
    });
    field(&mut b, fl(lang, FL::CnMethod), method);
    let steps = per_item(r, |i| {
        let s = &i.capture.access_steps;
        (!s.is_empty()).then(|| {
            let mut l = Line::new();
            for (n, x) in s.iter().enumerate() {
                l.push(Piece::Word(format!("{}{}. ", if n > 0 { " " } else { "" }, n + 1)));
                l.push(Piece::Value(x.clone()));
            }
            l
        })
    });
    field(&mut b, fl(lang, FL::CnSteps), steps);
    recording(&mut b, r, lang);

    b.push(Block::Heading(fl(lang, FL::CnList)));
    b.extend(super::identity(r, ctx, sha, lang, true));
    b.push(Block::Para(w(lang, |g| fw::cn_integrity(g, &r.verified_at.to_string(), super::seal(r)))));
    let (files, more) = super::files(r);
    let head = vec![
        fl(lang, FL::CnNumber),
        super::cl(lang, CL::Path),
        fl(lang, FL::CnCategory),
        fl(lang, FL::CnFormat),
        super::cl(lang, CL::Size),
        fl(lang, FL::CnAlgorithm),
        fl(lang, FL::CnCheckValue),
    ];
    let rows = files
        .iter()
        .enumerate()
        .map(|(n, f)| {
            let kind = f.item.capture.kind.map(|k| crate::wording::words(k.as_str())).unwrap_or_default();
            let mut check = vec![Piece::Code(f.file.sha256.hex()), Piece::Word(" \u{2014} ".to_owned())];
            check.extend(super::result(lang, super::seal(r), f));
            super::Row {
                cells: vec![
                    vec![Piece::Word((n + 1).to_string())],
                    val(f.file.path),
                    vec![Piece::Code(kind)],
                    val(f.file.media_type),
                    vec![Piece::Word(f.file.size.to_string())],
                    vec![Piece::Word("SHA-256".to_owned())],
                    check,
                ],
                fail: f.damaged,
            }
        })
        .collect();
    b.push(Block::Table(vec![0.06, 0.24, 0.09, 0.12, 0.09, 0.08, 0.32], head, rows));
    b.extend(super::more(lang, more));

    b.push(Block::Heading(fl(lang, FL::CnInvestigator)));
    let n = investigators.len().max(INVESTIGATORS);
    for k in 0..n {
        let mut head = fl(lang, FL::CnInvestigator);
        head.insert(1, Piece::Word(format!(" {}", k + 1)));
        b.push(Block::Subheading(head));
        signature(&mut b, lang, investigators.get(k));
    }
    b.push(Block::Heading(fl(lang, FL::CnWitness)));
    let witnesses = signed(r, &[Capacity::Witness, Capacity::DataHolder], false);
    for k in 0..witnesses.len().max(1) {
        let mut head = fl(lang, FL::CnWitness);
        head.insert(1, Piece::Word(format!(" {}", k + 1)));
        b.push(Block::Subheading(head));
        signature(&mut b, lang, witnesses.get(k));
    }
    b.push(Block::Fill(fl(lang, FL::CnHolderDidNotSign)));
    let mut sources = fl(lang, FL::LegalSources);
    sources.push(Piece::Word(": ".to_owned()));
    sources.extend(w(lang, fw::cn_sources));
    b.push(Block::Note(sources));
    Built { title, heading, lang, blocks: b, warning: None }
}

/// The recording of the process: the files of items captured by screen recording, else a line
/// to name one.
fn recording(b: &mut Vec<Block>, r: &Report, lang: Languages) {
    let recording: std::collections::HashSet<&str> = r
        .items
        .iter()
        .filter(|i| i.capture.methods.contains(&CaptureMethod::ScreenRecording))
        .map(|i| i.id.as_str())
        .collect();
    let recorded: Vec<&str> = r
        .manifest
        .iter()
        .flat_map(|m| &m.items)
        .filter(|m| recording.contains(m.id.as_str()))
        .flat_map(|m| m.files.iter().filter(|f| f.media_type.starts_with("video/")).map(|f| f.path))
        .take(super::FORM_FILES)
        .collect();
    if recorded.is_empty() {
        b.push(Block::Fact(fl(lang, FL::CnRecording), fl(lang, FL::CnNoRecording)));
        b.push(Block::Fill(fl(lang, FL::CnRecording)));
    } else {
        b.push(Block::Fact(fl(lang, FL::CnRecording), super::vals(recorded, ", ")));
    }
}

/// Who signed in one of `capacities`: the countersignatures that say so, after the sealer when
/// `sealer` (the seal is the first investigator's signature).
fn signed(r: &Report, capacities: &[Capacity], sealer: bool) -> Vec<Signed> {
    let mut out = Vec::new();
    for e in &r.events {
        if sealer && e.sequence == 0 {
            let s = r.signers.iter().find(|s| s.signer.fingerprint == e.signer);
            out.push(Signed {
                name: s.map_or_else(|| e.signer_name.clone(), |s| s.signer.name.clone()),
                role: s.map(|s| crate::wording::words(s.signer.role.as_str())).unwrap_or_default(),
                time: e.time.to_string(),
                event: format!("#{} {}", e.sequence, e.signer),
            });
        }
        let Some(st) = &e.statement else { continue };
        if st.kind == StatementKind::Countersign && capacities.contains(&st.capacity) {
            out.push(Signed {
                name: st.author.name.clone(),
                role: crate::wording::words(st.capacity.as_str()),
                time: st.time.to_string(),
                event: format!("#{} {}", e.sequence, st.author.fingerprint),
            });
        }
    }
    out
}

/// A signature block: filled from a signature the bundle holds, else lines to fill; the
/// handwritten signature always has its line.
fn signature(b: &mut Vec<Block>, lang: Languages, who: Option<&Signed>) {
    match who {
        Some(s) => {
            b.push(Block::Fact(fl(lang, FL::Name), val(&s.name)));
            b.push(Block::Fact(fl(lang, FL::Position), vec![Piece::Code(s.role.clone())]));
            b.push(Block::Fact(fl(lang, FL::Date), vec![Piece::Word(s.time.clone())]));
            b.push(Block::Fact(fl(lang, FL::SignedEvent), vec![Piece::Code(s.event.clone())]));
            b.push(Block::Fill(fl(lang, FL::Signature)));
        }
        None => b.extend(fills(lang, &[FL::Name, FL::Position, FL::Date, FL::Signature])),
    }
}
