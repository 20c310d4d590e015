//! `custody derive`: a derived bundle (spec §5.13) with chosen items of a bundle and redacted
//! copies of some files, proven by the original's signed commitment. The work is
//! `custody_core::derive`; this module reads the arguments and words the result.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Args;
use custody_core::derive::{self, DeriveOptions, RedactionInput};

use super::output::{DeriveOutput, StampOutput};
use super::{Format, TsaArgs, load_key, print_json, report, say_stamp};

pub(crate) const DERIVE_HELP: &str =
    "Writes a NEW bundle, sealed with your key, holding chosen items of a bundle (default: every
item), with some files replaced by redacted copies. It proves, without the original, that
each item, file, the case and the restrictions it carries were sealed in the original: the
original's signed seal event travels with it, and each carried part comes with the salt and
audit path of its leaf in the original's Merkle commitment. Nothing of the items left out is
revealed (only how many there are). The ORIGINAL IS NEVER CHANGED.

A redacted file keeps its path; the new bundle records the original's SHA-256 and size, the
reason and you as redactor, and verify reports it as a redacted copy (derivation.redacted).
Each --reason goes with the --redact before it.

Examples:
  custody derive case.zip --key alice.key --items item-1,item-3 --out for-defence.zip
  custody derive case.zip --key alice.key --out for-defence.zip \\
      --redact item-1/page.html=page-redacted.html --reason \"names of uninvolved third parties\"
  custody verify for-defence.zip

Exit codes: 0 written; 2 error (bundle does not verify, unknown or disposed item, a carried
item derived from one left out, a redaction of no carried file, --out exists).";

#[derive(Args)]
pub(crate) struct DeriveArgs {
    /// The original bundle (never changed).
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
    #[command(flatten)]
    tsa: TsaArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Print the result as JSON (as --format json).
    #[arg(long)]
    pub(crate) json: bool,
}

impl DeriveArgs {
    pub(crate) fn wants_json(&self) -> bool {
        self.json || self.format == Format::Json
    }
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
    opts.items = (!a.items.is_empty()).then(|| a.items.clone());
    opts.stamping = a.tsa.stamping()?;
    let key = load_key(a.key.as_deref())?;
    let done = derive::derive(&a.bundle, &key, &a.out, &opts)?;
    if a.wants_json() {
        print_json(&DeriveOutput {
            bundle: done.output.to_string_lossy().into_owned(),
            original: a.bundle.to_string_lossy().into_owned(),
            bundle_id: done.bundle_id.clone(),
            parent_bundle_id: done.parent_bundle_id.clone(),
            items: done.items.clone(),
            files: done.files as u64,
            bytes: done.bytes,
            redacted: done.redacted.clone(),
            time: done.time,
            timestamp: StampOutput::from(&done.timestamp),
        });
        say_stamp(&done.timestamp, &done.output, true);
        return Ok(ExitCode::SUCCESS);
    }
    outln!("Derived bundle written: {}", done.output.display());
    outln!("  {}", custody_core::verify::wording::derivation_proven(&done.parent_bundle_id, done.items.len()));
    outln!("  items: {} ({} file(s), {} bytes)", done.items.join(", "), done.files, done.bytes);
    for p in &done.redacted {
        outln!("  redacted: {p}");
    }
    say_stamp(&done.timestamp, &done.output, false);
    outln!(
        "The original, {}, is unchanged. Check the new bundle with: custody verify {}",
        a.bundle.display(),
        done.output.display()
    );
    Ok(ExitCode::SUCCESS)
}
