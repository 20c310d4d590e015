//! The pending event of a logged append (handover/pending.rs, docs/custody-log.md §5.2): why a
//! pending-event file is refused, what completing one did, and what to run when one is kept;
//! re-exported by `wording::log`.

use std::fmt::Display;

/// `Error::PendingFirst` for a command writing to another output while an event is pending
/// beside its input.
pub const PENDING_FIRST: &str = "an output copy leaves the input untouched, so complete it first: custody recover \
     BUNDLE (or any command that changes BUNDLE in place), then run this command";
/// `Error::PendingFirst` for `--out OUT` when an interrupted run with the same output left its
/// event pending beside OUT.
pub const PENDING_OUT_FIRST: &str = "it was signed for this --out, whose run was interrupted after the custody log got \
     it; complete it into OUT first: custody recover BUNDLE --out OUT (the input is not changed)";
/// The command that completes an event kept pending for `bundle` (in place), or for a `--out`
/// run from `bundle` into `out` (kept beside `out`).
pub fn recover_command(bundle: &std::path::Path, out: Option<&std::path::Path>) -> String {
    match out {
        Some(out) => format!("custody recover {} --out {}", bundle.display(), out.display()),
        None => format!("custody recover {}", bundle.display()),
    }
}
/// Why a new event's logging failed when its event is kept pending (`why`, the client's reason;
/// without the advice of `--log-optional`, which does not complete a kept event).
pub fn pending_not_logged(why: impl Display) -> String {
    format!("the event could not be logged in the custody log the bundle names ({why})")
}
/// A resubmission the log refused with a definite answer (a 4xx other than the slot taken).
pub fn pending_log_refused(why: impl Display) -> String {
    format!("the custody log refused it ({why}), so it cannot be logged as it is")
}
/// A file the signed pending event binds, given by reference, cannot be read as it was (the
/// way out is to put it back: the log may hold the event, which only that file completes).
pub fn pending_reference_unreadable(file: impl Display, why: impl Display) -> String {
    format!(
        "the attached file it refers to, {file}, cannot be read as the event binds it ({why}); the event is genuine \
         and the custody log may hold it, so put that file back as it was, then run the command again (move the \
         pending file away only if the log does not hold the event)"
    )
}
/// A file the signed pending event binds, given by reference, has other bytes than it binds.
pub fn pending_reference_changed(file: impl Display) -> String {
    pending_reference_unreadable(file, "its bytes are not those the event binds: it was changed")
}
/// Why a referenced file cannot be read: not a regular file.
pub const REFERENCE_NOT_REGULAR: &str = "it is not a regular file (custody never follows a link to one)";
/// Why a referenced file cannot be read: shorter than the range the event binds.
/// (Its length is not told: the path comes from the untrusted pending file.)
pub fn reference_too_short(size: u64, offset: u64) -> String {
    format!("it is shorter than the {size} bytes from {offset} the event binds")
}
/// Why a referenced file cannot be read: it was cut short while read.
pub const REFERENCE_CHANGED_WHILE_READ: &str = "it changed while read";
/// A reference whose size is not the one the signed statement gives for its file.
pub fn pending_reference_not_signed_size(path: impl Display) -> String {
    pending_unreadable(format!("the size it gives for {path} is not the one the signed statement gives"))
}
/// A reference whose path cannot be decoded.
pub const REFERENCE_BAD_PATH: &str = "a reference names no path (exactly one of file and file_base64)";
/// A reference whose path is not absolute.
pub fn reference_not_absolute(path: impl Display) -> String {
    format!("the reference {path} is not an absolute path")
}
/// Why a file's path cannot be kept on this system (not Unix, not UTF-8).
#[cfg(not(unix))]
pub const REFERENCE_NOT_UTF8: &str = "its path is not UTF-8, which a pending event can hold only on Unix";
/// A pending file entry with neither inline bytes nor a reference, or both.
pub fn neither_inline_nor_reference(path: impl Display) -> String {
    format!("{path}: neither its bytes nor where they lie, or both")
}
/// A file that must be held inline (the event, its token) given by reference.
pub fn not_held_inline(path: impl Display) -> String {
    format!("{path} is not held in it")
}
/// `Error::PendingLogged`: the append failed (`why`) after the custody log accepted the event
/// (`logged`), or after a `--log-optional` run's log failed (it may hold the event); the event is
/// kept in `file` and completed by `command`.
pub fn pending_logged_not_appended(
    why: impl Display,
    file: impl Display,
    command: impl Display,
    logged: bool,
) -> String {
    let (how, when) = if logged {
        ("The custody log accepted the event before this failed, so the event is logged and kept", "")
    } else {
        (
            "The custody log did not confirm the event before this failed (it may hold it), so the event is kept",
            " once the log answers",
        )
    };
    format!(
        "{why}. {how}, signed, in {file}; do not move that file away: put right what failed (the attached file back \
         as it was, room on the disk), then run {command}, which appends that very event{when}"
    )
}
/// The pending file is a link, a FIFO or a directory.
pub const PENDING_NOT_REGULAR: &str = "it is not a regular file (custody never follows a link to one)";
/// The pending file holds no single event document.
pub const PENDING_NOT_ONE_EVENT: &str = "it does not hold exactly one event document";
/// A pending file beside a bundle whose manifest names no custody log (custody never writes one).
pub const PENDING_NO_LOG: &str = "the bundle names no custody log, and custody keeps a pending event only for a \
     bundle that does, so this file was not written by custody for it";
/// The log answers that the pending event's slot holds another event.
pub const PENDING_SLOT_TAKEN: &str = "the custody log holds another event at its slot, so this one can never be \
     logged";
/// Resubmitting a pending event failed (`why`, the log's or the connection's reason).
pub fn pending_resubmit_failed(why: impl Display) -> String {
    format!(
        "the event an interrupted command signed could not be resubmitted to the custody log ({why}); the command \
         asked for did not run and nothing was changed"
    )
}
/// The pending file was written for the bundle before another change.
pub const PENDING_BUNDLE_CHANGED: &str = "the bundle changed since the event was signed (its size or its last bytes \
     differ), so the event no longer extends it";
/// `recover INPUT --out OUT` where OUT exists and does not hold the pending event.
pub const PENDING_OUT_EXISTS: &str = "the output already exists and does not hold this event, and custody never \
     completes an event into an existing file (it may be the input itself, or a link to it); move that file away, \
     then run custody recover INPUT --out OUT again";
/// A pending return or destruction found beside a bundle it would be appended to.
pub const PENDING_REMOVAL_IN_PLACE: &str = "it is a return or a destruction, which custody writes only as a new \
     bundle without the items' files, never appended to a bundle that still holds them; to complete it, move \
     this file to OUT.custody-pending-event (OUT: the new bundle's path, which must not exist yet), then run \
     custody recover INPUT --out OUT, INPUT being the bundle it was signed for";
/// The pending file a return or a destruction is completed from does not hold one (it was
/// replaced after it was read as one, or never was).
pub const PENDING_NOT_REMOVAL: &str = "its event is not a return or a destruction, so no bundle without the items' \
     files is written for it";
/// The pending files are not exactly those the event binds.
pub const PENDING_FILES_UNBOUND: &str = "the files it would add are not exactly those its event binds";
/// The pending event's signature does not verify.
pub const PENDING_BAD_SIGNATURE: &str = "its event's signature does not verify under the key it names";

/// The pending file is over its limit.
pub fn pending_too_large(limit: u64) -> String {
    format!("it is larger than {limit} bytes, more than any pending event")
}

/// A pending event that would be larger than recovery reads: refused before it is submitted.
pub fn pending_too_large_to_keep(len: usize, limit: u64) -> String {
    format!(
        "the pending event would be {len} bytes, more than the {limit} bytes custody reads back; it was not submitted"
    )
}
/// What to do about a pending event too large to keep.
pub const PENDING_TOO_LARGE_REMEDY: &str = "add or attach fewer files in one command";

/// The pending file cannot be read as one.
pub fn pending_unreadable(why: impl Display) -> String {
    format!("it is damaged or was not written by this version of custody ({why})")
}

/// Why a pending file is unreadable: another format tag.
pub fn pending_format(format: &str) -> String {
    format!("format {format:?}")
}
/// Why a pending file is unreadable: a path given twice.
pub fn pending_path_twice(path: impl Display) -> String {
    format!("{path} twice")
}
/// Why a pending file is unreadable: a file's base64 does not decode.
pub fn pending_bad_base64(path: impl Display) -> String {
    format!("{path}: bad base64")
}
/// Why a pending file is unreadable: its event document is not at its own path.
pub fn pending_event_misnamed(path: impl Display) -> String {
    format!("{path} does not hold the event its name says")
}
/// Why a pending file is unreadable: a file its event needs is not in it.
pub fn pending_lacks(path: impl Display) -> String {
    format!("no {path}")
}
/// Why a pending file is unreadable: a file its event type may not add.
pub fn pending_may_not_add(event_type: &str, path: impl Display) -> String {
    format!("a {event_type} event may not add {path}")
}
/// Why a pending file is unreadable: a file the bundle holds already.
pub fn pending_already_has(path: impl Display) -> String {
    format!("the bundle already has {path}")
}
/// Why a pending file is unreadable: the key file is not the signer's.
pub fn pending_not_signer_key(path: impl Display) -> String {
    format!("{path} is not the signer's key")
}

/// The pending file or its event names another bundle.
pub fn pending_other_bundle(theirs: &str, ours: &str) -> String {
    format!("it is for bundle {theirs}, not this bundle ({ours})")
}

/// The pending event is not the bundle's next.
pub fn pending_not_next(sequence: u64, last: u64) -> String {
    format!("its event #{sequence} does not follow this bundle's last event (#{last})")
}

/// The pending event breaks a custody rule.
pub fn pending_rule(code: impl Display) -> String {
    format!("its event breaks a custody rule ({code})")
}

/// The pending event's token does not verify.
pub fn pending_bad_token(why: impl Display) -> String {
    format!("its trusted-time token does not verify ({why})")
}

/// What completing a pending event did, said on stderr before the command goes on.
pub fn pending_resumed(bundle: impl Display, sequence: u64, event_type: &str, logged: Option<(u64, u64)>) -> String {
    let log = match logged {
        Some((index, size)) => format!("the log answered it again (entry {index}, tree of {size} entries)"),
        None => "the log answered it again".into(),
    };
    format!(
        "{bundle}: completed the {event_type} event #{sequence} an interrupted command had signed and submitted: \
         {log}, and it was appended with that proof"
    )
}

/// A pending event completed without a trusted-time token (the pending file carried none; its
/// presence is not bound by anything the holder signed).
pub fn pending_without_token(bundle: impl Display, sequence: u64) -> String {
    format!(
        "{bundle}: note: event #{sequence} was completed without trusted time (its pending file held no token); if \
         trusted time was asked for (--tsa), add it with custody timestamp"
    )
}

/// Said when a command is interrupted after it kept a signed event for the custody log in
/// `file`, beside `beside` (the bundle changed in place, or the output of a `--out` run).
pub fn pending_after_interrupt(file: impl Display, beside: impl Display) -> String {
    format!(
        "{file} holds the event it signed, which the custody log may hold already: custody recover {beside} (or the \
         next command changing it in place) completes it if {beside} is the bundle; if {beside} is the --out of that \
         command, custody recover INPUT --out {beside} does; to cancel it, verify the bundle with --log and, if the \
         log does not hold it, move that file away"
    )
}

/// A pending event the bundle already held.
pub fn pending_already_in_bundle(bundle: impl Display, sequence: u64) -> String {
    format!("{bundle}: event #{sequence} of an interrupted command was already appended; its pending file was removed")
}
