//! Shell completions and manual pages, generated from the same clap definitions that parse
//! the command line, so they can never list an option the command does not take.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;

pub const COMPLETIONS_HELP: &str =
    "Prints the script on standard output; install it where your shell looks for completions.

Examples:
  custody completions bash > ~/.local/share/bash-completion/completions/custody
  custody completions zsh > ~/.zfunc/_custody        (with fpath+=~/.zfunc in ~/.zshrc)
  custody completions fish > ~/.config/fish/completions/custody.fish
  custody completions powershell >> $PROFILE";

pub const MAN_HELP: &str = "Writes custody.1 and one page per command (custody-seal.1, custody-verify.1, ...) into DIR,
which is created if missing; existing pages of the same names are replaced.

Examples:
  custody man --out ~/.local/share/man/man1 && man custody-verify
  custody man --out /tmp/custody-man && man -l /tmp/custody-man/custody.1";

#[derive(Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Args)]
pub struct ManArgs {
    /// The directory to write the pages into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Writes the completion script for `shell` to `out`.
pub fn completions(mut command: clap::Command, shell: clap_complete::Shell, out: &mut dyn std::io::Write) {
    let name = command.get_name().to_owned();
    clap_complete::generate(shell, &mut command, name, out);
}

/// Writes one manual page per command and subcommand into `dir`; returns the pages
/// written, in the order written. Each page appears atomically.
pub fn man_pages(command: clap::Command, dir: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut command = command;
    command.build();
    let mut written = Vec::new();
    write_pages(&command, command.get_name(), dir, &mut written)?;
    Ok(written)
}

fn write_pages(command: &clap::Command, name: &str, dir: &Path, written: &mut Vec<PathBuf>) -> Result<()> {
    // The page's title is the full command ("custody-trust-add"), as git and cargo name theirs;
    // its synopsis says how to type it ("custody trust add"): `build` set that name.
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone())
        .title(name.to_uppercase())
        .source(format!("custody {}", env!("CARGO_PKG_VERSION")))
        .manual("custody manual")
        .render(&mut page)
        .with_context(|| format!("cannot write the manual page of {name}"))?;
    let path = dir.join(format!("{name}.1"));
    custody_core::files::write_atomic(&path, &page, true)?;
    written.push(path);
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
        write_pages(sub, &format!("{name}-{}", sub.get_name()), dir, written)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// Every argument of every command explains itself in `--help` and the manual pages
    /// (issue #19.4), and every command has an about line.
    #[test]
    fn every_argument_has_help() {
        fn walk(c: &clap::Command, path: &str, missing: &mut Vec<String>) {
            if c.get_about().is_none() {
                missing.push(format!("{path}: the command has no about line"));
            }
            for a in c.get_arguments() {
                let id = a.get_id().as_str();
                if id != "help" && id != "version" && a.get_help().is_none() && a.get_long_help().is_none() {
                    missing.push(format!("{path} {id}"));
                }
            }
            for s in c.get_subcommands().filter(|s| s.get_name() != "help") {
                walk(s, &format!("{path} {}", s.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        let mut cli = crate::Cli::command();
        cli.build();
        walk(&cli, "custody", &mut missing);
        assert!(missing.is_empty(), "arguments without help: {missing:#?}");
    }
}
