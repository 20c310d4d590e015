//! Finishing or undoing an interrupted update ([`recover`]): a journal that matches the
//! bundle in every bound field either is removed (the update completed, or never started) or
//! has its old tail written back (the update was torn), and only what one update adds is
//! ever rolled back.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::journal::{
    JOURNAL_HEADER, Journal, anchor_of, bundle_id_of, file_identity, rolled_back_path, sha256_range, unusable, write_at,
};
use super::lock;
use crate::Error;
use crate::archive::{Archive, FileSource, Source};
use crate::fsutil::{self, parent_dir};
use crate::layout::TAG_MANIFEST_PATH;
use crate::layout::journal_path;

/// What [`recover`] found and did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recovery {
    /// No journal, and the bundle reads as an archive: nothing to do.
    Clean,
    /// An update had completed; its leftover journal was removed.
    Completed,
    /// An update had been interrupted before it changed the bundle; its journal was removed.
    NotStarted,
    /// An update had been interrupted midway; the bundle was restored to its state before
    /// it, and the bytes that were replaced are kept in `kept`: the torn file was the
    /// bundle's first `cut` bytes followed by them.
    RolledBack {
        /// Where the replaced bytes are kept.
        kept: PathBuf,
        /// Where the update began: the bundle's bytes before it were not touched.
        cut: u64,
        /// The events of the bundle as restored (the torn file held the same ones, and at
        /// most the beginning of one more).
        events: usize,
        /// The event the interrupted update was adding, if its files had begun to be written
        /// (else it was adding trusted time to earlier events, or had written too little to tell).
        torn_event: Option<u64>,
    },
}

/// The result of [`recover`]: what was done, and advice for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovered {
    /// What was found and done.
    pub outcome: Recovery,
    /// Set when the journal was written for a file at another place on disk (a copy): the
    /// journal still matched the bundle's content, so it was used.
    pub note: Option<String>,
}

/// Finishes an interrupted update of the bundle at `path`, if its journal matches the file
/// in every bound field; refuses (changing nothing) otherwise. With no journal, checks that
/// the bundle can be read as an archive: a damaged bundle is [`Error::BundleDamaged`].
pub fn recover(path: &Path) -> Result<Recovered, Error> {
    let meta = fs::metadata(path).map_err(Error::io(path))?;
    if meta.is_dir() {
        return Err(Error::BadInput {
            field: "bundle",
            why: format!("{} is a directory, not a bundle file", path.display()),
            remedy: None,
        });
    }
    let recovered = recover_journal(path)?;
    if recovered.outcome == Recovery::Clean {
        let file = File::open(path).map_err(Error::io(path))?;
        let source = FileSource::new(file).map_err(Error::io(path))?;
        if let Err(e) = Archive::open(Box::new(source)) {
            if let crate::archive::ArchiveError::UnsupportedFormat(version) = e {
                return Err(Error::UnsupportedFormat { path: path.into(), version });
            }
            return Err(Error::BundleDamaged { path: path.into(), reason: e.to_string() });
        }
    }
    Ok(recovered)
}

/// The journal part of [`recover`]: finishes or undoes an interrupted update, if there is a
/// matching journal.
pub(super) fn recover_journal(path: &Path) -> Result<Recovered, Error> {
    let Some((j, jf)) = Journal::read(path)? else {
        return Ok(Recovered { outcome: Recovery::Clean, note: None });
    };
    let jp = journal_path(path);
    let file = OpenOptions::new().read(true).write(true).open(path).map_err(Error::io(path))?;
    lock(&file, path)?;
    let _update = fsutil::update_guard();
    let meta = file.metadata().map_err(Error::io(path))?;
    let len = meta.len();
    if len < j.cut || len > j.old_len.max(j.new_len) {
        return Err(unusable(path, &format!("the bundle's size ({len} bytes) is not one this update could leave")));
    }
    if anchor_of(&file, j.cut).map_err(Error::io(path))? != j.anchor_sha256 {
        return Err(unusable(path, "the bundle's bytes before the updated part are not those it was written for"));
    }
    let note = (file_identity(&meta) != (j.dev, j.ino)).then(|| {
        format!(
            "the journal was written for a file at another place on disk (a copy of {}?); its content matched, so it was used",
            path.display()
        )
    });
    let source = FileSource::new(file.try_clone().map_err(Error::io(path))?).map_err(Error::io(path))?;
    let current = Archive::open(Box::new(source));
    let check_id = |id: Option<String>| {
        if id.as_deref() == Some(j.bundle_id().as_str()) {
            Ok(())
        } else {
            Err(unusable(path, &format!("it was written for bundle {}, not this one", j.bundle_id())))
        }
    };
    let tail_is = |to: u64, sha: &[u8; 32]| -> Result<bool, Error> {
        Ok(len == to && sha256_range(&file, j.cut, len).map_err(Error::io(path))? == *sha)
    };
    let (is_new, is_old) = (tail_is(j.new_len, &j.new_tail_sha256)?, tail_is(j.old_len, &j.old_tail_sha256)?);
    let outcome = if is_new || is_old {
        let archive = current.map_err(|e| unusable(path, &format!("the bundle cannot be read ({e})")))?;
        check_id(bundle_id_of(&archive))?;
        if is_new { Recovery::Completed } else { Recovery::NotStarted }
    } else {
        // Torn: neither tail. A genuine interruption leaves bytes the strict reader refuses;
        // a bundle that reads as an archive is never rolled back, whatever the journal says.
        if current.is_ok() {
            return Err(unusable(
                path,
                "the bundle reads as a complete archive, so it is not a torn update and custody will not roll \
                 it back (a journal can be left by another copy of the bundle, or planted)",
            ));
        }
        if !j.old_tail_matches(&jf).map_err(Error::io(&jp))? {
            return Err(unusable(path, "the bytes it keeps do not match their hash (damaged)"));
        }
        let spliced = Spliced {
            file: FileSource::new(file.try_clone().map_err(Error::io(path))?).map_err(Error::io(path))?,
            cut: j.cut,
            journal: FileSource::new(jf.try_clone().map_err(Error::io(&jp))?).map_err(Error::io(&jp))?,
            tail_len: j.tail_len(),
        };
        let before = Archive::open(Box::new(spliced))
            .map_err(|e| unusable(path, &format!("the bundle it would restore cannot be read ({e})")))?;
        // Everything the restored bundle holds but its tag manifest must come from the
        // file's own bytes before the cut, entry after entry; the tag manifest starts at the
        // cut. So the bundle id below is read from the bundle itself, not from the journal.
        check_layout(&before, j.cut).map_err(|why| unusable(path, &why))?;
        check_id(bundle_id_of(&before))?;
        // A rollback may remove only what one interrupted update added.
        let src = FileSource::new(file.try_clone().map_err(Error::io(path))?).map_err(Error::io(path))?;
        // Entry names as written, under the root folder: compared as bag paths (spec §2.5).
        let root = before.root().dir();
        let added: Vec<String> = names_from(&src, j.cut)
            .map_err(Error::io(path))?
            .into_iter()
            .map(|n| n.strip_prefix(root.as_str()).map_or_else(|| n.clone(), str::to_owned))
            .collect();
        let (events, torn_event) = one_update(&before, &added).map_err(|why| unusable(path, &why))?;
        let kept = keep_range(path, &file, j.cut, len)?;
        copy_at(&jf, JOURNAL_HEADER as u64, &file, j.cut, j.tail_len()).map_err(Error::io(path))?;
        file.set_len(j.old_len).map_err(Error::io(path))?;
        file.sync_all().map_err(Error::io(path))?;
        if sha256_range(&file, j.cut, j.old_len).map_err(Error::io(path))? != j.old_tail_sha256 {
            return Err(Error::Update {
                path: path.into(),
                why: format!("restoring the bundle failed; keep the journal and {}", kept.display()),
            });
        }
        fsutil::record_written(path);
        Recovery::RolledBack { kept, cut: j.cut, events, torn_event }
    };
    drop(jf);
    fs::remove_file(&jp).map_err(Error::io(&jp))?;
    fsutil::sync_dir(&parent_dir(path))?;
    Ok(Recovered { outcome, note })
}

/// The bytes of a bundle as they were before an interrupted update: the file up to the cut,
/// then the old tail as the journal keeps it (read from the journal, never held in memory).
struct Spliced {
    file: FileSource,
    cut: u64,
    journal: FileSource,
    tail_len: u64,
}

impl Source for Spliced {
    fn len(&self) -> u64 {
        self.cut + self.tail_len
    }
    fn read_exact_at(&self, buf: &mut [u8], offset: u64) -> io::Result<()> {
        let end =
            offset.checked_add(buf.len() as u64).filter(|&e| e <= self.len()).ok_or(io::ErrorKind::UnexpectedEof)?;
        let split = self.cut.clamp(offset, end);
        let (head, rest) = buf.split_at_mut((split - offset) as usize);
        if !head.is_empty() {
            self.file.read_exact_at(head, offset)?;
        }
        if !rest.is_empty() {
            self.journal.read_exact_at(rest, JOURNAL_HEADER as u64 + (split - self.cut))?;
        }
        Ok(())
    }
}

/// Checks that an archive restored by a rollback takes everything but its tag manifest from
/// the bundle's own bytes before `cut`: its entries lie one after the other from offset 0,
/// and the last, the tag manifest, starts exactly at `cut`. A journal then supplies only the
/// tag manifest and the directory, never an entry (so not the manifest and its bundle id).
fn check_layout<S: Source + ?Sized>(archive: &Archive<S>, cut: u64) -> Result<(), String> {
    let entries = archive.entries();
    let Some(last) = entries.last() else { return Err("the bundle it would restore is empty".into()) };
    let rest = entries.iter().take(entries.len() - 1);
    if last.name != TAG_MANIFEST_PATH || last.header_offset != cut {
        return Err(format!(
            "the bundle it would restore does not end with its tag manifest at byte {cut}, where the update began"
        ));
    }
    let mut at = 0;
    for e in rest {
        if e.header_offset != at {
            return Err(format!("the bundle it would restore does not hold the entries of the file before byte {cut}"));
        }
        at = e.data_offset.saturating_add(e.size);
    }
    if at != cut {
        return Err(format!("the bundle it would restore does not hold the entries of the file before byte {cut}"));
    }
    Ok(())
}

const SIG_LOCAL: u32 = 0x0403_4b50;

/// The names in the local headers that follow one another from `from` in a (torn) bundle:
/// what an interrupted update had written. Stops at the first thing that is not a complete
/// local header.
fn names_from(src: &FileSource, from: u64) -> io::Result<Vec<String>> {
    let len = src.len();
    let mut names = Vec::new();
    let mut at = from;
    loop {
        let mut h = [0u8; 30];
        if at.checked_add(30).is_none_or(|e| e > len) {
            break;
        }
        src.read_exact_at(&mut h, at)?;
        let le16 = |i: usize| u64::from(u16::from_le_bytes([h[i], h[i + 1]]));
        if u32::from_le_bytes([h[0], h[1], h[2], h[3]]) != SIG_LOCAL {
            break;
        }
        let (name_len, extra_len) = (le16(26), le16(28));
        let name_at = at + 30;
        if name_at + name_len + extra_len > len {
            break;
        }
        let mut name = vec![0u8; name_len as usize];
        src.read_exact_at(&mut name, name_at)?;
        names.push(String::from_utf8_lossy(&name).into_owned());
        let mut size = u64::from(u32::from_le_bytes([h[18], h[19], h[20], h[21]]));
        if size == u64::from(u32::MAX) {
            // ZIP64: the sizes are in the extra field (as custody writes it: first and only).
            let mut extra = vec![0u8; extra_len as usize];
            src.read_exact_at(&mut extra, name_at + name_len)?;
            match extra.get(..20) {
                Some(x) if x[..2] == [1, 0] => {
                    size = u64::from_le_bytes(x[12..20].try_into().map_err(|_| io::ErrorKind::InvalidData)?)
                }
                _ => break,
            }
        }
        match (name_at + name_len + extra_len).checked_add(size) {
            Some(next) if next > at => at = next,
            _ => break,
        }
    }
    Ok(names)
}

/// The sequence number of the custody event a tag file belongs to
/// (`custody/events/NNNNNN-TYPE.json`, its `.sig`, its `.sig.tst`), and whether it is a
/// trusted-time token.
fn event_file(name: &str) -> Option<(u64, bool)> {
    let rest = name.strip_prefix(crate::layout::EVENTS_DIR)?;
    let digits = rest.get(..6).filter(|d| d.bytes().all(|b| b.is_ascii_digit()))?;
    rest[6..].starts_with('-').then_some(())?;
    Some((digits.parse().ok()?, name.ends_with(crate::layout::TOKEN_SUFFIX)))
}

/// Checks that the files an interrupted update had written (`added`, after the cut) are
/// what ONE update adds to the restored bundle: the files of its next event (with its
/// token), or tokens of its earlier events, and one tag manifest. A journal of an older
/// state of the bundle would otherwise roll back signed events written since. Returns the
/// restored bundle's event count and the event the update was adding, if any.
fn one_update<S: Source + ?Sized>(before: &Archive<S>, added: &[String]) -> Result<(usize, Option<u64>), String> {
    let docs: Vec<u64> = before
        .entries()
        .iter()
        .filter(|e| e.name.ends_with(crate::layout::EVENT_SUFFIX))
        .filter_map(|e| event_file(e.name))
        .map(|(seq, _)| seq)
        .collect();
    let next = docs.iter().max().map_or(0, |m| m + 1);
    let (mut new_event, mut old_tokens, mut past_next) = (false, false, false);
    let mut after = Vec::new();
    for name in added {
        match event_file(name) {
            Some((seq, true)) if seq < next => old_tokens = true,
            Some((seq, _)) if seq >= next => {
                new_event |= seq == next;
                past_next |= seq > next;
                after.push(seq);
            }
            // A file of an event the restored bundle has, other than a token: written again.
            Some(_) => past_next = true,
            None => {}
        }
    }
    let manifests = added.iter().filter(|n| n.as_str() == TAG_MANIFEST_PATH).count();
    if past_next || manifests > 1 || (new_event && old_tokens) {
        let what = match (after.iter().min(), after.iter().max()) {
            (Some(a), Some(b)) if a < b => format!("events #{a} to #{b}"),
            _ => "the files of more than one update".into(),
        };
        return Err(format!(
            "the journal would restore the bundle as it was with {} event(s), but the file holds {what} written \
             after that state: rolling back would remove more than the one interrupted update, including signed \
             events. The journal is of an older state of the bundle (left by another copy, or planted)",
            docs.len()
        ));
    }
    Ok((docs.len(), new_event.then_some(next)))
}

/// Copies the bytes `[from, to)` of the bundle to a new file beside it, before a rollback
/// replaces them (streamed, never held in memory). Returns its path.
fn keep_range(path: &Path, file: &File, from: u64, to: u64) -> Result<PathBuf, Error> {
    for n in 0.. {
        let kept = rolled_back_path(path, n);
        if kept.symlink_metadata().is_ok() {
            continue;
        }
        let mut tmp = fsutil::temp_beside(&kept)?;
        copy_at(file, from, tmp.as_file(), 0, to - from).map_err(Error::io(path))?;
        tmp.flush().map_err(Error::io(tmp.path()))?;
        match fsutil::persist(tmp, &kept, false) {
            Err(Error::Exists { .. }) if n < 100 => continue,
            r => return r.map(|()| kept),
        }
    }
    Err(Error::Update { path: path.into(), why: "no free name to keep the bytes a rollback replaces".into() })
}

/// Copies `len` bytes of `src` at `from` to `dst` at `to`, in pieces.
fn copy_at(src: &File, from: u64, dst: &File, to: u64, len: u64) -> io::Result<()> {
    let src = FileSource::new(src.try_clone()?)?;
    let mut buf = vec![0u8; 1 << 16];
    let mut done = 0;
    while done < len {
        let n = buf.len().min((len - done) as usize);
        src.read_exact_at(&mut buf[..n], from + done)?;
        write_at(dst, &buf[..n], to + done)?;
        done += n as u64;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::ArchiveWriter;
    use crate::layout::MANIFEST_PATH;
    use crate::time::Timestamp;

    #[test]
    fn spliced_reads_cross_the_cut() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        fs::write(&p, b"0123456789XXXX").unwrap();
        let jp = dir.path().join("j");
        fs::write(&jp, [vec![b'h'; JOURNAL_HEADER], b"abc".to_vec()].concat()).unwrap();
        let s = Spliced {
            file: FileSource::new(File::open(&p).unwrap()).unwrap(),
            cut: 10,
            journal: FileSource::new(File::open(&jp).unwrap()).unwrap(),
            tail_len: 3,
        };
        assert_eq!(s.len(), 13);
        let mut b = [0u8; 6];
        s.read_exact_at(&mut b, 7).unwrap();
        assert_eq!(&b, b"789abc");
        assert!(s.read_exact_at(&mut b, 8).is_err());
    }

    fn header(old_len: u64, cut: u64) -> Vec<u8> {
        let j = Journal {
            bundle_id: *b"0123456789abcdef0123456789abcdef",
            old_len,
            cut,
            new_len: cut,
            anchor_sha256: [0; 32],
            old_tail_sha256: [0; 32],
            new_tail_sha256: [0; 32],
            dev: 0,
            ino: 0,
        };
        j.encode_header()
    }

    #[test]
    fn a_journal_header_is_checked_before_its_tail_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("b.zip");
        fs::write(&p, b"bundle").unwrap();
        // Claims a tail far over the cap: refused from the header alone.
        fs::write(journal_path(&p), header(1 << 40, 0)).unwrap();
        let e = recover(&p).unwrap_err().to_string();
        assert!(e.contains("damaged or was not written by this version"), "{e}");
        // Claims 100 bytes of tail but holds 10: refused before reading them.
        let mut short = header(100, 0);
        short.extend_from_slice(&[0u8; 10]);
        fs::write(journal_path(&p), short).unwrap();
        let e = recover(&p).unwrap_err().to_string();
        assert!(e.contains("its size does not match"), "{e}");
        // An old-format journal is not used either.
        fs::write(journal_path(&p), [b"custody-journal1".as_slice(), &[0u8; 200]].concat()).unwrap();
        assert!(matches!(recover(&p), Err(Error::UnusableJournal { .. })));
        assert_eq!(fs::read(&p).unwrap(), b"bundle");
    }

    #[test]
    fn a_journal_is_checked_against_the_bundle_before_its_tail_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("b.zip");
        fs::write(&p, b"bundle").unwrap();
        // A journal claiming 256 MiB of old tail (sparse) whose anchor does not match: it is
        // refused for its anchor, before a byte of its tail is read or hashed.
        let f = File::create(journal_path(&p)).unwrap();
        let mut h = header(1 << 28, 0);
        h[72..104].fill(0xAA);
        std::io::Write::write_all(&mut &f, &h).unwrap();
        f.set_len(JOURNAL_HEADER as u64 + (1 << 28)).unwrap();
        let start = std::time::Instant::now();
        let e = recover(&p).unwrap_err().to_string();
        assert!(e.contains("bytes before the updated part are not those"), "{e}");
        assert!(start.elapsed() < std::time::Duration::from_secs(2), "{:?}", start.elapsed());
        assert_eq!(fs::read(&p).unwrap(), b"bundle");
    }

    #[test]
    fn a_second_rollback_keeps_its_bytes_beside_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("b.zip");
        fs::write(&p, b"0123456789").unwrap();
        let file = File::open(&p).unwrap();
        let first = keep_range(&p, &file, 4, 10).unwrap();
        let second = keep_range(&p, &file, 2, 10).unwrap();
        assert_ne!(first, second);
        assert_eq!(fs::read(&first).unwrap(), b"456789");
        assert_eq!(fs::read(&second).unwrap(), b"23456789");
    }

    #[test]
    fn a_rollback_may_remove_only_what_one_update_adds() {
        let root = crate::archive::Root::bundle("00112233445566778899aabbccddeeff").unwrap();
        let mut w = ArchiveWriter::new(io::Cursor::new(Vec::new()), &root);
        let t = Timestamp::now().as_datetime();
        for name in [MANIFEST_PATH, "custody/events/000000-seal.json", "custody/events/000000-seal.json.sig"] {
            w.add_bytes(name, t, b"x").unwrap();
        }
        w.add_bytes(TAG_MANIFEST_PATH, t, b"x").unwrap();
        let before = Archive::open(Box::new(w.finish().unwrap().into_inner())).unwrap();
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let ev1 = "custody/events/000001-transfer.json";
        let key = "custody/keys/ab.pem";
        // The next event, with its token, its key and the new tag manifest.
        let next = names(&[key, ev1, &format!("{ev1}.sig"), &format!("{ev1}.sig.tst"), TAG_MANIFEST_PATH]);
        assert_eq!(one_update(&before, &next), Ok((1, Some(1))));
        // Trusted time for an earlier event (`custody timestamp`), or too little to tell.
        assert_eq!(one_update(&before, &names(&["custody/events/000000-seal.json.sig.tst"])), Ok((1, None)));
        assert_eq!(one_update(&before, &[]), Ok((1, None)));
        // More than one update: a later event, an event and earlier tokens, two tag
        // manifests, an event of the restored state written again.
        let two = names(&[ev1, TAG_MANIFEST_PATH, "custody/events/000002-receipt.json"]);
        assert!(one_update(&before, &two).unwrap_err().contains("events #1 to #2"));
        assert!(one_update(&before, &names(&["custody/events/000000-seal.json.sig.tst", ev1])).is_err());
        assert!(one_update(&before, &names(&[TAG_MANIFEST_PATH, key, TAG_MANIFEST_PATH])).is_err());
        assert!(one_update(&before, &names(&["custody/events/000000-seal.json"])).is_err());
    }

    #[test]
    fn event_files_are_told_by_their_sequence() {
        assert_eq!(event_file("custody/events/000003-transfer.json"), Some((3, false)));
        assert_eq!(event_file("custody/events/000003-transfer.json.sig.tst"), Some((3, true)));
        assert_eq!(event_file("custody/events/00003-transfer.json"), None);
        assert_eq!(event_file("custody/keys/000003-x.pem"), None);
        assert_eq!(event_file("custody/events/00000é-x.json"), None);
    }

    #[test]
    fn damaged_journal_is_refused_not_applied() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("b.zip");
        fs::write(&p, b"bundle").unwrap();
        fs::write(journal_path(&p), b"custody-journal2 truncated").unwrap();
        assert!(matches!(recover(&p), Err(Error::UnusableJournal { .. })));
        assert_eq!(fs::read(&p).unwrap(), b"bundle");
    }
}
