//! A re-zipped bundle read leniently (spec §9.6): when the strict reader refuses a file for a
//! rule another ZIP tool breaks ([`ArchiveError::leaves_entries_readable`]), this reader still
//! finds its entries, so that the report can say whether the evidence and the signatures hold
//! although the container is not the sealed one.
//!
//! Lenient only where ZIP tools differ: flags (UTF-8 or not, data descriptors), extra fields,
//! times, attributes and versions are not looked at, folder entries are skipped, entries may
//! be deflated, and bytes between entries are allowed. Still refused: encryption, a method
//! other than stored or deflated, a symbolic link or other special entry, several disks, an
//! entry that runs past the central directory or overlaps another, a local header whose name
//! differs, and every name rule and limit of spec §3.3 and §3.4 and the root rule of §2.5. A
//! deflated entry inflates to exactly its recorded size, and a recorded size beyond what
//! deflate can give from its packed bytes (1032 to 1) is refused before anything is read, so
//! the bytes it produces are bounded by a constant times the file's size; the CRC-32 of every
//! entry is checked when it is read. Time is linear in the file (names sorted once).

use super::pieces::{Packed, RepackedSource};
use super::read::first_repeated;
use super::records::read_at;
use super::root::strip_root;
use super::*;
use crate::layout::{MAX_CENTRAL_DIRECTORY, MAX_ENTRIES, MAX_NAME_LEN};

/// The most deflate can expand: 258 bytes from 2 bits, about 1032 to 1, with a margin for
/// tiny entries.
fn inflates_at_most(packed: u64) -> u64 {
    packed.saturating_mul(1032).saturating_add(1024)
}

/// The end record found leniently: the last one in the file's last 64 KiB whose comment
/// reaches exactly the end of the file; its ZIP64 record when a locator precedes it.
fn find_end<S: Source + ?Sized>(src: &S) -> Result<(u64, u64, u64), ArchiveError> {
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
    let (mut entries, mut cd_size, mut cd_offset) =
        (u64::from(le16(e, 10)), u64::from(le32(e, 12)), u64::from(le32(e, 16)));
    if eocd_at >= ZIP64_LOCATOR_LEN {
        let l = read_at(src, eocd_at - ZIP64_LOCATOR_LEN, ZIP64_LOCATOR_LEN as usize, "ZIP64 locator")?;
        if le32(&l, 0) == SIG_ZIP64_LOCATOR {
            let z = read_at(src, le64(&l, 8), ZIP64_EOCD_LEN as usize, "ZIP64 end record")?;
            if le32(&z, 0) != SIG_ZIP64_EOCD {
                return Err(malformed(wording::archive::ZIP64_RECORD_BAD));
            }
            (entries, cd_size, cd_offset) = (le64(&z, 32), le64(&z, 40), le64(&z, 48));
        }
    }
    Ok((entries, cd_size, cd_offset))
}

/// Reads the file leniently as a bundle re-zipped by another tool (module doc). The entries
/// are the bundle's bag paths, as [`Archive::open`] gives them, over a [`RepackedSource`].
pub fn open_repacked<S: Source + ?Sized>(zip: &S) -> Result<Archive<RepackedSource<'_, S>>, ArchiveError> {
    let (count, cd_size, cd_offset) = find_end(zip)?;
    if count > MAX_ENTRIES {
        return Err(ArchiveError::TooManyEntries(count));
    }
    if cd_size > MAX_CENTRAL_DIRECTORY || cd_offset.checked_add(cd_size).is_none_or(|e| e > zip.len()) {
        return Err(malformed(wording::archive::CD_NOT_BEFORE_END_RECORDS));
    }
    let cd = read_at(zip, cd_offset, cd_size as usize, "central directory")?;
    let mut entries = Entries::with_capacity(count.min(65_536) as usize, 0);
    let mut packing: Vec<(u64, bool)> = Vec::with_capacity(count.min(65_536) as usize);
    let mut pos = 0usize;
    for _ in 0..count {
        let h =
            cd.get(pos..pos + CENTRAL_HEADER_LEN).ok_or_else(|| malformed(wording::archive::CD_SHORTER_THAN_COUNT))?;
        if le32(h, 0) != SIG_CENTRAL {
            return Err(malformed(wording::archive::CD_BAD_SIGNATURE));
        }
        let (made_by, flags, method, crc32) = (le16(h, 4), le16(h, 8), le16(h, 10), le32(h, 16));
        let (csize32, usize32) = (le32(h, 20), le32(h, 24));
        let (nlen, xlen, clen) = (usize::from(le16(h, 28)), usize::from(le16(h, 30)), usize::from(le16(h, 32)));
        let (ext_attrs, offset32) = (le32(h, 38), le32(h, 42));
        let var = cd
            .get(pos + CENTRAL_HEADER_LEN..pos + CENTRAL_HEADER_LEN + nlen + xlen + clen)
            .ok_or_else(|| malformed(wording::archive::CD_RECORD_RUNS_PAST))?;
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
        zip64_fields(&var[nlen..nlen + xlen], usize32, csize32, offset32, [&mut size, &mut packed, &mut offset]);
        let unix_kind = (made_by >> 8 == 3).then_some((ext_attrs >> 16) & 0o170000);
        let folder = name.ends_with('/');
        if folder && size == 0 && matches!(unix_kind, None | Some(0) | Some(0o040000)) {
            // A folder entry: nothing to read, and the names of the files say the same.
            continue;
        }
        if folder || !matches!(unix_kind, None | Some(0) | Some(0o100000)) || ext_attrs & 0x10 != 0 {
            return Err(ArchiveError::NotRegularFile(name));
        }
        check_name(&name).map_err(|why| ArchiveError::UnsafeName { name: name.clone(), why })?;
        let deflated = match method {
            0 if packed == size => false,
            0 => return Err(malformed(wording::archive::stored_sizes_differ(&name))),
            8 if size <= inflates_at_most(packed) => true,
            8 => return Err(malformed(wording::archive::inflates_beyond(&name, size, packed))),
            _ => return Err(ArchiveError::UnsupportedCompression { name, method }),
        };
        entries.push(Entry {
            name: &name,
            size,
            crc32,
            header_offset: offset,
            data_offset: 0,
            dos_time: DOS_TIME,
            dos_date: DOS_DATE,
        });
        packing.push((packed, deflated));
    }
    if let Some(name) = first_repeated(&entries) {
        return Err(ArchiveError::DuplicateName(name));
    }
    let mut folded = crate::names::NameSet::new();
    for e in &entries {
        folded.insert_key(e.name);
    }
    folded.check_by(|i| entries.get(i).map_or("", |e| e.name))?;
    // Each entry's data, after its local header, within the entries' part of the file.
    let mut data_at = Vec::with_capacity(entries.len());
    for (e, &(packed, _)) in entries.iter().zip(&packing) {
        let head = read_at(zip, e.header_offset, LOCAL_HEADER_LEN as usize, "local header")?;
        let mismatch = |field| ArchiveError::HeaderMismatch { name: e.name.to_owned(), field };
        if le32(&head, 0) != SIG_LOCAL {
            return Err(mismatch(wording::archive::NO_LOCAL_HEADER));
        }
        let (nlen, xlen) = (u64::from(le16(&head, 26)), u64::from(le16(&head, 28)));
        let local_name = read_at(zip, e.header_offset + LOCAL_HEADER_LEN, nlen as usize, "local header")?;
        if local_name != e.name.as_bytes() {
            return Err(mismatch("name"));
        }
        let start = e.header_offset + LOCAL_HEADER_LEN + nlen + xlen;
        if start.checked_add(packed).is_none_or(|end| end > cd_offset) {
            return Err(ArchiveError::Overlap(e.name.to_owned()));
        }
        data_at.push(start);
    }
    // No two entries share bytes: in order of their headers, each ends before the next begins.
    let mut order: Vec<u32> = (0..entries.len()).filter_map(|i| u32::try_from(i).ok()).collect();
    let header_of = |i: u32| entries.get(i as usize).map_or(0, |e| e.header_offset);
    order.sort_unstable_by_key(|&i| header_of(i));
    for w in order.windows(2) {
        let (a, b) = (w[0] as usize, w[1] as usize);
        let end_a = data_at[a] + packing[a].0;
        if end_a > header_of(w[1]) {
            return Err(ArchiveError::Overlap(entries.get(b).map_or_else(String::new, |e| e.name.to_owned())));
        }
    }
    let mut source = RepackedSource::new(zip);
    for (i, &(packed, deflated)) in packing.iter().enumerate() {
        let size = entries.get(i).map_or(0, |e| e.size);
        let at = source.push(Packed { at: data_at[i], packed, deflated }, size);
        entries.set_data_offset(i, at);
    }
    let root = strip_root(&source, &mut entries, RootKind::Bundle)?;
    let end = source.len();
    Ok(Archive::assemble(entries, root, Box::new(source), end, Container::Repacked))
}

/// The ZIP64 values of the fields that hold a marker, from the extra field's block `0x0001`
/// if there is one (other blocks are skipped; a short block leaves the markers, which then
/// point past the file and are refused).
fn zip64_fields(extra: &[u8], usize32: u32, csize32: u32, offset32: u32, out: [&mut u64; 3]) {
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
        let mut bomb = zip.clone();
        bomb[at + 24..at + 28].copy_from_slice(&u32::MAX.wrapping_sub(1).to_le_bytes());
        assert!(matches!(open_repacked(&bomb), Err(ArchiveError::Malformed(m)) if m.contains("deflate")));
        for size in [8999u32, 9001] {
            let mut wrong = zip.clone();
            wrong[at + 24..at + 28].copy_from_slice(&size.to_le_bytes());
            let a = open_repacked(&wrong).unwrap();
            assert!(read(&a, "data/a.txt").is_err(), "recorded {size}, holds 9000");
        }
    }

    /// Every entry's CRC-32 is checked as it is read.
    #[test]
    fn the_crc_is_checked() {
        let mut zip = rezip(false);
        let at = record_of(&zip, &format!("{ROOT}data/a.txt"));
        zip[at + 16] ^= 1;
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
        // The entry's local header moved to another entry's: its name differs.
        let other = record_of(&zip, &format!("{ROOT}bagit.txt"));
        let mut moved = zip.clone();
        let elsewhere: [u8; 4] = zip[other + 42..other + 46].try_into().unwrap();
        moved[at + 42..at + 46].copy_from_slice(&elsewhere);
        assert!(matches!(open_repacked(&moved), Err(ArchiveError::HeaderMismatch { field: "name", .. })));
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
