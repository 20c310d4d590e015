//! The forms against the test vectors (`cargo run --example make-vectors`): a tampered bundle
//! warned of first, in the form's language; hostile values kept values (escaped, isolated, the
//! HTML's `<bdi>` balanced, the PDF drawn); the languages each form is written in.

use std::path::Path;

use super::{Block, Form, Piece, html, languages};
use crate::court_report::{ReportContext, pdf};
use crate::time::Timestamp;
use crate::verify::{Report, VerifyOptions, verify_path};
use crate::wording::court_report::{Language, Languages};

fn vector(name: &str) -> Report {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors").join(format!("{name}.zip"));
    verify_path(&path, &VerifyOptions::default()).expect("the test vectors: cargo run --example make-vectors")
}

/// A form as the writers build it, for a bundle whose bytes hash to a fixed digest.
fn build(form: Form, r: &Report, c: &ReportContext) -> super::Built {
    super::build(form, r, c, &crate::digest::Sha256Digest([7; 32]))
}

fn ctx(form: Form) -> ReportContext {
    let mut c = ReportContext::new(Timestamp::from_unix(1_796_083_200).expect("a time"));
    c.languages = Languages::from(form.languages()[0]);
    c
}

fn html_of(form: Form, r: &Report, c: &ReportContext) -> String {
    let mut out = Vec::new();
    html::write(&build(form, r, c), &mut out).expect("written to memory");
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn a_form_on_a_tampered_bundle_says_so_first_with_the_failed_codes_in_its_language() {
    let r = vector("payload-modified");
    for form in Form::ALL {
        let c = ctx(*form);
        let built = build(*form, &r, &c);
        let Some(Block::Alert(lines)) = built.blocks.first() else { panic!("{}: no warning first", form.name()) };
        let codes: Vec<&str> = lines
            .iter()
            .flatten()
            .filter_map(|p| if let Piece::Code(c) = p { Some(c.as_str()) } else { None })
            .collect();
        assert!(codes.contains(&"payload.hash_mismatch"), "{}: {codes:?}", form.name());
        let html = html_of(*form, &r, &c);
        let warning = if c.languages.first == Language::Zh {
            "警告：本证据包未通过完整性验证"
        } else {
            "WARNING: THIS BUNDLE"
        };
        let at = html.find(warning).expect("the warning");
        assert!(at < html.find("<h2>").unwrap_or(usize::MAX), "{}: the warning before any section", form.name());
        assert!(html.contains("DOES NOT MATCH") || html.contains("不一致"), "{}: the damaged file", form.name());
    }
    assert!(
        build(Form::Fre90214, &vector("mla-case"), &ctx(Form::Fre90214))
            .blocks
            .iter()
            .all(|b| !matches!(b, Block::Alert(_)))
    );
}

#[test]
fn hostile_values_are_escaped_and_isolated_in_both_formats() {
    let mut r = vector("mla-case");
    let hostile = format!("\u{202e}<script>alert(1)</script></bdi>\u{1b}[2J{}", "證".repeat(4_000));
    r.case_reference = Some(hostile.clone());
    if let Some(c) = &mut r.case {
        c.reference = hostile.clone();
        c.title = Some(hostile.clone());
    }
    for i in &mut r.items {
        i.label = hostile.clone();
        i.capture.edit(|c| {
            c.source_url = Some(hostile.clone());
            c.access_steps = vec![hostile.clone()];
            c.clock_source = Some(hostile.clone());
            c.environment.user_agent = Some(hostile.clone());
        });
    }
    // Statement text, legal basis, file numbers, the authorities, restriction sentences.
    for a in &mut r.attestations {
        a.statement = hostile.clone();
    }
    for e in &mut r.events {
        if let Some(st) = &mut e.statement {
            st.text = Some(hostile.clone());
        }
    }
    if let Some(c) = &mut r.case {
        for l in &mut c.legal_basis {
            l.instrument = hostile.clone();
        }
        for f in &mut c.file_numbers {
            f.number = hostile.clone();
            f.authority = hostile.clone();
        }
    }
    for a in &mut r.actors {
        a.name = hostile.clone();
    }
    let u = r.restrictions.use_limitation.as_mut().expect("the example case limits use");
    u.note = Some(hostile.clone());
    let escaped = "\\u{202e}&lt;script&gt;alert(1)&lt;/script&gt;&lt;/bdi&gt;\\u{1b}[2J";
    for form in Form::ALL {
        let c = ctx(*form);
        let html = html_of(*form, &r, &c);
        assert!(!html.contains("<script"), "{}", form.name());
        assert!(
            html.contains("\\u{202e}&lt;script&gt;alert(1)&lt;/script&gt;&lt;/bdi&gt;\\u{1b}[2J"),
            "{}",
            form.name()
        );
        assert!(!html.chars().any(|c| crate::text::must_escape(c) && c != '\n'), "{}: a raw control", form.name());
        assert_eq!(html.matches("<bdi").count(), html.matches("</bdi>").count(), "{}", form.name());
        // Every hostile value shown in the body is inside an isolate, the restriction sentences
        // too (the `<title>` holds plain text only).
        let body = html.find("<body>").expect("a body");
        for (n, _) in html.match_indices(escaped).filter(|(n, _)| *n > body) {
            let open = html[..n].rfind("<bdi").expect("an isolate before the value");
            assert!(!html[open..n].contains("</bdi>"), "{}: a value outside <bdi>", form.name());
        }
        assert!(html.contains(&"證".repeat(4_000)), "{}: a long value shown whole", form.name());
        let p = pdf::form::render(&build(*form, &r, &c), &r, &c).expect("a PDF");
        assert!(p.archival, "{}: {:?}", form.name(), p.not_archival);
    }
    let mla = html_of(Form::MlaExecution, &r, &ctx(Form::MlaExecution));
    assert!(mla.matches(escaped).count() >= 5, "legal basis, file numbers, authorities, restriction: {mla}");
    // The use limitation: the catalogue's words, its note (the hostile value) isolated in them.
    let restriction = mla.find("<p>Use only for: ").expect("the use limitation, in the catalogue's words");
    let line = mla[restriction..].split("</p>").next().unwrap_or_default();
    assert!(line.contains(&format!(". <bdi>{escaped}")), "the note isolated: {line}");
    let fre = html_of(Form::Fre90214, &r, &ctx(Form::Fre90214));
    assert!(fre.contains(&format!("<bdi>{escaped}")), "the declarant's statement, isolated");
    let zh = Languages::parse("zh,en").expect("two tags");
    let mut c = ctx(Form::MlaExecution);
    c.languages = Languages::from(Language::Zh);
    let mla_zh = html_of(Form::MlaExecution, &r, &c);
    // The conditions on use in Chinese, their values isolated in them: no English sentence.
    let restriction = mla_zh.find("<p>仅限用于以下目的：").expect("the use limitation, in Chinese");
    let line = mla_zh[restriction..].split("</p>").next().unwrap_or_default();
    assert!(line.contains(&format!("。<bdi>{escaped}")), "the note isolated: {line}");
    assert!(!mla_zh.contains("Use only for"), "English left in a Chinese form");
    c.languages = zh;
    let cn = html_of(Form::CnExtractionRecord, &r, &c);
    assert_eq!(cn.matches("<bdi").count(), cn.matches("</bdi>").count());
}

#[test]
fn each_form_is_written_in_its_own_languages_only() {
    let en = Languages::from(Language::En);
    assert_eq!(languages(Form::Fre90214, en), Ok(en));
    assert!(languages(Form::Fre90214, Languages::from(Language::Zh)).is_err());
    assert!(languages(Form::CnExtractionRecord, en).is_err(), "the record is Chinese first");
    let zh_en = Languages::parse("zh,en").expect("two tags");
    assert_eq!(languages(Form::CnExtractionRecord, zh_en), Ok(zh_en));
    assert!(languages(Form::MlaExecution, Languages::parse("en,fr").expect("two tags")).is_err());
    let e = languages(Form::Fre90214, Languages::from(Language::Fr)).expect_err("refused");
    assert!(e.contains("fre-902-14") && e.contains("fr") && e.contains("en"), "{e}");
}

/// Every line of a form, in order.
fn lines_of(b: &super::Built) -> Vec<&super::Line> {
    let mut out = Vec::new();
    for block in &b.blocks {
        match block {
            Block::Alert(ls) => out.extend(ls),
            Block::Heading(l) | Block::Subheading(l) | Block::Para(l) | Block::Fill(l) | Block::Note(l) => out.push(l),
            Block::Fact(a, v) => out.extend([a, v]),
            Block::Table(_, head, rows) => out.extend(head.iter().chain(rows.iter().flat_map(|r| r.cells.iter()))),
        }
    }
    out
}

fn texts(b: &super::Built) -> String {
    let mut s = String::new();
    {
        for l in lines_of(b) {
            for p in l {
                match p {
                    Piece::Word(x) | Piece::Tr(_, x) | Piece::En(x) | Piece::Value(x) | Piece::Code(x) => s.push_str(x),
                    Piece::TrLine(_, l) => l.iter().for_each(|p| {
                        if let Piece::Word(x) | Piece::Value(x) = p {
                            s.push_str(x)
                        }
                    }),
                }
            }
            s.push('\n');
        }
    }
    s
}

#[test]
fn a_form_on_a_bundle_whose_seal_failed_never_says_a_file_matches() {
    for name in ["signature-swapped", "manifest-edited"] {
        let r = vector(name);
        assert_eq!(r.state, crate::verify::State::Invalid, "{name}");
        for form in Form::ALL {
            let t = texts(&build(*form, &r, &ctx(*form)));
            for bad in ["matches the value", "compared with the signed manifest", "并与签名清单比对"] {
                assert!(!t.contains(bad), "{name} {}: says {bad:?}", form.name());
            }
            let matches = "\u{2014} 与封存时记录的值一致";
            assert!(!t.lines().any(|l| l.ends_with(matches)), "{name} {}: a file said to match", form.name());
            assert!(
                t.contains("not established (see the warning)") || t.contains("未能确认（见警告）"),
                "{name} {}: {t}",
                form.name()
            );
            assert!(t.contains("NOT established") || t.contains("未能确认封存"), "{name} {}", form.name());
        }
    }
}

#[test]
fn a_form_on_a_not_trusted_bundle_says_the_digests_match_a_manifest_whose_signature_verified() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors");
    let list = std::fs::read_to_string(dir.join("keys/trusted-alice-misnamed.txt")).expect("the vectors' trust list");
    let trust = crate::trust::TrustList::parse(&list).expect("a trust list");
    let r = verify_path(&dir.join("sealed.zip"), &VerifyOptions::default().with_trust(Some(trust))).expect("verified");
    assert_eq!(r.state, crate::verify::State::NotTrusted);
    for form in Form::ALL {
        let built = build(*form, &r, &ctx(*form));
        assert!(matches!(built.blocks.first(), Some(Block::Alert(_))), "{}: the warning first", form.name());
        let t = texts(&built);
        assert!(!t.contains("matches the value recorded at sealing"), "{}", form.name());
        assert!(!t.contains("compared with the signed manifest"), "{}", form.name());
        assert!(
            t.contains("matches the value in the manifest, whose signature verified") || t.contains("清单签名已验证"),
            "{}: {t}",
            form.name()
        );
    }
}

#[test]
fn every_name_of_the_vocabularies_a_form_shows_has_a_chinese_word() {
    use crate::event::Decision;
    use crate::provenance::{AuthorityRole, CaptureMethod, ItemKind, RequestKind};
    let decisions = [Decision::Accepted, Decision::AcceptedInPart, Decision::Rejected].map(|d| d.as_str());
    let names = ItemKind::NAMES
        .iter()
        .chain(CaptureMethod::NAMES)
        .chain(crate::statement::Capacity::NAMES.iter())
        .chain(crate::keys::Role::NAMES.iter())
        .chain(crate::provenance::ActorRole::NAMES)
        .chain(AuthorityRole::NAMES)
        .chain(RequestKind::NAMES)
        .chain(decisions.iter());
    for name in names {
        // A name without a Chinese word falls back to the English words.
        let zh = crate::wording::forms::term(Language::Zh, name);
        assert_ne!(zh, crate::wording::words(name), "{name}: no Chinese word in zh::term");
        assert!(!zh.is_empty(), "{name}");
    }
}

#[test]
fn a_recording_list_longer_than_the_cap_says_how_many_more_files_there_are() {
    let mut r = vector("mla-case");
    let id = r.items[0].id.clone();
    r.items[0].capture.edit(|c| c.methods = vec![crate::provenance::CaptureMethod::ScreenRecording]);
    let m = r.manifest.as_mut().expect("a manifest");
    let item = m.items.iter_mut().find(|i| i.id == id).expect("the item");
    let file = item.files.at(0).map(|f| f.to_record()).expect("a file");
    let videos = (0..super::FORM_FILES + 7).map(|i| crate::manifest::FileRecord {
        path: format!("data/{id}/rec-{i:04}.mp4"),
        media_type: "video/mp4".to_owned(),
        ..file.clone()
    });
    item.files = crate::manifest::Files::from_records(videos).expect("records");
    let built = build(Form::CnExtractionRecord, &r, &ctx(Form::CnExtractionRecord));
    let recording = crate::wording::forms::label(Language::Zh, crate::wording::forms::Label::CnRecording);
    let at = built
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Fact(l, _) if l.first() == Some(&Piece::Word(recording.to_owned()))))
        .expect("the recording files");
    let Some(Block::Fact(_, listed)) = built.blocks.get(at) else { unreachable!() };
    let shown = listed.iter().filter(|p| matches!(p, Piece::Value(_))).count();
    assert_eq!(shown, super::FORM_FILES, "the list is capped");
    let Some(Block::Note(note)) = built.blocks.get(at + 1) else {
        panic!("no line under the capped list: {:?}", built.blocks.get(at + 1))
    };
    let said = crate::wording::forms::more_files(Language::Zh, 7);
    assert_eq!(note.first(), Some(&Piece::Word(said)), "how many more, where they are");
}

#[test]
fn a_bilingual_document_shows_a_word_once_where_both_languages_agree() {
    let mut r = vector("mla-case");
    let item = r.items.first_mut().expect("an item");
    item.capture.edit(|c| c.environment.user_agent = Some("Mozilla/5.0".into()));
    // The CN record in Chinese and English: no word followed by the same word (a label such as
    // "User-Agent", a vocabulary word, a column head "SHA-256").
    let mut c = ctx(Form::CnExtractionRecord);
    c.languages = Languages { first: Language::Zh, second: Some(Language::En) };
    let built = build(Form::CnExtractionRecord, &r, &c);
    let mut lines: Vec<&super::Line> = Vec::new();
    for b in &built.blocks {
        match b {
            Block::Alert(ls) => lines.extend(ls),
            Block::Heading(l) | Block::Subheading(l) | Block::Para(l) | Block::Fill(l) | Block::Note(l) => {
                lines.push(l)
            }
            Block::Fact(a, v) => lines.extend([a, v]),
            Block::Table(_, head, rows) => lines.extend(head.iter().chain(rows.iter().flat_map(|r| &r.cells))),
        }
    }
    let mut pairs = 0;
    for l in lines {
        for p in l.windows(2) {
            if let [Piece::Word(a), Piece::Tr(_, b)] = p {
                pairs += 1;
                assert_ne!(a, b, "a word twice");
            }
        }
    }
    assert!(pairs > 10, "the record is bilingual");
    let html = html_of(Form::CnExtractionRecord, &r, &c);
    assert!(html.contains("User-Agent") && !html.contains("/ User-Agent"), "User-Agent once");
    // The court report in French and English, HTML and PDF alike.
    let mut c = ctx(Form::Fre90214);
    c.languages = Languages { first: Language::Fr, second: Some(Language::En) };
    let mut out = Vec::new();
    crate::court_report::write_html(&r, &c, &mut out).expect("HTML");
    let html = String::from_utf8(out).expect("UTF-8");
    assert!(!html.contains("SHA-256 <span class=\"tr\" lang=\"en\" dir=\"ltr\">/ SHA-256</span>"), "SHA-256 once");
    assert!(html.contains("<span class=\"tr\" lang=\"en\" dir=\"ltr\">/ Path</span>"), "a word that differs, twice");
}

#[test]
fn a_chinese_record_joins_its_parts_with_chinese_punctuation() {
    let r = vector("mla-case");
    for (form, second) in
        [(Form::CnExtractionRecord, None), (Form::CnExtractionRecord, Some(Language::En)), (Form::MlaExecution, None)]
    {
        let mut c = ctx(form);
        c.languages = Languages { first: Language::Zh, second };
        let built = build(form, &r, &c);
        let text = texts(&built);
        for p in lines_of(&built).into_iter().flatten().chain(&built.heading) {
            if let Piece::Word(w) = p {
                assert!(![", ", ": ", "; ", "(", ")"].iter().any(|a| w.contains(a)), "{form:?} {second:?}: {w:?}");
            }
        }
        assert!(
            text.contains('\u{ff1a}') && text.contains('\u{ff1b}') && text.contains('\u{ff08}'),
            "{form:?}: full-width colon, semicolon and bracket"
        );
    }
}
