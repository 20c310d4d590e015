//! `custody report --form`: the certification forms, as a person would receive them. Golden
//! files of each form, HTML and PDF, on the example case's vector under a fixed clock
//! (`UPDATE_GOLDEN=1` rewrites them), the Chinese record in Chinese and bilingual; a form on a
//! tampered bundle, written with the failure at the top (exit 1), and one whose signer is not
//! trusted, saying so; hostile names escaped; long lists (files, capture records, signature
//! blocks) capped with where the rest is; who fills the FRE declarant and the CN signature
//! blocks (a certification, a countersignature of the seal, the sealer by role, never a
//! countersignature of another event); refusals that write nothing. (Values of
//! 4,000 characters with text-direction controls, which the writers refuse, are the core
//! tests': `court_report/form/tests.rs`.)

use std::fs;
use std::path::Path;

use super::common::{Scratch, repo};
use super::court_report::assert_self_contained_in;
use super::court_report_pdf::assert_sound;

/// Where the FRE form's declaration is signed (required there), none for the other forms.
fn declared(form: &str) -> &'static [&'static str] {
    if form == "fre-902-14" { &["--declared", "outside-us"] } else { &[] }
}

/// Compares `bytes` with `tests/golden/NAME` (`UPDATE_GOLDEN=1` writes it).
fn golden(name: &str, bytes: &[u8]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(&path, bytes).unwrap();
    }
    let want = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 writes it)", path.display()));
    assert!(want == bytes, "{name} differs from its golden file: regenerate with UPDATE_GOLDEN=1 and review the diff");
}

/// The form on the example case, HTML and PDF from one run, twice (byte-stable), against its
/// golden files; returns the HTML.
fn form(form: &str, lang: Option<&str>, stem: &str) -> String {
    let d = Scratch::fixed_clock();
    let file = d.vector("mla-case");
    let mut args = vec!["report", &file, "--form", form, "--out", "f.html", "--out", "f.pdf"];
    if let Some(l) = lang {
        args.extend(["--lang", l]);
    }
    if form == "fre-902-14" {
        args.extend(["--declared", "outside-us"]);
    }
    let stdout = d.ok(&args);
    let (html, pdf) = (fs::read(d.path("f.html")).unwrap(), fs::read(d.path("f.pdf")).unwrap());
    for bytes in [&html, &pdf] {
        let sha = custody_core::Sha256Digest::of(bytes).hex();
        assert!(stdout.contains(&format!("SHA-256: {sha}")), "{stdout}");
    }
    assert!(stdout.contains(&format!("Form {form} written to f.html")), "{stdout}");
    let args: Vec<&str> = args
        .iter()
        .map(|a| {
            if *a == "f.html" {
                "g.html"
            } else if *a == "f.pdf" {
                "g.pdf"
            } else {
                a
            }
        })
        .collect();
    d.ok(&args);
    assert_eq!(fs::read(d.path("g.html")).unwrap(), html, "deterministic under SOURCE_DATE_EPOCH");
    assert_eq!(fs::read(d.path("g.pdf")).unwrap(), pdf, "byte-stable");
    golden(&format!("{stem}.html"), &html);
    // The bilingual record's PDF is held to be byte-stable above, not kept as a golden file.
    if lang.is_none() {
        golden(&format!("{stem}.pdf"), &pdf);
    }
    let html = String::from_utf8(html).unwrap();
    let first = lang.map_or(if form == "cn-extraction-record" { "zh" } else { "en" }, |l| &l[..2]);
    assert_self_contained_in(&html, first, "ltr");
    if let Some(text) = assert_sound(&d.path("f.pdf")) {
        assert!(text.contains("2026-J3-0412"), "the case reference in the PDF's text:\n{text}");
    }
    html
}

#[test]
fn the_fre_certification_of_the_example_case_states_process_hashes_and_declaration() {
    let html = form("fre-902-14", None, "mla-case-form-fre-902-14");
    let order = ["1. The declarant", "2. The process", "3. Digital identification", "4. Declaration", "Legal sources"];
    let at: Vec<usize> = order.iter().map(|s| html.find(s).unwrap_or_else(|| panic!("no {s}"))).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    // The declarant from the hash certification sealed with the manifest, the capture tool,
    // every file with its digest as verified, and the declaration made outside the United
    // States (--declared outside-us), without §3505 (an investigator's capture, not a foreign
    // business's records).
    for s in [
        "<bdi>Alice Martin</bdi>",
        "<bdi>ArchiveWeb.page</bdi>",
        "b287d2e9d590fc8dcabd3b9cf7b30b0428e1f805cfc5a278f587ccb60e7dc602",
    ] {
        assert!(html.contains(s), "{s}");
    }
    assert_eq!(html.matches("matches the value recorded at sealing").count(), 6);
    assert!(html.contains("§1746(1), executed outside the United States") && !html.contains("§3505"));
    assert!(!html.contains("WARNING"), "an intact bundle");

    let d = Scratch::fixed_clock();
    let file = d.vector("mla-case");
    d.ok(&["report", &file, "--form", "fre-902-14", "--declared", "within-us", "--out", "us.html"]);
    let us = fs::read_to_string(d.path("us.html")).unwrap();
    assert!(us.contains("(28 U.S.C. §1746(2))") && !us.contains("§3505"), "within the United States");

    // A foreign business's records: §3505(a)(1)(A)-(D) inside the declaration, the §1746
    // sentence last before "Executed on", and the §3505(b) notice.
    let args = ["report", &file, "--form", "fre-902-14", "--declared", "outside-us", "--foreign-business-records"];
    d.ok(&[&args[..], &["--out", "biz.html"]].concat());
    let biz = fs::read_to_string(d.path("biz.html")).unwrap();
    let order = [
        "4. Declaration",
        "foreign certification under 18 U.S.C. §3505",
        "(D) if it is not the original",
        "§1746(1)",
        "Executed on",
    ];
    let at: Vec<usize> = order.iter().map(|s| biz.find(s).unwrap_or_else(|| panic!("no {s}"))).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    assert!(biz.contains("18 U.S.C. §3505(b)"), "the notice");

    // Where the declaration is signed is required, the option named; nothing written.
    let o = d.run(&["report", &file, "--form", "fre-902-14", "--out", "none.html"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("--declared within-us or --declared outside-us"), "{err}");
    assert!(!d.path("none.html").exists());
    let o = d.run(&["report", &file, "--form", "mla-execution", "--foreign-business-records", "--out", "x.html"]);
    assert_eq!(o.status.code(), Some(2), "an FRE-only option with another form");
}

#[test]
fn the_chinese_extraction_record_in_chinese_and_bilingual() {
    let html = form("cn-extraction-record", None, "mla-case-form-cn-extraction-record");
    for s in [
        "电子数据提取笔录",
        "案由",
        "提取对象",
        "提取时间",
        "提取地点",
        "提取方法",
        "录像文件",
        "电子数据固定清单",
        "完整性校验值",
    ] {
        assert!(html.contains(s), "{s}");
    }
    assert!(html.contains("<h3>侦查人员 1</h3>") && html.contains("<h3>侦查人员 2</h3>"), "two investigators at least");
    assert!(html.contains("<h3>见证人或电子数据持有人（提供人） 1</h3>"));
    assert!(html.contains("第十四条") && !html.contains("lang=\"en\""), "Chinese only");
    let both = form("cn-extraction-record", Some("zh,en"), "mla-case-form-cn-extraction-record-zh-en");
    assert!(both.contains("案由 <span class=\"tr\" lang=\"en\" dir=\"ltr\">/ Cause of the case</span>"));
    assert_eq!(
        both.matches("<bdi>2026-J3-0412</bdi>").count(),
        html.matches("<bdi>2026-J3-0412</bdi>").count(),
        "values once"
    );
}

#[test]
fn the_execution_certificate_states_request_what_is_sent_conditions_and_chain() {
    let html = form("mla-execution", None, "mla-case-form-mla-execution");
    let order = [
        "1. The request",
        "2. What was executed",
        "3. What is sent",
        "4. Conditions on use",
        "5. Custody chain",
        "6. Certification",
    ];
    let at: Vec<usize> = order.iter().map(|s| html.find(s).unwrap_or_else(|| panic!("no {s}"))).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    let sha = custody_core::Sha256Digest::of(
        &fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/mla-case.zip")).unwrap(),
    )
    .hex();
    assert!(html.contains(&sha), "the bundle's SHA-256");
    assert!(html.contains("Official seal or stamp"));
}

#[test]
fn a_form_on_a_tampered_bundle_is_written_with_the_failure_at_the_top() {
    let d = Scratch::fixed_clock();
    let file = d.vector("payload-modified");
    for (form, lang, warning) in [
        ("fre-902-14", "en", "WARNING: THIS BUNDLE DID NOT VERIFY INTACT"),
        ("cn-extraction-record", "zh", "警告：本证据包未通过完整性验证"),
        ("mla-execution", "en", "WARNING: THIS BUNDLE DID NOT VERIFY INTACT"),
    ] {
        let out = format!("{form}.html");
        let pdf = format!("{form}.pdf");
        let o = d.run(&[&["report", &file, "--form", form, "--out", &out, "--out", &pdf][..], declared(form)].concat());
        assert_eq!(o.status.code(), Some(1), "a negative verdict: {}", String::from_utf8_lossy(&o.stderr));
        let html = fs::read_to_string(d.path(&out)).unwrap();
        assert_self_contained_in(&html, lang, "ltr");
        let w = html.find(warning).unwrap_or_else(|| panic!("{form}: no warning"));
        assert!(w < html.find("<h2>").unwrap(), "{form}: the warning comes first");
        assert!(html.contains("<code><bdi>payload.hash_mismatch</bdi></code>"), "{form}: the failed code");
        assert!(html.contains("<tr class=\"fail\">"), "{form}: the damaged file marked");
        if let Some(text) = assert_sound(&d.path(&format!("{form}.pdf"))) {
            assert!(text.contains("payload.hash_mismatch"), "{form}: {text}");
        }
    }
}

#[test]
fn hostile_names_are_escaped_and_a_long_file_list_is_capped() {
    let d = Scratch::fixed_clock();
    let name = "Eve <script>alert(1)</script></bdi>";
    d.ok(&[
        "keygen",
        "--out",
        "eve.key",
        "--name",
        name,
        "--org",
        "Org </bdi><b>",
        "--role",
        "investigator",
        "--jurisdiction",
        "US",
    ]);
    fs::create_dir(d.path("many")).unwrap();
    for i in 0..1_003 {
        fs::write(d.path(&format!("many/f{i:04}.txt")), format!("{i}\n")).unwrap();
    }
    let long = format!("C-<i>{}", "x".repeat(240));
    d.ok(&["seal", "--key", "eve.key", "--case-ref", &long, "--out", "case.zip", "many"]);
    for form in ["fre-902-14", "mla-execution", "cn-extraction-record"] {
        let out = format!("{form}.html");
        let pdf = format!("{form}.pdf");
        d.ok(&[&["report", "case.zip", "--form", form, "--out", &out, "--out", &pdf][..], declared(form)].concat());
        let html = fs::read_to_string(d.path(&out)).unwrap();
        let first = if form == "cn-extraction-record" { "zh" } else { "en" };
        assert_self_contained_in(&html, first, "ltr");
        assert!(!html.contains("<script") && !html.contains("<i>") && !html.contains("<b>"), "{form}");
        assert!(html.contains(&format!("C-&lt;i&gt;{}", "x".repeat(240))), "{form}: the whole reference, escaped");
        let ok = if first == "zh" { "与封存时记录的值一致" } else { "matches the value recorded at sealing" };
        assert_eq!(html.matches(ok).count(), 1_000, "{form}: 1000 files listed");
        let more = if first == "zh" { "另有 3 个文件" } else { "3 more file(s), listed in the attached manifest" };
        assert!(html.contains(more), "{form}: where the rest are");
        assert_sound(&d.path(&format!("{form}.pdf")));
    }
    let fre = fs::read_to_string(d.path("fre-902-14.html")).unwrap();
    // The sealer's jurisdiction is US, but the declaration is where --declared says it is signed.
    assert!(fre.contains("§1746(1), executed outside the United States") && !fre.contains("(28 U.S.C. §1746(2))"));
}

#[test]
fn a_form_in_a_language_it_is_not_written_in_is_refused_and_writes_nothing() {
    let d = Scratch::fixed_clock();
    let file = d.vector("mla-case");
    for (form, lang, valid) in [
        ("fre-902-14", "zh", "give --lang en ("),
        ("cn-extraction-record", "en", "give --lang zh or zh,en ("),
        ("mla-execution", "fr,en", "give --lang en or en,zh or zh or zh,en ("),
    ] {
        let o = d
            .run(&[&["report", &file, "--form", form, "--lang", lang, "--out", "x.html"][..], declared(form)].concat());
        assert_eq!(o.status.code(), Some(2), "{form} {lang}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(&format!("cannot be written in {lang}")) && err.contains(valid), "{err}");
        assert!(!d.path("x.html").exists());
    }
    let o = d.run(&["report", &file, "--form", "mla-execution", "--declared", "within-us", "--out", "x.html"]);
    assert_eq!(o.status.code(), Some(2), "a declaration only the FRE form has");
    assert!(!d.path("x.html").exists());
    let o = d.run(&["report", &file, "--form", "fre", "--out", "x.html"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("fre-902-14, cn-extraction-record, mla-execution"));
    let o = d.run(&["report", &file, "--form", "mla-execution", "--record", "--key", "k", "--out", "x.html"]);
    assert_eq!(o.status.code(), Some(2), "a form is not recorded as the verification report");
    assert!(!d.path("x.html").exists());
}

/// pdftotext's text of `pdf`, pages separated by form feeds; `None` (saying so) when pdftotext
/// is not installed, a failure when CUSTODY_REQUIRE_PDF_TOOLS is set (CI: .ci/run).
fn pdf_pages(pdf: &Path) -> Option<Vec<String>> {
    let o = std::process::Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(pdf).arg("-").output();
    match o {
        Ok(o) => {
            assert!(o.status.success(), "pdftotext: {}", String::from_utf8_lossy(&o.stderr));
            let text = String::from_utf8(o.stdout).unwrap();
            Some(text.split('\u{c}').filter(|p| !p.trim().is_empty()).map(str::to_owned).collect())
        }
        Err(_) => {
            assert!(
                std::env::var_os("CUSTODY_REQUIRE_PDF_TOOLS").is_none(),
                "pdftotext is required here (CUSTODY_REQUIRE_PDF_TOOLS is set) but cannot be run"
            );
            eprintln!("note: pdftotext is not installed: the PDF's page text is not checked (CI installs it: .ci/run)");
            None
        }
    }
}

#[test]
fn every_page_of_a_form_on_a_bundle_not_verified_intact_warns_and_its_signature_page_too() {
    let d = Scratch::fixed_clock();
    let file = d.vector("signature-swapped");
    for (form, warning, sign) in [
        ("fre-902-14", "WARNING: THIS BUNDLE DID NOT VERIFY INTACT", "not to be signed as it stands"),
        ("cn-extraction-record", "警告：本证据包未通过完整性验证", "请勿按现状签署"),
        ("mla-execution", "WARNING: THIS BUNDLE DID NOT VERIFY INTACT", "not to be signed as it stands"),
    ] {
        let out = format!("{form}.pdf");
        let o = d.run(&[&["report", &file, "--form", form, "--out", &out][..], declared(form)].concat());
        assert_eq!(o.status.code(), Some(1), "{form}: {}", String::from_utf8_lossy(&o.stderr));
        let Some(pages) = pdf_pages(&d.path(&out)) else { continue };
        assert!(pages.len() >= 2, "{form}: {} page(s)", pages.len());
        for (n, p) in pages.iter().enumerate() {
            assert!(p.contains(warning), "{form}: page {} without the warning: {p}", n + 1);
            assert!(p.contains(sign), "{form}: page {} without 'do not sign': {p}", n + 1);
        }
        let last = pages.last().unwrap();
        assert!(!last.contains("matches the value recorded at sealing"), "{form}: {last}");
        // The warning stands above the signature lines, not only in the footer.
        let above = last.find(warning).unwrap();
        let footer = last.rfind(warning).unwrap();
        assert!(above < footer, "{form}: the last page warns only in its footer: {last}");
    }
}

/// A sealed bundle `case.zip` of one file, sealed by Alice Martin (an investigator's key).
fn sealed(d: &Scratch) {
    d.keygen("alice", "Alice Martin");
    d.write("note.txt", "a capture\n");
    d.ok(&["seal", "--key", "alice.key", "--case-ref", "C-1", "--out", "case.zip", "note.txt"]);
}

/// The text of the section of `html` that starts at `from` and ends at the next `<h2>`.
fn section<'a>(html: &'a str, from: &str) -> &'a str {
    let at = html.find(from).unwrap_or_else(|| panic!("no {from}"));
    let rest = &html[at + from.len()..];
    &rest[..rest.find("<h2>").unwrap_or(rest.len())]
}

#[test]
fn the_fre_declarant_is_filled_only_from_a_certification_or_a_qualified_countersignature_of_the_seal() {
    let d = Scratch::fixed_clock();
    sealed(&d);
    // A witness's countersignature of the seal, and an investigator's of a later event: neither
    // makes a declarant of the process or of the copies.
    let witness = ["countersign", "case.zip", "--key", "alice.key", "--event", "0", "--capacity", "witness"];
    d.ok(&[&witness[..], &["--statement", "I watched the capture."]].concat());
    d.ok(&["countersign", "case.zip", "--key", "alice.key", "--event", "1", "--capacity", "investigator"]);
    d.ok(&["report", "case.zip", "--form", "fre-902-14", "--declared", "within-us", "--out", "blank.html"]);
    let html = fs::read_to_string(d.path("blank.html")).unwrap();
    let declarant = section(&html, "1. The declarant");
    assert!(declarant.contains("<div class=\"fill\"><span>Name</span>"), "{declarant}");
    assert!(!declarant.contains("Alice Martin") && !html.contains("I watched the capture."), "{declarant}");
    // What the declarant certifies, first person: an accurate process; identical copies (intact).
    assert!(html.contains("produces an accurate result") && html.contains("the hash values are identical"));
    // A plain seal records no capture process: the declarant does not certify an environment or
    // a clock source the bundle does not hold, and describes the process by hand.
    let process = section(&html, "2. The process");
    assert!(!process.contains("environment and with the clock source"), "{process}");
    assert!(process.contains("For 1 item(s) the bundle records no capture process"), "{process}");
    assert!(process.contains("<div class=\"fill\"><span>How the items without a capture record"), "{process}");

    // An examiner's countersignature of the seal: the declarant.
    let examiner = ["countersign", "case.zip", "--key", "alice.key", "--event", "0", "--capacity", "examiner"];
    d.ok(&[&examiner[..], &["--statement", "I compared the digests."]].concat());
    d.ok(&["report", "case.zip", "--form", "fre-902-14", "--declared", "within-us", "--out", "filled.html"]);
    let html = fs::read_to_string(d.path("filled.html")).unwrap();
    let declarant = section(&html, "1. The declarant");
    assert!(declarant.contains("<dd><bdi>Alice Martin</bdi></dd>"), "{declarant}");
    assert!(declarant.contains("I compared the digests.") && declarant.contains("examiner"), "{declarant}");
}

#[test]
fn a_form_on_a_bundle_not_verified_intact_certifies_no_identity_of_the_copies() {
    let d = Scratch::fixed_clock();
    let from = repo().join("tests/vectors/payload-modified.zip");
    fs::copy(from, d.path("bad.zip")).unwrap();
    d.status(1, &["report", "bad.zip", "--form", "fre-902-14", "--declared", "outside-us", "--out", "bad.html"]);
    let html = fs::read_to_string(d.path("bad.html")).unwrap();
    assert!(!html.contains("the hash values are identical"), "no identity certified on a damaged bundle");
    assert!(html.contains("no identity of the copies is certified"));
    assert!(!html.contains("I certify that the records"), "no accurate process certified on a damaged bundle");
    assert!(html.contains("no accurate result of the process is certified"));
    // The warning names the failed checks once, and quotes no summary pointing elsewhere.
    assert_eq!(html.matches("Failed checks").count() + html.matches("failed checks").count(), 1, "{html}");
    assert!(!html.contains("listed below"), "{html}");
}

#[test]
fn the_chinese_record_places_signatories_by_role_and_by_countersignatures_of_the_seal() {
    let d = Scratch::fixed_clock();
    sealed(&d);
    d.keygen("bob", "Bob Durand");
    // Alice countersigns her own seal as second investigator: one key fills one block only.
    let own = ["countersign", "case.zip", "--key", "alice.key", "--event", "0", "--capacity", "second-investigator"];
    d.ok(&own);
    // Bob, who does not hold custody, countersigns the seal as witness and event 1 as second
    // investigator: packages Alice adds.
    for (event, capacity) in [("0", "witness"), ("1", "second-investigator")] {
        let pkg = format!("bob-{event}.custody-statement");
        d.ok(&[
            "countersign",
            "case.zip",
            "--key",
            "bob.key",
            "--event",
            event,
            "--capacity",
            capacity,
            "--package",
            &pkg,
        ]);
        d.ok(&["add", "case.zip", "--key", "alice.key", &pkg]);
    }
    d.ok(&["report", "case.zip", "--form", "cn-extraction-record", "--out", "cn.html"]);
    let html = fs::read_to_string(d.path("cn.html")).unwrap();
    // The sealer (an investigator's key) is investigator 1; the witness's countersignature of the
    // seal fills the witness block; the countersignature of event 1 fills nothing.
    let inv = section(&html, "<h2>侦查人员</h2>");
    assert!(inv.contains("<bdi>Alice Martin</bdi>") && inv.contains("#0 "), "{inv}");
    assert_eq!(inv.matches("<bdi>Alice Martin</bdi>").count(), 1, "Alice's key fills one block: {inv}");
    assert!(!inv.contains("#1 ") && !inv.contains("#3 ") && inv.contains("<h3>侦查人员 2</h3>"), "2 blank: {inv}");
    let wit = section(&html, "<h2>见证人或电子数据持有人（提供人）</h2>");
    assert!(wit.contains("#2 ") && wit.contains("<dd>见证人</dd>") && wit.contains("Bob Durand"), "{wit}");
    // No place from a countersignature; the record's fields of SPP 2021 art. 37 and art. 14.
    assert!(html.contains("<div class=\"fill\"><span>提取地点</span>"), "a line to fill");
    for s in ["提取内容", "第七条", "第三十七条"] {
        assert!(html.contains(s), "{s}");
    }
    assert!(!html.contains("第十六条"), "art. 16 governs examination, not extraction");
    // Chinese words only, outside values: no English vocabulary shown.
    for s in ["investigator", "witness", ">file<", "web page"] {
        assert!(!html.contains(s), "{s} in the Chinese record");
    }

    // A sealer whose key is a witness's is placed among the witnesses, not as investigator 1.
    let w = Scratch::fixed_clock();
    w.ok(&[
        "keygen",
        "--out",
        "wei.key",
        "--name",
        "Wei Zhang",
        "--org",
        "Notary",
        "--role",
        "witness",
        "--jurisdiction",
        "CN",
    ]);
    w.write("note.txt", "a capture\n");
    w.ok(&["seal", "--key", "wei.key", "--case-ref", "C-1", "--out", "case.zip", "note.txt"]);
    w.ok(&["report", "case.zip", "--form", "cn-extraction-record", "--out", "cn.html"]);
    let html = fs::read_to_string(w.path("cn.html")).unwrap();
    assert!(!section(&html, "<h2>侦查人员</h2>").contains("Wei Zhang"));
    assert!(section(&html, "<h2>见证人或电子数据持有人（提供人）</h2>").contains("<bdi>Wei Zhang</bdi>"));
}

#[test]
fn capture_records_and_signature_blocks_are_capped_with_how_many_more() {
    use custody_core::court_report::form::{FORM_ITEMS, FORM_SIGNATURES};
    let d = Scratch::fixed_clock();
    d.keygen("alice", "Alice Martin");
    let mut args: Vec<String> =
        ["seal", "--key", "alice.key", "--case-ref", "C-1", "--out", "case.zip"].map(String::from).to_vec();
    for i in 0..=FORM_ITEMS {
        args.push(d.write(&format!("n{i:03}.txt"), &format!("{i}\n")).display().to_string());
    }
    d.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    // The sealer and FORM_SIGNATURES investigators' countersignatures of the seal, each with its
    // own key (a key fills one block only): one too many.
    let mut add: Vec<String> = ["add", "case.zip", "--key", "alice.key"].map(String::from).to_vec();
    for k in 0..FORM_SIGNATURES {
        let name = format!("inv{k}");
        d.keygen(&name, &format!("Investigator {k}"));
        let (key, pkg) = (format!("{name}.key"), format!("{name}.custody-statement"));
        d.ok(&[
            "countersign",
            "case.zip",
            "--key",
            &key,
            "--event",
            "0",
            "--capacity",
            "investigator",
            "--package",
            &pkg,
        ]);
        add.push(pkg);
    }
    d.ok(&add.iter().map(String::as_str).collect::<Vec<_>>());
    for (form, item_label, more_items, more_signatures) in [
        ("fre-902-14", "<dt>Item</dt>", "1 more item(s), each described", None),
        ("mla-execution", "<dt>Item</dt>", "1 more item(s), each described", None),
        ("cn-extraction-record", "", "另有 1 个证据项", Some("另有 1 个会签")),
    ] {
        let out = format!("{form}.html");
        let pdf = format!("{form}.pdf");
        d.ok(&[&["report", "case.zip", "--form", form, "--out", &out, "--out", &pdf][..], declared(form)].concat());
        let html = fs::read_to_string(d.path(&out)).unwrap();
        if !item_label.is_empty() {
            assert_eq!(html.matches(item_label).count(), FORM_ITEMS, "{form}: capture records capped");
        }
        assert!(html.contains(more_items), "{form}: how many more items");
        if let Some(more) = more_signatures {
            assert_eq!(html.matches("<h3>侦查人员 ").count(), FORM_SIGNATURES, "{form}: signature blocks capped");
            assert!(html.contains(more), "{form}: how many more signed");
            let content = section(&html, "<dt>提取内容</dt>");
            let content = &content[..content.find("</dd>").unwrap()];
            assert!(
                content.contains("<bdi>item-100</bdi>\u{ff1a}") && !content.contains("<bdi>item-101</bdi>"),
                "{form}"
            );
        }
        assert_sound(&d.path(&pdf));
    }
}

#[test]
fn a_form_on_a_bundle_whose_signer_is_not_trusted_says_so_not_that_it_is_damaged() {
    let d = Scratch::fixed_clock();
    sealed(&d);
    d.keygen("bob", "Bob Martin");
    d.ok(&["trust", "add", "bob.key.pub", "--file", "trusted.txt"]);
    for (form, lang, headline, damaged) in [
        (
            "mla-execution",
            "en",
            "A SIGNER OR TIMESTAMP AUTHORITY OF THIS BUNDLE IS NOT IN THE TRUST LIST",
            "DID NOT VERIFY INTACT",
        ),
        ("cn-extraction-record", "zh", "本证据包至少有一个签署人或时间戳机构不在信任列表中", "未通过完整性验证"),
    ] {
        let out = format!("{form}.html");
        d.status(1, &["report", "case.zip", "--form", form, "--trust", "trusted.txt", "--out", &out]);
        let html = fs::read_to_string(d.path(&out)).unwrap();
        assert_self_contained_in(&html, lang, "ltr");
        assert!(html.contains(headline) && !html.contains(damaged), "{form}: {html}");
        assert!(html.contains("<code><bdi>trust.signer_unknown</bdi></code>"), "{form}: the failed code");
    }
    d.status(
        1,
        &[
            "report",
            "case.zip",
            "--form",
            "fre-902-14",
            "--declared",
            "within-us",
            "--trust",
            "trusted.txt",
            "--out",
            "fre.html",
        ],
    );
    let fre = fs::read_to_string(d.path("fre.html")).unwrap();
    assert!(fre.contains("matches the value in the manifest, whose signature verified"), "{fre}");
    assert!(!fre.contains("the hash values are identical"), "no identity certified for an unvouched signer");
}

#[test]
fn the_fre_form_certifies_no_identical_copy_of_a_file_disposed_of() {
    let d = Scratch::fixed_clock();
    fs::copy(repo().join("tests/vectors/disposition-destroyed.zip"), d.path("case.zip")).unwrap();
    d.ok(&["report", "case.zip", "--form", "fre-902-14", "--declared", "within-us", "--out", "fre.html"]);
    let html = fs::read_to_string(d.path("fre.html")).unwrap();
    let hash = section(&html, "3. Digital identification");
    // The destroyed file is listed as not in the bundle; only the files listed as matching are
    // certified identical, and the certification says the disposed one was not compared.
    assert!(hash.contains("video.mp4") && hash.contains("not in this bundle (returned or destroyed)"), "{hash}");
    assert!(!hash.contains("each copy is identical"), "{hash}");
    assert!(hash.contains("each file listed below as matching the value recorded at sealing"), "{hash}");
    assert!(
        hash.contains("The 1 file(s) listed below as not in this bundle (returned or destroyed) were not compared")
    );
}

#[test]
fn a_not_trusted_form_names_the_signers_not_in_the_trust_list_not_the_sealer() {
    let d = Scratch::fixed_clock();
    let v = repo().join("tests/vectors");
    fs::copy(v.join("chain-4party.zip"), d.path("chain.zip")).unwrap();
    fs::copy(v.join("keys/trusted-alice.txt"), d.path("trusted.txt")).unwrap();
    // Alice sealed and is trusted; Bo, Chen and Dana, who signed later events, are not.
    for (form, headline, who) in [
        (
            "mla-execution",
            "A SIGNER OR TIMESTAMP AUTHORITY OF THIS BUNDLE IS NOT IN THE TRUST LIST",
            "Signers not in the trust list: ",
        ),
        (
            "cn-extraction-record",
            "本证据包至少有一个签署人或时间戳机构不在信任列表中",
            "不在信任列表中的签署人\u{ff1a}",
        ),
    ] {
        let out = format!("{form}.html");
        d.status(1, &["report", "chain.zip", "--form", form, "--trust", "trusted.txt", "--out", &out]);
        let html = fs::read_to_string(d.path(&out)).unwrap();
        assert!(html.contains(headline), "{form}: {html}");
        assert!(!html.contains("THE SIGNER OF THIS BUNDLE") && !html.contains("who sealed the bundle"), "{form}");
        assert!(!html.contains("本证据包的签署人不在") && !html.contains("封存人或封存时间未获担保"), "{form}");
        let at = html.find(who).unwrap_or_else(|| panic!("{form}: no {who}: {html}"));
        let line = &html[at..at + html[at..].find("</p>").unwrap_or(html.len() - at)];
        for name in ["Bo Li", "Chen Yu", "Dana Schmidt"] {
            assert!(line.contains(&format!("<bdi>{name}</bdi>")), "{form}: {name} named: {line}");
        }
        assert!(!line.contains("Alice Wang"), "{form}: the trusted sealer is not named untrusted: {line}");
    }
}
