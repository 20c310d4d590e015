//! Files on disk: outputs that appear atomically and durably, bounded reads, key files.
//!
//! Every file custody creates is written beside its destination under a temporary name,
//! flushed to disk, renamed into place, and the directory flushed too, so that a crash or a
//! kill leaves either nothing or the complete file under the final name, never half of one.
//!
//! The parts: `atomic` (writing a file whole or not at all), `temps` (temporary files beside
//! their destination, and the leftovers of interrupted commands), `interrupt` (what an
//! interrupted command removes, and the guard that keeps an update from being cut midway),
//! `output` (large outputs written front to back, flushed as they grow, `direct` bypassing
//! the page cache on Linux) and `keyfile` (key files on disk). This file holds the bounded
//! reads and the few path helpers they share.

use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::Error;

mod atomic;
#[cfg(target_os = "linux")]
mod direct;
mod interrupt;
mod keyfile;
mod output;
mod temps;

pub use atomic::write_atomic;
pub(crate) use atomic::{persist, persist_or_return, sync_dir};
pub use interrupt::{Interrupted, interrupted, stop_for_interrupt};
pub(crate) use interrupt::{record_written, update_guard};
pub use keyfile::{
    Secret, key_elsewhere, load_keypair, load_keypair_asking, load_keypair_with, load_public_key, read_secret_file,
    write_age_identity, write_keypair,
};
pub(crate) use output::SequentialOutput;
pub use temps::{StaleTemp, TEMP_SUFFIX, remove_stale_temps};
pub(crate) use temps::{forget_temp, is_own_temp, register_temp, temp_beside};

/// The directory a path lives in (`.` for a bare file name).
pub(crate) fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Opens an existing regular file for reading without following a symbolic link and without
/// blocking (a FIFO put in its place cannot hang the command): `Ok(None)` if what is there
/// is not a regular file. Used for files found beside a bundle (journals, temporaries),
/// which anyone who can write there may have swapped.
pub(crate) fn open_regular(path: &Path) -> std::io::Result<Option<File>> {
    let mut opts = fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut opts, libc::O_NOFOLLOW | libc::O_NONBLOCK);
    let file = match opts.open(path) {
        Ok(f) => f,
        // O_NOFOLLOW on a link.
        #[cfg(unix)]
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => return Ok(None),
        Err(e) => return Err(e),
    };
    Ok(file.metadata()?.is_file().then_some(file))
}

/// Reads a whole file of at most `limit` bytes.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, Error> {
    read_limited_as(path, limit, "a key file")
}

/// Reads a whole file of at most `limit` bytes; `kind` (e.g. "a trust list") names what the
/// file was meant to be when it is too large to be one.
pub fn read_limited_as(path: &Path, limit: u64, kind: &str) -> Result<Vec<u8>, Error> {
    let f = File::open(path).map_err(Error::io(path))?;
    let mut buf = Vec::new();
    f.take(limit + 1).read_to_end(&mut buf).map_err(Error::io(path))?;
    if buf.len() as u64 > limit {
        return Err(Error::BadInput {
            field: "file",
            why: format!("{}: larger than {limit} bytes; this is not {kind}", path.display()),
            remedy: None,
        });
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn files_found_beside_a_bundle_are_opened_only_if_regular() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::write(d.join("file"), b"x").unwrap();
        std::os::unix::fs::symlink(d.join("file"), d.join("link")).unwrap();
        fs::create_dir(d.join("dir")).unwrap();
        assert!(std::process::Command::new("mkfifo").arg(d.join("fifo")).status().unwrap().success());
        assert!(open_regular(&d.join("file")).unwrap().is_some());
        assert!(open_regular(&d.join("link")).unwrap().is_none());
        assert!(open_regular(&d.join("dir")).unwrap().is_none());
        // A FIFO with no writer: opening it would block forever without O_NONBLOCK.
        let (tx, rx) = std::sync::mpsc::channel();
        let fifo = d.join("fifo");
        std::thread::spawn(move || tx.send(open_regular(&fifo).map(|f| f.is_none())).unwrap());
        let r = rx.recv_timeout(std::time::Duration::from_secs(5)).expect("opening a FIFO blocked");
        assert!(r.unwrap());
    }
}
