//! Archive limits (spec §3.3, §9.4): how much of each tag file a verifier reads.

use crate::seal::{MANIFEST_PATH, PAYLOAD_MANIFEST_PATH, TAG_MANIFEST_PATH};

/// The largest tag file (event, key, signature, BagIt text file) a verifier reads.
pub const MAX_TAG_FILE: u64 = 16 * 1024 * 1024;

/// The largest manifest (`custody/manifest.json`, `manifest-sha256.txt`,
/// `tagmanifest-sha256.txt`): these grow with the number of payload files.
pub const MAX_MANIFEST_FILE: u64 = 512 * 1024 * 1024;

/// The size limit for a tag file.
pub fn tag_file_limit(name: &str) -> u64 {
    match name {
        MANIFEST_PATH | PAYLOAD_MANIFEST_PATH | TAG_MANIFEST_PATH => MAX_MANIFEST_FILE,
        _ => MAX_TAG_FILE,
    }
}
