//! A derived bundle checked against its parent (spec §9.7, issue #18): what a holder of both
//! can prove that a holder of the copy alone cannot. The parent verifies on its own; it is
//! the bundle whose bundle id and seal event the copy names; it holds the event the copy names
//! as the parent's latest when it was derived; and, when the derivation was recorded (§5.14),
//! the parent's derivation event naming the copy gives the copy's seal event hash, its items
//! and that latest event as its previous one (of several naming it, the one after that event,
//! the others warned of).
//!
//! Both bundles are read once, by their own verification ([`verify_path`]): what is compared
//! is what those passes read and checked (the copy's manifest, each bundle's [`ChainLink`]s),
//! under their limits (`archive.too_many_events`, §9.4) and as leniently as they read. The
//! result is the report's [`ParentReport`], with its own checks and [`ParentVerdict`]: it
//! never changes the copy's own state or checks. A copy that does not verify on its own is not
//! checked (`parent.copy_not_verified`): what its manifest names of its parent is not proven.

use std::path::Path;

use super::{CannotVerify, Report, State, VerifyOptions, verify_path};
use crate::check::{Check, CheckCode, Level};
use crate::event::EventType;
use crate::text::printable;
use crate::wording::derivation as say;

/// An event document as the verification read it (spec §9.1 step 9): its place in the chain,
/// the SHA-256 of its stored bytes, the event before it, and the copy a derivation event
/// records (§5.14); whether the chain holds is in the checks. Kept in [`Report::links`] for
/// the check against a parent, rather than read again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainLink {
    /// Its sequence number.
    pub sequence: u64,
    /// Its type.
    pub event_type: EventType,
    /// The SHA-256 of the document's bytes as stored.
    pub sha256: crate::digest::Sha256Digest,
    /// The SHA-256 it names as the event before it.
    pub previous: Option<crate::digest::Sha256Digest>,
    /// The derived copy it records, if it is a derivation event.
    pub derivation: Option<crate::event::DerivedCopy>,
}

/// What the copy's check against its parent concluded (spec §9.7), apart from the copy's own
/// [`State`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ParentVerdict {
    /// The parent verifies, is the bundle the copy names, holds the copy's latest parent
    /// event, and its derivation event (if the copy was recorded) describes the copy.
    Matches,
    /// The copy is not derived or does not verify on its own, or the parent is not the one it
    /// was derived from as it was then: another bundle, its latest event missing, or a
    /// derivation event that does not describe the copy.
    DoesNotMatch,
    /// The parent does not verify on its own: nothing can be proven against it.
    ParentInvalid,
    /// The parent could not be verified at all (unreadable, not a bundle folder, encrypted,
    /// of an unsupported format): no check was made.
    NotChecked,
}

impl ParentVerdict {
    /// The verdict as the text report's `Parent:` line writes it.
    pub fn label(self) -> &'static str {
        match self {
            ParentVerdict::Matches => say::PARENT_MATCHES,
            ParentVerdict::DoesNotMatch => say::PARENT_DOES_NOT_MATCH,
            ParentVerdict::ParentInvalid => say::PARENT_INVALID,
            ParentVerdict::NotChecked => say::PARENT_NOT_CHECKED,
        }
    }
}

/// What `verify --parent` found of the parent (spec §9.7): its own verdict and checks.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct ParentReport {
    /// The parent as it was named to the verifier.
    pub bundle: String,
    /// Whether the copy is shown to come from this parent.
    pub verdict: ParentVerdict,
    /// One sentence for people.
    pub summary: String,
    /// The parent's own verdict (its report is its own `custody verify`); null when it was
    /// not verified (the copy is not derived or is invalid, or the parent could not be read).
    pub state: Option<State>,
    /// The parent's bundle id, if its manifest was read.
    pub bundle_id: Option<String>,
    /// The sequence of the parent's event whose SHA-256 is the copy's
    /// `parent_latest_event_sha256`, if it holds one.
    pub latest_event: Option<u64>,
    /// The sequence of the parent's derivation event that names this copy and was checked, if
    /// any: of several, the one after the parent's latest event the copy names, else the first.
    pub derivation_event: Option<u64>,
    /// The `parent.*` checks, in the order of spec §9.7.
    pub checks: Vec<Check>,
}

/// Verifies the derived bundle at `derived` and checks it against its parent at `parent`
/// (spec §9.7): the copy's own report, unchanged, with [`Report::parent`] set. Only the copy
/// not being verifiable at all is [`CannotVerify`]; a parent that cannot be verified is the
/// verdict [`ParentVerdict::NotChecked`], the reason its summary.
pub fn verify_with_parent(derived: &Path, parent: &Path, opts: &VerifyOptions) -> Result<Report, CannotVerify> {
    let mut report = verify_path(derived, opts)?;
    report.parent = Some(check_parent(&report, parent, opts));
    Ok(report)
}

/// The `parent.*` checks as they are found, and what they found.
struct Found {
    report: ParentReport,
    /// The codes of the parent's own failed checks, each once, in the order of its report.
    parent_failed: Vec<CheckCode>,
}

impl Found {
    fn add(&mut self, code: CheckCode, message: String) {
        self.report.checks.push(Check {
            code,
            level: code.level(),
            message: printable(&message),
            path: None,
            more: None,
        });
    }

    /// The verdict from the checks: a failure of the parent's own is `parent_invalid`, any
    /// other failure `does_not_match`.
    fn finish(mut self) -> ParentReport {
        let r = &mut self.report;
        let failed: Vec<CheckCode> = r.checks.iter().filter(|c| c.level == Level::Fail).map(|c| c.code).collect();
        r.verdict = if failed.contains(&CheckCode::ParentNotVerified) {
            ParentVerdict::ParentInvalid
        } else if failed.is_empty() {
            ParentVerdict::Matches
        } else {
            ParentVerdict::DoesNotMatch
        };
        let codes: Vec<&str> = failed.iter().map(|c| c.as_str()).collect();
        let theirs: Vec<&str> = self.parent_failed.iter().map(|c| c.as_str()).collect();
        let summary = match r.verdict {
            ParentVerdict::Matches => say::parent_matches(&r.bundle, r.derivation_event),
            ParentVerdict::ParentInvalid => say::parent_invalid(&r.bundle, &theirs),
            _ => say::parent_does_not_match(&r.bundle, &codes),
        };
        r.summary = printable(&summary);
        self.report
    }
}

/// Checks the copy verified in `copy` against the bundle at `parent`, verified here once.
fn check_parent(copy: &Report, parent: &Path, opts: &VerifyOptions) -> ParentReport {
    let shown = parent.display().to_string();
    let mut f = Found {
        report: ParentReport {
            bundle: printable(&shown),
            verdict: ParentVerdict::NotChecked,
            summary: String::new(),
            state: None,
            bundle_id: None,
            latest_event: None,
            derivation_event: None,
            checks: Vec::new(),
        },
        parent_failed: Vec::new(),
    };
    // Step 1: the copy names a parent.
    let Some(d) = copy.manifest.as_ref().and_then(|m| m.derivation.as_ref()) else {
        f.add(CheckCode::ParentNotDerived, say::parent_check_not_derived(&shown, copy.manifest.is_some()));
        return f.finish();
    };
    // Still step 1: the copy verifies on its own, or what it names of its parent (its manifest
    // as read) is not what its sealer signed, and proves nothing.
    if copy.state == State::Invalid {
        f.add(CheckCode::ParentCopyNotVerified, say::parent_check_copy_not_verified(&shown));
        return f.finish();
    }
    // The parent's own verification, its progress counted from zero again.
    if let Some(p) = &opts.progress {
        p.done.store(0, std::sync::atomic::Ordering::Relaxed);
    }
    // The parent is verified offline (spec §9.7): `--log` asks about the copy, and an older,
    // genuine copy of the parent proves the derivation as well as its latest copy does.
    let offline = VerifyOptions { online_log: None, ..opts.clone() };
    let theirs = match verify_path(parent, &offline) {
        Ok(r) => r,
        Err(e) => {
            let why = match e {
                CannotVerify::Encrypted { .. } => say::parent_not_checked_encrypted(&e),
                CannotVerify::NotABundleFolder { path } => say::parent_not_checked_folder(path.display()),
                _ => say::parent_not_checked(&e),
            };
            f.report.summary = printable(&why);
            return f.report;
        }
    };
    f.report.state = Some(theirs.state);
    f.report.bundle_id = theirs.bundle_id.clone();
    // Step 2: it verifies on its own. A re-zipped file whose content holds (§9.6) still does
    // not: a second verifier without the content checks must reach the same verdict.
    if theirs.state == State::Invalid {
        let content_holds = theirs.content.as_ref().is_some_and(|c| c.holds);
        for c in theirs.checks.iter().filter(|c| c.level == Level::Fail) {
            if !f.parent_failed.contains(&c.code) {
                f.parent_failed.push(c.code);
            }
        }
        f.add(
            CheckCode::ParentNotVerified,
            say::parent_check_not_verified(&shown, theirs.state.label(), content_holds),
        );
        return f.finish();
    }
    f.add(CheckCode::ParentVerified, say::parent_check_verified(&shown, theirs.state.label()));
    // Step 3: it is the bundle the copy names.
    let seal = theirs.links.first().filter(|l| l.sequence == 0 && l.event_type == EventType::Seal);
    let same = theirs.bundle_id.as_deref() == Some(d.parent_bundle_id.as_str())
        && seal.is_some_and(|l| l.sha256 == d.parent_seal_event_sha256);
    if !same {
        let found = theirs.bundle_id.as_deref().unwrap_or_default();
        let same_id = found == d.parent_bundle_id;
        let itself = !found.is_empty() && copy.bundle_id.as_deref() == Some(found);
        f.add(
            CheckCode::ParentOtherBundle,
            say::parent_check_other_bundle(&shown, &d.parent_bundle_id, found, same_id, itself),
        );
        return f.finish();
    }
    // Step 4: it holds the event the copy names as its latest.
    f.report.latest_event = theirs.links.iter().find(|l| l.sha256 == d.parent_latest_event_sha256).map(|l| l.sequence);
    match f.report.latest_event {
        Some(seq) => f.add(CheckCode::ParentLatestEvent, say::parent_check_latest_event(seq)),
        None => f.add(
            CheckCode::ParentLatestEventMissing,
            say::parent_check_latest_event_missing(&shown, d.parent_latest_event_sha256),
        ),
    }
    // Step 5: its derivation event naming the copy, if the copy was recorded: the one written
    // right after the latest event the copy names (its previous event), else the first.
    let own_id = copy.bundle_id.as_deref().unwrap_or_default();
    let recorded: Vec<(&ChainLink, &crate::event::DerivedCopy)> = theirs
        .links
        .iter()
        .filter_map(|l| l.derivation.as_ref().filter(|c| c.bundle_id == own_id).map(|c| (l, c)))
        .collect();
    let chosen =
        recorded.iter().find(|(l, _)| l.previous == Some(d.parent_latest_event_sha256)).or_else(|| recorded.first());
    match chosen {
        None => f.add(CheckCode::ParentDerivationUnrecorded, say::parent_check_unrecorded(&shown)),
        Some(&(l, c)) => {
            f.report.derivation_event = Some(l.sequence);
            match mismatch(copy, l, c, d.parent_latest_event_sha256) {
                None => f.add(CheckCode::ParentDerivationRecorded, say::parent_check_recorded(l.sequence)),
                Some(why) => f.add(CheckCode::ParentDerivationMismatch, say::parent_check_mismatch(l.sequence, why)),
            }
            if recorded.len() > 1 {
                let all: Vec<u64> = recorded.iter().map(|(l, _)| l.sequence).collect();
                f.add(CheckCode::ParentDerivationRepeated, say::parent_check_repeated(&shown, &all, l.sequence));
            }
        }
    }
    f.finish()
}

/// Why the parent's derivation event `l`, recording `c`, does not describe the copy `copy`
/// derived after the parent's event `latest` (the first reason, in the order of spec §9.7
/// step 5); none when it does.
fn mismatch(
    copy: &Report,
    l: &ChainLink,
    c: &crate::event::DerivedCopy,
    latest: crate::digest::Sha256Digest,
) -> Option<&'static str> {
    let own_seal = copy.links.first().filter(|s| s.sequence == 0).map(|s| s.sha256);
    let items_match = copy.manifest.as_ref().is_some_and(|m| m.items.iter().map(|i| &i.id).eq(c.items.iter()));
    if own_seal != Some(c.seal_event_sha256) {
        Some(say::PARENT_CHECK_OTHER_SEAL)
    } else if !items_match {
        Some(say::PARENT_CHECK_OTHER_ITEMS)
    } else if l.previous != Some(latest) {
        Some(say::PARENT_CHECK_OTHER_PREVIOUS)
    } else {
        None
    }
}
