//! Appending custody events to a bundle in place, crash-safely, without touching the payload.
//!
//! Every bundle ends with `[tagmanifest-sha256.txt][central directory][end records]`. An
//! append replaces just that tail with `[new tag files][new tag manifest][new central
//! directory][end records]`: the bytes of every earlier entry, payload included, stay where
//! they are, so the cost of a hand-over does not grow with the evidence.
//!
//! Crash safety comes from a rollback journal, `<bundle>.custody-journal`, written and
//! flushed before the tail is touched. It holds the old tail and is bound to the one update
//! it records: the bundle id, the old and new sizes, the SHA-256 of the 64 KiB before the
//! tail (an anchor) and of both tails; the file's device and inode only as advice. Whoever
//! changes the bundle next ([`recover`], which every changing command runs first) removes
//! the journal if the update completed or never started, and otherwise writes the old tail
//! back, but only if the journal matches the file in every bound field, and only if the file
//! as it is cannot be read as an archive: a genuine interruption leaves a torn tail, so a
//! readable bundle is never rolled back, whatever a journal says. Even then the journal may
//! supply only the tag manifest and the central directory (every entry, the manifest with
//! the bundle id included, comes from the file's own bytes before the cut), and the torn
//! bytes after the cut may hold only what one update adds: a journal of an older state of
//! the bundle never rolls back signed events. The bytes a rollback replaces are first kept
//! in `<bundle>.custody-rolled-back-<pid>-<n>`.
//!
//! Readers (verify, inspect, extract) never open a journal: they read the file as it is and
//! only say that an update is pending ([`journal_pending`]). A journal is a local file of
//! this implementation, not part of the bundle format, and comes from whoever could write
//! beside the bundle: it is never trusted for content.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::Error;
use crate::archive::{Archive, ArchiveWriter, Entry, FileSource, Source};
use crate::fsutil::{self, parent_dir};
use crate::manifest::Manifest;
use crate::seal::{MANIFEST_PATH, TAG_MANIFEST_PATH};
use crate::time::Timestamp;

/// Suffix of the rollback journal beside a bundle.
pub const JOURNAL_SUFFIX: &str = ".custody-journal";
/// Suffix (before `-<pid>`) of the copy of the bytes a rollback replaced.
pub const ROLLED_BACK_SUFFIX: &str = ".custody-rolled-back";
const JOURNAL_MAGIC: &[u8; 16] = b"custody-journal2";
/// magic, bundle id, old_len, cut, new_len, anchor, old tail and new tail SHA-256, dev, ino.
const JOURNAL_HEADER: usize = 16 + 32 + 8 * 3 + 32 * 3 + 8 * 2;
/// The bytes before the cut whose SHA-256 anchors a journal to its bundle.
const ANCHOR: u64 = 64 << 10;
/// The largest old tail a journal may hold (a tag manifest plus a central directory of at
/// most a million entries); the header is checked before any of it is read.
const MAX_OLD_TAIL: u64 = 1 << 30;

/// Environment variable naming a step at which an append aborts the process, to test crash
/// safety: `after-journal`, `mid-tail` (half the new tail written) or `after-tail`.
pub const CRASH_ENV: &str = "CUSTODY_TEST_CRASH_POINT";

fn crash_point(name: &str) {
    if std::env::var_os(CRASH_ENV).is_some_and(|v| v == name) {
        std::process::abort();
    }
    if std::env::var_os(PAUSE_ENV).is_some_and(|v| v == name) {
        std::thread::sleep(std::time::Duration::from_secs(3));
    }
}

/// Environment variable naming a step (as [`CRASH_ENV`]) at which an append pauses for three
/// seconds, to test that an interruption waits for the update.
pub const PAUSE_ENV: &str = "CUSTODY_TEST_PAUSE_POINT";

/// The journal path for a bundle.
pub fn journal_path(bundle: &Path) -> PathBuf {
    let mut s = bundle.as_os_str().to_owned();
    s.push(JOURNAL_SUFFIX);
    PathBuf::from(s)
}

/// Whether a journal (of an interrupted update, or planted) lies beside the bundle. Readers
/// say so and read the bundle as it is.
pub fn journal_pending(bundle: &Path) -> bool {
    journal_path(bundle).symlink_metadata().is_ok()
}

/// Where a rollback keeps the bytes it replaces: `<bundle>.custody-rolled-back-<pid>-<n>`,
/// the `n`th try (a PID alone repeats: every container's first process is PID 1).
pub fn rolled_back_path(bundle: &Path, n: u32) -> PathBuf {
    let mut s = bundle.as_os_str().to_owned();
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    s.push(format!("{ROLLED_BACK_SUFFIX}-{}-{nanos:09}{n}", std::process::id()));
    PathBuf::from(s)
}

struct Journal {
    bundle_id: [u8; 32],
    old_len: u64,
    cut: u64,
    new_len: u64,
    anchor_sha256: [u8; 32],
    old_tail_sha256: [u8; 32],
    new_tail_sha256: [u8; 32],
    /// Device and inode of the bundle when the journal was written: advice only.
    dev: u64,
    ino: u64,
}

/// A journal that cannot be used, with what is wrong with it, and what to do: beside a
/// bundle that reads as a complete archive, the journal is most likely stray or planted and
/// may be moved away; beside a damaged one, both files are evidence of what happened.
fn unusable(path: &Path, why: &str) -> Error {
    let advice = if opens_as_archive(path) {
        format!(
            "Check the bundle with `custody verify {}`: if it finds the bundle intact, move the journal away \
             (it is not part of the bundle) and run the command again",
            path.display()
        )
    } else {
        format!(
            "Keep both files as they are, check the bundle with `custody verify {}`, and if it is damaged \
             get a fresh copy from its sender",
            path.display()
        )
    };
    Error::Input(format!(
        "{} cannot be used to finish an interrupted update of {}: {why}. Nothing was changed. {advice}",
        journal_path(path).display(),
        path.display(),
    ))
}

/// Whether the file at `path` opens as a strict archive (the file as it is).
fn opens_as_archive(path: &Path) -> bool {
    File::open(path).and_then(FileSource::new).is_ok_and(|s| Archive::open(Box::new(s)).is_ok())
}

impl Journal {
    fn encode(&self, old_tail: &[u8]) -> Vec<u8> {
        let mut b = Vec::with_capacity(JOURNAL_HEADER + old_tail.len());
        b.extend_from_slice(JOURNAL_MAGIC);
        b.extend_from_slice(&self.bundle_id);
        for n in [self.old_len, self.cut, self.new_len] {
            b.extend_from_slice(&n.to_le_bytes());
        }
        b.extend_from_slice(&self.anchor_sha256);
        b.extend_from_slice(&self.old_tail_sha256);
        b.extend_from_slice(&self.new_tail_sha256);
        b.extend_from_slice(&self.dev.to_le_bytes());
        b.extend_from_slice(&self.ino.to_le_bytes());
        b.extend_from_slice(old_tail);
        b
    }

    /// Decodes the fixed header; the old tail is read after it has been checked.
    fn decode_header(b: &[u8; JOURNAL_HEADER]) -> Option<Journal> {
        if &b[..16] != JOURNAL_MAGIC {
            return None;
        }
        let u = |at: usize| b.get(at..at + 8).and_then(|s| s.try_into().ok()).map(u64::from_le_bytes);
        let h = |at: usize| b.get(at..at + 32).and_then(|s| s.try_into().ok());
        let j = Journal {
            bundle_id: h(16)?,
            old_len: u(48)?,
            cut: u(56)?,
            new_len: u(64)?,
            anchor_sha256: h(72)?,
            old_tail_sha256: h(104)?,
            new_tail_sha256: h(136)?,
            dev: u(168)?,
            ino: u(176)?,
        };
        let tail = j.old_len.checked_sub(j.cut)?;
        (tail <= MAX_OLD_TAIL && j.new_len >= j.cut && j.bundle_id.iter().all(u8::is_ascii_hexdigit)).then_some(j)
    }

    /// Reads the header of the journal beside `path`, if there is one, and returns it with
    /// the open journal: never through a symbolic link or into a FIFO, its size checked
    /// against the header. The old tail is not read here: only once the cheap checks against
    /// the bundle have passed ([`Journal::old_tail_matches`]).
    fn read(path: &Path) -> Result<Option<(Journal, File)>, Error> {
        let jp = journal_path(path);
        match jp.symlink_metadata() {
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::Io { path: jp, source: e }),
        }
        let Some(mut f) = fsutil::open_regular(&jp).map_err(Error::io(&jp))? else {
            return Err(unusable(path, "it is not a regular file (custody never follows a link to one)"));
        };
        let mut header = [0u8; JOURNAL_HEADER];
        f.read_exact(&mut header).map_err(|_| unusable(path, "it is too short to be a journal"))?;
        let j = Journal::decode_header(&header)
            .ok_or_else(|| unusable(path, "it is damaged or was not written by this version of custody"))?;
        let len = f.metadata().map_err(Error::io(&jp))?.len();
        if len != JOURNAL_HEADER as u64 + j.tail_len() {
            return Err(unusable(path, "its size does not match its header (damaged)"));
        }
        Ok(Some((j, f)))
    }

    fn tail_len(&self) -> u64 {
        self.old_len - self.cut
    }

    /// Whether the old tail kept in the journal `jf` matches its hash (read as a stream).
    fn old_tail_matches(&self, jf: &File) -> io::Result<bool> {
        let start = JOURNAL_HEADER as u64;
        Ok(sha256_range(jf, start, start + self.tail_len())? == self.old_tail_sha256)
    }

    fn bundle_id(&self) -> String {
        String::from_utf8_lossy(&self.bundle_id).into_owned()
    }
}

fn sha256_range(file: &File, from: u64, to: u64) -> io::Result<[u8; 32]> {
    let src = FileSource::new(file.try_clone()?)?;
    let mut sha = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut at = from;
    while at < to {
        let n = buf.len().min((to - at) as usize);
        src.read_exact_at(&mut buf[..n], at)?;
        sha.update(&buf[..n]);
        at += n as u64;
    }
    Ok(sha.finalize().into())
}

fn anchor_of(file: &File, cut: u64) -> io::Result<[u8; 32]> {
    sha256_range(file, cut.saturating_sub(ANCHOR), cut)
}

#[cfg(unix)]
fn file_identity(meta: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn file_identity(_: &fs::Metadata) -> (u64, u64) {
    (0, 0)
}

/// The bundle id of an archive, from its manifest.
fn bundle_id_of<S: Source + ?Sized>(archive: &Archive<S>) -> Option<String> {
    let entry = archive.entry(MANIFEST_PATH)?;
    let bytes = archive.read_entry(entry, crate::verify::MAX_MANIFEST_FILE).ok()?;
    crate::verify::parse_document::<Manifest>(&bytes).ok().map(|m| m.bundle_id)
}

#[cfg(unix)]
fn write_at(file: &File, data: &[u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, data, at)
}

#[cfg(windows)]
fn write_at(file: &File, mut data: &[u8], mut at: u64) -> io::Result<()> {
    while !data.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_write(file, data, at)?;
        data = &data[n..];
        at += n as u64;
    }
    Ok(())
}

/// What [`recover`] found and did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recovery {
    /// No journal, and the bundle reads as an archive: nothing to do.
    Clean,
    /// An update had completed; its leftover journal was removed.
    Completed,
    /// An update had been interrupted before it changed the bundle; its journal was removed.
    NotStarted,
    /// An update had been interrupted midway; the bundle was restored to its state before
    /// it, and the bytes that were replaced are kept in `kept`: the torn file was the
    /// bundle's first `cut` bytes followed by them.
    RolledBack {
        kept: PathBuf,
        cut: u64,
        /// The events of the bundle as restored (the torn file held the same ones, and at
        /// most the beginning of one more).
        events: usize,
        /// The event the interrupted update was adding, if its files had begun to be written
        /// (else it was adding trusted time to earlier events, or had written too little to tell).
        torn_event: Option<u64>,
    },
}

/// The result of [`recover`]: what was done, and advice for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovered {
    pub outcome: Recovery,
    /// Set when the journal was written for a file at another place on disk (a copy): the
    /// journal still matched the bundle's content, so it was used.
    pub note: Option<String>,
}

/// Finishes an interrupted update of the bundle at `path`, if its journal matches the file
/// in every bound field; refuses (changing nothing) otherwise. With no journal, checks that
/// the bundle can be read as an archive: a damaged bundle is [`Error::BundleDamaged`].
pub fn recover(path: &Path) -> Result<Recovered, Error> {
    let meta = fs::metadata(path).map_err(Error::io(path))?;
    if meta.is_dir() {
        return Err(Error::Input(format!("{} is a directory, not a bundle file", path.display())));
    }
    let recovered = recover_journal(path)?;
    if recovered.outcome == Recovery::Clean {
        let file = File::open(path).map_err(Error::io(path))?;
        let source = FileSource::new(file).map_err(Error::io(path))?;
        if let Err(e) = Archive::open(Box::new(source)) {
            return Err(Error::BundleDamaged { path: path.into(), reason: e.to_string() });
        }
    }
    Ok(recovered)
}

/// The journal part of [`recover`]: finishes or undoes an interrupted update, if there is a
/// matching journal.
fn recover_journal(path: &Path) -> Result<Recovered, Error> {
    let Some((j, jf)) = Journal::read(path)? else {
        return Ok(Recovered { outcome: Recovery::Clean, note: None });
    };
    let jp = journal_path(path);
    let file = OpenOptions::new().read(true).write(true).open(path).map_err(Error::io(path))?;
    lock(&file, path)?;
    let _update = fsutil::update_guard();
    let meta = file.metadata().map_err(Error::io(path))?;
    let len = meta.len();
    if len < j.cut || len > j.old_len.max(j.new_len) {
        return Err(unusable(path, &format!("the bundle's size ({len} bytes) is not one this update could leave")));
    }
    if anchor_of(&file, j.cut).map_err(Error::io(path))? != j.anchor_sha256 {
        return Err(unusable(path, "the bundle's bytes before the updated part are not those it was written for"));
    }
    let note = (file_identity(&meta) != (j.dev, j.ino)).then(|| {
        format!(
            "the journal was written for a file at another place on disk (a copy of {}?); its content matched, so it was used",
            path.display()
        )
    });
    let source = FileSource::new(file.try_clone().map_err(Error::io(path))?).map_err(Error::io(path))?;
    let current = Archive::open(Box::new(source));
    let check_id = |id: Option<String>| {
        if id.as_deref() == Some(j.bundle_id().as_str()) {
            Ok(())
        } else {
            Err(unusable(path, &format!("it was written for bundle {}, not this one", j.bundle_id())))
        }
    };
    let tail_is = |to: u64, sha: &[u8; 32]| -> Result<bool, Error> {
        Ok(len == to && sha256_range(&file, j.cut, len).map_err(Error::io(path))? == *sha)
    };
    let (is_new, is_old) = (tail_is(j.new_len, &j.new_tail_sha256)?, tail_is(j.old_len, &j.old_tail_sha256)?);
    let outcome = if is_new || is_old {
        let archive = current.map_err(|e| unusable(path, &format!("the bundle cannot be read ({e})")))?;
        check_id(bundle_id_of(&archive))?;
        if is_new { Recovery::Completed } else { Recovery::NotStarted }
    } else {
        // Torn: neither tail. A genuine interruption leaves bytes the strict reader refuses;
        // a bundle that reads as an archive is never rolled back, whatever the journal says.
        if current.is_ok() {
            return Err(unusable(
                path,
                "the bundle reads as a complete archive, so it is not a torn update and custody will not roll \
                 it back (a journal can be left by another copy of the bundle, or planted)",
            ));
        }
        if !j.old_tail_matches(&jf).map_err(Error::io(&jp))? {
            return Err(unusable(path, "the bytes it keeps do not match their hash (damaged)"));
        }
        let spliced = Spliced {
            file: FileSource::new(file.try_clone().map_err(Error::io(path))?).map_err(Error::io(path))?,
            cut: j.cut,
            journal: FileSource::new(jf.try_clone().map_err(Error::io(&jp))?).map_err(Error::io(&jp))?,
            tail_len: j.tail_len(),
        };
        let before = Archive::open(Box::new(spliced))
            .map_err(|e| unusable(path, &format!("the bundle it would restore cannot be read ({e})")))?;
        // Everything the restored bundle holds but its tag manifest must come from the
        // file's own bytes before the cut, entry after entry; the tag manifest starts at the
        // cut. So the bundle id below is read from the bundle itself, not from the journal.
        check_layout(&before, j.cut).map_err(|why| unusable(path, &why))?;
        check_id(bundle_id_of(&before))?;
        // A rollback may remove only what one interrupted update added.
        let src = FileSource::new(file.try_clone().map_err(Error::io(path))?).map_err(Error::io(path))?;
        let added = names_from(&src, j.cut).map_err(Error::io(path))?;
        let (events, torn_event) = one_update(&before, &added).map_err(|why| unusable(path, &why))?;
        let kept = keep_range(path, &file, j.cut, len)?;
        copy_at(&jf, JOURNAL_HEADER as u64, &file, j.cut, j.tail_len()).map_err(Error::io(path))?;
        file.set_len(j.old_len).map_err(Error::io(path))?;
        file.sync_all().map_err(Error::io(path))?;
        if sha256_range(&file, j.cut, j.old_len).map_err(Error::io(path))? != j.old_tail_sha256 {
            return Err(Error::Input(format!(
                "{}: restoring the bundle failed; keep the journal and {}",
                path.display(),
                kept.display()
            )));
        }
        fsutil::record_written(path);
        Recovery::RolledBack { kept, cut: j.cut, events, torn_event }
    };
    drop(jf);
    fs::remove_file(&jp).map_err(Error::io(&jp))?;
    fsutil::sync_dir(&parent_dir(path))?;
    Ok(Recovered { outcome, note })
}

/// Takes the advisory lock that keeps two custody commands from changing one bundle at once.
/// It is released when the file is closed, including when the process dies. A temporary
/// file of this process (a copy being updated for `--out`) is locked already.
fn lock(file: &File, path: &Path) -> Result<(), Error> {
    if fsutil::is_own_temp(path) {
        return Ok(());
    }
    file.try_lock().map_err(|e| match e {
        fs::TryLockError::WouldBlock => Error::Input(format!(
            "another custody command is changing {} right now; wait for it to finish",
            path.display()
        )),
        fs::TryLockError::Error(e) => Error::Io { path: path.into(), source: e },
    })
}

/// A bundle opened for appending: locked, recovered, and parsed.
pub struct OpenBundle {
    pub path: PathBuf,
    pub archive: Archive<FileSource>,
    file: File,
}

impl OpenBundle {
    /// Opens a bundle for appending: finishes any interrupted update whose journal matches
    /// (refusing on a mismatch), takes the lock, and parses the archive strictly.
    pub fn open(path: &Path) -> Result<Self, Error> {
        recover_journal(path)?;
        let file = OpenOptions::new().read(true).write(true).open(path).map_err(Error::io(path))?;
        lock(&file, path)?;
        let source = FileSource::new(file.try_clone().map_err(Error::io(path))?).map_err(Error::io(path))?;
        let archive = Archive::open(Box::new(source)).map_err(|e| Error::Archive { path: path.into(), source: e })?;
        Ok(OpenBundle { path: path.into(), archive, file })
    }

    /// Appends `new_files` (tag files, in order) and a new tag manifest with `tag_manifest`
    /// as its content, replacing the old one. Only the tail after the payload is rewritten.
    pub fn append(self, new_files: &[(String, Vec<u8>)], tag_manifest: &[u8], time: Timestamp) -> Result<(), Error> {
        let path = self.path.clone();
        let entries = self.archive.entries();
        let last = entries.last().filter(|e| e.name == TAG_MANIFEST_PATH).ok_or_else(|| {
            Error::Input(format!(
                "{}: {TAG_MANIFEST_PATH} is not the last entry, so events cannot be appended in place; \
                 this bundle was not written by custody",
                path.display()
            ))
        })?;
        let cut = last.header_offset;
        let old_len = self.archive.source().len();
        let kept: Vec<Entry> = entries[..entries.len() - 1].to_vec();
        let mut w = ArchiveWriter::resume(io::Cursor::new(Vec::new()), kept, cut);
        let t = time.as_datetime();
        let wio = |e| Error::Io { path: path.clone(), source: e };
        for (name, data) in new_files {
            if self.archive.entry(name).is_some() {
                return Err(Error::Input(format!("{}: already has {name}", path.display())));
            }
            w.add_bytes(name, t, data).map_err(wio)?;
        }
        w.add_bytes(TAG_MANIFEST_PATH, t, tag_manifest).map_err(wio)?;
        let new_tail = w.finish().map_err(wio)?.into_inner();
        let mut old_tail = vec![0u8; (old_len - cut) as usize];
        self.archive.source().read_exact_at(&mut old_tail, cut).map_err(wio)?;
        let bundle_id: [u8; 32] = bundle_id_of(&self.archive)
            .and_then(|id| id.into_bytes().try_into().ok())
            .filter(|id: &[u8; 32]| id.iter().all(u8::is_ascii_hexdigit))
            .ok_or_else(|| {
                Error::Input(format!(
                    "{}: its manifest has no readable bundle id; it cannot be updated",
                    path.display()
                ))
            })?;
        let (dev, ino) = file_identity(&self.file.metadata().map_err(wio)?);
        let journal = Journal {
            bundle_id,
            old_len,
            cut,
            new_len: cut + new_tail.len() as u64,
            anchor_sha256: anchor_of(&self.file, cut).map_err(wio)?,
            old_tail_sha256: Sha256::digest(&old_tail).into(),
            new_tail_sha256: Sha256::digest(&new_tail).into(),
            dev,
            ino,
        };
        // From the journal to its removal, an interruption (SIGINT, SIGTERM) waits.
        let _update = fsutil::update_guard();
        // 1. The journal, durably, before anything in the bundle changes.
        let jp = journal_path(&path);
        let mut tmp = fsutil::temp_beside(&jp)?;
        tmp.write_all(&journal.encode(&old_tail)).map_err(Error::io(tmp.path()))?;
        fsutil::persist(tmp, &jp, false)?;
        crash_point("after-journal");
        // 2. The new tail, durably.
        if std::env::var_os(CRASH_ENV).is_some_and(|v| v == "mid-tail") {
            write_at(&self.file, &new_tail[..new_tail.len() / 2], cut).map_err(wio)?;
            self.file.sync_all().map_err(wio)?;
            crash_point("mid-tail");
        }
        write_at(&self.file, &new_tail, cut).map_err(wio)?;
        self.file.set_len(journal.new_len).map_err(wio)?;
        self.file.sync_all().map_err(wio)?;
        crash_point("after-tail");
        // 3. The update is complete: drop the journal.
        fs::remove_file(&jp).map_err(Error::io(&jp))?;
        fsutil::sync_dir(&parent_dir(&path))?;
        fsutil::record_written(&path);
        Ok(())
    }
}

/// The bytes of a bundle as they were before an interrupted update: the file up to the cut,
/// then the old tail as the journal keeps it (read from the journal, never held in memory).
struct Spliced {
    file: FileSource,
    cut: u64,
    journal: FileSource,
    tail_len: u64,
}

impl Source for Spliced {
    fn len(&self) -> u64 {
        self.cut + self.tail_len
    }
    fn read_exact_at(&self, buf: &mut [u8], offset: u64) -> io::Result<()> {
        let end =
            offset.checked_add(buf.len() as u64).filter(|&e| e <= self.len()).ok_or(io::ErrorKind::UnexpectedEof)?;
        let split = self.cut.clamp(offset, end);
        let (head, rest) = buf.split_at_mut((split - offset) as usize);
        if !head.is_empty() {
            self.file.read_exact_at(head, offset)?;
        }
        if !rest.is_empty() {
            self.journal.read_exact_at(rest, JOURNAL_HEADER as u64 + (split - self.cut))?;
        }
        Ok(())
    }
}

/// Checks that an archive restored by a rollback takes everything but its tag manifest from
/// the bundle's own bytes before `cut`: its entries lie one after the other from offset 0,
/// and the last, the tag manifest, starts exactly at `cut`. A journal then supplies only the
/// tag manifest and the directory, never an entry (so not the manifest and its bundle id).
fn check_layout<S: Source + ?Sized>(archive: &Archive<S>, cut: u64) -> Result<(), String> {
    let entries = archive.entries();
    let Some((last, rest)) = entries.split_last() else { return Err("the bundle it would restore is empty".into()) };
    if last.name != TAG_MANIFEST_PATH || last.header_offset != cut {
        return Err(format!(
            "the bundle it would restore does not end with its tag manifest at byte {cut}, where the update began"
        ));
    }
    let mut at = 0;
    for e in rest {
        if e.header_offset != at {
            return Err(format!("the bundle it would restore does not hold the entries of the file before byte {cut}"));
        }
        at = e.data_offset.saturating_add(e.size);
    }
    if at != cut {
        return Err(format!("the bundle it would restore does not hold the entries of the file before byte {cut}"));
    }
    Ok(())
}

const SIG_LOCAL: u32 = 0x0403_4b50;

/// The names in the local headers that follow one another from `from` in a (torn) bundle:
/// what an interrupted update had written. Stops at the first thing that is not a complete
/// local header.
fn names_from(src: &FileSource, from: u64) -> io::Result<Vec<String>> {
    let len = src.len();
    let mut names = Vec::new();
    let mut at = from;
    loop {
        let mut h = [0u8; 30];
        if at.checked_add(30).is_none_or(|e| e > len) {
            break;
        }
        src.read_exact_at(&mut h, at)?;
        let le16 = |i: usize| u64::from(u16::from_le_bytes([h[i], h[i + 1]]));
        if u32::from_le_bytes([h[0], h[1], h[2], h[3]]) != SIG_LOCAL {
            break;
        }
        let (name_len, extra_len) = (le16(26), le16(28));
        let name_at = at + 30;
        if name_at + name_len + extra_len > len {
            break;
        }
        let mut name = vec![0u8; name_len as usize];
        src.read_exact_at(&mut name, name_at)?;
        names.push(String::from_utf8_lossy(&name).into_owned());
        let mut size = u64::from(u32::from_le_bytes([h[18], h[19], h[20], h[21]]));
        if size == u64::from(u32::MAX) {
            // ZIP64: the sizes are in the extra field (as custody writes it: first and only).
            let mut extra = vec![0u8; extra_len as usize];
            src.read_exact_at(&mut extra, name_at + name_len)?;
            match extra.get(..20) {
                Some(x) if x[..2] == [1, 0] => {
                    size = u64::from_le_bytes(x[12..20].try_into().map_err(|_| io::ErrorKind::InvalidData)?)
                }
                _ => break,
            }
        }
        match (name_at + name_len + extra_len).checked_add(size) {
            Some(next) if next > at => at = next,
            _ => break,
        }
    }
    Ok(names)
}

/// The sequence number of the custody event a tag file belongs to
/// (`custody/events/NNNNNN-TYPE.json`, its `.sig`, its `.sig.tst`), and whether it is a
/// trusted-time token.
fn event_file(name: &str) -> Option<(u64, bool)> {
    let rest = name.strip_prefix("custody/events/")?;
    let digits = rest.get(..6).filter(|d| d.bytes().all(|b| b.is_ascii_digit()))?;
    rest[6..].starts_with('-').then_some(())?;
    Some((digits.parse().ok()?, name.ends_with(".sig.tst")))
}

/// Checks that the files an interrupted update had written (`added`, after the cut) are
/// what ONE update adds to the restored bundle: the files of its next event (with its
/// token), or tokens of its earlier events, and one tag manifest. A journal of an older
/// state of the bundle would otherwise roll back signed events written since. Returns the
/// restored bundle's event count and the event the update was adding, if any.
fn one_update<S: Source + ?Sized>(before: &Archive<S>, added: &[String]) -> Result<(usize, Option<u64>), String> {
    let docs: Vec<u64> = before
        .entries()
        .iter()
        .filter(|e| e.name.ends_with(".json"))
        .filter_map(|e| event_file(&e.name))
        .map(|(seq, _)| seq)
        .collect();
    let next = docs.iter().max().map_or(0, |m| m + 1);
    let (mut new_event, mut old_tokens, mut past_next) = (false, false, false);
    let mut after = Vec::new();
    for name in added {
        match event_file(name) {
            Some((seq, true)) if seq < next => old_tokens = true,
            Some((seq, _)) if seq >= next => {
                new_event |= seq == next;
                past_next |= seq > next;
                after.push(seq);
            }
            // A file of an event the restored bundle has, other than a token: written again.
            Some(_) => past_next = true,
            None => {}
        }
    }
    let manifests = added.iter().filter(|n| n.as_str() == TAG_MANIFEST_PATH).count();
    if past_next || manifests > 1 || (new_event && old_tokens) {
        let what = match (after.iter().min(), after.iter().max()) {
            (Some(a), Some(b)) if a < b => format!("events #{a} to #{b}"),
            _ => "the files of more than one update".into(),
        };
        return Err(format!(
            "the journal would restore the bundle as it was with {} event(s), but the file holds {what} written \
             after that state: rolling back would remove more than the one interrupted update, including signed \
             events. The journal is of an older state of the bundle (left by another copy, or planted)",
            docs.len()
        ));
    }
    Ok((docs.len(), new_event.then_some(next)))
}

/// Copies the bytes `[from, to)` of the bundle to a new file beside it, before a rollback
/// replaces them (streamed, never held in memory). Returns its path.
fn keep_range(path: &Path, file: &File, from: u64, to: u64) -> Result<PathBuf, Error> {
    for n in 0.. {
        let kept = rolled_back_path(path, n);
        if kept.symlink_metadata().is_ok() {
            continue;
        }
        let mut tmp = fsutil::temp_beside(&kept)?;
        copy_at(file, from, tmp.as_file(), 0, to - from).map_err(Error::io(path))?;
        tmp.flush().map_err(Error::io(tmp.path()))?;
        match fsutil::persist(tmp, &kept, false) {
            Err(Error::Exists { .. }) if n < 100 => continue,
            r => return r.map(|()| kept),
        }
    }
    Err(Error::Input(format!("{}: no free name to keep the bytes a rollback replaces", path.display())))
}

/// Copies `len` bytes of `src` at `from` to `dst` at `to`, in pieces.
fn copy_at(src: &File, from: u64, dst: &File, to: u64, len: u64) -> io::Result<()> {
    let src = FileSource::new(src.try_clone()?)?;
    let mut buf = vec![0u8; 1 << 16];
    let mut done = 0;
    while done < len {
        let n = buf.len().min((len - done) as usize);
        src.read_exact_at(&mut buf[..n], from + done)?;
        write_at(dst, &buf[..n], to + done)?;
        done += n as u64;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spliced_reads_cross_the_cut() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        fs::write(&p, b"0123456789XXXX").unwrap();
        let jp = dir.path().join("j");
        fs::write(&jp, [vec![b'h'; JOURNAL_HEADER], b"abc".to_vec()].concat()).unwrap();
        let s = Spliced {
            file: FileSource::new(File::open(&p).unwrap()).unwrap(),
            cut: 10,
            journal: FileSource::new(File::open(&jp).unwrap()).unwrap(),
            tail_len: 3,
        };
        assert_eq!(s.len(), 13);
        let mut b = [0u8; 6];
        s.read_exact_at(&mut b, 7).unwrap();
        assert_eq!(&b, b"789abc");
        assert!(s.read_exact_at(&mut b, 8).is_err());
    }

    fn header(old_len: u64, cut: u64) -> Vec<u8> {
        let j = Journal {
            bundle_id: *b"0123456789abcdef0123456789abcdef",
            old_len,
            cut,
            new_len: cut,
            anchor_sha256: [0; 32],
            old_tail_sha256: [0; 32],
            new_tail_sha256: [0; 32],
            dev: 0,
            ino: 0,
        };
        j.encode(&[])
    }

    #[test]
    fn a_journal_header_is_checked_before_its_tail_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("b.zip");
        fs::write(&p, b"bundle").unwrap();
        // Claims a tail far over the cap: refused from the header alone.
        fs::write(journal_path(&p), header(1 << 40, 0)).unwrap();
        let e = recover(&p).unwrap_err().to_string();
        assert!(e.contains("damaged or was not written by this version"), "{e}");
        // Claims 100 bytes of tail but holds 10: refused before reading them.
        let mut short = header(100, 0);
        short.extend_from_slice(&[0u8; 10]);
        fs::write(journal_path(&p), short).unwrap();
        let e = recover(&p).unwrap_err().to_string();
        assert!(e.contains("its size does not match"), "{e}");
        // An old-format journal is not used either.
        fs::write(journal_path(&p), [b"custody-journal1".as_slice(), &[0u8; 200]].concat()).unwrap();
        assert!(matches!(recover(&p), Err(Error::Input(_))));
        assert_eq!(fs::read(&p).unwrap(), b"bundle");
    }

    #[test]
    fn a_journal_is_checked_against_the_bundle_before_its_tail_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("b.zip");
        fs::write(&p, b"bundle").unwrap();
        // A journal claiming 256 MiB of old tail (sparse) whose anchor does not match: it is
        // refused for its anchor, before a byte of its tail is read or hashed.
        let f = File::create(journal_path(&p)).unwrap();
        let mut h = header(1 << 28, 0);
        h[72..104].fill(0xAA);
        std::io::Write::write_all(&mut &f, &h).unwrap();
        f.set_len(JOURNAL_HEADER as u64 + (1 << 28)).unwrap();
        let start = std::time::Instant::now();
        let e = recover(&p).unwrap_err().to_string();
        assert!(e.contains("bytes before the updated part are not those"), "{e}");
        assert!(start.elapsed() < std::time::Duration::from_secs(2), "{:?}", start.elapsed());
        assert_eq!(fs::read(&p).unwrap(), b"bundle");
    }

    #[test]
    fn a_second_rollback_keeps_its_bytes_beside_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("b.zip");
        fs::write(&p, b"0123456789").unwrap();
        let file = File::open(&p).unwrap();
        let first = keep_range(&p, &file, 4, 10).unwrap();
        let second = keep_range(&p, &file, 2, 10).unwrap();
        assert_ne!(first, second);
        assert_eq!(fs::read(&first).unwrap(), b"456789");
        assert_eq!(fs::read(&second).unwrap(), b"23456789");
    }

    #[test]
    fn a_rollback_may_remove_only_what_one_update_adds() {
        let mut w = ArchiveWriter::new(io::Cursor::new(Vec::new()));
        let t = Timestamp::now().as_datetime();
        for name in [MANIFEST_PATH, "custody/events/000000-seal.json", "custody/events/000000-seal.json.sig"] {
            w.add_bytes(name, t, b"x").unwrap();
        }
        w.add_bytes(TAG_MANIFEST_PATH, t, b"x").unwrap();
        let before = Archive::open(Box::new(w.finish().unwrap().into_inner())).unwrap();
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let ev1 = "custody/events/000001-transfer.json";
        let key = "custody/keys/ab.pem";
        // The next event, with its token, its key and the new tag manifest.
        let next = names(&[key, ev1, &format!("{ev1}.sig"), &format!("{ev1}.sig.tst"), TAG_MANIFEST_PATH]);
        assert_eq!(one_update(&before, &next), Ok((1, Some(1))));
        // Trusted time for an earlier event (`custody timestamp`), or too little to tell.
        assert_eq!(one_update(&before, &names(&["custody/events/000000-seal.json.sig.tst"])), Ok((1, None)));
        assert_eq!(one_update(&before, &[]), Ok((1, None)));
        // More than one update: a later event, an event and earlier tokens, two tag
        // manifests, an event of the restored state written again.
        let two = names(&[ev1, TAG_MANIFEST_PATH, "custody/events/000002-receipt.json"]);
        assert!(one_update(&before, &two).unwrap_err().contains("events #1 to #2"));
        assert!(one_update(&before, &names(&["custody/events/000000-seal.json.sig.tst", ev1])).is_err());
        assert!(one_update(&before, &names(&[TAG_MANIFEST_PATH, key, TAG_MANIFEST_PATH])).is_err());
        assert!(one_update(&before, &names(&["custody/events/000000-seal.json"])).is_err());
    }

    #[test]
    fn event_files_are_told_by_their_sequence() {
        assert_eq!(event_file("custody/events/000003-transfer.json"), Some((3, false)));
        assert_eq!(event_file("custody/events/000003-transfer.json.sig.tst"), Some((3, true)));
        assert_eq!(event_file("custody/events/00003-transfer.json"), None);
        assert_eq!(event_file("custody/keys/000003-x.pem"), None);
        assert_eq!(event_file("custody/events/00000é-x.json"), None);
    }

    #[test]
    fn damaged_journal_is_refused_not_applied() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("b.zip");
        fs::write(&p, b"bundle").unwrap();
        fs::write(journal_path(&p), b"custody-journal2 truncated").unwrap();
        assert!(matches!(recover(&p), Err(Error::Input(_))));
        assert_eq!(fs::read(&p).unwrap(), b"bundle");
    }
}
