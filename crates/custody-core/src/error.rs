//! The one error type of the operations that make or change files (keygen, seal, transfer,
//! receive, timestamp, recover, extract), with the refusals of the custody rules as their own
//! variants.
//!
//! Verification does not fail with these: what is wrong with a bundle is reported as checks
//! in its report. A refusal says what is wrong and what to do about it in the library's own
//! words; where the remedy is an action of the caller (extract anyway, record a rejection,
//! give a trust list), it is carried as data ([`Remedy`], the variant's fields), so that a
//! front end such as the `custody` command can word it with its own options.

use std::path::{Path, PathBuf};

use crate::keys::{self, Fingerprint, Identity};
use crate::manifest::Signer;
use crate::{archive, time, timestamp};

/// Errors of the operations that make or change files. `#[non_exhaustive]`: later versions add
/// refusals; match the ones you handle and keep a fallback.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing `path` failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A key file could not be used.
    #[error("{path}: {source}")]
    Key {
        /// The key file.
        path: PathBuf,
        /// Why.
        source: keys::KeyError,
    },
    /// An identity (name, organisation, role, jurisdiction) is not acceptable.
    #[error(transparent)]
    Identity(#[from] keys::IdentityError),
    /// The operating system's random number source failed.
    #[error("the operating system's random number source failed: {0}")]
    Random(String),
    /// A value given by the caller is refused: which one, why, and what to do.
    #[error("{why}{}", remedy.as_ref().map(|r| format!("; {r}")).unwrap_or_default())]
    BadInput {
        /// The option or argument refused (`time`, `recipient`, `item`, `condition`, `bundle`...).
        field: &'static str,
        /// What is wrong with it.
        why: String,
        /// What to do about it, if there is more to say.
        remedy: Option<String>,
    },
    /// More items were given than a bundle may hold (spec §9.4, [`crate::layout::MAX_ITEMS`]):
    /// refused before anything is read or written; the message says what to do instead.
    #[error("{}", crate::wording::manifest::too_many_items(*items, crate::layout::MAX_ITEMS))]
    TooManyItems {
        /// How many were given.
        items: u64,
    },
    /// The output path exists and is never overwritten.
    #[error("{path} already exists; {hint}")]
    Exists {
        /// The path.
        path: PathBuf,
        /// What to do instead.
        hint: &'static str,
    },
    /// A time could not be used.
    #[error("{0}")]
    Time(#[from] time::TimeError),
    /// The ZIP container of `path` could not be read or written.
    #[error("{path}: {source}")]
    Archive {
        /// The bundle.
        path: PathBuf,
        /// The container's complaint.
        source: archive::ArchiveError,
    },
    /// The bundle is in a format this version does not read (format 1, never released):
    /// nothing was read or written. Not a verdict on the evidence.
    #[error(
        "{}: this is a bundle of format {version}, which was never released and which this version of custody does \
         not read (it reads format 2); nothing was changed or written. Verify it with tools/legacy/verify_bundle_v1.py \
         from git tag format-1-final (commit f386f04)",
        path.display()
    )]
    UnsupportedFormat {
        /// The bundle.
        path: PathBuf,
        /// The format version it is in.
        version: u32,
    },
    /// The bundle failed verification, so nothing was extracted from it.
    #[error("{path} failed verification ({}); nothing was extracted. {remedy}", checks.join(", "))]
    Invalid {
        /// The bundle.
        path: PathBuf,
        /// The codes of the checks that failed.
        checks: Vec<String>,
        /// What the caller can do.
        remedy: Remedy,
    },
    /// The bundle does not verify, so it cannot be changed as asked (transferred, received
    /// as accepted, timestamped).
    #[error("{}", not_verified(action, checks))]
    NotVerified {
        /// What was refused.
        action: Action,
        /// The checks that failed: code and message.
        checks: Vec<(String, String)>,
    },
    /// The bundle cannot be read as a bundle at all (not an interrupted update).
    #[error(
        "{path} is damaged: it cannot be read as a bundle ({reason}). This is not an interrupted update that can be \
         finished; verify it for the details and get a fresh copy from its sender"
    )]
    BundleDamaged {
        /// The bundle.
        path: PathBuf,
        /// What the reader found.
        reason: String,
    },
    /// The custody documents of the bundle (manifest, events) cannot be read or are broken.
    #[error("{path}: {why}")]
    Documents {
        /// The bundle.
        path: PathBuf,
        /// What is wrong.
        why: String,
    },
    /// A timestamp authority failed.
    #[error("{0}")]
    Tsa(#[from] timestamp::TsaError),
    /// A custody log failed, refused the event or answered badly (spec §6.5).
    #[error("{0}")]
    Log(#[from] crate::tlog::LogError),
    /// A key held by a token or an agent did not sign.
    #[error("{0}")]
    Sign(#[from] keys::SignError),
    /// Refused because the sealer, the sender or a timestamp authority is not vouched for by
    /// the trust list or TSA roots given (the command's verdict, like an invalid bundle).
    #[error(
        "not accepted: {}. Nothing was written. Confirm those fingerprints with their holders and add them to \
         your trust list; or record a rejection (a receipt that rejects the whole bundle, with a reason); or \
         accept anyway as untrusted (the receipt records it)",
        untrusted_reasons(parties, tsa)
    )]
    Untrusted {
        /// Why each party is not vouched for (`the sealer NAME (FINGERPRINT) is not in your trust list`).
        parties: Vec<String>,
        /// Why a timestamp token is not trusted: it does not chain to the TSA roots given.
        tsa: Option<String>,
    },
    /// Refused before anything was read: no trust list was given, so nothing can vouch for
    /// who sealed and sent the bundle.
    #[error(
        "no trust list given, so nothing shows who really sealed and sent this bundle: a key can claim any name. \
         Give a trust list of the keys you have confirmed, and TSA roots if the bundle carries trusted time; or \
         accept as untrusted (the receipt records it); or record a rejection with a reason. Nothing was written"
    )]
    NoTrustList,
    /// Only the current custodian may transfer the bundle or record a disposition in it.
    #[error(
        "only the current custodian may transfer this bundle or record a disposition in it: that is {} ({}), not you \
         ({you})",
        custodian.identity().describe(),
        custodian.fingerprint
    )]
    NotCustodian {
        /// Who holds the bundle.
        custodian: Box<Signer>,
        /// The key that tried to transfer.
        you: Fingerprint,
    },
    /// A transfer waits for its receipt; no other event but the receipt may be recorded until
    /// it is settled.
    #[error(
        "event {sequence} already transfers this bundle to {}, with no receipt yet, and nothing else can be recorded \
         before it is settled. Only that recipient can settle it: by receiving it, or, if it was sent by mistake, by \
         recording a rejection; custody then stays with you",
        recipient.identity().describe()
    )]
    TransferPending {
        /// The pending transfer's event.
        sequence: u64,
        /// Whom it names as recipient.
        recipient: Box<Signer>,
    },
    /// No transfer waits for a receipt.
    #[error("no transfer is waiting for a receipt in this bundle: there is nothing to receive")]
    NoTransferPending,
    /// Only the recipient named by the pending transfer may sign its receipt.
    #[error(
        "this bundle was transferred to {} ({}), not to you ({you}); only that key can sign the receipt",
        recipient.identity().describe(),
        recipient.fingerprint
    )]
    NotRecipient {
        /// The recipient the transfer names.
        recipient: Box<Signer>,
        /// The key that tried to sign the receipt.
        you: Fingerprint,
    },
    /// The recipient's key is the named one, but with another identity than the transfer names.
    #[error(
        "the transfer names the recipient as {}, but your key says {}; ask the sender to transfer to your current identity",
        named.describe(),
        yours.describe()
    )]
    RecipientIdentity {
        /// The identity the transfer names.
        named: Box<Identity>,
        /// The identity the recipient's key carries.
        yours: Box<Identity>,
    },
    /// An earlier update of the bundle was interrupted, and writing to another output would
    /// leave it unfinished.
    #[error(
        "an earlier update of {} was interrupted; an output copy leaves the input untouched, so finish that update \
         first (recover the bundle)",
        path.display()
    )]
    InterruptedUpdate {
        /// The bundle.
        path: PathBuf,
    },
    /// The event an interrupted command left pending beside the bundle cannot be completed
    /// (see [`handover::resume_pending`](crate::handover::resume_pending)).
    #[error(
        "{} holds an event an interrupted command signed for {}, and it cannot be used: {why}. Nothing was changed. \
         Verify the bundle against its custody log: if it is the latest copy, move that file away (it is not \
         part of the bundle) and try again",
        file.display(),
        path.display()
    )]
    PendingEvent {
        /// The bundle.
        path: PathBuf,
        /// The pending-event file itself (beside the bundle, or beside the output of a `--out`
        /// run: never derived from `path`).
        file: PathBuf,
        /// What is wrong with the pending event.
        why: String,
    },
    /// An event an interrupted command left pending must be completed before this command runs
    /// (`how`: the command that completes it).
    #[error(
        "{} holds an event an interrupted command signed for {}, not yet completed: {how}. Nothing was changed",
        crate::layout::pending_path(path).display(),
        path.display()
    )]
    PendingFirst {
        /// The bundle (or the output) the event is pending for.
        path: PathBuf,
        /// What completes it.
        how: &'static str,
    },
    /// Logging an event failed in a way that may follow the log's commit (unreachable, timeout,
    /// 5xx, an answer that does not check): the signed event stays pending at `path`.
    #[error(
        "{why}. The log may hold the event already, so it is kept, signed, in {}: run {} when the log answers \
         again (it resubmits that very event; a new one would be refused as a second claim)",
        crate::layout::pending_path(out.as_deref().unwrap_or(path)).display(),
        crate::wording::log::recover_command(path, out.as_deref())
    )]
    PendingKept {
        /// The bundle the event was signed for (the input of a `--out` run).
        path: PathBuf,
        /// The output of a `--out` run, beside which the event is kept; `None` in place, where
        /// it is kept beside `path`.
        out: Option<PathBuf>,
        /// Why logging failed.
        why: String,
    },
    /// Appending failed after the custody log accepted the event, or after a `--log-optional`
    /// run's log failed (the attached file changed while copied, the disk full...): the event
    /// stays pending, signed, beside `out` (a `--out` run) or `path`, for `custody recover` once
    /// the cause is put right.
    #[error(
        "{}",
        crate::wording::log::pending_logged_not_appended(
            why,
            crate::layout::pending_path(out.as_deref().unwrap_or(path)).display(),
            crate::wording::log::recover_command(path, out.as_deref()),
            *logged
        )
    )]
    PendingLogged {
        /// The bundle the event was signed for (the input of a `--out` run).
        path: PathBuf,
        /// The output of a `--out` run, beside which the event is kept; `None` in place.
        out: Option<PathBuf>,
        /// Why the append failed (kept typed, so [`Error::naming`] renames the file it names).
        why: Box<Error>,
        /// Whether the log accepted the event; `false` when a `--log-optional` run's log failed
        /// (it may hold the event).
        logged: bool,
    },
    /// A `--out` file appeared while a logged event was being written into it (custody never
    /// replaces a file): the event is logged and stays pending beside `out`.
    #[error(
        "{} appeared while custody was writing it, and custody never replaces a file: the event is logged and kept, \
         signed, in {}. Nothing was changed. Move {} away, then run {}",
        out.display(),
        file.display(),
        out.display(),
        crate::wording::log::recover_command(path, Some(out.as_path()))
    )]
    PendingOutTaken {
        /// The input bundle.
        path: PathBuf,
        /// The output that appeared.
        out: PathBuf,
        /// The pending-event file beside it.
        file: PathBuf,
    },
    /// A rollback journal beside the bundle cannot be used to finish an interrupted update.
    #[error(
        "{} cannot be used to finish an interrupted update of {}: {why}. Nothing was changed. {}",
        crate::layout::journal_path(path).display(),
        path.display(),
        if *readable {
            "Verify the bundle: if it is intact, move the journal away (it is not part of the bundle) and try again"
        } else {
            "Keep both files as they are, verify the bundle, and if it is damaged get a fresh copy from its sender"
        }
    )]
    UnusableJournal {
        /// The bundle.
        path: PathBuf,
        /// What is wrong with the journal.
        why: String,
        /// Whether the bundle as it is reads as a complete archive (then the journal is most
        /// likely stray or planted; else both files are evidence of what happened).
        readable: bool,
    },
    /// Another process is changing the bundle right now.
    #[error("another custody command is changing {} right now; wait for it to finish", path.display())]
    Busy {
        /// The bundle.
        path: PathBuf,
    },
    /// The bundle cannot be updated in place as asked.
    #[error("{}: {why}", path.display())]
    Update {
        /// The bundle.
        path: PathBuf,
        /// Why.
        why: String,
    },
    /// Nothing can be extracted: a name or the plan from the manifest is refused.
    #[error("cannot extract: {0}")]
    Unextractable(String),
    /// A file written by extraction does not match the manifest although verification passed.
    #[error("{0} does not match the manifest although verification passed; nothing was written")]
    ContentChanged(String),
    /// A failure that is not the input's fault.
    #[error("internal: {0}")]
    Internal(String),
    /// An encrypted bundle (an age file) could not be made or opened.
    #[error("{}: {source}", path.display())]
    Envelope {
        /// The encrypted file (or the bundle being encrypted).
        path: PathBuf,
        /// Why.
        source: crate::envelope::EnvelopeError,
    },
    /// A key file, or a file holding a passphrase or PIN, is readable by other users.
    #[error("{path} is readable by other users (mode {mode:o}); protect it with: chmod 600 {path}")]
    KeyPermissions {
        /// The key file (or the passphrase or PIN file).
        path: PathBuf,
        /// Its permission bits.
        mode: u32,
    },
}

/// What a caller can do about a refused extraction. The library words each remedy in its
/// own terms ([`std::fmt::Display`]); a front end may word it with its options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Remedy {
    /// Read the verification report, or extract anyway (forced) to examine the evidence.
    ExamineOrForce,
    /// The file cannot be read as an archive: get a fresh copy from its sender. `forced`:
    /// extraction was already forced (which cannot help).
    FreshCopy {
        /// Whether extraction was forced.
        forced: bool,
    },
    /// The bundle file changed during extraction: keep others from writing to it, then retry.
    StopWritersAndRetry,
}

impl Error {
    /// This error naming `shown` where it names `working`: a command that works on a copy
    /// (a bundle updated into `--out` is copied beside it first; an encrypted one is decrypted
    /// into a temporary file) reports the file the user gave, not its own temporary name.
    pub fn naming(mut self, working: &Path, shown: &Path) -> Error {
        self.rename(working, shown);
        self
    }

    /// [`Error::naming`] in place, into the error a [`Error::PendingLogged`] holds as well.
    fn rename(&mut self, working: &Path, shown: &Path) {
        if let Error::PendingLogged { why, .. } = self {
            why.rename(working, shown);
        }
        if let Some(path) = self.path_mut().filter(|p| p.as_path() == working) {
            *path = shown.to_path_buf();
        }
    }

    /// The file this error is about, where it names one.
    fn path_mut(&mut self) -> Option<&mut PathBuf> {
        match self {
            Error::Io { path, .. }
            | Error::Key { path, .. }
            | Error::Exists { path, .. }
            | Error::Archive { path, .. }
            | Error::UnsupportedFormat { path, .. }
            | Error::Invalid { path, .. }
            | Error::BundleDamaged { path, .. }
            | Error::Documents { path, .. }
            | Error::InterruptedUpdate { path, .. }
            | Error::UnusableJournal { path, .. }
            | Error::PendingEvent { path, .. }
            | Error::PendingFirst { path, .. }
            | Error::PendingKept { path, .. }
            | Error::PendingLogged { path, .. }
            | Error::PendingOutTaken { path, .. }
            | Error::Busy { path, .. }
            | Error::Update { path, .. }
            | Error::Envelope { path, .. }
            | Error::KeyPermissions { path, .. } => Some(path),
            _ => None,
        }
    }
}

impl From<keys::GenerateError> for Error {
    fn from(e: keys::GenerateError) -> Self {
        match e {
            keys::GenerateError::Identity(e) => Error::Identity(e),
            keys::GenerateError::Random(why) => Error::Random(why),
        }
    }
}

impl std::fmt::Display for Remedy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Remedy::ExamineOrForce => {
                "Verify it for the report, or extract it forced (ExtractOptions::force) for examination"
            }
            Remedy::FreshCopy { forced: false } => {
                "It cannot be read as an archive, so nothing can be extracted from it; verify it for the details and \
                 get a fresh copy from its sender"
            }
            Remedy::FreshCopy { forced: true } => {
                "It cannot be read as an archive, so nothing can be extracted even when forced; verify it for the \
                 details and get a fresh copy from its sender"
            }
            Remedy::StopWritersAndRetry => {
                "The bundle file changed while it was being extracted: the manifest extract read is not the one \
                 whose signature was checked. Make sure nothing else writes to the bundle (copy it somewhere safe), \
                 then extract again"
            }
        })
    }
}

/// What was refused because the bundle does not verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Action {
    /// A transfer.
    Transfer,
    /// Adding trusted-time tokens.
    Timestamp,
    /// A receipt that accepts anything (a rejection can still be recorded).
    Accept,
    /// Recording a statement (a countersignature, ...).
    Record,
    /// Recording a disposition (retention extended, evidence returned or destroyed).
    Dispose,
    /// Deriving a bundle (chosen items, redacted files) from it.
    Derive,
    /// Completing, by `custody recover INPUT --out OUT`, a return or a destruction an
    /// interrupted `custody dispose` left pending beside OUT.
    Recover,
}

impl Action {
    /// What a bundle that does not verify cannot be, for [`Error::NotVerified`]'s sentence
    /// ("it cannot be transferred"); the CLI words the same refusal with it.
    pub fn refused_as(&self) -> &'static str {
        match self {
            Action::Accept => "accepted",
            Action::Transfer => "transferred",
            Action::Timestamp => "timestamped",
            Action::Record => "given a statement (a countersignature, a document, an examination, an access record)",
            Action::Dispose => "given a disposition (retention extended, evidence returned or destroyed)",
            Action::Derive => "derived (nothing can be proven from a bundle that does not verify)",
            Action::Recover => {
                "used to complete the return or destruction pending beside OUT (the event stays pending there, \
                 not resubmitted)"
            }
        }
    }
}

fn not_verified(action: &Action, checks: &[(String, String)]) -> String {
    match action {
        Action::Accept => format!(
            "the bundle does not verify ({}); it cannot be accepted. To record a signed rejection, receive it \
             again rejecting the whole bundle, with a reason",
            checks.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>().join(", ")
        ),
        Action::Transfer | Action::Timestamp | Action::Record | Action::Dispose | Action::Derive | Action::Recover => {
            format!(
                "the bundle does not verify, so it cannot be {}: {}. Verify it for the full report",
                action.refused_as(),
                checks.iter().map(|(c, m)| format!("{c} ({m})")).collect::<Vec<_>>().join("; ")
            )
        }
    }
}

fn untrusted_reasons(parties: &[String], tsa: &Option<String>) -> String {
    let mut why = parties.to_vec();
    if let Some(m) = tsa {
        why.push(format!("a timestamp does not chain to the TSA roots given: {m}"));
    }
    why.join("; ")
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io { path, source }
    }

    /// The archive reader's refusal of the bundle at `path`: [`Error::UnsupportedFormat`]
    /// for a bundle of an older format, else [`Error::Archive`].
    pub(crate) fn archive(path: impl Into<PathBuf>) -> impl FnOnce(archive::ArchiveError) -> Error {
        let path = path.into();
        move |source| match source {
            archive::ArchiveError::UnsupportedFormat(version) => Error::UnsupportedFormat { path, version },
            source => Error::Archive { path, source },
        }
    }
}

/// Refuses `items` items if a bundle may not hold that many (spec §9.4): the one check of every
/// writer that makes a manifest (seal from arguments or a case file, derive); the rule is
/// [`crate::layout::over_item_bound`], which the manifest's parse asks too.
pub(crate) fn check_item_count(items: usize) -> Result<(), Error> {
    if crate::layout::over_item_bound(items) { Err(Error::TooManyItems { items: items as u64 }) } else { Ok(()) }
}
