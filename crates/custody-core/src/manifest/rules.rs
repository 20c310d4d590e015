//! What makes a manifest invalid: the provenance rules both the sealer (refusing input)
//! and the verifier (failing the bundle with `manifest.invalid`) apply.
//!
//! Broken references to actors, authorisations and items, impossible times, bad country
//! codes, unsafe text, and attested or linked digests that do not match the payload. Each
//! message names the field.

use crate::wording::manifest as say;
use std::collections::{BTreeMap, BTreeSet};

use crate::digest::Sha256Digest;
use crate::keys::check_jurisdiction;
use crate::manifest::{Item, MANIFEST_FORMAT, Manifest};
use crate::provenance::OnwardTransferRule;

/// Limits on free text in provenance fields (characters).
const SHORT: usize = 1024;
const LONG: usize = 16 * 1024;

fn text(field: &str, value: &str, max: usize) -> Result<(), String> {
    if value.trim().is_empty() {
        return Err(say::field_empty(field));
    }
    if value.chars().count() > max {
        return Err(say::field_too_long(field, max));
    }
    // Newlines and tabs are allowed in long statements; other control characters and
    // direction overrides (which can make text display differently from what it says) are not.
    if value.chars().any(|c| (c.is_control() && c != '\n' && c != '\t') || crate::text::is_bidi_control(c)) {
        return Err(say::field_control_characters(field));
    }
    Ok(())
}

/// A redaction's `reason` (§5.13): text of at most 1,024 characters. Writer and verifier.
pub fn check_redaction_reason(reason: &str) -> Result<(), String> {
    text("reason", reason, super::derivation::MAX_REDACTION_REASON)
}

fn opt_text(field: &str, value: &Option<String>, max: usize) -> Result<(), String> {
    value.as_deref().map_or(Ok(()), |v| text(field, v, max))
}

fn country(field: &str, code: &Option<String>) -> Result<(), String> {
    match code {
        Some(c) => check_jurisdiction(c).map_err(|_| {
            if c.eq_ignore_ascii_case("UK") { say::country_uk(field) } else { say::country_unknown(field, c) }
        }),
        None => Ok(()),
    }
}

fn id_ok(id: &str) -> bool {
    let b = id.as_bytes();
    !b.is_empty()
        && b.len() <= 64
        && b[0].is_ascii_alphanumeric()
        && b.iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
}

/// One per-file capture record's own rules (§5.2.2): text fields, its time window.
fn capture_file(at: &str, f: &crate::provenance::CaptureFile) -> Result<(), String> {
    text(&format!("{at}.format"), &f.format, SHORT)?;
    if !crate::provenance::CAPTURE_FILE_FORMATS.contains(&f.format.as_str()) {
        return Err(say::capture_file_format_unknown(at, &f.format));
    }
    if let Some(total) = f.pages_total
        && total <= f.pages.len() as u64
    {
        return Err(say::capture_file_pages_total(at, total, f.pages.len()));
    }
    for (name, v) in [
        ("source_url", &f.source_url),
        ("final_url", &f.final_url),
        ("platform", &f.platform),
        ("object_id", &f.object_id),
        ("account_handle", &f.account_handle),
        ("account_id", &f.account_id),
    ] {
        opt_text(&format!("{at}.{name}"), v, SHORT)?;
    }
    if let (Some(start), Some(end)) = (f.captured_at, f.capture_end)
        && end < start
    {
        return Err(say::capture_file_end_before_start(at, end, start));
    }
    if let Some(t) = &f.tool {
        text(&format!("{at}.tool.name"), &t.name, SHORT)?;
        opt_text(&format!("{at}.tool.version"), &t.version, SHORT)?;
    }
    for (k, t) in f.content_times.iter().enumerate() {
        text(&format!("{at}.content_times[{k}].label"), &t.label, SHORT)?;
        text(&format!("{at}.content_times[{k}].value"), &t.value, SHORT)?;
        opt_text(&format!("{at}.content_times[{k}].meaning"), &t.meaning, SHORT)?;
        opt_text(&format!("{at}.content_times[{k}].time_zone"), &t.time_zone, SHORT)?;
    }
    for (k, p) in f.pages.iter().enumerate() {
        text(&format!("{at}.pages[{k}].url"), &p.url, SHORT)?;
        opt_text(&format!("{at}.pages[{k}].final_url"), &p.final_url, SHORT)?;
    }
    for (k, n) in f.notes.iter().enumerate() {
        text(&format!("{at}.notes[{k}]"), n, LONG)?;
    }
    Ok(())
}

/// The bundle_id rule (§5.1): 32 lowercase hex digits. The manifest and every event carry
/// one.
pub fn check_bundle_id(id: &str) -> Result<(), String> {
    if id.len() != 32 || !id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return Err(say::BUNDLE_ID_INVALID.into());
    }
    Ok(())
}

/// Every rule that makes a manifest invalid beyond its schema: its structure (format,
/// bundle_id, sealer, case reference, items `item-1`, `item-2`, ... each with files, each
/// file a safe path under `data/<item id>/`, described once), then its provenance
/// ([`check`]). The sealer applies it to the manifest it signs, before signing; the verifier
/// to the manifest it reads (failing it with `manifest.invalid`). The message names the rule.
pub fn validate(m: &Manifest) -> Result<(), String> {
    if m.format != MANIFEST_FORMAT {
        return Err(say::format_unknown(&m.format, MANIFEST_FORMAT));
    }
    check_bundle_id(&m.bundle_id)?;
    m.sealer.identity().validate().map_err(say::sealer_invalid)?;
    crate::keys::check_text("case reference", &m.case.reference, 256).map_err(|e| e.to_string())?;
    if m.items.is_empty() {
        return Err(say::NO_ITEMS.into());
    }
    if m.commitment.scheme != super::COMMITMENT_SCHEME {
        return Err(say::commitment_scheme_unknown(&m.commitment.scheme, super::COMMITMENT_SCHEME));
    }
    if m.commitment.seed.0 == [0; 32] {
        return Err(say::COMMITMENT_SEED_ZERO.into());
    }
    if m.derivation.is_some() && !m.attestations.is_empty() {
        // §5.13: nothing proves that a derived bundle's attestations are the parent's actors'.
        return Err(say::DERIVED_WITH_ATTESTATIONS.into());
    }
    let mut last_number = 0u64;
    for (i, item) in m.items.iter().enumerate() {
        if m.derivation.is_some() {
            // A derived bundle keeps its parent's ids (§5.13): strictly increasing `item-N`.
            match super::derivation::item_number(&item.id) {
                Some(n) if n > last_number => last_number = n,
                _ => return Err(say::derived_item_id_out_of_order(&item.id)),
            }
        } else if item.id != format!("item-{}", i + 1) {
            return Err(say::item_id_out_of_order(i + 1, &item.id));
        }
        if item.files.is_empty() {
            return Err(say::item_without_files(&item.id));
        }
        let prefix = format!("{}/", crate::layout::item_dir(&item.id));
        for f in &item.files {
            if !f.path.starts_with(&prefix) || crate::archive::check_name(f.path).is_err() {
                return Err(say::file_path_unsafe(&item.id, f.path, &prefix));
            }
        }
        // Found in the item's files sorted by path; a path is under its own item's folder
        // (checked above), so no other item can describe it.
        if let Some(p) = item.files.repeated_path() {
            return Err(say::file_described_twice(p));
        }
    }
    check(m)
}

/// Checks what makes a manifest's provenance invalid: broken references, impossible times,
/// bad country codes, unsafe text, attested or linked digests that do not match the
/// payload. Both the sealer (refusing input) and the verifier (failing the bundle with
/// `manifest.invalid`) apply it. The message names the field.
pub fn check(m: &Manifest) -> Result<(), String> {
    check_with(m, true)
}

/// [`check`] without the rules that need the payload's digests (for a sealer checking its
/// input before it has read the evidence).
pub fn check_declared(m: &Manifest) -> Result<(), String> {
    check_with(m, false)
}

fn check_with(m: &Manifest, digests: bool) -> Result<(), String> {
    let case = &m.case;
    opt_text("case.title", &case.title, SHORT)?;
    for (i, f) in case.file_numbers.iter().enumerate() {
        text(&format!("case.file_numbers[{i}].authority"), &f.authority, SHORT)?;
        text(&format!("case.file_numbers[{i}].number"), &f.number, SHORT)?;
    }
    for (i, o) in case.offences.iter().enumerate() {
        text(&format!("case.offences[{i}].description"), &o.description, LONG)?;
        opt_text(&format!("case.offences[{i}].statute"), &o.statute, SHORT)?;
    }
    for (i, l) in case.legal_basis.iter().enumerate() {
        text(&format!("case.legal_basis[{i}].instrument"), &l.instrument, SHORT)?;
        opt_text(&format!("case.legal_basis[{i}].article"), &l.article, SHORT)?;
        opt_text(&format!("case.legal_basis[{i}].note"), &l.note, LONG)?;
    }
    let mut authorisations = BTreeSet::new();
    let items: BTreeMap<&str, &Item> = m.items.iter().map(|i| (i.id.as_str(), i)).collect();
    // A payload file by its path: its item is the path's second component (`data/<id>/…`),
    // the file found there by binary search (no map of a million paths, issue #22).
    let payload = |path: &str| {
        let id = path.strip_prefix(crate::layout::PAYLOAD_DIR).and_then(|r| r.split_once('/')).map(|(id, _)| id)?;
        items.get(id)?.files.get(path)
    };
    for (i, a) in case.authorisations.iter().enumerate() {
        let at = format!("case.authorisations[{i}]");
        if !id_ok(&a.id) {
            return Err(say::id_invalid(&at, &a.id));
        }
        if !authorisations.insert(a.id.as_str()) {
            return Err(say::id_twice(&at, &a.id));
        }
        text(&format!("{at}.description"), &a.description, LONG)?;
        opt_text(&format!("{at}.issued_by"), &a.issued_by, SHORT)?;
        opt_text(&format!("{at}.reference"), &a.reference, SHORT)?;
        opt_text(&format!("{at}.scope.time_zone"), &a.scope.time_zone, SHORT)?;
        for (k, acc) in a.scope.accounts.iter().enumerate() {
            text(&format!("{at}.scope.accounts[{k}]"), acc, SHORT)?;
        }
        if let (Some(from), Some(until)) = (a.scope.from, a.scope.until)
            && until < from
        {
            return Err(say::window_reversed(&at, until, from));
        }
        if let Some(p) = &a.document_path {
            let Some(f) = payload(p) else {
                return Err(say::document_not_payload(&at, p));
            };
            if digests && a.document_sha256 != Some(*f.sha256) {
                return Err(say::document_digest_mismatch(&at, p));
            }
        }
    }
    for (i, r) in case.related_requests.iter().enumerate() {
        text(&format!("case.related_requests[{i}].reference"), &r.reference, SHORT)?;
        opt_text(&format!("case.related_requests[{i}].authority"), &r.authority, SHORT)?;
        opt_text(&format!("case.related_requests[{i}].note"), &r.note, LONG)?;
        if let (Some(a), Some(b)) = (r.issued_on, r.expires_on)
            && b < a
        {
            return Err(say::request_expires_before_issued(i, b, a));
        }
    }

    let mut actors = BTreeSet::new();
    for (i, a) in m.actors.iter().enumerate() {
        let at = format!("actors[{i}]");
        if !id_ok(&a.id) {
            return Err(say::id_invalid(&at, &a.id));
        }
        if !actors.insert(a.id.as_str()) {
            return Err(say::id_twice(&at, &a.id));
        }
        text(&format!("{at}.name"), &a.name, SHORT)?;
        opt_text(&format!("{at}.organisation"), &a.organisation, SHORT)?;
        country(&format!("{at}.jurisdiction"), &a.jurisdiction)?;
        opt_text(&format!("{at}.contact.email"), &a.contact.email, SHORT)?;
        opt_text(&format!("{at}.contact.phone"), &a.contact.phone, SHORT)?;
        opt_text(&format!("{at}.contact.address"), &a.contact.address, SHORT)?;
        opt_text(&format!("{at}.contact.time_zone"), &a.contact.time_zone, SHORT)?;
    }
    let actor_ref = |field: String, id: &str| -> Result<(), String> {
        if actors.contains(id) {
            Ok(())
        } else if actors.is_empty() {
            Err(say::actor_unknown_no_actors(&field, id))
        } else {
            Err(say::actor_unknown(&field, id, actors.iter().copied().collect::<Vec<_>>().join(", ")))
        }
    };

    let r = &m.restrictions;
    if let Some(u) = &r.use_limitation {
        for (k, p) in u.purposes.iter().chain(&u.proceedings).enumerate() {
            text(&format!("restrictions.use_limitation entry {}", k + 1), p, SHORT)?;
        }
        opt_text("restrictions.use_limitation.note", &u.note, LONG)?;
    }
    if let Some(o) = &r.onward_transfer {
        opt_text("restrictions.onward_transfer.consent_of", &o.consent_of, SHORT)?;
        if o.rule == OnwardTransferRule::ConsentRequired && o.consent_of.is_none() {
            return Err(say::CONSENT_OF_MISSING.into());
        }
        opt_text("restrictions.onward_transfer.note", &o.note, LONG)?;
    }
    if let Some(c) = &r.confidentiality {
        opt_text("restrictions.confidentiality.note", &c.note, LONG)?;
    }
    if let Some(ret) = &r.retention {
        opt_text("restrictions.retention.note", &ret.note, LONG)?;
    }
    if let Some(d) = &r.data_protection {
        for s in &d.special_categories {
            text("restrictions.data_protection.special_categories", s, SHORT)?;
        }
        opt_text("restrictions.data_protection.note", &d.note, LONG)?;
    }
    opt_text("restrictions.export_approval", &r.export_approval, SHORT)?;

    // Each item's digests, looked up once per reference rather than scanned: an item may have
    // many files and many references to them (issue #13.4). Only built when an item is
    // derived from another's file (paths are found by binary search in the item's files).
    let derived = m.items.iter().any(|i| i.capture.derived_from.iter().any(|d| d.item.is_some()));
    let item_digests: BTreeSet<(&str, &Sha256Digest)> = if digests && derived {
        m.items.iter().flat_map(|i| i.files.iter().map(move |f| (i.id.as_str(), f.sha256))).collect()
    } else {
        BTreeSet::new()
    };
    let mut exhibits = BTreeMap::new();
    for item in &m.items {
        let at = &item.id;
        opt_text(&format!("{at}.exhibit"), &item.exhibit, SHORT)?;
        if let Some(x) = &item.exhibit
            && let Some(other) = exhibits.insert(x.as_str(), at.as_str())
        {
            return Err(say::exhibit_twice(other, at, x));
        }
        let c = &item.capture;
        for (name, v) in [
            ("source_url", &c.source_url),
            ("final_url", &c.final_url),
            ("platform", &c.platform),
            ("object_id", &c.object_id),
            ("account_handle", &c.account_handle),
            ("account_id", &c.account_id),
            ("clock_source", &c.clock_source),
            ("original_not_seized", &c.original_not_seized),
        ] {
            opt_text(&format!("{at}.capture.{name}"), v, SHORT)?;
        }
        opt_text(&format!("{at}.capture.note"), &c.note, LONG)?;
        if let (Some(start), Some(end)) = (c.captured_at, c.capture_end)
            && end < start
        {
            return Err(say::capture_end_before_start(at, end, start));
        }
        if let Some(t) = &c.tool {
            text(&format!("{at}.capture.tool.name"), &t.name, SHORT)?;
            opt_text(&format!("{at}.capture.tool.version"), &t.version, SHORT)?;
        }
        let e = &c.environment;
        for (name, v) in
            [("os", &e.os), ("browser", &e.browser), ("user_agent", &e.user_agent), ("egress_ip", &e.egress_ip)]
        {
            opt_text(&format!("{at}.capture.environment.{name}"), v, SHORT)?;
        }
        opt_text(&format!("{at}.capture.environment.note"), &e.note, LONG)?;
        country(&format!("{at}.capture.environment.exit_jurisdiction"), &e.exit_jurisdiction)?;
        for (k, s) in c.access_steps.iter().enumerate() {
            text(&format!("{at}.capture.access_steps[{k}]"), s, LONG)?;
        }
        for (k, a) in c.operators.iter().enumerate() {
            actor_ref(format!("{at}.capture.operators[{k}]"), a)?;
        }
        for (k, a) in c.witnesses.iter().enumerate() {
            actor_ref(format!("{at}.capture.witnesses[{k}]"), a)?;
        }
        if let Some(a) = &c.authorisation
            && !authorisations.contains(a.as_str())
        {
            return Err(say::authorisation_unknown(at, a));
        }
        for (k, t) in c.content_times.iter().enumerate() {
            let ct = format!("{at}.capture.content_times[{k}]");
            text(&format!("{ct}.label"), &t.label, SHORT)?;
            text(&format!("{ct}.value"), &t.value, SHORT)?;
            opt_text(&format!("{ct}.meaning"), &t.meaning, SHORT)?;
            opt_text(&format!("{ct}.time_zone"), &t.time_zone, SHORT)?;
        }
        for (k, s) in c.alterations.iter().enumerate() {
            text(&format!("{at}.capture.alterations[{k}]"), s, LONG)?;
        }
        for (k, d) in c.derived_from.iter().enumerate() {
            text(&format!("{at}.capture.derived_from[{k}].transformation"), &d.transformation, LONG)?;
            if let Some(parent) = &d.item {
                let Some(p) = items.get(parent.as_str()) else {
                    return Err(say::derived_from_unknown_item(at, k, parent));
                };
                if parent == &item.id {
                    return Err(say::derived_from_itself(at, k));
                }
                if digests && !item_digests.contains(&(p.id.as_str(), &d.sha256)) {
                    return Err(say::derived_from_digest_unknown(at, k, parent, d.sha256));
                }
            }
        }
        for (k, l) in c.languages.iter().enumerate() {
            let ok = !l.is_empty() && l.len() <= 35 && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
            if !ok {
                return Err(say::language_invalid(at, k, l));
            }
        }
        for f in &c.imported {
            if item.files.get(&f.from).is_none() {
                return Err(say::imported_not_a_file(at, &f.from));
            }
        }
        let mut recorded = BTreeSet::new();
        for (k, f) in c.capture_files.iter().enumerate() {
            capture_file(&format!("{at}.capture.capture_files[{k}]"), f)?;
            if item.files.get(&f.path).is_none() {
                return Err(say::capture_file_not_a_file(at, k, &f.path));
            }
            if !recorded.insert(f.path.as_str()) {
                return Err(say::capture_file_twice(at, k, &f.path));
            }
        }
    }

    let mut attestations = BTreeSet::new();
    for (i, a) in m.attestations.iter().enumerate() {
        let at = format!("attestations[{i}]");
        if !id_ok(&a.id) {
            return Err(say::id_invalid(&at, &a.id));
        }
        if !attestations.insert(a.id.as_str()) {
            return Err(say::id_twice(&at, &a.id));
        }
        actor_ref(format!("{at}.by"), &a.by)?;
        text(&format!("{at}.statement"), &a.statement, LONG)?;
        opt_text(&format!("{at}.standard"), &a.standard, SHORT)?;
        if a.items.is_empty() {
            return Err(say::attestation_without_items(&at));
        }
        let mut named = BTreeSet::new();
        for id in &a.items {
            if !items.contains_key(id.as_str()) {
                return Err(say::attestation_unknown_item(&at, id));
            }
            if !named.insert(id.as_str()) {
                return Err(say::attestation_item_twice(&at, id));
            }
        }
        for f in &a.files {
            // The item a payload path belongs to is its second component (`data/<id>/…`).
            let item_of =
                f.path.strip_prefix(crate::layout::PAYLOAD_DIR).and_then(|r| r.split_once('/')).map(|(id, _)| id);
            if !item_of.is_some_and(|id| named.contains(id)) {
                return Err(say::attestation_file_outside(&at, &f.path));
            }
        }
        if digests {
            for f in &a.files {
                match payload(&f.path) {
                    Some(r) if *r.sha256 == f.sha256 => {}
                    Some(_) => {
                        return Err(say::attestation_digest_mismatch(&at, &f.path));
                    }
                    None => return Err(say::attestation_not_payload(&at, &f.path)),
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{Fingerprint, Role};
    use crate::manifest::{Case, FileRecord, Files, Item, Signer};

    fn manifest() -> Manifest {
        let sha256 = Sha256Digest::of(b"x");
        Manifest {
            format: MANIFEST_FORMAT.into(),
            bundle_id: "0123456789abcdef0123456789abcdef".into(),
            case: Case::new("C-1"),
            sealer: Signer {
                fingerprint: Fingerprint([1; 32]),
                name: "A".into(),
                organisation: "O".into(),
                role: Role::Investigator,
                jurisdiction: "FR".into(),
            },
            actors: Vec::new(),
            restrictions: Default::default(),
            attestations: Vec::new(),
            items: vec![Item {
                id: "item-1".into(),
                label: "x".into(),
                exhibit: None,
                capture: Default::default(),
                files: Files::from_records([FileRecord {
                    path: "data/item-1/x".into(),
                    original_name: "x".into(),
                    size: 1,
                    media_type: "text/plain".into(),
                    sha256,
                    modified: None,
                    role: None,
                }])
                .unwrap(),
            }],
            commitment: super::super::CommitmentSeed {
                scheme: super::super::COMMITMENT_SCHEME.into(),
                seed: Sha256Digest([7; 32]),
            },
            derivation: None,
            log: None,
        }
    }

    /// `m`'s first item with its file records changed by `change`.
    fn edit_files(m: &mut Manifest, change: impl FnOnce(&mut Vec<FileRecord>)) {
        let mut records = m.items[0].files.to_records();
        change(&mut records);
        m.items[0].files = Files::from_records(records).unwrap();
    }

    #[test]
    fn manifest_rules_beyond_the_schema() {
        assert_eq!(validate(&manifest()), Ok(()));
        let mut m = manifest();
        edit_files(&mut m, Vec::clear);
        assert!(validate(&m).unwrap_err().contains("no files"));
        let mut m = manifest();
        m.case.reference = "line\nbreak".into();
        assert!(validate(&m).unwrap_err().contains("case reference"));
        let mut m = manifest();
        m.items[0].id = "item-2".into();
        assert!(validate(&m).is_err());
        let mut m = manifest();
        edit_files(&mut m, |f| f[0].path = "data/item-2/x".into());
        assert!(validate(&m).is_err(), "a file outside its item's directory");
        let mut m = manifest();
        edit_files(&mut m, |f| f.push(f[0].clone()));
        assert!(validate(&m).unwrap_err().contains("twice"));
        let mut m = manifest();
        m.bundle_id = "0123456789ABCDEF0123456789ABCDEF".into();
        assert_eq!(validate(&m), Err("bundle_id is not 32 lowercase hex digits".into()));
    }
}
