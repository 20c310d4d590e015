//! Why a key file or an identity was refused (the text of each `KeyError`, `IdentityError`
//! and `GenerateError`, whose `Display` calls these), in the variants' order.

use std::fmt::{Debug, Display};

/// `GenerateError::Random`.
pub fn random_failed(why: impl Display) -> String {
    format!("the operating system's random number source failed: {why}")
}

/// `KeyError::PublicWherePrivateExpected`.
pub const PUBLIC_WHERE_PRIVATE: &str = "this is a public key; a private key is needed here (the file without '.pub')";

/// `KeyError::PrivateWherePublicExpected`.
pub const PRIVATE_WHERE_PUBLIC: &str =
    "this is a private key; give the public key file (the one ending in '.pub') instead";

/// `KeyError::Encrypted`.
pub const ENCRYPTED: &str =
    "this private key is protected by a passphrase; give it (a passphrase source when loading the key)";

/// `KeyError::WrongPassphrase`.
pub const WRONG_PASSPHRASE: &str = "the passphrase is wrong, or the key file is damaged";

/// `KeyError::Encrypt`.
pub fn encrypt_failed(why: impl Display) -> String {
    format!("the key could not be encrypted: {why}")
}

/// `KeyError::NoPem`.
pub const NO_PEM: &str = "not a key file: no PEM block ('-----BEGIN ...') found";

/// `KeyError::AgeRecipient`.
pub const AGE_RECIPIENT: &str = "this is an age encryption recipient (age1...), not a custody key file: a \
     recipient is given with --encrypt-to (or to custody encrypt --to); where a key is needed, give the .pub (or \
     private key) file custody keygen made";

/// `KeyError::AgeIdentity`.
pub const AGE_IDENTITY: &str = "this is an age identity (AGE-SECRET-KEY-1...), not a custody key file: it \
     decrypts (--identity); signing needs the private key file custody keygen made";

/// `KeyError::BadPem`.
pub fn bad_pem(why: impl Display) -> String {
    format!("the PEM block is damaged: {why}")
}

/// `KeyError::UnsupportedLabel`.
pub fn unsupported_label(label: impl Display) -> String {
    format!("unsupported PEM block '{label}'; expected 'PRIVATE KEY' or 'PUBLIC KEY'")
}

/// `KeyError::NotEd25519`.
pub const NOT_ED25519: &str = "the key is not an Ed25519 key, or its encoding is damaged";

/// `KeyError::BadHeader`: the line is quoted with Rust's debug escapes.
pub fn bad_header(line: usize, text: impl Debug) -> String {
    format!("the key file's header line {line} is not of the form 'Field: value': {text:?}")
}

/// `KeyError::DuplicateHeader`.
pub fn duplicate_header(field: impl Display) -> String {
    format!("the key file's header field '{field}' appears twice")
}

/// `KeyError::FingerprintMismatch`.
pub fn fingerprint_mismatch(claimed: impl Display, actual: impl Display) -> String {
    format!(
        "the key file's header names fingerprint {claimed}, but the key's fingerprint is {actual}: the file was edited"
    )
}

/// `KeyError::NoIdentity`.
pub const NO_IDENTITY: &str =
    "the key file has no identity (Name, Organisation, Role, Jurisdiction); make keys with 'custody keygen'";

/// `KeyError::Identity`.
pub fn identity(why: impl Display) -> String {
    format!("identity: {why}")
}

/// `KeyError::BadFingerprint`.
pub fn bad_fingerprint(text: impl Display) -> String {
    format!("'{text}' is not a key fingerprint (expected 'sha256:' and 64 lowercase hex digits)")
}

/// `IdentityError::Empty`.
pub fn field_empty(field: impl Display) -> String {
    format!("{field} is empty")
}

/// `IdentityError::TooLong`.
pub fn field_too_long(field: impl Display, max: usize) -> String {
    format!("{field} is longer than {max} characters")
}

/// `IdentityError::Control`.
pub fn field_control(field: impl Display) -> String {
    format!("{field} contains a control character, line break or text-direction override")
}

/// `IdentityError::Spaces`.
pub fn field_spaces(field: impl Display) -> String {
    format!("{field} starts or ends with a space; remove it")
}

/// `IdentityError::Jurisdiction`.
pub fn jurisdiction(code: impl Display) -> String {
    format!("'{code}' is not an ISO 3166-1 alpha-2 country code (two capital letters, e.g. CN, DE, FR, US)")
}

/// What `IdentityError::Jurisdiction` holds for `UK`.
pub const UK_IS_GB: &str = "UK (the United Kingdom's code is GB)";

/// `IdentityError::Role`: `roles` lists the known ones.
pub fn role(given: impl Display, roles: impl Display) -> String {
    format!("'{given}' is not a known role; use one of: {roles}")
}

/// `KeyError::Encrypt` for a key held by a token or an agent.
pub const NOTHING_TO_ENCRYPT: &str =
    "this key is held by a token or an agent: its key file holds no private key to protect with a passphrase";

/// `SignError::Refused`.
pub fn device_refused(device: impl Display, why: impl Display) -> String {
    format!(
        "{device} did not sign: {why}. Check that it is connected and unlocked (the token inserted, the agent running \
         with the key added), then run the command again; nothing was written"
    )
}

/// `SignError::WrongSignature`.
pub fn wrong_signature(device: impl Display) -> String {
    format!(
        "{device} answered with a signature that the key file's public key does not verify: it holds another key \
         than the key file names. Nothing was written; make the key file again for the key on the device"
    )
}

/// `KeyError::HeldElsewhere`.
pub fn held_elsewhere(location: impl Display) -> String {
    format!("this key file names a key held elsewhere ({location}); it is opened through its device, not read")
}

/// `KeyError::BadLocation`.
pub fn bad_location(location: impl Display, why: impl Display) -> String {
    format!(
        "Key-Location \"{location}\" is not a place custody can reach: {why}. It is pkcs11:token=LABEL;object=LABEL?\
         module-path=/path/to/module.so (RFC 7512), or ssh-agent:SHA256:... (as ssh-add -l prints it)"
    )
}

/// `KeyError::DeviceUnavailable`.
pub fn device_unavailable(location: impl Display, why: impl Display) -> String {
    format!("the key at {location} cannot be used: {why}")
}

/// `KeyError::UnsupportedAlgorithm`.
pub fn unsupported_algorithm(algorithm: impl Display) -> String {
    format!(
        "this is an {algorithm} key; custody signs with Ed25519 keys only (RSA and ECDSA smartcards, X.509 and eIDAS \
         identities are not supported yet). Make an Ed25519 key on the device (ssh-keygen -t ed25519, or custody \
         keygen --on pkcs11:...)"
    )
}
