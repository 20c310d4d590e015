//! Capture provenance: how, when, where from and by whom an item was captured, with the
//! tool, environment, content times, derivations and the fields imported from capture
//! tools' own files.

use serde::{Deserialize, Serialize};

use super::{CaptureMethod, ItemKind};
use crate::digest::Sha256Digest;
use crate::time::Timestamp;

/// The capture tool.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaptureTool {
    /// The tool's name.
    pub name: String,
    /// Its version.
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
    /// The operating system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub os: Option<String>,
    /// The browser and its version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub browser: Option<String>,
    /// The User-Agent string sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_agent: Option<String>,
    /// The public IP address the capture came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub egress_ip: Option<String>,
    /// ISO 3166-1 alpha-2 code of where the capture's traffic left the network (e.g. a VPN exit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = "^[A-Z]{2}$"))]
    pub exit_jurisdiction: Option<String>,
    /// Anything else about the environment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl CaptureEnvironment {
    /// Whether nothing is given.
    pub fn is_empty(&self) -> bool {
        *self == CaptureEnvironment::default()
    }

    /// The members given, each with its key, in the format's order: what a report lists, each
    /// value under its key's label.
    pub fn entries(&self) -> impl Iterator<Item = (EnvironmentKey, &str)> {
        EnvironmentKey::ALL.iter().filter_map(|&k| self.get(k).map(|v| (k, v)))
    }

    /// The member `key`, if given (one match over every key: a new key does not build until it
    /// names its field).
    pub fn get(&self, key: EnvironmentKey) -> Option<&str> {
        match key {
            EnvironmentKey::Os => self.os.as_deref(),
            EnvironmentKey::Browser => self.browser.as_deref(),
            EnvironmentKey::UserAgent => self.user_agent.as_deref(),
            EnvironmentKey::EgressIp => self.egress_ip.as_deref(),
            EnvironmentKey::ExitJurisdiction => self.exit_jurisdiction.as_deref(),
            EnvironmentKey::Note => self.note.as_deref(),
        }
    }
}

/// A member of a [`CaptureEnvironment`]: the format has these and no other (an unknown member is
/// refused when the manifest is read), so every key a report shows has a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum EnvironmentKey {
    /// `os`.
    Os,
    /// `browser`.
    Browser,
    /// `user_agent`.
    UserAgent,
    /// `egress_ip`.
    EgressIp,
    /// `exit_jurisdiction`.
    ExitJurisdiction,
    /// `note`.
    Note,
}

impl EnvironmentKey {
    /// Every member of the environment, in the format's order: the one list of them (what
    /// [`CaptureEnvironment::entries`] walks and the reports label).
    pub const ALL: &'static [EnvironmentKey] = &[
        EnvironmentKey::Os,
        EnvironmentKey::Browser,
        EnvironmentKey::UserAgent,
        EnvironmentKey::EgressIp,
        EnvironmentKey::ExitJurisdiction,
        EnvironmentKey::Note,
    ];
}

#[cfg(test)]
mod tests {
    use super::{CaptureEnvironment, EnvironmentKey};

    #[test]
    fn every_member_of_the_environment_has_a_key_in_the_one_list() {
        // Every field the format's schema names, given: each is one entry, under its own key.
        let schema = serde_json::to_value(schemars::schema_for!(CaptureEnvironment)).expect("a schema");
        let fields: Vec<String> = schema["properties"].as_object().expect("properties").keys().cloned().collect();
        let given: serde_json::Map<String, serde_json::Value> =
            fields.iter().map(|f| (f.clone(), serde_json::Value::String(format!("v-{f}")))).collect();
        let env: CaptureEnvironment = serde_json::from_value(given.into()).expect("an environment");
        let entries: Vec<(EnvironmentKey, &str)> = env.entries().collect();
        assert_eq!(entries.len(), fields.len(), "a field without a key: {fields:?} {entries:?}");
        assert_eq!(EnvironmentKey::ALL.len(), fields.len());
        let mut values: Vec<&str> = entries.iter().map(|(_, v)| *v).collect();
        values.sort_unstable();
        values.dedup();
        assert_eq!(values.len(), fields.len(), "each key its own field");
        assert_eq!(env.get(EnvironmentKey::UserAgent), Some("v-user_agent"));
        assert_eq!(env.get(EnvironmentKey::ExitJurisdiction), Some("v-exit_jurisdiction"));
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

/// One page (HTTP or HTTPS resource) a web archive file says it captured.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CapturedPage {
    /// The URL requested.
    pub url: String,
    /// When it was captured (UTC, to the second).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<Timestamp>,
    /// The HTTP status code received, when the file records one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// Where its redirects led, when it was redirected: the last URL of the chain, captured
    /// in the same file or not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_url: Option<String>,
    /// Whether the file holds only a revisit (a reference to an earlier identical capture).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub revisit: bool,
}

/// The formats a per-file capture record may name (spec §5.2.2): a closed list.
pub const CAPTURE_FILE_FORMATS: [&str; 4] = ["WARC", "ARC", "WACZ", "yt-dlp info"];

/// What one capture tool's file among an item's files says about the capture, kept per file:
/// two files of one item (a WARC and a yt-dlp info file) may describe different captures,
/// and both are kept as they are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaptureFile {
    /// The bundle path of the file, one of the item's files.
    pub path: String,
    /// Which kind of file it was read as: `WARC`, `ARC`, `WACZ` or `yt-dlp info` (a closed list).
    pub format: String,
    /// What the item is, as the file says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ItemKind>,
    /// The first page's or the media's URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// Where that URL's redirects led.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_url: Option<String>,
    /// The platform (yt-dlp's extractor).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// The platform's id of the object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_id: Option<String>,
    /// The account's handle as shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_handle: Option<String>,
    /// The account's stable id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    /// When, by this file, the capture started (UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub captured_at: Option<Timestamp>,
    /// When, by this file, it ended (UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capture_end: Option<Timestamp>,
    /// The tool that wrote the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool: Option<CaptureTool>,
    /// Times found in the content, and what they mean.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub content_times: Vec<ContentTime>,
    /// The pages a web archive file captured, in file order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<CapturedPage>,
    /// How many pages the file holds, when more than are listed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages_total: Option<u64>,
    /// What the sealer could not read or check in the file (a damaged record, a limit).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// How, when, where from and by whom an item was captured. Every field is optional and, apart
/// from the imported ones, declared by the sealer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Capture {
    /// What the item is.
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
    /// How it was captured.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub methods: Vec<CaptureMethod>,
    /// The capture tool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool: Option<CaptureTool>,
    /// Where the capture ran.
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
    /// Times found in the content, and what they mean.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub content_times: Vec<ContentTime>,
    /// Known alterations, e.g. "the platform recompresses uploaded video".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alterations: Vec<String>,
    /// Items or files this one was derived from.
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
    /// What each capture tool's file among the item's files says, file by file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capture_files: Vec<CaptureFile>,
}

impl Capture {
    /// Whether nothing is declared or imported.
    pub fn is_empty(&self) -> bool {
        *self == Capture::default()
    }
}

/// An item's [`Capture`], held compactly (issue #22): nothing when it is empty, else boxed.
/// A `Capture` in place is about 900 bytes, and a bundle may hold a million items, most of
/// them declaring nothing; this is one pointer. It reads as a `Capture` (`Deref`), is
/// written and read exactly as one (the format does not change), and is changed with
/// [`ItemCapture::edit`].
#[derive(Debug, Clone, Default)]
pub struct ItemCapture(Option<Box<Capture>>);

/// The empty capture an [`ItemCapture`] without one reads as.
static NO_CAPTURE: std::sync::LazyLock<Capture> = std::sync::LazyLock::new(Capture::default);

impl ItemCapture {
    /// Changes the capture with `change`; it is held boxed afterwards only if it is not empty
    /// (an item whose capture is looked at and left empty costs nothing).
    pub fn edit<R>(&mut self, change: impl FnOnce(&mut Capture) -> R) -> R {
        let mut capture = self.0.take().unwrap_or_default();
        let r = change(&mut capture);
        if !capture.is_empty() {
            self.0 = Some(capture);
        }
        r
    }
}

impl std::ops::Deref for ItemCapture {
    type Target = Capture;
    fn deref(&self) -> &Capture {
        self.0.as_deref().unwrap_or(&NO_CAPTURE)
    }
}

impl From<Capture> for ItemCapture {
    fn from(c: Capture) -> Self {
        ItemCapture((!c.is_empty()).then(|| Box::new(c)))
    }
}

impl PartialEq for ItemCapture {
    /// The same capture (never boxed when empty, so this compares what is held).
    fn eq(&self, other: &ItemCapture) -> bool {
        **self == **other
    }
}

impl Serialize for ItemCapture {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(s)
    }
}

impl<'de> Deserialize<'de> for ItemCapture {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Capture::deserialize(d).map(ItemCapture::from)
    }
}

impl schemars::JsonSchema for ItemCapture {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        Capture::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        Capture::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        Capture::json_schema(generator)
    }
}

#[cfg(test)]
mod item_capture_tests {
    use super::*;

    #[test]
    fn an_item_capture_is_held_only_when_it_says_something_and_reads_and_writes_as_a_capture() {
        // Issue #22: a million items declaring nothing hold a pointer each, not 900 bytes.
        assert_eq!(std::mem::size_of::<ItemCapture>(), std::mem::size_of::<usize>());
        let mut empty = ItemCapture::from(Capture::default());
        assert!(empty.0.is_none() && empty.is_empty());
        // Looked at and left empty (what the sealer's import does for every item): not boxed.
        let found = empty.edit(|c| c.imported.len());
        assert_eq!(found, 0);
        assert!(empty.0.is_none());
        let mut declared = ItemCapture::default();
        declared.edit(|c| c.source_url = Some("https://x.example/p".into()));
        assert!(declared.0.is_some());
        assert_eq!(declared.source_url.as_deref(), Some("https://x.example/p"));
        // Emptied again: the box is dropped, and it equals one never boxed.
        declared.edit(|c| c.source_url = None);
        assert!(declared.0.is_none());
        assert_eq!(declared, empty);
        // The same JSON as a `Capture`'s, both ways, and the same refusals.
        let c = Capture { platform: Some("X".into()), ..Capture::default() };
        let held = ItemCapture::from(c.clone());
        assert_eq!(serde_json::to_string(&held).unwrap(), serde_json::to_string(&c).unwrap());
        let back: ItemCapture = serde_json::from_str(r#"{"platform":"X"}"#).unwrap();
        assert_eq!(back, held);
        let none: ItemCapture = serde_json::from_str("{}").unwrap();
        assert!(none.0.is_none());
        let unknown = serde_json::from_str::<ItemCapture>(r#"{"platfrom":"X"}"#).unwrap_err().to_string();
        assert_eq!(unknown, serde_json::from_str::<Capture>(r#"{"platfrom":"X"}"#).unwrap_err().to_string());
    }
}
