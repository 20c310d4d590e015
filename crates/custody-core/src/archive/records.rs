//! The archive's records, decoded and checked against the strict profile (spec §3.2, §3.3):
//! the end records (classic and ZIP64), the ZIP64 extra field and each entry's local header.
//! The central directory itself is walked by [`Archive::open`](super::Archive::open).

use super::*;
use crate::wording;

/// Reads `len` bytes at `offset`, mapping a short read to a clear error.
pub(super) fn read_at<S: Source + ?Sized>(
    src: &S,
    offset: u64,
    len: usize,
    what: &str,
) -> Result<Vec<u8>, ArchiveError> {
    let mut buf = vec![0u8; len];
    src.read_exact_at(&mut buf, offset).map_err(|e| {
        if e.kind() == io::ErrorKind::UnexpectedEof {
            malformed(wording::archive::runs_past_end(what))
        } else {
            ArchiveError::Io(e)
        }
    })?;
    Ok(buf)
}

pub(super) struct EndRecord {
    pub(super) entries: u64,
    pub(super) cd_size: u64,
    pub(super) cd_offset: u64,
    /// Where the end records start: the central directory must end exactly here.
    pub(super) start: u64,
}

pub(super) fn read_end_record<S: Source + ?Sized>(src: &S) -> Result<EndRecord, ArchiveError> {
    let len = src.len();
    if len < EOCD_LEN {
        return Err(ArchiveError::NotZip);
    }
    let eocd_at = len - EOCD_LEN;
    let e = read_at(src, eocd_at, EOCD_LEN as usize, "end record")?;
    if le32(&e, 0) != SIG_EOCD {
        return Err(ArchiveError::NotZip);
    }
    let (disk, cd_disk) = (le16(&e, 4), le16(&e, 6));
    let (disk_entries, entries16) = (le16(&e, 8), le16(&e, 10));
    let (cd_size32, cd_offset32) = (le32(&e, 12), le32(&e, 16));
    // The record sits at the very end of the file, so an archive comment is impossible.
    if le16(&e, 20) != 0 {
        return Err(malformed(wording::archive::END_COMMENT_MISSING));
    }

    let locator = if eocd_at >= ZIP64_LOCATOR_LEN {
        let l = read_at(src, eocd_at - ZIP64_LOCATOR_LEN, ZIP64_LOCATOR_LEN as usize, "ZIP64 locator")?;
        (le32(&l, 0) == SIG_ZIP64_LOCATOR).then_some(l)
    } else {
        None
    };
    let Some(l) = locator else {
        if disk != 0 || cd_disk != 0 || disk_entries != entries16 {
            return Err(ArchiveError::MultiDisk);
        }
        if entries16 == 0xFFFF || cd_size32 == u32::MAX || cd_offset32 == u32::MAX {
            return Err(malformed(wording::archive::ZIP64_MARKERS_WITHOUT_RECORD));
        }
        return Ok(EndRecord {
            entries: entries16.into(),
            cd_size: cd_size32.into(),
            cd_offset: cd_offset32.into(),
            start: eocd_at,
        });
    };
    let locator_at = eocd_at - ZIP64_LOCATOR_LEN;
    if le32(&l, 4) != 0 || le32(&l, 16) != 1 {
        return Err(ArchiveError::MultiDisk);
    }
    let z_at = le64(&l, 8);
    if z_at.checked_add(ZIP64_EOCD_LEN) != Some(locator_at) {
        return Err(malformed(wording::archive::ZIP64_RECORD_NOT_BEFORE_LOCATOR));
    }
    let z = read_at(src, z_at, ZIP64_EOCD_LEN as usize, "ZIP64 end record")?;
    if le32(&z, 0) != SIG_ZIP64_EOCD || le64(&z, 4) != ZIP64_EOCD_LEN - 12 {
        return Err(malformed(wording::archive::ZIP64_RECORD_BAD));
    }
    if le32(&z, 16) != 0 || le32(&z, 20) != 0 || le64(&z, 24) != le64(&z, 32) {
        return Err(ArchiveError::MultiDisk);
    }
    let what = || "the ZIP64 end record".to_owned();
    version_is(what, "version made by", le16(&z, 12), MADE_BY)?;
    version_is(what, "version needed to extract", le16(&z, 14), VERSION_ZIP64)?;
    let (entries, cd_size, cd_offset) = (le64(&z, 32), le64(&z, 40), le64(&z, 48));
    // The writer adds the ZIP64 end record only when a value does not fit the classic one.
    if entries < 0xFFFF && cd_size < u64::from(u32::MAX) && cd_offset < u64::from(u32::MAX) {
        return Err(malformed(wording::archive::ZIP64_RECORD_UNNEEDED));
    }
    // The classic record must carry the same values or the ZIP64 markers.
    let agrees16 = |v: u16, real: u64| v == 0xFFFF || u64::from(v) == real;
    let agrees32 = |v: u32, real: u64| v == u32::MAX || u64::from(v) == real;
    let agree = agrees16(entries16, entries)
        && agrees16(disk_entries, entries)
        && agrees32(cd_size32, cd_size)
        && agrees32(cd_offset32, cd_offset)
        && (disk == 0 || disk == 0xFFFF)
        && (cd_disk == 0 || cd_disk == 0xFFFF);
    if !agree {
        return Err(malformed(wording::archive::END_RECORDS_DISAGREE));
    }
    Ok(EndRecord { entries, cd_size, cd_offset, start: z_at })
}

/// Checks a version field against the one value the writer writes; `what` names the record
/// only when it is refused (issue #22: naming it, with its entry's name made printable, for
/// each of a million entries that pass cost seconds).
pub(super) fn version_is(
    what: impl FnOnce() -> String,
    field: &'static str,
    value: u16,
    expected: u16,
) -> Result<(), ArchiveError> {
    if value != expected {
        return Err(ArchiveError::UnsupportedVersion { what: what(), field, value, expected });
    }
    Ok(())
}

/// Reads the ZIP64 extended-information extra field for the values flagged by markers.
pub(super) fn zip64_values(extra: &[u8], mut need: [Option<&mut u64>; 3], name: &str) -> Result<(), ArchiveError> {
    let wanted = need.iter().filter(|n| n.is_some()).count();
    let mut pos = 0;
    let mut found = false;
    while pos < extra.len() {
        if pos + 4 > extra.len() {
            return Err(malformed(wording::archive::extra_truncated(name)));
        }
        let (id, size) = (le16(extra, pos), usize::from(le16(extra, pos + 2)));
        let body =
            extra.get(pos + 4..pos + 4 + size).ok_or_else(|| malformed(wording::archive::extra_runs_past(name)))?;
        if id != EXTRA_ZIP64 {
            return Err(ArchiveError::UnsupportedExtra { name: name.to_owned(), id });
        }
        {
            // One block, holding exactly the values whose 32-bit fields are markers; the
            // writer writes none when no field is a marker (an empty block included).
            if found || wanted == 0 || size != wanted * 8 {
                return Err(malformed(wording::archive::zip64_extra_bad(name)));
            }
            found = true;
            let mut at = 0;
            for slot in need.iter_mut().flatten() {
                **slot = le64(body, at);
                // A marker only stands for a value that does not fit 32 bits.
                if **slot < u64::from(u32::MAX) {
                    return Err(malformed(wording::archive::zip64_value_fits(name, **slot)));
                }
                at += 8;
            }
        }
        pos += 4 + size;
    }
    if wanted > 0 && !found {
        return Err(malformed(wording::archive::zip64_markers_without_extra(name)));
    }
    Ok(())
}

/// [`check_local_header`] for every entry, in parallel when there are many; one result per
/// entry, in order.
pub(super) fn check_local_headers<S: Source + ?Sized>(
    src: &S,
    entries: &Entries,
    limit: u64,
) -> (Vec<u64>, Option<ArchiveError>) {
    const PER_THREAD: usize = 512;
    // The data offset of each entry up to the first that fails, and why that one failed
    // (8 bytes an entry: a `Result` each cost about 70 at a million entries, twice over while
    // the threads' lists were joined).
    fn run<'e, S: Source + ?Sized>(
        src: &S,
        part: impl Iterator<Item = Entry<'e>>,
        n: usize,
        limit: u64,
    ) -> (Vec<u64>, Option<ArchiveError>) {
        let mut offsets = Vec::with_capacity(n);
        for e in part {
            match check_local_header(src, &e, limit) {
                Ok(at) => offsets.push(at),
                Err(err) => return (offsets, Some(err)),
            }
        }
        (offsets, None)
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(4);
    if threads < 2 || entries.len() < 2 * PER_THREAD {
        return run(src, entries.iter(), entries.len(), limit);
    }
    let chunk = entries.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..entries.len())
            .step_by(chunk)
            .map(|start| {
                let n = chunk.min(entries.len() - start);
                let part = entries.iter().skip(start).take(n);
                s.spawn(move || run(src, part, n, limit))
            })
            .collect();
        let mut offsets = Vec::with_capacity(entries.len());
        for h in handles {
            let (part, failed) =
                h.join().unwrap_or_else(|_| (Vec::new(), Some(malformed(wording::archive::HEADER_THREAD_FAILED))));
            offsets.extend_from_slice(&part);
            if failed.is_some() {
                return (offsets, failed);
            }
        }
        (offsets, None)
    })
}

/// Checks an entry's local header against its central-directory record; returns the offset
/// of its first data byte.
fn check_local_header<S: Source + ?Sized>(src: &S, e: &Entry<'_>, limit: u64) -> Result<u64, ArchiveError> {
    // One read for the fixed header, the name and a ZIP64 extra field (the usual case); a
    // second only if the header claims more.
    let guess = (LOCAL_HEADER_LEN as usize + e.name.len() + 20).min(limit.saturating_sub(e.header_offset) as usize);
    let head = read_at(src, e.header_offset, guess.max(LOCAL_HEADER_LEN as usize), "local header")?;
    let h = &head[..LOCAL_HEADER_LEN as usize];
    let mismatch = |field| ArchiveError::HeaderMismatch { name: e.name.to_owned(), field };
    if le32(h, 0) != SIG_LOCAL {
        return Err(mismatch(wording::archive::NO_LOCAL_HEADER));
    }
    if le16(h, 6) != FLAG_UTF8 {
        return Err(mismatch("flags"));
    }
    let sizes_zip64 = le32(h, 18) == u32::MAX || le32(h, 22) == u32::MAX;
    version_is(
        || wording::archive::local_header_of(e.name),
        "version needed to extract",
        le16(h, 4),
        if sizes_zip64 { VERSION_ZIP64 } else { VERSION_DEFAULT },
    )?;
    if le16(h, 8) != 0 {
        return Err(mismatch("compression method"));
    }
    if le16(h, 10) != DOS_TIME || le16(h, 12) != DOS_DATE {
        return Err(mismatch("modification time"));
    }
    if le32(h, 14) != e.crc32 {
        return Err(mismatch("CRC-32"));
    }
    let (csize32, usize32) = (le32(h, 18), le32(h, 22));
    let (nlen, xlen) = (usize::from(le16(h, 26)), usize::from(le16(h, 28)));
    let var = match head.get(LOCAL_HEADER_LEN as usize..LOCAL_HEADER_LEN as usize + nlen + xlen) {
        Some(v) => v.to_vec(),
        None => read_at(src, e.header_offset + LOCAL_HEADER_LEN, nlen + xlen, "local header")?,
    };
    if &var[..nlen] != e.name.as_bytes() {
        return Err(mismatch("name"));
    }
    let (mut usize64, mut csize64) = (u64::from(usize32), u64::from(csize32));
    let zip64 = usize32 == u32::MAX || csize32 == u32::MAX;
    if zip64 && (usize32 != u32::MAX || csize32 != u32::MAX) {
        return Err(mismatch("sizes"));
    }
    zip64_values(&var[nlen..], [zip64.then_some(&mut usize64), zip64.then_some(&mut csize64), None], e.name).map_err(
        |e| match e {
            ArchiveError::UnsupportedExtra { .. } => e,
            _ => mismatch("ZIP64 extra field"),
        },
    )?;
    if usize64 != e.size || csize64 != e.size {
        return Err(mismatch("sizes"));
    }
    Ok(e.header_offset + LOCAL_HEADER_LEN + (nlen + xlen) as u64)
}
