//! The writer: [`ArchiveWriter`] lays entries end to end as the profile requires (spec §3.1),
//! then writes the central directory and end records.

use crate::wording;
use std::io::{self, Read, Write};

use chrono::{DateTime, Utc};

use super::*;
use crate::layout::MAX_NAME_LEN;

/// The DOS time of every entry: 00:00:00.
pub const DOS_TIME: u16 = 0;
/// The DOS date of every entry: 1980-01-01, the earliest DOS date. No signature covers the
/// ZIP headers and `unzip` applies their time to the files it writes, so bundles carry no
/// time there at all; the signed manifest holds each payload file's modification time, and
/// `custody extract` restores it from there (spec §3.1).
pub const DOS_DATE: u16 = (1 << 5) | 1;

/// Where an entry being written goes, and what it needs in its local header.
struct Pending {
    name: String,
    header_offset: u64,
    size: u64,
}

/// Writes a bundle archive: entries one after another, then the central directory.
///
/// The writer needs `Seek` only to go back and fill in the CRC-32 of a streamed entry
/// ([`add_stream`](ArchiveWriter::add_stream)), and the CRC-32 and both sizes of a measured one
/// ([`add_measured`](ArchiveWriter::add_measured)), once its data has been written; no entry uses a
/// data descriptor (flag bit 3), so the local header always ends up holding them.
///
/// The `_modified` argument of the `add_*` methods is not written: every entry carries the
/// fixed [`DOS_DATE`] and [`DOS_TIME`] (spec §3.1). It is kept so that the sealer and the
/// appenders, which pass it, did not change with that rule; it can go when they next do.
///
/// Names given to it, and the names of [`entries`](ArchiveWriter::entries), are bag paths: the
/// writer puts its root folder (spec §2.5) before each in the archive.
pub struct ArchiveWriter<W: Write + io::Seek> {
    out: W,
    pos: u64,
    entries: Entries,
    /// Written before every name: the root folder, `custody-<id>/` (empty only for tests'
    /// archives that are no bundle).
    prefix: String,
}

impl<W: Write + io::Seek> ArchiveWriter<W> {
    /// A writer for a new archive under `root`; `out` must be positioned at offset 0.
    pub fn new(out: W, root: &Root) -> Self {
        ArchiveWriter { out, pos: 0, entries: Entries::default(), prefix: root.dir() }
    }

    /// A writer for an archive whose names are written as given, with no root folder: for
    /// tests and hostile vectors only.
    pub fn unrooted(out: W) -> Self {
        ArchiveWriter { out, pos: 0, entries: Entries::default(), prefix: String::new() }
    }

    /// A writer that continues an existing archive under `root`: `entries` (by bag path) stay
    /// as they are and new entries are written from `pos` (which `out` must already be
    /// positioned at).
    pub fn resume(out: W, entries: Entries, pos: u64, root: &Root) -> Self {
        ArchiveWriter { out, pos, entries, prefix: root.dir() }
    }

    fn local_header(&mut self, p: &Pending, crc32: u32) -> io::Result<()> {
        let zip64 = p.size >= u64::from(u32::MAX);
        let mut h = Vec::with_capacity(30 + p.name.len() + 20);
        h.extend_from_slice(&SIG_LOCAL.to_le_bytes());
        h.extend_from_slice(&(if zip64 { VERSION_ZIP64 } else { VERSION_DEFAULT }).to_le_bytes());
        h.extend_from_slice(&FLAG_UTF8.to_le_bytes());
        h.extend_from_slice(&0u16.to_le_bytes());
        h.extend_from_slice(&DOS_TIME.to_le_bytes());
        h.extend_from_slice(&DOS_DATE.to_le_bytes());
        h.extend_from_slice(&crc32.to_le_bytes());
        let size32 = if zip64 { u32::MAX } else { p.size as u32 };
        h.extend_from_slice(&size32.to_le_bytes());
        h.extend_from_slice(&size32.to_le_bytes());
        h.extend_from_slice(&(p.name.len() as u16).to_le_bytes());
        h.extend_from_slice(&(if zip64 { 20u16 } else { 0 }).to_le_bytes());
        h.extend_from_slice(p.name.as_bytes());
        if zip64 {
            h.extend_from_slice(&EXTRA_ZIP64.to_le_bytes());
            h.extend_from_slice(&16u16.to_le_bytes());
            h.extend_from_slice(&p.size.to_le_bytes());
            h.extend_from_slice(&p.size.to_le_bytes());
        }
        self.out.write_all(&h)?;
        self.pos += h.len() as u64;
        Ok(())
    }

    fn begin(&mut self, name: &str, size: u64) -> io::Result<Pending> {
        let name = format!("{}{name}", self.prefix);
        if name.len() > MAX_NAME_LEN || check_name(&name).is_err() {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, wording::archive::writer_unsafe_name(&name)));
        }
        // Asked before anything of the entry is written: refused at `finish_entry`, the entry
        // would be in the file and not in its central directory.
        self.entries
            .has_room_for(name.len() - self.prefix.len())
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
        Ok(Pending { name, header_offset: self.pos, size })
    }

    fn finish_entry(&mut self, p: Pending, crc32: u32) -> io::Result<()> {
        let data_offset = p.header_offset
            + LOCAL_HEADER_LEN
            + p.name.len() as u64
            + if p.size >= u64::from(u32::MAX) { 20 } else { 0 };
        let name = p.name.get(self.prefix.len()..).unwrap_or_default();
        self.entries
            .push(Entry { name, size: p.size, crc32, header_offset: p.header_offset, data_offset })
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))
    }

    /// Makes room for `entries` more entries with `name_bytes` bytes of bag paths (a writer
    /// that knows its count, the sealer: the list then does not double past what it needs).
    pub fn reserve(&mut self, entries: usize, name_bytes: usize) {
        self.entries.reserve(entries, name_bytes);
    }

    /// Adds an entry whose bytes are in memory.
    pub fn add_bytes(&mut self, name: &str, _modified: DateTime<Utc>, data: &[u8]) -> io::Result<()> {
        let p = self.begin(name, data.len() as u64)?;
        let crc = crc32fast::hash(data);
        self.local_header(&p, crc)?;
        self.out.write_all(data)?;
        self.pos += data.len() as u64;
        self.finish_entry(p, crc)?;
        Ok(())
    }

    /// Streams an entry of exactly `size` bytes from `input`, hashing it with SHA-256 in the
    /// same pass. Fails with `InvalidData` if `input` yields more or fewer bytes than `size`
    /// (the file changed while it was being sealed).
    ///
    /// Runs as a hash pipeline (`hash_pipeline`): reading (with the CRC-32), SHA-256 and writing each on
    /// their own thread, so that the hashing core does nothing but hash.
    pub fn add_stream(
        &mut self,
        name: &str,
        _modified: DateTime<Utc>,
        size: u64,
        input: &mut (dyn Read + Send),
        progress: &mut dyn FnMut(u64),
    ) -> io::Result<[u8; 32]> {
        let p = self.begin(name, size)?;
        self.local_header(&p, 0)?;
        let mut crc = crc32fast::Hasher::new();
        let mut read_total = 0u64;
        let mut written = 0u64;
        let changed = || io::Error::new(io::ErrorKind::InvalidData, wording::archive::changed_size(name, size));
        let out = &mut self.out;
        let sha = hash_pipeline(
            |buf| {
                let n = loop {
                    match input.read(buf) {
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                        other => break other?,
                    }
                };
                read_total += n as u64;
                if read_total > size {
                    return Err(changed());
                }
                crc.update(&buf[..n]);
                Ok(n)
            },
            |data| {
                out.write_all(data)?;
                written += data.len() as u64;
                progress(data.len() as u64);
                Ok(())
            },
        )?;
        if read_total != size || written != size {
            return Err(changed());
        }
        self.pos += size;
        let crc = crc.finalize();
        // Go back and fill in the CRC-32 of the local header, then return to the end.
        self.out.seek(io::SeekFrom::Start(p.header_offset + 14))?;
        self.out.write_all(&crc.to_le_bytes())?;
        self.out.seek(io::SeekFrom::Start(self.pos))?;
        self.finish_entry(p, crc)?;
        Ok(sha)
    }

    /// Adds an entry that `write` produces straight into the archive, in one pass: its size and
    /// CRC-32 are measured as it goes and filled into the local header afterwards (as
    /// [`add_stream`](Self::add_stream) fills the CRC-32), and `seen` is given every byte (the
    /// caller's SHA-256). A large tag file (the manifest of a million files) is thus serialised
    /// once and never held (issue #22). Returns the entry's size. An entry of more than `limit`
    /// bytes is refused, `write` stopped within 64 KiB (its buffer) of the limit, with an
    /// [`EntryTooLarge`] (in an error of kind `FileTooLarge`): the archive then holds part of
    /// an entry and must be abandoned, not finished (as after any error of this writer's).
    /// `limit` must be below `u32::MAX` (the header has no ZIP64 field for a size not known in
    /// advance; the manifests' limit is 512 MiB).
    pub fn add_measured(
        &mut self,
        name: &str,
        limit: u64,
        write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
        seen: &mut dyn FnMut(&[u8]),
    ) -> io::Result<u64> {
        if limit >= u64::from(u32::MAX) {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, wording::archive::MEASURED_LIMIT_TOO_HIGH));
        }
        let mut p = self.begin(name, 0)?;
        self.local_header(&p, 0)?;
        let mut tee = Tee { out: &mut self.out, n: 0, limit, over: false, crc: crc32fast::Hasher::new(), seen };
        // A serialiser writes a few bytes at a time: the buffer gives the CRC-32 and `seen`
        // whole blocks. Emptied into the tee (`into_inner`, which does not flush the archive's
        // own output) before the count is read; if `write` or that failed, what is left in it
        // is dropped unwritten (`into_parts`), the entry being abandoned anyway.
        let mut buffered = io::BufWriter::with_capacity(MEASURED_BUF, &mut tee);
        let wrote = match write(&mut buffered) {
            Ok(()) => buffered.into_inner().map(drop).map_err(|e| {
                let (e, rest) = e.into_parts();
                drop(rest.into_parts());
                e
            }),
            Err(e) => {
                drop(buffered.into_parts());
                Err(e)
            }
        };
        let (n, over, crc) = (tee.n, tee.over, tee.crc.finalize());
        if over {
            // Whatever `write` made of the refusal, the entry is too large.
            let why = EntryTooLarge { name: name.to_owned(), limit };
            return Err(io::Error::new(io::ErrorKind::FileTooLarge, why));
        }
        wrote?;
        p.size = n;
        self.pos += n;
        // Go back and fill in the CRC-32 and both sizes of the local header (12 bytes from
        // offset 14), then return to the end: the header is as if they had been known.
        // `n as u32` is exact: n <= limit < u32::MAX, checked at the start.
        let mut patch = [0u8; 12];
        patch[..4].copy_from_slice(&crc.to_le_bytes());
        patch[4..8].copy_from_slice(&(n as u32).to_le_bytes());
        patch[8..].copy_from_slice(&(n as u32).to_le_bytes());
        self.out.seek(io::SeekFrom::Start(p.header_offset + 14))?;
        self.out.write_all(&patch)?;
        self.out.seek(io::SeekFrom::Start(self.pos))?;
        self.finish_entry(p, crc)?;
        Ok(n)
    }

    /// Adds an entry whose bytes, SHA-256 and CRC-32 were computed elsewhere (by a worker
    /// thread hashing small files in parallel).
    pub fn add_prehashed(&mut self, name: &str, _modified: DateTime<Utc>, data: &[u8], crc32: u32) -> io::Result<()> {
        let p = self.begin(name, data.len() as u64)?;
        self.local_header(&p, crc32)?;
        self.out.write_all(data)?;
        self.pos += data.len() as u64;
        self.finish_entry(p, crc32)?;
        Ok(())
    }

    /// The entries written so far, in order.
    pub fn entries(&self) -> &Entries {
        &self.entries
    }

    /// The entries written so far with every name in their shared arena
    /// ([`Entries::frozen_names`]): a writer of a million entries (the sealer) refers its
    /// manifest's records to these names instead of copying them (issue #22). Entries added
    /// afterwards keep their names apart, as before.
    pub(crate) fn entries_frozen(&mut self) -> &Entries {
        self.entries.freeze();
        &self.entries
    }

    /// Writes the central directory and end records, and returns the output. The central
    /// directory goes out in blocks as it is made (at a million entries it is about 100 MB).
    pub fn finish(mut self) -> io::Result<W> {
        const BLOCK: usize = 1 << 16;
        let cd_offset = self.pos;
        let mut cd_size = 0u64;
        let mut cd = Vec::with_capacity(2 * BLOCK);
        let mut name = String::new();
        for e in &self.entries {
            if cd.len() >= BLOCK {
                self.out.write_all(&cd)?;
                cd_size += cd.len() as u64;
                cd.clear();
            }
            name.clear();
            name.push_str(&self.prefix);
            name.push_str(e.name);
            let size_big = e.size >= u64::from(u32::MAX);
            let offset_big = e.header_offset >= u64::from(u32::MAX);
            let mut extra = Vec::new();
            if size_big {
                extra.extend_from_slice(&e.size.to_le_bytes());
                extra.extend_from_slice(&e.size.to_le_bytes());
            }
            if offset_big {
                extra.extend_from_slice(&e.header_offset.to_le_bytes());
            }
            let needed = if size_big || offset_big { VERSION_ZIP64 } else { VERSION_DEFAULT };
            cd.extend_from_slice(&SIG_CENTRAL.to_le_bytes());
            cd.extend_from_slice(&MADE_BY.to_le_bytes());
            cd.extend_from_slice(&needed.to_le_bytes());
            cd.extend_from_slice(&FLAG_UTF8.to_le_bytes());
            cd.extend_from_slice(&0u16.to_le_bytes());
            cd.extend_from_slice(&DOS_TIME.to_le_bytes());
            cd.extend_from_slice(&DOS_DATE.to_le_bytes());
            cd.extend_from_slice(&e.crc32.to_le_bytes());
            let size32 = if size_big { u32::MAX } else { e.size as u32 };
            cd.extend_from_slice(&size32.to_le_bytes());
            cd.extend_from_slice(&size32.to_le_bytes());
            cd.extend_from_slice(&(name.len() as u16).to_le_bytes());
            let xlen = if extra.is_empty() { 0 } else { extra.len() as u16 + 4 };
            cd.extend_from_slice(&xlen.to_le_bytes());
            cd.extend_from_slice(&0u16.to_le_bytes()); // comment length
            cd.extend_from_slice(&0u16.to_le_bytes()); // disk number start
            cd.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
            cd.extend_from_slice(&EXTERNAL_ATTRS.to_le_bytes());
            let off32 = if offset_big { u32::MAX } else { e.header_offset as u32 };
            cd.extend_from_slice(&off32.to_le_bytes());
            cd.extend_from_slice(name.as_bytes());
            if !extra.is_empty() {
                cd.extend_from_slice(&EXTRA_ZIP64.to_le_bytes());
                cd.extend_from_slice(&(extra.len() as u16).to_le_bytes());
                cd.extend_from_slice(&extra);
            }
        }
        let count = self.entries.len() as u64;
        self.out.write_all(&cd)?;
        let cd_size = cd_size + cd.len() as u64;
        let zip64 = count >= 0xFFFF || cd_size >= u64::from(u32::MAX) || cd_offset >= u64::from(u32::MAX);
        let mut end = Vec::new();
        if zip64 {
            let z_at = cd_offset + cd_size;
            end.extend_from_slice(&SIG_ZIP64_EOCD.to_le_bytes());
            end.extend_from_slice(&(ZIP64_EOCD_LEN - 12).to_le_bytes());
            end.extend_from_slice(&MADE_BY.to_le_bytes());
            end.extend_from_slice(&VERSION_ZIP64.to_le_bytes());
            end.extend_from_slice(&0u32.to_le_bytes());
            end.extend_from_slice(&0u32.to_le_bytes());
            end.extend_from_slice(&count.to_le_bytes());
            end.extend_from_slice(&count.to_le_bytes());
            end.extend_from_slice(&cd_size.to_le_bytes());
            end.extend_from_slice(&cd_offset.to_le_bytes());
            end.extend_from_slice(&SIG_ZIP64_LOCATOR.to_le_bytes());
            end.extend_from_slice(&0u32.to_le_bytes());
            end.extend_from_slice(&z_at.to_le_bytes());
            end.extend_from_slice(&1u32.to_le_bytes());
        }
        let c16 = if zip64 { 0xFFFF } else { count as u16 };
        end.extend_from_slice(&SIG_EOCD.to_le_bytes());
        end.extend_from_slice(&0u16.to_le_bytes());
        end.extend_from_slice(&0u16.to_le_bytes());
        end.extend_from_slice(&c16.to_le_bytes());
        end.extend_from_slice(&c16.to_le_bytes());
        end.extend_from_slice(&(if zip64 { u32::MAX } else { cd_size as u32 }).to_le_bytes());
        end.extend_from_slice(&(if zip64 { u32::MAX } else { cd_offset as u32 }).to_le_bytes());
        end.extend_from_slice(&0u16.to_le_bytes());
        self.out.write_all(&end)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Writes a whole bundle from entries held in memory (by bag path), in the order given, under
/// the root of the bundle `bundle_id`. Used to build test vectors and tampered bundles; real
/// bundles are written by streaming.
pub fn write_bundle(bundle_id: &str, entries: &[(String, Vec<u8>)], modified: DateTime<Utc>) -> io::Result<Vec<u8>> {
    let root = Root::bundle(bundle_id)
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "a bundle id is 32 lowercase hex digits"))?;
    let mut w = ArchiveWriter::new(io::Cursor::new(Vec::new()), &root);
    for (name, data) in entries {
        w.add_bytes(name, modified, data)?;
    }
    Ok(w.finish()?.into_inner())
}

/// Writes a whole bundle from entries held in memory (by bag path), in the order given, under
/// the root of the bundle they describe: the `bundle_id` of their `custody/manifest.json`,
/// else of their first event, else `custody-00000000000000000000000000000000/`. For tests
/// and vectors that edit a bundle read with [`super::read_archive`].
pub fn write_archive(entries: &[(String, Vec<u8>)], modified: DateTime<Utc>) -> io::Result<Vec<u8>> {
    #[derive(serde::Deserialize)]
    struct Id {
        bundle_id: String,
    }
    let id_in = |path: &str| {
        let (_, data) = entries.iter().find(|(n, _)| n == path)?;
        let id = serde_json::from_slice::<Id>(data).ok()?.bundle_id;
        Root::bundle(&id).map(|_| id)
    };
    let first_event = entries.iter().map(|(n, _)| n.as_str()).find(|n| crate::layout::is_event_document(n));
    let id = id_in(crate::layout::MANIFEST_PATH)
        .or_else(|| first_event.and_then(id_in))
        .unwrap_or_else(|| "0".repeat(crate::layout::ROOT_ID_HEX));
    write_bundle(&id, entries, modified)
}

/// Writes a whole archive from entries held in memory, in the order given, their names as
/// given (no root folder): for hostile vectors and tests of the archive layer.
pub fn write_unrooted(entries: &[(String, Vec<u8>)], modified: DateTime<Utc>) -> io::Result<Vec<u8>> {
    let mut w = ArchiveWriter::unrooted(io::Cursor::new(Vec::new()));
    for (name, data) in entries {
        w.add_bytes(name, modified, data)?;
    }
    Ok(w.finish()?.into_inner())
}

/// The buffer between [`ArchiveWriter::add_measured`]'s `write` and its count, CRC-32 and
/// `seen` (64 KiB): an entry over its limit is refused at most this much (and one write of
/// `write`'s) past it.
pub(super) const MEASURED_BUF: usize = 1 << 16;

/// Why [`ArchiveWriter::add_measured`] refused an entry: it passed its size limit. Carried in
/// the `io::Error` (of kind [`io::ErrorKind::FileTooLarge`]) so that a caller can tell it from
/// a file system's own "file too large" (`EFBIG`), which has that kind too.
#[derive(Debug, thiserror::Error)]
#[error("{}", wording::archive::measured_too_large(name, *limit))]
pub struct EntryTooLarge {
    /// The entry's name (a bag path).
    pub name: String,
    /// The limit it passed, in bytes.
    pub limit: u64,
}

impl EntryTooLarge {
    /// Whether `e` is this refusal, not some other error.
    pub fn is(e: &io::Error) -> bool {
        e.get_ref().is_some_and(|inner| inner.is::<EntryTooLarge>())
    }
}

/// A writer that passes what it is given on to `out`, counts it, computes its CRC-32 and shows
/// it to `seen`; it refuses (with `over` set) what would take it past `limit` bytes.
struct Tee<'a, W: Write> {
    out: &'a mut W,
    n: u64,
    limit: u64,
    over: bool,
    crc: crc32fast::Hasher,
    seen: &'a mut dyn FnMut(&[u8]),
}

impl<W: Write> Write for Tee<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.n + buf.len() as u64 > self.limit {
            self.over = true;
            // Replaced by add_measured, which knows the entry's name, with the catalogue's words.
            return Err(io::ErrorKind::FileTooLarge.into());
        }
        let n = self.out.write(buf)?;
        let done = buf.get(..n).unwrap_or(buf);
        self.crc.update(done);
        (self.seen)(done);
        self.n += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
