//! Attestations: declarations and certifications sealed with the manifest, with the files
//! they certify and their digests.

use serde::{Deserialize, Serialize};

use super::AttestationKind;
use crate::digest::Sha256Digest;
use crate::time::Timestamp;

/// A file an attestation certifies, with its digest as the declarant saw it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AttestedFile {
    /// The bundle path of the file.
    pub path: String,
    /// The file's SHA-256.
    pub sha256: Sha256Digest,
}

/// A declaration or certification, sealed with the manifest (the sealer's signature covers
/// it). Hash-based certifications list the files they certify with their digests, which a
/// verifier compares with the payload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attestation {
    /// Unique within the manifest.
    pub id: String,
    /// What kind of declaration it is.
    pub kind: AttestationKind,
    /// The declarant's actor id.
    pub by: String,
    /// When it was declared (UTC).
    pub declared_at: Timestamp,
    /// The statement, in the declarant's words.
    pub statement: String,
    /// The rule or form it is made under, e.g. "FRE 902(14)".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
    /// The items it concerns.
    #[schemars(length(min = 1))]
    pub items: Vec<String>,
    /// Every file of those items with its SHA-256 (filled in by the sealer).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<AttestedFile>,
}
