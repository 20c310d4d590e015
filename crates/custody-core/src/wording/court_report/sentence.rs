//! The court report's sentences that hold values ([`Sentence`]): their keys, declared with
//! [`Sentence::ALL`] from one list, each language's template ([`sentence`]) and the parts a
//! template splits into, words and numbered holes ([`parts`]), which the model fills.

use super::{Language, ar, de, en, es, fr, ru, zh};

/// Declares [`Sentence`] and [`Sentence::ALL`] from one list, so that no sentence can be left
/// out of `ALL` (and so out of the catalogue's tests, which walk it).
macro_rules! sentences {
    ($(#[$enum_meta:meta])* pub enum Sentence { $($(#[$meta:meta])* $variant:ident,)* }) => {
        $(#[$enum_meta])*
        pub enum Sentence {
            $($(#[$meta])* $variant,)*
        }

        impl Sentence {
            /// Every sentence, in the order declared: made from the same list as the enum.
            pub const ALL: &'static [Sentence] = &[$(Sentence::$variant),*];
        }
    };
}

sentences! {
    /// A sentence of the court report that holds values or other words: the key of a catalogue
    /// entry, a template in each language whose holes `{0}`, `{1}`, ... mark where they go, in the
    /// order the language needs (the model fills them, each renderer escapes and isolates the
    /// values). Every language's template has the same holes as the English one (a test holds
    /// them to it).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum Sentence {
        /// Use limited to purposes (`{0}`: the purposes).
        UseFor,
        /// Use limited to proceedings (`{0}`: the proceedings).
        UseIn,
        /// Use limited to purposes (`{0}`) and proceedings (`{1}`).
        UseForIn,
        /// Use limited, neither purpose nor proceeding named.
        UseLimited,
        /// A use limitation (`{0}`) under the rule of speciality.
        Speciality,
        /// A restriction (`{0}`) followed by its author's note (`{1}`).
        WithNote,
        /// Onward transfer allowed.
        OnwardAllowed,
        /// Onward transfer forbidden.
        OnwardForbidden,
        /// Onward transfer only with the prior consent of `{0}`.
        OnwardConsentOf,
        /// Onward transfer only with the prior consent of the supplying authority (none named).
        OnwardConsent,
        /// The confidentiality level (`{0}`).
        Confidentiality,
        /// The retention (`{0}`: its parts).
        Retention,
        /// Retention: keep until the date `{0}`.
        KeepUntil,
        /// Retention: review by the date `{0}`.
        ReviewBy,
        /// Data protection: the evidence holds personal data.
        PersonalData,
        /// Data protection: the evidence holds no personal data.
        NoPersonalData,
        /// Data protection: whose data (`{0}`).
        DataSubjects,
        /// Data protection: the special categories of data (`{0}`).
        SpecialCategories,
        /// Data protection: data about minors.
        Minors,
        /// The export approval (`{0}`).
        ExportApproval,
        /// Between the parts of a list that may hold commas (purposes, proceedings, the parts of a
        /// retention or of the data protection facts).
        ListSep,
        /// Between the words of a short enumeration (data subjects, special categories).
        Comma,
        /// Two sentences said one after the other (`{0}`, then `{1}`): a summary and its note.
        TwoSentences,
        /// A hand-over's condition (`{0}`, of kind `{1}`) set by `{2}` at transfer `{3}`, accepted.
        ConditionAccepted,
        /// A hand-over's condition (`{0}`, of kind `{1}`) set by `{2}` at transfer `{3}`, refused.
        ConditionRefused,
        /// A transfer still pending since `{0}`: its number `{1}`, recipient `{2}` and purpose `{3}`.
        Pending,
        /// A signer: name `{0}`, role `{1}`, organisation `{2}`, jurisdiction `{3}`.
        Signer,
        /// The latest event: number `{0}`, type `{1}`, time `{2}`, signer `{3}`.
        LatestSigned,
        /// The latest event of an invalid bundle, its signer (`{3}`) only claimed.
        LatestClaimed,
        /// The latest event's key (`{0}`: the fingerprint).
        LatestKey,
        /// Ask the reader to confirm the latest event with the sender.
        ConfirmLatest,
        /// Items a receipt did not accept: by the holder `{0}` at transfer `{1}`, status `{2}`.
        NotAcceptedBy,
        /// As [`Sentence::NotAcceptedBy`], with the receipt's reason (`{3}`).
        NotAcceptedByWhy,
        /// Under an item: not accepted at transfer `{0}`, status `{1}`.
        NotAcceptedAt,
        /// How many damaged items the verdict does not name (`{0}`).
        MoreDamagedItems,
        /// An event's trusted time `{0}` from the TSA `{1}`, `{2}` seconds after the time the event
        /// claims; its TSA chains to the roots given.
        TrustedTime,
        /// As [`Sentence::TrustedTime`], from a TSA no root given vouches for.
        TrustedTimeUntrusted,
        /// The verdict's summary of an invalid bundle with damaged files: `{0}` checks failed.
        SummaryInvalid,
        /// The verdict's summary of an invalid bundle none of whose files is damaged (`{0}` failed).
        SummaryInvalidNothingDamaged,
        /// The verdict's summary of an intact bundle one of whose signers the trust list does not
        /// vouch for.
        SummaryNotTrustedSigner,
        /// The verdict's summary of an intact bundle one of whose timestamps' TSA no root given
        /// vouches for.
        SummaryNotTrustedTsa,
        /// [`Sentence::SummaryNotTrustedSigner`] and [`Sentence::SummaryNotTrustedTsa`] at once.
        SummaryNotTrustedBoth,
        /// The verdict's summary of an intact bundle verified without a trust list.
        SummaryIntact,
        /// The verdict's summary of an intact bundle every signer of which the trust list vouches for.
        SummaryTrusted,
        /// Above the checks of an unzipped bundle: its files were checked, the ZIP container was not.
        ContainerNotChecked,
        /// The container checks that do not apply to a folder (`{0}`: their codes).
        ContainerNotApplicable,
        /// A custody event (`verify::EventFacts`): sealed by `{0}` (a [`Sentence::Signer`]).
        EventSealed,
        /// A transfer to `{0}` (a [`Sentence::Signer`]) for the purpose `{1}`.
        EventTransfer,
        /// After a transfer: the request `{0}` it answers.
        EventRequest,
        /// After a transfer: how many conditions it sets (`{0}`).
        EventConditions,
        /// A receipt of transfer `{0}` and its decision (`{1}`, a word of the vocabulary).
        EventReceipt,
        /// After a receipt: the recipient's reason (`{0}`).
        EventReason,
        /// After a receipt: how many items it did not accept (`{0}`).
        EventItemsNotAccepted,
        /// After a receipt: how many conditions it refused (`{0}`).
        EventConditionsRefused,
        /// A disposition: the retention extended until `{0}` by `{1}` (a signer), for the reason `{2}`.
        EventRetentionExtended,
        /// A disposition: the items `{0}` returned to `{1}` by `{2}` (a signer), for the reason `{3}`.
        EventReturned,
        /// A disposition: the items `{0}` destroyed by `{1}` (a signer) by the method `{2}`, for the
        /// reason `{3}`.
        EventDestroyed,
        /// A disposition whose action's detail is missing: the action `{0}` (a word of the
        /// vocabulary), of the items `{1}`, by `{2}` (a signer), for the reason `{3}`.
        EventDisposed,
        /// A derivation: the derived copy `{0}` made by `{1}` (a signer), carrying `{2}` (its items).
        EventDerived,
        /// After a derivation: how many files of the derived copy are redacted (`{0}`).
        EventRedacted,
        /// A countersignature: capacity `{0}`, author `{1}`, organisation `{2}`, the events
        /// countersigned `{3}`, the name of the signer who added it `{4}`.
        EventCountersigned,
        /// An attached document: capacity `{0}`, author `{1}`, organisation `{2}`, the document
        /// `{3}` ([`Sentence::DocumentSummary`]), added by `{4}`.
        EventAttached,
        /// An examination: capacity `{0}`, author `{1}`, organisation `{2}`, what was examined
        /// `{3}` ([`Sentence::ExaminationSummary`]), added by `{4}`.
        EventExamined,
        /// An access record: author `{0}`, capacity `{1}`, purpose `{2}`, the items `{3}`, added by
        /// `{4}`.
        EventAccessed,
        /// An event (its type `{0}`) carrying the statement `{1}`, which could not be read.
        EventCarrier,
        /// A document: its kind `{0}`, reference `{1}`, date `{2}` and files `{3}`.
        DocumentSummary,
        /// What an examination covered: the items `{0}`, with the tool `{1}` of version `{2}`, and its
        /// result files `{3}`.
        ExaminationSummary,
        /// After the items an examination's line names: how many more it examined (`{0}`).
        AndMore,
        /// Every item (of a disposition, an access record).
        AllItems,
        /// One item (`{0}`).
        OneItem,
        /// Items (`{0}`: their ids).
        SomeItems,
        /// One event (`{0}`: its number).
        OneEvent,
        /// Events (`{0}`: their numbers).
        SomeEvents,
        /// One file (of a document).
        OneFile,
        /// Files (`{0}`: how many) of a document.
        SomeFiles,
        /// One result file (of an examination).
        OneResultFile,
        /// Result files (`{0}`: how many) of an examination.
        SomeResultFiles,
        /// A statement's heading: by `{0}` (the author) in the capacity `{1}`, with the key `{2}`,
        /// made at `{3}`.
        StatementBy,
        /// As [`Sentence::StatementBy`], made in the place `{4}`.
        StatementByIn,
        /// A line of what a statement says (`{0}`), quoted.
        StatementText,
        /// An attached document: its kind `{0}`, reference `{1}`, date `{2}` and language `{3}`.
        DocumentLine,
        /// As [`Sentence::DocumentLine`], with its title `{4}`.
        DocumentLineTitled,
        /// An examination: the items `{0}` examined with the tool `{1}` of version `{2}`.
        ExaminationLine,
        /// A line of an examination's parameters (`{0}`).
        ParametersLine,
        /// A line of an examination's conclusion (`{0}`).
        ConclusionLine,
        /// Why a file is no custody bundle (spec §9.1 step 1, `bundle.not_a_bundle`): what it is
        /// (`{0}`, a `NotABundle*` sentence), then what to do (`{1}`, a `Todo*` sentence).
        NotABundle,
        /// What the file is: empty.
        NotABundleEmpty,
        /// What the file is: a web page saved instead of the file.
        NotABundleWebPage,
        /// What the file is: a ZIP archive cut short.
        NotABundleCutShort,
        /// What the file is: not a ZIP archive at all.
        NotABundleOtherFile,
        /// What the file is: another ZIP archive.
        NotABundleOtherZip,
        /// What the file is: a bundle packed again with another ZIP tool, at the ZIP's top.
        NotABundleRezippedTopLevel,
        /// What the file is: a bundle packed again into a new ZIP, inside the folder `{0}`.
        NotABundleRezippedInFolder,
        /// What to do: ask for the bundle again (an empty file).
        TodoAskAgain,
        /// What to do: download the bundle itself again (a web page).
        TodoDownloadAgain,
        /// What to do: get the file again and compare sizes (a ZIP cut short).
        TodoCompareSize,
        /// What to do: check it is the right file.
        TodoCheckFile,
        /// What to do with a re-zipped bundle: ask for the original `.zip` file, pass it on unchanged.
        TodoAskForOriginal,
        /// The verdict's summary of a file that is no custody bundle (`{0}`: a [`Sentence::NotABundle`]).
        SummaryNotABundle,
        /// After an unzipped bundle's summary, when its folder was refused before its files were
        /// checked (a link, a name, a limit): neither its files nor its container were checked.
        ContainerNotCheckedRefused,
        /// What a ZIP container whose entries were read leniently shows (spec §9.6): it breaks the
        /// sealed format's rules, the possible causes named, none asserted.
        ContainerBreaksRules,
        /// The verdict's summary of a re-zipped bundle (`{0}`: [`Sentence::ContainerBreaksRules`])
        /// whose content checks hold; `{1}`: [`Sentence::TodoAskForOriginal`].
        SummaryRepackedHolds,
        /// As [`Sentence::SummaryRepackedHolds`], its content checks failing.
        SummaryRepackedDoesNotHold,
        /// Above a re-zipped bundle's content checks, when they hold: the content's state (`{0}`)
        /// and what is wrong (`{1}`: [`Sentence::ContainerBreaksRules`]).
        ContentHolds,
        /// Above a re-zipped bundle's content checks, when some fail: the content's state (`{0}`),
        /// how many codes failed (`{1}`) and which (`{2}`).
        ContentDoesNotHold,
    }
}

/// The template of `s` in `lang` ([`Sentence`]).
pub fn sentence(lang: Language, s: Sentence) -> &'static str {
    each!(lang, sentence(s))
}

/// The English of `s` with `holes` filled in as given, hole `n` by `holes[n]` (an empty string
/// for a hole not given): how the verification and the text report word a sentence the court
/// report says in every language, so that its English has one home, the template.
pub fn english(s: Sentence, holes: &[&str]) -> String {
    (parts(sentence(Language::En, s)).into_iter())
        .map(|p| match p {
            Part::Words(w) => w,
            Part::Hole(n) => holes.get(n).copied().unwrap_or_default(),
        })
        .collect()
}

/// A part of a template ([`parts`]): words of the language, or a hole by its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part<'a> {
    /// Words, as written.
    Words(&'a str),
    /// Where the value numbered so goes.
    Hole(usize),
}

/// The parts of a template, in order: `{` followed by digits and `}` is a hole, anything else
/// words. Linear in the template's length.
pub fn parts(template: &str) -> Vec<Part<'_>> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let hole = (digits > 0 && after.as_bytes().get(digits) == Some(&b'}'))
            .then(|| after[..digits].parse::<usize>().ok())
            .flatten();
        match hole {
            Some(n) => {
                if open > 0 {
                    out.push(Part::Words(&rest[..open]));
                }
                out.push(Part::Hole(n));
                rest = &after[digits + 1..];
            }
            None => {
                out.push(Part::Words(&rest[..=open]));
                rest = after;
            }
        }
    }
    if !rest.is_empty() {
        out.push(Part::Words(rest));
    }
    out
}
