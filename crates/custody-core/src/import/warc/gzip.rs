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

/// The decompressed bytes of every gzip member in turn, as one stream: a record may span
/// members (bgzip-style block compression cuts records at fixed sizes), so members are not
/// read on their own. A damaged member, or bytes between members that are not one, gives
/// one error naming its byte offset (what the member held before the damage has been
/// given); the next read goes on at the next member.
struct Members<B: BufRead> {
    state: State<B>,
    /// The byte offset (compressed) of the member being read, for warnings.
    member: Rc<Cell<u64>>,
}

type Member<B> = flate2::bufread::GzDecoder<io::Chain<io::Cursor<Vec<u8>>, Counted<B>>>;

enum State<B: BufRead> {
    /// Between members, with the first bytes of the next one already consumed.
    Between(Counted<B>, Vec<u8>),
    In(Box<Member<B>>),
    /// Reading failed for good, or ended.
    Done,
}

impl<B: BufRead> Members<B> {
    /// After a member's end or damage: the outer reader, and the next member's magic found.
    fn after(decoder: Member<B>, damaged: bool) -> io::Result<(Counted<B>, Vec<u8>)> {
        let (rest, mut outer) = decoder.into_inner().into_inner();
        // What the decoder had consumed of the prefix is gone; an unread rest cannot be
        // a member's start (the prefix is only ever a magic the decoder reads first).
        drop(rest);
        let prefix = if damaged { next_member(&mut outer)? } else { Vec::new() };
        Ok((outer, prefix))
    }
}

impl<B: BufRead> Read for Members<B> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return Ok(0),
                State::Between(mut outer, mut prefix) => {
                    if prefix.is_empty() {
                        // Two bytes, even when a member ends one byte before the buffer's end.
                        let magic = take_bytes(&mut outer, 2)?;
                        if magic.is_empty() {
                            return Ok(0);
                        }
                        if magic != [0x1f, 0x8b] {
                            let at = outer.pos - magic.len() as u64;
                            let mut rest = io::Cursor::new(magic).chain(&mut outer);
                            let found = next_member(&mut rest)?;
                            if !found.is_empty() {
                                self.state = State::Between(outer, found);
                            }
                            return Err(io::Error::new(
                                io::ErrorKind::InvalidData,
                                format!("the bytes at {at} are not a gzip member; they are skipped"),
                            ));
                        }
                        prefix = magic;
                    }
                    self.member.set(outer.pos - prefix.len() as u64);
                    let decoder = flate2::bufread::GzDecoder::new(io::Cursor::new(prefix).chain(outer));
                    self.state = State::In(Box::new(decoder));
                }
                State::In(mut decoder) => match decoder.read(buf) {
                    Ok(0) if !buf.is_empty() => {
                        let (outer, prefix) = Self::after(*decoder, false)?;
                        self.state = State::Between(outer, prefix);
                    }
                    Ok(k) => {
                        self.state = State::In(decoder);
                        return Ok(k);
                    }
                    Err(e) => {
                        let member = self.member.get();
                        let (outer, prefix) = Self::after(*decoder, true)?;
                        if !prefix.is_empty() {
                            self.state = State::Between(outer, prefix);
                        }
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidData,
                            format!(
                                "the gzip member at byte {member} is damaged ({e}); what it held before the damage is \
                                 kept, reading goes on at the next member"
                            ),
                        ));
                    }
                },
            }
        }
    }
}

pub(super) fn scan_gzip(file: impl Read, scan: &mut Scan) -> Result<(), String> {
    let raw = Rc::new(Cell::new(0));
    let outer = Counted { inner: BufReader::new(Tally { inner: file, n: raw.clone() }), pos: 0 };
    let member = Rc::new(Cell::new(0));
    let members = Members { state: State::Between(outer, Vec::new()), member: member.clone() };
    let guard = Guard { inner: members, floor: scan.limits.inflate_floor, raw, out: 0, bomb: scan.bomb.clone() };
    let limit = scan.limits.scan_bytes;
    let mut inner = Counted { inner: BufReader::new(guard.take(limit)), pos: 0 };
    let mut resume = false;
    loop {
        let result = read_records(&mut inner, scan, Place::Member(&member), limit, resume);
        scan.decompressed = inner.pos;
        if scan.cut || scan.bomb.get() || scan.decompressed >= limit {
            scan.cut = true;
            return Ok(());
        }
        match result {
            Ok(()) => return Ok(()),
            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                scan.warn(e.to_string());
                resume = true;
            }
            Err(e) => return Err(e.to_string()),
        }
    }
}
