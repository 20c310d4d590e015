//! A bundle encrypted for transport and back (issue #18.2): `encrypt_file` writes an age file
//! to the recipients, `decrypt_file` a plain bundle from one. Both outputs appear whole or not
//! at all (a temporary file beside them, removed on every failure and on interruption); the
//! decrypted copy is readable by its owner only. The codec is `crate::envelope`.

use std::fs::File;
use std::io::{BufWriter, Read};
use std::path::Path;

use crate::Error;
use crate::envelope::{self, EnvelopeError, Identities, Kind, Recipients};
use crate::fsutil::{persist, temp_beside};

/// The buffer each side of the copy uses: large reads keep the cipher, not the system calls,
/// the bottleneck.
const BUFFER: usize = 1 << 20;

fn envelope_error(path: &Path) -> impl Fn(EnvelopeError) -> Error + '_ {
    move |source| Error::Envelope { path: path.into(), source }
}

fn refuse_existing(out: &Path) -> Result<(), Error> {
    if out.symlink_metadata().is_ok() {
        return Err(Error::Exists { path: out.into(), hint: "custody never overwrites a file; choose another name" });
    }
    Ok(())
}

/// The first bytes of `path`, enough to tell an age file from a bundle.
fn head(path: &Path) -> Result<Vec<u8>, Error> {
    let mut head = Vec::with_capacity(64);
    let file = File::open(path).map_err(Error::io(path))?;
    file.take(64).read_to_end(&mut head).map_err(Error::io(path))?;
    Ok(head)
}

/// Whether the file at `path` is an age file (binary or armoured).
pub fn is_encrypted(path: &Path) -> Result<bool, Error> {
    Ok(envelope::kind_of(&head(path)?) != Kind::Other)
}

/// Encrypts the bundle at `bundle` to `recipients` into a new age file `out` (never
/// replaced); returns the bytes encrypted. A file that is already encrypted is refused.
pub fn encrypt_file(bundle: &Path, recipients: &Recipients, out: &Path) -> Result<u64, Error> {
    refuse_existing(out)?;
    if is_encrypted(bundle)? {
        return Err(Error::BadInput {
            field: "bundle",
            why: crate::wording::envelope::ALREADY_ENCRYPTED.into(),
            remedy: None,
        });
    }
    let input = File::open(bundle).map_err(Error::io(bundle))?;
    let tmp = temp_beside(out)?;
    let writer = BufWriter::with_capacity(BUFFER, tmp);
    let reader = std::io::BufReader::with_capacity(BUFFER, input);
    let (n, writer) = envelope::encrypt(recipients, reader, writer).map_err(envelope_error(bundle))?;
    let tmp = writer.into_inner().map_err(|e| Error::io(out)(e.into_error()))?;
    persist(tmp, out, false)?;
    Ok(n)
}

/// Decrypts the age file at `input` with `identities` into a new plain bundle `out` (never
/// replaced, readable by its owner only); returns the bytes written. Nothing is left at
/// `out` unless every chunk authenticated.
pub fn decrypt_file(input: &Path, identities: &Identities, out: &Path) -> Result<u64, Error> {
    refuse_existing(out)?;
    let file = File::open(input).map_err(Error::io(input))?;
    let tmp = temp_beside(out)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o600)).map_err(Error::io(tmp.path()))?;
    }
    let mut writer = BufWriter::with_capacity(BUFFER, tmp);
    let n = envelope::decrypt(identities, file, &mut writer).map_err(envelope_error(input))?;
    let tmp = writer.into_inner().map_err(|e| Error::io(out)(e.into_error()))?;
    persist(tmp, out, false)?;
    Ok(n)
}

/// Decrypts the age file at `input` with `identities` into a temporary file beside `dest`
/// (owner-only, removed when dropped and if the command is interrupted), for an operation
/// that must write a plain bundle anyway (a receipt appended to `dest`). Every chunk is
/// authenticated before this returns.
pub fn decrypt_to_temp(input: &Path, identities: &Identities, dest: &Path) -> Result<tempfile::NamedTempFile, Error> {
    let file = File::open(input).map_err(Error::io(input))?;
    let tmp = temp_beside(dest)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o600)).map_err(Error::io(tmp.path()))?;
    }
    let mut writer = BufWriter::with_capacity(BUFFER, tmp);
    envelope::decrypt(identities, file, &mut writer).map_err(envelope_error(input))?;
    let tmp = writer.into_inner().map_err(|e| Error::io(dest)(e.into_error()))?;
    tmp.as_file().sync_all().map_err(Error::io(tmp.path()))?;
    Ok(tmp)
}
