//! A second read of a file held to the first (spec §9.4, the manifest's weight): the manifest
//! is read once to be weighed and once to be parsed, and the parser must be given exactly the
//! bytes that were weighed. [`Recording`] keeps the SHA-256 of each 1 MiB block of the first
//! read; [`Checking`] gives out the second read a block at a time, each only once its SHA-256
//! is the one kept. A file that changes between the reads (a folder written to while it is
//! verified) is refused at the first block that differs, before the parser holds any of it.

use std::io;

/// The size of the blocks [`Recording`] hashes and [`Checking`] compares.
const BLOCK: usize = 1 << 20;

/// A reader that keeps the SHA-256 of each [`BLOCK`] of what is read through it (the last
/// block may be shorter), for [`Checking`] to hold a second read to.
pub(crate) struct Recording<R> {
    inner: R,
    hasher: sha2::Sha256,
    filled: usize,
    blocks: Vec<[u8; 32]>,
}

impl<R: io::Read> Recording<R> {
    pub(crate) fn new(inner: R) -> Self {
        Recording { inner, hasher: sha2::Sha256::default(), filled: 0, blocks: Vec::new() }
    }

    /// The blocks' digests, once everything was read through it.
    pub(crate) fn finish(mut self) -> Vec<[u8; 32]> {
        use sha2::Digest;
        if self.filled > 0 {
            self.blocks.push(self.hasher.finalize_reset().into());
        }
        self.blocks
    }
}

impl<R: io::Read> io::Read for Recording<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        use sha2::Digest;
        let n = self.inner.read(buf)?;
        let mut rest = buf.get(..n).unwrap_or_default();
        while !rest.is_empty() {
            let take = (BLOCK - self.filled).min(rest.len());
            let (now, later) = rest.split_at(take);
            self.hasher.update(now);
            self.filled += take;
            if self.filled == BLOCK {
                self.blocks.push(self.hasher.finalize_reset().into());
                self.filled = 0;
            }
            rest = later;
        }
        Ok(n)
    }
}

/// A reader that gives out a second read block by block, each only once its SHA-256 is the one
/// [`Recording`] kept of the first: what the parser reads is what was weighed. A block that
/// differs, or a read longer or shorter than the first, is an error and sets
/// [`Checking::changed`].
pub(crate) struct Checking<'b, R> {
    inner: R,
    blocks: &'b [[u8; 32]],
    next: usize,
    buf: Vec<u8>,
    at: usize,
    changed: bool,
}

impl<'b, R: io::Read> Checking<'b, R> {
    pub(crate) fn new(inner: R, blocks: &'b [[u8; 32]]) -> Self {
        Checking { inner, blocks, next: 0, buf: Vec::new(), at: 0, changed: false }
    }

    /// Whether a block differed from the first read's.
    pub(crate) fn changed(&self) -> bool {
        self.changed
    }
}

impl<R: io::Read> io::Read for Checking<'_, R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        use sha2::Digest;
        if self.at == self.buf.len() {
            self.buf.clear();
            self.at = 0;
            if let Err(e) = (&mut self.inner).take(BLOCK as u64).read_to_end(&mut self.buf) {
                // What was read before the error is not given out unchecked on the next call.
                self.buf.clear();
                return Err(e);
            }
            if self.buf.is_empty() {
                // Shorter than the first read: blocks weighed were never given out.
                if self.next != self.blocks.len() {
                    self.changed = true;
                    return Err(io::Error::other("the file changed between two reads of it"));
                }
                return Ok(0);
            }
            let digest: [u8; 32] = sha2::Sha256::digest(&self.buf).into();
            if self.blocks.get(self.next) != Some(&digest) {
                self.changed = true;
                self.buf.clear();
                return Err(io::Error::other("the file changed between two reads of it"));
            }
            self.next += 1;
        }
        let left = self.buf.get(self.at..).unwrap_or_default();
        let n = left.len().min(out.len());
        out.get_mut(..n).unwrap_or_default().copy_from_slice(left.get(..n).unwrap_or_default());
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_read_is_given_out_only_as_the_first() {
        use std::io::Read;
        let first: Vec<u8> = (0..(2 * BLOCK + 10)).map(|i| (i % 251) as u8).collect();
        let mut rec = Recording::new(first.as_slice());
        std::io::copy(&mut rec, &mut std::io::sink()).unwrap();
        let blocks = rec.finish();
        assert_eq!(blocks.len(), 3);
        let mut same = Vec::new();
        let mut check = Checking::new(first.as_slice(), &blocks);
        check.read_to_end(&mut same).unwrap();
        assert_eq!((same == first, check.changed()), (true, false));
        // One byte changed in the second block: the first block is given, then an error.
        let mut other = first.clone();
        other[BLOCK + 5] ^= 1;
        let mut check = Checking::new(other.as_slice(), &blocks);
        let mut got = vec![0u8; BLOCK];
        check.read_exact(&mut got).unwrap();
        assert!(check.read_to_end(&mut Vec::new()).is_err());
        assert!(check.changed());
        // Longer than the first read: refused at the extra block.
        let mut longer = first.clone();
        longer.extend(std::iter::repeat_n(7u8, BLOCK));
        let mut check = Checking::new(longer.as_slice(), &blocks);
        assert!(check.read_to_end(&mut Vec::new()).is_err());
        // Shorter: refused at the end, where a block is missing.
        let mut check = Checking::new(&first[..BLOCK], &blocks);
        assert!(check.read_to_end(&mut Vec::new()).is_err());
        assert!(check.changed());
    }
}
