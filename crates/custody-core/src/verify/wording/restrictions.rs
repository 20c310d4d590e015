//! The restrictions on use of the evidence (the sealer's), walked in the order people read
//! them, each worded by the catalogue (`crate::wording::restrictions`).

use crate::provenance::{OnwardTransferRule, Restrictions};
use crate::wording::restrictions as say;

/// The restrictions as short lines for people, most important first.
pub fn restrictions(r: &Restrictions) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(u) = &r.use_limitation {
        out.push(say::use_limitation(&u.purposes, &u.proceedings, u.speciality, u.note.as_deref()));
    }
    if let Some(o) = &r.onward_transfer {
        let note = o.note.as_deref();
        out.push(match o.rule {
            OnwardTransferRule::Allowed => say::onward_allowed(note),
            OnwardTransferRule::Forbidden => say::onward_forbidden(note),
            OnwardTransferRule::ConsentRequired => say::onward_with_consent(o.consent_of.as_deref(), note),
        });
    }
    if let Some(c) = &r.confidentiality {
        out.push(say::confidentiality(c.level, c.note.as_deref()));
    }
    if let Some(r) = &r.retention {
        out.push(say::retention(r.keep_until, r.review_on, r.note.as_deref()));
    }
    if let Some(d) = &r.data_protection {
        let subjects: Vec<&str> = d.data_subjects.iter().map(|c| c.as_str()).collect();
        out.push(say::data_protection(d.personal_data, &subjects, &d.special_categories, d.minors, d.note.as_deref()));
    }
    if let Some(e) = &r.export_approval {
        out.push(say::export_approval(e));
    }
    out
}
