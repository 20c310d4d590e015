//! Every timestamp token of a bundle checked as the verifier reports it (spec §6.4, §9.1):
//! orphans, failures, trusted and untrusted tokens, claimed times that conflict with or lag
//! far behind the trusted time, and events without a token.

use std::collections::BTreeMap;

use super::{LATE_SECONDS, Level, TOLERANCE_SECONDS, TsaRoots, verify_token};
use crate::check::CheckCode;
use crate::layout::{TOKEN_SUFFIX, signature_path, token_event, token_path};
use crate::time::Timestamp;

/// An event's trusted time as the verification report shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct TrustedTime {
    /// The token's genTime, RFC 3339 UTC, with its fractional seconds if any.
    pub time: String,
    /// The timestamp authority: its certificate's common name.
    pub tsa: String,
    /// Whether the TSA's certificate chains to a root given with --tsa-roots.
    pub trusted: bool,
    /// Seconds from the event's claimed time to the trusted time (positive: the trusted time
    /// is later, as it should be).
    pub gap_seconds: i64,
}

/// A check result from [`check_tokens`]: level, code, message, path.
pub(crate) type TokenCheck = (Level, CheckCode, String, Option<String>);

/// Checks every token in a bundle's tag files. `events` are the well-formed events (path,
/// claimed time). Returns the checks and each event's trusted time by event path.
pub(crate) fn check_tokens(
    tags: &BTreeMap<String, Vec<u8>>,
    events: &[(String, Timestamp)],
    roots: Option<&TsaRoots>,
) -> (Vec<TokenCheck>, BTreeMap<String, TrustedTime>) {
    let mut checks: Vec<TokenCheck> = Vec::new();
    let mut times = BTreeMap::new();
    let claimed: BTreeMap<&str, Timestamp> = events.iter().map(|(p, t)| (p.as_str(), *t)).collect();
    for (name, bytes) in tags.iter().filter(|(n, _)| n.ends_with(TOKEN_SUFFIX)) {
        let Some(event) = token_event(name) else { continue };
        let sig_path = signature_path(event);
        let (Some(_), Some(sig)) = (tags.get(event), tags.get(&sig_path)) else {
            checks.push((
                Level::Fail,
                CheckCode::TimestampOrphan,
                format!(
                    "{name} is a timestamp token for {event}, but that event or its signature is not in the bundle"
                ),
                Some(name.clone()),
            ));
            continue;
        };
        let v = match verify_token(bytes, sig, roots) {
            Ok(v) => v,
            Err(e) => {
                checks.push((Level::Fail, e.code(), format!("{name}: {e}"), Some(name.clone())));
                continue;
            }
        };
        let Some(claim) = claimed.get(event) else { continue };
        let gap = v.gen_time.timestamp() - claim.unix();
        if v.trusted {
            checks.push((
                Level::Pass,
                CheckCode::TimestampValid,
                format!("{event} existed at {} (trusted time from {})", v.gen_time_text, v.tsa),
                Some(name.clone()),
            ));
        } else {
            checks.push((
                Level::Warn,
                CheckCode::TimestampUntrusted,
                format!(
                    "{name} is a valid token from {} saying {event} existed at {}, but that TSA is not trusted \
                     here: pass --tsa-roots FILE with the TSA's root certificate to trust it",
                    v.tsa, v.gen_time_text
                ),
                Some(name.clone()),
            ));
        }
        if claim.as_datetime() > v.gen_time + chrono::Duration::seconds(TOLERANCE_SECONDS) {
            checks.push((
                Level::Fail,
                CheckCode::TimestampTimeConflict,
                format!(
                    "{event} claims {claim}, {} s after its trusted time {}: its signer's clock was wrong or the \
                     time was falsified (tolerance {TOLERANCE_SECONDS} s)",
                    -gap, v.gen_time_text
                ),
                Some(event.to_owned()),
            ));
        } else if gap > LATE_SECONDS {
            checks.push((
                Level::Warn,
                CheckCode::TimestampLate,
                format!(
                    "{event} claims {claim}, but its trusted time is {} ({} h later): the token proves only that \
                     the event existed from then on",
                    v.gen_time_text,
                    gap / 3600
                ),
                Some(event.to_owned()),
            ));
        }
        times.insert(
            event.to_owned(),
            TrustedTime { time: v.gen_time_text, tsa: v.tsa, trusted: v.trusted, gap_seconds: gap },
        );
    }
    for (path, _) in events {
        if !tags.contains_key(&token_path(path)) {
            checks.push((
                Level::Warn,
                CheckCode::TimestampMissing,
                format!(
                    "{path} has no trusted time (no RFC 3161 token): its time is only its signer's claim; \
                     add one with `custody timestamp BUNDLE --tsa URL`"
                ),
                Some(path.clone()),
            ));
        }
    }
    (checks, times)
}
