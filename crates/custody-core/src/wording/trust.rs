//! The trust checks' sentences (spec §9.1 step 12, §10): whether a trust list vouches for a
//! signer, and whether each signature falls within the validity and revocation the list
//! gives its key.

use std::fmt::Display;

/// A key file (a custody public or private key) read as a trust list.
pub(crate) const KEY_FILE_NOT_A_LIST: &str = "this is a key file, not a trust list (one line per key: its fingerprint \
     and its holder's identity): add the key to a trust list with custody trust add THEIR.pub --file \
     trusted-keys.txt, and give that list";

/// `trust.signer_trusted`.
pub(crate) fn trust_signer_trusted(name: impl Display, fp: impl Display) -> String {
    format!("{name} ({fp}) is in the trust list")
}

/// `trust.signer_unknown`.
pub(crate) fn trust_signer_unknown(who: impl Display, fp: impl Display) -> String {
    format!("{who} ({fp}) is not in the trust list")
}

/// `trust.identity_unlisted`.
pub(crate) fn trust_identity_unlisted(fp: impl Display, who: impl Display) -> String {
    format!(
        "key {fp} is in the trust list without a full identity (name, organisation, role, jurisdiction), so it \
         vouches for no one; the bundle says it is {who}. If you know that is who holds it, add the missing \
         fields to that line of the trust list"
    )
}

/// `trust.identity_mismatch`.
pub(crate) fn trust_identity_mismatch(fp: impl Display, diffs: impl Display) -> String {
    format!("key {fp} is in the trust list, but the bundle claims a different identity: {diffs}")
}

/// How an event's signing time is known, for the trust sentences.
fn signed_basis(trusted: bool) -> &'static str {
    if trusted { "its trusted time" } else { "the time its signer claims; it has no trusted time" }
}

/// How the two "outside the period" sentences end: the period the trust list gives the key,
/// and whom to ask.
fn outside_period(from: Option<impl Display>, until: Option<impl Display>) -> String {
    let period = match (from, until) {
        (Some(f), Some(u)) => format!("from {f} until {u}"),
        (Some(f), None) => format!("from {f}"),
        (None, Some(u)) => format!("until {u}"),
        (None, None) => "without limit".into(),
    };
    format!(
        "outside the period the list gives the key ({period}). Ask whoever keeps the trust list whether that key \
         was in use then"
    )
}

/// `trust.key_not_valid`.
pub(crate) fn trust_key_not_valid(
    name: impl Display,
    fp: impl Display,
    sequence: u64,
    time: impl Display,
    trusted: bool,
    from: Option<impl Display>,
    until: Option<impl Display>,
) -> String {
    format!(
        "{name} ({fp}) is in the trust list, but signed event {sequence} at {time} ({}), {}",
        signed_basis(trusted),
        outside_period(from, until)
    )
}

/// `trust.key_not_valid` for a derived bundle's parent seal (§5.13), at the time it claims.
pub(crate) fn parent_key_not_valid(
    name: impl Display,
    fp: impl Display,
    time: impl Display,
    from: Option<impl Display>,
    until: Option<impl Display>,
) -> String {
    format!(
        "{name} ({fp}) is in the trust list, but sealed the original this bundle is derived from at {time} (the \
         time the seal claims), {}",
        outside_period(from, until)
    )
}

/// `trust.key_revoked` for a derived bundle's parent seal (§5.13): no timestamp token is
/// carried, so no trusted time proves the seal earlier than the revocation.
pub(crate) fn parent_key_revoked(
    name: impl Display,
    fp: impl Display,
    revoked: impl Display,
    time: impl Display,
) -> String {
    format!(
        "{name} ({fp}) is in the trust list, but the list says the key was revoked at {revoked}; the seal of the \
         original this bundle is derived from claims {time}, and a derived bundle carries no trusted time to prove \
         it: whoever holds a revoked key can claim any time. Verify the original itself, with the TSA roots that \
         vouch for its timestamp"
    )
}

/// `trust.key_revoked`.
pub(crate) fn trust_key_revoked(
    name: impl Display,
    fp: impl Display,
    revoked: impl Display,
    sequence: u64,
    time: impl Display,
    trusted: bool,
) -> String {
    if trusted {
        format!(
            "{name} ({fp}) is in the trust list, but the list says the key was revoked at {revoked}, and event \
             {sequence} was signed at {time} (its trusted time), after that. Do not rely on that event"
        )
    } else {
        format!(
            "{name} ({fp}) is in the trust list, but the list says the key was revoked at {revoked}; event \
             {sequence} claims {time}, and has no trusted time to prove it: whoever holds a revoked key can claim \
             any time. Verify with the TSA roots that vouch for its timestamp, or ask its signer to sign it again \
             with a valid key"
        )
    }
}

/// Why a receipt may not rely on a party (`role`: the sealer or the sender) when no trust
/// list was given to check it against.
pub(crate) fn receipt_party_unchecked(role: &str, who: impl Display, fp: impl Display) -> String {
    format!("the {role} {who} ({fp}) was not checked (no trust list)")
}

/// Why a receipt may not rely on a party whose key is not in the trust list.
pub(crate) fn receipt_party_unknown(role: &str, who: impl Display, fp: impl Display) -> String {
    format!("the {role} {who} ({fp}) is not in your trust list")
}

/// Why a receipt may not rely on a party whose key is listed without a full identity.
pub(crate) fn receipt_party_identity_unlisted(role: &str, who: impl Display, fp: impl Display) -> String {
    format!(
        "the {role} {who} ({fp}) is in your trust list without a full identity (name, organisation, role, \
         jurisdiction), which vouches for no one"
    )
}

/// Why a receipt may not rely on a party whose key is listed under another identity.
pub(crate) fn receipt_party_mismatch(role: &str, who: impl Display, fp: impl Display, diffs: &str) -> String {
    format!("the {role} {who} ({fp}) is in your trust list under another identity ({diffs})")
}

/// Why a receipt may not rely on a party the list vouches for but does not allow at the time
/// of one of its events (`why`: the `trust.key_not_valid` or `trust.key_revoked` sentence).
pub(crate) fn receipt_party_disallowed(role: &str, why: &str) -> String {
    format!("the {role}: {why}")
}
