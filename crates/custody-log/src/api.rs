//! The log's HTTP API (design §4.2), as functions of a parsed request: routes, bodies (strict
//! JSON, unknown members refused), limits, and each answer's status. `http.rs` carries them.
//!
//! | Method, path | Answer |
//! |---|---|
//! | `POST /v1/submit` `{"slot", "event", "signer", "from"?}` | 201 added, 200 already there, 409 slot taken |
//! | `POST /v1/lookup` `{"slots": [hex…], "from"?}` | each slot's entries with proofs, one checkpoint |
//! | `GET /v1/proof/inclusion?index=I&size=N` | `{"proof": [hex…]}` |
//! | `GET /v1/proof/consistency?from=M&to=N` | `{"proof": [hex…]}` |
//! | `GET /checkpoint` | the latest checkpoint note, `text/plain` |
//! | `GET /v1/vkey` | the log's verifier key |
//!
//! A lookup names at most [`MAX_LOOKUP_SLOTS`] distinct slots and is answered with at most
//! [`MAX_LOOKUP_ENTRIES`] entries.

use custody_core::commit::merkle::Hash;
use custody_core::tlog::wording as words;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::sequencer::Receipt;
use crate::{Claim, LogError, Outcome, Sequencer, Store};

/// The largest body of `POST /v1/submit`.
pub const SUBMIT_BODY_LIMIT: usize = 1024;
/// The largest body of `POST /v1/lookup`.
pub const LOOKUP_BODY_LIMIT: usize = 96 * 1024;
/// The most slots of one lookup (each at most once).
pub const MAX_LOOKUP_SLOTS: usize = 1024;
/// The most entries (events and conflict records) in one lookup's answer: a lookup whose
/// slots hold more is refused (400 `too_many_entries`) before any proof is computed.
pub const MAX_LOOKUP_ENTRIES: usize = 2048;

/// The body limit of the route `target` (the largest for an unknown one, answered 404 after).
pub fn body_limit(target: &str) -> usize {
    if target.starts_with("/v1/submit") { SUBMIT_BODY_LIMIT } else { LOOKUP_BODY_LIMIT }
}

/// An answer: status, media type, body, extra headers.
#[derive(Debug)]
pub struct Response {
    /// The HTTP status.
    pub status: u16,
    /// `Content-Type`.
    pub content_type: &'static str,
    /// The body.
    pub body: Vec<u8>,
    /// More headers (`Retry-After`, `Cache-Control`).
    pub headers: Vec<(&'static str, &'static str)>,
}

impl Response {
    fn json(status: u16, value: &serde_json::Value) -> Response {
        let body = serde_json::to_vec(value).unwrap_or_default();
        Response { status, content_type: "application/json", body, headers: vec![] }
    }

    fn text(text: String) -> Response {
        Response {
            status: 200,
            content_type: "text/plain; charset=utf-8",
            body: text.into_bytes(),
            headers: vec![("Cache-Control", "no-store")],
        }
    }

    /// An error answer `{"error", "why"}`.
    pub fn error(status: u16, error: &str, why: &str) -> Response {
        let mut r = Response::json(status, &json!({"error": error, "why": why}));
        if status == 429 {
            r.headers.push(("Retry-After", "1"));
        }
        r
    }

    fn from_log_error(e: &LogError) -> Response {
        let (status, code) = match e {
            LogError::BadRange(..) => (400, "bad_range"),
            LogError::Busy => (429, "busy"),
            LogError::BatchFailed(_) | LogError::Database(_) | LogError::Postgres(_) | LogError::Stopped => {
                (503, "unavailable")
            }
            _ => (500, "internal"),
        };
        Response::error(status, code, &e.to_string())
    }

    /// The answer to a failure after a submission was committed: always a 5xx (a client takes a
    /// 4xx as a refusal that stored nothing, and drops its signed event; docs/custody-log.md
    /// §5.2), never the 4xx [`Response::from_log_error`] may give (400 `bad_range`).
    fn after_commit(e: &LogError) -> Response {
        let r = Response::from_log_error(e);
        if r.status >= 500 { r } else { Response::error(500, "internal", &e.to_string()) }
    }
}

/// The body of `POST /v1/submit`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SubmitBody {
    slot: String,
    event: String,
    signer: String,
    from: Option<u64>,
}

/// The body of `POST /v1/lookup`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LookupBody {
    slots: Vec<String>,
    from: Option<u64>,
}

/// A proof answer.
#[derive(Serialize)]
struct ProofBody {
    proof: Vec<String>,
}

fn hex(h: &Hash) -> String {
    h.iter().map(|b| format!("{b:02x}")).collect()
}

fn hexes(hs: &[Hash]) -> Vec<String> {
    hs.iter().map(hex).collect()
}

/// 64 lowercase hex digits as 32 bytes.
fn unhex(s: &str) -> Option<Hash> {
    if s.len() != 64 || !s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        return None;
    }
    let v: Vec<u8> = (0..32).filter_map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()).collect();
    v.try_into().ok()
}

/// The numbers of a query string `a=1&b=2`, in the order of `names`; each exactly once,
/// nothing else, decimal without a sign.
fn query(q: &str, names: [&str; 2]) -> Option<[u64; 2]> {
    let mut got = [None, None];
    for pair in q.split('&') {
        let (k, v) = pair.split_once('=')?;
        let at = names.iter().position(|n| *n == k)?;
        if got[at].is_some() || v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        got[at] = Some(v.parse().ok()?);
    }
    Some([got[0]?, got[1]?])
}

/// Answers one request. `store` is the worker's own connection (reads), `seq` the process's
/// sequencer (writes).
pub fn handle(method: &str, target: &str, body: &[u8], store: &mut Store, seq: &Sequencer) -> Response {
    let (path, q) = target.split_once('?').unwrap_or((target, ""));
    if let Some(rest) = path.strip_prefix("/tile/") {
        if method != "GET" {
            return Response::error(405, "method_not_allowed", words::HTTP_WRONG_METHOD);
        }
        return tile(rest, store);
    }
    let allowed = match path {
        "/v1/submit" | "/v1/lookup" => "POST",
        "/checkpoint" | "/v1/vkey" | "/v1/proof/inclusion" | "/v1/proof/consistency" => "GET",
        _ => return Response::error(404, "not_found", words::HTTP_NOT_FOUND),
    };
    if method != allowed {
        return Response::error(405, "method_not_allowed", words::HTTP_WRONG_METHOD);
    }
    let result = match path {
        "/v1/submit" => return submit(body, store, seq),
        "/v1/lookup" => return lookup(body, store),
        "/checkpoint" => store.checkpoint().map(|(_, note)| Response::text(note)),
        "/v1/vkey" => store.meta().map(|(_, vkey)| Response::text(format!("{vkey}\n"))),
        "/v1/proof/inclusion" => match query(q, ["index", "size"]) {
            Some([i, n]) => store.inclusion(i, n).map(|p| Response::json(200, &json!(ProofBody { proof: hexes(&p) }))),
            None => return Response::error(400, "bad_query", words::QUERY_INDEX_SIZE),
        },
        _ => match query(q, ["from", "to"]) {
            Some([m, n]) => {
                store.consistency(m, n).map(|p| Response::json(200, &json!(ProofBody { proof: hexes(&p) })))
            }
            None => return Response::error(400, "bad_query", words::QUERY_FROM_TO),
        },
    };
    result.unwrap_or_else(|e| Response::from_log_error(&e))
}

/// Which tile a tlog-tiles path names.
#[derive(Debug, PartialEq, Eq)]
enum TileName {
    /// Hash tile `(level, index)`, its first `width` hashes.
    Hashes { level: u32, index: u64, width: u64 },
    /// Entry bundle `index`, its first `width` entries.
    Entries { index: u64, width: u64 },
}

/// Parses what follows `/tile/`: `<L>/<N>[.p/<W>]` or `entries/<N>[.p/<W>]`, where `<N>` is
/// written in groups of three digits, all but the last prefixed with `x`, with no group of
/// leading zeros (C2SP tlog-tiles); `<L>` is 0 to 63 and `<W>` 1 to 255, decimal without
/// leading zeros. Any other spelling is refused, so that one tile has one path.
fn tile_name(rest: &str) -> Option<TileName> {
    let (head, rest) = rest.split_once('/')?;
    let (index_part, width) = match rest.split_once(".p/") {
        Some((n, w)) => {
            let w: u64 = decimal(w)?;
            (n, (1..crate::tree::TILE_WIDTH).contains(&w).then_some(w)?)
        }
        None => (rest, crate::tree::TILE_WIDTH),
    };
    let groups: Vec<&str> = index_part.split('/').collect();
    let last = groups.len().checked_sub(1)?;
    let mut index: u64 = 0;
    for (i, g) in groups.iter().enumerate() {
        let digits = if i < last { g.strip_prefix('x')? } else { g };
        if digits.len() != 3 || !digits.bytes().all(|b| b.is_ascii_digit()) || (i == 0 && last > 0 && digits == "000") {
            return None;
        }
        index = index.checked_mul(1000)?.checked_add(digits.parse().ok()?)?;
    }
    if head == "entries" {
        return Some(TileName::Entries { index, width });
    }
    let level: u64 = decimal(head)?;
    (level <= 63).then_some(TileName::Hashes { level: level as u32, index, width })
}

/// A decimal number without sign or leading zeros.
fn decimal(s: &str) -> Option<u64> {
    let ok = !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0'));
    if ok { s.parse().ok() } else { None }
}

/// `GET /tile/...`: a hash tile or an entry bundle, immutable once it exists.
fn tile(rest: &str, store: &mut Store) -> Response {
    let Some(name) = tile_name(rest) else { return Response::error(404, "not_found", words::TILE_BAD_PATH) };
    let found = match name {
        TileName::Hashes { level, index, width } => store.tile(level, index, width),
        TileName::Entries { index, width } => store.entry_bundle(index, width),
    };
    match found {
        Ok(Some(body)) => Response {
            status: 200,
            content_type: "application/octet-stream",
            body,
            headers: vec![("Cache-Control", "public, max-age=31536000, immutable")],
        },
        Ok(None) => Response::error(404, "not_found", words::TILE_NOT_YET),
        Err(e) => Response::from_log_error(&e),
    }
}

fn submit(body: &[u8], store: &mut Store, seq: &Sequencer) -> Response {
    let parsed: SubmitBody = match serde_json::from_slice(body) {
        Ok(b) => b,
        Err(e) => return Response::error(400, "bad_body", &e.to_string()),
    };
    let (Some(slot), Some(event), Some(signer)) = (unhex(&parsed.slot), unhex(&parsed.event), unhex(&parsed.signer))
    else {
        return Response::error(400, "bad_body", words::SUBMIT_BAD_HEX);
    };
    // `from` is checked before the claim is stored: a refused request stores nothing. The tree
    // only grows, so a `from` within it now is within it after the batch.
    if let Some(from) = parsed.from {
        match store.checkpoint() {
            Ok((size, _)) if from > size => {
                return Response::error(400, "bad_range", words::RANGE_BEYOND_TREE);
            }
            Ok(_) => {}
            Err(e) => return Response::from_log_error(&e),
        }
    }
    let receipt = match seq.submit(Claim { slot, event, signer }) {
        Ok(r) => r,
        Err(e) => return Response::from_log_error(&e),
    };
    // Committed from here on: any failure is a 5xx, never a refusal.
    let consistency = match parsed.from {
        None => None,
        Some(from) => match store.consistency(from, receipt.size) {
            Ok(p) => Some(hexes(&p)),
            Err(e) => return Response::after_commit(&e),
        },
    };
    answer(&receipt, consistency, store)
}

fn answer(r: &Receipt, consistency: Option<Vec<String>>, store: &mut Store) -> Response {
    let mut body = match r.outcome {
        Outcome::Added(i) | Outcome::Existing(i) => json!({
            "index": i, "checkpoint": r.checkpoint, "inclusion": hexes(&r.inclusion),
        }),
        Outcome::Conflict { accepted, recorded } => {
            let Ok(Some(leaf)) = store.leaf(accepted) else {
                return Response::error(503, "unavailable", words::ENTRY_UNREADABLE);
            };
            let mut b = json!({
                "error": "slot_taken", "checkpoint": r.checkpoint,
                "accepted": {"index": accepted, "event": hex(&leaf.event), "signer": hex(&leaf.signer),
                             "inclusion": hexes(r.accepted_inclusion.as_deref().unwrap_or_default())},
            });
            if let Some(i) = recorded {
                b["recorded"] = json!({"index": i, "inclusion": hexes(&r.inclusion)});
            }
            b
        }
    };
    if let Some(c) = consistency {
        body["consistency"] = json!(c);
    }
    let status = match r.outcome {
        Outcome::Added(_) => 201,
        Outcome::Existing(_) => 200,
        Outcome::Conflict { .. } => 409,
    };
    Response::json(status, &body)
}

fn lookup(body: &[u8], store: &mut Store) -> Response {
    let parsed: LookupBody = match serde_json::from_slice(body) {
        Ok(b) => b,
        Err(e) => return Response::error(400, "bad_body", &e.to_string()),
    };
    if parsed.slots.len() > MAX_LOOKUP_SLOTS {
        return Response::error(400, "bad_body", &words::lookup_too_many_slots(MAX_LOOKUP_SLOTS));
    }
    let Some(slots) = parsed.slots.iter().map(|s| unhex(s)).collect::<Option<Vec<Hash>>>() else {
        return Response::error(400, "bad_body", words::LOOKUP_BAD_SLOT);
    };
    let mut seen = std::collections::HashSet::with_capacity(slots.len());
    if !slots.iter().all(|s| seen.insert(*s)) {
        return Response::error(400, "bad_body", words::LOOKUP_DUPLICATE_SLOT);
    }
    let found = match store.lookup(&slots, parsed.from, MAX_LOOKUP_ENTRIES) {
        Ok(f) => f,
        Err(e @ LogError::TooManyEntries(_)) => return Response::error(400, "too_many_entries", &e.to_string()),
        Err(e) => return Response::from_log_error(&e),
    };
    let answers: Vec<serde_json::Value> = slots
        .iter()
        .zip(&found.slots)
        .map(|(slot, entries)| {
            let entries: Vec<serde_json::Value> = entries
                .iter()
                .map(|(index, leaf, inclusion)| {
                    let kind = if leaf.kind == custody_core::tlog::Kind::Event { "event" } else { "conflict" };
                    json!({"index": index, "kind": kind, "event": hex(&leaf.event), "signer": hex(&leaf.signer),
                           "inclusion": hexes(inclusion)})
                })
                .collect();
            json!({"slot": hex(slot), "entries": entries})
        })
        .collect();
    let mut body = json!({"checkpoint": found.checkpoint, "slots": answers});
    if let Some(c) = &found.consistency {
        body["consistency"] = json!(hexes(c));
    }
    Response::json(200, &body)
}
