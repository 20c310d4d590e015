//! Why the ZIP reader refused an archive: the text of each `ArchiveError` (its `Display`
//! calls these), one function per variant, in the variants' order. Entry names come from the
//! archive and are made printable here.

use std::fmt::Display;

use crate::layout::{MAX_ENTRIES, MAX_NAME_LEN};
use crate::text::printable;

/// `ArchiveError::Io`: the file could not be read.
pub fn io(e: impl Display) -> String {
    format!("could not read the archive: {e}")
}

/// `ArchiveError::NotZip`.
pub fn not_zip() -> String {
    "not a ZIP archive, or truncated: no end-of-archive record at the end of the file".to_string()
}

/// `ArchiveError::MultiDisk`.
pub fn multi_disk() -> String {
    "the archive spans several disks (multi-part ZIP), which bundles never do".to_string()
}

/// `ArchiveError::Malformed`: `what` says which record and how.
pub fn malformed(what: impl Display) -> String {
    format!("malformed archive: {what}")
}

/// `ArchiveError::TooManyEntries`.
pub fn too_many_entries(claimed: u64) -> String {
    format!("the archive claims {claimed} entries; at most {MAX_ENTRIES} are allowed")
}

/// `ArchiveError::NameTooLong`.
pub fn name_too_long(len: usize) -> String {
    format!("entry name of {len} bytes is longer than the limit of {MAX_NAME_LEN}")
}

/// `ArchiveError::NonUtf8Name`.
pub fn non_utf8_name(lossy: impl Display) -> String {
    format!("entry name is not valid UTF-8: {lossy}")
}

/// `ArchiveError::UnsafeName`: `why` names the rule of spec §3.4 it breaks.
pub fn unsafe_name(name: &str, why: impl Display) -> String {
    format!("entry '{}' has an unsafe name: {why}", printable(name))
}

/// `ArchiveError::DuplicateName`.
pub fn duplicate_name(name: &str) -> String {
    format!("entry '{}' appears more than once", printable(name))
}

/// `ArchiveError::NameCollision`.
pub fn name_collision(earlier: &str, later: &str) -> String {
    format!(
        "entries '{}' and '{}' differ only in letter case, Unicode form or invisible characters; extracted on many systems one would overwrite the other",
        printable(earlier),
        printable(later)
    )
}

/// `ArchiveError::FileIsFolder`.
pub fn file_is_folder(file: &str, folder_of: &str) -> String {
    format!(
        "entry '{}' has the name of a folder of entry '{}' (ignoring letter case and Unicode form); \
         the two cannot both be extracted",
        printable(file),
        printable(folder_of)
    )
}

/// `ArchiveError::NotRegularFile`.
pub fn not_regular_file(name: &str) -> String {
    format!("entry '{}' is not a regular file (a directory, symbolic link or device entry)", printable(name))
}

/// `ArchiveError::Encrypted`.
pub fn encrypted(name: &str) -> String {
    format!("entry '{}' is encrypted", printable(name))
}

/// `ArchiveError::UnsupportedCompression`.
pub fn unsupported_compression(name: &str, method: u16) -> String {
    format!("entry '{}' uses compression method {method}; bundles store every entry (method 0)", printable(name))
}

/// `ArchiveError::UnsupportedFlags`.
pub fn unsupported_flags(name: &str, flags: u16) -> String {
    format!(
        "entry '{}' has ZIP flags {flags:#06x}, but bundles use exactly 0x0800 (UTF-8 names, nothing else): \
         the archive was not written as a custody bundle (was it unzipped and zipped again?)",
        printable(name)
    )
}

/// `ArchiveError::UnsupportedAttributes`.
pub fn unsupported_attributes(name: &str, internal: u16, external: u32) -> String {
    format!(
        "entry '{}' has file attributes internal {internal:#06x}, external {external:#010x}, but bundles use exactly \
         internal 0 and external 0x81a40000 (a plain regular file, mode 0644): unzip or tar could create a symbolic link, \
         a setuid or executable file from it. The archive was not written as a custody bundle; ask the sender for the original",
        printable(name)
    )
}

/// `ArchiveError::UnsupportedVersion`: `what` is the record, `field` the version field.
pub fn unsupported_version(what: impl Display, field: impl Display, value: u16, expected: u16) -> String {
    format!(
        "{what} has {field} {value:#06x}, but bundles use exactly {expected:#06x}: stock tools may skip or refuse such \
         an entry. The archive was not written as a custody bundle; ask the sender for the original"
    )
}

/// `ArchiveError::UnsupportedTime`.
pub fn unsupported_time(name: &str, time: u16, date: u16) -> String {
    format!(
        "entry '{}' has ZIP time {time:#06x} and date {date:#06x}, but bundles store exactly 1980-01-01 00:00 \
         (time 0, date 0x0021): no signature covers that field, and unzip would give the file a time nobody signed \
         (the signed modification times are in custody/manifest.json). Ask the sender for the original bundle",
        printable(name)
    )
}

/// `ArchiveError::UnsupportedExtra`.
pub fn unsupported_extra(name: &str, id: u16) -> String {
    format!(
        "entry '{}' carries ZIP extra field {id:#06x}; bundles carry only the ZIP64 field (0x0001)",
        printable(name)
    )
}

/// `ArchiveError::HeaderMismatch`: `field` names what disagrees.
pub fn header_mismatch(name: &str, field: impl Display) -> String {
    format!("entry '{}': the local header disagrees with the central directory ({field})", printable(name))
}

/// `ArchiveError::Gap`.
pub fn gap(bytes: u64, offset: u64) -> String {
    format!("{bytes} unaccounted bytes before or between entries at offset {offset}")
}

/// `ArchiveError::Overlap`.
pub fn overlap(name: &str) -> String {
    format!("entry '{}' overlaps the entry before it", printable(name))
}

/// `ArchiveError::CrcMismatch`.
pub fn crc_mismatch(name: &str) -> String {
    format!("entry '{}': the data does not match its CRC-32 (the archive is damaged)", printable(name))
}

/// `ArchiveError::RootInvalid`: why the entries are not one `custody-<id>/` folder.
pub fn root_invalid(why: &str) -> String {
    format!("the archive is not one folder custody-<id>/ holding the whole bag: {}", printable(why))
}

/// `ArchiveError::UnsupportedFormat`: a bundle of an unreleased, no longer read format.
pub fn unsupported_format(version: u32) -> String {
    format!(
        "this is a bundle of format {version}, which was never released and is no longer read; verify it with \
         tools/legacy/verify_bundle_v1.py from git tag format-1-final (commit f386f04)"
    )
}

/// `ArchiveError::TooLarge`.
pub fn too_large(name: &str, size: u64, limit: u64) -> String {
    format!("entry '{}' is {size} bytes; the limit for this kind of file is {limit}", printable(name))
}
