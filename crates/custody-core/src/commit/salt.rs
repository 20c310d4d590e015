//! The salts of a commitment's leaves (§5.12): HMAC-SHA256 (RFC 2104) keyed by the bundle's
//! random seed, so revealing one leaf's salt says nothing of the seed or of any other salt.
//! HMAC is written here over `sha2` (twelve lines, checked against RFC 4231) rather than
//! taken from a crate at another `digest` version than the workspace's.

use sha2::{Digest, Sha256};

/// A 32-byte salt, key or seed.
pub type Salt = [u8; 32];

/// The label of a top leaf's salt: `salt(t) = HMAC(seed, LEAF_SALT || u32be(t))`.
pub const LEAF_SALT: &[u8; 17] = b"custody-leaf-salt";
/// The label of an item's file key: `files_key(t) = HMAC(seed, FILES_KEY || u32be(t))`.
pub const FILES_KEY: &[u8; 17] = b"custody-files-key";
/// The label of a file's salt: `salt(t, f) = HMAC(files_key(t), FILE_SALT || u32be(f))`.
pub const FILE_SALT: &[u8; 17] = b"custody-file-salt";

/// HMAC-SHA256 of the concatenated `parts` under `key` (RFC 2104; a key longer than the
/// 64-byte block is hashed first).
pub fn hmac_sha256(key: &[u8], parts: &[&[u8]]) -> Salt {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(block.map(|b| b ^ 0x36));
    parts.iter().for_each(|p| inner.update(p));
    let mut outer = Sha256::new();
    outer.update(block.map(|b| b ^ 0x5c));
    outer.update(inner.finalize());
    outer.finalize().into()
}

/// The salt of top leaf `t`.
pub fn leaf_salt(seed: &Salt, t: u32) -> Salt {
    hmac_sha256(seed, &[LEAF_SALT, &t.to_be_bytes()])
}

/// The key of the file salts of the item at top leaf `t`.
pub fn files_key(seed: &Salt, t: u32) -> Salt {
    hmac_sha256(seed, &[FILES_KEY, &t.to_be_bytes()])
}

/// The salt of file `f` of an item, from the item's files key.
pub fn file_salt(files_key: &Salt, f: u32) -> Salt {
    hmac_sha256(files_key, &[FILE_SALT, &f.to_be_bytes()])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::hex;

    #[test]
    fn rfc_4231_test_cases() {
        // Case 1: 20 bytes of 0x0b, "Hi There".
        assert_eq!(
            hex(&hmac_sha256(&[0x0b; 20], &[b"Hi There"])),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        );
        // Case 2: key "Jefe" (split input: the parts are concatenated).
        assert_eq!(
            hex(&hmac_sha256(b"Jefe", &[b"what do ya want ", b"for nothing?"])),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // Case 6: a 131-byte key, hashed first.
        assert_eq!(
            hex(&hmac_sha256(&[0xaa; 131], &[b"Test Using Larger Than Block-Size Key - Hash Key First"])),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn the_vectors_seed_gives_the_salt_of_spec_13() {
        // Computed with Python's hmac module; spec §13 quotes it.
        let seed: Salt = std::array::from_fn(|i| i as u8);
        assert_eq!(hex(&leaf_salt(&seed, 0)), "525ad8156b4ed04d1cb655f6b86f5f9186ade0b3a87c452308eda467d9ba7fed");
        let key = files_key(&seed, 3);
        assert_eq!(hex(&key), "c2d0c4686b8b884b32be4b4f861c279afac6f9ddcea12683d6760074555a2062");
        assert_eq!(hex(&file_salt(&key, 0)), "4dd41bd3e55541a82204ffed77cc5ffd24c2fad6550a0327e3770dfe6bc89bcc");
    }

    #[test]
    fn salts_differ_by_label_and_index() {
        let seed: Salt = std::array::from_fn(|i| i as u8);
        let all = [leaf_salt(&seed, 0), leaf_salt(&seed, 1), files_key(&seed, 0), file_salt(&files_key(&seed, 0), 0)];
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }
}
