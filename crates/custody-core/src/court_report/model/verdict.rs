//! The verdict as every court document states it, decided once: the state (§9.2) by its name,
//! the summary, the failed codes, the latest event to confirm with the sender, the damaged items
//! (capped as they are collected), and the signers outside the trust list. The HTML and PDF
//! reports draw it as their verdict box; the forms' warning states the same facts.

use super::sections::{self, LatestEvent};
use super::{Run, say};
use crate::check::{CheckCode, Level};
use crate::verify::{DamagedItems, Report, SignerReport, State};
use crate::wording::court_report::Sentence;

/// What the verdict says.
pub(crate) struct Verdict<'a> {
    /// The state's name as the format writes it (`invalid`, `not_trusted`, ...): the key of its
    /// words in the catalogue and of its colour.
    pub(crate) state: String,
    /// The verification's summary, a sentence of the English catalogue (quoting values).
    pub(crate) summary: &'a str,
    /// The summary in the catalogue's sentences, where it is one of them ([`summary`]): in the
    /// document's language(s) then, [`Verdict::summary`] (English) where it is not.
    pub(crate) said_summary: Option<Vec<Run>>,
    /// The codes of the failed checks, each once, in the order first found.
    pub(crate) failed: Vec<&'a str>,
    /// The latest custody event, to confirm with the sender.
    pub(crate) latest: Option<LatestEvent>,
    /// The damaged items it names, at most `VERDICT_DAMAGED_ITEMS`, each with at most
    /// `VERDICT_DAMAGED_FILES` files, and how many more of each.
    pub(crate) damaged: DamagedItems,
    /// The signers the verification found outside the trust list, in the report's order.
    pub(crate) untrusted: Vec<&'a SignerReport>,
}

/// The verdict of `r` ([`Verdict`]).
pub(crate) fn verdict(r: &Report) -> Verdict<'_> {
    Verdict {
        state: super::state_name(r),
        summary: &r.summary,
        said_summary: summary(r),
        failed: super::failed_codes(r),
        latest: sections::latest_event(r),
        damaged: super::verdict_damaged(r),
        untrusted: r.signers.iter().filter(|s| s.trusted == Some(false)).collect(),
    }
}

/// The verification's summary as the catalogue's sentence of its case (the state; for an
/// invalid bundle, how many checks failed and whether files are damaged; for one not trusted,
/// whether a signer, a TSA or both are not vouched for), the same words in English as the
/// verification's own summary ([`Report::summary`], worded for a library's caller). `None` where
/// the summary says more than its case: a file that is no bundle (what it is instead), a folder
/// or a re-zipped bundle (what was and was not checked of the container).
fn summary(r: &Report) -> Option<Vec<Run>> {
    if r.container.is_some() || r.checks.iter().any(|c| c.code == CheckCode::BundleNotABundle) {
        return None;
    }
    let said = match r.state {
        State::Invalid => {
            let failed: u64 = r.checks.iter().filter(|c| c.level == Level::Fail).map(|c| c.more.unwrap_or(1)).sum();
            let s = if r.has_damage() { Sentence::SummaryInvalid } else { Sentence::SummaryInvalidNothingDamaged };
            say(s, vec![vec![Run::Text(failed.to_string())]])
        }
        State::NotTrusted => {
            let s = match crate::verify::untrusted(&r.checks) {
                (_, false) => Sentence::SummaryNotTrustedSigner,
                (false, true) => Sentence::SummaryNotTrustedTsa,
                (true, true) => Sentence::SummaryNotTrustedBoth,
            };
            say(s, Vec::new())
        }
        State::Intact => say(Sentence::SummaryIntact, Vec::new()),
        State::Trusted => say(Sentence::SummaryTrusted, Vec::new()),
    };
    Some(vec![said])
}
