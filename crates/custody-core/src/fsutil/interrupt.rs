//! Interruption (SIGINT, SIGTERM): what this process has written and what it must remove,
//! and the guard that keeps an interruption from cutting an update in place midway.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use super::temps::LIVE_TEMPS;

/// The files this process has completely written (created, or updated in place).
static WRITTEN: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Held while a bundle is changed in place: an interruption waits for it, so that an update
/// is never cut midway by a signal.
static UPDATE: Mutex<()> = Mutex::new(());

pub(super) fn locked<T>(m: &'static Mutex<T>) -> MutexGuard<'static, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Records that `path` was written completely (for the message of an interrupted command).
pub fn record_written(path: &Path) {
    let mut w = locked(&WRITTEN);
    if !w.iter().any(|p| p == path) {
        w.push(path.to_path_buf());
    }
}

thread_local! {
    /// Whether this thread holds [`UPDATE`] (taken again by the same thread, it is not locked
    /// twice).
    static HOLDS_UPDATE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Set once the process has been interrupted: it is about to exit.
static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether the process has been interrupted (SIGINT, SIGTERM) and is about to exit: what the
/// command still does (an error it meets because its temporary files were removed) is moot.
pub fn interrupted() -> bool {
    INTERRUPTED.load(std::sync::atomic::Ordering::SeqCst)
}

/// Keeps an interruption from stopping the process while it is held, and waits if the
/// process is being interrupted (it then never returns: the process exits first). Held while
/// a bundle is changed in place, while a finished file is renamed into place, and while a
/// temporary file is created, so that an interrupted command writes nothing after the
/// interruption and leaves no temporary file behind. A thread may take it again while it
/// holds it.
pub fn update_guard() -> UpdateGuard {
    if HOLDS_UPDATE.with(std::cell::Cell::get) {
        return UpdateGuard { guard: None };
    }
    let guard = locked(&UPDATE);
    HOLDS_UPDATE.with(|h| h.set(true));
    UpdateGuard { guard: Some(guard) }
}

/// See [`update_guard`].
pub struct UpdateGuard {
    guard: Option<MutexGuard<'static, ()>>,
}

impl Drop for UpdateGuard {
    fn drop(&mut self) {
        if self.guard.take().is_some() {
            HOLDS_UPDATE.with(|h| h.set(false));
        }
    }
}

/// What [`stop_for_interrupt`] did.
pub struct Interrupted {
    /// The files this process had already written completely.
    pub written: Vec<PathBuf>,
    /// Temporary files and folders that could not be removed, with why.
    pub not_removed: Vec<(PathBuf, std::io::Error)>,
    /// Held until the process exits, so that no update in place starts after the interruption.
    _update: MutexGuard<'static, ()>,
}

/// Prepares the process to stop after an interruption (SIGINT, SIGTERM): waits for an update
/// in place to finish, then removes every temporary file and folder the process created.
pub fn stop_for_interrupt() -> Interrupted {
    INTERRUPTED.store(true, std::sync::atomic::Ordering::SeqCst);
    let update = locked(&UPDATE);
    let temps = std::mem::take(&mut *locked(&LIVE_TEMPS));
    let mut not_removed = Vec::new();
    for t in temps {
        let result = match t.symlink_metadata() {
            Ok(m) if m.is_dir() => fs::remove_dir_all(&t),
            Ok(_) => fs::remove_file(&t),
            Err(e) => Err(e),
        };
        match result {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => not_removed.push((t, e)),
            _ => {}
        }
    }
    let written = locked(&WRITTEN).iter().filter(|p| p.exists()).cloned().collect();
    Interrupted { written, not_removed, _update: update }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_update_guard_can_be_taken_again_by_its_thread() {
        let outer = update_guard();
        let inner = update_guard();
        drop(inner);
        // Still held by `outer`: another thread must wait.
        let (tx, rx) = std::sync::mpsc::channel();
        let t = std::thread::spawn(move || {
            let _g = update_guard();
            tx.send(()).unwrap();
        });
        assert!(rx.recv_timeout(std::time::Duration::from_millis(200)).is_err());
        drop(outer);
        rx.recv_timeout(std::time::Duration::from_secs(10)).unwrap();
        t.join().unwrap();
    }
}
