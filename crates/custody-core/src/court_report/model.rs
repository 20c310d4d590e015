//! What the HTML and PDF court reports show, decided once, without a word of any language: the
//! reference in titles and footers (cut to [`TITLE_CHARS`]), what each hand-over did not
//! accept, per item, looked up in one map. Both renderers walk it; neither decides these
//! again.

use std::collections::HashMap;

use crate::verify::{Report, wording as vw};

/// The characters of the case reference a title or a footer shows; a longer reference is cut
/// with an ellipsis there (the case section shows it whole).
pub const TITLE_CHARS: usize = 80;

/// `s` cut to `max` characters, the last of them an ellipsis when it was longer.
pub(crate) fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_owned(),
        Some(_) => s.chars().take(max.saturating_sub(1)).chain(['\u{2026}']).collect(),
    }
}

/// The case reference as a title or footer shows it (raw: each renderer escapes it), cut to
/// [`TITLE_CHARS`].
pub(crate) fn title_reference(r: &Report) -> Option<String> {
    r.case_reference.as_deref().map(|c| clip(c, TITLE_CHARS))
}

/// For each item, the sentences (English, from the verifier's wording) of every hand-over
/// that did not accept it, in timeline order: one map, built in one pass over the receipts.
pub(crate) fn not_accepted(r: &Report) -> HashMap<&str, Vec<String>> {
    let mut out: HashMap<&str, Vec<String>> = HashMap::new();
    for p in &r.timeline {
        let Some(h) = &p.handover else { continue };
        for n in &h.items_not_accepted {
            let line =
                vw::item_not_accepted_by(&p.holder.name, h.transfer_sequence, n.status.as_str(), n.reason.as_deref());
            for item in &n.items {
                out.entry(item.as_str()).or_default().push(line.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::clip;

    #[test]
    fn a_long_value_is_cut_with_an_ellipsis_and_a_short_one_kept() {
        assert_eq!(clip("abc", 3), "abc");
        assert_eq!(clip("abcd", 3), "ab\u{2026}");
        assert_eq!(clip(&"證".repeat(100_000), 80).chars().count(), 80);
    }
}
