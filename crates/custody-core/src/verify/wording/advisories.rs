//! The sentences of the provenance advisories (`provenance.*` warnings): what a prosecutor
//! should know about a manifest's provenance, and how the sealer can fix it.

use crate::manifest::advisories::{Advisory, Finding, WebPagePart};

/// A part of a web page's minimum record, as the advisory names it.
fn part(p: WebPagePart) -> &'static str {
    match p {
        WebPagePart::SourceUrl => "the source URL",
        WebPagePart::CaptureTime => "the capture time",
        WebPagePart::HtmlSource => "the HTML source (a file with role html_source or warc)",
        WebPagePart::Screenshot => "a full-page capture (a file with role screenshot)",
    }
}

/// An advisory's message, for people: what is wrong and how to fix it.
pub fn advisory(a: &Advisory) -> String {
    match &a.finding {
        Finding::BerkeleyMinimum { item, missing } => format!(
            "{item} is a web page but lacks {}, which the Berkeley Protocol treats as the minimum for court. If one \
             of its files already is that, mark the file's role in the case file, e.g. [items.file_roles] \
             \"page.html\" = \"html_source\", \"page.png\" = \"screenshot\" (methods = [\"html\"] describes how the \
             page was captured, not which file is which)",
            missing.iter().map(|p| part(*p)).collect::<Vec<_>>().join(", ")
        ),
        Finding::OutsideAuthorisation { item, end, at, authorisation, from, until, time_zone } => {
            let what = if *end { "ended" } else { "started" };
            let window = format!(
                "{} to {}",
                from.map_or("any time".into(), |f| f.to_string()),
                until.map_or("any time".into(), |u| u.to_string())
            );
            let zone = time_zone.as_deref().map(|z| format!(", stated in {z}")).unwrap_or_default();
            format!(
                "the capture of {item} {what} at {at}, outside the window of authorisation '{authorisation}' \
                 ({window}{zone})"
            )
        }
        Finding::TimeUnexplained { item, value, label, no_meaning, no_time_zone } => {
            let mut missing = Vec::new();
            if *no_meaning {
                missing.push("what it means");
            }
            if *no_time_zone {
                missing.push("its time zone");
            }
            format!(
                "{item}: the content time '{value}' ({label}) does not state {}; it may be misread",
                missing.join(" or ")
            )
        }
    }
}
