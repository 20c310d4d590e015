//! WACZ packages: their own fixity first (`datapackage.json`'s SHA-256 of each file, and
//! `datapackage-digest.json`'s digest of `datapackage.json`), then `pages/pages.jsonl` and
//! `pages/extraPages.jsonl` (every page), and the crawler from the first WARC's `warcinfo`.
//!
//! A package that fails its own fixity is reported (a warning naming the file) and none of
//! its values are imported as facts: a rewritten `pages.jsonl` fails here, as it fails
//! `wacz validate`. A signature in `datapackage-digest.json` is recorded as what it is
//! (signer domain or anonymous key, time) and as not verified: custody does not check WACZ
//! signatures.

use std::io::{Read, Seek};

use serde_json::Value;

use super::{Imported, clean, json_value, machine_time, text};
use crate::digest::Sha256Digest;
use crate::provenance::{CaptureMethod, CaptureTool, CapturedPage, FileRole};

/// Largest JSON file of a package read (`datapackage.json`, the page lists).
const JSON_LIMIT: u64 = 16 << 20;
/// Most resources a `datapackage.json` may list.
const RESOURCES: usize = 100_000;
/// Pages listed at most.
const PAGES: usize = 10_000;
/// Bytes of the first WARC read for its `warcinfo` record.
const WARCINFO_SCAN: u64 = 1 << 20;

fn read_entry<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, name: &str) -> Result<Option<Vec<u8>>, String> {
    let entry = match zip.by_name(name) {
        Ok(e) => e,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("{name}: {e}")),
    };
    let mut bytes = Vec::new();
    entry.take(JSON_LIMIT + 1).read_to_end(&mut bytes).map_err(|e| format!("{name}: {e}"))?;
    if bytes.len() as u64 > JSON_LIMIT {
        return Err(format!("{name} is larger than {} MiB", JSON_LIMIT >> 20));
    }
    Ok(Some(bytes))
}

/// A `sha256:<hex>` value of a package.
fn sha256_of(v: Option<&Value>) -> Option<Sha256Digest> {
    v?.as_str()?.strip_prefix("sha256:")?.parse().ok()
}

/// A resource's SHA-256: `hash: "sha256:<hex>"` (WACZ 1.1), or `stats.hash` with
/// `hashing: "sha256"` (WACZ 1.0).
fn resource_sha256(r: &Value) -> Option<Sha256Digest> {
    if let Some(d) = sha256_of(r.get("hash")) {
        return Some(d);
    }
    let stats = r.get("stats")?;
    if r.get("hashing").and_then(Value::as_str) == Some("sha256") {
        return stats.get("hash")?.as_str()?.parse().ok();
    }
    None
}

/// The package's own fixity: every resource's SHA-256 (and `datapackage-digest.json`'s
/// digest of `datapackage.json`). Returns the failures, and notes on the signature.
fn fixity<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    package: &Value,
    package_bytes: &[u8],
    notes: &mut Vec<String>,
) -> Result<Vec<String>, String> {
    let mut failures = Vec::new();
    let resources = package.get("resources").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
    if resources.is_empty() {
        failures.push("datapackage.json lists no resources with their hashes".into());
    }
    if resources.len() > RESOURCES {
        return Err(format!("datapackage.json lists more than {RESOURCES} resources"));
    }
    for r in resources {
        let Some(path) = r.get("path").and_then(Value::as_str) else {
            failures.push("a resource of datapackage.json has no path".into());
            continue;
        };
        let shown = clean(path, 256).unwrap_or_else(|| "(a path with control characters)".into());
        let Some(want) = resource_sha256(r) else {
            failures.push(format!("{shown}: datapackage.json gives no SHA-256 (sha256:...) for it"));
            continue;
        };
        let mut entry = match zip.by_name(path) {
            Ok(e) => e,
            Err(_) => {
                failures.push(format!("{shown}: listed in datapackage.json but not in the package"));
                continue;
            }
        };
        match Sha256Digest::of_reader(&mut entry) {
            Ok((got, _)) if got == want => {}
            Ok(_) => failures.push(format!("{shown}: its SHA-256 is not the one datapackage.json lists")),
            Err(e) => failures.push(format!("{shown}: cannot be read ({e})")),
        }
    }
    if let Some(digest) = read_entry(zip, "datapackage-digest.json")? {
        let digest = json_value(&digest).map_err(|e| format!("datapackage-digest.json: {e}"))?;
        match sha256_of(digest.get("hash")) {
            Some(h) if h == Sha256Digest::of(package_bytes) => {}
            Some(_) => {
                failures.push("datapackage.json: its SHA-256 is not the one datapackage-digest.json gives".into())
            }
            None => failures.push("datapackage-digest.json gives no SHA-256 of datapackage.json".into()),
        }
        if let Some(signed) = digest.get("signedData").filter(|s| s.get("signature").is_some()) {
            let by = match (text(signed.get("domain")), signed.get("publicKey").is_some()) {
                (Some(d), _) => format!("by the domain {d}"),
                (None, true) => "with an anonymous key (publicKey)".into(),
                (None, false) => "by an unnamed signer".into(),
            };
            let at = text(signed.get("created")).map_or(String::new(), |t| format!(" at {t}"));
            notes.push(format!(
                "the package is signed {by}{at} (datapackage-digest.json); custody did not verify this signature"
            ));
        }
    } else {
        notes.push("the package has no datapackage-digest.json: it is neither digested nor signed".into());
    }
    Ok(failures)
}

/// The pages of a page list (`pages.jsonl`): each line with a `url`.
fn pages_of(list: &[u8], pages: &mut Vec<CapturedPage>, total: &mut u64) {
    for line in list.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
        let Ok(v) = serde_json::from_slice::<Value>(line) else { continue };
        let Some(url) = text(v.get("url")) else { continue };
        *total += 1;
        if pages.len() < PAGES {
            let time = text(v.get("ts")).and_then(|t| machine_time(&t));
            pages.push(CapturedPage { url, time, status: None, final_url: None, revisit: false });
        }
    }
}

/// The crawler, from the `warcinfo` record of the package's first WARC.
fn crawler<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, package: &Value) -> Option<String> {
    let resources = package.get("resources")?.as_array()?;
    let warc = resources.iter().filter_map(|r| r.get("path")?.as_str()).find(|p| {
        let p = p.to_ascii_lowercase();
        p.starts_with("archive/") && (p.ends_with(".warc") || p.ends_with(".warc.gz"))
    })?;
    let entry = zip.by_name(warc).ok()?;
    let limits = super::WarcLimits { scan_bytes: WARCINFO_SCAN, pages: 1 };
    super::read_warc_with(entry, limits).ok()?.capture.tool.map(|t| t.name)
}

/// Reads a WACZ package: its fixity, then its pages and crawler.
pub fn read_wacz<R: Read + Seek>(file: R) -> Result<Imported, String> {
    let mut zip = zip::ZipArchive::new(file).map_err(|e| format!("not a readable ZIP ({e})"))?;
    let package_bytes = read_entry(&mut zip, "datapackage.json")?.ok_or("not a WACZ (no datapackage.json)")?;
    let package = json_value(&package_bytes).map_err(|e| format!("datapackage.json: {e}"))?;
    let mut out = Imported { role: Some(FileRole::Warc), format: "WACZ", ..Default::default() };
    let failures = fixity(&mut zip, &package, &package_bytes, &mut out.warnings)?;
    if !failures.is_empty() {
        let n = failures.len();
        let mut shown: Vec<String> = failures.into_iter().take(10).collect();
        if n > shown.len() {
            shown.push(format!("and {} more", n - shown.len()));
        }
        out.warnings.insert(
            0,
            format!("the package fails its own fixity ({}): none of its values are imported", shown.join("; ")),
        );
        return Ok(out);
    }
    let mut pages = Vec::new();
    let mut total = 0u64;
    for list in ["pages/pages.jsonl", "pages/extraPages.jsonl"] {
        if let Some(bytes) = read_entry(&mut zip, list)? {
            pages_of(&bytes, &mut pages, &mut total);
        }
    }
    let c = &mut out.capture;
    let k = &mut out.keys;
    if let Some(u) = text(package.get("mainPageURL")) {
        c.source_url = Some(u);
        k.push(("source_url", "datapackage.json mainPageURL".into()));
    } else if let Some(p) = pages.first() {
        c.source_url = Some(p.url.clone());
        k.push(("source_url", "pages/pages.jsonl url (first page)".into()));
    }
    let earliest = pages.iter().filter_map(|p| p.time).min();
    let latest = pages.iter().filter_map(|p| p.time).max();
    let date = [
        (earliest, "pages/pages.jsonl ts (earliest page)"),
        (text(package.get("mainPageDate")).and_then(|s| machine_time(&s)), "datapackage.json mainPageDate"),
        (text(package.get("created")).and_then(|s| machine_time(&s)), "datapackage.json created"),
    ]
    .into_iter()
    .find_map(|(t, key)| Some((t?, key)));
    if let Some((t, key)) = date {
        c.captured_at = Some(t);
        k.push(("captured_at", key.into()));
        if let Some(end) = latest.filter(|l| *l > t && pages.len() as u64 == total) {
            c.capture_end = Some(end);
            k.push(("capture_end", "pages/pages.jsonl ts (latest page)".into()));
        }
    }
    if let Some(s) = crawler(&mut zip, &package) {
        c.tool = Some(CaptureTool { name: s, version: None, sha256: None });
        k.push(("tool", "warcinfo software (the crawler, first WARC of the package)".into()));
    } else if let Some(s) = text(package.get("software")) {
        c.tool = Some(CaptureTool { name: s, version: None, sha256: None });
        k.push(("tool", "datapackage.json software".into()));
    }
    if c.source_url.is_none() && c.captured_at.is_none() {
        return Err("datapackage.json names neither a page nor a date".into());
    }
    c.methods = vec![CaptureMethod::Warc];
    k.push(("methods", "(file format)".into()));
    if total > pages.len() as u64 {
        out.warnings.push(format!("it lists {total} pages; the first {} are listed", pages.len()));
    }
    out.pages = pages;
    out.pages_total = total;
    Ok(out)
}
