//! Hand-overs: the custodian's signed transfer, and the recipient's signed receipt.
//!
//! A transfer names the recipient's key, the purpose, the legal basis, the request it answers
//! and the conditions attached. Only the current custodian may transfer, and only when no
//! other transfer waits for its receipt. A receipt is signed by the named recipient after
//! verifying the bundle: it accepts the bundle in full, in part (a status per item), or
//! rejects it, and answers every condition. A bundle that fails verification can only be
//! rejected, except that items whose own files are damaged or missing may be marked so while
//! the others are accepted, when nothing else is wrong. A receipt accepts only what the
//! recipient's trust list vouches for: the sealer and the sender with the full identities
//! they claim, and (given TSA roots) every timestamp; it records what was checked.
//!
//! Both append to the bundle without touching earlier bytes ([`crate::append`]); with an
//! output path the input is copied first and left untouched. [`add_tokens`] (`custody
//! timestamp`) appends trusted-time tokens the same way, adding no event.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::Error;
use crate::append::OpenBundle;
use crate::bagit::{self, ManifestLine};
use crate::digest::Sha256Digest;
use crate::event::{
    Chain, Condition, ConditionAnswer, ConditionKind, Decision, EVENT_FORMAT, Event, EventType, FileRef, ItemState,
    ItemStatus, Receipt, ReceiptVerification, Tool, Transfer, event_path,
};
use crate::fsutil;
use crate::keys::{Identity, KeyPair, PublicKey, check_text, public_key_file};
use crate::manifest::{Manifest, Signer};
use crate::seal::{MANIFEST_PATH, TAG_MANIFEST_PATH, to_json};
use crate::time::Timestamp;
use crate::timestamp::{StampOutcome, Stamping, TsaRoots};
use crate::trust::{TrustList, Vouch};
use crate::verify::{self, Level, State, VerifyOptions};

/// What to transfer to whom.
pub struct TransferOptions<'a> {
    /// The current custodian's key.
    pub key: &'a KeyPair,
    pub recipient: PublicKey,
    pub recipient_identity: Identity,
    pub purpose: String,
    pub legal_basis: Option<String>,
    pub request_reference: Option<String>,
    pub conditions: Vec<(ConditionKind, String)>,
    /// The event time; now if `None` (fixed only for test vectors).
    pub time: Option<Timestamp>,
}

/// What the recipient decides.
#[derive(Default)]
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
}

/// Who sealed a received bundle and who sent it, and whether the trust list vouches for
/// each (false also when no trust list was given).
#[derive(Debug, Clone)]
pub struct Parties {
    pub sealer: Signer,
    pub sealer_trusted: bool,
    pub sender: Signer,
    pub sender_trusted: bool,
}

/// What an appended event recorded.
#[derive(Debug, Clone)]
pub struct Appended {
    pub bundle: PathBuf,
    pub event: Event,
    pub event_path: String,
    /// Whether the event got trusted time.
    pub timestamp: crate::timestamp::StampOutcome,
    /// For a receipt: who sealed and who sent the bundle.
    pub parties: Option<Parties>,
}

/// The custody documents of a bundle, read from its tag files.
struct Documents {
    tags: BTreeMap<String, Vec<u8>>,
    manifest: Manifest,
    events: Vec<(Event, Vec<u8>)>,
    chain: Chain,
}

/// Every tag file of the open bundle (everything outside `data/`), within the reader's limits.
fn read_tags(b: &OpenBundle) -> Result<BTreeMap<String, Vec<u8>>, Error> {
    let mut tags = BTreeMap::new();
    for e in b.archive.entries().iter().filter(|e| !e.name.starts_with("data/")) {
        let bytes = b
            .archive
            .read_entry(e, verify::tag_file_limit(&e.name))
            .map_err(|source| Error::Archive { path: b.path.clone(), source })?;
        tags.insert(e.name.clone(), bytes);
    }
    Ok(tags)
}

fn read_state(b: &OpenBundle) -> Result<Documents, Error> {
    let err = |msg: String| Error::Input(format!("{}: {msg}", b.path.display()));
    let tags = read_tags(b)?;
    let manifest: Manifest = tags
        .get(MANIFEST_PATH)
        .and_then(|m| verify::parse_document(m).ok())
        .ok_or_else(|| err("its manifest cannot be read".into()))?;
    let mut events: Vec<(Event, Vec<u8>)> = Vec::new();
    for (name, bytes) in tags.iter().filter(|(n, _)| n.starts_with("custody/events/") && n.ends_with(".json")) {
        let ev: Event = verify::parse_document(bytes).map_err(|e| err(format!("{name} cannot be read: {e}")))?;
        events.push((ev, bytes.clone()));
    }
    events.sort_by_key(|(e, _)| e.sequence);
    let first = events.first().ok_or_else(|| err("it has no custody events".into()))?;
    let mut chain = Chain::sealed_by(first.0.signer.clone());
    for (ev, _) in &events[1..] {
        chain.apply(ev).map_err(|v| err(format!("its custody chain is broken ({}): {}", v.code, v.message)))?;
    }
    Ok(Documents { tags, manifest, events, chain })
}

/// Runs the verifier over the open bundle; `payload` false skips hashing the payload.
fn verify_open(
    b: &OpenBundle,
    payload: bool,
    jobs: usize,
    progress: Option<std::sync::Arc<verify::Progress>>,
) -> Result<verify::Report, Error> {
    let opts = VerifyOptions { jobs, skip_payload: !payload, progress, ..Default::default() };
    Ok(verify::verify_archive(&b.archive, &b.path.display().to_string(), &opts))
}

fn event_time(requested: Option<Timestamp>, last: &Event) -> Result<Timestamp, Error> {
    let t = requested.unwrap_or_else(Timestamp::now);
    if t < last.time {
        return Err(Error::Input(format!(
            "this computer's clock says {t}, earlier than the bundle's last event ({}); correct the clock first",
            last.time
        )));
    }
    Ok(t)
}

/// The tag manifest after adding `new` files: the existing lines kept as they are (so a
/// rejection appended to a damaged bundle does not hide what was wrong with it), plus a
/// line for each new file. If the old tag manifest cannot be read, it is recomputed.
fn tag_manifest_with(tags: &BTreeMap<String, Vec<u8>>, new: &[(String, Vec<u8>)]) -> Vec<u8> {
    let old = tags
        .get(TAG_MANIFEST_PATH)
        .and_then(|b| std::str::from_utf8(b).ok())
        .and_then(|t| bagit::parse_manifest(t).ok());
    let mut lines: Vec<ManifestLine> = match old {
        Some(lines) => lines,
        None => tags
            .iter()
            .filter(|(n, _)| n.as_str() != TAG_MANIFEST_PATH)
            .map(|(path, d)| ManifestLine { sha256: Sha256Digest::of(d), path: path.clone() })
            .collect(),
    };
    lines.extend(new.iter().map(|(path, d)| ManifestLine { sha256: Sha256Digest::of(d), path: path.clone() }));
    bagit::write_manifest(&mut lines).into_bytes()
}

/// Signs `event` and appends it (and `extra` tag files) to the bundle.
fn append_event(
    b: OpenBundle,
    st: &Documents,
    key: &KeyPair,
    mut event: Event,
    extra: Vec<(String, Vec<u8>)>,
    stamping: Option<&Stamping>,
) -> Result<Appended, Error> {
    event.files = extra.iter().map(|(p, d)| FileRef { path: p.clone(), sha256: Sha256Digest::of(d) }).collect();
    let bytes = to_json(&event);
    let sig = key.sign(&bytes).to_vec();
    let path = event_path(event.sequence, event.event_type);
    // The token is obtained before anything is written, and goes into the same append.
    let (token, timestamp) = crate::timestamp::stamp(stamping, &path, &sig)?;
    let mut new = extra;
    new.push((path.clone(), bytes));
    new.push((format!("{path}.sig"), sig));
    new.extend(token);
    let tag_manifest = tag_manifest_with(&st.tags, &new);
    let bundle = b.path.clone();
    b.append(&new, &tag_manifest, event.time)?;
    Ok(Appended { bundle, event, event_path: path, timestamp, parties: None })
}

fn new_event(st: &Documents, key: &KeyPair, t: EventType, time: Timestamp) -> Event {
    let (last, last_bytes) = &st.events[st.events.len() - 1];
    Event {
        format: EVENT_FORMAT.into(),
        bundle_id: st.manifest.bundle_id.clone(),
        sequence: last.sequence + 1,
        event_type: t,
        previous_event_sha256: Some(Sha256Digest::of(last_bytes)),
        time,
        signer: Signer::new(key.public().fingerprint(), &key.identity),
        tool: Tool::this(),
        files: Vec::new(),
        transfer: None,
        receipt: None,
    }
}

/// Runs `work` on the bundle in place, or on a copy written atomically to `out`. `work`
/// returns its result and whether it changed the bundle: a copy nothing was written to is
/// not kept. Returns the result and the path of the bundle that holds it.
fn on_bundle<T>(
    bundle: &Path,
    out: Option<&Path>,
    work: impl FnOnce(OpenBundle) -> Result<(T, bool), Error>,
) -> Result<(T, PathBuf), Error> {
    let Some(out) = out else { return Ok((work(OpenBundle::open(bundle)?)?.0, bundle.to_path_buf())) };
    if out.symlink_metadata().is_ok() {
        return Err(Error::Exists { path: out.into(), hint: "choose another output name" });
    }
    if crate::append::journal_pending(bundle) {
        return Err(Error::Input(format!(
            "an earlier update of {} was interrupted; --out leaves the input untouched, so finish that update \
             first with `custody recover {}`",
            bundle.display(),
            bundle.display()
        )));
    }
    let tmp = fsutil::temp_beside(out)?;
    fs::copy(bundle, tmp.path()).map_err(Error::io(bundle))?;
    let (result, wrote) = work(OpenBundle::open(tmp.path())?)?;
    if !wrote {
        return Ok((result, bundle.to_path_buf()));
    }
    fsutil::persist(tmp, out, false)?;
    Ok((result, out.to_path_buf()))
}

/// An event appended by `work`, in place or in `out`.
fn append_on(
    bundle: &Path,
    out: Option<&Path>,
    work: impl FnOnce(OpenBundle) -> Result<Appended, Error>,
) -> Result<Appended, Error> {
    let (mut appended, path) = on_bundle(bundle, out, |b| Ok((work(b)?, true)))?;
    appended.bundle = path;
    Ok(appended)
}

/// Appends a transfer event: the custodian offers the bundle to a recipient.
pub fn transfer(bundle: &Path, out: Option<&Path>, opts: &TransferOptions) -> Result<Appended, Error> {
    transfer_stamped(bundle, out, opts, None)
}

/// [`transfer`], with trusted time for the transfer event as `stamping` says.
pub fn transfer_stamped(
    bundle: &Path,
    out: Option<&Path>,
    opts: &TransferOptions,
    stamping: Option<&Stamping>,
) -> Result<Appended, Error> {
    check_text("purpose", &opts.purpose, 1000)?;
    for v in opts.legal_basis.iter().chain(&opts.request_reference) {
        check_text("legal basis or request reference", v, 1000)?;
    }
    for (_, c) in &opts.conditions {
        check_text("condition", c, 4000)?;
    }
    opts.recipient_identity.validate()?;
    if opts.recipient == opts.key.public() {
        return Err(Error::Input("the recipient is you: a transfer hands the bundle to someone else".into()));
    }
    append_on(bundle, out, |b| {
        // The custody documents must verify; the payload is not re-hashed (the recipient's
        // receipt does that), so the cost does not grow with the evidence.
        let report = verify_open(&b, false, 0, None)?;
        refuse_if_invalid(&report, "transferred")?;
        let st = read_state(&b)?;
        let me = opts.key.public().fingerprint();
        if let Some((seq, t)) = &st.chain.pending {
            return Err(Error::Input(format!(
                "event {seq} already transfers this bundle to {}, with no receipt yet. Only that recipient can settle it: \
                 by receiving it (custody receive), or, if it was sent by mistake, by recording a rejection \
                 (custody receive --reject-all --reason TEXT); custody then stays with you and you can transfer again",
                t.recipient.identity().describe()
            )));
        }
        if st.chain.custodian.fingerprint != me {
            return Err(Error::Input(format!(
                "only the current custodian may transfer this bundle: that is {} ({}), not you ({me})",
                st.chain.custodian.identity().describe(),
                st.chain.custodian.fingerprint
            )));
        }
        let time = event_time(opts.time, &st.events[st.events.len() - 1].0)?;
        let recipient = Signer::new(opts.recipient.fingerprint(), &opts.recipient_identity);
        let mut ev = new_event(&st, opts.key, EventType::Transfer, time);
        ev.transfer = Some(Transfer {
            recipient,
            purpose: opts.purpose.clone(),
            legal_basis: opts.legal_basis.clone(),
            request_reference: opts.request_reference.clone(),
            conditions: opts
                .conditions
                .iter()
                .enumerate()
                .map(|(i, (kind, text))| Condition { id: i as u32 + 1, kind: *kind, text: text.clone() })
                .collect(),
        });
        let key_path = format!("custody/keys/{}.pem", opts.recipient.fingerprint().hex());
        let extra = if let Some(existing) = st.tags.get(&key_path) {
            let bundled =
                std::str::from_utf8(existing).ok().and_then(|t| crate::keys::PublicKeyFile::from_file_text(t).ok());
            let bundled_id = bundled.and_then(|k| k.identity);
            if bundled_id.as_ref() != Some(&opts.recipient_identity) {
                return Err(Error::Input(format!(
                    "this bundle already holds the recipient's key under the identity {}, but their .pub file says {}; \
                     a key keeps one identity within a bundle",
                    bundled_id.map(|i| i.describe()).unwrap_or_else(|| "(none)".into()),
                    opts.recipient_identity.describe()
                )));
            }
            Vec::new()
        } else {
            vec![(key_path, public_key_file(&opts.recipient, &opts.recipient_identity).into_bytes())]
        };
        append_event(b, &st, opts.key, ev, extra, stamping)
    })
}

fn refuse_if_invalid(report: &verify::Report, what: &str) -> Result<(), Error> {
    if report.state == State::Invalid {
        let fails: Vec<String> = report
            .checks
            .iter()
            .filter(|c| c.level == Level::Fail)
            .map(|c| format!("{} ({})", c.code, c.message))
            .collect();
        return Err(Error::Input(format!(
            "the bundle does not verify, so it cannot be {what}: {}. Run `custody verify` for the full report",
            fails.join("; ")
        )));
    }
    Ok(())
}

/// Failure codes that concern single payload files, which a receipt can mark per item.
const PAYLOAD_FAILURES: [&str; 4] =
    ["payload.missing", "payload.hash_mismatch", "archive.crc_mismatch", "bagit.payload_oxum_mismatch"];

/// Verifies the bundle and appends the recipient's signed receipt.
pub fn receive(bundle: &Path, out: Option<&Path>, key: &KeyPair, opts: &ReceiveOptions) -> Result<Appended, Error> {
    receive_stamped(bundle, out, key, opts, None)
}

/// [`receive`], with trusted time for the receipt as `stamping` says.
pub fn receive_stamped(
    bundle: &Path,
    out: Option<&Path>,
    key: &KeyPair,
    opts: &ReceiveOptions,
    stamping: Option<&Stamping>,
) -> Result<Appended, Error> {
    let reasons = opts.reject_items.iter().map(|(_, r)| r).chain(&opts.reject_all);
    for r in reasons.chain(opts.refuse_conditions.iter().map(|(_, r)| r)) {
        check_text("reason", r, 4000)?;
    }
    // Refused before hashing anything: without a trust list nothing can vouch for who
    // sealed or sent the bundle, and the user should not wait to learn that.
    if opts.reject_all.is_none() && opts.trust.is_none() && !opts.accept_untrusted {
        return Err(Error::Untrusted(
            "no trust list given, so nothing shows who really sealed and sent this bundle: a key can claim any \
             name. Give --trust FILE, a list of the keys you have confirmed (custody trust add THEIR.pub --file FILE), \
             and --tsa-roots FILE if the bundle carries trusted time; or --accept-untrusted to accept without that \
             check (the receipt records it); or --reject-all --reason TEXT. Nothing was written"
                .into(),
        ));
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
            let why = unvouched_parties(Some(list), &first.signer, &sent.signer);
            if !why.is_empty() {
                return Err(untrusted_error(&why, None));
            }
        }
        let vopts = VerifyOptions {
            trust: opts.trust.as_ref().map(|(t, _)| t.clone()),
            tsa_roots: opts.tsa_roots.as_ref().map(|(r, _)| r.clone()),
            jobs: opts.jobs,
            progress: opts.progress.clone(),
            ..Default::default()
        };
        let report = verify::verify_archive(&b.archive, &b.path.display().to_string(), &vopts);
        let st = read_state(&b)?;
        let me = key.public().fingerprint();
        let Some((transfer_seq, t)) = st.chain.pending.clone() else {
            return Err(Error::Input(
                "no transfer is waiting for a receipt in this bundle: there is nothing to receive".into(),
            ));
        };
        if t.recipient.fingerprint != me {
            return Err(Error::Input(format!(
                "this bundle was transferred to {} ({}), not to you ({me}); only that key can sign the receipt",
                t.recipient.identity().describe(),
                t.recipient.fingerprint
            )));
        }
        if t.recipient.identity() != key.identity {
            return Err(Error::Input(format!(
                "the transfer names the recipient as {}, but your key says {}; ask the sender to transfer to your current identity",
                t.recipient.identity().describe(),
                key.identity.describe()
            )));
        }
        // Integrity failures; whether the signers are vouched for is decided below.
        let failures: Vec<&verify::Check> =
            report.checks.iter().filter(|c| c.level == Level::Fail && !verify::is_trust_code(&c.code)).collect();
        let only_payload = failures.iter().all(|c| PAYLOAD_FAILURES.contains(&c.code.as_str()));
        if !failures.is_empty() && !only_payload && opts.reject_all.is_none() {
            let codes: Vec<&str> = failures.iter().map(|c| c.code.as_str()).collect();
            return Err(Error::Input(format!(
                "the bundle does not verify ({}); it cannot be accepted. To record a signed rejection, run \
                 `custody receive` again with --reject-all --reason TEXT",
                codes.join(", ")
            )));
        }
        // Per-item statuses: damage found by verification first, then the recipient's choices.
        let ids: Vec<&str> = st.manifest.items.iter().map(|i| i.id.as_str()).collect();
        let check_id = |id: &str| -> Result<(), Error> {
            if ids.contains(&id) {
                Ok(())
            } else {
                Err(Error::Input(format!("there is no item '{id}' in this bundle; its items are {}", ids.join(", "))))
            }
        };
        // The first failure naming each path, so that each item's damage is found by lookup
        // rather than by scanning every failure for every item (issue #13.4).
        let mut first_failure: std::collections::HashMap<&str, (usize, &verify::Check)> =
            std::collections::HashMap::new();
        for (i, c) in failures.iter().enumerate() {
            if let Some(p) = c.path.as_deref() {
                first_failure.entry(p).or_insert((i, c));
            }
        }
        let mut items: Vec<ItemStatus> = st
            .manifest
            .items
            .iter()
            .map(|item| {
                let damage = item
                    .files
                    .iter()
                    .filter_map(|f| first_failure.get(f.path.as_str()))
                    .min_by_key(|(i, _)| *i)
                    .map(|(_, c)| *c);
                match damage {
                    Some(c) => ItemStatus {
                        item: item.id.clone(),
                        status: if c.code == "payload.missing" { ItemState::Missing } else { ItemState::HashMismatch },
                        reason: Some(c.message.clone()),
                    },
                    None => ItemStatus { item: item.id.clone(), status: ItemState::Accepted, reason: None },
                }
            })
            .collect();
        for (id, reason) in &opts.out_of_scope {
            check_id(id)?;
            if let Some(s) = items.iter_mut().find(|s| s.item == *id && s.status == ItemState::Accepted) {
                s.status = ItemState::OutOfScope;
                s.reason = reason.clone();
            }
        }
        for (id, reason) in &opts.reject_items {
            check_id(id)?;
            if let Some(s) = items.iter_mut().find(|s| s.item == *id && s.status == ItemState::Accepted) {
                s.status = ItemState::Rejected;
                s.reason = Some(reason.clone());
            }
        }
        for (n, _) in &opts.refuse_conditions {
            if !t.conditions.iter().any(|c| c.id == *n) {
                return Err(Error::Input(format!(
                    "the transfer has no condition {n}; it has {} condition(s)",
                    t.conditions.len()
                )));
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
        if let Some(reason) = &opts.reject_all {
            for s in items.iter_mut().filter(|s| s.status == ItemState::Accepted) {
                s.status = ItemState::Rejected;
                s.reason = Some(reason.clone());
            }
            for c in conditions.iter_mut() {
                c.accepted = false;
                c.reason.get_or_insert_with(|| "the bundle was rejected".into());
            }
        }
        let any = items.iter().any(|s| s.status == ItemState::Accepted);
        let all = items.iter().all(|s| s.status == ItemState::Accepted) && conditions.iter().all(|c| c.accepted);
        let decision = if !any {
            Decision::Rejected
        } else if all {
            Decision::Accepted
        } else {
            Decision::AcceptedInPart
        };
        if decision == Decision::Rejected {
            for c in conditions.iter_mut().filter(|c| c.accepted) {
                c.accepted = false;
                c.reason = Some("the bundle was rejected".into());
            }
        }
        let sealer = st.events[0].0.signer.clone();
        let sender = st
            .events
            .iter()
            .find(|(e, _)| e.sequence == transfer_seq)
            .map(|(e, _)| e.signer.clone())
            .ok_or_else(|| Error::Input("internal: the pending transfer's event is missing".into()))?;
        let list = opts.trust.as_ref().map(|(l, _)| l);
        let (sealer_trusted, _) = vouched(list, &sealer);
        let (sender_trusted, _) = vouched(list, &sender);
        let untrusted_tsa =
            report.checks.iter().find(|c| c.level == Level::Fail && c.code == "timestamp.untrusted_root");
        // Only tokens that verified and chain to the roots count as trusted time: any failing
        // timestamp check but a time conflict (a sound, trusted token whose event claims
        // another time) means some token is not (§5.5).
        let bad_token = report
            .checks
            .iter()
            .any(|c| c.level == Level::Fail && c.code.is_timestamp() && c.code != "timestamp.time_conflict");
        let tsa_trusted = opts.tsa_roots.as_ref().map(|_| !bad_token);
        if decision != Decision::Rejected && !opts.accept_untrusted {
            let why = unvouched_parties(list, &sealer, &sender);
            if !why.is_empty() || untrusted_tsa.is_some() {
                return Err(untrusted_error(&why, untrusted_tsa.map(|c| c.message.as_str())));
            }
        }
        parties = Some(Parties { sealer, sealer_trusted, sender, sender_trusted });
        let time = event_time(opts.time, &st.events[st.events.len() - 1].0)?;
        let mut ev = new_event(&st, key, EventType::Receipt, time);
        let mut codes: Vec<String> = failures.iter().map(|c| c.code.to_string()).collect();
        codes.sort();
        codes.dedup();
        ev.receipt = Some(Receipt {
            transfer_sequence: transfer_seq,
            decision,
            verification: ReceiptVerification {
                state: if failures.is_empty() { "intact".into() } else { "invalid".into() },
                failures: codes,
                trust_list_sha256: opts.trust.as_ref().map(|(_, d)| *d),
                sealer_trusted: Some(sealer_trusted),
                sender_trusted: Some(sender_trusted),
                tsa_roots_sha256: opts.tsa_roots.as_ref().map(|(_, d)| *d),
                tsa_trusted,
            },
            items,
            conditions,
            reason: opts.reject_all.clone(),
        });
        append_event(b, &st, key, ev, Vec::new(), stamping)
    })?;
    appended.parties = parties;
    Ok(appended)
}

/// Whether `list` vouches for `signer`: its key is listed with every identity field, each
/// equal to what the bundle claims. A fingerprint-only (or partial) entry says the key is
/// known but not whose it is, so it vouches for no identity. Else, why not.
fn vouched(list: Option<&TrustList>, signer: &Signer) -> (bool, String) {
    let Some(list) = list else { return (false, "was not checked (no trust list)".into()) };
    match list.vouch(&signer.fingerprint, &signer.identity()) {
        Vouch::Trusted => (true, String::new()),
        Vouch::Unknown => (false, "is not in your trust list".into()),
        Vouch::IdentityUnlisted => (
            false,
            "is in your trust list without a full identity (name, organisation, role, jurisdiction), which vouches \
             for no one"
                .into(),
        ),
        Vouch::Mismatch(diffs) => {
            (false, format!("is in your trust list under another identity ({})", diffs.join("; ")))
        }
    }
}

/// Why `list` does not vouch for the sealer and the sender (empty: it vouches for both).
fn unvouched_parties(list: Option<&TrustList>, sealer: &Signer, sender: &Signer) -> Vec<String> {
    let mut why = Vec::new();
    for (who, s) in [("sealer", sealer), ("sender", sender)] {
        let (trusted, reason) = vouched(list, s);
        if !trusted {
            why.push(format!("the {who} {} ({}) {reason}", s.identity().describe(), s.fingerprint));
        }
    }
    why
}

/// The refusal of `receive` when a party or a timestamp is not vouched for.
fn untrusted_error(parties: &[String], untrusted_tsa: Option<&str>) -> Error {
    let mut why = parties.to_vec();
    if let Some(m) = untrusted_tsa {
        why.push(format!("a timestamp does not chain to your --tsa-roots: {m}"));
    }
    Error::Untrusted(format!(
        "not accepted: {}. Nothing was written. Confirm those fingerprints with their holders and add them to your \
         trust list (custody trust add THEIR.pub --file FILE); or record a rejection with --reject-all --reason \
         TEXT; or accept anyway with --accept-untrusted (the receipt records it)",
        why.join("; ")
    ))
}

/// What `custody timestamp` did.
#[derive(Debug, Clone)]
pub struct AddedTokens {
    pub bundle: PathBuf,
    /// Tokens added, one per event that had none.
    pub added: Vec<StampOutcome>,
    /// Events that already had a token.
    pub already: usize,
}

/// Adds a token to every event of the bundle that has none, as one append that adds no
/// event and changes no signature. Refuses a bundle whose custody documents do not verify.
/// Every token is obtained before anything is written: a TSA failure leaves the bundle as
/// it was. With nothing to add, nothing is written (not even `out`).
pub fn add_tokens(bundle: &Path, out: Option<&Path>, url: &str) -> Result<AddedTokens, Error> {
    let (mut result, path) = on_bundle(bundle, out, |b| {
        let report = verify_open(&b, false, 0, None)?;
        refuse_if_invalid(&report, "timestamped")?;
        let tags = read_tags(&b)?;
        let mut new: Vec<(String, Vec<u8>)> = Vec::new();
        let mut added = Vec::new();
        let mut already = 0;
        let mut newest: Option<Timestamp> = None;
        for ev in &report.events {
            let path = event_path(ev.sequence, ev.event_type);
            let token_path = crate::timestamp::token_path(&path);
            if tags.contains_key(&token_path) {
                already += 1;
                continue;
            }
            let sig = tags
                .get(&format!("{path}.sig"))
                .ok_or_else(|| Error::Input(format!("{path} has no signature to timestamp")))?;
            let token = crate::timestamp::request_token(url, sig)?;
            let t = crate::timestamp::parse_token(&token).map_err(|e| Error::Input(e.to_string()))?;
            newest = newest.max(Timestamp::from_unix(t.gen_time().timestamp()));
            added.push(StampOutcome::Stamped {
                token_path: token_path.clone(),
                time: t.gen_time_text(),
                tsa: t.tsa_name(),
            });
            new.push((token_path, token));
        }
        let wrote = !new.is_empty();
        if wrote {
            let tag_manifest = tag_manifest_with(&tags, &new);
            b.append(&new, &tag_manifest, newest.unwrap_or_else(Timestamp::now))?;
        }
        Ok((AddedTokens { bundle: PathBuf::new(), added, already }, wrote))
    })?;
    result.bundle = path;
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::Role;

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
        assert!(matches!(e, Error::Untrusted(_)), "{e}");
        assert!(e.to_string().contains("the sealer") && e.to_string().contains("the sender"), "{e}");
        assert_eq!(progress.done.load(std::sync::atomic::Ordering::Relaxed), 0, "nothing was hashed");
        assert_eq!(fs::read(&copy).unwrap(), before);
    }
}
