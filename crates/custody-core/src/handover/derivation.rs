//! The `derivation` event (spec §5.14): the parent's custodian records, in the parent, a
//! derived copy made of it by `custody derive` (which bundle, which items, how many files
//! redacted, the derived seal event's hash). Appended like every event (journal, atomic,
//! crash-safe); who may record it is the custody rule of [`crate::rules::Chain::may_record`].
//!
//! [`derive`](crate::derive::derive) checks first, before it writes anything
//! ([`DerivationRecorder::check`]), then builds the derived bundle, then records the event
//! ([`DerivationRecorder::record`]) and only then lets the derived bundle appear.

use std::path::Path;

use super::{Appended, Documents, append_event, chain_of, event_time, new_event, read_state_with};
use crate::Error;
use crate::append::OpenBundle;
use crate::event::{DerivedCopy, EventType};
use crate::keys::KeyPair;
use crate::manifest::Manifest;
use crate::rules::{self, Refusal};
use crate::time::Timestamp;
use crate::timestamp::Stamping;
use crate::wording::derivation as say;

/// The refusal of the custody rule, with its remedy.
fn refused(r: Refusal) -> Error {
    let why = match r {
        Refusal::NotCustodian { custodian } => {
            say::derive_not_custodian(custodian.identity().describe(), custodian.fingerprint)
        }
        Refusal::RecordWhilePending { sequence, recipient, .. } => {
            say::derive_transfer_pending(sequence, recipient.identity().describe())
        }
        other => return Error::Internal(format!("a derivation broke a custody rule: {other:?}")),
    };
    Error::BadInput { field: "key", why, remedy: Some(say::DERIVE_NOT_RECORDED_REMEDY.into()) }
}

/// A parent opened for appending whose custodian the deriver is: the custody documents read
/// and the rule checked, before the derived bundle is written.
pub(crate) struct DerivationRecorder {
    bundle: OpenBundle,
    st: Documents,
}

impl DerivationRecorder {
    /// Reads the custody documents of `bundle` (already verified; `manifest` is the one the
    /// verification parsed) and refuses, naming the remedy, when `key` may not record an
    /// event in it: it is not the current custodian's, or a transfer waits for its receipt.
    pub(crate) fn check(bundle: OpenBundle, manifest: Manifest, key: &KeyPair) -> Result<Self, Error> {
        let st = read_state_with(&bundle.archive, &bundle.path, Some(manifest))?;
        st.chain.may_record(EventType::Derivation, &key.public().fingerprint()).map_err(refused)?;
        Ok(DerivationRecorder { bundle, st })
    }

    /// The custody rule of [`check`](Self::check) on the parent's event documents alone,
    /// before its payload is hashed: a deriver who may not record is refused in moments, not
    /// after a verification of the whole payload. Events that cannot be read or do not chain
    /// refuse nothing here: the verification that follows reports them; nor does a parent
    /// that is itself derived (it holds its own parent's seal), refused for that after it.
    pub(crate) fn precheck(bundle: &OpenBundle, key: &KeyPair) -> Result<(), Error> {
        if bundle.archive.entry(crate::layout::PARENT_SEAL_PATH).is_some() {
            return Ok(());
        }
        match chain_of(&bundle.archive, &bundle.path) {
            Some(chain) => chain.may_record(EventType::Derivation, &key.public().fingerprint()).map_err(refused),
            None => Ok(()),
        }
    }

    /// The parent's manifest, as verified.
    pub(crate) fn manifest(&self) -> &Manifest {
        &self.st.manifest
    }

    /// Refuses a derivation event time earlier than the parent's last event (a wrong clock),
    /// before anything is written.
    pub(crate) fn check_time(&self, time: Timestamp) -> Result<(), Error> {
        event_time(Some(time), self.st.last()).map(|_| ())
    }

    /// The open parent's archive, to derive from (the same bytes the rule was checked on).
    pub(crate) fn archive(&self) -> &crate::archive::Archive<crate::archive::FileSource> {
        &self.bundle.archive
    }

    /// Signs the derivation event `copy` with `key` at `time` (never earlier than the last
    /// event) and appends it to the parent.
    pub(crate) fn record(
        self,
        key: &KeyPair,
        copy: DerivedCopy,
        time: Timestamp,
        stamping: Option<&Stamping>,
        log_optional: bool,
    ) -> Result<Appended, Error> {
        rules::check_derived_copy(&copy).map_err(|e| Error::BadInput {
            field: "items",
            why: e.to_string(),
            remedy: None,
        })?;
        let mut ev = new_event(&self.st, key, EventType::Derivation, event_time(Some(time), self.st.last())?);
        ev.derivation = Some(copy);
        append_event(self.bundle, &self.st, key, ev, Vec::new(), stamping, log_optional)
    }

    /// The path of the parent.
    pub(crate) fn path(&self) -> &Path {
        &self.bundle.path
    }
}
