//! The court report's words (`custody report`, issue #16): its headings, labels and the
//! sentences of its header, verdict and timeline picture. Every string is keyed by a
//! [`Language`], so a translation adds a variant and an arm per function here and nothing
//! anywhere else; check messages keep their stable codes, values stay as their authors
//! wrote them (the writer isolates and escapes them).

/// A language the court report can be written in. English only for now; the report's
/// `lang` and `dir` attributes come from here, so a right-to-left language (Arabic) only adds
/// a variant whose [`Language::dir`] is `rtl`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Language {
    /// English.
    #[default]
    En,
}

impl Language {
    /// The BCP 47 tag written as the document's `lang`.
    pub fn tag(self) -> &'static str {
        match self {
            Language::En => "en",
        }
    }

    /// The text direction written as the document's `dir`: `ltr` or `rtl`.
    pub fn dir(self) -> &'static str {
        match self {
            Language::En => "ltr",
        }
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
}

/// The words of `label` in `lang`.
pub fn label(lang: Language, label: Label) -> &'static str {
    match lang {
        Language::En => match label {
            Label::Title => "Verification report",
            Label::Verdict => "Verdict",
            Label::LatestEvent => "Latest event:",
            Label::Damaged => "Damaged items",
            Label::FailedCodes => "Failed checks",
            Label::Restrictions => "Restrictions on use and transfer conditions",
            Label::NoRestrictions => "The bundle states no restriction on use and no transfer condition.",
            Label::Case => "Case and legal basis",
            Label::NoCase => "The case details could not be read from the bundle.",
            Label::Items => "Items of evidence",
            Label::Path => "Path",
            Label::Size => "Size (bytes)",
            Label::Sha256 => "SHA-256",
            Label::MediaType => "Media type",
            Label::Result => "Result",
            Label::FileDamaged => "DAMAGED",
            Label::FileOk => "no failure found",
            Label::Capture => "Capture",
            Label::NotAccepted => "Not accepted",
            Label::Attestations => "Attestations sealed with the manifest",
            Label::Statements => "Countersignatures, attached documents, examinations and access records",
            Label::NoStatements => "The bundle holds no statement.",
            Label::Timeline => "Custody timeline",
            Label::Events => "Custody events",
            Label::Checks => "Every check",
            Label::Code => "Code",
            Label::Level => "Level",
            Label::Message => "Message",
            Label::Appendix => "Appendix: re-verify it yourself",
            Label::About => "About this report",
            Label::Bundle => "Bundle file",
            Label::BundleId => "Bundle id",
            Label::Tool => "Verified by",
            Label::GeneratedAt => "Report made at",
            Label::VerifiedAt => "Verification ran at",
            Label::TrustList => "Trust list",
            Label::TsaRoots => "TSA roots",
            Label::NoneGiven => "none given: signers and timestamp authorities were not checked against one",
            Label::Parties => "Parties who signed",
            Label::Name => "Name",
            Label::Organisation => "Organisation",
            Label::Role => "Role",
            Label::Jurisdiction => "Jurisdiction",
            Label::Key => "Key fingerprint",
            Label::Trusted => "Trust list",
            Label::InTrustList => "in the trust list",
            Label::NotInTrustList => "NOT in the trust list",
            Label::NotChecked => "not checked",
            Label::Refused => "refused",
            Label::ShowFiles => "file(s)",
        },
    }
}

/// The verdict's explanation of what the state means, under its label.
pub fn state_meaning(lang: Language, state: &str) -> &'static str {
    match lang {
        Language::En => match state {
            "invalid" => {
                "A check failed: the bundle is damaged, altered, incomplete or malformed, or not a custody \
                 bundle. Do not rely on it as it is; the failed checks below say what and where."
            }
            "not_trusted" => {
                "The bundle is intact, but a signer or timestamp authority is not vouched for by the trust \
                 list or TSA roots given: who signed, or when, is not established."
            }
            "trusted" => "Every check passed, and every signer is in the trust list with the identity it claims.",
            _ => "Every check passed; the signers were not checked against a trust list.",
        },
    }
}

/// A trust anchor as the header names it: the file and its SHA-256.
pub fn anchor(lang: Language, name: &str, sha256: &str) -> String {
    match lang {
        Language::En => format!("{name} (SHA-256 {sha256})"),
    }
}

/// An item's size line.
pub fn item_size(lang: Language, files: usize, bytes: u64) -> String {
    match lang {
        Language::En => format!("{files} file(s), {bytes} bytes"),
    }
}

/// The timeline picture's accessible description.
pub fn timeline_description(lang: Language, parties: usize, events: usize) -> String {
    match lang {
        Language::En => format!(
            "Custody timeline: {parties} part(ies) as lanes, {events} event(s) in order on the time axis; \
             arrows are hand-overs, a diamond marks a trusted time, a red cross refused items or conditions."
        ),
    }
}

/// The key under the timeline picture.
pub fn timeline_key(lang: Language) -> &'static str {
    match lang {
        Language::En => {
            "Lanes: the parties who signed. Dots: events, left to right in order, each with its time. \
             Arrows: a transfer to the receipt that answered it (dashed: no receipt yet). Diamond: a trusted \
             time (filled: its TSA chains to the roots given). Red cross: items or conditions refused."
        }
    }
}

/// A pending transfer's arrow label.
pub fn pending(lang: Language) -> &'static str {
    match lang {
        Language::En => "pending: no receipt yet",
    }
}

/// What a receipt refused, as the picture marks it.
pub fn refused_mark(lang: Language, items: usize, conditions: usize) -> String {
    match lang {
        Language::En => format!("refused: {items} item group(s), {conditions} condition(s)"),
    }
}

/// The appendix's introduction.
pub fn appendix_intro(lang: Language) -> &'static str {
    match lang {
        Language::En => {
            "This report comes from one verification run of the program named above. Anyone can repeat the \
             checks without it, with stock tools only. The bundle itself holds these instructions as \
             HOW-TO-VERIFY.txt:"
        }
    }
}

/// The stock-tool instructions (the text every bundle carries).
pub const APPENDIX: &str = include_str!("../how-to-verify.txt");

/// The line that says how many more files an item holds than the report lists.
pub fn more_checks(lang: Language, n: u64) -> String {
    match lang {
        Language::En => format!("{n} more check(s) of this code, not listed"),
    }
}

/// Why `--record` recorded nothing: an invalid bundle cannot be given a statement.
pub fn not_recorded(lang: Language) -> &'static str {
    match lang {
        Language::En => {
            "note: the report was written but not recorded in the bundle: a bundle that does not verify \
             cannot be given a statement"
        }
    }
}

/// The reference of a recorded report: its own SHA-256, shortened.
pub fn record_reference(lang: Language, sha256: &str) -> String {
    let short = sha256.get(..16).unwrap_or(sha256);
    match lang {
        Language::En => format!("sha256:{short}"),
    }
}

/// The title of a recorded report.
pub fn record_title(lang: Language, state: &str, tool: &str, version: &str) -> String {
    match lang {
        Language::En => format!("Verification report made after the fact by {tool} {version}: {state}"),
    }
}
