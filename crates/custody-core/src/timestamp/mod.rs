//! Trusted time: RFC 3161 timestamp tokens on custody events.
//!
//! An event's time is its signer's claim. A timestamp authority (TSA) can vouch for time: given
//! a hash, it returns a *token*, a CMS SignedData over a `TSTInfo` that binds the hash to the
//! TSA's clock (`genTime`). custody asks for a token over each event's detached signature
//! (`custody/events/NNNNNN-TYPE.json.sig`, the 64 raw Ed25519 bytes), and stores the token,
//! DER, beside it as `custody/events/NNNNNN-TYPE.json.sig.tst`. The signature covers the event
//! document, so the token proves the event existed at `genTime`.
//!
//! Tokens are bound by no event: the coverage rule exempts a token whose event exists, so
//! tokens can be added later (`custody timestamp`) without touching any signature.
//!
//! Everything here reads hostile bytes: a token comes from whoever made the bundle. Every
//! failure is a [`TokenError`] with a stable check code; nothing panics.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, SecondsFormat, TimeZone, Utc};
use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use der::asn1::{Int, ObjectIdentifier, OctetString};
use der::{Decode, DecodeValue, Encode, EncodeValue, FixedTag, Header, Length, Reader, Sequence, Tag, Writer};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use x509_cert::Certificate;
use x509_cert::ext::pkix::{BasicConstraints, ExtendedKeyUsage, KeyUsage};
use x509_tsp::{Accuracy, MessageImprint, TimeStampReq, TimeStampResp, TspVersion};

use crate::time::Timestamp;

/// What a token file's name adds to its event's name: `NNNNNN-TYPE.json` + `.sig.tst`.
pub const TOKEN_SUFFIX: &str = ".sig.tst";
/// The largest token a verifier reads, and the largest TSA answer the client accepts.
pub const MAX_TOKEN: usize = 1 << 20;
/// A claimed event time later than the trusted time by more than this fails
/// [`timestamp.time_conflict`]: the event cannot have been signed after the TSA saw its
/// signature. The allowance covers unsynchronised clocks.
pub const TOLERANCE_SECONDS: i64 = 300;
/// A trusted time later than the claimed time by more than this is a warning
/// (`timestamp.late`): the token proves existence only from its own time on.
pub const LATE_SECONDS: i64 = 24 * 3600;
/// Environment variable naming the default TSA for `--tsa`.
pub const TSA_URL_ENV: &str = "CUSTODY_TSA_URL";

const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const TOTAL_TIMEOUT: Duration = Duration::from_secs(60);

const OID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const OID_TST_INFO: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.1.4");
const OID_CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
const OID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const OID_SIGNING_CERT: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.12");
const OID_SIGNING_CERT_V2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");
const OID_SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.14.3.2.26");
const OID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const OID_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
const OID_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");
const OID_EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const OID_P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const OID_P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const OID_P521: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");
const OID_ECDSA_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
const OID_ECDSA_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.3");
const OID_ECDSA_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.4");
const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const OID_RSA_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
const OID_RSA_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.12");
const OID_RSA_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.13");
const OID_EKU: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.37");
const OID_BASIC_CONSTRAINTS: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.19");
const OID_KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.15");
const OID_KP_TIME_STAMPING: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.8");
const OID_CN: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
const OID_SKI: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.14");
const OID_AKI: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.35");

/// The most elements a token may hold in one SET (or implicitly tagged SET) before it is
/// refused unread. The `der` crate sorts each SET OF it decodes by insertion sort, quadratic
/// in the number of elements; real tokens have a handful (issue #13.4).
pub const MAX_SET_ELEMENTS: usize = 64;
/// The deepest nesting of DER elements a token may have.
pub const MAX_DER_DEPTH: usize = 32;
/// The most certificate signatures checked while building one token's chain to a root.
const MAX_CHAIN_SIGNATURE_CHECKS: usize = 16;

/// The token file of an event document: `custody/events/000000-seal.json` gives
/// `custody/events/000000-seal.json.sig.tst`.
pub fn token_path(event_path: &str) -> String {
    format!("{event_path}{TOKEN_SUFFIX}")
}

/// The event document a token file belongs to, if the name is a token file's.
pub fn token_event(path: &str) -> Option<&str> {
    path.strip_suffix(TOKEN_SUFFIX).filter(|e| e.starts_with("custody/events/") && e.ends_with(".json"))
}

/// Why a token does not prove a time. Each variant has a stable check code ([`Self::code`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("the token is not a well-formed RFC 3161 timestamp token: {0}")]
    Malformed(String),
    #[error("the token uses an algorithm this verifier does not support: {0}")]
    Unsupported(String),
    #[error("the token was made over other data, not over this event's signature")]
    ImprintMismatch,
    #[error("the token's signature does not verify: {0}")]
    BadSignature(String),
    #[error("the TSA certificate is not for timestamping: {0}")]
    NoEku(String),
    #[error("the certificate of {0} was not valid at the token's time {1}")]
    CertExpired(String, String),
    #[error("the TSA certificate does not chain to a root in --tsa-roots: {0}")]
    UntrustedRoot(String),
}

impl TokenError {
    /// The verifier's check code for this failure.
    pub fn code(&self) -> &'static str {
        match self {
            TokenError::Malformed(_) => "timestamp.malformed",
            TokenError::Unsupported(_) => "timestamp.unsupported_algorithm",
            TokenError::ImprintMismatch => "timestamp.imprint_mismatch",
            TokenError::BadSignature(_) => "timestamp.bad_signature",
            TokenError::NoEku(_) => "timestamp.no_eku",
            TokenError::CertExpired(..) => "timestamp.cert_expired",
            TokenError::UntrustedRoot(_) => "timestamp.untrusted_root",
        }
    }
}

fn malformed(what: impl std::fmt::Display) -> TokenError {
    TokenError::Malformed(what.to_string())
}

/// `genTime`: a GeneralizedTime in UTC, `YYYYMMDDHHMMSS[.f]Z`. RFC 3161 allows fractional
/// seconds, which the `der` crate's GeneralizedTime rejects, so it is read here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenTime {
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
    pub version: TspVersion,
    pub policy: ObjectIdentifier,
    pub message_imprint: MessageImprint,
    pub serial_number: Int,
    pub gen_time: GenTime,
    #[asn1(optional = "true")]
    pub accuracy: Option<Accuracy>,
    #[asn1(default = "Default::default")]
    pub ordering: bool,
    #[asn1(optional = "true")]
    pub nonce: Option<Int>,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub tsa: Option<x509_cert::ext::pkix::name::GeneralName>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    pub extensions: Option<x509_cert::ext::Extensions>,
}

/// ESSCertID (RFC 2634) and ESSCertIDv2 (RFC 5035): the hash of the signing certificate.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct EssCertId {
    cert_hash: OctetString,
    #[asn1(optional = "true")]
    issuer_serial: Option<der::Any>,
}

#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct EssCertIdV2 {
    #[asn1(optional = "true")]
    hash_algorithm: Option<AlgorithmIdentifierOwned>,
    cert_hash: OctetString,
    #[asn1(optional = "true")]
    issuer_serial: Option<der::Any>,
}

#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct SigningCertificate {
    certs: Vec<EssCertId>,
    #[asn1(optional = "true")]
    policies: Option<der::Any>,
}

#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
    #[asn1(optional = "true")]
    policies: Option<der::Any>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Hash {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    fn from_oid(oid: &ObjectIdentifier) -> Option<Hash> {
        match *oid {
            OID_SHA1 => Some(Hash::Sha1),
            OID_SHA256 => Some(Hash::Sha256),
            OID_SHA384 => Some(Hash::Sha384),
            OID_SHA512 => Some(Hash::Sha512),
            _ => None,
        }
    }
    fn digest(self, data: &[u8]) -> Vec<u8> {
        use sha2::Digest as _;
        match self {
            Hash::Sha1 => <sha1::Sha1 as sha1::Digest>::digest(data).to_vec(),
            Hash::Sha256 => sha2::Sha256::digest(data).to_vec(),
            Hash::Sha384 => sha2::Sha384::digest(data).to_vec(),
            Hash::Sha512 => sha2::Sha512::digest(data).to_vec(),
        }
    }
    /// A hash strong enough for a signature (not SHA-1).
    fn strong(oid: &ObjectIdentifier) -> Result<Hash, TokenError> {
        match Hash::from_oid(oid) {
            Some(Hash::Sha1) => Err(TokenError::Unsupported("SHA-1 is too weak to rely on".into())),
            Some(h) => Ok(h),
            None => Err(TokenError::Unsupported(format!("digest algorithm {oid}"))),
        }
    }
}

/// A parsed token: structure checked, nothing verified yet.
#[derive(Clone, Debug)]
pub struct Token {
    pub info: TstInfo,
    tst_der: Vec<u8>,
    signed_attrs: Vec<u8>,
    signer: SignerInfo,
    certs: Vec<Certificate>,
}

/// One DER element at the start of `b`: (tag byte, content, rest). Only definite lengths of
/// at most 4 bytes (the structure was already decoded strictly; this only slices it).
fn tlv(b: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let tag = *b.first()?;
    let l0 = usize::from(*b.get(1)?);
    let (len, hl) = if l0 < 0x80 {
        (l0, 2)
    } else {
        let n = l0 & 0x7f;
        if n == 0 || n > 4 {
            return None;
        }
        let mut len = 0usize;
        for i in 0..n {
            len = len.checked_mul(256)?.checked_add(usize::from(*b.get(2 + i)?))?;
        }
        (len, 2 + n)
    };
    let end = hl.checked_add(len)?;
    (end <= b.len()).then(|| (tag, &b[hl..end], &b[end..]))
}

/// One pass over a DER encoding before anything decodes it: every element well formed and
/// inside its parent, no SET (universal SET or context-tagged constructed element, which CMS
/// uses for implicitly tagged SETs) with more than [`MAX_SET_ELEMENTS`] elements, no nesting
/// deeper than [`MAX_DER_DEPTH`]. Linear in the input. Names what is wrong.
fn check_der_shape(b: &[u8]) -> Result<(), String> {
    const CUT: &str = "an element is cut short or has a bad length";
    if !tlv(b).ok_or(CUT)?.2.is_empty() {
        return Err("bytes follow the token".into());
    }
    // Whole elements still to look into, with their depth; each element is pushed once.
    let mut todo: Vec<(&[u8], usize)> = vec![(b, 1)];
    while let Some((element, depth)) = todo.pop() {
        if depth > MAX_DER_DEPTH {
            return Err(format!("it nests more than {MAX_DER_DEPTH} levels deep"));
        }
        let (tag, mut content, _) = tlv(element).ok_or(CUT)?;
        if tag & 0x1f == 0x1f {
            return Err("it uses a tag number form RFC 3161 tokens never need".into());
        }
        if tag & 0x20 == 0 {
            continue;
        }
        let is_set = tag == 0x31 || tag & 0xe0 == 0xa0;
        let mut children = 0usize;
        while !content.is_empty() {
            let rest = tlv(content).ok_or(CUT)?.2;
            todo.push((&content[..content.len() - rest.len()], depth + 1));
            children += 1;
            if is_set && children > MAX_SET_ELEMENTS {
                return Err(format!("a SET holds more than {MAX_SET_ELEMENTS} elements"));
            }
            content = rest;
        }
    }
    Ok(())
}

/// `DER(tag, content)`.
fn der_element(tag: u8, content: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(content.len() + 6);
    out.push(tag);
    Length::try_from(content.len()).ok()?.encode_to_vec(&mut out).ok()?;
    out.extend_from_slice(content);
    Some(out)
}

/// The token with each certificate in its `certificates` SET kept once. A TSA configured to
/// send its own certificate in its chain as well sends it twice (`openssl ts -verify` accepts
/// this); the `der` crate refuses a SET OF with duplicates. `None` if there were none (or the
/// structure is not that of a token, which the strict decoding then reports).
fn without_duplicate_certificates(token: &[u8]) -> Option<Vec<u8>> {
    let (t0, ci, _) = tlv(token)?;
    let (t1, oid, rest) = tlv(ci)?;
    let (t2, explicit, _) = tlv(rest)?;
    let (t3, sd, _) = tlv(explicit)?;
    if (t0, t1, t2, t3) != (0x30, 0x06, 0xa0, 0x30) {
        return None;
    }
    let mut fields = Vec::new();
    let mut r = sd;
    while let Some((t, c, rest)) = tlv(r) {
        fields.push((t, c, &r[..r.len() - rest.len()]));
        r = rest;
    }
    let certs = fields.iter().position(|f| f.0 == 0xa0)?;
    let mut seen = std::collections::HashSet::new();
    let mut kept = Vec::new();
    let mut c = fields[certs].1;
    while let Some((_, _, rest)) = tlv(c) {
        let whole = &c[..c.len() - rest.len()];
        if seen.insert(whole) {
            kept.extend_from_slice(whole);
        }
        c = rest;
    }
    if kept.len() == fields[certs].1.len() {
        return None;
    }
    let mut sd_content = Vec::with_capacity(sd.len());
    for (i, f) in fields.iter().enumerate() {
        if i == certs {
            sd_content.extend_from_slice(&der_element(0xa0, &kept)?);
        } else {
            sd_content.extend_from_slice(f.2);
        }
    }
    let mut ci_content = der_element(0x06, oid)?;
    ci_content.extend_from_slice(&der_element(0xa0, &der_element(0x30, &sd_content)?)?);
    der_element(0x30, &ci_content)
}

/// The signed attributes of the (first) SignerInfo exactly as stored, re-tagged as the
/// SET OF that the signature covers (RFC 5652 §5.4). Taken from the raw bytes rather than
/// re-encoded, so that a signer's attribute order cannot change what is checked.
fn raw_signed_attrs(token: &[u8]) -> Option<Vec<u8>> {
    let (_, ci, _) = tlv(token)?;
    let (_, _, rest) = tlv(ci)?;
    let (t, explicit, _) = tlv(rest)?;
    if t != 0xa0 {
        return None;
    }
    let (_, sd, _) = tlv(explicit)?;
    let mut r = sd;
    for _ in 0..3 {
        r = tlv(r)?.2;
    }
    while let Some((t, _, rest)) = tlv(r) {
        if t == 0xa0 || t == 0xa1 {
            r = rest;
        } else {
            break;
        }
    }
    let (t, infos, _) = tlv(r)?;
    if t != 0x31 {
        return None;
    }
    let (_, si, _) = tlv(infos)?;
    let mut r = si;
    for _ in 0..3 {
        r = tlv(r)?.2;
    }
    let (t, attrs, _) = tlv(r)?;
    if t != 0xa0 {
        return None;
    }
    let mut out = Vec::with_capacity(attrs.len() + 6);
    out.push(0x31);
    let len = Length::try_from(attrs.len()).ok()?;
    len.encode_to_vec(&mut out).ok()?;
    out.extend_from_slice(attrs);
    Some(out)
}

/// Parses a DER TimeStampToken (a CMS ContentInfo holding SignedData over TSTInfo).
pub fn parse_token(bytes: &[u8]) -> Result<Token, TokenError> {
    if bytes.len() > MAX_TOKEN {
        return Err(malformed(format!("it is larger than {MAX_TOKEN} bytes")));
    }
    check_der_shape(bytes).map_err(malformed)?;
    let deduplicated = without_duplicate_certificates(bytes);
    let ci = ContentInfo::from_der(deduplicated.as_deref().unwrap_or(bytes))
        .map_err(|e| malformed(format!("not a CMS ContentInfo ({e})")))?;
    if ci.content_type != OID_SIGNED_DATA {
        return Err(malformed(format!("its content type is {}, not SignedData", ci.content_type)));
    }
    let sd: SignedData = ci.content.decode_as().map_err(|e| malformed(format!("bad SignedData ({e})")))?;
    if sd.encap_content_info.econtent_type != OID_TST_INFO {
        return Err(malformed(format!("it signs {}, not a TSTInfo", sd.encap_content_info.econtent_type)));
    }
    let econtent = sd.encap_content_info.econtent.as_ref().ok_or_else(|| malformed("it has no TSTInfo"))?;
    let tst_der = OctetString::from_der(&econtent.to_der().map_err(malformed)?)
        .map_err(|e| malformed(format!("the TSTInfo is not an OCTET STRING ({e})")))?
        .into_bytes();
    check_der_shape(&tst_der).map_err(|e| malformed(format!("its TSTInfo: {e}")))?;
    let info = TstInfo::from_der(&tst_der).map_err(|e| malformed(format!("bad TSTInfo ({e})")))?;
    let mut signers = sd.signer_infos.0.iter();
    let signer = match (signers.next(), signers.next()) {
        (Some(s), None) => s.clone(),
        (None, _) => return Err(malformed("it has no signer")),
        (Some(_), Some(_)) => return Err(malformed("it has more than one signer")),
    };
    // From the bytes as stored: the signature covers them, not a re-encoding.
    let signed_attrs = raw_signed_attrs(bytes).ok_or_else(|| malformed("it has no signed attributes"))?;
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
pub fn subject_name(cert: &Certificate) -> String {
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

fn find_ext(cert: &Certificate, oid: ObjectIdentifier) -> Option<&x509_cert::ext::Extension> {
    cert.tbs_certificate.extensions.as_ref()?.iter().find(|e| e.extn_id == oid)
}

fn subject_key_id(cert: &Certificate) -> Option<OctetString> {
    find_ext(cert, OID_SKI).and_then(|e| OctetString::from_der(e.extn_value.as_bytes()).ok())
}

/// The key identifier in a certificate's authority key identifier, naming its issuer's key.
fn authority_key_id(cert: &Certificate) -> Option<OctetString> {
    use x509_cert::ext::pkix::AuthorityKeyIdentifier;
    find_ext(cert, OID_AKI)
        .and_then(|e| AuthorityKeyIdentifier::from_der(e.extn_value.as_bytes()).ok())
        .and_then(|a| a.key_identifier)
}

fn is_ca(cert: &Certificate) -> bool {
    let ca = find_ext(cert, OID_BASIC_CONSTRAINTS)
        .and_then(|e| BasicConstraints::from_der(e.extn_value.as_bytes()).ok())
        .is_some_and(|b| b.ca);
    let may_sign_certs = match find_ext(cert, OID_KEY_USAGE) {
        None => true,
        Some(e) => KeyUsage::from_der(e.extn_value.as_bytes()).is_ok_and(|k| k.key_cert_sign()),
    };
    ca && may_sign_certs
}

fn cert_der(cert: &Certificate) -> Result<Vec<u8>, TokenError> {
    cert.to_der().map_err(malformed)
}

/// Verifies `signature` over `message` with `spki`. `sig_alg` is the signature algorithm;
/// `digest` the digest to use when `sig_alg` names only a key type (as CMS allows).
fn verify_signature(
    spki: &SubjectPublicKeyInfoOwned,
    sig_alg: &ObjectIdentifier,
    digest: Option<Hash>,
    message: &[u8],
    signature: &[u8],
) -> Result<(), TokenError> {
    let unsupported = || TokenError::Unsupported(format!("signature algorithm {sig_alg}"));
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
        return Err(TokenError::Unsupported("SHA-1 signatures are too weak to rely on".into()));
    }
    let prehash = hash.digest(message);
    let key_bytes = spki.subject_public_key.as_bytes().ok_or_else(|| malformed("a public key is not whole bytes"))?;
    let bad = |why: &str| TokenError::BadSignature(why.to_owned());
    if rsa {
        use rsa::pkcs1::DecodeRsaPublicKey as _;
        if spki.algorithm.oid != OID_RSA {
            return Err(bad("an RSA signature by a key that is not RSA"));
        }
        let key = rsa::RsaPublicKey::from_pkcs1_der(key_bytes)
            .map_err(|e| TokenError::Unsupported(format!("RSA public key ({e})")))?;
        let scheme = match hash {
            Hash::Sha256 => rsa::Pkcs1v15Sign::new::<rsa::sha2::Sha256>(),
            Hash::Sha384 => rsa::Pkcs1v15Sign::new::<rsa::sha2::Sha384>(),
            _ => rsa::Pkcs1v15Sign::new::<rsa::sha2::Sha512>(),
        };
        return key.verify(scheme, &prehash, signature).map_err(|_| bad("the RSA signature does not match"));
    }
    if spki.algorithm.oid != OID_EC_PUBLIC_KEY {
        return Err(bad("an ECDSA signature by a key that is not an EC key"));
    }
    let curve: ObjectIdentifier = spki
        .algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.decode_as().ok())
        .ok_or_else(|| malformed("an EC key without a named curve"))?;
    use p256::ecdsa::signature::hazmat::PrehashVerifier as _;
    let ok = match curve {
        OID_P256 => {
            let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(key_bytes).map_err(|_| malformed("bad P-256 key"))?;
            let sig = p256::ecdsa::Signature::from_der(signature).map_err(|_| bad("not a DER ECDSA signature"))?;
            key.verify_prehash(&prehash, &sig).is_ok()
        }
        OID_P384 => {
            let key = p384::ecdsa::VerifyingKey::from_sec1_bytes(key_bytes).map_err(|_| malformed("bad P-384 key"))?;
            let sig = p384::ecdsa::Signature::from_der(signature).map_err(|_| bad("not a DER ECDSA signature"))?;
            key.verify_prehash(&prehash, &sig).is_ok()
        }
        OID_P521 => {
            let key = p521::ecdsa::VerifyingKey::from_sec1_bytes(key_bytes).map_err(|_| malformed("bad P-521 key"))?;
            let sig = p521::ecdsa::Signature::from_der(signature).map_err(|_| bad("not a DER ECDSA signature"))?;
            // The ecdsa crate refuses a hash shorter than half the field (SHA-256 with P-521,
            // which OpenSSL uses by default); left zero-padding to the field's 66 bytes is the
            // same integer (SEC 1 §4.1.4 step 5).
            let mut padded = [0u8; 66];
            let start = padded.len().saturating_sub(prehash.len());
            padded[start..].copy_from_slice(&prehash[prehash.len().saturating_sub(66)..]);
            key.verify_prehash(&padded, &sig).is_ok()
        }
        other => return Err(TokenError::Unsupported(format!("elliptic curve {other}"))),
    };
    if ok { Ok(()) } else { Err(bad("the ECDSA signature does not match")) }
}

fn single_attr(token: &Token, oid: ObjectIdentifier) -> Result<Option<&der::Any>, TokenError> {
    let Some(attrs) = token.signer.signed_attrs.as_ref() else { return Ok(None) };
    let mut found = attrs.iter().filter(|a| a.oid == oid);
    match (found.next(), found.next()) {
        (None, _) => Ok(None),
        (Some(a), None) if a.values.len() == 1 => Ok(a.values.get(0)),
        _ => Err(malformed(format!("signed attribute {oid} is not a single value"))),
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
        found.ok_or_else(|| malformed("it does not carry the TSA's certificate"))
    }

    /// The TSA's name: the signing certificate's common name.
    pub fn tsa_name(&self) -> String {
        self.signer_cert().map(subject_name).unwrap_or_else(|_| "an unknown TSA".into())
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
        let ct = single_attr(self, OID_CONTENT_TYPE)?.ok_or_else(|| malformed("no content-type attribute"))?;
        if ct.decode_as::<ObjectIdentifier>().ok() != Some(OID_TST_INFO) {
            return Err(TokenError::BadSignature("the content-type attribute is not TSTInfo".into()));
        }
        let digest_alg = Hash::strong(&self.signer.digest_alg.oid)?;
        let md = single_attr(self, OID_MESSAGE_DIGEST)?.ok_or_else(|| malformed("no message-digest attribute"))?;
        let md: OctetString = md.decode_as().map_err(|_| malformed("the message-digest attribute is malformed"))?;
        if md.as_bytes() != digest_alg.digest(&self.tst_der) {
            return Err(TokenError::BadSignature("the TSTInfo was changed after signing".into()));
        }
        let cert = self.signer_cert()?;
        let der = cert_der(cert)?;
        if let Some(v2) = single_attr(self, OID_SIGNING_CERT_V2)? {
            let sc: SigningCertificateV2 = v2.decode_as().map_err(|_| malformed("bad signing-certificate-v2"))?;
            let first = sc.certs.first().ok_or_else(|| malformed("empty signing-certificate-v2"))?;
            let h = match &first.hash_algorithm {
                None => Hash::Sha256,
                Some(a) => Hash::from_oid(&a.oid).ok_or_else(|| TokenError::Unsupported(format!("{}", a.oid)))?,
            };
            if h.digest(&der) != first.cert_hash.as_bytes() {
                return Err(TokenError::BadSignature("it names another signing certificate".into()));
            }
        } else if let Some(v1) = single_attr(self, OID_SIGNING_CERT)? {
            let sc: SigningCertificate = v1.decode_as().map_err(|_| malformed("bad signing-certificate"))?;
            let first = sc.certs.first().ok_or_else(|| malformed("empty signing-certificate"))?;
            if Hash::Sha1.digest(&der) != first.cert_hash.as_bytes() {
                return Err(TokenError::BadSignature("it names another signing certificate".into()));
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
            .ok_or_else(|| TokenError::NoEku(format!("{name}'s certificate has no extended key usage")))?;
        let eku = ExtendedKeyUsage::from_der(ext.extn_value.as_bytes())
            .map_err(|_| malformed("the extended key usage extension is malformed"))?;
        if eku.0 != [OID_KP_TIME_STAMPING] {
            return Err(TokenError::NoEku(format!("{name}'s certificate is not limited to timeStamping")));
        }
        if !ext.critical {
            return Err(TokenError::NoEku(format!("{name}'s timeStamping usage is not marked critical")));
        }
        Ok(())
    }

    fn check_valid_at(&self, cert: &Certificate) -> Result<(), TokenError> {
        let v = &cert.tbs_certificate.validity;
        let t = self.gen_time();
        let secs = |d: Duration| i64::try_from(d.as_secs()).unwrap_or(i64::MAX);
        let from = Utc.timestamp_opt(secs(v.not_before.to_unix_duration()), 0).single();
        let until = Utc.timestamp_opt(secs(v.not_after.to_unix_duration()), 0).single();
        match (from, until) {
            (Some(f), Some(u)) if f <= t && t <= u => Ok(()),
            _ => Err(TokenError::CertExpired(
                format!("{} (valid {} to {})", subject_name(cert), v.not_before, v.not_after),
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
        for _ in 0..8 {
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

/// Root certificates the verifier trusts for timestamps (`--tsa-roots FILE`, PEM).
#[derive(Debug, Clone, Default)]
pub struct TsaRoots {
    certs: Vec<Certificate>,
    /// Intermediate certificates to build chains with, not trusted themselves
    /// (`--tsa-untrusted FILE`): for TSAs whose tokens omit them.
    untrusted: Vec<Certificate>,
}

impl TsaRoots {
    /// Reads one or more PEM `CERTIFICATE` blocks.
    pub fn from_pem(bytes: &[u8]) -> Result<Self, String> {
        let certs = pem_certificates(bytes, "give the TSA's root CA certificate(s), PEM")?;
        Ok(TsaRoots { certs, untrusted: Vec::new() })
    }

    /// Adds intermediate CA certificates (PEM) that chains may pass through, for TSAs whose
    /// tokens do not carry their whole chain. They are not trusted: a chain must still end
    /// at one of the roots.
    pub fn add_untrusted(&mut self, bytes: &[u8]) -> Result<(), String> {
        let certs = pem_certificates(bytes, "give the TSA's intermediate CA certificate(s), PEM")?;
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
        let text = std::str::from_utf8(bytes).map_err(|_| format!("it is not PEM text; {hint}"))?;
        let mut certs = Vec::new();
        let mut rest = text;
        while let Some(start) = rest.find("-----BEGIN ") {
            let block = &rest[start..];
            let end = block.find(END).ok_or_else(|| format!("a PEM block is not a whole certificate; {hint}"))?;
            // Decoded in one step by pem-rfc7468, then parsed as DER: der's streaming PEM
            // reader loops forever on some truncated blocks (found by fuzzing).
            let n = certs.len() + 1;
            let (label, der_bytes) = pem_rfc7468::decode_vec(&block.as_bytes()[..end + END.len()])
                .map_err(|e| format!("certificate {n} is not valid PEM ({e}); {hint}"))?;
            if label != "CERTIFICATE" {
                return Err(format!("block {n} is a {label}, not a CERTIFICATE; {hint}"));
            }
            let cert = Certificate::from_der(&der_bytes)
                .map_err(|e| format!("certificate {n} is not usable ({e}); {hint}"))?;
            certs.push(cert);
            rest = &block[end + END.len()..];
        }
        if certs.is_empty() {
            return Err(format!("it holds no certificate; {hint}"));
        }
        Ok(certs)
    }
}

/// What a token proves, once verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub gen_time: DateTime<Utc>,
    pub gen_time_text: String,
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

/// An event's trusted time as the verification report shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct TrustedTime {
    /// The token's genTime, RFC 3339 UTC, with its fractional seconds if any.
    pub time: String,
    /// The timestamp authority: its certificate's common name.
    pub tsa: String,
    /// Whether the TSA's certificate chains to a root given with --tsa-roots.
    pub trusted: bool,
    /// Seconds from the event's claimed time to the trusted time (positive: the trusted time
    /// is later, as it should be).
    pub gap_seconds: i64,
}

/// A check result from [`check_tokens`]: level, code, message, path.
pub(crate) type TokenCheck = (crate::verify::Level, &'static str, String, Option<String>);

/// Checks every token in a bundle's tag files. `events` are the well-formed events (path,
/// claimed time). Returns the checks and each event's trusted time by event path.
pub(crate) fn check_tokens(
    tags: &BTreeMap<String, Vec<u8>>,
    events: &[(String, Timestamp)],
    roots: Option<&TsaRoots>,
) -> (Vec<TokenCheck>, BTreeMap<String, TrustedTime>) {
    use crate::verify::Level;
    let mut checks: Vec<TokenCheck> = Vec::new();
    let mut times = BTreeMap::new();
    let claimed: BTreeMap<&str, Timestamp> = events.iter().map(|(p, t)| (p.as_str(), *t)).collect();
    for (name, bytes) in tags.iter().filter(|(n, _)| n.ends_with(TOKEN_SUFFIX)) {
        let Some(event) = token_event(name) else { continue };
        let sig_path = format!("{event}.sig");
        let (Some(_), Some(sig)) = (tags.get(event), tags.get(&sig_path)) else {
            checks.push((
                Level::Fail,
                "timestamp.orphan",
                format!(
                    "{name} is a timestamp token for {event}, but that event or its signature is not in the bundle"
                ),
                Some(name.clone()),
            ));
            continue;
        };
        let v = match verify_token(bytes, sig, roots) {
            Ok(v) => v,
            Err(e) => {
                checks.push((Level::Fail, e.code(), format!("{name}: {e}"), Some(name.clone())));
                continue;
            }
        };
        let Some(claim) = claimed.get(event) else { continue };
        let gap = v.gen_time.timestamp() - claim.unix();
        if v.trusted {
            checks.push((
                Level::Pass,
                "timestamp.valid",
                format!("{event} existed at {} (trusted time from {})", v.gen_time_text, v.tsa),
                Some(name.clone()),
            ));
        } else {
            checks.push((
                Level::Warn,
                "timestamp.untrusted",
                format!(
                    "{name} is a valid token from {} saying {event} existed at {}, but that TSA is not trusted \
                     here: pass --tsa-roots FILE with the TSA's root certificate to trust it",
                    v.tsa, v.gen_time_text
                ),
                Some(name.clone()),
            ));
        }
        if claim.as_datetime() > v.gen_time + chrono::Duration::seconds(TOLERANCE_SECONDS) {
            checks.push((
                Level::Fail,
                "timestamp.time_conflict",
                format!(
                    "{event} claims {claim}, {} s after its trusted time {}: its signer's clock was wrong or the \
                     time was falsified (tolerance {TOLERANCE_SECONDS} s)",
                    -gap, v.gen_time_text
                ),
                Some(event.to_owned()),
            ));
        } else if gap > LATE_SECONDS {
            checks.push((
                Level::Warn,
                "timestamp.late",
                format!(
                    "{event} claims {claim}, but its trusted time is {} ({} h later): the token proves only that \
                     the event existed from then on",
                    v.gen_time_text,
                    gap / 3600
                ),
                Some(event.to_owned()),
            ));
        }
        times.insert(
            event.to_owned(),
            TrustedTime { time: v.gen_time_text, tsa: v.tsa, trusted: v.trusted, gap_seconds: gap },
        );
    }
    for (path, _) in events {
        if !tags.contains_key(&token_path(path)) {
            checks.push((
                Level::Warn,
                "timestamp.missing",
                format!(
                    "{path} has no trusted time (no RFC 3161 token): its time is only its signer's claim; \
                     add one with `custody timestamp BUNDLE --tsa URL`"
                ),
                Some(path.clone()),
            ));
        }
    }
    (checks, times)
}

/// Why asking a TSA for a token failed.
#[derive(Debug, thiserror::Error)]
pub enum TsaError {
    #[error(
        "'{0}' is not a TSA address this build can use: give an http:// URL (tokens are signed by the TSA and checked \
         offline, so plain HTTP loses no integrity; https is not built in)"
    )]
    BadUrl(String),
    #[error(
        "the timestamp authority {url} could not be reached ({why}); check the address and the network. \
         To go on without trusted time now and add it later with `custody timestamp`, use --tsa-optional"
    )]
    Unreachable { url: String, why: String },
    #[error("the timestamp authority {url} answered HTTP {status}, not a timestamp")]
    HttpStatus { url: String, status: u16 },
    #[error(
        "the timestamp authority {url} answered with {got:?} content, not application/timestamp-reply; is this a TSA address?"
    )]
    ContentType { url: String, got: String },
    #[error("the timestamp authority {url} sent an unusable answer: {why}")]
    BadResponse { url: String, why: String },
    #[error("the timestamp authority {url} refused the request (status {status}{text})")]
    Refused { url: String, status: String, text: String },
    #[error("the operating system's random number source failed: {0}")]
    Random(String),
}

/// Builds a DER TimeStampReq for SHA-256 of `data` with `nonce`, asking for the certificate.
fn build_request(data: &[u8], nonce: &[u8; 8]) -> Result<Vec<u8>, der::Error> {
    let req = TimeStampReq {
        version: TspVersion::V1,
        message_imprint: MessageImprint {
            hash_algorithm: spki::AlgorithmIdentifier { oid: OID_SHA256, parameters: Some(der::Any::null()) },
            hashed_message: OctetString::new(Hash::Sha256.digest(data))?,
        },
        req_policy: None,
        nonce: Some(Int::new(nonce)?),
        cert_req: true,
        extensions: None,
    };
    req.to_der()
}

/// Asks the TSA at `url` for a token over `data` (an event's signature file) and checks the
/// answer before returning the token's DER: status granted, the nonce and imprint sent, a
/// valid signature by a certificate with the timeStamping usage, valid at its time.
pub fn request_token(url: &str, data: &[u8]) -> Result<Vec<u8>, TsaError> {
    if !url.starts_with("http://") || url.len() <= "http://".len() {
        return Err(TsaError::BadUrl(url.to_owned()));
    }
    let mut nonce = [0u8; 8];
    getrandom::fill(&mut nonce).map_err(|e| TsaError::Random(e.to_string()))?;
    nonce[0] = (nonce[0] & 0x7f) | 0x40; // positive, and minimal as DER needs
    let bad = |why: String| TsaError::BadResponse { url: url.to_owned(), why };
    let req = build_request(data, &nonce).map_err(|e| bad(format!("internal: cannot encode the request: {e}")))?;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_connect(Some(CONNECT_TIMEOUT))
        .timeout_global(Some(TOTAL_TIMEOUT))
        .http_status_as_error(false)
        .user_agent(concat!("custody/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let unreachable = |e: ureq::Error| TsaError::Unreachable { url: url.to_owned(), why: e.to_string() };
    let mut resp = agent
        .post(url)
        .header("Content-Type", "application/timestamp-query")
        .header("Accept", "application/timestamp-reply")
        .send(&req[..])
        .map_err(unreachable)?;
    let status = resp.status().as_u16();
    if status != 200 {
        return Err(TsaError::HttpStatus { url: url.to_owned(), status });
    }
    let ct = resp.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let mime = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if mime != "application/timestamp-reply" {
        return Err(TsaError::ContentType { url: url.to_owned(), got: ct });
    }
    let body = resp.body_mut().with_config().limit(MAX_TOKEN as u64).read_to_vec().map_err(|e| match e {
        ureq::Error::BodyExceedsLimit(_) => bad(format!("more than {MAX_TOKEN} bytes")),
        other => unreachable(other),
    })?;
    let parsed = TimeStampResp::from_der(&body).map_err(|e| bad(format!("not an RFC 3161 response ({e})")))?;
    use cmpv2::status::PkiStatus;
    if !matches!(parsed.status.status, PkiStatus::Accepted | PkiStatus::GrantedWithMods) {
        let text = parsed
            .status
            .status_string
            .as_ref()
            .map(|s| s.iter().map(|t| t.to_string()).collect::<Vec<_>>().join("; "))
            .map(|t| format!(": {}", crate::verify::printable(&t)))
            .unwrap_or_default();
        return Err(TsaError::Refused { url: url.to_owned(), status: format!("{:?}", parsed.status.status), text });
    }
    let token = parsed.time_stamp_token.ok_or_else(|| bad("status granted but no token".into()))?;
    let token = token.to_der().map_err(|e| bad(format!("the token cannot be re-encoded ({e})")))?;
    let t = parse_token(&token).map_err(|e| bad(e.to_string()))?;
    if t.info.nonce.as_ref().map(|n| n.as_bytes()) != Some(&nonce[..]) {
        return Err(bad("the token does not carry the nonce sent (a replayed or mixed-up answer)".into()));
    }
    t.check_imprint(data).map_err(|e| bad(e.to_string()))?;
    t.check_signature().map_err(|e| bad(e.to_string()))?;
    t.check_eku().map_err(|e| bad(e.to_string()))?;
    t.signer_cert().and_then(|c| t.check_valid_at(c)).map_err(|e| bad(e.to_string()))?;
    Ok(token)
}

/// Whether and where to ask for trusted time when writing an event.
#[derive(Debug, Clone)]
pub struct Stamping {
    /// The TSA's URL (http://).
    pub url: String,
    /// If the TSA fails, write the event without trusted time instead of failing.
    pub optional: bool,
}

/// What happened to the trusted time of a written event.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum StampOutcome {
    /// No TSA was given.
    #[default]
    NotRequested,
    /// A token was stored.
    Stamped { token_path: String, time: String, tsa: String },
    /// The TSA failed and the event was written without trusted time (`optional`).
    Failed { error: String },
}

/// A tag file to add: bundle path and bytes.
pub(crate) type TagFile = (String, Vec<u8>);

/// Asks for a token over `sig` (the signature of `event_path`) as `stamping` says. Returns the
/// token file to add, if any, and what happened. Fails only if the TSA failed and trusted
/// time was not optional.
pub(crate) fn stamp(
    stamping: Option<&Stamping>,
    event_path: &str,
    sig: &[u8],
) -> Result<(Option<TagFile>, StampOutcome), TsaError> {
    let Some(s) = stamping else { return Ok((None, StampOutcome::NotRequested)) };
    match request_token(&s.url, sig) {
        Ok(token) => {
            let (time, tsa) = parse_token(&token).map(|t| (t.gen_time_text(), t.tsa_name())).unwrap_or_default();
            let path = token_path(event_path);
            Ok((Some((path.clone(), token)), StampOutcome::Stamped { token_path: path, time, tsa }))
        }
        Err(e) if s.optional => Ok((None, StampOutcome::Failed { error: e.to_string() })),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            assert_eq!(e.code(), "timestamp.malformed", "{e}");
        }
    }

    #[test]
    fn raw_signed_attrs_and_tlv_never_overrun() {
        assert!(tlv(&[0x30, 0x05, 0x00]).is_none());
        assert!(tlv(&[0x30, 0x85, 1, 1, 1, 1, 1]).is_none());
        assert_eq!(tlv(&[0x04, 0x01, 0xaa, 0xbb]), Some((0x04, &[0xaa][..], &[0xbb][..])));
        assert!(raw_signed_attrs(&[0x30, 0x00]).is_none());
    }

    #[test]
    fn token_shape_limits_sets_and_depth() {
        let set = |n: usize| der_element(0x31, &[0x02u8, 0x01, 0x00].repeat(n)).unwrap();
        assert!(check_der_shape(&set(MAX_SET_ELEMENTS)).is_ok());
        assert!(check_der_shape(&set(MAX_SET_ELEMENTS + 1)).unwrap_err().contains("SET"));
        // An implicitly tagged SET ([0], as CMS certificates and signed attributes are).
        let implicit = der_element(0xa0, &[0x02u8, 0x01, 0x00].repeat(MAX_SET_ELEMENTS + 1)).unwrap();
        assert!(check_der_shape(&implicit).is_err());
        // A SEQUENCE may be longer.
        assert!(check_der_shape(&der_element(0x30, &[0x05u8, 0x00].repeat(1000)).unwrap()).is_ok());
        let nest = |n: usize| (0..n).fold(vec![0x05, 0x00], |inner, _| der_element(0x30, &inner).unwrap());
        assert!(check_der_shape(&nest(MAX_DER_DEPTH - 1)).is_ok());
        assert!(check_der_shape(&nest(MAX_DER_DEPTH + 1)).unwrap_err().contains("levels"));
        assert!(check_der_shape(&[0x30, 0x02, 0x05, 0x00, 0x00]).is_err(), "trailing bytes");
        // A hostile token: 40 000 digest algorithms, reverse-sorted, in SignedData's SET:
        // refused at once, where the der crate's insertion sort takes minutes (issue #13.4).
        let algs: Vec<u8> = (0..40_000u32)
            .rev()
            .flat_map(|i| {
                der_element(
                    0x30,
                    &[
                        &[0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x02, 0x04][..],
                        &i.to_be_bytes(),
                    ]
                    .concat(),
                )
                .unwrap()
            })
            .collect();
        let sd = der_element(0x30, &[&[0x02, 0x01, 0x03][..], &der_element(0x31, &algs).unwrap()].concat()).unwrap();
        let oid = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
        let token = der_element(0x30, &[&oid[..], &der_element(0xa0, &sd).unwrap()].concat()).unwrap();
        let start = std::time::Instant::now();
        let e = parse_token(&token).unwrap_err();
        assert!(e.to_string().contains("SET"), "{e}");
        assert_eq!(e.code(), "timestamp.malformed");
        assert!(start.elapsed() < Duration::from_secs(2), "{:?}", start.elapsed());
    }

    #[test]
    fn duplicate_certificates_are_dropped_before_decoding() {
        let oid = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
        let cert_a = der_element(0x30, &[0x02, 0x01, 0x01]).unwrap();
        let cert_b = der_element(0x30, &[0x02, 0x01, 0x02]).unwrap();
        let build = |certs: &[&[u8]]| {
            let sd = [&[0x02, 0x01, 0x03][..], &der_element(0xa0, &certs.concat()).unwrap(), &[0x31, 0x00]].concat();
            let ci = [&oid[..], &der_element(0xa0, &der_element(0x30, &sd).unwrap()).unwrap()].concat();
            der_element(0x30, &ci).unwrap()
        };
        assert_eq!(without_duplicate_certificates(&build(&[&cert_a, &cert_b])), None);
        assert_eq!(
            without_duplicate_certificates(&build(&[&cert_a, &cert_b, &cert_a])),
            Some(build(&[&cert_a, &cert_b]))
        );
    }

    #[test]
    fn root_lists_are_pem_certificates() {
        for bad in [&b""[..], b"\n", b"\r\n", b"-----BEGIN CERTIFICATE-----\n", b"no pem", b"\xff\xfe"] {
            assert!(TsaRoots::from_pem(bad).is_err());
        }
        let pem = b"-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n";
        assert!(TsaRoots::from_pem(pem).unwrap_err().contains("certificate 1"));
    }

    #[test]
    fn token_names() {
        assert_eq!(token_path("custody/events/000001-transfer.json"), "custody/events/000001-transfer.json.sig.tst");
        assert_eq!(
            token_event("custody/events/000001-transfer.json.sig.tst"),
            Some("custody/events/000001-transfer.json")
        );
        assert_eq!(token_event("custody/keys/x.json.sig.tst"), None);
        assert_eq!(token_event("custody/events/x.sig.tst"), None);
    }

    #[test]
    fn requests_only_over_http() {
        assert!(matches!(request_token("https://tsa.example/", b"x"), Err(TsaError::BadUrl(_))));
        assert!(matches!(request_token("tsa.example", b"x"), Err(TsaError::BadUrl(_))));
        let req = build_request(b"abc", &[0x40, 1, 2, 3, 4, 5, 6, 7]).unwrap();
        let back = TimeStampReq::from_der(&req).unwrap();
        assert!(back.cert_req);
        assert_eq!(back.message_imprint.hashed_message.as_bytes(), Hash::Sha256.digest(b"abc"));
    }
}
