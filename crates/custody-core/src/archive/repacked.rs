//! A re-zipped bundle read leniently (spec §9.6): when the strict reader refuses a file for a
//! rule another ZIP tool breaks ([`ArchiveError::leaves_entries_readable`]), this reader still
//! finds its entries, so that the report can say whether the evidence and the signatures hold
//! although the container is not the sealed one.
//!
//! Lenient only where ZIP tools differ: flags (UTF-8 or not, data descriptors), extra fields,
//! times, attributes and versions are not looked at, and entries may be deflated. Lenient
//! never about which bytes are read: every byte from offset 0 to the central directory is
//! accounted for, each entry (folder entries too, which hold no data) being its local header,
//! name, extra field, data and the data descriptor its flags announce (with or without its
//! signature, 32- or 64-bit sizes, repeating its record's CRC-32 and sizes), in offset order,
//! with no gap and no overlap; the central directory is exactly its records and ends where the
//! end records begin. Still refused: encryption, a method other than stored or deflated, a
//! symbolic link or other special entry, several disks, a local header whose name differs, and
//! every name rule and limit of spec §3.3 and §3.4. The root rule of §2.5 holds, or its
//! lenient form ([`super::root`]: the bag at the top level, or in one wrapping folder). A
//! deflated entry inflates to exactly its recorded size, a recorded size beyond what deflate
//! can give from its packed bytes (1032 to 1) is refused, and so is a sum of recorded sizes
//! beyond [`REPACKED_INFLATION_RATIO`] times the file plus [`REPACKED_INFLATION_ALLOWANCE`],
//! both before anything is inflated; the CRC-32 of every entry is checked when it is read.
//! Time is linear in the file (offsets and names sorted once).

use super::pieces::{Packed, RepackedSource};
use super::read::{CentralDirectory, index_by_name};
use super::records::read_at;
use super::root::strip_root_leniently;
use super::*;
use crate::layout::{
    MAX_CENTRAL_DIRECTORY, MAX_ENTRIES, MAX_NAME_LEN, REPACKED_INFLATION_ALLOWANCE, REPACKED_INFLATION_RATIO,
};

/// The most deflate can expand: 258 bytes from 2 bits, about 1032 to 1, with a margin for
/// tiny entries.
fn inflates_at_most(packed: u64) -> u64 {
    packed.saturating_mul(1032).saturating_add(1024)
}

/// The end records found leniently ([`find_end`]).
struct End {
    /// The entries the central directory holds.
    count: u64,
    /// The central directory's size.
    cd_size: u64,
    /// Where it starts.
    cd_offset: u64,
    /// Where the end records start (the ZIP64 end record's offset if there is one): the
    /// central directory ends there.
    records_at: u64,
}

/// The end record found leniently: the last one in the file's last 64 KiB whose comment
/// reaches exactly the end of the file; its ZIP64 record when a locator precedes it, which
/// must end where the locator starts.
fn find_end<S: Source + ?Sized>(src: &S) -> Result<End, ArchiveError> {
    let len = src.len();
    let tail_len = len.min(EOCD_LEN + 65_535);
    let tail = read_at(src, len - tail_len, tail_len as usize, "end record")?;
    let base = len - tail_len;
    let at = (0..tail.len().saturating_sub(EOCD_LEN as usize - 1))
        .rev()
        .find(|&i| le32(&tail, i) == SIG_EOCD && i + EOCD_LEN as usize + usize::from(le16(&tail, i + 20)) == tail.len())
        .ok_or(ArchiveError::NotZip)?;
    let e = &tail[at..at + EOCD_LEN as usize];
    let eocd_at = base + at as u64;
    if le16(e, 4) != 0 || (le16(e, 6) != 0 && le16(e, 6) != 0xFFFF) {
        return Err(ArchiveError::MultiDisk);
    }
    let mut end = End {
        count: u64::from(le16(e, 10)),
        cd_size: u64::from(le32(e, 12)),
        cd_offset: u64::from(le32(e, 16)),
        records_at: eocd_at,
    };
    if eocd_at >= ZIP64_LOCATOR_LEN {
        let locator_at = eocd_at - ZIP64_LOCATOR_LEN;
        let l = read_at(src, locator_at, ZIP64_LOCATOR_LEN as usize, "ZIP64 locator")?;
        if le32(&l, 0) == SIG_ZIP64_LOCATOR {
            if le32(&l, 4) != 0 || le32(&l, 16) > 1 {
                return Err(ArchiveError::MultiDisk);
            }
            let z_at = le64(&l, 8);
            let z = read_at(src, z_at, ZIP64_EOCD_LEN as usize, "ZIP64 end record")?;
            if le32(&z, 0) != SIG_ZIP64_EOCD {
                return Err(malformed(wording::archive::ZIP64_RECORD_BAD));
            }
            if le32(&z, 16) != 0 || le32(&z, 20) != 0 {
                return Err(ArchiveError::MultiDisk);
            }
            // The record's size field counts the bytes after itself (12 before it).
            match le64(&z, 4).checked_add(12).and_then(|n| z_at.checked_add(n)) {
                Some(z_end) if z_end == locator_at => {}
                Some(z_end) if z_end < locator_at => {
                    return Err(unaccounted(src, z_end, locator_at - z_end));
                }
                _ => return Err(malformed(wording::archive::ZIP64_RECORD_BAD)),
            }
            end = End { count: le64(&z, 32), cd_size: le64(&z, 40), cd_offset: le64(&z, 48), records_at: z_at };
        }
    }
    Ok(end)
}

/// [`ArchiveError::Unaccounted`] for the `len` bytes at `at`, saying what they look like.
fn unaccounted<S: Source + ?Sized>(src: &S, at: u64, len: u64) -> ArchiveError {
    let mut head = vec![0u8; len.min(8) as usize];
    let found = match src.read_exact_at(&mut head, at) {
        Ok(()) => wording::archive::found_bytes(&head),
        Err(_) => wording::archive::found_bytes(&[]),
    };
    ArchiveError::Unaccounted { at, len, found }
}

/// The most compressed bytes an empty deflated entry may have: a deflate stream of nothing
/// is 2 bytes (an empty fixed block), 5 as an empty stored block; more is room to hide bytes.
const EMPTY_DEFLATE_AT_MOST: u64 = 8;

/// One central directory record as the lenient reader walks the file: a file (its index
/// among the entries) or a folder (its index among the folders). Held as a [`Kept`].
#[derive(Debug, Clone, Copy)]
struct Walked {
    header_offset: u64,
    packed: u64,
    size: u64,
    crc32: u32,
    /// Flag bit 3: a data descriptor follows the data.
    descriptor: bool,
    deflated: bool,
    /// `Ok(i)`: the file `entries[i]`; `Err(i)`: the folder `folders[i]`.
    index: Result<usize, usize>,
}

/// What the walk keeps of a record beyond its entry in `entries` or `folders`: 16 bytes,
/// where a [`Walked`] (48) repeats the entry's offset, size and CRC-32, 32 MB more at a
/// million entries held beside every name (issue #13.4).
#[derive(Debug, Clone, Copy)]
struct Kept {
    packed: u64,
    /// The index in `entries`, or, with [`IN_FOLDERS`], in `folders`.
    at: u32,
    descriptor: bool,
    deflated: bool,
}

const _: () = assert!(std::mem::size_of::<Kept>() == 16);

/// [`Kept::at`]'s flag: the record is a folder's (at most [`MAX_ENTRIES`] records, far below).
const IN_FOLDERS: u32 = 1 << 31;

impl Kept {
    /// What of `w` is not in its entry; `None` for an index past [`IN_FOLDERS`] (never: the
    /// records are counted first).
    fn of(w: &Walked) -> Option<Kept> {
        let at = match w.index {
            Ok(i) => u32::try_from(i).ok().filter(|&i| i & IN_FOLDERS == 0)?,
            Err(i) => u32::try_from(i).ok().filter(|&i| i & IN_FOLDERS == 0)? | IN_FOLDERS,
        };
        Some(Kept { packed: w.packed, at, descriptor: w.descriptor, deflated: w.deflated })
    }

    /// Where the record's local header is (its entry's field, read without the rest: the walk
    /// sorts a million records by it).
    fn header_offset(&self, entries: &Entries, folders: &Entries) -> Option<u64> {
        let i = (self.at & !IN_FOLDERS) as usize;
        if self.at & IN_FOLDERS == 0 { entries.header_offset(i) } else { folders.header_offset(i) }
    }

    /// The record whole again, with its entry's fields.
    fn walked(&self, entries: &Entries, folders: &Entries) -> Option<Walked> {
        let i = (self.at & !IN_FOLDERS) as usize;
        let (e, index) = if self.at & IN_FOLDERS == 0 { (entries.get(i)?, Ok(i)) } else { (folders.get(i)?, Err(i)) };
        Some(Walked {
            header_offset: e.header_offset,
            packed: self.packed,
            size: e.size,
            crc32: e.crc32,
            descriptor: self.descriptor,
            deflated: self.deflated,
            index,
        })
    }
}

/// Reads the file leniently as a bundle re-zipped by another tool (module doc). The entries
/// are the bundle's bag paths, as [`Archive::open`] gives them, over a [`RepackedSource`].
pub fn open_repacked<S: Source + ?Sized>(zip: &S) -> Result<Archive<RepackedSource<'_, S>>, ArchiveError> {
    let End { count, cd_size, cd_offset, records_at } = find_end(zip)?;
    if count > MAX_ENTRIES {
        return Err(ArchiveError::TooManyEntries(count));
    }
    if cd_offset.checked_add(cd_size).is_none_or(|e| e > records_at) {
        return Err(malformed(wording::archive::CD_NOT_BEFORE_END_RECORDS));
    }
    if cd_size > MAX_CENTRAL_DIRECTORY {
        return Err(malformed(wording::archive::cd_too_large(cd_size)));
    }
    // Read in blocks, never whole (about 150 MB at a million entries re-zipped with extra
    // fields), the lists reserved once as the strict reader reserves them.
    let mut cd = CentralDirectory::new(zip, cd_offset, cd_size);
    let mut entries = CentralDirectory::<S>::room_for(count, cd_size);
    let mut folders = Entries::with_capacity(16, 0);
    let mut walked: Vec<Kept> = Vec::with_capacity(entries.capacity());
    let kept = |w: &Walked| Kept::of(w).ok_or(ArchiveError::TooManyEntries(count));
    let mut total: u64 = 0;
    let mut pos = 0usize;
    for _ in 0..count {
        let h = cd.take(CENTRAL_HEADER_LEN)?.ok_or_else(|| malformed(wording::archive::CD_SHORTER_THAN_COUNT))?;
        if le32(h, 0) != SIG_CENTRAL {
            return Err(malformed(wording::archive::CD_BAD_SIGNATURE));
        }
        let (made_by, flags, method, crc32) = (le16(h, 4), le16(h, 8), le16(h, 10), le32(h, 16));
        let (csize32, usize32) = (le32(h, 20), le32(h, 24));
        let (nlen, xlen, clen) = (usize::from(le16(h, 28)), usize::from(le16(h, 30)), usize::from(le16(h, 32)));
        let (disk, ext_attrs, offset32) = (le16(h, 34), le32(h, 38), le32(h, 42));
        let var = cd.take(nlen + xlen + clen)?.ok_or_else(|| malformed(wording::archive::CD_RECORD_RUNS_PAST))?;
        pos += CENTRAL_HEADER_LEN + nlen + xlen + clen;
        if nlen > MAX_NAME_LEN {
            return Err(ArchiveError::NameTooLong(nlen));
        }
        let name = String::from_utf8(var[..nlen].to_vec())
            .map_err(|_| ArchiveError::NonUtf8Name(String::from_utf8_lossy(&var[..nlen]).into_owned()))?;
        if flags & 0x0041 != 0 {
            return Err(ArchiveError::Encrypted(name));
        }
        let (mut size, mut packed, mut offset) = (u64::from(usize32), u64::from(csize32), u64::from(offset32));
        let mut disk = u32::from(disk);
        zip64_fields(
            &var[nlen..nlen + xlen],
            usize32,
            csize32,
            offset32,
            [&mut size, &mut packed, &mut offset],
            &mut disk,
        );
        if disk != 0 {
            return Err(ArchiveError::MultiDisk);
        }
        let unix_kind = (made_by >> 8 == 3).then_some((ext_attrs >> 16) & 0o170000);
        let folder = name.ends_with('/');
        let entry = Entry { name: &name, size, crc32, header_offset: offset, data_offset: 0 };
        let mut w = Walked {
            header_offset: offset,
            packed,
            size,
            crc32,
            descriptor: flags & 0x0008 != 0,
            deflated: false,
            index: Ok(0),
        };
        if folder && matches!(unix_kind, None | Some(0) | Some(0o040000)) {
            // A folder entry: walked (its local header lies between the files'), never read.
            if size != 0 || packed != 0 {
                return Err(malformed(wording::archive::folder_holds_data(&name, size, packed)));
            }
            w.index = Err(folders.len());
            folders.push(entry)?;
            walked.push(kept(&w)?);
            continue;
        }
        if folder || !matches!(unix_kind, None | Some(0) | Some(0o100000)) || ext_attrs & 0x10 != 0 {
            return Err(ArchiveError::NotRegularFile(name));
        }
        check_name(&name).map_err(|why| ArchiveError::UnsafeName { name: name.clone(), why })?;
        w.deflated = match method {
            0 if packed == size => false,
            0 => return Err(malformed(wording::archive::stored_sizes_differ(&name))),
            8 if size == 0 && packed > EMPTY_DEFLATE_AT_MOST => {
                return Err(malformed(wording::archive::inflates_beyond(&name, size, packed)));
            }
            8 if size <= inflates_at_most(packed) => true,
            8 => return Err(malformed(wording::archive::inflates_beyond(&name, size, packed))),
            _ => return Err(ArchiveError::UnsupportedCompression { name, method }),
        };
        total = total.saturating_add(size);
        w.index = Ok(entries.len());
        entries.push(entry)?;
        walked.push(kept(&w)?);
    }
    drop(cd);
    if pos as u64 != cd_size {
        return Err(unaccounted(zip, cd_offset + pos as u64, cd_size - pos as u64));
    }
    if cd_offset + cd_size != records_at {
        return Err(unaccounted(zip, cd_offset + cd_size, records_at - cd_offset - cd_size));
    }
    // All the entries inflate to at most a bound (spec §9.6), checked before any is read.
    let limit = zip.len().saturating_mul(REPACKED_INFLATION_RATIO).saturating_add(REPACKED_INFLATION_ALLOWANCE);
    if total > limit {
        return Err(ArchiveError::InflatesTooMuch { total, file_len: zip.len(), limit });
    }
    let by_name = index_by_name(&entries).map_err(ArchiveError::DuplicateName)?;
    let mut folded = crate::names::NameSet::with_room(entries.len());
    for e in &entries {
        folded.insert_key(e.name);
    }
    folded.check_by(|i| entries.name(i).unwrap_or_default())?;
    drop(folded);
    walk(zip, &walked, &mut entries, &folders, cd_offset)?;
    // Each entry's piece, in the entries' order (the walk's records are in the central
    // directory's, a file's index the count of files before it), so that the source can read
    // its starts from the entries once they are final (issue #13.4).
    let mut source = RepackedSource::new(zip, entries.len());
    let mut files = walked.iter().filter(|k| k.at & IN_FOLDERS == 0);
    for i in 0..entries.len() {
        // The walk set the data's offset in the file; the source gives it one of its own.
        let (Some(k), Some((size, start))) = (files.next(), entries.get(i).map(|e| (e.size, e.data_offset))) else {
            return Err(malformed(wording::archive::CD_SHORTER_THAN_COUNT));
        };
        if k.at as usize != i {
            return Err(malformed(wording::archive::CD_SHORTER_THAN_COUNT));
        }
        let at = source.push(Packed::new(start, k.packed, k.deflated), size);
        entries.set_data_offset(i, at);
    }
    // What the walk needed is not held beside what the root's check builds (issue #22).
    drop((walked, folders));
    let root = strip_root_leniently(&source, &mut entries)?;
    entries.freeze();
    let entries = std::sync::Arc::new(entries);
    let source = source.share(entries.clone()).ok_or_else(|| malformed(wording::archive::CD_SHORTER_THAN_COUNT))?;
    let end = source.len();
    Ok(Archive::assemble(entries, root, Box::new(source), end, Container::Repacked, by_name))
}

/// Accounts for every byte from offset 0 to the central directory at `cd_offset`: in order
/// of their offsets, each entry (file or folder) is its local header with its name, its
/// extra field, its data and the data descriptor it announces, and the next starts where it
/// ends; nothing before the first, nothing after the last. Sets each file's data offset in
/// the file (in `entries`, where it is held until the source places it; issue #13.4: a list
/// of them beside was 8 MB at a million entries).
fn walk<S: Source + ?Sized>(
    zip: &S,
    walked: &[Kept],
    entries: &mut Entries,
    folders: &Entries,
    cd_offset: u64,
) -> Result<(), ArchiveError> {
    let mut ahead = Ahead { zip, at: 0, block: Vec::new(), end: cd_offset };
    let mut order: Vec<u32> = (0..walked.len()).filter_map(|i| u32::try_from(i).ok()).collect();
    order.sort_unstable_by_key(|&i| walked.get(i as usize).and_then(|k| k.header_offset(entries, folders)));
    // Where the entry before ends (after its data), and that entry.
    let mut reached: u64 = 0;
    let mut before: Option<Walked> = None;
    for &i in &order {
        // Always there: every record has its entry.
        let Some(w) = walked.get(i as usize).and_then(|k| k.walked(entries, folders)) else {
            return Err(malformed(wording::archive::CD_SHORTER_THAN_COUNT));
        };
        let w = &w;
        let name_of = |w: &Walked| name_in(w, entries, folders);
        reached = after_descriptor(&mut ahead, before.as_ref(), reached, w.header_offset, &name_of)?;
        if w.header_offset < reached {
            let with = before.map_or_else(String::new, |b| wording::archive::overlaps_entry(name_of(&b), reached));
            return Err(ArchiveError::Overlapping { name: name_of(w).to_owned(), at: w.header_offset, with });
        }
        let name = name_of(w);
        if w.header_offset.checked_add(LOCAL_HEADER_LEN).is_none_or(|end| end > cd_offset) {
            let with = wording::archive::overlaps_directory(cd_offset);
            return Err(ArchiveError::Overlapping { name: name.to_owned(), at: w.header_offset, with });
        }
        if w.header_offset > reached {
            return Err(unaccounted(zip, reached, w.header_offset - reached));
        }
        let mismatch = |field| ArchiveError::HeaderMismatch { name: name.to_owned(), field };
        // Copied (30 bytes), so that the name is read from the same block before the fields
        // are checked, in the order the checks have always been made.
        let mut head = [0u8; LOCAL_HEADER_LEN as usize];
        head.copy_from_slice(ahead.read(w.header_offset, LOCAL_HEADER_LEN as usize, "local header")?);
        if le32(&head, 0) != SIG_LOCAL {
            return Err(mismatch(wording::archive::NO_LOCAL_HEADER));
        }
        let (nlen, xlen) = (u64::from(le16(&head, 26)), u64::from(le16(&head, 28)));
        if ahead.read(w.header_offset + LOCAL_HEADER_LEN, nlen as usize, "local header")? != name.as_bytes() {
            return Err(mismatch("name"));
        }
        check_local_fields(&head, w).map_err(mismatch)?;
        let start = w.header_offset + LOCAL_HEADER_LEN + nlen + xlen;
        let Some(end) = start.checked_add(w.packed).filter(|&end| end <= cd_offset) else {
            let with = wording::archive::overlaps_directory(cd_offset);
            return Err(ArchiveError::Overlapping { name: name.to_owned(), at: w.header_offset, with });
        };
        if w.deflated && w.size == 0 {
            // Never read for its content: its compressed bytes are checked here, or they would
            // be bytes no check looked at.
            if !inflates_to_nothing(ahead.read(start, w.packed as usize, "compressed data")?) {
                return Err(malformed(wording::archive::empty_entry_not_empty(name)));
            }
        }
        if let Ok(e) = w.index {
            entries.set_data_offset(e, start);
        }
        reached = end;
        before = Some(*w);
    }
    let name_of = |w: &Walked| name_in(w, entries, folders);
    reached = after_descriptor(&mut ahead, before.as_ref(), reached, cd_offset, &name_of)?;
    if reached < cd_offset {
        return Err(unaccounted(zip, reached, cd_offset - reached));
    }
    Ok(())
}

/// The name of the entry or folder `w` is.
fn name_in<'e>(w: &Walked, entries: &'e Entries, folders: &'e Entries) -> &'e str {
    match w.index {
        Ok(i) => entries.name(i),
        Err(i) => folders.name(i),
    }
    .unwrap_or_default()
}

/// A local header's method, CRC-32 and sizes against the central directory's (other tools
/// extract by the local header): the method always; the CRC-32 and sizes when no data
/// descriptor carries them (flag bit 3 clear), a size of 0xFFFFFFFF standing for its ZIP64
/// extra field; with a descriptor, zero or the central value. `Err`: the field that differs.
fn check_local_fields(head: &[u8], w: &Walked) -> Result<(), &'static str> {
    let method = if w.deflated { 8 } else { 0 };
    if le16(head, 8) != method {
        return Err(wording::archive::LOCAL_METHOD);
    }
    let (crc, packed, size) = (le32(head, 14), le32(head, 18), le32(head, 22));
    let same = |local: u32, central: u64| u64::from(local) == central || local == u32::MAX;
    let fields = [
        (crc == w.crc32, crc == 0, wording::archive::LOCAL_CRC),
        (same(packed, w.packed), packed == 0, wording::archive::LOCAL_PACKED),
        (same(size, w.size), size == 0, wording::archive::LOCAL_SIZE),
    ];
    for (equal, zero, field) in fields {
        if !(equal || (w.descriptor && zero)) {
            return Err(field);
        }
    }
    Ok(())
}

/// Whether `packed` is a whole deflate stream that gives no byte and ends at its last byte.
fn inflates_to_nothing(packed: &[u8]) -> bool {
    let mut d = flate2::Decompress::new(false);
    let mut out = [0u8; 1];
    matches!(d.decompress(packed, &mut out, flate2::FlushDecompress::Finish), Ok(flate2::Status::StreamEnd))
        && d.total_out() == 0
        && d.total_in() == packed.len() as u64
}

/// The walk's reads, in offset order, served from one block read ahead: a million small
/// entries cost a few thousand reads of the file, not three million. A read that runs past the
/// block (or past `end`, the central directory) is read on its own, as it asks.
struct Ahead<'z, S: ?Sized> {
    zip: &'z S,
    /// Where the block starts in the file.
    at: u64,
    block: Vec<u8>,
    end: u64,
}

impl<S: Source + ?Sized> Ahead<'_, S> {
    const BLOCK: u64 = 1 << 16;

    /// The `len` bytes at `offset` (`what` names them if the file ends first): exactly `len`
    /// bytes, or an error.
    fn read(&mut self, offset: u64, len: usize, what: &str) -> Result<&[u8], ArchiveError> {
        let within = |a: &Self| {
            let from = usize::try_from(offset.checked_sub(a.at)?).ok()?;
            (from.checked_add(len)? <= a.block.len()).then_some(from)
        };
        let from = match within(self) {
            Some(from) => from,
            None => {
                let ahead = Self::BLOCK.min(self.end.saturating_sub(offset));
                let want = if len as u64 <= ahead { ahead as usize } else { len };
                self.block = read_at(self.zip, offset, want, what)?;
                self.at = offset;
                0
            }
        };
        self.block.get(from..from + len).ok_or_else(|| malformed(wording::archive::runs_past_end(what)))
    }
}

/// Where the entry `before`, whose data ends at `reached`, ends: after the data descriptor
/// it announces, when the `next` entry (or the central directory) starts where one of the
/// four forms would end (12 or 20 bytes with 32- or 64-bit sizes, 4 more with its signature)
/// and it repeats the entry's CRC-32 and sizes. Anything else is left for the caller to refuse.
fn after_descriptor<'n, S: Source + ?Sized>(
    zip: &mut Ahead<'_, S>,
    before: Option<&Walked>,
    reached: u64,
    next: u64,
    name_of: &impl Fn(&Walked) -> &'n str,
) -> Result<u64, ArchiveError> {
    let Some(w) = before.filter(|w| w.descriptor) else { return Ok(reached) };
    let gap = next.saturating_sub(reached);
    if !matches!(gap, 12 | 16 | 20 | 24) {
        return Ok(reached);
    }
    let d = zip.read(reached, gap as usize, "data descriptor")?;
    let signed = gap.is_multiple_of(8);
    if signed && le32(d, 0) != SIG_DESCRIPTOR {
        return Ok(reached);
    }
    let body = &d[if signed { 4 } else { 0 }..];
    let (packed, size) = if body.len() == 20 {
        (le64(body, 4), le64(body, 12))
    } else {
        (u64::from(le32(body, 4)), u64::from(le32(body, 8)))
    };
    if le32(body, 0) != w.crc32 || packed != w.packed || size != w.size {
        let found = wording::archive::descriptor_disagrees(name_of(w));
        return Err(ArchiveError::Unaccounted { at: reached, len: gap, found });
    }
    Ok(next)
}

/// The ZIP64 values of the fields that hold a marker, from the extra field's block `0x0001`
/// if there is one (other blocks are skipped; a short block leaves the markers, which then
/// point past the file and are refused). The disk number comes last, when its field is 0xFFFF.
fn zip64_fields(extra: &[u8], usize32: u32, csize32: u32, offset32: u32, out: [&mut u64; 3], disk: &mut u32) {
    let mut pos = 0;
    while pos + 4 <= extra.len() {
        let (id, len) = (le16(extra, pos), usize::from(le16(extra, pos + 2)));
        let Some(body) = extra.get(pos + 4..pos + 4 + len) else { return };
        if id == EXTRA_ZIP64 {
            let mut at = 0;
            for (marker, slot) in [usize32, csize32, offset32].into_iter().zip(out) {
                if marker == u32::MAX {
                    let Some(v) = body.get(at..at + 8) else { return };
                    *slot = le64(v, 0);
                    at += 8;
                }
            }
            if *disk == 0xFFFF
                && let Some(v) = body.get(at..at + 4)
            {
                *disk = le32(v, 0);
            }
            return;
        }
        pos += 4 + len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};
    use zip::write::SimpleFileOptions;

    const ROOT: &str = "custody-00112233445566778899aabbccddeeff/";

    /// A bundle's files packed again as `zip -r` packs them: a folder entry for every folder,
    /// every file deflated; `link`: also a symbolic link.
    fn rezip(link: bool) -> Vec<u8> {
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let deflated = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        z.add_directory(ROOT, deflated).unwrap();
        z.start_file(format!("{ROOT}bagit.txt"), deflated).unwrap();
        z.write_all(b"BagIt-Version: 1.0\n").unwrap();
        z.add_directory(format!("{ROOT}data/"), deflated).unwrap();
        z.start_file(format!("{ROOT}data/a.txt"), deflated).unwrap();
        z.write_all(&b"evidence ".repeat(1000)).unwrap();
        z.start_file(format!("{ROOT}data/stored.bin"), deflated.compression_method(zip::CompressionMethod::Stored))
            .unwrap();
        z.write_all(b"stored").unwrap();
        if link {
            z.add_symlink(format!("{ROOT}data/link"), "/etc/passwd", deflated).unwrap();
        }
        z.finish().unwrap().into_inner()
    }

    /// Where the central directory record of the entry named `name` starts.
    fn record_of(zip: &[u8], name: &str) -> usize {
        (0..zip.len() - 46)
            .find(|&i| zip[i..].starts_with(b"PK\x01\x02") && zip[i + 46..].starts_with(name.as_bytes()))
            .unwrap()
    }

    fn read(a: &Archive<RepackedSource<'_, Vec<u8>>>, name: &str) -> Result<(Vec<u8>, bool), ArchiveError> {
        let mut out = Vec::new();
        let d = a.hash_entry(a.entry(name).unwrap(), &mut out)?;
        Ok((out, d.crc_ok))
    }

    /// The strict reader refuses `zip -r`'s output for a reason that leaves the entries
    /// readable; the lenient one reads them (folder entries skipped, deflated inflated).
    #[test]
    fn a_rezipped_bundle_is_read_leniently() {
        let zip = rezip(false);
        let refused = Archive::open(Box::new(zip.clone())).err().unwrap();
        assert!(refused.leaves_entries_readable(), "{refused}");
        let a = open_repacked(&zip).unwrap();
        assert_eq!(a.container(), Container::Repacked);
        let names: Vec<&str> = a.entries().iter().map(|e| e.name).collect();
        assert_eq!(names, ["bagit.txt", "data/a.txt", "data/stored.bin"]);
        assert_eq!(read(&a, "data/a.txt").unwrap(), (b"evidence ".repeat(1000), true));
        assert_eq!(read(&a, "data/stored.bin").unwrap(), (b"stored".to_vec(), true));
        // Read again, and in small reads through the entry reader: the same bytes.
        let mut r = a.entry_reader(a.entry("data/a.txt").unwrap());
        let mut small = [0u8; 7];
        std::io::Read::read_exact(&mut r, &mut small).unwrap();
        assert_eq!(&small, b"evidenc");
        assert!(r.finish().unwrap().crc_ok);
        assert_eq!(read(&a, "data/a.txt").unwrap().0.len(), 9000);
    }

    /// A ZIP file taken apart: the bytes before its central directory, and its central
    /// directory records (46 fixed bytes, name, extra field, comment), to be changed and
    /// [`join`]ed again with a fresh end record.
    struct Parts {
        body: Vec<u8>,
        records: Vec<[Vec<u8>; 4]>,
    }

    fn split(zip: &[u8]) -> Parts {
        let eocd = zip.len() - 22;
        assert_eq!(&zip[eocd..eocd + 4], b"PK\x05\x06");
        let count = u16::from_le_bytes([zip[eocd + 10], zip[eocd + 11]]) as usize;
        let cd = u32::from_le_bytes(zip[eocd + 16..eocd + 20].try_into().unwrap()) as usize;
        let mut records = Vec::new();
        let mut at = cd;
        for _ in 0..count {
            let len = |o: usize| u16::from_le_bytes([zip[at + o], zip[at + o + 1]]) as usize;
            let (n, x, c) = (len(28), len(30), len(32));
            let fixed = zip[at..at + 46].to_vec();
            let name = zip[at + 46..at + 46 + n].to_vec();
            let extra = zip[at + 46 + n..at + 46 + n + x].to_vec();
            let comment = zip[at + 46 + n + x..at + 46 + n + x + c].to_vec();
            records.push([fixed, name, extra, comment]);
            at += 46 + n + x + c;
        }
        Parts { body: zip[..cd].to_vec(), records }
    }

    fn join(p: &Parts) -> Vec<u8> {
        let mut out = p.body.clone();
        let cd = out.len();
        for [fixed, name, extra, comment] in &p.records {
            let mut fixed = fixed.clone();
            fixed[28..30].copy_from_slice(&(name.len() as u16).to_le_bytes());
            fixed[30..32].copy_from_slice(&(extra.len() as u16).to_le_bytes());
            fixed[32..34].copy_from_slice(&(comment.len() as u16).to_le_bytes());
            out.extend([fixed, name.clone(), extra.clone(), comment.clone()].concat());
        }
        let n = p.records.len() as u16;
        out.extend(b"PK\x05\x06\0\0\0\0");
        out.extend([n.to_le_bytes(), n.to_le_bytes()].concat());
        out.extend(((out.len() - cd) as u32 - 8 - 4).to_le_bytes());
        out.extend((cd as u32).to_le_bytes());
        out.extend([0, 0]);
        out
    }

    impl Parts {
        /// The record of the entry named `name` (the root's folder added).
        fn record(&mut self, name: &str) -> &mut [Vec<u8>; 4] {
            let name = format!("{ROOT}{name}");
            self.records.iter_mut().find(|r| r[1] == name.as_bytes()).unwrap()
        }
        /// Inserts `bytes` into the body at `at`, moving the entries after it.
        fn insert(&mut self, at: usize, bytes: &[u8]) {
            self.body.splice(at..at, bytes.iter().copied());
            for r in &mut self.records {
                let off = u32::from_le_bytes(r[0][42..46].try_into().unwrap());
                if off as usize >= at {
                    r[0][42..46].copy_from_slice(&(off + bytes.len() as u32).to_le_bytes());
                }
            }
        }
        fn offset_of(&mut self, name: &str) -> usize {
            u32::from_le_bytes(self.record(name)[0][42..46].try_into().unwrap()) as usize
        }
    }

    fn set32(field: &mut [u8], at: usize, v: u32) {
        field[at..at + 4].copy_from_slice(&v.to_le_bytes());
    }

    /// Bytes the reader would count as an entry's without reading them (review of #19.5):
    /// bytes after the end of a deflate stream within its compressed size, an empty entry's
    /// compressed bytes, and local header fields other tools extract by.
    #[test]
    fn no_compressed_byte_goes_unread_and_local_headers_agree() {
        let zip = rezip(false);
        // Junk after a.txt's deflate stream, its compressed size raised in both headers.
        let mut p = split(&zip);
        let local = p.offset_of("data/a.txt");
        let packed = u32::from_le_bytes(p.record("data/a.txt")[0][20..24].try_into().unwrap());
        let name_len = u16::from_le_bytes([p.body[local + 26], p.body[local + 27]]) as usize;
        let extra_len = u16::from_le_bytes([p.body[local + 28], p.body[local + 29]]) as usize;
        let end = local + 30 + name_len + extra_len + packed as usize;
        p.insert(end, b"HIDDEN-NOT-CHECKED");
        let grown = packed + 18;
        set32(&mut p.body, local + 18, grown);
        set32(&mut p.record("data/a.txt")[0], 20, grown);
        let junk = join(&p);
        let a = open_repacked(&junk).unwrap();
        let e = read(&a, "data/a.txt").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("ends before its recorded compressed size"), "{e}");

        // An empty deflated entry holding compressed bytes: checked when opened.
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let deflated = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        z.start_file(format!("{ROOT}bagit.txt"), deflated).unwrap();
        z.write_all(b"BagIt-Version: 1.0\n").unwrap();
        z.start_file(format!("{ROOT}data/empty.txt"), deflated).unwrap();
        let empty = z.finish().unwrap().into_inner();
        assert!(open_repacked(&empty).is_ok(), "an honest empty entry");
        let mut p = split(&empty);
        let local = p.offset_of("data/empty.txt");
        let packed = u32::from_le_bytes(p.record("data/empty.txt")[0][20..24].try_into().unwrap());
        let end = local + 30 + format!("{ROOT}data/empty.txt").len() + packed as usize;
        p.insert(end, b"XYZ");
        set32(&mut p.body, local + 18, packed + 3);
        set32(&mut p.record("data/empty.txt")[0], 20, packed + 3);
        let e = open_repacked(&join(&p)).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("is empty, but its compressed data"), "{e}");

        // A local header that says stored, or another CRC-32, than the central directory.
        let at = record_of(&zip, &format!("{ROOT}data/a.txt"));
        let local = u32::from_le_bytes(zip[at + 42..at + 46].try_into().unwrap()) as usize;
        let mut stored = zip.clone();
        stored[local + 8..local + 10].copy_from_slice(&0u16.to_le_bytes());
        let e = open_repacked(&stored).err();
        assert!(matches!(e, Some(ArchiveError::HeaderMismatch { field: "compression method", .. })), "{e:?}");
        let mut crc = zip.clone();
        crc[local + 14] ^= 0xff;
        let e = open_repacked(&crc).err();
        assert!(matches!(e, Some(ArchiveError::HeaderMismatch { field: "CRC-32", .. })), "{e:?}");
    }

    /// The taken-apart archive joins again into one the reader reads (the helpers are sound).
    #[test]
    fn split_and_join_give_the_same_archive() {
        let zip = rezip(false);
        assert_eq!(join(&split(&zip)), zip);
    }

    /// Every byte from offset 0 to the central directory is an entry's: bytes before the first
    /// entry (a self-extractor's program), between entries, before the central directory, or
    /// an entry whose record was removed (its local header then lies between entries), are
    /// refused with their offset and what they look like. Folder entries are walked: a
    /// folder's record removed leaves its local header unaccounted for.
    #[test]
    fn every_byte_before_the_central_directory_is_an_entrys() {
        let zip = rezip(false);
        let unaccounted = |p: &Parts| match open_repacked(&join(p)) {
            Err(e @ ArchiveError::Unaccounted { at, len, .. }) => {
                assert_eq!(e.code(), crate::check::CheckCode::ArchiveUnaccountedBytes);
                (at, len, e.to_string())
            }
            other => panic!("{:?}", other.err()),
        };
        let mut p = split(&zip);
        p.insert(0, b"MZ\x90\0program");
        let (at, len, why) = unaccounted(&p);
        assert_eq!((at, len), (0, 11));
        assert!(why.contains("self-extracting") && why.contains("offset 0"), "{why}");
        let mut p = split(&zip);
        let a = p.offset_of("data/a.txt");
        p.insert(a, b"junk");
        let (at, len, why) = unaccounted(&p);
        assert_eq!((at, len), (a as u64, 4));
        assert!(why.contains("6a 75 6e 6b"), "{why}");
        let mut p = split(&zip);
        let cd = p.body.len();
        p.insert(cd, &[0; 7]);
        assert_eq!(unaccounted(&p).0, cd as u64);
        for (name, at) in [("data/stored.bin", None), ("data/", Some("data/"))] {
            let mut p = split(&zip);
            let at = at.map(|n| p.offset_of(n));
            p.records.retain(|r| r[1] != format!("{ROOT}{name}").as_bytes());
            let (found_at, _, why) = unaccounted(&p);
            assert!(why.contains("a local header the central directory does not list"), "{why}");
            if let Some(at) = at {
                assert_eq!(found_at, at as u64, "the folder's header");
            }
        }
    }

    /// Entries that share bytes, or whose data runs past the central directory, are refused
    /// naming the entry and its offset.
    #[test]
    fn entries_do_not_overlap_or_run_past_the_central_directory() {
        let zip = rezip(false);
        // a.txt's data one byte longer: it runs into the next entry's local header.
        let mut p = split(&zip);
        let packed = u32::from_le_bytes(p.record("data/a.txt")[0][20..24].try_into().unwrap());
        set32(&mut p.record("data/a.txt")[0], 20, packed + 1);
        let local = p.offset_of("data/a.txt");
        set32(&mut p.body, local + 18, packed + 1);
        match open_repacked(&join(&p)) {
            Err(e @ ArchiveError::Overlapping { .. }) => {
                assert_eq!(e.code(), crate::check::CheckCode::ArchiveOverlappingEntries);
                assert!(e.to_string().contains("data/stored.bin") && e.to_string().contains("data/a.txt"), "{e}");
            }
            other => panic!("{:?}", other.err()),
        }
        // The last entry's data past the central directory (stored: both sizes).
        let mut p = split(&zip);
        let local = p.offset_of("data/stored.bin");
        for at in [20, 24] {
            set32(&mut p.record("data/stored.bin")[0], at, 600);
            set32(&mut p.body, local + at - 2, 600);
        }
        assert!(matches!(open_repacked(&join(&p)), Err(ArchiveError::Overlapping { name, with, .. })
            if name.ends_with("stored.bin") && with.contains("central directory")));
        // A record whose local header is past the central directory.
        let mut p = split(&zip);
        set32(&mut p.record("data/stored.bin")[0], 42, 1 << 30);
        assert!(matches!(open_repacked(&join(&p)), Err(ArchiveError::Overlapping { at: 1073741824, .. })));
    }

    /// A folder entry holds no data; a file entry marked with the DOS directory attribute is
    /// no regular file.
    #[test]
    fn folder_entries_hold_nothing_and_files_are_files() {
        let zip = rezip(false);
        let mut p = split(&zip);
        set32(&mut p.record("data/")[0], 24, 5);
        assert!(matches!(open_repacked(&join(&p)), Err(ArchiveError::Malformed(m)) if m.contains("folder entry")));
        let mut p = split(&zip);
        let attrs = u32::from_le_bytes(p.record("data/a.txt")[0][38..42].try_into().unwrap());
        set32(&mut p.record("data/a.txt")[0], 38, attrs | 0x10);
        assert!(matches!(open_repacked(&join(&p)), Err(ArchiveError::NotRegularFile(n)) if n.ends_with("data/a.txt")));
    }

    /// An end record or an entry on another disk is a multi-part archive.
    #[test]
    fn several_disks_are_refused() {
        let zip = rezip(false);
        let mut other_disk = zip.clone();
        let eocd = zip.len() - 22;
        other_disk[eocd + 4] = 1;
        assert!(matches!(open_repacked(&other_disk), Err(ArchiveError::MultiDisk)));
        let mut p = split(&zip);
        p.record("bagit.txt")[0][34] = 1;
        assert!(matches!(open_repacked(&join(&p)), Err(ArchiveError::MultiDisk)));
    }

    /// ZIP64 extra fields give the sizes and offset whose fields hold the marker: a valid one
    /// reads the entry; one that lies about the size (beyond deflate) or the offset (another
    /// entry's header), or that is too short for its markers, is refused.
    #[test]
    fn zip64_extra_fields_are_read_and_lies_refused() {
        let zip = rezip(false);
        let with_zip64 = |size: u64, offset: Option<u64>| {
            let mut p = split(&zip);
            let r = p.record("data/a.txt");
            let real_offset = u32::from_le_bytes(r[0][42..46].try_into().unwrap());
            let mut body = size.to_le_bytes().to_vec();
            set32(&mut r[0], 24, u32::MAX);
            if let Some(o) = offset {
                body.extend(o.to_le_bytes());
                set32(&mut r[0], 42, u32::MAX);
            }
            r[2] = [&1u16.to_le_bytes()[..], &(body.len() as u16).to_le_bytes(), &body].concat();
            (join(&p), real_offset)
        };
        let (valid, real) = with_zip64(9000, None);
        let a = open_repacked(&valid).unwrap();
        assert_eq!(read(&a, "data/a.txt").unwrap(), (b"evidence ".repeat(1000), true));
        let (valid, _) = with_zip64(9000, Some(u64::from(real)));
        assert!(open_repacked(&valid).is_ok());
        let (bomb, _) = with_zip64(1 << 40, None);
        assert!(matches!(open_repacked(&bomb), Err(ArchiveError::Malformed(m)) if m.contains("deflate")));
        let (moved, _) = with_zip64(9000, Some(0));
        assert!(matches!(open_repacked(&moved), Err(ArchiveError::Overlapping { at: 0, .. })));
        // The size marker without its value: the marker stays, far beyond deflate.
        let mut p = split(&zip);
        set32(&mut p.record("data/a.txt")[0], 24, u32::MAX);
        p.record("data/a.txt")[2] = vec![1, 0, 0, 0];
        assert!(matches!(open_repacked(&join(&p)), Err(ArchiveError::Malformed(m)) if m.contains("deflate")));
    }

    /// A data descriptor after an entry whose flag bit 3 announces one, in any of its four
    /// forms, is that entry's; one that disagrees with the record, or that no flag announces,
    /// is refused.
    #[test]
    fn data_descriptors_are_accounted_for() {
        let zip = rezip(false);
        let with_descriptor = |flag: bool, form: usize, crc_delta: u32| {
            let mut p = split(&zip);
            let r = p.record("data/a.txt");
            if flag {
                r[0][8] |= 0x08;
            }
            let crc = u32::from_le_bytes(r[0][16..20].try_into().unwrap()).wrapping_add(crc_delta);
            let (packed, size) = (r[0][20..24].to_vec(), r[0][24..28].to_vec());
            let wide = |v: &[u8]| [v, &[0u8; 4][..]].concat();
            let body = match form % 2 {
                0 => [&crc.to_le_bytes()[..], &packed, &size].concat(),
                _ => [&crc.to_le_bytes()[..], &wide(&packed), &wide(&size)].concat(),
            };
            let d = if form >= 2 { [&b"PK\x07\x08"[..], &body].concat() } else { body };
            let next = p.offset_of("data/stored.bin");
            p.insert(next, &d);
            join(&p)
        };
        for form in 0..4 {
            let zip = with_descriptor(true, form, 0);
            let a = open_repacked(&zip).unwrap_or_else(|e| panic!("form {form}: {e}"));
            assert_eq!(read(&a, "data/a.txt").unwrap(), (b"evidence ".repeat(1000), true), "form {form}");
            match open_repacked(&with_descriptor(true, form, 1)) {
                Err(ArchiveError::Unaccounted { found, .. }) => assert!(found.contains("data descriptor"), "{found}"),
                other => panic!("form {form}: {:?}", other.err()),
            }
        }
        match open_repacked(&with_descriptor(false, 2, 0)) {
            Err(ArchiveError::Unaccounted { len: 16, found, .. }) => {
                assert!(found.contains("data descriptor"), "{found}")
            }
            other => panic!("{:?}", other.err()),
        }
    }

    /// The lenient root rule (spec §9.6): the bag at the top level (its root from the
    /// manifest's bundle id), or the bundle's folder inside one wrapping folder, read as the
    /// bag paths; any other shape is still `archive.root_invalid`.
    #[test]
    fn the_bag_at_the_top_or_in_a_wrapping_folder_is_found() {
        let id = &ROOT["custody-".len()..ROOT.len() - 1];
        let zip_of = |names: &[&str]| {
            let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
            for n in names {
                z.start_file(*n, SimpleFileOptions::default()).unwrap();
                if n.ends_with("manifest.json") {
                    write!(z, r#"{{"format": "custody.manifest/2", "bundle_id": "{id}"}}"#).unwrap();
                }
            }
            z.finish().unwrap().into_inner()
        };
        let bag = ["bagit.txt", "custody/manifest.json", "data/a.txt"];
        let shapes: [Vec<String>; 3] = [
            bag.iter().map(|n| n.to_string()).collect(),
            bag.iter().map(|n| format!("evidence/{ROOT}{n}")).collect(),
            bag.iter().map(|n| format!("evidence/{n}")).collect(),
        ];
        for names in &shapes {
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let zip = zip_of(&names);
            let a = open_repacked(&zip).unwrap_or_else(|e| panic!("{names:?}: {e}"));
            assert_eq!(a.root().id(), id);
            let got: Vec<&str> = a.entries().iter().map(|e| e.name).collect();
            assert_eq!(got, bag, "{names:?}");
            // Found by name once the wrapping folder and the root are stripped: the index
            // made before is of the same order (issue #13.4).
            for (i, n) in bag.iter().enumerate() {
                assert_eq!(a.names().index_of(n), Some(i as u32), "{names:?} {n}");
                assert!(a.entry(n).is_some(), "{names:?} {n}");
            }
            assert_eq!(a.names().index_of("data/b"), None);
            if names[0] != bag[0] {
                assert_eq!(a.names().index_of(names[0]), None, "{names:?}: not by its name in the file");
            }
        }
        for names in [&["bagit.txt", "data/a.txt"][..], &["a/bagit.txt", "b/custody/manifest.json"], &["x/y/bagit.txt"]]
        {
            assert!(matches!(open_repacked(&zip_of(names)), Err(ArchiveError::RootInvalid(_))), "{names:?}");
        }
    }

    /// Each entry passes deflate's 1032:1, but together they would inflate to more than 100
    /// times the file and 1 MiB: refused before anything is inflated, with the numbers and
    /// what to do.
    #[test]
    fn the_total_inflation_is_bounded() {
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let deflated = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        // Bytes deflate cannot shrink (an xorshift sequence).
        let mut x: u32 = 0x9e37_79b9;
        for i in 0..10 {
            z.start_file(format!("{ROOT}data/{i}.bin"), deflated).unwrap();
            let noise: Vec<u8> = (0..1000)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 17;
                    x ^= x << 5;
                    x as u8
                })
                .collect();
            z.write_all(&noise).unwrap();
        }
        let zip = z.finish().unwrap().into_inner();
        assert!(open_repacked(&zip).is_ok());
        let mut p = split(&zip);
        for r in &mut p.records {
            let packed = u32::from_le_bytes(r[0][20..24].try_into().unwrap());
            set32(&mut r[0], 24, packed * 1032);
        }
        let bomb = join(&p);
        let limit = bomb.len() as u64 * 100 + (1 << 20);
        match open_repacked(&bomb) {
            Err(e @ ArchiveError::InflatesTooMuch { total, file_len, limit: l }) => {
                assert!(total > l && l == limit && file_len == bomb.len() as u64);
                let why = e.to_string();
                assert!(why.contains(&total.to_string()) && why.contains("custody verify"), "{why}");
            }
            other => panic!("{:?}", other.err()),
        }
    }

    /// A symbolic link entry is refused, never read as a file.
    #[test]
    fn a_link_entry_is_refused() {
        let zip = rezip(true);
        assert!(matches!(open_repacked(&zip), Err(ArchiveError::NotRegularFile(n)) if n.ends_with("data/link")));
    }

    /// A recorded size deflate cannot reach is refused before anything is read (a ZIP bomb);
    /// one it can reach but the data does not give is an error when read, never a short file.
    #[test]
    fn sizes_are_bounded_and_exact() {
        let zip = rezip(false);
        let at = record_of(&zip, &format!("{ROOT}data/a.txt"));
        // The local header says the same (else it is refused for disagreeing).
        let local = u32::from_le_bytes(zip[at + 42..at + 46].try_into().unwrap()) as usize;
        let mut bomb = zip.clone();
        bomb[at + 24..at + 28].copy_from_slice(&u32::MAX.wrapping_sub(1).to_le_bytes());
        assert!(matches!(open_repacked(&bomb), Err(ArchiveError::Malformed(m)) if m.contains("deflate")));
        for size in [8999u32, 9001] {
            let mut wrong = zip.clone();
            wrong[at + 24..at + 28].copy_from_slice(&size.to_le_bytes());
            wrong[local + 22..local + 26].copy_from_slice(&size.to_le_bytes());
            let a = open_repacked(&wrong).unwrap();
            match read(&a, "data/a.txt") {
                // Fewer bytes than recorded: the stream ends early; more: refused, never cut.
                Err(ArchiveError::Io(e)) if size == 9001 => assert_eq!(e.kind(), std::io::ErrorKind::UnexpectedEof),
                Err(ArchiveError::Io(e)) => assert!(e.to_string().contains("more bytes than its recorded size"), "{e}"),
                other => panic!("recorded {size}, holds 9000: {other:?}"),
            }
        }
    }

    /// Every entry's CRC-32 is checked as it is read.
    #[test]
    fn the_crc_is_checked() {
        let mut zip = rezip(false);
        let at = record_of(&zip, &format!("{ROOT}data/a.txt"));
        let local = u32::from_le_bytes(zip[at + 42..at + 46].try_into().unwrap()) as usize;
        zip[at + 16] ^= 1;
        zip[local + 14] ^= 1;
        let a = open_repacked(&zip).unwrap();
        assert!(!read(&a, "data/a.txt").unwrap().1, "the CRC-32 does not match");
    }

    /// A method other than stored or deflate, and a local header that names another entry,
    /// are refused.
    #[test]
    fn methods_and_local_headers_are_checked() {
        let zip = rezip(false);
        let at = record_of(&zip, &format!("{ROOT}data/a.txt"));
        let mut bzip2 = zip.clone();
        bzip2[at + 10..at + 12].copy_from_slice(&12u16.to_le_bytes());
        assert!(matches!(open_repacked(&bzip2), Err(ArchiveError::UnsupportedCompression { method: 12, .. })));
        // The entry's local header names another file.
        let local = u32::from_le_bytes(zip[at + 42..at + 46].try_into().unwrap()) as usize;
        let mut renamed = zip.clone();
        renamed[local + 30 + ROOT.len()] = b'D';
        assert!(matches!(open_repacked(&renamed), Err(ArchiveError::HeaderMismatch { field: "name", .. })));
        // Named otherwise and with another CRC-32 too: the name is what is reported, first.
        renamed[local + 14] ^= 0xff;
        assert!(matches!(open_repacked(&renamed), Err(ArchiveError::HeaderMismatch { field: "name", .. })));
        // The entry's record points at another entry's local header: two entries in the same bytes.
        let other = record_of(&zip, &format!("{ROOT}bagit.txt"));
        let mut moved = zip.clone();
        let elsewhere: [u8; 4] = zip[other + 42..other + 46].try_into().unwrap();
        moved[at + 42..at + 46].copy_from_slice(&elsewhere);
        assert!(
            matches!(open_repacked(&moved), Err(ArchiveError::Overlapping { .. })),
            "{:?}",
            open_repacked(&moved).err()
        );
        // Encrypted.
        let mut locked = zip.clone();
        locked[at + 8] |= 1;
        assert!(matches!(open_repacked(&locked), Err(ArchiveError::Encrypted(_))));
    }

    /// The name rules and the root rule hold as in the strict reader.
    #[test]
    fn names_and_root_are_checked() {
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let o = SimpleFileOptions::default();
        z.start_file(format!("{ROOT}data/a.txt"), o).unwrap();
        z.start_file(format!("{ROOT}data/A.txt"), o).unwrap();
        let zip = z.finish().unwrap().into_inner();
        assert!(matches!(open_repacked(&zip), Err(ArchiveError::NameCollision(..))));
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        z.start_file("elsewhere/bagit.txt", o).unwrap();
        let zip = z.finish().unwrap().into_inner();
        assert!(matches!(open_repacked(&zip), Err(ArchiveError::RootInvalid(_))));
    }
}
