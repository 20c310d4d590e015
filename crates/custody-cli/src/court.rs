//! `custody report`: the court report, as one self-contained HTML file and/or a PDF, from one
//! verification run (issue #16). The work is `custody_core::court_report`; this module reads the
//! arguments, runs the verification as `custody verify` does and words the result.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::Args;
use custody_core::court_report::form::Form;
use custody_core::court_report::{self, Anchor, Format, Languages, ReportContext};
use custody_core::exit;
use custody_core::handover::{self, AttachOptions, Countersigned};
use custody_core::statement::DocumentKind;
use custody_core::verify::{Front, State, VerifyOptions};

use super::output::{RecordedReport, ReportFormat, ReportOutput, WrittenReport};
use super::{TrustArgs, before_update, load_key, parse_date, print_json, report};

pub(crate) const REPORT_HELP: &str =
    "Verifies the bundle as `custody verify` does and writes what it found for people who
will not run custody: a court, a foreign central authority. --out NAME.html writes one HTML
file, --out NAME.pdf a PDF (PDF/A-2b when it conforms, and the output says if not; every font
embedded, made by custody itself: no browser or other program); give --out twice for both, from the same verification run. The PDF lists
at most 300 files per item (2000 in all) and says where the full list is. The HTML file is
self-contained (style and the timeline picture inline), has no script and makes no request of
any kind; it opens offline in any browser and prints. It states the verdict, the restrictions
and transfer conditions, the case, every item and file with its SHA-256, statements, the
custody timeline as a picture, every check with its code, and how to re-verify by hand. It
names this program's version, the time, and the trust list and TSA roots used, with their
SHA-256. The report is written also for an invalid bundle; the command prints each file's
SHA-256.

SOURCE_DATE_EPOCH (seconds since 1970), if set, is the report's and the verification's time
and, without --at, the date the date-based warnings are evaluated at: the same bundle then
gives the same report, byte for byte.

Examples:
  custody report case.zip --out case-report.html
  custody report case.zip --out case-report.html --out case-report.pdf
  custody report case.zip --trust trusted-keys.txt --tsa-roots tsa-roots.pem --out case-report.html
  custody report case.zip --lang fr,en --out rapport.html
  custody report case.zip --lang ar --out case-report-ar.html
  custody report case.zip --out case-report.html --record --key dana.key --capacity central_authority

--lang writes the report's own words (headings, labels, the verdict and what it means, the
timeline's key, each check's area) in French, Spanish, Chinese, Arabic (right to left), Russian
or German; check messages and details stay in English, as the report says. Two languages
(fr,en) give a bilingual report: each label followed by its translation, values shown once.

--form writes a certification form instead of the report, from the same verification run
(docs/court-report.md, Certification forms): fre-902-14, the certification of a qualified
person under US Federal Rules of Evidence 902(13)/(14) (English; --declared within-us or
outside-us, required, picks the declaration under 28 U.S.C. §1746(2) or (1); add
--foreign-business-records for a foreign business's records, e.g. a provider's, certified under
18 U.S.C. §3505); cn-extraction-record, 电子数据提取笔录 with its 固定清单 (Chinese; --lang zh,en
bilingual); mla-execution, a central authority's execution certificate (en or zh). What the
bundle records fills the form (declarant, capture records, every file's SHA-256, signatures
from the seal and countersignatures); the rest are lines to fill by hand. A bundle that does not
verify intact still gets its form, with a warning and the failed checks at the top.
  custody report case.zip --form fre-902-14 --declared outside-us --out fre-902-14.pdf
  custody report case.zip --form cn-extraction-record --lang zh,en --out 提取笔录.html
  custody report case.zip --form mla-execution --out execution-certificate.pdf

--record adds the report to the bundle it describes, as an attached document of kind
verification_report (spec §5.8: made after the fact), so a court copy is bound by hash to the
chain it reports on. An invalid bundle gets its report, but cannot be given a statement.

Exit status: 0 intact or trusted; 1 invalid or not trusted (the report is written); 2 error
(no report written).";

#[derive(Args)]
pub(crate) struct ReportArgs {
    /// The bundle to report on.
    bundle: PathBuf,
    /// Where to write the report (refused if it exists): a name ending in .pdf gives a PDF, in
    /// .html or .htm HTML; other extensions are refused. Give it twice (report.html and report.pdf) for both from one verification.
    #[arg(long, value_name = "FILE", required = true)]
    out: Vec<PathBuf>,
    #[command(flatten)]
    trust: TrustArgs,
    /// Threads for hashing (default: one per CPU).
    #[arg(long, value_name = "N", default_value_t = 0, hide_default_value = true)]
    jobs: usize,
    /// Evaluate the date-based warnings as of this UTC date, YYYY-MM-DD.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    at: Option<custody_core::provenance::Date>,
    /// Add the report to the bundle as a document of kind verification_report (made after the
    /// fact), signed with --key: in place if you hold custody, else as a package for the
    /// custodian to add with `custody add`.
    #[arg(long, requires = "key")]
    record: bool,
    /// Your private key, for --record.
    #[arg(long, value_name = "KEY", requires = "record")]
    key: Option<PathBuf>,
    /// In what capacity you record the report (--record; default: other).
    #[arg(long, value_name = "CAPACITY", requires = "record", default_value = "other")]
    capacity: String,
    /// Where to write the package if you do not hold custody (--record; default: beside the bundle).
    #[arg(long, value_name = "PKG", requires = "record")]
    package: Option<PathBuf>,
    /// The language of the report's words: en, fr, es, zh, ar (right to left), ru or de; two
    /// separated by a comma (fr,en) give a bilingual report, each label followed by its
    /// translation. Values from the bundle are never translated. Default: lang in the
    /// configuration file, else en.
    #[arg(long, value_name = "LANG[,LANG]", value_parser = parse_languages)]
    lang: Option<Languages>,
    /// Write a certification form instead of the report, from the same verification:
    /// fre-902-14 (US FRE 902(13)/(14), English), cn-extraction-record (电子数据提取笔录 with its
    /// 固定清单; zh, or zh,en bilingual) or mla-execution (a central authority's execution
    /// certificate; en or zh). A bundle that does not verify intact still gets its form, with a
    /// warning and the failed checks at the top.
    #[arg(long, value_name = "FORM", value_parser = parse_form, conflicts_with = "record")]
    form: Option<Form>,
    /// For --form fre-902-14 (required there): where the declaration is signed, within-us
    /// (28 U.S.C. §1746(2): the United States, its territories, possessions or commonwealths)
    /// or outside-us (§1746(1)). Not the declarant's country: where they sign.
    #[arg(long, value_name = "WHERE", value_parser = ["within-us", "outside-us"], requires = "form")]
    declared: Option<String>,
    /// For --form fre-902-14: the records are a foreign business's records of regularly
    /// conducted activity (a provider's, not an investigator's capture): adds the foreign
    /// certification of 18 U.S.C. §3505(a)(1)(A)-(D) inside the declaration, and its notice.
    #[arg(long, requires = "form")]
    foreign_business_records: bool,
    /// Print the result as JSON (`schemas/report.schema.json`).
    #[arg(long)]
    pub(crate) json: bool,
}

/// `--form`: the name of a certification form.
fn parse_form(s: &str) -> std::result::Result<Form, String> {
    Form::from_name(s).ok_or_else(|| {
        let names: Vec<&str> = Form::ALL.iter().map(|f| f.name()).collect();
        court_report::words::cli::not_a_form(s, &names.join(", "))
    })
}

/// `--lang`: one language tag, or two separated by a comma.
fn parse_languages(s: &str) -> std::result::Result<Languages, String> {
    Languages::parse(s).ok_or_else(|| court_report::words::cli::not_a_language(s))
}

/// The time of a reproducible build (`SOURCE_DATE_EPOCH`), if set.
fn source_date_epoch() -> Result<Option<custody_core::Timestamp>> {
    let Ok(v) = std::env::var("SOURCE_DATE_EPOCH") else { return Ok(None) };
    let secs: i64 = v.trim().parse().with_context(|| court_report::words::cli::epoch_not_a_number(&v))?;
    match custody_core::Timestamp::from_unix(secs) {
        Some(t) => Ok(Some(t)),
        None => bail!("{}", court_report::words::cli::epoch_unusable(&v)),
    }
}

pub(crate) fn report_command(a: ReportArgs) -> Result<ExitCode> {
    for out in &a.out {
        if out.exists() {
            bail!("{}", court_report::words::cli::out_exists(&out.display().to_string()));
        }
        if Format::of_path(out).is_none() {
            bail!("{}", court_report::words::cli::out_extension(&out.display().to_string()));
        }
    }
    if let [first, .., last] = a.out.as_slice()
        && (a.out.len() > 2 || Format::of_path(first) == Format::of_path(last))
    {
        bail!("{}", court_report::words::cli::out_twice());
    }
    if (a.declared.is_some() || a.foreign_business_records) && a.form != Some(Form::Fre90214) {
        bail!("{}", court_report::form::words::fre_option_only());
    }
    if a.form == Some(Form::Fre90214) && a.declared.is_none() {
        bail!("{}", court_report::form::words::declared_missing(Front::Cli));
    }
    // A form hashes the sealed .zip file, and --record appends to it: neither takes a folder.
    if (a.form.is_some() || a.record) && a.bundle.is_dir() {
        bail!("{}", custody_core::verify::wording::bundle_is_a_folder(&a.bundle.display().to_string()));
    }
    let capacity = if a.record { Some(super::statements::parse_capacity(&a.capacity)?) } else { None };
    let fixed = source_date_epoch()?;
    let trust = a.trust.trust_list()?;
    let roots = a.trust.roots()?;
    let trust_anchor = trust.as_ref().map(|t| Anchor { name: t.path.display().to_string(), sha256: t.sha256 });
    let roots_anchor = roots.as_ref().map(|r| Anchor { name: r.path.display().to_string(), sha256: r.sha256 });
    let languages = match (a.lang, a.form) {
        (Some(l), Some(form)) => court_report::form::languages(form, l).map_err(anyhow::Error::msg)?,
        // A form is written in its own language unless one is asked: the configuration's
        // language is the report's.
        (None, Some(form)) => Languages::from(form.languages()[0]),
        (Some(l), None) => l,
        (None, None) => match super::config::lang(None)? {
            Some(tag) => parse_languages(&tag)
                .map_err(|e| anyhow::anyhow!("{}", court_report::words::cli::language_in_configuration(&e)))?,
            None => Languages::default(),
        },
    };
    let at = a.at.or_else(|| fixed.and_then(|t| t.to_string().get(..10).and_then(|d| d.parse().ok())));
    let counter = std::sync::Arc::new(custody_core::verify::Progress::default());
    let opts = VerifyOptions::default()
        .with_trust(trust.map(|t| t.value))
        .with_jobs(a.jobs)
        .with_progress(Some(counter.clone()))
        .with_tsa_roots(roots.map(|r| r.value))
        .with_at(at);
    let verify = || -> Result<_> {
        Ok(report::with_progress("Verifying", &counter, || custody_core::verify::verify_path(&a.bundle, &opts))?)
    };
    // A form identifies the bundle by the SHA-256 of the bytes verified: hashed before and after
    // the verification, refused if they differ.
    let (mut r, bundle_sha256) = match a.form {
        Some(_) => {
            let v = court_report::form::verify_hashed(&a.bundle, verify)?;
            (v.report, Some(v.sha256))
        }
        None => (verify()?, None),
    };
    if let Some(t) = fixed {
        r.verified_at = t;
    }
    let mut ctx = ReportContext::new(fixed.unwrap_or_else(custody_core::Timestamp::now));
    (ctx.trust_list, ctx.tsa_roots, ctx.languages) = (trust_anchor, roots_anchor, languages);
    if a.form.is_some() {
        ctx.within_us = a.declared.as_deref().map(|d| d == "within-us");
        ctx.foreign_business_records = a.foreign_business_records;
    }
    let mut written = Vec::new();
    for out in &a.out {
        let w = match (a.form, &bundle_sha256) {
            (Some(form), Some(sha)) => court_report::write_form_file(&r, &ctx, form, sha, out)?,
            _ => court_report::write_file(&r, &ctx, out)?,
        };
        let format = match Format::of_path(out) {
            Some(Format::Pdf) => ReportFormat::Pdf,
            _ => ReportFormat::Html,
        };
        let path = out.to_string_lossy().into_owned();
        let pdf_a_error = w.not_archival.as_deref().map(custody_core::text::one_line);
        written.push(WrittenReport { path, format, sha256: w.sha256, pdf_a: w.archival, pdf_a_error });
    }
    let Some(first) = written.first() else { bail!("{}", court_report::words::cli::out_missing()) };
    let sha256 = first.sha256;
    let mut recorded = None;
    if let (Some(key), Some(capacity)) = (a.key.as_deref(), capacity) {
        if r.state == State::Invalid {
            errln!("{}", court_report::words::not_recorded());
        } else {
            recorded = Some(record(&a, key, capacity, &r, &ctx, sha256)?);
        }
    }
    if a.json {
        print_json(&ReportOutput {
            bundle: a.bundle.to_string_lossy().into_owned(),
            report: first.path.clone(),
            sha256,
            outputs: written.clone(),
            state: r.state,
            form: a.form.map(|f| f.name().to_owned()),
            bundle_sha256,
            recorded,
        });
    } else {
        for w in &written {
            outln!("{}", court_report::words::cli::written(a.form.map(Form::name), &w.path));
            outln!("  {}", court_report::words::cli::sha256(w.sha256));
            if w.pdf_a == Some(false) {
                let reason = w.pdf_a_error.as_deref().unwrap_or_default();
                outln!("  {}", court_report::words::pdf_not_archival(reason));
            }
        }
        outln!("  {}", court_report::words::cli::state(r.state.label()));
        match &recorded {
            Some(RecordedReport { event: Some(e), sequence: Some(n), .. }) => {
                outln!("  {}", court_report::words::cli::recorded_event(*n, e))
            }
            Some(RecordedReport { package: Some(p), .. }) => {
                outln!("  {}", court_report::words::cli::recorded_package(p))
            }
            _ => {}
        }
    }
    Ok(ExitCode::from(exit::for_state(r.state).code()))
}

/// Attaches the report just written to the bundle it describes (`--record`): a document of
/// kind `verification_report`, dated and referenced by the report itself.
fn record(
    a: &ReportArgs,
    key: &std::path::Path,
    capacity: custody_core::statement::Capacity,
    r: &custody_core::Report,
    ctx: &ReportContext,
    sha256: custody_core::Sha256Digest,
) -> Result<RecordedReport> {
    let key = load_key(Some(key))?;
    let lang = ctx.languages.first;
    let date = ctx.generated_at.to_string().get(..10).unwrap_or_default().to_owned();
    let reference = court_report::words::record_reference(&sha256.hex());
    let mut opts = AttachOptions::new(
        &key,
        capacity,
        DocumentKind::VerificationReport,
        reference,
        lang.tag().to_owned(),
        date,
        a.out.clone(),
    );
    opts.title = Some(court_report::words::record_title(r.state.label(), &r.verifier.name, &r.verifier.version));
    opts.package = a.package.clone();
    before_update(&a.bundle, None)?;
    Ok(match handover::attach(&a.bundle, None, &opts)? {
        Countersigned::Appended { appended, .. } => RecordedReport {
            event: Some(appended.event_path.clone()),
            sequence: Some(appended.event.sequence),
            package: None,
        },
        Countersigned::Package { path, .. } => {
            RecordedReport { event: None, sequence: None, package: Some(path.to_string_lossy().into_owned()) }
        }
    })
}
