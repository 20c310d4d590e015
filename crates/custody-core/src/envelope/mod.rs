//! Encryption for transport (issue #18.2): a bundle encrypted to its recipients in the age
//! format (age-encryption.org/v1), which stock `age` and `rage` decrypt, and read back
//! decrypted as it goes ([`DecryptedSource`]: seekable, so the verifier reads it as it reads
//! a file, with no plaintext copy on disk).
//!
//! Recipients are age X25519 recipients (`age1...`). A custody Ed25519 key converts to one by
//! the standard birational map (RFC 7748's Montgomery form of the Edwards point; the private
//! scalar is the first half of SHA-512 of the seed, as RFC 8032 derives the signing scalar),
//! so a party's published `.pub` file is also an encryption recipient and its private key
//! file decrypts (in memory only: the converted scalar is the Ed25519 signing scalar, so it
//! is never written anywhere). The same key then signs and decrypts; the recommended setup
//! is a separate age identity ([`generate_identity`], `custody keygen --age`). A key on a
//! token or in an agent cannot decrypt: its holder publishes a separate X25519 recipient.

mod source;

use std::io::{self, Read, Write};
use std::str::FromStr;

use age::secrecy::ExposeSecret;
use zeroize::Zeroizing;

use crate::keys::{KeyPair, PublicKey};
use crate::wording::{Front, envelope as say};

pub use source::{Damage, DecryptedSource};

/// What to tell a user whose transfer was recorded but whose encrypted copy failed (the
/// catalogue's sentence, for the command line).
pub use crate::wording::envelope::encrypt_after_transfer;

/// The first bytes of every binary age file (age-encryption.org/v1).
pub const AGE_MAGIC: &[u8] = b"age-encryption.org/";

/// The first bytes of an ASCII-armoured age file.
const ARMOR_MAGIC: &[u8] = b"-----BEGIN AGE ENCRYPTED FILE-----";

/// The longest header accepted: a header names one stanza per recipient (about 150 bytes
/// each), so 64 KiB is hundreds of recipients. The header is scanned once before age parses
/// it (age re-parses the header after every line it reads, which costs quadratic time in a
/// long header), so a hostile header costs no more than this.
pub const MAX_HEADER: usize = 64 << 10;

/// The most recipient stanzas accepted in a header: custody encrypts to a few parties, and
/// stock age to as many as are named; more than this is refused before age parses it.
pub const MAX_STANZAS: usize = 64;

/// Why a bundle could not be encrypted or an encrypted one opened.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EnvelopeError {
    /// The file is not an age file.
    #[error("{}", say::not_encrypted(Front::Library))]
    NotEncrypted,
    /// The file is an ASCII-armoured age file.
    #[error("{}", say::ARMORED)]
    Armored,
    /// The age header cannot be read.
    #[error("{}", say::bad_header(.0))]
    BadHeader(String),
    /// The file was encrypted with a passphrase (`age -p`), which custody does not take.
    #[error("{}", say::PASSPHRASE)]
    Passphrase,
    /// No identity given opens the file.
    #[error("{}", say::no_matching_identity(Front::Library))]
    NoMatchingIdentity,
    /// The ciphertext fails authentication: truncated, tampered with, damaged.
    #[error("{}", say::damaged(.0))]
    Damaged(String),
    /// A recipient is refused.
    #[error("{}", say::bad_recipient(recipient, why))]
    BadRecipient {
        /// The recipient as given (escaped by the caller before it is shown).
        recipient: String,
        /// Why.
        why: String,
    },
    /// An identity is refused.
    #[error("{}", say::bad_identity(.0))]
    BadIdentity(String),
    /// The key is on a token or in an agent, which cannot decrypt.
    #[error("{}", say::held_elsewhere(Front::Library))]
    HeldElsewhere,
    /// An encrypted file was given where no identity was.
    #[error("{}", say::needs_identity(Front::Library))]
    NeedsIdentity,
    /// The encryption failed.
    #[error("{}", say::encrypt_failed(.0))]
    Encrypt(String),
    /// Reading or writing failed.
    #[error("{}", say::io_failed(.0))]
    Io(#[from] io::Error),
}

impl EnvelopeError {
    /// The error's text worded for `front`: its `Display` text, except that the command
    /// line's words name its options where the library's speak of its own.
    pub fn worded(&self, front: Front) -> String {
        match self {
            EnvelopeError::NotEncrypted => say::not_encrypted(front),
            EnvelopeError::NoMatchingIdentity => say::no_matching_identity(front),
            EnvelopeError::HeldElsewhere => say::held_elsewhere(front),
            EnvelopeError::NeedsIdentity => say::needs_identity(front),
            _ => self.to_string(),
        }
    }
}

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Kind {
    /// A binary age file.
    Age,
    /// An ASCII-armoured age file.
    ArmoredAge,
    /// Anything else (a bundle, or not).
    Other,
}

/// What `head` (the first bytes of a file, at least 34 if the file has them) says the file is.
pub fn kind_of(head: &[u8]) -> Kind {
    if head.starts_with(AGE_MAGIC) {
        Kind::Age
    } else if head.starts_with(ARMOR_MAGIC) {
        Kind::ArmoredAge
    } else {
        Kind::Other
    }
}

/// Refuses an encrypted file where a plain bundle is opened (for update, or without an
/// identity): [`EnvelopeError::NeedsIdentity`] for an age file, [`EnvelopeError::Armored`]
/// for an armoured one, instead of whatever the ZIP reader makes of it. Reads the first bytes
/// and puts the file's position back at its start.
pub fn refuse_encrypted(file: &std::fs::File) -> Result<(), EnvelopeError> {
    use std::io::Seek;
    let mut head = Vec::with_capacity(ARMOR_MAGIC.len());
    let mut reader = file;
    reader.take(ARMOR_MAGIC.len() as u64).read_to_end(&mut head)?;
    reader.seek(io::SeekFrom::Start(0))?;
    match kind_of(&head) {
        Kind::Age => Err(EnvelopeError::NeedsIdentity),
        Kind::ArmoredAge => Err(EnvelopeError::Armored),
        Kind::Other => Ok(()),
    }
}

/// Encryption recipients: age X25519 public keys.
#[derive(Clone, Default)]
pub struct Recipients(Vec<age::x25519::Recipient>);

impl std::fmt::Debug for Recipients {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.0.iter().map(|r| r.to_string())).finish()
    }
}

impl Recipients {
    /// No recipient yet.
    pub fn new() -> Self {
        Self::default()
    }
    /// Whether none was added.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// The recipients as age writes them (`age1...`).
    pub fn to_strings(&self) -> Vec<String> {
        self.0.iter().map(|r| r.to_string()).collect()
    }
    /// Adds an age X25519 recipient given as text (`age1...`).
    pub fn add_text(&mut self, text: &str) -> Result<(), EnvelopeError> {
        let r = parse_recipient(text.trim())
            .map_err(|why| EnvelopeError::BadRecipient { recipient: text.trim().to_owned(), why })?;
        self.0.push(r);
        Ok(())
    }
    /// Adds the X25519 recipient of a custody Ed25519 public key (the standard conversion);
    /// refused if it is of low order (a hostile or broken public key).
    pub fn add_key(&mut self, key: &PublicKey) -> Result<(), EnvelopeError> {
        let text = x25519_recipient_text(key)?;
        let r = parse_recipient(&text)
            .map_err(|why| EnvelopeError::BadRecipient { recipient: key.fingerprint().to_string(), why })?;
        self.0.push(r);
        Ok(())
    }
    /// Adds the recipients of a file's text: a custody public key file (PEM), or an age
    /// recipients file (one `age1...` a line; `#` comments and blank lines skipped). `name`
    /// names the file in errors.
    pub fn add_file_text(&mut self, name: &str, text: &str) -> Result<(), EnvelopeError> {
        let refuse = |why: String| EnvelopeError::BadRecipient { recipient: name.to_owned(), why };
        if text.contains("-----BEGIN") {
            if text.contains("PRIVATE KEY-----") {
                return Err(refuse(say::PRIVATE_AS_RECIPIENT.into()));
            }
            let file = crate::keys::PublicKeyFile::from_file_text(text).map_err(|e| refuse(e.to_string()))?;
            let text = x25519_recipient_text(&file.key)?;
            self.0.push(parse_recipient(&text).map_err(refuse)?);
            return Ok(());
        }
        let before = self.0.len();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with("ssh-") {
                return Err(refuse(say::SSH_RECIPIENT.into()));
            }
            let r = parse_recipient(line).map_err(|why| refuse(say::bad_recipient_line(n + 1, why)))?;
            self.0.push(r);
        }
        if self.0.len() == before {
            return Err(refuse(say::NO_RECIPIENT.into()));
        }
        Ok(())
    }
}

/// The u-coordinates (little-endian) of the points of small order on Curve25519 and its twist:
/// 0, 1, p - 1 and the two of order 8. X25519 with any of them gives all zeros, whatever the
/// scalar, and age panics on that ("Generated the all-zero esk").
const LOW_ORDER: [[u8; 32]; 5] = [
    [0; 32],
    [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    [
        0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f,
    ],
    [
        0xe0, 0xeb, 0x7a, 0x7c, 0x3b, 0x41, 0xb8, 0xae, 0x16, 0x56, 0xe3, 0xfa, 0xf1, 0x9f, 0xc4, 0x6a, 0xda, 0x09,
        0x8d, 0xeb, 0x9c, 0x32, 0xb1, 0xfd, 0x86, 0x62, 0x05, 0x16, 0x5f, 0x49, 0xb8, 0x00,
    ],
    [
        0x5f, 0x9c, 0x95, 0xbc, 0xa3, 0x50, 0x8c, 0x24, 0xb1, 0xd0, 0xb1, 0x55, 0x9c, 0x83, 0xef, 0x5b, 0x04, 0x44,
        0x5c, 0xc4, 0x58, 0x1c, 0x8e, 0x86, 0xd8, 0x22, 0x4e, 0xdd, 0xd0, 0x9f, 0x11, 0x57,
    ],
];

/// Whether the little-endian `u` is at least p = 2^255 - 19 (a non-canonical encoding, which
/// X25519 reduces; with the top bit set, which it ignores).
fn at_least_p(u: &[u8; 32]) -> bool {
    // p, most significant byte first: 7f ff .. ff ed.
    for i in (0..32).rev() {
        let p = match i {
            31 => 0x7f,
            0 => 0xed,
            _ => 0xff,
        };
        if u[i] != p {
            return u[i] > p;
        }
    }
    true
}

/// Parses an age X25519 recipient (`age1...`), refusing what age would panic on or misuse: a
/// u-coordinate that is not canonical (≥ p) or of low order (X25519 with it is all zeros).
/// The error is why, for [`EnvelopeError::BadRecipient`].
fn parse_recipient(text: &str) -> Result<age::x25519::Recipient, String> {
    let r = age::x25519::Recipient::from_str(text).map_err(|e| e.to_string())?;
    let (_, bytes) = bech32::decode(text).map_err(|e| e.to_string())?;
    let u: [u8; 32] = bytes.as_slice().try_into().map_err(|_| say::RECIPIENT_LENGTH.to_owned())?;
    if at_least_p(&u) {
        return Err(say::RECIPIENT_NOT_CANONICAL.into());
    }
    if LOW_ORDER.contains(&u) {
        return Err(say::RECIPIENT_LOW_ORDER.into());
    }
    Ok(r)
}

/// The age X25519 recipient (`age1...`) of a custody Ed25519 public key: the Montgomery form
/// of its Edwards point (RFC 7748 §4.1's birational map), in age's Bech32 encoding.
pub fn x25519_recipient_text(key: &PublicKey) -> Result<String, EnvelopeError> {
    bech32_text("age", &key.x25519_public(), false)
}

/// The age identity (`AGE-SECRET-KEY-1...`) of a custody private key: the first 32 bytes of
/// SHA-512 of the seed (the scalar Ed25519 signs with, before clamping; X25519 clamps it), in
/// age's Bech32 encoding, upper case. `None` for a key held by a token or an agent. Private
/// to this module: this text signs as the key's holder, so it is only ever parsed in memory.
fn x25519_identity_text(key: &KeyPair) -> Result<Option<Zeroizing<String>>, EnvelopeError> {
    let Some(secret) = key.x25519_secret() else {
        return Ok(None);
    };
    Ok(Some(Zeroizing::new(bech32_text("age-secret-key-", &secret, true)?)))
}

/// `bytes` in Bech32 under the human-readable part `hrp` (age's encoding of keys).
fn bech32_text(hrp: &str, bytes: &[u8; 32], upper: bool) -> Result<String, EnvelopeError> {
    let hrp = bech32::Hrp::parse(hrp).map_err(|e| EnvelopeError::Encrypt(e.to_string()))?;
    let text = bech32::encode::<bech32::Bech32>(hrp, bytes).map_err(|e| EnvelopeError::Encrypt(e.to_string()))?;
    Ok(if upper { text.to_ascii_uppercase() } else { text })
}

/// Identities that decrypt: age X25519 identities.
#[derive(Default)]
pub struct Identities(Vec<age::x25519::Identity>);

impl std::fmt::Debug for Identities {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Identities({})", self.0.len())
    }
}

impl Identities {
    /// No identity yet.
    pub fn new() -> Self {
        Self::default()
    }
    /// Whether none was added.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Adds the X25519 identity of a custody private key (the standard conversion).
    pub fn add_key(&mut self, key: &KeyPair) -> Result<(), EnvelopeError> {
        let text = x25519_identity_text(key)?.ok_or(EnvelopeError::HeldElsewhere)?;
        let id = age::x25519::Identity::from_str(&text).map_err(|e| EnvelopeError::BadIdentity(e.to_string()))?;
        self.0.push(id);
        Ok(())
    }
    /// Adds the identities of an age identity file's text (`AGE-SECRET-KEY-1...` a line; `#`
    /// comments and blank lines skipped).
    pub fn add_file_text(&mut self, text: &str) -> Result<(), EnvelopeError> {
        let before = self.0.len();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let id = age::x25519::Identity::from_str(line)
                .map_err(|_| EnvelopeError::BadIdentity(say::bad_identity_line(n + 1)))?;
            self.0.push(id);
        }
        if self.0.len() == before {
            return Err(EnvelopeError::BadIdentity(say::bad_identity_line(1)));
        }
        Ok(())
    }
    /// Whether `text` looks like an age identity file rather than a custody key file.
    pub fn is_age_identity_text(text: &str) -> bool {
        text.lines().any(|l| l.trim_start().starts_with("AGE-SECRET-KEY-1"))
    }
    fn as_dyn(&self) -> impl Iterator<Item = &dyn age::Identity> {
        self.0.iter().map(|i| i as &dyn age::Identity)
    }
}

/// A new random X25519 identity, never derived from a signing key (key separation): the
/// identity file's text (age's form, with the comments `age-keygen` writes) and its
/// recipient (`age1...`).
pub fn generate_identity(created: &str) -> (Zeroizing<String>, String) {
    let id = age::x25519::Identity::generate();
    let recipient = id.to_public().to_string();
    let text = format!("# created: {created}\n# public key: {recipient}\n{}\n", id.to_string().expose_secret());
    (Zeroizing::new(text), recipient)
}

/// Encrypts all of `input` to `recipients` into `output`, as one age file; returns the bytes
/// read. `output` holds a complete age file only when this returns `Ok`.
pub fn encrypt<R: Read, W: Write>(recipients: &Recipients, mut input: R, output: W) -> Result<(u64, W), EnvelopeError> {
    if recipients.is_empty() {
        return Err(EnvelopeError::Encrypt(say::NO_RECIPIENT.into()));
    }
    let encryptor = age::Encryptor::with_recipients(recipients.0.iter().map(|r| r as &dyn age::Recipient))
        .map_err(|e| EnvelopeError::Encrypt(e.to_string()))?;
    let mut writer = encryptor.wrap_output(output)?;
    let n = io::copy(&mut input, &mut writer)?;
    let output = writer.finish()?;
    Ok((n, output))
}

/// Decrypts all of `input` with `identities` into `output`; returns the bytes written. Every
/// chunk is authenticated before it is written, but a damaged chunk is found only when it is
/// reached: the caller writes to a temporary file and keeps it only on `Ok`.
pub fn decrypt<R: Read + io::Seek, W: Write>(
    identities: &Identities,
    input: R,
    mut output: W,
) -> Result<u64, EnvelopeError> {
    let mut reader = open_stream(identities, input)?;
    let mut buf = vec![0u8; 1 << 16];
    let mut total = 0u64;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(stream_error(e)),
        };
        output.write_all(&buf[..n])?;
        total += n as u64;
    }
    output.flush()?;
    Ok(total)
}

/// Opens the age stream of `input` with `identities`: the header checked (at most
/// [`MAX_HEADER`] bytes), the file key unwrapped; the payload is authenticated chunk by chunk
/// as it is read.
fn open_stream<R: Read + io::Seek>(
    identities: &Identities,
    mut input: R,
) -> Result<age::stream::StreamReader<io::BufReader<R>>, EnvelopeError> {
    let mut head = Vec::with_capacity(4096);
    (&mut input).take(MAX_HEADER as u64).read_to_end(&mut head)?;
    match kind_of(&head) {
        Kind::Age => {}
        Kind::ArmoredAge => return Err(EnvelopeError::Armored),
        Kind::Other => return Err(EnvelopeError::NotEncrypted),
    }
    check_header_shape(&head)?;
    input.seek(io::SeekFrom::Start(0))?;
    let decryptor = age::Decryptor::new_buffered(io::BufReader::with_capacity(1 << 16, input)).map_err(header_error)?;
    decryptor.decrypt(identities.as_dyn()).map_err(header_error)
}

/// Scans the header once, before age parses it: it must end (its MAC line, `--- `) within
/// [`MAX_HEADER`] bytes and name at most [`MAX_STANZAS`] stanzas (lines `-> `). `head` is the
/// file's first bytes, at most `MAX_HEADER` of them.
fn check_header_shape(head: &[u8]) -> Result<(), EnvelopeError> {
    let mut stanzas = 0usize;
    let mut at = 0usize;
    while at < head.len() {
        let Some(n) = head[at..].iter().position(|&b| b == b'\n') else {
            break;
        };
        let line = &head[at..at + n];
        if line.starts_with(b"--- ") {
            return Ok(());
        }
        if line.starts_with(b"-> ") {
            // A passphrase stanza (age spec: scrypt is alone in its header): said plainly here,
            // where age would only say that no identity matched.
            if line.starts_with(b"-> scrypt ") {
                return Err(EnvelopeError::Passphrase);
            }
            stanzas += 1;
            if stanzas > MAX_STANZAS {
                return Err(EnvelopeError::BadHeader(say::too_many_stanzas(MAX_STANZAS)));
            }
        }
        at += n + 1;
    }
    if head.len() >= MAX_HEADER {
        Err(EnvelopeError::BadHeader(say::header_too_long(MAX_HEADER)))
    } else {
        Err(EnvelopeError::BadHeader(say::HEADER_CUT_SHORT.into()))
    }
}

fn header_error(e: age::DecryptError) -> EnvelopeError {
    match e {
        age::DecryptError::NoMatchingKeys => EnvelopeError::NoMatchingIdentity,
        age::DecryptError::Io(e)
            if e.kind() != io::ErrorKind::UnexpectedEof && e.kind() != io::ErrorKind::InvalidData =>
        {
            EnvelopeError::Io(e)
        }
        age::DecryptError::UnknownFormat => EnvelopeError::BadHeader(say::UNKNOWN_VERSION.into()),
        other => EnvelopeError::BadHeader(other.to_string()),
    }
}

/// A read error of the payload: authentication failures (age reports them as `InvalidData`)
/// and a stream cut short are damage; anything else is the disk's.
fn stream_error(e: io::Error) -> EnvelopeError {
    match e.kind() {
        io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof => EnvelopeError::Damaged(e.to_string()),
        _ => EnvelopeError::Io(e),
    }
}

#[cfg(test)]
mod tests;
