//! The court report as PDF (issue #16): the sections of the HTML report in the same order, from
//! the same verification run and the same catalogue words, laid out on A4 pages (`doc.rs`) with
//! the fonts embedded (`fonts.rs`), the timeline drawn as vector paths (`timeline.rs`). The PDF is
//! PDF/A-2b (archival) when krilla confirms it conforms, and byte-stable: the time is the
//! report's (`SOURCE_DATE_EPOCH` for golden files), no identifier is random. A bundle of a
//! million files keeps it usable: each item lists at most [`ITEM_FILES`] files (and the whole
//! report [`REPORT_FILES`]), then says how many more there are and where the full list is, and
//! the report lays out at most `model::PDF_ITEMS` items, damaged and
//! not-accepted ones first, then one note for the rest.

mod doc;
mod fonts;
pub(crate) mod form;
#[cfg(test)]
mod tests;
mod timeline;

use std::collections::HashMap;

use self::doc::{AMBER, Doc, GREY, Meta, RED, Rgb, Style};
use super::ReportContext;
use super::model::sections as said;
use super::model::{FileState, Run};
use crate::check::Level;
use crate::verify::{Report, State};
use crate::wording::court_report::{self as words, Label as L, Language, Languages, label};
use crate::wording::forms as terms;

/// The files of one item the PDF lists; beyond, a note says where the rest are.
pub const ITEM_FILES: usize = 300;
/// The files the whole PDF lists.
pub const REPORT_FILES: usize = 2000;

/// A value from the bundle as the PDF shows it: controls and direction marks as visible
/// escapes, as everywhere ([`crate::text::printable`]), in a first-strong isolate (U+2068 …
/// U+2069, as the HTML report's `<bdi>`), so that its direction is its own (an Arabic name
/// right to left) and it cannot reorder the words around it.
fn v(s: &str) -> String {
    format!("\u{2068}{}\u{2069}", crate::text::printable(s))
}

/// A sentence or label of the English catalogue (which may quote values) as the PDF shows it:
/// escaped as a value is, in a left-to-right isolate (U+2066 … U+2069): it is English, left to
/// right even when it starts with a value in Arabic, and keeps its place in an Arabic report.
fn s(text: &str) -> String {
    format!("\u{2066}{}\u{2069}", crate::text::printable(text))
}

/// A word in the report's language, followed in a bilingual report by its translation where it
/// differs ([`super::model::words`]).
fn t<S: AsRef<str>>(lang: Languages, word: impl Fn(Language) -> S) -> String {
    let (mut s, second) = super::model::words(lang, word);
    if let Some((_, second)) = second {
        s.push_str(" / ");
        s.push_str(&second);
    }
    s
}

fn lb(lang: Languages, l: L) -> String {
    t(lang, |g| label(g, l))
}

/// A PDF court report.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Pdf {
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// Whether it is PDF/A-2b, as krilla's validator found it (else a plain PDF 1.7, whose
    /// metadata claims no conformance).
    pub archival: bool,
    /// Why krilla's validator did not find it PDF/A-2b (its error), when it did not.
    pub not_archival: Option<String>,
}

/// The court report of `r` as a PDF.
pub fn render(r: &Report, ctx: &ReportContext) -> Result<Pdf, String> {
    let (d, meta) = layout(r, ctx);
    d.finish(&meta).map(|(bytes, not_archival)| Pdf { bytes, archival: not_archival.is_none(), not_archival })
}

/// The court report of `r` laid out on pages, and the PDF's metadata.
fn layout(r: &Report, ctx: &ReportContext) -> (Doc, Meta) {
    let lang = ctx.languages;
    let mut d = Doc::new(lang.first == Language::Ar);
    let title = lang.iter().map(|g| label(g, L::Title)).collect::<Vec<_>>().join(" / ");
    let case = super::model::title_reference(r).map(|c| format!(" \u{2014} {}", v(&c))).unwrap_or_default();
    d.heading(&format!("{title}{case}"), 1);
    verdict(&mut d, r, lang);
    about(&mut d, r, ctx);
    restrictions(&mut d, r, lang);
    case_section(&mut d, r, lang);
    let mut budget = REPORT_FILES;
    items(&mut d, r, lang, &mut budget);
    statements(&mut d, r, lang, &mut budget);
    d.heading(&lb(lang, L::Timeline), 2);
    timeline::draw(&mut d, r, lang.first);
    d.para(&t(lang, words::timeline_key), Style::SMALL.color(GREY));
    parties_and_events(&mut d, r, lang);
    checks(&mut d, r, lang);
    d.heading(&lb(lang, L::Appendix), 2);
    d.para(&t(lang, words::appendix_intro), Style::BODY);
    for line in words::APPENDIX.lines() {
        d.para_at(line, Style::SMALL, 8.0);
    }
    let meta = meta(r, ctx, &format!("{title}{case}"));
    (d, meta)
}

/// How many of `total` files a table lists: at most [`ITEM_FILES`], and what is left of the
/// whole report's [`REPORT_FILES`] (`budget`, reduced by them).
fn listed(total: usize, budget: &mut usize) -> usize {
    let shown = total.min(ITEM_FILES).min(*budget);
    *budget -= shown;
    shown
}

/// After a table that listed `shown` of `total` files: how many more there are and where the
/// full list is, never a silent drop.
fn not_listed(d: &mut Doc, lang: Languages, total: usize, shown: usize) {
    if shown < total {
        let rest = (total - shown) as u64;
        d.para(&t(lang, |g| words::files_not_listed(g, rest)), Style::BOLD.color(AMBER));
    }
}

/// The PDF's metadata and footer.
fn meta(r: &Report, ctx: &ReportContext, title: &str) -> Meta {
    Meta {
        title: title.to_owned(),
        lang: ctx.languages.first.tag().to_owned(),
        producer: format!("{} {}", r.verifier.name, r.verifier.version),
        created: ctx.generated_at.to_string(),
        footer: title.to_owned(),
        warning: None,
    }
}

/// The verdict box ([`super::model::verdict::verdict`]).
fn verdict(d: &mut Doc, r: &Report, lang: Languages) {
    let verdict = super::model::verdict::verdict(r);
    let (fill, colour) = match r.state {
        State::Invalid => (Rgb(253, 231, 234), Rgb(176, 0, 32)),
        State::NotTrusted => (Rgb(255, 241, 224), Rgb(179, 92, 0)),
        State::Intact => (Rgb(232, 239, 250), Rgb(31, 78, 153)),
        _ => (Rgb(230, 244, 234), Rgb(23, 107, 44)),
    };
    let state = &verdict.state;
    let mut paras = vec![
        (lb(lang, L::Verdict), Style::BOLD),
        (t(lang, |g| words::state_name(g, state)), Style::BOLD.size(22.0).color(colour)),
        (t(lang, |g| words::state_meaning(g, state)), Style::BODY),
        (verdict.said_summary.as_ref().map_or_else(|| s(verdict.summary), |said| runs(lang, said)), Style::BODY),
    ];
    // The failed codes come right under the summary, before lists that may be long, so that
    // they stay in the box on the first page.
    if !verdict.failed.is_empty() {
        paras.push((
            format!(
                "{}{}{}",
                lb(lang, L::FailedCodes),
                super::model::colon(lang),
                verdict.failed.join(&super::model::comma(lang))
            ),
            Style::BOLD.color(RED),
        ));
    }
    if let Some(e) = verdict.latest {
        paras.push((format!("{} {}", lb(lang, L::LatestEvent), runs(lang, &e.line)), Style::BODY));
        paras.push((runs(lang, &e.key), Style::SMALL));
        if let Some(c) = &e.confirm {
            paras.push((runs(lang, c), Style::SMALL));
        }
    }
    if !verdict.damaged.items.is_empty() {
        paras.push((lb(lang, L::Damaged), Style::BOLD.color(RED)));
        for d in &verdict.damaged.items {
            let mut files: Vec<String> = d.files.iter().map(|f| v(f)).collect();
            if d.more_files > 0 {
                files.push(t(lang, |g| words::more_damaged_files(g, d.more_files)));
            }
            paras.push((
                format!("{}{}{}", v(&d.id), super::model::colon(lang), files.join(&super::model::comma(lang))),
                Style::SMALL.color(RED),
            ));
        }
        if verdict.damaged.more > 0 {
            paras.push((runs(lang, &super::model::more_damaged_items(verdict.damaged.more)), Style::SMALL.color(RED)));
        }
    }
    d.boxed(&paras, fill, colour);
}

fn about(d: &mut Doc, r: &Report, ctx: &ReportContext) {
    let lang = ctx.languages;
    let anchor = |a: &Option<super::Anchor>| match a {
        Some(a) => words::anchor(lang.first, &v(&a.name), &a.sha256.hex()),
        None => lb(lang, L::NoneGiven),
    };
    d.heading(&lb(lang, L::About), 2);
    d.fact(&lb(lang, L::Bundle), &v(&r.bundle));
    if let Some(id) = &r.bundle_id {
        d.fact(&lb(lang, L::BundleId), &v(id));
    }
    d.fact(&lb(lang, L::Tool), &v(&format!("{} {}", r.verifier.name, r.verifier.version)));
    d.fact(&lb(lang, L::VerifiedAt), &r.verified_at.to_string());
    d.fact(&lb(lang, L::GeneratedAt), &ctx.generated_at.to_string());
    d.fact(&lb(lang, L::TrustList), &anchor(&ctx.trust_list));
    d.fact(&lb(lang, L::TsaRoots), &anchor(&ctx.tsa_roots));
    d.fact(&lb(lang, L::Language), &lang.tags());
    if lang.iter().any(|g| g != Language::En) {
        d.para(&lb(lang, L::DetailsInEnglish), Style::SMALL.color(GREY));
    }
}

/// The restrictions and conditions ([`said::restrictions`]).
fn restrictions(d: &mut Doc, r: &Report, lang: Languages) {
    d.heading(&lb(lang, L::Restrictions), 2);
    let lines = said::restrictions(r);
    if lines.is_empty() {
        d.para(&lb(lang, L::NoRestrictions), Style::BODY);
    }
    for l in lines {
        d.para_at(&format!("\u{2022} {}", runs(lang, &l)), Style::BODY, 8.0);
    }
}

/// The case and its legal basis ([`said::case`]).
fn case_section(d: &mut Doc, r: &Report, lang: Languages) {
    d.heading(&lb(lang, L::Case), 2);
    let Some(facts) = said::case(r) else {
        d.para(&lb(lang, L::NoCase), Style::BODY);
        return;
    };
    for f in facts {
        let key = match &f.key {
            said::Key::Label(l) => lb(lang, *l),
            said::Key::Value(x) => v(x),
        };
        d.fact(&key, &runs(lang, &f.value));
    }
}

fn items(d: &mut Doc, r: &Report, lang: Languages, budget: &mut usize) {
    d.heading(&lb(lang, L::Items), 2);
    let states = super::model::FileStates::new(r);
    let files_of: HashMap<&str, &crate::manifest::Item> =
        r.manifest.iter().flat_map(|m| &m.items).map(|i| (i.id.as_str(), i)).collect();
    let not_accepted = super::model::not_accepted(r);
    for line in &not_accepted.groups {
        d.para(
            &format!("{}{}{}", lb(lang, L::NotAccepted), super::model::colon(lang), runs(lang, line)),
            Style::BOLD.color(RED),
        );
    }
    let actors = super::model::actors(r);
    let (shown_items, more_items) = super::model::pdf_items(r, &not_accepted);
    for i in shown_items {
        let exhibit = i.exhibit.as_deref().map(|x| format!(" [{}]", v(x))).unwrap_or_default();
        d.heading(&format!("{} \u{2014} {}{exhibit}", v(&i.id), v(&i.label)), 3);
        d.para(&t(lang, |g| words::item_size(g, i.files, i.bytes)), Style::BODY);
        for line in not_accepted.of(i.id.as_str()) {
            d.para(
                &format!("{}{}{}", lb(lang, L::NotAccepted), super::model::colon(lang), runs(lang, line)),
                Style::BOLD.color(RED),
            );
        }
        if let Some(seq) = i.disposed_by {
            d.para(&format!("{} #{seq}", lb(lang, L::DisposedBy)), Style::BOLD.color(GREY));
        }
        capture(d, &i.capture, &actors, lang);
        let Some(item) = files_of.get(i.id.as_str()) else { continue };
        let shown = listed(item.files.len(), budget);
        if shown == 0 {
            // The report's file budget is spent: no empty table, only the note.
            not_listed(d, lang, item.files.len(), shown);
            continue;
        }
        let heads = [L::Path, L::Size, L::Sha256, L::MediaType, L::Result].map(|l| lb(lang, l)).to_vec();
        d.table(&[0.30, 0.09, 0.33, 0.13, 0.15], heads);
        // Damaged files first, so that the cap on the rows never hides one (two passes over
        // the compact records, nothing collected).
        let is_bad = |f: &crate::manifest::FileView| states.damaged(f.path);
        let damaged_first = (item.files.iter().filter(|f| is_bad(f))).chain(item.files.iter().filter(|f| !is_bad(f)));
        for f in damaged_first.take(shown) {
            let (style, result) = match states.of(f.path, i.disposed_by.is_some()) {
                FileState::Damaged => (Style::SMALL.color(RED), lb(lang, L::FileDamaged)),
                FileState::Disposed => (Style::SMALL.color(GREY), lb(lang, L::FileDisposed)),
                FileState::Ok => (Style::SMALL, lb(lang, L::FileOk)),
            };
            d.row(&[
                (v(f.path), style),
                (f.size.to_string(), style),
                (f.sha256.hex(), style),
                (v(f.media_type), style),
                (result, style),
            ]);
        }
        d.end_table();
        not_listed(d, lang, item.files.len(), shown);
    }
    if more_items > 0 {
        d.para(&t(lang, |g| words::items_not_listed(g, more_items as u64)), Style::BOLD.color(AMBER));
    }
}

/// An item's capture provenance: the facts of the capture model, each a label and its value.
fn capture(d: &mut Doc, c: &crate::manifest::Capture, actors: &super::model::Actors<'_>, lang: Languages) {
    let facts = super::model::capture::facts(c, actors);
    if facts.is_empty() {
        return;
    }
    d.para(&lb(lang, L::Capture), Style::BOLD);
    for f in facts {
        d.fact(&lb(lang, f.label), &runs(lang, &f.value));
    }
}

/// Runs of the capture model as the PDF shows them: a word of the vocabularies or a label in the
/// report's language(s) (a word once when both languages have the same), values isolated.
fn runs(lang: Languages, runs: &[Run]) -> String {
    if runs.iter().any(|r| matches!(r, Run::Sentence(..))) {
        // A line with a sentence of the catalogue is given whole in each language, the second
        // after the first where it reads differently, isolated in its own direction.
        let first = runs_in(lang.first, runs);
        return match lang.second.map(|g| (g, runs_in(g, runs))).filter(|(_, s)| *s != first) {
            Some((g, second)) => {
                let isolate = if g == Language::Ar { '\u{2067}' } else { '\u{2066}' };
                format!("{first} / {isolate}{second}\u{2069}")
            }
            None => first,
        };
    }
    let mut s = String::new();
    for r in runs {
        match r {
            Run::Term(name) => s.push_str(&t(lang, |g| terms::term(g, name))),
            Run::Label(l) => s.push_str(&lb(lang, *l)),
            Run::Text(x) => s.push_str(&super::model::punctuation(lang.first, x)),
            Run::Value(x) => s.push_str(&v(x)),
            Run::Break => s.push(' '),
            // Not met: a line with a sentence is given whole above.
            Run::Sentence(..) => s.push_str(&runs_in(lang.first, std::slice::from_ref(r))),
        }
    }
    s
}

/// Runs in the one language `g` (a sentence of the catalogue in a bilingual report is given
/// whole in each): a sentence's words, a word of the vocabularies and a label in `g`, values
/// isolated.
fn runs_in(g: Language, runs: &[Run]) -> String {
    super::model::plain_in(g, runs, &v)
}

fn statements(d: &mut Doc, r: &Report, lang: Languages, budget: &mut usize) {
    let attestations = said::attestations(r);
    if !attestations.is_empty() {
        d.heading(&lb(lang, L::Attestations), 2);
        for l in attestations {
            d.para_at(&format!("\u{2022} {}", runs(lang, &l)), Style::BODY, 8.0);
        }
    }
    d.heading(&lb(lang, L::Statements), 2);
    let statements = said::statements(r);
    if statements.is_empty() {
        d.para(&lb(lang, L::NoStatements), Style::BODY);
    }
    for st in statements {
        d.heading(&format!("#{} {}", st.sequence, t(lang, |g| terms::term(g, st.event_type))), 3);
        d.para(&runs(lang, &st.line), Style::BODY);
        for line in &st.lines {
            d.para_at(&format!("\u{2022} {}", runs(lang, line)), Style::BODY, 8.0);
        }
        let files = st.files;
        if !files.is_empty() {
            let heads = [L::Path, L::Size, L::Sha256, L::MediaType].map(|l| lb(lang, l)).to_vec();
            d.table(&[0.33, 0.1, 0.4, 0.17], heads);
            let shown = listed(files.len(), budget);
            for f in files.iter().take(shown) {
                let media = f.media_type.as_deref().map(v).unwrap_or_default();
                let s = Style::SMALL;
                d.row(&[(v(&f.path), s), (f.size.to_string(), s), (f.sha256.hex(), s), (media, s)]);
            }
            d.end_table();
            not_listed(d, lang, files.len(), shown);
        }
    }
}

/// The parties who signed ([`said::parties`]) and the custody events ([`said::events`]).
fn parties_and_events(d: &mut Doc, r: &Report, lang: Languages) {
    let parties = said::parties(r);
    if !parties.is_empty() {
        d.heading(&lb(lang, L::Parties), 3);
        let heads = [L::Name, L::Organisation, L::Role, L::Jurisdiction, L::Key, L::Trusted].map(|l| lb(lang, l));
        d.table(&[0.17, 0.19, 0.12, 0.1, 0.27, 0.15], heads.to_vec());
        for p in parties {
            let ts = if p.untrusted { Style::SMALL_BOLD.color(RED) } else { Style::SMALL };
            let x = Style::SMALL;
            d.row(&[
                (v(p.name), x),
                (v(p.organisation), x),
                (t(lang, |g| terms::term(g, p.role)), x),
                (v(p.jurisdiction), x),
                (p.key, x),
                (lb(lang, p.trust), ts),
            ]);
        }
        d.end_table();
    }
    let events = said::events(r);
    if events.is_empty() {
        return;
    }
    d.heading(&lb(lang, L::Events), 3);
    for e in events {
        let tt = e.trusted_time.map(|x| format!(" \u{2014} {}", runs(lang, &x))).unwrap_or_default();
        d.para_at(
            &format!(
                "#{} {} {} \u{2014} {}{tt}",
                e.sequence,
                t(lang, |g| terms::term(g, e.event_type)),
                e.time,
                runs(lang, &e.line)
            ),
            Style::BODY,
            8.0,
        );
    }
}

fn checks(d: &mut Doc, r: &Report, lang: Languages) {
    d.heading(&lb(lang, L::Checks), 2);
    let c = said::checks(r);
    if let Some(note) = &c.container {
        d.para(&runs(lang, note), Style::BODY);
    }
    check_table(d, &c.checks, lang);
    if let Some((summary, rows)) = &c.content {
        d.heading(&lb(lang, L::ContentChecks), 3);
        d.para(&runs(lang, summary), Style::BODY);
        check_table(d, rows, lang);
    }
}

fn check_table(d: &mut Doc, checks: &[said::CheckRow<'_>], lang: Languages) {
    let heads = [L::Code, L::Level, L::Message].map(|l| lb(lang, l)).to_vec();
    d.table(&[0.3, 0.12, 0.58], heads);
    for c in checks {
        let style = match c.level {
            Level::Fail => Style::SMALL_BOLD.color(RED),
            Level::Warn => Style::SMALL.color(AMBER),
            Level::Pass => Style::SMALL,
        };
        let area = t(lang, |g| words::area_title(g, c.code.as_str()).unwrap_or_default());
        let more = c.more.map(|n| format!(" ({})", t(lang, |g| words::more_checks(g, n)))).unwrap_or_default();
        // What the code means in the report's language(s), then the check's own message (English,
        // with the bundle's values); an English report's message says it already.
        let meaning = if lang == Language::En.into() {
            String::new()
        } else {
            format!("{} \u{2014} ", t(lang, |g| words::check_meaning(g, c.code)))
        };
        d.row(&[
            (format!("{} \u{2014} {area}", c.code), style),
            (t(lang, |g| words::level_name(g, c.level)), style),
            (
                format!("{meaning}{}{more}", c.said.as_ref().map_or_else(|| s(c.message), |said| runs(lang, said))),
                style,
            ),
        ]);
    }
    d.end_table();
}
