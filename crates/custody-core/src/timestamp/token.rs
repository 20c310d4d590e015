//! The token: RFC 3161 `TSTInfo` inside CMS SignedData, parsed strictly from hostile bytes,
//! and what the verifier reads from its certificates.

use crate::wording;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerInfo};
use der::asn1::{Int, ObjectIdentifier, OctetString};
use der::{Decode, DecodeValue, Encode, EncodeValue, FixedTag, Header, Length, Reader, Sequence, Tag, Writer};
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;
use x509_cert::ext::pkix::{BasicConstraints, KeyUsage};
use x509_tsp::{Accuracy, MessageImprint, TspVersion};

use super::der::{check_der_shape, raw_signed_attrs, without_duplicate_certificates};
use super::oid::*;
use super::{TokenError, malformed};
use crate::layout::MAX_TOKEN;

/// `genTime`: a GeneralizedTime in UTC, `YYYYMMDDHHMMSS[.f]Z`. RFC 3161 allows fractional
/// seconds, which the `der` crate's GeneralizedTime rejects, so it is read here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenTime {
    /// The instant.
    pub at: DateTime<Utc>,
    text: Vec<u8>,
}

impl GenTime {
    /// Parses the GeneralizedTime content octets.
    pub fn parse(b: &[u8]) -> Option<GenTime> {
        let body = b.strip_suffix(b"Z")?;
        let (whole, frac) = match body.iter().position(|&c| c == b'.') {
            Some(i) => (&body[..i], Some(&body[i + 1..])),
            None => (body, None),
        };
        if whole.len() != 14 || !whole.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let n = |r: std::ops::Range<usize>| whole[r].iter().fold(0u32, |a, &d| a * 10 + u32::from(d - b'0'));
        let mut nanos = 0u32;
        if let Some(f) = frac {
            // DER: at least one digit, no trailing zero; at most nanoseconds here.
            if f.is_empty() || f.len() > 9 || !f.iter().all(u8::is_ascii_digit) || f.last() == Some(&b'0') {
                return None;
            }
            nanos = f.iter().fold(0u32, |a, &d| a * 10 + u32::from(d - b'0')) * 10u32.pow(9 - f.len() as u32);
        }
        let date = NaiveDate::from_ymd_opt(n(0..4) as i32, n(4..6), n(6..8))?;
        let t = date.and_hms_nano_opt(n(8..10), n(10..12), n(12..14), nanos)?;
        if n(12..14) > 59 {
            return None;
        }
        Some(GenTime { at: Utc.from_utc_datetime(&t), text: b.to_vec() })
    }
}

impl<'a> DecodeValue<'a> for GenTime {
    fn decode_value<R: Reader<'a>>(reader: &mut R, header: Header) -> der::Result<Self> {
        let bytes = reader.read_vec(header.length)?;
        GenTime::parse(&bytes).ok_or_else(|| Tag::GeneralizedTime.value_error())
    }
}

impl EncodeValue for GenTime {
    fn value_len(&self) -> der::Result<Length> {
        Length::try_from(self.text.len())
    }
    fn encode_value(&self, writer: &mut impl Writer) -> der::Result<()> {
        writer.write(&self.text)
    }
}

impl FixedTag for GenTime {
    const TAG: Tag = Tag::GeneralizedTime;
}

/// RFC 3161 `TSTInfo`, with a `genTime` that may carry fractional seconds.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct TstInfo {
    /// `version` (v1).
    pub version: TspVersion,
    /// `policy`: the TSA policy under which the token was issued.
    pub policy: ObjectIdentifier,
    /// `messageImprint`: the hash of the data the token is over.
    pub message_imprint: MessageImprint,
    /// `serialNumber`.
    pub serial_number: Int,
    /// `genTime`: the time the TSA vouches for.
    pub gen_time: GenTime,
    /// `accuracy`, if given.
    #[asn1(optional = "true")]
    pub accuracy: Option<Accuracy>,
    /// `ordering`.
    #[asn1(default = "Default::default")]
    pub ordering: bool,
    /// `nonce`, if the request carried one.
    #[asn1(optional = "true")]
    pub nonce: Option<Int>,
    /// `tsa`: the TSA's name, if given.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub tsa: Option<x509_cert::ext::pkix::name::GeneralName>,
    /// `extensions`, if any.
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    pub extensions: Option<x509_cert::ext::Extensions>,
}

/// ESSCertID (RFC 2634) and ESSCertIDv2 (RFC 5035): the hash of the signing certificate.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(super) struct EssCertId {
    pub(super) cert_hash: OctetString,
    #[asn1(optional = "true")]
    pub(super) issuer_serial: Option<der::Any>,
}

#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(super) struct EssCertIdV2 {
    #[asn1(optional = "true")]
    pub(super) hash_algorithm: Option<AlgorithmIdentifierOwned>,
    pub(super) cert_hash: OctetString,
    #[asn1(optional = "true")]
    pub(super) issuer_serial: Option<der::Any>,
}

#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(super) struct SigningCertificate {
    pub(super) certs: Vec<EssCertId>,
    #[asn1(optional = "true")]
    pub(super) policies: Option<der::Any>,
}

#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(super) struct SigningCertificateV2 {
    pub(super) certs: Vec<EssCertIdV2>,
    #[asn1(optional = "true")]
    pub(super) policies: Option<der::Any>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Hash {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    pub(super) fn from_oid(oid: &ObjectIdentifier) -> Option<Hash> {
        match *oid {
            OID_SHA1 => Some(Hash::Sha1),
            OID_SHA256 => Some(Hash::Sha256),
            OID_SHA384 => Some(Hash::Sha384),
            OID_SHA512 => Some(Hash::Sha512),
            _ => None,
        }
    }
    pub(super) fn digest(self, data: &[u8]) -> Vec<u8> {
        use sha2::Digest as _;
        match self {
            Hash::Sha1 => <sha1::Sha1 as sha1::Digest>::digest(data).to_vec(),
            Hash::Sha256 => sha2::Sha256::digest(data).to_vec(),
            Hash::Sha384 => sha2::Sha384::digest(data).to_vec(),
            Hash::Sha512 => sha2::Sha512::digest(data).to_vec(),
        }
    }
    /// A hash strong enough for a signature (not SHA-1).
    pub(super) fn strong(oid: &ObjectIdentifier) -> Result<Hash, TokenError> {
        match Hash::from_oid(oid) {
            Some(Hash::Sha1) => Err(TokenError::Unsupported(wording::timestamp::SHA1_TOO_WEAK.into())),
            Some(h) => Ok(h),
            None => Err(TokenError::Unsupported(wording::timestamp::digest_algorithm(oid))),
        }
    }
}

/// A parsed token: structure checked, nothing verified yet.
#[derive(Clone, Debug)]
pub struct Token {
    /// The `TSTInfo` the token signs.
    pub info: TstInfo,
    pub(super) tst_der: Vec<u8>,
    pub(super) signed_attrs: Vec<u8>,
    pub(super) signer: SignerInfo,
    pub(super) certs: Vec<Certificate>,
}

/// Parses a DER TimeStampToken (a CMS ContentInfo holding SignedData over TSTInfo).
pub fn parse_token(bytes: &[u8]) -> Result<Token, TokenError> {
    if bytes.len() > MAX_TOKEN {
        return Err(malformed(wording::timestamp::token_too_large()));
    }
    check_der_shape(bytes).map_err(malformed)?;
    let deduplicated = without_duplicate_certificates(bytes);
    let ci = ContentInfo::from_der(deduplicated.as_deref().unwrap_or(bytes))
        .map_err(|e| malformed(wording::timestamp::not_content_info(e)))?;
    if ci.content_type != OID_SIGNED_DATA {
        return Err(malformed(wording::timestamp::not_signed_data(ci.content_type)));
    }
    let sd: SignedData = ci.content.decode_as().map_err(|e| malformed(wording::timestamp::bad_signed_data(e)))?;
    if sd.encap_content_info.econtent_type != OID_TST_INFO {
        return Err(malformed(wording::timestamp::not_tst_info(sd.encap_content_info.econtent_type)));
    }
    let econtent = sd.encap_content_info.econtent.as_ref().ok_or_else(|| malformed(wording::timestamp::NO_TSTINFO))?;
    let tst_der = OctetString::from_der(&econtent.to_der().map_err(malformed)?)
        .map_err(|e| malformed(wording::timestamp::tst_info_not_octets(e)))?
        .into_bytes();
    check_der_shape(&tst_der).map_err(|e| malformed(wording::timestamp::tst_info_shape(e)))?;
    let info = TstInfo::from_der(&tst_der).map_err(|e| malformed(wording::timestamp::bad_tst_info(e)))?;
    let mut signers = sd.signer_infos.0.iter();
    let signer = match (signers.next(), signers.next()) {
        (Some(s), None) => s.clone(),
        (None, _) => return Err(malformed(wording::timestamp::NO_SIGNER)),
        (Some(_), Some(_)) => return Err(malformed(wording::timestamp::SEVERAL_SIGNERS)),
    };
    // From the bytes as stored: the signature covers them, not a re-encoding.
    let signed_attrs = raw_signed_attrs(bytes).ok_or_else(|| malformed(wording::timestamp::NO_SIGNED_ATTRIBUTES))?;
    let certs = sd
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|c| match c {
            CertificateChoices::Certificate(c) => Some(c.clone()),
            CertificateChoices::Other(_) => None,
        })
        .collect();
    Ok(Token { info, tst_der, signed_attrs, signer, certs })
}

/// The subject's common name, or the whole subject if it has none.
pub(crate) fn subject_name(cert: &Certificate) -> String {
    let subject = &cert.tbs_certificate.subject;
    for rdn in subject.0.iter() {
        for atv in rdn.0.iter() {
            if atv.oid == OID_CN
                && let Ok(s) = std::str::from_utf8(atv.value.value())
            {
                return s.to_owned();
            }
        }
    }
    subject.to_string()
}

pub(super) fn find_ext(cert: &Certificate, oid: ObjectIdentifier) -> Option<&x509_cert::ext::Extension> {
    cert.tbs_certificate.extensions.as_ref()?.iter().find(|e| e.extn_id == oid)
}

pub(super) fn subject_key_id(cert: &Certificate) -> Option<OctetString> {
    find_ext(cert, OID_SKI).and_then(|e| OctetString::from_der(e.extn_value.as_bytes()).ok())
}

/// The key identifier in a certificate's authority key identifier, naming its issuer's key.
pub(super) fn authority_key_id(cert: &Certificate) -> Option<OctetString> {
    use x509_cert::ext::pkix::AuthorityKeyIdentifier;
    find_ext(cert, OID_AKI)
        .and_then(|e| AuthorityKeyIdentifier::from_der(e.extn_value.as_bytes()).ok())
        .and_then(|a| a.key_identifier)
}

pub(super) fn is_ca(cert: &Certificate) -> bool {
    let ca = find_ext(cert, OID_BASIC_CONSTRAINTS)
        .and_then(|e| BasicConstraints::from_der(e.extn_value.as_bytes()).ok())
        .is_some_and(|b| b.ca);
    let may_sign_certs = match find_ext(cert, OID_KEY_USAGE) {
        None => true,
        Some(e) => KeyUsage::from_der(e.extn_value.as_bytes()).is_ok_and(|k| k.key_cert_sign()),
    };
    ca && may_sign_certs
}

pub(super) fn cert_der(cert: &Certificate) -> Result<Vec<u8>, TokenError> {
    cert.to_der().map_err(malformed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::SecondsFormat;

    #[test]
    fn gen_time_with_and_without_fractions() {
        let t = GenTime::parse(b"20261120100003Z").unwrap();
        assert_eq!(t.at.to_rfc3339_opts(SecondsFormat::AutoSi, true), "2026-11-20T10:00:03Z");
        let t = GenTime::parse(b"20261120100003.125Z").unwrap();
        assert_eq!(t.at.to_rfc3339_opts(SecondsFormat::AutoSi, true), "2026-11-20T10:00:03.125Z");
        let t = GenTime::parse(b"20261120100003.5Z").unwrap();
        assert_eq!(t.at.timestamp_subsec_millis(), 500);
        for bad in [
            &b"20261120100003.Z"[..],
            b"20261120100003.50Z",
            b"20261120100003.1234567891Z",
            b"2026112010000Z",
            b"20261320100003Z",
            b"20261120250003Z",
            b"20261120100060Z",
            b"20261120100003",
            b"20261120100003+0100",
            b"2026112010000aZ",
            b"",
            b"Z",
        ] {
            assert!(GenTime::parse(bad).is_none(), "{}", String::from_utf8_lossy(bad));
        }
    }
}
