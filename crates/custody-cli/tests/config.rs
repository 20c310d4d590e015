//! The configuration file (issue #19.3): defaults for --key, --trust, --tsa-roots, --tsa and
//! the report language, found through CUSTODY_CONFIG or XDG; flags win over the environment,
//! which wins over the file; a broken file is refused with its name and the settings there are.

use std::fs;

use crate::common::Scratch;

/// A scratch folder whose XDG configuration file holds `text`, with alice's key and a
/// trust list naming her.
fn configured(text: &str) -> Scratch {
    let s = Scratch::new();
    s.keygen("alice", "Alice Martin");
    s.write("page.html", "<p>x</p>\n");
    s.ok(&["trust", "add", "alice.key.pub", "--file", "trusted.txt"]);
    fs::create_dir_all(s.path("config-home/custody")).unwrap();
    s.write("config-home/custody/config.toml", text);
    s
}

#[test]
fn the_file_supplies_key_and_trust_and_flags_override_it() {
    // Relative paths are relative to the file's folder; ~/ is HOME.
    let s = configured("key = \"../../alice.key\"\ntrust = \"~/trusted.txt\"\n");
    let home = s.path("");
    let run = |args: &[&str]| s.command(args).env("HOME", &home).output().unwrap();
    let sealed = run(&["seal", "--case-ref", "C-1", "--out", "case.zip", "page.html"]);
    assert_eq!(sealed.status.code(), Some(0), "{}", String::from_utf8_lossy(&sealed.stderr));
    let verified = run(&["verify", "case.zip"]);
    assert_eq!(verified.status.code(), Some(0));
    let text = String::from_utf8_lossy(&verified.stdout);
    assert!(text.contains("TRUSTED"), "the configured trust list was used: {text}");
    // A flag wins over the file: an empty trust list vouches for no one.
    s.write("empty.txt", "");
    let flagged = run(&["verify", "--trust", "empty.txt", "case.zip"]);
    assert_eq!(flagged.status.code(), Some(1), "{}", String::from_utf8_lossy(&flagged.stdout));

    let shown: serde_json::Value =
        serde_json::from_slice(&run(&["config", "show", "--json"]).stdout).expect("config show --json");
    crate::common::validate("config-show.schema.json", &shown);
    assert_eq!(shown["file_exists"], true);
    assert_eq!(shown["key"]["source"], "config_file");
    assert!(shown["trust"]["value"].as_str().unwrap().ends_with("trusted.txt"), "{shown:#}");
    assert!(shown["tsa_url"].is_null());
}

#[test]
fn no_file_means_no_defaults_and_a_clear_request_for_a_key() {
    let s = Scratch::new();
    s.write("page.html", "<p>x</p>\n");
    let o = s.run(&["seal", "--case-ref", "C-1", "--out", "case.zip", "page.html"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no signing key") && err.contains("--key") && err.contains("config.toml"), "{err}");
    let shown = s.ok(&["config", "show"]);
    assert!(shown.contains("none there") && shown.contains("key        -  (not set)"), "{shown}");
}

#[test]
fn the_timestamp_authority_comes_from_flag_then_environment_then_file() {
    let s = configured("key = \"../../alice.key\"\ntsa_url = \"http://127.0.0.1:9/from-file\"\n");
    // From the file: the (unreachable) TSA is asked, and its address is in the error.
    let o = s.run(&["seal", "--case-ref", "C-1", "--out", "a.zip", "page.html"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("from-file"), "{}", String::from_utf8_lossy(&o.stderr));
    // The environment wins over the file.
    let o = s
        .command(&["seal", "--case-ref", "C-1", "--out", "b.zip", "page.html"])
        .env("CUSTODY_TSA_URL", "http://127.0.0.1:9/from-env")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&o.stderr).contains("from-env"));
    // The flag wins over both.
    let o = s
        .command(&["seal", "--case-ref", "C-1", "--out", "c.zip", "page.html", "--tsa", "http://127.0.0.1:9/from-flag"])
        .env("CUSTODY_TSA_URL", "http://127.0.0.1:9/from-env")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&o.stderr).contains("from-flag"));
    let shown = s.command(&["config", "show"]).env("CUSTODY_TSA_URL", "http://127.0.0.1:9/from-env").output().unwrap();
    assert!(String::from_utf8_lossy(&shown.stdout).contains("from-env  (from the environment"));
}

#[test]
fn the_report_language_comes_from_the_file() {
    let s = configured("key = \"../../alice.key\"\nlang = \"fr\"\n");
    s.ok(&["seal", "--case-ref", "C-1", "--out", "case.zip", "page.html"]);
    s.ok(&["report", "case.zip", "--out", "r.html"]);
    let html = fs::read_to_string(s.path("r.html")).unwrap();
    assert!(html.contains("lang=\"fr\""), "{}", &html[..300.min(html.len())]);
    // --lang wins.
    s.ok(&["report", "case.zip", "--out", "r-en.html", "--lang", "en"]);
    assert!(fs::read_to_string(s.path("r-en.html")).unwrap().contains("lang=\"en\""));
    // A wrong language in the file is refused with where it is.
    s.write("config-home/custody/config.toml", "lang = \"klingon\"\n");
    let o = s.run(&["report", "case.zip", "--out", "r2.html"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("lang in the configuration file"));
}

#[test]
fn a_broken_or_missing_file_is_refused_by_name_but_help_still_works() {
    let s = configured("keyy = \"alice.key\"\n");
    let o = s.run(&["verify", "nothing.zip"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("config.toml") && err.contains("keyy") && err.contains("tsa_roots"), "{err}");
    assert_eq!(s.run(&["verify", "--help"]).status.code(), Some(0));
    // CUSTODY_CONFIG must name a file that exists.
    let o = s.command(&["config", "show"]).env("CUSTODY_CONFIG", s.path("missing.toml")).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("CUSTODY_CONFIG names") && err.contains("missing.toml"), "{err}");
    // It wins over XDG: this one is fine.
    s.write("good.toml", "trust = \"trusted.txt\"\n");
    let o = s.command(&["config", "show"]).env("CUSTODY_CONFIG", s.path("good.toml")).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
}
