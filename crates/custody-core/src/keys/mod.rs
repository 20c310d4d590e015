//! Signing keys and the identities that travel with them.
//!
//! Keys are Ed25519. A private key file is PKCS#8 v1 PEM (which OpenSSL 3.0 reads) and a
//! public key file is SubjectPublicKeyInfo PEM. Both start with a few `Field: value` lines
//! naming the holder (RFC 7468 allows explanatory text before the PEM block, and OpenSSL
//! skips it):
//!
//! ```text
//! Custody-Key-Version: 1
//! Name: Alice Wang
//! Organisation: City Police, Cyber Unit
//! Role: investigator
//! Jurisdiction: CN
//! Fingerprint: sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
//!
//! -----BEGIN PUBLIC KEY-----
//! ...
//! ```
//!
//! The fingerprint is the SHA-256 of the key's SubjectPublicKeyInfo DER encoding, written
//! `sha256:` and 64 lowercase hex digits: `openssl pkey -pubin -in KEY.pub -outform DER |
//! sha256sum` prints the same digits. The identity lines are not signed by themselves; what
//! binds an identity to a key inside a bundle is the signed custody event that names both,
//! and, for a verifier, the trust list.

use crate::wording;
use std::fmt;
use std::str::FromStr;

use ed25519_dalek::pkcs8::DecodePrivateKey;
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};

use crate::digest::hex;

#[cfg(unix)]
mod agent;
mod file;
pub mod note;
mod signer;
mod token;

#[cfg(unix)]
pub use agent::AgentKey;
pub use token::{TokenKey, TokenUri};

pub use file::KeyLocationFile;
use file::{check_header_fingerprint, field, identity_from_fields, identity_header, parse_key_file, pem_encode};
pub use signer::{SignError, Signer};

/// DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the 32 key bytes follow.
const SPKI_PREFIX: [u8; 12] = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];
/// DER prefix of an Ed25519 PKCS#8 v1 OneAsymmetricKey (RFC 8410); the 32 seed bytes follow.
const PKCS8_PREFIX: [u8; 16] =
    [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];

/// Why [`KeyPair::generate`] could not make a key. The crate's `Error` wraps it
/// (`Error::Identity`, `Error::Random`), so `?` works in functions returning it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GenerateError {
    /// The identity is not acceptable.
    #[error(transparent)]
    Identity(#[from] IdentityError),
    /// The operating system's random number source failed.
    #[error("{}", wording::keys::random_failed(.0))]
    Random(String),
}

/// Why a key or identity was refused.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("{}", wording::keys::PUBLIC_WHERE_PRIVATE)]
    /// A public key file was given where a private key is needed.
    PublicWherePrivateExpected,
    #[error("{}", wording::keys::PRIVATE_WHERE_PUBLIC)]
    /// A private key file was given where a public key is needed.
    PrivateWherePublicExpected,
    #[error("{}", wording::keys::ENCRYPTED)]
    /// The private key is encrypted and no passphrase was given.
    Encrypted,
    #[error("{}", wording::keys::WRONG_PASSPHRASE)]
    /// The passphrase does not decrypt the key (or the file is damaged).
    WrongPassphrase,
    #[error("{}", wording::keys::encrypt_failed(.0))]
    /// Encrypting the private key failed.
    Encrypt(String),
    #[error("{}", wording::keys::NO_PEM)]
    /// No PEM block in the file.
    NoPem,
    #[error("{}", wording::keys::AGE_RECIPIENT)]
    /// An age recipient (age1...) where a custody key file is wanted.
    AgeRecipient,
    #[error("{}", wording::keys::AGE_IDENTITY)]
    /// An age identity (AGE-SECRET-KEY-1...) where a custody key file is wanted.
    AgeIdentity,
    #[error("{}", wording::keys::bad_pem(.0))]
    /// A PEM block that breaks the strict form of spec §4.1.
    BadPem(String),
    #[error("{}", wording::keys::unsupported_label(.0))]
    /// A PEM label other than `PRIVATE KEY`, `ENCRYPTED PRIVATE KEY` or `PUBLIC KEY`.
    UnsupportedLabel(String),
    #[error("{}", wording::keys::NOT_ED25519)]
    /// Not an Ed25519 key, or one whose encoding is not canonical (spec §4.1).
    NotEd25519,
    #[error("{}", wording::keys::bad_header(*.line, .text))]
    /// A header line that is not `Field: value`.
    BadHeader {
        /// Its line number, from 1.
        line: usize,
        /// The line.
        text: String,
    },
    #[error("{}", wording::keys::duplicate_header(.0))]
    /// A header field that appears twice.
    DuplicateHeader(String),
    #[error("{}", wording::keys::fingerprint_mismatch(.claimed, .actual))]
    /// The header's `Fingerprint` is not the key's.
    FingerprintMismatch {
        /// The fingerprint the header names.
        claimed: String,
        /// The key's fingerprint.
        actual: String,
    },
    #[error("{}", wording::keys::held_elsewhere(.0))]
    /// A key file that names a key held by a token or an agent was read as a private key
    /// file; open it with [`KeyLocationFile`] and the device's [`Signer`].
    HeldElsewhere(String),
    #[error("{}", wording::keys::bad_location(.location, .why))]
    /// A `Key-Location` that names no device custody can reach.
    BadLocation {
        /// The location as written.
        location: String,
        /// What is wrong with it.
        why: String,
    },
    #[error("{}", wording::keys::device_unavailable(.location, .why))]
    /// The token or agent a `Key-Location` names cannot give the key (not reachable, no such
    /// key, PIN refused).
    DeviceUnavailable {
        /// The location.
        location: String,
        /// What went wrong.
        why: String,
    },
    #[error("{}", wording::keys::unsupported_algorithm(.0))]
    /// A key on a token or in an agent that is not Ed25519 (RSA, ECDSA).
    UnsupportedAlgorithm(String),
    #[error("{}", wording::keys::NO_IDENTITY)]
    /// The key file carries no identity where one is required (spec §4.1 step 5).
    NoIdentity,
    #[error("{}", wording::keys::identity(.0))]
    /// The identity in the header is invalid.
    Identity(#[from] IdentityError),
    #[error("{}", wording::keys::bad_fingerprint(.0))]
    /// Text that is not a fingerprint (`sha256:` and 64 lowercase hex digits).
    BadFingerprint(String),
}

/// Why an identity was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdentityError {
    #[error("{}", wording::keys::field_empty(.field))]
    /// A field is empty.
    Empty {
        /// The field.
        field: &'static str,
    },
    #[error("{}", wording::keys::field_too_long(.field, *.max))]
    /// A field is longer than allowed.
    TooLong {
        /// The field.
        field: &'static str,
        /// Its most characters.
        max: usize,
    },
    #[error("{}", wording::keys::field_control(.field))]
    /// A field holds a control character, line break or text-direction override.
    Control {
        /// The field.
        field: &'static str,
    },
    #[error("{}", wording::keys::field_spaces(.field))]
    /// A field starts or ends with a space.
    Spaces {
        /// The field.
        field: &'static str,
    },
    #[error("{}", wording::keys::jurisdiction(.0))]
    /// Not an ISO 3166-1 alpha-2 code.
    Jurisdiction(String),
    #[error("{}", wording::keys::role(.0, Role::NAMES.join(", ")))]
    /// Not one of the roles of spec §4.3.
    Role(String),
}

/// What a key holder does in the custody chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
// The variants are the names in `Role::NAMES` (spec §4.3). They carry no doc comments: the
// JSON Schemas in schemas/ are generated from this type, and a comment would change them.
#[allow(missing_docs)]
pub enum Role {
    Investigator,
    Prosecutor,
    CentralAuthority,
    Court,
    Examiner,
    Custodian,
    Witness,
    Translator,
    Other,
}

impl Role {
    /// Every role as written in documents and key files, in declaration order (spec §4.3).
    pub const NAMES: [&'static str; 9] = [
        "investigator",
        "prosecutor",
        "central_authority",
        "court",
        "examiner",
        "custodian",
        "witness",
        "translator",
        "other",
    ];
    const ALL: [Role; 9] = [
        Role::Investigator,
        Role::Prosecutor,
        Role::CentralAuthority,
        Role::Court,
        Role::Examiner,
        Role::Custodian,
        Role::Witness,
        Role::Translator,
        Role::Other,
    ];

    /// The role as written in documents and key files.
    pub fn as_str(&self) -> &'static str {
        let i = Role::ALL.iter().position(|r| r == self).unwrap_or(8);
        Role::NAMES[i]
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = IdentityError;
    fn from_str(s: &str) -> Result<Self, IdentityError> {
        let norm = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Role::NAMES.iter().position(|n| *n == norm).map(|i| Role::ALL[i]).ok_or_else(|| IdentityError::Role(s.into()))
    }
}

/// Officially assigned ISO 3166-1 alpha-2 codes.
const ISO3166_ALPHA2: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ \
BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI \
FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT \
JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ \
MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS \
RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA \
UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

/// Checks an ISO 3166-1 alpha-2 code (upper case, officially assigned).
pub(crate) fn check_jurisdiction(code: &str) -> Result<(), IdentityError> {
    if code.len() == 2 && ISO3166_ALPHA2.split_ascii_whitespace().any(|c| c == code) {
        Ok(())
    } else if code.eq_ignore_ascii_case("UK") {
        Err(IdentityError::Jurisdiction(wording::keys::UK_IS_GB.into()))
    } else {
        Err(IdentityError::Jurisdiction(code.into()))
    }
}

/// Checks a single-line human text field.
pub(crate) fn check_text(field: &'static str, value: &str, max: usize) -> Result<(), IdentityError> {
    if value.trim().is_empty() {
        return Err(IdentityError::Empty { field });
    }
    if value.chars().count() > max {
        return Err(IdentityError::TooLong { field, max });
    }
    if value.chars().any(|c| c.is_control() || crate::text::is_bidi_control(c)) {
        return Err(IdentityError::Control { field });
    }
    if value.trim() != value {
        return Err(IdentityError::Spaces { field });
    }
    Ok(())
}

/// Who holds a key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    /// The person's full name.
    pub name: String,
    /// The organisation the person acts for.
    pub organisation: String,
    // No doc comment: it would change the generated JSON Schemas (see `Role`).
    #[allow(missing_docs)]
    pub role: Role,
    /// ISO 3166-1 alpha-2 code of the state whose authority the person acts under.
    #[schemars(regex(pattern = "^[A-Z]{2}$"))]
    pub jurisdiction: String,
}

impl Identity {
    /// An identity as a person writes it: the jurisdiction is trimmed and put in capitals
    /// ("cn" is "CN", the form spec §4.3 requires). Nothing is checked: [`Self::validate`]
    /// does that, and [`KeyPair::generate`] calls it.
    pub fn new(
        name: impl Into<String>,
        organisation: impl Into<String>,
        role: Role,
        jurisdiction: impl AsRef<str>,
    ) -> Self {
        Identity {
            name: name.into(),
            organisation: organisation.into(),
            role,
            jurisdiction: jurisdiction.as_ref().trim().to_ascii_uppercase(),
        }
    }

    /// Checks every field as spec §4.3 requires.
    pub fn validate(&self) -> Result<(), IdentityError> {
        check_text("name", &self.name, 200)?;
        check_text("organisation", &self.organisation, 200)?;
        check_jurisdiction(&self.jurisdiction)
    }

    /// One line for people: `Alice Wang (investigator, City Police, CN)`.
    pub fn describe(&self) -> String {
        format!("{} ({}, {}, {})", self.name, self.role, self.organisation, self.jurisdiction)
    }
}

/// The fingerprint of a public key: SHA-256 of its SubjectPublicKeyInfo DER.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint(pub [u8; 32]);

impl Fingerprint {
    /// The 64 hex digits without the `sha256:` prefix (used in file names).
    pub fn hex(&self) -> String {
        hex(&self.0)
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sha256:{}", self.hex())
    }
}

impl fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Fingerprint({self})")
    }
}

impl FromStr for Fingerprint {
    type Err = KeyError;
    fn from_str(s: &str) -> Result<Self, KeyError> {
        let digits = s.strip_prefix("sha256:").ok_or_else(|| KeyError::BadFingerprint(s.into()))?;
        let d: crate::digest::Sha256Digest = digits.parse().map_err(|_| KeyError::BadFingerprint(s.into()))?;
        Ok(Fingerprint(d.0))
    }
}

impl Serialize for Fingerprint {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Fingerprint {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for Fingerprint {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Fingerprint".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^sha256:[0-9a-f]{64}$",
            "description": "SHA-256 of the Ed25519 key's SubjectPublicKeyInfo DER encoding"
        })
    }
}

/// An Ed25519 public key.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct PublicKey(VerifyingKey);

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({})", self.fingerprint())
    }
}

impl PublicKey {
    /// SubjectPublicKeyInfo DER (44 bytes).
    pub fn spki_der(&self) -> Vec<u8> {
        let mut der = SPKI_PREFIX.to_vec();
        der.extend_from_slice(self.0.as_bytes());
        der
    }

    /// The key's fingerprint (spec §4.2).
    pub fn fingerprint(&self) -> Fingerprint {
        Fingerprint(Sha256::digest(self.spki_der()).into())
    }

    /// Verifies a detached signature with the strict rules (no small-order keys or points,
    /// canonical scalars): plain `verify` accepts known forgeries.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        let Ok(sig) = <[u8; 64]>::try_from(signature) else {
            return false;
        };
        self.0.verify_strict(message, &Signature::from_bytes(&sig)).is_ok()
    }

    /// The X25519 public key of this Ed25519 key: the Montgomery form of its point (RFC 7748
    /// §4.1), for encryption to the key's holder (`envelope`).
    pub fn x25519_public(&self) -> [u8; 32] {
        self.0.to_montgomery().to_bytes()
    }

    /// The key of 32 raw bytes (RFC 8032 encoding), as a token or an agent gives it.
    pub(crate) fn from_raw(raw: &[u8]) -> Result<Self, KeyError> {
        Self::from_spki_der(&[&SPKI_PREFIX[..], raw].concat())
    }

    fn from_spki_der(der: &[u8]) -> Result<Self, KeyError> {
        let raw = der
            .strip_prefix(&SPKI_PREFIX[..])
            .and_then(|k| <[u8; 32]>::try_from(k).ok())
            .ok_or(KeyError::NotEd25519)?;
        let vk = VerifyingKey::from_bytes(&raw).map_err(|_| KeyError::NotEd25519)?;
        // Small-order keys admit forgeries; a non-canonical encoding (y >= p) is not one a
        // key generator produces and would give one key two fingerprints.
        if vk.is_weak() || vk.to_edwards().compress().to_bytes() != raw {
            return Err(KeyError::NotEd25519);
        }
        Ok(PublicKey(vk))
    }
}

/// A signing key with the identity of its holder: a private key read from a key file, or a
/// key that never leaves a token or an agent ([`Signer`]), reached through a key file that
/// says where it is (spec §4.1, `Key-Location`).
pub struct KeyPair {
    signing: Backend,
    /// Who holds the key.
    pub identity: Identity,
}

/// Where the private key is.
enum Backend {
    /// In this process's memory, from a key file.
    Here(SigningKey),
    /// Elsewhere: it signs through `signer`; `public` is the key the location file names,
    /// and `location` the file's `Key-Location`.
    Elsewhere { signer: Box<dyn Signer>, public: PublicKey, location: String },
}

impl fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyPair({}, {:?})", self.public().fingerprint(), self.identity)
    }
}

impl KeyPair {
    /// A new key from the operating system's random source.
    pub fn generate(identity: Identity) -> Result<Self, GenerateError> {
        identity.validate()?;
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| GenerateError::Random(e.to_string()))?;
        let kp = KeyPair { signing: Backend::Here(SigningKey::from_bytes(&seed)), identity };
        seed.fill(0);
        Ok(kp)
    }

    /// A key from a fixed 32-byte seed (test vectors only: such a key is not secret).
    pub fn from_seed(seed: [u8; 32], identity: Identity) -> Self {
        KeyPair { signing: Backend::Here(SigningKey::from_bytes(&seed)), identity }
    }

    /// A key held elsewhere (a token, an agent) that signs through `signer`. `public` is the
    /// key the location file names: every signature is checked against it before use.
    pub fn elsewhere(identity: Identity, public: PublicKey, location: String, signer: Box<dyn Signer>) -> Self {
        KeyPair { signing: Backend::Elsewhere { signer, public, location }, identity }
    }

    /// Where a key held elsewhere is (`Key-Location`), or `None` for a key in memory.
    pub fn location(&self) -> Option<&str> {
        match &self.signing {
            Backend::Here(_) => None,
            Backend::Elsewhere { location, .. } => Some(location),
        }
    }

    /// The X25519 private scalar of a key held here (the first half of SHA-512 of the seed,
    /// unclamped: X25519 clamps it), whose public key is [`PublicKey::x25519_public`];
    /// `None` for a key on a token or in an agent.
    pub fn x25519_secret(&self) -> Option<zeroize::Zeroizing<[u8; 32]>> {
        match &self.signing {
            Backend::Here(k) => Some(zeroize::Zeroizing::new(k.to_scalar_bytes())),
            Backend::Elsewhere { .. } => None,
        }
    }

    /// The public half of the key.
    pub fn public(&self) -> PublicKey {
        match &self.signing {
            Backend::Here(k) => PublicKey(k.verifying_key()),
            Backend::Elsewhere { public, .. } => *public,
        }
    }

    /// The Ed25519 signature of `message`: 64 raw bytes, R ‖ S. A key held elsewhere may
    /// refuse or fail; its signature is verified against the public key before it is
    /// returned, so a token or agent that answers with another key's signature (or noise)
    /// is caught here, not by the bundle's next verifier.
    pub fn sign(&self, message: &[u8]) -> Result<[u8; 64], SignError> {
        match &self.signing {
            Backend::Here(k) => Ok(k.sign(message).to_bytes()),
            Backend::Elsewhere { signer, public, .. } => {
                let sig = signer.sign(message)?;
                if !public.verify(message, &sig) {
                    return Err(SignError::WrongSignature { device: signer.describe() });
                }
                Ok(sig)
            }
        }
    }

    /// The private key file: identity header and PKCS#8 v1 PEM; for a key held elsewhere,
    /// the location file (identity header, `Key-Location`, public key PEM).
    pub fn private_key_file(&self) -> String {
        let header = identity_header(&self.identity, &self.public().fingerprint());
        match &self.signing {
            Backend::Here(k) => {
                let mut der = PKCS8_PREFIX.to_vec();
                der.extend_from_slice(k.as_bytes());
                let pem = pem_encode("PRIVATE KEY", &der);
                der.fill(0);
                format!("{header}\n{pem}")
            }
            Backend::Elsewhere { public, location, .. } => {
                format!("{header}Key-Location: {location}\n\n{}", pem_encode("PUBLIC KEY", &public.spki_der()))
            }
        }
    }

    /// The public key file: identity header and SubjectPublicKeyInfo PEM.
    pub fn public_key_file(&self) -> String {
        public_key_file(&self.public(), &self.identity)
    }

    /// The private key file protected by `passphrase`: PKCS#8 `ENCRYPTED PRIVATE KEY`
    /// (PBES2 with scrypt and AES-256-CBC, which OpenSSL reads with `-passin`).
    pub fn encrypted_private_key_file(&self, passphrase: &[u8]) -> Result<String, KeyError> {
        let Backend::Here(k) = &self.signing else {
            return Err(KeyError::Encrypt(wording::keys::NOTHING_TO_ENCRYPT.into()));
        };
        let mut der = PKCS8_PREFIX.to_vec();
        der.extend_from_slice(k.as_bytes());
        let info = pkcs8::PrivateKeyInfoRef::try_from(der.as_slice()).map_err(|e| KeyError::Encrypt(e.to_string()));
        let doc = info.and_then(|i| i.encrypt(passphrase).map_err(|e| KeyError::Encrypt(e.to_string())));
        der.fill(0);
        let pem = pem_encode("ENCRYPTED PRIVATE KEY", doc?.as_bytes());
        Ok(format!("{}\n{}", identity_header(&self.identity, &self.public().fingerprint()), pem))
    }

    /// Whether a private key file needs a passphrase.
    pub fn needs_passphrase(text: &str) -> bool {
        parse_key_file(text).is_ok_and(|p| p.label == "ENCRYPTED PRIVATE KEY")
    }

    /// Reads a private key file written by [`KeyPair::private_key_file`]. A PKCS#8 key
    /// without an identity header is refused: every signature must name its signer.
    pub fn from_file_text(text: &str) -> Result<Self, KeyError> {
        Self::from_file_text_with(text, None)
    }

    /// Like [`KeyPair::from_file_text`], decrypting with `passphrase` if the key is encrypted.
    pub fn from_file_text_with(text: &str, passphrase: Option<&[u8]>) -> Result<Self, KeyError> {
        let parsed = parse_key_file(text)?;
        let signing = match (parsed.label.as_str(), passphrase) {
            ("PRIVATE KEY", _) => SigningKey::from_pkcs8_der(&parsed.der).map_err(|_| KeyError::NotEd25519)?,
            ("PUBLIC KEY", _) => {
                return Err(match field(&parsed.fields, "key-location") {
                    Some(l) => KeyError::HeldElsewhere(l.to_owned()),
                    None => KeyError::PublicWherePrivateExpected,
                });
            }
            ("ENCRYPTED PRIVATE KEY", None) => return Err(KeyError::Encrypted),
            ("ENCRYPTED PRIVATE KEY", Some(p)) => {
                SigningKey::from_pkcs8_encrypted_der(&parsed.der, p).map_err(|_| KeyError::WrongPassphrase)?
            }
            (other, _) => return Err(KeyError::UnsupportedLabel(other.into())),
        };
        let public = PublicKey(signing.verifying_key());
        check_header_fingerprint(&parsed.fields, &public)?;
        let identity = identity_from_fields(&parsed.fields)?.ok_or(KeyError::NoIdentity)?;
        Ok(KeyPair { signing: Backend::Here(signing), identity })
    }
}

/// A public key with the identity its file claims (which may be absent for plain PEM).
#[derive(Debug, Clone)]
pub struct PublicKeyFile {
    /// The key.
    pub key: PublicKey,
    /// The identity its header claims, if any.
    pub identity: Option<Identity>,
}

/// The text of a public key file for `key` held by `identity`.
pub fn public_key_file(key: &PublicKey, identity: &Identity) -> String {
    format!("{}\n{}", identity_header(identity, &key.fingerprint()), pem_encode("PUBLIC KEY", &key.spki_der()))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// An identity for tests (the trust list's tests use it too).
    pub(crate) fn alice() -> Identity {
        Identity {
            name: "Alice Wang".into(),
            organisation: "City Police, Cyber Unit".into(),
            role: Role::Investigator,
            jurisdiction: "CN".into(),
        }
    }

    #[test]
    fn key_files_round_trip() {
        let kp = KeyPair::from_seed([7; 32], alice());
        let again = KeyPair::from_file_text(&kp.private_key_file()).unwrap();
        assert_eq!(again.public(), kp.public());
        assert_eq!(again.identity, alice());
        let pubf = PublicKeyFile::from_file_text(&kp.public_key_file()).unwrap();
        assert_eq!(pubf.key, kp.public());
        assert_eq!(pubf.identity, Some(alice()));
        let sig = kp.sign(b"msg").unwrap();
        assert!(pubf.key.verify(b"msg", &sig));
        assert!(!pubf.key.verify(b"msg2", &sig));
        assert!(!pubf.key.verify(b"msg", &sig[..63]));
    }

    #[test]
    fn wrong_kind_of_key_is_named() {
        let kp = KeyPair::from_seed([7; 32], alice());
        assert!(matches!(KeyPair::from_file_text(&kp.public_key_file()), Err(KeyError::PublicWherePrivateExpected)));
        assert!(matches!(
            PublicKeyFile::from_file_text(&kp.private_key_file()),
            Err(KeyError::PrivateWherePublicExpected)
        ));
        assert!(matches!(KeyPair::from_file_text("hello"), Err(KeyError::NoPem)));
        let recipient =
            "# custody encryption recipient\nage1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq\n";
        assert!(matches!(KeyPair::from_file_text(recipient), Err(KeyError::AgeRecipient)));
        assert!(matches!(PublicKeyFile::from_file_text(recipient), Err(KeyError::AgeRecipient)));
        assert!(matches!(KeyPair::from_file_text("AGE-SECRET-KEY-1QQQ\n"), Err(KeyError::AgeIdentity)));
    }

    #[test]
    fn edited_header_is_caught() {
        let kp = KeyPair::from_seed([7; 32], alice());
        let other = KeyPair::from_seed([8; 32], alice());
        let text = kp
            .public_key_file()
            .replace(&kp.public().fingerprint().to_string(), &other.public().fingerprint().to_string());
        assert!(matches!(PublicKeyFile::from_file_text(&text), Err(KeyError::FingerprintMismatch { .. })));
        let text = kp.private_key_file().replace("Jurisdiction: CN", "Jurisdiction: XX");
        assert!(matches!(KeyPair::from_file_text(&text), Err(KeyError::Identity(_))));
    }

    #[test]
    fn identity_rules() {
        assert!(check_jurisdiction("CN").is_ok());
        assert!(check_jurisdiction("cn").is_err());
        assert!(check_jurisdiction("XX").is_err());
        assert!(check_jurisdiction("UK").is_err());
        assert_eq!("central authority".parse::<Role>().unwrap(), Role::CentralAuthority);
        assert!("boss".parse::<Role>().is_err());
        let mut id = alice();
        id.name = "A\nB".into();
        assert!(id.validate().is_err());
    }

    /// `custody keygen` used to capitalise the jurisdiction itself; `Identity::new` does it
    /// now, so every caller gets the same identity from the same words.
    #[test]
    fn new_identity_takes_the_jurisdiction_in_capitals() {
        let id = Identity::new("Alice Wang", "City Police", Role::Investigator, " cn ");
        assert_eq!(id.jurisdiction, "CN");
        assert!(id.validate().is_ok());
        assert!(Identity::new("A", "B", Role::Investigator, "xx").validate().is_err());
    }

    #[test]
    fn identity_free_openssl_public_key_is_read() {
        let kp = KeyPair::from_seed([9; 32], alice());
        let plain = pem_encode("PUBLIC KEY", &kp.public().spki_der());
        let f = PublicKeyFile::from_file_text(&plain).unwrap();
        assert_eq!(f.key, kp.public());
        assert_eq!(f.identity, None);
    }
}
