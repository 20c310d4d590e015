//! Signing through a key that never leaves its device: a PKCS#11 token (smartcard, HSM) or
//! an SSH agent. The device implements [`Signer`]; [`super::KeyPair`] checks each signature
//! it returns against the public key its location file names.

use crate::wording;

/// Something that signs with an Ed25519 key it holds: 64 raw bytes, R ‖ S, over the exact
/// message (pure Ed25519, RFC 8032; never a pre-hash).
pub trait Signer: Send + Sync {
    /// Signs `message`.
    fn sign(&self, message: &[u8]) -> Result<[u8; 64], SignError>;
    /// The device, as a person would name it ("the PKCS#11 token \"custody\"").
    fn describe(&self) -> String;
}

/// A key held elsewhere could not sign. Nothing was written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignError {
    #[error("{}", wording::keys::device_refused(.device, .why))]
    /// The device refused or failed (token removed, PIN locked, agent gone).
    Refused {
        /// The device.
        device: String,
        /// What it said.
        why: String,
    },
    #[error("{}", wording::keys::wrong_signature(.device))]
    /// The device answered with a signature that the key file's public key does not verify.
    WrongSignature {
        /// The device.
        device: String,
    },
}
