//! Key checks (spec §9.1 step 7 and the signature check): the bundled public key files,
//! keys claiming one person, and detached signatures by a signer.

use std::collections::{BTreeMap, HashMap};

use super::Verifier;
use super::wording;
use crate::check::CheckCode;
use crate::keys::{Fingerprint, PublicKeyFile};
use crate::layout::{KEYS_DIR, key_path, signature_path};
use crate::manifest::Signer;

impl Verifier {
    pub(super) fn read_keys(&mut self, tags: &BTreeMap<String, Vec<u8>>) -> HashMap<Fingerprint, PublicKeyFile> {
        let mut keys = HashMap::new();
        for (name, bytes) in tags.range(KEYS_DIR.to_string()..) {
            if !name.starts_with(KEYS_DIR) {
                break;
            }
            let parsed = std::str::from_utf8(bytes)
                .map_err(|_| crate::wording::documents::NOT_UTF8_TEXT.to_string())
                .and_then(|t| PublicKeyFile::from_file_text(t).map_err(|e| e.to_string()));
            match parsed {
                Ok(k) if k.identity.is_none() => {
                    self.fail(CheckCode::KeyInvalid, wording::checks::key_without_identity(name), Some(name))
                }
                Ok(k) => {
                    let fp = k.key.fingerprint();
                    if *name != key_path(&fp.hex()) {
                        self.fail(CheckCode::KeyInvalid, wording::checks::key_misnamed(name, fp), Some(name));
                    } else {
                        keys.insert(fp, k);
                    }
                }
                Err(e) => self.fail(CheckCode::KeyInvalid, wording::checks::key_unusable(name, &e), Some(name)),
            }
        }
        self.check_duplicate_identities(&keys);
        keys
    }

    /// Two keys claiming one person (spec §4.3): not forbidden (people get new keys), but the
    /// reader must know which key signed what, so it is a warning.
    pub(super) fn check_duplicate_identities(&mut self, keys: &HashMap<Fingerprint, PublicKeyFile>) {
        let fold = crate::names::identity_key;
        let mut by_person: BTreeMap<(String, String), Vec<(String, &PublicKeyFile)>> = BTreeMap::new();
        for (fp, k) in keys {
            if let Some(id) = &k.identity {
                by_person.entry((fold(&id.name), fold(&id.organisation))).or_default().push((fp.hex(), k));
            }
        }
        for mut same in by_person.into_values().filter(|v| v.len() > 1) {
            same.sort_by(|a, b| a.0.cmp(&b.0));
            let files: Vec<String> = same.iter().map(|(hex, _)| key_path(hex)).collect();
            let who = same[0].1.identity.as_ref().map(|i| i.describe()).unwrap_or_default();
            self.warn(
                CheckCode::KeyDuplicateIdentity,
                wording::checks::key_duplicate_identity(same.len(), &who, files.join(", ")),
                Some(&files[1]),
            );
        }
    }

    /// Checks a detached signature `path.sig` over `bytes` by `signer` (a statement's
    /// author, spec §5.7).
    pub(super) fn check_signature(
        &mut self,
        tags: &BTreeMap<String, Vec<u8>>,
        keys: &HashMap<Fingerprint, PublicKeyFile>,
        path: &str,
        bytes: &[u8],
        signer: &Signer,
    ) -> bool {
        self.check_signature_verified(tags, keys, path, signer, |key, sig| signature_verifies(key, bytes, sig))
    }

    /// Checks a detached signature `path.sig` by `signer`, with the cryptographic check
    /// `verifies` (given the signer's key and the signature; [`signature_verifies`]) done
    /// elsewhere: event signatures are verified up front, on every core, and their checks
    /// recorded here in order.
    pub(super) fn check_signature_verified(
        &mut self,
        tags: &BTreeMap<String, Vec<u8>>,
        keys: &HashMap<Fingerprint, PublicKeyFile>,
        path: &str,
        signer: &Signer,
        verifies: impl FnOnce(&PublicKeyFile, &[u8]) -> bool,
    ) -> bool {
        let sig_path = signature_path(path);
        let Some(sig) = tags.get(&sig_path) else {
            self.missing(CheckCode::SignatureMissing, &sig_path, wording::checks::signature_missing(path, &sig_path));
            return false;
        };
        let Some(key) = keys.get(&signer.fingerprint) else {
            self.fail(CheckCode::KeyMissing, wording::checks::key_missing(path, signer.fingerprint), Some(path));
            return false;
        };
        if let Some(id) = &key.identity
            && *id != signer.identity()
        {
            self.fail(
                CheckCode::SignatureSignerMismatch,
                wording::checks::signature_signer_mismatch(path, signer.identity().describe(), id.describe()),
                Some(path),
            );
        }
        if !verifies(key, sig) {
            self.fail(CheckCode::SignatureInvalid, wording::checks::signature_invalid(path, &signer.name), Some(path));
            return false;
        }
        true
    }
}

/// Whether `sig` is `key`'s signature over `bytes`.
pub(super) fn signature_verifies(key: &PublicKeyFile, bytes: &[u8], sig: &[u8]) -> bool {
    sig.len() == 64 && key.key.verify(bytes, sig)
}
