//! What the HTML and PDF court reports show, decided once, without a word of any language: the
//! reference in titles and footers (cut to [`TITLE_CHARS`]), what each hand-over did not
//! accept, per item, looked up in one map, the damaged items and failed codes the verdict
//! names, with one set of caps, and each item's capture record as facts (`capture`, which the
//! forms state too). Both renderers walk it; neither decides these again.

pub(crate) mod capture;
pub(crate) mod events;
pub(crate) mod sections;
pub(crate) mod verdict;

use std::collections::HashMap;

use crate::verify::{ItemReport, Report};
use crate::wording::court_report::{Label, Language, Part, Sentence};

/// A word in the document's language(s): the first language's word, and the second language's
/// only where it differs (a word is shown once when both languages have the same: "SHA-256",
/// "User-Agent"): the one rule every word of the report's HTML and PDF and of the forms
/// follows, a label, a vocabulary word or a sentence alike.
pub(crate) fn words<S: AsRef<str>>(
    lang: crate::wording::court_report::Languages,
    word: impl Fn(crate::wording::court_report::Language) -> S,
) -> (String, Option<(crate::wording::court_report::Language, String)>) {
    let first = word(lang.first).as_ref().to_owned();
    let second = lang.second.map(|g| (g, word(g).as_ref().to_owned())).filter(|(_, s)| *s != first);
    (first, second)
}

/// A vocabulary word ([`Run::Term`]) in the document's language(s), each with the language it
/// is really in ([`crate::wording::forms::term_in`]: English where the catalogue has no word of
/// that language), the second only where it differs ([`words`]).
pub(crate) fn term_words(
    lang: crate::wording::court_report::Languages,
    name: &str,
) -> ((crate::wording::court_report::Language, String), Option<(crate::wording::court_report::Language, String)>) {
    let word = |g| crate::wording::forms::term_in(g, name);
    let (first, second) = words(lang, |g| word(g).1);
    ((word(lang.first).0, first), second.map(|(g, s)| (word(g).0, s)))
}

/// Punctuation joining the parts of a line ([`Run::Text`], a form's separators, the verdict's
/// and the items' joins) in a document whose first language is `lang`: in Chinese, the
/// full-width comma, colon, semicolon and brackets (，：；（）) for the ASCII `", "`, `": "`,
/// `"; "` and `" ("`/`"("`, `")"`; elsewhere as written. Never applied to a value.
pub(crate) fn punctuation(lang: crate::wording::court_report::Language, text: &str) -> String {
    if lang != crate::wording::court_report::Language::Zh {
        return text.to_owned();
    }
    text.replace(", ", "\u{ff0c}")
        .replace(": ", "\u{ff1a}")
        .replace("; ", "\u{ff1b}")
        .replace(" (", "\u{ff08}")
        .replace('(', "\u{ff08}")
        .replace(')', "\u{ff09}")
}

/// The colon between a label and what it labels ([`punctuation`]), as the verdict box and the
/// items' lines join them.
pub(crate) fn colon(lang: crate::wording::court_report::Languages) -> String {
    punctuation(lang.first, ": ")
}

/// The comma between the parts of a list ([`punctuation`]).
pub(crate) fn comma(lang: crate::wording::court_report::Languages) -> String {
    punctuation(lang.first, ", ")
}

/// A run of a fact's value: of a capture record's facts (`capture`) and of the sections'
/// lines (`sections`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Run {
    /// A word of the format's vocabularies by its name as the format writes it (`web_page`),
    /// given in the document's language(s) ([`crate::wording::forms::term`]).
    Term(&'static str),
    /// A label of the catalogue (an environment's key), in the document's language(s).
    Label(Label),
    /// Punctuation, a number or a time: the same in every language.
    Text(String),
    /// A value as its author wrote it: escaped and isolated where it is shown.
    Value(String),
    /// Where the parts of a list part (the access steps): a space in the court documents'
    /// lines, a new line in the CLI's text report ([`crate::court_report::plain_lines`]).
    Break,
    /// A sentence of the catalogue with its holes filled, each hole runs of its own (values,
    /// words, other sentences): given whole in each of the document's languages, the second
    /// after the first where it reads differently, every word in it in that sentence's language.
    Sentence(Sentence, Vec<Vec<Run>>),
}

/// A [`Run::Sentence`] of `s` with `holes`, one for each hole of its English template (every
/// language's template has the English holes: the catalogue's test holds them to it). A value
/// given no hole would be dropped and a hole given no value left empty ([`filled`]): a debug
/// build stops here instead, and the model's tests fill every sentence.
pub(crate) fn say(s: Sentence, holes: Vec<Vec<Run>>) -> Run {
    debug_assert_eq!(holes.len(), hole_count(s), "{s:?}: {} holes given", holes.len());
    Run::Sentence(s, holes)
}

/// How many holes the English template of `s` has (numbered from 0, each once).
pub(crate) fn hole_count(s: Sentence) -> usize {
    let template = crate::wording::court_report::sentence(Language::En, s);
    crate::wording::court_report::parts(template).iter().filter(|p| matches!(p, Part::Hole(_))).count()
}

/// The parts of `s` in `lang`, each the template's words or the runs of a hole (none for a hole
/// the sentence was not given: the catalogue's test holds every template to the English holes).
pub(crate) fn filled<'a>(lang: Language, s: Sentence, holes: &'a [Vec<Run>]) -> Vec<Filled<'a>> {
    (crate::wording::court_report::parts(crate::wording::court_report::sentence(lang, s)).into_iter())
        .map(|p| match p {
            Part::Words(w) => Filled::Words(w),
            Part::Hole(n) => Filled::Runs(holes.get(n).map_or(&[][..], Vec::as_slice)),
        })
        .collect()
}

/// Runs as plain text in the one language `g`: a sentence's words, a word of the vocabularies
/// and a label in `g`, punctuation as `g` writes it, each value through `value` (the caller's
/// isolation and escaping). What the PDF draws, and the timeline picture's tooltips, which
/// hold no markup.
pub(crate) fn plain_in(g: Language, runs: &[Run], value: &dyn Fn(&str) -> String) -> String {
    let mut s = String::new();
    for r in runs {
        match r {
            Run::Term(name) => s.push_str(&crate::wording::forms::term(g, name)),
            Run::Label(l) => s.push_str(crate::wording::court_report::label(g, *l)),
            Run::Text(x) => s.push_str(&punctuation(g, x)),
            Run::Value(x) => s.push_str(&value(x)),
            Run::Break => s.push(' '),
            Run::Sentence(said, holes) => {
                for p in filled(g, *said, holes) {
                    match p {
                        Filled::Words(w) => s.push_str(w),
                        Filled::Runs(r) => s.push_str(&plain_in(g, r, value)),
                    }
                }
            }
        }
    }
    s
}

/// A part of a filled sentence ([`filled`]).
pub(crate) enum Filled<'a> {
    /// The template's words, in its language.
    Words(&'static str),
    /// A hole's runs.
    Runs(&'a [Run]),
}

/// Runs joined by the catalogue's separator `sep` ([`Sentence::ListSep`], [`Sentence::Comma`]).
pub(crate) fn joined(parts: impl IntoIterator<Item = Run>, sep: Sentence) -> Vec<Run> {
    let mut out = Vec::new();
    for (n, p) in parts.into_iter().enumerate() {
        if n > 0 {
            out.push(say(sep, Vec::new()));
        }
        out.push(p);
    }
    out
}

/// The sentence under the verdict's damaged items: how many more there are.
pub(crate) fn more_damaged_items(n: usize) -> Vec<Run> {
    vec![say(Sentence::MoreDamagedItems, vec![vec![Run::Text(n.to_string())]])]
}

/// The characters of the case reference a title or a footer shows; a longer reference is cut
/// with an ellipsis there (the case section shows it whole).
pub const TITLE_CHARS: usize = 80;

/// `s` cut to `max` characters, the last of them an ellipsis when it was longer.
pub(crate) fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_owned(),
        Some(_) => s.chars().take(max.saturating_sub(1)).chain(['\u{2026}']).collect(),
    }
}

/// The case reference as a title or footer shows it (raw: each renderer escapes it), cut to
/// [`TITLE_CHARS`].
pub(crate) fn title_reference(r: &Report) -> Option<String> {
    r.case_reference.as_deref().map(|c| clip(c, TITLE_CHARS))
}

/// What the receipts did not accept: each group of each receipt once, as a sentence with its
/// reason, and for each item the deduplicated indices of the groups that name it, with a short
/// reference to show under the item. A receipt may name an item many times and give a long
/// reason: the reason is shown once per group, never per naming.
pub(crate) struct NotAccepted<'a> {
    /// Each group, in timeline order: the sentence with the holder, the transfer, the status and
    /// the reason.
    pub(crate) groups: Vec<Vec<Run>>,
    /// Each group's short reference (the transfer and the status).
    pub(crate) refs: Vec<Vec<Run>>,
    by_item: HashMap<&'a str, Vec<usize>>,
}

impl<'a> NotAccepted<'a> {
    /// The short references of the groups that did not accept `item`, each once.
    pub(crate) fn of(&self, item: &str) -> impl Iterator<Item = &[Run]> {
        self.by_item.get(item).into_iter().flatten().filter_map(|&g| self.refs.get(g)).map(Vec::as_slice)
    }

    /// Each item some receipt did not accept, with the groups (their whole sentences) that did
    /// not accept it, each once, in the order of the receipts.
    pub(crate) fn groups_by_item(&self) -> impl Iterator<Item = (&'a str, Vec<&[Run]>)> {
        (self.by_item.iter())
            .map(|(item, gs)| (*item, gs.iter().filter_map(|&g| self.groups.get(g)).map(Vec::as_slice).collect()))
    }
}

/// One map, built in one pass over the receipts.
pub(crate) fn not_accepted(r: &Report) -> NotAccepted<'_> {
    let mut out = NotAccepted { groups: Vec::new(), refs: Vec::new(), by_item: HashMap::new() };
    for p in &r.timeline {
        let Some(h) = &p.handover else { continue };
        for n in &h.items_not_accepted {
            let g = out.groups.len();
            let transfer = || vec![Run::Text(h.transfer_sequence.to_string())];
            let status = || vec![Run::Term(n.status.as_str())];
            let mut holes = vec![vec![Run::Value(p.holder.name.clone())], transfer(), status()];
            let said = match &n.reason {
                Some(why) => {
                    holes.push(vec![Run::Value(why.clone())]);
                    Sentence::NotAcceptedByWhy
                }
                None => Sentence::NotAcceptedBy,
            };
            out.groups.push(vec![say(said, holes)]);
            out.refs.push(vec![say(Sentence::NotAcceptedAt, vec![transfer(), status()])]);
            for item in &n.items {
                let of = out.by_item.entry(item.as_str()).or_default();
                // Groups are numbered in order: a repeated naming is the last index pushed.
                if of.last() != Some(&g) {
                    of.push(g);
                }
            }
        }
    }
    out
}

/// Damaged items the verdict names, in both formats; every damaged file is marked in the
/// items' lists, and a sentence says how many more items there are.
pub(crate) const VERDICT_DAMAGED_ITEMS: usize = 20;
/// Damaged files the verdict names per item.
pub(crate) const VERDICT_DAMAGED_FILES: usize = 10;

/// What a row of an item's file table says of its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileState {
    /// Its bytes do not match the manifest, or a check failed on its path.
    Damaged,
    /// Its item was disposed of (and it is not damaged).
    Disposed,
    /// As sealed.
    Ok,
}

/// The state of each file row, decided once for both reports ([`crate::verify::Damage`], built
/// once per document).
pub(crate) struct FileStates<'a>(crate::verify::Damage<'a>);

impl<'a> FileStates<'a> {
    pub(crate) fn new(r: &'a Report) -> Self {
        FileStates(crate::verify::Damage::of(r))
    }

    /// Whether the file at `path` is damaged.
    pub(crate) fn damaged(&self, path: &str) -> bool {
        self.0.file(path)
    }

    /// Whether an item of the manifest has a damaged file.
    pub(crate) fn item_damaged(&self, item: &crate::manifest::Item) -> bool {
        self.0.item(item)
    }

    /// The state of the file at `path` of an item disposed of or not.
    pub(crate) fn of(&self, path: &str, disposed: bool) -> FileState {
        if self.damaged(path) {
            FileState::Damaged
        } else if disposed {
            FileState::Disposed
        } else {
            FileState::Ok
        }
    }
}

/// The items the PDF report lays out (a heading, a size, a capture record and a table each):
/// damaged items and items a hand-over did not accept first, then the others in the report's
/// order; beyond, one note says how many more there are and where the full list is (a bundle
/// of a million single-file items would otherwise be some 150,000 pages). The PDF's file caps
/// are `pdf::ITEM_FILES` and `pdf::REPORT_FILES`.
pub const PDF_ITEMS: usize = 500;

/// The items the PDF lays out, at most [`PDF_ITEMS`] of them (damaged and not-accepted items
/// first, each group in the report's order), and how many more items there are.
pub(crate) fn pdf_items<'a>(r: &'a Report, not_accepted: &NotAccepted<'_>) -> (Vec<&'a ItemReport>, usize) {
    let states = FileStates::new(r);
    let manifest: HashMap<&str, &crate::manifest::Item> =
        r.manifest.iter().flat_map(|m| &m.items).map(|i| (i.id.as_str(), i)).collect();
    let damaged = |i: &ItemReport| manifest.get(i.id.as_str()).is_some_and(|m| states.item_damaged(m));
    let first = |i: &ItemReport| damaged(i) || not_accepted.of(&i.id).next().is_some();
    let shown: Vec<&ItemReport> =
        (r.items.iter().filter(|i| first(i))).chain(r.items.iter().filter(|i| !first(i))).take(PDF_ITEMS).collect();
    let more = r.items.len() - shown.len();
    (shown, more)
}

/// The files a form lists, over all items; beyond, a line says how many more there are.
pub const FORM_FILES: usize = 1000;
/// The items whose capture record a form shows (the FRE and MLA forms' section 2, the CN
/// record's lines per item); beyond, a line says how many more there are.
pub const FORM_ITEMS: usize = 100;
/// The signature blocks a form fills from countersignatures (the CN record's); beyond, a line
/// says how many more countersignatures there are.
pub const FORM_SIGNATURES: usize = 20;

/// The damaged items the verdict names, at most [`VERDICT_DAMAGED_ITEMS`], each with at most
/// [`VERDICT_DAMAGED_FILES`] of its damaged files, and how many more there are of each.
pub(crate) fn verdict_damaged(r: &Report) -> crate::verify::DamagedItems {
    r.damaged_items(VERDICT_DAMAGED_ITEMS, VERDICT_DAMAGED_FILES)
}

/// The state's name as the format writes it (`invalid`, `not_trusted`, ...): the key of its
/// words in the catalogue and of its style, built here once for both renderers and the forms.
pub(crate) fn state_name(r: &Report) -> String {
    serde_json::to_value(r.state).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// The codes of the failed checks, each once, in the order first found.
pub(crate) fn failed_codes(r: &Report) -> Vec<&str> {
    let mut seen = std::collections::HashSet::new();
    r.failures().into_iter().filter(|c| seen.insert(*c)).collect()
}

/// The manifest's actors by id, built once per document (the first of a repeated id, as a scan
/// would find it): a capture record's operators and witnesses are looked up in it, never by a
/// scan of every actor per id (ids x actors on a hostile manifest).
pub(crate) fn actors(r: &crate::verify::Report) -> Actors<'_> {
    actors_of(&r.actors)
}

/// Actors by id ([`actors`]), from a manifest's list.
pub(crate) fn actors_of(actors: &[crate::provenance::Actor]) -> Actors<'_> {
    let mut by_id = Actors::with_capacity(actors.len());
    for a in actors {
        by_id.entry(a.id.as_str()).or_insert(a);
    }
    by_id
}

/// The manifest's actors by id ([`actors`]).
pub(crate) type Actors<'a> = std::collections::HashMap<&'a str, &'a crate::provenance::Actor>;

#[cfg(test)]
mod tests {
    use super::clip;

    #[test]
    fn a_long_value_is_cut_with_an_ellipsis_and_a_short_one_kept() {
        assert_eq!(clip("abc", 3), "abc");
        assert_eq!(clip("abcd", 3), "ab\u{2026}");
        assert_eq!(clip(&"證".repeat(100_000), 80).chars().count(), 80);
    }
}
