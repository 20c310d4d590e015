//! Payload checks (spec §9.1 step 5): the listing in `manifest-sha256.txt` against the
//! payload entries, and every payload file hashed (on several threads, with progress and an
//! optional sink that receives the bytes as they are hashed).

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::Verifier;
use super::wording;
use crate::archive::{Archive, ArchiveError, Entries, Entry, EntryDigest, Names, Source};
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
    fn take(&self, entry: &Entry<'_>, hash: &mut HashInto<'_>) -> Result<EntryDigest, ArchiveError>;
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

/// Some of an archive's entries (the payload's), by their index in its list: 4 bytes an
/// entry, not a copy of each (issue #22).
pub(super) struct Picked<'a> {
    all: &'a Entries,
    at: Vec<u32>,
}

impl<'a> Picked<'a> {
    /// The entries of `all` for which `keep` holds, in order.
    pub(super) fn new(all: &'a Entries, keep: impl Fn(&Entry<'_>) -> bool) -> Self {
        // u32 indices: a bundle holds at most 1,100,000 entries (spec §9.4).
        let at = all.iter().enumerate().filter(|(_, e)| keep(e)).filter_map(|(i, _)| u32::try_from(i).ok()).collect();
        Picked { all, at }
    }

    /// How many.
    pub(super) fn len(&self) -> usize {
        self.at.len()
    }

    /// The `i`th.
    pub(super) fn get(&self, i: usize) -> Option<Entry<'a>> {
        self.at.get(i).and_then(|&k| self.all.get(k as usize))
    }

    /// All, in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = Entry<'a>> + '_ {
        self.at.iter().filter_map(|&k| self.all.get(k as usize))
    }
}

/// Entries sorted by name, to find one by binary search (4 bytes an entry, where a
/// `HashMap` of names costs about 40).
pub(super) struct ByName<'a> {
    picked: &'a Picked<'a>,
    sorted: Vec<u32>,
}

impl<'a> ByName<'a> {
    pub(super) fn new(picked: &'a Picked<'a>) -> Self {
        let name_of = |i: u32| picked.get(i as usize).map_or("", |e| e.name);
        let mut sorted: Vec<u32> = (0..picked.len()).filter_map(|i| u32::try_from(i).ok()).collect();
        sorted.sort_unstable_by(|&a, &b| name_of(a).cmp(name_of(b)));
        ByName { picked, sorted }
    }

    /// The entry named `name`.
    pub(super) fn get(&self, name: &str) -> Option<Entry<'a>> {
        let name_of = |i: u32| self.picked.get(i as usize).map_or("", |e| e.name);
        let i = self.sorted.binary_search_by(|&e| name_of(e).cmp(name)).ok()?;
        self.sorted.get(i).and_then(|&k| self.picked.get(k as usize))
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
    /// Reads manifest-sha256.txt and reports the files it lists that are not among the
    /// payload entries (`by_name`, sorted by name) (`None` if it cannot be read, which is
    /// reported).
    pub(super) fn check_payload_listing(
        &mut self,
        names: Names<'_>,
        by_name: &ByName<'_>,
        tags: &BTreeMap<String, Vec<u8>>,
    ) -> Option<Listing> {
        let listing = self.parse_manifest_file(tags, PAYLOAD_MANIFEST_PATH)?;
        let listed = listing.over(names);
        let mark = self.checks.mark();
        for path in listed.iter().map(|(p, _)| p).filter(|p| !is_payload(p)) {
            self.fail(
                CheckCode::BagitManifestMalformed,
                wording::checks::payload_manifest_lists_outside_data(path),
                Some(PAYLOAD_MANIFEST_PATH),
            );
        }
        let mut damaged = Damaged::new();
        // In path order, the listing's.
        for (p, _) in listed.iter().filter(|(p, _)| is_payload(p) && by_name.get(p).is_none()) {
            damaged.insert(p.to_owned(), CheckCode::PayloadMissing);
            self.fail(CheckCode::PayloadMissing, wording::checks::payload_missing(p), Some(p));
        }
        Some(Listing { listed: listing, damaged, mark })
    }

    /// Compares the payload files' digests (`hashed`, in the order of `entries`; `None` when
    /// the payload is not re-hashed) with manifest-sha256.txt. Returns the listed paths that
    /// are missing or do not match.
    pub(super) fn check_payload_digests(
        &mut self,
        names: Names<'_>,
        entries: &Picked<'_>,
        listing: Listing,
        hashed: Option<Hashed>,
    ) -> Damaged {
        let Listing { listed, mut damaged, mark } = listing;
        let listed = listed.over(names);
        let skip = hashed.is_none();
        let mut hashed = hashed;
        if skip {
            self.warn(CheckCode::PayloadNotChecked, wording::checks::payload_not_checked(), None);
        }
        let mut bytes = 0;
        for (i, e) in entries.iter().enumerate() {
            let result = hashed.as_mut().map(|h| h.take(i));
            let Some(expected) = listed.get(e.name) else {
                self.fail(CheckCode::ArchiveUnlistedFile, wording::checks::payload_file_unlisted(e.name), Some(e.name));
                continue;
            };
            bytes += e.size;
            let Some(result) = result else { continue };
            match result {
                Ok(d) => {
                    if Sha256Digest(d.sha256) != *expected {
                        damaged.entry(e.name.to_owned()).or_insert(CheckCode::PayloadHashMismatch);
                    } else if !d.crc_ok {
                        damaged.entry(e.name.to_owned()).or_insert(CheckCode::ArchiveCrcMismatch);
                    }
                    if Sha256Digest(d.sha256) != *expected {
                        self.fail(
                            CheckCode::PayloadHashMismatch,
                            wording::checks::payload_hash_mismatch(e.name),
                            Some(e.name),
                        );
                    }
                    if !d.crc_ok {
                        self.fail(
                            CheckCode::ArchiveCrcMismatch,
                            wording::checks::archive_crc_mismatch(e.name),
                            Some(e.name),
                        );
                    }
                }
                Err(err) => {
                    damaged.entry(e.name.to_owned()).or_insert(err.code());
                    self.fail(err.code(), wording::checks::about(e.name, &err), Some(e.name))
                }
            }
        }
        if !self.failed_since(mark) && !skip {
            self.pass(CheckCode::PayloadVerified, wording::checks::payload_verified(entries.len(), bytes), None);
        }
        damaged
    }
}

/// What hashing the payload entries found, by their index in the list hashed: a digest for
/// each entry read (33 bytes an entry; a million entries cost 33 MB, not a `Result` and a
/// lock each), the few that could not be read apart.
pub(super) struct Hashed {
    digests: Vec<Option<EntryDigest>>,
    errors: BTreeMap<usize, ArchiveError>,
}

impl Hashed {
    /// Every one of `n` entries failed for the same reason (a hashing thread stopped).
    fn all_failed(n: usize, why: &str) -> Hashed {
        Hashed { digests: vec![None; n], errors: (0..n).map(|i| (i, ArchiveError::Malformed(why.into()))).collect() }
    }

    /// What hashing entry `i` found (taken: each is read once).
    fn take(&mut self, i: usize) -> Result<EntryDigest, ArchiveError> {
        match self.digests.get(i).copied().flatten() {
            Some(d) => Ok(d),
            None => Err(self
                .errors
                .remove(&i)
                .unwrap_or_else(|| ArchiveError::Malformed("internal: entry was not hashed".into()))),
        }
    }
}

/// The hashing of `n` entries on a background thread, once it has ended.
pub(super) fn joined(h: std::thread::ScopedJoinHandle<'_, Hashed>, n: usize) -> Hashed {
    h.join().unwrap_or_else(|_| Hashed::all_failed(n, "internal: a hashing thread failed"))
}

/// Hashes entries on `jobs` threads (at least one), largest first; results by the index in
/// `entries`.
pub(super) fn hash_entries<S: Source + ?Sized>(
    archive: &Archive<S>,
    entries: &Picked<'_>,
    jobs: usize,
    progress: Option<&Progress>,
    sink: Option<&PayloadSinkRef>,
) -> Hashed {
    // u32 indices: a bundle holds at most 1,100,000 entries (spec §9.4).
    let mut order: Vec<u32> = (0..entries.len()).filter_map(|i| u32::try_from(i).ok()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(entries.get(i as usize).map_or(0, |e| e.size)));
    let digests = Mutex::new(vec![None; entries.len()]);
    let errors = Mutex::new(BTreeMap::new());
    let next = AtomicUsize::new(0);
    let work = || {
        loop {
            let k = next.fetch_add(1, Ordering::Relaxed);
            let Some(i) = order.get(k).map(|&i| i as usize) else { break };
            let Some(e) = entries.get(i) else { break };
            let r = match sink {
                None => archive.hash_entry(e, &mut Counting::new(std::io::sink(), progress)),
                Some(s) => s.0.take(&e, &mut |w| archive.hash_entry(e, &mut Counting::new(w, progress))),
            };
            match r {
                Ok(d) => {
                    if let Ok(mut all) = digests.lock()
                        && let Some(slot) = all.get_mut(i)
                    {
                        *slot = Some(d);
                    }
                }
                Err(e) => {
                    if let Ok(mut all) = errors.lock() {
                        all.insert(i, e);
                    }
                }
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
    drop(order);
    Hashed { digests: digests.into_inner().unwrap_or_default(), errors: errors.into_inner().unwrap_or_default() }
}
