//! The PDF report against what a hostile bundle controls: every count and size (long values,
//! many items, parties and files, cut labels, the timeline's lanes and pages). Reports of the
//! test vectors (`tests/vectors`, from `cargo run --example make-vectors`) with values made as
//! large as the bundle could make them. Hostile values and the reader's language: [`values`].

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

mod values;
