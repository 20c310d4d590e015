//! Sealing step 2, the payload: every planned file read once, hashed and written into the
//! bundle in the same pass. Nothing is held in memory whole.
//!
//! Large files stream through a read-and-hash pipeline; runs of small files are read and
//! hashed on `jobs` threads, then written in order. With more than one job, the next run of
//! small files is read while the current one is written, so reading, hashing and writing
//! overlap.

use std::fs::File;
use std::ops::Range;

use super::plan::{Plan, PlannedFile};
use super::tags::BundleWriter;
use crate::Error;
use crate::digest::Sha256Digest;
use crate::manifest::files::Building;
use crate::progress::Progress;

/// Files up to this size are read whole and hashed on worker threads.
const SMALL_FILE: u64 = 1 << 20;
/// At most this many bytes of small files are in one batch; two batches are in memory at
/// once (one being written, the next being read).
const BATCH_BYTES: u64 = 16 << 20;

/// What writing the payload made: each item's table of file records, in plan order, each
/// record made from the plan and the file's digest as the file is written, its path
/// referring to the name of the file's entry (issue #22: no digest is held apart from the
/// table, and the tables are allocated before the payload, not beside digests freed into
/// the heap once it is written). The places are those of
/// [`crate::archive::Entries::frozen_names`] once the writer's entries are frozen.
pub(super) struct Payload {
    pub(super) tables: Vec<Building>,
}

/// The end of the run of small files starting at `start` (`start` itself if it is large).
fn small_batch_end(plan: &[PlannedFile], start: usize) -> usize {
    let mut bytes = 0;
    let mut end = start;
    while end < plan.len()
        && plan[end].size <= SMALL_FILE
        && bytes + plan[end].size <= BATCH_BYTES
        && end - start < 4096
    {
        bytes += plan[end].size;
        end += 1;
    }
    end
}

/// A small file read whole: its bytes, SHA-256 and CRC-32.
type ReadFile = (Vec<u8>, Sha256Digest, u32);

/// Opens one reading thread's files for reading, each only while it is still a regular file:
/// its own name is not followed if it is a symbolic link and a pipe is not waited on
/// (`O_NOFOLLOW | O_NONBLOCK`), and what is opened is checked to be a regular file. The plan
/// refused every link and non-file below an input, so a file swapped after it for a link, a
/// pipe or a device is refused ([`crate::wording::archive::NO_LONGER_A_FILE`], the path named
/// by the caller's [`Error::Io`]), never read through or blocked on. The folders on the way
/// are followed as `File::open` follows them (an input may be given through a link), and
/// every other failure is `File::open`'s own error.
///
/// On Linux a file is opened by its name in a handle of its folder (`openat`), kept while the
/// files come from that folder, instead of by its whole path looked up again from the root
/// (issue #22; run 11 of docs/performance.md measured no gain from this alone beyond the
/// machine's noise). Elsewhere, or where the folder's handle cannot be had, it is opened by
/// its whole path.
#[derive(Default)]
struct Opener {
    #[cfg(target_os = "linux")]
    folder: Option<(std::path::PathBuf, std::os::fd::OwnedFd)>,
}

impl Opener {
    fn open(&mut self, source: &std::path::Path) -> std::io::Result<File> {
        let no_longer =
            || std::io::Error::new(std::io::ErrorKind::InvalidData, crate::wording::archive::NO_LONGER_A_FILE);
        let file = self.open_unfollowed(source).map_err(|e| {
            // What `O_NOFOLLOW` answers for a link.
            #[cfg(unix)]
            if e.raw_os_error() == Some(libc::ELOOP) {
                return no_longer();
            }
            e
        })?;
        if !file.metadata()?.is_file() {
            return Err(no_longer());
        }
        Ok(file)
    }

    /// The file at `source`, its own name not followed, not waited on if it is a pipe.
    fn open_unfollowed(&mut self, source: &std::path::Path) -> std::io::Result<File> {
        #[cfg(target_os = "linux")]
        if let (Some(parent), Some(leaf)) = (source.parent(), source.file_name())
            && !parent.as_os_str().is_empty()
        {
            use rustix::fs::{CWD, OFlags};
            if self.folder.as_ref().is_none_or(|(p, _)| p != parent) {
                // `O_PATH`: a handle to look names up in, which needs no permission to read
                // the folder's listing (opening by the whole path needs none either).
                self.folder = openat_retried(CWD, parent, OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC)
                    .ok()
                    .map(|fd| (parent.to_path_buf(), fd));
            }
            if let Some((_, dir)) = &self.folder {
                use std::os::fd::AsFd as _;
                let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
                return Ok(File::from(openat_retried(dir.as_fd(), leaf, flags)?));
            }
        }
        let mut options = std::fs::OpenOptions::new();
        options.read(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW | libc::O_NONBLOCK);
        options.open(source)
    }
}

/// `openat`, tried once more if a signal interrupted it (as `File::open` retries).
#[cfg(target_os = "linux")]
fn openat_retried<P: rustix::path::Arg + Copy>(
    dir: std::os::fd::BorrowedFd<'_>,
    name: P,
    flags: rustix::fs::OFlags,
) -> std::io::Result<std::os::fd::OwnedFd> {
    use rustix::fs::{Mode, openat};
    match openat(dir, name, flags, Mode::empty()) {
        Err(rustix::io::Errno::INTR) => Ok(openat(dir, name, flags, Mode::empty())?),
        r => Ok(r?),
    }
}

/// Reads and hashes the small files `files` of `plan` on `jobs` threads: (bytes, SHA-256,
/// CRC-32) in plan order.
fn read_small_files(plan: &Plan, files: &[PlannedFile], jobs: usize) -> Result<Vec<ReadFile>, Error> {
    use std::io::Read as _;
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<Result<ReadFile, Error>>>> = files.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..jobs.min(files.len()) {
            s.spawn(|| {
                let mut opener = Opener::default();
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some(f) = files.get(k) else { break };
                    let r = (|| {
                        let source = plan.source(f);
                        let file = opener.open(&source).map_err(Error::io(&source))?;
                        let mut data = Vec::with_capacity(f.size as usize);
                        file.take(f.size + 1).read_to_end(&mut data).map_err(Error::io(&source))?;
                        if data.len() as u64 != f.size {
                            return Err(Error::Io {
                                path: source,
                                source: std::io::Error::new(
                                    std::io::ErrorKind::InvalidData,
                                    crate::wording::archive::changed_size(&plan.bundle_path(f), f.size),
                                ),
                            });
                        }
                        let sha = Sha256Digest::of(&data);
                        let crc = crc32fast::hash(&data);
                        Ok((data, sha, crc))
                    })();
                    if let Ok(mut slot) = slots[k].lock() {
                        *slot = Some(r);
                    }
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|m| m.into_inner().ok().flatten().unwrap_or_else(|| Err(Error::Internal("a file was not read".into()))))
        .collect()
}

/// Reads, hashes and writes every file of `plan` into `w`, counting bytes into `progress`.
pub(super) fn write_payload(
    w: &mut BundleWriter,
    whole: &Plan,
    jobs: usize,
    progress: Option<&Progress>,
) -> Result<Payload, Error> {
    let t = w.time();
    let count = |n: u64| {
        if let Some(p) = progress {
            p.add(n);
        }
    };
    let plan = &whole.files[..];
    let mut tables: Vec<Building> = whole.items.iter().map(|(_, r)| Building::with_capacity(r.len())).collect();
    // The record of `f` (written as the last entry at `path`) into its item's table.
    let mut record = |w: &mut BundleWriter, f: &PlannedFile, path: &str, sha: Sha256Digest| -> Result<(), Error> {
        let entries = w.archive().entries();
        let place = entries.len().checked_sub(1).and_then(|last| entries.place_of(last, path));
        let table = tables
            .get_mut(f.item as usize)
            .ok_or_else(|| Error::Internal(format!("a planned file's item {} is not in the plan", f.item)))?;
        table.push(&whole.record(f, path, sha), place).map_err(|e| super::bad_input("inputs", e.to_string(), None))
    };
    // Each file's bundle path, made in one buffer reused from file to file.
    let mut path = String::new();
    // Segments: a run of small files, or one large file.
    let mut segments: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < plan.len() {
        let end = small_batch_end(plan, i).max(i + 1);
        segments.push(i..end);
        i = end;
    }
    let is_small = |r: &Range<usize>| plan[r.start].size <= SMALL_FILE;
    std::thread::scope(|scope| -> Result<(), Error> {
        // With more than one job, the next run of small files is read and hashed while the
        // current one is written: reading, hashing and writing overlap.
        let mut prefetch: Option<std::thread::ScopedJoinHandle<'_, Result<Vec<ReadFile>, Error>>> = None;
        for (k, seg) in segments.iter().enumerate() {
            let current = if is_small(seg) {
                Some(match prefetch.take() {
                    Some(h) => h.join().map_err(|_| Error::Internal("a reading thread failed".into()))??,
                    None => read_small_files(whole, &plan[seg.clone()], jobs)?,
                })
            } else {
                None
            };
            if jobs > 1
                && let Some(next) = segments.get(k + 1).filter(|n| is_small(n))
            {
                let next = next.clone();
                prefetch = Some(scope.spawn(move || read_small_files(whole, &plan[next], jobs)));
            }
            match current {
                Some(batch) => {
                    for (f, (data, sha, crc)) in plan[seg.clone()].iter().zip(batch) {
                        let modified = f.modified().map(|m| m.as_datetime()).unwrap_or(t);
                        let p = whole.path_into(f, &mut path);
                        w.add_prehashed(p, modified, &data, crc)?;
                        count(data.len() as u64);
                        record(w, f, p, sha)?;
                    }
                }
                None => {
                    let f = &plan[seg.start];
                    let modified = f.modified().map(|m| m.as_datetime()).unwrap_or(t);
                    let source = whole.source(f);
                    let mut input = Opener::default().open(&source).map_err(Error::io(&source))?;
                    let p = whole.path_into(f, &mut path);
                    let sha = w
                        .archive()
                        .add_stream(p, modified, f.size, &mut input, &mut |n| count(n))
                        .map_err(|e| Error::Io { path: source, source: e })?;
                    record(w, f, p, Sha256Digest(sha))?;
                }
            }
        }
        Ok(())
    })?;
    Ok(Payload { tables })
}

#[cfg(test)]
mod tests {
    use super::Opener;
    use std::io::Read as _;
    use std::path::Path;

    fn read(opener: &mut Opener, p: &Path) -> std::io::Result<String> {
        let mut s = String::new();
        opener.open(p)?.read_to_string(&mut s)?;
        Ok(s)
    }

    /// Three files in two folders, `a/x`, `a/y` and `b/x`, each holding its own path.
    fn folders() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (folder, name) in [("a", "x"), ("a", "y"), ("b", "x")] {
            std::fs::create_dir_all(dir.path().join(folder)).unwrap();
            std::fs::write(dir.path().join(folder).join(name), format!("{folder}/{name}")).unwrap();
        }
        dir
    }

    #[test]
    fn the_opener_reads_each_file_of_its_own_folder() {
        let dir = folders();
        let mut opener = Opener::default();
        // Same folder twice, then another folder, then back: never a file of the wrong folder.
        for (folder, name) in [("a", "x"), ("a", "y"), ("b", "x"), ("a", "x")] {
            let p = dir.path().join(folder).join(name);
            assert_eq!(read(&mut opener, &p).unwrap(), format!("{folder}/{name}"));
        }
    }

    /// A missing file, a missing folder, a "folder" that is a file and a name without a folder
    /// fail with `File::open`'s own error, message included, whatever folder was open before.
    #[test]
    fn the_opener_fails_as_file_open_does() {
        let dir = folders();
        let cases = [
            dir.path().join("b").join("gone"),
            dir.path().join("c").join("x"),
            dir.path().join("a").join("x").join("under-a-file"),
            Path::new("no-such-file-here").to_path_buf(),
        ];
        for before in ["a", "b"] {
            let mut opener = Opener::default();
            read(&mut opener, &dir.path().join(before).join("x")).unwrap();
            for p in &cases {
                let ours = opener.open(p).unwrap_err();
                let std = std::fs::File::open(p).unwrap_err();
                assert_eq!((ours.kind(), ours.to_string()), (std.kind(), std.to_string()), "{}", p.display());
            }
        }
        // A folder is refused as no longer a file (it was planned as one).
        let e = Opener::default().open(&dir.path().join("a")).unwrap_err();
        assert_eq!(e.to_string(), crate::wording::archive::NO_LONGER_A_FILE);
    }

    /// A file swapped after the plan for a symbolic link (to a file that can be read) or for a
    /// FIFO (with no writer: a blocking open would never return) is refused, not read through
    /// or waited on, in a folder already open and in one opened for it.
    #[cfg(target_os = "linux")]
    #[test]
    fn the_opener_refuses_a_file_swapped_for_a_link_or_a_fifo() {
        use rustix::fs::{CWD, FileType, Mode, mknodat};
        let dir = folders();
        let outside = dir.path().join("outside");
        std::fs::write(&outside, "outside").unwrap();
        for folder_open in [true, false] {
            let mut opener = Opener::default();
            if folder_open {
                read(&mut opener, &dir.path().join("a").join("x")).unwrap();
            }
            let link = dir.path().join("a").join("y");
            std::fs::remove_file(&link).unwrap();
            std::os::unix::fs::symlink(&outside, &link).unwrap();
            let e = opener.open(&link).unwrap_err();
            assert_eq!(e.to_string(), crate::wording::archive::NO_LONGER_A_FILE);
            std::fs::remove_file(&link).unwrap();
            mknodat(CWD, &link, FileType::Fifo, Mode::RUSR | Mode::WUSR, 0).unwrap();
            let e = opener.open(&link).unwrap_err();
            assert_eq!(e.to_string(), crate::wording::archive::NO_LONGER_A_FILE);
            std::fs::remove_file(&link).unwrap();
            std::fs::write(&link, "a/y").unwrap();
            // The folder's own path may pass through a link: it is followed.
            let through = dir.path().join("via");
            std::os::unix::fs::symlink(dir.path().join("a"), &through).unwrap();
            assert_eq!(read(&mut opener, &through.join("y")).unwrap(), "a/y");
            std::fs::remove_file(&through).unwrap();
        }
    }

    /// A file that vanishes between the plan and the payload fails the seal with
    /// `Error::Io` naming its full source path: a small file (read on the worker threads) and
    /// a large one (streamed).
    #[test]
    fn a_file_gone_after_the_plan_fails_the_payload_with_its_path() {
        use super::super::{ItemInput, plan, tags};
        for (size, jobs) in [(10, 1), (10, 2), (super::SMALL_FILE as usize + 1, 2)] {
            let dir = tempfile::tempdir().unwrap();
            let input = dir.path().join("capture");
            std::fs::create_dir_all(input.join("d")).unwrap();
            for name in ["f1", "f2", "f3"] {
                std::fs::write(input.join("d").join(name), vec![b'x'; size]).unwrap();
            }
            let plan = plan::plan_inputs("C-1", &[ItemInput::bare(&input)]).unwrap();
            let gone = input.join("d").join("f2");
            std::fs::remove_file(&gone).unwrap();
            let output = dir.path().join("out.zip");
            let mut w = tags::BundleWriter::create(&output, crate::time::Timestamp::now(), &"0".repeat(32)).unwrap();
            match super::write_payload(&mut w, &plan, jobs, None) {
                Err(crate::Error::Io { path, source }) => {
                    assert_eq!(path, gone);
                    assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
                }
                Err(e) => panic!("size {size}: another error: {e}"),
                Ok(_) => panic!("size {size}: a payload without its file"),
            }
        }
    }
}
