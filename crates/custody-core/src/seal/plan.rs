//! Sealing step 1, the plan: every input resolved and every file listed, named and checked
//! before anything is read or written.
//!
//! Inputs must be regular files or directories (links are refused, not followed: a link's
//! target can change between capture and seal). Each input becomes one item under
//! `data/item-N/`; its files get their bundle paths here, and every rule about names (spec
//! §3.4), sizes and the output's place is checked here, so that a refusal comes before any
//! evidence is read.

use std::fs::{self, File};
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::{ItemInput, bad_input, push_bundle_path, push_escaped};
use crate::Error;
use crate::archive::check_name;
use crate::casefile::CaseInput;
use crate::digest::Sha256Digest;
use crate::fsutil::parent_dir;
use crate::keys::check_text;
use crate::layout::{MAX_BAG_PATH_LEN, MAX_NAME_LEN};
use crate::manifest::{Case, FileRecord, Item, media_type};
use crate::provenance::{FileRole, ImportedField};
use crate::time::Timestamp;

/// One payload file to seal: where it is read from and where it goes in the bundle.
///
/// Neither its source path nor its bundle path is kept (issue #22: at a million files, a
/// `PathBuf` and two `String`s each): its original name is a span of the plan's one arena of
/// names ([`Plan::name`]), its source is its input's path and that name ([`Plan::source`]),
/// and its bundle path is made from its item's folder (made once, [`Plan::dirs`]) and the
/// name when needed, into a buffer reused from file to file ([`Plan::path_into`]).
///
/// 32 bytes (issue #22: 48 with a `usize` place, a `u32` length and an optional
/// `Timestamp`): a name is at most [`MAX_BAG_PATH_LEN`] bytes, the names at most 4 GiB, and
/// a file's time is whole seconds ([`mtime`]). Its name is its folder's part, held once for
/// all the files of that folder ([`Plan::folders`]), and its own part (issue #22: at a
/// million files in 5,000 folders, 20 of every 37 bytes of names were the folders').
pub(super) struct PlannedFile {
    /// Where its own part of the original name is in [`Plan::names`].
    name_at: u32,
    /// Its folder's part of the original name: an index into [`Plan::folders`].
    folder: u32,
    pub(super) size: u64,
    /// Its modification time in seconds since the Unix epoch, [`NO_TIME`] for none.
    modified: i64,
    /// The item's index in the plan (`item-{item + 1}`).
    pub(super) item: u32,
    name_len: u16,
    pub(super) role: Option<FileRole>,
}

const _: () = assert!(std::mem::size_of::<PlannedFile>() == 32);
const _: () = assert!(MAX_BAG_PATH_LEN <= u16::MAX as usize);

/// [`PlannedFile::modified`] of a file whose time could not be read.
const NO_TIME: i64 = i64::MIN;

impl PlannedFile {
    /// Its modification time, if it could be read.
    pub(super) fn modified(&self) -> Option<Timestamp> {
        (self.modified != NO_TIME).then(|| Timestamp::from_unix(self.modified)).flatten()
    }
}

/// A planned file's original name (its path as given at seal time), in two parts: its
/// folder's (ending in `/`, or empty for a file given alone) and its own.
#[derive(Debug, Clone, Copy)]
pub(super) struct Name<'p> {
    folder: &'p str,
    leaf: &'p str,
}

impl Name<'_> {
    /// Whether the name is `name`.
    pub(super) fn is(&self, name: &str) -> bool {
        name.strip_prefix(self.folder) == Some(self.leaf)
    }
}

impl std::fmt::Display for Name<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.folder)?;
        f.write_str(self.leaf)
    }
}

/// The original name of `f` in the arena `names` with the folders `folders` (spans of it).
fn name_in<'n>(names: &'n str, folders: &[(u32, u32)], f: &PlannedFile) -> Name<'n> {
    let span = |at: u32, len: usize| names.get(at as usize..(at as usize).saturating_add(len)).unwrap_or_default();
    let folder = folders.get(f.folder as usize).map_or("", |&(at, len)| span(at, len as usize));
    Name { folder, leaf: span(f.name_at, usize::from(f.name_len)) }
}

/// What is to be sealed: the items (their files still empty) with the range of their files
/// in `files`, and each input resolved (canonical path, whether it is a directory).
pub(super) struct Plan {
    pub(super) inputs: Vec<(PathBuf, bool)>,
    /// Each input's path as given (its files are read through it), by item index.
    given: Vec<PathBuf>,
    pub(super) items: Vec<(Item, Range<usize>)>,
    /// Each item's folder (`data/item-N`), by item index: made once, not once a file.
    pub(super) dirs: Vec<String>,
    pub(super) files: Vec<PlannedFile>,
    /// Every folder's part of the original names (once a folder), and every file's own part.
    names: String,
    /// Each folder's part of the original names: a span of `names` (start, length).
    folders: Vec<(u32, u32)>,
}

impl Plan {
    /// The original name of `f` (its path as given at seal time, from its input's name).
    pub(super) fn name(&self, f: &PlannedFile) -> Name<'_> {
        name_in(&self.names, &self.folders, f)
    }

    /// Where `f` is read from: its input's path as given, and, for a folder, the rest of its
    /// name (the folder's own name is its first part).
    pub(super) fn source(&self, f: &PlannedFile) -> PathBuf {
        let at = f.item as usize;
        let Some(given) = self.given.get(at) else { return PathBuf::new() };
        let is_dir = self.inputs.get(at).is_some_and(|(_, d)| *d);
        let label = self.items.get(at).map_or(0, |(i, _)| i.label.len());
        match self.name(f).to_string().get(label + 1..) {
            // `push` in one buffer: what `join` does, without a new path for every part.
            Some(rest) if is_dir => rest.split('/').fold(given.clone(), |mut p, part| {
                p.push(part);
                p
            }),
            _ => given.clone(),
        }
    }

    /// The path in the bundle (spec §3.4) of `f`, under its item's folder ([`Plan::dirs`]),
    /// written into `buf` (cleared first).
    pub(super) fn path_into<'b>(&self, f: &PlannedFile, buf: &'b mut String) -> &'b str {
        buf.clear();
        let name = self.name(f);
        push_bundle_path(buf, self.dirs.get(f.item as usize).map_or("", String::as_str), name.folder);
        push_escaped(buf, name.leaf);
        buf
    }

    /// The path in the bundle of `f`, as a new `String` (where one is kept).
    pub(super) fn bundle_path(&self, f: &PlannedFile) -> String {
        let mut path = String::new();
        self.path_into(f, &mut path);
        path
    }

    /// The manifest's record of `f` at `path`, once its digest is known.
    pub(super) fn record(&self, f: &PlannedFile, path: &str, sha256: Sha256Digest) -> FileRecord {
        let name = self.name(f).to_string();
        FileRecord {
            path: path.to_owned(),
            size: f.size,
            media_type: media_type(&name).into(),
            original_name: name,
            sha256,
            modified: f.modified(),
            role: f.role,
        }
    }
}

/// The id of the item sealed from the input at `index` (from 0) of
/// [`SealOptions::items`](super::SealOptions::items): `item-1`, `item-2`, ...
pub fn item_id(index: usize) -> String {
    format!("item-{}", index + 1)
}

fn utf8_name(path: &Path) -> Result<String, Error> {
    path.file_name().and_then(|n| n.to_str()).map(str::to_owned).ok_or_else(|| {
        bad_input("inputs", format!("{}: the file name is not valid UTF-8", path.display()), Some("rename it first"))
    })
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
        return Err(bad_input(
            "inputs",
            format!(
                "{} is a symbolic link; custody does not follow links (the target could change). \
                 Seal the file it points to, or copy it into place",
                path.display()
            ),
            None,
        ));
    }
    if !ft.is_file() && !ft.is_dir() {
        return Err(bad_input(
            "inputs",
            format!("{} is not a regular file or directory (a device, socket or pipe)", path.display()),
            None,
        ));
    }
    Ok(())
}

/// Where a file is planned: its item (index and folder), a buffer for bundle paths, and the
/// plan's files, names and folders.
struct Placing<'p> {
    item: u32,
    dir: &'p str,
    buf: &'p mut String,
    out: &'p mut Vec<PlannedFile>,
    names: &'p mut String,
    folders: &'p mut Vec<(u32, u32)>,
}

impl Placing<'_> {
    /// Adds `text` to the names: where it is, or a refusal once the names pass 4 GiB (far more
    /// than the files one bundle may hold).
    fn add_name(&mut self, text: &str) -> Result<(u32, u32), Error> {
        let place = name_place(self.names.len(), text.len(), u32::MAX as usize)?;
        self.names.push_str(text);
        Ok(place)
    }

    /// Adds a folder's part of the original names (`rel` and `/`; empty for a file given
    /// alone): its index in the folders.
    fn add_folder(&mut self, rel: &str) -> Result<u32, Error> {
        let i = folder_index(self.folders.len(), u32::MAX as usize)?;
        let (at, len) = if rel.is_empty() { (0, 0) } else { self.add_name(&format!("{rel}/"))? };
        self.folders.push((at, len));
        Ok(i)
    }
}

/// Where `add` bytes go after the names' `len` bytes, and how many they are, if the names then
/// end within `limit` bytes (`u32::MAX` in a plan); a refusal beyond.
fn name_place(len: usize, add: usize, limit: usize) -> Result<(u32, u32), Error> {
    let fits = len.checked_add(add).is_some_and(|end| end <= limit);
    match (fits, u32::try_from(len), u32::try_from(add)) {
        (true, Ok(at), Ok(n)) => Ok((at, n)),
        _ => Err(bad_input(
            "inputs",
            crate::wording::archive::names_too_long(limit as u64, crate::layout::MAX_PAYLOAD_FILES),
            Some("split the evidence into several bundles"),
        )),
    }
}

/// The index of a folder added after `count` folders, if it is at most `limit` (`u32::MAX` in
/// a plan); a refusal beyond.
fn folder_index(count: usize, limit: usize) -> Result<u32, Error> {
    match u32::try_from(count) {
        Ok(i) if count <= limit => Ok(i),
        _ => Err(bad_input("inputs", crate::wording::archive::TOO_MANY_FOLDERS.into(), None)),
    }
}

fn walk(dir: &Path, rel: &str, to: &mut Placing<'_>) -> Result<(), Error> {
    let mut children: Vec<_> =
        fs::read_dir(dir).map_err(Error::io(dir))?.collect::<Result<_, _>>().map_err(Error::io(dir))?;
    children.sort_by_key(|e| e.file_name());
    // This folder's part of its files' names, added once it holds a file.
    let mut folder = None;
    for child in children {
        let path = child.path();
        // Not following a link, like `fs::symlink_metadata`, but asked of the folder read
        // (`fstatat`) rather than by the whole path walked again: a million files at seal.
        let meta = child.metadata().map_err(Error::io(&path))?;
        check_kind(&path, &meta)?;
        let leaf = utf8_name(&path)?;
        let name = format!("{rel}/{leaf}");
        if meta.is_dir() {
            walk(&path, &name, to)?;
        } else {
            let at = match folder {
                Some(at) => at,
                None => *folder.insert(to.add_folder(rel)?),
            };
            planned(&path, &meta, &name, (at, &leaf), to)?;
        }
    }
    Ok(())
}

/// Plans the file at `path` named `original_name` in its item, after checking its bundle path:
/// `(folder, leaf)` are its folder's index in the plan's folders and its own part of the name.
fn planned(
    path: &Path,
    meta: &fs::Metadata,
    original_name: &str,
    (folder, leaf): (u32, &str),
    to: &mut Placing<'_>,
) -> Result<(), Error> {
    to.buf.clear();
    push_bundle_path(to.buf, to.dir, original_name);
    let bundle_path = to.buf.as_str();
    check_name(bundle_path).map_err(|why| {
        bad_input(
            "inputs",
            format!(
                "{}: cannot be sealed: {why}, so the bundle could not be extracted on every system. Rename it, \
                 or pack the capture into one archive file (e.g. tar) and seal that",
                path.display()
            ),
            None,
        )
    })?;
    // The ZIP entry name is the bundle's root folder plus the bag path (spec §2.5, §3.4).
    if bundle_path.len() > MAX_BAG_PATH_LEN {
        return Err(bad_input(
            "inputs",
            format!(
                "{}: its path in the bundle, {} bytes, is longer than the {MAX_BAG_PATH_LEN} bytes a bag path may \
                 have (entry names are at most {MAX_NAME_LEN} bytes with the bundle's folder)",
                path.display(),
                bundle_path.len()
            ),
            Some(
                "rename it or a folder above it to something shorter, or pack the capture into one archive file (e.g. tar) and seal that",
            ),
        ));
    }
    // A name is at most MAX_BAG_PATH_LEN bytes (checked above: it ends its bundle path).
    let name_len = u16::try_from(leaf.len()).unwrap_or(u16::MAX);
    let (name_at, _) = to.add_name(leaf)?;
    let f = PlannedFile {
        name_at,
        folder,
        name_len,
        item: to.item,
        size: meta.len(),
        modified: mtime(meta).map_or(NO_TIME, |t| t.unix()),
        role: None,
    };
    to.out.push(f);
    Ok(())
}

/// Resolves every input and lists its files, with the roles declared for them. Nothing is
/// read but directory listings and metadata (a file input is opened once, so that an
/// unreadable input fails before anything is written).
pub(super) fn plan_inputs(case_reference: &str, inputs: &[ItemInput]) -> Result<Plan, Error> {
    check_text("case reference", case_reference, 256)?;
    if inputs.is_empty() {
        return Err(bad_input("inputs", "nothing to seal: give at least one file or directory".into(), None));
    }
    crate::error::check_item_count(inputs.len())?;
    let mut resolved_inputs: Vec<(PathBuf, bool)> = Vec::new();
    // A set beside the list: looking each input up in the list made sealing n inputs quadratic.
    let mut seen_inputs: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
    let mut items = Vec::new();
    let mut dirs = Vec::new();
    let mut buf = String::new();
    let mut plan: Vec<PlannedFile> = Vec::new();
    let mut names = String::new();
    let mut folders = Vec::new();
    let mut given = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        let p = &input.path;
        let meta = fs::symlink_metadata(p)
            .map_err(|e| bad_input("inputs", format!("cannot read input {}: {e}", p.display()), None))?;
        check_kind(p, &meta)?;
        let canonical = fs::canonicalize(p).map_err(Error::io(p))?;
        if !seen_inputs.insert(canonical.clone()) {
            return Err(bad_input("inputs", format!("{} is given twice", p.display()), None));
        }
        resolved_inputs.push((canonical.clone(), meta.is_dir()));
        let label = utf8_name(&canonical)?;
        let id = item_id(i);
        let item_no =
            u32::try_from(i).map_err(|_| bad_input("inputs", crate::wording::archive::TOO_MANY_INPUTS.into(), None))?;
        let dir = crate::layout::item_dir(&id);
        let first = plan.len();
        let mut to = Placing {
            item: item_no,
            dir: &dir,
            buf: &mut buf,
            out: &mut plan,
            names: &mut names,
            folders: &mut folders,
        };
        if meta.is_dir() {
            walk(p, &label, &mut to)?;
            if plan.len() == first {
                return Err(bad_input("inputs", format!("{} contains no files", p.display()), None));
            }
        } else {
            // Open it now so an unreadable input fails before anything is written.
            File::open(p).map_err(|e| bad_input("inputs", format!("cannot read input {}: {e}", p.display()), None))?;
            let alone = to.add_folder("")?;
            planned(p, &meta, &label, (alone, &label), &mut to)?;
        }
        let spec = &input.spec;
        for (rel, role) in &spec.file_roles {
            let name = if meta.is_dir() { format!("{label}/{rel}") } else { rel.clone() };
            let (names, folders) = (&names, &folders);
            match plan[first..].iter_mut().find(|f| name_in(names, folders, f).is(&name)) {
                Some(f) => f.role = Some(*role),
                None => {
                    let files: Vec<String> = plan[first..]
                        .iter()
                        .take(5)
                        .map(|f| name_in(names, folders, f).to_string())
                        .map(|n| n.strip_prefix(&format!("{label}/")).map_or_else(|| n.clone(), str::to_owned))
                        .collect();
                    return Err(bad_input(
                        "file_roles",
                        format!(
                            "file_roles for {} names '{rel}', which is not one of its files (such as: {})",
                            p.display(),
                            files.join(", ")
                        ),
                        None,
                    ));
                }
            }
        }
        let item =
            Item { id, label, exhibit: spec.exhibit.clone(), capture: spec.capture.clone(), files: Default::default() };
        items.push((item, first..plan.len()));
        dirs.push(dir);
        given.push(p.clone());
    }
    plan.shrink_to_fit();
    names.shrink_to_fit();
    folders.shrink_to_fit();
    Ok(Plan { inputs: resolved_inputs, given, items, dirs, files: plan, names, folders })
}

/// Capture tools' own files (WARC, WACZ, yt-dlp) fill in what the sealer did not declare.
/// Returns the fields imported, as (item id, field), and a warning for each capture file
/// that could not be read (it is sealed as it is).
pub(super) fn import_capture(plan: &mut Plan) -> (Vec<(String, ImportedField)>, Vec<String>) {
    let mut imported = Vec::new();
    let mut warnings = Vec::new();
    for at in 0..plan.items.len() {
        let Some(range) = plan.items.get(at).map(|(_, r)| r.clone()) else { break };
        let mut found = Vec::new();
        for k in range {
            let Some(f) = plan.files.get(k) else { break };
            let (source, name) = (plan.source(f), plan.name(f).to_string());
            let name = name.as_str();
            let role = match crate::import::import(&source, name) {
                Ok(None) => None,
                Ok(Some(file)) => {
                    warnings.extend(file.warnings.iter().map(|w| format!("{}: {w}", source.display())));
                    let role = file.role;
                    found.push((plan.bundle_path(f), file));
                    role
                }
                Err(why) => {
                    warnings.push(format!(
                        "{}: not read as {} ({why}); it is sealed as it is, without imported metadata",
                        source.display(),
                        crate::import::recognise(name).unwrap_or("a capture file")
                    ));
                    None
                }
            };
            if let Some(f) = plan.files.get_mut(k)
                && f.role.is_none()
            {
                f.role = role;
            }
        }
        let Some((item, _)) = plan.items.get_mut(at) else { break };
        let before = item.capture.imported.len();
        // Edited, not boxed, when nothing is found: a million inputs stay a pointer each.
        warnings.extend(item.capture.edit(|c| crate::import::import_item(c, &found, &item.id)));
        imported.extend(item.capture.imported[before..].iter().map(|i| (item.id.clone(), i.clone())));
    }
    (imported, warnings)
}

/// The case with its authorising documents hashed, and linked to their bundle paths when
/// the same file is sealed as evidence.
pub(super) fn link_documents(input: &CaseInput, plan: &Plan) -> Result<Case, Error> {
    let mut case = input.case.clone();
    for (auth_id, doc) in &input.documents {
        let Some(auth) = case.authorisations.iter_mut().find(|a| &a.id == auth_id) else {
            return Err(bad_input(
                "documents",
                format!("a document is given for authorisation '{auth_id}', which is not in the case"),
                None,
            ));
        };
        let mut file = File::open(doc)
            .map_err(|e| bad_input("documents", format!("cannot read the document {}: {e}", doc.display()), None))?;
        let (sha, _) = Sha256Digest::of_reader(&mut file).map_err(Error::io(doc))?;
        auth.document_sha256 = Some(sha);
        let canonical = fs::canonicalize(doc).map_err(Error::io(doc))?;
        for ((root, is_dir), (item, range)) in plan.inputs.iter().zip(&plan.items) {
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
            if let Some(f) = plan.files[range.clone()].iter().find(|f| plan.name(f).is(&name)) {
                auth.document_path = Some(plan.bundle_path(f));
            }
        }
    }
    Ok(case)
}

/// Spec §3.4: no two names that a case-insensitive or normalising file system would take
/// for one file or folder (real captures, wget mirrors or yt-dlp ids, can hold such names),
/// and no more files than a bundle may hold.
pub(super) fn check_names(plan: &Plan) -> Result<(), Error> {
    let files = &plan.files;
    let mut seen = crate::names::NameSet::new();
    let mut buf = String::new();
    for f in files {
        seen.insert(plan.path_into(f, &mut buf));
    }
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
            files
                .iter()
                .find(|g| plan.path_into(g, &mut String::new()) == p.as_str())
                .map_or_else(|| p.clone(), |g| plan.source(g).display().to_string())
        };
        return Err(bad_input(
            "inputs",
            format!(
                "{} and {} {what} on systems that ignore letter case or Unicode form (Windows, macOS; \
             or because '%' is stored as '％'), so the bundle could not be extracted there. To seal such a \
             capture: rename one of them, give them as separate inputs (each input is its own item folder), \
             or pack the capture into one archive file (e.g. tar) and seal that",
                shown(a),
                shown(b)
            ),
            None,
        ));
    }
    if crate::layout::over_file_record_bound(files.len() as u64) {
        return Err(bad_input(
            "inputs",
            format!("{} files is more than one bundle may hold ({})", files.len(), crate::layout::MAX_PAYLOAD_FILES),
            Some("split the evidence into several bundles"),
        ));
    }
    Ok(())
}

/// The remedy when the output exists and may not be replaced (the CLI names its flag).
pub(crate) const EXISTS_HINT: &str = "choose another output, or allow replacing it (SealOptions::with_overwrite)";

/// Where the output will be, resolved, and a check that it is no input and not inside one.
pub(super) fn check_output(output: &Path, inputs: &[(PathBuf, bool)], overwrite: bool) -> Result<(), Error> {
    let name = output
        .file_name()
        .ok_or_else(|| bad_input("output", format!("{}: the output must be a file name", output.display()), None))?;
    let dir = parent_dir(output);
    let dir = fs::canonicalize(&dir)
        .map_err(|e| bad_input("output", format!("the output directory {} is not usable: {e}", dir.display()), None))?;
    let resolved = dir.join(name);
    for (input, is_dir) in inputs {
        if resolved == *input || (*is_dir && resolved.starts_with(input)) {
            return Err(bad_input(
                "output",
                format!(
                    "the output {} would be {} the input {}",
                    output.display(),
                    if resolved == *input { "the same file as" } else { "inside" },
                    input.display()
                ),
                Some("write the bundle somewhere else"),
            ));
        }
    }
    match fs::symlink_metadata(output) {
        Ok(m) if m.is_dir() => Err(bad_input(
            "output",
            format!("{} is a directory", output.display()),
            Some("give a file name for the bundle"),
        )),
        Ok(_) if !overwrite => Err(Error::Exists { path: output.into(), hint: EXISTS_HINT }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::casefile::ItemSpec;
    use crate::provenance::Authorisation;

    /// The bundle path the plan gave every file before its names were split into a folder's
    /// part and its own (issue #22): the item's folder and the whole escaped original name.
    fn old_bundle_path(item: usize, original_name: &str) -> String {
        super::super::bundle_path(&crate::layout::item_dir(&item_id(item)), original_name)
    }

    /// Issue #22: a planned file's name is its folder's part (held once a folder) and its own.
    /// Over folders with sibling prefixes, `%` and non-ASCII text in folder names, six levels
    /// deep, a file named `%`, files after a subfolder, a file given alone and several items,
    /// every file reads back its whole original name and the bundle path the whole name gave;
    /// roles and documents in nested folders are found by that name.
    #[test]
    fn planned_names_split_into_folder_and_own_part_read_back_the_whole_name_and_bundle_path() {
        let dir = tempfile::tempdir().unwrap();
        let cap = dir.path().join("cap 1");
        let files = [
            "a/b/x.txt",
            "a/bc/x.txt",
            "a/b.txt",
            "a%x/é 証/100% ü.txt",
            "a%x/z.txt",
            "a/b/c/d/e/deep%.txt",
            "a/b/c/d/e/f/six.txt",
            "%",
            "z%/%",
        ];
        for f in files {
            let p = cap.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, f).unwrap();
        }
        let single = dir.path().join("single 100%.bin");
        std::fs::write(&single, "alone").unwrap();
        let other = dir.path().join("ö%");
        std::fs::create_dir_all(other.join("a/b")).unwrap();
        std::fs::write(other.join("a/b/x.txt"), "other").unwrap();

        let roles = BTreeMap::from([
            ("a/b/c/d/e/deep%.txt".to_owned(), FileRole::Screenshot),
            ("a%x/é 証/100% ü.txt".to_owned(), FileRole::HtmlSource),
        ]);
        let inputs = [
            ItemInput::new(&cap, ItemSpec::default().with_file_roles(roles)),
            ItemInput::bare(&single),
            ItemInput::bare(&other),
        ];
        let plan = plan_inputs("C-1", &inputs).unwrap();

        let mut expected: Vec<(usize, String)> = files.iter().map(|f| (0, format!("cap 1/{f}"))).collect();
        expected.push((1, "single 100%.bin".into()));
        expected.push((2, "ö%/a/b/x.txt".into()));
        expected.sort();
        let mut got = Vec::new();
        let mut buf = String::new();
        for f in &plan.files {
            let name = plan.name(f).to_string();
            let item = f.item as usize;
            assert!(plan.name(f).is(&name), "{name}");
            let shorter: String = name.chars().skip(1).collect();
            assert!(!plan.name(f).is(&format!("{name}x")) && !plan.name(f).is(&shorter), "{name}");
            assert_eq!(plan.path_into(f, &mut buf), old_bundle_path(item, &name), "{name}");
            assert_eq!(plan.bundle_path(f), old_bundle_path(item, &name));
            let record = plan.record(f, &buf, Sha256Digest([0; 32]));
            assert_eq!((record.path.as_str(), record.original_name.as_str()), (buf.as_str(), name.as_str()));
            // The file is read from where it was found, and it is that file.
            let source = plan.source(f);
            let content = std::fs::read_to_string(&source).unwrap();
            let own = name.split_once('/').map_or(name.as_str(), |(_, rest)| rest);
            let want = match item {
                0 => own,
                1 => "alone",
                _ => "other",
            };
            assert_eq!(content, want, "{name} read from {}", source.display());
            got.push((item, name));
        }
        got.sort();
        assert_eq!(got, expected);
        for (item, (_, range)) in plan.items.iter().enumerate() {
            assert!(plan.files[range.clone()].iter().all(|f| f.item as usize == item));
        }
        // A folder's part is held once: the first item's 9 files lie in 9 folders (two hold
        // two files), the file given alone has an empty one, the third item one.
        assert_eq!(plan.folders.len(), 11);
        assert_eq!(plan.folders.first(), Some(&(0, u32::try_from("cap 1/".len()).unwrap())), "\"%\" sorts first");
        let role = |n: &str| plan.files.iter().find(|f| plan.name(f).is(n)).and_then(|f| f.role);
        assert_eq!(role("cap 1/a/b/c/d/e/deep%.txt"), Some(FileRole::Screenshot));
        assert_eq!(role("cap 1/a%x/é 証/100% ü.txt"), Some(FileRole::HtmlSource));
        assert_eq!(role("cap 1/a/b/x.txt"), None);

        // A role naming no file (a sibling-prefix near miss) is refused.
        let near = BTreeMap::from([("a/b/c/d/e/deep%.tx".to_owned(), FileRole::Screenshot)]);
        let refused = plan_inputs("C-1", &[ItemInput::new(&cap, ItemSpec::default().with_file_roles(near))]);
        assert!(matches!(refused.err(), Some(Error::BadInput { field: "file_roles", .. })));

        // Documents sealed as evidence in a nested % folder, or given alone, are linked.
        let auth = |id: &str| -> Authorisation {
            serde_json::from_value(serde_json::json!({"id": id, "description": "order"})).unwrap()
        };
        let mut case = CaseInput::new("C-1");
        case.case.authorisations = vec![auth("A1"), auth("A2"), auth("A3")];
        let case = case.with_documents(BTreeMap::from([
            ("A1".to_owned(), cap.join("a%x/é 証/100% ü.txt")),
            ("A2".to_owned(), single.clone()),
            ("A3".to_owned(), other.join("a/b/x.txt")),
        ]));
        let linked = link_documents(&case, &plan).unwrap();
        let paths: Vec<_> = linked.authorisations.iter().map(|a| a.document_path.clone()).collect();
        assert_eq!(
            paths,
            [
                Some(old_bundle_path(0, "cap 1/a%x/é 証/100% ü.txt")),
                Some(old_bundle_path(1, "single 100%.bin")),
                Some(old_bundle_path(2, "ö%/a/b/x.txt")),
            ]
        );
        assert_eq!(paths[0].as_deref(), Some("data/item-1/cap 1/a\u{FF05}x/é 証/100\u{FF05} ü.txt"));
    }

    /// Issue #22: the names' place is counted in a `u32`; past the limit the plan refuses with
    /// the catalogue's sentence instead of wrapping, and so does a folder count past its limit.
    #[test]
    fn names_past_their_limit_and_folders_past_theirs_are_refused_with_their_own_message() {
        assert_eq!(name_place(0, 10, 10).unwrap(), (0, 10));
        assert_eq!(name_place(7, 3, 10).unwrap(), (7, 3));
        for (len, add) in [(7, 4), (11, 0), (usize::MAX, 1)] {
            match name_place(len, add, 10) {
                Err(Error::BadInput { field: "inputs", why, remedy: Some(_) }) => {
                    assert_eq!(why, crate::wording::archive::names_too_long(10, 1_000_000));
                    assert!(why.contains("1,000,000 files"), "{why}");
                }
                other => panic!("{len} + {add}: {other:?}"),
            }
        }
        let limit = u32::MAX as usize;
        assert!(name_place(limit - 5, 5, limit).is_ok());
        assert!(name_place(limit - 5, 6, limit).is_err());
        assert!(crate::wording::archive::names_too_long(u32::MAX.into(), 1_000_000).contains("4,294,967,295 bytes"));

        assert_eq!(folder_index(3, 3).unwrap(), 3);
        match folder_index(4, 3) {
            Err(Error::BadInput { field: "inputs", why, .. }) => {
                assert_eq!(why, crate::wording::archive::TOO_MANY_FOLDERS);
                assert!(why.contains("folders"));
            }
            other => panic!("{other:?}"),
        }
        assert!(folder_index(limit, limit).is_ok());
    }
}
