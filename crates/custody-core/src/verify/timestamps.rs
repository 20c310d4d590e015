//! Timestamp checks (spec §6.4, §9.1 step 10): each RFC 3161 token beside an event, and
//! each event's trusted time for the report.

use std::collections::BTreeMap;

use super::Verifier;
use crate::layout::{event_path, token_path};
use crate::time::Timestamp;

impl Verifier {
    /// RFC 3161 tokens beside events: each checked, and each event's trusted time reported.
    pub(super) fn check_timestamps(
        &mut self,
        tags: &BTreeMap<String, Vec<u8>>,
        roots: Option<&crate::timestamp::TsaRoots>,
    ) {
        let events: Vec<(String, Timestamp)> =
            self.report_extra.events.iter().map(|e| (event_path(e.sequence, e.event_type.as_str()), e.time)).collect();
        let (checks, mut times) = crate::timestamp::check_tokens(tags, &events, roots);
        for (level, code, message, path) in checks {
            self.add(level, code, message, path.as_deref());
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
}
