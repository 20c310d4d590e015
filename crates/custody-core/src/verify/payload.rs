//! Payload checks (spec §9.1 step 5): the listing in `manifest-sha256.txt` against the
//! payload entries, and every payload file hashed (on several threads, with progress and an
//! optional sink that receives the bytes as they are hashed).

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

use super::Verifier;
use super::wording;
use crate::archive::{Archive, ArchiveError, Entries, Entry, EntryDigest, Names, Source};
use crate::bagit::Listed;
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

/// Some of an archive's entries (the payload's), by their index in its list, not a copy of
/// each (issue #22): as runs of consecutive entries, 8 bytes a run. A bundle's payload is
/// one run or a few (its files lie together in the archive, whatever tool wrote it), where
/// an index an entry cost 4 bytes each (issue #13.4); at worst, every other entry picked,
/// a run costs what two indices did.
pub(super) struct Picked<'a> {
    all: &'a Entries,
    /// Each run: how many were picked before it, and its first entry's index; it ends where
    /// the next begins among the picked (the last at `len`).
    runs: Vec<(u32, u32)>,
    len: usize,
}

impl<'a> Picked<'a> {
    /// The entries of `all` for which `keep` holds, in order.
    pub(super) fn new(all: &'a Entries, keep: impl Fn(&Entry<'_>) -> bool) -> Self {
        let mut runs: Vec<(u32, u32)> = Vec::new();
        let mut len = 0;
        // Where the last run ends among all the entries.
        let mut end = None;
        // u32 indices: a bundle holds at most 1,100,000 entries (spec §9.4).
        for (i, e) in all.iter().enumerate() {
            let (Ok(at), Ok(before)) = (u32::try_from(i), u32::try_from(len)) else { break };
            if !keep(&e) {
                continue;
            }
            if end != Some(at) {
                runs.push((before, at));
            }
            end = at.checked_add(1);
            len += 1;
        }
        runs.shrink_to_fit();
        Picked { all, runs, len }
    }

    /// How many.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// The index among all the entries of the `i`th picked.
    fn index(&self, i: usize) -> Option<u32> {
        let k = self.runs.partition_point(|&(before, _)| before as usize <= i).checked_sub(1)?;
        let &(before, at) = self.runs.get(k)?;
        (i < self.len).then(|| at + (i as u32 - before))
    }

    /// The `i`th.
    pub(super) fn get(&self, i: usize) -> Option<Entry<'a>> {
        self.index(i).and_then(|k| self.all.get(k as usize))
    }

    /// All, in order, each with its index among all the entries.
    pub(super) fn iter_indexed(&self) -> impl Iterator<Item = (u32, Entry<'a>)> + '_ {
        let ends = self.runs.iter().skip(1).map(|&(before, _)| before as usize).chain([self.len]);
        self.runs
            .iter()
            .zip(ends)
            .flat_map(|(&(before, at), end)| (at..).take(end.saturating_sub(before as usize)))
            .filter_map(|k| Some((k, self.all.get(k as usize)?)))
    }

    /// All, in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = Entry<'a>> + '_ {
        self.iter_indexed().map(|(_, e)| e)
    }
}

/// The payload entries found by name: through the archive's own index of names (sorted
/// once when it was opened), where a second index of the payload's cost 4 bytes an entry
/// (issue #22).
pub(super) struct ByName<'a> {
    names: Names<'a>,
    all: &'a Entries,
}

impl<'a> ByName<'a> {
    pub(super) fn new(picked: &Picked<'a>, names: Names<'a>) -> Self {
        ByName { names, all: picked.all }
    }

    /// The payload entry named `name`, for names looked up mostly in name order (`next` as
    /// for [`Names::index_from`]).
    pub(super) fn get_from(&self, name: &str, next: &mut usize) -> Option<Entry<'a>> {
        let i = self.names.index_from(name, next)?;
        self.all.get(i as usize).filter(|e| is_payload(e.name))
    }
}

/// The payload files found damaged (a file of the manifest listed and missing; a file not
/// matching or unreadable), each with the first check code that found it: complete, whatever
/// the report's cap lists (spec §9.3).
pub type Damaged = BTreeMap<String, CheckCode>;

/// manifest-sha256.txt's check: which of its lines (by their place in path order) name a
/// missing file, and where its checks begin in the report. Its lines are read before step 2
/// ([`Verifier::read_payload_listing`]) and passed to each step that uses them.
pub(super) struct Listing {
    /// A byte a line: whether it names a missing file, never a copy of its path (a listing
    /// may name hundreds of thousands of files that are not there, spec §9.4).
    missing: Vec<bool>,
    mark: super::recorder::Mark,
}

impl Verifier {
    /// Reads manifest-sha256.txt and reports the files it lists that are not among the
    /// payload entries (`by_name`, sorted by name) (`None` if it cannot be read, which is
    /// reported).
    ///
    /// `lines` are manifest-sha256.txt's lines as read ahead ([`Verifier::read_payload_listing`]);
    /// what reading it found is reported here as before.
    pub(super) fn check_payload_listing(
        &mut self,
        lines: Option<Listed<'_>>,
        by_name: &ByName<'_>,
        tags: &BTreeMap<String, Vec<u8>>,
    ) -> Option<Listing> {
        // Reports a file missing, unreadable or malformed; the lines were taken ahead.
        self.parse_manifest_file(tags, PAYLOAD_MANIFEST_PATH)?;
        let listed = lines?;
        let mark = self.checks.mark();
        for path in listed.iter().map(|(p, _)| p).filter(|p| !is_payload(p)) {
            self.fail(
                CheckCode::BagitManifestMalformed,
                wording::checks::payload_manifest_lists_outside_data(path),
                Some(PAYLOAD_MANIFEST_PATH),
            );
        }
        let mut missing = vec![false; listed.len()];
        // In path order, the listing's.
        let mut next = 0;
        for (at, (p, _)) in listed.iter().enumerate() {
            if is_payload(p) && by_name.get_from(p, &mut next).is_none() {
                if let Some(m) = missing.get_mut(at) {
                    *m = true;
                }
                self.fail(CheckCode::PayloadMissing, wording::checks::payload_missing(p), Some(p));
            }
        }
        Some(Listing { missing, mark })
    }

    /// Records what hashing the payload files found (`hashed`, in the order of `entries`,
    /// each compared with `listed`, manifest-sha256.txt's lines, as it was computed; `None`
    /// when the payload is not re-hashed). Returns the damaged files: the listed files that
    /// do not match, and those of `manifest` that are listed and missing (damage is only ever
    /// asked of the manifest's files; a listed path it does not describe is reported apart,
    /// and is not copied again here).
    pub(super) fn check_payload_digests(
        &mut self,
        listed: Listed<'_>,
        entries: &Picked<'_>,
        listing: Listing,
        hashed: Option<Hashed>,
        manifest: Option<&crate::manifest::Manifest>,
    ) -> Damaged {
        let Listing { missing, mark } = listing;
        let mut damaged = Damaged::new();
        // Only when a file is missing: a bundle whose files are all there costs no lookup
        // of each of the manifest's files (a million binary searches at a million files).
        let files = manifest.filter(|_| missing.contains(&true));
        let mut next = 0;
        for f in files.into_iter().flat_map(|m| m.items.iter().flat_map(|i| i.files.iter())) {
            if listed.position_from(f.path, &mut next).and_then(|at| missing.get(at)).is_some_and(|m| *m) {
                damaged.insert(f.path.to_owned(), CheckCode::PayloadMissing);
            }
        }
        drop(missing);
        let skip = hashed.is_none();
        let mut hashed = hashed;
        if skip {
            self.warn(CheckCode::PayloadNotChecked, wording::checks::payload_not_checked(), None);
        }
        let mut bytes = 0;
        // Entries in the archive's order: name order in a bundle as written.
        let mut next = 0;
        for (i, (k, e)) in entries.iter_indexed().enumerate() {
            let result = hashed.as_mut().map(|h| h.take(i));
            if !listed.lists_entry(k, e.name, &mut next) {
                self.fail(CheckCode::ArchiveUnlistedFile, wording::checks::payload_file_unlisted(e.name), Some(e.name));
                continue;
            }
            bytes += e.size;
            let Some(result) = result else { continue };
            match result {
                Ok(found) => {
                    if found.differs {
                        damaged.entry(e.name.to_owned()).or_insert(CheckCode::PayloadHashMismatch);
                    } else if !found.crc_ok {
                        damaged.entry(e.name.to_owned()).or_insert(CheckCode::ArchiveCrcMismatch);
                    }
                    if found.differs {
                        self.fail(
                            CheckCode::PayloadHashMismatch,
                            wording::checks::payload_hash_mismatch(e.name),
                            Some(e.name),
                        );
                    }
                    if !found.crc_ok {
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

/// What hashing one payload entry found, compared with its line as it was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Found {
    /// Its SHA-256 is not the one its line gives (false for an entry no line lists: that
    /// is reported on its own).
    pub(super) differs: bool,
    /// Its bytes matched the CRC-32 recorded for them.
    pub(super) crc_ok: bool,
}

/// Bits of [`Hashed`]'s byte an entry.
const READ: u8 = 1;
const DIFFERS: u8 = 2;
const CRC_BAD: u8 = 4;

impl Found {
    /// What hashing found of an entry whose line (if listed) gives `expected`.
    fn of(d: &EntryDigest, expected: Option<&Sha256Digest>) -> Found {
        Found { differs: expected.is_some_and(|x| x.0 != d.sha256), crc_ok: d.crc_ok }
    }

    fn bits(self) -> u8 {
        READ | if self.differs { DIFFERS } else { 0 } | if self.crc_ok { 0 } else { CRC_BAD }
    }

    fn from_bits(b: u8) -> Option<Found> {
        (b & READ != 0).then_some(Found { differs: b & DIFFERS != 0, crc_ok: b & CRC_BAD == 0 })
    }
}

/// What hashing the payload entries found, by their index in the list hashed: a byte for
/// each entry read (a [`Found`]: the digest was compared with the entry's line as it was
/// computed and is not kept: a million entries cost 1 MB, where their digests cost 34 MB,
/// issue #22), the few that could not be read apart.
pub(super) struct Hashed {
    found: Vec<u8>,
    errors: BTreeMap<usize, ArchiveError>,
}

impl Hashed {
    /// Every one of `n` entries failed for the same reason (a hashing thread stopped).
    fn all_failed(n: usize, why: &str) -> Hashed {
        Hashed { found: vec![0; n], errors: (0..n).map(|i| (i, ArchiveError::Malformed(why.into()))).collect() }
    }

    /// What hashing entry `i` found (taken: each is read once).
    fn take(&mut self, i: usize) -> Result<Found, ArchiveError> {
        match self.found.get(i).copied().and_then(Found::from_bits) {
            Some(f) => Ok(f),
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

/// Hashes entries on `jobs` threads (at least one), largest first, each digest compared
/// with its line in `listed` as it is computed; results by the index in `entries`.
pub(super) fn hash_entries<S: Source + ?Sized>(
    archive: &Archive<S>,
    entries: &Picked<'_>,
    listed: Option<Listed<'_>>,
    jobs: usize,
    progress: Option<&Progress>,
    sink: Option<&PayloadSinkRef>,
) -> Hashed {
    // u32 indices: a bundle holds at most 1,100,000 entries (spec §9.4).
    let mut order: Vec<u32> = (0..entries.len()).filter_map(|i| u32::try_from(i).ok()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(entries.get(i as usize).map_or(0, |e| e.size)));
    let found: Vec<AtomicU8> = (0..entries.len()).map(|_| AtomicU8::new(0)).collect();
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
                    let f = Found::of(&d, listed.as_ref().and_then(|l| l.get(e.name)));
                    if let Some(slot) = found.get(i) {
                        slot.store(f.bits(), Ordering::Relaxed);
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
    let found = found.into_iter().map(AtomicU8::into_inner).collect();
    Hashed { found, errors: errors.into_inner().unwrap_or_default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(names: &[&str]) -> Entries {
        let mut all = Entries::default();
        for (i, name) in names.iter().enumerate() {
            let at = i as u64 * 100;
            all.push(Entry { name, size: i as u64, crc32: 0, header_offset: at, data_offset: at + 30 }).unwrap();
        }
        all
    }

    /// Issue #13.4: the payload's entries are held as runs, and found, in order and by
    /// place, exactly as an index of each would find them, however they lie among the rest.
    #[test]
    fn picked_entries_are_held_as_runs_and_found_as_an_index_finds_them() {
        let names = ["bagit.txt", "data/a", "data/b", "custody/x", "data/c", "m", "n", "data/d", "data/e", "data/f"];
        let shapes: [&[&str]; 4] = [&names, &names[1..3], &names[..1], &[]];
        for names in shapes {
            let all = list(names);
            let picked = Picked::new(&all, |e| is_payload(e.name));
            let expected: Vec<(u32, &str)> =
                (0u32..).zip(names.iter().copied()).filter(|(_, n)| is_payload(n)).collect();
            assert_eq!(picked.len(), expected.len(), "{names:?}");
            let got: Vec<(u32, &str)> = picked.iter_indexed().map(|(k, e)| (k, e.name)).collect();
            assert_eq!(got, expected, "{names:?}");
            for (i, &(k, name)) in expected.iter().enumerate() {
                assert_eq!(picked.get(i).map(|e| (e.name, e.size)), Some((name, u64::from(k))), "{names:?} {i}");
            }
            assert!(picked.get(expected.len()).is_none());
            assert_eq!(picked.iter().count(), expected.len());
        }
        let all = list(&names);
        assert_eq!(Picked::new(&all, |e| is_payload(e.name)).runs, [(0, 1), (2, 4), (3, 7)]);
        assert_eq!(Picked::new(&all, |_| true).runs, [(0, 0)]);
        assert!(Picked::new(&all, |_| false).runs.is_empty());
    }
}
