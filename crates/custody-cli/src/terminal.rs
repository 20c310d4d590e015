//! How output meets the user's terminal: whether to colour (`--color`, `NO_COLOR`,
//! `CLICOLOR`, `CLICOLOR_FORCE`, `TERM=dumb`) and how much to say (`-q`, `-v`). `main` sets
//! the choice once from the global options; every printer reads it here, so the rule for
//! colour and quiet has one home.
//!
//! Quiet silences what the command says about its work (the text report, progress, "created
//! ..." lines) and keeps what the user asked for as data (JSON, a template written to
//! standard output) and everything on stderr that is an error or a warning: the exit status
//! then tells the outcome, as with `grep -q`.

use std::ffi::OsString;
use std::io::IsTerminal;
use std::sync::OnceLock;

/// When to colour the text report.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, clap::ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless NO_COLOR is set, CLICOLOR=0 or TERM=dumb (CLICOLOR_FORCE=1
    /// colours even when not a terminal).
    #[default]
    Auto,
    /// Always, even into a file or a pipe.
    Always,
    /// Never.
    Never,
}

/// The user's choice for this run.
#[derive(Clone, Copy, Debug, Default)]
pub struct Terminal {
    pub color: ColorWhen,
    pub quiet: bool,
    pub verbose: u8,
}

static CHOSEN: OnceLock<Terminal> = OnceLock::new();

/// Records the user's choice; the first call wins (`main` makes it once).
pub fn choose(t: Terminal) {
    let _ = CHOSEN.set(t);
}

fn chosen() -> Terminal {
    CHOSEN.get().copied().unwrap_or_default()
}

/// Whether the command's own words (reports, confirmations, progress) are silenced.
pub fn quiet() -> bool {
    chosen().quiet
}

/// Whether the text report shows every line it would otherwise group (`-v`).
pub fn verbose() -> bool {
    chosen().verbose > 0
}

/// Whether to colour what goes to `stream`.
pub fn color_for(stream: &impl IsTerminal) -> bool {
    color_decision(chosen().color, stream.is_terminal(), |k| std::env::var_os(k))
}

/// Whether a progress line may be drawn on stderr: only on a terminal, never when quiet.
pub fn progress_on_stderr() -> bool {
    !quiet() && std::io::stderr().is_terminal()
}

/// The colour rule. An explicit `--color always|never` wins over the environment (the
/// environment states defaults, the flag this run's wish); under `auto`: NO_COLOR
/// (no-color.org) switches colour off, CLICOLOR_FORCE (not 0) on, CLICOLOR=0 and TERM=dumb
/// off, and otherwise only a terminal gets colour.
fn color_decision(when: ColorWhen, is_terminal: bool, env: impl Fn(&str) -> Option<OsString>) -> bool {
    let set = |k: &str| env(k).is_some_and(|v| !v.is_empty());
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto if set("NO_COLOR") => false,
        ColorWhen::Auto if set("CLICOLOR_FORCE") && env("CLICOLOR_FORCE").is_some_and(|v| v != "0") => true,
        ColorWhen::Auto if env("CLICOLOR").is_some_and(|v| v == "0") => false,
        ColorWhen::Auto if env("TERM").is_some_and(|v| v == "dumb") => false,
        ColorWhen::Auto => is_terminal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> + use<> {
        let vars: Vec<(String, String)> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |k| vars.iter().find(|(n, _)| n == k).map(|(_, v)| OsString::from(v))
    }

    #[test]
    fn auto_colours_only_a_terminal() {
        assert!(color_decision(ColorWhen::Auto, true, with(&[])));
        assert!(!color_decision(ColorWhen::Auto, false, with(&[])));
    }

    #[test]
    fn the_environment_rules_auto() {
        assert!(!color_decision(ColorWhen::Auto, true, with(&[("NO_COLOR", "1")])));
        // An empty NO_COLOR does not count (no-color.org).
        assert!(color_decision(ColorWhen::Auto, true, with(&[("NO_COLOR", "")])));
        assert!(!color_decision(ColorWhen::Auto, true, with(&[("CLICOLOR", "0")])));
        assert!(!color_decision(ColorWhen::Auto, true, with(&[("TERM", "dumb")])));
        assert!(color_decision(ColorWhen::Auto, false, with(&[("CLICOLOR_FORCE", "1")])));
        assert!(!color_decision(ColorWhen::Auto, false, with(&[("CLICOLOR_FORCE", "0")])));
        // NO_COLOR beats CLICOLOR_FORCE.
        assert!(!color_decision(ColorWhen::Auto, true, with(&[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")])));
    }

    #[test]
    fn an_explicit_choice_beats_the_environment() {
        assert!(color_decision(ColorWhen::Always, false, with(&[("NO_COLOR", "1"), ("TERM", "dumb")])));
        assert!(!color_decision(ColorWhen::Never, true, with(&[("CLICOLOR_FORCE", "1")])));
    }
}
