//! WACZ packages: their own fixity first (`datapackage.json`'s SHA-256 of each file, and
//! `datapackage-digest.json`'s digest of `datapackage.json`), then `pages/pages.jsonl` and
//! `pages/extraPages.jsonl` (every page; only a list `datapackage.json` gives the hash of),
//! and the crawler from the first WARC's `warcinfo`. Each listed path once, and what it
//! inflates to bounded (a multiple of the package's size).
//!
//! A package that fails its own fixity is reported (a warning naming the file) and none of
//! its values are imported as facts: a rewritten `pages.jsonl` fails here, as it fails
//! `wacz validate`. A signature in `datapackage-digest.json` is recorded as what it is, a claim
//! (signer domain or anonymous key, time), not verified: custody does not check WACZ
//! signatures, and a `signedData` block can be copied from another package (so custody at
//! least says when the hash it signs is not this package's digest).

use std::collections::BTreeSet;
use std::io::{Read, Seek, SeekFrom};

use serde::Deserialize;

use super::json::{List, Loose, object};
use super::{Imported, clean, machine_time};
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
/// Bytes inflated to check the package's fixity, at most: this many times the package's
/// own size, and at least [`INFLATE_FLOOR`] (a WACZ stores its WARCs mostly as they are:
/// beyond this, it is a decompression bomb, not a web archive).
const INFLATE_RATIO: u64 = 100;
const INFLATE_FLOOR: u64 = 1 << 30;

/// `datapackage.json`: only the fields custody reads.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Package {
    resources: List<Resource, RESOURCES>,
    #[serde(rename = "mainPageURL")]
    main_page_url: Loose,
    #[serde(rename = "mainPageDate")]
    main_page_date: Loose,
    software: Loose,
}

/// One entry of `resources`.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Resource {
    path: Loose,
    hash: Loose,
    hashing: Loose,
    stats: Loose,
}

/// `datapackage-digest.json`.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Digest {
    hash: Loose,
    #[serde(rename = "signedData")]
    signed_data: Loose,
}

/// A page list's line.
#[derive(Deserialize, Default)]
#[serde(default)]
struct PageLine {
    url: Loose,
    ts: Loose,
}

fn text(v: &Loose) -> Option<String> {
    clean(v.as_str()?, 1024)
}

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
fn sha256_of(v: &Loose) -> Option<Sha256Digest> {
    v.as_str()?.strip_prefix("sha256:")?.parse().ok()
}

/// A resource's SHA-256: `hash: "sha256:<hex>"` (WACZ 1.1), or `stats.hash` with
/// `hashing: "sha256"` (WACZ 1.0).
fn resource_sha256(r: &Resource) -> Option<Sha256Digest> {
    if let Some(d) = sha256_of(&r.hash) {
        return Some(d);
    }
    if r.hashing.as_str() == Some("sha256") {
        return r.stats.get("hash").as_str()?.parse().ok();
    }
    None
}

/// The package's own fixity: every resource's SHA-256 (and `datapackage-digest.json`'s
/// digest of `datapackage.json`). Returns the failures and the paths whose hash was
/// checked, and adds notes on the signature. `budget`: bytes that may be inflated.
fn fixity<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    package: &Package,
    package_bytes: &[u8],
    budget: u64,
    notes: &mut Vec<String>,
) -> Result<(Vec<String>, BTreeSet<String>), String> {
    let mut failures = Vec::new();
    let mut checked = BTreeSet::new();
    let resources = &package.resources.0;
    if resources.is_empty() {
        failures.push("datapackage.json lists no resources with their hashes".into());
    }
    // Every path once: a path listed twice would be inflated twice.
    let mut seen = BTreeSet::new();
    for r in resources {
        if let Some(path) = r.path.as_str()
            && !seen.insert(path)
        {
            let shown = clean(path, 256).unwrap_or_else(|| "(a path with control characters)".into());
            return Err(format!("datapackage.json: {shown} is listed more than once"));
        }
    }
    // What the ZIP's central directory says the listed files inflate to, at most `budget`.
    let mut inflated = 0u64;
    for r in resources {
        if let Some(size) = r.path.as_str().and_then(|p| zip.by_name(p).ok().map(|e| e.size())) {
            inflated = inflated.saturating_add(size);
        }
    }
    if inflated > budget {
        return Err(format!(
            "the files datapackage.json lists would inflate to {inflated} bytes, more than {INFLATE_RATIO} times \
             the package's size: not read"
        ));
    }
    for r in resources {
        let Some(path) = r.path.as_str() else {
            failures.push("a resource of datapackage.json has no path".into());
            continue;
        };
        let shown = clean(path, 256).unwrap_or_else(|| "(a path with control characters)".into());
        let Some(want) = resource_sha256(r) else {
            failures.push(format!("{shown}: datapackage.json gives no SHA-256 (sha256:...) for it"));
            continue;
        };
        let entry = match zip.by_name(path) {
            Ok(e) => e,
            Err(_) => {
                failures.push(format!("{shown}: listed in datapackage.json but not in the package"));
                continue;
            }
        };
        // Never more than the central directory said (the budget counted that).
        let size = entry.size();
        let mut entry = entry.take(size.saturating_add(1));
        match Sha256Digest::of_reader(&mut entry) {
            Ok((_, n)) if n > size => failures.push(format!("{shown}: inflates to more than its stated size")),
            Ok((got, _)) if got == want => {
                checked.insert(path.to_string());
            }
            Ok(_) => failures.push(format!("{shown}: its SHA-256 is not the one datapackage.json lists")),
            Err(e) => failures.push(format!("{shown}: cannot be read ({e})")),
        }
    }
    if let Some(bytes) = read_entry(zip, "datapackage-digest.json")? {
        let digest: Digest = object(&bytes).map_err(|e| format!("datapackage-digest.json: {e}"))?;
        match sha256_of(&digest.hash) {
            Some(h) if h == Sha256Digest::of(package_bytes) => {}
            Some(_) => {
                failures.push("datapackage.json: its SHA-256 is not the one datapackage-digest.json gives".into())
            }
            None => failures.push("datapackage-digest.json gives no SHA-256 of datapackage.json".into()),
        }
        let signed = &digest.signed_data;
        if signed.get("signature").is_present() {
            let by = match (text(signed.get("domain")), signed.get("publicKey").is_present()) {
                (Some(d), _) => format!("by the domain {d}"),
                (None, true) => "with an anonymous key (publicKey)".into(),
                (None, false) => "by an unnamed signer".into(),
            };
            let at = text(signed.get("created")).map_or(String::new(), |t| format!(" made at {t}"));
            // A signedData block can be copied from another package: its hash must at least
            // be this package's digest.
            let matches = signed.get("hash").as_str().is_some() && signed.get("hash") == &digest.hash;
            let tail = if matches {
                "custody did not verify it"
            } else {
                "custody did not verify it, and the hash it signs is not even this package's digest"
            };
            notes.push(format!(
                "the package claims a signature {by}{at} (datapackage-digest.json), not verified: {tail}"
            ));
        }
    } else {
        notes.push("the package has no datapackage-digest.json: it is neither digested nor signed".into());
    }
    Ok((failures, checked))
}

/// The pages of a page list (`pages.jsonl`): each line with a `url`.
fn pages_of(list: &[u8], pages: &mut Vec<CapturedPage>, total: &mut u64) {
    for line in list.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
        let Ok(v) = object::<PageLine>(line) else { continue };
        let Some(url) = text(&v.url) else { continue };
        *total += 1;
        if pages.len() < PAGES {
            let time = text(&v.ts).and_then(|t| machine_time(&t));
            pages.push(CapturedPage { url, time, status: None, final_url: None, revisit: false });
        }
    }
}

/// The crawler, from the `warcinfo` record of the package's first WARC (one whose hash
/// was checked).
fn crawler<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, checked: &BTreeSet<String>) -> Option<String> {
    let warc = checked.iter().find(|p| {
        let p = p.to_ascii_lowercase();
        p.starts_with("archive/") && (p.ends_with(".warc") || p.ends_with(".warc.gz"))
    })?;
    let entry = zip.by_name(warc).ok()?;
    let limits = super::WarcLimits { scan_bytes: WARCINFO_SCAN, pages: 1, ..Default::default() };
    super::read_warc_with(entry, limits).ok()?.capture.tool.map(|t| t.name)
}

/// Reads a WACZ package: its fixity, then its pages and crawler.
pub fn read_wacz<R: Read + Seek>(file: R) -> Result<Imported, String> {
    read_wacz_within(file, INFLATE_FLOOR)
}

/// [`read_wacz`], inflating at most `floor` bytes or [`INFLATE_RATIO`] times the package's size.
pub(super) fn read_wacz_within<R: Read + Seek>(mut file: R, floor: u64) -> Result<Imported, String> {
    let size = file.seek(SeekFrom::End(0)).map_err(|e| e.to_string())?;
    let budget = size.saturating_mul(INFLATE_RATIO).max(floor);
    let mut zip = zip::ZipArchive::new(file).map_err(|e| format!("not a readable ZIP ({e})"))?;
    let package_bytes = read_entry(&mut zip, "datapackage.json")?.ok_or("not a WACZ (no datapackage.json)")?;
    let package: Package = object(&package_bytes).map_err(|e| format!("datapackage.json: {e}"))?;
    let mut out = Imported { role: Some(FileRole::Warc), format: "WACZ", ..Default::default() };
    let (failures, checked) = fixity(&mut zip, &package, &package_bytes, budget, &mut out.warnings)?;
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
        let Some(bytes) = read_entry(&mut zip, list)? else { continue };
        // Only a list whose hash datapackage.json gives, and that was checked: any other
        // could have been added after the package was made.
        if checked.contains(list) {
            pages_of(&bytes, &mut pages, &mut total);
        } else {
            out.warnings.push(format!(
                "{list} is in the package but datapackage.json does not list it with its hash: none of its pages \
                 are imported"
            ));
        }
    }
    let c = &mut out.capture;
    let k = &mut out.keys;
    if let Some(u) = text(&package.main_page_url) {
        c.source_url = Some(u);
        k.push(("source_url", "datapackage.json mainPageURL".into()));
    } else if let Some(p) = pages.first() {
        c.source_url = Some(p.url.clone());
        k.push(("source_url", "pages/pages.jsonl url (first page)".into()));
    }
    let earliest = pages.iter().filter_map(|p| p.time).min();
    let latest = pages.iter().filter_map(|p| p.time).max();
    // The pages' times, or the main page's: never `created`, which is when the package was
    // made, not when anything was captured.
    let date = [
        (earliest, "pages/pages.jsonl ts (earliest page)"),
        (text(&package.main_page_date).and_then(|s| machine_time(&s)), "datapackage.json mainPageDate"),
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
    if let Some(s) = crawler(&mut zip, &checked) {
        c.tool = Some(CaptureTool { name: s, version: None, sha256: None });
        k.push(("tool", "warcinfo software (the crawler, first WARC of the package)".into()));
    } else if let Some(s) = text(&package.software) {
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
