//! Asking a timestamp authority for a token: an RFC 3161 request over HTTP, and the answer
//! checked before it is used.

use crate::wording;
use std::time::Duration;

use der::asn1::{Int, OctetString};
use der::{Decode, Encode};
use x509_tsp::{MessageImprint, TimeStampReq, TimeStampResp, TspVersion};

use super::oid::OID_SHA256;
use super::parse_token;
use super::printable;
use super::token::Hash;
use crate::layout::MAX_TOKEN;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const TOTAL_TIMEOUT: Duration = Duration::from_secs(60);

/// Why asking a TSA for a token failed.
#[derive(Debug, thiserror::Error)]
pub enum TsaError {
    #[error("{}", crate::wording::timestamp::tsa_bad_url(.0))]
    /// Not an `http://` URL.
    BadUrl(String),
    #[error("{}", crate::wording::timestamp::tsa_unreachable(.url, .why))]
    /// The TSA could not be reached.
    Unreachable {
        /// The TSA's URL.
        url: String,
        /// What failed.
        why: String,
    },
    #[error("{}", crate::wording::timestamp::tsa_http_status(.url, *.status))]
    /// An HTTP status other than 200.
    HttpStatus {
        /// The TSA's URL.
        url: String,
        /// The HTTP status.
        status: u16,
    },
    #[error("{}", crate::wording::timestamp::tsa_content_type(.url, .got))]
    /// An answer that is not `application/timestamp-reply`.
    ContentType {
        /// The TSA's URL.
        url: String,
        /// The content type received.
        got: String,
    },
    #[error("{}", crate::wording::timestamp::tsa_bad_response(.url, .why))]
    /// An answer that is not a usable token over what was sent.
    BadResponse {
        /// The TSA's URL.
        url: String,
        /// What is wrong with it.
        why: String,
    },
    #[error("{}", crate::wording::timestamp::tsa_refused(.url, .status, .text))]
    /// The TSA refused the request.
    Refused {
        /// The TSA's URL.
        url: String,
        /// The PKI status it answered.
        status: String,
        /// Its status text, if any, prefixed with `: `.
        text: String,
    },
    #[error("{}", crate::wording::timestamp::tsa_random(.0))]
    /// The random source for the nonce failed.
    Random(String),
}

/// Builds a DER TimeStampReq for SHA-256 of `data` with `nonce`, asking for the certificate.
fn build_request(data: &[u8], nonce: &[u8; 8]) -> Result<Vec<u8>, der::Error> {
    let req = TimeStampReq {
        version: TspVersion::V1,
        message_imprint: MessageImprint {
            hash_algorithm: spki::AlgorithmIdentifier { oid: OID_SHA256, parameters: Some(der::Any::null()) },
            hashed_message: OctetString::new(Hash::Sha256.digest(data))?,
        },
        req_policy: None,
        nonce: Some(Int::new(nonce)?),
        cert_req: true,
        extensions: None,
    };
    req.to_der()
}

/// Asks the TSA at `url` for a token over `data` (an event's signature file) and checks the
/// answer before returning the token's DER: status granted, the nonce and imprint sent, a
/// valid signature by a certificate with the timeStamping usage, valid at its time.
pub(crate) fn request_token(url: &str, data: &[u8]) -> Result<Vec<u8>, TsaError> {
    if !url.starts_with("http://") || url.len() <= "http://".len() {
        return Err(TsaError::BadUrl(url.to_owned()));
    }
    let mut nonce = [0u8; 8];
    getrandom::fill(&mut nonce).map_err(|e| TsaError::Random(e.to_string()))?;
    nonce[0] = (nonce[0] & 0x7f) | 0x40; // positive, and minimal as DER needs
    let bad = |why: String| TsaError::BadResponse { url: url.to_owned(), why };
    let req = build_request(data, &nonce).map_err(|e| bad(wording::timestamp::tsa_request_unencodable(e)))?;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_connect(Some(CONNECT_TIMEOUT))
        .timeout_global(Some(TOTAL_TIMEOUT))
        .http_status_as_error(false)
        .user_agent(concat!("custody/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let unreachable = |e: ureq::Error| {
        let why = match e {
            ureq::Error::Timeout(_) => wording::timestamp::tsa_no_answer(CONNECT_TIMEOUT, TOTAL_TIMEOUT),
            other => other.to_string(),
        };
        TsaError::Unreachable { url: url.to_owned(), why }
    };
    let mut resp = agent
        .post(url)
        .header("Content-Type", "application/timestamp-query")
        .header("Accept", "application/timestamp-reply")
        .send(&req[..])
        .map_err(unreachable)?;
    let status = resp.status().as_u16();
    if status != 200 {
        return Err(TsaError::HttpStatus { url: url.to_owned(), status });
    }
    let ct = resp.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let mime = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if mime != "application/timestamp-reply" {
        return Err(TsaError::ContentType { url: url.to_owned(), got: ct });
    }
    let body = resp.body_mut().with_config().limit(MAX_TOKEN as u64).read_to_vec().map_err(|e| match e {
        ureq::Error::BodyExceedsLimit(_) => bad(wording::timestamp::tsa_answer_too_large()),
        other => unreachable(other),
    })?;
    let parsed = TimeStampResp::from_der(&body).map_err(|e| bad(wording::timestamp::tsa_not_rfc3161(e)))?;
    use cmpv2::status::PkiStatus;
    if !matches!(parsed.status.status, PkiStatus::Accepted | PkiStatus::GrantedWithMods) {
        let text = parsed
            .status
            .status_string
            .as_ref()
            .map(|s| s.iter().map(|t| t.to_string()).collect::<Vec<_>>().join("; "))
            .map(|t| format!(": {}", printable(&t)))
            .unwrap_or_default();
        return Err(TsaError::Refused { url: url.to_owned(), status: format!("{:?}", parsed.status.status), text });
    }
    let token = parsed.time_stamp_token.ok_or_else(|| bad(wording::timestamp::TSA_GRANTED_NO_TOKEN.into()))?;
    let token = token.to_der().map_err(|e| bad(wording::timestamp::tsa_token_unencodable(e)))?;
    let t = parse_token(&token).map_err(|e| bad(e.to_string()))?;
    if t.info.nonce.as_ref().map(|n| n.as_bytes()) != Some(&nonce[..]) {
        return Err(bad(wording::timestamp::TSA_NONCE_MISMATCH.into()));
    }
    t.check_imprint(data).map_err(|e| bad(e.to_string()))?;
    t.check_signature().map_err(|e| bad(e.to_string()))?;
    t.check_eku().map_err(|e| bad(e.to_string()))?;
    t.signer_cert().and_then(|c| t.check_valid_at(c)).map_err(|e| bad(e.to_string()))?;
    Ok(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_only_over_http() {
        assert!(matches!(request_token("https://tsa.example/", b"x"), Err(TsaError::BadUrl(_))));
        assert!(matches!(request_token("tsa.example", b"x"), Err(TsaError::BadUrl(_))));
        let req = build_request(b"abc", &[0x40, 1, 2, 3, 4, 5, 6, 7]).unwrap();
        let back = TimeStampReq::from_der(&req).unwrap();
        assert!(back.cert_req);
        assert_eq!(back.message_imprint.hashed_message.as_bytes(), Hash::Sha256.digest(b"abc"));
    }
}
