//! `custody derive`: a derived bundle (spec §5.13) with chosen items of a bundle and redacted
//! copies of some files, proven by the original's signed commitment. The work is
//! `custody_core::derive`; this module reads the arguments and words the result.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Args;
use custody_core::derive::{self, DeriveOptions, RedactionInput};
use custody_core::verify::wording::derivation as say;

use super::output::{DeriveOutput, LeftOutItemOutput, RecordedDerivationOutput, StampOutput};
use super::{AppendLogArgs, TsaArgs, before_update, load_key, print_json, report, say_log, say_stamp};

pub(crate) const DERIVE_HELP: &str =
    "Writes a NEW bundle, sealed with your key, holding chosen items of a bundle (default: every
item), with some files replaced by redacted copies. It proves, without the original, that
each item, file, the case and the restrictions it carries were sealed in the original: the
original's signed seal event travels with it, and each carried part comes with the salt and
audit path of its leaf in the original's Merkle commitment. Nothing of the items left out is
revealed (only how many there are).

THE ORIGINAL GETS ONE EVENT APPENDED, nothing else changes: as its current custodian you
record in it a signed `derivation` event naming the new bundle, the items it carries and how
many files are redacted (not which, nor their content), appended like a transfer (in place,
crash-safely). The new bundle names the original's latest event before that one. If you hold
a copy but are not the custodian, derive is refused: ask the custodian, or give --no-record
(the original then does not show this copy; tell whoever receives it). The custodian may give
--no-record too (an original on read-only media): the copy is the same, but the original then
lacks the derivation event, so its later holders do not see that this copy left, nor its
bundle id, items or number of redacted files.

Items a receipt rejected or marked out of scope are left out by default (said in the
output); naming one with --items is refused unless you give --include-rejected.

A redacted file keeps its path; the new bundle records the original's SHA-256 and size, the
reason and you as redactor, and verify reports it as a redacted copy (derivation.redacted).
Each --reason goes with the --redact before it.

Examples:
  custody derive case.zip --key alice.key --items item-1,item-3 --out for-defence.zip
  custody derive case.zip --key alice.key --out for-defence.zip \\
      --redact item-1/page.html=page-redacted.html --reason \"names of uninvolved third parties\"
  custody verify for-defence.zip
  custody derive their-copy.zip --key bob.key --no-record --out for-defence.zip

Exit codes: 0 written; 2 error (bundle does not verify, unknown or disposed item, an item a
receipt did not accept, a carried item derived from one left out, a redaction of no carried
file, not the custodian without --no-record, --out exists). Nothing is written on an error.";

#[derive(Args)]
pub(crate) struct DeriveArgs {
    /// The original bundle (a derivation event is appended to it, unless --no-record).
    #[arg(value_parser = crate::bundle_file())]
    bundle: PathBuf,
    /// Your private key, which seals the new bundle; default: key in the configuration file.
    #[arg(long, value_name = "KEY")]
    key: Option<PathBuf>,
    /// The items to carry (item-1,item-3); default: every item still in the bundle.
    #[arg(long, value_name = "ITEMS", value_delimiter = ',')]
    items: Vec<String>,
    /// A file to replace by a redacted copy: item-N/NAME=COPY (repeatable; each with a --reason).
    /// Split at the last '=': NAME may contain '=', COPY may not.
    #[arg(long, value_name = "ITEM/NAME=FILE")]
    redact: Vec<String>,
    /// Why the file of the --redact before it is redacted.
    #[arg(long, value_name = "TEXT")]
    reason: Vec<String>,
    /// The new bundle (must not exist).
    #[arg(long, value_name = "NEW.zip")]
    out: PathBuf,
    /// Do not record the derivation in the original (for a holder who is not its custodian, or
    /// a custodian whose original is read-only): the original will not show this copy.
    #[arg(long)]
    no_record: bool,
    /// Carry items a receipt rejected or marked out of scope (left out by default).
    #[arg(long)]
    include_rejected: bool,
    #[command(flatten)]
    tsa: TsaArgs,
    #[command(flatten)]
    append_log: AppendLogArgs,
    /// Print the result as JSON (the same as --format json).
    #[arg(long)]
    pub(crate) json: bool,
}

pub(crate) fn derive(a: DeriveArgs) -> Result<ExitCode> {
    if a.redact.len() != a.reason.len() {
        bail!(
            "{} --redact but {} --reason: give each --redact ITEM/NAME=FILE its own --reason TEXT",
            a.redact.len(),
            a.reason.len()
        );
    }
    let mut opts = DeriveOptions::new();
    for (r, reason) in a.redact.iter().zip(&a.reason) {
        // Split on the last '=': a bundle's file name may hold '=' (a captured page's query), the
        // copy's (the user's own file) may not.
        let Some((path, file)) = r.rsplit_once('=') else {
            bail!("--redact '{r}' is not ITEM/NAME=FILE (e.g. item-1/page.html=page-redacted.html)");
        };
        opts.redactions.push(RedactionInput { path: path.into(), file: file.into(), reason: reason.clone() });
    }
    // "item-1, item-3" as typed with a space: the ids themselves never hold one.
    opts.items = (!a.items.is_empty()).then(|| a.items.iter().map(|i| i.trim().to_owned()).collect());
    opts.stamping = a.tsa.stamping()?;
    opts.log_optional = a.append_log.log_optional;
    opts.no_record = a.no_record;
    opts.include_rejected = a.include_rejected;
    let key = load_key(a.key.as_deref())?;
    if !a.no_record {
        before_update(&a.bundle, None)?;
    }
    // Leftovers of an interrupted derive to the same output (a recorded copy that could not
    // take its name is kept as OUT.derived-BUNDLEID, not among them).
    before_update(&a.out, Some(&a.out))?;
    let done = derive::derive(&a.bundle, &key, &a.out, &opts)?;
    if a.json {
        print_json(&DeriveOutput {
            bundle: done.output.to_string_lossy().into_owned(),
            original: a.bundle.to_string_lossy().into_owned(),
            bundle_id: done.bundle_id.clone(),
            parent_bundle_id: done.parent_bundle_id.clone(),
            recorded: done.recorded.as_ref().map(|r| RecordedDerivationOutput {
                event: r.event_path.clone(),
                sequence: r.event.sequence,
                timestamp: StampOutput::from(&r.timestamp),
            }),
            left_out: done
                .left_out
                .iter()
                .map(|(item, receipt, status)| LeftOutItemOutput {
                    item: item.clone(),
                    receipt: *receipt,
                    status: status.as_str().into(),
                })
                .collect(),
            items: done.items.clone(),
            files: done.files as u64,
            bytes: done.bytes,
            redacted: done.redacted.clone(),
            time: done.time,
            timestamp: StampOutput::from(&done.timestamp),
        });
        say_stamp(&done.timestamp, &done.output, true);
        if let Some(r) = &done.recorded {
            say_log(&r.log, true);
        }
        return Ok(ExitCode::SUCCESS);
    }
    outln!("{}", say::derive_written(done.output.display()));
    outln!("  {}", say::proven(&done.parent_bundle_id, done.items.len()));
    outln!("  {}", say::derive_carried(&done.items, done.files, done.bytes));
    for p in &done.redacted {
        outln!("  {}", say::derive_redacted(p));
    }
    for (item, receipt, status) in &done.left_out {
        outln!("  {}", say::derive_left_out(item, *receipt, status.as_str()));
    }
    say_stamp(&done.timestamp, &done.output, false);
    match &done.recorded {
        Some(r) => {
            outln!("{}", say::derive_recorded(a.bundle.display(), r.event.sequence, &r.event_path));
            say_stamp(&r.timestamp, &a.bundle, false);
            say_log(&r.log, false);
        }
        None => outln!("{}", say::derive_not_recorded(a.bundle.display())),
    }
    outln!("{}", say::derive_check_with(done.output.display()));
    Ok(ExitCode::SUCCESS)
}
