//! `custody attach` and `custody examine`: a document attached to a bundle after sealing (an
//! MLA request, an order, a translation...), or an examiner's record with its result files,
//! by anyone, the files bound by hash from their signed statement. The work is
//! `custody_core::handover::{attach, examine}`; this module reads the arguments and words the
//! results.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Args;
use custody_core::event::Tool;
use custody_core::handover::{self, AttachOptions, Countersigned, ExamineOptions};
use custody_core::layout::attachment_path;
use custody_core::statement::DocumentKind;

use super::output::{AttachOutput, CountersignOutcome, ExamineOutput, StampOutput};
use super::{AppendLogArgs, TsaArgs, before_update, load_key, print_json, report, say_log, say_stamp};

pub(crate) const ATTACH_HELP: &str = "Attaches a document to the bundle after sealing: an MLA request, an order, an EIO
or EPOC form, a covering letter, a preservation notice, an export approval, a provider's
certificate, a translation. You sign a statement with your key naming the document (kind,
reference, language, date) and each file by SHA-256 and size; the files are stored in the
bundle under custody/attachments/NNNNNN/ with their own names. Anyone may attach: you need
not hold custody.

If you hold custody, the statement and its files are appended at once (without --out, in
place, crash-safely). Otherwise the bundle is left untouched and a package
(NAME.custody-statement, --package, default beside the bundle) holding the statement and the
files is written: give it to the custodian, who adds it with `custody add`.

Kinds: mla_request, order, eio_form, epoc_form, covering_letter, preservation_notice,
export_approval, provider_certificate, translation, verification_report (what `custody
report --record` attaches), other.

Examples:
  custody attach case.zip --key alice.key --kind mla_request --ref MLA-2026-0117 \\
      --language en --date 2026-11-18 --capacity investigator request.pdf annex-1.pdf
  custody attach case.zip --key wei.key --kind translation --ref MLA-2026-0117 \\
      --language zh-CN --date 2026-11-19 --capacity translator request-zh.pdf
  custody add case.zip --key alice.key case-3fa2c1d0.custody-statement

Exit codes: 0 done; 2 error (bundle does not verify, bad file name, bad input).";

#[derive(Args)]
pub(crate) struct AttachArgs {
    /// The bundle to attach the document to.
    #[arg(value_parser = crate::bundle_file())]
    bundle: PathBuf,
    /// Your private key (any key: you need not hold custody); default: key in the configuration file.
    #[arg(long, value_name = "KEY")]
    key: Option<PathBuf>,
    /// What the document is (mla_request, order, eio_form, translation, ...).
    #[arg(long, value_name = "KIND")]
    kind: String,
    /// The document's reference (request number, docket).
    #[arg(long = "ref", value_name = "REF")]
    reference: String,
    /// The language the document is written in (a tag such as en, zh-CN).
    #[arg(long, value_name = "LANG")]
    language: String,
    /// The date the document bears (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: String,
    /// In what capacity you attach it (investigator, prosecutor, translator, ...).
    #[arg(long, value_name = "CAPACITY")]
    capacity: String,
    /// The document's title.
    #[arg(long, value_name = "TITLE")]
    title: Option<String>,
    /// The document's files (1 to 64), stored under their own names.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
    /// Where to write the package if you do not hold custody (default: beside the bundle).
    #[arg(long, value_name = "PKG")]
    package: Option<PathBuf>,
    /// If you hold custody: write the result here and leave the input untouched.
    #[arg(long, value_name = "NEW.zip")]
    out: Option<PathBuf>,
    #[command(flatten)]
    tsa: TsaArgs,
    #[command(flatten)]
    append_log: AppendLogArgs,
    /// Print the result as JSON.
    #[arg(long)]
    pub(crate) json: bool,
}

pub(crate) fn attach(a: AttachArgs) -> Result<ExitCode> {
    let Some(kind) = DocumentKind::parse(&a.kind) else {
        bail!("--kind '{}' is not a document kind; use one of {}", a.kind, DocumentKind::NAMES.join(", "));
    };
    let capacity = super::statements::parse_capacity(&a.capacity)?;
    let key = load_key(a.key.as_deref())?;
    let mut opts = AttachOptions::new(&key, capacity, kind, a.reference, a.language, a.date, a.files);
    (opts.title, opts.package, opts.stamping) = (a.title, a.package, a.tsa.stamping()?);
    opts.log_optional = a.append_log.log_optional;
    before_update(&a.bundle, a.out.as_deref())?;
    match handover::attach(&a.bundle, a.out.as_deref(), &opts)? {
        Countersigned::Appended { appended: done, statement } => {
            let files: Vec<String> =
                statement.attachments().iter().map(|f| attachment_path(done.event.sequence, &f.name)).collect();
            if a.json {
                print_json(&AttachOutput {
                    outcome: CountersignOutcome::Appended,
                    bundle: done.bundle.to_string_lossy().into_owned(),
                    package: None,
                    event: Some(done.event_path.clone()),
                    sequence: Some(done.event.sequence),
                    files,
                    statement: *statement,
                    custodian: done.event.signer.clone(),
                    timestamp: StampOutput::from(&done.timestamp),
                });
                say_stamp(&done.timestamp, &done.bundle, true);
                say_log(&done.log, true);
            } else {
                outln!(
                    "Document {} ({}) attached as event #{} in {}",
                    report::words(kind.as_str()),
                    statement.document.as_ref().map_or("", |d| d.reference.as_str()),
                    done.event.sequence,
                    done.bundle.display()
                );
                outln!("  as:   {} ({})", report::words(capacity.as_str()), key.identity.describe());
                for (path, f) in files.iter().zip(statement.attachments()) {
                    outln!("  file: {path} ({})", report::human_bytes(f.size));
                }
                say_stamp(&done.timestamp, &done.bundle, false);
                say_log(&done.log, false);
            }
        }
        Countersigned::Package { path, statement, custodian } => {
            if a.json {
                print_json(&AttachOutput {
                    outcome: CountersignOutcome::Package,
                    bundle: a.bundle.to_string_lossy().into_owned(),
                    package: Some(path.to_string_lossy().into_owned()),
                    event: None,
                    sequence: None,
                    files: Vec::new(),
                    statement: *statement,
                    custodian: *custodian,
                    timestamp: StampOutput::NotRequested,
                });
            } else {
                outln!("Document {} written to {}", report::words(kind.as_str()), path.display());
                outln!("  as: {} ({})", report::words(capacity.as_str()), key.identity.describe());
                for f in statement.attachments() {
                    outln!("  file: {} ({})", f.name, report::human_bytes(f.size));
                }
                super::statements::say_package(&a.bundle.display(), &path.display(), &statement.author, &custodian);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) const EXAMINE_HELP: &str =
    "Records an examination of the bundle's items: which items you examined, with which
tool, version and parameters, and what you concluded. The result files (your report,
exported findings) are bound by SHA-256 and size from your signed statement and stored in
the bundle under custody/attachments/NNNNNN/ with their own names. You need not hold custody.

If you hold custody, the record and its files are appended at once (without --out, in
place, crash-safely). Otherwise the bundle is left untouched and a package
(NAME.custody-statement, --package, default beside the bundle) is written: give it to the
custodian, who adds it with `custody add`. Item ids (item-1, ...) are listed by
`custody verify`.

Example:
  custody examine case.zip --key dana.key --items item-1,item-2 --tool ExifTool \\
      --tool-version 13.10 --parameters \"-a -G1 -s\" \\
      --conclusion \"No sign of editing in either item.\" --result report.pdf

Exit codes: 0 done; 2 error (bundle does not verify, unknown item, bad input).";

#[derive(Args)]
pub(crate) struct ExamineArgs {
    /// The bundle whose items you examined.
    #[arg(value_parser = crate::bundle_file())]
    bundle: PathBuf,
    /// Your private key (any key: you need not hold custody); default: key in the configuration file.
    #[arg(long, value_name = "KEY")]
    key: Option<PathBuf>,
    /// The items you examined (item ids, comma-separated or repeated).
    #[arg(long, value_name = "ITEM", value_delimiter = ',', required = true)]
    items: Vec<String>,
    /// The tool you used.
    #[arg(long, value_name = "NAME")]
    tool: String,
    /// Its version.
    #[arg(long, value_name = "V")]
    tool_version: String,
    /// How you used it (settings, options; at most 4000 characters; may start with '-').
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    parameters: Option<String>,
    /// What you concluded (at most 16,000 characters).
    #[arg(long, value_name = "TEXT")]
    conclusion: String,
    /// A result file (your report, exported findings); repeat for several.
    #[arg(long = "result", value_name = "FILE")]
    results: Vec<PathBuf>,
    /// In what capacity you examined (default: examiner).
    #[arg(long, value_name = "CAPACITY", default_value = "examiner")]
    capacity: String,
    /// Where to write the package if you do not hold custody (default: beside the bundle).
    #[arg(long, value_name = "PKG")]
    package: Option<PathBuf>,
    /// If you hold custody: write the result here and leave the input untouched.
    #[arg(long, value_name = "NEW.zip")]
    out: Option<PathBuf>,
    #[command(flatten)]
    tsa: TsaArgs,
    #[command(flatten)]
    append_log: AppendLogArgs,
    /// Print the result as JSON.
    #[arg(long)]
    pub(crate) json: bool,
}

pub(crate) fn examine(a: ExamineArgs) -> Result<ExitCode> {
    let capacity = super::statements::parse_capacity(&a.capacity)?;
    let key = load_key(a.key.as_deref())?;
    let tool = Tool { name: a.tool, version: a.tool_version };
    let mut opts = ExamineOptions::new(&key, a.items, tool, a.conclusion);
    (opts.capacity, opts.parameters, opts.results) = (capacity, a.parameters, a.results);
    (opts.package, opts.stamping) = (a.package, a.tsa.stamping()?);
    opts.log_optional = a.append_log.log_optional;
    before_update(&a.bundle, a.out.as_deref())?;
    match handover::examine(&a.bundle, a.out.as_deref(), &opts)? {
        Countersigned::Appended { appended: done, statement } => {
            let files: Vec<String> =
                statement.attachments().iter().map(|f| attachment_path(done.event.sequence, &f.name)).collect();
            if a.json {
                print_json(&ExamineOutput {
                    outcome: CountersignOutcome::Appended,
                    bundle: done.bundle.to_string_lossy().into_owned(),
                    package: None,
                    event: Some(done.event_path.clone()),
                    sequence: Some(done.event.sequence),
                    files,
                    statement: *statement,
                    custodian: done.event.signer.clone(),
                    timestamp: StampOutput::from(&done.timestamp),
                });
                say_stamp(&done.timestamp, &done.bundle, true);
                say_log(&done.log, true);
            } else {
                outln!("Examination recorded as event #{} in {}", done.event.sequence, done.bundle.display());
                outln!("  as:     {} ({})", report::words(capacity.as_str()), key.identity.describe());
                for (path, f) in files.iter().zip(statement.attachments()) {
                    outln!("  result: {path} ({})", report::human_bytes(f.size));
                }
                say_stamp(&done.timestamp, &done.bundle, false);
                say_log(&done.log, false);
            }
        }
        Countersigned::Package { path, statement, custodian } => {
            if a.json {
                print_json(&ExamineOutput {
                    outcome: CountersignOutcome::Package,
                    bundle: a.bundle.to_string_lossy().into_owned(),
                    package: Some(path.to_string_lossy().into_owned()),
                    event: None,
                    sequence: None,
                    files: Vec::new(),
                    statement: *statement,
                    custodian: *custodian,
                    timestamp: StampOutput::NotRequested,
                });
            } else {
                outln!("Examination written to {}", path.display());
                outln!("  as: {} ({})", report::words(capacity.as_str()), key.identity.describe());
                super::statements::say_package(&a.bundle.display(), &path.display(), &statement.author, &custodian);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
