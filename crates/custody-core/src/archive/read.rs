//! The reader: [`Archive::open`] parses and checks the whole structure of a bundle's ZIP
//! container, and the archive then streams, hashes or reads its entries.

use crate::wording;
use std::borrow::Borrow;
use std::io::{self, Write};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use super::pipeline::{BUF_LEN, PIPELINE_MIN};
use super::records::{check_local_headers, read_end_record, version_is, zip64_values};
use super::root::strip_root;
use super::*;
use crate::layout::{MAX_CENTRAL_DIRECTORY, MAX_ENTRIES, MAX_NAME_LEN};

/// A parsed archive: its entries in file order, over a [`Source`]. Entry names are bag paths:
/// the root folder every entry sits under (spec §2.5) is checked and stripped on opening, and
/// [`Archive::root`] names it.
pub struct Archive<S: Source + ?Sized> {
    /// Shared with the manifest's file records while a verification reads them
    /// ([`Archive::shared_names`]).
    entries: std::sync::Arc<Entries>,
    /// The entries' indices sorted by name (4 bytes an entry): [`Archive::entry`] finds a
    /// name by binary search, not by a scan (a scan per file is quadratic at a million).
    by_name: std::sync::Arc<[u32]>,
    central_directory_offset: u64,
    root: Root,
    source: Box<S>,
    /// What the entries were read from: the bundle's own ZIP file, or not (spec §9.6).
    container: Container,
}

impl<S: Source + ?Sized> Archive<S> {
    /// Parses and checks the whole structure of a bundle, its root `custody-<bundle id>/`
    /// included (spec §2.5). Entry data is not read.
    pub fn open(source: Box<S>) -> Result<Self, ArchiveError> {
        Self::open_as(source, RootKind::Bundle)
    }

    /// Parses and checks the whole structure of an archive whose entries sit under a root of
    /// kind `kind` (a bundle, a statement package), and strips the root from every name.
    pub fn open_as(source: Box<S>, kind: RootKind) -> Result<Self, ArchiveError> {
        let (mut entries, central_directory_offset, by_name) = Self::structure(&*source)?;
        // Made again if the entries moved since (no name is given twice: refused before).
        let by_name = match by_name {
            Some(by_name) => by_name,
            None => index_by_name(&entries).map_err(ArchiveError::DuplicateName)?,
        };
        let root = strip_root(&*source, &mut entries, kind)?;
        entries.freeze();
        Ok(Self::assemble(Arc::new(entries), root, source, central_directory_offset, Container::Zip, by_name))
    }

    /// An archive of `entries` (frozen, and shared with `source` where it reads them: an
    /// unzipped or re-zipped bundle's pieces), whose data lies at each entry's `data_offset`
    /// in `source`; `by_name` is their index by name ([`index_by_name`]).
    pub(super) fn assemble(
        entries: Arc<Entries>,
        root: Root,
        source: Box<S>,
        central_directory_offset: u64,
        container: Container,
        by_name: ByName,
    ) -> Self {
        Archive { entries, by_name, central_directory_offset, root, source, container }
    }

    /// What the entries were read from (spec §9.6): the container checks of §3 hold only
    /// for [`Container::Zip`].
    pub fn container(&self) -> Container {
        self.container
    }

    /// Whether an entry's recorded CRC-32 is to be compared: not in a directory, which has none.
    fn has_crc(&self) -> bool {
        self.container != Container::Directory
    }

    /// The archive's structure (spec §3), with entry names as written, root and all.
    /// The entries (in the order of their local headers), the central directory's offset,
    /// and the entries' index by name when they did not move since it was made.
    fn structure(src: &S) -> Result<(Entries, u64, Option<ByName>), ArchiveError> {
        let end = read_end_record(src)?;
        if end.entries > MAX_ENTRIES {
            return Err(ArchiveError::TooManyEntries(end.entries));
        }
        if end.cd_offset.checked_add(end.cd_size) != Some(end.start) {
            return Err(malformed(wording::archive::CD_NOT_BEFORE_END_RECORDS));
        }
        if end.cd_size > MAX_CENTRAL_DIRECTORY {
            return Err(malformed(wording::archive::cd_too_large(end.cd_size)));
        }
        // Read in blocks, never whole (at a million entries it is over 100 MB). The counts
        // are known: room for exactly the entries and names it can hold (each record takes at
        // least its fixed part), so that neither list doubles past what it needs.
        let mut cd = CentralDirectory::new(src, end.cd_offset, end.cd_size);
        let mut entries = CentralDirectory::<S>::room_for(end.entries, end.cd_size);
        let mut folded = crate::names::NameSet::with_room(entries.capacity());
        for _ in 0..end.entries {
            let h = cd.take(CENTRAL_HEADER_LEN)?.ok_or_else(|| malformed(wording::archive::CD_SHORTER_THAN_COUNT))?;
            if le32(h, 0) != SIG_CENTRAL {
                return Err(malformed(wording::archive::CD_BAD_SIGNATURE));
            }
            let (made_by, needed, flags, method) = (le16(h, 4), le16(h, 6), le16(h, 8), le16(h, 10));
            let (dos_time, dos_date, crc32) = (le16(h, 12), le16(h, 14), le32(h, 16));
            let (csize32, usize32) = (le32(h, 20), le32(h, 24));
            let (nlen, xlen, clen) = (usize::from(le16(h, 28)), usize::from(le16(h, 30)), usize::from(le16(h, 32)));
            let (disk_start, int_attrs, ext_attrs, offset32) = (le16(h, 34), le16(h, 36), le32(h, 38), le32(h, 42));
            let var = cd.take(nlen + xlen + clen)?.ok_or_else(|| malformed(wording::archive::CD_RECORD_RUNS_PAST))?;
            let name_bytes = &var[..nlen];
            if nlen > MAX_NAME_LEN {
                return Err(ArchiveError::NameTooLong(nlen));
            }
            let name = String::from_utf8(name_bytes.to_vec())
                .map_err(|_| ArchiveError::NonUtf8Name(String::from_utf8_lossy(name_bytes).into_owned()))?;
            if name.ends_with('/') {
                return Err(ArchiveError::NotRegularFile(name));
            }
            check_name(&name).map_err(|why| ArchiveError::UnsafeName { name: name.clone(), why })?;
            if flags & 0x0001 != 0 || flags & 0x0040 != 0 {
                return Err(ArchiveError::Encrypted(name));
            }
            if flags != FLAG_UTF8 {
                return Err(ArchiveError::UnsupportedFlags { name, flags });
            }
            if method != 0 {
                return Err(ArchiveError::UnsupportedCompression { name, method });
            }
            if made_by >> 8 == 3 {
                let kind = (ext_attrs >> 16) & 0o170000;
                if kind != 0 && kind != 0o100000 {
                    return Err(ArchiveError::NotRegularFile(name));
                }
            }
            if ext_attrs & 0x10 != 0 {
                return Err(ArchiveError::NotRegularFile(name));
            }
            // No signature covers these fields, and unzip and tar act on them (symbolic
            // links, setuid, executable bits, skipped entries): each must hold exactly what
            // the writer writes, whatever the host byte says.
            if int_attrs != 0 || ext_attrs != EXTERNAL_ATTRS {
                return Err(ArchiveError::UnsupportedAttributes { name, internal: int_attrs, external: ext_attrs });
            }
            let what = || wording::archive::entry_label(&name);
            version_is(what, "version made by", made_by, MADE_BY)?;
            let uses_zip64 = usize32 == u32::MAX || csize32 == u32::MAX || offset32 == u32::MAX;
            version_is(
                what,
                "version needed to extract",
                needed,
                if uses_zip64 { VERSION_ZIP64 } else { VERSION_DEFAULT },
            )?;
            if dos_time != DOS_TIME || dos_date != DOS_DATE {
                return Err(ArchiveError::UnsupportedTime { name, time: dos_time, date: dos_date });
            }
            if clen != 0 {
                return Err(malformed(wording::archive::entry_comment(&name)));
            }
            if disk_start != 0 {
                return Err(ArchiveError::MultiDisk);
            }
            let (mut usize64, mut csize64, mut offset64) =
                (u64::from(usize32), u64::from(csize32), u64::from(offset32));
            zip64_values(
                &var[nlen..nlen + xlen],
                [
                    (usize32 == u32::MAX).then_some(&mut usize64),
                    (csize32 == u32::MAX).then_some(&mut csize64),
                    (offset32 == u32::MAX).then_some(&mut offset64),
                ],
                &name,
            )?;
            if csize64 != usize64 {
                return Err(malformed(wording::archive::stored_sizes_differ(&name)));
            }
            folded.insert_key(&name);
            entries.push(Entry { name: &name, size: usize64, crc32, header_offset: offset64, data_offset: 0 })?;
        }
        if !cd.at_end() {
            return Err(malformed(wording::archive::CD_UNACCOUNTED_BYTES));
        }
        drop(cd);
        let by_name = index_by_name(&entries).map_err(ArchiveError::DuplicateName)?;
        folded.check_by(|i| entries.name(i).unwrap_or_default())?;
        drop(folded);
        let by_name = (!entries.sort_by_header_offset()).then_some(by_name);
        // Each local header is read and compared on its own (many small reads, the serial
        // cost of opening a bundle of many files), on up to four threads; the results are
        // taken in offset order so the first problem reported is the same either way.
        let (checked, failed) = check_local_headers(src, &entries, end.cd_offset);
        let mut failed = failed;
        let mut expected = 0u64;
        for i in 0..entries.len() {
            let Some(e) = entries.get(i) else { break };
            if e.header_offset > expected {
                return Err(ArchiveError::Gap(e.header_offset - expected, expected));
            }
            if e.header_offset < expected {
                return Err(ArchiveError::Overlap(e.name.to_owned()));
            }
            // Every entry before the first that failed has its offset; that one its error.
            let data_offset = match checked.get(i) {
                Some(&at) => at,
                None => {
                    return Err(failed.take().unwrap_or_else(|| malformed(wording::archive::HEADER_THREAD_FAILED)));
                }
            };
            expected =
                data_offset.checked_add(e.size).ok_or_else(|| malformed(wording::archive::impossible_size(e.name)))?;
            if expected > end.cd_offset {
                return Err(ArchiveError::Overlap(e.name.to_owned()));
            }
            entries.set_data_offset(i, data_offset);
        }
        if expected != end.cd_offset {
            return Err(ArchiveError::Gap(end.cd_offset - expected, expected));
        }
        Ok((entries, end.cd_offset, by_name))
    }

    /// The root folder every entry sits under: for a bundle, `custody-<bundle id>/`.
    pub fn root(&self) -> &Root {
        &self.root
    }

    /// Entries in the order they appear in the file.
    pub fn entries(&self) -> &Entries {
        &self.entries
    }

    /// The entry with this exact name.
    pub fn entry(&self, name: &str) -> Option<Entry<'_>> {
        self.names().index_of(name).and_then(|i| self.entries.get(i as usize))
    }

    /// The entries' names, found by name.
    pub fn names(&self) -> Names<'_> {
        Names::new(&self.entries, &self.by_name)
    }

    /// The entries' names, held beyond a borrow of the archive (the list is shared, not
    /// copied).
    pub(crate) fn shared_names(&self) -> crate::archive::SharedNames {
        crate::archive::SharedNames::new(self.entries.clone(), self.by_name.clone())
    }

    /// Takes the entries out (for a writer that continues the archive): after this the
    /// archive has none, and [`Archive::entry`] finds nothing. Not a copy: the names
    /// a manifest's records share stay where they are, the writer's go after them.
    pub(crate) fn take_entries(&mut self) -> Entries {
        self.by_name = std::sync::Arc::from(Vec::new());
        let entries = std::mem::take(&mut self.entries);
        std::sync::Arc::try_unwrap(entries).unwrap_or_else(|shared| (*shared).clone())
    }

    /// Offset of the central directory, which is also the end of the last entry.
    pub fn central_directory_offset(&self) -> u64 {
        self.central_directory_offset
    }

    /// Where the archive's bytes come from.
    pub fn source(&self) -> &S {
        &self.source
    }

    /// Streams an entry's data into `out`, returning its SHA-256 and whether its CRC-32
    /// matched. Callers decide what a CRC mismatch means; the SHA-256 is what matters for
    /// evidence, the CRC only says the ZIP layer itself was damaged or edited.
    pub fn hash_entry<'e>(
        &self,
        entry: impl Borrow<Entry<'e>>,
        out: &mut dyn Write,
    ) -> Result<EntryDigest, ArchiveError> {
        let entry = *entry.borrow();
        let mut crc = crc32fast::Hasher::new();
        let mut done = 0u64;
        let mut next = |buf: &mut [u8]| {
            // In u64: on a 32-bit system the remainder of a ZIP64 entry may not fit a usize.
            let n = (buf.len() as u64).min(entry.size - done) as usize;
            self.source.read_exact_at(&mut buf[..n], entry.data_offset + done)?;
            crc.update(&buf[..n]);
            done += n as u64;
            Ok(n)
        };
        let sha = if entry.size >= PIPELINE_MIN {
            hash_pipeline(next, |data| out.write_all(data))?
        } else {
            thread_local! {
                /// Reused across entries: verifying many small files would otherwise spend
                /// a tenth of its time allocating and zeroing buffers.
                static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
            }
            BUF.with_borrow_mut(|buf| -> io::Result<[u8; 32]> {
                let want = BUF_LEN.min(entry.size as usize).max(1);
                if buf.len() < want {
                    buf.resize(want, 0);
                }
                let buf = &mut buf[..want];
                let mut sha = Sha256::new();
                loop {
                    let n = next(buf)?;
                    if n == 0 {
                        break;
                    }
                    sha.update(&buf[..n]);
                    out.write_all(&buf[..n])?;
                }
                Ok(sha.finalize().into())
            })?
        };
        Ok(EntryDigest { sha256: sha, crc_ok: !self.has_crc() || crc.finalize() == entry.crc32 })
    }

    /// Streams an entry's data into `out`, returning its SHA-256; a CRC-32 mismatch is an
    /// error (raised after `out` has received the bytes).
    pub fn copy_entry<'e>(&self, entry: impl Borrow<Entry<'e>>, out: &mut dyn Write) -> Result<[u8; 32], ArchiveError> {
        let entry = *entry.borrow();
        let d = self.hash_entry(entry, out)?;
        if !d.crc_ok {
            return Err(ArchiveError::CrcMismatch(entry.name.to_owned()));
        }
        Ok(d.sha256)
    }

    /// A reader of an entry's data that takes its SHA-256 and CRC-32 as it goes: for a
    /// document parsed as a stream rather than held ([`EntryReader::finish`] gives both).
    pub fn entry_reader<'a>(&'a self, entry: impl Borrow<Entry<'a>>) -> EntryReader<'a, S> {
        EntryReader {
            archive: self,
            entry: *entry.borrow(),
            done: 0,
            crc: crc32fast::Hasher::new(),
            sha: Some(Sha256::new()),
            failed: None,
        }
    }

    /// An entry's data that checks only the CRC-32 ([`CrcReader::finish`]): for a second read
    /// held block by block to a first one whose SHA-256 was taken (the manifest's,
    /// `manifest::reread`), where a second digest of the whole is the same work again (about
    /// 0.3 s for a 486 MB manifest, issue #13.4).
    pub(crate) fn entry_reader_unhashed<'a>(&'a self, entry: impl Borrow<Entry<'a>>) -> CrcReader<'a, S> {
        CrcReader(EntryReader { sha: None, ..self.entry_reader(entry) })
    }

    /// Reads a small entry whole, refusing entries over `limit` bytes.
    pub fn read_entry<'e>(&self, entry: impl Borrow<Entry<'e>>, limit: u64) -> Result<Vec<u8>, ArchiveError> {
        let entry = *entry.borrow();
        if entry.size > limit {
            return Err(ArchiveError::TooLarge { name: entry.name.to_owned(), size: entry.size, limit });
        }
        let mut out = Vec::with_capacity(entry.size as usize);
        self.copy_entry(entry, &mut out)?;
        Ok(out)
    }
}

/// The central directory read in blocks of [`CD_BLOCK`] bytes: [`CentralDirectory::take`]
/// gives its next bytes, a record's fixed part or its name and fields, without the whole
/// directory in memory.
pub(super) struct CentralDirectory<'s, S: Source + ?Sized> {
    src: &'s S,
    /// Where the next block is read in the file, and how many bytes of the directory are
    /// left to read there.
    next: u64,
    unread: u64,
    /// The block: `buf[start..]` is read and not yet taken.
    buf: Vec<u8>,
    start: usize,
}

/// The size of a block of the central directory read at once (a record is at most
/// 46 + 3 * 65,535 bytes: a larger one is read in a block of its own size).
const CD_BLOCK: usize = 1 << 20;

impl<'s, S: Source + ?Sized> CentralDirectory<'s, S> {
    pub(super) fn new(src: &'s S, offset: u64, size: u64) -> Self {
        CentralDirectory { src, next: offset, unread: size, buf: Vec::new(), start: 0 }
    }

    /// Entries with room reserved once for what a directory of `size` bytes that says it
    /// holds `count` records can hold: each record takes at least its fixed part, and the rest
    /// (names, extra fields, comments) is no more than the longest names they can have. Room
    /// never written is not memory used; a list grown by doubling holds its old and new blocks
    /// as it grows (about 80 MB more at a million entries).
    pub(super) fn room_for(count: u64, size: u64) -> Entries {
        let most = count.min(size / CENTRAL_HEADER_LEN as u64);
        let name_bytes = (size - most * CENTRAL_HEADER_LEN as u64).min(most * crate::layout::MAX_NAME_LEN as u64);
        Entries::with_capacity(most as usize, name_bytes as usize)
    }

    /// The next `n` bytes, or `None` if the directory ends before them.
    pub(super) fn take(&mut self, n: usize) -> Result<Option<&[u8]>, ArchiveError> {
        let held = self.buf.len() - self.start;
        if held < n {
            if (n - held) as u64 > self.unread {
                return Ok(None);
            }
            self.buf.drain(..self.start);
            self.start = 0;
            let more = (CD_BLOCK.max(n) - held).min(usize::try_from(self.unread).unwrap_or(usize::MAX));
            self.buf.resize(held + more, 0);
            self.src.read_exact_at(&mut self.buf[held..], self.next).map_err(|e| {
                if e.kind() == io::ErrorKind::UnexpectedEof {
                    malformed(wording::archive::runs_past_end("central directory"))
                } else {
                    ArchiveError::Io(e)
                }
            })?;
            self.next += more as u64;
            self.unread -= more as u64;
        }
        let at = self.start;
        self.start += n;
        Ok(self.buf.get(at..at + n))
    }

    /// Whether every byte of the directory was taken.
    fn at_end(&self) -> bool {
        self.unread == 0 && self.start == self.buf.len()
    }
}

/// An archive's entries' indices sorted by name ([`Archive::names`]), shared with what
/// refers to its names ([`SharedNames`]).
pub(super) type ByName = Arc<[u32]>;

/// The entries' indices sorted by name (the archive's index, [`Archive::names`]), or the
/// first name (in directory order) that an earlier entry already has (`Err`): found by
/// sorting the indices by name, not by a set of copies of every name (issue #22). One sort
/// serves both (issue #13.4: the index was sorted a second time, a 4 MB list and a second of
/// work at a million long names), and the index is made where it is kept, not copied there.
/// The order holds while no entry moves: the root, which every name starts with, may be
/// stripped after.
pub(super) fn index_by_name(entries: &Entries) -> Result<ByName, String> {
    let name_of = |i: u32| entries.name(i as usize).unwrap_or_default();
    // At most 1,100,000 entries (spec §9.4), far below u32::MAX.
    let mut order: Arc<[u32]> = (0..u32::try_from(entries.len()).unwrap_or(u32::MAX)).collect();
    let by_name_then_index = |a: &u32, b: &u32| name_of(*a).cmp(name_of(*b)).then(a.cmp(b));
    // Sorted in place: the list was just made, no one else holds it to be copied for.
    Arc::make_mut(&mut order).sort_unstable_by(by_name_then_index);
    match order.windows(2).filter(|w| name_of(w[0]) == name_of(w[1])).map(|w| w[1]).min() {
        Some(later) => Err(name_of(later).to_owned()),
        None => Ok(order),
    }
}

/// An entry's data as a [`io::Read`] ([`Archive::entry_reader`]).
pub struct EntryReader<'a, S: Source + ?Sized> {
    archive: &'a Archive<S>,
    entry: Entry<'a>,
    done: u64,
    crc: crc32fast::Hasher,
    /// `None` only inside a [`CrcReader`], which never asks for the digest.
    sha: Option<Sha256>,
    failed: Option<io::Error>,
}

impl<S: Source + ?Sized> io::Read for EntryReader<'_, S> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = (buf.len() as u64).min(self.entry.size - self.done) as usize;
        if let Err(e) = self.archive.source.read_exact_at(&mut buf[..n], self.entry.data_offset + self.done) {
            let again = io::Error::new(e.kind(), e.to_string());
            self.failed = Some(e);
            return Err(again);
        }
        self.crc.update(&buf[..n]);
        if let Some(sha) = &mut self.sha {
            sha.update(&buf[..n]);
        }
        self.done += n as u64;
        Ok(n)
    }
}

impl<S: Source + ?Sized> EntryReader<'_, S> {
    /// Reads what is left of the entry (whatever its reader stopped at) and returns its
    /// SHA-256 and whether its CRC-32 matched; the first read error, if any.
    pub fn finish(mut self) -> Result<EntryDigest, ArchiveError> {
        let crc_ok = self.drain()?;
        // Always a digest: only a `CrcReader`'s has none, and it never gets here.
        let sha = self.sha.take().unwrap_or_default();
        Ok(EntryDigest { sha256: sha.finalize().into(), crc_ok })
    }

    /// Reads what is left of the entry and returns whether its CRC-32 matched; the first read
    /// error, if any.
    fn drain(&mut self) -> Result<bool, ArchiveError> {
        if let Some(e) = self.failed.take() {
            return Err(ArchiveError::Io(e));
        }
        io::copy(self, &mut io::sink())?;
        Ok(!self.archive.has_crc() || self.crc.clone().finalize() == self.entry.crc32)
    }
}

/// An entry's data as a [`io::Read`] that checks only its CRC-32
/// ([`Archive::entry_reader_unhashed`]): it has no digest to give, so none can be asked of it.
pub(crate) struct CrcReader<'a, S: Source + ?Sized>(EntryReader<'a, S>);

impl<S: Source + ?Sized> io::Read for CrcReader<'_, S> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf)
    }
}

impl<S: Source + ?Sized> CrcReader<'_, S> {
    /// Reads what is left of the entry and returns whether its CRC-32 matched; the first read
    /// error, if any.
    pub(crate) fn finish(mut self) -> Result<bool, ArchiveError> {
        self.0.drain()
    }
}

/// Reads every entry of a bundle into memory, by bag path (small archives only: tests and
/// vectors).
pub fn read_archive(bytes: Vec<u8>) -> Result<Vec<(String, Vec<u8>)>, ArchiveError> {
    let a = Archive::open(Box::new(bytes))?;
    a.entries().iter().map(|e| Ok((e.name.to_owned(), a.read_entry(e, u64::MAX)?))).collect()
}
