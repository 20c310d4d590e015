//! English: the court report's words as first written.

use super::{Label, Sentence};
use crate::check::Level;
use crate::wording::render::{level_label, state};

pub(super) fn label(label: Label) -> &'static str {
    // The capture record's labels are the court documents' own, capitalised as a form's labels
    // are (the text report's lowercase column labels are `wording::render::capture`).
    match label {
        Label::Title => "Verification report",
        Label::Verdict => "Verdict",
        Label::LatestEvent => "Latest event:",
        Label::Damaged => "Damaged items",
        Label::FailedCodes => "Failed checks",
        Label::Restrictions => "Restrictions on use and transfer conditions",
        Label::NoRestrictions => "The bundle states no restriction on use and no transfer condition.",
        Label::Case => "Case and legal basis",
        Label::NoCase => "The case details could not be read from the bundle.",
        Label::Items => "Items of evidence",
        Label::Path => "Path",
        Label::Size => "Size (bytes)",
        Label::Sha256 => "SHA-256",
        Label::MediaType => "Media type",
        Label::Result => "Result",
        Label::FileDamaged => "DAMAGED",
        Label::FileOk => "no failure found",
        Label::FileDisposed => "not in this bundle (returned or destroyed)",
        Label::DisposedBy => "Returned or destroyed under signed custody event",
        Label::Capture => "Capture",
        Label::NotAccepted => "Not accepted",
        Label::Attestations => "Attestations sealed with the manifest",
        Label::Statements => "Countersignatures, attached documents, examinations and access records",
        Label::NoStatements => "The bundle holds no statement.",
        Label::Timeline => "Custody timeline",
        Label::Events => "Custody events",
        Label::Checks => "Every check",
        Label::ContentChecks => "Content checks",
        Label::Code => "Code",
        Label::Level => "Level",
        Label::Message => "Message",
        Label::Appendix => "Appendix: re-verify it yourself",
        Label::About => "About this report",
        Label::Bundle => "Bundle file",
        Label::BundleId => "Bundle id",
        Label::Tool => "Verified by",
        Label::GeneratedAt => "Report made at",
        Label::VerifiedAt => "Verification ran at",
        Label::TrustList => "Trust list",
        Label::TsaRoots => "TSA roots",
        Label::NoneGiven => "none given: signers and timestamp authorities were not checked against one",
        Label::Parties => "Parties who signed",
        Label::Name => "Name",
        Label::Organisation => "Organisation",
        Label::Role => "Role",
        Label::Jurisdiction => "Jurisdiction",
        Label::Key => "Key fingerprint",
        Label::Trusted => "Trust list",
        Label::InTrustList => "in the trust list",
        Label::NotInTrustList => "NOT in the trust list",
        Label::NotChecked => "not checked",
        Label::Refused => "refused",
        Label::ShowFiles => "file(s)",
        Label::Language => "Language",
        Label::DetailsInEnglish => {
            "What each check means is given in the report's language; each check's own message, which names files and \
            values, and the details quoted from the verification are in English."
        }
        Label::Area => "Area",
        Label::CaptureKind => "Kind of capture",
        Label::CaptureSource => "Source",
        Label::CaptureFinalUrl => "Final URL",
        Label::CaptureOn => "Platform and account",
        Label::CaptureAt => "Captured at",
        Label::CaptureTool => "Tool",
        Label::CaptureMethods => "Methods",
        Label::CaptureClock => "Clock source",
        Label::CaptureEnvironment => "Environment",
        Label::CaptureSteps => "Steps taken",
        Label::CaptureBy => "Captured by",
        Label::CaptureWitnessedBy => "Witnessed by",
        Label::CaptureUnder => "Under authorisation",
        Label::CaptureAltered => "Alteration",
        Label::CaptureNote => "Note",
        Label::EnvOs => "Operating system",
        Label::EnvBrowser => "Browser",
        Label::EnvUserAgent => "User-Agent",
        Label::EnvEgressIp => "Egress IP address",
        Label::EnvExitJurisdiction => "Country of network exit",
        Label::EnvNote => "Other",
        Label::CaptureAccount => "account",
        Label::CaptureAccountId => "account id",
        Label::CaptureObject => "object",
        Label::CaseReference => "Case reference",
        Label::CaseTitle => "Title",
        Label::CaseProceeding => "Proceeding",
        Label::CaseObtainedBy => "Obtained by",
        Label::CaseUrgency => "Urgency",
        Label::CaseLegalBasis => "Legal basis",
        Label::CaseOffence => "Offence",
        Label::CaseFileNumber => "File number",
        Label::CaseRequest => "Related request",
        Label::StateInvalid => state::INVALID,
        Label::StateNotTrusted => state::NOT_TRUSTED,
        Label::StateIntact => state::INTACT,
        Label::StateTrusted => state::TRUSTED,
    }
}

pub(super) fn state_meaning(state: &str) -> &'static str {
    match state {
        "invalid" => {
            "A check failed: the bundle is damaged, altered, incomplete or malformed, or not a custody \
             bundle. Do not rely on it as it is; the failed checks below say what and where."
        }
        "not_trusted" => {
            "The bundle is intact, but a signer or timestamp authority is not vouched for by the trust \
             list or TSA roots given: who signed, or when, is not established."
        }
        "trusted" => "Every check passed, and every signer is in the trust list with the identity it claims.",
        _ => "Every check passed; the signers were not checked against a trust list.",
    }
}

pub(super) fn level_name(level: Level) -> &'static str {
    level_label(level)
}

pub(super) fn area_title(area: &str) -> Option<&'static str> {
    Some(match area {
        "access" => "Access records",
        "archive" => "ZIP container",
        "attachment" => "Attached documents",
        "attestation" => "Attestations",
        "bagit" => "BagIt structure",
        "bundle" => "Bundle",
        "commitment" => "Merkle commitment",
        "derivation" => "Derived bundle",
        "countersign" => "Countersignatures",
        "custody" => "Chain of custody",
        "disposition" => "Disposition",
        "event" => "Custody events",
        "examination" => "Examinations",
        "extract" => "Extraction",
        "key" => "Keys",
        "manifest" => "Manifest",
        "parent" => "Checked against the original",
        "payload" => "Integrity of the files",
        "preservation" => "Preservation",
        "provenance" => "Capture provenance",
        "receipt" => "Receipts",
        "retention" => "Retention",
        "signature" => "Signatures",
        "statement" => "Statements",
        "timestamp" => "Trusted timestamps",
        "log" => "Custody log",
        "trust" => "Trust in signers",
        _ => return None,
    })
}

pub(super) fn item_size(files: usize, bytes: u64) -> String {
    format!("{files} file(s), {bytes} bytes")
}

pub(super) fn timeline_description(parties: usize, events: usize) -> String {
    format!(
        "Custody timeline: {parties} part(ies) as lanes, {events} event(s) in order on the time axis; \
         arrows are hand-overs, a diamond marks a trusted time, a red cross refused items or conditions."
    )
}

pub(super) fn timeline_key() -> &'static str {
    "Lanes: the parties who signed. Dots: events, left to right in order, each with its time. \
     Arrows: a transfer to the receipt that answered it (dashed: no receipt yet). Diamond: a trusted \
     time (filled: its TSA chains to the roots given). Red cross: items or conditions refused."
}

pub(super) fn pending() -> &'static str {
    "pending: no receipt yet"
}

pub(super) fn refused_mark(items: usize, conditions: usize) -> String {
    format!("refused: {items} item group(s), {conditions} condition(s)")
}

pub(super) fn more_damaged_files(n: usize) -> String {
    format!("and {n} more damaged file(s) (see the item's files and the checks)")
}

pub(super) fn lanes_not_drawn(n: usize) -> String {
    format!("{n} more party lane(s) in this part of the timeline are not drawn: the table of parties lists every party")
}

pub(super) fn appendix_intro() -> &'static str {
    "This report comes from one verification run of the program named above. Anyone can repeat the \
     checks without it, with stock tools only. The bundle itself holds these instructions as \
     HOW-TO-VERIFY.txt:"
}

pub(super) fn more_checks(n: u64) -> String {
    format!("{n} more check(s) of this code, not listed")
}

pub(super) fn items_not_listed(n: u64) -> String {
    format!(
        "{n} more item(s) are not listed in this PDF (damaged items and items not accepted are listed first): the \
        HTML report (custody report --out report.html) and custody verify --format json list every item and every \
        file with its SHA-256"
    )
}
pub(super) fn files_not_listed(n: u64) -> String {
    format!(
        "{n} more file(s) of this item are not listed in this PDF: the HTML report (custody report --out report.html) \
        and custody verify --format json list every file with its SHA-256"
    )
}

pub(super) fn sentence(s: Sentence) -> &'static str {
    match s {
        Sentence::UseFor => "Use only for: {0}",
        Sentence::UseIn => "Use only in the proceedings: {0}",
        Sentence::UseForIn => "Use only for: {0}; only in the proceedings: {1}",
        Sentence::UseLimited => "Use is limited",
        Sentence::Speciality => "{0} (rule of speciality: any other use requires the consent of the supplying state)",
        Sentence::WithNote => "{0}. {1}",
        Sentence::OnwardAllowed => "Onward transfer allowed",
        Sentence::OnwardForbidden => "Onward transfer FORBIDDEN",
        Sentence::OnwardConsentOf => "Onward transfer only with the prior consent of {0}",
        Sentence::OnwardConsent => "Onward transfer only with the prior consent of the supplying authority",
        Sentence::Confidentiality => "Confidentiality: {0}",
        Sentence::Retention => "Retention: {0}",
        Sentence::KeepUntil => "keep until {0}",
        Sentence::ReviewBy => "review by {0}",
        Sentence::PersonalData => "Contains personal data",
        Sentence::NoPersonalData => "Contains no personal data",
        Sentence::DataSubjects => "data subjects: {0}",
        Sentence::SpecialCategories => "special categories of data: {0}",
        Sentence::Minors => "includes data about MINORS",
        Sentence::ExportApproval => "Export approval: {0}",
        Sentence::ListSep => "; ",
        Sentence::Comma => ", ",
        Sentence::TwoSentences => "{0} {1}",
        Sentence::ConditionAccepted => "{0} ({1}), set by {2} at transfer #{3}: accepted by the recipient",
        Sentence::ConditionRefused => "{0} ({1}), set by {2} at transfer #{3}: REFUSED by the recipient",
        Sentence::Pending => "Pending since {0}: transfer #{1} to {2} for “{3}”, not yet received",
        Sentence::Signer => "{0} ({1}, {2}, {3})",
        Sentence::LatestSigned => "#{0} {1} at {2}, signed by {3}",
        Sentence::LatestClaimed => "#{0} {1} at {2}, claims to be signed by {3} (NOT verified: the bundle is invalid)",
        Sentence::LatestKey => "key {0}",
        Sentence::ConfirmLatest => {
            "Confirm with the sender that this is their latest event: later events could have been removed."
        }
        Sentence::NotAcceptedBy => "by {0} at transfer #{1} ({2})",
        Sentence::NotAcceptedByWhy => "by {0} at transfer #{1} ({2}: {3})",
        Sentence::NotAcceptedAt => "at transfer #{0} ({1})",
        Sentence::MoreDamagedItems => "and {0} more damaged item(s) (see the checks below)",
        Sentence::TrustedTime => "trusted time {0} from {1} ({2} s after the claimed time)",
        Sentence::TrustedTimeUntrusted => {
            "trusted time {0} from {1} ({2} s after the claimed time) [TSA NOT TRUSTED: its root was not given]"
        }
        Sentence::SummaryInvalid => {
            "INVALID: {0} check(s) failed. Do not rely on this bundle as it is; the damaged files and the failed \
            checks are listed below."
        }
        Sentence::SummaryInvalidNothingDamaged => {
            "INVALID: {0} check(s) failed. Do not rely on this bundle as it is; the failed checks are listed below."
        }
        Sentence::SummaryNotTrustedSigner => {
            "NOT TRUSTED (intact): the files match what was signed, but at least one signer is not in your trust list \
            with the identity it claims, so who signed is not vouched for. Check the key with its holder before \
            relying on it. Removing the last custody events, or a copy that a former custodian continued separately \
            (a fork), leaves no trace: confirm the latest event below with the sender."
        }
        Sentence::SummaryNotTrustedTsa => {
            "NOT TRUSTED (intact): the files match what was signed, but a timestamp comes from a TSA whose root is \
            not among the TSA roots given, so its time is not vouched for. Check the key with its holder before \
            relying on it. Removing the last custody events, or a copy that a former custodian continued separately \
            (a fork), leaves no trace: confirm the latest event below with the sender."
        }
        Sentence::SummaryNotTrustedBoth => {
            "NOT TRUSTED (intact): the files match what was signed, but at least one signer is not in your trust list \
            with the identity it claims, and a timestamp comes from a TSA whose root is not among the TSA roots \
            given. Check the key with its holder before relying on it. Removing the last custody events, or a copy \
            that a former custodian continued separately (a fork), leaves no trace: confirm the latest event below \
            with the sender."
        }
        Sentence::SummaryIntact => {
            "INTACT: every file matches what was signed and the custody events form an unbroken signed chain. The \
            signers' keys were not checked against a trust list (none was given). Removing the last custody events, \
            or a copy that a former custodian continued separately (a fork), leaves no trace: confirm the latest \
            event below with the sender."
        }
        Sentence::SummaryTrusted => {
            "TRUSTED: every file matches what was signed, the custody events form an unbroken signed chain, and every \
            signer is in your trust list. Removing the last custody events, or a copy that a former custodian \
            continued separately (a fork), leaves no trace: confirm the latest event below with the sender."
        }
        Sentence::ContainerNotChecked => {
            "This is an unzipped bundle (a folder): its files were checked, but the ZIP container itself was not (the \
            container checks do not apply to a folder). The sealed evidence is the original .zip file: keep it, and \
            hand that on, not the folder."
        }
        Sentence::ContainerNotApplicable => "Not applicable to a folder: {0}.",
        Sentence::EventSealed => "sealed by {0}",
        Sentence::EventTransfer => "transfer to {0} for \"{1}\"",
        Sentence::EventRequest => ", request {0}",
        Sentence::EventConditions => ", {0} condition(s)",
        Sentence::EventReceipt => "receipt of transfer {0}: {1}",
        Sentence::EventReason => " ({0})",
        Sentence::EventItemsNotAccepted => ", {0} item(s) not accepted",
        Sentence::EventConditionsRefused => ", {0} condition(s) refused",
        Sentence::EventRetentionExtended => "retention extended until {0} by {1} (reason: {2})",
        Sentence::EventReturned => "{0} returned to {1} by {2} (reason: {3})",
        Sentence::EventDestroyed => "{0} destroyed by {1}, method: {2} (reason: {3})",
        Sentence::EventDisposed => "disposition {0} of {1} by {2} (reason: {3})",
        Sentence::EventDerived => "derived copy {0} made by {1}: {2}",
        Sentence::EventRedacted => ", {0} file(s) redacted",
        Sentence::EventCountersigned => "{0} {1} ({2}) countersigned {3}, added by {4}",
        Sentence::EventAttached => "{0} {1} ({2}) attached a document: {3}, added by {4}",
        Sentence::EventExamined => "{0} {1} ({2}) examined {3}, added by {4}",
        Sentence::EventAccessed => "access by {0} ({1}) for {2}: {3}, added by {4}",
        Sentence::EventCarrier => "{0} carrying the statement {1}",
        Sentence::DocumentSummary => "{0} (ref {1}, dated {2}, {3})",
        Sentence::ExaminationSummary => "{0} with {1} {2} ({3})",
        Sentence::AndMore => " and {0} more",
        Sentence::AllItems => "all items",
        Sentence::OneItem => "item {0}",
        Sentence::SomeItems => "items {0}",
        Sentence::OneEvent => "event {0}",
        Sentence::SomeEvents => "events {0}",
        Sentence::OneFile => "1 file",
        Sentence::SomeFiles => "{0} files",
        Sentence::OneResultFile => "1 result file",
        Sentence::SomeResultFiles => "{0} result files",
        Sentence::StatementBy => "statement by {0} ({1}), key {2}, made {3}",
        Sentence::StatementByIn => "statement by {0} ({1}), key {2}, made {3} in {4}",
        Sentence::StatementText => "\"{0}\"",
        Sentence::DocumentLine => "{0} {1}, dated {2}, in {3}",
        Sentence::DocumentLineTitled => "{0} {1}, dated {2}, in {3}: \"{4}\"",
        Sentence::ExaminationLine => "examined {0} with {1} {2}",
        Sentence::ParametersLine => "parameters: {0}",
        Sentence::ConclusionLine => "conclusion: {0}",
        Sentence::NotABundle => {
            "this is not a custody bundle ({0}). {1} It counts as invalid: a damaged or tampered bundle can look like \
            this."
        }
        Sentence::NotABundleEmpty => "the file is empty",
        Sentence::NotABundleWebPage => {
            "it is a web page (HTML text), not a ZIP archive; a download link may have saved the page instead of the \
            file"
        }
        Sentence::NotABundleCutShort => {
            "it is a ZIP archive cut short: the file ends before the ZIP's closing directory, as happens when a \
            download or copy stops early"
        }
        Sentence::NotABundleOtherFile => "it is not a ZIP archive at all",
        Sentence::NotABundleOtherZip => {
            "it is a ZIP archive, but has neither bagit.txt nor custody/manifest.json in a folder custody-<id>/ at \
            its top"
        }
        Sentence::NotABundleRezippedTopLevel => {
            "it is a re-zipped bundle: someone unpacked a bundle and packed its files again with another ZIP tool, \
            which writes the ZIP differently from custody. The checks apply to the bundle file exactly as sealed, not \
            to a re-packed copy"
        }
        Sentence::NotABundleRezippedInFolder => {
            "it is a re-zipped bundle: someone unpacked a bundle and packed its files into a new ZIP, inside the \
            folder '{0}'. The checks apply to the bundle file exactly as sealed, not to a re-packed copy"
        }
        Sentence::TodoAskAgain => "Ask the sender for the bundle again.",
        Sentence::TodoDownloadAgain => "Download the bundle itself again.",
        Sentence::TodoCompareSize => "Get the file again and compare its size with the sender's.",
        Sentence::TodoCheckFile => "Check that you were given the right file.",
        Sentence::TodoAskForOriginal => "Ask the sender for the original .zip file, and pass it on unchanged.",
        Sentence::SummaryNotABundle => "INVALID: {0}",
        Sentence::ContainerNotCheckedRefused => {
            "This is an unzipped bundle (a folder), refused before its files were checked; the ZIP container itself \
            was not checked either (the container checks do not apply to a folder). The sealed evidence is the \
            original .zip file: keep it, and hand that on, not the folder."
        }
        Sentence::ContainerBreaksRules => {
            "the ZIP container breaks the sealed format's rules (as happens when another tool packs the bundle's \
            files again, or when the file was damaged or edited)"
        }
        Sentence::SummaryRepackedHolds => {
            "INVALID: {0}, so this ZIP file cannot be vouched for as the sealed bundle; its content checks say the \
            evidence and the signatures still hold. {1}"
        }
        Sentence::SummaryRepackedDoesNotHold => {
            "INVALID: {0}, so this ZIP file cannot be vouched for as the sealed bundle; its content checks say the \
            evidence or the signatures do NOT hold: see the content checks. {1}"
        }
        Sentence::ContentHolds => {
            "Content checks ({0}): the evidence and the signatures still hold: every file read from this ZIP file \
            matches what the sealer signed. Only {1}."
        }
        Sentence::ContentDoesNotHold => {
            "Content checks ({0}): the evidence or the signatures do not hold as read from this ZIP file: {1} content \
            check(s) failed ({2}), listed below."
        }
    }
}

/// English words are the format's own names, spaced (`crate::wording::words`).
pub(super) fn term(_name: &str) -> Option<&'static str> {
    None
}
