//! What an append adds as one file ([`Content`]): bytes held in memory (the custody
//! documents, all small), or a range of a file on disk (an attached file of any size: a
//! 4 GiB recording of the capture), copied into the archive while it is hashed, never held
//! whole; and the tail file an append writes before it touches the bundle ([`TailFile`]).

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::archive::{FileSource, Source};
use crate::digest::Sha256Digest;

/// The bytes of a file an append (or a statement package) adds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Bytes held in memory.
    Bytes(Vec<u8>),
    /// `size` bytes of the file at `path` from `offset`, streamed. When `sha256` is given,
    /// the bytes copied must have that SHA-256 (the file must not change meanwhile).
    File {
        /// The file.
        path: PathBuf,
        /// Where the bytes start in it.
        offset: u64,
        /// How many bytes.
        size: u64,
        /// The SHA-256 they must have, if known.
        sha256: Option<Sha256Digest>,
    },
}

impl Content {
    /// The whole file at `path`, streamed, of the size it has now (its SHA-256 unknown).
    ///
    /// By its resolved path: [`reader`](Content::reader) never follows a link, so a link the
    /// user names is resolved once, here.
    pub fn whole_file(path: &Path) -> io::Result<Content> {
        let path = std::fs::canonicalize(path)?;
        let size = std::fs::metadata(&path)?.len();
        Ok(Content::File { path, offset: 0, size, sha256: None })
    }

    /// Its size in bytes.
    pub fn len(&self) -> u64 {
        match self {
            Content::Bytes(b) => b.len() as u64,
            Content::File { size, .. } => *size,
        }
    }

    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A reader of exactly its bytes (a file range: opened, positioned, limited). A file is
    /// opened as `fsutil::open_regular` does: never through a link, without blocking, a regular
    /// file only; a link, a FIFO or a device put at its path after it was hashed is refused,
    /// never followed or waited on (the bundle's lock may be held).
    pub fn reader(&self) -> io::Result<Box<dyn Read + Send + '_>> {
        match self {
            Content::Bytes(b) => Ok(Box::new(b.as_slice())),
            Content::File { path, offset, size, .. } => {
                let not_regular =
                    || io::Error::new(io::ErrorKind::InvalidInput, crate::wording::archive::STREAMED_NOT_REGULAR);
                let mut f = crate::fsutil::open_regular(path)?.ok_or_else(not_regular)?;
                f.seek(SeekFrom::Start(*offset))?;
                Ok(Box::new(f.take(*size)))
            }
        }
    }

    /// Its SHA-256, computed as a stream (in memory for bytes), and the number of bytes read:
    /// fewer than [`len`](Content::len) if the file was cut short.
    pub fn digest(&self) -> io::Result<(Sha256Digest, u64)> {
        let mut r = self.reader()?;
        let mut sha = Sha256::new();
        let mut buf = vec![0u8; 1 << 16];
        let mut total = 0u64;
        loop {
            let n = match r.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            sha.update(&buf[..n]);
            total += n as u64;
        }
        Ok((Sha256Digest(sha.finalize().into()), total))
    }
}

/// Where an append writes the new tail of a bundle before it touches the bundle: in memory
/// when every new file is held, else a temporary file beside the bundle (an attached file of
/// any size streamed into it). Positions given to it are the bundle's (from `base`, the cut),
/// so an [`ArchiveWriter`] resumed at the cut writes into it as if into the bundle.
///
/// [`ArchiveWriter`]: crate::archive::ArchiveWriter
pub(crate) struct Tail {
    sink: Sink,
    base: u64,
}

enum Sink {
    Held(io::Cursor<Vec<u8>>),
    File(io::BufWriter<File>),
}

/// The new tail, written: its bytes, or the temporary file that holds them.
pub(crate) enum NewTail {
    Held(Vec<u8>),
    File(File),
}

impl Tail {
    /// A tail held in memory, from the bundle's offset `base`.
    pub(crate) fn held(base: u64) -> Self {
        Tail { sink: Sink::Held(io::Cursor::new(Vec::new())), base }
    }

    /// A tail written to `file` (empty), from the bundle's offset `base`.
    pub(crate) fn in_file(file: File, base: u64) -> Self {
        Tail { sink: Sink::File(io::BufWriter::with_capacity(1 << 16, file)), base }
    }

    /// The tail as written (a file flushed to disk).
    pub(crate) fn finish(self) -> io::Result<NewTail> {
        match self.sink {
            Sink::Held(c) => Ok(NewTail::Held(c.into_inner())),
            Sink::File(w) => {
                let f = w.into_inner().map_err(|e| e.into_error())?;
                f.sync_all()?;
                Ok(NewTail::File(f))
            }
        }
    }
}

impl Write for Tail {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.sink {
            Sink::Held(c) => c.write(buf),
            Sink::File(f) => f.write(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match &mut self.sink {
            Sink::Held(c) => c.flush(),
            Sink::File(f) => f.flush(),
        }
    }
}

impl Seek for Tail {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        let to = match pos {
            SeekFrom::Start(p) => SeekFrom::Start(p.checked_sub(self.base).ok_or_else(|| {
                io::Error::new(io::ErrorKind::InvalidInput, "a position before the tail of the bundle")
            })?),
            other => other,
        };
        let at = match &mut self.sink {
            Sink::Held(c) => c.seek(to)?,
            Sink::File(f) => f.seek(to)?,
        };
        Ok(at + self.base)
    }
}

impl NewTail {
    /// Its length in bytes.
    pub(crate) fn len(&self) -> io::Result<u64> {
        match self {
            NewTail::Held(b) => Ok(b.len() as u64),
            NewTail::File(f) => Ok(f.metadata()?.len()),
        }
    }

    /// Its SHA-256 (a file read as a stream).
    pub(crate) fn sha256(&self) -> io::Result<[u8; 32]> {
        match self {
            NewTail::Held(b) => Ok(Sha256::digest(b).into()),
            NewTail::File(f) => super::journal::sha256_range(f, 0, self.len()?),
        }
    }

    /// Writes its first `len` bytes into `bundle` at `at` (a file 64 KiB at a time).
    pub(crate) fn write_into(&self, len: u64, bundle: &File, at: u64) -> io::Result<()> {
        match self {
            NewTail::Held(b) => super::journal::write_at(bundle, &b[..(len as usize).min(b.len())], at),
            NewTail::File(f) => {
                let src = FileSource::new(f.try_clone()?)?;
                let mut buf = vec![0u8; 1 << 16];
                let mut done = 0u64;
                while done < len {
                    let n = buf.len().min((len - done) as usize);
                    src.read_exact_at(&mut buf[..n], done)?;
                    super::journal::write_at(bundle, &buf[..n], at + done)?;
                    done += n as u64;
                }
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_range_is_read_and_hashed_as_a_stream() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, b"0123456789").unwrap();
        let c = Content::File { path: path.clone(), offset: 2, size: 5, sha256: None };
        assert_eq!(c.len(), 5);
        assert_eq!(c.digest().unwrap(), (Sha256Digest::of(b"23456"), 5));
        // A file cut short reads fewer bytes than its size says.
        let short = Content::File { path, offset: 8, size: 5, sha256: None };
        assert_eq!(short.digest().unwrap().1, 2);
        assert_eq!(Content::Bytes(b"ab".to_vec()).digest().unwrap(), (Sha256Digest::of(b"ab"), 2));
    }

    /// A FIFO put at a streamed file's path (after it was hashed) is refused at once, never
    /// waited on: a blocking open would hang the command while it holds the bundle's lock.
    #[cfg(unix)]
    #[test]
    fn a_fifo_in_place_of_a_streamed_file_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fifo");
        assert!(std::process::Command::new("mkfifo").arg(&path).status().unwrap().success());
        let c = Content::File { path, offset: 0, size: 5, sha256: None };
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(c.reader().map(|_| ()).map_err(|e| e.to_string()));
        });
        let got = rx.recv_timeout(std::time::Duration::from_secs(10)).expect("the open blocked on the FIFO");
        assert_eq!(got, Err(crate::wording::archive::STREAMED_NOT_REGULAR.to_string()));
    }

    /// A link put at a streamed file's path after it was hashed is never followed; a link the
    /// user names is resolved once, by [`Content::whole_file`].
    #[cfg(unix)]
    #[test]
    fn a_link_in_place_of_a_streamed_file_is_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let (real, link) = (dir.path().join("real"), dir.path().join("link"));
        std::fs::write(&real, b"0123456789").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let named = Content::whole_file(&link).unwrap();
        assert_eq!(named.digest().unwrap(), (Sha256Digest::of(b"0123456789"), 10));
        let swapped = Content::File { path: link, offset: 0, size: 10, sha256: None };
        let e = swapped.reader().map(|_| ()).unwrap_err();
        assert_eq!(e.to_string(), crate::wording::archive::STREAMED_NOT_REGULAR);
    }
}
