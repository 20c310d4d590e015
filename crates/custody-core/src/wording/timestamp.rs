//! Trusted time: why a timestamp token proves no time (the text of each `TokenError`, whose
//! `Display` calls these), and why asking a timestamp authority failed (each `TsaError`).
//! One function per variant, in the variants' order.

use std::fmt::{Debug, Display};

use super::Front;
use crate::layout::{MAX_DER_DEPTH, MAX_SET_ELEMENTS, MAX_TOKEN};

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
    format!("the timestamp authority {url} could not be reached ({why}); check the address and the network")
}

/// Why a TSA counts as unreachable when it did not answer in time (ureq's own words are
/// "timeout: global").
pub fn tsa_no_answer(connect: std::time::Duration, total: std::time::Duration) -> String {
    format!(
        "no answer in time: custody waits {} s to connect and {} s for the whole answer",
        connect.as_secs(),
        total.as_secs()
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

// What `TokenError::Malformed` says is wrong with the token (its detail).

/// A malformed-token detail.
pub const NO_TSTINFO: &str = "it has no TSTInfo";

/// A malformed-token detail.
pub const NO_SIGNER: &str = "it has no signer";

/// A malformed-token detail.
pub const SEVERAL_SIGNERS: &str = "it has more than one signer";

/// A malformed-token detail.
pub const NO_SIGNED_ATTRIBUTES: &str = "it has no signed attributes";

/// A malformed-token detail.
pub const KEY_NOT_WHOLE_BYTES: &str = "a public key is not whole bytes";

/// A malformed-token detail.
pub const EC_KEY_WITHOUT_CURVE: &str = "an EC key without a named curve";

/// A malformed-token detail.
pub const P256_KEY_BAD: &str = "bad P-256 key";

/// A malformed-token detail.
pub const P384_KEY_BAD: &str = "bad P-384 key";

/// A malformed-token detail.
pub const P521_KEY_BAD: &str = "bad P-521 key";

/// A malformed-token detail.
pub const NO_TSA_CERTIFICATE: &str = "it does not carry the TSA's certificate";

/// A malformed-token detail.
pub const NO_CONTENT_TYPE: &str = "no content-type attribute";

/// A malformed-token detail.
pub const NO_MESSAGE_DIGEST: &str = "no message-digest attribute";

/// A malformed-token detail.
pub const MESSAGE_DIGEST_MALFORMED: &str = "the message-digest attribute is malformed";

/// A malformed-token detail.
pub const SIGNING_CERTIFICATE_V2_BAD: &str = "bad signing-certificate-v2";

/// A malformed-token detail.
pub const SIGNING_CERTIFICATE_V2_EMPTY: &str = "empty signing-certificate-v2";

/// A malformed-token detail.
pub const SIGNING_CERTIFICATE_BAD: &str = "bad signing-certificate";

/// A malformed-token detail.
pub const SIGNING_CERTIFICATE_EMPTY: &str = "empty signing-certificate";

/// A malformed-token detail.
pub const EXTENDED_KEY_USAGE_MALFORMED: &str = "the extended key usage extension is malformed";

// The details of `TokenError` and `TsaError` (what is wrong, or which algorithm), and the
// hints of a TSA certificate file that cannot be read.

/// A detail of a token or TSA error.
pub const HINT_ROOTS: &str = "give the TSA's root CA certificate(s), PEM";

/// A detail of a token or TSA error.
pub const HINT_INTERMEDIATES: &str = "give the TSA's intermediate CA certificate(s), PEM";

/// A detail of a token or TSA error.
pub const TSA_GRANTED_NO_TOKEN: &str = "status granted but no token";

/// A detail of a token or TSA error.
pub const TSA_NONCE_MISMATCH: &str = "the token does not carry the nonce sent (a replayed or mixed-up answer)";

/// A detail of a token or TSA error.
pub const DER_CUT_SHORT: &str = "an element is cut short or has a bad length";

/// A detail of a token or TSA error.
pub const DER_TRAILING_BYTES: &str = "bytes follow the token";

/// A detail of a token or TSA error.
pub const DER_HIGH_TAG: &str = "it uses a tag number form RFC 3161 tokens never need";

/// A detail of a token or TSA error.
pub const SHA1_TOO_WEAK: &str = "SHA-1 is too weak to rely on";

/// A detail of a token or TSA error.
pub const SHA1_SIGNATURES_TOO_WEAK: &str = "SHA-1 signatures are too weak to rely on";

/// A detail of a token or TSA error.
pub const RSA_SIGNATURE_NOT_RSA_KEY: &str = "an RSA signature by a key that is not RSA";

/// A detail of a token or TSA error.
pub const RSA_SIGNATURE_MISMATCH: &str = "the RSA signature does not match";

/// A detail of a token or TSA error.
pub const ECDSA_SIGNATURE_NOT_EC_KEY: &str = "an ECDSA signature by a key that is not an EC key";

/// A detail of a token or TSA error.
pub const ECDSA_SIGNATURE_MISMATCH: &str = "the ECDSA signature does not match";

/// A detail of a token or TSA error.
pub const UNKNOWN_TSA: &str = "an unknown TSA";

/// A detail of a token or TSA error.
pub const CONTENT_TYPE_NOT_TST_INFO: &str = "the content-type attribute is not TSTInfo";

/// A detail of a token or TSA error.
pub const TST_INFO_CHANGED: &str = "the TSTInfo was changed after signing";

/// A detail of a token or TSA error.
pub const OTHER_SIGNING_CERTIFICATE: &str = "it names another signing certificate";

/// A detail of a token or TSA error.
pub const ECDSA_NOT_DER: &str = "not a DER ECDSA signature";

/// `TsaError::BadResponse`: the request could not be encoded.
pub fn tsa_request_unencodable(e: impl Display) -> String {
    format!("internal: cannot encode the request: {e}")
}

/// `TsaError::BadResponse`: the answer is over the token limit.
pub fn tsa_answer_too_large() -> String {
    format!("more than {MAX_TOKEN} bytes")
}

/// `TsaError::BadResponse`: the answer is not RFC 3161.
pub fn tsa_not_rfc3161(e: impl Display) -> String {
    format!("not an RFC 3161 response ({e})")
}

/// `TsaError::BadResponse`: the token cannot be encoded again.
pub fn tsa_token_unencodable(e: impl Display) -> String {
    format!("the token cannot be re-encoded ({e})")
}

/// A token's DER nests too deep (spec §9.4).
pub fn der_too_deep() -> String {
    format!("it nests more than {MAX_DER_DEPTH} levels deep")
}

/// A token's DER has a SET too large (spec §9.4).
pub fn der_set_too_large() -> String {
    format!("a SET holds more than {MAX_SET_ELEMENTS} elements")
}

/// A certificate file that is not text.
pub fn pem_not_text(hint: impl Display) -> String {
    format!("it is not PEM text; {hint}")
}

/// A PEM block without its end line.
pub fn pem_block_cut(hint: impl Display) -> String {
    format!("a PEM block is not a whole certificate; {hint}")
}

/// A PEM block that does not decode.
pub fn pem_invalid(n: usize, e: impl Display, hint: impl Display) -> String {
    format!("certificate {n} is not valid PEM ({e}); {hint}")
}

/// A PEM block of another kind (a key, a request).
pub fn pem_not_certificate(n: usize, label: &str, hint: impl Display) -> String {
    format!("block {n} is a {}, not a CERTIFICATE; {hint}", crate::text::printable(label))
}

/// A certificate that does not parse.
pub fn certificate_unusable(n: usize, e: impl Display, hint: impl Display) -> String {
    format!("certificate {n} is not usable ({e}); {hint}")
}

/// A file with no certificate.
pub fn pem_no_certificate(hint: impl Display) -> String {
    format!("it holds no certificate; {hint}")
}

/// `TokenError::Unsupported`: a digest algorithm.
pub fn digest_algorithm(oid: impl Display) -> String {
    format!("digest algorithm {oid}")
}

/// `TokenError::Malformed`: over the token limit (spec §9.4).
pub fn token_too_large() -> String {
    format!("it is larger than {MAX_TOKEN} bytes")
}

/// `TokenError::Malformed`: not CMS.
pub fn not_content_info(e: impl Display) -> String {
    format!("not a CMS ContentInfo ({e})")
}

/// `TokenError::Malformed`: CMS, but not SignedData.
pub fn not_signed_data(content_type: impl Display) -> String {
    format!("its content type is {content_type}, not SignedData")
}

/// `TokenError::Malformed`: a SignedData that does not parse.
pub fn bad_signed_data(e: impl Display) -> String {
    format!("bad SignedData ({e})")
}

/// `TokenError::Malformed`: it signs something other than a TSTInfo.
pub fn not_tst_info(content_type: impl Display) -> String {
    format!("it signs {content_type}, not a TSTInfo")
}

/// `TokenError::Malformed`: the TSTInfo is not wrapped as it must be.
pub fn tst_info_not_octets(e: impl Display) -> String {
    format!("the TSTInfo is not an OCTET STRING ({e})")
}

/// `TokenError::Malformed`: the TSTInfo's DER breaks a limit.
pub fn tst_info_shape(e: impl Display) -> String {
    format!("its TSTInfo: {e}")
}

/// `TokenError::Malformed`: a TSTInfo that does not parse.
pub fn bad_tst_info(e: impl Display) -> String {
    format!("bad TSTInfo ({e})")
}

/// `TokenError::Unsupported`: a signature algorithm.
pub fn signature_algorithm(oid: impl Display) -> String {
    format!("signature algorithm {oid}")
}

/// `TokenError::Unsupported`: an RSA key that does not parse.
pub fn rsa_key_unsupported(e: impl Display) -> String {
    format!("RSA public key ({e})")
}

/// `TokenError::Unsupported`: an elliptic curve.
pub fn elliptic_curve(oid: impl Display) -> String {
    format!("elliptic curve {oid}")
}

/// `TokenError::Malformed`: a signed attribute with several values.
pub fn attribute_not_single(oid: impl Display) -> String {
    format!("signed attribute {oid} is not a single value")
}

/// `TokenError::NoEku`: no extended key usage.
pub fn no_extended_key_usage(tsa: impl Display) -> String {
    format!("{tsa}'s certificate has no extended key usage")
}

/// `TokenError::NoEku`: a usage beside timestamping.
pub fn not_only_timestamping(tsa: impl Display) -> String {
    format!("{tsa}'s certificate is not limited to timeStamping")
}

/// `TokenError::NoEku`: a usage not marked critical.
pub fn usage_not_critical(tsa: impl Display) -> String {
    format!("{tsa}'s timeStamping usage is not marked critical")
}

/// `TokenError::CertExpired`: the certificate and its validity.
pub fn certificate_validity(subject: impl Display, from: impl Display, to: impl Display) -> String {
    format!("{subject} (valid {from} to {to})")
}
