//! The one rule for showing text that comes from outside (a bundle, a TSA, a file name):
//! which characters never reach a reader raw, and how they are shown instead (spec §9.1).
//!
//! A bottom module: it imports nothing from the crate, so every part that quotes outside
//! text (the archive reader's errors, the verifier's messages, the command-line tool) uses
//! the same rule.

/// Unicode text-direction controls, which can make text display differently from what it
/// says (e.g. U+202E RIGHT-TO-LEFT OVERRIDE): U+061C, U+200E, U+200F, U+202A–U+202E and
/// U+2066–U+2069.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// The one rule for what text from a bundle may not reach a reader raw (spec §9.1): C0 and
/// C1 control characters and DEL (terminal escapes, line breaks), text-direction controls
/// (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), and the line and paragraph
/// separators U+2028 and U+2029 (which some viewers show as new lines).
pub fn must_escape(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || c == '\u{2028}' || c == '\u{2029}'
}

/// Combining marks shown on one base character; the next ones are escaped ([`printable`]),
/// so that a value cannot stack marks over the lines above and below it (spec §9.1).
pub const MAX_COMBINING_MARKS: usize = 3;

/// Whether `c` is a combining mark (Unicode general category M: Mn, Mc, Me).
pub fn is_combining_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// Text with every [`must_escape`] character shown as an escape (`\u{1b}`), and every
/// combining mark beyond [`MAX_COMBINING_MARKS`] on one base character too, safe to print on a
/// terminal or in a report.
pub fn printable(s: &str) -> String {
    let mut marks = 0usize;
    let mut out: Option<String> = None;
    for (i, c) in s.char_indices() {
        let mark = is_combining_mark(c);
        marks = if mark { marks + 1 } else { 0 };
        let escape = must_escape(c) || (mark && marks > MAX_COMBINING_MARKS);
        match (&mut out, escape) {
            (Some(o), true) => o.extend(c.escape_unicode()),
            (Some(o), false) => o.push(c),
            (None, true) => {
                let mut o = String::with_capacity(s.len() + 16);
                o.push_str(&s[..i]);
                o.extend(c.escape_unicode());
                out = Some(o);
            }
            (None, false) => {}
        }
    }
    out.unwrap_or_else(|| s.to_owned())
}

/// One line made safe to show: every [`must_escape`] character escaped, the line break
/// (`\n`, shown as `\u{a}`) included, so that a value quoted in a one-line message can never
/// start a line of its own (such as a forged `State:   TRUSTED`).
pub fn one_line(text: &str) -> String {
    printable(text)
}

/// Text of several lines made safe to show: every [`must_escape`] character escaped except
/// the line feeds that end its own lines.
pub fn lines(text: &str) -> String {
    if !text.chars().any(|c| must_escape(c) || is_combining_mark(c)) {
        return text.to_owned();
    }
    text.split('\n').map(printable).collect::<Vec<_>>().join("\n")
}

/// JSON text (as serde_json writes it) with every [`must_escape`] character still raw in it
/// written as a `\uXXXX` escape: the same JSON value, safe to show. Such characters can stand
/// only inside strings, where the escape means the same character.
pub fn escape_json(json: &str) -> String {
    if !json.chars().any(must_escape) {
        return json.to_owned();
    }
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if must_escape(c) && !matches!(c, '\n' | '\t' | '\r') {
            // Every character must_escape selects is in the Basic Multilingual Plane.
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// [`escape_json`] as a stream: JSON written through it reaches `W` escaped, so a large
/// document (a report of a million files) is never held whole. A character split between
/// two writes is held until it is complete.
pub struct EscapeJson<W: std::io::Write> {
    inner: W,
    partial: Vec<u8>,
}

impl<W: std::io::Write> EscapeJson<W> {
    /// Escapes what is written into `inner`.
    pub fn new(inner: W) -> Self {
        EscapeJson { inner, partial: Vec::new() }
    }

    /// The writer underneath, once everything written is complete text (else an error).
    pub fn finish(mut self) -> std::io::Result<W> {
        if !self.partial.is_empty() {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "JSON text ends inside a character"));
        }
        self.inner.flush()?;
        Ok(self.inner)
    }

    fn put(&mut self, text: &str) -> std::io::Result<()> {
        if !text.chars().any(must_escape) {
            return self.inner.write_all(text.as_bytes());
        }
        self.inner.write_all(escape_json(text).as_bytes())
    }
}

impl<W: std::io::Write> std::io::Write for EscapeJson<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let joined;
        let bytes = if self.partial.is_empty() {
            buf
        } else {
            self.partial.extend_from_slice(buf);
            joined = std::mem::take(&mut self.partial);
            &joined[..]
        };
        let (text, rest) = match std::str::from_utf8(bytes) {
            Ok(t) => (t, &[][..]),
            // Incomplete at the end: keep the start of the character for the next write.
            Err(e) if e.error_len().is_none() => {
                let (done, rest) = bytes.split_at(e.valid_up_to());
                (std::str::from_utf8(done).unwrap_or_default(), rest)
            }
            Err(_) => return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "JSON text is not UTF-8")),
        };
        let rest = rest.to_vec();
        self.put(text)?;
        self.partial = rest;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escaped_as_a_stream_is_escaped_as_a_whole_whatever_the_writes() {
        use std::io::Write as _;
        let json = "{\"a\":\"\u{1b}é\u{202e}x\u{2028}\"}\n";
        for size in 1..=json.len() {
            let mut w = EscapeJson::new(Vec::new());
            for piece in json.as_bytes().chunks(size) {
                w.write_all(piece).unwrap();
            }
            assert_eq!(String::from_utf8(w.finish().unwrap()).unwrap(), escape_json(json), "writes of {size} bytes");
        }
        let mut w = EscapeJson::new(Vec::new());
        w.write_all(&"é".as_bytes()[..1]).unwrap();
        assert!(w.finish().is_err(), "text cut inside a character");
        assert!(EscapeJson::new(Vec::new()).write_all(&[0xff, b'a']).is_err());
    }

    #[test]
    fn controls_direction_marks_and_separators_are_escaped() {
        assert_eq!(printable("a\u{1b}[2J\n\u{202e}b\u{2028}"), "a\\u{1b}[2J\\u{a}\\u{202e}b\\u{2028}");
        assert_eq!(lines("x\u{1b}\ny"), "x\\u{1b}\ny");
        assert_eq!(escape_json("{\"a\":\"\u{1b}\"}\n"), "{\"a\":\"\\u001b\"}\n");
        assert_eq!(one_line("plain"), "plain");
    }

    #[test]
    fn combining_marks_beyond_three_on_one_base_are_escaped() {
        assert_eq!(printable("e\u{301}\u{302}\u{303}"), "e\u{301}\u{302}\u{303}", "three are shown");
        assert_eq!(
            printable("e\u{301}\u{302}\u{303}\u{304}\u{305}x\u{301}"),
            "e\u{301}\u{302}\u{303}\\u{304}\\u{305}x\u{301}",
            "the fourth and fifth are escaped; the count starts again at the next base"
        );
        let zalgo = format!("VERDICT{}", "\u{336}".repeat(500));
        let shown = printable(&zalgo);
        assert_eq!(shown.chars().filter(|c| is_combining_mark(*c)).count(), MAX_COMBINING_MARKS);
        assert_eq!(lines("a\u{301}\u{301}\u{301}\u{301}\nb"), "a\u{301}\u{301}\u{301}\\u{301}\nb");
        assert_eq!(
            printable("\u{1b}\u{301}"),
            "\\u{1b}\u{301}",
            "a mark after an escape is on the escape's last digit"
        );
    }
}
