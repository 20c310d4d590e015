//! Trusted time: why a timestamp token proves no time (the text of each `TokenError`, whose
//! `Display` calls these), and why asking a timestamp authority failed (each `TsaError`).
//! One function per variant, in the variants' order.

use std::fmt::{Debug, Display};

use super::Front;

/// `TokenError::Malformed`: not a well-formed token, or beyond the limits of spec §9.4.
pub fn token_malformed(what: impl Display) -> String {
    format!("the token is not a well-formed RFC 3161 timestamp token: {what}")
}

/// `TokenError::Unsupported`.
pub fn token_unsupported(what: impl Display) -> String {
    format!("the token uses an algorithm this verifier does not support: {what}")
}

/// `TokenError::ImprintMismatch`.
pub fn token_imprint_mismatch() -> String {
    "the token was made over other data, not over this event's signature".to_string()
}

/// `TokenError::BadSignature`.
pub fn token_bad_signature(why: impl Display) -> String {
    format!("the token's signature does not verify: {why}")
}

/// `TokenError::NoEku`.
pub fn token_no_eku(why: impl Display) -> String {
    format!("the TSA certificate is not for timestamping: {why}")
}

/// `TokenError::CertExpired`: which certificate, and the token's time.
pub fn token_cert_expired(cert: impl Display, time: impl Display) -> String {
    format!("the certificate of {cert} was not valid at the token's time {time}")
}

/// `TokenError::UntrustedRoot`, worded for `front` (the CLI names its option).
pub fn token_untrusted_root(why: impl Display, front: Front) -> String {
    match front {
        Front::Library => format!("the TSA certificate does not chain to one of the TSA roots given: {why}"),
        Front::Cli => format!("the TSA certificate does not chain to a root in --tsa-roots: {why}"),
    }
}

/// `TsaError::BadUrl`.
pub fn tsa_bad_url(url: impl Display) -> String {
    format!(
        "'{url}' is not a TSA address this build can use: give an http:// URL (tokens are signed by the TSA and checked \
         offline, so plain HTTP loses no integrity; https is not built in)"
    )
}

/// `TsaError::Unreachable`.
pub fn tsa_unreachable(url: impl Display, why: impl Display) -> String {
    format!(
        "the timestamp authority {url} could not be reached ({why}); check the address and the network. \
         To go on without trusted time now and add it later, make trusted time optional"
    )
}

/// `TsaError::HttpStatus`.
pub fn tsa_http_status(url: impl Display, status: u16) -> String {
    format!("the timestamp authority {url} answered HTTP {status}, not a timestamp")
}

/// `TsaError::ContentType`: `got` is the content type it answered, quoted.
pub fn tsa_content_type(url: impl Display, got: impl Debug) -> String {
    format!(
        "the timestamp authority {url} answered with {got:?} content, not application/timestamp-reply; is this a TSA address?"
    )
}

/// `TsaError::BadResponse`.
pub fn tsa_bad_response(url: impl Display, why: impl Display) -> String {
    format!("the timestamp authority {url} sent an unusable answer: {why}")
}

/// `TsaError::Refused`: `text` is its status text prefixed with `: `, or empty.
pub fn tsa_refused(url: impl Display, status: impl Display, text: impl Display) -> String {
    format!("the timestamp authority {url} refused the request (status {status}{text})")
}

/// `TsaError::Random`.
pub fn tsa_random(why: impl Display) -> String {
    format!("the operating system's random number source failed: {why}")
}
