//! The receipt: the recipient of a pending transfer verifies the bundle and signs what it
//! accepts (in full, in part, or nothing), answering every condition, after checking that
//! its trust list vouches for who sealed and who sent the bundle.

use std::path::Path;

use super::{Appended, Parties, append_event, append_on, event_time, new_event, read_state, read_state_given, refused};
use crate::check::CheckCode;
use crate::check::{Check, Level};
use crate::digest::Sha256Digest;
use crate::event::{
    ConditionAnswer, Decision, Event, EventType, ItemState, Receipt, ReceiptVerification, VerificationState,
};
use crate::keys::KeyPair;
use crate::manifest::Signer;
use crate::rules;
use crate::time::Timestamp;
use crate::timestamp::{Stamping, TsaRoots};
use crate::trust::{TrustList, Vouch};
use crate::verify::report::EventReport;
use crate::verify::{self, VerifyOptions};
use crate::{Action, Error, wording};

/// What the recipient decides. `Default` accepts everything, without a trust list (which
/// [`receive`] refuses unless [`ReceiveOptions::accept_untrusted`] or a rejection is set).
#[derive(Default, Clone)]
#[non_exhaustive]
pub struct ReceiveOptions {
    /// Items refused, with the reason.
    pub reject_items: Vec<(String, String)>,
    /// Items outside what was requested, with an optional reason.
    pub out_of_scope: Vec<(String, Option<String>)>,
    /// Conditions refused (by number), with the reason.
    pub refuse_conditions: Vec<(u32, String)>,
    /// Reject the whole bundle, with the reason.
    pub reject_all: Option<String>,
    /// The event time; now if `None`.
    pub time: Option<Timestamp>,
    /// Threads for hashing the payload (0: one per CPU).
    pub jobs: usize,
    /// Updated while the payload is verified, for a progress display.
    pub progress: Option<std::sync::Arc<verify::Progress>>,
    /// The trust list that must vouch for the sealer and the sender, with the SHA-256 of
    /// its file (recorded in the receipt).
    pub trust: Option<(TrustList, Sha256Digest)>,
    /// Root certificates every timestamp token must chain to, with the SHA-256 of their file.
    pub tsa_roots: Option<(TsaRoots, Sha256Digest)>,
    /// Accept although the sealer, sender or a TSA is not vouched for (the receipt says so).
    pub accept_untrusted: bool,
    /// Trusted time for the receipt from a timestamp authority; none if `None`.
    pub stamping: Option<Stamping>,
    /// If the custody log the bundle names fails, write the event without its log proof
    /// (spec §6.5, `--log-optional`) instead of failing with nothing written.
    pub log_optional: bool,
    /// Whom the verification's remedies address (see [`verify::Front`]).
    pub front: verify::Front,
}

impl ReceiveOptions {
    /// These options with `jobs` hashing threads (0: one per CPU).
    pub fn with_jobs(mut self, jobs: usize) -> Self {
        self.jobs = jobs;
        self
    }
    /// These options with the event time fixed.
    pub fn with_time(mut self, time: Timestamp) -> Self {
        self.time = Some(time);
        self
    }
    /// These options with a trust list (and the SHA-256 of its file).
    pub fn with_trust(mut self, list: TrustList, sha256: Sha256Digest) -> Self {
        self.trust = Some((list, sha256));
        self
    }
    /// These options with the verification's remedies worded for `front`.
    pub fn with_front(mut self, front: verify::Front) -> Self {
        self.front = front;
        self
    }
    /// These options accepting although a party or a TSA is not vouched for.
    pub fn accepting_untrusted(mut self) -> Self {
        self.accept_untrusted = true;
        self
    }
}

/// Verifies the bundle and appends the recipient's signed receipt. Refused by the custody
/// rules ([`Error::NoTransferPending`], [`Error::NotRecipient`], [`Error::RecipientIdentity`]),
/// when the bundle does not verify and the receipt would accept anything
/// ([`Error::NotVerified`]), and when the trust list does not vouch for the parties
/// ([`Error::NoTrustList`], [`Error::Untrusted`]).
pub fn receive(bundle: &Path, out: Option<&Path>, key: &KeyPair, opts: &ReceiveOptions) -> Result<Appended, Error> {
    let reasons = opts.reject_items.iter().map(|(_, r)| r).chain(&opts.reject_all);
    for r in reasons.chain(opts.refuse_conditions.iter().map(|(_, r)| r)) {
        rules::check_reason(r).map_err(refused_details)?;
    }
    // Refused before hashing anything: without a trust list nothing can vouch for who
    // sealed or sent the bundle, and the user should not wait to learn that.
    if opts.reject_all.is_none() && opts.trust.is_none() && !opts.accept_untrusted {
        return Err(Error::NoTrustList);
    }
    let mut parties = None;
    let mut appended = append_on(bundle, out, |b| {
        // The parties as the documents name them, read without hashing the payload: if the
        // trust list vouches for neither's claim, refuse now rather than after hashing it all.
        // (Only a refusal is decided here; an acceptance still waits for full verification.)
        if opts.reject_all.is_none()
            && !opts.accept_untrusted
            && let Some((list, _)) = &opts.trust
            && let Ok(st) = read_state(&b)
            && let (Some((first, _)), Some((seq, _))) = (st.events.first(), st.chain.pending.as_ref())
            && let Some((sent, _)) = st.events.iter().find(|(e, _)| e.sequence == *seq)
        {
            let why: Vec<String> = [("sealer", &first.signer), ("sender", &sent.signer)]
                .into_iter()
                .filter_map(|(role, s)| standing(Some(list), None, role, s).err())
                .collect();
            if !why.is_empty() {
                return Err(Error::Untrusted { parties: why, tsa: None });
            }
        }
        let vopts = VerifyOptions {
            trust: opts.trust.as_ref().map(|(t, _)| t.clone()),
            tsa_roots: opts.tsa_roots.as_ref().map(|(r, _)| r.clone()),
            jobs: opts.jobs,
            progress: opts.progress.clone(),
            front: opts.front,
            ..Default::default()
        };
        let mut report = verify::verify_archive(&b.archive, &b.path.display().to_string(), &vopts);
        // The manifest the verification parsed is not parsed again.
        let st = read_state_given(&b, report.manifest.take())?;
        let me = Signer::new(key.public().fingerprint(), &key.identity);
        let (transfer_seq, t) = st.chain.may_receive(&me).map_err(|r| refused(r, key))?;
        let t = t.clone();
        // Integrity failures; whether the signers are vouched for is decided below.
        let failures: Vec<&Check> =
            report.checks.iter().filter(|c| c.level == Level::Fail && !c.code.is_trust()).collect();
        let failed: Vec<String> = failures.iter().map(|c| c.code.to_string()).collect();
        let only_items = rules::only_item_damage(failures.iter().map(|c| c.code));
        if !failures.is_empty() && !only_items && opts.reject_all.is_none() {
            let checks = failures.iter().map(|c| (c.code.to_string(), c.message.clone())).collect();
            return Err(Error::NotVerified { action: Action::Accept, checks });
        }
        // Per-item statuses: damage found by verification first, then the recipient's choices.
        let ids: Vec<&str> = st.manifest.items.iter().map(|i| i.id.as_str()).collect();
        // Looked up by id, so that naming many items is not quadratic in a large bundle.
        let index: std::collections::HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let check_id = |id: &str| -> Result<(), Error> {
            if index.contains_key(id) {
                return Ok(());
            }
            const SHOWN: usize = 10;
            let more = ids.len().saturating_sub(SHOWN);
            let more = if more > 0 { format!(" and {more} more") } else { String::new() };
            Err(Error::BadInput {
                field: "item",
                why: format!("there is no item '{id}' in this bundle"),
                remedy: Some(format!("its items are {}{more}", ids[..ids.len().min(SHOWN)].join(", "))),
            })
        };
        // Each item's damage is found by lookup in the verifier's complete list of damaged
        // files (not the report's checks, which list at most a capped number of each code,
        // spec §9.3), rather than by scanning every failure for every item (issue #13.4).
        // A missing file makes the item missing, before any other damage (the order of §9.1).
        // What is not accepted, item by item in manifest order: damage found by verification
        // first, then the recipient's choices. Every other item is accepted.
        let mut status: Vec<Option<(ItemState, Option<&str>)>> = st
            .manifest
            .items
            .iter()
            .map(|item| {
                item.files
                    .iter()
                    .filter_map(|f| report.damaged.get(f.path))
                    .map(|code| rules::damaged_item_state(*code))
                    .min_by_key(|state| *state != ItemState::Missing)
                    // The status says what; the report names the file (a reason per damaged
                    // item would make one group per item).
                    .map(|state| (state, None))
            })
            .collect();
        let choices = opts
            .out_of_scope
            .iter()
            .map(|(id, r)| (id, ItemState::OutOfScope, r.as_deref()))
            .chain(opts.reject_items.iter().map(|(id, r)| (id, ItemState::Rejected, Some(r.as_str()))));
        for (id, state, reason) in choices {
            check_id(id)?;
            if let Some(s @ None) = index.get(id.as_str()).map(|i| &mut status[*i]) {
                *s = Some((state, reason));
            }
        }
        for (n, _) in &opts.refuse_conditions {
            if !t.conditions.iter().any(|c| c.id == *n) {
                return Err(Error::BadInput {
                    field: "condition",
                    why: format!("the transfer has no condition {n}"),
                    remedy: Some(format!("it has {} condition(s)", t.conditions.len())),
                });
            }
        }
        let mut conditions: Vec<ConditionAnswer> = t
            .conditions
            .iter()
            .map(|c| match opts.refuse_conditions.iter().find(|(n, _)| *n == c.id) {
                Some((_, reason)) => ConditionAnswer { id: c.id, accepted: false, reason: Some(reason.clone()) },
                None => ConditionAnswer { id: c.id, accepted: true, reason: None },
            })
            .collect();
        let items_total = ids.len() as u64;
        let named = ids.iter().zip(&status).filter_map(|(id, s)| s.map(|(state, reason)| (*id, state, reason)));
        let (decision, exceptions) = match &opts.reject_all {
            // A rejection of the whole bundle names only the items the recipient chose to
            // answer one by one; its reason covers every other (spec §5.5), so that a bundle
            // of any size can be rejected within the signed-document limit.
            Some(_) => {
                let by_choice: std::collections::HashSet<&str> = opts
                    .out_of_scope
                    .iter()
                    .map(|(i, _)| i.as_str())
                    .chain(opts.reject_items.iter().map(|(i, _)| i.as_str()))
                    .collect();
                let chosen = named.filter(|(id, _, _)| by_choice.contains(id));
                (Decision::Rejected, rules::group_exceptions(chosen))
            }
            None => {
                let exceptions = rules::group_exceptions(named);
                (rules::decide(items_total, &exceptions, &conditions), exceptions)
            }
        };
        // A rejection (which a rejection of the whole bundle is) refuses every condition.
        rules::rejection_refuses_conditions(decision, &mut conditions);
        let sealer = st.events[0].0.signer.clone();
        let sender = st
            .events
            .iter()
            .find(|(e, _)| e.sequence == transfer_seq)
            .map(|(e, _)| e.signer.clone())
            .ok_or_else(|| Error::Internal("the pending transfer's event is missing".into()))?;
        let list = opts.trust.as_ref().map(|(l, _)| l);
        // Vouched for AND allowed at the time each of its events was signed (validity and
        // revocation, spec §10), as verify judges it: a revoked sender is not trusted here either.
        let sealer_standing = standing(list, Some(&report.events), "sealer", &sealer);
        let sender_standing = standing(list, Some(&report.events), "sender", &sender);
        let (sealer_trusted, sender_trusted) = (sealer_standing.is_ok(), sender_standing.is_ok());
        let untrusted_tsa =
            report.checks.iter().find(|c| c.level == Level::Fail && c.code == CheckCode::TimestampUntrustedRoot);
        // Only tokens that verified and chain to the roots count as trusted time: any failing
        // timestamp check but a time conflict (a sound, trusted token whose event claims
        // another time) means some token is not (§5.5).
        let bad_token = report
            .checks
            .iter()
            .any(|c| c.level == Level::Fail && c.code.is_timestamp() && c.code != CheckCode::TimestampTimeConflict);
        let tsa_trusted = opts.tsa_roots.as_ref().map(|_| !bad_token);
        if decision.passes_custody() && !opts.accept_untrusted {
            let why: Vec<String> = [sealer_standing, sender_standing].into_iter().filter_map(Result::err).collect();
            if !why.is_empty() || untrusted_tsa.is_some() {
                return Err(Error::Untrusted { parties: why, tsa: untrusted_tsa.map(|c| c.message.clone()) });
            }
        }
        parties = Some(Parties { sealer, sealer_trusted, sender, sender_trusted });
        let time = event_time(opts.time, st.last())?;
        let mut ev = new_event(&st, key, EventType::Receipt, time);
        let mut codes = failed;
        codes.sort();
        codes.dedup();
        let receipt = Receipt {
            transfer_sequence: transfer_seq,
            decision,
            verification: ReceiptVerification {
                state: if failures.is_empty() { VerificationState::Intact } else { VerificationState::Invalid }
                    .as_str()
                    .into(),
                failures: codes,
                trust_list_sha256: opts.trust.as_ref().map(|(_, d)| *d),
                sealer_trusted: Some(sealer_trusted),
                sender_trusted: Some(sender_trusted),
                tsa_roots_sha256: opts.tsa_roots.as_ref().map(|(_, d)| *d),
                tsa_trusted,
            },
            items_total,
            exceptions,
            conditions,
            reason: opts.reject_all.clone(),
        };
        // The rules the verifier applies to a receipt, on the receipt about to be signed.
        rules::check_receipt(&receipt).map_err(refused_details)?;
        let broken = rules::receipt_record_errors(&receipt);
        if !broken.is_empty() {
            return Err(Error::Internal(format!("the receipt would break the format: {}", broken.join("; "))));
        }
        ev.receipt = Some(receipt);
        refuse_oversize(&ev)?;
        append_event(b, &st, key, ev, Vec::new(), opts.stamping.as_ref(), opts.log_optional)
    })?;
    appended.parties = parties;
    Ok(appended)
}

/// Refuses a receipt larger than a signed document may be (spec §9.4), before anything is
/// written: the items it names, one by one, are more than fit. One reason for a whole
/// rejection always fits.
fn refuse_oversize(ev: &Event) -> Result<(), Error> {
    let size = crate::document::to_json(ev).len() as u64;
    if size <= crate::layout::MAX_SIGNED_DOCUMENT {
        return Ok(());
    }
    let (named, groups) = ev
        .receipt
        .as_ref()
        .map_or((0, 0), |r| (r.exceptions.iter().map(|g| g.items.len()).sum::<usize>(), r.exceptions.len()));
    Err(Error::BadInput {
        field: "receipt",
        why: format!(
            "the receipt would be {size} bytes, more than the {} a signed document may have: it names {named} \
             item(s) not accepted in {groups} group(s)",
            crate::layout::MAX_SIGNED_DOCUMENT
        ),
        remedy: Some(
            "reject the whole bundle with one reason (no item is then listed), or give the same reason to the \
             items refused for one reason (they then share one group), or shorten the reasons"
                .into(),
        ),
    })
}

/// The writer's error for a receipt whose details break a rule of [`rules::check_receipt`]:
/// a reason given with the options is refused as the input it is.
fn refused_details(r: rules::DetailsRefusal) -> Error {
    match r {
        rules::DetailsRefusal::Text(e) => Error::Identity(e),
        other => Error::Internal(format!("the receipt's details break a rule: {other}")),
    }
}

/// Whether `list` lets a receipt rely on `signer` as `role` (the sealer or the sender): its key
/// is listed with every identity field, each equal to what the bundle claims (a
/// fingerprint-only or partial entry says the key is known but not whose it is, so it vouches
/// for no identity), and, when `events` are given, the list allows the key at the time of each
/// event it signed (validity and revocation, `TrustEntry::allows`, judged on each event's
/// trusted or claimed time as verify judges it). Else why not, in one sentence.
fn standing(
    list: Option<&TrustList>,
    events: Option<&[EventReport]>,
    role: &str,
    signer: &Signer,
) -> Result<(), String> {
    let who = signer.identity().describe();
    let fp = signer.fingerprint;
    let Some(list) = list else { return Err(wording::trust::receipt_party_unchecked(role, &who, fp)) };
    match list.vouch(&fp, &signer.identity()) {
        Vouch::Trusted => {}
        Vouch::Unknown => return Err(wording::trust::receipt_party_unknown(role, &who, fp)),
        Vouch::IdentityUnlisted => return Err(wording::trust::receipt_party_identity_unlisted(role, &who, fp)),
        Vouch::Mismatch(diffs) => {
            return Err(wording::trust::receipt_party_mismatch(role, &who, fp, &diffs.join("; ")));
        }
    }
    let (Some(events), Some(entry)) = (events, list.get(&fp)) else { return Ok(()) };
    match crate::verify::trust::first_disallowed(events, fp, entry, &signer.name) {
        Some((_, why)) => Err(wording::trust::receipt_party_disallowed(role, &why)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{Identity, Role};
    use std::fs;

    /// A trust list that holds neither party refuses before the payload is hashed (review
    /// of #13.6, point 7): a large bundle should not make its recipient wait to learn that.
    #[test]
    fn receive_refuses_unvouched_parties_before_hashing() {
        let vectors = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors");
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("b.zip");
        fs::copy(vectors.join("chain-transfer-pending.zip"), &copy).unwrap();
        let before = fs::read(&copy).unwrap();
        let bob = KeyPair::from_seed(
            Sha256Digest::of(b"custody test vector key: bob").0,
            Identity {
                name: "Bo Li".into(),
                organisation: "City Procuratorate".into(),
                role: Role::Prosecutor,
                jurisdiction: "CN".into(),
            },
        );
        let progress = std::sync::Arc::new(verify::Progress::default());
        let opts = ReceiveOptions {
            jobs: 1,
            trust: Some((TrustList::default(), Sha256Digest::of(b""))),
            progress: Some(progress.clone()),
            ..Default::default()
        };
        let e = receive(&copy, None, &bob, &opts).unwrap_err();
        assert!(matches!(e, Error::Untrusted { .. }), "{e}");
        assert!(e.to_string().contains("the sealer") && e.to_string().contains("the sender"), "{e}");
        assert_eq!(progress.done.load(std::sync::atomic::Ordering::Relaxed), 0, "nothing was hashed");
        assert_eq!(fs::read(&copy).unwrap(), before);
    }
}
