//! The manifest's weight (spec §9.4, §9.1 step 8): what a reader must hold of
//! `custody/manifest.json`, measured in one streaming pass over its bytes before its schema
//! is checked, holding nothing of it but a few short names.
//!
//! The manifest may be 512 MiB, and a reader holds its text (labels, notes, names), so without
//! a bound a verifier's memory followed the manifest's size: a 400 MB note cost 796 MiB, sixty
//! million empty strings in one array 1.4 GiB, a million records of distinct long paths, names
//! and media types 711 MiB (issue #13.4 asks 256 MiB). The weight counts what a reader holds:
//! each value's place (32) and its text, and not what a file record shares with the archive
//! (a path that is an entry's name, an original name that ends its path, a media type already
//! seen). File records are bounded by count (`manifest.too_many_files`) and held in a fixed
//! size, so their fixed members weigh nothing.
//!
//! This pass also decides whether the bytes are JSON at all (RFC 8259: UTF-8, strings as
//! `serde_json` reads them into text, so no lone surrogate escape, nesting at most
//! [`MAX_DEPTH`] deep as `serde_json` allows, numbers by the grammar alone, of any magnitude):
//! a manifest that is not JSON is `manifest.invalid` whatever it weighs, so that both
//! verifiers decide the same way without having to agree on where a heavy manifest stops
//! being read.
//!
//! A reader reads the manifest twice (weighed, then parsed): `manifest::reread` holds the
//! second read to the first, so a file that changes between the reads is refused before the
//! parser holds what was not weighed.

use std::collections::HashSet;
use std::io::{self, BufRead};

/// What one value outside file records weighs beyond its text (spec §9.4): about what a reader
/// holds for a value's place (a `String` is 24 bytes and its text a heap block of at least 32,
/// an element of a list grown by doubling up to twice its size).
pub const VALUE_WEIGHT: u64 = 64;

/// What a file record's path, original name or media type that it cannot share weighs beyond
/// its bytes (spec §9.4): the record keeps it in its own text, not a value of its own.
pub const RECORD_TEXT_WEIGHT: u64 = 32;

/// Arrays and objects may be nested this deep (the top-level value is at depth 1); the next
/// `[` or `{` is refused, as `serde_json` refuses it (its recursion limit).
pub const MAX_DEPTH: usize = 127;

/// What an item's `capture` object weighs in place of [`VALUE_WEIGHT`] (spec §9.4): a reader
/// keeps a place for each of a declared capture's forty-odd members (the reference about 900
/// bytes), whatever few the manifest gives.
pub const CAPTURE_WEIGHT: u64 = 1024;

/// An original name longer than this always weighs its length (spec §9.4): a reader keeps
/// longer names apart from their path. An entry name's limit, so at least any bag path's.
pub const MAX_SHARED_NAME: usize = crate::layout::MAX_NAME_LEN;

/// A media type longer than this always weighs its length (spec §9.4): it is never taken as
/// one seen before.
pub const MAX_SHARED_MEDIA_TYPE: usize = 255;

/// How many distinct media types (of at most [`MAX_SHARED_MEDIA_TYPE`] bytes) a reader
/// remembers as seen, the first in document order (spec §9.4): a record's media type weighs
/// nothing only if it is one of them. Real captures have a few dozen; remembering every one
/// would let a manifest make the weigher itself hold millions.
pub const MAX_SHARED_MEDIA_TYPES: usize = 1024;

/// Why a manifest was not weighed.
#[derive(Debug, thiserror::Error)]
pub enum WeighError {
    /// The bytes are not JSON as the spec reads it (§9.1 step 8): where and why.
    #[error("{0}")]
    NotJson(String),
    /// The bytes could not be read.
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// The weight of the JSON text read from `from` (spec §9.4), `is_entry` telling whether a bag
/// path is the name of one of the bundle's payload entries. Reads to the end of the value (and
/// its trailing white space); holds at most a few names of at most [`MAX_SHARED_NAME`] bytes
/// and [`MAX_SHARED_MEDIA_TYPES`] short media types.
pub fn weigh(from: impl BufRead, is_entry: impl Fn(&str) -> bool) -> Result<u64, WeighError> {
    let mut w = Weigher { r: Bytes { r: from, at: 0 }, weight: 0, seen: HashSet::new(), is_entry: &is_entry };
    w.r.skip_ws()?;
    w.value(Place::Top, 1)?;
    w.r.skip_ws()?;
    if let Some(b) = w.r.peek()? {
        return Err(w.r.not_json(&format!("unexpected {} after the JSON value", shown(b))));
    }
    Ok(w.weight)
}

/// Where a value is, for what it weighs (spec §9.4): the top-level value, the top-level
/// object's `items` array, an item, an item's `files` array, a file record, or anywhere else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Top,
    Items,
    Item,
    /// An item's `capture` member, when it is an object.
    Capture,
    Files,
    Record,
    Other,
}

impl Place {
    /// What a value here weighs beyond its text.
    fn weight(self) -> u64 {
        match self {
            Place::Record => 0,
            Place::Capture => CAPTURE_WEIGHT,
            _ => VALUE_WEIGHT,
        }
    }
}

struct Weigher<'a, R> {
    r: Bytes<R>,
    weight: u64,
    /// The first [`MAX_SHARED_MEDIA_TYPES`] media types of at most [`MAX_SHARED_MEDIA_TYPE`]
    /// bytes seen in file records.
    seen: HashSet<Box<str>>,
    is_entry: &'a dyn Fn(&str) -> bool,
}

/// A file record's three weighed members, the first of each whose value is a string.
#[derive(Default)]
struct RecordTexts {
    /// The path's length, and its last [`MAX_SHARED_NAME`] bytes (all of it when shorter).
    path: Option<(u64, Vec<u8>)>,
    original: Option<(u64, Vec<u8>)>,
    media: Option<(u64, Vec<u8>)>,
}

impl<R: BufRead> Weigher<'_, R> {
    fn add(&mut self, w: u64) {
        self.weight = self.weight.saturating_add(w);
    }

    /// One value at `place`, nested at `depth` (1 for the top-level value).
    fn value(&mut self, place: Place, depth: usize) -> Result<(), WeighError> {
        let Some(b) = self.r.peek()? else {
            return Err(self.r.not_json("the text ends where a value was expected"));
        };
        match b {
            b'{' | b'[' if depth > MAX_DEPTH => {
                Err(self.r.not_json(&format!("arrays and objects nested more than {MAX_DEPTH} deep")))
            }
            b'{' => self.object(place, depth),
            b'[' => self.array(place, depth),
            b'"' => {
                let len = self.r.string(&mut Keep::None)?;
                if place != Place::Record {
                    self.add(VALUE_WEIGHT.saturating_add(len));
                }
                Ok(())
            }
            _ => {
                self.r.scalar()?;
                if place != Place::Record {
                    self.add(VALUE_WEIGHT);
                }
                Ok(())
            }
        }
    }

    fn array(&mut self, place: Place, depth: usize) -> Result<(), WeighError> {
        self.r.bump();
        if place != Place::Record {
            self.add(VALUE_WEIGHT);
        }
        let element = match place {
            Place::Items => Place::Item,
            Place::Files => Place::Record,
            _ => Place::Other,
        };
        self.r.skip_ws()?;
        if self.r.peek()? == Some(b']') {
            self.r.bump();
            return Ok(());
        }
        loop {
            self.r.skip_ws()?;
            // Only an object is an item or a record; anything else weighs as a value.
            let here = if self.r.peek()? == Some(b'{') { element } else { Place::Other };
            self.value(here, depth + 1)?;
            self.r.skip_ws()?;
            match self.r.peek()? {
                Some(b',') => self.r.bump(),
                Some(b']') => {
                    self.r.bump();
                    return Ok(());
                }
                Some(b) => return Err(self.r.not_json(&format!("expected `,` or `]`, found {}", shown(b)))),
                None => return Err(self.r.not_json("the text ends inside an array")),
            }
        }
    }

    fn object(&mut self, place: Place, depth: usize) -> Result<(), WeighError> {
        self.r.bump();
        self.add(place.weight());
        let mut texts = RecordTexts::default();
        self.r.skip_ws()?;
        if self.r.peek()? == Some(b'}') {
            self.r.bump();
            return self.record_end(place, texts);
        }
        loop {
            self.r.skip_ws()?;
            match self.r.peek()? {
                Some(b'"') => {}
                Some(b) => return Err(self.r.not_json(&format!("expected a member name, found {}", shown(b)))),
                None => return Err(self.r.not_json("the text ends inside an object")),
            }
            let mut key = Keep::Head(Vec::new(), 16);
            self.r.string(&mut key)?;
            let key = key.bytes();
            self.r.skip_ws()?;
            match self.r.peek()? {
                Some(b':') => self.r.bump(),
                Some(b) => return Err(self.r.not_json(&format!("expected `:`, found {}", shown(b)))),
                None => return Err(self.r.not_json("the text ends inside an object")),
            }
            self.r.skip_ws()?;
            let next = self.r.peek()?;
            match (place, key) {
                (Place::Top, b"items") if next == Some(b'[') => self.value(Place::Items, depth + 1)?,
                (Place::Item, b"files") if next == Some(b'[') => self.value(Place::Files, depth + 1)?,
                (Place::Item, b"capture") if next == Some(b'{') => self.value(Place::Capture, depth + 1)?,
                (Place::Record, b"path" | b"original_name" | b"media_type") if next == Some(b'"') => {
                    let slot = match key {
                        b"path" => &mut texts.path,
                        b"original_name" => &mut texts.original,
                        _ => &mut texts.media,
                    };
                    if slot.is_none() {
                        let mut tail = Keep::Tail(Vec::new(), MAX_SHARED_NAME);
                        let len = self.r.string(&mut tail)?;
                        *slot = Some((len, tail.into_bytes()));
                    } else {
                        // A repeated member (the schema refuses it later): weighs nothing.
                        self.r.string(&mut Keep::None)?;
                    }
                }
                // A record's other members weigh nothing if they are strings, numbers or
                // literals; an array or object in a record weighs as anywhere else.
                (Place::Record, _) if !matches!(next, Some(b'[' | b'{')) => self.value(Place::Record, depth + 1)?,
                _ => self.value(Place::Other, depth + 1)?,
            }
            self.r.skip_ws()?;
            match self.r.peek()? {
                Some(b',') => self.r.bump(),
                Some(b'}') => {
                    self.r.bump();
                    return self.record_end(place, texts);
                }
                Some(b) => return Err(self.r.not_json(&format!("expected `,` or `}}`, found {}", shown(b)))),
                None => return Err(self.r.not_json("the text ends inside an object")),
            }
        }
    }

    /// Adds what a file record's path, original name and media type weigh (spec §9.4).
    fn record_end(&mut self, place: Place, texts: RecordTexts) -> Result<(), WeighError> {
        if place != Place::Record {
            return Ok(());
        }
        let text = |len: u64| RECORD_TEXT_WEIGHT.saturating_add(len);
        if let Some((len, bytes)) = &texts.path {
            let entry = *len <= MAX_SHARED_NAME as u64 && std::str::from_utf8(bytes).is_ok_and(|p| (self.is_entry)(p));
            if !entry {
                self.add(text(*len));
            }
        }
        if let Some((len, bytes)) = &texts.original {
            let ends_path =
                *len <= MAX_SHARED_NAME as u64 && texts.path.as_ref().is_some_and(|(_, tail)| tail.ends_with(bytes));
            if !ends_path {
                self.add(text(*len));
            }
        }
        if let Some((len, bytes)) = texts.media {
            let short = len <= MAX_SHARED_MEDIA_TYPE as u64;
            let name = String::from_utf8(bytes).unwrap_or_default();
            if !(short && self.seen.contains(name.as_str())) {
                self.add(text(len));
                if short && self.seen.len() < MAX_SHARED_MEDIA_TYPES {
                    self.seen.insert(name.into_boxed_str());
                }
            }
        }
        Ok(())
    }
}

/// What [`Bytes::string`] keeps of a string's decoded bytes.
enum Keep {
    None,
    /// The first bytes, up to the count.
    Head(Vec<u8>, usize),
    /// The last bytes, up to the count.
    Tail(Vec<u8>, usize),
}

impl Keep {
    fn push(&mut self, bytes: &[u8]) {
        match self {
            Keep::None => {}
            Keep::Head(v, max) => {
                let room = max.saturating_sub(v.len());
                v.extend_from_slice(bytes.get(..room.min(bytes.len())).unwrap_or_default());
            }
            Keep::Tail(v, max) => {
                v.extend_from_slice(bytes);
                if v.len() > 2 * *max {
                    let cut = v.len() - *max;
                    v.drain(..cut);
                }
            }
        }
    }

    /// The bytes kept (a key: only if the whole key was kept; a longer one matches nothing).
    fn bytes(&self) -> &[u8] {
        match self {
            Keep::Head(v, max) if v.len() < *max => v,
            _ => b"",
        }
    }

    fn into_bytes(self) -> Vec<u8> {
        match self {
            Keep::None => Vec::new(),
            Keep::Head(v, _) => v,
            Keep::Tail(mut v, max) => {
                if v.len() > max {
                    let cut = v.len() - max;
                    v.drain(..cut);
                }
                v
            }
        }
    }
}

/// A byte reader over a buffered stream, counting its place for messages.
struct Bytes<R> {
    r: R,
    at: u64,
}

impl<R: BufRead> Bytes<R> {
    fn peek(&mut self) -> io::Result<Option<u8>> {
        loop {
            match self.r.fill_buf() {
                Ok(b) => return Ok(b.first().copied()),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// Consumes the byte [`Bytes::peek`] gave.
    fn bump(&mut self) {
        self.r.consume(1);
        self.at += 1;
    }

    fn next(&mut self) -> Result<u8, WeighError> {
        match self.peek()? {
            Some(b) => {
                self.bump();
                Ok(b)
            }
            None => Err(self.not_json("the text ends inside a value")),
        }
    }

    fn not_json(&self, why: &str) -> WeighError {
        WeighError::NotJson(format!("not JSON at byte {}: {why}", self.at))
    }

    fn skip_ws(&mut self) -> io::Result<()> {
        loop {
            let (n, more) = loop {
                match self.r.fill_buf() {
                    Ok(b) => {
                        let n = b.iter().take_while(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r')).count();
                        break (n, n == b.len() && !b.is_empty());
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                }
            };
            self.r.consume(n);
            self.at += n as u64;
            if !more {
                return Ok(());
            }
        }
    }

    /// A number, `true`, `false` or `null` (RFC 8259 §3, §6).
    fn scalar(&mut self) -> Result<(), WeighError> {
        let first = self.next()?;
        match first {
            b't' => self.literal(b"rue"),
            b'f' => self.literal(b"alse"),
            b'n' => self.literal(b"ull"),
            b'-' | b'0'..=b'9' => {
                let lead = if first == b'-' { self.next()? } else { first };
                match lead {
                    b'0' => {}
                    b'1'..=b'9' => self.digits()?,
                    b => return Err(self.not_json(&format!("expected a digit, found {}", shown(b)))),
                }
                if self.peek()? == Some(b'.') {
                    self.bump();
                    self.one_digit()?;
                    self.digits()?;
                }
                if let Some(b'e' | b'E') = self.peek()? {
                    self.bump();
                    if let Some(b'+' | b'-') = self.peek()? {
                        self.bump();
                    }
                    self.one_digit()?;
                    self.digits()?;
                }
                Ok(())
            }
            b => Err(self.not_json(&format!("expected a value, found {}", shown(b)))),
        }
    }

    fn literal(&mut self, rest: &[u8]) -> Result<(), WeighError> {
        for &want in rest {
            if self.next()? != want {
                return Err(self.not_json("not a value (`true`, `false` or `null` misspelt)"));
            }
        }
        Ok(())
    }

    fn one_digit(&mut self) -> Result<(), WeighError> {
        match self.next()? {
            b'0'..=b'9' => Ok(()),
            b => Err(self.not_json(&format!("expected a digit, found {}", shown(b)))),
        }
    }

    fn digits(&mut self) -> io::Result<()> {
        while let Some(b'0'..=b'9') = self.peek()? {
            self.bump();
        }
        Ok(())
    }

    /// A string whose `"` is next: its length in UTF-8 bytes once decoded; `keep` is given
    /// its decoded bytes. Refuses what `serde_json` refuses: a control character, an unknown
    /// escape, a lone surrogate escape, bytes that are not UTF-8.
    fn string(&mut self, keep: &mut Keep) -> Result<u64, WeighError> {
        self.bump();
        let mut len: u64 = 0;
        // Continuation bytes still expected, and the range the next one must be in.
        let mut pending: u8 = 0;
        let mut range: (u8, u8) = (0x80, 0xBF);
        loop {
            // The run of plain bytes at the front of the buffer, in one step.
            let (n, stop) = {
                let buf = loop {
                    match self.r.fill_buf() {
                        Ok(b) => break b,
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                        Err(e) => return Err(e.into()),
                    }
                };
                let mut n = 0;
                let mut stop = None;
                if buf.is_empty() {
                    stop = Some(Err("the text ends inside a string"));
                }
                for &b in buf {
                    if pending > 0 {
                        if b < range.0 || b > range.1 {
                            stop = Some(Err("bytes that are not UTF-8 in a string"));
                            break;
                        }
                        pending -= 1;
                        range = (0x80, 0xBF);
                    } else if b == b'"' || b == b'\\' {
                        stop = Some(Ok(b));
                        break;
                    } else if b < 0x20 {
                        stop = Some(Err("a control character in a string (U+0000 to U+001F must be escaped)"));
                        break;
                    } else if b >= 0x80 {
                        // UTF-8 (RFC 3629 §4): the lead byte fixes the count and the range of
                        // the next byte (no overlong form, no surrogate, nothing past U+10FFFF).
                        (pending, range) = match b {
                            0xC2..=0xDF => (1, (0x80, 0xBF)),
                            0xE0 => (2, (0xA0, 0xBF)),
                            0xE1..=0xEC | 0xEE..=0xEF => (2, (0x80, 0xBF)),
                            0xED => (2, (0x80, 0x9F)),
                            0xF0 => (3, (0x90, 0xBF)),
                            0xF1..=0xF3 => (3, (0x80, 0xBF)),
                            0xF4 => (3, (0x80, 0x8F)),
                            _ => {
                                stop = Some(Err("bytes that are not UTF-8 in a string"));
                                break;
                            }
                        };
                    }
                    n += 1;
                }
                keep.push(buf.get(..n).unwrap_or_default());
                (n, stop)
            };
            self.r.consume(n);
            self.at += n as u64;
            len = len.saturating_add(n as u64);
            match stop {
                None => continue,
                Some(Err(why)) => return Err(self.not_json(why)),
                Some(Ok(b'"')) => {
                    self.bump();
                    return Ok(len);
                }
                Some(Ok(_)) => {
                    self.bump();
                    let decoded = self.escape()?;
                    let mut utf8 = [0u8; 4];
                    let s = decoded.encode_utf8(&mut utf8);
                    keep.push(s.as_bytes());
                    len = len.saturating_add(s.len() as u64);
                }
            }
        }
    }

    /// The character an escape gives, its `\` consumed.
    fn escape(&mut self) -> Result<char, WeighError> {
        let c = match self.next()? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let n = self.hex4()?;
                match n {
                    0xD800..=0xDBFF => {
                        if self.next()? != b'\\' || self.next()? != b'u' {
                            return Err(self.not_json("a lone leading surrogate in a \\u escape"));
                        }
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return Err(self.not_json("a lone leading surrogate in a \\u escape"));
                        }
                        let c = 0x10000 + ((u32::from(n) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                        char::from_u32(c).ok_or_else(|| self.not_json("an escape that is no character"))?
                    }
                    0xDC00..=0xDFFF => return Err(self.not_json("a lone trailing surrogate in a \\u escape")),
                    n => char::from_u32(u32::from(n)).ok_or_else(|| self.not_json("an escape that is no character"))?,
                }
            }
            b => return Err(self.not_json(&format!("an unknown escape \\{}", shown(b)))),
        };
        Ok(c)
    }

    fn hex4(&mut self) -> Result<u16, WeighError> {
        let mut n: u16 = 0;
        for _ in 0..4 {
            let b = self.next()?;
            let d = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => return Err(self.not_json("a \\u escape without four hex digits")),
            };
            n = (n << 4) | u16::from(d);
        }
        Ok(n)
    }
}

/// A byte as a message shows it: a printable ASCII character quoted, else its value.
fn shown(b: u8) -> String {
    if b.is_ascii_graphic() { format!("`{}`", char::from(b)) } else { format!("byte 0x{b:02X}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weight(text: &str, entries: &[&str]) -> Result<u64, String> {
        weigh(text.as_bytes(), |p| entries.contains(&p)).map_err(|e| e.to_string())
    }

    #[test]
    fn values_weigh_their_place_and_text() {
        const V: u64 = VALUE_WEIGHT;
        // The object, "abc" (V + 3), 1 (V), the array (V), null and true (V each).
        assert_eq!(weight(r#"{"x": "abc", "y": 1, "z": [null, true]}"#, &[]), Ok(V + (V + 3) + V + V + 2 * V));
        // Decoded lengths: é is 2 bytes (escaped or not), 😀 4, \n 1.
        assert_eq!(
            weight(r#"["\u00e9", "é", "\ud83d\ude00", "\n"]"#, &[]),
            Ok(V + (V + 2) + (V + 2) + (V + 4) + (V + 1))
        );
        assert_eq!(weight("  \"\"  ", &[]), Ok(V));
        // An item's capture object weighs CAPTURE_WEIGHT, its members as anywhere else.
        assert_eq!(weight(r#"{"items":[{"capture":{"note":"ab"}}]}"#, &[]), Ok(V + V + V + CAPTURE_WEIGHT + (V + 2)));
    }

    #[test]
    fn file_records_weigh_only_what_they_do_not_share() {
        const V: u64 = VALUE_WEIGHT;
        const R: u64 = RECORD_TEXT_WEIGHT;
        let rec = |path: &str, original: &str, media: &str| {
            format!(r#"{{"path":"{path}","original_name":"{original}","size":1,"media_type":"{media}","sha256":"ab"}}"#)
        };
        let manifest =
            |records: &[String]| format!(r#"{{"items":[{{"id":"item-1","files":[{}]}}]}}"#, records.join(","));
        // Top object, items array, item object, "item-1" (V + 6), files array.
        let frame = V + V + V + (V + 6) + V;
        // A path that is an entry, an original name that ends it, a media type weighed once.
        let shared =
            manifest(&[rec("data/item-1/a/b.txt", "a/b.txt", "text/plain"), rec("data/item-1/c", "c", "text/plain")]);
        assert_eq!(weight(&shared, &["data/item-1/a/b.txt", "data/item-1/c"]), Ok(frame + R + 10));
        // The same paths missing: each weighs R + its length.
        assert_eq!(weight(&shared, &[]), Ok(frame + R + 10 + (R + 19) + (R + 13)));
        // An original name that is not the end of its path, a new media type.
        let own = manifest(&[rec("data/item-1/c", "d", "text/html")]);
        assert_eq!(weight(&own, &["data/item-1/c"]), Ok(frame + (R + 1) + (R + 9)));
        // A record whose members are in another order, repeated, or not strings.
        let odd = r#"{"items":[{"id":"item-1","files":[{"media_type":"a","original_name":"c","path":"data/item-1/c","path":"zzz","size":[1]}]}]}"#;
        assert_eq!(weight(odd, &["data/item-1/c"]), Ok(frame + (R + 1) + 2 * V));
        // `items` and `files` only where the spec places them.
        let nested = r#"{"x":{"items":[{"files":[{"path":"p"}]}]}}"#;
        assert_eq!(weight(nested, &["p"]), Ok(6 * V + (V + 1)));
        // A long original name always weighs, even at the end of its path.
        let long = "n".repeat(MAX_SHARED_NAME + 1);
        let path = format!("data/item-1/{long}");
        let m = manifest(&[rec(&path, &long, "t")]);
        assert_eq!(weight(&m, &[]), Ok(frame + (R + path.len() as u64) + (R + long.len() as u64) + (R + 1)));
    }

    #[test]
    fn not_json_is_refused_whatever_the_weight() {
        for bad in [
            "",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "[01]",
            "[1.]",
            "[.5]",
            "[1e]",
            "[-]",
            "[+1]",
            "nul",
            "[true false]",
            "\"\\x\"",
            "\"\\u12\"",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"\\ud800\\u0041\"",
            "\"a\u{1}\"",
            "[NaN]",
            "{\"a\" 1}",
            "{1:2}",
            "[1] [2]",
            "\u{feff}[]",
            "[\"\\\"]",
        ] {
            assert!(matches!(weigh(bad.as_bytes(), |_| false), Err(WeighError::NotJson(_))), "{bad:?}");
        }
        for bad in [&b"\"\xff\""[..], b"\"\xc0\x80\"", b"\"\xed\xa0\x80\"", b"\"\xf4\x90\x80\x80\"", b"\"\xe2\x82\""] {
            assert!(matches!(weigh(bad, |_| false), Err(WeighError::NotJson(_))), "{bad:?}");
        }
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(weight(&deep(MAX_DEPTH), &[]).is_ok());
        assert!(weight(&deep(MAX_DEPTH + 1), &[]).is_err());
    }

    /// The pass accepts exactly what `serde_json` accepts, on inputs made of JSON's pieces.
    #[test]
    fn accepts_what_serde_json_accepts() {
        let pieces = [
            "[",
            "]",
            "{",
            "}",
            ",",
            ":",
            "\"a\"",
            "\"\\u00e9\"",
            "\"\\ud83d\\ude00\"",
            "\"\\ud83d\"",
            "1",
            "-0",
            "1.5e3",
            "01",
            "true",
            "nul",
            " ",
            "\"\\n\"",
            "\"é\"",
            "\"k\":",
            "null",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..20_000 {
            let mut text = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let n = 1 + (seed % 9) as usize;
            let mut s = seed;
            for _ in 0..n {
                text.push_str(pieces[(s % pieces.len() as u64) as usize]);
                s /= pieces.len() as u64;
            }
            // `Value`, not `IgnoredAny`: a value skipped unread is not checked for lone surrogates,
            // and the manifest's typed parse reads every string it keeps.
            let serde = serde_json::from_str::<serde_json::Value>(&text).is_ok();
            let ours = weigh(text.as_bytes(), |_| false).is_ok();
            assert_eq!(ours, serde, "{text:?}");
        }
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        for n in [MAX_DEPTH, MAX_DEPTH + 1] {
            let text = deep(n);
            assert_eq!(
                weigh(text.as_bytes(), |_| false).is_ok(),
                serde_json::from_str::<serde_json::Value>(&text).is_ok(),
                "depth {n}"
            );
        }
    }

    /// The vectors both verifiers are held to (`tests/vectors/manifest-weight.json`, written
    /// by `tests/manifest-weight.py` from weights computed by hand).
    #[test]
    fn the_shared_vectors_weigh_the_same() {
        let file = crate::digest::shared_vectors::load("manifest-weight.json");
        let vectors = file["vectors"].as_array().unwrap();
        assert!(vectors.len() >= 40, "{} vectors", vectors.len());
        for v in vectors {
            let name = v["name"].as_str().unwrap();
            let bytes: Vec<u8> = match (v["text"].as_str(), v["hex"].as_str()) {
                (Some(t), _) => t.as_bytes().to_vec(),
                (None, Some(h)) => crate::digest::shared_vectors::bytes(h),
                _ => panic!("{name}: no text"),
            };
            let entries: Vec<&str> = v["entries"].as_array().unwrap().iter().map(|e| e.as_str().unwrap()).collect();
            let got = weigh(bytes.as_slice(), |p| entries.contains(&p));
            match (&v["weight"], got) {
                (serde_json::Value::String(s), Err(WeighError::NotJson(_))) if s == "invalid" => {}
                (serde_json::Value::Number(n), Ok(w)) if n.as_u64() == Some(w) => {}
                (want, got) => panic!("{name}: want {want}, got {got:?}"),
            }
        }
    }

    #[test]
    fn only_the_first_media_types_are_remembered() {
        // MAX_SHARED_MEDIA_TYPES distinct types, then one more twice: it weighs both times.
        let records: Vec<String> = (0..=MAX_SHARED_MEDIA_TYPES)
            .chain([MAX_SHARED_MEDIA_TYPES, 0])
            .map(|k| format!(r#"{{"path":"p","media_type":"t{k:04}"}}"#))
            .collect();
        let text = format!(r#"{{"items":[{{"files":[{}]}}]}}"#, records.join(","));
        let frame = 4 * VALUE_WEIGHT;
        let paths = (MAX_SHARED_MEDIA_TYPES as u64 + 3) * (RECORD_TEXT_WEIGHT + 1);
        let media = (MAX_SHARED_MEDIA_TYPES as u64 + 2) * (RECORD_TEXT_WEIGHT + 5);
        assert_eq!(weight(&text, &[]), Ok(frame + paths + media));
    }

    #[test]
    fn a_long_string_is_not_held() {
        // 64 MiB in one string, read through a small buffer: the weight, nothing kept.
        let text = format!("\"{}\"", "x".repeat(64 << 20));
        let r = std::io::BufReader::with_capacity(1 << 12, text.as_bytes());
        assert_eq!(weigh(r, |_| false).map_err(|e| e.to_string()), Ok(VALUE_WEIGHT + (64 << 20)));
    }
}
