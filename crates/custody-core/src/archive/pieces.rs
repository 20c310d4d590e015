//! Sources made of pieces: the bytes of every entry end to end, each piece read from where
//! it really is. [`DirSource`] reads the files of an unzipped bundle (a directory);
//! [`RepackedSource`] reads the entries of a re-zipped bundle, stored or deflated. Either is
//! the [`Source`] of an [`Archive`](super::Archive) whose entries lie at their pieces' offsets,
//! so every check of a bundle's content runs over them unchanged (spec §9.6).

use std::io::{self, Read};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use super::{Entries, Source};
use crate::wording;

/// Where each piece starts in the source, and the total: finds the piece of an offset by
/// binary search.
#[derive(Debug, Default)]
struct Layout {
    /// The start of each piece, ascending; piece `i` ends where `i + 1` starts (or at `len`).
    starts: Vec<u64>,
    len: u64,
}

impl Layout {
    /// No pieces yet, room for exactly `n` (a list grown by doubling would hold up to twice
    /// its need, and its old block while it grows).
    fn with_capacity(n: usize) -> Self {
        Layout { starts: Vec::with_capacity(n), len: 0 }
    }

    /// Adds a piece of `len` bytes at the end; returns where it starts.
    fn push(&mut self, len: u64) -> u64 {
        let at = self.len;
        self.starts.push(at);
        self.len = at.saturating_add(len);
        at
    }

    fn piece_len(&self, i: usize) -> u64 {
        self.starts.get(i + 1).copied().unwrap_or(self.len) - self.starts.get(i).copied().unwrap_or(self.len)
    }

    /// Fills `buf` from `offset`, one piece at a time: `read(i, at, part)` fills `part` from
    /// offset `at` within piece `i`.
    fn read(
        &self,
        buf: &mut [u8],
        offset: u64,
        read: impl FnMut(usize, u64, &mut [u8]) -> io::Result<()>,
    ) -> io::Result<()> {
        let starts = |i: usize| self.starts.get(i).copied();
        read_pieces(self.starts.len(), starts, self.len, buf, offset, read)
    }
}

/// Fills `buf` from `offset` of a source of `count` pieces end to end, `len` bytes in all,
/// piece `i` starting at `start(i)` (ascending; empty pieces share a start with the next),
/// one piece at a time: `read(i, at, part)` fills `part` from offset `at` within piece `i`.
fn read_pieces(
    count: usize,
    start: impl Fn(usize) -> Option<u64>,
    len: u64,
    mut buf: &mut [u8],
    mut offset: u64,
    mut read: impl FnMut(usize, u64, &mut [u8]) -> io::Result<()>,
) -> io::Result<()> {
    if offset.checked_add(buf.len() as u64).is_none_or(|end| end > len) {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    while !buf.is_empty() {
        // The last piece starting at or before `offset` (empty pieces share a start).
        let (mut low, mut high) = (0, count);
        while low < high {
            let mid = low + (high - low) / 2;
            if start(mid).is_some_and(|s| s <= offset) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        let i = low.saturating_sub(1);
        let end = start(i + 1).unwrap_or(len);
        // Never before the piece's start (the first piece starts at 0): else nothing to read.
        let Some(at) = start(i).and_then(|from| offset.checked_sub(from)) else {
            return Err(io::ErrorKind::UnexpectedEof.into());
        };
        let n = end.saturating_sub(offset).min(buf.len() as u64) as usize;
        if n == 0 {
            // Only an empty piece can give nothing, and the search never picks one before a
            // non-empty piece at the same start.
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        let (part, rest) = std::mem::take(&mut buf).split_at_mut(n);
        read(i, at, part)?;
        buf = rest;
        offset += n as u64;
    }
    Ok(())
}

/// The files of an unzipped bundle, end to end ([`super::open_dir`]): each read opens its
/// file again, never following a symbolic link, and refuses a file that is no longer a
/// regular file of the size it had when the directory was walked.
///
/// Its pieces are the archive's entries, shared, not copied: file `i` is entry `i`, at its
/// data offset, of its size, at its name (issue #13.4: a list of starts and one of names'
/// places beside the entries' own were 16 bytes a file).
pub struct DirSource {
    dir: PathBuf,
    /// The path from `dir` to the folder the files' paths start from: empty, or the bundle's
    /// folder and `/` when `dir` holds it (walked like the rest, never followed as a link).
    lead: String,
    /// The files: their names (past `skip` bytes) are their paths from `dir` and `lead`, their
    /// data offsets the sizes before them end to end.
    entries: Arc<Entries>,
    skip: usize,
    len: u64,
}

impl DirSource {
    /// The files of `entries` under `lead` in the directory `dir`, each at its name past its
    /// first `skip` bytes; `None` if an entry's data offset is not the sizes before it end
    /// to end (as the walk gives them) or a name is shorter than `skip`.
    pub(super) fn over(dir: PathBuf, lead: String, entries: Arc<Entries>, skip: usize) -> Option<Self> {
        let mut len = 0u64;
        for e in entries.iter() {
            if e.data_offset != len || e.name.len() < skip {
                return None;
            }
            len = len.checked_add(e.size)?;
        }
        Some(DirSource { dir, lead, entries, skip, len })
    }

    fn path(&self, i: usize) -> &str {
        self.entries.name(i).and_then(|n| n.get(self.skip..)).unwrap_or_default()
    }

    fn read_file(&self, i: usize, at: u64, buf: &mut [u8]) -> io::Result<()> {
        let rel = self.path(i);
        let file = open_beneath(&self.dir, &self.lead, rel)?;
        let meta = file.metadata()?;
        if !meta.is_file() || Some(meta.len()) != self.entries.get(i).map(|e| e.size) {
            return Err(io::Error::other(wording::archive::file_changed(&format!("{}{rel}", self.lead))));
        }
        read_exact_at(&file, buf, at)
    }
}

impl Source for DirSource {
    fn len(&self) -> u64 {
        self.len
    }
    fn read_exact_at(&self, buf: &mut [u8], offset: u64) -> io::Result<()> {
        let start = |i: usize| self.entries.get(i).map(|e| e.data_offset);
        read_pieces(self.entries.len(), start, self.len, buf, offset, |i, at, part| self.read_file(i, at, part))
    }
}

/// Opens the file at `lead` then `rel` (its path from `dir`, components separated by `/`) for reading,
/// one component at a time from the folder opened before it, none followed if it is a
/// symbolic link: a folder of the bundle swapped for a link after the walk (to a tree
/// elsewhere) is refused, never read through. The last component is opened without blocking
/// on a FIFO put there after the walk (it is then refused as not a file).
#[cfg(any(target_os = "linux", target_os = "android"))]
fn open_beneath(dir: &std::path::Path, lead: &str, rel: &str) -> io::Result<std::fs::File> {
    use rustix::fs::{CWD, Mode, OFlags, openat};
    let mut at = openat(CWD, dir, OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC, Mode::empty())?;
    let mut parts = lead.split('/').filter(|p| !p.is_empty()).chain(rel.split('/')).peekable();
    while let Some(part) = parts.next() {
        let kind = if parts.peek().is_some() { OFlags::DIRECTORY } else { OFlags::NONBLOCK };
        at = openat(&at, part, OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC | kind, Mode::empty())?;
    }
    Ok(std::fs::File::from(at))
}

/// Elsewhere: the path opened at once, only its last component not followed if it is a
/// symbolic link (spec §9.6 names the race this leaves open).
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn open_beneath(dir: &std::path::Path, lead: &str, rel: &str) -> io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    o.open(dir.join(lead).join(rel))
}

#[cfg(unix)]
fn read_exact_at(file: &std::fs::File, buf: &mut [u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, at)
}

#[cfg(not(unix))]
fn read_exact_at(file: &std::fs::File, buf: &mut [u8], at: u64) -> io::Result<()> {
    use std::io::Seek;
    let mut f = file;
    f.seek(io::SeekFrom::Start(at))?;
    f.read_exact(buf)
}

/// How a re-zipped entry's bytes are stored: 16 bytes (issue #13.4: one for each of a
/// million entries), the method in the high bit of the packed size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Packed {
    /// Where its data starts in the ZIP file.
    at: u64,
    /// Its size in the ZIP file, and [`DEFLATED`] if it is deflated (method 8), else stored.
    packed: u64,
}

/// [`Packed::packed`]'s flag: the entry is deflated. Its size in the ZIP file lies before the
/// central directory (the walk checked it), so below 2^63 and clear of the flag.
const DEFLATED: u64 = 1 << 63;

impl Packed {
    /// An entry's data: at `at`, `packed` bytes in the file (less than 2^63), deflated or
    /// stored.
    pub(super) fn new(at: u64, packed: u64, deflated: bool) -> Self {
        debug_assert!(packed < DEFLATED, "a packed size of 2^63 bytes or more");
        Packed { at, packed: (packed & !DEFLATED) | if deflated { DEFLATED } else { 0 } }
    }

    fn packed(&self) -> u64 {
        self.packed & !DEFLATED
    }

    fn deflated(&self) -> bool {
        self.packed & DEFLATED != 0
    }
}

/// Decoders kept between reads: an entry is read front to back in reads of up to a
/// megabyte, and each read continues where the last one stopped.
const DECODERS_KEPT: usize = 16;

/// The entries of a re-zipped bundle, end to end ([`super::open_repacked`]): stored entries
/// read in place, deflated ones inflated as they are read. An entry inflates to exactly its
/// recorded size, never more (a few decoders are kept so that reading an entry front to back
/// inflates it once); its CRC-32 is checked by the [`Archive`](super::Archive) reading it.
///
/// Its entry `i` is piece `i`. While the archive is opened the pieces' starts are its own;
/// once the entries are final it is given the entries instead, whose data offsets are those
/// starts (issue #13.4: 8 bytes an entry).
pub struct RepackedSource<'s, S: Source + ?Sized> {
    zip: &'s S,
    layout: Layout,
    /// The entries, once shared ([`Self::share`]); their data offsets are the starts.
    entries: Option<Arc<Entries>>,
    packed: Vec<Packed>,
    /// Decoders in progress.
    decoders: Mutex<Vec<Inflating<'s, S>>>,
}

impl<'s, S: Source + ?Sized> RepackedSource<'s, S> {
    /// A source over `zip` with room for exactly `n` entries.
    pub(super) fn new(zip: &'s S, n: usize) -> Self {
        let (layout, packed) = (Layout::with_capacity(n), Vec::with_capacity(n));
        RepackedSource { zip, layout, entries: None, packed, decoders: Mutex::new(Vec::new()) }
    }

    /// Adds the next entry, of `size` bytes stored as `p`, after those added; returns its
    /// offset.
    pub(super) fn push(&mut self, p: Packed, size: u64) -> u64 {
        self.packed.push(p);
        self.layout.push(size)
    }

    /// The source reading its pieces' starts and sizes from `entries` (its entry `i` piece
    /// `i`, at the offset [`Self::push`] gave it), its own list of starts dropped; `None` if
    /// the entries are not its pieces.
    pub(super) fn share(mut self, entries: Arc<Entries>) -> Option<Self> {
        let same = entries.len() == self.packed.len()
            && entries
                .iter()
                .enumerate()
                .all(|(i, e)| self.layout.starts.get(i) == Some(&e.data_offset) && self.layout.piece_len(i) == e.size);
        if !same {
            return None;
        }
        self.layout.starts = Vec::new();
        self.entries = Some(entries);
        Some(self)
    }

    fn piece_len(&self, i: usize) -> u64 {
        match &self.entries {
            Some(entries) => entries.get(i).map_or(0, |e| e.size),
            None => self.layout.piece_len(i),
        }
    }

    fn read_piece(&self, i: usize, at: u64, buf: &mut [u8]) -> io::Result<()> {
        let p = self.packed.get(i).copied().ok_or(io::ErrorKind::UnexpectedEof)?;
        if !p.deflated() {
            return self.zip.read_exact_at(buf, p.at + at);
        }
        let size = self.piece_len(i);
        let kept = {
            let mut d = self.decoders.lock().unwrap_or_else(|e| e.into_inner());
            d.iter().position(|k| k.piece == i && k.reached <= at).map(|k| d.swap_remove(k))
        };
        let (mut reached, mut decoder) = match kept {
            Some(k) => (k.reached, k.decoder),
            None => (0, flate2::read::DeflateDecoder::new(Range { zip: self.zip, at: p.at, end: p.at + p.packed() })),
        };
        if reached < at {
            let skipped = io::copy(&mut (&mut decoder).take(at - reached), &mut io::sink())?;
            if skipped != at - reached {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            reached = at;
        }
        decoder.read_exact(buf)?;
        reached += buf.len() as u64;
        if reached == size {
            // Its recorded size is all it may give.
            let mut more = [0u8; 1];
            if decoder.read(&mut more)? != 0 {
                return Err(io::Error::new(io::ErrorKind::InvalidData, wording::archive::INFLATES_PAST_SIZE));
            }
            // And it must have used every compressed byte: bytes after the end of the stream
            // would be counted as the entry's yet read by no check.
            if decoder.total_in() != p.packed() {
                return Err(io::Error::new(io::ErrorKind::InvalidData, wording::archive::INFLATE_LEAVES_BYTES));
            }
        } else {
            let mut d = self.decoders.lock().unwrap_or_else(|e| e.into_inner());
            if d.len() >= DECODERS_KEPT {
                d.remove(0);
            }
            d.push(Inflating { piece: i, reached, decoder });
        }
        Ok(())
    }
}

impl<S: Source + ?Sized> Source for RepackedSource<'_, S> {
    fn len(&self) -> u64 {
        self.layout.len
    }
    fn read_exact_at(&self, buf: &mut [u8], offset: u64) -> io::Result<()> {
        match &self.entries {
            Some(entries) => {
                let start = |i: usize| entries.get(i).map(|e| e.data_offset);
                read_pieces(entries.len(), start, self.layout.len, buf, offset, |i, at, part| {
                    self.read_piece(i, at, part)
                })
            }
            None => self.layout.read(buf, offset, |i, at, part| self.read_piece(i, at, part)),
        }
    }
}

/// A deflated entry being read: which piece, how far, and its decoder.
struct Inflating<'s, S: Source + ?Sized> {
    piece: usize,
    reached: u64,
    decoder: flate2::read::DeflateDecoder<Range<'s, S>>,
}

/// A range of the ZIP file as a reader: a deflated entry's packed bytes.
struct Range<'s, S: Source + ?Sized> {
    zip: &'s S,
    at: u64,
    end: u64,
}

impl<S: Source + ?Sized> Read for Range<'_, S> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = (self.end - self.at).min(buf.len() as u64).min(1 << 16) as usize;
        self.zip.read_exact_at(&mut buf[..n], self.at)?;
        self.at += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A read that spans pieces takes each part from its own piece; empty pieces are skipped.
    #[test]
    fn reads_span_pieces_and_skip_empty_ones() {
        let mut l = Layout::default();
        for n in [3u64, 0, 0, 2, 4] {
            l.push(n);
        }
        let data: [&[u8]; 5] = [b"abc", b"", b"", b"de", b"fghi"];
        let mut buf = [0u8; 9];
        l.read(&mut buf, 0, |i, at, part| {
            part.copy_from_slice(&data[i][at as usize..at as usize + part.len()]);
            Ok(())
        })
        .unwrap();
        assert_eq!(&buf, b"abcdefghi");
        let mut buf = [0u8; 3];
        l.read(&mut buf, 2, |i, at, part| {
            part.copy_from_slice(&data[i][at as usize..at as usize + part.len()]);
            Ok(())
        })
        .unwrap();
        assert_eq!(&buf, b"cde");
        assert!(l.read(&mut [0u8; 2], 8, |_, _, _| Ok(())).is_err(), "past the end");
    }

    /// The entries `(name, size)` at the offsets given, frozen and shared.
    fn entries(files: &[(&str, u64, u64)]) -> Arc<Entries> {
        let mut list = Entries::default();
        for &(name, size, at) in files {
            list.push(super::super::Entry { name, size, crc32: 0, header_offset: at, data_offset: at }).unwrap();
        }
        list.freeze();
        Arc::new(list)
    }

    /// Sources whose pieces are the entries (issue #13.4) take them only when each entry's
    /// data offset is the sizes before it end to end (as the reader gave them), and then read
    /// each piece at its entry's offset, empty ones included.
    #[test]
    fn sources_share_only_entries_that_are_their_pieces() {
        let files = [("a", 3, 0), ("b", 0, 3), ("c", 2, 3), ("d", 4, 5)];
        let dir = DirSource::over(PathBuf::from("/nonexistent"), String::new(), entries(&files), 0).unwrap();
        assert_eq!(dir.len(), 9);
        assert_eq!(dir.path(2), "c");
        for bad in
            [[("a", 3, 0), ("b", 0, 3), ("c", 2, 4), ("d", 4, 6)], [("a", 3, 0), ("b", 0, 3), ("c", 2, 3), ("d", 4, 4)]]
        {
            assert!(DirSource::over(PathBuf::from("/"), String::new(), entries(&bad), 0).is_none(), "{bad:?}");
        }
        assert!(DirSource::over(PathBuf::from("/"), String::new(), entries(&files), 2).is_none(), "names shorter");
        // Sizes past what an offset holds (sparse files; the walk refuses them first).
        let past = [("a", u64::MAX, 0), ("b", 1, u64::MAX)];
        assert!(DirSource::over(PathBuf::from("/"), String::new(), entries(&past), 0).is_none());
        let zip: &[u8] = b"abcdefghi";
        let placed = |zip: &'static [u8]| {
            let mut source = RepackedSource::new(zip, 4);
            for &(_, size, at) in &files {
                assert_eq!(source.push(Packed::new(at, size, false), size), at);
            }
            source
        };
        let shared = placed(b"abcdefghi").share(entries(&files)).expect("the entries are its pieces");
        let mut buf = [0u8; 9];
        shared.read_exact_at(&mut buf, 0).unwrap();
        assert_eq!(&buf, zip);
        let mut part = [0u8; 3];
        shared.read_exact_at(&mut part, 2).unwrap();
        assert_eq!(&part, b"cde");
        assert!(shared.read_exact_at(&mut [0u8; 2], 8).is_err(), "past the end");
        let moved = [("a", 3, 0), ("b", 0, 3), ("c", 2, 3), ("d", 4, 6)];
        assert!(placed(b"abcdefghi").share(entries(&moved)).is_none(), "an offset not the piece's");
        assert!(placed(b"abcdefghi").share(entries(&files[..3])).is_none(), "fewer entries than pieces");
    }

    /// A re-zipped entry's place keeps its size and method apart in 16 bytes, at every size
    /// an entry can have (below 2^63: it lies before the central directory).
    #[test]
    fn a_packed_place_keeps_its_size_and_method() {
        assert_eq!(std::mem::size_of::<Packed>(), 16);
        for (at, size) in [(0, 0), (30, 1), (u64::MAX - 1, DEFLATED - 1), (7, u64::from(u32::MAX) + 1)] {
            for deflated in [false, true] {
                let p = Packed::new(at, size, deflated);
                assert_eq!((p.at, p.packed(), p.deflated()), (at, size, deflated));
            }
        }
    }
}
