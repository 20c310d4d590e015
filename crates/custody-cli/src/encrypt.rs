//! `custody encrypt` and `custody decrypt`: a bundle encrypted for transport in the age
//! format (issue #18.2), and the recipient's and identity's files as the other commands
//! (`transfer --encrypt`, `verify`, `extract`, `receive --identity`) read them. The work is
//! `custody_core::envelope` and `custody_core::handover::{encrypt_file, decrypt_file}`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use custody_core::envelope::{Identities, Recipients};
use custody_core::handover;

use super::output::{DecryptOutput, EncryptOutput, RecipientFrom};
use super::{option_file, print_json, report};

pub(crate) const ENCRYPT_HELP: &str =
    "Encrypts a bundle for transport in the age format (age-encryption.org/v1): only the
recipients can open it, and anyone can still check it arrived whole. The bundle itself is
not changed; send FILE.age instead of the bundle.

A recipient (--to, repeat for several) is one of:
  age1...              an age X25519 recipient, as `age-keygen` or `custody keygen --age` print it;
  FILE                 an age recipients file (one age1... a line, # comments), such as the
                       NAME.age-recipient that `custody keygen --age` writes (recommended: a
                       separate encryption key; its holder decrypts with NAME.age, with custody
                       or stock age);
  NAME.pub             a custody public key file, converted to X25519: its holder decrypts with
                       their custody private key (custody only), which then both signs and
                       decrypts. A key on a token or in an agent cannot decrypt.

The recipient decrypts with custody (`custody decrypt`, or verify/extract/receive
--identity, which read it decrypted as they go) or with stock age:
  age -d -i bob.key.age -o case.zip case.zip.age

Examples:
  custody encrypt case.zip --to bob.key.age-recipient --out case.zip.age
  custody encrypt case.zip --to bob.key.pub --out case.zip.age
  custody encrypt case.zip --to age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p --out case.zip.age

Exit codes: 0 done; 2 error (a recipient refused, FILE.age exists, the input is already encrypted).";

pub(crate) const DECRYPT_HELP: &str =
    "Writes the plain bundle from an encrypted one (an age file) with your identity: your
custody private key, or an age identity file (AGE-SECRET-KEY-1..., from `custody keygen --age`
or `age-keygen`). The output appears only if every part of the file authenticated: a wrong
identity, a truncated or tampered file, or a file that is not encrypted leaves nothing. The
bundle written is readable by you only.

You need not decrypt to check or use a bundle: verify, extract and receive read it directly
with --identity, with no plaintext copy on disk (receive writes its --out, as always).

Example:
  custody decrypt case.zip.age --identity bob.key --out case.zip
  custody verify case.zip.age --identity bob.key

Exit codes: 0 done; 2 error (wrong identity, damaged file, not encrypted, --out exists).";

#[derive(Args)]
pub(crate) struct EncryptArgs {
    /// The bundle to encrypt (not changed).
    #[arg(value_parser = crate::bundle_file())]
    bundle: PathBuf,
    /// A recipient: age1..., a custody public key file (.pub), or an age recipients file; repeat for several.
    #[arg(long, value_name = "RECIPIENT", required = true)]
    to: Vec<String>,
    /// Where to write the encrypted file (FILE.age; never replaced).
    #[arg(long, value_name = "FILE.age")]
    out: PathBuf,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub(crate) struct DecryptArgs {
    /// The encrypted bundle (an age file).
    encrypted: PathBuf,
    /// Your identity: your custody private key, or an age identity file (AGE-SECRET-KEY-1...).
    #[arg(long, value_name = "KEY")]
    identity: PathBuf,
    /// Where to write the plain bundle (never replaced).
    #[arg(long, value_name = "BUNDLE.zip")]
    out: PathBuf,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
}

impl EncryptArgs {
    /// The `--json` flag (`--format json` sets it too).
    pub(crate) fn json_flag(&mut self) -> &mut bool {
        &mut self.json
    }
}

impl DecryptArgs {
    /// The `--json` flag (`--format json` sets it too).
    pub(crate) fn json_flag(&mut self) -> &mut bool {
        &mut self.json
    }
}

/// The largest recipients or identity file read.
const KEY_FILE_LIMIT: u64 = 1 << 20;

fn envelope(path: &Path) -> impl Fn(custody_core::envelope::EnvelopeError) -> custody_core::Error + '_ {
    move |source| custody_core::Error::Envelope { path: path.into(), source }
}

/// Adds the recipient `given` (age1..., or a file) to `to`, named by `option`; notes in
/// `from` where each recipient added came from.
pub(crate) fn add_recipient(
    to: &mut Recipients,
    from: &mut Vec<RecipientFrom>,
    option: &str,
    given: &str,
) -> Result<()> {
    let before = to.to_strings().len();
    let mut converted = false;
    if given.starts_with("age1") {
        to.add_text(given).map_err(envelope(Path::new(given)))?;
    } else {
        let path = Path::new(given);
        let bytes =
            option_file(option, path, |p| custody_core::files::read_limited_as(p, KEY_FILE_LIMIT, "recipient"))?;
        let text = String::from_utf8_lossy(&bytes);
        converted = text.contains("-----BEGIN");
        to.add_file_text(&path.display().to_string(), &text).map_err(envelope(path))?;
    }
    note_from(to, from, before, option, given, converted);
    Ok(())
}

/// Notes in `from` the recipients of `to` from index `before` on as given by `option`.
pub(crate) fn note_from(
    to: &Recipients,
    from: &mut Vec<RecipientFrom>,
    before: usize,
    option: &str,
    given: &str,
    converted: bool,
) {
    for recipient in to.to_strings().into_iter().skip(before) {
        from.push(RecipientFrom { recipient, option: option.into(), given: given.into(), converted });
    }
}

/// Prints where each recipient came from, a line each.
pub(crate) fn say_recipients(from: &[RecipientFrom]) {
    for r in from {
        let how = if r.converted { ", a custody public key converted to X25519" } else { "" };
        outln!("  for: {} (from {} {}{how})", r.recipient, r.option, r.given);
    }
}

/// The identities in the file at `path`: an age identity file, or a custody private key
/// (asked for its passphrase if it has one).
pub(crate) fn load_identities(path: &Path) -> Result<Identities> {
    let bytes =
        option_file("--identity", path, |p| custody_core::files::read_limited_as(p, KEY_FILE_LIMIT, "identity"))?;
    let text = String::from_utf8_lossy(&bytes);
    let mut ids = Identities::new();
    if Identities::is_age_identity_text(&text) {
        ids.add_file_text(&text).map_err(envelope(path))?;
    } else {
        let key = crate::load_key_as("--identity", Some(path))?;
        ids.add_key(&key).map_err(envelope(path))?;
    }
    Ok(ids)
}

pub(crate) fn encrypt(a: EncryptArgs) -> Result<ExitCode> {
    let mut to = Recipients::new();
    let mut from = Vec::new();
    for r in &a.to {
        add_recipient(&mut to, &mut from, "--to", r)?;
    }
    let bytes = handover::encrypt_file(&a.bundle, &to, &a.out)?;
    if a.json {
        print_json(&EncryptOutput {
            bundle: a.bundle.to_string_lossy().into_owned(),
            encrypted: a.out.to_string_lossy().into_owned(),
            bytes,
            recipients: to.to_strings(),
            recipients_from: from,
        });
    } else {
        outln!("Encrypted {} ({}) into {}", a.bundle.display(), report::human_bytes(bytes), a.out.display());
        say_recipients(&from);
        outln!("  only these recipients can open it; send {} instead of the bundle", a.out.display());
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn decrypt(a: DecryptArgs) -> Result<ExitCode> {
    let ids = load_identities(&a.identity)?;
    let bytes = handover::decrypt_file(&a.encrypted, &ids, &a.out)?;
    if a.json {
        print_json(&DecryptOutput {
            encrypted: a.encrypted.to_string_lossy().into_owned(),
            bundle: a.out.to_string_lossy().into_owned(),
            bytes,
        });
    } else {
        outln!("Decrypted {} into {} ({})", a.encrypted.display(), a.out.display(), report::human_bytes(bytes));
        outln!("  every part authenticated; verify it before relying on it: custody verify {}", a.out.display());
    }
    Ok(ExitCode::SUCCESS)
}
