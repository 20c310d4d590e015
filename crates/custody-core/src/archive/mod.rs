//! The ZIP container: a strict writer and reader for the subset of ZIP the bundle format uses.
//!
//! Bundles travel between parties who do not trust each other, so the reader accepts exactly
//! one shape of archive and rejects everything else with a specific [`ArchiveError`]:
//! every entry stored (method 0), UTF-8 names (flag bit 11), no encryption, no data
//! descriptors, no comments, one disk, entries laid end to end from offset 0 with the central
//! directory immediately after the last entry and the end record at the very end of the
//! file, local headers identical to their central-directory records, and names that are safe
//! relative paths. ZIP64 records are used, and understood, when a size, offset or count does
//! not fit in the classic fields.
//!
//! Stored entries are what make the format fast and checkable by stock tools: payload bytes
//! sit in the file verbatim, so `unzip`, `sha256sum` and friends stream them, and there is no
//! decompression to bomb. Because sizes are stored in the central directory and every entry
//! must be contiguous, the total bytes the reader will ever produce are bounded by the size of
//! the file itself.
//!
//! Why our own code rather than the `zip` crate: its reader has no strict mode (duplicate
//! names shadow each other, leading junk is accepted, CRCs are checked only on full reads),
//! and appending custody events in place needs byte-exact control of where entries go. The
//! `zip` crate is used in the tests as an independent reader of what this module writes.

use std::collections::HashSet;
use std::io::{self, Read, Write};

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

const SIG_LOCAL: u32 = 0x0403_4b50;
const SIG_CENTRAL: u32 = 0x0201_4b50;
const SIG_EOCD: u32 = 0x0605_4b50;
const SIG_ZIP64_EOCD: u32 = 0x0606_4b50;
const SIG_ZIP64_LOCATOR: u32 = 0x0706_4b50;
const FLAG_UTF8: u16 = 0x0800;
const EXTRA_ZIP64: u16 = 0x0001;
const VERSION_DEFAULT: u16 = 20;
const VERSION_ZIP64: u16 = 45;
/// "Version made by": host 3 (UNIX, so the external attributes carry a file mode), spec 4.5.
const MADE_BY: u16 = (3 << 8) | 45;
/// External attributes of every entry: a regular file, mode 0644.
const EXTERNAL_ATTRS: u32 = 0o100644 << 16;
const EOCD_LEN: u64 = 22;
const ZIP64_LOCATOR_LEN: u64 = 20;
const ZIP64_EOCD_LEN: u64 = 56;
const LOCAL_HEADER_LEN: u64 = 30;
const CENTRAL_HEADER_LEN: usize = 46;

/// The most entries a bundle may hold.
pub const MAX_ENTRIES: u64 = 1_000_000;
/// The longest entry name, in bytes.
pub const MAX_NAME_LEN: usize = 1024;
/// The largest central directory the reader will load, in bytes.
pub const MAX_CENTRAL_DIRECTORY: u64 = 256 * 1024 * 1024;
/// Copy buffer size for streaming entries.
pub(crate) const BUF_LEN: usize = 1 << 20;
/// Buffers in flight in a [`hash_pipeline`] (each of [`BUF_LEN`] bytes).
const PIPELINE_BUFFERS: usize = 8;
/// Entries at least this large are hashed through a [`hash_pipeline`] when verified.
const PIPELINE_MIN: u64 = 4 * BUF_LEN as u64;

/// Why an archive was rejected. Each variant has a stable [`code`](ArchiveError::code).
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error("could not read the archive: {0}")]
    Io(#[from] io::Error),
    #[error("not a ZIP archive, or truncated: no end-of-archive record at the end of the file")]
    NotZip,
    #[error("the archive spans several disks (multi-part ZIP), which bundles never do")]
    MultiDisk,
    #[error("malformed archive: {0}")]
    Malformed(String),
    #[error("the archive claims {0} entries; at most {MAX_ENTRIES} are allowed")]
    TooManyEntries(u64),
    #[error("entry name of {0} bytes is longer than the limit of {MAX_NAME_LEN}")]
    NameTooLong(usize),
    #[error("entry name is not valid UTF-8: {0}")]
    NonUtf8Name(String),
    #[error("entry '{}' has an unsafe name: {why}", crate::verify::printable(.name))]
    UnsafeName { name: String, why: &'static str },
    #[error("entry '{}' appears more than once", crate::verify::printable(.0))]
    DuplicateName(String),
    #[error(
        "entries '{}' and '{}' differ only in letter case, Unicode form or invisible characters; extracted on many systems one would overwrite the other", crate::verify::printable(.0), crate::verify::printable(.1))]
    NameCollision(String, String),
    #[error(
        "entry '{}' has the name of a folder of entry '{}' (ignoring letter case and Unicode form); \
         the two cannot both be extracted", crate::verify::printable(.file), crate::verify::printable(.folder_of)
    )]
    FileIsFolder { file: String, folder_of: String },
    #[error("entry '{}' is not a regular file (a directory, symbolic link or device entry)", crate::verify::printable(.0))]
    NotRegularFile(String),
    #[error("entry '{}' is encrypted", crate::verify::printable(.0))]
    Encrypted(String),
    #[error("entry '{}' uses compression method {method}; bundles store every entry (method 0)", crate::verify::printable(.name))]
    UnsupportedCompression { name: String, method: u16 },
    #[error(
        "entry '{}' has ZIP flags {flags:#06x}, but bundles use exactly 0x0800 (UTF-8 names, nothing else): \
         the archive was not written as a custody bundle (was it unzipped and zipped again?)", crate::verify::printable(.name))]
    UnsupportedFlags { name: String, flags: u16 },
    #[error(
        "entry '{}' has file attributes internal {internal:#06x}, external {external:#010x}, but bundles use exactly \
         internal 0 and external 0x81a40000 (a plain regular file, mode 0644): unzip or tar could create a symbolic link, \
         a setuid or executable file from it. The archive was not written as a custody bundle; ask the sender for the original",
        crate::verify::printable(.name)
    )]
    UnsupportedAttributes { name: String, internal: u16, external: u32 },
    #[error(
        "{what} has {field} {value:#06x}, but bundles use exactly {expected:#06x}: stock tools may skip or refuse such \
         an entry. The archive was not written as a custody bundle; ask the sender for the original"
    )]
    UnsupportedVersion { what: String, field: &'static str, value: u16, expected: u16 },
    #[error(
        "entry '{}' has ZIP time {time:#06x} and date {date:#06x}, but bundles store exactly 1980-01-01 00:00 \
         (time 0, date 0x0021): no signature covers that field, and unzip would give the file a time nobody signed \
         (the signed modification times are in custody/manifest.json). Ask the sender for the original bundle",
        crate::verify::printable(.name)
    )]
    UnsupportedTime { name: String, time: u16, date: u16 },
    #[error("entry '{}' carries ZIP extra field {id:#06x}; bundles carry only the ZIP64 field (0x0001)", crate::verify::printable(.name))]
    UnsupportedExtra { name: String, id: u16 },
    #[error("entry '{}': the local header disagrees with the central directory ({field})", crate::verify::printable(.name))]
    HeaderMismatch { name: String, field: &'static str },
    #[error("{0} unaccounted bytes before or between entries at offset {1}")]
    Gap(u64, u64),
    #[error("entry '{}' overlaps the entry before it", crate::verify::printable(.0))]
    Overlap(String),
    #[error("entry '{}': the data does not match its CRC-32 (the archive is damaged)", crate::verify::printable(.0))]
    CrcMismatch(String),
    #[error("entry '{}' is {size} bytes; the limit for this kind of file is {limit}", crate::verify::printable(.name))]
    TooLarge { name: String, size: u64, limit: u64 },
}

impl ArchiveError {
    /// The stable code reported for this error.
    pub fn code(&self) -> &'static str {
        match self {
            ArchiveError::Io(_) => "archive.unreadable",
            ArchiveError::NotZip => "archive.not_zip",
            ArchiveError::MultiDisk => "archive.multi_disk",
            ArchiveError::Malformed(_) => "archive.malformed",
            ArchiveError::TooManyEntries(_) => "archive.too_many_entries",
            ArchiveError::NameTooLong(_) => "archive.name_too_long",
            ArchiveError::NonUtf8Name(_) => "archive.non_utf8_name",
            ArchiveError::UnsafeName { .. } => "archive.unsafe_name",
            ArchiveError::DuplicateName(_) => "archive.duplicate_name",
            ArchiveError::NameCollision(..) | ArchiveError::FileIsFolder { .. } => "archive.name_collision",
            ArchiveError::NotRegularFile(_) => "archive.not_regular_file",
            ArchiveError::Encrypted(_) => "archive.encrypted_entry",
            ArchiveError::UnsupportedCompression { .. } => "archive.unsupported_compression",
            ArchiveError::UnsupportedFlags { .. } => "archive.unsupported_flags",
            ArchiveError::UnsupportedAttributes { .. } | ArchiveError::UnsupportedTime { .. } => {
                "archive.unsupported_attributes"
            }
            ArchiveError::UnsupportedVersion { .. } => "archive.unsupported_version",
            ArchiveError::HeaderMismatch { .. } => "archive.header_mismatch",
            ArchiveError::UnsupportedExtra { .. } => "archive.unsupported_extra",
            ArchiveError::Gap(..) => "archive.unaccounted_bytes",
            ArchiveError::Overlap(_) => "archive.overlapping_entries",
            ArchiveError::CrcMismatch(_) => "archive.crc_mismatch",
            ArchiveError::TooLarge { .. } => "archive.entry_too_large",
        }
    }
}

fn malformed(what: impl Into<String>) -> ArchiveError {
    ArchiveError::Malformed(what.into())
}

/// The form under which two names count as the same file (spec §3.4; see [`crate::names`]).
/// macOS normalises names and Windows and macOS ignore case by default, so names equal in
/// this form would overwrite each other when extracted there. Bundles never contain two.
pub fn collision_key(name: &str) -> String {
    crate::names::collision_key(name)
}

impl From<crate::names::Collision> for ArchiveError {
    fn from(c: crate::names::Collision) -> Self {
        match c {
            crate::names::Collision::SameFile { earlier, later } => ArchiveError::NameCollision(earlier, later),
            crate::names::Collision::FileAndFolder { file, folder_of } => {
                ArchiveError::FileIsFolder { file, folder_of }
            }
        }
    }
}

/// Checks that `name` is a safe, normalised relative path: the rules every entry name and
/// every path inside a bundle document obey. Returns the reason when it is not.
pub fn check_name(name: &str) -> Result<(), &'static str> {
    if name.is_empty() {
        return Err("the name is empty");
    }
    if name.starts_with('/') {
        return Err("absolute path");
    }
    if name.contains('\\') {
        return Err("contains a backslash");
    }
    if name.as_bytes().get(1) == Some(&b':') {
        return Err("starts with a drive letter");
    }
    if name.chars().any(|c| c.is_control()) {
        return Err("contains a control character");
    }
    if name.chars().any(|c| matches!(c, ':' | '<' | '>' | '"' | '|' | '?' | '*')) {
        return Err("contains one of the characters : < > \" | ? * that Windows does not allow in names");
    }
    for part in name.split('/') {
        match part {
            "" => return Err("empty path component (a trailing slash or '//')"),
            "." | ".." => return Err("'.' or '..' path component"),
            _ if part.ends_with('.') || part.ends_with(' ') => {
                return Err("a name or folder ends with a dot or a space, which Windows drops");
            }
            _ if is_windows_device(part) => {
                return Err("a name or folder is a Windows device name (CON, PRN, AUX, NUL, COM1-9, LPT1-9)");
            }
            _ => {}
        }
    }
    Ok(())
}

/// Whether Windows takes `part` for a device (spec §3.4): CON, PRN, AUX, NUL, COM1–COM9 or
/// LPT1–LPT9 in any case, alone or before an extension (`con.txt`), spaces before it ignored.
fn is_windows_device(part: &str) -> bool {
    let stem = part.split('.').next().unwrap_or(part).trim_end_matches(' ').to_ascii_uppercase();
    match stem.as_bytes() {
        b"CON" | b"PRN" | b"AUX" | b"NUL" => true,
        [b'C', b'O', b'M', d] | [b'L', b'P', b'T', d] => (b'1'..=b'9').contains(d),
        _ => false,
    }
}

/// Where the bytes of an archive come from: a file, or memory (tests, fuzzing).
pub trait Source: Sync {
    /// Total length in bytes.
    fn len(&self) -> u64;
    /// Fills `buf` from `offset`; a short read is an error.
    fn read_exact_at(&self, buf: &mut [u8], offset: u64) -> io::Result<()>;
    /// Whether the source is empty.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Source for [u8] {
    fn len(&self) -> u64 {
        <[u8]>::len(self) as u64
    }
    fn read_exact_at(&self, buf: &mut [u8], offset: u64) -> io::Result<()> {
        let start = usize::try_from(offset).map_err(|_| io::ErrorKind::UnexpectedEof)?;
        let end =
            start.checked_add(buf.len()).filter(|&e| e <= <[u8]>::len(self)).ok_or(io::ErrorKind::UnexpectedEof)?;
        buf.copy_from_slice(&self[start..end]);
        Ok(())
    }
}

impl Source for Vec<u8> {
    fn len(&self) -> u64 {
        self.as_slice().len() as u64
    }
    fn read_exact_at(&self, buf: &mut [u8], offset: u64) -> io::Result<()> {
        self.as_slice().read_exact_at(buf, offset)
    }
}

/// A file opened for reading, with its length taken once at open time.
pub struct FileSource {
    file: std::fs::File,
    len: u64,
}

impl FileSource {
    pub fn new(file: std::fs::File) -> io::Result<Self> {
        let len = file.metadata()?.len();
        Ok(FileSource { file, len })
    }
    pub fn file(&self) -> &std::fs::File {
        &self.file
    }
}

impl Source for FileSource {
    fn len(&self) -> u64 {
        self.len
    }
    #[cfg(unix)]
    fn read_exact_at(&self, buf: &mut [u8], offset: u64) -> io::Result<()> {
        std::os::unix::fs::FileExt::read_exact_at(&self.file, buf, offset)
    }
    #[cfg(windows)]
    fn read_exact_at(&self, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
        while !buf.is_empty() {
            match std::os::windows::fs::FileExt::seek_read(&self.file, buf, offset)? {
                0 => return Err(io::ErrorKind::UnexpectedEof.into()),
                n => {
                    buf = &mut buf[n..];
                    offset += n as u64;
                }
            }
        }
        Ok(())
    }
}

/// One entry of an archive, as recorded in its central directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub size: u64,
    pub crc32: u32,
    /// Offset of the local header.
    pub header_offset: u64,
    /// Offset of the first data byte.
    pub data_offset: u64,
    pub dos_time: u16,
    pub dos_date: u16,
}

/// What reading an entry found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryDigest {
    pub sha256: [u8; 32],
    pub crc_ok: bool,
}

/// A parsed archive: its entries in file order, over a [`Source`].
pub struct Archive<S: Source + ?Sized> {
    entries: Vec<Entry>,
    central_directory_offset: u64,
    source: Box<S>,
}

fn le16(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}
fn le32(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}
fn le64(b: &[u8], at: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(a)
}

/// Reads `len` bytes at `offset`, mapping a short read to a clear error.
fn read_at<S: Source + ?Sized>(src: &S, offset: u64, len: usize, what: &str) -> Result<Vec<u8>, ArchiveError> {
    let mut buf = vec![0u8; len];
    src.read_exact_at(&mut buf, offset).map_err(|e| {
        if e.kind() == io::ErrorKind::UnexpectedEof {
            malformed(format!("{what} runs past the end of the file"))
        } else {
            ArchiveError::Io(e)
        }
    })?;
    Ok(buf)
}

struct EndRecord {
    entries: u64,
    cd_size: u64,
    cd_offset: u64,
    /// Where the end records start: the central directory must end exactly here.
    start: u64,
}

fn read_end_record<S: Source + ?Sized>(src: &S) -> Result<EndRecord, ArchiveError> {
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
        return Err(malformed("the end record announces a comment that is not there"));
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
            return Err(malformed("end record has ZIP64 markers but there is no ZIP64 end record"));
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
        return Err(malformed("the ZIP64 end record is not immediately before its locator"));
    }
    let z = read_at(src, z_at, ZIP64_EOCD_LEN as usize, "ZIP64 end record")?;
    if le32(&z, 0) != SIG_ZIP64_EOCD || le64(&z, 4) != ZIP64_EOCD_LEN - 12 {
        return Err(malformed("bad ZIP64 end record"));
    }
    if le32(&z, 16) != 0 || le32(&z, 20) != 0 || le64(&z, 24) != le64(&z, 32) {
        return Err(ArchiveError::MultiDisk);
    }
    version_is("the ZIP64 end record", "version made by", le16(&z, 12), MADE_BY)?;
    version_is("the ZIP64 end record", "version needed to extract", le16(&z, 14), VERSION_ZIP64)?;
    let (entries, cd_size, cd_offset) = (le64(&z, 32), le64(&z, 40), le64(&z, 48));
    // The writer adds the ZIP64 end record only when a value does not fit the classic one.
    if entries < 0xFFFF && cd_size < u64::from(u32::MAX) && cd_offset < u64::from(u32::MAX) {
        return Err(malformed("a ZIP64 end record where the end record's fields would do"));
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
        return Err(malformed("the end record and the ZIP64 end record disagree"));
    }
    Ok(EndRecord { entries, cd_size, cd_offset, start: z_at })
}

/// Checks a version field against the one value the writer writes.
fn version_is(what: &str, field: &'static str, value: u16, expected: u16) -> Result<(), ArchiveError> {
    if value != expected {
        return Err(ArchiveError::UnsupportedVersion { what: what.to_owned(), field, value, expected });
    }
    Ok(())
}

/// Reads the ZIP64 extended-information extra field for the values flagged by markers.
fn zip64_values(extra: &[u8], mut need: [Option<&mut u64>; 3], name: &str) -> Result<(), ArchiveError> {
    let wanted = need.iter().filter(|n| n.is_some()).count();
    let mut pos = 0;
    let mut found = false;
    while pos < extra.len() {
        if pos + 4 > extra.len() {
            return Err(malformed(format!("entry '{}': truncated extra field", crate::verify::printable(name))));
        }
        let (id, size) = (le16(extra, pos), usize::from(le16(extra, pos + 2)));
        let body = extra.get(pos + 4..pos + 4 + size).ok_or_else(|| {
            malformed(format!("entry '{}': extra field runs past its end", crate::verify::printable(name)))
        })?;
        if id != EXTRA_ZIP64 {
            return Err(ArchiveError::UnsupportedExtra { name: name.to_owned(), id });
        }
        {
            // One block, holding exactly the values whose 32-bit fields are markers; the
            // writer writes none when no field is a marker (an empty block included).
            if found || wanted == 0 || size != wanted * 8 {
                return Err(malformed(format!("entry '{}': bad ZIP64 extra field", crate::verify::printable(name))));
            }
            found = true;
            let mut at = 0;
            for slot in need.iter_mut().flatten() {
                **slot = le64(body, at);
                // A marker only stands for a value that does not fit 32 bits.
                if **slot < u64::from(u32::MAX) {
                    return Err(malformed(format!(
                        "entry '{}': a ZIP64 value ({}) that fits the 32-bit field it replaces",
                        crate::verify::printable(name),
                        **slot
                    )));
                }
                at += 8;
            }
        }
        pos += 4 + size;
    }
    if wanted > 0 && !found {
        return Err(malformed(format!(
            "entry '{}': ZIP64 markers without a ZIP64 extra field",
            crate::verify::printable(name)
        )));
    }
    Ok(())
}

impl<S: Source + ?Sized> Archive<S> {
    /// Parses and checks the whole structure of the archive. Entry data is not read.
    pub fn open(source: Box<S>) -> Result<Self, ArchiveError> {
        let src = &*source;
        let end = read_end_record(src)?;
        if end.entries > MAX_ENTRIES {
            return Err(ArchiveError::TooManyEntries(end.entries));
        }
        if end.cd_offset.checked_add(end.cd_size) != Some(end.start) {
            return Err(malformed("the central directory does not end where the end records begin"));
        }
        if end.cd_size > MAX_CENTRAL_DIRECTORY {
            return Err(malformed(format!("central directory of {} bytes is too large", end.cd_size)));
        }
        let cd = read_at(src, end.cd_offset, end.cd_size as usize, "central directory")?;
        let mut entries = Vec::with_capacity(end.entries.min(65_536) as usize);
        let mut names = HashSet::new();
        let mut folded = crate::names::NameSet::new();
        let mut pos = 0usize;
        for _ in 0..end.entries {
            let h = cd
                .get(pos..pos + CENTRAL_HEADER_LEN)
                .ok_or_else(|| malformed("the central directory is shorter than its entry count"))?;
            if le32(h, 0) != SIG_CENTRAL {
                return Err(malformed("bad central directory record signature"));
            }
            let (made_by, needed, flags, method) = (le16(h, 4), le16(h, 6), le16(h, 8), le16(h, 10));
            let (dos_time, dos_date, crc32) = (le16(h, 12), le16(h, 14), le32(h, 16));
            let (csize32, usize32) = (le32(h, 20), le32(h, 24));
            let (nlen, xlen, clen) = (usize::from(le16(h, 28)), usize::from(le16(h, 30)), usize::from(le16(h, 32)));
            let (disk_start, int_attrs, ext_attrs, offset32) = (le16(h, 34), le16(h, 36), le32(h, 38), le32(h, 42));
            let var = cd
                .get(pos + CENTRAL_HEADER_LEN..pos + CENTRAL_HEADER_LEN + nlen + xlen + clen)
                .ok_or_else(|| malformed("a central directory record runs past the directory"))?;
            pos += CENTRAL_HEADER_LEN + nlen + xlen + clen;
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
            let what = || format!("entry '{}'", crate::verify::printable(&name));
            version_is(&what(), "version made by", made_by, MADE_BY)?;
            let uses_zip64 = usize32 == u32::MAX || csize32 == u32::MAX || offset32 == u32::MAX;
            version_is(
                &what(),
                "version needed to extract",
                needed,
                if uses_zip64 { VERSION_ZIP64 } else { VERSION_DEFAULT },
            )?;
            if dos_time != DOS_TIME || dos_date != DOS_DATE {
                return Err(ArchiveError::UnsupportedTime { name, time: dos_time, date: dos_date });
            }
            if clen != 0 {
                return Err(malformed(format!(
                    "entry '{}' has a comment; bundles never do",
                    crate::verify::printable(&name)
                )));
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
                return Err(malformed(format!(
                    "entry '{}' is stored but its sizes differ",
                    crate::verify::printable(&name)
                )));
            }
            if !names.insert(name.clone()) {
                return Err(ArchiveError::DuplicateName(name));
            }
            folded.insert(&name);
            entries.push(Entry {
                name,
                size: usize64,
                crc32,
                header_offset: offset64,
                data_offset: 0,
                dos_time,
                dos_date,
            });
        }
        if pos != cd.len() {
            return Err(malformed("unaccounted bytes at the end of the central directory"));
        }
        folded.check()?;
        entries.sort_by_key(|e| e.header_offset);
        // Each local header is read and compared on its own (many small reads, the serial
        // cost of opening a bundle of many files), on up to four threads; the results are
        // taken in offset order so the first problem reported is the same either way.
        let checked = check_local_headers(src, &mut entries, end.cd_offset);
        let mut expected = 0u64;
        for (e, result) in entries.iter_mut().zip(checked) {
            if e.header_offset > expected {
                return Err(ArchiveError::Gap(e.header_offset - expected, expected));
            }
            if e.header_offset < expected {
                return Err(ArchiveError::Overlap(e.name.clone()));
            }
            result?;
            expected = e
                .data_offset
                .checked_add(e.size)
                .ok_or_else(|| malformed(format!("entry '{}' has an impossible size", e.name)))?;
            if expected > end.cd_offset {
                return Err(ArchiveError::Overlap(e.name.clone()));
            }
        }
        if expected != end.cd_offset {
            return Err(ArchiveError::Gap(end.cd_offset - expected, expected));
        }
        Ok(Archive { entries, central_directory_offset: end.cd_offset, source })
    }

    /// Entries in the order they appear in the file.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry with this exact name.
    pub fn entry(&self, name: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.name == name)
    }

    /// Offset of the central directory, which is also the end of the last entry.
    pub fn central_directory_offset(&self) -> u64 {
        self.central_directory_offset
    }

    pub fn source(&self) -> &S {
        &self.source
    }

    /// Streams an entry's data into `out`, returning its SHA-256 and whether its CRC-32
    /// matched. Callers decide what a CRC mismatch means; the SHA-256 is what matters for
    /// evidence, the CRC only says the ZIP layer itself was damaged or edited.
    pub fn hash_entry(&self, entry: &Entry, out: &mut dyn Write) -> Result<EntryDigest, ArchiveError> {
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
        Ok(EntryDigest { sha256: sha, crc_ok: crc.finalize() == entry.crc32 })
    }

    /// Streams an entry's data into `out`, returning its SHA-256; a CRC-32 mismatch is an
    /// error (raised after `out` has received the bytes).
    pub fn copy_entry(&self, entry: &Entry, out: &mut dyn Write) -> Result<[u8; 32], ArchiveError> {
        let d = self.hash_entry(entry, out)?;
        if !d.crc_ok {
            return Err(ArchiveError::CrcMismatch(entry.name.clone()));
        }
        Ok(d.sha256)
    }

    /// Reads a small entry whole, refusing entries over `limit` bytes.
    pub fn read_entry(&self, entry: &Entry, limit: u64) -> Result<Vec<u8>, ArchiveError> {
        if entry.size > limit {
            return Err(ArchiveError::TooLarge { name: entry.name.clone(), size: entry.size, limit });
        }
        let mut out = Vec::with_capacity(entry.size as usize);
        self.copy_entry(entry, &mut out)?;
        Ok(out)
    }
}

/// Streams bytes from `read` to `consume`, computing their SHA-256 on the way, with each of
/// the three on its own thread: `read` fills buffers on a reading thread (and may compute a
/// CRC-32 there), SHA-256 runs on a second, and `consume` runs on the caller's. One large
/// file cannot be hashed faster than one core; this keeps every other cost (copying from
/// and into the page cache, the CRC, the file system's own work) off that core.
///
/// `read` fills a buffer and returns how many bytes it put there; 0 ends the stream. Buffers
/// go round through bounded channels, so memory stays at [`PIPELINE_BUFFERS`] buffers. The
/// first error from either end stops all three threads and is returned.
pub(crate) fn hash_pipeline(
    mut read: impl FnMut(&mut [u8]) -> io::Result<usize> + Send,
    mut consume: impl FnMut(&[u8]) -> io::Result<()>,
) -> io::Result<[u8; 32]> {
    use std::sync::mpsc::sync_channel;
    type Filled = io::Result<(Vec<u8>, usize)>;
    let (read_tx, read_rx) = sync_channel::<Filled>(PIPELINE_BUFFERS);
    let (hashed_tx, hashed_rx) = sync_channel::<Filled>(PIPELINE_BUFFERS);
    let (empty_tx, empty_rx) = sync_channel::<Vec<u8>>(PIPELINE_BUFFERS);
    for _ in 0..PIPELINE_BUFFERS {
        // Cannot fail: the channel has room for every buffer and its receiver is alive.
        let _ = empty_tx.send(vec![0u8; BUF_LEN]);
    }
    std::thread::scope(|scope| {
        scope.spawn(move || {
            while let Ok(mut buf) = empty_rx.recv() {
                match read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => {
                        if read_tx.send(Ok((buf, n))).is_err() {
                            break;
                        }
                    }
                    Err(e) => {
                        let _ = read_tx.send(Err(e));
                        break;
                    }
                }
            }
        });
        let hasher = scope.spawn(move || {
            let mut sha = Sha256::new();
            for filled in read_rx {
                let failed = filled.is_err();
                if let Ok((buf, n)) = &filled {
                    sha.update(&buf[..*n]);
                }
                if hashed_tx.send(filled).is_err() || failed {
                    break;
                }
            }
            <[u8; 32]>::from(sha.finalize())
        });
        let mut result = Ok(());
        for filled in hashed_rx {
            match filled.and_then(|(buf, n)| consume(&buf[..n]).map(|()| buf)) {
                // The reader may have finished already; then the buffer is simply dropped.
                Ok(buf) => {
                    let _ = empty_tx.send(buf);
                }
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        // Dropping the loop's receiver and `empty_tx` unblocks the other two threads.
        drop(empty_tx);
        let sha = hasher.join().map_err(|_| io::Error::other("the hashing thread failed"))?;
        result.map(|()| sha)
    })
}

/// [`check_local_header`] for every entry, in parallel when there are many; one result per
/// entry, in order.
fn check_local_headers<S: Source + ?Sized>(
    src: &S,
    entries: &mut [Entry],
    limit: u64,
) -> Vec<Result<(), ArchiveError>> {
    const PER_THREAD: usize = 512;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(4);
    if threads < 2 || entries.len() < 2 * PER_THREAD {
        return entries.iter_mut().map(|e| check_local_header(src, e, limit)).collect();
    }
    let chunk = entries.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = entries
            .chunks_mut(chunk)
            .map(|part| {
                let n = part.len();
                (n, s.spawn(move || part.iter_mut().map(|e| check_local_header(src, e, limit)).collect::<Vec<_>>()))
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|(n, h)| {
                h.join().unwrap_or_else(|_| {
                    (0..n).map(|_| Err(malformed("internal: a header-checking thread failed"))).collect()
                })
            })
            .collect()
    })
}

fn check_local_header<S: Source + ?Sized>(src: &S, e: &mut Entry, limit: u64) -> Result<(), ArchiveError> {
    // One read for the fixed header, the name and a ZIP64 extra field (the usual case); a
    // second only if the header claims more.
    let guess = (LOCAL_HEADER_LEN as usize + e.name.len() + 20).min(limit.saturating_sub(e.header_offset) as usize);
    let head = read_at(src, e.header_offset, guess.max(LOCAL_HEADER_LEN as usize), "local header")?;
    let h = &head[..LOCAL_HEADER_LEN as usize];
    let mismatch = |field| ArchiveError::HeaderMismatch { name: e.name.clone(), field };
    if le32(h, 0) != SIG_LOCAL {
        return Err(mismatch("no local header signature at the recorded offset"));
    }
    if le16(h, 6) != FLAG_UTF8 {
        return Err(mismatch("flags"));
    }
    let sizes_zip64 = le32(h, 18) == u32::MAX || le32(h, 22) == u32::MAX;
    version_is(
        &format!("the local header of entry '{}'", e.name),
        "version needed to extract",
        le16(h, 4),
        if sizes_zip64 { VERSION_ZIP64 } else { VERSION_DEFAULT },
    )?;
    if le16(h, 8) != 0 {
        return Err(mismatch("compression method"));
    }
    if le16(h, 10) != e.dos_time || le16(h, 12) != e.dos_date {
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
    zip64_values(&var[nlen..], [zip64.then_some(&mut usize64), zip64.then_some(&mut csize64), None], &e.name).map_err(
        |e| match e {
            ArchiveError::UnsupportedExtra { .. } => e,
            _ => mismatch("ZIP64 extra field"),
        },
    )?;
    if usize64 != e.size || csize64 != e.size {
        return Err(mismatch("sizes"));
    }
    e.data_offset = e.header_offset + LOCAL_HEADER_LEN + (nlen + xlen) as u64;
    Ok(())
}

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
    dos: (u16, u16),
}

/// Writes a bundle archive: entries one after another, then the central directory.
///
/// The writer needs `Seek` only to go back and fill in the CRC-32 of a streamed entry once
/// its data has been written; sizes are known before an entry starts.
///
/// The `_modified` argument of the `add_*` methods is not written: every entry carries the
/// fixed [`DOS_DATE`] and [`DOS_TIME`] (spec §3.1). It is kept so that the sealer and the
/// appenders, which pass it, did not change with that rule; it can go when they next do.
pub struct ArchiveWriter<W: Write + io::Seek> {
    out: W,
    pos: u64,
    entries: Vec<Entry>,
}

impl<W: Write + io::Seek> ArchiveWriter<W> {
    /// A writer for a new archive; `out` must be positioned at offset 0.
    pub fn new(out: W) -> Self {
        ArchiveWriter { out, pos: 0, entries: Vec::new() }
    }

    /// A writer that continues an existing archive: `entries` stay as they are and new
    /// entries are written from `pos` (which `out` must already be positioned at).
    pub fn resume(out: W, entries: Vec<Entry>, pos: u64) -> Self {
        ArchiveWriter { out, pos, entries }
    }

    fn local_header(&mut self, p: &Pending, crc32: u32) -> io::Result<()> {
        let zip64 = p.size >= u64::from(u32::MAX);
        let mut h = Vec::with_capacity(30 + p.name.len() + 20);
        h.extend_from_slice(&SIG_LOCAL.to_le_bytes());
        h.extend_from_slice(&(if zip64 { VERSION_ZIP64 } else { VERSION_DEFAULT }).to_le_bytes());
        h.extend_from_slice(&FLAG_UTF8.to_le_bytes());
        h.extend_from_slice(&0u16.to_le_bytes());
        h.extend_from_slice(&p.dos.0.to_le_bytes());
        h.extend_from_slice(&p.dos.1.to_le_bytes());
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
        if name.len() > MAX_NAME_LEN || check_name(name).is_err() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("unsafe entry name '{}'", crate::verify::printable(name)),
            ));
        }
        Ok(Pending { name: name.to_owned(), header_offset: self.pos, size, dos: (DOS_TIME, DOS_DATE) })
    }

    fn finish_entry(&mut self, p: Pending, crc32: u32) {
        let data_offset = p.header_offset
            + LOCAL_HEADER_LEN
            + p.name.len() as u64
            + if p.size >= u64::from(u32::MAX) { 20 } else { 0 };
        self.entries.push(Entry {
            name: p.name,
            size: p.size,
            crc32,
            header_offset: p.header_offset,
            data_offset,
            dos_time: p.dos.0,
            dos_date: p.dos.1,
        });
    }

    /// Adds an entry whose bytes are in memory.
    pub fn add_bytes(&mut self, name: &str, _modified: DateTime<Utc>, data: &[u8]) -> io::Result<()> {
        let p = self.begin(name, data.len() as u64)?;
        let crc = crc32fast::hash(data);
        self.local_header(&p, crc)?;
        self.out.write_all(data)?;
        self.pos += data.len() as u64;
        self.finish_entry(p, crc);
        Ok(())
    }

    /// Streams an entry of exactly `size` bytes from `input`, hashing it with SHA-256 in the
    /// same pass. Fails with `InvalidData` if `input` yields more or fewer bytes than `size`
    /// (the file changed while it was being sealed).
    ///
    /// Runs as a [`hash_pipeline`]: reading (with the CRC-32), SHA-256 and writing each on
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
        let changed = || {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "'{}' changed size while it was being read ({size} bytes expected)",
                    crate::verify::printable(name)
                ),
            )
        };
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
        self.finish_entry(p, crc);
        Ok(sha)
    }

    /// Adds an entry whose bytes, SHA-256 and CRC-32 were computed elsewhere (by a worker
    /// thread hashing small files in parallel).
    pub fn add_prehashed(&mut self, name: &str, _modified: DateTime<Utc>, data: &[u8], crc32: u32) -> io::Result<()> {
        let p = self.begin(name, data.len() as u64)?;
        self.local_header(&p, crc32)?;
        self.out.write_all(data)?;
        self.pos += data.len() as u64;
        self.finish_entry(p, crc32);
        Ok(())
    }

    /// The entries written so far, in order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Writes the central directory and end records, and returns the output.
    pub fn finish(mut self) -> io::Result<W> {
        let cd_offset = self.pos;
        let mut cd = Vec::new();
        for e in &self.entries {
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
            cd.extend_from_slice(&e.dos_time.to_le_bytes());
            cd.extend_from_slice(&e.dos_date.to_le_bytes());
            cd.extend_from_slice(&e.crc32.to_le_bytes());
            let size32 = if size_big { u32::MAX } else { e.size as u32 };
            cd.extend_from_slice(&size32.to_le_bytes());
            cd.extend_from_slice(&size32.to_le_bytes());
            cd.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
            let xlen = if extra.is_empty() { 0 } else { extra.len() as u16 + 4 };
            cd.extend_from_slice(&xlen.to_le_bytes());
            cd.extend_from_slice(&0u16.to_le_bytes()); // comment length
            cd.extend_from_slice(&0u16.to_le_bytes()); // disk number start
            cd.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
            cd.extend_from_slice(&EXTERNAL_ATTRS.to_le_bytes());
            let off32 = if offset_big { u32::MAX } else { e.header_offset as u32 };
            cd.extend_from_slice(&off32.to_le_bytes());
            cd.extend_from_slice(e.name.as_bytes());
            if !extra.is_empty() {
                cd.extend_from_slice(&EXTRA_ZIP64.to_le_bytes());
                cd.extend_from_slice(&(extra.len() as u16).to_le_bytes());
                cd.extend_from_slice(&extra);
            }
        }
        let count = self.entries.len() as u64;
        let cd_size = cd.len() as u64;
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
        self.out.write_all(&cd)?;
        self.out.write_all(&end)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Writes a whole archive from entries held in memory, in the order given. Used to build
/// test vectors and tampered bundles; real bundles are written by streaming.
pub fn write_archive(entries: &[(String, Vec<u8>)], modified: DateTime<Utc>) -> io::Result<Vec<u8>> {
    let mut w = ArchiveWriter::new(io::Cursor::new(Vec::new()));
    for (name, data) in entries {
        w.add_bytes(name, modified, data)?;
    }
    Ok(w.finish()?.into_inner())
}

/// Reads every entry of an archive into memory (small archives only: tests and vectors).
pub fn read_archive(bytes: Vec<u8>) -> Result<Vec<(String, Vec<u8>)>, ArchiveError> {
    let a = Archive::open(Box::new(bytes))?;
    a.entries().iter().map(|e| Ok((e.name.clone(), a.read_entry(e, u64::MAX)?))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn t0() -> DateTime<Utc> {
        DateTime::from_timestamp(1_700_000_000, 0).unwrap()
    }

    fn sample() -> Vec<u8> {
        let mut w = ArchiveWriter::new(Cursor::new(Vec::new()));
        w.add_bytes("a.txt", t0(), b"hello").unwrap();
        let data = vec![7u8; 3000];
        w.add_stream("dir/b.bin", t0(), 3000, &mut &data[..], &mut |_| {}).unwrap();
        w.add_bytes("empty", t0(), b"").unwrap();
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn round_trip() {
        let bytes = sample();
        let a = Archive::open(Box::new(bytes.clone())).unwrap();
        let names: Vec<_> = a.entries().iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["a.txt", "dir/b.bin", "empty"]);
        assert_eq!(a.read_entry(a.entry("a.txt").unwrap(), 100).unwrap(), b"hello");
        assert_eq!(a.read_entry(a.entry("dir/b.bin").unwrap(), 10_000).unwrap(), vec![7u8; 3000]);
        assert!(matches!(a.read_entry(a.entry("dir/b.bin").unwrap(), 10), Err(ArchiveError::TooLarge { .. })));
    }

    #[test]
    fn independent_reader_agrees() {
        let bytes = sample();
        let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        assert_eq!(z.len(), 3);
        let mut s = String::new();
        z.by_name("a.txt").unwrap().read_to_string(&mut s).unwrap();
        assert_eq!(s, "hello");
        let mut b = Vec::new();
        z.by_name("dir/b.bin").unwrap().read_to_end(&mut b).unwrap();
        assert_eq!(b, vec![7u8; 3000]);
    }

    #[test]
    fn rejects_trailing_and_leading_bytes() {
        let mut bytes = sample();
        bytes.push(0);
        assert!(matches!(Archive::open(Box::new(bytes)), Err(ArchiveError::NotZip)));
        let mut pre = vec![0u8; 5];
        pre.extend(sample());
        // Offsets no longer match: the first entry is not at 0.
        assert!(Archive::open(Box::new(pre)).is_err());
    }

    #[test]
    fn rejects_crc_damage_when_read() {
        let mut bytes = sample();
        let a = Archive::open(Box::new(bytes.clone())).unwrap();
        let at = a.entry("a.txt").unwrap().data_offset as usize;
        bytes[at] ^= 1;
        let a = Archive::open(Box::new(bytes)).unwrap();
        assert!(matches!(a.read_entry(a.entry("a.txt").unwrap(), 100), Err(ArchiveError::CrcMismatch(_))));
    }

    #[test]
    fn multi_chunk_streams_keep_every_byte() {
        // Several pipeline buffers' worth, with a short read at the end.
        let data: Vec<u8> = (0..(BUF_LEN * 5 + 12_345)).map(|i| (i % 251) as u8).collect();
        let mut w = ArchiveWriter::new(Cursor::new(Vec::new()));
        let sha = w.add_stream("big", t0(), data.len() as u64, &mut &data[..], &mut |_| {}).unwrap();
        assert_eq!(sha, <[u8; 32]>::from(Sha256::digest(&data)));
        let bytes = w.finish().unwrap().into_inner();
        let a = Archive::open(Box::new(bytes)).unwrap();
        assert_eq!(a.read_entry(a.entry("big").unwrap(), u64::MAX).unwrap(), data);
        let mut w = ArchiveWriter::new(Cursor::new(Vec::new()));
        let err = w.add_stream("x", t0(), data.len() as u64 - 1, &mut &data[..], &mut |_| {}).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData, "a file that grew is refused");
    }

    #[test]
    fn size_change_is_an_error() {
        let mut w = ArchiveWriter::new(Cursor::new(Vec::new()));
        let err = w.add_stream("x", t0(), 10, &mut &b"short"[..], &mut |_| {}).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
    }

    #[test]
    fn grown_input_is_an_error() {
        let mut w = ArchiveWriter::new(Cursor::new(Vec::new()));
        let long = vec![7u8; 3 * BUF_LEN];
        let err = w.add_stream("x", t0(), 2 * BUF_LEN as u64, &mut &long[..], &mut |_| {}).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        assert!(err.to_string().contains("changed size"), "{err}");
    }

    /// A reader that yields `left` pseudo-random bytes in uneven pieces, then fails or ends.
    fn pieces(mut left: usize, fail: bool) -> impl FnMut(&mut [u8]) -> io::Result<usize> + Send {
        let mut x = 0x9e37_79b9u32;
        move |buf: &mut [u8]| {
            if left == 0 {
                return if fail { Err(io::Error::other("disk on fire")) } else { Ok(0) };
            }
            let n = buf.len().min(left).min(BUF_LEN / 3 + 17);
            for b in &mut buf[..n] {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                *b = x as u8;
            }
            left -= n;
            Ok(n)
        }
    }

    #[test]
    fn pipeline_hashes_and_passes_on_every_byte_in_order() {
        for size in [0, 1, BUF_LEN - 1, BUF_LEN, 3 * BUF_LEN + 5, PIPELINE_BUFFERS * BUF_LEN * 2 + 3] {
            let mut expected = Vec::new();
            let mut read = pieces(size, false);
            let mut buf = vec![0u8; BUF_LEN];
            loop {
                let n = read(&mut buf).unwrap();
                if n == 0 {
                    break;
                }
                expected.extend_from_slice(&buf[..n]);
            }
            let mut got = Vec::new();
            let sha = hash_pipeline(pieces(size, false), |d| {
                got.extend_from_slice(d);
                Ok(())
            })
            .unwrap();
            assert_eq!(got, expected, "size {size}");
            assert_eq!(sha, <[u8; 32]>::from(Sha256::digest(&expected)), "size {size}");
        }
    }

    #[test]
    fn pipeline_stops_on_either_side_failing() {
        // A read error after some data reaches the caller, whatever was consumed before it.
        let err = hash_pipeline(pieces(5 * BUF_LEN, true), |_| Ok(())).unwrap_err();
        assert_eq!(err.to_string(), "disk on fire");
        // A write error stops an endless reader (this would hang if the threads did not stop).
        let mut calls = 0;
        let err = hash_pipeline(
            |buf: &mut [u8]| Ok(buf.len()),
            |_| {
                calls += 1;
                if calls == 3 { Err(io::Error::other("disk full")) } else { Ok(()) }
            },
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "disk full");
        assert_eq!(calls, 3);
    }

    #[test]
    fn unsafe_names() {
        for bad in ["/etc/passwd", "../x", "a/../b", "a\\b", "C:x", "a//b", "a/", "", "a\nb", "./a"] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
        for bad in [
            "a.txt.",
            "a.txt ",
            "d./x",
            "d /x",
            "CON",
            "data/con.txt",
            "Lpt9",
            "nul .txt/x",
            "COM1.tar.gz",
            "x:y",
            "a/b:c",
            "a<b",
            "a>b",
            "a\"b",
            "a|b",
            "a?b",
            "a*b",
        ] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
        for good in
            ["a", "data/item-1/vidéo.mp4", "données/日本.txt", "a..b", "CONSOLE", "COM0", "COM10", "xcon", ".a", "a .b"]
        {
            assert!(check_name(good).is_ok(), "{good:?}");
        }
    }

    #[test]
    fn unsigned_fields_must_hold_the_writers_values() {
        let bytes = sample();
        let cd = Archive::open(Box::new(bytes.clone())).unwrap().central_directory_offset() as usize;
        let code = |edits: &[(usize, &[u8])]| {
            let mut b = bytes.clone();
            for (at, v) in edits {
                b[*at..*at + v.len()].copy_from_slice(v);
            }
            Archive::open(Box::new(b)).err().map(|e| e.code())
        };
        let link = (0o120777u32 << 16).to_le_bytes();
        for host in [0u16, 2, 5, 10, 16, 30] {
            let made_by = ((host << 8) | 45).to_le_bytes();
            assert_eq!(code(&[(cd + 4, &made_by), (cd + 38, &link)]), Some("archive.unsupported_attributes"), "{host}");
            assert_eq!(code(&[(cd + 4, &made_by)]), Some("archive.unsupported_version"), "{host}");
        }
        for mode in [0o104644u32, 0o102644, 0o101644, 0o100755, 0o100600, 0] {
            assert_eq!(code(&[(cd + 38, &(mode << 16).to_le_bytes())]), Some("archive.unsupported_attributes"));
        }
        assert_eq!(code(&[(cd + 36, &1u16.to_le_bytes())]), Some("archive.unsupported_attributes"));
        assert_eq!(code(&[(cd + 40, &0x0001u16.to_le_bytes())]), Some("archive.unsupported_attributes"));
        // A time nobody signed, in both headers (else the local header would disagree first).
        let (t, d) = (0x1800u16.to_le_bytes(), 0x5D73u16.to_le_bytes());
        assert_eq!(code(&[(cd + 12, &t), (10, &t)]), Some("archive.unsupported_attributes"));
        assert_eq!(code(&[(cd + 14, &d), (12, &d)]), Some("archive.unsupported_attributes"));
        let a = Archive::open(Box::new(bytes.clone())).unwrap();
        assert!(a.entries().iter().all(|e| (e.dos_time, e.dos_date) == (DOS_TIME, DOS_DATE)));
        for needed in [10u16, 45, 63, 255] {
            assert_eq!(code(&[(cd + 6, &needed.to_le_bytes())]), Some("archive.unsupported_version"));
            assert_eq!(code(&[(4, &needed.to_le_bytes())]), Some("archive.unsupported_version"));
        }
        assert_eq!(code(&[]), None);
    }

    #[test]
    fn every_truncation_is_rejected_without_panic() {
        let bytes = sample();
        for n in 0..bytes.len() {
            assert!(Archive::open(Box::new(bytes[..n].to_vec())).is_err(), "prefix {n}");
        }
    }

    #[test]
    fn zip64_entry_offsets_and_counts() {
        // Many entries force the ZIP64 end record.
        let mut w = ArchiveWriter::new(Cursor::new(Vec::new()));
        for i in 0..70_000u32 {
            w.add_bytes(&format!("f{i}"), t0(), &i.to_le_bytes()).unwrap();
        }
        let bytes = w.finish().unwrap().into_inner();
        let a = Archive::open(Box::new(bytes.clone())).unwrap();
        assert_eq!(a.entries().len(), 70_000);
        // The ZIP64 end record's version fields hold the writer's values too.
        // The locator (20 bytes before the 22-byte end record) holds its offset at byte 8.
        let z_at = usize::try_from(le64(&bytes, bytes.len() - 22 - 20 + 8)).unwrap();
        assert_eq!(le32(&bytes, z_at), SIG_ZIP64_EOCD);
        for (at, value) in [(z_at + 12, 0x0014u16), (z_at + 14, 20)] {
            let mut b = bytes.clone();
            b[at..at + 2].copy_from_slice(&value.to_le_bytes());
            assert_eq!(Archive::open(Box::new(b)).err().map(|e| e.code()), Some("archive.unsupported_version"));
        }
        let z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        assert_eq!(z.len(), 70_000);
    }
}
