//! Regenerates the test vectors in `tests/vectors/` (or the directory given as the first
//! argument). Deterministic: fixed keys (derived from public seeds, so NOT secret), a fixed
//! seal time and bundle id, fixed file contents and modification times. Running it twice
//! gives identical bytes; `tests/vectors.rs` checks that the checked-in vectors match.
//!
//!     cargo run -p custody-core --example make-vectors

use std::fs;
use std::path::{Path, PathBuf};

use custody_core::archive::{read_archive, testing::write_archive};
use custody_core::casefile::{CaseInput, ItemSpec};
use custody_core::event::ConditionKind;
use custody_core::handover::{ReceiveOptions, TransferOptions, receive, transfer};
use custody_core::manifest::Capture;
use custody_core::provenance::CaptureTool;
use custody_core::seal::{ItemInput, SealOptions, seal};
use custody_core::verify::{VerifyOptions, verify_path};
use custody_core::{Identity, KeyPair, Role, Sha256Digest, Timestamp, trust};
use serde_json::{Value, json};

type Entries = Vec<(String, Vec<u8>)>;
/// A negative vector: name, description, the check code it must raise, and the edit.
/// The commitment seed of the vectors' seals (§5.12): bytes 0x00 … 0x1f, so the salts of
/// §13's examples can be recomputed by hand. A real seal draws 32 random bytes.
const COMMITMENT_SEED: [u8; 32] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
    31,
];

type Edit = (&'static str, &'static str, &'static str, Box<dyn Fn(&mut Entries)>);

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

/// Seals the example case (examples/mla-case) with fixed times, for a vector of a fully
/// described manifest.
fn mla_case(alice: &KeyPair, out: &Path) -> Vec<u8> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/mla-case");
    let work = tempfile::tempdir().expect("tempdir");
    for rel in [
        "case.toml",
        "documents/instruction-OSINT-2026-0412.txt",
        "evidence/propaganda-page/page.html",
        "evidence/propaganda-page/page-fullpage.png",
        "evidence/propaganda-page/page.warc.gz",
        "evidence/video-77/video-77.mp4",
        "evidence/video-77/video-77.info.json",
        "evidence/analyst-notes.txt",
    ] {
        let data = fs::read(src.join(rel)).expect("read example");
        write_input(work.path(), rel, &data, "2026-03-14T09:00:00Z");
    }
    let case = custody_core::casefile::read_case_file(&work.path().join("case.toml")).expect("case file");
    let opts = SealOptions::default()
        .with_case(case.input)
        .with_items(case.items.into_iter().map(|(path, spec)| ItemInput { path, spec }))
        .with_import(true)
        .with_overwrite(true)
        .with_fixed_time(ts("2026-03-14T10:30:00Z"))
        .with_fixed_bundle_id("0f2e4d6c8b0a19283746556473829100")
        .with_fixed_commitment_seed(COMMITMENT_SEED)
        .with_jobs(2);
    seal(alice, out.join("mla-case.zip"), &opts).expect("seal the example case");
    fs::read(out.join("mla-case.zip")).expect("read")
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
    let alice = party("alice");
    let mallory = party("mallory");
    for (name, k) in [("alice", &alice), ("mallory", &mallory)] {
        fs::write(out.join(format!("keys/{name}.key")), k.private_key_file()).expect("write key");
        fs::write(out.join(format!("keys/{name}.key.pub")), k.public_key_file()).expect("write key");
    }
    let mut misnamed = alice.identity.clone();
    misnamed.name = "Alicia Wong".into();
    fs::write(
        out.join("keys/trusted-alice-misnamed.txt"),
        format!(
            "# names Alice's key with another holder\n{}\n",
            trust::entry_line(&alice.public().fingerprint(), &misnamed)
        ),
    )
    .expect("write trust list");
    fs::write(
        out.join("keys/trusted-alice-fingerprint-only.txt"),
        format!("# lists Alice's key without saying whose it is\n{}\n", alice.public().fingerprint()),
    )
    .expect("write trust list");
    fs::write(
        out.join("keys/trusted-alice.txt"),
        format!("# trusts Alice only\n{}\n", trust::entry_line(&alice.public().fingerprint(), &alice.identity)),
    )
    .expect("write trust list");
    // A derived bundle's parent sealer is judged at its seal's claimed time (§5.13): Bo
    // trusted, Alice revoked after she sealed mla-case.zip (no token is carried).
    let bo = party("bob");
    fs::write(
        out.join("keys/trusted-bo-alice-revoked.txt"),
        format!(
            "# trusts Bo, and Alice with her key revoked after her seal\n{}\n{} revoked=2026-12-01T00:00:00Z\n",
            trust::entry_line(&bo.public().fingerprint(), &bo.identity),
            trust::entry_line(&alice.public().fingerprint(), &alice.identity)
        ),
    )
    .expect("write trust list");
    // Validity and revocation (spec §10); the sealed vector is sealed at 2026-11-20T10:00:00Z
    // without a trusted time.
    for (name, what, fields) in [
        (
            "valid",
            "within the period it gives Alice's key",
            "valid_from=2026-01-01T00:00:00Z valid_until=2027-01-01T00:00:00Z",
        ),
        ("expired", "with a validity that ended before the seal", "valid_until=2026-11-01T00:00:00Z"),
        (
            "revoked",
            "with Alice's key revoked after the seal (no trusted time proves the seal earlier)",
            "revoked=2026-12-01T00:00:00Z",
        ),
    ] {
        fs::write(
            out.join(format!("keys/trusted-alice-{name}.txt")),
            format!(
                "# trusts Alice {what}\n{} {fields}\n",
                trust::entry_line(&alice.public().fingerprint(), &alice.identity)
            ),
        )
        .expect("write trust list");
    }

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
    let opts = SealOptions::default()
        .with_case(CaseInput::new("2026-CT-0412"))
        .with_items([
            ItemInput {
                path: w.join("capture-01"),
                spec: ItemSpec::default().with_capture(Capture {
                    source_url: Some("https://forum.example/t/991".into()),
                    captured_at: Some(ts("2026-11-19T21:40:00Z")),
                    tool: Some(CaptureTool { name: "Chromium".into(), version: Some("156".into()), sha256: None }),
                    note: Some("public thread, no login".into()),
                    ..Capture::default()
                }),
            },
            ItemInput {
                path: w.join("video.mp4"),
                spec: ItemSpec::default().with_capture(Capture {
                    source_url: Some("https://video.example/v/77".into()),
                    captured_at: Some(ts("2026-11-19T22:00:00Z")),
                    tool: Some(CaptureTool { name: "yt-dlp".into(), version: Some("2026.10.01".into()), sha256: None }),
                    ..Capture::default()
                }),
            },
            ItemInput::bare(w.join("post 100% réel.html")),
        ])
        .with_import(true)
        .with_overwrite(true)
        .with_fixed_time(ts("2026-11-20T10:00:00Z"))
        .with_fixed_bundle_id("6a1d3c5e9f0b42d8a7e1c0ffee123456")
        .with_fixed_commitment_seed(COMMITMENT_SEED)
        .with_jobs(2);
    seal(&alice, out.join("sealed.zip"), &opts).expect("seal");
    let sealed = read_archive(fs::read(out.join("sealed.zip")).expect("read")).expect("parse");
    let t = ts("2026-11-20T10:00:00Z").as_datetime();

    // Negative vectors: each one edit an attacker or an accident could make, and the check
    // code that must report it.
    let mut cases: Vec<Edit> = vec![
        (
            "payload-modified",
            "one byte of the video changed (ZIP CRC updated)",
            "payload.hash_mismatch",
            Box::new(|e| get(e, "data/item-2/video.mp4")[100] ^= 1),
        ),
        (
            "payload-missing",
            "the post removed from the payload",
            "payload.missing",
            Box::new(|e| e.retain(|(n, _)| n != "data/item-3/post 100％ réel.html")),
        ),
        (
            "payload-missing-many",
            "manifest-sha256.txt lists 1,200 files that are not in the bundle, tag manifest updated: the \
             report lists 1,000 checks of a code, then one with how many more (spec 9.3)",
            "payload.missing",
            Box::new(|e| {
                let m = get(e, "manifest-sha256.txt");
                for i in 0..1_200 {
                    // The SHA-256 of no bytes.
                    let d = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
                    m.extend_from_slice(format!("{d}  data/item-1/gone-{i:04}.bin\n").as_bytes());
                }
                refresh_tagmanifest(e);
            }),
        ),
        (
            "payload-added",
            "a file added under data/",
            "archive.unlisted_file",
            Box::new(|e| e.insert(5, ("data/item-1/planted.txt".into(), b"planted\n".to_vec()))),
        ),
        (
            "manifest-edited",
            "case reference changed in the manifest, tag manifest updated: the seal event binds another SHA-256",
            "event.file_mismatch",
            Box::new(|e| {
                let m = get(e, "custody/manifest.json");
                *m = String::from_utf8(m.clone()).expect("utf8").replace("2026-CT-0412", "2026-CT-0413").into_bytes();
                refresh_tagmanifest(e);
            }),
        ),
        (
            "event-edited",
            "seal time changed in the seal event, tag manifest updated",
            "signature.invalid",
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
            "the seal event's signature replaced by one Mallory made over the same bytes",
            "signature.invalid",
            Box::new(|e| {
                let m = get(e, "custody/events/000000-seal.json").clone();
                *get(e, "custody/events/000000-seal.json.sig") =
                    party("mallory").sign(&m).expect("a key in memory signs").to_vec();
                refresh_tagmanifest(e);
            }),
        ),
        (
            "unsigned-tag-file",
            "a tag file added and listed in the tag manifest, but bound by no event",
            "custody.unsigned_file",
            Box::new(|e| {
                let at = e.len() - 1;
                e.insert(at, ("custody/notes.txt".into(), b"added later\n".to_vec()));
                refresh_tagmanifest(e);
            }),
        ),
        (
            "tagmanifest-edited",
            "bag-info.txt changed without updating the tag manifest",
            "bagit.tag_hash_mismatch",
            Box::new(|e| get(e, "bag-info.txt").extend_from_slice(b"Extra: field\n")),
        ),
        (
            "key-without-identity",
            "Alice's bundled key file replaced by the bare PEM, without identity lines",
            "key.invalid",
            Box::new(|e| {
                let alice = party("alice");
                let name = format!("custody/keys/{}.pem", alice.public().fingerprint().hex());
                let text = String::from_utf8(get(e, &name).clone()).expect("utf8");
                let pem = text[text.find("-----BEGIN").expect("pem")..].to_owned();
                *get(e, &name) = pem.into_bytes();
                refresh_tagmanifest(e);
            }),
        ),
        (
            "bag-info-edited",
            "bag-info.txt External-Identifier changed, tag manifest updated",
            "bagit.bag_info_mismatch",
            Box::new(|e| {
                let b = get(e, "bag-info.txt");
                *b = String::from_utf8(b.clone())
                    .expect("utf8")
                    .replace("External-Identifier: 2026-CT-0412", "External-Identifier: 2026-CT-9999")
                    .into_bytes();
                refresh_tagmanifest(e);
            }),
        ),
        (
            "event-previous-omitted",
            "the seal event re-signed by Alice without its previous_event_sha256 member",
            "event.invalid",
            Box::new(|e| {
                edit_seal_event(e, |v| {
                    v.as_object_mut().expect("object").remove("previous_event_sha256");
                });
            }),
        ),
        (
            "event-format-escape",
            "the seal event re-signed by Alice with a terminal escape sequence in its format member",
            "event.invalid",
            Box::new(|e| {
                edit_seal_event(e, |v| {
                    v["format"] = json!("\u{1b}[2J\u{1b}[32mTRUSTED\u{202e}");
                });
            }),
        ),
        (
            "commitment-mismatch",
            "item-1's label changed in the manifest, re-bound and re-signed by Alice, but the seal event's Merkle commitment left as sealed",
            "commitment.mismatch",
            Box::new(|e| {
                edit_manifest_keeping_commitment(e, |v| {
                    v["items"][0]["label"] = json!("another label");
                });
            }),
        ),
        (
            "commitment-mismatch-file-record",
            "the media_type of item-1's first file record changed in the manifest, re-bound and re-signed by Alice, but the seal event's Merkle commitment left as sealed",
            "commitment.mismatch",
            Box::new(|e| {
                edit_manifest_keeping_commitment(e, |v| {
                    v["items"][0]["files"][0]["media_type"] = json!("application/octet-stream");
                });
            }),
        ),
        (
            "commitment-only-in-manifest",
            "the seal event re-signed by Alice without its commitment member; the manifest keeps its seed: a v2 seal must commit",
            "event.invalid",
            Box::new(|e| {
                edit_seal_event(e, |v| {
                    v.as_object_mut().expect("object").remove("commitment");
                });
            }),
        ),
        (
            "commitment-explicit-empties",
            "valid: the manifest re-written by Alice with members that say nothing (null, [], {}, \"speciality\": false) and re-bound, its Merkle commitment left as sealed: canonical JSON drops them (§5.12)",
            "",
            Box::new(|e| {
                edit_manifest_keeping_commitment(e, |v| {
                    v["actors"] = json!([]);
                    v["restrictions"] = json!({"use_limitation": {"speciality": false, "proceedings": []}});
                    v["case"]["offences"] = json!([]);
                    v["case"]["title"] = Value::Null;
                    v["items"][0]["exhibit"] = Value::Null;
                    v["items"][2]["capture"] = json!({});
                });
            }),
        ),
        (
            "commitment-only-in-seal",
            "the manifest re-bound and re-signed by Alice without its commitment member; the seal event keeps its commitment: a v2 manifest must have one",
            "manifest.invalid",
            Box::new(|e| {
                edit_manifest_keeping_commitment(e, |v| {
                    v.as_object_mut().expect("object").remove("commitment");
                });
            }),
        ),
        (
            "commitment-stripped",
            "both commitments removed: the manifest re-bound and re-signed by Alice without its seed, the seal event re-signed without its commitment (the v2 format has one dialect: both are required)",
            "manifest.invalid",
            Box::new(|e| {
                edit_manifest_keeping_commitment(e, |v| {
                    v.as_object_mut().expect("object").remove("commitment");
                });
                edit_seal_event(e, |v| {
                    v.as_object_mut().expect("object").remove("commitment");
                });
            }),
        ),
        (
            "commitment-on-transfer",
            "a transfer Alice signed carrying a copy of the seal's commitment (only a seal may)",
            "event.invalid",
            Box::new(|e| {
                let seal: Value = serde_json::from_slice(get(e, "custody/events/000000-seal.json")).expect("json");
                push_event(e, &party("alice"), |v| {
                    v["type"] = json!("transfer");
                    v["transfer"] = json!({"recipient": custody_core::manifest::Signer::new(party("bob").public().fingerprint(), &party("bob").identity),
                                           "purpose": "review", "conditions": []});
                    v["commitment"] = seal["commitment"].clone();
                });
            }),
        ),
        (
            "commitment-tree-size-huge",
            "the seal event re-signed by Alice claiming a tree of 2^63 leaves with the sealed root: refused by comparison, never walked",
            "commitment.mismatch",
            Box::new(|e| {
                edit_seal_event(e, |v| v["commitment"]["tree_size"] = json!(1u64 << 63));
            }),
        ),
        (
            "commitment-seed-zero",
            "the manifest's commitment seed set to 64 zeros (salts anyone could compute), re-bound and re-signed by Alice",
            "manifest.invalid",
            Box::new(|e| {
                edit_manifest(e, |v| v["commitment"]["seed"] = json!("0".repeat(64)));
            }),
        ),
        (
            "manifest-duplicate-member",
            "the manifest re-signed by Alice with a second, different \"reference\" member: it parses two ways",
            "manifest.invalid",
            Box::new(|e| {
                let alice = party("alice");
                let text = String::from_utf8(get(e, "custody/manifest.json").clone()).expect("utf8");
                let doc = text
                    .replacen(
                        "\"reference\": \"2026-CT-0412\"",
                        "\"reference\": \"2026-CT-0412\",\n    \"reference\": \"2026-CT-9999\"",
                        1,
                    )
                    .into_bytes();
                resign_bound(e, &alice, "custody/manifest.json", doc);
            }),
        ),
        (
            "bagit-declaration-edited",
            "bagit.txt declares version 0.97, tag manifest updated",
            "bagit.declaration_invalid",
            Box::new(|e| {
                *get(e, "bagit.txt") = b"BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n".to_vec();
                refresh_tagmanifest(e);
            }),
        ),
        (
            "bag-info-no-oxum",
            "bag-info.txt without its Payload-Oxum line, tag manifest updated",
            "bagit.bag_info_invalid",
            Box::new(|e| {
                let b = get(e, "bag-info.txt");
                let t: String = String::from_utf8(b.clone())
                    .expect("utf8")
                    .lines()
                    .filter(|l| !l.starts_with("Payload-Oxum"))
                    .map(|l| format!("{l}\n"))
                    .collect();
                *b = t.into_bytes();
                refresh_tagmanifest(e);
            }),
        ),
        (
            "bag-info-missing",
            "bag-info.txt removed, tag manifest updated",
            "bagit.missing_tag_file",
            Box::new(|e| {
                e.retain(|(n, _)| n != "bag-info.txt");
                refresh_tagmanifest(e);
            }),
        ),
        (
            "payload-manifest-malformed",
            "manifest-sha256.txt with a line of one space between digest and path",
            "bagit.manifest_malformed",
            Box::new(|e| {
                let b = get(e, "manifest-sha256.txt");
                *b = String::from_utf8(b.clone()).expect("utf8").replacen("  data/", " data/", 1).into_bytes();
                refresh_tagmanifest(e);
            }),
        ),
        (
            "tag-file-listed-missing",
            "the tag manifest lists custody/notes.txt, which is not in the bundle",
            "bagit.tag_file_missing",
            Box::new(|e| {
                refresh_tagmanifest(e);
                let line = format!("{}  custody/notes.txt\n", Sha256Digest::of(b"notes"));
                get(e, "tagmanifest-sha256.txt").extend_from_slice(line.as_bytes());
            }),
        ),
        (
            "manifest-missing",
            "custody/manifest.json removed, tag manifest updated",
            "manifest.missing",
            Box::new(|e| {
                e.retain(|(n, _)| !n.starts_with("custody/manifest.json"));
                refresh_tagmanifest(e);
            }),
        ),
        (
            "manifest-digest-edited",
            "the manifest re-signed by Alice with another SHA-256 for the video",
            "manifest.payload_mismatch",
            Box::new(|e| {
                edit_manifest(e, |v| {
                    v["items"][1]["files"][0]["sha256"] = json!(Sha256Digest::of(b"another video").hex());
                });
            }),
        ),
        (
            "capture-after-seal",
            "the manifest re-signed by Alice with a capture time after the seal (a warning, not a failure)",
            "",
            Box::new(|e| {
                edit_manifest(e, |v| {
                    v["items"][0]["capture"]["captured_at"] = json!("2026-11-21T00:00:00Z");
                });
            }),
        ),
        (
            "key-identity-edited",
            "Alice's bundled key file names another person, tag manifest updated",
            "signature.signer_mismatch",
            Box::new(|e| {
                let alice = party("alice");
                let name = format!("custody/keys/{}.pem", alice.public().fingerprint().hex());
                let t = String::from_utf8(get(e, &name).clone())
                    .expect("utf8")
                    .replace("Name: Alice Wang", "Name: Alicia Wong");
                *get(e, &name) = t.into_bytes();
                refresh_tagmanifest(e);
            }),
        ),
        (
            "event-time-backwards",
            "a transfer Alice signed with a time before the seal",
            "event.time_backwards",
            Box::new(|e| {
                push_event(e, &party("alice"), |v| {
                    v["type"] = json!("transfer");
                    v["time"] = json!("2026-11-19T00:00:00Z");
                    v["transfer"] = json!({"recipient": custody_core::manifest::Signer::new(party("bob").public().fingerprint(), &party("bob").identity),
                                           "purpose": "back-dated", "conditions": []});
                });
            }),
        ),
        (
            "manifest-object-as-array",
            "the manifest re-signed by Alice with an item's capture object written as an array of its values",
            "manifest.invalid",
            Box::new(|e| {
                edit_manifest(e, |v| {
                    v["items"][1]["capture"] =
                        json!(["https://video.example/v/77", "2026-11-19T22:00:00Z", "yt-dlp 2026.10.01", null]);
                })
            }),
        ),
        (
            "manifest-size-overflow",
            "the manifest re-signed by Alice with a file size of 2^64 - 1",
            "manifest.payload_mismatch",
            Box::new(|e| {
                edit_manifest(e, |v| {
                    v["items"][0]["files"][0]["size"] = json!(u64::MAX);
                })
            }),
        ),
        (
            "event-missing",
            "the seal event and its signature removed",
            "event.missing",
            Box::new(|e| {
                e.retain(|(n, _)| !n.starts_with("custody/events/"));
                refresh_tagmanifest(e);
            }),
        ),
        (
            "advisory-preservation-expired",
            "the manifest re-signed by Alice naming two preservation requests: one expired the day before the vectors' evaluation date (a warning), one expiring on it (none)",
            "",
            Box::new(|e| {
                edit_manifest(e, |v| {
                    v["case"]["related_requests"] = json!([
                        {"kind": "preservation", "reference": "PRES-1", "issued_on": "2026-09-01", "expires_on": "2026-11-30"},
                        {"kind": "preservation", "reference": "PRES-2", "issued_on": "2026-09-02", "expires_on": "2026-12-01"},
                        {"kind": "mla", "reference": "MLA-1", "issued_on": "2026-09-01", "expires_on": "2026-09-30"}
                    ]);
                })
            }),
        ),
        (
            "advisory-retention-exceeded",
            "the manifest re-signed by Alice with keep_until the day before the vectors' evaluation date (a warning)",
            "",
            Box::new(|e| edit_manifest(e, |v| v["restrictions"]["retention"] = json!({"keep_until": "2026-11-30"}))),
        ),
        (
            "advisory-capture-seal-gap",
            "the manifest re-signed by Alice with every capture more than 30 days before the seal (a warning)",
            "",
            Box::new(|e| {
                edit_manifest(e, |v| {
                    v["items"][0]["capture"]["captured_at"] = json!("2026-10-01T08:00:00Z");
                    v["items"][1]["capture"]["captured_at"] = json!("2026-10-02T08:00:00Z");
                    v["items"][1]["capture"]["capture_end"] = json!("2026-10-02T09:00:00Z");
                })
            }),
        ),
        (
            "advisory-unwitnessed",
            "the manifest re-signed by Alice: item-1 captured by one operator alone (a warning); item-2 by two operators (none)",
            "",
            Box::new(|e| {
                edit_manifest(e, |v| {
                    v["actors"] = json!([
                        {"id": "inv-1", "role": "investigator", "name": "Inspector Martin"},
                        {"id": "inv-2", "role": "investigator", "name": "Inspector Dubois"}
                    ]);
                    v["items"][0]["capture"]["operators"] = json!(["inv-1"]);
                    v["items"][1]["capture"]["operators"] = json!(["inv-1", "inv-2"]);
                })
            }),
        ),
        (
            "provenance-web-page-minimum",
            "the manifest re-signed by Alice declaring item-1 a web page, with no file roles (a warning)",
            "",
            Box::new(|e| edit_manifest(e, |v| v["items"][0]["capture"]["kind"] = json!("web_page"))),
        ),
        (
            "provenance-outside-authorisation",
            "the manifest re-signed by Alice: one authorisation, whose window ended before the captures of item-1 (which names it) and item-2 (which names none) (two warnings)",
            "",
            Box::new(|e| {
                edit_manifest(e, |v| {
                    v["case"]["authorisations"] = json!([{
                        "id": "order-1", "description": "investigating judge's order",
                        "scope": {"from": "2026-11-01T00:00:00Z", "until": "2026-11-10T23:59:59Z", "time_zone": "Europe/Paris"}
                    }]);
                    v["items"][0]["capture"]["authorisation"] = json!("order-1");
                })
            }),
        ),
        (
            "provenance-time-unexplained",
            "the manifest re-signed by Alice: a content time with neither meaning nor zone (a warning)",
            "",
            Box::new(|e| {
                edit_manifest(e, |v| {
                    v["items"][1]["capture"]["content_times"] =
                        json!([{"label": "shown under the video", "value": "3 days ago, 10:00"}]);
                })
            }),
        ),
        (
            "manifest-empty-lists",
            "the manifest re-signed by Alice with optional lists written empty (\"actors\": [], \"methods\": []): valid",
            "",
            Box::new(|e| {
                edit_manifest(e, |v| {
                    v["actors"] = json!([]);
                    v["attestations"] = json!([]);
                    v["items"][0]["capture"]["methods"] = json!([]);
                    v["items"][0]["capture"]["environment"] = json!({});
                })
            }),
        ),
        (
            "manifest-object-as-empty-array",
            "the manifest re-signed by Alice with \"restrictions\": [] (an object written as an array)",
            "manifest.invalid",
            Box::new(|e| edit_manifest(e, |v| v["restrictions"] = json!([]))),
        ),
        (
            "provenance-unknown-actor",
            "the manifest re-signed by Alice: item-1's operator is not among the actors",
            "manifest.invalid",
            Box::new(|e| edit_manifest(e, |v| v["items"][0]["capture"]["operators"] = json!(["nobody"]))),
        ),
        (
            "provenance-unknown-value",
            "the manifest re-signed by Alice: item-1's kind is not a value the format defines",
            "manifest.invalid",
            Box::new(|e| edit_manifest(e, |v| v["items"][0]["capture"]["kind"] = json!("webpage"))),
        ),
        (
            "provenance-bad-country",
            "the manifest re-signed by Alice: an actor's jurisdiction is UK, not an ISO 3166-1 code",
            "manifest.invalid",
            Box::new(|e| {
                edit_manifest(e, |v| {
                    v["actors"] = json!([{"id": "a1", "role": "witness", "name": "W. Smith", "jurisdiction": "UK"}]);
                })
            }),
        ),
        (
            "capture-files-disagree",
            "the manifest re-signed by Alice: item-1 has two per-file capture records (a WARC's pages, a yt-dlp \
             info file's video) that describe different captures (valid: both are kept)",
            "",
            Box::new(|e| {
                edit_manifest(e, |v| {
                    let a = v["items"][0]["files"][0]["path"].clone();
                    let b = v["items"][0]["files"][1]["path"].clone();
                    v["items"][0]["capture"]["capture_files"] = json!([
                        {"path": a, "format": "WARC", "source_url": "http://site.example/old",
                         "final_url": "http://dead.example/", "captured_at": "2026-11-19T21:40:00Z",
                         "capture_end": "2026-11-19T21:40:05Z", "tool": {"name": "Wget/1.21.3"},
                         "pages": [{"url": "http://site.example/old", "time": "2026-11-19T21:40:00Z", "status": 301,
                                    "final_url": "http://dead.example/"},
                                   {"url": "http://site.example/x", "time": "2026-11-19T21:40:05Z", "status": 200,
                                    "revisit": true}],
                         "pages_total": 3, "notes": ["the record at byte 5120 is cut short; it is skipped"]},
                        {"path": b, "format": "yt-dlp info", "kind": "video", "source_url": "https://v.example/v1",
                         "platform": "generic", "object_id": "v1", "captured_at": "2026-11-18T10:00:00Z"}
                    ]);
                })
            }),
        ),
        (
            "capture-file-not-a-file",
            "the manifest re-signed by Alice: a per-file capture record of item-1 names a path that is not one of \
             its files",
            "manifest.invalid",
            Box::new(|e| {
                edit_manifest(e, |v| {
                    v["items"][0]["capture"]["capture_files"] =
                        json!([{"path": "data/item-1/not-here.warc", "format": "WARC"}]);
                })
            }),
        ),
        (
            "capture-file-window-reversed",
            "the manifest re-signed by Alice: a per-file capture record of item-1 ends before it starts",
            "manifest.invalid",
            Box::new(|e| {
                edit_manifest(e, |v| {
                    let a = v["items"][0]["files"][0]["path"].clone();
                    v["items"][0]["capture"]["capture_files"] = json!([{"path": a, "format": "WARC",
                        "captured_at": "2026-11-19T21:40:05Z", "capture_end": "2026-11-19T21:40:00Z"}]);
                })
            }),
        ),
        (
            "capture-file-format-unknown",
            "the manifest re-signed by Alice: a per-file capture record of item-1 names a format outside the \
             closed list (WARC, ARC, WACZ, yt-dlp info)",
            "manifest.invalid",
            Box::new(|e| {
                edit_manifest(e, |v| {
                    let a = v["items"][0]["files"][0]["path"].clone();
                    v["items"][0]["capture"]["capture_files"] = json!([{"path": a, "format": "HAR"}]);
                })
            }),
        ),
        (
            "capture-file-twice",
            "the manifest re-signed by Alice: item-1 has two per-file capture records for one file",
            "manifest.invalid",
            Box::new(|e| {
                edit_manifest(e, |v| {
                    let a = v["items"][0]["files"][0]["path"].clone();
                    v["items"][0]["capture"]["capture_files"] =
                        json!([{"path": a, "format": "WARC"}, {"path": a, "format": "WACZ"}]);
                })
            }),
        ),
        (
            "capture-file-pages-total-not-more",
            "the manifest re-signed by Alice: a per-file capture record gives pages_total no more than the pages \
             it lists",
            "manifest.invalid",
            Box::new(|e| {
                edit_manifest(e, |v| {
                    let a = v["items"][0]["files"][0]["path"].clone();
                    v["items"][0]["capture"]["capture_files"] = json!([{"path": a, "format": "WARC",
                        "pages": [{"url": "http://site.example/"}], "pages_total": 1}]);
                })
            }),
        ),
        (
            "attestation-digest-mismatch",
            "the manifest re-signed by Alice: a copy certification lists another SHA-256 for the video",
            "manifest.invalid",
            Box::new(|e| {
                edit_manifest(e, |v| {
                    v["actors"] = json!([{"id": "a1", "role": "capturer", "name": "Alice Wang"}]);
                    v["attestations"] = json!([{
                        "id": "copy-1", "kind": "copy_certification", "by": "a1",
                        "declared_at": "2026-11-20T09:00:00Z", "statement": "These are accurate copies.",
                        "items": ["item-2"],
                        "files": [{"path": "data/item-2/video.mp4", "sha256": Sha256Digest::of(b"another video").hex()}]
                    }]);
                })
            }),
        ),
    ];
    cases.sort_by_key(|(n, _, _, _)| *n);
    let mut vectors: Vec<(String, String, Option<String>, Vec<u8>)> = Vec::new();
    vectors.push((
        "sealed".into(),
        "a valid bundle: three items sealed by Alice".into(),
        None,
        fs::read(out.join("sealed.zip")).expect("read"),
    ));
    vectors.push((
        "mla-case".into(),
        "a valid bundle with a fully described case: examples/mla-case/case.toml sealed by Alice \
         (legal basis, authorisation, actors, restrictions, attestations, imported WARC and yt-dlp metadata)"
            .into(),
        None,
        mla_case(&alice, out),
    ));
    for (name, description, expect, edit) in &cases {
        let mut e = sealed.clone();
        edit(&mut e);
        assert!(e != sealed, "vector {name}: the edit changed nothing");
        let expect = (!expect.is_empty()).then(|| expect.to_string());
        vectors.push((name.to_string(), description.to_string(), expect, write_archive(&e, t).expect("write")));
    }
    {
        let bytes = fs::read(out.join("sealed.zip")).expect("read");
        let a = custody_core::archive::Archive::open(Box::new(bytes.clone())).expect("open");
        let at = a.entry("data/item-2/video.mp4").expect("video").data_offset as usize + 10;
        let mut raw = |name: &str, description: &str, expect: &str, b: Vec<u8>| {
            vectors.push((name.into(), description.into(), Some(expect.into()), b));
        };
        let mut flipped = bytes.clone();
        flipped[at] ^= 0x01;
        raw(
            "payload-bitflip",
            "one payload bit flipped in place (ZIP CRC not updated)",
            "payload.hash_mismatch",
            flipped,
        );
        let mut trailing = bytes.clone();
        trailing.extend_from_slice(b"appended");
        raw("trailing-bytes", "bytes appended after the end of the archive", "archive.not_zip", trailing);
        let mut stray_end = bytes.clone();
        stray_end.extend_from_slice(b"PK\x05\x06");
        raw(
            "trailing-end-signature",
            "an end-record signature appended after the end of the archive, with no record after it",
            "archive.not_zip",
            stray_end,
        );
        let mut dup = sealed.clone();
        dup.insert(3, ("data/item-2/video.mp4".into(), b"shadow".to_vec()));
        raw(
            "duplicate-name",
            "two entries named data/item-2/video.mp4",
            "archive.duplicate_name",
            write_archive_unchecked(&rooted(&dup), t),
        );
        // Single fields of the central directory and end record, patched in place.
        let cd = a.central_directory_offset() as usize;
        let le16 = |b: &[u8], at: usize| usize::from(u16::from_le_bytes([b[at], b[at + 1]]));
        let second_cd = cd + 46 + le16(&bytes, cd + 28) + le16(&bytes, cd + 30) + le16(&bytes, cd + 32);
        let eocd = bytes.len() - 22;
        let patch = |at: usize, with: &[u8]| {
            let mut b = bytes.clone();
            b[at..at + with.len()].copy_from_slice(with);
            b
        };
        let off2 = u32::from_le_bytes(bytes[second_cd + 42..second_cd + 46].try_into().expect("4 bytes"));
        raw(
            "cd-encrypted",
            "the first entry's central directory record claims encryption (flag bit 0)",
            "archive.encrypted_entry",
            patch(cd + 8, &0x0801u16.to_le_bytes()),
        );
        raw(
            "cd-data-descriptor",
            "the first entry's flags announce a data descriptor (bit 3)",
            "archive.unsupported_flags",
            patch(cd + 8, &0x0808u16.to_le_bytes()),
        );
        raw(
            "cd-deflated",
            "the first entry's record says compression method 8 (deflate)",
            "archive.unsupported_compression",
            patch(cd + 10, &8u16.to_le_bytes()),
        );
        raw(
            "cd-symlink",
            "the first entry's external attributes make it a symbolic link",
            "archive.not_regular_file",
            patch(cd + 38, &(0o120777u32 << 16).to_le_bytes()),
        );
        // Unsigned fields that unzip and tar act on: each must hold the writer's value
        // whatever the host byte says (issue #13.2).
        let with = |edits: &[(usize, &[u8])]| {
            let mut b = bytes.clone();
            for (at, v) in edits {
                b[*at..*at + v.len()].copy_from_slice(v);
            }
            b
        };
        let symlink = (0o120777u32 << 16).to_le_bytes();
        raw(
            "cd-symlink-host-fat",
            "the first entry's record says host 0 (MS-DOS) with symbolic-link attributes, which Info-ZIP unzip still honours",
            "archive.unsupported_attributes",
            with(&[(cd + 4, &0x002Du16.to_le_bytes()), (cd + 38, &symlink)]),
        );
        raw(
            "cd-symlink-host-ntfs",
            "the first entry's record says host 10 (NTFS) with symbolic-link attributes",
            "archive.unsupported_attributes",
            with(&[(cd + 4, &0x0A2Du16.to_le_bytes()), (cd + 38, &symlink)]),
        );
        raw(
            "cd-setuid",
            "the first entry's external attributes make it setuid, setgid and world-writable (mode 06777)",
            "archive.unsupported_attributes",
            patch(cd + 38, &(0o106777u32 << 16).to_le_bytes()),
        );
        raw(
            "cd-executable",
            "the first entry's external attributes make it executable (mode 0755)",
            "archive.unsupported_attributes",
            patch(cd + 38, &(0o100755u32 << 16).to_le_bytes()),
        );
        raw(
            "cd-internal-attributes",
            "the first entry's internal attributes are 1 (text file) instead of 0",
            "archive.unsupported_attributes",
            patch(cd + 36, &1u16.to_le_bytes()),
        );
        raw(
            "cd-dos-time",
            "the first entry's ZIP date and time (central record and local header) set to 2026-11-19 03:00, \
             which unzip would give the file though nobody signed it",
            "archive.unsupported_attributes",
            with(&[
                (cd + 12, &0x1800u16.to_le_bytes()),
                (cd + 14, &0x5D73u16.to_le_bytes()),
                (10, &0x1800u16.to_le_bytes()),
                (12, &0x5D73u16.to_le_bytes()),
            ]),
        );
        raw(
            "cd-made-by-host",
            "the first entry's record says version made by 0x0014 (host 0, MS-DOS) instead of 0x032D",
            "archive.unsupported_version",
            patch(cd + 4, &0x0014u16.to_le_bytes()),
        );
        raw(
            "cd-version-needed",
            "the first entry's record says version needed to extract 255 (\"25.5\"), which unzip skips and Python refuses",
            "archive.unsupported_version",
            patch(cd + 6, &255u16.to_le_bytes()),
        );
        raw(
            "local-version-needed",
            "the first entry's local header says version needed to extract 255 (\"25.5\")",
            "archive.unsupported_version",
            patch(4, &255u16.to_le_bytes()),
        );
        // ZIP64 forms the writer never writes (review of #13.2): an extra block the first
        // central record gets, with its field edits; the directory grows, the data stays put.
        let with_cd_extra = |extra: &[u8], edits: &[(usize, &[u8])]| {
            let mut b = bytes.clone();
            for (at, v) in edits {
                b[*at..*at + v.len()].copy_from_slice(v);
            }
            let name_end = cd + 46 + le16(&b, cd + 28);
            b[cd + 30..cd + 32].copy_from_slice(&(extra.len() as u16).to_le_bytes());
            b.splice(name_end..name_end, extra.iter().copied());
            let end = b.len() - 22;
            let size = u32::from_le_bytes(b[end + 12..end + 16].try_into().expect("4 bytes")) + extra.len() as u32;
            b[end + 12..end + 16].copy_from_slice(&size.to_le_bytes());
            b
        };
        raw(
            "zip64-empty-extra",
            "the first entry's central record carries an empty ZIP64 extra block (ID 1, length 0) that its local header lacks",
            "archive.malformed",
            with_cd_extra(&[1, 0, 0, 0], &[]),
        );
        let mut small_offset = vec![1, 0, 8, 0];
        small_offset.extend_from_slice(&0u64.to_le_bytes());
        raw(
            "zip64-offset-marker",
            "the first entry's local-header offset written as the ZIP64 marker 0xFFFFFFFF, with the offset 0 in a ZIP64 \
             extra block: a small bundle never needs it",
            "archive.malformed",
            with_cd_extra(&small_offset, &[(cd + 6, &45u16.to_le_bytes()), (cd + 42, &u32::MAX.to_le_bytes())]),
        );
        {
            let mut b = bytes[..eocd].to_vec();
            let count = le16(&bytes, eocd + 10) as u64;
            let cd_size = u64::from(u32::from_le_bytes(bytes[eocd + 12..eocd + 16].try_into().expect("4 bytes")));
            let z_at = b.len() as u64;
            b.extend_from_slice(&0x0606_4b50u32.to_le_bytes());
            b.extend_from_slice(&44u64.to_le_bytes());
            b.extend_from_slice(&0x032Du16.to_le_bytes());
            b.extend_from_slice(&45u16.to_le_bytes());
            b.extend_from_slice(&[0; 8]);
            b.extend_from_slice(&count.to_le_bytes());
            b.extend_from_slice(&count.to_le_bytes());
            b.extend_from_slice(&cd_size.to_le_bytes());
            b.extend_from_slice(&(cd as u64).to_le_bytes());
            b.extend_from_slice(&0x0706_4b50u32.to_le_bytes());
            b.extend_from_slice(&[0; 4]);
            b.extend_from_slice(&z_at.to_le_bytes());
            b.extend_from_slice(&1u32.to_le_bytes());
            b.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
            b.extend_from_slice(&[0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]);
            b.extend_from_slice(&[0xff; 8]);
            b.extend_from_slice(&[0, 0]);
            raw(
                "zip64-unneeded-end-record",
                "a ZIP64 end record and locator, with every end-record field a ZIP64 marker, in a bundle of a few \
                 entries and kilobytes that needs none",
                "archive.malformed",
                b,
            );
        }
        raw(
            "cd-signature",
            "the first central directory record's signature damaged",
            "archive.malformed",
            patch(cd, b"PK\x01\x09"),
        );
        raw(
            "eocd-multi-disk",
            "the end record says this is disk 1 of a multi-part archive",
            "archive.multi_disk",
            patch(eocd + 4, &1u16.to_le_bytes()),
        );
        raw(
            "local-header-crc",
            "the first local header's CRC-32 differs from its central directory record",
            "archive.header_mismatch",
            patch(14, &0xdeadbeefu32.to_le_bytes()),
        );
        raw(
            "cd-offset-gap",
            "the second entry's recorded offset moved one byte on, leaving a byte unaccounted for",
            "archive.unaccounted_bytes",
            patch(second_cd + 42, &(off2 + 1).to_le_bytes()),
        );
        raw(
            "cd-offset-overlap",
            "the second entry's recorded offset moved one byte back, into the first entry",
            "archive.overlapping_entries",
            patch(second_cd + 42, &(off2 - 1).to_le_bytes()),
        );
        // Archives our writer refuses to make: built by hand.
        let mut long = sealed.clone();
        long.insert(3, (format!("data/item-1/{}", "n".repeat(1100)), b"long".to_vec()));
        raw(
            "name-too-long",
            "an entry whose name is 1,112 bytes long",
            "archive.name_too_long",
            raw_zip(&rooted(&long), None),
        );
        raw(
            "extra-field",
            "the first entry carries an extended-timestamp extra field (0x5455), as Info-ZIP writes",
            "archive.unsupported_extra",
            raw_zip(&rooted(&sealed), Some(&[0x55, 0x54, 5, 0, 1, 0, 0, 0, 0])),
        );
        let mut huge = sealed.clone();
        let at = huge.len() - 1;
        huge.insert(at, ("custody/notes.txt".into(), vec![0u8; 16 * 1024 * 1024 + 1]));
        raw(
            "tag-file-too-large",
            "a 16 MiB + 1 byte tag file, over the limit for tag files",
            "archive.entry_too_large",
            write_archive(&huge, t).expect("write"),
        );
        let mut many = Vec::new();
        many.extend_from_slice(&0x0606_4b50u32.to_le_bytes());
        many.extend_from_slice(&44u64.to_le_bytes());
        many.extend_from_slice(&[45, 3, 45, 0]);
        many.extend_from_slice(&[0; 8]);
        many.extend_from_slice(&1_100_001u64.to_le_bytes());
        many.extend_from_slice(&1_100_001u64.to_le_bytes());
        many.extend_from_slice(&[0; 16]);
        many.extend_from_slice(&0x0706_4b50u32.to_le_bytes());
        many.extend_from_slice(&[0; 4]);
        many.extend_from_slice(&0u64.to_le_bytes());
        many.extend_from_slice(&1u32.to_le_bytes());
        many.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        many.extend_from_slice(&[0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]);
        many.extend_from_slice(&[0xff; 8]);
        many.extend_from_slice(&[0, 0]);
        raw("too-many-entries", "only end records, claiming 1,100,001 entries", "archive.too_many_entries", many);
        let mut twins = sealed.clone();
        twins.insert(3, ("data/item-1/capture-01/INDEX.html".into(), b"<p>twin</p>".to_vec()));
        raw(
            "name-collision",
            "entries index.html and INDEX.html, which overwrite each other on case-insensitive systems",
            "archive.name_collision",
            write_archive(&twins, t).expect("write"),
        );
        // Names equal under full case folding that NFC and lower-casing kept apart, and a file
        // named like another entry's folder (issue #13.8).
        for (name, description, twins) in [
            (
                "name-collision-long-s",
                "entries data/item-1/capture-01/screenshot.png and data/item-1/capture-01/\u{17f}creenshot.png (long s, U+017F)",
                vec!["data/item-1/capture-01/\u{17f}creenshot.png".to_string()],
            ),
            (
                "name-collision-final-sigma",
                "entries data/item-2/\u{3bf}\u{3b4}\u{3bf}\u{3c3}.txt and data/item-2/\u{3bf}\u{3b4}\u{3bf}\u{3c2}.txt (sigma and final sigma)",
                vec![
                    "data/item-2/\u{3bf}\u{3b4}\u{3bf}\u{3c3}.txt".into(),
                    "data/item-2/\u{3bf}\u{3b4}\u{3bf}\u{3c2}.txt".into(),
                ],
            ),
            (
                "name-collision-dotless-i",
                "entries data/item-2/video.mp4 and data/item-2/v\u{131}deo.mp4 (dotless i), which Windows upper-cases alike",
                vec!["data/item-2/v\u{131}deo.mp4".to_string()],
            ),
            (
                "name-collision-file-and-folder",
                "an entry data/item-1/CAPTURE-01 beside the folder data/item-1/capture-01: it cannot be extracted",
                vec!["data/item-1/CAPTURE-01".to_string()],
            ),
        ] {
            let mut e = sealed.clone();
            for twin in twins {
                e.insert(3, (twin, b"twin".to_vec()));
            }
            raw(name, description, "archive.name_collision", write_archive(&e, t).expect("write"));
        }
        // Names Windows cannot hold, and a twin that differs only by an invisible character
        // (review of #13.8).
        for (name, description, entry) in [
            (
                "name-trailing-dot",
                "an entry data/item-1/capture-01/index.html. (Windows drops the final dot: it overwrites index.html)",
                "data/item-1/capture-01/index.html.",
            ),
            (
                "name-windows-device",
                "an entry data/item-1/capture-01/con.txt (Windows opens the console device instead)",
                "data/item-1/capture-01/con.txt",
            ),
        ] {
            let mut e = sealed.clone();
            e.insert(3, (entry.to_string(), b"twin".to_vec()));
            raw(name, description, "archive.unsafe_name", write_archive_unchecked(&rooted(&e), t));
        }
        let mut e = sealed.clone();
        e.insert(3, ("data/item-1/capture-01/screen\u{200c}shot.png".to_string(), b"twin".to_vec()));
        raw(
            "name-collision-ignorable",
            "entries data/item-1/capture-01/screenshot.png and the same with U+200C ZERO WIDTH NON-JOINER after 'screen'",
            "archive.name_collision",
            write_archive_unchecked(&rooted(&e), t),
        );
        let mut evil = sealed.clone();
        evil.insert(3, ("data/../../evil.sh".into(), b"#!/bin/sh\n".to_vec()));
        raw(
            "path-traversal",
            "an entry named data/../../evil.sh",
            "archive.unsafe_name",
            write_archive_unchecked(&rooted(&evil), t),
        );
        // Files that are not custody bundles at all (spec §9.1 step 1): invalid, with a plain reason.
        raw(
            "not-a-bundle-html",
            "a web page saved instead of the bundle",
            "bundle.not_a_bundle",
            b"<!DOCTYPE html>\n<html><body><a href=\"case.zip\">Download</a></body></html>\n".to_vec(),
        );
        raw(
            "not-a-bundle-truncated",
            "the first half of a bundle: a download that stopped early",
            "bundle.not_a_bundle",
            bytes[..bytes.len() / 2].to_vec(),
        );
        raw(
            "not-a-bundle-plain-zip",
            "a ZIP archive without bagit.txt or custody/manifest.json",
            "bundle.not_a_bundle",
            write_archive_unchecked(&vec![("notes.txt".to_string(), b"meeting notes\n".to_vec())], t),
        );
        // Cut within its end record: the signature is there, but not 22 bytes of record (§9.1).
        raw(
            "not-a-bundle-cut-10-bytes",
            "a bundle missing its last 10 bytes: a copy that stopped within the ZIP's end record",
            "bundle.not_a_bundle",
            bytes[..bytes.len() - 10].to_vec(),
        );
        // The same bundle re-packed at its top by another tool: the names are a bundle's, the
        // ZIP flags are 0x0000 (what Python's zipfile and Windows write for ASCII names) and
        // every entry has the time of the re-packing (2024-12-04 12:00), not custody's fixed one.
        let mut repacked = bytes.clone();
        let a = custody_core::archive::Archive::open(Box::new(bytes.clone())).expect("sealed archive");
        let mut cd = a.central_directory_offset() as usize;
        for e in a.entries() {
            let local = e.header_offset as usize;
            let (time, date) = (0x6000u16.to_le_bytes(), 0x5984u16.to_le_bytes());
            repacked[local + 6..local + 8].copy_from_slice(&[0, 0]);
            repacked[local + 10..local + 12].copy_from_slice(&time);
            repacked[local + 12..local + 14].copy_from_slice(&date);
            repacked[cd + 8..cd + 10].copy_from_slice(&[0, 0]);
            repacked[cd + 12..cd + 14].copy_from_slice(&time);
            repacked[cd + 14..cd + 16].copy_from_slice(&date);
            let field = |i: usize| usize::from(u16::from_le_bytes([bytes[cd + i], bytes[cd + i + 1]]));
            cd += 46 + field(28) + field(30) + field(32);
        }
        raw(
            "not-a-bundle-rezipped-top-level",
            "a bundle's files packed again at the top of a new ZIP by another tool (ZIP flags 0x0000, its own times)",
            "bundle.not_a_bundle",
            repacked,
        );
        let rezipped: Vec<(String, Vec<u8>)> = sealed.iter().map(|(n, d)| (format!("case/{n}"), d.clone())).collect();
        raw(
            "not-a-bundle-rezipped",
            "a bundle's files packed again into a new ZIP inside the folder case/",
            "bundle.not_a_bundle",
            write_archive_unchecked(&rezipped, t),
        );
    }
    vectors.extend(container_vectors(&sealed, t));
    chain_vectors(out, &mut vectors);
    receipt_vectors(out, &mut vectors);
    timestamp_vectors(out, &mut vectors);
    log_vectors(out, &alice, &sealed, &mut vectors);
    statement_vectors(out, &mut vectors);
    document_vectors(out, &mut vectors);
    examination_vectors(out, &mut vectors);
    disposition_vectors(out, &mut vectors);
    derivation_vectors(out, &mut vectors);

    let trust = trust::TrustList::parse(&fs::read_to_string(out.join("keys/trusted-alice.txt")).expect("trust"))
        .expect("parse trust");
    let mut index = vec![];
    let at: custody_core::provenance::Date = EVALUATED_AT.parse().expect("date");
    let opts = VerifyOptions::default().with_at(Some(at));
    for (name, description, expect, bytes) in &vectors {
        let path = out.join(format!("{name}.zip"));
        fs::write(&path, bytes).expect("write vector");
        let report = verify_path(&path, &opts).expect("verify");
        let mut failures: Vec<&str> = report.failures();
        failures.sort();
        failures.dedup();
        if let Some(code) = expect {
            assert!(failures.contains(&code.as_str()), "vector {name}: expected {code}, got {failures:?}");
        }
        let trusted = verify_path(&path, &opts.clone().with_trust(Some(trust.clone()))).expect("verify");
        let codes = |r: &custody_core::verify::Report, level: custody_core::verify::Level, trust_only: bool| {
            let mut c: Vec<String> = r
                .checks
                .iter()
                .filter(|c| c.level == level && (!trust_only || c.code.as_str().starts_with("trust.")))
                .map(|c| c.code.to_string())
                .collect();
            c.sort();
            c.dedup();
            c
        };
        let warnings = codes(&report, custody_core::verify::Level::Warn, false);
        let mut trust_codes = codes(&trusted, custody_core::verify::Level::Fail, true);
        trust_codes.extend(codes(&trusted, custody_core::verify::Level::Pass, true));
        index.push(json!({
            "file": format!("{name}.zip"),
            "description": description,
            "expect": expect,
            "state": report.state,
            "state_with_trust_list": trusted.state,
            "failures": failures,
            "warnings": warnings,
            "trust_list_checks": trust_codes,
        }));
    }
    let full = |name: &str| {
        let r = verify_path(&out.join(name), &opts).expect("verify");
        let mut v = serde_json::to_value(&r).expect("json");
        normalise_report(&mut v);
        v
    };
    let with_list = |list: &str| {
        verify_path(
            &out.join("sealed.zip"),
            &opts.clone().with_trust(Some(
                trust::TrustList::parse(&fs::read_to_string(out.join(list)).expect("read")).expect("parse"),
            )),
        )
        .expect("verify")
    };
    let misnamed_report = with_list("keys/trusted-alice-misnamed.txt");
    let bare_report = with_list("keys/trusted-alice-fingerprint-only.txt");
    let validity: Vec<Value> = [
        ("valid", "a trust list whose validity period for Alice's key covers the seal"),
        ("expired", "a trust list whose validity period for Alice's key ended before the seal"),
        ("revoked", "a trust list that revokes Alice's key after the seal, which no trusted time proves earlier"),
    ]
    .into_iter()
    .map(|(name, description)| {
        let list = format!("keys/trusted-alice-{name}.txt");
        let r = with_list(&list);
        json!({"file": "sealed.zip", "trust_list": list, "description": description, "state": r.state, "failures": r.failures()})
    })
    .collect();
    let mut trust_cases = vec![
        json!({
            "file": "sealed.zip",
            "trust_list": "keys/trusted-alice-misnamed.txt",
            "description": "a trust list that names Alice's key with another holder",
            "state": misnamed_report.state,
            "failures": misnamed_report.failures(),
        }),
        json!({
            "file": "sealed.zip",
            "trust_list": "keys/trusted-alice-fingerprint-only.txt",
            "description": "a trust list that lists Alice's key by fingerprint only, which vouches for no one",
            "state": bare_report.state,
            "failures": bare_report.failures(),
        }),
    ];
    trust_cases.extend(validity);
    let list = "keys/trusted-bo-alice-revoked.txt";
    let r = verify_path(
        &out.join("derived-valid.zip"),
        &opts.clone().with_trust(Some(
            trust::TrustList::parse(&fs::read_to_string(out.join(list)).expect("read")).expect("parse"),
        )),
    )
    .expect("verify");
    trust_cases.push(json!({
        "file": "derived-valid.zip", "trust_list": list,
        "description": "a trust list that trusts Bo and revokes Alice's key after she sealed the parent: the derived \
                        bundle carries no token, so her parent seal is not trusted (trust.key_revoked)",
        "state": r.state, "failures": r.failures(),
    }));
    // §9.7: derived bundles checked against a parent (`verify --parent`), one verdict each.
    let parent_cases: Vec<Value> = [
        ("derived-recorded.zip", "derivation-recorded.zip", "the copy against the original that records it"),
        ("derived-recorded.zip", "mla-case.zip", "the copy against the original as it was before recording it"),
        ("derived-after-recorded.zip", "derivation-recorded.zip", "a second copy against the original it names"),
        ("derived-after-recorded.zip", "mla-case.zip", "a second copy against an older state of its original"),
        ("derived-recorded.zip", "sealed.zip", "the copy against another bundle"),
        ("sealed.zip", "mla-case.zip", "a bundle that is not derived"),
        ("derived-recorded.zip", "parent-derivation-other-items.zip", "a derivation event naming other items"),
        ("derived-recorded.zip", "parent-derivation-other-seal.zip", "a derivation event naming another seal"),
        ("derived-recorded.zip", "parent-derivation-other-previous.zip", "a derivation event after another event"),
        ("derived-recorded.zip", "parent-derivation-twice.zip", "a copy recorded twice in its parent"),
        ("derived-after-false.zip", "parent-derivation-false-then-true.zip", "a copy recorded after a false record"),
        ("derived-recorded.zip", "chain-event-deleted.zip", "a parent that does not verify"),
        ("derived-case-edited.zip", "mla-case.zip", "a copy that does not verify on its own (its case edited)"),
    ]
    .into_iter()
    .map(|(file, parent, description)| {
        let r = custody_core::verify::verify_with_parent(&out.join(file), &out.join(parent), &opts).expect("verify");
        let p = r.parent.expect("a parent report");
        let codes = |level: custody_core::verify::Level| {
            let mut c: Vec<String> = p.checks.iter().filter(|c| c.level == level).map(|c| c.code.to_string()).collect();
            c.dedup();
            c
        };
        json!({
            "file": file, "parent": parent, "description": description, "state": r.state, "verdict": p.verdict,
            "failures": codes(custody_core::verify::Level::Fail), "warnings": codes(custody_core::verify::Level::Warn),
            "passes": codes(custody_core::verify::Level::Pass),
        })
    })
    .collect();
    let text = serde_json::to_string_pretty(&json!({
        "about": "Test vectors for the custody bundle format. Regenerate with: cargo run -p custody-core --example make-vectors. The keys in keys/ are derived from public seeds and are NOT secret.",
        "evaluated_at": EVALUATED_AT,
        "vectors": index,
        "trust_cases": trust_cases,
        "parent_cases": parent_cases,
        "sealed_report": full("sealed.zip"),
        "chain_report": full("chain-4party.zip"),
    }))
    .expect("json");
    fs::write(out.join("vectors.json"), text + "\n").expect("write index");
}

fn party(name: &str) -> KeyPair {
    match name {
        "alice" => key("alice", "Alice Wang", "City Police, Cyber Unit", Role::Investigator, "CN"),
        "bob" => key("bob", "Bo Li", "City Procuratorate", Role::Prosecutor, "CN"),
        "chen" => key("chen", "Chen Yu", "Ministry of Justice, Central Authority", Role::CentralAuthority, "CN"),
        "dana" => key("dana", "Dana Schmidt", "Bundesamt für Justiz", Role::CentralAuthority, "DE"),
        _ => key("mallory", "Mallory", "Unknown", Role::Other, "US"),
    }
}

fn give(path: &Path, from: &str, to: &str, purpose: &str, time: &str, extra: impl FnOnce(&mut TransferOptions)) {
    let (k, r) = (party(from), party(to));
    let mut o = TransferOptions::new(&k, r.public(), r.identity.clone(), purpose);
    o.time = Some(ts(time));
    extra(&mut o);
    transfer(path, None, &o).expect("transfer");
}

/// Receives as `who`, checking the sealer and sender against a trust list of all four parties.
fn take(path: &Path, who: &str, time: &str, extra: impl FnOnce(&mut ReceiveOptions)) {
    let text: String = ["alice", "bob", "chen", "dana"]
        .iter()
        .map(|p| {
            let k = party(p);
            format!("{}\n", trust::entry_line(&k.public().fingerprint(), &k.identity))
        })
        .collect();
    let list = trust::TrustList::parse(&text).expect("trust list");
    let mut o =
        ReceiveOptions::default().with_time(ts(time)).with_jobs(1).with_trust(list, Sha256Digest::of(text.as_bytes()));
    extra(&mut o);
    receive(path, None, &party(who), &o).expect("receive");
}

/// Edits the manifest as JSON and has Alice re-sign it and the seal event that binds it.
fn edit_manifest(e: &mut Entries, edit: impl FnOnce(&mut Value)) {
    let mut v: Value = serde_json::from_slice(get(e, "custody/manifest.json")).expect("json");
    edit(&mut v);
    let mut doc = serde_json::to_vec_pretty(&v).expect("json");
    doc.push(b'\n');
    resign_bound(e, &party("alice"), "custody/manifest.json", doc);
}

/// [`edit_manifest`], the seal event's Merkle commitment left as sealed (§5.12): what an
/// editor who can re-sign but does not re-commit would produce.
fn edit_manifest_keeping_commitment(e: &mut Entries, edit: impl FnOnce(&mut Value)) {
    let mut v: Value = serde_json::from_slice(get(e, "custody/manifest.json")).expect("json");
    edit(&mut v);
    let mut doc = serde_json::to_vec_pretty(&v).expect("json");
    doc.push(b'\n');
    resign_bound_with(e, &party("alice"), "custody/manifest.json", doc, false);
}

/// Edits the seal event as JSON and has Alice re-sign it.
fn edit_seal_event(e: &mut Entries, edit: impl FnOnce(&mut Value)) {
    let name = "custody/events/000000-seal.json";
    let mut v: Value = serde_json::from_slice(get(e, name)).expect("json");
    edit(&mut v);
    let mut bytes = serde_json::to_vec_pretty(&v).expect("json");
    bytes.push(b'\n');
    *get(e, &format!("{name}.sig")) = party("alice").sign(&bytes).expect("a key in memory signs").to_vec();
    *get(e, name) = bytes;
    refresh_tagmanifest(e);
}

/// Replaces a document bound by the seal event with `doc`, signed by `signer`, and re-signs
/// the seal event with the new binding: what a signer could do to its own bundle.
fn resign_bound(e: &mut Entries, signer: &KeyPair, name: &str, doc: Vec<u8>) {
    resign_bound_with(e, signer, name, doc, true)
}

/// [`resign_bound`], and, if `recommit` and `name` is a manifest that still parses, the seal
/// event's Merkle commitment recomputed for it (§5.12): what a sealer re-sealing would sign.
fn resign_bound_with(e: &mut Entries, signer: &KeyPair, name: &str, doc: Vec<u8>, recommit: bool) {
    let tree = match serde_json::from_slice::<custody_core::manifest::Manifest>(&doc) {
        Ok(m) if recommit && name == "custody/manifest.json" => custody_core::commit::tree(&m, &m.commitment.seed.0),
        _ => None,
    };
    let sig = signer.sign(&doc).expect("a key in memory signs").to_vec();
    let (doc_sha, sig_sha) = (Sha256Digest::of(&doc).hex(), Sha256Digest::of(&sig).hex());
    *get(e, name) = doc;
    // The manifest has no signature of its own (format 2): the seal binds it.
    if let Some((_, s)) = e.iter_mut().find(|(n, _)| *n == format!("{name}.sig")) {
        *s = sig;
    }
    let seal = "custody/events/000000-seal.json";
    let mut v: Value = serde_json::from_slice(get(e, seal)).expect("json");
    for f in v["files"].as_array_mut().expect("files") {
        if f["path"] == name {
            f["sha256"] = json!(doc_sha);
        } else if f["path"] == format!("{name}.sig") {
            f["sha256"] = json!(sig_sha);
        }
    }
    if let Some(tree) = tree {
        v["commitment"]["tree_size"] = json!(tree.tree_size);
        v["commitment"]["root"] = json!(Sha256Digest(tree.root).hex());
    }
    let mut bytes = serde_json::to_vec_pretty(&v).expect("json");
    bytes.push(b'\n');
    *get(e, &format!("{seal}.sig")) = signer.sign(&bytes).expect("a key in memory signs").to_vec();
    *get(e, seal) = bytes;
    refresh_tagmanifest(e);
}

/// Appends a hand-crafted event, signed by `signer`, chained to the last event: what a
/// party holding a real key, but breaking the rules, could write.
fn push_event(e: &mut Entries, signer: &KeyPair, edit: impl FnOnce(&mut Value)) {
    let mut events: Vec<(String, Vec<u8>)> =
        e.iter().filter(|(n, _)| n.starts_with("custody/events/") && n.ends_with(".json")).cloned().collect();
    events.sort();
    let (_, last) = events.last().expect("events");
    let last_v: Value = serde_json::from_slice(last).expect("event");
    let seq = last_v["sequence"].as_u64().expect("seq") + 1;
    let mut v = last_v.clone();
    v["sequence"] = json!(seq);
    v["previous_event_sha256"] = json!(Sha256Digest::of(last).hex());
    v["signer"] = json!(custody_core::manifest::Signer::new(signer.public().fingerprint(), &signer.identity));
    v["files"] = json!([]);
    // Only a seal carries a commitment (§5.12); the copy is of another type.
    if let Some(o) = v.as_object_mut() {
        o.remove("commitment");
    }
    edit(&mut v);
    let kind = v["type"].as_str().expect("type").to_owned();
    let mut bytes = serde_json::to_vec_pretty(&v).expect("json");
    bytes.push(b'\n');
    let name = format!("custody/events/{seq:06}-{kind}.json");
    let at = e.len() - 1;
    e.insert(at, (format!("{name}.sig"), signer.sign(&bytes).expect("a key in memory signs").to_vec()));
    e.insert(at, (name, bytes));
    refresh_tagmanifest(e);
}

/// The four-party chain and the ways a chain can be broken.
fn chain_vectors(out: &Path, vectors: &mut Vec<(String, String, Option<String>, Vec<u8>)>) {
    let work = tempfile::tempdir().expect("tempdir");
    let chain = work.path().join("chain.zip");
    fs::copy(out.join("sealed.zip"), &chain).expect("copy");
    give(&chain, "alice", "bob", "prosecution review", "2026-11-20T11:00:00Z", |o| {
        o.conditions = vec![(ConditionKind::UseLimitation, "only for proceedings 2026-CT-0412".into())];
    });
    take(&chain, "bob", "2026-11-20T12:00:00Z", |_| {});
    give(&chain, "bob", "chen", "request for mutual legal assistance to Germany", "2026-11-21T09:00:00Z", |_| {});
    take(&chain, "chen", "2026-11-21T10:00:00Z", |_| {});
    give(&chain, "chen", "dana", "execution of MLA request MLA-CN-DE-2026-0077", "2026-11-22T08:00:00Z", |o| {
        o.legal_basis = Some("Budapest Convention art. 25 and 31; CN-DE MLA treaty art. 7".into());
        o.request_reference = Some("MLA-CN-DE-2026-0077".into());
        o.conditions = vec![
            (ConditionKind::UseLimitation, "only for criminal proceedings concerning case 2026-CT-0412".into()),
            (
                ConditionKind::OnwardTransfer,
                "not to a third state without prior consent of the CN Ministry of Justice".into(),
            ),
            (ConditionKind::Retention, "delete by 2031-12-31".into()),
        ];
    });
    take(&chain, "dana", "2026-11-22T15:00:00Z", |o| {
        o.reject_items = vec![("item-3".into(), "not covered by the request".into())];
        o.refuse_conditions = vec![(3, "German law requires retention until proceedings end".into())];
    });
    let pending_copy = work.path().join("pending.zip");
    fs::copy(out.join("sealed.zip"), &pending_copy).expect("copy");
    give(&pending_copy, "alice", "bob", "prosecution review", "2026-11-20T11:00:00Z", |_| {});
    let pending = fs::read(&pending_copy).expect("read");
    vectors.push((
        "chain-transfer-pending".into(),
        "a valid bundle whose transfer to Bo awaits its receipt (a warning, not a failure)".into(),
        None,
        pending.clone(),
    ));
    let mut e = read_archive(pending.clone()).expect("parse");
    push_event(&mut e, &party("bob"), |v| {
        let r = json!({"transfer_sequence": 1, "decision": "accepted",
            "verification": {"state": "intact", "failures": []},
            "items_total": 2, "exceptions": [], "conditions": []});
        v["type"] = json!("receipt");
        v["time"] = json!("2026-11-20T12:00:00Z");
        v.as_object_mut().expect("object").remove("transfer");
        v["receipt"] = r;
    });
    vectors.push((
        "chain-receipt-incomplete".into(),
        "Bo's receipt answers for two items (items_total 2) of a bundle of three".into(),
        Some("receipt.invalid".into()),
        write_archive(&e, ts("2026-11-20T12:00:00Z").as_datetime()).expect("write"),
    ));
    let mut e = read_archive(pending.clone()).expect("parse");
    push_event(&mut e, &party("bob"), |v| {
        v["type"] = json!("receipt");
        v["time"] = json!("2026-11-20T12:00:00Z");
        v.as_object_mut().expect("object").remove("transfer");
        v["receipt"] = json!({"transfer_sequence": 1, "decision": "accepted",
            "verification": {"state": "intact", "failures": []}, "items_total": 3, "exceptions": [],
            "conditions": []});
    });
    vectors.push((
        "receipt-trust-unrecorded".into(),
        "Bo's receipt accepts the bundle without recording whether its sealer and sender were checked against \
         a trust list"
            .into(),
        Some("receipt.trust_unrecorded".into()),
        write_archive(&e, ts("2026-11-20T12:00:00Z").as_datetime()).expect("write"),
    ));
    // Receipts whose trust record shows an acceptance without a trust list's backing, and
    // one that judges the same key (Alice sealed and sent) both ways (spec §7.3).
    let untrusted_receipt = |sealer_trusted: bool, sender_trusted: bool, list: Value| {
        let mut e = read_archive(pending.clone()).expect("parse");
        push_event(&mut e, &party("bob"), |v| {
            v["type"] = json!("receipt");
            v["time"] = json!("2026-11-20T12:00:00Z");
            v.as_object_mut().expect("object").remove("transfer");
            v["receipt"] = json!({"transfer_sequence": 1, "decision": "accepted",
                "verification": {"state": "intact", "failures": [], "trust_list_sha256": list,
                    "sealer_trusted": sealer_trusted, "sender_trusted": sender_trusted,
                    "tsa_roots_sha256": null, "tsa_trusted": null},
                "items_total": 3, "exceptions": [], "conditions": []});
        });
        write_archive(&e, ts("2026-11-20T12:00:00Z").as_datetime()).expect("write")
    };
    vectors.push((
        "receipt-accepted-untrusted".into(),
        "Bo accepted with --accept-untrusted (no trust list vouched for Alice): valid, with the warning \
         receipt.accepted_untrusted"
            .into(),
        None,
        untrusted_receipt(false, false, Value::Null),
    ));
    vectors.push((
        "receipt-trust-inconsistent".into(),
        "Bo's receipt records Alice, who sealed and sent the bundle, as trusted sealer but untrusted sender".into(),
        Some("receipt.invalid".into()),
        untrusted_receipt(true, false, json!(Sha256Digest::of(b"a trust list").hex())),
    ));
    let full = fs::read(&chain).expect("read");
    vectors.push(("chain-4party".into(), "sealed by Alice; to Bo (prosecutor), to Chen (CN central authority), to Dana (DE central authority), who accepts in part".into(), None, full.clone()));
    let entries = read_archive(full).expect("parse");
    let t = ts("2026-11-22T15:00:00Z").as_datetime();
    let mut neg = |name: &str, description: &str, expect: &str, e: Entries| {
        vectors.push((name.into(), description.into(), Some(expect.into()), write_archive(&e, t).expect("write")));
    };

    let mut e = entries.clone();
    e.retain(|(n, _)| !n.starts_with("custody/events/000003-transfer.json"));
    refresh_tagmanifest(&mut e);
    neg(
        "chain-event-deleted",
        "event 3 (a transfer) and its signature removed from the middle",
        "event.sequence_gap",
        e,
    );

    let mut e = entries.clone();
    for (n, _) in e.iter_mut() {
        if let Some(rest) = n.strip_prefix("custody/events/000003-transfer.json") {
            *n = format!("custody/events/000004-transfer.json{rest}");
        } else if let Some(rest) = n.strip_prefix("custody/events/000004-receipt.json") {
            *n = format!("custody/events/000003-receipt.json{rest}");
        }
    }
    refresh_tagmanifest(&mut e);
    neg("chain-events-swapped", "events 3 and 4 swapped by renaming their files", "event.invalid", e);

    // An event from another bundle: a transfer Alice signed for bundle 000...0, spliced in.
    let spliced_from = {
        let mut e2 = entries.clone();
        let alice = party("alice");
        e2.retain(|(n, _)| !n.starts_with("custody/events/") || n.starts_with("custody/events/000000"));
        refresh_tagmanifest(&mut e2);
        push_event(&mut e2, &alice, |v| {
            v["bundle_id"] = json!("00000000000000000000000000000000");
            v["type"] = json!("transfer");
            v.as_object_mut().expect("obj").remove("receipt");
            v["transfer"] = json!({"recipient": custody_core::manifest::Signer::new(party("bob").public().fingerprint(), &party("bob").identity),
                                   "purpose": "prosecution review", "conditions": []});
        });
        e2
    };
    neg(
        "chain-spliced",
        "event 1 replaced by a transfer Alice signed for another bundle",
        "event.wrong_bundle",
        spliced_from,
    );

    let mut e = entries.clone();
    e.retain(|(n, _)| {
        !n.starts_with("custody/events/")
            || n.starts_with("custody/events/000000")
            || n.starts_with("custody/events/000001")
    });
    refresh_tagmanifest(&mut e);
    let receipt2: Value = serde_json::from_slice(
        &entries.iter().find(|(n, _)| n == "custody/events/000002-receipt.json").expect("receipt").1,
    )
    .expect("json");
    push_event(&mut e, &party("chen"), |v| {
        *v = json!({
            "format": v["format"], "bundle_id": v["bundle_id"], "sequence": v["sequence"], "type": "receipt",
            "previous_event_sha256": v["previous_event_sha256"], "time": "2026-11-20T12:00:00Z",
            "signer": v["signer"], "tool": v["tool"], "files": [], "receipt": receipt2["receipt"],
        });
    });
    neg(
        "chain-receipt-wrong-key",
        "the receipt of transfer 1 signed by Chen, not by Bo whom the transfer named",
        "event.not_entitled",
        e,
    );

    let mut e = read_archive(fs::read(out.join("sealed.zip")).expect("read")).expect("parse");
    push_event(&mut e, &party("chen"), |v| {
        v["type"] = json!("transfer");
        v["time"] = json!("2026-11-20T11:00:00Z");
        v["transfer"] = json!({"recipient": custody_core::manifest::Signer::new(party("dana").public().fingerprint(), &party("dana").identity),
                               "purpose": "taking the bundle", "conditions": []});
    });
    neg(
        "chain-transfer-not-custodian",
        "a transfer signed by Chen, who never held the bundle",
        "event.not_entitled",
        e,
    );

    // What each event may add (issue #13.5): Alice's transfer to Bo adds his key file and,
    // beside it, a file outside data/ that unzip shows next to the evidence.
    let to_bob = |v: &mut Value, files: Value| {
        v["type"] = json!("transfer");
        v["time"] = json!("2026-11-20T11:00:00Z");
        v.as_object_mut().expect("obj").remove("receipt");
        v["transfer"] = json!({"recipient": custody_core::manifest::Signer::new(party("bob").public().fingerprint(), &party("bob").identity),
                               "purpose": "prosecution review", "conditions": []});
        v["files"] = files;
    };
    let sealed_entries = read_archive(fs::read(out.join("sealed.zip")).expect("read")).expect("parse");
    let mut e = sealed_entries.clone();
    let bob_key = (
        format!("custody/keys/{}.pem", party("bob").public().fingerprint().hex()),
        party("bob").public_key_file().into_bytes(),
    );
    let smuggled = ("DATA/item-1/confession.txt".to_string(), b"I did it.\n".to_vec());
    let at = e.len() - 1;
    e.insert(at, smuggled.clone());
    e.insert(at, bob_key.clone());
    refresh_tagmanifest(&mut e);
    push_event(&mut e, &party("alice"), |v| {
        let files = json!([
            {"path": bob_key.0, "sha256": Sha256Digest::of(&bob_key.1).hex()},
            {"path": smuggled.0, "sha256": Sha256Digest::of(&smuggled.1).hex()},
        ]);
        to_bob(v, files)
    });
    neg(
        "chain-transfer-smuggled-file",
        "Alice's transfer to Bo also adds and binds DATA/item-1/confession.txt, which unzip shows beside the evidence",
        "event.unexpected_file",
        e,
    );
    let mut e = sealed_entries.clone();
    push_event(&mut e, &party("alice"), |v| to_bob(v, json!([])));
    neg(
        "chain-transfer-no-recipient-key",
        "Alice's transfer to Bo does not add Bo's key file, so his receipt could never be checked",
        "event.recipient_key_missing",
        e,
    );

    let mut e = entries.clone();
    e.retain(|(n, _)| {
        !n.starts_with("custody/events/")
            || n.starts_with("custody/events/000000")
            || n.starts_with("custody/events/000001")
    });
    refresh_tagmanifest(&mut e);
    push_event(&mut e, &party("alice"), |v| {
        v["time"] = json!("2026-11-20T11:30:00Z");
        v["transfer"]["recipient"] =
            json!(custody_core::manifest::Signer::new(party("chen").public().fingerprint(), &party("chen").identity));
    });
    neg(
        "chain-second-transfer-pending",
        "Alice transfers again while her transfer to Bo awaits its receipt",
        "event.transfer_pending",
        e,
    );

    let mut e = entries.clone();
    push_event(&mut e, &party("dana"), |v| {
        let mut bo = party("bob").identity.clone();
        bo.organisation = "Another Office".into();
        v["type"] = json!("transfer");
        v["time"] = json!("2026-11-23T08:00:00Z");
        v.as_object_mut().expect("object").remove("receipt");
        v["transfer"] = json!({"recipient": custody_core::manifest::Signer::new(party("bob").public().fingerprint(), &bo),
                               "purpose": "return", "conditions": []});
    });
    neg(
        "chain-recipient-mismatch",
        "Dana transfers to Bo's key under another organisation than its key file says",
        "event.recipient_mismatch",
        e,
    );

    let mut e = entries.clone();
    get(&mut e, "data/item-1/capture-01/index.html")[10] ^= 1;
    neg(
        "chain-receipt-accepts-damaged",
        "an accepted item's file changed: the receipts accepting it are now false",
        "receipt.accepts_damaged_item",
        e,
    );

    // Two keys claiming one person (issue #13.8): Alice hands the bundle to a second key
    // whose holder is "ALICE  WANG" of her office. Valid, with a warning. Then the same with
    // fullwidth letters, a zero-width space and a soft hyphen (review of #13.8).
    for (vector, seed, name, org, description) in [
        (
            "key-duplicate-identity",
            "alice-2",
            "ALICE  WANG",
            "City Police,  Cyber Unit",
            "Alice transfers to a second key naming ALICE  WANG of her office: valid, with the warning key.duplicate_identity",
        ),
        (
            "key-duplicate-identity-lookalike",
            "alice-3",
            "\u{ff21}lice\u{200b} Wang",
            "City Po\u{ad}lice, Cyber Unit",
            "Alice transfers to a second key naming \u{ff21}lice Wang (fullwidth A, a zero-width space) of City Po-lice \
             (a soft hyphen): valid, with the warning key.duplicate_identity",
        ),
    ] {
        let alice2 = key(seed, name, org, Role::Investigator, "CN");
        let mut e = read_archive(fs::read(out.join("sealed.zip")).expect("read")).expect("parse");
        let key2 = (
            format!("custody/keys/{}.pem", alice2.public().fingerprint().hex()),
            alice2.public_key_file().into_bytes(),
        );
        let at = e.len() - 1;
        e.insert(at, key2.clone());
        push_event(&mut e, &party("alice"), |v| {
            v["type"] = json!("transfer");
            v["time"] = json!("2026-11-20T11:00:00Z");
            v.as_object_mut().expect("obj").remove("receipt");
            v["transfer"] = json!({"recipient": custody_core::manifest::Signer::new(alice2.public().fingerprint(), &alice2.identity),
                                   "purpose": "moving to a new key", "conditions": []});
            v["files"] = json!([{"path": key2.0, "sha256": Sha256Digest::of(&key2.1).hex()}]);
        });
        vectors.push((
            vector.into(),
            description.into(),
            None,
            write_archive(&e, ts("2026-11-20T11:00:00Z").as_datetime()).expect("write"),
        ));
    }
}

/// Wei Zhang, a notary who witnesses captures: a countersigner who never holds custody.
fn witness() -> KeyPair {
    key("wei", "Wei Zhang", "Xuhui Notary Office", Role::Witness, "CN")
}

/// Appends a hand-crafted `countersign` event signed by `carrier`, carrying a statement by
/// `author` (built from a valid one, then `edit`ed as JSON) with its signature (by `sig_by`,
/// the author unless a vector forges it) and, if `with_key`, the author's key file: what a
/// party holding real keys, but breaking the rules, could write.
fn push_carrier(
    e: &mut Entries,
    carrier: &KeyPair,
    author: &KeyPair,
    sig_by: &KeyPair,
    with_key: bool,
    edit: impl FnOnce(&mut Value),
) {
    let seal = get(e, "custody/events/000000-seal.json").clone();
    let bundle_id: Value = serde_json::from_slice::<Value>(&seal).expect("seal")["bundle_id"].clone();
    let seq = e.iter().filter(|(n, _)| n.starts_with("custody/events/") && n.ends_with(".json")).count();
    let mut st = json!({
        "format": "custody.statement/2", "kind": "countersign", "bundle_id": bundle_id,
        "concerns": [{"sequence": 0, "sha256": Sha256Digest::of(&seal).hex()}],
        "time": "2026-11-20T10:30:00Z",
        "author": custody_core::manifest::Signer::new(author.public().fingerprint(), &author.identity),
        "capacity": "witness", "tool": {"name": "custody", "version": "0.0.0-vectors"},
        "countersign": {"text": "I watched the capture of item-1 and the seal.", "language": "en"}
    });
    edit(&mut st);
    // The carrying event's type is the statement's kind (an edit may make it an access record).
    let kind = st["kind"].as_str().unwrap_or("countersign").to_owned();
    let mut bytes = serde_json::to_vec_pretty(&st).expect("json");
    bytes.push(b'\n');
    let path = format!("custody/statements/{seq:06}-{kind}.json");
    let mut added = vec![
        (path.clone(), bytes.clone()),
        (format!("{path}.sig"), sig_by.sign(&bytes).expect("a key in memory signs").to_vec()),
    ];
    let key_path = format!("custody/keys/{}.pem", author.public().fingerprint().hex());
    if with_key && !e.iter().any(|(n, _)| *n == key_path) {
        added.push((key_path, author.public_key_file().into_bytes()));
    }
    let files: Vec<Value> =
        added.iter().map(|(p, d)| json!({"path": p, "sha256": Sha256Digest::of(d).hex()})).collect();
    for f in added {
        let at = e.len() - 1;
        e.insert(at, f);
    }
    push_event(e, carrier, |v| {
        let o = v.as_object_mut().expect("object");
        o.remove("transfer");
        o.remove("receipt");
        v["type"] = json!(kind);
        v["time"] = json!("2026-11-20T11:00:00Z");
        v[kind.as_str()] = json!({"statement": path});
        v["files"] = json!(files);
    });
}

/// Statements (spec §5.7): a witness's countersignature added by the custodian, one made by
/// the custodian, and the ways a statement or its carrier can be wrong.
fn statement_vectors(out: &Path, vectors: &mut Vec<(String, String, Option<String>, Vec<u8>)>) {
    use custody_core::handover::{AddOptions, CountersignOptions, Countersigned, add, countersign};
    use custody_core::statement::Capacity;
    let work = tempfile::tempdir().expect("tempdir");
    let (alice, wei) = (party("alice"), witness());
    let t = ts("2026-11-20T11:00:00Z").as_datetime();
    // The witness countersigns on their own copy; the custodian adds the package.
    let witnessed = work.path().join("witnessed.zip");
    fs::copy(out.join("sealed.zip"), &witnessed).expect("copy");
    let mut o = CountersignOptions::new(&wei, 0, Capacity::Witness);
    o.text = Some("I watched the capture of item-1 and the seal.".into());
    (o.language, o.place, o.time) = (Some("en".into()), Some("Shanghai".into()), Some(ts("2026-11-20T10:30:00Z")));
    o.package = Some(work.path().join("wei.custody-statement"));
    let Countersigned::Package { path, .. } = countersign(&witnessed, None, &o).expect("countersign") else {
        panic!("the witness does not hold custody")
    };
    let mut a = AddOptions::new(&alice);
    a.time = Some(ts("2026-11-20T11:00:00Z"));
    add(&witnessed, None, &[path], &a).expect("add");
    let witnessed = fs::read(&witnessed).expect("read");
    vectors.push((
        "countersign-witness".into(),
        "a valid bundle: Wei Zhang (notary) countersigned the seal as a witness on his copy, and Alice, the \
         custodian, added his statement package"
            .into(),
        None,
        witnessed.clone(),
    ));
    // The custodian countersigns directly: Bo, after receiving the bundle, as prosecutor.
    let by_custodian = work.path().join("by-custodian.zip");
    fs::copy(out.join("sealed.zip"), &by_custodian).expect("copy");
    give(&by_custodian, "alice", "bob", "prosecution review", "2026-11-20T11:00:00Z", |_| {});
    take(&by_custodian, "bob", "2026-11-20T12:00:00Z", |_| {});
    let bob = party("bob");
    let mut o = CountersignOptions::new(&bob, 0, Capacity::Prosecutor);
    (o.text, o.time) = (Some("Reviewed the seal on receipt.".into()), Some(ts("2026-11-20T12:30:00Z")));
    let done = countersign(&by_custodian, None, &o).expect("countersign");
    assert!(matches!(done, Countersigned::Appended { .. }), "Bo holds custody");
    vectors.push((
        "countersign-by-custodian".into(),
        "a valid bundle: Bo, the custodian after a receipt, countersigned the seal as prosecutor; his statement \
         was appended at once"
            .into(),
        None,
        fs::read(&by_custodian).expect("read"),
    ));
    // An examiner extracts on their own copy and records it; the custodian adds the record.
    let accessed = work.path().join("accessed.zip");
    fs::copy(out.join("sealed.zip"), &accessed).expect("copy");
    let mut o = custody_core::handover::AccessOptions::new(&wei, Capacity::Examiner, "expert report on item-1".into());
    (o.items, o.time) = (Some(vec!["item-1".into(), "item-2".into()]), Some(ts("2026-11-20T10:40:00Z")));
    o.package = Some(work.path().join("access.custody-statement"));
    let Countersigned::Package { path, .. } = custody_core::handover::access(&accessed, &o).expect("access") else {
        panic!("the examiner does not hold custody")
    };
    add(&accessed, None, &[path], &a).expect("add");
    vectors.push((
        "access-by-examiner".into(),
        "a valid bundle: Wei Zhang extracted item-1 and item-2 on his copy for an expert report and signed an \
         access record; Alice, the custodian, added it"
            .into(),
        None,
        fs::read(&accessed).expect("read"),
    ));
    let sealed = read_archive(fs::read(out.join("sealed.zip")).expect("read")).expect("parse");
    let pending_copy = work.path().join("pending.zip");
    fs::copy(out.join("sealed.zip"), &pending_copy).expect("copy");
    give(&pending_copy, "alice", "bob", "prosecution review", "2026-11-20T10:45:00Z", |_| {});
    let pending = read_archive(fs::read(&pending_copy).expect("read")).expect("parse");
    type Crafted = (&'static str, &'static str, Option<&'static str>, Box<dyn Fn(&mut Entries)>);
    let kp = |name: &str| if name == "wei" { witness() } else { party(name) };
    let carried = move |carrier: &'static str,
                        author: &'static str,
                        sig_by: &'static str,
                        with_key: bool,
                        edit: fn(&mut Value)| {
        Box::new(move |e: &mut Entries| push_carrier(e, &kp(carrier), &kp(author), &kp(sig_by), with_key, edit))
            as Box<dyn Fn(&mut Entries)>
    };
    let cases: Vec<Crafted> = vec![
        (
            "countersign-wrong-hash",
            "Wei's statement names event 0 with another SHA-256: he signed a different copy",
            Some("statement.concerns_unknown"),
            carried("alice", "wei", "wei", true, |v| {
                v["concerns"][0]["sha256"] = json!(Sha256Digest::of(b"another seal").hex())
            }),
        ),
        (
            "countersign-future-event",
            "Wei's statement concerns event 7, which this bundle does not hold before the event carrying it",
            Some("statement.concerns_unknown"),
            carried("alice", "wei", "wei", true, |v| v["concerns"][0]["sequence"] = json!(7)),
        ),
        (
            "countersign-wrong-bundle",
            "Wei's statement was made about another bundle",
            Some("statement.wrong_bundle"),
            carried("alice", "wei", "wei", true, |v| v["bundle_id"] = json!("0123456789abcdef0123456789abcdef")),
        ),
        (
            "countersign-bad-signature",
            "the statement's signature is Mallory's, not Wei's, and Alice bound it as it is",
            Some("signature.invalid"),
            carried("alice", "wei", "mallory", true, |_| {}),
        ),
        (
            "countersign-author-key-missing",
            "the event carrying Wei's statement does not add his key file",
            Some("key.missing"),
            carried("alice", "wei", "wei", false, |_| {}),
        ),
        (
            "countersign-added-by-non-custodian",
            "Mallory, who does not hold custody, appended her own countersignature",
            Some("event.not_entitled"),
            carried("mallory", "mallory", "mallory", true, |v| v["capacity"] = json!("other")),
        ),
        (
            "countersign-time-before-event",
            "Wei's statement claims to be made before the seal it countersigns",
            Some("statement.time_invalid"),
            carried("alice", "wei", "wei", true, |v| v["time"] = json!("2026-11-20T09:00:00Z")),
        ),
        (
            "access-unknown-item",
            "Wei's access record lists item-9, which the manifest does not hold",
            Some("access.unknown_item"),
            carried("alice", "wei", "wei", true, |v| {
                let o = v.as_object_mut().expect("object");
                o.remove("countersign");
                v["kind"] = json!("access");
                v["capacity"] = json!("examiner");
                v["access"] = json!({"purpose": "expert report", "items": ["item-1", "item-9"]});
            }),
        ),
        (
            "access-items-repeated",
            "Wei's access record lists item-1 twice",
            Some("statement.invalid"),
            carried("alice", "wei", "wei", true, |v| {
                let o = v.as_object_mut().expect("object");
                o.remove("countersign");
                v["kind"] = json!("access");
                v["capacity"] = json!("examiner");
                v["access"] = json!({"purpose": "expert report", "items": ["item-1", "item-1"]});
            }),
        ),
        (
            "access-added-by-non-custodian",
            "Mallory, who does not hold custody, appended her own access record",
            Some("event.not_entitled"),
            carried("mallory", "mallory", "mallory", true, |v| {
                let o = v.as_object_mut().expect("object");
                o.remove("countersign");
                v["kind"] = json!("access");
                v["capacity"] = json!("other");
                v["access"] = json!({"purpose": "curiosity"});
            }),
        ),
        (
            "countersign-own-event",
            "Alice countersigns her own seal as second investigator: valid, with the warning \
             countersign.by_own_signer",
            None,
            carried("alice", "alice", "alice", true, |v| v["capacity"] = json!("second_investigator")),
        ),
    ];
    for (name, description, expect, edit) in cases {
        let mut e = sealed.clone();
        edit(&mut e);
        vectors.push((
            name.into(),
            description.into(),
            expect.map(str::to_owned),
            write_archive(&e, t).expect("write"),
        ));
    }
    let mut e = pending.clone();
    push_carrier(&mut e, &alice, &wei, &wei, true, |_| {});
    vectors.push((
        "countersign-while-pending".into(),
        "Alice added Wei's statement while her transfer to Bo waited for its receipt".into(),
        Some("event.transfer_pending".into()),
        write_archive(&e, t).expect("write"),
    ));
    // The statement changed after the custodian bound it (and re-signed by its author).
    let mut e = read_archive(witnessed).expect("parse");
    let name = "custody/statements/000001-countersign.json";
    let mut v: Value = serde_json::from_slice(get(&mut e, name)).expect("json");
    v["countersign"]["text"] = json!("I did not watch the capture.");
    let mut bytes = serde_json::to_vec_pretty(&v).expect("json");
    bytes.push(b'\n');
    *get(&mut e, &format!("{name}.sig")) = wei.sign(&bytes).expect("a key in memory signs").to_vec();
    *get(&mut e, name) = bytes;
    refresh_tagmanifest(&mut e);
    vectors.push((
        "countersign-statement-edited".into(),
        "Wei's statement was changed (and re-signed by him) after Alice's event bound it".into(),
        Some("event.file_mismatch".into()),
        write_archive(&e, t).expect("write"),
    ));
}

/// The date every vector is verified at (spec §5.2.9's evaluation date, `verify --at`), so
/// that the expected reports do not depend on the day the tests run.
pub const EVALUATED_AT: &str = "2026-12-01";

/// Documents attached after sealing (spec §5.8): a translation attached by a translator on
/// his copy and added by the custodian, an MLA request attached by the custodian herself, and
/// the ways an attachment can be wrong.
fn document_vectors(out: &Path, vectors: &mut Vec<(String, String, Option<String>, Vec<u8>)>) {
    use custody_core::handover::{AddOptions, AttachOptions, Countersigned, add, attach};
    use custody_core::statement::{Capacity, DocumentKind};
    let work = tempfile::tempdir().expect("tempdir");
    let (alice, wei) = (party("alice"), witness());
    let t = ts("2026-11-20T11:00:00Z").as_datetime();
    let file = |name: &str, data: &[u8]| {
        let p = work.path().join(name);
        fs::write(&p, data).expect("write");
        p
    };
    let translation = file("request-zh.txt", "司法协助请求 MLA-2026-0117 的译文。\n".as_bytes());
    let translated = work.path().join("translated.zip");
    fs::copy(out.join("sealed.zip"), &translated).expect("copy");
    let mut o = AttachOptions::new(
        &wei,
        Capacity::Translator,
        DocumentKind::Translation,
        "MLA-2026-0117",
        "zh-CN",
        "2026-11-19",
        vec![translation],
    );
    (o.title, o.time) = (Some("Translation of the MLA request".into()), Some(ts("2026-11-20T10:30:00Z")));
    o.package = Some(work.path().join("wei-doc.custody-statement"));
    let Countersigned::Package { path, .. } = attach(&translated, None, &o).expect("attach") else {
        panic!("the translator does not hold custody")
    };
    let mut a = AddOptions::new(&alice);
    a.time = Some(ts("2026-11-20T11:00:00Z"));
    add(&translated, None, &[path], &a).expect("add");
    vectors.push((
        "document-translation".into(),
        "a valid bundle: Wei Zhang attached, as translator and on his copy, a translation of the MLA request; \
         Alice, the custodian, added his package with its file"
            .into(),
        None,
        fs::read(&translated).expect("read"),
    ));
    let request = file("mla-request.pdf", b"%PDF-1.7 MLA request MLA-2026-0117 (vector)\n");
    let annex = file("annex 1.txt", b"Annex 1: the accounts concerned.\n");
    let requested = work.path().join("requested.zip");
    fs::copy(out.join("sealed.zip"), &requested).expect("copy");
    let mut o = AttachOptions::new(
        &alice,
        Capacity::Investigator,
        DocumentKind::MlaRequest,
        "MLA-2026-0117",
        "en",
        "2026-11-18",
        vec![request, annex],
    );
    o.time = Some(ts("2026-11-20T10:40:00Z"));
    let done = attach(&requested, None, &o).expect("attach");
    assert!(matches!(done, Countersigned::Appended { .. }), "Alice holds custody");
    let requested = fs::read(&requested).expect("read");
    vectors.push((
        "document-mla-request".into(),
        "a valid bundle: Alice, the custodian, attached the MLA request and its annex; her statement and \
         the two files were appended at once"
            .into(),
        None,
        requested.clone(),
    ));
    let html = file("report.html", b"<!DOCTYPE html>\n<title>Verification report (vector)</title>\n");
    let reported = work.path().join("reported.zip");
    fs::copy(out.join("sealed.zip"), &reported).expect("copy");
    let mut o = AttachOptions::new(
        &alice,
        Capacity::Investigator,
        DocumentKind::VerificationReport,
        "sha256:0123456789abcdef",
        "en",
        "2026-11-20",
        vec![html],
    );
    (o.title, o.time) = (Some("Verification report made after the fact".into()), Some(ts("2026-11-20T10:50:00Z")));
    let done = attach(&reported, None, &o).expect("attach");
    assert!(matches!(done, Countersigned::Appended { .. }), "Alice holds custody");
    vectors.push((
        "document-verification-report".into(),
        "a valid bundle: Alice, the custodian, recorded a verification report of it (custody report --record), \
         a document of kind verification_report, made after the fact"
            .into(),
        None,
        fs::read(&reported).expect("read"),
    ));
    let base = read_archive(requested).expect("parse");
    let pdf = "custody/attachments/000001/mla-request.pdf";
    let mut e = base.clone();
    e.retain(|(n, _)| n != "custody/attachments/000001/annex 1.txt");
    refresh_tagmanifest(&mut e);
    vectors.push((
        "document-attachment-missing".into(),
        "the annex Alice's document event attaches was removed from the bundle".into(),
        Some("attachment.missing".into()),
        write_archive(&e, t).expect("write"),
    ));
    let mut e = base.clone();
    *get(&mut e, pdf) = b"%PDF-1.7 another request (vector)\n".to_vec();
    refresh_tagmanifest(&mut e);
    vectors.push((
        "document-attachment-replaced".into(),
        "the MLA request's file was replaced after Alice attached it (the tag manifest recomputed)".into(),
        Some("attachment.hash_mismatch".into()),
        write_archive(&e, t).expect("write"),
    ));
    let sealed = read_archive(fs::read(out.join("sealed.zip")).expect("read")).expect("parse");
    let doc = |files: Value| {
        move |v: &mut Value| {
            v.as_object_mut().expect("object").remove("countersign");
            v["kind"] = json!("document");
            v["capacity"] = json!("translator");
            v["document"] = json!({"kind": "translation", "reference": "MLA-2026-0117", "language": "zh-CN",
                "date": "2026-11-19", "files": files});
        }
    };
    let one = |name: &str| json!([{"name": name, "sha256": Sha256Digest::of(b"x").hex(), "size": 1}]);
    let mut e = sealed.clone();
    push_carrier(&mut e, &alice, &wei, &wei, true, doc(one("../../evil.sh")));
    vectors.push((
        "document-hostile-name".into(),
        "Wei's document statement names its file ../../evil.sh, which is no single file name".into(),
        Some("statement.invalid".into()),
        write_archive(&e, t).expect("write"),
    ));
    let mut e = sealed.clone();
    push_carrier(&mut e, &alice, &wei, &wei, true, doc(json!([])));
    vectors.push((
        "document-no-file".into(),
        "Wei's document statement attaches no file".into(),
        Some("statement.invalid".into()),
        write_archive(&e, t).expect("write"),
    ));
    let mut e = sealed;
    push_carrier(&mut e, &alice, &wei, &wei, true, doc(one("translation.txt")));
    vectors.push((
        "document-attachment-unbound".into(),
        "Alice's document event carries Wei's statement but neither binds nor adds the file it attaches".into(),
        Some("attachment.missing".into()),
        write_archive(&e, t).expect("write"),
    ));
}

/// Examinations (spec §5.9): Bo examined two items on his copy and Alice added his record
/// with its result file; and the ways an examination can be wrong.
fn examination_vectors(out: &Path, vectors: &mut Vec<(String, String, Option<String>, Vec<u8>)>) {
    use custody_core::event::Tool;
    use custody_core::handover::{AddOptions, Countersigned, ExamineOptions, add, examine};
    let work = tempfile::tempdir().expect("tempdir");
    let (alice, bob, wei) = (party("alice"), party("bob"), witness());
    let t = ts("2026-11-20T11:00:00Z").as_datetime();
    let report = work.path().join("report.txt");
    fs::write(&report, b"Examination report: item-1 and item-2 show no sign of editing.\n").expect("write");
    let examined = work.path().join("examined.zip");
    fs::copy(out.join("sealed.zip"), &examined).expect("copy");
    let tool = Tool { name: "ExifTool".into(), version: "13.10".into() };
    let mut o =
        ExamineOptions::new(&bob, vec!["item-1".into(), "item-2".into()], tool, "No sign of editing in either item.");
    (o.parameters, o.results) = (Some("-a -G1 -s".into()), vec![report]);
    (o.time, o.package) = (Some(ts("2026-11-20T10:30:00Z")), Some(work.path().join("bob.custody-statement")));
    let Countersigned::Package { path, .. } = examine(&examined, None, &o).expect("examine") else {
        panic!("Bo does not hold custody")
    };
    let mut a = AddOptions::new(&alice);
    a.time = Some(ts("2026-11-20T11:00:00Z"));
    add(&examined, None, &[path], &a).expect("add");
    let examined = fs::read(&examined).expect("read");
    vectors.push((
        "examination-by-examiner".into(),
        "a valid bundle: Bo Li examined item-1 and item-2 with ExifTool on his copy; Alice, the custodian, \
         added his record with its result file"
            .into(),
        None,
        examined.clone(),
    ));
    let mut e = read_archive(examined).expect("parse");
    *get(&mut e, "custody/attachments/000001/report.txt") = b"Examination report: item-2 was edited.\n".to_vec();
    refresh_tagmanifest(&mut e);
    vectors.push((
        "examination-result-replaced".into(),
        "Bo's result file was replaced after Alice added it (the tag manifest recomputed)".into(),
        Some("attachment.hash_mismatch".into()),
        write_archive(&e, t).expect("write"),
    ));
    let sealed = read_archive(fs::read(out.join("sealed.zip")).expect("read")).expect("parse");
    let exam = |items: Value, conclusion: &'static str| {
        move |v: &mut Value| {
            v.as_object_mut().expect("object").remove("countersign");
            v["kind"] = json!("examination");
            v["capacity"] = json!("examiner");
            v["examination"] = json!({"items": items, "tool": {"name": "ExifTool", "version": "13.10"},
                "conclusion": conclusion});
        }
    };
    let mut e = sealed.clone();
    push_carrier(&mut e, &alice, &wei, &wei, true, exam(json!(["item-1", "item-9"]), "Nothing found."));
    vectors.push((
        "examination-unknown-item".into(),
        "Wei's examination names item-9, which the manifest does not describe".into(),
        Some("examination.unknown_item".into()),
        write_archive(&e, t).expect("write"),
    ));
    let mut e = sealed;
    push_carrier(&mut e, &alice, &wei, &wei, true, exam(json!(["item-1"]), " "));
    vectors.push((
        "examination-no-conclusion".into(),
        "Wei's examination has a blank conclusion".into(),
        Some("statement.invalid".into()),
        write_archive(&e, t).expect("write"),
    ));
}

/// Dispositions (spec §5.11): a destruction written by `dispose` (a new bundle without the
/// item's payload), a retention extension appended in place, and one vector per rule broken.
fn disposition_vectors(out: &Path, vectors: &mut Vec<(String, String, Option<String>, Vec<u8>)>) {
    use custody_core::event::DispositionAction;
    use custody_core::handover::{DisposeOptions, dispose};
    let work = tempfile::tempdir().expect("tempdir");
    let alice = party("alice");
    let t = ts("2026-11-20T11:00:00Z").as_datetime();
    let destroyed = work.path().join("destroyed.zip");
    let mut o =
        DisposeOptions::new(&alice, DispositionAction::Destroyed, "data-protection rule: not needed for the case");
    o.disposition.items = Some(vec!["item-2".into()]);
    o.disposition.method = Some("secure erasure (NIST SP 800-88 purge)".into());
    (o.time, o.jobs) = (Some(ts("2026-11-20T11:00:00Z")), 1);
    dispose(&out.join("sealed.zip"), Some(&destroyed), &o).expect("dispose");
    let destroyed = fs::read(&destroyed).expect("read");
    vectors.push((
        "disposition-destroyed".into(),
        "a valid bundle: Alice, the custodian, destroyed item-2 and wrote this bundle without its file; \
         verify reports it disposed (payload.disposed), and BagIt validation of what remains passes"
            .into(),
        None,
        destroyed.clone(),
    ));
    let extended = work.path().join("extended.zip");
    fs::copy(out.join("sealed.zip"), &extended).expect("copy");
    let mut o = DisposeOptions::new(&alice, DispositionAction::RetentionExtended, "appeal pending");
    o.disposition.keep_until = Some("2031-12-31".parse().expect("date"));
    o.time = Some(ts("2026-11-20T11:00:00Z"));
    dispose(&extended, None, &o).expect("dispose");
    vectors.push((
        "disposition-retention-extended".into(),
        "a valid bundle: Alice extended the retention until 2031-12-31 (appended in place)".into(),
        None,
        fs::read(&extended).expect("read"),
    ));
    let sealed = read_archive(fs::read(out.join("sealed.zip")).expect("read")).expect("parse");
    let disposition = |body: Value| {
        move |v: &mut Value| {
            v["type"] = json!("disposition");
            v["disposition"] = body;
        }
    };
    let destroy = |items: Value| json!({"action": "destroyed", "reason": "not needed", "items": items, "method": "secure erasure"});
    let mut e = sealed.clone();
    push_event(&mut e, &alice, disposition(destroy(json!(["item-2"]))));
    vectors.push((
        "disposition-still-present".into(),
        "Alice recorded item-2 as destroyed, but its file is still in the bundle".into(),
        Some("disposition.still_present".into()),
        write_archive(&e, t).expect("write"),
    ));
    let mut e = sealed.clone();
    push_event(&mut e, &alice, disposition(destroy(json!(["item-9"]))));
    vectors.push((
        "disposition-unknown-item".into(),
        "Alice's disposition names item-9, which the manifest does not describe".into(),
        Some("disposition.unknown_item".into()),
        write_archive(&e, t).expect("write"),
    ));
    let mut e = read_archive(destroyed.clone()).expect("parse");
    push_event(&mut e, &alice, disposition(destroy(json!(["item-2"]))));
    vectors.push((
        "disposition-twice".into(),
        "item-2, destroyed by event 1, is destroyed again by event 2".into(),
        Some("disposition.unknown_item".into()),
        write_archive(&e, t).expect("write"),
    ));
    // §5.14: a derivation event naming an item a disposition removed (the writer refuses it).
    let mut e = read_archive(destroyed.clone()).expect("parse");
    push_event(&mut e, &alice, |v| {
        v.as_object_mut().expect("object").remove("disposition");
        v["type"] = json!("derivation");
        v["derivation"] = json!({
            "bundle_id": "d4e2d3e4d5e6d7e8d9eadbecddeedfe0",
            "seal_event_sha256": "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
            "items": ["item-1", "item-2"],
            "redacted_files": 0
        });
    });
    vectors.push((
        "derivation-event-removed-item".into(),
        "after item-2's destruction (event 1), Alice's derivation event records a copy carrying item-2, whose \
         files had left the bundle"
            .into(),
        Some("derivation.event_removed_item".into()),
        write_archive(&e, t).expect("write"),
    ));
    let mut e = read_archive(destroyed.clone()).expect("parse");
    let every_remaining = json!({"action": "destroyed", "reason": "case closed", "method": "secure erasure"});
    push_event(&mut e, &alice, disposition(every_remaining.clone()));
    push_event(&mut e, &alice, disposition(every_remaining));
    vectors.push((
        "disposition-nothing-left".into(),
        "after item-2's destruction, event 2 destroys every remaining item (without items; their files are \
         still present) and event 3, again without items, has nothing left to dispose of"
            .into(),
        Some("disposition.unknown_item".into()),
        write_archive(&e, t).expect("write"),
    ));
    let mut e = sealed.clone();
    push_event(
        &mut e,
        &alice,
        disposition(json!({"action": "destroyed", "reason": "not needed", "items": ["item-2"]})),
    );
    vectors.push((
        "disposition-no-method".into(),
        "a destruction that does not say how (no method)".into(),
        Some("event.invalid".into()),
        write_archive(&e, t).expect("write"),
    ));
    let mut e = sealed;
    push_event(
        &mut e,
        &party("mallory"),
        disposition(json!({"action": "retention_extended", "reason": "keep it", "keep_until": "2099-12-31"})),
    );
    vectors.push((
        "disposition-not-custodian".into(),
        "Mallory, who never held the bundle, extended its retention".into(),
        Some("event.not_entitled".into()),
        write_archive(&e, t).expect("write"),
    ));
}

/// The derivation event (§5.14): Alice, the custodian of mla-case.zip, derives items 1 and 3
/// and the derivation is recorded in (a copy of) the parent; then a derivation event naming
/// an item the manifest lacks, and one by a key that never held the bundle.
fn recorded_derivation_vectors(parent: &Path, vectors: &mut Vec<(String, String, Option<String>, Vec<u8>)>) {
    use custody_core::derive::{DeriveOptions, derive};
    let work = tempfile::tempdir().expect("tempdir");
    let alice = party("alice");
    let t = ts("2026-11-21T10:00:00Z").as_datetime();
    let sealed = read_archive(fs::read(parent).expect("read")).expect("parse");
    let copy = work.path().join("parent.zip");
    fs::copy(parent, &copy).expect("copy");
    let mut o = DeriveOptions::new();
    o.items = Some(vec!["item-1".into(), "item-3".into()]);
    (o.time, o.jobs) = (Some(ts("2026-11-21T10:00:00Z")), 1);
    o.fixed = Some(("d2e2d3e4d5e6d7e8d9eadbecddeedfe0".into(), [0x5b; 32]));
    let derived = work.path().join("derived.zip");
    derive(&copy, &alice, &derived, &o).expect("derive");
    vectors.push((
        "derivation-recorded".into(),
        "a valid bundle: mla-case.zip after Alice, its custodian, derived items 1 and 3 from it; the derived \
         copy is recorded by a signed derivation event (event 1) naming its bundle id and seal event hash"
            .into(),
        None,
        fs::read(&copy).expect("read"),
    ));
    vectors.push((
        "derived-recorded".into(),
        "a valid derived bundle: the copy recorded in derivation-recorded.zip; its parent_latest_event_sha256 is \
         the parent's seal event, the derivation event's previous event"
            .into(),
        None,
        fs::read(&derived).expect("read"),
    ));
    // §9.7: a second copy, derived after the first was recorded: its parent's latest event is
    // event 1, which mla-case.zip (the parent before it) lacks.
    o.items = Some(vec!["item-2".into()]);
    o.time = Some(ts("2026-11-21T11:00:00Z"));
    o.fixed = Some(("d6e2d3e4d5e6d7e8d9eadbecddeedfe0".into(), [0x5c; 32]));
    let second = work.path().join("second.zip");
    derive(&copy, &alice, &second, &o).expect("derive");
    vectors.push((
        "derived-after-recorded".into(),
        "a valid derived bundle: item-2 of derivation-recorded.zip, derived after its event 1 (the first copy's \
         record), which is its parent_latest_event_sha256"
            .into(),
        None,
        fs::read(&second).expect("read"),
    ));
    // §9.7: originals whose derivation event names derived-recorded.zip's bundle id but does not
    // describe it: other items, another seal event hash. Valid bundles on their own (a parent
    // cannot check what its derivation event says of the copy).
    let derived_entries = read_archive(fs::read(&derived).expect("read")).expect("parse");
    let (_, copy_seal) =
        derived_entries.iter().find(|(n, _)| n == "custody/events/000000-seal.json").expect("the copy's seal event");
    let copy_seal = json!(Sha256Digest::of(copy_seal).hex());
    for (name, items, seal, what) in [
        (
            "parent-derivation-other-items",
            json!(["item-1"]),
            copy_seal.clone(),
            "item-1 only (the copy carries 1 and 3)",
        ),
        (
            "parent-derivation-other-seal",
            json!(["item-1", "item-3"]),
            json!("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"),
            "another seal event hash than the copy's",
        ),
    ] {
        let mut e = sealed.clone();
        push_event(&mut e, &alice, |v: &mut Value| {
            v["type"] = json!("derivation");
            v["derivation"] = json!({
                "bundle_id": "d2e2d3e4d5e6d7e8d9eadbecddeedfe0",
                "seal_event_sha256": seal,
                "items": items,
                "redacted_files": 0
            });
        });
        vectors.push((
            name.into(),
            format!(
                "a valid bundle: mla-case.zip with Alice's derivation event naming derived-recorded.zip's bundle id, \
                 with {what}: checked against it, that copy is parent.derivation_mismatch (§9.7)"
            ),
            None,
            write_archive(&e, t).expect("write"),
        ));
    }
    // §9.7: a derivation event that describes derived-recorded.zip (its id, seal and items) but
    // after another event than the one the copy names as the parent's latest (the seal); and
    // the copy recorded twice, both events as the one derive writes.
    let records = |id: &'static str, items: Value| {
        let seal = copy_seal.clone();
        move |v: &mut Value| {
            v["type"] = json!("derivation");
            v["derivation"] =
                json!({ "bundle_id": id, "seal_event_sha256": seal, "items": items, "redacted_files": 0 });
        }
    };
    let copy_id = "d2e2d3e4d5e6d7e8d9eadbecddeedfe0";
    let mut e = sealed.clone();
    push_event(&mut e, &alice, records("d4e2d3e4d5e6d7e8d9eadbecddeedfe0", json!(["item-2"])));
    push_event(&mut e, &alice, records(copy_id, json!(["item-1", "item-3"])));
    vectors.push((
        "parent-derivation-other-previous".into(),
        "a valid bundle: mla-case.zip with two derivation events of Alice's, the second naming derived-recorded.zip \
         as it is (bundle id, seal event hash, items) but after the first, not after the seal the copy names as its \
         parent's latest event: checked against it, that copy is parent.derivation_mismatch (§9.7)"
            .into(),
        None,
        write_archive(&e, t).expect("write"),
    ));
    let mut e = sealed.clone();
    push_event(&mut e, &alice, records(copy_id, json!(["item-1", "item-3"])));
    push_event(&mut e, &alice, records(copy_id, json!(["item-1", "item-3"])));
    vectors.push((
        "parent-derivation-twice".into(),
        "a valid bundle: mla-case.zip with derived-recorded.zip recorded twice, by events 1 and 2 of Alice's: \
         checked against it, that copy matches event 1 (after the seal, the parent's latest event it names), \
         with the warning parent.derivation_repeated (§9.7)"
            .into(),
        None,
        write_archive(&e, t).expect("write"),
    ));
    // §9.7: a copy whose true record is not the first naming it. mla-case.zip gets a false
    // derivation event (1) naming the copy's bundle id with a seal hash of zeros; the copy is
    // derived after it (its parent's latest event is 1) and recorded by event 2, which is the
    // one checked: it follows event 1.
    let id = "d7e2d3e4d5e6d7e8d9eadbecddeedfe0";
    let mut e = sealed.clone();
    push_event(&mut e, &alice, |v: &mut Value| {
        v["type"] = json!("derivation");
        v["derivation"] = json!({
            "bundle_id": id,
            "seal_event_sha256": "0000000000000000000000000000000000000000000000000000000000000000",
            "items": ["item-1"],
            "redacted_files": 0
        });
    });
    let falsely = work.path().join("falsely.zip");
    fs::write(&falsely, write_archive(&e, t).expect("write")).expect("write");
    o.items = Some(vec!["item-1".into()]);
    o.time = Some(ts("2026-11-21T12:00:00Z"));
    o.fixed = Some((id.into(), [0x5d; 32]));
    let third = work.path().join("third.zip");
    derive(&falsely, &alice, &third, &o).expect("derive");
    vectors.push((
        "parent-derivation-false-then-true".into(),
        "a valid bundle: mla-case.zip with Alice's derivation event 1 naming derived-after-false.zip's bundle id \
         with a seal hash of zeros, then event 2, the record derive wrote of that copy: checked against it, the \
         copy matches event 2 (after event 1, the parent's latest event it names), with the warning \
         parent.derivation_repeated (§9.7)"
            .into(),
        None,
        fs::read(&falsely).expect("read"),
    ));
    vectors.push((
        "derived-after-false".into(),
        "a valid derived bundle: item-1 of parent-derivation-false-then-true.zip, derived after its event 1 (a \
         false record naming this copy's bundle id), which is its parent_latest_event_sha256; recorded by event 2"
            .into(),
        None,
        fs::read(&third).expect("read"),
    ));
    let derivation = |items: Value| {
        move |v: &mut Value| {
            v["type"] = json!("derivation");
            v["derivation"] = json!({
                "bundle_id": "d3e2d3e4d5e6d7e8d9eadbecddeedfe0",
                "seal_event_sha256": "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
                "items": items,
                "redacted_files": 0
            });
        }
    };
    let mut e = sealed.clone();
    push_event(&mut e, &alice, derivation(json!(["item-1", "item-9"])));
    vectors.push((
        "derivation-event-unknown-item".into(),
        "Alice's derivation event records a copy carrying item-9, which the manifest does not describe".into(),
        Some("derivation.event_unknown_item".into()),
        write_archive(&e, t).expect("write"),
    ));
    let mut e = sealed.clone();
    push_event(&mut e, &alice, derivation(json!([])));
    vectors.push((
        "derivation-event-no-items".into(),
        "a derivation event that names no item".into(),
        Some("event.invalid".into()),
        write_archive(&e, t).expect("write"),
    ));
    let mut e = sealed.clone();
    push_event(&mut e, &alice, derivation(json!(["item-3", "item-1"])));
    vectors.push((
        "derivation-event-items-out-of-order".into(),
        "a derivation event that names item-3 before item-1: its items are not in manifest order".into(),
        Some("event.invalid".into()),
        write_archive(&e, t).expect("write"),
    ));
    // A body given as null counts as absent (spec §6), in both verifiers.
    let mut e = sealed.clone();
    push_event(&mut e, &alice, |v: &mut Value| {
        derivation(json!(["item-1"]))(v);
        for body in ["transfer", "receipt", "countersign", "document", "examination", "access", "disposition"] {
            v[body] = Value::Null;
        }
    });
    push_event(&mut e, &alice, |v: &mut Value| {
        v["type"] = json!("disposition");
        v["disposition"] = json!({
            "action": "retention_extended",
            "keep_until": "2031-01-01",
            "reason": "the appeal is pending"
        });
        v["derivation"] = Value::Null;
    });
    vectors.push((
        "event-bodies-null".into(),
        "a valid bundle: Alice's derivation event gives every other body as null, and her disposition event \
         after it gives \"derivation\": null; a body given as null counts as absent"
            .into(),
        None,
        write_archive(&e, t).expect("write"),
    ));
    // §5.14: no file is bound by a derivation event (§6.3).
    let mut e = sealed.clone();
    let note = b"Copy for the defence.\n".to_vec();
    let note_sha = Sha256Digest::of(&note).hex();
    let at = e.len() - 1;
    e.insert(at, ("custody/derivation-note.txt".into(), note));
    push_event(&mut e, &alice, |v| {
        derivation(json!(["item-1"]))(v);
        v["files"] = json!([{"path": "custody/derivation-note.txt", "sha256": note_sha}]);
    });
    vectors.push((
        "derivation-event-binds-file".into(),
        "Alice's derivation event binds a file (custody/derivation-note.txt), which a derivation event may not add"
            .into(),
        Some("event.unexpected_file".into()),
        write_archive(&e, t).expect("write"),
    ));
    // Recorded while a transfer to Bo waits for its receipt: the custodian records nothing then.
    let pending = work.path().join("pending.zip");
    fs::copy(parent, &pending).expect("copy");
    give(&pending, "alice", "bob", "prosecution review", "2026-11-21T10:00:00Z", |_| {});
    let mut e = read_archive(fs::read(&pending).expect("read")).expect("parse");
    push_event(&mut e, &alice, |v| {
        v.as_object_mut().expect("object").remove("transfer");
        derivation(json!(["item-1"]))(v);
    });
    vectors.push((
        "derivation-event-transfer-pending".into(),
        "Alice records a derivation while her transfer to Bo (event 1) waits for its receipt".into(),
        Some("event.transfer_pending".into()),
        write_archive(&e, t).expect("write"),
    ));
    // Mallory's key is in the bundle (the key file of a statement of hers that Alice added), so
    // her derivation fails for the custody rule alone, not for a missing key.
    let mallory = party("mallory");
    let mut e = sealed;
    push_carrier(&mut e, &alice, &mallory, &mallory, true, |_| {});
    push_event(&mut e, &mallory, |v| {
        v.as_object_mut().expect("object").remove("countersign");
        derivation(json!(["item-1"]))(v);
    });
    vectors.push((
        "derivation-event-not-custodian".into(),
        "Mallory, who never held the bundle, records a derivation in it (her key is in the bundle: Alice added a \
         statement of hers)"
            .into(),
        Some("event.not_entitled".into()),
        write_archive(&e, t).expect("write"),
    ));
}

/// Makes a report comparable across runs: drops the verification time and the file path.
fn normalise_report(v: &mut Value) {
    if let Some(o) = v.as_object_mut() {
        o.remove("verified_at");
        o.remove("bundle");
    }
}

/// A stored ZIP archive written by hand, for layouts the writer refuses: no name checks, and
/// `extra` (a raw extra field) added to the first entry's local and central headers.
fn raw_zip(entries: &Entries, extra: Option<&[u8]>) -> Vec<u8> {
    let (time, date) = (custody_core::archive::testing::DOS_TIME, custody_core::archive::testing::DOS_DATE);
    let mut out = Vec::new();
    let mut cd = Vec::new();
    for (i, (name, data)) in entries.iter().enumerate() {
        let x: &[u8] = if i == 0 { extra.unwrap_or(&[]) } else { &[] };
        let crc = crc32fast::hash(data);
        let offset = out.len() as u32;
        let fields = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend_from_slice(&sig.to_le_bytes());
            if central {
                h.extend_from_slice(&((3u16 << 8) | 45).to_le_bytes());
            }
            h.extend_from_slice(&20u16.to_le_bytes());
            h.extend_from_slice(&0x0800u16.to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes());
            h.extend_from_slice(&time.to_le_bytes());
            h.extend_from_slice(&date.to_le_bytes());
            h.extend_from_slice(&crc.to_le_bytes());
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&(x.len() as u16).to_le_bytes());
            if central {
                // comment length, disk number start, internal attributes
                h.extend_from_slice(&[0; 6]);
                h.extend_from_slice(&(0o100644u32 << 16).to_le_bytes());
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(name.as_bytes());
            h.extend_from_slice(x);
            h
        };
        out.extend(fields(0x0403_4b50, false));
        out.extend_from_slice(data);
        cd.extend(fields(0x0201_4b50, true));
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&cd);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(cd.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

/// Writes entries without the writer's name checks, to build deliberately hostile archives:
/// writes safe placeholder names of the same length, then overwrites the name bytes in each
/// local header and central-directory record. Names are written as given: pass them
/// [`rooted`] for a bundle.
fn write_archive_unchecked(entries: &Entries, t: chrono::DateTime<chrono::Utc>) -> Vec<u8> {
    let placeholders: Entries = entries
        .iter()
        .enumerate()
        .map(|(i, (n, d))| (format!("p{i:0width$}", width = n.len() - 1), d.clone()))
        .collect();
    let mut w = custody_core::archive::testing::ArchiveWriter::unrooted(std::io::Cursor::new(Vec::new()));
    for (name, data) in &placeholders {
        w.add_bytes(name, t, data).expect("write");
    }
    let written = w.entries().clone();
    let mut bytes = w.finish().expect("write").into_inner();
    let mut cd = written.last().map_or(0, |e| (e.data_offset + e.size) as usize);
    for ((real, _), ph) in entries.iter().zip(written.iter()) {
        let local = ph.header_offset as usize + 30;
        bytes[local..local + real.len()].copy_from_slice(real.as_bytes());
        bytes[cd + 46..cd + 46 + real.len()].copy_from_slice(real.as_bytes());
        cd += 46 + real.len();
    }
    bytes
}

/// The entries with their names under the root of the bundle `sealed.zip` (its archive
/// names), for the writers here that write names as given.
fn rooted(entries: &Entries) -> Entries {
    entries.iter().map(|(n, d)| (format!("{SEALED_ROOT}{n}"), d.clone())).collect()
}

/// The root folder of `sealed.zip` (spec §2.5).
const SEALED_ROOT: &str = "custody-6a1d3c5e9f0b42d8a7e1c0ffee123456/";

/// The container vectors of format 2 (spec §2.5, §2.3): the root rule, the root's id, and
/// the derived `bag-info.txt`.
fn container_vectors(
    sealed: &Entries,
    t: chrono::DateTime<chrono::Utc>,
) -> Vec<(String, String, Option<String>, Vec<u8>)> {
    let mut v = Vec::new();
    let mut add = |name: &str, description: &str, expect: &str, bytes: Vec<u8>| {
        v.push((name.to_string(), description.to_string(), Some(expect.to_string()), bytes));
    };
    add(
        "root-missing",
        "the bundle's files at the top level of the ZIP, with no custody-<bundle id>/ folder (a format 2 manifest)",
        "archive.root_invalid",
        custody_core::archive::testing::write_unrooted(sealed, t).expect("write"),
    );
    let mut two = rooted(sealed);
    for (n, _) in two.iter_mut().filter(|(n, _)| n.contains("/data/item-3/")) {
        *n = n.replace(SEALED_ROOT, "custody-00000000000000000000000000000001/");
    }
    add(
        "root-two-dirs",
        "the post moved under a second top-level folder custody-00000000000000000000000000000001/",
        "archive.root_invalid",
        custody_core::archive::testing::write_unrooted(&two, t).expect("write"),
    );
    let mut at_top = rooted(sealed);
    at_top.insert(1, ("README.txt".into(), b"read me\n".to_vec()));
    add(
        "root-file-at-top",
        "a file README.txt beside the custody-<bundle id>/ folder, at the top level",
        "archive.root_invalid",
        custody_core::archive::testing::write_unrooted(&at_top, t).expect("write"),
    );
    let upper: Entries = rooted(sealed)
        .into_iter()
        .map(|(n, d)| (n.replace(SEALED_ROOT, &SEALED_ROOT.to_uppercase().replace("CUSTODY-", "custody-")), d))
        .collect();
    add(
        "root-uppercase-id",
        "the folder custody-6A1D3C5E9F0B42D8A7E1C0FFEE123456/: the bundle id in upper case",
        "archive.root_invalid",
        custody_core::archive::testing::write_unrooted(&upper, t).expect("write"),
    );
    add(
        "root-id-mismatch",
        "the whole bundle under custody-00000000000000000000000000000001/, another id than its manifest's",
        "bundle.root_mismatch",
        custody_core::archive::testing::write_bundle("00000000000000000000000000000001", sealed, t).expect("write"),
    );
    let edit_bag_info = |edit: &dyn Fn(String) -> String| {
        let mut e = sealed.clone();
        let b = get(&mut e, "bag-info.txt");
        *b = edit(String::from_utf8(b.clone()).expect("utf8")).into_bytes();
        refresh_tagmanifest(&mut e);
        write_archive(&e, t).expect("write")
    };
    add(
        "bag-info-contact-edited",
        "bag-info.txt Contact-Name changed to another person, tag manifest updated",
        "bagit.bag_info_mismatch",
        edit_bag_info(&|s| s.replace("Contact-Name: Alice Wang", "Contact-Name: Mallory Grey")),
    );
    add(
        "bag-info-extra-label",
        "bag-info.txt with an added label (Bag-Software-Agent, which format 2 does not derive), tag manifest updated",
        "bagit.bag_info_mismatch",
        edit_bag_info(&|s| format!("Bag-Software-Agent: custody 9.9\n{s}")),
    );
    v
}

/// A fixed test TSA (made once with openssl; NOT secret): its root certificate is written to
/// `keys/tsa-root.pem` for `custody verify --tsa-roots`.
const TSA_ROOT: &str = include_str!("test-tsa/root.pem");
const TSA_CERT: &str = include_str!("test-tsa/tsa.pem");
const TSA_KEY: &str = include_str!("test-tsa/tsa.key");

/// An RFC 3161 token over `data` by the fixed test TSA, with the given genTime. Deterministic:
/// ECDSA with RFC 6979 nonces.
fn make_token(data: &[u8], gen_time: &str, serial: u8) -> Vec<u8> {
    use der::DecodePem;
    make_token_by(x509_cert::Certificate::from_pem(TSA_CERT).expect("tsa cert"), data, gen_time, serial)
}

/// The test TSA's certificate without its extended key usage (its issuer's signature no
/// longer matches, which no check reaches: the missing usage is found first).
fn tsa_cert_without_eku() -> x509_cert::Certificate {
    use der::DecodePem;
    let mut cert = x509_cert::Certificate::from_pem(TSA_CERT).expect("tsa cert");
    let eku = der::asn1::ObjectIdentifier::new_unwrap("2.5.29.37");
    if let Some(exts) = cert.tbs_certificate.extensions.as_mut() {
        exts.retain(|e| e.extn_id != eku);
    }
    cert
}

/// An RFC 3161 token over `data` signed with the test TSA's key and naming `cert` as its
/// signing certificate.
fn make_token_by(cert: x509_cert::Certificate, data: &[u8], gen_time: &str, serial: u8) -> Vec<u8> {
    use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
    use cms::content_info::{CmsVersion, ContentInfo};
    use cms::signed_data::{
        CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
    };
    use der::asn1::{Any, Int, ObjectIdentifier, OctetString, SetOfVec};
    use der::{Decode, Encode};
    use p256::ecdsa::signature::hazmat::PrehashSigner;
    use p256::pkcs8::DecodePrivateKey;
    use spki::AlgorithmIdentifierOwned;
    use x509_cert::attr::Attribute;

    let oid = ObjectIdentifier::new_unwrap;
    let sha256 = |b: &[u8]| Sha256Digest::of(b).0.to_vec();
    let (_, key_der) = pem_rfc7468::decode_vec(TSA_KEY.as_bytes()).expect("tsa key");
    let key = p256::ecdsa::SigningKey::from_pkcs8_der(&key_der).expect("tsa key");
    let sha256_alg = AlgorithmIdentifierOwned { oid: oid("2.16.840.1.101.3.4.2.1"), parameters: None };
    let tst = custody_core::timestamp::TstInfo {
        version: x509_tsp::TspVersion::V1,
        policy: oid("1.2.3.4.1"),
        message_imprint: x509_tsp::MessageImprint {
            hash_algorithm: sha256_alg.clone(),
            hashed_message: OctetString::new(sha256(data)).expect("imprint"),
        },
        serial_number: Int::new(&[serial]).expect("serial"),
        gen_time: custody_core::timestamp::GenTime::parse(gen_time.as_bytes()).expect("genTime"),
        accuracy: None,
        ordering: false,
        nonce: None,
        tsa: None,
        extensions: None,
    };
    let tst_der = tst.to_der().expect("tstinfo");
    let attr = |o: &str, der: Vec<u8>| Attribute {
        oid: oid(o),
        values: SetOfVec::try_from(vec![Any::from_der(&der).expect("value")]).expect("set"),
    };
    let cert_hash = sha256(&cert.to_der().expect("cert"));
    let mut ess = vec![0x30, 38, 0x30, 36, 0x30, 34, 0x04, 32];
    ess.extend_from_slice(&cert_hash);
    let signed_attrs = SetOfVec::try_from(vec![
        attr("1.2.840.113549.1.9.3", oid("1.2.840.113549.1.9.16.1.4").to_der().expect("oid")),
        attr("1.2.840.113549.1.9.4", OctetString::new(sha256(&tst_der)).expect("md").to_der().expect("md")),
        attr("1.2.840.113549.1.9.16.2.47", ess),
    ])
    .expect("attrs");
    let to_sign = signed_attrs.to_der().expect("attrs");
    let sig: p256::ecdsa::Signature = key.sign_prehash(&sha256(&to_sign)).expect("sign");
    let signer = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: cert.tbs_certificate.issuer.clone(),
            serial_number: cert.tbs_certificate.serial_number.clone(),
        }),
        digest_alg: sha256_alg.clone(),
        signed_attrs: Some(signed_attrs),
        signature_algorithm: AlgorithmIdentifierOwned { oid: oid("1.2.840.10045.4.3.2"), parameters: None },
        signature: OctetString::new(sig.to_der().as_bytes()).expect("sig"),
        unsigned_attrs: None,
    };
    let sd = SignedData {
        version: CmsVersion::V3,
        digest_algorithms: SetOfVec::try_from(vec![sha256_alg]).expect("algs"),
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: oid("1.2.840.113549.1.9.16.1.4"),
            econtent: Some(Any::encode_from(&OctetString::new(tst_der).expect("tst")).expect("tst")),
        },
        certificates: Some(CertificateSet(
            SetOfVec::try_from(vec![CertificateChoices::Certificate(cert)]).expect("certs"),
        )),
        crls: None,
        signer_infos: SignerInfos(SetOfVec::try_from(vec![signer]).expect("signers")),
    };
    ContentInfo { content_type: oid("1.2.840.113549.1.7.2"), content: Any::encode_from(&sd).expect("sd") }
        .to_der()
        .expect("token")
}

/// Vectors with RFC 3161 tokens on the seal of `sealed.zip`, by the fixed test TSA.
/// The custody log's vectors (spec §6.5): a bundle sealed with a log (a log in memory with a
/// fixed key, `keys/log.vkey`; three other entries logged before it, so its proof has a
/// path), and edits of its proof. The log's key is `key("log", ...)`'s; its origin
/// `vectors.example/log`.
fn log_vectors(
    out: &Path,
    alice: &KeyPair,
    sealed: &[(String, Vec<u8>)],
    vectors: &mut Vec<(String, String, Option<String>, Vec<u8>)>,
) {
    use custody_core::tlog::memory::MemoryLog;
    use custody_core::tlog::{Claim, Logging, Submit};
    let log_key = key("log", "Vectors Log", "Test Court Registry", Role::Custodian, "FR");
    let log = std::sync::Arc::new(MemoryLog::new("vectors.example/log", log_key));
    let vkey = log.verifier_key().expect("verifier key");
    fs::write(out.join("keys/log.vkey"), format!("{vkey}\n")).expect("write log key");
    for i in 0..3u8 {
        let claim = Claim { slot: [i; 32], event: [0x10 + i; 32], signer: [0x20 + i; 32], from: None };
        log.submit(&claim).expect("other entries");
    }
    let work = tempfile::tempdir().expect("tempdir");
    write_input(work.path(), "page.html", b"<html>logged</html>\n", "2026-11-19T21:00:00Z");
    let logging = Logging { url: "http://127.0.0.1:8080".into(), key: vkey, optional: false, submitter: log.clone() };
    let opts = SealOptions::default()
        .with_case(CaseInput::new("2026-CT-0412"))
        .with_item(ItemInput::bare(work.path().join("page.html")))
        .with_overwrite(true)
        .with_fixed_time(ts("2026-11-20T10:00:00Z"))
        .with_fixed_bundle_id("1a2b3c4d5e6f708192a3b4c5d6e7f809")
        .with_fixed_commitment_seed(COMMITMENT_SEED)
        .with_fixed_log_salt([0x4b; 32])
        .with_logging(Some(logging))
        .with_jobs(1);
    let path = work.path().join("logged.zip");
    seal(alice, &path, &opts).expect("seal with a log");
    let logged = read_archive(fs::read(&path).expect("read")).expect("parse");
    let t = ts("2026-11-20T10:00:00Z").as_datetime();
    let proof = "custody/log/000000.json";
    let edit = |f: &dyn Fn(&mut Entries)| {
        let mut e = logged.clone();
        f(&mut e);
        refresh_tagmanifest(&mut e);
        write_archive(&e, t).expect("write")
    };
    vectors.push((
        "log-included".into(),
        "a bundle sealed with a custody log (keys/log.vkey): its manifest names the log and its salt, and \
         custody/log/000000.json proves the seal event at index 3 of a tree of 4"
            .into(),
        None,
        write_archive(&logged, t).expect("write"),
    ));
    vectors.push((
        "log-proof-tampered".into(),
        "log-included with one hex digit of the inclusion proof changed (tag manifest updated)".into(),
        Some("log.proof_invalid".into()),
        edit(&|e| {
            let p = get(e, proof);
            let at = p.windows(14).position(|w| w == b"\"inclusion\":[\"").expect("inclusion") + 14;
            p[at] = if p[at] == b'0' { b'1' } else { b'0' };
        }),
    ));
    vectors.push((
        "log-proof-removed".into(),
        "log-included with custody/log/000000.json removed (tag manifest updated): the event is not proven, \
         a warning (the log may have been unreachable)"
            .into(),
        None,
        edit(&|e| e.retain(|(n, _)| n != proof)),
    ));
    vectors.push((
        "log-proof-without-log".into(),
        "sealed.zip (whose manifest names no log) with log-included's proof file added (tag manifest updated)".into(),
        Some("log.proof_invalid".into()),
        {
            let mut e = sealed.to_vec();
            let bytes = logged.iter().find(|(n, _)| n == proof).expect("proof").1.clone();
            let at = e.iter().position(|(n, _)| n == "tagmanifest-sha256.txt").expect("tag manifest");
            e.insert(at, (proof.into(), bytes));
            refresh_tagmanifest(&mut e);
            write_archive(&e, t).expect("write")
        },
    ));
    let mut e = logged.clone();
    edit_manifest(&mut e, |v| v["log"]["url"] = json!("ftp://vectors.example/log"));
    vectors.push((
        "log-member-invalid".into(),
        "log-included whose manifest names the log at ftp://vectors.example/log (re-signed by the sealer): not a \
         log's URL (http:// only), so no proof can be checked"
            .into(),
        Some("log.member_invalid".into()),
        write_archive(&e, t).expect("write"),
    ));
    // The member's other half: a verifier key whose key id is not its key's (the last bit of
    // the id flipped), so no checkpoint can be checked.
    let mut e = logged.clone();
    edit_manifest(&mut e, |v| {
        let k = v["log"]["verifier_key"].as_str().expect("verifier key").to_owned();
        let (name, rest) = k.split_once('+').expect("NAME+");
        let (id, b64) = rest.split_once('+').expect("KEYID+");
        let id = u32::from_str_radix(id, 16).expect("hex key id") ^ 1;
        v["log"]["verifier_key"] = json!(format!("{name}+{id:08x}+{b64}"));
    });
    vectors.push((
        "log-verifier-key-invalid".into(),
        "log-included whose manifest names the log's verifier key with the last bit of its key id flipped \
         (re-signed by the sealer): not that key's id, so the key is not a verifier key and no proof can be \
         checked"
            .into(),
        Some("log.member_invalid".into()),
        write_archive(&e, t).expect("write"),
    ));
    two_history_vectors(&logged, alice, &log, t, vectors);
}

/// The custody log's vectors of two events (spec §6.5 step 3): `log-included` with Alice's
/// retention extension as event 1, logged after the seal event's proof (a tree of 4) by the
/// same log (consistent), and by the log's key in another history: a tree of the seal's size
/// with another root, and a tree of 5 whose consistency proof is from another tree of 4 (both
/// `log.checkpoints_inconsistent`, from the stored proofs alone).
fn two_history_vectors(
    logged: &Entries,
    alice: &KeyPair,
    log: &custody_core::tlog::memory::MemoryLog,
    t: chrono::DateTime<chrono::Utc>,
    vectors: &mut Vec<(String, String, Option<String>, Vec<u8>)>,
) {
    use custody_core::tlog::memory::MemoryLog;
    use custody_core::tlog::{Claim, EventFacts, LeafInput, ProofFile, Receipt, Submit};
    let mut two = logged.clone();
    push_event(&mut two, alice, |v| {
        v["type"] = json!("disposition");
        v["time"] = json!("2026-11-20T11:00:00Z");
        v["disposition"] =
            json!({"action": "retention_extended", "reason": "appeal pending", "keep_until": "2031-12-31"});
    });
    let id = custody_core::tlog::submit::bundle_id_bytes("1a2b3c4d5e6f708192a3b4c5d6e7f809").expect("bundle id");
    let fingerprint = alice.public().fingerprint().0;
    let leaf = |name: &str, sequence: u64| {
        let bytes = &two.iter().find(|(n, _)| n == name).expect("event").1;
        let sha = Sha256Digest::of(bytes);
        EventFacts { bundle_id: &id, sequence, event_sha256: &sha, fingerprint: &fingerprint }.leaf(&[0x4b; 32])
    };
    let (seal_leaf, ext_leaf) =
        (leaf("custody/events/000000-seal.json", 0), leaf("custody/events/000001-disposition.json", 1));
    let claim = |l: &LeafInput, from: Option<u64>| Claim { slot: l.slot, event: l.event, signer: l.signer, from };
    let other = |i: u8| Claim { slot: [0x50 + i; 32], event: [0x60 + i; 32], signer: [0x70 + i; 32], from: None };
    let with_proof = |r: Receipt, consistency: Option<Vec<[u8; 32]>>| {
        let file = ProofFile { index: r.index, checkpoint: r.checkpoint, inclusion: r.inclusion, consistency };
        let mut e = two.clone();
        let at = e.iter().position(|(n, _)| n == "tagmanifest-sha256.txt").expect("tag manifest");
        e.insert(at, ("custody/log/000001.json".into(), file.to_bytes()));
        refresh_tagmanifest(&mut e);
        write_archive(&e, t).expect("write")
    };
    // The same log, continued: consistent with the seal's proof.
    let r = log.submit(&claim(&ext_leaf, Some(4))).expect("logged");
    let consistency = r.consistency.clone();
    vectors.push((
        "log-two-events".into(),
        "log-included with Alice's retention extension as event 1, logged by the same log: its proof file \
         custody/log/000001.json proves it at index 4 of a tree of 5, consistent with the seal's tree of 4"
            .into(),
        None,
        with_proof(r, consistency),
    ));
    let log_key = || key("log", "Vectors Log", "Test Court Registry", Role::Custodian, "FR");
    // Another history signed by the log's key: the seal at index 2, the extension at 3, a tree of
    // 4 whose root is not the seal's proof's (the same size needs the same root).
    let split = MemoryLog::new("vectors.example/log", log_key());
    for i in 0..2 {
        split.submit(&other(i)).expect("other entries");
    }
    split.submit(&claim(&seal_leaf, None)).expect("seal");
    let r = split.submit(&claim(&ext_leaf, None)).expect("extension");
    vectors.push((
        "log-checkpoints-split".into(),
        "log-two-events whose event 1 is proven (index 3) in a tree of 4 signed by the log's key with another root \
         than the tree of 4 of the seal's proof: the log showed two histories"
            .into(),
        Some("log.checkpoints_inconsistent".into()),
        with_proof(r, Some(Vec::new())),
    ));
    // Another history of 4 entries, the seal last, extended to 5: its consistency proof is from
    // that tree, not from the seal's proof's.
    let forked = MemoryLog::new("vectors.example/log", log_key());
    for i in 0..3 {
        forked.submit(&other(i)).expect("other entries");
    }
    forked.submit(&claim(&seal_leaf, None)).expect("seal");
    let r = forked.submit(&claim(&ext_leaf, Some(4))).expect("extension");
    let consistency = r.consistency.clone();
    vectors.push((
        "log-consistency-forked".into(),
        "log-two-events whose event 1 is proven at index 4 of a tree of 5 signed by the log's key, with a \
         consistency proof from another tree of 4 than the seal's proof's: not proven to extend it"
            .into(),
        Some("log.checkpoints_inconsistent".into()),
        with_proof(r, consistency),
    ));
}

fn timestamp_vectors(out: &Path, vectors: &mut Vec<(String, String, Option<String>, Vec<u8>)>) {
    fs::write(out.join("keys/tsa-root.pem"), TSA_ROOT).expect("write tsa root");
    let sealed = read_archive(fs::read(out.join("sealed.zip")).expect("read")).expect("parse");
    let seal_sig = sealed.iter().find(|(n, _)| n == "custody/events/000000-seal.json.sig").expect("sig").1.clone();
    // genTime 2.25 s after the seal's claimed time: fractional seconds, as RFC 3161 allows.
    let good = make_token(&seal_sig, "20261120100002.25Z", 1);
    let mut tampered = good.clone();
    // The TSTInfo's serial number (the INTEGER 1 after the imprint) changed to 2.
    let imprint = Sha256Digest::of(&seal_sig).0;
    let at = tampered.windows(32).position(|w| w == imprint).expect("imprint") + 32;
    assert_eq!(tampered[at..at + 3], [0x02, 0x01, 0x01], "serial number after the imprint");
    tampered[at + 2] = 2;
    let cases = [
        (
            "timestamp-valid",
            "sealed.zip with a valid RFC 3161 token on the seal (fractional genTime, 2.25 s after the \
             seal); the TSA's root is keys/tsa-root.pem",
            None,
            good,
        ),
        (
            "timestamp-other-data",
            "a token by the same TSA, but over other data than the seal's signature",
            Some("timestamp.imprint_mismatch"),
            make_token(b"other data", "20261120100002Z", 2),
        ),
        (
            "timestamp-tampered",
            "the valid token with one byte of its signed TSTInfo (the serial number) changed",
            Some("timestamp.bad_signature"),
            tampered,
        ),
        (
            "timestamp-no-eku",
            "a token signed by a certificate without the timeStamping extended key usage",
            Some("timestamp.no_eku"),
            make_token_by(tsa_cert_without_eku(), &seal_sig, "20261120100002Z", 3),
        ),
        (
            "timestamp-cert-expired",
            "a token whose genTime (2046) is after the TSA certificate expired (2045)",
            Some("timestamp.cert_expired"),
            make_token(&seal_sig, "20460101000000Z", 4),
        ),
        (
            "timestamp-time-conflict",
            "a valid token whose genTime is an hour before the time the seal claims: the claim is false",
            Some("timestamp.time_conflict"),
            make_token(&seal_sig, "20261120090000Z", 5),
        ),
    ];
    for (name, description, expect, token) in cases {
        let mut e = sealed.clone();
        let at = e.iter().position(|(n, _)| n == "tagmanifest-sha256.txt").expect("tag manifest");
        e.insert(at, ("custody/events/000000-seal.json.sig.tst".into(), token));
        refresh_tagmanifest(&mut e);
        let t = ts("2026-11-20T10:00:00Z").as_datetime();
        vectors.push((name.into(), description.into(), expect.map(Into::into), write_archive(&e, t).expect("write")));
    }
}

/// Receipts by exception (spec §5.5, §7.3): a whole rejection that names no item, and each
/// way the items a receipt does not accept can break the rules; a transfer with more
/// conditions than allowed (§5.4); a signature file over its size (§9.4).
fn receipt_vectors(out: &Path, vectors: &mut Vec<(String, String, Option<String>, Vec<u8>)>) {
    let work = tempfile::tempdir().expect("tempdir");
    let pending_copy = work.path().join("pending.zip");
    fs::copy(out.join("sealed.zip"), &pending_copy).expect("copy");
    give(&pending_copy, "alice", "bob", "prosecution review", "2026-11-20T11:00:00Z", |o| {
        o.conditions = vec![(ConditionKind::UseLimitation, "only for proceedings 2026-CT-0412".into())];
    });
    let pending = fs::read(&pending_copy).expect("read");
    let rejected = work.path().join("rejected.zip");
    fs::write(&rejected, &pending).expect("write");
    take(&rejected, "bob", "2026-11-20T12:00:00Z", |o| {
        o.reject_all = Some("not the data the request asked for".into());
    });
    vectors.push((
        "receipt-whole-rejection".into(),
        "Bo rejects the whole bundle with one reason: the receipt names no item (spec §5.5)".into(),
        None,
        fs::read(&rejected).expect("read"),
    ));
    let t = ts("2026-11-20T12:00:00Z").as_datetime();
    let crafted = |decision: &str, exceptions: Value, reason: Option<&str>| {
        let mut e = read_archive(pending.clone()).expect("parse");
        push_event(&mut e, &party("bob"), |v| {
            v["type"] = json!("receipt");
            v["time"] = json!("2026-11-20T12:00:00Z");
            v.as_object_mut().expect("object").remove("transfer");
            v["receipt"] = json!({"transfer_sequence": 1, "decision": decision,
                "verification": {"state": "intact", "failures": [], "trust_list_sha256": null,
                    "sealer_trusted": false, "sender_trusted": false,
                    "tsa_roots_sha256": null, "tsa_trusted": null},
                "items_total": 3, "exceptions": exceptions,
                "conditions": [{"id": 1, "accepted": true}]});
            if let Some(r) = reason {
                v["receipt"]["reason"] = json!(r);
            }
        });
        write_archive(&e, t).expect("write")
    };
    let group = |status: &str, items: &[&str]| json!({"status": status, "reason": "not requested", "items": items});
    for (name, description, expect, bytes) in [
        (
            "receipt-exception-unknown-item",
            "Bo's receipt does not accept item-9, which the bundle does not hold",
            "receipt.invalid",
            crafted("accepted_in_part", json!([group("rejected", &["item-9"])]), None),
        ),
        (
            "receipt-exception-named-twice",
            "Bo's receipt names item-2 in two groups",
            "receipt.invalid",
            crafted(
                "accepted_in_part",
                json!([group("rejected", &["item-2"]), group("out_of_scope", &["item-2"])]),
                None,
            ),
        ),
        (
            "receipt-exception-empty-group",
            "Bo's receipt has a group of items not accepted that names no item",
            "receipt.invalid",
            crafted("accepted", json!([group("rejected", &[])]), None),
        ),
        (
            "receipt-exception-status-accepted",
            "Bo's receipt lists items as not accepted with the status 'accepted'",
            "event.invalid",
            crafted("accepted_in_part", json!([group("accepted", &["item-1"])]), None),
        ),
        (
            "receipt-rejection-unexplained",
            "Bo's receipt rejects the bundle, naming no item and giving no reason",
            "receipt.invalid",
            crafted("rejected", json!([]), None),
        ),
        (
            "receipt-in-part-names-every-item",
            "Bo's receipt accepts in part but does not accept any of the three items",
            "receipt.invalid",
            crafted("accepted_in_part", json!([group("rejected", &["item-1", "item-2", "item-3"])]), None),
        ),
    ] {
        vectors.push((name.into(), description.into(), Some(expect.into()), bytes));
    }
    // A transfer with 33 conditions (at most 32, spec §5.4), signed by the custodian.
    let mut e = read_archive(fs::read(out.join("sealed.zip")).expect("read")).expect("parse");
    let bob = party("bob");
    push_event(&mut e, &party("alice"), |v| {
        let conditions: Vec<Value> =
            (1..=33).map(|i| json!({"id": i, "kind": "other", "text": format!("condition {i}")})).collect();
        v["type"] = json!("transfer");
        v["time"] = json!("2026-11-20T11:00:00Z");
        v["transfer"] = json!({"recipient": custody_core::manifest::Signer::new(bob.public().fingerprint(), &bob.identity),
            "purpose": "prosecution review", "conditions": conditions});
    });
    vectors.push((
        "transfer-too-many-conditions".into(),
        "Alice's transfer attaches 33 conditions; at most 32 are allowed".into(),
        Some("event.invalid".into()),
        write_archive(&e, ts("2026-11-20T11:00:00Z").as_datetime()).expect("write"),
    ));
    // A signature file of 65 bytes: over the 64 an Ed25519 signature has, refused unread.
    let mut e = read_archive(fs::read(out.join("sealed.zip")).expect("read")).expect("parse");
    get(&mut e, "custody/events/000000-seal.json.sig").push(0);
    refresh_tagmanifest(&mut e);
    vectors.push((
        "signature-oversize".into(),
        "the seal's signature file has a 65th byte: over its size limit, not read".into(),
        Some("archive.entry_too_large".into()),
        write_archive(&e, ts("2026-11-20T10:00:00Z").as_datetime()).expect("write"),
    ));
}

/// Replaces the tag file `name`, bound by the seal event, with `bytes`, and has `signer`
/// re-sign the seal event with the new binding (the derived bundle's sealer editing it).
fn rebind(e: &mut Entries, signer: &KeyPair, name: &str, bytes: Vec<u8>) {
    let sha = Sha256Digest::of(&bytes).hex();
    *get(e, name) = bytes;
    let seal = "custody/events/000000-seal.json";
    let mut v: Value = serde_json::from_slice(get(e, seal)).expect("json");
    for f in v["files"].as_array_mut().expect("files") {
        if f["path"] == name {
            f["sha256"] = json!(sha);
        }
    }
    let mut doc = serde_json::to_vec_pretty(&v).expect("json");
    doc.push(b'\n');
    *get(e, &format!("{seal}.sig")) = signer.sign(&doc).expect("a key in memory signs").to_vec();
    *get(e, seal) = doc;
    refresh_tagmanifest(e);
}

/// Derived bundles (§5.13): Bo (prosecutor) derives from the example case (mla-case.zip,
/// sealed by Alice) items 1 and 3 with item-1's first file redacted; then one vector per
/// way a derived bundle can lie, each re-signed by Bo so that only step 8c can tell.
fn derivation_vectors(out: &Path, vectors: &mut Vec<(String, String, Option<String>, Vec<u8>)>) {
    use custody_core::derive::{DeriveOptions, RedactionInput, derive};
    let work = tempfile::tempdir().expect("tempdir");
    let bob = party("bob");
    let t = ts("2026-11-21T09:00:00Z").as_datetime();
    let parent = out.join("mla-case.zip");
    let parent_manifest: custody_core::manifest::Manifest = {
        let e = read_archive(fs::read(&parent).expect("read")).expect("parse");
        serde_json::from_slice(&e.iter().find(|(n, _)| n == "custody/manifest.json").expect("manifest").1)
            .expect("manifest")
    };
    let redacted_path = parent_manifest.items[0].files.iter().next().expect("a file").path.to_owned();
    let copy = work.path().join("redacted");
    fs::write(&copy, b"<html><body><p>[redacted: names of uninvolved persons]</p></body></html>\n").expect("write");
    let mut o = DeriveOptions::new();
    o.items = Some(vec!["item-1".into(), "item-3".into()]);
    o.redactions = vec![RedactionInput {
        path: redacted_path.clone(),
        file: copy,
        reason: "names of uninvolved persons (data minimisation)".into(),
    }];
    (o.time, o.jobs) = (Some(ts("2026-11-21T09:00:00Z")), 1);
    o.fixed = Some(("d1e2d3e4d5e6d7e8d9eadbecddeedfe0".into(), [0x5a; 32]));
    // Bo holds a copy but is not the custodian (Alice is): not recorded in the parent (§5.14).
    o.no_record = true;
    let derived_path = work.path().join("derived.zip");
    derive(&parent, &bob, &derived_path, &o).expect("derive");
    let derived_bytes = fs::read(&derived_path).expect("read");
    vectors.push((
        "derived-valid".into(),
        "a valid derived bundle: Bo derived items 1 and 3 of mla-case.zip, item-1's first file replaced by a \
         redacted copy (derivation.redacted), proven by Alice's signed commitment (derivation.parent_proven)"
            .into(),
        None,
        derived_bytes.clone(),
    ));
    recorded_derivation_vectors(&parent, vectors);
    let derived = read_archive(derived_bytes).expect("parse");
    let manifest = |edit: &dyn Fn(&mut Value)| {
        let mut e = derived.clone();
        let mut v: Value = serde_json::from_slice(get(&mut e, "custody/manifest.json")).expect("json");
        edit(&mut v);
        let mut doc = serde_json::to_vec_pretty(&v).expect("json");
        doc.push(b'\n');
        resign_bound_with(&mut e, &bob, "custody/manifest.json", doc, true);
        e
    };
    let other = json!("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    let mut push = |name: &str, description: &str, code: &str, e: Entries| {
        vectors.push((name.into(), description.into(), Some(code.into()), write_archive(&e, t).expect("write")));
    };
    push(
        "derived-forged-path",
        "a derived bundle whose proof of item-1 has its first audit-path hash replaced (re-signed by Bo)",
        "derivation.proof_invalid",
        manifest(&|v| v["derivation"]["items"][0]["audit_path"][0] = other.clone()),
    );
    push(
        "derived-path-too-long",
        "a derived bundle whose proof of item-1 has one hash more than log2 of the parent's tree size",
        "derivation.proof_invalid",
        manifest(&|v| v["derivation"]["items"][0]["audit_path"].as_array_mut().expect("path").push(other.clone())),
    );
    push(
        "derived-index-out-of-range",
        "a derived bundle whose proof of item-1 has an index beyond the parent's tree (2^53)",
        "derivation.proof_invalid",
        manifest(&|v| v["derivation"]["items"][0]["index"] = json!(1u64 << 53)),
    );
    push(
        "derived-salt-reused",
        "a derived bundle whose proof of item-1 reveals the case's salt as its own",
        "derivation.salt_reused",
        manifest(&|v| v["derivation"]["items"][0]["salt"] = v["derivation"]["case"]["salt"].clone()),
    );
    push(
        "derived-proof-for-left-out-item",
        "a derived bundle with a proof of item-2, which it does not carry (a leak, and no proof of anything)",
        "derivation.not_proven",
        manifest(&|v| {
            let mut p = v["derivation"]["items"][0].clone();
            p["id"] = json!("item-2");
            p["index"] = json!(v["derivation"]["items"][0]["index"].as_u64().expect("index") + 1);
            v["derivation"]["items"].as_array_mut().expect("items").push(p);
        }),
    );
    push(
        "derived-redaction-false-original",
        "a derived bundle whose redaction claims another original SHA-256 than the one Alice sealed",
        "derivation.proof_invalid",
        manifest(&|v| v["derivation"]["redactions"][0]["original_sha256"] = other.clone()),
    );
    push(
        "derived-with-attestation",
        "a derived bundle with a copy certification by a carried actor (re-signed by Bo): nothing proves it is \
         the original's, so a derived bundle carries none",
        "manifest.invalid",
        manifest(&|v| {
            let actor = v["actors"][0]["id"].clone();
            let item = v["items"][0]["id"].clone();
            v["attestations"] = json!([{
                "id": "copy-1", "kind": "copy_certification", "by": actor,
                "declared_at": "2026-11-20T09:00:00Z", "statement": "These are accurate copies.",
                "items": [item]
            }]);
        }),
    );
    // derivation.redaction_invalid (§5.13 step 5): one vector per rule.
    let first = |v: &Value| v["derivation"]["redactions"][0].clone();
    for (name, description, edit) in [
        (
            "derived-redaction-no-file",
            "a derived bundle whose redaction names a file no carried item has",
            Box::new(|v: &mut Value| v["derivation"]["redactions"][0]["path"] = json!("data/item-1/no-such-file.html"))
                as Box<dyn Fn(&mut Value)>,
        ),
        (
            "derived-redaction-twice",
            "a derived bundle that redacts the same file twice",
            Box::new(move |v: &mut Value| {
                let r = first(v);
                v["derivation"]["redactions"].as_array_mut().expect("redactions").push(r)
            }),
        ),
        (
            "derived-redaction-record-mismatch",
            "a derived bundle whose redaction's redacted_sha256 is not the manifest record's SHA-256",
            Box::new(|v: &mut Value| {
                v["derivation"]["redactions"][0]["redacted_sha256"] =
                    json!("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")
            }),
        ),
        (
            "derived-redaction-same-as-original",
            "a derived bundle whose redaction claims an original equal to the copy",
            Box::new(|v: &mut Value| {
                v["derivation"]["redactions"][0]["original_sha256"] =
                    v["derivation"]["redactions"][0]["redacted_sha256"].clone()
            }),
        ),
        (
            "derived-redaction-bad-reason",
            "a derived bundle whose redaction reason is longer than 1,024 characters",
            Box::new(|v: &mut Value| v["derivation"]["redactions"][0]["reason"] = json!("x".repeat(1025))),
        ),
        (
            "derived-redaction-bad-by",
            "a derived bundle whose redactor's name is longer than 200 characters",
            Box::new(|v: &mut Value| v["derivation"]["redactions"][0]["by"]["name"] = json!("x".repeat(201))),
        ),
    ] {
        push(name, description, "derivation.redaction_invalid", manifest(&*edit));
    }
    push(
        "derived-case-edited",
        "a derived bundle whose case title was changed (re-signed by Bo): not what Alice committed to",
        "derivation.proof_invalid",
        manifest(&|v| v["case"]["title"] = json!("another title")),
    );
    push(
        "derived-actor-unproven",
        "a derived bundle whose proof of a carried actor was removed",
        "derivation.not_proven",
        manifest(&|v| v["derivation"]["actors"].as_array_mut().expect("actors").truncate(0)),
    );
    // §5.13: parent_latest_event_sha256 is required, 64 lowercase hex digits.
    push(
        "derived-no-parent-latest-event",
        "a derived bundle whose derivation lacks parent_latest_event_sha256 (the manifest re-signed by Bo)",
        "manifest.invalid",
        manifest(&|v| {
            v["derivation"].as_object_mut().expect("derivation").remove("parent_latest_event_sha256");
        }),
    );
    push(
        "derived-parent-latest-event-malformed",
        "a derived bundle whose parent_latest_event_sha256 is not 64 lowercase hex digits (upper case)",
        "manifest.invalid",
        manifest(&|v| {
            let h = v["derivation"]["parent_latest_event_sha256"].as_str().expect("hex").to_uppercase();
            v["derivation"]["parent_latest_event_sha256"] = json!(h);
        }),
    );
    push(
        "derived-parent-seal-hash-mismatch",
        "a derived bundle whose derivation declares another SHA-256 for the parent seal event than the one carried",
        "derivation.parent_seal_invalid",
        manifest(&|v| v["derivation"]["parent_seal_event_sha256"] = other.clone()),
    );
    // The unredacted file of item-3 swapped, its record and manifest-sha256.txt line changed
    // with it (same size): the payload verifies, the proof does not.
    let mut e = derived.clone();
    let path = parent_manifest.items[2].files.iter().next().expect("a file").path.to_owned();
    let data = get(&mut e, &path);
    data[0] ^= 0x20;
    let new_sha = Sha256Digest::of(data).hex();
    let old_sha = parent_manifest.items[2].files.iter().next().expect("a file").sha256.hex();
    let listing = String::from_utf8(get(&mut e, "manifest-sha256.txt").clone()).expect("utf8");
    *get(&mut e, "manifest-sha256.txt") = listing.replace(&old_sha, &new_sha).into_bytes();
    let mut v: Value = serde_json::from_slice(get(&mut e, "custody/manifest.json")).expect("json");
    v["items"][1]["files"][0]["sha256"] = json!(new_sha);
    let mut doc = serde_json::to_vec_pretty(&v).expect("json");
    doc.push(b'\n');
    resign_bound_with(&mut e, &bob, "custody/manifest.json", doc, true);
    push(
        "derived-unredacted-file-swapped",
        "a derived bundle whose unredacted file of item-3 was swapped, its record and manifest-sha256.txt line \
         changed with it and the manifest re-signed by Bo",
        "derivation.proof_invalid",
        e,
    );
    // The parent seal event's signature replaced by Mallory's over the same bytes.
    let mut e = derived.clone();
    let seal = get(&mut e, "custody/parent/seal.json").clone();
    let sig = party("mallory").sign(&seal).expect("sign").to_vec();
    rebind(&mut e, &bob, "custody/parent/seal.json.sig", sig);
    push(
        "derived-parent-seal-other-key",
        "a derived bundle whose parent seal event carries Mallory's signature instead of Alice's",
        "derivation.parent_seal_invalid",
        e,
    );
    // The parent seal event replaced by a derived bundle's own (Bo's) seal, which binds
    // custody/parent/*: a grandchild would hide its parent's redactions (§5.13).
    let mut e = derived.clone();
    let own = "custody/events/000000-seal.json";
    let (seal, sig) = (get(&mut e, own).clone(), get(&mut e, &format!("{own}.sig")).clone());
    let own_key = e.iter().find(|(n, _)| n.contains("custody/keys/")).expect("key").1.clone();
    let sha = Sha256Digest::of(&seal).hex();
    rebind(&mut e, &bob, "custody/parent/seal.json", seal);
    rebind(&mut e, &bob, "custody/parent/seal.json.sig", sig);
    rebind(&mut e, &bob, "custody/parent/key.pem", own_key);
    let mut m: Value = serde_json::from_slice(get(&mut e, "custody/manifest.json")).expect("json");
    m["derivation"]["parent_seal_event_sha256"] = json!(sha);
    m["derivation"]["parent_bundle_id"] = m["bundle_id"].clone();
    let mut doc = serde_json::to_vec_pretty(&m).expect("json");
    doc.push(b'\n');
    resign_bound_with(&mut e, &bob, "custody/manifest.json", doc, true);
    push(
        "derived-parent-is-derived",
        "a derived bundle whose carried parent seal is a derived bundle's seal (it binds custody/parent/seal.json): \
         a grandchild would hide its parent's redactions, so a bundle is derived only from an original",
        "derivation.parent_seal_invalid",
        e,
    );
    // The parent seal event re-signed by Alice claiming 2^63 leaves: refused before hashing.
    let mut e = derived.clone();
    let mut v: Value = serde_json::from_slice(get(&mut e, "custody/parent/seal.json")).expect("json");
    v["commitment"]["tree_size"] = json!(1u64 << 63);
    let mut seal = serde_json::to_vec_pretty(&v).expect("json");
    seal.push(b'\n');
    let sig = party("alice").sign(&seal).expect("sign").to_vec();
    let sha = Sha256Digest::of(&seal).hex();
    rebind(&mut e, &bob, "custody/parent/seal.json", seal);
    rebind(&mut e, &bob, "custody/parent/seal.json.sig", sig);
    let mut m: Value = serde_json::from_slice(get(&mut e, "custody/manifest.json")).expect("json");
    m["derivation"]["parent_seal_event_sha256"] = json!(sha);
    let mut doc = serde_json::to_vec_pretty(&m).expect("json");
    doc.push(b'\n');
    resign_bound_with(&mut e, &bob, "custody/manifest.json", doc, true);
    push(
        "derived-tree-size-huge",
        "a derived bundle whose parent seal event, re-signed by Alice, claims 2^63 leaves: refused before any hashing",
        "derivation.parent_seal_invalid",
        e,
    );
}
