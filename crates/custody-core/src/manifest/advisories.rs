//! What a prosecutor should be warned about in a manifest's provenance, though it does not
//! make the evidence invalid. The verifier reports these as warnings; the sealer tells the
//! sealer, while it can still be fixed. Each is a fact ([`Finding`]); its sentence for
//! people is the catalogue's (`verify::wording::advisory`).

use std::collections::BTreeMap;

use crate::check::CheckCode;
use crate::manifest::Manifest;
use crate::provenance::{FileRole, ItemKind};
use crate::time::Timestamp;

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
