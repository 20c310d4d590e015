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
    (SHAPED.with(|n| n.get()), pdf)
}

/// A report of `items` items, a case reference of `reference` bytes, and a receipt that did
/// not accept any of them, each item named in a group of its own and all in one more.
fn scaled(items: usize, reference: usize) -> Report {
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
    let group = |items: Vec<String>| ItemException { status: ItemState::Rejected, reason: Some("r".into()), items };
    h.items_not_accepted = ids.iter().map(|i| group(vec![i.clone()])).collect();
    h.items_not_accepted.push(group(ids));
    r
}

#[test]
fn a_long_case_reference_and_many_items_cost_time_linear_in_them() {
    let (small, _) = shaped(&scaled(20, 1_000));
    let (big, _) = shaped(&scaled(2_000, 100_000));
    // The input grew a hundredfold; laying the reference out again on each page (the footer)
    // made it grow ten thousandfold.
    assert!(big < small * 150, "shaped {small} bytes for the small report, {big} for the large one");
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
