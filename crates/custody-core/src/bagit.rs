//! BagIt 1.0 (RFC 8493) tag files: the declaration, bag-info, and the SHA-256 manifests.
//!
//! An unzipped bundle is a valid bag, so any BagIt tool can check payload completeness and
//! fixity. Manifest lines are `<64 lowercase hex digits><two spaces><path>` (the form
//! `sha256sum -c` reads), paths use `/`, and, as RFC 8493 section 2.1.3 requires, `%`, CR and
//! LF in a path are written `%25`, `%0D` and `%0A`.

use crate::archive::Names;
use crate::layout::MAX_MANIFEST_LINE;

/// The exact bytes of `bagit.txt`.
pub const BAGIT_TXT: &str = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";

/// One line of a manifest: a digest and a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestLine {
    /// The file's SHA-256.
    pub sha256: crate::digest::Sha256Digest,
    /// The file's bundle path, decoded.
    pub path: String,
}

/// Encodes a path for a manifest line.
pub fn encode_path(path: &str) -> String {
    path.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Decodes a manifest path; `None` if it has a `%` escape other than the three allowed.
pub fn decode_path(encoded: &str) -> Option<String> {
    let mut out = String::with_capacity(encoded.len());
    let mut rest = encoded;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i]);
        let esc = rest.get(i..i + 3)?;
        out.push(match esc {
            "%25" => '%',
            "%0D" | "%0d" => '\r',
            "%0A" | "%0a" => '\n',
            _ => return None,
        });
        rest = &rest[i + 3..];
    }
    out.push_str(rest);
    Some(out)
}

/// Writes a manifest, sorted by path.
pub fn write_manifest(lines: &mut [ManifestLine]) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write_manifest_to(lines.iter().map(|l| (l.path.as_str(), &l.sha256)), &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes a manifest of `(path, digest)` pairs to `out`, sorted by path, a line at a time:
/// a sealer of a million files holds its references, never the text (issue #22).
pub fn write_manifest_to<'a>(
    lines: impl IntoIterator<Item = (&'a str, &'a crate::digest::Sha256Digest)>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut sorted: Vec<(&str, &crate::digest::Sha256Digest)> = lines.into_iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    for (path, digest) in sorted {
        writeln!(out, "{digest}  {}", encode_path(path))?;
    }
    Ok(())
}

/// Writes a manifest of `(path, digest)` pairs that come sorted by path (as
/// [`write_manifest_to`] sorts them), a line at a time, holding nothing (issue #22: a
/// sealer's million files' references cost 24 bytes each, and as much again to sort them).
/// A path before the one written last is an error (`InvalidInput`): the pairs were not
/// sorted, and no manifest out of order is written.
pub fn write_sorted_manifest_to<'a>(
    lines: impl IntoIterator<Item = (&'a str, &'a crate::digest::Sha256Digest)>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut last: Option<&str> = None;
    for (path, digest) in lines {
        if last.is_some_and(|l| l > path) {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, "manifest lines out of order"));
        }
        writeln!(out, "{digest}  {}", encode_path(path))?;
        last = Some(path);
    }
    Ok(())
}

/// Parses a manifest strictly: every line `digest  path`, LF-terminated, digests lowercase.
pub fn parse_manifest(text: &str) -> Result<Vec<ManifestLine>, String> {
    if !text.is_empty() && !text.ends_with('\n') {
        return Err(crate::wording::documents::MANIFEST_LAST_LINE_OPEN.into());
    }
    if text.contains('\r') {
        return Err(crate::wording::documents::MANIFEST_CRLF.into());
    }
    text.lines().enumerate().map(|(i, line)| parse_line(line.as_bytes(), i + 1)).collect()
}

/// One manifest line, without its line feed: `digest  path` (line `n`, for messages).
fn parse_line(line: &[u8], n: usize) -> Result<ManifestLine, String> {
    if line.len() > MAX_MANIFEST_LINE {
        return Err(crate::wording::documents::manifest_line_too_long(n));
    }
    let line = std::str::from_utf8(line).map_err(|_| crate::wording::documents::NOT_UTF8_TEXT.to_string())?;
    if line.contains('\r') {
        return Err(crate::wording::documents::MANIFEST_CRLF.into());
    }
    let (digest, path) = line.split_once("  ").ok_or_else(|| crate::wording::documents::manifest_line_shape(n))?;
    let sha256 = digest.parse().map_err(|e| crate::wording::documents::manifest_line_digest(n, e))?;
    let path = decode_path(path).ok_or_else(|| crate::wording::documents::manifest_line_escape(n))?;
    crate::archive::check_name(&path).map_err(|why| crate::wording::documents::manifest_line_unsafe(n, &path, why))?;
    Ok(ManifestLine { sha256, path })
}

/// A manifest read as a stream (spec §9.4): bytes go in as they are read from the archive,
/// each line is parsed when its line feed arrives, and only the listing is kept, compactly
/// (a digest and a reference to its path per line). A line over [`MAX_MANIFEST_LINE`] bytes
/// is refused without holding more of it. The first error stops the parsing (the bytes still
/// go through, for the file's digest).
///
/// Read over an archive's [`Names`] ([`ManifestParser::over`]), a line whose path is an
/// entry's refers to that entry's name (4 bytes) instead of copying it: the archive, the
/// manifest and its listing then do not each hold every path (issue #22). Only paths that
/// name no entry (a missing file, a mistake) are copied, and they are weighed: past
/// [`crate::layout::MAX_LISTING_WEIGHT`] the manifest is refused (spec §9.4).
pub struct ManifestParser<'a> {
    partial: Vec<u8>,
    lines: usize,
    error: Option<ManifestError>,
    listing: ManifestListing,
    names: Names<'a>,
    /// Which entries a line named already (a bit each), to find an entry listed twice.
    seen_entries: Vec<u64>,
    /// A keyed 64-bit hash of each path seen that names no entry, likewise.
    seen: std::collections::HashSet<u64>,
    keys: std::collections::hash_map::RandomState,
    /// The weight of the lines so far that name no entry (spec §9.4,
    /// [`crate::layout::MAX_LISTING_WEIGHT`]).
    weight: u64,
    /// Where in name order the last line's path was ([`Names::index_from`]).
    next: usize,
}

/// Why a manifest read as a stream is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ManifestError {
    /// A line, or the file, does not follow the format (what is wrong, naming the line).
    Malformed(String),
    /// It lists this path twice.
    ListedTwice(String),
}

/// The lines of a manifest, by path: each path's SHA-256. Costs 32 bytes a line when its
/// lines are exactly a run of the archive's entries in name order (as a bundle's payload
/// listing is), else 36, and the bytes of the paths that name no entry of the archive it was
/// read over; looked up by binary search through [`ManifestListing::over`].
#[derive(Debug, Default)]
pub struct ManifestListing {
    paths: String,
    /// Where each path that names no entry is in `paths`: start and length.
    own: Vec<(u32, u32)>,
    /// Each line's digest, in path order once parsing ends.
    digests: Vec<crate::digest::Sha256Digest>,
    /// Each line's path: the entry `at` of the archive's names, or, with [`OWN_PATH`] set,
    /// the `at`th of `own`. Empty when the lines are the entries in name order from
    /// `first` on ([`Self::at`], issue #13.4: 4 bytes a line).
    ats: Vec<u32>,
    /// Where in name order the first line's entry is, when `ats` is empty.
    first: usize,
    /// The identity of the names it was parsed over ([`Names::identity`]), when a line
    /// refers to one of them.
    over: Option<(usize, usize, usize)>,
    /// Which of those names a line refers to, a bit each (the parser's, kept: an entry is
    /// found listed or not without a search, in whatever order the archive lists its entries).
    listed_entries: Vec<u64>,
}

/// [`ManifestListing::ats`]' flag: the path names no entry and is the listing's own (a
/// listing has at most [`crate::layout::MAX_ENTRIES`] lines, far below it).
const OWN_PATH: u32 = 1 << 31;

impl ManifestListing {
    /// How many lines.
    pub fn len(&self) -> usize {
        self.digests.len()
    }

    /// Whether it lists nothing.
    pub fn is_empty(&self) -> bool {
        self.digests.is_empty()
    }

    /// The digest of the line at `i` in path order (as [`Listed::at`], without the names: a
    /// manifest's file records refer to the lines whose digest is theirs,
    /// `manifest::files::parse_over`).
    pub(crate) fn digest_at(&self, i: usize) -> Option<&crate::digest::Sha256Digest> {
        self.digests.get(i)
    }

    /// Whether each line keeps where its path is (tests: a run of entries keeps none).
    #[cfg(test)]
    pub(crate) fn keeps_places(&self) -> bool {
        !self.ats.is_empty()
    }

    /// Where the path of line `i` is ([`Self::ats`]), with the names it was parsed over.
    fn at(&self, names: &Names<'_>, i: usize) -> Option<u32> {
        if self.ats.is_empty() {
            return names.in_name_order(self.first.checked_add(i)?);
        }
        self.ats.get(i).copied()
    }

    /// The path of line `i`.
    fn path<'a>(&'a self, names: &Names<'a>, i: usize) -> &'a str {
        let Some(at) = self.at(names, i) else { return "" };
        if at & OWN_PATH == 0 {
            return names.name(at).unwrap_or_default();
        }
        match self.own.get((at & !OWN_PATH) as usize) {
            Some(&(at, len)) => self.paths.get(at as usize..at as usize + len as usize).unwrap_or_default(),
            None => "",
        }
    }

    /// Puts the lines in path order: in place, following each cycle of the order found (a
    /// second copy of a million lines would be 36 MB more).
    fn sort(&mut self, names: &Names<'_>) {
        let n = self.digests.len();
        if (1..n).all(|i| self.path(names, i - 1) <= self.path(names, i)) {
            return;
        }
        // At most MAX_ENTRIES lines and a bounded weight of others: within u32.
        let mut order: Vec<u32> = (0..u32::try_from(n).unwrap_or(u32::MAX)).collect();
        order.sort_unstable_by(|&a, &b| self.path(names, a as usize).cmp(self.path(names, b as usize)));
        // Line j takes the line that was at order[j]: each cycle of the order is walked once by
        // swaps, its places marked done (order[j] = j). Lines that keep no place are in name
        // order, so sorted already.
        let keeps_places = self.ats.len() == n;
        for start in 0..n {
            let mut j = start;
            // Each place is left at most once; the walk ends where the cycle began.
            while let Some(k) = order.get_mut(j).map(|k| std::mem::replace(k, j as u32) as usize)
                && k != start
                && k != j
            {
                self.digests.swap(j, k);
                if keeps_places {
                    self.ats.swap(j, k);
                }
                j = k;
            }
        }
    }

    /// The listing read with `names`, the archive's names it was parsed over (or
    /// `Names::default()` if it was parsed over none).
    ///
    /// Other names would give wrong paths (an entry index means nothing in another archive):
    /// a broken invariant, asserted in debug builds and tests.
    pub fn over<'a>(&'a self, names: Names<'a>) -> Listed<'a> {
        debug_assert!(
            self.over.is_none_or(|id| id == names.identity()),
            "a manifest listing read with names other than those it was parsed over"
        );
        Listed { listing: self, names }
    }
}

/// A [`ManifestListing`] with the names its lines refer to.
#[derive(Debug, Clone, Copy)]
pub struct Listed<'a> {
    listing: &'a ManifestListing,
    names: Names<'a>,
}

impl<'a> Listed<'a> {
    fn path(&self, i: usize) -> &'a str {
        self.listing.path(&self.names, i)
    }

    /// How many lines.
    pub fn len(&self) -> usize {
        self.listing.len()
    }

    /// Whether it lists nothing.
    pub fn is_empty(&self) -> bool {
        self.listing.is_empty()
    }

    /// The digest listed for `path`.
    pub fn get(&self, path: &str) -> Option<&'a crate::digest::Sha256Digest> {
        self.position(path).and_then(|i| self.at(i))
    }

    /// [`Self::get`] for paths looked up mostly in path order (`next` as for
    /// [`Self::position_from`]).
    pub fn get_from(&self, path: &str, next: &mut usize) -> Option<&'a crate::digest::Sha256Digest> {
        self.position_from(path, next).and_then(|i| self.at(i))
    }

    /// Whether the entry `i` of the names, named `name`, is listed: by its bit, without a
    /// search, when the listing was parsed over these names (then no path of its own is an
    /// entry's name); else, and only if the listing has paths of its own, by `name` (`next`
    /// as for [`Self::position_from`]). A re-zipped bundle lists its entries in the order
    /// its folders were read, where a search from the last place found misses every time.
    pub fn lists_entry(&self, i: u32, name: &str, next: &mut usize) -> bool {
        let bit = self.listing.listed_entries.get(i as usize / 64).is_some_and(|w| w & (1 << (i % 64)) != 0);
        bit || (!self.listing.own.is_empty() && self.position_from(name, next).is_some())
    }

    /// Where `path` is in path order (see [`Listed::iter`]).
    pub fn position(&self, path: &str) -> Option<usize> {
        let mut anywhere = usize::MAX;
        self.position_from(path, &mut anywhere)
    }

    /// [`Self::position`] for paths looked up mostly in path order: `next` is where the next
    /// path is expected, and the line there is compared first (as [`Names::index_from`] does).
    pub fn position_from(&self, path: &str, next: &mut usize) -> Option<usize> {
        crate::archive::find_from_index(self.len(), next, |i| self.path(i).cmp(path))
    }

    /// The digest of the line at `i` in path order.
    pub fn at(&self, i: usize) -> Option<&'a crate::digest::Sha256Digest> {
        self.listing.digest_at(i)
    }

    /// Every line, in path order.
    pub fn iter(&self) -> impl Iterator<Item = (&'a str, &'a crate::digest::Sha256Digest)> + use<'a> {
        let this = *self;
        self.listing.digests.iter().enumerate().map(move |(i, d)| (this.path(i), d))
    }
}

impl Default for ManifestParser<'_> {
    /// A parser over no archive's names: every path is copied.
    fn default() -> Self {
        ManifestParser::over(Names::default())
    }
}

impl<'a> ManifestParser<'a> {
    /// A parser whose lines refer to the names of `names` where they can.
    pub fn over(names: Names<'a>) -> Self {
        ManifestParser {
            partial: Vec::new(),
            lines: 0,
            error: None,
            listing: ManifestListing::default(),
            names,
            seen_entries: vec![0; names.len().div_ceil(64)],
            seen: std::collections::HashSet::new(),
            keys: std::collections::hash_map::RandomState::new(),
            weight: 0,
            next: 0,
        }
    }

    /// The parser with room for `lines` lines, reserved once: a line for each payload entry
    /// of the payload's listing (issue #22: rows that grew by doubling left the blocks they
    /// outgrew in the heap, never given back, about 20 MB at a million). A listing of more
    /// lines grows past it. The tag manifest's ten lines reserve nothing (issue #13.4: room
    /// for a line an entry was reserved for it too, 36 MB at a million, untouched).
    pub fn with_room(mut self, lines: usize) -> Self {
        self.listing.digests.reserve_exact(lines);
        self
    }

    /// The listing, or why the manifest is malformed.
    pub fn finish(mut self) -> Result<ManifestListing, ManifestError> {
        if self.error.is_none() && !self.partial.is_empty() {
            self.error = Some(ManifestError::Malformed(crate::wording::documents::MANIFEST_LAST_LINE_OPEN.into()));
        }
        if let Some(e) = self.error {
            return Err(e);
        }
        let names = self.names;
        let mut listing = self.listing;
        listing.sort(&names);
        let names_one = listing.ats.is_empty() || listing.ats.iter().any(|&at| at & OWN_PATH == 0);
        listing.over = (!listing.is_empty() && names_one).then(|| names.identity());
        listing.listed_entries = self.seen_entries;
        Ok(listing)
    }

    fn line(&mut self, line: &[u8]) {
        self.lines += 1;
        match parse_line(line, self.lines) {
            Ok(l) => self.add(l),
            Err(e) => self.error = Some(ManifestError::Malformed(e)),
        }
    }

    /// Whether `l` was listed before (and marks it seen).
    fn seen_before(&mut self, l: &ManifestLine, entry: Option<u32>) -> bool {
        use std::hash::BuildHasher;
        if let Some(i) = entry {
            let (word, bit) = (i as usize / 64, 1u64 << (i % 64));
            return match self.seen_entries.get_mut(word) {
                Some(w) => std::mem::replace(w, *w | bit) & bit != 0,
                None => false,
            };
        }
        // A hash seen before is a path listed twice, or (with a random key, rarely) another
        // path with the same hash: only then are the paths compared.
        !self.seen.insert(self.keys.hash_one(&l.path))
            && self
                .listing
                .own
                .iter()
                .any(|&(at, len)| self.listing.paths.get(at as usize..at as usize + len as usize) == Some(&l.path))
    }

    fn add(&mut self, l: ManifestLine) {
        let entry = self.names.index_from(&l.path, &mut self.next);
        if self.seen_before(&l, entry) {
            self.error = Some(ManifestError::ListedTwice(l.path));
            return;
        }
        if self.listing.len() as u64 >= crate::layout::MAX_ENTRIES {
            self.error = Some(ManifestError::Malformed(crate::wording::documents::manifest_too_many_lines()));
            return;
        }
        // Below OWN_PATH: at most MAX_ENTRIES entries and lines.
        if let Some(at) = entry.filter(|&at| at & OWN_PATH == 0) {
            // Found at `next - 1` in name order: while each line is the entry after the last
            // one's, no line keeps where its path is.
            let lines = self.listing.len();
            if lines == 0 {
                self.listing.first = self.next.saturating_sub(1);
            }
            if !self.listing.ats.is_empty()
                || self.listing.first.checked_add(lines) != Some(self.next.saturating_sub(1))
            {
                self.keep_ats();
                self.listing.ats.push(at);
            }
            self.listing.digests.push(l.sha256);
            return;
        }
        // A path that names no entry is held: its weight is bounded (spec §9.4).
        self.weight = self.weight.saturating_add(crate::layout::LISTING_PATH_WEIGHT + l.path.len() as u64);
        if crate::layout::over_listing_weight(self.weight) {
            self.error = Some(ManifestError::Malformed(crate::wording::documents::manifest_too_heavy(self.lines)));
            return;
        }
        let own = u32::try_from(self.listing.own.len()).ok().filter(|&k| k & OWN_PATH == 0);
        let (Ok(at), Ok(len), Some(k)) = (u32::try_from(self.listing.paths.len()), u32::try_from(l.path.len()), own)
        else {
            self.error = Some(ManifestError::Malformed(crate::wording::documents::MANIFEST_TOO_LARGE.into()));
            return;
        };
        self.listing.paths.push_str(&l.path);
        self.listing.own.push((at, len));
        self.keep_ats();
        self.listing.ats.push(k | OWN_PATH);
        self.listing.digests.push(l.sha256);
    }

    /// Makes every line so far keep where its path is (they were the entries in name order
    /// from `first` on, kept by no line) before a line that is not the next of them.
    fn keep_ats(&mut self) {
        let listing = &mut self.listing;
        if !listing.ats.is_empty() || listing.digests.is_empty() {
            return;
        }
        listing.ats.reserve_exact(listing.digests.capacity());
        for i in 0..listing.digests.len() {
            // Each line was found at this place in name order: always an entry.
            let at = listing.first.checked_add(i).and_then(|k| self.names.in_name_order(k));
            debug_assert!(at.is_some(), "a line of the run {i} past the names");
            let at = at.unwrap_or(OWN_PATH);
            listing.ats.push(at);
        }
    }
}

impl std::io::Write for ManifestParser<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        while self.error.is_none() && !rest.is_empty() {
            match rest.iter().position(|b| *b == b'\n') {
                Some(i) => {
                    let (line, after) = rest.split_at(i);
                    if self.partial.is_empty() {
                        self.line(line);
                    } else {
                        let mut whole = std::mem::take(&mut self.partial);
                        whole.extend_from_slice(line);
                        self.line(&whole);
                    }
                    rest = after.get(1..).unwrap_or_default();
                }
                None => {
                    if self.partial.len() + rest.len() > MAX_MANIFEST_LINE {
                        self.error = Some(ManifestError::Malformed(crate::wording::documents::manifest_line_too_long(
                            self.lines + 1,
                        )));
                    } else {
                        self.partial.extend_from_slice(rest);
                    }
                    rest = &[];
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Parses `bag-info.txt` into (label, value) pairs. Continuation lines (starting with
/// whitespace) are joined to the value before them, as RFC 8493 section 2.2.2 allows.
pub fn parse_bag_info(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with([' ', '\t']) {
            let last = out.last_mut().ok_or(crate::wording::documents::BAG_INFO_STARTS_CONTINUED)?;
            last.1.push(' ');
            last.1.push_str(line.trim());
            continue;
        }
        let (k, v) =
            line.split_once(':').ok_or_else(|| crate::wording::documents::bag_info_line_without_colon(i + 1))?;
        out.push((k.trim().to_owned(), v.trim().to_owned()));
    }
    Ok(out)
}

/// A one-line bag-info value: line breaks become spaces.
pub fn bag_info_value(v: &str) -> String {
    v.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// What `bag-info.txt` is derived from (spec §2.3): nothing in it is signed, so every byte of
/// it is fixed by signed facts and checked exactly.
#[derive(Debug, Clone, Copy)]
pub struct BagInfoFacts<'a> {
    /// The seal event's time, `YYYY-MM-DD…`; the date (its first 10 characters) is used.
    pub sealed_at: &'a str,
    /// The payload present: its total size in bytes.
    pub payload_bytes: u64,
    /// The payload present: its number of files.
    pub payload_files: usize,
    /// The manifest's `case.reference`.
    pub case_reference: &'a str,
    /// The manifest's `bundle_id`.
    pub bundle_id: &'a str,
    /// The sealer's name (`manifest.sealer.name`).
    pub sealer_name: &'a str,
    /// The sealer's organisation (`manifest.sealer.organisation`).
    pub sealer_organisation: &'a str,
}

/// The exact bytes of `bag-info.txt` (spec §2.3): `Bagging-Date`, `Payload-Oxum`,
/// `External-Identifier`, `Internal-Sender-Identifier`, `Contact-Name`, `Source-Organization`,
/// in this order, one line each, values with control characters as spaces. No version or
/// other unsigned word: a writer and a verifier derive the same bytes.
pub fn derive_bag_info(f: &BagInfoFacts<'_>) -> String {
    format!(
        "Bagging-Date: {}\nPayload-Oxum: {}.{}\nExternal-Identifier: {}\n\
         Internal-Sender-Identifier: {}\nContact-Name: {}\nSource-Organization: {}\n",
        f.sealed_at.get(..10).unwrap_or(f.sealed_at),
        f.payload_bytes,
        f.payload_files,
        bag_info_value(f.case_reference),
        f.bundle_id,
        bag_info_value(f.sealer_name),
        bag_info_value(f.sealer_organisation),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bag_info_is_derived_exactly() {
        let facts = BagInfoFacts {
            sealed_at: "2026-11-20T10:00:00Z",
            payload_bytes: 65_617,
            payload_files: 5,
            case_reference: "2026-CT-0412\n",
            bundle_id: "6a1d3c5e9f0b42d8a7e1c0ffee123456",
            sealer_name: "Alice\tWang",
            sealer_organisation: "City Police",
        };
        assert_eq!(
            derive_bag_info(&facts),
            "Bagging-Date: 2026-11-20\nPayload-Oxum: 65617.5\nExternal-Identifier: 2026-CT-0412 \n\
             Internal-Sender-Identifier: 6a1d3c5e9f0b42d8a7e1c0ffee123456\nContact-Name: Alice Wang\n\
             Source-Organization: City Police\n"
        );
        let parsed = parse_bag_info(&derive_bag_info(&facts)).unwrap();
        assert_eq!(parsed.len(), 6, "one line per label: {parsed:?}");
    }

    #[test]
    fn paths_escape_round_trip() {
        for p in ["a/b", "100%.txt", "x%25y", "line\nbreak"] {
            assert_eq!(decode_path(&encode_path(p)).as_deref(), Some(p));
        }
        assert_eq!(decode_path("bad%zz"), None);
    }

    /// An entry named `name` (its offsets and sizes do not matter to a listing).
    fn entry(name: &str) -> crate::archive::Entry<'_> {
        crate::archive::Entry { name, size: 1, crc32: 0, header_offset: 0, data_offset: 0 }
    }

    /// Parses `text` as a stream, `chunk` bytes per write.
    fn streamed(text: &[u8], chunk: usize) -> Result<ManifestListing, ManifestError> {
        use std::io::Write;
        let mut p = ManifestParser::default();
        for c in text.chunks(chunk.max(1)) {
            p.write_all(c).unwrap();
        }
        p.finish()
    }

    #[test]
    fn a_manifest_streamed_in_any_chunks_is_the_manifest_parsed_whole() {
        let d = crate::digest::Sha256Digest::of(b"x");
        let e = crate::digest::Sha256Digest::of(b"y");
        let text = format!("{d}  data/b\n{e}  data/a%25\n{d}  data/c d\n");
        let whole = parse_manifest(&text).unwrap();
        for chunk in [1, 2, 7, 64, 1 << 16] {
            let l = streamed(text.as_bytes(), chunk).unwrap();
            let l = l.over(Names::default());
            assert_eq!(l.len(), 3);
            let mut want: Vec<(&str, &crate::digest::Sha256Digest)> =
                whole.iter().map(|l| (l.path.as_str(), &l.sha256)).collect();
            want.sort();
            assert_eq!(l.iter().collect::<Vec<_>>(), want, "in path order");
            assert_eq!(l.get("data/a%"), Some(&e));
            assert_eq!(l.get("data/zz"), None);
        }
        assert!(streamed(b"", 1).unwrap().is_empty());
    }

    #[test]
    fn a_streamed_manifest_is_refused_as_parsed_whole_and_holds_no_long_line() {
        let d = crate::digest::Sha256Digest::of(b"x");
        for bad in [
            format!("{d} data/a\n"),
            format!("{d}  data/a"),
            format!("{d}  ../a\n"),
            format!("{d}  data/a\r\n"),
            format!("{}  data/a\n", d.hex().to_uppercase()),
        ] {
            assert!(parse_manifest(&bad).is_err(), "{bad}");
            assert!(matches!(streamed(bad.as_bytes(), 3), Err(ManifestError::Malformed(_))), "{bad}");
        }
        let twice = format!("{d}  data/a\n{d}  data/b\n{d}  data/a\n");
        assert_eq!(streamed(twice.as_bytes(), 5).unwrap_err(), ManifestError::ListedTwice("data/a".into()));
        // A line without end: refused once it passes the longest line, whatever follows.
        let mut long = format!("{d}  data/").into_bytes();
        long.resize(MAX_MANIFEST_LINE * 4, b'a');
        let mut p = ManifestParser::default();
        std::io::Write::write_all(&mut p, &long).unwrap();
        assert!(p.partial.len() <= MAX_MANIFEST_LINE, "holds at most one line");
        let err = p.finish().unwrap_err();
        assert!(matches!(&err, ManifestError::Malformed(m) if m.contains("longer than")), "{err:?}");
        // A path written with many escapes, within the bound: three bytes a character.
        let path = format!("data/{}", "%25".repeat(300));
        assert!(streamed(format!("{d}  {path}\n").as_bytes(), 4).is_ok());
    }

    /// Whether an entry is listed is told by the parser's bit for it, in any order of asking;
    /// a listing parsed over no names (its paths all its own) is searched by name instead.
    #[test]
    fn an_entry_is_found_listed_in_any_order() {
        use crate::archive::Entries;
        use std::io::Write;
        let d = crate::digest::Sha256Digest::of(b"x");
        let names = ["data/a", "data/b", "data/c", "data/d"];
        let mut entries = Entries::default();
        for n in names {
            entries.push(entry(n)).unwrap();
        }
        let by_name: Vec<u32> = (0..4).collect();
        let over = Names::new(&entries, &by_name);
        let lines = format!("{d}  data/d\n{d}  data/b\n{d}  data/gone\n");
        let mut p = ManifestParser::over(over);
        p.write_all(lines.as_bytes()).unwrap();
        let listing = p.finish().unwrap();
        let mut none = ManifestParser::default();
        none.write_all(lines.as_bytes()).unwrap();
        let apart = none.finish().unwrap();
        for (listing, names_read, how) in [(&listing, over, "over the names"), (&apart, Names::default(), "over none")]
        {
            let listed = listing.over(names_read);
            let mut next = 0;
            let found: Vec<bool> =
                [3u32, 0, 2, 1].iter().map(|&i| listed.lists_entry(i, names[i as usize], &mut next)).collect();
            assert_eq!(found, [true, false, false, true], "{how}");
        }
    }

    /// A listing whose lines are a run of the entries in name order keeps no line's place
    /// (4 bytes a line, issue #13.4); any other keeps every place from the first line that
    /// breaks the run, and is read alike: the same lines in path order, found by path.
    #[test]
    fn a_listing_of_entries_in_name_order_keeps_no_places_and_reads_as_one_that_does() {
        use crate::archive::Entries;
        use std::io::Write;
        // Entries in an order other than their names', as a re-zipped archive lists them.
        let names = ["data/c", "bagit.txt", "data/a", "data/b", "data/d", "manifest-sha256.txt"];
        let mut entries = Entries::default();
        for n in names {
            entries.push(entry(n)).unwrap();
        }
        let mut by_name: Vec<u32> = (0..names.len() as u32).collect();
        by_name.sort_by_key(|&i| names[i as usize]);
        let over = Names::new(&entries, &by_name);
        let d = |k: u8| crate::digest::Sha256Digest::of(&[k]);
        let parse = |lines: &[(&str, u8)]| {
            let mut p = ManifestParser::over(over);
            for (path, k) in lines {
                p.write_all(format!("{}  {path}\n", d(*k)).as_bytes()).unwrap();
            }
            p.finish().unwrap()
        };
        let read = |l: &ManifestListing| -> Vec<(String, crate::digest::Sha256Digest)> {
            l.over(over).iter().map(|(p, d)| (p.to_owned(), *d)).collect()
        };
        let run = [("data/a", 1), ("data/b", 2), ("data/c", 3), ("data/d", 4)];
        let in_order = parse(&run);
        assert!(in_order.ats.is_empty(), "a run of entries in name order keeps no places");
        assert!(in_order.over.is_some(), "read only over the names it was parsed over");
        let want: Vec<_> = run.iter().map(|&(p, k)| (p.to_owned(), d(k))).collect();
        assert_eq!(read(&in_order), want);
        for (path, k) in run {
            assert_eq!(in_order.over(over).get(path), Some(&d(k)), "{path}");
        }
        assert_eq!(in_order.over(over).get("data/e"), None);
        // Out of order, with a gap, with a path of its own: each keeps its places from the
        // line that breaks the run, and is sorted.
        for lines in [
            vec![("data/b", 2), ("data/c", 3), ("data/a", 1), ("data/d", 4)],
            vec![("data/a", 1), ("data/c", 3), ("data/d", 4)],
            vec![("data/a", 1), ("data/b", 2), ("data/gone", 9), ("data/c", 3)],
            vec![("data/d", 4), ("data/c", 3), ("data/b", 2), ("data/a", 1), ("bagit.txt", 5)],
            vec![("data/gone", 9), ("data/a", 1), ("data/b", 2)],
        ] {
            let listing = parse(&lines);
            assert_eq!(listing.ats.len(), lines.len(), "{lines:?}");
            assert!(listing.over.is_some(), "{lines:?}");
            let mut want: Vec<_> = lines.iter().map(|&(p, k)| (p.to_owned(), d(k))).collect();
            want.sort();
            assert_eq!(read(&listing), want, "{lines:?}");
            for (path, k) in &lines {
                assert_eq!(listing.over(over).get(path), Some(&d(*k)), "{path}");
            }
        }
    }

    /// Lines naming no entry reach the weight first (each weighs 32 and more: at most about
    /// 440,000 fit in 16 MiB), so a listing passes the line bound only by naming entries: an
    /// archive at the entry bound, every entry listed, and one line more.
    #[test]
    fn a_streamed_manifest_of_more_lines_than_a_bundle_has_entries_is_refused() {
        use crate::archive::Entries;
        use std::io::Write;
        let d = crate::digest::Sha256Digest::of(b"x");
        let max = crate::layout::MAX_ENTRIES as usize;
        let names: Vec<String> = (0..max).map(|i| format!("data/{i:07}")).collect();
        let mut entries = Entries::default();
        for n in &names {
            entries.push(entry(n)).unwrap();
        }
        let by_name: Vec<u32> = (0..max as u32).collect();
        let mut p = ManifestParser::over(Names::new(&entries, &by_name));
        for n in &names {
            p.write_all(format!("{d}  {n}\n").as_bytes()).unwrap();
        }
        assert!(p.error.is_none(), "{:?}", p.error);
        p.write_all(format!("{d}  data/missing\n").as_bytes()).unwrap();
        assert_eq!(p.weight, 0, "refused by the count before it weighs");
        let err = p.finish().unwrap_err();
        assert!(
            matches!(&err, ManifestError::Malformed(m) if m.contains(&format!("more than {} files", crate::layout::MAX_ENTRIES))),
            "{err:?}"
        );
    }

    /// Spec §9.4, a BagIt manifest's weight: the lines naming no entry weigh 32 plus their
    /// decoded path's bytes; at 16 MiB exactly it is read, one byte more and it is refused at
    /// the line that tips it, holding no more.
    #[test]
    fn a_streamed_manifest_naming_too_much_that_is_not_there_is_refused() {
        use std::io::Write;
        let d = crate::digest::Sha256Digest::of(b"x");
        let max = crate::layout::MAX_LISTING_WEIGHT;
        let (len, n) = (1000u64, crate::layout::MAX_LISTING_WEIGHT / 1032);
        let mut p = ManifestParser::default();
        let mut line = String::new();
        for i in 0..n {
            line.clear();
            line.push_str(&format!("{d}  data/{i:08}"));
            // Written with escapes (%25 is one byte decoded): the decoded path weighs.
            while line.len() < 66 + len as usize - 1 {
                line.push('a');
            }
            line.push_str("%25\n");
            p.write_all(line.as_bytes()).unwrap();
        }
        assert_eq!(p.weight, n * (32 + len));
        let rest = max - p.weight - 32;
        let last = format!("{d}  data/{}\n", "z".repeat(rest as usize - 5));
        p.write_all(last.as_bytes()).unwrap();
        assert_eq!(p.weight, max, "exactly the weight");
        assert!(p.error.is_none(), "{:?}", p.error);
        let held = p.listing.paths.len();
        p.write_all(format!("{d}  data/y\n").as_bytes()).unwrap();
        p.write_all(format!("{d}  data/w\n").as_bytes()).unwrap();
        assert_eq!(p.listing.paths.len(), held, "the line that tips it is not kept, nor any after it");
        let err = p.finish().unwrap_err();
        let at = format!("at line {}, it lists more files that are not in the bundle", n + 2);
        assert!(matches!(&err, ManifestError::Malformed(m) if m.contains(&at)), "{err:?}");
    }

    /// Issue #22 step 2: read over an archive's names, a line naming an entry keeps no copy
    /// of its path, yet reads, sorts and finds a path listed twice exactly as without.
    #[test]
    fn a_listing_over_names_refers_to_entries_and_reads_as_one_without() {
        use crate::archive::{Entries, Entry};
        use std::io::Write;
        let mut entries = Entries::default();
        for (i, n) in ["data/b", "bagit.txt", "data/a%", "data/c d"].into_iter().enumerate() {
            let at = i as u64 * 100;
            entries.push(Entry { name: n, size: 1, crc32: 0, header_offset: at, data_offset: at }).unwrap();
        }
        let mut by_name: Vec<u32> = (0..4).collect();
        by_name.sort_by_key(|&i| entries.get(i as usize).unwrap().name);
        let names = Names::new(&entries, &by_name);
        let d = crate::digest::Sha256Digest::of(b"x");
        let e = crate::digest::Sha256Digest::of(b"y");
        // Two lines name entries, one names none (a missing file): only its path is kept.
        let text = format!("{d}  data/b\n{e}  data/a%25\n{d}  data/missing\n{e}  data/c d\n");
        for chunk in [1, 5, 1 << 16] {
            let mut p = ManifestParser::over(names);
            for c in text.as_bytes().chunks(chunk) {
                p.write_all(c).unwrap();
            }
            assert_eq!(p.weight, 32 + "data/missing".len() as u64, "only the line naming no entry weighs");
            let listing = p.finish().unwrap();
            assert_eq!(listing.paths, "data/missing", "only the path that names no entry is copied");
            let plain = streamed(text.as_bytes(), chunk).unwrap();
            let (over, alone) = (listing.over(names), plain.over(Names::default()));
            assert_eq!(over.iter().collect::<Vec<_>>(), alone.iter().collect::<Vec<_>>(), "same lines, same order");
            assert_eq!(over.get("data/a%"), Some(&e));
            assert_eq!(over.get("data/missing"), Some(&d));
            assert_eq!(over.position("data/c d"), Some(2));
            assert_eq!(over.get("bagit.txt"), None, "an entry no line names is not listed");
        }
        // Twice: a path naming an entry, and one naming none; the same error either way.
        for twice in ["data/b", "data/missing"] {
            let text = format!("{d}  data/c d\n{d}  {twice}\n{e}  data/a%25\n{e}  {twice}\n");
            let mut p = ManifestParser::over(names);
            p.write_all(text.as_bytes()).unwrap();
            assert_eq!(p.finish().unwrap_err(), ManifestError::ListedTwice(twice.into()));
            assert_eq!(streamed(text.as_bytes(), 3).unwrap_err(), ManifestError::ListedTwice(twice.into()));
        }
    }

    /// Review of #22 step 2: a listing whose lines refer to an archive's entries, read with
    /// other names, would answer with wrong paths (or ""): the mismatch shows.
    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "names other than those it was parsed over")]
    fn a_listing_read_with_other_names_shows() {
        let mut entries = crate::archive::Entries::default();
        entries.push(entry("data/a")).unwrap();
        let by_name = [0u32];
        let names = Names::new(&entries, &by_name);
        let text = format!("{}  data/a\n", crate::digest::Sha256Digest::of(b"x"));
        let mut p = ManifestParser::over(names);
        std::io::Write::write_all(&mut p, text.as_bytes()).unwrap();
        let listing = p.finish().unwrap();
        assert_eq!(listing.over(names).get("data/a"), Some(&crate::digest::Sha256Digest::of(b"x")));
        let _ = listing.over(Names::default());
    }

    #[test]
    fn manifest_parse_is_strict() {
        let d = crate::digest::Sha256Digest::of(b"x");
        let text = format!("{d}  data/a b.txt\n");
        let lines = parse_manifest(&text).unwrap();
        assert_eq!(lines[0].path, "data/a b.txt");
        assert!(parse_manifest(&format!("{d} data/a\n")).is_err());
        assert!(parse_manifest(&format!("{d}  data/a")).is_err());
        assert!(parse_manifest(&format!("{d}  ../a\n")).is_err());
        assert!(parse_manifest(&format!("{}  data/a\n", d.hex().to_uppercase())).is_err());
    }
}
