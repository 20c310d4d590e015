//! The report's sentences about the bundle as a whole: one-line descriptions of signers and
//! events, the verdict sentence under each state (of a verification and of an inspection),
//! why a file is not a custody bundle, and the sentences the text report builds from bundle
//! facts (the latest event, hand-overs, pending transfers, trusted times). They quote bundle
//! text raw: whoever shows them makes them printable (`crate::text`), except a folder name
//! in [`not_a_bundle_rezipped_in_folder`], which is escaped here. `verify::wording` picks the
//! sentence for a report's types and passes the values.

use std::fmt::Display;
use std::path::Path;

use super::court_report::{self, Sentence};
use super::{Front, TRUNCATION_LIMIT, TRUNCATION_LIMIT_INSPECT, words};
use crate::text::printable;

/// A signer as people read it: name (role in words, organisation, jurisdiction).
pub fn signer(name: impl Display, role: &str, organisation: impl Display, jurisdiction: impl Display) -> String {
    format!("{name} ({}, {organisation}, {jurisdiction})", words(role))
}

/// The summary of an invalid bundle that is no custody bundle at all (`why`: [`not_a_bundle`]).
pub fn summary_not_a_bundle(why: impl Display) -> String {
    court_report::english(Sentence::SummaryNotABundle, &[&why.to_string()])
}

/// The summary of an invalid bundle with `failed` failed checks, some files damaged.
pub fn summary_invalid(failed: usize) -> String {
    court_report::english(Sentence::SummaryInvalid, &[&failed.to_string()])
}

/// The summary of an invalid bundle none of whose files is damaged: it promises no list of
/// damaged files.
pub fn summary_invalid_nothing_damaged(failed: usize) -> String {
    court_report::english(Sentence::SummaryInvalidNothingDamaged, &[&failed.to_string()])
}

/// The summary of a bundle that checks but is not vouched for: a signer (`signer`) or a
/// TSA (`tsa`) is not trusted, or both.
pub fn summary_not_trusted(signer: bool, tsa: bool, front: Front) -> String {
    let roots = match front {
        Front::Library => {
            let s = match (signer, tsa) {
                (_, false) => Sentence::SummaryNotTrustedSigner,
                (false, true) => Sentence::SummaryNotTrustedTsa,
                (true, true) => Sentence::SummaryNotTrustedBoth,
            };
            return court_report::english(s, &[]);
        }
        Front::Cli => "in --tsa-roots",
    };
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

/// The summary of a bundle that checks, verified without a trust list.
pub fn summary_intact(front: Front) -> String {
    let give = match front {
        Front::Library => return court_report::english(Sentence::SummaryIntact, &[]),
        Front::Cli => "use --trust FILE",
    };
    format!(
        "INTACT: every file matches what was signed and the custody events form an unbroken signed chain. \
         The signers' keys were not checked against a trust list ({give}). {TRUNCATION_LIMIT}"
    )
}

/// The summary of a bundle that checks, every signer vouched for.
pub fn summary_trusted() -> String {
    court_report::english(Sentence::SummaryTrusted, &[])
}

/// The summary of an inspection of an invalid bundle (it does not re-hash the evidence).
pub fn inspect_invalid(failed: usize, front: Front) -> String {
    let verify = match front {
        Front::Library => "Verify the bundle",
        Front::Cli => "Run custody verify",
    };
    format!("INVALID: {failed} check(s) failed even without re-hashing the evidence. {verify} for the full report.")
}

/// The summary of an inspection of a bundle whose documents check.
pub fn inspect_sound(front: Front) -> String {
    let run_verify = match front {
        Front::Library => "verify the bundle",
        Front::Cli => "run custody verify",
    };
    format!(
        "Signatures, custody chain and structure are intact. The evidence itself was NOT re-hashed: \
         {run_verify} before relying on it. {TRUNCATION_LIMIT_INSPECT}"
    )
}

/// The warning that an interrupted update is pending beside the bundle at `path`.
pub fn journal_pending(path: &Path, front: Front) -> String {
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

/// A hand-over's receipt, under the period it opened.
pub fn received_from(sender: &str, transfer: u64, decision: &str) -> String {
    format!("received from {sender} (transfer #{transfer}): {}", words(decision))
}

/// A condition of a hand-over and the recipient's answer, in the timeline (`kind` a code).
pub fn condition_answered(
    id: impl Display,
    kind: &str,
    text: impl Display,
    accepted: bool,
    reason: Option<&str>,
) -> String {
    let answer = if accepted { "accepted" } else { "REFUSED" };
    let why = reason.map(|r| format!(" ({r})")).unwrap_or_default();
    format!("condition {id} [{}] {answer}{why}: {text}", words(kind))
}

/// An item a receipt did not accept, in the timeline.
pub fn item_not_accepted(item: &str, status: &str, reason: Option<&str>) -> String {
    let why = reason.map(|r| format!(" ({r})")).unwrap_or_default();
    format!("{item} not accepted: {}{why}", words(status))
}

/// A transfer that has no receipt yet, in the inspection's short timeline.
pub fn pending_short(transfer: impl Display, to: impl Display) -> String {
    format!("pending: transfer #{transfer} to {to}")
}

/// What the inspection says when the manifest could not be read.
pub const MANIFEST_UNREADABLE: &str = "The manifest could not be read.";

/// An event's trusted time, under the event: when, from which TSA, how long after the
/// claimed time, and whether that TSA is trusted.
pub fn trusted_time(time: impl Display, tsa: impl Display, gap_seconds: i64, trusted: bool, front: Front) -> String {
    let (time, tsa, gap) = (time.to_string(), tsa.to_string(), gap_seconds.to_string());
    let trust = match (trusted, front) {
        (true, _) => return court_report::english(Sentence::TrustedTime, &[&time, &tsa, &gap]),
        (false, Front::Library) => {
            return court_report::english(Sentence::TrustedTimeUntrusted, &[&time, &tsa, &gap]);
        }
        (false, Front::Cli) => " [TSA NOT TRUSTED: use --tsa-roots]",
    };
    format!("{}{trust}", court_report::english(Sentence::TrustedTime, &[&time, &tsa, &gap]))
}

/// How many events have no trusted time.
pub fn untimed_events(untimed: usize, total: usize) -> String {
    format!("{untimed} of {total} event(s) have no trusted time: their times are only the signers' claims")
}

/// Why a file is not a custody bundle (spec §9.1 step 1, `bundle.not_a_bundle`): what it is
/// (`what`, a `Sentence::NotABundle*`, its hole `folder` for a bundle re-zipped inside one,
/// escaped here), then what to do (`todo`, a `Sentence::Todo*`). The verifier picks the two
/// for the kind of file it found (`verify::NotABundle::sentences`), the court report says them
/// in the reader's language.
pub fn not_a_bundle(what: Sentence, folder: Option<&str>, todo: Sentence) -> String {
    let folder = folder.map(printable).unwrap_or_default();
    let what = court_report::english(what, &[&folder]);
    court_report::english(Sentence::NotABundle, &[&what, &court_report::english(todo, &[])])
}

/// An unzipped bundle's report (spec §9.6): what was not checked, and what the evidence is.
pub fn container_not_checked() -> String {
    court_report::english(Sentence::ContainerNotChecked, &[])
}

/// The container checks that do not apply to an unzipped bundle, named (court report);
/// `codes`: their codes, comma-separated.
pub fn container_not_applicable(codes: &str) -> String {
    court_report::english(Sentence::ContainerNotApplicable, &[&printable(codes)])
}

/// An unzipped bundle's report when the folder was refused (a link, a name, a limit) before
/// any of its files was checked (spec §9.6).
pub fn container_not_checked_refused() -> String {
    court_report::english(Sentence::ContainerNotCheckedRefused, &[])
}

/// A report's state in a batch table's cell, with what was read when it is not the sealed ZIP
/// file itself (spec §9.6): `folder` for an unzipped bundle; `content` whether a refused
/// container's content checks hold, when they were run.
pub fn state_cell(state: impl Display, folder: bool, content: Option<bool>) -> String {
    match (folder, content) {
        (true, _) => format!("{state} (folder)"),
        (false, Some(true)) => format!("{state} (content holds)"),
        (false, Some(false)) => format!("{state} (content does not hold)"),
        (false, None) => state.to_string(),
    }
}

/// What was observed of a container that the strict reader refused but whose entries could
/// still be read (spec §9.6). The verifier cannot tell who changed the container, so the
/// sentence names the possible causes and asserts none.
fn container_breaks_rules() -> String {
    court_report::english(Sentence::ContainerBreaksRules, &[])
}

/// The content section of a container whose entries were read leniently (spec §9.6), when
/// every content check holds; `state`: the content's state label.
pub fn content_holds(state: impl Display) -> String {
    court_report::english(Sentence::ContentHolds, &[&state.to_string(), &container_breaks_rules()])
}

/// The content section of a container whose entries were read leniently, when content checks
/// failed; `failed`: the codes of the failed content checks, each once. Some of them fail from
/// damage to the container alone (a CRC-32 or a deflate stream), so the sentence names them
/// and does not say that files were changed.
pub fn content_does_not_hold(failed: &[&str]) -> String {
    let (count, codes) = (failed.len().to_string(), printable(&failed.join(", ")));
    court_report::english(Sentence::ContentDoesNotHold, &[super::render::state::INVALID, &count, &codes])
}

/// The summary of a container whose entries were read leniently (spec §9.6): invalid for its
/// container, with what its content checks found.
pub fn summary_repacked(holds: bool) -> String {
    let s = if holds { Sentence::SummaryRepackedHolds } else { Sentence::SummaryRepackedDoesNotHold };
    court_report::english(s, &[&container_breaks_rules(), &court_report::english(Sentence::TodoAskForOriginal, &[])])
}

/// The refusal of a folder by a command that reads or changes the sealed .zip file itself
/// (every one but verify, inspect and report without --form or --record); `path` escaped here.
pub fn bundle_is_a_folder(path: &str) -> String {
    format!(
        "'{0}' is a folder (an unzipped bundle?), and this command needs the sealed .zip file, not an unzipped \
         folder. Give the original .zip file; to check the folder itself, run: custody verify '{0}'",
        printable(path)
    )
}

/// The error for `custody verify DIR` when the folder is no unzipped bundle.
pub fn not_a_bundle_folder(dir: impl Display) -> String {
    format!("{}. To verify every .zip file in a folder, use --each {dir}", not_a_bundle_folder_why(&dir))
}

/// Why a folder is no unzipped bundle: what was looked for (the first sentence of
/// [`not_a_bundle_folder`], and of the reason a parent folder was not checked).
pub(crate) fn not_a_bundle_folder_why(dir: impl Display) -> String {
    format!(
        "{dir} is a folder but not an unzipped bundle: expected bagit.txt or custody/manifest.json in it, or in \
         the one folder custody-<id>/ inside it (as unzip leaves a bundle)"
    )
}

/// The check of an unzipped bundle whose folder was refused (a link, a name, a limit).
pub fn folder_refused(e: impl Display) -> String {
    format!("the bundle's folder cannot be read as a bundle: {e}")
}

#[cfg(test)]
mod cli_wording_tests {
    use super::{Front, summary_intact, summary_not_trusted, trusted_time};

    /// The command line's summaries and trusted-time line are the only English of these not
    /// taken from the court report's templates: each differs from the template's (the
    /// library's) in its remedy alone, so the two cannot drift apart.
    #[test]
    fn the_command_lines_summaries_differ_from_the_templates_only_in_the_remedy() {
        let cli = summary_intact(Front::Cli);
        assert!(cli.contains("(use --trust FILE)"), "{cli}");
        assert_eq!(cli.replace("(use --trust FILE)", "(none was given)"), summary_intact(Front::Library));
        for (signer, tsa) in [(true, false), (false, true), (true, true)] {
            let cli = summary_not_trusted(signer, tsa, Front::Cli);
            assert_eq!(cli.contains("in --tsa-roots"), tsa, "{cli}");
            let library = summary_not_trusted(signer, tsa, Front::Library);
            assert_eq!(cli.replace("in --tsa-roots", "among the TSA roots given"), library);
        }
        let cli = trusted_time("2026-01-02T03:04:05Z", "Some TSA", 7, false, Front::Cli);
        let library = trusted_time("2026-01-02T03:04:05Z", "Some TSA", 7, false, Front::Library);
        assert_eq!(cli.replace("use --tsa-roots", "its root was not given"), library);
        assert_ne!(cli, library);
        let trusted = trusted_time("2026-01-02T03:04:05Z", "Some TSA", 7, true, Front::Cli);
        assert_eq!(trusted, "trusted time 2026-01-02T03:04:05Z from Some TSA (7 s after the claimed time)");
        assert_eq!(trusted, trusted_time("2026-01-02T03:04:05Z", "Some TSA", 7, true, Front::Library));
    }
}
