//! The text of key files (spec §4.1): the identity header and the PEM block, read strictly
//! and written in the one form custody writes.

use super::{Fingerprint, Identity, KeyError, PublicKey};

/// A key file that names where its private key is held (a token, an agent) instead of
/// holding it: the identity header, `Key-Location: LOCATION`, and the public key (spec §4.1).
#[derive(Debug, Clone)]
pub struct KeyLocationFile {
    /// Who holds the key.
    pub identity: Identity,
    /// The public key: every signature the device makes is checked against it.
    pub public: PublicKey,
    /// Where the private key is (`pkcs11:...`, `ssh-agent:...`).
    pub location: String,
}

impl KeyLocationFile {
    /// The location file `text` is, or `None` if it is another kind of key file.
    pub fn from_file_text(text: &str) -> Result<Option<Self>, KeyError> {
        let parsed = parse_key_file(text)?;
        let Some(location) = field(&parsed.fields, "key-location") else { return Ok(None) };
        if parsed.label != "PUBLIC KEY" {
            return Err(KeyError::BadLocation {
                location: location.into(),
                why: format!("a location file holds a PUBLIC KEY block, not {}", parsed.label),
            });
        }
        let public = PublicKey::from_spki_der(&parsed.der)?;
        check_header_fingerprint(&parsed.fields, &public)?;
        let identity = identity_from_fields(&parsed.fields)?.ok_or(KeyError::NoIdentity)?;
        Ok(Some(KeyLocationFile { identity, public, location: location.to_owned() }))
    }
}

pub(super) fn identity_header(id: &Identity, fp: &Fingerprint) -> String {
    format!(
        "Custody-Key-Version: 1\nName: {}\nOrganisation: {}\nRole: {}\nJurisdiction: {}\nFingerprint: {}\n",
        id.name, id.organisation, id.role, id.jurisdiction, fp
    )
}

pub(super) fn pem_encode(label: &str, der: &[u8]) -> String {
    // Encoding into a String cannot fail for these small, fixed-size inputs.
    pem_rfc7468::encode_string(label, pem_rfc7468::LineEnding::LF, der).unwrap_or_default()
}

pub(super) struct ParsedKeyFile {
    pub(super) fields: Vec<(String, String)>,
    pub(super) label: String,
    pub(super) der: Vec<u8>,
}

impl Drop for ParsedKeyFile {
    fn drop(&mut self) {
        self.der.fill(0);
    }
}

pub(super) fn parse_key_file(text: &str) -> Result<ParsedKeyFile, KeyError> {
    let Some(begin) = text.find("-----BEGIN ") else {
        // An age file given where a custody key file is wanted: say which it is.
        let age = text.lines().map(str::trim).find(|l| l.starts_with("age1") || l.starts_with("AGE-SECRET-KEY-1"));
        return Err(match age {
            Some(l) if l.starts_with("age1") => KeyError::AgeRecipient,
            Some(_) => KeyError::AgeIdentity,
            None => KeyError::NoPem,
        });
    };
    let mut fields: Vec<(String, String)> = Vec::new();
    for (i, line) in text[..begin].lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (k, v) = line
            .split_once(':')
            .filter(|(k, _)| !k.is_empty() && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
            .ok_or_else(|| KeyError::BadHeader { line: i + 1, text: line.chars().take(80).collect() })?;
        let k = k.to_ascii_lowercase();
        if fields.iter().any(|(f, _)| *f == k) {
            return Err(KeyError::DuplicateHeader(k));
        }
        fields.push((k, v.trim().to_owned()));
    }
    let pem = text[begin..].trim_end();
    let (label, der) = pem_rfc7468::decode_vec(pem.as_bytes()).map_err(|e| KeyError::BadPem(e.to_string()))?;
    Ok(ParsedKeyFile { fields, label: label.to_owned(), der })
}

pub(super) fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

pub(super) fn check_header_fingerprint(fields: &[(String, String)], key: &PublicKey) -> Result<(), KeyError> {
    if let Some(v) = field(fields, "custody-key-version")
        && v != "1"
    {
        return Err(KeyError::BadHeader { line: 1, text: format!("Custody-Key-Version: {v} (this version reads 1)") });
    }
    if let Some(claimed) = field(fields, "fingerprint") {
        let actual = key.fingerprint().to_string();
        if claimed != actual {
            return Err(KeyError::FingerprintMismatch { claimed: claimed.into(), actual });
        }
    }
    Ok(())
}

pub(super) fn identity_from_fields(fields: &[(String, String)]) -> Result<Option<Identity>, KeyError> {
    let get = |n| field(fields, n);
    match (get("name"), get("organisation"), get("role"), get("jurisdiction")) {
        (None, None, None, None) => Ok(None),
        (name, org, role, jur) => {
            let id = Identity {
                name: name.unwrap_or_default().into(),
                organisation: org.unwrap_or_default().into(),
                role: role.unwrap_or_default().parse()?,
                jurisdiction: jur.unwrap_or_default().into(),
            };
            id.validate()?;
            Ok(Some(id))
        }
    }
}

impl super::PublicKeyFile {
    /// Reads a public key file as spec §4.1 says (a plain PEM key without identity too).
    pub fn from_file_text(text: &str) -> Result<Self, KeyError> {
        let parsed = parse_key_file(text)?;
        let key = match parsed.label.as_str() {
            "PUBLIC KEY" => PublicKey::from_spki_der(&parsed.der)?,
            "PRIVATE KEY" | "ENCRYPTED PRIVATE KEY" => return Err(KeyError::PrivateWherePublicExpected),
            other => return Err(KeyError::UnsupportedLabel(other.into())),
        };
        check_header_fingerprint(&parsed.fields, &key)?;
        Ok(super::PublicKeyFile { key, identity: identity_from_fields(&parsed.fields)? })
    }
}
