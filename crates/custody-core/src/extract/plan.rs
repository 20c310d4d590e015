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

/// The relative output path for a file, `/`-separated: checked component by component, and
/// mapped to portable names when `portable`. Returns the path and whether it was mapped.
fn safe_relative(parts: &[&str], portable: bool) -> Result<(String, bool), String> {
    let mut p = String::new();
    let mut mapped = false;
    for c in parts {
        check_component(c).map_err(|why| format!("'{}': {why}", parts.join("/")))?;
        if !p.is_empty() {
            p.push('/');
        }
        match portable.then(|| portable_component(c)).flatten() {
            Some(safe) => {
                mapped = true;
                p.push_str(&safe);
            }
            None => p.push_str(c),
        }
    }
    Ok((p, mapped))
}

/// Whether a path to write holds a text-direction character (shown out of its true order).
fn has_direction(rel: &str) -> bool {
    rel.chars().any(crate::text::is_bidi_control)
}

/// One file to write, borrowed from the [`Plan`]: its path in the bundle, where it goes
/// (`/`-separated, relative to the output), what it must hash to, and its modification time.
#[derive(Debug, Clone, Copy)]
pub(super) struct Planned<'a> {
    pub(super) path: &'a str,
    pub(super) rel: &'a str,
    /// The name written holds a text-direction character (written as sealed).
    pub(super) direction: bool,
    /// The relative path as sealed, when `--portable` mapped it to another name.
    pub(super) sealed_as: Option<&'a str>,
    pub(super) expected: Option<Sha256Digest>,
    pub(super) modified: Option<Timestamp>,
}

impl Planned<'_> {
    /// Where the file goes under `dir`.
    pub(super) fn target(&self, dir: &Path) -> PathBuf {
        let mut p = dir.to_path_buf();
        p.extend(self.rel.split('/'));
        p
    }
}

/// A span of the plan's text: start and length in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span(u32, u32);

/// One planned file in fixed size (issue #22: a million are held at once; two boxed paths
/// each cost about 200 bytes a file with their heap blocks, this about 80 and the path).
#[derive(Debug, Clone, Copy)]
struct Rec {
    path: Span,
    /// Usually the bundle path less `data/`, sharing its bytes.
    rel: Span,
    sealed_as: Option<Span>,
    expected: Option<Sha256Digest>,
    modified: Option<Timestamp>,
    direction: bool,
}

/// What to write, sorted by the entry's path in the bundle: from the manifest if it can be
/// read and is valid, else (only useful with force) the payload entries as they are named.
/// The manifest itself is not kept (a million files make it hundreds of MB): extraction goes
/// ahead only if the manifest verification checked gives this same plan ([`Plan::same_as`];
/// the file may change between the two reads). Its files' texts are in one arena.
pub(super) struct Plan {
    text: String,
    recs: Vec<Rec>,
    /// Whether it came from a valid manifest.
    pub(super) from_manifest: bool,
    /// Whether names were mapped to portable ones (`--portable`).
    portable: bool,
}

/// The texts of one item's files exceed 4 GiB (more than any manifest may hold, §9.4).
fn too_large() -> Error {
    Error::Unextractable("the names of the files to write exceed 4 GiB".into())
}

impl Plan {
    fn new(files: usize, text: usize, from_manifest: bool, portable: bool) -> Self {
        Plan { text: String::with_capacity(text), recs: Vec::with_capacity(files), from_manifest, portable }
    }

    fn add_text(&mut self, s: &str) -> Result<Span, Error> {
        let start = u32::try_from(self.text.len()).map_err(|_| too_large())?;
        let len = u32::try_from(s.len()).map_err(|_| too_large())?;
        start.checked_add(len).ok_or_else(too_large)?;
        self.text.push_str(s);
        Ok(Span(start, len))
    }

    /// Adds one file, with what `--portable` did to its name.
    fn push(
        &mut self,
        path: &str,
        sealed: &str,
        (rel, mapped): (String, bool),
        expected: Option<Sha256Digest>,
        modified: Option<Timestamp>,
    ) -> Result<(), Error> {
        let path_span = self.add_text(path)?;
        let rel_span = match path.strip_prefix(crate::layout::PAYLOAD_DIR) {
            Some(tail) if tail == rel => {
                let skip = crate::layout::PAYLOAD_DIR.len() as u32;
                Span(path_span.0 + skip, path_span.1 - skip)
            }
            _ => self.add_text(&rel)?,
        };
        let sealed_as = if mapped { Some(self.add_text(sealed)?) } else { None };
        self.recs.push(Rec {
            path: path_span,
            rel: rel_span,
            sealed_as,
            expected,
            modified,
            direction: has_direction(&rel),
        });
        Ok(())
    }

    fn text_of(&self, s: Span) -> &str {
        self.text.get(s.0 as usize..s.0 as usize + s.1 as usize).unwrap_or_default()
    }

    fn view(&self, r: &Rec) -> Planned<'_> {
        Planned {
            path: self.text_of(r.path),
            rel: self.text_of(r.rel),
            direction: r.direction,
            sealed_as: r.sealed_as.map(|s| self.text_of(s)),
            expected: r.expected,
            modified: r.modified,
        }
    }

    /// How many files.
    pub(super) fn len(&self) -> usize {
        self.recs.len()
    }

    /// The files to write, in path order.
    pub(super) fn files(&self) -> impl Iterator<Item = Planned<'_>> + '_ {
        self.recs.iter().map(|r| self.view(r))
    }

    /// The file planned for the bundle path `path`, with its place in [`Plan::files`].
    pub(super) fn find(&self, path: &str) -> Option<(usize, Planned<'_>)> {
        let i = self.recs.binary_search_by(|r| self.text_of(r.path).cmp(path)).ok()?;
        self.recs.get(i).map(|r| (i, self.view(r)))
    }

    /// Whether `manifest` plans exactly these files, names, digests and times.
    pub(super) fn same_as(&self, manifest: Option<&Manifest>) -> bool {
        let Some(m) = manifest.filter(|_| self.from_manifest) else { return false };
        let mut count = 0usize;
        for (item, f) in m.items.iter().flat_map(|i| i.files.iter().map(move |f| (i, f))) {
            count += 1;
            let Some((_, p)) = self.find(f.path) else { return false };
            let rel = relative_of(&item.id, f.original_name, self.portable);
            if !rel.is_ok_and(|(r, _)| r == p.rel) || p.expected != Some(*f.sha256) || p.modified != f.modified {
                return false;
            }
        }
        count == self.recs.len()
    }

    /// The bytes the plan holds (for measuring).
    #[cfg(test)]
    pub(super) fn held_bytes(&self) -> usize {
        self.text.capacity() + self.recs.capacity() * std::mem::size_of::<Rec>()
    }
}

/// Where the file of `item` originally named `original_name` goes: `<item id>/<name>`,
/// checked component by component (and mapped, when `portable`); with whether it was mapped.
fn relative_of(item: &str, original_name: &str, portable: bool) -> Result<(String, bool), String> {
    let mut parts = vec![item];
    parts.extend(original_name.split('/'));
    safe_relative(&parts, portable)
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
    let from_manifest = manifest.is_some();
    let plan = match manifest {
        Some(m) => {
            // Counted first: room for exactly these files and their paths.
            let files = m.items.iter().map(|i| i.files.len()).sum();
            let text = m.items.iter().flat_map(|i| i.files.iter()).map(|f| f.path.len()).sum();
            let mut plan = Plan::new(files, text, from_manifest, portable);
            let mut sealed = String::new();
            for item in &m.items {
                for f in &item.files {
                    let rel = relative_of(&item.id, f.original_name, portable).map_err(refuse)?;
                    sealed.clear();
                    sealed.push_str(&item.id);
                    sealed.push('/');
                    sealed.push_str(f.original_name);
                    plan.push(f.path, &sealed, rel, Some(*f.sha256), f.modified)?;
                }
            }
            plan
        }
        None => {
            let payload = || archive.entries().iter().filter(|e| crate::layout::is_payload(e.name));
            let text = payload().map(|e| e.name.len()).sum();
            let mut plan = Plan::new(payload().count(), text, from_manifest, portable);
            for e in payload() {
                let tail = &e.name[crate::layout::PAYLOAD_DIR.len()..];
                let parts: Vec<&str> = tail.split('/').collect();
                let rel = safe_relative(&parts, portable).map_err(refuse)?;
                plan.push(e.name, tail, rel, None, None)?;
            }
            plan
        }
    };
    plan.checked()
}

impl Plan {
    /// The plan sorted by bundle path and checked: no path twice, no two names one file
    /// system would take for one, none of extract's own names at the top.
    fn checked(mut self) -> Result<Plan, Error> {
        let refuse = Error::Unextractable;
        let Plan { text, recs, .. } = &mut self;
        let text_of = |s: Span| text.get(s.0 as usize..s.0 as usize + s.1 as usize).unwrap_or_default();
        recs.sort_unstable_by(|a, b| text_of(a.path).cmp(text_of(b.path)));
        if let Some(twice) = recs.windows(2).find(|w| text_of(w[0].path) == text_of(w[1].path)) {
            return Err(refuse(format!("{} is described twice", text_of(twice[0].path))));
        }
        // Two names that one file system would treat as the same file (case or Unicode form),
        // or a top-level name that is one of the files extract writes itself.
        let own: Vec<String> = [REPORT_NAME, INVALID_MARKER, STAGING, INCOMPLETE_MARKER, RENAMED_NAME]
            .iter()
            .map(|n| crate::archive::collision_key(n))
            .collect();
        let mut seen = crate::names::NameSet::new();
        for p in self.files() {
            let top = p.rel.split('/').next().unwrap_or_default();
            if own.contains(&crate::archive::collision_key(top)) {
                return Err(refuse(format!("'{top}' is a name extract uses for its own files")));
            }
            seen.insert_key(p.rel);
        }
        if let Err(c) = seen.check_by(|i| self.recs.get(i).map_or("", |r| self.text_of(r.rel))) {
            let (a, b) = match c {
                crate::names::Collision::SameFile { earlier, later } => (earlier, later),
                crate::names::Collision::FileAndFolder { file, folder_of } => (file, folder_of),
            };
            return Err(refuse(format!(
                "'{a}' and '{b}' would be the same file or folder on systems that ignore case or Unicode form"
            )));
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan_of(files: &[(&str, &str)]) -> Result<Plan, Error> {
        let mut plan = Plan::new(files.len(), 0, true, false);
        for (k, (path, original)) in files.iter().enumerate() {
            let rel = relative_of("item-1", original, false).map_err(Error::Unextractable)?;
            let t = Timestamp::from_unix(k as i64);
            plan.push(path, &format!("item-1/{original}"), rel, Some(Sha256Digest([k as u8; 32])), t)?;
        }
        plan.checked()
    }

    /// Issue #22: the plan is one fixed-size record a file and one arena; the usual file
    /// (its bundle path is `data/` and where it is written) keeps its path once.
    #[test]
    fn a_compact_plan_keeps_each_path_once_and_finds_files_by_path() {
        let given: Vec<(String, String)> = (0..2000)
            .rev()
            .map(|i| (format!("data/item-1/d{}/post-{i:05}.json", i % 7), format!("d{}/post-{i:05}.json", i % 7)))
            .collect();
        let refs: Vec<(&str, &str)> = given.iter().map(|(p, o)| (p.as_str(), o.as_str())).collect();
        let plan = plan_of(&refs).unwrap();
        let paths: usize = given.iter().map(|(p, _)| p.len()).sum();
        assert_eq!(plan.text.len(), paths, "the written path shares the bundle path's bytes");
        assert!(plan.held_bytes() <= paths + 2000 * 96, "{} bytes", plan.held_bytes());
        let in_order: Vec<&str> = plan.files().map(|p| p.path).collect();
        assert!(in_order.windows(2).all(|w| w[0] < w[1]), "in path order");
        let (at, p) = plan.find("data/item-1/d3/post-00010.json").unwrap();
        assert_eq!(plan.files().nth(at).map(|q| q.path), Some(p.path));
        assert_eq!((p.rel, p.sealed_as, p.direction), ("item-1/d3/post-00010.json", None, false));
        assert_eq!(p.expected, Some(Sha256Digest([(1999 - 10) as u8; 32])));
        assert_eq!(p.target(Path::new("out")), Path::new("out").join("item-1").join("d3").join("post-00010.json"));
        assert!(plan.find("data/item-1/d3/post-99999.json").is_none());
        // A name the manifest gives elsewhere than its bundle path is kept on its own.
        let elsewhere = plan_of(&[("data/item-1/a.bin", "x/renamed.bin")]).unwrap();
        assert_eq!(elsewhere.find("data/item-1/a.bin").map(|(_, p)| p.rel), Some("item-1/x/renamed.bin"));
    }

    /// Hostile plans are refused as before: a path twice, two names one file system takes for
    /// one (file or folder), extract's own names.
    #[test]
    fn a_compact_plan_refuses_a_path_twice_and_colliding_names() {
        let e = plan_of(&[("data/item-1/b", "b"), ("data/item-1/a", "a"), ("data/item-1/b", "c")]).err().unwrap();
        assert!(e.to_string().contains("data/item-1/b is described twice"), "{e}");
        let e = plan_of(&[("data/item-1/A.txt", "A.txt"), ("data/item-1/a.txt", "a.txt")]).err().unwrap();
        assert!(e.to_string().contains("'item-1/A.txt' and 'item-1/a.txt' would be the same file"), "{e}");
        let e = plan_of(&[("data/item-1/D", "D"), ("data/item-1/d/x", "d/x")]).err().unwrap();
        assert!(e.to_string().contains("'item-1/D' and 'item-1/d/x'"), "{e}");
        assert!(plan_of(&[("data/item-1/d!", "d!"), ("data/item-1/d/x", "d/x")]).is_ok());
    }
}
