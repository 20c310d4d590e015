//! The leaves of the custody log (design §1): an event of a bundle is logged as three
//! HMAC-SHA256 values under the bundle's log salt K, so the log and its readers learn neither
//! the bundle, nor the event, nor its signer; a holder of K recomputes them.
//!
//! ```text
//! slot   = HMAC(K, "custody-log-slot"   || bundle id (16 bytes) || u64be(seq))
//! event  = HMAC(K, "custody-log-event"  || u64be(seq) || SHA-256(event's stored bytes))
//! signer = HMAC(K, "custody-log-signer" || u64be(seq) || signer fingerprint (32 bytes))
//! leaf_input = 0x01 (version) || kind || slot || event || signer          (98 bytes)
//! ```

use crate::commit::merkle::{self, Hash};
use crate::commit::salt::{Salt, hmac_sha256};

/// The label of a slot.
pub const SLOT_LABEL: &[u8; 16] = b"custody-log-slot";
/// The label of an event commitment.
pub const EVENT_LABEL: &[u8; 17] = b"custody-log-event";
/// The label of a signer commitment.
pub const SIGNER_LABEL: &[u8; 18] = b"custody-log-signer";
/// The leaf version byte.
pub const LEAF_VERSION: u8 = 0x01;
/// The length of a leaf's input.
pub const LEAF_INPUT_LEN: usize = 98;

/// What a leaf records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Kind {
    /// The event accepted for its slot (the first claim).
    Event = 0x01,
    /// A different claim for a slot already taken, refused and recorded.
    Conflict = 0x02,
}

impl Kind {
    /// The kind of a leaf's byte, if known.
    pub fn from_byte(b: u8) -> Option<Kind> {
        match b {
            0x01 => Some(Kind::Event),
            0x02 => Some(Kind::Conflict),
            _ => None,
        }
    }
}

/// The slot of event `seq` of the bundle `bundle_id` (its 16 raw bytes).
pub fn slot(key: &Salt, bundle_id: &[u8; 16], seq: u64) -> Hash {
    hmac_sha256(key, &[SLOT_LABEL, bundle_id, &seq.to_be_bytes()])
}

/// The commitment to event `seq` whose stored bytes have SHA-256 `event_sha256`.
pub fn event(key: &Salt, seq: u64, event_sha256: &[u8; 32]) -> Hash {
    hmac_sha256(key, &[EVENT_LABEL, &seq.to_be_bytes(), event_sha256])
}

/// The commitment to the signer (fingerprint, 32 raw bytes) of event `seq`.
pub fn signer(key: &Salt, seq: u64, fingerprint: &[u8; 32]) -> Hash {
    hmac_sha256(key, &[SIGNER_LABEL, &seq.to_be_bytes(), fingerprint])
}

/// A leaf's content: kind and the three values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LeafInput {
    /// Accepted event or recorded conflict.
    pub kind: Kind,
    /// The slot (bundle and sequence number).
    pub slot: Hash,
    /// The event commitment.
    pub event: Hash,
    /// The signer commitment.
    pub signer: Hash,
}

impl LeafInput {
    /// The leaf of event `seq` of a bundle, from the bundle's log salt and the event's facts.
    pub fn of_event(
        kind: Kind,
        key: &Salt,
        bundle_id: &[u8; 16],
        seq: u64,
        event_sha256: &[u8; 32],
        fingerprint: &[u8; 32],
    ) -> LeafInput {
        LeafInput {
            kind,
            slot: slot(key, bundle_id, seq),
            event: event(key, seq, event_sha256),
            signer: signer(key, seq, fingerprint),
        }
    }

    /// The 98 bytes hashed as the leaf.
    pub fn to_bytes(&self) -> [u8; LEAF_INPUT_LEN] {
        let mut b = [0u8; LEAF_INPUT_LEN];
        b[0] = LEAF_VERSION;
        b[1] = self.kind as u8;
        b[2..34].copy_from_slice(&self.slot);
        b[34..66].copy_from_slice(&self.event);
        b[66..98].copy_from_slice(&self.signer);
        b
    }

    /// Reads 98 bytes back (`None` for another length, version or kind).
    pub fn from_bytes(b: &[u8]) -> Option<LeafInput> {
        if b.len() != LEAF_INPUT_LEN || b[0] != LEAF_VERSION {
            return None;
        }
        let h = |r: std::ops::Range<usize>| -> Option<Hash> { b.get(r)?.try_into().ok() };
        Some(LeafInput { kind: Kind::from_byte(b[1])?, slot: h(2..34)?, event: h(34..66)?, signer: h(66..98)? })
    }

    /// The leaf hash, SHA-256(0x00 || input) (RFC 6962).
    pub fn hash(&self) -> Hash {
        merkle::leaf_hash(&[&self.to_bytes()])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::hex;

    #[test]
    fn labels_have_distinct_message_lengths() {
        assert_eq!(SLOT_LABEL.len() + 16 + 8, 40);
        assert_eq!(EVENT_LABEL.len() + 8 + 32, 57);
        assert_eq!(SIGNER_LABEL.len() + 8 + 32, 58);
    }

    #[test]
    fn the_leaf_vector_for_key_00_to_1f() {
        let key: Salt = std::array::from_fn(|i| i as u8);
        let bid: [u8; 16] = std::array::from_fn(|i| 0xa0 + i as u8);
        let leaf = LeafInput::of_event(Kind::Event, &key, &bid, 3, &[0x11; 32], &[0x22; 32]);
        // The values are HMAC-SHA256 of the stated messages (checked against Python's hmac).
        assert_eq!(hex(&leaf.slot), LEAF_VECTOR.0);
        assert_eq!(hex(&leaf.event), LEAF_VECTOR.1);
        assert_eq!(hex(&leaf.signer), LEAF_VECTOR.2);
        assert_eq!(hex(&leaf.hash()), LEAF_VECTOR.3);
        let bytes = leaf.to_bytes();
        assert_eq!(&bytes[..2], &[1, 1]);
        assert_eq!(LeafInput::from_bytes(&bytes), Some(leaf));
        let conflict = LeafInput { kind: Kind::Conflict, ..leaf };
        assert_ne!(conflict.hash(), leaf.hash());
        assert_eq!(LeafInput::from_bytes(&bytes[..97]), None);
        let mut bad = bytes;
        bad[1] = 3;
        assert_eq!(LeafInput::from_bytes(&bad), None);
        bad[1] = 1;
        bad[0] = 2;
        assert_eq!(LeafInput::from_bytes(&bad), None);
        // Another sequence number: another slot, event and signer commitment.
        let next = LeafInput::of_event(Kind::Event, &key, &bid, 4, &[0x11; 32], &[0x22; 32]);
        assert!(next.slot != leaf.slot && next.event != leaf.event && next.signer != leaf.signer);
    }

    const LEAF_VECTOR: (&str, &str, &str, &str) = (
        "9692217e9fda52fe16b68913517ac510755c8e2190576a1c78c350826ac153e0",
        "f2810bda6a40a8ee38fd36f6fbfeed3c7b39760ef90385e794d06ef446fe1d89",
        "edbb466bd00800170883bd1da0bb3bf6c5cbdd5ab4a28e4614f4191ff891585e",
        "d5eb5dea18ce7b31a9f882a31bd3b29d0a254ce3e93bd3eb140b38cdc003b427",
    );
}
