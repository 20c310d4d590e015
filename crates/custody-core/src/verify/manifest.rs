//! Manifest checks (spec §9.1 step 8): the manifest's strict parse and rules, its
//! signature, its agreement with the payload and `bag-info.txt`, its advisories and
//! attestations; and the strict parse every signed JSON document goes through.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::report::{ItemReport, PayloadReport};
use super::wording;
use super::{Verifier, bridge};
use crate::archive::Entry;
use crate::bagit;
use crate::check::CheckCode;
use crate::digest::Sha256Digest;
use crate::keys::{Fingerprint, PublicKeyFile};
use crate::layout::{MANIFEST_PATH, PAYLOAD_MANIFEST_PATH};
use crate::manifest::{MANIFEST_FORMAT, Manifest};
use crate::text::printable;

impl Verifier {
    pub(super) fn check_manifest(
        &mut self,
        tags: &BTreeMap<String, Vec<u8>>,
        keys: &HashMap<Fingerprint, PublicKeyFile>,
        payload_listed: &HashMap<String, Sha256Digest>,
        entries: &[&Entry],
    ) -> Option<Manifest> {
        let Some(bytes) = tags.get(MANIFEST_PATH) else {
            self.missing(CheckCode::ManifestMissing, MANIFEST_PATH, wording::checks::manifest_missing());
            return None;
        };
        let manifest: Manifest = match parse_document(bytes) {
            Ok(m) => m,
            Err(e) => {
                self.fail(CheckCode::ManifestInvalid, wording::checks::manifest_not_schema(&e), Some(MANIFEST_PATH));
                return None;
            }
        };
        if let Err(e) = validate_manifest(&manifest) {
            self.fail(CheckCode::ManifestInvalid, wording::checks::manifest_breaks_rule(&e), Some(MANIFEST_PATH));
            return None;
        }
        for a in crate::manifest::advisories::advisories(&manifest) {
            self.warn(bridge(a.code), printable(&wording::advisory(&a)), Some(MANIFEST_PATH));
        }
        if self.check_signature(tags, keys, MANIFEST_PATH, bytes, &manifest.sealer) {
            self.pass(
                CheckCode::SignatureValid,
                wording::checks::manifest_signature_valid(&manifest.sealer.name, manifest.sealer.fingerprint),
                Some(MANIFEST_PATH),
            );
        }
        // The manifest and the BagIt manifest must describe the same payload (unless the BagIt
        // manifest could not be read, which is already reported).
        let mark = self.checks.len();
        let cross_check = !self.unreadable.contains(PAYLOAD_MANIFEST_PATH);
        let sizes: HashMap<&str, u64> = entries.iter().map(|e| (e.name.as_str(), e.size)).collect();
        let mut described = BTreeSet::new();
        for f in manifest.items.iter().flat_map(|i| &i.files).filter(|_| cross_check) {
            described.insert(f.path.as_str());
            if payload_listed.get(&f.path) != Some(&f.sha256) {
                self.fail(
                    CheckCode::ManifestPayloadMismatch,
                    wording::checks::manifest_disagrees_with_listing(&f.path),
                    Some(&f.path),
                );
            } else if sizes.get(f.path.as_str()).is_some_and(|s| *s != f.size) {
                self.fail(
                    CheckCode::ManifestPayloadMismatch,
                    wording::checks::manifest_size_differs(&f.path, sizes[f.path.as_str()], f.size),
                    Some(&f.path),
                );
            }
        }
        for p in payload_listed.keys().filter(|p| !described.contains(p.as_str())) {
            self.fail(CheckCode::ManifestPayloadMismatch, wording::checks::listed_not_described(p), Some(p));
        }
        if let Some(info) = tags.get("bag-info.txt").and_then(|b| std::str::from_utf8(b).ok()) {
            let fields = bagit::parse_bag_info(info).unwrap_or_default();
            let value = |label: &str| fields.iter().find(|(k, _)| k == label).map(|(_, v)| v.clone());
            for (label, expected) in [
                ("External-Identifier", bagit::bag_info_value(&manifest.case.reference)),
                ("Internal-Sender-Identifier", manifest.bundle_id.clone()),
            ] {
                let found = value(label);
                if found.as_deref() != Some(expected.as_str()) {
                    self.fail(
                        CheckCode::BagitBagInfoMismatch,
                        wording::checks::bagit_bag_info_mismatch(
                            label,
                            found.unwrap_or_else(|| "absent".into()),
                            &expected,
                        ),
                        Some("bag-info.txt"),
                    );
                }
            }
        }
        if !self.failed_since(mark) {
            self.pass(CheckCode::ManifestValid, wording::checks::manifest_valid(), Some(MANIFEST_PATH));
        }
        let actor_names: HashMap<&str, &str> =
            manifest.actors.iter().rev().map(|x| (x.id.as_str(), x.name.as_str())).collect();
        for a in &manifest.attestations {
            let by = actor_names.get(a.by.as_str()).copied().unwrap_or(a.by.as_str());
            self.pass(
                CheckCode::AttestationValid,
                wording::checks::attestation_valid(&a.id, a.kind, by, a.items.join(", "), a.files.len()),
                Some(MANIFEST_PATH),
            );
        }
        let e = &mut self.report_extra;
        e.bundle_id = Some(manifest.bundle_id.clone());
        e.case_reference = Some(manifest.case.reference.clone());
        e.items = manifest
            .items
            .iter()
            .map(|i| ItemReport {
                id: i.id.clone(),
                label: i.label.clone(),
                exhibit: i.exhibit.clone(),
                files: i.files.len(),
                bytes: i.files.iter().fold(0u64, |a, f| a.saturating_add(f.size)),
                capture: i.capture.clone(),
            })
            .collect();
        e.payload = Some(PayloadReport {
            items: manifest.items.len(),
            files: manifest.items.iter().map(|i| i.files.len()).sum(),
            bytes: manifest.items.iter().flat_map(|i| &i.files).fold(0u64, |a, f| a.saturating_add(f.size)),
        });
        Some(manifest)
    }
}

/// Parses a signed JSON document strictly: typed, with unknown or repeated members
/// rejected, and, because serde's derived types also accept an object written as an array
/// of its values, with every array checked to stand where the document type has an array.
pub fn parse_document<T: serde::de::DeserializeOwned + Serialize>(bytes: &[u8]) -> Result<T, String> {
    let typed: T = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    let written: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    let canonical = serde_json::to_value(&typed).map_err(|e| e.to_string())?;
    if !same_shape(&written, &canonical) {
        return Err("an object is written as an array (a document must have one reading)".into());
    }
    Ok(typed)
}

/// Members whose type is an object that writers leave out when it is empty.
const OBJECTS_OMITTED_WHEN_EMPTY: &[&str] = &["capture", "restrictions", "scope", "contact", "environment"];

/// Whether every array in `written` stands where `canonical` (the same document
/// re-serialised from its type) has an array.
fn same_shape(written: &serde_json::Value, canonical: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (written, canonical) {
        (Value::Object(a), Value::Object(b)) => a.iter().all(|(k, v)| match b.get(k) {
            Some(w) => same_shape(v, w),
            // A member the type leaves out when empty: written empty, it is an empty list
            // (`"actors": []`), unless the member is an object (then `[]` would be an
            // object written as an array); a non-empty array would not have been left out.
            None => match v {
                Value::Array(items) => items.is_empty() && !OBJECTS_OMITTED_WHEN_EMPTY.contains(&k.as_str()),
                _ => true,
            },
        }),
        (Value::Array(a), Value::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_shape(x, y)),
        (Value::Array(_), _) => false,
        (Value::Object(_), _) => false,
        _ => true,
    }
}

/// Semantic rules of a manifest beyond its schema.
pub fn validate_manifest(m: &Manifest) -> Result<(), String> {
    if m.format != MANIFEST_FORMAT {
        return Err(format!("format is '{}', not {MANIFEST_FORMAT}", m.format));
    }
    if m.bundle_id.len() != 32 || !m.bundle_id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return Err("bundle_id is not 32 lowercase hex digits".into());
    }
    m.sealer.identity().validate().map_err(|e| format!("sealer: {e}"))?;
    crate::keys::check_text("case reference", &m.case.reference, 256).map_err(|e| e.to_string())?;
    if m.items.is_empty() {
        return Err("no items".into());
    }
    let mut paths = BTreeSet::new();
    for (i, item) in m.items.iter().enumerate() {
        if item.id != format!("item-{}", i + 1) {
            return Err(format!("item {} has id '{}', expected 'item-{}'", i + 1, item.id, i + 1));
        }
        if item.files.is_empty() {
            return Err(format!("{} has no files", item.id));
        }
        let prefix = format!("data/{}/", item.id);
        for f in &item.files {
            if !f.path.starts_with(&prefix) || crate::archive::check_name(&f.path).is_err() {
                return Err(format!("{}: file path '{}' is not a safe path under {prefix}", item.id, f.path));
            }
            if !paths.insert(f.path.as_str()) {
                return Err(format!("{} is described twice", f.path));
            }
        }
    }
    crate::manifest::rules::check(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{Fingerprint, Role};
    use crate::manifest::{Capture, Case, FileRecord, Item, Signer};

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
                capture: Capture::default(),
                files: vec![FileRecord {
                    path: "data/item-1/x".into(),
                    original_name: "x".into(),
                    size: 1,
                    media_type: "text/plain".into(),
                    sha256,
                    modified: None,
                    role: None,
                }],
            }],
        }
    }

    #[test]
    fn manifest_rules_beyond_the_schema() {
        assert_eq!(validate_manifest(&manifest()), Ok(()));
        let mut m = manifest();
        m.items[0].files.clear();
        assert!(validate_manifest(&m).unwrap_err().contains("no files"));
        let mut m = manifest();
        m.case.reference = "line\nbreak".into();
        assert!(validate_manifest(&m).unwrap_err().contains("case reference"));
        let mut m = manifest();
        m.items[0].id = "item-2".into();
        assert!(validate_manifest(&m).is_err());
        let mut m = manifest();
        m.items[0].files[0].path = "data/item-2/x".into();
        assert!(validate_manifest(&m).is_err(), "a file outside its item's directory");
        let mut m = manifest();
        let dup = m.items[0].files[0].clone();
        m.items[0].files.push(dup);
        assert!(validate_manifest(&m).unwrap_err().contains("twice"));
    }
}
