//! Writing the evidence while verification hashes it: each planned payload file goes into
//! the staging folder as its bytes are read, and a failed extraction leaves nothing behind.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::plan::{Plan, Planned};
use crate::Error;
use crate::archive::{ArchiveError, Entry, EntryDigest};
use crate::fsutil;
use crate::verify::{HashInto, PayloadSink};

/// Writes each planned payload file into the staging folder while verification hashes it.
/// Files are not synced one by one (half a millisecond each): [`sync_staged`] makes them
/// durable together once all are written, before anything is reported done.
pub(super) struct Writer {
    pub(super) staging: PathBuf,
    pub(super) plan: Arc<Plan>,
    /// What was written for each file of the plan, by its place in [`Plan::files`]: whether
    /// its bytes were whole (a byte a file, not a digest: issue #22). Whether they are the
    /// manifest's is judged once verification has ended (`super::extract_with`).
    pub(super) written: Mutex<Vec<Written>>,
    /// The first error writing the output; later bytes are then only hashed.
    pub(super) failed: Mutex<Option<Error>>,
}

impl Writer {
    /// A writer of `plan`'s files into `staging`.
    pub(super) fn new(staging: PathBuf, plan: Arc<Plan>) -> Writer {
        let written = Mutex::new(vec![Written::Not; plan.len()]);
        Writer { staging, plan, written, failed: Mutex::new(None) }
    }

    pub(super) fn fail(&self, e: Error) {
        if let Ok(mut f) = self.failed.lock() {
            f.get_or_insert(e);
        }
    }
    pub(super) fn has_failed(&self) -> bool {
        self.failed.lock().map(|f| f.is_some()).unwrap_or(true)
    }

    /// Writes one file: `hash` is the hashing step, given the writer for the bytes.
    pub(super) fn write(
        &self,
        entry: &Entry,
        (at, p): (usize, Planned<'_>),
        hash: &mut HashInto<'_>,
    ) -> Result<EntryDigest, ArchiveError> {
        let target = p.target(&self.staging);
        let opened = (|| -> Result<fsutil::SequentialOutput, Error> {
            // Names are created under the guard: once interrupted, the command parks here
            // rather than recreate what the interruption is removing.
            let no_interruption_now = fsutil::update_guard();
            if let Some(dir) = target.parent() {
                fs::create_dir_all(dir).map_err(Error::io(dir))?;
            }
            let out = File::options().write(true).create_new(true).open(&target).map_err(Error::io(&target))?;
            drop(no_interruption_now);
            fsutil::SequentialOutput::for_size(out, &target, entry.size).map_err(Error::io(&target))
        })();
        let mut out = match opened {
            Ok(o) => o,
            Err(e) => {
                self.fail(e);
                return hash(&mut std::io::sink());
            }
        };
        let mut guarded = Guarded { inner: &mut out, error: None };
        let digest = match hash(&mut guarded) {
            Ok(d) => d,
            Err(e) => {
                // The bundle could not be read: remove the partial file, so that nothing
                // unverified stays staged and a later copy (--force) meets the read error
                // again rather than "File exists".
                drop(out);
                let _no_interruption_now = fsutil::update_guard();
                let _ = fs::remove_file(&target);
                return Err(e);
            }
        };
        if let Some(e) = guarded.error.take() {
            self.fail(Error::Io { path: target, source: e });
            return Ok(digest);
        }
        let finished = (|| -> std::io::Result<()> {
            out.flush()?;
            out.finish()?;
            Ok(())
        })();
        match finished {
            Ok(()) => {
                if let Ok(mut w) = self.written.lock()
                    && let Some(slot) = w.get_mut(at)
                {
                    *slot = if digest.crc_ok { Written::Whole } else { Written::CrcFailed };
                }
            }
            Err(e) => self.fail(Error::Io { path: target, source: e }),
        }
        Ok(digest)
    }
}

impl PayloadSink for Writer {
    fn take(&self, entry: &Entry, hash: &mut HashInto<'_>) -> Result<EntryDigest, ArchiveError> {
        match self.plan.find(entry.name) {
            Some(p) if !self.has_failed() => self.write(entry, p, hash),
            _ => hash(&mut std::io::sink()),
        }
    }
}

/// What was written of a planned file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Written {
    /// Nothing (not hashed by verification, or the write failed).
    Not,
    /// Its bytes, whose CRC-32 matched.
    Whole,
    /// Its bytes, which failed the CRC-32.
    CrcFailed,
}

/// Sets the modification time of the file written at `path` to `t` (a time before 1970 as
/// 1970, as before).
pub(super) fn set_time(path: &Path, t: crate::time::Timestamp) -> Result<(), Error> {
    let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(t.unix().max(0) as u64);
    let file = File::options().write(true).open(path).map_err(Error::io(path))?;
    file.set_modified(when).map_err(Error::io(path))
}

/// The SHA-256 of the file written at `path`, read back (only for a bundle extracted forced
/// as invalid, whose verification did not vouch for every digest).
pub(super) fn sha256_of(path: &Path) -> Result<crate::digest::Sha256Digest, Error> {
    let mut file = File::open(path).map_err(Error::io(path))?;
    crate::digest::Sha256Digest::of_reader(&mut file).map(|(d, _)| d).map_err(Error::io(path))
}

/// Passes bytes on until the first write error, which it keeps; after that it only
/// discards, so that hashing (and so the verification report) still completes truthfully.
pub(super) struct Guarded<'a, W: Write> {
    inner: &'a mut W,
    error: Option<std::io::Error>,
}

impl<W: Write> Write for Guarded<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.error.is_none()
            && let Err(e) = self.inner.write_all(buf)
        {
            self.error = Some(e);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Removes the output directory on failure, unless disarmed.
pub(super) struct Cleanup<'a> {
    pub(super) dir: &'a Path,
    pub(super) armed: bool,
}

impl Drop for Cleanup<'_> {
    fn drop(&mut self) {
        if self.armed {
            let _ = fs::remove_dir_all(self.dir);
        }
    }
}

/// A new file in the output, created under the update guard like every name extract makes
/// there: an interruption removing the output folder then never races a new name into it
/// (which left the folder behind after Ctrl-C).
fn create_new(path: &Path) -> Result<File, Error> {
    let _no_interruption_now = fsutil::update_guard();
    File::options().write(true).create_new(true).open(path).map_err(Error::io(path))
}

pub(super) fn write_synced(path: &Path, data: &[u8]) -> Result<(), Error> {
    let mut f = create_new(path)?;
    f.write_all(data).and_then(|()| f.sync_all()).map_err(Error::io(path))
}

/// Makes everything written under `staging` durable, in one pass after all the writes (a
/// sync per file as it is written costs half a millisecond each: ten minutes for a million
/// files).
///
/// On Linux, one `syncfs` of the file system that holds it, through a handle opened before
/// the first write: the kernel reports to it a write-back error of any file since it was
/// opened, even one another process's sync saw first (errseq, Linux 5.8 and later). Where
/// that does not hold, each file and folder is synced once instead: before Linux 5.8
/// (`syncfs` reported no write-back errors), on FUSE file systems (where it may not reach
/// the server), when `syncfs` is not supported, and on other systems.
pub(super) struct StagingSync {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    handle: Option<File>,
}

impl StagingSync {
    /// Opens `staging` (just created, still empty) for the sync at the end.
    pub(super) fn open(staging: &Path) -> Result<Self, Error> {
        #[cfg(any(target_os = "linux", target_os = "android"))]
        {
            let dir = File::open(staging).map_err(Error::io(staging))?;
            let usable = syncfs_reports_errors() && !on_fuse(&dir);
            Ok(StagingSync { handle: usable.then_some(dir) })
        }
        #[cfg(not(any(target_os = "linux", target_os = "android")))]
        {
            let _ = staging;
            Ok(StagingSync {})
        }
    }

    /// Makes everything under `staging` durable.
    pub(super) fn sync(self, staging: &Path) -> Result<(), Error> {
        #[cfg(any(target_os = "linux", target_os = "android"))]
        if let Some(dir) = &self.handle {
            match rustix::fs::syncfs(dir) {
                Ok(()) => return Ok(()),
                // Not supported here: sync file by file instead. Any other error is a
                // write-back failure, and the extraction fails.
                Err(e) if e == rustix::io::Errno::NOSYS || e == rustix::io::Errno::INVAL => {}
                Err(e) => return Err(Error::Io { path: staging.into(), source: e.into() }),
            }
        }
        sync_tree(staging)
    }
}

/// Whether this kernel's `syncfs` reports write-back errors (Linux 5.8 and later).
#[cfg(any(target_os = "linux", target_os = "android"))]
fn syncfs_reports_errors() -> bool {
    let uname = rustix::system::uname();
    let release = uname.release().to_string_lossy();
    let mut parts = release.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse::<u32>().ok());
    matches!((parts.next(), parts.next()), (Some(major), Some(minor)) if (major, minor) >= (5, 8))
}

/// Whether `dir` is on a FUSE file system (`syncfs` may not reach its server).
#[cfg(any(target_os = "linux", target_os = "android"))]
fn on_fuse(dir: &File) -> bool {
    const FUSE_SUPER_MAGIC: i64 = 0x6573_5546;
    // `f_type`'s integer type differs between architectures (i64 here, u32 on some).
    #[allow(clippy::unnecessary_cast)]
    rustix::fs::fstatfs(dir).map(|s| s.f_type as i64 == FUSE_SUPER_MAGIC).unwrap_or(true)
}

/// Syncs every file and folder under `root`, and `root` itself. Iterative, and each folder's
/// listing is read whole and closed before going deeper: a bundle's hundreds of nested
/// folders never hold as many open handles (macOS allows 256 by default).
pub(super) fn sync_tree(root: &Path) -> Result<(), Error> {
    let mut folders = vec![root.to_path_buf()];
    let mut all_folders = Vec::new();
    while let Some(dir) = folders.pop() {
        let entries: Vec<fs::DirEntry> =
            fs::read_dir(&dir).and_then(|r| r.collect::<Result<_, _>>()).map_err(Error::io(&dir))?;
        for e in entries {
            let path = e.path();
            if e.file_type().map_err(Error::io(&path))?.is_dir() {
                folders.push(path);
            } else {
                sync_file(&path)?;
            }
        }
        all_folders.push(dir);
    }
    for dir in all_folders.iter().rev() {
        fsutil::sync_dir(dir)?;
    }
    Ok(())
}

/// Syncs one written file. Windows' FlushFileBuffers needs write access.
fn sync_file(path: &Path) -> Result<(), Error> {
    #[cfg(windows)]
    let file = File::options().write(true).open(path);
    #[cfg(not(windows))]
    let file = File::open(path);
    file.and_then(|f| f.sync_all()).map_err(Error::io(path))
}

/// Writes the verification report as escaped JSON into the new file `path`, as it is
/// serialised (at a million files it is hundreds of MB: never held as text), and syncs it.
pub(super) fn write_report(path: &Path, report: &crate::verify::Report) -> Result<(), Error> {
    let file = create_new(path)?;
    let mut out = crate::text::EscapeJson::new(std::io::BufWriter::with_capacity(1 << 16, file));
    serde_json::to_writer_pretty(&mut out, report).map_err(|e| Error::Io { path: path.into(), source: e.into() })?;
    out.write_all(b"\n").map_err(Error::io(path))?;
    let file = out.finish().and_then(|b| b.into_inner().map_err(|e| e.into_error())).map_err(Error::io(path))?;
    file.sync_all().map_err(Error::io(path))
}
