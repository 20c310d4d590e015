//! Sealing: turning captured files into a signed bundle.
//!
//! Each input (a file or a directory) becomes one item. Files are streamed into the archive
//! and hashed in the same pass; nothing is held in memory whole. The bundle is written beside
//! its destination under a temporary name and renamed into place only once complete and on
//! disk, so a failure or a kill leaves no partial bundle behind. Inputs are only read.
//!
//! Symbolic links are refused, not followed: a link's target can change between capture and
//! seal, and a sealed record should say exactly what was read.

use std::fs::{self, File};
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use crate::archive::{ArchiveWriter, MAX_NAME_LEN, check_name};
use crate::bagit::{self, BAGIT_TXT, ManifestLine};
use crate::casefile::{CaseInput, ItemSpec};
use crate::digest::Sha256Digest;
use crate::event::{EVENT_FORMAT, Event, EventType, FileRef, Tool, event_path};
use crate::fsutil::{self, parent_dir};
use crate::keys::{KeyPair, check_text};
use crate::manifest::{FileRecord, Item, MANIFEST_FORMAT, Manifest, Signer, media_type};
use crate::provenance::{Attestation, AttestedFile};
use crate::time::Timestamp;
use crate::{Error, digest};

/// The plain-text guide stored in every bundle, before [`how_to_verify`] names the sealer
/// in it. New steps (other checks with stock tools) go into the file as numbered steps.
pub const HOW_TO_VERIFY: &str = include_str!("how-to-verify.txt");

/// The guide for one bundle: names the sealer and the sealer's fingerprint, with ready
/// commands using the sealer's key file (`custody/keys/<hex>.pem`), so that nobody has to
/// guess which of several keys in the bundle signs the manifest (issue #21.7).
pub fn how_to_verify(sealer: &Signer) -> String {
    let key = format!("custody/keys/{}.pem", sealer.fingerprint.hex());
    // The name goes in last: whatever it contains is not substituted again.
    HOW_TO_VERIFY.replace("{FINGERPRINT}", &sealer.fingerprint.to_string()).replace("{KEY}", &key).replace(
        "{SEALER}",
        &format!("{}, {} ({}, {})", sealer.name, sealer.organisation, sealer.role, sealer.jurisdiction),
    )
}
/// Bundle paths of the fixed tag files.
pub const HOW_TO_VERIFY_PATH: &str = "HOW-TO-VERIFY.txt";
pub const MANIFEST_PATH: &str = "custody/manifest.json";
pub const PAYLOAD_MANIFEST_PATH: &str = "manifest-sha256.txt";
pub const TAG_MANIFEST_PATH: &str = "tagmanifest-sha256.txt";

/// One input to seal, with what is declared about it (exhibit, capture provenance, roles
/// of its files).
#[derive(Debug, Clone)]
pub struct ItemInput {
    pub path: PathBuf,
    pub spec: ItemSpec,
}

impl ItemInput {
    /// An input with nothing declared about it.
    pub fn bare(path: impl Into<PathBuf>) -> Self {
        ItemInput { path: path.into(), spec: ItemSpec::default() }
    }
}

/// What to seal, and how.
pub struct SealOptions<'a> {
    pub key: &'a KeyPair,
    /// The case, its legal basis, actors, restrictions and attestations.
    pub case: CaseInput,
    pub items: Vec<ItemInput>,
    /// Read capture metadata from WARC, WACZ and yt-dlp files among the inputs.
    pub import: bool,
    pub output: PathBuf,
    /// Replace an existing output file (never an input).
    pub overwrite: bool,
    /// The seal time; the current time if `None` (fixed only for test vectors).
    pub time: Option<Timestamp>,
    /// The bundle id; random if `None` (fixed only for test vectors).
    pub bundle_id: Option<String>,
    /// Threads for reading and hashing small files; 0 means one per CPU, 1 no parallelism.
    pub jobs: usize,
}

/// What a seal produced.
#[derive(Debug, Clone)]
pub struct SealSummary {
    pub output: PathBuf,
    pub bundle_id: String,
    pub items: usize,
    pub files: usize,
    pub bytes: u64,
    pub signer: Signer,
    pub time: Timestamp,
    /// Capture fields read from capture tools' files: (item id, field, file, key).
    pub imported: Vec<(String, crate::provenance::ImportedField)>,
    /// Things the sealer should know, e.g. a capture file that could not be read.
    pub warnings: Vec<String>,
    /// Whether the seal event got trusted time.
    pub timestamp: crate::timestamp::StampOutcome,
}

struct PlannedFile {
    source: PathBuf,
    bundle_path: String,
    original_name: String,
    size: u64,
    modified: Option<Timestamp>,
    role: Option<crate::provenance::FileRole>,
}

impl PlannedFile {
    fn record(&self, sha256: Sha256Digest) -> FileRecord {
        FileRecord {
            path: self.bundle_path.clone(),
            original_name: self.original_name.clone(),
            size: self.size,
            media_type: media_type(&self.original_name).into(),
            sha256,
            modified: self.modified,
            role: self.role,
        }
    }
}

fn input_err(msg: String) -> Error {
    Error::Input(msg)
}

fn utf8_name(path: &Path) -> Result<String, Error> {
    path.file_name()
        .and_then(|n| n.to_str())
        .map(str::to_owned)
        .ok_or_else(|| input_err(format!("{}: the file name is not valid UTF-8; rename it first", path.display())))
}

fn mtime(meta: &fs::Metadata) -> Option<Timestamp> {
    let t = meta.modified().ok()?;
    let secs = match t.duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).ok()?,
        Err(e) => -i64::try_from(e.duration().as_secs()).ok()?,
    };
    Timestamp::from_unix(secs)
}

/// Refuses anything that is not a regular file or a directory.
fn check_kind(path: &Path, meta: &fs::Metadata) -> Result<(), Error> {
    let ft = meta.file_type();
    if ft.is_symlink() {
        return Err(input_err(format!(
            "{} is a symbolic link; custody does not follow links (the target could change). \
             Seal the file it points to, or copy it into place",
            path.display()
        )));
    }
    if !ft.is_file() && !ft.is_dir() {
        return Err(input_err(format!(
            "{} is not a regular file or directory (a device, socket or pipe)",
            path.display()
        )));
    }
    Ok(())
}

fn walk(dir: &Path, rel: &str, item_dir: &str, out: &mut Vec<PlannedFile>) -> Result<(), Error> {
    let mut children: Vec<_> =
        fs::read_dir(dir).map_err(Error::io(dir))?.collect::<Result<_, _>>().map_err(Error::io(dir))?;
    children.sort_by_key(|e| e.file_name());
    for child in children {
        let path = child.path();
        let meta = fs::symlink_metadata(&path).map_err(Error::io(&path))?;
        check_kind(&path, &meta)?;
        let name = format!("{rel}/{}", utf8_name(&path)?);
        if meta.is_dir() {
            walk(&path, &name, item_dir, out)?;
        } else {
            out.push(planned(&path, &meta, name, item_dir)?);
        }
    }
    Ok(())
}

/// The path of a payload file in the bundle. A `%` becomes U+FF05 FULLWIDTH PERCENT SIGN:
/// RFC 8493 requires `%` to be escaped as `%25` in manifests, which neither `sha256sum -c`
/// nor the common BagIt validator (bagit.py 1.9) decodes; avoiding it keeps every bundle
/// checkable by stock tools. The exact original name stays in the manifest.
pub fn bundle_path(item_dir: &str, original_name: &str) -> String {
    format!("{item_dir}/{}", original_name.replace('%', "\u{FF05}"))
}

fn planned(path: &Path, meta: &fs::Metadata, original_name: String, item_dir: &str) -> Result<PlannedFile, Error> {
    let bundle_path = bundle_path(item_dir, &original_name);
    check_name(&bundle_path).map_err(|why| {
        input_err(format!(
            "{}: cannot be sealed: {why}, so the bundle could not be extracted on every system. Rename it, \
             or pack the capture into one archive file (e.g. tar) and seal that",
            path.display()
        ))
    })?;
    if bundle_path.len() > MAX_NAME_LEN {
        return Err(input_err(format!("{}: the path is longer than {MAX_NAME_LEN} bytes", path.display())));
    }
    Ok(PlannedFile {
        source: path.into(),
        bundle_path,
        original_name,
        size: meta.len(),
        modified: mtime(meta),
        role: None,
    })
}

/// Where the output will be, resolved, and a check that it is no input and not inside one.
fn check_output(output: &Path, inputs: &[(PathBuf, bool)], overwrite: bool) -> Result<(), Error> {
    let name =
        output.file_name().ok_or_else(|| input_err(format!("{}: the output must be a file name", output.display())))?;
    let dir = parent_dir(output);
    let dir = fs::canonicalize(&dir)
        .map_err(|e| input_err(format!("the output directory {} is not usable: {e}", dir.display())))?;
    let resolved = dir.join(name);
    for (input, is_dir) in inputs {
        if resolved == *input || (*is_dir && resolved.starts_with(input)) {
            return Err(input_err(format!(
                "the output {} would be {} the input {}; write the bundle somewhere else",
                output.display(),
                if resolved == *input { "the same file as" } else { "inside" },
                input.display()
            )));
        }
    }
    match fs::symlink_metadata(output) {
        Ok(m) if m.is_dir() => {
            Err(input_err(format!("{} is a directory; give a file name for the bundle", output.display())))
        }
        Ok(_) if !overwrite => Err(Error::Exists { path: output.into(), hint: "use --force to replace it" }),
        _ => Ok(()),
    }
}

/// Files up to this size are read whole and hashed on worker threads.
const SMALL_FILE: u64 = 1 << 20;
/// At most this many bytes of small files are in one batch; two batches are in memory at
/// once (one being written, the next being read).
const BATCH_BYTES: u64 = 16 << 20;

/// The end of the run of small files starting at `start` (`start` itself if it is large).
fn small_batch_end(plan: &[PlannedFile], start: usize) -> usize {
    let mut bytes = 0;
    let mut end = start;
    while end < plan.len()
        && plan[end].size <= SMALL_FILE
        && bytes + plan[end].size <= BATCH_BYTES
        && end - start < 4096
    {
        bytes += plan[end].size;
        end += 1;
    }
    end
}

/// A small file read whole: its bytes, SHA-256 and CRC-32.
type ReadFile = (Vec<u8>, Sha256Digest, u32);

/// Reads and hashes small files on `jobs` threads: (bytes, SHA-256, CRC-32) in plan order.
fn read_small_files(files: &[PlannedFile], jobs: usize) -> Result<Vec<ReadFile>, Error> {
    use std::io::Read as _;
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<Result<ReadFile, Error>>>> = files.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..jobs.min(files.len()) {
            s.spawn(|| {
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some(f) = files.get(k) else { break };
                    let r = (|| {
                        let file = File::open(&f.source).map_err(Error::io(&f.source))?;
                        let mut data = Vec::with_capacity(f.size as usize);
                        file.take(f.size + 1).read_to_end(&mut data).map_err(Error::io(&f.source))?;
                        if data.len() as u64 != f.size {
                            return Err(Error::Io {
                                path: f.source.clone(),
                                source: std::io::Error::new(
                                    std::io::ErrorKind::InvalidData,
                                    format!(
                                        "'{}' changed size while it was being read ({} bytes expected)",
                                        f.bundle_path, f.size
                                    ),
                                ),
                            });
                        }
                        let sha = Sha256Digest::of(&data);
                        let crc = crc32fast::hash(&data);
                        Ok((data, sha, crc))
                    })();
                    if let Ok(mut slot) = slots[k].lock() {
                        *slot = Some(r);
                    }
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|m| {
            m.into_inner().ok().flatten().unwrap_or_else(|| Err(Error::Input("internal: a file was not read".into())))
        })
        .collect()
}

/// A fresh random bundle id.
pub fn new_bundle_id() -> Result<String, Error> {
    let mut b = [0u8; 16];
    getrandom::fill(&mut b).map_err(|e| Error::Random(e.to_string()))?;
    Ok(digest::hex(&b))
}

pub(crate) fn to_json(v: &impl serde::Serialize) -> Vec<u8> {
    // Serialising our own plain data types cannot fail.
    let mut out = serde_json::to_vec_pretty(v).unwrap_or_default();
    out.push(b'\n');
    out
}

/// Seals the inputs into a bundle. `progress` is called with (bytes done, bytes total).
pub fn seal(opts: &SealOptions, progress: &mut dyn FnMut(u64, u64)) -> Result<SealSummary, Error> {
    seal_stamped(opts, progress, None)
}

/// Seals, and asks a TSA for a token over the seal event's signature as `stamping` says. The
/// token is requested after signing and before the bundle's tail is written: if the TSA fails
/// (and trusted time is not optional) no bundle is left behind.
pub fn seal_stamped(
    opts: &SealOptions,
    progress: &mut dyn FnMut(u64, u64),
    stamping: Option<&crate::timestamp::Stamping>,
) -> Result<SealSummary, Error> {
    let case_reference = &opts.case.case.reference;
    check_text("case reference", case_reference, 256)?;
    if opts.items.is_empty() {
        return Err(input_err("nothing to seal: give at least one file or directory".into()));
    }
    // Plan: resolve every input and list its files before writing anything.
    let mut resolved_inputs: Vec<(PathBuf, bool)> = Vec::new();
    // A set beside the list: looking each input up in the list made sealing n inputs quadratic.
    let mut seen_inputs: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
    let mut items = Vec::new();
    let mut plan: Vec<PlannedFile> = Vec::new();
    for (i, input) in opts.items.iter().enumerate() {
        let p = &input.path;
        let meta = fs::symlink_metadata(p).map_err(|e| input_err(format!("cannot read input {}: {e}", p.display())))?;
        check_kind(p, &meta)?;
        let canonical = fs::canonicalize(p).map_err(Error::io(p))?;
        if !seen_inputs.insert(canonical.clone()) {
            return Err(input_err(format!("{} is given twice", p.display())));
        }
        resolved_inputs.push((canonical.clone(), meta.is_dir()));
        let label = utf8_name(&canonical)?;
        let id = format!("item-{}", i + 1);
        let item_dir = format!("data/{id}");
        let first = plan.len();
        if meta.is_dir() {
            walk(p, &label, &item_dir, &mut plan)?;
            if plan.len() == first {
                return Err(input_err(format!("{} contains no files", p.display())));
            }
        } else {
            // Open it now so an unreadable input fails before anything is written.
            File::open(p).map_err(|e| input_err(format!("cannot read input {}: {e}", p.display())))?;
            plan.push(planned(p, &meta, label.clone(), &item_dir)?);
        }
        let spec = &input.spec;
        for (rel, role) in &spec.file_roles {
            let name = if meta.is_dir() { format!("{label}/{rel}") } else { rel.clone() };
            match plan[first..].iter_mut().find(|f| f.original_name == name) {
                Some(f) => f.role = Some(*role),
                None => {
                    let files: Vec<&str> = plan[first..]
                        .iter()
                        .take(5)
                        .map(|f| f.original_name.strip_prefix(&format!("{label}/")).unwrap_or(&f.original_name))
                        .collect();
                    return Err(input_err(format!(
                        "file_roles for {} names '{rel}', which is not one of its files (such as: {})",
                        p.display(),
                        files.join(", ")
                    )));
                }
            }
        }
        let item = Item { id, label, exhibit: spec.exhibit.clone(), capture: spec.capture.clone(), files: Vec::new() };
        items.push((item, first..plan.len()));
    }

    // Capture tools' own files fill in what the sealer did not declare.
    let mut imported = Vec::new();
    let mut warnings = Vec::new();
    if opts.import {
        for (item, range) in &mut items {
            for f in &mut plan[range.clone()] {
                match crate::import::import(&f.source, &f.original_name) {
                    Ok(None) => {}
                    Ok(Some(found)) => {
                        let before = item.capture.imported.len();
                        crate::import::merge_into(&mut item.capture, &found, &f.bundle_path);
                        imported.extend(item.capture.imported[before..].iter().map(|i| (item.id.clone(), i.clone())));
                        if f.role.is_none() {
                            f.role = found.role;
                        }
                    }
                    Err(why) => warnings.push(format!(
                        "{}: not read as {} ({why}); it is sealed as it is, without imported metadata",
                        f.source.display(),
                        crate::import::recognise(&f.original_name).unwrap_or("a capture file")
                    )),
                }
            }
        }
    }

    // Authorising documents: hashed now; linked when the same file is sealed as evidence.
    let mut case = opts.case.case.clone();
    for (auth_id, doc) in &opts.case.documents {
        let Some(auth) = case.authorisations.iter_mut().find(|a| &a.id == auth_id) else {
            return Err(input_err(format!(
                "a document is given for authorisation '{auth_id}', which is not in the case"
            )));
        };
        let mut file =
            File::open(doc).map_err(|e| input_err(format!("cannot read the document {}: {e}", doc.display())))?;
        let (sha, _) = Sha256Digest::of_reader(&mut file).map_err(Error::io(doc))?;
        auth.document_sha256 = Some(sha);
        let canonical = fs::canonicalize(doc).map_err(Error::io(doc))?;
        for ((root, is_dir), (item, range)) in resolved_inputs.iter().zip(&items) {
            let name = if *is_dir {
                match canonical.strip_prefix(root).ok().and_then(|r| r.to_str()) {
                    Some(rel) => format!("{}/{rel}", item.label),
                    None => continue,
                }
            } else if &canonical == root {
                item.label.clone()
            } else {
                continue;
            };
            if let Some(f) = plan[range.clone()].iter().find(|f| f.original_name == name) {
                auth.document_path = Some(f.bundle_path.clone());
            }
        }
    }
    // Check the declared provenance before reading any evidence (digests are not known
    // yet: rules that need them are checked again once they are).
    let draft = |records: &[FileRecord], attestations: Vec<Attestation>| Manifest {
        format: MANIFEST_FORMAT.into(),
        bundle_id: String::new(),
        case: case.clone(),
        sealer: Signer::new(opts.key.public().fingerprint(), &opts.key.identity),
        actors: opts.case.actors.clone(),
        restrictions: opts.case.restrictions.clone(),
        attestations,
        items: items
            .iter()
            .map(|(item, range)| {
                let mut item = item.clone();
                item.files = records[range.clone()].to_vec();
                item
            })
            .collect(),
    };
    let attestations = |records: &[FileRecord], time: Timestamp| -> Vec<Attestation> {
        opts.case
            .attestations
            .iter()
            .map(|a| {
                let ids: Vec<String> = if a.items.is_empty() {
                    items.iter().map(|(i, _)| i.id.clone()).collect()
                } else {
                    a.items.clone()
                };
                // Looked up in a set: an attestation over every item made this quadratic.
                let wanted: std::collections::HashSet<&str> = ids.iter().map(String::as_str).collect();
                let files = items
                    .iter()
                    .filter(|(i, _)| wanted.contains(i.id.as_str()))
                    .flat_map(|(_, r)| &records[r.clone()])
                    .map(|f| AttestedFile { path: f.path.clone(), sha256: f.sha256 })
                    .collect();
                Attestation {
                    id: a.id.clone(),
                    kind: a.kind,
                    by: a.by.clone(),
                    declared_at: a.declared_at.unwrap_or(time),
                    statement: a.statement.clone(),
                    standard: a.standard.clone(),
                    items: ids,
                    files,
                }
            })
            .collect()
    };
    {
        let placeholder: Vec<FileRecord> = plan.iter().map(|f| f.record(Sha256Digest([0; 32]))).collect();
        let now = opts.time.unwrap_or_else(Timestamp::now);
        crate::provenance::check_declared(&draft(&placeholder, attestations(&placeholder, now)))
            .map_err(|e| input_err(format!("the case description is not consistent: {e}")))?;
    }
    // Spec §3.4: no two names that a case-insensitive or normalising file system would take
    // for one file or folder. Real captures (wget mirrors, yt-dlp ids) can hold such names.
    let mut seen = crate::names::NameSet::new();
    for f in &plan {
        seen.insert(&f.bundle_path);
    }
    {
        if let Err(c) = seen.check() {
            let (a, b, what) = match &c {
                crate::names::Collision::SameFile { earlier, later } => {
                    (earlier, later, "would have the same name in the bundle")
                }
                crate::names::Collision::FileAndFolder { file, folder_of } => {
                    (file, folder_of, "would be a file and a folder of the same name in the bundle")
                }
            };
            // The input files the two names came from (found only when refusing).
            let shown = |p: &String| {
                plan.iter().find(|g| g.bundle_path == *p).map_or_else(|| p.clone(), |g| g.source.display().to_string())
            };
            return Err(input_err(format!(
                "{} and {} {what} on systems that ignore letter case or Unicode form (Windows, macOS; \
                 or because '%' is stored as '％'), so the bundle could not be extracted there. To seal such a \
                 capture: rename one of them, give them as separate inputs (each input is its own item folder), \
                 or pack the capture into one archive file (e.g. tar) and seal that",
                shown(a),
                shown(b)
            )));
        }
    }
    if plan.len() as u64 > crate::archive::MAX_ENTRIES - 100 {
        return Err(input_err(format!(
            "{} files is more than one bundle may hold ({}); split the evidence into several bundles",
            plan.len(),
            crate::archive::MAX_ENTRIES - 100
        )));
    }
    check_output(&opts.output, &resolved_inputs, opts.overwrite)?;

    let time = opts.time.unwrap_or_else(Timestamp::now);
    let bundle_id = match &opts.bundle_id {
        Some(id) => id.clone(),
        None => new_bundle_id()?,
    };
    let signer = Signer::new(opts.key.public().fingerprint(), &opts.key.identity);
    let total: u64 = plan.iter().map(|f| f.size).sum();
    let tmp = fsutil::temp_beside(&opts.output)?;
    let tmp_path = tmp.path().to_path_buf();
    let file = tmp.reopen().map_err(Error::io(&tmp_path))?;
    let file = fsutil::SequentialOutput::create(file, &tmp_path).map_err(Error::io(&tmp_path))?;
    let mut w = ArchiveWriter::new(BufWriter::with_capacity(1 << 18, file));
    let t = time.as_datetime();
    let wio = |e| Error::Io { path: tmp_path.clone(), source: e };
    let mut tag_files: Vec<(String, Vec<u8>)> = Vec::new();
    let add_tag = |w: &mut ArchiveWriter<_>, tags: &mut Vec<(String, Vec<u8>)>, name: &str, bytes: Vec<u8>| {
        w.add_bytes(name, t, &bytes).map_err(wio)?;
        tags.push((name.to_owned(), bytes));
        Ok::<(), Error>(())
    };
    add_tag(&mut w, &mut tag_files, "bagit.txt", BAGIT_TXT.as_bytes().to_vec())?;
    add_tag(&mut w, &mut tag_files, HOW_TO_VERIFY_PATH, how_to_verify(&signer).into_bytes())?;

    // Payload: every file read once and hashed in the same pass. Large files stream through
    // a read-and-hash thread; runs of small files are read and hashed on `jobs` threads,
    // then written in order.
    let jobs = crate::resolve_jobs(opts.jobs);
    let mut done = 0u64;
    let mut payload_lines = Vec::with_capacity(plan.len());
    let mut records = Vec::with_capacity(plan.len());
    // Segments: a run of small files, or one large file.
    let mut segments = Vec::new();
    let mut i = 0;
    while i < plan.len() {
        let end = small_batch_end(&plan, i).max(i + 1);
        segments.push(i..end);
        i = end;
    }
    let is_small = |r: &std::ops::Range<usize>| plan[r.start].size <= SMALL_FILE;
    let plan_ref = &plan;
    std::thread::scope(|scope| -> Result<(), Error> {
        // With more than one job, the next run of small files is read and hashed while the
        // current one is written: reading, hashing and writing overlap.
        let mut prefetch: Option<std::thread::ScopedJoinHandle<'_, Result<Vec<ReadFile>, Error>>> = None;
        for (k, seg) in segments.iter().enumerate() {
            let current = if is_small(seg) {
                Some(match prefetch.take() {
                    Some(h) => h.join().map_err(|_| input_err("internal: a reading thread failed".into()))??,
                    None => read_small_files(&plan_ref[seg.clone()], jobs)?,
                })
            } else {
                None
            };
            if jobs > 1
                && let Some(next) = segments.get(k + 1).filter(|n| is_small(n))
            {
                let next = next.clone();
                prefetch = Some(scope.spawn(move || read_small_files(&plan_ref[next], jobs)));
            }
            let digests: Vec<Sha256Digest> = match current {
                Some(batch) => {
                    let mut out = Vec::with_capacity(batch.len());
                    for (f, (data, sha, crc)) in plan_ref[seg.clone()].iter().zip(batch) {
                        let modified = f.modified.map(|m| m.as_datetime()).unwrap_or(t);
                        w.add_prehashed(&f.bundle_path, modified, &data, crc).map_err(wio)?;
                        done += data.len() as u64;
                        out.push(sha);
                    }
                    progress(done, total);
                    out
                }
                None => {
                    let f = &plan_ref[seg.start];
                    let modified = f.modified.map(|m| m.as_datetime()).unwrap_or(t);
                    let mut input = File::open(&f.source).map_err(Error::io(&f.source))?;
                    let sha = w
                        .add_stream(&f.bundle_path, modified, f.size, &mut input, &mut |n| {
                            done += n;
                            progress(done, total);
                        })
                        .map_err(|e| Error::Io { path: f.source.clone(), source: e })?;
                    vec![Sha256Digest(sha)]
                }
            };
            for (f, sha256) in plan_ref[seg.clone()].iter().zip(digests) {
                payload_lines.push(ManifestLine { sha256, path: f.bundle_path.clone() });
                records.push(f.record(sha256));
            }
        }
        Ok(())
    })?;
    let mut manifest = draft(&records, attestations(&records, time));
    manifest.bundle_id = bundle_id.clone();
    crate::provenance::check(&manifest)
        .map_err(|e| input_err(format!("the case description is not consistent: {e}")))?;
    // What verify will warn a prosecutor about, said now, while the sealer can still fix it.
    warnings.extend(crate::provenance::advisories(&manifest).into_iter().map(|a| format!("{}: {}", a.code, a.message)));

    let bag_info = format!(
        "Bag-Software-Agent: custody {}\nBagging-Date: {}\nPayload-Oxum: {}.{}\nExternal-Identifier: {}\n\
         Internal-Sender-Identifier: {}\nContact-Name: {}\nSource-Organization: {}\n",
        env!("CARGO_PKG_VERSION"),
        &time.to_string()[..10],
        total,
        plan.len(),
        bagit::bag_info_value(case_reference),
        bundle_id,
        bagit::bag_info_value(&signer.name),
        bagit::bag_info_value(&signer.organisation),
    );
    add_tag(&mut w, &mut tag_files, "bag-info.txt", bag_info.into_bytes())?;
    add_tag(&mut w, &mut tag_files, PAYLOAD_MANIFEST_PATH, bagit::write_manifest(&mut payload_lines).into_bytes())?;
    let key_path = format!("custody/keys/{}.pem", signer.fingerprint.hex());
    add_tag(&mut w, &mut tag_files, &key_path, opts.key.public_key_file().into_bytes())?;
    let manifest_bytes = to_json(&manifest);
    if manifest_bytes.len() as u64 > crate::verify::MAX_MANIFEST_FILE {
        return Err(input_err(
            "the manifest would exceed the size verifiers accept; split the evidence into several bundles".into(),
        ));
    }
    let manifest_sig = opts.key.sign(&manifest_bytes).to_vec();
    add_tag(&mut w, &mut tag_files, MANIFEST_PATH, manifest_bytes)?;
    add_tag(&mut w, &mut tag_files, &format!("{MANIFEST_PATH}.sig"), manifest_sig)?;

    let event = Event {
        format: EVENT_FORMAT.into(),
        bundle_id: bundle_id.clone(),
        sequence: 0,
        event_type: EventType::Seal,
        previous_event_sha256: None,
        time,
        signer: signer.clone(),
        tool: Tool::this(),
        files: tag_files
            .iter()
            .map(|(path, bytes)| FileRef { path: path.clone(), sha256: Sha256Digest::of(bytes) })
            .collect(),
        transfer: None,
        receipt: None,
    };
    let event_bytes = to_json(&event);
    let event_sig = opts.key.sign(&event_bytes).to_vec();
    let epath = event_path(0, EventType::Seal);
    let (token, timestamp) = crate::timestamp::stamp(stamping, &epath, &event_sig)?;
    add_tag(&mut w, &mut tag_files, &epath, event_bytes)?;
    add_tag(&mut w, &mut tag_files, &format!("{epath}.sig"), event_sig)?;
    if let Some((path, bytes)) = token {
        add_tag(&mut w, &mut tag_files, &path, bytes)?;
    }

    let mut tag_lines: Vec<ManifestLine> = tag_files
        .iter()
        .map(|(path, bytes)| ManifestLine { sha256: Sha256Digest::of(bytes), path: path.clone() })
        .collect();
    let tagmanifest = bagit::write_manifest(&mut tag_lines);
    w.add_bytes(TAG_MANIFEST_PATH, t, tagmanifest.as_bytes()).map_err(wio)?;
    let buf = w.finish().map_err(wio)?;
    buf.into_inner().map_err(|e| wio(e.into_error()))?.finish().map_err(wio)?;
    fsutil::persist(tmp, &opts.output, opts.overwrite)?;
    Ok(SealSummary {
        output: opts.output.clone(),
        bundle_id,
        items: manifest.items.len(),
        files: plan.len(),
        bytes: total,
        signer,
        time,
        imported,
        warnings,
        timestamp,
    })
}
