//! The PDF report against what an author writes and the reader's language: hostile values
//! escaped, isolated and drawn as text, never as PDF syntax (and as pdftotext shows them);
//! English vocabulary marked in other languages; the HTML and the PDF laying out the same model;
//! no English sentence left in a report in another language. (Sizes, counts and layout: the
//! parent module.)

use super::*;

/// What an author's value carries against the PDF: a right-to-left override, an escape sequence
/// and a NUL, HTML and PDF syntax (a string closed and operators after it), and a word longer
/// than a page is wide.
const PAYLOAD: &str = ") Tj ET BT /Hostile 9 Tf (PWNED) Tj <script>alert(1)</script></bdi>";

fn hostile(what: &str) -> String {
    format!("\u{202e}{what}\u{202c}\u{1b}[2J\u{0}{PAYLOAD} {}", "W".repeat(3_000))
}

/// The example case with a hostile value in every place an author writes one: the case, the
/// items and their capture records, the actors, the signers, the attestations, the statements,
/// the restrictions.
fn hostile_report() -> Report {
    let mut r = vector("mla-case");
    r.case_reference = Some(hostile("case"));
    if let Some(c) = &mut r.case {
        c.reference = hostile("case");
        c.title = Some(hostile("title"));
        for l in &mut c.legal_basis {
            l.instrument = hostile("basis");
        }
    }
    for i in &mut r.items {
        i.label = hostile("label");
        i.capture.edit(|c| {
            c.source_url = Some(hostile("source"));
            c.clock_source = Some(hostile("clock"));
            c.environment.os = Some(hostile("os"));
            c.environment.note = Some(hostile("env-note"));
            c.access_steps = vec![hostile("step")];
            c.note = Some(hostile("note"));
        });
    }
    for a in &mut r.actors {
        a.name = hostile("actor");
    }
    for s in &mut r.signers {
        s.signer.name = hostile("signer");
    }
    for a in &mut r.attestations {
        a.statement = hostile("attestation");
    }
    for e in &mut r.events {
        if let Some(st) = &mut e.statement {
            st.text = Some(hostile("statement"));
        }
    }
    if let Some(u) = r.restrictions.use_limitation.as_mut() {
        u.note = Some(hostile("restriction"));
    }
    r
}

/// The streams of a PDF, inflated where they are compressed (krilla compresses with Flate).
fn streams(pdf: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(start) = find(&pdf[at..], b"stream").map(|n| at + n + b"stream".len()) {
        let cr = usize::from(pdf.get(start) == Some(&b'\r'));
        let body = start + cr + usize::from(pdf.get(start + cr) == Some(&b'\n'));
        let Some(end) = find(&pdf[body..], b"endstream").map(|n| body + n) else { break };
        let raw = &pdf[body..end];
        let mut inflated = Vec::new();
        let ok = std::io::Read::read_to_end(&mut flate2::read::ZlibDecoder::new(raw), &mut inflated).is_ok();
        out.push(if ok { inflated } else { raw.to_vec() });
        at = end + b"endstream".len();
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[test]
fn hostile_values_are_escaped_isolated_and_drawn_as_text_never_as_pdf_syntax() {
    let r = hostile_report();
    for lang in ["en", "ar", "fr,en"] {
        let mut ctx = ctx();
        ctx.languages = crate::wording::court_report::Languages::parse(lang).expect("a language");
        let (d, meta) = super::super::layout(&r, &ctx);
        // What the layout draws: no raw control or direction mark of a value (only the
        // isolates the report puts around values and its own sentences), the escapes shown,
        // nothing past the page's right edge however long a word.
        for op in d.pages.iter().flatten() {
            let super::super::doc::Op::Text { x, text, face, size, .. } = op else { continue };
            let raw: Vec<char> = text
                .chars()
                .filter(|c| crate::text::must_escape(*c) && !('\u{2066}'..='\u{2069}').contains(c))
                .collect();
            assert!(raw.is_empty(), "{lang}: raw {raw:?} drawn in {text:?}");
            let right = x + super::super::fonts::width(text, *face, *size);
            assert!(
                right <= super::super::doc::PAGE_W - super::super::doc::MARGIN + 1.0,
                "{lang}: {text:?} drawn to {right}"
            );
        }
        let text = d.text();
        for what in
            ["case", "title", "label", "source", "clock", "os", "step", "note", "actor", "signer", "attestation"]
        {
            assert!(
                text.contains(&format!("\\u{{202e}}{what}\\u{{202c}}\\u{{1b}}[2J\\u{{0}}")),
                "{lang}: {what} escaped"
            );
        }
        assert!(text.contains("(PWNED) Tj"), "{lang}: the PDF syntax is drawn as the text it is");
        let (pdf, not_archival) = d.finish(&meta).expect("a PDF");
        assert_eq!(not_archival, None, "{lang}: PDF/A-2b");
        // The bytes: text is drawn as glyph ids, so an author's PDF syntax appears in no
        // content stream, as operators or otherwise; the XMP metadata (XML, which quotes the
        // title) escapes the markup, as does every other byte of the file.
        let streams = streams(&pdf);
        let content: Vec<&Vec<u8>> = streams.iter().filter(|s| find(s, b"<x:xmpmeta").is_none()).collect();
        assert!(content.iter().any(|s| find(s, b" Tj").is_some() || find(s, b"TJ").is_some()), "{lang}: text drawn");
        for s in content {
            assert!(find(s, b"Hostile").is_none(), "{lang}: an author's operator in a content stream");
            assert!(find(s, b"PWNED").is_none(), "{lang}: an author's string in a content stream");
        }
        for s in std::iter::once(&pdf).chain(&streams) {
            assert!(find(s, b"<script>").is_none(), "{lang}: raw markup in the PDF");
        }
        pdftotext_shows_escaped(&pdf, lang);
    }
}

/// pdftotext's text of `pdf` (when installed; required under CUSTODY_REQUIRE_PDF_TOOLS): the
/// values escaped, the PDF syntax shown as text, no raw override or control.
fn pdftotext_shows_escaped(pdf: &[u8], lang: &str) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("hostile.pdf");
    std::fs::write(&path, pdf).expect("written");
    let o = std::process::Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(&path).arg("-").output();
    let text = match o {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).into_owned(),
        _ => {
            let required = std::env::var_os("CUSTODY_REQUIRE_PDF_TOOLS").is_some();
            assert!(!required, "pdftotext is required here (CUSTODY_REQUIRE_PDF_TOOLS is set) but cannot be run");
            eprintln!("note: pdftotext is not installed: the PDF's extracted text is not checked (CI installs it)");
            return;
        }
    };
    assert!(text.contains("\\u{202e}"), "{lang}: the override shown as an escape");
    assert!(text.contains("PWNED"), "{lang}: the PDF syntax shown as text");
    // pdftotext marks the right-to-left runs it finds with U+202B ... U+202C itself: the
    // override and the controls the values carried are what must not come back.
    let raw = text.chars().filter(|c| matches!(c, '\u{202d}' | '\u{202e}' | '\u{1b}' | '\u{0}')).count();
    assert_eq!(raw, 0, "{lang}: {raw} raw override(s) or control(s) extracted");
}

#[test]
fn english_vocabulary_in_a_report_in_another_language_is_marked_english() {
    use crate::wording::court_report::Language;
    let r = vector("mla-case");
    let html_in = |lang: Language| {
        let mut c = ctx();
        c.languages = lang.into();
        let mut out = Vec::new();
        crate::court_report::write_html(&r, &c, &mut out).expect("HTML");
        String::from_utf8(out).expect("UTF-8")
    };
    for lang in [Language::Fr, Language::De, Language::Es, Language::Ru, Language::Ar] {
        let html = html_in(lang);
        // A kind of capture and a signer's role are the catalogue's words in every language
        // (`wording::court_report::term`), unmarked; a word it has none for is English, marked.
        let kind = crate::wording::court_report::term(lang, "web_page").expect("a kind of capture");
        let role = crate::wording::court_report::term(lang, "investigator").expect("a role");
        assert!(html.contains(&format!("<dd>{kind}</dd>")), "{lang:?}: the kind");
        assert!(html.contains(&format!("<td>{role}</td>")), "{lang:?}: a role");
        assert!(!html.contains(">web page<") && !html.contains(">investigator<"), "{lang:?}: an English word left");
        let runs = [super::super::Run::Term("no_such_word")];
        let marked = crate::court_report::sections::runs(lang.into(), &runs);
        assert_eq!(marked, "<span lang=\"en\" dir=\"ltr\">no such word</span>", "{lang:?}: an English word marked");
        // The timeline's events: their line in the language, worded from their facts (the seal's
        // sentence, its signer isolated), nothing English to mark; their type in the language.
        let sealed = crate::wording::court_report::sentence(lang, crate::wording::court_report::Sentence::EventSealed);
        let words = sealed.split("{0}").find(|w| !w.trim().is_empty()).expect("the seal's words");
        assert!(html.contains(&format!("<g><title>{words}")), "{lang:?}: the timeline's seal not {words:?}");
        assert!(!html.contains("<g><title lang=\"en\">"), "{lang:?}: a timeline event in English");
        let seal = crate::wording::court_report::term(lang, "seal").expect("the seal's word");
        assert!(html.contains(&format!("text-anchor=\"start\">#0 {seal}</text>")), "{lang:?}: the event's type");
    }
    // In English, and in Chinese (which has its own words), nothing to mark.
    let en = html_in(Language::En);
    assert!(en.contains("<dd>web page</dd>") && en.contains("<g><title>") && en.contains(">#0 seal</text>"));
    let zh = html_in(Language::Zh);
    assert!(zh.contains("<dd>网页</dd>") && !zh.contains(">web page<"), "the Chinese word");
}

#[test]
fn the_html_and_the_pdf_lay_out_the_same_parties_statements_and_checks_of_the_model() {
    use crate::court_report::model::sections as said;
    for name in ["chain-4party", "document-translation", "payload-modified"] {
        let mut r = vector(name);
        if let Some(s) = r.signers.first_mut() {
            s.trusted = Some(false);
        }
        let mut html = Vec::new();
        crate::court_report::write_html(&r, &ctx(), &mut html).expect("HTML");
        let html = String::from_utf8(html).expect("UTF-8");
        let pdf = text_of(&r);
        let parties = said::parties(&r);
        assert!(!parties.is_empty(), "{name}: parties");
        assert_eq!(parties.iter().filter(|p| p.untrusted).count(), 1, "{name}: one untrusted party");
        for p in &parties {
            assert!(html.contains(&format!("<code>{}</code>", p.key)), "{name}: {}", p.key);
            assert!(pdf.contains(p.name), "{name}: {}", p.name);
        }
        assert!(html.contains("<span class=\"fail\">NOT in the trust list</span>"), "{name}: the untrusted key");
        assert!(pdf.contains("NOT in the trust list"), "{name}: the untrusted key");
        for st in said::statements(&r) {
            let heading = format!("#{} {}", st.sequence, st.event_type);
            assert!(html.contains(&format!("<h3>{heading}</h3>")) && pdf.contains(&heading), "{name}: {heading}");
        }
        let checks = said::checks(&r);
        assert_eq!(checks.checks.len(), r.checks.len(), "{name}: every check");
        for c in &checks.checks {
            assert!(
                html.contains(&format!("<code>{}</code>", c.code)) && pdf.contains(c.code.as_str()),
                "{name}: {}",
                c.code
            );
        }
        let verdict = crate::court_report::model::verdict::verdict(&r);
        assert_eq!(verdict.untrusted.len(), 1, "{name}: the verdict names the untrusted signer");
    }
}

/// Issue #16 requirement 4 in the PDF: the text of the PDF report in each language but English,
/// of a file that is no bundle (each kind), an unzipped bundle, a re-zipped bundle whose content
/// holds and one whose content does not, holds none of the English of their summary, why the
/// file is no bundle, the container's note or the content summary; the English PDF holds it.
#[test]
fn a_pdf_in_another_language_holds_none_of_the_english_of_these_verdicts() {
    use crate::court_report::model::verdict::tests::{english_words, other_summaries};
    use crate::wording::court_report::Language;
    // The PDF breaks lines between words: its text is compared with its whitespace as one space.
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for (r, said) in other_summaries() {
        let words: Vec<String> = english_words(&said).into_iter().map(flat).collect();
        let text = |lang: Language| {
            let mut ctx = ctx();
            ctx.languages = lang.into();
            flat(&super::super::layout(&r, &ctx).0.text())
        };
        let en = text(Language::En);
        let missing: Vec<&String> = words.iter().filter(|w| !en.contains(w.as_str())).collect();
        assert!(missing.is_empty(), "{}: {missing:?} not in the English PDF", r.bundle);
        for lang in Language::ALL.iter().copied().filter(|l| *l != Language::En) {
            let page = text(lang);
            let left: Vec<&String> = words.iter().filter(|w| page.contains(w.as_str())).collect();
            assert!(left.is_empty(), "{}: {lang:?} holds {left:?}", r.bundle);
        }
    }
}

/// Issue #16 requirement 4, values bidi-isolated with their controls shown: a right-to-left
/// override, a left-to-right isolate and a right-to-left mark in an item's label, a signer's
/// name and a transfer's purpose. In the HTML report (English, Arabic, French with English),
/// each is shown as escapes, and every place it is shown isolated: in a `<bdi>` in the page,
/// between U+2068 and U+2069 in the timeline picture (its lanes and its tooltips, which hold no
/// markup), no raw control left ([`crate::court_report::html::stray_control`]). In the PDF's
/// text, escaped too, no raw control drawn.
#[test]
fn a_hostile_label_signer_and_purpose_are_escaped_and_isolated_in_html_svg_and_pdf() {
    use crate::verify::EventFacts;
    // A value's own pop (U+2069) must not close the picture's isolate early, nor its own
    // first-strong isolate (U+2068) open one, nor an Arabic letter mark (U+061C) turn the line.
    let hostile = |what: &str| format!("{what}\u{202e}\u{2066}\u{200f}\u{2069}\u{2068}\u{61c}x");
    let mut r = vector("chain-4party");
    for i in &mut r.items {
        i.label = hostile("label");
    }
    for s in &mut r.signers {
        s.signer.name = hostile("signer");
        s.signer.organisation = hostile("org");
    }
    for e in &mut r.events {
        if let EventFacts::Transferred { to, purpose, .. } = &mut e.facts {
            to.name = hostile("signer");
            to.organisation = hostile("org");
            *purpose = hostile("purpose");
        }
    }
    // A trusted time whose TSA is hostile: the diamond's tooltip in the picture, the events list.
    let first = r.events.first_mut().expect("an event");
    let time = first.time.to_string();
    first.trusted_time = Some(crate::verify::TrustedTime { time, tsa: hostile("tsa"), trusted: false, gap_seconds: 1 });
    for p in &mut r.timeline {
        p.holder.name = hostile("signer");
        p.holder.organisation = hostile("org");
        if let Some(h) = &mut p.handover {
            h.purpose = hostile("purpose");
            h.from.name = hostile("signer");
            h.from.organisation = hostile("org");
        }
    }
    let shown = |what: &str| crate::text::printable(&hostile(what));
    assert_eq!(shown("purpose"), "purpose\\u{202e}\\u{2066}\\u{200f}\\u{2069}\\u{2068}\\u{61c}x");
    for lang in ["en", "ar", "fr,en"] {
        let mut ctx = ctx();
        ctx.languages = crate::wording::court_report::Languages::parse(lang).expect("a language");
        let mut out = Vec::new();
        crate::court_report::write_html(&r, &ctx, &mut out).expect("written");
        let html = String::from_utf8(out).expect("UTF-8");
        assert_eq!(crate::court_report::html::stray_control(&html), None, "{lang}: a raw control");
        let (svg_at, svg_end) = (html.find("<svg").expect("a picture"), html.find("</svg>").expect("its end"));
        for what in ["label", "signer", "org", "purpose", "tsa"] {
            let e = shown(what);
            let at: Vec<usize> = html.match_indices(&e).map(|(n, _)| n).collect();
            assert!(at.iter().any(|n| !(svg_at..svg_end).contains(n)), "{lang}: {what} shown in the page");
            for n in at {
                let (before, after) = (&html[..n], &html[n + e.len()..]);
                let isolated = if (svg_at..svg_end).contains(&n) {
                    before.ends_with('\u{2068}') && after.starts_with('\u{2069}')
                } else {
                    before.ends_with("<bdi>") && after.starts_with("</bdi>")
                };
                assert!(isolated, "{lang}: {what} not isolated at {n}: {:?}", &html[n.saturating_sub(60)..n]);
            }
        }
        let svg = &html[svg_at..svg_end];
        for what in ["signer", "org", "purpose", "tsa"] {
            let isolated = format!("\u{2068}{}\u{2069}", shown(what));
            assert!(svg.contains(&isolated), "{lang}: {what} isolated in the picture");
        }
        // The hand-over's arrow says the transfer in the document's language, the purpose a value.
        let arrow = svg.split("marker-end=\"url(#arrow)\"><title>").nth(1).expect("an arrow's tooltip");
        let arrow = arrow.split("</title>").next().unwrap_or_default();
        assert!(arrow.contains(&format!("\u{2068}{}\u{2069}", shown("purpose"))), "{lang}: {arrow}");
        assert_ne!(arrow, format!("\u{2068}{}\u{2069}", shown("purpose")), "{lang}: words around the purpose");
        // The PDF's text: the escapes drawn, never a raw override, isolate or mark.
        let (d, _) = super::super::layout(&r, &ctx);
        let text = d.text();
        for what in ["label", "signer", "org", "purpose", "tsa"] {
            assert!(text.contains(&shown(what)), "{lang}: {what} escaped in the PDF");
        }
        assert!(
            !text.contains(['\u{202e}', '\u{200f}', '\u{2069}', '\u{2068}', '\u{61c}']),
            "{lang}: a raw control drawn"
        );
        for op in d.pages.iter().flatten() {
            let super::super::doc::Op::Text { text, .. } = op else { continue };
            assert!(!text.chars().any(crate::text::must_escape), "{lang}: raw {text:?} drawn");
        }
    }
}
