//! The exit policy: how the outcome of an operation maps to a process exit status and to a
//! kind of error, so that every front end (the `custody` command, a script, a service) gives
//! the same answer for the same outcome.
//!
//! Three statuses, as `custody` documents them: [`ExitStatus::Success`] (0), the operation
//! did its job and found nothing wrong; [`ExitStatus::Failed`] (1), it did its job and the
//! verdict is negative (the bundle is invalid, or a signer or timestamp authority is not
//! vouched for); [`ExitStatus::Error`] (2), it could not do its job (bad input, unreadable
//! files, a refusal).

use crate::Error;
use crate::verify::State;

/// The exit status of an operation (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExitStatus {
    /// 0: the job was done and nothing is wrong.
    Success,
    /// 1: the job was done and the verdict is negative (invalid, or not vouched for).
    Failed,
    /// 2: the job could not be done.
    Error,
}

impl ExitStatus {
    /// The process exit code: 0, 1 or 2.
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Failed => 1,
            ExitStatus::Error => 2,
        }
    }
}

/// The exit status for a verification's verdict: success when the bundle is intact (no
/// trust list given) or trusted; failed when it is invalid, or when a trust list or TSA roots
/// were given and do not vouch for a signer or a timestamp. One rule for verifying,
/// inspecting and extracting a bundle.
pub fn for_state(state: State) -> ExitStatus {
    match state {
        State::Intact | State::Trusted => ExitStatus::Success,
        State::Invalid | State::NotTrusted => ExitStatus::Failed,
    }
}

/// The exit status of `custody verify DERIVED --parent PARENT` (spec §9.7): the worse of the
/// copy's own ([`for_state`]) and its parent verdict's: success when the parent matches,
/// failed when it does not or the parent is invalid, an error when the parent could not be
/// checked. So 0 only when the copy verifies and its parent matches.
pub fn for_parent(state: State, verdict: crate::verify::ParentVerdict) -> ExitStatus {
    use crate::verify::ParentVerdict as V;
    let parent = match verdict {
        V::Matches => ExitStatus::Success,
        V::DoesNotMatch | V::ParentInvalid => ExitStatus::Failed,
        V::NotChecked => ExitStatus::Error,
    };
    for_batch([for_state(state), parent])
}

/// The exit status of a batch of verifications (`custody verify A.zip B.zip …`), from each
/// bundle's own status: an error if any bundle could not be checked at all, else failed if
/// any is invalid or not trusted, else success. An unreadable bundle outranks an invalid one:
/// a batch that did not check everything cannot vouch for anything.
pub fn for_batch(each: impl IntoIterator<Item = ExitStatus>) -> ExitStatus {
    each.into_iter().fold(ExitStatus::Success, |worst, s| match (worst, s) {
        (ExitStatus::Error, _) | (_, ExitStatus::Error) => ExitStatus::Error,
        (ExitStatus::Failed, _) | (_, ExitStatus::Failed) => ExitStatus::Failed,
        _ => ExitStatus::Success,
    })
}

/// What kind of failure an error is: a stable, machine-readable name for front ends (the
/// `kind` of `custody`'s JSON errors, `schemas/error.schema.json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// The command line was wrong (an unknown option, a missing argument). Front ends only:
    /// no error of this library has this kind.
    Usage,
    /// Input that was refused: a value, a file's contents, a request the bundle's state does
    /// not allow.
    Input,
    /// Refused by a custody rule: only the current custodian may transfer the bundle.
    NotCustodian,
    /// Refused by a custody rule: a transfer is waiting for its receipt, so no other
    /// hand-over may start.
    TransferPending,
    /// Refused by a custody rule: only the recipient the pending transfer names may sign its
    /// receipt.
    NotRecipient,
    /// A file could not be read or written.
    Io,
    /// A key file could not be read or used.
    Key,
    /// A private key file is readable by other users.
    KeyPermissions,
    /// An identity (name, organisation, role, jurisdiction) that is not acceptable.
    Identity,
    /// The operating system's random number source failed.
    Random,
    /// A file that must not be replaced already exists.
    Exists,
    /// A time that could not be read.
    Time,
    /// A ZIP archive that could not be read or written.
    Archive,
    /// The bundle failed verification (the verdict is negative: exit status 1).
    Invalid,
    /// The bundle cannot be read as a bundle at all (exit status 1).
    Damaged,
    /// A timestamp authority failed or gave an unusable answer.
    Tsa,
    /// A custody log failed, refused the event (its slot is taken) or gave an unusable answer.
    Log,
    /// A signer or timestamp authority is not vouched for by the trust list or TSA roots
    /// given, or no trust list was given where one is required (the verdict is negative:
    /// exit status 1).
    Untrusted,
    /// The bundle does not verify, so it cannot be changed as asked (transferred, received as
    /// accepted, timestamped).
    NotVerified,
    /// No transfer waits for a receipt: there is nothing to receive.
    NoTransferPending,
    /// The bundle's custody documents (manifest, events) cannot be read or are broken.
    Documents,
    /// The bundle cannot be updated now: an interrupted update, an unusable journal, another
    /// process writing, or an update that cannot be made in place.
    Update,
    /// Nothing can be extracted: a name or the plan is refused, or a written file does not
    /// match the manifest.
    Unextractable,
    /// A failure that is not the input's fault.
    Internal,
    /// The bundle is in a format this version does not read (format 1, never released):
    /// it cannot be verified or changed here (exit status 2), which says nothing about the
    /// evidence; the message names the tool that reads it.
    UnsupportedFormat,
    /// An encrypted bundle could not be made or opened: no identity given, the wrong one, a
    /// damaged or truncated file, a file that is not encrypted, a recipient refused (exit
    /// status 2: the bundle inside was never read, so there is no verdict).
    Encryption,
}

impl ErrorKind {
    /// The kind of a library error. (The custody rules' refusals have kinds of their own,
    /// `not_custodian`, `transfer_pending` and `not_recipient`, once `Error` tells them apart;
    /// until then they are `input`.)
    pub fn of(e: &Error) -> ErrorKind {
        // No wildcard: a new variant of `Error` must be given its kind here (`Error` is
        // `#[non_exhaustive]` only for other crates).
        match e {
            Error::Io { .. } => ErrorKind::Io,
            Error::Key { .. } => ErrorKind::Key,
            Error::Identity(_) => ErrorKind::Identity,
            Error::Random(_) => ErrorKind::Random,
            Error::BadInput { .. } | Error::TooManyItems { .. } => ErrorKind::Input,
            Error::Exists { .. } => ErrorKind::Exists,
            Error::Time(_) => ErrorKind::Time,
            Error::Archive { .. } => ErrorKind::Archive,
            Error::Invalid { .. } => ErrorKind::Invalid,
            Error::UnsupportedFormat { .. } => ErrorKind::UnsupportedFormat,
            Error::NotVerified { .. } => ErrorKind::NotVerified,
            Error::BundleDamaged { .. } => ErrorKind::Damaged,
            Error::Documents { .. } => ErrorKind::Documents,
            Error::Tsa(_) => ErrorKind::Tsa,
            Error::Log(_) | Error::PendingKept { .. } => ErrorKind::Log,
            Error::Sign(_) => ErrorKind::Key,
            Error::Untrusted { .. } | Error::NoTrustList => ErrorKind::Untrusted,
            Error::NotCustodian { .. } => ErrorKind::NotCustodian,
            Error::TransferPending { .. } => ErrorKind::TransferPending,
            Error::NoTransferPending => ErrorKind::NoTransferPending,
            Error::NotRecipient { .. } | Error::RecipientIdentity { .. } => ErrorKind::NotRecipient,
            Error::InterruptedUpdate { .. }
            | Error::UnusableJournal { .. }
            | Error::PendingEvent { .. }
            | Error::PendingFirst { .. }
            | Error::PendingOutTaken { .. }
            | Error::PendingLogged { .. }
            | Error::Busy { .. }
            | Error::Update { .. } => ErrorKind::Update,
            Error::Unextractable(_) | Error::ContentChanged(_) => ErrorKind::Unextractable,
            Error::Internal(_) => ErrorKind::Internal,
            Error::KeyPermissions { .. } => ErrorKind::KeyPermissions,
            Error::Envelope { .. } => ErrorKind::Encryption,
        }
    }

    /// The kind's name as JSON writes it, e.g. `key_permissions`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Usage => "usage",
            ErrorKind::Input => "input",
            ErrorKind::NotCustodian => "not_custodian",
            ErrorKind::TransferPending => "transfer_pending",
            ErrorKind::NotRecipient => "not_recipient",
            ErrorKind::Io => "io",
            ErrorKind::Key => "key",
            ErrorKind::KeyPermissions => "key_permissions",
            ErrorKind::Identity => "identity",
            ErrorKind::Random => "random",
            ErrorKind::Exists => "exists",
            ErrorKind::Time => "time",
            ErrorKind::Archive => "archive",
            ErrorKind::Invalid => "invalid",
            ErrorKind::Damaged => "damaged",
            ErrorKind::Tsa => "tsa",
            ErrorKind::Log => "log",
            ErrorKind::Untrusted => "untrusted",
            ErrorKind::NotVerified => "not_verified",
            ErrorKind::NoTransferPending => "no_transfer_pending",
            ErrorKind::Documents => "documents",
            ErrorKind::Update => "update",
            ErrorKind::Unextractable => "unextractable",
            ErrorKind::Internal => "internal",
            ErrorKind::UnsupportedFormat => "unsupported_format",
            ErrorKind::Encryption => "encryption",
        }
    }

    /// The exit status of an error of this kind: a negative verdict (an invalid or damaged
    /// bundle, a party not vouched for) is [`ExitStatus::Failed`], like an invalid bundle
    /// found by verification; everything else is [`ExitStatus::Error`].
    pub fn exit_status(self) -> ExitStatus {
        match self {
            ErrorKind::Invalid | ErrorKind::Damaged | ErrorKind::Untrusted => ExitStatus::Failed,
            ErrorKind::Usage
            | ErrorKind::Input
            | ErrorKind::NotCustodian
            | ErrorKind::TransferPending
            | ErrorKind::NotRecipient
            | ErrorKind::Io
            | ErrorKind::Key
            | ErrorKind::KeyPermissions
            | ErrorKind::Identity
            | ErrorKind::Random
            | ErrorKind::Exists
            | ErrorKind::Time
            | ErrorKind::Archive
            | ErrorKind::Tsa
            | ErrorKind::Log
            | ErrorKind::NotVerified
            | ErrorKind::NoTransferPending
            | ErrorKind::Documents
            | ErrorKind::Update
            | ErrorKind::Unextractable
            | ErrorKind::Internal
            | ErrorKind::UnsupportedFormat
            | ErrorKind::Encryption => ExitStatus::Error,
        }
    }
}

/// The exit status of an operation that failed with `e`.
pub fn for_error(e: &Error) -> ExitStatus {
    ErrorKind::of(e).exit_status()
}

/// The remedy an error carries apart from its message, if it has one (its message states it
/// too): what the caller can do next.
pub fn remedy(e: &Error) -> Option<String> {
    match e {
        Error::Invalid { remedy, .. } => Some(remedy.to_string()),
        Error::BadInput { remedy, .. } => remedy.clone(),
        Error::Exists { hint, .. } => Some((*hint).to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_is_as_bad_as_its_worst_bundle_and_unchecked_outranks_invalid() {
        use ExitStatus::*;
        assert_eq!(for_batch([]), Success);
        assert_eq!(for_batch([Success, Success]), Success);
        assert_eq!(for_batch([Success, Failed, Success]), Failed);
        assert_eq!(for_batch([Failed, Error]), Error);
        assert_eq!(for_batch([Error, Failed]), Error);
    }

    #[test]
    fn only_intact_and_trusted_succeed() {
        assert_eq!(for_state(State::Intact).code(), 0);
        assert_eq!(for_state(State::Trusted).code(), 0);
        assert_eq!(for_state(State::Invalid).code(), 1);
        assert_eq!(for_state(State::NotTrusted).code(), 1);
    }

    #[test]
    fn a_copy_checked_against_its_parent_succeeds_only_when_both_hold() {
        use crate::verify::ParentVerdict as V;
        assert_eq!(for_parent(State::Intact, V::Matches).code(), 0);
        assert_eq!(for_parent(State::Trusted, V::Matches).code(), 0);
        assert_eq!(for_parent(State::Intact, V::DoesNotMatch).code(), 1);
        assert_eq!(for_parent(State::Intact, V::ParentInvalid).code(), 1);
        assert_eq!(for_parent(State::Invalid, V::Matches).code(), 1);
        assert_eq!(for_parent(State::NotTrusted, V::Matches).code(), 1);
        assert_eq!(for_parent(State::Intact, V::NotChecked).code(), 2);
        assert_eq!(for_parent(State::Invalid, V::NotChecked).code(), 2);
    }

    #[test]
    fn negative_verdicts_exit_1_other_errors_2() {
        let invalid =
            Error::Invalid { path: "b.zip".into(), checks: vec![], remedy: crate::Remedy::FreshCopy { forced: false } };
        assert_eq!(ErrorKind::of(&invalid), ErrorKind::Invalid);
        assert_eq!(for_error(&invalid), ExitStatus::Failed);
        assert!(remedy(&invalid).is_some_and(|r| r.contains("fresh copy")));
        assert_eq!(for_error(&Error::Untrusted { parties: vec!["x".into()], tsa: None }), ExitStatus::Failed);
        assert_eq!(for_error(&Error::NoTrustList), ExitStatus::Failed);
        assert_eq!(for_error(&Error::NoTransferPending), ExitStatus::Error);
        let input = Error::BadInput { field: "inputs", why: "no".into(), remedy: None };
        assert_eq!(for_error(&input).code(), 2);
        assert_eq!(remedy(&input), None);
        assert_eq!(ErrorKind::KeyPermissions.as_str(), "key_permissions");
        let v1 = Error::UnsupportedFormat { path: "old.zip".into(), version: 1 };
        assert_eq!((ErrorKind::of(&v1).as_str(), for_error(&v1).code()), ("unsupported_format", 2));
        assert!(
            v1.to_string().contains("tools/legacy/verify_bundle_v1.py") && v1.to_string().contains("format-1-final")
        );
        assert_eq!(serde_json::to_value(ErrorKind::KeyPermissions).unwrap(), "key_permissions");
    }
}
