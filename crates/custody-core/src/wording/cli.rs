//! The command line's own sentences: what `custody` says about its options and conventions
//! (not about evidence), in English as every command's messages.

/// `--format json` given to a command that writes no JSON document.
pub fn no_json_output(command: &str) -> String {
    match command {
        "completions" => "custody completions writes a shell script, not JSON: leave out --format json".into(),
        "log" => "custody log serve writes no document (it serves until stopped, and says what it does on stderr): \
                  leave out --format json"
            .into(),
        other => format!("custody {other} has no JSON output: leave out --format json"),
    }
}

/// The line after the first items a command lists (seal's "which input became which item").
pub fn more_items(n: usize) -> String {
    format!("(and {n} more items)")
}

/// What `verify -q` says on stderr of a bundle that is not intact: the state and the codes of
/// the failed checks (the exit status tells the rest).
pub fn quiet_verdict(bundle: impl std::fmt::Display, state: &str, failed: &[&str]) -> String {
    let mut codes: Vec<&str> = Vec::new();
    for c in failed {
        if !codes.contains(c) {
            codes.push(c);
        }
    }
    if codes.is_empty() { format!("{bundle}: {state}") } else { format!("{bundle}: {state} ({})", codes.join(", ")) }
}
