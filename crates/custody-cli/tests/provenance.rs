//! The MLA provenance manifest from a user's side: case files, sidecars, capture-tool
//! imports, validation at seal time, warnings at verify time, `custody inspect`, and the
//! example case in examples/mla-case.

use std::fs;

use crate::common::{Scratch, repo, validate};
use assert_cmd::Command;
use custody_core::archive::Archive;
use serde_json::Value;

fn custody() -> Command {
    let mut c = Command::cargo_bin("custody").unwrap();
    c.env("NO_COLOR", "1");
    c
}

struct Dir(Scratch);

impl std::ops::Deref for Dir {
    type Target = Scratch;
    fn deref(&self) -> &Scratch {
        &self.0
    }
}

impl Dir {
    fn new() -> Self {
        let d = Dir(Scratch::new());
        d.command(&[])
            .args(["keygen", "--out", "alice.key", "--name", "Alice Martin", "--org", "Police (fictional)"])
            .args(["--role", "investigator", "--jurisdiction", "FR"])
            .assert()
            .success();
        fs::create_dir_all(d.path("page")).unwrap();
        fs::write(d.path("page/page.html"), "<p>x</p>\n").unwrap();
        fs::write(d.path("page/shot.png"), [0x89, b'P', b'N', b'G']).unwrap();
        fs::write(d.path("video.mp4"), vec![7u8; 5000]).unwrap();
        d
    }
    fn json(&self, args: &[&str]) -> Value {
        let out = self.command(&[]).args(args).output().unwrap();
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "{args:?}: {e}\nstdout: {}\nstderr: {}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        })
    }
    fn manifest(&self, bundle: &str) -> Value {
        let a = Archive::open(Box::new(fs::read(self.path(bundle)).unwrap())).unwrap();
        serde_json::from_slice(&a.read_entry(a.entry("custody/manifest.json").unwrap(), 1 << 24).unwrap()).unwrap()
    }
}

/// The manifest as inspect shows it: whole, but the commitment's seed withheld (it must never
/// leave the original, docs/data-protection.md).
fn shown(manifest: &Value) -> Value {
    let mut m = manifest.clone();
    let scheme = m["commitment"]["scheme"].clone();
    assert!(m["commitment"]["seed"].is_string(), "a sealed manifest carries its seed");
    m["commitment"] = serde_json::json!({"scheme": scheme, "seed_present": true});
    m
}

#[test]
fn case_init_writes_a_template_that_refuses_to_be_overwritten() {
    let d = Dir::new();
    let out = d.command(&[]).args(["case", "init"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("[case]") && text.contains("[[items]]") && text.contains("# [restrictions.onward_transfer]"));
    d.command(&[]).args(["case", "init", "--out", "case.toml"]).assert().success();
    assert_eq!(fs::read_to_string(d.path("case.toml")).unwrap(), text);
    d.command(&[])
        .args(["case", "init", "--out", "case.toml"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("already exists"));
    // Sealing the untouched template names the placeholders to fill in.
    d.command(&[])
        .args(["seal", "--key", "alice.key", "--case-file", "case.toml", "--out", "b.zip"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("item-1 (items[0].path): write file or directory to seal"));
    assert!(!d.path("b.zip").exists());
}

#[test]
fn the_example_case_seals_verifies_and_every_document_matches_its_schema() {
    let d = Dir::new();
    let case = repo().join("examples/mla-case/case.toml");
    let case = case.to_str().unwrap();
    let sealed = d.json(&["seal", "--key", "alice.key", "--case-file", case, "--out", "case.zip", "--json"]);
    assert_eq!(sealed["items"], 3);
    let imported: Vec<&str> =
        sealed["imported"].as_array().unwrap().iter().map(|i| i["field"].as_str().unwrap()).collect();
    assert!(imported.contains(&"source_url") && imported.contains(&"account_id"), "{imported:?}");
    assert_eq!(sealed["warnings"], serde_json::json!([]));
    // The sealer learns at once of the advisories verify will raise: the video downloaded by
    // one investigator alone, and (sealed today) the gap since the March captures.
    validate("seal.schema.json", &sealed);
    let advised: Vec<&str> =
        sealed["advisories"].as_array().unwrap().iter().map(|c| c["code"].as_str().unwrap()).collect();
    assert!(advised.contains(&"provenance.unwitnessed"), "{advised:?}");
    assert!(advised.contains(&"custody.capture_seal_gap"), "{advised:?}");
    assert!(sealed["advisories"].as_array().unwrap().iter().all(|c| c["level"] == "warn"));
    let text = d
        .command(&[])
        .args(["seal", "--key", "alice.key", "--case-file", case, "--out", "again.zip"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(text.stderr).unwrap();
    assert!(stderr.contains("warning: provenance.unwitnessed: item-2 was captured by one operator"), "{stderr}");

    let m = d.manifest("case.zip");
    validate("manifest.schema.json", &m);
    assert_eq!(m["case"]["legal_basis"][0]["article"], "art. 32(a)");
    assert_eq!(m["case"]["authorisations"][0]["scope"]["from"], "2026-02-28T23:00:00Z", "converted to UTC");
    let doc = fs::read(repo().join("examples/mla-case/documents/instruction-OSINT-2026-0412.txt")).unwrap();
    assert_eq!(m["case"]["authorisations"][0]["document_sha256"], custody_core::Sha256Digest::of(&doc).hex());
    let page = &m["items"][0];
    assert_eq!(page["exhibit"], "FR-EX-1");
    assert_eq!(page["capture"]["source_url"], "https://forum.example/t/991", "read from the WARC");
    assert_eq!(page["capture"]["final_url"], "https://www.forum.example/t/991", "after the redirect");
    assert_eq!(page["capture"]["tool"]["name"], "ArchiveWeb.page", "declared wins over the WARC");
    let roles: Vec<&str> = page["files"].as_array().unwrap().iter().map(|f| f["role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["screenshot", "html_source", "warc"]);
    let video = &m["items"][1]["capture"];
    assert_eq!(video["platform"], "VideoHost (fictional)", "declared wins over yt-dlp's extractor");
    assert_eq!(video["account_handle"], "@example_channel");
    assert!(video["imported"].as_array().unwrap().iter().any(|f| f["field"] == "captured_at" && f["key"] == "epoch"));
    assert_eq!(m["attestations"][1]["files"].as_array().unwrap().len(), 6);

    // While its preservation request runs (it expires on 2026-06-12).
    let report = d.json(&["verify", "--format", "json", "--at", "2026-04-01", "case.zip"]);
    validate("verify-report.schema.json", &report);
    assert_eq!(report["state"], "intact");
    assert_eq!(report["evaluated_at"], "2026-04-01");
    let warnings: Vec<&Value> = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["level"] != "pass" && c["code"] != "timestamp.missing")
        .collect();
    // The example meets every provenance rule but two facts of its history: the video was
    // downloaded by one investigator alone, and this test seals in March's captures today.
    let codes: Vec<&str> = warnings.iter().map(|c| c["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["custody.capture_seal_gap", "provenance.unwitnessed"], "{warnings:#?}");
    assert!(warnings[1]["message"].as_str().unwrap().starts_with("item-2 was captured by one operator (inv-martin)"));
    // After the preservation's expiry, and after keep_until (2031-12-31).
    let later = d.json(&["verify", "--format", "json", "--at", "2032-01-01", "case.zip"]);
    let warned: Vec<&str> = later["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["level"] == "warn")
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    assert!(warned.contains(&"preservation.expired") && warned.contains(&"retention.exceeded"), "{warned:?}");
    assert_eq!(later["state"], "intact", "a date never changes the verdict");
    let text = d.command(&[]).args(["verify", "--at", "2032-01-01", "case.zip"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("PRES-2026-0412-VH' expired on 2026-06-12 (evaluated on 2032-01-01)"), "{text}");
    assert!(text.contains("evaluated as of 2032-01-01"), "the text report says the date was chosen: {text}");
    // Retention (#18.3): the warning names the date and, on the command line, the remedy.
    assert!(text.contains("may be kept only until 2031-12-31 (evaluated on 2032-01-01)"), "{text}");
    assert!(text.contains("custody dispose BUNDLE --key KEY --action destroyed"), "{text}");
    let retention = later["checks"].as_array().unwrap().iter().find(|c| c["code"] == "retention.exceeded").unwrap();
    assert_eq!(retention["level"], "warn");
    // On keep_until itself the evidence may still be kept.
    let last_day = d.json(&["verify", "--format", "json", "--at", "2031-12-31", "case.zip"]);
    assert!(!last_day["checks"].as_array().unwrap().iter().any(|c| c["code"] == "retention.exceeded"));
    // The court report shows it too, as of the same date.
    d.command(&[]).args(["report", "case.zip", "--at", "2032-01-01", "--out", "court.html"]).assert().success();
    let court = fs::read_to_string(d.path("court.html")).unwrap();
    assert!(court.contains("retention.exceeded") && court.contains("2031-12-31 (evaluated on 2032-01-01)"));
    d.command(&[]).args(["report", "case.zip", "--at", "2031-12-31", "--out", "court-early.html"]).assert().success();
    assert!(!fs::read_to_string(d.path("court-early.html")).unwrap().contains("retention.exceeded"));
    // inspect --at evaluates the same advisories at the same date, without re-hashing.
    let inspected = d.json(&["inspect", "--format", "json", "--at", "2032-01-01", "case.zip"]);
    validate("inspect.schema.json", &inspected);
    assert_eq!(inspected["evaluated_at"], "2032-01-01");
    let problems: Vec<&str> =
        inspected["problems"].as_array().unwrap().iter().map(|c| c["code"].as_str().unwrap()).collect();
    assert!(problems.contains(&"preservation.expired") && problems.contains(&"retention.exceeded"), "{problems:?}");
    let early = d.json(&["inspect", "--format", "json", "--at", "2026-04-01", "case.zip"]);
    assert!(!early["problems"].as_array().unwrap().iter().any(|c| c["code"] == "preservation.expired"));
    let text = d.command(&[]).args(["inspect", "--at", "2032-01-01", "case.zip"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("evaluated as of 2032-01-01"), "{text}");
    assert!(d.json(&["inspect", "--format", "json", "case.zip"]).get("evaluated_at").is_none(), "today: not shown");
    // A date that is no date is a usage error, before anything is read.
    d.command(&[])
        .args(["verify", "--at", "2026-02-30", "case.zip"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not a valid calendar date"));
    assert_eq!(report["restrictions"]["onward_transfer"]["rule"], "consent_required");
    assert_eq!(report["attestations"][0]["by_name"], "Alice Martin");

    // The restrictions are at the top of the text report, with the hand-over conditions.
    d.command(&[])
        .args(["keygen", "--out", "dana.key", "--name", "Dana Schmidt", "--org", "BfJ (fictional)"])
        .args(["--role", "central_authority", "--jurisdiction", "DE"])
        .assert()
        .success();
    d.command(&[])
        .args(["transfer", "case.zip", "--key", "alice.key", "--to", "dana.key.pub", "--purpose", "MLA"])
        .args(["--condition", "use_limitation: only for GBA 2 BJs 77/26"])
        .assert()
        .success();
    d.command(&[]).args(["receive", "case.zip", "--accept-untrusted", "--key", "dana.key"]).assert().success();
    let text = String::from_utf8(d.command(&[]).args(["verify", "case.zip"]).output().unwrap().stdout).unwrap();
    let restrictions = text.find("RESTRICTIONS ON USE").expect("restrictions shown");
    assert!(restrictions < text.find("Items:").unwrap(), "restrictions come before the items");
    assert!(text.contains("Onward transfer only with the prior consent of Ministère de la Justice"));
    assert!(
        text.contains("only for GBA 2 BJs 77/26 (use limitation), set by Alice Martin at transfer #1: accepted by the")
    );

    // inspect: the whole manifest without re-hashing.
    let inspection = d.json(&["inspect", "--format", "json", "case.zip"]);
    validate("inspect.schema.json", &inspection);
    assert_eq!(inspection["manifest"], shown(&m), "the whole manifest, its commitment seed withheld");
    assert_eq!(inspection["timeline"].as_array().unwrap().len(), 2);
    let out = d.command(&[]).args(["inspect", "case.zip"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "NOT RE-HASHED",
        "RESTRICTIONS ON USE",
        "Dana Schmidt: requesting central authority",
        "content time: date shown under the post: 10 March 2026, 19:04 = 2026-03-10T18:04:00Z",
        "imported:     source_url from data/item-1/propaganda-page/page.warc.gz",
        "[screenshot]",
        "decl-1 [capture declaration] by Alice Martin",
    ] {
        assert!(text.contains(needle), "inspect output lacks {needle:?}:\n{text}");
    }
    // Every event document matches its schema too.
    let a = Archive::open(Box::new(fs::read(d.path("case.zip")).unwrap())).unwrap();
    for e in a.entries().iter().filter(|e| e.name.starts_with("custody/events/") && e.name.ends_with(".json")) {
        validate("event.schema.json", &serde_json::from_slice(&a.read_entry(e, 1 << 20).unwrap()).unwrap());
    }
}

#[test]
fn inspect_reports_an_invalid_bundle_and_does_not_hash_the_payload() {
    let d = Dir::new();
    d.command(&[])
        .args(["seal", "--key", "alice.key", "--case-ref", "R-1", "--out", "b.zip", "video.mp4"])
        .assert()
        .success();
    // A payload byte changed: verify fails, inspect (which does not re-hash) does not see it
    // and says so.
    let mut bytes = fs::read(d.path("b.zip")).unwrap();
    let a = Archive::open(Box::new(bytes.clone())).unwrap();
    let at = a.entry("data/item-1/video.mp4").unwrap().data_offset as usize;
    bytes[at] ^= 1;
    fs::write(d.path("b.zip"), &bytes).unwrap();
    d.command(&[]).args(["verify", "b.zip"]).assert().code(1);
    d.command(&[])
        .args(["inspect", "b.zip"])
        .assert()
        .success()
        .stdout(predicates::str::contains("NOT re-hashed: run custody verify before relying on it"));
    // A signed document changed: inspect sees it.
    let a = Archive::open(Box::new(bytes.clone())).unwrap();
    let m = a.entry("custody/manifest.json").unwrap().data_offset as usize;
    bytes[m + 20] ^= 1;
    fs::write(d.path("c.zip"), &bytes).unwrap();
    d.command(&[]).args(["inspect", "c.zip"]).assert().code(1).stdout(predicates::str::contains("INVALID"));
    d.command(&[]).args(["inspect", "missing.zip"]).assert().code(2);
}

/// Writes a case file around one item table and seals it; returns the command's result.
fn seal_case(d: &Dir, extra: &str, item: &str) -> assert_cmd::assert::Assert {
    let text = format!(
        "[case]\nreference = \"R-1\"\n{extra}\n[[actors]]\nid = \"inv\"\nrole = \"capturer\"\nname = \"A\"\n\
         [[items]]\npath = \"page\"\n{item}\n"
    );
    fs::write(d.path("case.toml"), text).unwrap();
    d.command(&[]).args(["seal", "--key", "alice.key", "--case-file", "case.toml", "--out", "bad.zip"]).assert()
}

#[test]
fn inconsistent_case_descriptions_are_refused_with_a_reason_and_nothing_written() {
    let d = Dir::new();
    for (extra, item, expected) in [
        (
            "",
            "captured_at = 2026-03-14T10:00:00Z\ncapture_end = 2026-03-14T09:00:00Z",
            "capture_end (2026-03-14T09:00:00Z) is before captured_at",
        ),
        ("", "captured_at = 2026-03-14T10:00:00", "has no time zone"),
        ("", "captured_at = \"14/03/2026 10:00\"", "not a valid RFC 3339 time"),
        ("", "[items.environment]\nexit_jurisdiction = \"XX\"", "'XX' is not an ISO 3166-1 alpha-2 country code"),
        ("", "[items.environment]\nexit_jurisdiction = \"UK\"", "the United Kingdom's code is GB"),
        ("", "kind = \"webpage\"", "expected one of `web_page`, `video`"),
        ("", "kind = \"webpage\"", "(did you mean `web_page`?)"),
        ("", "[environment]\nos = \"Linux\"", "write [items.environment]"),
        ("", "methods = [\"scrape\"]", "item-1 (items[0].methods[0]): unknown variant `scrape`"),
        ("", "operators = [\"ghost\"]", "names the actor 'ghost', who is not in `actors` (known: inv)"),
        ("", "authorisation = \"order-9\"", "names 'order-9', which is not in case.authorisations"),
        ("", "[items.file_roles]\n\"nope.html\" = \"html_source\"", "names 'nope.html', which is not one of its files"),
        ("", "[items.file_roles]\n\"page.html\" = \"source\"", "expected one of `original`, `screenshot`"),
        (
            "[[attestations]]\nid = \"d\"\nkind = \"capture_declaration\"\nby = \"nobody\"\nstatement = \"s\"",
            "",
            "attestations[0].by names the actor 'nobody'",
        ),
        (
            "[[attestations]]\nid = \"d\"\nkind = \"capture_declaration\"\nby = \"inv\"\nstatement = \"s\"\nitems = [\"item-7\"]",
            "",
            "names 'item-7', which is not an item",
        ),
        ("[restrictions.onward_transfer]\nrule = \"consent_required\"", "", "consent_required needs consent_of"),
        ("[[case.authorisations]]\nid = \"o\"\ndescription = \"order\"\ndocument = \"missing.pdf\"", "", "missing.pdf"),
    ] {
        seal_case(&d, extra, item).code(2).stderr(predicates::str::contains(expected));
        assert!(!d.path("bad.zip").exists(), "{expected}: nothing may be written");
    }
    // The reference in two places must agree.
    seal_case(&d, "", "").success();
    d.command(&[])
        .args(["seal", "--key", "alice.key", "--case-file", "case.toml", "--case-ref", "R-2", "--out", "x.zip"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("give it in one place"));
}

#[test]
fn verify_warns_about_weak_provenance_without_failing() {
    let d = Dir::new();
    seal_case(
        &d,
        "[[case.authorisations]]\nid = \"o1\"\ndescription = \"order\"\n[case.authorisations.scope]\n\
         from = 2026-03-01T00:00:00+01:00\nuntil = 2026-03-10T00:00:00+01:00",
        "kind = \"web_page\"\ncaptured_at = 2026-03-14T10:00:00+01:00\nauthorisation = \"o1\"\n\
         [[items.content_times]]\nlabel = \"post date\"\nvalue = \"3 days ago\"\n[items.file_roles]\n\"page.html\" = \"html_source\"",
    )
    .success();
    let report = d.json(&["verify", "--format", "json", "bad.zip"]);
    assert_eq!(report["state"], "intact", "warnings do not make evidence invalid");
    let warn = |code: &str| {
        report["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["code"] == code && c["level"] == "warn")
            .map(|c| c["message"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("no warning {code}: {report:#}"))
    };
    let m = warn("provenance.berkeley_minimum");
    assert!(m.contains("the source URL") && m.contains("a full-page capture") && !m.contains("HTML source"), "{m}");
    assert!(warn("provenance.outside_authorisation").contains("started at 2026-03-14T09:00:00Z"));
    assert!(warn("provenance.time_unexplained").contains("does not state what it means or its time zone"));
    d.command(&[]).args(["verify", "bad.zip"]).assert().success().stdout(predicates::str::contains("WARN"));
}

#[test]
fn malformed_capture_files_give_warnings_and_the_evidence_is_still_sealed() {
    let d = Dir::new();
    fs::write(d.path("page/broken.warc.gz"), b"this is not gzip").unwrap();
    fs::write(d.path("page/clip.info.json"), b"{\"webpage_url\": ").unwrap();
    fs::write(d.path("page/crawl.wacz"), b"PK\x03\x04 not really").unwrap();
    let out = d.json(&["seal", "--key", "alice.key", "--case-ref", "R", "--out", "b.zip", "--json", "page"]);
    let warnings: Vec<&str> = out["warnings"].as_array().unwrap().iter().map(|w| w.as_str().unwrap()).collect();
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(warnings.iter().any(|w| w.contains("broken.warc.gz: not read as WARC")));
    assert!(
        warnings.iter().any(|w| w.contains("clip.info.json: not read as yt-dlp info") && w.contains("not valid JSON"))
    );
    assert!(warnings.iter().all(|w| w.contains("sealed as it is")));
    d.command(&[]).args(["verify", "b.zip"]).assert().success();
    // Text mode prints them on stderr; --no-import skips reading the files at all.
    d.command(&[])
        .args(["seal", "--key", "alice.key", "--case-ref", "R", "--out", "c.zip", "page"])
        .assert()
        .success()
        .stderr(predicates::str::contains("warning: "));
    let out =
        d.json(&["seal", "--key", "alice.key", "--case-ref", "R", "--out", "e.zip", "--json", "--no-import", "page"]);
    assert_eq!(out["warnings"], serde_json::json!([]));
}

#[test]
fn sidecars_in_toml_and_authorising_documents_sealed_as_evidence() {
    let d = Dir::new();
    fs::write(d.path("order.pdf"), b"%PDF-1.7 synthetic order").unwrap();
    fs::write(
        d.path("video.mp4.capture.toml"),
        "kind = \"video\"\nexhibit = \"EX-2\"\ncaptured_at = 2026-03-14T09:00:00+01:00\n[file_roles]\n\"video.mp4\" = \"original\"\n",
    )
    .unwrap();
    fs::write(
        d.path("case.toml"),
        "[case]\nreference = \"R-1\"\n[[case.authorisations]]\nid = \"o\"\ndescription = \"order\"\ndocument = \"order.pdf\"\n\
         [[items]]\npath = \"order.pdf\"\nkind = \"file\"\n",
    )
    .unwrap();
    d.command(&[])
        .args(["seal", "--key", "alice.key", "--case-file", "case.toml", "--out", "b.zip", "video.mp4"])
        .assert()
        .success()
        .stderr(predicates::str::contains("Using capture metadata for video.mp4 from video.mp4.capture.toml"));
    let m = d.manifest("b.zip");
    assert_eq!(m["case"]["authorisations"][0]["document_path"], "data/item-1/order.pdf");
    assert_eq!(m["items"][1]["exhibit"], "EX-2");
    assert_eq!(m["items"][1]["files"][0]["role"], "original");
    assert_eq!(m["items"][1]["capture"]["captured_at"], "2026-03-14T08:00:00Z");
    d.command(&[]).args(["verify", "b.zip"]).assert().success();
    // Both kinds of sidecar for one input is ambiguous.
    fs::write(d.path("video.mp4.capture.json"), "{}").unwrap();
    d.command(&[])
        .args(["seal", "--key", "alice.key", "--case-ref", "R", "--out", "c.zip", "video.mp4"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("has two sidecars"));
}

#[test]
fn help_shows_examples() {
    for cmd in [&["seal", "--help"][..], &["inspect", "--help"], &["case", "init", "--help"]] {
        custody().args(cmd).assert().success().stdout(predicates::str::contains("Example"));
    }
}

fn warc_record(kind: &str, uri: &str, date: &str, body: &str) -> String {
    format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Date: {date}\r\nWARC-Target-URI: {uri}\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n",
        body.len()
    )
}

#[test]
fn a_mixed_capture_folder_keeps_each_file_s_capture_and_seals() {
    // wget's WARC (gzip, though named .warc) with a redirect to a dead host and its own log,
    // and a yt-dlp info file of another capture, made earlier: on main this aborted the seal
    // (start from one file, end from the other) or mixed their URLs.
    let d = Dir::new();
    fs::create_dir_all(d.path("mixed")).unwrap();
    let mut warc = warc_record("warcinfo", "", "2026-03-14T08:00:00Z", "software: Wget/1.21.3\r\n");
    warc += &warc_record("response", "dns:site.example", "2026-03-14T08:00:00Z", "x");
    warc += &warc_record(
        "response",
        "http://site.example/old",
        "2026-03-14T08:00:01Z",
        "HTTP/1.1 301 Moved\r\nLocation: http://dead.example/\r\n\r\n",
    );
    warc += &warc_record("response", "http://site.example/x", "2026-03-14T08:00:05Z", "HTTP/1.1 200 OK\r\n\r\nhi");
    warc += &warc_record("resource", "metadata://gnu.org/software/wget/warc/wget.log", "2026-03-14T08:00:09Z", "log");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, warc.as_bytes()).unwrap();
    fs::write(d.path("mixed/a.warc"), gz.finish().unwrap()).unwrap();
    fs::write(
        d.path("mixed/b.info.json"),
        br#"{"id": "v1", "extractor": "generic", "webpage_url": "https://v.example/v1", "epoch": 1773400000}"#,
    )
    .unwrap();
    let out = d.json(&["seal", "--key", "alice.key", "--case-ref", "R", "--out", "m.zip", "--json", "mixed"]);
    let warnings: Vec<&str> = out["warnings"].as_array().unwrap().iter().map(|w| w.as_str().unwrap()).collect();
    assert!(warnings.iter().any(|w| w.contains("disagree")), "{warnings:?}");
    d.command(&[]).args(["verify", "m.zip"]).assert().success();
    let inspection = d.json(&["inspect", "--format", "json", "m.zip"]);
    validate("inspect.schema.json", &inspection);
    assert_eq!(inspection["manifest"], shown(&d.manifest("m.zip")));
    let c = &inspection["manifest"]["items"][0]["capture"];
    assert_eq!(c["source_url"], "http://site.example/old");
    assert_eq!(c["final_url"], "http://dead.example/", "the redirect's target, not wget's log");
    assert_eq!(c["captured_at"], "2026-03-14T08:00:01Z");
    assert_eq!(c["capture_end"], "2026-03-14T08:00:05Z");
    let files = c["capture_files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["format"], "WARC");
    assert_eq!(files[0]["pages"].as_array().unwrap().len(), 2);
    assert_eq!(files[0]["pages"][0]["status"], 301);
    assert_eq!(files[1]["source_url"], "https://v.example/v1");
    assert_eq!(files[1]["captured_at"], "2026-03-13T11:06:40Z");
}

#[test]
fn extract_writes_every_name_seal_accepted_and_maps_them_when_portable() {
    let d = Dir::new();
    fs::create_dir_all(d.path("odd")).unwrap();
    fs::write(d.path("odd/invoice\u{202e}fdp.exe"), b"x").unwrap();
    d.command(&[]).args(["seal", "--key", "alice.key", "--case-ref", "R", "--out", "o.zip", "odd"]).assert().success();
    let plain = d.command(&[]).args(["extract", "o.zip", "--out", "plain"]).output().unwrap();
    assert!(plain.status.success());
    let said = String::from_utf8(plain.stderr).unwrap();
    assert!(said.contains("1 file name(s) hold a text-direction character"), "{said}");
    assert!(d.path("plain/item-1/odd/invoice\u{202e}fdp.exe").exists(), "written as sealed");
    let as_json = d.json(&["extract", "o.zip", "--out", "plain2", "--json"]);
    assert_eq!(as_json["direction_names"], 1);
    let out = d.json(&["extract", "o.zip", "--out", "safe", "--portable", "--json"]);
    validate("extract.schema.json", &out);
    assert_eq!(out["renamed"][0]["written"], "item-1/odd/invoiceU+202Efdp.exe");
    assert_eq!(out["renamed"][0]["sealed"], "item-1/odd/invoice\u{202e}fdp.exe");
    let raw =
        d.command(&[]).args(["extract", "o.zip", "--out", "safe2", "--portable", "--json"]).output().unwrap().stdout;
    assert!(!String::from_utf8(raw).unwrap().contains('\u{202e}'), "escaped in the JSON output");
    assert!(d.path("safe/item-1/odd/invoiceU+202Efdp.exe").exists());
    assert!(d.path("safe/custody-renamed-files.txt").exists());
}
