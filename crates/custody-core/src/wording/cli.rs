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

/// `-q`'s one line on stderr for a check against a parent that did not match (spec §9.7).
pub fn quiet_parent_verdict(verdict: &str, summary: &str) -> String {
    format!("parent: {verdict}: {summary}")
}

/// `verify --parent` refused: more than one bundle given (spec §9.7 checks one copy).
pub const PARENT_ONE_BUNDLE: &str = "--parent checks one derived bundle against its original: give one bundle";

/// What to do with a statement package written because its author could not add it to the
/// bundle: the author is not the custodian (`yours` false: give it to the custodian), or is
/// the custodian while a transfer awaits its receipt (`yours` true: nothing may be added
/// before the receipt, after which whoever then holds custody adds it).
pub fn package_to_add(custodian: impl std::fmt::Display, fingerprint: impl std::fmt::Display, yours: bool) -> String {
    if yours {
        "A transfer of this bundle awaits its receipt, so nothing can be added to it now and it was not changed. Once \
         the recipient has settled it, whoever then holds custody (the recipient if they received it, you if they \
         rejected it) adds this file with:"
            .into()
    } else {
        format!(
            "You do not hold custody of this bundle, so it was not changed. Give this file to the custodian, \
             {custodian} ({fingerprint}), who adds it with:"
        )
    }
}

/// The command that adds a statement package to a bundle (after [`package_to_add`]).
pub fn add_package_command(bundle: impl std::fmt::Display, package: impl std::fmt::Display, yours: bool) -> String {
    let key = if yours { "CUSTODIAN.key" } else { "THEIR.key" };
    format!("custody add {bundle} --key {key} {package}")
}
