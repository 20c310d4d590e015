//! `custody report`: the court report as one self-contained HTML file. A golden file of the
//! example case's vector, byte for byte under a fixed clock (`UPDATE_GOLDEN=1` rewrites it);
//! the report of an invalid bundle (exit 1, still written); hostile names and values shown
//! escaped, isolated and never as markup; nothing that could make a request; the JSON output
//! against its schema; refusals that write nothing.

use std::fs;
use std::io::Cursor;
use std::path::Path;

use custody_core::archive::{Archive, testing::ArchiveWriter};
use serde_json::Value;

use super::common::{Scratch, repo};

/// `custody report BUNDLE --out OUT` in `d`, expecting `code`; returns the HTML and stdout.
fn report(d: &Scratch, bundle: &str, out: &str, code: i32) -> (String, String) {
    report_in(d, bundle, out, code, "en")
}

/// `custody report BUNDLE --out OUT --lang LANG` in `d`, expecting `code`.
fn report_in(d: &Scratch, bundle: &str, out: &str, code: i32, lang: &str) -> (String, String) {
    let stdout = d.status(code, &["report", bundle, "--out", out, "--lang", lang]);
    (fs::read_to_string(d.path(out)).unwrap(), stdout)
}

/// What every report must be: a CSP that forbids every request, no script, nothing that
/// refers outside the file, every `<bdi>` closed by the writer (none opened or closed by a
/// value), no raw control or text-direction character but the picture's isolates of values.
fn assert_self_contained(html: &str) {
    assert_self_contained_in(html, "en", "ltr");
}

/// [`assert_self_contained`], for a report in `lang` written in direction `dir`.
pub(crate) fn assert_self_contained_in(html: &str, lang: &str, dir: &str) {
    let start = format!("<!DOCTYPE html>\n<html lang=\"{lang}\" dir=\"{dir}\">");
    assert!(html.starts_with(&start), "{}", html.get(..80).unwrap_or(html));
    assert!(html.contains(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
    ));
    let lower = html.to_lowercase();
    for bad in ["<script", "<iframe", "<link", "<img", "<object", "<embed", " src=", " href=", "url(http", "@import"] {
        assert!(!lower.contains(bad), "the report holds {bad:?}");
    }
    assert_eq!(html.matches("<bdi").count(), html.matches("</bdi>").count(), "every <bdi> closed");
    // No raw control or direction character but the isolates the timeline picture writes
    // around a value (U+2068 … U+2069, closed, with no markup in them).
    if let Some(at) = custody_core::court_report::html::stray_control(html) {
        let from = html.floor_char_boundary(at.saturating_sub(80));
        panic!("a raw control character at byte {at}: {:?}", &html[from..html.ceil_char_boundary(at + 8)]);
    }
}

/// The report of a vector, under the fixed clock, checked for what every report must be and
/// compared byte for byte with `tests/golden/<vector>-report.html` (`UPDATE_GOLDEN=1` writes
/// it). Returns the HTML.
fn golden(vector: &str) -> String {
    golden_in(vector, "en")
}

/// [`golden`] with `--lang LANG`: `tests/golden/<vector>-report-<lang>.html` (`fr,en` as
/// `fr-en`; English as `<vector>-report.html`).
fn golden_in(vector: &str, lang: &str) -> String {
    let d = Scratch::fixed_clock();
    let file = format!("{vector}.zip");
    fs::copy(repo().join("tests/vectors").join(&file), d.path(&file)).unwrap();
    let (html, stdout) = report_in(&d, &file, "report.html", 0, lang);
    let sha = custody_core::Sha256Digest::of(html.as_bytes()).hex();
    assert!(stdout.contains(&format!("SHA-256: {sha}")), "{stdout}");
    let first = lang.split(',').next().unwrap_or(lang);
    assert_self_contained_in(&html, first, if first == "ar" { "rtl" } else { "ltr" });
    // The content the issue asks for, in its order.
    let order = [
        "id=\"verdict\"",
        "id=\"restrictions\"",
        "id=\"case\"",
        "id=\"items\"",
        "id=\"statements\"",
        "id=\"timeline\"",
        "id=\"checks\"",
        "id=\"appendix\"",
    ];
    let at: Vec<usize> = order.iter().map(|s| html.find(s).unwrap_or_else(|| panic!("no {s}"))).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    assert!(html.contains("</dt><dd>2026-12-01T00:00:00Z"), "the report's time");
    assert!(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    let (again, _) = report_in(&d, &file, "again.html", 0, lang);
    assert_eq!(html, again, "the report is deterministic under SOURCE_DATE_EPOCH");
    let suffix = if lang == "en" { String::new() } else { format!("-{}", lang.replace(',', "-")) };
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/golden/{vector}-report{suffix}.html"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(&path, &html).unwrap();
    }
    let want =
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 writes it)", path.display()));
    assert!(
        html == want,
        "the report differs from {}: regenerate with UPDATE_GOLDEN=1 and review the diff",
        path.display()
    );
    html
}

#[test]
fn the_example_case_gives_the_golden_report() {
    let html = golden("mla-case");
    assert!(html.contains("<p class=\"state\">INTACT</p>"));
    assert!(html.contains("Council of Europe Convention on Cybercrime (ETS 185)"), "the legal basis");
    assert!(html.contains("Use only for:"), "the restrictions on use");
    assert!(html.contains("<code>payload."), "the checks, with their codes");
}

#[test]
fn a_four_party_chain_gives_the_golden_report_with_its_hand_overs_drawn() {
    let html = golden("chain-4party");
    assert_eq!(html.matches("marker-end=\"url(#arrow)\"").count(), 3, "three hand-overs, three arrows");
    assert!(html.contains(">refused</text>"), "the receipt that refused an item is marked in the picture");
    assert!(html.contains("<strong>Latest event:</strong> #6 receipt at"), "the event to confirm, in the verdict");
    assert!(html.contains("Confirm with the sender"));
}

#[test]
fn an_invalid_bundle_gets_its_report_with_hostile_names_escaped() {
    let d = Scratch::fixed_clock();
    let name = "Eve <script>alert(1)</script> </bdi>";
    d.ok(&["keygen", "--out", "eve.key", "--name", name, "--org", "Org </bdi><b>", "--role", "investigator"]
        .into_iter()
        .chain(["--jurisdiction", "FR"])
        .collect::<Vec<_>>());
    fs::write(d.path("page.html"), "<p>x</p>\n").unwrap();
    d.ok(&["seal", "--key", "eve.key", "--case-ref", "C-<i>1</i>", "--out", "case.zip", "page.html"]);
    let (html, _) = report(&d, "case.zip", "ok.html", 0);
    assert_self_contained(&html);
    assert!(html.contains("Eve &lt;script&gt;alert(1)&lt;/script&gt; &lt;/bdi&gt;"), "{html}");
    assert!(html.contains("<bdi>C-&lt;i&gt;1&lt;/i&gt;</bdi>"));

    // A file planted under data/ whose name holds U+202E, in a bundle whose own file name
    // holds ESC, U+202E, <script> and </bdi>.
    let bytes = fs::read(d.path("case.zip")).unwrap();
    let a = Archive::open(Box::new(bytes)).unwrap();
    let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), a.root());
    let t = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap();
    for e in a.entries() {
        w.add_bytes(e.name, t, &a.read_entry(e, u64::MAX).unwrap()).unwrap();
    }
    w.add_bytes("data/item-1/a\u{202e}gpj.exe", t, b"planted").unwrap();
    let bad = "x\u{1b}[2J\u{202e}<script></bdi>.zip";
    fs::create_dir_all(d.path("x\u{1b}[2J\u{202e}<script><")).unwrap();
    fs::write(d.path(bad), w.finish().unwrap().into_inner()).unwrap();
    let (html, stdout) = report(&d, bad, "bad.html", 1);
    assert!(stdout.contains("INVALID"), "{stdout}");
    assert_self_contained(&html);
    assert!(html.contains("<p class=\"state\">INVALID</p>"));
    assert!(html.contains("class=\"verdict state-invalid\""));
    assert!(html.contains("<bdi>x\\u{1b}[2J\\u{202e}&lt;script&gt;&lt;/bdi&gt;.zip</bdi>"), "{html}");
    assert!(html.contains("a\\u{202e}gpj.exe"), "the planted file's name, escaped: {html}");
}

#[test]
fn the_json_output_follows_its_schema_and_refusals_write_nothing() {
    let d = Scratch::fixed_clock();
    fs::copy(repo().join("tests/vectors/sealed.zip"), d.path("sealed.zip")).unwrap();
    let o = d.run(&["report", "sealed.zip", "--out", "r.html", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    let schema: Value =
        serde_json::from_str(&fs::read_to_string(repo().join("schemas/report.schema.json")).unwrap()).unwrap();
    let v = jsonschema::validator_for(&schema).unwrap();
    assert!(v.is_valid(&doc), "{doc:#}");
    assert_eq!(doc["state"], "intact");
    assert_eq!(doc["sha256"], custody_core::Sha256Digest::of(&fs::read(d.path("r.html")).unwrap()).hex());

    // An existing --out is never replaced; a bundle that cannot be read gives no report.
    let before = fs::read(d.path("r.html")).unwrap();
    let o = d.run(&["report", "sealed.zip", "--out", "r.html"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("already exists"));
    assert_eq!(fs::read(d.path("r.html")).unwrap(), before);
    let o = d.run(&["report", "nothing.zip", "--out", "n.html"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!d.path("n.html").exists());
    let leftovers: Vec<_> = fs::read_dir(d.path("")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 2, "no temporary left: {leftovers:?}");
}

#[test]
fn record_binds_the_report_to_the_bundle_it_describes() {
    let d = Scratch::fixed_clock();
    let keygen = ["keygen", "--out", "alice.key", "--name", "Alice", "--org", "Police", "--role", "investigator"];
    d.ok(&[&keygen[..], &["--jurisdiction", "FR"]].concat());
    fs::write(d.path("page.html"), "<p>x</p>\n").unwrap();
    d.ok(&["seal", "--key", "alice.key", "--case-ref", "C-1", "--out", "case.zip", "page.html"]);
    let o = d.run(&["report", "case.zip", "--out", "report.html", "--record", "--key", "alice.key", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["recorded"]["sequence"], 1, "{doc:#}");
    let sha = custody_core::Sha256Digest::of(&fs::read(d.path("report.html")).unwrap()).hex();
    assert_eq!(doc["sha256"], sha.as_str());
    // The bundle still verifies, and its new event attaches exactly this report.
    let o = d.run(&["verify", "--format", "json", "case.zip"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let st = &v["events"][1]["statement"];
    assert_eq!(st["document"]["kind"], "verification_report", "{v:#}");
    assert_eq!(st["files"][0]["path"], "custody/attachments/000001/report.html");
    assert_eq!(st["files"][0]["sha256"], sha.as_str());

    // An invalid bundle gets its report, but nothing is recorded and the bundle is unchanged.
    let mut bytes = fs::read(d.path("case.zip")).unwrap();
    let a = Archive::open(Box::new(bytes.clone())).unwrap();
    let at = a.entry("data/item-1/page.html").unwrap().data_offset as usize;
    bytes[at] ^= 1;
    fs::write(d.path("bad.zip"), &bytes).unwrap();
    let o = d.run(&["report", "bad.zip", "--out", "bad.html", "--record", "--key", "alice.key"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not recorded"));
    assert!(d.path("bad.html").exists());
    assert_eq!(fs::read(d.path("bad.zip")).unwrap(), bytes);
}

#[test]
fn long_file_lists_fold_and_a_file_that_is_no_bundle_still_gets_a_report() {
    let d = Scratch::fixed_clock();
    let keygen = ["keygen", "--out", "a.key", "--name", "A", "--org", "Police", "--role", "investigator"];
    d.ok(&[&keygen[..], &["--jurisdiction", "FR"]].concat());
    fs::create_dir_all(d.path("many")).unwrap();
    for i in 0..201 {
        fs::write(d.path(&format!("many/{i:03}.txt")), format!("{i}\n")).unwrap();
    }
    d.ok(&["seal", "--key", "a.key", "--case-ref", "C-2", "--out", "many.zip", "many"]);
    let (html, _) = report(&d, "many.zip", "many.html", 0);
    assert!(html.contains("<details><summary>201 file(s)</summary>"), "folded beyond 200 files");
    assert_eq!(html.matches("no failure found</td></tr>").count(), 201, "every file listed");

    fs::write(d.path("notes.txt"), "not a bundle\n").unwrap();
    let (html, _) = report(&d, "notes.txt", "notes.html", 1);
    assert_self_contained(&html);
    assert!(html.contains("<code>bundle.not_a_bundle</code>"), "{html}");
    assert!(html.contains("The case details could not be read from the bundle."));
}

/// The legal basis of the example case as its author wrote it (a value: never translated).
const LEGAL_BASIS: &str = "Council of Europe Convention on Cybercrime (ETS 185)";

#[test]
fn a_french_report_translates_its_own_words_and_leaves_values_as_written() {
    let html = golden_in("mla-case", "fr");
    assert!(html.contains("<h2>Conclusion</h2>\n<p class=\"state\">INTÈGRE</p>"), "the verdict in French");
    assert!(html.contains("<h2>Chronologie de la chaîne de possession</h2>"));
    assert!(html.contains("<h2>Restrictions d&#39;utilisation et conditions de transmission</h2>"));
    assert!(
        html.contains("<code>payload.verified</code><br>Intégrité des fichiers"),
        "each code with its area's title"
    );
    assert!(html.contains("sont en anglais."), "the report says its details are in English");
    assert!(html.contains(LEGAL_BASIS), "the legal basis stays as its author wrote it");
    for english in ["<h2>Verdict</h2>", "<h2>Custody timeline</h2>", "Report made at", ">INTACT<"] {
        assert!(!html.contains(english), "English left in the French report: {english}");
    }
}

#[test]
fn a_bilingual_report_follows_each_label_with_its_translation_and_shows_values_once() {
    let html = golden_in("mla-case", "fr,en");
    assert!(html.contains("<h2>Conclusion <span class=\"tr\" lang=\"en\" dir=\"ltr\">/ Verdict</span></h2>"));
    assert!(html.contains("INTÈGRE <span class=\"tr\" lang=\"en\" dir=\"ltr\">/ INTACT</span>"));
    assert!(html.contains("<title>Rapport de vérification / Verification report"), "{}", &html[..600]);
    let en = golden("mla-case");
    assert_eq!(html.matches(LEGAL_BASIS).count(), en.matches(LEGAL_BASIS).count(), "values shown once");
    // A sentence that holds values (a restriction, the latest event) is given whole in each
    // language, so its values are shown again in the second; outside those, once.
    let first = without_second_language(&html);
    assert_eq!(first.matches("<bdi>").count(), en.matches("<bdi>").count(), "every value once, isolated");
}

/// `html` without the words of the second language (each `<span class="tr" …>…</span>`, nested
/// spans and all).
fn without_second_language(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find("<span class=\"tr\"") {
        out.push_str(&rest[..at]);
        let mut depth = 0usize;
        let mut i = at;
        loop {
            let open = rest[i..].find("<span").map(|n| n + i);
            let close = rest[i..].find("</span>").map(|n| n + i).expect("every span closed");
            match open {
                Some(o) if o < close => {
                    depth += 1;
                    i = o + 5;
                }
                _ => {
                    depth -= 1;
                    i = close + 7;
                    if depth == 0 {
                        break;
                    }
                }
            }
        }
        rest = &rest[i..];
    }
    out.push_str(rest);
    out
}

/// The section `id` of a report (its `<section id="…">` to the next `</section>`).
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html.find(&format!("<section id=\"{id}\"")).unwrap_or_else(|| panic!("no section {id}"));
    let end = html[start..].find("</section>").map_or(html.len(), |n| start + n);
    &html[start..end]
}

/// What the example case's restrictions, case labels and latest event say in English (the
/// English catalogue's words): none of it may be left in a report in another language.
const ENGLISH_OF_THE_CASE: [&str; 18] = [
    "Use only for",
    "in the proceedings",
    "rule of speciality",
    "Onward transfer only with the prior consent of",
    "Confidentiality:",
    "Retention:",
    "keep until",
    "review by",
    "Contains personal data",
    "data subjects:",
    "special categories",
    "Case reference",
    "Legal basis",
    "Offence",
    "File number",
    "signed by",
    "Confirm with the sender",
    "key ",
];

/// What the four-party chain's transfer conditions and their answers say in English.
const ENGLISH_OF_THE_CONDITIONS: [&str; 5] =
    ["set by", "at transfer #", "accepted by the recipient", "REFUSED by the recipient", "(use limitation)"];

/// The verdict's latest event (its paragraph), the restrictions and conditions, and the case of a
/// report.
fn translated_part(html: &str) -> String {
    let verdict = section(html, "verdict");
    let at = verdict.find("<p><strong>").expect("the latest event");
    let end = verdict[at..].find("</p>").map_or(verdict.len(), |n| at + n);
    format!("{}{}{}", &verdict[at..end], section(html, "restrictions"), section(html, "case"))
}

#[test]
fn restrictions_conditions_case_and_latest_event_are_in_the_readers_language() {
    let d = Scratch::fixed_clock();
    fs::copy(repo().join("tests/vectors/mla-case.zip"), d.path("case.zip")).unwrap();
    fs::copy(repo().join("tests/vectors/chain-4party.zip"), d.path("chain.zip")).unwrap();
    let in_lang = |bundle: &str, lang: &str| {
        let out = format!("{}-{}.html", bundle.trim_end_matches(".zip"), lang.replace(',', "-"));
        translated_part(&report_in(&d, bundle, &out, 0, lang).0)
    };
    // The English reports state every phrase the test looks for: the test can fail.
    let (case_en, chain_en) = (in_lang("case.zip", "en"), in_lang("chain.zip", "en"));
    for (english, phrases) in [(&case_en, &ENGLISH_OF_THE_CASE[..]), (&chain_en, &ENGLISH_OF_THE_CONDITIONS[..])] {
        for phrase in phrases {
            assert!(english.contains(phrase), "the English report does not say {phrase:?}");
        }
    }
    assert!(case_en.contains("Ministère de la Justice"), "the consent's authority, as written");

    let (case_zh, chain_zh) = (in_lang("case.zip", "zh"), in_lang("chain.zip", "zh"));
    for (chinese, phrases) in [(&case_zh, &ENGLISH_OF_THE_CASE[..]), (&chain_zh, &ENGLISH_OF_THE_CONDITIONS[..])] {
        for phrase in phrases {
            assert!(!chinese.contains(phrase), "English left in the Chinese report: {phrase:?}");
        }
    }
    for phrase in [
        "仅限用于以下目的：",
        "特定性原则",
        "须事先征得以下机关同意方可再移交：",
        "保密等级：限制分发",
        "保存期限：保存至 2031-12-31；于 2028-03-31 前复核",
        "含有个人信息；信息主体：犯罪嫌疑人、第三方",
        "<dt>案件编号</dt>",
        "<dt>法律依据</dt>",
        "<dt>涉嫌罪名</dt>",
        "<dt>程序类型</dt><dd>刑事侦查</dd>",
        "签署人：",
        "请向发送方确认",
    ] {
        assert!(case_zh.contains(phrase), "the Chinese report does not say {phrase:?}");
    }
    for phrase in ["（使用限制），由", "接收方已接受", "接收方已拒绝", "移交事件 #5"] {
        assert!(chain_zh.contains(phrase), "the Chinese report's conditions do not say {phrase:?}");
    }
    // Values stay as their authors wrote them, isolated.
    assert!(case_zh.contains("<bdi>Ministère de la Justice, bureau de l&#39;entraide pénale (fictional)</bdi>"));
    assert!(case_zh.contains(LEGAL_BASIS));

    let (case_bi, chain_bi) = (in_lang("case.zip", "fr,en"), in_lang("chain.zip", "fr,en"));
    for (both, phrases) in [(&case_bi, &ENGLISH_OF_THE_CASE[..]), (&chain_bi, &ENGLISH_OF_THE_CONDITIONS[..])] {
        let french = without_second_language(both);
        for phrase in phrases {
            assert!(!french.contains(phrase), "English outside the second language in fr,en: {phrase:?}");
            assert!(both.contains(phrase), "the English of fr,en does not say {phrase:?}");
        }
    }
    let french = without_second_language(&case_bi);
    for phrase in [
        "Utilisation limitée aux fins suivantes : ",
        "Transmission ultérieure uniquement avec le consentement préalable de : ",
        "Confidentialité : diffusion restreinte",
        "<dt>Référence de l&#39;affaire <span class=\"tr\" lang=\"en\" dir=\"ltr\">/ Case reference</span></dt>",
        "Confirmez auprès de l&#39;expéditeur",
    ] {
        assert!(case_bi.contains(phrase), "the French of fr,en does not say {phrase:?}");
        assert!(french.contains(phrase.split(" <span").next().unwrap_or(phrase)));
    }
    assert!(case_bi.contains(" <span class=\"tr\" lang=\"en\" dir=\"ltr\">/ Use only for: "), "the English marked");
    assert!(chain_bi.contains("acceptée par le destinataire") && chain_bi.contains("REFUSÉE par le destinataire"));

    // The execution certificate states the conditions on use in its language too.
    for bundle in ["case.zip", "chain.zip"] {
        d.status(0, &["report", bundle, "--form", "mla-execution", "--lang", "zh", "--out", "mla-zh.html"]);
        let form = fs::read_to_string(d.path("mla-zh.html")).unwrap();
        fs::remove_file(d.path("mla-zh.html")).unwrap();
        for phrase in ["Use only for", "Onward transfer", "Confidentiality:", "by the recipient", "set by"] {
            assert!(!form.contains(phrase), "{bundle}: English left in the Chinese certificate: {phrase:?}");
        }
        let said = if bundle == "case.zip" {
            "须事先征得以下机关同意方可再移交："
        } else {
            "接收方已拒绝"
        };
        assert!(form.contains(said), "{bundle}: the certificate's conditions in Chinese");
    }
}

#[test]
fn an_arabic_report_is_laid_out_right_to_left() {
    let html = golden_in("chain-4party", "ar");
    assert!(html.contains("<h2>التسلسل الزمني لسلسلة الحيازة</h2>"));
    assert!(html.contains("<h2>النتيجة</h2>"), "the verdict in Arabic");
    // Mirrored by the browser from dir="rtl": the style sheet uses only logical properties.
    let style = html.split("<style>").nth(1).and_then(|s| s.split("</style>").next()).unwrap();
    for physical in ["left", "right"] {
        assert!(!style.contains(physical), "a physical direction in the style sheet: {physical}");
    }
    // Values keep their own direction, isolated; names written left to right stay so.
    assert!(html.contains("<bdi>"), "values are isolated");
    let o = Scratch::fixed_clock();
    fs::copy(repo().join("tests/vectors/mla-case.zip"), o.path("case.zip")).unwrap();
    let (bi, _) = report_in(&o, "case.zip", "ar-en.html", 0, "ar,en");
    assert_self_contained_in(&bi, "ar", "rtl");
    assert!(bi.contains("<span class=\"tr\" lang=\"en\" dir=\"ltr\">/ Verdict</span>"), "English marked ltr in Arabic");
}

#[test]
fn an_unknown_language_is_refused_and_writes_nothing() {
    let d = Scratch::fixed_clock();
    fs::copy(repo().join("tests/vectors/sealed.zip"), d.path("sealed.zip")).unwrap();
    for bad in ["xx", "fr,fr", "fr,en,de", "FR,fr", "zh-TW"] {
        let o = d.run(&["report", "sealed.zip", "--out", "r.html", "--lang", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(String::from_utf8_lossy(&o.stderr).contains("is not a report language"), "{bad}");
        assert!(!d.path("r.html").exists());
    }
}

#[test]
fn every_language_gives_a_whole_report_in_its_own_words() {
    let d = Scratch::fixed_clock();
    fs::copy(repo().join("tests/vectors/mla-case.zip"), d.path("case.zip")).unwrap();
    let verdicts = [("es", "Resultado"), ("zh", "结论"), ("ru", "Заключение"), ("de", "Ergebnis")];
    for (lang, verdict) in verdicts {
        let (html, _) = report_in(&d, "case.zip", &format!("{lang}.html"), 0, lang);
        assert_self_contained_in(&html, lang, "ltr");
        assert!(html.contains(&format!("<h2>{verdict}</h2>")), "{lang}: the verdict's heading");
        assert!(html.contains(LEGAL_BASIS), "{lang}: values as written");
        assert!(!html.contains("<h2>Custody timeline</h2>"), "{lang}: English heading left in");
    }
}

#[test]
fn items_a_disposition_removed_are_shown_as_disposed_never_as_present_and_fine() {
    let d = Scratch::fixed_clock();
    fs::copy(repo().join("tests/vectors/disposition-destroyed.zip"), d.path("d.zip")).unwrap();
    let (html, _) = report(&d, "d.zip", "d.html", 0);
    assert!(
        html.contains("<p class=\"disposed\"><strong>Returned or destroyed under signed custody event #1</strong></p>")
    );
    let row = html.lines().find(|l| l.contains("data/item-2/video.mp4")).expect("item-2's file is listed");
    assert!(row.starts_with("<tr class=\"disposed\">"), "{row}");
    assert!(row.contains("not in this bundle (returned or destroyed)") && !row.contains("no failure found"), "{row}");
    let kept = html.lines().find(|l| l.contains("<td><bdi>data/item-1/")).expect("item-1's files are listed");
    assert!(kept.contains("no failure found") && !kept.contains("disposed"), "{kept}");
}

/// `text` escaped as the report escapes its words.
fn escaped(text: &str) -> String {
    (text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")).replace('\'', "&#39;")
}

/// Each row of the checks section of `html`: its code and the row's HTML.
fn check_rows(html: &str) -> Vec<(custody_core::check::CheckCode, &str)> {
    let checks = section(html, "checks");
    (checks.split("<tr").skip(1))
        .filter_map(|row| {
            let code = row.split("<code>").nth(1)?.split("</code>").next()?;
            Some((custody_core::check::CheckCode::from_code_str(code).expect("a registry code"), row))
        })
        .collect()
}

#[test]
fn every_check_says_what_its_code_means_in_the_readers_language_and_keeps_its_english_message() {
    use custody_core::court_report::words::{Language, check_meaning};
    let d = Scratch::fixed_clock();
    // The example case (every check passes) and a chain with an event deleted (failures).
    for bundle in ["mla-case", "chain-event-deleted"] {
        fs::copy(repo().join(format!("tests/vectors/{bundle}.zip")), d.path(&format!("{bundle}.zip"))).unwrap();
        let code = if bundle == "mla-case" { 0 } else { 1 };
        let zip = format!("{bundle}.zip");
        let en = report_in(&d, &zip, &format!("{bundle}-en.html"), code, "en").0;
        let zh = report_in(&d, &zip, &format!("{bundle}-zh.html"), code, "zh").0;
        let bi = report_in(&d, &zip, &format!("{bundle}-fr-en.html"), code, "fr,en").0;
        let (rows_en, rows_zh, rows_bi) = (check_rows(&en), check_rows(&zh), check_rows(&bi));
        assert!(rows_en.len() > 5, "{bundle}: the checks listed");
        assert!(bundle == "mla-case" || rows_en.iter().any(|(_, r)| r.contains("class=\"fail\"")), "{bundle}: fails");
        assert_eq!(rows_zh.len(), rows_en.len(), "{bundle}: the same checks in Chinese");
        assert_eq!(rows_bi.len(), rows_en.len(), "{bundle}: the same checks in French and English");
        for (((code, row_en), (_, row_zh)), (_, row_bi)) in rows_en.iter().zip(&rows_zh).zip(&rows_bi) {
            let [m_en, m_zh, m_fr] =
                [Language::En, Language::Zh, Language::Fr].map(|g| escaped(check_meaning(g, *code)));
            // The English report's message says it all; the meaning is for other languages.
            assert!(!row_en.contains(&m_en) && !row_en.contains("lang=\"en\""), "{bundle} {code}: {row_en}");
            // Chinese: the meaning, then the check's own message, in English and marked so.
            let message = row_en.split("<td>").nth(3).and_then(|m| m.split("</td>").next()).unwrap();
            assert!(
                row_zh.contains(&format!("{m_zh}<br><span lang=\"en\" dir=\"ltr\">{message}")),
                "{bundle}: {row_zh}"
            );
            // French and English: both meanings, the English marked as the second language.
            let both = format!("{m_fr} <span class=\"tr\" lang=\"en\" dir=\"ltr\">/ {m_en}</span><br>");
            assert!(row_bi.contains(&format!("{both}<span lang=\"en\" dir=\"ltr\">{message}")), "{bundle}: {row_bi}");
        }
    }
    // What a reader of each language sees for the failures of the deleted event.
    let zh = fs::read_to_string(d.path("chain-event-deleted-zh.html")).unwrap();
    let sequence_gap = "某一事件的序号与其位置不符：缺少某一事件或有重复事件。";
    assert!(zh.contains(sequence_gap), "event.sequence_gap in Chinese");
    // The verdict's summary too, with its count of failed checks.
    let en = fs::read_to_string(d.path("chain-event-deleted-en.html")).unwrap();
    let failed = section(&en, "verdict").split("INVALID: ").nth(1).and_then(|s| s.split(' ').next()).unwrap();
    let verdict = section(&zh, "verdict");
    assert!(verdict.contains(&format!("无效：{failed} 项检查未通过。请勿按现状依赖该证据包；")), "{verdict}");
    assert!(!verdict.contains("INVALID") && !verdict.contains("lang=\"en\""), "English left in: {verdict}");
    let bi = fs::read_to_string(d.path("chain-event-deleted-fr-en.html")).unwrap();
    assert!(bi.contains("Un événement ne mentionne pas le SHA-256 de l&#39;événement qui le précède."));
}

#[test]
fn a_trusted_time_is_said_in_the_readers_language_with_its_tsa_as_written() {
    let d = Scratch::fixed_clock();
    fs::copy(repo().join("tests/vectors/timestamp-valid.zip"), d.path("t.zip")).unwrap();
    // The events list, after the picture and its key (the picture's tooltips say the same, the
    // TSA isolated by U+2068 … U+2069: checked below); its event's trusted time is the last.
    let timelines = |lang: &str| {
        let html = report_in(&d, "t.zip", &format!("t-{lang}.html"), 0, lang).0;
        section(&html, "timeline").to_owned()
    };
    let events = |t: &str| t.split("</svg>").nth(1).unwrap_or_default().to_owned();
    let (en_all, zh_all) = (timelines("en"), timelines("zh"));
    let (en, zh, bi) = (events(&en_all), events(&zh_all), events(&timelines("fr,en")));
    // No TSA roots given: the TSA is named, as its certificate gives it, and not vouched for.
    assert!(en.contains("trusted time ") && en.contains("[TSA NOT TRUSTED: its root was not given]"), "{en}");
    let tsa =
        en.rsplit("trusted time ").next().and_then(|t| t.split("<bdi>").nth(1)).and_then(|t| t.split("</bdi>").next());
    let tsa = tsa.expect("the TSA's name, isolated");
    assert!(!zh.contains("trusted time") && !zh.contains("TSA NOT TRUSTED"), "English left in Chinese: {zh}");
    assert!(zh.contains("可信时间 ") && zh.contains("【时间戳机构未获信任：未提供其根证书】"), "{zh}");
    assert!(zh.contains(&format!("<bdi>{tsa}</bdi>")), "the TSA as written");
    // The picture's diamond: the trusted time's sentence in the reader's language, the TSA isolated.
    for (all, words) in [(&en_all, "trusted time "), (&zh_all, "可信时间 ")] {
        let picture = all.split("</svg>").next().unwrap_or_default();
        let diamond = picture
            .split("stroke=\"#176b2c\" stroke-width=\"2\"><title>")
            .nth(1)
            .and_then(|p| p.split("</title>").next())
            .unwrap_or_default();
        assert!(diamond.contains(words) && diamond.contains(&format!("\u{2068}{tsa}\u{2069}")), "{diamond}");
    }
    let french = without_second_language(&bi);
    assert!(french.contains("heure certifiée ") && !french.contains("trusted time"), "{french}");
    assert!(bi.contains("<span class=\"tr\" lang=\"en\" dir=\"ltr\">/ trusted time "), "the English second: {bi}");
}
