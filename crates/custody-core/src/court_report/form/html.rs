//! A form as one self-contained HTML file: the report's head (the Content-Security-Policy that
//! forbids every request and script, the inline style), then the blocks. Words are escaped;
//! values escaped, their controls shown, isolated in `<bdi>` ([`html::value`]); so are the
//! English sentences that quote values (`Piece::En`).

use std::io::{self, Write};

use super::{Block, Built, Line, Piece};
use crate::court_report::html::{self, escape};
use crate::wording::court_report::Language;

/// The form's own style, after the report's: the warning box, the lines to fill.
const FORM_STYLE: &str = "\
.alert{border:6px solid #b00020;background:#fde7ea;color:#b00020;padding:1rem;margin:1rem 0;font-weight:bold}
.fill{display:flex;gap:.6rem;margin:1.1rem 0 .4rem}.fill .line{flex:1;border-block-end:1px solid #111;min-height:1.3em}
.note{font-size:.85em;color:#333}
";

/// A line as HTML.
fn line(l: &Line, first: Language) -> String {
    let mut s = String::new();
    for p in l {
        match p {
            Piece::Word(w) => s.push_str(&escape(w)),
            Piece::Tr(g, w) => s.push_str(&format!(
                " <span class=\"tr\" lang=\"{}\" dir=\"{}\">/ {}</span>",
                g.tag(),
                g.dir(),
                escape(w)
            )),
            Piece::TrLine(g, l) => s.push_str(&format!(
                " <span class=\"tr\" lang=\"{}\" dir=\"{}\">/ {}</span>",
                g.tag(),
                g.dir(),
                line(l, first)
            )),
            // A catalogue sentence quoting values (a restriction, a trusted time): isolated like
            // a value, so that right-to-left text quoted in it cannot reorder the line around it,
            // and left to right whatever its first strong letter (a quoted Arabic condition must
            // not turn the English sentence right to left: the PDF writes it left to right too).
            Piece::En(w) if first == Language::En => {
                s.push_str(&format!("<bdi dir=\"ltr\">{}</bdi>", html::sentence(w)))
            }
            Piece::En(w) => s.push_str(&format!("<bdi lang=\"en\" dir=\"ltr\">{}</bdi>", html::sentence(w))),
            Piece::Value(v) => s.push_str(&html::value(v)),
            Piece::Code(c) => s.push_str(&format!("<code>{}</code>", html::value(c))),
        }
    }
    s
}

/// Writes the form.
pub(crate) fn write(f: &Built, out: &mut dyn Write) -> io::Result<()> {
    let first = f.lang.first;
    let title = escape(&crate::text::printable(&f.title));
    html::head(out, first, &title, FORM_STYLE, &line(&f.heading, first))?;
    let mut facts = false;
    for b in &f.blocks {
        let is_fact = matches!(b, Block::Fact(..));
        if facts && !is_fact {
            out.write_all(b"</dl>\n")?;
        } else if !facts && is_fact {
            out.write_all(b"<dl class=\"facts\">\n")?;
        }
        facts = is_fact;
        match b {
            Block::Alert(lines) => {
                out.write_all(b"<section class=\"alert\" role=\"alert\">\n")?;
                for l in lines {
                    writeln!(out, "<p>{}</p>", line(l, first))?;
                }
                out.write_all(b"</section>\n")?;
            }
            Block::Heading(l) => writeln!(out, "<h2>{}</h2>", line(l, first))?,
            Block::Subheading(l) => writeln!(out, "<h3>{}</h3>", line(l, first))?,
            Block::Para(l) => writeln!(out, "<p>{}</p>", line(l, first))?,
            Block::Fact(k, v) => writeln!(out, "<dt>{}</dt><dd>{}</dd>", line(k, first), line(v, first))?,
            Block::Table(_, head, rows) => {
                let head: Vec<String> = head.iter().map(|h| line(h, first)).collect();
                html::table_head(out, "files", &head)?;
                for r in rows {
                    out.write_all(if r.fail { b"<tr class=\"fail\">" } else { b"<tr>" })?;
                    for c in &r.cells {
                        write!(out, "<td>{}</td>", line(c, first))?;
                    }
                    out.write_all(b"</tr>\n")?;
                }
                out.write_all(b"</tbody></table>\n")?;
            }
            Block::Fill(l) => {
                writeln!(out, "<div class=\"fill\"><span>{}</span><span class=\"line\"></span></div>", line(l, first))?
            }
            Block::Note(l) => writeln!(out, "<p class=\"note\">{}</p>", line(l, first))?,
        }
    }
    if facts {
        out.write_all(b"</dl>\n")?;
    }
    out.write_all(b"</main>\n</body>\n</html>\n")
}
