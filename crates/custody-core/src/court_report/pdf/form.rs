//! A certification form as PDF: the blocks the HTML form shows (`court_report::form`), laid out
//! by the report's `Doc` with the same fonts, isolation of values and metadata.

use super::doc::{Doc, GREY, RED, Rgb, Style};
use super::{Pdf, s, v};
use crate::court_report::ReportContext;
use crate::court_report::form::{Block, Built, Line, Piece};
use crate::verify::Report;
use crate::wording::court_report::Language;

/// The blank a line to fill ends with.
const BLANK: &str = "________________________________________";

/// A line as the PDF shows it: words as written, values and English sentences isolated.
fn text(l: &Line) -> String {
    let mut out = String::new();
    for p in l {
        match p {
            Piece::Word(w) => out.push_str(w),
            Piece::Tr(_, w) => {
                out.push_str(" / ");
                out.push_str(w);
            }
            Piece::TrLine(g, l) => {
                let isolate = if *g == Language::Ar { '\u{2067}' } else { '\u{2066}' };
                out.push_str(&format!(" / {isolate}{}\u{2069}", text(l)));
            }
            Piece::En(w) => out.push_str(&s(w)),
            Piece::Value(x) | Piece::Code(x) => out.push_str(&v(x)),
        }
    }
    out
}

/// The room a section of lines to fill (a signature block) needs to stay on one page with its
/// heading; 0 for a section with a table (which breaks across pages, its head repeated).
fn keep(rest: &[Block]) -> f32 {
    let mut h = 40.0;
    for b in rest {
        h += match b {
            Block::Heading(_) => break,
            Block::Fill(_) | Block::Fact(..) | Block::Subheading(_) => 26.0,
            Block::Para(_) | Block::Note(_) => 40.0,
            Block::Alert(_) => 60.0,
            Block::Table(..) => return 0.0,
        };
    }
    h
}

/// The form `f` of `r` as a PDF.
pub(crate) fn render(f: &Built, r: &Report, ctx: &ReportContext) -> Result<Pdf, String> {
    let mut d = Doc::new(f.lang.first == Language::Ar);
    d.heading(&text(&f.heading), 1);
    for (n, b) in f.blocks.iter().enumerate() {
        if matches!(b, Block::Heading(_)) {
            d.ensure(keep(&f.blocks[n + 1..]));
        }
        match b {
            Block::Alert(lines) => {
                let paras: Vec<(String, Style)> = lines
                    .iter()
                    .enumerate()
                    .map(|(n, l)| (text(l), if n == 0 { Style::BOLD.size(13.0).color(RED) } else { Style::BODY }))
                    .collect();
                d.boxed(&paras, Rgb(253, 231, 234), RED);
            }
            Block::Heading(l) => d.heading(&text(l), 2),
            Block::Subheading(l) => d.heading(&text(l), 3),
            Block::Para(l) => d.para(&text(l), Style::BODY),
            Block::Fact(k, x) => d.fact(&text(k), &text(x)),
            Block::Table(cols, head, rows) => {
                d.table(cols, head.iter().map(text).collect());
                for row in rows {
                    let style = if row.fail { Style::SMALL_BOLD.color(RED) } else { Style::SMALL };
                    let cells: Vec<(String, Style)> = row.cells.iter().map(|c| (text(c), style)).collect();
                    d.row(&cells);
                }
                d.end_table();
            }
            Block::Fill(l) => {
                d.space(8.0);
                d.para(&format!("{} {BLANK}", text(l)), Style::BODY);
            }
            Block::Note(l) => d.para(&text(l), Style::SMALL.color(GREY)),
        }
    }
    let mut meta = super::meta(r, ctx, &f.title);
    meta.warning = f.warning.clone();
    d.finish(&meta).map(|(bytes, not_archival)| Pdf { bytes, archival: not_archival.is_none(), not_archival })
}
