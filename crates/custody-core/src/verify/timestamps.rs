//! Timestamp checks (spec §6.4, §9.1 step 10): every RFC 3161 token of a bundle checked as
//! the verifier reports it (orphans, failures, trusted and untrusted tokens, claimed times
//! that conflict with or lag far behind the trusted time, events without a token), and each
//! event's trusted time for the report. The token library (`crate::timestamp`) proves what
//! one token says; this family decides what the report says about it.

use std::collections::BTreeMap;

use super::Verifier;
use super::archive::EventDocs;
use super::report::TrustedTime;
use super::wording::checks;
use crate::check::CheckCode;
use crate::layout::{TOKEN_SUFFIX, event_path, signature_path, token_event, token_path};
use crate::time::Timestamp;
use crate::timestamp::{LATE_SECONDS, TOLERANCE_SECONDS, TsaRoots, verify_token};

impl Verifier {
    /// RFC 3161 tokens beside events: each checked, and each event's trusted time reported.
    pub(super) fn check_timestamps(
        &mut self,
        tags: &mut BTreeMap<String, Vec<u8>>,
        event_docs: &EventDocs,
        roots: Option<&TsaRoots>,
    ) {
        let events: Vec<(String, Timestamp)> =
            self.report_extra.events.iter().map(|e| (event_path(e.sequence, e.event_type.as_str()), e.time)).collect();
        // The token checks look at the tokens, the events' signatures, and only whether each
        // event document is there: the documents' bytes are not kept (see `read_tag_files`), so
        // each event with a token stands in `tags` as an empty placeholder while they run.
        let placeholders: Vec<String> = tags
            .keys()
            .filter_map(|n| token_event(n))
            .filter(|e| event_docs.contains_key(*e) && !tags.contains_key(*e))
            .map(str::to_owned)
            .collect();
        for p in &placeholders {
            tags.insert(p.clone(), Vec::new());
        }
        let mut times = self.check_tokens(tags, &events, roots);
        for p in &placeholders {
            tags.remove(p);
        }
        for e in &mut self.report_extra.events {
            let path = event_path(e.sequence, e.event_type.as_str());
            e.trusted_time = times.remove(&path);
            let token = token_path(&path);
            if tags.contains_key(&token) {
                e.added_files.push(token);
            }
        }
    }

    /// Checks every token in a bundle's tag files. `events` are the well-formed events (path,
    /// claimed time). Returns each event's trusted time by event path.
    fn check_tokens(
        &mut self,
        tags: &BTreeMap<String, Vec<u8>>,
        events: &[(String, Timestamp)],
        roots: Option<&TsaRoots>,
    ) -> BTreeMap<String, TrustedTime> {
        let front = self.front;
        let mut times = BTreeMap::new();
        let claimed: BTreeMap<&str, Timestamp> = events.iter().map(|(p, t)| (p.as_str(), *t)).collect();
        for (name, bytes) in tags.iter().filter(|(n, _)| n.ends_with(TOKEN_SUFFIX)) {
            let Some(event) = token_event(name) else { continue };
            let sig_path = signature_path(event);
            let (Some(_), Some(sig)) = (tags.get(event), tags.get(&sig_path)) else {
                self.fail(CheckCode::TimestampOrphan, checks::timestamp_orphan(name, event), Some(name));
                continue;
            };
            let v = match verify_token(bytes, sig, roots) {
                Ok(v) => v,
                Err(e) => {
                    self.fail(e.code(), checks::timestamp_failed(name, e.worded(front)), Some(name));
                    continue;
                }
            };
            let Some(claim) = claimed.get(event) else { continue };
            let gap = v.gen_time.timestamp() - claim.unix();
            if v.trusted {
                self.pass(
                    CheckCode::TimestampValid,
                    checks::timestamp_valid(event, &v.gen_time_text, &v.tsa),
                    Some(name),
                );
            } else {
                let message = checks::timestamp_untrusted(name, &v.tsa, event, &v.gen_time_text, front);
                self.warn(CheckCode::TimestampUntrusted, message, Some(name));
            }
            if claim.as_datetime() > v.gen_time + chrono::Duration::seconds(TOLERANCE_SECONDS) {
                let message = checks::timestamp_time_conflict(event, claim, -gap, &v.gen_time_text, TOLERANCE_SECONDS);
                self.fail(CheckCode::TimestampTimeConflict, message, Some(event));
            } else if gap > LATE_SECONDS {
                let message = checks::timestamp_late(event, claim, &v.gen_time_text, gap / 3600);
                self.warn(CheckCode::TimestampLate, message, Some(event));
            }
            times.insert(
                event.to_owned(),
                TrustedTime { time: v.gen_time_text, tsa: v.tsa, trusted: v.trusted, gap_seconds: gap },
            );
        }
        for (path, _) in events {
            if !tags.contains_key(&token_path(path)) {
                self.warn(CheckCode::TimestampMissing, checks::timestamp_missing(path, front), Some(path));
            }
        }
        times
    }
}
