//! Extraction: getting the evidence out of a bundle, safely, in one pass.
//!
//! The bundle file is opened once. The plan (which entry goes where) comes from the signed
//! manifest read through that open file, and verification then hashes the payload through
//! the same open file, handing each file's bytes to the extractor as it hashes them
//! ([`verify::PayloadSink`]): what is written is exactly what was verified, even if the path
//! is swapped for another file meanwhile, and the evidence is read once, not twice.
//!
//! Files go to `<out>/<item id>/<original name>`, where the original name comes from the
//! signed manifest. Names are hostile input like everything else in a bundle: each path
//! component is checked (no `..`, no absolute paths, no separators or control characters,
//! no names Windows reserves), and nothing is ever written outside the output directory or
//! over an existing file. The output directory must not exist: it is created exclusively
//! (so nothing created there meanwhile can be replaced), the files are written into a
//! staging folder inside it, and they are moved into place only when verification passed
//! and every file's SHA-256 matched the manifest. On any failure everything created is
//! removed. An invalid bundle is extracted only when forced, and then marked as such.

use std::collections::{BTreeMap, HashMap};
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::Error;
use crate::archive::{Archive, ArchiveError, Entry, EntryDigest, Source};
use crate::digest::Sha256Digest;
use crate::fsutil::{self, parent_dir};
use crate::manifest::Manifest;
use crate::seal::MANIFEST_PATH;
use crate::time::Timestamp;
use crate::timestamp::TsaRoots;
use crate::trust::TrustList;
use crate::verify::{self, HashInto, PayloadSink, PayloadSinkRef, Report, State, VerifyOptions};

/// The file written beside the evidence when an invalid bundle is extracted with force.
pub const INVALID_MARKER: &str = "WARNING-INVALID-BUNDLE.txt";
/// The verification report written with every extraction.
pub const REPORT_NAME: &str = "custody-verify-report.json";
/// Written first at the top of the output directory and removed last: a folder still holding
/// it is an interrupted extraction (a crash or kill leaves it), not evidence.
pub const INCOMPLETE_MARKER: &str = "INCOMPLETE-EXTRACTION.txt";
/// The staging folder inside the output directory; its contents are moved up when complete.
const STAGING: &str = ".custody-extract.partial";

/// The failure code when the manifest extract planned from is not the one verification
/// checked (the bundle file was rewritten during extraction, or a read failed once).
pub const MANIFEST_CHANGED: &str = "extract.manifest_changed";

/// What to do about a refused extraction, for each reason.
const INVALID: &str = "Run `custody verify` for the report, or use --force to extract it for examination";
const UNREADABLE: &str = "It cannot be read as an archive, so nothing can be extracted from it; run `custody verify` \
                          for the details and get a fresh copy from its sender";
const UNREADABLE_FORCED: &str = "It cannot be read as an archive, so nothing can be extracted even with --force; run \
                                 `custody verify` for the details and get a fresh copy from its sender";
const CHANGED: &str = "The bundle file changed while it was being extracted: the manifest extract read is not the \
                       one whose signature was checked. Make sure nothing else writes to the bundle (copy it \
                       somewhere safe), then extract again";

/// How to extract.
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// Extract even if the bundle fails verification (marked with [`INVALID_MARKER`]).
    pub force: bool,
    /// Threads for hashing (0: one per CPU).
    pub jobs: usize,
    /// Counts the payload bytes as they are verified and written (one pass).
    pub progress: Option<Arc<verify::Progress>>,
    /// Check every signer against this trust list (recorded in the report written).
    pub trust: Option<TrustList>,
    /// Trust timestamp tokens whose TSA chains to one of these roots.
    pub tsa_roots: Option<TsaRoots>,
}

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

/// Why a name from a bundle cannot be used as a file name here: one path component obeys
/// the bundle's own name rule (`archive::check_name`, spec §3.4, which already refuses what
/// Windows cannot hold), and no text-direction character may reorder it on a screen.
pub fn check_component(c: &str) -> Result<(), &'static str> {
    if c.contains('/') {
        return Err("a path separator inside one name");
    }
    crate::archive::check_name(c)?;
    if c.chars().any(crate::keys::is_bidi_control) {
        return Err("a text-direction character");
    }
    Ok(())
}

/// The relative output path for a file: checked component by component.
fn safe_relative(parts: &[&str]) -> Result<PathBuf, String> {
    let mut p = PathBuf::new();
    for c in parts {
        check_component(c).map_err(|why| format!("'{}': {why}", parts.join("/")))?;
        p.push(c);
    }
    Ok(p)
}

/// One file to write: where it goes, what it must hash to, and its modification time.
struct Planned {
    rel: PathBuf,
    expected: Option<Sha256Digest>,
    modified: Option<Timestamp>,
}

/// What to write, keyed by the entry's path in the bundle: from the manifest if it can be
/// read and is valid, else (only useful with force) the payload entries as they are named.
/// Also returns the manifest it used: extraction goes ahead only if verification checked
/// the signature over that same manifest (the file may change between the two reads).
type Plan = BTreeMap<String, Planned>;
fn plan<S: Source + ?Sized>(archive: &Archive<S>) -> Result<(Plan, Option<Manifest>), Error> {
    let manifest: Option<Manifest> = archive
        .entry(MANIFEST_PATH)
        .and_then(|e| archive.read_entry(e, verify::MAX_MANIFEST_FILE).ok())
        .and_then(|b| verify::parse_document(&b).ok())
        .filter(|m| verify::validate_manifest(m).is_ok());
    let refuse = |e: String| Error::Input(format!("cannot extract: {e}"));
    let mut plan = BTreeMap::new();
    match &manifest {
        Some(m) => {
            for item in &m.items {
                for f in &item.files {
                    let mut parts = vec![item.id.as_str()];
                    parts.extend(f.original_name.split('/'));
                    let rel = safe_relative(&parts).map_err(refuse)?;
                    let p = Planned { rel, expected: Some(f.sha256), modified: f.modified };
                    if plan.insert(f.path.clone(), p).is_some() {
                        return Err(refuse(format!("{} is described twice", f.path)));
                    }
                }
            }
        }
        None => {
            for e in archive.entries().iter().filter(|e| e.name.starts_with("data/")) {
                let parts: Vec<&str> = e.name["data/".len()..].split('/').collect();
                let rel = safe_relative(&parts).map_err(refuse)?;
                plan.insert(e.name.clone(), Planned { rel, expected: None, modified: None });
            }
        }
    }
    // Two names that one file system would treat as the same file (case or Unicode form),
    // or a top-level name that is one of the files extract writes itself.
    let own: Vec<String> = [REPORT_NAME, INVALID_MARKER, STAGING, INCOMPLETE_MARKER]
        .iter()
        .map(|n| crate::archive::collision_key(n))
        .collect();
    let mut seen = crate::names::NameSet::new();
    for p in plan.values() {
        if let Some(top) = p.rel.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned())
            && own.contains(&crate::archive::collision_key(&top))
        {
            return Err(refuse(format!("'{top}' is a name extract uses for its own files")));
        }
        seen.insert(&p.rel.to_string_lossy().replace(std::path::MAIN_SEPARATOR, "/"));
    }
    if let Err(c) = seen.check() {
        let (a, b) = match c {
            crate::names::Collision::SameFile { earlier, later } => (earlier, later),
            crate::names::Collision::FileAndFolder { file, folder_of } => (file, folder_of),
        };
        return Err(refuse(format!(
            "'{a}' and '{b}' would be the same file or folder on systems that ignore case or Unicode form"
        )));
    }
    Ok((plan, manifest))
}

/// What the sink found for one file.
struct Written {
    digest: EntryDigest,
}

/// Writes each planned payload file into the staging folder while verification hashes it.
struct Writer {
    staging: PathBuf,
    plan: Arc<BTreeMap<String, Planned>>,
    written: Mutex<HashMap<String, Written>>,
    /// The first error writing the output; later bytes are then only hashed.
    failed: Mutex<Option<Error>>,
}

impl Writer {
    fn fail(&self, e: Error) {
        if let Ok(mut f) = self.failed.lock() {
            f.get_or_insert(e);
        }
    }
    fn has_failed(&self) -> bool {
        self.failed.lock().map(|f| f.is_some()).unwrap_or(true)
    }

    /// Writes one file: `hash` is the hashing step, given the writer for the bytes.
    fn write(&self, entry: &Entry, p: &Planned, hash: &mut HashInto<'_>) -> Result<EntryDigest, ArchiveError> {
        let target = self.staging.join(&p.rel);
        let opened = (|| -> Result<fsutil::SequentialOutput, Error> {
            // Names are created under the guard: once interrupted, the command parks here
            // rather than recreate what the interruption is removing.
            let no_interruption_now = fsutil::update_guard();
            if let Some(dir) = target.parent() {
                fs::create_dir_all(dir).map_err(Error::io(dir))?;
            }
            let out = File::options().write(true).create_new(true).open(&target).map_err(Error::io(&target))?;
            drop(no_interruption_now);
            fsutil::SequentialOutput::for_size(out, &target, entry.size).map_err(Error::io(&target))
        })();
        let mut out = match opened {
            Ok(o) => o,
            Err(e) => {
                self.fail(e);
                return hash(&mut std::io::sink());
            }
        };
        let mut guarded = Guarded { inner: &mut out, error: None };
        let digest = match hash(&mut guarded) {
            Ok(d) => d,
            Err(e) => {
                // The bundle could not be read: remove the partial file, so that nothing
                // unverified stays staged and a later copy (--force) meets the read error
                // again rather than "File exists".
                drop(out);
                let _no_interruption_now = fsutil::update_guard();
                let _ = fs::remove_file(&target);
                return Err(e);
            }
        };
        if let Some(e) = guarded.error.take() {
            self.fail(Error::Io { path: target, source: e });
            return Ok(digest);
        }
        let finished = (|| -> std::io::Result<()> {
            out.flush()?;
            let file = out.finish()?;
            if let Some(t) = p.modified {
                let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(t.unix().max(0) as u64);
                file.set_modified(when)?;
            }
            file.sync_all()
        })();
        match finished {
            Ok(()) => {
                if let Ok(mut w) = self.written.lock() {
                    w.insert(entry.name.clone(), Written { digest });
                }
            }
            Err(e) => self.fail(Error::Io { path: target, source: e }),
        }
        Ok(digest)
    }
}

impl PayloadSink for Writer {
    fn take(&self, entry: &Entry, hash: &mut HashInto<'_>) -> Result<EntryDigest, ArchiveError> {
        match self.plan.get(&entry.name) {
            Some(p) if !self.has_failed() => self.write(entry, p, hash),
            _ => hash(&mut std::io::sink()),
        }
    }
}

/// Passes bytes on until the first write error, which it keeps; after that it only
/// discards, so that hashing (and so the verification report) still completes truthfully.
struct Guarded<'a, W: Write> {
    inner: &'a mut W,
    error: Option<std::io::Error>,
}

impl<W: Write> Write for Guarded<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.error.is_none()
            && let Err(e) = self.inner.write_all(buf)
        {
            self.error = Some(e);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Removes the output directory on failure, unless disarmed.
struct Cleanup<'a> {
    dir: &'a Path,
    armed: bool,
}

impl Drop for Cleanup<'_> {
    fn drop(&mut self) {
        if self.armed {
            let _ = fs::remove_dir_all(self.dir);
        }
    }
}

/// Verifies `bundle` and extracts its evidence into the new directory `out_dir`, in one
/// pass over the payload (see the module documentation).
pub fn extract(bundle: &Path, out_dir: &Path, opts: &ExtractOptions) -> Result<Extracted, Error> {
    extract_with(bundle, out_dir, opts, &|| {}, &|| {})
}

/// [`extract`], calling `opened` once the bundle file is open (tests swap the file there)
/// and `planned` once the plan is made (tests rewrite the manifest in place there).
fn extract_with(
    bundle: &Path,
    out_dir: &Path,
    opts: &ExtractOptions,
    opened: &dyn Fn(),
    planned: &dyn Fn(),
) -> Result<Extracted, Error> {
    if out_dir.symlink_metadata().is_ok() {
        return Err(Error::Exists {
            path: out_dir.into(),
            hint: "extract never writes into an existing path; name a new directory",
        });
    }
    if fs::metadata(bundle).map_err(Error::io(bundle))?.is_dir() {
        return Err(Error::Input(format!("{}: it is a directory, not a bundle file", bundle.display())));
    }
    // The file as it is: a journal beside it is never read (see crate::append).
    let file = File::open(bundle).map_err(Error::io(bundle))?;
    let source: Box<dyn Source> = Box::new(crate::archive::FileSource::new(file).map_err(Error::io(bundle))?);
    opened();
    // A file that does not open as an archive fails verification: nothing can be extracted,
    // even with --force, and it is reported like any other invalid bundle (exit 1).
    let archive = Archive::open(source).map_err(|e| Error::BundleInvalid {
        path: bundle.into(),
        failures: vec![e.code().into()],
        remedy: if opts.force { UNREADABLE_FORCED } else { UNREADABLE },
    })?;
    let (plan, planned_manifest) = plan(&archive)?;
    let plan = Arc::new(plan);

    // Created exclusively: an existing (even empty) directory is never taken over. Created and
    // registered under the guard: a Ctrl-C between the two would leak it; until it is
    // complete, an interruption removes it whole.
    let no_interruption_now = fsutil::update_guard();
    // Private (0700 on Unix), like the bundle's 0600: evidence is not for other users of the
    // machine. It stays so; the owner widens it if the evidence is to be shared.
    let mut private = fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut private, 0o700);
    private.create(out_dir).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => Error::Exists {
            path: out_dir.into(),
            hint: "extract never writes into an existing path; name a new directory",
        },
        _ => Error::Io { path: out_dir.into(), source: e },
    })?;
    fsutil::register_temp(out_dir);
    drop(no_interruption_now);
    let mut cleanup = Cleanup { dir: out_dir, armed: true };
    write_synced(
        &out_dir.join(INCOMPLETE_MARKER),
        format!(
            "THIS FOLDER IS AN INTERRUPTED EXTRACTION, NOT EVIDENCE.\n\nBundle: {}\n\ncustody extract was stopped \
             (a crash, a kill or a power cut) before it had verified and put every file in place. What is here \
             may be incomplete or unverified. Delete this folder and extract again.\n",
            bundle.display()
        )
        .as_bytes(),
    )?;
    let staging = out_dir.join(STAGING);
    fs::create_dir(&staging).map_err(Error::io(&staging))?;
    planned();

    let writer = Arc::new(Writer {
        staging: staging.clone(),
        plan: plan.clone(),
        written: Mutex::new(HashMap::new()),
        failed: Mutex::new(None),
    });
    let vopts = VerifyOptions {
        trust: opts.trust.clone(),
        jobs: opts.jobs,
        progress: opts.progress.clone(),
        tsa_roots: opts.tsa_roots.clone(),
        payload_sink: Some(PayloadSinkRef(writer.clone())),
        ..Default::default()
    };
    let mut report = verify::verify_archive(&archive, &bundle.display().to_string(), &vopts);
    verify::note_journal(&mut report, bundle);
    if let Some(e) = writer.failed.lock().ok().and_then(|mut f| f.take()) {
        return Err(e);
    }
    if report.state == State::Invalid && !opts.force {
        let mut codes: Vec<String> = report.failures().into_iter().map(str::to_owned).collect();
        codes.dedup();
        return Err(Error::BundleInvalid { path: bundle.into(), failures: codes, remedy: INVALID });
    }
    // The names, folders and times come from the manifest plan() read. Unless the bundle is
    // extracted as invalid (forced), that must be the very manifest whose signature
    // verification checked: the file can be rewritten in place between the two reads, and a
    // manifest plan() could not read must not silently give way to the bundle's own paths.
    if report.state != State::Invalid && (planned_manifest.is_none() || planned_manifest != report.manifest) {
        return Err(Error::BundleInvalid {
            path: bundle.into(),
            failures: vec![MANIFEST_CHANGED.into()],
            remedy: CHANGED,
        });
    }

    let written = std::mem::take(&mut *writer.written.lock().map_err(|_| Error::Input("internal: lock".into()))?);
    let mut files = 0;
    let mut bytes = 0;
    let mut mismatched = Vec::new();
    for (bundle_path, p) in plan.iter() {
        let Some(entry) = archive.entry(bundle_path) else {
            mismatched.push(format!("{bundle_path} (missing from the bundle)"));
            continue;
        };
        let digest = match written.get(bundle_path) {
            Some(w) => w.digest,
            // Not hashed by verification (possible only for an invalid bundle, e.g. one
            // without a readable payload manifest): copied here, from the same open file.
            None => {
                let sink = Writer {
                    staging: staging.clone(),
                    plan: plan.clone(),
                    written: Mutex::new(HashMap::new()),
                    failed: Mutex::new(None),
                };
                let d = sink
                    .write(entry, p, &mut |w| archive.hash_entry(entry, w))
                    .map_err(|e| Error::Archive { path: bundle.into(), source: e })?;
                if let Some(e) = sink.failed.lock().ok().and_then(|mut f| f.take()) {
                    return Err(e);
                }
                d
            }
        };
        if p.expected.is_some_and(|d| d.0 != digest.sha256) || !digest.crc_ok {
            if !opts.force {
                return Err(Error::Input(format!(
                    "{bundle_path} does not match the manifest although verification passed; nothing was written"
                )));
            }
            mismatched.push(bundle_path.clone());
        }
        files += 1;
        bytes += entry.size;
    }
    drop(writer);

    let mut report_json = verify::escape_json(&serde_json::to_string_pretty(&report).unwrap_or_default()).into_bytes();
    report_json.push(b'\n');
    write_synced(&staging.join(REPORT_NAME), &report_json)?;
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
        write_synced(&staging.join(INVALID_MARKER), text.as_bytes())?;
    }
    // Everything checked and written: move it up into place. The output directory is ours
    // (created exclusively above) and the names were checked not to collide.
    let _no_interruption_now = fsutil::update_guard();
    for e in fs::read_dir(&staging).map_err(Error::io(&staging))? {
        let e = e.map_err(Error::io(&staging))?;
        let to = out_dir.join(e.file_name());
        if to.symlink_metadata().is_ok() {
            return Err(Error::Exists { path: to, hint: "something else wrote into the output directory" });
        }
        fs::rename(e.path(), &to).map_err(Error::io(&to))?;
    }
    fs::remove_dir(&staging).map_err(Error::io(&staging))?;
    // Last: only now is the folder complete.
    let marker = out_dir.join(INCOMPLETE_MARKER);
    fs::remove_file(&marker).map_err(Error::io(&marker))?;
    fsutil::sync_dir(out_dir)?;
    fsutil::sync_dir(&parent_dir(out_dir))?;
    cleanup.armed = false;
    fsutil::forget_temp(out_dir);
    fsutil::record_written(out_dir);
    Ok(Extracted { out_dir: out_dir.into(), files, bytes, report, mismatched })
}

fn write_synced(path: &Path, data: &[u8]) -> Result<(), Error> {
    let mut f = File::options().write(true).create_new(true).open(path).map_err(Error::io(path))?;
    f.write_all(data).and_then(|()| f.sync_all()).map_err(Error::io(path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::casefile::CaseInput;
    use crate::keys::{Identity, KeyPair, Role};
    use crate::seal::{ItemInput, SealOptions, seal};

    /// Seals a folder holding `evidence.txt` with `content` into `dir/name`.
    fn sealed(dir: &Path, name: &str, content: &[u8]) -> PathBuf {
        let key = KeyPair::from_seed(
            [7; 32],
            Identity {
                name: "Alice Wang".into(),
                organisation: "City Police".into(),
                role: Role::Investigator,
                jurisdiction: "CN".into(),
            },
        );
        let input = dir.join(format!("{name}.d")).join("in");
        fs::create_dir_all(&input).unwrap();
        fs::write(input.join("evidence.txt"), content).unwrap();
        fs::write(input.join("big.bin"), vec![content[0]; 3 << 20]).unwrap();
        let out = dir.join(name);
        let opts = SealOptions::default()
            .with_case(CaseInput::new("X-1"))
            .with_item(ItemInput::bare(input))
            .with_import(false)
            .with_jobs(1);
        seal(&key, &out, &opts).unwrap();
        out
    }

    /// Every path under `dir`, relative.
    fn tree(dir: &Path) -> Vec<String> {
        let mut out = Vec::new();
        let mut todo = vec![dir.to_path_buf()];
        while let Some(d) = todo.pop() {
            for e in fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                out.push(p.strip_prefix(dir).unwrap().to_string_lossy().into_owned());
                if p.is_dir() {
                    todo.push(p);
                }
            }
        }
        out.sort();
        out
    }

    #[test]
    fn swapping_the_bundle_path_during_extract_never_writes_unverified_content() {
        let dir = tempfile::tempdir().unwrap();
        let good = sealed(dir.path(), "good.zip", b"what was verified");
        let other = sealed(dir.path(), "other.zip", b"SWAPPED IN LATER");
        let id = |p: &Path| verify::verify_path(p, &VerifyOptions::default()).unwrap().bundle_id;
        let good_id = id(&good);
        let out = dir.path().join("out");
        for jobs in [1, 3] {
            let swapped = dir.path().join(format!("swap{jobs}.zip"));
            fs::copy(&good, &swapped).unwrap();
            let spare = dir.path().join("spare.zip");
            fs::copy(&other, &spare).unwrap();
            // Another valid bundle replaces the path while the first is being verified.
            let x = extract_with(
                &swapped,
                &out,
                &ExtractOptions { jobs, ..Default::default() },
                &|| fs::rename(&spare, &swapped).unwrap(),
                &|| {},
            )
            .unwrap();
            assert_eq!(x.report.state, State::Intact);
            assert_eq!(x.report.bundle_id, good_id);
            let written = fs::read(out.join("item-1/in/evidence.txt")).unwrap();
            assert_eq!(written, b"what was verified", "the bytes verified, not the swapped file's");
            assert_eq!(fs::read(out.join("item-1/in/big.bin")).unwrap(), vec![b'w'; 3 << 20]);
            let report: serde_json::Value = serde_json::from_slice(&fs::read(out.join(REPORT_NAME)).unwrap()).unwrap();
            assert_eq!(report["bundle_id"].as_str(), good_id.as_deref());
            assert_eq!(
                tree(&out),
                ["custody-verify-report.json", "item-1", "item-1/in", "item-1/in/big.bin", "item-1/in/evidence.txt"]
            );
            fs::remove_dir_all(&out).unwrap();
        }
    }

    /// `bytes` with its `len` bytes at `at` replaced by letters from `@A..O` chosen so that the
    /// CRC-32 stays that of the original: a same-length, CRC-forged rewrite.
    fn crc_forged(bytes: &[u8], at: usize, len: usize) -> Vec<u8> {
        let want = crc32fast::hash(bytes);
        let mut base = bytes.to_vec();
        base[at..at + len].fill(b'@');
        let base_crc = crc32fast::hash(&base);
        // CRC-32 is affine: flipping bit i changes the CRC by a fixed vector. Solve over GF(2).
        let mut rows: Vec<(u32, u64)> = Vec::new();
        for i in 0..len * 4 {
            let mut v = base.clone();
            v[at + i / 4] ^= 1 << (i % 4);
            rows.push((crc32fast::hash(&v) ^ base_crc, 1u64 << i));
        }
        let mut basis: Vec<(u32, u64)> = Vec::new();
        for (mut v, mut m) in rows {
            for (bv, bm) in &basis {
                if v ^ bv < v {
                    v ^= bv;
                    m ^= bm;
                }
            }
            if v != 0 {
                basis.push((v, m));
                basis.sort_by_key(|b| std::cmp::Reverse(b.0));
            }
        }
        let (mut target, mut mask) = (want ^ base_crc, 0u64);
        for (bv, bm) in &basis {
            if target ^ bv < target {
                target ^= bv;
                mask ^= bm;
            }
        }
        assert_eq!(target, 0, "no solution");
        for i in 0..len * 4 {
            if mask >> i & 1 == 1 {
                base[at + i / 4] ^= 1 << (i % 4);
            }
        }
        assert_eq!(crc32fast::hash(&base), want);
        base
    }

    /// Rewrites `len` bytes of `file` at `at` in place (the same file, not a new one).
    fn rewrite_in_place(file: &Path, at: u64, data: &[u8]) {
        use std::os::unix::fs::FileExt;
        File::options().write(true).open(file).unwrap().write_all_at(data, at).unwrap();
    }

    #[test]
    fn a_manifest_rewritten_during_extract_is_refused_not_used_for_names() {
        let dir = tempfile::tempdir().unwrap();
        let good = sealed(dir.path(), "good.zip", b"evidence");
        let signed = fs::read(&good).unwrap();
        let a = Archive::open(Box::new(signed.clone())).unwrap();
        let m = a.entry(MANIFEST_PATH).unwrap();
        let (start, size) = (m.data_offset as usize, m.size as usize);
        let manifest = signed[start..start + size].to_vec();
        let name = b"\"in/evidence.txt\"";
        let at = manifest.windows(name.len()).position(|w| w == name).unwrap() + 1;
        // 1. Same length, same CRC, other names: plan() reads the forgery, verification the
        //    signed manifest put back meanwhile. 2. A manifest whose read fails in plan() (CRC
        //    error), put right before verification: the bundle's own paths must not be used.
        let forged = crc_forged(&manifest, at, name.len() - 2);
        let mut damaged = manifest.clone();
        damaged[at] ^= 0x20;
        for (case, first) in [("forged", forged), ("damaged", damaged)] {
            let bundle = dir.path().join(format!("{case}.zip"));
            let mut bytes = signed.clone();
            bytes[start..start + size].copy_from_slice(&first);
            fs::write(&bundle, &bytes).unwrap();
            let out = dir.path().join(format!("out-{case}"));
            let restore = || rewrite_in_place(&bundle, start as u64, &manifest);
            let e = extract_with(&bundle, &out, &ExtractOptions::default(), &|| {}, &restore).unwrap_err();
            assert!(
                matches!(&e, Error::BundleInvalid { failures, .. } if failures == &[MANIFEST_CHANGED]),
                "{case}: {e}"
            );
            assert!(e.to_string().contains("changed while it was being extracted"), "{e}");
            assert!(!out.exists(), "{case}: nothing written");
            // The bundle as it now is (the signed manifest) extracts normally.
            assert_eq!(verify::verify_path(&bundle, &VerifyOptions::default()).unwrap().state, State::Intact);
            extract(&bundle, &out, &ExtractOptions::default()).unwrap();
            assert!(out.join("item-1/in/evidence.txt").exists());
        }
    }

    #[test]
    fn a_file_that_is_no_archive_says_force_cannot_help_when_force_was_given() {
        let dir = tempfile::tempdir().unwrap();
        let junk = dir.path().join("junk.zip");
        fs::write(&junk, b"not a zip at all").unwrap();
        for force in [false, true] {
            let out = dir.path().join("out");
            let e = extract(&junk, &out, &ExtractOptions { force, ..Default::default() }).unwrap_err();
            let text = e.to_string();
            assert!(matches!(e, Error::BundleInvalid { .. }), "{text}");
            assert!(text.contains("cannot be read as an archive"), "{text}");
            assert!(!text.contains("use --force"), "never suggests the flag that cannot help: {text}");
            assert_eq!(text.contains("even with --force"), force, "{text}");
            assert!(!out.exists());
        }
        // A bundle that opens but fails verification still offers --force.
        let good = sealed(dir.path(), "good.zip", b"evidence");
        let mut bytes = fs::read(&good).unwrap();
        let a = Archive::open(Box::new(bytes.clone())).unwrap();
        bytes[a.entry("data/item-1/in/evidence.txt").unwrap().data_offset as usize] ^= 1;
        fs::write(&good, bytes).unwrap();
        let e = extract(&good, &dir.path().join("o2"), &ExtractOptions::default()).unwrap_err();
        assert!(e.to_string().contains("use --force to extract it for examination"), "{e}");
    }

    #[test]
    fn a_read_error_while_writing_leaves_no_partial_file_to_collide_with() {
        let dir = tempfile::tempdir().unwrap();
        let good = sealed(dir.path(), "good.zip", b"evidence");
        let a = Archive::open(Box::new(fs::read(&good).unwrap())).unwrap();
        let entry = a.entry("data/item-1/in/big.bin").unwrap().clone();
        let (plan, _) = plan(&a).unwrap();
        let staging = dir.path().join("staging");
        fs::create_dir(&staging).unwrap();
        let writer = Writer {
            staging: staging.clone(),
            plan: Arc::new(plan),
            written: Mutex::new(HashMap::new()),
            failed: Mutex::new(None),
        };
        let p = &writer.plan["data/item-1/in/big.bin"];
        // Verification's read fails midway (an I/O error), after some bytes were written.
        let e = writer
            .write(&entry, p, &mut |w| {
                w.write_all(&[1; 1000]).unwrap();
                Err(ArchiveError::Io(std::io::Error::other("read error")))
            })
            .unwrap_err();
        assert!(e.to_string().contains("read error"), "{e}");
        assert!(!staging.join(&p.rel).exists(), "no partial, unverified file stays staged");
        // The later copy (with --force) is not refused with "File exists".
        writer.write(&entry, p, &mut |w| a.hash_entry(&entry, w)).unwrap();
        assert!(!writer.has_failed(), "{:?}", writer.failed.lock().unwrap());
        assert_eq!(fs::read(staging.join(&p.rel)).unwrap(), vec![b'e'; 3 << 20]);
    }

    #[test]
    fn a_damaged_payload_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let good = sealed(dir.path(), "good.zip", b"evidence");
        let mut bytes = fs::read(&good).unwrap();
        let a = Archive::open(Box::new(bytes.clone())).unwrap();
        // The small file is damaged; the large one is written (and must be removed again).
        let at = a.entry("data/item-1/in/evidence.txt").unwrap().data_offset as usize;
        bytes[at] ^= 1;
        let bad = dir.path().join("bad.zip");
        fs::write(&bad, bytes).unwrap();
        let before = tree(dir.path());
        for jobs in [1, 2] {
            let out = dir.path().join("out");
            let e = extract(&bad, &out, &ExtractOptions { jobs, ..Default::default() }).unwrap_err();
            assert!(
                matches!(&e, Error::BundleInvalid { failures, .. } if failures.iter().any(|f| f == "payload.hash_mismatch")),
                "{e}"
            );
            assert!(!out.exists(), "no output directory");
            assert_eq!(tree(dir.path()), before, "nothing left behind, no temporary files");
        }
        // With force: extracted for examination, marked, and the damage named.
        let out = dir.path().join("forced");
        let x = extract(&bad, &out, &ExtractOptions { force: true, ..Default::default() }).unwrap();
        assert_eq!(x.report.state, State::Invalid);
        assert_eq!(x.mismatched, ["data/item-1/in/evidence.txt"]);
        assert!(fs::read_to_string(out.join(INVALID_MARKER)).unwrap().contains("data/item-1/in/evidence.txt"));
        assert!(!out.join(STAGING).exists());
    }

    #[test]
    fn an_extraction_in_progress_is_marked_incomplete_until_it_is_done() {
        let dir = tempfile::tempdir().unwrap();
        let good = sealed(dir.path(), "good.zip", b"evidence");
        let out = dir.path().join("out");
        let seen = Mutex::new(String::new());
        let look = || *seen.lock().unwrap() = fs::read_to_string(out.join(INCOMPLETE_MARKER)).unwrap_or_default();
        extract_with(&good, &out, &ExtractOptions::default(), &|| {}, &look).unwrap();
        let text = seen.lock().unwrap().clone();
        assert!(text.contains("INTERRUPTED EXTRACTION") && text.contains("Delete this folder"), "{text:?}");
        assert!(!out.join(INCOMPLETE_MARKER).exists(), "removed once complete");
        assert!(out.join("item-1/in/evidence.txt").exists());
    }

    #[cfg(unix)]
    #[test]
    fn the_output_folder_is_private_to_its_owner() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let good = sealed(dir.path(), "good.zip", b"evidence");
        let out = dir.path().join("out");
        let mode = Mutex::new(0);
        let look = || *mode.lock().unwrap() = fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        extract_with(&good, &out, &ExtractOptions::default(), &|| {}, &look).unwrap();
        assert_eq!(*mode.lock().unwrap(), 0o700, "private while it is being written");
        assert_eq!(fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o700, "and once done");
    }

    #[test]
    fn an_output_directory_created_meanwhile_is_never_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let good = sealed(dir.path(), "good.zip", b"evidence");
        let out = dir.path().join("out");
        let e = extract_with(&good, &out, &ExtractOptions::default(), &|| fs::create_dir(&out).unwrap(), &|| {})
            .unwrap_err();
        assert!(matches!(e, Error::Exists { .. }), "{e}");
        assert!(tree(&out).is_empty(), "the directory someone else made is left as it was");
    }

    #[test]
    fn names_extract_uses_itself_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let good = sealed(dir.path(), "good.zip", b"evidence");
        let a = Archive::open(Box::new(fs::read(&good).unwrap())).unwrap();
        assert!(plan(&a).is_ok_and(|(_, m)| m.is_some()));
        let mut entries = crate::archive::read_archive(fs::read(&good).unwrap()).unwrap();
        entries.retain(|(n, _)| n.starts_with("data/"));
        entries.push(("data/Custody-Verify-Report.json/x".into(), b"x".to_vec()));
        let bytes = crate::archive::write_archive(&entries, chrono::Utc::now()).unwrap();
        let a = Archive::open(Box::new(bytes)).unwrap();
        let e = plan(&a).err().unwrap();
        assert!(e.to_string().contains("its own files"), "{e}");
    }
}
