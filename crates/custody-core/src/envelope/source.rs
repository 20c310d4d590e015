//! An encrypted bundle read as an archive [`Source`]: decrypted as it is read, at any offset
//! (age's stream reader seeks by 64 KiB chunk), with no plaintext on disk and one chunk in
//! memory.

use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
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
}

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
    /// The plaintext position the reader is at.
    at: u64,
}

impl DecryptedSource {
    /// Opens `file` with `identities`: the header is checked, the file key unwrapped and the
    /// last chunk authenticated (which fixes the plaintext length: a truncated file is refused
    /// here).
    pub fn open(file: File, identities: &Identities) -> Result<Self, EnvelopeError> {
        let mut reader = open_stream(identities, file)?;
        let len = reader.seek(SeekFrom::End(0)).map_err(stream_error)?;
        reader.seek(SeekFrom::Start(0)).map_err(stream_error)?;
        Ok(DecryptedSource { inner: Mutex::new(Inner { reader, at: 0 }), len, damage: Damage::default() })
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
        let result = (|| {
            if inner.at != offset {
                inner.at = u64::MAX;
                inner.reader.seek(SeekFrom::Start(offset))?;
            }
            inner.reader.read_exact(buf)?;
            inner.at = offset + buf.len() as u64;
            Ok(())
        })();
        if let Err(e) = &result {
            inner.at = u64::MAX;
            self.note(e);
        }
        result
    }
}
