//! The PDF report against what a hostile bundle controls: every string, every count. Reports
//! of the test vectors (`tests/vectors`, from `cargo run --example make-vectors`) with values
//! made as large as the bundle could make them.

use std::path::Path;

use super::fonts::SHAPED;
use super::render;
use crate::court_report::ReportContext;
use crate::event::{ItemException, ItemState};
use crate::time::Timestamp;
use crate::verify::{ItemReport, Report, VerifyOptions, verify_path};

pub(super) fn vector(name: &str) -> Report {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors").join(format!("{name}.zip"));
    verify_path(&path, &VerifyOptions::default()).expect("the test vectors: cargo run --example make-vectors")
}

pub(super) fn ctx() -> ReportContext {
    ReportContext::new(Timestamp::from_unix(1_796_083_200).expect("a time"))
}

/// The bytes the layout shaped to render `r`, and the PDF.
pub(super) fn shaped(r: &Report) -> (u64, Vec<u8>) {
    SHAPED.with(|n| n.set(0));
    let pdf = render(r, &ctx()).expect("a PDF");
    assert!(pdf.archival && pdf.not_archival.is_none(), "PDF/A-2b: {:?}", pdf.not_archival);
    (SHAPED.with(|n| n.get()), pdf.bytes)
}

/// A report of `items` items, a case reference of `reference` bytes, and a receipt that did
/// not accept any of them, each item named in a group of its own and all, each named `repeat`
/// times, in one more, every group with `reason`.
fn scaled(items: usize, reference: usize, reason: &str, repeat: usize) -> Report {
    let mut r = vector("chain-4party");
    let reference = "R".repeat(reference);
    r.case_reference = Some(reference.clone());
    if let Some(c) = &mut r.case {
        c.reference = reference;
    }
    let first = r.items.first().cloned().expect("an item");
    r.items = (0..items).map(|i| ItemReport { id: format!("item-{i}"), ..first.clone() }).collect();
    let ids: Vec<String> = r.items.iter().map(|i| i.id.clone()).collect();
    let h = r.timeline.iter_mut().find_map(|p| p.handover.as_mut()).expect("a hand-over");
    let group = |items: Vec<String>, reason: &str| ItemException {
        status: ItemState::Rejected,
        reason: Some(reason.into()),
        items,
    };
    h.items_not_accepted = ids.iter().map(|i| group(vec![i.clone()], "r")).collect();
    h.items_not_accepted.push(group(ids.iter().cycle().take(ids.len() * repeat).cloned().collect(), reason));
    r
}

#[test]
fn a_long_case_reference_and_many_items_cost_time_linear_in_them() {
    let reason = "a long reason ".repeat(285);
    let (small, _) = shaped(&scaled(20, 1_000, &reason, 5));
    let (big, _) = shaped(&scaled(2_000, 100_000, &reason, 5));
    // The input grew a hundredfold; laying the reference out again on each page (the footer)
    // made it grow ten thousandfold.
    assert!(big < small * 150, "shaped {small} bytes for the small report, {big} for the large one");
}

#[test]
fn a_long_reason_is_shown_once_per_hand_over_not_under_each_naming_of_each_item() {
    let reason = format!("{}END", "a long reason ".repeat(285));
    let (short, _) = shaped(&scaled(2_000, 10, "r", 5));
    let (long, _) = shaped(&scaled(2_000, 10, &reason, 5));
    // The reason (4,000 bytes) is shaped once; under each of 2,000 items named five times it
    // made 40 MB.
    assert!(
        long < short + 20 * reason.len() as u64,
        "shaped {short} bytes with a short reason, {long} with a long one"
    );
    let text = text_of(&scaled(3, 10, &reason, 5));
    assert_eq!(text.matches("END").count(), 1, "the reason once: {text}");
    // Under each of the 3 items, one reference per group that names it (its own and the
    // shared one, named five times), not one per naming.
    assert_eq!(text.matches("Not accepted: at transfer #").count(), 6, "{text}");
}

/// A report of `items` items, of which only the last was not accepted at a hand-over.
fn many_items(items: usize) -> Report {
    let mut r = vector("chain-4party");
    let first = r.items.first().cloned().expect("an item");
    r.items = (0..items).map(|i| ItemReport { id: format!("item-{i}"), ..first.clone() }).collect();
    let h = r.timeline.iter_mut().find_map(|p| p.handover.as_mut()).expect("a hand-over");
    h.items_not_accepted = vec![ItemException {
        status: ItemState::Rejected,
        reason: Some("r".into()),
        items: vec![format!("item-{}", items - 1)],
    }];
    r
}

#[test]
fn the_pdf_lays_out_a_bounded_number_of_items_not_accepted_first_then_one_note() {
    let cap = crate::court_report::model::PDF_ITEMS;
    let (small, _) = super::layout(&many_items(3_000), &ctx());
    let (big, _) = super::layout(&many_items(6_000), &ctx());
    // The items drawn: each id once (a heading), whatever else names it.
    let headings = |d: &super::doc::Doc| {
        let text = d.text();
        let ids: std::collections::HashSet<&str> = text
            .split("item-")
            .skip(1)
            .map(|rest| rest.split(|c: char| !c.is_ascii_digit()).next().unwrap_or(""))
            .filter(|n| !n.is_empty())
            .collect();
        ids.len()
    };
    assert_eq!(headings(&small), cap, "item headings drawn of 3,000 items");
    assert_eq!(headings(&big), cap, "item headings drawn of 6,000 items");
    assert_eq!(small.pages.len(), big.pages.len(), "the pages do not grow with the items");
    let (small, big) = (small.text(), big.text());
    assert!(small.contains("item-2999"), "the item not accepted is laid out though last");
    assert!(
        small.contains("item-0") && !small.contains("item-499 ") && small.contains("item-498"),
        "then the first in order"
    );
    assert!(big.contains("item-5999"), "the item not accepted is laid out though last");
    assert!(!big.contains("item-5998"), "an accepted item beyond the cap is not");
    assert!(
        small.contains(&format!("{} more item(s) are not listed in this PDF", 3_000 - cap)),
        "{}",
        &small[small.len() - 2000..]
    );
    assert!(big.contains(&format!("{} more item(s) are not listed in this PDF", 6_000 - cap)));
    // Under the cap, no note.
    assert!(!text_of(&many_items(3)).contains("more item(s)"));
}

/// The text `r`'s PDF shows (the layout's, before the PDF compresses it).
pub(super) fn text_of(r: &Report) -> String {
    super::layout(r, &ctx()).0.text()
}

#[test]
fn a_statement_with_more_files_than_the_pdf_lists_says_how_many_are_not_listed() {
    let mut r = vector("document-translation");
    let st = r.events.iter_mut().find_map(|e| e.statement.as_mut()).expect("a statement");
    let file = st.files.first().cloned().expect("an attached file");
    st.files =
        (0..2_500).map(|i| crate::verify::AttachmentReport { path: format!("file-{i:04}"), ..file.clone() }).collect();
    let text = text_of(&r);
    assert!(
        text.contains("file-0299") && !text.contains("file-0300"),
        "the first files, then the note: {}",
        &text[..3000.min(text.len())]
    );
    assert!(text.contains("2200 more file(s)"), "{}", &text[text.len().saturating_sub(3000)..]);
}

/// Where, left to right, the first piece containing `needle` is drawn.
fn drawn_at(line: &super::doc::Line, needle: &str) -> usize {
    line.pieces().iter().position(|(t, _)| t.contains(needle)).unwrap_or_else(|| panic!("{needle:?} in {line:?}"))
}

#[test]
fn our_sentences_are_left_to_right_isolates_and_values_first_strong_ones() {
    use super::doc::{Style, lines};
    let sentence = super::s("أحمد signed event 3");
    let value = super::v("أحمد 3");
    assert!(sentence.starts_with('\u{2066}') && value.starts_with('\u{2068}'), "LRI for ours, FSI for values");
    for rtl in [false, true] {
        // English that starts with an Arabic value reads left to right: the name, then "3".
        let l = &lines(&sentence, Style::BODY, 1000.0, rtl)[0];
        assert!(drawn_at(l, "أحمد") < drawn_at(l, "3"), "rtl report {rtl}: {l:?}");
        // A value is its own: Arabic with a number reads right to left, the number at its left.
        let l = &lines(&format!("Name: {value}"), Style::BODY, 1000.0, rtl)[0];
        assert!(drawn_at(l, "3") < drawn_at(l, "أحمد"), "rtl report {rtl}: {l:?}");
    }
    // An escaped direction control in a value cannot turn the sentence around.
    assert!(super::s("x\u{202e}y").contains("\\u{202e}"));
}

#[test]
fn a_sentence_broken_across_lines_reopens_the_same_isolates_on_each_line() {
    let logical = ["\u{2066}Sent by \u{2068}أحمد", "المنصوري\u{2069} on", "day 3\u{2069}", "after"].map(String::from);
    let lines = super::doc::reopened(&logical);
    assert_eq!(lines[0], logical[0]);
    assert!(lines[1].starts_with("\u{2066}\u{2068}المنصوري"), "{:?}", lines[1]);
    assert!(lines[2].starts_with("\u{2066}day"), "{:?}", lines[2]);
    assert_eq!(lines[3], "after", "every isolate was closed");
}

#[test]
fn a_long_failure_reason_is_shown_whole_across_pages_and_failed_codes_head_the_verdict() {
    let mut r = vector("chain-4party");
    let reason = format!("{} END-OF-REASON", "because of a long reason ".repeat(600));
    r.checks.push(crate::check::Check {
        code: crate::check::CheckCode::PayloadHashMismatch,
        level: crate::check::Level::Fail,
        message: reason,
        path: None,
        more: None,
    });
    let text = text_of(&r);
    assert!(text.contains("END-OF-REASON"), "the end of the reason, three pages on, is drawn");
    assert_eq!(text.matches("because of a long reason").count(), 600, "no line of it is dropped");
    let codes = text.find("Failed checks").expect("the failed codes");
    assert!(codes < text.find("Latest event").expect("the latest event"), "the codes come first");
}

#[test]
fn the_timeline_draws_only_the_lanes_a_band_uses_and_stays_on_the_page() {
    let mut r = vector("chain-4party");
    let signer = r.signers.first().cloned().expect("a signer");
    for i in 0..40u8 {
        let mut extra = signer.clone();
        extra.signer.fingerprint = crate::keys::Fingerprint([i; 32]);
        extra.signer.name = format!("Bystander {i}");
        r.signers.push(extra);
    }
    let (d, _) = super::layout(&r, &ctx());
    assert!(d.lowest() <= super::doc::BOTTOM, "drawn at {} on a page ending at {}", d.lowest(), super::doc::BOTTOM);
    let text = d.text();
    assert_eq!(text.matches("Bystander 7").count(), 1, "in the table of parties only, not as a lane of every band");
}

#[test]
fn a_band_with_more_parties_than_a_page_holds_says_how_many_are_not_drawn() {
    use super::timeline::{MAX_LANES, band_lanes};
    const { assert!(MAX_LANES >= 9, "a band of 8 events and a pending transfer fits") };
    let (lanes, hidden) = band_lanes((0..30).rev().chain([3, 3]).collect(), MAX_LANES);
    assert_eq!((lanes.len(), hidden), (MAX_LANES, 30 - MAX_LANES));
    assert_eq!(lanes.first(), Some(&0), "in the order of the parties' table");
    let said = crate::wording::court_report::lanes_not_drawn(crate::wording::court_report::Language::En, hidden);
    assert!(said.starts_with(&format!("{hidden} more party lane(s)")), "{said}");
}

/// Characters of the Arabic blocks that the Arabic font lacks but another embedded font draws.
fn arabic_range_only_other_fonts_draw() -> String {
    use super::fonts::{Face, has, is_arabic};
    (0x0600..=0xFEFF)
        .filter_map(char::from_u32)
        .filter(|c| is_arabic(*c) && !has(Face::Arabic, *c) && [Face::Sans, Face::Cjk].iter().any(|f| has(*f, *c)))
        .collect()
}

#[test]
fn hostile_strings_keep_the_pdf_pdf_a_as_krilla_validates_it() {
    let others = arabic_range_only_other_fonts_draw();
    assert!(!others.is_empty(), "the test needs such characters");
    let mut r = scaled(3, 100_000, "r", 1);
    let hostile = format!("دليل {others} \u{1F600}\u{10FFFD} {}", "x".repeat(40_000));
    r.summary = hostile.clone();
    r.items[0].label = hostile.clone();
    r.signers[0].signer.name = hostile;
    for lang in [crate::wording::court_report::Language::En, crate::wording::court_report::Language::Ar] {
        let mut ctx = ctx();
        ctx.languages = crate::wording::court_report::Languages { first: lang, second: None };
        let (d, meta) = super::layout(&r, &ctx);
        if let Ok((_, Some(e))) | Err(e) = d.finish(&meta) {
            panic!("{lang:?}: not PDF/A-2b: {e}");
        }
    }
}

#[test]
fn the_html_and_the_pdf_verdicts_name_the_same_damaged_items_and_failed_codes() {
    let r = vector("payload-modified");
    let damaged = crate::court_report::model::verdict_damaged(&r).items;
    assert!(!damaged.is_empty(), "the vector damages files");
    let mut html = Vec::new();
    crate::court_report::write_html(&r, &ctx(), &mut html).expect("HTML");
    let html = String::from_utf8(html).expect("UTF-8");
    let verdict = &html[..html.find("id=\"about\"").unwrap_or(html.len())];
    let pdf = text_of(&r);
    let pdf_verdict = &pdf[..pdf.find("About this report").unwrap_or(pdf.len())];
    for crate::verify::DamagedItem { id: item, files, .. } in &damaged {
        assert!(verdict.contains(item.as_str()) && pdf_verdict.contains(item.as_str()), "{item}");
        for f in files {
            assert!(verdict.contains(f.as_str()) && pdf_verdict.contains(f.as_str()), "{f}");
        }
    }
    for code in crate::court_report::model::failed_codes(&r) {
        assert!(verdict.contains(code) && pdf_verdict.contains(code), "{code}");
    }
}

#[test]
fn a_chinese_report_of_damaged_files_joins_its_verdict_and_items_with_chinese_punctuation() {
    use crate::wording::court_report::{Language, Languages};
    let r = vector("payload-modified");
    let damaged = crate::court_report::model::verdict_damaged(&r).items;
    let first = damaged.first().expect("the vector damages files");
    let codes = crate::court_report::model::failed_codes(&r);
    assert!(!codes.is_empty(), "the vector fails checks");
    for second in [None, Some(Language::En)] {
        let mut c = ctx();
        c.languages = Languages { first: Language::Zh, second };
        let mut html = Vec::new();
        crate::court_report::write_html(&r, &c, &mut html).expect("HTML");
        let html = String::from_utf8(html).expect("UTF-8");
        let verdict = &html[..html.find("id=\"about\"").unwrap_or(html.len())];
        let pdf = super::layout(&r, &c).0.text();
        for (what, text) in [("HTML", verdict), ("PDF", &pdf)] {
            let id = first.id.as_str();
            assert!(
                text.contains(&format!("{id}\u{ff1a}")) || text.contains(&format!("{id}</bdi>\u{ff1a}")),
                "{second:?} {what}: item, full-width colon"
            );
            assert!(!text.contains(&format!("{}: ", first.id)), "{second:?} {what}: no ASCII colon after the item");
            assert!(!text.contains(&format!("{}: ", codes[0])) && !text.contains(": payload."), "{second:?} {what}");
        }
        assert!(html.contains(&format!("\u{ff1a}<code>{}</code>", codes[0])), "{second:?}: the failed codes");
        assert!(!pdf.contains(&format!(": {}", codes[0])), "{second:?}: the PDF's failed codes");
    }
}

#[test]
fn damaged_files_beyond_those_the_verdict_names_are_counted_and_head_the_pdf_file_table() {
    let mut r = vector("payload-modified");
    let m = r.manifest.as_mut().expect("a manifest");
    let item = m.items.first_mut().expect("an item");
    let file = item.files.at(0).map(|f| f.to_record()).expect("a file");
    // 400 files, the last 15 damaged: the verdict names 10, the table lists 300.
    item.files = crate::manifest::Files::from_records(
        (0..400).map(|i| crate::manifest::FileRecord { path: format!("data/x/f{i:03}"), ..file.clone() }),
    )
    .expect("records");
    r.damaged = (385..400).map(|i| (format!("data/x/f{i:03}"), crate::check::CheckCode::PayloadHashMismatch)).collect();
    let damaged = crate::court_report::model::verdict_damaged(&r).items;
    let d = damaged.first().expect("a damaged item");
    assert_eq!((d.files.len(), d.more_files), (10, 5));
    let said = crate::wording::court_report::more_damaged_files(crate::wording::court_report::Language::En, 5);
    let said = said.split('(').next().expect("a sentence"); // the HTML escapes the apostrophe after it
    let mut html = Vec::new();
    crate::court_report::write_html(&r, &ctx(), &mut html).expect("HTML");
    assert!(String::from_utf8(html).expect("UTF-8").contains(said), "the HTML verdict counts them");
    let pdf = text_of(&r);
    assert!(pdf.contains(said), "the PDF verdict counts them");
    for i in 385..400 {
        assert!(pdf.contains(&format!("data/x/f{i:03}")), "damaged file {i} is listed in the PDF table");
    }
}

#[test]
fn a_pdf_the_validator_refuses_is_written_plain_with_the_validators_error() {
    let (d, mut meta) = super::layout(&vector("chain-4party"), &ctx());
    // A metadata string over PDF/A's 32,767 bytes (what the cut reference prevents).
    meta.title = "R".repeat(40_000);
    let (bytes, error) = d.finish(&meta).expect("a plain PDF");
    assert!(bytes.starts_with(b"%PDF-"));
    let error = error.expect("the validator's error is kept");
    assert!(error.contains("TooLongString"), "{error}");
    let said = crate::wording::court_report::pdf_not_archival(&error);
    assert!(said.contains("not PDF/A-2b") && said.contains(&error), "{said}");
}

#[test]
fn a_footer_title_too_wide_is_cut_by_its_width_and_ends_with_an_ellipsis() {
    use super::doc::{Style, fit};
    let wide = format!("Court report \u{2014} {}", "證據".repeat(40));
    let max = 400.0;
    let cut = fit(&wide, Style::SMALL, max);
    assert!(cut.ends_with('\u{2026}'), "{cut}");
    assert!(wide.starts_with(cut.trim_end_matches('\u{2026}')), "a prefix of the title: {cut}");
    assert!(super::fonts::width(&cut, Style::SMALL.face, Style::SMALL.size) <= max);
    assert!(cut.chars().count() > 40, "cut by width, not at the first word that does not fit: {cut}");
    assert_eq!(fit("Court report", Style::SMALL, max), "Court report", "a title that fits is whole");
}

impl super::doc::Line {
    /// Its pieces left to right as drawn: text (in logical order) and whether right to left.
    pub(super) fn pieces(&self) -> Vec<(String, bool)> {
        self.pieces.iter().map(|p| (p.text.clone(), p.rtl)).collect()
    }
}

impl super::doc::Doc {
    /// The lowest point anything is drawn at (text baselines, shapes' corners), on any page but
    /// in the footer.
    pub(super) fn lowest(&self) -> f32 {
        let mut low = 0.0f32;
        for op in self.pages.iter().flatten() {
            let y = match op {
                super::doc::Op::Text { y, .. } => *y,
                super::doc::Op::Rect { y, h, .. } => y + h,
                super::doc::Op::Line { y1, y2, .. } => y1.max(*y2),
                super::doc::Op::Shape { points, .. } => points.iter().map(|p| p.1).fold(0.0, f32::max),
            };
            low = low.max(y);
        }
        low
    }

    /// The text laid out, page after page: the pieces of one line joined, lines by a space.
    pub(super) fn text(&self) -> String {
        let mut out = String::new();
        let mut at: Option<f32> = None;
        for op in self.pages.iter().flatten() {
            if let super::doc::Op::Text { y, text, .. } = op {
                if at.is_some_and(|a| a != *y) {
                    out.push(' ');
                }
                at = Some(*y);
                out.push_str(text);
            }
        }
        out
    }
}

#[test]
fn a_label_too_long_for_its_place_ends_with_an_ellipsis_not_silently() {
    use super::doc::{Doc, Style};
    let mut d = Doc::new(false);
    let mark = crate::wording::court_report::refused_mark(crate::wording::court_report::Language::Fr, 12, 3);
    d.text_at(0.0, 10.0, 40.0, &mark, Style::SMALL.size(6.0));
    let shown = d.text();
    assert!(shown.ends_with('\u{2026}'), "cut with an ellipsis: {shown}");
    assert!(mark.starts_with(shown.trim_end_matches('\u{2026}')), "{shown} is the start of {mark}");
}

#[test]
fn a_hand_over_whose_transfer_is_in_an_earlier_band_keeps_its_refusal_cross() {
    use super::doc::{Doc, Op, RED};
    let mut r = vector("chain-4party");
    let (transfer, receipt) = r
        .timeline
        .iter()
        .find_map(|p| {
            p.handover
                .as_ref()
                .filter(|h| !h.items_not_accepted.is_empty())
                .map(|h| (h.transfer_sequence, p.began_with))
        })
        .expect("a hand-over that refused items");
    let at = r.events.iter().position(|e| e.sequence == transfer).expect("the transfer");
    let receipt_at = r.events.iter().position(|e| e.sequence == receipt).expect("the receipt");
    assert_eq!(receipt_at, at + 1, "the receipt follows its transfer");
    // Events before the transfer so that it ends the first band (8 columns) and its receipt
    // starts the second.
    let filler = r.events[0].clone();
    let fillers = (0..7usize.saturating_sub(at))
        .map(|i| crate::verify::EventReport { sequence: 1_000 + i as u64, ..filler.clone() });
    r.events.splice(0..0, fillers);
    let mut d = Doc::new(false);
    super::timeline::draw(&mut d, &r, crate::wording::court_report::Language::En);
    let crosses = d
        .pages
        .iter()
        .flatten()
        .filter(|op| matches!(op, Op::Line { color, width, .. } if *color == RED && *width == 2.0))
        .count();
    assert_eq!(crosses, 2, "the cross's two strokes are drawn");
}

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
        let (d, meta) = super::layout(&r, &ctx);
        // What the layout draws: no raw control or direction mark of a value (only the
        // isolates the report puts around values and its own sentences), the escapes shown,
        // nothing past the page's right edge however long a word.
        for op in d.pages.iter().flatten() {
            let super::doc::Op::Text { x, text, face, size, .. } = op else { continue };
            let raw: Vec<char> = text
                .chars()
                .filter(|c| crate::text::must_escape(*c) && !('\u{2066}'..='\u{2069}').contains(c))
                .collect();
            assert!(raw.is_empty(), "{lang}: raw {raw:?} drawn in {text:?}");
            let right = x + super::fonts::width(text, *face, *size);
            assert!(right <= super::doc::PAGE_W - super::doc::MARGIN + 1.0, "{lang}: {text:?} drawn to {right}");
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
        let runs = [super::Run::Term("no_such_word")];
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
            flat(&super::layout(&r, &ctx).0.text())
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
        let (d, _) = super::layout(&r, &ctx);
        let text = d.text();
        for what in ["label", "signer", "org", "purpose", "tsa"] {
            assert!(text.contains(&shown(what)), "{lang}: {what} escaped in the PDF");
        }
        assert!(
            !text.contains(['\u{202e}', '\u{200f}', '\u{2069}', '\u{2068}', '\u{61c}']),
            "{lang}: a raw control drawn"
        );
        for op in d.pages.iter().flatten() {
            let super::doc::Op::Text { text, .. } = op else { continue };
            assert!(!text.chars().any(crate::text::must_escape), "{lang}: raw {text:?} drawn");
        }
    }
}
