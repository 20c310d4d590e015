//! SHA-256 digests as the bundle format writes them: 64 lowercase hexadecimal digits.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};

/// A SHA-256 digest.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sha256Digest(pub [u8; 32]);

/// The pattern of a stored digest.
pub const SHA256_PATTERN: &str = "^[0-9a-f]{64}$";

impl Sha256Digest {
    /// The digest of `data`.
    pub fn of(data: &[u8]) -> Self {
        Sha256Digest(Sha256::digest(data).into())
    }

    /// The digest of everything `r` yields, read in 256 KiB pieces, and its length.
    pub fn of_reader(r: &mut impl std::io::Read) -> std::io::Result<(Self, u64)> {
        let mut h = Sha256::new();
        let mut buf = vec![0u8; 256 * 1024];
        let mut n = 0u64;
        loop {
            match r.read(&mut buf) {
                Ok(0) => return Ok((Sha256Digest(h.finalize().into()), n)),
                Ok(k) => {
                    h.update(&buf[..k]);
                    n += k as u64;
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// Lowercase hexadecimal.
    pub fn hex(&self) -> String {
        hex(&self.0)
    }
}

/// Lowercase hexadecimal of any bytes.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 15)] as char);
    }
    s
}

/// The `N` bytes written as exactly `2N` lowercase hexadecimal digits, the one spelling the
/// format writes (digests, bundle ids, log hashes); anything else (capitals, a sign, another
/// length) is `None`.
pub fn unhex<const N: usize>(text: &str) -> Option<[u8; N]> {
    let b = text.as_bytes();
    if b.len() != 2 * N {
        return None;
    }
    let digit = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    };
    let mut out = [0u8; N];
    for (o, pair) in out.iter_mut().zip(b.chunks_exact(2)) {
        *o = digit(pair[0])? << 4 | digit(pair[1])?;
    }
    Some(out)
}

/// Parses exactly 64 lowercase hexadecimal digits.
impl FromStr for Sha256Digest {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        unhex(s)
            .map(Sha256Digest)
            .ok_or_else(|| format!("'{s}' is not a SHA-256 digest (64 lowercase hexadecimal digits)"))
    }
}

impl fmt::Display for Sha256Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.hex())
    }
}

impl fmt::Debug for Sha256Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Sha256Digest({})", self.hex())
    }
}

impl Serialize for Sha256Digest {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Sha256Digest {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for Sha256Digest {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Sha256".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": SHA256_PATTERN,
            "description": "SHA-256 digest, 64 lowercase hexadecimal digits"
        })
    }
}

/// The shared test vectors under `tests/vectors/` that both verifiers are held to (this crate's
/// unit tests and `tools/verify_bundle.py`): read by name, their bytes given in hex.
#[cfg(test)]
pub(crate) mod shared_vectors {
    /// The vector file `tests/vectors/<file>`, parsed.
    pub(crate) fn load(file: &str) -> serde_json::Value {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors").join(file);
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap()
    }

    /// The bytes a vector gives in hex.
    pub(crate) fn bytes(hex: &str) -> Vec<u8> {
        (0..hex.len() / 2).map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trip_and_strictness() {
        let d = Sha256Digest::of(b"abc");
        assert_eq!(d.hex(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(d.hex().parse::<Sha256Digest>().unwrap(), d);
        assert!(d.hex().to_uppercase().parse::<Sha256Digest>().is_err());
        assert!("ab".parse::<Sha256Digest>().is_err());
    }

    #[test]
    fn unhex_takes_exactly_2n_lowercase_digits() {
        assert_eq!(
            unhex::<16>("00ff7a0b00000000000000000000000c"),
            Some([0, 255, 122, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 12])
        );
        for bad in
            ["00FF7A0B00000000000000000000000C", "00ff7a0b00000000000000000000000", "+0ff7a0b00000000000000000000000c"]
        {
            assert_eq!(unhex::<16>(bad), None, "{bad}");
        }
        assert_eq!(unhex::<16>(&"0".repeat(34)), None);
        assert_eq!(unhex::<16>("00ff7a0b00000000000000000000000g"), None);
    }
}
