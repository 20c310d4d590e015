//! Sources made of pieces: the bytes of every entry end to end, each piece read from where
//! it really is. [`DirSource`] reads the files of an unzipped bundle (a directory);
//! [`RepackedSource`] reads the entries of a re-zipped bundle, stored or deflated. Either is
//! the [`Source`] of an [`Archive`](super::Archive) whose entries lie at their pieces' offsets,
//! so every check of a bundle's content runs over them unchanged (spec §9.6).

use std::io::{self, Read};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use super::Source;
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
        mut buf: &mut [u8],
        mut offset: u64,
        mut read: impl FnMut(usize, u64, &mut [u8]) -> io::Result<()>,
    ) -> io::Result<()> {
        if offset.checked_add(buf.len() as u64).is_none_or(|end| end > self.len) {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        while !buf.is_empty() {
            // The last piece starting at or before `offset` (empty pieces share a start).
            let i = self.starts.partition_point(|&s| s <= offset).saturating_sub(1);
            let at = offset - self.starts.get(i).copied().unwrap_or(0);
            let n = (self.piece_len(i) - at).min(buf.len() as u64) as usize;
            if n == 0 {
                // Only an empty piece can give nothing, and `partition_point` never picks one
                // before a non-empty piece at the same start.
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            let (part, rest) = std::mem::take(&mut buf).split_at_mut(n);
            read(i, at, part)?;
            buf = rest;
            offset += n as u64;
        }
        Ok(())
    }
}

/// The files of an unzipped bundle, end to end ([`super::open_dir`]): each read opens its
/// file again, never following a symbolic link, and refuses a file that is no longer a
/// regular file of the size it had when the directory was walked.
pub struct DirSource {
    dir: PathBuf,
    /// The path from `dir` to the folder the files' paths start from: empty, or the bundle's
    /// folder and `/` when `dir` holds it (walked like the rest, never followed as a link).
    lead: String,
    layout: Layout,
    /// The names each file's path is in (the archive's entry names, shared, not copied).
    names: Arc<String>,
    /// Where each file's path from `dir` and `lead` is in `names`: start and length, as the
    /// entries' places ([`super::Entries`]' `Slot`: 8 bytes a file, not 16).
    spans: Vec<(u32, u32)>,
}

impl DirSource {
    /// The files under `lead` in the directory `dir`, with room for `n` of them, whose paths
    /// are in `names`.
    pub(super) fn over(dir: PathBuf, lead: String, names: Arc<String>, n: usize) -> Self {
        DirSource { dir, lead, layout: Layout::with_capacity(n), names, spans: Vec::with_capacity(n) }
    }

    /// Adds the file whose path from the directory and lead is `names[at..at + len]`, of
    /// `size` bytes; returns its offset.
    pub(super) fn push(&mut self, at: u32, len: u32, size: u64) -> u64 {
        self.spans.push((at, len));
        self.layout.push(size)
    }

    fn path(&self, i: usize) -> &str {
        self.spans.get(i).and_then(|&(at, n)| self.names.get(at as usize..at as usize + n as usize)).unwrap_or_default()
    }

    fn read_file(&self, i: usize, at: u64, buf: &mut [u8]) -> io::Result<()> {
        let rel = self.path(i);
        let file = open_beneath(&self.dir, &self.lead, rel)?;
        let meta = file.metadata()?;
        if !meta.is_file() || meta.len() != self.layout.piece_len(i) {
            return Err(io::Error::other(wording::archive::file_changed(&format!("{}{rel}", self.lead))));
        }
        read_exact_at(&file, buf, at)
    }
}

impl Source for DirSource {
    fn len(&self) -> u64 {
        self.layout.len
    }
    fn read_exact_at(&self, buf: &mut [u8], offset: u64) -> io::Result<()> {
        self.layout.read(buf, offset, |i, at, part| self.read_file(i, at, part))
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
pub struct RepackedSource<'s, S: Source + ?Sized> {
    zip: &'s S,
    layout: Layout,
    packed: Vec<Packed>,
    /// Decoders in progress.
    decoders: Mutex<Vec<Inflating<'s, S>>>,
}

impl<'s, S: Source + ?Sized> RepackedSource<'s, S> {
    /// A source over `zip` with room for exactly `n` entries.
    pub(super) fn new(zip: &'s S, n: usize) -> Self {
        RepackedSource {
            zip,
            layout: Layout::with_capacity(n),
            packed: Vec::with_capacity(n),
            decoders: Mutex::new(Vec::new()),
        }
    }

    /// Adds an entry of `size` bytes stored as `p`; returns its offset.
    pub(super) fn push(&mut self, p: Packed, size: u64) -> u64 {
        self.packed.push(p);
        self.layout.push(size)
    }

    fn read_piece(&self, i: usize, at: u64, buf: &mut [u8]) -> io::Result<()> {
        let p = self.packed.get(i).copied().ok_or(io::ErrorKind::UnexpectedEof)?;
        if !p.deflated() {
            return self.zip.read_exact_at(buf, p.at + at);
        }
        let size = self.layout.piece_len(i);
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
        self.layout.read(buf, offset, |i, at, part| self.read_piece(i, at, part))
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
