//! BagIt checks (spec §9.1 steps 3, 4 and 6): `bagit.txt`, the tag manifest and
//! `bag-info.txt`, whose every byte is derived from signed facts (§2.3).

use std::collections::{BTreeMap, BTreeSet};

use super::Verifier;
use super::archive::EventDocs;
use super::payload::Picked;
use super::wording;
use crate::archive::Names;
use crate::bagit::{self, BAGIT_TXT, ManifestError, ManifestListing};
use crate::check::CheckCode;
use crate::layout::{BAG_INFO_PATH, BAGIT_PATH, TAG_MANIFEST_PATH, is_payload};
use crate::manifest::Manifest;

impl Verifier {
    pub(super) fn check_bagit_txt(&mut self, tags: &BTreeMap<String, Vec<u8>>) {
        match tags.get(BAGIT_PATH) {
            None => self.missing(CheckCode::BagitMissingTagFile, BAGIT_PATH, wording::checks::bagit_txt_missing()),
            Some(b) if b != BAGIT_TXT.as_bytes() => self.fail(
                CheckCode::BagitDeclarationInvalid,
                wording::checks::bagit_declaration_invalid(),
                Some(BAGIT_PATH),
            ),
            Some(_) => self.pass(CheckCode::BagitDeclaration, wording::checks::bagit_declaration(), Some(BAGIT_PATH)),
        }
    }

    /// The lines of the BagIt manifest `path`, parsed as it was read at step 2; `None` (and
    /// reported) if it is missing or malformed.
    pub(super) fn parse_manifest_file(
        &mut self,
        tags: &BTreeMap<String, Vec<u8>>,
        path: &str,
    ) -> Option<ManifestListing> {
        if !tags.contains_key(path) {
            self.missing(CheckCode::BagitMissingTagFile, path, wording::checks::bagit_manifest_missing(path));
            return None;
        }
        match self.streamed.get_mut(path).and_then(|s| s.parsed.take())? {
            Ok(listing) => Some(listing),
            Err(ManifestError::ListedTwice(twice)) => {
                self.fail(
                    CheckCode::BagitManifestMalformed,
                    wording::checks::bagit_manifest_lists_twice(path, &twice),
                    Some(path),
                );
                None
            }
            Err(ManifestError::Malformed(e)) => {
                self.fail(
                    CheckCode::BagitManifestMalformed,
                    wording::checks::bagit_manifest_malformed(path, &e),
                    Some(path),
                );
                None
            }
        }
    }

    pub(super) fn check_tag_manifest(
        &mut self,
        names: Names<'_>,
        tags: &BTreeMap<String, Vec<u8>>,
        event_docs: &EventDocs,
    ) {
        let Some(listing) = self.parse_manifest_file(tags, TAG_MANIFEST_PATH) else { return };
        let lines = listing.over(names);
        let mark = self.checks.mark();
        for (path, sha256) in lines.iter() {
            if path == TAG_MANIFEST_PATH || is_payload(path) {
                self.fail(
                    CheckCode::BagitManifestMalformed,
                    wording::checks::tag_manifest_lists_forbidden(path),
                    Some(TAG_MANIFEST_PATH),
                );
                continue;
            }
            let digest = tags.get(path).map(|b| self.tag_digest(path, b));
            let attached = self.attachments.get(path).map(|a| a.sha256);
            match digest.or_else(|| event_docs.get(path).map(|d| d.sha256)).or(attached) {
                None => {
                    self.missing(CheckCode::BagitTagFileMissing, path, wording::checks::bagit_tag_file_missing(path))
                }
                Some(d) if d != *sha256 => self.fail(
                    CheckCode::BagitTagHashMismatch,
                    wording::checks::bagit_tag_hash_mismatch(path),
                    Some(path),
                ),
                Some(_) => {}
            }
        }
        let attached: Vec<String> = self.attachments.keys().cloned().collect();
        let names: BTreeSet<&String> = tags.keys().chain(event_docs.keys()).chain(&attached).collect();
        for name in names {
            if name != TAG_MANIFEST_PATH && lines.get(name).is_none() {
                self.fail(CheckCode::ArchiveUnlistedFile, wording::checks::tag_file_unlisted(name), Some(name));
            }
        }
        if !self.failed_since(mark) {
            self.pass(CheckCode::BagitTagFiles, wording::checks::bagit_tag_files(lines.len()), None);
        }
    }

    pub(super) fn check_bag_info(&mut self, tags: &BTreeMap<String, Vec<u8>>, entries: &Picked<'_>) {
        let Some(bytes) = tags.get(BAG_INFO_PATH) else {
            self.missing(CheckCode::BagitMissingTagFile, BAG_INFO_PATH, wording::checks::bag_info_missing());
            return;
        };
        let fields = std::str::from_utf8(bytes)
            .map_err(|_| crate::wording::documents::NOT_UTF8_TEXT.to_string())
            .and_then(bagit::parse_bag_info);
        let fields = match fields {
            Ok(f) => f,
            Err(e) => {
                self.fail(
                    CheckCode::BagitBagInfoInvalid,
                    wording::checks::bagit_bag_info_invalid(&e),
                    Some(BAG_INFO_PATH),
                );
                return;
            }
        };
        let oxum = oxum_of(entries);
        match fields.iter().find(|(k, _)| k == "Payload-Oxum") {
            Some((_, v)) if *v == oxum => {}
            Some((_, v)) => self.fail(
                CheckCode::BagitPayloadOxumMismatch,
                wording::checks::bagit_payload_oxum_mismatch(v, &oxum),
                Some(BAG_INFO_PATH),
            ),
            None => {
                self.fail(CheckCode::BagitBagInfoInvalid, wording::checks::bag_info_without_oxum(), Some(BAG_INFO_PATH))
            }
        }
    }

    /// `bag-info.txt` is exactly the bytes spec §2.3 derives from the manifest and the seal
    /// event's date (`bagit.bag_info_mismatch`); its Payload-Oxum is the manifest's files.
    pub(super) fn check_bag_info_derived(&mut self, tags: &BTreeMap<String, Vec<u8>>, manifest: Option<&Manifest>) {
        let (Some(bytes), Some(m)) = (tags.get(BAG_INFO_PATH), manifest) else { return };
        let Some(sealed_at) = self.report_extra.events.first().filter(|e| e.sequence == 0).map(|e| e.time.to_string())
        else {
            return;
        };
        let Ok(text) = std::str::from_utf8(bytes) else { return };
        // The files of items a disposition returned or destroyed are no longer payload (§5.11).
        let kept = m.items.iter().filter(|i| !self.disposal.removed.contains_key(&i.id));
        let files = kept.flat_map(|i| &i.files);
        let (size, files) = files.fold((0u64, 0usize), |(s, n), f| (s.saturating_add(f.size), n + 1));
        let expected = bagit::derive_bag_info(&bagit::BagInfoFacts {
            sealed_at: &sealed_at,
            payload_bytes: size,
            payload_files: files,
            case_reference: &m.case.reference,
            bundle_id: &m.bundle_id,
            sealer_name: &m.sealer.name,
            sealer_organisation: &m.sealer.organisation,
        });
        if expected.as_bytes() == bytes.as_slice() {
            return;
        }
        let mut found_lines = text.split_inclusive('\n');
        let (line, found, wanted) = expected
            .split_inclusive('\n')
            .map(Some)
            .chain(std::iter::repeat(None))
            .enumerate()
            .map(|(i, want)| (i + 1, found_lines.next(), want))
            .find(|(_, f, w)| f != w)
            .unwrap_or((1, None, None));
        self.fail(
            CheckCode::BagitBagInfoMismatch,
            wording::checks::bag_info_not_derived(line, found.map(str::trim_end), wanted.map(str::trim_end)),
            Some(BAG_INFO_PATH),
        );
    }
}

/// The Payload-Oxum of these payload entries: `<bytes>.<files>` (RFC 8493 §2.2.2).
fn oxum_of(entries: &Picked<'_>) -> String {
    format!("{}.{}", entries.iter().map(|e| e.size).sum::<u64>(), entries.len())
}
