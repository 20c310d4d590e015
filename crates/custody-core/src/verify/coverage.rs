//! Coverage (spec §9.1 step 10): every tag file is bound by a signature, or exempt.

use std::collections::{BTreeMap, BTreeSet};

use super::Verifier;
use super::wording;
use crate::check::CheckCode;
use crate::layout::{TAG_MANIFEST_PATH, is_event_document, is_signature, token_event};

impl Verifier {
    pub(super) fn check_coverage(&mut self, tags: &BTreeMap<String, Vec<u8>>, bound: &BTreeSet<String>) {
        let attached: Vec<String> = self.attachments.keys().cloned().collect();
        for name in tags.keys().chain(&attached) {
            // Timestamp tokens and log proofs are bound by no event (they are checked in
            // check_timestamps and check_log).
            if name == TAG_MANIFEST_PATH
                || is_event_document(name)
                || bound.contains(name)
                || token_event(name).is_some()
                || crate::layout::log_proof_sequence(name).is_some()
                || crate::layout::is_derived(name)
            {
                continue;
            }
            let why =
                if is_signature(name) { wording::checks::SIGNS_NOTHING } else { wording::checks::BOUND_BY_NO_EVENT };
            self.fail(CheckCode::CustodyUnsignedFile, wording::checks::custody_unsigned_file(name, why), Some(name));
        }
    }
}
