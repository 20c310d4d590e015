//! The steps of spec §6.4 that make a token prove a time: its imprint is over the event's
//! signature, its CMS signature verifies, its certificate is for timestamping and was valid at
//! `genTime`, and, given roots, that certificate chains to one of them.

use crate::wording;
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, TimeZone, Utc};
use cms::signed_data::SignerIdentifier;
use der::asn1::{ObjectIdentifier, OctetString};
use der::{Decode, Encode};
use spki::SubjectPublicKeyInfoOwned;
use x509_cert::Certificate;
use x509_cert::ext::pkix::ExtendedKeyUsage;

use super::oid::*;
use super::token::{
    Hash, SigningCertificate, SigningCertificateV2, authority_key_id, cert_der, find_ext, is_ca, subject_key_id,
};
use super::{Token, TokenError, TsaRoots, malformed, parse_token, subject_name};
use crate::layout::{MAX_CHAIN_LINKS, MAX_CHAIN_SIGNATURE_CHECKS};

/// Verifies `signature` over `message` with `spki`. `sig_alg` is the signature algorithm;
/// `digest` the digest to use when `sig_alg` names only a key type (as CMS allows).
fn verify_signature(
    spki: &SubjectPublicKeyInfoOwned,
    sig_alg: &ObjectIdentifier,
    digest: Option<Hash>,
    message: &[u8],
    signature: &[u8],
) -> Result<(), TokenError> {
    let unsupported = || TokenError::Unsupported(wording::timestamp::signature_algorithm(sig_alg));
    let (hash, rsa) = match *sig_alg {
        OID_ECDSA_SHA256 => (Hash::Sha256, false),
        OID_ECDSA_SHA384 => (Hash::Sha384, false),
        OID_ECDSA_SHA512 => (Hash::Sha512, false),
        OID_RSA_SHA256 => (Hash::Sha256, true),
        OID_RSA_SHA384 => (Hash::Sha384, true),
        OID_RSA_SHA512 => (Hash::Sha512, true),
        OID_EC_PUBLIC_KEY => (digest.ok_or_else(unsupported)?, false),
        OID_RSA => (digest.ok_or_else(unsupported)?, true),
        _ => return Err(unsupported()),
    };
    if hash == Hash::Sha1 {
        return Err(TokenError::Unsupported(wording::timestamp::SHA1_SIGNATURES_TOO_WEAK.into()));
    }
    let prehash = hash.digest(message);
    let key_bytes =
        spki.subject_public_key.as_bytes().ok_or_else(|| malformed(wording::timestamp::KEY_NOT_WHOLE_BYTES))?;
    let bad = |why: &str| TokenError::BadSignature(why.to_owned());
    if rsa {
        use rsa::pkcs1::DecodeRsaPublicKey as _;
        if spki.algorithm.oid != OID_RSA {
            return Err(bad(wording::timestamp::RSA_SIGNATURE_NOT_RSA_KEY));
        }
        let key = rsa::RsaPublicKey::from_pkcs1_der(key_bytes)
            .map_err(|e| TokenError::Unsupported(wording::timestamp::rsa_key_unsupported(e)))?;
        let scheme = match hash {
            Hash::Sha256 => rsa::Pkcs1v15Sign::new::<rsa::sha2::Sha256>(),
            Hash::Sha384 => rsa::Pkcs1v15Sign::new::<rsa::sha2::Sha384>(),
            _ => rsa::Pkcs1v15Sign::new::<rsa::sha2::Sha512>(),
        };
        return key.verify(scheme, &prehash, signature).map_err(|_| bad(wording::timestamp::RSA_SIGNATURE_MISMATCH));
    }
    if spki.algorithm.oid != OID_EC_PUBLIC_KEY {
        return Err(bad(wording::timestamp::ECDSA_SIGNATURE_NOT_EC_KEY));
    }
    let curve: ObjectIdentifier = spki
        .algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.decode_as().ok())
        .ok_or_else(|| malformed(wording::timestamp::EC_KEY_WITHOUT_CURVE))?;
    use p256::ecdsa::signature::hazmat::PrehashVerifier as _;
    let ok = match curve {
        OID_P256 => {
            let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(key_bytes)
                .map_err(|_| malformed(wording::timestamp::P256_KEY_BAD))?;
            let sig =
                p256::ecdsa::Signature::from_der(signature).map_err(|_| bad(wording::timestamp::ECDSA_NOT_DER))?;
            key.verify_prehash(&prehash, &sig).is_ok()
        }
        OID_P384 => {
            let key = p384::ecdsa::VerifyingKey::from_sec1_bytes(key_bytes)
                .map_err(|_| malformed(wording::timestamp::P384_KEY_BAD))?;
            let sig =
                p384::ecdsa::Signature::from_der(signature).map_err(|_| bad(wording::timestamp::ECDSA_NOT_DER))?;
            key.verify_prehash(&prehash, &sig).is_ok()
        }
        OID_P521 => {
            let key = p521::ecdsa::VerifyingKey::from_sec1_bytes(key_bytes)
                .map_err(|_| malformed(wording::timestamp::P521_KEY_BAD))?;
            let sig =
                p521::ecdsa::Signature::from_der(signature).map_err(|_| bad(wording::timestamp::ECDSA_NOT_DER))?;
            // The ecdsa crate refuses a hash shorter than half the field (SHA-256 with P-521,
            // which OpenSSL uses by default); left zero-padding to the field's 66 bytes is the
            // same integer (SEC 1 §4.1.4 step 5).
            let mut padded = [0u8; 66];
            let start = padded.len().saturating_sub(prehash.len());
            padded[start..].copy_from_slice(&prehash[prehash.len().saturating_sub(66)..]);
            key.verify_prehash(&padded, &sig).is_ok()
        }
        other => return Err(TokenError::Unsupported(wording::timestamp::elliptic_curve(other))),
    };
    if ok { Ok(()) } else { Err(bad(wording::timestamp::ECDSA_SIGNATURE_MISMATCH)) }
}

fn single_attr(token: &Token, oid: ObjectIdentifier) -> Result<Option<&der::Any>, TokenError> {
    let Some(attrs) = token.signer.signed_attrs.as_ref() else { return Ok(None) };
    let mut found = attrs.iter().filter(|a| a.oid == oid);
    match (found.next(), found.next()) {
        (None, _) => Ok(None),
        (Some(a), None) if a.values.len() == 1 => Ok(a.values.get(0)),
        _ => Err(malformed(wording::timestamp::attribute_not_single(oid))),
    }
}

impl Token {
    /// The time the TSA vouches for.
    pub fn gen_time(&self) -> DateTime<Utc> {
        self.info.gen_time.at
    }

    /// `genTime` as RFC 3339 UTC, with the token's fractional seconds.
    pub fn gen_time_text(&self) -> String {
        self.gen_time().to_rfc3339_opts(SecondsFormat::AutoSi, true)
    }

    /// The certificate that signed the token (named by the SignerIdentifier).
    pub fn signer_cert(&self) -> Result<&Certificate, TokenError> {
        let found = self.certs.iter().find(|c| match &self.signer.sid {
            SignerIdentifier::IssuerAndSerialNumber(ias) => {
                c.tbs_certificate.issuer == ias.issuer && c.tbs_certificate.serial_number == ias.serial_number
            }
            SignerIdentifier::SubjectKeyIdentifier(skid) => {
                subject_key_id(c).is_some_and(|k| k.as_bytes() == skid.0.as_bytes())
            }
        });
        found.ok_or_else(|| malformed(wording::timestamp::NO_TSA_CERTIFICATE))
    }

    /// The TSA's name: the signing certificate's common name.
    pub fn tsa_name(&self) -> String {
        self.signer_cert().map(subject_name).unwrap_or_else(|_| wording::timestamp::UNKNOWN_TSA.into())
    }

    /// Whether the token is over `data`: its message imprint is the hash of `data`.
    pub fn check_imprint(&self, data: &[u8]) -> Result<(), TokenError> {
        let mi = &self.info.message_imprint;
        let hash = Hash::strong(&mi.hash_algorithm.oid)?;
        if hash.digest(data) != mi.hashed_message.as_bytes() {
            return Err(TokenError::ImprintMismatch);
        }
        Ok(())
    }

    /// Checks the CMS signature: content type and message digest attributes, the signing
    /// certificate attribute if present, and the signature over the signed attributes.
    pub fn check_signature(&self) -> Result<(), TokenError> {
        let ct = single_attr(self, OID_CONTENT_TYPE)?.ok_or_else(|| malformed(wording::timestamp::NO_CONTENT_TYPE))?;
        if ct.decode_as::<ObjectIdentifier>().ok() != Some(OID_TST_INFO) {
            return Err(TokenError::BadSignature(wording::timestamp::CONTENT_TYPE_NOT_TST_INFO.into()));
        }
        let digest_alg = Hash::strong(&self.signer.digest_alg.oid)?;
        let md =
            single_attr(self, OID_MESSAGE_DIGEST)?.ok_or_else(|| malformed(wording::timestamp::NO_MESSAGE_DIGEST))?;
        let md: OctetString = md.decode_as().map_err(|_| malformed(wording::timestamp::MESSAGE_DIGEST_MALFORMED))?;
        if md.as_bytes() != digest_alg.digest(&self.tst_der) {
            return Err(TokenError::BadSignature(wording::timestamp::TST_INFO_CHANGED.into()));
        }
        let cert = self.signer_cert()?;
        let der = cert_der(cert)?;
        if let Some(v2) = single_attr(self, OID_SIGNING_CERT_V2)? {
            let sc: SigningCertificateV2 =
                v2.decode_as().map_err(|_| malformed(wording::timestamp::SIGNING_CERTIFICATE_V2_BAD))?;
            let first = sc.certs.first().ok_or_else(|| malformed(wording::timestamp::SIGNING_CERTIFICATE_V2_EMPTY))?;
            let h = match &first.hash_algorithm {
                None => Hash::Sha256,
                Some(a) => Hash::from_oid(&a.oid).ok_or_else(|| TokenError::Unsupported(format!("{}", a.oid)))?,
            };
            if h.digest(&der) != first.cert_hash.as_bytes() {
                return Err(TokenError::BadSignature(wording::timestamp::OTHER_SIGNING_CERTIFICATE.into()));
            }
        } else if let Some(v1) = single_attr(self, OID_SIGNING_CERT)? {
            let sc: SigningCertificate =
                v1.decode_as().map_err(|_| malformed(wording::timestamp::SIGNING_CERTIFICATE_BAD))?;
            let first = sc.certs.first().ok_or_else(|| malformed(wording::timestamp::SIGNING_CERTIFICATE_EMPTY))?;
            if Hash::Sha1.digest(&der) != first.cert_hash.as_bytes() {
                return Err(TokenError::BadSignature(wording::timestamp::OTHER_SIGNING_CERTIFICATE.into()));
            }
        }
        verify_signature(
            &cert.tbs_certificate.subject_public_key_info,
            &self.signer.signature_algorithm.oid,
            Some(digest_alg),
            &self.signed_attrs,
            self.signer.signature.as_bytes(),
        )
    }

    /// The signing certificate must be for timestamping only: extended key usage
    /// id-kp-timeStamping, critical (RFC 3161 §2.3).
    pub fn check_eku(&self) -> Result<(), TokenError> {
        let cert = self.signer_cert()?;
        let name = subject_name(cert);
        let ext = find_ext(cert, OID_EKU)
            .ok_or_else(|| TokenError::NoEku(wording::timestamp::no_extended_key_usage(&name)))?;
        let eku = ExtendedKeyUsage::from_der(ext.extn_value.as_bytes())
            .map_err(|_| malformed(wording::timestamp::EXTENDED_KEY_USAGE_MALFORMED))?;
        if eku.0 != [OID_KP_TIME_STAMPING] {
            return Err(TokenError::NoEku(wording::timestamp::not_only_timestamping(&name)));
        }
        if !ext.critical {
            return Err(TokenError::NoEku(wording::timestamp::usage_not_critical(&name)));
        }
        Ok(())
    }

    pub(super) fn check_valid_at(&self, cert: &Certificate) -> Result<(), TokenError> {
        let v = &cert.tbs_certificate.validity;
        let t = self.gen_time();
        let secs = |d: Duration| i64::try_from(d.as_secs()).unwrap_or(i64::MAX);
        let from = Utc.timestamp_opt(secs(v.not_before.to_unix_duration()), 0).single();
        let until = Utc.timestamp_opt(secs(v.not_after.to_unix_duration()), 0).single();
        match (from, until) {
            (Some(f), Some(u)) if f <= t && t <= u => Ok(()),
            _ => Err(TokenError::CertExpired(
                wording::timestamp::certificate_validity(subject_name(cert), v.not_before, v.not_after),
                self.gen_time_text(),
            )),
        }
    }

    /// Checks that the signing certificate chains, through certificates in the token, to one
    /// of `roots`, each link's signature verifying and each issuer a CA, and that every
    /// certificate on the way was valid at `genTime`.
    ///
    /// Intermediates may come from the token or from [`TsaRoots::add_untrusted`]. Candidates
    /// are filtered by name and key identifier before any signature is checked, and at most
    /// a fixed number of signatures is checked per token, so a token stuffed with look-alike
    /// certificates costs little.
    pub fn check_chain(&self, roots: &TsaRoots) -> Result<(), TokenError> {
        let mut cur = self.signer_cert()?;
        let mut path: Vec<&Certificate> = vec![cur];
        let checks = std::cell::Cell::new(0usize);
        for _ in 0..MAX_CHAIN_LINKS {
            if roots.certs.iter().any(|r| r == cur) {
                return path.iter().try_for_each(|c| self.check_valid_at(c));
            }
            let aki = authority_key_id(cur);
            let issued_by = |i: &&Certificate| {
                i.tbs_certificate.subject == cur.tbs_certificate.issuer
                    && match (&aki, subject_key_id(i)) {
                        (Some(a), Some(s)) => a == &s,
                        _ => true,
                    }
                    && is_ca(i)
                    && checks.get() < MAX_CHAIN_SIGNATURE_CHECKS
                    && {
                        checks.set(checks.get() + 1);
                        true
                    }
                    && cur.tbs_certificate.to_der().is_ok_and(|tbs| {
                        verify_signature(
                            &i.tbs_certificate.subject_public_key_info,
                            &cur.signature_algorithm.oid,
                            None,
                            &tbs,
                            cur.signature.raw_bytes(),
                        )
                        .is_ok()
                    })
            };
            if let Some(root) = roots.certs.iter().find(issued_by) {
                path.push(root);
                return path.iter().try_for_each(|c| self.check_valid_at(c));
            }
            match self.certs.iter().chain(&roots.untrusted).filter(|c| !path.contains(c)).find(issued_by) {
                Some(next) => {
                    path.push(next);
                    cur = next;
                }
                None => break,
            }
        }
        Err(TokenError::UntrustedRoot(format!(
            "{} was issued by {}, which is not one of the given roots",
            subject_name(path[0]),
            cur.tbs_certificate.issuer
        )))
    }
}

/// What a token proves, once verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The time the TSA vouches for.
    pub gen_time: DateTime<Utc>,
    /// That time as RFC 3339 UTC, with the token's fractional seconds.
    pub gen_time_text: String,
    /// The TSA's name.
    pub tsa: String,
    /// Whether the TSA certificate chains to one of the given roots (false without roots).
    pub trusted: bool,
}

/// Verifies a token over `data` (an event's signature file): imprint, CMS signature, the
/// TSA certificate's usage and validity at `genTime`, and, given roots, its chain.
pub fn verify_token(token: &[u8], data: &[u8], roots: Option<&TsaRoots>) -> Result<Verified, TokenError> {
    let t = parse_token(token)?;
    t.check_imprint(data)?;
    t.check_signature()?;
    t.check_eku()?;
    t.check_valid_at(t.signer_cert()?)?;
    if let Some(r) = roots {
        t.check_chain(r)?;
    }
    Ok(Verified {
        gen_time: t.gen_time(),
        gen_time_text: t.gen_time_text(),
        tsa: t.tsa_name(),
        trusted: roots.is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_malformed_not_a_panic() {
        let mut inputs: Vec<Vec<u8>> = vec![
            vec![],
            vec![0x30],
            vec![0x30, 0x80],
            vec![0x30, 0x84, 0xff, 0xff, 0xff, 0xff],
            vec![0x30, 0x03, 0x06, 0x01, 0x00],
            b"not a token at all".to_vec(),
            vec![0u8; 100],
        ];
        // A ContentInfo that names SignedData with garbage inside.
        let mut ci = vec![0x30, 0x0f, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
        ci.extend_from_slice(&[0xa0, 0x02, 0x30, 0x00]);
        inputs.push(ci);
        for i in inputs {
            let e = verify_token(&i, b"sig", None).unwrap_err();
            assert_eq!(e.code(), crate::check::CheckCode::TimestampMalformed, "{e}");
        }
    }
}
