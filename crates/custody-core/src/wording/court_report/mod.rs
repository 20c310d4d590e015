//! The court report's words (`custody report`, issue #16): its headings, labels and the
//! sentences of its header, verdict and timeline picture, the case's labels, the sentences that
//! hold values (the restrictions on use, the hand-overs' conditions with their answers, a
//! pending transfer, the latest event, what a receipt did not accept: [`Sentence`], templates
//! whose holes the model fills), the vocabulary words they state ([`term`]), a short title for
//! each area of check codes and what each check code means ([`check_meaning`], module `checks`),
//! in each [`Language`]. One module per language (`en`, `fr`, `es`, `zh`, `ar`, `ru`, `de`),
//! each with the same functions; this module dispatches on the language. A missing label,
//! sentence or check meaning in a language is a compile error (every `match` on [`Label`],
//! [`Sentence`] and the check codes is exhaustive); a missing area title, a template whose holes
//! are not the English ones, or a vocabulary word the report states left in English fails the
//! tests below. The custody events' lines and the statements' lines are sentences of the
//! catalogue too (`Sentence::Event*`, `Sentence::Statement*`, worded from each event's facts).
//! The verdict's summary in every state (`Sentence::Summary*`: of a file that is no bundle, with
//! what it appears to be and what to do, of an unzipped and of a re-zipped bundle too) and a
//! re-zipped bundle's content summary are sentences of the catalogue, which the verifier's
//! English is said from as well. Each check's own message stays in English (the report says so,
//! in the reader's language, beside what the check means); values stay as their authors wrote
//! them (the writer isolates and escapes them).

mod ar;
mod de;
mod en;
mod es;
mod fr;
mod ru;
mod zh;

use crate::check::Level;

/// A language the court report can be written in: the six official languages of the United
/// Nations and German. The report's `lang` and `dir` attributes come from here.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Language {
    /// English.
    #[default]
    En,
    /// French.
    Fr,
    /// Spanish.
    Es,
    /// Chinese (simplified).
    Zh,
    /// Arabic, written right to left.
    Ar,
    /// Russian.
    Ru,
    /// German.
    De,
}

/// Calls `$f` of the language module of `$lang` with the arguments given.
macro_rules! each {
    ($lang:expr, $f:ident ( $($arg:expr),* )) => {
        match $lang {
            Language::En => en::$f($($arg),*),
            Language::Fr => fr::$f($($arg),*),
            Language::Es => es::$f($($arg),*),
            Language::Zh => zh::$f($($arg),*),
            Language::Ar => ar::$f($($arg),*),
            Language::Ru => ru::$f($($arg),*),
            Language::De => de::$f($($arg),*),
        }
    };
}

impl Language {
    /// Every language, in the order `--lang` lists them.
    pub const ALL: &'static [Language] =
        &[Language::En, Language::Fr, Language::Es, Language::Zh, Language::Ar, Language::Ru, Language::De];

    /// The BCP 47 tag written as the document's `lang`.
    pub fn tag(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fr => "fr",
            Language::Es => "es",
            Language::Zh => "zh",
            Language::Ar => "ar",
            Language::Ru => "ru",
            Language::De => "de",
        }
    }

    /// The language of `tag` (`en`, `fr`, `es`, `zh`, `ar`, `ru`, `de`), if the report has it.
    /// Tags are read as BCP 47 reads them, in any case, and a region or script after the
    /// language is accepted (`FR`, `fr-BE`, `zh-CN`), except the traditional Chinese ones
    /// (`zh-Hant`, `zh-TW`, `zh-HK`, `zh-MO`): the Chinese catalogue is simplified Chinese.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let tag = tag.to_ascii_lowercase();
        let mut parts = tag.split(['-', '_']);
        let language = parts.next()?;
        if language == "zh" && parts.any(|p| ["hant", "tw", "hk", "mo"].contains(&p)) {
            return None;
        }
        Language::ALL.iter().copied().find(|l| l.tag() == language)
    }

    /// The text direction written as the document's `dir`: `ltr` or `rtl`.
    pub fn dir(self) -> &'static str {
        match self {
            Language::Ar => "rtl",
            _ => "ltr",
        }
    }
}

/// The languages of one report: its own, and perhaps a second whose words follow each label
/// of the first (a bilingual report, `--lang fr,en`); values are shown once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Languages {
    /// The report's language: its `lang` and `dir`.
    pub first: Language,
    /// The language each label is also given in, if any (never the same as `first`).
    pub second: Option<Language>,
}

impl Languages {
    /// `en`, or two tags separated by a comma (`fr,en`); `None` for an unknown tag, more than
    /// two, or the same language twice.
    pub fn parse(s: &str) -> Option<Languages> {
        let mut tags = s.split(',').map(str::trim);
        let first = Language::from_tag(tags.next()?)?;
        let second = match tags.next() {
            None => None,
            Some(t) => Some(Language::from_tag(t).filter(|l| *l != first)?),
        };
        if tags.next().is_some() {
            return None;
        }
        Some(Languages { first, second })
    }

    /// The languages in order: the first, then the second if any.
    pub fn iter(self) -> impl Iterator<Item = Language> {
        std::iter::once(self.first).chain(self.second)
    }

    /// The tags as `--lang` takes them (`fr,en`).
    pub fn tags(self) -> String {
        self.iter().map(Language::tag).collect::<Vec<_>>().join(",")
    }
}

impl From<Language> for Languages {
    fn from(first: Language) -> Self {
        Languages { first, second: None }
    }
}

/// A heading or label of the court report: the key of a catalogue entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Label {
    /// The document's title.
    Title,
    /// The verdict section.
    Verdict,
    /// The latest custody event, in the verdict.
    LatestEvent,
    /// Items found damaged.
    Damaged,
    /// The failed check codes.
    FailedCodes,
    /// The restrictions and conditions section.
    Restrictions,
    /// No restriction and no condition.
    NoRestrictions,
    /// The case section.
    Case,
    /// The case details could not be read.
    NoCase,
    /// The items section.
    Items,
    /// Column: a file's path.
    Path,
    /// Column: a size in bytes.
    Size,
    /// Column: SHA-256.
    Sha256,
    /// Column: media type.
    MediaType,
    /// Column: a file's result.
    Result,
    /// A file found damaged.
    FileDamaged,
    /// A file with no failure found.
    FileOk,
    /// A file of an item a signed disposition returned or destroyed: not in the bundle, on
    /// purpose.
    FileDisposed,
    /// Before an event number: the item was returned or destroyed under that signed event.
    DisposedBy,
    /// The capture provenance of an item.
    Capture,
    /// What a receipt did not accept of an item.
    NotAccepted,
    /// The attestations section.
    Attestations,
    /// The statements section (countersignatures, documents, examinations, access records).
    Statements,
    /// No statement.
    NoStatements,
    /// The custody timeline section.
    Timeline,
    /// The custody events list.
    Events,
    /// The checks section.
    Checks,
    /// The content checks of a ZIP file whose entries were read leniently (spec §9.6).
    ContentChecks,
    /// Column: check code.
    Code,
    /// Column: check level.
    Level,
    /// Column: check message.
    Message,
    /// The appendix.
    Appendix,
    /// About this report: tool, time, trust anchors.
    About,
    /// Row: the bundle as named.
    Bundle,
    /// Row: the bundle id.
    BundleId,
    /// Row: the tool that verified and wrote the report.
    Tool,
    /// Row: when the report was made.
    GeneratedAt,
    /// Row: when the verification ran.
    VerifiedAt,
    /// Row: the trust list used.
    TrustList,
    /// Row: the TSA roots used.
    TsaRoots,
    /// None was given.
    NoneGiven,
    /// The parties who signed, under the timeline.
    Parties,
    /// Column: a party's name.
    Name,
    /// Column: organisation.
    Organisation,
    /// Column: role.
    Role,
    /// Column: jurisdiction.
    Jurisdiction,
    /// Column: key fingerprint.
    Key,
    /// Column: whether the trust list vouches for the key.
    Trusted,
    /// In the trust list, with the identity it claims.
    InTrustList,
    /// Not in the trust list (or another identity).
    NotInTrustList,
    /// No trust list was given.
    NotChecked,
    /// The short mark beside a receipt that refused items or conditions.
    Refused,
    /// The files of an item (the list folds when long).
    ShowFiles,
    /// Row: the language(s) of the report.
    Language,
    /// The report's own words are translated; check messages and the sentences quoted from
    /// the verification stay in English.
    DetailsInEnglish,
    /// Column: the check's area (its code's first segment), titled.
    Area,
    /// Capture: what the item is.
    CaptureKind,
    /// Capture: where it was captured from.
    CaptureSource,
    /// Capture: the URL after redirects.
    CaptureFinalUrl,
    /// Capture: the platform and the account or object on it.
    CaptureOn,
    /// Capture: when it ran.
    CaptureAt,
    /// Capture: the capture tool and its version.
    CaptureTool,
    /// Capture: the capture methods.
    CaptureMethods,
    /// Capture: what set the capturing machine's clock.
    CaptureClock,
    /// Capture: where it ran (the environment's values, each with its label).
    CaptureEnvironment,
    /// Capture: the steps taken to reach the content, in order.
    CaptureSteps,
    /// Capture: who captured it.
    CaptureBy,
    /// Capture: who witnessed it.
    CaptureWitnessedBy,
    /// Capture: the authorisation it was made under.
    CaptureUnder,
    /// Capture: a known alteration of the content.
    CaptureAltered,
    /// Capture: the sealer's note.
    CaptureNote,
    /// Capture environment: the operating system.
    EnvOs,
    /// Capture environment: the browser.
    EnvBrowser,
    /// Capture environment: the User-Agent sent.
    EnvUserAgent,
    /// Capture environment: the public IP address the capture came from.
    EnvEgressIp,
    /// Capture environment: the country where the traffic left the network.
    EnvExitJurisdiction,
    /// Capture environment: anything else about it.
    EnvNote,
    /// An account handle, in a capture record's platform and account.
    CaptureAccount,
    /// An account id, in a capture record's platform and account.
    CaptureAccountId,
    /// An object id (a post, a video), in a capture record's platform and account.
    CaptureObject,
    /// Case: its reference.
    CaseReference,
    /// Case: its title.
    CaseTitle,
    /// Case: the kind of proceeding.
    CaseProceeding,
    /// Case: how the evidence was obtained.
    CaseObtainedBy,
    /// Case: the urgency.
    CaseUrgency,
    /// Case: a legal basis.
    CaseLegalBasis,
    /// Case: an offence.
    CaseOffence,
    /// Case: a file number of an authority.
    CaseFileNumber,
    /// Case: a related request.
    CaseRequest,
    /// A verification state's name ([`state_name`]), where a sentence names it (a re-zipped
    /// bundle's content checks): invalid.
    StateInvalid,
    /// A verification state's name: not trusted.
    StateNotTrusted,
    /// A verification state's name: intact.
    StateIntact,
    /// A verification state's name: trusted.
    StateTrusted,
}

mod checks;
mod sentence;
pub use checks::check_meaning;
pub use sentence::{Part, Sentence, english, parts, sentence};

/// A word of the format's vocabularies (an event's type, a condition's kind, a confidentiality
/// level, a data subject, a proceeding, an urgency, a role) in `lang`, if the court report's
/// catalogue has it; [`crate::wording::forms::term_in`] asks it after the forms' own words.
pub fn term(lang: Language, name: &str) -> Option<&'static str> {
    each!(lang, term(name))
}

/// The words of `label` in `lang`.
pub fn label(lang: Language, label: Label) -> &'static str {
    each!(lang, label(label))
}

/// The verification state (spec §9.2: `invalid`, `not_trusted`, `intact`, `trusted`) as the
/// verdict writes it, in large letters.
/// A string other than those four is taken as `intact`. The words are the labels
/// [`Label::StateInvalid`] ... [`Label::StateTrusted`], each language's `label` arms.
pub fn state_name(lang: Language, state: &str) -> &'static str {
    label(
        lang,
        match state {
            "invalid" => Label::StateInvalid,
            "not_trusted" => Label::StateNotTrusted,
            "trusted" => Label::StateTrusted,
            _ => Label::StateIntact,
        },
    )
}

/// The verdict's explanation of what the state means, under its label.
pub fn state_meaning(lang: Language, state: &str) -> &'static str {
    each!(lang, state_meaning(state))
}

/// A check's level as the checks table writes it.
pub fn level_name(lang: Language, level: Level) -> &'static str {
    each!(lang, level_name(level))
}

/// The short title of the area of check `code` (its first segment: `payload` of
/// `payload.hash_mismatch`), if the catalogue has one in `lang`.
pub fn area_title(lang: Language, code: &str) -> Option<&'static str> {
    let area = code.split('.').next().unwrap_or(code);
    each!(lang, area_title(area))
}

/// A trust anchor as the header names it: the file and its SHA-256 (the same in every
/// language: a file name and a hash).
pub fn anchor(_lang: Language, name: &str, sha256: &str) -> String {
    format!("{name} (SHA-256 {sha256})")
}

/// An item's size line.
pub fn item_size(lang: Language, files: usize, bytes: u64) -> String {
    each!(lang, item_size(files, bytes))
}

/// The timeline picture's accessible description.
pub fn timeline_description(lang: Language, parties: usize, events: usize) -> String {
    each!(lang, timeline_description(parties, events))
}

/// The key under the timeline picture.
pub fn timeline_key(lang: Language) -> &'static str {
    each!(lang, timeline_key())
}

/// A pending transfer's arrow label.
pub fn pending(lang: Language) -> &'static str {
    each!(lang, pending())
}

/// What a receipt refused, as the picture marks it.
pub fn refused_mark(lang: Language, items: usize, conditions: usize) -> String {
    each!(lang, refused_mark(items, conditions))
}

/// In the verdict, after the damaged files it names of one item: how many more of the item's
/// files are damaged.
pub fn more_damaged_files(lang: Language, n: usize) -> String {
    each!(lang, more_damaged_files(n))
}

/// Under a band of the timeline that has more parties than a page holds: how many are not
/// drawn, and where they all are.
pub fn lanes_not_drawn(lang: Language, n: usize) -> String {
    each!(lang, lanes_not_drawn(n))
}

/// The appendix's introduction.
pub fn appendix_intro(lang: Language) -> &'static str {
    each!(lang, appendix_intro())
}

/// The line that says how many more checks of a code were found than the report lists.
pub fn more_checks(lang: Language, n: u64) -> String {
    each!(lang, more_checks(n))
}

/// The note where the PDF stops listing items (a bundle of a million items): how many are not
/// listed, and where the full list is. It names commands, so it is worded for the command line
/// only.
pub fn items_not_listed(lang: Language, n: u64) -> String {
    each!(lang, items_not_listed(n))
}

/// The note where the PDF stops listing an item's files (a bundle of a million files): how
/// many are not listed, and where the full list is. It names commands, so it is worded for the
/// command line only.
pub fn files_not_listed(lang: Language, n: u64) -> String {
    each!(lang, files_not_listed(n))
}

/// A PDF report that krilla's validator did not find PDF/A-2b, as the command says it, with
/// the validator's error (`reason`, made printable by the caller).
pub fn pdf_not_archival(reason: &str) -> String {
    format!(
        "this PDF is not PDF/A-2b (archival): it is a plain PDF 1.7 with the same content; report it as a bug of \
         custody, with the validator's error: {reason}"
    )
}

/// Why no PDF was written: what the PDF writer said.
pub fn pdf_failed(detail: &str) -> String {
    format!(
        "the PDF report could not be made ({detail}); the HTML report (a name ending in .html) has the same content"
    )
}

/// The stock-tool instructions (the text every bundle carries).
pub const APPENDIX: &str = include_str!("../../how-to-verify.txt");

/// Why `--record` recorded nothing: an invalid bundle cannot be given a statement. (A line of
/// the command's own output, in English as all of it.)
pub fn not_recorded() -> &'static str {
    "note: the report was written but not recorded in the bundle: a bundle that does not verify \
     cannot be given a statement"
}

/// The reference of a recorded report: its own SHA-256, shortened.
pub fn record_reference(sha256: &str) -> String {
    let short = sha256.get(..16).unwrap_or(sha256);
    format!("sha256:{short}")
}

/// The title of a recorded report, in English as the bundle's other statements (the document
/// recorded carries its own languages, `language` of the attachment).
pub fn record_title(state: &str, tool: &str, version: &str) -> String {
    format!("Verification report made after the fact by {tool} {version}: {state}")
}

/// What `custody report` says on the command line, outside the report: what it wrote, what
/// it recorded, and why it refuses its options. English, as every command's messages.
pub mod cli {
    /// `--form NAME` names no form.
    pub fn not_a_form(given: &str, names: &str) -> String {
        format!("{given:?} is not a form: give one of {names}")
    }

    /// `--lang` (or `lang` in the configuration) names no report language.
    pub fn not_a_language(given: &str) -> String {
        format!(
            "{given:?} is not a report language: give one of en, fr, es, zh, ar, ru, de, or two separated by a comma (fr,en)"
        )
    }

    /// `lang` in the configuration file is refused for `why`.
    pub fn language_in_configuration(why: &str) -> String {
        format!("lang in the configuration file: {why}")
    }

    /// `SOURCE_DATE_EPOCH` is not a number.
    pub fn epoch_not_a_number(value: &str) -> String {
        format!("SOURCE_DATE_EPOCH={value:?} is not a number of seconds")
    }

    /// `SOURCE_DATE_EPOCH` is a number no time can be made of.
    pub fn epoch_unusable(value: &str) -> String {
        format!("SOURCE_DATE_EPOCH={value} is not a usable time")
    }

    /// An `--out` file exists: never replaced.
    pub fn out_exists(path: &str) -> String {
        format!("{path} already exists: choose another --out, or remove it first")
    }

    /// `--out` given more than twice, or twice in the same format.
    pub fn out_twice() -> &'static str {
        "give --out at most twice, once for the HTML report and once for the PDF (a name ending in .pdf)"
    }

    /// An `--out` name whose extension is neither a PDF's nor an HTML page's.
    pub fn out_extension(path: &str) -> String {
        format!("{path}: end the name in .html (or .htm) for the HTML report, or in .pdf for the PDF")
    }

    /// `--out` not given.
    pub fn out_missing() -> &'static str {
        "give --out"
    }

    /// The report recorded in the bundle as event `sequence` (`path`).
    pub fn recorded_event(sequence: u64, path: &str) -> String {
        format!("recorded in the bundle as event #{sequence} ({path}), kind verification_report")
    }

    /// The line printed for each file written: the form `form` (its `--form` name), or the
    /// court report when `None`.
    pub fn written(form: Option<&str>, path: &str) -> String {
        match form {
            Some(f) => format!("Form {f} written to {path}"),
            None => format!("Report written to {path}"),
        }
    }

    /// The line under [`written`]: the SHA-256 of the file written.
    pub fn sha256(hex: impl std::fmt::Display) -> String {
        format!("SHA-256: {hex}")
    }

    /// The line after the files written: the verification's state (its label, `INTACT`, ...).
    pub fn state(label: &str) -> String {
        format!("state:   {label}")
    }

    /// The report recorded as a statement package for the custodian to add.
    pub fn recorded_package(path: &str) -> String {
        format!("recorded as the package {path}: the custodian adds it with `custody add`")
    }
}

#[cfg(test)]
mod tests {
    use super::{Label, Language, Languages, Part, Sentence, area_title, label, parts, sentence};
    use crate::check::CheckCode;

    /// The holes of a template, sorted.
    fn holes(template: &str) -> Vec<usize> {
        let mut h: Vec<usize> = (parts(template).into_iter())
            .filter_map(|p| match p {
                Part::Hole(n) => Some(n),
                Part::Words(_) => None,
            })
            .collect();
        h.sort_unstable();
        h
    }

    #[test]
    fn a_template_parts_into_words_and_numbered_holes() {
        assert_eq!(
            parts("#{0} at {2}, {x} {}{1}"),
            [
                Part::Words("#"),
                Part::Hole(0),
                Part::Words(" at "),
                Part::Hole(2),
                Part::Words(", {"),
                Part::Words("x} {"),
                Part::Words("}"),
                Part::Hole(1),
            ]
        );
        assert_eq!(parts(""), []);
        assert_eq!(parts("{"), [Part::Words("{")]);
        assert_eq!(parts("{99999999999999999999999}"), [Part::Words("{"), Part::Words("99999999999999999999999}")]);
    }

    #[test]
    fn every_sentence_is_given_in_every_language_with_the_english_holes() {
        // Only punctuation and the order of values: the same in languages written alike.
        let shared = [
            Sentence::WithNote,
            Sentence::ListSep,
            Sentence::Comma,
            Sentence::TwoSentences,
            Sentence::Signer,
            Sentence::StatementText,
        ];
        let mut seen = Vec::new();
        for s in Sentence::ALL {
            assert!(!seen.contains(s), "{s:?} listed twice");
            seen.push(*s);
            let en = sentence(Language::En, *s);
            let want = holes(en);
            assert!(want.iter().enumerate().all(|(n, h)| n == *h), "{s:?}: English holes {want:?} not 0, 1, ...");
            for lang in Language::ALL {
                let t = sentence(*lang, *s);
                assert!(!t.is_empty(), "{lang:?} {s:?} empty");
                assert_eq!(holes(t), want, "{lang:?} {s:?}: {t:?} has not the English holes, each once");
                if *lang != Language::En && !shared.contains(s) {
                    assert_ne!(t, en, "{lang:?} {s:?}: English left in");
                }
                match lang {
                    // Full-width punctuation in Chinese, never the ASCII separators.
                    Language::Zh => {
                        for ascii in [", ", ": ", "; ", " (", "("] {
                            assert!(!t.contains(ascii), "zh {s:?}: {t:?} has {ascii:?}");
                        }
                    }
                    // Arabic words, and the Arabic comma and semicolon.
                    Language::Ar => {
                        let arabic = |w: &str| w.chars().any(|c| ('\u{0621}'..='\u{064a}').contains(&c));
                        let words = parts(t).into_iter().any(|p| matches!(p, Part::Words(w) if arabic(w)));
                        assert!(words || shared.contains(s), "ar {s:?}: {t:?} has no Arabic word");
                        assert!(!t.contains(", ") && !t.contains("; "), "ar {s:?}: {t:?} has a Latin comma");
                    }
                    _ => {}
                }
            }
        }
    }

    #[test]
    fn the_words_the_court_report_states_are_in_every_language() {
        use crate::event::{ConditionKind, EventType};
        use crate::provenance::{
            AcquisitionMode, ActorRole, AttestationKind, AuthorityRole, CaptureMethod, ConfidentialityLevel,
            DataSubjectCategory, ItemKind, ProceedingType, RequestKind, Urgency,
        };
        let events = [
            EventType::Seal,
            EventType::Transfer,
            EventType::Receipt,
            EventType::Countersign,
            EventType::Document,
            EventType::Examination,
            EventType::Access,
            EventType::Disposition,
            EventType::Derivation,
        ];
        let names = (events.iter().map(|e| e.as_str()))
            .chain(ConditionKind::NAMES)
            .chain(ConfidentialityLevel::NAMES.iter().copied())
            .chain(DataSubjectCategory::NAMES.iter().copied())
            .chain(ProceedingType::NAMES.iter().copied())
            .chain(Urgency::NAMES.iter().copied())
            .chain(AcquisitionMode::NAMES.iter().copied())
            .chain(ActorRole::NAMES.iter().copied())
            .chain(AuthorityRole::NAMES.iter().copied())
            .chain(RequestKind::NAMES.iter().copied())
            .chain(AttestationKind::NAMES.iter().copied())
            .chain(ItemKind::NAMES.iter().copied())
            .chain(CaptureMethod::NAMES.iter().copied())
            .chain(crate::keys::Role::NAMES)
            .chain(crate::statement::Capacity::NAMES)
            .chain(crate::statement::DocumentKind::NAMES)
            .chain(crate::event::DispositionAction::NAMES)
            // A receipt's decisions and the status of an item it did not accept.
            .chain(["accepted", "accepted_in_part", "rejected", "missing", "hash_mismatch", "out_of_scope"]);
        for name in names {
            for lang in Language::ALL.iter().filter(|l| **l != Language::En) {
                let (really, word) = crate::wording::forms::term_in(*lang, name);
                assert_eq!(really, *lang, "{name}: no {lang:?} word ({word:?})");
                assert!(!word.trim().is_empty());
            }
        }
    }

    #[test]
    fn a_status_placed_in_brackets_has_none_and_preservation_is_never_worded_as_retention() {
        use crate::wording::forms::term;
        for lang in Language::ALL {
            // The sentences put an item's status inside brackets ("at transfer #3 (…)").
            for status in ["accepted", "accepted_in_part", "rejected", "missing", "hash_mismatch", "out_of_scope"] {
                let word = term(*lang, status);
                assert!(!word.contains(['(', ')', '\u{ff08}', '\u{ff09}']), "{lang:?} {status}: {word:?}");
            }
            // Expedited preservation (a request to keep data) and retention (how long the
            // evidence is kept) are two concepts: one word each, as a term and as an area title.
            let (preservation, retention) = (term(*lang, "preservation"), term(*lang, "retention"));
            assert_ne!(preservation.to_lowercase(), retention.to_lowercase(), "{lang:?}");
            let (p, r) = (area_title(*lang, "preservation.x"), area_title(*lang, "retention.x"));
            assert_ne!(p.map(str::to_lowercase), r.map(str::to_lowercase), "{lang:?}");
            let lower = |t: Option<&str>| t.map(str::to_lowercase).unwrap_or_default();
            assert_ne!(lower(p), retention.to_lowercase(), "{lang:?}: the preservation area titled as retention");
            assert_ne!(lower(r), preservation.to_lowercase(), "{lang:?}: the retention area titled as preservation");
        }
    }

    #[test]
    fn every_check_code_has_an_area_title_in_every_language() {
        let mut missing = Vec::new();
        for lang in Language::ALL {
            for code in CheckCode::ALL {
                match area_title(*lang, code.as_str()) {
                    Some(t) if !t.trim().is_empty() => {}
                    _ => missing.push(format!("{}: {}", lang.tag(), code.as_str())),
                }
            }
        }
        assert!(missing.is_empty(), "no area title for {missing:?}");
        assert_eq!(area_title(Language::Fr, "no.such_area"), None);
    }

    #[test]
    fn every_label_is_translated_in_every_language() {
        // Exhaustive matches make a missing label a compile error; this catches a label left
        // empty, and a language whose words were copied from English and not translated.
        use Label as L;
        let case = [
            L::CaseReference,
            L::CaseTitle,
            L::CaseProceeding,
            L::CaseObtainedBy,
            L::CaseUrgency,
            L::CaseLegalBasis,
            L::CaseOffence,
            L::CaseFileNumber,
            L::CaseRequest,
        ];
        let states = [L::StateInvalid, L::StateNotTrusted, L::StateIntact, L::StateTrusted];
        for l in
            [L::Title, L::Verdict, L::Items, L::Timeline, L::Appendix, L::About].into_iter().chain(case).chain(states)
        {
            for lang in Language::ALL {
                assert!(!label(*lang, l).trim().is_empty(), "{lang:?} {l:?}");
                if *lang != Language::En {
                    assert_ne!(label(*lang, l), label(Language::En, l), "{lang:?} {l:?}: English left in");
                }
            }
        }
    }

    #[test]
    fn every_capture_and_environment_label_is_given_in_every_language_each_once() {
        use Label as L;
        let capture = [
            L::CaptureKind,
            L::CaptureSource,
            L::CaptureFinalUrl,
            L::CaptureOn,
            L::CaptureAt,
            L::CaptureTool,
            L::CaptureMethods,
            L::CaptureClock,
            L::CaptureEnvironment,
            L::CaptureSteps,
            L::CaptureBy,
            L::CaptureWitnessedBy,
            L::CaptureUnder,
            L::CaptureAltered,
            L::CaptureNote,
        ];
        let environment =
            [L::EnvOs, L::EnvBrowser, L::EnvUserAgent, L::EnvEgressIp, L::EnvExitJurisdiction, L::EnvNote];
        for lang in Language::ALL {
            for labels in [&capture[..], &environment[..]] {
                let words: Vec<&str> = labels.iter().map(|l| label(*lang, *l)).collect();
                for (n, w) in words.iter().enumerate() {
                    assert!(!w.trim().is_empty() && !w.ends_with(':'), "{lang:?} {:?}: {w:?}", labels[n]);
                    assert!(!words[..n].contains(w), "{lang:?}: {w:?} labels two facts");
                    // A court document's label, capitalised as a form's labels are ("Kind of
                    // capture", not the text report's "kind").
                    assert!(!w.starts_with(char::is_lowercase), "{lang:?} {:?}: {w:?} not capitalised", labels[n]);
                }
            }
            // One term for the network exit: the country it is in, as the text report says it.
            assert_eq!(label(Language::En, L::EnvExitJurisdiction), "Country of network exit");
            assert_eq!(crate::wording::render::capture::environment::EXIT_JURISDICTION, "country of network exit");
            if *lang != Language::En {
                // Translated, not copied: the User-Agent is a header's name in every language.
                for l in [L::CaptureEnvironment, L::CaptureClock, L::EnvOs, L::EnvEgressIp, L::EnvExitJurisdiction] {
                    assert_ne!(label(*lang, l), label(Language::En, l), "{lang:?} {l:?}: English left in");
                }
            }
        }
    }

    #[test]
    fn languages_parse_one_or_two_known_tags() {
        assert_eq!(Languages::parse("fr,en"), Some(Languages { first: Language::Fr, second: Some(Language::En) }));
        assert_eq!(Languages::parse("ar"), Some(Language::Ar.into()));
        assert_eq!(Languages::parse("fr,en").map(Languages::tags).as_deref(), Some("fr,en"));
        for bad in ["", "xx", "fr,fr", "fr,en,de", "fr,FR", "fr,", "zh-TW", "zh-Hant-CN", "frx"] {
            assert_eq!(Languages::parse(bad), None, "{bad:?}");
        }
        // BCP 47: any case, and a region or script after the language.
        assert_eq!(Languages::parse("FR"), Some(Language::Fr.into()));
        assert_eq!(
            Languages::parse("zh-CN,en-GB"),
            Some(Languages { first: Language::Zh, second: Some(Language::En) })
        );
        assert_eq!(Languages::parse("zh_Hans"), Some(Language::Zh.into()));
        assert_eq!(Language::Ar.dir(), "rtl");
        assert!(Language::ALL.iter().filter(|l| **l != Language::Ar).all(|l| l.dir() == "ltr"));
    }
}
