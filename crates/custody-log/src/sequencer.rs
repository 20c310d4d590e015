//! The sequencer (design §4.4): submissions from any thread go into a bounded queue; one thread
//! takes one, drains up to [`MAX_BATCH`] − 1 more without waiting, integrates the batch in one
//! transaction and only then answers each. A failed batch answers every submission in it with
//! the error, and none of it was stored.

use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::thread::JoinHandle;

use custody_core::commit::merkle::Hash;
use custody_core::keys::KeyPair;

use crate::LogError;
use crate::store::{Claim, Outcome, Store};

/// The most submissions integrated in one transaction.
pub const MAX_BATCH: usize = 256;
/// The most submissions waiting; more are refused ([`LogError::Busy`]).
pub const QUEUE: usize = 4096;

/// The log's answer to one claim, all against one checkpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// What became of the claim.
    pub outcome: Outcome,
    /// The tree size of `checkpoint`.
    pub size: u64,
    /// The signed checkpoint (a note) at `size`.
    pub checkpoint: String,
    /// The inclusion proof of the claim's leaf (accepted or recorded; empty if unrecorded).
    pub inclusion: Vec<Hash>,
    /// For a conflict, the inclusion proof of the slot's accepted event.
    pub accepted_inclusion: Option<Vec<Hash>>,
}

struct Job {
    claim: Claim,
    reply: mpsc::Sender<Result<Receipt, LogError>>,
}

/// A running sequencer over one store.
pub struct Sequencer {
    queue: Option<SyncSender<Job>>,
    thread: Option<JoinHandle<()>>,
}

impl Sequencer {
    /// Starts the sequencer thread over `store`, signing with `key` (which must be the log's).
    pub fn start(store: impl Into<Store>, key: KeyPair) -> Result<Sequencer, LogError> {
        Sequencer::start_queueing(store.into(), key, QUEUE)
    }

    /// [`Sequencer::start`] with at most `queue` submissions waiting (the tests fill a short
    /// queue to see it refuse).
    pub(crate) fn start_queueing(mut store: Store, key: KeyPair, queue: usize) -> Result<Sequencer, LogError> {
        store.check_key(&key)?;
        let (queue, jobs) = mpsc::sync_channel::<Job>(queue);
        let thread = std::thread::Builder::new()
            .name("custody-log-sequencer".into())
            .spawn(move || run(&mut store, &key, &jobs))
            .map_err(|e| LogError::BatchFailed(e.to_string()))?;
        Ok(Sequencer { queue: Some(queue), thread: Some(thread) })
    }

    /// Submits `claim` and waits for its batch to be committed.
    pub fn submit(&self, claim: Claim) -> Result<Receipt, LogError> {
        let queue = self.queue.as_ref().ok_or(LogError::Stopped)?;
        let (reply, answer) = mpsc::channel();
        match queue.try_send(Job { claim, reply }) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => return Err(LogError::Busy),
            Err(TrySendError::Disconnected(_)) => return Err(LogError::Stopped),
        }
        answer.recv().map_err(|_| LogError::Stopped)?
    }

    /// Stops taking submissions, finishes the queued ones and ends the thread.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.queue = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Sequencer {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn run(store: &mut Store, key: &KeyPair, jobs: &Receiver<Job>) {
    while let Ok(first) = jobs.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match jobs.try_recv() {
                Ok(j) => batch.push(j),
                Err(_) => break,
            }
        }
        let claims: Vec<Claim> = batch.iter().map(|j| j.claim).collect();
        match store.integrate(key, &claims) {
            Ok(receipts) => {
                for (job, r) in batch.into_iter().zip(receipts) {
                    let _ = job.reply.send(Ok(r));
                }
            }
            Err(e) => {
                let why = e.to_string();
                for job in batch {
                    let _ = job.reply.send(Err(LogError::BatchFailed(why.clone())));
                }
            }
        }
    }
}
