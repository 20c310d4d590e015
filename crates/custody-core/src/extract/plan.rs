//! The extraction plan: which bundle entry is written where, with names taken from the
//! signed manifest and checked component by component, so that nothing lands outside the
//! output directory or on a name one file system would confuse with another.

use std::collections::BTreeMap;
use std::path::PathBuf;

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

/// One file to write: where it goes, what it must hash to, and its modification time.
pub(super) struct Planned {
    pub(super) rel: PathBuf,
    /// The name written holds a text-direction character (written as sealed).
    pub(super) direction: bool,
    /// The relative path as sealed, when `--portable` mapped it to another name.
    pub(super) sealed_as: Option<String>,
    pub(super) expected: Option<Sha256Digest>,
    pub(super) modified: Option<Timestamp>,
}

/// What to write, keyed by the entry's path in the bundle: from the manifest if it can be
/// read and is valid, else (only useful with force) the payload entries as they are named.
/// Also returns the manifest it used: extraction goes ahead only if verification checked
/// the signature over that same manifest (the file may change between the two reads).
pub(super) type Plan = BTreeMap<String, Planned>;
pub(super) fn plan<S: Source + ?Sized>(
    archive: &Archive<S>,
    portable: bool,
) -> Result<(Plan, Option<Manifest>), Error> {
    let manifest: Option<Manifest> = archive
        .entry(MANIFEST_PATH)
        .and_then(|e| archive.read_entry(e, crate::layout::MAX_MANIFEST_FILE).ok())
        .and_then(|b| crate::document::parse_document(&b).ok())
        .filter(|m| verify::validate_manifest(m).is_ok());
    let refuse = Error::Unextractable;
    let mut plan = BTreeMap::new();
    match &manifest {
        Some(m) => {
            for item in &m.items {
                for f in &item.files {
                    let mut parts = vec![item.id.as_str()];
                    parts.extend(f.original_name.split('/'));
                    let (rel, mapped) = safe_relative(&parts, portable).map_err(refuse)?;
                    let sealed_as = mapped.then(|| parts.join("/"));
                    let direction = has_direction(&rel);
                    let p = Planned { rel, direction, sealed_as, expected: Some(f.sha256), modified: f.modified };
                    if plan.insert(f.path.clone(), p).is_some() {
                        return Err(refuse(format!("{} is described twice", f.path)));
                    }
                }
            }
        }
        None => {
            for e in archive.entries().iter().filter(|e| crate::layout::is_payload(&e.name)) {
                let parts: Vec<&str> = e.name[crate::layout::PAYLOAD_DIR.len()..].split('/').collect();
                let (rel, mapped) = safe_relative(&parts, portable).map_err(refuse)?;
                let sealed_as = mapped.then(|| parts.join("/"));
                let direction = has_direction(&rel);
                plan.insert(e.name.clone(), Planned { rel, direction, sealed_as, expected: None, modified: None });
            }
        }
    }
    // Two names that one file system would treat as the same file (case or Unicode form),
    // or a top-level name that is one of the files extract writes itself.
    let own: Vec<String> = [REPORT_NAME, INVALID_MARKER, STAGING, INCOMPLETE_MARKER, RENAMED_NAME]
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
