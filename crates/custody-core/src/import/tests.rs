use std::io::{Cursor, Write};

use super::*;
use crate::provenance::ItemKind;

#[test]
fn capture_files_are_recognised_by_name_and_warc_compression_is_not() {
    for (name, kind) in [
        ("a.warc", Some("WARC")),
        ("a.WARC.GZ", Some("WARC")),
        ("crawl.arc", Some("ARC")),
        ("crawl.arc.gz", Some("ARC")),
        ("x.wacz", Some("WACZ")),
        ("v.info.json", Some("yt-dlp info")),
        ("x.wacz.gz", None),
        ("a.gz", None),
    ] {
        assert_eq!(recognise(name), kind, "{name}");
    }
}
#[test]
fn ytdlp_info() {
    let i = read_ytdlp(
        br#"{"id": "abc", "webpage_url": "https://v.example/abc", "extractor_key": "Youtube",
             "uploader_id": "@chan", "channel_id": "UC1", "epoch": 1773477420, "timestamp": 1773169440,
             "vcodec": "avc1", "_version": {"version": "2026.02.21"}}"#,
    )
    .unwrap();
    let c = &i.capture;
    assert_eq!(c.source_url.as_deref(), Some("https://v.example/abc"));
    assert_eq!(c.platform.as_deref(), Some("Youtube"));
    assert_eq!((c.object_id.as_deref(), c.account_handle.as_deref()), (Some("abc"), Some("@chan")));
    assert_eq!(c.captured_at.unwrap().to_string(), "2026-03-14T08:37:00Z");
    assert_eq!(c.tool.as_ref().and_then(|t| t.version.as_deref()), Some("2026.02.21"));
    assert_eq!(c.kind, Some(ItemKind::Video));
    assert_eq!(c.content_times[0].utc.unwrap().to_string(), "2026-03-10T19:04:00Z");
    for bad in [&b"[1,2]"[..], b"{\"title\": \"x\"}", b"{not json", b"", b"{\"webpage_url\": 5, \"extractor\": {}}"] {
        if let Ok(i) = read_ytdlp(bad) {
            assert!(i.capture.source_url.is_none(), "wrong-typed fields are ignored, not trusted");
        }
    }
    assert!(read_ytdlp(b"{\"title\": \"x\"}").unwrap_err().contains("not a yt-dlp"));
    // Control characters in imported text are not carried into the manifest.
    let i = read_ytdlp(b"{\"extractor\": \"x\", \"id\": \"a\\u202eb\", \"uploader_id\": \"ok\"}").unwrap();
    assert!(i.capture.object_id.is_none());
    assert_eq!(i.capture.account_handle.as_deref(), Some("ok"));
}

/// A WACZ with its own fixity: `files` as (path, bytes), datapackage.json listing each, and
/// optionally a datapackage-digest.json with `signed`.
fn wacz(files: &[(&str, &[u8])], signed: Option<serde_json::Value>, tamper: Option<(&str, &[u8])>) -> Vec<u8> {
    wacz_with(files, &[], signed, tamper, serde_json::json!({}))
}

/// As [`wacz`], with `unlisted` files in the ZIP that datapackage.json does not list, and
/// `extra` fields in datapackage.json.
fn wacz_with(
    files: &[(&str, &[u8])],
    unlisted: &[(&str, &[u8])],
    signed: Option<serde_json::Value>,
    tamper: Option<(&str, &[u8])>,
    extra: serde_json::Value,
) -> Vec<u8> {
    let resources: Vec<serde_json::Value> = files
        .iter()
        .map(|(p, b)| serde_json::json!({"name": p, "path": p, "hash": format!("sha256:{}", crate::digest::Sha256Digest::of(b).hex()), "bytes": b.len()}))
        .collect();
    let mut package = serde_json::json!({
        "profile": "data-package", "wacz_version": "1.1.1", "software": "py-wacz 0.5.0",
        "created": "2026-03-14T08:40:00.5Z", "resources": resources,
    });
    if let (Some(p), serde_json::Value::Object(extra)) = (package.as_object_mut(), extra) {
        p.extend(extra);
    }
    let package = serde_json::to_vec(&package).unwrap();
    let mut buf = Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        for (p, b) in unlisted {
            z.start_file(*p, opts).unwrap();
            z.write_all(b).unwrap();
        }
        for (p, b) in files {
            z.start_file(*p, opts).unwrap();
            let b = tamper.filter(|(t, _)| t == p).map_or(*b, |(_, t)| t);
            z.write_all(b).unwrap();
        }
        z.start_file("datapackage.json", opts).unwrap();
        z.write_all(&package).unwrap();
        if let Some(signed) = signed {
            z.start_file("datapackage-digest.json", opts).unwrap();
            let hash = format!("sha256:{}", crate::digest::Sha256Digest::of(&package).hex());
            let mut signed = signed;
            if signed.get("hash").and_then(|h| h.as_str()) == Some("(this package's)") {
                signed["hash"] = hash.clone().into();
            }
            z.write_all(
                &serde_json::to_vec(
                    &serde_json::json!({"path": "datapackage.json", "hash": hash, "signedData": signed}),
                )
                .unwrap(),
            )
            .unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

#[test]
fn wacz_package_checks_its_own_fixity_and_keeps_every_page() {
    let pages = b"{\"format\": \"json-pages-1.0\"}\n{\"url\": \"https://p.example/\", \"ts\": \"2026-03-14T08:31:00Z\"}\n{\"url\": \"https://q.example/\", \"ts\": \"2026-03-14T08:35:00Z\"}\n";
    let warc = super::warc::tests::sample_warc();
    let files: [(&str, &[u8]); 2] = [("archive/data.warc", &warc), ("pages/pages.jsonl", pages)];
    let signed = serde_json::json!({"hash": "(this package's)", "signature": "MEUC", "domain": "signer.example", "created": "2026-03-14T08:41:00Z"});
    let i = read_wacz(Cursor::new(wacz(&files, Some(signed), None))).unwrap();
    assert_eq!(i.capture.source_url.as_deref(), Some("https://p.example/"));
    assert_eq!(i.capture.captured_at.unwrap().to_string(), "2026-03-14T08:31:00Z");
    assert_eq!(i.capture.capture_end.unwrap().to_string(), "2026-03-14T08:35:00Z");
    assert_eq!(i.capture.tool.as_ref().unwrap().name, "TestCrawler 1.2", "the crawler, not the packager");
    assert_eq!(i.pages.len(), 2, "all pages kept");
    assert!(
        i.warnings
            .iter()
            .any(|w| w.contains("claims a signature by the domain signer.example made at 2026-03-14T08:41:00Z")
                && w.contains("not verified")
                && !w.contains("not even")),
        "{:?}",
        i.warnings
    );

    // pages.jsonl rewritten to a forged URL and time: the package fails its own fixity and
    // nothing of it is imported.
    let forged = b"{\"url\": \"https://forged.example/\", \"ts\": \"2020-01-01T00:00:00Z\"}\n";
    let i = read_wacz(Cursor::new(wacz(&files, None, Some(("pages/pages.jsonl", forged))))).unwrap();
    assert!(i.capture.is_empty() && i.pages.is_empty(), "{:?}", i.capture);
    assert!(
        i.warnings[0].contains("fails its own fixity") && i.warnings[0].contains("pages/pages.jsonl"),
        "{:?}",
        i.warnings
    );
    let mut c = Capture::default();
    let w = import_item(&mut c, &[("data/item-1/x.wacz".into(), i)], "item-1");
    assert!(w.is_empty() && c.source_url.is_none() && c.capture_files[0].notes[0].contains("fixity"));

    // Without a digest file: said so.
    let i = read_wacz(Cursor::new(wacz(&files, None, None))).unwrap();
    assert!(i.warnings.iter().any(|w| w.contains("no datapackage-digest.json")));

    assert!(read_wacz(Cursor::new(b"PK\x03\x04garbage".to_vec())).unwrap_err().contains("not a readable ZIP"));
    let mut empty = Cursor::new(Vec::new());
    zip::ZipWriter::new(&mut empty).finish().unwrap();
    assert!(read_wacz(Cursor::new(empty.into_inner())).unwrap_err().contains("datapackage.json"));
}

#[test]
fn declared_fields_win_and_imports_are_marked() {
    let found = read_warc(Cursor::new(super::warc::tests::sample_warc())).unwrap();
    let mut c = Capture { source_url: Some("https://declared.example/".into()), ..Capture::default() };
    assert_eq!(merge_into(&mut c, &found, "data/item-1/a.warc"), None);
    assert_eq!(c.source_url.as_deref(), Some("https://declared.example/"));
    assert_eq!(c.final_url.as_deref(), Some("https://a.example/"));
    assert!(c.imported.iter().all(|f| f.field != "source_url" && f.from == "data/item-1/a.warc"));
    assert!(c.imported.iter().any(|f| f.field == "final_url"));
}

#[test]
fn two_capture_files_that_disagree_are_both_kept_never_mixed() {
    // wget's WARC of one page, and yt-dlp's info of a video captured the day before.
    let warc = read_warc(Cursor::new(super::warc::tests::sample_warc())).unwrap();
    let info = read_ytdlp(
        br#"{"id": "v1", "extractor": "generic", "webpage_url": "https://v.example/v1", "epoch": 1773380000}"#,
    )
    .unwrap();
    let found = vec![("data/item-1/a.warc".to_string(), warc.clone()), ("data/item-1/v.info.json".to_string(), info)];
    let mut c = Capture::default();
    let warnings = import_item(&mut c, &found, "item-1");
    assert_eq!(c.capture_files.len(), 2);
    assert_eq!(c.capture_files[0].pages, warc.pages);
    assert_eq!(c.capture_files[1].source_url.as_deref(), Some("https://v.example/v1"));
    assert_eq!(c.capture_files[1].format, "yt-dlp info");
    // The item's fields all come from the first file: URL, final URL and window of one capture.
    assert_eq!(c.source_url.as_deref(), Some("http://a.example/"));
    assert_eq!(c.final_url.as_deref(), Some("https://a.example/"));
    assert_eq!(c.captured_at.unwrap().to_string(), "2026-03-14T08:31:04Z");
    assert_eq!(c.capture_end.unwrap().to_string(), "2026-03-14T08:31:09Z");
    assert_eq!(c.object_id, None, "nothing of the second file mixed in");
    assert!(c.imported.iter().all(|i| i.from == "data/item-1/a.warc"));
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("disagree (source_url: http://a.example/ / https://v.example/v1)"), "{warnings:?}");

    // A declared start after the file's end: the imported times are left out, not an abort.
    let mut c = Capture { captured_at: Some("2026-03-15T00:00:00Z".parse().unwrap()), ..Capture::default() };
    let warnings = import_item(&mut c, &found[..1], "item-1");
    assert_eq!(c.capture_end, None);
    assert_eq!(c.captured_at.unwrap().to_string(), "2026-03-15T00:00:00Z");
    assert!(warnings[0].contains("contradict"), "{warnings:?}");
    assert!(c.imported.iter().all(|i| i.field != "capture_end"));
    assert_eq!(c.capture_files[0].capture_end.unwrap().to_string(), "2026-03-14T08:31:09Z");
}

#[test]
fn ytdlp_fields_keep_their_true_meaning() {
    // The generic extractor on a direct .mp4 link: its timestamp is the server's
    // Last-Modified header, there is no codec, and the URL asked for is kept.
    let i = read_ytdlp(
        br#"{"id": "clip", "extractor": "generic", "extractor_key": "Generic", "ext": "mp4",
             "original_url": "http://127.0.0.1:8000/clip.mp4?x=1", "webpage_url": "http://127.0.0.1:8000/clip.mp4",
             "timestamp": 1773169440, "upload_date": "20260310", "epoch": 1773477420}"#,
    )
    .unwrap();
    let c = &i.capture;
    assert_eq!(c.kind, Some(ItemKind::Video), "a direct .mp4 is a video");
    assert_eq!(c.source_url.as_deref(), Some("http://127.0.0.1:8000/clip.mp4?x=1"), "original_url kept");
    assert_eq!(c.final_url.as_deref(), Some("http://127.0.0.1:8000/clip.mp4"));
    assert_eq!(c.content_times.len(), 1);
    assert!(c.content_times[0].label.starts_with("a time the page or feed states"), "{:?}", c.content_times);
    assert!(c.content_times[0].meaning.as_deref().unwrap().contains("not a platform upload time"));
    assert!(i.keys.iter().any(|(f, k)| *f == "final_url" && k.contains("canonical URL")), "{:?}", i.keys);
    // Another extractor's timestamp is the platform's upload time.
    let i = read_ytdlp(br#"{"id": "a", "extractor": "youtube", "timestamp": 1773169440}"#).unwrap();
    assert!(i.capture.content_times[0].label.starts_with("upload time"));

    // A channel's playlist file: its id is the channel's, neither a video nor a handle.
    let i = read_ytdlp(
        br#"{"_type": "playlist", "id": "UC0000000000000000000077", "extractor": "youtube:tab",
             "uploader_id": "UC0000000000000000000077", "channel_id": "UC0000000000000000000077",
             "webpage_url": "https://www.youtube.com/channel/UC0000000000000000000077", "epoch": 1773477420}"#,
    )
    .unwrap();
    assert_eq!(i.capture.account_handle, None);
    assert_eq!(i.capture.object_id, None);
    assert_eq!(i.capture.account_id.as_deref(), Some("UC0000000000000000000077"));
    assert_eq!(i.capture.kind, None);

    // A flat-playlist entry: a link listed, not a downloaded video.
    let i = read_ytdlp(
        br#"{"_type": "url", "ie_key": "Youtube", "id": "abc", "url": "https://www.youtube.com/watch?v=abc",
             "duration": 61, "title": "x"}"#,
    )
    .unwrap();
    assert_eq!(i.capture.kind, None);
    assert!(i.capture.methods.is_empty());
    assert_eq!(i.capture.source_url.as_deref(), Some("https://www.youtube.com/watch?v=abc"));
    assert!(i.warnings[0].contains("flat-playlist entry"));

    // Audio only.
    let i = read_ytdlp(br#"{"id": "s", "extractor": "soundcloud", "vcodec": "none", "acodec": "opus"}"#).unwrap();
    assert_eq!(i.capture.kind, Some(ItemKind::Audio));
}

#[test]
fn wacz_imports_only_what_its_fixity_covers() {
    let pages = b"{\"url\": \"https://p.example/\", \"ts\": \"2026-03-14T08:31:00Z\"}\n";
    let forged = b"{\"url\": \"https://forged.example/\", \"ts\": \"2020-01-01T00:00:00Z\"}\n";
    let warc = super::warc::tests::sample_warc();
    let files: [(&str, &[u8]); 2] = [("archive/data.warc", &warc), ("pages/pages.jsonl", pages)];
    // A page list added to the package, not listed in datapackage.json: the package passes
    // its fixity, but none of that list's pages are imported.
    let unlisted: [(&str, &[u8]); 1] = [("pages/extraPages.jsonl", forged)];
    let i = read_wacz(Cursor::new(wacz_with(&files, &unlisted, None, None, serde_json::json!({})))).unwrap();
    assert_eq!(i.pages.len(), 1, "{:?}", i.pages);
    assert_eq!(i.capture.captured_at.unwrap().to_string(), "2026-03-14T08:31:00Z");
    assert!(
        i.warnings
            .iter()
            .any(|w| w.contains("pages/extraPages.jsonl is in the package but datapackage.json does not list it")),
        "{:?}",
        i.warnings
    );
    let only_warc: [(&str, &[u8]); 1] = [("archive/data.warc", &warc)];
    let unlisted: [(&str, &[u8]); 1] = [("pages/pages.jsonl", forged)];
    let i = read_wacz(Cursor::new(wacz_with(
        &only_warc,
        &unlisted,
        None,
        None,
        serde_json::json!({"mainPageURL": "https://m.example/"}),
    )))
    .unwrap();
    assert!(i.pages.is_empty() && i.capture.source_url.as_deref() == Some("https://m.example/"));

    // `created` is when the package was made, not a capture time: left out.
    assert_eq!(i.capture.captured_at, None, "{:?}", i.keys);

    // A signedData block copied from another package: its hash is not this package's digest.
    let signed = serde_json::json!({"hash": "sha256:00", "signature": "MEUC", "domain": "signer.example"});
    let i = read_wacz(Cursor::new(wacz(&files, Some(signed), None))).unwrap();
    assert!(
        i.warnings.iter().any(|w| w.contains("claims a signature by the domain signer.example")
            && w.contains("not even this package's digest")),
        "{:?}",
        i.warnings
    );

    // One path listed twice: refused (it would be inflated twice).
    let dup = serde_json::json!({"resources": [
        {"path": "pages/pages.jsonl", "hash": "sha256:00"}, {"path": "pages/pages.jsonl", "hash": "sha256:00"}]});
    let bytes = wacz_with(&files, &[], None, None, dup);
    assert!(read_wacz(Cursor::new(bytes)).unwrap_err().contains("listed more than once"));
}

#[test]
fn wacz_fixity_inflates_a_bounded_number_of_bytes() {
    // 20 entries of 8 MiB of zeros each: a few kilobytes deflated, 160 MiB inflated.
    let zeros = vec![0u8; 8 << 20];
    let names: Vec<String> = (0..20).map(|n| format!("archive/z{n}.warc")).collect();
    let files: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &zeros[..])).collect();
    let mut buf = Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (p, b) in &files {
            z.start_file(*p, opts).unwrap();
            z.write_all(b).unwrap();
        }
        let hash = format!("sha256:{}", crate::digest::Sha256Digest::of(&zeros).hex());
        let resources: Vec<_> = names.iter().map(|p| serde_json::json!({"path": p, "hash": hash})).collect();
        z.start_file("datapackage.json", opts).unwrap();
        z.write_all(&serde_json::to_vec(&serde_json::json!({"resources": resources})).unwrap()).unwrap();
        z.finish().unwrap();
    }
    let bytes = buf.into_inner();
    assert!(bytes.len() < 1 << 20, "{}", bytes.len());
    let err = super::wacz::read_wacz_within(Cursor::new(bytes), 64 << 20).unwrap_err();
    assert!(err.contains("would inflate to") && err.contains("not read"), "{err}");
}

#[test]
fn a_numeric_uploader_id_is_an_account_id_not_a_handle() {
    // TikTok: uploader_id is the numeric uid, uploader the nickname.
    let i = read_ytdlp(
        br#"{"id": "7300000000000000000", "extractor": "TikTok", "uploader": "nick", "uploader_id": "6800000000000000000",
             "webpage_url": "https://www.tiktok.com/@nick/video/7300000000000000000"}"#,
    )
    .unwrap();
    assert_eq!(i.capture.account_handle, None);
    assert_eq!(i.capture.account_id.as_deref(), Some("6800000000000000000"));
    assert!(i.keys.iter().any(|(f, k)| *f == "account_id" && k.contains("numeric")));
    // With a channel id, that is the account id; the numeric uploader id is no handle either.
    let i = read_ytdlp(br#"{"id": "a", "extractor": "x", "uploader_id": "123", "channel_id": "C9"}"#).unwrap();
    assert_eq!((i.capture.account_handle.as_deref(), i.capture.account_id.as_deref()), (None, Some("C9")));
}
