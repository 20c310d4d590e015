//! The PDF's layout: text broken into lines to a width (between words, and inside a token too
//! long for its line: a hash, a path), lines ordered by the Unicode bidirectional algorithm
//! (Arabic right to left, Latin values inside it left to right), pages filled top to bottom,
//! tables whose head repeats on each page. Layout records what to draw per page; [`Doc::finish`]
//! draws it with krilla, once the number of pages is known for the footers. Everything here is
//! a function of its input: the same report gives the same bytes.

use krilla::color::rgb;
use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke, StrokeDash};
use krilla::text::{Font, TextDirection};
use krilla::{Data, Document, SerializeSettings};
use unicode_bidi::{BidiInfo, Level};

use super::fonts::{self, Face};

/// A4, in points.
pub(super) const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
pub(super) const MARGIN: f32 = 48.0;
pub(super) const BOTTOM: f32 = PAGE_H - 54.0;
/// The width between the margins.
pub(super) const WIDTH: f32 = PAGE_W - 2.0 * MARGIN;

/// A colour, 0 to 255 per channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Rgb(pub u8, pub u8, pub u8);

pub(super) const BLACK: Rgb = Rgb(17, 17, 17);
pub(super) const GREY: Rgb = Rgb(85, 85, 85);
pub(super) const RED: Rgb = Rgb(176, 0, 32);
pub(super) const AMBER: Rgb = Rgb(138, 83, 0);
pub(super) const RULE: Rgb = Rgb(170, 170, 170);

/// How a run of text looks.
#[derive(Debug, Clone, Copy)]
pub(super) struct Style {
    pub face: Face,
    pub size: f32,
    pub color: Rgb,
}

impl Style {
    pub(super) const BODY: Style = Style { face: Face::Sans, size: 9.5, color: BLACK };
    pub(super) const BOLD: Style = Style { face: Face::Bold, size: 9.5, color: BLACK };
    pub(super) const SMALL: Style = Style { face: Face::Sans, size: 7.5, color: BLACK };
    pub(super) const SMALL_BOLD: Style = Style { face: Face::Bold, size: 7.5, color: BLACK };

    pub(super) fn color(self, color: Rgb) -> Style {
        Style { color, ..self }
    }
    pub(super) fn size(self, size: f32) -> Style {
        Style { size, ..self }
    }
    fn leading(self) -> f32 {
        self.size * 1.45
    }
}

/// One thing drawn on a page, in points from the page's top left corner.
#[derive(Debug, Clone)]
pub(super) enum Op {
    Text { x: f32, y: f32, face: Face, size: f32, text: String, rtl: bool, color: Rgb },
    Rect { x: f32, y: f32, w: f32, h: f32, fill: Option<Rgb>, stroke: Option<(Rgb, f32)> },
    Line { x1: f32, y1: f32, x2: f32, y2: f32, color: Rgb, width: f32, dashed: bool },
    Shape { points: Vec<(f32, f32)>, fill: Option<Rgb>, stroke: Option<(Rgb, f32)> },
}

/// A piece of a laid-out line: one font, one direction, in visual order.
#[derive(Debug, Clone)]
pub(super) struct Piece {
    face: Face,
    pub(super) text: String,
    pub(super) rtl: bool,
    width: f32,
}

/// A line laid out: its pieces left to right as drawn, and its width.
#[derive(Debug, Clone, Default)]
pub(super) struct Line {
    pub(super) pieces: Vec<Piece>,
    width: f32,
}

impl Line {
    /// This line, then `gap` points, then `next` to its right.
    fn then(&self, gap: f32, next: &Line) -> Line {
        let mut pieces: Vec<Piece> = self.pieces.clone();
        if let Some(last) = pieces.last_mut() {
            last.width += gap;
        }
        pieces.extend(next.pieces.iter().cloned());
        Line { pieces, width: self.width + gap + next.width }
    }
}

/// `text` (drawable) cut by measured width to fit `max` at `style`, ending with an ellipsis
/// when it was cut: one line that says it is not whole (a footer's title), never a shorter
/// text that may read as another reference. Costs a logarithm of shapings of `text`.
pub(super) fn fit(text: &str, style: Style, max: f32) -> String {
    let text = fonts::drawable(text);
    let w = |t: &str| fonts::width(t, style.face, style.size);
    if w(&text) <= max {
        return text;
    }
    let ends: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    // The most characters, k, such that the first k and the ellipsis fit (at least none).
    let (mut lo, mut hi) = (0usize, ends.len().saturating_sub(1));
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let cut = ends.get(mid).map_or(text.as_str(), |&e| &text[..e]);
        if w(&format!("{cut}\u{2026}")) <= max {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let cut = ends.get(lo).map_or(text.as_str(), |&e| &text[..e]);
    format!("{cut}\u{2026}")
}

/// Lays `text` out in lines no wider than `max` at `style`, in a paragraph of direction
/// `rtl` (Arabic reports) or left to right. Characters no font draws become their escapes.
pub(super) fn lines(text: &str, style: Style, max: f32, rtl: bool) -> Vec<Line> {
    let text = fonts::drawable(text);
    let space = fonts::width(" ", style.face, style.size);
    let mut logical: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut cur_w = 0.0f32;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let w = fonts::width(word, style.face, style.size);
        if !cur.is_empty() && cur_w + space + w <= max {
            cur.push(' ');
            cur.push_str(word);
            cur_w += space + w;
            continue;
        }
        if !cur.is_empty() {
            logical.push(std::mem::take(&mut cur));
        }
        if w <= max {
            cur = word.to_owned();
            cur_w = w;
            continue;
        }
        // Too long for any line: cut between characters.
        cur_w = 0.0;
        for c in word.chars() {
            let cw = fonts::width(c.encode_utf8(&mut [0; 4]), style.face, style.size);
            if !cur.is_empty() && cur_w + cw > max {
                logical.push(std::mem::take(&mut cur));
                cur_w = 0.0;
            }
            cur.push(c);
            cur_w += cw;
        }
    }
    if !cur.is_empty() || logical.is_empty() {
        logical.push(cur);
    }
    reopened(&logical).iter().map(|line| visual(line, style, rtl)).collect()
}

/// Lines of one paragraph in logical order, each starting with the isolates (U+2066 to
/// U+2068) still open at the end of the line before, the same kinds in the same order: a
/// value or a sentence broken across lines keeps its own direction on each of them.
pub(super) fn reopened(logical: &[String]) -> Vec<String> {
    let mut open: Vec<char> = Vec::new();
    let mut out = Vec::with_capacity(logical.len());
    for l in logical {
        let mut line: String = open.iter().collect();
        line.push_str(l);
        for c in l.chars() {
            match c {
                '\u{2066}'..='\u{2068}' => open.push(c),
                '\u{2069}' => {
                    open.pop();
                }
                _ => {}
            }
        }
        out.push(line);
    }
    out
}

/// One line in visual order (Unicode bidirectional algorithm, rules L1 to L2), split by font.
fn visual(line: &str, style: Style, rtl: bool) -> Line {
    let mut pieces = Vec::new();
    let mut push = |s: &str, run_rtl: bool| {
        let s = fonts::without_isolates(s);
        let mut runs = fonts::runs(&s, style.face);
        if run_rtl {
            runs.reverse();
        }
        for (face, t) in runs {
            let width = fonts::run_width(face, t, style.size, run_rtl);
            pieces.push(Piece { face, text: t.to_owned(), rtl: run_rtl, width });
        }
    };
    if !rtl && !line.chars().any(|c| fonts::is_arabic(c) || fonts::is_isolate(c)) {
        push(line, false);
    } else {
        let base = if rtl { Level::rtl() } else { Level::ltr() };
        let info = BidiInfo::new(line, Some(base));
        for para in &info.paragraphs {
            let (levels, runs) = info.visual_runs(para, para.range.clone());
            for run in runs {
                let run_rtl = levels.get(run.start).is_some_and(|l| l.is_rtl());
                if let Some(s) = line.get(run) {
                    push(s, run_rtl);
                }
            }
        }
    }
    let width = pieces.iter().map(|p| p.width).sum();
    Line { pieces, width }
}

/// A table's columns (fractions of the width) and head, drawn again on each new page.
#[derive(Debug, Clone)]
struct Head {
    cols: Vec<f32>,
    cells: Vec<String>,
}

/// A document being laid out.
pub(super) struct Doc {
    pub(super) pages: Vec<Vec<Op>>,
    y: f32,
    /// Whether the document reads right to left (Arabic): boxes are mirrored, lines end at
    /// the right.
    pub(super) rtl: bool,
    head: Option<Head>,
}

impl Doc {
    pub(super) fn new(rtl: bool) -> Doc {
        Doc { pages: vec![Vec::new()], y: MARGIN, rtl, head: None }
    }

    /// The vertical position, for drawings placed by their caller.
    pub(super) fn y(&self) -> f32 {
        self.y
    }

    /// Room for `h` more points on this page, else a new page.
    pub(super) fn ensure(&mut self, h: f32) {
        if self.y + h > BOTTOM && self.y > MARGIN {
            self.new_page();
        }
    }

    pub(super) fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    pub(super) fn space(&mut self, h: f32) {
        self.y += h;
    }

    pub(super) fn op(&mut self, op: Op) {
        if let Some(p) = self.pages.last_mut() {
            p.push(op);
        }
    }

    /// The left edge on the page of a box at `x` (from the left margin, as if left to right)
    /// of width `w`: mirrored in a right-to-left document.
    pub(super) fn phys(&self, x: f32, w: f32) -> f32 {
        if self.rtl { PAGE_W - MARGIN - x - w } else { MARGIN + x }
    }

    /// What draws `line` in the box at `x` (logical), width `w`, baseline `y`: from its start
    /// edge.
    fn line_ops(&self, line: &Line, x: f32, w: f32, y: f32, style: Style) -> Vec<Op> {
        let left = self.phys(x, w);
        let mut at = if self.rtl { left + w - line.width } else { left };
        let mut ops = Vec::with_capacity(line.pieces.len());
        for p in &line.pieces {
            let (face, size, color, rtl) = (p.face, style.size, style.color, p.rtl);
            ops.push(Op::Text { x: at, y, face, size, text: p.text.clone(), rtl, color });
            at += p.width;
        }
        ops
    }

    fn draw_line(&mut self, line: &Line, x: f32, w: f32, y: f32, style: Style) {
        for op in self.line_ops(line, x, w, y, style) {
            self.op(op);
        }
    }

    /// The first line of `text` (cut to `max` points) at page position `x` (its left edge,
    /// never mirrored: for pictures), baseline `y`.
    pub(super) fn text_at(&mut self, x: f32, y: f32, max: f32, text: &str, style: Style) {
        // One line: cut by width with an ellipsis where it is longer, never silently.
        let Some(line) = lines(&fit(text, style, max * 0.97), style, max, false).into_iter().next() else { return };
        let mut at = x;
        for p in line.pieces {
            let (face, size, color, rtl) = (p.face, style.size, style.color, p.rtl);
            self.op(Op::Text { x: at, y, face, size, text: p.text, rtl, color });
            at += p.width;
        }
    }

    /// A paragraph across the width, indented by `indent`.
    pub(super) fn para_at(&mut self, text: &str, style: Style, indent: f32) {
        for line in lines(text, style, WIDTH - indent, self.rtl) {
            self.ensure(style.leading());
            self.y += style.leading();
            let y = self.y - style.leading() * 0.3;
            self.draw_line(&line, indent, WIDTH - indent, y, style);
        }
        self.y += style.size * 0.4;
    }

    pub(super) fn para(&mut self, text: &str, style: Style) {
        self.para_at(text, style, 0.0);
    }

    /// A heading: level 1 (the title), 2 (a section, ruled below) or 3.
    pub(super) fn heading(&mut self, text: &str, level: u8) {
        let (size, before) = match level {
            1 => (17.0, 0.0),
            2 => (13.0, 10.0),
            _ => (10.5, 6.0),
        };
        let style = Style { face: Face::Bold, size, color: BLACK };
        self.ensure(before + size * 4.0);
        self.y += before;
        self.para(text, style);
        if level == 2 {
            let y = self.y - 2.0;
            self.op(Op::Line { x1: MARGIN, y1: y, x2: PAGE_W - MARGIN, y2: y, color: RULE, width: 0.6, dashed: false });
            self.y += 3.0;
        }
    }

    /// Facts as two columns: the label (bold), then the value.
    pub(super) fn fact(&mut self, label: &str, value: &str) {
        let lw = WIDTH * 0.3;
        let style = Style::BODY;
        let l = lines(label, Style::BOLD, lw - 6.0, self.rtl);
        let v = lines(value, style, WIDTH - lw, self.rtl);
        let n = l.len().max(v.len());
        self.ensure(style.leading() * n.min(6) as f32);
        for i in 0..n {
            self.ensure(style.leading());
            self.y += style.leading();
            let y = self.y - style.leading() * 0.3;
            if let Some(line) = l.get(i) {
                self.draw_line(line, 0.0, lw - 6.0, y, Style::BOLD);
            }
            if let Some(line) = v.get(i) {
                self.draw_line(line, lw, WIDTH - lw, y, style);
            }
        }
        self.y += 2.0;
    }

    /// Paragraphs in a coloured box (the verdict), kept on one page when they fit.
    pub(super) fn boxed(&mut self, paras: &[(String, Style)], fill: Rgb, border: Rgb) {
        let pad = 10.0;
        let laid: Vec<(Vec<Line>, Style)> =
            paras.iter().map(|(t, s)| (lines(t, *s, WIDTH - 2.0 * pad, self.rtl), *s)).collect();
        let h: f32 = laid.iter().map(|(l, s)| l.len() as f32 * s.leading() + s.size * 0.4).sum::<f32>() + 2.0 * pad;
        self.ensure(h);
        let top = self.y;
        let h = h.min(BOTTOM - top);
        self.op(Op::Rect { x: MARGIN, y: top, w: WIDTH, h, fill: Some(fill), stroke: Some((border, 4.0)) });
        self.y += pad;
        for (ls, s) in laid {
            for line in ls {
                self.ensure(s.leading());
                self.y += s.leading();
                let y = self.y - s.leading() * 0.3;
                self.draw_line(&line, pad, WIDTH - 2.0 * pad, y, s);
            }
            self.y += s.size * 0.4;
        }
        self.y = self.y.max(top + h) + 6.0;
    }

    /// Starts a table: its columns (fractions of the width) and head.
    pub(super) fn table(&mut self, cols: &[f32], cells: Vec<String>) {
        self.head = Some(Head { cols: cols.to_vec(), cells });
        self.ensure(60.0);
        self.draw_head();
    }

    fn draw_head(&mut self) {
        if let Some(h) = self.head.clone() {
            let cells: Vec<(String, Style)> = h.cells.into_iter().map(|c| (c, Style::SMALL_BOLD)).collect();
            self.row_cells(&h.cols, &cells, Some(Rgb(234, 236, 240)));
        }
    }

    /// A row of the current table; the head is drawn again above it on a new page.
    pub(super) fn row(&mut self, cells: &[(String, Style)]) {
        let Some(cols) = self.head.as_ref().map(|h| h.cols.clone()) else { return };
        self.row_cells(&cols, cells, None);
    }

    pub(super) fn end_table(&mut self) {
        self.head = None;
        self.y += 6.0;
    }

    /// A row: each cell's lines, the row as tall as its tallest cell. A row taller than what
    /// is left of the page continues on the next (under the table's head again): no line of a
    /// cell is ever dropped.
    fn row_cells(&mut self, cols: &[f32], cells: &[(String, Style)], fill: Option<Rgb>) {
        let pad = 3.0;
        let mut laid: Vec<(std::collections::VecDeque<Line>, Style)> = Vec::new();
        for (i, (text, style)) in cells.iter().enumerate() {
            let w = cols.get(i).copied().unwrap_or(0.0) * WIDTH - 2.0 * pad;
            laid.push((lines(text, *style, w.max(10.0), self.rtl).into(), *style));
        }
        let height = |laid: &[(std::collections::VecDeque<Line>, Style)]| {
            laid.iter().map(|(l, s)| l.len() as f32 * s.leading()).fold(0.0, f32::max) + 2.0 * pad
        };
        let mut fresh = false;
        loop {
            let h = height(&laid);
            // A new page when the row does not fit here but would on a page of its own, or
            // when not even three of its lines fit here; else what fits, and the rest after.
            let room = BOTTOM - self.y - 2.0 * pad;
            let first = laid.iter().map(|(_, s)| s.leading()).fold(0.0, f32::max);
            if !fresh && self.y > MARGIN && self.y + h > BOTTOM && (room < first * 3.0 || h <= BOTTOM - MARGIN) {
                self.new_page();
                if fill.is_none() {
                    self.draw_head();
                }
                fresh = true;
                continue;
            }
            let room = BOTTOM - self.y - 2.0 * pad;
            // The lines of each cell that fit on this page; the rest continue on the next.
            let part: Vec<(Vec<Line>, Style)> = laid
                .iter_mut()
                .map(|(ls, s)| {
                    let fit = ((room / s.leading()).floor().max(1.0) as usize).min(ls.len());
                    (ls.drain(..fit).collect(), *s)
                })
                .collect();
            let h = part.iter().map(|(l, s)| l.len() as f32 * s.leading()).fold(0.0, f32::max) + 2.0 * pad;
            let top = self.y;
            let mut x = 0.0;
            for (i, (ls, s)) in part.into_iter().enumerate() {
                let w = cols.get(i).copied().unwrap_or(0.0) * WIDTH;
                let px = self.phys(x, w);
                self.op(Op::Rect { x: px, y: top, w, h, fill, stroke: Some((RULE, 0.5)) });
                let mut y = top + pad;
                for line in ls {
                    y += s.leading();
                    self.draw_line(&line, x + pad, w - 2.0 * pad, y - s.leading() * 0.3, s);
                }
                x += w;
            }
            self.y = top + h;
            if laid.iter().all(|(l, _)| l.is_empty()) {
                return;
            }
            self.new_page();
            if fill.is_none() {
                self.draw_head();
            }
            fresh = true;
        }
    }

    /// Draws the pages with a footer on each (`footer` and the page's number of the total)
    /// and returns the PDF and, where krilla's validator did not find it PDF/A-2b, its error:
    /// the PDF is then a plain PDF 1.7, and says so.
    pub(super) fn finish(mut self, meta: &Meta) -> Result<(Vec<u8>, Option<String>), String> {
        self.footers(meta);
        match self.pdfa(meta) {
            Ok(pdf) => Ok((pdf, None)),
            Err(e) => render(&self.pages, meta, SerializeSettings::default()).map(|pdf| (pdf, Some(e))),
        }
    }

    /// A footer on each page: `footer` and the page's number of the total.
    fn footers(&mut self, meta: &Meta) {
        let total = self.pages.len();
        let style = Style::SMALL.color(GREY);
        // The footer's title is laid out once; only its page number, per page.
        let max = WIDTH * 0.8;
        let title = lines(&fit(&meta.footer, style, max * 0.97), style, max, self.rtl).into_iter().next();
        let title = title.unwrap_or_default();
        let gap = fonts::width(" ", style.face, style.size);
        let warn = Style::SMALL_BOLD.color(RED);
        let warning = meta
            .warning
            .as_ref()
            .and_then(|w| lines(&fit(w, warn, WIDTH * 0.97), warn, WIDTH, self.rtl).into_iter().next());
        for i in 0..total {
            let number = format!("\u{2014} {}/{}", i + 1, total);
            let number = lines(&number, style, WIDTH * 0.2, self.rtl).into_iter().next().unwrap_or_default();
            let line = if self.rtl { number.then(gap, &title) } else { title.then(gap, &number) };
            let ops = self.line_ops(&line, 0.0, WIDTH, PAGE_H - 28.0, style);
            if let Some(p) = self.pages.get_mut(i) {
                p.extend(ops);
            }
            if let Some(w) = &warning {
                let ops = self.line_ops(w, 0.0, WIDTH, PAGE_H - 40.0, warn);
                if let Some(p) = self.pages.get_mut(i) {
                    p.extend(ops);
                }
            }
        }
    }

    /// The PDF as PDF/A-2b, or krilla's reason why it does not conform.
    fn pdfa(&self, meta: &Meta) -> Result<Vec<u8>, String> {
        let configuration = ConfigurationBuilder::new()
            .with_archival_validator(Archival::A2_B)
            .finish()
            .map_err(|e| format!("{e:?}"))?;
        render(&self.pages, meta, SerializeSettings { configuration, ..Default::default() })
    }
}

/// The document's metadata.
pub(super) struct Meta {
    pub title: String,
    pub lang: String,
    pub producer: String,
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    pub created: String,
    pub footer: String,
    /// A warning every page's footer states above the title (a form on a bundle not verified
    /// intact).
    pub warning: Option<String>,
}

fn num<T: std::str::FromStr + Default>(s: &str, r: std::ops::Range<usize>) -> T {
    s.get(r).and_then(|x| x.parse().ok()).unwrap_or_default()
}

fn render(pages: &[Vec<Op>], meta: &Meta, settings: SerializeSettings) -> Result<Vec<u8>, String> {
    let fonts: Vec<(Face, Font)> =
        Face::ALL.iter().filter_map(|f| Font::new(Data::from(f.bytes()), 0).map(|font| (*f, font))).collect();
    let font = |f: Face| fonts.iter().find(|(g, _)| *g == f).map(|(_, font)| font.clone());
    let mut doc = Document::new_with(settings);
    let c = &meta.created;
    let created = DateTime::new(num(c, 0..4))
        .month(num(c, 5..7))
        .day(num(c, 8..10))
        .hour(num(c, 11..13))
        .minute(num(c, 14..16))
        .second(num(c, 17..19))
        .utc_offset_hour(0)
        .utc_offset_minute(0);
    doc.set_metadata(
        Metadata::new()
            .title(meta.title.clone())
            .language(meta.lang.clone())
            .producer(meta.producer.clone())
            .creator(meta.producer.clone())
            .creation_date(created),
    );
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("page size")?;
    for ops in pages {
        let mut page = doc.start_page_with(settings.clone());
        let mut s = page.surface();
        for op in ops {
            match op {
                Op::Text { x, y, face, size, text, rtl, color } => {
                    let Some(f) = font(*face) else { continue };
                    s.set_fill(Some(fill(*color)));
                    s.set_stroke(None);
                    let dir = if *rtl { TextDirection::RightToLeft } else { TextDirection::LeftToRight };
                    s.draw_text(Point::from_xy(*x, *y), f, *size, text, false, dir);
                }
                Op::Rect { x, y, w, h, fill: f, stroke } => {
                    let pts = [(*x, *y), (x + w, *y), (x + w, y + h), (*x, y + h)];
                    shape(&mut s, &pts, *f, *stroke, None);
                }
                Op::Line { x1, y1, x2, y2, color, width, dashed } => {
                    let dash = dashed.then(|| StrokeDash { array: vec![5.0, 3.0], offset: 0.0 });
                    line(&mut s, (*x1, *y1), (*x2, *y2), *color, *width, dash);
                }
                Op::Shape { points, fill: f, stroke } => shape(&mut s, points, *f, *stroke, None),
            }
        }
        s.finish();
        page.finish();
    }
    doc.finish().map_err(|e| format!("{e:?}"))
}

fn fill(c: Rgb) -> Fill {
    Fill { paint: rgb::Color::new(c.0, c.1, c.2).into(), opacity: NormalizedF32::ONE, rule: Default::default() }
}

fn stroke(c: Rgb, width: f32, dash: Option<StrokeDash>) -> Stroke {
    Stroke { paint: rgb::Color::new(c.0, c.1, c.2).into(), width, dash, ..Default::default() }
}

fn shape(
    s: &mut krilla::surface::Surface<'_>,
    pts: &[(f32, f32)],
    f: Option<Rgb>,
    st: Option<(Rgb, f32)>,
    dash: Option<StrokeDash>,
) {
    let mut pb = PathBuilder::new();
    for (i, (x, y)) in pts.iter().enumerate() {
        if i == 0 { pb.move_to(*x, *y) } else { pb.line_to(*x, *y) }
    }
    pb.close();
    let Some(path) = pb.finish() else { return };
    s.set_fill(f.map(fill));
    s.set_stroke(st.map(|(c, w)| stroke(c, w, dash)));
    s.draw_path(&path);
}

fn line(s: &mut krilla::surface::Surface<'_>, a: (f32, f32), b: (f32, f32), c: Rgb, w: f32, dash: Option<StrokeDash>) {
    let mut pb = PathBuilder::new();
    pb.move_to(a.0, a.1);
    pb.line_to(b.0, b.1);
    let Some(path) = pb.finish() else { return };
    s.set_fill(None);
    s.set_stroke(Some(stroke(c, w, dash)));
    s.draw_path(&path);
}
