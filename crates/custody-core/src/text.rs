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

/// Text with every [`must_escape`] character shown as an escape (`\u{1b}`), safe to print on
/// a terminal or in a report.
pub fn printable(s: &str) -> String {
    if !s.chars().any(must_escape) {
        return s.to_owned();
    }
    s.chars().map(|c| if must_escape(c) { c.escape_unicode().to_string() } else { c.to_string() }).collect()
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
    if !text.chars().any(must_escape) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_direction_marks_and_separators_are_escaped() {
        assert_eq!(printable("a\u{1b}[2J\n\u{202e}b\u{2028}"), "a\\u{1b}[2J\\u{a}\\u{202e}b\\u{2028}");
        assert_eq!(lines("x\u{1b}\ny"), "x\\u{1b}\ny");
        assert_eq!(escape_json("{\"a\":\"\u{1b}\"}\n"), "{\"a\":\"\\u001b\"}\n");
        assert_eq!(one_line("plain"), "plain");
    }
}
