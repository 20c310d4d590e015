//! The custody log's stored proofs (spec §6.5, §9.1 step 10b): for a bundle whose manifest
//! names a log, each event's proof file checked offline (the checkpoint's signature under
//! the manifest's verifier key, the leaf recomputed from the log salt, the bundle id, the
//! event's stored bytes and its signer, the inclusion proof), and each checkpoint proven to
//! extend the one before it. A proof file is unsigned: it proves only what it checks.
//! Asked to (step 10c, `custody verify --log`), the copy's events and the next one are then
//! looked up in the log: a later event is `log.truncated`, another accepted event at one of the
//! copy's places `log.forked`, and a log that cannot be read or whose answer proves nothing
//! `log.unreachable` (the verdict on the log is then unknown, never a pass). The outcome is also
//! said once, plainly, as the report's [`LogReport`] (the text report's `Custody log:` line).

use std::collections::{BTreeMap, BTreeSet};

use super::Verifier;
use super::archive::EventDocs;
use crate::check::CheckCode;
use crate::keys::note::VerifierKey;
use crate::layout::{event_path, log_proof_path, log_proof_sequence};
use crate::manifest::LogMember;
use crate::tlog::lookup::LookupError;
use crate::tlog::saved::{AnswerSink, AnswersVia, Saved, SavedSource};
use crate::tlog::submit::bundle_id_bytes;
use crate::tlog::{EventFacts, LeafInput, LogClient, ProofFile, ProofFileError, Proven};
use crate::wording::log as checks;

/// What `custody verify --log` learned from the custody log (spec §6.5, §9.3): the JSON
/// report's `log` member, whose `summary` is the text report's `Custody log:` line.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct LogReport {
    /// The log's address asked: the manifest's `url`, or the one given with `--log=URL`
    /// (`no_log`: the one given, not asked); null when the manifest names no usable log.
    pub url: Option<String>,
    /// The outcome.
    pub outcome: LogStanding,
    /// The sequence number of the copy's last event read; null when none was read.
    pub last_event: Option<u64>,
    /// How many events the copy holds (read).
    pub events: u64,
    /// How many of them the log is proven to hold: by its answer, or by their stored proofs
    /// when no answer was proven.
    pub included: u64,
    /// The size of the log's signed tree the answer was proven in; null when no answer was proven.
    pub tree_size: Option<u64>,
    /// `not_latest` (or `forked`): the sequence number of the later event the log holds; else null.
    pub later_event: Option<u64>,
    /// `forked`: the copy's events at whose place the log holds another event, in order.
    pub forked_at: Vec<u64>,
    /// One sentence for people, with what to do (the text report's `Custody log:` line).
    pub summary: String,
}

/// What the custody log says of a copy (`custody verify --log`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LogStanding {
    /// The log holds the copy's last event and answered no later one (`log.latest`): that
    /// answer is the log's unsigned word, not proof that none exists.
    Latest,
    /// The log answered no event after the copy's last, but does not hold that last event
    /// (`log.not_logged`): it cannot tell whether the copy is the latest.
    Unlogged,
    /// The log holds a later event: the copy is not the latest (`log.truncated`).
    NotLatest,
    /// The log holds another event at one of the copy's places: another copy was continued
    /// (`log.forked`).
    Forked,
    /// The log signed two histories (`log.checkpoints_inconsistent`): nothing else is known.
    Inconsistent,
    /// The log could not be asked, or its answer proved nothing (`log.unreachable`): not known.
    NotChecked,
    /// The manifest names no custody log: nothing to ask (`log.unreachable`); a `--log=URL`
    /// given is not asked, as no verifier key is pinned to check its answer.
    NoLog,
}

/// The log a manifest names, usable: its verifier key (the URL must be one a client takes).
pub(crate) fn open_member(m: &LogMember) -> Result<VerifierKey, String> {
    LogClient::new(&m.url).map_err(|e| e.to_string())?;
    VerifierKey::parse(&m.verifier_key).map_err(|e| e.to_string())
}

impl Verifier {
    /// `log.unreachable` for `why`, and the report's outcome: not checked.
    fn log_not_checked(&mut self, url: Option<&str>, why: impl std::fmt::Display, included: u64) {
        let why = why.to_string();
        let summary = checks::outcome_not_checked(url, &why);
        self.log_unknown(url, &why, included, LogStanding::NotChecked, summary);
    }

    /// `log.unreachable` for `why`, and the report's outcome (`not_checked` or `no_log`).
    fn log_unknown(&mut self, url: Option<&str>, why: &str, included: u64, outcome: LogStanding, summary: String) {
        self.warn(CheckCode::LogUnreachable, checks::log_unreachable(why), None);
        let events = self.report_extra.events.len() as u64;
        self.report_extra.log = Some(LogReport {
            url: url.map(str::to_owned),
            outcome,
            last_event: self.report_extra.events.iter().map(|e| e.sequence).max(),
            events,
            included,
            tree_size: None,
            later_event: None,
            forked_at: Vec::new(),
            summary,
        });
    }

    /// Every log proof file of the bundle, and every event's proof (or its absence).
    pub(super) fn check_log(
        &mut self,
        tags: &BTreeMap<String, Vec<u8>>,
        event_docs: &EventDocs,
        online: Option<&Option<String>>,
        answers: &AnswersVia,
    ) {
        let saved = (answers.saved.as_deref(), answers.keep.as_ref());
        let proofs: BTreeSet<(u64, String)> =
            tags.keys().filter_map(|n| log_proof_sequence(n).map(|s| (s, n.clone()))).collect();
        let (member, bundle_id) = match self.report_extra.manifest.as_ref() {
            Some(m) => (m.log.clone(), m.bundle_id.clone()),
            None => {
                if online.is_some() {
                    self.log_not_checked(None, checks::LOG_ONLINE_NO_MANIFEST, 0);
                }
                return;
            }
        };
        let Some(member) = member else {
            if let Some(given) = online {
                let summary = checks::outcome_no_log(given.as_deref());
                self.log_unknown(given.as_deref(), checks::LOG_ONLINE_NO_LOG, 0, LogStanding::NoLog, summary);
            }
            for (_, path) in &proofs {
                self.fail(CheckCode::LogProofInvalid, checks::log_proof_without_log(path), Some(path));
            }
            return;
        };
        let key = match open_member(&member) {
            Ok(k) => k,
            Err(why) => {
                self.fail(
                    CheckCode::LogMemberInvalid,
                    checks::log_member_invalid(&why),
                    Some(crate::layout::MANIFEST_PATH),
                );
                if online.is_some() {
                    self.log_not_checked(None, why, 0);
                }
                return;
            }
        };
        // The manifest's rules (step 8) already failed a bundle id that is not 32 hex digits.
        let Some(id) = bundle_id_bytes(&bundle_id) else {
            if let Some(url) = online {
                self.log_not_checked(Some(url.as_deref().unwrap_or(&member.url)), checks::LOG_ONLINE_NO_ID, 0);
            }
            return;
        };
        // The events whose stored bytes were read, by sequence number: path, digest, signer.
        let events: BTreeMap<u64, (String, crate::digest::Sha256Digest, [u8; 32])> = self
            .report_extra
            .events
            .iter()
            .filter_map(|e| {
                let path = event_path(e.sequence, e.event_type.as_str());
                let doc = event_docs.get(&path)?;
                Some((e.sequence, (path, doc.sha256, e.signer.0)))
            })
            .collect();
        for (seq, path) in &proofs {
            if !events.contains_key(seq) {
                self.fail(CheckCode::LogProofInvalid, checks::log_proof_orphan(path), Some(path));
            }
        }
        let mut previous: Option<Proven> = None;
        // An event since the last checkpoint proven whose proof is missing or invalid: the next
        // proof may extend a checkpoint this bundle no longer holds (spec §6.5 step 3).
        let mut gap = false;
        let mut added = Vec::new();
        // The events whose stored proof shows them in the log: sequence number, leaf index.
        let mut proven_at: BTreeMap<u64, u64> = BTreeMap::new();
        // The last checkpoint proven before each break in the chain: the stored proofs do not
        // show that the checkpoints after it extend it, so the online check proves it too.
        let mut breaks: Vec<Proven> = Vec::new();
        // The stored proofs themselves show two histories: the log is not asked (nothing it
        // answers can be relied on), the outcome is `inconsistent`.
        let mut inconsistent = false;
        for (seq, (event, sha, signer)) in &events {
            let path = log_proof_path(*seq);
            let Some(bytes) = tags.get(&path) else {
                self.warn(CheckCode::LogProofMissing, checks::log_proof_missing(event), Some(event));
                gap = true;
                continue;
            };
            added.push((*seq, path.clone()));
            let facts = EventFacts { bundle_id: &id, sequence: *seq, event_sha256: sha, fingerprint: signer };
            let leaf = facts.leaf(&member.salt.0);
            let file = match ProofFile::parse(bytes) {
                Ok(f) => f,
                Err(e) => {
                    self.fail(CheckCode::LogProofInvalid, checks::log_proof_invalid(&path, e), Some(&path));
                    gap = true;
                    continue;
                }
            };
            match file.check(&key, &leaf, previous) {
                Ok(proven) => {
                    let message = checks::log_included(event, file.index, proven.size, key.name());
                    self.pass(CheckCode::LogIncluded, message, Some(&path));
                    proven_at.insert(*seq, file.index);
                    previous = Some(proven);
                    gap = false;
                }
                Err(e @ ProofFileError::Inconsistent { .. }) => {
                    // The event is included in its own checkpoint: later proofs extend that one.
                    let own = file.check(&key, &leaf, None);
                    match own {
                        // The proof it extends is not here to compare with: the removal is
                        // reported (log.proof_missing or log.proof_invalid), not blamed on the log.
                        Ok(proven) if gap => {
                            let message = checks::log_included_unchained(event, file.index, proven.size);
                            self.pass(CheckCode::LogIncluded, message, Some(&path));
                            proven_at.insert(*seq, file.index);
                            breaks.extend(previous);
                        }
                        _ => {
                            let message = checks::log_checkpoints_inconsistent(&path, e);
                            self.fail(CheckCode::LogCheckpointsInconsistent, message, Some(&path));
                            inconsistent = true;
                        }
                    }
                    if let Ok(proven) = own {
                        previous = Some(proven);
                        gap = false;
                    }
                }
                Err(e) => {
                    self.fail(CheckCode::LogProofInvalid, checks::log_proof_invalid(&path, e), Some(&path));
                    gap = true;
                }
            }
        }
        for (seq, path) in &added {
            if let Some(e) = self.report_extra.events.iter_mut().find(|e| e.sequence == *seq) {
                e.added_files.push(path.clone());
            }
        }
        if let Some(url) = online {
            let url = url.as_deref().unwrap_or(&member.url);
            // From a saved answer: said as such wherever the log's address would be.
            let label = saved.0.map(|s| checks::saved_label(url, &s.file));
            let url = label.as_deref().unwrap_or(url);
            let stored: BTreeSet<u64> = added.iter().map(|(s, _)| *s).collect();
            let copy = Copy { id: &id, salt: &member.salt.0, events: &events, stored: &stored, proven_at: &proven_at };
            match copy.events.keys().next_back() {
                Some(last) if inconsistent => {
                    self.report_extra.log = Some(LogReport {
                        outcome: LogStanding::Inconsistent,
                        included: proven_at.len() as u64,
                        summary: checks::outcome_inconsistent(url, true),
                        ..outcome(url, *last, copy)
                    });
                }
                _ => self.check_log_online(url, &key, copy, previous, &breaks, saved),
            }
            if label.is_some()
                && let Some(log) = self.report_extra.log.as_mut()
            {
                log.url = Some(member.url.clone());
            }
        }
    }

    /// Step 10c: the copy's events and the next one looked up in the log at `url`, the answer
    /// proven against `previous` (the newest stored checkpoint the offline check proved), and
    /// the same tree proven to extend each checkpoint of `breaks` (one more lookup each).
    fn check_log_online(
        &mut self,
        url: &str,
        key: &VerifierKey,
        copy: Copy<'_>,
        previous: Option<Proven>,
        breaks: &[Proven],
        (saved, sink): (Option<&SavedSource>, Option<&AnswerSink>),
    ) {
        let Some(last) = copy.events.keys().next_back().copied() else {
            self.log_not_checked(Some(url), checks::LOG_ONLINE_NO_EVENTS, 0);
            return;
        };
        let saved = match saved.map(|s| (&s.saved, &s.file)) {
            Some((Saved::Checkpoint(note), file)) => {
                self.check_saved_checkpoint(url, key, copy, last, previous, (note.as_str(), file.as_str()));
                return;
            }
            Some((Saved::Answers(a), _)) => {
                if a.bundle_id != self.report_extra.bundle_id.clone().unwrap_or_default() {
                    // Named only if it is an id (the file is untrusted text).
                    let hex = a.bundle_id.len() == 32 && a.bundle_id.bytes().all(|b| b.is_ascii_hexdigit());
                    let why = checks::saved_other_bundle(if hex { a.bundle_id.as_str() } else { "(not a bundle id)" });
                    self.log_not_checked(Some(url), why, copy.proven_at.len() as u64);
                    return;
                }
                Some(a)
            }
            _ => None,
        };
        let next = last.saturating_add(1);
        let facts = |seq: u64, sha, signer| EventFacts {
            bundle_id: copy.id,
            sequence: seq,
            event_sha256: sha,
            fingerprint: signer,
        };
        let mut leaves: Vec<(u64, Option<LeafInput>)> = copy
            .events
            .iter()
            .map(|(seq, (_, sha, signer))| (*seq, Some(facts(*seq, sha, signer).leaf(copy.salt))))
            .collect();
        leaves.push((next, None));
        let asked: Vec<_> = leaves
            .iter()
            .map(|(seq, leaf)| leaf.map_or_else(|| crate::tlog::leaf::slot(copy.salt, copy.id, *seq), |l| l.slot))
            .collect();
        let lookup = |from: Option<Proven>| -> Result<crate::tlog::lookup::Looked, LookupError> {
            let size = from.map(|p| p.size);
            let answer = match saved {
                Some(a) => a.answer_from(size)?,
                None => LogClient::new(url).map_err(LookupError::from).and_then(|c| c.lookup(&asked, size))?,
            };
            let looked = answer.check(key, &asked, from)?;
            if let Some(mut kept) = sink.and_then(|s| s.lock().ok()) {
                kept.push(crate::tlog::saved::to_save(size, &answer));
            }
            Ok(looked)
        };
        let checked = lookup(previous).and_then(|looked| {
            for b in breaks {
                let tree = lookup(Some(*b))?.checkpoint;
                if tree.size == looked.checkpoint.size && tree.root != looked.checkpoint.root {
                    return Err(LookupError::Inconsistent { size: tree.size });
                }
                if tree != looked.checkpoint {
                    return Err(LookupError::Grew);
                }
            }
            Ok(looked)
        });
        let looked = match checked {
            Ok(l) => l,
            Err(e @ LookupError::Inconsistent { .. }) => {
                let message = checks::log_checkpoints_inconsistent(url, &e);
                self.fail(CheckCode::LogCheckpointsInconsistent, message, None);
                self.report_extra.log = Some(LogReport {
                    outcome: LogStanding::Inconsistent,
                    included: copy.proven_at.len() as u64,
                    summary: checks::outcome_inconsistent(url, false),
                    ..outcome(url, last, copy)
                });
                return;
            }
            Err(e) => {
                self.log_not_checked(Some(url), e, copy.proven_at.len() as u64);
                return;
            }
        };
        let size = looked.checkpoint.size;
        // The answer's checkpoint extends the stored ones, so it holds every event a stored proof
        // shows, at the same index: an answer without one leaves out what the log provably holds
        // (the answer's body is not signed; anyone on the way can strip it), and proves nothing.
        for ((seq, leaf), found) in leaves.iter().zip(&looked.slots) {
            let (Some(leaf), Some(stored)) = (leaf, copy.proven_at.get(seq)) else { continue };
            if found.accepted != Some((*stored, leaf.event, leaf.signer)) {
                let event = copy.events.get(seq).map(|(p, _, _)| p.as_str()).unwrap_or_default();
                let why = checks::lookup_left_out(event, *stored);
                self.log_not_checked(Some(url), why, copy.proven_at.len() as u64);
                return;
            }
        }
        let mut said = LogReport { tree_size: Some(size), ..outcome(url, last, copy) };
        let mut last_in_log = false;
        for ((seq, leaf), found) in leaves.iter().zip(&looked.slots) {
            let Some(leaf) = leaf else {
                if let Some((index, _, _)) = found.accepted {
                    self.fail(CheckCode::LogTruncated, checks::log_truncated(last, next, index, size), None);
                    said.later_event = Some(next);
                }
                continue;
            };
            let path = copy.events.get(seq).map(|(p, _, _)| p.as_str());
            let event = path.unwrap_or_default();
            match found.accepted {
                None => self.warn(CheckCode::LogNotLogged, checks::log_not_logged(event, size), path),
                Some((index, e, s)) if e == leaf.event && s == leaf.signer => {
                    said.included += 1;
                    last_in_log |= *seq == last;
                    if !copy.stored.contains(seq) {
                        self.pass(CheckCode::LogIncluded, checks::log_included_online(event, index, size), path);
                    }
                }
                Some((index, _, _)) => {
                    self.fail(CheckCode::LogForked, checks::log_forked(event, index, size), path);
                    said.forked_at.push(*seq);
                }
            }
            if found.conflicts > 0 {
                self.warn(
                    CheckCode::LogConflictsRecorded,
                    checks::log_conflicts_recorded(event, found.conflicts),
                    path,
                );
            }
        }
        (said.outcome, said.summary) = match (said.forked_at.first(), said.later_event) {
            (Some(first), _) => (LogStanding::Forked, checks::outcome_forked(url, *first, said.forked_at.len() - 1)),
            (None, Some(later)) => (LogStanding::NotLatest, checks::outcome_not_latest(url, last, later)),
            // The log never got the copy's last event: its answer of no later one says nothing of
            // whether this copy is the latest, so it is not passed as log.latest.
            (None, None) if !last_in_log => {
                (LogStanding::Unlogged, checks::outcome_unlogged(url, last, said.included, said.events, size))
            }
            // From a saved answer, "no later event" is never a pass: the answer's entry lists are
            // not signed (anyone can strip one from the file) and an old answer stays genuine
            // forever. What it proves (the events included in the signed tree) is said; whether
            // this copy is the latest is not known offline.
            (None, None) if saved.is_some() => {
                let why = checks::saved_no_later(last, said.included, said.events, size);
                self.warn(CheckCode::LogUnreachable, checks::log_unreachable(&why), None);
                (LogStanding::NotChecked, checks::outcome_not_checked(Some(url), &why))
            }
            (None, None) => {
                self.pass(CheckCode::LogLatest, checks::log_latest(url, last, size), None);
                (LogStanding::Latest, checks::outcome_latest(url, last, said.included, said.events, size))
            }
        };
        self.report_extra.log = Some(said);
    }
}

impl Verifier {
    /// Step 10c from a saved checkpoint note alone (`note`, read from `file`): only comparable
    /// with the copy's newest stored checkpoint `previous`. The same tree is consistent but
    /// proves nothing about later or other events (not known); another root at that size is the
    /// log signing two histories; any other size, or a bad signature, proves nothing.
    fn check_saved_checkpoint(
        &mut self,
        url: &str,
        key: &VerifierKey,
        copy: Copy<'_>,
        last: u64,
        previous: Option<Proven>,
        (note, file): (&str, &str),
    ) {
        let included = copy.proven_at.len() as u64;
        let cp = match crate::tlog::Checkpoint::open(note.as_bytes(), key) {
            Ok(cp) => cp,
            Err(e) => return self.log_not_checked(Some(url), checks::saved_checkpoint_bad(e), included),
        };
        match previous {
            Some(p) if p.size == cp.size && p.root == cp.root => {
                let why = checks::saved_checkpoint_same(file, cp.size);
                self.log_unknown(Some(url), &why, included, LogStanding::NotChecked, why.clone());
            }
            Some(p) if p.size == cp.size => {
                let e = LookupError::Inconsistent { size: cp.size };
                self.fail(CheckCode::LogCheckpointsInconsistent, checks::log_checkpoints_inconsistent(url, &e), None);
                self.report_extra.log = Some(LogReport {
                    outcome: LogStanding::Inconsistent,
                    included,
                    summary: checks::outcome_inconsistent(url, false),
                    ..outcome(url, last, copy)
                });
            }
            _ => {
                let why = checks::saved_checkpoint_other_size(file, cp.size, previous.map(|p| p.size));
                self.log_unknown(Some(url), &why, included, LogStanding::NotChecked, why.clone());
            }
        }
    }
}

/// The summary as the custody log's outcome bears on it. A copy that checks but that the log
/// shows is not the latest, or forked: its verdict stays INVALID (spec §9.2), its summary says
/// what to do instead. A copy whose last event the log holds with no later one (`latest`): the
/// summary's truncation limit is narrowed to the log's unsigned answer. Only `verify --log` finds
/// these, never the court report, so the English is kept (`said`: none).
pub(super) fn summary_of_stale_copy(report: &mut super::Report) {
    let Some(log) = report.log.as_ref() else { return };
    if log.outcome == LogStanding::Latest {
        if let Some(kept) = report.summary.strip_suffix(crate::wording::TRUNCATION_LIMIT) {
            report.summary = format!("{kept}{}", checks::SUMMARY_LIMIT_ASKED);
            report.said = None;
        }
        return;
    }
    let at_seal = log.forked_at.first() == Some(&0);
    let online_only = |c: &crate::check::Check| matches!(c.code, CheckCode::LogTruncated | CheckCode::LogForked);
    let fails = || report.checks.iter().filter(|c| c.level == crate::check::Level::Fail);
    if report.state != super::State::Invalid || fails().next().is_none() || !fails().all(online_only) {
        return;
    }
    let forked = fails().any(|c| c.code == CheckCode::LogForked);
    report.summary = if forked { checks::summary_forked(at_seal) } else { checks::summary_not_latest() }.to_owned();
    report.said = None;
}

/// The outcome's facts known before the log answers (`included` counted as it answers); its
/// `outcome` and `summary` are set once it has.
fn outcome(url: &str, last: u64, copy: Copy<'_>) -> LogReport {
    LogReport {
        url: Some(url.to_owned()),
        outcome: LogStanding::NotChecked,
        last_event: Some(last),
        events: copy.events.len() as u64,
        included: 0,
        tree_size: None,
        later_event: None,
        forked_at: Vec::new(),
        summary: String::new(),
    }
}

/// What the online check needs of a copy: its id and log salt, its events read (by sequence
/// number: path, digest of the stored bytes, signer), those whose proof is stored, and the
/// leaf index of those whose stored proof shows them in the log.
#[derive(Clone, Copy)]
struct Copy<'a> {
    id: &'a [u8; 16],
    salt: &'a crate::commit::salt::Salt,
    events: &'a BTreeMap<u64, (String, crate::digest::Sha256Digest, [u8; 32])>,
    stored: &'a BTreeSet<u64>,
    proven_at: &'a BTreeMap<u64, u64>,
}
