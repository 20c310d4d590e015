//! `custody report --out report.pdf`: the court report as PDF. A golden file of the example
//! case, byte for byte under a fixed clock (`UPDATE_GOLDEN=1` rewrites it), made in the same run
//! as the HTML report (which still matches its own golden file); PDF/A-2b; with the stock tools
//! CI installs (qpdf, poppler-utils): `qpdf --check` passes, `pdffonts` shows every font embedded,
//! `pdftotext` gives back the values, Chinese and Arabic included; a long file list summarised
//! with a note; refusals that write nothing. Without the tools (a developer's machine) the
//! checks that need them say so and are skipped; tests/report-pdf.sh renders every page.

use std::fs;
use std::path::Path;
use std::process::{Command as Std, Output};

use super::common::Scratch;

/// `tool args…` on `pdf`, or `None` (with a note) when the tool is not installed here.
fn tool(name: &str, args: &[&str], pdf: &Path) -> Option<Output> {
    match Std::new(name).args(args).arg(pdf).output() {
        Ok(o) => Some(o),
        Err(_) => {
            eprintln!("note: {name} is not installed: its check is skipped (CI installs it: .ci/run)");
            None
        }
    }
}

/// What every PDF report must be: a PDF/A-2b file that qpdf finds sound, every font embedded.
/// Returns pdftotext's text, if pdftotext is installed.
pub(crate) fn assert_sound(pdf: &Path) -> Option<String> {
    let bytes = fs::read(pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-1.7"), "a PDF");
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("<pdfaid:part>2</pdfaid:part>") && text.contains("<pdfaid:conformance>B"), "PDF/A-2b");
    if let Some(o) = tool("qpdf", &["--check"], pdf) {
        assert!(o.status.success(), "qpdf --check: {}", String::from_utf8_lossy(&o.stdout));
    }
    if let Some(o) = tool("pdffonts", &[], pdf) {
        let fonts = String::from_utf8_lossy(&o.stdout).into_owned();
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{fonts}");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            assert!(
                n >= 7 && cols[n - 5] == "yes" && cols[n - 3] == "yes",
                "font not embedded, or no ToUnicode: {row}"
            );
        }
    }
    tool("pdftotext", &["-enc", "UTF-8"], pdf).map(|_| {
        let txt = pdf.with_extension("txt");
        let t = fs::read_to_string(&txt).unwrap();
        fs::remove_file(txt).unwrap();
        t
    })
}

fn fonts_of(pdf: &Path) -> Option<String> {
    tool("pdffonts", &[], pdf).map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
}

#[test]
fn the_example_case_gives_the_golden_pdf_from_the_run_that_writes_the_html() {
    let d = Scratch::fixed_clock();
    let file = d.vector("mla-case");
    let stdout = d.ok(&["report", &file, "--out", "report.html", "--out", "report.pdf"]);
    let pdf = fs::read(d.path("report.pdf")).unwrap();
    let html = fs::read(d.path("report.html")).unwrap();
    for bytes in [&pdf, &html] {
        let sha = custody_core::Sha256Digest::of(bytes).hex();
        assert!(stdout.contains(&format!("SHA-256: {sha}")), "{stdout}");
    }
    let golden_html = fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/mla-case-report.html"));
    assert!(golden_html.is_ok_and(|g| g == html), "the HTML of the same run is the HTML report's golden file");
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/mla-case-report.pdf");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(&golden, &pdf).unwrap();
    }
    assert!(
        fs::read(&golden).unwrap() == pdf,
        "the PDF differs from {} (UPDATE_GOLDEN=1 rewrites it)",
        golden.display()
    );
    let json = d.ok(&["report", &file, "--out", "j.pdf", "--out", "j.html", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["outputs"][0]["pdf_a"], serde_json::json!(true), "the PDF says it is PDF/A-2b: {json}");
    assert!(json["outputs"][1].get("pdf_a").is_none(), "HTML claims no PDF conformance: {json}");
    d.ok(&["report", &file, "--out", "again.pdf"]);
    assert_eq!(fs::read(d.path("again.pdf")).unwrap(), pdf, "byte-stable");
    if let Some(text) = assert_sound(&d.path("report.pdf")) {
        for s in ["INTACT", "2026-J3-0412", "custody 0.1.0", "Council of Europe Convention on Cybercrime"] {
            assert!(text.contains(s), "{s:?} not in the PDF's text:\n{text}");
        }
    }
}

#[test]
fn chinese_and_arabic_values_and_labels_are_drawn_with_embedded_fonts() {
    let d = Scratch::fixed_clock();
    let name = "أحمد المنصوري";
    d.ok(&["keygen", "--out", "a.key", "--name", name, "--org", "公安局网络安全支队", "--role", "investigator"]
        .into_iter()
        .chain(["--jurisdiction", "CN"])
        .collect::<Vec<_>>());
    fs::write(d.path("证据.html"), "<p>x</p>\n").unwrap();
    d.ok(&["seal", "--key", "a.key", "--case-ref", "案件-2026-001", "--out", "case.zip", "证据.html"]);
    for lang in ["zh", "ar", "en"] {
        let out = format!("r-{lang}.pdf");
        d.ok(&["report", "case.zip", "--lang", lang, "--out", &out]);
        let pdf = d.path(&out);
        let text = assert_sound(&pdf);
        if let Some(fonts) = fonts_of(&pdf) {
            assert!(fonts.contains("DroidSansFallback"), "the CJK font, for the values: {fonts}");
            assert!(fonts.contains("NotoSansArabic"), "the Arabic font, for the values: {fonts}");
        }
        if let Some(text) = text {
            for s in ["案件-2026-001", "公安局网络安全支队", "证据.html"] {
                assert!(text.contains(s), "{lang}: {s:?} not in the PDF's text:\n{text}");
            }
            assert!(text.contains("أحمد") && text.contains("المنصوري"), "{lang}: the Arabic name:\n{text}");
        }
    }
}

#[test]
fn a_long_file_list_is_summarised_with_a_note_on_where_the_full_list_is() {
    let d = Scratch::fixed_clock();
    let keygen = ["keygen", "--out", "a.key", "--name", "A", "--org", "Police", "--role", "investigator"];
    d.ok(&[&keygen[..], &["--jurisdiction", "FR"]].concat());
    fs::create_dir_all(d.path("many")).unwrap();
    let n = custody_core::court_report::pdf::ITEM_FILES + 7;
    for i in 0..n {
        fs::write(d.path(&format!("many/{i:04}.txt")), format!("{i}\n")).unwrap();
    }
    d.ok(&["seal", "--key", "a.key", "--case-ref", "C-2", "--out", "many.zip", "many"]);
    d.ok(&["report", "many.zip", "--out", "many.pdf"]);
    if let Some(text) = assert_sound(&d.path("many.pdf")) {
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains("7 more file(s) of this item are not listed in this PDF"), "{flat}");
        assert!(flat.contains("0299.txt") && !flat.contains("0300.txt"), "the first files, then the note");
    }
}

#[test]
fn two_reports_of_one_format_are_refused_and_nothing_is_written() {
    let d = Scratch::fixed_clock();
    let file = d.vector("sealed");
    for outs in [["a.pdf", "b.PDF"], ["a.html", "b.htm"]] {
        let o = d.run(&["report", &file, "--out", outs[0], "--out", outs[1]]);
        assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(String::from_utf8_lossy(&o.stderr).contains("give --out at most twice"));
        assert!(!d.path(outs[0]).exists() && !d.path(outs[1]).exists());
    }
    fs::write(d.path("old.pdf"), "keep").unwrap();
    let o = d.run(&["report", &file, "--out", "new.html", "--out", "old.pdf"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(fs::read_to_string(d.path("old.pdf")).unwrap(), "keep");
    assert!(!d.path("new.html").exists(), "nothing written when one --out is refused");
    // A name whose extension is neither HTML's nor PDF's would be an HTML file misnamed.
    let o = d.run(&["report", &file, "--out", "r.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("r.txt: end the name in .html"));
    assert!(!d.path("r.txt").exists());
    d.ok(&["report", &file, "--out", "plain"]);
    assert!(fs::read_to_string(d.path("plain")).unwrap().starts_with("<!DOCTYPE html>"));
}
