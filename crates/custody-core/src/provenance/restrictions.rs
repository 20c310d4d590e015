//! What the receiver may and may not do with the evidence: use limitation (speciality),
//! confidentiality, retention, onward transfer, data protection and export approval.

use serde::{Deserialize, Serialize};

use super::{ConfidentialityLevel, DataSubjectCategory, Date, OnwardTransferRule};

/// Limits on the use of the evidence (e.g. the rule of speciality).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UseLimitation {
    /// The purposes the evidence may be used for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub purposes: Vec<String>,
    /// The proceedings it may be used in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub proceedings: Vec<String>,
    /// The rule of speciality applies: no other use without the supplying state's consent.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub speciality: bool,
    /// Anything else about the limitation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// How confidential the evidence is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Confidentiality {
    /// The level of confidentiality.
    pub level: ConfidentialityLevel,
    /// Anything else about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// How long the evidence may be kept.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Retention {
    /// Delete or return the evidence by this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keep_until: Option<Date>,
    /// Review whether keeping it is still necessary by this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_on: Option<Date>,
    /// Anything else about retention.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Whether the evidence may be passed on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OnwardTransfer {
    /// The rule.
    pub rule: OnwardTransferRule,
    /// Whose prior consent is needed (required when `rule` is `consent_required`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_of: Option<String>,
    /// Anything else about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What data protection law needs to know about the evidence.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataProtection {
    /// The evidence contains personal data.
    pub personal_data: bool,
    /// Whose personal data it holds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_subjects: Vec<DataSubjectCategory>,
    /// Special categories of personal data present (e.g. "religious beliefs", "health").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub special_categories: Vec<String>,
    /// Data about minors is present.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub minors: bool,
    /// Anything else about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What the receiver may and may not do with the evidence.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Restrictions {
    /// Limits on the use of the evidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_limitation: Option<UseLimitation>,
    /// How confidential it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidentiality: Option<Confidentiality>,
    /// How long it may be kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention: Option<Retention>,
    /// Whether it may be passed on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub onward_transfer: Option<OnwardTransfer>,
    /// What data protection law needs to know.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_protection: Option<DataProtection>,
    /// Reference of the export approval the origin state requires, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub export_approval: Option<String>,
}

impl Restrictions {
    /// Whether nothing is restricted.
    pub fn is_empty(&self) -> bool {
        *self == Restrictions::default()
    }
}
