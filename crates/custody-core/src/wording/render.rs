//! The words of the text report and the inspection: headings, field labels, markers and the
//! short sentences the layout joins. The front end (the CLI) keeps only layout and colour:
//! where each label stands, its padding, and which colour a state or a check level gets. A
//! translation replaces these words with the rest of the catalogue.

use std::fmt::Display;

use crate::check::Level;

/// Labels of the lines at the top of a report, before the first empty line. The layout pads
/// each to one column.
pub mod head {
    /// The bundle file's name.
    pub const BUNDLE: &str = "Bundle:";
    /// The state.
    pub const STATE: &str = "State:";
    /// The damaged items and their files.
    pub const DAMAGED: &str = "Damaged:";
    /// The failed checks' codes.
    pub const FAILED: &str = "Failed:";
    /// The latest custody event.
    pub const LATEST_EVENT: &str = "Latest event:";
    /// The case reference.
    pub const CASE: &str = "Case:";
    /// The bundle's id.
    pub const BUNDLE_ID: &str = "Bundle id:";
    /// The original a derived bundle was proven to come from.
    pub const DERIVED_FROM: &str = "Derived from:";
    /// The payload's size.
    pub const PAYLOAD: &str = "Payload:";
    /// Who sealed the bundle (the inspection).
    pub const SEALED_BY: &str = "Sealed by:";
    /// What the ZIP container's checks say when it was not the sealed ZIP file (spec §9.6).
    pub const CONTAINER: &str = "Container:";
    /// A re-zipped bundle's content checks, in one line (spec §9.6).
    pub const CONTENT: &str = "Content:";
    /// A derived bundle's check against its parent (`verify --parent`, spec §9.7): its verdict.
    pub const PARENT: &str = "Parent:";
    /// What the custody log says of this copy (`verify --log`, spec §6.5): its outcome.
    pub const CUSTODY_LOG: &str = "Custody log:";
}

/// Headings of the report's blocks.
pub mod heading {
    /// The restrictions on use of the evidence.
    pub const RESTRICTIONS: &str = "RESTRICTIONS ON USE";
    /// The case's details.
    pub const CASE_DETAILS: &str = "Case details:";
    /// The people and offices the manifest names.
    pub const ACTORS: &str = "Actors:";
    /// The evidence items.
    pub const ITEMS: &str = "Items:";
    /// The attestations.
    pub const ATTESTATIONS: &str = "Attestations (sealed with the manifest):";
    /// The signers.
    pub const SIGNERS: &str = "Signers:";
    /// Who held the bundle when (the verification report).
    pub const TIMELINE: &str = "Custody timeline:";
    /// Who held the bundle when (the inspection).
    pub const CUSTODY: &str = "Custody:";
    /// The custody events.
    pub const EVENTS: &str = "Custody events:";
    /// Every check (the verification report).
    pub const CHECKS: &str = "Checks:";
    /// The failed checks and warnings (the inspection).
    pub const PROBLEMS: &str = "Problems and warnings:";
    /// The ZIP container's checks that did not apply to an unzipped bundle (spec §9.6).
    pub const NOT_APPLICABLE: &str = "Not applicable (checks of the ZIP container, which a folder does not have):";
    /// A re-zipped bundle's content checks (spec §9.6).
    pub const CONTENT_CHECKS: &str =
        "Content checks (the re-zipped bundle's files, read although its container was refused):";
}

/// The heading of the `parent.*` checks of `verify --parent PARENT` (spec §9.7).
pub fn parent_checks(parent: impl Display) -> String {
    format!("Checks against the parent {parent} (its own verdict above; the copy's state does not depend on them):")
}

/// The `Container:` line of an unzipped bundle: `n` container checks not applicable.
pub fn container_not_checked(n: usize) -> String {
    format!("NOT CHECKED: an unzipped bundle (a folder); {n} checks of the ZIP container do not apply")
}

/// Labels of the fields of the case's details.
pub mod case {
    /// The case's title.
    pub const TITLE: &str = "title:";
    /// The kind of proceeding.
    pub const PROCEEDING: &str = "proceeding:";
    /// How the evidence was obtained.
    pub const OBTAINED_BY: &str = "obtained by:";
    /// The urgency.
    pub const URGENCY: &str = "urgency:";
    /// A legal basis.
    pub const LEGAL_BASIS: &str = "legal basis:";
    /// An offence.
    pub const OFFENCE: &str = "offence:";
    /// A file number.
    pub const FILE_NUMBER: &str = "file number:";
    /// A related request.
    pub const REQUEST: &str = "request:";
}

/// Labels of the fields of an item's capture provenance, in English: the text report's, and the
/// court report's and the forms' (`wording::court_report::Label::Capture*`, whose English they
/// are). The text report's column adds the colon (`capture::label`).
pub mod capture {
    /// A label as the text report's column writes it: with its colon (none after an empty one,
    /// a continuation line).
    pub fn label(l: &str) -> String {
        if l.is_empty() { String::new() } else { format!("{l}:") }
    }

    /// The kind of capture.
    pub const KIND: &str = "kind";
    /// The source URL.
    pub const SOURCE: &str = "source";
    /// The final URL.
    pub const FINAL_URL: &str = "final URL";
    /// The platform and account.
    pub const ON: &str = "on";
    /// When it was captured.
    pub const CAPTURED: &str = "captured";
    /// The capture tool.
    pub const TOOL: &str = "tool";
    /// The capture methods.
    pub const METHODS: &str = "methods";
    /// Who captured it.
    pub const BY: &str = "captured by";
    /// Who witnessed it (the court documents; the text report says it after `by`).
    pub const WITNESSED_BY: &str = "witnessed by";
    /// Under which authorisation.
    pub const UNDER: &str = "under";
    /// The clock source.
    pub const CLOCK: &str = "clock source";
    /// The capture environment.
    pub const ENVIRONMENT: &str = "environment";
    /// The steps taken to reach the content.
    pub const STEPS: &str = "steps";
    /// A time shown in the content.
    pub const CONTENT_TIME: &str = "content time";
    /// An alteration.
    pub const ALTERED: &str = "altered";
    /// What it was derived from.
    pub const DERIVED_FROM: &str = "derived from";
    /// The content's languages.
    pub const LANGUAGES: &str = "languages";
    /// Why the original was not seized.
    pub const NOT_SEIZED: &str = "not seized";
    /// Fields imported from capture files.
    pub const IMPORTED: &str = "imported";
    /// A note.
    pub const NOTE: &str = "note";
    /// A content time's meaning, when the manifest does not state it.
    pub const MEANING_NOT_STATED: &str = "meaning NOT STATED";
    /// A content time's time zone, when the manifest does not state it.
    pub const ZONE_NOT_STATED: &str = "zone NOT STATED";

    /// The account's handle, after the platform.
    pub const ACCOUNT: &str = "account";
    /// The account's id, after its handle.
    pub const ACCOUNT_ID: &str = "id";
    /// The id of the object captured (a post, a video).
    pub const OBJECT: &str = "object";

    /// A capture record's label ([`crate::court_report::CaptureFact`]'s, or one of its values')
    /// as the text report writes it, lowercase (the court documents capitalise their own); none
    /// for a label no capture record states (a unit test holds every label of a full record to
    /// one).
    pub fn text_label(l: crate::wording::court_report::Label) -> Option<&'static str> {
        use crate::wording::court_report::Label as L;
        Some(match l {
            L::CaptureKind => KIND,
            L::CaptureSource => SOURCE,
            L::CaptureFinalUrl => FINAL_URL,
            L::CaptureOn => ON,
            L::CaptureAccount => ACCOUNT,
            L::CaptureAccountId => ACCOUNT_ID,
            L::CaptureObject => OBJECT,
            L::CaptureAt => CAPTURED,
            L::CaptureTool => TOOL,
            L::CaptureMethods => METHODS,
            L::CaptureClock => CLOCK,
            L::CaptureEnvironment => ENVIRONMENT,
            L::CaptureSteps => STEPS,
            L::CaptureBy => BY,
            L::CaptureWitnessedBy => WITNESSED_BY,
            L::CaptureUnder => UNDER,
            L::CaptureAltered => ALTERED,
            L::CaptureNote => NOTE,
            L::EnvOs => environment::OS,
            L::EnvBrowser => environment::BROWSER,
            L::EnvUserAgent => environment::USER_AGENT,
            L::EnvEgressIp => environment::EGRESS_IP,
            L::EnvExitJurisdiction => environment::EXIT_JURISDICTION,
            L::EnvNote => environment::NOTE,
            _ => return None,
        })
    }

    /// Labels of the capture environment's values, one per member of the format's `environment`
    /// (spec §5.2.2; [`text_label`] gives them by the court report's label).
    pub mod environment {
        /// The operating system.
        pub const OS: &str = "operating system";
        /// The browser and its version.
        pub const BROWSER: &str = "browser";
        /// The User-Agent string sent.
        pub const USER_AGENT: &str = "User-Agent";
        /// The public IP address the capture came from.
        pub const EGRESS_IP: &str = "egress IP";
        /// Where the capture's traffic left the network (a country code).
        pub const EXIT_JURISDICTION: &str = "country of network exit";
        /// Anything else about the environment.
        pub const NOTE: &str = "other";
    }
}

/// The states as the `State:` line writes them (`verify::wording::state_label` picks one).
pub mod state {
    /// `invalid`.
    pub const INVALID: &str = "INVALID";
    /// `not_trusted`.
    pub const NOT_TRUSTED: &str = "NOT TRUSTED (intact)";
    /// `intact`.
    pub const INTACT: &str = "INTACT";
    /// `trusted`.
    pub const TRUSTED: &str = "TRUSTED";
    /// Any state but `invalid`, in the inspection, which re-hashes nothing: a bundle that
    /// checks is "not re-hashed", not intact.
    pub const NOT_RE_HASHED: &str = "NOT RE-HASHED";
}

/// A check's level as the check lines write it (failures and warnings in capitals).
pub fn level_label(level: Level) -> &'static str {
    match level {
        Level::Pass => "pass",
        Level::Warn => "WARN",
        Level::Fail => "FAIL",
    }
}

/// How many files of a damaged item are not named on its line.
pub fn more_files(n: usize) -> String {
    format!(" and {n} more file(s)")
}

/// The payload's size under the state.
pub fn payload(items: impl Display, files: impl Display, size: impl Display) -> String {
    format!("{items} item(s), {files} file(s), {size}")
}

/// An item's size on its line.
pub fn item_size(files: impl Display, size: impl Display) -> String {
    format!("({files} file(s), {size})")
}

/// The marker after a damaged item.
pub const DAMAGED_MARK: &str = "DAMAGED";

/// Before what a receipt did not accept of an item (the court documents' sentence, "by … at
/// transfer #… (status: reason)"), on a line under the item.
pub const NOT_ACCEPTED_MARK: &str = "NOT ACCEPTED";

/// The marker after an item a signed disposition returned or destroyed (spec §5.11): its
/// files are not in the bundle, as that event records.
pub fn disposed_mark(event: impl Display) -> String {
    format!("DISPOSED by event #{event} (its files are not in this bundle)")
}

/// An attestation's line in the verification report.
pub fn attestation(
    id: impl Display,
    kind: impl Display,
    by: impl Display,
    at: impl Display,
    items: impl Display,
    digests: impl Display,
) -> String {
    format!("{id} [{kind}] by {by} at {at}, for {items}; {digests} file digest(s)")
}

/// An attestation's first line in the inspection (its statement follows).
pub fn attestation_head(id: impl Display, kind: impl Display, by: impl Display, at: impl Display) -> String {
    format!("{id} [{kind}] by {by} at {at}:")
}

/// An attestation's last line in the inspection.
pub fn attestation_concerns(items: impl Display, digests: impl Display) -> String {
    format!("concerns {items}; {digests} file digest(s)")
}

/// A signer's mark: vouched for by the trust list, not vouched for, or no list was given.
pub fn signer_trust(trusted: Option<bool>) -> &'static str {
    match trusted {
        Some(true) => " [trusted]",
        Some(false) => " [NOT TRUSTED]",
        None => "",
    }
}

/// The end of a custody period that has not ended.
pub const NOW: &str = "now";

/// What a derived bundle proved of its original (beside "Derived from:"): whose seal, when,
/// and what the copy's files are.
pub fn derived_from(
    bundle_id: impl Display,
    sealed_by: impl Display,
    sealed_at: impl Display,
    redacted: usize,
) -> String {
    let files = match redacted {
        0 => "every file is byte-identical to the file the original's sealer signed".to_owned(),
        1 => "every file is byte-identical to the file the original's sealer signed, except 1 redacted copy \
              (marked below)"
            .to_owned(),
        n => format!(
            "every file is byte-identical to the file the original's sealer signed, except {n} redacted copies \
             (marked below)"
        ),
    };
    format!("bundle {bundle_id}, sealed by {sealed_by} at {sealed_at} (the time its seal claims); {files}")
}

/// The mark under an item of a derived bundle's file that is a redacted copy.
pub fn redacted_mark(path: impl Display) -> String {
    format!("redacted copy: {path} (not the bytes the original's sealer signed)")
}

/// The timeline's first line for a derived bundle: the original's seal, before this copy's.
pub fn original_sealed(at: impl Display, by: impl Display, bundle_id: impl Display) -> String {
    format!("{at}  original sealed by {by} (bundle {bundle_id}); this copy was derived from it")
}

/// Labels of a hand-over's lines in the timeline.
pub mod handover {
    /// The purpose of the transfer.
    pub const PURPOSE: &str = "purpose:";
    /// The legal basis of the transfer.
    pub const LEGAL_BASIS: &str = "legal basis:";
    /// The request it answers.
    pub const REQUEST: &str = "request:";
}

/// The files a custody event added, under the event.
pub fn added(files: impl Display) -> String {
    format!("added {files}")
}

/// A warning shown once for several checks with the same code.
pub fn more_like_it(n: usize) -> String {
    format!("(and {n} more like it)")
}

/// The last line of the verification report.
pub fn verified_at(at: impl Display, name: impl Display, version: impl Display) -> String {
    format!("Verified at {at} by {name} {version}")
}

/// The line after the last one when the caller chose the evaluation date of the date-based
/// advisories (spec §5.2.9).
pub fn evaluated_at(on: impl Display) -> String {
    format!("Date-based advisories evaluated as of {on} (UTC), not today")
}

/// An actor's contact details.
pub fn contact(details: impl Display) -> String {
    format!("contact: {details}")
}

/// A key an actor holds.
pub fn actor_key(fingerprint: impl Display) -> String {
    format!("key: {fingerprint}")
}

/// Pieces of the case's details that the layout joins after a field's value.
pub mod details {
    use std::fmt::Display;

    /// A file number and the authority that holds it.
    pub fn file_number(number: impl Display, authority: impl Display) -> String {
        format!("{number} at {authority}")
    }

    /// An authorisation's id and description.
    pub fn authorisation(id: impl Display, description: impl Display) -> String {
        format!("authorisation {id}: {description}")
    }

    /// An authorisation's reference.
    pub fn reference(r: impl Display) -> String {
        format!(", ref. {r}")
    }

    /// Who issued an authorisation.
    pub fn issued_by(b: impl Display) -> String {
        format!(", by {b}")
    }

    /// An authorisation's window; an open end is [`OPEN_END`].
    pub fn window(from: impl Display, until: impl Display) -> String {
        format!(", window {from} to {until}")
    }

    /// An open end of an authorisation's window.
    pub const OPEN_END: &str = "-";

    /// The accounts an authorisation covers.
    pub fn accounts(a: impl Display) -> String {
        format!(", accounts: {a}")
    }

    /// The data categories an authorisation covers.
    pub fn data(d: impl Display) -> String {
        format!(", data: {d}")
    }

    /// The digest of an authorisation's document.
    pub fn document_sha256(d: impl Display) -> String {
        format!(", document sha256 {d}")
    }

    /// Where an authorisation's document was sealed.
    pub fn sealed_as(p: impl Display) -> String {
        format!(" (sealed as {p})")
    }

    /// When a related request expires.
    pub fn expires(d: impl Display) -> String {
        format!(", expires {d}")
    }
}

/// Pieces of an item's capture provenance that the layout joins after a field's value.
pub mod provenance {
    use std::fmt::Display;

    /// What a file was derived from, and how.
    pub fn derived_from(sha256: impl Display, transformation: impl Display) -> String {
        format!("sha256 {sha256} by {transformation}")
    }

    /// A field imported from a capture file.
    pub fn imported(field: impl Display, from: impl Display, key: impl Display) -> String {
        format!("{field} from {from} ({key})")
    }

    /// How many fields were imported from capture files.
    pub fn imported_count(n: usize) -> String {
        format!("{n} field(s) read from capture files")
    }
}

/// A file of an item in the inspection (after its label).
pub fn file(name: impl Display, role: impl Display, size: impl Display, sha256: impl Display) -> String {
    format!("file: {name}{role}  {size}  sha256 {sha256}")
}

/// How many files of an item the inspection does not list, with where to find them all.
pub fn more_files_listed_elsewhere(n: usize) -> String {
    format!("... and {n} more file(s) (--format json lists all)")
}

/// Units of sizes for people, smallest first (decimal, as disk vendors and most tools print
/// them).
pub const SIZE_UNITS: [&str; 5] = ["bytes", "kB", "MB", "GB", "TB"];

/// The words of a batch verification's summary table (`custody verify A.zip B.zip …`).
pub mod batch {
    use std::fmt::Display;

    /// Column headings: the bundle file, its state, its events, its latest event, and what
    /// failed (or why it could not be checked).
    pub const COLUMNS: [&str; 5] = ["BUNDLE", "STATE", "EVENTS", "LATEST EVENT", "FAILED CHECKS / ERROR"];
    /// The state column of a bundle that could not be checked at all.
    pub const CANNOT_CHECK: &str = "NOT CHECKED";
    /// The latest event, short: its number, type and signer ("signed by": an access record or
    /// a countersignature is someone's statement that the custodian's event carries).
    pub fn latest(sequence: impl Display, event_type: impl Display, signer: impl Display) -> String {
        format!("#{sequence} {event_type} signed by {signer}")
    }
    /// The line under the table: how many bundles, and how many in each outcome.
    pub fn totals(bundles: usize, good: usize, bad: usize, unchecked: usize) -> String {
        format!(
            "{bundles} bundle(s): {good} intact or trusted, {bad} invalid or not trusted, {unchecked} could not be checked"
        )
    }
    /// What to do when some bundles could not be checked or failed.
    pub const NEXT_STEP: &str =
        "For the details of one bundle, run `custody verify BUNDLE` on it alone (its full report), or add --json here.";
    /// `--each DIR` found no bundle.
    pub fn none_found(dir: impl Display) -> String {
        format!("{dir} holds no file ending in .zip: nothing to verify")
    }
}
