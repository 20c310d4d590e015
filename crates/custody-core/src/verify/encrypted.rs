//! An encrypted bundle (an age file, issue #18.2) verified as it is decrypted: the archive
//! is read through [`DecryptedSource`] at any offset, each 64 KiB chunk authenticated before
//! use, with no plaintext copy on disk. A chunk that fails authentication makes the whole
//! run an error (no verdict on a bundle that was not read as sent), never a report.

use std::path::Path;

use super::{CannotVerify, Report, VerifyOptions, verify_or_refuse};
use crate::envelope::{DecryptedSource, EnvelopeError, Identities, Kind, kind_of};

/// Verifies the encrypted bundle at `path`, decrypted with `identities` as it is read.
pub fn verify_encrypted(path: &Path, identities: &Identities, opts: &VerifyOptions) -> Result<Report, CannotVerify> {
    let cannot = |source| CannotVerify::Unreadable { path: path.into(), source };
    let encrypted = |source| CannotVerify::Encrypted { path: path.into(), source };
    let file = std::fs::File::open(path).map_err(cannot)?;
    let source = DecryptedSource::open(file, identities).map_err(encrypted)?;
    let damage = source.damage_handle();
    let report = verify_or_refuse(Box::new(source), &path.display().to_string(), opts)
        .map_err(|version| CannotVerify::UnsupportedFormat { path: path.into(), version })?;
    match damage.get() {
        Some(e) => Err(encrypted(e)),
        None => Ok(report),
    }
}

/// Refuses an encrypted file given as a plain bundle: it needs an identity.
pub(super) fn refuse_encrypted(path: &Path, file: &std::fs::File) -> Result<(), CannotVerify> {
    let mut head = [0u8; 64];
    let n = read_head(file, &mut head).map_err(|source| CannotVerify::Unreadable { path: path.into(), source })?;
    match kind_of(&head[..n]) {
        Kind::Other => Ok(()),
        Kind::Age => Err(CannotVerify::Encrypted { path: path.into(), source: EnvelopeError::NeedsIdentity }),
        Kind::ArmoredAge => Err(CannotVerify::Encrypted { path: path.into(), source: EnvelopeError::Armored }),
    }
}

/// Reads up to `buf.len()` bytes from the start of `file`, without moving its position.
pub(crate) fn read_head(file: &std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let source = crate::archive::FileSource::new(file.try_clone()?)?;
    let n = usize::try_from(crate::archive::Source::len(&source)).unwrap_or(usize::MAX).min(buf.len());
    crate::archive::Source::read_exact_at(&source, &mut buf[..n], 0)?;
    Ok(n)
}
