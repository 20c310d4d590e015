//! gzip-compressed WARC and ARC files: member by member, each member's damage costing only
//! itself, decompression bounded by a multiple of the bytes read.

use std::cell::Cell;
use std::io::{self, BufRead, BufReader, Read};
use std::rc::Rc;

use super::{Counted, INFLATE_RATIO, Place, Scan, read_records};

/// Skips to just after the next gzip member's magic (`1f 8b 08`), after a damaged member;
/// returns the magic consumed, empty at the end of input.
fn next_member(r: &mut impl BufRead) -> io::Result<Vec<u8>> {
    const MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];
    let mut matched = 0usize;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(Vec::new());
        }
        let mut used = 0;
        for &b in buf {
            used += 1;
            matched = if b == MAGIC[matched] { matched + 1 } else { usize::from(b == MAGIC[0]) };
            if matched == MAGIC.len() {
                r.consume(used);
                return Ok(MAGIC.to_vec());
            }
        }
        r.consume(used);
    }
}

/// Consumes up to `n` bytes (fewer only at the end of input), however the reader's buffer
/// happens to be filled.
pub(super) fn take_bytes(r: &mut impl BufRead, n: usize) -> io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        let k = buf.len().min(n - out.len());
        out.extend_from_slice(&buf[..k]);
        r.consume(k);
    }
    Ok(out)
}

/// A reader that tallies the bytes read from it in a shared counter.
struct Tally<R> {
    inner: R,
    n: Rc<Cell<u64>>,
}

impl<R: Read> Read for Tally<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let k = self.inner.read(buf)?;
        self.n.set(self.n.get() + k as u64);
        Ok(k)
    }
}

/// Decompressed bytes, ending early (and saying so in `bomb`) once they are more than
/// [`INFLATE_RATIO`] times the compressed bytes read, plus [`INFLATE_FLOOR`].
struct Guard<R> {
    inner: R,
    floor: u64,
    raw: Rc<Cell<u64>>,
    out: u64,
    bomb: Rc<Cell<bool>>,
}

impl<R: Read> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.out > self.raw.get().saturating_mul(INFLATE_RATIO).saturating_add(self.floor) {
            self.bomb.set(true);
            return Ok(0);
        }
        let k = self.inner.read(buf)?;
        self.out += k as u64;
        Ok(k)
    }
}

pub(super) fn scan_gzip(file: impl Read, scan: &mut Scan) -> Result<(), String> {
    let raw = Rc::new(Cell::new(0));
    let mut outer = Counted { inner: BufReader::new(Tally { inner: file, n: raw.clone() }), pos: 0 };
    // The first bytes of the next member, already consumed (its magic).
    let mut prefix: Vec<u8> = Vec::new();
    loop {
        if prefix.is_empty() {
            // Two bytes, even when a member ends one byte before the buffer's end.
            let magic = take_bytes(&mut outer, 2).map_err(|e| e.to_string())?;
            if magic.is_empty() {
                return Ok(());
            }
            if magic == [0x1f, 0x8b] {
                prefix = magic;
            } else {
                let at = outer.pos - magic.len() as u64;
                scan.warn(format!("the bytes at {at} are not a gzip member; they are skipped"));
                let mut rest = io::Cursor::new(magic).chain(&mut outer);
                prefix = next_member(&mut rest).map_err(|e| e.to_string())?;
                if prefix.is_empty() {
                    return Ok(());
                }
            }
        }
        let member = outer.pos - prefix.len() as u64;
        let remaining = scan.limits.scan_bytes.saturating_sub(scan.decompressed);
        if remaining == 0 {
            scan.cut = true;
            return Ok(());
        }
        let decoder = flate2::bufread::GzDecoder::new(io::Cursor::new(std::mem::take(&mut prefix)).chain(&mut outer));
        let guard = Guard {
            inner: decoder,
            floor: scan.limits.inflate_floor,
            raw: raw.clone(),
            out: scan.decompressed,
            bomb: scan.bomb.clone(),
        };
        let mut inner = Counted { inner: BufReader::new(guard.take(remaining)), pos: 0 };
        let mut result = read_records(&mut inner, scan, Place::Member(member), remaining);
        if result.is_ok() && !scan.cut {
            // What a cut-short record left of the member.
            result = io::copy(&mut inner, &mut io::sink()).map(|_| ());
        }
        scan.decompressed += inner.pos;
        if scan.cut || scan.bomb.get() || scan.decompressed >= scan.limits.scan_bytes {
            scan.cut = true;
            return Ok(());
        }
        drop(inner);
        if let Err(e) = result {
            scan.warn(format!(
                "the gzip member at byte {member} is damaged ({e}); what it held before the damage is kept, \
                 reading goes on at the next member"
            ));
            prefix = next_member(&mut outer).map_err(|e| e.to_string())?;
            if prefix.is_empty() {
                return Ok(());
            }
        }
    }
}
