//! What the verifier says of an event that breaks a custody rule (`rules::Refusal`, whose
//! code the check carries): one function per rule; `verify::wording::chain_violation` picks
//! one.

use std::fmt::Display;

/// `event.not_entitled`: a seal after the first event.
pub(crate) fn second_seal() -> String {
    "a second seal: only the first event may be a seal".into()
}

/// `event.invalid`: a transfer or receipt event without its details.
pub(crate) fn missing_details(event_type: impl Display) -> String {
    format!("a {event_type} event without its {event_type} details")
}

/// `event.transfer_pending`: a transfer while another waits for its receipt.
pub(crate) fn second_transfer(sequence: impl Display, recipient: impl Display) -> String {
    format!("a second transfer while the transfer of event {sequence} to {recipient} has no receipt")
}

/// `event.not_entitled`: signed by someone who is not the custodian.
pub(crate) fn not_custodian(
    signer: impl Display,
    signer_key: impl Display,
    custodian: impl Display,
    custodian_key: impl Display,
) -> String {
    format!(
        "signed by {signer} ({signer_key}), who is not the custodian: {custodian} ({custodian_key}) holds the bundle"
    )
}

/// `event.unexpected_receipt`: a receipt while no transfer waits for one.
pub(crate) fn no_transfer_pending() -> String {
    "a receipt, but no transfer is waiting for one".into()
}

/// `event.unexpected_receipt`: a receipt that answers another transfer than the pending one.
pub(crate) fn wrong_transfer(answers: impl Display, pending: impl Display) -> String {
    format!("answers transfer {answers}, but the pending transfer is event {pending}")
}

/// `event.not_entitled`: a receipt signed by someone other than the recipient the transfer named.
pub(crate) fn not_recipient(
    signer: impl Display,
    signer_key: impl Display,
    recipient: impl Display,
    recipient_key: impl Display,
) -> String {
    format!("signed by {signer} ({signer_key}), but the transfer named {recipient} ({recipient_key}) as recipient")
}

/// `event.transfer_pending`: a statement-carrying event while a transfer waits for its receipt.
pub(crate) fn record_while_pending(
    event_type: impl Display,
    sequence: impl Display,
    recipient: impl Display,
) -> String {
    format!(
        "a {event_type} event while the transfer of event {sequence} to {recipient} has no receipt: only the receipt may follow"
    )
}
