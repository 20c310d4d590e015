//! The rollback journal beside a bundle being updated: its names, its binary format, and
//! the checks that bind it to one update of one bundle (see the parent module).

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::Error;
use crate::archive::{Archive, FileSource, Source};
use crate::fsutil;
use crate::layout::MANIFEST_PATH;

use crate::layout::{ROLLED_BACK_SUFFIX, journal_path};
const JOURNAL_MAGIC: &[u8; 16] = b"custody-journal2";
/// magic, bundle id, old_len, cut, new_len, anchor, old tail and new tail SHA-256, dev, ino.
pub(super) const JOURNAL_HEADER: usize = 16 + 32 + 8 * 3 + 32 * 3 + 8 * 2;
/// The bytes before the cut whose SHA-256 anchors a journal to its bundle.
const ANCHOR: u64 = 64 << 10;
/// The largest old tail a journal may hold (a tag manifest plus a central directory of at
/// most a million entries); the header is checked before any of it is read.
const MAX_OLD_TAIL: u64 = 1 << 30;

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

pub(super) struct Journal {
    pub(super) bundle_id: [u8; 32],
    pub(super) old_len: u64,
    pub(super) cut: u64,
    pub(super) new_len: u64,
    pub(super) anchor_sha256: [u8; 32],
    pub(super) old_tail_sha256: [u8; 32],
    pub(super) new_tail_sha256: [u8; 32],
    /// Device and inode of the bundle when the journal was written: advice only.
    pub(super) dev: u64,
    pub(super) ino: u64,
}

/// A journal that cannot be used, with what is wrong with it, and what to do: beside a
/// bundle that reads as a complete archive, the journal is most likely stray or planted and
/// may be moved away; beside a damaged one, both files are evidence of what happened.
pub(super) fn unusable(path: &Path, why: &str) -> Error {
    Error::UnusableJournal { path: path.into(), why: why.into(), readable: opens_as_archive(path) }
}

/// Whether the file at `path` opens as a strict archive (the file as it is).
fn opens_as_archive(path: &Path) -> bool {
    File::open(path).and_then(FileSource::new).is_ok_and(|s| Archive::open(Box::new(s)).is_ok())
}

impl Journal {
    pub(super) fn encode_header(&self) -> Vec<u8> {
        let mut b = Vec::with_capacity(JOURNAL_HEADER);
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
        b
    }

    /// Decodes the fixed header; the old tail is read after it has been checked.
    pub(super) fn decode_header(b: &[u8; JOURNAL_HEADER]) -> Option<Journal> {
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
    pub(super) fn read(path: &Path) -> Result<Option<(Journal, File)>, Error> {
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

    pub(super) fn tail_len(&self) -> u64 {
        self.old_len - self.cut
    }

    /// Whether the old tail kept in the journal `jf` matches its hash (read as a stream).
    pub(super) fn old_tail_matches(&self, jf: &File) -> io::Result<bool> {
        let start = JOURNAL_HEADER as u64;
        Ok(sha256_range(jf, start, start + self.tail_len())? == self.old_tail_sha256)
    }

    pub(super) fn bundle_id(&self) -> String {
        String::from_utf8_lossy(&self.bundle_id).into_owned()
    }
}

pub(super) fn sha256_range(file: &File, from: u64, to: u64) -> io::Result<[u8; 32]> {
    sha256_of_range(&FileSource::new(file.try_clone()?)?, from, to)
}

/// The SHA-256 of the bytes `from..to` of `src`, read 64 KiB at a time: the one loop behind the
/// journal's anchors and the tail binding of a pending file ([`super::tail_binding_of`]).
pub(crate) fn sha256_of_range<S: Source + ?Sized>(src: &S, from: u64, to: u64) -> io::Result<[u8; 32]> {
    let mut sha = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut at = from;
    while at < to {
        let n = buf.len().min(usize::try_from(to - at).unwrap_or(usize::MAX));
        src.read_exact_at(&mut buf[..n], at)?;
        sha.update(&buf[..n]);
        at += n as u64;
    }
    Ok(sha.finalize().into())
}

pub(super) fn anchor_of(file: &File, cut: u64) -> io::Result<[u8; 32]> {
    sha256_range(file, cut.saturating_sub(ANCHOR), cut)
}

#[cfg(unix)]
pub(super) fn file_identity(meta: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
pub(super) fn file_identity(_: &fs::Metadata) -> (u64, u64) {
    (0, 0)
}

/// The bundle id of an archive, from its manifest: read as a stream, keeping nothing but the
/// id (a million files make the manifest hundreds of MB; issue #22); `None` if the manifest
/// is over its limit, damaged (CRC-32) or has no readable `bundle_id`.
pub(super) fn bundle_id_of<S: Source + ?Sized>(archive: &Archive<S>) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Id {
        bundle_id: String,
    }
    let entry = archive.entry(MANIFEST_PATH).filter(|e| e.size <= crate::layout::MAX_MANIFEST_FILE)?;
    let mut reader = archive.entry_reader(entry);
    let id = serde_json::from_reader::<_, Id>(io::BufReader::with_capacity(1 << 16, &mut reader)).ok();
    reader.finish().ok().filter(|d| d.crc_ok)?;
    id.map(|m| m.bundle_id)
}

#[cfg(unix)]
pub(super) fn write_at(file: &File, data: &[u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, data, at)
}

#[cfg(windows)]
pub(super) fn write_at(file: &File, mut data: &[u8], mut at: u64) -> io::Result<()> {
    while !data.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_write(file, data, at)?;
        data = &data[n..];
        at += n as u64;
    }
    Ok(())
}
