//! The check-code registry: every result a verifier can report, as one typed [`CheckCode`]
//! with its stable string, its level, the section of `docs/bundle-format.md` that defines it
//! and what it means. A check is one [`Check`]: a code, a level, a message and perhaps a path.
//!
//! This is a bottom module: it imports nothing from the crate, so every producer of checks
//! (the archive reader, timestamp tokens, the custody chain, provenance advisories, the
//! verifier) can use it. The report schema's list of codes is generated from [`CheckCode::ALL`],
//! and a test ties the registry to the specification and to `tools/verify_bundle.py`.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

/// How bad a check result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The check passed.
    Pass,
    /// Something to know; it never changes the state.
    Warn,
    /// The check failed.
    Fail,
}

/// One check result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Check {
    /// Stable identifier, `area.what` (e.g. `payload.hash_mismatch`).
    pub code: CheckCode,
    /// Whether it passed, warns or failed.
    pub level: Level,
    /// Plain-language explanation, naming the file.
    pub message: String,
    /// The bundle path the check is about, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Only in the summary check of a code whose checks went beyond the report's cap (spec
    /// §9.3): how many more checks of this code were found and not listed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub more: Option<u64>,
}

macro_rules! registry {
    ($($(#[$doc:meta])* $variant:ident = $code:literal, $level:ident, $section:literal, $meaning:literal;)*) => {
        /// Every check code of the format (spec §9.1 and the sections each code names), one
        /// variant per code: the code's segments in UpperCamelCase (`archive.unsupported_flags`
        /// is [`CheckCode::ArchiveUnsupportedFlags`]). Serialized as its string.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum CheckCode {
            $(
                #[doc = concat!("`", $code, "` (", $section, "): ", $meaning)]
                $variant,
            )*
        }

        impl CheckCode {
            /// Every code, in registry order.
            pub const ALL: &'static [CheckCode] = &[$(CheckCode::$variant),*];

            /// The stable string, `area.what`, as reports and the specification write it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(CheckCode::$variant => $code,)*
                }
            }

            /// The level the specification gives this code: every code has exactly one.
            pub fn level(self) -> Level {
                match self {
                    $(CheckCode::$variant => Level::$level,)*
                }
            }

            /// The section of `docs/bundle-format.md` that defines the code.
            pub fn section(self) -> &'static str {
                match self {
                    $(CheckCode::$variant => $section,)*
                }
            }

            /// What the code means, in one plain sentence.
            pub fn meaning(self) -> &'static str {
                match self {
                    $(CheckCode::$variant => $meaning,)*
                }
            }

            /// The code whose string is `code`, if there is one.
            pub fn from_code_str(code: &str) -> Option<CheckCode> {
                match code {
                    $($code => Some(CheckCode::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

registry! {
    // §9.1 step 0 and step 1: the file as a whole.
    BundleJournalPending = "bundle.journal_pending", Warn, "§8.2, §9.1 step 0",
        "A rollback journal of an interrupted update lies beside the bundle; the bundle is verified as it is.";
    BundleNotABundle = "bundle.not_a_bundle", Fail, "§9.1 step 1",
        "The file is not a custody bundle at all (empty, a web page, a ZIP cut short, another ZIP, a re-zipped bundle).";
    ArchiveStructure = "archive.structure", Pass, "§9.1 step 1",
        "The ZIP container follows the strict profile of §3.";
    ArchiveNotZip = "archive.not_zip", Fail, "§3.2",
        "The file does not end with a ZIP end of central directory record.";
    ArchiveMalformed = "archive.malformed", Fail, "§3.2, §3.3",
        "A ZIP structure is malformed or inconsistent.";
    ArchiveMultiDisk = "archive.multi_disk", Fail, "§3.2",
        "The archive claims to span several disks.";
    ArchiveTooManyEntries = "archive.too_many_entries", Fail, "§3.2",
        "The archive has more than 1,100,000 entries.";
    ArchiveNameTooLong = "archive.name_too_long", Fail, "§3.3",
        "An entry name is longer than 1024 bytes.";
    ArchiveNamesTooLarge = "archive.names_too_large", Fail, "§9.6",
        "The names of an unzipped bundle's files and folders take more than 256 MiB together.";
    ArchiveNonUtf8Name = "archive.non_utf8_name", Fail, "§3.3",
        "An entry name is not UTF-8.";
    ArchiveNotRegularFile = "archive.not_regular_file", Fail, "§3.3",
        "An entry is a folder, a link or another file that is not a regular file.";
    ArchiveUnsafeName = "archive.unsafe_name", Fail, "§3.3, §3.4",
        "An entry name breaks the name rules (absolute, parent folders, reserved names, controls).";
    ArchiveEncryptedEntry = "archive.encrypted_entry", Fail, "§3.3",
        "An entry is encrypted.";
    ArchiveUnsupportedFlags = "archive.unsupported_flags", Fail, "§3.3",
        "An entry's general-purpose flags are not exactly those the writer writes.";
    ArchiveUnsupportedCompression = "archive.unsupported_compression", Fail, "§3.3",
        "An entry is compressed; bundles store every entry.";
    ArchiveUnsupportedAttributes = "archive.unsupported_attributes", Fail, "§3.3",
        "An entry's attributes or time are not the fixed values the writer writes.";
    ArchiveUnsupportedVersion = "archive.unsupported_version", Fail, "§3.3",
        "An entry's version made by or version needed is not the value the writer writes.";
    ArchiveUnsupportedExtra = "archive.unsupported_extra", Fail, "§3.3",
        "An entry carries an extra field other than ZIP64.";
    ArchiveDuplicateName = "archive.duplicate_name", Fail, "§3.3",
        "Two entries have the same name.";
    ArchiveNameCollision = "archive.name_collision", Fail, "§3.3, §3.4",
        "Two entries would overwrite each other when extracted (letter case, Unicode form, a file named as a folder).";
    ArchiveHeaderMismatch = "archive.header_mismatch", Fail, "§3.3",
        "A local header disagrees with its central directory record.";
    ArchiveUnaccountedBytes = "archive.unaccounted_bytes", Fail, "§3.3",
        "Bytes lie between entries or before the central directory that belong to no entry.";
    ArchiveOverlappingEntries = "archive.overlapping_entries", Fail, "§3.3",
        "Two entries' data overlap.";
    ArchiveCrcMismatch = "archive.crc_mismatch", Fail, "§3.3, §9.1 step 5",
        "An entry's data does not match its CRC-32.";
    ArchiveUnreadable = "archive.unreadable", Fail, "§3.3, §9.1 step 2",
        "An entry could not be read.";
    ArchiveEntryTooLarge = "archive.entry_too_large", Fail, "§3.3, §9.4",
        "A tag file is larger than its size limit and was not read.";
    ArchiveRootInvalid = "archive.root_invalid", Fail, "§2.5, §9.1 step 1",
        "The entries do not all sit under one folder custody-<32 lowercase hex>/ with nothing at the top level.";
    ArchiveTooManyEvents = "archive.too_many_events", Fail, "§9.4",
        "The bundle holds more event documents than a bundle may; none was read.";
    ArchiveUnlistedFile = "archive.unlisted_file", Fail, "§9.1 steps 4 and 5",
        "A file is in the bundle but not listed in its BagIt manifest: it was added.";
    // §9.1 steps 3 to 6: the BagIt bag.
    BagitMissingTagFile = "bagit.missing_tag_file", Fail, "§9.1 steps 3, 4 and 6",
        "A required BagIt tag file is missing.";
    BagitDeclarationInvalid = "bagit.declaration_invalid", Fail, "§9.1 step 3",
        "bagit.txt is not the BagIt 1.0 declaration of §2.1.";
    BagitDeclaration = "bagit.declaration", Pass, "§9.1 step 3",
        "bagit.txt declares BagIt 1.0, UTF-8.";
    BagitManifestMalformed = "bagit.manifest_malformed", Fail, "§2.4, §9.1 steps 4 and 5",
        "A BagIt manifest is not UTF-8, malformed, lists a path twice or lists a path it may not list.";
    BagitTagFileMissing = "bagit.tag_file_missing", Fail, "§9.1 step 4",
        "A file the tag manifest lists is not in the bundle.";
    BagitTagHashMismatch = "bagit.tag_hash_mismatch", Fail, "§9.1 step 4",
        "A tag file does not match its SHA-256 in the tag manifest: it was changed.";
    BagitTagFiles = "bagit.tag_files", Pass, "§9.1 step 4",
        "Every tag file matches the tag manifest.";
    BagitBagInfoInvalid = "bagit.bag_info_invalid", Fail, "§2.3, §9.1 step 6",
        "bag-info.txt is malformed or has no Payload-Oxum.";
    BagitPayloadOxumMismatch = "bagit.payload_oxum_mismatch", Fail, "§9.1 step 6",
        "bag-info.txt's Payload-Oxum does not match the payload's size and file count.";
    BagitBagInfoMismatch = "bagit.bag_info_mismatch", Fail, "§2.3, §9.1 step 8",
        "bag-info.txt's identifiers disagree with the manifest.";
    // §9.1 step 5: the payload.
    PayloadMissing = "payload.missing", Fail, "§9.1 step 5",
        "A payload file listed in manifest-sha256.txt is missing from the bundle.";
    PayloadHashMismatch = "payload.hash_mismatch", Fail, "§9.1 step 5",
        "A payload file does not match its SHA-256: it was changed.";
    PayloadVerified = "payload.verified", Pass, "§9.1 step 5",
        "Every payload file matches its SHA-256.";
    PayloadNotChecked = "payload.not_checked", Warn, "§9.1 step 5",
        "The payload digests were not recomputed in this check (never in a verdict on the evidence).";
    // §9.1 step 7: keys.
    KeyInvalid = "key.invalid", Fail, "§4.1, §9.1 step 7",
        "A bundled key file is not a usable public key with its holder's identity, or is misnamed.";
    KeyDuplicateIdentity = "key.duplicate_identity", Warn, "§4.3, §9.1 step 7",
        "Several bundled keys claim the same person or office.";
    KeyMissing = "key.missing", Fail, "§9.1 signature check",
        "A document is signed by a key whose public key file is not in the bundle.";
    // The signature check of §9.1.
    SignatureMissing = "signature.missing", Fail, "§9.1 signature check",
        "A signed document has no signature file.";
    SignatureSignerMismatch = "signature.signer_mismatch", Fail, "§9.1 signature check",
        "A document names its signer differently from the bundled key file.";
    SignatureInvalid = "signature.invalid", Fail, "§9.1 signature check",
        "A signature does not verify: the document or its signature was altered.";
    SignatureValid = "signature.valid", Pass, "§9.1 signature check",
        "A document's signature verifies with its signer's key.";
    // §9.1 step 8: the manifest.
    ManifestMissing = "manifest.missing", Fail, "§9.1 step 8",
        "custody/manifest.json is missing.";
    ManifestInvalid = "manifest.invalid", Fail, "§5.2, §9.1 step 8",
        "The manifest does not follow its schema or rules.";
    ManifestTooManyItems = "manifest.too_many_items", Fail, "§9.4, §9.1 step 8",
        "The manifest lists more items than a bundle may hold; it was not read further.";
    ManifestTooManyFiles = "manifest.too_many_files", Fail, "§9.4, §9.1 step 8",
        "The manifest lists more file records than a bundle may hold; it was not read further.";
    ManifestTooLargeToHold = "manifest.too_large_to_hold", Fail, "§9.4, §9.1 step 8",
        "The manifest weighs more than a reader may be asked to hold; its contents were not checked.";
    ManifestPayloadMismatch = "manifest.payload_mismatch", Fail, "§9.1 step 8",
        "The manifest and manifest-sha256.txt (or the payload's sizes) describe different payloads.";
    BundleRootMismatch = "bundle.root_mismatch", Fail, "§2.5, §9.1 step 8",
        "The archive's root folder names another bundle id than the manifest.";
    ManifestValid = "manifest.valid", Pass, "§9.1 step 8",
        "The manifest is well formed and describes exactly the payload.";
    ManifestCaptureAfterSeal = "manifest.capture_after_seal", Warn, "§9.1 step 9",
        "An item says it was captured after the bundle was sealed: a clock is wrong.";
    AttestationValid = "attestation.valid", Pass, "§5.2.8, §9.1 step 8",
        "An attestation's certified digests match the payload.";
    ProvenanceBerkeleyMinimum = "provenance.berkeley_minimum", Warn, "§5.2.9",
        "A web page item lacks part of the Berkeley Protocol's minimum provenance.";
    ProvenanceOutsideAuthorisation = "provenance.outside_authorisation", Warn, "§5.2.9",
        "An item was captured outside its authorisation's time window.";
    ProvenanceTimeUnexplained = "provenance.time_unexplained", Warn, "§5.2.9",
        "A content time has no stated meaning or time zone.";
    ProvenanceUnwitnessed = "provenance.unwitnessed", Warn, "§5.2.9, §9.1 step 9",
        "An item was captured by one operator, with no witness, no recording of the capture and no witness countersigning the seal.";
    PreservationExpired = "preservation.expired", Warn, "§5.2.9, §9.1 step 9",
        "A preservation request the case names was past its expiry on the evaluation date.";
    RetentionExceeded = "retention.exceeded", Warn, "§5.2.9, §9.1 step 9",
        "The evaluation date is past the restrictions' keep_until: the evidence is kept longer than allowed.";
    CustodyCaptureSealGap = "custody.capture_seal_gap", Warn, "§5.2.9, §9.1 step 9",
        "More than 30 days passed between the end of the last capture and the seal.";
    // §9.1 step 9: events.
    EventInvalid = "event.invalid", Fail, "§5.3 to §5.5, §9.1 step 9",
        "An event document does not follow its schema or rules; it is left out.";
    EventMissing = "event.missing", Fail, "§9.1 step 9",
        "The bundle has no custody events: it was never sealed.";
    EventSequenceGap = "event.sequence_gap", Fail, "§7.1, §9.1 step 9",
        "An event's sequence number is not its position: an event is missing or duplicated.";
    EventWrongBundle = "event.wrong_bundle", Fail, "§7.1, §9.1 step 9",
        "An event belongs to another bundle.";
    EventChainBroken = "event.chain_broken", Fail, "§7.1, §9.1 step 9",
        "An event does not name the SHA-256 of the event before it.";
    EventTimeBackwards = "event.time_backwards", Fail, "§7.1, §9.1 step 9",
        "An event claims a time earlier than the event before it.";
    EventNotEntitled = "event.not_entitled", Fail, "§7.2, §9.1 step 9",
        "An event is signed by a key not entitled to sign it.";
    EventTransferPending = "event.transfer_pending", Fail, "§7.2",
        "A transfer was made while another transfer was pending.";
    EventUnexpectedReceipt = "event.unexpected_receipt", Fail, "§7.2",
        "A receipt answers no pending transfer.";
    EventRecipientMismatch = "event.recipient_mismatch", Fail, "§5.4, §9.1 step 9",
        "A transfer names its recipient differently from the bundled key file.";
    EventRecipientKeyMissing = "event.recipient_key_missing", Fail, "§5.4, §9.1 step 9",
        "A transfer's recipient key file is bound by no event.";
    EventFileMismatch = "event.file_mismatch", Fail, "§6.3, §9.1 step 9",
        "An event binds a file it may not bind, one already bound, absent or changed.";
    EventUnexpectedFile = "event.unexpected_file", Fail, "§6.3, §9.1 step 9",
        "An event adds a file its type of event may not add.";
    EventChain = "event.chain", Pass, "§9.1 step 9",
        "The custody events form an unbroken, signed chain.";
    CustodyTransferPending = "custody.transfer_pending", Warn, "§7.2, §9.1 step 9",
        "The last transfer has no receipt yet.";
    ReceiptInvalid = "receipt.invalid", Fail, "§7.3",
        "A receipt breaks a rule of §7.3.";
    ReceiptAcceptsDamagedItem = "receipt.accepts_damaged_item", Fail, "§7.3",
        "A receipt accepts an item with a damaged file.";
    ReceiptTrustUnrecorded = "receipt.trust_unrecorded", Fail, "§5.5, §7.3",
        "A receipt that accepts anything does not record whom the recipient checked.";
    ReceiptAcceptedUntrusted = "receipt.accepted_untrusted", Warn, "§7.3",
        "A receipt accepts the bundle although the recipient's trust list did not vouch for its sealer or sender.";
    // §9.1 step 9b: statements and the events that carry them.
    StatementInvalid = "statement.invalid", Fail, "§5.7, §9.1 step 9b",
        "A statement is malformed, too large, or not of its carrying event's kind.";
    StatementWrongBundle = "statement.wrong_bundle", Fail, "§5.7, §9.1 step 9b",
        "A statement was made about another bundle.";
    StatementConcernsUnknown = "statement.concerns_unknown", Fail, "§5.7, §7.5, §9.1 step 9b",
        "A statement concerns an event that is not an earlier event of this bundle with the SHA-256 it names.";
    StatementTimeInvalid = "statement.time_invalid", Fail, "§5.7, §9.1 step 9b",
        "A statement claims a time before an event it concerns, or after the event that carries it.";
    StatementValid = "statement.valid", Pass, "§5.7, §9.1 step 9b",
        "A statement is well formed, about this bundle's events, and signed by its author.";
    CountersignByOwnSigner = "countersign.by_own_signer", Warn, "§5.7, §9.1 step 9b",
        "A countersignature's author signed the event it countersigns.";
    AttachmentMissing = "attachment.missing", Fail, "§5.8, §9.1 step 9b",
        "A file a statement attaches is not in the bundle, or its carrying event does not bind it.";
    AttachmentHashMismatch = "attachment.hash_mismatch", Fail, "§5.8, §9.1 step 9b",
        "A file a statement attaches differs from the SHA-256 or size the statement gives.";
    ExaminationUnknownItem = "examination.unknown_item", Fail, "§5.9, §9.1 step 9b",
        "An examination names an item that the manifest does not describe.";
    AccessUnknownItem = "access.unknown_item", Fail, "§5.10, §9.1 step 9b",
        "An access record lists an item the manifest does not hold.";
    // §5.11: dispositions (retention extended, evidence returned or destroyed).
    DispositionUnknownItem = "disposition.unknown_item", Fail, "§5.11, §9.1 step 9",
        "A disposition names an item the manifest does not describe, or one an earlier disposition already removed.";
    DispositionStillPresent = "disposition.still_present", Fail, "§5.11, §9.1 step 9c",
        "A file of an item a disposition returned or destroyed is still in the bundle.";
    PayloadDisposed = "payload.disposed", Pass, "§5.11, §9.1 step 9c",
        "An item's payload files are absent because a signed disposition returned or destroyed them.";
    // §5.12: the salted Merkle commitment a seal signs.
    CommitmentValid = "commitment.valid", Pass, "§5.12, §9.1 step 8b",
        "The seal event's Merkle root is the one the manifest and its seed give.";
    CommitmentMismatch = "commitment.mismatch", Fail, "§5.12, §9.1 step 8b",
        "The seal event's Merkle root or tree size differs from the manifest's, or only one of them has a commitment.";
    // §5.13: derived and redacted bundles, proven by the parent's signed commitment.
    DerivationParentProven = "derivation.parent_proven", Pass, "§5.13, §9.1 step 8c",
        "Every carried item, actor, the case and the restrictions are proven part of the parent bundle its sealer signed.";
    DerivationParentSealInvalid = "derivation.parent_seal_invalid", Fail, "§5.13, §9.1 step 8c",
        "The carried parent seal event is missing, unreadable, badly signed, for another bundle, a derived bundle's seal, or has no commitment.";
    DerivationProofInvalid = "derivation.proof_invalid", Fail, "§5.13, §9.1 step 8c",
        "An inclusion proof is malformed or does not lead to the parent's signed root.";
    DerivationNotProven = "derivation.not_proven", Fail, "§5.13, §9.1 step 8c",
        "An item or a carried actor has no proof, or a proof names something the bundle does not carry.";
    DerivationSaltReused = "derivation.salt_reused", Fail, "§5.13, §9.1 step 8c",
        "Two revealed salts are equal, or one is all zeros.";
    DerivationRedactionInvalid = "derivation.redaction_invalid", Fail, "§5.13, §9.1 step 8c",
        "A redaction names no carried file or names one twice, disagrees with the file's record, or gives no reason.";
    DerivationRedacted = "derivation.redacted", Warn, "§5.13, §9.1 step 8c",
        "A file is a redacted copy: the parent sealed its original's SHA-256, not these bytes.";
    // §5.14: the derivation event a parent's custodian records.
    DerivationEventUnknownItem = "derivation.event_unknown_item", Fail, "§5.14, §9.1 step 9",
        "A derivation event names an item the manifest does not describe.";
    DerivationEventRemovedItem = "derivation.event_removed_item", Fail, "§5.14, §9.1 step 9",
        "A derivation event names an item an earlier disposition returned or destroyed.";
    // §9.7: a derived bundle checked against its parent; these checks go in the report's
    // `parent` member, with their own verdict, never among the bundle's own checks.
    ParentVerified = "parent.verified", Pass, "§9.7 step 2",
        "The parent a derived bundle is checked against verifies on its own.";
    ParentNotVerified = "parent.not_verified", Fail, "§9.7 step 2",
        "The parent a derived bundle is checked against does not verify on its own: nothing can be proven against it.";
    ParentNotDerived = "parent.not_derived", Fail, "§9.7 step 1",
        "The bundle checked against a parent is not a derived copy: its manifest has no derivation, or was not read.";
    ParentCopyNotVerified = "parent.copy_not_verified", Fail, "§9.7 step 1",
        "The derived copy does not verify on its own: what it names of its parent is not proven.";
    ParentOtherBundle = "parent.other_bundle", Fail, "§9.7 step 3",
        "The parent given is another bundle than the one whose bundle id and seal event the copy names.";
    ParentLatestEvent = "parent.latest_event", Pass, "§9.7 step 4",
        "The parent holds the event the copy names as the parent's latest when it was derived.";
    ParentLatestEventMissing = "parent.latest_event_missing", Fail, "§9.7 step 4",
        "The parent holds no event with the SHA-256 the copy names as the parent's latest.";
    ParentDerivationRecorded = "parent.derivation_recorded", Pass, "§9.7 step 5",
        "The parent's derivation event names the copy's bundle id, seal event hash and items, \
         after the latest event the copy names.";
    ParentDerivationMismatch = "parent.derivation_mismatch", Fail, "§9.7 step 5",
        "The parent's derivation event naming the copy gives another seal event hash, other items \
         or another previous event.";
    ParentDerivationUnrecorded = "parent.derivation_unrecorded", Warn, "§9.7 step 5",
        "No derivation event of the parent names the copy: it was derived without being recorded in it.";
    ParentDerivationRepeated = "parent.derivation_repeated", Warn, "§9.7 step 5",
        "More than one derivation event of the parent names the copy's bundle id: the one checked is the one \
         after the latest event the copy names, and the others are the parent's own contradiction.";
    // §9.1 step 10: coverage and timestamps.
    CustodyUnsignedFile = "custody.unsigned_file", Fail, "§6.3, §9.1 step 10",
        "A tag file is covered by no signature: it was added after sealing.";
    TimestampOrphan = "timestamp.orphan", Fail, "§6.4, §9.1 step 10",
        "A timestamp token's event or its signature is not in the bundle.";
    TimestampMalformed = "timestamp.malformed", Fail, "§6.4",
        "A timestamp token is not a well-formed RFC 3161 token.";
    TimestampUnsupportedAlgorithm = "timestamp.unsupported_algorithm", Fail, "§6.4",
        "A timestamp token uses an algorithm this verifier does not support.";
    TimestampImprintMismatch = "timestamp.imprint_mismatch", Fail, "§6.4",
        "A timestamp token was made over other data than its event's signature.";
    TimestampBadSignature = "timestamp.bad_signature", Fail, "§6.4",
        "A timestamp token's signature does not verify.";
    TimestampNoEku = "timestamp.no_eku", Fail, "§6.4",
        "A TSA certificate is not limited to time stamping.";
    TimestampCertExpired = "timestamp.cert_expired", Fail, "§6.4",
        "A TSA certificate was not valid at the token's time.";
    TimestampUntrustedRoot = "timestamp.untrusted_root", Fail, "§6.4, §9.2",
        "A timestamp token's TSA does not chain to the given TSA roots (a trust check).";
    TimestampValid = "timestamp.valid", Pass, "§6.4",
        "A timestamp token is sound and its TSA chains to the given roots.";
    TimestampUntrusted = "timestamp.untrusted", Warn, "§6.4",
        "A timestamp token is sound, but no TSA roots were given to trust its TSA.";
    TimestampTimeConflict = "timestamp.time_conflict", Fail, "§6.4",
        "An event claims a time later than its trusted time beyond the tolerance.";
    TimestampLate = "timestamp.late", Warn, "§6.4",
        "An event's trusted time is much later than the time it claims.";
    TimestampMissing = "timestamp.missing", Warn, "§6.4, §9.1 step 10",
        "An event has no timestamp token: its time is only its signer's claim.";
    // §9.1 step 10b: the custody log's stored proofs (§6.5).
    LogMemberInvalid = "log.member_invalid", Fail, "§6.5, §9.1 step 10b",
        "The manifest's log member names no usable log: its URL or its verifier key is malformed.";
    LogProofInvalid = "log.proof_invalid", Fail, "§6.5, §9.1 step 10b",
        "A log proof file is malformed, belongs to no event, its checkpoint is not signed by the log's key, \
         or it does not prove its event.";
    LogCheckpointsInconsistent = "log.checkpoints_inconsistent", Fail, "§6.5, §9.1 steps 10b and 10c",
        "A stored checkpoint is not proven to extend the one before it: the log showed two histories, \
         or a proof was changed (a proof before it missing is not this: §6.5 step 3).";
    LogIncluded = "log.included", Pass, "§6.5, §9.1 steps 10b and 10c",
        "An event's stored proof shows it in the custody log, in a checkpoint signed by the log's key.";
    LogProofMissing = "log.proof_missing", Warn, "§6.5, §9.1 step 10b",
        "An event of a bundle that names a custody log has no proof: the log was unreachable when it was \
         written, or the proof was removed; the online check settles it.";
    // §9.1 step 10c: the copy looked up in the custody log online (`custody verify --log`).
    LogTruncated = "log.truncated", Fail, "§6.5, §9.1 step 10c",
        "The custody log holds an event numbered after this copy's last: the copy is not the latest.";
    LogForked = "log.forked", Fail, "§6.5, §9.1 step 10c",
        "The custody log's accepted event at one of this copy's places differs from the copy's: another copy \
         was continued.";
    LogConflictsRecorded = "log.conflicts_recorded", Warn, "§6.5, §9.1 step 10c",
        "The custody log recorded refused claims of other events at this copy's places: someone tried to \
         continue another copy.";
    LogNotLogged = "log.not_logged", Warn, "§6.5, §9.1 step 10c",
        "The custody log holds no event at one of this copy's places: the event was written without the log.";
    LogLatest = "log.latest", Pass, "§6.5, §9.1 step 10c",
        "The custody log's answer, its checkpoint proven to extend the copy's stored ones, names no event after the \
         copy's last (the answer is not signed: ask over a connection you trust).";
    LogUnreachable = "log.unreachable", Warn, "§6.5, §9.1 step 10c",
        "The online check was asked for but could not be made (the log unreachable, or its answer proves \
         nothing): whether the copy is the latest is not known (custody verify exits 2).";
    // §9.1 steps 11 and 12.
    BundleComplete = "bundle.complete", Pass, "§9.1 step 11",
        "Every file is listed, hashed and covered by a signature, and nothing failed.";
    TrustSignerUnknown = "trust.signer_unknown", Fail, "§9.1 step 12, §10",
        "A signer is not in the trust list.";
    TrustIdentityUnlisted = "trust.identity_unlisted", Fail, "§9.1 step 12, §10",
        "A signer's key is in the trust list without a full identity, so it vouches for no one.";
    TrustIdentityMismatch = "trust.identity_mismatch", Fail, "§9.1 step 12, §10",
        "A signer's key is in the trust list with another identity than the bundle claims.";
    TrustKeyNotValid = "trust.key_not_valid", Fail, "§9.1 step 12, §10",
        "A signer's key signed an event outside the validity period the trust list gives it.";
    TrustKeyRevoked = "trust.key_revoked", Fail, "§9.1 step 12, §10",
        "A signer's key is revoked in the trust list, and no trusted time proves an event it signed earlier.";
    TrustSignerTrusted = "trust.signer_trusted", Pass, "§9.1 step 12, §10",
        "A signer is in the trust list with the identity it claims.";
}

impl CheckCode {
    /// Whether this is a *trust check* (spec §9.2): about whom the verifier relies on (a
    /// signer missing from the trust list, a TSA outside the given roots) rather than about
    /// the bundle's integrity. Such a failure leaves the bundle `not_trusted`, not `invalid`.
    pub fn is_trust(self) -> bool {
        self.as_str().starts_with("trust.") || self == CheckCode::TimestampUntrustedRoot
    }

    /// Whether this is a signer trust check (`trust.*`), as opposed to the TSA's.
    pub fn is_signer_trust(self) -> bool {
        self.as_str().starts_with("trust.")
    }

    /// Whether a failure with this code is about payload files only (spec §7.4): a bundle
    /// whose only failures are these may still be received in part, the damaged items
    /// refused (handover's set of payload failures).
    pub fn is_payload_failure(self) -> bool {
        matches!(
            self,
            CheckCode::PayloadMissing
                | CheckCode::PayloadHashMismatch
                | CheckCode::ArchiveCrcMismatch
                | CheckCode::BagitPayloadOxumMismatch
        )
    }

    /// Whether this check is about the ZIP container alone (spec §9.6): the headers, records,
    /// layout and CRC-32s of the ZIP file, which an unzipped bundle (a directory) does not
    /// have. Its report lists them as not applicable. The name rules, the limits, the root
    /// rule, unreadable and oversized files and unlisted files apply to a directory too.
    pub fn is_container_only(self) -> bool {
        use CheckCode as C;
        matches!(
            self,
            C::ArchiveStructure
                | C::ArchiveNotZip
                | C::ArchiveMalformed
                | C::ArchiveMultiDisk
                | C::ArchiveEncryptedEntry
                | C::ArchiveUnsupportedFlags
                | C::ArchiveUnsupportedCompression
                | C::ArchiveUnsupportedAttributes
                | C::ArchiveUnsupportedVersion
                | C::ArchiveUnsupportedExtra
                | C::ArchiveDuplicateName
                | C::ArchiveHeaderMismatch
                | C::ArchiveUnaccountedBytes
                | C::ArchiveOverlappingEntries
                | C::ArchiveCrcMismatch
        )
    }

    /// The checks about the ZIP container alone ([`CheckCode::is_container_only`]), in
    /// registry order.
    pub fn container_only() -> impl Iterator<Item = CheckCode> {
        CheckCode::ALL.iter().copied().filter(|c| c.is_container_only())
    }

    /// Whether this code is about a timestamp token (`timestamp.*`).
    pub fn is_timestamp(self) -> bool {
        self.as_str().starts_with("timestamp.")
    }
}

impl fmt::Display for CheckCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl AsRef<str> for CheckCode {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for CheckCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for CheckCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Serialize for CheckCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CheckCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Cow::<str>::deserialize(d)?;
        CheckCode::from_code_str(&s).ok_or_else(|| serde::de::Error::custom(format!("unknown check code '{s}'")))
    }
}

impl schemars::JsonSchema for CheckCode {
    fn schema_name() -> Cow<'static, str> {
        "CheckCode".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let codes: Vec<&str> = CheckCode::ALL.iter().map(|c| c.as_str()).collect();
        schemars::json_schema!({
            "description": "Stable check code, `area.what` (docs/bundle-format.md §9.1 and the sections each code names).",
            "type": "string",
            "enum": codes,
        })
    }
}

/// A code an operation reports beside the verifier's check codes, for a refusal that no
/// verification finds: the bundle verified, but the operation saw it change. Not a check
/// result, so in no report, not in §9.1 and not in the second verifier; registered here so
/// that every code a user can see has one home with its meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum OperationCode {
    /// `extract.manifest_changed`: the manifest extract planned from is not the one
    /// verification checked (the file was rewritten during extraction, or a read failed once).
    ExtractManifestChanged,
}

impl OperationCode {
    /// Every code, in registry order.
    pub const ALL: &'static [OperationCode] = &[OperationCode::ExtractManifestChanged];

    /// The stable string, `area.what`, as errors write it.
    pub const fn as_str(self) -> &'static str {
        match self {
            OperationCode::ExtractManifestChanged => "extract.manifest_changed",
        }
    }

    /// What the code means, in one plain sentence.
    pub fn meaning(self) -> &'static str {
        match self {
            OperationCode::ExtractManifestChanged => {
                "The bundle changed during extraction: the manifest extract planned from is not the one verification \
                 checked."
            }
        }
    }
}

impl fmt::Display for OperationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_and_is_named_after_its_string() {
        for &c in CheckCode::ALL {
            assert_eq!(CheckCode::from_code_str(c.as_str()), Some(c));
            let camel: String = c
                .as_str()
                .split(['.', '_'])
                .map(|seg| {
                    let mut cs = seg.chars();
                    cs.next().map(|f| f.to_ascii_uppercase().to_string() + cs.as_str()).unwrap_or_default()
                })
                .collect();
            assert_eq!(format!("{c:?}"), camel, "variant naming rule");
            assert!(c.section().starts_with('§'), "{c}");
            assert!(c.meaning().ends_with('.'), "{c}");
        }
        assert_eq!(serde_json::to_string(&CheckCode::KeyInvalid).ok().as_deref(), Some("\"key.invalid\""));
        assert_eq!(CheckCode::from_code_str("no.such_code"), None);
    }

    #[test]
    fn trust_and_payload_predicates_follow_the_spec() {
        let trust: Vec<&str> = CheckCode::ALL.iter().filter(|c| c.is_trust()).map(|c| c.as_str()).collect();
        assert_eq!(
            trust,
            [
                "timestamp.untrusted_root",
                "trust.signer_unknown",
                "trust.identity_unlisted",
                "trust.identity_mismatch",
                "trust.key_not_valid",
                "trust.key_revoked",
                "trust.signer_trusted"
            ]
        );
        let payload: Vec<&str> = CheckCode::ALL.iter().filter(|c| c.is_payload_failure()).map(|c| c.as_str()).collect();
        assert_eq!(
            payload,
            ["archive.crc_mismatch", "bagit.payload_oxum_mismatch", "payload.missing", "payload.hash_mismatch"]
        );
        assert!(CheckCode::ALL.iter().all(|c| c.is_timestamp() == c.as_str().starts_with("timestamp.")));
    }

    #[test]
    fn operation_codes_are_not_check_codes() {
        for &c in OperationCode::ALL {
            assert_eq!(CheckCode::from_code_str(c.as_str()), None, "{c} is a check code too");
            assert!(c.meaning().ends_with('.'), "{c}");
        }
        assert_eq!(OperationCode::ExtractManifestChanged.to_string(), "extract.manifest_changed");
    }
}
