//! Step 8c (spec §5.13): a derived bundle's proofs. The carried parent seal event is checked
//! against its carried key; each carried case, restrictions, actor and item (its files
//! re-hashed at step 5, a redacted file counted as its original) is rebuilt as a leaf of the
//! parent's tree and walked up its audit path to the root the parent's sealer signed. Path
//! lengths and indices are checked before any hashing: cost is linear in the proofs.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::Verifier;
use super::keys::signature_verifies;
use super::report::SignerReport;
use crate::check::CheckCode;
use crate::commit::{self, Kind, MAX_TREE_SIZE, MIN_TREE_SIZE, canon, merkle};
use crate::digest::Sha256Digest;
use crate::event::{Event, EventType};
use crate::keys::PublicKeyFile;
use crate::layout::{MANIFEST_PATH, PARENT_FILES, PARENT_KEY_PATH, PARENT_SEAL_PATH, signature_path};
use crate::manifest::{COMMITMENT_SCHEME, Derivation, Manifest, Redaction, Signer};
use crate::wording::derivation as say;

/// What a derived bundle proved of its original (spec §5.13), when its derivation was proven
/// (`derivation.parent_proven`): whose seal and when, and which files are redacted copies.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct DerivedFrom {
    /// The original's `bundle_id`.
    pub bundle_id: String,
    /// Who sealed the original (the carried seal event's signer).
    pub sealed_by: Signer,
    /// The time the original's seal event claims (no trusted time is carried).
    pub sealed_at: crate::time::Timestamp,
    /// The files that are redacted copies, not the bytes the original's sealer signed; the
    /// rest are byte-identical to the original's.
    pub redacted: Vec<String>,
}

/// The parent's signed tree: its size and root.
struct Signed {
    tree_size: u64,
    root: merkle::Hash,
    signer: Signer,
    /// The time the parent seal event claims (no token is carried: never trusted time).
    time: crate::time::Timestamp,
}

impl Verifier {
    /// Checks `m`'s derivation, if any; parent files in a bundle that declares none fail.
    pub(super) fn check_derivation(&mut self, m: &Manifest, tags: &BTreeMap<String, Vec<u8>>) {
        let Some(d) = &m.derivation else {
            if let Some(p) = PARENT_FILES.iter().find(|p| tags.contains_key(**p)) {
                self.fail(CheckCode::DerivationParentSealInvalid, say::parent_files_without_derivation(p), Some(p));
            }
            return;
        };
        let Some(signed) = self.parent_seal(m, d, tags) else { return };
        self.parent_seal = Some((signed.signer.fingerprint, signed.time));
        // The parent's sealer is a signer the verdict relies on: the trust checks (step 12)
        // judge its key and identity like every other signer's.
        if !self.report_extra.signers.iter().any(|s| s.signer.fingerprint == signed.signer.fingerprint) {
            self.report_extra.signers.push(SignerReport { signer: signed.signer.clone(), trusted: None });
        }
        if !self.proofs_well_formed(d, &signed)
            || !self.proofs_cover(m, d)
            || !self.salts_distinct(d)
            || !self.redactions_valid(m, d)
        {
            return;
        }
        if self.leaves_included(m, d, &signed) {
            let message = say::proven(&d.parent_bundle_id, m.items.len());
            self.pass(CheckCode::DerivationParentProven, message, Some(MANIFEST_PATH));
            self.report_extra.derived_from = Some(DerivedFrom {
                bundle_id: d.parent_bundle_id.clone(),
                sealed_by: signed.signer,
                sealed_at: signed.time,
                redacted: d.redactions.iter().map(|r| r.path.clone()).collect(),
            });
        }
    }

    /// Step 8c.1: the carried parent seal event, its digest, shape, commitment and signature.
    fn parent_seal(&mut self, m: &Manifest, d: &Derivation, tags: &BTreeMap<String, Vec<u8>>) -> Option<Signed> {
        let code = CheckCode::DerivationParentSealInvalid;
        let sig_path = signature_path(PARENT_SEAL_PATH);
        for p in [PARENT_SEAL_PATH, sig_path.as_str(), PARENT_KEY_PATH] {
            if !tags.contains_key(p) {
                self.fail(code, say::parent_file_missing(p), Some(p));
                return None;
            }
        }
        let (bytes, sig, key_text) = (&tags[PARENT_SEAL_PATH], &tags[sig_path.as_str()], &tags[PARENT_KEY_PATH]);
        let found = Sha256Digest::of(bytes);
        if found != d.parent_seal_event_sha256 {
            self.fail(code, say::parent_seal_digest(d.parent_seal_event_sha256, found), Some(PARENT_SEAL_PATH));
            return None;
        }
        let unusable = |why: &str| say::parent_seal_unusable(why);
        let ev: Event = match crate::document::parse_document(bytes) {
            Ok(ev) => ev,
            Err(e) => {
                self.fail(code, unusable(&e), Some(PARENT_SEAL_PATH));
                return None;
            }
        };
        let why = if ev.event_type != EventType::Seal || ev.sequence != 0 {
            Some(say::PARENT_NOT_A_SEAL.to_owned())
        } else if ev.bundle_id != d.parent_bundle_id {
            Some(say::parent_other_bundle(&ev.bundle_id, &d.parent_bundle_id))
        } else if ev.files.iter().any(|f| PARENT_FILES.contains(&f.path.as_str())) {
            // A derived parent's redactions would be hidden from this bundle's reader.
            Some(say::PARENT_IS_DERIVED.to_owned())
        } else if d.parent_bundle_id == m.bundle_id {
            Some(say::PARENT_IS_SELF.to_owned())
        } else {
            None
        };
        if let Some(why) = why {
            self.fail(code, unusable(&why), Some(PARENT_SEAL_PATH));
            return None;
        }
        let signed = ev.commitment.as_ref().filter(|c| {
            c.scheme == COMMITMENT_SCHEME
                && c.tree_size.is_power_of_two()
                && (MIN_TREE_SIZE..=MAX_TREE_SIZE).contains(&c.tree_size)
        });
        let Some(signed) = signed else {
            self.fail(code, unusable(say::PARENT_NO_COMMITMENT), Some(PARENT_SEAL_PATH));
            return None;
        };
        let key = std::str::from_utf8(key_text)
            .map_err(|_| crate::wording::documents::NOT_UTF8_TEXT.to_string())
            .and_then(|t| PublicKeyFile::from_file_text(t).map_err(|e| e.to_string()));
        let key = match key {
            Ok(k) => k,
            Err(e) => {
                self.fail(code, unusable(&e), Some(PARENT_KEY_PATH));
                return None;
            }
        };
        let fp = key.key.fingerprint();
        let identity_differs = key.identity.as_ref().is_some_and(|id| *id != ev.signer.identity());
        if fp != ev.signer.fingerprint || identity_differs {
            self.fail(code, unusable(&say::parent_key_other(fp, ev.signer.fingerprint)), Some(PARENT_KEY_PATH));
            return None;
        }
        if !signature_verifies(&key, bytes, sig) {
            self.fail(code, unusable(say::PARENT_BAD_SIGNATURE), Some(PARENT_SEAL_PATH));
            return None;
        }
        Some(Signed { tree_size: signed.tree_size, root: signed.root.0, signer: ev.signer.clone(), time: ev.time })
    }

    /// Step 8c.2: every index inside the tree, in its place, used once; every path exactly
    /// log2(tree size) long. Checked before any hashing.
    fn proofs_well_formed(&mut self, d: &Derivation, signed: &Signed) -> bool {
        let depth = merkle::path_len(signed.tree_size).unwrap_or(0);
        let mut used = HashSet::new();
        for (what, index, path, place) in proofs(d) {
            let why = if index >= signed.tree_size {
                Some(say::index_out_of_range(index, signed.tree_size))
            } else if path.len() != depth {
                Some(say::path_length(path.len(), depth))
            } else if place.is_some_and(|p| p != index) || (place.is_none() && index < 2) || !used.insert(index) {
                Some(say::index_misplaced(index))
            } else {
                None
            };
            if let Some(why) = why {
                self.fail(CheckCode::DerivationProofInvalid, say::proof_malformed(what, why), Some(MANIFEST_PATH));
                return false;
            }
        }
        true
    }

    /// Step 8c.3: one proof per manifest item and actor, none for anything else.
    fn proofs_cover(&mut self, m: &Manifest, d: &Derivation) -> bool {
        let code = CheckCode::DerivationNotProven;
        let mut items: HashSet<&str> = m.items.iter().map(|i| i.id.as_str()).collect();
        let mut actors: HashSet<&str> = m.actors.iter().map(|a| a.id.as_str()).collect();
        for p in &d.items {
            if !items.remove(p.id.as_str()) {
                self.fail(code, say::proof_for_absent(&p.id), Some(MANIFEST_PATH));
                return false;
            }
        }
        for p in &d.actors {
            if !actors.remove(p.id.as_str()) {
                self.fail(code, say::proof_for_absent(format!("actor {}", p.id)), Some(MANIFEST_PATH));
                return false;
            }
        }
        let missing = m
            .items
            .iter()
            .map(|i| i.id.as_str())
            .find(|i| items.contains(i))
            .or_else(|| m.actors.iter().map(|a| a.id.as_str()).find(|a| actors.contains(a)));
        if let Some(id) = missing {
            self.fail(code, say::not_proven(id), Some(MANIFEST_PATH));
            return false;
        }
        true
    }

    /// Step 8c.4: every revealed salt and files key distinct and not all zeros.
    fn salts_distinct(&mut self, d: &Derivation) -> bool {
        let mut seen = HashSet::new();
        let salts = [("the case", &d.case.salt), ("the restrictions", &d.restrictions.salt)]
            .into_iter()
            .map(|(w, s)| (w.to_owned(), s))
            .chain(d.actors.iter().map(|a| (format!("actor {}", a.id), &a.salt)))
            .chain(d.items.iter().flat_map(|i| [(i.id.clone(), &i.salt), (format!("{}'s files", i.id), &i.files_key)]));
        for (what, s) in salts {
            if s.0 == [0; 32] || !seen.insert(s.0) {
                self.fail(CheckCode::DerivationSaltReused, say::salt_reused(what), Some(MANIFEST_PATH));
                return false;
            }
        }
        true
    }

    /// Step 8c.5: each redaction names a carried file once, agrees with its record, differs
    /// from its original, gives a reason and a valid redactor; each valid one is reported.
    fn redactions_valid(&mut self, m: &Manifest, d: &Derivation) -> bool {
        let code = CheckCode::DerivationRedactionInvalid;
        if d.redactions.len() > crate::manifest::derivation::MAX_REDACTIONS {
            let why = say::redactions_too_many(crate::manifest::derivation::MAX_REDACTIONS);
            self.fail(code, say::redaction_invalid("the bundle", why), Some(MANIFEST_PATH));
            return false;
        }
        // One path -> record map, built once: cost linear in files + redactions.
        let records: HashMap<&str, Sha256Digest> =
            m.items.iter().flat_map(|i| i.files.iter().map(|f| (f.path, *f.sha256))).collect();
        let mut seen = HashSet::new();
        for r in &d.redactions {
            let record = records.get(r.path.as_str());
            let why = match record {
                None => Some(say::REDACTION_NO_FILE.to_owned()),
                Some(_) if !seen.insert(r.path.as_str()) => Some(say::REDACTION_TWICE.to_owned()),
                Some(f) if *f != r.redacted_sha256 => Some(say::REDACTION_RECORD.to_owned()),
                Some(_) if r.original_sha256 == r.redacted_sha256 => Some(say::REDACTION_SAME.to_owned()),
                Some(_) => crate::manifest::rules::check_redaction_reason(&r.reason)
                    .err()
                    .or_else(|| r.by.identity().validate().err().map(|e| e.to_string())),
            };
            if let Some(why) = why {
                self.fail(code, say::redaction_invalid(&r.path, why), Some(&r.path));
                return false;
            }
        }
        for r in &d.redactions {
            let message = say::redacted(&r.path, r.original_sha256, r.by.identity().describe(), &r.reason);
            self.warn(CheckCode::DerivationRedacted, message, Some(&r.path));
        }
        true
    }

    /// Step 8c.6: each leaf rebuilt from what the bundle describes and walked to the root.
    fn leaves_included(&mut self, m: &Manifest, d: &Derivation, signed: &Signed) -> bool {
        let redacted: HashMap<&str, &Redaction> = d.redactions.iter().map(|r| (r.path.as_str(), r)).collect();
        let leaf = |s: &Sha256Digest, kind: Kind, body: Vec<u8>| commit::leaf(&s.0, kind, &body);
        let mut checks: Vec<(String, u64, merkle::Hash, &[Sha256Digest])> = vec![
            (
                "the case".into(),
                d.case.index,
                leaf(&d.case.salt, Kind::Case, canon::canonical_bytes(&m.case)),
                &d.case.audit_path,
            ),
            (
                "the restrictions".into(),
                d.restrictions.index,
                leaf(&d.restrictions.salt, Kind::Restrictions, canon::canonical_bytes(&m.restrictions)),
                &d.restrictions.audit_path,
            ),
        ];
        let actors: HashMap<&str, _> = m.actors.iter().map(|a| (a.id.as_str(), a)).collect();
        for p in &d.actors {
            if let Some(a) = actors.get(p.id.as_str()) {
                let l = leaf(&p.salt, Kind::Actor, canon::canonical_bytes(a));
                checks.push((format!("actor {}", p.id), p.index, l, &p.audit_path));
            }
        }
        let items: HashMap<&str, _> = m.items.iter().map(|i| (i.id.as_str(), i)).collect();
        for p in &d.items {
            let Some(item) = items.get(p.id.as_str()) else { continue };
            let mut files = merkle::Streaming::new();
            for (f, view) in item.files.iter().enumerate() {
                let mut record = view.to_record();
                if let Some(r) = redacted.get(view.path) {
                    record.sha256 = r.original_sha256;
                    record.size = r.original_size;
                }
                files.push(commit::file_leaf(&p.files_key.0, u32::try_from(f).unwrap_or(u32::MAX), &record));
            }
            let n = u32::try_from(files.len()).unwrap_or(u32::MAX);
            let l = commit::item_leaf(&p.salt.0, n, &files.root(), item);
            checks.push((p.id.clone(), p.index, l, &p.audit_path));
        }
        for (what, index, leaf, path) in checks {
            let path: Vec<merkle::Hash> = path.iter().map(|h| h.0).collect();
            if !merkle::verify_inclusion(index, signed.tree_size, &leaf, &path, &signed.root) {
                self.fail(CheckCode::DerivationProofInvalid, say::proof_fails(what), Some(MANIFEST_PATH));
                return false;
            }
        }
        true
    }
}

/// Every proof of `d`: what it proves, its index, its path, and the index it must have (the
/// case 0, the restrictions 1; `None`: any from 2).
fn proofs(d: &Derivation) -> impl Iterator<Item = (String, u64, &[Sha256Digest], Option<u64>)> {
    [("the case".to_owned(), &d.case, Some(0)), ("the restrictions".to_owned(), &d.restrictions, Some(1))]
        .into_iter()
        .map(|(w, p, place)| (w, p.index, p.audit_path.as_slice(), place))
        .chain(d.actors.iter().map(|a| (format!("actor {}", a.id), a.index, a.audit_path.as_slice(), None)))
        .chain(d.items.iter().map(|i| (i.id.clone(), i.index, i.audit_path.as_slice(), None)))
}
