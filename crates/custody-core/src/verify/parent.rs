//! A derived bundle checked against its parent (spec §9.7, issue #18): what a holder of both
//! can prove that a holder of the copy alone cannot. The parent verifies on its own; it is
//! the bundle whose seal event the copy carries; it holds the event the copy names as the
//! parent's latest when it was derived; and, when the derivation was recorded (§5.14), the
//! parent's derivation event naming the copy gives the copy's seal event hash, its items and
//! that latest event as its previous one. The checks are added to the copy's report.

use std::path::Path;

use super::{CannotVerify, Report, State, VerifyOptions, verify_path};
use crate::archive::{Archive, Source};
use crate::check::{Check, CheckCode, Level};
use crate::digest::Sha256Digest;
use crate::event::{Event, EventType};
use crate::layout::{MAX_SIGNED_DOCUMENT, is_event_document};
use crate::wording::derivation as say;

/// What `verify --parent` found of the parent (spec §9.7).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct ParentReport {
    /// The parent as given.
    pub bundle: String,
    /// The parent's own verdict (its report is its own `custody verify`).
    pub state: State,
    /// The parent's bundle id, if its manifest could be read.
    pub bundle_id: Option<String>,
    /// The sequence of the parent's event whose SHA-256 is the copy's
    /// `parent_latest_event_sha256`, if it holds one.
    pub latest_event: Option<u64>,
    /// The sequence of the parent's derivation event that names this copy, if any.
    pub derivation_event: Option<u64>,
}

/// Verifies the derived bundle at `derived` and checks it against its parent at `parent`
/// (spec §9.7): the copy's report, with the `parent.*` checks added (a failure makes it
/// `invalid`) and [`Report::parent`] set. Either that cannot be read is [`CannotVerify`].
pub fn verify_with_parent(derived: &Path, parent: &Path, opts: &VerifyOptions) -> Result<Report, CannotVerify> {
    let mut report = verify_path(derived, opts)?;
    let parent_report = verify_path(parent, opts)?;
    let own = events_of(derived)?;
    let theirs = events_of(parent)?;
    let mut p = ParentReport {
        bundle: parent.display().to_string(),
        state: parent_report.state,
        bundle_id: parent_report.bundle_id.clone(),
        latest_event: None,
        derivation_event: None,
    };
    let mut checks = Vec::new();
    let mut add = |code: CheckCode, message: String| {
        checks.push(Check { code, level: code.level(), message, path: None, more: None })
    };
    let shown = parent.display();
    let derivation = report.manifest.as_ref().and_then(|m| m.derivation.as_ref());
    match derivation {
        None => add(CheckCode::ParentOtherBundle, say::parent_check_not_derived(&shown)),
        Some(_) if matches!(parent_report.state, State::Invalid) => {
            add(CheckCode::ParentNotVerified, say::parent_check_not_verified(&shown, parent_report.state.label()))
        }
        Some(d) => {
            add(CheckCode::ParentVerified, say::parent_check_verified(&shown, parent_report.state.label()));
            let seal = theirs.iter().find(|(e, _)| e.sequence == 0 && e.event_type == EventType::Seal);
            let same = parent_report.bundle_id.as_deref() == Some(d.parent_bundle_id.as_str())
                && seal.is_some_and(|(_, h)| *h == d.parent_seal_event_sha256);
            if !same {
                add(CheckCode::ParentOtherBundle, say::parent_check_other_bundle(&shown, &d.parent_bundle_id));
            } else {
                p.latest_event =
                    theirs.iter().find(|(_, h)| *h == d.parent_latest_event_sha256).map(|(e, _)| e.sequence);
                match p.latest_event {
                    Some(seq) => add(CheckCode::ParentLatestEvent, say::parent_check_latest_event(seq)),
                    None => add(
                        CheckCode::ParentLatestEventMissing,
                        say::parent_check_latest_event_missing(&shown, d.parent_latest_event_sha256),
                    ),
                }
                let own_id = report.bundle_id.clone().unwrap_or_default();
                let own_seal = own.iter().find(|(e, _)| e.sequence == 0).map(|(_, h)| *h);
                let own_items: Vec<String> = report
                    .manifest
                    .as_ref()
                    .map(|m| m.items.iter().map(|i| i.id.clone()).collect())
                    .unwrap_or_default();
                let recorded = theirs
                    .iter()
                    .find_map(|(e, _)| e.derivation.as_ref().filter(|c| c.bundle_id == own_id).map(|c| (e, c)));
                match recorded {
                    None => add(CheckCode::ParentDerivationUnrecorded, say::parent_check_unrecorded(&shown)),
                    Some((e, c)) => {
                        p.derivation_event = Some(e.sequence);
                        let why = if Some(c.seal_event_sha256) != own_seal {
                            Some(say::PARENT_CHECK_OTHER_SEAL)
                        } else if c.items != own_items {
                            Some(say::PARENT_CHECK_OTHER_ITEMS)
                        } else if e.previous_event_sha256 != Some(d.parent_latest_event_sha256) {
                            Some(say::PARENT_CHECK_OTHER_PREVIOUS)
                        } else {
                            None
                        };
                        match why {
                            None => add(CheckCode::ParentDerivationRecorded, say::parent_check_recorded(e.sequence)),
                            Some(why) => {
                                add(CheckCode::ParentDerivationMismatch, say::parent_check_mismatch(e.sequence, why))
                            }
                        }
                    }
                }
            }
        }
    }
    if checks.iter().any(|c| c.level == Level::Fail) && report.state != State::Invalid {
        report.state = State::Invalid;
        let failed = checks.iter().filter(|c| c.level == Level::Fail).count();
        report.summary = super::wording::summary(State::Invalid, failed, None, false, false, opts.front);
    }
    report.checks.extend(checks);
    report.parent = Some(p);
    Ok(report)
}

/// The custody events of the bundle at `path` (a file or an unzipped folder, already
/// verified), parsed, with the SHA-256 of their stored bytes; those that cannot be read or
/// parsed are left out (the bundle's own report says why).
fn events_of(path: &Path) -> Result<Vec<(Event, Sha256Digest)>, CannotVerify> {
    let cannot = |source| CannotVerify::Unreadable { path: path.into(), source };
    let unreadable = |e: crate::archive::ArchiveError| cannot(std::io::Error::other(e.to_string()));
    if path.is_dir() {
        let Some(found) = crate::archive::find_bundle_dir(path).map_err(cannot)? else {
            return Err(CannotVerify::NotABundleFolder { path: path.into() });
        };
        return Ok(read_events(&crate::archive::open_dir(&found).map_err(unreadable)?));
    }
    let file = std::fs::File::open(path).map_err(cannot)?;
    let source = crate::archive::FileSource::new(file).map_err(cannot)?;
    Ok(read_events(&Archive::open(Box::new(source)).map_err(unreadable)?))
}

fn read_events<S: Source + ?Sized>(archive: &Archive<S>) -> Vec<(Event, Sha256Digest)> {
    archive
        .entries()
        .iter()
        .filter(|e| is_event_document(e.name))
        .filter_map(|e| archive.read_entry(e, MAX_SIGNED_DOCUMENT).ok())
        .filter_map(|b| crate::document::parse_document::<Event>(&b).ok().map(|ev| (ev, Sha256Digest::of(&b))))
        .collect()
}
