//! What a prosecutor should be warned about in a manifest's provenance, though it does not
//! make the evidence invalid. The verifier reports these as warnings; the sealer tells the
//! sealer, while it can still be fixed. Each is a fact ([`Finding`]); its sentence for
//! people is the catalogue's (`verify::wording::advisory`).

use std::collections::BTreeMap;

use crate::check::CheckCode;
use crate::manifest::Manifest;
use crate::provenance::{CaptureMethod, Date, FileRole, ItemKind, RequestKind};
use crate::time::Timestamp;

/// The longest time between the end of the last capture and the seal that raises no
/// `custody.capture_seal_gap`: 30 days of 86,400 seconds (spec §5.2.9).
pub const CAPTURE_SEAL_GAP_SECONDS: i64 = 30 * 86_400;

/// A warning about provenance, with a stable code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advisory {
    /// The check code it is reported under, e.g. `provenance.berkeley_minimum`.
    pub code: CheckCode,
    /// The item it concerns, if one.
    pub item: Option<String>,
    /// What is wrong, as facts (worded for people by `verify::wording::advisory`).
    pub finding: Finding,
}

/// What an [`Advisory`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Finding {
    /// A web page lacks part of the Berkeley Protocol's minimum for court.
    BerkeleyMinimum {
        /// The item's id.
        item: String,
        /// What it lacks, in the protocol's order.
        missing: Vec<WebPagePart>,
    },
    /// A capture started or ended outside its authorisation's window.
    OutsideAuthorisation {
        /// The item's id.
        item: String,
        /// Whether the capture's start (false) or end (true) is outside.
        end: bool,
        /// The time outside the window.
        at: Timestamp,
        /// The authorisation's id.
        authorisation: String,
        /// The window's start, if any.
        from: Option<Timestamp>,
        /// The window's end, if any.
        until: Option<Timestamp>,
        /// The time zone the window is stated in, if given.
        time_zone: Option<String>,
    },
    /// A content time does not state what it means or its time zone.
    TimeUnexplained {
        /// The item's id.
        item: String,
        /// The time as the content shows it.
        value: String,
        /// The content time's label.
        label: String,
        /// Its meaning is not stated.
        no_meaning: bool,
        /// Its time zone is not stated.
        no_time_zone: bool,
    },
    /// An item was captured by one operator, with no witness named, no recording of the
    /// capture, and no witness or second investigator countersigning the seal.
    Unwitnessed {
        /// The item's id.
        item: String,
        /// The operator's actor id.
        operator: String,
    },
    /// A preservation request was past its expiry on the evaluation date.
    PreservationExpired {
        /// The request's reference.
        reference: String,
        /// The day it expired (the last day it held).
        expires_on: Date,
        /// The evaluation date.
        on: Date,
    },
    /// The evaluation date is past the retention's `keep_until`.
    RetentionExceeded {
        /// The last day the evidence may be kept.
        keep_until: Date,
        /// The evaluation date.
        on: Date,
    },
    /// More than 30 days between the end of the last capture and the seal.
    CaptureSealGap {
        /// The end of the last capture.
        capture_end: Timestamp,
        /// The seal's time.
        sealed_at: Timestamp,
        /// Whole days between them (rounded down).
        days: i64,
    },
}

/// What the advisories of a verified chain depend on besides the manifest (spec §5.2.9):
/// the evaluation date and facts of the events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Circumstances {
    /// The date the date-based advisories are evaluated at (UTC calendar date).
    pub on: Date,
    /// The time the seal event claims, when the chain has a well-formed seal.
    pub sealed_at: Option<Timestamp>,
    /// Whether a countersign statement in capacity `witness` or `second_investigator`
    /// concerns the seal (event 0).
    pub seal_witnessed: bool,
    /// The `keep_until` of the last `retention_extended` disposition (spec §5.11), which
    /// replaces the manifest's.
    pub retention_extended_to: Option<Date>,
    /// Whether dispositions returned or destroyed every item: nothing is kept, so no
    /// retention is exceeded.
    pub nothing_kept: bool,
}

/// A part of the Berkeley Protocol's minimum record of a web page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum WebPagePart {
    /// The source URL.
    SourceUrl,
    /// The capture time.
    CaptureTime,
    /// The HTML source (a file with role `html_source` or `warc`).
    HtmlSource,
    /// A full-page capture (a file with role `screenshot`).
    Screenshot,
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
        let warn = |out: &mut Vec<Advisory>, code, finding: Finding| {
            out.push(Advisory { code, item: Some(item.id.clone()), finding })
        };
        if c.kind == Some(ItemKind::WebPage) {
            let has = |roles: &[FileRole]| item.files.iter().any(|f| f.role.is_some_and(|r| roles.contains(&r)));
            let mut missing = Vec::new();
            if c.source_url.is_none() {
                missing.push(WebPagePart::SourceUrl);
            }
            if c.captured_at.is_none() {
                missing.push(WebPagePart::CaptureTime);
            }
            if !has(&[FileRole::HtmlSource, FileRole::Warc]) {
                missing.push(WebPagePart::HtmlSource);
            }
            if !has(&[FileRole::Screenshot]) {
                missing.push(WebPagePart::Screenshot);
            }
            if !missing.is_empty() {
                warn(
                    &mut out,
                    CheckCode::ProvenanceBerkeleyMinimum,
                    Finding::BerkeleyMinimum { item: item.id.clone(), missing },
                );
            }
        }
        let auth = match &c.authorisation {
            Some(id) => authorisations.get(id.as_str()).copied(),
            None if m.case.authorisations.len() == 1 => m.case.authorisations.first(),
            None => None,
        };
        if let Some(a) = auth {
            for (end, t) in [(false, c.captured_at), (true, c.capture_end)] {
                let Some(t) = t else { continue };
                let before = a.scope.from.is_some_and(|f| t < f);
                let after = a.scope.until.is_some_and(|u| t > u);
                if before || after {
                    warn(
                        &mut out,
                        CheckCode::ProvenanceOutsideAuthorisation,
                        Finding::OutsideAuthorisation {
                            item: item.id.clone(),
                            end,
                            at: t,
                            authorisation: a.id.clone(),
                            from: a.scope.from,
                            until: a.scope.until,
                            time_zone: a.scope.time_zone.clone(),
                        },
                    );
                }
            }
        }
        for t in &c.content_times {
            if t.meaning.is_none() || t.time_zone.is_none() {
                warn(
                    &mut out,
                    CheckCode::ProvenanceTimeUnexplained,
                    Finding::TimeUnexplained {
                        item: item.id.clone(),
                        value: t.value.clone(),
                        label: t.label.clone(),
                        no_meaning: t.meaning.is_none(),
                        no_time_zone: t.time_zone.is_none(),
                    },
                );
            }
        }
    }
    out
}

/// The advisories that depend on a date or on the chain (spec §5.2.9), in this order:
///
/// - `preservation.expired`: per `case.related_requests` entry of kind `preservation` whose
///   `expires_on` is before the evaluation date.
/// - `retention.exceeded`: `restrictions.retention.keep_until`, or the date a
///   `retention_extended` disposition set instead, is before the evaluation date, unless
///   dispositions removed every item
///   (once).
/// - `custody.capture_seal_gap`: the seal's time is more than 30 × 86,400 s after the latest
///   capture end of any item (`capture_end`, else `captured_at`) (once).
/// - `provenance.unwitnessed`: per item with exactly one operator, no witness, no file with
///   role `capture_recording`, not captured by `screen_recording`, when no witness or second
///   investigator countersigns the seal.
pub fn chain_advisories(m: &Manifest, c: &Circumstances) -> Vec<Advisory> {
    let mut out = Vec::new();
    for r in &m.case.related_requests {
        let Some(expires_on) = r.expires_on.filter(|e| r.kind == RequestKind::Preservation && *e < c.on) else {
            continue;
        };
        out.push(Advisory {
            code: CheckCode::PreservationExpired,
            item: None,
            finding: Finding::PreservationExpired { reference: r.reference.clone(), expires_on, on: c.on },
        });
    }
    let keep_until = c.retention_extended_to.or_else(|| m.restrictions.retention.as_ref().and_then(|r| r.keep_until));
    if let Some(keep_until) = keep_until.filter(|k| *k < c.on && !c.nothing_kept) {
        out.push(Advisory {
            code: CheckCode::RetentionExceeded,
            item: None,
            finding: Finding::RetentionExceeded { keep_until, on: c.on },
        });
    }
    let capture_end = m.items.iter().filter_map(|i| i.capture.capture_end.or(i.capture.captured_at)).max();
    if let (Some(end), Some(sealed_at)) = (capture_end, c.sealed_at) {
        let gap = sealed_at.unix().saturating_sub(end.unix());
        if gap > CAPTURE_SEAL_GAP_SECONDS {
            out.push(Advisory {
                code: CheckCode::CustodyCaptureSealGap,
                item: None,
                finding: Finding::CaptureSealGap { capture_end: end, sealed_at, days: gap / 86_400 },
            });
        }
    }
    if !c.seal_witnessed {
        for item in &m.items {
            let cap = &item.capture;
            let [operator] = cap.operators.as_slice() else { continue };
            let recorded = item.files.iter().any(|f| f.role == Some(FileRole::CaptureRecording))
                || cap.methods.contains(&CaptureMethod::ScreenRecording);
            if cap.witnesses.is_empty() && !recorded {
                out.push(Advisory {
                    code: CheckCode::ProvenanceUnwitnessed,
                    item: Some(item.id.clone()),
                    finding: Finding::Unwitnessed { item: item.id.clone(), operator: operator.clone() },
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(capture: serde_json::Value, extra: serde_json::Value) -> Manifest {
        let mut v = serde_json::json!({
            "format": "custody.manifest/2",
            "bundle_id": "0123456789abcdef0123456789abcdef",
            "case": {"reference": "C-1"},
            "sealer": {"fingerprint": format!("sha256:{}", "01".repeat(32)), "name": "A", "organisation": "O",
                       "role": "investigator", "jurisdiction": "FR"},
            "commitment": {"scheme": "custody.merkle/1", "seed": "07".repeat(32)},
            "items": [{"id": "item-1", "label": "x", "capture": capture, "files": [{
                "path": "data/item-1/x", "original_name": "x", "size": 1, "media_type": "text/plain",
                "sha256": "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"}]}]
        });
        if let (Some(o), Some(e)) = (v.as_object_mut(), extra.as_object()) {
            o.extend(e.clone());
        }
        serde_json::from_value(v).unwrap()
    }

    fn at(on: &str, sealed_at: Option<&str>, seal_witnessed: bool) -> Circumstances {
        Circumstances {
            on: on.parse().unwrap(),
            sealed_at: sealed_at.map(|t| t.parse().unwrap()),
            seal_witnessed,
            retention_extended_to: None,
            nothing_kept: false,
        }
    }

    fn codes(a: &[Advisory]) -> Vec<&'static str> {
        a.iter().map(|a| a.code.as_str()).collect()
    }

    #[test]
    fn capture_seal_gap_is_more_than_thirty_days_from_the_latest_capture_end() {
        let m = manifest(
            serde_json::json!({"captured_at": "2026-01-01T00:00:00Z", "capture_end": "2026-01-02T00:00:00Z"}),
            serde_json::json!({}),
        );
        // Exactly 30 × 86,400 s after the capture end: no warning; one second more: a warning.
        assert!(chain_advisories(&m, &at("2026-01-01", Some("2026-02-01T00:00:00Z"), false)).is_empty());
        let found = chain_advisories(&m, &at("2026-01-01", Some("2026-02-01T00:00:01Z"), false));
        assert_eq!(codes(&found), ["custody.capture_seal_gap"]);
        assert!(matches!(found[0].finding, Finding::CaptureSealGap { days: 30, .. }));
        // No seal read, or a capture after the seal: nothing to say.
        assert!(chain_advisories(&m, &at("2026-01-01", None, false)).is_empty());
        assert!(chain_advisories(&m, &at("2026-01-01", Some("2025-01-01T00:00:00Z"), false)).is_empty());
    }

    #[test]
    fn one_operator_alone_is_unwitnessed_unless_a_witness_or_a_recording_exists() {
        let actors = serde_json::json!({"actors": [
            {"id": "a", "role": "investigator", "name": "A"}, {"id": "b", "role": "witness", "name": "B"}]});
        let alone = manifest(serde_json::json!({"operators": ["a"]}), actors.clone());
        assert_eq!(codes(&chain_advisories(&alone, &at("2026-01-01", None, false))), ["provenance.unwitnessed"]);
        // A witness countersigning the seal, a witness named, two operators, a screen
        // recording: each is enough; no operator named is not judged.
        assert!(chain_advisories(&alone, &at("2026-01-01", None, true)).is_empty());
        for capture in [
            serde_json::json!({"operators": ["a"], "witnesses": ["b"]}),
            serde_json::json!({"operators": ["a", "b"]}),
            serde_json::json!({"operators": ["a"], "methods": ["screen_recording"]}),
            serde_json::json!({}),
        ] {
            assert!(
                chain_advisories(&manifest(capture.clone(), actors.clone()), &at("2026-01-01", None, false)).is_empty(),
                "{capture}"
            );
        }
    }

    #[test]
    fn expiry_and_retention_hold_through_their_day() {
        let m = manifest(
            serde_json::json!({}),
            serde_json::json!({
                "case": {"reference": "C-1", "related_requests": [
                    {"kind": "preservation", "reference": "P-1", "expires_on": "2026-03-01"},
                    {"kind": "mla", "reference": "M-1", "expires_on": "2026-01-01"}]},
                "restrictions": {"retention": {"keep_until": "2026-03-01"}}
            }),
        );
        assert!(chain_advisories(&m, &at("2026-03-01", None, false)).is_empty());
        assert_eq!(
            codes(&chain_advisories(&m, &at("2026-03-02", None, false))),
            ["preservation.expired", "retention.exceeded"]
        );
    }
}
