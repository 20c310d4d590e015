//! The `O_DIRECT` side of [`SequentialOutput`](super::output::SequentialOutput): a file written
//! from aligned staging buffers that bypass the page cache, with patches behind the write
//! position kept in order with the writes in flight.

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
        let Ok(direct_file) = std::fs::OpenOptions::new().write(true).custom_flags(libc::O_DIRECT).open(path) else {
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
    // Only tests ask today; kept so that a caller can report how a bundle was written.
    #[cfg_attr(not(test), allow(dead_code))]
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
