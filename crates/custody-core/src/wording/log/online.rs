//! The custody log's online check (`custody verify --log`, spec §6.5, §9.1 step 10c): why a
//! lookup's answer proves nothing (the text of each `LookupError`), and the messages of the
//! online `log.*` checks; re-exported by `wording::log`.

use std::fmt::Display;

/// `LookupError::Inconsistent`: the log signed two trees of one size.
pub fn lookup_two_roots(size: u64) -> String {
    format!(
        "the log signed two trees of {size} entries with different roots (a stored checkpoint of this copy and its \
         answer's, or the answers to two lookups): the log signed two histories"
    )
}

/// `LookupError::Older`.
pub fn lookup_older(stored: u64, answered: u64) -> String {
    format!(
        "the log's answer (tree of {answered} entries) is older than this copy's newest stored checkpoint (tree of \
         {stored}): a replayed answer or a lagging mirror"
    )
}

/// `LookupError::Unproven`.
pub fn lookup_unproven(from: u64, to: u64) -> String {
    format!(
        "the log's answer does not prove that its checkpoint (tree of {to} entries) extends this copy's newest stored \
         checkpoint (tree of {from}): its consistency proof is missing or wrong"
    )
}

/// A lookup's answer that is not the API's.
pub fn lookup_malformed(why: impl Display) -> String {
    format!("the log's lookup answer is not the API's: {why}")
}

/// A lookup's answer with an entry its checkpoint does not hold.
pub fn lookup_not_included(index: u64, size: u64) -> String {
    format!("the log's lookup answer claims entry {index}, but its proof does not show it in the signed tree of {size}")
}

/// A lookup's answer with too many entries.
pub fn lookup_too_many(found: usize, max: usize) -> String {
    format!("it holds {found} entries, more than the {max} a lookup may answer")
}

/// A lookup's answer with a malformed hash.
pub const LOOKUP_BAD_HASH: &str = "a slot, commitment or proof hash is not 64 lowercase hex digits";
/// A lookup's answer with an unknown entry kind.
pub const LOOKUP_BAD_KIND: &str = "an entry's kind is neither event nor conflict";
/// A lookup's answer about other slots than those asked.
pub const LOOKUP_OTHER_SLOTS: &str =
    "its slots are not the ones asked, in the order asked, or a slot holds more entries than a log keeps";
/// A lookup's answer with two accepted events at one slot.
pub const LOOKUP_TWO_EVENTS: &str = "a slot holds two accepted events";
/// `LookupError::Grew`.
pub const LOOKUP_GREW: &str = "the log's tree grew between the lookups of one check (from the newest stored \
                                checkpoint and from one before a missing or invalid proof): ask again";
/// A lookup's answer naming one entry twice (a conflict count padded).
pub const LOOKUP_REPEATED: &str = "a slot names the same entry index twice";

/// `log.truncated`.
pub(crate) fn log_truncated(last: u64, next: u64, index: u64, size: u64) -> String {
    format!(
        "the custody log holds event {next} of this bundle (entry {index} of its signed tree of {size}), after this \
         copy's last event {last}: this copy is not the latest; ask the current custodian for the latest copy and \
         verify that one"
    )
}

/// `log.forked`.
pub(crate) fn log_forked(event: impl Display, index: u64, size: u64) -> String {
    format!(
        "the custody log's accepted event at the place of {event} is another one (entry {index} of its signed tree \
         of {size}): another copy of this bundle was continued, and this copy's event is not the one the log holds"
    )
}

/// `log.conflicts_recorded`.
pub(crate) fn log_conflicts_recorded(event: impl Display, conflicts: usize) -> String {
    format!(
        "the custody log recorded {conflicts} refused claim(s) of another event at the place of {event}: someone \
         holding a copy of this bundle tried to continue it differently"
    )
}

/// `log.not_logged`.
pub(crate) fn log_not_logged(event: impl Display, size: u64) -> String {
    format!("the custody log (signed tree of {size}) holds no event at the place of {event}: it was never logged")
}

/// `log.included`, for an event without a stored proof found in the log online.
pub(crate) fn log_included_online(event: impl Display, index: u64, size: u64) -> String {
    format!("{event} has no stored proof, but the custody log holds it now: entry {index} of its signed tree of {size}")
}

/// `log.latest`.
pub(crate) fn log_latest(url: impl Display, last: u64, size: u64) -> String {
    format!(
        "the custody log at {url} answered no event after this copy's last, event {last} (its signed tree of {size} \
         is proven to extend this copy's stored checkpoints and holds every event they show); that there is none \
         is only the answer's word, which is not signed: ask over a connection you trust, or audit the log with \
         custody log monitor --audit"
    )
}

/// `log.unreachable`.
pub(crate) fn log_unreachable(why: impl Display) -> String {
    format!("the custody log could not be checked online, so whether this copy is the latest is not known: {why}")
}

/// `log.unreachable`, for an answer without an event a stored proof shows in the log.
pub(crate) fn lookup_left_out(event: impl Display, index: u64) -> String {
    format!(
        "the log's answer leaves out an entry this copy's stored proofs show: {event} is entry {index} by its stored \
         proof, and the answer does not hold it as accepted at that index"
    )
}

/// `log.unreachable`, for a bundle whose manifest names no log.
pub(crate) const LOG_ONLINE_NO_LOG: &str = "the manifest names no custody log (and no verifier key to check one)";

/// `log.unreachable`, for a bundle whose manifest could not be read.
pub(crate) const LOG_ONLINE_NO_MANIFEST: &str =
    "the manifest could not be read, so the custody log it names (if any) is not known";

/// `log.unreachable`, for a bundle none of whose events could be read.
pub(crate) const LOG_ONLINE_NO_EVENTS: &str = "no event of this copy could be read, so there is nothing to look up";

/// `log.unreachable`, for a bundle whose id is no bundle id.
pub(crate) const LOG_ONLINE_NO_ID: &str =
    "the manifest's bundle id is not 32 hex digits, so the copy has no places in a log";

/// `custody verify --log` with several bundles.
pub const LOG_ONLINE_ONE_BUNDLE: &str = "--log checks one bundle at a time against its custody log: give one bundle";

/// `log.included`, for a proof whose consistency cannot be checked: a proof before it is
/// missing or invalid.
pub(crate) fn log_included_unchained(event: impl Display, index: u64, size: u64) -> String {
    format!(
        "{event} is entry {index} of the custody log, in its signed tree of {size}; its consistency with the \
         checkpoint before is not checkable, as a proof before it is missing or invalid: the stored proofs do not \
         show whether the log kept one history (custody verify --log proves the log's tree extends both)"
    )
}

// The outcome of the online check in one sentence: the text report's `Custody log:` line and
// the JSON report's `log.summary` (spec §9.3).

/// How many of the copy's `events` the log's signed tree of `size` entries is proven to hold
/// (`included`), and how many it never got.
fn events_in_log(included: u64, events: u64, size: u64) -> String {
    let tree = format!("its signed tree of {size} entries");
    match (included, events) {
        (1, 1) => format!("this copy's one event is proven in {tree}"),
        (0, 1) => format!("this copy's one event is not in {tree} (log.not_logged below)"),
        (0, e) => format!("none of this copy's {e} events is in {tree} (log.not_logged below)"),
        (i, e) if i == e => format!("all {e} of this copy's events are proven in {tree}"),
        (i, e) => {
            format!("{i} of this copy's {e} events are proven in {tree}, {} never logged (log.not_logged below)", e - i)
        }
    }
}

/// What was asked and answered when the log holds the copy's last event `last` and answered no
/// later one: that answer is the log's unsigned word (`log.latest`), never proof that none exists.
pub(crate) fn outcome_latest(url: impl Display, last: u64, included: u64, events: u64, size: u64) -> String {
    format!(
        "asked at {url} for an event after this copy's last (#{last}), the log answered none: its word, not signed \
         (see log.latest), so confirm with the sender if it matters; {}",
        events_in_log(included, events, size)
    )
}

/// The log answered no event after the copy's last, `last`, but does not hold `last` itself
/// (written with `--log-optional`, or never logged): it cannot say whether this copy is the latest.
pub(crate) fn outcome_unlogged(url: impl Display, last: u64, included: u64, events: u64, size: u64) -> String {
    format!(
        "asked at {url}: this copy's last event (#{last}) is NOT in the log, so the log cannot tell whether a later \
         copy exists; it answered no event after #{last} (its word, not signed); {}. Confirm the bundle's last \
         event with the sender",
        events_in_log(included, events, size)
    )
}

/// The log holds event `later` of this bundle, after the copy's last, `last`.
pub(crate) fn outcome_not_latest(url: impl Display, last: u64, later: u64) -> String {
    format!(
        "checked at {url}: NOT the latest copy: the log holds a later event, #{later}, after this copy's last \
         (#{last}). The events this copy holds may be genuine, but the bundle went on: ask the current custodian for \
         the latest copy and verify that one"
    )
}

/// The log holds another event at the place of the copy's event `first` (and of `more` others).
pub(crate) fn outcome_forked(url: impl Display, first: u64, more: usize) -> String {
    let others = match more {
        0 => String::new(),
        n => format!(" (and {n} later one(s))"),
    };
    let from = match first.checked_sub(1) {
        Some(before) => {
            format!("another copy of this bundle was continued from #{before} and the log accepted that one")
        }
        None => "another seal event holds this bundle's first place".to_owned(),
    };
    format!(
        "checked at {url}: a FORK: the log holds another event at the place of this copy's #{first}{others}: {from}, \
         so this copy's events from #{first} on are not the bundle's history. Ask the current custodian for the copy \
         the log holds"
    )
}

/// The log's answer contradicts the checkpoints it signed before, or (`stored`) this copy's stored
/// checkpoints contradict each other: it showed two histories.
pub(crate) fn outcome_inconsistent(url: impl Display, stored: bool) -> String {
    let (at, how) = if stored {
        ("not asked at", "this copy's stored proofs show it signed two different histories")
    } else {
        ("checked at", "it signed two different histories")
    };
    format!(
        "{at} {url}: the LOG MISBEHAVED: {how} (log.checkpoints_inconsistent below); whether this copy is the latest \
         is not known: keep both checkpoints as evidence and tell the log's operator and its monitors"
    )
}

/// How much of a `log.unreachable` reason the outcome line repeats (the check says it whole).
const WHY_SHOWN: usize = 200;

/// The log could not be asked, or its answer proved nothing (`why`, a `log.unreachable` reason,
/// shortened to [`WHY_SHOWN`] characters: it may carry the log's own words).
pub(crate) fn outcome_not_checked(url: Option<&str>, why: impl Display) -> String {
    let at = url.map(|u| format!(" at {u}")).unwrap_or_default();
    let why = why.to_string();
    let why = match why.char_indices().nth(WHY_SHOWN) {
        Some((cut, _)) => format!("{}… (log.unreachable below)", &why[..cut]),
        None => why,
    };
    format!("could not be asked{at}: {why}; whether this copy is the latest is not known")
}

/// The manifest names no custody log: there is nothing to ask (`given`: the `--log=URL`, not used,
/// as no verifier key is pinned to check its answer with).
pub(crate) fn outcome_no_log(given: Option<&str>) -> String {
    match given {
        Some(url) => format!(
            "not asked: this bundle's manifest names no custody log, so {url} (given with --log) was not asked: no \
             verifier key is pinned to check its answer; whether this copy is the latest is not known"
        ),
        None => "not asked: this bundle's manifest names no custody log; whether this copy is the latest is not known"
            .to_owned(),
    }
}

/// The summary of a copy whose only failures are the log's verdict that it is not the latest
/// (`log.truncated`): the verdict stays INVALID (spec §9.2), the remedy is another copy.
pub(crate) fn summary_not_latest() -> &'static str {
    "INVALID: this copy is not the latest: the custody log holds a later event of this bundle (see Custody log). \
     Its files and signed events check up to its last event, but do not rely on it as it is: ask the current \
     custodian for the latest copy and verify that one."
}

/// The summary of a copy whose only failures are the log's verdict that another copy was
/// continued (`log.forked`, perhaps with `log.truncated`); `at_seal`: the log holds another
/// seal event (place #0), so no event of this copy is the bundle's history.
pub(crate) fn summary_forked(at_seal: bool) -> &'static str {
    if at_seal {
        "INVALID: a fork at the seal: the custody log holds another seal event at this bundle's first place (see \
         Custody log). Do not rely on any of this copy's events: ask the current custodian for the copy the log holds \
         and verify that one."
    } else {
        "INVALID: a fork: another copy of this bundle was continued and the custody log holds that one's events (see \
         Custody log). Do not rely on this copy's events from the forked one on: ask the current custodian for the \
         copy the log holds and verify that one."
    }
}

/// What replaces the summary's truncation limit (`TRUNCATION_LIMIT`) when the custody log was
/// asked and holds the copy's last event with no later one (outcome `latest`): the limit is
/// narrowed, not lifted, as the answer of no later event is not signed.
pub(crate) const SUMMARY_LIMIT_ASKED: &str = "Removing the last custody events leaves no trace in the bundle itself; the \
     custody log was asked and answered no later event (see Custody log), but that answer is not signed: for \
     certainty, confirm the latest event below with the sender.";

// ---------------------------------------------------------------------------------------
// A saved answer (`custody verify --checkpoint FILE`, tlog/saved.rs)
// ---------------------------------------------------------------------------------------

/// A saved file that is neither a saved answer nor a checkpoint note.
pub const SAVED_NOT_A_NOTE: &str = "neither a saved answer (JSON) nor a signed checkpoint note";

/// `SavedError::Unreadable`.
pub fn saved_unreadable(why: impl Display) -> String {
    format!("it is not a custody log answer saved by custody verify --save-log-answer ({why})")
}

/// Where the outcome came from when it is a saved answer: stands for the log's address.
pub(crate) fn saved_label(url: impl Display, file: impl Display) -> String {
    format!("{url} (its answer as saved in {file}, offline)")
}

/// A saved answer (offline) shows no event after the copy's last, `last`: what it proves, and why
/// that is not `latest` (its entry lists are not signed; it may be old).
pub(crate) fn saved_no_later(last: u64, included: u64, events: u64, size: u64) -> String {
    format!(
        "the saved answer proves that {included} of this copy's {events} events, its last (#{last}) among them, are \
         included in the log's signed tree of {size} entries; that it shows no later event proves nothing offline \
         (its entry lists are not signed and it may be old): only asking the log (custody verify --log) or a fresh \
         answer can say whether this copy is the latest"
    )
}

/// The saved file has no lookup from the stored checkpoint the check starts from.
pub(crate) fn saved_not_from(from: Option<u64>, had: &str) -> String {
    let from =
        from.map_or_else(|| "no stored checkpoint".to_owned(), |n| format!("a stored checkpoint of {n} entries"));
    format!(
        "the saved answer holds no lookup from {from} (it holds lookups from: {had}); it was saved for another copy: \
         save one for this copy with custody verify --log --save-log-answer FILE"
    )
}

/// The saved answer names another bundle.
pub(crate) fn saved_other_bundle(theirs: impl Display) -> String {
    format!("the saved answer is for bundle {theirs}, not this one")
}

/// A bare checkpoint note whose signature does not verify under the manifest's key.
pub(crate) fn saved_checkpoint_bad(why: impl Display) -> String {
    format!("the saved checkpoint is not the log's: {why}")
}

/// A bare checkpoint equal to the copy's newest stored one: consistent, nothing more.
pub(crate) fn saved_checkpoint_same(file: impl Display, size: u64) -> String {
    format!(
        "not known from {file}: it holds only a checkpoint, the same tree of {size} entries as this copy's newest \
         stored one (so the log showed no other history at that size); a checkpoint alone proves nothing about later \
         or other events of this bundle: save the log's full answer with custody verify --log --save-log-answer FILE \
         and check with that; whether this copy is the latest is not known"
    )
}

/// A bare checkpoint of another size than the copy's newest stored one.
pub(crate) fn saved_checkpoint_other_size(file: impl Display, size: u64, stored: Option<u64>) -> String {
    let stored = stored.map_or_else(
        || "this copy stores no checkpoint".to_owned(),
        |s| format!("this copy's newest stored one has {s}"),
    );
    format!(
        "not known from {file}: it holds only a checkpoint, of {size} entries ({stored}); without the log's proofs a \
         checkpoint proves nothing about this copy offline: save the log's full answer with custody verify --log \
         --save-log-answer FILE and check with that; whether this copy is the latest is not known"
    )
}

/// `--save-log-answer` when no answer was proven.
pub const SAVE_NOTHING: &str = "no answer of the custody log was proven, so nothing was saved (--save-log-answer)";

/// `--save-log-answer FILE` naming a file that already exists (it may be the bundle itself).
pub fn save_exists(path: impl std::fmt::Display) -> String {
    format!("--save-log-answer {path}: that file already exists; custody never overwrites a file, choose a new name")
}
