//! Files on disk: outputs that appear atomically and durably, bounded reads, key files.
//!
//! Every file custody creates is written beside its destination under a temporary name,
//! flushed to disk, renamed into place, and the directory flushed too, so that a crash or a
//! kill leaves either nothing or the complete file under the final name, never half of one.

use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use crate::Error;
use crate::keys::{KeyPair, MAX_KEY_FILE, PublicKeyFile};

/// Suffix of every temporary file custody writes: leftovers are recognisable.
pub const TEMP_SUFFIX: &str = ".custody-tmp";

/// The directory a path lives in (`.` for a bare file name).
pub fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A temporary file beside `dest`, named `.<dest name>.<random>.custody-tmp`, removed when
/// dropped unless it is persisted.
///
/// The file is locked (`flock`) for as long as it is open, so that another custody command
/// can tell it is in use ([`remove_stale_temps`]), and it is registered so that an
/// interrupted command removes it ([`stop_for_interrupt`]).
pub fn temp_beside(dest: &Path) -> Result<tempfile::NamedTempFile, Error> {
    let dir = parent_dir(dest);
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let _no_interruption_now = update_guard();
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(&dir)
        .map_err(Error::io(dir))?;
    // Our own new file: another command's stale check may hold its lock for a moment, so
    // wait for it. A file system without locks (some network ones) still gets the file: it
    // is then protected from other commands by its age alone.
    if let Err(e) = tmp.as_file().lock()
        && !lock_unsupported(&e)
    {
        return Err(Error::Io { path: tmp.path().into(), source: e });
    }
    register_temp(tmp.path());
    Ok(tmp)
}

/// Whether a failed `flock` means the file system has no locks (rather than a real error).
fn lock_unsupported(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    if matches!(e.raw_os_error(), Some(libc::ENOLCK | libc::EOPNOTSUPP)) {
        return true;
    }
    e.kind() == std::io::ErrorKind::Unsupported
}

/// Opens an existing regular file for reading without following a symbolic link and without
/// blocking (a FIFO put in its place cannot hang the command): `Ok(None)` if what is there
/// is not a regular file. Used for files found beside a bundle (journals, temporaries),
/// which anyone who can write there may have swapped.
pub fn open_regular(path: &Path) -> std::io::Result<Option<File>> {
    let mut opts = fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut opts, libc::O_NOFOLLOW | libc::O_NONBLOCK);
    let file = match opts.open(path) {
        Ok(f) => f,
        // O_NOFOLLOW on a link.
        #[cfg(unix)]
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => return Ok(None),
        Err(e) => return Err(e),
    };
    Ok(file.metadata()?.is_file().then_some(file))
}

/// The temporary files and folders of this process, to remove if it is interrupted.
static LIVE_TEMPS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// The files this process has completely written (created, or updated in place).
static WRITTEN: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Held while a bundle is changed in place: an interruption waits for it, so that an update
/// is never cut midway by a signal.
static UPDATE: Mutex<()> = Mutex::new(());

fn locked<T>(m: &'static Mutex<T>) -> MutexGuard<'static, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Registers a temporary file or folder of this process, to be removed if it is interrupted.
pub fn register_temp(path: &Path) {
    locked(&LIVE_TEMPS).push(path.to_path_buf());
}

/// Whether `path` is a temporary file this process created and still holds.
pub fn is_own_temp(path: &Path) -> bool {
    locked(&LIVE_TEMPS).iter().any(|p| p == path)
}

pub(crate) fn forget_temp(path: &Path) {
    locked(&LIVE_TEMPS).retain(|p| p != path);
}

/// Records that `path` was written completely (for the message of an interrupted command).
pub fn record_written(path: &Path) {
    let mut w = locked(&WRITTEN);
    if !w.iter().any(|p| p == path) {
        w.push(path.to_path_buf());
    }
}

thread_local! {
    /// Whether this thread holds [`UPDATE`] (taken again by the same thread, it is not locked
    /// twice).
    static HOLDS_UPDATE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Set once the process has been interrupted: it is about to exit.
static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether the process has been interrupted (SIGINT, SIGTERM) and is about to exit: what the
/// command still does (an error it meets because its temporary files were removed) is moot.
pub fn interrupted() -> bool {
    INTERRUPTED.load(std::sync::atomic::Ordering::SeqCst)
}

/// Keeps an interruption from stopping the process while it is held, and waits if the
/// process is being interrupted (it then never returns: the process exits first). Held while
/// a bundle is changed in place, while a finished file is renamed into place, and while a
/// temporary file is created, so that an interrupted command writes nothing after the
/// interruption and leaves no temporary file behind. A thread may take it again while it
/// holds it.
pub fn update_guard() -> UpdateGuard {
    if HOLDS_UPDATE.with(std::cell::Cell::get) {
        return UpdateGuard { guard: None };
    }
    let guard = locked(&UPDATE);
    HOLDS_UPDATE.with(|h| h.set(true));
    UpdateGuard { guard: Some(guard) }
}

/// See [`update_guard`].
pub struct UpdateGuard {
    guard: Option<MutexGuard<'static, ()>>,
}

impl Drop for UpdateGuard {
    fn drop(&mut self) {
        if self.guard.take().is_some() {
            HOLDS_UPDATE.with(|h| h.set(false));
        }
    }
}

/// What [`stop_for_interrupt`] did.
pub struct Interrupted {
    /// The files this process had already written completely.
    pub written: Vec<PathBuf>,
    /// Temporary files and folders that could not be removed, with why.
    pub not_removed: Vec<(PathBuf, std::io::Error)>,
    /// Held until the process exits, so that no update in place starts after the interruption.
    _update: MutexGuard<'static, ()>,
}

/// Prepares the process to stop after an interruption (SIGINT, SIGTERM): waits for an update
/// in place to finish, then removes every temporary file and folder the process created.
pub fn stop_for_interrupt() -> Interrupted {
    INTERRUPTED.store(true, std::sync::atomic::Ordering::SeqCst);
    let update = locked(&UPDATE);
    let temps = std::mem::take(&mut *locked(&LIVE_TEMPS));
    let mut not_removed = Vec::new();
    for t in temps {
        let result = match t.symlink_metadata() {
            Ok(m) if m.is_dir() => fs::remove_dir_all(&t),
            Ok(_) => fs::remove_file(&t),
            Err(e) => Err(e),
        };
        match result {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => not_removed.push((t, e)),
            _ => {}
        }
    }
    let written = locked(&WRITTEN).iter().filter(|p| p.exists()).cloned().collect();
    Interrupted { written, not_removed, _update: update }
}

/// How long a temporary file must have been left unchanged before another command may
/// remove it (a command writing one changes it far more often, and holds its lock).
pub const STALE_FILE_AGE: std::time::Duration = std::time::Duration::from_secs(10);
/// The same for a temporary folder (of `extract`): nothing inside changed for this long.
pub const STALE_FOLDER_AGE: std::time::Duration = std::time::Duration::from_secs(3600);

/// A leftover temporary file or folder of an interrupted command, found by
/// [`remove_stale_temps`].
#[derive(Debug)]
pub struct StaleTemp {
    pub path: PathBuf,
    /// Its size (for a folder, of the files in it).
    pub bytes: u64,
    /// `Err` if it could not be removed (a warning, not a failure of the command).
    pub removed: Result<(), std::io::Error>,
}

/// Whether `file_name` is a temporary name custody gives for `dest_name`:
/// `.<dest_name>.<random>.custody-tmp`, the random part without dots.
fn is_temp_name_for(file_name: &str, dest_name: &str) -> bool {
    file_name
        .strip_prefix('.')
        .and_then(|n| n.strip_suffix(TEMP_SUFFIX))
        .and_then(|n| n.rsplit_once('.'))
        .is_some_and(|(dest, random)| dest == dest_name && !random.is_empty())
}

/// The time of the newest change in a folder, and the bytes of its files (walked without
/// following links; at most `budget` entries, beyond which it counts as changed now).
fn folder_age(dir: &Path, budget: &mut usize) -> std::io::Result<(std::time::SystemTime, u64)> {
    let mut newest = dir.symlink_metadata()?.modified()?;
    let mut bytes = 0;
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        *budget = budget.checked_sub(1).ok_or_else(|| std::io::Error::other("too many files"))?;
        let m = entry.path().symlink_metadata()?;
        let (t, b) = if m.is_dir() { folder_age(&entry.path(), budget)? } else { (m.modified()?, m.len()) };
        newest = newest.max(t);
        bytes += b;
    }
    Ok((newest, bytes))
}

/// Removes the leftover temporary files and folders of interrupted custody commands that
/// wrote to `dest`: those named for `dest` beside it that no process holds (locked) and
/// that have not changed for [`STALE_FILE_AGE`] ([`STALE_FOLDER_AGE`] for a folder). What
/// it cannot remove is reported, not an error.
pub fn remove_stale_temps(dest: &Path) -> Vec<StaleTemp> {
    let Some(name) = dest.file_name().map(|n| n.to_string_lossy().into_owned()) else { return Vec::new() };
    let dir = parent_dir(dest);
    let Ok(entries) = fs::read_dir(&dir) else { return Vec::new() };
    let now = std::time::SystemTime::now();
    let old = |t: std::time::SystemTime, age| now.duration_since(t).is_ok_and(|d| d >= age);
    let mut found = Vec::new();
    for entry in entries.flatten() {
        if !is_temp_name_for(&entry.file_name().to_string_lossy(), &name) {
            continue;
        }
        let path = entry.path();
        if is_own_temp(&path) {
            continue;
        }
        let Ok(meta) = path.symlink_metadata() else { continue };
        let (stale, bytes) = if meta.is_dir() {
            let mut budget = 1_000_000;
            match folder_age(&path, &mut budget) {
                Ok((t, b)) => (old(t, STALE_FOLDER_AGE), b),
                Err(_) => (false, 0),
            }
        } else if meta.is_file() {
            // A file some process holds locked is being written: never touch it.
            let free = open_regular(&path).is_ok_and(|f| f.is_some_and(|f| f.try_lock().is_ok()));
            (free && meta.modified().is_ok_and(|t| old(t, STALE_FILE_AGE)), meta.len())
        } else {
            // A link (or anything else) under a temporary name: custody made none of these,
            // but removing the name itself is harmless once it is old.
            (meta.modified().is_ok_and(|t| old(t, STALE_FILE_AGE)), 0)
        };
        if !stale {
            continue;
        }
        let removed = if meta.is_dir() { fs::remove_dir_all(&path) } else { fs::remove_file(&path) };
        found.push(StaleTemp { path, bytes, removed });
    }
    if found.iter().any(|s| s.removed.is_ok()) {
        let _ = sync_dir(&dir);
    }
    found
}

/// Flushes a directory's entries to disk (after a rename into it).
pub fn sync_dir(dir: &Path) -> Result<(), Error> {
    #[cfg(unix)]
    File::open(dir).and_then(|d| d.sync_all()).map_err(Error::io(dir))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// A file being written whose data is flushed to disk in the background as it grows.
///
/// The kernel starts writing dirty pages back only once a tenth or so of memory is dirty,
/// and then throttles the writer: a large output written at full speed and synced at the
/// end leaves the disk idle at first and makes the final `fsync` long. Here a second thread
/// calls `fdatasync` every [`WriteBehind::EVERY`] bytes, so the disk works while we compute
/// and little is left for the final sync. Requests are coalesced: the writer never waits for
/// the disk unless the kernel throttles it.
pub struct WriteBehind {
    file: File,
    unsynced: u64,
    every: u64,
    request: Option<std::sync::mpsc::SyncSender<()>>,
    worker: Option<std::thread::JoinHandle<std::io::Result<()>>>,
}

impl WriteBehind {
    /// Bytes written between two background flushes.
    pub const EVERY: u64 = 32 << 20;

    /// Wraps `file`, flushing it in the background every [`Self::EVERY`] bytes.
    pub fn new(file: File) -> std::io::Result<Self> {
        Self::with_interval(file, Self::EVERY)
    }

    /// Wraps `file` without background flushing: writes go straight to the file (for
    /// outputs too small for flushing to pay for its thread).
    pub fn plain(file: File) -> Self {
        WriteBehind { file, unsynced: 0, every: u64::MAX, request: None, worker: None }
    }

    /// Wraps `file`, flushing it in the background every `every` bytes.
    pub fn with_interval(file: File, every: u64) -> std::io::Result<Self> {
        let clone = file.try_clone()?;
        let (request, requests) = std::sync::mpsc::sync_channel::<()>(1);
        let worker = std::thread::Builder::new().name("write-behind".into()).spawn(move || {
            for () in requests {
                clone.sync_data()?;
            }
            Ok(())
        })?;
        Ok(WriteBehind { file, unsynced: 0, every: every.max(1), request: Some(request), worker: Some(worker) })
    }

    /// Stops the background flushing and reports its first error (a failed background
    /// flush is a failed write: the kernel may not report it again to the final `fsync`).
    pub fn finish(mut self) -> std::io::Result<File> {
        self.stop()?;
        // A second handle to the same open file: `self` has a Drop, so its field cannot be
        // moved out.
        self.file.try_clone()
    }

    fn stop(&mut self) -> std::io::Result<()> {
        self.request = None;
        match self.worker.take().map(|w| w.join()) {
            None | Some(Ok(Ok(()))) => Ok(()),
            Some(Ok(Err(e))) => Err(e),
            Some(Err(_)) => Err(std::io::Error::other("the background flushing thread failed")),
        }
    }
}

impl Drop for WriteBehind {
    fn drop(&mut self) {
        let _ = self.stop();
    }
}

impl Write for WriteBehind {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf)?;
        self.unsynced += n as u64;
        if self.unsynced >= self.every
            && let Some(r) = &self.request
        {
            match r.try_send(()) {
                Ok(()) => self.unsynced = 0,
                // A flush is still queued: it will cover these bytes too.
                Err(std::sync::mpsc::TrySendError::Full(())) => {}
                Err(std::sync::mpsc::TrySendError::Disconnected(())) => {
                    // The worker stopped on an error; surface it now.
                    return Err(self
                        .stop()
                        .err()
                        .unwrap_or_else(|| std::io::Error::other("background flushing stopped")));
                }
            }
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

impl std::io::Seek for WriteBehind {
    fn seek(&mut self, pos: std::io::SeekFrom) -> std::io::Result<u64> {
        self.file.seek(pos)
    }
}

/// A new file written front to back, with small patches behind the write position (the
/// CRC-32 of a ZIP local header, known only once its entry has been streamed): a bundle
/// being sealed.
///
/// On Linux it bypasses the page cache (`O_DIRECT`) through one aligned staging buffer.
/// Writing gigabytes through the page cache costs a copy into freshly allocated cache pages
/// (on virtual machines, often the most expensive part of a seal) and leaves the data to be
/// written back later; direct writes go from the staging buffer to the disk, and the final
/// `fsync` only has the metadata left. Patches and the unaligned tail go through the page
/// cache. Where the file system refuses direct I/O (tmpfs, some network file systems), and
/// on other systems, it is a buffered [`WriteBehind`].
pub enum SequentialOutput {
    Buffered(WriteBehind),
    #[cfg(target_os = "linux")]
    Direct(direct::DirectWriter),
}

impl SequentialOutput {
    /// Wraps `file`, the empty file at `path`, open for writing.
    pub fn create(file: File, path: &Path) -> std::io::Result<Self> {
        #[cfg(target_os = "linux")]
        if let Some(d) = direct::DirectWriter::open(&file, path)? {
            return Ok(SequentialOutput::Direct(d));
        }
        #[cfg(not(target_os = "linux"))]
        let _ = path;
        Ok(SequentialOutput::Buffered(WriteBehind::new(file)?))
    }

    /// Like [`Self::create`] for a file that will receive about `expected` bytes: below a
    /// few flush intervals it is written plainly, with no thread started.
    pub fn for_size(file: File, path: &Path, expected: u64) -> std::io::Result<Self> {
        if expected < 4 * WriteBehind::EVERY {
            return Ok(SequentialOutput::Buffered(WriteBehind::plain(file)));
        }
        Self::create(file, path)
    }

    /// Whether the page cache is bypassed.
    pub fn is_direct(&self) -> bool {
        match self {
            SequentialOutput::Buffered(_) => false,
            #[cfg(target_os = "linux")]
            SequentialOutput::Direct(d) => d.is_direct(),
        }
    }

    /// Writes what is still buffered and returns the file (not yet synced).
    pub fn finish(self) -> std::io::Result<File> {
        match self {
            SequentialOutput::Buffered(w) => w.finish(),
            #[cfg(target_os = "linux")]
            SequentialOutput::Direct(d) => d.finish(),
        }
    }
}

impl Write for SequentialOutput {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            SequentialOutput::Buffered(w) => w.write(buf),
            #[cfg(target_os = "linux")]
            SequentialOutput::Direct(d) => d.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            SequentialOutput::Buffered(w) => w.flush(),
            // Deliberately nothing: direct writes must be whole aligned blocks, so the stage
            // is written when full, or by `finish`; durability comes from the fsync after it.
            #[cfg(target_os = "linux")]
            SequentialOutput::Direct(_) => Ok(()),
        }
    }
}

impl std::io::Seek for SequentialOutput {
    fn seek(&mut self, pos: std::io::SeekFrom) -> std::io::Result<u64> {
        match self {
            SequentialOutput::Buffered(w) => w.seek(pos),
            #[cfg(target_os = "linux")]
            SequentialOutput::Direct(d) => d.seek(pos),
        }
    }
}

#[cfg(target_os = "linux")]
pub mod direct {
    //! The `O_DIRECT` side of [`super::SequentialOutput`].

    use std::fs::File;
    use std::io::{self, SeekFrom};
    use std::os::unix::fs::{FileExt, MetadataExt, OpenOptionsExt};
    use std::path::Path;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

    /// Alignment of direct writes: memory, file offset and length. 4096 covers disks with
    /// 512-byte and 4 KiB sectors; a file system that wants more refuses the write (EINVAL),
    /// and the writer then falls back to the page cache.
    const ALIGN: usize = 4096;
    /// Bytes per direct write.
    pub const STAGE: usize = 4 << 20;
    /// Stages in memory: one being filled, the others being written.
    const STAGES: usize = 3;

    /// An aligned buffer of STAGE bytes (safe code cannot ask the allocator for alignment,
    /// so it starts at the first aligned byte of a slightly larger allocation).
    struct Stage {
        buf: Vec<u8>,
        at: usize,
    }

    impl Stage {
        fn new() -> Stage {
            let buf = vec![0u8; STAGE + ALIGN];
            let at = (ALIGN - buf.as_ptr() as usize % ALIGN) % ALIGN;
            Stage { buf, at }
        }
        fn bytes(&mut self) -> &mut [u8] {
            &mut self.buf[self.at..self.at + STAGE]
        }
    }

    /// A full stage on its way to the disk: (stage, bytes in it, file offset).
    type Job = (Stage, usize, u64);

    /// Whether a direct write failed because the file system does not accept it (as opposed
    /// to a full disk or an I/O error, which are real failures).
    fn refused(e: &io::Error) -> bool {
        matches!(e.raw_os_error(), Some(libc::EINVAL | libc::EOPNOTSUPP))
    }

    /// Writes one stage: directly if still allowed, else (or for what a short direct write
    /// left) through the page cache.
    fn write_stage(
        direct: &mut Option<File>,
        plain: &File,
        block: &[u8],
        offset: u64,
        flag: &AtomicBool,
    ) -> io::Result<()> {
        let mut done = 0;
        if let Some(d) = direct {
            match d.write_at(block, offset) {
                Ok(n) => done = n,
                // Refused (an alignment this file system does not accept): from now on,
                // through the page cache.
                Err(e) if refused(&e) => {
                    *direct = None;
                    flag.store(false, Ordering::Relaxed);
                }
                Err(e) => return Err(e),
            }
        }
        // The rest of a short direct write is not aligned: it goes through the page cache,
        // which also reports the real error (a full disk) if there is one.
        plain.write_all_at(&block[done..], offset + done as u64)
    }

    /// Appends through aligned stages written with `O_DIRECT` on a second thread, so that
    /// the disk works while the caller computes; patches what lies before the current stage
    /// through the page cache.
    ///
    /// After any failed write the writer is poisoned: every later call returns the first
    /// error without touching the disk or waiting for the thread, so that dropping it (or a
    /// `BufWriter` around it flushing on drop) after a failure can neither hang nor write.
    pub struct DirectWriter {
        /// The file, buffered: patches and the tail.
        file: File,
        current: Stage,
        spare: Vec<Stage>,
        /// Bytes in `current`.
        staged: usize,
        /// File offset of `current`'s first byte (a multiple of ALIGN).
        flushed: u64,
        pos: u64,
        end: u64,
        /// Stages handed to the writing thread and not yet handed back.
        in_flight: usize,
        jobs: Option<SyncSender<Job>>,
        done: Receiver<(Stage, io::Result<()>)>,
        worker: Option<std::thread::JoinHandle<()>>,
        direct: Arc<AtomicBool>,
        /// The first failure, as (kind, message); repeated by every later call.
        failed: Option<(io::ErrorKind, String)>,
        #[cfg(test)]
        fail_at: Arc<std::sync::atomic::AtomicUsize>,
    }

    impl DirectWriter {
        /// `None` if the file system refuses `O_DIRECT`, or `file` is not empty.
        pub fn open(file: &File, path: &Path) -> io::Result<Option<Self>> {
            let meta = file.metadata()?;
            if meta.len() != 0 {
                return Ok(None);
            }
            // The file is open already, so a failure here says only that this file system
            // does not do direct I/O (EINVAL on most): write through the page cache instead.
            let Ok(direct_file) = std::fs::OpenOptions::new().write(true).custom_flags(libc::O_DIRECT).open(path)
            else {
                return Ok(None);
            };
            // Opened by name: make sure the name still leads to our file.
            let other = direct_file.metadata()?;
            if (other.dev(), other.ino()) != (meta.dev(), meta.ino()) {
                return Err(io::Error::other(format!(
                    "{} was replaced by another file while custody was writing it",
                    path.display()
                )));
            }
            let direct = Arc::new(AtomicBool::new(true));
            let (jobs, jobs_rx) = sync_channel::<Job>(STAGES);
            let (done_tx, done) = sync_channel::<(Stage, io::Result<()>)>(STAGES);
            let plain = file.try_clone()?;
            let flag = direct.clone();
            #[cfg(test)]
            let fail_at = Arc::new(std::sync::atomic::AtomicUsize::new(usize::MAX));
            #[cfg(test)]
            let fail_at_worker = fail_at.clone();
            let worker = std::thread::Builder::new().name("direct-write".into()).spawn(move || {
                let mut direct_file = Some(direct_file);
                #[cfg(test)]
                let mut count = 0usize;
                for (mut stage, len, offset) in jobs_rx {
                    let block = &stage.bytes()[..len];
                    let result = write_stage(&mut direct_file, &plain, block, offset, &flag);
                    #[cfg(test)]
                    let result = {
                        count += 1;
                        if count - 1 == fail_at_worker.load(Ordering::Relaxed) {
                            Err(io::Error::other("injected failure"))
                        } else {
                            result
                        }
                    };
                    // The stage always goes back, with its result.
                    if done_tx.send((stage, result)).is_err() {
                        break;
                    }
                }
            })?;
            Ok(Some(DirectWriter {
                file: file.try_clone()?,
                current: Stage::new(),
                spare: (1..STAGES).map(|_| Stage::new()).collect(),
                staged: 0,
                flushed: 0,
                pos: 0,
                end: 0,
                in_flight: 0,
                jobs: Some(jobs),
                done,
                worker: Some(worker),
                direct,
                failed: None,
                #[cfg(test)]
                fail_at,
            }))
        }

        /// Test hook: the writing thread fails the write of stage `n` (counted from 0).
        #[cfg(test)]
        pub fn fail_stage(&self, n: usize) {
            self.fail_at.store(n, Ordering::Relaxed);
        }

        /// Whether writes still bypass the page cache.
        pub fn is_direct(&self) -> bool {
            self.direct.load(Ordering::Relaxed)
        }

        /// The first failure, if any, as an error to return.
        fn check(&self) -> io::Result<()> {
            match &self.failed {
                None => Ok(()),
                Some((kind, msg)) => Err(io::Error::new(*kind, msg.clone())),
            }
        }

        /// Records `e` as the writer's failure (the first one wins) and returns it.
        fn fail(&mut self, e: io::Error) -> io::Error {
            if self.failed.is_none() {
                self.failed = Some((e.kind(), e.to_string()));
            }
            e
        }

        /// Waits for one stage being written; it becomes spare.
        fn collect_one(&mut self) -> io::Result<()> {
            if self.in_flight == 0 {
                return Ok(());
            }
            let (stage, result) = match self.done.recv() {
                Ok(r) => r,
                Err(_) => return Err(self.fail(io::Error::other("the writing thread stopped"))),
            };
            self.in_flight -= 1;
            self.spare.push(stage);
            result.map_err(|e| self.fail(e))
        }

        /// Waits until everything handed to the writing thread is written.
        fn drain(&mut self) -> io::Result<()> {
            while self.in_flight > 0 {
                self.collect_one()?;
            }
            Ok(())
        }

        /// Hands the full current stage to the writing thread and takes a spare one.
        fn send_stage(&mut self) -> io::Result<()> {
            if self.spare.is_empty() {
                self.collect_one()?;
            }
            let Some(next) = self.spare.pop() else {
                return Err(self.fail(io::Error::other("internal: no stage free")));
            };
            let full = std::mem::replace(&mut self.current, next);
            let sent = match &self.jobs {
                Some(jobs) => jobs.send((full, self.staged, self.flushed)).is_ok(),
                None => false,
            };
            if !sent {
                return Err(self.fail(io::Error::other("the writing thread stopped")));
            }
            self.in_flight += 1;
            self.flushed += self.staged as u64;
            self.staged = 0;
            Ok(())
        }

        /// Overwrites bytes already written, wherever they are now. A direct write still in
        /// flight would overwrite a patch made through the page cache, so those finish first.
        fn patch(&mut self, buf: &[u8]) -> io::Result<usize> {
            let n = (buf.len() as u64).min(self.end - self.pos) as usize;
            let mut done = 0;
            if self.pos < self.flushed {
                self.drain()?;
                done = (n as u64).min(self.flushed - self.pos) as usize;
                if let Err(e) = self.file.write_all_at(&buf[..done], self.pos) {
                    return Err(self.fail(e));
                }
            }
            if done < n {
                let from = (self.pos + done as u64 - self.flushed) as usize;
                self.current.bytes()[from..from + n - done].copy_from_slice(&buf[done..n]);
            }
            self.pos += n as u64;
            Ok(n)
        }

        pub fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.check()?;
            if self.pos < self.end {
                return self.patch(buf);
            }
            // A full stage is sent before taking more bytes, never after: bytes taken are
            // reported as written, and an error is reported with nothing taken.
            if self.staged == STAGE {
                self.send_stage()?;
            }
            let n = buf.len().min(STAGE - self.staged);
            let from = self.staged;
            self.current.bytes()[from..from + n].copy_from_slice(&buf[..n]);
            self.staged += n;
            self.pos += n as u64;
            self.end += n as u64;
            Ok(n)
        }

        pub fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
            self.check()?;
            let new = match to {
                SeekFrom::Start(n) => Some(n),
                SeekFrom::End(d) => self.end.checked_add_signed(d),
                SeekFrom::Current(d) => self.pos.checked_add_signed(d),
            };
            match new {
                Some(n) if n <= self.end => {
                    self.pos = n;
                    Ok(n)
                }
                _ => Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "cannot seek beyond the end of an output written in order",
                )),
            }
        }

        /// Waits for the direct writes, writes the current stage through the page cache (it
        /// need not be a whole number of blocks), and returns the file.
        pub fn finish(mut self) -> io::Result<File> {
            self.check()?;
            self.drain()?;
            let (tail, offset) = (self.staged, self.flushed);
            let bytes = &self.current.bytes()[..tail];
            self.file.write_all_at(bytes, offset)?;
            self.file.try_clone()
        }
    }

    impl Drop for DirectWriter {
        fn drop(&mut self) {
            // Closing the job queue ends the thread once it has written what it holds; its
            // results are taken until it hangs up, so it never blocks handing one back.
            self.jobs = None;
            while self.done.recv().is_ok() {}
            if let Some(w) = self.worker.take() {
                let _ = w.join();
            }
        }
    }
}

/// Syncs a finished temporary file and renames it to `dest`. With `overwrite` false, an
/// existing `dest` is never replaced, even if it appeared while we were writing.
pub fn persist(tmp: tempfile::NamedTempFile, dest: &Path, overwrite: bool) -> Result<(), Error> {
    tmp.as_file().sync_all().map_err(Error::io(tmp.path()))?;
    let tmp_path = tmp.path().to_path_buf();
    let _no_interruption_now = update_guard();
    let result = if overwrite { tmp.persist(dest) } else { tmp.persist_noclobber(dest) };
    if result.is_ok() {
        forget_temp(&tmp_path);
        record_written(dest);
    }
    result.map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Exists { path: dest.into(), hint: "it appeared while custody was writing; nothing was changed" }
        } else {
            Error::Io { path: dest.into(), source: e.error }
        }
    })?;
    sync_dir(&parent_dir(dest))
}

/// Writes a small file atomically, with `mode` on Unix, refusing to replace an existing one.
pub fn write_new_file(dest: &Path, bytes: &[u8], mode: u32) -> Result<(), Error> {
    if dest.symlink_metadata().is_ok() {
        return Err(Error::Exists { path: dest.into(), hint: "custody never overwrites a key; choose another name" });
    }
    let mut tmp = temp_beside(dest)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(tmp.path(), fs::Permissions::from_mode(mode)).map_err(Error::io(tmp.path()))?;
    }
    #[cfg(not(unix))]
    let _ = mode;
    tmp.write_all(bytes).map_err(Error::io(tmp.path()))?;
    persist(tmp, dest, false)
}

/// Writes a small file atomically (temporary file, fsync, rename); with `overwrite` false an
/// existing file is never replaced.
pub fn write_atomic(dest: &Path, bytes: &[u8], overwrite: bool) -> Result<(), Error> {
    let mut tmp = temp_beside(dest)?;
    tmp.write_all(bytes).map_err(Error::io(tmp.path()))?;
    persist(tmp, dest, overwrite)
}

/// Reads a whole file of at most `limit` bytes.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, Error> {
    read_limited_as(path, limit, "a key file")
}

/// Reads a whole file of at most `limit` bytes; `kind` (e.g. "a trust list") names what the
/// file was meant to be when it is too large to be one.
pub fn read_limited_as(path: &Path, limit: u64, kind: &str) -> Result<Vec<u8>, Error> {
    let f = File::open(path).map_err(Error::io(path))?;
    let mut buf = Vec::new();
    f.take(limit + 1).read_to_end(&mut buf).map_err(Error::io(path))?;
    if buf.len() as u64 > limit {
        return Err(Error::Input(format!("{}: larger than {limit} bytes; this is not {kind}", path.display())));
    }
    Ok(buf)
}

fn read_key_text(path: &Path) -> Result<String, Error> {
    let bytes = read_limited(path, MAX_KEY_FILE)?;
    String::from_utf8(bytes).map_err(|_| Error::Input(format!("{}: not a text key file", path.display())))
}

/// Loads an unencrypted private key, refusing one that other users can read.
pub fn load_keypair(path: &Path) -> Result<KeyPair, Error> {
    load_keypair_with(path, &mut || Err(Error::Key { path: path.into(), source: crate::keys::KeyError::Encrypted }))
}

/// Loads a private key, asking `passphrase` for the passphrase only if the key is encrypted.
pub fn load_keypair_with(
    path: &Path,
    passphrase: &mut dyn FnMut() -> Result<zeroize::Zeroizing<String>, Error>,
) -> Result<KeyPair, Error> {
    let mut text = read_key_text(path)?;
    let pass = if KeyPair::needs_passphrase(&text) { Some(passphrase()?) } else { None };
    let result = KeyPair::from_file_text_with(&text, pass.as_ref().map(|p| p.as_bytes()))
        .map_err(|source| Error::Key { path: path.into(), source });
    // Do not leave the key's PEM text lying in freed memory.
    zeroize::Zeroize::zeroize(&mut text);
    let kp = result?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path).map_err(Error::io(path))?.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(Error::KeyPermissions { path: path.into(), mode });
        }
    }
    Ok(kp)
}

/// Loads a public key file.
pub fn load_public_key(path: &Path) -> Result<PublicKeyFile, Error> {
    let text = read_key_text(path)?;
    PublicKeyFile::from_file_text(&text).map_err(|source| Error::Key { path: path.into(), source })
}

/// Writes a new key pair to `path` (private, mode 0600; encrypted if a passphrase is given)
/// and `path.pub` (public, 0644). Neither file may exist already.
pub fn write_keypair(kp: &KeyPair, path: &Path, passphrase: Option<&str>) -> Result<PathBuf, Error> {
    let pub_path = PathBuf::from(format!("{}.pub", path.display()));
    for p in [path, pub_path.as_path()] {
        if p.symlink_metadata().is_ok() {
            return Err(Error::Exists { path: p.into(), hint: "custody never overwrites a key; choose another name" });
        }
    }
    let private = match passphrase {
        Some(p) => {
            kp.encrypted_private_key_file(p.as_bytes()).map_err(|source| Error::Key { path: path.into(), source })?
        }
        None => kp.private_key_file(),
    };
    let private = zeroize::Zeroizing::new(private);
    write_new_file(path, private.as_bytes(), 0o600)?;
    write_new_file(&pub_path, kp.public_key_file().as_bytes(), 0o644)?;
    Ok(pub_path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Seek, SeekFrom};

    #[test]
    fn temporary_names_are_recognised_only_for_their_destination() {
        assert!(is_temp_name_for(".case.zip.Ab12Cd.custody-tmp", "case.zip"));
        assert!(is_temp_name_for(".case.zip.custody-journal.Ab12Cd.custody-tmp", "case.zip.custody-journal"));
        assert!(!is_temp_name_for(".case.zip.custody-journal.Ab12Cd.custody-tmp", "case.zip"));
        assert!(!is_temp_name_for(".case.zip.custody-tmp", "case.zip"));
        assert!(!is_temp_name_for("case.zip.Ab12Cd.custody-tmp", "case.zip"));
        assert!(!is_temp_name_for(".other.zip.Ab12Cd.custody-tmp", "case.zip"));
    }

    #[test]
    fn own_and_fresh_temporaries_are_never_removed_as_stale() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.zip");
        let own = temp_beside(&dest).unwrap();
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(120);
        own.as_file().set_modified(old).unwrap();
        let stale = dir.path().join(".out.zip.Zz9yX8.custody-tmp");
        File::create(&stale).unwrap().set_modified(old).unwrap();
        let removed = remove_stale_temps(&dest);
        assert_eq!(removed.len(), 1, "{removed:?}");
        assert_eq!(removed[0].path, stale);
        assert!(own.path().exists() && !stale.exists());
    }

    #[test]
    fn a_new_temporary_is_locked_by_its_writer() {
        let dir = tempfile::tempdir().unwrap();
        let tmp = temp_beside(&dir.path().join("out.zip")).unwrap();
        let other = File::open(tmp.path()).unwrap();
        assert!(matches!(other.try_lock(), Err(fs::TryLockError::WouldBlock)));
    }

    #[cfg(unix)]
    #[test]
    fn files_found_beside_a_bundle_are_opened_only_if_regular() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::write(d.join("file"), b"x").unwrap();
        std::os::unix::fs::symlink(d.join("file"), d.join("link")).unwrap();
        fs::create_dir(d.join("dir")).unwrap();
        assert!(std::process::Command::new("mkfifo").arg(d.join("fifo")).status().unwrap().success());
        assert!(open_regular(&d.join("file")).unwrap().is_some());
        assert!(open_regular(&d.join("link")).unwrap().is_none());
        assert!(open_regular(&d.join("dir")).unwrap().is_none());
        // A FIFO with no writer: opening it would block forever without O_NONBLOCK.
        let (tx, rx) = std::sync::mpsc::channel();
        let fifo = d.join("fifo");
        std::thread::spawn(move || tx.send(open_regular(&fifo).map(|f| f.is_none())).unwrap());
        let r = rx.recv_timeout(std::time::Duration::from_secs(5)).expect("opening a FIFO blocked");
        assert!(r.unwrap());
    }

    #[test]
    fn the_update_guard_can_be_taken_again_by_its_thread() {
        let outer = update_guard();
        let inner = update_guard();
        drop(inner);
        // Still held by `outer`: another thread must wait.
        let (tx, rx) = std::sync::mpsc::channel();
        let t = std::thread::spawn(move || {
            let _g = update_guard();
            tx.send(()).unwrap();
        });
        assert!(rx.recv_timeout(std::time::Duration::from_millis(200)).is_err());
        drop(outer);
        rx.recv_timeout(std::time::Duration::from_secs(10)).unwrap();
        t.join().unwrap();
    }

    #[test]
    fn write_behind_writes_exactly_what_it_is_given() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out");
        let file = File::create(&path).unwrap();
        // A tiny interval: many background flushes race with the writes and the seek.
        let mut w = WriteBehind::with_interval(file, 4096).unwrap();
        let mut expected = Vec::new();
        for i in 0..2000u32 {
            let chunk = vec![(i % 251) as u8; 1000 + (i as usize % 7)];
            w.write_all(&chunk).unwrap();
            expected.extend_from_slice(&chunk);
        }
        w.seek(SeekFrom::Start(10)).unwrap();
        w.write_all(b"patched").unwrap();
        expected[10..17].copy_from_slice(b"patched");
        w.seek(SeekFrom::End(0)).unwrap();
        w.write_all(b"end").unwrap();
        expected.extend_from_slice(b"end");
        let file = w.finish().unwrap();
        file.sync_all().unwrap();
        assert_eq!(fs::read(&path).unwrap(), expected);
    }

    /// Writes `total` bytes in uneven pieces through a [`SequentialOutput`] in `dir`, going
    /// back now and then to patch bytes written long before (as the archive writer fills in
    /// a CRC-32), and checks the file holds exactly the bytes given. Returns whether the
    /// output bypassed the page cache.
    fn sequential_output_round_trip(dir: &Path, total: usize, buffered: bool) -> bool {
        let path = dir.join("out");
        let file = File::create(&path).unwrap();
        let mut out = if buffered {
            SequentialOutput::Buffered(WriteBehind::with_interval(file.try_clone().unwrap(), 1 << 20).unwrap())
        } else {
            SequentialOutput::create(file.try_clone().unwrap(), &path).unwrap()
        };
        let mut expected = Vec::with_capacity(total);
        let mut x = 1u32;
        let mut patches = 0;
        let mut pieces = 0;
        while expected.len() < total {
            pieces += 1;
            let n = (1 + (x as usize % 700_000)).min(total - expected.len());
            let chunk: Vec<u8> = (0..n).map(|i| (i as u32 ^ x) as u8).collect();
            out.write_all(&chunk).unwrap();
            expected.extend_from_slice(&chunk);
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            if pieces % 2 == 0 {
                // Patch somewhere behind: maybe in a stage already written, maybe in flight,
                // maybe in the one being filled, maybe across the boundary between them.
                let at = x as usize % expected.len();
                let len = 9.min(expected.len() - at);
                let patch: Vec<u8> = (0..len).map(|i| !(i as u8)).collect();
                let end = expected.len() as u64;
                out.seek(SeekFrom::Start(at as u64)).unwrap();
                out.write_all(&patch).unwrap();
                out.seek(SeekFrom::Start(end)).unwrap();
                expected[at..at + len].copy_from_slice(&patch);
                patches += 1;
            }
        }
        let direct = out.is_direct();
        if direct {
            // Past the end there is nothing to patch; the stage would be left with a hole.
            assert!(out.seek(SeekFrom::Start(total as u64 + 1)).is_err(), "seeking past the end must fail");
        }
        drop(out.finish().unwrap());
        file.sync_all().unwrap();
        assert!(patches >= 5 || total < 4 << 20, "{patches} patches");
        let got = fs::read(&path).unwrap();
        assert_eq!(got.len(), expected.len(), "direct: {direct}");
        assert!(got == expected, "content differs (direct: {direct})");
        direct
    }

    #[test]
    fn sequential_output_writes_exactly_what_it_is_given() {
        let dir = tempfile::tempdir().unwrap();
        for buffered in [false, true] {
            for total in [0, 1, 4095, 4096, (4 << 20) - 1, 4 << 20, (13 << 20) + 517] {
                let sub = dir.path().join(format!("{total}-{buffered}"));
                fs::create_dir(&sub).unwrap();
                let direct = sequential_output_round_trip(&sub, total, buffered);
                assert!(!(buffered && direct));
                // Where the file system accepts O_DIRECT (ext4, xfs, tmpfs since Linux 6.6)
                // it is used; elsewhere the buffered fallback must be just as exact.
                println!("{total} bytes: direct {direct}");
            }
        }
    }

    #[test]
    fn a_patch_is_not_lost_to_a_direct_write_in_flight() {
        // Each patch lands in the stage that was handed to the writing thread a moment ago:
        // written through the page cache before that direct write, it would be overwritten.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out");
        let file = File::create(&path).unwrap();
        let mut out = SequentialOutput::create(file.try_clone().unwrap(), &path).unwrap();
        let stage = vec![0x55u8; direct::STAGE];
        let mut expected = Vec::new();
        for k in 0..16 {
            out.write_all(&stage).unwrap();
            expected.extend_from_slice(&stage);
            let at = k * direct::STAGE + 100 + k;
            out.seek(SeekFrom::Start(at as u64)).unwrap();
            out.write_all(b"PATCH").unwrap();
            expected[at..at + 5].copy_from_slice(b"PATCH");
            out.seek(SeekFrom::End(0)).unwrap();
        }
        drop(out.finish().unwrap());
        file.sync_all().unwrap();
        assert!(fs::read(&path).unwrap() == expected, "a patch was lost");
    }

    /// A failed direct write (a full disk) fails the seal: the error reaches the writer,
    /// every later call repeats it, and dropping everything, including a `BufWriter` that
    /// flushes a pending patch on drop as the archive writer's does, neither hangs nor
    /// writes more.
    #[test]
    fn a_failed_direct_write_is_reported_and_nothing_hangs() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out");
        let file = File::create(&path).unwrap();
        let Some(d) = direct::DirectWriter::open(&file, &path).unwrap() else {
            return; // this file system has no direct I/O: nothing to test
        };
        d.fail_stage(1);
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut w = std::io::BufWriter::with_capacity(1 << 18, SequentialOutput::Direct(d));
            let chunk = vec![1u8; 1 << 20];
            let mut first_error = None;
            for _ in 0..((4 * direct::STAGE) >> 20) {
                if let Err(e) = w.write_all(&chunk) {
                    first_error = Some(e.to_string());
                    break;
                }
            }
            // As add_stream does: go back to patch a header, then on (this may be what
            // finds the error), and leave a patch buffered for the drop.
            let patched = w.seek(SeekFrom::Start(14)).and_then(|_| w.write_all(b"CRC!"));
            let _ = w.seek(SeekFrom::Start(20));
            let _ = w.write_all(b"more");
            let found = first_error.or(patched.err().map(|e| e.to_string()));
            let finished = w.into_inner().map_err(|e| e.into_error()).and_then(|o| o.finish().map(|_| ()));
            tx.send((found, finished.err().map(|e| e.to_string()))).unwrap();
        });
        let (found, finished) =
            rx.recv_timeout(std::time::Duration::from_secs(30)).expect("the writer hung after a failed write");
        let reported = found.or(finished).expect("the failure was not reported");
        assert!(reported.contains("injected failure"), "{reported}");
    }

    #[test]
    fn write_behind_starts_no_thread_for_small_outputs() {
        let dir = tempfile::tempdir().unwrap();
        let small = dir.path().join("small");
        let out = SequentialOutput::for_size(File::create(&small).unwrap(), &small, 1 << 20).unwrap();
        assert!(matches!(out, SequentialOutput::Buffered(WriteBehind { worker: None, .. })));
        let large = dir.path().join("large");
        let out = SequentialOutput::for_size(File::create(&large).unwrap(), &large, 1 << 40).unwrap();
        assert!(!matches!(out, SequentialOutput::Buffered(WriteBehind { worker: None, .. })));
    }
}
