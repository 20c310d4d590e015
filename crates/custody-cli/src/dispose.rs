//! `custody dispose`: the custodian records what became of the evidence (spec §5.11):
//! retention extended (appended like any event), or items returned or destroyed (a new
//! bundle without their files; the original is never changed). The work is
//! `custody_core::handover::dispose`; this module reads the arguments and words the result.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Args;
use custody_core::event::DispositionAction;
use custody_core::handover::{self, DisposeOptions};

use super::output::{DisposeOutput, RemovedItemOutput, StampOutput};
use super::{AppendLogArgs, TsaArgs, before_update, load_key, print_json, report, say_log, say_stamp};

pub(crate) const DISPOSE_HELP: &str =
    "Records, signed with your key as the current custodian, what became of the evidence:

  retention_extended  it may be kept longer (--keep-until); appended to the bundle like any
                      event (in place, crash-safely, or to --out).
  returned            items were returned (--returned-to); writes a NEW bundle (--out).
  destroyed           items were destroyed (--method); writes a NEW bundle (--out).

A return or a destruction writes --out without the items' payload files. The manifest,
still signed by the sealer, keeps their SHA-256 values, so the new bundle proves what was
there; verify reports the items as DISPOSED under your signed record, and stock BagIt tools
validate what remains. The ORIGINAL BUNDLE IS NEVER CHANGED: it still holds the data, and
you must destroy it (and every other copy) by your own secure means.

--items names the items returned or destroyed (item-1,item-2), or `all` for every item still
in the bundle: it is required, so that a forgotten option never records every item gone. A witness
to the destruction countersigns the disposition event afterwards:
  custody countersign NEW.zip --key witness.key --event N --capacity witness

Examples:
  custody dispose case.zip --key alice.key --action destroyed --items item-2 \\
      --method \"secure erasure (NIST SP 800-88 purge)\" \\
      --reason \"data-protection rule: retention period ended\" --out case-after-destruction.zip
  custody dispose case.zip --key alice.key --action returned --returned-to \"Example Hosting Ltd.\" \\
      --reason \"returned to the data holder after trial\" --out case-returned.zip
  custody dispose case.zip --key alice.key --action retention_extended --keep-until 2031-12-31 \\
      --reason \"appeal pending\"

Exit codes: 0 done; 2 error (bundle does not verify, not the custodian, bad item, --out exists).";

#[derive(Args)]
pub(crate) struct DisposeArgs {
    /// The bundle (never changed by a return or a destruction).
    #[arg(value_parser = crate::bundle_file())]
    bundle: PathBuf,
    /// Your private key (you must be the current custodian); default: key in the configuration file.
    #[arg(long, value_name = "KEY")]
    key: Option<PathBuf>,
    /// What was done: retention_extended, returned or destroyed.
    #[arg(long, value_name = "ACTION")]
    action: String,
    /// Why (the rule or decision that required it).
    #[arg(long, value_name = "TEXT")]
    reason: String,
    /// The items returned or destroyed (item-1,item-2), or `all` for every item left; required
    /// for returned and destroyed.
    #[arg(long, value_name = "ITEMS", value_delimiter = ',')]
    items: Vec<String>,
    /// How the evidence was destroyed (required for destroyed).
    #[arg(long, value_name = "TEXT")]
    method: Option<String>,
    /// To whom it was returned (required for returned).
    #[arg(long, value_name = "WHOM")]
    returned_to: Option<String>,
    /// The new date until which it may be kept (required for retention_extended).
    #[arg(long, value_name = "YYYY-MM-DD")]
    keep_until: Option<String>,
    /// The legal basis (instrument and article).
    #[arg(long, value_name = "TEXT")]
    legal_basis: Option<String>,
    /// The new bundle (required for returned and destroyed; must not exist).
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

pub(crate) fn dispose(a: DisposeArgs) -> Result<ExitCode> {
    let Some(action) = DispositionAction::parse(&a.action) else {
        bail!("--action '{}' is not a disposition; use one of {}", a.action, DispositionAction::NAMES.join(", "));
    };
    if action != DispositionAction::RetentionExtended && a.out.is_none() {
        bail!(
            "--action {} writes a new bundle without the items' files: give --out NEW.zip (the original is never changed)",
            action.as_str()
        );
    }
    let items = match a.items.as_slice() {
        [] if action != DispositionAction::RetentionExtended => bail!(
            "--action {} needs --items: name the items (--items item-2,item-3), or give --items all for every item \
             still in the bundle",
            action.as_str()
        ),
        [all] if all == "all" => None,
        [] => None,
        named => Some(named.to_vec()),
    };
    let keep_until = match &a.keep_until {
        Some(d) => match d.parse() {
            Ok(d) => Some(d),
            Err(_) => bail!("--keep-until '{d}' is not a date YYYY-MM-DD that exists"),
        },
        None => None,
    };
    let key = load_key(a.key.as_deref())?;
    let mut opts = DisposeOptions::new(&key, action, a.reason);
    let d = &mut opts.disposition;
    d.items = items;
    (d.method, d.returned_to, d.keep_until, d.legal_basis) = (a.method, a.returned_to, keep_until, a.legal_basis);
    opts.stamping = a.tsa.stamping()?;
    opts.log_optional = a.append_log.log_optional;
    before_update(&a.bundle, a.out.as_deref())?;
    let done = handover::dispose(&a.bundle, a.out.as_deref(), &opts)?;
    let ev = &done.appended;
    if a.json {
        print_json(&DisposeOutput {
            bundle: ev.bundle.to_string_lossy().into_owned(),
            original: a.bundle.to_string_lossy().into_owned(),
            event: ev.event_path.clone(),
            sequence: ev.event.sequence,
            time: ev.event.time,
            disposition: ev.event.disposition.clone().unwrap_or_else(|| opts.disposition.clone()),
            removed: done
                .removed
                .iter()
                .map(|r| RemovedItemOutput { item: r.item.clone(), files: r.files.clone(), bytes: r.bytes })
                .collect(),
            original_still_holds_data: !done.removed.is_empty(),
            timestamp: StampOutput::from(&ev.timestamp),
        });
        say_stamp(&ev.timestamp, &ev.bundle, true);
        say_log(&ev.log, true);
        return Ok(ExitCode::SUCCESS);
    }
    let what = action.as_str().replace('_', " ");
    outln!("Disposition ({what}) recorded as event #{} in {}", ev.event.sequence, ev.bundle.display());
    if let Some(k) = ev.event.disposition.as_ref().and_then(|d| d.keep_until) {
        outln!("  keep until: {k}");
    }
    for r in &done.removed {
        outln!("  removed {}: {} file(s), {} bytes", r.item, r.files.len(), r.bytes);
    }
    say_stamp(&ev.timestamp, &ev.bundle, false);
    say_log(&ev.log, false);
    if !done.removed.is_empty() {
        outln!("The new bundle holds no file of these items; its signed manifest still proves what they were.");
        outln!(
            "The original, {}, is unchanged and STILL HOLDS THE DATA: destroy it, and every other copy, by your own secure means.",
            a.bundle.display()
        );
        outln!("A witness may countersign the disposition:");
        outln!(
            "  custody countersign {} --key WITNESS.key --event {} --capacity witness",
            ev.bundle.display(),
            ev.event.sequence
        );
    }
    Ok(ExitCode::SUCCESS)
}
