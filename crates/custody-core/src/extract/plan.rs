//! The extraction plan: which bundle entry is written where, with names taken from the
//! signed manifest and checked component by component, so that nothing lands outside the
//! output directory or on a name one file system would confuse with another.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{INCOMPLETE_MARKER, INVALID_MARKER, RENAMED_NAME, REPORT_NAME, STAGING};
use crate::Error;
use crate::archive::{Archive, SharedNames, Source};
use crate::digest::Sha256Digest;
use crate::layout::MANIFEST_PATH;
use crate::manifest::Manifest;
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

/// One file to write, borrowed from the [`Plan`]: its path in the bundle and where it goes
/// (`/`-separated, relative to the output). What it must hash to and its time are the
/// verified manifest's ([`Plan::same_as`]): the plan does not hold them (issue #22).
#[derive(Debug, Clone, Copy)]
pub(super) struct Planned<'a> {
    pub(super) path: &'a str,
    pub(super) rel: &'a str,
    /// The name written holds a text-direction character (written as sealed).
    pub(super) direction: bool,
    /// The relative path as sealed, when `--portable` mapped it to another name.
    pub(super) sealed_as: Option<&'a str>,
}

impl Planned<'_> {
    /// Where the file goes under `dir`.
    pub(super) fn target(&self, dir: &Path) -> PathBuf {
        let mut p = dir.to_path_buf();
        p.extend(self.rel.split('/'));
        p
    }
}

/// A span of text: start and length in bytes, and the flags [`IN_NAMES`] and [`ODD`] in the
/// length's top bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span(u32, u32);

/// [`Span`]'s flag: the bytes are in the archive's names ([`Plan::names`]), not in the
/// plan's own text.
const IN_NAMES: u32 = 1 << 31;
/// A path's flag: the file is not written at its bundle path less `data/`, or its name was
/// mapped (`--portable`): see [`Plan::odd`].
const ODD: u32 = 1 << 30;
/// Longest text a span holds (the flags above it).
const MAX_SPAN: u32 = ODD - 1;
/// [`Odd::sealed_as`] of a file whose name was not mapped (a name as sealed is never empty).
const NOT_MAPPED: Span = Span(0, 0);

/// Where a file flagged [`ODD`] is written, and its name as sealed when it was mapped.
#[derive(Debug, Clone, Copy)]
struct Odd {
    rel: Span,
    sealed_as: Span,
}

/// A file while the plan is made: its path, and its [`Odd`]'s place, if any.
#[derive(Debug, Clone, Copy)]
struct Rec {
    path: Span,
    odd: Option<u32>,
}

/// What to write, sorted by the entry's path in the bundle: from the manifest if it can be
/// read and is valid, else (only useful with force) the payload entries as they are named.
///
/// The plan is held through the whole of verification, so it keeps as little as it can
/// (issue #22): each file's bundle path (8 bytes: the archive's own name, not a copy, when an
/// entry has it; the path written is that path less `data/` for every file the sealer
/// writes), and only for other files where they are written. Not the manifest (a million
/// files make it hundreds of MB), nor each file's digest and time: extraction goes ahead
/// only if the manifest verification checked is the one the plan was made from
/// ([`Plan::same_as`], by a SHA-256 over everything the plan was made from; the file may
/// change between the two reads), and then takes them from that verified manifest.
pub(super) struct Plan {
    /// The archive's names that paths refer to ([`IN_NAMES`]).
    names: Option<Arc<String>>,
    /// Texts no entry's name holds.
    text: String,
    /// Each file's bundle path, in path order once [`Plan::checked`].
    paths: Vec<Span>,
    /// While the plan is made: each file, in the manifest's order.
    recs: Vec<Rec>,
    /// The files flagged [`ODD`], by their place in `paths` (in `recs`' order while the plan
    /// is made).
    odd: Vec<(u32, Odd)>,
    /// The SHA-256 of what the plan was made from ([`fingerprint`]), if from a manifest.
    fingerprint: Option<[u8; 32]>,
    /// Whether it came from a valid manifest.
    pub(super) from_manifest: bool,
}

/// The texts of one item's files exceed 1 GiB (more than any manifest may hold, §9.4).
fn too_large() -> Error {
    Error::Unextractable("the names of the files to write exceed 1 GiB".into())
}

/// The SHA-256 over what a plan is made from: each file's item, path, original name,
/// digest and time, in the manifest's order ([`Plan::same_as`]). Every part is prefixed
/// with its length, so that no two different lists give the same bytes.
fn fingerprint(m: &Manifest) -> [u8; 32] {
    use sha2::Digest as _;
    let mut h = sha2::Sha256::new();
    let mut part = |bytes: &[u8]| {
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    for item in &m.items {
        for f in &item.files {
            part(item.id.as_bytes());
            part(f.path.as_bytes());
            part(f.original_name.as_bytes());
            part(&f.sha256.0);
            part(f.modified.map(|t| t.to_string()).unwrap_or_default().as_bytes());
        }
    }
    h.finalize().into()
}

impl Plan {
    fn new(files: usize, names: Option<SharedNames>, from_manifest: bool) -> Self {
        Plan {
            names: names.map(|n| n.arena()),
            text: String::new(),
            paths: Vec::new(),
            recs: Vec::with_capacity(files),
            odd: Vec::new(),
            fingerprint: None,
            from_manifest,
        }
    }

    fn add_text(&mut self, s: &str) -> Result<Span, Error> {
        let start = u32::try_from(self.text.len()).map_err(|_| too_large())?;
        let len = u32::try_from(s.len()).ok().filter(|&n| n <= MAX_SPAN).ok_or_else(too_large)?;
        start.checked_add(len).ok_or_else(too_large)?;
        self.text.push_str(s);
        Ok(Span(start, len))
    }

    /// Adds one file, with what `--portable` did to its name; its path refers to `in_names`
    /// (its place in the archive's names, [`SharedNames::find`]) when that holds it.
    fn push(
        &mut self,
        (path, in_names): (&str, Option<(u32, u32)>),
        sealed: &str,
        (rel, mapped): (String, bool),
    ) -> Result<(), Error> {
        let named = in_names.filter(|&(at, len)| {
            len <= MAX_SPAN
                && self.names.as_ref().and_then(|n| n.get(at as usize..at as usize + len as usize)) == Some(path)
        });
        let path = match named {
            Some((at, len)) => Span(at, len | IN_NAMES),
            None => self.add_text(path)?,
        };
        let usual = !mapped && self.text_of(path).strip_prefix(crate::layout::PAYLOAD_DIR) == Some(rel.as_str());
        let odd = if usual {
            None
        } else {
            let rel = self.add_text(&rel)?;
            let sealed_as = if mapped { self.add_text(sealed)? } else { NOT_MAPPED };
            let at = u32::try_from(self.odd.len()).map_err(|_| too_large())?;
            self.odd.push((at, Odd { rel, sealed_as }));
            Some(at)
        };
        self.recs.push(Rec { path, odd });
        Ok(())
    }

    /// A text: the plan's own, or the archive's names' ([`IN_NAMES`]); the flags dropped.
    fn text_of(&self, s: Span) -> &str {
        text_in(self.names.as_deref().map(String::as_str), &self.text, s)
    }

    fn view(&self, at: usize, path: Span) -> Planned<'_> {
        let text = self.text_of(path);
        let odd = (path.1 & ODD != 0)
            .then(|| u32::try_from(at).ok())
            .flatten()
            .and_then(|at| self.odd.binary_search_by_key(&at, |&(k, _)| k).ok())
            .and_then(|k| self.odd.get(k))
            .map(|&(_, o)| o);
        let (rel, sealed_as) = match odd {
            Some(o) => (self.text_of(o.rel), (o.sealed_as != NOT_MAPPED).then(|| self.text_of(o.sealed_as))),
            None => (text.get(crate::layout::PAYLOAD_DIR.len()..).unwrap_or_default(), None),
        };
        Planned { path: text, rel, direction: has_direction(rel), sealed_as }
    }

    /// How many files.
    pub(super) fn len(&self) -> usize {
        self.paths.len()
    }

    /// The files to write, in path order.
    pub(super) fn files(&self) -> impl Iterator<Item = Planned<'_>> + '_ {
        self.paths.iter().enumerate().map(|(at, &p)| self.view(at, p))
    }

    /// The file planned for the bundle path `path`, with its place in [`Plan::files`].
    pub(super) fn find(&self, path: &str) -> Option<(usize, Planned<'_>)> {
        let i = self.paths.binary_search_by(|&p| self.text_of(p).cmp(path)).ok()?;
        self.paths.get(i).map(|&p| (i, self.view(i, p)))
    }

    /// Whether `manifest` is the one this plan was made from: the same files, in the same
    /// order, with the same items, paths, names, digests and times (compared by
    /// [`fingerprint`]). Then its digests and times are the plan's.
    pub(super) fn same_as(&self, manifest: Option<&Manifest>) -> bool {
        match (manifest.filter(|_| self.from_manifest), self.fingerprint) {
            (Some(m), Some(made_from)) => fingerprint(m) == made_from,
            _ => false,
        }
    }

    /// The bytes the plan holds (for measuring): its own, not the archive's names.
    #[cfg(test)]
    pub(super) fn held_bytes(&self) -> usize {
        self.text.capacity()
            + self.paths.capacity() * std::mem::size_of::<Span>()
            + self.recs.capacity() * std::mem::size_of::<Rec>()
            + self.odd.capacity() * std::mem::size_of::<(u32, Odd)>()
    }
}

/// The text at `s`: in `names` (the archive's) when flagged [`IN_NAMES`], else in `text`.
fn text_in<'a>(names: Option<&'a str>, text: &'a str, s: Span) -> &'a str {
    let (at, len) = (s.0 as usize, (s.1 & MAX_SPAN) as usize);
    let from = if s.1 & IN_NAMES != 0 { names.unwrap_or_default() } else { text };
    from.get(at..at + len).unwrap_or_default()
}

/// Where the file of `item` originally named `original_name` goes: `<item id>/<name>`,
/// checked component by component (and mapped, when `portable`); with whether it was mapped.
fn relative_of(item: &str, original_name: &str, portable: bool) -> Result<(String, bool), String> {
    let mut parts = vec![item];
    parts.extend(original_name.split('/'));
    safe_relative(&parts, portable)
}

/// The manifest, streamed from the open archive (never held whole as bytes), if it can be
/// read and is valid; its file records refer to the archive's names (issue #22), as
/// verification's do.
pub(super) fn read_manifest<S: Source + ?Sized>(archive: &Archive<S>) -> Option<Manifest> {
    let e = archive.entry(MANIFEST_PATH).filter(|e| e.size <= crate::layout::MAX_MANIFEST_FILE)?;
    // Weighed first, as verification weighs it (spec §9.4): one too heavy to hold, or not
    // JSON, is not parsed for a plan.
    let blocks = match verify::archive::weigh_manifest_entry(archive, &e) {
        Ok(w) if w.fault.is_none() => w.blocks,
        _ => return None,
    };
    // The parser is given only blocks that are those weighed.
    let mut reader = archive.entry_reader_unhashed(e);
    let mut checking = crate::manifest::reread::Checking::new(&mut reader, &blocks);
    let parsed: Option<Manifest> = crate::manifest::files::parse_over(archive.shared_names(), None, || {
        crate::document::parse_document_from(std::io::BufReader::with_capacity(1 << 16, &mut checking)).ok()
    });
    if checking.changed() {
        return None;
    }
    // Read to the end, so that a damaged entry (CRC) is not planned from.
    let finished = reader.finish().ok().filter(|crc_ok| *crc_ok);
    parsed.filter(|_| finished.is_some()).filter(|m| verify::validate_manifest(m).is_ok())
}

pub(super) fn plan<S: Source + ?Sized>(archive: &Archive<S>, portable: bool) -> Result<Plan, Error> {
    let manifest = read_manifest(archive);
    let refuse = Error::Unextractable;
    let from_manifest = manifest.is_some();
    let names = archive.shared_names();
    let plan = match manifest {
        Some(m) => {
            // Counted first: room for exactly these files.
            let files = m.items.iter().map(|i| i.files.len()).sum();
            let mut plan = Plan::new(files, Some(names.clone()), from_manifest);
            plan.fingerprint = Some(fingerprint(&m));
            let mut sealed = String::new();
            for item in &m.items {
                for f in &item.files {
                    let rel = relative_of(&item.id, f.original_name, portable).map_err(refuse)?;
                    sealed.clear();
                    sealed.push_str(&item.id);
                    sealed.push('/');
                    sealed.push_str(f.original_name);
                    plan.push((f.path, names.find(f.path)), &sealed, rel)?;
                }
            }
            plan
        }
        None => {
            let payload = || archive.entries().iter().filter(|e| crate::layout::is_payload(e.name));
            let mut plan = Plan::new(payload().count(), Some(names.clone()), from_manifest);
            for e in payload() {
                let tail = &e.name[crate::layout::PAYLOAD_DIR.len()..];
                let parts: Vec<&str> = tail.split('/').collect();
                let rel = safe_relative(&parts, portable).map_err(refuse)?;
                plan.push((e.name, names.find(e.name)), tail, rel)?;
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
        self.text.shrink_to_fit();
        let mut recs = std::mem::take(&mut self.recs);
        {
            let text_of = |s: Span| text_in(self.names.as_deref().map(String::as_str), &self.text, s);
            recs.sort_unstable_by(|a, b| text_of(a.path).cmp(text_of(b.path)));
            if let Some(twice) = recs.windows(2).find(|w| text_of(w[0].path) == text_of(w[1].path)) {
                return Err(refuse(format!("{} is described twice", text_of(twice[0].path))));
            }
        }
        // In path order: each path (flagged when it has an `Odd`), and the `Odd`s by place.
        let mut odd = Vec::with_capacity(self.odd.len());
        let mut paths = Vec::with_capacity(recs.len());
        for (at, r) in recs.iter().enumerate() {
            let place = u32::try_from(at).map_err(|_| too_large())?;
            match r.odd.and_then(|k| self.odd.get(k as usize)) {
                Some(&(_, o)) => {
                    odd.push((place, o));
                    paths.push(Span(r.path.0, r.path.1 | ODD));
                }
                None => paths.push(r.path),
            }
        }
        drop(recs);
        self.odd = odd;
        self.paths = paths;
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
        if let Err(c) = seen.check_by(|i| self.paths.get(i).map_or("", |&p| self.view(i, p).rel)) {
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
        plan_over(files, None)
    }

    /// The plan of `files` (bundle path, original name), their paths found in `names` (an
    /// archive's) where given.
    fn plan_over(files: &[(&str, &str)], names: Option<SharedNames>) -> Result<Plan, Error> {
        let mut plan = Plan::new(files.len(), names.clone(), true);
        for (path, original) in files {
            let rel = relative_of("item-1", original, false).map_err(Error::Unextractable)?;
            let at = names.as_ref().and_then(|n| n.find(path));
            plan.push((path, at), &format!("item-1/{original}"), rel)?;
        }
        plan.checked()
    }

    /// Issue #22: a plan made over the archive's names keeps no copy of a path an entry has
    /// (the path written shares it too); a path no entry has is copied; both read the same.
    #[test]
    fn a_plan_over_the_archive_names_refers_to_them() {
        let names = SharedNames::of_names(&["bagit.txt", "data/item-1/b.txt", "data/item-1/a.txt"]);
        let files = [
            ("data/item-1/b.txt", "b.txt"),
            ("data/item-1/missing.txt", "missing.txt"),
            ("data/item-1/a.txt", "x/a.txt"),
        ];
        let over = plan_over(&files, Some(names)).unwrap();
        let plain = plan_of(&files).unwrap();
        assert_eq!(over.text, "data/item-1/missing.txtitem-1/x/a.txt", "only what no entry names is copied");
        assert!(plain.text.len() > over.text.len());
        fn views(p: &Plan) -> Vec<(&str, &str, Option<&str>, bool)> {
            p.files().map(|f| (f.path, f.rel, f.sealed_as, f.direction)).collect()
        }
        assert_eq!(views(&over), views(&plain));
        assert_eq!(over.find("data/item-1/b.txt").map(|(_, p)| p.rel), Some("item-1/b.txt"));
        assert_eq!(over.find("data/item-1/a.txt").map(|(_, p)| p.rel), Some("item-1/x/a.txt"));
        assert_eq!(over.find("data/item-1/missing.txt").map(|(at, _)| at), Some(2));
        // A place that does not hold the path (a broken caller) is not used: the path is copied.
        let names = SharedNames::of_names(&["data/item-1/b.txt"]);
        let mut plan = Plan::new(1, Some(names), true);
        let rel = relative_of("item-1", "c.txt", false).unwrap();
        plan.push(("data/item-1/c.txt", Some((0, 17))), "item-1/c.txt", rel).unwrap();
        let plan = plan.checked().unwrap();
        assert_eq!(plan.files().next().map(|p| (p.path, p.rel)), Some(("data/item-1/c.txt", "item-1/c.txt")));
    }

    /// Issue #22: the plan is 8 bytes a file and one arena; the usual file (its bundle path
    /// is `data/` and where it is written) keeps its path once, and nothing else.
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
        assert!(plan.held_bytes() <= paths + 2000 * 8, "{} bytes", plan.held_bytes());
        let in_order: Vec<&str> = plan.files().map(|p| p.path).collect();
        assert!(in_order.windows(2).all(|w| w[0] < w[1]), "in path order");
        let (at, p) = plan.find("data/item-1/d3/post-00010.json").unwrap();
        assert_eq!(plan.files().nth(at).map(|q| q.path), Some(p.path));
        assert_eq!((p.rel, p.sealed_as, p.direction), ("item-1/d3/post-00010.json", None, false));
        assert_eq!(p.target(Path::new("out")), Path::new("out").join("item-1").join("d3").join("post-00010.json"));
        assert!(plan.find("data/item-1/d3/post-99999.json").is_none());
        // A name the manifest gives elsewhere than its bundle path is kept on its own.
        let elsewhere = plan_of(&[("data/item-1/b.bin", "b.bin"), ("data/item-1/a.bin", "x/renamed.bin")]).unwrap();
        assert_eq!(elsewhere.find("data/item-1/a.bin").map(|(_, p)| p.rel), Some("item-1/x/renamed.bin"));
        assert_eq!(elsewhere.find("data/item-1/b.bin").map(|(_, p)| p.rel), Some("item-1/b.bin"));
        assert_eq!(elsewhere.odd.len(), 1, "only the file written elsewhere has more than its path");
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
