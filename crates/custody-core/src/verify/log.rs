//! The custody log's stored proofs (spec §6.5, §9.1 step 10b): for a bundle whose manifest
//! names a log, each event's proof file checked offline (the checkpoint's signature under
//! the manifest's verifier key, the leaf recomputed from the log salt, the bundle id, the
//! event's stored bytes and its signer, the inclusion proof), and each checkpoint proven to
//! extend the one before it. A proof file is unsigned: it proves only what it checks.

use std::collections::{BTreeMap, BTreeSet};

use super::Verifier;
use super::archive::EventDocs;
use crate::check::CheckCode;
use crate::keys::note::VerifierKey;
use crate::layout::{event_path, log_proof_path, log_proof_sequence};
use crate::manifest::LogMember;
use crate::tlog::submit::bundle_id_bytes;
use crate::tlog::{EventFacts, LogClient, ProofFile, ProofFileError, Proven};
use crate::wording::log as checks;

/// The log a manifest names, usable: its verifier key (the URL must be one a client takes).
pub(crate) fn open_member(m: &LogMember) -> Result<VerifierKey, String> {
    LogClient::new(&m.url).map_err(|e| e.to_string())?;
    VerifierKey::parse(&m.verifier_key).map_err(|e| e.to_string())
}

impl Verifier {
    /// Every log proof file of the bundle, and every event's proof (or its absence).
    pub(super) fn check_log(&mut self, tags: &BTreeMap<String, Vec<u8>>, event_docs: &EventDocs) {
        let proofs: BTreeSet<(u64, String)> =
            tags.keys().filter_map(|n| log_proof_sequence(n).map(|s| (s, n.clone()))).collect();
        let (member, bundle_id) = match self.report_extra.manifest.as_ref() {
            Some(m) => (m.log.clone(), m.bundle_id.clone()),
            None => return,
        };
        let Some(member) = member else {
            for (_, path) in &proofs {
                self.fail(CheckCode::LogProofInvalid, checks::log_proof_without_log(path), Some(path));
            }
            return;
        };
        let key = match open_member(&member) {
            Ok(k) => k,
            Err(why) => {
                self.fail(
                    CheckCode::LogMemberInvalid,
                    checks::log_member_invalid(why),
                    Some(crate::layout::MANIFEST_PATH),
                );
                return;
            }
        };
        let Some(id) = bundle_id_bytes(&bundle_id) else { return };
        // The events whose stored bytes were read, by sequence number: path, digest, signer.
        let events: BTreeMap<u64, (String, crate::digest::Sha256Digest, [u8; 32])> = self
            .report_extra
            .events
            .iter()
            .filter_map(|e| {
                let path = event_path(e.sequence, e.event_type.as_str());
                let doc = event_docs.get(&path)?;
                Some((e.sequence, (path, doc.sha256, e.signer.0)))
            })
            .collect();
        for (seq, path) in &proofs {
            if !events.contains_key(seq) {
                self.fail(CheckCode::LogProofInvalid, checks::log_proof_orphan(path), Some(path));
            }
        }
        let mut previous: Option<Proven> = None;
        let mut added = Vec::new();
        for (seq, (event, sha, signer)) in &events {
            let path = log_proof_path(*seq);
            let Some(bytes) = tags.get(&path) else {
                self.warn(CheckCode::LogProofMissing, checks::log_proof_missing(event), Some(event));
                continue;
            };
            added.push((*seq, path.clone()));
            let facts = EventFacts { bundle_id: &id, sequence: *seq, event_sha256: sha, fingerprint: signer };
            let leaf = facts.leaf(&member.salt.0);
            let file = match ProofFile::parse(bytes) {
                Ok(f) => f,
                Err(e) => {
                    self.fail(CheckCode::LogProofInvalid, checks::log_proof_invalid(&path, e), Some(&path));
                    continue;
                }
            };
            match file.check(&key, &leaf, previous) {
                Ok(proven) => {
                    let message = checks::log_included(event, file.index, proven.size, key.name());
                    self.pass(CheckCode::LogIncluded, message, Some(&path));
                    previous = Some(proven);
                }
                Err(e @ ProofFileError::Inconsistent { .. }) => {
                    let message = checks::log_checkpoints_inconsistent(&path, e);
                    self.fail(CheckCode::LogCheckpointsInconsistent, message, Some(&path));
                    // The event is included in its own checkpoint: later proofs extend that one.
                    if let Ok(proven) = file.check(&key, &leaf, None) {
                        previous = Some(proven);
                    }
                }
                Err(e) => self.fail(CheckCode::LogProofInvalid, checks::log_proof_invalid(&path, e), Some(&path)),
            }
        }
        for (seq, path) in added {
            if let Some(e) = self.report_extra.events.iter_mut().find(|e| e.sequence == seq) {
                e.added_files.push(path);
            }
        }
    }
}
