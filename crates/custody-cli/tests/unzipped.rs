//! Issue #19.5: `custody verify DIR` on an unzipped bundle, and the report of a bundle that was
//! unzipped and zipped again (spec §9.6), with the stock `unzip` and `zip` tools.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::common::Scratch;
use serde_json::Value;

const SCHEMA: &str = "verify-report.schema.json";

/// A sealed bundle `case.zip` (two files), unzipped with stock `unzip` into `unzipped/`.
fn sealed_and_unzipped() -> (Scratch, String) {
    let s = Scratch::new();
    s.keygen("alice", "Alice Wang");
    fs::write(s.path("page.html"), "<p>post</p>\n").unwrap();
    fs::write(s.path("video.mp4"), vec![7u8; 5000]).unwrap();
    s.ok(&["seal", "--key", "alice.key", "--case-ref", "R-1", "--out", "case.zip", "page.html", "video.mp4"]);
    tool(s.root(), "unzip", &["-q", "case.zip", "-d", "unzipped"]);
    let root = fs::read_dir(s.path("unzipped")).unwrap().next().unwrap().unwrap().file_name();
    let root = root.into_string().unwrap();
    assert!(root.starts_with("custody-"), "{root}");
    (s, root)
}

fn tool(dir: &Path, name: &str, args: &[&str]) {
    let status = Command::new(name).args(args).current_dir(dir).status().unwrap();
    assert!(status.success(), "{name} {args:?}");
}

/// The payload file of the bundle that holds `page.html`, from the bundle's folder.
fn page_in(folder: &Path) -> std::path::PathBuf {
    let data = folder.join("data");
    let item = fs::read_dir(&data).unwrap().next().unwrap().unwrap().path();
    walk(&item).into_iter().find(|p| p.file_name().is_some_and(|n| n == "page.html")).unwrap()
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
    }
    out
}

fn codes(checks: &Value, level: &str) -> Vec<String> {
    let mut f: Vec<String> = checks
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["level"] == level)
        .map(|c| c["code"].as_str().unwrap().to_string())
        .collect();
    f.dedup();
    f
}

/// An intact unzipped bundle: INTACT, exit 0, the container checks not applicable in text
/// and JSON, the folder `unzip` made and the bundle's own folder alike.
#[test]
fn an_unzipped_bundle_is_verified_with_the_container_not_applicable() {
    let (s, root) = sealed_and_unzipped();
    for dir in ["unzipped".to_string(), format!("unzipped/{root}")] {
        let r = s.json(0, SCHEMA, &["verify", "--json", &dir]);
        assert_eq!(r["state"], "intact", "{r:#}");
        assert!(codes(&r["checks"], "pass").contains(&"payload.verified".to_string()), "{r:#}");
        assert!(!codes(&r["checks"], "pass").contains(&"archive.structure".to_string()), "not checked: {r:#}");
        assert_eq!(r["container"]["kind"], "directory");
        let na: Vec<&str> =
            r["container"]["not_applicable"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
        for code in
            ["archive.structure", "archive.crc_mismatch", "archive.unsupported_flags", "archive.header_mismatch"]
        {
            assert!(na.contains(&code), "{code}: {na:?}");
        }
        assert!(!na.contains(&"archive.unlisted_file"), "applies to a folder: {na:?}");
        assert!(r["summary"].as_str().unwrap().contains("the ZIP container itself was not"), "{r:#}");
        let text = s.ok(&["verify", &dir]);
        assert!(text.contains("State:   INTACT"), "{text}");
        assert!(text.contains("Container:") && text.contains("NOT CHECKED"), "{text}");
        assert!(text.contains("Not applicable") && text.contains("archive.crc_mismatch"), "{text}");
        assert!(text.contains("The sealed evidence is the original .zip file"), "{text}");
    }
}

/// A payload file edited, removed, or a file added in the folder: INVALID, naming the file.
#[test]
fn edits_removals_and_additions_in_the_folder_are_invalid_and_named() {
    let (s, root) = sealed_and_unzipped();
    let folder = s.path(&format!("unzipped/{root}"));
    let page = page_in(&folder);
    let rel = page.strip_prefix(&folder).unwrap().to_str().unwrap().to_owned();
    let original = fs::read(&page).unwrap();

    fs::write(&page, "<p>edited</p>\n").unwrap();
    let r = s.json(1, SCHEMA, &["verify", "--json", "unzipped"]);
    assert_eq!(r["state"], "invalid");
    assert!(codes(&r["checks"], "fail").contains(&"payload.hash_mismatch".to_string()), "{r:#}");
    let text = s.status(1, &["verify", "unzipped"]);
    assert!(text.contains("INVALID") && text.contains(&rel), "{text}");

    fs::remove_file(&page).unwrap();
    let r = s.json(1, SCHEMA, &["verify", "--json", "unzipped"]);
    assert!(codes(&r["checks"], "fail").contains(&"payload.missing".to_string()), "{r:#}");
    fs::write(&page, &original).unwrap();
    s.ok(&["verify", "unzipped"]);

    fs::write(folder.join("data/extra.txt"), "added").unwrap();
    let r = s.json(1, SCHEMA, &["verify", "--json", "unzipped"]);
    assert!(codes(&r["checks"], "fail").contains(&"archive.unlisted_file".to_string()), "{r:#}");
    assert!(r.to_string().contains("data/extra.txt"), "{r:#}");
    fs::remove_file(folder.join("data/extra.txt")).unwrap();
    // A file beside the bundle's folder: the folder around it is no bundle's (the root rule,
    // applied to its own entries before any walk); the bundle's folder itself is verified.
    fs::write(s.path("unzipped/notes.txt"), "mine").unwrap();
    s.refused(&["verify", "unzipped"], "not an unzipped bundle");
    s.ok(&["verify", &format!("unzipped/{root}")]);
}

/// A symbolic link to a file outside the folder is refused by its path and never read; a
/// FIFO is refused without hanging.
#[test]
fn links_and_fifos_in_the_folder_are_refused_and_never_read() {
    let (s, root) = sealed_and_unzipped();
    let folder = s.path(&format!("unzipped/{root}"));
    let page = page_in(&folder);
    // The bait: a file outside with exactly the listed file's bytes, so that a verifier that
    // followed the link and read it as evidence would find every file matching (the payload
    // verified); one that refuses the link by its path never gets that far.
    let secret = s.path("secret.txt");
    let saved = fs::read(&page).unwrap();
    fs::write(&secret, &saved).unwrap();
    fs::remove_file(&page).unwrap();
    std::os::unix::fs::symlink(&secret, &page).unwrap();
    let r = s.json(1, SCHEMA, &["verify", "--json", "unzipped"]);
    assert_eq!(codes(&r["checks"], "fail"), ["archive.not_regular_file"], "{r:#}");
    assert!(!codes(&r["checks"], "pass").contains(&"payload.verified".to_string()), "the link was read: {r:#}");
    let message = r["checks"][0]["message"].as_str().unwrap();
    assert!(message.contains("page.html") && message.contains("symbolic link"), "{message}");
    fs::remove_file(&page).unwrap();
    fs::write(&page, saved).unwrap();

    tool(s.root(), "mkfifo", &[folder.join("data/pipe").to_str().unwrap()]);
    let started = std::time::Instant::now();
    let r = s.json(1, SCHEMA, &["verify", "--json", "unzipped"]);
    assert_eq!(codes(&r["checks"], "fail"), ["archive.not_regular_file"], "{r:#}");
    assert!(r["checks"][0]["message"].as_str().unwrap().contains("FIFO"), "{r:#}");
    assert!(started.elapsed() < std::time::Duration::from_secs(60), "no hang");
}

/// A folder that is no bundle's: a clear refusal (exit 2) that says what was expected and
/// names --each for a folder of bundles.
#[test]
fn a_folder_that_is_no_bundle_is_refused_with_what_was_expected() {
    let (s, _) = sealed_and_unzipped();
    fs::create_dir(s.path("incoming")).unwrap();
    fs::copy(s.path("case.zip"), s.path("incoming/case.zip")).unwrap();
    let err = s.refused(&["verify", "incoming"], "not an unzipped bundle");
    assert!(err.contains("bagit.txt") && err.contains("--each incoming"), "{err}");
    // --each still verifies the folder of bundles.
    s.ok(&["verify", "--each", "incoming"]);
}

/// --trust behaves for a folder as for the .zip file.
#[test]
fn trust_is_judged_the_same_for_a_folder() {
    let (s, _) = sealed_and_unzipped();
    s.keygen("other", "Oscar Other");
    s.ok(&["trust", "add", "other.key.pub", "--file", "others.txt"]);
    s.ok(&["trust", "add", "alice.key.pub", "--file", "alice.txt"]);
    for (list, code, state) in [("alice.txt", 0, "trusted"), ("others.txt", 1, "not_trusted")] {
        for target in ["case.zip", "unzipped"] {
            let r = s.json(code, SCHEMA, &["verify", "--json", "--trust", list, target]);
            assert_eq!(r["state"], state, "{target} with {list}: {r:#}");
        }
    }
}

/// Re-zipped with stock `zip -r` (folder entries, deflate, its own flags, times and extra
/// fields): INVALID for the container, code first, and a content section that says the
/// evidence and the signatures still hold; after a payload file was edited, that they do not.
#[test]
fn a_rezipped_bundle_reports_its_content_apart_from_its_container() {
    let (s, root) = sealed_and_unzipped();
    let unzipped = s.path("unzipped");
    tool(&unzipped, "zip", &["-q", "-r", "../rezipped.zip", &root]);
    let r = s.json(1, SCHEMA, &["verify", "--json", "rezipped.zip"]);
    assert_eq!(r["state"], "invalid");
    let first = r["checks"][0]["code"].as_str().unwrap();
    assert!(first.starts_with("archive.") || first == "bundle.not_a_bundle", "{r:#}");
    assert_eq!(r["content"]["holds"], true, "{r:#}");
    assert_eq!(r["content"]["state"], "intact", "{r:#}");
    assert!(codes(&r["content"]["checks"], "pass").contains(&"payload.verified".to_string()), "{r:#}");
    assert!(codes(&r["content"]["checks"], "fail").is_empty(), "{r:#}");
    assert!(r["summary"].as_str().unwrap().contains("still hold"), "{r:#}");
    let text = s.status(1, &["verify", "rezipped.zip"]);
    assert!(text.contains("INVALID") && text.contains("Content:") && text.contains("still hold"), "{text}");
    assert!(text.contains("Content checks"), "{text}");
    assert!(!text.contains("NOT verified"), "the content checks verified the signatures: {text}");

    fs::write(page_in(&unzipped.join(&root)), "<p>edited</p>\n").unwrap();
    tool(&unzipped, "zip", &["-q", "-r", "../edited.zip", &root]);
    let r = s.json(1, SCHEMA, &["verify", "--json", "edited.zip"]);
    assert_eq!((r["state"].as_str(), r["content"]["holds"].as_bool()), (Some("invalid"), Some(false)), "{r:#}");
    assert!(codes(&r["content"]["checks"], "fail").contains(&"payload.hash_mismatch".to_string()), "{r:#}");
    assert!(!codes(&r["checks"], "fail").contains(&"payload.hash_mismatch".to_string()), "apart: {r:#}");
    let text = s.status(1, &["verify", "edited.zip"]);
    assert!(text.contains("do NOT hold") && text.contains("page.html"), "{text}");
    assert!(text.contains("NOT verified"), "{text}");
}

/// The ZIP file `name` in `s`, re-zipped from the folder `from` by `program` with `args`
/// (its output file is `../{name}` from `from`).
fn rezip_with(s: &Scratch, from: &str, name: &str, program: &str, args: &[&str]) {
    let out = format!("../{name}");
    let args: Vec<&str> = args.iter().map(|&a| if a == "OUT" { out.as_str() } else { a }).collect();
    tool(&s.path(from), program, &args);
}

/// Whichever of 7-Zip's commands is installed (`7zz`, `7z`, `7za`).
fn seven_zip() -> Option<&'static str> {
    ["7zz", "7z", "7za"].into_iter().find(|p| Command::new(p).arg("i").output().is_ok_and(|o| o.status.success()))
}

/// Every stock tool's re-zip of a sealed bundle gets the content checks, which hold: `zip -r`
/// (folder entries), `zip -r -D` (none), `zip -r` to a pipe (data descriptors), 7-Zip and
/// `bsdtar` (data descriptors with their signature), `zip -r` run inside the bundle's folder
/// (the bag at the top level) and around a folder that holds the bundle's folder.
#[test]
fn every_stock_tools_rezip_gets_the_content_checks() {
    let (s, root) = sealed_and_unzipped();
    rezip_with(&s, "unzipped", "zip-r.zip", "zip", &["-q", "-r", "OUT", &root]);
    rezip_with(&s, "unzipped", "zip-r-D.zip", "zip", &["-q", "-r", "-D", "OUT", &root]);
    rezip_with(&s, "unzipped", "bsdtar.zip", "bsdtar", &["-a", "-cf", "OUT", &root]);
    let piped = format!("zip -q -r - {root} | cat > ../piped.zip");
    tool(&s.path("unzipped"), "sh", &["-c", &piped]);
    rezip_with(&s, &format!("unzipped/{root}"), "../top.zip", "zip", &["-q", "-r", "OUT", "."]);
    fs::create_dir_all(s.path("wrapped")).unwrap();
    tool(s.root(), "cp", &["-r", "unzipped", "wrapped/evidence"]);
    rezip_with(&s, "wrapped", "wrapped.zip", "zip", &["-q", "-r", "OUT", "evidence"]);
    let mut made = vec!["zip-r.zip", "zip-r-D.zip", "bsdtar.zip", "piped.zip", "top.zip", "wrapped.zip"];
    match seven_zip() {
        Some(p) => {
            rezip_with(&s, "unzipped", "7z.zip", p, &["a", "-tzip", "-bd", "-bso0", "OUT", &root]);
            made.push("7z.zip");
        }
        None => eprintln!("7-Zip is not installed: its re-zip is not tested (apt install 7zip)"),
    }
    let descriptors = |n: &str| fs::read(s.path(n)).unwrap().windows(4).filter(|w| w == b"PK\x07\x08").count();
    assert!(descriptors("bsdtar.zip") > 0 && descriptors("piped.zip") > 0, "data descriptors are exercised");
    for name in made {
        let r = s.json(1, SCHEMA, &["verify", "--json", name]);
        assert_eq!(r["state"], "invalid", "{name}: {r:#}");
        assert_eq!(
            (r["content"]["holds"].as_bool(), r["content"]["state"].as_str()),
            (Some(true), Some("intact")),
            "{name}: {r:#}"
        );
        assert!(codes(&r["content"]["checks"], "pass").contains(&"payload.verified".to_string()), "{name}: {r:#}");
    }
}

/// Bytes that belong to no entry (a self-extractor's program before the first entry, junk
/// before the central directory): no content section, and a check after the container's
/// that names the offset, what was found there and what to do.
#[test]
fn a_rezip_with_unaccounted_bytes_gets_no_content_checks_and_says_why() {
    let (s, root) = sealed_and_unzipped();
    rezip_with(&s, "unzipped", "zip-r.zip", "zip", &["-q", "-r", "OUT", &root]);
    let zip = fs::read(s.path("zip-r.zip")).unwrap();
    let mut sfx = b"MZ".to_vec();
    sfx.extend([0u8; 98]);
    sfx.extend(&zip);
    fs::write(s.path("sfx.zip"), sfx).unwrap();
    tool(s.root(), "zip", &["-q", "-A", "sfx.zip"]);
    let eocd = zip.len() - 22;
    let cd = u32::from_le_bytes(zip[eocd + 16..eocd + 20].try_into().unwrap()) as usize;
    let mut junk = zip[..cd].to_vec();
    junk.extend(b"JUNKJUNKJU");
    junk.extend(&zip[cd..]);
    let eocd = junk.len() - 22;
    junk[eocd + 16..eocd + 20].copy_from_slice(&(cd as u32 + 10).to_le_bytes());
    fs::write(s.path("junk.zip"), junk).unwrap();
    for (name, words) in [("sfx.zip", "100 bytes at offset 0"), ("junk.zip", &*format!("10 bytes at offset {cd}"))] {
        let r = s.json(1, SCHEMA, &["verify", "--json", name]);
        assert!(r["content"].is_null(), "{name}: {r:#}");
        // Under the container's code (a second verifier without the content section finds the
        // same codes): the message says why the content was not read.
        let checks = r["checks"].as_array().unwrap();
        let why = checks.iter().find(|c| c["message"].as_str().is_some_and(|m| m.contains("not checked")));
        let why = why.and_then(|c| c["message"].as_str()).unwrap_or_default();
        assert!(!checks.iter().any(|c| c["code"] == "archive.unaccounted_bytes"), "{name}: {r:#}");
        assert!(why.contains("not checked") && why.contains(words) && why.contains("custody verify"), "{name}: {r:#}");
    }
    let text = s.status(1, &["verify", "sfx.zip"]);
    assert!(text.contains("self-extracting"), "{text}");
}

/// `custody verify PARENT` where PARENT holds the bundle's folder beside other things: refused
/// (exit 2, what was expected) from PARENT's own entries, before anything is walked; a FIFO
/// and a link in a sibling tree are never met (a walk would refuse them by path, exit 1).
#[test]
fn a_parent_folder_with_more_than_the_bundle_is_refused_without_walking_it() {
    let (s, _) = sealed_and_unzipped();
    fs::create_dir_all(s.path("unzipped/other/deeper")).unwrap();
    tool(s.root(), "mkfifo", &["unzipped/other/deeper/fifo"]);
    tool(s.root(), "mkfifo", &["unzipped/fifo"]);
    let err = s.refused(&["verify", "unzipped"], "not an unzipped bundle");
    assert!(!err.contains("FIFO"), "{err}");
}

/// A sealed bundle with one bit flipped in its container only (a local header's time: the
/// headers disagree; a central record's internal attributes: attributes custody never
/// writes): the verifier cannot tell damage or editing from another tool's re-packing, so the
/// report states what it observed (the container breaks the format's rules, with the possible
/// causes) and never that another tool made the container.
#[test]
fn a_flipped_container_bit_is_reported_as_observed_not_as_another_tool() {
    let (s, _) = sealed_and_unzipped();
    let zip = fs::read(s.path("case.zip")).unwrap();
    let eocd = zip.len() - 22;
    assert_eq!(&zip[eocd..eocd + 4], b"PK\x05\x06");
    let central = u32::from_le_bytes(zip[eocd + 16..eocd + 20].try_into().unwrap()) as usize;
    assert_eq!(&zip[central..central + 4], b"PK\x01\x02");
    // Local header time at 10, central record internal attributes at 36.
    for (name, at, code) in [
        ("time.zip", 10, "archive.header_mismatch"),
        ("attributes.zip", central + 36, "archive.unsupported_attributes"),
    ] {
        let mut bytes = zip.clone();
        bytes[at] ^= 1;
        fs::write(s.path(name), &bytes).unwrap();
        let r = s.json(1, SCHEMA, &["verify", "--json", name]);
        assert_eq!(r["checks"][0]["code"], code, "{name}: {r:#}");
        assert_eq!(r["content"]["holds"], true, "{name}: {r:#}");
        let text = s.status(1, &["verify", name]);
        for words in [r["summary"].as_str().unwrap(), r["content"]["summary"].as_str().unwrap(), text.as_str()] {
            assert!(words.contains("breaks the sealed format's rules"), "{name}: {words}");
            assert!(words.contains("damaged or edited"), "{name}: {words}");
            assert!(
                !words.contains("another tool packed") && !words.contains("made by another tool"),
                "{name}: {words}"
            );
        }
    }
}

/// The court report of a re-zipped bundle gives the content checks their own section under
/// their summary, and shows the latest event by the same rule as `verify` (its signatures were
/// checked, so it is signed, not a claim); that of a folder names the container checks that
/// do not apply.
#[test]
fn the_court_report_shows_the_content_checks_apart_and_a_folders_checks_not_applicable() {
    let (s, root) = sealed_and_unzipped();
    tool(&s.path("unzipped"), "zip", &["-q", "-r", "../rezipped.zip", &root]);
    s.status(1, &["report", "rezipped.zip", "--out", "rezipped.html", "--lang", "en"]);
    let html = fs::read_to_string(s.path("rezipped.html")).unwrap();
    let checks = &html[html.find("id=\"checks\"").unwrap()..];
    let content = checks.find("<h3>Content checks</h3>").expect("a content section");
    let (container, content) = checks.split_at(content);
    assert!(!container.contains("payload.verified"), "apart: {container}");
    assert!(content.contains("still hold") && content.contains("payload.verified"), "{content}");
    assert!(!html.contains("NOT verified"), "vouched as in verify: {html}");
    assert!(html.contains("Confirm with the sender"), "{html}");

    s.ok(&["report", "unzipped", "--out", "folder.html", "--lang", "en"]);
    let html = fs::read_to_string(s.path("folder.html")).unwrap();
    assert!(html.contains("Not applicable to a folder") && html.contains("archive.crc_mismatch"), "{html}");
    assert!(!html.contains("<h3>Content checks</h3>"), "{html}");
    // In Chinese, the note above the checks is in Chinese, the codes joined with 、.
    s.ok(&["report", "unzipped", "--out", "folder-zh.html", "--lang", "zh"]);
    let zh = fs::read_to_string(s.path("folder-zh.html")).unwrap();
    let note = zh.split("<p class=\"container\">").nth(1).and_then(|n| n.split("</p>").next()).expect("the note");
    assert!(note.starts_with("这是一个已解压的证据包（文件夹）") && note.contains("不适用于文件夹："), "{note}");
    assert!(note.contains("archive.not_zip、") && !note.contains("Not applicable"), "{note}");
}

/// Every command that reads or changes the sealed .zip file itself refuses an unzipped
/// bundle's folder (exit 2) with what to do instead, never with a bare operating-system error.
#[test]
fn commands_that_need_the_zip_file_refuse_a_folder_with_a_remedy() {
    let (s, _) = sealed_and_unzipped();
    s.keygen("bob", "Bob Berg");
    let commands: [&[&str]; 7] = [
        &["report", "--form", "cn-extraction-record", "unzipped", "--out", "form.html"],
        &["transfer", "--key", "alice.key", "--to", "bob.key.pub", "--purpose", "trial", "unzipped"],
        &["receive", "--key", "bob.key", "--accept-untrusted", "unzipped"],
        &["extract", "--out", "evidence", "unzipped"],
        &["timestamp", "--tsa", "http://127.0.0.1:9/tsa", "unzipped"],
        &["encrypt", "--to", "bob.key.pub", "unzipped"],
        &["recover", "unzipped"],
    ];
    for args in commands {
        let err = s.refused(args, "needs the sealed .zip file, not an unzipped folder");
        assert!(err.contains("custody verify 'unzipped'") && !err.contains("os error"), "{args:?}: {err}");
    }
}

/// Two refused entries in one folder: the first reported is the first by name, whatever
/// order the file system lists them in; the summary of a refused folder does not say that its
/// files were checked.
#[test]
fn a_refused_folder_names_its_first_problem_by_name_and_says_its_files_were_not_checked() {
    let (s, root) = sealed_and_unzipped();
    let data = s.path(&format!("unzipped/{root}/data"));
    for name in ["m-pipe", "a-pipe", "z-pipe", "k-pipe"] {
        tool(s.root(), "mkfifo", &[data.join(name).to_str().unwrap()]);
    }
    std::os::unix::fs::symlink("/etc/hostname", data.join("b-link")).unwrap();
    let r = s.json(1, SCHEMA, &["verify", "--json", "unzipped"]);
    let message = r["checks"][0]["message"].as_str().unwrap();
    assert!(message.contains("data/a-pipe"), "{message}");
    let summary = r["summary"].as_str().unwrap();
    assert!(summary.contains("refused before its files were checked"), "{summary}");
    assert!(!summary.contains("its files were checked, but"), "{summary}");
}

/// `inspect` of a folder carries the container note, and of a re-zipped bundle what its
/// content checks found; the batch table marks a folder's row and a re-zipped bundle's content.
#[test]
fn inspect_and_the_batch_table_say_what_was_read() {
    let (s, root) = sealed_and_unzipped();
    tool(&s.path("unzipped"), "zip", &["-q", "-r", "../rezipped.zip", &root]);
    let text = s.ok(&["inspect", "unzipped"]);
    assert!(text.contains("This is an unzipped bundle (a folder)"), "{text}");
    let text = s.status(1, &["inspect", "rezipped.zip"]);
    assert!(text.contains("Content checks (INTACT)"), "{text}");
    let table = s.status(1, &["verify", "case.zip", "rezipped.zip", "unzipped"]);
    let line = |name: &str| table.lines().find(|l| l.starts_with(name)).unwrap_or_default().to_owned();
    assert!(line("case.zip").contains("INTACT ") && !line("case.zip").contains("(folder)"), "{table}");
    assert!(line("rezipped.zip").contains("INVALID (content holds)"), "{table}");
    assert!(line("unzipped").contains("INTACT (folder)"), "{table}");
}
