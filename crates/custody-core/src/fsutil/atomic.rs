//! Files that appear whole or not at all: written beside their destination under a temporary
//! name, flushed, renamed into place, and the directory flushed too.

use std::fs::{self, File};
use std::io::Write;
use std::path::Path;

use super::interrupt::{record_written, update_guard};
use super::parent_dir;
use super::temps::{forget_temp, temp_beside};
use crate::Error;

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
    persist_or_return(tmp, dest, overwrite).map_err(|(e, _)| e)
}

/// [`persist`], handing back the temporary file, whole, when it could not be renamed to
/// `dest`: for a caller that must not lose it (it may keep it under another name).
pub(crate) fn persist_or_return(
    tmp: tempfile::NamedTempFile,
    dest: &Path,
    overwrite: bool,
) -> Result<(), (Error, Option<tempfile::NamedTempFile>)> {
    if let Err(e) = tmp.as_file().sync_all() {
        let err = Error::io(tmp.path())(e);
        return Err((err, Some(tmp)));
    }
    let tmp_path = tmp.path().to_path_buf();
    let _no_interruption_now = update_guard();
    let result = if overwrite { tmp.persist(dest) } else { tmp.persist_noclobber(dest) };
    match result {
        Ok(_) => {
            forget_temp(&tmp_path);
            record_written(dest);
        }
        Err(e) => {
            let err = if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                Error::Exists { path: dest.into(), hint: "it appeared while custody was writing; nothing was changed" }
            } else {
                Error::Io { path: dest.into(), source: e.error }
            };
            return Err((err, Some(e.file)));
        }
    }
    sync_dir(&parent_dir(dest)).map_err(|e| (e, None))
}

/// Writes a small file atomically, with `mode` on Unix, refusing to replace an existing one.
pub(crate) fn write_new_file(dest: &Path, bytes: &[u8], mode: u32) -> Result<(), Error> {
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
