//! The people and offices involved in a case, and how to reach them. Items and
//! attestations refer to actors by id.

use serde::{Deserialize, Serialize};

use super::ActorRole;
use crate::keys::Fingerprint;

/// How to reach an actor.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// An e-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// A telephone number, with its country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// A postal address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// The contact's working time zone (IANA name or offset), e.g. "Europe/Brussels".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
}

impl Contact {
    /// Whether nothing is given.
    pub fn is_empty(&self) -> bool {
        *self == Contact::default()
    }
}

/// A person or office involved in the case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// Unique within the manifest (letters, digits, `-`, `_`, `.`); items and attestations
    /// refer to actors by it.
    #[schemars(regex(pattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"))]
    pub id: String,
    /// What the actor does in the case.
    pub role: ActorRole,
    /// The name of the person or office.
    pub name: String,
    /// The organisation they belong to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// ISO 3166-1 alpha-2 code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = "^[A-Z]{2}$"))]
    pub jurisdiction: Option<String>,
    /// How to reach them.
    #[serde(default, skip_serializing_if = "Contact::is_empty")]
    pub contact: Contact,
    /// Fingerprints of the actor's custody keys.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_fingerprints: Vec<Fingerprint>,
}
