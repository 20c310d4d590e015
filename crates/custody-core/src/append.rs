//! Appending custody events to a bundle in place, crash-safely, without touching the payload.
//!
//! Every bundle ends with `[tagmanifest-sha256.txt][central directory][end records]`. An
//! append replaces just that tail with `[new tag files][new tag manifest][new central
//! directory][end records]`: the bytes of every earlier entry, payload included, stay where
//! they are, so the cost of a hand-over does not grow with the evidence.
//!
//! Crash safety comes from a rollback journal, `<bundle>.custody-journal`, written and
//! flushed before the tail is touched. It holds the old tail and the SHA-256 of the new one.
//! Whoever finds a journal next ([`recover`], which every changing command runs first) either
//! sees that the new tail is complete and deletes the journal, or writes the old tail back.
//! A reader that finds a journal ([`open_view`]) reads the bundle as it was before the
//! interrupted update. So, killed at any moment, the bundle is read as either the old valid
//! bundle or the new valid one. The journal is a local file of this implementation, not part
//! of the bundle format: it never travels with a bundle.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::Error;
use crate::archive::{Archive, ArchiveWriter, Entry, FileSource, Source};
use crate::fsutil::{self, parent_dir};
use crate::seal::TAG_MANIFEST_PATH;
use crate::time::Timestamp;

/// Suffix of the rollback journal beside a bundle.
pub const JOURNAL_SUFFIX: &str = ".custody-journal";
const JOURNAL_MAGIC: &[u8; 16] = b"custody-journal1";
const JOURNAL_HEADER: usize = 16 + 8 * 3 + 32 * 2;
/// The largest journal read back (an old tail is a tag manifest plus a central directory).
const MAX_JOURNAL: u64 = 1 << 30;

/// Environment variable naming a step at which an append aborts the process, to test crash
/// safety: `after-journal`, `mid-tail` (half the new tail written) or `after-tail`.
pub const CRASH_ENV: &str = "CUSTODY_TEST_CRASH_POINT";

fn crash_point(name: &str) {
    if std::env::var_os(CRASH_ENV).is_some_and(|v| v == name) {
        std::process::abort();
    }
}

/// The journal path for a bundle.
pub fn journal_path(bundle: &Path) -> PathBuf {
    let mut s = bundle.as_os_str().to_owned();
    s.push(JOURNAL_SUFFIX);
    PathBuf::from(s)
}

struct Journal {
    old_len: u64,
    cut: u64,
    new_len: u64,
    new_tail_sha256: [u8; 32],
    old_tail_sha256: [u8; 32],
    old_tail: Vec<u8>,
}

impl Journal {
    fn encode(&self) -> Vec<u8> {
        let mut b = Vec::with_capacity(JOURNAL_HEADER + self.old_tail.len());
        b.extend_from_slice(JOURNAL_MAGIC);
        b.extend_from_slice(&self.old_len.to_le_bytes());
        b.extend_from_slice(&self.cut.to_le_bytes());
        b.extend_from_slice(&self.new_len.to_le_bytes());
        b.extend_from_slice(&self.new_tail_sha256);
        b.extend_from_slice(&self.old_tail_sha256);
        b.extend_from_slice(&self.old_tail);
        b
    }

    fn decode(b: &[u8]) -> Option<Journal> {
        if b.len() < JOURNAL_HEADER || &b[..16] != JOURNAL_MAGIC {
            return None;
        }
        let u = |at: usize| u64::from_le_bytes(b[at..at + 8].try_into().unwrap_or([0; 8]));
        let j = Journal {
            old_len: u(16),
            cut: u(24),
            new_len: u(32),
            new_tail_sha256: b[40..72].try_into().ok()?,
            old_tail_sha256: b[72..104].try_into().ok()?,
            old_tail: b[JOURNAL_HEADER..].to_vec(),
        };
        let consistent = j.cut.checked_add(j.old_tail.len() as u64) == Some(j.old_len)
            && <[u8; 32]>::from(Sha256::digest(&j.old_tail)) == j.old_tail_sha256
            && j.new_len >= j.cut;
        consistent.then_some(j)
    }

    fn read(path: &Path) -> Result<Option<Journal>, Error> {
        let jp = journal_path(path);
        let bytes = match fs::File::open(&jp) {
            Ok(f) => {
                let mut b = Vec::new();
                f.take(MAX_JOURNAL).read_to_end(&mut b).map_err(Error::io(&jp))?;
                b
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::Io { path: jp, source: e }),
        };
        Journal::decode(&bytes).map(Some).ok_or_else(|| {
            Error::Input(format!(
                "{} is damaged, so an interrupted update of {} cannot be finished safely; \
                 keep both files unchanged and get a copy of the bundle from its sender",
                jp.display(),
                path.display()
            ))
        })
    }

    /// Whether the file already holds the complete new tail.
    fn completed(&self, file: &File) -> io::Result<bool> {
        let len = file.metadata()?.len();
        if len != self.new_len {
            return Ok(false);
        }
        Ok(sha256_range(file, self.cut, len)? == self.new_tail_sha256)
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

/// What [`recover`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recovery {
    /// No interrupted update.
    Clean,
    /// An update had completed; its leftover journal was removed.
    Completed,
    /// An update had been interrupted; the bundle was restored to its state before it.
    RolledBack,
}

/// Finishes an interrupted update of the bundle at `path`, if there was one.
pub fn recover(path: &Path) -> Result<Recovery, Error> {
    let Some(j) = Journal::read(path)? else { return Ok(Recovery::Clean) };
    let file = OpenOptions::new().read(true).write(true).open(path).map_err(Error::io(path))?;
    lock(&file, path)?;
    let outcome = if j.completed(&file).map_err(Error::io(path))? {
        Recovery::Completed
    } else {
        write_at(&file, &j.old_tail, j.cut).map_err(Error::io(path))?;
        file.set_len(j.old_len).map_err(Error::io(path))?;
        file.sync_all().map_err(Error::io(path))?;
        if sha256_range(&file, j.cut, j.old_len).map_err(Error::io(path))? != j.old_tail_sha256 {
            return Err(Error::Input(format!("{}: restoring the bundle failed; keep the journal", path.display())));
        }
        Recovery::RolledBack
    };
    let jp = journal_path(path);
    fs::remove_file(&jp).map_err(Error::io(&jp))?;
    fsutil::sync_dir(&parent_dir(path))?;
    Ok(outcome)
}

/// Takes the advisory lock that keeps two custody commands from changing one bundle at once.
/// It is released when the file is closed, including when the process dies.
fn lock(file: &File, path: &Path) -> Result<(), Error> {
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
    /// Opens a bundle for appending: finishes any interrupted update, takes the lock, and
    /// parses the archive strictly.
    pub fn open(path: &Path) -> Result<Self, Error> {
        recover(path)?;
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
        let journal = Journal {
            old_len,
            cut,
            new_len: cut + new_tail.len() as u64,
            new_tail_sha256: Sha256::digest(&new_tail).into(),
            old_tail_sha256: Sha256::digest(&old_tail).into(),
            old_tail,
        };
        // 1. The journal, durably, before anything in the bundle changes.
        let jp = journal_path(&path);
        let mut tmp = fsutil::temp_beside(&jp)?;
        tmp.write_all(&journal.encode()).map_err(Error::io(tmp.path()))?;
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
        fsutil::sync_dir(&parent_dir(&path))
    }
}

/// How a bundle was opened for reading.
pub enum View {
    /// The file as it is.
    Plain,
    /// An update was interrupted; the view is of the bundle as it was before.
    BeforeInterruptedUpdate,
    /// An update had completed but left its journal; the view is of the file as it is.
    CompletedUpdate,
}

/// The bytes of a bundle as they were before an interrupted update: the file up to the cut,
/// then the old tail from the journal.
struct Spliced {
    file: FileSource,
    cut: u64,
    tail: Vec<u8>,
}

impl Source for Spliced {
    fn len(&self) -> u64 {
        self.cut + self.tail.len() as u64
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
            let from = (split - self.cut) as usize;
            rest.copy_from_slice(&self.tail[from..from + rest.len()]);
        }
        Ok(())
    }
}

/// Opens a bundle for reading only, honouring a journal left by an interrupted update.
/// Writes nothing.
pub fn open_view(path: &Path) -> Result<(Box<dyn Source>, View), Error> {
    let file = File::open(path).map_err(Error::io(path))?;
    let journal = Journal::read(path)?;
    let source = FileSource::new(file).map_err(Error::io(path))?;
    match journal {
        None => Ok((Box::new(source), View::Plain)),
        Some(j) if j.completed(source.file()).map_err(Error::io(path))? => {
            Ok((Box::new(source), View::CompletedUpdate))
        }
        Some(j) => {
            Ok((Box::new(Spliced { file: source, cut: j.cut, tail: j.old_tail }), View::BeforeInterruptedUpdate))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spliced_reads_cross_the_cut() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        fs::write(&p, b"0123456789XXXX").unwrap();
        let s = Spliced { file: FileSource::new(File::open(&p).unwrap()).unwrap(), cut: 10, tail: b"abc".to_vec() };
        assert_eq!(s.len(), 13);
        let mut b = [0u8; 6];
        s.read_exact_at(&mut b, 7).unwrap();
        assert_eq!(&b, b"789abc");
        assert!(s.read_exact_at(&mut b, 8).is_err());
    }

    #[test]
    fn damaged_journal_is_refused_not_applied() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("b.zip");
        fs::write(&p, b"bundle").unwrap();
        fs::write(journal_path(&p), b"custody-journal1 truncated").unwrap();
        assert!(matches!(recover(&p), Err(Error::Input(_))));
        assert_eq!(fs::read(&p).unwrap(), b"bundle");
    }
}
