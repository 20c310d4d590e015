//! Files on disk: outputs that appear atomically and durably, bounded reads, key files.
//!
//! Every file custody creates is written beside its destination under a temporary name,
//! flushed to disk, renamed into place, and the directory flushed too, so that a crash or a
//! kill leaves either nothing or the complete file under the final name, never half of one.

use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::Error;
use crate::keys::{KeyPair, MAX_KEY_FILE, PublicKeyFile};

/// Suffix of every temporary file custody writes: leftovers are recognisable.
pub const TEMP_SUFFIX: &str = ".custody-tmp";

/// The directory a path lives in (`.` for a bare file name).
pub fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A temporary file beside `dest`, named `.<dest name>.<random>.custody-tmp`, removed when
/// dropped unless it is persisted.
pub fn temp_beside(dest: &Path) -> Result<tempfile::NamedTempFile, Error> {
    let dir = parent_dir(dest);
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    tempfile::Builder::new().prefix(&format!(".{name}.")).suffix(TEMP_SUFFIX).tempfile_in(&dir).map_err(Error::io(dir))
}

/// Flushes a directory's entries to disk (after a rename into it).
pub fn sync_dir(dir: &Path) -> Result<(), Error> {
    #[cfg(unix)]
    File::open(dir).and_then(|d| d.sync_all()).map_err(Error::io(dir))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// A file being written whose data is flushed to disk in the background as it grows.
///
/// The kernel starts writing dirty pages back only once a tenth or so of memory is dirty,
/// and then throttles the writer: a large output written at full speed and synced at the
/// end leaves the disk idle at first and makes the final `fsync` long. Here a second thread
/// calls `fdatasync` every [`WriteBehind::EVERY`] bytes, so the disk works while we compute
/// and little is left for the final sync. Requests are coalesced: the writer never waits for
/// the disk unless the kernel throttles it.
pub struct WriteBehind {
    file: File,
    unsynced: u64,
    every: u64,
    request: Option<std::sync::mpsc::SyncSender<()>>,
    worker: Option<std::thread::JoinHandle<std::io::Result<()>>>,
}

impl WriteBehind {
    /// Bytes written between two background flushes.
    pub const EVERY: u64 = 32 << 20;

    /// Wraps `file`, flushing it in the background every [`Self::EVERY`] bytes.
    pub fn new(file: File) -> std::io::Result<Self> {
        Self::with_interval(file, Self::EVERY)
    }

    /// Wraps a file that will receive about `expected` bytes: below a few flush intervals
    /// no thread is started and writes go straight to the file.
    pub fn for_size(file: File, expected: u64) -> std::io::Result<Self> {
        if expected < 4 * Self::EVERY {
            return Ok(WriteBehind { file, unsynced: 0, every: u64::MAX, request: None, worker: None });
        }
        Self::new(file)
    }

    /// Wraps `file`, flushing it in the background every `every` bytes.
    pub fn with_interval(file: File, every: u64) -> std::io::Result<Self> {
        let clone = file.try_clone()?;
        let (request, requests) = std::sync::mpsc::sync_channel::<()>(1);
        let worker = std::thread::Builder::new().name("write-behind".into()).spawn(move || {
            for () in requests {
                clone.sync_data()?;
            }
            Ok(())
        })?;
        Ok(WriteBehind { file, unsynced: 0, every: every.max(1), request: Some(request), worker: Some(worker) })
    }

    /// Stops the background flushing and reports its first error (a failed background
    /// flush is a failed write: the kernel may not report it again to the final `fsync`).
    pub fn finish(mut self) -> std::io::Result<File> {
        self.stop()?;
        let file = self.file.try_clone()?;
        Ok(file)
    }

    fn stop(&mut self) -> std::io::Result<()> {
        self.request = None;
        match self.worker.take().map(|w| w.join()) {
            None | Some(Ok(Ok(()))) => Ok(()),
            Some(Ok(Err(e))) => Err(e),
            Some(Err(_)) => Err(std::io::Error::other("the background flushing thread failed")),
        }
    }
}

impl Drop for WriteBehind {
    fn drop(&mut self) {
        let _ = self.stop();
    }
}

impl Write for WriteBehind {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf)?;
        self.unsynced += n as u64;
        if self.unsynced >= self.every
            && let Some(r) = &self.request
        {
            match r.try_send(()) {
                Ok(()) => self.unsynced = 0,
                // A flush is still queued: it will cover these bytes too.
                Err(std::sync::mpsc::TrySendError::Full(())) => {}
                Err(std::sync::mpsc::TrySendError::Disconnected(())) => {
                    // The worker stopped on an error; surface it now.
                    return Err(self
                        .stop()
                        .err()
                        .unwrap_or_else(|| std::io::Error::other("background flushing stopped")));
                }
            }
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

impl std::io::Seek for WriteBehind {
    fn seek(&mut self, pos: std::io::SeekFrom) -> std::io::Result<u64> {
        self.file.seek(pos)
    }
}

/// Syncs a finished temporary file and renames it to `dest`. With `overwrite` false, an
/// existing `dest` is never replaced, even if it appeared while we were writing.
pub fn persist(tmp: tempfile::NamedTempFile, dest: &Path, overwrite: bool) -> Result<(), Error> {
    tmp.as_file().sync_all().map_err(Error::io(tmp.path()))?;
    let result = if overwrite { tmp.persist(dest) } else { tmp.persist_noclobber(dest) };
    result.map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Exists { path: dest.into(), hint: "it appeared while custody was writing; nothing was changed" }
        } else {
            Error::Io { path: dest.into(), source: e.error }
        }
    })?;
    sync_dir(&parent_dir(dest))
}

/// Writes a small file atomically, with `mode` on Unix, refusing to replace an existing one.
pub fn write_new_file(dest: &Path, bytes: &[u8], mode: u32) -> Result<(), Error> {
    if dest.symlink_metadata().is_ok() {
        return Err(Error::Exists { path: dest.into(), hint: "custody never overwrites a key; choose another name" });
    }
    let mut tmp = temp_beside(dest)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(tmp.path(), fs::Permissions::from_mode(mode)).map_err(Error::io(tmp.path()))?;
    }
    #[cfg(not(unix))]
    let _ = mode;
    tmp.write_all(bytes).map_err(Error::io(tmp.path()))?;
    persist(tmp, dest, false)
}

/// Writes a small file atomically (temporary file, fsync, rename); with `overwrite` false an
/// existing file is never replaced.
pub fn write_atomic(dest: &Path, bytes: &[u8], overwrite: bool) -> Result<(), Error> {
    let mut tmp = temp_beside(dest)?;
    tmp.write_all(bytes).map_err(Error::io(tmp.path()))?;
    persist(tmp, dest, overwrite)
}

/// Reads a whole file of at most `limit` bytes.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, Error> {
    let f = File::open(path).map_err(Error::io(path))?;
    let mut buf = Vec::new();
    f.take(limit + 1).read_to_end(&mut buf).map_err(Error::io(path))?;
    if buf.len() as u64 > limit {
        return Err(Error::Input(format!("{}: larger than {limit} bytes; this is not a key file", path.display())));
    }
    Ok(buf)
}

fn read_key_text(path: &Path) -> Result<String, Error> {
    let bytes = read_limited(path, MAX_KEY_FILE)?;
    String::from_utf8(bytes).map_err(|_| Error::Input(format!("{}: not a text key file", path.display())))
}

/// Loads an unencrypted private key, refusing one that other users can read.
pub fn load_keypair(path: &Path) -> Result<KeyPair, Error> {
    load_keypair_with(path, &mut || Err(Error::Key { path: path.into(), source: crate::keys::KeyError::Encrypted }))
}

/// Loads a private key, asking `passphrase` for the passphrase only if the key is encrypted.
pub fn load_keypair_with(
    path: &Path,
    passphrase: &mut dyn FnMut() -> Result<zeroize::Zeroizing<String>, Error>,
) -> Result<KeyPair, Error> {
    let mut text = read_key_text(path)?;
    let pass = if KeyPair::needs_passphrase(&text) { Some(passphrase()?) } else { None };
    let result = KeyPair::from_file_text_with(&text, pass.as_ref().map(|p| p.as_bytes()))
        .map_err(|source| Error::Key { path: path.into(), source });
    // Do not leave the key's PEM text lying in freed memory.
    zeroize::Zeroize::zeroize(&mut text);
    let kp = result?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path).map_err(Error::io(path))?.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(Error::KeyPermissions { path: path.into(), mode });
        }
    }
    Ok(kp)
}

/// Loads a public key file.
pub fn load_public_key(path: &Path) -> Result<PublicKeyFile, Error> {
    let text = read_key_text(path)?;
    PublicKeyFile::from_file_text(&text).map_err(|source| Error::Key { path: path.into(), source })
}

/// Writes a new key pair to `path` (private, mode 0600; encrypted if a passphrase is given)
/// and `path.pub` (public, 0644). Neither file may exist already.
pub fn write_keypair(kp: &KeyPair, path: &Path, passphrase: Option<&str>) -> Result<PathBuf, Error> {
    let pub_path = PathBuf::from(format!("{}.pub", path.display()));
    for p in [path, pub_path.as_path()] {
        if p.symlink_metadata().is_ok() {
            return Err(Error::Exists { path: p.into(), hint: "custody never overwrites a key; choose another name" });
        }
    }
    let private = match passphrase {
        Some(p) => {
            kp.encrypted_private_key_file(p.as_bytes()).map_err(|source| Error::Key { path: path.into(), source })?
        }
        None => kp.private_key_file(),
    };
    let private = zeroize::Zeroizing::new(private);
    write_new_file(path, private.as_bytes(), 0o600)?;
    write_new_file(&pub_path, kp.public_key_file().as_bytes(), 0o644)?;
    Ok(pub_path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Seek, SeekFrom};

    #[test]
    fn write_behind_writes_exactly_what_it_is_given() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out");
        let file = File::create(&path).unwrap();
        // A tiny interval: many background flushes race with the writes and the seek.
        let mut w = WriteBehind::with_interval(file, 4096).unwrap();
        let mut expected = Vec::new();
        for i in 0..2000u32 {
            let chunk = vec![(i % 251) as u8; 1000 + (i as usize % 7)];
            w.write_all(&chunk).unwrap();
            expected.extend_from_slice(&chunk);
        }
        w.seek(SeekFrom::Start(10)).unwrap();
        w.write_all(b"patched").unwrap();
        expected[10..17].copy_from_slice(b"patched");
        w.seek(SeekFrom::End(0)).unwrap();
        w.write_all(b"end").unwrap();
        expected.extend_from_slice(b"end");
        let file = w.finish().unwrap();
        file.sync_all().unwrap();
        assert_eq!(fs::read(&path).unwrap(), expected);
    }

    #[test]
    fn write_behind_starts_no_thread_for_small_outputs() {
        let dir = tempfile::tempdir().unwrap();
        let file = File::create(dir.path().join("small")).unwrap();
        let w = WriteBehind::for_size(file, 1 << 20).unwrap();
        assert!(w.worker.is_none());
        let file = File::create(dir.path().join("large")).unwrap();
        let w = WriteBehind::for_size(file, 1 << 40).unwrap();
        assert!(w.worker.is_some());
    }
}
