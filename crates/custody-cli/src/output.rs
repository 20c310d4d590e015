//! The JSON documents `custody` prints for machines: one type per command's `--json` /
//! `--format json` output, and one for every error under those options.
//!
//! Each type is `Serialize + JsonSchema`; its schema is `schemas/<command>.schema.json`,
//! generated from the type (`schemas()`, under test; a test fails when a checked-in file is stale:
//! regenerate with `UPDATE_SCHEMAS=1 cargo test -p custody-cli --bin custody schemas`). The
//! verification report (`verify`, and the report `extract` writes) and the inspection
//! (`inspect`) are custody-core's documents, with their schemas beside these.
//!
//! **Errors.** Under `--json` or `--format json`, a command that fails prints an
//! [`ErrorOutput`] (`custody.error/1`) on stdout, where a program reads the result, and exits
//! with the status it names (1: the verdict is negative, e.g. an invalid bundle; 2: the
//! command could not do its job). The human-readable message still goes to stderr, as without
//! JSON, for the person watching. Help and `--version` are never JSON, nor is the one line
//! of a command stopped by Ctrl-C or SIGTERM (exit status 130 or 143, on stderr): a signal
//! is not the command's answer, and stdout may hold part of one.

use std::path::Path;

use custody_core::append::{Recovered, Recovery};
use custody_core::event::{Condition, Receipt};
use custody_core::exit::ErrorKind;
use custody_core::extract::Extracted;
use custody_core::handover::{AddedTokens, Parties};
use custody_core::manifest::Signer;
use custody_core::seal::SealSummary;
use custody_core::statement::Statement;
use custody_core::timestamp::StampOutcome;
use custody_core::trust::{TrustEntry, TrustList};
use custody_core::verify::State;
use custody_core::{Fingerprint, Identity, Role, Timestamp};
use schemars::JsonSchema;
use serde::Serialize;

/// A path as JSON shows it (a name that is not UTF-8 is shown with U+FFFD in its place).
fn shown(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// The schema of a field that is always present, `null` when it has no value.
fn nullable<T: JsonSchema>(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
    g.subschema_for::<Option<T>>()
}

/// What happened to the trusted time (RFC 3161 token) of an event a command wrote.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum StampOutput {
    /// No timestamp authority was given.
    NotRequested,
    /// A token was stored in the bundle.
    Stamped {
        /// The token's path in the bundle.
        token: String,
        /// The time the token certifies.
        time: String,
        /// The timestamp authority that issued it.
        tsa: String,
    },
    /// The authority failed and the event was written without trusted time
    /// (`--tsa-optional`).
    Failed {
        /// What went wrong.
        error: String,
    },
}

/// What became of the custody log proof of an event a command wrote (spec §6.5).
#[derive(Debug, Serialize, JsonSchema)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum LogOutput {
    /// The bundle names no custody log.
    NotRequested,
    /// The event is in the log; its proof is stored beside it.
    Logged {
        /// The event's leaf index in the log.
        index: u64,
        /// The size of the log's tree the proof is against.
        size: u64,
    },
    /// The log failed and the event was written without a proof (`--log-optional`).
    Failed {
        /// What went wrong.
        error: String,
    },
}

impl From<&custody_core::tlog::LogOutcome> for LogOutput {
    fn from(o: &custody_core::tlog::LogOutcome) -> Self {
        use custody_core::tlog::LogOutcome;
        match o {
            LogOutcome::Logged { index, size } => LogOutput::Logged { index: *index, size: *size },
            LogOutcome::Failed { why } => LogOutput::Failed { error: why.clone() },
            _ => LogOutput::NotRequested,
        }
    }
}

impl From<&StampOutcome> for StampOutput {
    fn from(o: &StampOutcome) -> Self {
        match o {
            StampOutcome::NotRequested => StampOutput::NotRequested,
            StampOutcome::Stamped { token_path, time, tsa } => {
                StampOutput::Stamped { token: token_path.clone(), time: time.clone(), tsa: tsa.clone() }
            }
            StampOutcome::Failed { error } => StampOutput::Failed { error: error.clone() },
        }
    }
}

/// `custody keygen --json`: the key files written.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(
    title = "custody keygen --json",
    extend("$id" = "https://custody.invalid/schemas/keygen.schema.json")
)]
pub struct KeygenOutput {
    /// The private key file (keep it secret).
    pub private_key: String,
    /// The public key file, with the identity (give it to verifiers).
    pub public_key: String,
    /// The key's fingerprint.
    pub fingerprint: Fingerprint,
    /// Who holds the key.
    pub identity: Identity,
    /// With `--age`: the age identity file written (keep it secret).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age_identity: Option<String>,
    /// With `--age`: the file holding the encryption recipient to publish.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age_recipient_file: Option<String>,
    /// With `--age`: the encryption recipient (`age1...`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age_recipient: Option<String>,
}

/// `custody encrypt --json`: the encrypted file written (issue #18.2).
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(title = "custody encrypt --json", extend("$id" = "https://custody.invalid/schemas/encrypt.schema.json"))]
pub struct EncryptOutput {
    /// The bundle encrypted (not changed).
    pub bundle: String,
    /// The age file written.
    pub encrypted: String,
    /// The bytes of the bundle encrypted.
    pub bytes: u64,
    /// The recipients it was encrypted to, as age writes them (`age1...`).
    pub recipients: Vec<String>,
    /// Where each recipient came from, in the order of `recipients`.
    pub recipients_from: Vec<RecipientFrom>,
}

/// One recipient of an encrypted file and where it came from: custody encrypts only to
/// recipients the user named, and says which.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RecipientFrom {
    /// The recipient (`age1...`).
    pub recipient: String,
    /// The option that named it (`--to`, `--encrypt-to`).
    pub option: String,
    /// What was given: the age1... text, or the file read.
    pub given: String,
    /// Whether it is a custody public key converted to X25519 (its holder decrypts with the
    /// signing key) rather than an age recipient.
    pub converted: bool,
}

/// `custody decrypt --json`: the plain bundle written.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(title = "custody decrypt --json", extend("$id" = "https://custody.invalid/schemas/decrypt.schema.json"))]
pub struct DecryptOutput {
    /// The age file read.
    pub encrypted: String,
    /// The plain bundle written (readable by its owner only).
    pub bundle: String,
    /// Its size in bytes.
    pub bytes: u64,
}

/// `custody case init --json`: the template written, or (without --out) the template itself.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(
    title = "custody case init --json",
    extend("$id" = "https://custody.invalid/schemas/case-init.schema.json")
)]
pub struct CaseInitOutput {
    /// The case file written (with --out).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case_file: Option<String>,
    /// The commented template (TOML), when no --out was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
}

/// What `custody trust add` did to the list.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TrustChange {
    /// The key was added.
    Added,
    /// The key was listed without a full identity; its line now names the holder.
    Completed,
    /// The key was already listed with this identity; nothing was changed.
    AlreadyListed,
}

/// `custody trust add --json`: the key and what changed in the list.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(
    title = "custody trust add --json",
    extend("$id" = "https://custody.invalid/schemas/trust-add.schema.json")
)]
pub struct TrustAddOutput {
    /// The trust list file.
    pub file: String,
    /// The key's fingerprint.
    pub fingerprint: Fingerprint,
    /// Who holds the key, as its .pub file says.
    pub identity: Identity,
    /// What was done.
    pub change: TrustChange,
}

/// `custody trust sign --json`: the signature written for a trust list.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(
    title = "custody trust sign --json",
    extend("$id" = "https://custody.invalid/schemas/trust-sign.schema.json")
)]
pub struct TrustSignOutput {
    /// The trust list signed.
    pub list: String,
    /// The signature file written (64 bytes, Ed25519, spec §10.1).
    pub signature: String,
    /// The signing (root) key's fingerprint.
    pub root: Fingerprint,
    /// When the list says it was issued.
    pub issued: Timestamp,
    /// How many keys it lists.
    pub keys: usize,
}

/// `custody trust import --json`: what a signed trust list changed in the local list.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(
    title = "custody trust import --json",
    extend("$id" = "https://custody.invalid/schemas/trust-import.schema.json")
)]
pub struct TrustImportOutput {
    /// The local trust list file written.
    pub file: String,
    /// The root key the signed list was checked against.
    pub root: Fingerprint,
    /// When the signed list was issued.
    pub issued: Timestamp,
    /// Keys added.
    pub added: usize,
    /// Keys whose line was replaced (identity, validity or revocation changed).
    pub replaced: usize,
    /// Keys already listed exactly so.
    pub unchanged: usize,
}

/// `custody man --json`: the manual pages written.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(title = "custody man --json", extend("$id" = "https://custody.invalid/schemas/man.schema.json"))]
pub struct ManOutput {
    /// Each page written, in the order written (custody.1 first).
    pub pages: Vec<String>,
}

/// A capture field read from a capture tool's file while sealing.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ImportedOutput {
    /// The item it belongs to, e.g. `item-1`.
    pub item: String,
    /// The capture field, e.g. `source_url`.
    pub field: String,
    /// The bundle path of the file it was read from.
    pub from: String,
    /// Where in that file, e.g. `WARC-Target-URI`.
    pub key: String,
}

/// `custody seal --json`: the bundle written.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(title = "custody seal --json", extend("$id" = "https://custody.invalid/schemas/seal.schema.json"))]
pub struct SealOutput {
    /// The bundle file.
    pub bundle: String,
    /// The bundle's id.
    pub bundle_id: String,
    /// Items sealed.
    pub items: usize,
    /// Payload files sealed.
    pub files: usize,
    /// Payload bytes sealed.
    pub bytes: u64,
    /// Who sealed it.
    pub sealed_by: Signer,
    /// When (the sealer's clock).
    pub time: Timestamp,
    /// Capture fields read from capture tools' files.
    pub imported: Vec<ImportedOutput>,
    /// Things the sealer should know, e.g. a capture file that could not be read.
    pub warnings: Vec<String>,
    /// The seal event's trusted time.
    pub timestamp: StampOutput,
    /// The seal event's custody log proof (spec §6.5).
    pub log: LogOutput,
    /// The advisories (spec §5.2.9) verify raises on the new bundle, evaluated at the seal's
    /// date: retention already exceeded, a capture-seal gap, no witness yet...
    pub advisories: Vec<custody_core::Check>,
}

impl From<&SealSummary> for SealOutput {
    fn from(s: &SealSummary) -> Self {
        SealOutput {
            bundle: shown(&s.output),
            bundle_id: s.bundle_id.clone(),
            items: s.items,
            files: s.files,
            bytes: s.bytes,
            sealed_by: s.signer.clone(),
            time: s.time,
            imported: s
                .imported
                .iter()
                .map(|(item, f)| ImportedOutput {
                    item: item.clone(),
                    field: f.field.clone(),
                    from: f.from.clone(),
                    key: f.key.clone(),
                })
                .collect(),
            warnings: s.warnings.clone(),
            advisories: s.advisories.clone(),
            timestamp: (&s.timestamp).into(),
            log: (&s.log).into(),
        }
    }
}

/// `custody report --json`: the court report written.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(title = "custody report --json", extend("$id" = "https://custody.invalid/schemas/report.schema.json"))]
pub struct ReportOutput {
    /// The bundle as named.
    pub bundle: String,
    /// The report written (the first --out).
    pub report: String,
    /// The SHA-256 of that report's bytes.
    pub sha256: custody_core::Sha256Digest,
    /// Every report written (one per --out, from the same verification), in order.
    pub outputs: Vec<WrittenReport>,
    /// The verdict the report states (spec §9.2).
    pub state: custody_core::State,
    /// With `--form`: the certification form written instead of the report
    /// (`fre-902-14`, `cn-extraction-record`, `mla-execution`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    /// With `--form`: the SHA-256 of the bundle file, as the form states it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bundle_sha256: Option<custody_core::Sha256Digest>,
    /// With `--record`: where the report was recorded (absent: not recorded, also when the
    /// bundle is invalid and so cannot be given a statement).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recorded: Option<RecordedReport>,
}

/// One file `custody report` wrote.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct WrittenReport {
    /// The file as named.
    pub path: String,
    /// Its format, from its name.
    pub format: ReportFormat,
    /// The SHA-256 of its bytes.
    pub sha256: custody_core::Sha256Digest,
    /// For a PDF: whether it is PDF/A-2b (archival), as the PDF/A validator found it; absent
    /// for HTML.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pdf_a: Option<bool>,
    /// For a PDF that is not PDF/A-2b: the PDF/A validator's error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pdf_a_error: Option<String>,
}

/// The format of a report file.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    /// One self-contained HTML file.
    Html,
    /// A PDF (PDF/A-2b when it conforms).
    Pdf,
}

/// Where `custody report --record` put the report: a `document` event appended (you hold
/// custody), or a package for the custodian to add.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RecordedReport {
    /// The carrying event's path in the bundle, if appended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// The carrying event's sequence number, if appended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sequence: Option<u64>,
    /// The package written, if you do not hold custody.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package: Option<String>,
}

/// `custody transfer --json`: the transfer event written.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(
    title = "custody transfer --json",
    extend("$id" = "https://custody.invalid/schemas/transfer.schema.json")
)]
pub struct TransferOutput {
    /// The bundle written (the input, or `--out`).
    pub bundle: String,
    /// The event's path in the bundle.
    pub event: String,
    /// The event's sequence number.
    pub sequence: u64,
    /// When the sender signed it (the sender's clock).
    pub time: Timestamp,
    /// To whom the bundle is handed over.
    pub recipient: Signer,
    /// The conditions attached to the hand-over.
    pub conditions: Vec<Condition>,
    /// The event's trusted time.
    pub timestamp: StampOutput,
    /// With `--encrypt`: the encrypted copy to send (an age file), and its recipient.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encrypted: Option<EncryptOutput>,
}

/// `custody dispose --json`: the disposition event written (spec §5.11).
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(title = "custody dispose --json", extend("$id" = "https://custody.invalid/schemas/dispose.schema.json"))]
pub struct DisposeOutput {
    /// The bundle that holds the event: the input (retention extended, in place), or `--out`.
    pub bundle: String,
    /// The bundle given, never changed by a return or a destruction.
    pub original: String,
    /// The event's path in the bundle.
    pub event: String,
    /// The event's sequence number.
    pub sequence: u64,
    /// When the custodian signed it (their clock).
    pub time: Timestamp,
    /// The disposition as signed.
    pub disposition: custody_core::event::Disposition,
    /// The items whose files the new bundle no longer holds.
    pub removed: Vec<RemovedItemOutput>,
    /// True when items were removed: the original still holds their data, which its holder
    /// must destroy by their own secure means.
    pub original_still_holds_data: bool,
    /// The event's trusted time.
    pub timestamp: StampOutput,
}

/// `custody derive --format json`: the derived bundle written (spec §5.13).
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(title = "custody derive --json", extend("$id" = "https://custody.invalid/schemas/derive.schema.json"))]
pub struct DeriveOutput {
    /// The new bundle.
    pub bundle: String,
    /// The original: changed only by the derivation event appended to it (none with
    /// `--no-record`).
    pub original: String,
    /// The new bundle's id.
    pub bundle_id: String,
    /// The original's bundle id.
    pub parent_bundle_id: String,
    /// The `derivation` event recorded in the original (§5.14); null with `--no-record`.
    pub recorded: Option<RecordedDerivationOutput>,
    /// The items left out because a receipt rejected them or marked them out of scope.
    pub left_out: Vec<LeftOutItemOutput>,
    /// The items carried, by id (kept from the original).
    pub items: Vec<String>,
    /// The payload files carried.
    pub files: u64,
    /// Their size in bytes.
    pub bytes: u64,
    /// The bundle paths of the files replaced by redacted copies.
    pub redacted: Vec<String>,
    /// The new bundle's seal time.
    pub time: Timestamp,
    /// The seal event's trusted time.
    pub timestamp: StampOutput,
}

/// The derivation event appended to the original (`custody derive`, §5.14).
#[derive(Debug, Serialize, JsonSchema)]
pub struct RecordedDerivationOutput {
    /// Its path in the original.
    pub event: String,
    /// Its sequence number.
    pub sequence: u64,
    /// Its trusted time.
    pub timestamp: StampOutput,
}

/// An item a derivation left out because a receipt did not accept it (§5.14).
#[derive(Debug, Serialize, JsonSchema)]
pub struct LeftOutItemOutput {
    /// The item's id.
    pub item: String,
    /// The receipt's event sequence number.
    pub receipt: u64,
    /// What the receipt said of it: `rejected` or `out_of_scope`.
    #[schemars(extend("enum" = ["rejected", "out_of_scope"]))]
    pub status: String,
}

/// An item a return or a destruction removed from the new bundle.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RemovedItemOutput {
    /// The item's id.
    pub item: String,
    /// Its files' bundle paths.
    pub files: Vec<String>,
    /// Their total size in bytes.
    pub bytes: u64,
}

/// What `custody countersign` did: appended the statement (you hold custody), or wrote a
/// package for the custodian to add.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CountersignOutcome {
    /// You hold custody: the statement and its carrying event were appended.
    Appended,
    /// You do not hold custody: a package was written; the custodian adds it (`custody add`).
    Package,
}

/// The JSON output of `custody countersign --json`.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(
    title = "custody countersign --json",
    extend("$id" = "https://custody.invalid/schemas/countersign.schema.json")
)]
pub struct CountersignOutput {
    /// Appended, or a package written.
    pub outcome: CountersignOutcome,
    /// The bundle countersigned (the input, or `--out` when appended there).
    pub bundle: String,
    /// The package written, when the outcome is `package`.
    #[schemars(schema_with = "nullable::<String>", required)]
    pub package: Option<String>,
    /// The carrying event's path, when the outcome is `appended`.
    #[schemars(schema_with = "nullable::<String>", required)]
    pub event: Option<String>,
    /// The carrying event's sequence number, when the outcome is `appended`.
    #[schemars(schema_with = "nullable::<u64>", required)]
    pub sequence: Option<u64>,
    /// The statement as signed.
    pub statement: Statement,
    /// Who holds the bundle (and so may add the statement).
    pub custodian: Signer,
    /// The carrying event's trusted time (`not_requested` for a package).
    pub timestamp: StampOutput,
}

/// The JSON output of `custody attach --json`.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(title = "custody attach --json", extend("$id" = "https://custody.invalid/schemas/attach.schema.json"))]
pub struct AttachOutput {
    /// Appended, or a package written.
    pub outcome: CountersignOutcome,
    /// The bundle the document was attached to (the input, or `--out` when appended there).
    pub bundle: String,
    /// The package written, when the outcome is `package`.
    #[schemars(schema_with = "nullable::<String>", required)]
    pub package: Option<String>,
    /// The carrying event's path, when the outcome is `appended`.
    #[schemars(schema_with = "nullable::<String>", required)]
    pub event: Option<String>,
    /// The carrying event's sequence number, when the outcome is `appended`.
    #[schemars(schema_with = "nullable::<u64>", required)]
    pub sequence: Option<u64>,
    /// The attached files' paths in the bundle (`custody/attachments/NNNNNN/<name>`), when
    /// the outcome is `appended`; empty for a package.
    pub files: Vec<String>,
    /// The statement as signed: its `document` names the files by SHA-256 and size.
    pub statement: Statement,
    /// Who holds the bundle (and so may add the statement).
    pub custodian: Signer,
    /// The carrying event's trusted time (`not_requested` for a package).
    pub timestamp: StampOutput,
}

/// The JSON output of `custody examine --json`.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(title = "custody examine --json", extend("$id" = "https://custody.invalid/schemas/examine.schema.json"))]
pub struct ExamineOutput {
    /// Appended, or a package written.
    pub outcome: CountersignOutcome,
    /// The bundle examined (the input, or `--out` when appended there).
    pub bundle: String,
    /// The package written, when the outcome is `package`.
    #[schemars(schema_with = "nullable::<String>", required)]
    pub package: Option<String>,
    /// The carrying event's path, when the outcome is `appended`.
    #[schemars(schema_with = "nullable::<String>", required)]
    pub event: Option<String>,
    /// The carrying event's sequence number, when the outcome is `appended`.
    #[schemars(schema_with = "nullable::<u64>", required)]
    pub sequence: Option<u64>,
    /// The result files' paths in the bundle (`custody/attachments/NNNNNN/<name>`), when
    /// the outcome is `appended`; empty for a package.
    pub files: Vec<String>,
    /// The statement as signed: its `examination` names the result files by SHA-256 and size.
    pub statement: Statement,
    /// Who holds the bundle (and so may add the statement).
    pub custodian: Signer,
    /// The carrying event's trusted time (`not_requested` for a package).
    pub timestamp: StampOutput,
}

/// One statement package added by `custody add`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct AddedStatement {
    /// The package file.
    pub package: String,
    /// The carrying event's path in the bundle.
    pub event: String,
    /// The carrying event's sequence number.
    pub sequence: u64,
    /// The statement's path in the bundle.
    pub statement: String,
    /// The carrying event's trusted time.
    pub timestamp: StampOutput,
}

/// The JSON output of `custody add --json`.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(title = "custody add --json", extend("$id" = "https://custody.invalid/schemas/add.schema.json"))]
pub struct AddOutput {
    /// The bundle written (the input, or `--out`).
    pub bundle: String,
    /// One entry per package, in the order given.
    pub added: Vec<AddedStatement>,
}

/// A party to a hand-over as a receipt saw it.
#[derive(Debug, Serialize, JsonSchema)]
pub struct PartyOutput {
    /// The party's key.
    pub fingerprint: Fingerprint,
    /// The identity the bundle claims for it.
    pub identity: Identity,
    /// Whether the trust list given vouches for it (false without a trust list).
    pub trusted: bool,
}

/// `custody receive --json`: the receipt event written.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(
    title = "custody receive --json",
    extend("$id" = "https://custody.invalid/schemas/receive.schema.json")
)]
pub struct ReceiveOutput {
    /// The bundle written (the input, or `--out`).
    pub bundle: String,
    /// The event's path in the bundle.
    pub event: String,
    /// The event's sequence number.
    pub sequence: u64,
    /// When the recipient signed it (the recipient's clock).
    pub time: Timestamp,
    /// The receipt as signed: decision, verification, items and conditions.
    pub receipt: Receipt,
    /// The event's trusted time.
    pub timestamp: StampOutput,
    /// Who sealed the bundle.
    pub sealer: PartyOutput,
    /// Who sent it.
    pub sender: PartyOutput,
}

impl ReceiveOutput {
    /// The parties as the receipt saw them.
    pub fn party(s: &Signer, trusted: bool) -> PartyOutput {
        PartyOutput { fingerprint: s.fingerprint, identity: s.identity(), trusted }
    }

    /// The sealer and the sender.
    pub fn parties(p: &Parties) -> (PartyOutput, PartyOutput) {
        (Self::party(&p.sealer, p.sealer_trusted), Self::party(&p.sender, p.sender_trusted))
    }
}

/// `custody extract --json`: the files extracted.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(
    title = "custody extract --json",
    extend("$id" = "https://custody.invalid/schemas/extract.schema.json")
)]
pub struct ExtractOutput {
    /// The directory created.
    pub out: String,
    /// Files written.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
    /// The verification's verdict (the full report is in the directory).
    pub state: State,
    /// Files whose content did not match the manifest (only with `--force`).
    pub mismatched: Vec<String>,
    /// Attached files (documents, examination results) written under
    /// `custody-attachments/NNNNNN/`.
    pub attachments: usize,
    /// With `--portable`: the files written under another name (also listed in
    /// `custody-renamed-files.txt`); empty otherwise.
    pub renamed: Vec<RenamedOutput>,
    /// Files written under a name that holds a text-direction character, as sealed (without
    /// `--portable`): such a name can show in another order than its true one.
    pub direction_names: usize,
    /// The access record (`--record`): appended, or a package for the custodian; absent
    /// without `--record`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<AccessRecordOutput>,
}

/// A file `custody extract --portable` wrote under another name.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RenamedOutput {
    /// Its path (relative to the output directory) as sealed.
    pub sealed: String,
    /// The path it was written to.
    pub written: String,
}

/// The access record `custody extract --record` made (spec §5.10).
#[derive(Debug, Serialize, JsonSchema)]
pub struct AccessRecordOutput {
    /// Appended (you hold custody), or a package written for the custodian.
    pub outcome: CountersignOutcome,
    /// The bundle the record is about (and, when appended, that now carries it).
    pub bundle: String,
    /// The package written, when the outcome is `package`.
    #[schemars(schema_with = "nullable::<String>", required)]
    pub package: Option<String>,
    /// The carrying event's path, when the outcome is `appended`.
    #[schemars(schema_with = "nullable::<String>", required)]
    pub event: Option<String>,
    /// The carrying event's sequence number, when the outcome is `appended`.
    #[schemars(schema_with = "nullable::<u64>", required)]
    pub sequence: Option<u64>,
    /// The access statement as signed.
    pub statement: Statement,
    /// Who holds the bundle (and so may add the record).
    pub custodian: Signer,
}

impl From<&Extracted> for ExtractOutput {
    fn from(x: &Extracted) -> Self {
        ExtractOutput {
            out: shown(&x.out_dir),
            files: x.files,
            bytes: x.bytes,
            state: x.report.state,
            mismatched: x.mismatched.clone(),
            attachments: x.attachments,
            renamed: x
                .renamed
                .iter()
                .map(|(sealed, written)| RenamedOutput { sealed: sealed.clone(), written: written.clone() })
                .collect(),
            direction_names: x.direction_names,
            record: None,
        }
    }
}

/// `custody timestamp --json`: the tokens added.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(
    title = "custody timestamp --json",
    extend("$id" = "https://custody.invalid/schemas/timestamp.schema.json")
)]
pub struct TimestampOutput {
    /// The bundle written (the input, or `--out`).
    pub bundle: String,
    /// One per event that had no token.
    pub added: Vec<StampOutput>,
    /// Events that already had a token.
    pub already: usize,
}

impl From<&AddedTokens> for TimestampOutput {
    fn from(r: &AddedTokens) -> Self {
        TimestampOutput {
            bundle: shown(&r.bundle),
            added: r.added.iter().map(Into::into).collect(),
            already: r.already,
        }
    }
}

/// `custody recover --format json`: what recovery found and did.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(
    title = "custody recover --format json",
    extend("$id" = "https://custody.invalid/schemas/recover.schema.json")
)]
pub struct RecoverOutput {
    /// The bundle.
    pub bundle: String,
    /// What was found and done.
    pub recovery: RecoveryOutput,
    /// Set when the journal was written for a file at another place on disk (a copy) and
    /// still matched the bundle's content, so it was used; `null` otherwise.
    #[schemars(schema_with = "nullable::<String>", required)]
    pub note: Option<String>,
    /// With `--out`: the output the pending event was completed into; `null` otherwise. The
    /// bundle is not changed: one with an interrupted update of its own is refused (exit 2:
    /// recover it in place first), so `recovery` is then `clean`.
    #[schemars(schema_with = "nullable::<String>", required)]
    pub out: Option<String>,
    /// The event an interrupted command had signed and left pending (issue #20), and what was
    /// done with it; `null` when none was pending.
    #[schemars(schema_with = "nullable::<PendingOutput>", required)]
    pub pending: Option<PendingOutput>,
}

/// A pending event completed by `custody recover`, by `status`.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum PendingOutput {
    /// The event was resubmitted to the custody log and appended with its answer.
    Appended {
        /// Its sequence number.
        sequence: u64,
        /// Its type (`transfer`, `receipt`, ...): `type`, as `custody verify --json` names an
        /// event's.
        #[serde(rename = "type")]
        event_type: custody_core::event::EventType,
        /// Its index in the log; `null` if the log's answer gave none.
        #[schemars(schema_with = "nullable::<u64>", required)]
        log_index: Option<u64>,
        /// The size of the log's tree that proves it; `null` likewise.
        #[schemars(schema_with = "nullable::<u64>", required)]
        log_size: Option<u64>,
        /// Whether it was appended with a trusted-time token (the pending file may omit one:
        /// `custody timestamp` adds trusted time).
        timestamped: bool,
    },
    /// The bundle held the event already (the command died after appending it): only the
    /// pending file was removed.
    AlreadyInBundle {
        /// Its sequence number.
        sequence: u64,
    },
}

impl PendingOutput {
    /// The output for what [`custody_core::handover::resume_pending`] did, if anything.
    pub fn new(r: Option<&custody_core::handover::Resumed>) -> Option<Self> {
        use custody_core::handover::Resumed;
        use custody_core::tlog::LogOutcome;
        match r? {
            Resumed::Appended { sequence, event_type, log, timestamped } => {
                let (log_index, log_size) = match log {
                    LogOutcome::Logged { index, size } => (Some(*index), Some(*size)),
                    _ => (None, None),
                };
                Some(PendingOutput::Appended {
                    sequence: *sequence,
                    event_type: *event_type,
                    log_index,
                    log_size,
                    timestamped: *timestamped,
                })
            }
            Resumed::AlreadyInBundle { sequence } => Some(PendingOutput::AlreadyInBundle { sequence: *sequence }),
            _ => None,
        }
    }
}

/// What recovery found and did, by `status`.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum RecoveryOutput {
    /// No interrupted update: nothing was done.
    Clean,
    /// The last update had completed; its leftover journal was removed.
    Completed,
    /// The last update was interrupted before it changed the bundle; its journal was removed.
    NotStarted,
    /// An interrupted update was undone: the bundle is as it was before that update.
    RolledBack {
        /// Where the bytes that were replaced are kept: the torn file was the bundle's first
        /// `cut` bytes followed by them.
        kept: String,
        /// Where the update began: the bundle's bytes before it were not touched.
        cut: u64,
        /// The events of the bundle as restored.
        events: usize,
        /// The event the interrupted update was adding, if its files had begun to be
        /// written; `null` otherwise.
        #[schemars(schema_with = "nullable::<u64>", required)]
        torn_event: Option<u64>,
    },
}

impl RecoverOutput {
    /// The output for `bundle`, recovered as `r` says.
    pub fn new(bundle: &Path, r: &Recovered) -> Self {
        let recovery = match &r.outcome {
            Recovery::Clean => RecoveryOutput::Clean,
            Recovery::Completed => RecoveryOutput::Completed,
            Recovery::NotStarted => RecoveryOutput::NotStarted,
            Recovery::RolledBack { kept, cut, events, torn_event } => {
                RecoveryOutput::RolledBack { kept: shown(kept), cut: *cut, events: *events, torn_event: *torn_event }
            }
        };
        RecoverOutput { bundle: shown(bundle), recovery, note: r.note.clone(), out: None, pending: None }
    }
}

/// One key of a trust list; a field the line does not give is `null`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct TrustEntryOutput {
    /// The key's fingerprint.
    pub fingerprint: Fingerprint,
    /// The holder's name.
    #[schemars(schema_with = "nullable::<String>", required)]
    pub name: Option<String>,
    /// The organisation the holder acts for.
    #[schemars(schema_with = "nullable::<String>", required)]
    pub organisation: Option<String>,
    /// The holder's role.
    #[schemars(schema_with = "nullable::<Role>", required)]
    pub role: Option<Role>,
    /// The holder's state (ISO 3166-1 alpha-2).
    #[schemars(schema_with = "nullable::<String>", required)]
    pub jurisdiction: Option<String>,
    /// From when the key may sign (spec §10).
    #[schemars(schema_with = "nullable::<Timestamp>", required)]
    pub valid_from: Option<Timestamp>,
    /// Until when the key may sign (exclusive).
    #[schemars(schema_with = "nullable::<Timestamp>", required)]
    pub valid_until: Option<Timestamp>,
    /// When the key was revoked.
    #[schemars(schema_with = "nullable::<Timestamp>", required)]
    pub revoked: Option<Timestamp>,
}

impl From<&TrustEntry> for TrustEntryOutput {
    fn from(e: &TrustEntry) -> Self {
        TrustEntryOutput {
            fingerprint: e.fingerprint,
            name: e.name.clone(),
            organisation: e.organisation.clone(),
            role: e.role,
            jurisdiction: e.jurisdiction.clone(),
            valid_from: e.valid_from,
            valid_until: e.valid_until,
            revoked: e.revoked,
        }
    }
}

/// `custody trust list --json`: the keys of a trust list, in its order.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(transparent)]
#[schemars(
    title = "custody trust list --json",
    extend("$id" = "https://custody.invalid/schemas/trust-list.schema.json")
)]
pub struct TrustListOutput(pub Vec<TrustEntryOutput>);

impl From<&TrustList> for TrustListOutput {
    fn from(l: &TrustList) -> Self {
        TrustListOutput(l.entries().iter().map(Into::into).collect())
    }
}

/// The `format` of every [`ErrorOutput`].
pub const ERROR_FORMAT: &str = "custody.error/1";

/// A command's failure under `--json` / `--format json`, printed on stdout; the same message
/// goes to stderr as text.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(
    title = "custody error (any command, --json or --format json)",
    extend("$id" = "https://custody.invalid/schemas/error.schema.json")
)]
pub struct ErrorOutput {
    /// Always `custody.error/1`.
    #[schemars(extend("const" = "custody.error/1"))]
    pub format: &'static str,
    /// What went wrong.
    pub error: ErrorDetail,
    /// The command's exit status: 1 the verdict is negative (an invalid or damaged bundle, a
    /// party not vouched for), 2 the command could not do its job.
    #[schemars(range(min = 1, max = 2))]
    pub exit_code: u8,
}

/// One bundle of `custody verify A.zip B.zip …` or `custody verify --each DIR --json`, which
/// writes a JSON array of these, one per bundle in the order given (or in name order).
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(
    title = "custody verify with several bundles --json (an array of these)",
    extend("$id" = "https://custody.invalid/schemas/verify-batch.schema.json")
)]
pub struct VerifyBatchEntry<'a> {
    /// The bundle file, as given or as found in the folder.
    pub bundle: String,
    /// This bundle's exit status, as `custody verify` of it alone would give: 0 intact or
    /// trusted, 1 invalid or not trusted, 2 it could not be checked.
    #[schemars(range(min = 0, max = 2))]
    pub exit_code: u8,
    /// The verification report (`custody.verify-report/2`, `verify-report.schema.json`);
    /// `null` when the bundle could not be checked.
    #[schemars(schema_with = "verify_report_ref", required)]
    pub report: Option<&'a custody_core::verify::Report>,
    /// Why the bundle could not be checked; `null` when it was.
    #[schemars(schema_with = "nullable::<ErrorDetail>", required)]
    pub error: Option<ErrorDetail>,
}

/// A verification report by reference to its own schema, or `null`.
fn verify_report_ref(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "anyOf": [
            { "$ref": "https://custody.invalid/schemas/verify-report.schema.json" },
            { "type": "null" }
        ]
    })
}

/// What went wrong: the `error` of a `custody.error/1` document.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ErrorDetail {
    /// The kind of failure, stable for programs to match on.
    pub kind: ErrorKind,
    /// The message, as the command writes it on stderr after `error: ` (with its remedy).
    pub message: String,
    /// What to do next, when the error carries it apart from its message; else `null`.
    #[schemars(schema_with = "nullable::<String>", required)]
    pub remedy: Option<String>,
    /// The underlying causes, outermost first, as stderr's `because:` lines.
    pub causes: Vec<String>,
}

/// An error whose message the command rewrote (e.g. to name the option that gave a file),
/// keeping the kind of the error it came from.
#[derive(Debug)]
pub struct Restated {
    /// The kind of the original error.
    pub kind: ErrorKind,
    /// The message, as the command shows it.
    pub message: String,
    /// Whether the message is about a file the user wrote (the case file, the configuration
    /// file) and may list its problems on lines of their own: then stderr shows its line
    /// breaks. Every other message stays one line (a line break from a bundle or a file from
    /// elsewhere must not start a forged line of its own).
    pub own_file: bool,
}

impl std::fmt::Display for Restated {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Restated {}

/// The kind of a failed command's error: custody-core's kind if the error is (or wraps)
/// one of its errors, else that of the first known error in the chain; a refusal of the
/// command line's values otherwise.
pub fn error_kind(e: &anyhow::Error) -> ErrorKind {
    for cause in e.chain() {
        if let Some(c) = cause.downcast_ref::<custody_core::Error>() {
            return ErrorKind::of(c);
        }
        if let Some(r) = cause.downcast_ref::<Restated>() {
            return r.kind;
        }
        if let Some(custody_core::verify::CannotVerify::UnsupportedFormat { .. }) = cause.downcast_ref() {
            return ErrorKind::UnsupportedFormat;
        }
        if let Some(custody_core::verify::CannotVerify::Encrypted { .. }) = cause.downcast_ref() {
            return ErrorKind::Encryption;
        }
        if cause.is::<custody_core::keys::KeyError>() {
            return ErrorKind::Key;
        }
        if cause.is::<custody_core::keys::IdentityError>() {
            return ErrorKind::Identity;
        }
        if cause.is::<custody_core::time::TimeError>() {
            return ErrorKind::Time;
        }
        if cause.is::<custody_core::timestamp::TsaError>() {
            return ErrorKind::Tsa;
        }
        if cause.is::<std::io::Error>() {
            return ErrorKind::Io;
        }
    }
    ErrorKind::Input
}

/// `custody log init --json` and `custody log key --json`: a log's verifier key.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(title = "custody log init / log key --json", extend("$id" = "https://custody.invalid/schemas/log-key.schema.json"))]
pub struct LogKeyOutput {
    /// The log's origin (its name in every checkpoint).
    pub origin: String,
    /// The log's verifier key (NAME+KEYID+KEY), what monitors and verifiers are given; the
    /// text output prints it alone.
    pub verifier_key: String,
    /// The database created (`log init` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub db: Option<String>,
}

/// `custody log monitor --json`: one look at a custody log (one document per look).
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(title = "custody log monitor --json", extend("$id" = "https://custody.invalid/schemas/log-monitor.schema.json"))]
pub struct LogMonitorOutput {
    /// The log's origin (its verifier key's name).
    pub log: String,
    /// The address asked.
    pub url: String,
    /// What the look found.
    pub verdict: LogVerdict,
    /// The tree size of the checkpoint served, when it is signed by the log's key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    /// Its tree head, in hex, when it is signed by the log's key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub root: Option<String>,
    /// The size of the checkpoint accepted before, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_size: Option<u64>,
    /// What the look found, in a sentence (what to do, when the log misbehaved).
    pub message: String,
    /// The checkpoint served, verbatim (evidence when the log misbehaved).
    pub checkpoint: String,
    /// The checkpoint accepted before, verbatim.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_checkpoint: Option<String>,
}

/// What one look at a custody log found: the first three mean it behaved (exit 0), the others
/// that it misbehaved (exit 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LogVerdict {
    /// No earlier checkpoint; this one is signed by the log's key.
    First,
    /// The same tree as before.
    Unchanged,
    /// A larger tree, proven to extend the one before.
    Grew,
    /// The checkpoint served is not signed by the log's key.
    BadSignature,
    /// A smaller tree than the log signed before.
    RolledBack,
    /// Two different heads signed for one size.
    Forked,
    /// The consistency proof from the earlier tree fails.
    Inconsistent,
    /// With `--audit`: the entries served do not rebuild the signed head.
    EntriesDisagree,
    /// With `--audit`: two accepted events for one slot.
    TwoEvents,
}

/// Every schema of this module: (file name in `schemas/`, text). Only the tests need them:
/// they check the files in `schemas/` against these.
#[cfg(test)]
pub fn schemas() -> Vec<(&'static str, String)> {
    use custody_core::schema::{output_schema, render};
    vec![
        ("keygen.schema.json", render(output_schema::<KeygenOutput>())),
        ("seal.schema.json", render(output_schema::<SealOutput>())),
        ("transfer.schema.json", render(output_schema::<TransferOutput>())),
        ("report.schema.json", render(output_schema::<ReportOutput>())),
        ("countersign.schema.json", render(output_schema::<CountersignOutput>())),
        ("add.schema.json", render(output_schema::<AddOutput>())),
        ("attach.schema.json", render(output_schema::<AttachOutput>())),
        ("examine.schema.json", render(output_schema::<ExamineOutput>())),
        ("dispose.schema.json", render(output_schema::<DisposeOutput>())),
        ("derive.schema.json", render(output_schema::<DeriveOutput>())),
        ("encrypt.schema.json", render(output_schema::<EncryptOutput>())),
        ("decrypt.schema.json", render(output_schema::<DecryptOutput>())),
        ("receive.schema.json", render(output_schema::<ReceiveOutput>())),
        ("extract.schema.json", render(output_schema::<ExtractOutput>())),
        ("timestamp.schema.json", render(output_schema::<TimestampOutput>())),
        ("recover.schema.json", render(output_schema::<RecoverOutput>())),
        ("trust-list.schema.json", render(output_schema::<TrustListOutput>())),
        ("trust-add.schema.json", render(output_schema::<TrustAddOutput>())),
        ("trust-sign.schema.json", render(output_schema::<TrustSignOutput>())),
        ("trust-import.schema.json", render(output_schema::<TrustImportOutput>())),
        ("case-init.schema.json", render(output_schema::<CaseInitOutput>())),
        ("man.schema.json", render(output_schema::<ManOutput>())),
        ("config-show.schema.json", render(output_schema::<crate::config::Effective>())),
        ("error.schema.json", render(output_schema::<ErrorOutput>())),
        ("verify-batch.schema.json", render(output_schema::<VerifyBatchEntry>())),
        ("log-monitor.schema.json", render(output_schema::<LogMonitorOutput>())),
        ("log-key.schema.json", render(output_schema::<LogKeyOutput>())),
        ("log-answer.schema.json", render(output_schema::<custody_core::tlog::saved::SavedAnswers>())),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The schemas in `schemas/` are generated from these types; this test fails when they
    /// are stale. Regenerate with `UPDATE_SCHEMAS=1 cargo test -p custody-cli --bin custody schemas`.
    #[test]
    fn checked_in_schemas_are_current() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas");
        let update = std::env::var_os("UPDATE_SCHEMAS").is_some();
        let mut stale = Vec::new();
        for (name, text) in schemas() {
            let path = dir.join(name);
            if update {
                std::fs::write(&path, &text).unwrap();
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                stale.push(name);
            }
        }
        assert!(
            stale.is_empty(),
            "stale schemas {stale:?}: run UPDATE_SCHEMAS=1 cargo test -p custody-cli --bin custody schemas and commit schemas/"
        );
    }

    #[test]
    fn schemas_are_valid_json_schema() {
        for (name, text) in schemas() {
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert!(jsonschema::meta::is_valid(&v), "{name} is not a valid JSON Schema");
        }
    }

    #[test]
    fn stamp_outcomes_keep_their_json() {
        let j = |o: StampOutcome| serde_json::to_string(&StampOutput::from(&o)).unwrap();
        assert_eq!(j(StampOutcome::NotRequested), r#"{"status":"not_requested"}"#);
        assert_eq!(
            j(StampOutcome::Stamped { token_path: "p".into(), time: "t".into(), tsa: "u".into() }),
            r#"{"status":"stamped","token":"p","time":"t","tsa":"u"}"#
        );
        assert_eq!(j(StampOutcome::Failed { error: "e".into() }), r#"{"status":"failed","error":"e"}"#);
    }

    #[test]
    fn error_kind_finds_the_core_error_behind_context() {
        let e = anyhow::Error::new(custody_core::Error::Untrusted { parties: vec!["x".into()], tsa: None })
            .context("while receiving");
        assert_eq!(error_kind(&e), ErrorKind::Untrusted);
        assert_eq!(error_kind(&anyhow::anyhow!("--case-ref differs")), ErrorKind::Input);
    }
}

#[cfg(test)]
mod recover_tests {
    use super::*;

    /// Each outcome keeps its JSON shape (`recovery.status` and, for a rollback, its facts).
    #[test]
    fn recoveries_keep_their_json() {
        let r = Recovered { outcome: Recovery::Clean, note: None };
        let v = serde_json::to_value(RecoverOutput::new(Path::new("b.zip"), &r)).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"bundle": "b.zip", "recovery": {"status": "clean"}, "note": null, "out": null, "pending": null})
        );
        let r = Recovered {
            outcome: Recovery::RolledBack { kept: "k".into(), cut: 10, events: 2, torn_event: None },
            note: Some("n".into()),
        };
        let v = serde_json::to_value(RecoverOutput::new(Path::new("b.zip"), &r)).unwrap();
        assert_eq!(
            v["recovery"],
            serde_json::json!({"status": "rolled_back", "kept": "k", "cut": 10, "events": 2, "torn_event": null})
        );
        assert_eq!(v["note"], "n");
    }

    /// A completed pending event names its type `type`, as `custody verify --json` names an
    /// event's (not `kind`), with the same values.
    #[test]
    fn a_completed_pending_event_names_its_type_as_verify_does() {
        use custody_core::event::EventType;
        use custody_core::handover::Resumed;
        use custody_core::tlog::LogOutcome;
        let r = Recovered { outcome: Recovery::Clean, note: None };
        let resumed = Resumed::Appended {
            sequence: 3,
            event_type: EventType::Disposition,
            log: LogOutcome::Logged { index: 7, size: 9 },
            timestamped: false,
        };
        let output =
            RecoverOutput { pending: PendingOutput::new(Some(&resumed)), ..RecoverOutput::new(Path::new("b.zip"), &r) };
        let v = serde_json::to_value(output).unwrap();
        assert_eq!(
            v["pending"],
            serde_json::json!({"status": "appended", "sequence": 3, "type": "disposition", "log_index": 7,
                "log_size": 9, "timestamped": false})
        );
    }
}
