//! Archive checks (spec §9.1 steps 1 and 2): a file the archive reader refuses, or whose
//! names are none of a bundle's, told apart from a damaged bundle (`bundle.not_a_bundle`);
//! the sound structure reported; no more events than a bundle may hold (§9.4); and every
//! tag file read within the limit of its size class (§3.3, §9.4).

use std::collections::BTreeMap;

use super::not_a_bundle::{NotABundle, kind_of_unreadable, kind_of_zip};
use super::wording;
use super::{NOT_A_BUNDLE, Verifier};
use crate::archive::{Archive, ArchiveError, Entry, Source};
use crate::bagit::{ManifestError, ManifestListing, ManifestParser};
use crate::check::CheckCode;
use crate::digest::Sha256Digest;
use crate::layout::{
    MANIFEST_PATH, MAX_EVENTS, PAYLOAD_MANIFEST_PATH, TAG_MANIFEST_PATH, is_attachment, is_event_document, is_payload,
    tag_file_limit,
};
use crate::manifest::{Manifest, ManifestParseError};

/// An event document found readable at step 2: where it is, and the digest of its bytes.
pub(super) struct EventDoc<'a> {
    pub(super) entry: Entry<'a>,
    pub(super) sha256: Sha256Digest,
}

/// The readable event documents by name.
pub(super) type EventDocs<'a> = BTreeMap<String, EventDoc<'a>>;

/// A BagIt manifest read as a stream at step 2: its digest, and its lines parsed (taken by
/// the step that checks them).
pub(super) struct Streamed {
    pub(super) sha256: Sha256Digest,
    pub(super) parsed: Option<Result<ManifestListing, ManifestError>>,
}

/// The tag files read as streams, line by line, rather than whole: the BagIt manifests,
/// which grow with the payload (up to 512 MiB, spec §9.4).
const STREAMED: [&str; 2] = [PAYLOAD_MANIFEST_PATH, TAG_MANIFEST_PATH];

/// Reads the BagIt manifest `e` as a stream within its limit: its digest and its listing.
fn stream_manifest<S: Source + ?Sized>(archive: &Archive<S>, e: &Entry<'_>) -> Result<Streamed, ArchiveError> {
    let limit = tag_file_limit(e.name);
    if e.size > limit {
        return Err(ArchiveError::TooLarge { name: e.name.to_owned(), size: e.size, limit });
    }
    let room = if e.name == PAYLOAD_MANIFEST_PATH { archive.names().len() } else { 0 };
    let mut parser = ManifestParser::over(archive.names()).with_room(room);
    let d = archive.hash_entry(e, &mut parser)?;
    if !d.crc_ok {
        return Err(ArchiveError::CrcMismatch(e.name.to_owned()));
    }
    Ok(Streamed { sha256: Sha256Digest(d.sha256), parsed: Some(parser.finish()) })
}

/// `custody/manifest.json` parsed as it is read and hashed, never held whole (issue #22): its
/// digest, and the manifest or why it cannot be parsed.
///
/// Its file records refer to the payload's `listing`, if it was read, for the digests they
/// share with its lines (issue #13.4, `manifest::files::parse_over`).
fn stream_manifest_document<S: Source + ?Sized>(
    archive: &Archive<S>,
    e: &Entry<'_>,
    listing: Option<std::sync::Arc<ManifestListing>>,
) -> Result<(Streamed, Result<Manifest, ManifestParseError>), ArchiveError> {
    let limit = tag_file_limit(e.name);
    if e.size > limit {
        return Err(ArchiveError::TooLarge { name: e.name.to_owned(), size: e.size, limit });
    }
    // First pass: the manifest's digest, whether it is JSON, and its weight (§9.4: what a
    // reader must hold of it), holding nothing of it.
    let WeighedManifest { digest: first, blocks, fault } = weigh_manifest_entry(archive, e)?;
    let streamed = Streamed { sha256: Sha256Digest(first.sha256), parsed: None };
    if let Some(fault) = fault {
        return Ok((streamed, Err(fault)));
    }
    // Second pass: the typed parse. The file records refer to the archive's names instead of
    // copying each path (issue #22); the items are counted as they are read, and the parse
    // stops past the bound (§9.4). Read to the end, so that the bytes parsed are shown to be
    // the bytes weighed and hashed.
    // The parser is given each block only once it is the block weighed: a file that changes
    // between the reads never hands it what was not weighed.
    // Every block is checked against the first read's SHA-256 (and the length with them):
    // the whole entry's digest is not taken a second time, only its CRC-32 checked.
    let mut reader = archive.entry_reader_unhashed(e);
    let (parsed, changed) = {
        let mut checking = crate::manifest::reread::Checking::new(&mut reader, &blocks);
        // The buffered reader is the parser's own, not borrowed: serde_json reads a byte at a
        // time, and the standard library takes a byte from a `BufReader`'s buffer directly
        // only when it is given the `BufReader` itself (a third of the parse's time at a
        // million files). What it had read ahead went through `checking`; the rest is read
        // from `checking` after it.
        let buffered = std::io::BufReader::with_capacity(1 << 16, &mut checking);
        let parsed = crate::manifest::files::parse_over(archive.shared_names(), listing, move || {
            crate::manifest::parse_manifest_from(buffered)
        });
        let drained = std::io::copy(&mut checking, &mut std::io::sink());
        if !checking.changed() {
            drained?;
        }
        (parsed, checking.changed())
    };
    let crc_ok = reader.finish()?;
    if changed || !crc_ok {
        return Err(ArchiveError::Io(std::io::Error::other(crate::wording::archive::changed_between_reads(e.name))));
    }
    Ok((streamed, parsed))
}

/// Reads the manifest entry `e` once, holding none of it (spec §9.4, §9.1 step 8): its digest
/// (its CRC-32 checked), the digests of its blocks (for `manifest::reread::Checking` to hold
/// the parser's read to), and why it must not be parsed, if it must not: it is not JSON
/// (`Schema`), or it weighs more than a reader may be asked to hold (`TooLargeToHold`). Every
/// reader of a bundle's manifest asks this before parsing it.
pub(crate) fn weigh_manifest_entry<S: Source + ?Sized>(
    archive: &Archive<S>,
    e: &Entry<'_>,
) -> Result<WeighedManifest, ArchiveError> {
    let mut reader = archive.entry_reader(e);
    // Paths come in the manifest's order, path order as written: each looked for after the last.
    let next = std::cell::Cell::new(0);
    let names = archive.names();
    let is_entry = |p: &str| {
        let mut at = next.get();
        let found = is_payload(p) && names.index_from(p, &mut at).is_some();
        next.set(at);
        found
    };
    let mut recording = crate::manifest::reread::Recording::new(&mut reader);
    let weighed = crate::manifest::weight::weigh(std::io::BufReader::with_capacity(1 << 16, &mut recording), is_entry);
    // Read to the end whatever the weigher found (it stops at what is not JSON): the digest
    // is of the whole entry, and every block is recorded.
    std::io::copy(&mut recording, &mut std::io::sink())?;
    let blocks = recording.finish();
    let digest = reader.finish()?;
    if !digest.crc_ok {
        return Err(ArchiveError::CrcMismatch(e.name.to_owned()));
    }
    let fault = match weighed {
        Err(crate::manifest::weight::WeighError::Io(err)) => return Err(ArchiveError::Io(err)),
        Err(crate::manifest::weight::WeighError::NotJson(why)) => Some(ManifestParseError::Schema(why)),
        Ok(w) if crate::layout::over_manifest_weight(w) => Some(ManifestParseError::TooLargeToHold),
        Ok(_) => None,
    };
    Ok(WeighedManifest { digest, blocks, fault })
}

/// What [`weigh_manifest_entry`] found.
pub(crate) struct WeighedManifest {
    /// The entry's digest.
    pub(crate) digest: crate::archive::EntryDigest,
    /// The SHA-256 of each block of it, for the parse's read to be held to.
    pub(crate) blocks: Vec<[u8; 32]>,
    /// Why it must not be parsed, if it must not.
    pub(crate) fault: Option<ManifestParseError>,
}

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
    /// Reads `manifest-sha256.txt` ahead of the other tag files (issue #22), so that the
    /// payload's digests are compared with its lines as they are computed rather than kept
    /// (33 bytes an entry). Its lines are returned (`None` if it is absent, unreadable or
    /// malformed); what reading it found otherwise is kept for step 2
    /// ([`Verifier::read_tag_files`]), which reports it at the entry's place as before, and
    /// the lines' check ([`Verifier::check_payload_listing`]) is given the lines returned.
    /// Shared: the manifest's file records refer to its lines' digests
    /// ([`Verifier::read_tag_files`]).
    pub(super) fn read_payload_listing<S: Source + ?Sized>(
        &mut self,
        archive: &Archive<S>,
    ) -> Option<std::sync::Arc<ManifestListing>> {
        let e = archive.entries().iter().find(|e| e.name == PAYLOAD_MANIFEST_PATH)?;
        let mut read = stream_manifest(archive, &e);
        let lines = match read.as_mut().ok().and_then(|s| s.parsed.as_mut()) {
            // Taken; an empty listing stands in for it (the lines' check uses the one returned).
            Some(Ok(lines)) => Some(std::sync::Arc::new(std::mem::take(lines))),
            _ => None,
        };
        self.payload_listing_read = Some(read);
        lines
    }

    /// Step 1's failure for a file that is no custody bundle: `bundle.not_a_bundle`, saying what
    /// it is; the kind is kept for the summary (said in the court report's language).
    fn not_a_bundle(&mut self, kind: NotABundle) {
        self.fail(NOT_A_BUNDLE, kind.explain(), None);
        self.report_extra.not_a_bundle = Some(kind);
    }

    /// Step 1 for a file the archive reader refused with `e`: not a bundle at all, or a
    /// damaged bundle whose archive error stands.
    pub(super) fn check_refused_file<S: Source + ?Sized>(&mut self, source: &S, e: &ArchiveError) {
        match kind_of_unreadable(source, caused_by_repacking(e)) {
            Some(kind) => self.not_a_bundle(kind),
            None => self.fail(e.code(), wording::checks::archive_unreadable_bundle(e), None),
        }
    }

    /// Step 1 for an archive that opened: `bundle.not_a_bundle` if its names are none of a
    /// bundle's (then nothing else is checked: returns `false`), else `archive.structure`;
    /// then `archive.too_many_events` if it holds more than [`MAX_EVENTS`] event documents
    /// (nothing else is checked either).
    pub(super) fn check_opened<S: Source + ?Sized>(&mut self, archive: &Archive<S>) -> bool {
        if let Some(kind) = kind_of_zip(archive.entries().iter().map(|e| e.name)) {
            self.not_a_bundle(kind);
            return false;
        }
        // Only the bundle's own ZIP file has the structure of spec §3 (§9.6).
        if archive.container() == crate::archive::Container::Zip {
            self.pass(CheckCode::ArchiveStructure, wording::checks::archive_structure(archive.entries().len()), None);
        }
        // Refused before any event is read: what a verifier holds grows with the events.
        let events = archive.entries().iter().filter(|e| is_event_document(e.name)).count() as u64;
        if events > MAX_EVENTS {
            self.fail(
                CheckCode::ArchiveTooManyEvents,
                wording::checks::archive_too_many_events(events, MAX_EVENTS),
                None,
            );
            return false;
        }
        true
    }

    /// Step 2: every entry outside `data/`, read whole within the limit of its class
    /// ([`tag_file_limit`]), but the BagIt manifests, which are parsed line by line as they
    /// are read and whose entry in the map returned holds no bytes (their digest and lines
    /// are in `self.streamed`). A file that cannot be
    /// read is reported once and remembered as unreadable (never reported missing later).
    /// Event documents are only hashed here and their bytes let go: the event checks read
    /// them again one at a time, so that memory does not grow with the events (issue #13.4).
    /// The manifest is parsed beside the payload's `listing` read ahead, if it was
    /// ([`Verifier::read_payload_listing`]).
    pub(super) fn read_tag_files<'a, S: Source + ?Sized>(
        &mut self,
        archive: &'a Archive<S>,
        listing: Option<&std::sync::Arc<ManifestListing>>,
    ) -> (BTreeMap<String, Vec<u8>>, EventDocs<'a>) {
        let mut tags = BTreeMap::new();
        let mut event_docs = BTreeMap::new();
        for e in archive.entries().iter().filter(|e| !is_payload(e.name)) {
            if is_attachment(e.name) {
                self.hash_attachment(archive, &e);
                continue;
            }
            if e.name == MANIFEST_PATH {
                match stream_manifest_document(archive, &e, listing.cloned()) {
                    Ok((streamed, parsed)) => {
                        self.streamed.insert(e.name.to_owned(), streamed);
                        self.manifest_read = Some(parsed);
                        tags.insert(e.name.to_owned(), Vec::new());
                    }
                    Err(err) => {
                        self.unreadable.insert(e.name.to_owned());
                        self.fail(err.code(), wording::checks::about(e.name, &err), Some(e.name))
                    }
                }
                continue;
            }
            if STREAMED.contains(&e.name) {
                // The listing read ahead for the hashing threads is taken at its own entry only:
                // taken at another (tagmanifest-sha256.txt stored first), it was read twice, and
                // the payload compared with one read while the tag manifest checked the other.
                let early = if e.name == PAYLOAD_MANIFEST_PATH { self.payload_listing_read.take() } else { None };
                let read = match early {
                    Some(early) => early,
                    None => stream_manifest(archive, &e),
                };
                match read {
                    Ok(streamed) => {
                        self.streamed.insert(e.name.to_owned(), streamed);
                        tags.insert(e.name.to_owned(), Vec::new());
                    }
                    Err(err) => {
                        self.unreadable.insert(e.name.to_owned());
                        self.fail(err.code(), wording::checks::about(e.name, &err), Some(e.name))
                    }
                }
                continue;
            }
            match archive.read_entry(e, tag_file_limit(e.name)) {
                Ok(bytes) if is_event_document(e.name) => {
                    event_docs.insert(e.name.to_owned(), EventDoc { entry: e, sha256: Sha256Digest::of(&bytes) });
                }
                Ok(bytes) => {
                    tags.insert(e.name.to_owned(), bytes);
                }
                Err(err) => {
                    self.unreadable.insert(e.name.to_owned());
                    self.fail(err.code(), wording::checks::about(e.name, &err), Some(e.name))
                }
            }
        }
        (tags, event_docs)
    }

    /// An attached file, streamed and hashed like payload (its class has no size limit:
    /// [`tag_file_limit`]), its bytes never held; a CRC-32 mismatch makes it unreadable.
    fn hash_attachment<S: Source + ?Sized>(&mut self, archive: &Archive<S>, e: &Entry<'_>) {
        match archive.copy_entry(e, &mut std::io::sink()) {
            Ok(sha) => {
                self.attachments.insert(e.name.to_owned(), Attached { sha256: Sha256Digest(sha), size: e.size });
            }
            Err(err) => {
                self.unreadable.insert(e.name.to_owned());
                self.fail(err.code(), wording::checks::about(e.name, &err), Some(e.name))
            }
        }
    }
}

/// What the verifier keeps of an attached file: its SHA-256 and size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Attached {
    /// The SHA-256 of its bytes.
    pub sha256: Sha256Digest,
    /// Its size in bytes.
    pub size: u64,
}

#[cfg(test)]
mod tests {
    use std::io;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use crate::archive::{Archive, Source};
    use crate::layout::{MANIFEST_PATH, tag_file_limit};

    /// A bundle's bytes, but the byte at `at` is read as it is only by the first read that
    /// covers it: later reads see it changed, or, with `fail`, the second fails once (a file
    /// written to, or a disk that errs, while it is verified).
    struct Unsteady {
        bytes: Vec<u8>,
        at: u64,
        fail: bool,
        /// The reads that covered the byte, counted from when the archive was opened.
        reads: Arc<AtomicUsize>,
    }

    impl Source for Unsteady {
        fn len(&self) -> u64 {
            self.bytes.len() as u64
        }
        fn read_exact_at(&self, buf: &mut [u8], offset: u64) -> io::Result<()> {
            self.bytes.read_exact_at(buf, offset)?;
            if (offset..offset + buf.len() as u64).contains(&self.at) {
                match self.reads.fetch_add(1, Ordering::SeqCst) {
                    0 => {}
                    1 if self.fail => return Err(io::Error::other("the disk erred")),
                    _ if self.fail => {}
                    _ => buf[(self.at - offset) as usize] ^= 0x20,
                }
            }
            Ok(())
        }
    }

    /// The manifest's second read (the parse's) is held to its first (the weigher's) block by
    /// block: a byte changed in between, even the last one, is refused as a change, not parsed;
    /// a read that fails once is refused too. Nothing is taken whole a second time (issue
    /// #13.4: no second digest of the whole), so these blocks' checks are all there is.
    #[test]
    fn a_manifest_that_changes_between_its_reads_is_refused() {
        let bytes =
            std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/sealed.zip"))
                .unwrap();
        let place = {
            let a = Archive::open(Box::new(bytes.clone())).unwrap();
            let e = a.entry(MANIFEST_PATH).unwrap();
            (e.data_offset, e.size)
        };
        let read = |at: u64, fail: bool| {
            let reads = Arc::new(AtomicUsize::new(0));
            let source = Unsteady { bytes: bytes.clone(), at, fail, reads: reads.clone() };
            let a = Archive::open(Box::new(source)).unwrap();
            // Opening reads the manifest's first bytes (is it of format 1?): not one of the two.
            reads.store(0, Ordering::SeqCst);
            let e = a.entry(MANIFEST_PATH).unwrap();
            super::stream_manifest_document(&a, &e, None).map(|(_, parsed)| parsed.is_ok()).map_err(|e| e.to_string())
        };
        assert_eq!(read(u64::MAX, false), Ok(true), "a steady file is parsed");
        let changed = crate::wording::archive::changed_between_reads(MANIFEST_PATH);
        for at in [place.0, place.0 + place.1 / 2, place.0 + place.1 - 1] {
            let refused = read(at, false).unwrap_err();
            assert!(refused.ends_with(&changed), "byte {at} changed: {refused}");
            assert!(read(at, true).is_err(), "byte {at}: a read failed once");
        }
    }

    /// Each tag file is read within the limit of its class (spec §9.4).
    #[test]
    fn tag_files_are_read_within_the_limit_of_their_class() {
        for (name, limit) in [
            ("custody/events/000000-seal.json", 1 << 20),
            ("custody/events/000003-receipt.json", 1 << 20),
            ("custody/events/000000-seal.json.sig", 64),
            ("custody/manifest.json.sig", 64),
            ("custody/keys/00ff.pem", 64 << 10),
            ("bag-info.txt", 64 << 10),
            ("custody/manifest.json", 512 << 20),
            ("manifest-sha256.txt", 512 << 20),
            ("tagmanifest-sha256.txt", 512 << 20),
            ("custody/events/000000-seal.json.sig.tst", 16 << 20),
            ("HOW-TO-VERIFY.txt", 16 << 20),
        ] {
            assert_eq!(tag_file_limit(name), limit, "{name}");
        }
    }
}
