//! The sentences of the provenance advisories (`provenance.*` warnings): what a prosecutor
//! should know about a manifest's provenance, and how the sealer can fix it. One function
//! per finding, taking its facts; `verify::wording::advisory` walks the manifest's findings
//! and calls them.

use std::fmt::Display;

/// A web page's missing part, as the advisory names it: its source URL.
pub const PART_SOURCE_URL: &str = "the source URL";
/// A web page's missing part: its capture time.
pub const PART_CAPTURE_TIME: &str = "the capture time";
/// A web page's missing part: its HTML source.
pub const PART_HTML_SOURCE: &str = "the HTML source (a file with role html_source or warc)";
/// A web page's missing part: a full-page capture.
pub const PART_SCREENSHOT: &str = "a full-page capture (a file with role screenshot)";

/// `provenance.berkeley_minimum`: a web page lacks parts (the `PART_*` words) of the minimum
/// record, and how to mark a file that is one.
pub fn berkeley_minimum(item: impl Display, missing: &[&str]) -> String {
    format!(
        "{item} is a web page but lacks {}, which the Berkeley Protocol treats as the minimum for court. If one \
         of its files already is that, mark the file's role in the case file, e.g. [items.file_roles] \
         \"page.html\" = \"html_source\", \"page.png\" = \"screenshot\" (methods = [\"html\"] describes how the \
         page was captured, not which file is which)",
        missing.join(", ")
    )
}

/// `provenance.outside_authorisation`: the capture of `item` started (or, with `end`, ended)
/// at `at`, outside the window of `authorisation` (open ends are any time).
pub fn outside_authorisation(
    item: impl Display,
    end: bool,
    at: impl Display,
    authorisation: impl Display,
    from: Option<impl Display>,
    until: Option<impl Display>,
    time_zone: Option<&str>,
) -> String {
    let what = if end { "ended" } else { "started" };
    let window = format!(
        "{} to {}",
        from.map_or("any time".into(), |f| f.to_string()),
        until.map_or("any time".into(), |u| u.to_string())
    );
    let zone = time_zone.map(|z| format!(", stated in {z}")).unwrap_or_default();
    format!(
        "the capture of {item} {what} at {at}, outside the window of authorisation '{authorisation}' ({window}{zone})"
    )
}

/// `provenance.time_unexplained`: a content time states not what it means, or not its time
/// zone, or neither.
pub fn time_unexplained(
    item: impl Display,
    value: impl Display,
    label: impl Display,
    no_meaning: bool,
    no_time_zone: bool,
) -> String {
    let mut missing = Vec::new();
    if no_meaning {
        missing.push("what it means");
    }
    if no_time_zone {
        missing.push("its time zone");
    }
    format!("{item}: the content time '{value}' ({label}) does not state {}; it may be misread", missing.join(" or "))
}

/// `provenance.unwitnessed`: `item` was captured by one operator alone, with no witness, no
/// recording of the capture, and nobody countersigning the seal as a witness.
pub fn unwitnessed(item: impl Display, operator: impl Display) -> String {
    format!(
        "{item} was captured by one operator ({operator}) with no witness, no recording of the capture and no \
         witness countersigning the seal; several jurisdictions require two investigators, a witness or a video. \
         A witness can still countersign the seal"
    )
}

/// `preservation.expired`: the preservation request `reference` expired on `expires_on`,
/// before the evaluation date `on`.
pub fn preservation_expired(reference: impl Display, expires_on: impl Display, on: impl Display) -> String {
    format!(
        "the preservation request '{reference}' expired on {expires_on} (evaluated on {on}): the provider may no \
         longer hold the data unless the request was renewed"
    )
}

/// `retention.exceeded`: the evidence may be kept until `keep_until`, and the evaluation date
/// `on` is later; the remedy is a disposition (§5.11), worded for `front`.
pub fn retention_exceeded(keep_until: impl Display, on: impl Display, front: super::Front) -> String {
    let todo = match front {
        super::Front::Library => {
            "record a `destroyed` or `returned` disposition (spec §5.11: the payload goes, the signed proof of \
             what was there and why it went stays) and destroy every other copy, or record a \
             `retention_extended` disposition if a decision allows keeping it longer"
        }
        super::Front::Cli => {
            "dispose of it with `custody dispose BUNDLE --key KEY --action destroyed --items all --method TEXT --reason \
             TEXT --out NEW.zip` (the payload goes, the signed proof of what was there and why it went stays) and \
             destroy every other copy, or, if a decision allows keeping it longer, record that with \
             `custody dispose BUNDLE --key KEY --action retention_extended --keep-until YYYY-MM-DD --reason TEXT`"
        }
    };
    format!("the evidence may be kept only until {keep_until} (evaluated on {on}): it is kept too long; {todo}")
}

/// `custody.capture_seal_gap`: `days` whole days passed between the end of the last capture
/// and the seal.
pub fn capture_seal_gap(capture_end: impl Display, sealed_at: impl Display, days: i64) -> String {
    format!(
        "the last capture ended at {capture_end} but the bundle was sealed at {sealed_at}, {days} days later \
         (more than 30): how the evidence was kept in between is not recorded in this bundle"
    )
}
