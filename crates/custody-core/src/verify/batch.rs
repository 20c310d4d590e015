//! Batch verification: many bundles in one run, as a central authority receives them
//! (issue #22.4). Bundles are verified in parallel, one per worker, so that both cores work
//! even when every bundle is small; results are delivered in the order the bundles were
//! given, each as soon as it and every earlier one is done, so a caller can print or write
//! them as a stream. At most a small window of finished reports waits for a slower earlier
//! bundle: memory stays bounded by the window, not by the number of bundles.
//!
//! The verdict of the whole batch follows the exit policy ([`crate::exit::for_batch`]):
//! an error if any bundle could not be checked, else failed if any is invalid or not
//! trusted, else success.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};

use super::{CannotVerify, Report, VerifyOptions, verify_path};

/// One bundle of a batch and what verifying it gave.
#[derive(Debug)]
pub struct BatchEntry {
    /// The bundle's path, as given.
    pub path: PathBuf,
    /// Its report, or why it could not be verified at all.
    pub outcome: Result<Report, CannotVerify>,
}

/// The bundles a directory holds for `custody verify --each DIR`: its regular files (or links
/// to regular files) whose names end in `.zip` (any case), not descending into
/// subdirectories, sorted by the bytes of their names so that every run lists them in the
/// same order.
pub fn bundles_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let is_zip = name.as_encoded_bytes().len() > 4
            && name.as_encoded_bytes()[name.as_encoded_bytes().len() - 4..].eq_ignore_ascii_case(b".zip");
        if is_zip && std::fs::metadata(entry.path()).is_ok_and(|m| m.is_file()) {
            found.push(entry.path());
        }
    }
    found.sort_by(|a, b| a.as_os_str().as_encoded_bytes().cmp(b.as_os_str().as_encoded_bytes()));
    Ok(found)
}

/// Verifies every bundle of `paths` with `opts`, `workers` at a time (0: one per CPU), and
/// calls `deliver` with each result in the order of `paths`. Each bundle's own hashing uses
/// the CPUs the workers leave (at least one thread), unless `opts` sets its jobs.
pub fn verify_each(
    paths: &[PathBuf],
    opts: &VerifyOptions,
    workers: usize,
    mut deliver: impl FnMut(usize, BatchEntry),
) {
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let workers = if workers == 0 { cpus } else { workers }.clamp(1, paths.len().max(1));
    let mut opts = opts.clone();
    if opts.jobs == 0 {
        opts.jobs = (cpus / workers).max(1);
    }
    // A finished report may wait for an earlier, slower bundle; a worker takes a new bundle
    // only while fewer than `window` results are ahead of the next to deliver.
    let window = 2 * workers;
    let state = Mutex::new(Window { next: 0, delivered: 0, stopped: false });
    let moved = Condvar::new();
    let (send, receive) = mpsc::channel::<(usize, BatchEntry)>();
    std::thread::scope(|s| {
        for _ in 0..workers {
            let send = send.clone();
            let (state, moved, opts) = (&state, &moved, &opts);
            s.spawn(move || {
                loop {
                    let index = {
                        let Ok(mut w) = state.lock() else { return };
                        while !w.stopped && w.next < paths.len() && w.next >= w.delivered + window {
                            w = match moved.wait(w) {
                                Ok(w) => w,
                                Err(_) => return,
                            };
                        }
                        if w.stopped || w.next >= paths.len() {
                            return;
                        }
                        w.next += 1;
                        w.next - 1
                    };
                    let path = paths[index].clone();
                    // A bug that panics on one bundle must neither hang the batch (its
                    // result would never come) nor hide the others: it is that bundle's
                    // outcome.
                    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| verify_path(&path, opts)))
                        .unwrap_or_else(|_| Err(CannotVerify::Stopped { path: path.clone() }));
                    if send.send((index, BatchEntry { path, outcome })).is_err() {
                        return;
                    }
                }
            });
        }
        drop(send);
        // However delivering ends (a panic in `deliver` included), the workers waiting for
        // room in the window are released, so that the scope can end.
        let _release = Release { state: &state, moved: &moved };
        let mut waiting = BTreeMap::new();
        let mut due = 0;
        for (index, entry) in receive {
            waiting.insert(index, entry);
            while let Some(entry) = waiting.remove(&due) {
                deliver(due, entry);
                due += 1;
                if let Ok(mut w) = state.lock() {
                    w.delivered = due;
                }
                moved.notify_all();
            }
        }
    });
}

/// Where the workers are: the next bundle to take, how many results were delivered, and
/// whether delivering stopped.
struct Window {
    next: usize,
    delivered: usize,
    stopped: bool,
}

/// Stops the workers when dropped: they take no new bundle and stop waiting.
struct Release<'a> {
    state: &'a Mutex<Window>,
    moved: &'a Condvar,
}

impl Drop for Release<'_> {
    fn drop(&mut self) {
        if let Ok(mut w) = self.state.lock() {
            w.stopped = true;
        }
        self.moved.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delivers_every_bundle_once_in_order_and_names_what_could_not_be_read() {
        let dir = std::env::temp_dir().join(format!("custody-batch-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut paths = Vec::new();
        for i in 0..9 {
            let p = dir.join(format!("b{i}.zip"));
            if i % 3 != 0 {
                std::fs::write(&p, format!("not a bundle {i}")).unwrap();
            }
            paths.push(p);
        }
        let mut seen = Vec::new();
        verify_each(&paths, &VerifyOptions::default(), 2, |i, e| {
            assert_eq!(e.path, paths[i]);
            seen.push((i, e.outcome.is_ok()));
        });
        let expect: Vec<_> = (0..9).map(|i| (i, i % 3 != 0)).collect();
        assert_eq!(seen, expect, "every bundle once, in order; absent files cannot be verified");
        let listed = bundles_in(&dir).unwrap();
        assert_eq!(listed, paths.iter().filter(|p| p.exists()).cloned().collect::<Vec<_>>());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_panic_while_delivering_ends_the_batch_instead_of_hanging_it() {
        let paths: Vec<PathBuf> =
            (0..12).map(|i| PathBuf::from(format!("/nonexistent/custody-batch/{i}.zip"))).collect();
        let run = std::panic::catch_unwind(|| {
            verify_each(&paths, &VerifyOptions::default(), 2, |i, _| {
                assert!(i < 1, "the caller's own failure");
            })
        });
        assert!(run.is_err(), "the panic reaches the caller, and the call returns");
    }

    #[test]
    fn an_empty_batch_delivers_nothing() {
        let mut n = 0;
        verify_each(&[], &VerifyOptions::default(), 0, |_, _| n += 1);
        assert_eq!(n, 0);
    }
}
