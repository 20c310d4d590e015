//! Sealing steps 4 and 5: the manifest's bytes, and the seal event that signs the tag files
//! (and, when asked, gets trusted time from a TSA over its signature).
//!
//! The manifest is bound by the seal event, not signed alone. The seal event (sequence 0)
//! names every tag file written before it with its SHA-256, except the derived
//! `bag-info.txt` and `manifest-sha256.txt`; its signature is what a timestamp token covers
//! (`docs/bundle-format.md` §6, §7).

use super::bad_input;
use crate::Error;
use crate::digest::Sha256Digest;
use crate::document::to_json;
use crate::event::{Commitment, EVENT_FORMAT, Event, EventType, FileRef, Tool};
use crate::keys::KeyPair;
use crate::manifest::{Manifest, Signer};
use crate::time::Timestamp;

/// Writes the manifest's bytes to `out` as they are serialised, never held whole (a
/// million files make a manifest of hundreds of MB): the same bytes as `to_json`. Not signed
/// on their own (the seal event binds them by SHA-256, so a large manifest never goes to a
/// signing device).
pub(crate) fn write_manifest(manifest: &Manifest, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    crate::document::to_json_writer(manifest, &mut *out)
}

/// Refuses `manifest` if it weighs more than a verifier may be asked to hold (spec §9.4,
/// [`crate::layout::MAX_MANIFEST_WEIGHT`]), weighed as a verifier weighs it: its bytes as
/// written, streamed through a pipe (never held whole), every record's path taken as an entry
/// of the bundle (a writer writes each). `room` is weight the caller adds later (members
/// written after this check, such as the log's), so that the check never passes a manifest
/// the verifier refuses.
pub(crate) fn check_weight(manifest: &Manifest, room: u64) -> Result<(), Error> {
    let (reader, writer) =
        std::io::pipe().map_err(|e| Error::Internal(format!("a pipe to weigh the manifest: {e}")))?;
    let weighed = std::thread::scope(|s| {
        let written = s.spawn(move || {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, writer);
            let r = write_manifest(manifest, &mut out);
            r.and_then(|()| std::io::Write::flush(&mut out))
        });
        let weighed = crate::manifest::weight::weigh(std::io::BufReader::with_capacity(1 << 16, reader), |_| true);
        (weighed, written.join())
    });
    // The writer's failure first: a manifest written only in part is not JSON to the weigher.
    let weight = match weighed {
        (_, Err(_)) => return Err(Error::Internal("the thread writing the manifest to weigh it failed".into())),
        (_, Ok(Err(e))) => {
            return Err(Error::Internal(format!("the manifest could not be written to be weighed: {e}")));
        }
        (Err(e), Ok(Ok(()))) => return Err(Error::Internal(format!("the manifest written could not be weighed: {e}"))),
        (Ok(w), Ok(Ok(()))) => w,
    };
    if crate::layout::over_manifest_weight(weight.saturating_add(room)) {
        return Err(bad_input(
            "inputs",
            crate::wording::checks::manifest_too_heavy_to_write(weight, crate::layout::MAX_MANIFEST_WEIGHT),
            Some(crate::wording::checks::MANIFEST_TOO_HEAVY_REMEDY),
        ));
    }
    Ok(())
}

/// Why a manifest larger than verifiers accept is refused.
pub(crate) fn manifest_too_large() -> Error {
    bad_input(
        "inputs",
        "the manifest would exceed the size verifiers accept".into(),
        Some("split the evidence into several bundles"),
    )
}

/// The seal event over `tags` (every tag file so far) and `commitment` (§5.12), its bytes
/// and their signature.
/// Refused (a fault of the sealer's, not of its input) if a tag file is one the custody rules
/// do not let the seal add ([`crate::rules::files_event_may_add`]), as the verifier checks.
pub(crate) fn seal_event(
    key: &KeyPair,
    bundle_id: &str,
    time: Timestamp,
    signer: &Signer,
    tags: &[(String, Sha256Digest)],
    commitment: Option<Commitment>,
) -> Result<(Vec<u8>, Vec<u8>), Error> {
    let event = Event {
        format: EVENT_FORMAT.into(),
        bundle_id: bundle_id.to_owned(),
        sequence: 0,
        event_type: EventType::Seal,
        previous_event_sha256: None,
        time,
        signer: signer.clone(),
        tool: Tool::this(),
        files: tags
            .iter()
            .filter(|(path, _)| !crate::layout::is_derived(path))
            .map(|(path, sha256)| FileRef { path: path.clone(), sha256: *sha256 })
            .collect(),
        transfer: None,
        receipt: None,
        countersign: None,
        document: None,
        examination: None,
        access: None,
        disposition: None,
        derivation: None,
        commitment,
    };
    if let Some(f) = crate::rules::first_file_not_allowed(&event, event.files.iter().map(|f| f.path.as_str())) {
        return Err(Error::Internal(format!("a seal event may not add {f}")));
    }
    let bytes = to_json(&event);
    let sig = key.sign(&bytes)?.to_vec();
    Ok((bytes, sig))
}
