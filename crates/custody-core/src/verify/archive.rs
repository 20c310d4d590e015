//! Archive checks (spec §9.1 steps 1 and 2): a file the archive reader refuses, or whose
//! names are none of a bundle's, told apart from a damaged bundle (`bundle.not_a_bundle`);
//! the sound structure reported; and every tag file read within its size limit (§3.3, §9.4).

use std::collections::BTreeMap;

use super::not_a_bundle::{kind_of_unreadable, kind_of_zip};
use super::wording;
use super::{NOT_A_BUNDLE, Verifier};
use crate::archive::{Archive, ArchiveError, Entry, Source};
use crate::check::CheckCode;
use crate::digest::Sha256Digest;
use crate::layout::{is_payload, tag_file_limit};

/// An event document found readable at step 2: where it is, and the digest of its bytes.
pub(super) struct EventDoc<'a> {
    pub(super) entry: &'a Entry,
    pub(super) sha256: Sha256Digest,
}

/// The readable event documents by name.
pub(super) type EventDocs<'a> = BTreeMap<String, EventDoc<'a>>;

/// Whether the archive reader's error is one that another ZIP tool causes on a bundle it
/// re-packed (flags, extra fields, compression, attributes, version, time; spec §9.1 step 1).
fn caused_by_repacking(e: &ArchiveError) -> bool {
    use ArchiveError as A;
    matches!(
        e,
        A::UnsupportedFlags { .. }
            | A::UnsupportedExtra { .. }
            | A::UnsupportedCompression { .. }
            | A::UnsupportedAttributes { .. }
            | A::UnsupportedVersion { .. }
            | A::UnsupportedTime { .. }
    )
}

impl Verifier {
    /// Step 1 for a file the archive reader refused with `e`: not a bundle at all, or a
    /// damaged bundle whose archive error stands.
    pub(super) fn check_refused_file<S: Source + ?Sized>(&mut self, source: &S, e: &ArchiveError) {
        match kind_of_unreadable(source, caused_by_repacking(e)) {
            Some(kind) => self.fail(NOT_A_BUNDLE, kind.explain(), None),
            None => self.fail(e.code(), wording::checks::archive_unreadable_bundle(e), None),
        }
    }

    /// Step 1 for an archive that opened: `bundle.not_a_bundle` if its names are none of a
    /// bundle's (then nothing else is checked: returns `false`), else `archive.structure`.
    pub(super) fn check_opened<S: Source + ?Sized>(&mut self, archive: &Archive<S>) -> bool {
        if let Some(kind) = kind_of_zip(archive.entries().iter().map(|e| e.name.as_str())) {
            self.fail(NOT_A_BUNDLE, kind.explain(), None);
            return false;
        }
        self.pass(CheckCode::ArchiveStructure, wording::checks::archive_structure(archive.entries().len()), None);
        true
    }

    /// Step 2: every entry outside `data/`, read whole within its limit. A file that cannot be
    /// read is reported once and remembered as unreadable (never reported missing later).
    /// Event documents are only hashed here and their bytes let go: the event checks read
    /// them again one at a time, so that memory does not grow with the events (issue #13.4).
    pub(super) fn read_tag_files<'a, S: Source + ?Sized>(
        &mut self,
        archive: &'a Archive<S>,
    ) -> (BTreeMap<String, Vec<u8>>, EventDocs<'a>) {
        let mut tags = BTreeMap::new();
        let mut event_docs = BTreeMap::new();
        for e in archive.entries().iter().filter(|e| !is_payload(&e.name)) {
            match archive.read_entry(e, tag_file_limit(&e.name)) {
                Ok(bytes) if crate::layout::is_event_document(&e.name) => {
                    event_docs.insert(e.name.clone(), EventDoc { entry: e, sha256: Sha256Digest::of(&bytes) });
                }
                Ok(bytes) => {
                    tags.insert(e.name.clone(), bytes);
                }
                Err(err) => {
                    self.unreadable.insert(e.name.clone());
                    self.fail(err.code(), wording::checks::about(&e.name, &err), Some(&e.name))
                }
            }
        }
        (tags, event_docs)
    }
}
