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

/// Opens one reading thread's files, on Linux each by its name in a handle of its folder
/// (`openat`) kept while the files come from that folder, instead of by its whole path
/// looked up again from the root for each file (a run of small files is read folder by
/// folder: at a million files the path lookups were about a tenth of seal's time, issue #22).
/// The file opened is the one `File::open` would open (links followed, read-only, closed on
/// exec); where the folder's handle cannot be had, the file is opened by its path.
#[derive(Default)]
struct Opener {
    #[cfg(target_os = "linux")]
    folder: Option<(std::path::PathBuf, std::os::fd::OwnedFd)>,
}

impl Opener {
    fn open(&mut self, source: &std::path::Path) -> std::io::Result<File> {
        #[cfg(target_os = "linux")]
        if let (Some(parent), Some(leaf)) = (source.parent(), source.file_name())
            && !parent.as_os_str().is_empty()
        {
            use rustix::fs::{CWD, Mode, OFlags, openat};
            if self.folder.as_ref().is_none_or(|(p, _)| p != parent) {
                // `O_PATH`: a handle to look names up in, which needs no permission to read
                // the folder's listing (opening by the whole path needs none either).
                self.folder = openat(CWD, parent, OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC, Mode::empty())
                    .ok()
                    .map(|fd| (parent.to_path_buf(), fd));
            }
            if let Some((_, dir)) = &self.folder {
                return Ok(File::from(openat(dir, leaf, OFlags::RDONLY | OFlags::CLOEXEC, Mode::empty())?));
            }
        }
        File::open(source)
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
                    let mut input = File::open(&source).map_err(Error::io(&source))?;
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

    fn read(opener: &mut Opener, p: &std::path::Path) -> std::io::Result<String> {
        let mut s = String::new();
        opener.open(p)?.read_to_string(&mut s)?;
        Ok(s)
    }

    #[test]
    fn the_opener_reads_each_file_of_its_own_folder_and_reports_a_missing_one() {
        let dir = tempfile::tempdir().unwrap();
        for (folder, name, text) in [("a", "x", "a/x"), ("a", "y", "a/y"), ("b", "x", "b/x")] {
            std::fs::create_dir_all(dir.path().join(folder)).unwrap();
            std::fs::write(dir.path().join(folder).join(name), text).unwrap();
        }
        let mut opener = Opener::default();
        // Same folder twice, then another folder, then back: never a file of the wrong folder.
        for (folder, name) in [("a", "x"), ("a", "y"), ("b", "x"), ("a", "x")] {
            let p = dir.path().join(folder).join(name);
            assert_eq!(read(&mut opener, &p).unwrap(), format!("{folder}/{name}"));
        }
        let missing = opener.open(&dir.path().join("b").join("gone")).unwrap_err();
        assert_eq!(missing.kind(), std::io::ErrorKind::NotFound);
        let no_folder = opener.open(&dir.path().join("c").join("x")).unwrap_err();
        assert_eq!(no_folder.kind(), std::io::ErrorKind::NotFound);
        // A folder is not read as a file (the same refusal as `File::open`'s read).
        assert!(read(&mut opener, &dir.path().join("a")).is_err());
        // A name without a folder is opened from the working directory, like `File::open`.
        assert_eq!(
            opener.open(std::path::Path::new("no-such-file-here")).unwrap_err().kind(),
            std::io::ErrorKind::NotFound
        );
    }
}
