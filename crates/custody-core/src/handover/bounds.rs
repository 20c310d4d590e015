//! The format's bounds on what a writer appends (spec §9.4): no event beyond the most a
//! bundle may hold, no event larger than a signed document may be. Checked on the event
//! about to be signed, before anything is written, so that a writer never makes a bundle
//! its verifier refuses.

use crate::Error;
use crate::layout::{MAX_EVENTS, MAX_SIGNED_DOCUMENT};

/// Refuses event `sequence` whose document is `size` bytes if it would break a bound:
/// [`MAX_EVENTS`] events in a bundle, [`MAX_SIGNED_DOCUMENT`] bytes in a document.
pub(super) fn check_new_event(sequence: u64, size: u64) -> Result<(), Error> {
    if sequence >= MAX_EVENTS {
        return Err(Error::BadInput {
            field: "bundle",
            why: format!("it holds {sequence} events, the most a bundle may hold ({MAX_EVENTS})"),
            remedy: Some(
                "extract the evidence and seal it in a new bundle, naming this one as its source in the case \
                 description"
                    .into(),
            ),
        });
    }
    if size > MAX_SIGNED_DOCUMENT {
        return Err(Error::BadInput {
            field: "event",
            why: format!(
                "the event would be {size} bytes, more than the {MAX_SIGNED_DOCUMENT} a signed document may have"
            ),
            remedy: Some("shorten what it records (fewer or shorter texts)".into()),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_event_and_the_largest_document_are_allowed_and_no_more() {
        assert!(check_new_event(MAX_EVENTS - 1, MAX_SIGNED_DOCUMENT).is_ok());
        let e = check_new_event(MAX_EVENTS, 100).unwrap_err();
        assert!(matches!(e, Error::BadInput { field: "bundle", .. }), "{e}");
        assert!(e.to_string().contains("10000"), "{e}");
        let e = check_new_event(1, MAX_SIGNED_DOCUMENT + 1).unwrap_err();
        assert!(matches!(e, Error::BadInput { field: "event", .. }), "{e}");
    }
}
