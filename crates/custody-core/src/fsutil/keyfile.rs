//! Key files on disk: a private key loaded only if other users cannot read it (and decrypted
//! if it is protected), a public key file loaded, a new key pair written.

use std::fs;
use std::path::{Path, PathBuf};

use super::atomic::write_new_file;
use super::read_limited;
use crate::Error;
use crate::keys::{KeyPair, PublicKeyFile};
use crate::layout::MAX_KEY_FILE;

fn read_key_text(path: &Path) -> Result<String, Error> {
    let bytes = read_limited(path, MAX_KEY_FILE)?;
    String::from_utf8(bytes).map_err(|_| Error::BadInput {
        field: "key",
        why: format!("{}: not a text key file", path.display()),
        remedy: None,
    })
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
