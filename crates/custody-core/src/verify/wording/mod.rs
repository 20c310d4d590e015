//! Every sentence a report says about a bundle, in one catalogue: vocabulary codes as
//! words, one-line descriptions of signers and events, the verdict sentences under each
//! state, the limit every summary states, the sentences the text report builds from bundle
//! facts, and (in `checks`) the message of every check the verifier emits; the words of the
//! text report's layout (`render`) and the restrictions on use (`restrictions`). A
//! translation (a later issue) replaces this one folder.

use std::path::Path;

mod advisories;
pub(crate) mod checks;
pub mod render;
mod restrictions;
pub(crate) mod statements;

pub use advisories::advisory;
pub use restrictions::restrictions;
pub use statements::statement_lines;

use super::not_a_bundle::NotABundle;
use super::report::TrustedTime;
use super::report::{ConditionReport, HandoverReport, PendingTransfer, State};
use crate::event::{Event, EventType, ItemState};
use crate::manifest::Signer;
use crate::text::printable;

/// Whom a sentence with a remedy speaks to. A remedy names what to do; the library's
/// caller does it through the library (give a trust list, add a token), a person at
/// custody's command line through its options and subcommands (`--trust FILE`, `custody
/// timestamp`). Only the catalogue words either; the CLI asks for [`Front::Cli`] (in
/// [`VerifyOptions::front`](super::VerifyOptions::front)), every other caller gets the
/// library's words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Front {
    /// A program using custody-core: remedies speak of the library's options and verbs.
    #[default]
    Library,
    /// A person at custody's command line: remedies name its options and subcommands.
    Cli,
}

/// A vocabulary code as words for people (`accepted_in_part` → `accepted in part`): the one
/// mapping the text report and the events' one-line summaries use. JSON keeps the codes.
pub fn words(code: &str) -> String {
    match code {
        "hash_mismatch" => "damaged (does not match its SHA-256)".into(),
        _ => code.replace('_', " "),
    }
}

/// A signer as people read it: name (role in words, organisation, jurisdiction).
pub fn describe_signer(s: &Signer) -> String {
    format!("{} ({}, {}, {})", s.name, words(s.role.as_str()), s.organisation, s.jurisdiction)
}

/// One line describing an event, for people.
pub fn describe_event(ev: &Event) -> String {
    if let Some(c) = &ev.countersign {
        return statements::carrier(&c.statement);
    }
    match (&ev.transfer, &ev.receipt) {
        (Some(t), _) => {
            let mut s = format!("transfer to {} for {:?}", describe_signer(&t.recipient), t.purpose);
            if let Some(r) = &t.request_reference {
                s.push_str(&format!(", request {r}"));
            }
            if !t.conditions.is_empty() {
                s.push_str(&format!(", {} condition(s)", t.conditions.len()));
            }
            s
        }
        (_, Some(r)) => {
            let refused = r.conditions.iter().filter(|c| !c.accepted).count();
            let items = r.items.iter().filter(|i| i.status != ItemState::Accepted).count();
            let mut s = format!("receipt of transfer {}: {}", r.transfer_sequence, words(r.decision.as_str()));
            if let Some(reason) = &r.reason {
                s.push_str(&format!(" ({reason})"));
            }
            if items > 0 {
                s.push_str(&format!(", {items} item(s) not accepted"));
            }
            if refused > 0 {
                s.push_str(&format!(", {refused} condition(s) refused"));
            }
            s
        }
        _ => format!("sealed by {}", describe_signer(&ev.signer)),
    }
}

/// What an event of type `t` may add (spec §6.3), for the message of `event.unexpected_file`.
pub(super) fn allowed_description(t: EventType) -> &'static str {
    match t {
        EventType::Seal => {
            "a seal adds only bagit.txt, HOW-TO-VERIFY.txt, bag-info.txt, manifest-sha256.txt, the manifest, its \
             signature and the sealer's key file"
        }
        EventType::Transfer => "a transfer adds only its recipient's key file",
        EventType::Receipt => "a receipt adds no files",
        EventType::Countersign => {
            "a countersign adds only its statement, the statement's signature and its author's key file"
        }
    }
}

/// What a verifier cannot see: events removed from the end, or a fork. Every summary of a
/// bundle that checks says it (spec §9.2, §12).
pub const TRUNCATION_LIMIT: &str = "Removing the last custody events, or a copy that a former custodian continued \
     separately (a fork), leaves no trace: confirm the latest event below with the sender.";

/// The truncation limit as `inspect` tells it (its report lists the custody periods, not the
/// latest event).
pub const TRUNCATION_LIMIT_INSPECT: &str = "Removing the last custody events, or a copy that a former custodian \
     continued separately (a fork), leaves no trace: confirm the last custody period below with the sender.";

/// The state as the text report's `State:` line writes it.
pub fn state_label(state: State) -> &'static str {
    match state {
        State::Invalid => "INVALID",
        State::NotTrusted => "NOT TRUSTED (intact)",
        State::Intact => "INTACT",
        State::Trusted => "TRUSTED",
    }
}

/// The one sentence under the state, for people: what the state means and what to do.
pub(super) fn summary(
    state: State,
    failed: usize,
    not_a_bundle: Option<&str>,
    signer: bool,
    tsa: bool,
    front: Front,
) -> String {
    let roots = match front {
        Front::Library => "among the TSA roots given",
        Front::Cli => "in --tsa-roots",
    };
    match state {
        State::Invalid => match not_a_bundle {
            Some(why) => format!("INVALID: {why}"),
            None => format!(
                "INVALID: {failed} check(s) failed. Do not rely on this bundle as it is; the damaged files and the \
                 failed checks are listed below."
            ),
        },
        State::NotTrusted => {
            let who = match (signer, tsa) {
                (_, false) => "at least one signer is not in your trust list with the identity it claims, so who \
                               signed is not vouched for"
                    .to_string(),
                (false, true) => {
                    format!("a timestamp comes from a TSA whose root is not {roots}, so its time is not vouched for")
                }
                (true, true) => format!(
                    "at least one signer is not in your trust list with the identity it claims, and a timestamp \
                     comes from a TSA whose root is not {roots}"
                ),
            };
            format!(
                "NOT TRUSTED (intact): the files match what was signed, but {who}. Check the key with its holder \
                 before relying on it. {TRUNCATION_LIMIT}"
            )
        }
        State::Intact => {
            let give = match front {
                Front::Library => "none was given",
                Front::Cli => "use --trust FILE",
            };
            format!(
                "INTACT: every file matches what was signed and the custody events form an unbroken signed chain. \
                 The signers' keys were not checked against a trust list ({give}). {TRUNCATION_LIMIT}"
            )
        }
        State::Trusted => format!(
            "TRUSTED: every file matches what was signed, the custody events form an unbroken signed chain, and \
             every signer is in your trust list. {TRUNCATION_LIMIT}"
        ),
    }
}

/// The summary of an invalid bundle none of whose files is damaged: it promises no list of
/// damaged files.
pub(super) fn summary_invalid_nothing_damaged(failed: usize) -> String {
    format!(
        "INVALID: {failed} check(s) failed. Do not rely on this bundle as it is; the failed checks are listed below."
    )
}

/// The summary of an inspection, which does not re-hash the evidence.
pub(super) fn inspect_summary(state: State, failed: usize, not_a_bundle: Option<&str>, front: Front) -> String {
    let (verify, run_verify) = match front {
        Front::Library => ("Verify the bundle", "verify the bundle"),
        Front::Cli => ("Run custody verify", "run custody verify"),
    };
    match state {
        State::Invalid if not_a_bundle.is_some() => format!("INVALID: {}", not_a_bundle.unwrap_or_default()),
        State::Invalid => format!(
            "INVALID: {failed} check(s) failed even without re-hashing the evidence. {verify} for the full report."
        ),
        _ => format!(
            "Signatures, custody chain and structure are intact. The evidence itself was NOT re-hashed: \
             {run_verify} before relying on it. {TRUNCATION_LIMIT_INSPECT}"
        ),
    }
}

/// The warning that an interrupted update is pending beside the bundle at `path`.
pub(super) fn journal_pending(path: &Path, front: Front) -> String {
    let todo = match front {
        Front::Library => "recover",
        Front::Cli => "run custody recover",
    };
    format!(
        "an interrupted update is pending: {todo} {} (this report is of the file as it is; the journal beside it \
         was not read)",
        path.display()
    )
}

// The sentences the text report builds from bundle facts. They quote bundle text raw: whoever
// shows them makes them printable (crate::text).

/// Who signed the latest event, as the line under the state says it: on an invalid bundle
/// no signature vouches for anything (anyone can add an event that claims any signer), so
/// the claim is shown as a claim.
pub fn latest_event_signer(signer: &str, invalid: bool) -> String {
    if invalid {
        format!("claims to be signed by {signer} (NOT verified: the bundle is invalid)")
    } else {
        format!("signed by {signer}")
    }
}

/// What the reader of a bundle that checks should do about the latest event.
pub const CONFIRM_LATEST_EVENT: &str =
    "Confirm with the sender that this is their latest event: later events could have been removed.";

/// How many damaged items are not listed by name under the state.
pub fn more_damaged_items(n: usize) -> String {
    format!("and {n} more damaged item(s) (see the checks below)")
}

/// An item a receipt did not accept, under that item.
pub fn item_not_accepted_by(holder: &str, transfer: u64, status: &str, reason: Option<&str>) -> String {
    let why = reason.map(|r| format!(": {r}")).unwrap_or_default();
    format!("NOT ACCEPTED by {holder} at transfer #{transfer} ({}{why})", words(status))
}

/// A hand-over's receipt, under the period it opened.
pub fn received_from(sender: &str, transfer: u64, decision: &str) -> String {
    format!("received from {sender} (transfer #{transfer}): {}", words(decision))
}

/// A condition of a hand-over and the recipient's answer, in the timeline.
pub fn condition_answered(c: &ConditionReport) -> String {
    let answer = if c.accepted { "accepted" } else { "REFUSED" };
    let why = c.reason.as_deref().map(|r| format!(" ({r})")).unwrap_or_default();
    format!("condition {} [{}] {answer}{why}: {}", c.id, words(c.kind.as_str()), c.text)
}

/// A condition of a hand-over among the restrictions on use.
pub fn condition_restriction(c: &ConditionReport, h: &HandoverReport) -> String {
    let answer = if c.accepted { "accepted" } else { "REFUSED" };
    format!(
        "{} ({}), set by {} at transfer #{}, {answer} by the recipient",
        c.text,
        words(c.kind.as_str()),
        h.from.name,
        h.transfer_sequence
    )
}

/// An item a receipt did not accept, in the timeline.
pub fn item_not_accepted(item: &str, status: &str, reason: Option<&str>) -> String {
    let why = reason.map(|r| format!(" ({r})")).unwrap_or_default();
    format!("{item} not accepted: {}{why}", words(status))
}

/// A transfer that has no receipt yet, at the end of the timeline.
pub fn pending_since(p: &PendingTransfer) -> String {
    format!(
        "pending since {}: transfer #{} to {} for \"{}\", not yet received",
        p.since,
        p.sequence,
        describe_signer(&p.to),
        p.purpose
    )
}

/// A transfer that has no receipt yet, in the inspection's short timeline.
pub fn pending_short(p: &PendingTransfer) -> String {
    format!("pending: transfer #{} to {}", p.sequence, describe_signer(&p.to))
}

/// What the inspection says when the manifest could not be read.
pub const MANIFEST_UNREADABLE: &str = "The manifest could not be read.";

/// An event's trusted time, under the event.
pub fn trusted_time(t: &TrustedTime, front: Front) -> String {
    let trust = match (t.trusted, front) {
        (true, _) => "",
        (false, Front::Library) => " [TSA NOT TRUSTED: its root was not given]",
        (false, Front::Cli) => " [TSA NOT TRUSTED: use --tsa-roots]",
    };
    format!("trusted time {} from {} ({} s after the claimed time){trust}", t.time, t.tsa, t.gap_seconds)
}

/// How many events have no trusted time.
pub fn untimed_events(untimed: usize, total: usize) -> String {
    format!("{untimed} of {total} event(s) have no trusted time: their times are only the signers' claims")
}

/// Why a file is not a custody bundle, with what to do (spec §9.1 step 1, `bundle.not_a_bundle`).
pub(crate) fn not_a_bundle(kind: &NotABundle) -> String {
    let (what, todo) = match kind {
        NotABundle::Empty => ("the file is empty".to_string(), "Ask the sender for the bundle again."),
        NotABundle::WebPage => (
            "it is a web page (HTML text), not a ZIP archive; a download link may have saved the page instead \
             of the file"
                .to_string(),
            "Download the bundle itself again.",
        ),
        NotABundle::CutShort => (
            "it is a ZIP archive cut short: the file ends before the ZIP's closing directory, as happens when \
             a download or copy stops early"
                .to_string(),
            "Get the file again and compare its size with the sender's.",
        ),
        NotABundle::OtherFile => {
            ("it is not a ZIP archive at all".to_string(), "Check that you were given the right file.")
        }
        NotABundle::OtherZip => (
            "it is a ZIP archive, but has neither bagit.txt nor custody/manifest.json at its top".to_string(),
            "Check that you were given the right file.",
        ),
        NotABundle::RezippedTopLevel => (
            "it is a re-zipped bundle: someone unpacked a bundle and packed its files again with another ZIP \
             tool, which writes the ZIP differently from custody. The checks apply to the bundle file exactly \
             as sealed, not to a re-packed copy"
                .to_string(),
            "Ask the sender for the original .zip file, and pass it on unchanged.",
        ),
        NotABundle::RezippedInFolder(folder) => (
            format!(
                "it is a re-zipped bundle: someone unpacked a bundle and packed its files into a new ZIP, inside \
                 the folder '{}'. The checks apply to the bundle file exactly as sealed, not to a re-packed copy",
                printable(folder)
            ),
            "Ask the sender for the original .zip file, and pass it on unchanged.",
        ),
    };
    format!(
        "this is not a custody bundle ({what}). {todo} It counts as invalid: a damaged or tampered bundle can \
         look like this."
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timestamp::TokenError;

    /// Whether `s` names one of custody's command-line options or subcommands.
    fn names_cli(s: &str) -> bool {
        let b = s.as_bytes();
        let option = (0..b.len().saturating_sub(2)).any(|i| &b[i..i + 2] == b"--" && b[i + 2].is_ascii_alphabetic());
        let subcommand =
            ["custody recover", "custody verify", "custody timestamp", "custody keygen"].iter().any(|c| s.contains(c));
        option || subcommand
    }

    /// Every sentence worded for a front, for both fronts.
    fn for_front(front: Front) -> Vec<String> {
        let untrusted = TrustedTime { time: "t".into(), tsa: "TSA".into(), trusted: false, gap_seconds: 1 };
        vec![
            summary(State::Intact, 0, None, false, false, front),
            summary(State::NotTrusted, 0, None, false, true, front),
            summary(State::NotTrusted, 0, None, true, true, front),
            journal_pending(Path::new("b.zip"), front),
            inspect_summary(State::Intact, 0, None, front),
            inspect_summary(State::Invalid, 2, None, front),
            trusted_time(&untrusted, front),
            checks::timestamp_missing("e", front),
            checks::timestamp_untrusted("e.tst", "TSA", "e", "t", front),
            checks::timestamp_failed("e.tst", &TokenError::UntrustedRoot("x".into()), front),
            checks::receipt_accepted_untrusted("r", "sealer", front),
        ]
    }

    #[test]
    fn the_library_names_no_option_and_the_cli_names_its_own() {
        for s in for_front(Front::Library) {
            assert!(!names_cli(&s), "the library's wording names a CLI option or subcommand: {s}");
        }
        for s in for_front(Front::Cli) {
            assert!(names_cli(&s), "the CLI's wording lost its option or subcommand: {s}");
        }
    }

    #[test]
    fn the_cli_front_keeps_the_words_custody_prints() {
        assert!(
            summary(State::Intact, 0, None, false, false, Front::Cli).contains(
                "The signers' keys were not checked against a trust list (use --trust FILE). Removing the last"
            )
        );
        assert_eq!(
            checks::timestamp_missing("e", Front::Cli),
            "e has no trusted time (no RFC 3161 token): its time is only its signer's claim; add one with \
             `custody timestamp BUNDLE --tsa URL`"
        );
        assert_eq!(
            journal_pending(Path::new("b.zip"), Front::Cli),
            "an interrupted update is pending: run custody recover b.zip (this report is of the file as it is; the \
             journal beside it was not read)"
        );
    }

    /// The report's sentence for a token's failure and the token library's own error text
    /// say the same, except where the report names a front's option.
    #[test]
    fn a_token_failure_reads_as_the_token_library_says_it() {
        let failures = [
            TokenError::Malformed("m".into()),
            TokenError::Unsupported("u".into()),
            TokenError::ImprintMismatch,
            TokenError::BadSignature("b".into()),
            TokenError::NoEku("n".into()),
            TokenError::CertExpired("c".into(), "t".into()),
            TokenError::UntrustedRoot("r".into()),
        ];
        for e in failures {
            assert_eq!(checks::timestamp_failed("x.tst", &e, Front::Library), format!("x.tst: {e}"));
        }
    }
}
