//! The case and its legal basis: file numbers, offences, the instruments relied on, the
//! authorisations (with their scope) and related requests.

use serde::{Deserialize, Serialize};

use super::{AuthorityRole, DataCategory, Date, RequestKind};
use crate::digest::Sha256Digest;
use crate::time::Timestamp;

/// A case or file number one authority gives the matter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FileNumber {
    /// The authority, e.g. "Federal Prosecutor's Office, Brussels".
    pub authority: String,
    /// The part the authority plays.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<AuthorityRole>,
    /// The number it gives the matter.
    pub number: String,
}

/// An offence under investigation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Offence {
    /// What the offence is.
    pub description: String,
    /// The provision, e.g. "Criminal Code art. 140bis".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statute: Option<String>,
}

/// An instrument and article the acquisition or transfer relies on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LegalBasis {
    /// E.g. "Council of Europe Convention on Cybercrime (ETS 185)".
    pub instrument: String,
    /// E.g. "art. 32(a)".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    /// Anything else about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What an authorisation allows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuthorisationScope {
    /// Accounts, identifiers or URLs the authorisation covers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accounts: Vec<String>,
    /// The categories of data it covers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_categories: Vec<DataCategory>,
    /// Start of the time window the authorisation covers (UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Timestamp>,
    /// End of the time window (UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Timestamp>,
    /// The time zone the window was expressed in by the authority (IANA name or offset),
    /// e.g. "Europe/Brussels" or "+01:00"; the stored times are UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
}

/// An order, warrant or decision that authorises the acquisition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Authorisation {
    /// Unique within the manifest; items name it in `capture.authorisation`.
    pub id: String,
    /// What it is, e.g. "investigating judge's order".
    pub description: String,
    /// The issuing authority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_by: Option<String>,
    /// Its reference or file number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// When it was issued (UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_at: Option<Timestamp>,
    /// What it allows.
    #[serde(default, skip_serializing_if = "AuthorisationScope::is_empty")]
    pub scope: AuthorisationScope,
    /// SHA-256 of the authorising document, when the sealer had it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_sha256: Option<Sha256Digest>,
    /// The bundle path of the authorising document, when it is sealed in this bundle; its
    /// digest must then equal `document_sha256`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_path: Option<String>,
}

impl AuthorisationScope {
    /// Whether nothing is given.
    pub fn is_empty(&self) -> bool {
        *self == AuthorisationScope::default()
    }
}

/// A request related to the evidence, e.g. a preservation request and its expiry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RelatedRequest {
    /// What kind of request it is.
    pub kind: RequestKind,
    /// Its reference.
    pub reference: String,
    /// The authority or provider it was sent to or came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<String>,
    /// When it was issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_on: Option<Date>,
    /// When it lapses (a preservation expires after 90 days unless renewed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_on: Option<Date>,
    /// Anything else about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
