//! WACZ packages: `datapackage.json` and `pages/pages.jsonl`.

use std::io::Read;

use serde_json::Value;

use super::{Imported, json_value, machine_time, text};
use crate::provenance::{CaptureMethod, CaptureTool, FileRole};

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
