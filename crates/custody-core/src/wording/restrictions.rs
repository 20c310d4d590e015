//! The restrictions on use of the evidence, as short lines of the text report (the sealer's; the
//! conditions a hand-over attached are worded in `report`): one function per kind of
//! restriction, taking the restriction's values; `verify::wording::restrictions` walks the
//! manifest's restrictions and calls them, most important first. The court report and the forms
//! word them in the reader's language from `court_report::Sentence`.

use std::fmt::Display;

/// A restriction's free-text note, after the restriction.
fn with_note(mut s: String, note: Option<&str>) -> String {
    if let Some(n) = note {
        s += &format!(". {n}");
    }
    s
}

/// The use limitation: for which purposes and in which proceedings the evidence may be
/// used, whether the rule of speciality applies, and its note.
pub fn use_limitation(purposes: &[String], proceedings: &[String], speciality: bool, note: Option<&str>) -> String {
    let mut s = String::from("Use only");
    if !purposes.is_empty() {
        s += &format!(" for: {}", purposes.join("; "));
    }
    if !proceedings.is_empty() {
        s += &format!(" in proceedings: {}", proceedings.join("; "));
    }
    if purposes.is_empty() && proceedings.is_empty() {
        s = "Use is limited".into();
    }
    if speciality {
        s += " (speciality: any other use needs the supplying state's consent)";
    }
    with_note(s, note)
}

/// Onward transfer allowed.
pub fn onward_allowed(note: Option<&str>) -> String {
    with_note("Onward transfer allowed".to_string(), note)
}

/// Onward transfer forbidden.
pub fn onward_forbidden(note: Option<&str>) -> String {
    with_note("Onward transfer FORBIDDEN".to_string(), note)
}

/// Onward transfer only with consent: whose (the supplying authority when not named).
pub fn onward_with_consent(consent_of: Option<&str>, note: Option<&str>) -> String {
    let s =
        format!("Onward transfer only with the prior consent of {}", consent_of.unwrap_or("the supplying authority"));
    with_note(s, note)
}

/// The confidentiality level (a code).
pub fn confidentiality(level: impl Display, note: Option<&str>) -> String {
    with_note(format!("Confidentiality: {level}"), note)
}

/// The retention: keep until, review by, and its note.
pub fn retention(keep_until: Option<impl Display>, review_on: Option<impl Display>, note: Option<&str>) -> String {
    let mut parts = Vec::new();
    if let Some(d) = keep_until {
        parts.push(format!("keep until {d}"));
    }
    if let Some(d) = review_on {
        parts.push(format!("review by {d}"));
    }
    if let Some(n) = note {
        parts.push(n.to_string());
    }
    format!("Retention: {}", parts.join("; "))
}

/// The data protection facts: personal data or not, of which subjects (codes), special
/// categories, data about minors, and its note.
pub fn data_protection(
    personal_data: bool,
    subjects: &[&str],
    special_categories: &[String],
    minors: bool,
    note: Option<&str>,
) -> String {
    let mut s =
        if personal_data { "Contains personal data".to_string() } else { "Contains no personal data".to_string() };
    if !subjects.is_empty() {
        s += &format!(" of {}", subjects.join(", "));
    }
    if !special_categories.is_empty() {
        s += &format!("; special categories: {}", special_categories.join(", "));
    }
    if minors {
        s += "; includes data about MINORS";
    }
    with_note(s, note)
}

/// The export approval.
pub fn export_approval(approval: impl Display) -> String {
    format!("Export approval: {approval}")
}
