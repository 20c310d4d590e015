//! Sealing: turning captured files into a signed bundle, in named steps.
//!
//! [`seal`] is the one verb; [`SealOptions`] says what to seal and how. The steps, each in
//! its own file:
//!
//! 1. **plan** (`plan`): resolve every input, list its files, give them their
//!    bundle paths, check names (spec §3.4), the case description (before any evidence is
//!    read) and the output's place; read capture tools' files for metadata (`import`);
//! 2. **payload** (`payload`): read and hash every file once, streaming it into the
//!    archive in the same pass;
//! 3. **manifest** (`manifest`): build the manifest from the plan and the digests, and
//!    apply the provenance rules to it;
//! 4. **sign** (`sign`): the seal event over every tag file but the derived `bag-info.txt`
//!    and `manifest-sha256.txt`; it binds the manifest by SHA-256 (the manifest has no
//!    signature of its own, spec §6.3);
//! 5. **stamp**: ask a TSA for trusted time over the seal event's signature, when
//!    [`SealOptions::timestamping`] says so. The token is requested after signing and
//!    before the bundle's tail is written: if the TSA fails (and trusted time is not
//!    optional) no bundle is left behind;
//! 6. **tag files** (`tags`): `bagit.txt`, `HOW-TO-VERIFY.txt`, `bag-info.txt`, the BagIt
//!    manifests, the sealer's key, and the move into place; every entry under the root
//!    folder `custody-<bundle id>/` (spec §2.5).
//!
//! Where the case and each item's description come from (case file, values given with the
//! seal, sidecars) is decided before sealing, by [`inputs`].
//!
//! The bundle is written beside its destination under a temporary name and renamed into
//! place only once complete and on disk, so a failure or a kill leaves no partial bundle
//! behind. Inputs are only read. Symbolic links are refused, not followed: a link's target
//! can change between capture and seal, and a sealed record should say exactly what was read.

pub(crate) mod commitment;
pub mod inputs;
mod manifest;
mod payload;
mod plan;
pub(crate) mod sign;
pub(crate) mod tags;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::casefile::{CaseInput, ItemSpec};
use crate::event::EventType;
use crate::keys::KeyPair;
use crate::layout::{
    BAG_INFO_PATH, BAGIT_PATH, HOW_TO_VERIFY_PATH, MANIFEST_PATH, MAX_MANIFEST_FILE, PAYLOAD_MANIFEST_PATH, event_path,
    key_path, signature_path,
};
use crate::manifest::Signer;
use crate::progress::Progress;
use crate::provenance::ImportedField;
use crate::time::Timestamp;
use crate::timestamp::{StampOutcome, Stamping};
use crate::tlog::{EventFacts, LogOutcome, Logging};
use crate::{Error, digest};

pub use plan::item_id;
pub use tags::{HOW_TO_VERIFY, how_to_verify};

/// One input to seal, with what is declared about it (exhibit, capture provenance, roles
/// of its files).
#[derive(Debug, Clone)]
pub struct ItemInput {
    /// The file or directory to seal; it becomes one item.
    pub path: PathBuf,
    /// What is declared about it.
    pub spec: ItemSpec,
}

impl ItemInput {
    /// An input with what is declared about it.
    pub fn new(path: impl Into<PathBuf>, spec: ItemSpec) -> Self {
        ItemInput { path: path.into(), spec }
    }

    /// An input with nothing declared about it.
    pub fn bare(path: impl Into<PathBuf>) -> Self {
        ItemInput { path: path.into(), spec: ItemSpec::default() }
    }
}

/// What to seal, and how: everything but the key and the output, which [`seal`] takes.
///
/// Build it with `SealOptions::default()` and the `with_*` methods:
///
/// ```
/// # use custody_core::seal::{ItemInput, SealOptions};
/// # use custody_core::casefile::CaseInput;
/// let opts = SealOptions::default()
///     .with_case(CaseInput::new("2026-CT-0412"))
///     .with_item(ItemInput::bare("capture/"))
///     .with_jobs(1);
/// assert!(opts.import, "capture tools' files are read unless turned off");
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct SealOptions {
    /// The case, its legal basis, actors, restrictions and attestations.
    pub case: CaseInput,
    /// The inputs, in order; each becomes one item (`item-1`, `item-2`, ...).
    pub items: Vec<ItemInput>,
    /// Read capture metadata from WARC, WACZ and yt-dlp files among the inputs (default:
    /// yes). It fills in only what was not declared.
    pub import: bool,
    /// Replace an existing output file (never an input). Default: no.
    pub overwrite: bool,
    /// Threads for reading and hashing small files; 0 (the default) means one per CPU, 1 no
    /// parallelism.
    pub jobs: usize,
    /// Ask a timestamp authority for trusted time over the seal event (default: none).
    pub timestamping: Option<Stamping>,
    /// Submit the seal event to a custody log and name the log in the manifest (§6.5;
    /// default: none).
    pub logging: Option<Logging>,
    /// Counts payload bytes as they are sealed, for a progress display.
    pub progress: Option<Arc<Progress>>,
    /// The log salt K (§6.5); random if `None` (fixed only for reproducible output).
    log_salt: Option<[u8; 32]>,
    /// The seal time; the current time if `None` (fixed only for reproducible test vectors).
    time: Option<Timestamp>,
    /// The bundle id; random if `None` (fixed only for reproducible test vectors).
    bundle_id: Option<String>,
    /// The commitment's seed (§5.12); random if `None` (fixed only for reproducible output).
    commitment_seed: Option<[u8; 32]>,
}

impl Default for SealOptions {
    fn default() -> Self {
        SealOptions {
            case: CaseInput::new(""),
            items: Vec::new(),
            import: true,
            overwrite: false,
            jobs: 0,
            timestamping: None,
            logging: None,
            progress: None,
            log_salt: None,
            time: None,
            bundle_id: None,
            commitment_seed: None,
        }
    }
}

impl SealOptions {
    /// The case (a quick seal needs only `CaseInput::new(reference)`).
    pub fn with_case(mut self, case: CaseInput) -> Self {
        self.case = case;
        self
    }

    /// Adds one input.
    pub fn with_item(mut self, item: ItemInput) -> Self {
        self.items.push(item);
        self
    }

    /// Adds inputs, in order.
    pub fn with_items(mut self, items: impl IntoIterator<Item = ItemInput>) -> Self {
        self.items.extend(items);
        self
    }

    /// Whether to read capture metadata from capture tools' files among the inputs.
    pub fn with_import(mut self, import: bool) -> Self {
        self.import = import;
        self
    }

    /// Whether an existing output file may be replaced.
    pub fn with_overwrite(mut self, overwrite: bool) -> Self {
        self.overwrite = overwrite;
        self
    }

    /// Threads for reading and hashing small files (0: one per CPU).
    pub fn with_jobs(mut self, jobs: usize) -> Self {
        self.jobs = jobs;
        self
    }

    /// Asks a timestamp authority for trusted time over the seal event, as `stamping` says.
    pub fn with_timestamping(mut self, stamping: Option<Stamping>) -> Self {
        self.timestamping = stamping;
        self
    }

    /// Submits the seal event to a custody log, as `logging` says, and names the log in the
    /// manifest: every later event of the bundle is then logged too (§6.5).
    pub fn with_logging(mut self, logging: Option<Logging>) -> Self {
        self.logging = logging;
        self
    }

    /// Fixes the log salt K (§6.5) instead of drawing a random one. Only for reproducible
    /// output (test vectors): a known salt links the bundle's entries in the log.
    #[doc(hidden)]
    pub fn with_fixed_log_salt(mut self, salt: [u8; 32]) -> Self {
        self.log_salt = Some(salt);
        self
    }

    /// Counts payload bytes into `progress` while sealing.
    pub fn with_progress(mut self, progress: Arc<Progress>) -> Self {
        self.progress = Some(progress);
        self
    }

    /// Fixes the seal time instead of reading the clock. Only for reproducible output (test
    /// vectors): a real seal records when it happened.
    #[doc(hidden)]
    pub fn with_fixed_time(mut self, time: Timestamp) -> Self {
        self.time = Some(time);
        self
    }

    /// Fixes the bundle id instead of drawing a random one. Only for reproducible output
    /// (test vectors): ids must be unique.
    #[doc(hidden)]
    pub fn with_fixed_bundle_id(mut self, bundle_id: impl Into<String>) -> Self {
        self.bundle_id = Some(bundle_id.into());
        self
    }

    /// Fixes the seed of the salted commitment (§5.12) instead of drawing a random one. Only
    /// for reproducible output (test vectors): a known seed makes every salt guessable.
    #[doc(hidden)]
    pub fn with_fixed_commitment_seed(mut self, seed: [u8; 32]) -> Self {
        self.commitment_seed = Some(seed);
        self
    }
}

/// What a seal produced.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct SealSummary {
    /// The bundle written.
    pub output: PathBuf,
    /// Its bundle id.
    pub bundle_id: String,
    /// How many items it holds.
    pub items: usize,
    /// How many payload files it holds.
    pub files: usize,
    /// The payload's size in bytes.
    pub bytes: u64,
    /// Who sealed it.
    pub signer: Signer,
    /// The seal time.
    pub time: Timestamp,
    /// Capture fields read from capture tools' files: (item id, field, file, key).
    pub imported: Vec<(String, ImportedField)>,
    /// Things the sealer should know, e.g. a capture file that could not be read.
    pub warnings: Vec<String>,
    /// Whether the seal event got trusted time.
    pub timestamp: StampOutcome,
    /// Whether the seal event was logged (§6.5).
    pub log: LogOutcome,
    /// The advisories (spec §5.2.9) that verify raises on this bundle as sealed, evaluated at
    /// the seal's date: a retention already exceeded, a preservation expired, a long gap
    /// between capture and seal, one operator with no witness yet. The sealer learns of them
    /// while they can still act (a countersignature, a corrected case file).
    pub advisories: Vec<crate::check::Check>,
}

/// A refusal of a value given to seal: `field` names it, `why` says what is wrong, `remedy`
/// (if any) what to do; shown as `why; remedy`.
pub(crate) fn bad_input(field: &'static str, why: String, remedy: Option<&str>) -> Error {
    Error::BadInput { field, why, remedy: remedy.map(str::to_owned) }
}

/// Room reserved in the sealer's entry list for the tag files beside the payload: entries, and
/// bytes of their names (a bundle has about a dozen, with short names; more only grows it).
const TAG_ROOM: (usize, usize) = (64, 4096);

/// The path of a payload file in the bundle. A `%` becomes U+FF05 FULLWIDTH PERCENT SIGN:
/// RFC 8493 requires `%` to be escaped as `%25` in manifests, which neither `sha256sum -c`
/// nor the common BagIt validator (bagit.py 1.9) decodes; avoiding it keeps every bundle
/// checkable by stock tools. The exact original name stays in the manifest.
pub fn bundle_path(item_dir: &str, original_name: &str) -> String {
    let mut path = String::with_capacity(item_dir.len() + 1 + original_name.len());
    push_bundle_path(&mut path, item_dir, original_name);
    path
}

/// [`bundle_path`] appended to `buf` (a buffer reused for many files, issue #22).
pub(crate) fn push_bundle_path(buf: &mut String, item_dir: &str, original_name: &str) {
    buf.push_str(item_dir);
    buf.push('/');
    push_escaped(buf, original_name);
}

/// `name` appended to `buf` as a bundle path has it: each `%` as U+FF05 ([`bundle_path`]).
pub(crate) fn push_escaped(buf: &mut String, name: &str) {
    for (i, part) in name.split('%').enumerate() {
        if i > 0 {
            buf.push('\u{FF05}');
        }
        buf.push_str(part);
    }
}

/// A fresh random bundle id.
pub(crate) fn new_bundle_id() -> Result<String, Error> {
    let mut b = [0u8; 16];
    getrandom::fill(&mut b).map_err(|e| Error::Random(e.to_string()))?;
    Ok(digest::hex(&b))
}

/// Seals the inputs in `opts` into a bundle at `output`, signed with `key`.
///
/// Every refusal (a bad input, an inconsistent case description, an output that exists)
/// comes before anything is written; a failure while writing leaves nothing behind.
pub fn seal(key: &KeyPair, output: impl AsRef<Path>, opts: &SealOptions) -> Result<SealSummary, Error> {
    let output = output.as_ref();
    // 1. Plan: every input resolved and checked before anything is read or written.
    let mut plan = plan::plan_inputs(&opts.case.case.reference, &opts.items)?;
    let (imported, warnings) = if opts.import { plan::import_capture(&mut plan) } else { Default::default() };
    let draft = manifest::Draft {
        case: plan::link_documents(&opts.case, &plan)?,
        plan: &plan,
        input: &opts.case,
        sealer: Signer::new(key.public().fingerprint(), &key.identity),
    };
    // Weighed as a draft whose bundle id is still empty (the id is 32 more) and without the
    // log's member (§6.5), added later: its URL, key and salt.
    let log_room = 64 + opts.logging.as_ref().map_or(0, |l| 4096 + l.url.len() as u64);
    draft.check_declared(opts.time.unwrap_or_else(Timestamp::now), log_room)?;
    plan::check_names(&plan)?;
    commitment::check_size(&opts.case, &plan)?;
    plan::check_output(output, &plan.inputs, opts.overwrite)?;

    let time = opts.time.unwrap_or_else(Timestamp::now);
    let bundle_id = match &opts.bundle_id {
        Some(id) => id.clone(),
        None => new_bundle_id()?,
    };
    let signer = draft.sealer.clone();
    let total: u64 = plan.files.iter().map(|f| f.size).sum();
    let mut w = tags::BundleWriter::create(output, time, &bundle_id)?;
    w.add_tag(BAGIT_PATH, crate::bagit::BAGIT_TXT.as_bytes().to_vec())?;
    w.add_tag(HOW_TO_VERIFY_PATH, how_to_verify(&signer).into_bytes())?;

    // 2. Payload: every file read once and hashed in the same pass.
    if let Some(p) = &opts.progress {
        p.set_total(total);
    }
    // The entry list's room, exactly: every payload file's bag path, and the tag files'.
    let mut name_bytes = TAG_ROOM.1;
    let mut path = String::new();
    for f in &plan.files {
        name_bytes += plan.path_into(f, &mut path).len();
    }
    w.archive().reserve(plan.files.len() + TAG_ROOM.0, name_bytes);
    let payload = payload::write_payload(&mut w, &plan, crate::resolve_jobs(opts.jobs), opts.progress.as_deref())?;

    // 3. The manifest, checked in full now that the digests are known.
    let seed = commitment::seed(opts.commitment_seed)?;
    let names = w.archive().entries_frozen().frozen_names();
    let written = manifest::Written { tables: payload.tables, names };
    let mut manifest = draft.finish(written, time, bundle_id.clone(), &seed)?;
    let log_salt = match &opts.logging {
        Some(l) => {
            let salt = match opts.log_salt {
                Some(s) => s,
                None => commitment::random_32()?,
            };
            manifest.log = Some(crate::manifest::LogMember {
                url: l.url.clone(),
                verifier_key: l.key.to_string(),
                salt: digest::Sha256Digest(salt),
            });
            Some(salt)
        }
        None => None,
    };
    // The plan's files and names are in the manifest now: not held while the tag files are
    // written (issue #22).
    let files = plan.files.len();
    drop(draft);
    drop(plan);
    let commitment = commitment::of(&manifest, &seed)?;

    // 4. Tag files and signatures.
    let bag_info = tags::bag_info(time, total, files, &opts.case.case.reference, &bundle_id, &signer);
    w.add_tag(BAG_INFO_PATH, bag_info.into_bytes())?;
    // In path order from the items' indices: no reference to every file collected and sorted.
    let listed = || manifest.files_by_path().map(|f| (f.path, f.sha256));
    w.add_tag_written(PAYLOAD_MANIFEST_PATH, MAX_MANIFEST_FILE, sign::manifest_too_large, &mut |out| {
        crate::bagit::write_sorted_manifest_to(listed(), out)
    })?;
    w.add_tag(&key_path(&signer.fingerprint.hex()), key.public_key_file().into_bytes())?;
    w.add_tag_written(MANIFEST_PATH, MAX_MANIFEST_FILE, sign::manifest_too_large, &mut |out| {
        sign::write_manifest(&manifest, out)
    })?;
    let (event_bytes, event_sig) = sign::seal_event(key, &bundle_id, time, &signer, w.tags(), Some(commitment))?;

    // 5. Trusted time over the seal event's signature, before the bundle's tail is written.
    let epath = event_path(0, EventType::Seal.as_str());
    let (token, timestamp) = crate::timestamp::stamp(opts.timestamping.as_ref(), &epath, &event_sig)?;
    // 5b. The seal event in the custody log (§6.5), before the bundle's tail is written: if
    // the log fails (and logging is not optional) no bundle is left behind.
    let (proof, log) = match (&opts.logging, &log_salt) {
        (Some(l), Some(salt)) => {
            let id = crate::tlog::submit::bundle_id_bytes(&bundle_id)
                .ok_or_else(|| Error::Internal(format!("the bundle id {bundle_id} is not 32 hex digits")))?;
            let sha = digest::Sha256Digest::of(&event_bytes);
            let facts =
                EventFacts { bundle_id: &id, sequence: 0, event_sha256: &sha, fingerprint: &signer.fingerprint.0 };
            l.log_event(salt, facts, None)?
        }
        _ => (None, LogOutcome::NotRequested),
    };
    w.add_tag(&epath, event_bytes)?;
    w.add_tag(&signature_path(&epath), event_sig)?;
    if let Some((path, bytes)) = token {
        w.add_tag(&path, bytes)?;
    }
    if let Some(p) = proof {
        w.add_tag(&crate::layout::log_proof_path(0), p.to_bytes())?;
    }

    // 6. The tag manifest, and the bundle moved into place.
    w.finish(output, opts.overwrite)?;
    Ok(SealSummary {
        output: output.to_path_buf(),
        bundle_id,
        items: manifest.items.len(),
        files,
        bytes: total,
        signer,
        time,
        imported,
        warnings,
        timestamp,
        log,
        advisories: seal_advisories(&manifest, time),
    })
}

/// The advisories of the bundle just sealed with `manifest` at `time`, worded as verify words
/// them: those of the manifest alone, then those of the chain (only the seal, unwitnessed).
fn seal_advisories(manifest: &crate::manifest::Manifest, time: Timestamp) -> Vec<crate::check::Check> {
    use crate::manifest::advisories::{Circumstances, advisories, chain_advisories};
    let on = crate::provenance::Date::of(time);
    let at_seal = Circumstances {
        on,
        sealed_at: Some(time),
        seal_witnessed: false,
        retention_extended_to: None,
        nothing_kept: false,
    };
    let found = advisories(manifest).into_iter().chain(chain_advisories(manifest, &at_seal));
    found
        .map(|a| crate::check::Check {
            code: a.code,
            level: crate::check::Level::Warn,
            message: crate::text::printable(&crate::verify::wording::advisory(&a, crate::wording::Front::Library)),
            path: Some(crate::layout::MANIFEST_PATH.into()),
            more: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{Identity, Role};
    use crate::manifest::files::Building;

    /// A '%' becomes U+FF05 wherever it is (several, first, last); a buffer is appended to.
    #[test]
    fn bundle_paths_replace_every_percent_sign() {
        assert_eq!(bundle_path("data/item-1", "%a%%b%"), "data/item-1/\u{FF05}a\u{FF05}\u{FF05}b\u{FF05}");
        assert_eq!(bundle_path("data/item-2", "plain/x.txt"), "data/item-2/plain/x.txt");
        let mut buf = String::from("kept:");
        push_bundle_path(&mut buf, "data/item-3", "50%");
        assert_eq!(buf, "kept:data/item-3/50\u{FF05}");
    }

    /// Issue #22: the sealed manifest's records are made as the payload is written and refer
    /// to the archive writer's entry names, placed before the names are frozen (no path is
    /// held twice, no digest apart from the table); a record whose entry does not hold its
    /// path copies it and reads the same; tables that do not match the plan are refused.
    #[test]
    fn the_manifest_records_refer_to_the_written_entry_names() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("capture");
        std::fs::create_dir_all(input.join("d")).unwrap();
        for i in 0..50 {
            std::fs::write(input.join("d").join(format!("f{i:02}.txt")), format!("{i}")).unwrap();
        }
        let case = CaseInput::new("C-1");
        let plan = plan::plan_inputs("C-1", &[ItemInput::bare(&input)]).unwrap();
        let k = key();
        let draft = manifest::Draft {
            case: plan::link_documents(&case, &plan).unwrap(),
            plan: &plan,
            input: &case,
            sealer: Signer::new(k.public().fingerprint(), &k.identity),
        };
        let root = crate::archive::Root::bundle(&"0".repeat(32)).unwrap();
        let mut w = crate::archive::ArchiveWriter::new(std::io::Cursor::new(Vec::new()), &root);
        let now = chrono::Utc::now();
        w.add_bytes("bagit.txt", now, b"x").unwrap();
        let (mut path, mut digests) = (String::new(), Vec::new());
        // `shared`: each record placed at its own entry, as the sealer does; `elsewhere`: at
        // the entry before (which holds another name: the path is copied).
        let (mut shared, mut elsewhere) = (Building::with_capacity(50), Building::with_capacity(50));
        for f in &plan.files {
            let p = plan.path_into(f, &mut path);
            w.add_bytes(p, now, b"y").unwrap();
            let d = crate::digest::Sha256Digest::of(p.as_bytes());
            digests.push(d);
            let last = w.entries().len() - 1;
            let (own, before) = (w.entries().place_of(last, p), w.entries().place_of(last - 1, p));
            assert!(own.is_some() && before.is_none());
            shared.push(&plan.record(f, p, d), own).unwrap();
            elsewhere.push(&plan.record(f, p, d), before).unwrap();
        }
        let names = w.entries_frozen().frozen_names();
        let (time, seed) = (Timestamp::now(), commitment::seed(Some([1; 32])).unwrap());
        let id = "0".repeat(32);
        let made = |tables: Vec<Building>| {
            let written = manifest::Written { tables, names: names.clone() };
            draft.finish(written, time, id.clone(), &seed)
        };
        let shared = made(vec![shared]).unwrap();
        let elsewhere = made(vec![elsewhere]).unwrap();
        let files = &shared.items[0].files;
        let copied = crate::manifest::Files::from_records(files.to_records()).unwrap();
        assert_eq!(files.len(), 50);
        assert_eq!(*files, copied);
        assert_eq!(elsewhere.items[0].files, copied, "places of other names: the paths are copied");
        assert!(files.iter().zip(&digests).all(|(f, d)| f.sha256 == d));
        let paths: usize = files.iter().map(|f| f.path.len()).sum();
        assert_eq!(files.held_bytes() + paths, copied.held_bytes(), "no path is held by the records");
        assert_eq!(elsewhere.items[0].files.held_bytes(), copied.held_bytes());
        // A table short of the plan, one too many, or places past the names: refused.
        let mut table = |n: usize, place: Option<(u32, u32)>| {
            let mut t = Building::with_capacity(n);
            for f in plan.files.iter().take(n) {
                let p = plan.path_into(f, &mut path).to_owned();
                t.push(&plan.record(f, &p, digests[0]), place).unwrap();
            }
            t
        };
        let short = made(vec![table(49, None)]).unwrap_err();
        assert!(matches!(short, Error::Internal(ref m) if m.contains("do not match its 50 planned files")), "{short}");
        let more = made(vec![table(50, None), table(1, None)]).unwrap_err();
        assert!(matches!(more, Error::Internal(ref m) if m.contains("more tables")), "{more}");
        let past = made(vec![table(50, Some((u32::try_from(names.len()).unwrap(), 5)))]).unwrap_err();
        assert!(matches!(past, Error::Internal(ref m) if m.contains("names not written")), "{past}");
    }

    fn key() -> KeyPair {
        KeyPair::from_seed(
            [3; 32],
            Identity { name: "N".into(), organisation: "Lab".into(), role: Role::Examiner, jurisdiction: "NL".into() },
        )
    }

    #[test]
    fn progress_counts_every_payload_byte_and_fixed_values_reproduce_the_bundle() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("capture");
        std::fs::create_dir(&input).unwrap();
        std::fs::write(input.join("small.txt"), b"hello").unwrap();
        std::fs::write(input.join("large.bin"), vec![7u8; (2 << 20) + 3]).unwrap();
        let progress = Arc::new(Progress::new());
        let opts = SealOptions::default()
            .with_case(CaseInput::new("P-1"))
            .with_item(ItemInput::bare(&input))
            .with_import(false)
            .with_jobs(2)
            .with_fixed_time(Timestamp::parse_user("2026-01-02T03:04:05Z").unwrap())
            .with_fixed_bundle_id("00112233445566778899aabbccddeeff")
            .with_fixed_commitment_seed([9; 32])
            .with_progress(progress.clone());
        let s = seal(&key(), dir.path().join("a.zip"), &opts).unwrap();
        assert_eq!((s.files, s.bytes), (2, (2 << 20) + 8));
        assert_eq!(progress.get(), (s.bytes, s.bytes));
        assert_eq!(s.bundle_id, "00112233445566778899aabbccddeeff");
        seal(&key(), dir.path().join("b.zip"), &opts).unwrap();
        assert_eq!(std::fs::read(dir.path().join("a.zip")).unwrap(), std::fs::read(dir.path().join("b.zip")).unwrap());
        // An existing output is refused with a remedy that names no command-line flag.
        let e = seal(&key(), dir.path().join("a.zip"), &opts).unwrap_err().to_string();
        assert!(e.contains("already exists") && !e.contains("--"), "{e}");
    }

    /// Entry names count the bundle's root folder (spec §2.5, §3.4): a bag path of 983 bytes
    /// is sealed, one of 984 is refused naming the file, with a remedy.
    #[test]
    fn bag_paths_are_limited_to_983_bytes_for_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let seal_dir = |len: usize| {
            let input = dir.path().join(format!("in{len}"));
            // data/item-1/<input name>/ then folders of 200 bytes, then the file.
            let mut path = input.clone();
            let mut bag = format!("data/item-1/in{len}");
            while len - bag.len() > 201 {
                let part = "d".repeat(200);
                path.push(&part);
                bag = format!("{bag}/{part}");
            }
            std::fs::create_dir_all(&path).unwrap();
            let file = "f".repeat(len - bag.len() - 1);
            std::fs::write(path.join(&file), b"x").unwrap();
            let opts = SealOptions::default()
                .with_case(CaseInput::new("P-1"))
                .with_item(ItemInput::bare(&input))
                .with_import(false)
                .with_fixed_bundle_id("00112233445566778899aabbccddeeff");
            seal(&key(), dir.path().join(format!("{len}.zip")), &opts)
        };
        let s = seal_dir(crate::layout::MAX_BAG_PATH_LEN).unwrap();
        let a = crate::archive::Archive::open(Box::new(std::fs::read(&s.output).unwrap())).unwrap();
        assert!(a.entries().iter().any(|e| e.name.len() == 983), "the longest bag path is sealed");
        let e = seal_dir(crate::layout::MAX_BAG_PATH_LEN + 1).unwrap_err();
        assert!(matches!(e, Error::BadInput { field: "inputs", remedy: Some(_), .. }), "{e}");
        assert!(e.to_string().contains("984 bytes") && e.to_string().contains("983"), "{e}");
    }
}
