//! Capture metadata from the files capture tools write, so investigators need not type it:
//! WARC and ARC (`.warc`, `.arc`, either with `.gz`), WACZ (`.wacz`) and yt-dlp's `.info.json`.
//!
//! Each recognised file yields part of its item's capture provenance (URL, capture time,
//! platform, object id, account, tool) and every value is recorded with the file and the key
//! it came from ([`ImportedField`]). What the sealer declared always wins over what a file
//! says. These files come from tools and websites, not from us: every reader here is
//! bounded (bytes, records, nesting) and a file it cannot read gives a warning, never an
//! error that stops the seal and never a panic. The evidence is sealed either way.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use serde_json::Value;

use crate::provenance::{Capture, CaptureFile, CapturedPage, FileRole, ImportedField};
use crate::time::Timestamp;

mod json;
mod wacz;
mod warc;
mod ytdlp;

pub use wacz::read_wacz;
pub use warc::{WarcLimits, read_warc, read_warc_with};
pub use ytdlp::read_ytdlp;

/// Largest JSON document read (yt-dlp info files list every format and can be large). Only
/// the fields custody reads are kept ([`json`]): memory stays below the file's size.
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
    /// The pages a web archive file captured, in file order (at most a limit of them).
    pub pages: Vec<CapturedPage>,
    /// How many pages it holds, listed or not.
    pub pages_total: u64,
    /// What could not be read (a damaged record, a limit reached): read on, and say so.
    pub warnings: Vec<String>,
}

/// The kind of capture file a name denotes, if custody reads that kind. WARC and ARC files
/// are recognised by name here; their compression is recognised by content.
pub fn recognise(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    let compressed = lower.strip_suffix(".gz").unwrap_or(&lower);
    if lower.ends_with(".info.json") {
        Some("yt-dlp info")
    } else if compressed.ends_with(".warc") {
        Some("WARC")
    } else if compressed.ends_with(".arc") {
        Some("ARC")
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
        Some("WARC" | "ARC") => read_warc(File::open(path).map_err(|e| e.to_string())?).map(Some),
        Some("WACZ") => read_wacz(BufReader::new(File::open(path).map_err(|e| e.to_string())?)).map(Some),
        _ => Ok(None),
    }
}

/// `s` trimmed, when it is fit for a signed document people read: not empty, at most `max`
/// characters, no control or direction characters.
fn clean(s: &str, max: usize) -> Option<String> {
    let s = s.trim();
    let fit = !s.is_empty()
        && s.chars().count() <= max
        && !s.chars().any(|c| c.is_control() || crate::text::is_bidi_control(c));
    fit.then(|| s.to_string())
}

/// A machine-written time (RFC 3339, fractional seconds allowed), to the second in UTC.
fn machine_time(s: &str) -> Option<Timestamp> {
    let t = chrono::DateTime::parse_from_rfc3339(s.trim()).ok()?;
    Timestamp::from_unix(t.timestamp())
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

impl Imported {
    /// What this file says, as its per-file record in the manifest (`from`: its bundle path).
    pub fn record(&self, from: &str) -> CaptureFile {
        let c = &self.capture;
        CaptureFile {
            path: from.to_string(),
            format: self.format.to_string(),
            kind: c.kind,
            source_url: c.source_url.clone(),
            final_url: c.final_url.clone(),
            platform: c.platform.clone(),
            object_id: c.object_id.clone(),
            account_handle: c.account_handle.clone(),
            account_id: c.account_id.clone(),
            captured_at: c.captured_at,
            capture_end: c.capture_end,
            tool: c.tool.clone(),
            content_times: c.content_times.clone(),
            pages: self.pages.clone(),
            pages_total: Some(self.pages_total).filter(|t| *t > self.pages.len() as u64),
            notes: self.warnings.iter().filter_map(|w| clean(w, 16 * 1024)).collect(),
        }
    }
}

/// The fields two capture files of one item may disagree on.
fn disagreement(a: &Capture, b: &Capture) -> Option<(&'static str, String, String)> {
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".into());
    let time = |v: &Option<Timestamp>| v.map_or_else(|| "(none)".into(), |t| t.to_string());
    [
        ("source_url", show(&a.source_url), show(&b.source_url)),
        ("final_url", show(&a.final_url), show(&b.final_url)),
        ("captured_at", time(&a.captured_at), time(&b.captured_at)),
        ("capture_end", time(&a.capture_end), time(&b.capture_end)),
    ]
    .into_iter()
    .find(|(_, x, y)| x != y && x != "(none)" && y != "(none)")
}

/// Imports an item's capture files (each with its bundle path, in file order): each file's
/// own values become its record in `capture.capture_files`; the item's undeclared capture
/// fields are filled from the first of them that gives any value only, so that values of
/// two captures are never mixed. Returns warnings: files that disagree, imported times dropped as inconsistent.
pub(crate) fn import_item(capture: &mut Capture, found: &[(String, Imported)], item: &str) -> Vec<String> {
    let mut warnings = Vec::new();
    for (from, f) in found {
        capture.capture_files.push(f.record(from));
    }
    // The first file that gives any value (a package failing its own fixity gives none).
    let Some(at) = found.iter().position(|(_, f)| !f.capture.is_empty()) else { return warnings };
    let (first_path, first) = &found[at];
    for (other_path, other) in found[at + 1..].iter().filter(|(_, f)| !f.capture.is_empty()) {
        if let Some((field, a, b)) = disagreement(&first.capture, &other.capture) {
            warnings.push(format!(
                "{item}: {first_path} and {other_path} disagree ({field}: {a} / {b}), they may be two captures; \
                 the item's capture fields are imported from {first_path} only, and what each file says is \
                 kept in capture.capture_files"
            ));
        }
    }
    warnings.extend(merge_into(capture, first, first_path));
    warnings
}

/// Adds what `found` (from the file at bundle path `from`) says to `capture`, for every
/// field the capture does not already have; records where each value came from. An
/// imported time that would put the capture's end before its start is not imported (a
/// warning says so).
pub(crate) fn merge_into(capture: &mut Capture, found: &Imported, from: &str) -> Option<String> {
    let Ok(Value::Object(mut have)) = serde_json::to_value(&*capture) else { return None };
    let Ok(Value::Object(new)) = serde_json::to_value(&found.capture) else { return None };
    let mut added = Vec::new();
    for (field, value) in new {
        if have.contains_key(&field) || field == "capture_files" {
            continue;
        }
        have.insert(field.clone(), value);
        for (f, key) in found.keys.iter().filter(|(f, _)| *f == field) {
            added.push(ImportedField { field: (*f).into(), from: from.into(), key: key.clone() });
        }
    }
    let imported = std::mem::take(&mut capture.imported);
    let Ok(mut merged) = serde_json::from_value::<Capture>(Value::Object(have)) else {
        capture.imported = imported;
        return None;
    };
    let mut warning = None;
    if let (Some(start), Some(end)) = (merged.captured_at, merged.capture_end)
        && end < start
    {
        for field in ["captured_at", "capture_end"] {
            if added.iter().any(|a| a.field == field) {
                added.retain(|a| a.field != field);
                match field {
                    "captured_at" => merged.captured_at = capture.captured_at,
                    _ => merged.capture_end = capture.capture_end,
                }
            }
        }
        warning = Some(format!(
            "{from}: its capture times ({} to {}) contradict those declared; they are not imported into the \
             item's capture fields (they are kept in its capture file record)",
            time_or_none(found.capture.captured_at),
            time_or_none(found.capture.capture_end)
        ));
    }
    merged.imported = imported;
    merged.imported.extend(added);
    *capture = merged;
    warning
}

fn time_or_none(t: Option<Timestamp>) -> String {
    t.map_or_else(|| "(none)".into(), |t| t.to_string())
}

#[cfg(test)]
mod tests;
