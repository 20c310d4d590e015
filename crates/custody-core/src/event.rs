//! Custody events (`custody/events/NNNNNN-TYPE.json`): the signed, hash-chained record of
//! everything that happened to a bundle, starting with its seal.
//!
//! Event `n` names the SHA-256 of event `n-1`'s stored bytes, so the sequence can only be
//! extended, never edited, reordered or spliced. Each event lists in `files` the tag files it
//! adds to the bundle with their SHA-256; that is how every byte of a bundle comes under some
//! signature (payload files through `manifest-sha256.txt` and the manifest, which the seal
//! event lists). Later versions add event types (transfer, receipt); the seal is the first.

use serde::{Deserialize, Serialize};

use crate::digest::Sha256Digest;
use crate::manifest::{BundleId, Signer};
use crate::time::Timestamp;

/// The value of `format` in an event this version writes and reads.
pub const EVENT_FORMAT: &str = "custody.event/1";

/// What kind of event a document records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    /// The bundle was sealed: the first event, and only the first.
    Seal,
}

impl EventType {
    pub fn as_str(&self) -> &'static str {
        match self {
            EventType::Seal => "seal",
        }
    }
}

/// A custody event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "custody event", extend("$id" = "https://custody.invalid/schemas/event.schema.json"))]
pub struct Event {
    /// Always `custody.event/1` for this version of the format.
    #[schemars(regex(pattern = "^custody\\.event/1$"))]
    pub format: String,
    /// The bundle this event belongs to; equals the manifest's `bundle_id`.
    #[schemars(regex(pattern = "^[0-9a-f]{32}$"))]
    pub bundle_id: BundleId,
    /// 0 for the seal, then 1, 2, ... without gaps.
    pub sequence: u64,
    #[serde(rename = "type")]
    pub event_type: EventType,
    /// SHA-256 of the previous event's stored bytes; `null` for the seal.
    pub previous_event_sha256: Option<Sha256Digest>,
    /// When the signer says the event happened (the signer's clock, UTC).
    pub time: Timestamp,
    /// Who signed this event.
    pub signer: Signer,
    /// The software that wrote the event.
    pub tool: Tool,
    /// The tag files this event adds to the bundle, with their SHA-256.
    pub files: Vec<FileRef>,
}

/// Software name and version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

impl Tool {
    /// This library.
    pub fn this() -> Self {
        Tool { name: "custody".into(), version: env!("CARGO_PKG_VERSION").into() }
    }
}

/// A file in the bundle and its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FileRef {
    pub path: String,
    pub sha256: Sha256Digest,
}

/// The bundle path of event `sequence` of type `t`.
pub fn event_path(sequence: u64, t: EventType) -> String {
    format!("custody/events/{sequence:06}-{}.json", t.as_str())
}
