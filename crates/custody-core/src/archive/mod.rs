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
//!
//! The module's parts: `name` (the names an entry may have, spec §3.4), `source` (where the
//! bytes come from), `records` (decoding and checking the end records, ZIP64 fields and local
//! headers), `read` (the [`Archive`] reader), `pipeline` (hashing while copying) and `write`
//! (the `ArchiveWriter`). Two readers give the same [`Archive`] of bag paths without being
//! the strict ZIP reader (spec §9.6): `unpacked` reads an unzipped bundle, a directory, and
//! `repacked` reads leniently a bundle that another ZIP tool packed again; both read through
//! `pieces`, a [`Source`] made of the entries' bytes end to end. This file holds the types
//! they share and the one exhaustive mapping of each [`ArchiveError`] to its check code.

use std::io;

use crate::check::CheckCode;
use crate::wording;

mod entries;
mod name;
mod pieces;
mod pipeline;
mod read;
mod records;
mod repacked;
mod root;
mod source;
#[cfg(test)]
mod tests;
mod unpacked;
mod write;

pub use entries::{Entries, Entry, Iter, Names};
pub(crate) use entries::{SharedNames, find_from_index};
pub use name::{check_name, collision_key};
pub use pieces::{DirSource, RepackedSource};
pub(crate) use pipeline::hash_pipeline;
pub use read::{Archive, EntryReader, read_archive};
pub use repacked::open_repacked;
pub use root::{Root, RootKind};
pub use source::{FileSource, Source};
pub use unpacked::{BundleDir, find_bundle_dir, open_dir};
pub(crate) use write::{ArchiveWriter, DOS_DATE, DOS_TIME, EntryTooLarge};

/// Test support, not part of the API: the archive writer without the sealer, for the tests,
/// the fuzz targets and the test-vector generator, which build hostile bundles (entries a
/// sealer would never write). Hidden rather than behind a cargo feature because this crate's
/// own integration tests and examples use it and cannot turn on a feature of their own crate
/// (`required-features` would skip them silently in a plain `cargo test`); nothing here can
/// harm the process that calls it, it only writes bytes.
#[doc(hidden)]
pub mod testing {
    pub use super::write::{
        ArchiveWriter, DOS_DATE, DOS_TIME, EntryTooLarge, write_archive, write_bundle, write_unrooted,
    };
}

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
const SIG_DESCRIPTOR: u32 = 0x0807_4b50;

/// What an [`Archive`]'s entries were read from (spec §9.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Container {
    /// The bundle's own ZIP file, every rule of spec §3 checked.
    Zip,
    /// A ZIP file that another tool wrote from a bundle's files (a re-zipped bundle), read
    /// leniently: the strict reader refused it, its entries' CRC-32s and sizes are checked.
    Repacked,
    /// An unzipped bundle: a directory, whose files have no CRC-32 and no ZIP headers.
    Directory,
}

/// Why an archive was rejected. Each variant has a stable [`code`](ArchiveError::code).
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error("{}", wording::archive::io(.0))]
    /// The file could not be read.
    Io(#[from] io::Error),
    #[error("{}", wording::archive::not_zip())]
    /// No end record at the very end of the file: not a ZIP archive, or truncated.
    NotZip,
    #[error("{}", wording::archive::multi_disk())]
    /// A multi-part (spanned) archive.
    MultiDisk,
    #[error("{}", wording::archive::malformed(.0))]
    /// A record is malformed; the text says which and how.
    Malformed(String),
    #[error("{}", wording::archive::too_many_entries(*.0))]
    /// More entries than [`crate::layout::MAX_ENTRIES`]; holds the count claimed.
    TooManyEntries(u64),
    #[error("{}", wording::archive::name_too_long(*.0))]
    /// An entry name longer than [`crate::layout::MAX_NAME_LEN`]; holds its length.
    NameTooLong(usize),
    #[error("{}", wording::archive::names_too_large())]
    /// An unzipped bundle whose names take more than [`crate::layout::MAX_FOLDER_NAME_BYTES`]
    /// together (spec §9.6).
    NamesTooLarge,
    #[error("{}", wording::archive::non_utf8_name(.0))]
    /// An entry name that is not UTF-8; holds it, lossily decoded.
    NonUtf8Name(String),
    #[error("{}", wording::archive::unsafe_name(.name, .why))]
    /// An entry name that breaks the name rules of spec §3.4.
    UnsafeName {
        /// The entry name.
        name: String,
        /// Which rule it breaks.
        why: &'static str,
    },
    #[error("{}", wording::archive::duplicate_name(.0))]
    /// Two entries with the same name; holds it.
    DuplicateName(String),
    #[error("{}", wording::archive::name_collision(.0, .1))]
    /// Two names that count as the same file (spec §3.4): the earlier and the later.
    NameCollision(String, String),
    #[error("{}", wording::archive::file_is_folder(.file, .folder_of))]
    /// A file whose name is a folder of another entry (spec §3.4).
    FileIsFolder {
        /// The file.
        file: String,
        /// The entry that has a folder of that name.
        folder_of: String,
    },
    #[error("{}", wording::archive::not_regular_file(.0))]
    /// A directory, symbolic link or device entry; holds its name.
    NotRegularFile(String),
    #[error("{}", wording::archive::not_a_file(.name, .kind))]
    /// In an unzipped bundle (a directory): something that is not a regular file or a folder
    /// (a symbolic link, a FIFO, a device, a socket), refused and never opened.
    NotAFile {
        /// Its path, from the bundle's folder.
        name: String,
        /// What it is.
        kind: &'static str,
    },
    #[error("{}", wording::archive::encrypted(.0))]
    /// An encrypted entry; holds its name.
    Encrypted(String),
    #[error("{}", wording::archive::unsupported_compression(.name, *.method))]
    /// A compressed entry (bundles store every entry).
    UnsupportedCompression {
        /// The entry name.
        name: String,
        /// Its compression method.
        method: u16,
    },
    #[error("{}", wording::archive::unsupported_flags(.name, *.flags))]
    /// General-purpose flags other than exactly UTF-8 names.
    UnsupportedFlags {
        /// The entry name.
        name: String,
        /// Its flags.
        flags: u16,
    },
    #[error("{}", wording::archive::unsupported_attributes(.name, *.internal, *.external))]
    /// File attributes other than those of a plain regular file, mode 0644.
    UnsupportedAttributes {
        /// The entry name.
        name: String,
        /// Its internal attributes.
        internal: u16,
        /// Its external attributes.
        external: u32,
    },
    #[error("{}", wording::archive::unsupported_version(.what, .field, *.value, *.expected))]
    /// A version field other than the one value the writer writes.
    UnsupportedVersion {
        /// The record that holds it.
        what: String,
        /// Which version field.
        field: &'static str,
        /// Its value.
        value: u16,
        /// The value bundles use.
        expected: u16,
    },
    #[error("{}", wording::archive::unsupported_time(.name, *.time, *.date))]
    /// A ZIP time or date other than the fixed 1980-01-01 00:00 (spec §3.1).
    UnsupportedTime {
        /// The entry name.
        name: String,
        /// Its DOS time.
        time: u16,
        /// Its DOS date.
        date: u16,
    },
    #[error("{}", wording::archive::unsupported_extra(.name, *.id))]
    /// An extra field other than ZIP64.
    UnsupportedExtra {
        /// The entry name.
        name: String,
        /// The extra field's id.
        id: u16,
    },
    #[error("{}", wording::archive::header_mismatch(.name, .field))]
    /// A local header that disagrees with the central directory.
    HeaderMismatch {
        /// The entry name.
        name: String,
        /// What disagrees.
        field: &'static str,
    },
    #[error("{}", wording::archive::gap(*.0, *.1))]
    /// Bytes that belong to no entry: how many, and at which offset.
    Gap(u64, u64),
    #[error("{}", wording::archive::unaccounted(*.len, *.at, .found))]
    /// In a re-zipped bundle read leniently (spec §9.6): bytes that belong to no entry.
    Unaccounted {
        /// Where they start.
        at: u64,
        /// How many.
        len: u64,
        /// What they look like.
        found: String,
    },
    #[error("{}", wording::archive::overlapping(.name, *.at, .with))]
    /// In a re-zipped bundle read leniently (spec §9.6): an entry that starts before the
    /// entry before it ends, or whose data runs past the central directory.
    Overlapping {
        /// The entry name.
        name: String,
        /// Where it starts.
        at: u64,
        /// What it overlaps, in words.
        with: String,
    },
    #[error("{}", wording::archive::inflates_too_much(*.total, *.file_len, *.limit, crate::layout::REPACKED_INFLATION_RATIO))]
    /// A re-zipped bundle whose entries' recorded sizes add up to more than the lenient
    /// reader inflates (spec §9.6).
    InflatesTooMuch {
        /// The sum of the recorded sizes.
        total: u64,
        /// The ZIP file's length.
        file_len: u64,
        /// The most it may inflate to.
        limit: u64,
    },
    #[error("{}", wording::archive::overlap(.0))]
    /// An entry that overlaps the one before it; holds its name.
    Overlap(String),
    #[error("{}", wording::archive::crc_mismatch(.0))]
    /// An entry whose data does not match its CRC-32; holds its name.
    CrcMismatch(String),
    #[error("{}", wording::archive::root_invalid(.0))]
    /// The entries do not all sit under one valid root folder (spec §2.5).
    RootInvalid(String),
    #[error("{}", wording::archive::unsupported_format(*.0))]
    /// An archive in an older, unsupported layout (format 1: the bag's files at the top level).
    UnsupportedFormat(u32),
    #[error("{}", wording::archive::too_large(.name, *.size, *.limit))]
    /// An entry larger than the reader accepts for its kind (spec §9.4).
    TooLarge {
        /// The entry name.
        name: String,
        /// Its size.
        size: u64,
        /// The limit for its kind.
        limit: u64,
    },
}

impl ArchiveError {
    /// The stable code reported for this error.
    pub fn code(&self) -> CheckCode {
        match self {
            ArchiveError::Io(_) => CheckCode::ArchiveUnreadable,
            ArchiveError::NotZip => CheckCode::ArchiveNotZip,
            ArchiveError::MultiDisk => CheckCode::ArchiveMultiDisk,
            ArchiveError::Malformed(_) => CheckCode::ArchiveMalformed,
            ArchiveError::TooManyEntries(_) => CheckCode::ArchiveTooManyEntries,
            ArchiveError::NameTooLong(_) => CheckCode::ArchiveNameTooLong,
            ArchiveError::NamesTooLarge => CheckCode::ArchiveNamesTooLarge,
            ArchiveError::NonUtf8Name(_) => CheckCode::ArchiveNonUtf8Name,
            ArchiveError::UnsafeName { .. } => CheckCode::ArchiveUnsafeName,
            ArchiveError::DuplicateName(_) => CheckCode::ArchiveDuplicateName,
            ArchiveError::NameCollision(..) | ArchiveError::FileIsFolder { .. } => CheckCode::ArchiveNameCollision,
            ArchiveError::NotRegularFile(_) | ArchiveError::NotAFile { .. } => CheckCode::ArchiveNotRegularFile,
            ArchiveError::Encrypted(_) => CheckCode::ArchiveEncryptedEntry,
            ArchiveError::UnsupportedCompression { .. } => CheckCode::ArchiveUnsupportedCompression,
            ArchiveError::UnsupportedFlags { .. } => CheckCode::ArchiveUnsupportedFlags,
            ArchiveError::UnsupportedAttributes { .. } | ArchiveError::UnsupportedTime { .. } => {
                CheckCode::ArchiveUnsupportedAttributes
            }
            ArchiveError::UnsupportedVersion { .. } => CheckCode::ArchiveUnsupportedVersion,
            ArchiveError::HeaderMismatch { .. } => CheckCode::ArchiveHeaderMismatch,
            ArchiveError::UnsupportedExtra { .. } => CheckCode::ArchiveUnsupportedExtra,
            ArchiveError::Gap(..) | ArchiveError::Unaccounted { .. } => CheckCode::ArchiveUnaccountedBytes,
            ArchiveError::Overlap(_) | ArchiveError::Overlapping { .. } => CheckCode::ArchiveOverlappingEntries,
            ArchiveError::InflatesTooMuch { .. } => CheckCode::ArchiveUnsupportedCompression,
            ArchiveError::CrcMismatch(_) => CheckCode::ArchiveCrcMismatch,
            ArchiveError::TooLarge { .. } => CheckCode::ArchiveEntryTooLarge,
            // Readers refuse format 1 before reporting checks (exit 2, not `invalid`); a
            // report that still carries it says that the root is not v2's.
            ArchiveError::RootInvalid(_) | ArchiveError::UnsupportedFormat(_) => CheckCode::ArchiveRootInvalid,
        }
    }
}

impl ArchiveError {
    /// Whether the strict reader's refusal may leave the entries readable: the rule broken is
    /// one another ZIP tool breaks when it packs a bundle's files again (`zip -r`, Python's
    /// zipfile, a file manager: its own flags, extra fields, compression, attributes, times,
    /// versions, folder entries, data descriptors). Such a file is then read leniently
    /// ([`open_repacked`]) for the content checks of spec §9.6; any other refusal stands alone.
    pub fn leaves_entries_readable(&self) -> bool {
        use ArchiveError as A;
        matches!(
            self,
            A::UnsupportedFlags { .. }
                | A::UnsupportedExtra { .. }
                | A::UnsupportedCompression { .. }
                | A::UnsupportedAttributes { .. }
                | A::UnsupportedVersion { .. }
                | A::UnsupportedTime { .. }
                | A::NotRegularFile(_)
                | A::HeaderMismatch { .. }
                | A::Malformed(_)
        )
    }
}

impl From<entries::NamesFull> for ArchiveError {
    /// Never within the limits of spec §9.4, which every reader applies before it adds a name.
    fn from(_: entries::NamesFull) -> Self {
        malformed(wording::archive::names_full())
    }
}

fn malformed(what: impl Into<String>) -> ArchiveError {
    ArchiveError::Malformed(what.into())
}

/// What reading an entry found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryDigest {
    /// The SHA-256 of the entry's data.
    pub sha256: [u8; 32],
    /// Whether the data matched the CRC-32 recorded for it.
    pub crc_ok: bool,
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
