//! The archive's root folder (spec §2.5): every entry of a bundle sits under one folder,
//! `custody-<bundle id>/`, so that unpacking gives one BagIt bag (RFC 8493 §4). A statement
//! package has its own root, `custody-statement-<id>/`. The root exists only in this layer:
//! the reader checks and strips it, the writer adds it, and everything above sees bag paths.

use super::{ArchiveError, Entries, Source};
use crate::layout::{
    BAGIT_PATH, BUNDLE_ROOT_PREFIX, MANIFEST_PATH, MAX_MANIFEST_FILE, MEMBER_WINDOW, ROOT_ID_HEX, STATEMENT_ROOT_PREFIX,
};
use crate::wording;

/// Which kind of archive a root names: a bundle or a statement package.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RootKind {
    /// A bundle: `custody-<bundle id>/` (spec §2.5).
    Bundle,
    /// A statement package: `custody-statement-<id>/` (spec §5.7).
    StatementPackage,
}

impl RootKind {
    /// The part of the root folder's name before the id.
    pub fn prefix(self) -> &'static str {
        match self {
            RootKind::Bundle => BUNDLE_ROOT_PREFIX,
            RootKind::StatementPackage => STATEMENT_ROOT_PREFIX,
        }
    }
}

/// A valid root folder: its kind and its id (32 lowercase hex digits).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Root {
    kind: RootKind,
    id: String,
}

impl Root {
    /// The root of kind `kind` for `id`; `None` unless `id` is 32 lowercase hex digits.
    pub fn new(kind: RootKind, id: &str) -> Option<Root> {
        is_root_id(id).then(|| Root { kind, id: id.to_owned() })
    }

    /// The root of the bundle whose id is `bundle_id`, if that is a valid id.
    pub fn bundle(bundle_id: &str) -> Option<Root> {
        Root::new(RootKind::Bundle, bundle_id)
    }

    /// Its kind.
    pub fn kind(&self) -> RootKind {
        self.kind
    }

    /// Its id: for a bundle, the bundle id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The folder, with its final `/`: `custody-<id>/`; every entry name starts with it.
    pub fn dir(&self) -> String {
        format!("{}{}/", self.kind.prefix(), self.id)
    }

    /// The root a first path component names, if it is one of kind `kind`.
    fn parse(kind: RootKind, component: &str) -> Option<Root> {
        Root::new(kind, component.strip_prefix(kind.prefix())?)
    }
}

fn is_root_id(id: &str) -> bool {
    id.len() == ROOT_ID_HEX && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Checks that every entry sits under one root of kind `kind` with a non-empty rest, strips
/// it from every name, and returns it (spec §2.5: `archive.root_invalid`). A bundle of format
/// 1 (never released: `bagit.txt` and a `custody.manifest/1` manifest at the top level) is
/// told apart: [`ArchiveError::UnsupportedFormat`].
pub(super) fn strip_root<S: Source + ?Sized>(
    src: &S,
    entries: &mut Entries,
    kind: RootKind,
) -> Result<Root, ArchiveError> {
    let root = check_root(src, entries, kind)?;
    strip_checked_root(entries, &root)?;
    Ok(root)
}

/// The first half of [`strip_root`]: the root every entry sits under, the names untouched
/// (`src` is read only to tell a bundle of format 1).
pub(super) fn check_root<S: Source + ?Sized>(src: &S, entries: &Entries, kind: RootKind) -> Result<Root, ArchiveError> {
    match find_root(entries, kind) {
        Ok(root) => Ok(root),
        Err(_) if kind == RootKind::Bundle && is_format_1(src, entries) => Err(ArchiveError::UnsupportedFormat(1)),
        Err(e) => Err(e),
    }
}

/// The second half of [`strip_root`]: strips `root`, which [`check_root`] found, from every
/// name.
pub(super) fn strip_checked_root(entries: &mut Entries, root: &Root) -> Result<(), ArchiveError> {
    let dir = root.dir();
    entries.strip_prefix(&dir).map_err(|name| ArchiveError::RootInvalid(wording::archive::root_not_under(&name, &dir)))
}

/// The root rule of a re-zipped bundle read leniently (spec §9.6): the rule of §2.5 as
/// [`strip_root`] checks it, else the same after removing one folder that holds every entry
/// (the bundle's folder zipped inside another, `evidence/custody-<id>/…`); else, with or
/// without that folder, a bag at the top level (`zip -r` run inside the bundle's folder):
/// `bagit.txt` and `custody/manifest.json` there, the root taken from the manifest's
/// `bundle_id`. Any other shape gives the error of the rule of §2.5, and so does a bundle
/// of format 1.
pub(super) fn strip_root_leniently<S: Source + ?Sized>(src: &S, entries: &mut Entries) -> Result<Root, ArchiveError> {
    let strict = match strip_root(src, entries, RootKind::Bundle) {
        Ok(root) => return Ok(root),
        Err(e @ ArchiveError::UnsupportedFormat(_)) => return Err(e),
        Err(e) => e,
    };
    let wrapping = entries
        .first()
        .and_then(|e| e.name.split_once('/'))
        .filter(|(top, _)| Root::parse(RootKind::Bundle, top).is_none())
        .map(|(top, _)| format!("{top}/"));
    if let Some(wrap) = wrapping
        && entries.iter().all(|e| e.name.len() > wrap.len() && e.name.starts_with(&wrap))
    {
        entries
            .strip_prefix(&wrap)
            .map_err(|name| ArchiveError::RootInvalid(wording::archive::root_not_under(&name, &wrap)))?;
        match strip_root(src, entries, RootKind::Bundle) {
            Ok(root) => return Ok(root),
            Err(e @ ArchiveError::UnsupportedFormat(_)) => return Err(e),
            Err(_) => {}
        }
    }
    let at_top = |path: &str| entries.iter().find(|e| e.name == path).map(|e| (e.data_offset, e.size));
    if let (Some(_), Some((at, size))) = (at_top(BAGIT_PATH), at_top(MANIFEST_PATH))
        && size <= MAX_MANIFEST_FILE
        && let Some(root) = top_member(src, at, size, "bundle_id").as_deref().and_then(Root::bundle)
    {
        return Ok(root);
    }
    Err(strict)
}

/// The string value of the first top-level member named `key` of the JSON object of `size`
/// bytes at `at`, if found within its first [`MEMBER_WINDOW`] bytes (spec §9.1 step 1): the
/// members before it are parsed and skipped, and the parse stops at it (what follows is not
/// parsed). `None`: the window is not UTF-8 (a character cut at its end aside), not an
/// object, holds no such member, or its value is not a string. The shared vectors
/// `tests/vectors/first-member.json` hold both verifiers to the same answers.
pub(super) fn top_member<S: Source + ?Sized>(src: &S, at: u64, size: u64, key: &str) -> Option<String> {
    let mut window = vec![0u8; usize::try_from(size.min(MEMBER_WINDOW)).ok()?];
    src.read_exact_at(&mut window, at).ok()?;
    // serde_json does not check the UTF-8 of a string it skips: checked here, whole.
    if let Err(e) = std::str::from_utf8(&window) {
        match e.error_len() {
            Some(_) => return None,
            None => window.truncate(e.valid_up_to()),
        }
    }
    let mut found = None;
    // The visitor stops the parse with an error once it holds the value; the error is not
    // the answer, `found` is.
    let _ = serde::Deserializer::deserialize_map(
        &mut serde_json::Deserializer::from_slice(&window),
        FirstMember { key, found: &mut found },
    );
    found
}

/// Finds the first member named `key` of a JSON object ([`top_member`]).
struct FirstMember<'k, 'f> {
    key: &'k str,
    found: &'f mut Option<String>,
}

impl<'de> serde::de::Visitor<'de> for FirstMember<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(k) = map.next_key::<String>()? {
            if k == self.key {
                *self.found = map.next_value::<String>().ok();
                return Err(serde::de::Error::custom("found"));
            }
            map.next_value::<serde::de::IgnoredAny>()?;
        }
        Ok(())
    }
}

/// Whether these entries are a bundle of format 1: `bagit.txt` and `custody/manifest.json`
/// at the top level, the manifest's `format` (found in its first 64 KiB, [`top_member`])
/// being `custody.manifest/1` (spec §9.1 step 1).
fn is_format_1<S: Source + ?Sized>(src: &S, entries: &Entries) -> bool {
    let (Some(_), Some(m)) =
        (entries.iter().find(|e| e.name == BAGIT_PATH), entries.iter().find(|e| e.name == MANIFEST_PATH))
    else {
        return false;
    };
    m.size <= MAX_MANIFEST_FILE
        && top_member(src, m.data_offset, m.size, "format").is_some_and(|f| f == "custody.manifest/1")
}

/// The root rule of §2.5 for a folder's own name, before anything in it is read: an
/// unzipped bundle's folder named otherwise (`~/Downloads` holding a stray `bagit.txt`) is
/// refused without walking it.
pub(super) fn check_root_folder(kind: RootKind, name: &str) -> Result<(), ArchiveError> {
    match Root::parse(kind, name) {
        Some(_) => Ok(()),
        None => Err(ArchiveError::RootInvalid(wording::archive::root_bad_folder(name, kind.prefix()))),
    }
}

/// The one root every entry sits under, each with a non-empty rest (spec §2.5).
fn find_root(entries: &Entries, kind: RootKind) -> Result<Root, ArchiveError> {
    let invalid = |why: String| ArchiveError::RootInvalid(why);
    let first = entries.first().ok_or_else(|| invalid(wording::archive::root_no_entries()))?;
    let Some((top, _)) = first.name.split_once('/') else {
        return Err(invalid(wording::archive::root_file_at_top(first.name)));
    };
    let root = Root::parse(kind, top).ok_or_else(|| invalid(wording::archive::root_bad_folder(top, kind.prefix())))?;
    let dir = root.dir();
    for e in entries {
        match e.name.strip_prefix(&dir) {
            Some(rest) if !rest.is_empty() => {}
            _ if !e.name.contains('/') => {
                return Err(invalid(wording::archive::root_file_beside(e.name, &dir)));
            }
            _ => return Err(invalid(wording::archive::root_not_under(e.name, &dir))),
        }
    }
    Ok(root)
}
