//! The HTML pieces of the court report: escaping, isolation of bundle values, the style
//! sheet. Nothing here knows the report's content.

use std::io::{self, Write};

/// `s` escaped for HTML text and attribute values (`&`, `<`, `>`, `"`, `'`), nothing else
/// changed. For the report's own words; a bundle's value goes through [`value`].
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A value from the bundle as the report shows it: control and text-direction characters as
/// visible escapes (`\u{202e}`, [`printable`](crate::text::printable)), then HTML-escaped,
/// isolated in `<bdi>` so that right-to-left text in it cannot reorder the words around it.
pub fn value(s: &str) -> String {
    format!("<bdi>{}</bdi>", escape(&crate::text::printable(s)))
}

/// A sentence that quotes values from the bundle (a check's message, a catalogue line with
/// names in it): escaped as a value, its direction that of the document.
pub fn sentence(s: &str) -> String {
    escape(&crate::text::printable(s))
}

/// Where `html`, a report or form as written, holds a character no reader may get raw (its
/// byte offset), if anywhere: a control or text-direction character
/// ([`crate::text::must_escape`]) other than a line break. The one exception is the isolates
/// the timeline picture writes around a value, where SVG has no `<bdi>`: inside `<svg>` a
/// first-strong isolate (U+2068) that the next direction character closes (U+2069), with no
/// markup between. A value's own isolates and overrides are escapes by then
/// ([`crate::text::printable`]): any other, or one unclosed, nested or outside the picture, is
/// reported. One pass, linear in the length.
///
/// The report's self-check for tests (no writer calls it): a test asks it of every page it
/// writes. It does not look inside attribute values, where the writer puts no value.
#[doc(hidden)]
pub fn stray_control(html: &str) -> Option<usize> {
    let (mut svg, mut open) = (false, false);
    for (i, c) in html.char_indices() {
        match c {
            '<' if open => return Some(i),
            '<' if html[i..].starts_with("<svg") => svg = true,
            '<' if html[i..].starts_with("</svg>") => svg = false,
            '\u{2068}' if svg && !open => open = true,
            '\u{2069}' if open => open = false,
            '\n' => {}
            c if crate::text::must_escape(c) => return Some(i),
            _ => {}
        }
    }
    open.then_some(html.len())
}

/// Writes the document's head, shared by the report and the forms: the language and direction
/// of `lang`, the Content-Security-Policy that forbids every request and script, the style
/// sheet ([`STYLE`], then `style`), the title (`title`, already escaped text), then `<body>`,
/// `<main>` and the heading (`h1`, already HTML).
pub fn head(
    out: &mut dyn Write,
    lang: crate::wording::court_report::Language,
    title: &str,
    style: &str,
    h1: &str,
) -> io::Result<()> {
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\" dir=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n<title>{title}</title>\n<style>\n{STYLE}{style}</style>\n</head>\n\
         <body>\n<main>\n<h1>{h1}</h1>\n",
        lang.tag(),
        lang.dir(),
    )
}

/// Writes `<tr>` with one `<td>` per cell, each cell already HTML.
pub fn row(out: &mut dyn Write, cells: &[&str]) -> io::Result<()> {
    out.write_all(b"<tr>")?;
    for c in cells {
        write!(out, "<td>{c}</td>")?;
    }
    out.write_all(b"</tr>\n")
}

/// Writes a table's head, each label already HTML.
pub fn table_head(out: &mut dyn Write, class: &str, labels: &[String]) -> io::Result<()> {
    write!(out, "<table class=\"{class}\"><thead><tr>")?;
    for l in labels {
        write!(out, "<th scope=\"col\">{l}</th>")?;
    }
    out.write_all(b"</tr></thead><tbody>\n")
}

/// The style sheet, inline (the report makes no request of any kind). Logical properties
/// (`margin-inline-start`, `text-align: start`) so a right-to-left language lays out mirrored.
pub const STYLE: &str = "\
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#111;line-height:1.4}
h1{font-size:1.6rem}h2{font-size:1.25rem;border-block-end:1px solid #999;margin-block-start:2rem}
table{border-collapse:collapse;margin:.5rem 0;width:100%}
th,td{border:1px solid #bbb;padding:.2rem .4rem;text-align:start;vertical-align:top}
td.hash,code{font-family:ui-monospace,monospace;font-size:.85em;word-break:break-all}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.facts dt{font-weight:bold}
.verdict{border:6px solid;padding:1rem;margin:1rem 0}
.verdict .state{font-size:2.2rem;font-weight:bold;letter-spacing:.05em}
.state-invalid{border-color:#b00020;background:#fde7ea}.state-invalid .state{color:#b00020}
.state-not_trusted{border-color:#b35c00;background:#fff1e0}.state-not_trusted .state{color:#b35c00}
.state-intact{border-color:#1f4e99;background:#e8effa}.state-intact .state{color:#1f4e99}
.state-trusted{border-color:#176b2c;background:#e6f4ea}.state-trusted .state{color:#176b2c}
tr.fail td,.fail{color:#b00020;font-weight:bold}tr.disposed td,.disposed{color:#555;font-style:italic}tr.warn td{color:#8a5300}
.damaged{color:#b00020;font-weight:bold}
.tr{font-weight:normal;font-style:italic;color:#444}.verdict .state .tr{font-size:1.2rem}
pre{white-space:pre-wrap;background:#f4f4f4;padding:.5rem;font-size:.85em}
svg{max-width:100%;height:auto;border:1px solid #ccc}
@media print{.verdict{break-inside:avoid}details{display:block}}
";

#[cfg(test)]
mod tests {
    use super::{sentence, stray_control, value};

    #[test]
    fn only_the_pictures_closed_isolates_around_a_value_are_allowed_raw() {
        let svg = |inner: &str| format!("<p>a</p>\n<svg><title>{inner}</title></svg><p>b</p>");
        assert_eq!(stray_control(&svg("to \u{2068}Bob \\u{202e}\u{2069} for \u{2068}x\u{2069}")), None);
        assert_eq!(stray_control("<p>plain</p>\n"), None);
        // Unclosed, nested, holding markup, a closing pop alone, another isolate or override.
        for bad in [
            "\u{2068}Bob",
            "\u{2068}a\u{2068}b\u{2069}\u{2069}",
            "\u{2068}a</title><title>b\u{2069}",
            "a\u{2069}",
            "\u{2066}a\u{2069}",
            "\u{2067}a\u{2069}",
            "\u{2068}\u{202e}a\u{2069}",
            "\u{200f}",
            "\u{1b}[2J",
        ] {
            assert!(stray_control(&svg(bad)).is_some(), "{bad:?}");
        }
        // Outside the picture no isolate at all: the HTML isolates values with <bdi>.
        assert_eq!(stray_control("<p>\u{2068}a\u{2069}</p><svg></svg>"), Some(3));
        assert_eq!(stray_control("<svg></svg>\u{2068}a\u{2069}"), Some(11));
    }

    #[test]
    fn a_value_is_escaped_isolated_and_shows_its_controls() {
        assert_eq!(
            value("a\u{1b}[2J\u{202e}<script>&'\"</bdi>"),
            "<bdi>a\\u{1b}[2J\\u{202e}&lt;script&gt;&amp;&#39;&quot;&lt;/bdi&gt;</bdi>"
        );
        assert_eq!(value("نص عربي"), "<bdi>نص عربي</bdi>", "right-to-left text stays as written, isolated");
        assert_eq!(sentence("x\u{2066}<b>"), "x\\u{2066}&lt;b&gt;");
    }
}
