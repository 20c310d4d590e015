//! Why the ZIP reader refused an archive: the text of each `ArchiveError` (its `Display`
//! calls these), one function per variant, in the variants' order. Entry names come from the
//! archive and are made printable here.

use std::fmt::Display;

use crate::layout::{MAX_ENTRIES, MAX_FOLDER_NAME_BYTES, MAX_NAME_LEN};
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

/// `ArchiveError::NamesTooLarge`.
pub fn names_too_large() -> String {
    format!(
        "the names of the folder's files and folders take more than {} MiB together, more than an unzipped bundle may hold (as a ZIP file's central directory bounds its names); verify the bundle's .zip file instead",
        MAX_FOLDER_NAME_BYTES >> 20
    )
}

/// `archive::NamesFull`: an entry list's names would take 4 GiB or more (never within the
/// limits of spec §9.4).
pub fn names_full() -> String {
    // Also a name of 64 KiB or more, which no reader or writer reaches (each refuses a name
    // over 1,024 bytes first).
    "the entries' names take 4 GiB or more, more than any bundle's may".to_owned()
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

/// `ArchiveError::NotAFile`: in an unzipped bundle, something that is not a file or a folder.
pub fn not_a_file(name: &str, kind: &str) -> String {
    format!(
        "'{}' in the bundle's folder is {kind}, not a regular file: custody never follows or opens it. An unzipped \
         bundle holds only files and folders; unzip the original bundle again, or verify the .zip file itself",
        printable(name)
    )
}

/// What [`not_a_file`] names: a symbolic link.
pub const KIND_SYMLINK: &str = "a symbolic link";
/// What [`not_a_file`] names: a FIFO.
pub const KIND_FIFO: &str = "a FIFO (named pipe)";
/// What [`not_a_file`] names: a socket.
pub const KIND_SOCKET: &str = "a socket";
/// What [`not_a_file`] names: a device.
pub const KIND_DEVICE: &str = "a device";
/// What [`not_a_file`] names: anything else.
pub const KIND_OTHER: &str = "a special file";

/// A file of an unzipped bundle that changed (or was replaced) between the walk and its reading.
pub fn file_changed(path: &str) -> String {
    format!(
        "'{}' changed while it was being verified (its size or kind is not what it was): verify again once nothing \
         writes to the folder",
        printable(path)
    )
}

/// A deflated entry of a re-zipped bundle that gives more bytes than its recorded size.
pub const INFLATES_PAST_SIZE: &str = "a compressed entry gives more bytes than its recorded size";

/// A deflated entry of a re-zipped bundle whose recorded size deflate cannot reach.
pub fn inflates_beyond(name: &str, size: u64, packed: u64) -> String {
    format!(
        "entry '{}' claims {size} bytes from {packed} compressed bytes, more than deflate can give (a ZIP bomb?)",
        printable(name)
    )
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

/// `ArchiveError::Unaccounted`: in a re-zipped bundle, bytes no entry accounts for; `found`
/// says what they look like ([`found_bytes`]).
pub fn unaccounted(len: u64, at: u64, found: &str) -> String {
    let place = if at == 0 { ", before the first entry," } else { "" };
    format!(
        "{len} bytes at offset {at}{place} belong to no entry ({found}); every byte before the central directory \
         must be an entry's"
    )
}

/// What bytes that belong to no entry look like, from their first bytes `head`.
pub fn found_bytes(head: &[u8]) -> String {
    match head {
        [b'P', b'K', 3, 4, ..] => "a local header the central directory does not list".into(),
        [b'P', b'K', 7, 8, ..] => "a data descriptor no entry announces, or one that disagrees with its entry".into(),
        [b'P', b'K', 1, 2, ..] => "a central directory record".into(),
        [b'M', b'Z', ..] | [0x7f, b'E', b'L', b'F', ..] | [b'#', b'!', ..] => {
            "a program: a self-extracting archive's, which custody does not read".into()
        }
        _ if !head.is_empty() && head.iter().all(|&b| b == 0) => "zero bytes".into(),
        _ => {
            let hex: Vec<String> = head.iter().map(|b| format!("{b:02x}")).collect();
            format!("bytes {}", hex.join(" "))
        }
    }
}

/// What a data descriptor disagreeing with its entry's record is, for [`unaccounted`].
pub fn descriptor_disagrees(name: &str) -> String {
    format!("a data descriptor of entry '{}' that disagrees with its central directory record", printable(name))
}

/// `ArchiveError::Overlapping`: in a re-zipped bundle, an entry that starts before the one
/// before it ends, or whose data runs past the central directory; `with` says which.
pub fn overlapping(name: &str, at: u64, with: &str) -> String {
    format!("entry '{}' at offset {at} overlaps {with}", printable(name))
}

/// For [`overlapping`]: the entry before it.
pub fn overlaps_entry(name: &str, end: u64) -> String {
    format!("entry '{}', which ends at offset {end}", printable(name))
}

/// For [`overlapping`]: the central directory.
pub fn overlaps_directory(cd_offset: u64) -> String {
    format!("the central directory, which starts at offset {cd_offset}: its data runs past it")
}

/// A malformed-archive detail: a folder entry of a re-zipped bundle that holds data.
pub fn folder_holds_data(name: &str, size: u64, packed: u64) -> String {
    format!("folder entry '{}' holds data ({size} bytes, {packed} packed); a folder entry holds none", printable(name))
}

/// `ArchiveError::InflatesTooMuch`: the entries of a re-zipped bundle would inflate beyond
/// the bound of spec §9.6.
pub fn inflates_too_much(total: u64, file_len: u64, limit: u64, ratio: u64) -> String {
    format!(
        "the entries of this re-zipped file would inflate to {total} bytes from a file of {file_len} bytes, more \
         than the {limit} bytes ({ratio} times the file's size and 1 MiB) the content checks inflate: verify the \
         original .zip file, or unzip this one and run custody verify on the folder"
    )
}

/// The check added to a re-zipped file's report when its entries could not be read for the
/// content checks (spec §9.6).
pub fn content_unread(e: impl Display) -> String {
    format!(
        "the content of this re-zipped file was not checked: its entries cannot be read leniently: {e}. Verify \
         the original .zip file, or unzip this one and run custody verify on the folder"
    )
}

/// An entry read twice (the manifest: weighed, then parsed) whose bytes differ between the reads.
pub fn changed_between_reads(name: &str) -> String {
    format!(
        "entry '{}' changed between two reads of it during the verification (something is writing to the \
         file): verify again once nothing writes to it",
        printable(name)
    )
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

/// An unzipped bundle whose files' sizes add up past what an offset can hold (sparse files
/// claiming exabytes): the files cannot be read end to end.
pub const FILES_PAST_OFFSETS: &str = "the files' sizes add up to more than 2^64 bytes";

/// `ArchiveError::TooLarge`.
pub fn too_large(name: &str, size: u64, limit: u64) -> String {
    format!("entry '{}' is {size} bytes; the limit for this kind of file is {limit}", printable(name))
}

// What `ArchiveError::Malformed` says of the record at fault (its detail).

/// A malformed-archive detail.
pub const CD_NOT_BEFORE_END_RECORDS: &str = "the central directory does not end where the end records begin";

/// A malformed-archive detail.
pub const CD_SHORTER_THAN_COUNT: &str = "the central directory is shorter than its entry count";

/// A malformed-archive detail.
pub const CD_BAD_SIGNATURE: &str = "bad central directory record signature";

/// A malformed-archive detail.
pub const CD_RECORD_RUNS_PAST: &str = "a central directory record runs past the directory";

/// A malformed-archive detail.
pub const CD_UNACCOUNTED_BYTES: &str = "unaccounted bytes at the end of the central directory";

/// A malformed-archive detail.
pub const END_COMMENT_MISSING: &str = "the end record announces a comment that is not there";

/// A malformed-archive detail.
pub const ZIP64_MARKERS_WITHOUT_RECORD: &str = "end record has ZIP64 markers but there is no ZIP64 end record";

/// A malformed-archive detail.
pub const ZIP64_RECORD_NOT_BEFORE_LOCATOR: &str = "the ZIP64 end record is not immediately before its locator";

/// A malformed-archive detail.
pub const ZIP64_RECORD_BAD: &str = "bad ZIP64 end record";

/// A malformed-archive detail.
pub const ZIP64_RECORD_UNNEEDED: &str = "a ZIP64 end record where the end record's fields would do";

/// A malformed-archive detail.
pub const END_RECORDS_DISAGREE: &str = "the end record and the ZIP64 end record disagree";

/// A malformed-archive detail.
pub const HEADER_THREAD_FAILED: &str = "internal: a header-checking thread failed";

/// A malformed-archive detail: the central directory is larger than a reader loads.
pub fn cd_too_large(size: u64) -> String {
    format!("central directory of {size} bytes is too large")
}

/// How a detail names an entry: `entry 'NAME'`.
pub fn entry_label(name: &str) -> String {
    format!("entry '{}'", printable(name))
}

/// How a detail names an entry's local header.
pub fn local_header_of(name: &str) -> String {
    format!("the local header of entry '{}'", printable(name))
}

/// A malformed-archive detail: an entry comment.
pub fn entry_comment(name: &str) -> String {
    format!("entry '{}' has a comment; bundles never do", printable(name))
}

/// A malformed-archive detail: a stored entry whose two sizes differ.
pub fn stored_sizes_differ(name: &str) -> String {
    format!("entry '{}' is stored but its sizes differ", printable(name))
}

/// A malformed-archive detail: an entry whose data cannot fit the file.
pub fn impossible_size(name: &str) -> String {
    format!("entry '{}' has an impossible size", printable(name))
}

/// A malformed-archive detail: a record (`what`) that runs past the end of the file.
pub fn runs_past_end(what: impl Display) -> String {
    format!("{what} runs past the end of the file")
}

/// A malformed-archive detail: an extra field cut short.
pub fn extra_truncated(name: &str) -> String {
    format!("entry '{}': truncated extra field", printable(name))
}

/// A malformed-archive detail: an extra field longer than its room.
pub fn extra_runs_past(name: &str) -> String {
    format!("entry '{}': extra field runs past its end", printable(name))
}

/// A malformed-archive detail: a ZIP64 extra field of the wrong length.
pub fn zip64_extra_bad(name: &str) -> String {
    format!("entry '{}': bad ZIP64 extra field", printable(name))
}

/// A malformed-archive detail: a ZIP64 value that did not need ZIP64.
pub fn zip64_value_fits(name: &str, value: u64) -> String {
    format!("entry '{}': a ZIP64 value ({value}) that fits the 32-bit field it replaces", printable(name))
}

/// A malformed-archive detail: ZIP64 markers and no ZIP64 extra field.
pub fn zip64_markers_without_extra(name: &str) -> String {
    format!("entry '{}': ZIP64 markers without a ZIP64 extra field", printable(name))
}

/// The local-header field at fault when there is no local header at all.
pub const NO_LOCAL_HEADER: &str = "no local header signature at the recorded offset";

/// A local header's compression method differs from the central directory's.
pub const LOCAL_METHOD: &str = "compression method";

/// A local header's CRC-32 differs from the central directory's.
pub const LOCAL_CRC: &str = "CRC-32";

/// A local header's compressed size differs from the central directory's.
pub const LOCAL_PACKED: &str = "compressed size";

/// A local header's size differs from the central directory's.
pub const LOCAL_SIZE: &str = "size";

/// An empty deflated entry whose compressed bytes are not a deflate stream of nothing.
pub fn empty_entry_not_empty(name: &str) -> String {
    format!(
        "entry '{}' is empty, but its compressed data is not exactly a deflate stream of nothing: bytes no check \
         would read",
        printable(name)
    )
}

/// A deflated entry whose stream ends before its recorded compressed size.
pub const INFLATE_LEAVES_BYTES: &str = "a compressed entry's deflate stream ends before its recorded compressed size: the bytes after it would be read by no check";

// Why the archive's root folder is not the one root of spec §2.5 (`ArchiveError::RootInvalid`).

/// No entries, so no root.
pub fn root_no_entries() -> String {
    "the archive has no entries".to_string()
}

/// The first entry is a file at the top level.
pub fn root_file_at_top(name: &str) -> String {
    format!("entry '{}' sits at the top level, outside any folder", printable(name))
}

/// The top-level folder is not `PREFIX<32 hex>`.
pub fn root_bad_folder(top: &str, prefix: &str) -> String {
    format!("the top-level folder '{}' is not {prefix}<32 lowercase hex digits>", printable(top))
}

/// A later entry sits at the top level, beside the root.
pub fn root_file_beside(name: &str, dir: &str) -> String {
    format!("entry '{}' sits at the top level, outside '{}'", printable(name), printable(dir))
}

/// A later entry sits under another top-level folder.
pub fn root_not_under(name: &str, dir: &str) -> String {
    format!("entry '{}' is not under the one top-level folder '{}'", printable(name), printable(dir))
}

// What the archive writer refuses (an `io::Error`'s text).

/// The writer was given a name that breaks spec §3.4.
pub fn writer_unsafe_name(name: &str) -> String {
    format!("unsafe entry name '{}'", printable(name))
}

/// An entry written without a size known in advance was given a limit of 4 GiB or more (a
/// caller's fault, never the input's: its local header has no ZIP64 field for such a size).
pub const MEASURED_LIMIT_TOO_HIGH: &str = "an entry of unknown size must stay below 4 GiB";

/// An entry written without a size known in advance passed its size limit (the caller turns
/// this into its own refusal, e.g. the manifest's "too large").
pub fn measured_too_large(name: &str, limit: u64) -> String {
    format!("entry '{}' passed its size limit of {limit} bytes", printable(name))
}

/// A file changed size while the writer read it.
pub fn changed_size(name: &str, expected: u64) -> String {
    format!("'{}' changed size while it was being read ({expected} bytes expected)", printable(name))
}

/// A file seal planned was no longer a regular file when it came to be read (the path is
/// named beside this text).
pub const NO_LONGER_A_FILE: &str = "no longer a regular file: it was replaced (by a symbolic link, pipe, device or \
                                    folder) after seal listed it; custody neither follows nor reads it. Seal again";

/// More inputs to seal than a bundle's items can number (each is counted in a `u32`).
pub const TOO_MANY_INPUTS: &str = "too many inputs: a bundle holds at most 4,294,967,296 items";

/// More folders holding files to seal than the plan can number (each is counted in a `u32`;
/// a bundle's million files never reach it).
pub const TOO_MANY_FOLDERS: &str = "too many folders to seal: a bundle's files lie in at most 4,294,967,296 folders";

/// The names of the files to seal, together, pass `limit` bytes (4 GiB: each place in them is
/// counted in a `u32`), far more than the `max_files` files one bundle may hold.
pub fn names_too_long(limit: u64, max_files: u64) -> String {
    format!(
        "the names of the files to seal pass {} bytes together: more than one bundle may hold \
         (at most {} files)",
        super::checks::grouped(limit),
        super::checks::grouped(max_files)
    )
}

/// A file to stream into the bundle that is no longer a regular file (a link, a FIFO or a
/// device put at its path after it was hashed): never followed or read, so it cannot block.
pub const STREAMED_NOT_REGULAR: &str =
    "it is no longer a regular file (a link, a FIFO or a device was put in its place; custody never follows one)";

/// An attached file whose bytes, copied into the bundle, are not those its statement binds:
/// it changed after it was hashed.
pub fn changed_while_added(path: &str) -> String {
    format!(
        "'{}' changed while it was being added: its SHA-256 is no longer the one the statement binds; \
         nothing was changed in the bundle",
        printable(path)
    )
}

// Why a name breaks the name rules of spec §3.4 (`archive::check_name`).

/// A name rule of spec §3.4.
pub const NAME_EMPTY: &str = "the name is empty";

/// A name rule of spec §3.4.
pub const NAME_ABSOLUTE: &str = "absolute path";

/// A name rule of spec §3.4.
pub const NAME_BACKSLASH: &str = "contains a backslash";

/// A name rule of spec §3.4.
pub const NAME_DRIVE_LETTER: &str = "starts with a drive letter";

/// A name rule of spec §3.4.
pub const NAME_CONTROL_CHARACTER: &str = "contains a control character";

/// A name rule of spec §3.4.
pub const NAME_WINDOWS_CHARACTER: &str =
    "contains one of the characters : < > \" | ? * that Windows does not allow in names";

/// A name rule of spec §3.4.
pub const NAME_EMPTY_COMPONENT: &str = "empty path component (a trailing slash or '//')";

/// A name rule of spec §3.4.
pub const NAME_DOT_COMPONENT: &str = "'.' or '..' path component";

/// A name rule of spec §3.4.
pub const NAME_TRAILING_DOT_OR_SPACE: &str = "a name or folder ends with a dot or a space, which Windows drops";

/// A name rule of spec §3.4.
pub const NAME_WINDOWS_DEVICE: &str = "a name or folder is a Windows device name (CON, PRN, AUX, NUL, COM1-9, LPT1-9)";
