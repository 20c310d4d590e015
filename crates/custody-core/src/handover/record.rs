//! Recording statements: a countersignature made by anyone ([`countersign`]), and the
//! custodian's event that carries a statement into the chain ([`add`], and `countersign`
//! itself when its author holds custody).
//!
//! A statement is signed by its author over the bundle's id and the SHA-256 of the events it
//! concerns (spec §5.7), never over a chain position, so statements made on several copies
//! never fork the chain: only the current custodian appends, in one crash-safe append, the
//! carrying event with the statement, its signature, the author's key file if new, and any
//! attachments (later event types). Anyone else gets a package ([`super::package`]) to give to
//! the custodian. The custodian may refuse to add a statement (spec §12).

use std::path::{Path, PathBuf};

use super::carry::{Proofs, append_carrying};
use super::package::{PACKAGE_SUFFIX, Package, read_package, write_package};
use super::{Appended, Documents, event_time, on_bundle, read_state, read_state_of, refuse_if_invalid, verify_open};
use crate::append::Content;
use crate::archive::{Archive, FileSource};
use crate::digest::Sha256Digest;
use crate::event::{Event, EventType, Tool};
use crate::keys::{KeyPair, PublicKeyFile, public_key_file};
use crate::manifest::Signer;
use crate::rules::Refusal;
use crate::statement::{
    Access, Capacity, Concern, Countersign, STATEMENT_CLOCK_TOLERANCE, STATEMENT_FORMAT, Statement, StatementError,
    StatementKind, check_statement, parse_statement, statement_bytes,
};
use crate::time::Timestamp;
use crate::timestamp::Stamping;
use crate::verify::{self, VerifyOptions};
use crate::{Action, Error};

/// A statement signed by its author, ready to be carried into a bundle.
#[derive(Debug, Clone)]
pub struct SignedStatement {
    /// The statement.
    pub statement: Statement,
    /// Its bytes, as signed.
    pub bytes: Vec<u8>,
    /// The author's signature over them.
    pub signature: Vec<u8>,
    /// The author's public key file.
    pub key_file: Vec<u8>,
}

/// A countersignature to make. Made with [`CountersignOptions::new`]; the optional fields
/// are then set as needed.
#[derive(Clone)]
#[non_exhaustive]
pub struct CountersignOptions<'a> {
    /// The author's key (any key: a countersigner needs no custody).
    pub key: &'a KeyPair,
    /// The event countersigned (usually 0, the seal).
    pub event: u64,
    /// In what capacity the author countersigns.
    pub capacity: Capacity,
    /// What the author states.
    pub text: Option<String>,
    /// The language of `text`.
    pub language: Option<String>,
    /// Where the statement is made.
    pub place: Option<String>,
    /// The time of the statement (and of the carrying event); now if `None`.
    pub time: Option<Timestamp>,
    /// Where to write the package when the author is not the custodian; beside the bundle if
    /// `None`.
    pub package: Option<PathBuf>,
    /// Trusted time for the carrying event, when the author is the custodian.
    pub stamping: Option<Stamping>,
    /// If the custody log the bundle names fails, write the event without its log proof
    /// (spec §6.5, `--log-optional`) instead of failing with nothing written.
    pub log_optional: bool,
}

impl<'a> CountersignOptions<'a> {
    /// `key`'s holder countersigns event `event` in `capacity`, with no text, now.
    pub fn new(key: &'a KeyPair, event: u64, capacity: Capacity) -> Self {
        CountersignOptions {
            key,
            event,
            capacity,
            text: None,
            language: None,
            place: None,
            time: None,
            package: None,
            stamping: None,
            log_optional: false,
        }
    }
}

/// What `countersign` did.
#[derive(Debug, Clone)]
pub enum Countersigned {
    /// The author is the custodian: the statement and its carrying event were appended.
    Appended {
        /// The carrying event appended.
        appended: Box<Appended>,
        /// The statement it carries.
        statement: Box<Statement>,
    },
    /// The author is not the custodian: a package was written for the custodian to add.
    Package {
        /// Where the package was written.
        path: PathBuf,
        /// The statement it holds.
        statement: Box<Statement>,
        /// Who holds the bundle, and so may add it.
        custodian: Box<Signer>,
    },
}

/// An access record to make after an extraction (spec §5.10). Made with
/// [`AccessOptions::new`]; the optional fields are then set as needed.
#[derive(Clone)]
#[non_exhaustive]
pub struct AccessOptions<'a> {
    /// The key of whoever extracted (any key: they need not hold custody).
    pub key: &'a KeyPair,
    /// In what capacity they extracted.
    pub capacity: Capacity,
    /// Why.
    pub purpose: String,
    /// The ids of the items extracted; `None`: every item.
    pub items: Option<Vec<String>>,
    /// The time of the record (and of the carrying event); now if `None`.
    pub time: Option<Timestamp>,
    /// Where to write the package when the author is not the custodian; beside the bundle if
    /// `None`.
    pub package: Option<PathBuf>,
    /// Trusted time for the carrying event, when the author is the custodian.
    pub stamping: Option<Stamping>,
    /// If the custody log the bundle names fails, write the event without its log proof
    /// (spec §6.5, `--log-optional`) instead of failing with nothing written.
    pub log_optional: bool,
}

impl<'a> AccessOptions<'a> {
    /// `key`'s holder extracted every item, in `capacity`, for `purpose`, now.
    pub fn new(key: &'a KeyPair, capacity: Capacity, purpose: String) -> Self {
        AccessOptions {
            key,
            capacity,
            purpose,
            items: None,
            time: None,
            package: None,
            stamping: None,
            log_optional: false,
        }
    }
}

/// Records that `opts.key`'s holder extracted evidence from the bundle (spec §5.10): an
/// `access` statement about the bundle's latest event, signed by them. As for
/// [`countersign`]: appended at once (in place) when they hold custody, otherwise written as a
/// package for the custodian ([`add`]), the bundle untouched. The bundle must verify.
pub fn access(bundle: &Path, opts: &AccessOptions) -> Result<Countersigned, Error> {
    let body = Access { purpose: opts.purpose.clone(), items: opts.items.clone() };
    crate::statement::check_access(&body).map_err(|e| bad_statement("purpose", e))?;
    let how = Recording {
        key: opts.key,
        package: opts.package.as_deref(),
        stamping: opts.stamping.as_ref(),
        log_optional: opts.log_optional,
        package_while_pending: true,
    };
    record_statement(bundle, None, &how, |st| make_access(st, opts, body), Vec::new())
}

/// The access statement about the bundle's latest event: the items it names must be the
/// bundle's, and the author's clock not before that event.
fn make_access(st: &Documents, opts: &AccessOptions, body: Access) -> Result<SignedStatement, Error> {
    items_known(st, body.items.iter().flatten())?;
    let (concern, _) = concern(st, st.last().sequence)?;
    let time = super::event_time(opts.time, st.last())?;
    let statement = Statement {
        format: STATEMENT_FORMAT.into(),
        kind: StatementKind::Access,
        bundle_id: st.manifest.bundle_id.clone(),
        concerns: vec![concern],
        time,
        author: Signer::new(opts.key.public().fingerprint(), &opts.key.identity),
        capacity: opts.capacity,
        tool: Tool::this(),
        countersign: None,
        document: None,
        examination: None,
        access: Some(body),
    };
    check_statement(&statement).map_err(|e| bad_statement("statement", e))?;
    sign_statement(statement, opts.key)
}

/// Countersigns event `opts.event` of the bundle. The bundle's custody documents must
/// verify (its payload is not hashed again). If the key's holder is the current custodian,
/// the statement is appended at once (in `out`, a copy, if given); otherwise it is written
/// as a package for the custodian, and the bundle is left untouched.
pub fn countersign(bundle: &Path, out: Option<&Path>, opts: &CountersignOptions) -> Result<Countersigned, Error> {
    let body = Countersign { text: opts.text.clone(), language: opts.language.clone(), place: opts.place.clone() };
    crate::statement::check_countersign(&body).map_err(|e| bad_statement("statement", e))?;
    let how = Recording {
        key: opts.key,
        package: opts.package.as_deref(),
        stamping: opts.stamping.as_ref(),
        log_optional: opts.log_optional,
        package_while_pending: false,
    };
    record_statement(bundle, out, &how, |st| make_statement(st, opts, body), Vec::new())
}

/// Who records a statement, where its package goes if they do not hold custody, and the
/// trusted time of its carrying event if they do.
pub(super) struct Recording<'a> {
    pub(super) key: &'a KeyPair,
    pub(super) package: Option<&'a Path>,
    pub(super) stamping: Option<&'a Stamping>,
    /// Write the event without its log proof if the custody log fails.
    pub(super) log_optional: bool,
    /// Write a package rather than refuse when the custodian cannot append because a
    /// transfer is pending.
    pub(super) package_while_pending: bool,
}

/// Makes a statement about the bundle (`make`, from its verified custody documents) with its
/// attached files' bytes (in the statement's order), then appends it if the author holds
/// custody, or writes it as a package for the custodian.
pub(super) fn record_statement(
    bundle: &Path,
    out: Option<&Path>,
    how: &Recording,
    make: impl FnOnce(&Documents) -> Result<SignedStatement, Error>,
    attachments: Vec<Content>,
) -> Result<Countersigned, Error> {
    // Read only: an author's copy may be read-only, and only the custodian writes.
    let st = read_only_state(bundle)?;
    let signed = make(&st)?;
    let custodian = st.chain.custodian().clone();
    // A custodian whose transfer waits for its receipt cannot append now (§7.2): if asked
    // (an access record, whose extraction is already done), they get a package to add
    // after the receipt or to pass on; otherwise the append below refuses and says why.
    let pending = how.package_while_pending
        && st.chain.may_record(signed.statement.kind.event_type(), &custodian.fingerprint).is_err();
    if custodian.fingerprint != how.key.public().fingerprint() || pending {
        let pkg = how.package.map(Path::to_path_buf).unwrap_or_else(|| default_package_path(bundle, &signed.bytes));
        let names = signed.statement.attachments().iter().map(|a| a.name.clone());
        let package = Package {
            statement: signed.bytes.clone(),
            signature: signed.signature.clone(),
            key_file: signed.key_file.clone(),
            attachments: names.zip(attachments).collect(),
        };
        write_package(&package, &pkg)?;
        return Ok(Countersigned::Package {
            path: pkg,
            statement: Box::new(signed.statement),
            custodian: Box::new(custodian),
        });
    }
    drop(st);
    let statement = Box::new(signed.statement.clone());
    let (mut appended, path) = on_bundle(bundle, out, |b| {
        let report = verify_open(&b, false, 0, None)?;
        refuse_if_invalid(&report, Action::Record)?;
        let st = read_state(&b)?;
        // The bundle may have changed since it was read: the statement must still hold.
        let still = signed.statement.concerns.iter().all(|c| {
            st.events.iter().any(|(e, bytes)| e.sequence == c.sequence && Sha256Digest::of(bytes) == c.sha256)
        });
        if !still {
            return Err(Error::BadInput {
                field: "bundle",
                why: "the bundle changed while the statement was being made".into(),
                remedy: Some("countersign again".into()),
            });
        }
        let time = signed.statement.time;
        Ok((
            append_carrying(
                b,
                &st,
                how.key,
                signed,
                attachments,
                Some(time),
                Proofs { stamping: how.stamping, log_optional: how.log_optional },
            )?,
            true,
        ))
    })?;
    appended.bundle = path;
    Ok(Countersigned::Appended { appended: Box::new(appended), statement })
}

/// The custody documents of the bundle at `bundle`, opened for reading only, once they
/// verify (without hashing the payload: the cost does not grow with the evidence).
fn read_only_state(bundle: &Path) -> Result<Documents, Error> {
    let file = std::fs::File::open(bundle).map_err(Error::io(bundle))?;
    crate::envelope::refuse_encrypted(&file).map_err(|source| Error::Envelope { path: bundle.into(), source })?;
    let source = FileSource::new(file).map_err(Error::io(bundle))?;
    let archive = Archive::open(Box::new(source)).map_err(|e| Error::Archive { path: bundle.into(), source: e })?;
    let opts = VerifyOptions { skip_payload: true, ..Default::default() };
    refuse_if_invalid(&verify::verify_archive(&archive, &bundle.display().to_string(), &opts), Action::Record)?;
    read_state_of(&archive, bundle)
}

/// The event `sequence` of the bundle as the author sees it, and its SHA-256, or why not.
pub(super) fn concern(st: &Documents, sequence: u64) -> Result<(Concern, Timestamp), Error> {
    let (ev, bytes) = st
        .events
        .iter()
        .find(|(e, _)| e.sequence == sequence)
        .ok_or_else(|| no_such_event(sequence, st.last().sequence))?;
    Ok((Concern { sequence, sha256: Sha256Digest::of(bytes) }, ev.time))
}

/// Every item id in `items` must be one the bundle's manifest describes (an examination's,
/// an access record's items); the error lists the bundle's items.
pub(super) fn items_known<'s>(st: &Documents, items: impl IntoIterator<Item = &'s String>) -> Result<(), Error> {
    let known: std::collections::BTreeSet<&str> = st.manifest.items.iter().map(|i| i.id.as_str()).collect();
    if let Some(unknown) = items.into_iter().find(|i| !known.contains(i.as_str())) {
        let ids: Vec<&str> = known.iter().copied().take(20).collect();
        return Err(Error::BadInput {
            field: "items",
            why: format!("this bundle has no item '{unknown}': its items are {}", ids.join(", ")),
            remedy: Some("name items the bundle holds (the verification report lists them)".into()),
        });
    }
    Ok(())
}

/// A statement may not be made after the event that carries it (beyond the clock tolerance).
pub(super) fn check_not_after(statement: &Statement, time: Timestamp) -> Result<(), Error> {
    if statement.time.unix() > time.unix().saturating_add(STATEMENT_CLOCK_TOLERANCE) {
        return Err(Error::BadInput {
            field: "time",
            why: format!(
                "the statement says it was made at {}, later than this computer's clock ({time})",
                statement.time
            ),
            remedy: Some("check this computer's clock, or ask the author about theirs".into()),
        });
    }
    Ok(())
}

/// The author's statement about event `opts.event`, signed.
fn make_statement(st: &Documents, opts: &CountersignOptions, body: Countersign) -> Result<SignedStatement, Error> {
    let (concerned, concerned_bytes) = st
        .events
        .iter()
        .find(|(e, _)| e.sequence == opts.event)
        .ok_or_else(|| no_such_event(opts.event, st.last().sequence))?;
    let time = opts.time.unwrap_or_else(Timestamp::now);
    if time < concerned.time {
        return Err(Error::BadInput {
            field: "time",
            why: format!("this computer's clock says {time}, earlier than event {} ({})", opts.event, concerned.time),
            remedy: Some("correct the clock first".into()),
        });
    }
    let statement = Statement {
        format: STATEMENT_FORMAT.into(),
        kind: StatementKind::Countersign,
        bundle_id: st.manifest.bundle_id.clone(),
        concerns: vec![Concern { sequence: opts.event, sha256: Sha256Digest::of(concerned_bytes) }],
        time,
        author: Signer::new(opts.key.public().fingerprint(), &opts.key.identity),
        capacity: opts.capacity,
        tool: Tool::this(),
        countersign: Some(body),
        document: None,
        examination: None,
        access: None,
    };
    check_statement(&statement).map_err(|e| bad_statement("statement", e))?;
    sign_statement(statement, opts.key)
}

/// How the custodian adds statement packages. Made with [`AddOptions::new`].
#[derive(Clone)]
#[non_exhaustive]
pub struct AddOptions<'a> {
    /// The current custodian's key, which signs the carrying events.
    pub key: &'a KeyPair,
    /// The carrying events' time; now if `None`.
    pub time: Option<Timestamp>,
    /// Trusted time for each carrying event.
    pub stamping: Option<Stamping>,
    /// If the custody log the bundle names fails, write the event without its log proof
    /// (spec §6.5, `--log-optional`) instead of failing with nothing written.
    pub log_optional: bool,
}

impl<'a> AddOptions<'a> {
    /// The custodian `key` adds packages now, without trusted time.
    pub fn new(key: &'a KeyPair) -> Self {
        AddOptions { key, time: None, stamping: None, log_optional: false }
    }
}

/// Adds each statement package to the bundle (in `out`, a copy, if given), one carrying
/// event per package, in the order given. Every package is read and checked against the
/// bundle first (its bundle id, the events it concerns and their SHA-256, its author's key
/// and signature); if any fails, nothing is written. Only the current custodian may add, and
/// not while a transfer waits for its receipt.
pub fn add(bundle: &Path, out: Option<&Path>, packages: &[PathBuf], opts: &AddOptions) -> Result<Vec<Appended>, Error> {
    if packages.is_empty() {
        return Err(Error::BadInput { field: "package", why: "no statement package given".into(), remedy: None });
    }
    let read: Vec<(PathBuf, Package)> =
        packages.iter().map(|p| read_package(p).map(|k| (p.clone(), k))).collect::<Result<_, _>>()?;
    // Every package against the bundle as it is, before anything is written: one that would
    // fail must not leave the others half added.
    let st = read_only_state(bundle)?;
    st.chain
        .may_record(EventType::Countersign, &opts.key.public().fingerprint())
        .map_err(|r| not_entitled(r, opts.key))?;
    let time = event_time(opts.time, st.last())?;
    for (path, package) in &read {
        let (signed, _) = check_package(path, package, &st)?;
        check_not_after(&signed.statement, time)?;
    }
    drop(st);
    let mut done = Vec::new();
    let mut target = bundle.to_path_buf();
    for (i, (path, package)) in read.iter().enumerate() {
        let copy_to = if i == 0 { out } else { None };
        let (appended, holder) = on_bundle(&target, copy_to, |b| {
            let report = verify_open(&b, false, 0, None)?;
            refuse_if_invalid(&report, Action::Record)?;
            let st = read_state(&b)?;
            let (signed, files) = check_package(path, package, &st)?;
            Ok((
                append_carrying(
                    b,
                    &st,
                    opts.key,
                    signed,
                    files,
                    opts.time,
                    Proofs { stamping: opts.stamping.as_ref(), log_optional: opts.log_optional },
                )?,
                true,
            ))
        })?;
        target = holder.clone();
        done.push(Appended { bundle: holder, ..appended });
    }
    Ok(done)
}

/// The package checked against the bundle as the verifier will check the statement: a
/// statement of the format, about this bundle, concerning its events with their SHA-256,
/// signed by the key in the package, which is the author's; with exactly the files the
/// statement attaches, of the SHA-256 and size it gives (returned in the statement's order).
fn check_package(path: &Path, p: &Package, st: &Documents) -> Result<(SignedStatement, Vec<Content>), Error> {
    let bad = |why: String| Error::BadInput {
        field: "package",
        why: format!("{}: {why}", path.display()),
        remedy: Some("the statement cannot be added to this bundle; ask its author about it".into()),
    };
    let statement = parse_statement(&p.statement).map_err(|e| bad(format!("its statement is not valid: {e}")))?;
    // The same statement twice would show one countersignature or record as two.
    let digest = Sha256Digest::of(&p.statement);
    let carried = |e: &Event| {
        e.statement_ref().is_some_and(|r| e.files.iter().any(|f| f.path == r.statement && f.sha256 == digest))
    };
    if let Some((e, _)) = st.events.iter().find(|(e, _)| carried(e)) {
        return Err(Error::BadInput {
            field: "package",
            why: format!(
                "{}: its statement is already in this bundle, carried by event #{}",
                path.display(),
                e.sequence
            ),
            remedy: Some("nothing to do: it was added before; nothing was written".into()),
        });
    }
    if statement.bundle_id != st.manifest.bundle_id {
        return Err(bad(format!(
            "its statement is about bundle {}, not this one ({})",
            statement.bundle_id, st.manifest.bundle_id
        )));
    }
    for c in &statement.concerns {
        let same = st.events.iter().any(|(e, b)| e.sequence == c.sequence && Sha256Digest::of(b) == c.sha256);
        if !same {
            return Err(bad(format!(
                "its statement concerns an event {} that this bundle does not hold as the author saw it: the \
                 author signed another copy, or this copy was changed",
                c.sequence
            )));
        }
    }
    let key = std::str::from_utf8(&p.key_file)
        .ok()
        .and_then(|t| PublicKeyFile::from_file_text(t).ok())
        .ok_or_else(|| bad("its key.pem is not a public key file".into()))?;
    if key.key.fingerprint() != statement.author.fingerprint || key.identity != Some(statement.author.identity()) {
        return Err(bad("its key.pem is not the key, or not the identity, of the statement's author".into()));
    }
    if p.signature.len() != 64 || !key.key.verify(&p.statement, &p.signature) {
        return Err(bad("its signature does not verify with the author's key: the statement was changed".into()));
    }
    if let Some(x) = &statement.examination {
        let known: std::collections::BTreeSet<&str> = st.manifest.items.iter().map(|i| i.id.as_str()).collect();
        if let Some(unknown) = x.items.iter().find(|i| !known.contains(i.as_str())) {
            return Err(bad(format!("its examination names an item '{unknown}' that this bundle does not hold")));
        }
    }
    let mut files = Vec::new();
    for a in statement.attachments() {
        let data = p.attachments.iter().find(|(n, _)| *n == a.name).map(|(_, d)| d);
        let Some(data) = data else {
            return Err(bad(format!("it lacks the file {} that its statement attaches", a.name)));
        };
        // Streamed: an attached file may be far larger than memory.
        let same = data.len() == a.size && data.digest().map_err(Error::io(path))? == (a.sha256, a.size);
        if !same {
            return Err(bad(format!(
                "its file {} is not the one its statement attaches (SHA-256 or size differ): it was changed",
                a.name
            )));
        }
        files.push(match data {
            Content::File { path, offset, size, .. } => {
                Content::File { path: path.clone(), offset: *offset, size: *size, sha256: Some(a.sha256) }
            }
            held => held.clone(),
        });
    }
    if p.attachments.len() != files.len() {
        return Err(bad("it holds files its statement does not attach".into()));
    }
    let signed = SignedStatement {
        statement,
        bytes: p.statement.clone(),
        signature: p.signature.clone(),
        key_file: p.key_file.clone(),
    };
    Ok((signed, files))
}

/// Signs `statement` as its author.
pub(super) fn sign_statement(statement: Statement, key: &KeyPair) -> Result<SignedStatement, Error> {
    let bytes = statement_bytes(&statement);
    let signature = key.sign(&bytes)?.to_vec();
    let key_file = public_key_file(&key.public(), &key.identity).into_bytes();
    Ok(SignedStatement { statement, bytes, signature, key_file })
}

/// The writer's error when `key` may not append a carrying event.
pub(super) fn not_entitled(r: Refusal, key: &KeyPair) -> Error {
    match r {
        Refusal::RecordWhilePending { sequence, recipient, .. } => {
            Error::TransferPending { sequence, recipient: Box::new(recipient) }
        }
        Refusal::NotCustodian { custodian } => Error::BadInput {
            field: "key",
            why: format!(
                "only the current custodian adds statements to this bundle: that is {} ({}), not you ({})",
                custodian.identity().describe(),
                custodian.fingerprint,
                key.public().fingerprint()
            ),
            remedy: Some("give the statement package to the custodian, who adds it".into()),
        },
        other => Error::Internal(format!("a writer broke a custody rule: {other:?}")),
    }
}

pub(super) fn bad_statement(field: &'static str, e: StatementError) -> Error {
    Error::BadInput { field, why: e.to_string(), remedy: None }
}

fn no_such_event(event: u64, last: u64) -> Error {
    Error::BadInput {
        field: "event",
        why: format!("this bundle has no event {event}: its events are 0 to {last}"),
        remedy: Some("name an event the bundle holds; 0 is the seal".into()),
    }
}

/// Beside the bundle: `<bundle name>-<first 8 hex of the statement's SHA-256>.custody-statement`.
fn default_package_path(bundle: &Path, statement: &[u8]) -> PathBuf {
    let stem = bundle.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "bundle".into());
    let hex = Sha256Digest::of(statement).hex();
    bundle.with_file_name(format!("{stem}-{}{PACKAGE_SUFFIX}", &hex[..8]))
}
