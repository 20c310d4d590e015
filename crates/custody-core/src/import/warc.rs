//! WARC and ARC files, plain or gzip-compressed: every record is read, in one streaming pass.
//!
//! What is read is what the files say: the pages captured (each HTTP or HTTPS response,
//! resource or revisit record: URL, time, status and where its redirects led), the capture
//! window over all of them (revisits included), and the tool from the `warcinfo` record.
//! Records of other schemes (`dns:`, wget's `metadata://` log and arguments) and other types
//! (`warcinfo`, `request`, `metadata`) are never pages.
//!
//! Compression is recognised by content (the gzip magic `1f 8b`), not by name. A `.warc.gz`
//! is a series of gzip members (one per record, usually; bgzip-style writers cut records
//! across members), read as one stream. A damaged record or member costs only itself: a
//! warning names its byte offset, and reading goes on at the next record start (after a
//! damaged member: the next record start in the members that follow). Memory is bounded (header
//! size, pages listed, warnings kept); time is linear in the bytes read, which are bounded
//! after decompression by [`WarcLimits::scan_bytes`].

use std::cell::Cell;
use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Read};
use std::rc::Rc;

use super::{Imported, clean};
use crate::provenance::{CaptureMethod, CaptureTool, CapturedPage, FileRole};
use crate::time::Timestamp;

mod gzip;
mod http;

use gzip::{scan_gzip, take_bytes};
use http::{http_head, resolve};

/// Largest WARC record header (or ARC header line) read.
const HEADER_BYTES: usize = 64 << 10;
/// Most header lines in one WARC record.
const HEADER_LINES: usize = 1024;
/// Bytes of a record's block read for its HTTP status line and headers (or `warcinfo` fields).
const BLOCK_HEAD: u64 = 16 << 10;
/// Warnings kept per file (the rest are counted).
const WARNINGS: usize = 20;
/// Redirects followed from one page.
const REDIRECT_HOPS: usize = 20;
/// Longest URL kept (a manifest text, §5.1).
const URL_CHARS: usize = 1024;
/// A gzip file is decompressed to at most this many times the bytes read from it, plus
/// [`WarcLimits::inflate_floor`] ([`INFLATE_FLOOR`] by default): WARC records compress 3 to
/// 10 times; beyond this it is a decompression bomb, read no further (with a warning), so
/// that time stays linear in the file's size.
const INFLATE_RATIO: u64 = 100;
const INFLATE_FLOOR: u64 = 256 << 20;

/// How much of a WARC file one scan reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WarcLimits {
    /// Bytes read at most after decompression; a longer file is read up to here, with a
    /// warning, and gets no capture end.
    pub scan_bytes: u64,
    /// Pages listed at most; further pages are counted, not listed.
    pub pages: usize,
    /// A gzip file is decompressed to at most 100 times the bytes read from it
    /// plus this many bytes.
    pub inflate_floor: u64,
}

impl Default for WarcLimits {
    fn default() -> Self {
        WarcLimits { scan_bytes: 16 << 30, pages: 10_000, inflate_floor: INFLATE_FLOOR }
    }
}

/// A `BufRead` that counts the bytes consumed from it.
struct Counted<R> {
    inner: R,
    pos: u64,
}

impl<R: BufRead> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.inner.consume(amt);
        self.pos += amt as u64;
    }
}

/// Where a record is, for warnings.
#[derive(Clone, Copy)]
enum Place<'a> {
    Plain,
    /// In a gzip file: the byte offset of the member being read.
    Member(&'a Cell<u64>),
}

impl Place<'_> {
    fn at(self, pos: u64) -> String {
        match self {
            Place::Plain => format!("at byte {pos}"),
            Place::Member(m) => format!("in the gzip member at byte {}", m.get()),
        }
    }
}

/// What a scan has found so far.
#[derive(Default)]
struct Scan {
    limits: WarcLimits,
    pages: Vec<CapturedPage>,
    /// For each listed page answered by a redirect, where it points (resolved).
    locations: Vec<Option<String>>,
    pages_total: u64,
    records: u64,
    arc: bool,
    earliest: Option<Timestamp>,
    latest: Option<Timestamp>,
    software: Option<String>,
    warnings: Vec<String>,
    warnings_total: usize,
    /// The scan stopped at `limits.scan_bytes`.
    cut: bool,
    /// The scan stopped as the file decompressed to more than [`INFLATE_RATIO`] times its size.
    bomb: Rc<Cell<bool>>,
    decompressed: u64,
    /// Pages counted but not listed: their URL is too long or holds control characters.
    unlisted_urls: u64,
    /// Redirects whose headers go beyond the part of the block read: their Location is not read.
    long_heads: u64,
}

impl Scan {
    fn warn(&mut self, w: String) {
        self.warnings_total += 1;
        if self.warnings.len() < WARNINGS {
            self.warnings.push(w);
        }
    }
}

/// One line without its line end; `None` at end of input. A line longer than `max` is
/// consumed to its end and returned as `Err(len)`.
fn read_line(r: &mut impl BufRead, max: usize) -> io::Result<Option<Result<Vec<u8>, usize>>> {
    let mut line = Vec::new();
    let n = r.by_ref().take(max as u64 + 1).read_until(b'\n', &mut line)?;
    if n == 0 {
        return Ok(None);
    }
    if line.len() > max && line.last() != Some(&b'\n') {
        // Discard the rest of the line, a bounded buffer at a time.
        let mut skipped = line.len();
        loop {
            let buf = r.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            match buf.iter().position(|b| *b == b'\n') {
                Some(i) => {
                    r.consume(i + 1);
                    skipped += i + 1;
                    break;
                }
                None => {
                    let n = buf.len();
                    r.consume(n);
                    skipped += n;
                }
            }
        }
        return Ok(Some(Err(skipped)));
    }
    while matches!(line.last(), Some(b'\n' | b'\r')) {
        line.pop();
    }
    Ok(Some(Ok(line)))
}

/// Skips `len` bytes; returns how many there were.
fn skip(r: &mut impl BufRead, len: u64) -> io::Result<u64> {
    io::copy(&mut r.by_ref().take(len), &mut io::sink())
}

/// An ARC record's header line: URL, date and length (`URL IP date type length` in version 1,
/// more fields in version 2, the length always last).
fn arc_header(line: &[u8]) -> Option<(String, Option<Timestamp>, u64)> {
    let line = std::str::from_utf8(line).ok()?;
    let fields: Vec<&str> = line.split(' ').collect();
    if fields.len() < 5 {
        return None;
    }
    let len = fields.last()?.parse().ok()?;
    let date = chrono::NaiveDateTime::parse_from_str(fields[2], "%Y%m%d%H%M%S")
        .ok()
        .and_then(|d| Timestamp::from_unix(d.and_utc().timestamp()));
    Some((fields[0].to_string(), date, len))
}

fn is_http(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// A record's header: its type, date, target URI and block length.
struct Header {
    kind: String,
    date: Option<Timestamp>,
    uri: Option<String>,
    len: u64,
}

/// Reads the rest of a WARC header after its version line; `Err` with the reason it is bad.
fn warc_header(r: &mut impl BufRead) -> io::Result<Result<Header, String>> {
    let mut h = Header { kind: String::new(), date: None, uri: None, len: 0 };
    let mut len = None;
    let mut total = 0usize;
    for _ in 0..HEADER_LINES {
        let line = match read_line(r, HEADER_BYTES)? {
            None => return Ok(Err("it ends in its header".into())),
            Some(Err(_)) => return Ok(Err("a header line is too long".into())),
            Some(Ok(l)) => l,
        };
        total += line.len();
        if total > HEADER_BYTES {
            return Ok(Err("its header is too long".into()));
        }
        if line.is_empty() {
            return Ok(match len {
                Some(l) => {
                    h.len = l;
                    Ok(h)
                }
                None => Err("it has no valid Content-Length".into()),
            });
        }
        let line = String::from_utf8_lossy(&line);
        let Some((k, v)) = line.split_once(':') else { continue };
        let v = v.trim();
        match k.trim().to_ascii_lowercase().as_str() {
            "content-length" => len = v.parse().ok(),
            "warc-type" => h.kind = v.to_ascii_lowercase(),
            "warc-date" => h.date = super::machine_time(v),
            "warc-target-uri" => h.uri = Some(v.trim_matches(['<', '>']).to_string()),
            _ => {}
        }
    }
    Ok(Err("its header has too many lines".into()))
}

/// Takes in one record: `head` is the start of its block.
fn take_record(scan: &mut Scan, h: &Header, head: &[u8]) {
    scan.records += 1;
    if h.kind == "warcinfo" {
        if scan.software.is_none() {
            scan.software = String::from_utf8_lossy(head)
                .lines()
                .find_map(|l| l.split_once(':').filter(|(k, _)| k.trim().eq_ignore_ascii_case("software")))
                .and_then(|(_, v)| clean(v, 1024));
        }
        return;
    }
    if !matches!(h.kind.as_str(), "response" | "resource" | "revisit") {
        return;
    }
    let Some(url) = h.uri.as_deref().filter(|u| is_http(u)) else { return };
    // A page, whatever its URL looks like: it counts, and its time is in the window.
    if let Some(d) = h.date {
        scan.earliest = Some(scan.earliest.map_or(d, |e| e.min(d)));
        scan.latest = Some(scan.latest.map_or(d, |l| l.max(d)));
    }
    scan.pages_total += 1;
    let Some(url) = clean(url, URL_CHARS) else {
        scan.unlisted_urls += 1;
        return;
    };
    if scan.pages.len() >= scan.limits.pages {
        return;
    }
    let (status, location) = if h.kind == "resource" { (None, None) } else { http_head(head) };
    if status.is_some_and(|s| (300..400).contains(&s))
        && location.is_none()
        && head.len() as u64 >= BLOCK_HEAD
        && !head.windows(4).any(|w| w == b"\r\n\r\n")
    {
        scan.long_heads += 1;
    }
    let location = location.filter(|_| status.is_some_and(|s| (300..400).contains(&s))).map(|l| resolve(&url, &l));
    scan.locations.push(location.and_then(|l| clean(&l, URL_CHARS)));
    scan.pages.push(CapturedPage { url, time: h.date, status, final_url: None, revisit: h.kind == "revisit" });
}

/// Reads records from a stream (a plain file, or a gzip file's members in turn) until its
/// end. `limit`: the bytes this stream may give before the scan limit is reached. `Err`: the
/// stream itself failed (a damaged gzip member); `resume` then goes on at the next record
/// start after the damage.
fn read_records<B: BufRead>(
    r: &mut Counted<B>,
    scan: &mut Scan,
    place: Place,
    limit: u64,
    resume: bool,
) -> io::Result<()> {
    let mut pending: Option<(u64, Vec<u8>)> = None;
    if resume {
        pending = resync(r, scan.arc)?;
        if pending.is_none() {
            return Ok(());
        }
    }
    loop {
        let mut start = r.pos;
        let first = match pending.take() {
            Some((at, l)) => {
                start = at;
                l
            }
            None => match read_line(r, HEADER_BYTES)? {
                None => return Ok(()),
                Some(Ok(l)) if l.is_empty() => continue,
                Some(Ok(l)) => l,
                Some(Err(_)) => Vec::new(), // a line too long to be a record's start
            },
        };
        let header = if is_warc_version(&first) {
            warc_header(r)?
        } else if let Some((uri, date, len)) =
            arc_header(&first).filter(|_| scan.arc || (scan.records == 0 && first.starts_with(b"filedesc://")))
        {
            scan.arc = true;
            let kind = if uri.starts_with("filedesc:") { "arcinfo" } else { "response" };
            Ok(Header { kind: kind.into(), date, uri: Some(uri), len })
        } else {
            Err("not the start of a WARC record".to_string())
        };
        let h = match header {
            Ok(h) => h,
            Err(why) => {
                if r.pos >= limit || scan.bomb.get() {
                    scan.cut = true;
                    return Ok(());
                }
                scan.warn(format!("the record {} is damaged ({why}); it is skipped", place.at(start)));
                pending = resync(r, scan.arc)?;
                if pending.is_none() {
                    return Ok(());
                }
                continue;
            }
        };
        let mut head = Vec::new();
        let read = r
            .by_ref()
            .take(h.len.min(BLOCK_HEAD))
            .read_to_end(&mut head)
            .and_then(|_| skip(r, h.len - head.len() as u64));
        let rest = match read {
            Ok(rest) => rest,
            Err(e) => {
                // The stream broke inside the block (a damaged gzip member): the header is
                // whole, so the record is listed, as stock readers do; the caller warns.
                take_record(scan, &h, &head);
                return Err(e);
            }
        };
        // A record cut short keeps what its header says (its URL, time and status are whole),
        // as stock readers list it; the warning says its content is not.
        take_record(scan, &h, &head);
        if head.len() as u64 + rest < h.len {
            if r.pos >= limit || scan.bomb.get() {
                scan.cut = true;
            } else {
                scan.warn(format!(
                    "the record {} is cut short (Content-Length {}, {} bytes follow): its content is incomplete",
                    place.at(start),
                    h.len,
                    head.len() as u64 + rest
                ));
            }
            return Ok(());
        }
    }
}

/// Whether a line is a WARC version line: `WARC/` and a digit (1.0, 1.1, and the drafts
/// 0.17 and 0.18 Heritrix wrote).
fn is_warc_version(line: &[u8]) -> bool {
    line.strip_prefix(b"WARC/").and_then(|v| v.first()).is_some_and(u8::is_ascii_digit)
}

/// Whether a line, met while looking for the next record of an ARC file, is an ARC record's
/// header line: not only five or more fields ending in a number, but a URL with a scheme and
/// a 14-digit date, so that a line of a record's content is not taken for one.
fn is_arc_start(line: &[u8]) -> bool {
    arc_header(line).is_some_and(|(url, date, _)| date.is_some() && url.contains(':'))
}

/// Skips to the next line that starts a record; returns it with its byte offset, or `None`
/// at the end.
fn resync<B: BufRead>(r: &mut Counted<B>, arc: bool) -> io::Result<Option<(u64, Vec<u8>)>> {
    loop {
        let at = r.pos;
        match read_line(r, HEADER_BYTES)? {
            None => return Ok(None),
            Some(Ok(l)) if is_warc_version(&l) || arc && is_arc_start(&l) => return Ok(Some((at, l))),
            Some(_) => {}
        }
    }
}

/// Reads a WARC or ARC file, plain or gzip-compressed (detected by content).
pub fn read_warc<R: Read>(file: R) -> Result<Imported, String> {
    read_warc_with(file, WarcLimits::default())
}

/// [`read_warc`] with given limits.
pub fn read_warc_with<R: Read>(file: R, limits: WarcLimits) -> Result<Imported, String> {
    let mut file = BufReader::new(file);
    let magic = take_bytes(&mut file, 4).map_err(|e| e.to_string())?;
    let file = io::Cursor::new(magic.clone()).chain(file);
    let mut scan = Scan { limits, ..Scan::default() };
    match magic.as_slice() {
        [0x1f, 0x8b, ..] => scan_gzip(file, &mut scan)?,
        [0x28, 0xb5, 0x2f, 0xfd] => return Err("it is zstd-compressed, which custody does not read".into()),
        _ => {
            let mut r = Counted { inner: BufReader::new(file.take(limits.scan_bytes)), pos: 0 };
            read_records(&mut r, &mut scan, Place::Plain, limits.scan_bytes, false).map_err(|e| e.to_string())?;
        }
    }
    finish(scan)
}

fn finish(mut scan: Scan) -> Result<Imported, String> {
    let format = if scan.arc { "ARC" } else { "WARC" };
    if scan.records == 0 {
        let why = scan.warnings.first().map_or(String::new(), |w| format!(": {w}"));
        return Err(format!("not a WARC or ARC file (no record could be read{why})"));
    }
    if scan.pages_total == 0 {
        let damaged = scan.warnings.first().map_or(String::new(), |w| format!("; {w}"));
        return Err(format!(
            "no HTTP or HTTPS page in its {} records (only records such as warcinfo, dns: or metadata){damaged}",
            scan.records
        ));
    }
    // Where each redirect leads: followed through the pages of this file, each hop to the
    // next record of the target URL after the redirect's own (never to an earlier capture).
    let mut records_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in scan.pages.iter().enumerate() {
        records_of.entry(p.url.as_str()).or_default().push(i);
    }
    let next_of = |url: &str, after: usize| {
        let list = records_of.get(url)?;
        list.get(list.partition_point(|j| *j <= after)).copied()
    };
    let finals: Vec<Option<String>> = (0..scan.pages.len())
        .map(|i| {
            let mut at = scan.locations[i].as_deref()?;
            let mut from = i;
            for _ in 0..REDIRECT_HOPS {
                let Some(j) = next_of(at, from) else { break };
                match scan.locations[j].as_deref() {
                    Some(next) if next != at => {
                        at = next;
                        from = j;
                    }
                    _ => break,
                }
            }
            Some(at.to_string()).filter(|f| *f != scan.pages[i].url)
        })
        .collect();
    for (p, f) in scan.pages.iter_mut().zip(finals) {
        p.final_url = f;
    }
    let mut out = Imported { role: Some(FileRole::Warc), format, ..Default::default() };
    let c = &mut out.capture;
    let k = &mut out.keys;
    let main = scan.pages.iter().find(|p| !p.url.ends_with("/robots.txt")).or(scan.pages.first());
    if let Some(p) = main {
        c.source_url = Some(p.url.clone());
        k.push(("source_url", "WARC-Target-URI (first page)".into()));
        if let Some(f) = &p.final_url {
            c.final_url = Some(f.clone());
            k.push(("final_url", "HTTP Location (redirects of the first page)".into()));
        }
    }
    if let Some(t) = scan.earliest {
        c.captured_at = Some(t);
        k.push(("captured_at", "WARC-Date (earliest page)".into()));
    }
    if !scan.cut
        && let Some(t) = scan.latest.filter(|l| Some(*l) != scan.earliest)
    {
        c.capture_end = Some(t);
        k.push(("capture_end", "WARC-Date (latest page)".into()));
    }
    if let Some(s) = scan.software.take() {
        c.tool = Some(CaptureTool { name: s, version: None, sha256: None });
        k.push(("tool", "warcinfo software".into()));
    }
    c.methods = vec![CaptureMethod::Warc];
    k.push(("methods", "(file format)".into()));
    if scan.warnings_total > scan.warnings.len() {
        let more = scan.warnings_total - scan.warnings.len();
        scan.warnings.push(format!("and {more} more damaged records or members"));
    }
    if scan.unlisted_urls > 0 {
        scan.warnings.push(format!(
            "{} of its pages have a URL longer than {URL_CHARS} characters or holding control characters: they \
             are counted in its pages and its capture window, but their URLs are left out of the list",
            scan.unlisted_urls
        ));
    }
    if scan.long_heads > 0 {
        scan.warnings.push(format!(
            "{} of its redirects have HTTP headers longer than {} KiB: their Location is not read, so where they \
             lead is not recorded",
            scan.long_heads,
            BLOCK_HEAD >> 10
        ));
    }
    if scan.bomb.get() {
        scan.warnings.push(format!(
            "it decompresses to more than {INFLATE_RATIO} times its size (a decompression bomb, not a web \
             archive): only its first {} MiB (decompressed) were read, pages after that are not listed and no \
             capture end is recorded",
            scan.decompressed >> 20
        ));
    } else if scan.cut {
        scan.warnings.push(format!(
            "only its first {} MiB (decompressed) were read: pages after that are not listed and no capture end is \
             recorded",
            scan.limits.scan_bytes >> 20
        ));
    }
    if scan.pages.len() >= scan.limits.pages && scan.pages_total > scan.pages.len() as u64 {
        scan.warnings.push(format!("it holds {} pages; the first {} are listed", scan.pages_total, scan.pages.len()));
    }
    out.pages = scan.pages;
    out.pages_total = scan.pages_total;
    out.warnings = scan.warnings;
    Ok(out)
}

#[cfg(test)]
pub(super) mod tests;
