//! Dispositions end to end (spec §5.11): `custody dispose` destroys or returns items into a
//! new bundle that verifies, reports them disposed and leaves the original byte for byte;
//! a retention extension is appended in place and moves `retention.exceeded`; a witness
//! countersigns the disposition; and the refusals (an unknown or already disposed item, a
//! key that is not the custodian's, an output that exists, a bundle that does not verify, a
//! destruction without --out or --items, a reason with a terminal escape, a transfer awaiting
//! its receipt), with nothing written.

use std::fs;

use crate::common::{Scratch, validate};
use serde_json::Value;

struct Dir(Scratch);

impl std::ops::Deref for Dir {
    type Target = Scratch;
    fn deref(&self) -> &Scratch {
        &self.0
    }
}

impl Dir {
    /// Alice (investigator) seals case.zip with two items; Wei (a witness) and Mallory have keys.
    fn new() -> Self {
        let d = Dir(Scratch::new());
        for (who, name, org, role) in [
            ("alice", "Alice Wang", "City Police", "investigator"),
            ("wei", "Wei Zhang", "Xuhui Notary Office", "witness"),
            ("mallory", "Mallory", "Unknown", "other"),
        ] {
            let args = ["keygen", "--out", &format!("{who}.key"), "--name", name, "--org", org, "--role", role];
            d.ok(&[&args[..], &["--jurisdiction", "CN"]].concat());
        }
        fs::write(d.path("page.html"), "<p>x</p>\n").unwrap();
        fs::write(d.path("private.txt"), "personal data of a third party\n").unwrap();
        d.ok(&["seal", "--key", "alice.key", "--case-ref", "C-1", "--out", "case.zip", "page.html", "private.txt"]);
        d
    }
    /// Fails with exit 2, saying `needle` on stderr, and writes no new.zip.
    fn refused(&self, args: &[&str], needle: &str) -> String {
        let before = fs::read(self.path("case.zip")).unwrap();
        let stderr = self.0.refused(args, needle);
        assert_eq!(fs::read(self.path("case.zip")).unwrap(), before, "{args:?} changed the bundle");
        self.assert_not_written("new.zip", &args);
        stderr
    }
    fn report(&self, bundle: &str, extra: &[&str]) -> Value {
        let o = self.run(&[&["verify", "--format", "json", bundle][..], extra].concat());
        serde_json::from_slice(&o.stdout).unwrap()
    }
}

fn codes<'a>(r: &'a Value, level: &str) -> Vec<&'a str> {
    r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["level"] == level)
        .map(|c| c["code"].as_str().unwrap())
        .collect()
}

const DESTROY: [&str; 12] = [
    "dispose",
    "case.zip",
    "--key",
    "alice.key",
    "--action",
    "destroyed",
    "--method",
    "secure erasure",
    "--reason",
    "data-protection rule",
    "--out",
    "new.zip",
];

#[test]
fn a_destruction_writes_a_new_bundle_that_reports_the_item_disposed_and_keeps_the_original() {
    let d = Dir::new();
    let original = fs::read(d.path("case.zip")).unwrap();
    let out = d.ok(&[&DESTROY[..], &["--items", "item-2", "--json"]].concat());
    let j: Value = serde_json::from_str(&out).unwrap();
    validate("dispose.schema.json", &j);
    assert_eq!(j["removed"][0]["item"], "item-2");
    assert_eq!(j["original_still_holds_data"], true);
    assert_eq!(j["disposition"]["items"], serde_json::json!(["item-2"]));
    assert_eq!(fs::read(d.path("case.zip")).unwrap(), original, "the original is never modified");

    let r = d.report("new.zip", &[]);
    assert_eq!(r["state"], "intact", "{r:#}");
    assert!(codes(&r, "pass").contains(&"payload.disposed"));
    assert!(codes(&r, "fail").is_empty());
    assert_eq!(r["items"][1]["disposed_by"], 1);
    assert!(r["items"][0].get("disposed_by").is_none());
    let names = zip_names(&d.path("new.zip"));
    assert!(!names.iter().any(|n| n.ends_with("private.txt")), "{names:?}");
    assert!(names.iter().any(|n| n.ends_with("page.html")), "{names:?}");

    let text = d.ok(&["verify", "new.zip"]);
    assert!(text.contains("DISPOSED by event #1"), "{text}");
    assert!(text.contains("item-2 destroyed by Alice Wang"), "{text}");

    // The witness countersigns the disposition event afterwards (§5.11).
    let out = d.ok(&["countersign", "new.zip", "--key", "wei.key", "--event", "1", "--capacity", "witness"]);
    assert!(out.contains("custody-statement"), "{out}");
    let pkg = fs::read_dir(d.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .find(|n| n.ends_with(".custody-statement"))
        .unwrap();
    d.ok(&["add", "new.zip", "--key", "alice.key", &pkg]);
    let r = d.report("new.zip", &[]);
    assert_eq!(r["state"], "intact", "{r:#}");
    assert_eq!(r["events"][2]["statement"]["concerns"], serde_json::json!([1]));
}

#[test]
fn destroying_every_item_leaves_a_bundle_without_payload_that_verifies() {
    let d = Dir::new();
    // Every item goes only when asked for by name: a forgotten --items is refused.
    d.refused(&DESTROY, "needs --items");
    let out = d.ok(&[&DESTROY[..], &["--items", "all"]].concat());
    assert!(out.contains("STILL HOLDS THE DATA"), "{out}");
    assert!(out.contains("removed item-1") && out.contains("removed item-2"), "{out}");
    let r = d.report("new.zip", &[]);
    assert_eq!(r["state"], "intact", "{r:#}");
    assert_eq!(codes(&r, "pass").iter().filter(|c| **c == "payload.disposed").count(), 2);
    // Nothing is left to dispose of.
    fs::rename(d.path("new.zip"), d.path("gone.zip")).unwrap();
    let o = d.run(&[
        "dispose",
        "gone.zip",
        "--key",
        "alice.key",
        "--action",
        "returned",
        "--returned-to",
        "X",
        "--items",
        "all",
        "--reason",
        "r",
        "--out",
        "new.zip",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("already returned or destroyed"));
}

#[test]
fn a_retention_extension_is_appended_in_place_and_moves_the_retention_advisory() {
    let d = Dir::new();
    d.ok(&[
        "dispose",
        "case.zip",
        "--key",
        "alice.key",
        "--action",
        "retention_extended",
        "--keep-until",
        "2027-01-31",
        "--reason",
        "appeal pending",
    ]);
    let r = d.report("case.zip", &["--at", "2027-02-01"]);
    assert_eq!(r["state"], "intact", "{r:#}");
    assert!(codes(&r, "warn").contains(&"retention.exceeded"), "{r:#}");
    let r = d.report("case.zip", &["--at", "2027-01-31"]);
    assert!(!codes(&r, "warn").contains(&"retention.exceeded"), "{r:#}");
    assert!(r["events"][1]["summary"].as_str().unwrap().contains("retention extended until 2027-01-31"));
    // An "extension" to an earlier date (or the same) would shorten it under that name: refused.
    let extend = ["dispose", "case.zip", "--key", "alice.key", "--action", "retention_extended", "--reason", "r"];
    for date in ["2026-06-01", "2027-01-31"] {
        let e = d.refused(&[&extend[..], &["--keep-until", date]].concat(), "is not later than");
        assert!(e.contains(&format!("keep_until {date}")) && e.contains("(2027-01-31)"), "{e}");
    }
    d.ok(&[&extend[..], &["--keep-until", "2027-02-01"]].concat());
}

#[test]
fn refusals_write_nothing() {
    let d = Dir::new();
    d.refused(&[&DESTROY[..], &["--items", "item-9"]].concat(), "no item item-9");
    d.refused(
        &[
            "dispose",
            "case.zip",
            "--key",
            "mallory.key",
            "--action",
            "destroyed",
            "--items",
            "all",
            "--method",
            "m",
            "--reason",
            "r",
            "--out",
            "new.zip",
        ],
        "custodian",
    );
    d.refused(&DESTROY[..10], "--out");
    d.refused(
        &[
            "dispose",
            "case.zip",
            "--key",
            "alice.key",
            "--action",
            "destroyed",
            "--items",
            "all",
            "--reason",
            "r",
            "--out",
            "new.zip",
        ],
        "method",
    );
    d.refused(
        &["dispose", "case.zip", "--key", "alice.key", "--action", "burnt", "--reason", "r"],
        "not a disposition",
    );
    d.refused(
        &[
            "dispose",
            "case.zip",
            "--key",
            "alice.key",
            "--action",
            "retention_extended",
            "--keep-until",
            "2027-02-30",
            "--reason",
            "r",
        ],
        "not a date",
    );
    // A reason that would drive the terminal is refused, and shown escaped.
    let e = d.refused(
        &[
            "dispose",
            "case.zip",
            "--key",
            "alice.key",
            "--action",
            "retention_extended",
            "--keep-until",
            "2030-01-01",
            "--reason",
            "ok\x1b[2Jnow",
        ],
        "reason",
    );
    assert!(!e.contains('\x1b'), "{e}");
    // An output that exists is never overwritten.
    fs::write(d.path("new.zip"), b"keep me").unwrap();
    let o = d.run(&[&DESTROY[..], &["--items", "all"]].concat());
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(fs::read(d.path("new.zip")).unwrap(), b"keep me");
    fs::remove_file(d.path("new.zip")).unwrap();
    // A bundle that does not verify: one payload byte changed.
    let mut bytes = fs::read(d.path("case.zip")).unwrap();
    let at = bytes.windows(8).position(|w| w == b"personal").unwrap();
    bytes[at] = b'P';
    fs::write(d.path("case.zip"), &bytes).unwrap();
    d.refused(&[&DESTROY[..], &["--items", "all"]].concat(), "does not verify");
}

#[test]
fn no_disposition_while_a_transfer_awaits_its_receipt() {
    // A newcomer's trial found this an internal error ("a writer broke a custody rule").
    let d = Dir::new();
    d.ok(&["transfer", "case.zip", "--key", "alice.key", "--to", "wei.key.pub", "--purpose", "review"]);
    let e = d.refused(&[&DESTROY[..], &["--items", "item-2"]].concat(), "already transfers this bundle to Wei Zhang");
    assert!(e.contains("nothing else can be recorded before it is settled") && !e.contains("internal"), "{e}");
    let args = ["dispose", "case.zip", "--key", "alice.key", "--action", "retention_extended"];
    let more = ["--keep-until", "2031-12-31", "--reason", "appeal", "--json"];
    let o = d.run(&[&args[..], &more[..]].concat());
    assert_eq!(o.status.code(), Some(2));
    let j: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["error"]["kind"], "transfer_pending", "{j:#}");
}

/// The entry names of a ZIP, from its central directory.
pub(crate) fn zip_names(path: &std::path::Path) -> Vec<String> {
    let bytes = fs::read(path).unwrap();
    custody_core::archive::read_archive(bytes).unwrap().into_iter().map(|(n, _)| n).collect()
}

/// A disposition that removes items writes a new bundle and never the input, so it cannot
/// complete an event left pending beside the input: refused, nothing written, saying what
/// completes it first (recover, or any command that changes the input in place).
#[test]
fn a_disposition_that_removes_items_refuses_while_an_event_is_pending() {
    let d = Dir::new();
    fs::write(d.path("case.zip.custody-pending-event"), b"{}").unwrap();
    let said = d.refused(&[&DESTROY[..], &["--items", "item-2"]].concat(), "not yet completed");
    assert!(said.contains("case.zip.custody-pending-event holds an event"), "{said}");
    assert!(said.contains("custody recover BUNDLE (or any command that changes BUNDLE in place)"), "{said}");
    assert_eq!(fs::read(d.path("case.zip.custody-pending-event")).unwrap(), b"{}", "the pending file is kept");
}
