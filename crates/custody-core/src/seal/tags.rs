//! Sealing: the bundle being written, and its tag files (`bagit.txt`, `bag-info.txt`, the
//! BagIt manifests, `HOW-TO-VERIFY.txt`, the keys, the manifest and the events).
//!
//! The bundle is written beside its destination under a temporary name and renamed into
//! place only once complete and on disk ([`BundleWriter::finish`]), so a failure or a kill
//! leaves no partial bundle behind. Every tag file is remembered with its digest, not its
//! bytes: the seal event lists the digests and `tagmanifest-sha256.txt`, written last, covers
//! them all.

use std::io::BufWriter;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::Error;
use crate::archive::{ArchiveWriter, EntryTooLarge};
use crate::bagit::{self, ManifestLine};
use crate::digest::Sha256Digest;
use crate::fsutil::{self, SequentialOutput};
use crate::layout::TAG_MANIFEST_PATH;
use crate::manifest::Signer;
use crate::time::Timestamp;

/// The plain-text guide stored in every bundle, before [`how_to_verify`] names the sealer
/// in it. New steps (other checks with stock tools) go into the file as numbered steps.
pub const HOW_TO_VERIFY: &str = include_str!("../how-to-verify.txt");

/// The guide for one bundle: names the sealer and the sealer's fingerprint, with ready
/// commands using the sealer's key file (`custody/keys/<hex>.pem`), so that nobody has to
/// guess which of several keys in the bundle signs the seal event, which binds the manifest
/// (issue #21.7).
pub fn how_to_verify(sealer: &Signer) -> String {
    let key = crate::layout::key_path(&sealer.fingerprint.hex());
    // The name goes in last: whatever it contains is not substituted again.
    HOW_TO_VERIFY.replace("{FINGERPRINT}", &sealer.fingerprint.to_string()).replace("{KEY}", &key).replace(
        "{SEALER}",
        &format!("{}, {} ({}, {})", sealer.name, sealer.organisation, sealer.role, sealer.jurisdiction),
    )
}

/// `bag-info.txt`: the BagIt metadata stock tools show (RFC 8493 §2.2.2), derived exactly
/// as the verifier derives it (spec §2.3, [`bagit::derive_bag_info`]).
pub(crate) fn bag_info(
    time: Timestamp,
    payload_bytes: u64,
    payload_files: usize,
    case_reference: &str,
    bundle_id: &str,
    signer: &Signer,
) -> String {
    bagit::derive_bag_info(&bagit::BagInfoFacts {
        sealed_at: &time.to_string(),
        payload_bytes,
        payload_files,
        case_reference,
        bundle_id,
        sealer_name: &signer.name,
        sealer_organisation: &signer.organisation,
    })
}

/// A bundle being written to a temporary file beside its destination.
pub(crate) struct BundleWriter {
    tmp: tempfile::NamedTempFile,
    tmp_path: PathBuf,
    archive: ArchiveWriter<BufWriter<SequentialOutput>>,
    time: DateTime<Utc>,
    tags: Vec<(String, Sha256Digest)>,
}

impl BundleWriter {
    /// Starts the bundle `bundle_id` for `output`; its entries are dated `time` and sit under
    /// its root, `custody-<bundle id>/` (spec §2.5).
    pub(crate) fn create(output: &Path, time: Timestamp, bundle_id: &str) -> Result<Self, Error> {
        let root = crate::archive::Root::bundle(bundle_id).ok_or_else(|| Error::BadInput {
            field: "bundle_id",
            why: format!("'{}' is not a bundle id", crate::text::printable(bundle_id)),
            remedy: Some("a bundle id is 32 lowercase hex digits".into()),
        })?;
        let tmp = fsutil::temp_beside(output)?;
        let tmp_path = tmp.path().to_path_buf();
        let file = tmp.reopen().map_err(Error::io(&tmp_path))?;
        let file = SequentialOutput::create(file, &tmp_path).map_err(Error::io(&tmp_path))?;
        let archive = ArchiveWriter::new(BufWriter::with_capacity(1 << 18, file), &root);
        Ok(BundleWriter { tmp, tmp_path, archive, time: time.as_datetime(), tags: Vec::new() })
    }

    /// The time the bundle's own entries carry.
    pub(crate) fn time(&self) -> DateTime<Utc> {
        self.time
    }

    fn io_err(&self) -> impl Fn(std::io::Error) -> Error + use<> {
        let path = self.tmp_path.clone();
        move |source| Error::Io { path: path.clone(), source }
    }

    /// The archive, for streaming a payload file into it.
    pub(crate) fn archive(&mut self) -> &mut ArchiveWriter<BufWriter<SequentialOutput>> {
        &mut self.archive
    }

    /// Adds a payload file already read and hashed.
    pub(crate) fn add_prehashed(
        &mut self,
        name: &str,
        modified: DateTime<Utc>,
        data: &[u8],
        crc: u32,
    ) -> Result<(), Error> {
        let err = self.io_err();
        self.archive.add_prehashed(name, modified, data, crc).map_err(err)
    }

    /// Adds a tag file and remembers its digest for the seal event and the tag manifest.
    pub(crate) fn add_tag(&mut self, name: &str, bytes: Vec<u8>) -> Result<(), Error> {
        let err = self.io_err();
        self.archive.add_bytes(name, self.time, &bytes).map_err(err)?;
        self.tags.push((name.to_owned(), Sha256Digest::of(&bytes)));
        Ok(())
    }

    /// Adds a tag file that `write` produces, without holding it: `write` runs once, straight
    /// into the archive, its size, CRC-32 and SHA-256 measured as it goes
    /// ([`ArchiveWriter::add_measured`]). Refused, with `too_large`, over `limit` bytes (the
    /// bundle, part written, is then abandoned by the caller's error, its temporary file
    /// removed).
    pub(crate) fn add_tag_written(
        &mut self,
        name: &str,
        limit: u64,
        too_large: impl FnOnce() -> Error,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), Error> {
        let err = self.io_err();
        let mut sha = sha2::Sha256::default();
        self.archive.add_measured(name, limit, write, &mut |b: &[u8]| sha2::Digest::update(&mut sha, b)).map_err(
            |e| {
                if EntryTooLarge::is(&e) { too_large() } else { err(e) }
            },
        )?;
        self.tags.push((name.to_owned(), Sha256Digest(sha2::Digest::finalize(sha).into())));
        Ok(())
    }

    /// The tag files added so far, with their digests.
    pub(crate) fn tags(&self) -> &[(String, Sha256Digest)] {
        &self.tags
    }

    /// Writes `tagmanifest-sha256.txt` over every tag file, completes the archive, and moves
    /// it into place at `output` once it is on disk.
    pub(crate) fn finish(self, output: &Path, overwrite: bool) -> Result<(), Error> {
        let tmp = self.finish_temp()?;
        fsutil::persist(tmp, output, overwrite)
    }

    /// Finishes the bundle in its temporary file, not yet at its path: [`fsutil::persist`]
    /// puts it there (derive records the copy in its parent first, §5.14).
    pub(crate) fn finish_temp(self) -> Result<tempfile::NamedTempFile, Error> {
        let err = self.io_err();
        let BundleWriter { tmp, mut archive, time, tags, .. } = self;
        let mut tag_lines: Vec<ManifestLine> =
            tags.iter().map(|(path, sha256)| ManifestLine { sha256: *sha256, path: path.clone() }).collect();
        let tagmanifest = bagit::write_manifest(&mut tag_lines);
        archive.add_bytes(TAG_MANIFEST_PATH, time, tagmanifest.as_bytes()).map_err(&err)?;
        let buf = archive.finish().map_err(&err)?;
        buf.into_inner().map_err(|e| err(e.into_error()))?.finish().map_err(&err)?;
        Ok(tmp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::MANIFEST_PATH;
    use crate::seal::sign;

    /// The files in `dir`, by name.
    fn files_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    /// A manifest over its limit is refused with the caller's `too_large`, not recorded as a
    /// tag file, and the bundle, part written into its temporary file, is abandoned: once the
    /// writer is dropped (as the caller's error drops it), nothing is left beside the output.
    /// Any other write error is an I/O error, even one of the same kind (a file system's
    /// "file too large").
    #[test]
    fn an_over_limit_tag_file_abandons_the_bundle_and_its_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("out.zip");
        let time = Timestamp::from_unix(1_700_000_000).unwrap();
        let mut w = BundleWriter::create(&output, time, &"ab".repeat(16)).unwrap();
        let err = w
            .add_tag_written(MANIFEST_PATH, 10, sign::manifest_too_large, &mut |o| o.write_all(&[b'x'; 100]))
            .unwrap_err();
        assert!(matches!(err, Error::BadInput { field: "inputs", .. }), "{err:?}");
        assert_eq!(err.to_string(), sign::manifest_too_large().to_string());
        assert!(w.tags().is_empty(), "the refused manifest is not a tag file");
        // The partial bundle is in its temporary file beside the output until the writer goes.
        let during = files_in(dir.path());
        assert_eq!(during.len(), 1, "{during:?}");
        assert!(during[0].starts_with(".out.zip."), "{during:?}");
        drop(w);
        assert_eq!(files_in(dir.path()), Vec::<String>::new(), "the temporary file is removed");
        assert!(!output.exists());

        let mut w = BundleWriter::create(&output, time, &"ab".repeat(16)).unwrap();
        let err = w
            .add_tag_written(MANIFEST_PATH, 10, sign::manifest_too_large, &mut |_| {
                Err(std::io::ErrorKind::FileTooLarge.into())
            })
            .unwrap_err();
        assert!(matches!(err, Error::Io { .. }), "{err:?}");
        // Within the limit, the tag file is recorded with the digest of what was written.
        w.add_tag_written("custody/x.json", 10, sign::manifest_too_large, &mut |o| o.write_all(b"0123456789")).unwrap();
        assert_eq!(w.tags(), [("custody/x.json".to_owned(), Sha256Digest::of(b"0123456789"))]);
    }
}
