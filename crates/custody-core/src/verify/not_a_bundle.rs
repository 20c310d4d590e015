//! Telling a file that is not a custody bundle at all (a web page, a ZIP cut short, some
//! other ZIP, a bundle re-zipped inside a folder) from a damaged bundle, so that the report
//! can say so in plain words (spec §9.1 step 1, check `bundle.not_a_bundle`).
//!
//! The verdict stays `invalid`: an attacker can make a tampered bundle look like a
//! non-bundle, so this only changes the words, never the outcome. The test reads a bounded
//! amount of the file (its first bytes, the last 64 KiB, a central directory of at most
//! 16 MiB), so it costs at most time linear in the input.

use crate::archive::Source;
use crate::layout::{BAGIT_PATH, MANIFEST_PATH, PAYLOAD_MANIFEST_PATH, TAG_MANIFEST_PATH, is_payload};
use crate::wording::court_report::Sentence;

/// What a file that is not a custody bundle appears to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotABundle {
    /// The file is empty.
    Empty,
    /// HTML text: a saved web page, often what a download link gives instead of the file.
    WebPage,
    /// A ZIP archive whose end is missing: a download or copy that stopped early.
    CutShort,
    /// Neither a ZIP archive nor a web page.
    OtherFile,
    /// A ZIP archive without `bagit.txt` and `custody/manifest.json` at its top.
    OtherZip,
    /// A bundle's files packed again into a new ZIP, inside the named folder.
    RezippedInFolder(String),
    /// A bundle's files packed again into a new ZIP at its top (Python's zipfile, `zip -r`,
    /// "Send to compressed folder"): the names are a bundle's, the ZIP is another tool's.
    RezippedTopLevel,
}

impl NotABundle {
    /// The plain explanation the report gives, with what to do (worded in
    /// [`super::wording::not_a_bundle`]).
    pub fn explain(&self) -> String {
        super::wording::not_a_bundle(self)
    }

    /// What the file is and what to do, as the catalogue's sentences: the kind's
    /// (`Sentence::NotABundle*`, with the folder as its value for a bundle re-zipped inside
    /// one) and the remedy's (`Sentence::Todo*`). The English explanation and the court
    /// report's, in any language, are both said from these.
    pub(crate) fn sentences(&self) -> (Sentence, Option<&str>, Sentence) {
        match self {
            NotABundle::Empty => (Sentence::NotABundleEmpty, None, Sentence::TodoAskAgain),
            NotABundle::WebPage => (Sentence::NotABundleWebPage, None, Sentence::TodoDownloadAgain),
            NotABundle::CutShort => (Sentence::NotABundleCutShort, None, Sentence::TodoCompareSize),
            NotABundle::OtherFile => (Sentence::NotABundleOtherFile, None, Sentence::TodoCheckFile),
            NotABundle::OtherZip => (Sentence::NotABundleOtherZip, None, Sentence::TodoCheckFile),
            NotABundle::RezippedTopLevel => (Sentence::NotABundleRezippedTopLevel, None, Sentence::TodoAskForOriginal),
            NotABundle::RezippedInFolder(folder) => {
                (Sentence::NotABundleRezippedInFolder, Some(folder.as_str()), Sentence::TodoAskForOriginal)
            }
        }
    }
}

/// The longest stretch at the end of a ZIP file that can hold its end record (22 bytes and a
/// comment of up to 65,535).
const END_SEARCH: u64 = 22 + 65_535;
/// The largest central directory read to list the names.
const MAX_DIRECTORY: u64 = 16 << 20;

/// For a file the archive reader refused: what it is, if it is not a custody bundle; `None`
/// if it may be a damaged bundle (its names are a bundle's, or they cannot be listed), whose
/// own archive error then stands. `repacked`: the reader's error is one that another ZIP
/// tool causes (flags, extra fields, compression, attributes, version, time); with
/// `bagit.txt` at the top and no entry written as custody writes it (flags 0x0800 and the
/// fixed time), the file is then a bundle re-zipped at the top level.
pub fn kind_of_unreadable<S: Source + ?Sized>(src: &S, repacked: bool) -> Option<NotABundle> {
    let len = src.len();
    if len == 0 {
        return Some(NotABundle::Empty);
    }
    let tail_len = len.min(END_SEARCH);
    let tail = read(src, len - tail_len, tail_len)?;
    // Only where a whole end record (22 bytes) fits: a signature in the last 21 bytes is
    // not one (a file cut within its end record, or stray bytes appended).
    let Some(at) = tail.windows(22).rposition(|w| w.starts_with(b"PK\x05\x06")) else {
        let head = read(src, 0, len.min(512))?;
        if head.starts_with(b"PK\x03\x04") {
            return Some(NotABundle::CutShort);
        }
        let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
        let first = text.iter().find(|b| !b.is_ascii_whitespace());
        return Some(if first == Some(&b'<') { NotABundle::WebPage } else { NotABundle::OtherFile });
    };
    let end = tail.get(at..at + 22)?;
    let size = u64::from(u32::from_le_bytes(end[12..16].try_into().ok()?));
    let offset = u64::from(u32::from_le_bytes(end[16..20].try_into().ok()?));
    if size == u64::from(u32::MAX) || offset == u64::from(u32::MAX) || size > MAX_DIRECTORY {
        return None;
    }
    if offset.checked_add(size)? > len {
        return None;
    }
    let dir = read(src, offset, size)?;
    let mut names = Vec::new();
    // Whether any entry is written as custody writes it: flags 0x0800 and the fixed time and
    // date (1980-01-01 00:00). A tool that re-packs a bundle writes its own flags (0x0000 for
    // ASCII names) or times in every entry, while a bundle with one field altered keeps them
    // in the others, and then its own archive error stands.
    let mut custody_entry = false;
    let mut pos = 0usize;
    while pos < dir.len() {
        let h = dir.get(pos..pos + 46)?;
        if h[0..4] != *b"PK\x01\x02" {
            return None;
        }
        let field = |i: usize| usize::from(u16::from_le_bytes([h[i], h[i + 1]]));
        let (name_len, extra_len, comment_len) = (field(28), field(30), field(32));
        custody_entry |= field(8) == 0x0800
            && field(12) == usize::from(crate::archive::DOS_TIME)
            && field(14) == usize::from(crate::archive::DOS_DATE);
        let name = dir.get(pos + 46..pos + 46 + name_len)?;
        names.push(String::from_utf8_lossy(name).into_owned());
        pos += 46 + name_len + extra_len + comment_len;
    }
    if repacked && !custody_entry && names.iter().any(|n| bag_path(n) == BAGIT_PATH) {
        return Some(NotABundle::RezippedTopLevel);
    }
    kind_of_zip(names.iter().map(String::as_str))
}

/// Names only a bundle has at its top (besides anything under `custody/` and `data/`).
const BUNDLE_FILES: [&str; 4] = [BAGIT_PATH, MANIFEST_PATH, PAYLOAD_MANIFEST_PATH, TAG_MANIFEST_PATH];

/// The bag path of an entry name under a folder that looks like a bundle's root
/// (`custody-…/`, valid or not), else the name itself.
fn bag_path(name: &str) -> &str {
    match name.split_once('/') {
        Some((top, rest)) if top.starts_with(crate::layout::BUNDLE_ROOT_PREFIX) => rest,
        _ => name,
    }
}

/// For a ZIP archive with these entry names (as written, or bag paths): what it is, if it is
/// not a custody bundle.
pub fn kind_of_zip<'a>(names: impl Iterator<Item = &'a str>) -> Option<NotABundle> {
    let mut folder = None;
    for raw in names {
        // Any of a bundle's own names, at the top or under a root folder: a (perhaps
        // damaged, or format 1) bundle, whose own checks then speak, not a file of another kind.
        let n = bag_path(raw);
        if BUNDLE_FILES.contains(&n) || n.starts_with(crate::layout::CUSTODY_DIR) || is_payload(n) {
            return None;
        }
        if folder.is_none() {
            folder =
                n.strip_suffix(BAGIT_PATH).or_else(|| n.strip_suffix(MANIFEST_PATH)).and_then(|f| f.strip_suffix('/'));
        }
    }
    Some(folder.map_or(NotABundle::OtherZip, |f| NotABundle::RezippedInFolder(f.to_string())))
}

fn read<S: Source + ?Sized>(src: &S, offset: u64, n: u64) -> Option<Vec<u8>> {
    let mut buf = vec![0; usize::try_from(n).ok()?];
    src.read_exact_at(&mut buf, offset).ok()?;
    Some(buf)
}

/// A borrowed source, so that a source the archive reader refused can still be examined.
pub struct Borrowed<'a, S: ?Sized>(pub &'a S);

impl<S: Source + ?Sized> Source for Borrowed<'_, S> {
    fn len(&self) -> u64 {
        self.0.len()
    }
    fn read_exact_at(&self, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
        self.0.read_exact_at(buf, offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_web_page_a_cut_zip_and_other_files_are_told_apart() {
        assert_eq!(kind_of_unreadable(&b""[..], false), Some(NotABundle::Empty));
        assert_eq!(kind_of_unreadable(&b"\xEF\xBB\xBF\n <!DOCTYPE html><p>x"[..], false), Some(NotABundle::WebPage));
        assert_eq!(kind_of_unreadable(&b"PK\x03\x04 and then nothing"[..], false), Some(NotABundle::CutShort));
        assert_eq!(kind_of_unreadable(&b"%PDF-1.7"[..], false), Some(NotABundle::OtherFile));
        // Vertical tab is not white space here (the WHATWG set, as in verify_bundle.py).
        assert_eq!(kind_of_unreadable(&b"\x0b<html>"[..], false), Some(NotABundle::OtherFile));
        // An end-record signature with fewer than 22 bytes after it is not an end record.
        assert_eq!(kind_of_unreadable(&b"PK\x03\x04 cut PK\x05\x06\0\0\0"[..], false), Some(NotABundle::CutShort));
        // An end record pointing at an unreadable directory: no verdict, the archive error stands.
        let mut eocd = b"PK\x05\x06".to_vec();
        eocd.extend_from_slice(&[0, 0, 0, 0, 1, 0, 1, 0, 99, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(kind_of_unreadable(&eocd[..], false), None);
    }

    #[test]
    fn a_bundle_in_a_folder_is_a_rezipped_bundle() {
        let names = ["case/", "case/bagit.txt", "case/data/item-1/a.txt"];
        assert_eq!(kind_of_zip(names.into_iter()), Some(NotABundle::RezippedInFolder("case".into())));
        assert_eq!(kind_of_zip(["a.txt"].into_iter()), Some(NotABundle::OtherZip));
        assert_eq!(kind_of_zip(["data/x", "bagit.txt"].into_iter()), None);
        // A bundle that lost bagit.txt and its manifest is a damaged bundle, not another file.
        assert_eq!(kind_of_zip(["custody/events/1.json", "x"].into_iter()), None);
        assert_eq!(kind_of_zip(["data/item-1/a.txt"].into_iter()), None);
        assert_eq!(kind_of_zip(["tagmanifest-sha256.txt"].into_iter()), None);
        assert_eq!(kind_of_zip(["manifest-sha256.txt"].into_iter()), None);
        // Names under a root folder (format 2), even a malformed one, are a bundle's: its
        // own archive error (archive.root_invalid) stands.
        let id = "custody-00112233445566778899aabbccddeeff";
        assert_eq!(kind_of_zip([format!("{id}/bagit.txt").as_str()].into_iter()), None);
        assert_eq!(kind_of_zip(["custody-0011AA/custody/manifest.json", "x"].into_iter()), None);
        assert_eq!(kind_of_zip([format!("{id}/notes.txt").as_str()].into_iter()), Some(NotABundle::OtherZip));
    }
}
