//! What custody says of dispositions (spec §5.11): an item a disposition may not name, a
//! disposed file still in the bundle, an item reported disposed.

use std::fmt::Display;

/// `disposition.unknown_item`: an item the manifest does not describe.
pub(crate) fn disposition_unknown_item(event: impl Display, item: impl Display) -> String {
    format!("{event} disposes of item {item}, which the manifest does not describe")
}

/// `disposition.unknown_item`: an item an earlier disposition already returned or destroyed.
pub(crate) fn disposition_already_removed(event: impl Display, item: impl Display, earlier: u64) -> String {
    format!("{event} disposes of item {item}, which event {earlier} already returned or destroyed")
}

/// `disposition.unknown_item`: a disposition without `items` when every item was already
/// returned or destroyed.
pub(crate) fn disposition_removes_nothing(event: impl Display) -> String {
    format!("{event} disposes of every remaining item, but earlier dispositions already returned or destroyed them all")
}

/// `disposition.still_present`: a file of an item returned or destroyed is in the bundle.
pub(crate) fn disposition_still_present(path: impl Display, item: impl Display, event: u64, action: &str) -> String {
    format!(
        "{path} is still in the bundle, although event {event} recorded item {item} as {}: \
         a disposed file must be removed from the bundle and from manifest-sha256.txt",
        crate::wording::words(action)
    )
}

/// `payload.disposed`: an item's files are absent under a signed disposition.
pub(crate) fn payload_disposed(item: impl Display, files: usize, event: u64, action: &str) -> String {
    format!(
        "item {item} ({files} file(s)) is not in this bundle: event {event} recorded it as {}; \
         the manifest's signed SHA-256 values show what it was",
        crate::wording::words(action)
    )
}
