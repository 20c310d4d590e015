//! The TSA roots a verifier trusts (`--tsa-roots`), and intermediates it may build chains
//! with (`--tsa-untrusted`), read from PEM.

use crate::wording;
use x509_cert::Certificate;

use super::subject_name;

/// Root certificates the verifier trusts for timestamps (`--tsa-roots FILE`, PEM).
#[derive(Debug, Clone, Default)]
pub struct TsaRoots {
    pub(super) certs: Vec<Certificate>,
    /// Intermediate certificates to build chains with, not trusted themselves
    /// (`--tsa-untrusted FILE`): for TSAs whose tokens omit them.
    pub(super) untrusted: Vec<Certificate>,
}

impl TsaRoots {
    /// Reads one or more PEM `CERTIFICATE` blocks.
    pub fn from_pem(bytes: &[u8]) -> Result<Self, String> {
        let certs = pem_certificates(bytes, wording::timestamp::HINT_ROOTS)?;
        Ok(TsaRoots { certs, untrusted: Vec::new() })
    }

    /// Adds intermediate CA certificates (PEM) that chains may pass through, for TSAs whose
    /// tokens do not carry their whole chain. They are not trusted: a chain must still end
    /// at one of the roots.
    pub fn add_untrusted(&mut self, bytes: &[u8]) -> Result<(), String> {
        let certs = pem_certificates(bytes, wording::timestamp::HINT_INTERMEDIATES)?;
        self.untrusted.extend(certs);
        Ok(())
    }

    /// Names of the roots, for people.
    pub fn names(&self) -> Vec<String> {
        self.certs.iter().map(subject_name).collect()
    }
}

/// One or more PEM `CERTIFICATE` blocks; `hint` says what to give instead.
fn pem_certificates(bytes: &[u8], hint: &str) -> Result<Vec<Certificate>, String> {
    {
        // Not x509-cert's load_pem_chain: it panics on empty input (found by fuzzing).
        use der::Decode as _;
        const END: &str = "-----END CERTIFICATE-----";
        let text = std::str::from_utf8(bytes).map_err(|_| wording::timestamp::pem_not_text(hint))?;
        let mut certs = Vec::new();
        let mut rest = text;
        while let Some(start) = rest.find("-----BEGIN ") {
            let block = &rest[start..];
            let end = block.find(END).ok_or_else(|| wording::timestamp::pem_block_cut(hint))?;
            // Decoded in one step by pem-rfc7468, then parsed as DER: der's streaming PEM
            // reader loops forever on some truncated blocks (found by fuzzing).
            let n = certs.len() + 1;
            let (label, der_bytes) = pem_rfc7468::decode_vec(&block.as_bytes()[..end + END.len()])
                .map_err(|e| wording::timestamp::pem_invalid(n, e, hint))?;
            if label != "CERTIFICATE" {
                return Err(wording::timestamp::pem_not_certificate(n, label, hint));
            }
            let cert =
                Certificate::from_der(&der_bytes).map_err(|e| wording::timestamp::certificate_unusable(n, e, hint))?;
            certs.push(cert);
            rest = &block[end + END.len()..];
        }
        if certs.is_empty() {
            return Err(wording::timestamp::pem_no_certificate(hint));
        }
        Ok(certs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_lists_are_pem_certificates() {
        for bad in [&b""[..], b"\n", b"\r\n", b"-----BEGIN CERTIFICATE-----\n", b"no pem", b"\xff\xfe"] {
            assert!(TsaRoots::from_pem(bad).is_err());
        }
        let pem = b"-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n";
        assert!(TsaRoots::from_pem(pem).unwrap_err().contains("certificate 1"));
    }
}
