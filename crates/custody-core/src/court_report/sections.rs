//! The court report's sections, each from the verification report, in the document's order.
//! Words from the catalogue; values through [`value`] (escaped, isolated).

use std::collections::HashMap;
use std::io::{self, Write};

use super::html::{escape, row, sentence, table_head, value};
use super::model::sections as said;
use super::model::verdict as said_verdict;
use super::model::{FileState, Filled, Run};
use super::{ReportContext, svg};
use crate::check::Level;
use crate::verify::Report;
use crate::wording::court_report::{self as words, Label as L, Language, Languages, label};

/// An item's file list is shown open up to this many files, folded beyond.
const OPEN_FILES: usize = 200;

/// A word of the catalogue in the report's language, as HTML; in a bilingual report followed by
/// its translation where it differs ([`super::model::words`]), marked with its own `lang` and
/// `dir` (values are never translated, so they are shown once, outside this).
fn t<S: AsRef<str>>(lang: Languages, word: impl Fn(Language) -> S) -> String {
    let (first, second) = super::model::words(lang, word);
    let mut s = escape(&first);
    if let Some((g, second)) = second {
        s.push_str(&format!(
            " <span class=\"tr\" lang=\"{}\" dir=\"{}\">/ {}</span>",
            g.tag(),
            g.dir(),
            escape(&second)
        ));
    }
    s
}

/// A sentence of the English catalogue (a check's message, a line shared with the text report),
/// as HTML: in a report in another language, marked as English and left to right, so that its
/// punctuation stays in place in a right-to-left document.
fn en(lang: Languages, html: String) -> String {
    if lang.first == Language::En { html } else { format!("<span lang=\"en\" dir=\"ltr\">{html}</span>") }
}

/// A label in the report's language(s), as HTML ([`t`]).
fn lb(lang: Languages, l: L) -> String {
    t(lang, |g| label(g, l))
}

/// The document's head: language and direction, the Content-Security-Policy that forbids
/// every request and script, the style sheet; then the title and `<main>`.
pub(super) fn head(out: &mut dyn Write, r: &Report, ctx: &ReportContext) -> io::Result<()> {
    let lang = ctx.languages;
    let title = lang.iter().map(|g| label(g, L::Title)).collect::<Vec<_>>().join(" / ");
    let case = super::model::title_reference(r).map(|c| format!(" \u{2014} {}", sentence(&c))).unwrap_or_default();
    super::html::head(
        out,
        lang.first,
        &format!("{}{case}", escape(&title)),
        "",
        &format!("{}{case}", lb(lang, L::Title)),
    )
}

/// Who verified, when, and with which trust anchors (each with its SHA-256).
pub(super) fn about(out: &mut dyn Write, r: &Report, ctx: &ReportContext) -> io::Result<()> {
    let lang = ctx.languages;
    let anchor = |a: &Option<super::Anchor>| match a {
        Some(a) => escape(&words::anchor(lang.first, &crate::text::printable(&a.name), &a.sha256.hex())),
        None => lb(lang, L::NoneGiven),
    };
    writeln!(out, "<section id=\"about\"><h2>{}</h2><dl class=\"facts\">", lb(lang, L::About))?;
    let fact = |out: &mut dyn Write, l: L, v: String| -> io::Result<()> {
        writeln!(out, "<dt>{}</dt><dd>{v}</dd>", lb(lang, l))
    };
    fact(out, L::Bundle, value(&r.bundle))?;
    if let Some(id) = &r.bundle_id {
        fact(out, L::BundleId, format!("<code>{}</code>", value(id)))?;
    }
    fact(out, L::Tool, format!("<span dir=\"ltr\">{} {}</span>", value(&r.verifier.name), value(&r.verifier.version)))?;
    fact(out, L::VerifiedAt, escape(&r.verified_at.to_string()))?;
    fact(out, L::GeneratedAt, escape(&ctx.generated_at.to_string()))?;
    fact(out, L::TrustList, anchor(&ctx.trust_list))?;
    fact(out, L::TsaRoots, anchor(&ctx.tsa_roots))?;
    let tags: Vec<&str> = lang.iter().map(Language::tag).collect();
    fact(out, L::Language, escape(&tags.join(&super::model::comma(lang))))?;
    out.write_all(b"</dl>\n")?;
    if lang.iter().any(|g| g != Language::En) {
        writeln!(out, "<p class=\"note\">{}</p>", lb(lang, L::DetailsInEnglish))?;
    }
    out.write_all(b"</section>\n")
}

/// The verdict ([`said_verdict::verdict`]): the state (§9.2) in large letters and its colour,
/// what it means, the summary, the latest event, the damaged items and the failed codes.
pub(super) fn verdict(out: &mut dyn Write, r: &Report, lang: Languages) -> io::Result<()> {
    let v = said_verdict::verdict(r);
    let state = &v.state;
    write!(
        out,
        "<section id=\"verdict\" class=\"verdict state-{state}\"><h2>{}</h2>\n<p class=\"state\">{}</p>\n\
         <p>{}</p>\n<p>{}</p>\n",
        lb(lang, L::Verdict),
        t(lang, |g| words::state_name(g, state)),
        t(lang, |g| words::state_meaning(g, state)),
        v.said_summary.as_ref().map_or_else(|| en(lang, sentence(v.summary)), |said| runs(lang, said))
    )?;
    if let Some(e) = &v.latest {
        write!(
            out,
            "<p><strong>{}</strong> {}<br><code>{}</code>",
            lb(lang, L::LatestEvent),
            runs(lang, &e.line),
            runs(lang, &e.key)
        )?;
        if let Some(c) = &e.confirm {
            write!(out, "<br>{}", runs(lang, c))?;
        }
        out.write_all(b"</p>\n")?;
    }
    if !v.damaged.items.is_empty() {
        writeln!(out, "<p class=\"damaged\">{}</p><ul>", lb(lang, L::Damaged))?;
        for d in &v.damaged.items {
            let mut files: Vec<String> = d.files.iter().map(|f| value(f)).collect();
            if d.more_files > 0 {
                files.push(t(lang, |g| words::more_damaged_files(g, d.more_files)));
            }
            writeln!(
                out,
                "<li>{}{}{}</li>",
                value(&d.id),
                super::model::colon(lang),
                files.join(&super::model::comma(lang))
            )?;
        }
        if v.damaged.more > 0 {
            writeln!(out, "<li>{}</li>", runs(lang, &super::model::more_damaged_items(v.damaged.more)))?;
        }
        out.write_all(b"</ul>\n")?;
    }
    if !v.failed.is_empty() {
        let codes: Vec<String> = v.failed.iter().map(|c| format!("<code>{}</code>", escape(c))).collect();
        writeln!(
            out,
            "<p class=\"fail\">{}{}{}</p>",
            lb(lang, L::FailedCodes),
            super::model::colon(lang),
            codes.join(&super::model::comma(lang))
        )?;
    }
    out.write_all(b"</section>\n")
}

/// The sealer's restrictions on use, then each hand-over's conditions with the answer
/// ([`said::restrictions`]).
pub(super) fn restrictions(out: &mut dyn Write, r: &Report, lang: Languages) -> io::Result<()> {
    writeln!(out, "<section id=\"restrictions\"><h2>{}</h2>", lb(lang, L::Restrictions))?;
    let lines = said::restrictions(r);
    if lines.is_empty() {
        writeln!(out, "<p>{}</p>", lb(lang, L::NoRestrictions))?;
    } else {
        out.write_all(b"<ul>\n")?;
        for l in lines {
            writeln!(out, "<li>{}</li>", runs(lang, &l))?;
        }
        out.write_all(b"</ul>\n")?;
    }
    out.write_all(b"</section>\n")
}

/// The case and its legal basis, as the signed manifest describes them ([`said::case`]).
pub(super) fn case(out: &mut dyn Write, r: &Report, lang: Languages) -> io::Result<()> {
    writeln!(out, "<section id=\"case\"><h2>{}</h2>", lb(lang, L::Case))?;
    let Some(facts) = said::case(r) else {
        writeln!(out, "<p>{}</p></section>", lb(lang, L::NoCase))?;
        return Ok(());
    };
    out.write_all(b"<dl class=\"facts\">\n")?;
    for f in facts {
        let key = match &f.key {
            said::Key::Label(l) => lb(lang, *l),
            said::Key::Value(v) => value(v),
        };
        writeln!(out, "<dt>{key}</dt><dd>{}</dd>", runs(lang, &f.value))?;
    }
    out.write_all(b"</dl></section>\n")
}

/// Each item: its name, exhibit, size, capture provenance, what receipts did not accept, and
/// every file (path, size, SHA-256, media type, result), walked from the manifest as written.
pub(super) fn items(out: &mut dyn Write, r: &Report, lang: Languages) -> io::Result<()> {
    writeln!(out, "<section id=\"items\"><h2>{}</h2>", lb(lang, L::Items))?;
    let not_accepted = super::model::not_accepted(r);
    for line in &not_accepted.groups {
        writeln!(
            out,
            "<p class=\"fail\">{}{}{}</p>",
            lb(lang, L::NotAccepted),
            super::model::colon(lang),
            runs(lang, line)
        )?;
    }
    let states = super::model::FileStates::new(r);
    let files_of: HashMap<&str, &crate::manifest::Item> =
        r.manifest.iter().flat_map(|m| &m.items).map(|i| (i.id.as_str(), i)).collect();
    let actors = super::model::actors(r);
    for i in &r.items {
        let exhibit = i.exhibit.as_deref().map(|x| format!(" [{}]", value(x))).unwrap_or_default();
        writeln!(
            out,
            "<article id=\"{}\"><h3>{} \u{2014} {}{exhibit}</h3>\n<p>{}</p>",
            escape(&crate::text::printable(&i.id)),
            value(&i.id),
            value(&i.label),
            t(lang, |g| words::item_size(g, i.files, i.bytes))
        )?;
        for line in not_accepted.of(i.id.as_str()) {
            writeln!(
                out,
                "<p class=\"fail\">{}{}{}</p>",
                lb(lang, L::NotAccepted),
                super::model::colon(lang),
                runs(lang, line)
            )?;
        }
        if let Some(seq) = i.disposed_by {
            writeln!(out, "<p class=\"disposed\"><strong>{} #{seq}</strong></p>", lb(lang, L::DisposedBy))?;
        }
        capture(out, &i.capture, &actors, lang)?;
        let Some(item) = files_of.get(i.id.as_str()) else {
            out.write_all(b"</article>\n")?;
            continue;
        };
        let open = if item.files.len() <= OPEN_FILES { " open" } else { "" };
        writeln!(out, "<details{open}><summary>{} {}</summary>", item.files.len(), lb(lang, L::ShowFiles))?;
        let heads = [L::Path, L::Size, L::Sha256, L::MediaType, L::Result].map(|l| lb(lang, l));
        table_head(out, "files", &heads)?;
        for f in &item.files {
            let (class, result) = match states.of(f.path, i.disposed_by.is_some()) {
                FileState::Damaged => (" class=\"fail\"", lb(lang, L::FileDamaged)),
                FileState::Disposed => (" class=\"disposed\"", lb(lang, L::FileDisposed)),
                FileState::Ok => ("", lb(lang, L::FileOk)),
            };
            writeln!(
                out,
                "<tr{class}><td>{}</td><td>{}</td><td class=\"hash\">{}</td><td>{}</td><td>{}</td></tr>",
                value(f.path),
                f.size,
                f.sha256.hex(),
                value(f.media_type),
                result
            )?;
        }
        out.write_all(b"</tbody></table></details></article>\n")?;
    }
    out.write_all(b"</section>\n")
}

/// An item's capture provenance, as the sealer declared it: the facts of the capture model,
/// laid out as a list of terms.
fn capture(
    out: &mut dyn Write,
    c: &crate::manifest::Capture,
    actors: &super::model::Actors<'_>,
    lang: Languages,
) -> io::Result<()> {
    let facts = super::model::capture::facts(c, actors);
    if facts.is_empty() {
        return Ok(());
    }
    writeln!(out, "<p><strong>{}</strong></p><dl class=\"facts\">", lb(lang, L::Capture))?;
    for f in facts {
        writeln!(out, "<dt>{}</dt><dd>{}</dd>", lb(lang, f.label), runs(lang, &f.value))?;
    }
    out.write_all(b"</dl>\n")
}

/// A word of the vocabularies in the report's language(s) ([`super::model::term_words`]), each
/// marked with the language it is really in where that is not the document's (an English word
/// in a French report: `lang="en"`, for screen readers and hyphenation).
fn term(lang: Languages, name: &str) -> String {
    let ((g, first), second) = super::model::term_words(lang, name);
    let mut s = if g == lang.first {
        escape(&first)
    } else {
        format!("<span lang=\"{}\" dir=\"{}\">{}</span>", g.tag(), g.dir(), escape(&first))
    };
    if let Some((g, second)) = second {
        s.push_str(&format!(
            " <span class=\"tr\" lang=\"{}\" dir=\"{}\">/ {}</span>",
            g.tag(),
            g.dir(),
            escape(&second)
        ));
    }
    s
}

/// Runs of the capture model as HTML: a word of the vocabularies or a label in the report's
/// language(s) (a word once when both languages have the same), values escaped and isolated.
pub(super) fn runs(lang: Languages, runs: &[Run]) -> String {
    if runs.iter().any(|r| matches!(r, Run::Sentence(..))) {
        // A line with a sentence of the catalogue is given whole in each language: the second
        // after the first, marked with its language, where it reads differently.
        let first = runs_in(lang.first, runs);
        let second = lang.second.map(|g| (g, runs_in(g, runs))).filter(|(_, s)| *s != first);
        return match second {
            Some((g, second)) => {
                format!("{first} <span class=\"tr\" lang=\"{}\" dir=\"{}\">/ {second}</span>", g.tag(), g.dir())
            }
            None => first,
        };
    }
    let mut s = String::new();
    for r in runs {
        match r {
            Run::Term(name) => s.push_str(&term(lang, name)),
            Run::Label(l) => s.push_str(&lb(lang, *l)),
            Run::Text(x) => s.push_str(&escape(&super::model::punctuation(lang.first, x))),
            Run::Value(v) => s.push_str(&value(v)),
            Run::Break => s.push(' '),
            // Not met: a line with a sentence is given whole above.
            Run::Sentence(..) => s.push_str(&runs_in(lang.first, std::slice::from_ref(r))),
        }
    }
    s
}

/// Runs in the one language `g` (a sentence of the catalogue in a bilingual report is given
/// whole in each): a sentence's words, a word of the vocabularies (marked with the language it
/// is really in where that is not `g`) and a label in `g`, values escaped and isolated.
fn runs_in(g: Language, runs: &[Run]) -> String {
    let mut s = String::new();
    for r in runs {
        match r {
            Run::Term(name) => {
                let (really, w) = crate::wording::forms::term_in(g, name);
                if really == g {
                    s.push_str(&escape(&w));
                } else {
                    s.push_str(&format!(
                        "<span lang=\"{}\" dir=\"{}\">{}</span>",
                        really.tag(),
                        really.dir(),
                        escape(&w)
                    ));
                }
            }
            Run::Label(l) => s.push_str(&escape(label(g, *l))),
            Run::Text(x) => s.push_str(&escape(&super::model::punctuation(g, x))),
            Run::Value(v) => s.push_str(&value(v)),
            Run::Break => s.push(' '),
            Run::Sentence(said, holes) => {
                for p in super::model::filled(g, *said, holes) {
                    match p {
                        Filled::Words(w) => s.push_str(&escape(w)),
                        Filled::Runs(r) => s.push_str(&runs_in(g, r)),
                    }
                }
            }
        }
    }
    s
}

/// The attestations sealed with the manifest ([`said::attestations`]).
pub(super) fn attestations(out: &mut dyn Write, r: &Report, lang: Languages) -> io::Result<()> {
    let lines = said::attestations(r);
    if lines.is_empty() {
        return Ok(());
    }
    writeln!(out, "<section id=\"attestations\"><h2>{}</h2><ul>", lb(lang, L::Attestations))?;
    for l in lines {
        writeln!(out, "<li>{}</li>", runs(lang, &l))?;
    }
    out.write_all(b"</ul></section>\n")
}

/// Countersignatures, attached documents, examinations and access records, with their files
/// ([`said::statements`]).
pub(super) fn statements(out: &mut dyn Write, r: &Report, lang: Languages) -> io::Result<()> {
    writeln!(out, "<section id=\"statements\"><h2>{}</h2>", lb(lang, L::Statements))?;
    let statements = said::statements(r);
    if statements.is_empty() {
        writeln!(out, "<p>{}</p>", lb(lang, L::NoStatements))?;
    }
    for st in statements {
        writeln!(
            out,
            "<article><h3>#{} {}</h3><p>{}</p><ul>",
            st.sequence,
            term(lang, st.event_type),
            runs(lang, &st.line)
        )?;
        for line in &st.lines {
            writeln!(out, "<li>{}</li>", runs(lang, line))?;
        }
        out.write_all(b"</ul>\n")?;
        if !st.files.is_empty() {
            let heads = [L::Path, L::Size, L::Sha256, L::MediaType].map(|l| lb(lang, l));
            table_head(out, "files", &heads)?;
            for f in st.files {
                let media = f.media_type.as_deref().map(value).unwrap_or_default();
                let hash = format!("<code>{}</code>", f.sha256.hex());
                row(out, &[&value(&f.path), &f.size.to_string(), &hash, &media])?;
            }
            out.write_all(b"</tbody></table>\n")?;
        }
        out.write_all(b"</article>\n")?;
    }
    out.write_all(b"</section>\n")
}

/// The custody timeline: the picture, its key, then the events one per row.
pub(super) fn timeline(out: &mut dyn Write, r: &Report, lang: Languages) -> io::Result<()> {
    write!(out, "<section id=\"timeline\"><h2>{}</h2>\n<figure>", lb(lang, L::Timeline))?;
    svg::timeline(out, r, lang.first)?;
    writeln!(out, "<figcaption>{}</figcaption></figure>", t(lang, words::timeline_key))?;
    let parties = said::parties(r);
    if !parties.is_empty() {
        writeln!(out, "<h3>{}</h3>", lb(lang, L::Parties))?;
        let heads = [L::Name, L::Organisation, L::Role, L::Jurisdiction, L::Key, L::Trusted].map(|l| lb(lang, l));
        table_head(out, "parties", &heads)?;
        for p in parties {
            let trust = lb(lang, p.trust);
            let trust = if p.untrusted { format!("<span class=\"fail\">{trust}</span>") } else { trust };
            let key = format!("<code>{}</code>", escape(&p.key));
            let cells = [value(p.name), value(p.organisation), term(lang, p.role), value(p.jurisdiction)];
            row(out, &[&cells[0], &cells[1], &cells[2], &cells[3], &key, &trust])?;
        }
        out.write_all(b"</tbody></table>\n")?;
    }
    let events = said::events(r);
    if events.is_empty() {
        return out.write_all(b"</section>\n");
    }
    writeln!(out, "<h3>{}</h3>", lb(lang, L::Events))?;
    out.write_all(b"<ol start=\"0\">\n")?;
    for e in events {
        let tt = e.trusted_time.map(|t| format!("<br>{}", runs(lang, &t))).unwrap_or_default();
        writeln!(
            out,
            "<li value=\"{}\"><strong>{}</strong> {} \u{2014} {}{tt}</li>",
            e.sequence,
            term(lang, e.event_type),
            escape(&e.time),
            runs(lang, &e.line)
        )?;
    }
    out.write_all(b"</ol></section>\n")
}

/// Every check with its code, level and message; a re-zipped bundle's content checks in
/// their own table under their summary, and an unzipped bundle's not-applicable container
/// checks named (spec §9.6; [`said::checks`]).
pub(super) fn checks(out: &mut dyn Write, r: &Report, lang: Languages) -> io::Result<()> {
    writeln!(out, "<section id=\"checks\"><h2>{}</h2>", lb(lang, L::Checks))?;
    let c = said::checks(r);
    if let Some(note) = &c.container {
        writeln!(out, "<p class=\"container\">{}</p>", runs(lang, note))?;
    }
    check_table(out, &c.checks, lang)?;
    if let Some((summary, rows)) = &c.content {
        writeln!(out, "<h3>{}</h3>\n<p>{}</p>", lb(lang, L::ContentChecks), runs(lang, summary))?;
        check_table(out, rows, lang)?;
    }
    out.write_all(b"</section>\n")
}

fn check_table(out: &mut dyn Write, checks: &[said::CheckRow<'_>], lang: Languages) -> io::Result<()> {
    let heads = [L::Code, L::Level, L::Message].map(|l| lb(lang, l));
    table_head(out, "checks", &heads)?;
    for c in checks {
        let class = match c.level {
            Level::Fail => " class=\"fail\"",
            Level::Warn => " class=\"warn\"",
            Level::Pass => "",
        };
        let more = c.more.map(|n| format!(" ({})", t(lang, |g| words::more_checks(g, n)))).unwrap_or_default();
        writeln!(
            out,
            "<tr{class}><td><code>{}</code><br>{}</td><td>{}</td><td>{}{}{more}</td></tr>",
            escape(c.code.as_str()),
            t(lang, |g| words::area_title(g, c.code.as_str()).unwrap_or_default()),
            t(lang, |g| words::level_name(g, c.level)),
            meaning(lang, c.code).map(|m| format!("{m}<br>")).unwrap_or_default(),
            c.said.as_ref().map_or_else(|| en(lang, sentence(c.message)), |said| runs(lang, said))
        )?;
    }
    out.write_all(b"</tbody></table>\n")
}

/// What a check's code means, as HTML, in a report that is not in English alone: in the report's
/// language(s) ([`words::check_meaning`]), before the check's own message (English, with the
/// bundle's values). `None` in an English report, whose message says it already.
fn meaning(lang: Languages, code: crate::check::CheckCode) -> Option<String> {
    (lang != Language::En.into()).then(|| {
        let (first, second) = super::model::words(lang, |g| words::check_meaning(g, code));
        let mut s = isolate_latin(lang.first, &first);
        if let Some((g, second)) = second {
            let second = isolate_latin(g, &second);
            s.push_str(&format!(" <span class=\"tr\" lang=\"{}\" dir=\"{}\">/ {second}</span>", g.tag(), g.dir()));
        }
        s
    })
}

/// `text` of language `g` as HTML; in a right-to-left language each run of Latin characters
/// (a file name, a field, a pattern such as `custody-<32` kept from the English) isolated
/// left to right in a `<bdi dir="ltr">`, its sentence punctuation (a final `.`, `:`) left
/// outside, so that the bidirectional algorithm cannot reorder its parts around the Arabic.
fn isolate_latin(g: Language, text: &str) -> String {
    if g.dir() != "rtl" {
        return escape(text);
    }
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_graphic()) {
        out.push_str(&escape(&rest[..start]));
        let run = &rest[start..];
        let len = run.find(|c: char| !c.is_ascii_graphic()).unwrap_or(run.len());
        let (latin, after) = run.split_at(len);
        let word = latin.trim_end_matches(['.', ',', ';', ':']);
        if word.chars().any(|c| c.is_ascii_alphanumeric()) {
            out.push_str(&format!("<bdi dir=\"ltr\">{}</bdi>{}", escape(word), escape(&latin[word.len()..])));
        } else {
            out.push_str(&escape(latin));
        }
        rest = after;
    }
    out.push_str(&escape(rest));
    out
}

/// How to re-verify with stock tools: the instructions every bundle carries.
pub(super) fn appendix(out: &mut dyn Write, lang: Languages) -> io::Result<()> {
    // The bundle's own HOW-TO-VERIFY.txt, quoted as the bundle holds it: English, marked so in a
    // report in another language (for screen readers and hyphenation), left to right.
    let marked = if lang.first == Language::En { "" } else { " lang=\"en\" dir=\"ltr\"" };
    write!(
        out,
        "<section id=\"appendix\"><h2>{}</h2>\n<p>{}</p>\n<pre{marked}>{}</pre></section>\n",
        lb(lang, L::Appendix),
        t(lang, words::appendix_intro),
        escape(words::APPENDIX)
    )
}

#[cfg(test)]
mod tests {
    use super::{Language, meaning};
    use crate::check::CheckCode;

    /// What remains of `html` once every `<bdi dir="ltr">…</bdi>` is taken out.
    fn outside_isolates(html: &str) -> String {
        let mut out = String::new();
        let mut rest = html;
        while let Some(start) = rest.find("<bdi dir=\"ltr\">") {
            out.push_str(&rest[..start]);
            let end = rest[start..].find("</bdi>").map_or(rest.len(), |e| start + e + "</bdi>".len());
            rest = &rest[end..];
        }
        out + rest
    }

    /// In an Arabic report every Latin token of a check's meaning (a file name, a field, a
    /// pattern) is isolated left to right, so the bidirectional algorithm cannot scramble it
    /// inside the right-to-left sentence; a left-to-right language's meaning is left as it is.
    #[test]
    fn latin_tokens_of_an_arabic_check_meaning_are_isolated_in_html() {
        for code in CheckCode::ALL {
            let html = meaning(Language::Ar.into(), *code).unwrap();
            let rest = outside_isolates(&html).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
            assert!(!rest.chars().any(|c| c.is_ascii_alphanumeric()), "{code:?}: {html}");
            let fr = meaning(Language::Fr.into(), *code).unwrap();
            assert!(!fr.contains("<bdi"), "{code:?}: {fr}");
        }
        let html = meaning(Language::Ar.into(), CheckCode::PayloadMissing).unwrap();
        assert!(html.contains("<bdi dir=\"ltr\">manifest-sha256.txt</bdi>"), "{html}");
        let html = meaning(Language::Ar.into(), CheckCode::RetentionExceeded).unwrap();
        assert!(html.contains("<bdi dir=\"ltr\">keep_until</bdi>"), "{html}");
    }
}
