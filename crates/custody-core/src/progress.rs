//! Progress of long operations (sealing, verifying, extracting): how many bytes are done of
//! how many in total, as two atomic counters.
//!
//! The library only counts; whoever shows progress (a terminal line, a GUI bar, a log) reads
//! the counters from its own thread as often as it likes. Nothing here blocks, allocates or
//! calls back into the caller, so hashing threads can update it at no cost.

use std::sync::atomic::{AtomicU64, Ordering};

/// How far an operation has got: bytes done of bytes in total. Shared as
/// `Arc<Progress>` between the operation (which updates it) and a display (which reads it).
/// `total` is 0 until the operation knows it.
#[derive(Debug, Default)]
pub struct Progress {
    /// Bytes processed so far.
    pub done: AtomicU64,
    /// Bytes to process in all (0 while unknown).
    pub total: AtomicU64,
}

impl Progress {
    /// A counter at zero of an unknown total.
    pub fn new() -> Self {
        Progress::default()
    }

    /// Sets the total, once the operation knows it.
    pub fn set_total(&self, total: u64) {
        self.total.store(total, Ordering::Relaxed);
    }

    /// Counts `bytes` more as done.
    pub fn add(&self, bytes: u64) {
        self.done.fetch_add(bytes, Ordering::Relaxed);
    }

    /// The bytes done and the total, as (done, total).
    pub fn get(&self) -> (u64, u64) {
        (self.done.load(Ordering::Relaxed), self.total.load(Ordering::Relaxed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_bytes_against_a_total() {
        let p = Progress::new();
        assert_eq!(p.get(), (0, 0));
        p.set_total(10);
        p.add(3);
        p.add(4);
        assert_eq!(p.get(), (7, 10));
    }
}
