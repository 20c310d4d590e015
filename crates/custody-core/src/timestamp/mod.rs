//! Trusted time: RFC 3161 timestamp tokens on custody events.
//!
//! An event's time is its signer's claim. A timestamp authority (TSA) can vouch for time: given
//! a hash, it returns a *token*, a CMS SignedData over a `TSTInfo` that binds the hash to the
//! TSA's clock (`genTime`). custody asks for a token over each event's detached signature
//! (`custody/events/NNNNNN-TYPE.json.sig`, the 64 raw Ed25519 bytes), and stores the token,
//! DER, beside it as `custody/events/NNNNNN-TYPE.json.sig.tst`. The signature covers the event
//! document, so the token proves the event existed at `genTime`.
//!
//! Tokens are bound by no event: the coverage rule exempts a token whose event exists, so
//! tokens can be added later (`handover::add_tokens`) without touching any signature.
//!
//! Everything here reads hostile bytes: a token comes from whoever made the bundle. Every
//! failure is a [`TokenError`] with a stable check code; nothing panics.
//!
//! The parts: `token` (the token's structures and its strict parse), `der` (raw DER checks and
//! slicing done before any decoding), `oid` (the object identifiers), `verify` (the steps of
//! spec §6.4 that make a token prove a time), `roots` (the TSA roots a verifier trusts),
//! `client` (asking a TSA, RFC 3161 over HTTP) and `stamp` (a token for an event being
//! written). What the verification report says about a bundle's tokens is the verifier's
//! timestamps family (`crate::verify`). This file holds the time rules and the one
//! exhaustive mapping of each [`TokenError`] to its check code.

use crate::check::CheckCode;
use crate::text::printable;
use crate::wording::{self, Front};

mod client;
mod der;
mod oid;
mod roots;
mod stamp;
mod token;
mod verify;

pub use client::TsaError;
pub(crate) use client::request_token;
pub use roots::TsaRoots;
pub(crate) use stamp::stamp;
pub use stamp::{StampOutcome, Stamping};
pub(crate) use token::subject_name;
pub use token::{GenTime, Token, TstInfo, parse_token};
pub use verify::{Verified, verify_token};

/// A claimed event time later than the trusted time by more than this fails
/// (`timestamp.time_conflict`): the event cannot have been signed after the TSA saw its
/// signature. The allowance covers unsynchronised clocks.
pub const TOLERANCE_SECONDS: i64 = 300;
/// A trusted time later than the claimed time by more than this is a warning
/// (`timestamp.late`): the token proves existence only from its own time on.
pub const LATE_SECONDS: i64 = 24 * 3600;
/// Environment variable naming the default TSA for `--tsa`.
pub const TSA_URL_ENV: &str = "CUSTODY_TSA_URL";

/// Why a token does not prove a time. Each variant has a stable check code ([`Self::code`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("{}", wording::timestamp::token_malformed(.0))]
    /// Not a well-formed token, or beyond the limits of spec §9.4.
    Malformed(String),
    #[error("{}", wording::timestamp::token_unsupported(.0))]
    /// An algorithm this verifier does not support (or too weak to rely on).
    Unsupported(String),
    #[error("{}", wording::timestamp::token_imprint_mismatch())]
    /// The token is over other data than the event's signature.
    ImprintMismatch,
    #[error("{}", wording::timestamp::token_bad_signature(.0))]
    /// The token's CMS signature does not verify.
    BadSignature(String),
    #[error("{}", wording::timestamp::token_no_eku(.0))]
    /// The signing certificate is not limited to timestamping, critically.
    NoEku(String),
    #[error("{}", wording::timestamp::token_cert_expired(.0, .1))]
    /// A certificate was not valid at `genTime`: the certificate, and the time.
    CertExpired(String, String),
    #[error("{}", wording::timestamp::token_untrusted_root(.0, Front::Library))]
    /// The signing certificate does not chain to a given root.
    UntrustedRoot(String),
}

impl TokenError {
    /// The verifier's check code for this failure.
    pub fn code(&self) -> CheckCode {
        match self {
            TokenError::Malformed(_) => CheckCode::TimestampMalformed,
            TokenError::Unsupported(_) => CheckCode::TimestampUnsupportedAlgorithm,
            TokenError::ImprintMismatch => CheckCode::TimestampImprintMismatch,
            TokenError::BadSignature(_) => CheckCode::TimestampBadSignature,
            TokenError::NoEku(_) => CheckCode::TimestampNoEku,
            TokenError::CertExpired(..) => CheckCode::TimestampCertExpired,
            TokenError::UntrustedRoot(_) => CheckCode::TimestampUntrustedRoot,
        }
    }

    /// Why the token proves no time, worded for `front`: its `Display` text, except that
    /// the command line's words name its option where the library's name the TSA roots given.
    pub fn worded(&self, front: Front) -> String {
        match (self, front) {
            (TokenError::UntrustedRoot(why), Front::Cli) => wording::timestamp::token_untrusted_root(why, front),
            _ => self.to_string(),
        }
    }
}

fn malformed(what: impl std::fmt::Display) -> TokenError {
    TokenError::Malformed(what.to_string())
}
