//! custody-core speaks of the library, not of custody's command line: no text in its code
//! names a command-line option (`--` followed by a letter, as in `--trust`). A remedy that
//! must name one for the CLI's users is worded in the catalogue (`wording/`), which
//! offers the CLI-facing variant explicitly ([`custody_core::verify::Front::Cli`]).
//! Comments (doc comments that document how options map to the library included), test
//! modules and test files are not searched.

use crate::source::{rust_files, src};

/// Files that still name a CLI option, each with its reason. Empty it as they are reworded.
const KNOWN: [(&str, &str); 1] = [(
    "extract/mod.rs",
    "the warning file extract writes beside evidence from an invalid bundle says `--force`; extract/ \
     is another engineer's, and its wording moves to the catalogue with it",
)];

/// Whether `line` holds `--` followed by a letter, the two dashes not part of a longer run
/// (a PEM line's `-----BEGIN` is not an option).
fn names_option(line: &str) -> bool {
    let b = line.as_bytes();
    (0..b.len().saturating_sub(2))
        .any(|i| b[i] == b'-' && b[i + 1] == b'-' && b[i + 2].is_ascii_alphabetic() && (i == 0 || b[i - 1] != b'-'))
}

/// The lines of `text` that name an option, outside comments and an inline test module.
fn offending_lines(text: &str) -> Vec<(usize, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]") {
            let next = lines[n + 1..].iter().map(|l| l.trim()).find(|l| !l.is_empty()).unwrap_or("");
            if next.starts_with("mod ") && next.ends_with('{') {
                break;
            }
        }
        if trimmed.starts_with("//") {
            continue;
        }
        if names_option(line) {
            out.push((n + 1, line.trim().to_string()));
        }
    }
    out
}

#[test]
fn the_library_names_no_command_line_option() {
    let root = src();
    let files = rust_files();
    let mut found = Vec::new();
    for path in &files {
        let rel = path.strip_prefix(&root).unwrap();
        let rel_text = rel.to_string_lossy().replace('\\', "/");
        if rel_text.starts_with("wording/")
            || rel.file_name().is_some_and(|f| f == "tests.rs")
            || KNOWN.iter().any(|(k, _)| *k == rel_text)
        {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        for (n, line) in offending_lines(&text) {
            found.push(format!("{rel_text}:{n}: {line}"));
        }
    }
    assert!(
        found.is_empty(),
        "custody-core names custody's command-line options outside the catalogue (word the remedy \
         for the library, and give the CLI's variant in the catalogue under Front::Cli):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_search_sees_options_and_only_options() {
    assert!(names_option(r#"        "use --trust FILE""#));
    assert!(names_option("--tsa-roots"));
    assert!(!names_option("-----BEGIN CERTIFICATE-----"));
    assert!(!names_option("a - -b, x--, --, 1--2"));
    let text = "fn f() {}\n/// use --trust\nconst A: &str = \"--force\";\n#[cfg(test)]\nmod tests {\n    \"--x\"\n}\n";
    assert_eq!(offending_lines(text), vec![(3, "const A: &str = \"--force\";".to_string())]);
}

#[test]
fn every_known_exception_still_needs_its_place() {
    for (file, why) in KNOWN {
        let text = std::fs::read_to_string(src().join(file)).unwrap();
        assert!(!offending_lines(&text).is_empty(), "{file} no longer names an option: remove it from KNOWN ({why})");
    }
}
