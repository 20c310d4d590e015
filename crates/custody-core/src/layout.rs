//! The bundle's layout: every path, name pattern and size limit of the format, in one place.
//!
//! A bundle is a strict ZIP archive (spec §3) whose entries all sit under one folder,
//! `custody-<bundle id>/` (§2.5), holding a BagIt bag (§2) with custody's signed documents
//! under `custody/`. Every other path here is a bag path, relative to that folder. This module
//! names every file the format defines (§2.1), how event, signature, key and token files are
//! named, and the limits a reader applies to what it reads (§9.4). Writers and readers take
//! these from here, so a path or a limit is stated once; each item cites the spec section that
//! defines it.
//!
//! This module is a leaf: it imports nothing from the rest of the crate, so every other
//! module may use it without creating an import cycle.

// ---------------------------------------------------------------------------------------
// Fixed files (spec §2.1)
// ---------------------------------------------------------------------------------------

/// The BagIt declaration, first entry of every bundle (spec §2.1; its exact bytes are
/// [`crate::bagit::BAGIT_TXT`]).
pub const BAGIT_PATH: &str = "bagit.txt";
/// The guide for people, second entry of every bundle (spec §2.1).
pub const HOW_TO_VERIFY_PATH: &str = "HOW-TO-VERIFY.txt";
/// The BagIt metadata file (spec §2.3).
pub const BAG_INFO_PATH: &str = "bag-info.txt";
/// The BagIt payload manifest: one line per payload file (spec §2.4).
pub const PAYLOAD_MANIFEST_PATH: &str = "manifest-sha256.txt";
/// The BagIt tag manifest: one line per tag file except itself; the last entry (spec §2.4,
/// §2.2).
pub const TAG_MANIFEST_PATH: &str = "tagmanifest-sha256.txt";
/// The custody manifest, bound by the seal event (spec §5.2, §6.3).
pub const MANIFEST_PATH: &str = "custody/manifest.json";
/// The files the seal event must bind (spec §6.3): the declaration, the guide and the
/// manifest (with the sealer's key).
pub const SEAL_BOUND_FILES: [&str; 3] = [BAGIT_PATH, HOW_TO_VERIFY_PATH, MANIFEST_PATH];
/// Where a derived bundle carries its parent's seal event, as stored (spec §5.13).
pub const PARENT_SEAL_PATH: &str = "custody/parent/seal.json";
/// Where a derived bundle carries its parent's sealer's public key file (spec §5.13).
pub const PARENT_KEY_PATH: &str = "custody/parent/key.pem";
/// The folder of a derived bundle's parent files (spec §5.13).
pub const PARENT_DIR: &str = "custody/parent/";
/// The parent files a derived bundle's seal binds (spec §5.13, §6.3): the parent's seal
/// event, its signature and its sealer's key.
pub const PARENT_FILES: [&str; 3] = [PARENT_SEAL_PATH, "custody/parent/seal.json.sig", PARENT_KEY_PATH];

/// The derived tag files: unbound, their bytes fixed by signed facts and checked exactly
/// (spec §2.3, §2.4).
pub const DERIVED_FILES: [&str; 2] = [BAG_INFO_PATH, PAYLOAD_MANIFEST_PATH];

/// Whether `path` is a derived tag file, which no event binds (spec §6.3).
pub fn is_derived(path: &str) -> bool {
    DERIVED_FILES.contains(&path)
}

// ---------------------------------------------------------------------------------------
// The archive's root (spec §2.5)
// ---------------------------------------------------------------------------------------

/// The first part of a bundle's root folder, `custody-<bundle id>/`: every ZIP entry name is
/// the root plus a bag path (spec §2.5). The root exists only in the archive layer.
pub const BUNDLE_ROOT_PREFIX: &str = "custody-";
/// The first part of a statement package's root folder, `custody-statement-<id>/` (§5.7).
pub const STATEMENT_ROOT_PREFIX: &str = "custody-statement-";
/// The number of lowercase hex digits of the id in a root folder's name (spec §2.5).
pub const ROOT_ID_HEX: usize = 32;
/// The length in bytes of a bundle's root, `custody-` + 32 hex + `/` (spec §2.5, §3.4).
pub const BUNDLE_ROOT_LEN: usize = BUNDLE_ROOT_PREFIX.len() + ROOT_ID_HEX + 1;

/// The root folder of the bundle whose id is `bundle_id`: `custody-<bundle id>/` (spec §2.5).
pub fn bundle_root(bundle_id: &str) -> String {
    format!("{BUNDLE_ROOT_PREFIX}{bundle_id}/")
}

// ---------------------------------------------------------------------------------------
// Folders and name patterns (spec §2.1)
// ---------------------------------------------------------------------------------------

/// The payload folder: every entry whose name starts with it is payload, every other entry
/// a tag file (spec §2.1).
pub const PAYLOAD_DIR: &str = "data/";
/// The folder of custody's own files: the manifest, keys and events (spec §2.1).
pub const CUSTODY_DIR: &str = "custody/";
/// The folder of key files, `custody/keys/<64hex>.pem` (spec §2.1, §4.1).
pub const KEYS_DIR: &str = "custody/keys/";
/// The extension of a key file (spec §2.1).
pub const KEY_SUFFIX: &str = ".pem";
/// The folder of custody events, `custody/events/NNNNNN-TYPE.json` (spec §2.1, §5.3).
pub const EVENTS_DIR: &str = "custody/events/";
/// The extension of an event document (spec §2.1).
pub const EVENT_SUFFIX: &str = ".json";
/// The minimum number of digits of an event's sequence number in its file name (spec §2.1).
pub const EVENT_SEQUENCE_DIGITS: usize = 6;
/// Appended to a signed document's path to name its detached signature (spec §2.1, §6.1).
pub const SIG_SUFFIX: &str = ".sig";
/// Appended to an event document's path to name its RFC 3161 timestamp token (spec §2.1,
/// §6.4): the token is over the `.sig` file, hence `.sig.tst`.
pub const TOKEN_SUFFIX: &str = ".sig.tst";

/// The payload folder of the item whose id is `item_id`, without the final `/`:
/// `data/item-1` (spec §2.1).
pub fn item_dir(item_id: &str) -> String {
    format!("{PAYLOAD_DIR}{item_id}")
}

/// The folder of statements, `custody/statements/NNNNNN-TYPE.json`: an author's signed
/// statement, carried by event NNNNNN (spec §5.7).
pub const STATEMENTS_DIR: &str = "custody/statements/";

/// The bundle path of the statement carried by event `sequence` of type `event_type`:
/// `custody/statements/000003-countersign.json` (spec §2.1, §5.7).
pub fn statement_path(sequence: u64, event_type: &str) -> String {
    format!("{STATEMENTS_DIR}{sequence:0width$}-{event_type}{EVENT_SUFFIX}", width = EVENT_SEQUENCE_DIGITS)
}

/// The folder of attached files, `custody/attachments/NNNNNN/<name>`: the files a statement
/// binds (a `document`'s), added by the event NNNNNN that carries it (spec §5.8).
pub const ATTACHMENTS_DIR: &str = "custody/attachments/";
/// The longest name of an attached file, in bytes (spec §5.8): one component, well within
/// [`MAX_BAG_PATH_LEN`] with the folder before it.
pub const MAX_ATTACHMENT_NAME: usize = 255;
/// The most files one statement may attach (spec §5.8).
pub const MAX_ATTACHMENTS: usize = 64;

/// The bundle path of the file `name` attached by event `sequence`:
/// `custody/attachments/000003/request.pdf` (spec §2.1, §5.8).
pub fn attachment_path(sequence: u64, name: &str) -> String {
    format!("{ATTACHMENTS_DIR}{sequence:0width$}/{name}", width = EVENT_SEQUENCE_DIGITS)
}

/// Whether `name` is an attached file: under [`ATTACHMENTS_DIR`] (spec §5.8). Attached files
/// are hashed as they are read, like payload, never held whole ([`tag_file_limit`]).
pub fn is_attachment(name: &str) -> bool {
    name.starts_with(ATTACHMENTS_DIR)
}

/// Whether `name` is payload: under [`PAYLOAD_DIR`] (spec §2.1).
pub fn is_payload(name: &str) -> bool {
    name.starts_with(PAYLOAD_DIR)
}

/// The bundle path of event `sequence` whose type is named `event_type` (`seal`,
/// `transfer`, `receipt`): `custody/events/000001-transfer.json` (spec §2.1, §5.3).
pub fn event_path(sequence: u64, event_type: &str) -> String {
    format!("{EVENTS_DIR}{sequence:0width$}-{event_type}{EVENT_SUFFIX}", width = EVENT_SEQUENCE_DIGITS)
}

/// Whether `name` is the path of an event document: under [`EVENTS_DIR`], ending in
/// [`EVENT_SUFFIX`] (spec §2.1).
pub fn is_event_document(name: &str) -> bool {
    name.starts_with(EVENTS_DIR) && name.ends_with(EVENT_SUFFIX)
}

/// Whether `name` is a statement document, `custody/statements/NNNNNN-TYPE.json`
/// (spec §5.7); its signature is not.
pub fn is_statement_document(name: &str) -> bool {
    name.starts_with(STATEMENTS_DIR) && name.ends_with(EVENT_SUFFIX)
}

/// The detached signature of the document at `document`: its path plus [`SIG_SUFFIX`]
/// (spec §6.1).
pub fn signature_path(document: &str) -> String {
    format!("{document}{SIG_SUFFIX}")
}

/// Whether `name` is a detached signature's path: ends in [`SIG_SUFFIX`] (spec §2.1).
pub fn is_signature(name: &str) -> bool {
    name.ends_with(SIG_SUFFIX)
}

/// The key file of the key whose fingerprint is `fingerprint_hex` (64 lowercase hex digits,
/// without `sha256:`): `custody/keys/<64hex>.pem` (spec §2.1, §4.2).
pub fn key_path(fingerprint_hex: &str) -> String {
    format!("{KEYS_DIR}{fingerprint_hex}{KEY_SUFFIX}")
}

/// The token file of an event document: `custody/events/000000-seal.json` gives
/// `custody/events/000000-seal.json.sig.tst` (spec §6.4).
pub fn token_path(event_path: &str) -> String {
    format!("{event_path}{TOKEN_SUFFIX}")
}

/// The event document a token file belongs to, if `path` is a token file's name (spec §6.4).
pub fn token_event(path: &str) -> Option<&str> {
    path.strip_suffix(TOKEN_SUFFIX).filter(|e| is_event_document(e))
}

/// The folder of log proof files, `custody/log/NNNNNN.json`: what the custody log answered
/// when event NNNNNN was submitted (spec §2.1, §6.5). Unsigned, like a timestamp token.
pub const LOG_DIR: &str = "custody/log/";

/// The log proof file of event `sequence`: `custody/log/000003.json` (spec §6.5).
pub fn log_proof_path(sequence: u64) -> String {
    format!("{LOG_DIR}{sequence:0width$}{EVENT_SUFFIX}", width = EVENT_SEQUENCE_DIGITS)
}

/// The sequence number a log proof file's path names, if `path` is one: `custody/log/` and
/// at least [`EVENT_SEQUENCE_DIGITS`] digits (no more leading zeros than that) and `.json`.
pub fn log_proof_sequence(path: &str) -> Option<u64> {
    let digits = path.strip_prefix(LOG_DIR)?.strip_suffix(EVENT_SUFFIX)?;
    let canonical = digits.len() >= EVENT_SEQUENCE_DIGITS
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits.len() == EVENT_SEQUENCE_DIGITS || !digits.starts_with('0'));
    let n: u64 = digits.parse().ok().filter(|_| canonical)?;
    (log_proof_path(n) == path).then_some(n)
}

// ---------------------------------------------------------------------------------------
// Files beside a bundle (spec §8.2)
// ---------------------------------------------------------------------------------------

/// Suffix of the rollback journal custody writes beside a bundle it updates (spec §8.2).
pub const JOURNAL_SUFFIX: &str = ".custody-journal";
/// Suffix (before `-<pid>`) of the copy of the bytes a rollback replaced (spec §8.2).
pub const ROLLED_BACK_SUFFIX: &str = ".custody-rolled-back";

/// Suffix of the pending event of a logged append kept beside a bundle (spec §8.2).
pub const PENDING_SUFFIX: &str = ".custody-pending-event";

/// Where the pending event of a logged append to `bundle` is kept (spec §8.2).
pub fn pending_path(bundle: &std::path::Path) -> std::path::PathBuf {
    let mut s = bundle.as_os_str().to_owned();
    s.push(PENDING_SUFFIX);
    std::path::PathBuf::from(s)
}

/// The rollback journal's path for the bundle at `bundle` (spec §8.2).
pub fn journal_path(bundle: &std::path::Path) -> std::path::PathBuf {
    let mut s = bundle.as_os_str().to_owned();
    s.push(JOURNAL_SUFFIX);
    std::path::PathBuf::from(s)
}

// ---------------------------------------------------------------------------------------
// Size limits (spec §9.4, §3)
// ---------------------------------------------------------------------------------------

/// The most entries a bundle may hold (spec §3.2, §9.4): [`MAX_PAYLOAD_FILES`] and room for
/// 100,000 tag files (the events with their signatures, tokens and statements).
pub const MAX_ENTRIES: u64 = 1_100_000;
/// The most payload files a writer puts in one bundle (spec §3.3, §9.4; issue #22).
pub const MAX_PAYLOAD_FILES: u64 = 1_000_000;
/// The longest entry name, in bytes, the root included (spec §3.4).
pub const MAX_NAME_LEN: usize = 1024;
/// The longest bag path a sealer accepts: [`MAX_NAME_LEN`] less the bundle's root (spec §3.4).
pub const MAX_BAG_PATH_LEN: usize = MAX_NAME_LEN - BUNDLE_ROOT_LEN;
/// The largest central directory a reader loads, in bytes (spec §3.2).
pub const MAX_CENTRAL_DIRECTORY: u64 = 256 * 1024 * 1024;
/// The most bytes the names of an unzipped bundle (a folder, spec §9.6) take together: each
/// file's full name as an entry name, each folder's (and anything else's) own name and one
/// byte. The central directory's limit, which bounds a ZIP file's names: what a reader holds
/// of the names is bounded alike in both forms.
pub const MAX_FOLDER_NAME_BYTES: u64 = MAX_CENTRAL_DIRECTORY;
/// How much of a manifest is read to find one of its top-level members, `format` (to tell a
/// bundle of format 1) or `bundle_id` (the lenient reader's root), spec §9.1 step 1 and §9.6:
/// the writer puts both first, and what a verifier reads to tell stays bounded, whatever the
/// manifest holds (it read the manifest whole, up to 512 MiB).
pub const MEMBER_WINDOW: u64 = 64 * 1024;
/// A re-zipped bundle read leniently (spec §9.6) inflates, in all, at most this many times
/// the ZIP file's length plus [`REPACKED_INFLATION_ALLOWANCE`]: the sum of its entries'
/// recorded sizes is checked against it before anything is inflated.
pub const REPACKED_INFLATION_RATIO: u64 = 100;
/// What a re-zipped bundle may inflate to beyond [`REPACKED_INFLATION_RATIO`] times its
/// length, so that a small bundle of text is never refused (spec §9.6).
pub const REPACKED_INFLATION_ALLOWANCE: u64 = 1024 * 1024;
/// The largest tag file (event, key, signature, BagIt text file) a verifier reads
/// (spec §9.4).
pub const MAX_TAG_FILE: u64 = 16 * 1024 * 1024;
/// The largest manifest (`custody/manifest.json`, `manifest-sha256.txt`,
/// `tagmanifest-sha256.txt`): these grow with the number of payload files (spec §9.4).
pub const MAX_MANIFEST_FILE: u64 = 512 * 1024 * 1024;
/// The longest line of `manifest-sha256.txt` or `tagmanifest-sha256.txt`, without its line
/// feed: a digest, two spaces and a path of [`MAX_NAME_LEN`] bytes, each written as a `%`
/// escape at worst (spec §2.4, §9.4). Readers parse these manifests line by line and never
/// hold a longer line.
pub const MAX_MANIFEST_LINE: usize = 64 + 2 + 3 * MAX_NAME_LEN;
/// The largest key file read, in a bundle or on disk (spec §4.1).
pub const MAX_KEY_FILE: u64 = 64 * 1024;
/// The largest timestamp token (`*.sig.tst`), and the largest answer taken from a TSA
/// (spec §9.4).
pub const MAX_TOKEN: usize = 1 << 20;
/// The most elements in one SET of a timestamp token (spec §6.4, §9.4).
pub const MAX_SET_ELEMENTS: usize = 64;
/// The deepest nesting of a timestamp token's DER (spec §9.4).
pub const MAX_DER_DEPTH: usize = 32;
/// The most certificate signatures checked while building one token's chain (spec §9.4).
pub const MAX_CHAIN_SIGNATURE_CHECKS: usize = 16;
/// The most links in a token's certificate chain (spec §9.4).
pub const MAX_CHAIN_LINKS: usize = 8;
/// The size of a statement package (`NAME.custody-statement`) without attached files: a
/// statement (1 MiB), its signature, a key file and the ZIP's own records, with room to spare
/// (spec §5.7). A reader reads a package entry by entry, each within its own limit (attached
/// files streamed), never whole.
pub const MAX_STATEMENT_PACKAGE: u64 = (1 << 20) + MAX_KEY_FILE + 64 * 1024;
/// The largest file a verifier takes as its own input: a trust list, a `--tsa-roots` or
/// `--tsa-untrusted` file (spec §9.4).
pub const MAX_VERIFIER_INPUT: u64 = 16 * 1024 * 1024;

/// The largest signed document (an event; later a statement): small enough for a smartcard
/// or an agent to sign, and for a verifier to hold (spec §9.4). Beyond it:
/// `archive.entry_too_large`; writers refuse to sign a larger one.
pub const MAX_SIGNED_DOCUMENT: u64 = 1 << 20;
/// The size of a detached signature file (`*.sig`): an Ed25519 signature, 64 raw bytes
/// (spec §6.1). A larger file is refused unread (spec §9.4).
pub const MAX_SIGNATURE_FILE: u64 = 64;
/// The largest `bag-info.txt`: a few derived labels (spec §2.3, §9.4).
pub const MAX_BAG_INFO: u64 = 64 * 1024;
/// The largest log proof file (`custody/log/NNNNNN.json`, spec §6.5, §9.4): a checkpoint of
/// at most 16 KiB and two proofs of at most 128 hashes, with room for the JSON around them.
pub const MAX_LOG_PROOF: u64 = 64 * 1024;
/// The most events a bundle may hold: the seal and up to 9,999 more (spec §9.4). A verifier
/// refuses more before parsing any (`archive.too_many_events`); writers refuse to append
/// beyond it.
pub const MAX_EVENTS: u64 = 10_000;
/// The most items a manifest may list (spec §9.4): an item is one capture with its own
/// declared provenance, and a verifier's memory grows with the items (about 1 KB each, beyond
/// their files). A verifier stops parsing the manifest at the next one
/// (`manifest.too_many_items`); writers refuse more before any work. Files are bounded apart
/// ([`MAX_PAYLOAD_FILES`]): a capture of a million files is one item, or a few.
pub const MAX_ITEMS: u64 = 100_000;

/// Whether `items` items are more than a bundle may hold ([`MAX_ITEMS`], spec §9.4): the one
/// statement of the rule, asked by every writer that makes a manifest
/// (`error::check_item_count`) and by the manifest's parse before it reads another item.
pub fn over_item_bound(items: usize) -> bool {
    items as u64 > MAX_ITEMS
}

/// Whether `records` file records are more than a manifest may list across all its items
/// ([`MAX_PAYLOAD_FILES`], spec §9.4): the one statement of the rule, asked by the manifest's
/// parse before it reads another record (`manifest.too_many_files`). Writers never list more:
/// they refuse more payload files than [`MAX_PAYLOAD_FILES`] before any work.
pub fn over_file_record_bound(records: u64) -> bool {
    records > MAX_PAYLOAD_FILES
}
/// The most a manifest may weigh (spec §9.4: what a reader must hold of it, each value's
/// place and text, less what its file records share with the archive; `manifest::weight`):
/// 64 MiB. A manifest may be 512 MiB, but a reader holds its text, so its memory followed its
/// size; within this weight, beside the items' and records' own fixed cost (bounded by their
/// counts), the reference holds at most about 2.5 times it (`docs/performance.md`, run 15). A
/// manifest of 100,000 one-file items weighs about 30 MiB; a million files sealed by custody
/// add next to nothing. A heavier manifest is refused (`manifest.too_large_to_hold`), and
/// writers refuse to write one.
pub const MAX_MANIFEST_WEIGHT: u64 = 64 * 1024 * 1024;

/// Whether a manifest of `weight` is heavier than a reader may be asked to hold
/// ([`MAX_MANIFEST_WEIGHT`], spec §9.4): the one statement of the rule, asked by the verifier
/// and by every writer of a manifest.
pub fn over_manifest_weight(weight: u64) -> bool {
    weight > MAX_MANIFEST_WEIGHT
}
/// The weight of a BagIt manifest (`manifest-sha256.txt`, `tagmanifest-sha256.txt`): what a
/// reader must hold of it, [`LISTING_PATH_WEIGHT`] plus the decoded path's UTF-8 bytes for each
/// line whose path names no entry of the bundle (a line naming an entry refers to the entry's
/// name and weighs nothing): 16 MiB, what a reader holds of any other tag file (spec §9.4).
/// Within it about 150,000 lost files of 80-byte paths are reported file by file; a 512 MiB
/// manifest naming a million long paths that are not in the bundle cost the reference about
/// 1 GB (`docs/performance.md`, run 16) and is now `bagit.manifest_malformed` as the line that
/// tips it is read.
pub const MAX_LISTING_WEIGHT: u64 = 16 * 1024 * 1024;
/// What a BagIt manifest's line naming no entry weighs beyond its path's bytes
/// ([`MAX_LISTING_WEIGHT`]): the place a reader gives it.
pub const LISTING_PATH_WEIGHT: u64 = 32;

/// Whether a BagIt manifest's lines naming no entry, of `weight` so far, are heavier than a
/// reader may be asked to hold ([`MAX_LISTING_WEIGHT`], spec §9.4).
pub fn over_listing_weight(weight: u64) -> bool {
    weight > MAX_LISTING_WEIGHT
}
/// The most conditions a transfer may attach (spec §5.4).
pub const MAX_CONDITIONS: usize = 32;
/// The most checks of any one code a report lists (spec §9.3, §9.4): beyond them one summary
/// check of that code gives how many more there were, so a hostile bundle (a million missing
/// files) cannot grow the report without bound. Counts and the state stay exact.
pub const MAX_CHECKS_PER_CODE: usize = 1_000;

/// The largest attached file held in memory, only when a statement package is parsed from
/// bytes (`parse_package`, for tests and fuzzing): attached files on disk are streamed by
/// writers and verifiers alike, whatever their size (spec §5.8).
pub const MAX_ATTACHMENT_WRITE: u64 = 256 * 1024 * 1024;

/// The size limit of the tag file `name`, by its class (spec §9.4): a signed document (an
/// event) [`MAX_SIGNED_DOCUMENT`]; a signature [`MAX_SIGNATURE_FILE`]; a key file
/// [`MAX_KEY_FILE`]; `bag-info.txt` [`MAX_BAG_INFO`]; [`MAX_MANIFEST_FILE`] for the three
/// manifests; none for an attached file ([`is_attachment`]), which is streamed and hashed
/// like payload, never read whole; [`MAX_TAG_FILE`] for every other.
pub fn tag_file_limit(name: &str) -> u64 {
    match name {
        _ if is_attachment(name) => u64::MAX,
        MANIFEST_PATH | PAYLOAD_MANIFEST_PATH | TAG_MANIFEST_PATH => MAX_MANIFEST_FILE,
        BAG_INFO_PATH => MAX_BAG_INFO,
        _ if is_event_document(name) || is_statement_document(name) => MAX_SIGNED_DOCUMENT,
        PARENT_SEAL_PATH => MAX_SIGNED_DOCUMENT,
        PARENT_KEY_PATH => MAX_KEY_FILE,
        _ if is_signature(name) => MAX_SIGNATURE_FILE,
        _ if name.starts_with(LOG_DIR) => MAX_LOG_PROOF,
        _ if name.starts_with(KEYS_DIR) => MAX_KEY_FILE,
        _ => MAX_TAG_FILE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_spec() {
        assert_eq!(event_path(0, "seal"), "custody/events/000000-seal.json");
        assert_eq!(event_path(1_234_567, "receipt"), "custody/events/1234567-receipt.json");
        assert_eq!(signature_path(MANIFEST_PATH), "custody/manifest.json.sig");
        assert_eq!(bundle_root("00112233445566778899aabbccddeeff").len(), BUNDLE_ROOT_LEN);
        assert_eq!(MAX_BAG_PATH_LEN, 983);
        assert!(is_derived(BAG_INFO_PATH) && is_derived(PAYLOAD_MANIFEST_PATH) && !is_derived(MANIFEST_PATH));
        assert_eq!(key_path("ab"), "custody/keys/ab.pem");
        assert_eq!(PARENT_FILES[1], signature_path(PARENT_SEAL_PATH));
        assert_eq!(token_path("custody/events/000001-transfer.json"), "custody/events/000001-transfer.json.sig.tst");
        assert_eq!(
            token_event("custody/events/000001-transfer.json.sig.tst"),
            Some("custody/events/000001-transfer.json")
        );
        assert_eq!(token_event("custody/keys/x.json.sig.tst"), None);
        assert_eq!(token_event("custody/events/x.sig.tst"), None);
        assert!(is_event_document("custody/events/000000-seal.json"));
        assert!(!is_event_document("custody/events/000000-seal.json.sig"));
        assert!(is_signature("custody/events/000000-seal.json.sig"));
        assert!(is_payload("data/item-1/a") && !is_payload("custody/manifest.json"));
        assert_eq!(log_proof_path(3), "custody/log/000003.json");
        assert_eq!(log_proof_sequence("custody/log/000003.json"), Some(3));
        assert_eq!(log_proof_sequence("custody/log/1234567.json"), Some(1_234_567));
        for bad in ["custody/log/3.json", "custody/log/0000003.json", "custody/log/00000a.json", "custody/log/000003"] {
            assert_eq!(log_proof_sequence(bad), None, "{bad}");
        }
    }

    #[test]
    fn limits_hold_the_values_of_spec_section_9_4() {
        assert_eq!(tag_file_limit(MANIFEST_PATH), 512 << 20);
        assert_eq!(tag_file_limit(TAG_MANIFEST_PATH), 512 << 20);
        assert_eq!(tag_file_limit(PAYLOAD_MANIFEST_PATH), 512 << 20);
        assert_eq!(tag_file_limit(BAG_INFO_PATH), MAX_BAG_INFO);
        assert_eq!(tag_file_limit("custody/events/000000-seal.json"), MAX_SIGNED_DOCUMENT);
        assert_eq!(tag_file_limit("custody/statements/000001-countersign.json"), MAX_SIGNED_DOCUMENT);
        assert_eq!(tag_file_limit("custody/statements/000001-countersign.json.sig"), MAX_SIGNATURE_FILE);
        assert_eq!(tag_file_limit(&attachment_path(3, "request.pdf")), u64::MAX);
        assert_eq!(attachment_path(3, "request.pdf"), "custody/attachments/000003/request.pdf");
        assert_eq!(tag_file_limit("custody/log/000001.json"), MAX_LOG_PROOF);
    }
}
