//! The fonts the PDF embeds (in `crates/custody-core/fonts/`, with their licences: Noto Sans
//! and Noto Sans Arabic under the SIL Open Font License 1.1, Droid Sans Fallback under the
//! Apache License 2.0), which one draws each character, and how wide a run of text is.
//! Together they cover the seven report languages: Latin, Cyrillic, Greek, Arabic and CJK.

use std::sync::OnceLock;

use rustybuzz::{Face as Shaper, UnicodeBuffer};

static SANS: &[u8] = include_bytes!("../../../fonts/NotoSans-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../../fonts/NotoSans-Bold.ttf");
static ARABIC: &[u8] = include_bytes!("../../../fonts/NotoSansArabic-Regular.ttf");
static CJK: &[u8] = include_bytes!("../../../fonts/DroidSansFallbackFull.ttf");

/// One of the embedded fonts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Face {
    Sans,
    Bold,
    Arabic,
    Cjk,
}

impl Face {
    pub(super) const ALL: [Face; 4] = [Face::Sans, Face::Bold, Face::Arabic, Face::Cjk];

    pub(super) fn bytes(self) -> &'static [u8] {
        match self {
            Face::Sans => SANS,
            Face::Bold => BOLD,
            Face::Arabic => ARABIC,
            Face::Cjk => CJK,
        }
    }

    fn index(self) -> usize {
        match self {
            Face::Sans => 0,
            Face::Bold => 1,
            Face::Arabic => 2,
            Face::Cjk => 3,
        }
    }
}

/// The shapers of the four fonts, parsed once.
fn shapers() -> &'static [Option<Shaper<'static>>; 4] {
    static SHAPERS: OnceLock<[Option<Shaper<'static>>; 4]> = OnceLock::new();
    SHAPERS.get_or_init(|| Face::ALL.map(|f| Shaper::from_slice(f.bytes(), 0)))
}

fn shaper(face: Face) -> Option<&'static Shaper<'static>> {
    shapers()[face.index()].as_ref()
}

pub(super) fn has(face: Face, c: char) -> bool {
    shaper(face).is_some_and(|s| s.glyph_index(c).is_some())
}

/// Whether `c` is written in Arabic script (the Arabic font shapes it, joined to its
/// neighbours).
pub(super) fn is_arabic(c: char) -> bool {
    matches!(c as u32, 0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Whether `c` opens or closes a directional isolate (U+2066 to U+2069): the PDF puts them
/// around each value, as the HTML report's `<bdi>`, for the bidirectional algorithm; they are
/// never drawn (a bundle's own are escaped before, [`crate::text::printable`]).
pub(super) fn is_isolate(c: char) -> bool {
    matches!(c, '\u{2066}'..='\u{2069}')
}

/// `s` without directional isolates: what is drawn and measured.
pub(super) fn without_isolates(s: &str) -> String {
    s.chars().filter(|c| !is_isolate(*c)).collect()
}

/// Whether some embedded font draws `c` (a character none draws is shown as its escape,
/// [`drawable`]).
fn covered(c: char) -> bool {
    c == ' ' || Face::ALL.iter().any(|f| has(*f, c))
}

/// `s` with every character no embedded font draws replaced by its escape (`\u{1f600}`), so
/// that nothing is drawn as an empty box and a value is never silently lost. Control and
/// direction characters were made visible before ([`crate::text::printable`]).
pub(super) fn drawable(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' | '\n' | '\r' => out.push(' '),
            c if is_isolate(c) => out.push(c),
            c if covered(c) => out.push(c),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    out
}

/// Splits `s` (drawable text) into runs of one font each, in logical order: Arabic script in
/// the Arabic font, what the primary font (`Sans` or `Bold`) draws in it, the rest in the first
/// font that draws it. Spaces and punctuation stay in the run they are in, so an Arabic
/// phrase is shaped as one.
pub(super) fn runs(s: &str, primary: Face) -> Vec<(Face, &str)> {
    let mut out: Vec<(Face, &str)> = Vec::new();
    let mut start = 0;
    let mut current: Option<Face> = None;
    for (i, c) in s.char_indices() {
        // Never a font that lacks the character: its empty box (`.notdef`) would be drawn,
        // and PDF/A forbids it.
        let want = if is_arabic(c) && has(Face::Arabic, c) {
            Face::Arabic
        } else if let Some(cur) = current.filter(|f| !c.is_alphanumeric() && has(*f, c)) {
            cur
        } else if has(primary, c) {
            primary
        } else {
            [Face::Arabic, Face::Cjk, Face::Sans, Face::Bold].into_iter().find(|f| has(*f, c)).unwrap_or(primary)
        };
        match current {
            Some(f) if f == want => {}
            Some(f) => {
                out.push((f, &s[start..i]));
                start = i;
                current = Some(want);
            }
            None => current = Some(want),
        }
    }
    if let Some(f) = current {
        out.push((f, &s[start..]));
    }
    out
}

#[cfg(test)]
thread_local! {
    /// The bytes shaped on this thread: the layout's work, for the tests that hold it linear.
    pub(super) static SHAPED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// The width of `s`, one font's run, at `size` points, as the shaper lays it out.
pub(super) fn run_width(face: Face, s: &str, size: f32, rtl: bool) -> f32 {
    #[cfg(test)]
    SHAPED.with(|n| n.set(n.get() + s.len() as u64));
    let Some(shaper) = shaper(face) else { return 0.0 };
    let mut buf = UnicodeBuffer::new();
    buf.push_str(s);
    buf.guess_segment_properties();
    buf.set_direction(if rtl { rustybuzz::Direction::RightToLeft } else { rustybuzz::Direction::LeftToRight });
    let shaped = rustybuzz::shape(shaper, &[], buf);
    let units: i64 = shaped.glyph_positions().iter().map(|p| i64::from(p.x_advance)).sum();
    units as f32 * size / upem(shaper)
}

/// Font units per em (1000 if a font said 0).
fn upem(s: &Shaper<'_>) -> f32 {
    let u = s.units_per_em() as f32;
    if u > 0.0 { u } else { 1000.0 }
}

/// The width of `s` (any scripts) in `primary`'s family at `size`.
pub(super) fn width(s: &str, primary: Face, size: f32) -> f32 {
    let s = without_isolates(s);
    runs(&s, primary).into_iter().map(|(f, r)| run_width(f, r, size, f == Face::Arabic)).sum()
}

#[cfg(test)]
mod tests {
    use super::{Face, drawable, runs};

    #[test]
    fn every_script_of_the_report_has_a_font_and_the_rest_is_escaped() {
        let s = "Preuve 证据 دليل Доказательство ✓\u{1F600}";
        let d = drawable(s);
        assert!(d.ends_with("\\u{1f600}"), "{d}");
        let faces: Vec<Face> = runs(&d, Face::Sans).into_iter().map(|(f, _)| f).collect();
        assert!(faces.contains(&Face::Cjk) && faces.contains(&Face::Arabic), "{faces:?}");
        assert_eq!(runs("دليل رقم ٣", Face::Sans).len(), 1, "an Arabic phrase is one run");
    }
}
