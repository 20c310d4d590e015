//! An item's file records held compactly (issue #22): one record of 24 bytes per file (size,
//! time, role, and where its path, original name and SHA-256 are: the path in one text
//! arena, or, when parsed over an archive's names with `parse_over`, in the archive's own
//! names; the digest in the table's own list, or, when parsed beside the payload's listing
//! and equal to its line's, in that line), the few distinct media types once each, and the
//! records' order by path for lookups by binary search. A million files parsed over an
//! archive and its listing cost about 24 bytes each, where a `Vec<FileRecord>` of three
//! `String`s each cost about 250 (issue #13.4: each digest was held twice, here and in the
//! listing, 32 bytes a file; and the lengths of the path and original name are 16 bits, the
//! size's high half kept apart: 8 more).
//!
//! [`Files`] reads and writes exactly the JSON array of [`FileRecord`]s (§5.1): the format
//! does not change, only what a reader holds. Records are checked one at a time as they are
//! parsed and never held as `FileRecord`s; [`Files::iter`] yields borrowed [`FileView`]s.

use serde::{Serialize, Serializer};

use std::sync::Arc;

use super::FileRecord;
use crate::bagit::ManifestListing;
use crate::digest::Sha256Digest;
use crate::provenance::FileRole;
use crate::time::Timestamp;

mod building;
mod read;
pub(crate) use building::Building;
pub(crate) use read::{counting_records, parse_over};

/// What record `i` keeps apart in `list` (by record index, in record order: one entry a
/// record at most, pushed as the record is).
fn kept_apart<T>(list: Option<&[(u32, T)]>, i: Option<u32>) -> Option<&T> {
    let (list, i) = (list?, i?);
    list.binary_search_by_key(&i, |&(at, _)| at).ok().and_then(|k| list.get(k)).map(|(_, x)| x)
}

/// A span of the arena: start and length in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span(u32, u32);

/// One file, in fixed size: 24 bytes (issue #22; 80 with a `Timestamp` of 12 bytes, a span
/// for the original name and the role apart; issue #13.4: 64 with the digest in place and
/// the time in 64 bits, 32 with lengths of 32 bits and the size's high half in place).
///
/// What few records need is kept apart, in [`Rare`]: a path of [`LONG_PATH`] bytes or more
/// (a bag path has at most 1,024), an original name that is not the end of its path or is
/// longer than [`MAX_SHARED_NAME`] (spec §9.4: such a name weighs its bytes), a size of
/// 4 GiB or more's high half.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rec {
    /// Where the path starts: in the archive's names (with [`IN_NAMES`]), in the table's own
    /// text, or (a [`LONG_PATH`]) its index in `Rare::long_paths`.
    path_at: u32,
    /// The path's length below [`LONG_PATH`], with the [`IN_NAMES`] flag; or [`LONG_PATH`].
    path_len: u16,
    /// The original name when it is the end of the path (as the sealer writes it): its
    /// length (the path's bytes are shared); else [`OWN_NAME`], and it is in `Rare::own`.
    original: u16,
    /// The media type's index in `Files::media` (bits 0-23), the role (bits 24-27: 0 for
    /// none, else one more than its index in `Files::roles`), and the [`BIG_SIZE`] flag.
    kind: u32,
    /// Where the SHA-256 is: below [`OWN_DIGEST`], the line of that index (in path order) of
    /// `Files::listing`, whose digest it equals; else [`OWN_DIGEST`] and its index in
    /// `Files::digests`.
    digest: u32,
    /// Seconds since the Unix epoch, below [`ODD_TIME`] (1970 to 2106: every time a capture
    /// tool records now); [`NO_TIME`] for none, [`ODD_TIME`] for a time kept in
    /// `Rare::odd_times` (earlier, later, or one that a count of seconds does not give back
    /// exactly).
    modified: u32,
    /// The size's low 32 bits; with [`BIG_SIZE`], its high 32 bits are in `Rare::size_high`.
    size: u32,
}

const _: () = assert!(std::mem::size_of::<Rec>() == 24);

impl Rec {
    /// Whether its path is one of the archive's names (`Files::names`).
    fn in_names(&self) -> bool {
        self.path_len & IN_NAMES != 0
    }
}

/// [`Rec::path_len`]'s flag: the path's bytes are in `Files::names` (an archive's names,
/// [`parse_over`]), not in the records' own text.
const IN_NAMES: u16 = 1 << 15;
/// [`Rec::path_len`] of a path this long or longer, which is kept apart: never an archive's
/// name (at most 1,024 bytes, spec §3.4), only a manifest's own text.
const LONG_PATH: u16 = IN_NAMES - 1;
/// [`Rec::original`] of an original name kept apart.
const OWN_NAME: u16 = u16::MAX;
/// The longest original name a record shares with the end of its path: what the weight
/// counts as shared (spec §9.4), far below [`OWN_NAME`].
const MAX_SHARED_NAME: usize = crate::manifest::weight::MAX_SHARED_NAME;
/// [`Rec::kind`]'s role: where it is and its mask (one more than the index of one of the
/// table's distinct roles: `FileRole` has nine).
const ROLE_SHIFT: u32 = 24;
const ROLE_MASK: u32 = 0x0f;
/// [`Rec::kind`]'s flag: the size is 4 GiB or more; its high half is in `Rare::size_high`.
const BIG_SIZE: u32 = 1 << 28;
/// [`Rec::digest`]'s flag: the digest is the table's own (a listing has far fewer than 2^31
/// lines: at most [`crate::layout::MAX_ENTRIES`] naming entries and a 16 MiB weight of
/// others, spec §9.4; a line index past it is never referred to).
const OWN_DIGEST: u32 = 1 << 31;
/// [`Rec::modified`] of a file without a time.
const NO_TIME: u32 = u32::MAX;
/// [`Rec::modified`] of a time kept apart.
const ODD_TIME: u32 = u32::MAX - 1;
/// A table parsed over an archive's names grows as usual up to this many records (64 KiB of
/// them); one that reaches it then reserves room for the archive's entries no earlier table
/// described, once (issue #22). Small tables never ask for that room, which may be tens of
/// megabytes: a bundle of many one-file items would map and unmap it for every item.
const GROW_RECORDS: usize = 1024;
/// How many media types an item's files may have (24 bits of [`Rec::kind`]).
const MAX_MEDIA: usize = 1 << 24;

const _: () = assert!(MAX_SHARED_NAME < OWN_NAME as usize && crate::layout::MAX_NAME_LEN < LONG_PATH as usize);

/// The files of one item, compactly, in the order the manifest gives them.
///
/// 144 bytes in place (issue #22: a bundle may hold 100,000 one-file items, a table each;
/// 256 with every part in place): what few tables have is kept apart, in one box.
#[derive(Debug, Clone, Default)]
pub struct Files {
    /// The archive's names that paths refer to (when parsed with [`parse_over`]).
    names: Option<Arc<String>>,
    /// The payload's listing whose lines hold the digests records refer to (when parsed with
    /// [`parse_over`] beside it).
    listing: Option<Arc<ManifestListing>>,
    /// The digests the records keep themselves ([`OWN_DIGEST`]): all of a writer's, and a
    /// reader's that no line of the listing gives.
    digests: Vec<Sha256Digest>,
    arena: String,
    recs: Vec<Rec>,
    media: Vec<Box<str>>,
    /// Indices of `recs` sorted by path (ties by index); none when the records are in that
    /// order already, as writers write them (issue #13.4: 4 bytes a file): see
    /// [`Files::sorted`].
    by_path: Vec<u32>,
    /// What few tables have; `None` for most.
    rare: Option<Box<Rare>>,
}

#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Files>() == 144);

/// The parts of a [`Files`] that few tables have, apart from it.
#[derive(Debug, Clone, Default)]
struct Rare {
    /// Original names that are not the end of their path, or longer than [`MAX_SHARED_NAME`]
    /// (the sealer writes none), by record index.
    own: Vec<(u32, Span)>,
    /// Paths of [`LONG_PATH`] bytes or more (no archive has one), in the table's own text.
    long_paths: Vec<Span>,
    /// The high 32 bits of sizes of 4 GiB or more ([`BIG_SIZE`]), by record index.
    size_high: Vec<(u32, u32)>,
    /// The few distinct roles.
    roles: Vec<FileRole>,
    /// Times a record does not hold in place ([`Rec::modified`]: before 1970, past
    /// 2106-02-07T06:28:13Z, or not given back exactly by a count of seconds), by record index
    /// (none in practice).
    odd_times: Vec<(u32, Timestamp)>,
    /// While records are added, once a table has more than [`SEARCHED_MEDIA`] media types:
    /// where each is in `Files::media` (a hostile manifest may give every record its own,
    /// and a search of `media` would make reading quadratic).
    interned: std::collections::HashMap<Box<str>, u32>,
}

impl Rare {
    fn is_empty(&self) -> bool {
        self.own.is_empty()
            && self.long_paths.is_empty()
            && self.size_high.is_empty()
            && self.roles.is_empty()
            && self.odd_times.is_empty()
            && self.interned.is_empty()
    }
}

/// Up to this many media types, a table finds a record's by searching them (no lookup table
/// to build for the one type of most tables); beyond, by [`Rare::interned`].
const SEARCHED_MEDIA: usize = 8;

impl PartialEq for Files {
    /// The same records in the same order (wherever their paths are held).
    fn eq(&self, other: &Files) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for Files {}

/// One file record, borrowed from [`Files`]: the fields of a [`FileRecord`], serialised the
/// same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FileView<'a> {
    /// Path inside the bundle, under `data/<item id>/`.
    pub path: &'a str,
    /// The file's path as given at seal time.
    pub original_name: &'a str,
    /// Size in bytes.
    pub size: u64,
    /// IANA media type.
    pub media_type: &'a str,
    /// The file's SHA-256.
    pub sha256: &'a Sha256Digest,
    /// The file's modification time when it was sealed (UTC).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modified: Option<Timestamp>,
    /// What the file is to its item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<FileRole>,
}

impl FileView<'_> {
    /// The record as an owned [`FileRecord`].
    pub fn to_record(&self) -> FileRecord {
        FileRecord {
            path: self.path.to_owned(),
            original_name: self.original_name.to_owned(),
            size: self.size,
            media_type: self.media_type.to_owned(),
            sha256: *self.sha256,
            modified: self.modified,
            role: self.role,
        }
    }
}

/// The names of one item's files exceed 4 GiB (more than any manifest may hold, §9.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge;

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the names of one item's files exceed 4 GiB")
    }
}

impl std::error::Error for TooLarge {}

impl Files {
    /// No files.
    pub fn new() -> Self {
        Files::default()
    }

    /// The records, in their order.
    pub fn from_records(records: impl IntoIterator<Item = FileRecord>) -> Result<Self, TooLarge> {
        let mut files = Files::new();
        let records = records.into_iter();
        // A writer's records come with their count (the sealer's million): room for exactly
        // those, not a table that doubles past them.
        files.recs.reserve_exact(records.size_hint().0);
        files.digests.reserve_exact(records.size_hint().0);
        for r in records {
            files.push(&r, None, None)?;
        }
        files.index();
        Ok(files)
    }

    /// How many files.
    pub fn len(&self) -> usize {
        self.recs.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.recs.is_empty()
    }

    /// The files, in the manifest's order.
    pub fn iter(&self) -> Iter<'_> {
        Iter { files: self, recs: self.recs.iter().enumerate() }
    }

    /// The file at `i` in the manifest's order.
    pub fn at(&self, i: usize) -> Option<FileView<'_>> {
        self.recs.get(i).map(|r| self.view(i, r))
    }

    /// The files in path order (ties in the manifest's order), from the index lookups use:
    /// nothing is collected or sorted.
    pub fn iter_by_path(&self) -> impl Iterator<Item = FileView<'_>> + '_ {
        (0..self.len()).filter_map(|k| self.sorted(k)).filter_map(|i| self.at(i as usize))
    }

    /// Which record is the `k`th in path order.
    fn sorted(&self, k: usize) -> Option<u32> {
        if self.by_path.is_empty() {
            u32::try_from(k).ok().filter(|_| k < self.recs.len())
        } else {
            self.by_path.get(k).copied()
        }
    }

    /// The first file (in the manifest's order) whose path is `path`, by binary search.
    pub fn get(&self, path: &str) -> Option<FileView<'_>> {
        let k = if self.by_path.is_empty() {
            self.recs.partition_point(|r| self.path_text(r) < path)
        } else {
            self.by_path.partition_point(|&i| self.path_of(i) < path)
        };
        let i = self.sorted(k)?;
        (self.path_of(i) == path).then(|| self.at(i as usize)).flatten()
    }

    /// A path described twice, if any (the first in path order).
    pub fn repeated_path(&self) -> Option<&str> {
        (1..self.len())
            .filter_map(|k| Some((self.sorted(k - 1)?, self.sorted(k)?)))
            .find(|&(a, b)| self.path_of(a) == self.path_of(b))
            .map(|(a, _)| self.path_of(a))
    }

    /// The files as owned records (for a writer that changes them).
    pub fn to_records(&self) -> Vec<FileRecord> {
        self.iter().map(|f| f.to_record()).collect()
    }

    /// The bytes these records hold (for measuring).
    pub fn held_bytes(&self) -> usize {
        self.arena.capacity()
            + self.recs.capacity() * std::mem::size_of::<Rec>()
            + self.digests.capacity() * std::mem::size_of::<Sha256Digest>()
            + self.rare.as_ref().map_or(0, |x| {
                std::mem::size_of::<Rare>()
                    + x.own.capacity() * std::mem::size_of::<(u32, Span)>()
                    + x.long_paths.capacity() * std::mem::size_of::<Span>()
                    + x.size_high.capacity() * std::mem::size_of::<(u32, u32)>()
                    + x.odd_times.capacity() * std::mem::size_of::<(u32, Timestamp)>()
            })
            + self.by_path.capacity() * 4
            + self.media.iter().map(|m| m.len() + 16).sum::<usize>()
    }

    fn text(&self, s: Span) -> &str {
        self.arena.get(s.0 as usize..s.0 as usize + s.1 as usize).unwrap_or("")
    }

    /// A record's path: an archive name's bytes ([`IN_NAMES`]), or the table's own text.
    fn path_text(&self, r: &Rec) -> &str {
        if r.path_len & IN_NAMES != 0 {
            let (at, len) = (r.path_at as usize, usize::from(r.path_len & !IN_NAMES));
            return self.names.as_ref().and_then(|n| n.get(at..at + len)).unwrap_or("");
        }
        if r.path_len == LONG_PATH {
            let long = self.rare.as_ref().and_then(|x| x.long_paths.get(r.path_at as usize));
            return long.map_or("", |&s| self.text(s));
        }
        self.text(Span(r.path_at, u32::from(r.path_len)))
    }

    /// A record's SHA-256: its own, or its listing line's ([`Rec::digest`]).
    fn digest_of(&self, r: &Rec) -> &Sha256Digest {
        /// Never given out: every index is one `push` made (the listing's when the record
        /// was parsed beside it, and `Files::listing` is then kept), as for `path_text`.
        static NONE: Sha256Digest = Sha256Digest([0; 32]);
        let found = if r.digest & OWN_DIGEST != 0 {
            self.digests.get((r.digest & !OWN_DIGEST) as usize)
        } else {
            self.listing.as_ref().and_then(|l| l.digest_at(r.digest as usize))
        };
        found.unwrap_or(&NONE)
    }

    fn path_of(&self, i: u32) -> &str {
        self.recs.get(i as usize).map_or("", |r| self.path_text(r))
    }

    /// The record `r`, at `i` in the manifest's order.
    fn view<'a>(&'a self, i: usize, r: &'a Rec) -> FileView<'a> {
        let path = self.path_text(r);
        let rare = self.rare.as_deref();
        // What a record keeps apart is found by its index (each list is in record order).
        let i = u32::try_from(i).ok();
        let original = if r.original != OWN_NAME {
            path.get(path.len().saturating_sub(usize::from(r.original))..).unwrap_or("")
        } else {
            kept_apart(rare.map(|x| x.own.as_slice()), i).map_or("", |&s| self.text(s))
        };
        let role =
            ((r.kind >> ROLE_SHIFT) & ROLE_MASK).checked_sub(1).and_then(|k| rare?.roles.get(k as usize)).copied();
        let modified = match r.modified {
            NO_TIME => None,
            ODD_TIME => kept_apart(rare.map(|x| x.odd_times.as_slice()), i).copied(),
            secs => Timestamp::from_unix(i64::from(secs)),
        };
        let high = match r.kind & BIG_SIZE {
            0 => 0,
            _ => kept_apart(rare.map(|x| x.size_high.as_slice()), i).copied().unwrap_or(0),
        };
        FileView {
            path,
            original_name: original,
            size: u64::from(high) << 32 | u64::from(r.size),
            media_type: self.media.get((r.kind & 0x00ff_ffff) as usize).map_or("", |m| m),
            sha256: self.digest_of(r),
            modified,
            role,
        }
    }

    fn add_text(&mut self, s: &str) -> Result<Span, TooLarge> {
        let start = u32::try_from(self.arena.len()).map_err(|_| TooLarge)?;
        let len = u32::try_from(s.len()).map_err(|_| TooLarge)?;
        start.checked_add(len).ok_or(TooLarge)?;
        self.arena.push_str(s);
        Ok(Span(start, len))
    }

    /// Appends one record (`index` must follow before lookups), its path at `in_names` in the
    /// names the records will refer to (`Files::names`), if it is there, else copied; its
    /// digest the line `line` of the listing they will refer to (`Files::listing`), which the
    /// caller found equal, else kept.
    fn push(&mut self, r: &FileRecord, in_names: Option<(u32, u32)>, line: Option<u32>) -> Result<(), TooLarge> {
        let at = u32::try_from(self.recs.len()).map_err(|_| TooLarge)?;
        // What may fail comes before anything is kept apart by this record's index: a record
        // refused leaves no entry of its own in `Rare`'s lists.
        let found = if self.media.len() <= SEARCHED_MEDIA {
            self.media.iter().position(|m| **m == *r.media_type).and_then(|i| u32::try_from(i).ok())
        } else {
            self.rare.as_ref().and_then(|x| x.interned.get(r.media_type.as_str()).copied())
        };
        let media = match found {
            Some(i) => i,
            None => {
                let i = u32::try_from(self.media.len()).ok().filter(|&i| (i as usize) < MAX_MEDIA).ok_or(TooLarge)?;
                self.media.push(r.media_type.as_str().into());
                if self.media.len() > SEARCHED_MEDIA {
                    // Past the searched few: every type in the lookup table (all of them when
                    // it is first made).
                    let interned = &mut self.rare.get_or_insert_with(Box::default).interned;
                    let from = interned.len();
                    for (k, m) in (from..).zip(self.media.get(from..).unwrap_or_default()) {
                        interned.insert(m.clone(), u32::try_from(k).map_err(|_| TooLarge)?);
                    }
                }
                i
            }
        };
        let role = match r.role {
            None => 0,
            Some(role) => {
                let roles = &mut self.rare.get_or_insert_with(Box::default).roles;
                match roles.iter().position(|&x| x == role) {
                    Some(k) => k + 1,
                    None => {
                        roles.push(role);
                        roles.len()
                    }
                }
            }
        };
        // At most one a variant of `FileRole` (nine): within the four bits.
        let role = u32::try_from(role).ok().filter(|&k| k <= ROLE_MASK).ok_or(TooLarge)?;
        let digest = match line.filter(|&k| k & OWN_DIGEST == 0) {
            Some(k) => k,
            None => {
                let k = u32::try_from(self.digests.len()).ok().filter(|&k| k & OWN_DIGEST == 0).ok_or(TooLarge)?;
                self.digests.push(r.sha256);
                k | OWN_DIGEST
            }
        };
        let placed =
            in_names.and_then(|(start, len)| Some((start, u16::try_from(len).ok().filter(|&n| n < LONG_PATH)?)));
        let (path_at, path_len) = match placed {
            Some((start, len)) => (start, len | IN_NAMES),
            None => {
                let span = self.add_text(&r.path)?;
                match u16::try_from(span.1).ok().filter(|&n| n < LONG_PATH) {
                    Some(len) => (span.0, len),
                    None => {
                        let long = &mut self.rare.get_or_insert_with(Box::default).long_paths;
                        let k = u32::try_from(long.len()).map_err(|_| TooLarge)?;
                        long.push(span);
                        (k, LONG_PATH)
                    }
                }
            }
        };
        let original = match u16::try_from(r.original_name.len()) {
            Ok(len) if usize::from(len) <= MAX_SHARED_NAME && r.path.ends_with(r.original_name.as_str()) => len,
            _ => {
                let span = self.add_text(&r.original_name)?;
                self.rare.get_or_insert_with(Box::default).own.push((at, span));
                OWN_NAME
            }
        };
        // The high half of a 64-bit size: 32 bits.
        let big_size = match (r.size >> 32) as u32 {
            0 => 0,
            high => {
                self.rare.get_or_insert_with(Box::default).size_high.push((at, high));
                BIG_SIZE
            }
        };
        let modified = match r.modified {
            None => NO_TIME,
            Some(t)
                if let Ok(secs) = u32::try_from(t.unix())
                    && secs < ODD_TIME
                    && Timestamp::from_unix(t.unix()) == Some(t) =>
            {
                secs
            }
            Some(t) => {
                self.rare.get_or_insert_with(Box::default).odd_times.push((at, t));
                ODD_TIME
            }
        };
        let kind = media | role << ROLE_SHIFT | big_size;
        // The low half; the high half is kept apart above when it is not zero.
        let size = (r.size & u64::from(u32::MAX)) as u32;
        self.recs.push(Rec { path_at, path_len, original, kind, digest, modified, size });
        Ok(())
    }

    /// Sorts the index by path and gives back spare capacity.
    fn index(&mut self) {
        if let Some(rare) = &mut self.rare {
            rare.interned = std::collections::HashMap::new();
            rare.own.shrink_to_fit();
            rare.long_paths.shrink_to_fit();
            rare.size_high.shrink_to_fit();
        }
        if self.rare.as_ref().is_some_and(|x| x.is_empty()) {
            self.rare = None;
        }
        self.arena.shrink_to_fit();
        self.recs.shrink_to_fit();
        self.digests.shrink_to_fit();
        self.media.shrink_to_fit();
        if self.recs.windows(2).all(|w| self.path_text(&w[0]) <= self.path_text(&w[1])) {
            // In path order already (ties in the manifest's): no index.
            self.by_path = Vec::new();
            return;
        }
        // Exactly one index a record (a range of known length, not a filtered iterator that
        // leaves room for four): `push` keeps the count within `u32`.
        let mut by_path: Vec<u32> = (0..u32::try_from(self.recs.len()).unwrap_or(u32::MAX)).collect();
        // Unstable gives the same order (ties are ordered by index) without the scratch room a
        // stable sort takes (up to 4 MB at a million records, issue #22).
        by_path.sort_unstable_by(|&a, &b| self.path_of(a).cmp(self.path_of(b)).then(a.cmp(&b)));
        self.by_path = by_path;
    }
}

/// The files of several tables (a manifest's items) in path order, ties in the order of the
/// tables and then each table's own: merged from each table's index, nothing collected or
/// sorted (issue #22). The order of sorting every file by path with a stable sort.
pub fn merged_by_path<'a>(tables: impl IntoIterator<Item = &'a Files>) -> impl Iterator<Item = FileView<'a>> {
    use std::cmp::Reverse;
    let mut iters: Vec<_> = tables.into_iter().map(Files::iter_by_path).collect();
    let mut heads: Vec<Option<FileView<'a>>> = iters.iter_mut().map(Iterator::next).collect();
    let mut heap: std::collections::BinaryHeap<Reverse<(&'a str, usize)>> =
        heads.iter().enumerate().filter_map(|(k, f)| f.map(|f| Reverse((f.path, k)))).collect();
    std::iter::from_fn(move || {
        let Reverse((_, k)) = heap.pop()?;
        let f = heads.get_mut(k)?.take()?;
        if let Some(next) = iters.get_mut(k).and_then(Iterator::next) {
            heap.push(Reverse((next.path, k)));
            if let Some(h) = heads.get_mut(k) {
                *h = Some(next);
            }
        }
        Some(f)
    })
}

/// The files of a [`Files`], in the manifest's order, as [`FileView`]s.
#[derive(Debug, Clone)]
pub struct Iter<'a> {
    files: &'a Files,
    recs: std::iter::Enumerate<std::slice::Iter<'a, Rec>>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = FileView<'a>;
    fn next(&mut self) -> Option<FileView<'a>> {
        self.recs.next().map(|(i, r)| self.files.view(i, r))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.recs.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.recs.next_back().map(|(i, r)| self.files.view(i, r))
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Files {
    type Item = FileView<'a>;
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl Serialize for Files {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::read::{CLAIMED, OVER};
    use super::*;
    use crate::archive::SharedNames;
    use serde::de::{SeqAccess, Visitor};

    fn rec(path: &str, original: &str, media: &str, n: u8) -> FileRecord {
        FileRecord {
            path: path.into(),
            original_name: original.into(),
            size: n as u64,
            media_type: media.into(),
            sha256: Sha256Digest([n; 32]),
            modified: None,
            role: None,
        }
    }

    #[test]
    fn records_go_through_the_strict_document_parser() {
        // Files reads its records itself; the document parser's rules must still hold for
        // each (review of #22): an array in place of a record, a repeated or unknown member.
        let good = r#"{"path":"data/item-1/a","original_name":"a","size":1,"media_type":"text/plain","sha256":"0000000000000000000000000000000000000000000000000000000000000000"}"#;
        let parse = |files: &str| crate::document::parse_document::<Files>(files.as_bytes());
        assert_eq!(parse(&format!("[{good}]")).unwrap().len(), 1);
        let as_array = r#"[["data/item-1/a","a",1,"text/plain","0000000000000000000000000000000000000000000000000000000000000000"]]"#;
        assert!(parse(as_array).is_err(), "an array where a record is read");
        let repeated = good.replacen(r#""size":1"#, r#""size":1,"size":2"#, 1);
        assert!(parse(&format!("[{repeated}]")).is_err(), "a repeated member");
        let unknown = good.replacen(r#""size":1"#, r#""size":1,"extra":2"#, 1);
        assert!(parse(&format!("[{unknown}]")).is_err(), "an unknown member");
        assert!(parse("{}").is_err() && parse("null").is_err(), "files must be an array");
        let broken = format!("[{good},{}]", &good[..40]);
        assert!(parse(&broken).is_err(), "a record cut halfway");
    }

    #[test]
    fn many_distinct_media_types_are_interned_by_lookup_and_kept_apart() {
        // A hostile manifest may give every record its own media type (review of #22:
        // interning by linear search made reading quadratic).
        let n = 50_000u32;
        let files = Files::from_records(
            (0..n).map(|k| rec(&format!("data/item-1/f{k}"), &format!("f{k}"), &format!("x/{k:06}"), 1)),
        )
        .unwrap();
        assert_eq!(files.media.len(), n as usize);
        assert!(files.rare.is_none(), "the build-time table is dropped once indexed");
        for k in [0, 1, 49_999] {
            assert_eq!(files.get(&format!("data/item-1/f{k}")).unwrap().media_type, format!("x/{k:06}"));
        }
        let same =
            Files::from_records((0..3).map(|k| rec(&format!("data/item-1/g{k}"), "g", "text/plain", 1))).unwrap();
        assert_eq!(same.media.len(), 1);
    }

    #[test]
    fn media_types_around_the_searched_few_come_back_and_a_plain_table_keeps_nothing_apart() {
        // Up to SEARCHED_MEDIA types are searched, then looked up in a table made of all of
        // them: every record keeps its own type on both sides of that point, repeated ones too.
        let n = 4 * SEARCHED_MEDIA as u32;
        let given: Vec<FileRecord> = (0..n)
            .map(|k| rec(&format!("data/item-1/f{k:03}"), &format!("f{k:03}"), &format!("t/{}", k * 7 % 13), 1))
            .collect();
        let files = Files::from_records(given.clone()).unwrap();
        assert_eq!(files.to_records(), given);
        assert_eq!(files.media.len(), 13);
        assert!(files.rare.is_none(), "the lookup table is dropped once indexed");
        // A one-file table (a bundle of many one-file items holds one each): nothing apart,
        // no room beyond its one record and one type.
        let one = Files::from_records([rec("data/item-1/a", "a", "text/plain", 1)]).unwrap();
        assert!(one.rare.is_none());
        assert_eq!((one.recs.capacity(), one.media.capacity(), one.by_path.capacity()), (1, 1, 0));
    }

    #[test]
    fn records_come_back_as_given_and_are_found_by_path() {
        let given = vec![
            rec("data/item-1/b/x.txt", "b/x.txt", "text/plain", 1),
            rec("data/item-1/a.pdf", "elsewhere.pdf", "application/pdf", 2),
            rec("data/item-1/c.txt", "c.txt", "text/plain", 3),
        ];
        let files = Files::from_records(given.clone()).unwrap();
        assert_eq!(files.to_records(), given);
        assert_eq!(files.get("data/item-1/a.pdf").unwrap().original_name, "elsewhere.pdf");
        assert_eq!(files.get("data/item-1/c.txt").unwrap().size, 3);
        assert!(files.get("data/item-1/d.txt").is_none());
        assert!(files.get("data/item-1/").is_none());
        assert_eq!(files.repeated_path(), None);
        // The same JSON as the records'.
        assert_eq!(serde_json::to_string(&files).unwrap(), serde_json::to_string(&given).unwrap());
        let back: Files = serde_json::from_str(&serde_json::to_string(&given).unwrap()).unwrap();
        assert_eq!(back, files);
    }

    #[test]
    fn every_field_comes_back_from_the_24_byte_record() {
        // Times as seconds, the role, media type and a flag in one word, the original name
        // shared with the path or kept apart, lengths in 16 bits, the size's high half kept
        // apart (issue #22: 64 bytes a record, not 80; 32 since #13.4, the digest apart and
        // times outside 1970-2106 too; 24 with 16-bit lengths and the high half apart).
        let t = |s: &str| Some(s.parse::<Timestamp>().unwrap());
        let long_name = format!("data/item-1/{}", "n".repeat(MAX_SHARED_NAME + 1));
        let long_path = format!("data/item-1/{}", "p".repeat(usize::from(LONG_PATH) - 12));
        let mut given = vec![
            rec("data/item-1/b/x.txt", "b/x.txt", "text/plain", 1),
            rec("data/item-1/a.pdf", "elsewhere.pdf", "application/pdf", 2),
            rec("data/item-1/c.txt", "", "text/plain", 3),
            rec("data/item-1/d.txt", "data/item-1/d.txt", "text/plain", 4),
            rec("data/item-1/e", "much/longer/than/the/path/e", "x/y", 5),
            rec("data/item-1/f/y.txt", "y.txt", "text/plain", 6),
            rec(&long_name, &long_name[12..], "text/plain", 7),
            rec(&long_name[..long_name.len() - 1], &long_name[13..], "text/plain", 8),
            rec(&long_path, "p", "text/plain", 9),
            rec(&long_path[..long_path.len() - 1], "p", "text/plain", 10),
        ];
        given[0].modified = t("1970-01-01T00:00:00Z");
        given[1].modified = t("1901-12-13T20:45:52Z");
        given[2].modified = t("9999-12-31T23:59:59Z");
        given[3].modified = t("0001-01-01T00:00:00Z");
        // The last second a record holds in place (u32::MAX - 2), and the one after it.
        given[4].modified = t("2106-02-07T06:28:13Z");
        given[0].role = Some(FileRole::Original);
        given[2].role = Some(FileRole::Original);
        given[4].role = Some(FileRole::Screenshot);
        given[1].size = u64::MAX;
        given[3].size = 1 << 32;
        given[5].size = u64::from(u32::MAX);
        given[6].size = (7 << 32) | 5;
        let files = Files::from_records(given.clone()).unwrap();
        assert_eq!(files.to_records(), given);
        let rare = files.rare.as_ref().unwrap();
        let own: Vec<u32> = rare.own.iter().map(|&(at, _)| at).collect();
        // Kept apart: names that do not end their path, and one that does but is longer than
        // what the weight counts as shared (spec §9.4); not one of exactly that length.
        assert_eq!(own, [1, 4, 6]);
        assert_eq!(rare.long_paths.len(), 1, "only a path of LONG_PATH bytes or more is kept apart");
        let high: Vec<(u32, u32)> = rare.size_high.clone();
        assert_eq!(high, [(1, u32::MAX), (3, 1), (6, 7)], "only sizes of 4 GiB or more keep a high half");
        assert_eq!(rare.roles.len(), 2);
        let apart: Vec<u32> = rare.odd_times.iter().map(|&(at, _)| at).collect();
        assert_eq!(apart, [1, 2, 3], "only the times before 1970 or past 2106 are kept apart");
        assert_eq!(
            files.iter().rev().map(|f| f.to_record()).collect::<Vec<_>>(),
            given.iter().rev().cloned().collect::<Vec<_>>()
        );
        for g in &given {
            assert_eq!(files.get(&g.path).map(|f| f.to_record()).as_ref(), Some(g), "found by its path");
        }
        given[4].modified = t("2106-02-07T06:28:14Z");
        let later = Files::from_records(given.clone()).unwrap();
        assert_eq!(later.rare.as_ref().unwrap().odd_times.len(), 4);
        assert_eq!(later.to_records(), given);
        // Records as the sealer writes them (names that end their path, sizes below 4 GiB)
        // keep nothing apart.
        let sealed = Files::from_records([given[0].clone(), given[5].clone()]).unwrap();
        assert!(sealed.rare.as_ref().is_none_or(|x| x.own.is_empty() && x.size_high.is_empty()));
    }

    #[test]
    fn a_time_seconds_do_not_give_back_is_kept_exactly() {
        // A leap second (which a person may type, RFC 3339) is not a count of seconds: it is
        // kept apart, not changed into the next second.
        let leap = Timestamp::parse_user("2016-12-31T23:59:60Z").unwrap();
        assert_ne!(Timestamp::from_unix(leap.unix()), Some(leap));
        let mut given: Vec<FileRecord> =
            (0..4u8).map(|k| rec(&format!("data/item-1/f{k}"), &format!("f{k}"), "text/plain", k)).collect();
        given[1].modified = Some(leap);
        given[3].modified = Some(leap);
        given[2].modified = Timestamp::from_unix(1_480_550_400);
        let files = Files::from_records(given.clone()).unwrap();
        assert_eq!(files.rare.as_ref().unwrap().odd_times.len(), 2);
        assert_eq!(files.to_records(), given);
        assert_eq!(files.get("data/item-1/f3").unwrap().modified, Some(leap));
        assert_eq!(files.at(1).unwrap().modified, Some(leap));
    }

    /// The names of an archive of three files under `data/item-1` and `bagit.txt`.
    fn archive_names() -> SharedNames {
        SharedNames::of_names(&["bagit.txt", "data/item-1/a.txt", "data/item-1/b/c.txt", "data/item-1/d"])
    }

    /// Five records over [`archive_names`]: two paths that are entries' (one twice, the second
    /// time with the digest `fourth`), one missing from the archive, one that is a prefix of an
    /// entry's; out of path order.
    fn five_records(fourth: u8) -> Vec<FileRecord> {
        vec![
            rec("data/item-1/b/c.txt", "b/c.txt", "text/plain", 1),
            rec("data/item-1/missing.txt", "missing.txt", "text/plain", 2),
            rec("data/item-1/a.txt", "elsewhere/a.txt", "text/plain", 3),
            rec("data/item-1/b/c.txt", "c.txt", "text/plain", fourth),
            rec("data/item-1/a.tx", "a.tx", "text/plain", 5),
        ]
    }

    #[test]
    fn digests_parsed_beside_the_listing_refer_to_its_lines_where_they_agree() {
        // Issue #13.4: a record whose SHA-256 is its path's line's keeps no copy of it; one
        // whose digest differs, or whose path no line lists, keeps its own; every record gives
        // back what the manifest wrote, in any order, and the table keeps the listing alive.
        use std::io::Write;
        let names = archive_names();
        let line = |n: u8, path: &str| format!("{}  {path}\n", Sha256Digest([n; 32]).hex());
        let text = [
            line(3, "data/item-1/a.txt"),
            line(9, "data/item-1/b/c.txt"),
            line(7, "data/item-1/d"),
            line(2, "data/item-1/missing.txt"),
        ]
        .concat();
        let mut parser = crate::bagit::ManifestParser::over(names.names());
        parser.write_all(text.as_bytes()).unwrap();
        let listing = std::sync::Arc::new(parser.finish().unwrap());
        let given = five_records(9);
        let json = serde_json::to_string(&given).unwrap();
        let plain: Files = serde_json::from_str(&json).unwrap();
        let beside: Files = parse_over(names.clone(), Some(listing.clone()), || serde_json::from_str(&json)).unwrap();
        assert!(OVER.with(|o| o.borrow().is_none()), "the listing is set for the parse only");
        let referring: Vec<usize> =
            beside.recs.iter().enumerate().filter(|(_, r)| r.digest & OWN_DIGEST == 0).map(|(i, _)| i).collect();
        assert_eq!(referring, [1, 2, 3], "the records whose digest is their line's");
        assert_eq!((beside.digests.len(), plain.digests.len()), (2, 5));
        assert!(beside.held_bytes() < plain.held_bytes());
        assert_eq!(beside.to_records(), given);
        assert_eq!(beside, plain);
        assert_eq!(beside.get("data/item-1/a.txt").unwrap().sha256, &Sha256Digest([3; 32]));
        assert_eq!(beside.at(0).unwrap().sha256, &Sha256Digest([1; 32]), "not its line's");
        assert_eq!(std::sync::Arc::strong_count(&listing), 2, "the table keeps the listing");
        drop(listing);
        drop(names);
        assert_eq!(beside.to_records(), given, "the records outlive the listing's other holders");
        // Beside a listing that is a run of the entries in name order (a bundle's payload
        // listing), which keeps no line's place: the same lines found, the same records.
        let names = archive_names();
        let run = [line(3, "data/item-1/a.txt"), line(9, "data/item-1/b/c.txt"), line(7, "data/item-1/d")].concat();
        let mut parser = crate::bagit::ManifestParser::over(names.names());
        parser.write_all(run.as_bytes()).unwrap();
        let listing = std::sync::Arc::new(parser.finish().unwrap());
        assert!(!listing.keeps_places(), "a run keeps no places");
        let beside_run: Files = parse_over(names, Some(listing), || serde_json::from_str(&json)).unwrap();
        let referring_run: Vec<usize> =
            beside_run.recs.iter().enumerate().filter(|(_, r)| r.digest & OWN_DIGEST == 0).map(|(i, _)| i).collect();
        assert_eq!(referring_run, [2, 3], "the missing file is no line of it");
        assert_eq!(beside_run.to_records(), given);
        // A table none of whose digests is a line's keeps no listing.
        let names = SharedNames::of_names(&["data/item-1/a.txt"]);
        let listing = std::sync::Arc::new(crate::bagit::ManifestListing::default());
        let json = serde_json::to_string(&[rec("data/item-1/a.txt", "a.txt", "text/plain", 1)]).unwrap();
        let own: Files = parse_over(names, Some(listing.clone()), || serde_json::from_str(&json)).unwrap();
        assert!(own.listing.is_none() && std::sync::Arc::strong_count(&listing) == 1);
        assert_eq!(own.at(0).unwrap().sha256, &Sha256Digest([1; 32]));
    }

    #[test]
    fn paths_parsed_over_the_archive_names_refer_to_them() {
        // Issue #22: a path that is an entry's name is not copied; one that is not (a file
        // missing from the archive, hostile text) is; a path twice is still found; the
        // records read the same either way, and keep the names' arena, not the entry list.
        let names = archive_names();
        let given = five_records(4);
        let json = serde_json::to_string(&given).unwrap();
        let plain: Files = serde_json::from_str(&json).unwrap();
        let over: Files = parse_over(names.clone(), None, || serde_json::from_str(&json)).unwrap();
        assert!(OVER.with(|o| o.borrow().is_none()), "the names are set for the parse only");
        let referring = over.recs.iter().filter(|r| r.in_names()).count();
        assert_eq!(referring, 3, "the three paths that are entries' names");
        assert!(over.arena.len() < plain.arena.len());
        assert_eq!(over.to_records(), given);
        assert_eq!(over, plain);
        assert_eq!(over.repeated_path(), Some("data/item-1/b/c.txt"));
        assert_eq!(over.get("data/item-1/a.txt").unwrap().original_name, "elsewhere/a.txt");
        assert_eq!(over.get("data/item-1/missing.txt").unwrap().size, 2);
        assert!(over.get("data/item-1/d").is_none(), "an entry no record names");
        assert!(over.get("data/item-1/a.tx").is_some() && over.get("data/item-1/a.t").is_none());
        assert_eq!(std::sync::Arc::strong_count(&names.entries_for_test()), 2, "the entry list is not kept");
        assert_eq!(std::sync::Arc::strong_count(&names.arena()), 3, "the names' arena is");
        drop(names);
        assert_eq!(over.to_records(), given, "the records outlive the archive");
        // Records that name no entry keep no names at all.
        let names = SharedNames::of_names(&["data/item-1/a.txt"]);
        let none: Files = parse_over(names.clone(), None, || serde_json::from_str(r#"[]"#)).unwrap();
        assert!(none.names.is_none());
    }

    /// Reads `json`'s records as [`Files::read`] does for the deserializer, over `over`, but
    /// hands them back before [`Files::index`] fits them: the room reserved is still there.
    fn read_unindexed(json: &str, over: Option<SharedNames>) -> Files {
        struct Unindexed(Option<SharedNames>);
        impl<'de> Visitor<'de> for Unindexed {
            type Value = Files;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("records")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Files, A::Error> {
                Files::read(seq, self.0, None)
            }
        }
        let mut d = serde_json::Deserializer::from_str(json);
        serde::Deserializer::deserialize_seq(&mut d, Unindexed(over)).unwrap()
    }

    #[test]
    fn tables_parsed_over_an_archive_reserve_its_entries_once_past_a_small_size_and_keep_only_their_records() {
        // Issue #22: a table parsed over an archive's names grows as usual while small (a
        // one-file item never asks for room for the whole archive), and once it reaches
        // GROW_RECORDS reserves room for the entries no earlier table described, once (not
        // growing by doubling). Indexing then keeps exactly its records.
        let n = GROW_RECORDS + 500;
        let many: Vec<String> = (0..n).map(|i| format!("data/item-1/f{i:05}")).collect();
        let mut all: Vec<&str> = vec!["bagit.txt"];
        all.extend(many.iter().map(String::as_str));
        all.push("data/item-2/x");
        let entries = all.len();
        let names = SharedNames::of_names(&all);
        let json = |paths: &[&str]| {
            let recs: Vec<FileRecord> = paths.iter().map(|p| rec(p, "f", "text/plain", 1)).collect();
            serde_json::to_string(&recs).unwrap()
        };
        let (big, small) = (json(&all[1..all.len() - 1]), json(&["data/item-2/x"]));
        let at_threshold = json(&all[1..=GROW_RECORDS]);
        let one_past = json(&all[1..GROW_RECORDS + 2]);

        // Before indexing: the room each table asked for.
        let small_room = read_unindexed(&small, Some(names.clone())).recs.capacity();
        assert!(small_room < 16, "a one-record table grows as usual: room for {small_room}");
        let full = read_unindexed(&at_threshold, Some(names.clone())).recs.capacity();
        assert!(full < entries, "a table of GROW_RECORDS records reserves nothing more: room for {full}");
        let past = read_unindexed(&one_past, Some(names.clone()));
        assert_eq!(past.recs.capacity(), entries, "one past GROW_RECORDS: room for every entry, once");
        let reserved = read_unindexed(&big, Some(names.clone()));
        assert_eq!(reserved.recs.capacity(), entries, "no doubling past the entries");
        // Entries described by earlier tables are not reserved again.
        let later = CLAIMED.with(|c| c.replace(100));
        let rest = read_unindexed(&one_past, Some(names.clone())).recs.capacity();
        // A table of more records than the entries left grows past its room, as usual.
        let over_room = read_unindexed(&big, Some(names.clone()));
        CLAIMED.set(later);
        assert_eq!(rest, entries - 100);
        assert_eq!(over_room.len(), n);
        // Not over an archive: ordinary growth.
        assert!(read_unindexed(&big, None).recs.capacity() >= n);

        // Through the deserializer: indexed tables keep their records only, and the count of
        // described records advances over an archive only, and is this parse's alone.
        let (first, second, third): (Files, Files, Files) = parse_over(names.clone(), None, || {
            let first = serde_json::from_str(&small).unwrap();
            assert_eq!(CLAIMED.get(), 1);
            (first, serde_json::from_str(&big).unwrap(), serde_json::from_str(&small).unwrap())
        });
        assert_eq!((first.len(), first.recs.capacity()), (1, 1));
        assert_eq!(second.len(), n);
        assert_eq!(second.recs.capacity(), n, "room for the entries left, fitted");
        assert_eq!(third.recs.capacity(), 1);
        assert_eq!(first.get("data/item-2/x").map(|f| f.size), Some(1));
        assert_eq!(second.iter().map(|f| f.path).collect::<Vec<_>>(), all[1..all.len() - 1]);
        assert_eq!(CLAIMED.get(), 0);
        let _plain: Files = serde_json::from_str(&small).unwrap();
        assert_eq!(CLAIMED.get(), 0, "tables parsed without an archive claim nothing");
    }

    #[test]
    fn records_made_over_a_writers_names_refer_to_them_only_where_the_place_holds_the_path() {
        // Issue #22: the sealer's records refer to its entries' names by place. A place that
        // holds the path is used; one that holds another name, runs past the names or is not
        // given is not, and the path is copied: the records read the same either way.
        let names = std::sync::Arc::new(String::from("bagit.txtdata/item-1/a.txtdata/item-1/b.txt"));
        let given = vec![
            rec("data/item-1/a.txt", "a.txt", "text/plain", 1),
            rec("data/item-1/b.txt", "b.txt", "text/plain", 2),
            rec("data/item-1/c.txt", "c.txt", "text/plain", 3),
            rec("data/item-1/d.txt", "d.txt", "text/plain", 4),
            rec("data/item-1/e.txt", "e.txt", "text/plain", 5),
        ];
        let places = [Some((9, 17)), Some((26, 17)), Some((9, 17)), Some((40, 17)), None];
        let over_names = |places: &[Option<(u32, u32)>]| {
            let mut files = Building::with_capacity(given.len());
            for (r, place) in given.iter().zip(places) {
                // As the sealer does: a place is used only where it holds the path.
                let at =
                    place.filter(|&(at, len)| names.get(at as usize..(at + len) as usize) == Some(r.path.as_str()));
                files.push(r, at).unwrap();
            }
            files.finish(&names).unwrap()
        };
        let over = over_names(&places);
        let referring = over.recs.iter().filter(|r| r.in_names()).count();
        assert_eq!(referring, 2, "a.txt and b.txt are at their places");
        assert_eq!(over.arena.len(), 3 * "data/item-1/c.txt".len(), "the three others are copied");
        assert_eq!(over.to_records(), given);
        assert_eq!(over, Files::from_records(given.clone()).unwrap());
        assert_eq!(over.get("data/item-1/b.txt").map(|f| f.size), Some(2));
        assert_eq!(std::sync::Arc::strong_count(&names), 2, "the records keep the names");
        // Records none of whose places hold their path keep no names.
        let none = over_names(&[None; 5]);
        assert!(none.names.is_none());
        assert_eq!(none.to_records(), given);
        // A place the caller did not check, past the names: the table is refused, not made.
        let mut past = Building::with_capacity(1);
        past.push(&given[0], Some((40, 17))).unwrap();
        assert!(past.finish(&names).is_none(), "a place past the names");
    }

    #[test]
    fn tables_merged_by_path_give_the_order_a_stable_sort_gives() {
        // Issue #22: the sealer's manifest-sha256.txt is written from the items' indices,
        // merged, not from every reference collected and sorted; the lines are the same.
        // `item-10` sorts between `item-1` and `item-2`; a path in two tables comes from the
        // earlier table first, and a table's own repeated path in its order.
        let tables = [
            vec![rec("data/item-1/b", "b", "t/p", 1), rec("data/item-1/a", "a", "t/p", 2)],
            vec![rec("data/item-2/a", "a", "t/p", 3), rec("data/item-1/b", "b", "t/p", 4)],
            vec![rec("data/item-10/z", "z", "t/p", 5), rec("data/item-10/z", "z", "t/p", 6)],
            vec![],
        ];
        let files: Vec<Files> = tables.iter().map(|t| Files::from_records(t.clone()).unwrap()).collect();
        let merged: Vec<(String, u64)> = merged_by_path(&files).map(|f| (f.path.to_owned(), f.size)).collect();
        let mut sorted: Vec<(String, u64)> = tables.iter().flatten().map(|r| (r.path.clone(), r.size)).collect();
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(merged, sorted);
        assert_eq!(merged.iter().map(|m| m.1).collect::<Vec<_>>(), [2, 1, 4, 5, 6, 3]);
        // Written as manifest-sha256.txt: the same bytes as sorting the lines.
        let mut a = Vec::new();
        crate::bagit::write_sorted_manifest_to(merged_by_path(&files).map(|f| (f.path, f.sha256)), &mut a).unwrap();
        let mut b = Vec::new();
        let all = files.iter().flat_map(|f| f.iter()).map(|f| (f.path, f.sha256));
        crate::bagit::write_manifest_to(all, &mut b).unwrap();
        assert_eq!(a, b);
        // Lines that do not come sorted are refused, not written out of order.
        let unsorted = files[0].iter().map(|f| (f.path, f.sha256));
        let e = crate::bagit::write_sorted_manifest_to(unsorted, &mut Vec::new()).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::InvalidInput);
    }

    #[test]
    fn a_parse_that_fails_over_the_names_leaves_none_set() {
        let names = SharedNames::of_names(&["data/item-1/a"]);
        let bad = parse_over(names, None, || serde_json::from_str::<Files>(r#"[{"path":"data/item-1/a","size":"x"}]"#));
        assert!(bad.is_err());
        assert!(OVER.with(|o| o.borrow().is_none()));
        let after: Files =
            serde_json::from_str(&serde_json::to_string(&[rec("data/item-1/a", "a", "t/p", 1)]).unwrap()).unwrap();
        assert!(after.names.is_none() && after.arena.len() == "data/item-1/a".len());
    }

    #[test]
    fn a_path_given_twice_is_found() {
        let files = Files::from_records(vec![
            rec("data/item-1/b", "b", "text/plain", 1),
            rec("data/item-1/a", "a", "text/plain", 2),
            rec("data/item-1/b", "b", "text/plain", 3),
        ])
        .unwrap();
        assert_eq!(files.repeated_path(), Some("data/item-1/b"));
        assert_eq!(files.get("data/item-1/b").unwrap().size, 1, "the first in manifest order");
        assert_eq!(files.by_path, [1, 0, 2]);
    }

    #[test]
    fn a_table_in_path_order_keeps_no_index_and_is_searched_alike() {
        // Issue #13.4: a writer's records are in path order; their index would be 0, 1, 2...
        // (4 bytes a file), so none is kept, and every lookup gives what it gives with one.
        let given = vec![
            rec("data/item-1/a", "a", "text/plain", 1),
            rec("data/item-1/b", "b", "text/plain", 2),
            rec("data/item-1/b", "b", "text/plain", 3),
            rec("data/item-1/c/d", "d", "text/plain", 4),
        ];
        let files = Files::from_records(given.clone()).unwrap();
        assert!(files.by_path.is_empty());
        assert_eq!(files.repeated_path(), Some("data/item-1/b"));
        assert_eq!(files.get("data/item-1/b").unwrap().size, 2, "the first in manifest order");
        assert_eq!(files.get("data/item-1/c/d").unwrap().size, 4);
        assert_eq!(files.get("data/item-1/a").unwrap().size, 1);
        assert!(files.get("data/item-1/c").is_none() && files.get("data/item-1/e").is_none());
        let in_order: Vec<u64> = files.iter_by_path().map(|f| f.size).collect();
        assert_eq!(in_order, [1, 2, 3, 4]);
        // The same records out of order: indexed, found alike.
        let mut shuffled = given.clone();
        shuffled.swap(0, 3);
        let indexed = Files::from_records(shuffled).unwrap();
        assert_eq!(indexed.by_path, [3, 1, 2, 0]);
        assert_eq!(indexed.repeated_path(), files.repeated_path());
        let sizes: Vec<u64> = indexed.iter_by_path().map(|f| f.size).collect();
        assert_eq!(sizes, [1, 2, 3, 4]);
        assert_eq!(indexed.get("data/item-1/b").unwrap().size, 2);
        assert_eq!(Files::from_records(vec![]).unwrap().repeated_path(), None);
        assert_eq!(Files::from_records(given[..1].to_vec()).unwrap().get("data/item-1/a").unwrap().size, 1);
    }

    #[test]
    fn a_record_malformed_halfway_is_a_clear_error() {
        let good = serde_json::to_string(&rec("data/item-1/a", "a", "text/plain", 1)).unwrap();
        let json = format!("[{good},{good},{{\"path\":\"data/item-1/c\",\"size\":\"big\"}},{good}]");
        let e = serde_json::from_str::<Files>(&json).unwrap_err().to_string();
        assert!(e.contains("invalid type"), "{e}");
    }
}
