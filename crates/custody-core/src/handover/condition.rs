//! A transfer's conditions as people write them (`KIND: text`, as on custody's command
//! line): read into a [`ConditionKind`] and its text, a mistyped kind refused with the valid
//! ones. Reading a person's words is the writer's business, so it sits with the transfer;
//! the condition in the event document and its limits are `event` and `rules`.

use crate::event::ConditionKind;

/// Why a condition written as `KIND: text` was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConditionError {
    /// What stands before the separator looks like a kind, but is none of the valid ones.
    #[error(
        "condition \"{given}\": '{kind}' is not a condition kind{}. Write \"KIND: text\" with KIND one of {}; \
         to record the whole text as kind 'other', write \"other: {given}\"",
        did_you_mean(.suggestion),
        ConditionKind::NAMES.join(", ")
    )]
    UnknownKind {
        /// The whole condition as given.
        given: String,
        /// What stands where the kind should be.
        kind: String,
        /// The valid kind it most likely means.
        suggestion: Option<&'static str>,
    },
    /// A kind with nothing after it.
    #[error("condition \"{given}\" has a kind but no text; write what the recipient must do after the ':'")]
    NoText {
        /// The whole condition as given.
        given: String,
    },
    /// Nothing at all.
    #[error("a condition is empty; write \"KIND: text\", e.g. \"use_limitation: only for proceedings 2026-CT-0412\"")]
    Empty,
}

fn did_you_mean(s: &Option<&'static str>) -> String {
    s.map(|k| format!(" (did you mean {k}?)")).unwrap_or_default()
}

/// Parses a condition as people write it on the command line: `KIND: text`.
///
/// The text before the first `:`, `;` or ` - ` is a candidate kind. A valid kind (or its
/// short form: `use`, `onward`, with `-` or spaces for `_`) gives that kind and the rest as
/// text. A candidate that looks like a mistyped kind (it contains `_`, or is one edit from
/// a valid kind, or two from a kind of 8 letters or more) is refused with the valid kinds:
/// a typo must not silently turn a use limitation into `other`. Anything else (free text
/// such as `Note: ...`, `Article 6: ...`, `https://...`) is one condition of kind `other`.
pub fn parse_condition(s: &str) -> Result<(ConditionKind, String), ConditionError> {
    let text = s.trim();
    if text.is_empty() {
        return Err(ConditionError::Empty);
    }
    let cut = [":", ";", " - "].iter().filter_map(|sep| text.find(sep).map(|i| (i, sep.len()))).min();
    if let Some((i, len)) = cut {
        let candidate = text[..i].trim();
        let rest = text[i + len..].trim();
        if let Some(kind) = ConditionKind::parse(candidate) {
            if rest.is_empty() {
                return Err(ConditionError::NoText { given: text.to_owned() });
            }
            return Ok((kind, rest.to_owned()));
        }
        let suggestion = nearest_kind(candidate);
        if candidate.contains('_') || suggestion.is_some() {
            return Err(ConditionError::UnknownKind { given: text.to_owned(), kind: candidate.to_owned(), suggestion });
        }
    }
    Ok((ConditionKind::Other, text.to_owned()))
}

/// The valid kind a candidate is a likely typo of ([`crate::suggest::nearest`]).
fn nearest_kind(candidate: &str) -> Option<&'static str> {
    crate::suggest::nearest(candidate, &ConditionKind::NAMES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_with_a_valid_kind_free_text_and_typos() {
        let ok = |s: &str| parse_condition(s).unwrap();
        assert_eq!(
            ok("use_limitation: only for 2026-CT-0412"),
            (ConditionKind::UseLimitation, "only for 2026-CT-0412".into())
        );
        assert_eq!(
            ok("Onward transfer - not without consent"),
            (ConditionKind::OnwardTransfer, "not without consent".into())
        );
        assert_eq!(ok("retention; delete by 2031-12-31").0, ConditionKind::Retention);
        // Free text stays whole, kind other.
        for free in [
            "https://example.org/terms",
            "Note: ask first",
            "Article 6: no disclosure",
            "Order: as agreed",
            "keep it safe",
        ] {
            assert_eq!(ok(free), (ConditionKind::Other, free.into()), "{free}");
        }
        // Typos are refused with the valid kinds and a suggestion.
        for (typo, meant) in [
            ("use_limitaton: only for 2026-CT-0412", "use_limitation"),
            ("confidentality: yes", "confidentiality"),
            ("retension: 5 years", "retention"),
            ("othr: x", "other"),
            ("Onward-transfr: no", "onward_transfer"),
        ] {
            let e = parse_condition(typo).unwrap_err().to_string();
            assert!(e.contains(&format!("did you mean {meant}?")), "{e}");
            assert!(e.contains("use_limitation, confidentiality, onward_transfer, retention, other"), "{e}");
        }
        let e = parse_condition("speciality_rule: applies").unwrap_err().to_string();
        assert!(
            e.contains("'speciality_rule' is not a condition kind.") && e.contains("other: speciality_rule"),
            "{e}"
        );
        assert!(matches!(parse_condition("retention:  "), Err(ConditionError::NoText { .. })));
        assert_eq!(parse_condition("  "), Err(ConditionError::Empty));
    }
}
