//! Extraction: getting the evidence out of a bundle, safely, in one pass.
//!
//! The bundle file is opened once. The plan (which entry goes where) comes from the signed
//! manifest read through that open file, and verification then hashes the payload through
//! the same open file, handing each file's bytes to the extractor as it hashes them
//! (a payload sink in the verifier's options): what is written is exactly what was verified, even if the path
//! is swapped for another file meanwhile, and the evidence is read once, not twice.
//!
//! Files go to `<out>/<item id>/<original name>`, where the original name comes from the
//! signed manifest. Names are hostile input like everything else in a bundle: each path
//! component is checked (no `..`, no absolute paths, no separators or control characters,
//! no names Windows reserves), and nothing is ever written outside the output directory or
//! over an existing file. The output directory must not exist: it is created exclusively
//! (so nothing created there meanwhile can be replaced), the files are written into a
//! staging folder inside it, and they are moved into place only when verification passed
//! and every file's SHA-256 matched the manifest. On any failure everything created is
//! removed. An invalid bundle is extracted only when forced, and then marked as such.
//!
//! Extraction only reads the bundle (never through the writers' code: a rollback journal
//! beside it is not opened). The plan (names from the manifest) is in `plan.rs`, the
//! writing of staged files in `writer.rs`; this file runs the whole.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::archive::{Archive, Source};
use crate::fsutil::{self, parent_dir};
use crate::manifest::files::FileView;
use crate::timestamp::TsaRoots;
use crate::trust::TrustList;
use crate::verify::{self, PayloadSinkRef, Report, State, VerifyOptions};
use crate::{Error, Remedy};

mod attachments;
mod plan;
#[cfg(test)]
mod tests;
mod writer;

pub use attachments::ATTACHMENTS_OUT;
use plan::plan;
use writer::{Cleanup, StagingSync, Writer, Written, write_report, write_synced};

/// The file written beside the evidence when an invalid bundle is extracted with force.
pub const INVALID_MARKER: &str = "WARNING-INVALID-BUNDLE.txt";
/// The verification report written with every extraction.
pub const REPORT_NAME: &str = "custody-verify-report.json";
/// Written first at the top of the output directory and removed last: a folder still holding
/// it is an interrupted extraction (a crash or kill leaves it), not evidence.
pub const INCOMPLETE_MARKER: &str = "INCOMPLETE-EXTRACTION.txt";
/// Written when portable names were asked for and a name was mapped: each name as sealed and as written.
pub const RENAMED_NAME: &str = "custody-renamed-files.txt";
/// The staging folder inside the output directory; its contents are moved up when complete.
const STAGING: &str = ".custody-extract.partial";

/// The failure code when the manifest extract planned from is not the one verification
/// checked (the bundle file was rewritten during extraction, or a read failed once).
pub const MANIFEST_CHANGED: &str = crate::check::OperationCode::ExtractManifestChanged.as_str();

/// How to extract. Build it with [`ExtractOptions::default`] and the `with_*` methods; more
/// options may be added without a breaking change.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct ExtractOptions {
    /// Extract even if the bundle fails verification (marked with [`INVALID_MARKER`]).
    pub force: bool,
    /// Threads for hashing (0: one per CPU).
    pub jobs: usize,
    /// Counts the payload bytes as they are verified and written (one pass).
    pub progress: Option<Arc<verify::Progress>>,
    /// Check every signer against this trust list (recorded in the report written).
    pub trust: Option<TrustList>,
    /// Trust timestamp tokens whose TSA chains to one of these roots.
    pub tsa_roots: Option<TsaRoots>,
    /// Whom the report's remedies address (see [`verify::Front`]).
    pub front: verify::Front,
    /// Write names every file system holds (Windows included) and every screen shows as
    /// they are: a name that is not is mapped, and the mapping recorded ([`RENAMED_NAME`]).
    pub portable: bool,
    /// Identities to read an encrypted bundle (an age file) with, decrypted as it is read.
    pub identities: Option<Arc<crate::envelope::Identities>>,
}

impl ExtractOptions {
    /// Writes portable names, mapping those that are not (see [`ExtractOptions::portable`]).
    pub fn with_portable(mut self, portable: bool) -> Self {
        self.portable = portable;
        self
    }

    /// Extracts even if the bundle fails verification (marked with [`INVALID_MARKER`]).
    pub fn with_force(mut self, force: bool) -> Self {
        self.force = force;
        self
    }

    /// Threads for hashing (0: one per CPU).
    pub fn with_jobs(mut self, jobs: usize) -> Self {
        self.jobs = jobs;
        self
    }

    /// Counts the payload bytes into `progress` as they are verified and written.
    pub fn with_progress(mut self, progress: Option<Arc<verify::Progress>>) -> Self {
        self.progress = progress;
        self
    }

    /// Checks every signer against `trust` (recorded in the report written).
    pub fn with_trust(mut self, trust: Option<TrustList>) -> Self {
        self.trust = trust;
        self
    }

    /// Trusts timestamp tokens whose TSA chains to one of `roots`.
    pub fn with_tsa_roots(mut self, roots: Option<TsaRoots>) -> Self {
        self.tsa_roots = roots;
        self
    }

    /// Words the report's remedies for `front` (the library's caller by default).
    pub fn with_front(mut self, front: verify::Front) -> Self {
        self.front = front;
        self
    }

    /// Reads an encrypted bundle (an age file) with `identities`, decrypted as it is read
    /// (no plaintext copy on disk); a plain bundle is read as it is.
    pub fn with_identities(mut self, identities: Option<Arc<crate::envelope::Identities>>) -> Self {
        self.identities = identities;
        self
    }
}

/// What an extraction wrote.
#[derive(Debug)]
pub struct Extracted {
    /// The output directory.
    pub out_dir: PathBuf,
    /// How many files were written.
    pub files: usize,
    /// How many bytes of evidence they hold.
    pub bytes: u64,
    /// The verification report (also written beside the evidence as [`REPORT_NAME`]).
    pub report: Report,
    /// Files whose content did not match the manifest, or attached files that did not match
    /// their statement (only with force).
    pub mismatched: Vec<String>,
    /// How many attached files (documents, examination results; spec §5.8, §5.9) were
    /// written under [`ATTACHMENTS_OUT`].
    pub attachments: usize,
    /// With portable names: the files written under another name, as (sealed, written) relative
    /// paths; also written as [`RENAMED_NAME`].
    pub renamed: Vec<(String, String)>,
    /// How many files were written under a name that holds a text-direction character (as
    /// sealed, without portable names): such a name can show in another order than its true
    /// one (`photo` U+202E `gpj.exe` shows as `photoexe.jpg`).
    pub direction_names: usize,
}

/// Verifies `bundle` and extracts its evidence into the new directory `out_dir`, in one
/// pass over the payload (see the module documentation).
pub fn extract(bundle: &Path, out_dir: &Path, opts: &ExtractOptions) -> Result<Extracted, Error> {
    extract_with(bundle, out_dir, opts, &|| {}, &|| {})
}

/// [`extract`], calling `opened` once the bundle file is open (tests swap the file there)
/// and `planned` once the plan is made (tests rewrite the manifest in place there).
pub(super) fn extract_with(
    bundle: &Path,
    out_dir: &Path,
    opts: &ExtractOptions,
    opened: &dyn Fn(),
    planned: &dyn Fn(),
) -> Result<Extracted, Error> {
    if out_dir.symlink_metadata().is_ok() {
        return Err(Error::Exists {
            path: out_dir.into(),
            hint: "extract never writes into an existing path; name a new directory",
        });
    }
    if fs::metadata(bundle).map_err(Error::io(bundle))?.is_dir() {
        return Err(Error::BadInput {
            field: "bundle",
            why: format!("{}: it is a directory, not a bundle file", bundle.display()),
            remedy: None,
        });
    }
    // The file as it is: a journal beside it is never read (see crate::append), and nothing
    // of the writers' code runs here.
    let file = File::open(bundle).map_err(Error::io(bundle))?;
    let (source, damage) = open_source(bundle, file, opts)?;
    let damaged =
        || damage.as_ref().and_then(|d| d.get()).map(|source| Error::Envelope { path: bundle.into(), source });
    opened();
    // A file that does not open as an archive fails verification: nothing can be extracted,
    // even with --force, and it is reported like any other invalid bundle (exit 1).
    let archive = Archive::open(source).map_err(|e| match e {
        crate::archive::ArchiveError::UnsupportedFormat(version) => {
            Error::UnsupportedFormat { path: bundle.into(), version }
        }
        e => Error::Invalid {
            path: bundle.into(),
            checks: vec![e.code().to_string()],
            remedy: Remedy::FreshCopy { forced: opts.force },
        },
    })?;
    let plan = Arc::new(plan(&archive, opts.portable)?);

    // Created exclusively: an existing (even empty) directory is never taken over. Created and
    // registered under the guard: a Ctrl-C between the two would leak it; until it is
    // complete, an interruption removes it whole.
    let no_interruption_now = fsutil::update_guard();
    // Private (0700 on Unix), like the bundle's 0600: evidence is not for other users of the
    // machine. It stays so; the owner widens it if the evidence is to be shared.
    let mut private = fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut private, 0o700);
    private.create(out_dir).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => Error::Exists {
            path: out_dir.into(),
            hint: "extract never writes into an existing path; name a new directory",
        },
        _ => Error::Io { path: out_dir.into(), source: e },
    })?;
    fsutil::register_temp(out_dir);
    drop(no_interruption_now);
    let mut cleanup = Cleanup { dir: out_dir, armed: true };
    write_synced(
        &out_dir.join(INCOMPLETE_MARKER),
        format!(
            "THIS FOLDER IS AN INTERRUPTED EXTRACTION, NOT EVIDENCE.\n\nBundle: {}\n\ncustody extract was stopped \
             (a crash, a kill or a power cut) before it had verified and put every file in place. What is here \
             may be incomplete or unverified. Delete this folder and extract again.\n",
            bundle.display()
        )
        .as_bytes(),
    )?;
    let staging = out_dir.join(STAGING);
    fs::create_dir(&staging).map_err(Error::io(&staging))?;
    // Opened before anything is written into it: the one sync at the end then reports a
    // write-back error of any file written since (see `StagingSync`).
    let staged = StagingSync::open(&staging)?;
    planned();

    let writer = Arc::new(Writer::new(staging.clone(), plan.clone()));
    let vopts = VerifyOptions {
        trust: opts.trust.clone(),
        jobs: opts.jobs,
        progress: opts.progress.clone(),
        tsa_roots: opts.tsa_roots.clone(),
        payload_sink: Some(PayloadSinkRef(writer.clone())),
        front: opts.front,
        ..Default::default()
    };
    let mut report = verify::verify_archive(&archive, &bundle.display().to_string(), &vopts);
    verify::note_journal(&mut report, bundle, vopts.front);
    if let Some(e) = damaged() {
        return Err(e);
    }
    if let Some(e) = writer.failed.lock().ok().and_then(|mut f| f.take()) {
        return Err(e);
    }
    if report.state == State::Invalid && !opts.force {
        let mut codes: Vec<String> = report.failures().into_iter().map(str::to_owned).collect();
        codes.dedup();
        return Err(Error::Invalid { path: bundle.into(), checks: codes, remedy: Remedy::ExamineOrForce });
    }
    // The names and folders come from the manifest plan() read; the digests and times from
    // the manifest verification checked, which must be the same (the file can be rewritten
    // in place between the two reads, and a manifest plan() could not read must not silently
    // give way to the bundle's own paths). A bundle extracted forced as invalid whose
    // verification did not get as far as the manifest has it read again here, and it too
    // must be the one planned from. Without a manifest (forced), there are no digests or
    // times to hold the files to.
    let read_again;
    let described = if plan.same_as(report.manifest.as_ref()) {
        report.manifest.as_ref()
    } else if report.state == State::Invalid && !plan.from_manifest {
        None
    } else {
        read_again = (report.state == State::Invalid).then(|| plan::read_manifest(&archive)).flatten();
        match read_again.as_ref().filter(|m| plan.same_as(Some(m))) {
            Some(m) => Some(m),
            None => {
                return Err(Error::Invalid {
                    path: bundle.into(),
                    checks: vec![MANIFEST_CHANGED.into()],
                    remedy: Remedy::StopWritersAndRetry,
                });
            }
        }
    };
    // Each file's record in that manifest: what its bytes must hash to, and its time. Found by
    // walking its files in path order beside the plan's, once (not a search of every item per
    // file: a bundle of many one-file items would take quadratic time).
    let mut records = InPathOrder::new(described.map(crate::manifest::Manifest::files_by_path).into_iter().flatten());

    let written = std::mem::take(&mut *writer.written.lock().map_err(|_| Error::Internal("lock".into()))?);
    let mut files = 0;
    let mut bytes = 0;
    let mut mismatched = Vec::new();
    // One writer for every file verification did not hash (made on first need: it holds a
    // slot per planned file, and a forced extraction may need it for every file).
    let mut fallback: Option<Writer> = None;
    for (at, p) in plan.files().enumerate() {
        let bundle_path: &str = p.path;
        let Some(entry) = archive.entry(bundle_path) else {
            mismatched.push(format!("{bundle_path} (missing from the bundle)"));
            continue;
        };
        let record = records.record_of(bundle_path);
        let expected = record.map(|f| *f.sha256);
        let differs = match written.get(at).copied().unwrap_or(Written::Not) {
            Written::Not => {
                // Not hashed by verification (possible only for an invalid bundle, e.g. one
                // without a readable payload manifest): copied here, from the same open file.
                let sink = fallback.get_or_insert_with(|| Writer::new(staging.clone(), plan.clone()));
                let d = sink
                    .write(&entry, (at, p), &mut |w| archive.hash_entry(entry, w))
                    .map_err(|e| Error::Archive { path: bundle.into(), source: e })?;
                if let Some(e) = sink.failed.lock().ok().and_then(|mut f| f.take()) {
                    return Err(e);
                }
                !d.crc_ok || expected.is_some_and(|x| x.0 != d.sha256)
            }
            Written::CrcFailed => true,
            // Verification compared every payload file's digest with its line in
            // manifest-sha256.txt, and every line with the manifest: a bundle it did not
            // find invalid has every file as the manifest says.
            Written::Whole if report.state != State::Invalid => false,
            // Extracted forced as invalid: read back and compared here.
            Written::Whole => match expected {
                Some(x) => writer::sha256_of(&p.target(&staging))? != x,
                None => false,
            },
        };
        if let Some(t) = record.and_then(|f| f.modified) {
            writer::set_time(&p.target(&staging), t)?;
        }
        if differs {
            if !opts.force {
                return Err(Error::ContentChanged(bundle_path.to_string()));
            }
            mismatched.push(bundle_path.to_owned());
        }
        files += 1;
        bytes += entry.size;
    }
    drop(records);
    drop(written);
    drop(writer);
    // The files statements attach, beside the evidence (spec §5.8): checked as they are
    // written against the SHA-256 and size their signed statement gives.
    let (attachments, differ) = attachments::write_attachments(&archive, &report, &staging)?;
    if let Some(first) = differ.first().filter(|_| !opts.force) {
        return Err(Error::ContentChanged(first.clone()));
    }
    mismatched.extend(differ);

    let renamed: Vec<(String, String)> =
        plan.files().filter_map(|p| Some((p.sealed_as?.to_owned(), p.rel.to_owned()))).collect();
    if !renamed.is_empty() {
        let mut text = String::from(
            "FILES WRITTEN UNDER ANOTHER NAME (extracted with portable names)\n\nTheir names as sealed hold characters \
             that some systems cannot store or that change how a name is shown. Each line: the name as sealed \
             (escaped), then the name written.\n\n",
        );
        for (from, to) in &renamed {
            text.push_str(&format!("{}\n  -> {to}\n", crate::text::printable(from)));
        }
        write_synced(&staging.join(RENAMED_NAME), text.as_bytes())?;
    }
    write_report(&staging.join(REPORT_NAME), &report)?;
    if report.state == State::Invalid {
        let mut text = format!(
            "THIS EVIDENCE COMES FROM A BUNDLE THAT FAILED VERIFICATION.\n\nBundle: {}\nExtracted with --force for examination only. \
             Do not rely on these files as evidence.\n\nFailed checks:\n",
            bundle.display()
        );
        for c in report.checks.iter().filter(|c| c.level == crate::check::Level::Fail) {
            text.push_str(&format!("  {}  {}\n", c.code, crate::text::printable(&c.message)));
        }
        for m in &mismatched {
            text.push_str(&format!("  content differs from the manifest: {}\n", crate::text::printable(m)));
        }
        write_synced(&staging.join(INVALID_MARKER), text.as_bytes())?;
    }
    if let Some(e) = damaged() {
        return Err(e);
    }
    // Everything checked and written: durable before it is moved into place and reported
    // done (one pass; the files were not synced one by one).
    staged.sync(&staging)?;
    // Move it up into place. The output directory is ours
    // (created exclusively above) and the names were checked not to collide.
    let _no_interruption_now = fsutil::update_guard();
    for e in fs::read_dir(&staging).map_err(Error::io(&staging))? {
        let e = e.map_err(Error::io(&staging))?;
        let to = out_dir.join(e.file_name());
        if to.symlink_metadata().is_ok() {
            return Err(Error::Exists { path: to, hint: "something else wrote into the output directory" });
        }
        fs::rename(e.path(), &to).map_err(Error::io(&to))?;
    }
    fs::remove_dir(&staging).map_err(Error::io(&staging))?;
    // Last: only now is the folder complete.
    let marker = out_dir.join(INCOMPLETE_MARKER);
    fs::remove_file(&marker).map_err(Error::io(&marker))?;
    fsutil::sync_dir(out_dir)?;
    fsutil::sync_dir(&parent_dir(out_dir))?;
    cleanup.armed = false;
    fsutil::forget_temp(out_dir);
    fsutil::record_written(out_dir);
    let direction_names = plan.files().filter(|p| p.direction).count();
    Ok(Extracted { out_dir: out_dir.into(), files, bytes, report, mismatched, attachments, renamed, direction_names })
}

/// The file records of a manifest, looked up in path order: given the records in path order
/// ([`crate::manifest::Manifest::files_by_path`]) and asked for paths in increasing order
/// (the plan's, each once), each lookup steps past the records before it, so that all of
/// them together read each record at most once (linear in the files, whatever the items).
struct InPathOrder<'a, I: Iterator<Item = FileView<'a>>> {
    files: std::iter::Peekable<I>,
}

impl<'a, I: Iterator<Item = FileView<'a>>> InPathOrder<'a, I> {
    fn new(files: I) -> Self {
        InPathOrder { files: files.peekable() }
    }

    /// The record of `path`, if there is one; `path` must follow every path asked for before
    /// (an earlier path is no longer found).
    fn record_of(&mut self, path: &str) -> Option<FileView<'a>> {
        while self.files.next_if(|f| f.path < path).is_some() {}
        self.files.next_if(|f| f.path == path)
    }
}

/// The bundle's bytes: the file as it is, or, for an encrypted bundle (an age file), the file
/// decrypted as it is read, with the record of any chunk that fails authentication.
fn open_source(
    bundle: &Path,
    file: File,
    opts: &ExtractOptions,
) -> Result<(Box<dyn Source>, Option<crate::envelope::Damage>), Error> {
    use crate::envelope::{DecryptedSource, EnvelopeError, Kind, kind_of};
    let refused = |source| Error::Envelope { path: bundle.into(), source };
    let mut head = [0u8; 64];
    let n = verify::read_head(&file, &mut head).map_err(Error::io(bundle))?;
    match (kind_of(&head[..n]), &opts.identities) {
        (Kind::Other, _) => Ok((Box::new(crate::archive::FileSource::new(file).map_err(Error::io(bundle))?), None)),
        (Kind::Age, Some(ids)) => {
            let source = DecryptedSource::open(file, ids).map_err(refused)?;
            let damage = source.damage_handle();
            Ok((Box::new(source), Some(damage)))
        }
        (Kind::Age, None) => Err(refused(EnvelopeError::NeedsIdentity)),
        (Kind::ArmoredAge, _) => Err(refused(EnvelopeError::Armored)),
    }
}
