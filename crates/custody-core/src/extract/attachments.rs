//! The files statements attach (attached documents, examination results; spec §5.8, §5.9),
//! written beside the evidence at `<out>/custody-attachments/NNNNNN/<name>`, NNNNNN the
//! carrying event's sequence. Each is streamed from the open bundle (never held whole) and
//! checked against the SHA-256 and size its signed statement gives. The path is built only
//! from a name that passes the attachment name rules (one component, §3.4) and from digits:
//! nothing is written outside that folder.

use std::fs::{self, File};
use std::io::Write;
use std::path::Path;

use crate::Error;
use crate::archive::{Archive, Source};
use crate::layout::ATTACHMENTS_DIR;
use crate::verify::Report;

/// The folder, inside the output directory, that holds the attached files. No item id
/// (`item-N`) can take its name.
pub const ATTACHMENTS_OUT: &str = "custody-attachments";

/// Writes every file the report's statements attach into `staging/custody-attachments/`.
/// Returns how many were written and the bundle paths of those that were not what their
/// statement says (or not in the bundle, or not named as the rules require).
pub(super) fn write_attachments<S: Source + ?Sized>(
    archive: &Archive<S>,
    report: &Report,
    staging: &Path,
) -> Result<(usize, Vec<String>), Error> {
    let mut written = 0;
    let mut differ = Vec::new();
    let files = report.events.iter().filter_map(|e| e.statement.as_ref()).flat_map(|s| s.files.iter());
    for f in files {
        let Some((seq, name)) = f.path.strip_prefix(ATTACHMENTS_DIR).and_then(|r| r.split_once('/')) else {
            differ.push(f.path.clone());
            continue;
        };
        let seq_ok = !seq.is_empty() && seq.len() <= 20 && seq.bytes().all(|b| b.is_ascii_digit());
        let entry = archive.entry(&f.path);
        let (true, Ok(()), Some(entry)) = (seq_ok, crate::statement::check_attachment_name(name), entry) else {
            differ.push(f.path.clone());
            continue;
        };
        let dir = staging.join(ATTACHMENTS_OUT).join(seq);
        // Names are created under the guard, as the payload's are (`Writer::write`): an
        // interruption removing the output folder never races a new name into it.
        let no_interruption_now = crate::fsutil::update_guard();
        fs::create_dir_all(&dir).map_err(Error::io(&dir))?;
        let to = dir.join(name);
        let mut out = File::options().write(true).create_new(true).open(&to).map_err(Error::io(&to))?;
        drop(no_interruption_now);
        let digest =
            archive.hash_entry(entry, &mut out).map_err(|source| Error::Archive { path: to.clone(), source })?;
        out.flush().and_then(|()| out.sync_all()).map_err(Error::io(&to))?;
        if digest.sha256 != f.sha256.0 || entry.size != f.size || !digest.crc_ok {
            differ.push(f.path.clone());
        }
        written += 1;
    }
    Ok((written, differ))
}
