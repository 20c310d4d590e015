//! The transfer: the current custodian offers the bundle to a named recipient, with the
//! purpose, legal basis, request and conditions of the hand-over.

use std::path::Path;

use super::{
    Appended, append_event, append_on, event_time, new_event, read_state_given, refuse_if_invalid, refused, verify_open,
};
use crate::event::{ConditionKind, EventType, Transfer};
use crate::keys::{Identity, IdentityError, KeyPair, PublicKey, public_key_file};
use crate::manifest::Signer;
use crate::rules::{self, DetailsRefusal};
use crate::time::Timestamp;
use crate::timestamp::Stamping;
use crate::{Action, Error};

/// What to transfer to whom. Made with [`TransferOptions::new`]; the optional fields are
/// then set as needed.
#[derive(Clone)]
#[non_exhaustive]
pub struct TransferOptions<'a> {
    /// The current custodian's key.
    pub key: &'a KeyPair,
    /// The recipient's public key.
    pub recipient: PublicKey,
    /// The recipient's identity, as their public key file states it.
    pub recipient_identity: Identity,
    /// Why the bundle is handed over.
    pub purpose: String,
    /// The legal basis of the hand-over (instrument and article).
    pub legal_basis: Option<String>,
    /// The MLA request, EIO or case reference the hand-over answers.
    pub request_reference: Option<String>,
    /// Conditions attached to the hand-over, in order (numbered from 1).
    pub conditions: Vec<(ConditionKind, String)>,
    /// The event time; now if `None` (fixed only for test vectors).
    pub time: Option<Timestamp>,
    /// Trusted time for the transfer event from a timestamp authority; none if `None`.
    pub stamping: Option<Stamping>,
    /// If the custody log the bundle names fails, write the event without its log proof
    /// (spec §6.5, `--log-optional`) instead of failing with nothing written.
    pub log_optional: bool,
}

impl<'a> TransferOptions<'a> {
    /// A transfer by `key` to `recipient` (with the identity their key file states) for
    /// `purpose`, with no legal basis, request reference or conditions, at the current time,
    /// without trusted time.
    pub fn new(
        key: &'a KeyPair,
        recipient: PublicKey,
        recipient_identity: Identity,
        purpose: impl Into<String>,
    ) -> Self {
        TransferOptions {
            key,
            recipient,
            recipient_identity,
            purpose: purpose.into(),
            legal_basis: None,
            request_reference: None,
            conditions: Vec::new(),
            time: None,
            stamping: None,
            log_optional: false,
        }
    }
}

/// Appends a transfer event: the custodian offers the bundle to a recipient. Refused
/// ([`Error::NotCustodian`], [`Error::TransferPending`]) by the custody rules of
/// [`crate::rules`], and when the bundle's custody documents do not verify.
pub fn transfer(bundle: &Path, out: Option<&Path>, opts: &TransferOptions) -> Result<Appended, Error> {
    let signer = opts.key.public().fingerprint();
    let recipient = Signer::new(opts.recipient.fingerprint(), &opts.recipient_identity);
    let details = Transfer {
        recipient,
        purpose: opts.purpose.clone(),
        legal_basis: opts.legal_basis.clone(),
        request_reference: opts.request_reference.clone(),
        conditions: rules::number_conditions(opts.conditions.iter().cloned()),
    };
    // The rules the verifier applies to a transfer's details, before the bundle is opened.
    rules::check_transfer(&details, &signer).map_err(refused_details)?;
    append_on(bundle, out, |b| {
        // The custody documents must verify; the payload is not re-hashed (the recipient's
        // receipt does that), so the cost does not grow with the evidence.
        let report = verify_open(&b, false, 0, None)?;
        refuse_if_invalid(&report, Action::Transfer)?;
        // The manifest the verification parsed is not parsed again.
        let st = read_state_given(&b, report.manifest)?;
        st.chain.may_transfer(&signer).map_err(|r| refused(r, opts.key))?;
        let time = event_time(opts.time, st.last())?;
        let mut ev = new_event(&st, opts.key, EventType::Transfer, time);
        ev.transfer = Some(details.clone());
        let key_path = crate::layout::key_path(&opts.recipient.fingerprint().hex());
        let extra = if let Some(existing) = st.tags.get(&key_path) {
            let bundled =
                std::str::from_utf8(existing).ok().and_then(|t| crate::keys::PublicKeyFile::from_file_text(t).ok());
            let bundled_id = bundled.and_then(|k| k.identity);
            if bundled_id.as_ref() != Some(&opts.recipient_identity) {
                return Err(Error::BadInput {
                    field: "recipient",
                    why: format!(
                        "this bundle already holds the recipient's key under the identity {}, but their .pub file \
                         says {}",
                        bundled_id.map(|i| i.describe()).unwrap_or_else(|| "(none)".into()),
                        opts.recipient_identity.describe()
                    ),
                    remedy: Some("a key keeps one identity within a bundle".into()),
                });
            }
            Vec::new()
        } else {
            vec![(key_path, public_key_file(&opts.recipient, &opts.recipient_identity).into_bytes())]
        };
        append_event(b, &st, opts.key, ev, extra, opts.stamping.as_ref(), opts.log_optional)
    })
}

/// The writer's error for a transfer whose details break a rule of [`rules::check_transfer`]:
/// the input named as the options name it (the legal basis and the request reference share
/// one message, as they always have).
fn refused_details(r: DetailsRefusal) -> Error {
    match r {
        DetailsRefusal::Recipient(e) => Error::Identity(e),
        DetailsRefusal::OwnKey => Error::BadInput {
            field: "recipient",
            why: "the recipient is you: a transfer hands the bundle to someone else".into(),
            remedy: None,
        },
        DetailsRefusal::TooManyConditions(n) => Error::BadInput {
            field: "condition",
            why: format!("{n} conditions; a transfer may attach at most {}", rules::MAX_CONDITIONS),
            remedy: Some(format!(
                "merge related conditions into one text (each may hold up to {} characters)",
                rules::MAX_CONDITION_TEXT
            )),
        },
        DetailsRefusal::Text(e) => Error::Identity(match e {
            IdentityError::Empty { field } => IdentityError::Empty { field: as_option(field) },
            IdentityError::TooLong { field, max } => IdentityError::TooLong { field: as_option(field), max },
            IdentityError::Control { field } => IdentityError::Control { field: as_option(field) },
            IdentityError::Spaces { field } => IdentityError::Spaces { field: as_option(field) },
            other => other,
        }),
        other => Error::Internal(format!("the transfer's details break a rule: {other}")),
    }
}

/// The name the transfer options give a text field.
fn as_option(field: &'static str) -> &'static str {
    match field {
        "legal basis" | "request reference" => "legal basis or request reference",
        f => f,
    }
}
