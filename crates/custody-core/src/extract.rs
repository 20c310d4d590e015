//! Extraction: getting the evidence out of a bundle, safely.
//!
//! The bundle is verified first; an invalid bundle is extracted only when forced, and then
//! marked as such in the output. Files go to `<out>/<item id>/<original name>`, where the
//! original name comes from the signed manifest. Names are hostile input like everything else
//! in a bundle: each path component is checked (no `..`, no absolute paths, no separators or
//! control characters, no names Windows reserves), and nothing is ever written outside the
//! output directory or over an existing file. The output is assembled in a temporary
//! directory beside the destination and renamed into place when complete, so it appears
//! whole or not at all. Each file's SHA-256 is checked again while it is copied.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Error;
use crate::archive::Archive;
use crate::digest::Sha256Digest;
use crate::fsutil::{self, parent_dir};
use crate::manifest::Manifest;
use crate::seal::MANIFEST_PATH;
use crate::time::Timestamp;
use crate::verify::{self, Report, State, VerifyOptions};

/// The file written beside the evidence when an invalid bundle is extracted with force.
pub const INVALID_MARKER: &str = "WARNING-INVALID-BUNDLE.txt";
/// The verification report written with every extraction.
pub const REPORT_NAME: &str = "custody-verify-report.json";

/// What an extraction wrote.
#[derive(Debug)]
pub struct Extracted {
    pub out_dir: PathBuf,
    pub files: usize,
    pub bytes: u64,
    pub report: Report,
    /// Files whose content did not match the manifest (only with force).
    pub mismatched: Vec<String>,
}

/// Why a name from a bundle cannot be used as a file name here.
pub fn check_component(c: &str) -> Result<(), &'static str> {
    if c.is_empty() || c == "." || c == ".." {
        return Err("an empty, '.' or '..' path component");
    }
    if c.contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|']) {
        return Err("a character that is a separator or not allowed in file names on some systems");
    }
    if c.chars().any(|ch| ch.is_control() || crate::keys::is_bidi_control(ch)) {
        return Err("a control or text-direction character");
    }
    if c.ends_with(['.', ' ']) {
        return Err("a name ending in '.' or a space, which Windows silently changes");
    }
    let stem = c.split('.').next().unwrap_or("").to_ascii_uppercase();
    const RESERVED: [&str; 22] = [
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1",
        "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];
    if RESERVED.contains(&stem.as_str()) {
        return Err("a device name Windows reserves");
    }
    Ok(())
}

/// The relative output path for a file: checked component by component.
fn safe_relative(parts: &[&str]) -> Result<PathBuf, String> {
    let mut p = PathBuf::new();
    for c in parts {
        check_component(c).map_err(|why| format!("'{}' has {why}", parts.join("/")))?;
        p.push(c);
    }
    Ok(p)
}

/// Verifies `bundle` and extracts its evidence into the new directory `out_dir`.
///
/// `progress`, if given, counts the payload bytes twice over: once through verification
/// (`total` is set to the payload size), then again, from zero, as the files are written.
pub fn extract(
    bundle: &Path,
    out_dir: &Path,
    force: bool,
    jobs: usize,
    progress: Option<std::sync::Arc<verify::Progress>>,
) -> Result<Extracted, Error> {
    if out_dir.symlink_metadata().is_ok() {
        return Err(Error::Exists {
            path: out_dir.into(),
            hint: "extract never writes into an existing path; name a new directory",
        });
    }
    let report = verify::verify_path(bundle, &VerifyOptions { jobs, progress: progress.clone(), ..Default::default() })
        .map_err(|e| Error::Io { path: e.path, source: e.source })?;
    if report.state == State::Invalid && !force {
        let mut codes: Vec<String> = report.failures().into_iter().map(str::to_owned).collect();
        codes.dedup();
        return Err(Error::BundleInvalid { path: bundle.into(), failures: codes });
    }
    // The file as it is: a journal beside it is never read (see crate::append).
    let source =
        crate::archive::FileSource::new(File::open(bundle).map_err(Error::io(bundle))?).map_err(Error::io(bundle))?;
    let source: Box<dyn crate::archive::Source> = Box::new(source);
    let archive = Archive::open(source).map_err(|e| Error::Archive { path: bundle.into(), source: e })?;

    // What to write: from the manifest if it can be read, else the payload entries as named.
    let manifest: Option<Manifest> = archive
        .entry(MANIFEST_PATH)
        .and_then(|e| archive.read_entry(e, verify::MAX_MANIFEST_FILE).ok())
        .and_then(|b| verify::parse_document(&b).ok())
        .filter(|m| verify::validate_manifest(m).is_ok());
    // (bundle path, output path, expected digest, modification time)
    let mut plan: Vec<(String, PathBuf, Option<Sha256Digest>, Option<Timestamp>)> = Vec::new();
    match &manifest {
        Some(m) => {
            for item in &m.items {
                for f in &item.files {
                    let mut parts = vec![item.id.as_str()];
                    parts.extend(f.original_name.split('/'));
                    let rel = safe_relative(&parts).map_err(|e| Error::Input(format!("cannot extract: {e}")))?;
                    plan.push((f.path.clone(), rel, Some(f.sha256), f.modified));
                }
            }
        }
        None => {
            for e in archive.entries().iter().filter(|e| e.name.starts_with("data/")) {
                let parts: Vec<&str> = e.name["data/".len()..].split('/').collect();
                let rel = safe_relative(&parts).map_err(|e| Error::Input(format!("cannot extract: {e}")))?;
                plan.push((e.name.clone(), rel, None, None));
            }
        }
    }
    // Two names that one file system would treat as the same file (case or Unicode form).
    let mut seen: BTreeMap<String, &PathBuf> = BTreeMap::new();
    for (_, rel, _, _) in &plan {
        let key = crate::archive::collision_key(&rel.to_string_lossy());
        if let Some(other) = seen.insert(key, rel) {
            return Err(Error::Input(format!(
                "cannot extract: '{}' and '{}' would be the same file on systems that ignore case or Unicode form",
                other.display(),
                rel.display()
            )));
        }
    }

    let parent = parent_dir(out_dir);
    let name = out_dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(fsutil::TEMP_SUFFIX)
        .tempdir_in(&parent)
        .map_err(Error::io(&parent))?;
    fsutil::register_temp(tmp.path());
    let mut files = 0;
    let mut bytes = 0;
    let mut mismatched = Vec::new();
    if let Some(p) = &progress {
        use std::sync::atomic::Ordering;
        let total = plan.iter().filter_map(|(path, ..)| archive.entry(path)).map(|e| e.size).sum();
        p.done.store(0, Ordering::Relaxed);
        p.total.store(total, Ordering::Relaxed);
    }
    for (bundle_path, rel, expected, modified) in &plan {
        let Some(entry) = archive.entry(bundle_path) else {
            mismatched.push(format!("{bundle_path} (missing from the bundle)"));
            continue;
        };
        let target = tmp.path().join(rel);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).map_err(Error::io(dir))?;
        }
        let out = File::options().write(true).create_new(true).open(&target).map_err(Error::io(&target))?;
        let mut out = fsutil::SequentialOutput::for_size(out, &target, entry.size).map_err(Error::io(&target))?;
        let digest = archive
            .hash_entry(entry, &mut verify::Counting::new(&mut out, progress.as_deref()))
            .map_err(|e| Error::Archive { path: bundle.into(), source: e })?;
        if expected.is_some_and(|d| d.0 != digest.sha256) || !digest.crc_ok {
            if !force {
                return Err(Error::Input(format!(
                    "{bundle_path} changed while it was being extracted; nothing was written"
                )));
            }
            mismatched.push(bundle_path.clone());
        }
        out.flush().map_err(Error::io(&target))?;
        let out = out.finish().map_err(Error::io(&target))?;
        if let Some(t) = modified {
            let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(t.unix().max(0) as u64);
            out.set_modified(when).map_err(Error::io(&target))?;
        }
        out.sync_all().map_err(Error::io(&target))?;
        files += 1;
        bytes += entry.size;
    }
    let mut report_json = verify::escape_json(&serde_json::to_string_pretty(&report).unwrap_or_default()).into_bytes();
    report_json.push(b'\n');
    fs::write(tmp.path().join(REPORT_NAME), report_json).map_err(Error::io(tmp.path()))?;
    if report.state == State::Invalid {
        let mut text = format!(
            "THIS EVIDENCE COMES FROM A BUNDLE THAT FAILED VERIFICATION.\n\nBundle: {}\nExtracted with --force for examination only. \
             Do not rely on these files as evidence.\n\nFailed checks:\n",
            bundle.display()
        );
        for c in report.checks.iter().filter(|c| c.level == verify::Level::Fail) {
            text.push_str(&format!("  {}  {}\n", c.code, verify::printable(&c.message)));
        }
        for m in &mismatched {
            text.push_str(&format!("  content differs from the manifest: {}\n", verify::printable(m)));
        }
        fs::write(tmp.path().join(INVALID_MARKER), text).map_err(Error::io(tmp.path()))?;
    }
    let _no_interruption_now = fsutil::update_guard();
    let kept = tmp.keep();
    fs::rename(&kept, out_dir).map_err(|e| {
        let _ = fs::remove_dir_all(&kept);
        Error::Io { path: out_dir.into(), source: e }
    })?;
    fsutil::sync_dir(&parent)?;
    Ok(Extracted { out_dir: out_dir.into(), files, bytes, report, mismatched })
}
