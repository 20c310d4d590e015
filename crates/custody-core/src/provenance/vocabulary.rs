//! The provenance vocabulary: calendar dates and the closed lists of values (proceeding
//! types, acquisition modes, roles, kinds, methods...) the manifest's provenance uses.
//!
//! Each list is an enum written in documents as its snake_case name; `NAMES` lists the
//! values in order, for messages and documentation.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date, `YYYY-MM-DD`, for deadlines and retention (no time of day, no zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(chrono::NaiveDate);

impl Date {
    /// The date as a `chrono` date.
    pub fn as_naive(&self) -> chrono::NaiveDate {
        self.0
    }

    /// Today's date in UTC, from the system clock.
    pub fn today() -> Self {
        Date(chrono::Utc::now().date_naive())
    }

    /// The UTC calendar date of `t`.
    pub fn of(t: crate::time::Timestamp) -> Self {
        Date(t.as_datetime().date_naive())
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

macro_rules! vocabulary {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        // The values are words people read in documents; documented where the word needs it.
        #[allow(missing_docs)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $variant),+ }
        impl $name {
            /// Every value, as written in documents.
            pub const NAMES: &'static [&'static str] = &[$($text),+];
            /// The value as written in documents.
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
    /// How urgent the matter is.
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
    /// How confidential the evidence is.
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
    /// Whose personal data the evidence holds.
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
    /// What kind of declaration an attestation is.
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
