//! `cn-extraction-record`: 电子数据提取笔录 with its 固定清单 (2016 Provisions on electronic data,
//! art. 7 for the two investigators, arts. 14-15 for the record; SPP Provisions on cybercrime
//! cases, 2021, art. 37): cause, target, content, network address, access method, system
//! environment, time, place (a line to fill: the capture record states none), method, process,
//! the recording of the process, the list of the data fixed (category, format, size, check
//! value and its algorithm), and the signature blocks of at least two investigators and of the
//! witness or data holder, filled from the seal (by the sealer's role) and the
//! countersignatures of the seal, blank otherwise. Chinese first, every word of the catalogue
//! in Chinese (the vocabularies' too); `zh,en` bilingual.

use super::{Block, Built, Line, Piece, ReportContext, fills, fl, val, w};
use crate::court_report::model::{Run, capture};
use crate::keys::Role;
use crate::provenance::{CaptureMethod, EnvironmentKey};
use crate::statement::Capacity;
use crate::verify::Report;
use crate::wording::court_report::{Label as CL, Languages};
use crate::wording::forms::{self as fw, Label as FL};

/// The investigators' blocks the record has at least.
const INVESTIGATORS: usize = 2;

/// The environment's members the access method states (SPP 2021 art. 37: how the address was
/// reached).
const ACCESS: &[EnvironmentKey] =
    &[EnvironmentKey::UserAgent, EnvironmentKey::EgressIp, EnvironmentKey::ExitJurisdiction];
/// The environment's members the system environment states (with the clock source).
const SYSTEM: &[EnvironmentKey] = &[EnvironmentKey::Os, EnvironmentKey::Browser, EnvironmentKey::Note];

/// Someone who signed: name, role, time, the event and key.
struct Signed {
    name: String,
    role: Line,
    time: String,
    event: String,
}

/// Per item, the value a field shows, each segment after its item's id; empty if no item has one.
/// At most [`FORM_ITEMS`](super::FORM_ITEMS) items; a note after the fields says how many more.
fn per_item(r: &Report, mut f: impl FnMut(&crate::verify::ItemReport) -> Option<Line>) -> Line {
    let mut l = Line::new();
    for i in r.items.iter().take(super::FORM_ITEMS) {
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
        // The source, then the platform and account as every document states them.
        let c = &i.capture;
        let mut l: Line = c.source_url.as_deref().map(val).unwrap_or_default();
        let on = capture::on(c);
        if !l.is_empty() && !on.is_empty() {
            l.push(Piece::Word(", ".to_owned()));
        }
        l.extend(super::runs(lang, &on));
        (!l.is_empty()).then_some(l)
    });
    field(&mut b, fl(lang, FL::CnTarget), target);
    // 内容 (art. 14): what each item holds, its kind and its files.
    let content = per_item(r, |i| {
        let mut l = val(&i.label);
        l.push(Piece::Word(" (".to_owned()));
        if let Some(k) = i.capture.kind {
            l.extend(w(lang, |g| fw::term(g, k.as_str())));
            l.push(Piece::Word(", ".to_owned()));
        }
        l.extend(w(lang, |g| fw::files_of(g, i.files as u64, i.bytes)));
        l.push(Piece::Word(")".to_owned()));
        Some(l)
    });
    field(&mut b, fl(lang, FL::CnContent), content);
    // SPP 2021 art. 37: the network address (after redirects), the access method, the system
    // environment, each from the capture record.
    let address = per_item(r, |i| i.capture.final_url.as_deref().or(i.capture.source_url.as_deref()).map(val));
    field(&mut b, fl(lang, FL::CnNetworkAddress), address);
    // The environment's values under their labels, as the capture model gives them.
    let access = per_item(r, |i| {
        let l = super::runs(lang, &capture::environment(&i.capture, ACCESS));
        (!l.is_empty()).then_some(l)
    });
    field(&mut b, fl(lang, FL::CnAccessMethod), access);
    let system = per_item(r, |i| {
        let c = &i.capture;
        let mut runs = capture::environment(c, SYSTEM);
        if let Some(clock) = &c.clock_source {
            if !runs.is_empty() {
                runs.push(Run::Text("; ".to_owned()));
            }
            runs.extend([Run::Label(CL::CaptureClock), Run::Text(": ".to_owned()), Run::Value(clock.clone())]);
        }
        (!runs.is_empty()).then(|| super::runs(lang, &runs))
    });
    field(&mut b, fl(lang, FL::CnSystemEnvironment), system);
    let time = per_item(r, |i| capture::time(&i.capture).map(|t| super::runs(lang, &t)));
    field(&mut b, fl(lang, FL::CnTime), time);
    // 提取地点: the capture record states no place of extraction (the place of a
    // countersignature is where that statement was made, not where the data was extracted):
    // a line to fill.
    b.push(Block::Fill(fl(lang, FL::CnPlace)));
    let method = per_item(r, |i| {
        let c = &i.capture;
        let mut runs = capture::methods(c).unwrap_or_default();
        if let Some(t) = capture::tool(c) {
            if !runs.is_empty() {
                runs.push(Run::Text(", ".to_owned()));
            }
            runs.extend(t);
        }
        (!runs.is_empty()).then(|| super::runs(lang, &runs))
    });
    field(&mut b, fl(lang, FL::CnMethod), method);
    let steps = per_item(r, |i| capture::steps(&i.capture).map(|s| super::runs(lang, &s)));
    field(&mut b, fl(lang, FL::CnSteps), steps);
    let more_items = r.items.len().saturating_sub(super::FORM_ITEMS) as u64;
    if more_items > 0 {
        b.push(Block::Note(w(lang, |g| fw::more_items(g, more_items))));
    }
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
            let kind = f.item.capture.kind.map(|k| w(lang, |g| fw::term(g, k.as_str()))).unwrap_or_default();
            let mut check = vec![Piece::Code(f.file.sha256.hex()), Piece::Word(" \u{2014} ".to_owned())];
            check.extend(super::result(lang, super::seal(r), f));
            super::Row {
                cells: vec![
                    vec![Piece::Word((n + 1).to_string())],
                    val(f.file.path),
                    kind,
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

    let (investigators, witnesses) = signatories(r, lang);
    b.push(Block::Heading(fl(lang, FL::CnInvestigator)));
    blocks(&mut b, lang, FL::CnInvestigator, &investigators, INVESTIGATORS);
    b.push(Block::Heading(fl(lang, FL::CnWitness)));
    blocks(&mut b, lang, FL::CnWitness, &witnesses, 1);
    b.push(Block::Fill(fl(lang, FL::CnHolderDidNotSign)));
    let mut sources = fl(lang, FL::LegalSources);
    sources.push(Piece::Word(": ".to_owned()));
    sources.extend(w(lang, fw::cn_sources));
    b.push(Block::Note(sources));
    Built { title, heading, lang, blocks: b, warning: None }
}

/// The recording of the process: the files of items captured by screen recording, at most
/// [`FORM_FILES`](super::FORM_FILES), then a line says how many more there are (as under every
/// capped list); else a line to name one.
fn recording(b: &mut Vec<Block>, r: &Report, lang: Languages) {
    let recording: std::collections::HashSet<&str> = r
        .items
        .iter()
        .filter(|i| i.capture.methods.contains(&CaptureMethod::ScreenRecording))
        .map(|i| i.id.as_str())
        .collect();
    let mut recorded: Vec<&str> = Vec::new();
    let mut total = 0u64;
    let videos = r
        .manifest
        .iter()
        .flat_map(|m| &m.items)
        .filter(|m| recording.contains(m.id.as_str()))
        .flat_map(|m| m.files.iter().filter(|f| f.media_type.starts_with("video/")).map(|f| f.path));
    // Counted to the end, kept up to the cap: nothing gathered beyond it.
    for path in videos {
        total += 1;
        if recorded.len() < super::FORM_FILES {
            recorded.push(path);
        }
    }
    if recorded.is_empty() {
        b.push(Block::Fact(fl(lang, FL::CnRecording), fl(lang, FL::CnNoRecording)));
        b.push(Block::Fill(fl(lang, FL::CnRecording)));
    } else {
        let more = total - recorded.len() as u64;
        b.push(Block::Fact(fl(lang, FL::CnRecording), super::vals(recorded, ", ")));
        b.extend(super::more(lang, more));
    }
}

/// Who signs the record: the investigators and the witnesses or data holders. The sealer (the
/// seal is their signature) is an investigator if their role is an investigator's, a witness if
/// a witness's, and neither otherwise; then each countersignature that concerns the seal
/// (event 0), placed by its capacity. A countersignature of a later event (a receipt, a
/// document) is no signature of the extraction. Each key fills at most one block across both
/// lists (its first): art. 7 asks two investigators, art. 15 a witness apart from them, so a key
/// that countersigned its own seal fills no second block, which stays blank to sign by hand.
fn signatories(r: &Report, lang: Languages) -> (Vec<Signed>, Vec<Signed>) {
    let (mut investigators, mut witnesses) = (Vec::new(), Vec::new());
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    if let Some(e) = r.events.iter().find(|e| e.sequence == 0) {
        let s = r.signers.iter().find(|s| s.signer.fingerprint == e.signer);
        let role = s.map(|s| s.signer.role);
        let to = match role {
            Some(Role::Investigator) => Some(&mut investigators),
            Some(Role::Witness) => Some(&mut witnesses),
            _ => None,
        };
        if let Some(to) = to.filter(|_| seen.insert(e.signer.to_string())) {
            to.push(Signed {
                name: s.map_or_else(|| e.signer_name.clone(), |s| s.signer.name.clone()),
                role: role.map(|x| w(lang, |g| fw::term(g, x.as_str()))).unwrap_or_default(),
                time: e.time.to_string(),
                event: format!("#{} {}", e.sequence, e.signer),
            });
        }
    }
    let signing = [Capacity::INVESTIGATORS, Capacity::BESIDE_INVESTIGATORS].concat();
    for (e, st) in r.countersignatures_of_seal(&signing) {
        let to = if Capacity::INVESTIGATORS.contains(&st.capacity) { &mut investigators } else { &mut witnesses };
        if !seen.insert(st.author.fingerprint.to_string()) {
            continue;
        }
        to.push(Signed {
            name: st.author.name.clone(),
            role: w(lang, |g| fw::term(g, st.capacity.as_str())),
            time: st.time.to_string(),
            event: format!("#{} {}", e.sequence, st.author.fingerprint),
        });
    }
    (investigators, witnesses)
}

/// The signature blocks headed `head` 1, 2, ...: one per signatory, at least `least` (blank),
/// at most [`FORM_SIGNATURES`](super::FORM_SIGNATURES), then a line says how many more signed.
fn blocks(b: &mut Vec<Block>, lang: Languages, head: FL, who: &[Signed], least: usize) {
    let n = who.len().max(least).min(super::FORM_SIGNATURES);
    for k in 0..n {
        let mut h = fl(lang, head);
        h.insert(1, Piece::Word(format!(" {}", k + 1)));
        b.push(Block::Subheading(h));
        signature(b, lang, who.get(k));
    }
    let more = who.len().saturating_sub(n) as u64;
    if more > 0 {
        b.push(Block::Note(w(lang, |g| fw::more_signatures(g, more))));
    }
}

/// A signature block: filled from a signature the bundle holds, else lines to fill; the
/// handwritten signature always has its line.
fn signature(b: &mut Vec<Block>, lang: Languages, who: Option<&Signed>) {
    match who {
        Some(s) => {
            b.push(Block::Fact(fl(lang, FL::Name), val(&s.name)));
            b.push(Block::Fact(fl(lang, FL::Position), s.role.clone()));
            b.push(Block::Fact(fl(lang, FL::Date), vec![Piece::Word(s.time.clone())]));
            b.push(Block::Fact(fl(lang, FL::SignedEvent), vec![Piece::Code(s.event.clone())]));
            b.push(Block::Fill(fl(lang, FL::Signature)));
        }
        None => b.extend(fills(lang, &[FL::Name, FL::Position, FL::Date, FL::Signature])),
    }
}
