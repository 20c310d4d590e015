//! Timestamp checks (spec §6.4, §9.1 step 10): each RFC 3161 token beside an event, and
//! each event's trusted time for the report.

use std::collections::BTreeMap;

use super::Verifier;
use super::archive::EventDocs;
use crate::layout::{event_path, token_path};
use crate::time::Timestamp;

impl Verifier {
    /// RFC 3161 tokens beside events: each checked, and each event's trusted time reported.
    pub(super) fn check_timestamps(
        &mut self,
        tags: &mut BTreeMap<String, Vec<u8>>,
        event_docs: &EventDocs,
        roots: Option<&crate::timestamp::TsaRoots>,
    ) {
        let events: Vec<(String, Timestamp)> =
            self.report_extra.events.iter().map(|e| (event_path(e.sequence, e.event_type.as_str()), e.time)).collect();
        // The token checks look at the tokens, the events' signatures, and only whether each
        // event document is there: the documents' bytes are not kept (see `read_tag_files`), so
        // each event with a token stands in `tags` as an empty placeholder while they run.
        let placeholders: Vec<String> = tags
            .keys()
            .filter_map(|n| crate::layout::token_event(n))
            .filter(|e| event_docs.contains_key(*e) && !tags.contains_key(*e))
            .map(str::to_owned)
            .collect();
        for p in &placeholders {
            tags.insert(p.clone(), Vec::new());
        }
        let (checks, mut times) = crate::timestamp::check_tokens(tags, &events, roots);
        for p in &placeholders {
            tags.remove(p);
        }
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
