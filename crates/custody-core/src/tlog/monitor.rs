//! Watching a custody log (design §6, docs/custody-log.md §3): each checkpoint the log serves
//! must be signed by its key and must extend the last one the monitor accepted: a larger tree
//! with a consistency proof from the last, or the same tree with the same head. A smaller tree,
//! a second head at one size, or a proof that fails is a log showing two histories (a split
//! view) or rewriting its own: the two signed checkpoints are the evidence, and the monitor keeps
//! both. The monitor holds no state of its own: the caller keeps the last accepted checkpoint
//! (a note's text) and passes it in.

use std::collections::HashMap;

use crate::commit::merkle::{Hash, Streaming};
use crate::commit::proof::verify_consistency;
use crate::keys::note::{NoteError, VerifierKey};
use crate::wording;

use super::checkpoint::{Checkpoint, CheckpointError};
use super::client::{ClientError, TILE_WIDTH};
use super::leaf::{Kind, LeafInput};

/// What one look at the log found, when it behaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// No earlier checkpoint: this one is signed by the log's key and is now the baseline.
    First,
    /// The same tree as before (same size, same head).
    Unchanged,
    /// A larger tree, proven to extend the one before.
    Grew {
        /// The earlier tree's size.
        from: u64,
    },
}

/// How a log misbehaved. Each is shown with the checkpoints that prove it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Misbehaviour {
    #[error("{}", wording::log::monitor_bad_signature(.0))]
    /// The checkpoint served is not a checkpoint signed by the log's key.
    BadSignature(CheckpointError),
    #[error("{}", wording::log::monitor_rolled_back(*.from, *.to))]
    /// The tree is smaller than one the log signed before.
    RolledBack {
        /// The earlier size.
        from: u64,
        /// The size now served.
        to: u64,
    },
    #[error("{}", wording::log::monitor_forked(*.size))]
    /// Two different heads signed for one tree size.
    Forked {
        /// The size both checkpoints state.
        size: u64,
    },
    #[error("{}", wording::log::monitor_inconsistent(*.from, *.to))]
    /// The log's consistency proof does not show the new tree extends the old one.
    Inconsistent {
        /// The earlier size.
        from: u64,
        /// The size now served.
        to: u64,
    },
    #[error("{}", wording::log::monitor_entries_disagree(*.size))]
    /// The entries the log serves do not rebuild the head it signed (an audit).
    EntriesDisagree {
        /// The checkpoint's size.
        size: u64,
    },
    #[error("{}", wording::log::monitor_two_events(*.first, *.second))]
    /// Two accepted events for one slot (an audit).
    TwoEvents {
        /// The first entry's index.
        first: u64,
        /// The second's.
        second: u64,
    },
}

/// Why a look at the log ended without a verdict on the log.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MonitorError {
    #[error("{}", wording::log::monitor_bad_state(.0))]
    /// The earlier checkpoint given is not one of this log's (a wrong state file or key).
    BadState(CheckpointError),
    #[error("{}", wording::log::monitor_not_this_key(.0))]
    /// The checkpoint served carries no signature by the key given, or names another log: the
    /// verifier key given is not this log's (or the address serves another log). Not evidence
    /// against the log: anyone can serve an unsigned note.
    NotThisKey(CheckpointError),
    #[error(transparent)]
    /// The log could not be asked.
    Client(#[from] ClientError),
}

/// One accepted checkpoint: its opened content and its note's exact text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    /// The checkpoint's content.
    pub checkpoint: Checkpoint,
    /// The signed note, verbatim (what a monitor keeps and shows as evidence).
    pub note: String,
}

/// The verdict of one look: the log behaved (how, and the checkpoint now accepted), or it did
/// not (how, with the served note). Both carry the earlier checkpoint as opened, so a caller
/// never opens a note twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The log behaved; `now` replaces the earlier checkpoint.
    Behaved {
        /// What changed.
        progress: Progress,
        /// The checkpoint now accepted.
        now: Observed,
        /// The earlier checkpoint it was judged against, opened (none the first time).
        earlier: Option<Checkpoint>,
    },
    /// The log misbehaved; keep the earlier checkpoint and this note as evidence.
    Misbehaved {
        /// How.
        what: Misbehaviour,
        /// The note the log served now, verbatim (lossily decoded if it is not UTF-8).
        served: String,
        /// The served note opened under the log's key, where it is a signed checkpoint (not
        /// for [`Misbehaviour::BadSignature`]).
        opened: Option<Checkpoint>,
        /// The earlier checkpoint it was judged against, opened (none the first time).
        earlier: Option<Checkpoint>,
    },
}

impl Verdict {
    /// Turns an accepted look into a misbehaviour found later by auditing its checkpoint's
    /// entries: the served note stays the evidence, and the earlier checkpoint is kept.
    pub fn refuted(self, what: Misbehaviour) -> Verdict {
        match self {
            Verdict::Behaved { now, earlier, .. } => {
                Verdict::Misbehaved { what, served: now.note, opened: Some(now.checkpoint), earlier }
            }
            Verdict::Misbehaved { served, opened, earlier, .. } => {
                Verdict::Misbehaved { what, served, opened, earlier }
            }
        }
    }
}

/// Judges the note `served` against the last accepted checkpoint `earlier` (a note's text, or
/// none the first time), under the log's `key`; `consistency(from, to)` asks the log for a
/// consistency proof, called only when the tree grew.
pub fn observe(
    key: &VerifierKey,
    earlier: Option<&str>,
    served: &[u8],
    consistency: impl FnOnce(u64, u64) -> Result<Vec<Hash>, ClientError>,
) -> Result<Verdict, MonitorError> {
    let before = earlier.map(|n| Checkpoint::open(n.as_bytes(), key)).transpose().map_err(MonitorError::BadState)?;
    let served_text = String::from_utf8_lossy(served).into_owned();
    let now = match Checkpoint::open(served, key) {
        Ok(cp) => cp,
        Err(e @ (CheckpointError::Note(NoteError::NotSigned { .. }) | CheckpointError::OtherOrigin { .. })) => {
            return Err(MonitorError::NotThisKey(e));
        }
        Err(e) => {
            let what = Misbehaviour::BadSignature(e);
            return Ok(Verdict::Misbehaved { what, served: served_text, opened: None, earlier: before });
        }
    };
    let judged = match &before {
        None => Ok(Progress::First),
        Some(b) if now.size < b.size => Err(Misbehaviour::RolledBack { from: b.size, to: now.size }),
        Some(b) if now.size == b.size && now.root != b.root => Err(Misbehaviour::Forked { size: now.size }),
        Some(b) if now.size == b.size => Ok(Progress::Unchanged),
        Some(b) => {
            let proof = consistency(b.size, now.size)?;
            if verify_consistency(b.size, now.size, &b.root, &now.root, &proof) {
                Ok(Progress::Grew { from: b.size })
            } else {
                Err(Misbehaviour::Inconsistent { from: b.size, to: now.size })
            }
        }
    };
    Ok(match judged {
        Ok(progress) => {
            Verdict::Behaved { progress, now: Observed { checkpoint: now, note: served_text }, earlier: before }
        }
        Err(what) => Verdict::Misbehaved { what, served: served_text, opened: Some(now), earlier: before },
    })
}

/// Audits the tree `checkpoint` states from its entries alone (design §6, `--audit`):
/// `bundle(index, width)` gives entry bundle `index`'s first `width` leaf inputs (C2SP
/// tlog-tiles). The leaves must rebuild the signed head, and no slot may hold two accepted
/// events. Reads every entry once; memory is one slot hash per accepted event.
pub fn audit(
    checkpoint: &Checkpoint,
    mut bundle: impl FnMut(u64, u64) -> Result<Vec<LeafInput>, ClientError>,
) -> Result<Option<Misbehaviour>, ClientError> {
    let mut tree = Streaming::new();
    let mut slots: HashMap<Hash, u64> = HashMap::new();
    let mut index = 0u64;
    while index < checkpoint.size {
        let width = (checkpoint.size - index).min(TILE_WIDTH);
        for leaf in bundle(index / TILE_WIDTH, width)? {
            if leaf.kind == Kind::Event
                && let Some(first) = slots.insert(leaf.slot, index)
            {
                return Ok(Some(Misbehaviour::TwoEvents { first, second: index }));
            }
            tree.push(leaf.hash());
            index += 1;
        }
    }
    Ok((tree.root() != checkpoint.root).then_some(Misbehaviour::EntriesDisagree { size: checkpoint.size }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commit::merkle::leaf_hash;
    use crate::commit::proof::{consistency_proof, tree_root};
    use crate::keys::KeyPair;
    use crate::keys::tests::alice;

    const ORIGIN: &str = "court.example/custody-log";

    fn key() -> KeyPair {
        KeyPair::from_seed([9; 32], alice())
    }

    fn leaves(tag: u8, n: u64) -> Vec<Hash> {
        (0..n).map(|i| leaf_hash(&[&[tag], &i.to_be_bytes()])).collect()
    }

    /// A log's signed checkpoint of its first `n` leaves.
    fn signed(l: &[Hash], n: u64) -> String {
        let root = tree_root(l, n).unwrap();
        Checkpoint { origin: ORIGIN.into(), size: n, root, extensions: vec![] }.sign(&key()).unwrap()
    }

    fn proof_of(l: &[Hash]) -> impl Fn(u64, u64) -> Result<Vec<Hash>, ClientError> + '_ {
        move |m, n| Ok(consistency_proof(l, m, n).unwrap().unwrap_or_default())
    }

    fn vkey() -> VerifierKey {
        VerifierKey::new(ORIGIN, key().public()).unwrap()
    }

    #[test]
    fn a_growing_log_is_followed_and_each_misbehaviour_named() {
        let honest = leaves(1, 20);
        let (vk, at5, at12) = (vkey(), signed(&honest, 5), signed(&honest, 12));
        let first = observe(&vk, None, at5.as_bytes(), proof_of(&honest)).unwrap();
        assert!(matches!(first, Verdict::Behaved { progress: Progress::First, .. }));
        let grew = observe(&vk, Some(&at5), at12.as_bytes(), proof_of(&honest)).unwrap();
        assert!(matches!(grew, Verdict::Behaved { progress: Progress::Grew { from: 5 }, ref now, ref earlier }
            if now.note == at12 && earlier.as_ref().map(|c| c.size) == Some(5)));
        let same = observe(&vk, Some(&at12), at12.as_bytes(), |_, _| panic!("no proof is needed")).unwrap();
        assert!(matches!(same, Verdict::Behaved { progress: Progress::Unchanged, .. }));
        // Rolled back.
        let v = observe(&vk, Some(&at12), at5.as_bytes(), proof_of(&honest)).unwrap();
        assert!(matches!(v, Verdict::Misbehaved { what: Misbehaviour::RolledBack { from: 12, to: 5 }, .. }));
        // A split view: another history signed with the same key.
        let other = [&honest[..5], &leaves(2, 15)[..]].concat();
        let forked = signed(&other, 12);
        let v = observe(&vk, Some(&at12), forked.as_bytes(), proof_of(&other)).unwrap();
        assert!(
            matches!(v, Verdict::Misbehaved { what: Misbehaviour::Forked { size: 12 }, ref served, ref opened, ref earlier }
                if *served == forked && opened.as_ref().map(|c| c.size) == Some(12) && earlier.as_ref().map(|c| c.size) == Some(12))
        );
        let v = observe(&vk, Some(&at12), signed(&other, 14).as_bytes(), proof_of(&other)).unwrap();
        assert!(matches!(v, Verdict::Misbehaved { what: Misbehaviour::Inconsistent { from: 12, to: 14 }, .. }));
        // Its proof from 5 holds: the fork is after leaf 5.
        let v = observe(&vk, Some(&at5), signed(&other, 14).as_bytes(), proof_of(&other)).unwrap();
        assert!(matches!(v, Verdict::Behaved { .. }));
        // A forged proof (a hash flipped).
        let v = observe(&vk, Some(&at5), at12.as_bytes(), |m, n| {
            let mut p = consistency_proof(&honest[..], m, n).unwrap().unwrap();
            p[0][0] ^= 1;
            Ok(p)
        })
        .unwrap();
        assert!(matches!(v, Verdict::Misbehaved { what: Misbehaviour::Inconsistent { .. }, .. }));
    }

    #[test]
    fn unsigned_or_foreign_checkpoints_are_alarms_and_a_bad_state_an_error() {
        let honest = leaves(1, 8);
        let vk = vkey();
        let at8 = signed(&honest, 8);
        let flipped = at8.replacen("\n8\n", "\n9\n", 1);
        for served in [flipped.as_bytes(), b"not a note", &[0xff, 0xfe][..]] {
            let v = observe(&vk, None, served, proof_of(&honest)).unwrap();
            assert!(matches!(v, Verdict::Misbehaved { what: Misbehaviour::BadSignature(_), .. }), "{served:?}");
        }
        // A key that signed nothing here: the key given is wrong (no verdict on the log).
        let stranger = VerifierKey::new(ORIGIN, KeyPair::from_seed([4; 32], alice()).public()).unwrap();
        let e = observe(&stranger, None, at8.as_bytes(), proof_of(&honest)).unwrap_err();
        assert!(matches!(e, MonitorError::NotThisKey(_)), "{e:?}");
        let elsewhere = VerifierKey::new("other.example/log", key().public()).unwrap();
        let e = observe(&elsewhere, None, at8.as_bytes(), proof_of(&honest)).unwrap_err();
        assert!(matches!(e, MonitorError::NotThisKey(_)), "{e:?}");
        // The state given is not this log's: no verdict on the log.
        let e = observe(&stranger, Some(&at8), at8.as_bytes(), proof_of(&honest)).unwrap_err();
        assert!(matches!(e, MonitorError::BadState(_)), "{e:?}");
        // The log could not give a proof: no verdict either.
        let e = observe(&vk, Some(&signed(&honest, 3)), at8.as_bytes(), |_, _| {
            Err(ClientError::Unreachable { url: "http://x".into(), why: "down".into() })
        })
        .unwrap_err();
        assert!(matches!(e, MonitorError::Client(_)));
    }

    #[test]
    fn an_audit_rebuilds_the_head_from_the_entries_and_finds_two_events_for_a_slot() {
        let input = |i: u64, slot: u64, kind: Kind| LeafInput {
            kind,
            slot: leaf_hash(&[&slot.to_be_bytes()]),
            event: leaf_hash(&[b"e", &i.to_be_bytes()]),
            signer: [5; 32],
        };
        // 600 entries across three bundles, a conflict record for slot 3 among them.
        let entries: Vec<LeafInput> =
            (0..600).map(|i| if i == 400 { input(i, 3, Kind::Conflict) } else { input(i, i, Kind::Event) }).collect();
        let hashes: Vec<Hash> = entries.iter().map(LeafInput::hash).collect();
        let cp = Checkpoint {
            origin: ORIGIN.into(),
            size: 600,
            root: tree_root(&hashes[..], 600).unwrap(),
            extensions: vec![],
        };
        let mut asked = Vec::new();
        let serve = |e: &[LeafInput]| {
            let e = e.to_vec();
            move |idx: u64, w: u64| -> Result<Vec<LeafInput>, ClientError> {
                Ok(e[(idx * 256) as usize..(idx * 256 + w) as usize].to_vec())
            }
        };
        let found = audit(&cp, |i, w| {
            asked.push((i, w));
            serve(&entries)(i, w)
        })
        .unwrap();
        assert_eq!(found, None);
        assert_eq!(asked, [(0, 256), (1, 256), (2, 88)]);
        // An entry served other than signed.
        let mut other = entries.clone();
        other[599].signer = [6; 32];
        assert_eq!(audit(&cp, serve(&other)).unwrap(), Some(Misbehaviour::EntriesDisagree { size: 600 }));
        // A second accepted event for slot 3 (signed into the head: the log broke its rule).
        let mut twice = entries.clone();
        twice[400].kind = Kind::Event;
        let hashes: Vec<Hash> = twice.iter().map(LeafInput::hash).collect();
        let cp2 = Checkpoint { root: tree_root(&hashes[..], 600).unwrap(), ..cp.clone() };
        assert_eq!(audit(&cp2, serve(&twice)).unwrap(), Some(Misbehaviour::TwoEvents { first: 3, second: 400 }));
    }
}
