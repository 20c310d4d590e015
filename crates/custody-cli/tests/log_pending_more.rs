//! The pending event of the commands that append a carrying event (attach, countersign, add,
//! examine, access: one shared path with transfer's, docs/custody-log.md §5.2), and the refusals
//! of the pending reader not covered by log_pending.rs: an older event replayed, files the event
//! does not bind, a journal and a pending file both present.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::Scratch;
use crate::log_pending::{TRANSFER, custody_hooked, logged_case, online, tree_size};

/// `custody attach` by the custodian with a log that does not answer: the signed document
/// event is kept beside the bundle, its attached file by reference (never copied into the
/// pending file), the bundle unchanged; once the log is back, `custody recover` completes that
/// very event with the attached file, and the bundle is the latest copy. A pending file whose
/// referenced file changed meanwhile is refused.
#[test]
fn an_attach_whose_log_does_not_answer_is_kept_and_completed_by_recover() {
    let s = Scratch::new();
    let (served, port) = logged_case(&s);
    let attached = vec![b'x'; 300_000];
    s.write("request.pdf", std::str::from_utf8(&attached).unwrap());
    let attach = ["attach", "case.zip", "--key", "alice.key", "--kind", "mla_request", "--ref", "MLA-1"];
    let more = ["--language", "en", "--date", "2026-11-18", "--capacity", "investigator"];
    let before = std::fs::read(s.path("case.zip")).unwrap();
    drop(served);
    let o = s.run(&[&attach[..], &more, &["--title", "Request", "request.pdf"]].concat());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("kept, signed, in case.zip.custody-pending-event"), "{stderr}");
    assert!(stderr.contains("run custody recover case.zip when the log answers"), "{stderr}");
    assert!(std::fs::read(s.path("case.zip")).unwrap() == before, "nothing appended");
    let pending = s.path("case.zip.custody-pending-event");
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&pending).unwrap()).unwrap();
    let files = doc["files"].as_array().unwrap();
    let by_ref: Vec<&serde_json::Value> = files.iter().filter(|f| f["from"].is_object()).collect();
    assert_eq!(by_ref.len(), 1, "{doc:#}");
    assert!(by_ref[0]["path"].as_str().unwrap().ends_with("/request.pdf"), "{doc:#}");
    assert_eq!(by_ref[0]["from"]["size"], 300_000);
    assert!(std::fs::metadata(&pending).unwrap().len() < 100_000, "the attached file is not copied into it");
    let _served = crate::log::serve_on(&s, "log.sqlite", Stdio::null(), port);
    // The attached file changed: refused, nothing changed, nothing submitted.
    s.write("request.pdf", "changed");
    let said = s.refused(&["recover", "case.zip"], "request.pdf, cannot be read as the event binds it");
    assert!(said.contains("Nothing was changed"), "{said}");
    assert_eq!(tree_size(&s, port), 1);
    s.write("request.pdf", std::str::from_utf8(&attached).unwrap());
    let o = s.run(&["recover", "case.zip"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(stderr.contains("completed the document event #1"), "{stderr}");
    assert!(!pending.exists());
    let (code, log) = online(&s, "case.zip");
    assert_eq!((code, log["outcome"].as_str()), (0, Some("latest")), "{log:#}");
    let r = s.json(0, "verify-report.schema.json", &["verify", "--json", "case.zip"]);
    assert_eq!(r["state"], "intact", "{r:#}");
    assert_eq!(r["events"][1]["type"], "document");
}

/// A countersignature killed (`kill -9`) right after the log's answer: the event is pending; the
/// next command in place (a transfer) completes it first, then signs its own on top; one leaf
/// per event, the copy the latest.
#[test]
fn a_countersign_killed_after_the_log_answered_is_completed_by_the_next_command() {
    let s = Scratch::new();
    let (_served, port) = logged_case(&s);
    let paused = s.path("paused");
    let args = ["countersign", "case.zip", "--key", "alice.key", "--event", "0", "--capacity", "second-investigator"];
    let mut hooked = custody_hooked(&s, (custody_core::append::PAUSE_ENV, "after-log"), &args);
    let mut child = hooked.env(custody_core::append::PAUSED_FILE_ENV, &paused).spawn().unwrap();
    let start = Instant::now();
    while !paused.exists() {
        assert!(start.elapsed() < Duration::from_secs(60), "the countersign never reached the log's answer");
        assert!(child.try_wait().unwrap().is_none(), "the countersign ended before the pause point");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    assert!(!child.wait().unwrap().success());
    assert!(s.path("case.zip.custody-pending-event").exists());
    assert_eq!(tree_size(&s, port), 2, "the log holds the countersign");
    let o = s.run(&TRANSFER);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(stderr.contains("completed the countersign event #1"), "{stderr}");
    assert!(!s.path("case.zip.custody-pending-event").exists());
    let (code, log) = online(&s, "case.zip");
    assert_eq!((code, log["outcome"].as_str()), (0, Some("latest")), "{log:#}");
    assert_eq!((log["events"].as_u64(), log["included"].as_u64()), (Some(3), Some(3)), "{log:#}");
    assert_eq!(tree_size(&s, port), 3);
}

/// The names in the scratch folder, sorted.
fn listing(s: &Scratch) -> Vec<std::ffi::OsString> {
    let mut names: Vec<_> = std::fs::read_dir(s.root()).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    names
}

/// `recover` refusing the pending file `name` beside `bundle` with `needle`: exit 2, the bundle
/// and the file unchanged, no file left or removed beside them (no temp, journal or tail).
/// Returns what it said.
pub(crate) fn refused_unchanged(s: &Scratch, bundle: &str, needle: &str) -> String {
    let file = format!("{bundle}.custody-pending-event");
    let (before, held) = (std::fs::read(s.path(bundle)).unwrap(), std::fs::read(s.path(&file)).unwrap());
    let names = listing(s);
    let said = s.refused(&["recover", bundle], needle);
    assert!(said.contains("Nothing was changed"), "{said}");
    assert_eq!(std::fs::read(s.path(bundle)).unwrap(), before, "{needle}: the bundle is unchanged");
    assert_eq!(std::fs::read(s.path(&file)).unwrap(), held, "{needle}: the pending file is kept");
    assert_eq!(listing(s), names, "{needle}: no file left or removed");
    said
}

/// An older event replayed: a countersign #1 kept for a copy (the log down) is put beside the
/// bundle once it has its own #1, its binding rewritten to the bundle as it is now (taken from a
/// genuine pending file of that state): refused as not the next event. Files the event does not
/// bind added to a genuine file: refused.
#[test]
fn a_replayed_older_event_and_unbound_files_are_refused_with_nothing_changed() {
    let s = Scratch::new();
    let (served, port) = logged_case(&s);
    std::fs::copy(s.path("case.zip"), s.path("fork.zip")).unwrap();
    drop(served);
    let countersign =
        ["countersign", "fork.zip", "--key", "alice.key", "--event", "0", "--capacity", "second-investigator"];
    assert_eq!(s.run(&countersign).status.code(), Some(2));
    let older: serde_json::Value =
        serde_json::from_slice(&std::fs::read(s.path("fork.zip.custody-pending-event")).unwrap()).unwrap();
    let served = crate::log::serve_on(&s, "log.sqlite", Stdio::null(), port);
    s.ok(&TRANSFER);
    drop(served);
    // A genuine pending file of case.zip as it is now (#1): the receipt, kept as the log is down.
    let receive = ["receive", "case.zip", "--accept-untrusted", "--key", "bob.key"];
    assert_eq!(s.run(&receive).status.code(), Some(2));
    let now: serde_json::Value =
        serde_json::from_slice(&std::fs::read(s.path("case.zip.custody-pending-event")).unwrap()).unwrap();
    let mut replayed = older.clone();
    replayed["bundle_size"] = now["bundle_size"].clone();
    replayed["bundle_tail_sha256"] = now["bundle_tail_sha256"].clone();
    std::fs::write(s.path("case.zip.custody-pending-event"), serde_json::to_vec(&replayed).unwrap()).unwrap();
    refused_unchanged(&s, "case.zip", "its event #1 does not follow this bundle's last event (#1)");
    // The genuine receipt with one more file its event does not bind.
    let mut unbound = now.clone();
    let extra = serde_json::json!({"path": "custody/keys/0000.pub", "base64": "AAAA"});
    unbound["files"].as_array_mut().unwrap().insert(0, extra);
    std::fs::write(s.path("case.zip.custody-pending-event"), serde_json::to_vec(&unbound).unwrap()).unwrap();
    refused_unchanged(&s, "case.zip", "not exactly those its event binds");
    // Neither inline nor by reference, or both.
    let mut neither = now.clone();
    neither["files"][0].as_object_mut().unwrap().remove("base64");
    std::fs::write(s.path("case.zip.custody-pending-event"), serde_json::to_vec(&neither).unwrap()).unwrap();
    refused_unchanged(&s, "case.zip", "neither its bytes nor where they lie");
    // The genuine one, its files reordered, completes (put back in the canonical order).
    let mut reordered = now.clone();
    reordered["files"].as_array_mut().unwrap().reverse();
    std::fs::write(s.path("case.zip.custody-pending-event"), serde_json::to_vec(&reordered).unwrap()).unwrap();
    let _served = crate::log::serve_on(&s, "log.sqlite", Stdio::null(), port);
    s.ok(&["recover", "case.zip"]);
    let (code, log) = online(&s, "case.zip");
    assert_eq!((code, log["outcome"].as_str()), (0, Some("latest")), "{log:#}");
    let r = s.json(0, "verify-report.schema.json", &["verify", "--json", "case.zip"]);
    assert_eq!(r["state"], "intact", "{r:#}");
    // In the order of an uninterrupted append: the event, then its signature.
    let names: Vec<String> = custody_core::archive::read_archive(std::fs::read(s.path("case.zip")).unwrap())
        .unwrap()
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    let at = |suffix: &str| names.iter().position(|n| n.ends_with(suffix)).unwrap();
    assert!(at("000002-receipt.json") < at("000002-receipt.json.sig"), "{names:?}");
}

/// A logged transfer killed in the middle of its append (journal written, tail half copied):
/// both the journal and the pending file are beside the bundle. `custody recover` rolls the
/// bundle back with the journal first, then completes the pending event: the bundle is the
/// latest copy, one leaf per event.
#[test]
fn a_journal_and_a_pending_file_both_present_are_finished_in_order() {
    let s = Scratch::new();
    let (_served, port) = logged_case(&s);
    let status = custody_hooked(&s, (custody_core::append::CRASH_ENV, "mid-tail"), &TRANSFER).status().unwrap();
    assert!(!status.success());
    assert!(s.path("case.zip.custody-journal").exists(), "the journal of the torn append");
    assert!(s.path("case.zip.custody-pending-event").exists());
    let o = s.run(&["recover", "case.zip"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(!s.path("case.zip.custody-journal").exists() && !s.path("case.zip.custody-pending-event").exists());
    let (code, log) = online(&s, "case.zip");
    assert_eq!((code, log["outcome"].as_str()), (0, Some("latest")), "{log:#}");
    assert_eq!((log["events"].as_u64(), log["included"].as_u64()), (Some(2), Some(2)), "{log:#}");
    assert_eq!(tree_size(&s, port), 2);
}

/// The genuine pending file of a transfer aborted right after the log's answer, as JSON, and
/// the index of the file at the path ending `suffix`.
fn aborted_transfer(s: &Scratch) -> serde_json::Value {
    let status = custody_hooked(s, (custody_core::append::CRASH_ENV, "after-log"), &TRANSFER).status().unwrap();
    assert!(!status.success());
    serde_json::from_slice(&std::fs::read(s.path("case.zip.custody-pending-event")).unwrap()).unwrap()
}

fn index_of(doc: &serde_json::Value, suffix: &str) -> usize {
    doc["files"].as_array().unwrap().iter().position(|f| f["path"].as_str().unwrap().ends_with(suffix)).unwrap()
}

/// An event that breaks a custody rule (a transfer signed by Bob, validly, while Alice holds
/// custody) and a token that does not verify over the event's signature: each refused with
/// nothing changed; the genuine file then completes the transfer.
#[test]
fn a_custody_rule_break_and_a_bad_token_are_refused_with_nothing_changed() {
    use base64ct::{Base64, Encoding as _};
    let s = Scratch::new();
    let (_served, port) = logged_case(&s);
    let good = aborted_transfer(&s);
    let file = s.path("case.zip.custody-pending-event");
    let (event_at, sig_at) = (index_of(&good, "-transfer.json"), index_of(&good, "-transfer.json.sig"));
    let bytes = Base64::decode_vec(good["files"][event_at]["base64"].as_str().unwrap()).unwrap();
    let mut event: custody_core::event::Event = custody_core::document::parse_document(&bytes).unwrap();
    let bob = custody_core::files::load_keypair(&s.path("bob.key")).unwrap();
    event.signer = custody_core::manifest::Signer::new(bob.public().fingerprint(), &bob.identity);
    let forged = serde_json::to_vec(&event).unwrap();
    let mut by_bob = good.clone();
    by_bob["files"][event_at]["base64"] = Base64::encode_string(&forged).into();
    by_bob["files"][sig_at]["base64"] = Base64::encode_string(&bob.sign(&forged).unwrap()).into();
    std::fs::write(&file, serde_json::to_vec(&by_bob).unwrap()).unwrap();
    let size = tree_size(&s, port);
    refused_unchanged(&s, "case.zip", "its event breaks a custody rule");
    // A token that is not one, at the event's token path.
    let event_path = custody_core::layout::event_path(1, "transfer");
    let mut tokened = good.clone();
    let token = serde_json::json!({"path": custody_core::layout::token_path(&event_path), "base64": "AAAA"});
    tokened["files"].as_array_mut().unwrap().push(token);
    std::fs::write(&file, serde_json::to_vec(&tokened).unwrap()).unwrap();
    refused_unchanged(&s, "case.zip", "its trusted-time token does not verify");
    assert_eq!(tree_size(&s, port), size, "nothing was submitted");
    std::fs::write(&file, serde_json::to_vec(&good).unwrap()).unwrap();
    s.ok(&["recover", "case.zip"]);
    let (code, log) = online(&s, "case.zip");
    assert_eq!((code, log["outcome"].as_str()), (0, Some("latest")), "{log:#}");
}
