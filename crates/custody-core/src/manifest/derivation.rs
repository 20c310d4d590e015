//! A derived bundle's `derivation` member (spec §5.13): which bundle it was derived from,
//! the proofs that what it carries was sealed there (salts and audit paths into the parent's
//! signed Merkle commitment, §5.12), and the files it replaced by redacted copies.
//!
//! Types only: the writer is `derive`, the checks `verify::derivation` (step 8c).

use serde::{Deserialize, Serialize};

use super::{BundleId, Signer};
use crate::digest::Sha256Digest;

/// The most redactions a derived bundle records.
pub const MAX_REDACTIONS: usize = 10_000;
/// The longest reason a redaction gives, in characters.
pub const MAX_REDACTION_REASON: usize = 1024;

/// A derived bundle's origin and proofs (spec §5.13). The parent's tree size and root are
/// read only from the carried parent seal event (`custody/parent/seal.json`), never repeated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Derivation {
    /// The parent bundle's id (32 lowercase hex digits).
    #[schemars(regex(pattern = "^[0-9a-f]{32}$"))]
    pub parent_bundle_id: BundleId,
    /// The SHA-256 of the parent's seal event as stored (and carried at
    /// `custody/parent/seal.json`).
    pub parent_seal_event_sha256: Sha256Digest,
    /// The SHA-256 of the parent's latest custody event as stored when the copy was derived
    /// (the seal itself if it had no other). Not carried: a verifier holding only the derived
    /// bundle checks its form; one holding the parent, that the parent has that event and
    /// that the parent's `derivation` event recording this copy follows it (§5.13, §5.14).
    pub parent_latest_event_sha256: Sha256Digest,
    /// The proof of the case (top leaf 0).
    pub case: LeafProof,
    /// The proof of the restrictions (top leaf 1).
    pub restrictions: LeafProof,
    /// The proofs of the actors carried from the parent, by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<ActorProof>,
    /// The proofs of the items carried, one per manifest item, by id.
    pub items: Vec<ItemProof>,
    /// The files replaced by redacted copies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub redactions: Vec<Redaction>,
}

/// The proof that a top leaf of the parent's tree holds a value: its index, its salt, and
/// its audit path (RFC 9162 §2.1.3, log2 of the tree size hashes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LeafProof {
    /// The leaf's index in the parent's top tree.
    pub index: u64,
    /// The leaf's salt (32 bytes, 64 lowercase hex digits).
    pub salt: Sha256Digest,
    /// The audit path, leaf to root.
    pub audit_path: Vec<Sha256Digest>,
}

/// The proof of an actor carried from the parent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActorProof {
    /// The actor's id, as in the manifest's `actors`.
    pub id: String,
    /// The leaf's index in the parent's top tree.
    pub index: u64,
    /// The leaf's salt.
    pub salt: Sha256Digest,
    /// The audit path, leaf to root.
    pub audit_path: Vec<Sha256Digest>,
}

/// The proof of an item carried whole from the parent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemProof {
    /// The item's id, kept from the parent.
    #[schemars(regex(pattern = "^item-[1-9][0-9]*$"))]
    pub id: String,
    /// The leaf's index in the parent's top tree.
    pub index: u64,
    /// The leaf's salt.
    pub salt: Sha256Digest,
    /// The key of the item's file salts (§5.12).
    pub files_key: Sha256Digest,
    /// The audit path, leaf to root.
    pub audit_path: Vec<Sha256Digest>,
}

/// A file replaced by a redacted copy at the same path: the manifest's record describes the
/// copy; the original's digest and size are what the parent sealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Redaction {
    /// The file's bundle path (`data/item-N/...`).
    pub path: String,
    /// The original's SHA-256, as the parent sealed it.
    pub original_sha256: Sha256Digest,
    /// The original's size in bytes.
    pub original_size: u64,
    /// The redacted copy's SHA-256 (equal to the manifest record's).
    pub redacted_sha256: Sha256Digest,
    /// Why the file was redacted (at most 1,024 characters).
    pub reason: String,
    /// Who redacted it.
    pub by: Signer,
}

/// The number N of an item id `item-N` (N from 1, no leading zero), or `None`.
pub fn item_number(id: &str) -> Option<u64> {
    let digits = id.strip_prefix("item-")?;
    if digits.starts_with('0') || digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}
