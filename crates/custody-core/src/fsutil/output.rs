//! Large outputs written front to back (a bundle being sealed, a file being extracted): flushed
//! to disk in the background as they grow, or written around the page cache on Linux.

use std::fs::File;
use std::io::Write;
use std::path::Path;

#[cfg(target_os = "linux")]
use super::direct;

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
    // Only tests ask today; kept so that a caller can report how a bundle was written.
    #[cfg_attr(not(test), allow(dead_code))]
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::io::{Seek, SeekFrom};

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
