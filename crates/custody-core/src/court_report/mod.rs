//! The court report (`custody report`, issue #16): one self-contained HTML file from one
//! verification run. CSS and the timeline's SVG are inline; it has no script and makes no
//! request of any kind (its Content-Security-Policy forbids them). The sections come in the
//! order the issue gives: the verdict (then who verified, when, with which trust anchors),
//! restrictions and transfer conditions, the case, the
//! items with every file, attestations and statements, the custody timeline as a picture,
//! every check with its code, and how to re-verify with stock tools. Every word is the
//! catalogue's (`wording::court_report`, and the sentences the text report shares); every
//! value from the bundle is escaped ([`html::value`]) and isolated in `<bdi>`. The file list
//! is written as the manifest is walked, never gathered, so a bundle of a million files
//! costs no second copy of its listing.

pub mod form;
pub mod html;
pub(crate) mod model;
pub mod pdf;
mod sections;
mod svg;

use std::io::{self, Write};
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::digest::Sha256Digest;
use crate::error::Error;
use crate::time::Timestamp;
use crate::verify::Report;
/// The court report's words (the catalogue's `court_report` family), for callers that word what
/// they do with a report (recording it) as the report does.
pub use crate::wording::court_report as words;
pub use model::Run;
pub use model::capture::Fact as CaptureFact;
pub use model::events::event_summary;

/// An item's capture record as facts, in the order every document states it, each under its
/// label with its value in runs (words by name, values as written): the one home of what a
/// capture record says, laid out by the HTML and PDF reports, the forms and the text report.
pub fn capture_facts(c: &crate::provenance::Capture, actors: &[crate::provenance::Actor]) -> Vec<CaptureFact> {
    model::capture::facts(c, &model::actors_of(actors))
}

/// The latest custody event in plain English, each a line ([`plain_lines`]): the court
/// documents' sentences (its number, type, time and signer, claimed only on an invalid bundle;
/// its key; the request to confirm it with the sender, when the bundle is not invalid), as the
/// text report writes them under the state. `value` writes each value as written.
pub fn latest_event_lines(r: &crate::verify::Report, value: impl Fn(&str) -> String) -> Vec<String> {
    let Some(e) = model::sections::latest_event(r) else { return Vec::new() };
    (std::iter::once(e.line).chain([e.key]).chain(e.confirm)).map(|l| plain_lines(&l, &value).join(" ")).collect()
}

/// What the receipts did not accept, by item: for each item, each receipt's group that did not
/// accept it (by whom, at which transfer, the status and the reason), in plain English
/// ([`plain_lines`]): the court documents' sentences, as the text report writes them under the
/// item, after its own label. `value` writes each value as written.
pub fn not_accepted_lines(
    r: &crate::verify::Report,
    value: impl Fn(&str) -> String,
) -> std::collections::HashMap<&str, Vec<String>> {
    let said = model::not_accepted(r);
    (said.groups_by_item())
        .map(|(item, groups)| (item, groups.iter().map(|g| plain_lines(g, &value).join(" ")).collect()))
        .collect()
}

/// A transfer still pending, in plain English ([`plain_lines`]): the court documents' sentence,
/// as the text report writes it at the end of the custody timeline.
pub fn pending_line(r: &crate::verify::Report, value: impl Fn(&str) -> String) -> Option<String> {
    model::sections::pending(r).map(|l| plain_lines(&l, value).join(" "))
}

/// How many damaged items the verdict does not name, in plain English: the court documents'
/// sentence, as the text report writes it under the damaged items it names.
pub fn more_damaged_items_line(n: usize) -> String {
    plain_lines(&model::more_damaged_items(n), str::to_owned).join(" ")
}

/// The restrictions on use and each hand-over's conditions with the recipient's answer, one line
/// each, in plain English: the court documents' sentences (the model, `model::sections`), as the
/// text report writes them (`value` writes each value as written; [`plain_lines`]). One home for
/// their words.
pub fn restriction_lines(
    restrictions: &crate::provenance::Restrictions,
    timeline: &[crate::verify::CustodyPeriod],
    value: impl Fn(&str) -> String,
) -> Vec<String> {
    (model::sections::restrictions_and_conditions(restrictions, timeline).iter())
        .map(|line| plain_lines(line, &value).join(" "))
        .collect()
}

/// Runs as the CLI's text report writes them, in plain English: a vocabulary word in words
/// (`web_page` → `web page`), a label the text report's lowercase one
/// ([`crate::verify::wording::render::capture::text_label`]), punctuation as it is, a value
/// through `value` (the caller's escaping for a terminal); one line per part a [`Run::Break`]
/// ends (each access step on its own line). The one place a new kind of run is written as text.
pub fn plain_lines(runs: &[Run], value: impl Fn(&str) -> String) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    plain_into(runs, &value, &mut lines, &mut line);
    lines.push(line);
    lines
}

/// [`plain_lines`] of `runs` onto the `line` being written and the `lines` written (a sentence
/// of the catalogue in English, its holes written in its place).
fn plain_into(runs: &[Run], value: &dyn Fn(&str) -> String, lines: &mut Vec<String>, line: &mut String) {
    for r in runs {
        match r {
            Run::Term(name) => line.push_str(&crate::wording::words(name)),
            Run::Label(l) => line.push_str(
                crate::wording::render::capture::text_label(*l)
                    .unwrap_or_else(|| crate::wording::court_report::label(Language::En, *l)),
            ),
            Run::Text(t) => line.push_str(t),
            Run::Value(v) => line.push_str(&value(v)),
            Run::Break => lines.push(std::mem::take(line)),
            Run::Sentence(said, holes) => {
                for p in model::filled(Language::En, *said, holes) {
                    match p {
                        model::Filled::Words(w) => line.push_str(w),
                        model::Filled::Runs(r) => plain_into(r, value, lines, line),
                    }
                }
            }
        }
    }
}
pub use crate::wording::court_report::{Language, Languages};

/// A file the verification relied on (a trust list, TSA roots), as the report names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    /// The file as the user named it.
    pub name: String,
    /// The SHA-256 of its bytes.
    pub sha256: Sha256Digest,
}

/// What the report states besides the verification itself.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ReportContext {
    /// When the report was made (for golden files, a fixed time, e.g. `SOURCE_DATE_EPOCH`).
    pub generated_at: Timestamp,
    /// The trust list the verification used, if any.
    pub trust_list: Option<Anchor>,
    /// The TSA roots the verification used, if any.
    pub tsa_roots: Option<Anchor>,
    /// The language(s) of the report's own words: one, or two for a bilingual report.
    pub languages: Languages,
    /// For the FRE 902(14) form, required there: whether the declaration is signed within the
    /// United States, its territories included (28 U.S.C. §1746(2)), or outside (§1746(1)).
    /// `None` refuses the form ([`write_form_file`]).
    pub within_us: Option<bool>,
    /// For the FRE 902(14) form: the records are a foreign business's records of regularly
    /// conducted activity, certified under 18 U.S.C. §3505(a)(1) inside the declaration.
    pub foreign_business_records: bool,
}

impl ReportContext {
    /// A report made at `generated_at`, in English, with no trust list and no TSA roots.
    pub fn new(generated_at: Timestamp) -> Self {
        ReportContext {
            generated_at,
            trust_list: None,
            tsa_roots: None,
            languages: Languages::default(),
            within_us: None,
            foreign_business_records: false,
        }
    }
}

/// Writes the court report of `r` to `out` as HTML.
pub fn write_html(r: &Report, ctx: &ReportContext, out: &mut dyn Write) -> io::Result<()> {
    let lang = ctx.languages;
    sections::head(out, r, ctx)?;
    sections::verdict(out, r, lang)?;
    sections::about(out, r, ctx)?;
    sections::restrictions(out, r, lang)?;
    sections::case(out, r, lang)?;
    sections::items(out, r, lang)?;
    sections::attestations(out, r, lang)?;
    sections::statements(out, r, lang)?;
    sections::timeline(out, r, lang)?;
    sections::checks(out, r, lang)?;
    sections::appendix(out, lang)?;
    out.write_all(b"</main>\n</body>\n</html>\n")
}

/// The court report's file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// One self-contained HTML file ([`write_html`]).
    Html,
    /// A PDF, PDF/A-2b when it conforms, fonts embedded ([`pdf::render`]).
    Pdf,
}

impl Format {
    /// The format a file name asks for: PDF for a name ending in `.pdf`, HTML for `.html`,
    /// `.htm` or no extension (any case); `None` for any other extension (`report.txt` would
    /// be an HTML file its name misdescribes).
    pub fn of_path(path: &Path) -> Option<Format> {
        let Some(e) = path.extension() else { return Some(Format::Html) };
        let e = e.to_str()?;
        if e.eq_ignore_ascii_case("pdf") {
            Some(Format::Pdf)
        } else if e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm") {
            Some(Format::Html)
        } else {
            None
        }
    }
}

/// A report file written.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Written {
    /// The SHA-256 of its bytes.
    pub sha256: Sha256Digest,
    /// For a PDF, whether it is PDF/A-2b ([`pdf::Pdf::archival`]); `None` for HTML.
    pub archival: Option<bool>,
    /// For a PDF that is not PDF/A-2b, the validator's error ([`pdf::Pdf::not_archival`]).
    pub not_archival: Option<String>,
}

/// Writes the court report of `r` to `dest` in the format its name asks for
/// ([`Format::of_path`]), atomically (a temporary beside it, flushed, renamed; an existing
/// `dest` is refused, so a report never replaces another file), and returns the SHA-256 of
/// the bytes written and, for a PDF, whether it is PDF/A-2b.
pub fn write_file(r: &Report, ctx: &ReportContext, dest: &Path) -> Result<Written, Error> {
    write_atomically(dest, |out| write_html(r, ctx, out), || pdf::render(r, ctx))
}

/// Writes the certification `form` of `r` to `dest` as [`write_file`] writes the report: the
/// format from the name, atomically, an existing `dest` refused. The form is built once from the
/// verification report (no second verification) in the languages of `ctx`, which the caller
/// checks with [`form::languages`] first. The FRE form needs `ctx.within_us` (else
/// [`Error::BadInput`]); languages the form is not written in are refused likewise.
/// `bundle_sha256` identifies the bundle verified: the digest [`form::verify_hashed`] returns
/// with the report, of the same bytes as were verified.
pub fn write_form_file(
    r: &Report,
    ctx: &ReportContext,
    which: form::Form,
    bundle_sha256: &Sha256Digest,
    dest: &Path,
) -> Result<Written, Error> {
    if which == form::Form::Fre90214 && ctx.within_us.is_none() {
        return Err(Error::BadInput {
            field: "within_us",
            why: crate::wording::forms::declared_missing(crate::wording::Front::Library),
            remedy: None,
        });
    }
    if let Err(why) = form::languages(which, ctx.languages) {
        return Err(Error::BadInput { field: "languages", why, remedy: None });
    }
    let built = form::build(which, r, ctx, bundle_sha256);
    write_atomically(dest, |out| form::html::write(&built, out), || pdf::form::render(&built, r, ctx))
}

/// Writes what `html` or `pdf` makes, as the name of `dest` asks, through a temporary beside it,
/// hashing the bytes.
fn write_atomically(
    dest: &Path,
    html: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    pdf: impl FnOnce() -> Result<pdf::Pdf, String>,
) -> Result<Written, Error> {
    let Some(format) = Format::of_path(dest) else {
        return Err(Error::BadInput {
            field: "out",
            why: words::cli::out_extension(&dest.display().to_string()),
            remedy: None,
        });
    };
    let mut tmp = crate::fsutil::temp_beside(dest)?;
    let (mut archival, mut not_archival) = (None, None);
    let (written, digest) = {
        let mut hashed = Hashing { out: io::BufWriter::new(tmp.as_file_mut()), hash: Sha256::new() };
        let written = match format {
            Format::Html => html(&mut hashed),
            Format::Pdf => pdf().map_err(|e| io::Error::other(words::pdf_failed(&e))).and_then(|pdf| {
                archival = Some(pdf.archival);
                not_archival = pdf.not_archival;
                hashed.write_all(&pdf.bytes)
            }),
        }
        .and_then(|()| hashed.flush());
        (written, Sha256Digest(hashed.hash.finalize().into()))
    };
    written.map_err(Error::io(tmp.path()))?;
    crate::fsutil::persist(tmp, dest, false)?;
    Ok(Written { sha256: digest, archival, not_archival })
}

/// A writer that hashes what passes through it.
struct Hashing<W: Write> {
    out: W,
    hash: Sha256,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        self.hash.update(&buf[..n.min(buf.len())]);
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
