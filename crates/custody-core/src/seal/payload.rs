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
use crate::progress::Progress;

/// Files up to this size are read whole and hashed on worker threads.
const SMALL_FILE: u64 = 1 << 20;
/// At most this many bytes of small files are in one batch; two batches are in memory at
/// once (one being written, the next being read).
const BATCH_BYTES: u64 = 16 << 20;

/// What writing the payload found: each file's SHA-256, in plan order, in runs of at most
/// 4,096 (one a run of small files or a large file), and where the entry of the plan's first
/// file is in the archive's entries (the others follow it in plan order). The manifest's
/// records are made from the plan and these, one at a time, straight into its compact
/// table, and each run is freed once its records are made (issue #22: the digests, 32 bytes
/// a file, are not all held beside the finished table).
pub(super) struct Payload {
    pub(super) digests: Vec<Vec<Sha256Digest>>,
    pub(super) first_entry: usize,
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
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some(f) = files.get(k) else { break };
                    let r = (|| {
                        let source = plan.source(f);
                        let file = File::open(&source).map_err(Error::io(&source))?;
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
    let first_entry = w.archive().entries().len();
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
    let mut records: Vec<Vec<Sha256Digest>> = Vec::with_capacity(segments.len());
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
            let digests: Vec<Sha256Digest> = match current {
                Some(batch) => {
                    let mut out = Vec::with_capacity(batch.len());
                    for (f, (data, sha, crc)) in plan[seg.clone()].iter().zip(batch) {
                        let modified = f.modified().map(|m| m.as_datetime()).unwrap_or(t);
                        w.add_prehashed(whole.path_into(f, &mut path), modified, &data, crc)?;
                        count(data.len() as u64);
                        out.push(sha);
                    }
                    out
                }
                None => {
                    let f = &plan[seg.start];
                    let modified = f.modified().map(|m| m.as_datetime()).unwrap_or(t);
                    let source = whole.source(f);
                    let mut input = File::open(&source).map_err(Error::io(&source))?;
                    let sha = w
                        .archive()
                        .add_stream(whole.path_into(f, &mut path), modified, f.size, &mut input, &mut |n| count(n))
                        .map_err(|e| Error::Io { path: source, source: e })?;
                    vec![Sha256Digest(sha)]
                }
            };
            records.push(digests);
        }
        Ok(())
    })?;
    Ok(Payload { digests: records, first_entry })
}
