//! Unit tests of extraction: swapped files, rewritten manifests, read errors, damaged
//! payloads, interrupted and concurrent extractions.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::plan::plan;
use super::writer::Writer;
use super::*;
use crate::archive::{Archive, ArchiveError};
use crate::casefile::CaseInput;
use crate::keys::{Identity, KeyPair, Role};
use crate::layout::MANIFEST_PATH;
use crate::seal::{ItemInput, SealOptions, seal};

/// Seals a folder holding `evidence.txt` with `content` into `dir/name`.
fn sealed(dir: &Path, name: &str, content: &[u8]) -> PathBuf {
    let key = KeyPair::from_seed(
        [7; 32],
        Identity {
            name: "Alice Wang".into(),
            organisation: "City Police".into(),
            role: Role::Investigator,
            jurisdiction: "CN".into(),
        },
    );
    let input = dir.join(format!("{name}.d")).join("in");
    fs::create_dir_all(&input).unwrap();
    fs::write(input.join("evidence.txt"), content).unwrap();
    fs::write(input.join("big.bin"), vec![content[0]; 3 << 20]).unwrap();
    let out = dir.join(name);
    let opts = SealOptions::default()
        .with_case(CaseInput::new("X-1"))
        .with_item(ItemInput::bare(input))
        .with_import(false)
        .with_jobs(1);
    seal(&key, &out, &opts).unwrap();
    out
}

/// Every path under `dir`, relative.
fn tree(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            out.push(p.strip_prefix(dir).unwrap().to_string_lossy().into_owned());
            if p.is_dir() {
                todo.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn swapping_the_bundle_path_during_extract_never_writes_unverified_content() {
    let dir = tempfile::tempdir().unwrap();
    let good = sealed(dir.path(), "good.zip", b"what was verified");
    let other = sealed(dir.path(), "other.zip", b"SWAPPED IN LATER");
    let id = |p: &Path| verify::verify_path(p, &VerifyOptions::default()).unwrap().bundle_id;
    let good_id = id(&good);
    let out = dir.path().join("out");
    for jobs in [1, 3] {
        let swapped = dir.path().join(format!("swap{jobs}.zip"));
        fs::copy(&good, &swapped).unwrap();
        let spare = dir.path().join("spare.zip");
        fs::copy(&other, &spare).unwrap();
        // Another valid bundle replaces the path while the first is being verified.
        let x = extract_with(
            &swapped,
            &out,
            &ExtractOptions::default().with_jobs(jobs),
            &|| fs::rename(&spare, &swapped).unwrap(),
            &|| {},
        )
        .unwrap();
        assert_eq!(x.report.state, State::Intact);
        assert_eq!(x.report.bundle_id, good_id);
        let written = fs::read(out.join("item-1/in/evidence.txt")).unwrap();
        assert_eq!(written, b"what was verified", "the bytes verified, not the swapped file's");
        assert_eq!(fs::read(out.join("item-1/in/big.bin")).unwrap(), vec![b'w'; 3 << 20]);
        let report: serde_json::Value = serde_json::from_slice(&fs::read(out.join(REPORT_NAME)).unwrap()).unwrap();
        assert_eq!(report["bundle_id"].as_str(), good_id.as_deref());
        assert_eq!(
            tree(&out),
            ["custody-verify-report.json", "item-1", "item-1/in", "item-1/in/big.bin", "item-1/in/evidence.txt"]
        );
        fs::remove_dir_all(&out).unwrap();
    }
}

/// `bytes` with its `len` bytes at `at` replaced by letters from `@A..O` chosen so that the
/// CRC-32 stays that of the original: a same-length, CRC-forged rewrite.
fn crc_forged(bytes: &[u8], at: usize, len: usize) -> Vec<u8> {
    let want = crc32fast::hash(bytes);
    let mut base = bytes.to_vec();
    base[at..at + len].fill(b'@');
    let base_crc = crc32fast::hash(&base);
    // CRC-32 is affine: flipping bit i changes the CRC by a fixed vector. Solve over GF(2).
    let mut rows: Vec<(u32, u64)> = Vec::new();
    for i in 0..len * 4 {
        let mut v = base.clone();
        v[at + i / 4] ^= 1 << (i % 4);
        rows.push((crc32fast::hash(&v) ^ base_crc, 1u64 << i));
    }
    let mut basis: Vec<(u32, u64)> = Vec::new();
    for (mut v, mut m) in rows {
        for (bv, bm) in &basis {
            if v ^ bv < v {
                v ^= bv;
                m ^= bm;
            }
        }
        if v != 0 {
            basis.push((v, m));
            basis.sort_by_key(|b| std::cmp::Reverse(b.0));
        }
    }
    let (mut target, mut mask) = (want ^ base_crc, 0u64);
    for (bv, bm) in &basis {
        if target ^ bv < target {
            target ^= bv;
            mask ^= bm;
        }
    }
    assert_eq!(target, 0, "no solution");
    for i in 0..len * 4 {
        if mask >> i & 1 == 1 {
            base[at + i / 4] ^= 1 << (i % 4);
        }
    }
    assert_eq!(crc32fast::hash(&base), want);
    base
}

/// Rewrites `len` bytes of `file` at `at` in place (the same file, not a new one).
fn rewrite_in_place(file: &Path, at: u64, data: &[u8]) {
    use std::os::unix::fs::FileExt;
    File::options().write(true).open(file).unwrap().write_all_at(data, at).unwrap();
}

#[test]
fn a_manifest_rewritten_during_extract_is_refused_not_used_for_names() {
    let dir = tempfile::tempdir().unwrap();
    let good = sealed(dir.path(), "good.zip", b"evidence");
    let signed = fs::read(&good).unwrap();
    let a = Archive::open(Box::new(signed.clone())).unwrap();
    let m = a.entry(MANIFEST_PATH).unwrap();
    let (start, size) = (m.data_offset as usize, m.size as usize);
    let manifest = signed[start..start + size].to_vec();
    let name = b"\"in/evidence.txt\"";
    let at = manifest.windows(name.len()).position(|w| w == name).unwrap() + 1;
    // 1. Same length, same CRC, other names: plan() reads the forgery, verification the
    //    signed manifest put back meanwhile. 2. A manifest whose read fails in plan() (CRC
    //    error), put right before verification: the bundle's own paths must not be used.
    let forged = crc_forged(&manifest, at, name.len() - 2);
    let mut damaged = manifest.clone();
    damaged[at] ^= 0x20;
    for (case, first) in [("forged", forged), ("damaged", damaged)] {
        let bundle = dir.path().join(format!("{case}.zip"));
        let mut bytes = signed.clone();
        bytes[start..start + size].copy_from_slice(&first);
        fs::write(&bundle, &bytes).unwrap();
        let out = dir.path().join(format!("out-{case}"));
        let restore = || rewrite_in_place(&bundle, start as u64, &manifest);
        let e = extract_with(&bundle, &out, &ExtractOptions::default(), &|| {}, &restore).unwrap_err();
        assert!(
            matches!(&e, Error::Invalid { checks, remedy: Remedy::StopWritersAndRetry, .. } if checks == &[MANIFEST_CHANGED]),
            "{case}: {e}"
        );
        assert!(e.to_string().contains("changed while it was being extracted"), "{e}");
        assert!(!out.exists(), "{case}: nothing written");
        // The bundle as it now is (the signed manifest) extracts normally.
        assert_eq!(verify::verify_path(&bundle, &VerifyOptions::default()).unwrap().state, State::Intact);
        extract(&bundle, &out, &ExtractOptions::default()).unwrap();
        assert!(out.join("item-1/in/evidence.txt").exists());
    }
}

#[test]
fn a_file_that_is_no_archive_says_force_cannot_help_when_force_was_given() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.zip");
    fs::write(&junk, b"not a zip at all").unwrap();
    for force in [false, true] {
        let out = dir.path().join("out");
        let e = extract(&junk, &out, &ExtractOptions::default().with_force(force)).unwrap_err();
        let text = e.to_string();
        assert!(matches!(e, Error::Invalid { remedy: Remedy::FreshCopy { forced }, .. } if forced == force), "{text}");
        assert!(text.contains("cannot be read as an archive"), "{text}");
        assert!(!text.contains("or extract it forced"), "never suggests forcing when it cannot help: {text}");
        assert_eq!(text.contains("even when forced"), force, "{text}");
        assert!(!out.exists());
    }
    // A bundle that opens but fails verification still offers --force.
    let good = sealed(dir.path(), "good.zip", b"evidence");
    let mut bytes = fs::read(&good).unwrap();
    let a = Archive::open(Box::new(bytes.clone())).unwrap();
    bytes[a.entry("data/item-1/in/evidence.txt").unwrap().data_offset as usize] ^= 1;
    fs::write(&good, bytes).unwrap();
    let e = extract(&good, &dir.path().join("o2"), &ExtractOptions::default()).unwrap_err();
    assert!(matches!(e, Error::Invalid { remedy: Remedy::ExamineOrForce, .. }), "{e}");
    assert!(e.to_string().contains("extract it forced (ExtractOptions::force) for examination"), "{e}");
}

#[test]
fn a_read_error_while_writing_leaves_no_partial_file_to_collide_with() {
    let dir = tempfile::tempdir().unwrap();
    let good = sealed(dir.path(), "good.zip", b"evidence");
    let a = Archive::open(Box::new(fs::read(&good).unwrap())).unwrap();
    let entry = a.entry("data/item-1/in/big.bin").unwrap();
    let plan = plan(&a, false).unwrap();
    let staging = dir.path().join("staging");
    fs::create_dir(&staging).unwrap();
    let writer = Writer::new(staging.clone(), Arc::new(plan));
    let p = writer.plan.find("data/item-1/in/big.bin").unwrap();
    // Verification's read fails midway (an I/O error), after some bytes were written.
    let e = writer
        .write(&entry, p, &mut |w| {
            w.write_all(&[1; 1000]).unwrap();
            Err(ArchiveError::Io(std::io::Error::other("read error")))
        })
        .unwrap_err();
    assert!(e.to_string().contains("read error"), "{e}");
    assert!(!p.1.target(&staging).exists(), "no partial, unverified file stays staged");
    // The later copy (with --force) is not refused with "File exists".
    writer.write(&entry, p, &mut |w| a.hash_entry(entry, w)).unwrap();
    assert!(!writer.has_failed(), "{:?}", writer.failed.lock().unwrap());
    assert_eq!(fs::read(p.1.target(&staging)).unwrap(), vec![b'e'; 3 << 20]);
    assert_eq!(writer.written.lock().unwrap()[p.0], Written::Whole, "recorded as written");
}

#[test]
fn a_damaged_payload_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let good = sealed(dir.path(), "good.zip", b"evidence");
    let mut bytes = fs::read(&good).unwrap();
    let a = Archive::open(Box::new(bytes.clone())).unwrap();
    // The small file is damaged; the large one is written (and must be removed again).
    let at = a.entry("data/item-1/in/evidence.txt").unwrap().data_offset as usize;
    bytes[at] ^= 1;
    let bad = dir.path().join("bad.zip");
    fs::write(&bad, bytes).unwrap();
    let before = tree(dir.path());
    for jobs in [1, 2] {
        let out = dir.path().join("out");
        let e = extract(&bad, &out, &ExtractOptions::default().with_jobs(jobs)).unwrap_err();
        assert!(
            matches!(&e, Error::Invalid { checks, .. } if checks.iter().any(|f| f == "payload.hash_mismatch")),
            "{e}"
        );
        assert!(!out.exists(), "no output directory");
        assert_eq!(tree(dir.path()), before, "nothing left behind, no temporary files");
    }
    // With force: extracted for examination, marked, and the damage named.
    let out = dir.path().join("forced");
    let x = extract(&bad, &out, &ExtractOptions::default().with_force(true)).unwrap();
    assert_eq!(x.report.state, State::Invalid);
    assert_eq!(x.mismatched, ["data/item-1/in/evidence.txt"]);
    assert!(fs::read_to_string(out.join(INVALID_MARKER)).unwrap().contains("data/item-1/in/evidence.txt"));
    assert!(!out.join(STAGING).exists());
}

#[test]
fn an_extraction_in_progress_is_marked_incomplete_until_it_is_done() {
    let dir = tempfile::tempdir().unwrap();
    let good = sealed(dir.path(), "good.zip", b"evidence");
    let out = dir.path().join("out");
    let seen = Mutex::new(String::new());
    let look = || *seen.lock().unwrap() = fs::read_to_string(out.join(INCOMPLETE_MARKER)).unwrap_or_default();
    extract_with(&good, &out, &ExtractOptions::default(), &|| {}, &look).unwrap();
    let text = seen.lock().unwrap().clone();
    assert!(text.contains("INTERRUPTED EXTRACTION") && text.contains("Delete this folder"), "{text:?}");
    assert!(!out.join(INCOMPLETE_MARKER).exists(), "removed once complete");
    assert!(out.join("item-1/in/evidence.txt").exists());
}

#[cfg(unix)]
#[test]
fn the_output_folder_is_private_to_its_owner() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let good = sealed(dir.path(), "good.zip", b"evidence");
    let out = dir.path().join("out");
    let mode = Mutex::new(0);
    let look = || *mode.lock().unwrap() = fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    extract_with(&good, &out, &ExtractOptions::default(), &|| {}, &look).unwrap();
    assert_eq!(*mode.lock().unwrap(), 0o700, "private while it is being written");
    assert_eq!(fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o700, "and once done");
}

#[test]
fn an_output_directory_created_meanwhile_is_never_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let good = sealed(dir.path(), "good.zip", b"evidence");
    let out = dir.path().join("out");
    let e =
        extract_with(&good, &out, &ExtractOptions::default(), &|| fs::create_dir(&out).unwrap(), &|| {}).unwrap_err();
    assert!(matches!(e, Error::Exists { .. }), "{e}");
    assert!(tree(&out).is_empty(), "the directory someone else made is left as it was");
}

#[test]
fn names_extract_uses_itself_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let good = sealed(dir.path(), "good.zip", b"evidence");
    let a = Archive::open(Box::new(fs::read(&good).unwrap())).unwrap();
    assert!(plan(&a, false).is_ok_and(|p| p.from_manifest));
    let mut entries = crate::archive::read_archive(fs::read(&good).unwrap()).unwrap();
    entries.retain(|(n, _)| n.starts_with("data/"));
    entries.push(("data/Custody-Verify-Report.json/x".into(), b"x".to_vec()));
    let bytes = crate::archive::testing::write_archive(&entries, chrono::Utc::now()).unwrap();
    let a = Archive::open(Box::new(bytes)).unwrap();
    let e = plan(&a, false).err().unwrap();
    assert!(e.to_string().contains("its own files"), "{e}");
}

#[test]
fn the_plan_holds_only_for_the_manifest_it_came_from() {
    let dir = tempfile::tempdir().unwrap();
    let good = sealed(dir.path(), "good.zip", b"evidence");
    let a = Archive::open(Box::new(fs::read(&good).unwrap())).unwrap();
    let p = plan(&a, false).unwrap();
    let paths: Vec<&str> = p.files().map(|f| f.path).collect();
    assert_eq!(paths, ["data/item-1/in/big.bin", "data/item-1/in/evidence.txt"], "in path order");
    let bytes = a.read_entry(a.entry(MANIFEST_PATH).unwrap(), u64::MAX).unwrap();
    let m: crate::manifest::Manifest = crate::document::parse_document(&bytes).unwrap();
    assert!(p.same_as(Some(&m)));
    assert!(!p.same_as(None), "no manifest, no plan to hold");
    let change = |f: &dyn Fn(&mut crate::manifest::FileRecord)| {
        let mut changed = m.clone();
        let mut records = changed.items[0].files.to_records();
        f(&mut records[1]);
        changed.items[0].files = crate::manifest::Files::from_records(records).unwrap();
        p.same_as(Some(&changed))
    };
    assert!(!change(&|f| f.original_name = "in/other.txt".into()), "another name");
    assert!(!change(&|f| f.sha256 = crate::digest::Sha256Digest::of(b"x")), "another digest");
    assert!(!change(&|f| f.modified = None), "another time");
    assert!(!change(&|f| f.path = "data/item-1/in/other.txt".into()), "another file");
    let mut fewer = m.clone();
    let mut records = fewer.items[0].files.to_records();
    records.pop();
    fewer.items[0].files = crate::manifest::Files::from_records(records).unwrap();
    assert!(!p.same_as(Some(&fewer)), "a file fewer");
}

#[test]
fn an_extraction_writes_every_file_with_its_name_bytes_and_time() {
    let dir = tempfile::tempdir().unwrap();
    let good = sealed(dir.path(), "good.zip", b"evidence");
    let out = dir.path().join("out");
    let done = extract(&good, &out, &ExtractOptions::default()).unwrap();
    assert_eq!((done.files, done.report.state), (2, State::Intact));
    assert_eq!(
        tree(&out),
        ["custody-verify-report.json", "item-1", "item-1/in", "item-1/in/big.bin", "item-1/in/evidence.txt"]
    );
    assert_eq!(fs::read(out.join("item-1/in/evidence.txt")).unwrap(), b"evidence");
    let sealed_time = fs::metadata(dir.path().join("good.zip.d/in/evidence.txt")).unwrap().modified().unwrap();
    let written_time = fs::metadata(out.join("item-1/in/evidence.txt")).unwrap().modified().unwrap();
    let secs = |t: std::time::SystemTime| t.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    assert_eq!(secs(written_time), secs(sealed_time), "the original modification time, to the second");
}

/// The file-by-file sync (other systems, FUSE, old kernels) walks any depth without holding
/// a folder open per level: 300 nested folders (a bundle may hold them within its name
/// limit) are more handles than macOS allows by default.
#[test]
fn the_fallback_sync_walks_deep_trees() {
    let root = tempfile::tempdir().unwrap();
    let mut dir = root.path().to_path_buf();
    for i in 0..300 {
        dir = dir.join(format!("d{i}"));
    }
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("file.txt"), b"x").unwrap();
    std::fs::write(root.path().join("top.txt"), b"y").unwrap();
    super::writer::sync_tree(root.path()).unwrap();
    // A file that vanishes under it is an error, not a silent success.
    let gone = root.path().join("gone");
    std::fs::create_dir(&gone).unwrap();
    assert!(super::writer::sync_tree(&gone.join("nothing")).is_err());
}

#[test]
fn every_name_seal_accepts_is_extracted_as_is_or_mapped_when_portable() {
    // A name with a text-direction character: seal accepts it; extract refused it, even
    // with --force.
    let dir = tempfile::tempdir().unwrap();
    let key = KeyPair::from_seed(
        [7; 32],
        Identity {
            name: "Alice Wang".into(),
            organisation: "City Police".into(),
            role: Role::Investigator,
            jurisdiction: "CN".into(),
        },
    );
    let input = dir.path().join("in");
    fs::create_dir_all(&input).unwrap();
    let odd = "photo\u{202e}gpj.exe";
    fs::write(input.join(odd), b"evidence").unwrap();
    fs::write(input.join("plain.txt"), b"plain").unwrap();
    let bundle = dir.path().join("b.zip");
    let opts = SealOptions::default()
        .with_case(CaseInput::new("X-1"))
        .with_item(ItemInput::bare(input))
        .with_import(false)
        .with_jobs(1);
    seal(&key, &bundle, &opts).unwrap();

    let out = dir.path().join("as-is");
    let x = extract(&bundle, &out, &ExtractOptions::default().with_jobs(1)).unwrap();
    assert_eq!(fs::read(out.join("item-1/in").join(odd)).unwrap(), b"evidence", "written as it is");
    assert!(x.renamed.is_empty());
    assert_eq!(x.direction_names, 1, "said, as it shows out of order");
    assert!(!out.join(RENAMED_NAME).exists());

    let out = dir.path().join("portable");
    let x = extract(&bundle, &out, &ExtractOptions::default().with_jobs(1).with_portable(true)).unwrap();
    assert_eq!(fs::read(out.join("item-1/in/photoU+202Egpj.exe")).unwrap(), b"evidence");
    assert_eq!(fs::read(out.join("item-1/in/plain.txt")).unwrap(), b"plain", "portable names unchanged");
    assert_eq!(x.renamed, [(format!("item-1/in/{odd}"), "item-1/in/photoU+202Egpj.exe".to_string())]);
    assert_eq!(x.direction_names, 0);
    let record = fs::read_to_string(out.join(RENAMED_NAME)).unwrap();
    assert!(record.contains("item-1/in/photo\\u{202e}gpj.exe\n  -> item-1/in/photoU+202Egpj.exe"), "{record}");
}

#[test]
fn portable_names_are_safe_everywhere_and_only_escapes_are_refused() {
    use super::plan::{check_component, portable_component};
    for (name, want) in [
        ("a:b", Some("aU+003Ab")),
        ("what?.txt", Some("whatU+003F.txt")),
        ("CON", Some("_CON")),
        ("nul.txt", Some("_nul.txt")),
        ("end.", Some("end._")),
        ("x\u{202e}y", Some("xU+202Ey")),
        ("fine.txt", None),
    ] {
        assert_eq!(portable_component(name).as_deref(), want, "{name}");
        if let Some(w) = want {
            assert!(crate::archive::check_name(w).is_ok(), "{w}");
        }
    }
    for escape in ["..", ".", "", "a/b"] {
        assert!(check_component(escape).is_err(), "{escape:?}");
    }
    assert!(check_component("x\u{202e}y").is_ok(), "seal accepts it: extract writes it");
}

#[test]
fn portable_names_are_one_to_one_and_fit_file_systems() {
    use super::plan::portable_component;
    // A text-direction character and its escape's text, as sealed: two names, two files.
    let a = portable_component("a\u{202e}b").unwrap();
    let b = portable_component("aU+202Eb").unwrap();
    assert_eq!((a.as_str(), b.as_str()), ("aU+202Eb", "aU+0055+202Eb"));
    assert_eq!(portable_component("au+x").as_deref(), Some("aU+0075+x"));
    assert_eq!(portable_component("U2+"), None, "only a U right before + is escaped");
    // A mapped name over 255 bytes: shortened, with a hash of the sealed name, extension kept.
    let long = format!("{}\u{202e}.pdf", "é".repeat(126));
    let p = portable_component(&long).unwrap();
    assert!(p.len() <= 255 && p.ends_with(".pdf") && p.contains('~'), "{p} ({})", p.len());
    let other = portable_component(&format!("{}\u{202e}x.pdf", "é".repeat(126))).unwrap();
    assert_ne!(p, other);
}

/// Issue #22 (review): each planned file's record comes from one walk of the manifest's files
/// in path order beside the plan's, not a search of every item per file. Over many one-file
/// items (listed out of path order), every file gets its own item's record, no record is read
/// twice (a search per file would read about n²/2), and a path the manifest lacks is not
/// given another's record.
#[test]
fn each_planned_file_gets_its_own_items_record_in_one_walk() {
    use crate::digest::Sha256Digest;
    use crate::manifest::FileRecord;
    use crate::manifest::files::{Files, merged_by_path};
    let n = 3000;
    let path_of = |k: usize| format!("data/item-{k}/f.bin");
    let digest_of = |k: usize| Sha256Digest::of(format!("item {k}").as_bytes());
    let items: Vec<Files> = (0..n)
        .map(|i| (i * 7919) % n)
        .map(|k| {
            let record = FileRecord {
                path: path_of(k),
                original_name: "f.bin".into(),
                size: k as u64,
                media_type: "application/octet-stream".into(),
                sha256: digest_of(k),
                modified: None,
                role: None,
            };
            Files::from_records([record]).unwrap()
        })
        .collect();
    // The plan's paths: in path order, with some the manifest does not describe.
    let mut asked: Vec<(String, Option<usize>)> = (0..n).map(|k| (path_of(k), Some(k))).collect();
    asked.extend((0..n).step_by(97).map(|k| (format!("data/item-{k}/g.bin"), None)));
    asked.push(("data/item-0/a.bin".into(), None));
    asked.sort();
    let read = std::cell::Cell::new(0usize);
    let mut records = InPathOrder::new(merged_by_path(&items).inspect(|_| read.set(read.get() + 1)));
    for (path, own) in &asked {
        let got = records.record_of(path);
        assert_eq!(got.map(|f| f.path), own.map(|_| path.as_str()), "{path}");
        assert_eq!(got.map(|f| *f.sha256), own.map(digest_of), "{path}: its own item's digest");
        assert_eq!(got.map(|f| f.size), own.map(|k| k as u64), "{path}");
    }
    assert!(read.get() <= n, "{} records read for {n} files", read.get());
    // A path before the last one asked is not found again: the walk goes forward only.
    assert!(records.record_of(&path_of(0)).is_none());
}

/// A payload file rewritten with its CRC kept (so the archive reader finds nothing wrong and
/// the writer keeps the file whole) is still named as differing from the manifest when the
/// invalid bundle is extracted with force: the written file is read back and its SHA-256
/// compared with the manifest's. The untouched file is not named.
#[test]
fn a_forced_extraction_names_a_crc_forged_payload_file_as_mismatched() {
    let dir = tempfile::tempdir().unwrap();
    let content = b"evidence captured on the 20th, exactly as sealed";
    let good = sealed(dir.path(), "good.zip", content);
    let mut bytes = fs::read(&good).unwrap();
    let a = Archive::open(Box::new(bytes.clone())).unwrap();
    let e = a.entry("data/item-1/in/evidence.txt").unwrap();
    assert_eq!(e.size, content.len() as u64, "stored as it is");
    let at = e.data_offset as usize;
    let forged = crc_forged(content, 0, 16);
    assert_ne!(&forged[..], &content[..]);
    bytes[at..at + content.len()].copy_from_slice(&forged);
    let bad = dir.path().join("forged.zip");
    fs::write(&bad, bytes).unwrap();
    let e = extract(&bad, &dir.path().join("out"), &ExtractOptions::default()).unwrap_err();
    assert!(matches!(&e, Error::Invalid { checks, .. } if checks.iter().any(|f| f == "payload.hash_mismatch")), "{e}");
    assert!(!dir.path().join("out").exists());
    let out = dir.path().join("forced");
    let x = extract(&bad, &out, &ExtractOptions::default().with_force(true)).unwrap();
    assert_eq!(x.report.state, State::Invalid);
    assert_eq!(x.mismatched, ["data/item-1/in/evidence.txt"]);
    assert_eq!(fs::read(out.join("item-1/in/evidence.txt")).unwrap(), forged, "the bundle's bytes, for examination");
    assert_eq!(fs::read(out.join("item-1/in/big.bin")).unwrap(), vec![content[0]; 3 << 20]);
    let marker = fs::read_to_string(out.join(INVALID_MARKER)).unwrap();
    assert!(marker.contains("content differs from the manifest: data/item-1/in/evidence.txt"), "{marker}");
    assert!(!marker.contains("content differs from the manifest: data/item-1/in/big.bin"), "{marker}");
}
