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
