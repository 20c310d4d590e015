//! A new user's first hour (issue #21): the case-file template cannot be sealed with its
//! example values, a mistyped condition kind is refused, and the HOW-TO-VERIFY.txt inside a
//! bundle names the sealer's key with commands that work when the bundle holds several keys.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use tempfile::TempDir;

struct Desk(TempDir);

impl Desk {
    fn new() -> Self {
        let d = Desk(TempDir::new().unwrap());
        for (who, name, org, role, jur) in [
            ("a", "Alice Martin", "Police judiciaire (fictional)", "investigator", "FR"),
            ("b", "Bruno Lefevre", "Parquet de Paris (fictional)", "prosecutor", "FR"),
            ("c", "Claire Dubois", "Ministere de la Justice (fictional)", "central_authority", "FR"),
        ] {
            d.cmd()
                .args(["keygen", "--out", &format!("{who}.key"), "--name", name, "--org", org])
                .args(["--role", role, "--jurisdiction", jur])
                .assert()
                .success();
        }
        fs::create_dir(d.path("capture")).unwrap();
        fs::write(d.path("capture/page.html"), "<p>post</p>\n").unwrap();
        d
    }
    fn path(&self, p: &str) -> PathBuf {
        self.0.path().join(p)
    }
    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("custody").unwrap();
        c.current_dir(self.0.path()).env("NO_COLOR", "1");
        c
    }
    fn ok(&self, args: &[&str]) -> String {
        String::from_utf8(self.cmd().args(args).assert().success().get_output().stdout.clone()).unwrap()
    }
    fn refused(&self, args: &[&str]) -> String {
        String::from_utf8(self.cmd().args(args).assert().code(2).get_output().stderr.clone()).unwrap()
    }
    fn seal(&self) {
        self.ok(&["seal", "--key", "a.key", "--case-ref", "2026-CT-0412", "--out", "case.zip", "capture"]);
    }
}

#[test]
fn a_case_file_from_case_init_with_only_the_item_path_changed_is_refused_naming_the_fields() {
    let d = Desk::new();
    d.ok(&["case", "init", "--out", "case.toml"]);
    let template = fs::read_to_string(d.path("case.toml")).unwrap();
    let line = template.lines().find(|l| l.starts_with("path = ")).unwrap();
    fs::write(d.path("case.toml"), template.replace(line, "path = \"capture\"")).unwrap();
    let err = d.refused(&["seal", "--key", "a.key", "--case-file", "case.toml", "--out", "b.zip"]);
    assert!(err.contains("still holds the template's placeholder"), "{err}");
    assert!(err.contains("case.reference: write your file number, e.g. 2026-CT-0412"), "{err}");
    assert!(!err.contains("items[0].path"), "the path was filled in: {err}");
    // The user's own file: each problem on a line of its own, not an escaped line break.
    assert!(!err.contains("\\u{a}") && err.lines().count() > 1, "{err}");
    assert!(!d.path("b.zip").exists(), "nothing is sealed");

    // An example value uncommented from the template is refused too, named by item id and place.
    let filled = fs::read_to_string(d.path("case.toml"))
        .unwrap()
        .replace("<<FILL IN: your file number, e.g. 2026-CT-0412>>", "2026-CT-0412")
        .replace("# source_url = ", "source_url = ");
    fs::write(d.path("case.toml"), &filled).unwrap();
    let err = d.refused(&["seal", "--key", "a.key", "--case-file", "case.toml", "--out", "b.zip"]);
    assert!(err.contains("item-1 (items[0].source_url): write the URL you captured"), "{err}");
    assert!(!d.path("b.zip").exists(), "nothing is sealed");

    fs::write(d.path("case.toml"), filled.replace("source_url = ", "# source_url = ")).unwrap();
    d.ok(&["seal", "--key", "a.key", "--case-file", "case.toml", "--out", "b.zip"]);
}

#[test]
fn a_mistyped_condition_kind_is_refused_with_the_valid_kinds() {
    let d = Desk::new();
    d.seal();
    let before = fs::read(d.path("case.zip")).unwrap();
    let transfer = |condition: &str| -> Vec<String> {
        ["transfer", "case.zip", "--key", "a.key", "--to", "b.key.pub", "--purpose", "review", "--condition", condition]
            .iter()
            .map(|s| s.to_string())
            .collect()
    };
    let args = transfer("use_limitaton: only for proceedings 2026-CT-0412");
    let err = d.refused(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(err.contains("'use_limitaton' is not a condition kind (did you mean use_limitation?)"), "{err}");
    assert!(err.contains("use_limitation, confidentiality, onward_transfer, retention, other"), "{err}");
    assert_eq!(fs::read(d.path("case.zip")).unwrap(), before, "the bundle is unchanged");

    // Free text is still a condition of kind other.
    let args = transfer("Note: ask the City Police before any publication");
    let out = d.ok(&[&args.iter().map(String::as_str).collect::<Vec<_>>()[..], &["--json"]].concat());
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["conditions"][0]["kind"], "other");
    assert_eq!(v["conditions"][0]["text"], "Note: ask the City Police before any publication");
}

/// Runs `script` with sh in `dir`; returns stdout, panicking with everything on failure.
fn sh(dir: &Path, script: &str, env: &[(&str, &str)]) -> String {
    let out = Process::new("sh").arg("-c").arg(script).current_dir(dir).envs(env.iter().copied()).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{script}\nstdout: {stdout}\nstderr: {}", String::from_utf8_lossy(&out.stderr));
    stdout
}

/// The command lines (indented by 7 spaces) of the guide's step `n`.
fn step_commands(guide: &str, n: u32) -> Vec<String> {
    let start = guide.find(&format!("\n{n}. ")).unwrap_or_else(|| panic!("no step {n}"));
    let end = guide[start..].find(&format!("\n{}. ", n + 1)).map_or(guide.len(), |e| start + e);
    guide[start..end]
        .lines()
        .filter(|l| l.starts_with("       openssl ") || l.starts_with("       fp="))
        .map(|l| l.trim().to_string())
        .collect()
}

#[test]
fn how_to_verify_names_the_sealers_key_and_its_commands_work_with_three_keys_in_the_bundle() {
    for tool in ["unzip", "openssl", "jq"] {
        assert!(
            Process::new("sh").arg("-c").arg(format!("command -v {tool}")).output().unwrap().status.success(),
            "this test runs the guide's commands: install {tool}"
        );
    }
    let d = Desk::new();
    d.seal();
    d.ok(&["transfer", "case.zip", "--key", "a.key", "--to", "b.key.pub", "--purpose", "review"]);
    d.ok(&["receive", "case.zip", "--key", "b.key", "--accept-untrusted"]);
    d.ok(&["transfer", "case.zip", "--key", "b.key", "--to", "c.key.pub", "--purpose", "MLA request"]);
    sh(d.0.path(), "mkdir bundle && unzip -q case.zip -d bundle", &[]);
    // Format 2: the ZIP unpacks to one folder, custody-<bundle id>/.
    let top: Vec<_> = fs::read_dir(d.path("bundle")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(top.len(), 1, "{top:?}");
    let root = top[0].to_string_lossy().into_owned();
    assert!(root.starts_with("custody-") && root.len() == 40, "{root}");
    let bundle = d.path("bundle").join(&root);
    let keys = fs::read_dir(bundle.join("custody/keys")).unwrap().count();
    assert_eq!(keys, 3, "the bundle holds the keys of the sealer and both recipients");

    let sealer = fs::read_to_string(d.path("a.key.pub")).unwrap();
    let fp = sealer.lines().find_map(|l| l.strip_prefix("Fingerprint: ")).unwrap().trim().to_string();
    let hex = fp.strip_prefix("sha256:").unwrap();
    let guide = fs::read_to_string(bundle.join("HOW-TO-VERIFY.txt")).unwrap();
    assert!(guide.contains("Alice Martin, Police judiciaire (fictional) (investigator, FR)"), "{guide}");
    assert!(guide.contains(&format!("       {fp}\n")), "the guide prints the sealer's fingerprint:\n{guide}");
    for placeholder in ["{FINGERPRINT}", "{KEY}", "{SEALER}"] {
        assert!(!guide.contains(placeholder), "every placeholder is filled in:\n{guide}");
    }

    let commands = step_commands(&guide, 3);
    // The sealer's key, then the manifest and the seal event, each with a ready command.
    let sealer_cmds: Vec<&String> =
        commands.iter().filter(|c| c.contains(&format!("custody/keys/{hex}.pem"))).collect();
    assert_eq!(sealer_cmds.len(), 2, "{commands:#?}");
    assert!(sh(&bundle, sealer_cmds[0], &[]).starts_with(hex), "the key file holds the sealer's key");
    let doc = "custody/events/000000-seal.json";
    assert!(sealer_cmds[1].contains(&format!("-in {doc} -sigfile {doc}.sig")), "{}", sealer_cmds[1]);
    assert!(sh(&bundle, sealer_cmds[1], &[]).contains("Signature Verified Successfully"), "{}", sealer_cmds[1]);
    // The manifest is bound by the seal event's digest, and its sealer is the seal's signer.
    let lines = |n: u32, start: &str| -> Vec<String> {
        let at = guide.find(&format!("\n{n}. ")).unwrap();
        let end = guide[at..].find(&format!("\n{}. ", n + 1)).map_or(guide.len(), |e| at + e);
        guide[at..end].lines().filter(|l| l.starts_with(start)).map(|l| l.trim().to_string()).collect()
    };
    let digest = lines(3, "       sha256sum custody/manifest.json");
    let bound = lines(3, "       jq -r '.files[]");
    assert_eq!((digest.len(), bound.len()), (1, 1), "{guide}");
    let (d1, d2) = (sh(&bundle, &digest[0], &[]), sh(&bundle, &bound[0], &[]));
    assert!(d1.len() == 65 && d1 == d2, "{d1} {d2}");
    let who = sh(&bundle, &lines(3, "       jq -r .sealer")[0], &[]);
    assert!(who.lines().count() == 2 && who.lines().all(|l| l == fp), "{who}");
    // The derived files: each diff prints nothing (bash: process substitution).
    let diffs = lines(2, "       diff ");
    assert_eq!(diffs.len(), 2, "{guide}");
    for cmd in diffs {
        let out = Process::new("bash").arg("-c").arg(&cmd).current_dir(&bundle).output().unwrap();
        assert!(out.status.success() && out.stdout.is_empty(), "{cmd}: {}", String::from_utf8_lossy(&out.stdout));
    }
    // Later events: the signer is read from each event; the recipe works for each.
    let later: Vec<&String> = commands.iter().filter(|c| c.contains("$E") || c.contains("$fp")).collect();
    assert_eq!(later.len(), 3, "{commands:#?}");
    let script = later.iter().map(|c| c.as_str()).collect::<Vec<_>>().join("\n");
    let signers = [("custody/events/000001-transfer.json", "a"), ("custody/events/000002-receipt.json", "b")];
    for (event, who) in signers.into_iter().chain([("custody/events/000003-transfer.json", "b")]) {
        let pubkey = fs::read_to_string(d.path(&format!("{who}.key.pub"))).unwrap();
        let signer = pubkey.lines().find_map(|l| l.strip_prefix("Fingerprint: ")).unwrap().trim().to_string();
        let out = sh(&bundle, &script, &[("E", event)]);
        assert!(out.contains(&format!("{event} is signed by {signer}")), "{out}");
        assert!(out.contains(&format!("{}  -", signer.strip_prefix("sha256:").unwrap())), "{out}");
        assert!(out.contains("Signature Verified Successfully"), "{out}");
    }
}

#[test]
fn hurried_users_mistakes_get_messages_that_name_the_mix_up() {
    let d = Desk::new();
    d.seal();
    // A configuration file with a typo: the TOML error's lines are shown as lines.
    let cfg = d.path("config.toml");
    fs::write(&cfg, "trsut = \"x\"\n").unwrap();
    let o = d.cmd().args(["verify", "case.zip"]).env("CUSTODY_CONFIG", &cfg).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("trsut") && !err.contains("\\u{a}") && err.lines().count() > 2, "{err}");
    // A public key given to --identity is named as --identity.
    d.ok(&["encrypt", "case.zip", "--to", "b.key.pub", "--out", "case.zip.age"]);
    let err = d.refused(&["decrypt", "case.zip.age", "--identity", "b.key.pub", "--out", "d.zip"]);
    assert!(err.contains("--identity b.key.pub: this is a public key"), "{err}");
    // The hand-over's hint for the recipient includes the trust list receive requires.
    let out =
        d.ok(&["transfer", "case.zip", "--key", "a.key", "--to", "b.key.pub", "--purpose", "review", "--out", "t.zip"]);
    assert!(out.contains("custody receive t.zip --key THEIR.key --trust "), "{out}");
    // An age recipient given where a key file is wanted says what it is.
    fs::write(d.path("b.age-recipient"), "age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq\n").unwrap();
    let err = d.refused(&[
        "transfer",
        "case.zip",
        "--key",
        "a.key",
        "--to",
        "b.age-recipient",
        "--purpose",
        "r",
        "--out",
        "u.zip",
    ]);
    assert!(err.contains("age encryption recipient") && err.contains("--encrypt-to"), "{err}");
    // -q: an invalid bundle is still said once, on stderr.
    let mut bytes = fs::read(d.path("case.zip")).unwrap();
    let at = bytes.windows(6).position(|w| w == b"<p>pos").unwrap();
    bytes[at] ^= 1;
    fs::write(d.path("bad.zip"), bytes).unwrap();
    let o = d.cmd().args(["-q", "verify", "bad.zip"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.zip: INVALID (") && err.lines().count() == 1, "{err}");
}
