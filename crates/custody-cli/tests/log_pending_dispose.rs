//! The pending event of a return or a destruction (issue #20 req. 1, docs/custody-log.md §5.2):
//! `custody dispose` writes a new bundle without the items' files, so it keeps its signed event
//! beside OUT, bound to the input, before the log is asked; killed after the log's answer,
//! `custody recover INPUT --out OUT` resubmits that very event (one leaf for its slot) and writes
//! OUT without the items' files, which then verifies with the event proven by the log; a
//! pending file that does not match is refused, and one moved beside the input is never
//! appended to a bundle that still holds the files. The input is never changed. Also `recover
//! INPUT --out OUT` with an interrupted update of the input (refused, never reported clean).

use crate::common::Scratch;
use crate::dispose::zip_names;
use crate::log::{ORIGIN, serve};
use crate::log_pending::{custody_hooked, online, tamper, tree_size};

const DESTROY: [&str; 15] = [
    "dispose",
    "case.zip",
    "--key",
    "alice.key",
    "--action",
    "destroyed",
    "--items",
    "item-2",
    "--method",
    "secure erasure",
    "--reason",
    "retention period ended",
    "--out",
    "out/new.zip",
    "--json",
];

/// A served log and `case.zip` of two items (page.html, shot.png) sealed by Alice and logged;
/// the folder `out` made.
fn logged_two_items(s: &Scratch) -> (crate::log::Served, u16) {
    s.keygen("log", "Log Operator");
    s.keygen("alice", "Alice");
    let vkey = s.ok(&["log", "init", "--db", "log.sqlite", "--key", "log.key", "--origin", ORIGIN]);
    s.write("log.vkey", &vkey);
    s.write("page.html", "<html>evidence</html>\n");
    s.write("shot.png", "the bytes of item two, destroyed\n");
    let (served, port) = serve(s, "log.sqlite");
    let url = format!("http://127.0.0.1:{port}");
    let seal = ["seal", "--key", "alice.key", "--case-ref", "C-1", "--out", "case.zip", "--log", &url];
    s.ok(&seal.into_iter().chain(["--log-key", "log.vkey", "page.html", "shot.png"]).collect::<Vec<_>>());
    std::fs::create_dir_all(s.path("out")).unwrap();
    (served, port)
}

/// A destruction aborted right after the log's answer: no OUT, the input unchanged, the signed
/// event kept beside OUT (never beside the input); the same command again is refused (it would
/// sign a second claim of the slot); `custody recover case.zip --out out/new.zip` resubmits that
/// event (the log keeps one leaf for the slot) and writes OUT without item-2's file, which
/// verifies INTACT, item-2 disposed, the destruction proven by the log, the latest copy.
#[test]
fn a_destruction_killed_after_the_log_answered_is_completed_into_out_by_recover() {
    let s = Scratch::new();
    let (_served, port) = logged_two_items(&s);
    let before = std::fs::read(s.path("case.zip")).unwrap();
    let pending = s.path("out/new.zip.custody-pending-event");
    let status = custody_hooked(&s, (custody_core::append::CRASH_ENV, "after-log"), &DESTROY).status().unwrap();
    assert!(!status.success());
    assert_eq!(tree_size(&s, port), 2, "the log got the destruction");
    assert!(pending.exists() && !s.path("out/new.zip").exists());
    assert!(!s.path("case.zip.custody-pending-event").exists(), "nothing is written beside the input");
    assert!(std::fs::read(s.path("case.zip")).unwrap() == before);
    // Again: refused, nothing signed, the log unchanged.
    s.refused(&DESTROY, "custody recover BUNDLE --out OUT");
    assert_eq!(tree_size(&s, port), 2);

    let j = s.json(0, "recover.schema.json", &["recover", "case.zip", "--out", "out/new.zip", "--json"]);
    let p = &j["pending"];
    let what = (p["status"].as_str(), p["sequence"].as_u64(), p["type"].as_str());
    assert_eq!(what, (Some("appended"), Some(1), Some("disposition")), "{j:#}");
    assert_eq!(p["log_size"].as_u64(), Some(2), "{j:#}");
    assert_eq!(j["out"], "out/new.zip", "{j:#}");
    assert!(!pending.exists(), "removed once OUT is in place");
    assert_eq!(tree_size(&s, port), 2, "one leaf for the slot: the resubmission added none");
    assert!(std::fs::read(s.path("case.zip")).unwrap() == before, "the input is never changed");
    let (kept, new) = (zip_names(&s.path("case.zip")), zip_names(&s.path("out/new.zip")));
    assert!(kept.iter().any(|n| n.ends_with("shot.png")), "{kept:?}");
    assert!(!new.iter().any(|n| n.ends_with("shot.png")), "item-2's file is not in OUT: {new:?}");
    assert!(new.iter().any(|n| n.ends_with("page.html")), "{new:?}");
    assert!(new.iter().any(|n| n == "custody/log/000001.json"), "{new:?}");
    let o = s.run(&["verify", "--json", "out/new.zip", "--log"]);
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(o.status.code(), Some(0), "{r:#}");
    assert_eq!(r["state"], "intact", "{r:#}");
    assert_eq!(r["items"][1]["disposed_by"], 1, "{r:#}");
    let log = &r["log"];
    assert_eq!(log["outcome"], "latest", "{log:#}");
    assert_eq!((log["events"].as_u64(), log["included"].as_u64()), (Some(2), Some(2)), "{log:#}");
    // Nothing left: null.
    let j = s.json(0, "recover.schema.json", &["recover", "case.zip", "--out", "out/new.zip", "--json"]);
    assert!(j["pending"].is_null(), "{j:#}");
}

/// Killed between OUT's rename and the pending file's removal: `recover --out` finds the event
/// in OUT and removes the file, OUT unchanged.
#[test]
fn a_destruction_killed_after_outs_rename_is_finished_by_recover() {
    let s = Scratch::new();
    let (_served, port) = logged_two_items(&s);
    let status = custody_hooked(&s, (custody_core::append::CRASH_ENV, "after-out-rename"), &DESTROY).status().unwrap();
    assert!(!status.success());
    let pending = s.path("out/new.zip.custody-pending-event");
    assert!(pending.exists() && s.path("out/new.zip").exists());
    let out = std::fs::read(s.path("out/new.zip")).unwrap();
    let j = s.json(0, "recover.schema.json", &["recover", "case.zip", "--out", "out/new.zip", "--json"]);
    assert_eq!(j["pending"]["status"], "already_in_bundle", "{j:#}");
    assert!(!pending.exists() && std::fs::read(s.path("out/new.zip")).unwrap() == out);
    let (code, log) = online(&s, "out/new.zip");
    assert_eq!((code, log["outcome"].as_str()), (0, Some("latest")), "{log:#}");
    assert_eq!(tree_size(&s, port), 2);
}

/// A pending destruction that does not match the input (its binding altered) is refused with
/// nothing written and nothing submitted; the genuine one moved beside the input is refused
/// in place (appended there, the input would still hold the files it says are destroyed);
/// put back beside OUT, it completes.
#[test]
fn a_mismatching_or_misplaced_pending_destruction_is_refused_with_nothing_changed() {
    let s = Scratch::new();
    let (_served, port) = logged_two_items(&s);
    let before = std::fs::read(s.path("case.zip")).unwrap();
    let status = custody_hooked(&s, (custody_core::append::CRASH_ENV, "after-log"), &DESTROY).status().unwrap();
    assert!(!status.success());
    let pending = s.path("out/new.zip.custody-pending-event");
    let good = std::fs::read(&pending).unwrap();
    tamper(&s, "out/new.zip.custody-pending-event", None, "bundle_size", serde_json::json!(12345));
    let said = s.refused(&["recover", "case.zip", "--out", "out/new.zip"], "the bundle changed since");
    assert!(said.contains("out/new.zip.custody-pending-event holds an event"), "{said}");
    assert!(!s.path("out/new.zip").exists());
    std::fs::remove_file(&pending).unwrap();
    std::fs::write(s.path("case.zip.custody-pending-event"), &good).unwrap();
    let said = s.refused(&["recover", "case.zip"], "never appended to a bundle that still holds them");
    assert!(said.contains("move this file to OUT.custody-pending-event"), "{said}");
    assert!(said.contains("then run custody recover INPUT --out OUT"), "{said}");
    assert!(std::fs::read(s.path("case.zip")).unwrap() == before, "the input is never changed");
    assert_eq!(tree_size(&s, port), 2, "nothing resubmitted");
    std::fs::rename(s.path("case.zip.custody-pending-event"), &pending).unwrap();
    s.ok(&["recover", "case.zip", "--out", "out/new.zip"]);
    let (code, log) = online(&s, "out/new.zip");
    assert_eq!((code, log["outcome"].as_str()), (0, Some("latest")), "{log:#}");
    assert!(std::fs::read(s.path("case.zip")).unwrap() == before);
}

/// `recover INPUT --out OUT --json` with an interrupted update of INPUT (its journal beside it):
/// refused (recover INPUT in place first), never reported `clean`; nothing changed.
#[test]
fn recover_into_out_refuses_an_input_with_an_interrupted_update() {
    let s = Scratch::new();
    let (_served, _port) = logged_two_items(&s);
    let before = std::fs::read(s.path("case.zip")).unwrap();
    let journal = custody_core::append::journal_path(&s.path("case.zip"));
    std::fs::write(&journal, b"a journal of an interrupted update").unwrap();
    let o = s.run(&["recover", "case.zip", "--out", "out/new.zip", "--json"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(!String::from_utf8_lossy(&o.stdout).contains("clean"), "never reported clean");
    assert!(stderr.contains("an earlier update of case.zip was interrupted"), "{stderr}");
    assert!(std::fs::read(s.path("case.zip")).unwrap() == before && journal.exists());
    assert!(!s.path("out/new.zip").exists());
}
