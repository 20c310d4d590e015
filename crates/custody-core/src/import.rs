//! Capture metadata from the files capture tools write, so investigators need not type it:
//! WARC (`.warc`, `.warc.gz`), WACZ (`.wacz`) and yt-dlp's `.info.json`.
//!
//! Each recognised file yields part of its item's capture provenance (URL, capture time,
//! platform, object id, account, tool) and every value is recorded with the file and the key
//! it came from ([`ImportedField`]). What the sealer declared always wins over what a file
//! says. These files come from tools and websites, not from us: every reader here is
//! bounded (bytes, records, nesting) and a file it cannot read gives a warning, never an
//! error that stops the seal and never a panic. The evidence is sealed either way.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use serde_json::Value;

use crate::provenance::{Capture, CaptureMethod, CaptureTool, ContentTime, FileRole, ImportedField, ItemKind};
use crate::time::Timestamp;

/// At most this many bytes of a WARC (after decompression) are read for metadata.
const WARC_SCAN_BYTES: u64 = 64 << 20;
/// At most this many WARC records are read.
const WARC_SCAN_RECORDS: usize = 10_000;
/// Largest WARC record header block read.
const WARC_HEADER_BYTES: usize = 64 << 10;
/// Largest JSON document read (yt-dlp info files list every format and can be large).
const JSON_LIMIT: u64 = 64 << 20;

/// What one file said about its item.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Imported {
    /// The capture fields found (only those, everything else empty).
    pub capture: Capture,
    /// For each field set in `capture`: (field, key in the file).
    pub keys: Vec<(&'static str, String)>,
    /// The file's role in its item.
    pub role: Option<FileRole>,
    /// Which reader recognised it, e.g. "yt-dlp info".
    pub format: &'static str,
}

/// The kind of capture file a name denotes, if custody reads that kind.
pub fn recognise(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".info.json") {
        Some("yt-dlp info")
    } else if lower.ends_with(".warc") || lower.ends_with(".warc.gz") {
        Some("WARC")
    } else if lower.ends_with(".wacz") {
        Some("WACZ")
    } else {
        None
    }
}

/// Reads capture metadata from `path` if its name is a recognised kind. `Ok(None)`: not a
/// kind custody reads. `Err`: recognised but unreadable, with the reason, for a warning.
pub fn import(path: &Path, name: &str) -> Result<Option<Imported>, String> {
    match recognise(name) {
        Some("yt-dlp info") => read_ytdlp(&read_limited(path, JSON_LIMIT)?).map(Some),
        Some("WARC") => {
            let file = File::open(path).map_err(|e| e.to_string())?;
            read_warc(file, name.to_ascii_lowercase().ends_with(".gz")).map(Some)
        }
        Some("WACZ") => read_wacz(BufReader::new(File::open(path).map_err(|e| e.to_string())?)).map(Some),
        _ => Ok(None),
    }
}

/// A machine-written time (RFC 3339, fractional seconds allowed), to the second in UTC.
fn machine_time(s: &str) -> Option<Timestamp> {
    let t = chrono::DateTime::parse_from_rfc3339(s.trim()).ok()?;
    Timestamp::from_unix(t.timestamp())
}

fn text(v: Option<&Value>) -> Option<String> {
    let s = v?.as_str()?.trim();
    // Imported text goes into a signed document people read: no control or direction characters.
    let clean = !s.is_empty()
        && s.chars().count() <= 1024
        && !s.chars().any(|c| c.is_control() || crate::text::is_bidi_control(c));
    clean.then(|| s.to_string())
}

fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let file = File::open(path).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    if bytes.len() as u64 > limit {
        return Err(format!("larger than {} MiB", limit >> 20));
    }
    Ok(bytes)
}

fn json_value(bytes: &[u8]) -> Result<Value, String> {
    serde_json::from_slice(bytes).map_err(|e| format!("not valid JSON ({e})"))
}

// ------------------------------------------------------------------------------ yt-dlp

/// Reads a yt-dlp `.info.json` document.
pub fn read_ytdlp(bytes: &[u8]) -> Result<Imported, String> {
    let v = json_value(bytes)?;
    let obj = v.as_object().ok_or("not a yt-dlp info file (expected a JSON object)")?;
    if !obj.contains_key("extractor") && !obj.contains_key("webpage_url") {
        return Err("not a yt-dlp info file (no 'extractor' or 'webpage_url')".into());
    }
    let mut out = Imported { role: Some(FileRole::Metadata), format: "yt-dlp info", ..Default::default() };
    let c = &mut out.capture;
    let k = &mut out.keys;
    if let Some(u) = text(obj.get("webpage_url")) {
        c.source_url = Some(u);
        k.push(("source_url", "webpage_url".into()));
    } else if let Some(u) = text(obj.get("original_url")) {
        c.source_url = Some(u);
        k.push(("source_url", "original_url".into()));
    }
    for (key, field) in [("extractor_key", "platform"), ("extractor", "platform")] {
        if c.platform.is_none()
            && let Some(p) = text(obj.get(key))
        {
            c.platform = Some(p);
            k.push((field, key.into()));
        }
    }
    if let Some(id) = text(obj.get("id")) {
        c.object_id = Some(id);
        k.push(("object_id", "id".into()));
    }
    for key in ["uploader_id", "channel", "uploader"] {
        if c.account_handle.is_none()
            && let Some(h) = text(obj.get(key))
        {
            c.account_handle = Some(h);
            k.push(("account_handle", key.into()));
        }
    }
    if let Some(id) = text(obj.get("channel_id")) {
        c.account_id = Some(id);
        k.push(("account_id", "channel_id".into()));
    }
    // `epoch` is when yt-dlp extracted the information: the capture time.
    if let Some(t) = obj.get("epoch").and_then(Value::as_i64).and_then(Timestamp::from_unix) {
        c.captured_at = Some(t);
        k.push(("captured_at", "epoch".into()));
    }
    let version = obj.get("_version").and_then(|v| text(v.get("version")));
    c.tool = Some(CaptureTool { name: "yt-dlp".into(), version: version.clone(), sha256: None });
    k.push(("tool", if version.is_some() { "_version.version".into() } else { "(file format)".into() }));
    c.methods = vec![CaptureMethod::MediaDownload];
    k.push(("methods", "(file format)".into()));
    let is_video = obj.get("vcodec").and_then(Value::as_str).is_some_and(|v| v != "none")
        || obj.get("duration").is_some_and(Value::is_number) && obj.get("acodec").is_none();
    if is_video {
        c.kind = Some(ItemKind::Video);
        k.push(("kind", "vcodec".into()));
    }
    if let Some(ts) = obj.get("timestamp").and_then(Value::as_i64) {
        if let Some(utc) = Timestamp::from_unix(ts) {
            c.content_times.push(ContentTime {
                label: "upload time (yt-dlp 'timestamp')".into(),
                value: ts.to_string(),
                meaning: Some("when the platform says the media was uploaded".into()),
                time_zone: Some("UTC (Unix time)".into()),
                utc: Some(utc),
            });
            k.push(("content_times", "timestamp".into()));
        }
    } else if let Some(d) = text(obj.get("upload_date")) {
        c.content_times.push(ContentTime {
            label: "upload date (yt-dlp 'upload_date')".into(),
            value: d,
            meaning: Some("the upload date the platform reports".into()),
            time_zone: None,
            utc: None,
        });
        k.push(("content_times", "upload_date".into()));
    }
    Ok(out)
}

// ------------------------------------------------------------------------------- WARC

/// One WARC record's header fields (names lower-cased).
type Fields = Vec<(String, String)>;

fn field<'a>(f: &'a Fields, name: &str) -> Option<&'a str> {
    f.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// Reads a header block up to the empty line; `Ok(None)` at a clean end of input.
fn read_block(r: &mut impl BufRead) -> Result<Option<Vec<String>>, String> {
    let mut lines = Vec::new();
    let mut total = 0usize;
    loop {
        let mut line = Vec::new();
        let n = r.by_ref().take(WARC_HEADER_BYTES as u64).read_until(b'\n', &mut line).map_err(|e| e.to_string())?;
        if n == 0 {
            return if lines.is_empty() { Ok(None) } else { Err("a record header ends early".into()) };
        }
        total += n;
        if total > WARC_HEADER_BYTES {
            return Err("a record header is too long".into());
        }
        let s = String::from_utf8_lossy(&line).trim_end_matches(['\r', '\n']).to_string();
        if s.is_empty() {
            if lines.is_empty() {
                continue; // blank lines between records
            }
            return Ok(Some(lines));
        }
        lines.push(s);
    }
}

/// Reads the head of a WARC file (gzip-compressed if `gz`).
pub fn read_warc<R: Read + 'static>(file: R, gz: bool) -> Result<Imported, String> {
    let raw: Box<dyn Read> =
        if gz { Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(file))) } else { Box::new(file) };
    let mut r = BufReader::new(raw.take(WARC_SCAN_BYTES));
    let mut out = Imported { role: Some(FileRole::Warc), format: "WARC", ..Default::default() };
    let mut records = 0usize;
    let mut first_response: Option<(String, Option<Timestamp>)> = None;
    let mut final_url: Option<String> = None;
    let mut earliest: Option<Timestamp> = None;
    let mut latest: Option<Timestamp> = None;
    let mut software: Option<String> = None;
    let mut complete = false;
    while records < WARC_SCAN_RECORDS {
        let Some(lines) = read_block(&mut r)? else {
            complete = true;
            break;
        };
        let version = lines.first().map(String::as_str).unwrap_or_default();
        if !version.starts_with("WARC/") {
            return Err(if records == 0 {
                "not a WARC file (it does not start with a WARC/1.x record)".into()
            } else {
                format!("record {} does not start with a WARC version line", records + 1)
            });
        }
        let fields: Fields = lines[1..]
            .iter()
            .filter_map(|l| l.split_once(':').map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string())))
            .collect();
        let len: u64 = field(&fields, "content-length")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| format!("record {} has no valid Content-Length", records + 1))?;
        let kind = field(&fields, "warc-type").unwrap_or_default().to_ascii_lowercase();
        let date = field(&fields, "warc-date").and_then(machine_time);
        // Read the head of the block (for the software line or HTTP status), skip the rest.
        let mut head = Vec::new();
        r.by_ref().take(len.min(4096)).read_to_end(&mut head).map_err(|e| e.to_string())?;
        let rest = len - head.len() as u64;
        let skipped = std::io::copy(&mut r.by_ref().take(rest), &mut std::io::sink()).map_err(|e| e.to_string())?;
        if head.len() as u64 + skipped < len {
            if r.get_ref().limit() == 0 && records > 0 {
                break; // the scan limit cut this record short: what was read stands
            }
            return Err(format!("record {} is shorter than its Content-Length (the file is cut short)", records + 1));
        }
        records += 1;
        match kind.as_str() {
            "warcinfo" if software.is_none() => {
                let text = String::from_utf8_lossy(&head);
                software = text
                    .lines()
                    .find_map(|l| l.split_once(':').filter(|(k, _)| k.trim().eq_ignore_ascii_case("software")))
                    .map(|(_, v)| v.trim().to_string())
                    .filter(|v| !v.is_empty() && !v.chars().any(char::is_control));
            }
            "response" | "resource" => {
                if let Some(d) = date {
                    earliest = Some(earliest.map_or(d, |e| e.min(d)));
                    latest = Some(latest.map_or(d, |l| l.max(d)));
                }
                let uri = field(&fields, "warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_string());
                if let Some(uri) = uri.filter(|u| !u.is_empty() && !u.chars().any(char::is_control)) {
                    let status = String::from_utf8_lossy(&head)
                        .lines()
                        .next()
                        .and_then(|l| l.split_whitespace().nth(1).map(str::to_string));
                    let redirect = kind == "response" && status.as_deref().is_some_and(|s| s.starts_with('3'));
                    if first_response.is_none() {
                        first_response = Some((uri.clone(), date));
                    }
                    if final_url.is_none() && !redirect {
                        final_url = Some(uri);
                    }
                }
            }
            _ => {}
        }
    }
    let c = &mut out.capture;
    let k = &mut out.keys;
    let Some((source, first_date)) = first_response else {
        return Err("no response or resource record in the part read".into());
    };
    if let Some(f) = final_url.filter(|f| *f != source) {
        c.final_url = Some(f);
        k.push(("final_url", "WARC-Target-URI (first non-redirect response)".into()));
    }
    c.source_url = Some(source);
    k.push(("source_url", "WARC-Target-URI (first response)".into()));
    if let Some(t) = earliest.or(first_date) {
        c.captured_at = Some(t);
        k.push(("captured_at", "WARC-Date (earliest response)".into()));
    }
    if complete && let Some(t) = latest.filter(|l| Some(*l) != earliest) {
        c.capture_end = Some(t);
        k.push(("capture_end", "WARC-Date (latest response)".into()));
    }
    if let Some(s) = software.filter(|s| s.chars().count() <= 1024) {
        c.tool = Some(CaptureTool { name: s, version: None, sha256: None });
        k.push(("tool", "warcinfo software".into()));
    }
    c.methods = vec![CaptureMethod::Warc];
    k.push(("methods", "(file format)".into()));
    Ok(out)
}

// ------------------------------------------------------------------------------- WACZ

/// Reads a WACZ package's `datapackage.json` and first page.
pub fn read_wacz<R: Read + std::io::Seek>(file: R) -> Result<Imported, String> {
    let mut zip = zip::ZipArchive::new(file).map_err(|e| format!("not a readable ZIP ({e})"))?;
    let mut read_entry = |name: &str, limit: u64| -> Result<Option<Vec<u8>>, String> {
        let entry = match zip.by_name(name) {
            Ok(e) => e,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(format!("{name}: {e}")),
        };
        let mut bytes = Vec::new();
        entry.take(limit + 1).read_to_end(&mut bytes).map_err(|e| format!("{name}: {e}"))?;
        if bytes.len() as u64 > limit {
            return Err(format!("{name} is larger than {} MiB", limit >> 20));
        }
        Ok(Some(bytes))
    };
    let package = read_entry("datapackage.json", 16 << 20)?.ok_or("not a WACZ (no datapackage.json)")?;
    let pages = read_entry("pages/pages.jsonl", 16 << 20)?;
    let package = json_value(&package).map_err(|e| format!("datapackage.json: {e}"))?;
    let mut out = Imported { role: Some(FileRole::Warc), format: "WACZ", ..Default::default() };
    let c = &mut out.capture;
    let k = &mut out.keys;
    let first_page = pages.as_deref().and_then(|p| {
        p.split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .filter_map(|l| serde_json::from_slice::<Value>(l).ok())
            .find(|v| v.get("url").is_some())
    });
    if let Some(u) = text(package.get("mainPageURL")) {
        c.source_url = Some(u);
        k.push(("source_url", "datapackage.json mainPageURL".into()));
    } else if let Some(u) = first_page.as_ref().and_then(|p| text(p.get("url"))) {
        c.source_url = Some(u);
        k.push(("source_url", "pages/pages.jsonl url (first page)".into()));
    }
    let date = [
        (package.get("mainPageDate"), "datapackage.json mainPageDate"),
        (first_page.as_ref().and_then(|p| p.get("ts")), "pages/pages.jsonl ts (first page)"),
        (package.get("created"), "datapackage.json created"),
    ]
    .into_iter()
    .find_map(|(v, key)| text(v).and_then(|s| machine_time(&s)).map(|t| (t, key)));
    if let Some((t, key)) = date {
        c.captured_at = Some(t);
        k.push(("captured_at", key.into()));
    }
    if let Some(s) = text(package.get("software")) {
        c.tool = Some(CaptureTool { name: s, version: None, sha256: None });
        k.push(("tool", "datapackage.json software".into()));
    }
    if c.source_url.is_none() && c.captured_at.is_none() {
        return Err("datapackage.json names neither a page nor a date".into());
    }
    c.methods = vec![CaptureMethod::Warc];
    k.push(("methods", "(file format)".into()));
    Ok(out)
}

/// Adds what `found` (from the file at bundle path `from`) says to `capture`, for every
/// field the capture does not already have; records where each value came from.
pub(crate) fn merge_into(capture: &mut Capture, found: &Imported, from: &str) {
    let Ok(Value::Object(mut have)) = serde_json::to_value(&*capture) else { return };
    let Ok(Value::Object(new)) = serde_json::to_value(&found.capture) else { return };
    let mut added = Vec::new();
    for (field, value) in new {
        if have.contains_key(&field) {
            continue;
        }
        have.insert(field.clone(), value);
        for (f, key) in found.keys.iter().filter(|(f, _)| *f == field) {
            added.push(ImportedField { field: (*f).into(), from: from.into(), key: key.clone() });
        }
    }
    let imported = std::mem::take(&mut capture.imported);
    if let Ok(mut merged) = serde_json::from_value::<Capture>(Value::Object(have)) {
        merged.imported = imported;
        merged.imported.extend(added);
        *capture = merged;
    } else {
        capture.imported = imported;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    fn record(fields: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
        let mut r = b"WARC/1.1\r\n".to_vec();
        for (k, v) in fields {
            r.extend(format!("{k}: {v}\r\n").as_bytes());
        }
        r.extend(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
        r.extend(body);
        r.extend(b"\r\n\r\n");
        r
    }

    fn sample_warc() -> Vec<u8> {
        let mut w = record(&[("WARC-Type", "warcinfo")], b"software: TestCrawler 1.2\r\n");
        w.extend(record(
            &[
                ("WARC-Type", "response"),
                ("WARC-Date", "2026-03-14T08:31:04.123Z"),
                ("WARC-Target-URI", "http://a.example/"),
            ],
            b"HTTP/1.1 302 Found\r\nLocation: https://a.example/\r\n\r\n",
        ));
        w.extend(record(
            &[
                ("WARC-Type", "response"),
                ("WARC-Date", "2026-03-14T08:31:09Z"),
                ("WARC-Target-URI", "<https://a.example/>"),
            ],
            b"HTTP/1.1 200 OK\r\n\r\n<html></html>",
        ));
        w
    }

    #[test]
    fn warc_gives_urls_times_and_tool() {
        let i = read_warc(Cursor::new(sample_warc()), false).unwrap();
        assert_eq!(i.capture.source_url.as_deref(), Some("http://a.example/"));
        assert_eq!(i.capture.final_url.as_deref(), Some("https://a.example/"), "angle brackets of WARC 1.0 removed");
        assert_eq!(i.capture.captured_at.unwrap().to_string(), "2026-03-14T08:31:04Z", "fractions truncated");
        assert_eq!(i.capture.capture_end.unwrap().to_string(), "2026-03-14T08:31:09Z");
        assert_eq!(i.capture.tool.as_ref().unwrap().name, "TestCrawler 1.2");
        assert_eq!(i.role, Some(FileRole::Warc));
        assert!(i.keys.iter().any(|(f, k)| *f == "source_url" && k.contains("WARC-Target-URI")));

        // The same, gzip-compressed record by record (a multi-member gzip file).
        let mut gz = Vec::new();
        let w = sample_warc();
        for chunk in w.split_inclusive(|b| *b == b'\n').collect::<Vec<_>>().chunks(4) {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(&chunk.concat()).unwrap();
            gz.extend(e.finish().unwrap());
        }
        assert_eq!(read_warc(Cursor::new(gz), true).unwrap().capture, i.capture);
    }

    #[test]
    fn bad_warcs_are_explained_not_fatal() {
        for (bytes, gz, why) in [
            (b"hello world\n\n".to_vec(), false, "not a WARC"),
            (sample_warc()[..sample_warc().len() - 20].to_vec(), false, "shorter than its Content-Length"),
            (sample_warc()[..sample_warc().len() - 40].to_vec(), false, "header ends early"),
            (b"WARC/1.1\r\nWARC-Type: response\r\n\r\n".to_vec(), false, "Content-Length"),
            (b"WARC/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n".to_vec(), false, "Content-Length"),
            (record(&[("WARC-Type", "warcinfo")], b"x"), false, "no response"),
            (sample_warc(), true, "gzip"),
            (vec![], false, "no response"),
        ] {
            let e = read_warc(Cursor::new(bytes), gz).unwrap_err();
            assert!(e.contains(why) || (why == "gzip" && !e.is_empty()), "{why}: got {e}");
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
        for bad in [&b"[1,2]"[..], b"{\"title\": \"x\"}", b"{not json", b"", b"{\"webpage_url\": 5, \"extractor\": {}}"]
        {
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

    #[test]
    fn wacz_package() {
        let mut buf = Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default();
            z.start_file("datapackage.json", opts).unwrap();
            z.write_all(br#"{"profile": "data-package", "software": "pywb 2.8", "created": "2026-03-14T08:40:00.5Z", "resources": []}"#).unwrap();
            z.start_file("pages/pages.jsonl", opts).unwrap();
            z.write_all(b"{\"format\": \"json-pages-1.0\"}\n{\"url\": \"https://p.example/\", \"ts\": \"2026-03-14T08:31:00Z\"}\n").unwrap();
            z.finish().unwrap();
        }
        let i = read_wacz(Cursor::new(buf.into_inner())).unwrap();
        assert_eq!(i.capture.source_url.as_deref(), Some("https://p.example/"));
        assert_eq!(i.capture.captured_at.unwrap().to_string(), "2026-03-14T08:31:00Z");
        assert_eq!(i.capture.tool.unwrap().name, "pywb 2.8");
        assert!(read_wacz(Cursor::new(b"PK\x03\x04garbage".to_vec())).unwrap_err().contains("not a readable ZIP"));
        let mut empty = Cursor::new(Vec::new());
        zip::ZipWriter::new(&mut empty).finish().unwrap();
        assert!(read_wacz(Cursor::new(empty.into_inner())).unwrap_err().contains("datapackage.json"));
    }

    #[test]
    fn declared_fields_win_and_imports_are_marked() {
        let found = read_warc(Cursor::new(sample_warc()), false).unwrap();
        let mut c = Capture { source_url: Some("https://declared.example/".into()), ..Capture::default() };
        merge_into(&mut c, &found, "data/item-1/a.warc");
        assert_eq!(c.source_url.as_deref(), Some("https://declared.example/"));
        assert_eq!(c.final_url.as_deref(), Some("https://a.example/"));
        assert!(c.imported.iter().all(|f| f.field != "source_url" && f.from == "data/item-1/a.warc"));
        assert!(c.imported.iter().any(|f| f.field == "final_url"));
    }
}
