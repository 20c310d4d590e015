//! A bundle's events looked up in its custody log (`custody verify --log`, spec §9.1 step 10c,
//! docs/custody-log.md §5): the answer to `POST /v1/lookup` read strictly and checked, so that
//! what the log holds at each of a copy's slots is known only through the log's signature. The
//! answer's checkpoint is opened under the manifest's verifier key and proven to extend the
//! newest checkpoint the copy stores (only a tree of the same size with another root is signed
//! evidence against the log; an older tree or a missing proof is an answer that proves
//! nothing); every entry's inclusion proof is checked against it; the slots must be the ones
//! asked, in order, each with at most one accepted event and no entry twice.

use serde::{Deserialize, Serialize};

use super::checkpoint::{Checkpoint, CheckpointError};
use super::client::{ClientError, MAX_PROOF};
use super::leaf::{Kind, LeafInput};
use super::proof_file::{Proven, unhex};
use crate::commit::merkle::{self, Hash};
use crate::commit::proof::verify_consistency;
use crate::keys::note::{MAX_NOTE_BYTES, VerifierKey};
use crate::wording;

/// The most entries a log keeps at one slot: its accepted event and 16 recorded conflicts.
pub const MAX_SLOT_ENTRIES: usize = 17;
/// The most entries a lookup's answer may hold (the server's cap, docs/custody-log.md §4.1).
pub const MAX_LOOKUP_ENTRIES: usize = 2048;
/// The most slots one lookup names.
pub const MAX_LOOKUP_SLOTS: usize = 1024;
/// The largest entry of an answer, as JSON: an index, a kind, two hashes and a full proof.
const MAX_ENTRY_BYTES: u64 = 256 + 2 * 80 + (MAX_PROOF as u64) * 67;

/// The largest answer read for a lookup of `slots` slots: the checkpoint, a consistency
/// proof, each slot's name and as many full entries as the log may hold for them.
pub fn max_answer(slots: usize) -> u64 {
    let entries = slots.saturating_mul(MAX_SLOT_ENTRIES).min(MAX_LOOKUP_ENTRIES) as u64;
    MAX_NOTE_BYTES as u64 + (MAX_PROOF as u64) * 67 + 1024 + 128 * slots as u64 + entries * MAX_ENTRY_BYTES
}

/// One entry of a slot, as the log answered it (its proof not yet checked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The leaf's index.
    pub index: u64,
    /// Accepted event or recorded conflict.
    pub kind: Kind,
    /// The event commitment.
    pub event: Hash,
    /// The signer commitment.
    pub signer: Hash,
    /// The inclusion proof in the answer's checkpoint.
    pub inclusion: Vec<Hash>,
}

/// A lookup's answer, as received (not yet checked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The signed checkpoint every proof of the answer is against.
    pub checkpoint: String,
    /// The consistency proof from the size asked as `from`.
    pub consistency: Option<Vec<Hash>>,
    /// Each slot asked, in order, with its entries.
    pub slots: Vec<(Hash, Vec<Entry>)>,
}

/// The wire form (docs/custody-log.md §5.1), also kept in a saved answer (`saved`).
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct WireAnswer {
    /// The signed checkpoint note.
    pub(crate) checkpoint: String,
    /// The consistency proof from the size asked, in hex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) consistency: Option<Vec<String>>,
    /// Each slot asked, with its entries.
    pub(crate) slots: Vec<WireSlot>,
}

/// The wire form (docs/custody-log.md §5.1), also kept in a saved answer (`saved`).
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct WireSlot {
    /// The slot, in hex.
    pub(crate) slot: String,
    /// Its entries.
    pub(crate) entries: Vec<WireEntry>,
}

/// The wire form (docs/custody-log.md §5.1), also kept in a saved answer (`saved`).
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct WireEntry {
    /// The leaf index.
    pub(crate) index: u64,
    /// `event` or `conflict`.
    pub(crate) kind: String,
    /// The event commitment, in hex.
    pub(crate) event: String,
    /// The signer commitment, in hex.
    pub(crate) signer: String,
    /// The inclusion proof, in hex.
    pub(crate) inclusion: Vec<String>,
}

/// Why a lookup's answer proves nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LookupError {
    #[error("{0}")]
    /// The log could not be asked, or its answer could not be read.
    Client(#[from] ClientError),
    #[error("{}", wording::log::lookup_malformed(.0))]
    /// The answer is not what the API defines.
    Malformed(String),
    #[error("{0}")]
    /// The checkpoint is not signed by the manifest's key, or malformed.
    Checkpoint(#[from] CheckpointError),
    #[error("{}", wording::log::lookup_not_included(*.index, *.size))]
    /// An entry's inclusion proof does not prove it in the checkpoint's tree.
    NotIncluded {
        /// The entry's index.
        index: u64,
        /// The checkpoint's tree size.
        size: u64,
    },
    #[error("{}", wording::log::lookup_two_roots(*.size))]
    /// The checkpoint is of the same size as the newest one the bundle stores, with another
    /// root: the log signed two histories (signed evidence against the log, unlike every other
    /// error here: a missing consistency proof or an older checkpoint is only an unproven answer).
    Inconsistent {
        /// The size of both trees.
        size: u64,
    },
    #[error("{}", wording::log::lookup_older(*.stored, *.answered))]
    /// The checkpoint is smaller than the newest one the bundle stores: an old answer replayed,
    /// or a lagging mirror; it proves nothing about the copy.
    Older {
        /// The stored checkpoint's size.
        stored: u64,
        /// The answer's checkpoint's size.
        answered: u64,
    },
    #[error("{}", wording::log::LOOKUP_GREW)]
    /// Two lookups of one check (from the newest stored checkpoint, and from one before a break
    /// in the bundle's chain of proofs) answered with trees of different sizes.
    Grew,
    #[error("{}", wording::log::lookup_unproven(*.from, *.to))]
    /// The answer's consistency proof is missing or does not prove that its checkpoint extends
    /// the stored one (the proof is not signed: anyone on the way can drop it).
    Unproven {
        /// The stored checkpoint's size.
        from: u64,
        /// The answer's checkpoint's size.
        to: u64,
    },
}

/// What the log holds at one slot, proven.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SlotFinding {
    /// The accepted event: its index, event and signer commitments.
    pub accepted: Option<(u64, Hash, Hash)>,
    /// How many conflicts are recorded at the slot.
    pub conflicts: usize,
}

/// A checked answer: the checkpoint's size and, per slot asked, what the log holds there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Looked {
    /// The checkpoint proven.
    pub checkpoint: Proven,
    /// One finding per slot asked, in order.
    pub slots: Vec<SlotFinding>,
}

impl Answer {
    /// Reads an answer strictly: no unknown or repeated member, hashes of 64 lowercase hex
    /// digits, proofs of at most `MAX_PROOF` hashes, at most [`MAX_LOOKUP_ENTRIES`] entries.
    pub fn parse(bytes: &[u8]) -> Result<Answer, LookupError> {
        let w: WireAnswer = serde_json::from_slice(bytes).map_err(|e| LookupError::Malformed(e.to_string()))?;
        Answer::from_wire(&w)
    }

    /// The answer in its wire form, as the log sent it (to be saved).
    pub(crate) fn to_wire(&self) -> WireAnswer {
        let hexes = |v: &[Hash]| v.iter().map(|h| crate::digest::hex(h)).collect::<Vec<_>>();
        WireAnswer {
            checkpoint: self.checkpoint.clone(),
            consistency: self.consistency.as_deref().map(hexes),
            slots: self
                .slots
                .iter()
                .map(|(slot, entries)| WireSlot {
                    slot: crate::digest::hex(slot),
                    entries: entries
                        .iter()
                        .map(|e| WireEntry {
                            index: e.index,
                            kind: match e.kind {
                                Kind::Event => "event".into(),
                                Kind::Conflict => "conflict".into(),
                            },
                            event: crate::digest::hex(&e.event),
                            signer: crate::digest::hex(&e.signer),
                            inclusion: hexes(&e.inclusion),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// Reads an answer's wire form strictly (see [`Answer::parse`]).
    pub(crate) fn from_wire(w: &WireAnswer) -> Result<Answer, LookupError> {
        let bad_hash = || LookupError::Malformed(wording::log::LOOKUP_BAD_HASH.to_owned());
        let hashes = |v: &[String]| -> Result<Vec<Hash>, LookupError> {
            if v.len() > MAX_PROOF {
                return Err(LookupError::Malformed(wording::log::client_proof_too_long(v.len(), MAX_PROOF)));
            }
            v.iter().map(|h| unhex(h).ok_or_else(bad_hash)).collect()
        };
        let total: usize = w.slots.iter().map(|s| s.entries.len()).sum();
        if total > MAX_LOOKUP_ENTRIES || w.slots.len() > MAX_LOOKUP_SLOTS {
            return Err(LookupError::Malformed(wording::log::lookup_too_many(total, MAX_LOOKUP_ENTRIES)));
        }
        let mut slots = Vec::with_capacity(w.slots.len());
        for s in &w.slots {
            let mut entries = Vec::with_capacity(s.entries.len());
            for e in &s.entries {
                let kind = match e.kind.as_str() {
                    "event" => Kind::Event,
                    "conflict" => Kind::Conflict,
                    _ => return Err(LookupError::Malformed(wording::log::LOOKUP_BAD_KIND.to_owned())),
                };
                entries.push(Entry {
                    index: e.index,
                    kind,
                    event: unhex(&e.event).ok_or_else(bad_hash)?,
                    signer: unhex(&e.signer).ok_or_else(bad_hash)?,
                    inclusion: hashes(&e.inclusion)?,
                });
            }
            slots.push((unhex(&s.slot).ok_or_else(bad_hash)?, entries));
        }
        Ok(Answer {
            checkpoint: w.checkpoint.clone(),
            consistency: w.consistency.as_deref().map(hashes).transpose()?,
            slots,
        })
    }

    /// Checks the answer to a lookup of `asked` from `previous` (the newest checkpoint the
    /// bundle stores): the checkpoint under `key`, its consistency with `previous`, the slots
    /// those asked in order, at most one accepted event and [`MAX_SLOT_ENTRIES`] entries a
    /// slot, no entry index twice in a slot, and every entry's inclusion. Costs one inclusion check per entry.
    pub fn check(&self, key: &VerifierKey, asked: &[Hash], previous: Option<Proven>) -> Result<Looked, LookupError> {
        let cp = Checkpoint::open(self.checkpoint.as_bytes(), key)?;
        let here = Proven { size: cp.size, root: cp.root };
        if let Some(prev) = previous {
            if here.size == prev.size && here.root != prev.root {
                return Err(LookupError::Inconsistent { size: here.size });
            }
            if here.size < prev.size {
                return Err(LookupError::Older { stored: prev.size, answered: here.size });
            }
            let proof = self.consistency.as_deref().unwrap_or_default();
            if !verify_consistency(prev.size, here.size, &prev.root, &here.root, proof) {
                return Err(LookupError::Unproven { from: prev.size, to: here.size });
            }
        }
        if self.slots.len() != asked.len() || self.slots.iter().zip(asked).any(|((s, _), a)| s != a) {
            return Err(LookupError::Malformed(wording::log::LOOKUP_OTHER_SLOTS.to_owned()));
        }
        let mut found = Vec::with_capacity(asked.len());
        for (slot, entries) in &self.slots {
            if entries.len() > MAX_SLOT_ENTRIES {
                return Err(LookupError::Malformed(wording::log::LOOKUP_OTHER_SLOTS.to_owned()));
            }
            // One entry once: a conflict repeated would be counted twice (at most 17 entries).
            if entries.iter().enumerate().any(|(n, e)| entries[..n].iter().any(|o| o.index == e.index)) {
                return Err(LookupError::Malformed(wording::log::LOOKUP_REPEATED.to_owned()));
            }
            let mut finding = SlotFinding::default();
            for e in entries {
                let leaf = LeafInput { kind: e.kind, slot: *slot, event: e.event, signer: e.signer };
                if !merkle::verify_inclusion(e.index, here.size, &leaf.hash(), &e.inclusion, &here.root) {
                    return Err(LookupError::NotIncluded { index: e.index, size: here.size });
                }
                match e.kind {
                    Kind::Event if finding.accepted.is_some() => {
                        return Err(LookupError::Malformed(wording::log::LOOKUP_TWO_EVENTS.to_owned()));
                    }
                    Kind::Event => finding.accepted = Some((e.index, e.event, e.signer)),
                    Kind::Conflict => finding.conflicts += 1,
                }
            }
            found.push(finding);
        }
        Ok(Looked { checkpoint: here, slots: found })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(kind: &str, event: &str) -> String {
        format!(r#"{{"index":0,"kind":"{kind}","event":"{event}","signer":"{}","inclusion":[]}}"#, "c".repeat(64))
    }

    #[test]
    fn answers_are_read_strictly() {
        let slot = "a".repeat(64);
        let good = format!(
            r#"{{"checkpoint":"x","slots":[{{"slot":"{slot}","entries":[{}]}}]}}"#,
            entry("event", &"b".repeat(64))
        );
        let a = Answer::parse(good.as_bytes()).unwrap();
        assert_eq!((a.slots.len(), a.slots[0].1[0].kind), (1, Kind::Event));
        let cases = [
            (good.replace(r#""checkpoint":"x""#, r#""checkpoint":"x","checkpoint":"y""#), "duplicate field"),
            (good.replace(r#""kind":"event""#, r#""kind":"other""#), "neither event nor conflict"),
            (good.replace(&"b".repeat(64), &"B".repeat(64)), "64 lowercase hex"),
            (good.replace("}]}", r#"}],"more":1}"#), "unknown field"),
            (
                good.replace(
                    r#""inclusion":[]"#,
                    &format!(r#""inclusion":[{}]"#, vec![format!("\"{slot}\""); MAX_PROOF + 1].join(",")),
                ),
                "hashes",
            ),
        ];
        for (text, needle) in cases {
            let e = Answer::parse(text.as_bytes()).unwrap_err();
            assert!(matches!(e, LookupError::Malformed(_)) && e.to_string().contains(needle), "{needle}: {e}");
        }
        let many = vec![entry("conflict", &"b".repeat(64)); MAX_LOOKUP_ENTRIES + 1].join(",");
        let text = format!(r#"{{"checkpoint":"x","slots":[{{"slot":"{slot}","entries":[{many}]}}]}}"#);
        assert!(Answer::parse(text.as_bytes()).unwrap_err().to_string().contains("more than the 2048"));
    }

    fn check_slots(a: Answer, vk: &VerifierKey, stored: Proven) -> LookupError {
        a.check(vk, &[[8; 32]], Some(stored)).unwrap_err()
    }

    /// Only a signed tree of the stored checkpoint's size with another root is evidence against
    /// the log; an older tree or a consistency proof missing proves nothing (review 2 of #20, N2).
    #[test]
    fn only_a_signed_second_root_of_the_stored_size_is_inconsistent() {
        let origin = "court.example/custody-log";
        let k = crate::keys::KeyPair::from_seed([9; 32], crate::keys::tests::alice());
        let vk = VerifierKey::new(origin, k.public()).unwrap();
        let answer = |size: u64, root: Hash| Answer {
            checkpoint: Checkpoint { origin: origin.into(), size, root, extensions: vec![] }.sign(&k).unwrap(),
            consistency: None,
            slots: vec![],
        };
        let stored = Proven { size: 2, root: [1; 32] };
        let check = |a: Answer| a.check(&vk, &[], Some(stored));
        assert_eq!(check(answer(2, [2; 32])).unwrap_err(), LookupError::Inconsistent { size: 2 });
        assert!(check(answer(2, [2; 32])).unwrap_err().to_string().contains("signed two histories"));
        assert_eq!(check(answer(1, [1; 32])).unwrap_err(), LookupError::Older { stored: 2, answered: 1 });
        let unproven = check(answer(3, [3; 32])).unwrap_err();
        assert_eq!(unproven, LookupError::Unproven { from: 2, to: 3 });
        assert!(unproven.to_string().contains("consistency proof is missing or wrong"), "{unproven}");
        let wrong = Answer { consistency: Some(vec![[5; 32]]), ..answer(3, [3; 32]) };
        assert_eq!(check(wrong).unwrap_err(), LookupError::Unproven { from: 2, to: 3 });
        // The same tree, and any tree without a stored checkpoint to extend, are read on.
        assert_eq!(check(answer(2, [1; 32])).unwrap().checkpoint, stored);
        assert_eq!(answer(1, [4; 32]).check(&vk, &[], None).unwrap().checkpoint.size, 1);
        // A conflict named twice (to pad the count) is refused before any proof is checked.
        let e = Entry { index: 0, kind: Kind::Conflict, event: [6; 32], signer: [7; 32], inclusion: vec![] };
        let padded = Answer { slots: vec![([8; 32], vec![e.clone(), e])], ..answer(2, [1; 32]) };
        let refused = check_slots(padded, &vk, stored);
        assert!(refused.to_string().contains("the same entry index twice"), "{refused}");
    }

    #[test]
    fn the_answer_bound_grows_with_the_slots_asked_and_stops_at_the_entry_cap() {
        assert!(max_answer(2) < 512 * 1024, "{}", max_answer(2));
        assert!(max_answer(2) < max_answer(3));
        assert_eq!(max_answer(MAX_LOOKUP_ENTRIES), max_answer(MAX_LOOKUP_ENTRIES + 1) - 128);
    }
}
