//! The certification forms (`custody report --form`, issue #16 item 3): a second kind of court
//! document, built from the same verification [`Report`] as the court report, never a second
//! verification. Each form (`fre`, `cn`, `mla`) is built once into `Block`s, in no format:
//! words from the catalogue (`wording::forms`, `wording::court_report`), values from the bundle
//! kept apart as `Piece::Value`; the HTML writer (`html.rs`) and the PDF writer
//! (`pdf::form`) draw the same blocks, each escaping and isolating values as the report does.
//! A form on a bundle that did not verify intact still renders, and says so first, with the
//! failed codes (`alert`). File lists are capped at [`FORM_FILES`] (damaged files first),
//! then a line says how many more there are and where they are listed.

mod cn;
mod fre;
pub(crate) mod html;
mod mla;
mod verified;

use super::ReportContext;
use super::model::{Run, capture};
use crate::digest::Sha256Digest;
use crate::verify::{Report, State};
use crate::wording::court_report::{self as cw, Label as CL, Language, Languages};
/// The forms' words (the catalogue's `forms` family), for callers that word what they refuse.
pub use crate::wording::forms as words;
pub use crate::wording::forms::Form;
use crate::wording::forms::{self as fw, Label as FL};
pub use verified::{Verified, verify_hashed};

pub use super::model::{FORM_FILES, FORM_ITEMS, FORM_SIGNATURES};

/// A run of a line: the catalogue's words, or a value from the bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    /// Words of the catalogue in the form's first language.
    Word(String),
    /// The same words in the form's second language (a bilingual form).
    Tr(Language, String),
    /// A sentence of the catalogue in the form's second language, with its values (a
    /// bilingual form gives such a sentence whole in each language).
    TrLine(Language, Line),
    /// A sentence of the English catalogue that may quote values (a restriction, a trusted
    /// time): escaped as a value, marked English.
    En(String),
    /// A value from the bundle: escaped, isolated, never translated.
    Value(String),
    /// A digest or code: shown in a fixed-width face.
    Code(String),
}

/// A line of a form.
pub(crate) type Line = Vec<Piece>;

/// A row of a table; `fail` marks a file that does not match.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub(crate) cells: Vec<Line>,
    pub(crate) fail: bool,
}

/// What a form shows, in order.
#[derive(Debug, Clone)]
pub(crate) enum Block {
    /// The warning box at the top: a bundle that did not verify intact.
    Alert(Vec<Line>),
    /// A section heading.
    Heading(Line),
    /// A heading within a section (one signature block of several).
    Subheading(Line),
    /// A paragraph.
    Para(Line),
    /// A label and its value.
    Fact(Line, Line),
    /// A table: column widths (fractions, for the PDF), head, rows.
    Table(Vec<f32>, Vec<Line>, Vec<Row>),
    /// A label followed by a blank line to fill in by hand.
    Fill(Line),
    /// Small print: a list's cap, the legal sources.
    Note(Line),
}

/// A form laid out in blocks, with its title.
#[derive(Debug, Clone)]
pub(crate) struct Built {
    /// The title as plain text (the HTML `<title>`, the PDF's metadata and footer).
    pub(crate) title: String,
    /// The title line (a value in it isolated).
    pub(crate) heading: Line,
    /// The languages.
    pub(crate) lang: Languages,
    pub(crate) blocks: Vec<Block>,
    /// On a bundle not verified intact, the warning every page's footer repeats (the PDF).
    pub(crate) warning: Option<String>,
}

/// The languages `form` is written in given those asked: `Err` with the sentence that says why
/// not. A form asked in the default (English) but not written in it takes its own first.
pub fn languages(form: Form, asked: Languages) -> Result<Languages, String> {
    let ok = form.may_be_first(asked.first) && asked.second.is_none_or(|s| form.languages().contains(&s));
    if ok {
        return Ok(asked);
    }
    // Every choice the form takes: a language it may be written in first, alone or followed
    // by one of its other languages (the CN record: zh, or zh,en).
    let all = form.languages();
    let mut valid = Vec::new();
    for first in all.iter().filter(|l| form.may_be_first(**l)) {
        valid.push(first.tag().to_string());
        valid.extend(all.iter().filter(|l| *l != first).map(|l| format!("{},{}", first.tag(), l.tag())));
    }
    Err(fw::language_refused(form.name(), &asked.tags(), &valid.join(" or ")))
}

/// `form` of `r`, laid out.
pub(crate) fn build(form: Form, r: &Report, ctx: &ReportContext, sha: &Sha256Digest) -> Built {
    let mut built = match form {
        Form::Fre90214 => fre::build(r, ctx, sha),
        Form::CnExtractionRecord => cn::build(r, ctx, sha),
        Form::MlaExecution => mla::build(r, ctx, sha),
    };
    if let Some(h) = headline(r) {
        warn_signatures(&mut built, h);
    }
    punctuate(&mut built);
    built
}

/// The separators of a form's lines in its first language's punctuation
/// ([`super::model::punctuation`]: full-width in Chinese): the words of the catalogue and the
/// punctuation between parts, never a value.
fn punctuate(built: &mut Built) {
    let lang = built.lang.first;
    let line = |l: &mut Line| {
        for p in l.iter_mut() {
            if let Piece::Word(w) = p {
                *w = super::model::punctuation(lang, w);
            }
        }
    };
    for b in &mut built.blocks {
        match b {
            Block::Alert(ls) => ls.iter_mut().for_each(line),
            Block::Heading(l) | Block::Subheading(l) | Block::Para(l) | Block::Fill(l) | Block::Note(l) => line(l),
            Block::Fact(a, v) => {
                line(a);
                line(v);
            }
            Block::Table(_, head, rows) => {
                head.iter_mut().for_each(line);
                rows.iter_mut().flat_map(|r| r.cells.iter_mut()).for_each(line);
            }
        }
    }
    line(&mut built.heading);
}

/// The warning's headline on a bundle not verified intact: not intact (invalid), or intact but
/// its signer not trusted; `None` on an intact or trusted bundle.
fn headline(r: &Report) -> Option<FL> {
    match r.state {
        State::Intact | State::Trusted => None,
        State::NotTrusted => Some(FL::NotTrusted),
        State::Invalid => Some(FL::NotIntact),
    }
}

/// On a bundle not verified intact: the warning repeated under the heading of every section
/// that holds a line to sign or fill (a declaration, a signature block), so that no page to
/// sign is without it, and a footer line for every page of the PDF.
fn warn_signatures(built: &mut Built, headline: FL) {
    let lang = built.lang;
    let mut out = Vec::with_capacity(built.blocks.len() + 8);
    let blocks = std::mem::take(&mut built.blocks);
    for (n, b) in blocks.iter().enumerate() {
        let heading = matches!(b, Block::Heading(_) | Block::Subheading(_));
        out.push(b.clone());
        if heading {
            let section = blocks[n + 1..].iter().take_while(|x| !matches!(x, Block::Heading(_) | Block::Subheading(_)));
            if section.clone().any(|x| matches!(x, Block::Fill(_))) {
                out.push(Block::Alert(vec![fl(lang, headline), fl(lang, FL::DoNotSign)]));
            }
        }
    }
    built.blocks = out;
    built.warning =
        Some(format!("{} \u{2014} {}", fw::label(lang.first, headline), fw::label(lang.first, FL::DoNotSign)));
}

/// A word of the catalogue in the form's language(s), the second only where it differs
/// ([`super::model::words`]).
pub(crate) fn w<S: AsRef<str>>(lang: Languages, word: impl Fn(Language) -> S) -> Line {
    let (first, second) = super::model::words(lang, word);
    let mut l = vec![Piece::Word(first)];
    l.extend(second.map(|(g, s)| Piece::Tr(g, s)));
    l
}

/// A form label in the form's language(s).
pub(crate) fn fl(lang: Languages, l: FL) -> Line {
    w(lang, |g| fw::label(g, l))
}

/// A court report label in the form's language(s).
pub(crate) fn cl(lang: Languages, l: CL) -> Line {
    w(lang, |g| cw::label(g, l))
}

/// English words of a form written only in English (the FRE certification).
pub(crate) fn en(s: &str) -> Line {
    vec![Piece::Word(s.to_owned())]
}

/// A value from the bundle.
pub(crate) fn val(s: &str) -> Line {
    vec![Piece::Value(s.to_owned())]
}

/// Values joined by `sep` (catalogue punctuation).
pub(crate) fn vals<'a>(values: impl IntoIterator<Item = &'a str>, sep: &str) -> Line {
    let mut l = Line::new();
    for (n, v) in values.into_iter().enumerate() {
        if n > 0 {
            l.push(Piece::Word(sep.to_owned()));
        }
        l.push(Piece::Value(v.to_owned()));
    }
    l
}

/// The title line: the form's title, then the case reference (cut as the report cuts it).
fn titled(title: Line, r: &Report) -> (String, Line) {
    let mut line = title;
    let mut plain: Vec<String> = line
        .iter()
        .filter_map(|p| match p {
            Piece::Word(s) | Piece::Tr(_, s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    if let Some(c) = super::model::title_reference(r) {
        line.push(Piece::Word(" \u{2014} ".to_owned()));
        line.push(Piece::Value(c.clone()));
        plain.push(format!("\u{2014} {}", crate::text::printable(&c)));
    }
    (plain.join(" "), line)
}

/// A form's start: the title and, on a bundle that did not verify intact, the warning with the
/// state and the failed codes.
pub(crate) fn start(title: Line, r: &Report, lang: Languages) -> (String, Line, Vec<Block>) {
    let (plain, heading) = titled(title, r);
    let mut blocks = Vec::new();
    if let Some(a) = alert(r, lang) {
        blocks.push(a);
    }
    (plain, heading, blocks)
}

/// The warning of a form on a bundle that did not verify intact (state invalid or not
/// trusted): a certification never certifies silently what the verification did not establish.
/// Its headline and sentence say which (not intact, or intact with its signer not trusted), then
/// the failed codes, if any.
pub(crate) fn alert(r: &Report, lang: Languages) -> Option<Block> {
    let headline = headline(r)?;
    let verdict = super::model::verdict::verdict(r);
    let sentence = match r.state {
        State::NotTrusted => w(lang, fw::not_trusted),
        _ => w(lang, |g| fw::not_intact(g, cw::state_name(g, &verdict.state))),
    };
    let mut lines = vec![fl(lang, headline), sentence];
    // Who is not vouched for: the signers the verification found outside the trust list, by
    // name and key (a timestamp authority's is the trusted time's line, under the identity).
    if !verdict.untrusted.is_empty() {
        let mut l = fl(lang, FL::UntrustedSigners);
        l.push(Piece::Word(": ".to_owned()));
        for (n, s) in verdict.untrusted.iter().take(FORM_SIGNATURES).enumerate() {
            if n > 0 {
                l.push(Piece::Word(", ".to_owned()));
            }
            l.push(Piece::Value(s.signer.name.clone()));
            l.push(Piece::Word(" (".to_owned()));
            l.push(Piece::Code(s.signer.fingerprint.to_string()));
            l.push(Piece::Word(")".to_owned()));
        }
        let more = verdict.untrusted.len().saturating_sub(FORM_SIGNATURES);
        if more > 0 {
            l.push(Piece::Word(format!(", +{more}")));
        }
        lines.push(l);
    }
    if !verdict.failed.is_empty() {
        let mut codes_line: Line = cl(lang, CL::FailedCodes);
        codes_line.push(Piece::Word(": ".to_owned()));
        for (n, c) in verdict.failed.iter().enumerate() {
            if n > 0 {
                codes_line.push(Piece::Word(", ".to_owned()));
            }
            codes_line.push(Piece::Code((*c).to_owned()));
        }
        lines.push(codes_line);
    }
    Some(Block::Alert(lines))
}

/// The bundle the form is about: the case reference whole (when `reference`: a form that does
/// not state it elsewhere), its file, id, SHA-256 (of the bytes verified), and the
/// verification (tool, time, trust list).
pub(crate) fn identity(
    r: &Report,
    ctx: &ReportContext,
    sha: &Sha256Digest,
    lang: Languages,
    reference: bool,
) -> Vec<Block> {
    let mut b = Vec::new();
    if let Some(c) = r.case_reference.as_deref().filter(|_| reference) {
        b.push(Block::Fact(fl(lang, FL::MlaReference), val(c)));
    }
    b.push(Block::Fact(cl(lang, CL::Bundle), val(&r.bundle)));
    if let Some(id) = &r.bundle_id {
        b.push(Block::Fact(cl(lang, CL::BundleId), vec![Piece::Code(id.clone())]));
    }
    b.push(Block::Fact(fl(lang, FL::BundleSha256), vec![Piece::Code(sha.hex())]));
    if let Some(seal) = r.events.iter().find(|e| e.sequence == 0) {
        b.push(Block::Fact(fl(lang, FL::SealedAt), vec![Piece::Word(seal.time.to_string())]));
        if let Some(t) = &seal.trusted_time {
            let line = if lang.first == Language::En {
                let s = crate::verify::wording::trusted_time(t, crate::verify::wording::Front::Library);
                vec![Piece::En(s)]
            } else {
                let mut l = w(lang, |g| fw::trusted_time(g, &t.time, t.trusted));
                l.push(Piece::Value(t.tsa.clone()));
                l
            };
            b.push(Block::Fact(fl(lang, FL::TrustedTime), line));
        }
    }
    let tool = format!("{} {}", r.verifier.name, r.verifier.version);
    let at = r.verified_at.to_string();
    let established = seal(r);
    b.push(Block::Fact(fl(lang, FL::Verification), w(lang, |g| fw::verification(g, &tool, &at, established))));
    let anchor = match &ctx.trust_list {
        Some(a) => vec![Piece::Value(a.name.clone()), Piece::Word(" SHA-256 ".to_owned()), Piece::Code(a.sha256.hex())],
        None => cl(lang, CL::NoneGiven),
    };
    b.push(Block::Fact(cl(lang, CL::TrustList), anchor));
    b
}

/// A file of an item, as a form lists it.
pub(crate) struct FileLine<'a> {
    pub(crate) item: &'a crate::verify::ItemReport,
    pub(crate) file: crate::manifest::FileView<'a>,
    /// Damaged (does not match).
    pub(crate) damaged: bool,
}

/// The files of every item, damaged ones first, at most [`FORM_FILES`], and how many more
/// there are. Two passes over the compact records: nothing gathered beyond the cap.
pub(crate) fn files(r: &Report) -> (Vec<FileLine<'_>>, u64) {
    let damage = crate::verify::Damage::of(r);
    let by_id: std::collections::HashMap<&str, &crate::manifest::Item> =
        r.manifest.iter().flat_map(|m| &m.items).map(|m| (m.id.as_str(), m)).collect();
    let items: Vec<(&crate::verify::ItemReport, &crate::manifest::Item)> =
        r.items.iter().filter_map(|i| by_id.get(i.id.as_str()).map(|m| (i, *m))).collect();
    let mut out = Vec::new();
    let mut total = 0u64;
    for pass_damaged in [true, false] {
        for (i, m) in &items {
            for f in &m.files {
                let damaged = damage.file(f.path);
                if damaged != pass_damaged {
                    continue;
                }
                total += 1;
                if out.len() < FORM_FILES {
                    out.push(FileLine { item: i, file: f, damaged });
                }
            }
        }
    }
    let more = total - out.len() as u64;
    (out, more)
}

/// What the verification established of the seal: intact or trusted, the manifest's signature
/// verified but its signer not trusted, or not established (invalid).
pub(crate) fn seal(r: &Report) -> fw::Seal {
    match r.state {
        State::Intact | State::Trusted => fw::Seal::Established,
        State::NotTrusted => fw::Seal::Untrusted,
        _ => fw::Seal::NotEstablished,
    }
}

/// A file's result as a form states it: matches the sealed value, does not, or was disposed
/// of under a signed event; on a bundle whose seal was not established, a file not found
/// damaged is "not established", never "matches".
pub(crate) fn result(lang: Languages, seal: fw::Seal, f: &FileLine<'_>) -> Line {
    if f.damaged {
        fl(lang, FL::DoesNotMatch)
    } else if f.item.disposed_by.is_some() {
        cl(lang, CL::FileDisposed)
    } else {
        match seal {
            fw::Seal::Established => fl(lang, FL::Matches),
            fw::Seal::Untrusted => fl(lang, FL::MatchesUntrusted),
            _ => fl(lang, FL::NotEstablished),
        }
    }
}

/// The line under a capped list, if files were left out.
pub(crate) fn more(lang: Languages, n: u64) -> Option<Block> {
    (n > 0).then(|| Block::Note(w(lang, |g| fw::more_files(g, n))))
}

/// A run of the capture model in the form's language(s): a word of the vocabularies or a label
/// given in each language (once when they agree), a value kept a value.
pub(crate) fn runs(lang: Languages, runs: &[Run]) -> Line {
    if runs.iter().any(|r| matches!(r, Run::Sentence(..))) {
        // A line with a sentence of the catalogue is given whole in each language, the second
        // after the first where it reads differently.
        let mut first = runs_in(lang.first, runs);
        let second = lang.second.map(|g| (g, runs_in(g, runs))).filter(|(_, s)| *s != first);
        first.extend(second.map(|(g, s)| Piece::TrLine(g, s)));
        return first;
    }
    let mut l = Line::new();
    for r in runs {
        match r {
            Run::Term(name) => l.extend(w(lang, |g| crate::wording::forms::term(g, name))),
            Run::Label(x) => l.extend(cl(lang, *x)),
            Run::Text(x) => l.push(Piece::Word(x.clone())),
            Run::Value(x) => l.push(Piece::Value(x.clone())),
            Run::Break => l.push(Piece::Word(" ".to_owned())),
            // Not met: a line with a sentence is given whole above.
            Run::Sentence(..) => l.extend(runs_in(lang.first, std::slice::from_ref(r))),
        }
    }
    l
}

/// Runs in the one language `g` (a sentence of the catalogue in a bilingual form is given whole
/// in each): a sentence's words, a word of the vocabularies and a label in `g`, values kept
/// values.
fn runs_in(g: Language, runs: &[Run]) -> Line {
    let mut l = Line::new();
    for r in runs {
        match r {
            Run::Term(name) => l.push(Piece::Word(crate::wording::forms::term(g, name))),
            Run::Label(x) => l.push(Piece::Word(cw::label(g, *x).to_owned())),
            Run::Text(x) => l.push(Piece::Word(super::model::punctuation(g, x))),
            Run::Value(x) => l.push(Piece::Value(x.clone())),
            Run::Break => l.push(Piece::Word(" ".to_owned())),
            Run::Sentence(said, holes) => {
                for p in super::model::filled(g, *said, holes) {
                    match p {
                        super::model::Filled::Words(w) => l.push(Piece::Word(w.to_owned())),
                        super::model::Filled::Runs(r) => l.extend(runs_in(g, r)),
                    }
                }
            }
        }
    }
    l
}

/// An item's capture record, as facts: the court report's ([`capture::facts`]).
pub(crate) fn capture(actors: &super::model::Actors<'_>, i: &crate::verify::ItemReport, lang: Languages) -> Vec<Block> {
    capture::facts(&i.capture, actors)
        .into_iter()
        .map(|f| Block::Fact(cl(lang, f.label), runs(lang, &f.value)))
        .collect()
}

/// The capture records of the items (FRE §2, MLA §2), each after its item's line, at most
/// [`FORM_ITEMS`], then a line says how many more items there are.
pub(crate) fn captures(r: &Report, lang: Languages) -> Vec<Block> {
    let mut b = Vec::new();
    let actors = super::model::actors(r);
    for i in r.items.iter().take(FORM_ITEMS) {
        b.push(Block::Fact(fl(lang, FL::Item), item_line(i)));
        b.extend(capture(&actors, i, lang));
    }
    let more = r.items.len().saturating_sub(FORM_ITEMS) as u64;
    if more > 0 {
        b.push(Block::Note(w(lang, |g| fw::more_items(g, more))));
    }
    b
}

/// An item's heading line: id, label and exhibit.
pub(crate) fn item_line(i: &crate::verify::ItemReport) -> Line {
    let mut l = vec![Piece::Value(i.id.clone()), Piece::Word(" \u{2014} ".to_owned()), Piece::Value(i.label.clone())];
    if let Some(x) = &i.exhibit {
        l.extend([Piece::Word(" [".to_owned()), Piece::Value(x.clone()), Piece::Word("]".to_owned())]);
    }
    l
}

/// Signature lines: each label followed by a blank.
pub(crate) fn fills(lang: Languages, labels: &[FL]) -> Vec<Block> {
    labels.iter().map(|l| Block::Fill(fl(lang, *l))).collect()
}

/// A label with its value, or with a line to fill when the bundle has none.
pub(crate) fn fact_or_fill(label: Line, value: Option<&str>) -> Block {
    match value {
        Some(v) => Block::Fact(label, val(v)),
        None => Block::Fill(label),
    }
}

#[cfg(test)]
mod tests;
