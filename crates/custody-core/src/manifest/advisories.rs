//! What a prosecutor should be warned about in a manifest's provenance, though it does not
//! make the evidence invalid. The verifier reports these as warnings; the sealer tells the
//! sealer, while it can still be fixed.

use std::collections::BTreeMap;

use crate::check::CheckCode;
use crate::manifest::Manifest;
use crate::provenance::{FileRole, ItemKind};

/// A warning about provenance, with a stable code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advisory {
    /// The check code it is reported under, e.g. `provenance.berkeley_minimum`.
    pub code: CheckCode,
    /// The item it concerns, if one.
    pub item: Option<String>,
    /// What is wrong, and how to fix it, for people.
    pub message: String,
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
        let warn = |out: &mut Vec<Advisory>, code, message: String| {
            out.push(Advisory { code, item: Some(item.id.clone()), message })
        };
        if c.kind == Some(ItemKind::WebPage) {
            let has = |roles: &[FileRole]| item.files.iter().any(|f| f.role.is_some_and(|r| roles.contains(&r)));
            let mut missing = Vec::new();
            if c.source_url.is_none() {
                missing.push("the source URL");
            }
            if c.captured_at.is_none() {
                missing.push("the capture time");
            }
            if !has(&[FileRole::HtmlSource, FileRole::Warc]) {
                missing.push("the HTML source (a file with role html_source or warc)");
            }
            if !has(&[FileRole::Screenshot]) {
                missing.push("a full-page capture (a file with role screenshot)");
            }
            if !missing.is_empty() {
                warn(
                    &mut out,
                    CheckCode::ProvenanceBerkeleyMinimum,
                    format!(
                        "{} is a web page but lacks {}, which the Berkeley Protocol treats as the minimum for court. \
                         If one of its files already is that, mark the file's role in the case file, e.g. [items.file_roles] \"page.html\" = \"html_source\", \"page.png\" = \
                         \"screenshot\" (methods = [\"html\"] describes how the page was captured, not which file \
                         is which)",
                        item.id,
                        missing.join(", ")
                    ),
                );
            }
        }
        let auth = match &c.authorisation {
            Some(id) => authorisations.get(id.as_str()).copied(),
            None if m.case.authorisations.len() == 1 => m.case.authorisations.first(),
            None => None,
        };
        if let Some(a) = auth {
            for (what, t) in [("started", c.captured_at), ("ended", c.capture_end)] {
                let Some(t) = t else { continue };
                let before = a.scope.from.is_some_and(|f| t < f);
                let after = a.scope.until.is_some_and(|u| t > u);
                if before || after {
                    let window = format!(
                        "{} to {}",
                        a.scope.from.map_or("any time".into(), |f| f.to_string()),
                        a.scope.until.map_or("any time".into(), |u| u.to_string())
                    );
                    warn(
                        &mut out,
                        CheckCode::ProvenanceOutsideAuthorisation,
                        format!(
                            "the capture of {} {what} at {t}, outside the window of authorisation '{}' ({window}{})",
                            item.id,
                            a.id,
                            a.scope.time_zone.as_deref().map(|z| format!(", stated in {z}")).unwrap_or_default()
                        ),
                    );
                }
            }
        }
        for t in &c.content_times {
            let mut missing = Vec::new();
            if t.meaning.is_none() {
                missing.push("what it means");
            }
            if t.time_zone.is_none() {
                missing.push("its time zone");
            }
            if !missing.is_empty() {
                warn(
                    &mut out,
                    CheckCode::ProvenanceTimeUnexplained,
                    format!(
                        "{}: the content time '{}' ({}) does not state {}; it may be misread",
                        item.id,
                        t.value,
                        t.label,
                        missing.join(" or ")
                    ),
                );
            }
        }
    }
    out
}
