//! Payload checks (spec §9.1 step 5): the listing in `manifest-sha256.txt` against the
//! payload entries, and every payload file hashed (on several threads, with progress and an
//! optional sink that receives the bytes as they are hashed).

use std::collections::{BTreeMap, HashSet};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::Verifier;
use super::wording;
use crate::archive::{Archive, ArchiveError, Entry, EntryDigest, Source};
use crate::bagit::ManifestListing;
use crate::check::CheckCode;
use crate::digest::Sha256Digest;
use crate::layout::{PAYLOAD_MANIFEST_PATH, is_payload};

/// The hashing step handed to a [`PayloadSink`]: call it once with the writer that is to
/// receive the entry's bytes; it returns what hashing found.
pub(crate) type HashInto<'a> = dyn FnMut(&mut dyn std::io::Write) -> Result<EntryDigest, ArchiveError> + 'a;

/// Receives payload files' bytes while verification hashes them, so that what is written
/// out is exactly what was verified, from the same open file and in the same pass.
/// Called from the hashing threads, one entry at a time per thread.
pub(crate) trait PayloadSink: Sync + Send {
    /// Hashes `entry` by calling `hash` exactly once, with the writer its bytes should go to.
    fn take(&self, entry: &Entry, hash: &mut HashInto<'_>) -> Result<EntryDigest, ArchiveError>;
}

/// A shared [`PayloadSink`] in [`VerifyOptions`](super::VerifyOptions).
#[derive(Clone)]
pub(crate) struct PayloadSinkRef(pub(crate) std::sync::Arc<dyn PayloadSink>);

impl std::fmt::Debug for PayloadSinkRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PayloadSink")
    }
}

pub use crate::progress::Progress;

/// A writer that passes bytes on to `W` and counts them into a [`Progress`].
pub(crate) struct Counting<'a, W> {
    inner: W,
    progress: Option<&'a Progress>,
}

impl<'a, W: std::io::Write> Counting<'a, W> {
    /// Counts what is written through to `inner` into `progress` (if any).
    pub(crate) fn new(inner: W, progress: Option<&'a Progress>) -> Self {
        Counting { inner, progress }
    }
}

impl<W: std::io::Write> std::io::Write for Counting<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        if let Some(p) = self.progress {
            p.done.fetch_add(n as u64, Ordering::Relaxed);
        }
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// The listed payload files found damaged (missing, not matching, unreadable), each with the
/// first check code that found it: complete, whatever the report's cap lists (spec §9.3).
pub type Damaged = BTreeMap<String, CheckCode>;

/// manifest-sha256.txt as read: the digest of each listed path, the listed paths already
/// known to be damaged (missing), and where its checks begin in the report.
pub(super) struct Listing {
    pub(super) listed: ManifestListing,
    damaged: Damaged,
    mark: super::recorder::Mark,
}

impl Verifier {
    /// Reads manifest-sha256.txt and reports the files it lists that are not in the bundle
    /// (`None` if it cannot be read, which is reported).
    pub(super) fn check_payload_listing(
        &mut self,
        entries: &[&Entry],
        tags: &BTreeMap<String, Vec<u8>>,
    ) -> Option<Listing> {
        let listed = self.parse_manifest_file(tags, PAYLOAD_MANIFEST_PATH)?;
        let mark = self.checks.mark();
        for path in listed.iter().map(|(p, _)| p).filter(|p| !is_payload(p)) {
            self.fail(
                CheckCode::BagitManifestMalformed,
                wording::checks::payload_manifest_lists_outside_data(path),
                Some(PAYLOAD_MANIFEST_PATH),
            );
        }
        let present: HashSet<&str> = entries.iter().map(|e| e.name.as_str()).collect();
        let mut damaged = Damaged::new();
        // In path order, the listing's.
        for (p, _) in listed.iter().filter(|(p, _)| is_payload(p) && !present.contains(p)) {
            damaged.insert(p.to_owned(), CheckCode::PayloadMissing);
            self.fail(CheckCode::PayloadMissing, wording::checks::payload_missing(p), Some(p));
        }
        Some(Listing { listed, damaged, mark })
    }

    /// Compares the payload files' digests (`hashed`, in the order of `entries`; `None` when
    /// the payload is not re-hashed) with manifest-sha256.txt. Returns the listed paths that
    /// are missing or do not match.
    pub(super) fn check_payload_digests(
        &mut self,
        entries: &[&Entry],
        listing: Listing,
        hashed: Option<Vec<Result<EntryDigest, ArchiveError>>>,
    ) -> Damaged {
        let Listing { listed, mut damaged, mark } = listing;
        let skip = hashed.is_none();
        let results: Vec<Option<Result<EntryDigest, ArchiveError>>> = match hashed {
            Some(results) => results.into_iter().map(Some).collect(),
            None => {
                self.warn(CheckCode::PayloadNotChecked, wording::checks::payload_not_checked(), None);
                entries.iter().map(|_| None).collect()
            }
        };
        let mut bytes = 0;
        for (e, result) in entries.iter().zip(results) {
            let Some(expected) = listed.get(&e.name) else {
                self.fail(
                    CheckCode::ArchiveUnlistedFile,
                    wording::checks::payload_file_unlisted(&e.name),
                    Some(&e.name),
                );
                continue;
            };
            bytes += e.size;
            let Some(result) = result else { continue };
            match result {
                Ok(d) => {
                    if Sha256Digest(d.sha256) != *expected {
                        damaged.entry(e.name.clone()).or_insert(CheckCode::PayloadHashMismatch);
                    } else if !d.crc_ok {
                        damaged.entry(e.name.clone()).or_insert(CheckCode::ArchiveCrcMismatch);
                    }
                    if Sha256Digest(d.sha256) != *expected {
                        self.fail(
                            CheckCode::PayloadHashMismatch,
                            wording::checks::payload_hash_mismatch(&e.name),
                            Some(&e.name),
                        );
                    }
                    if !d.crc_ok {
                        self.fail(
                            CheckCode::ArchiveCrcMismatch,
                            wording::checks::archive_crc_mismatch(&e.name),
                            Some(&e.name),
                        );
                    }
                }
                Err(err) => {
                    damaged.entry(e.name.clone()).or_insert(err.code());
                    self.fail(err.code(), wording::checks::about(&e.name, &err), Some(&e.name))
                }
            }
        }
        if !self.failed_since(mark) && !skip {
            self.pass(CheckCode::PayloadVerified, wording::checks::payload_verified(entries.len(), bytes), None);
        }
        damaged
    }
}

/// Hashes entries on `jobs` threads (at least one), largest first; results in the order of
/// `entries`.
pub(super) fn hash_entries<S: Source + ?Sized>(
    archive: &Archive<S>,
    entries: &[&Entry],
    jobs: usize,
    progress: Option<&Progress>,
    sink: Option<&PayloadSinkRef>,
) -> Vec<Result<EntryDigest, ArchiveError>> {
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(entries[i].size));
    let results: Vec<Mutex<Option<Result<EntryDigest, ArchiveError>>>> =
        entries.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let work = || {
        loop {
            let k = next.fetch_add(1, Ordering::Relaxed);
            let Some(&i) = order.get(k) else { break };
            let r = match sink {
                None => archive.hash_entry(entries[i], &mut Counting::new(std::io::sink(), progress)),
                Some(s) => {
                    s.0.take(entries[i], &mut |w| archive.hash_entry(entries[i], &mut Counting::new(w, progress)))
                }
            };
            if let Ok(mut slot) = results[i].lock() {
                *slot = Some(r);
            }
        }
    };
    let threads = jobs.min(entries.len()).max(1);
    if threads == 1 {
        work();
    } else {
        std::thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(work);
            }
        });
    }
    results
        .into_iter()
        .map(|m| {
            m.into_inner()
                .ok()
                .flatten()
                .unwrap_or_else(|| Err(ArchiveError::Malformed("internal: entry was not hashed".into())))
        })
        .collect()
}
