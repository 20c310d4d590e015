//! The verifier's composition of the catalogue (`crate::wording`): code that walks the
//! report's, the manifest's and the events' types and picks the catalogue's sentence for
//! them (descriptions of signers and events, the summary under each state, what a broken
//! custody rule is called, why a file is not a bundle, the restrictions on use, the
//! provenance advisories). It holds no sentence of its own: those sit in the bottom layer,
//! which cannot name these types. The catalogue's functions the report's callers use are
//! re-exported here, so `verify::wording` stays the one path they need.

use std::path::Path;

mod advisories;
mod events;
pub(crate) mod statements;

pub use crate::wording::cli;
pub use crate::wording::derivation;
pub use crate::wording::render;
pub use crate::wording::report::{
    MANIFEST_UNREADABLE, bundle_is_a_folder, container_not_applicable, container_not_checked,
    container_not_checked_refused, content_does_not_hold, content_holds, folder_refused, item_not_accepted,
    not_a_bundle_folder, received_from, state_cell, summary_repacked, untimed_events,
};
pub use crate::wording::{Front, TRUNCATION_LIMIT, TRUNCATION_LIMIT_INSPECT, words};
pub use advisories::advisory;
pub use events::event_summary;
pub use statements::{statement_lines, statement_lines_without_files};

use crate::wording::chain;
pub(crate) use crate::wording::checks;
use crate::wording::report;
pub(crate) use crate::wording::trust;

use super::not_a_bundle::NotABundle;
use super::report::TrustedTime;
use super::report::{ConditionReport, PendingTransfer, State};
use crate::event::EventType;
use crate::manifest::Signer;
use crate::rules::Refusal;

/// A signer as people read it: name (role in words, organisation, jurisdiction).
pub fn describe_signer(s: &Signer) -> String {
    report::signer(&s.name, s.role.as_str(), &s.organisation, &s.jurisdiction)
}

/// What an event of type `t` may add (spec §6.3), for the message of `event.unexpected_file`.
pub(super) fn allowed_description(t: EventType) -> &'static str {
    match t {
        EventType::Seal => checks::SEAL_MAY_ADD,
        EventType::Transfer => checks::TRANSFER_MAY_ADD,
        EventType::Receipt => checks::RECEIPT_MAY_ADD,
        EventType::Countersign => checks::COUNTERSIGN_MAY_ADD,
        EventType::Document => checks::DOCUMENT_MAY_ADD,
        EventType::Examination => checks::EXAMINATION_MAY_ADD,
        EventType::Access => checks::ACCESS_MAY_ADD,
        EventType::Disposition => checks::DISPOSITION_MAY_ADD,
        EventType::Derivation => checks::DERIVATION_MAY_ADD,
    }
}

/// The state as the text report's `State:` line writes it.
pub fn state_label(state: State) -> &'static str {
    match state {
        State::Invalid => render::state::INVALID,
        State::NotTrusted => render::state::NOT_TRUSTED,
        State::Intact => render::state::INTACT,
        State::Trusted => render::state::TRUSTED,
    }
}

/// The state as the inspection's `State:` line writes it: it re-hashes nothing, so a bundle
/// that checks is "not re-hashed", not intact.
pub fn inspection_state_label(state: State) -> &'static str {
    match state {
        State::Invalid => state_label(State::Invalid),
        _ => render::state::NOT_RE_HASHED,
    }
}

/// What the verifier says of an event, signed by `signer`, that breaks the custody rule `r`
/// (its code is [`Refusal::code`]).
pub(crate) fn chain_violation(r: &Refusal, signer: &Signer) -> String {
    match r {
        Refusal::SecondSeal => chain::second_seal(),
        Refusal::MissingDetails(t) => chain::missing_details(t.as_str()),
        Refusal::TransferPending { sequence, recipient } => chain::second_transfer(sequence, &recipient.name),
        Refusal::NotCustodian { custodian } => {
            chain::not_custodian(&signer.name, signer.fingerprint, &custodian.name, custodian.fingerprint)
        }
        Refusal::NoTransferPending => chain::no_transfer_pending(),
        Refusal::WrongTransfer { answers, pending } => chain::wrong_transfer(answers, pending),
        Refusal::NotRecipient { recipient } | Refusal::RecipientIdentity { recipient } => {
            chain::not_recipient(&signer.name, signer.fingerprint, &recipient.name, recipient.fingerprint)
        }
        Refusal::RecordWhilePending { event_type, sequence, recipient } => {
            chain::record_while_pending(event_type.as_str(), sequence, &recipient.name)
        }
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
    match state {
        State::Invalid => match not_a_bundle {
            Some(why) => report::summary_not_a_bundle(why),
            None => report::summary_invalid(failed),
        },
        State::NotTrusted => report::summary_not_trusted(signer, tsa, front),
        State::Intact => report::summary_intact(front),
        State::Trusted => report::summary_trusted(),
    }
}

/// The summary of an invalid bundle none of whose files is damaged: it promises no list of
/// damaged files.
pub(super) fn summary_invalid_nothing_damaged(failed: usize) -> String {
    report::summary_invalid_nothing_damaged(failed)
}

/// The summary of an inspection, which does not re-hash the evidence.
pub(super) fn inspect_summary(state: State, failed: usize, not_a_bundle: Option<&str>, front: Front) -> String {
    match (state, not_a_bundle) {
        (State::Invalid, Some(why)) => report::summary_not_a_bundle(why),
        (State::Invalid, None) => report::inspect_invalid(failed, front),
        _ => report::inspect_sound(front),
    }
}

/// The warning that an interrupted update is pending beside the bundle at `path`.
pub(super) fn journal_pending(path: &Path, front: Front) -> String {
    report::journal_pending(path, front)
}

/// A condition of a hand-over and the recipient's answer, in the timeline.
pub fn condition_answered(c: &ConditionReport) -> String {
    report::condition_answered(c.id, c.kind.as_str(), &c.text, c.accepted, c.reason.as_deref())
}

/// A transfer that has no receipt yet, in the inspection's short timeline.
pub fn pending_short(p: &PendingTransfer) -> String {
    report::pending_short(p.sequence, describe_signer(&p.to))
}

/// An event's trusted time, under the event.
pub fn trusted_time(t: &TrustedTime, front: Front) -> String {
    report::trusted_time(&t.time, &t.tsa, t.gap_seconds, t.trusted, front)
}

/// Why a file is not a custody bundle, with what to do (spec §9.1 step 1, `bundle.not_a_bundle`).
pub(crate) fn not_a_bundle(kind: &NotABundle) -> String {
    let (what, folder, todo) = kind.sentences();
    report::not_a_bundle(what, folder, todo)
}

#[cfg(test)]
mod tests {
    use super::*;

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
            crate::timestamp::TokenError::UntrustedRoot("x".into()).worded(front),
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
}
