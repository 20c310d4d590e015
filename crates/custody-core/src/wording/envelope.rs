//! Why an encrypted bundle (an age file, issue #18.2) could not be made or opened, and what to
//! do: the text of each `EnvelopeError`, worded for a [`Front`].

use std::fmt::Display;

use super::Front;

/// `EnvelopeError::NotEncrypted`: the file is not an age file (a plain bundle, for example).
pub fn not_encrypted(front: Front) -> String {
    let todo = match front {
        Front::Library => "if it is a plain bundle, read it as it is, without an identity",
        Front::Cli => "if it is a plain bundle (a ZIP), use it as it is: `custody verify BUNDLE.zip`",
    };
    format!("this file is not encrypted (it does not begin with an age header); {todo}")
}

/// `EnvelopeError::Armored`: an age file in ASCII armour.
pub const ARMORED: &str = "this age file is ASCII-armoured (-----BEGIN AGE ENCRYPTED FILE-----), which custody does \
     not read; remove the armour first (age -d decrypts it, or ask the sender for the binary file)";

/// `EnvelopeError::Passphrase`: an age file encrypted with a passphrase (`age -p`, an scrypt
/// stanza), which no identity opens.
pub const PASSPHRASE: &str = "this file was encrypted with a passphrase (age -p), not to a recipient's key, so no \
     identity opens it and custody does not decrypt it; nothing was decrypted. Decrypt it with stock age (age -d -o \
     bundle.zip FILE asks for the passphrase) and use the plain bundle; for the next hand-over, ask the sender to \
     encrypt to your recipient";

/// `EnvelopeError::BadHeader`: the age header cannot be read.
pub fn bad_header(why: impl Display) -> String {
    format!(
        "the encrypted file's header is damaged or not an age header ({why}); nothing was decrypted. Ask the \
         sender for a fresh copy"
    )
}

/// `EnvelopeError::NoMatchingIdentity`: none of the identities given opens the file.
pub fn no_matching_identity(front: Front) -> String {
    let todo = match front {
        Front::Library => "give the identity of the recipient it was encrypted to",
        Front::Cli => {
            "give the identity of the recipient it was encrypted to with --identity (your custody private key if \
             it was encrypted to your key, or your age identity file, AGE-SECRET-KEY-1...)"
        }
    };
    format!("this file was not encrypted to the identity given, so it cannot be opened; nothing was decrypted; {todo}")
}

/// `EnvelopeError::Damaged`: the ciphertext after the header fails authentication (truncated,
/// tampered with or damaged in transit).
pub fn damaged(why: impl Display) -> String {
    format!(
        "the encrypted file is damaged, truncated or was tampered with ({why}): its content fails authentication, \
         so nothing from it is used and no output was left. Ask the sender for a fresh copy"
    )
}

/// `EnvelopeError::BadRecipient`: a recipient cannot be encrypted to.
pub fn bad_recipient(recipient: impl Display, why: impl Display) -> String {
    format!(
        "'{recipient}' is not a recipient custody can encrypt to: {why}. Give an age X25519 recipient (age1...), a \
         file of them (one a line), or a custody public key file (.pub)"
    )
}

/// Why an `ssh-ed25519` line is refused as a recipient.
pub const SSH_RECIPIENT: &str =
    "SSH keys are not read as recipients; ask for the party's age recipient (age1...) or custody public key file";

/// Why a PEM private key is refused as a recipient.
pub const PRIVATE_AS_RECIPIENT: &str = "this is a private key; give the public key file (.pub) instead";

/// Why a line of a recipients file is refused.
pub fn bad_recipient_line(line: usize, why: impl Display) -> String {
    format!("line {line} is not an age X25519 recipient (age1...) custody can encrypt to ({why})")
}

/// Why a recipient is refused: its key is not 32 bytes.
pub const RECIPIENT_LENGTH: &str = "its key is not 32 bytes long";

/// Why a recipient is refused: its key is not a canonical X25519 u-coordinate.
pub const RECIPIENT_NOT_CANONICAL: &str =
    "its key is not a valid X25519 public key (a number at least 2^255 - 19, which no real key is)";

/// Why a recipient is refused: its key is a point of low order, so anything encrypted to it
/// would be readable by anyone.
pub const RECIPIENT_LOW_ORDER: &str = "its key is a point of low order, which no real key is and which would let      anyone read what is encrypted to it (a broken or hostile key; ask the party for their real recipient)";

/// Why a recipients file is refused: it names none.
pub const NO_RECIPIENT: &str = "it names no recipient";

/// `EnvelopeError::BadIdentity`: an identity file cannot be used.
pub fn bad_identity(why: impl Display) -> String {
    format!(
        "the identity cannot be used to decrypt: {why}. Give your custody private key file or an age identity file \
         (lines AGE-SECRET-KEY-1...)"
    )
}

/// Why a line of an age identity file is refused.
pub fn bad_identity_line(line: usize) -> String {
    format!("line {line} is not an age X25519 identity (AGE-SECRET-KEY-1...)")
}

/// `EnvelopeError::HeldElsewhere`: the key is on a token or in an agent.
pub fn held_elsewhere(front: Front) -> String {
    let todo = match front {
        Front::Library => {
            "publish an X25519 encryption recipient beside the signing key and decrypt with its identity file"
        }
        Front::Cli => {
            "make a separate encryption identity with `age-keygen -o NAME.age` (it prints the recipient, age1..., \
             to publish; `custody keygen --age` writes one too when you make a key), and decrypt with --identity \
             NAME.age"
        }
    };
    format!("this key is held by a token or an agent, which cannot decrypt age files; {todo}")
}

/// `EnvelopeError::NeedsIdentity`: an encrypted file was given without an identity.
pub fn needs_identity(front: Front) -> String {
    let todo = match front {
        Front::Library => "give the identity of its recipient",
        Front::Cli => {
            "give your identity with --identity KEY (your custody private key, or your age identity file); custody \
             reads it decrypted as it goes, with no plaintext copy on disk"
        }
    };
    format!("this file is an encrypted bundle (age); {todo}")
}

/// `EnvelopeError::Encrypt`: the encryption itself failed.
pub fn encrypt_failed(why: impl Display) -> String {
    format!("the bundle could not be encrypted: {why}")
}

/// `EnvelopeError::Io`: reading or writing failed.
pub fn io_failed(why: impl Display) -> String {
    format!("reading or writing the encrypted file failed: {why}")
}

/// Why a header is refused: no end within `max` bytes.
pub fn header_too_long(max: usize) -> String {
    format!("no end of the header within its first {max} bytes")
}

/// Why a header is refused: more recipient stanzas than `max`.
pub fn too_many_stanzas(max: usize) -> String {
    format!("the header names more than {max} recipients, more than any hand-over needs (a hostile file?)")
}

/// Why a header is refused: the file ends before the header's MAC line.
pub const HEADER_CUT_SHORT: &str = "the file ends before the header does (no MAC line, `--- `)";

/// Why a header is refused: an age version this reader does not know.
pub const UNKNOWN_VERSION: &str = "an age format version other than v1";

/// Why `encrypt_file` refuses its input: it is already an age file.
pub const ALREADY_ENCRYPTED: &str = "this file is already encrypted (an age file); encrypt the plain bundle instead";

/// A path or recipient as one word of a POSIX shell command: as it is if it holds only
/// characters no shell treats specially, else in single quotes.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '/' | ':' | '@' | '+' | ','));
    if plain { word.to_owned() } else { format!("'{}'", word.replace('\'', "'\\''")) }
}

/// The transfer was signed and recorded in `bundle`, but encrypting it into `encrypted` failed
/// afterwards: what happened and the exact command that finishes the job.
pub fn encrypt_after_transfer(bundle: &str, encrypted: &str, recipients: &[String]) -> String {
    let mut command = format!("custody encrypt {}", shell_word(bundle));
    for r in recipients {
        command.push_str(" --to ");
        command.push_str(&shell_word(r));
    }
    command.push_str(" --out ");
    command.push_str(&shell_word(encrypted));
    format!(
        "the transfer was recorded in {bundle}, but the encrypted copy {encrypted} could not be written (no \
         encrypted file was left). Do not send the plain bundle: once the cause below is fixed, encrypt it with\n  \
         {command}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encrypt_after_transfer_gives_the_exact_command() {
        let r = ["age1abc".to_owned(), "age1def".to_owned()];
        let text = encrypt_after_transfer("out dir/sent.zip", "out dir/sent.zip.age", &r);
        assert!(text.starts_with("the transfer was recorded in out dir/sent.zip"), "{text}");
        assert!(
            text.ends_with("custody encrypt 'out dir/sent.zip' --to age1abc --to age1def --out 'out dir/sent.zip.age'"),
            "{text}"
        );
        assert_eq!(shell_word("it's"), "'it'\\''s'");
    }
}
