//! Raw DER, before any decoding: the shape check that bounds what the `der` crate is given
//! (spec §9.4: SET sizes and nesting depth), and byte-exact slicing of the parts a signature
//! covers or a TSA may repeat.

use crate::wording;
use der::{Encode, Length};

use crate::layout::{MAX_DER_DEPTH, MAX_SET_ELEMENTS};

/// One DER element at the start of `b`: (tag byte, content, rest). Only definite lengths of
/// at most 4 bytes (the structure was already decoded strictly; this only slices it).
pub(super) fn tlv(b: &[u8]) -> Option<(u8, &[u8], &[u8])> {
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
pub(super) fn check_der_shape(b: &[u8]) -> Result<(), String> {
    const CUT: &str = wording::timestamp::DER_CUT_SHORT;
    if !tlv(b).ok_or(CUT)?.2.is_empty() {
        return Err(wording::timestamp::DER_TRAILING_BYTES.into());
    }
    // Whole elements still to look into, with their depth; each element is pushed once.
    let mut todo: Vec<(&[u8], usize)> = vec![(b, 1)];
    while let Some((element, depth)) = todo.pop() {
        if depth > MAX_DER_DEPTH {
            return Err(wording::timestamp::der_too_deep());
        }
        let (tag, mut content, _) = tlv(element).ok_or(CUT)?;
        if tag & 0x1f == 0x1f {
            return Err(wording::timestamp::DER_HIGH_TAG.into());
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
                return Err(wording::timestamp::der_set_too_large());
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
pub(super) fn without_duplicate_certificates(token: &[u8]) -> Option<Vec<u8>> {
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
pub(super) fn raw_signed_attrs(token: &[u8]) -> Option<Vec<u8>> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timestamp::parse_token;
    use std::time::Duration;

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
        assert_eq!(e.code(), crate::check::CheckCode::TimestampMalformed);
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
}
