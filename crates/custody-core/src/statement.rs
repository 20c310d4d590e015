//! Statements (`custody/statements/NNNNNN-TYPE.json`, `custody.statement/2`): what someone
//! who need not hold custody signs about a bundle, such as a witness's countersignature of
//! the seal (spec §5.7, §7.5).
//!
//! A statement is signed by its `author` (any key) over the bundle's id and the SHA-256 of
//! the events it concerns, never over a chain position: statements made on different copies
//! of a bundle therefore never fork its chain. Only the current custodian appends; their
//! *carrying event* (of the statement's kind, e.g. `countersign`) binds the statement, its
//! `.sig` and the author's key file, and the statement's path names the carrying event's
//! sequence. This module holds the document, its vocabularies and its format rules
//! ([`check_statement`]); what a verifier checks against the bundle is in
//! `verify/statements.rs`.

use serde::{Deserialize, Serialize};

use crate::digest::Sha256Digest;
use crate::event::{EventType, Tool};
use crate::keys::{IdentityError, check_text};
use crate::layout::{MAX_ATTACHMENT_NAME, MAX_ATTACHMENTS};
use crate::manifest::{BundleId, Signer};
use crate::time::Timestamp;

/// The value of `format` in a statement this version writes and reads.
pub const STATEMENT_FORMAT: &str = "custody.statement/2";
/// The most events one statement may concern (spec §5.7).
pub const MAX_CONCERNS: usize = 64;
/// Most characters of a countersignature's text (spec §5.7).
pub const MAX_STATEMENT_TEXT: usize = 4000;
/// Most characters of the place a statement was made (spec §5.7).
pub const MAX_PLACE_TEXT: usize = 1000;
/// Most characters of an examination's conclusion (spec §5.9).
pub const MAX_CONCLUSION_TEXT: usize = 16_000;
/// The most items one examination may name (spec §5.9).
pub const MAX_EXAMINED_ITEMS: usize = 10_000;
/// Most characters of a document's reference (spec §5.8).
pub const MAX_REFERENCE_TEXT: usize = 200;
/// The largest statement, in bytes: a signed document (spec §5.7, §9.4).
pub const MAX_STATEMENT_BYTES: u64 = crate::layout::MAX_SIGNED_DOCUMENT;
/// How far (seconds) a statement's time may lie after its carrying event's time (spec §5.7).
pub const STATEMENT_CLOCK_TOLERANCE: i64 = 300;

/// What kind of statement a document is; equals the type of the event that carries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatementKind {
    /// The author countersigns earlier events in a stated capacity.
    Countersign,
    /// The author attaches a document (a request, an order, a translation...) by hash.
    Document,
    /// An examiner records what they examined, how, and what they concluded.
    Examination,
    /// The author extracted evidence from a copy of the bundle, for a stated purpose.
    Access,
}

impl StatementKind {
    /// The kind's name as the format writes it.
    pub fn as_str(&self) -> &'static str {
        match self {
            StatementKind::Countersign => "countersign",
            StatementKind::Document => "document",
            StatementKind::Examination => "examination",
            StatementKind::Access => "access",
        }
    }

    /// The type of the event that carries a statement of this kind.
    pub fn event_type(&self) -> EventType {
        match self {
            StatementKind::Countersign => EventType::Countersign,
            StatementKind::Document => EventType::Document,
            StatementKind::Examination => EventType::Examination,
            StatementKind::Access => EventType::Access,
        }
    }
}

/// In what capacity the author makes a statement (spec Appendix C).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Capacity {
    /// A second investigator present at the capture or seal.
    SecondInvestigator,
    /// A witness.
    Witness,
    /// The holder of the data.
    DataHolder,
    /// The service provider the data came from.
    ServiceProvider,
    /// A translator.
    Translator,
    /// An examiner (forensic expert).
    Examiner,
    /// An investigator.
    Investigator,
    /// A prosecutor.
    Prosecutor,
    /// A central authority for mutual legal assistance.
    CentralAuthority,
    /// A court.
    Court,
    /// The custodian.
    Custodian,
    /// Anything else.
    Other,
}

impl Capacity {
    /// Every capacity's name as the format writes it, in order.
    pub const NAMES: [&'static str; 12] = [
        "second_investigator",
        "witness",
        "data_holder",
        "service_provider",
        "translator",
        "examiner",
        "investigator",
        "prosecutor",
        "central_authority",
        "court",
        "custodian",
        "other",
    ];
    const ALL: [Capacity; 12] = [
        Capacity::SecondInvestigator,
        Capacity::Witness,
        Capacity::DataHolder,
        Capacity::ServiceProvider,
        Capacity::Translator,
        Capacity::Examiner,
        Capacity::Investigator,
        Capacity::Prosecutor,
        Capacity::CentralAuthority,
        Capacity::Court,
        Capacity::Custodian,
        Capacity::Other,
    ];

    /// The capacities of one qualified to certify the process and the copies (FRE 902(11): a
    /// custodian or another qualified person); not a witness, translator, authority or court.
    pub const QUALIFIED: &'static [Capacity] = &[
        Capacity::Investigator,
        Capacity::SecondInvestigator,
        Capacity::Examiner,
        Capacity::Custodian,
        Capacity::ServiceProvider,
    ];

    /// The capacities of an investigator of an extraction (the CN record's 侦查人员, art. 7).
    pub const INVESTIGATORS: &'static [Capacity] = &[Capacity::Investigator, Capacity::SecondInvestigator];

    /// The capacities of one who signs an extraction beside its investigators (the CN record's
    /// 见证人或电子数据持有人 block, art. 15).
    pub const BESIDE_INVESTIGATORS: &'static [Capacity] = &[Capacity::Witness, Capacity::DataHolder];

    /// The capacities whose countersignature of the seal witnesses it (`provenance.unwitnessed`).
    pub const WITNESSES_OF_SEAL: &'static [Capacity] = &[Capacity::Witness, Capacity::SecondInvestigator];

    /// The capacity's name as the format writes it.
    pub fn as_str(&self) -> &'static str {
        Self::NAMES[Self::ALL.iter().position(|c| c == self).unwrap_or(11)]
    }

    /// Parses a capacity as people type it (`witness`, `second-investigator`, `Data holder`).
    pub fn parse(s: &str) -> Option<Self> {
        let n = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Self::NAMES.iter().position(|k| *k == n).map(|i| Self::ALL[i])
    }
}

/// An event a statement concerns, by the SHA-256 of its stored bytes (the sequence is
/// informative: it names where the author saw it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Concern {
    /// The event's sequence number in the author's copy.
    pub sequence: u64,
    /// The SHA-256 of the event document's stored bytes.
    pub sha256: Sha256Digest,
}

/// The body of a countersignature: what the author adds in words, all optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Countersign {
    /// What the author states (plain text, at most 4000 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The language of `text` (a language tag such as `en` or `zh-CN`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Where the statement was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
}

/// What a document attached after sealing is (spec §5.8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// A request for mutual legal assistance.
    MlaRequest,
    /// An order or authorisation (a warrant, a production order).
    Order,
    /// A European Investigation Order form.
    EioForm,
    /// A European Production or Preservation Order certificate (EPOC, EPOC-PR).
    EpocForm,
    /// A covering letter.
    CoveringLetter,
    /// A preservation or freeze notice.
    PreservationNotice,
    /// An export approval.
    ExportApproval,
    /// A service provider's certificate of the data it produced.
    ProviderCertificate,
    /// A translation.
    Translation,
    /// A verification report (`custody report --record`): made after the events it concerns,
    /// by a verifier from the bundle itself, so it is a record of what a verification found
    /// on its date, not evidence and not a document of the case.
    VerificationReport,
    /// Anything else.
    Other,
}

impl DocumentKind {
    /// Every kind's name as the format writes it, in order.
    pub const NAMES: [&'static str; 11] = [
        "mla_request",
        "order",
        "eio_form",
        "epoc_form",
        "covering_letter",
        "preservation_notice",
        "export_approval",
        "provider_certificate",
        "translation",
        "verification_report",
        "other",
    ];
    const ALL: [DocumentKind; 11] = [
        DocumentKind::MlaRequest,
        DocumentKind::Order,
        DocumentKind::EioForm,
        DocumentKind::EpocForm,
        DocumentKind::CoveringLetter,
        DocumentKind::PreservationNotice,
        DocumentKind::ExportApproval,
        DocumentKind::ProviderCertificate,
        DocumentKind::Translation,
        DocumentKind::VerificationReport,
        DocumentKind::Other,
    ];

    /// The kind's name as the format writes it.
    pub fn as_str(&self) -> &'static str {
        Self::NAMES[Self::ALL.iter().position(|c| c == self).unwrap_or(Self::ALL.len() - 1)]
    }

    /// Parses a kind as people type it (`mla_request`, `mla-request`, `EIO form`).
    pub fn parse(s: &str) -> Option<Self> {
        let n = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Self::NAMES.iter().position(|k| *k == n).map(|i| Self::ALL[i])
    }
}

/// A file a statement binds by hash (spec §5.8), stored at
/// `custody/attachments/NNNNNN/<name>` (NNNNNN the carrying event's sequence).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// The file's name: one path component, the name rules of §3.4, at most 255 bytes.
    pub name: String,
    /// Its media type (`application/pdf`), if the author gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    /// The SHA-256 of its bytes.
    pub sha256: Sha256Digest,
    /// Its size in bytes.
    pub size: u64,
}

/// The body of a `document` statement: what the attached document is, and its files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentBody {
    /// What the document is.
    pub kind: DocumentKind,
    /// Its reference (the request's number, the order's docket), at most 200 characters.
    pub reference: String,
    /// The language it is written in (a language tag such as `en` or `zh-CN`).
    pub language: String,
    /// The date it bears (`YYYY-MM-DD`).
    #[schemars(regex(pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub date: String,
    /// Its title, at most 1000 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Its files (1 to 64, names distinct), bound by SHA-256 and size.
    pub files: Vec<Attachment>,
}

/// The body of an `examination` statement (spec §5.9): what an examiner examined, with
/// which tool and parameters, what they concluded, and the result files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExaminationBody {
    /// The items examined (1 to 10,000 item ids of the manifest, each once).
    pub items: Vec<String>,
    /// The tool used: name and version, each plain text of at most 200 characters.
    pub tool: Tool,
    /// How it was used (settings, options), plain text of at most 4000 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameters: Option<String>,
    /// What the examiner concluded, plain text of at most 16,000 characters.
    pub conclusion: String,
    /// The result files (the report, exported findings): 0 to 64, bound by SHA-256 and size.
    #[serde(default)]
    pub results: Vec<Attachment>,
}

/// Most characters of an access record's purpose (spec §5.10).
pub const MAX_PURPOSE_TEXT: usize = 1000;
/// Most items an access record may list (spec §5.10); more: it says all items.
pub const MAX_ACCESS_ITEMS: usize = 10_000;

/// The body of an access record: why the author extracted evidence, and which items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Access {
    /// Why the evidence was extracted (plain text, at most 1000 characters).
    pub purpose: String,
    /// The ids of the items extracted (1 to 10,000, each once); absent: every item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<String>>,
}

/// A signed statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "custody statement", extend("$id" = "https://custody.invalid/schemas/statement.schema.json"))]
pub struct Statement {
    /// Always `custody.statement/2` for this version of the format.
    #[schemars(regex(pattern = "^custody\\.statement/2$"))]
    pub format: String,
    /// What kind of statement; equals the type of the event that carries it.
    pub kind: StatementKind,
    /// The bundle the statement is about; equals the manifest's `bundle_id`.
    #[schemars(regex(pattern = "^[0-9a-f]{32}$"))]
    pub bundle_id: BundleId,
    /// The events it concerns (1 to 64, sequences ascending), by their SHA-256.
    pub concerns: Vec<Concern>,
    /// When the author made it (the author's clock, UTC).
    pub time: Timestamp,
    /// Who made and signed it.
    pub author: Signer,
    /// In what capacity.
    pub capacity: Capacity,
    /// The software that wrote it.
    pub tool: Tool,
    /// Present exactly when `kind` is `countersign`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub countersign: Option<Countersign>,
    /// Present exactly when `kind` is `access`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access: Option<Access>,
    /// Present exactly when `kind` is `document`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<DocumentBody>,
    /// Present exactly when `kind` is `examination`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub examination: Option<ExaminationBody>,
}

impl Statement {
    /// The files the statement binds (a document's files, an examination's results), none
    /// for other kinds.
    pub fn attachments(&self) -> &[Attachment] {
        match (&self.document, &self.examination) {
            (Some(d), _) => d.files.as_slice(),
            (None, Some(x)) => x.results.as_slice(),
            (None, None) => &[],
        }
    }
}

/// Why a statement breaks the format (reported as `statement.invalid`; a writer refuses its
/// input with it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StatementError {
    /// Larger than a signed document may be.
    #[error("it is {size} bytes, more than the {MAX_STATEMENT_BYTES} bytes a signed document may have")]
    TooLarge {
        /// Its size in bytes.
        size: u64,
    },
    /// Not a document of the statement schema.
    #[error("it is not a statement document: {0}")]
    Schema(String),
    /// Another format string.
    #[error("format is '{0}', not {STATEMENT_FORMAT}")]
    Format(String),
    /// The body does not match the kind.
    #[error("a {0} statement must carry exactly its own details")]
    Body(&'static str),
    /// No concerned event, too many, or not in ascending order.
    #[error("it must concern 1 to {MAX_CONCERNS} events, each once, in ascending order")]
    Concerns,
    /// The bundle id is not 32 lowercase hex digits.
    #[error("{0}")]
    BundleId(String),
    /// The author's identity breaks the identity rules.
    #[error("author: {0}")]
    Author(IdentityError),
    /// A text field is empty, too long, padded or holds control characters.
    #[error("{0}")]
    Text(IdentityError),
    /// An access record's item list is empty, too long, repeats an id or holds a value that
    /// is no item id.
    #[error("its items must be 1 to {MAX_ACCESS_ITEMS} item ids (item-1, item-2, ...), each once")]
    AccessItems,
    /// The language is not a language tag.
    #[error("language '{0}' is not a language tag such as 'en' or 'zh-CN'")]
    Language(String),
    /// A date is not a calendar date `YYYY-MM-DD`.
    #[error("date '{0}' is not a calendar date YYYY-MM-DD")]
    Date(String),
    /// No examined item, too many, or one twice.
    #[error("it must name 1 to {MAX_EXAMINED_ITEMS} examined items, each once")]
    Items,
    /// No attached file, too many, or a name twice.
    #[error("it must attach 1 to {MAX_ATTACHMENTS} files, each name once")]
    Attachments,
    /// An attached file's name breaks the name rules.
    #[error("attached file name '{name}': {why}")]
    AttachmentName {
        /// The name (untrusted: escape before showing it).
        name: String,
        /// Which rule it breaks.
        why: &'static str,
    },
}

/// Reads a statement strictly: within [`MAX_STATEMENT_BYTES`], of the schema with one
/// reading only (spec §5.1), and following the format rules of [`check_statement`].
pub fn parse_statement(bytes: &[u8]) -> Result<Statement, StatementError> {
    if bytes.len() as u64 > MAX_STATEMENT_BYTES {
        return Err(StatementError::TooLarge { size: bytes.len() as u64 });
    }
    let st: Statement = crate::document::parse_document(bytes).map_err(StatementError::Schema)?;
    check_statement(&st)?;
    Ok(st)
}

/// The format rules of a statement, beyond its schema: the format string, the body of its
/// kind, 1 to [`MAX_CONCERNS`] concerned events in ascending order, the bundle id's shape, the
/// author's identity, and the text rules. The first rule broken, in that order.
pub fn check_statement(st: &Statement) -> Result<(), StatementError> {
    if st.format != STATEMENT_FORMAT {
        return Err(StatementError::Format(st.format.clone()));
    }
    let bodies = usize::from(st.countersign.is_some())
        + usize::from(st.document.is_some())
        + usize::from(st.examination.is_some())
        + usize::from(st.access.is_some());
    let own = bodies == 1
        && match st.kind {
            StatementKind::Countersign => st.countersign.is_some(),
            StatementKind::Document => st.document.is_some(),
            StatementKind::Examination => st.examination.is_some(),
            StatementKind::Access => st.access.is_some(),
        };
    if !own {
        return Err(StatementError::Body(st.kind.as_str()));
    }
    let ascending = st.concerns.windows(2).all(|w| w[0].sequence < w[1].sequence);
    if st.concerns.is_empty() || st.concerns.len() > MAX_CONCERNS || !ascending {
        return Err(StatementError::Concerns);
    }
    crate::manifest::rules::check_bundle_id(&st.bundle_id).map_err(StatementError::BundleId)?;
    st.author.identity().validate().map_err(StatementError::Author)?;
    check_text("tool name", &st.tool.name, 200).map_err(StatementError::Text)?;
    check_text("tool version", &st.tool.version, 200).map_err(StatementError::Text)?;
    if let Some(body) = &st.countersign {
        check_countersign(body)?;
    }
    if let Some(body) = &st.document {
        check_document(body)?;
    }
    if let Some(body) = &st.examination {
        check_examination(body)?;
    }
    if let Some(body) = &st.access {
        check_access(body)?;
    }
    Ok(())
}

/// The rules of an examination's body (spec §5.9): 1 to [`MAX_EXAMINED_ITEMS`] item ids, each
/// once and plain text; the tool's name and version; the parameters and conclusion as text
/// of their lengths; 0 to [`MAX_ATTACHMENTS`] result files under the name rules.
pub fn check_examination(body: &ExaminationBody) -> Result<(), StatementError> {
    let mut seen = std::collections::BTreeSet::new();
    if body.items.is_empty() || body.items.len() > MAX_EXAMINED_ITEMS {
        return Err(StatementError::Items);
    }
    for id in &body.items {
        check_text("item", id, 200).map_err(StatementError::Text)?;
        if !seen.insert(id.as_str()) {
            return Err(StatementError::Items);
        }
    }
    check_text("examination tool name", &body.tool.name, 200).map_err(StatementError::Text)?;
    check_text("examination tool version", &body.tool.version, 200).map_err(StatementError::Text)?;
    if let Some(p) = &body.parameters {
        check_multiline("parameters", p, MAX_STATEMENT_TEXT)?;
    }
    check_multiline("conclusion", &body.conclusion, MAX_CONCLUSION_TEXT)?;
    check_attachments(&body.results, 0)
}

/// The rules of a document's body (spec §5.8): the reference, title and language, a
/// calendar date, and 1 to [`MAX_ATTACHMENTS`] files with distinct names, each one path
/// component that follows the name rules of §3.4 within [`MAX_ATTACHMENT_NAME`] bytes.
pub fn check_document(body: &DocumentBody) -> Result<(), StatementError> {
    check_text("reference", &body.reference, MAX_REFERENCE_TEXT).map_err(StatementError::Text)?;
    if let Some(t) = &body.title {
        check_text("title", t, MAX_PLACE_TEXT).map_err(StatementError::Text)?;
    }
    if !is_language_tag(&body.language) {
        return Err(StatementError::Language(body.language.clone()));
    }
    if !is_calendar_date(&body.date) {
        return Err(StatementError::Date(body.date.clone()));
    }
    check_attachments(&body.files, 1)
}

/// At least `min` and at most [`MAX_ATTACHMENTS`] files, names distinct and each valid
/// ([`check_attachment_name`]); a media type, if given, is short plain text.
pub fn check_attachments(files: &[Attachment], min: usize) -> Result<(), StatementError> {
    if files.len() < min || files.len() > MAX_ATTACHMENTS {
        return Err(StatementError::Attachments);
    }
    let mut names = std::collections::BTreeSet::new();
    for f in files {
        check_attachment_name(&f.name)?;
        if !names.insert(f.name.as_str()) {
            return Err(StatementError::Attachments);
        }
        if let Some(m) = &f.media_type {
            check_text("media type", m, 200).map_err(StatementError::Text)?;
        }
    }
    Ok(())
}

/// An attached file's name: one path component (no `/`), not `.` or `..`, at most
/// [`MAX_ATTACHMENT_NAME`] bytes, and the name rules of §3.4 (`archive::check_name`).
pub fn check_attachment_name(name: &str) -> Result<(), StatementError> {
    let bad = |why: &'static str| StatementError::AttachmentName { name: name.to_owned(), why };
    if name.len() > MAX_ATTACHMENT_NAME {
        return Err(bad("longer than 255 bytes"));
    }
    if name.contains('/') {
        return Err(bad("not a single name: it contains '/'"));
    }
    if name == "." || name == ".." {
        return Err(bad("'.' and '..' are not file names"));
    }
    crate::archive::check_name(name).map_err(bad)?;
    if name.chars().any(crate::text::is_bidi_control) {
        return Err(bad("contains a bidirectional control character"));
    }
    Ok(())
}

/// A calendar date as the format writes it: `YYYY-MM-DD`, a day that exists.
pub fn is_calendar_date(d: &str) -> bool {
    d.len() == 10 && chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok()
}

/// The rules of an access record's body: the purpose is plain text of at most 1000
/// characters; a list of items has 1 to 10,000 ids of the form `item-N`, each once.
pub fn check_access(body: &Access) -> Result<(), StatementError> {
    check_text("purpose", &body.purpose, MAX_PURPOSE_TEXT).map_err(StatementError::Text)?;
    if let Some(items) = &body.items {
        let mut seen = std::collections::BTreeSet::new();
        let ids_ok = items.iter().all(|i| is_item_id(i) && seen.insert(i.as_str()));
        if items.is_empty() || items.len() > MAX_ACCESS_ITEMS || !ids_ok {
            return Err(StatementError::AccessItems);
        }
    }
    Ok(())
}

/// `item-N`, N a positive number without leading zeros (spec §5.2).
pub(crate) fn is_item_id(s: &str) -> bool {
    s.strip_prefix("item-")
        .is_some_and(|n| !n.is_empty() && n.len() <= 9 && !n.starts_with('0') && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The text rules of a countersignature's body.
pub fn check_countersign(body: &Countersign) -> Result<(), StatementError> {
    if let Some(t) = &body.text {
        check_multiline("statement text", t, MAX_STATEMENT_TEXT)?;
    }
    if let Some(p) = &body.place {
        check_text("place", p, MAX_PLACE_TEXT).map_err(StatementError::Text)?;
    }
    if let Some(l) = &body.language
        && !is_language_tag(l)
    {
        return Err(StatementError::Language(l.clone()));
    }
    Ok(())
}

/// A language tag as the format accepts it: 1 to 35 ASCII letters, digits and `-`.
pub fn is_language_tag(l: &str) -> bool {
    !l.is_empty() && l.len() <= 35 && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Plain text that may span lines: like a single-line text, except that line feeds are
/// allowed between lines.
fn check_multiline(field: &'static str, value: &str, max: usize) -> Result<(), StatementError> {
    if value.chars().count() > max {
        return Err(StatementError::Text(IdentityError::TooLong { field, max }));
    }
    if value.trim().is_empty() {
        return Err(StatementError::Text(IdentityError::Empty { field }));
    }
    if value.trim() != value {
        return Err(StatementError::Text(IdentityError::Spaces { field }));
    }
    for line in value.split('\n') {
        if line.chars().any(|c| c.is_control() || crate::text::is_bidi_control(c)) {
            return Err(StatementError::Text(IdentityError::Control { field }));
        }
    }
    Ok(())
}

/// The statement's bytes as custody writes and signs them (pretty JSON, a final newline).
pub fn statement_bytes(st: &Statement) -> Vec<u8> {
    crate::document::to_json(st)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{Identity, KeyPair, Role};

    fn statement() -> Statement {
        let id = Identity {
            name: "Wei Zhang".into(),
            organisation: "Notary Office".into(),
            role: Role::Other,
            jurisdiction: "CN".into(),
        };
        let k = KeyPair::from_seed([7; 32], id.clone());
        Statement {
            format: STATEMENT_FORMAT.into(),
            kind: StatementKind::Countersign,
            bundle_id: "0123456789abcdef0123456789abcdef".into(),
            concerns: vec![Concern { sequence: 0, sha256: Sha256Digest::of(b"seal") }],
            time: "2026-11-20T10:05:00Z".parse().unwrap(),
            author: Signer::new(k.public().fingerprint(), &id),
            capacity: Capacity::Witness,
            tool: Tool::this(),
            countersign: Some(Countersign {
                text: Some("I watched the capture.\nAll as recorded.".into()),
                language: Some("en".into()),
                place: None,
            }),
            document: None,
            examination: None,
            access: None,
        }
    }

    #[test]
    fn a_statement_as_written_is_read_back_and_each_rule_refuses() {
        let st = statement();
        assert_eq!(parse_statement(&statement_bytes(&st)), Ok(st.clone()));
        let mut bad = st.clone();
        bad.format = "custody.statement/1".into();
        assert!(matches!(check_statement(&bad), Err(StatementError::Format(_))));
        let mut bad = st.clone();
        bad.countersign = None;
        assert_eq!(check_statement(&bad), Err(StatementError::Body("countersign")));
        let mut bad = st.clone();
        bad.concerns.clear();
        assert_eq!(check_statement(&bad), Err(StatementError::Concerns));
        let mut bad = st.clone();
        bad.concerns = vec![bad.concerns[0].clone(), bad.concerns[0].clone()];
        assert_eq!(check_statement(&bad), Err(StatementError::Concerns));
        let mut bad = st.clone();
        bad.concerns =
            (0..=MAX_CONCERNS as u64).map(|sequence| Concern { sequence, sha256: Sha256Digest::of(b"x") }).collect();
        assert_eq!(check_statement(&bad), Err(StatementError::Concerns));
        let mut bad = st.clone();
        bad.countersign = Some(Countersign { text: Some("x".repeat(MAX_STATEMENT_TEXT + 1)), ..Default::default() });
        assert!(matches!(check_statement(&bad), Err(StatementError::Text(IdentityError::TooLong { .. }))));
        let mut bad = st.clone();
        bad.countersign = Some(Countersign { text: Some("a\u{1b}[2Jb".into()), ..Default::default() });
        assert!(matches!(check_statement(&bad), Err(StatementError::Text(IdentityError::Control { .. }))));
        let mut bad = st.clone();
        bad.countersign = Some(Countersign { language: Some("en_GB".into()), ..Default::default() });
        assert!(matches!(check_statement(&bad), Err(StatementError::Language(_))));
        let mut bad = st;
        bad.bundle_id = "ABC".into();
        assert!(matches!(check_statement(&bad), Err(StatementError::BundleId(_))));
    }

    #[test]
    fn access_records_name_a_purpose_and_items_once_each() {
        let ok = Access { purpose: "expert report".into(), items: Some(vec!["item-1".into(), "item-12".into()]) };
        assert_eq!(check_access(&ok), Ok(()));
        assert_eq!(check_access(&Access { items: None, ..ok.clone() }), Ok(()));
        for items in [vec![], vec!["item-1", "item-1"], vec!["item-01"], vec!["item-0"], vec!["Item-1"], vec!["item-"]]
        {
            let bad = Access { items: Some(items.iter().map(|s| s.to_string()).collect()), ..ok.clone() };
            assert_eq!(check_access(&bad), Err(StatementError::AccessItems), "{items:?}");
        }
        for purpose in ["", " padded", "a\u{1b}[2Jb", &"x".repeat(MAX_PURPOSE_TEXT + 1)] {
            let bad = Access { purpose: purpose.into(), ..ok.clone() };
            assert!(matches!(check_access(&bad), Err(StatementError::Text(_))), "{purpose:?}");
        }
        let mut st = statement();
        st.kind = StatementKind::Access;
        assert_eq!(check_statement(&st), Err(StatementError::Body("access")), "a countersign body");
        st.countersign = None;
        st.access = Some(ok);
        assert_eq!(parse_statement(&statement_bytes(&st)), Ok(st.clone()));
    }

    #[test]
    fn hostile_statements_are_refused_without_panicking() {
        let big = vec![b' '; MAX_STATEMENT_BYTES as usize + 1];
        assert!(matches!(parse_statement(&big), Err(StatementError::TooLarge { .. })));
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(matches!(parse_statement(deep.as_bytes()), Err(StatementError::Schema(_))));
        let mut v = serde_json::to_value(statement()).unwrap();
        v["concerns"] = serde_json::json!(
            (0..100_000u64)
                .map(|s| serde_json::json!({"sequence": s, "sha256": Sha256Digest::of(b"x")}))
                .collect::<Vec<_>>()
        );
        let many = serde_json::to_vec(&v).unwrap();
        assert!(parse_statement(&many).is_err());
        let mut v = serde_json::to_value(statement()).unwrap();
        v["extra"] = serde_json::json!(1);
        assert!(matches!(parse_statement(&serde_json::to_vec(&v).unwrap()), Err(StatementError::Schema(_))));
    }

    #[test]
    fn attached_file_names_and_the_rules_of_documents_and_examinations() {
        for bad in ["", ".", "..", "a/b", "../x", "x\u{1b}y", "CON.txt", "a.", "a:b", "x\u{202e}fdp.exe"] {
            assert!(check_attachment_name(bad).is_err(), "{bad:?}");
        }
        assert!(check_attachment_name(&"a".repeat(MAX_ATTACHMENT_NAME + 1)).is_err());
        for good in ["request.pdf", "annex 1.txt", "请求.pdf"] {
            assert_eq!(check_attachment_name(good), Ok(()), "{good:?}");
        }
        let file =
            |name: &str| Attachment { name: name.into(), media_type: None, sha256: Sha256Digest::of(b"x"), size: 1 };
        let mut st = statement();
        st.kind = StatementKind::Document;
        st.countersign = None;
        st.document = Some(DocumentBody {
            kind: DocumentKind::MlaRequest,
            reference: "MLA-1".into(),
            language: "en".into(),
            date: "2026-11-18".into(),
            title: None,
            files: vec![file("a.pdf")],
        });
        assert_eq!(parse_statement(&statement_bytes(&st)), Ok(st.clone()));
        let mut bad = st.clone();
        bad.document.as_mut().unwrap().date = "2026-02-30".into();
        assert!(matches!(check_statement(&bad), Err(StatementError::Date(_))));
        let mut bad = st.clone();
        bad.document.as_mut().unwrap().files = vec![file("a.pdf"), file("a.pdf")];
        assert_eq!(check_statement(&bad), Err(StatementError::Attachments));
        let mut bad = st.clone();
        bad.document.as_mut().unwrap().files.clear();
        assert_eq!(check_statement(&bad), Err(StatementError::Attachments));
        let mut bad = st.clone();
        bad.countersign = Some(Countersign::default());
        assert_eq!(check_statement(&bad), Err(StatementError::Body("document")));
        let mut x = st;
        x.kind = StatementKind::Examination;
        x.document = None;
        x.examination = Some(ExaminationBody {
            items: vec!["item-1".into()],
            tool: Tool { name: "ExifTool".into(), version: "13.10".into() },
            parameters: Some("-a -G1".into()),
            conclusion: "Nothing edited.".into(),
            results: Vec::new(),
        });
        assert_eq!(check_statement(&x), Ok(()));
        assert!(x.attachments().is_empty());
        let mut bad = x.clone();
        bad.examination.as_mut().unwrap().items = vec!["item-1".into(), "item-1".into()];
        assert_eq!(check_statement(&bad), Err(StatementError::Items));
        let mut bad = x;
        bad.examination.as_mut().unwrap().conclusion = " ".into();
        assert!(matches!(check_statement(&bad), Err(StatementError::Text(_))));
    }

    #[test]
    fn capacities_parse_as_people_type_them() {
        assert_eq!(Capacity::parse("Second-Investigator"), Some(Capacity::SecondInvestigator));
        assert_eq!(Capacity::parse("data holder"), Some(Capacity::DataHolder));
        assert_eq!(Capacity::parse("witnes"), None);
        for n in Capacity::NAMES {
            assert_eq!(Capacity::parse(n).map(|c| c.as_str()), Some(n));
        }
    }
}
