//! An encrypted bundle read as an archive [`Source`]: decrypted as it is read, at any offset
//! (age's stream reader seeks by 64 KiB chunk), with no plaintext on disk and at most
//! [`CACHED_CHUNKS`] decrypted chunks in memory (4 MiB), kept least recently used first out:
//! the verifier's reads jump between the central directory, local headers and contents, and
//! each jump would otherwise decrypt a whole chunk again.

use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use age::stream::StreamReader;

use super::{EnvelopeError, Identities, open_stream, stream_error};
use crate::archive::Source;

/// An age file opened with an identity, read as the plaintext bundle it holds. Every byte
/// read is authenticated first; a chunk that fails is an error of that read, and the first
/// such failure is kept ([`DecryptedSource::damage`]) so that the caller reports the file as
/// damaged instead of whatever the reader made of the missing bytes.
pub struct DecryptedSource {
    inner: Mutex<Inner>,
    len: u64,
    damage: Damage,
    decrypted: AtomicU64,
}

/// The plaintext bytes of one age chunk.
const CHUNK: u64 = 64 << 10;

/// The most decrypted chunks kept in memory.
pub const CACHED_CHUNKS: usize = 64;

/// The first authentication failure met by a [`DecryptedSource`], shared: kept by the caller
/// after the source is handed to the archive reader.
#[derive(Clone, Default)]
pub struct Damage(Arc<Mutex<Option<String>>>);

impl Damage {
    /// The failure, if a read met one: the file is damaged.
    pub fn get(&self) -> Option<EnvelopeError> {
        self.0.lock().ok().and_then(|d| d.clone()).map(EnvelopeError::Damaged)
    }
}

struct Inner {
    reader: StreamReader<BufReader<File>>,
    /// Decrypted chunks by index, most recently used last.
    cache: Vec<(u64, Arc<[u8]>)>,
}

impl DecryptedSource {
    /// Opens `file` with `identities`: the header is checked, the file key unwrapped and the
    /// last chunk authenticated (which fixes the plaintext length: a truncated file is refused
    /// here).
    pub fn open(file: File, identities: &Identities) -> Result<Self, EnvelopeError> {
        let mut reader = open_stream(identities, file)?;
        let len = reader.seek(SeekFrom::End(0)).map_err(stream_error)?;
        reader.seek(SeekFrom::Start(0)).map_err(stream_error)?;
        Ok(DecryptedSource {
            inner: Mutex::new(Inner { reader, cache: Vec::with_capacity(CACHED_CHUNKS) }),
            len,
            damage: Damage::default(),
            decrypted: AtomicU64::new(0),
        })
    }

    /// How many chunks were decrypted so far (a chunk read again after it left the cache
    /// counts again): the cost of the reads made.
    pub fn chunks_decrypted(&self) -> u64 {
        self.decrypted.load(Ordering::Relaxed)
    }

    /// Chunk `index`, from the cache or decrypted (and cached).
    fn chunk(&self, inner: &mut Inner, index: u64) -> io::Result<Arc<[u8]>> {
        if let Some(at) = inner.cache.iter().position(|(i, _)| *i == index) {
            let hit = inner.cache.remove(at);
            let data = hit.1.clone();
            inner.cache.push(hit);
            return Ok(data);
        }
        let start = index * CHUNK;
        let size = CHUNK.min(self.len.saturating_sub(start));
        let mut data = vec![0u8; size as usize];
        inner.reader.seek(SeekFrom::Start(start))?;
        inner.reader.read_exact(&mut data)?;
        self.decrypted.fetch_add(1, Ordering::Relaxed);
        let data: Arc<[u8]> = data.into();
        if inner.cache.len() >= CACHED_CHUNKS {
            inner.cache.remove(0);
        }
        inner.cache.push((index, data.clone()));
        Ok(data)
    }

    /// The first authentication failure met while reading, if any: the file is damaged.
    pub fn damage(&self) -> Option<EnvelopeError> {
        self.damage.get()
    }

    /// A handle on the damage record that outlives the source.
    pub fn damage_handle(&self) -> Damage {
        self.damage.clone()
    }

    fn note(&self, e: &io::Error) {
        if matches!(e.kind(), io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof)
            && let Ok(mut d) = self.damage.0.lock()
            && d.is_none()
        {
            *d = Some(e.to_string());
        }
    }
}

impl Source for DecryptedSource {
    fn len(&self) -> u64 {
        self.len
    }

    fn read_exact_at(&self, buf: &mut [u8], offset: u64) -> io::Result<()> {
        let end = offset.checked_add(buf.len() as u64).filter(|&e| e <= self.len);
        if end.is_none() {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        let mut inner = self.inner.lock().map_err(|_| io::Error::other("a reader thread panicked"))?;
        let mut done = 0usize;
        while done < buf.len() {
            let at = offset + done as u64;
            let data = match self.chunk(&mut inner, at / CHUNK) {
                Ok(d) => d,
                Err(e) => {
                    self.note(&e);
                    return Err(e);
                }
            };
            let from = (at % CHUNK) as usize;
            let n = (buf.len() - done).min(data.len().saturating_sub(from));
            if n == 0 {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            buf[done..done + n].copy_from_slice(&data[from..from + n]);
            done += n;
        }
        Ok(())
    }
}
