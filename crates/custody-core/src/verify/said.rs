//! Which of the catalogue's summary sentences the verifier chose ([`SummaryChoice`]), kept on
//! the report so that the court report says the same summary in the reader's language.

use super::{NotABundle, State, SummaryChoice};
use crate::wording::court_report::Sentence;

/// The catalogue's summary for the facts `wording::summary` words (an invalid bundle's
/// assuming damaged files; `into_report` corrects that). A file that is no bundle is decided
/// from the kind the verifier recorded (`not_a_bundle`) alone: its summary says what it is.
pub(super) fn said(
    state: State,
    failed: usize,
    not_a_bundle: Option<&NotABundle>,
    signer: bool,
    tsa: bool,
) -> SummaryChoice {
    let sentence = match state {
        State::Invalid => {
            return match not_a_bundle {
                Some(kind) => SummaryChoice::NotABundle(kind.clone()),
                None => SummaryChoice::Said { sentence: Sentence::SummaryInvalid, failed: Some(failed) },
            };
        }
        State::NotTrusted => match (signer, tsa) {
            (_, false) => Sentence::SummaryNotTrustedSigner,
            (false, true) => Sentence::SummaryNotTrustedTsa,
            (true, true) => Sentence::SummaryNotTrustedBoth,
        },
        State::Intact => Sentence::SummaryIntact,
        State::Trusted => Sentence::SummaryTrusted,
    };
    SummaryChoice::Said { sentence, failed: None }
}
