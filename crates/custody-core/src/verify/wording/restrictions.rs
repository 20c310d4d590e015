//! The restrictions on use of the evidence, as short lines for people (the sealer's; the
//! conditions a hand-over attached are worded in the catalogue's timeline sentences).

use crate::provenance::{OnwardTransferRule, Restrictions};

/// The restrictions as short lines for people, most important first.
pub fn restrictions(r: &Restrictions) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(u) = &r.use_limitation {
        let mut s = String::from("Use only");
        if !u.purposes.is_empty() {
            s += &format!(" for: {}", u.purposes.join("; "));
        }
        if !u.proceedings.is_empty() {
            s += &format!(" in proceedings: {}", u.proceedings.join("; "));
        }
        if u.purposes.is_empty() && u.proceedings.is_empty() {
            s = "Use is limited".into();
        }
        if u.speciality {
            s += " (speciality: any other use needs the supplying state's consent)";
        }
        if let Some(n) = &u.note {
            s += &format!(". {n}");
        }
        out.push(s);
    }
    if let Some(o) = &r.onward_transfer {
        let mut s = match o.rule {
            OnwardTransferRule::Allowed => "Onward transfer allowed".to_string(),
            OnwardTransferRule::Forbidden => "Onward transfer FORBIDDEN".to_string(),
            OnwardTransferRule::ConsentRequired => format!(
                "Onward transfer only with the prior consent of {}",
                o.consent_of.as_deref().unwrap_or("the supplying authority")
            ),
        };
        if let Some(n) = &o.note {
            s += &format!(". {n}");
        }
        out.push(s);
    }
    if let Some(c) = &r.confidentiality {
        let mut s = format!("Confidentiality: {}", c.level);
        if let Some(n) = &c.note {
            s += &format!(". {n}");
        }
        out.push(s);
    }
    if let Some(r) = &r.retention {
        let mut parts = Vec::new();
        if let Some(d) = r.keep_until {
            parts.push(format!("keep until {d}"));
        }
        if let Some(d) = r.review_on {
            parts.push(format!("review by {d}"));
        }
        if let Some(n) = &r.note {
            parts.push(n.clone());
        }
        out.push(format!("Retention: {}", parts.join("; ")));
    }
    if let Some(d) = &r.data_protection {
        let mut s = if d.personal_data {
            "Contains personal data".to_string()
        } else {
            "Contains no personal data".to_string()
        };
        if !d.data_subjects.is_empty() {
            let subjects: Vec<&str> = d.data_subjects.iter().map(|c| c.as_str()).collect();
            s += &format!(" of {}", subjects.join(", "));
        }
        if !d.special_categories.is_empty() {
            s += &format!("; special categories: {}", d.special_categories.join(", "));
        }
        if d.minors {
            s += "; includes data about MINORS";
        }
        if let Some(n) = &d.note {
            s += &format!(". {n}");
        }
        out.push(s);
    }
    if let Some(e) = &r.export_approval {
        out.push(format!("Export approval: {e}"));
    }
    out
}
