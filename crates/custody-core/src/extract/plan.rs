//! The extraction plan: which bundle entry is written where, with names taken from the
//! signed manifest and checked component by component, so that nothing lands outside the
//! output directory or on a name one file system would confuse with another.

use std::path::{Path, PathBuf};

use super::{INCOMPLETE_MARKER, INVALID_MARKER, RENAMED_NAME, REPORT_NAME, STAGING};
use crate::Error;
use crate::archive::{Archive, Source};
use crate::digest::Sha256Digest;
use crate::layout::MANIFEST_PATH;
use crate::manifest::Manifest;
use crate::time::Timestamp;
use crate::verify;

/// Why a name from a bundle cannot be used as a file name here: one path component obeys
/// the bundle's own name rule (`archive::check_name`, spec §3.4: no separator, no `.` or
/// `..`, nothing that escapes the output directory, and nothing Windows cannot hold). Every
/// name the sealer accepted passes: a text-direction character (which seal accepts) is
/// written as it is, or mapped with `--portable` (see [`portable_component`]).
pub fn check_component(c: &str) -> Result<(), &'static str> {
    if c.contains('/') {
        return Err("a path separator inside one name");
    }
    crate::archive::check_name(c)?;
    Ok(())
}

/// Longest file name written, in bytes (most file systems hold 255).
const NAME_BYTES: usize = 255;

/// A component as a name every file system holds and every screen shows as it is: each
/// text-direction, control or Windows-reserved character as `U+XXXX` (all of them are in
/// the Basic Multilingual Plane: exactly four hex digits), a trailing dot or space and a
/// Windows device name made safe with `_`. So that no two names map to one, a `U` or `u`
/// before a `+` is written as its own escape (`aU+202Eb` as sealed becomes `aU+0055+202Eb`,
/// unlike `a` U+202E `b`, which becomes `aU+202Eb`). A result over 255 bytes is shortened,
/// with `~` and 16 hex digits of the SHA-256 of the name as sealed before its extension.
/// `None`: already portable.
pub fn portable_component(c: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = c.chars().peekable();
    while let Some(ch) = chars.next() {
        if crate::text::is_bidi_control(ch)
            || ch.is_control()
            || matches!(ch, ':' | '<' | '>' | '"' | '|' | '?' | '*' | '\\')
            || matches!(ch, 'U' | 'u') && chars.peek() == Some(&'+')
        {
            out.push_str(&format!("U+{:04X}", u32::from(ch)));
        } else {
            out.push(ch);
        }
    }
    if out.ends_with('.') || out.ends_with(' ') {
        out.push('_');
    }
    if crate::archive::check_name(&out).is_err() {
        out.insert(0, '_');
    }
    if out.len() > NAME_BYTES {
        let hash = Sha256Digest::of(c.as_bytes()).hex();
        let ext = out.rfind('.').map(|i| &out[i..]).filter(|e| e.len() <= 16).unwrap_or("").to_string();
        let mut keep = NAME_BYTES - ext.len() - 17;
        while !out.is_char_boundary(keep) {
            keep -= 1;
        }
        out = format!("{}~{}{ext}", &out[..keep], &hash[..16]);
    }
    (out != c).then_some(out)
}

/// The relative output path for a file: checked component by component, and mapped to
/// portable names when `portable`. Returns the path and whether it was mapped.
fn safe_relative(parts: &[&str], portable: bool) -> Result<(PathBuf, bool), String> {
    let mut p = PathBuf::new();
    let mut mapped = false;
    for c in parts {
        check_component(c).map_err(|why| format!("'{}': {why}", parts.join("/")))?;
        match portable.then(|| portable_component(c)).flatten() {
            Some(safe) => {
                mapped = true;
                p.push(safe);
            }
            None => p.push(c),
        }
    }
    Ok((p, mapped))
}

/// Whether a path to write holds a text-direction character (shown out of its true order).
fn has_direction(rel: &std::path::Path) -> bool {
    rel.to_string_lossy().chars().any(crate::text::is_bidi_control)
}

/// One file to write: its path in the bundle, where it goes, what it must hash to, and its
/// modification time. Boxed, not growable: a million of them are held at once.
pub(super) struct Planned {
    pub(super) path: Box<str>,
    pub(super) rel: Box<Path>,
    /// The name written holds a text-direction character (written as sealed).
    pub(super) direction: bool,
    /// The relative path as sealed, when `--portable` mapped it to another name.
    pub(super) sealed_as: Option<Box<str>>,
    pub(super) expected: Option<Sha256Digest>,
    pub(super) modified: Option<Timestamp>,
}

/// What to write, sorted by the entry's path in the bundle: from the manifest if it can be
/// read and is valid, else (only useful with force) the payload entries as they are named.
/// The manifest itself is not kept (a million files make it hundreds of MB): extraction goes
/// ahead only if the manifest verification checked gives this same plan ([`Plan::same_as`];
/// the file may change between the two reads).
pub(super) struct Plan {
    files: Vec<Planned>,
    /// Whether it came from a valid manifest.
    pub(super) from_manifest: bool,
    /// Whether names were mapped to portable ones (`--portable`).
    portable: bool,
}

impl Plan {
    /// The files to write, in path order.
    pub(super) fn files(&self) -> &[Planned] {
        &self.files
    }

    /// The file planned for the bundle path `path`, with its place in [`Plan::files`].
    pub(super) fn find(&self, path: &str) -> Option<(usize, &Planned)> {
        let i = self.files.binary_search_by(|p| (*p.path).cmp(path)).ok()?;
        self.files.get(i).map(|p| (i, p))
    }

    /// Whether `manifest` plans exactly these files, names, digests and times.
    pub(super) fn same_as(&self, manifest: Option<&Manifest>) -> bool {
        let Some(m) = manifest.filter(|_| self.from_manifest) else { return false };
        let mut count = 0usize;
        for (item, f) in m.items.iter().flat_map(|i| i.files.iter().map(move |f| (i, f))) {
            count += 1;
            let Some((_, p)) = self.find(f.path) else { return false };
            let rel = relative_of(&item.id, f.original_name, self.portable);
            if !rel.is_ok_and(|(r, _)| *r == *p.rel) || p.expected != Some(*f.sha256) || p.modified != f.modified {
                return false;
            }
        }
        count == self.files.len()
    }
}

/// Where the file of `item` originally named `original_name` goes: `<item id>/<name>`,
/// checked component by component (and mapped, when `portable`); with whether it was mapped.
fn relative_of(item: &str, original_name: &str, portable: bool) -> Result<(PathBuf, bool), String> {
    let mut parts = vec![item];
    parts.extend(original_name.split('/'));
    safe_relative(&parts, portable)
}

/// One planned file, with what `--portable` did to its name.
fn planned(
    path: &str,
    sealed: String,
    (rel, mapped): (PathBuf, bool),
    expected: Option<Sha256Digest>,
    modified: Option<Timestamp>,
) -> Planned {
    let direction = has_direction(&rel);
    let sealed_as = mapped.then(|| sealed.into_boxed_str());
    Planned { path: path.into(), rel: rel.into(), direction, sealed_as, expected, modified }
}

/// The manifest, streamed from the open archive (never held whole as bytes), if it can be
/// read and is valid.
fn read_manifest<S: Source + ?Sized>(archive: &Archive<S>) -> Option<Manifest> {
    let e = archive.entry(MANIFEST_PATH).filter(|e| e.size <= crate::layout::MAX_MANIFEST_FILE)?;
    let mut reader = archive.entry_reader(e);
    let buffered = std::io::BufReader::with_capacity(1 << 16, &mut reader);
    let parsed: Option<Manifest> = crate::document::parse_document_from(buffered).ok();
    // Read to the end, so that a damaged entry (CRC) is not planned from.
    let finished = reader.finish().ok().filter(|d| d.crc_ok);
    parsed.filter(|_| finished.is_some()).filter(|m| verify::validate_manifest(m).is_ok())
}

pub(super) fn plan<S: Source + ?Sized>(archive: &Archive<S>, portable: bool) -> Result<Plan, Error> {
    let manifest = read_manifest(archive);
    let refuse = Error::Unextractable;
    let mut files = Vec::new();
    let from_manifest = manifest.is_some();
    match manifest {
        Some(m) => {
            for item in &m.items {
                for f in &item.files {
                    let rel = relative_of(&item.id, f.original_name, portable).map_err(refuse)?;
                    let sealed = format!("{}/{}", item.id, f.original_name);
                    files.push(planned(f.path, sealed, rel, Some(*f.sha256), f.modified));
                }
            }
        }
        None => {
            for e in archive.entries().iter().filter(|e| crate::layout::is_payload(e.name)) {
                let parts: Vec<&str> = e.name[crate::layout::PAYLOAD_DIR.len()..].split('/').collect();
                let rel = safe_relative(&parts, portable).map_err(refuse)?;
                files.push(planned(e.name, parts.join("/"), rel, None, None));
            }
        }
    }
    files.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    if let Some(twice) = files.windows(2).find(|w| w[0].path == w[1].path) {
        return Err(refuse(format!("{} is described twice", twice[0].path)));
    }
    // Two names that one file system would treat as the same file (case or Unicode form),
    // or a top-level name that is one of the files extract writes itself.
    let own: Vec<String> = [REPORT_NAME, INVALID_MARKER, STAGING, INCOMPLETE_MARKER, RENAMED_NAME]
        .iter()
        .map(|n| crate::archive::collision_key(n))
        .collect();
    let mut seen = crate::names::NameSet::new();
    for p in &files {
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
    Ok(Plan { files, from_manifest, portable })
}
