//! `custody`: seal, verify and hand over online evidence.
//!
//! A thin layer over `custody-core`: it parses arguments, reads and writes the user's files,
//! and turns results into text for people or JSON for machines. Exit codes: 0 success (for
//! `verify`: intact or trusted); 1 `verify` found the bundle invalid, or a signer not in the
//! given trust list (`receive` and `extract` likewise: see their help); 2 the command could
//! not do its job (bad arguments, unreadable files, refused input); [`custody_core::exit`]
//! states the policy.
//!
//! With `--json` or `--format json`, a command prints one JSON document on stdout: its result
//! (one type per command in [`output`], schema in `schemas/<command>.schema.json`), or, if it
//! fails, a `custody.error/1` error document (`schemas/error.schema.json`) whose `exit_code`
//! is the process's; the human-readable message still goes to stderr.

/// Writes a line to stdout, made safe by [`report::one_line`] (all output passes through it):
/// each call prints exactly one line, so a line break in a value it quotes (an entry name, a
/// TSA's answer, a file name) is escaped too and can never start a forged line. Text that is
/// several lines by design goes through [`print_text`]. A closed pipe (`custody verify | head`)
/// is not an error: the output is simply no longer wanted, and the command still exits with
/// its real status.
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if !$crate::terminal::quiet() {
            let _ = writeln!(std::io::stdout().lock(), "{}", report::one_line(&format!($($t)*)));
        }
    }};
}

/// Writes a line to stderr, made safe by [`report::one_line`] like [`outln!`].
macro_rules! errln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), "{}", report::one_line(&format!($($t)*)));
    }};
}

#[cfg(unix)]
mod attach;
mod batch;
mod config;
mod court;
mod derive;
mod dispose;
mod encrypt;
mod interrupt;
mod log;
mod manual;
mod output;
mod report;
mod statements;
mod terminal;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use std::io::IsTerminal;

use anyhow::{Context, Result, bail};
use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use custody_core::append::{Recovered, Recovery};
use custody_core::casefile;
use custody_core::exit;
use custody_core::handover::parse_condition;
use custody_core::handover::{self, ReceiveOptions, TransferOptions};
use custody_core::manifest::Capture;
use custody_core::provenance::CaptureTool;
use custody_core::seal::SealOptions;
use custody_core::seal::inputs::{self, Declarations, SourceNames};
use custody_core::timestamp::{StampOutcome, Stamping, TsaRoots};
use custody_core::trust::{Addition, EditError, SignedTrustList, TrustList, TrustListText};
use custody_core::verify::{State, VerifyOptions};
use custody_core::{Identity, Timestamp, files as fsutil};
use output::{
    ErrorDetail, ErrorOutput, ExtractOutput, KeygenOutput, PendingOutput, ReceiveOutput, RecoverOutput, SealOutput,
    StampOutput, TimestampOutput, TransferOutput, TrustListOutput,
};
use zeroize::Zeroizing;

/// The parser of a command's BUNDLE argument when the command needs the sealed .zip file
/// itself: an unzipped bundle's folder is refused with what to do instead.
pub(crate) fn bundle_file() -> impl clap::builder::TypedValueParser<Value = PathBuf> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PathBufValueParser::new().try_map(|p: PathBuf| {
        if p.is_dir() {
            Err(custody_core::verify::wording::bundle_is_a_folder(&p.display().to_string()))
        } else {
            Ok(p)
        }
    })
}

#[derive(Parser)]
#[command(
    name = "custody",
    version,
    about = "Seal online evidence into signed bundles, verify them offline, and record every hand-over.",
    after_help = "Examples:
  custody keygen --out alice.key --name \"Alice Wang\" --org \"City Police, Cyber Unit\" --role investigator --jurisdiction CN
  custody seal --key alice.key --case-ref 2026-CT-0412 --out case.zip capture-01/ video.mp4 page.html
  custody verify case.zip
  custody verify --format json --trust trusted-keys.txt case.zip

Exit codes: 0 success; 1 verification failed (invalid, or a signer not trusted); 2 error."
)]
struct Cli {
    #[command(flatten)]
    terminal: TerminalArgs,
    #[command(subcommand)]
    command: Command,
}

/// How much to say and whether to colour: options of every command.
#[derive(Args)]
struct TerminalArgs {
    /// Say nothing but errors and warnings (on stderr); the exit status tells the outcome.
    /// JSON asked for with --json or --format json is still printed.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Say more: the text report lists every warning on its own line instead of grouping
    /// repeated ones.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
    /// Colour the text report: auto (on a terminal, unless NO_COLOR is set, CLICOLOR=0 or
    /// TERM=dumb; CLICOLOR_FORCE=1 forces it), always or never.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = terminal::ColorWhen::Auto)]
    color: terminal::ColorWhen,
    /// Output format: text for people, json for programs (one JSON document on stdout, errors
    /// too; each command's schema is in schemas/). --json is the same as --format json.
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    format: Option<Format>,
}

#[derive(Subcommand)]
enum Command {
    /// Create a signing key for a person, with their identity.
    #[command(after_help = "Writes the private key to PATH (mode 0600) and the public key to PATH.pub.
Give PATH.pub to the people who will verify your bundles; keep PATH secret.

Example:
  custody keygen --out alice.key --name \"Alice Wang\" --org \"City Police, Cyber Unit\" --role investigator --jurisdiction CN")]
    Keygen(KeygenArgs),
    /// Seal files and directories into a signed evidence bundle.
    #[command(after_help = "Each input (file or directory) becomes one item of the bundle (item-1, item-2, ...).

What the bundle says about the case and each item can come from:
  --case-file FILE   the case, legal basis, actors, restrictions, attestations and items
                     (TOML; `custody case init` writes a commented template);
  sidecars           INPUT.capture.toml or INPUT.capture.json beside an input: that item's
                     capture fields (kind, source_url, captured_at, tool, ...), e.g.
                       kind = \"video\"
                       source_url = \"https://example.org/v/123\"
                       captured_at = 2026-11-20T09:14:00+01:00
  flags              --source-url, --captured-at, --capture-tool, --note: for every item;
  capture files      WARC (.warc, .warc.gz), WACZ and yt-dlp .info.json among the inputs fill
                     in the URL, capture time, platform, ids, account and tool of their item
                     (each marked with where it came from; --no-import turns this off).
A field given in two places is an error; what you declare wins over capture files.
Symbolic links are refused, not followed.

Once sealed, the warnings verify will give on the bundle (spec §5.2.9: one operator and no
witness yet, a long gap between capture and seal, a preservation request expired, the
retention already exceeded) are printed on stderr (--json: `advisories`), while you can
still act: have a witness countersign the seal, or correct the case file and seal again.

Examples:
  custody case init --out case.toml      # then edit case.toml
  custody seal --key alice.key --case-file case.toml --out case.zip
  custody seal --key alice.key --case-ref 2026-CT-0412 --out case.zip capture-01/ video.mp4
  custody seal --key alice.key --case-ref 2026-CT-0412 --out page.zip \\
      --source-url https://example.org/post/1 --captured-at 2026-11-20T09:14:00Z \\
      --capture-tool \"Chromium 156\" page.html page.png")]
    Seal(SealArgs),
    /// Case files: write a commented template to describe a case for sealing.
    #[command(subcommand)]
    Case(CaseCommand),
    /// Show what a bundle says (case, items and their provenance, actors, restrictions,
    /// attestations, custody) without re-hashing the evidence.
    #[command(after_help = "Checks signatures, the custody chain and the structure, but does not recompute the
evidence's digests: it is quick on any size of bundle. Run `custody verify` before relying
on the evidence.

Exit status: 0 nothing wrong found; 1 the bundle is invalid even without re-hashing; 2 error.

Examples:
  custody inspect case.zip
  custody inspect --format json case.zip > case.json
  custody inspect --at 2026-06-30 case.zip    (date-based warnings as of 30 June, as verify --at)
  custody inspect case.zip.age --identity me.key.age    (an encrypted bundle, read as it is decrypted)")]
    Inspect(InspectArgs),
    /// Check a bundle offline: integrity, signatures, custody chain, and (with --trust) signers.
    /// Several bundles (or --each DIR) are checked in parallel, with one summary table.
    #[command(after_help = "Exit status: 0 intact or trusted; 1 invalid, or a signer missing from --trust; 2 error.
With several bundles: 2 if any could not be checked, else 1 if any is invalid or not trusted, else 0.
With --parent: the copy's State and its Parent verdict are two lines; 2 if the parent could not be
checked (NOT CHECKED), else 1 if the copy is invalid or not trusted, or the parent DOES NOT MATCH
or is PARENT INVALID, else 0 (the copy verifies and its parent MATCHES).

Examples:
  custody verify case.zip
  custody verify --trust trusted-keys.txt case.zip
  custody verify --format json case.zip > report.json
  custody verify --at 2026-06-30 case.zip     (is the preservation still running on 30 June?)
  custody verify --trust trusted-keys.txt incoming/*.zip      (one line per bundle)
  custody verify --each incoming/ --json > reports.json      (every .zip in the folder: a JSON array)
  custody verify unzipped/      (an unzipped bundle: its files get every content check; the ZIP
                                 container is not checked, and the sealed evidence stays the .zip)
  custody verify for-defence.zip --parent case.zip      (a derived copy against its original:
                                 the original verifies, is the bundle the copy names, holds the
                                 copy's latest event and records the copy; spec §9.7)

A re-zipped bundle (unzipped, then zipped again) is INVALID for its container; the report adds
its content checks: whether the evidence and the signatures still hold.")]
    Verify(VerifyArgs),
    /// Write the court report: one self-contained HTML file from one verification run.
    #[command(after_help = court::REPORT_HELP)]
    Report(court::ReportArgs),
    /// Hand the bundle over: append a signed transfer to a named recipient.
    #[command(after_help = "Only the current custodian may transfer: the sealer, until a first transfer is
received; then the recipient of the last accepted transfer. Custody passes when the
recipient signs a receipt (custody receive). Without --out the bundle is updated in place,
crash-safely; its payload is not copied or re-hashed.

Conditions: --condition \"KIND: text\", KIND one of use_limitation, confidentiality,
onward_transfer, retention, other. The text before the first ':', ';' or ' - ' is read as
the KIND; if it looks like a mistyped kind (it contains '_' or is close to a valid one) the
transfer is refused, so a typo cannot turn a use limitation into 'other'. Free text
(\"Note: ...\", \"https://...\") is recorded as kind 'other'.

Example:
  custody transfer case.zip --key alice.key --to bob.key.pub --purpose \"prosecution review\" \\
      --legal-basis \"Code of Criminal Procedure art. 115\" --request-ref 2026-CT-0412 \\
      --condition \"use_limitation: only for proceedings 2026-CT-0412\" \\
      --condition \"onward_transfer: not without consent of the City Police\"")]
    Transfer(TransferArgs),
    /// Countersign an earlier event (usually the seal) in a stated capacity; no custody needed.
    #[command(after_help = statements::COUNTERSIGN_HELP)]
    Countersign(statements::CountersignArgs),
    /// Attach a document (MLA request, order, translation...) by hash; no custody needed.
    #[command(after_help = attach::ATTACH_HELP)]
    Attach(attach::AttachArgs),
    /// Record an examination of items (tool, parameters, conclusion, result files); no custody needed.
    #[command(after_help = attach::EXAMINE_HELP)]
    Examine(attach::ExamineArgs),
    /// Encrypt a bundle for transport (age format) so that only its recipients can open it.
    #[command(after_help = encrypt::ENCRYPT_HELP)]
    Encrypt(encrypt::EncryptArgs),
    /// Decrypt an encrypted bundle (age format) with your identity.
    #[command(after_help = encrypt::DECRYPT_HELP)]
    Decrypt(encrypt::DecryptArgs),
    /// Derive a new bundle with chosen items and redacted files, proven by the original's commitment.
    #[command(after_help = derive::DERIVE_HELP)]
    Derive(derive::DeriveArgs),
    /// Record a disposition as custodian: retention extended, or items returned or destroyed (new bundle).
    #[command(after_help = dispose::DISPOSE_HELP)]
    Dispose(dispose::DisposeArgs),
    /// Add statement packages (countersignatures, documents) to the bundle you hold.
    #[command(after_help = statements::ADD_HELP)]
    Add(statements::AddArgs),
    /// Acknowledge a transfer to you: verify the bundle, then append your signed receipt.
    #[command(after_help = "Verifies the bundle fully, then records a receipt signed with your key: accepted,
accepted in part, or rejected. Each condition of the transfer is accepted unless you
refuse it. Items whose files are missing or damaged are marked so automatically and never
accepted; the other items can still be accepted (in part). If anything else fails
verification (signatures, custody documents, the archive), only a rejection can be
recorded (--reject-all). Item ids (item-1, ...) are listed by `custody verify`.

Each --reject, --refuse-condition and --reject-all is followed by its --reason.

Anyone can make a key in a colleague's name: receive accepts only when --trust FILE holds
both the sealer and the sender with the full identity they claim, and (with --tsa-roots)
every timestamp chains to those roots. Otherwise it refuses, writes nothing and exits 1;
without --trust it refuses at once. --accept-untrusted accepts anyway (the receipt records
it); --reject-all needs no trust list.

Examples:
  custody trust add alice.key.pub --file trusted-keys.txt
  custody receive case.zip --key bob.key --trust trusted-keys.txt
  custody receive case.zip --key dana.key --trust trusted-keys.txt --reject item-3 --reason \"outside the request\" \\
      --refuse-condition 2 --reason \"our law requires disclosure to the defence\"
  custody receive case.zip --key dana.key --reject-all --reason \"bundle failed verification\"")]
    Receive(ReceiveArgs),
    /// Verify a bundle, then copy its evidence out under the original file names.
    #[command(after_help = "Refuses a bundle that fails verification (exit 1) unless --force, which extracts it for
examination and writes WARNING-INVALID-BUNDLE.txt beside the files. Files go to
DIR/<item id>/<original name>; the verification report goes to DIR/custody-verify-report.json;
files that statements attach (documents, examination results) to
DIR/custody-attachments/NNNNNN/<name>, NNNNNN the event that added them.
DIR must not exist; nothing is ever written outside it or over an existing file. The evidence
is read once, from the file that was verified, and appears only if everything matched.
--trust and --tsa-roots work as for verify: a signer they do not vouch for gives exit 1.

With --record, after a successful extraction an access record (who extracted what, when and
why; Budapest Convention art. 28(4)) is signed with --key: appended to the bundle in place
if you hold custody, otherwise written as NAME.custody-statement beside the bundle for the
custodian to add with `custody add`. Without --record the bundle is only read (it may be
read-only). If recording fails, the extracted files stay and the error says so (exit 2).

Examples:
  custody extract case.zip --out case-evidence/ --trust trusted-keys.txt
  custody extract case.zip --out case-evidence/ --record --key dana.key --purpose \"expert report\"")]
    Extract {
        /// The bundle to extract from (it is only read, unless --record).
        #[arg(value_parser = crate::bundle_file())]
        bundle: PathBuf,
        /// The directory to create.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Extract even if the bundle fails verification (the output is marked invalid).
        #[arg(long)]
        force: bool,
        /// Write names every screen shows as they are: a name with a text-direction character
        /// (which seal accepts) is written with it as U+XXXX (a name over 255 bytes shortened),
        /// listed in custody-renamed-files.txt. Without it, names are written as sealed.
        #[arg(long)]
        portable: bool,
        /// Threads for hashing (default: one per CPU).
        #[arg(long, value_name = "N", default_value_t = 0, hide_default_value = true)]
        jobs: usize,
        #[command(flatten)]
        trust: TrustArgs,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
        /// After extracting, record who extracted, when and why (an access record, signed
        /// with --key; needs --key and --purpose).
        #[arg(long, requires_all = ["key", "purpose"])]
        record: bool,
        /// Your private key, to sign the access record (you need not hold custody).
        #[arg(long, value_name = "KEY", requires = "record")]
        key: Option<PathBuf>,
        /// Why you extract the evidence (plain text, at most 1000 characters).
        #[arg(long, value_name = "TEXT", requires = "record")]
        purpose: Option<String>,
        /// In what capacity you extract (examiner, prosecutor, ...; default: your key's role).
        #[arg(long, value_name = "CAPACITY", requires = "record")]
        capacity: Option<String>,
        /// Read an encrypted bundle (an age file) with this identity (your custody private key,
        /// or an age identity file), decrypted as it is read: no plaintext copy on disk.
        #[arg(long, value_name = "KEY", conflicts_with = "record")]
        identity: Option<PathBuf>,
    },
    /// Add trusted time (RFC 3161 tokens) to the events of a bundle that have none.
    #[command(after_help = "Asks the timestamp authority for a token over each event's signature and adds the tokens
to the bundle, changing no signature and adding no event. Refuses a bundle that does not verify.
Events that already have a token are left alone; with nothing to do, nothing is written.
Without --out the bundle is updated in place, crash-safely.

The TSA is --tsa URL, or the CUSTODY_TSA_URL environment variable.

Example:
  custody timestamp case.zip --tsa http://timestamp.example.org/tsa")]
    Timestamp {
        /// The bundle whose events get trusted time.
        #[arg(value_parser = crate::bundle_file())]
        bundle: PathBuf,
        /// The RFC 3161 timestamp authority (an http:// URL); default: CUSTODY_TSA_URL.
        #[arg(long, value_name = "URL")]
        tsa: Option<String>,
        /// Write the result here and leave the input untouched.
        #[arg(long, value_name = "NEW.zip")]
        out: Option<PathBuf>,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Finish an interrupted update of a bundle (after a crash or power loss).
    #[command(after_help = "Every command that changes a bundle does this first. It uses the journal beside the
bundle (BUNDLE.custody-journal) only if the journal matches the bundle, and never rolls back
a bundle that reads as a complete archive, nor past more than one update; the bytes a rollback replaces are kept in
BUNDLE.custody-rolled-back-PID-N. It also removes temporary files left by interrupted
commands. verify, inspect and extract never use a journal: they read the file as it is and
say that an update is pending.

Exit status: 0 the bundle is readable (after any recovery); 1 the bundle is damaged and
there is no update to finish; 2 error (missing file, or a journal that does not match).

An event left pending beside the bundle (BUNDLE.custody-pending-event: an appending command
died, or its log did not answer, after the event was signed) is resubmitted to the custody log
and appended; one left beside a --out output (OUT.custody-pending-event) is completed into OUT
with --out OUT, the input never changed. With --json, `pending` says which event was completed
(schemas/recover.schema.json).

Example:
  custody recover case.zip
  custody recover case.zip --out new.zip")]
    Recover {
        /// The bundle whose interrupted update to finish.
        #[arg(value_parser = crate::bundle_file())]
        bundle: PathBuf,
        /// Complete an event that an interrupted command run with --out OUT left pending
        /// beside OUT (OUT.custody-pending-event): the bundle is copied and the copy, with the
        /// event, written to OUT; the bundle itself is not changed.
        #[arg(long, value_name = "OUT")]
        out: Option<PathBuf>,
        /// Print the result as JSON (the same as --format json).
        #[arg(long)]
        json: bool,
    },
    /// Manage a trust list: the keys you rely on and who holds them.
    #[command(subcommand)]
    Trust(TrustCommand),
    /// Run a custody log: an append-only, signed record of custody events (docs/custody-log.md).
    #[command(subcommand)]
    Log(log::LogCommand),
    /// The configuration file: defaults for --key, --trust, --tsa-roots, --tsa and --lang.
    #[command(subcommand, after_help = config::CONFIG_HELP)]
    Config(ConfigCommand),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    #[command(after_help = manual::COMPLETIONS_HELP)]
    Completions(manual::CompletionsArgs),
    /// Write the manual pages (custody.1 and one per command) into a directory.
    #[command(after_help = manual::MAN_HELP)]
    Man(manual::ManArgs),
}

impl Command {
    /// The command's `--json` flag (`--format json` sets it too), or `None` for a command
    /// with no JSON output. Whether the command was asked for JSON: then its result, or its
    /// error, is a JSON document on stdout (see [`output`]).
    fn json_flag(&mut self) -> Option<&mut bool> {
        Some(match self {
            Command::Keygen(a) => &mut a.json,
            Command::Seal(a) => &mut a.json,
            Command::Inspect(a) => &mut a.json,
            Command::Verify(a) => &mut a.json,
            Command::Report(a) => &mut a.json,
            Command::Transfer(a) => &mut a.json,
            Command::Countersign(a) => &mut a.json,
            Command::Add(a) => &mut a.json,
            Command::Attach(a) => &mut a.json,
            Command::Examine(a) => &mut a.json,
            Command::Dispose(a) => &mut a.json,
            Command::Derive(a) => &mut a.json,
            Command::Encrypt(a) => a.json_flag(),
            Command::Decrypt(a) => a.json_flag(),
            Command::Receive(a) => &mut a.json,
            Command::Extract { json, .. } | Command::Timestamp { json, .. } => json,
            Command::Trust(
                TrustCommand::List { json, .. } | TrustCommand::Sign { json, .. } | TrustCommand::Import { json, .. },
            ) => json,
            Command::Recover { json, .. } => json,
            Command::Case(CaseCommand::Init { json, .. }) | Command::Trust(TrustCommand::Add { json, .. }) => json,
            Command::Man(a) => &mut a.json,
            Command::Config(ConfigCommand::Show { json }) => json,
            Command::Log(l) => return l.json_flag(),
            Command::Completions(_) => return None,
        })
    }

    /// Whether the command was asked for JSON (`--json`, or `--format json` once applied).
    fn json(&mut self) -> bool {
        self.json_flag().is_some_and(|j| *j)
    }
}

#[derive(Args)]
struct TransferArgs {
    /// The bundle to hand over.
    #[arg(value_parser = crate::bundle_file())]
    bundle: PathBuf,
    /// Your private key (you must be the current custodian); default: key in the configuration file.
    #[arg(long, value_name = "KEY")]
    key: Option<PathBuf>,
    /// The recipient's public key file (KEY.pub, with their identity).
    #[arg(long, value_name = "KEY.pub")]
    to: PathBuf,
    /// Why the bundle is handed over.
    #[arg(long)]
    purpose: String,
    /// The legal basis (instrument and article).
    #[arg(long, value_name = "TEXT")]
    legal_basis: Option<String>,
    /// The MLA request, EIO or case reference.
    #[arg(long, value_name = "REF")]
    request_ref: Option<String>,
    /// A condition attached to the hand-over ("KIND: text"); repeat for several.
    #[arg(long, value_name = "TEXT")]
    condition: Vec<String>,
    /// Write the result here and leave the input untouched.
    #[arg(long, value_name = "NEW.zip")]
    out: Option<PathBuf>,
    /// Also write the handed-over bundle encrypted to the recipient, as RESULT.age (age
    /// format): to --encrypt-to if given, else to the --to key itself (converted to X25519;
    /// its holder decrypts with that signing key). No file beside the key is read.
    #[arg(long)]
    encrypt: bool,
    /// The recipient's published encryption recipient (age1..., or a file of them such as
    /// their NAME.age-recipient), for --encrypt; check it with them as you checked their key.
    #[arg(long, value_name = "RECIPIENT", requires = "encrypt")]
    encrypt_to: Option<String>,
    #[command(flatten)]
    tsa: TsaArgs,
    #[command(flatten)]
    append_log: AppendLogArgs,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
}

/// Trusted time for the event a command writes.
#[derive(Args)]
struct TsaArgs {
    /// Get trusted time for the new event from this RFC 3161 timestamp authority (an http://
    /// URL); default: the CUSTODY_TSA_URL environment variable, else tsa_url in the
    /// configuration file.
    #[arg(long, value_name = "URL")]
    tsa: Option<String>,
    /// If the timestamp authority fails, write the event without trusted time (and say so)
    /// instead of stopping; add it later with `custody timestamp`.
    #[arg(long)]
    tsa_optional: bool,
}

/// What an appending command does when the custody log the bundle names fails (spec §6.5).
#[derive(Args)]
struct AppendLogArgs {
    /// If the bundle names a custody log and it cannot be reached or refuses the event, write
    /// the event without a log proof (verify then reports log.proof_missing, and verify --log
    /// log.not_logged or log.forked) instead of stopping with nothing written. An answer that
    /// does not prove the event (a log misbehaving) still stops it.
    #[arg(long)]
    log_optional: bool,
}

/// The custody log a new bundle names (spec §6.5).
#[derive(Args)]
struct LogArgs {
    /// Name this custody log in the manifest and log every event of the bundle to it (an
    /// http:// URL, see `custody log serve`); default: log_url in the configuration file.
    #[arg(long = "log", value_name = "URL")]
    log: Option<String>,
    /// The log's verifier key (NAME+KEYID+BASE64, or a file holding it), as its operator gave
    /// it: never taken from the log; default: log_key in the configuration file.
    #[arg(long, value_name = "FILE")]
    log_key: Option<String>,
    /// If the log cannot be reached or refuses the event, write the event without a log
    /// proof (verify then reports log.proof_missing) instead of stopping. An answer that does
    /// not prove the event (a log misbehaving) still stops it.
    #[arg(long)]
    log_optional: bool,
}

impl LogArgs {
    /// The log to submit to: `--log` with `--log-key`, else the configuration file's.
    fn logging(&self) -> Result<Option<custody_core::tlog::Logging>> {
        let url = config::log_url(self.log.as_deref())?;
        let key = match &self.log_key {
            Some(k) => Some(k.clone()),
            None => config::log_key(None)?.map(|p| p.display().to_string()),
        };
        let (url, key) = match (url, key) {
            (None, None) => return Ok(None),
            (Some(u), Some(k)) => (u, k),
            (Some(_), None) => anyhow::bail!(custody_core::tlog::wording::LOG_NEEDS_KEY),
            (None, Some(_)) => anyhow::bail!(custody_core::tlog::wording::LOG_KEY_WITHOUT_URL),
        };
        let client = custody_core::tlog::LogClient::new(&url)?;
        let key = log::verifier_key(&key)?;
        Ok(Some(custody_core::tlog::Logging {
            url: client.url().to_owned(),
            key,
            optional: self.log_optional,
            submitter: std::sync::Arc::new(client),
        }))
    }
}

/// Tells what became of a new event's logging: on stdout if it was logged, loudly on stderr
/// if the log failed and the event was written without a proof.
fn say_log(outcome: &custody_core::tlog::LogOutcome, json: bool) {
    use custody_core::tlog::{LogOutcome, wording as w};
    match outcome {
        LogOutcome::Logged { index, size } if !json => outln!("  {}", w::logged(*index, *size)),
        LogOutcome::Failed { why } => {
            for line in w::not_logged(why) {
                errln!("{line}");
            }
        }
        _ => {}
    }
}

impl TsaArgs {
    /// The TSA to ask: `--tsa`, else CUSTODY_TSA_URL, else tsa_url in the configuration file.
    fn stamping(&self) -> Result<Option<Stamping>> {
        let url = config::tsa_url(self.tsa.as_deref())?;
        Ok(Stamping::from_env(url.as_deref()).map(|s| s.with_optional(self.tsa_optional)))
    }
}

/// Tells what happened to the trusted time of a new event: on stdout if it was stamped,
/// loudly on stderr if the TSA failed and the event was written without it.
fn say_stamp(outcome: &StampOutcome, bundle: &Path, json: bool) {
    match outcome {
        StampOutcome::NotRequested => {}
        StampOutcome::Stamped { time, tsa, .. } => {
            if !json {
                outln!("  trusted time: {time} from {tsa} (RFC 3161 token stored beside the event)");
            }
        }
        StampOutcome::Failed { error } => {
            errln!("WARNING: NO TRUSTED TIME for this event: {error}");
            errln!("         It was written without trusted time (--tsa-optional). Add it later with:");
            errln!("         custody timestamp {} --tsa URL", bundle.display());
        }
    }
}

#[derive(Args)]
struct ReceiveArgs {
    /// The bundle transferred to you.
    #[arg(value_parser = crate::bundle_file())]
    bundle: PathBuf,
    /// Your private key (the one the transfer names); default: key in the configuration file.
    #[arg(long, value_name = "KEY")]
    key: Option<PathBuf>,
    /// Refuse an item (e.g. item-2); follow with --reason.
    #[arg(long, value_name = "ITEM")]
    reject: Vec<String>,
    /// Mark an item as outside what was requested; may be followed by --reason.
    #[arg(long, value_name = "ITEM")]
    out_of_scope: Vec<String>,
    /// Refuse condition N of the transfer; follow with --reason.
    #[arg(long, value_name = "N")]
    refuse_condition: Vec<u32>,
    /// Reject the whole bundle; follow with --reason.
    #[arg(long)]
    reject_all: bool,
    /// The reason for the --reject, --refuse-condition, --out-of-scope or --reject-all before it.
    #[arg(long, value_name = "TEXT")]
    reason: Vec<String>,
    /// Write the result here and leave the input untouched.
    #[arg(long, value_name = "NEW.zip")]
    out: Option<PathBuf>,
    /// Threads for hashing (default: one per CPU).
    #[arg(long, value_name = "N", default_value_t = 0, hide_default_value = true)]
    jobs: usize,
    #[command(flatten)]
    trust: TrustArgs,
    /// Accept even though the trust list does not vouch for the sealer or the sender (or no
    /// trust list is given); the receipt records that they were not vouched for.
    #[arg(long)]
    accept_untrusted: bool,
    #[command(flatten)]
    tsa: TsaArgs,
    #[command(flatten)]
    append_log: AppendLogArgs,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
    /// Receive an encrypted bundle (an age file) with this identity (your custody private key,
    /// or an age identity file); needs --out, the plain bundle with your receipt.
    #[arg(long, value_name = "KEY", requires = "out")]
    identity: Option<PathBuf>,
}

#[derive(Args)]
struct KeygenArgs {
    /// Where to write the private key (the public key goes to PATH.pub).
    #[arg(long, value_name = "PATH")]
    out: PathBuf,
    /// The key holder's full name.
    #[arg(long)]
    name: String,
    /// The organisation the holder acts for.
    #[arg(long)]
    org: String,
    /// The holder's role: investigator, prosecutor, central_authority, court, examiner,
    /// custodian, witness, translator or other.
    #[arg(long)]
    role: String,
    /// ISO 3166-1 alpha-2 code of the holder's state (e.g. CN, DE, FR, US).
    #[arg(long)]
    jurisdiction: String,
    /// Protect the private key with a passphrase (asked on the terminal, or taken from
    /// CUSTODY_PASSPHRASE_FILE, a file only its owner may read, or CUSTODY_PASSPHRASE).
    #[arg(long, conflicts_with = "on")]
    passphrase: bool,
    /// Keep the private key on a device instead of in a file: pkcs11:token=LABEL;object=LABEL
    /// (a new Ed25519 key made on the token; module-path=... or CUSTODY_PKCS11_MODULE names
    /// the PKCS#11 module; the PIN from pin-source=file:..., CUSTODY_PIN_FILE, CUSTODY_PIN or
    /// the terminal), or ssh-agent:SHA256:... (an Ed25519 key already added to the agent,
    /// as `ssh-add -l` lists it). PATH then says where the key is, and signs through it.
    #[arg(long, value_name = "LOCATION")]
    on: Option<String>,
    /// Also write an encryption identity, to receive encrypted bundles: PATH.age (a new age
    /// X25519 identity, secret, readable only by you; stock `age -d -i PATH.age` decrypts
    /// with it) and PATH.age-recipient (age1..., to publish). It is a separate key, never
    /// derived from the signing key: the recommended setup.
    #[arg(long)]
    age: bool,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum CaseCommand {
    /// Write a commented case-file template (TOML) to fill in.
    #[command(after_help = "Example:
  custody case init --out case.toml
  custody seal --key alice.key --case-file case.toml --out case.zip")]
    Init {
        /// Where to write it (standard output if omitted).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
        /// Print the result as JSON (without --out, the template as a JSON string).
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
struct InspectArgs {
    /// The bundle to read.
    bundle: PathBuf,
    /// Print the result as JSON (the same as --format json).
    #[arg(long)]
    json: bool,
    /// Evaluate the date-based warnings (preservation.expired, retention.exceeded) as of this
    /// UTC date, YYYY-MM-DD, instead of today.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    at: Option<custody_core::provenance::Date>,
    /// Read an encrypted bundle (an age file) with this identity (your custody private key,
    /// or an age identity file), decrypted as it is read: no plaintext copy on disk.
    #[arg(long, value_name = "KEY")]
    identity: Option<PathBuf>,
}

#[derive(Args)]
struct SealArgs {
    /// Your private key (made by `custody keygen`); default: key in the configuration file.
    #[arg(long, value_name = "KEY")]
    key: Option<PathBuf>,
    /// The case or file number the evidence belongs to (or give it in --case-file).
    #[arg(long, value_name = "REF", required_unless_present = "case_file")]
    case_ref: Option<String>,
    /// A case file (TOML) describing the case and the items; see `custody case init`.
    #[arg(long, value_name = "FILE")]
    case_file: Option<PathBuf>,
    /// Do not read capture metadata from WARC, WACZ and yt-dlp files.
    #[arg(long)]
    no_import: bool,
    /// Where to write the bundle (a .zip file).
    #[arg(long, value_name = "BUNDLE")]
    out: PathBuf,
    /// Replace the output file if it exists (never an input).
    #[arg(long)]
    force: bool,
    /// Where the evidence was captured from.
    #[arg(long, value_name = "URL")]
    source_url: Option<String>,
    /// When it was captured, RFC 3339 with a zone (e.g. 2026-11-20T09:14:00+01:00).
    #[arg(long, value_name = "TIME")]
    captured_at: Option<String>,
    /// The tool used to capture it, with its version.
    #[arg(long, value_name = "TOOL")]
    capture_tool: Option<String>,
    /// A note about the capture.
    #[arg(long)]
    note: Option<String>,
    /// Threads for reading and hashing many small files (default: one per CPU).
    #[arg(long, value_name = "N", default_value_t = 0, hide_default_value = true)]
    jobs: usize,
    #[command(flatten)]
    tsa: TsaArgs,
    #[command(flatten)]
    log: LogArgs,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
    /// Files and directories to seal; each becomes one item (after those in --case-file).
    #[arg(required_unless_present = "case_file", value_name = "INPUT")]
    inputs: Vec<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Args)]
struct VerifyArgs {
    /// The bundle to check (a .zip file, or the folder of an unzipped bundle); several are
    /// checked in parallel, each reported on one line.
    #[arg(required_unless_present = "each", value_name = "BUNDLE")]
    bundles: Vec<PathBuf>,
    /// Check every file ending in .zip in this folder (not its subfolders), in name order.
    #[arg(long, value_name = "DIR", conflicts_with = "bundles")]
    each: Option<PathBuf>,
    #[command(flatten)]
    trust: TrustArgs,
    /// Print the result as JSON (the same as --format json).
    #[arg(long)]
    json: bool,
    /// Threads for hashing (default: one per CPU).
    #[arg(long, value_name = "N", default_value_t = 0, hide_default_value = true)]
    jobs: usize,
    /// Evaluate the date-based warnings (preservation.expired, retention.exceeded) as of this
    /// UTC date, YYYY-MM-DD, instead of today.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    at: Option<custody_core::provenance::Date>,
    /// Read an encrypted bundle (an age file) with this identity (your custody private key, or
    /// an age identity file), decrypted as it is read: no plaintext copy on disk.
    #[arg(long, value_name = "KEY")]
    identity: Option<PathBuf>,
    /// For a derived bundle: check it against its original (PARENT.zip, or its unzipped
    /// folder), which is verified too: its seal, the event the copy names as its latest, and
    /// the derivation event that records the copy. Its own verdict (Parent: MATCHES, DOES NOT
    /// MATCH, PARENT INVALID or NOT CHECKED) and checks (parent.*); the copy's State is its own.
    #[arg(long, value_name = "PARENT", conflicts_with_all = ["each", "identity"])]
    parent: Option<PathBuf>,
    /// Also ask the bundle's custody log (online) whether this copy is the latest and was not
    /// forked: its events and the next one are looked up at the log the manifest names, or at
    /// URL, given as --log=URL (the same log elsewhere: the key is always the manifest's), so that
    /// `--log case.zip` checks case.zip. A later event fails as log.truncated, another accepted
    /// event as log.forked; a log that cannot be read or proves nothing is log.unreachable,
    /// and the exit status 2 unless the bundle failed.
    #[arg(
        long,
        value_name = "URL",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "",
        conflicts_with = "each"
    )]
    log: Option<String>,
    /// With --log: save the log's answers (its signed checkpoint, the consistency proof from
    /// this copy's newest stored checkpoint, the entries found with their inclusion proofs) to
    /// FILE, a new file (never overwritten), for a later offline check with --checkpoint FILE
    /// (schemas/log-answer.schema.json).
    #[arg(long, value_name = "FILE", requires = "log")]
    save_log_answer: Option<PathBuf>,
    /// Offline: check this copy against the custody log's answer saved in FILE (by --log
    /// --save-log-answer) as --log checks the log's, under the manifest's key; "no later event"
    /// is not known offline (exit 2), never latest: only --log can say that. A FILE
    /// holding only a signed checkpoint note is compared with the copy's newest stored
    /// checkpoint: equal or not known (exit 2), or the log signed two histories.
    #[arg(long = "checkpoint", value_name = "FILE", conflicts_with_all = ["log", "each"])]
    checkpoint: Option<PathBuf>,
}

/// A calendar date as `--at` takes it.
fn parse_date(s: &str) -> std::result::Result<custody_core::provenance::Date, String> {
    s.parse()
}

/// Whom to rely on: one set of options for verify, receive and extract.
#[derive(Args)]
struct TrustArgs {
    /// Check every signer against this trust list (`custody trust add` makes one); default:
    /// trust in the configuration file (see `custody config --help`).
    #[arg(long, value_name = "FILE")]
    trust: Option<PathBuf>,
    /// Trust timestamp tokens whose TSA certificate chains to a root certificate in this PEM
    /// file (one or more CA certificates); default: tsa_roots in the configuration file.
    #[arg(long, value_name = "FILE")]
    tsa_roots: Option<PathBuf>,
    /// Intermediate CA certificates (PEM) for TSAs whose tokens do not carry them; not
    /// trusted themselves: chains must still end at a --tsa-roots certificate.
    #[arg(long, value_name = "FILE")]
    tsa_untrusted: Option<PathBuf>,
}

/// A trust list or TSA roots as loaded, with the file they came from (from a flag or the
/// configuration file) and its SHA-256.
struct Loaded<T> {
    value: T,
    path: PathBuf,
    sha256: custody_core::Sha256Digest,
}

impl TrustArgs {
    /// The trust list of `--trust`, else of the configuration file.
    fn trust_list(&self) -> Result<Option<Loaded<TrustList>>> {
        config::trust(self.trust.as_deref())?.map(|p| read_trust("--trust", &p)).transpose()
    }
    /// The TSA roots, with the intermediates of `--tsa-untrusted` added as candidates for
    /// chain building (never as roots); the SHA-256 is of the roots file.
    fn roots(&self) -> Result<Option<Loaded<TsaRoots>>> {
        let mut roots = config::tsa_roots(self.tsa_roots.as_deref())?.map(|p| read_tsa_roots(&p)).transpose()?;
        if roots.is_none() && self.tsa_untrusted.is_some() {
            bail!(
                "--tsa-untrusted needs --tsa-roots (or tsa_roots in the configuration file): intermediates are never trusted themselves"
            );
        }
        if let (Some(roots), Some(path)) = (roots.as_mut(), self.tsa_untrusted.as_deref()) {
            let bytes = option_file("--tsa-untrusted", path, |p| {
                fsutil::read_limited_as(p, custody_core::layout::MAX_VERIFIER_INPUT, "a file of TSA certificates")
            })?;
            roots
                .value
                .add_untrusted(&bytes)
                .map_err(|e| anyhow::anyhow!("--tsa-untrusted {} is not a usable file: {e}", path.display()))?;
        }
        Ok(roots)
    }
}

/// Reads a file an option names; an error names the option and the file, e.g.
/// `--key nokey.key: no such file`. Every file-naming option goes through here.
fn option_file<T>(option: &str, path: &Path, read: impl FnOnce(&Path) -> Result<T, custody_core::Error>) -> Result<T> {
    read_option_file(option, path, false, read)
}

/// [`option_file`] for a file the user wrote (the case file): its problems, one per line,
/// are shown on lines of their own.
fn own_option_file<T>(
    option: &str,
    path: &Path,
    read: impl FnOnce(&Path) -> Result<T, custody_core::Error>,
) -> Result<T> {
    read_option_file(option, path, true, read)
}

fn read_option_file<T>(
    option: &str,
    path: &Path,
    own_file: bool,
    read: impl FnOnce(&Path) -> Result<T, custody_core::Error>,
) -> Result<T> {
    read(path).map_err(|e| {
        let shown = path.display().to_string();
        // The message names the option; the error keeps its kind for JSON errors.
        let kind = exit::ErrorKind::of(&e);
        let message = match e {
            custody_core::Error::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                format!("{option} {shown}: no such file")
            }
            custody_core::Error::Io { source, .. } => format!("{option} {shown}: {source}"),
            other => {
                let msg = other.to_string();
                match msg.strip_prefix(&shown) {
                    Some(rest) => format!("{option} {shown}{rest}"),
                    None => format!("{option} {shown}: {msg}"),
                }
            }
        };
        anyhow::Error::new(output::Restated { kind, message, own_file })
    })
}

#[derive(Subcommand)]
enum ConfigCommand {
    /// Show the settings in effect and where each comes from (the file or the environment).
    #[command(after_help = config::CONFIG_HELP)]
    Show {
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum TrustCommand {
    /// Add a public key to a trust list (created if missing).
    #[command(after_help = "Example:\n  custody trust add bob.key.pub --file trusted-keys.txt")]
    Add {
        /// The public key file (KEY.pub).
        key: PathBuf,
        /// The trust list file.
        #[arg(long, value_name = "FILE")]
        file: PathBuf,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Sign a trust list as its issuer (a central authority's root key), for others to import.
    #[command(after_help = "Example:\n  custody trust sign fr-competent-keys.txt --key fr-root.key\n\n\
                            Writes fr-competent-keys.txt.sig. The list must carry one line such as\n  \
                            # issued: 2026-12-01T00:00:00Z\n\
                            and may limit keys in time: valid_from=, valid_until=, revoked= (docs/bundle-format.md §10).")]
    Sign {
        /// The trust list to sign.
        list: PathBuf,
        /// The root private key; default: key in the configuration file.
        #[arg(long, value_name = "KEY")]
        key: Option<PathBuf>,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Import a trust list signed by a root key you pinned: its keys' lines replace yours.
    #[command(
        after_help = "Example:\n  custody trust import fr-competent-keys.txt --root fr-root.key.pub --file trusted-keys.txt\n\n\
                            Reads the signature from LIST.sig unless --signature is given. Get the root key from its \
                            issuer over a channel you trust; a list older than one already imported from the same root \
                            is refused."
    )]
    Import {
        /// The signed trust list.
        list: PathBuf,
        /// The issuer's root public key (KEY.pub), pinned by you.
        #[arg(long, value_name = "KEY.pub")]
        root: PathBuf,
        /// The list's signature; default: LIST.sig.
        #[arg(long, value_name = "FILE")]
        signature: Option<PathBuf>,
        /// Your trust list, updated in place (created if missing).
        #[arg(long, value_name = "FILE")]
        file: PathBuf,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show the keys in a trust list.
    #[command(after_help = "Example:\n  custody trust list --file trusted-keys.txt")]
    List {
        /// The trust list file.
        #[arg(long, value_name = "FILE")]
        file: PathBuf,
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Prints an argument error (or help) the way clap would, but through the same escaping as
/// every other output: clap quotes the arguments it refuses, and they may come from a bundle.
fn argument_error(e: &clap::Error) -> ExitCode {
    use std::io::Write as _;
    let mut text = e.render().to_string();
    // Clap's message is several lines by design, and quotes the arguments it refuses: a line
    // break inside one must not start a line of its own (a forged `State:` line).
    for arg in std::env::args_os().skip(1) {
        let arg = arg.to_string_lossy().into_owned();
        let value = arg.split_once('=').map(|(_, v)| v.to_owned());
        for v in [Some(arg), value].into_iter().flatten().filter(|v| v.contains('\n')) {
            text = text.replace(&v, &report::one_line(&v));
        }
    }
    let text = report::shown(&text);
    if e.use_stderr() && json_requested() {
        let mut lines = e
            .render()
            .to_string()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect::<Vec<_>>()
            .into_iter();
        let message = lines.next().unwrap_or_default();
        let message = message.strip_prefix("error: ").unwrap_or(&message).to_owned();
        let rest: Vec<String> = lines.collect();
        print_json(&ErrorOutput {
            format: output::ERROR_FORMAT,
            error: ErrorDetail {
                kind: custody_core::exit::ErrorKind::Usage,
                message,
                remedy: (!rest.is_empty()).then(|| rest.join("\n")),
                causes: Vec::new(),
            },
            exit_code: u8::try_from(e.exit_code()).unwrap_or(2),
        });
    }
    let _ = if e.use_stderr() {
        write!(std::io::stderr().lock(), "{text}")
    } else {
        write!(std::io::stdout().lock(), "{text}")
    };
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

/// Prints a failed command's error as a `custody.error/1` document on stdout (the command
/// was asked for JSON); the human-readable text still goes to stderr.
fn print_json_error(e: &anyhow::Error) {
    let (error, status) = error_detail(e);
    print_json(&ErrorOutput { format: output::ERROR_FORMAT, error, exit_code: status.code() });
}

/// An error as `custody.error/1` describes it, with the exit status it gives.
fn error_detail(e: &anyhow::Error) -> (ErrorDetail, exit::ExitStatus) {
    let core = e.downcast_ref::<custody_core::Error>();
    let status = core.map_or(exit::ExitStatus::Error, exit::for_error);
    let message = error_text(e.as_ref());
    let causes = e.chain().skip(1).map(error_text).filter(|c| !message.contains(c.as_str())).collect();
    (ErrorDetail { kind: output::error_kind(e), remedy: core.and_then(cli_remedy), message, causes }, status)
}

/// Whether the command line asks for JSON (`--json`, `--format json`, `--format=json`), read
/// from the raw arguments: for an argument error, which comes before they are parsed.
fn json_requested() -> bool {
    let args: Vec<String> = std::env::args_os().skip(1).map(|a| a.to_string_lossy().into_owned()).collect();
    let args = args.iter().take_while(|a| *a != "--");
    let mut previous = "";
    for a in args {
        if a == "--json" || a == "--format=json" || (previous == "--format" && a == "json") {
            return true;
        }
        previous = a;
    }
    false
}

fn main() -> ExitCode {
    #[cfg(unix)]
    interrupt::install();
    let matches = match Cli::command().try_get_matches() {
        Ok(m) => m,
        Err(e) => return argument_error(&e),
    };
    let mut cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => return argument_error(&e),
    };
    if cli.terminal.format == Some(Format::Json) {
        match cli.command.json_flag() {
            Some(json) => *json = true,
            None => {
                let name = matches.subcommand_name().unwrap_or_default();
                let e = Cli::command().error(
                    clap::error::ErrorKind::ArgumentConflict,
                    custody_core::verify::wording::cli::no_json_output(name),
                );
                return argument_error(&e);
            }
        }
    }
    terminal::choose(terminal::Terminal {
        color: cli.terminal.color,
        quiet: cli.terminal.quiet,
        verbose: cli.terminal.verbose,
    });
    let json = cli.command.json();
    let result = match cli.command {
        Command::Keygen(a) => keygen(a),
        Command::Seal(a) => seal(a),
        Command::Case(c) => case_command(c),
        Command::Inspect(a) => inspect(a),
        Command::Verify(a) => verify(a),
        Command::Report(a) => court::report_command(a),
        Command::Transfer(a) => transfer(a),
        Command::Countersign(a) => statements::countersign(a),
        Command::Add(a) => statements::add(a),
        Command::Attach(a) => attach::attach(a),
        Command::Examine(a) => attach::examine(a),
        Command::Dispose(a) => dispose::dispose(a),
        Command::Derive(a) => derive::derive(a),
        Command::Encrypt(a) => encrypt::encrypt(a),
        Command::Decrypt(a) => encrypt::decrypt(a),
        Command::Receive(a) => {
            let sub = matches.subcommand_matches("receive").cloned().unwrap_or_default();
            receive(a, &sub)
        }
        Command::Recover { bundle, out, json } => recover(&bundle, out.as_deref(), json),
        Command::Timestamp { bundle, tsa, out, json } => timestamp(&bundle, tsa.as_deref(), out.as_deref(), json),
        Command::Extract {
            bundle,
            out,
            force,
            portable,
            jobs,
            trust,
            json,
            record,
            key,
            purpose,
            capacity,
            identity,
        } => {
            let record = match (record, key, purpose) {
                (true, Some(key), Some(purpose)) => Some((key, purpose, capacity)),
                _ => None,
            };
            extract(&bundle, &out, ExtractHow { force, portable, jobs }, &trust, json, record, identity.as_deref())
        }
        Command::Trust(t) => trust_cmd(t),
        Command::Log(l) => log::log_cmd(l),
        Command::Completions(a) => {
            manual::completions(Cli::command(), a.shell, &mut std::io::stdout().lock());
            Ok(ExitCode::SUCCESS)
        }
        Command::Man(a) => man(&a),
        Command::Config(ConfigCommand::Show { json }) => config_show(json),
    };
    // Interrupted: the interruption thread says what happened and exits; whatever the
    // command met after its temporary files were removed is moot.
    #[cfg(unix)]
    while fsutil::interrupted() {
        std::thread::park();
    }
    if let (Err(e), true) = (&result, json) {
        print_json_error(e);
    }
    match result {
        Ok(code) => code,
        Err(e) if e.downcast_ref::<custody_core::Error>().map(exit::for_error) == Some(exit::ExitStatus::Failed) => {
            errln!("error: {}", error_text(e.as_ref()));
            ExitCode::from(1)
        }
        Err(e) if e.downcast_ref::<output::Restated>().is_some_and(|r| r.own_file) => {
            // The user's own file: its problems on lines of their own, each made safe.
            let text = error_text(e.as_ref());
            let mut lines = text.lines();
            errln!("error: {}", lines.next().unwrap_or_default());
            for line in lines {
                errln!("  {line}");
            }
            ExitCode::from(2)
        }
        Err(e) => {
            let top = error_text(e.as_ref());
            errln!("error: {top}");
            for cause in e.chain().skip(1).map(error_text).filter(|c| !top.contains(c.as_str())) {
                errln!("  because: {cause}");
            }
            ExitCode::from(2)
        }
    }
}

/// The remedy of an error, worded with this command's options where the library's remedy
/// names none (`--force` for an extraction refused as invalid).
fn cli_remedy(c: &custody_core::Error) -> Option<String> {
    use custody_core::{Error, Remedy};
    match c {
        Error::Invalid { remedy: Remedy::ExamineOrForce, .. } => {
            Some("Run `custody verify` for the report, or use --force to extract it for examination".into())
        }
        Error::Invalid { remedy: Remedy::FreshCopy { forced: false }, .. } => Some(
            "It cannot be read as an archive, so nothing can be extracted from it; run `custody verify` for the \
             details and get a fresh copy from its sender"
                .into(),
        ),
        Error::Invalid { remedy: Remedy::FreshCopy { forced: true }, .. } => Some(
            "It cannot be read as an archive, so nothing can be extracted even with --force; run `custody verify` \
             for the details and get a fresh copy from its sender"
                .into(),
        ),
        Error::Invalid { remedy, .. } => Some(remedy.to_string()),
        _ => exit::remedy(c),
    }
}

/// The library's key and TSA errors whose remedy is a command-line option or subcommand
/// here (the library words it as its own option).
fn cli_cause_text(e: &(dyn std::error::Error + 'static)) -> Option<String> {
    use custody_core::keys::KeyError;
    use custody_core::timestamp::TsaError;
    if let Some(KeyError::Encrypted) = e.downcast_ref::<KeyError>() {
        return Some("this private key is protected by a passphrase; give it (see `custody keygen --help`)".into());
    }
    if let Some(TsaError::Unreachable { url, why }) = e.downcast_ref::<TsaError>() {
        return Some(format!(
            "the timestamp authority {url} could not be reached ({why}); check the address and the network, then \
             try again. Seal, transfer and the other commands that record an event can go on without trusted time \
             with --tsa-optional; `custody timestamp BUNDLE --tsa URL` adds it later"
        ));
    }
    None
}

/// What the user reads for an error: custody-core's refusals with their remedies worded as
/// this command's options and subcommands (the library words them without any), anything
/// else as it is.
fn error_text(e: &(dyn std::error::Error + 'static)) -> String {
    use custody_core::{Action, Error};
    if let Some(text) = cli_cause_text(e) {
        return text;
    }
    if let Some(custody_core::verify::CannotVerify::Encrypted { path, source }) = e.downcast_ref() {
        return format!("cannot verify {}: {}", path.display(), source.worded(custody_core::verify::Front::Cli));
    }
    let Some(c) = e.downcast_ref::<Error>() else { return e.to_string() };
    match c {
        Error::Envelope { path, source } => {
            format!("{}: {}", path.display(), source.worded(custody_core::verify::Front::Cli))
        }
        Error::Key { path, source } => format!("{}: {}", path.display(), error_text(source)),
        Error::Tsa(t) => error_text(t),
        Error::Invalid { path, checks, .. } => match cli_remedy(c) {
            Some(remedy) => format!(
                "{} failed verification ({}); nothing was extracted. {remedy}",
                path.display(),
                checks.join(", ")
            ),
            None => c.to_string(),
        },
        Error::NotVerified { action: Action::Accept, checks } => format!(
            "the bundle does not verify ({}); it cannot be accepted. To record a signed rejection, run \
             `custody receive` again with --reject-all --reason TEXT",
            checks.iter().map(|(code, _)| code.as_str()).collect::<Vec<_>>().join(", ")
        ),
        Error::NotVerified { action, checks } => format!(
            "the bundle does not verify, so it cannot be {}: {}. Run `custody verify` for the full report",
            action.refused_as(),
            checks.iter().map(|(code, m)| format!("{code} ({m})")).collect::<Vec<_>>().join("; ")
        ),
        Error::BundleDamaged { path, reason } => format!(
            "{path} is damaged: it cannot be read as a bundle ({reason}). This is not an interrupted update custody \
             can finish; run `custody verify {path}` for the details and get a fresh copy from its sender",
            path = path.display()
        ),
        Error::Untrusted { parties, tsa } => {
            let mut why = parties.clone();
            if let Some(m) = tsa {
                why.push(format!("a timestamp does not chain to your --tsa-roots: {m}"));
            }
            format!(
                "not accepted: {}. Nothing was written. Confirm those fingerprints with their holders and add them to \
                 your trust list (custody trust add THEIR.pub --file FILE); or record a rejection with --reject-all \
                 --reason TEXT; or accept anyway with --accept-untrusted (the receipt records it)",
                why.join("; ")
            )
        }
        Error::NoTrustList => "no trust list given, so nothing shows who really sealed and sent this bundle: a key \
                               can claim any name. Give --trust FILE, a list of the keys you have confirmed (custody \
                               trust add THEIR.pub --file FILE), and --tsa-roots FILE if the bundle carries trusted \
                               time; or --accept-untrusted to accept without that check (the receipt records it); or \
                               --reject-all --reason TEXT. Nothing was written"
            .into(),
        Error::TransferPending { sequence, recipient } => format!(
            "event {sequence} already transfers this bundle to {}, with no receipt yet, and nothing else can be \
             recorded before it is settled. Only that recipient can settle it: by receiving it (custody receive), or, \
             if it was sent by mistake, by recording a rejection (custody receive --reject-all --reason TEXT); custody \
             then stays with you",
            recipient.identity().describe()
        ),
        Error::InterruptedUpdate { path } => format!(
            "an earlier update of {p} was interrupted; --out leaves the input untouched, so finish that update first \
             with `custody recover {p}`",
            p = path.display()
        ),
        Error::UnusableJournal { path, why, readable } => {
            let advice = if *readable {
                format!(
                    "Check the bundle with `custody verify {}`: if it finds the bundle intact, move the journal away \
                     (it is not part of the bundle) and run the command again",
                    path.display()
                )
            } else {
                format!(
                    "Keep both files as they are, check the bundle with `custody verify {}`, and if it is damaged \
                     get a fresh copy from its sender",
                    path.display()
                )
            };
            format!(
                "{} cannot be used to finish an interrupted update of {}: {why}. Nothing was changed. {advice}",
                custody_core::append::journal_path(path).display(),
                path.display(),
            )
        }
        _ => c.to_string(),
    }
}

/// A passphrase, from (in order) the file named by CUSTODY_PASSPHRASE_FILE (its first line),
/// the CUSTODY_PASSPHRASE variable, or a prompt on the terminal without echo.
fn passphrase(prompt: &str, confirm: bool) -> Result<Zeroizing<String>, custody_core::Error> {
    secret(prompt, confirm, "passphrase", "CUSTODY_PASSPHRASE")
}

/// A token's PIN, from CUSTODY_PIN_FILE, CUSTODY_PIN, or a prompt on the terminal.
fn pin(token: &str) -> Result<Zeroizing<String>, custody_core::Error> {
    secret(&report::one_line(&format!("PIN for the token {token:?}: ")), false, "PIN", "CUSTODY_PIN")
}

/// A secret from (in order) the file named by `{var}_FILE` (its first line), the variable
/// `var`, or a prompt on the terminal without echo.
fn secret(
    prompt: &str,
    confirm: bool,
    what: &'static str,
    var: &str,
) -> Result<Zeroizing<String>, custody_core::Error> {
    let refuse = |m: &str| custody_core::Error::BadInput { field: what, why: m.to_owned(), remedy: None };
    let file_var = format!("{var}_FILE");
    let p = if let Some(file) = std::env::var_os(&file_var) {
        fsutil::read_secret_file(Path::new(&file), what)?
    } else if let Ok(v) = std::env::var(var) {
        Zeroizing::new(v)
    } else if std::io::stdin().is_terminal() {
        let first = Zeroizing::new(
            rpassword::prompt_password(prompt).map_err(|e| refuse(&format!("cannot read the passphrase: {e}")))?,
        );
        if confirm {
            let again = Zeroizing::new(rpassword::prompt_password("Again: ").map_err(|e| refuse(&e.to_string()))?);
            if *again != *first {
                return Err(refuse(&format!("the two {what}s differ; nothing was written")));
            }
        }
        first
    } else {
        return Err(refuse(&format!(
            "a {what} is needed: run on a terminal, or set {file_var} to a file holding it (or {var})"
        )));
    };
    if p.is_empty() {
        return Err(refuse(&format!("the {what} is empty")));
    }
    Ok(p)
}

/// Loads the private key of `--key` (else of `key` in the configuration file), asking for
/// its passphrase only if it has one.
fn load_key(flag: Option<&Path>) -> Result<custody_core::KeyPair> {
    load_key_as("--key", flag)
}

/// [`load_key`] for the key given with `option` (errors name it: `--identity`, `--key`).
fn load_key_as(option: &str, flag: Option<&Path>) -> Result<custody_core::KeyPair> {
    let path = config::key(flag)?;
    option_file(option, &path, |p| {
        fsutil::load_keypair_asking(p, &mut |wanted| match wanted {
            fsutil::Secret::Pin { token } => pin(token),
            _ => passphrase(&report::one_line(&format!("Passphrase for {}: ", p.display())), false),
        })
    })
}

/// Prints a JSON document (a type of [`output`], or a core report) on stdout, made safe as it
/// is written ([`report::shown_json`]'s escapes, by `custody_core::text::EscapeJson`, as
/// `verify --format json` writes its report), never held whole: `inspect --json` of a million
/// files writes 341 MB, which held twice over cost more than a gigabyte.
fn print_json<T: serde::Serialize>(v: &T) {
    use std::io::Write as _;
    let mut safe = custody_core::text::EscapeJson::new(std::io::BufWriter::new(std::io::stdout().lock()));
    let _ = serde_json::to_writer_pretty(&mut safe, v);
    let _ = safe.write_all(b"\n");
    let _ = safe.finish();
}

/// Prints text that is several lines by design (JSON, the case-file template) on stdout,
/// made safe by [`report::shown`], which keeps its line breaks: every value in it must
/// already be escaped where it was put in (serde_json writes `\n` in strings).
fn print_text(text: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stdout().lock(), "{}", report::shown(text));
}

/// Prints a text report: made safe like every line, then coloured on a terminal.
fn print_report(text: &str) {
    use std::io::Write as _;
    if terminal::quiet() {
        return;
    }
    let safe = report::shown(text);
    let text = if terminal::color_for(&std::io::stdout()) { report::colorize(&safe) } else { safe };
    let _ = write!(std::io::stdout().lock(), "{text}");
}

fn keygen(a: KeygenArgs) -> Result<ExitCode> {
    // The library takes the jurisdiction in capitals ("cn" is "CN").
    let identity = Identity::new(a.name, a.org, a.role.parse()?, &a.jurisdiction);
    // Every output checked before anything is made or written: no partial set of files.
    let mut outputs = vec![a.out.clone(), PathBuf::from(format!("{}.pub", a.out.display()))];
    if a.age {
        outputs.extend(["age", "age-recipient"].map(|ext| PathBuf::from(format!("{}.{ext}", a.out.display()))));
    }
    if let Some(taken) = outputs.iter().find(|p| p.symlink_metadata().is_ok()) {
        return Err(custody_core::Error::Exists {
            path: taken.clone(),
            hint: "custody never overwrites a key; choose another name",
        }
        .into());
    }
    let kp = match &a.on {
        Some(location) => fsutil::key_elsewhere(location, identity, &mut |wanted| match wanted {
            fsutil::Secret::Pin { token } => pin(token),
            _ => passphrase("Passphrase: ", false),
        })?,
        None => custody_core::KeyPair::generate(identity)?,
    };
    let pass = if a.passphrase {
        Some(passphrase(&report::one_line(&format!("New passphrase for {}: ", a.out.display())), true)?)
    } else {
        None
    };
    let pub_path = fsutil::write_keypair(&kp, &a.out, pass.as_ref().map(|p| p.as_str()))?;
    let fp = kp.public().fingerprint();
    let age = if a.age {
        let created = Timestamp::now().to_string();
        Some(fsutil::write_age_identity(&a.out, &created)?)
    } else {
        None
    };
    if a.json {
        print_json(&KeygenOutput {
            private_key: a.out.to_string_lossy().into_owned(),
            public_key: pub_path.to_string_lossy().into_owned(),
            fingerprint: fp,
            identity: kp.identity.clone(),
            age_identity: age.as_ref().map(|(p, _, _)| p.to_string_lossy().into_owned()),
            age_recipient_file: age.as_ref().map(|(_, p, _)| p.to_string_lossy().into_owned()),
            age_recipient: age.as_ref().map(|(_, _, r)| r.clone()),
        });
    } else {
        outln!("Created a key for {}", kp.identity.describe());
        match kp.location() {
            Some(at) => outln!("  key held by: {at} (it never leaves it); {} says where it is", a.out.display()),
            None => outln!("  private key: {} (keep it secret; readable only by you)", a.out.display()),
        }
        outln!("  public key:  {} (give this to those who verify your bundles)", pub_path.display());
        outln!("  fingerprint: {fp}");
        if let Some((id, recipient_file, recipient)) = &age {
            outln!("  encryption identity: {} (keep it secret; decrypts bundles sent to you)", id.display());
            outln!("  encryption recipient: {recipient} (in {}; publish it)", recipient_file.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn seal(a: SealArgs) -> Result<ExitCode> {
    let key = load_key(a.key.as_deref())?;
    let flags = Capture {
        source_url: a.source_url,
        captured_at: a.captured_at.as_deref().map(Timestamp::parse_user).transpose().context("--captured-at")?,
        tool: a.capture_tool.map(|name| CaptureTool { name, version: None, sha256: None }),
        note: a.note,
        ..Capture::default()
    };
    // Which description wins (case file, flags, sidecars) is the library's rule.
    let mut declared = Declarations::default();
    declared.case_file = match &a.case_file {
        Some(path) => Some((path.clone(), own_option_file("--case-file", path, casefile::read_case_file)?)),
        None => None,
    };
    declared.case_reference = a.case_ref.clone();
    declared.capture = flags;
    declared.inputs = a.inputs.clone();
    let json = a.json;
    let resolved = inputs::resolve(declared, SourceNames::new("--case-ref", "the flags"), &mut |input, side| {
        if !json {
            errln!("Using capture metadata for {} from {}", input.display(), side.display());
        }
    })?;
    let opts = SealOptions::default()
        .with_case(resolved.case)
        .with_items(resolved.items)
        .with_import(!a.no_import)
        .with_overwrite(a.force)
        .with_jobs(a.jobs)
        .with_timestamping(a.tsa.stamping()?)
        .with_logging(a.log.logging()?);
    remove_stale_temps(&a.out);
    let counter = std::sync::Arc::new(custody_core::Progress::new());
    let opts = opts.with_progress(counter.clone());
    let s = report::with_progress("Sealing", &counter, || custody_core::seal::seal(&key, &a.out, &opts));
    // The library's remedy names its option; here it is a flag.
    let s = s.map_err(|e| match e {
        custody_core::Error::Exists { path, .. } => {
            custody_core::Error::Exists { path, hint: "use --force to replace it" }
        }
        e => e,
    });
    let s = s?;
    if a.json {
        print_json(&SealOutput::from(&s));
    } else {
        for w in &s.warnings {
            errln!("warning: {w}");
        }
        for c in &s.advisories {
            errln!("warning: {}: {}", c.code, c.message);
        }
        outln!(
            "Sealed {} item(s), {} file(s), {} into {}",
            s.items,
            s.files,
            report::human_bytes(s.bytes),
            s.output.display()
        );
        outln!("  case:      {}", opts.case.case.reference);
        // Which input became which item: later commands (derive, dispose) name items.
        const LISTED: usize = 20;
        for (i, input) in opts.items.iter().enumerate().take(LISTED) {
            outln!(
                "  {:<10} {}",
                format!("{}:", custody_core::seal::item_id(i)),
                report::one_line(&input.path.display().to_string())
            );
        }
        if opts.items.len() > LISTED {
            outln!("  {}", custody_core::verify::wording::cli::more_items(opts.items.len() - LISTED));
        }
        outln!("  bundle id: {}", s.bundle_id);
        outln!("  sealed by: {} {}", custody_core::verify::describe_signer(&s.signer), s.signer.fingerprint);
        outln!("  time:      {}", s.time);
        for (item, f) in &s.imported {
            outln!("  imported:  {item} {} from {} ({})", f.field, f.from, f.key);
        }
        say_stamp(&s.timestamp, &s.output, false);
        say_log(&s.log, false);
        outln!("Check it with: custody verify {}", s.output.display());
    }
    if a.json {
        say_stamp(&s.timestamp, &s.output, true);
        say_log(&s.log, true);
    }
    Ok(ExitCode::SUCCESS)
}

fn case_command(c: CaseCommand) -> Result<ExitCode> {
    match c {
        CaseCommand::Init { out: None, json: true, .. } => {
            print_json(&output::CaseInitOutput { case_file: None, template: Some(casefile::TEMPLATE.into()) });
        }
        CaseCommand::Init { out: None, .. } => {
            use std::io::Write as _;
            let _ = write!(std::io::stdout().lock(), "{}", report::shown(casefile::TEMPLATE));
        }
        CaseCommand::Init { out: Some(path), force, json } => {
            if path.exists() && !force {
                bail!("{} already exists; use --force to replace it", path.display());
            }
            fsutil::write_atomic(&path, casefile::TEMPLATE.as_bytes(), force)?;
            if json {
                print_json(&output::CaseInitOutput { case_file: Some(path.display().to_string()), template: None });
            } else {
                outln!("Wrote a case-file template to {}", path.display());
                outln!("Fill it in, then: custody seal --key KEY --case-file {} --out BUNDLE.zip", path.display());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn config_show(json: bool) -> Result<ExitCode> {
    let e = config::effective()?;
    if json {
        print_json(&e);
        return Ok(ExitCode::SUCCESS);
    }
    match (&e.file, e.file_exists) {
        (Some(f), true) => outln!("Configuration file: {f}"),
        (Some(f), false) => outln!("Configuration file: {f} (none there: no defaults set)"),
        (None, _) => outln!("Configuration file: none (neither CUSTODY_CONFIG, XDG_CONFIG_HOME nor HOME is set)"),
    }
    let rows = [
        ("key", &e.key),
        ("trust", &e.trust),
        ("tsa_roots", &e.tsa_roots),
        ("tsa_url", &e.tsa_url),
        ("log_url", &e.log_url),
        ("log_key", &e.log_key),
        ("lang", &e.lang),
    ];
    for (name, setting) in rows {
        match setting {
            Some(s) => {
                let from = match s.source {
                    config::Source::ConfigFile => "from the configuration file",
                    config::Source::Environment => "from the environment (CUSTODY_TSA_URL)",
                };
                outln!("  {name:<10} {}  ({from})", s.value);
            }
            None => outln!("  {name:<10} -  (not set)"),
        }
    }
    outln!("A flag given to a command wins over these.");
    Ok(ExitCode::SUCCESS)
}

fn man(a: &manual::ManArgs) -> Result<ExitCode> {
    let pages = manual::man_pages(Cli::command(), &a.out)?;
    if a.json {
        print_json(&output::ManOutput { pages: pages.iter().map(|p| p.display().to_string()).collect() });
    } else {
        outln!("Wrote {} manual pages to {}", pages.len(), a.out.display());
        outln!("Read one with: man -l {}", a.out.join("custody-verify.1").display());
    }
    Ok(ExitCode::SUCCESS)
}

fn inspect(a: InspectArgs) -> Result<ExitCode> {
    let front = custody_core::verify::Front::Cli;
    let i = match &a.identity {
        Some(identity) => {
            custody_core::verify::inspect_encrypted_at(&a.bundle, &encrypt::load_identities(identity)?, front, a.at)?
        }
        None => custody_core::verify::inspect_path_at(&a.bundle, front, a.at)?,
    };
    if a.json {
        print_json(&i);
    } else {
        let mut text = report::render_inspection(&i);
        if let Some(on) = i.evaluated_at {
            text.push_str(&custody_core::verify::wording::render::evaluated_at(on));
            text.push('\n');
        }
        print_report(&text);
    }
    Ok(ExitCode::from(exit::for_state(i.state).code()))
}

fn read_trust(option: &str, path: &Path) -> Result<Loaded<TrustList>> {
    let bytes = option_file(option, path, |p| {
        fsutil::read_limited_as(p, custody_core::layout::MAX_VERIFIER_INPUT, "a trust list")
    })?;
    let sha256 = custody_core::Sha256Digest::of(&bytes);
    let text = String::from_utf8(bytes).with_context(|| format!("{option} {}: not UTF-8 text", path.display()))?;
    let value =
        TrustList::parse(&text).with_context(|| format!("{option} {} is not a valid trust list", path.display()))?;
    Ok(Loaded { value, path: path.to_owned(), sha256 })
}

/// Reads a trust list for editing, with the same refusals as [`read_trust`].
fn read_trust_text(option: &str, path: &Path) -> Result<TrustListText> {
    let bytes = option_file(option, path, |p| {
        fsutil::read_limited_as(p, custody_core::layout::MAX_VERIFIER_INPUT, "a trust list")
    })?;
    let text = String::from_utf8(bytes).with_context(|| format!("{option} {}: not UTF-8 text", path.display()))?;
    TrustListText::parse(text).with_context(|| format!("{option} {} is not a valid trust list", path.display()))
}

fn read_tsa_roots(path: &Path) -> Result<Loaded<TsaRoots>> {
    let bytes = option_file("--tsa-roots", path, |p| {
        fsutil::read_limited_as(p, custody_core::layout::MAX_VERIFIER_INPUT, "a TSA roots file")
    })?;
    let sha256 = custody_core::Sha256Digest::of(&bytes);
    let value = TsaRoots::from_pem(&bytes)
        .map_err(|e| anyhow::anyhow!("--tsa-roots {} is not a usable TSA roots file: {e}", path.display()))?;
    Ok(Loaded { value, path: path.to_owned(), sha256 })
}

fn verify(a: VerifyArgs) -> Result<ExitCode> {
    let trust = a.trust.trust_list()?.map(|t| t.value);
    let tsa_roots = a.trust.roots()?.map(|r| r.value);
    let opts = VerifyOptions::default()
        .with_trust(trust)
        .with_tsa_roots(tsa_roots)
        .with_front(custody_core::verify::Front::Cli)
        .with_at(a.at)
        .with_online_log(a.log.clone().map(|u| Some(u).filter(|u| !u.is_empty())));
    let saved = a.checkpoint.as_deref().map(log::read_saved_answer).transpose()?;
    let mut opts = if saved.is_some() { opts.with_online_log(Some(None)) } else { opts };
    if let Some(file) = &a.save_log_answer {
        log::refuse_existing_answer_file(file)?;
    }
    let sink: Option<custody_core::tlog::saved::AnswerSink> = a.save_log_answer.as_ref().map(|_| Default::default());
    opts.log_answers =
        custody_core::tlog::saved::AnswersVia { saved: saved.map(std::sync::Arc::new), keep: sink.clone() };
    let json = a.json;
    let identities = match &a.identity {
        Some(path) => Some(encrypt::load_identities(path)?),
        None => None,
    };
    let bundle = match (&a.each, a.bundles.as_slice()) {
        (None, [one]) => one,
        _ if identities.is_some() => bail!("--identity reads one encrypted bundle at a time: give one bundle"),
        _ if a.parent.is_some() => bail!("{}", custody_core::verify::wording::cli::PARENT_ONE_BUNDLE),
        (Some(dir), _) => {
            let found = custody_core::verify::bundles_in(dir)
                .with_context(|| format!("cannot list the bundles in {}", dir.display()))?;
            if found.is_empty() {
                bail!("{}", custody_core::verify::wording::render::batch::none_found(dir.display()));
            }
            return batch::verify_many(&found, opts, a.jobs, json);
        }
        _ if a.log.is_some() || a.checkpoint.is_some() => {
            bail!("{}", custody_core::tlog::wording::LOG_ONLINE_ONE_BUNDLE)
        }
        (None, many) => return batch::verify_many(many, opts, a.jobs, json),
    };
    let counter = std::sync::Arc::new(custody_core::verify::Progress::default());
    let opts = opts.with_jobs(a.jobs).with_progress(Some(counter.clone()));
    let r = report::with_progress("Verifying", &counter, || match &identities {
        Some(ids) if handover::is_encrypted(bundle).unwrap_or(false) => {
            custody_core::verify::verify_encrypted(bundle, ids, &opts)
        }
        _ => match &a.parent {
            Some(parent) => custody_core::verify::verify_with_parent(bundle, parent, &opts),
            None => custody_core::verify::verify_path(bundle, &opts),
        },
    })?;
    if json {
        let _ = r.write_json(std::io::stdout().lock());
    } else {
        let mut text = report::render(&r);
        if a.at.is_some() {
            text.push_str(&custody_core::verify::wording::render::evaluated_at(r.evaluated_at));
            text.push('\n');
        }
        print_report(&text);
        if terminal::quiet()
            && !matches!(r.state, custody_core::verify::State::Intact | custody_core::verify::State::Trusted)
        {
            // -q keeps errors and warnings: a negative verdict is said once, on stderr.
            errln!(
                "{}",
                custody_core::verify::wording::cli::quiet_verdict(bundle.display(), r.state.label(), &r.failures())
            );
        }
        if let Some(p) =
            r.parent.as_ref().filter(|p| terminal::quiet() && p.verdict != custody_core::verify::ParentVerdict::Matches)
        {
            errln!("{}", custody_core::verify::wording::cli::quiet_parent_verdict(p.verdict.label(), &p.summary));
        }
    }
    if let (Some(file), Some(sink)) = (&a.save_log_answer, &sink) {
        log::save_answer(file, &r, sink)?;
    }
    // A trust failure (signer or TSA) leaves the bundle intact, but is still a failure.
    let status = match &r.parent {
        Some(p) => exit::for_parent(r.state, p.verdict),
        None => exit::for_state(r.state),
    };
    // Asked whether this copy is the latest and not told: the verify could not do its job (2),
    // unless the bundle failed anyway.
    let unknown = r.checks.iter().any(|c| c.code == custody_core::check::CheckCode::LogUnreachable);
    if (a.log.is_some() || a.checkpoint.is_some()) && unknown && status == exit::ExitStatus::Success {
        return Ok(ExitCode::from(exit::ExitStatus::Error.code()));
    }
    Ok(ExitCode::from(status.code()))
}

fn transfer(a: TransferArgs) -> Result<ExitCode> {
    // Before the key: a mistyped condition kind is refused without asking for a passphrase.
    let conditions = a.condition.iter().map(|c| parse_condition(c)).collect::<Result<_, _>>()?;
    let key = load_key(a.key.as_deref())?;
    let to = option_file("--to", &a.to, fsutil::load_public_key)?;
    let Some(identity) = to.identity else {
        bail!(
            "{} carries no identity (name, organisation, role, jurisdiction); ask the recipient for the .pub file that `custody keygen` made",
            a.to.display()
        );
    };
    let mut opts = TransferOptions::new(&key, to.key, identity, a.purpose);
    (opts.legal_basis, opts.request_reference, opts.conditions) = (a.legal_basis, a.request_ref, conditions);
    opts.stamping = a.tsa.stamping()?;
    opts.log_optional = a.append_log.log_optional;
    // The recipient to encrypt to, resolved before anything is written.
    let recipients = if a.encrypt {
        // Only recipients the user named: --encrypt-to, else the --to key the trust list
        // vouches for (converted). No file is picked up beside it: nothing ties one to the key.
        let mut r = custody_core::envelope::Recipients::new();
        let mut from = Vec::new();
        match &a.encrypt_to {
            Some(given) => encrypt::add_recipient(&mut r, &mut from, "--encrypt-to", given)?,
            None => {
                r.add_key(&to.key).map_err(|source| custody_core::Error::Envelope { path: a.to.clone(), source })?;
                encrypt::note_from(&r, &mut from, 0, "--to", &a.to.to_string_lossy(), true);
            }
        }
        let sealed = PathBuf::from(format!("{}.age", a.out.as_deref().unwrap_or(&a.bundle).display()));
        if sealed.symlink_metadata().is_ok() {
            bail!("{} already exists: move it away, or give another --out", sealed.display());
        }
        Some((r, from, sealed))
    } else {
        None
    };
    before_update(&a.bundle, a.out.as_deref())?;
    let done = handover::transfer(&a.bundle, a.out.as_deref(), &opts)?;
    let t = done.event.transfer.as_ref().context("internal: transfer event without details")?;
    let encrypted = match recipients {
        Some((r, from, sealed)) => {
            // The transfer is signed and recorded by now: if encrypting fails, say so and give
            // the exact command that finishes the job.
            let bytes = handover::encrypt_file(&done.bundle, &r, &sealed).with_context(|| {
                custody_core::envelope::encrypt_after_transfer(
                    &done.bundle.to_string_lossy(),
                    &sealed.to_string_lossy(),
                    &r.to_strings(),
                )
            })?;
            Some(output::EncryptOutput {
                bundle: done.bundle.to_string_lossy().into_owned(),
                encrypted: sealed.to_string_lossy().into_owned(),
                bytes,
                recipients: r.to_strings(),
                recipients_from: from,
            })
        }
        None => None,
    };
    if a.json {
        print_json(&TransferOutput {
            bundle: done.bundle.to_string_lossy().into_owned(),
            event: done.event_path.clone(),
            sequence: done.event.sequence,
            time: done.event.time,
            recipient: t.recipient.clone(),
            conditions: t.conditions.clone(),
            timestamp: StampOutput::from(&done.timestamp),
            encrypted,
        });
        say_stamp(&done.timestamp, &done.bundle, true);
        say_log(&done.log, true);
    } else {
        outln!("Transfer recorded as event #{} in {}", done.event.sequence, done.bundle.display());
        outln!("  to:      {} {}", custody_core::verify::describe_signer(&t.recipient), t.recipient.fingerprint);
        outln!("  purpose: {}", t.purpose);
        for c in &t.conditions {
            outln!("  condition {}: [{}] {}", c.id, report::words(c.kind.as_str()), c.text);
        }
        say_stamp(&done.timestamp, &done.bundle, false);
        say_log(&done.log, false);
        outln!("You remain the custodian until {} signs a receipt:", t.recipient.name);
        match &encrypted {
            Some(e) => {
                outln!("  send {}, encrypted; only its recipients can open it:", e.encrypted);
                encrypt::say_recipients(&e.recipients_from);
                // The plain bundle's name: the encrypted one's without ".age".
                let plain = e.encrypted.strip_suffix(".age").unwrap_or("received.zip");
                let plain = Path::new(plain).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                outln!(
                    "  custody receive {} --identity THEIR.key --key THEIR.key --trust THEIR-TRUST-LIST.txt --out {plain}",
                    e.encrypted
                );
            }
            None => outln!("  custody receive {} --key THEIR.key --trust THEIR-TRUST-LIST.txt", done.bundle.display()),
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Pairs each --reject / --refuse-condition / --out-of-scope / --reject-all with the
/// --reason that follows it on the command line.
fn receive_options(a: &ReceiveArgs, m: &ArgMatches) -> Result<ReceiveOptions> {
    #[derive(Clone)]
    enum Act {
        Reject(String),
        OutOfScope(String),
        Refuse(u32),
        RejectAll,
    }
    let mut acts: Vec<(usize, Act)> = Vec::new();
    let idx = |id: &str| m.indices_of(id).map(|i| i.collect::<Vec<_>>()).unwrap_or_default();
    acts.extend(idx("reject").into_iter().zip(&a.reject).map(|(i, v)| (i, Act::Reject(v.clone()))));
    acts.extend(idx("out_of_scope").into_iter().zip(&a.out_of_scope).map(|(i, v)| (i, Act::OutOfScope(v.clone()))));
    acts.extend(idx("refuse_condition").into_iter().zip(&a.refuse_condition).map(|(i, v)| (i, Act::Refuse(*v))));
    if a.reject_all {
        acts.extend(idx("reject_all").into_iter().take(1).map(|i| (i, Act::RejectAll)));
    }
    acts.sort_by_key(|(i, _)| *i);
    let reasons: Vec<(usize, &String)> = idx("reason").into_iter().zip(&a.reason).collect();
    let mut opts = ReceiveOptions::default().with_jobs(a.jobs).with_front(custody_core::verify::Front::Cli);
    let mut used = 0;
    for (k, (i, act)) in acts.iter().enumerate() {
        let next_act = acts.get(k + 1).map(|(j, _)| *j).unwrap_or(usize::MAX);
        let reason = reasons.iter().find(|(r, _)| r > i && *r < next_act).map(|(_, r)| (*r).clone());
        used += usize::from(reason.is_some());
        let need = |what: &str| reason.clone().with_context(|| format!("{what} needs a --reason TEXT right after it"));
        match act {
            Act::Reject(item) => opts.reject_items.push((item.clone(), need(&format!("--reject {item}"))?)),
            Act::OutOfScope(item) => opts.out_of_scope.push((item.clone(), reason.clone())),
            Act::Refuse(n) => opts.refuse_conditions.push((*n, need(&format!("--refuse-condition {n}"))?)),
            Act::RejectAll => opts.reject_all = Some(need("--reject-all")?),
        }
    }
    if used != reasons.len() {
        bail!("each --reason must follow the --reject, --refuse-condition, --out-of-scope or --reject-all it explains");
    }
    Ok(opts)
}

fn receive(a: ReceiveArgs, m: &ArgMatches) -> Result<ExitCode> {
    let mut opts = receive_options(&a, m)?;
    let key = load_key(a.key.as_deref())?;
    opts.trust = a.trust.trust_list()?.map(|t| (t.value, t.sha256));
    opts.tsa_roots = a.trust.roots()?.map(|r| (r.value, r.sha256));
    opts.accept_untrusted = a.accept_untrusted;
    let counter = std::sync::Arc::new(custody_core::verify::Progress::default());
    opts.progress = Some(counter.clone());
    opts.stamping = a.tsa.stamping()?;
    opts.log_optional = a.append_log.log_optional;
    // An encrypted bundle is decrypted beside --out (owner-only, removed on every path) and
    // received from there: the receipt must be appended to a plain bundle anyway.
    let decrypted = match (&a.identity, &a.out) {
        (Some(identity), Some(out)) if handover::is_encrypted(&a.bundle)? => {
            let ids = encrypt::load_identities(identity)?;
            if out.symlink_metadata().is_ok() {
                bail!("{} already exists: choose another --out", out.display());
            }
            Some(handover::decrypt_to_temp(&a.bundle, &ids, out)?)
        }
        _ => None,
    };
    let input = decrypted.as_ref().map_or(a.bundle.as_path(), |t| t.path());
    before_update(input, a.out.as_deref())?;
    let done = report::with_progress("Verifying", &counter, || {
        // Errors name the encrypted file given, not the temporary file it was decrypted into.
        handover::receive(input, a.out.as_deref(), &key, &opts).map_err(|e| e.naming(input, &a.bundle))
    })?;
    drop(decrypted);
    let r = done.event.receipt.as_ref().context("internal: receipt event without details")?;
    let parties = done.parties.as_ref().context("internal: receipt without its sealer and sender")?;
    if a.json {
        let (sealer, sender) = ReceiveOutput::parties(parties);
        print_json(&ReceiveOutput {
            bundle: done.bundle.to_string_lossy().into_owned(),
            event: done.event_path.clone(),
            sequence: done.event.sequence,
            time: done.event.time,
            receipt: r.clone(),
            timestamp: StampOutput::from(&done.timestamp),
            sealer,
            sender,
        });
        say_stamp(&done.timestamp, &done.bundle, true);
        say_log(&done.log, true);
    } else {
        outln!(
            "Receipt recorded as event #{} in {}: {}",
            done.event.sequence,
            done.bundle.display(),
            report::words(r.decision.as_str())
        );
        say_stamp(&done.timestamp, &done.bundle, false);
        say_log(&done.log, false);
        let vouch = |trusted: bool| {
            if trusted {
                "in your trust list"
            } else if a.trust.trust.is_some() {
                "NOT vouched for by your trust list"
            } else {
                "NOT checked: no trust list"
            }
        };
        outln!(
            "  sealed by: {} {} ({})",
            parties.sealer.identity().describe(),
            parties.sealer.fingerprint,
            vouch(parties.sealer_trusted)
        );
        outln!(
            "  sent by:   {} {} ({})",
            parties.sender.identity().describe(),
            parties.sender.fingerprint,
            vouch(parties.sender_trusted)
        );
        outln!(
            "  your verification: {}{}",
            r.verification.state,
            if r.verification.failures.is_empty() {
                String::new()
            } else {
                format!(" ({})", r.verification.failures.join(", "))
            }
        );
        let named: usize = r.exceptions.iter().map(|g| g.items.len()).sum();
        let accepted = if r.decision == custody_core::event::Decision::Rejected {
            0
        } else {
            r.items_total as usize - named.min(r.items_total as usize)
        };
        outln!("  items: {accepted} of {} accepted", r.items_total);
        for g in &r.exceptions {
            const SHOWN: usize = 10;
            let mut ids = g.items.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
            if g.items.len() > SHOWN {
                ids.push_str(&format!(" and {} more", g.items.len() - SHOWN));
            }
            outln!(
                "  {ids}: {}{}",
                report::words(g.status.as_str()),
                g.reason.as_deref().map(|x| format!(" ({x})")).unwrap_or_default()
            );
        }
        for c in &r.conditions {
            outln!(
                "  condition {}: {}{}",
                c.id,
                if c.accepted { "accepted" } else { "refused" },
                c.reason.as_deref().map(|x| format!(" ({x})")).unwrap_or_default()
            );
        }
        if !r.verification.failures.is_empty() {
            errln!(
                "warning: verification found damage ({}); the damaged items were recorded as not accepted",
                r.verification.failures.join(", ")
            );
        }
        if r.decision.passes_custody() {
            outln!("You are now the custodian of this bundle.");
        } else {
            outln!("Custody stays with the sender.");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// How `custody extract` writes: its flags that shape the output.
struct ExtractHow {
    force: bool,
    portable: bool,
    jobs: usize,
}

fn extract(
    bundle: &Path,
    out: &Path,
    how: ExtractHow,
    trust: &TrustArgs,
    json: bool,
    record: Option<(PathBuf, String, Option<String>)>,
    identity: Option<&Path>,
) -> Result<ExitCode> {
    remove_stale_temps(out);
    let identities = match identity {
        Some(path) => Some(std::sync::Arc::new(encrypt::load_identities(path)?)),
        None => None,
    };
    // The record's inputs are checked before anything is extracted.
    let record = match record {
        Some((key, purpose, capacity)) => Some(statements::RecordRequest::new(&key, purpose, capacity.as_deref())?),
        None => None,
    };
    let trust_list = trust.trust_list()?.map(|t| t.value);
    let tsa_roots = trust.roots()?.map(|r| r.value);
    let counter = std::sync::Arc::new(custody_core::verify::Progress::default());
    let x = report::with_progress("Extracting", &counter, || {
        let opts = custody_core::extract::ExtractOptions::default()
            .with_force(how.force)
            .with_portable(how.portable)
            .with_jobs(how.jobs)
            .with_progress(Some(counter.clone()))
            .with_trust(trust_list.clone())
            .with_tsa_roots(tsa_roots.clone())
            .with_front(custody_core::verify::Front::Cli)
            .with_identities(identities.clone());
        custody_core::extract::extract(bundle, out, &opts)
    })?;
    let invalid = x.report.state == State::Invalid;
    // As for verify: a signer or TSA that the given trust list or roots do not vouch for is
    // a failed check (the files are extracted, and the report beside them says so).
    let untrusted = x.report.state == State::NotTrusted;
    let mut output = ExtractOutput::from(&x);
    if let Some(request) = &record {
        output.record = Some(statements::record_access(bundle, out, request, invalid)?);
    }
    if json {
        print_json(&output);
    } else {
        outln!("Extracted {} file(s), {} into {}", x.files, report::human_bytes(x.bytes), x.out_dir.display());
        if x.attachments > 0 {
            outln!(
                "  and {} attached file(s) (documents, examination results) under {}/",
                x.attachments,
                x.out_dir.join(custody_core::extract::ATTACHMENTS_OUT).display()
            );
        }
        outln!("  verification: {}", x.report.summary);
        if !x.renamed.is_empty() {
            outln!(
                "  {} file(s) written under a portable name, listed in {}",
                x.renamed.len(),
                x.out_dir.join(custody_core::extract::RENAMED_NAME).display()
            );
        }
        if x.direction_names > 0 {
            errln!(
                "warning: {} file name(s) hold a text-direction character and were written as sealed: they may \
                 show in another order than their true one (--portable writes them as U+XXXX)",
                x.direction_names
            );
        }
        if invalid {
            errln!(
                "warning: the bundle is INVALID; the files were extracted for examination only (see {})",
                out.join(custody_core::extract::INVALID_MARKER).display()
            );
        }
        if untrusted {
            // Who is not vouched for, in the trust checks' own words (each names the key).
            let failed = x.report.checks.iter().filter(|c| c.level == custody_core::check::Level::Fail);
            for c in failed.take(10) {
                errln!("warning: NOT TRUSTED: {}: {}", c.code, c.message);
            }
        }
        if let Some(r) = &output.record {
            statements::say_record(r);
        }
    }
    // The same verdict as `untrusted || invalid`: the library's one exit policy.
    Ok(ExitCode::from(exit::for_state(x.report.state).code()))
}

fn timestamp(bundle: &Path, tsa: Option<&str>, out: Option<&Path>, json: bool) -> Result<ExitCode> {
    let Some(url) = Stamping::from_env(config::tsa_url(tsa)?.as_deref()).map(|s| s.url) else {
        bail!(
            "no timestamp authority given: use --tsa URL (or set {}, or tsa_url in the configuration file)",
            custody_core::timestamp::TSA_URL_ENV
        );
    };
    before_update(bundle, out)?;
    let r = custody_core::handover::add_tokens(bundle, out, &url)?;
    if json {
        print_json(&TimestampOutput::from(&r));
    } else if r.added.is_empty() {
        outln!(
            "Nothing to do: all {} event(s) of {} already have trusted time; the bundle was not changed",
            r.already,
            bundle.display()
        );
    } else {
        outln!("Added trusted time to {} event(s) of {}:", r.added.len(), r.bundle.display());
        for a in &r.added {
            if let StampOutcome::Stamped { token_path, time, tsa } = a {
                outln!("  {token_path}: {time} from {tsa}");
            }
        }
        if r.already > 0 {
            outln!("  ({} event(s) already had trusted time)", r.already);
        }
        outln!("Check it with: custody verify --tsa-roots TSA-ROOTS.pem {}", r.bundle.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn recover(bundle: &Path, out: Option<&Path>, json: bool) -> Result<ExitCode> {
    if let Some(out) = out {
        remove_stale_temps(out);
        let resumed = custody_core::handover::resume_pending_into(bundle, out)?;
        let pending = PendingOutput::new(resumed.as_ref());
        let done = said_resumed(out, resumed);
        if json {
            let clean = custody_core::append::Recovered { outcome: Recovery::Clean, note: None };
            let output =
                RecoverOutput { out: Some(out.display().to_string()), pending, ..RecoverOutput::new(bundle, &clean) };
            print_json(&output);
        } else if !done {
            outln!("{}: no event pending beside it; nothing to do", out.display());
        }
        return Ok(ExitCode::SUCCESS);
    }
    remove_stale_temps(bundle);
    remove_stale_temps(&custody_core::append::journal_path(bundle));
    let r = custody_core::append::recover(bundle)?;
    if let Some(note) = &r.note {
        errln!("note: {note}");
    }
    let resumed_event = custody_core::handover::resume_pending(bundle)?;
    let pending = PendingOutput::new(resumed_event.as_ref());
    let resumed = said_resumed(bundle, resumed_event);
    if json {
        print_json(&RecoverOutput { pending, ..RecoverOutput::new(bundle, &r) });
        return Ok(ExitCode::SUCCESS);
    }
    match r.outcome {
        Recovery::Clean if resumed => {}
        Recovery::Clean => outln!("{}: no interrupted update; nothing to do", bundle.display()),
        _ => outln!("{}: {}", bundle.display(), recovery_text(&r)),
    }
    Ok(ExitCode::SUCCESS)
}

/// What a recovery did, in words.
fn recovery_text(r: &Recovered) -> String {
    match &r.outcome {
        Recovery::Clean => "no interrupted update".into(),
        Recovery::Completed => "the last update had completed; its matching journal was removed".into(),
        Recovery::NotStarted => {
            "the last update was interrupted before it changed the bundle; its journal matched and was removed".into()
        }
        Recovery::RolledBack { kept, cut, events, torn_event } => {
            let adding = match torn_event {
                Some(n) => format!("event #{n}"),
                None => "an update that adds no event (trusted time), or too little of one to tell".into(),
            };
            format!(
                "an interrupted update was undone using its matching journal. The torn file held {events} complete \
                 event(s) and the unfinished start of {adding}; the bundle now has its {events} event(s) again, as \
                 it was before that update. The bytes that were replaced are kept in {}: the torn file was the \
                 bundle's first {cut} bytes followed by them (on Unix: head -c {cut} BUNDLE | cat - KEPT > torn.zip)",
                kept.display()
            )
        }
    }
}

/// Removes the leftover temporary files of interrupted commands that wrote to `dest`, and
/// says so on stderr; one that cannot be removed is a warning.
fn remove_stale_temps(dest: &Path) {
    for t in fsutil::remove_stale_temps(dest) {
        match t.removed {
            Ok(()) => errln!(
                "Removed {} ({}), left by an interrupted custody command",
                t.path.display(),
                report::human_bytes(t.bytes)
            ),
            Err(e) => errln!(
                "warning: {} was left by an interrupted custody command and cannot be removed ({e}); delete it by hand",
                t.path.display()
            ),
        }
    }
}

/// Before a command changes `bundle` (in place, or into `out`): removes stale temporary
/// files, and finishes an interrupted update in place if its journal matches, saying so on
/// stderr (a journal that does not match stops the command, exit 2).
fn before_update(bundle: &Path, out: Option<&Path>) -> Result<()> {
    match out {
        Some(out) => remove_stale_temps(out),
        None => {
            remove_stale_temps(bundle);
            remove_stale_temps(&custody_core::append::journal_path(bundle));
            if custody_core::append::journal_pending(bundle) {
                let r = custody_core::append::recover(bundle)?;
                if let Some(note) = &r.note {
                    errln!("note: {note}");
                }
                errln!("{}: {}", bundle.display(), recovery_text(&r));
            }
            resume_pending(bundle)?;
        }
    }
    Ok(())
}

/// Completes the event an interrupted command signed and submitted, if one is pending beside
/// `bundle` (resubmitted to the log, appended with its answer), saying so on stderr; a pending
/// event that does not match the bundle stops the command with nothing changed.
/// Returns whether there was one.
fn resume_pending(bundle: &Path) -> Result<bool> {
    Ok(said_resumed(bundle, custody_core::handover::resume_pending(bundle)?))
}

/// Says on stderr what completing a pending event did to `bundle`; returns whether there was one.
fn said_resumed(bundle: &Path, resumed: Option<custody_core::handover::Resumed>) -> bool {
    use custody_core::handover::Resumed;
    use custody_core::tlog::{LogOutcome, wording as w};
    match resumed {
        None => return false,
        Some(Resumed::Appended { sequence, event_type, log, timestamped }) => {
            let logged = match log {
                LogOutcome::Logged { index, size } => Some((index, size)),
                _ => None,
            };
            errln!("{}", w::pending_resumed(bundle.display(), sequence, event_type.as_str(), logged));
            if !timestamped {
                errln!("{}", w::pending_without_token(bundle.display(), sequence));
            }
        }
        Some(Resumed::AlreadyInBundle { sequence }) => {
            errln!("{}", w::pending_already_in_bundle(bundle.display(), sequence))
        }
        Some(_) => {}
    }
    true
}

fn trust_cmd(t: TrustCommand) -> Result<ExitCode> {
    match t {
        TrustCommand::Add { key, file, json } => {
            let k = option_file("KEY.pub", &key, fsutil::load_public_key)?;
            let Some(id) = k.identity else {
                bail!("{} carries no identity; trust lists need one (make keys with `custody keygen`)", key.display());
            };
            let fp = k.key.fingerprint();
            let mut list = if file.exists() { read_trust_text("--file", &file)? } else { TrustListText::new_file() };
            let done = list.add(&fp, &id).map_err(|e| match e {
                EditError::OtherIdentity { differences, .. } => anyhow::anyhow!(
                    "{fp} is already in {} under another identity ({}); nothing was changed. Edit that line if the \
                     holder's identity has really changed",
                    file.display(),
                    differences.join("; ")
                ),
                EditError::CannotComplete { line, .. } => anyhow::anyhow!(
                    "{fp} is in {} without a full identity, and custody could not complete that line; nothing was \
                     changed. Replace it by hand with: {line}",
                    file.display()
                ),
                other => anyhow::anyhow!("{}: {other}; nothing was changed", file.display()),
            })?;
            if done != Addition::AlreadyListed {
                fsutil::write_atomic(&file, list.as_str().as_bytes(), true)?;
            }
            let change = match done {
                Addition::AlreadyListed => output::TrustChange::AlreadyListed,
                Addition::Completed => output::TrustChange::Completed,
                _ => output::TrustChange::Added,
            };
            if json {
                let file = file.display().to_string();
                print_json(&output::TrustAddOutput { file, fingerprint: fp, identity: id, change });
                return Ok(ExitCode::SUCCESS);
            }
            match change {
                output::TrustChange::AlreadyListed => {
                    outln!("Note: {} {fp} is already in {}; nothing was changed", id.describe(), file.display())
                }
                output::TrustChange::Completed => outln!(
                    "Completed {fp} in {}: the line had no full identity, which vouches for no one; it now names {}",
                    file.display(),
                    id.describe()
                ),
                output::TrustChange::Added => outln!("Added {} {fp} to {}", id.describe(), file.display()),
            }
            Ok(ExitCode::SUCCESS)
        }
        TrustCommand::Sign { list, key, json } => {
            let bytes = option_file("LIST", &list, |p| {
                fsutil::read_limited_as(p, custody_core::layout::MAX_VERIFIER_INPUT, "a trust list")
            })?;
            let k = load_key(key.as_deref())?;
            let signature = k.sign(&bytes).map_err(|e| anyhow::anyhow!("{e}"))?;
            // Checked as an importer will check it, so that no unimportable list goes out.
            let signed = SignedTrustList::open(&bytes, &signature, &k.public())
                .map_err(|e| anyhow::anyhow!("{} cannot be signed: {e}; nothing was written", list.display()))?;
            let mut sig_path = list.clone().into_os_string();
            sig_path.push(".sig");
            let sig_path = PathBuf::from(sig_path);
            fsutil::write_atomic(&sig_path, &signature, true)?;
            if json {
                print_json(&output::TrustSignOutput {
                    list: list.display().to_string(),
                    signature: sig_path.display().to_string(),
                    root: signed.root,
                    issued: signed.issued,
                    keys: signed.list.entries().len(),
                });
            } else {
                outln!(
                    "Signed {} ({} keys, issued {}) with {}: wrote {}",
                    list.display(),
                    signed.list.entries().len(),
                    signed.issued,
                    signed.root,
                    sig_path.display()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        TrustCommand::Import { list, root, signature, file, json } => {
            let root_key = option_file("--root", &root, fsutil::load_public_key)?;
            let read = |flag: &str, p: &Path, what: &str| {
                option_file(flag, p, |p| fsutil::read_limited_as(p, custody_core::layout::MAX_VERIFIER_INPUT, what))
            };
            let bytes = read("LIST", &list, "a trust list")?;
            let sig_path = signature.unwrap_or_else(|| {
                let mut s = list.clone().into_os_string();
                s.push(".sig");
                PathBuf::from(s)
            });
            let sig = read("--signature", &sig_path, "a signature")?;
            let signed = SignedTrustList::open(&bytes, &sig, &root_key.key)
                .map_err(|e| anyhow::anyhow!("{} is refused: {e}; nothing was imported", list.display()))?;
            let mut local = if file.exists() { read_trust_text("--file", &file)? } else { TrustListText::new_file() };
            let done = local
                .import(&signed)
                .map_err(|e| anyhow::anyhow!("{} is refused: {e}; nothing was imported", list.display()))?;
            fsutil::write_atomic(&file, local.as_str().as_bytes(), true)?;
            if json {
                print_json(&output::TrustImportOutput {
                    file: file.display().to_string(),
                    root: signed.root,
                    issued: signed.issued,
                    added: done.added,
                    replaced: done.replaced,
                    unchanged: done.unchanged,
                });
            } else {
                let by = root_key.identity.as_ref().map(Identity::describe).unwrap_or_else(|| signed.root.to_string());
                outln!(
                    "Imported {} (signed by {by}, issued {}) into {}: {} added, {} replaced, {} unchanged",
                    list.display(),
                    signed.issued,
                    file.display(),
                    done.added,
                    done.replaced,
                    done.unchanged
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        TrustCommand::List { file, json } => {
            let list = read_trust("--file", &file)?.value;
            if json {
                print_json(&TrustListOutput::from(&list));
            } else {
                for e in list.entries() {
                    outln!(
                        "{}  {} | {} | {} | {}",
                        e.fingerprint,
                        e.name.as_deref().unwrap_or("-"),
                        e.organisation.as_deref().unwrap_or("-"),
                        e.role.map(|r| r.as_str()).unwrap_or("-"),
                        e.jurisdiction.as_deref().unwrap_or("-")
                    );
                    let validity: Vec<String> =
                        [("valid from", e.valid_from), ("valid until", e.valid_until), ("REVOKED at", e.revoked)]
                            .into_iter()
                            .filter_map(|(what, t)| t.map(|t| format!("{what} {t}")))
                            .collect();
                    if !validity.is_empty() {
                        outln!("    {}", validity.join(", "));
                    }
                }
                if list.entries().is_empty() {
                    outln!("(no keys in {})", file.display());
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
