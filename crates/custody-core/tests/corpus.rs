//! Capture files from the field (tests/corpus/, see its SOURCES): what custody imports from
//! each, compared with tests/corpus/expected.json. The same file is checked against
//! independent readers (warcio, py-wacz) by tests/corpus-crosscheck.sh, so that these
//! expectations are what the files say, not what custody happens to read.
//! `UPDATE_CORPUS=1` rewrites expected.json (review the difference before committing).

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Value, json};

fn corpus() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus")
}

/// What custody imports from one corpus file, as the fields expected.json holds.
fn imported(path: &Path, name: &str) -> Value {
    match custody_core::import::import(path, name) {
        Ok(None) => json!({"recognised": false}),
        Err(why) => json!({"error": why}),
        Ok(Some(i)) => {
            let c = &i.capture;
            let time = |t: Option<custody_core::Timestamp>| t.map(|t| t.to_string());
            json!({
                "format": i.format,
                "source_url": c.source_url,
                "final_url": c.final_url,
                "captured_at": time(c.captured_at),
                "capture_end": time(c.capture_end),
                "tool": c.tool.as_ref().map(|t| t.name.clone()),
                "kind": c.kind,
                "content_times": c.content_times.iter().map(|t| t.label.clone()).collect::<Vec<_>>(),
                "pages_total": i.pages_total,
                "first_pages": i.pages.iter().take(3).map(|p| json!({
                    "url": p.url, "status": p.status, "final_url": p.final_url, "revisit": p.revisit,
                    "time": time(p.time),
                })).collect::<Vec<_>>(),
                "warnings": i.warnings.len(),
            })
        }
    }
}

#[test]
fn every_corpus_file_imports_what_it_says() {
    let root = corpus();
    let mut actual = BTreeMap::new();
    let mut todo = vec![root.clone()];
    while let Some(dir) = todo.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
                continue;
            }
            let rel = p.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if custody_core::import::recognise(&name).is_some() {
                actual.insert(rel, imported(&p, &name));
            }
        }
    }
    let expected_path = root.join("expected.json");
    if std::env::var_os("UPDATE_CORPUS").is_some() {
        let mut text = serde_json::to_string_pretty(&actual).unwrap();
        text.push('\n');
        std::fs::write(&expected_path, text).unwrap();
    }
    let expected: BTreeMap<String, Value> =
        serde_json::from_str(&std::fs::read_to_string(&expected_path).unwrap()).unwrap();
    assert_eq!(expected.keys().collect::<Vec<_>>(), actual.keys().collect::<Vec<_>>(), "corpus files");
    for (file, want) in &expected {
        assert_eq!(&actual[file], want, "{file}");
    }
}

#[test]
fn a_wacz_with_a_forged_page_list_is_not_imported() {
    // py-wacz's signed example with pages.jsonl rewritten to another URL: it fails
    // `wacz validate` (tests/corpus-crosscheck.sh) and its own fixity here.
    use std::io::{Read, Write};
    let src = std::fs::read(corpus().join("py-wacz/valid_signed_example_1.wacz")).unwrap();
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(src)).unwrap();
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zout = zip::ZipWriter::new(&mut out);
        for i in 0..zin.len() {
            let mut e = zin.by_index(i).unwrap();
            let name = e.name().unwrap().to_string();
            let mut data = Vec::new();
            e.read_to_end(&mut data).unwrap();
            if name == "pages/pages.jsonl" {
                data =
                    String::from_utf8(data).unwrap().replace("https://example.com/", "https://forged.example/").into();
            }
            zout.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
            zout.write_all(&data).unwrap();
        }
        zout.finish().unwrap();
    }
    let i = custody_core::import::read_wacz(std::io::Cursor::new(out.into_inner())).unwrap();
    assert!(i.capture.is_empty() && i.pages.is_empty(), "forged values imported: {:?}", i.capture);
    assert!(i.warnings[0].contains("fails its own fixity") && i.warnings[0].contains("pages/pages.jsonl"));
}
