//! Checkpoints of the custody log (C2SP `tlog-checkpoint`): a signed note whose text is the
//! log's origin, the tree size in decimal, the tree head in base64, then optional extension
//! lines (the custody log writes none), signed by the log's key under the origin's name.
//!
//! ```text
//! court.example/custody-log
//! 41208
//! <base64 of the 32-byte root>
//!
//! — court.example/custody-log <base64(key id ‖ Ed25519 signature)>
//! ```

use base64ct::{Base64, Encoding as _};

use crate::commit::merkle::Hash;
use crate::keys::KeyPair;
use crate::keys::note::{self, Note, NoteError, VerifierKey, decode_base64};
use crate::wording;

/// The largest tree size a checkpoint may state (2^63 − 1, a signed 64-bit integer in SQL).
pub const MAX_TREE_SIZE: u64 = i64::MAX as u64;
/// The longest origin, in bytes (design §2).
pub const MAX_ORIGIN: usize = 255;
/// The most extension lines read.
pub const MAX_EXTENSIONS: usize = 16;

/// Why a checkpoint was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CheckpointError {
    #[error("{}", wording::log::checkpoint_note(.0))]
    /// The note is malformed, or not signed by the log's key.
    Note(#[from] NoteError),
    #[error("{}", wording::log::checkpoint_body(.0))]
    /// The text is not origin, size, root and extension lines.
    Body(&'static str),
    #[error("{}", wording::log::checkpoint_other_origin(.found, .expected))]
    /// Another log's checkpoint (its origin is not the key's name).
    OtherOrigin {
        /// The checkpoint's origin.
        found: String,
        /// The key's name.
        expected: String,
    },
    #[error("{}", wording::log::bad_origin(.0, MAX_ORIGIN))]
    /// An origin that is not 1 to [`MAX_ORIGIN`] printable ASCII characters without space or `+`.
    BadOrigin(String),
}

/// Checks a log's origin (design §2): 1 to [`MAX_ORIGIN`] bytes of printable ASCII, no space,
/// no `+` (so it is also a valid signed-note key name).
pub fn check_origin(origin: &str) -> Result<(), CheckpointError> {
    let ok =
        !origin.is_empty() && origin.len() <= MAX_ORIGIN && origin.bytes().all(|b| b.is_ascii_graphic() && b != b'+');
    if ok { Ok(()) } else { Err(CheckpointError::BadOrigin(origin.to_string())) }
}

/// A checkpoint's content: which log, how many leaves, which head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// The log's origin (its key's name).
    pub origin: String,
    /// The number of leaves.
    pub size: u64,
    /// The tree head.
    pub root: Hash,
    /// Extension lines, kept as read (signed with the rest).
    pub extensions: Vec<String>,
}

impl Checkpoint {
    /// The note text: origin, size, base64 root and extension lines, each ending in `\n`.
    pub fn body(&self) -> String {
        let mut text = format!("{}\n{}\n{}\n", self.origin, self.size, Base64::encode_string(&self.root));
        for e in &self.extensions {
            text.push_str(e);
            text.push('\n');
        }
        text
    }

    /// The signed note of this checkpoint, by `key` under the origin's name.
    pub fn sign(&self, key: &KeyPair) -> Result<String, CheckpointError> {
        if self.size > MAX_TREE_SIZE {
            return Err(CheckpointError::Body("the tree size is above 2^63 - 1"));
        }
        check_origin(&self.origin)?;
        Ok(note::sign(&self.body(), &self.origin, key)?)
    }

    /// Reads a checkpoint's text (strictly: a non-empty origin; the size in decimal without a
    /// leading zero, at most 2^63 − 1; the root in canonical padded base64 of 32 bytes; at most
    /// [`MAX_EXTENSIONS`] non-empty extension lines).
    pub fn parse_body(text: &str) -> Result<Checkpoint, CheckpointError> {
        let lines = text.strip_suffix('\n').ok_or(CheckpointError::Body("the text does not end with a newline"))?;
        let mut it = lines.split('\n');
        let origin = it.next().filter(|o| !o.is_empty()).ok_or(CheckpointError::Body("no origin line"))?;
        check_origin(origin)?;
        let size = it.next().ok_or(CheckpointError::Body("no tree size line"))?;
        let root = it.next().ok_or(CheckpointError::Body("no root hash line"))?;
        let extensions: Vec<String> = it.map(str::to_string).collect();
        if size.is_empty() || !size.bytes().all(|b| b.is_ascii_digit()) || (size.len() > 1 && size.starts_with('0')) {
            return Err(CheckpointError::Body("the tree size is not a decimal number without leading zeros"));
        }
        let size: u64 = size.parse().map_err(|_| CheckpointError::Body("the tree size is too large"))?;
        if size > MAX_TREE_SIZE {
            return Err(CheckpointError::Body("the tree size is above 2^63 - 1"));
        }
        let root: Hash = decode_base64(root)
            .and_then(|r| r.try_into().ok())
            .ok_or(CheckpointError::Body("the root is not 32 bytes in canonical base64"))?;
        if extensions.len() > MAX_EXTENSIONS {
            return Err(CheckpointError::Body("too many extension lines"));
        }
        if extensions.iter().any(String::is_empty) {
            return Err(CheckpointError::Body("an empty extension line"));
        }
        Ok(Checkpoint { origin: origin.to_string(), size, root, extensions })
    }

    /// Reads a signed checkpoint of the log whose key is `key`: the note parses, its origin is
    /// the key's name, and the key's signature verifies (other signatures are ignored).
    pub fn open(note: &[u8], key: &VerifierKey) -> Result<Checkpoint, CheckpointError> {
        let note = Note::parse(note)?;
        let cp = Checkpoint::parse_body(&note.text)?;
        if cp.origin != key.name() {
            return Err(CheckpointError::OtherOrigin { found: cp.origin, expected: key.name().to_string() });
        }
        note.verify(key)?;
        Ok(cp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commit::merkle::empty_root;
    use crate::keys::tests::alice;

    const ORIGIN: &str = "court.example/custody-log";

    fn key() -> KeyPair {
        KeyPair::from_seed(std::array::from_fn(|i| i as u8), alice())
    }

    #[test]
    fn a_signed_checkpoint_opens_with_its_key_and_no_other() {
        let k = key();
        let vk = VerifierKey::new(ORIGIN, k.public()).unwrap();
        let cp = Checkpoint { origin: ORIGIN.into(), size: 41208, root: [7; 32], extensions: vec![] };
        let signed = cp.sign(&k).unwrap();
        assert!(signed.starts_with(&format!("{ORIGIN}\n41208\nBwcH")));
        assert!(signed.contains(&format!("\n\n\u{2014} {ORIGIN} ")));
        assert_eq!(Checkpoint::open(signed.as_bytes(), &vk).unwrap(), cp);
        // The empty tree.
        let empty = Checkpoint { origin: ORIGIN.into(), size: 0, root: empty_root(), extensions: vec![] };
        let s = empty.sign(&k).unwrap();
        assert!(s.starts_with(&format!("{ORIGIN}\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n")));
        assert_eq!(Checkpoint::open(s.as_bytes(), &vk).unwrap(), empty);
        // Another key under the same name; the same key under another origin.
        let other = KeyPair::from_seed([3; 32], alice());
        let vk_other = VerifierKey::new(ORIGIN, other.public()).unwrap();
        assert!(matches!(
            Checkpoint::open(signed.as_bytes(), &vk_other),
            Err(CheckpointError::Note(NoteError::NotSigned { .. }))
        ));
        let vk_elsewhere = VerifierKey::new("other.example/log", k.public()).unwrap();
        assert!(matches!(Checkpoint::open(signed.as_bytes(), &vk_elsewhere), Err(CheckpointError::OtherOrigin { .. })));
        // Origins (design §2): printable ASCII, at most 255 bytes, no space, no '+'.
        assert!(check_origin(&"a".repeat(MAX_ORIGIN)).is_ok());
        for bad in ["", "has space", "a+b", "tab\there", "caf\u{e9}", "x\u{7f}"] {
            let e = check_origin(bad).unwrap_err();
            assert!(matches!(e, CheckpointError::BadOrigin(_)), "{bad:?}");
            assert!(e.to_string().contains("255"), "{e}");
        }
        assert!(check_origin(&"a".repeat(MAX_ORIGIN + 1)).is_err());
        let spaced = Checkpoint { origin: "a b".into(), size: 0, root: empty_root(), extensions: vec![] };
        assert!(matches!(spaced.sign(&key()), Err(CheckpointError::BadOrigin(_))));
        assert!(matches!(Checkpoint::parse_body("a+b\n0\nAAAA\n"), Err(CheckpointError::BadOrigin(_))));
        // A changed size or root.
        let rolled = signed.replacen("41208", "41207", 1);
        assert!(matches!(
            Checkpoint::open(rolled.as_bytes(), &vk),
            Err(CheckpointError::Note(NoteError::BadSignature { .. }))
        ));
        // Extension lines are signed with the rest and read back.
        let ext = Checkpoint { extensions: vec!["— note".into()], ..cp.clone() };
        assert_eq!(Checkpoint::open(ext.sign(&k).unwrap().as_bytes(), &vk).unwrap(), ext);
    }

    #[test]
    fn malformed_bodies_are_refused() {
        let root = Base64::encode_string(&[7u8; 32]);
        for bad in [
            format!("o\n041208\n{root}\n"),
            format!("o\n+5\n{root}\n"),
            format!("o\n\n{root}\n"),
            format!("o\n9223372036854775808\n{root}\n"),
            format!("o\n99999999999999999999\n{root}\n"),
            format!("o\n5\n{}\n", Base64::encode_string(&[7u8; 31])),
            format!("o\n5\n{}\n", root.trim_end_matches('=')),
            format!("o\n5\n{root}"),
            "o\n5\n".to_string(),
            format!("\n5\n{root}\n"),
            format!("o\n5\n{root}\n\n"),
            format!("o\n5\n{root}\n{}", "x\n".repeat(17)),
        ] {
            assert!(matches!(Checkpoint::parse_body(&bad), Err(CheckpointError::Body(_))), "{bad:?}");
        }
        assert_eq!(Checkpoint::parse_body(&format!("o\n9223372036854775807\n{root}\n")).unwrap().size, MAX_TREE_SIZE);
        let too_big = Checkpoint { origin: "o".into(), size: MAX_TREE_SIZE + 1, root: [0; 32], extensions: vec![] };
        assert!(too_big.sign(&key()).is_err());
    }
}
