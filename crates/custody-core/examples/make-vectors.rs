//! Regenerates the test vectors in `tests/vectors/` (or the directory given as the first
//! argument). Deterministic: fixed keys (derived from public seeds, so NOT secret), a fixed
//! seal time and bundle id, fixed file contents and modification times. Running it twice
//! gives identical bytes; `tests/vectors.rs` checks that the checked-in vectors match.
//!
//!     cargo run -p custody-core --example make-vectors

use std::fs;
use std::path::{Path, PathBuf};

use custody_core::archive::{read_archive, write_archive};
use custody_core::manifest::Capture;
use custody_core::seal::{ItemInput, SealOptions, seal};
use custody_core::verify::{VerifyOptions, verify_path};
use custody_core::{Identity, KeyPair, Role, Sha256Digest, Timestamp, trust};
use serde_json::{Value, json};

type Entries = Vec<(String, Vec<u8>)>;
/// A negative vector: name, description, and the edit that makes it.
type Edit = (&'static str, &'static str, Box<dyn Fn(&mut Entries)>);

fn key(seed_label: &str, name: &str, org: &str, role: Role, jurisdiction: &str) -> KeyPair {
    let seed = Sha256Digest::of(format!("custody test vector key: {seed_label}").as_bytes()).0;
    KeyPair::from_seed(
        seed,
        Identity { name: name.into(), organisation: org.into(), role, jurisdiction: jurisdiction.into() },
    )
}

fn ts(s: &str) -> Timestamp {
    s.parse().expect("fixed time")
}

fn write_input(dir: &Path, rel: &str, data: &[u8], mtime: &str) {
    let p = dir.join(rel);
    fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    fs::write(&p, data).expect("write input");
    let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(ts(mtime).unix() as u64);
    fs::File::options().write(true).open(&p).and_then(|f| f.set_modified(t)).expect("set mtime");
}

fn get<'a>(e: &'a mut Entries, name: &str) -> &'a mut Vec<u8> {
    &mut e.iter_mut().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no entry {name}")).1
}

fn refresh_tagmanifest(e: &mut Entries) {
    let mut lines: Vec<String> = e
        .iter()
        .filter(|(n, _)| !n.starts_with("data/") && n != "tagmanifest-sha256.txt")
        .map(|(n, d)| format!("{}  {n}\n", Sha256Digest::of(d)))
        .collect();
    lines.sort_by(|a, b| a[66..].cmp(&b[66..]));
    *get(e, "tagmanifest-sha256.txt") = lines.concat().into_bytes();
}

fn main() {
    let out = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors"));
    generate(&out);
    println!("wrote test vectors to {}", out.display());
}

/// Writes every vector into `out`.
pub fn generate(out: &Path) {
    fs::create_dir_all(out.join("keys")).expect("mkdir");
    let alice = key("alice", "Alice Wang", "City Police, Cyber Unit", Role::Investigator, "CN");
    let mallory = key("mallory", "Mallory", "Unknown", Role::Other, "US");
    for (name, k) in [("alice", &alice), ("mallory", &mallory)] {
        fs::write(out.join(format!("keys/{name}.key")), k.private_key_file()).expect("write key");
        fs::write(out.join(format!("keys/{name}.key.pub")), k.public_key_file()).expect("write key");
    }
    fs::write(
        out.join("keys/trusted-alice.txt"),
        format!("# trusts Alice only\n{}\n", trust::entry_line(&alice.public().fingerprint(), &alice.identity)),
    )
    .expect("write trust list");

    // The evidence: a captured web page directory, a video, and a post.
    let work = tempfile::tempdir().expect("tempdir");
    let w = work.path();
    write_input(w, "capture-01/index.html", b"<html><body><h1>Join us</h1></body></html>\n", "2026-11-19T21:40:00Z");
    write_input(
        w,
        "capture-01/screenshot.png",
        &[0x89, b'P', b'N', b'G', 13, 10, 26, 10, 0, 0, 0, 0],
        "2026-11-19T21:40:05Z",
    );
    write_input(w, "capture-01/empty.txt", b"", "2026-11-19T21:40:06Z");
    let video: Vec<u8> = (0..65_536u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
    write_input(w, "video.mp4", &video, "2026-11-19T22:00:00Z");
    write_input(w, "post 100% réel.html", "<p>Übersetzung folgt</p>\n".as_bytes(), "2026-11-19T22:05:00Z");
    let opts = SealOptions {
        key: &alice,
        case_reference: "2026-CT-0412".into(),
        items: vec![
            ItemInput {
                path: w.join("capture-01"),
                capture: Capture {
                    source_url: Some("https://forum.example/t/991".into()),
                    captured_at: Some(ts("2026-11-19T21:40:00Z")),
                    tool: Some("Chromium 156 save-page + screenshot".into()),
                    note: Some("public thread, no login".into()),
                },
            },
            ItemInput {
                path: w.join("video.mp4"),
                capture: Capture {
                    source_url: Some("https://video.example/v/77".into()),
                    captured_at: Some(ts("2026-11-19T22:00:00Z")),
                    tool: Some("yt-dlp 2026.10.01".into()),
                    note: None,
                },
            },
            ItemInput { path: w.join("post 100% réel.html"), capture: Capture::default() },
        ],
        output: out.join("sealed.zip"),
        overwrite: true,
        time: Some(ts("2026-11-20T10:00:00Z")),
        bundle_id: Some("6a1d3c5e9f0b42d8a7e1c0ffee123456".into()),
    };
    seal(&opts, &mut |_, _| {}).expect("seal");
    let sealed = read_archive(fs::read(out.join("sealed.zip")).expect("read")).expect("parse");
    let t = ts("2026-11-20T10:00:00Z").as_datetime();

    // Negative vectors: each one edit an attacker or an accident could make.
    let mut cases: Vec<Edit> = vec![
        (
            "payload-modified",
            "one byte of the video changed (ZIP CRC updated)",
            Box::new(|e| get(e, "data/item-2/video.mp4")[100] ^= 1),
        ),
        (
            "payload-missing",
            "the post removed from the payload",
            Box::new(|e| e.retain(|(n, _)| n != "data/item-3/post 100％ réel.html")),
        ),
        (
            "payload-added",
            "a file added under data/",
            Box::new(|e| e.insert(5, ("data/item-1/planted.txt".into(), b"planted\n".to_vec()))),
        ),
        (
            "manifest-edited",
            "case reference changed in the manifest, tag manifest updated",
            Box::new(|e| {
                let m = get(e, "custody/manifest.json");
                *m = String::from_utf8(m.clone()).expect("utf8").replace("2026-CT-0412", "2026-CT-0413").into_bytes();
                refresh_tagmanifest(e);
            }),
        ),
        (
            "event-edited",
            "seal time changed in the seal event, tag manifest updated",
            Box::new(|e| {
                let m = get(e, "custody/events/000000-seal.json");
                *m = String::from_utf8(m.clone())
                    .expect("utf8")
                    .replace("2026-11-20T10:00:00Z", "2026-11-18T10:00:00Z")
                    .into_bytes();
                refresh_tagmanifest(e);
            }),
        ),
        (
            "signature-swapped",
            "the manifest signature replaced by one Mallory made over the same bytes",
            Box::new(|e| {
                let m = get(e, "custody/manifest.json").clone();
                *get(e, "custody/manifest.json.sig") =
                    key("mallory", "Mallory", "Unknown", Role::Other, "US").sign(&m).to_vec();
                refresh_tagmanifest(e);
            }),
        ),
        (
            "unsigned-tag-file",
            "a tag file added and listed in the tag manifest, but bound by no event",
            Box::new(|e| {
                let at = e.len() - 1;
                e.insert(at, ("custody/notes.txt".into(), b"added later\n".to_vec()));
                refresh_tagmanifest(e);
            }),
        ),
        (
            "tagmanifest-edited",
            "bag-info.txt changed without updating the tag manifest",
            Box::new(|e| {
                get(e, "bag-info.txt").extend_from_slice(b"Extra: field\n");
            }),
        ),
        (
            "event-missing",
            "the seal event and its signature removed",
            Box::new(|e| {
                e.retain(|(n, _)| !n.starts_with("custody/events/"));
                refresh_tagmanifest(e);
            }),
        ),
    ];
    let mut raw_cases: Vec<(&str, &str, Vec<u8>)> = Vec::new();
    {
        let bytes = fs::read(out.join("sealed.zip")).expect("read");
        let a = custody_core::archive::Archive::open(Box::new(bytes.clone())).expect("open");
        let at = a.entry("data/item-2/video.mp4").expect("video").data_offset as usize + 10;
        let mut flipped = bytes.clone();
        flipped[at] ^= 0x01;
        raw_cases.push(("payload-bitflip", "one payload bit flipped in place (ZIP CRC not updated)", flipped));
        let mut trailing = bytes.clone();
        trailing.extend_from_slice(b"appended");
        raw_cases.push(("trailing-bytes", "bytes appended after the end of the archive", trailing));
        let mut dup = sealed.clone();
        dup.insert(3, ("data/item-2/video.mp4".into(), b"shadow".to_vec()));
        raw_cases.push(("duplicate-name", "two entries named data/item-2/video.mp4", write_archive_unchecked(&dup, t)));
        let mut evil = sealed.clone();
        evil.insert(3, ("data/../../evil.sh".into(), b"#!/bin/sh\n".to_vec()));
        raw_cases.push(("path-traversal", "an entry named data/../../evil.sh", write_archive_unchecked(&evil, t)));
    }
    cases.sort_by_key(|(n, _, _)| *n);
    let mut index = vec![];
    let trust_path = out.join("keys/trusted-alice.txt");
    let trust = trust::TrustList::parse(&fs::read_to_string(&trust_path).expect("trust")).expect("parse trust");
    let mut record = |name: &str, description: &str, bytes: Option<Vec<u8>>| {
        let path = out.join(format!("{name}.zip"));
        if let Some(b) = bytes {
            fs::write(&path, b).expect("write vector");
        }
        let report = verify_path(&path, &VerifyOptions::default()).expect("verify");
        let mut failures: Vec<&str> = report.failures();
        failures.sort();
        failures.dedup();
        let trusted = verify_path(&path, &VerifyOptions { trust: Some(trust.clone()), jobs: 1 }).expect("verify");
        index.push(json!({
            "file": format!("{name}.zip"),
            "description": description,
            "state": report.state,
            "state_with_trust_list": trusted.state,
            "failures": failures,
        }));
    };
    record("sealed", "a valid bundle: three items sealed by Alice", None);
    for (name, description, edit) in &cases {
        let mut e = sealed.clone();
        edit(&mut e);
        assert!(e != sealed, "vector {name}: the edit changed nothing");
        record(name, description, Some(write_archive(&e, t).expect("write")));
    }
    for (name, description, bytes) in raw_cases {
        record(name, description, Some(bytes));
    }
    let full = verify_path(&out.join("sealed.zip"), &VerifyOptions::default()).expect("verify");
    let mut full = serde_json::to_value(&full).expect("json");
    normalise_report(&mut full);
    let text = serde_json::to_string_pretty(&json!({
        "about": "Test vectors for the custody bundle format. Regenerate with: cargo run -p custody-core --example make-vectors. The keys in keys/ are derived from public seeds and are NOT secret.",
        "vectors": index,
        "sealed_report": full,
    }))
    .expect("json");
    fs::write(out.join("vectors.json"), text + "\n").expect("write index");
}

/// Makes a report comparable across runs: drops the verification time and the file path.
fn normalise_report(v: &mut Value) {
    if let Some(o) = v.as_object_mut() {
        o.remove("verified_at");
        o.remove("bundle");
    }
}

/// Writes entries without the writer's name checks, to build deliberately hostile archives:
/// writes safe placeholder names of the same length, then overwrites the name bytes in each
/// local header and central-directory record.
fn write_archive_unchecked(entries: &Entries, t: chrono::DateTime<chrono::Utc>) -> Vec<u8> {
    let placeholders: Entries = entries
        .iter()
        .enumerate()
        .map(|(i, (n, d))| (format!("p{i:0width$}", width = n.len() - 1), d.clone()))
        .collect();
    let mut bytes = write_archive(&placeholders, t).expect("write");
    let a = custody_core::archive::Archive::open(Box::new(bytes.clone())).expect("placeholder archive");
    let mut cd = a.central_directory_offset() as usize;
    for ((real, _), (ph, _)) in entries.iter().zip(&placeholders) {
        let local = a.entry(ph).expect("placeholder entry").header_offset as usize + 30;
        bytes[local..local + real.len()].copy_from_slice(real.as_bytes());
        bytes[cd + 46..cd + 46 + real.len()].copy_from_slice(real.as_bytes());
        cd += 46 + real.len();
    }
    bytes
}
