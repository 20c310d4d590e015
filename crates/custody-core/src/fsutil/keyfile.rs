//! Key files on disk: a private key loaded only if other users cannot read it (and decrypted
//! if it is protected), or the key a location file names opened on its token or agent; a
//! public key file loaded; a new key pair written.

use std::fs;
use std::path::{Path, PathBuf};

use super::atomic::write_new_file;
use super::read_limited;
use crate::Error;
use crate::keys::{KeyError, KeyLocationFile, KeyPair, PublicKeyFile, Signer, TokenKey, TokenUri};
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

/// A secret custody asks for while loading a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Secret<'a> {
    /// The passphrase of an encrypted key file.
    Passphrase,
    /// The user PIN of the PKCS#11 token with this label.
    Pin {
        /// The token's label.
        token: &'a str,
    },
}

/// Loads a private key, asking `passphrase` for the passphrase only if the key is encrypted.
pub fn load_keypair_with(
    path: &Path,
    passphrase: &mut dyn FnMut() -> Result<zeroize::Zeroizing<String>, Error>,
) -> Result<KeyPair, Error> {
    load_keypair_asking(path, &mut |secret| match secret {
        Secret::Passphrase => passphrase(),
        Secret::Pin { .. } => Err(Error::Key {
            path: path.into(),
            source: KeyError::BadLocation { location: "pkcs11:".into(), why: "no way to ask for the PIN".into() },
        }),
    })
}

/// Loads a signing key: a private key file (asking `ask` for its passphrase only if it is
/// encrypted), or a location file whose key is opened on its token (asking for the PIN
/// unless the URI gives `pin-source` or `pin-value`) or in the SSH agent.
pub fn load_keypair_asking(
    path: &Path,
    ask: &mut dyn FnMut(Secret<'_>) -> Result<zeroize::Zeroizing<String>, Error>,
) -> Result<KeyPair, Error> {
    let mut text = read_key_text(path)?;
    let key_error = |source| Error::Key { path: path.into(), source };
    if let Some(located) = KeyLocationFile::from_file_text(&text).map_err(key_error)? {
        check_private_mode(path)?;
        let signer = open_device(&located.location, ask).map_err(|e| with_path(e, path))?;
        if signer.0 != located.public {
            return Err(key_error(KeyError::FingerprintMismatch {
                claimed: located.public.fingerprint().to_string(),
                actual: signer.0.fingerprint().to_string(),
            }));
        }
        return Ok(KeyPair::elsewhere(located.identity, located.public, located.location, signer.1));
    }
    let pass = if KeyPair::needs_passphrase(&text) { Some(ask(Secret::Passphrase)?) } else { None };
    let result = KeyPair::from_file_text_with(&text, pass.as_ref().map(|p| p.as_bytes())).map_err(key_error);
    // Do not leave the key's PEM text lying in freed memory.
    zeroize::Zeroize::zeroize(&mut text);
    let kp = result?;
    check_private_mode(path)?;
    Ok(kp)
}

/// The first line of a file holding a secret (a passphrase or a PIN), refused like a private
/// key file when other users can read it: the secret unlocks the key, so it needs the key's
/// protection. `field` names where the file was given (an option or a variable).
pub fn read_secret_file(path: &Path, field: &'static str) -> Result<zeroize::Zeroizing<String>, Error> {
    check_private_mode(path)?;
    let bytes = zeroize::Zeroizing::new(read_limited(path, 4096)?);
    let text = std::str::from_utf8(&bytes).map_err(|_| Error::BadInput {
        field,
        why: format!("{} is not UTF-8 text", path.display()),
        remedy: None,
    })?;
    Ok(zeroize::Zeroizing::new(text.lines().next().unwrap_or("").to_owned()))
}

/// A private key file, a location file (which may hold a PIN) or a file holding a passphrase
/// or PIN must not be readable by other users.
fn check_private_mode(path: &Path) -> Result<(), Error> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path).map_err(Error::io(path))?.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(Error::KeyPermissions { path: path.into(), mode });
        }
    }
    Ok(())
}

/// A key error while opening a device, named after the key file that led there.
fn with_path(e: Error, path: &Path) -> Error {
    match e {
        Error::Key { source, .. } => Error::Key { path: path.into(), source },
        other => other,
    }
}

/// The PIN for `uri`: from the URI's pin-value or pin-source, else asked.
fn pin_for(
    uri: &TokenUri,
    ask: &mut dyn FnMut(Secret<'_>) -> Result<zeroize::Zeroizing<String>, Error>,
) -> Result<zeroize::Zeroizing<String>, Error> {
    if let Some(v) = &uri.pin_value {
        return Ok(zeroize::Zeroizing::new(v.clone()));
    }
    if let Some(file) = &uri.pin_source {
        return read_secret_file(file, "pin-source");
    }
    ask(Secret::Pin { token: &uri.token })
}

/// The device a `Key-Location` names, opened, with the public key it holds.
fn open_device(
    location: &str,
    ask: &mut dyn FnMut(Secret<'_>) -> Result<zeroize::Zeroizing<String>, Error>,
) -> Result<(crate::keys::PublicKey, Box<dyn Signer>), Error> {
    let key_error = |source| Error::Key { path: location.into(), source };
    if location.starts_with("pkcs11:") {
        let uri = TokenUri::parse(location, module_from_env()).map_err(key_error)?;
        let pin = pin_for(&uri, ask)?;
        let key = TokenKey::open(&uri, &pin).map_err(key_error)?;
        return Ok((key.public(), Box::new(key)));
    }
    #[cfg(unix)]
    if let Some(fingerprint) = location.strip_prefix("ssh-agent:") {
        let key = crate::keys::AgentKey::open(fingerprint).map_err(key_error)?;
        return Ok((key.public(), Box::new(key)));
    }
    Err(key_error(KeyError::BadLocation {
        location: location.into(),
        why: "custody reaches keys on PKCS#11 tokens (pkcs11:) and in SSH agents (ssh-agent:)".into(),
    }))
}

/// The PKCS#11 module of CUSTODY_PKCS11_MODULE, for URIs without module-path.
fn module_from_env() -> Option<PathBuf> {
    std::env::var_os("CUSTODY_PKCS11_MODULE").filter(|m| !m.is_empty()).map(PathBuf::from)
}

/// A signing key held by the device at `location` for `identity`: on a PKCS#11 token, a new
/// Ed25519 key made there (it never leaves it); in an SSH agent, the key already added to
/// it. [`write_keypair`] then writes its location file and public key file.
pub fn key_elsewhere(
    location: &str,
    identity: crate::Identity,
    ask: &mut dyn FnMut(Secret<'_>) -> Result<zeroize::Zeroizing<String>, Error>,
) -> Result<KeyPair, Error> {
    identity.validate().map_err(|e| Error::Key { path: location.into(), source: KeyError::from(e) })?;
    if location.starts_with("pkcs11:") {
        let uri = TokenUri::parse(location, module_from_env())
            .map_err(|source| Error::Key { path: location.into(), source })?;
        let pin = pin_for(&uri, ask)?;
        TokenKey::generate(&uri, &pin).map_err(|source| Error::Key { path: location.into(), source })?;
    }
    let (public, signer) = open_device(location, ask)?;
    Ok(KeyPair::elsewhere(identity, public, location.to_owned(), signer))
}

/// Loads a public key file.
pub fn load_public_key(path: &Path) -> Result<PublicKeyFile, Error> {
    let text = read_key_text(path)?;
    PublicKeyFile::from_file_text(&text).map_err(|source| Error::Key { path: path.into(), source })
}

/// Writes an encryption identity (issue #18.2) beside a key at `path`: `PATH.age`, a fresh
/// age X25519 identity (owner-only), and `PATH.age-recipient`, its recipient (`age1...`) to
/// publish. The identity is random, never derived from the signing key: a file holding the
/// converted signing key would let whoever reads it sign as the key's holder (key separation,
/// docs/data-protection.md).
pub fn write_age_identity(path: &Path, created: &str) -> Result<(PathBuf, PathBuf, String), Error> {
    let id_path = PathBuf::from(format!("{}.age", path.display()));
    let r_path = PathBuf::from(format!("{}.age-recipient", path.display()));
    for p in [id_path.as_path(), r_path.as_path()] {
        if p.symlink_metadata().is_ok() {
            return Err(Error::Exists { path: p.into(), hint: "custody never overwrites a key; choose another name" });
        }
    }
    let (text, recipient) = crate::envelope::generate_identity(created);
    write_new_file(&id_path, text.as_bytes(), 0o600)?;
    write_new_file(&r_path, format!("{recipient}\n").as_bytes(), 0o644)?;
    Ok((id_path, r_path, recipient))
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
