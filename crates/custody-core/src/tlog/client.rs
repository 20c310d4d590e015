//! A client of a custody log's HTTP API (docs/custody-log.md §5, design §4.2): the signed
//! checkpoint, the verifier key it serves, and the inclusion and consistency proofs. The
//! server is not trusted: every answer is size-capped before it is read, proofs are decoded
//! strictly (64 lowercase hex digits a hash, at most [`MAX_PROOF`] of them) and are only ever
//! used to check a checkpoint signed by the log's key, which the caller opens itself.

use std::time::Duration;

use serde::Deserialize;

use super::leaf::{LEAF_INPUT_LEN, LeafInput};
use super::lookup;
use super::proof_file::unhex;
use super::submit::{Claim, Receipt, Submit};
use crate::commit::merkle::Hash;
use crate::digest::hex;
use crate::keys::note::MAX_NOTE_BYTES;
use crate::wording;

/// Connecting to the log may take this long.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// A whole request (connect, send, answer) may take this long.
const TOTAL_TIMEOUT: Duration = Duration::from_secs(30);
/// The most hashes a proof may hold: a consistency proof of a tree of 2^63 leaves has at most
/// 2 × 63 + 2, an inclusion proof 63.
pub const MAX_PROOF: usize = crate::commit::proof::MAX_CONSISTENCY_PROOF;
/// The largest proof answer read: `MAX_PROOF` hashes of 64 hex digits, quoted and separated,
/// with room for the envelope.
const MAX_PROOF_ANSWER: u64 = (MAX_PROOF as u64) * 67 + 1024;
/// The largest error answer read (its `why` is shown, cleaned of control characters).
const MAX_ERROR_ANSWER: u64 = 4096;

/// Why a log's answer could not be had or used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ClientError {
    #[error("{}", wording::log::client_bad_url(.0))]
    /// The log's address is not an `http://` URL.
    BadUrl(String),
    #[error("{}", wording::log::client_unreachable(.url, .why))]
    /// The log could not be reached or did not answer in time.
    Unreachable {
        /// The address asked.
        url: String,
        /// The network's reason.
        why: String,
    },
    #[error("{}", wording::log::client_http_status(.url, *.status, .why))]
    /// The log answered with an error status.
    HttpStatus {
        /// The address asked.
        url: String,
        /// The HTTP status.
        status: u16,
        /// The log's own reason, cleaned of control characters (may be empty).
        why: String,
    },
    #[error("{}", wording::log::client_slot_taken(.url))]
    /// The log holds another event at the submitted slot (409): another copy was continued.
    SlotTaken {
        /// The address asked.
        url: String,
    },
    #[error("{}", wording::log::client_bad_answer(.url, .why))]
    /// The log's answer is too large or not what the API defines.
    BadAnswer {
        /// The address asked.
        url: String,
        /// What is wrong with it.
        why: String,
    },
}

/// A custody log at a base URL (the manifest's log URL: its endpoints are below it).
#[derive(Clone)]
pub struct LogClient {
    base: String,
    agent: ureq::Agent,
}

impl std::fmt::Debug for LogClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LogClient").field("base", &self.base).finish()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProofAnswer {
    proof: Vec<String>,
}

#[derive(Deserialize)]
struct SubmitAnswer {
    index: u64,
    checkpoint: String,
    inclusion: Vec<String>,
    #[serde(default)]
    consistency: Option<Vec<String>>,
}

/// The largest submission answer read: a checkpoint and two proofs.
const MAX_SUBMIT_ANSWER: u64 = MAX_NOTE_BYTES as u64 + 2 * MAX_PROOF_ANSWER;

#[derive(Deserialize)]
struct ErrorAnswer {
    #[serde(default)]
    why: String,
}

impl LogClient {
    /// A client of the log at `url` (`http://host:port[/prefix]`; a TLS proxy in front of a
    /// public log is reached through a local forwarder, as the TSA client is).
    pub fn new(url: &str) -> Result<Self, ClientError> {
        let rest = url.strip_prefix("http://").ok_or_else(|| ClientError::BadUrl(url.to_owned()))?;
        if rest.is_empty() || rest.starts_with('/') || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(ClientError::BadUrl(url.to_owned()));
        }
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_connect(Some(CONNECT_TIMEOUT))
            .timeout_global(Some(TOTAL_TIMEOUT))
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent(concat!("custody/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Ok(LogClient { base: url.trim_end_matches('/').to_owned(), agent })
    }

    /// The log's base URL, as given (without a trailing `/`).
    pub fn url(&self) -> &str {
        &self.base
    }

    /// The log's latest checkpoint, as the signed note's bytes (not yet opened: open it with
    /// `Checkpoint::open` and the log's verifier key).
    pub fn checkpoint(&self) -> Result<Vec<u8>, ClientError> {
        self.get("/checkpoint", MAX_NOTE_BYTES as u64)
    }

    /// The verifier key the log serves (to compare, out of band, with the one you were given).
    pub fn verifier_key(&self) -> Result<String, ClientError> {
        let url = self.endpoint("/v1/vkey");
        let body = self.get("/v1/vkey", 1024)?;
        let text = String::from_utf8(body).map_err(|_| bad(&url, wording::log::CLIENT_NOT_TEXT))?;
        Ok(text.trim_end_matches('\n').to_owned())
    }

    /// The consistency proof from the tree of `from` leaves to the tree of `to` leaves.
    pub fn consistency(&self, from: u64, to: u64) -> Result<Vec<Hash>, ClientError> {
        self.proof(&format!("/v1/proof/consistency?from={from}&to={to}"))
    }

    /// The inclusion proof of leaf `index` in the tree of `size` leaves.
    pub fn inclusion(&self, index: u64, size: u64) -> Result<Vec<Hash>, ClientError> {
        self.proof(&format!("/v1/proof/inclusion?index={index}&size={size}"))
    }

    /// The leaf inputs of entry bundle `index` (C2SP tlog-tiles), its first `width` (1 to 256)
    /// entries: each must be `u16be(98)` and a leaf input whose version and kind are known.
    pub fn entry_bundle(&self, index: u64, width: u64) -> Result<Vec<LeafInput>, ClientError> {
        let suffix = if width == TILE_WIDTH { String::new() } else { format!(".p/{width}") };
        let path = format!("/tile/entries/{}{suffix}", tile_index(index));
        let url = self.endpoint(&path);
        let body = self.get(&path, width * (2 + LEAF_INPUT_LEN as u64))?;
        let mut leaves = Vec::with_capacity(width as usize);
        let mut rest = &body[..];
        while let [a, b, tail @ ..] = rest {
            let len = usize::from(u16::from_be_bytes([*a, *b]));
            let (entry, after) =
                tail.split_at_checked(len).ok_or_else(|| bad(&url, wording::log::CLIENT_BAD_BUNDLE))?;
            leaves.push(LeafInput::from_bytes(entry).ok_or_else(|| bad(&url, wording::log::CLIENT_BAD_BUNDLE))?);
            rest = after;
        }
        if !rest.is_empty() || leaves.len() as u64 != width {
            return Err(bad(&url, wording::log::CLIENT_BAD_BUNDLE));
        }
        Ok(leaves)
    }

    /// Submits a claim (`POST /v1/submit`): 201 and 200 are receipts, 409 is
    /// [`ClientError::SlotTaken`]. The receipt is unchecked: the caller checks it.
    pub fn submit_claim(&self, claim: &Claim) -> Result<Receipt, ClientError> {
        let url = self.endpoint("/v1/submit");
        let mut body = serde_json::json!({
            "slot": hex(&claim.slot), "event": hex(&claim.event), "signer": hex(&claim.signer),
        });
        if let Some(from) = claim.from {
            body["from"] = serde_json::json!(from);
        }
        let unreachable = |e: ureq::Error| ClientError::Unreachable { url: url.clone(), why: e.to_string() };
        let mut resp = self
            .agent
            .post(&url)
            .header("Content-Type", "application/json")
            .send(body.to_string().as_bytes())
            .map_err(unreachable)?;
        let status = resp.status().as_u16();
        if status == 409 {
            return Err(ClientError::SlotTaken { url });
        }
        if status != 200 && status != 201 {
            let why = error_why(&mut resp);
            return Err(ClientError::HttpStatus { url, status, why });
        }
        let bytes = read_answer(&mut resp, &url, MAX_SUBMIT_ANSWER)?;
        let a: SubmitAnswer =
            serde_json::from_slice(&bytes).map_err(|e| bad(&url, &wording::log::client_not_json(e)))?;
        let hashes = |v: Vec<String>| -> Result<Vec<Hash>, ClientError> {
            if v.len() > MAX_PROOF {
                return Err(bad(&url, &wording::log::client_proof_too_long(v.len(), MAX_PROOF)));
            }
            v.iter().map(|h| unhex(h).ok_or_else(|| bad(&url, wording::log::CLIENT_BAD_HASH))).collect()
        };
        Ok(Receipt {
            index: a.index,
            checkpoint: a.checkpoint,
            inclusion: hashes(a.inclusion)?,
            consistency: a.consistency.map(hashes).transpose()?,
        })
    }

    /// Looks up `slots` (`POST /v1/lookup`), with the consistency proof from the tree of
    /// `from` leaves. The answer is read up to [`lookup::max_answer`] bytes and strictly, not
    /// checked: the caller checks it ([`lookup::Answer::check`]).
    pub fn lookup(&self, slots: &[Hash], from: Option<u64>) -> Result<lookup::Answer, lookup::LookupError> {
        let url = self.endpoint("/v1/lookup");
        let mut body = serde_json::json!({ "slots": slots.iter().map(|s| hex(s)).collect::<Vec<_>>() });
        if let Some(from) = from {
            body["from"] = serde_json::json!(from);
        }
        let unreachable = |e: ureq::Error| ClientError::Unreachable { url: url.clone(), why: e.to_string() };
        let mut resp = self
            .agent
            .post(&url)
            .header("Content-Type", "application/json")
            .send(body.to_string().as_bytes())
            .map_err(unreachable)?;
        let status = resp.status().as_u16();
        if status != 200 {
            let why = error_why(&mut resp);
            return Err(ClientError::HttpStatus { url, status, why }.into());
        }
        let limit = lookup::max_answer(slots.len());
        let bytes = read_answer(&mut resp, &url, limit)?;
        lookup::Answer::parse(&bytes)
    }

    fn endpoint(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn proof(&self, path: &str) -> Result<Vec<Hash>, ClientError> {
        let url = self.endpoint(path);
        let body = self.get(path, MAX_PROOF_ANSWER)?;
        let answer: ProofAnswer =
            serde_json::from_slice(&body).map_err(|e| bad(&url, &wording::log::client_not_json(e)))?;
        if answer.proof.len() > MAX_PROOF {
            return Err(bad(&url, &wording::log::client_proof_too_long(answer.proof.len(), MAX_PROOF)));
        }
        answer.proof.iter().map(|h| unhex(h).ok_or_else(|| bad(&url, wording::log::CLIENT_BAD_HASH))).collect()
    }

    /// GETs `path`, reading at most `limit` bytes of a 200 answer.
    fn get(&self, path: &str, limit: u64) -> Result<Vec<u8>, ClientError> {
        let url = self.endpoint(path);
        let unreachable = |e: ureq::Error| ClientError::Unreachable { url: url.clone(), why: e.to_string() };
        let mut resp = self.agent.get(&url).call().map_err(unreachable)?;
        let status = resp.status().as_u16();
        if status != 200 {
            let why = error_why(&mut resp);
            return Err(ClientError::HttpStatus { url, status, why });
        }
        read_answer(&mut resp, &url, limit)
    }
}

impl Submit for LogClient {
    fn submit(&self, claim: &Claim) -> Result<Receipt, ClientError> {
        self.submit_claim(claim)
    }
}

/// The `why` of an error answer, read up to `MAX_ERROR_ANSWER` bytes and cleaned.
fn error_why(resp: &mut ureq::http::Response<ureq::Body>) -> String {
    resp.body_mut()
        .with_config()
        .limit(MAX_ERROR_ANSWER)
        .read_to_vec()
        .ok()
        .and_then(|b| serde_json::from_slice::<ErrorAnswer>(&b).ok())
        .map(|e| crate::text::printable(&e.why))
        .unwrap_or_default()
}

/// A successful answer's body, at most `limit` bytes: a longer one is a bad answer, a read that
/// fails is the log being unreachable.
fn read_answer(resp: &mut ureq::http::Response<ureq::Body>, url: &str, limit: u64) -> Result<Vec<u8>, ClientError> {
    // ureq refuses a body that reaches its limit: one byte more lets exactly `limit` through.
    let body = resp.body_mut().with_config().limit(limit + 1).read_to_vec().map_err(|e| match e {
        ureq::Error::BodyExceedsLimit(_) => bad(url, &wording::log::client_too_large(limit)),
        other => ClientError::Unreachable { url: url.to_owned(), why: other.to_string() },
    })?;
    if body.len() as u64 > limit {
        return Err(bad(url, &wording::log::client_too_large(limit)));
    }
    Ok(body)
}

fn bad(url: &str, why: &str) -> ClientError {
    ClientError::BadAnswer { url: url.to_owned(), why: why.to_owned() }
}

/// Entries per full entry bundle (and hashes per full tile).
pub const TILE_WIDTH: u64 = 256;

/// A tile index as C2SP tlog-tiles spells it in a path: groups of three digits, all but the
/// last prefixed with `x` (1234067 is `x001/x234/067`).
pub fn tile_index(mut n: u64) -> String {
    let mut groups = Vec::new();
    loop {
        groups.push(format!("{:03}", n % 1000));
        n /= 1000;
        if n == 0 {
            break;
        }
    }
    groups.reverse();
    let last = groups.len() - 1;
    groups
        .iter()
        .enumerate()
        .map(|(i, g)| if i < last { format!("x{g}") } else { g.clone() })
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_http_urls_with_a_host_are_taken() {
        for bad in ["https://log.example", "ftp://x", "http://", "http:///x", "log.example", "http://a b", "http://a\n"]
        {
            assert!(matches!(LogClient::new(bad), Err(ClientError::BadUrl(_))), "{bad:?}");
        }
        assert_eq!(LogClient::new("http://127.0.0.1:8080/log/").unwrap().url(), "http://127.0.0.1:8080/log");
    }

    #[test]
    fn hashes_are_64_lowercase_hex_digits() {
        assert_eq!(unhex(&"0f".repeat(32)), Some([0x0f; 32]));
        for bad in ["0F".repeat(32), "0f".repeat(31), "0f".repeat(33), format!("{}g0", "0".repeat(62)), String::new()] {
            assert_eq!(unhex(&bad), None, "{bad}");
        }
    }

    #[test]
    fn tile_indices_are_spelled_in_groups_of_three() {
        assert_eq!(tile_index(0), "000");
        assert_eq!(tile_index(5), "005");
        assert_eq!(tile_index(1000), "x001/000");
        assert_eq!(tile_index(1234067), "x001/x234/067");
        assert_eq!(tile_index(u64::MAX), "x018/x446/x744/x073/x709/x551/615");
    }

    #[test]
    fn an_unreachable_log_is_named() {
        // A port nothing listens on (bound, then closed).
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let c = LogClient::new(&format!("http://127.0.0.1:{port}")).unwrap();
        let e = c.checkpoint().unwrap_err();
        assert!(matches!(e, ClientError::Unreachable { .. }), "{e:?}");
        assert!(e.to_string().contains(&format!("127.0.0.1:{port}/checkpoint")), "{e}");
    }
}
