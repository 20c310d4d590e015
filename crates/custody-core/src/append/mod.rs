//! Appending custody events to a bundle in place, crash-safely, without touching the payload.
//!
//! Every bundle ends with `[tagmanifest-sha256.txt][central directory][end records]`. An
//! append replaces just that tail with `[new tag files][new tag manifest][new central
//! directory][end records]`: the bytes of every earlier entry, payload included, stay where
//! they are, so the cost of a hand-over does not grow with the evidence.
//!
//! Crash safety comes from a rollback journal, `<bundle>.custody-journal`, written and
//! flushed before the tail is touched. It holds the old tail and is bound to the one update
//! it records: the bundle id, the old and new sizes, the SHA-256 of the 64 KiB before the
//! tail (an anchor) and of both tails; the file's device and inode only as advice. Whoever
//! changes the bundle next ([`recover`], which every changing command runs first) removes
//! the journal if the update completed or never started, and otherwise writes the old tail
//! back, but only if the journal matches the file in every bound field, and only if the file
//! as it is cannot be read as an archive: a genuine interruption leaves a torn tail, so a
//! readable bundle is never rolled back, whatever a journal says. Even then the journal may
//! supply only the tag manifest and the central directory (every entry, the manifest with
//! the bundle id included, comes from the file's own bytes before the cut), and the torn
//! bytes after the cut may hold only what one update adds: a journal of an older state of
//! the bundle never rolls back signed events. The bytes a rollback replaces are first kept
//! in `<bundle>.custody-rolled-back-<pid>-<n>`.
//!
//! The journal's format and checks are in `journal.rs`, finishing or undoing an interrupted
//! update in `recover.rs`; this file holds the append itself.
//!
//! Readers (verify, inspect, extract) never open a journal: they read the file as it is and
//! only say that an update is pending ([`journal_pending`]). A journal is a local file of
//! this implementation, not part of the bundle format, and comes from whoever could write
//! beside the bundle: it is never trusted for content.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::Error;
use crate::archive::{Archive, ArchiveWriter, FileSource, Source};
use crate::fsutil::{self, parent_dir};
use crate::layout::TAG_MANIFEST_PATH;
use crate::time::Timestamp;
use crate::wording;

mod content;
mod journal;
mod recover;

pub use crate::layout::journal_path;
pub use content::Content;
use content::Tail;
pub use journal::journal_pending;
use journal::{Journal, anchor_of, bundle_id_of, file_identity, sha256_range};
pub use recover::{Recovered, Recovery, recover};

/// Test hook, not part of the API: environment variable naming a step at which an append aborts
/// the process, to test crash safety: `after-journal`, `mid-tail` (half the new tail written)
/// or `after-tail`; and, for an event logged to a custody log, `after-log` (the log answered,
/// nothing written yet). Compiled only with the `test-hooks` feature, which the tests enable and a
/// release build never has: a program embedding this library cannot be made to abort by its
/// environment.
#[cfg(feature = "test-hooks")]
#[doc(hidden)]
pub const CRASH_ENV: &str = "CUSTODY_TEST_CRASH_POINT";

/// Test hook, not part of the API: environment variable naming a step (as [`CRASH_ENV`]) at
/// which an append pauses for three seconds, to test that an interruption waits for the update.
/// Only with the `test-hooks` feature.
#[cfg(feature = "test-hooks")]
#[doc(hidden)]
pub const PAUSE_ENV: &str = "CUSTODY_TEST_PAUSE_POINT";

/// Test hook, not part of the API: with [`PAUSE_ENV`], a file created when the pause begins,
/// which then lasts a minute (the test kills the command once the file appears, however loaded
/// the machine). Only with the `test-hooks` feature.
#[cfg(feature = "test-hooks")]
#[doc(hidden)]
pub const PAUSED_FILE_ENV: &str = "CUSTODY_TEST_PAUSED_FILE";

/// Whether the test hook asks for a crash at step `name` (never without the `test-hooks` feature).
#[cfg(feature = "test-hooks")]
fn crash_requested(name: &str) -> bool {
    std::env::var_os(CRASH_ENV).is_some_and(|v| v == name)
}

/// Whether the test hook asks for a crash at step `name` (never without the `test-hooks` feature).
#[cfg(not(feature = "test-hooks"))]
fn crash_requested(_name: &str) -> bool {
    false
}

/// Where an append may be stopped or paused by the test hooks [`CRASH_ENV`] and [`PAUSE_ENV`].
#[cfg(feature = "test-hooks")]
pub(crate) fn crash_point(name: &str) {
    if crash_requested(name) {
        std::process::abort();
    }
    if std::env::var_os(PAUSE_ENV).is_some_and(|v| v == name) {
        let marker = std::env::var_os(PAUSED_FILE_ENV);
        let secs = match &marker {
            Some(path) if std::fs::write(path, name).is_ok() => 60,
            _ => 3,
        };
        std::thread::sleep(std::time::Duration::from_secs(secs));
    }
}

/// Where an append may be stopped or paused by the test hooks: nothing, without the
/// `test-hooks` feature.
#[cfg(not(feature = "test-hooks"))]
pub(crate) fn crash_point(_name: &str) {}

/// [`OpenBundle::tail_binding`] of a bundle opened only for reading (`archive`, read from the
/// file at `path`): the input of a command that writes a new file and never changes it.
pub(crate) fn tail_binding_of<S: Source + ?Sized>(archive: &Archive<S>, path: &Path) -> Result<(u64, [u8; 32]), Error> {
    let src = archive.source();
    let (len, cut) = (src.len(), archive.entries().last().map_or(0, |e| e.header_offset));
    let sha = journal::sha256_of_range(src, cut, len).map_err(Error::io(path))?;
    Ok((len, sha))
}

/// Takes the advisory lock that keeps two custody commands from changing one bundle at once.
/// It is released when the file is closed, including when the process dies. A temporary
/// file of this process (a copy being updated for `--out`) is locked already.
pub(crate) fn lock(file: &File, path: &Path) -> Result<(), Error> {
    if fsutil::is_own_temp(path) {
        return Ok(());
    }
    file.try_lock().map_err(|e| match e {
        fs::TryLockError::WouldBlock => Error::Busy { path: path.into() },
        fs::TryLockError::Error(e) => Error::Io { path: path.into(), source: e },
    })
}

/// A bundle opened for appending: locked, recovered, and parsed. Internal: library users
/// change a bundle only through the verbs of [`handover`](crate::handover), which check the
/// custody rules before anything is appended.
pub(crate) struct OpenBundle {
    /// The bundle file.
    pub(crate) path: PathBuf,
    /// Its archive, read strictly.
    pub(crate) archive: Archive<FileSource>,
    /// Where the bundle being changed will be: `path` itself in place, or the output (`--out`)
    /// a copy at `path` will be renamed to. A pending event is kept beside this one, never
    /// beside an input that a command with `--out` leaves untouched (it may be read-only).
    pub(crate) origin: PathBuf,
    file: File,
}

impl OpenBundle {
    /// Opens a bundle for appending: finishes any interrupted update whose journal matches
    /// (refusing on a mismatch), takes the lock, and parses the archive strictly.
    pub(crate) fn open(path: &Path) -> Result<Self, Error> {
        recover::recover_journal(path)?;
        let file = OpenOptions::new().read(true).write(true).open(path).map_err(Error::io(path))?;
        lock(&file, path)?;
        crate::envelope::refuse_encrypted(&file).map_err(|source| Error::Envelope { path: path.into(), source })?;
        let source = FileSource::new(file.try_clone().map_err(Error::io(path))?).map_err(Error::io(path))?;
        let archive = Archive::open(Box::new(source)).map_err(Error::archive(path))?;
        Ok(OpenBundle { path: path.into(), archive, origin: path.into(), file })
    }

    /// What binds a file kept beside the bundle to its present state: its size and the SHA-256
    /// of its tail from the tag manifest's entry on (every append rewrites it).
    pub(crate) fn tail_binding(&self) -> Result<(u64, [u8; 32]), Error> {
        tail_binding_of(&self.archive, &self.path)
    }

    /// Appends `new_files` (tag files, in order) and a new tag manifest with `tag_manifest`
    /// as its content, replacing the old one. Only the tail after the payload is rewritten.
    pub(crate) fn append(
        self,
        new_files: &[(String, Vec<u8>)],
        tag_manifest: &[u8],
        time: Timestamp,
    ) -> Result<(), Error> {
        let held = new_files.iter().map(|(n, d)| (n.clone(), Content::Bytes(d.clone()))).collect();
        self.append_content(held, tag_manifest, time)
    }

    /// As [`append`](OpenBundle::append), with files held or streamed ([`Content`]): the new
    /// tail is written to a temporary file beside the bundle (an attached file copied into it
    /// as a stream, and checked against its SHA-256 when one is given), then, once the
    /// journal is durable, copied into the bundle. Memory stays bounded whatever the size of
    /// an attached file.
    pub(crate) fn append_content(
        mut self,
        new_files: Vec<(String, Content)>,
        tag_manifest: &[u8],
        time: Timestamp,
    ) -> Result<(), Error> {
        let path = self.path.clone();
        let entries = self.archive.entries();
        let last = entries.last().filter(|e| e.name == TAG_MANIFEST_PATH).ok_or_else(|| Error::Update {
            path: path.clone(),
            why: format!(
                "{TAG_MANIFEST_PATH} is not the last entry, so events cannot be appended in place; \
                     this bundle was not written by custody"
            ),
        })?;
        let cut = last.header_offset;
        let old_len = self.archive.source().len();
        let many = entries.len() > HELD_TAIL_ENTRIES;
        for (name, _) in &new_files {
            if self.archive.entry(name).is_some() {
                return Err(Error::Update { path: path.clone(), why: format!("already has {name}") });
            }
        }
        let bundle_id: [u8; 32] = bundle_id_of(&self.archive)
            .and_then(|id| id.into_bytes().try_into().ok())
            .filter(|id: &[u8; 32]| id.iter().all(u8::is_ascii_hexdigit))
            .ok_or_else(|| Error::Update {
                path: path.clone(),
                why: "its manifest has no readable bundle id; it cannot be updated".into(),
            })?;
        // The entries that stay, taken from the archive rather than copied (a million make
        // about 100 MB); the archive is not searched by name after this.
        let mut kept = self.archive.take_entries();
        kept.pop();
        // Held in memory unless a file is streamed or the new central directory is large:
        // then a temporary file beside the bundle (removed when done; left by a crash, the
        // next command removes it as stale).
        let streamed = many || new_files.iter().any(|(_, c)| matches!(c, Content::File { .. }));
        let tail_tmp = if streamed { Some(fsutil::temp_beside(&path)?) } else { None };
        let tail = match &tail_tmp {
            Some(tmp) => Tail::in_file(tmp.as_file().try_clone().map_err(Error::io(tmp.path()))?, cut),
            None => Tail::held(cut),
        };
        let tio = |e| Error::Io { path: tail_tmp.as_ref().map_or(path.clone(), |t| t.path().into()), source: e };
        let mut w = ArchiveWriter::resume(tail, kept, cut, self.archive.root());
        let t = time.as_datetime();
        let wio = |e| Error::Io { path: path.clone(), source: e };
        for (name, data) in &new_files {
            match data {
                Content::Bytes(b) => w.add_bytes(name, t, b).map_err(wio)?,
                Content::File { path: from, sha256, size, .. } => {
                    let fio = |e| Error::Io { path: from.clone(), source: e };
                    let mut input = data.reader().map_err(fio)?;
                    let got = w.add_stream(name, t, *size, &mut input, &mut |_| ()).map_err(fio)?;
                    if sha256.is_some_and(|want| want.0 != got) {
                        return Err(Error::Update {
                            path: path.clone(),
                            why: wording::archive::changed_while_added(&from.display().to_string()),
                        });
                    }
                }
            }
        }
        w.add_bytes(TAG_MANIFEST_PATH, t, tag_manifest).map_err(wio)?;
        let tail = w.finish().and_then(Tail::finish).map_err(tio)?;
        let new_tail_len = tail.len().map_err(tio)?;
        let new_tail_sha256 = tail.sha256().map_err(tio)?;
        // The old tail (the old tag manifest and central directory: about 100 MB at a million
        // files) is hashed here and copied into the journal below, never held.
        let old_tail_sha256 = sha256_range(&self.file, cut, old_len).map_err(wio)?;
        let (dev, ino) = file_identity(&self.file.metadata().map_err(wio)?);
        let journal = Journal {
            bundle_id,
            old_len,
            cut,
            new_len: cut + new_tail_len,
            anchor_sha256: anchor_of(&self.file, cut).map_err(wio)?,
            old_tail_sha256,
            new_tail_sha256,
            dev,
            ino,
        };
        // From the journal to its removal, an interruption (SIGINT, SIGTERM) waits.
        let _update = fsutil::update_guard();
        // 1. The journal, durably, before anything in the bundle changes.
        let jp = journal_path(&path);
        let mut tmp = fsutil::temp_beside(&jp)?;
        tmp.write_all(&journal.encode_header()).map_err(Error::io(tmp.path()))?;
        let copied =
            copy_hashed(self.archive.source(), cut, old_len, tmp.as_file_mut()).map_err(Error::io(tmp.path()))?;
        if copied != old_tail_sha256 {
            return Err(Error::Update { path: path.clone(), why: "it changed while it was being updated".into() });
        }
        fsutil::persist(tmp, &jp, false)?;
        crash_point("after-journal");
        // 2. The new tail, durably.
        if crash_requested("mid-tail") {
            tail.write_into(new_tail_len / 2, &self.file, cut).map_err(wio)?;
            self.file.sync_all().map_err(wio)?;
            crash_point("mid-tail");
        }
        tail.write_into(new_tail_len, &self.file, cut).map_err(wio)?;
        self.file.set_len(journal.new_len).map_err(wio)?;
        self.file.sync_all().map_err(wio)?;
        crash_point("after-tail");
        // 3. The update is complete: drop the journal.
        fs::remove_file(&jp).map_err(Error::io(&jp))?;
        fsutil::sync_dir(&parent_dir(&path))?;
        fsutil::record_written(&path);
        drop(tail_tmp);
        Ok(())
    }
}

/// Above this many entries, an append's new tail (its central directory grows with the
/// entries) is written to a temporary file, not held in memory.
const HELD_TAIL_ENTRIES: usize = 10_000;

/// Copies the bytes `from..to` of `src` to `out` in blocks, returning their SHA-256.
fn copy_hashed(src: &FileSource, from: u64, to: u64, out: &mut File) -> std::io::Result<[u8; 32]> {
    let mut sha = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    let mut at = from;
    while at < to {
        let n = buf.len().min(usize::try_from(to - at).unwrap_or(usize::MAX));
        src.read_exact_at(&mut buf[..n], at)?;
        sha.update(&buf[..n]);
        out.write_all(&buf[..n])?;
        at += n as u64;
    }
    out.flush()?;
    Ok(sha.finalize().into())
}

#[cfg(test)]
mod tests {
    /// Without the `test-hooks` feature (every build but the tests'), no environment
    /// variable can make an append stop: the hook is not compiled.
    #[cfg(not(feature = "test-hooks"))]
    #[test]
    fn no_crash_hook_without_the_feature() {
        // Whatever CUSTODY_TEST_CRASH_POINT holds, the hook is compiled out.
        for step in ["after-journal", "mid-tail", "after-tail"] {
            assert!(!super::crash_requested(step));
        }
    }

    /// With the feature, the hook reads its variable (as the crash-safety tests need).
    #[cfg(feature = "test-hooks")]
    #[test]
    fn crash_hook_reads_its_variable_with_the_feature() {
        assert_eq!(super::CRASH_ENV, "CUSTODY_TEST_CRASH_POINT");
        assert_eq!(super::PAUSE_ENV, "CUSTODY_TEST_PAUSE_POINT");
    }
}
