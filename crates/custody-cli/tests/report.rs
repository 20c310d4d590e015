//! The verdict and the report a prosecutor reads: states, what is damaged, the truncation
//! limit, names instead of ids, and no raw control or direction character from a bundle in
//! any output of any command.

use std::fs;

use crate::common::Scratch;
use custody_core::archive::testing::ArchiveWriter;
use serde_json::Value;

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
        d.key("alice", "Alice Wang", "City Police", "investigator", "CN");
        d.key("bob", "Bo Li", "Ministry of Justice", "central_authority", "CN");
        fs::write(d.path("page.html"), "<p>post</p>\n").unwrap();
        fs::write(d.path("video.mp4"), vec![7u8; 5000]).unwrap();
        d
    }
    fn key(&self, who: &str, name: &str, org: &str, role: &str, jur: &str) {
        self.command(&[])
            .args(["keygen", "--out", &format!("{who}.key"), "--name", name, "--org", org, "--role", role])
            .args(["--jurisdiction", jur])
            .assert()
            .success();
    }
    fn text(&self, args: &[&str]) -> (i32, String) {
        let o = self.run(args);
        (o.status.code().unwrap(), String::from_utf8(o.stdout).unwrap())
    }
    fn json(&self, args: &[&str]) -> (i32, Value) {
        let o = self.run(args);
        (o.status.code().unwrap(), serde_json::from_slice(&o.stdout).unwrap())
    }
    /// Seal page.html and video.mp4, transfer to Bob, and Bob's receipt.
    fn handed_over(&self) {
        let ok = |args: &[&str]| assert!(self.run(args).status.success(), "{args:?}");
        ok(&["seal", "--key", "alice.key", "--case-ref", "R-1", "--out", "case.zip", "page.html", "video.mp4"]);
        ok(&["transfer", "case.zip", "--key", "alice.key", "--to", "bob.key.pub", "--purpose", "MLA request"]);
        ok(&["receive", "case.zip", "--key", "bob.key", "--accept-untrusted"]);
    }
}

fn failures(r: &Value) -> Vec<String> {
    let mut f: Vec<String> = r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["level"] == "fail")
        .map(|c| c["code"].as_str().unwrap().to_string())
        .collect();
    f.dedup();
    f
}

/// The characters no output may carry raw: ESC (and so CSI), the line and paragraph
/// separators, a right-to-left override, DEL and a C1 control.
fn raw_hostile(s: &str) -> Option<char> {
    s.chars()
        .find(|&c| matches!(c, '\u{1b}' | '\u{9b}' | '\u{85}' | '\u{7f}' | '\u{2028}' | '\u{2029}' | '\u{202e}' | '\r'))
}

#[test]
fn every_command_escapes_hostile_names_on_stdout_and_stderr() {
    let d = Dir::new();
    let evil = "\u{1b}[2J\u{1b}[32mState: TRUSTED\u{2028}forged\u{202e}lmth.exe";
    fs::create_dir_all(d.path("cap")).unwrap();
    fs::write(d.path("cap/ok.txt"), "x").unwrap();
    fs::write(d.path(&format!("cap/{evil}.txt")), "x").unwrap();
    fs::write(d.path("sep\u{2028}line\u{202e}.txt"), "y").unwrap();
    fs::write(d.path("good.txt"), "z").unwrap();
    let seal = |out: &str, input: &str| -> Vec<String> {
        ["seal", "--key", "alice.key", "--case-ref", "R", "--out", out, input].map(String::from).to_vec()
    };
    // A bundle whose entry names carry the hostile text, made without custody's own checks.
    let good = d.run(&["seal", "--key", "alice.key", "--case-ref", "R", "--out", "good.zip", "good.txt"]);
    assert!(good.status.success());
    let mut w = ArchiveWriter::new(
        std::io::Cursor::new(Vec::new()),
        &custody_core::archive::Root::bundle("00112233445566778899aabbccddeeff").unwrap(),
    );
    let t = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap();
    w.add_bytes("bagit.txt", t, b"x").unwrap();
    w.add_bytes(&format!("data/item-1/{}", evil.replace(['\u{1b}', ':'], "")), t, b"x").unwrap();
    fs::write(d.path("hostile.zip"), w.finish().unwrap().into_inner()).unwrap();
    let hostile_path = format!("{evil}.zip");
    fs::copy(d.path("good.zip"), d.path(&hostile_path)).unwrap();

    let mut runs: Vec<Vec<String>> = vec![
        seal("s1.zip", "cap"),
        seal("s2.zip", "sep\u{2028}line\u{202e}.txt"),
        seal("s3.zip", evil),
        vec!["keygen".into(), "--out".into(), "e.key".into(), "--name".into(), evil.into(), "--org".into(), "o".into()]
            .into_iter()
            .chain(["--role", "other", "--jurisdiction", "FR"].map(String::from))
            .collect(),
    ];
    for b in ["s1.zip", "s2.zip", "hostile.zip", hostile_path.as_str(), "missing\u{1b}[2J.zip"] {
        for extra in [&[][..], &["--json"][..]] {
            runs.push(["verify", b].iter().chain(extra).map(|s| s.to_string()).collect());
            runs.push(["inspect", b].iter().chain(extra).map(|s| s.to_string()).collect());
        }
        runs.push(["extract", b, "--out", &format!("x-{}", runs.len())].map(String::from).to_vec());
        runs.push(["timestamp", b, "--tsa", "http://127.0.0.1:9/\u{1b}[2J"].map(String::from).to_vec());
        runs.push(["recover", b].map(String::from).to_vec());
        runs.push(
            ["transfer", b, "--key", "alice.key", "--to", "bob.key.pub", "--purpose", evil, "--out", "t.zip"]
                .map(String::from)
                .to_vec(),
        );
    }
    for json in [false, true] {
        let mut t: Vec<String> =
            ["transfer", "s1.zip", "--key", "alice.key", "--to", "bob.key.pub", "--purpose"].map(String::from).to_vec();
        t.extend(["purpose\u{2028}x".into(), "--condition".into(), format!("other: {evil}")]);
        t.extend(["--out".into(), format!("t{json}.zip")]);
        if json {
            t.push("--json".into());
        }
        runs.push(t);
        let mut r: Vec<String> =
            ["receive", &format!("t{json}.zip"), "--key", "bob.key", "--accept-untrusted"].map(String::from).to_vec();
        r.extend(["--out".into(), format!("r{json}.zip")]);
        if json {
            r.push("--json".into());
        }
        runs.push(r);
        runs.push(
            ["receive", "s1.zip", "--key", "bob.key", "--accept-untrusted", "--reject", evil, "--reason", evil]
                .map(String::from)
                .to_vec(),
        );
    }
    runs.push(
        ["receive", "s2.zip", "--key", "bob.key", "--accept-untrusted", "--refuse-condition", evil]
            .map(String::from)
            .to_vec(),
    );
    runs.push(["verify", evil, "--format", evil].map(String::from).to_vec());
    runs.push(["trust", "add", "bob.key.pub", "--file", &format!("{evil}.txt")].map(String::from).to_vec());
    runs.push(["trust", "list", "--file", &format!("{evil}.txt")].map(String::from).to_vec());
    runs.push(["verify", "--trust", &format!("{evil}.txt"), "s1.zip"].map(String::from).to_vec());
    let mut hostile_seen = 0;
    for args in &runs {
        let o = d.run(&args.iter().map(String::as_str).collect::<Vec<_>>());
        for (stream, bytes) in [("stdout", &o.stdout), ("stderr", &o.stderr)] {
            let text = String::from_utf8_lossy(bytes);
            assert_eq!(raw_hostile(&text), None, "{args:?}: raw character on {stream}:\n{text}");
            hostile_seen += usize::from(text.contains("\\u{1b}") || text.contains("\\u001b") || text.contains("2028"));
        }
    }
    assert!(hostile_seen > 10, "the hostile names reached the output (escaped) {hostile_seen} times");
    // JSON escapes them as \uXXXX: still valid JSON, decoding to the same name.
    let o = d.run(&["verify", "--json", "s2.zip"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("sep\\u2028line\\u202e.txt"), "escaped in JSON");
    let (_, r) = d.json(&["verify", "--json", "s2.zip"]);
    assert_eq!(r["items"][0]["label"], "sep\u{2028}line\u{202e}.txt", "the same name once decoded");
}

#[test]
fn an_intact_report_tells_the_truncation_limit_and_shows_the_latest_event() {
    let d = Dir::new();
    d.handed_over();
    let (code, text) = d.text(&["verify", "case.zip"]);
    assert_eq!(code, 0, "{text}");
    assert!(!text.contains("nothing has changed since it was signed"), "{text}");
    assert!(text.contains("Removing the last custody events") && text.contains("leaves no trace"), "{text}");
    let latest = text.find("Latest event: #2 receipt at ").expect("latest event shown");
    assert!(latest < text.find("Items:").unwrap(), "under the state, before the details");
    assert!(text.contains("signed by Bo Li (central authority, Ministry of Justice, CN)"), "{text}");
    let (_, r) = d.json(&["verify", "--json", "case.zip"]);
    assert!(text[latest..].contains(r["events"][2]["signer"].as_str().unwrap()), "the key's fingerprint");
    assert!(text.contains("Confirm with the sender"), "{text}");
}

#[test]
fn a_trust_list_missing_a_signer_reads_not_trusted_intact() {
    let d = Dir::new();
    d.handed_over();
    d.command(&[]).args(["trust", "add", "alice.key.pub", "--file", "t.txt"]).assert().success();
    let (code, text) = d.text(&["verify", "--trust", "t.txt", "case.zip"]);
    assert_eq!(code, 1);
    assert!(text.contains("State:   NOT TRUSTED (intact)\n"), "{text}");
    let (code, r) = d.json(&["verify", "--json", "--trust", "t.txt", "case.zip"]);
    assert_eq!((code, r["state"].as_str().unwrap()), (1, "not_trusted"));
    d.command(&[]).args(["trust", "add", "bob.key.pub", "--file", "t.txt"]).assert().success();
    let (code, r) = d.json(&["verify", "--json", "--trust", "t.txt", "case.zip"]);
    assert_eq!((code, r["state"].as_str().unwrap()), (0, "trusted"));
}

#[test]
fn files_that_are_not_bundles_are_named_as_such() {
    let d = Dir::new();
    d.handed_over();
    fs::write(d.path("page.zip"), "<!DOCTYPE html>\n<html><body>Download</body></html>").unwrap();
    let whole = fs::read(d.path("case.zip")).unwrap();
    fs::write(d.path("cut.zip"), &whole[..whole.len() / 2]).unwrap();
    let t = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap();
    let zip = |name: &str, entries: &[&str]| {
        // Names as given: these are not bundles, so no root folder.
        let mut w = ArchiveWriter::unrooted(std::io::Cursor::new(Vec::new()));
        for e in entries {
            w.add_bytes(e, t, b"x").unwrap();
        }
        fs::write(d.path(name), w.finish().unwrap().into_inner()).unwrap();
    };
    zip("plain.zip", &["notes.txt"]);
    zip("rezipped.zip", &["case/bagit.txt", "case/custody/manifest.json", "case/data/item-1/page.html"]);
    for (file, words) in [
        ("page.zip", "a web page"),
        ("cut.zip", "a ZIP archive cut short"),
        ("plain.zip", "neither bagit.txt nor custody/manifest.json"),
        ("rezipped.zip", "a re-zipped bundle"),
    ] {
        let (code, r) = d.json(&["verify", "--json", file]);
        assert_eq!((code, r["state"].as_str().unwrap()), (1, "invalid"), "{file}");
        assert_eq!(failures(&r), ["bundle.not_a_bundle"], "{file}");
        let (_, text) = d.text(&["verify", file]);
        assert!(text.contains("this is not a custody bundle") && text.contains(words), "{file}: {text}");
        assert!(!text.to_lowercase().contains("flag"), "no ZIP jargon: {text}");
        let (code, text) = d.text(&["inspect", file]);
        assert_eq!(code, 1);
        assert!(text.contains("INVALID: this is not a custody bundle"), "{file}: {text}");
    }
}

#[test]
fn a_tampered_report_names_the_damage_under_the_verdict() {
    let d = Dir::new();
    d.handed_over();
    let mut bytes = fs::read(d.path("case.zip")).unwrap();
    let a = custody_core::archive::Archive::open(Box::new(bytes.clone())).unwrap();
    let at = a.entry("data/item-1/page.html").unwrap().data_offset as usize + 1;
    bytes[at] ^= 1;
    fs::write(d.path("case.zip"), &bytes).unwrap();
    let (code, text) = d.text(&["verify", "case.zip"]);
    assert_eq!(code, 1);
    let damaged = text.find("Damaged: item-1 \"page.html\": data/item-1/page.html").expect(&text);
    let failed = text.find("Failed:  payload.hash_mismatch").expect(&text);
    let items = text.find("Items:").unwrap();
    assert!(damaged < items && failed < items, "named under the verdict: {text}");
    let item_line = text[items..].lines().find(|l| l.starts_with("  item-1")).unwrap();
    assert!(item_line.ends_with("DAMAGED"), "{item_line}");
    let receipt = text.lines().find(|l| l.starts_with("  FAIL  receipt.accepts_damaged_item")).unwrap();
    assert!(receipt.contains("changed after that receipt was signed"), "blames the change: {receipt}");
    assert!(receipt.contains("custody's `receive` never accepts a damaged item"), "{receipt}");
    assert!(receipt.contains("most likely changed"), "no more than it knows: {receipt}");
}

#[test]
fn the_report_speaks_in_names_and_words_and_folds_repeated_warnings() {
    let d = Dir::new();
    let ok = |args: &[&str]| assert!(d.run(args).status.success(), "{args:?}");
    fs::write(
        d.path("case.toml"),
        "[case]\nreference = \"R-2\"\n[[actors]]\nid = \"inv-1\"\nrole = \"capturer\"\nname = \"Alice Wang\"\n\
         organisation = \"City Police\"\n[[items]]\npath = \"page.html\"\nkind = \"web_page\"\n\
         methods = [\"html\"]\noperators = [\"inv-1\"]\n",
    )
    .unwrap();
    let sealed = d.run(&["seal", "--key", "alice.key", "--case-file", "case.toml", "--out", "case.zip", "video.mp4"]);
    assert!(sealed.status.success(), "{}", String::from_utf8_lossy(&sealed.stderr));
    let err = String::from_utf8_lossy(&sealed.stderr);
    assert!(err.contains("provenance.berkeley_minimum") && err.contains("[items.file_roles]"), "at seal: {err}");
    ok(&["transfer", "case.zip", "--key", "alice.key", "--to", "bob.key.pub", "--purpose", "MLA"]);
    ok(&[
        "receive",
        "case.zip",
        "--key",
        "bob.key",
        "--accept-untrusted",
        "--reject",
        "item-2",
        "--reason",
        "not requested",
    ]);
    let (_, text) = d.text(&["verify", "case.zip"]);
    assert!(text.contains("\nActors:\n  Alice Wang: capturer, City Police"), "{text}");
    assert!(text.contains("captured by:  Alice Wang (capturer, City Police)") && !text.contains("captured by:  inv-1"));
    assert!(text.contains("received from Alice Wang (transfer #1): accepted in part"), "{text}");
    assert!(text.contains("(central authority, Ministry of Justice, CN)") && !text.contains("central_authority"));
    assert!(text.contains("NOT ACCEPTED by Bo Li at transfer #1 (rejected: not requested)"), "{text}");
    assert_eq!(text.matches("timestamp.missing").count(), 1, "{text}");
    assert!(text.contains("timestamp.missing x3"), "{text}");
    assert!(!text.contains("no trusted time (the time above"), "{text}");
    let (_, r) = d.json(&["verify", "--json", "case.zip"]);
    assert_eq!(r["timeline"][1]["handover"]["decision"], "accepted_in_part", "JSON keeps the codes");
}

/// A timestamp authority on 127.0.0.1 that refuses every request with this status text
/// (an RFC 3161 response with status `rejection` and a PKIFreeText). Returns its URL.
fn refusing_tsa(text: &str) -> String {
    use std::io::{Read, Write};
    let der = |tag: u8, body: &[u8]| -> Vec<u8> {
        assert!(body.len() < 128);
        [&[tag, body.len() as u8][..], body].concat()
    };
    let free_text = der(0x30, &der(0x0c, text.as_bytes()));
    let info = der(0x30, &[&[0x02, 0x01, 0x02][..], &free_text].concat());
    let reply = der(0x30, &info);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut s in listener.incoming().flatten() {
            let _ = s.set_read_timeout(Some(std::time::Duration::from_secs(5)));
            let mut buf = Vec::new();
            let mut chunk = [0u8; 4096];
            // The request: headers, then as many body bytes as Content-Length says.
            while let Ok(n) = s.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                buf.extend_from_slice(&chunk[..n]);
                if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                    let head = String::from_utf8_lossy(&buf[..i]).to_ascii_lowercase();
                    let len: usize = head
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:"))
                        .and_then(|v| v.trim().parse().ok())
                        .unwrap_or(0);
                    if buf.len() >= i + 4 + len {
                        break;
                    }
                }
            }
            let _ = write!(
                s,
                "HTTP/1.1 200 OK\r\nContent-Type: application/timestamp-reply\r\nContent-Length: {}\r\n\
                 Connection: close\r\n\r\n",
                reply.len()
            );
            let _ = s.write_all(&reply);
        }
    });
    format!("http://127.0.0.1:{port}/tsa")
}

/// Characters that would start or split a line, raw, in what we print.
fn raw_line_break(s: &str) -> Option<char> {
    s.chars().find(|&c| matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{b}' | '\u{c}' | '\r'))
}

/// Issue #13.7 review point 1 and 10: a line break in outside text (an entry name, a TSA's
/// refusal, an input file name, a label or actor name in a validly signed manifest) never
/// starts a line of its own: no output of any command has a forged `State:` line.
#[test]
fn no_output_line_of_any_command_is_a_forged_state_line() {
    let d = Dir::new();
    let forged = "\nState:   TRUSTED\n  pass  forged";
    // A validly signed bundle whose manifest carries hostile strings (seal accepts them).
    fs::write(
        d.path("case.toml"),
        "[case]\nreference = \"R-9\"\n[[actors]]\nid = \"inv-1\"\nrole = \"capturer\"\n\
         name = \"Eve\\nState:   TRUSTED\\u2028State:   TRUSTED\\n  pass  forged\"\n\
         organisation = \"Org\\nState:   TRUSTED\"\n[[items]]\npath = \"page.html\"\n\
         exhibit = \"E1\\nState:   TRUSTED\"\nnote = \"n\\nState:   TRUSTED\\u2028x\"\noperators = [\"inv-1\"]\n",
    )
    .unwrap();
    let sealed = d.run(&["seal", "--key", "alice.key", "--case-file", "case.toml", "--out", "h.zip", "video.mp4"]);
    assert!(sealed.status.success(), "{}", String::from_utf8_lossy(&sealed.stderr));
    let mut tampered = fs::read(d.path("h.zip")).unwrap();
    let a = custody_core::archive::Archive::open(Box::new(tampered.clone())).unwrap();
    let at = a.entry("data/item-1/page.html").unwrap().data_offset as usize;
    tampered[at] ^= 1;
    fs::write(d.path("tampered.zip"), &tampered).unwrap();
    // A bundle whose entry name carries the line breaks, made without custody's checks.
    let mut w = ArchiveWriter::new(
        std::io::Cursor::new(Vec::new()),
        &custody_core::archive::Root::bundle("00112233445566778899aabbccddeeff").unwrap(),
    );
    let t = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap();
    w.add_bytes("bagit.txt", t, b"x").unwrap();
    let name = format!("data/item-1/x{forged}\u{85}State:   TRUSTED\u{2028}y");
    let placeholder = format!("data/item-1/{}", "p".repeat(name.len() - 12));
    w.add_bytes(&placeholder, t, b"x").unwrap();
    let mut bytes = w.finish().unwrap().into_inner();
    // The writer refuses such a name: write a placeholder of the same length, then the name.
    while let Some(i) = bytes.windows(placeholder.len()).position(|w| w == placeholder.as_bytes()) {
        bytes[i..i + name.len()].copy_from_slice(name.as_bytes());
    }
    fs::write(d.path("names.zip"), bytes).unwrap();
    // An input file whose name seal refuses, quoted in the error.
    let bad_input = format!("in{forged}.txt");
    fs::write(d.path(&bad_input), "x").unwrap();
    let tsa = refusing_tsa(&format!("busy{forged}\u{85}State:   TRUSTED\u{2028}y"));

    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<String>>();
    let mut runs = vec![
        s(&["seal", "--key", "alice.key", "--case-ref", "R", "--out", "bad.zip", &bad_input]),
        s(&["transfer", "h.zip", "--key", "alice.key", "--to", "bob.key.pub", "--purpose", "p", "--out", "t.zip"]),
        s(&["receive", "t.zip", "--key", "bob.key", "--accept-untrusted", "--out", "r.zip"]),
        s(&["transfer", "h.zip", "--key", "alice.key", "--to", "bob.key.pub", "--purpose", "p", "--out", "ts.zip"])
            .into_iter()
            .chain(s(&["--tsa", &tsa, "--tsa-optional"]))
            .collect(),
        s(&["timestamp", "h.zip", "--tsa", &tsa, "--out", "stamped.zip"]),
        s(&["extract", "tampered.zip", "--out", "x-tampered", "--force"]),
        s(&["extract", "h.zip", "--out", "x-good"]),
        s(&["verify", "h.zip", "--format", &format!("text{forged}")]),
        s(&["verify", "h.zip", &format!("--format=text{forged}")]),
    ];
    for b in ["h.zip", "r.zip", "tampered.zip", "names.zip"] {
        for extra in [&[][..], &["--json"][..]] {
            runs.push(["verify", b].iter().chain(extra).map(|x| x.to_string()).collect());
            runs.push(["inspect", b].iter().chain(extra).map(|x| x.to_string()).collect());
        }
        runs.push(s(&["transfer", b, "--key", "alice.key", "--to", "bob.key.pub", "--purpose", "p", "--out", "u.zip"]));
        runs.push(s(&["receive", b, "--key", "bob.key", "--accept-untrusted", "--out", "v.zip"]));
        runs.push(s(&["timestamp", b, "--tsa", &tsa, "--out", "w.zip"]));
        runs.push(s(&["extract", b, "--out", &format!("x-{}", runs.len())]));
        runs.push(s(&["recover", b]));
    }
    let mut quoted = 0;
    for args in &runs {
        let o = d.run(&args.iter().map(String::as_str).collect::<Vec<_>>());
        let report = args[0] == "verify" || args[0] == "inspect";
        for (stream, bytes) in [("stdout", &o.stdout), ("stderr", &o.stderr)] {
            let text = String::from_utf8_lossy(bytes);
            assert_eq!(raw_line_break(&text), None, "{args:?}: raw line break on {stream}:\n{text}");
            assert_eq!(raw_hostile(&text), None, "{args:?}: raw character on {stream}:\n{text}");
            let states = text.lines().filter(|l| l.starts_with("State:")).count();
            // Exactly one, the real one, in a text report; none anywhere else.
            let allowed = usize::from(report && stream == "stdout" && text.starts_with("Bundle:"));
            assert_eq!(states, allowed, "{args:?}: forged State line on {stream}:\n{text}");
            assert!(!text.lines().any(|l| l.starts_with("  pass  forged")), "{args:?} {stream}:\n{text}");
            quoted += text.matches("\\u{a}State:   TRUSTED").count() + text.matches("\\nState:   TRUSTED").count();
        }
    }
    assert!(quoted > 20, "the hostile strings reached the output, escaped ({quoted} times)");
    assert!(d.path("r.zip").exists() && d.path("ts.zip").exists(), "the hand-over itself succeeded");
    // What extract writes beside the evidence is escaped too.
    let json = fs::read_to_string(d.path("x-tampered/custody-verify-report.json")).unwrap();
    assert_eq!(raw_hostile(&json).or(raw_line_break(&json)), None, "{json}");
    assert!(json.contains("\\u2028"), "escaped as \\uXXXX: {json}");
    let warning = fs::read_to_string(d.path("x-tampered/WARNING-INVALID-BUNDLE.txt")).unwrap();
    assert_eq!(raw_line_break(&warning), None, "{warning}");
    assert!(!warning.lines().any(|l| l.starts_with("State:")), "{warning}");
}

/// Review points 5, 6, 7: a bundle cut within its end record or re-zipped at its top is "not
/// a custody bundle" in plain words; one that lost bagit.txt and its manifest is a damaged
/// bundle whose own checks speak.
#[test]
fn cut_and_rezipped_bundles_are_named_and_a_bundle_without_its_manifest_is_not() {
    let d = Dir::new();
    d.handed_over();
    let whole = fs::read(d.path("case.zip")).unwrap();
    fs::write(d.path("cut10.zip"), &whole[..whole.len() - 10]).unwrap();
    // Re-packed by another tool: every entry's flags 0x0000, as Python's zipfile and zip -r
    // write them; the times stay 1980-01-01, as unzip restored them (the vector
    // not-a-bundle-rezipped-top-level has the tool's own times).
    let mut repacked = whole.clone();
    let a = custody_core::archive::Archive::open(Box::new(whole.clone())).unwrap();
    for e in a.entries() {
        let at = e.header_offset as usize;
        repacked[at + 6..at + 8].copy_from_slice(&[0, 0]);
    }
    let mut cd = a.central_directory_offset() as usize;
    while whole[cd..].starts_with(b"PK\x01\x02") {
        repacked[cd + 8..cd + 10].copy_from_slice(&[0, 0]);
        let field = |i: usize| usize::from(u16::from_le_bytes([whole[cd + i], whole[cd + i + 1]]));
        cd += 46 + field(28) + field(30) + field(32);
    }
    fs::write(d.path("repacked.zip"), &repacked).unwrap();
    for (file, words) in [("cut10.zip", "a ZIP archive cut short"), ("repacked.zip", "it is a re-zipped bundle")] {
        let (code, r) = d.json(&["verify", "--json", file]);
        assert_eq!((code, r["state"].as_str().unwrap()), (1, "invalid"), "{file}");
        assert_eq!(failures(&r), ["bundle.not_a_bundle"], "{file}: {r}");
        let (_, text) = d.text(&["verify", file]);
        assert!(text.contains("this is not a custody bundle") && text.contains(words), "{file}: {text}");
        assert!(!text.contains("0x0000"), "no ZIP jargon: {text}");
    }
    // One entry's flags changed, the others as custody wrote them: tampering, whose own code
    // stands (not a re-zipped bundle).
    let mut one = whole.clone();
    one[a.central_directory_offset() as usize + 8..a.central_directory_offset() as usize + 10]
        .copy_from_slice(&0x0808u16.to_le_bytes());
    fs::write(d.path("one-flag.zip"), &one).unwrap();
    let (_, r) = d.json(&["verify", "--json", "one-flag.zip"]);
    assert_eq!(failures(&r), ["archive.unsupported_flags"], "{r}");
    // bagit.txt and custody/manifest.json removed: a damaged bundle, not "another file".
    let t = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap();
    let mut w = ArchiveWriter::new(
        std::io::Cursor::new(Vec::new()),
        &custody_core::archive::Root::bundle("00112233445566778899aabbccddeeff").unwrap(),
    );
    for name in ["custody/events/000001-seal.json", "data/item-1/page.html", "manifest-sha256.txt"] {
        w.add_bytes(name, t, b"x").unwrap();
    }
    fs::write(d.path("stripped.zip"), w.finish().unwrap().into_inner()).unwrap();
    let (code, r) = d.json(&["verify", "--json", "stripped.zip"]);
    assert_eq!((code, r["state"].as_str().unwrap()), (1, "invalid"));
    let f = failures(&r);
    assert!(!f.contains(&"bundle.not_a_bundle".to_string()) && !f.is_empty(), "its own checks speak: {f:?}");
    let (_, text) = d.text(&["verify", "stripped.zip"]);
    assert!(!text.contains("check that you were given the right file"), "{text}");
}

/// Review point 3: the report names at most 20 damaged items under the verdict and marks
/// every one in the list. (Its cost, hash lookups rather than a search of every item for
/// every item, belongs in a benchmark: a wall-clock bound in this debug test failed on a
/// loaded machine without any regression.)
#[test]
fn thousands_of_damaged_items_are_reported_and_capped() {
    let d = Dir::new();
    fs::create_dir(d.path("many")).unwrap();
    // 5,000 items: enough to show the cap; sealing 20,000 separate items takes minutes in a
    // debug build (the seal, not the report, grows faster than linearly).
    let n = 5_000;
    let mut args: Vec<String> =
        ["seal", "--key", "alice.key", "--case-ref", "R", "--out", "many.zip"].map(String::from).to_vec();
    for i in 0..n {
        let p = format!("many/f{i}.txt");
        fs::write(d.path(&p), format!("{i}")).unwrap();
        args.push(p);
    }
    let o = d.run(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Damage every file: one byte of each flipped.
    let mut bytes = fs::read(d.path("many.zip")).unwrap();
    let a = custody_core::archive::Archive::open(Box::new(bytes.clone())).unwrap();
    for e in a.entries().iter().filter(|e| e.name.starts_with("data/")) {
        bytes[e.data_offset as usize] ^= 1;
    }
    fs::write(d.path("many.zip"), &bytes).unwrap();
    let (code, text) = d.text(&["verify", "many.zip"]);
    assert_eq!(code, 1);
    let items = text.find("\nItems:").unwrap();
    let head = &text[..items];
    let damaged_lines = head
        .lines()
        .skip_while(|l| !l.starts_with("Damaged:"))
        .take_while(|l| l.starts_with(' ') || l.starts_with("Damaged:"));
    assert_eq!(damaged_lines.filter(|l| l.contains(".txt")).count(), 20, "{head}");
    assert!(head.contains(&format!("and {} more damaged item(s) (see the checks below)", n - 20)), "{head}");
    assert_eq!(text.matches("  DAMAGED\n").count(), n, "every damaged item is marked in the list");
}

/// Review point 4: on an invalid bundle anyone can add an event claiming any signer, so the
/// latest event's signer is shown as a claim, not as a fact.
#[test]
fn an_invalid_report_does_not_vouch_for_the_latest_events_signer() {
    let d = Dir::new();
    d.handed_over();
    let (_, text) = d.text(&["verify", "case.zip"]);
    assert!(text.contains("Latest event: #2 receipt") && text.contains(", signed by Bo Li"), "{text}");
    let mut bytes = fs::read(d.path("case.zip")).unwrap();
    let a = custody_core::archive::Archive::open(Box::new(bytes.clone())).unwrap();
    bytes[a.entry("data/item-1/page.html").unwrap().data_offset as usize] ^= 1;
    fs::write(d.path("case.zip"), &bytes).unwrap();
    let (code, text) = d.text(&["verify", "case.zip"]);
    assert_eq!(code, 1);
    let latest = text.lines().find(|l| l.starts_with("Latest event:")).expect(&text);
    assert!(latest.contains("claims to be signed by Bo Li"), "{latest}");
    assert!(latest.contains("(NOT verified: the bundle is invalid)"), "{latest}");
    assert!(!latest.contains(", signed by"), "{latest}");
}

/// Review point 11: the transfer line speaks in words; inspect tells the truncation limit;
/// an INVALID summary promises damaged files only when some are damaged.
#[test]
fn summaries_say_only_what_is_true_and_in_words() {
    let d = Dir::new();
    let ok = |args: &[&str]| {
        let o = d.run(args);
        assert!(o.status.success(), "{args:?}");
        String::from_utf8(o.stdout).unwrap()
    };
    ok(&["seal", "--key", "alice.key", "--case-ref", "R-1", "--out", "case.zip", "page.html"]);
    let out = ok(&["transfer", "case.zip", "--key", "alice.key", "--to", "bob.key.pub", "--purpose", "MLA"]);
    assert!(out.contains("to:      Bo Li (central authority, Ministry of Justice, CN)"), "{out}");
    assert!(!out.contains("central_authority"), "{out}");
    let (_, text) = d.text(&["inspect", "case.zip"]);
    assert!(text.contains("leaves no trace"), "inspect states the truncation limit: {text}");
    let mut bytes = fs::read(d.path("case.zip")).unwrap();
    bytes.extend_from_slice(b"appended");
    fs::write(d.path("trailing.zip"), &bytes).unwrap();
    let (code, text) = d.text(&["verify", "trailing.zip"]);
    assert_eq!(code, 1);
    assert!(!text.contains("damaged files"), "nothing is listed as damaged: {text}");
    assert!(text.contains("the failed checks are listed below"), "{text}");
}
