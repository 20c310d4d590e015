//! What mutual legal assistance needs to know about the evidence, beyond files and hashes:
//! the case and its legal basis, the people involved, the restrictions on use, the signed
//! attestations, and how each item was captured.
//!
//! These types are members of the signed manifest ([`crate::manifest`]). Everything here is
//! optional except what bundle format version 1 already required, so a quick seal stays
//! quick; a fully described case lets a foreign authority or a court learn from the bundle
//! alone which proceedings it serves, on what basis it was obtained, who captured what, how
//! and when, and what the receiver may and may not do with it.
//!
//! The field set follows `../shared/reference/legal-requirements.md`: the Budapest
//! Convention and its Second Protocol (preservation, use limitation, onward transfer, data
//! protection), the EU e-Evidence categories, FRE 902(13)/(14)-style certifications, ISO/IEC
//! 27037 chain-of-custody records, the Berkeley Protocol's web-capture minimum and China's
//! 2016 electronic-data provisions (access steps, method, tool, witness).
//!
//! Two sets of rules live here. [`check`] states what makes a manifest invalid (references
//! to actors, authorisations and items that do not exist, capture end before start, invalid
//! country codes): the sealer refuses such input and the verifier fails such a bundle.
//! [`advisories`] states what a prosecutor should be warned about but that does not make
//! the evidence invalid (a web page without the Berkeley minimum, a capture outside its
//! authorisation's time window, a content time without meaning or zone).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::digest::Sha256Digest;
use crate::keys::{Fingerprint, check_jurisdiction};
use crate::manifest::{FileRecord, Item, Manifest};
use crate::time::Timestamp;

// ---------------------------------------------------------------------------------------
// Dates

/// A calendar date, `YYYY-MM-DD`, for deadlines and retention (no time of day, no zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(chrono::NaiveDate);

impl Date {
    pub fn as_naive(&self) -> chrono::NaiveDate {
        self.0
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let ok = s.len() == 10
            && s.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
        if !ok {
            return Err(format!("'{s}' is not a date in the form 2026-03-14"));
        }
        // Years 0001-9999, as for times (the year 0000 has no agreed reading).
        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .filter(|d| chrono::Datelike::year(d) >= 1)
            .map(Date)
            .ok_or_else(|| format!("'{s}' is not a valid calendar date"))
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A calendar date, YYYY-MM-DD."
        })
    }
}

// ---------------------------------------------------------------------------------------
// Enumerations. Each lists its values in `ALL`/`NAMES` order for messages and docs.

macro_rules! vocabulary {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $variant),+ }
        impl $name {
            /// Every value, as written in documents.
            pub const NAMES: &'static [&'static str] = &[$($text),+];
            pub fn as_str(&self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.as_str()) }
        }
    };
}

vocabulary!(
    /// The kind of proceedings the evidence serves.
    ProceedingType {
        CriminalInvestigation = "criminal_investigation",
        CriminalProsecution = "criminal_prosecution",
        CriminalTrial = "criminal_trial",
        Civil = "civil",
        Administrative = "administrative",
        Other = "other",
    }
);

vocabulary!(
    /// How the evidence was obtained.
    AcquisitionMode {
        /// Publicly available data (e.g. Budapest Convention art. 32(a)).
        OpenSource = "open_source",
        /// With the lawful and voluntary consent of the person who may disclose it.
        Consent = "consent",
        DomesticOrder = "domestic_order",
        Preservation = "preservation",
        ProviderOrder = "provider_order",
        EmergencyDisclosure = "emergency_disclosure",
        Mla = "mla",
        /// European Investigation Order.
        Eio = "eio",
        Seizure = "seizure",
    }
);

vocabulary!(
    /// The part an authority plays in the case.
    AuthorityRole {
        Investigating = "investigating",
        Prosecuting = "prosecuting",
        Issuing = "issuing",
        Validating = "validating",
        Executing = "executing",
        RequestingCentralAuthority = "requesting_central_authority",
        RequestedCentralAuthority = "requested_central_authority",
        Court = "court",
        Other = "other",
    }
);

vocabulary!(
    /// Categories of data (EU e-Evidence Regulation 2023/1543).
    DataCategory {
        Subscriber = "subscriber",
        Identification = "identification",
        Traffic = "traffic",
        Content = "content",
        Other = "other",
    }
);

vocabulary!(
    Urgency {
        Routine = "routine",
        Urgent = "urgent",
        Emergency = "emergency",
    }
);

vocabulary!(
    /// Requests related to the evidence.
    RequestKind {
        Preservation = "preservation",
        Mla = "mla",
        Eio = "eio",
        /// European Production Order Certificate.
        Epoc = "epoc",
        /// European Preservation Order Certificate.
        EpocPr = "epoc_pr",
        ProviderRequest = "provider_request",
        EmergencyDisclosure = "emergency_disclosure",
        Other = "other",
    }
);

vocabulary!(
    /// What an actor does in the case.
    ActorRole {
        Investigator = "investigator",
        Capturer = "capturer",
        Witness = "witness",
        Custodian = "custodian",
        RequestingCentralAuthority = "requesting_central_authority",
        RequestedCentralAuthority = "requested_central_authority",
        Prosecutor = "prosecutor",
        Court = "court",
        Translator = "translator",
        Redactor = "redactor",
        Examiner = "examiner",
        Other = "other",
    }
);

vocabulary!(
    ConfidentialityLevel {
        Public = "public",
        Restricted = "restricted",
        Confidential = "confidential",
        Secret = "secret",
    }
);

vocabulary!(
    /// Whether the receiver may pass the evidence on to a third party or state.
    OnwardTransferRule {
        Allowed = "allowed",
        Forbidden = "forbidden",
        ConsentRequired = "consent_required",
    }
);

vocabulary!(
    DataSubjectCategory {
        Suspects = "suspects",
        Victims = "victims",
        Witnesses = "witnesses",
        ThirdParties = "third_parties",
        Minors = "minors",
        Other = "other",
    }
);

vocabulary!(
    AttestationKind {
        /// The investigator's declaration of how the capture was made.
        CaptureDeclaration = "capture_declaration",
        /// A copy is an accurate duplicate (verified by hash comparison).
        CopyCertification = "copy_certification",
        /// A certification of records or data by hash, e.g. under FRE 902(13)/(14).
        HashCertification = "hash_certification",
        TranslationCertification = "translation_certification",
        RedactionCertification = "redaction_certification",
        Other = "other",
    }
);

vocabulary!(
    /// What an item is.
    ItemKind {
        WebPage = "web_page",
        Video = "video",
        Image = "image",
        Audio = "audio",
        SocialPost = "social_post",
        File = "file",
        ProviderRecord = "provider_record",
        Other = "other",
    }
);

vocabulary!(
    /// How an item was captured.
    CaptureMethod {
        Screenshot = "screenshot",
        Html = "html",
        Warc = "warc",
        MediaDownload = "media_download",
        ScreenRecording = "screen_recording",
        Api = "api",
        ProviderProduction = "provider_production",
        ForensicCopy = "forensic_copy",
        Other = "other",
    }
);

vocabulary!(
    /// What a file is to its item.
    FileRole {
        /// The captured object itself (a downloaded video, a provider's file).
        Original = "original",
        /// A full-page screenshot or print of a page.
        Screenshot = "screenshot",
        HtmlSource = "html_source",
        /// A WARC or WACZ web archive.
        Warc = "warc",
        /// Metadata about the capture (e.g. a yt-dlp .info.json).
        Metadata = "metadata",
        /// A recording of the capture process.
        CaptureRecording = "capture_recording",
        Transcript = "transcript",
        Translation = "translation",
        Other = "other",
    }
);

// ---------------------------------------------------------------------------------------
// Case and legal basis

/// A case or file number one authority gives the matter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FileNumber {
    /// The authority, e.g. "Federal Prosecutor's Office, Brussels".
    pub authority: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<AuthorityRole>,
    pub number: String,
}

/// An offence under investigation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Offence {
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_at: Option<Timestamp>,
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
    pub fn is_empty(&self) -> bool {
        *self == AuthorisationScope::default()
    }
}

/// A request related to the evidence, e.g. a preservation request and its expiry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RelatedRequest {
    pub kind: RequestKind,
    pub reference: String,
    /// The authority or provider it was sent to or came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_on: Option<Date>,
    /// When it lapses (a preservation expires after 90 days unless renewed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_on: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

// ---------------------------------------------------------------------------------------
// Actors

/// How to reach an actor.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// The contact's working time zone (IANA name or offset), e.g. "Europe/Brussels".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
}

impl Contact {
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
    pub role: ActorRole,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// ISO 3166-1 alpha-2 code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = "^[A-Z]{2}$"))]
    pub jurisdiction: Option<String>,
    #[serde(default, skip_serializing_if = "Contact::is_empty")]
    pub contact: Contact,
    /// Fingerprints of the actor's custody keys.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_fingerprints: Vec<Fingerprint>,
}

// ---------------------------------------------------------------------------------------
// Restrictions

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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Confidentiality {
    pub level: ConfidentialityLevel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Retention {
    /// Delete or return the evidence by this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keep_until: Option<Date>,
    /// Review whether keeping it is still necessary by this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_on: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OnwardTransfer {
    pub rule: OnwardTransferRule,
    /// Whose prior consent is needed (required when `rule` is `consent_required`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_of: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataProtection {
    /// The evidence contains personal data.
    pub personal_data: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_subjects: Vec<DataSubjectCategory>,
    /// Special categories of personal data present (e.g. "religious beliefs", "health").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub special_categories: Vec<String>,
    /// Data about minors is present.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub minors: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What the receiver may and may not do with the evidence.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Restrictions {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_limitation: Option<UseLimitation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidentiality: Option<Confidentiality>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention: Option<Retention>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub onward_transfer: Option<OnwardTransfer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_protection: Option<DataProtection>,
    /// Reference of the export approval the origin state requires, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub export_approval: Option<String>,
}

impl Restrictions {
    pub fn is_empty(&self) -> bool {
        *self == Restrictions::default()
    }

    /// The restrictions as short lines for people, most important first.
    pub fn describe(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(u) = &self.use_limitation {
            let mut s = String::from("Use only");
            if !u.purposes.is_empty() {
                s += &format!(" for: {}", u.purposes.join("; "));
            }
            if !u.proceedings.is_empty() {
                s += &format!(" in proceedings: {}", u.proceedings.join("; "));
            }
            if u.purposes.is_empty() && u.proceedings.is_empty() {
                s = "Use is limited".into();
            }
            if u.speciality {
                s += " (speciality: any other use needs the supplying state's consent)";
            }
            if let Some(n) = &u.note {
                s += &format!(". {n}");
            }
            out.push(s);
        }
        if let Some(o) = &self.onward_transfer {
            let mut s = match o.rule {
                OnwardTransferRule::Allowed => "Onward transfer allowed".to_string(),
                OnwardTransferRule::Forbidden => "Onward transfer FORBIDDEN".to_string(),
                OnwardTransferRule::ConsentRequired => format!(
                    "Onward transfer only with the prior consent of {}",
                    o.consent_of.as_deref().unwrap_or("the supplying authority")
                ),
            };
            if let Some(n) = &o.note {
                s += &format!(". {n}");
            }
            out.push(s);
        }
        if let Some(c) = &self.confidentiality {
            let mut s = format!("Confidentiality: {}", c.level);
            if let Some(n) = &c.note {
                s += &format!(". {n}");
            }
            out.push(s);
        }
        if let Some(r) = &self.retention {
            let mut parts = Vec::new();
            if let Some(d) = r.keep_until {
                parts.push(format!("keep until {d}"));
            }
            if let Some(d) = r.review_on {
                parts.push(format!("review by {d}"));
            }
            if let Some(n) = &r.note {
                parts.push(n.clone());
            }
            out.push(format!("Retention: {}", parts.join("; ")));
        }
        if let Some(d) = &self.data_protection {
            let mut s = if d.personal_data {
                "Contains personal data".to_string()
            } else {
                "Contains no personal data".to_string()
            };
            if !d.data_subjects.is_empty() {
                let subjects: Vec<&str> = d.data_subjects.iter().map(|c| c.as_str()).collect();
                s += &format!(" of {}", subjects.join(", "));
            }
            if !d.special_categories.is_empty() {
                s += &format!("; special categories: {}", d.special_categories.join(", "));
            }
            if d.minors {
                s += "; includes data about MINORS";
            }
            if let Some(n) = &d.note {
                s += &format!(". {n}");
            }
            out.push(s);
        }
        if let Some(e) = &self.export_approval {
            out.push(format!("Export approval: {e}"));
        }
        out
    }
}

// ---------------------------------------------------------------------------------------
// Attestations

/// A file an attestation certifies, with its digest as the declarant saw it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AttestedFile {
    pub path: String,
    pub sha256: Sha256Digest,
}

/// A declaration or certification, sealed with the manifest (the sealer's signature covers
/// it). Hash-based certifications list the files they certify with their digests, which a
/// verifier compares with the payload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attestation {
    pub id: String,
    pub kind: AttestationKind,
    /// The declarant's actor id.
    pub by: String,
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

// ---------------------------------------------------------------------------------------
// Capture provenance

/// The capture tool.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaptureTool {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// SHA-256 of the tool's executable or package, if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<Sha256Digest>,
}

/// Where the capture ran.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaptureEnvironment {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub os: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub browser: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_agent: Option<String>,
    /// The public IP address the capture came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub egress_ip: Option<String>,
    /// ISO 3166-1 alpha-2 code of where the capture's traffic left the network (e.g. a VPN exit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = "^[A-Z]{2}$"))]
    pub exit_jurisdiction: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl CaptureEnvironment {
    pub fn is_empty(&self) -> bool {
        *self == CaptureEnvironment::default()
    }
}

/// A time found in the content (a post's date, a video's upload time) and what it means.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContentTime {
    /// What the time is attached to, e.g. "post date shown under the post".
    pub label: String,
    /// The value exactly as the source shows it.
    pub value: String,
    /// What the time means, e.g. "time the platform says the post was published".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meaning: Option<String>,
    /// The zone the shown value is in, e.g. "UTC", "viewer's local time (Europe/Paris)".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// The same instant in UTC, when it is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utc: Option<Timestamp>,
}

/// An item this one was derived from (e.g. a transcode of a downloaded video).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DerivedFrom {
    /// The parent item in this bundle, if it is here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// SHA-256 of the parent file.
    pub sha256: Sha256Digest,
    /// What was done, e.g. "transcoded to H.264 with ffmpeg 7.1".
    pub transformation: String,
}

/// Where a capture field's value came from when custody imported it from a capture tool's
/// own file instead of the sealer typing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportedField {
    /// The capture field, e.g. `source_url`.
    pub field: String,
    /// The bundle path of the file it was read from.
    pub from: String,
    /// Where in that file, e.g. `WARC-Target-URI` or `webpage_url`.
    pub key: String,
}

/// How, when, where from and by whom an item was captured. Every field is optional and, apart
/// from the imported ones, declared by the sealer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Capture {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ItemKind>,
    /// Where the evidence was captured from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// The URL after redirects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_url: Option<String>,
    /// E.g. "YouTube", "Telegram".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// The platform's id of the object (post, video, message).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_id: Option<String>,
    /// The account's handle as shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_handle: Option<String>,
    /// The account's stable (numeric) id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    /// When the capture started (UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub captured_at: Option<Timestamp>,
    /// When the capture ended (UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capture_end: Option<Timestamp>,
    /// What set the capturing machine's clock, e.g. "NTP (pool.ntp.org), checked before capture".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clock_source: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub methods: Vec<CaptureMethod>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool: Option<CaptureTool>,
    #[serde(default, skip_serializing_if = "CaptureEnvironment::is_empty")]
    pub environment: CaptureEnvironment,
    /// The steps taken to reach the content, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub access_steps: Vec<String>,
    /// Actor ids of who performed the capture.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operators: Vec<String>,
    /// Actor ids of who witnessed it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub witnesses: Vec<String>,
    /// The id of the authorisation (in `case.authorisations`) the capture was made under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorisation: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub content_times: Vec<ContentTime>,
    /// Known alterations, e.g. "the platform recompresses uploaded video".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alterations: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub derived_from: Vec<DerivedFrom>,
    /// Languages of the content (BCP 47 tags, e.g. "ar", "fr").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    /// Why the original medium was not seized (e.g. "hosted abroad by a provider").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_not_seized: Option<String>,
    /// Free-text note by the sealer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Fields custody filled in from the capture tools' own files, and where from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub imported: Vec<ImportedField>,
}

impl Capture {
    pub fn is_empty(&self) -> bool {
        *self == Capture::default()
    }
}

// ---------------------------------------------------------------------------------------
// Rules

/// Limits on free text in provenance fields (characters).
const SHORT: usize = 1024;
const LONG: usize = 16 * 1024;

fn text(field: &str, value: &str, max: usize) -> Result<(), String> {
    if value.trim().is_empty() {
        return Err(format!("{field} is empty"));
    }
    if value.chars().count() > max {
        return Err(format!("{field} is longer than {max} characters"));
    }
    // Newlines and tabs are allowed in long statements; other control characters and
    // direction overrides (which can make text display differently from what it says) are not.
    if value.chars().any(|c| (c.is_control() && c != '\n' && c != '\t') || crate::keys::is_bidi_control(c)) {
        return Err(format!("{field} contains control or text-direction characters"));
    }
    Ok(())
}

fn opt_text(field: &str, value: &Option<String>, max: usize) -> Result<(), String> {
    value.as_deref().map_or(Ok(()), |v| text(field, v, max))
}

fn country(field: &str, code: &Option<String>) -> Result<(), String> {
    match code {
        Some(c) => check_jurisdiction(c).map_err(|_| {
            if c.eq_ignore_ascii_case("UK") {
                format!("{field}: 'UK' is not an ISO 3166-1 code; the United Kingdom's code is GB")
            } else {
                format!("{field}: '{c}' is not an ISO 3166-1 alpha-2 country code (e.g. FR, DE, US)")
            }
        }),
        None => Ok(()),
    }
}

fn id_ok(id: &str) -> bool {
    let b = id.as_bytes();
    !b.is_empty()
        && b.len() <= 64
        && b[0].is_ascii_alphanumeric()
        && b.iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
}

/// Checks what makes a manifest's provenance invalid: broken references, impossible times,
/// bad country codes, unsafe text, attested or linked digests that do not match the
/// payload. Both the sealer (refusing input) and the verifier (failing the bundle with
/// `manifest.invalid`) apply it. The message names the field.
pub fn check(m: &Manifest) -> Result<(), String> {
    check_with(m, true)
}

/// [`check`] without the rules that need the payload's digests (for a sealer checking its
/// input before it has read the evidence).
pub fn check_declared(m: &Manifest) -> Result<(), String> {
    check_with(m, false)
}

fn check_with(m: &Manifest, digests: bool) -> Result<(), String> {
    let case = &m.case;
    opt_text("case.title", &case.title, SHORT)?;
    for (i, f) in case.file_numbers.iter().enumerate() {
        text(&format!("case.file_numbers[{i}].authority"), &f.authority, SHORT)?;
        text(&format!("case.file_numbers[{i}].number"), &f.number, SHORT)?;
    }
    for (i, o) in case.offences.iter().enumerate() {
        text(&format!("case.offences[{i}].description"), &o.description, LONG)?;
        opt_text(&format!("case.offences[{i}].statute"), &o.statute, SHORT)?;
    }
    for (i, l) in case.legal_basis.iter().enumerate() {
        text(&format!("case.legal_basis[{i}].instrument"), &l.instrument, SHORT)?;
        opt_text(&format!("case.legal_basis[{i}].article"), &l.article, SHORT)?;
        opt_text(&format!("case.legal_basis[{i}].note"), &l.note, LONG)?;
    }
    let mut authorisations = BTreeSet::new();
    let payload: BTreeMap<&str, &FileRecord> =
        m.items.iter().flat_map(|i| &i.files).map(|f| (f.path.as_str(), f)).collect();
    for (i, a) in case.authorisations.iter().enumerate() {
        let at = format!("case.authorisations[{i}]");
        if !id_ok(&a.id) {
            return Err(format!("{at}.id '{}' must be 1-64 letters, digits, '-', '_' or '.'", a.id));
        }
        if !authorisations.insert(a.id.as_str()) {
            return Err(format!("{at}.id '{}' is used twice", a.id));
        }
        text(&format!("{at}.description"), &a.description, LONG)?;
        opt_text(&format!("{at}.issued_by"), &a.issued_by, SHORT)?;
        opt_text(&format!("{at}.reference"), &a.reference, SHORT)?;
        opt_text(&format!("{at}.scope.time_zone"), &a.scope.time_zone, SHORT)?;
        for (k, acc) in a.scope.accounts.iter().enumerate() {
            text(&format!("{at}.scope.accounts[{k}]"), acc, SHORT)?;
        }
        if let (Some(from), Some(until)) = (a.scope.from, a.scope.until)
            && until < from
        {
            return Err(format!("{at}.scope: the window ends ({until}) before it starts ({from})"));
        }
        if let Some(p) = &a.document_path {
            let Some(f) = payload.get(p.as_str()) else {
                return Err(format!("{at}.document_path '{p}' is not a payload file of this bundle"));
            };
            if digests && a.document_sha256 != Some(f.sha256) {
                return Err(format!(
                    "{at}: document_sha256 does not match the SHA-256 of its document {p} in this bundle"
                ));
            }
        }
    }
    for (i, r) in case.related_requests.iter().enumerate() {
        text(&format!("case.related_requests[{i}].reference"), &r.reference, SHORT)?;
        opt_text(&format!("case.related_requests[{i}].authority"), &r.authority, SHORT)?;
        opt_text(&format!("case.related_requests[{i}].note"), &r.note, LONG)?;
        if let (Some(a), Some(b)) = (r.issued_on, r.expires_on)
            && b < a
        {
            return Err(format!("case.related_requests[{i}]: expires_on {b} is before issued_on {a}"));
        }
    }

    let mut actors = BTreeSet::new();
    for (i, a) in m.actors.iter().enumerate() {
        let at = format!("actors[{i}]");
        if !id_ok(&a.id) {
            return Err(format!("{at}.id '{}' must be 1-64 letters, digits, '-', '_' or '.'", a.id));
        }
        if !actors.insert(a.id.as_str()) {
            return Err(format!("{at}.id '{}' is used twice", a.id));
        }
        text(&format!("{at}.name"), &a.name, SHORT)?;
        opt_text(&format!("{at}.organisation"), &a.organisation, SHORT)?;
        country(&format!("{at}.jurisdiction"), &a.jurisdiction)?;
        opt_text(&format!("{at}.contact.email"), &a.contact.email, SHORT)?;
        opt_text(&format!("{at}.contact.phone"), &a.contact.phone, SHORT)?;
        opt_text(&format!("{at}.contact.address"), &a.contact.address, SHORT)?;
        opt_text(&format!("{at}.contact.time_zone"), &a.contact.time_zone, SHORT)?;
    }
    let actor_ref = |field: String, id: &str| -> Result<(), String> {
        if actors.contains(id) {
            Ok(())
        } else if actors.is_empty() {
            Err(format!("{field} names the actor '{id}', but the manifest lists no actors; add it to `actors`"))
        } else {
            Err(format!(
                "{field} names the actor '{id}', who is not in `actors` (known: {})",
                actors.iter().copied().collect::<Vec<_>>().join(", ")
            ))
        }
    };

    let r = &m.restrictions;
    if let Some(u) = &r.use_limitation {
        for (k, p) in u.purposes.iter().chain(&u.proceedings).enumerate() {
            text(&format!("restrictions.use_limitation entry {}", k + 1), p, SHORT)?;
        }
        opt_text("restrictions.use_limitation.note", &u.note, LONG)?;
    }
    if let Some(o) = &r.onward_transfer {
        opt_text("restrictions.onward_transfer.consent_of", &o.consent_of, SHORT)?;
        if o.rule == OnwardTransferRule::ConsentRequired && o.consent_of.is_none() {
            return Err("restrictions.onward_transfer: rule consent_required needs consent_of (whose consent)".into());
        }
        opt_text("restrictions.onward_transfer.note", &o.note, LONG)?;
    }
    if let Some(c) = &r.confidentiality {
        opt_text("restrictions.confidentiality.note", &c.note, LONG)?;
    }
    if let Some(ret) = &r.retention {
        opt_text("restrictions.retention.note", &ret.note, LONG)?;
    }
    if let Some(d) = &r.data_protection {
        for s in &d.special_categories {
            text("restrictions.data_protection.special_categories", s, SHORT)?;
        }
        opt_text("restrictions.data_protection.note", &d.note, LONG)?;
    }
    opt_text("restrictions.export_approval", &r.export_approval, SHORT)?;

    let items: BTreeMap<&str, &Item> = m.items.iter().map(|i| (i.id.as_str(), i)).collect();
    // Each item's file paths and digests, looked up once per reference rather than scanned:
    // an item may have many files and many references to them (issue #13.4).
    let item_paths: BTreeSet<(&str, &str)> =
        m.items.iter().flat_map(|i| i.files.iter().map(move |f| (i.id.as_str(), f.path.as_str()))).collect();
    let item_digests: BTreeSet<(&str, &Sha256Digest)> =
        m.items.iter().flat_map(|i| i.files.iter().map(move |f| (i.id.as_str(), &f.sha256))).collect();
    let mut exhibits = BTreeMap::new();
    for item in &m.items {
        let at = &item.id;
        opt_text(&format!("{at}.exhibit"), &item.exhibit, SHORT)?;
        if let Some(x) = &item.exhibit
            && let Some(other) = exhibits.insert(x.as_str(), at.as_str())
        {
            return Err(format!("{other} and {at} have the same exhibit reference '{x}'"));
        }
        let c = &item.capture;
        for (name, v) in [
            ("source_url", &c.source_url),
            ("final_url", &c.final_url),
            ("platform", &c.platform),
            ("object_id", &c.object_id),
            ("account_handle", &c.account_handle),
            ("account_id", &c.account_id),
            ("clock_source", &c.clock_source),
            ("original_not_seized", &c.original_not_seized),
        ] {
            opt_text(&format!("{at}.capture.{name}"), v, SHORT)?;
        }
        opt_text(&format!("{at}.capture.note"), &c.note, LONG)?;
        if let (Some(start), Some(end)) = (c.captured_at, c.capture_end)
            && end < start
        {
            return Err(format!("{at}.capture: capture_end ({end}) is before captured_at ({start})"));
        }
        if let Some(t) = &c.tool {
            text(&format!("{at}.capture.tool.name"), &t.name, SHORT)?;
            opt_text(&format!("{at}.capture.tool.version"), &t.version, SHORT)?;
        }
        let e = &c.environment;
        for (name, v) in
            [("os", &e.os), ("browser", &e.browser), ("user_agent", &e.user_agent), ("egress_ip", &e.egress_ip)]
        {
            opt_text(&format!("{at}.capture.environment.{name}"), v, SHORT)?;
        }
        opt_text(&format!("{at}.capture.environment.note"), &e.note, LONG)?;
        country(&format!("{at}.capture.environment.exit_jurisdiction"), &e.exit_jurisdiction)?;
        for (k, s) in c.access_steps.iter().enumerate() {
            text(&format!("{at}.capture.access_steps[{k}]"), s, LONG)?;
        }
        for (k, a) in c.operators.iter().enumerate() {
            actor_ref(format!("{at}.capture.operators[{k}]"), a)?;
        }
        for (k, a) in c.witnesses.iter().enumerate() {
            actor_ref(format!("{at}.capture.witnesses[{k}]"), a)?;
        }
        if let Some(a) = &c.authorisation
            && !authorisations.contains(a.as_str())
        {
            return Err(format!("{at}.capture.authorisation names '{a}', which is not in case.authorisations"));
        }
        for (k, t) in c.content_times.iter().enumerate() {
            let ct = format!("{at}.capture.content_times[{k}]");
            text(&format!("{ct}.label"), &t.label, SHORT)?;
            text(&format!("{ct}.value"), &t.value, SHORT)?;
            opt_text(&format!("{ct}.meaning"), &t.meaning, SHORT)?;
            opt_text(&format!("{ct}.time_zone"), &t.time_zone, SHORT)?;
        }
        for (k, s) in c.alterations.iter().enumerate() {
            text(&format!("{at}.capture.alterations[{k}]"), s, LONG)?;
        }
        for (k, d) in c.derived_from.iter().enumerate() {
            text(&format!("{at}.capture.derived_from[{k}].transformation"), &d.transformation, LONG)?;
            if let Some(parent) = &d.item {
                let Some(p) = items.get(parent.as_str()) else {
                    return Err(format!(
                        "{at}.capture.derived_from[{k}] names item '{parent}', which is not in this bundle"
                    ));
                };
                if parent == &item.id {
                    return Err(format!("{at}.capture.derived_from[{k}] names the item itself"));
                }
                if digests && !item_digests.contains(&(p.id.as_str(), &d.sha256)) {
                    return Err(format!(
                        "{at}.capture.derived_from[{k}]: no file of {parent} has the SHA-256 {}",
                        d.sha256
                    ));
                }
            }
        }
        for (k, l) in c.languages.iter().enumerate() {
            let ok = !l.is_empty() && l.len() <= 35 && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
            if !ok {
                return Err(format!("{at}.capture.languages[{k}] '{l}' is not a language tag such as 'en' or 'ar-SY'"));
            }
        }
        for f in &c.imported {
            if !item_paths.contains(&(item.id.as_str(), f.from.as_str())) {
                return Err(format!("{at}.capture.imported: '{}' is not a file of {at}", f.from));
            }
        }
    }

    let mut attestations = BTreeSet::new();
    for (i, a) in m.attestations.iter().enumerate() {
        let at = format!("attestations[{i}]");
        if !id_ok(&a.id) {
            return Err(format!("{at}.id '{}' must be 1-64 letters, digits, '-', '_' or '.'", a.id));
        }
        if !attestations.insert(a.id.as_str()) {
            return Err(format!("{at}.id '{}' is used twice", a.id));
        }
        actor_ref(format!("{at}.by"), &a.by)?;
        text(&format!("{at}.statement"), &a.statement, LONG)?;
        opt_text(&format!("{at}.standard"), &a.standard, SHORT)?;
        if a.items.is_empty() {
            return Err(format!("{at}.items is empty: name the items it concerns"));
        }
        let mut named = BTreeSet::new();
        for id in &a.items {
            if !items.contains_key(id.as_str()) {
                return Err(format!("{at}.items names '{id}', which is not an item of this bundle"));
            }
            if !named.insert(id.as_str()) {
                return Err(format!("{at}.items names '{id}' twice"));
            }
        }
        for f in &a.files {
            // The item a payload path belongs to is its second component (`data/<id>/…`).
            let item_of = f.path.strip_prefix("data/").and_then(|r| r.split_once('/')).map(|(id, _)| id);
            if !item_of.is_some_and(|id| named.contains(id)) {
                return Err(format!("{at} certifies {}, which is not a file of the items it names", f.path));
            }
        }
        if digests {
            for f in &a.files {
                match payload.get(f.path.as_str()) {
                    Some(r) if r.sha256 == f.sha256 => {}
                    Some(_) => {
                        return Err(format!(
                            "{at} certifies {} with a SHA-256 that is not the file's in this bundle",
                            f.path
                        ));
                    }
                    None => return Err(format!("{at} certifies {}, which is not a payload file", f.path)),
                }
            }
        }
    }
    Ok(())
}

/// A warning about provenance, with a stable code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advisory {
    pub code: &'static str,
    pub item: Option<String>,
    pub message: String,
}

/// Rules a prosecutor wants to be warned about, which do not make the evidence invalid.
///
/// - `provenance.berkeley_minimum`: a `web_page` item lacks part of the Berkeley Protocol's
///   minimum for court: the URL, the capture time, the HTML source (a file with role
///   `html_source` or `warc`) and a full-page capture (role `screenshot`).
/// - `provenance.outside_authorisation`: an item's capture started or ended outside the
///   time window of the authorisation it names (or of the case's only authorisation, when
///   the item names none).
/// - `provenance.time_unexplained`: a content time has no stated meaning or no time zone.
pub fn advisories(m: &Manifest) -> Vec<Advisory> {
    let mut out = Vec::new();
    let mut authorisations = BTreeMap::new();
    for a in &m.case.authorisations {
        authorisations.entry(a.id.as_str()).or_insert(a);
    }
    for item in &m.items {
        let c = &item.capture;
        let warn = |out: &mut Vec<Advisory>, code, message: String| {
            out.push(Advisory { code, item: Some(item.id.clone()), message })
        };
        if c.kind == Some(ItemKind::WebPage) {
            let has = |roles: &[FileRole]| item.files.iter().any(|f| f.role.is_some_and(|r| roles.contains(&r)));
            let mut missing = Vec::new();
            if c.source_url.is_none() {
                missing.push("the source URL");
            }
            if c.captured_at.is_none() {
                missing.push("the capture time");
            }
            if !has(&[FileRole::HtmlSource, FileRole::Warc]) {
                missing.push("the HTML source (a file with role html_source or warc)");
            }
            if !has(&[FileRole::Screenshot]) {
                missing.push("a full-page capture (a file with role screenshot)");
            }
            if !missing.is_empty() {
                warn(
                    &mut out,
                    "provenance.berkeley_minimum",
                    format!(
                        "{} is a web page but lacks {}, which the Berkeley Protocol treats as the minimum for court. \
                         If one of its files already is that, mark the file's role in the case file, e.g. [items.file_roles] \"page.html\" = \"html_source\", \"page.png\" = \
                         \"screenshot\" (methods = [\"html\"] describes how the page was captured, not which file \
                         is which)",
                        item.id,
                        missing.join(", ")
                    ),
                );
            }
        }
        let auth = match &c.authorisation {
            Some(id) => authorisations.get(id.as_str()).copied(),
            None if m.case.authorisations.len() == 1 => m.case.authorisations.first(),
            None => None,
        };
        if let Some(a) = auth {
            for (what, t) in [("started", c.captured_at), ("ended", c.capture_end)] {
                let Some(t) = t else { continue };
                let before = a.scope.from.is_some_and(|f| t < f);
                let after = a.scope.until.is_some_and(|u| t > u);
                if before || after {
                    let window = format!(
                        "{} to {}",
                        a.scope.from.map_or("any time".into(), |f| f.to_string()),
                        a.scope.until.map_or("any time".into(), |u| u.to_string())
                    );
                    warn(
                        &mut out,
                        "provenance.outside_authorisation",
                        format!(
                            "the capture of {} {what} at {t}, outside the window of authorisation '{}' ({window}{})",
                            item.id,
                            a.id,
                            a.scope.time_zone.as_deref().map(|z| format!(", stated in {z}")).unwrap_or_default()
                        ),
                    );
                }
            }
        }
        for t in &c.content_times {
            let mut missing = Vec::new();
            if t.meaning.is_none() {
                missing.push("what it means");
            }
            if t.time_zone.is_none() {
                missing.push("its time zone");
            }
            if !missing.is_empty() {
                warn(
                    &mut out,
                    "provenance.time_unexplained",
                    format!(
                        "{}: the content time '{}' ({}) does not state {}; it may be misread",
                        item.id,
                        t.value,
                        t.label,
                        missing.join(" or ")
                    ),
                );
            }
        }
    }
    out
}
