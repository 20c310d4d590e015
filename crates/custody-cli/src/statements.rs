//! `custody countersign` and `custody add`: a signed statement about a bundle's events by
//! anyone, and the custodian adding statement packages to the chain. The work is
//! `custody_core::handover::{countersign, add}`; this module reads the arguments and words the
//! results.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Args;
use custody_core::handover::{self, AddOptions, CountersignOptions, Countersigned};
use custody_core::statement::Capacity;

use super::output::{
    AccessRecordOutput, AddOutput, AddedStatement, CountersignOutcome, CountersignOutput, StampOutput,
};
use super::{AppendLogArgs, TsaArgs, before_update, load_key, print_json, report, say_log, say_stamp};

pub(crate) const COUNTERSIGN_HELP: &str = "Signs a statement, with your key, about an earlier event of the bundle
(usually the seal, event 0): that you witnessed it, investigated with its signer, hold the
data, translated it... A countersigner needs no custody. The statement names the bundle and
the SHA-256 of the event, never a position in the chain, so statements made on several
copies never fork it.

If you hold custody, the statement is appended at once (without --out, in place,
crash-safely). Otherwise the bundle is left untouched and a package (NAME.custody-statement,
--package, default beside the bundle) is written: give it to the custodian, who adds it with
`custody add`. The custodian may refuse to add it.

Capacities: second_investigator, witness, data_holder, service_provider, translator,
examiner, investigator, prosecutor, central_authority, court, custodian, other.

Examples:
  custody countersign case.zip --key wei.key --event 0 --capacity witness \\
      --statement \"I watched the capture of item-1 on 19 November 2026.\" --language en --place Shanghai
  custody add case.zip --key alice.key case-3fa2c1d0.custody-statement

Exit codes: 0 done; 2 error (bundle does not verify, no such event, bad input).";

pub(crate) const ADD_HELP: &str = "Only the current custodian adds, and not while a transfer waits for its receipt.
Each package is read as untrusted input and checked against the bundle before anything is
written: the bundle it names, the events it concerns with their SHA-256, its author's key and
signature, and the files a document or examination statement attaches. Then one event per
package (of the statement's kind: countersign, document, examination, or access for a record
made by `custody extract --record`) is appended, signed with your key, carrying the statement,
its signature, the author's key file and any attached files.

Example:
  custody add case.zip --key alice.key wei.custody-statement dana.custody-statement

Exit codes: 0 added; 2 error (nothing is written if any package fails).";

#[derive(Args)]
pub(crate) struct CountersignArgs {
    /// The bundle whose event you countersign.
    #[arg(value_parser = crate::bundle_file())]
    bundle: PathBuf,
    /// Your private key (any key: you need not hold custody); default: key in the configuration file.
    #[arg(long, value_name = "KEY")]
    key: Option<PathBuf>,
    /// The event you countersign (0 is the seal).
    #[arg(long, value_name = "N")]
    event: u64,
    /// In what capacity you countersign (witness, second_investigator, ...).
    #[arg(long, value_name = "CAPACITY")]
    capacity: String,
    /// What you state (plain text, at most 4000 characters).
    #[arg(long, value_name = "TEXT")]
    statement: Option<String>,
    /// The language of the statement (a tag such as en, zh-CN).
    #[arg(long, value_name = "LANG")]
    language: Option<String>,
    /// Where you make the statement.
    #[arg(long, value_name = "PLACE")]
    place: Option<String>,
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

#[derive(Args)]
pub(crate) struct AddArgs {
    /// The bundle you hold.
    #[arg(value_parser = crate::bundle_file())]
    bundle: PathBuf,
    /// Your private key (you must be the current custodian); default: key in the configuration file.
    #[arg(long, value_name = "KEY")]
    key: Option<PathBuf>,
    /// The statement packages to add, in order.
    #[arg(value_name = "PKG", required = true)]
    packages: Vec<PathBuf>,
    /// Write the result here and leave the input untouched.
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

/// `--capacity` as given, or an error listing the capacities (spec §5.7).
pub(crate) fn parse_capacity(given: &str) -> Result<Capacity> {
    match Capacity::parse(given) {
        Some(c) => Ok(c),
        None => bail!("--capacity '{given}' is not a capacity; use one of {}", Capacity::NAMES.join(", ")),
    }
}

pub(crate) fn countersign(a: CountersignArgs) -> Result<ExitCode> {
    let capacity = parse_capacity(&a.capacity)?;
    let key = load_key(a.key.as_deref())?;
    let mut opts = CountersignOptions::new(&key, a.event, capacity);
    (opts.text, opts.language, opts.place, opts.package) = (a.statement, a.language, a.place, a.package);
    opts.stamping = a.tsa.stamping()?;
    opts.log_optional = a.append_log.log_optional;
    before_update(&a.bundle, a.out.as_deref())?;
    match handover::countersign(&a.bundle, a.out.as_deref(), &opts)? {
        Countersigned::Appended { appended: done, statement } => {
            let path = done.event.statement_ref().map(|c| c.statement.clone()).unwrap_or_default();
            if a.json {
                print_json(&CountersignOutput {
                    outcome: CountersignOutcome::Appended,
                    bundle: done.bundle.to_string_lossy().into_owned(),
                    package: None,
                    event: Some(done.event_path.clone()),
                    sequence: Some(done.event.sequence),
                    statement: *statement,
                    custodian: done.event.signer.clone(),
                    timestamp: StampOutput::from(&done.timestamp),
                });
                say_stamp(&done.timestamp, &done.bundle, true);
                say_log(&done.log, true);
            } else {
                outln!(
                    "Countersignature of event {} recorded as event #{} in {}",
                    a.event,
                    done.event.sequence,
                    done.bundle.display()
                );
                outln!("  as:        {} ({})", report::words(capacity.as_str()), key.identity.describe());
                outln!("  statement: {path}");
                say_stamp(&done.timestamp, &done.bundle, false);
                say_log(&done.log, false);
            }
        }
        Countersigned::Package { path, statement, custodian } => {
            if a.json {
                print_json(&CountersignOutput {
                    outcome: CountersignOutcome::Package,
                    bundle: a.bundle.to_string_lossy().into_owned(),
                    package: Some(path.to_string_lossy().into_owned()),
                    event: None,
                    sequence: None,
                    statement: *statement,
                    custodian: *custodian,
                    timestamp: StampOutput::NotRequested,
                });
            } else {
                outln!("Countersignature of event {} written to {}", a.event, path.display());
                outln!("  as: {} ({})", report::words(capacity.as_str()), key.identity.describe());
                say_package(&a.bundle.display(), &path.display(), &statement.author, &custodian);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn add(a: AddArgs) -> Result<ExitCode> {
    let key = load_key(a.key.as_deref())?;
    let mut opts = AddOptions::new(&key);
    opts.stamping = a.tsa.stamping()?;
    opts.log_optional = a.append_log.log_optional;
    before_update(&a.bundle, a.out.as_deref())?;
    let done = handover::add(&a.bundle, a.out.as_deref(), &a.packages, &opts)?;
    let bundle = done.last().map_or_else(|| a.bundle.clone(), |d| d.bundle.clone());
    if a.json {
        let added = a
            .packages
            .iter()
            .zip(&done)
            .map(|(p, d)| AddedStatement {
                package: p.to_string_lossy().into_owned(),
                event: d.event_path.clone(),
                sequence: d.event.sequence,
                statement: d.event.statement_ref().map(|c| c.statement.clone()).unwrap_or_default(),
                timestamp: StampOutput::from(&d.timestamp),
            })
            .collect();
        print_json(&AddOutput { bundle: bundle.to_string_lossy().into_owned(), added });
        for d in &done {
            say_stamp(&d.timestamp, &d.bundle, true);
            say_log(&d.log, true);
        }
    } else {
        for (p, d) in a.packages.iter().zip(&done) {
            outln!("{} added as event #{} in {}", p.display(), d.event.sequence, d.bundle.display());
            say_stamp(&d.timestamp, &d.bundle, false);
            say_log(&d.log, false);
        }
        outln!("Verify the result with: custody verify {}", bundle.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// What `custody extract --record` asks for (spec §5.10), checked before anything is
/// extracted: a purpose the format accepts, a capacity, a key that opens.
pub(crate) struct RecordRequest {
    key: custody_core::KeyPair,
    purpose: String,
    capacity: Capacity,
}

impl RecordRequest {
    pub(crate) fn new(key: &std::path::Path, purpose: String, capacity: Option<&str>) -> Result<Self> {
        let body = custody_core::statement::Access { purpose: purpose.clone(), items: None };
        if let Err(e) = custody_core::statement::check_access(&body) {
            bail!("--purpose: {e}; nothing was extracted");
        }
        let capacity = capacity.map(parse_capacity).transpose()?;
        let key = load_key(Some(key))?;
        let capacity = capacity.or_else(|| Capacity::parse(key.identity.role.as_str())).unwrap_or(Capacity::Other);
        Ok(RecordRequest { key, purpose, capacity })
    }
}

/// Records the access after a successful extraction: appended when the key holds custody,
/// otherwise a package for the custodian. A failure here leaves the extraction in place; the
/// error says that the access was not recorded and how to record it.
pub(crate) fn record_access(
    bundle: &std::path::Path,
    out: &std::path::Path,
    r: &RecordRequest,
    invalid: bool,
) -> Result<AccessRecordOutput> {
    let not_recorded = |why: String| {
        anyhow::anyhow!(
            "the files were extracted into {}, but the access was NOT recorded: {why}. To record it, fix this and \
             run `custody extract {} --out NEW-DIR --record --key KEY --purpose TEXT` again (then remove NEW-DIR if \
             you do not need a second copy)",
            out.display(),
            bundle.display()
        )
    };
    if invalid {
        return Err(not_recorded(
            "the bundle failed verification, and an access record is only added to a bundle that verifies".into(),
        ));
    }
    let opts = handover::AccessOptions::new(&r.key, r.capacity, r.purpose.clone());
    let done = handover::access(bundle, &opts).map_err(|e| not_recorded(crate::error_text(&e)))?;
    Ok(match done {
        Countersigned::Appended { appended, statement } => AccessRecordOutput {
            outcome: CountersignOutcome::Appended,
            bundle: appended.bundle.to_string_lossy().into_owned(),
            package: None,
            event: Some(appended.event_path.clone()),
            sequence: Some(appended.event.sequence),
            statement: *statement,
            custodian: appended.event.signer.clone(),
        },
        Countersigned::Package { path, statement, custodian } => AccessRecordOutput {
            outcome: CountersignOutcome::Package,
            bundle: bundle.to_string_lossy().into_owned(),
            package: Some(path.to_string_lossy().into_owned()),
            event: None,
            sequence: None,
            statement: *statement,
            custodian: *custodian,
        },
    })
}

/// The text lines of an access record made by `custody extract --record`.
pub(crate) fn say_record(r: &AccessRecordOutput) {
    let access = r.statement.access.as_ref();
    let purpose = access.map(|a| a.purpose.as_str()).unwrap_or_default();
    match r.outcome {
        CountersignOutcome::Appended => {
            outln!("Access recorded as event #{} in {}", r.sequence.unwrap_or_default(), r.bundle);
            outln!("  purpose: {purpose}");
        }
        CountersignOutcome::Package => {
            let pkg = r.package.as_deref().unwrap_or_default();
            outln!("Access record written to {pkg}");
            outln!("  purpose: {purpose}");
            say_package(&r.bundle, &pkg, &r.statement.author, &r.custodian);
        }
    }
}

/// What to do with a statement package its author could not add (the two lines of
/// [`package_to_add`](custody_core::verify::wording::cli::package_to_add)).
pub(crate) fn say_package(
    bundle: &dyn std::fmt::Display,
    package: &dyn std::fmt::Display,
    author: &custody_core::manifest::Signer,
    custodian: &custody_core::manifest::Signer,
) {
    use custody_core::verify::wording::cli;
    let yours = author.fingerprint == custodian.fingerprint;
    outln!("{}", cli::package_to_add(custodian.identity().describe(), custodian.fingerprint, yours));
    outln!("  {}", cli::add_package_command(bundle, package, yours));
}
