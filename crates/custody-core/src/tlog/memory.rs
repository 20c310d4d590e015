//! A custody log held in memory (docs/custody-log.md §1, §5): the same rule as the server (one
//! accepted event per slot, a resubmission of it answered again, another event for a taken
//! slot refused and recorded as a conflict), the same RFC 6962 tree and signed checkpoints,
//! without HTTP or storage. For tests and the test vectors (`make-vectors`), whose bundles
//! need real proofs from a log with a fixed key; a writer logs to a real log through
//! [`LogClient`](super::LogClient).

use std::collections::HashMap;
use std::sync::Mutex;

use super::checkpoint::Checkpoint;
use super::client::ClientError;
use super::leaf::{Kind, LeafInput};
use super::submit::{Claim, Receipt, Submit};
use crate::commit::merkle::{self, Hash, root_of};
use crate::commit::proof::consistency_proof;
use crate::keys::KeyPair;

/// A log in memory: its origin, its key, and its leaves.
pub struct MemoryLog {
    origin: String,
    key: KeyPair,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    leaves: Vec<LeafInput>,
    hashes: Vec<Hash>,
    /// Each slot's accepted leaf index.
    slots: HashMap<Hash, u64>,
}

impl std::fmt::Debug for MemoryLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoryLog").field("origin", &self.origin).finish()
    }
}

impl MemoryLog {
    /// An empty log named `origin`, signing its checkpoints with `key`.
    pub fn new(origin: &str, key: KeyPair) -> Self {
        MemoryLog { origin: origin.to_owned(), key, state: Mutex::new(State::default()) }
    }

    /// The log's verifier key.
    pub fn verifier_key(&self) -> Result<crate::keys::note::VerifierKey, crate::keys::note::NoteError> {
        crate::keys::note::VerifierKey::new(&self.origin, self.key.public())
    }

    /// How many leaves the log holds.
    pub fn size(&self) -> u64 {
        self.state.lock().map_or(0, |s| s.leaves.len() as u64)
    }

    fn unavailable(&self, why: &str) -> ClientError {
        ClientError::Unreachable { url: format!("memory:{}", self.origin), why: why.to_owned() }
    }
}

impl Submit for MemoryLog {
    fn submit(&self, claim: &Claim) -> Result<Receipt, ClientError> {
        let mut s = self.state.lock().map_err(|_| self.unavailable("poisoned"))?;
        let size = s.leaves.len() as u64;
        if claim.from.is_some_and(|f| f > size) {
            return Err(ClientError::HttpStatus {
                url: format!("memory:{}", self.origin),
                status: 400,
                why: String::new(),
            });
        }
        let leaf = LeafInput { kind: Kind::Event, slot: claim.slot, event: claim.event, signer: claim.signer };
        let index = match s.slots.get(&claim.slot).copied() {
            Some(i) if s.leaves.get(i as usize).is_some_and(|l| l.event == leaf.event && l.signer == leaf.signer) => i,
            Some(_) => {
                let conflict = LeafInput { kind: Kind::Conflict, ..leaf };
                s.hashes.push(conflict.hash());
                s.leaves.push(conflict);
                return Err(ClientError::SlotTaken { url: format!("memory:{}", self.origin) });
            }
            None => {
                s.slots.insert(claim.slot, size);
                s.hashes.push(leaf.hash());
                s.leaves.push(leaf);
                size
            }
        };
        let size = s.hashes.len() as u64;
        let cp = Checkpoint { origin: self.origin.clone(), size, root: root_of(&s.hashes), extensions: vec![] };
        let checkpoint = cp.sign(&self.key).map_err(|e| self.unavailable(&e.to_string()))?;
        let inclusion = merkle::audit_path(index as usize, &s.hashes).unwrap_or_default();
        let consistency =
            claim.from.map(|from| consistency_proof(&s.hashes[..], from, size).ok().flatten().unwrap_or_default());
        Ok(Receipt { index, checkpoint, inclusion, consistency })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::Sha256Digest;
    use crate::keys::tests::alice;
    use crate::tlog::submit::{EventFacts, LogOutcome, Logging};
    use crate::tlog::{ProofFile, ProofFileError, Proven};
    use std::sync::Arc;

    fn log() -> Arc<MemoryLog> {
        Arc::new(MemoryLog::new("test.example/log", KeyPair::from_seed([9; 32], alice())))
    }

    fn logging(log: &Arc<MemoryLog>, optional: bool) -> Logging {
        Logging { url: "http://127.0.0.1:1".into(), key: log.verifier_key().unwrap(), optional, submitter: log.clone() }
    }

    #[test]
    fn events_are_logged_with_proofs_that_check_and_chain() {
        let log = log();
        let l = logging(&log, false);
        let salt = [5u8; 32];
        let id = [0xab; 16];
        let (sha0, sha1) = (Sha256Digest::of(b"seal"), Sha256Digest::of(b"transfer"));
        let f0 = EventFacts { bundle_id: &id, sequence: 0, event_sha256: &sha0, fingerprint: &[1; 32] };
        let (p0, o0) = l.log_event(&salt, f0, None).unwrap();
        assert_eq!(o0, LogOutcome::Logged { index: 0, size: 1 });
        let p0 = p0.unwrap();
        let proven0 = p0.check(&l.key, &f0.leaf(&salt), None).unwrap();
        // Other leaves between: the second proof carries a consistency proof from the first.
        for i in 0..5u8 {
            let other = EventFacts { bundle_id: &[i; 16], sequence: 0, event_sha256: &sha0, fingerprint: &[1; 32] };
            l.log_event(&salt, other, None).unwrap();
        }
        let f1 = EventFacts { bundle_id: &id, sequence: 1, event_sha256: &sha1, fingerprint: &[2; 32] };
        let (p1, _) = l.log_event(&salt, f1, Some(proven0)).unwrap();
        let p1 = ProofFile::parse(&p1.unwrap().to_bytes()).unwrap();
        assert_eq!((p1.index, p1.consistency.is_some()), (6, true));
        assert!(p1.check(&l.key, &f1.leaf(&salt), Some(proven0)).is_ok());
        // Against another checkpoint of the same size, or for another event: refused.
        let wrong = Proven { size: proven0.size, root: [0; 32] };
        assert!(matches!(p1.check(&l.key, &f1.leaf(&salt), Some(wrong)), Err(ProofFileError::Inconsistent { .. })));
        assert!(matches!(p1.check(&l.key, &f0.leaf(&salt), None), Err(ProofFileError::NotIncluded { .. })));
        // The same event again: the same index (idempotent); another event for its slot: refused.
        let (again, _) = l.log_event(&salt, f1, None).unwrap();
        assert_eq!(again.unwrap().index, 6);
        let forked = EventFacts { event_sha256: &sha0, ..f1 };
        let e = l.log_event(&salt, forked, None).unwrap_err();
        assert!(e.to_string().contains("already holds another event"), "{e}");
        let size = log.size();
        // Optional: the failure is an outcome, not an error.
        let (none, outcome) = logging(&log, true).log_event(&salt, forked, None).unwrap();
        assert!(none.is_none() && matches!(outcome, LogOutcome::Failed { .. }));
        assert_eq!(log.size(), size + 1, "each refused claim is recorded");
    }

    #[test]
    fn an_answer_signed_by_another_key_is_refused() {
        let log = log();
        let mut l = logging(&log, false);
        l.key = crate::keys::note::VerifierKey::new("test.example/log", KeyPair::from_seed([8; 32], alice()).public())
            .unwrap();
        let sha = Sha256Digest::of(b"seal");
        let f = EventFacts { bundle_id: &[1; 16], sequence: 0, event_sha256: &sha, fingerprint: &[1; 32] };
        let e = l.log_event(&[0; 32], f, None).unwrap_err();
        assert!(matches!(e, crate::tlog::LogError::Answer(ProofFileError::Checkpoint(_))), "{e:?}");
    }

    #[test]
    fn proof_files_are_read_strictly() {
        let h = "ab".repeat(32);
        let ok = format!(r#"{{"index":0,"checkpoint":"x","inclusion":["{h}"]}}"#);
        assert!(ProofFile::parse(ok.as_bytes()).is_ok());
        for bad in [
            format!(r#"{{"index":0,"checkpoint":"x","inclusion":["{}"]}}"#, h.to_uppercase()),
            format!(r#"{{"index":0,"checkpoint":"x","inclusion":["{h}"],"extra":1}}"#),
            r#"{"index":0,"index":1,"checkpoint":"x","inclusion":[]}"#.to_string(),
            r#"{"index":-1,"checkpoint":"x","inclusion":[]}"#.to_string(),
            format!(r#"{{"index":0,"checkpoint":"x","inclusion":[{}]}}"#, vec![format!("\"{h}\""); 129].join(",")),
            "[".repeat(10_000),
            String::new(),
        ] {
            assert!(matches!(ProofFile::parse(bad.as_bytes()), Err(ProofFileError::Malformed(_))), "{bad:.80}");
        }
        let big = vec![b' '; crate::layout::MAX_LOG_PROOF as usize + 1];
        assert!(matches!(ProofFile::parse(&big), Err(ProofFileError::TooLarge(_))));
    }
}
