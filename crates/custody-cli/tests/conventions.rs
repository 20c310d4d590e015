//! The conventions of a command-line tool (issue #19.4): shell completions and manual pages
//! generated from the argument definitions, `-q`/`-v`, `--color` with NO_COLOR, CLICOLOR and
//! TERM=dumb, and JSON from the commands that had none.

use std::fs;
use std::process::Command as Process;

use crate::common::{Scratch, validate};

/// A bundle with a warning that repeats: the seal and a transfer, both without trusted time
/// (`timestamp.missing` twice).
fn sealed() -> Scratch {
    let s = Scratch::new();
    s.keygen("alice", "Alice Martin");
    s.keygen("bob", "Bob Lee");
    s.write("page.html", "<p>x</p>\n");
    s.ok(&["seal", "--key", "alice.key", "--case-ref", "C-1", "--out", "case.zip", "page.html"]);
    s.ok(&["transfer", "case.zip", "--key", "alice.key", "--to", "bob.key.pub", "--purpose", "review"]);
    s
}

#[test]
fn bash_completion_completes_commands_and_options() {
    let s = Scratch::new();
    let script = s.ok(&["completions", "bash"]);
    let path = s.write("custody.bash", &script);
    // Ask the completion function itself, as bash does on TAB.
    let ask = |words: &str, cword: usize| {
        let program = format!(
            "source {}; COMP_WORDS=({words}); COMP_CWORD={cword}; COMP_LINE=\"{words}\"; COMP_POINT=${{#COMP_LINE}}; \
             _custody custody; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            path.display()
        );
        let o = Process::new("bash").args(["--norc", "-c", &program]).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let commands = ask("custody ver", 1);
    assert!(commands.lines().any(|l| l == "verify"), "{commands}");
    let options = ask("custody verify --tr", 2);
    assert!(options.lines().any(|l| l == "--trust"), "{options}");
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let script = s.ok(&["completions", shell]);
        assert!(script.contains("verify") && script.contains("--trust"), "{shell}: {script}");
    }
    let refused = s.run(&["completions", "tcsh"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("bash"), "the error lists the shells");
}

#[test]
fn man_pages_cover_every_command_with_its_examples() {
    let s = Scratch::new();
    let doc = s.json(0, "man.schema.json", &["man", "--out", "man1", "--json"]);
    let pages: Vec<&str> = doc["pages"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    let names: Vec<String> =
        pages.iter().map(|p| std::path::Path::new(p).file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names[0], "custody.1");
    for cmd in ["seal", "verify", "transfer", "receive", "report", "trust-add", "case-init", "completions", "man"] {
        assert!(names.contains(&format!("custody-{cmd}.1")), "no page for {cmd}: {names:?}");
    }
    assert!(!names.iter().any(|n| n.contains("help")), "{names:?}");
    let verify = fs::read_to_string(s.path("man1/custody-verify.1")).unwrap();
    assert!(verify.contains(".TH CUSTODY-VERIFY 1"), "{verify}");
    assert!(verify.contains("Examples") && verify.contains("\\-\\-trust"), "options and examples: {verify}");
    // Run again: the pages are replaced, not refused.
    s.ok(&["man", "--out", "man1"]);
    // `man` renders it, where man is installed (it is not needed to write the pages).
    if Process::new("man").arg("--version").output().is_ok_and(|o| o.status.success()) {
        let o = Process::new("man").args(["-l", "-P", "cat"]).arg(s.path("man1/custody-seal.1")).output().unwrap();
        let text = String::from_utf8_lossy(&o.stdout);
        assert!(o.status.success() && text.contains("custody seal"), "{text}");
    }
}

#[test]
fn color_follows_the_flag_and_the_environment() {
    let s = sealed();
    let has_colour = |o: &std::process::Output| o.stdout.contains(&0x1b);
    // Not a terminal: no colour by default.
    assert!(!has_colour(&s.run(&["verify", "case.zip"])));
    assert!(has_colour(&s.run(&["verify", "case.zip", "--color", "always"])));
    assert!(has_colour(&s.command(&["--color=always", "verify", "case.zip"]).env("NO_COLOR", "1").output().unwrap()));
    assert!(has_colour(&s.command(&["verify", "case.zip"]).env("CLICOLOR_FORCE", "1").output().unwrap()));
    let forced_but_no = s.command(&["verify", "case.zip"]).env("CLICOLOR_FORCE", "1").env("NO_COLOR", "1").output();
    assert!(!has_colour(&forced_but_no.unwrap()));
    assert!(!has_colour(&s.run(&["verify", "case.zip", "--color", "never"])));
    let bad = s.run(&["verify", "case.zip", "--color", "sometimes"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn quiet_says_nothing_but_keeps_the_exit_status_and_json() {
    let s = sealed();
    let intact = s.run(&["-q", "verify", "case.zip"]);
    assert_eq!(intact.status.code(), Some(0));
    assert!(intact.stdout.is_empty() && intact.stderr.is_empty(), "{intact:?}");
    // A signer not in the trust list: exit 1, still silent on stdout.
    s.write("trusted.txt", "");
    let untrusted = s.run(&["verify", "--quiet", "--trust", "trusted.txt", "case.zip"]);
    assert_eq!(untrusted.status.code(), Some(1));
    assert!(untrusted.stdout.is_empty());
    // JSON asked for is still printed.
    let doc: serde_json::Value = serde_json::from_str(&s.ok(&["-q", "verify", "--json", "case.zip"])).unwrap();
    assert_eq!(doc["state"], "intact");
    // Errors still reach stderr.
    let missing = s.run(&["-q", "verify", "nothing.zip"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nothing.zip"));
    // Quiet and verbose contradict each other.
    assert_eq!(s.run(&["-q", "-v", "verify", "case.zip"]).status.code(), Some(2));
}

#[test]
fn verbose_lists_each_repeated_warning() {
    let s = sealed();
    let grouped = s.ok(&["verify", "case.zip"]);
    let line = grouped.lines().find(|l| l.contains("timestamp.missing")).unwrap_or_else(|| panic!("{grouped}"));
    assert!(line.contains("timestamp.missing x2"), "{line}");
    let every = s.ok(&["verify", "-v", "case.zip"]);
    let lines: Vec<&str> = every.lines().filter(|l| l.contains("timestamp.missing")).collect();
    assert_eq!(lines.len(), 2, "{every}");
    assert!(!every.contains(" x2"), "{every}");
}

#[test]
fn case_init_and_trust_add_answer_in_json() {
    let s = Scratch::new();
    s.keygen("bob", "Bob Lee");
    let doc = s.json(0, "case-init.schema.json", &["case", "init", "--out", "case.toml", "--json"]);
    assert_eq!(doc["case_file"], "case.toml");
    assert!(s.path("case.toml").exists());
    let template = s.json(0, "case-init.schema.json", &["case", "init", "--json"]);
    assert_eq!(template["template"].as_str().unwrap(), fs::read_to_string(s.path("case.toml")).unwrap());

    let added = s.json(0, "trust-add.schema.json", &["trust", "add", "bob.key.pub", "--file", "t.txt", "--json"]);
    assert_eq!(added["change"], "added");
    assert_eq!(added["identity"]["name"], "Bob Lee");
    let again = s.json(0, "trust-add.schema.json", &["trust", "add", "bob.key.pub", "--file", "t.txt", "--json"]);
    assert_eq!(again["change"], "already_listed");
    assert_eq!(again["fingerprint"], added["fingerprint"]);
    // A failure is the one error document.
    let o = s.run(&["trust", "add", "nobody.pub", "--file", "t.txt", "--json"]);
    assert_eq!(o.status.code(), Some(2));
    let err: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    validate("error.schema.json", &err);
}
