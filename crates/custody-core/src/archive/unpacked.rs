//! An unzipped bundle (spec §9.6): a directory read as the entries of a bundle, so that every
//! content check runs on it. The directory is hostile input like a ZIP file: it is walked
//! without following a symbolic link, anything that is not a regular file or a folder (a
//! symbolic link, a FIFO, a device, a socket) is refused by its path and never opened, names
//! must be UTF-8 and obey the entry-name rules and limits of spec §3.3 and §3.4 (length, count,
//! collisions), and the root rule of §2.5 holds as for a ZIP file's entries. Files are read
//! when the checks read them, streamed, each opened again one path component at a time from
//! the folder before it, none followed if it is a link (so a folder swapped for a link while
//! the bundle is read is refused, not read through).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::pieces::DirSource;
use super::read::index_by_name;
use super::root::{check_root, strip_checked_root};
use super::{Archive, ArchiveError, Container, Entries, Entry, RootKind, check_name};
use crate::layout::{BAGIT_PATH, MANIFEST_PATH, MAX_ENTRIES, MAX_FOLDER_NAME_BYTES, MAX_NAME_LEN};

/// A directory that holds an unzipped bundle ([`find_bundle_dir`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleDir {
    /// The directory as given.
    dir: PathBuf,
    /// The directory's own name and `/` when it is the bundle's folder itself (its names
    /// start with it, as the entries of the ZIP file start with the root); empty when the
    /// bundle's folder is inside it, as `unzip` leaves it.
    prefix: String,
    /// Whether the directory's own name, when it is the prefix, is UTF-8.
    prefix_utf8: bool,
}

impl BundleDir {
    /// The directory as given.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// Whether `dir` holds a bag's own files (`bagit.txt` or `custody/manifest.json`); only
/// looked up, never opened.
fn holds_a_bag(dir: &Path) -> bool {
    dir.join(BAGIT_PATH).symlink_metadata().is_ok() || dir.join(MANIFEST_PATH).symlink_metadata().is_ok()
}

/// Whether `dir` is an unzipped bundle: it holds `bagit.txt` or `custody/manifest.json`
/// (it is the bundle's folder), or it holds one folder that does and nothing else (the folder
/// `unzip` made). `None`: neither, not a bundle's folder. The root rule of spec §2.5 is
/// applied to `dir`'s own entries before anything is walked: at most two of them are listed
/// and none is opened, so a folder such as `~/Downloads` is refused at once.
pub fn find_bundle_dir(dir: &Path) -> std::io::Result<Option<BundleDir>> {
    if holds_a_bag(dir) {
        // "." and "a/." have no name of their own: the name the directory really has.
        let name = match dir.file_name() {
            Some(n) => n.to_owned(),
            None => dir.canonicalize()?.file_name().map(|n| n.to_owned()).unwrap_or_default(),
        };
        let prefix = format!("{}/", name.to_string_lossy());
        return Ok(Some(BundleDir { dir: dir.into(), prefix, prefix_utf8: name.to_str().is_some() }));
    }
    let mut listed = std::fs::read_dir(dir)?;
    let (Some(only), None) = (listed.next().transpose()?, listed.next().transpose()?) else {
        return Ok(None);
    };
    let bundle = only.file_type()?.is_dir() && holds_a_bag(&only.path());
    Ok(bundle.then(|| BundleDir { dir: dir.into(), prefix: String::new(), prefix_utf8: true }))
}

/// What a directory entry that is neither a file nor a folder is, in words.
fn kind_of(t: std::fs::FileType) -> &'static str {
    use crate::wording::archive as w;
    if t.is_symlink() {
        return w::KIND_SYMLINK;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return w::KIND_FIFO;
        }
        if t.is_socket() {
            return w::KIND_SOCKET;
        }
        if t.is_block_device() || t.is_char_device() {
            return w::KIND_DEVICE;
        }
    }
    w::KIND_OTHER
}

/// Reads the unzipped bundle `b` as an archive of its files (spec §9.6): walks it in time
/// linear in its entries (plus sorting each folder's names), checking every name and kind on
/// the way, then the collisions and the root rule. No file's content is read here.
pub fn open_dir(b: &BundleDir) -> Result<Archive<DirSource>, ArchiveError> {
    open_dir_within(b, Tally::new(MAX_ENTRIES, MAX_FOLDER_NAME_BYTES))
}

/// What the walk has listed so far, against the limits of spec §9.6.
struct Tally {
    /// Files, folders and anything else listed.
    entries: u64,
    max_entries: u64,
    /// Bytes of names listed: each file's (and anything else's) full name, each folder's own
    /// name and `/` (what the walk holds of them: the files' names, kept, and the listed
    /// folders' children's own names).
    name_bytes: u64,
    max_name_bytes: u64,
}

impl Tally {
    fn new(max_entries: u64, max_name_bytes: u64) -> Self {
        Tally { entries: 0, max_entries, name_bytes: 0, max_name_bytes }
    }

    /// Counts one more entry listed (its name not yet known to be UTF-8).
    fn entry(&mut self) -> Result<(), ArchiveError> {
        self.entries += 1;
        if self.entries > self.max_entries {
            return Err(ArchiveError::TooManyEntries(self.entries));
        }
        Ok(())
    }

    /// Counts `n` more bytes of names; `false` once they are over the limit.
    fn names(&mut self, n: usize) -> bool {
        self.name_bytes = self.name_bytes.saturating_add(n as u64);
        self.name_bytes <= self.max_name_bytes
    }
}

/// What a folder's child is, as listed.
#[derive(Debug, Clone, Copy)]
enum Kind {
    /// A regular file of this many bytes (its own metadata: never a link's target).
    File(u64),
    Folder,
    /// Anything else (a symbolic link, a FIFO, a device, a socket), in words.
    Other(&'static str),
}

/// One child of a folder: its name at `at..at + len` of the folder's names.
#[derive(Debug, Clone, Copy)]
struct Child {
    at: usize,
    len: usize,
    kind: Kind,
}

/// One folder's children, listed whole and sorted, and how far the walk has gone through
/// them.
struct Folder {
    /// The folder's path from the bundle's directory, ending in `/` (empty for the directory).
    rel: String,
    /// The children's names, back to back (one block, not a `String` per child).
    names: String,
    children: Vec<Child>,
    next: usize,
}

impl Folder {
    /// Lists the folder at `rel` (see [`Folder::rel`]), counting each child and its name
    /// into `tally` (refused past its limits, as it is listed), and sorts the children in the order of the full names
    /// under them: a subfolder sorts as its name followed by `/`, which is where every name
    /// under it sorts among its siblings (no name holds `/`). Walked depth first in that
    /// order, the files come out in the order of their full names, as a ZIP file's sorted
    /// entries do, so they are never sorted, nor copied, again.
    fn list(b: &BundleDir, rel: String, tally: &mut Tally) -> Result<Folder, ArchiveError> {
        let path = if rel.is_empty() { b.dir.clone() } else { b.dir.join(&rel) };
        // An I/O error names the folder it came from (relative to the bundle's folder).
        let at = |e: std::io::Error| {
            let folder = crate::text::printable(&format!("{}{}", b.prefix, rel.trim_end_matches('/')));
            ArchiveError::Io(std::io::Error::new(e.kind(), format!("{folder}: {e}")))
        };
        let mut names = String::new();
        let mut children = Vec::new();
        // The lowest name that is not UTF-8, reported once the folder is listed: the same
        // one whatever order the file system lists the folder in. So are names over their
        // limit: past it, nothing more is kept, but the folder is still listed to its end
        // (or to the entry limit, which is then what is reported), so that which limit is
        // reported does not depend on that order either.
        let mut not_utf8: Option<std::ffi::OsString> = None;
        let mut names_over = false;
        for entry in std::fs::read_dir(&path).map_err(at)? {
            let entry = entry.map_err(at)?;
            tally.entry()?;
            let own = entry.file_name();
            let Some(text) = own.to_str() else {
                if not_utf8.as_ref().is_none_or(|low| own < *low) {
                    not_utf8 = Some(own);
                }
                continue;
            };
            if names_over {
                continue;
            }
            let t = entry.file_type().map_err(at)?;
            let kind = if t.is_dir() {
                Kind::Folder
            } else if t.is_file() {
                Kind::File(entry.metadata().map_err(at)?.len())
            } else {
                Kind::Other(kind_of(t))
            };
            names_over = !tally.names(match kind {
                Kind::Folder => text.len() + 1,
                _ => b.prefix.len() + rel.len() + text.len(),
            });
            if names_over {
                continue;
            }
            children.push(Child { at: names.len(), len: text.len(), kind });
            names.push_str(text);
        }
        if names_over {
            return Err(ArchiveError::NamesTooLarge);
        }
        if let Some(own) = not_utf8 {
            return Err(ArchiveError::NonUtf8Name(format!("{}{rel}{}", b.prefix, own.to_string_lossy())));
        }
        let key = |c: &Child| {
            let name = names.as_bytes().get(c.at..c.at + c.len).unwrap_or_default();
            name.iter().chain(matches!(c.kind, Kind::Folder).then_some(&b'/')).copied()
        };
        children.sort_unstable_by(|x, y| key(x).cmp(key(y)));
        Ok(Folder { rel, names, children, next: 0 })
    }
}

/// [`open_dir`] within the limits of `tally` (spec §9.4 and §9.6: 1,100,000 files and
/// folders, 256 MiB of names).
fn open_dir_within(b: &BundleDir, mut tally: Tally) -> Result<Archive<DirSource>, ArchiveError> {
    if !b.prefix_utf8 {
        return Err(ArchiveError::NonUtf8Name(b.prefix.trim_end_matches('/').to_owned()));
    }
    // The folder's own name first: walked, a folder that is not a bundle's (one that holds a
    // stray bagit.txt) would be read whole before the root rule refused it.
    match b.prefix.strip_suffix('/') {
        Some(name) => super::root::check_root_folder(RootKind::Bundle, name)?,
        // The folder unzip made, the only entry of the folder given.
        None => {
            let only = std::fs::read_dir(&b.dir).and_then(|mut l| l.next().transpose()).map_err(ArchiveError::Io)?;
            if let Some(only) = only {
                let name = only.file_name();
                let name = name.to_str().ok_or_else(|| ArchiveError::NonUtf8Name(name.to_string_lossy().into()))?;
                super::root::check_root_folder(RootKind::Bundle, name)?;
            }
        }
    }
    // Every file, in the order of its name (the prefix and its path from the directory), each
    // at the offset the source gives it: the sizes before it, end to end. Walked depth first
    // with a stack of listed folders, never recursion, never into a link; so what is found
    // first (and so the first error) does not depend on the order the file system lists a
    // folder in.
    let mut entries = Entries::with_capacity(1024, 0);
    let mut offset = 0u64;
    let mut name = String::new();
    let mut walk = vec![Folder::list(b, String::new(), &mut tally)?];
    while let Some(folder) = walk.last_mut() {
        let Some(child) = folder.children.get(folder.next).copied() else {
            walk.pop();
            continue;
        };
        folder.next += 1;
        let own = folder.names.get(child.at..child.at + child.len).unwrap_or_default();
        let name_len = b.prefix.len() + folder.rel.len() + own.len();
        if name_len > MAX_NAME_LEN {
            return Err(ArchiveError::NameTooLong(name_len));
        }
        name.clear();
        name.push_str(&b.prefix);
        name.push_str(&folder.rel);
        name.push_str(own);
        match child.kind {
            Kind::Folder => {
                let rel = format!("{}{own}/", folder.rel);
                walk.push(Folder::list(b, rel, &mut tally)?);
            }
            Kind::File(size) => {
                check_name(&name).map_err(|why| ArchiveError::UnsafeName { name: name.clone(), why })?;
                let e = Entry { name: &name, size, crc32: 0, header_offset: offset, data_offset: offset };
                entries.push(e)?;
                // Each file at the sizes before it, end to end: a folder whose files claim more
                // than an offset holds (sparse files of exabytes) is refused here, in walk order.
                offset = offset
                    .checked_add(size)
                    .ok_or_else(|| super::malformed(crate::wording::archive::FILES_PAST_OFFSETS))?;
            }
            Kind::Other(kind) => return Err(ArchiveError::NotAFile { name, kind }),
        }
    }
    let mut folded = crate::names::NameSet::with_room(entries.len());
    for e in &entries {
        folded.insert_key(e.name);
    }
    folded.check_by(|i| entries.name(i).unwrap_or_default())?;
    drop(folded);
    // The root rule, over a source of the names as walked (it reads a file only to tell a
    // bundle of format 1); then the source the bundle is read from, over the bag paths left,
    // which are the only copy of the names (at a million files, one copy, issue #22). Each
    // source shares the entries as its files (issue #13.4).
    entries.freeze();
    let walked = Arc::new(entries);
    let root = {
        let source = dir_source(b.dir.clone(), String::new(), walked.clone(), b.prefix.len())?;
        check_root(&source, &walked, RootKind::Bundle)?
    };
    // The list alone holds the entries again (the source is dropped): taken back, not copied,
    // and its names stripped in place.
    let mut entries = Arc::unwrap_or_clone(walked);
    strip_checked_root(&mut entries, &root)?;
    entries.freeze();
    // No name is given twice (a folder cannot hold two): the index cannot fail.
    let by_name = index_by_name(&entries).map_err(ArchiveError::DuplicateName)?;
    // The bundle's folder: the directory itself, or the one folder in it (`unzip`'s).
    let lead = if b.prefix.is_empty() { root.dir() } else { String::new() };
    let entries = Arc::new(entries);
    let source = dir_source(b.dir.clone(), lead, entries.clone(), 0)?;
    let end = crate::archive::Source::len(&source);
    Ok(Archive::assemble(entries, root, Box::new(source), end, Container::Directory, by_name))
}

/// The source of the files of `entries` (frozen), each read from its name past its first
/// `skip` bytes, under `lead` in `dir`. The walk gives every entry its offset, the sizes
/// before it end to end (refusing sizes past 2^64 bytes in all), and every name the prefix:
/// never refused here.
fn dir_source(dir: PathBuf, lead: String, entries: Arc<Entries>, skip: usize) -> Result<DirSource, ArchiveError> {
    DirSource::over(dir, lead, entries, skip)
        .ok_or_else(|| super::malformed(crate::wording::archive::FILES_PAST_OFFSETS))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    const ROOT: &str = "custody-00112233445566778899aabbccddeeff";

    /// A minimal bag folder: `ROOT/bagit.txt` and `ROOT/data/a.txt` inside `tmp`.
    fn bag(tmp: &Path) -> PathBuf {
        let root = tmp.join(ROOT);
        std::fs::create_dir_all(root.join("data")).unwrap();
        std::fs::write(root.join("bagit.txt"), "x").unwrap();
        std::fs::write(root.join("data/a.txt"), "hello").unwrap();
        root
    }

    fn names(a: &Archive<DirSource>) -> Vec<String> {
        a.entries().iter().map(|e| e.name.to_owned()).collect()
    }

    /// The folder itself, and the folder `unzip` made around it, read the same bag paths.
    #[test]
    fn reads_the_bundle_folder_or_the_folder_around_it() {
        let tmp = tempfile::tempdir().unwrap();
        let root = bag(tmp.path());
        for dir in [root.as_path(), tmp.path()] {
            let b = find_bundle_dir(dir).unwrap().expect("a bundle folder");
            let a = open_dir(&b).unwrap();
            assert_eq!(names(&a), ["bagit.txt", "data/a.txt"]);
            assert_eq!(a.root().id(), "00112233445566778899aabbccddeeff");
            let mut out = Vec::new();
            let d = a.hash_entry(a.entry("data/a.txt").unwrap(), &mut out).unwrap();
            assert_eq!((out.as_slice(), d.crc_ok), (&b"hello"[..], true));
        }
        assert_eq!(find_bundle_dir(&root.join("data")).unwrap(), None, "not a bundle's folder");
    }

    /// The files come out in the order of their full names, as a ZIP file's entries are
    /// sorted: a folder `a` sorts among its siblings as `a/` (after `a-b.txt` and `a.txt`,
    /// before `a0`), whatever order the file system lists them in; each at the offset of the
    /// sizes before it, and read from its own file.
    #[test]
    fn files_come_in_the_order_of_their_names() {
        let tmp = tempfile::tempdir().unwrap();
        let root = bag(tmp.path());
        std::fs::create_dir_all(root.join("data/a/b")).unwrap();
        for (path, body) in [
            ("data/a0", "0"),
            ("data/a/x.txt", "xx"),
            ("data/a-b.txt", "ab"),
            ("data/a/b/c", "c"),
            ("data/a/b0", "b0"),
            ("data/a/b-", "b-"),
        ] {
            std::fs::write(root.join(path), body).unwrap();
        }
        let a = open_dir(&find_bundle_dir(&root).unwrap().unwrap()).unwrap();
        let want = [
            "bagit.txt",
            "data/a-b.txt",
            "data/a.txt",
            "data/a/b-",
            "data/a/b/c",
            "data/a/b0",
            "data/a/x.txt",
            "data/a0",
        ];
        assert_eq!(names(&a), want);
        let mut at = 0;
        for e in a.entries() {
            assert_eq!(e.data_offset, at, "{}", e.name);
            at += e.size;
            let mut out = Vec::new();
            a.hash_entry(e, &mut out).unwrap();
            assert_eq!(out, std::fs::read(root.join(e.name)).unwrap(), "{}", e.name);
        }
    }

    /// A symbolic link is refused by its path, never followed; so are a FIFO and a socket.
    #[test]
    fn links_fifos_and_sockets_are_refused_by_path() {
        let tmp = tempfile::tempdir().unwrap();
        let root = bag(tmp.path());
        let outside = tmp.path().join("secret");
        std::fs::write(&outside, "do not read").unwrap();
        std::os::unix::fs::symlink(&outside, root.join("data/link.txt")).unwrap();
        let b = find_bundle_dir(&root).unwrap().unwrap();
        match open_dir(&b) {
            Err(e @ ArchiveError::NotAFile { .. }) => {
                assert_eq!(e.code(), crate::check::CheckCode::ArchiveNotRegularFile);
                assert!(e.to_string().contains(&format!("{ROOT}/data/link.txt")), "{e}");
                assert!(e.to_string().contains("symbolic link"), "{e}");
            }
            other => panic!("{:?}", other.map(|a| names(&a))),
        }
        std::fs::remove_file(root.join("data/link.txt")).unwrap();
        // A link to a folder is not walked into either.
        std::os::unix::fs::symlink(tmp.path(), root.join("data/up")).unwrap();
        assert!(matches!(open_dir(&b), Err(ArchiveError::NotAFile { .. })));
        std::fs::remove_file(root.join("data/up")).unwrap();
        // No unsafe code here: the FIFO is made by the stock tool.
        let made = std::process::Command::new("mkfifo").arg(root.join("data/fifo")).status().unwrap();
        assert!(made.success());
        match open_dir(&b) {
            Err(e @ ArchiveError::NotAFile { .. }) => assert!(e.to_string().contains("FIFO"), "{e}"),
            other => panic!("{:?}", other.map(|a| names(&a))),
        }
        std::fs::remove_file(root.join("data/fifo")).unwrap();
        let _sock = std::os::unix::net::UnixListener::bind(root.join("data/sock")).unwrap();
        assert!(matches!(open_dir(&b), Err(ArchiveError::NotAFile { kind, .. }) if kind.contains("socket")));
    }

    /// Names that are not UTF-8, too long, unsafe or colliding are refused as ZIP entry names are.
    #[test]
    fn names_follow_the_entry_name_rules() {
        use std::os::unix::ffi::OsStrExt;
        let tmp = tempfile::tempdir().unwrap();
        let root = bag(tmp.path());
        let b = find_bundle_dir(&root).unwrap().unwrap();
        let bad = root.join(std::ffi::OsStr::from_bytes(b"data/\xff.txt"));
        std::fs::write(&bad, "x").unwrap();
        assert!(matches!(open_dir(&b), Err(ArchiveError::NonUtf8Name(_))));
        std::fs::remove_file(&bad).unwrap();
        std::fs::write(root.join("data/a:b"), "x").unwrap();
        assert!(matches!(open_dir(&b), Err(ArchiveError::UnsafeName { .. })));
        std::fs::remove_file(root.join("data/a:b")).unwrap();
        // Nested folders until the name passes 1024 bytes: refused before going deeper.
        let mut deep = root.join("data");
        for _ in 0..5 {
            deep = deep.join("d".repeat(200));
        }
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(deep.join("f"), "x").unwrap();
        assert!(matches!(open_dir(&b), Err(ArchiveError::NameTooLong(n)) if n > MAX_NAME_LEN));
        std::fs::remove_dir_all(root.join("data").join("d".repeat(200))).unwrap();
        // Case folding, where the file system keeps both (most Linux file systems do).
        std::fs::write(root.join("data/A.txt"), "x").unwrap();
        if std::fs::read_dir(root.join("data")).unwrap().count() == 2 {
            assert!(matches!(open_dir(&b), Err(ArchiveError::NameCollision(..))));
        }
        std::fs::remove_file(root.join("data/A.txt")).unwrap();
        assert!(open_dir(&b).is_ok());
    }

    /// More files and folders than a bundle may hold entries: refused while walking, counted
    /// as they are met (folders too: an empty tree of a million folders costs as much).
    #[test]
    fn the_entry_count_is_bounded() {
        let tmp = tempfile::tempdir().unwrap();
        let root = bag(tmp.path());
        let b = find_bundle_dir(&root).unwrap().unwrap();
        // bagit.txt, data/ and data/a.txt: three.
        assert!(open_dir_within(&b, Tally::new(3, MAX_FOLDER_NAME_BYTES)).is_ok());
        std::fs::create_dir(root.join("data/empty")).unwrap();
        assert!(matches!(
            open_dir_within(&b, Tally::new(3, MAX_FOLDER_NAME_BYTES)),
            Err(ArchiveError::TooManyEntries(4))
        ));
    }

    /// Issue #13.4: the names a walk holds are bounded as a ZIP file's central directory
    /// bounds its own (spec §9.6: 256 MiB), each file by its full name, each folder (empty
    /// ones too) by its own name and `/`, counted as each folder is listed, before it is
    /// walked: a folder of a million long names costs what its limit allows, not all of them.
    #[test]
    fn the_names_bytes_are_bounded() {
        let tmp = tempfile::tempdir().unwrap();
        let root = bag(tmp.path());
        let b = find_bundle_dir(&root).unwrap().unwrap();
        // `custody-<id>/bagit.txt` (50), `data/` (5), `custody-<id>/data/a.txt` (51).
        assert!(open_dir_within(&b, Tally::new(MAX_ENTRIES, 106)).is_ok());
        assert!(matches!(open_dir_within(&b, Tally::new(MAX_ENTRIES, 105)), Err(ArchiveError::NamesTooLarge)));
        // An empty folder holds no entry, yet its name was listed and held: counted.
        std::fs::create_dir(root.join("data/empty")).unwrap();
        assert!(matches!(open_dir_within(&b, Tally::new(MAX_ENTRIES, 106)), Err(ArchiveError::NamesTooLarge)));
        assert!(open_dir_within(&b, Tally::new(MAX_ENTRIES, 112)).is_ok());
        // Given the folder `unzip` made, the bundle's folder is a folder listed: its name
        // and `/` (41) count too.
        let around = find_bundle_dir(tmp.path()).unwrap().unwrap();
        assert!(open_dir_within(&around, Tally::new(MAX_ENTRIES, 153)).is_ok());
        assert!(matches!(open_dir_within(&around, Tally::new(MAX_ENTRIES, 152)), Err(ArchiveError::NamesTooLarge)));
        assert_eq!(ArchiveError::NamesTooLarge.code().as_str(), "archive.names_too_large");
    }

    /// The root rule of spec §2.5: a folder not named after a bundle is
    /// `archive.root_invalid` as in a ZIP file; a folder that holds the bundle's folder and
    /// anything else is no bundle's folder, told from its own entries without walking any.
    #[test]
    fn the_root_rule_holds() {
        let tmp = tempfile::tempdir().unwrap();
        bag(tmp.path());
        std::fs::write(tmp.path().join("notes.txt"), "x").unwrap();
        assert_eq!(find_bundle_dir(tmp.path()).unwrap(), None);
        std::fs::remove_file(tmp.path().join("notes.txt")).unwrap();
        let renamed = tmp.path().join("evidence");
        std::fs::rename(tmp.path().join(ROOT), &renamed).unwrap();
        for dir in [renamed.as_path(), tmp.path()] {
            let b = find_bundle_dir(dir).unwrap().unwrap();
            assert!(matches!(open_dir(&b), Err(ArchiveError::RootInvalid(_))));
        }
    }

    /// A folder that holds a bundle's folder beside a tree of other things (a FIFO, a folder
    /// holding a FIFO and a link): refused from its own entries, the tree never walked (a
    /// walk would refuse the FIFO by its path instead).
    #[test]
    fn a_parent_with_more_than_the_bundle_is_refused_without_walking() {
        let tmp = tempfile::tempdir().unwrap();
        bag(tmp.path());
        let other = tmp.path().join("other/deeper");
        std::fs::create_dir_all(&other).unwrap();
        let made = std::process::Command::new("mkfifo").arg(other.join("fifo")).status().unwrap();
        assert!(made.success());
        std::os::unix::fs::symlink("/etc/passwd", other.join("link")).unwrap();
        assert_eq!(find_bundle_dir(tmp.path()).unwrap(), None);
        // Without the siblings, the bundle alone is read.
        std::fs::remove_dir_all(tmp.path().join("other")).unwrap();
        assert!(open_dir(&find_bundle_dir(tmp.path()).unwrap().unwrap()).is_ok());
    }

    /// A folder holding a stray bagit.txt, not named as a bundle's folder, is refused by the
    /// root rule before it is walked: the FIFO deep inside is never reached (review of #19.5).
    #[test]
    fn a_folder_not_named_as_a_bundle_is_refused_before_it_is_walked() {
        let tmp = tempfile::tempdir().unwrap();
        for top in ["dl", "parent/renamed"] {
            let dir = tmp.path().join(top);
            std::fs::create_dir_all(dir.join("other/deep")).unwrap();
            std::fs::write(dir.join("bagit.txt"), "x").unwrap();
            let made = std::process::Command::new("mkfifo").arg(dir.join("other/deep/fifo")).status().unwrap();
            assert!(made.success());
        }
        for given in ["dl", "parent"] {
            let b = find_bundle_dir(&tmp.path().join(given)).unwrap().unwrap();
            let e = open_dir(&b).err().unwrap();
            assert!(matches!(e, ArchiveError::RootInvalid(_)), "{given}: {e}");
        }
    }

    /// A folder swapped for a symbolic link after the walk (to a tree elsewhere with the same
    /// names) is refused when a file in it is read, never read through.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[test]
    fn a_folder_swapped_for_a_link_is_not_read_through() {
        let tmp = tempfile::tempdir().unwrap();
        let root = bag(tmp.path());
        let a = open_dir(&find_bundle_dir(&root).unwrap().unwrap()).unwrap();
        let elsewhere = tmp.path().join("elsewhere");
        std::fs::create_dir(&elsewhere).unwrap();
        std::fs::write(elsewhere.join("a.txt"), "hallo").unwrap();
        std::fs::rename(root.join("data"), tmp.path().join("moved")).unwrap();
        std::os::unix::fs::symlink(&elsewhere, root.join("data")).unwrap();
        let mut read = Vec::new();
        let r = a.hash_entry(a.entry("data/a.txt").unwrap(), &mut read);
        assert!(r.is_err() && read.is_empty(), "read through the link: {:?}", String::from_utf8_lossy(&read));
    }

    /// Given the folder `unzip` made, the bundle's folder in it is walked into like any
    /// other: swapped for a link after the walk, it is not read through either.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[test]
    fn the_bundle_folder_swapped_for_a_link_is_not_read_through() {
        let tmp = tempfile::tempdir().unwrap();
        let root = bag(tmp.path());
        let a = open_dir(&find_bundle_dir(tmp.path()).unwrap().unwrap()).unwrap();
        let mut read = Vec::new();
        a.hash_entry(a.entry("data/a.txt").unwrap(), &mut read).unwrap();
        assert_eq!(read, b"hello", "read from the bundle's folder");
        let elsewhere = tempfile::tempdir().unwrap();
        let copy = bag(elsewhere.path());
        std::fs::write(copy.join("data/a.txt"), "hallo").unwrap();
        std::fs::rename(&root, tmp.path().join("moved")).unwrap();
        std::os::unix::fs::symlink(&copy, &root).unwrap();
        let mut read = Vec::new();
        let r = a.hash_entry(a.entry("data/a.txt").unwrap(), &mut read);
        assert!(r.is_err() && read.is_empty(), "read through the link: {:?}", String::from_utf8_lossy(&read));
    }

    /// A file that changed size after the walk is refused when read, not read in part.
    #[test]
    fn a_file_changed_after_the_walk_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let root = bag(tmp.path());
        let a = open_dir(&find_bundle_dir(&root).unwrap().unwrap()).unwrap();
        std::fs::write(root.join("data/a.txt"), "hello, again").unwrap();
        assert!(a.hash_entry(a.entry("data/a.txt").unwrap(), &mut std::io::sink()).is_err());
    }
}
