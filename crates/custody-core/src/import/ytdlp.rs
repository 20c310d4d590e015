//! yt-dlp's `.info.json`: what the extractor reported about the media it downloaded.

use serde::Deserialize;

use super::json::{Loose, object};
use super::{Imported, clean};
use crate::provenance::{CaptureMethod, CaptureTool, ContentTime, FileRole, ItemKind};
use crate::time::Timestamp;

/// File extensions of media yt-dlp may download directly (the generic extractor on a
/// direct file link gives no codec): what kind of item they make.
const VIDEO_EXT: [&str; 10] = ["mp4", "m4v", "webm", "mkv", "mov", "avi", "flv", "ts", "3gp", "mpg"];
const AUDIO_EXT: [&str; 8] = ["mp3", "m4a", "opus", "ogg", "oga", "wav", "flac", "aac"];

/// Reads a yt-dlp `.info.json` document. Each value keeps its true meaning:
/// - `original_url` (what was asked for) is the source URL and `webpage_url` (the media
///   page's canonical URL, as the extractor names it: not a followed redirect) the final URL,
///   when they differ; yt-dlp itself leaves `original_url` out of the files it writes
///   (`--write-info-json`), so this applies only when a file has it;
/// - the generic extractor's `timestamp` is a time the page or feed states (the HTTP
///   `Last-Modified` header, an RSS `pubDate`, JSON-LD), not a platform's upload time;
/// - `uploader_id` is the uploader's nickname or id: a purely numeric one (TikTok's uid) is
///   an id, never a handle;
/// - a playlist or channel file (`_type: playlist`) describes a list: its `id` is the list's
///   id, not a video's, and an id is never taken as an account handle;
/// - a flat-playlist entry (`_type: url`) is a link yt-dlp listed, not media it downloaded.
pub fn read_ytdlp(bytes: &[u8]) -> Result<Imported, String> {
    let obj: Info = object(bytes).map_err(|e| format!("not a yt-dlp info file ({e})"))?;
    if !obj.extractor.is_present() && !obj.webpage_url.is_present() && !obj.ie_key.is_present() {
        return Err("not a yt-dlp info file (no 'extractor' or 'webpage_url')".into());
    }
    let mut out = Imported { role: Some(FileRole::Metadata), format: "yt-dlp info", ..Default::default() };
    let c = &mut out.capture;
    let k = &mut out.keys;
    let kind = obj.kind.as_str().unwrap_or("video");
    let (list, link) = (matches!(kind, "playlist" | "multi_video"), matches!(kind, "url" | "url_transparent"));
    let webpage = text(&obj.webpage_url);
    let original = text(&obj.original_url);
    let link_url = if link { text(&obj.url) } else { None };
    match (original, webpage, link_url) {
        (Some(o), Some(w), _) => {
            if o != w {
                c.final_url = Some(w);
                k.push(("final_url", "webpage_url (the page's canonical URL, as yt-dlp names it)".into()));
            }
            c.source_url = Some(o);
            k.push(("source_url", "original_url".into()));
        }
        (Some(u), None, _) => {
            c.source_url = Some(u);
            k.push(("source_url", "original_url".into()));
        }
        (None, Some(u), _) => {
            c.source_url = Some(u);
            k.push(("source_url", "webpage_url".into()));
        }
        (None, None, Some(u)) => {
            c.source_url = Some(u);
            k.push(("source_url", "url (flat-playlist entry)".into()));
        }
        (None, None, None) => {}
    }
    let extractor =
        ["extractor_key", "extractor", "ie_key"].into_iter().find_map(|key| Some((key, text(obj.field(key))?)));
    let generic = extractor.as_ref().is_some_and(|(_, e)| e.eq_ignore_ascii_case("generic"));
    if let Some((key, p)) = extractor {
        c.platform = Some(p);
        k.push(("platform", key.into()));
    }
    let id = text(&obj.id);
    if !list && let Some(id) = &id {
        c.object_id = Some(id.clone());
        k.push(("object_id", "id".into()));
    }
    let channel_id = text(&obj.channel_id);
    // A handle is what the platform shows (`@name`), never an id of the channel or list, nor
    // a purely numeric uploader id.
    let uploader =
        text(&obj.uploader_id).filter(|h| Some(h) != channel_id.as_ref() && !(list && Some(h) == id.as_ref()));
    let numeric = uploader.as_ref().filter(|h| h.bytes().all(|b| b.is_ascii_digit())).cloned();
    if let Some(h) = uploader.filter(|_| numeric.is_none()) {
        c.account_handle = Some(h);
        k.push(("account_handle", "uploader_id".into()));
    }
    if let Some(cid) = channel_id {
        c.account_id = Some(cid);
        k.push(("account_id", "channel_id".into()));
    } else if let Some(n) = numeric {
        c.account_id = Some(n);
        k.push(("account_id", "uploader_id (numeric: an id, not a handle)".into()));
    }
    // `epoch` is when yt-dlp extracted the information: the capture time.
    if let Some(t) = obj.epoch.as_i64().and_then(Timestamp::from_unix) {
        c.captured_at = Some(t);
        k.push(("captured_at", "epoch".into()));
    }
    let version = text(obj.version.get("version"));
    c.tool = Some(CaptureTool { name: "yt-dlp".into(), version: version.clone(), sha256: None });
    k.push(("tool", if version.is_some() { "_version.version".into() } else { "(file format)".into() }));
    if link {
        out.warnings.push(
            "a flat-playlist entry (_type: url): a link yt-dlp listed, not media it downloaded; no kind or \
             download method is imported"
                .into(),
        );
        return Ok(out);
    }
    c.methods = vec![CaptureMethod::MediaDownload];
    k.push(("methods", "(file format)".into()));
    let ext = obj.ext.as_str().unwrap_or_default().to_ascii_lowercase();
    let vcodec = obj.vcodec.as_str();
    let acodec = obj.acodec.as_str();
    if list {
        // A list's file: what it lists, not one medium.
    } else if vcodec.is_some_and(|v| v != "none") {
        c.kind = Some(ItemKind::Video);
        k.push(("kind", "vcodec".into()));
    } else if vcodec == Some("none") && acodec.is_some_and(|a| a != "none")
        || vcodec.is_none() && AUDIO_EXT.contains(&ext.as_str())
    {
        c.kind = Some(ItemKind::Audio);
        k.push(("kind", if vcodec.is_some() { "vcodec".into() } else { "ext".into() }));
    } else if VIDEO_EXT.contains(&ext.as_str()) {
        c.kind = Some(ItemKind::Video);
        k.push(("kind", "ext".into()));
    }
    if let Some(ts) = obj.timestamp.as_i64() {
        if let Some(utc) = Timestamp::from_unix(ts) {
            let (label, meaning) = if generic {
                (
                    "a time the page or feed states (yt-dlp 'timestamp', generic extractor)",
                    "a time the page or feed states (generic extractor: the HTTP Last-Modified header, an RSS \
                     pubDate or JSON-LD), not a platform upload time",
                )
            } else {
                ("upload time (yt-dlp 'timestamp')", "when the platform says the media was uploaded")
            };
            c.content_times.push(ContentTime {
                label: label.into(),
                value: ts.to_string(),
                meaning: Some(meaning.into()),
                time_zone: Some("UTC (Unix time)".into()),
                utc: Some(utc),
            });
            k.push(("content_times", "timestamp".into()));
        }
    } else if let Some(d) = text(&obj.upload_date).filter(|_| !generic) {
        c.content_times.push(ContentTime {
            label: "upload date (yt-dlp 'upload_date')".into(),
            value: d,
            meaning: Some("the upload date the platform reports".into()),
            time_zone: None,
            utc: None,
        });
        k.push(("content_times", "upload_date".into()));
    }
    Ok(out)
}

/// The fields of an info file custody reads (the rest, often megabytes of formats and
/// captions, is skipped unread).
#[derive(Deserialize, Default)]
#[serde(default)]
struct Info {
    #[serde(rename = "_type")]
    kind: Loose,
    #[serde(rename = "_version")]
    version: Loose,
    extractor: Loose,
    extractor_key: Loose,
    ie_key: Loose,
    webpage_url: Loose,
    original_url: Loose,
    url: Loose,
    id: Loose,
    uploader_id: Loose,
    channel_id: Loose,
    epoch: Loose,
    timestamp: Loose,
    upload_date: Loose,
    ext: Loose,
    vcodec: Loose,
    acodec: Loose,
}

impl Info {
    fn field(&self, key: &str) -> &Loose {
        match key {
            "extractor_key" => &self.extractor_key,
            "extractor" => &self.extractor,
            _ => &self.ie_key,
        }
    }
}

fn text(v: &Loose) -> Option<String> {
    clean(v.as_str()?, 1024)
}
