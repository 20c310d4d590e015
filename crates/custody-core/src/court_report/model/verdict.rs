//! The verdict as every court document states it, decided once: the state (§9.2) by its name,
//! the summary, the failed codes, the latest event to confirm with the sender, the damaged items
//! (capped as they are collected), and the signers outside the trust list. The HTML and PDF
//! reports draw it as their verdict box; the forms' warning states the same facts.

use super::sections::{self, LatestEvent};
use crate::verify::{DamagedItems, Report, SignerReport};

/// What the verdict says.
pub(crate) struct Verdict<'a> {
    /// The state's name as the format writes it (`invalid`, `not_trusted`, ...): the key of its
    /// words in the catalogue and of its colour.
    pub(crate) state: String,
    /// The verification's summary, a sentence of the English catalogue (quoting values).
    pub(crate) summary: &'a str,
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
        failed: super::failed_codes(r),
        latest: sections::latest_event(r),
        damaged: super::verdict_damaged(r),
        untrusted: r.signers.iter().filter(|s| s.trusted == Some(false)).collect(),
    }
}
