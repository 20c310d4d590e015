//! yt-dlp's `.info.json`: what the extractor reported about the media it downloaded.

use serde_json::Value;

use super::{Imported, json_value, text};
use crate::provenance::{CaptureMethod, CaptureTool, ContentTime, FileRole, ItemKind};
use crate::time::Timestamp;

/// Reads a yt-dlp `.info.json` document.
pub fn read_ytdlp(bytes: &[u8]) -> Result<Imported, String> {
    let v = json_value(bytes)?;
    let obj = v.as_object().ok_or("not a yt-dlp info file (expected a JSON object)")?;
    if !obj.contains_key("extractor") && !obj.contains_key("webpage_url") {
        return Err("not a yt-dlp info file (no 'extractor' or 'webpage_url')".into());
    }
    let mut out = Imported { role: Some(FileRole::Metadata), format: "yt-dlp info", ..Default::default() };
    let c = &mut out.capture;
    let k = &mut out.keys;
    if let Some(u) = text(obj.get("webpage_url")) {
        c.source_url = Some(u);
        k.push(("source_url", "webpage_url".into()));
    } else if let Some(u) = text(obj.get("original_url")) {
        c.source_url = Some(u);
        k.push(("source_url", "original_url".into()));
    }
    for (key, field) in [("extractor_key", "platform"), ("extractor", "platform")] {
        if c.platform.is_none()
            && let Some(p) = text(obj.get(key))
        {
            c.platform = Some(p);
            k.push((field, key.into()));
        }
    }
    if let Some(id) = text(obj.get("id")) {
        c.object_id = Some(id);
        k.push(("object_id", "id".into()));
    }
    for key in ["uploader_id", "channel", "uploader"] {
        if c.account_handle.is_none()
            && let Some(h) = text(obj.get(key))
        {
            c.account_handle = Some(h);
            k.push(("account_handle", key.into()));
        }
    }
    if let Some(id) = text(obj.get("channel_id")) {
        c.account_id = Some(id);
        k.push(("account_id", "channel_id".into()));
    }
    // `epoch` is when yt-dlp extracted the information: the capture time.
    if let Some(t) = obj.get("epoch").and_then(Value::as_i64).and_then(Timestamp::from_unix) {
        c.captured_at = Some(t);
        k.push(("captured_at", "epoch".into()));
    }
    let version = obj.get("_version").and_then(|v| text(v.get("version")));
    c.tool = Some(CaptureTool { name: "yt-dlp".into(), version: version.clone(), sha256: None });
    k.push(("tool", if version.is_some() { "_version.version".into() } else { "(file format)".into() }));
    c.methods = vec![CaptureMethod::MediaDownload];
    k.push(("methods", "(file format)".into()));
    let is_video = obj.get("vcodec").and_then(Value::as_str).is_some_and(|v| v != "none")
        || obj.get("duration").is_some_and(Value::is_number) && obj.get("acodec").is_none();
    if is_video {
        c.kind = Some(ItemKind::Video);
        k.push(("kind", "vcodec".into()));
    }
    if let Some(ts) = obj.get("timestamp").and_then(Value::as_i64) {
        if let Some(utc) = Timestamp::from_unix(ts) {
            c.content_times.push(ContentTime {
                label: "upload time (yt-dlp 'timestamp')".into(),
                value: ts.to_string(),
                meaning: Some("when the platform says the media was uploaded".into()),
                time_zone: Some("UTC (Unix time)".into()),
                utc: Some(utc),
            });
            k.push(("content_times", "timestamp".into()));
        }
    } else if let Some(d) = text(obj.get("upload_date")) {
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
