//! Signed notes (C2SP `signed-note`, as Go's `golang.org/x/mod/sumdb/note` writes them): a
//! text, a blank line, then lines `— NAME BASE64(key id ‖ signature)`. Ed25519 only
//! (algorithm 0x01): key id = the first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key),
//! and the verifier key's text form `NAME+KEYID+BASE64(0x01 ‖ public key)`. Notes are read as
//! hostile input: bounded, strict, every failure a typed [`NoteError`]. The custody log signs
//! its checkpoints as notes (issue #20).

use base64ct::{Base64, Encoding as _};
use sha2::{Digest, Sha256};

use super::{KeyPair, PublicKey};
use crate::wording;

/// The largest note read (C2SP tlog-checkpoint suggests a few KiB; witnesses add lines).
pub const MAX_NOTE_BYTES: usize = 16 * 1024;
/// The most signature lines read from a note.
pub const MAX_SIGNATURES: usize = 32;
/// The algorithm byte of Ed25519 in signed-note.
pub const ALG_ED25519: u8 = 0x01;
/// The em dash and space that open a signature line (E2 80 94 20).
const SIG_PREFIX: &str = "\u{2014} ";

/// Why a note or verifier key was refused, or a note could not be signed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NoteError {
    #[error("{}", wording::log::note_too_large(*.0, MAX_NOTE_BYTES))]
    /// Longer than [`MAX_NOTE_BYTES`].
    TooLarge(usize),
    #[error("{}", wording::log::NOTE_NOT_UTF8)]
    /// Not UTF-8.
    NotUtf8,
    #[error("{}", wording::log::note_control_character(*.0))]
    /// A control character other than `\n` (a carriage return, a tab) at this byte.
    ControlCharacter(usize),
    #[error("{}", wording::log::note_malformed(.0))]
    /// No blank line before the signatures, no signature, text without its final newline.
    Malformed(&'static str),
    #[error("{}", wording::log::note_too_many_signatures(MAX_SIGNATURES))]
    /// More than [`MAX_SIGNATURES`] signature lines.
    TooManySignatures,
    #[error("{}", wording::log::note_bad_signature_line(*.line, .why))]
    /// A signature line that is not `— NAME BASE64`.
    BadSignatureLine {
        /// Its number among the signature lines, from 1.
        line: usize,
        /// What is wrong.
        why: &'static str,
    },
    #[error("{}", wording::log::note_not_signed(.name, *.key_id))]
    /// No signature line by the expected key (other signers' lines are ignored).
    NotSigned {
        /// The expected key's name.
        name: String,
        /// Its key id.
        key_id: u32,
    },
    #[error("{}", wording::log::note_bad_signature(.name, *.key_id))]
    /// A line by the expected key whose signature does not verify.
    BadSignature {
        /// The key's name.
        name: String,
        /// Its key id.
        key_id: u32,
    },
    #[error("{}", wording::log::bad_verifier_key(.0))]
    /// Text that is not a verifier key.
    BadVerifierKey(&'static str),
    #[error("{}", wording::log::bad_note_name(.0))]
    /// A key name that is empty or has a space or a `+`.
    BadName(&'static str),
    #[error("{}", wording::log::note_sign_failed(.0))]
    /// The key could not sign (a token or agent refused).
    Sign(String),
}

/// Whether `name` may name a key: not empty, no whitespace, no `+` (as Go's `note` checks).
pub fn check_name(name: &str) -> Result<(), NoteError> {
    if name.is_empty() {
        return Err(NoteError::BadName("it is empty"));
    }
    if name.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(NoteError::BadName("it contains a space or a control character"));
    }
    if name.contains('+') {
        return Err(NoteError::BadName("it contains '+'"));
    }
    Ok(())
}

/// The key id of an Ed25519 key named `name`: SHA-256(name ‖ 0x0A ‖ 0x01 ‖ key)[..4], big endian.
pub fn key_id(name: &str, key: &PublicKey) -> u32 {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update([b'\n', ALG_ED25519]);
    h.update(raw(key));
    let d = h.finalize();
    u32::from_be_bytes([d[0], d[1], d[2], d[3]])
}

/// The 32 raw bytes of an Ed25519 public key.
fn raw(key: &PublicKey) -> [u8; 32] {
    key.0.to_bytes()
}

/// Decodes standard padded base64, refusing any encoding but the canonical one.
pub fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let bytes = Base64::decode_vec(text).ok()?;
    (Base64::encode_string(&bytes) == text).then_some(bytes)
}

/// A verifier key: a name and the Ed25519 key that signs for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifierKey {
    name: String,
    key_id: u32,
    key: PublicKey,
}

impl VerifierKey {
    /// The verifier key of `key` under `name`.
    pub fn new(name: &str, key: PublicKey) -> Result<Self, NoteError> {
        check_name(name)?;
        Ok(VerifierKey { name: name.to_string(), key_id: key_id(name, &key), key })
    }

    /// Reads `NAME+KEYID+BASE64`, recomputing the key id.
    pub fn parse(text: &str) -> Result<Self, NoteError> {
        if text.len() > 1024 {
            return Err(NoteError::BadVerifierKey("it is too long"));
        }
        let mut parts = text.splitn(3, '+');
        let (Some(name), Some(id), Some(b64)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(NoteError::BadVerifierKey("it is not NAME+KEYID+KEY"));
        };
        check_name(name)?;
        if id.len() != 8 || !id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
            return Err(NoteError::BadVerifierKey("the key id is not 8 lowercase hex digits"));
        }
        let id = u32::from_str_radix(id, 16).map_err(|_| NoteError::BadVerifierKey("bad key id"))?;
        let bytes = decode_base64(b64).ok_or(NoteError::BadVerifierKey("the key is not canonical base64"))?;
        let (alg, raw) = bytes.split_first().ok_or(NoteError::BadVerifierKey("the key is empty"))?;
        if *alg != ALG_ED25519 {
            return Err(NoteError::BadVerifierKey("the key is not Ed25519 (algorithm 1)"));
        }
        let key = PublicKey::from_raw(raw).map_err(|_| NoteError::BadVerifierKey("not a usable Ed25519 public key"))?;
        let vk = VerifierKey::new(name, key)?;
        if vk.key_id != id {
            return Err(NoteError::BadVerifierKey("the key id is not the key's"));
        }
        Ok(vk)
    }

    /// The name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The key id.
    pub fn key_id(&self) -> u32 {
        self.key_id
    }

    /// The public key.
    pub fn key(&self) -> &PublicKey {
        &self.key
    }
}

impl std::fmt::Display for VerifierKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut bytes = vec![ALG_ED25519];
        bytes.extend_from_slice(&raw(&self.key));
        write!(f, "{}+{:08x}+{}", self.name, self.key_id, Base64::encode_string(&bytes))
    }
}

/// One signature line: its signer's name, key id and signature bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteSignature {
    /// The signer's name.
    pub name: String,
    /// The key id.
    pub key_id: u32,
    /// The signature (64 bytes for Ed25519; other algorithms' lengths are kept unread).
    pub signature: Vec<u8>,
}

/// A signed note as read: its text (with the final newline) and its signature lines, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The signed text, ending in `\n`.
    pub text: String,
    /// The signature lines.
    pub signatures: Vec<NoteSignature>,
}

impl Note {
    /// Reads a note strictly: at most [`MAX_NOTE_BYTES`], UTF-8, no control character but
    /// `\n`, the text then a blank line then 1 to [`MAX_SIGNATURES`] lines `— NAME BASE64`.
    pub fn parse(bytes: &[u8]) -> Result<Note, NoteError> {
        if bytes.len() > MAX_NOTE_BYTES {
            return Err(NoteError::TooLarge(bytes.len()));
        }
        let text = std::str::from_utf8(bytes).map_err(|_| NoteError::NotUtf8)?;
        if let Some((at, _)) = text.char_indices().find(|(_, c)| c.is_control() && *c != '\n') {
            return Err(NoteError::ControlCharacter(at));
        }
        let split = text.rfind("\n\n").ok_or(NoteError::Malformed("no blank line before the signatures"))?;
        let (body, sigs) = (&text[..split + 1], &text[split + 2..]);
        if sigs.is_empty() {
            return Err(NoteError::Malformed("no signature after the blank line"));
        }
        let Some(sigs) = sigs.strip_suffix('\n') else {
            return Err(NoteError::Malformed("the last signature line does not end with a newline"));
        };
        let mut signatures = Vec::new();
        for (n, line) in sigs.split('\n').enumerate() {
            if n == MAX_SIGNATURES {
                return Err(NoteError::TooManySignatures);
            }
            let bad = |why| NoteError::BadSignatureLine { line: n + 1, why };
            let rest = line.strip_prefix(SIG_PREFIX).ok_or(bad("it does not begin with '\u{2014} '"))?;
            let (name, b64) = rest.split_once(' ').ok_or(bad("no space between name and signature"))?;
            check_name(name).map_err(|_| bad("the name is empty or has a space or '+'"))?;
            let blob = decode_base64(b64).ok_or(bad("the signature is not canonical base64"))?;
            if blob.len() < 5 {
                return Err(bad("the signature is too short"));
            }
            let key_id = u32::from_be_bytes([blob[0], blob[1], blob[2], blob[3]]);
            signatures.push(NoteSignature { name: name.to_string(), key_id, signature: blob[4..].to_vec() });
        }
        Ok(Note { text: body.to_string(), signatures })
    }

    /// Checks that `key` signed the text: at least one line by its name and key id, and every
    /// such line verifies (`verify_strict`). Lines of other keys (cosigners) are ignored.
    pub fn verify(&self, key: &VerifierKey) -> Result<(), NoteError> {
        let mine: Vec<&NoteSignature> =
            self.signatures.iter().filter(|s| s.name == key.name && s.key_id == key.key_id).collect();
        if mine.is_empty() {
            return Err(NoteError::NotSigned { name: key.name.clone(), key_id: key.key_id });
        }
        for s in mine {
            if !key.key.verify(self.text.as_bytes(), &s.signature) {
                return Err(NoteError::BadSignature { name: key.name.clone(), key_id: key.key_id });
            }
        }
        Ok(())
    }
}

/// Signs `text` (non-empty, ending in `\n`, no control character but `\n`, no blank line)
/// with `key` under `name`, giving the whole note.
pub fn sign(text: &str, name: &str, key: &KeyPair) -> Result<String, NoteError> {
    check_name(name)?;
    if text.is_empty() || !text.ends_with('\n') || text.starts_with('\n') || text.contains("\n\n") {
        return Err(NoteError::Malformed("the text must be lines, each ending in a newline, none empty"));
    }
    if let Some((at, _)) = text.char_indices().find(|(_, c)| c.is_control() && *c != '\n') {
        return Err(NoteError::ControlCharacter(at));
    }
    let sig = key.sign(text.as_bytes()).map_err(|e| NoteError::Sign(e.to_string()))?;
    let mut blob = key_id(name, &key.public()).to_be_bytes().to_vec();
    blob.extend_from_slice(&sig);
    let note = format!("{text}\n{SIG_PREFIX}{name} {}\n", Base64::encode_string(&blob));
    if note.len() > MAX_NOTE_BYTES {
        return Err(NoteError::TooLarge(note.len()));
    }
    Ok(note)
}

#[cfg(test)]
mod tests;
