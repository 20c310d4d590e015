//! `custody verify` of several bundles (`A.zip B.zip …` or `--each DIR`): the library
//! verifies them in parallel and hands back each report in order; this prints one line per
//! bundle as it arrives (or one element of a JSON array), then the totals, and exits with
//! the batch's status (`exit::for_batch`).

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use custody_core::exit::{self, ExitStatus};
use custody_core::verify::wording::render::batch as words;
use custody_core::verify::{BatchEntry, Report, VerifyOptions, verify_each};

use crate::output::VerifyBatchEntry;
use crate::report;

/// Verifies `bundles` with `opts`, `jobs` workers at a time (0: one per CPU), and prints the
/// summary table, or with `json` a JSON array of [`VerifyBatchEntry`]. With `-q` (text) the
/// table is not printed, as a single verify's report is not: each bundle that is not
/// intact or trusted is said once on stderr, and the exit status tells the rest.
pub fn verify_many(bundles: &[PathBuf], opts: VerifyOptions, jobs: usize, json: bool) -> Result<ExitCode> {
    let mut statuses = Vec::with_capacity(bundles.len());
    let (mut good, mut bad, mut unchecked) = (0, 0, 0);
    let quiet = !json && crate::terminal::quiet();
    let mut out = std::io::stdout().lock();
    if json {
        let _ = out.write_all(b"[\n");
    } else if !quiet {
        let _ = writeln!(out, "{}", table_line(&words::COLUMNS.map(String::from)));
    }
    verify_each(bundles, &opts, jobs, |i, BatchEntry { path, outcome }| {
        let bundle = path.display().to_string();
        let (status, report, error) = match outcome {
            Ok(r) => (exit::for_state(r.state), Some(r), None),
            Err(e) => {
                let reason = e.to_string();
                let (detail, _) = crate::error_detail(&anyhow::Error::new(e));
                (ExitStatus::Error, None, Some((detail, reason)))
            }
        };
        match status {
            ExitStatus::Success => good += 1,
            ExitStatus::Failed => bad += 1,
            ExitStatus::Error => unchecked += 1,
        }
        statuses.push(status);
        if json {
            let entry = VerifyBatchEntry {
                bundle,
                exit_code: status.code(),
                report: report.as_ref(),
                error: error.map(|(detail, _)| detail),
            };
            let text = serde_json::to_string_pretty(&entry).unwrap_or_default();
            let sep = if i + 1 < bundles.len() { "," } else { "" };
            let _ = writeln!(out, "{}{sep}", report::shown_json(&text));
        } else if quiet {
            match (&report, error) {
                (Some(r), _) if status != ExitStatus::Success => {
                    errln!(
                        "{}",
                        custody_core::verify::wording::cli::quiet_verdict(&bundle, r.state.label(), &r.failures())
                    )
                }
                (None, Some((_, reason))) => errln!("{bundle}: {}: {reason}", words::CANNOT_CHECK),
                _ => {}
            }
        } else {
            let cells = match (&report, error) {
                (Some(r), _) => row(&bundle, r),
                (None, Some((_, reason))) => [bundle, words::CANNOT_CHECK.into(), "-".into(), "-".into(), reason],
                (None, None) => return,
            };
            let _ = writeln!(out, "{}", report::one_line(&table_line(&cells)));
        }
        let _ = out.flush();
    });
    if json {
        let _ = out.write_all(b"]\n");
    } else if !quiet {
        let _ = writeln!(out, "\n{}", words::totals(bundles.len(), good, bad, unchecked));
        if bad + unchecked > 0 {
            let _ = writeln!(out, "{}", words::NEXT_STEP);
        }
    }
    Ok(ExitCode::from(exit::for_batch(statuses).code()))
}

/// A report's cells: bundle, state, events, latest event, failed codes.
fn row(bundle: &str, r: &Report) -> [String; 5] {
    let latest = r
        .events
        .last()
        .map_or_else(|| "-".into(), |e| words::latest(e.sequence, e.event_type.as_str(), &e.signer_name));
    let failed: Vec<&str> =
        custody_core::verify::failed_codes(&r.checks).into_iter().map(custody_core::check::CheckCode::as_str).collect();
    let failed = if failed.is_empty() { "-".into() } else { failed.join(", ") };
    let state = custody_core::verify::wording::state_cell(
        r.state.label(),
        r.container.is_some(),
        r.content.as_ref().map(|c| c.holds),
    );
    [bundle.into(), state, r.events.len().to_string(), latest, failed]
}

/// One line of the table: cells separated by two spaces, the first four padded to columns
/// wide enough for most bundles (a longer value pushes the rest along rather than being cut).
fn table_line(cells: &[String; 5]) -> String {
    const WIDTHS: [usize; 4] = [28, 23, 6, 40];
    let mut line = String::new();
    for (cell, width) in cells.iter().zip(WIDTHS) {
        line.push_str(&format!("{cell:<width$}  "));
    }
    line.push_str(&cells[4]);
    line
}
