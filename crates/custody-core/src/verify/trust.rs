//! Trust checks (spec §9.1 step 12, §10): each signer against the verifier's trust list,
//! then each of its signatures against the validity and revocation the list gives its key.

use super::report::EventReport;
use super::{Verifier, wording};
use crate::check::{CheckCode, Level};
use crate::keys::Fingerprint;
use crate::time::Timestamp;
use crate::trust::{Invalidity, TrustEntry, TrustList, Vouch};

/// The time an event was signed, as far as the verifier knows it: its trusted time when its
/// token chains to the verifier's TSA roots (whole seconds, rounded down), else the time the
/// signer claims. `true`: trusted.
fn signed_at(e: &EventReport) -> (Timestamp, bool) {
    e.trusted_time
        .as_ref()
        .filter(|t| t.trusted)
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(&t.time).ok())
        .and_then(|t| Timestamp::from_unix(t.timestamp()))
        .map_or((e.time, false), |t| (t, true))
}

/// The first event signed by `fp` that `entry` does not allow, worded; `None`: all are.
/// verify and receive both judge a vouched-for key by it (spec §10: one rule, two callers).
pub(crate) fn first_disallowed(
    events: &[EventReport],
    fp: Fingerprint,
    entry: &TrustEntry,
    name: &str,
) -> Option<(CheckCode, String)> {
    events.iter().filter(|e| e.signer == fp).find_map(|e| {
        let (time, trusted) = signed_at(e);
        let why = entry.allows(time, trusted).err()?;
        Some(match why {
            Invalidity::Revoked(at) => {
                (CheckCode::TrustKeyRevoked, wording::trust::trust_key_revoked(name, fp, at, e.sequence, time, trusted))
            }
            Invalidity::NotYetValid(_) | Invalidity::Expired(_) => (
                CheckCode::TrustKeyNotValid,
                wording::trust::trust_key_not_valid(
                    name,
                    fp,
                    e.sequence,
                    time,
                    trusted,
                    entry.valid_from,
                    entry.valid_until,
                ),
            ),
        })
    })
}

/// Whether `entry` allows the parent seal of a derived bundle, claimed signed at `time`
/// (spec §5.13): no token is carried, so the time is untrusted and any revocation counts.
fn parent_disallowed(entry: &TrustEntry, time: Timestamp, name: &str, fp: Fingerprint) -> Option<(CheckCode, String)> {
    Some(match entry.allows(time, false).err()? {
        Invalidity::Revoked(at) => (CheckCode::TrustKeyRevoked, wording::trust::parent_key_revoked(name, fp, at, time)),
        Invalidity::NotYetValid(_) | Invalidity::Expired(_) => (
            CheckCode::TrustKeyNotValid,
            wording::trust::parent_key_not_valid(name, fp, time, entry.valid_from, entry.valid_until),
        ),
    })
}

impl Verifier {
    pub(super) fn check_trust(&mut self, trust: Option<&TrustList>) {
        let Some(list) = trust else { return };
        let mut results = Vec::new();
        for s in &mut self.report_extra.signers {
            let fp = s.signer.fingerprint;
            let (trusted, level, code, msg) = match list.vouch(&fp, &s.signer.identity()) {
                Vouch::Trusted => {
                    let entry = list.get(&fp);
                    let parent = self.parent_seal.filter(|(p, _)| *p == fp);
                    let found = entry.and_then(|e| {
                        first_disallowed(&self.report_extra.events, fp, e, &s.signer.name)
                            .or_else(|| parent.and_then(|(_, t)| parent_disallowed(e, t, &s.signer.name, fp)))
                    });
                    match found {
                        Some((code, msg)) => (false, Level::Fail, code, msg),
                        None => (
                            true,
                            Level::Pass,
                            CheckCode::TrustSignerTrusted,
                            wording::trust::trust_signer_trusted(&s.signer.name, fp),
                        ),
                    }
                }
                Vouch::Unknown => (
                    false,
                    Level::Fail,
                    CheckCode::TrustSignerUnknown,
                    wording::trust::trust_signer_unknown(s.signer.identity().describe(), fp),
                ),
                Vouch::IdentityUnlisted => (
                    false,
                    Level::Fail,
                    CheckCode::TrustIdentityUnlisted,
                    wording::trust::trust_identity_unlisted(fp, s.signer.identity().describe()),
                ),
                Vouch::Mismatch(diffs) => (
                    false,
                    Level::Fail,
                    CheckCode::TrustIdentityMismatch,
                    wording::trust::trust_identity_mismatch(fp, diffs.join("; ")),
                ),
            };
            s.trusted = Some(trusted);
            results.push((level, code, msg));
        }
        for (level, code, msg) in results {
            self.add(level, code, msg, None);
        }
    }
}
