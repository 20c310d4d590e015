//! `custody report`: the court report, one self-contained HTML file from one verification
//! run (issue #16). The work is `custody_core::court_report`; this module reads the
//! arguments, runs the verification as `custody verify` does and words the result.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::Args;
use custody_core::court_report::{self, Anchor, ReportContext};
use custody_core::exit;
use custody_core::verify::VerifyOptions;

use super::output::ReportOutput;
use super::{TrustArgs, parse_date, print_json, report};

pub(crate) const REPORT_HELP: &str = "Verifies the bundle as `custody verify` does and writes what it found as one HTML
file for people who will not run custody: a court, a foreign central authority. The file is
self-contained (style and the timeline picture inline), has no script and makes no request of
any kind; it opens offline in any browser and prints. It states the verdict, the restrictions
and transfer conditions, the case, every item and file with its SHA-256, statements, the
custody timeline as a picture, every check with its code, and how to re-verify by hand. It
names this program's version, the time, and the trust list and TSA roots used, with their
SHA-256. The report is written also for an invalid bundle; the command prints its SHA-256.

SOURCE_DATE_EPOCH (seconds since 1970), if set, is the report's and the verification's time
and, without --at, the date the date-based warnings are evaluated at: the same bundle then
gives the same report, byte for byte.

Examples:
  custody report case.zip --out case-report.html
  custody report case.zip --trust trusted-keys.txt --tsa-roots tsa-roots.pem --out case-report.html

Exit status: 0 intact or trusted; 1 invalid or not trusted (the report is written); 2 error
(no report written).";

#[derive(Args)]
pub(crate) struct ReportArgs {
    /// The bundle to report on.
    bundle: PathBuf,
    /// Where to write the HTML report (refused if it exists).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    #[command(flatten)]
    trust: TrustArgs,
    /// Threads for hashing (default: one per CPU).
    #[arg(long, value_name = "N", default_value_t = 0)]
    jobs: usize,
    /// Evaluate the date-based warnings as of this UTC date, YYYY-MM-DD.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    at: Option<custody_core::provenance::Date>,
    /// Print the result as JSON (`schemas/report.schema.json`).
    #[arg(long)]
    pub(crate) json: bool,
}

/// The time of a reproducible build (`SOURCE_DATE_EPOCH`), if set.
fn source_date_epoch() -> Result<Option<custody_core::Timestamp>> {
    let Ok(v) = std::env::var("SOURCE_DATE_EPOCH") else { return Ok(None) };
    let secs: i64 = v.trim().parse().with_context(|| format!("SOURCE_DATE_EPOCH={v:?} is not a number of seconds"))?;
    match custody_core::Timestamp::from_unix(secs) {
        Some(t) => Ok(Some(t)),
        None => bail!("SOURCE_DATE_EPOCH={v} is not a usable time"),
    }
}

pub(crate) fn report_command(a: ReportArgs) -> Result<ExitCode> {
    if a.out.exists() {
        bail!("{} already exists: choose another --out, or remove it first", a.out.display());
    }
    let fixed = source_date_epoch()?;
    let trust = a.trust.trust_list()?;
    let roots = a.trust.roots()?;
    let name = |p: &Option<PathBuf>| p.as_deref().map(|p| p.display().to_string()).unwrap_or_default();
    let trust_anchor = trust.as_ref().map(|t| Anchor { name: name(&a.trust.trust), sha256: t.sha256 });
    let roots_anchor = roots.as_ref().map(|r| Anchor { name: name(&a.trust.tsa_roots), sha256: r.sha256 });
    let at = a.at.or_else(|| fixed.and_then(|t| t.to_string().get(..10).and_then(|d| d.parse().ok())));
    let counter = std::sync::Arc::new(custody_core::verify::Progress::default());
    let opts = VerifyOptions::default()
        .with_trust(trust.map(|t| t.value))
        .with_jobs(a.jobs)
        .with_progress(Some(counter.clone()))
        .with_tsa_roots(roots.map(|r| r.value))
        .with_at(at);
    let mut r = report::with_progress("Verifying", &counter, || custody_core::verify::verify_path(&a.bundle, &opts))?;
    if let Some(t) = fixed {
        r.verified_at = t;
    }
    let mut ctx = ReportContext::new(fixed.unwrap_or_else(custody_core::Timestamp::now));
    (ctx.trust_list, ctx.tsa_roots) = (trust_anchor, roots_anchor);
    let sha256 = court_report::write_file(&r, &ctx, &a.out)?;
    if a.json {
        print_json(&ReportOutput {
            bundle: a.bundle.to_string_lossy().into_owned(),
            report: a.out.to_string_lossy().into_owned(),
            sha256,
            state: r.state,
        });
    } else {
        outln!("Report written to {}", a.out.display());
        outln!("  state:   {}", r.state.label());
        outln!("  SHA-256: {sha256}");
    }
    Ok(ExitCode::from(exit::for_state(r.state).code()))
}
