//! Temporary files beside their destination: created locked and registered, recognised by
//! name, and removed when an interrupted command left them behind.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::interrupt::{locked, update_guard};
use super::{open_regular, parent_dir, sync_dir};
use crate::Error;

/// Suffix of every temporary file custody writes: leftovers are recognisable.
pub const TEMP_SUFFIX: &str = ".custody-tmp";

/// A temporary file beside `dest`, named `.<dest name>.<random>.custody-tmp`, removed when
/// dropped unless it is persisted.
///
/// The file is locked (`flock`) for as long as it is open, so that another custody command
/// can tell it is in use ([`remove_stale_temps`]), and it is registered so that an
/// interrupted command removes it ([`stop_for_interrupt`](super::stop_for_interrupt)).
pub fn temp_beside(dest: &Path) -> Result<tempfile::NamedTempFile, Error> {
    let dir = parent_dir(dest);
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let _no_interruption_now = update_guard();
    let tmp =
        tempfile::Builder::new().prefix(&format!(".{name}.")).suffix(TEMP_SUFFIX).tempfile_in(&dir).map_err(|e| {
            // The temporary's own name means nothing to the user (tempfile's error quotes it):
            // say which folder is missing, or what the system said of the folder.
            let source = if e.kind() == std::io::ErrorKind::NotFound && !dir.is_dir() {
                std::io::Error::new(std::io::ErrorKind::NotFound, crate::wording::FOLDER_MISSING)
            } else {
                std::io::Error::new(e.kind(), crate::wording::os_error(&e))
            };
            Error::Io { path: dir.clone(), source }
        })?;
    // Our own new file: another command's stale check may hold its lock for a moment, so
    // wait for it. A file system without locks (some network ones) still gets the file: it
    // is then protected from other commands by its age alone.
    if let Err(e) = tmp.as_file().lock()
        && !lock_unsupported(&e)
    {
        return Err(Error::Io { path: tmp.path().into(), source: e });
    }
    register_temp(tmp.path());
    Ok(tmp)
}

/// Whether a failed `flock` means the file system has no locks (rather than a real error).
fn lock_unsupported(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    if matches!(e.raw_os_error(), Some(libc::ENOLCK | libc::EOPNOTSUPP)) {
        return true;
    }
    e.kind() == std::io::ErrorKind::Unsupported
}

/// The temporary files and folders of this process, to remove if it is interrupted.
pub(super) static LIVE_TEMPS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Registers a temporary file or folder of this process, to be removed if it is interrupted.
pub fn register_temp(path: &Path) {
    locked(&LIVE_TEMPS).push(path.to_path_buf());
}

/// Whether `path` is a temporary file this process created and still holds.
pub fn is_own_temp(path: &Path) -> bool {
    locked(&LIVE_TEMPS).iter().any(|p| p == path)
}

pub(crate) fn forget_temp(path: &Path) {
    locked(&LIVE_TEMPS).retain(|p| p != path);
}

/// How long a temporary file must have been left unchanged before another command may
/// remove it (a command writing one changes it far more often, and holds its lock).
pub const STALE_FILE_AGE: std::time::Duration = std::time::Duration::from_secs(10);
/// The same for a temporary folder (of `extract`): nothing inside changed for this long.
pub const STALE_FOLDER_AGE: std::time::Duration = std::time::Duration::from_secs(3600);

/// A leftover temporary file or folder of an interrupted command, found by
/// [`remove_stale_temps`].
#[derive(Debug)]
pub struct StaleTemp {
    /// Where it was.
    pub path: PathBuf,
    /// Its size (for a folder, of the files in it).
    pub bytes: u64,
    /// `Err` if it could not be removed (a warning, not a failure of the command).
    pub removed: Result<(), std::io::Error>,
}

/// Whether `file_name` is a temporary name custody gives for `dest_name`:
/// `.<dest_name>.<random>.custody-tmp`, the random part without dots.
fn is_temp_name_for(file_name: &str, dest_name: &str) -> bool {
    file_name
        .strip_prefix('.')
        .and_then(|n| n.strip_suffix(TEMP_SUFFIX))
        .and_then(|n| n.rsplit_once('.'))
        .is_some_and(|(dest, random)| dest == dest_name && !random.is_empty())
}

/// The time of the newest change in a folder, and the bytes of its files (walked without
/// following links; at most `budget` entries, beyond which it counts as changed now).
fn folder_age(dir: &Path, budget: &mut usize) -> std::io::Result<(std::time::SystemTime, u64)> {
    let mut newest = dir.symlink_metadata()?.modified()?;
    let mut bytes = 0;
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        *budget = budget.checked_sub(1).ok_or_else(|| std::io::Error::other("too many files"))?;
        let m = entry.path().symlink_metadata()?;
        let (t, b) = if m.is_dir() { folder_age(&entry.path(), budget)? } else { (m.modified()?, m.len()) };
        newest = newest.max(t);
        bytes += b;
    }
    Ok((newest, bytes))
}

/// Removes the leftover temporary files and folders of interrupted custody commands that
/// wrote to `dest`: those named for `dest` beside it that no process holds (locked) and
/// that have not changed for `STALE_FILE_AGE` (`STALE_FOLDER_AGE` for a folder). What
/// it cannot remove is reported, not an error.
pub fn remove_stale_temps(dest: &Path) -> Vec<StaleTemp> {
    let Some(name) = dest.file_name().map(|n| n.to_string_lossy().into_owned()) else { return Vec::new() };
    let dir = parent_dir(dest);
    let Ok(entries) = fs::read_dir(&dir) else { return Vec::new() };
    let now = std::time::SystemTime::now();
    let old = |t: std::time::SystemTime, age| now.duration_since(t).is_ok_and(|d| d >= age);
    let mut found = Vec::new();
    for entry in entries.flatten() {
        if !is_temp_name_for(&entry.file_name().to_string_lossy(), &name) {
            continue;
        }
        let path = entry.path();
        if is_own_temp(&path) {
            continue;
        }
        let Ok(meta) = path.symlink_metadata() else { continue };
        let (stale, bytes) = if meta.is_dir() {
            let mut budget = 1_000_000;
            match folder_age(&path, &mut budget) {
                Ok((t, b)) => (old(t, STALE_FOLDER_AGE), b),
                Err(_) => (false, 0),
            }
        } else if meta.is_file() {
            // A file some process holds locked is being written: never touch it.
            let free = open_regular(&path).is_ok_and(|f| f.is_some_and(|f| f.try_lock().is_ok()));
            (free && meta.modified().is_ok_and(|t| old(t, STALE_FILE_AGE)), meta.len())
        } else {
            // A link (or anything else) under a temporary name: custody made none of these,
            // but removing the name itself is harmless once it is old.
            (meta.modified().is_ok_and(|t| old(t, STALE_FILE_AGE)), 0)
        };
        if !stale {
            continue;
        }
        let removed = if meta.is_dir() { fs::remove_dir_all(&path) } else { fs::remove_file(&path) };
        found.push(StaleTemp { path, bytes, removed });
    }
    if found.iter().any(|s| s.removed.is_ok()) {
        let _ = sync_dir(&dir);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::File;

    #[test]
    fn temporary_names_are_recognised_only_for_their_destination() {
        assert!(is_temp_name_for(".case.zip.Ab12Cd.custody-tmp", "case.zip"));
        assert!(is_temp_name_for(".case.zip.custody-journal.Ab12Cd.custody-tmp", "case.zip.custody-journal"));
        assert!(!is_temp_name_for(".case.zip.custody-journal.Ab12Cd.custody-tmp", "case.zip"));
        assert!(!is_temp_name_for(".case.zip.custody-tmp", "case.zip"));
        assert!(!is_temp_name_for("case.zip.Ab12Cd.custody-tmp", "case.zip"));
        assert!(!is_temp_name_for(".other.zip.Ab12Cd.custody-tmp", "case.zip"));
    }

    #[test]
    fn own_and_fresh_temporaries_are_never_removed_as_stale() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.zip");
        let own = temp_beside(&dest).unwrap();
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(120);
        own.as_file().set_modified(old).unwrap();
        let stale = dir.path().join(".out.zip.Zz9yX8.custody-tmp");
        File::create(&stale).unwrap().set_modified(old).unwrap();
        let removed = remove_stale_temps(&dest);
        assert_eq!(removed.len(), 1, "{removed:?}");
        assert_eq!(removed[0].path, stale);
        assert!(own.path().exists() && !stale.exists());
    }

    #[test]
    fn a_new_temporary_is_locked_by_its_writer() {
        let dir = tempfile::tempdir().unwrap();
        let tmp = temp_beside(&dir.path().join("out.zip")).unwrap();
        let other = File::open(tmp.path()).unwrap();
        assert!(matches!(other.try_lock(), Err(fs::TryLockError::WouldBlock)));
    }
}
