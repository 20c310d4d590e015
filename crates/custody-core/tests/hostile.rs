//! Hostile-size bundles (issue #13.4), made here and used both by the regression tests below
//! and by the benchmark (`bench/hostile.sh`, through `examples/hostile.rs`): a small sealed
//! bundle, then one shape grown to N elements, re-signed where a signature is needed with a
//! fixed test key (what a party with a real key could do).
//!
//! Shapes:
//! - `imported`: N `capture.imported` entries naming the last of the item's N files;
//! - `receipts`: N receipt events, signed and chained, all answering one far-off transfer;
//! - `signers`: N events, each signed by a different key;
//! - `token`: a timestamp token whose digest-algorithm SET holds N values in reverse order;
//! - `missing`: N lines in manifest-sha256.txt for payload files that are not there;
//! - `bigtag`: manifest-sha256.txt grown to N × 512 bytes (1M: 512 MiB, its limit), one
//!   line repeated (refused at its second occurrence);
//! - `bigpaths`: manifest-sha256.txt of N lines of about 512 bytes, each another path of
//!   about 440 bytes (1M: 512 MB), all missing;
//! - `events`: N event documents beyond the seal, each a few bytes (never read: a bundle of
//!   more than 10,000 events is refused before any is, spec §9.4);
//! - `items`: the manifest's one item followed by N-1 more, each naming another payload file
//!   that is not there, re-signed (a bundle of more than 100,000 items is refused as its
//!   manifest is read, spec §9.4); `items-odd-last`: the same, the Nth element `{"not": "an item"}`;
//!   `items-odd-6`: the same, the 6th item with an unknown member;
//! - `items-nested`: 100,000 items, then a 100,001st element of N nested `[` (never read: it
//!   begins past the item bound, spec §9.1 step 8);
//! - `files`: one item of N file records, all missing (past 1,000,000 refused as the
//!   1,000,001st begins, `manifest.too_many_files`, spec §9.4); `files-split`: the same N
//!   records, half in item 1 and half in item 2;
//! - `files-long`: one item of N file records, each path, original name (not the path's
//!   suffix) and media type distinct and 115 bytes longer, so that 1,000,000 records make a
//!   529 MB manifest, under its 512 MiB limit: the costliest manifest within the limits;
//! - `steps`: item 1's `capture.access_steps` of N empty strings (each weighs 64 of the
//!   manifest's 64 MiB, spec §9.4: past 1,048,576 refused as `manifest.too_large_to_hold`);
//! - `items-steps`: 100,000 items, each with N access steps of one character (a capture
//!   weighs 1,024: over the weight whatever N);
//! - `items-purposes`: 100,000 items, then N purposes of one character in the restrictions;
//! - `note`: item 1's `capture.note` of N bytes (past the weight: refused unread);
//! - `heaviest`: the bounds spent together, as far as a verifier holds each: the events of
//!   `receipts` at 9,997 (the event bound), the manifest of `items-purposes` at 500,000
//!   purposes (the costliest within its weight; the seal no longer binds it), manifest-sha256.txt
//!   with N more lines of 32-byte paths naming no file, and tagmanifest-sha256.txt with N lines
//!   naming no file (at N = 262,143 both BagIt manifests are just under their 16 MiB weight);
//! - `oversize`: one receipt event of N KiB (over 1 MiB: refused unread, spec §9.4);
//! - `concerns`: a countersignature (spec §5.7) whose statement concerns N events, re-signed
//!   by its author and re-bound by the custodian's carrying event.
//!
//! The tests use element counts at which the old, quadratic code took minutes in a debug
//! build, and assert a bound that linear code meets with a wide margin.
#![allow(dead_code)]

use std::fs;

use custody_core::archive::{read_archive, testing::write_archive};
use custody_core::casefile::CaseInput;
use custody_core::handover::{ReceiveOptions, TransferOptions, receive, transfer};
use custody_core::seal::{ItemInput, SealOptions, seal};
use custody_core::{Identity, KeyPair, Role, Sha256Digest, Timestamp};
use serde_json::{Value, json};

type Entries = Vec<(String, Vec<u8>)>;

fn key(label: &str, name: &str, role: Role) -> KeyPair {
    let seed = Sha256Digest::of(format!("custody hostile benchmark key: {label}").as_bytes()).0;
    KeyPair::from_seed(
        seed,
        Identity { name: name.into(), organisation: "Org".into(), role, jurisdiction: "CN".into() },
    )
}

fn ts(s: &str) -> Timestamp {
    s.parse().expect("fixed time")
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

fn pretty(v: &Value) -> Vec<u8> {
    let mut b = serde_json::to_vec_pretty(v).expect("json");
    b.push(b'\n');
    b
}

/// Replaces a document bound by the seal event, signed by `signer`, and re-signs the seal.
fn resign_bound(e: &mut Entries, signer: &KeyPair, name: &str, doc: Vec<u8>) {
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
    let bytes = pretty(&v);
    *get(e, &format!("{seal}.sig")) = signer.sign(&bytes).expect("a key in memory signs").to_vec();
    *get(e, seal) = bytes;
}

fn der(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = content.len();
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let b = (n as u32).to_be_bytes();
        let skip = b.iter().take_while(|&&x| x == 0).count();
        out.push(0x80 | (4 - skip) as u8);
        out.extend_from_slice(&b[skip..]);
    }
    out.extend_from_slice(content);
    out
}

/// `v` written as [`pretty`] does, each `"MARKER"` string in it replaced by its raw bytes (for
/// manifests too large, or too malformed, to build as a `Value`).
pub fn pretty_with(v: &Value, raw: Vec<(&str, Vec<u8>)>) -> Vec<u8> {
    let mut out = pretty(v);
    for (marker, bytes) in raw {
        let quoted = format!("\"{marker}\"");
        let at = out.windows(quoted.len()).position(|w| w == quoted.as_bytes()).expect("marker");
        out.splice(at..at + quoted.len(), bytes);
    }
    out
}

/// Items `from..=to` as JSON text, each `template` (the sealed item 1) with its id and path
/// renamed, separated by commas (no leading or trailing comma).
pub fn items_text(template: &Value, from: usize, to: usize) -> Vec<u8> {
    let one = serde_json::to_string(template).expect("json");
    let mut out = Vec::new();
    for i in from..=to {
        if i > from {
            out.push(b',');
        }
        out.extend_from_slice(
            one.replace("\"item-1\"", &format!("\"item-{i}\""))
                .replace("data/item-1/", &format!("data/item-{i}/"))
                .as_bytes(),
        );
    }
    out
}

/// `n` file records of item `item` as JSON text, numbered from `from`, each naming a missing
/// file, `pad` bytes added to each path; separated by commas.
pub fn records_text(item: usize, from: usize, n: usize, pad: usize) -> Vec<u8> {
    // With a pad, each record is as costly to hold as the format allows in a 512 MiB
    // manifest of 1,000,000 records: a path, an original name that is not its suffix (so both
    // are kept) and a media type, all three distinct and long (529 bytes a record, 529 MB at 1,000,000).
    let (p, q) = ("p".repeat(pad), "q".repeat(pad));
    let m = if pad == 0 { String::new() } else { "m".repeat(pad + 3) };
    let empty = Sha256Digest::of(&[]).hex();
    let mut out = Vec::with_capacity(n * (150 + 3 * pad));
    for k in from..from + n {
        if k > from {
            out.push(b',');
        }
        let media = if pad == 0 { "text/plain".to_owned() } else { format!("application/x-{m}{k:07}") };
        out.extend_from_slice(
            format!(
                "{{\"path\":\"data/item-{item}/{p}f{k:07}\",\"original_name\":\"{q}f{k:07}\",\"size\":0,\
                 \"media_type\":\"{media}\",\"sha256\":\"{empty}\"}}"
            )
            .as_bytes(),
        );
    }
    out
}

/// The sealed bundle `craft` starts from, its manifest replaced by what `manifest` makes of the
/// sealed one, re-signed, as ZIP bytes.
pub fn with_manifest(manifest: impl FnOnce(Value) -> Vec<u8>) -> Vec<u8> {
    let work = tempfile::tempdir().expect("tempdir");
    let alice = key("alice", "Alice Wang", Role::Investigator);
    let (mut e, _) = sealed_base(work.path(), &alice);
    let m: Value = serde_json::from_slice(get(&mut e, "custody/manifest.json")).expect("json");
    let doc = manifest(m);
    resign_bound(&mut e, &alice, "custody/manifest.json", doc);
    refresh_tagmanifest(&mut e);
    let t = chrono::DateTime::parse_from_rfc3339("2026-11-20T10:00:00Z").expect("time").to_utc();
    write_archive(&e, t).expect("zip")
}

/// The sealed bundle of one item of one file, read back, and where it was written.
fn sealed_base(work: &std::path::Path, alice: &KeyPair) -> (Entries, std::path::PathBuf) {
    fs::write(work.join("page.html"), "<p>post</p>").expect("write input");
    let base = work.join("base.zip");
    let opts = SealOptions::default()
        .with_case(CaseInput::new("HOSTILE-1"))
        .with_item(ItemInput::bare(work.join("page.html")))
        .with_import(false)
        .with_overwrite(true)
        .with_fixed_time(ts("2026-11-20T10:00:00Z"))
        .with_fixed_bundle_id("00112233445566778899aabbccddeeff")
        .with_jobs(1);
    seal(alice, &base, &opts).expect("seal");
    let e = read_archive(fs::read(&base).expect("read")).expect("archive");
    (e, base)
}

/// A hostile bundle of `shape` grown to `n` elements (see the shapes above), as ZIP bytes.
/// `None` for an unknown shape.
pub fn craft(shape: &str, n: usize) -> Option<Vec<u8>> {
    match shape {
        "items-nested" => {
            return Some(with_manifest(|mut m| {
                let max = custody_core::layout::MAX_ITEMS as usize;
                let items = items_text(&m["items"][0], 1, max);
                m["items"] = json!(["@ITEMS@", "@LAST@"]);
                pretty_with(&m, vec![("@ITEMS@", items), ("@LAST@", vec![b'['; n])])
            }));
        }
        "steps" => {
            // N empty strings in item 1's access steps: 64 each of the manifest's weight.
            return Some(with_manifest(|mut m| {
                m["items"][0]["capture"] = json!({"access_steps": ["@STEPS@"]});
                let mut steps = Vec::with_capacity(3 * n);
                for k in 0..n {
                    steps.extend_from_slice(if k == 0 { b"\"\"" } else { b",\"\"" });
                }
                pretty_with(&m, vec![("@STEPS@", steps)])
            }));
        }
        "items-steps" => {
            // 100,000 items (the item bound), each with N access steps of one character: the
            // most values the manifest's weight lets a reader hold (spec §9.4).
            return Some(with_manifest(|mut m| {
                let max = custody_core::layout::MAX_ITEMS as usize;
                let mut template = m["items"][0].clone();
                template["capture"] = json!({"access_steps": vec!["a"; n]});
                m["items"] = json!(["@ITEMS@"]);
                pretty_with(&m, vec![("@ITEMS@", items_text(&template, 1, max))])
            }));
        }
        "items-purposes" => {
            // 100,000 items (the item bound), then N purposes of one character in the
            // restrictions: the item bound's cost beside the most small values the weight lets
            // a reader hold (spec §9.4).
            return Some(with_manifest(|mut m| {
                let max = custody_core::layout::MAX_ITEMS as usize;
                let template = m["items"][0].clone();
                m["items"] = json!(["@ITEMS@"]);
                m["restrictions"] = json!({"use_limitation": {"purposes": vec!["a"; n]}});
                pretty_with(&m, vec![("@ITEMS@", items_text(&template, 1, max))])
            }));
        }
        "heaviest" => {
            let heavy = read_archive(craft("items-purposes", 500_000)?).expect("archive");
            let mut e = read_archive(craft("receipts", 9_997)?).expect("archive");
            for name in ["custody/manifest.json", "manifest-sha256.txt"] {
                let (_, bytes) = heavy.iter().find(|(n, _)| n == name).expect("in the bundle");
                get(&mut e, name).clone_from(bytes);
            }
            let empty = Sha256Digest::of(&[]);
            let m = get(&mut e, "manifest-sha256.txt");
            for i in 0..n {
                m.extend_from_slice(format!("{empty}  data/item-1/l{i:015}.bin\n").as_bytes());
            }
            refresh_tagmanifest(&mut e);
            let t = get(&mut e, "tagmanifest-sha256.txt");
            for i in 0..n {
                t.extend_from_slice(format!("{empty}  custody/l{i:019}.txt\n").as_bytes());
            }
            let t = chrono::DateTime::parse_from_rfc3339("2026-11-20T10:00:00Z").expect("time").to_utc();
            return Some(write_archive(&e, t).expect("zip"));
        }
        "note" => {
            // Item 1's capture note of N bytes (its text rule allows 16 KiB; checked after the
            // weight, so never reached past it).
            return Some(with_manifest(|mut m| {
                m["items"][0]["capture"] = json!({"note": "@NOTE@"});
                let mut note = vec![b'"'];
                note.resize(n + 1, b'n');
                note.push(b'"');
                pretty_with(&m, vec![("@NOTE@", note)])
            }));
        }
        "files" | "files-split" | "files-long" => {
            return Some(with_manifest(|mut m| {
                let pad = if shape == "files-long" { 115 } else { 0 };
                let first = if shape == "files-split" { n / 2 } else { n };
                m["items"][0]["files"] = json!(["@FILES1@"]);
                let mut raw = vec![("@FILES1@", records_text(1, 0, first, pad))];
                if shape == "files-split" {
                    let mut second = m["items"][0].clone();
                    second["id"] = json!("item-2");
                    second["files"] = json!(["@FILES2@"]);
                    m["items"].as_array_mut().expect("items").push(second);
                    raw.push(("@FILES2@", records_text(2, first, n - first, 0)));
                }
                pretty_with(&m, raw)
            }));
        }
        _ => {}
    }
    let work = tempfile::tempdir().expect("tempdir");
    let (alice, bob) = (key("alice", "Alice Wang", Role::Investigator), key("bob", "Bo Li", Role::Prosecutor));
    let (_, base) = sealed_base(work.path(), &alice);
    if shape == "receipts" || shape == "signers" {
        let mut o = TransferOptions::new(&alice, bob.public(), bob.identity.clone(), "review");
        o.time = Some(ts("2026-11-20T11:00:00Z"));
        transfer(&base, None, &o).expect("transfer");
        let r = ReceiveOptions::default().with_time(ts("2026-11-20T12:00:00Z")).with_jobs(1).accepting_untrusted();
        receive(&base, None, &bob, &r).expect("receive");
    }
    if shape == "concerns" {
        let o =
            custody_core::handover::CountersignOptions::new(&alice, 0, custody_core::statement::Capacity::Custodian);
        let mut o = o;
        o.time = Some(ts("2026-11-20T10:30:00Z"));
        custody_core::handover::countersign(&base, None, &o).expect("countersign");
    }
    let mut e = read_archive(fs::read(&base).expect("read")).expect("archive");
    match shape {
        "concerns" => {
            let name = "custody/statements/000001-countersign.json";
            let mut v: Value = serde_json::from_slice(get(&mut e, name)).expect("json");
            let c = v["concerns"][0].clone();
            v["concerns"] =
                json!((0..n as u64).map(|s| json!({"sequence": s, "sha256": c["sha256"]})).collect::<Vec<_>>());
            let doc = pretty(&v);
            let sig = alice.sign(&doc).expect("a key in memory signs").to_vec();
            let (doc_sha, sig_sha) = (Sha256Digest::of(&doc).hex(), Sha256Digest::of(&sig).hex());
            *get(&mut e, name) = doc;
            *get(&mut e, &format!("{name}.sig")) = sig;
            let carrier = "custody/events/000001-countersign.json";
            let mut ev: Value = serde_json::from_slice(get(&mut e, carrier)).expect("json");
            for f in ev["files"].as_array_mut().expect("files") {
                if f["path"] == name {
                    f["sha256"] = json!(doc_sha);
                } else if f["path"] == format!("{name}.sig") {
                    f["sha256"] = json!(sig_sha);
                }
            }
            let bytes = pretty(&ev);
            *get(&mut e, &format!("{carrier}.sig")) = alice.sign(&bytes).expect("a key in memory signs").to_vec();
            *get(&mut e, carrier) = bytes;
        }
        "imported" => {
            let mut m: Value = serde_json::from_slice(get(&mut e, "custody/manifest.json")).expect("json");
            let files = m["items"][0]["files"].as_array_mut().expect("files");
            let template = files[0].clone();
            for i in 0..n {
                let mut f = template.clone();
                f["path"] = json!(format!("data/item-1/f-{i:08}.bin"));
                files.push(f);
            }
            let from = files[files.len() - 1]["path"].clone();
            let imported: Vec<Value> =
                (0..n).map(|i| json!({"field": "source_url", "from": from, "key": format!("k{i}")})).collect();
            m["items"][0]["capture"]["imported"] = Value::Array(imported);
            resign_bound(&mut e, &alice, "custody/manifest.json", pretty(&m));
        }
        "receipts" => {
            let last_name = "custody/events/000002-receipt.json".to_string();
            let mut last = get(&mut e, &last_name).clone();
            let mut template: Value = serde_json::from_slice(&last).expect("receipt");
            // Each answers a transfer that is not there: a scan for it would read every event.
            template["receipt"]["transfer_sequence"] = json!(u32::MAX);
            for seq in 3..3 + n as u64 {
                let mut v = template.clone();
                v["sequence"] = json!(seq);
                v["previous_event_sha256"] = json!(Sha256Digest::of(&last).hex());
                let bytes = pretty(&v);
                let name = format!("custody/events/{seq:06}-receipt.json");
                e.push((format!("{name}.sig"), bob.sign(&bytes).expect("a key in memory signs").to_vec()));
                e.push((name, bytes.clone()));
                last = bytes;
            }
        }
        "signers" => {
            let mut last = get(&mut e, "custody/events/000002-receipt.json").clone();
            let template: Value = serde_json::from_slice(&last).expect("receipt");
            for seq in 3..3 + n as u64 {
                let signer = KeyPair::from_seed(Sha256Digest::of(&seq.to_be_bytes()).0, bob.identity.clone());
                let mut v = template.clone();
                v["sequence"] = json!(seq);
                v["previous_event_sha256"] = json!(Sha256Digest::of(&last).hex());
                v["signer"] =
                    json!(custody_core::manifest::Signer::new(signer.public().fingerprint(), &signer.identity));
                let bytes = pretty(&v);
                let name = format!("custody/events/{seq:06}-receipt.json");
                e.push((format!("{name}.sig"), signer.sign(&bytes).expect("a key in memory signs").to_vec()));
                e.push((name, bytes.clone()));
                last = bytes;
            }
        }
        "token" => {
            let algs: Vec<u8> = (0..n as u32)
                .rev()
                .flat_map(|i| {
                    let oid = [0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01];
                    der(0x30, &[&oid[..], &der(0x02, &i.to_be_bytes())].concat())
                })
                .collect();
            let sd = der(0x30, &[&[0x02, 0x01, 0x03][..], &der(0x31, &algs)].concat());
            let oid = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
            let token = der(0x30, &[&oid[..], &der(0xa0, &sd)].concat());
            e.push(("custody/events/000000-seal.json.sig.tst".into(), token));
        }
        "missing" => {
            let m = get(&mut e, "manifest-sha256.txt");
            for i in 0..n {
                m.extend_from_slice(format!("{}  data/item-1/missing-{i:08}.bin\n", Sha256Digest::of(&[])).as_bytes());
            }
        }
        "bigtag" => {
            let m = get(&mut e, "manifest-sha256.txt");
            let line = format!("{}  data/item-1/{}\n", Sha256Digest::of(&[]), "x".repeat(100));
            while m.len() < n * 512 {
                m.extend_from_slice(line.as_bytes());
            }
        }
        "bigpaths" => {
            // manifest-sha256.txt of N x 512 bytes, each line another path (about 440 bytes):
            // what a reader keeps of a manifest when no line repeats.
            let m = get(&mut e, "manifest-sha256.txt");
            let long = "x".repeat(420);
            for i in 0..n {
                m.extend_from_slice(format!("{}  data/item-1/{long}-{i:08}\n", Sha256Digest::of(&[])).as_bytes());
            }
        }
        "longnames" => {
            // N empty files no manifest lists, each named with 1,016 bytes (the root's 41
            // included): at 250,000 the central directory is just under its 256 MiB limit.
            let long = "x".repeat(950);
            for i in 0..n {
                e.push((format!("data/item-1/{long}-{i:08}.bin"), Vec::new()));
            }
        }
        "events" => {
            for seq in 1..=n as u64 {
                e.push((format!("custody/events/{seq:06}-receipt.json"), b"{}".to_vec()));
            }
        }
        "items" | "items-odd-last" | "items-odd-6" => {
            let mut m: Value = serde_json::from_slice(get(&mut e, "custody/manifest.json")).expect("json");
            let items = m["items"].as_array_mut().expect("items");
            let template = items[0].clone();
            for i in 2..=n {
                let mut item = template.clone();
                item["id"] = json!(format!("item-{i}"));
                item["files"][0]["path"] = json!(format!("data/item-{i}/page.html"));
                items.push(item);
            }
            match shape {
                "items-odd-last" => items[n - 1] = json!({"not": "an item"}),
                "items-odd-6" => items[5]["unknown"] = json!(true),
                _ => {}
            }
            resign_bound(&mut e, &alice, "custody/manifest.json", pretty(&m));
        }
        "oversize" => {
            let mut v: Value = serde_json::from_slice(get(&mut e, "custody/events/000000-seal.json")).expect("json");
            v["tool"]["version"] = json!("x".repeat(n * 1024));
            let bytes = pretty(&v);
            *get(&mut e, "custody/events/000000-seal.json.sig") =
                alice.sign(&bytes).expect("a key in memory signs").to_vec();
            *get(&mut e, "custody/events/000000-seal.json") = bytes;
        }
        _ => return None,
    }
    refresh_tagmanifest(&mut e);
    let t = chrono::DateTime::parse_from_rfc3339("2026-11-20T10:00:00Z").expect("time").to_utc();
    Some(write_archive(&e, t).expect("zip"))
}

/// Verifies `bundle` and returns the failed check codes and how long it took.
fn timed_verify(bundle: &[u8]) -> (Vec<String>, std::time::Duration) {
    let opts = custody_core::verify::VerifyOptions::default().with_jobs(1);
    let start = std::time::Instant::now();
    let r = custody_core::verify::verify_source(Box::new(bundle.to_vec()), "hostile.zip", &opts);
    let took = start.elapsed();
    let fails = r.failures().into_iter().map(str::to_owned).collect();
    (fails, took)
}

/// Generous for a loaded CI machine and a debug build: the quadratic code took two to four
/// times as long at these sizes (measured: 60k imported fields, about 2 min; 40k receipts,
/// about 2 min), the linear code a quarter of it.
const BOUND: std::time::Duration = std::time::Duration::from_secs(60);

#[test]
fn many_imported_fields_naming_one_file_are_checked_in_linear_time() {
    let bundle = craft("imported", 60_000).unwrap();
    let (fails, took) = timed_verify(&bundle);
    // The manifest describes files that are not there: the payload check says so.
    assert!(!fails.is_empty() && fails.iter().all(|c| c != "manifest.invalid"), "{fails:?}");
    assert!(took < BOUND, "{took:?}");
}

#[test]
fn many_receipts_of_a_missing_transfer_are_checked_in_linear_time() {
    // At the bound: the seal, a transfer, a receipt and 9,997 receipts (spec §9.4).
    let bundle = craft("receipts", 9_997).unwrap();
    let (fails, took) = timed_verify(&bundle);
    assert!(fails.iter().any(|c| c == "event.unexpected_receipt" || c == "receipt.invalid"), "{fails:?}");
    assert!(took < BOUND, "{took:?}");
}

#[test]
fn a_statement_concerning_many_events_is_refused_in_linear_time() {
    // 100,000 concerns: beyond the 64 allowed, and over 1 MiB, the limit of a signed
    // document: refused unread, like an oversize event (spec §9.4).
    let bundle = craft("concerns", 100_000).unwrap();
    let (fails, took) = timed_verify(&bundle);
    assert_eq!(fails, ["archive.entry_too_large"], "{fails:?}");
    assert!(took < BOUND, "{took:?}");
    // 1,000 concerns: under 1 MiB, still refused by its cap.
    let (fails, _) = timed_verify(&craft("concerns", 1_000).unwrap());
    assert_eq!(fails, ["statement.invalid"], "{fails:?}");
}

#[test]
fn a_token_with_a_huge_set_is_refused_before_decoding() {
    let bundle = craft("token", 60_000).unwrap();
    let (fails, took) = timed_verify(&bundle);
    assert!(fails.iter().any(|c| c == "timestamp.malformed"), "{fails:?}");
    assert!(took < BOUND, "{took:?}");
}

/// Sealing many separate inputs is linear: each input was looked up in the list of earlier
/// ones, and each attestation's items in a list, so 20,000 inputs took about two minutes
/// (16,000: 12 s); linear, they take well under a second in a release build.
#[test]
fn sealing_many_separate_inputs_is_linear() {
    let dir = tempfile::tempdir().unwrap();
    let n = 20_000;
    let items: Vec<ItemInput> = (0..n)
        .map(|i| {
            let p = dir.path().join(format!("f{i}.txt"));
            fs::write(&p, i.to_string()).unwrap();
            ItemInput::bare(p)
        })
        .collect();
    let k = key("alice", "Alice Wang", Role::Investigator);
    let opts =
        SealOptions::default().with_case(CaseInput::new("K-1")).with_import(false).with_items(items).with_jobs(2);
    let start = std::time::Instant::now();
    let sealed = seal(&k, dir.path().join("many.zip"), &opts).expect("seal");
    assert_eq!(sealed.files, n);
    assert!(start.elapsed() < std::time::Duration::from_secs(30), "took {:?}", start.elapsed());
}

/// Hostile capture files given to seal (issue #17): a header without end, a gzip member
/// without end, lengths beyond the file, garbage between members. Each is explained, costs
/// time linear in its size, and never panics.
#[test]
fn hostile_capture_files_are_explained_in_linear_time() {
    use custody_core::import::{WarcLimits, read_warc, read_warc_with};
    use std::io::{Cursor, Write};
    let started = std::time::Instant::now();
    // A header line of 50 MB without a line end, and 1M header lines.
    let huge_line = [b"WARC/1.1\r\nX: ".as_slice(), &vec![b'a'; 50 << 20]].concat();
    assert!(read_warc(Cursor::new(huge_line)).unwrap_err().contains("too long"));
    let many_lines = [b"WARC/1.1\r\n".as_slice(), &b"X: y\r\n".repeat(1 << 20)].concat();
    assert!(read_warc(Cursor::new(many_lines)).is_err());
    // A gzip member that decompresses without end (64 MiB of zeros), under a 16 MiB limit.
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(&vec![0u8; 64 << 20]).unwrap();
    let bomb = e.finish().unwrap();
    let limits = WarcLimits { scan_bytes: 16 << 20, pages: 100, ..WarcLimits::default() };
    assert!(read_warc_with(Cursor::new(&bomb), limits).is_err());
    // Lengths beyond the end, negative, or not numbers; garbage between gzip members.
    for bad in ["18446744073709551615", "-1", "1e9", "0x10"] {
        let w =
            format!("WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: http://a/\r\nContent-Length: {bad}\r\n\r\nx");
        let _ = read_warc(Cursor::new(w.into_bytes()));
    }
    let garbage: Vec<u8> = (0..1_000_000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    let _ = read_warc(Cursor::new([&[0x1f, 0x8b][..], &garbage].concat()));
    assert!(started.elapsed().as_secs() < 60, "took {:?}", started.elapsed());
}

/// A bundle sealed with a custody log held in memory (spec §6.5), as its entries.
fn logged_bundle() -> Entries {
    use custody_core::tlog::Logging;
    use custody_core::tlog::memory::MemoryLog;
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("a.txt"), b"logged").expect("write");
    let log = std::sync::Arc::new(MemoryLog::new("hostile.example/log", key("log", "Log", Role::Custodian)));
    let vkey = log.verifier_key().expect("key");
    let logging = Logging { url: "http://127.0.0.1:1".into(), key: vkey, optional: false, submitter: log };
    let opts = SealOptions::default()
        .with_case(CaseInput::new("C-LOG"))
        .with_item(ItemInput::bare(dir.path().join("a.txt")))
        .with_fixed_time(ts("2026-11-20T10:00:00Z"))
        .with_logging(Some(logging))
        .with_jobs(1);
    let out = dir.path().join("logged.zip");
    seal(&key("alice", "Alice", Role::Investigator), &out, &opts).expect("seal");
    read_archive(fs::read(&out).expect("read")).expect("parse")
}

/// The log proof file is unsigned attacker bytes (spec §6.5, §9.4): each hostile shape is
/// refused with its code in linear time, never read beyond 64 KiB; ten thousand proof files of
/// no event each cost one check.
#[test]
fn hostile_log_proofs_are_refused_quickly_with_their_codes() {
    let logged = logged_bundle();
    let proof = "custody/log/000000.json";
    let genuine = logged.iter().find(|(n, _)| n == proof).expect("proof").1.clone();
    let (fails, _) = timed_verify(&write_archive(&logged, ts("2026-11-20T10:00:00Z").as_datetime()).expect("zip"));
    assert!(fails.is_empty(), "{fails:?}");
    let text = String::from_utf8(genuine.clone()).expect("utf-8");
    let v: Value = serde_json::from_str(&text).expect("json");
    let h = "ab".repeat(32);
    let shapes: Vec<(&str, Vec<u8>, &str)> = vec![
        ("nested", "[".repeat(60_000).into_bytes(), "log.proof_invalid"),
        ("over 64 KiB", vec![b' '; 64 * 1024 + 1], "archive.entry_too_large"),
        (
            "129 hashes",
            {
                let mut w = v.clone();
                w["inclusion"] = json!(vec![h.clone(); 129]);
                serde_json::to_vec(&w).expect("json")
            },
            "log.proof_invalid",
        ),
        (
            "64 hashes, wrong",
            {
                let mut w = v.clone();
                w["inclusion"] = json!(vec![h.clone(); 64]);
                serde_json::to_vec(&w).expect("json")
            },
            "log.proof_invalid",
        ),
        (
            "a checkpoint of 100 signature lines",
            {
                let mut w = v.clone();
                let cp = w["checkpoint"].as_str().expect("checkpoint").to_owned();
                let line = cp.lines().last().expect("signature line").to_owned();
                w["checkpoint"] = json!(format!("{cp}{}", format!("{line}\n").repeat(100)));
                serde_json::to_vec(&w).expect("json")
            },
            "log.proof_invalid",
        ),
        (
            "index 2^64-1",
            {
                let mut w = v.clone();
                w["index"] = json!(u64::MAX);
                serde_json::to_vec(&w).expect("json")
            },
            "log.proof_invalid",
        ),
        ("a repeated member", text.replacen("{", "{\"index\":0,", 1).into_bytes(), "log.proof_invalid"),
    ];
    for (what, bytes, code) in shapes {
        let mut e = logged.clone();
        *get(&mut e, proof) = bytes;
        refresh_tagmanifest(&mut e);
        let (fails, took) = timed_verify(&write_archive(&e, ts("2026-11-20T10:00:00Z").as_datetime()).expect("zip"));
        assert!(fails.iter().any(|c| c == code), "{what}: {fails:?}");
        assert!(took < std::time::Duration::from_secs(10), "{what}: {took:?}");
    }
    // Ten thousand proof files of events the bundle does not hold.
    let mut e = logged.clone();
    let at = e.iter().position(|(n, _)| n == "tagmanifest-sha256.txt").expect("tag manifest");
    for i in 1..=10_000u64 {
        e.insert(at, (custody_core::layout::log_proof_path(i), genuine.clone()));
    }
    refresh_tagmanifest(&mut e);
    let (fails, took) = timed_verify(&write_archive(&e, ts("2026-11-20T10:00:00Z").as_datetime()).expect("zip"));
    assert!(!fails.is_empty() && fails.iter().all(|c| c == "log.proof_invalid"), "only the orphans fail");
    assert!(took < BOUND, "{took:?}");
}
