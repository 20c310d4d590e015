//! The provenance advisories (`provenance.*` warnings), each finding worded by the catalogue
//! (`crate::wording::advisories`).

use crate::manifest::advisories::{Advisory, Finding, WebPagePart};
use crate::wording::advisories as say;

/// A part of a web page's minimum record, as the advisory names it.
fn part(p: WebPagePart) -> &'static str {
    match p {
        WebPagePart::SourceUrl => say::PART_SOURCE_URL,
        WebPagePart::CaptureTime => say::PART_CAPTURE_TIME,
        WebPagePart::HtmlSource => say::PART_HTML_SOURCE,
        WebPagePart::Screenshot => say::PART_SCREENSHOT,
    }
}

/// An advisory's message, for people: what is wrong and how to fix it (a remedy worded for
/// `front`).
pub fn advisory(a: &Advisory, front: crate::wording::Front) -> String {
    match &a.finding {
        Finding::BerkeleyMinimum { item, missing } => {
            let parts: Vec<&str> = missing.iter().map(|p| part(*p)).collect();
            say::berkeley_minimum(item, &parts)
        }
        Finding::OutsideAuthorisation { item, end, at, authorisation, from, until, time_zone } => {
            say::outside_authorisation(item, *end, at, authorisation, *from, *until, time_zone.as_deref())
        }
        Finding::TimeUnexplained { item, value, label, no_meaning, no_time_zone } => {
            say::time_unexplained(item, value, label, *no_meaning, *no_time_zone)
        }
        Finding::Unwitnessed { item, operator } => say::unwitnessed(item, operator),
        Finding::PreservationExpired { reference, expires_on, on } => {
            say::preservation_expired(reference, expires_on, on)
        }
        Finding::RetentionExceeded { keep_until, on } => say::retention_exceeded(keep_until, on, front),
        Finding::CaptureSealGap { capture_end, sealed_at, days } => {
            say::capture_seal_gap(capture_end, sealed_at, *days)
        }
    }
}
