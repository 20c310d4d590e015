//! Hashing while copying: a three-thread pipeline that reads, hashes with SHA-256 and passes
//! on the bytes of one large entry, so that the hashing core does nothing but hash.

use std::io;

use sha2::{Digest, Sha256};

/// Copy buffer size for streaming entries.
pub(crate) const BUF_LEN: usize = 1 << 20;
/// Buffers in flight in a [`hash_pipeline`] (each of [`BUF_LEN`] bytes). Four measured as
/// fast as eight within this machine's noise (verify of a 2 GiB file: 1.25-1.46 s against
/// 1.28-1.31 s; `docs/performance.md`, run 20), at half the memory, which the allocator keeps
/// once freed (issue #13.4: 4 MiB of a million-file verification's peak).
pub(super) const PIPELINE_BUFFERS: usize = 4;
/// Entries at least this large are hashed through a [`hash_pipeline`] when verified.
pub(super) const PIPELINE_MIN: u64 = 4 * BUF_LEN as u64;

/// Streams bytes from `read` to `consume`, computing their SHA-256 on the way, with each of
/// the three on its own thread: `read` fills buffers on a reading thread (and may compute a
/// CRC-32 there), SHA-256 runs on a second, and `consume` runs on the caller's. One large
/// file cannot be hashed faster than one core; this keeps every other cost (copying from
/// and into the page cache, the CRC, the file system's own work) off that core.
///
/// `read` fills a buffer and returns how many bytes it put there; 0 ends the stream. Buffers
/// go round through bounded channels, so memory stays at [`PIPELINE_BUFFERS`] buffers. The
/// first error from either end stops all three threads and is returned.
pub(crate) fn hash_pipeline(
    mut read: impl FnMut(&mut [u8]) -> io::Result<usize> + Send,
    mut consume: impl FnMut(&[u8]) -> io::Result<()>,
) -> io::Result<[u8; 32]> {
    use std::sync::mpsc::sync_channel;
    type Filled = io::Result<(Vec<u8>, usize)>;
    let (read_tx, read_rx) = sync_channel::<Filled>(PIPELINE_BUFFERS);
    let (hashed_tx, hashed_rx) = sync_channel::<Filled>(PIPELINE_BUFFERS);
    let (empty_tx, empty_rx) = sync_channel::<Vec<u8>>(PIPELINE_BUFFERS);
    for _ in 0..PIPELINE_BUFFERS {
        // Cannot fail: the channel has room for every buffer and its receiver is alive.
        let _ = empty_tx.send(vec![0u8; BUF_LEN]);
    }
    std::thread::scope(|scope| {
        scope.spawn(move || {
            while let Ok(mut buf) = empty_rx.recv() {
                match read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => {
                        if read_tx.send(Ok((buf, n))).is_err() {
                            break;
                        }
                    }
                    Err(e) => {
                        let _ = read_tx.send(Err(e));
                        break;
                    }
                }
            }
        });
        let hasher = scope.spawn(move || {
            let mut sha = Sha256::new();
            for filled in read_rx {
                let failed = filled.is_err();
                if let Ok((buf, n)) = &filled {
                    sha.update(&buf[..*n]);
                }
                if hashed_tx.send(filled).is_err() || failed {
                    break;
                }
            }
            <[u8; 32]>::from(sha.finalize())
        });
        let mut result = Ok(());
        for filled in hashed_rx {
            match filled.and_then(|(buf, n)| consume(&buf[..n]).map(|()| buf)) {
                // The reader may have finished already; then the buffer is simply dropped.
                Ok(buf) => {
                    let _ = empty_tx.send(buf);
                }
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        // Dropping the loop's receiver and `empty_tx` unblocks the other two threads.
        drop(empty_tx);
        let sha = hasher.join().map_err(|_| io::Error::other("the hashing thread failed"))?;
        result.map(|()| sha)
    })
}
