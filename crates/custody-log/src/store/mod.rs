//! The log's storage: what a submission claims ([`Claim`]), what became of it ([`Outcome`]),
//! where the log is ([`Db`]: a file or a `postgres://` URL) and the store over it ([`Store`]:
//! [`SqliteStore`] for one agency, [`PostgresStore`] for a central authority with several
//! servers). Both hold the same tables and integrate a batch in one transaction that first
//! locks the tree row and re-reads the size, so every integration extends the last committed.

mod pg;
mod sqlite;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use custody_core::commit::merkle::Hash;
use custody_core::keys::KeyPair;
use custody_core::keys::note::VerifierKey;
use custody_core::tlog::{Kind, LeafInput};

use crate::LogError;
use crate::sequencer::Receipt;

pub use pg::PostgresStore;
pub use sqlite::{Lookup, SqliteStore};

/// The version of the tables this code reads and writes (`meta.schema_version`).
pub const SCHEMA_VERSION: i64 = 1;
/// The most conflict records kept per slot: later different claims are refused unrecorded.
pub const MAX_RECORDS_PER_SLOT: u64 = 16;

/// A submission: the three HMAC values of an event's leaf.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Claim {
    /// The slot (bundle and sequence number).
    pub slot: Hash,
    /// The event commitment.
    pub event: Hash,
    /// The signer commitment.
    pub signer: Hash,
}

/// What the log did with a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The slot was free: the claim is now the accepted event at this index.
    Added(u64),
    /// The same claim was accepted before, at this index (idempotent resubmission).
    Existing(u64),
    /// The slot holds another event (`accepted`); this claim is refused and recorded as a
    /// conflict leaf at `recorded` (`None` past [`MAX_RECORDS_PER_SLOT`] records).
    Conflict {
        /// The accepted event's index.
        accepted: u64,
        /// The conflict record's index.
        recorded: Option<u64>,
    },
}

impl Outcome {
    /// Whether the claim is the slot's accepted event.
    pub fn accepted(&self) -> bool {
        matches!(self, Outcome::Added(_) | Outcome::Existing(_))
    }
}

/// Where a log is: `--db FILE.sqlite` or `--db postgres://user:password@host:port/dbname`.
#[derive(Clone, PartialEq, Eq)]
pub enum Db {
    /// An SQLite file.
    File(PathBuf),
    /// A PostgreSQL connection URL (`postgres://` or `postgresql://`); shown without its password.
    Postgres(String),
}

impl Db {
    /// Reads a `--db` argument: a `postgres://` or `postgresql://` URL, else a file path.
    pub fn from_arg(arg: &Path) -> Db {
        match arg.to_str() {
            Some(s) if s.starts_with("postgres://") || s.starts_with("postgresql://") => Db::Postgres(s.to_string()),
            _ => Db::File(arg.to_path_buf()),
        }
    }
}

/// What errors and messages show of a PostgreSQL URL: rebuilt from what the driver parses (user, hosts,
/// ports, database name), never the raw text, so no spelling of a password (`?password=`, a percent-encoded
/// key, an unescaped `@`) can leak; a password given is shown as `***`, and so is a user or host name that is
/// not plain (letters, digits, `-_.`; `:[]` and `/` in a host): an unescaped `@` in a query makes the driver
/// read what precedes it as the user. A URL the driver cannot parse shows as `postgres://***`.
pub fn redact_url(url: &str) -> String {
    let plain = |s: &str, extra: &str| {
        if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c) || extra.contains(c)) {
            s.to_string()
        } else {
            "***".to_string()
        }
    };
    let Ok(config) = url.parse::<postgres::Config>() else { return "postgres://***".to_string() };
    let mut out = String::from("postgres://");
    let password = if config.get_password().is_some() { ":***" } else { "" };
    if config.get_user().is_some() || !password.is_empty() {
        out.push_str(&format!("{}{password}@", config.get_user().map_or(String::new(), |u| plain(u, ""))));
    }
    let ports = config.get_ports();
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .enumerate()
        .map(|(i, host)| {
            let name = match host {
                postgres::config::Host::Tcp(h) => plain(h, ":[]"),
                postgres::config::Host::Unix(p) => plain(&p.display().to_string(), "/"),
            };
            // One port for all hosts, or one per host.
            match ports.get(i).or(if ports.len() == 1 { ports.first() } else { None }) {
                Some(port) => format!("{name}:{port}"),
                None => name,
            }
        })
        .collect();
    out.push_str(&hosts.join(","));
    if let Some(db) = config.get_dbname() {
        out.push_str(&format!("/{}", plain(db, "")));
    }
    out
}

impl fmt::Display for Db {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Db::File(p) => write!(f, "{}", p.display()),
            Db::Postgres(url) => f.write_str(&redact_url(url)),
        }
    }
}

impl fmt::Debug for Db {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Db({self})")
    }
}

/// A log's store: one connection to its SQLite file or PostgreSQL database.
pub enum Store {
    /// An SQLite file.
    Sqlite(SqliteStore),
    /// A PostgreSQL database (boxed: its client is much larger than an SQLite connection).
    Postgres(Box<PostgresStore>),
}

macro_rules! each {
    ($self:expr, $s:ident => $e:expr) => {
        match $self {
            Store::Sqlite($s) => $e,
            Store::Postgres($s) => $e,
        }
    };
}

impl Store {
    /// Creates the log's tables at `db` (see [`SqliteStore::create`]); returns its verifier key.
    pub fn create(db: &Db, key: &KeyPair, origin: &str) -> Result<VerifierKey, LogError> {
        match db {
            Db::File(p) => SqliteStore::create(p, key, origin),
            Db::Postgres(url) => PostgresStore::create(url, key, origin),
        }
    }

    /// Opens the log at `db`; creates nothing.
    pub fn open(db: &Db) -> Result<Store, LogError> {
        Ok(match db {
            Db::File(p) => Store::Sqlite(SqliteStore::open(p)?),
            Db::Postgres(url) => Store::Postgres(Box::new(PostgresStore::open(url)?)),
        })
    }

    /// The log's origin and verifier key.
    pub fn meta(&mut self) -> Result<(String, VerifierKey), LogError> {
        each!(self, s => s.meta())
    }

    /// Checks that `key` is the log's.
    pub fn check_key(&mut self, key: &KeyPair) -> Result<(String, VerifierKey), LogError> {
        each!(self, s => s.check_key(key))
    }

    /// The latest checkpoint: its size and note.
    pub fn checkpoint(&mut self) -> Result<(u64, String), LogError> {
        each!(self, s => s.checkpoint())
    }

    /// The checkpoint signed at `size`, if the log ever had that size.
    pub fn checkpoint_at(&mut self, size: u64) -> Result<Option<String>, LogError> {
        each!(self, s => s.checkpoint_at(size))
    }

    /// The leaf at `index`.
    pub fn leaf(&mut self, index: u64) -> Result<Option<LeafInput>, LogError> {
        each!(self, s => s.leaf(index))
    }

    /// The leaves of `slot`, by index.
    pub fn entries(&mut self, slot: &Hash) -> Result<Vec<(u64, LeafInput)>, LogError> {
        each!(self, s => s.entries(slot))
    }

    /// The inclusion proof of leaf `index` in the tree of `size` leaves.
    pub fn inclusion(&mut self, index: u64, size: u64) -> Result<Vec<Hash>, LogError> {
        each!(self, s => s.inclusion(index, size))
    }

    /// The consistency proof from `from` to `to` leaves.
    pub fn consistency(&mut self, from: u64, to: u64) -> Result<Vec<Hash>, LogError> {
        each!(self, s => s.consistency(from, to))
    }

    /// See [`SqliteStore::lookup`].
    pub fn lookup(&mut self, slots: &[Hash], from: Option<u64>, max_entries: usize) -> Result<Lookup, LogError> {
        each!(self, s => s.lookup(slots, from, max_entries))
    }

    /// See [`SqliteStore::tile`].
    pub fn tile(&mut self, level: u32, idx: u64, width: u64) -> Result<Option<Vec<u8>>, LogError> {
        each!(self, s => s.tile(level, idx, width))
    }

    /// See [`SqliteStore::entry_bundle`].
    pub fn entry_bundle(&mut self, idx: u64, width: u64) -> Result<Option<Vec<u8>>, LogError> {
        each!(self, s => s.entry_bundle(idx, width))
    }

    /// The tree head at `size` leaves, recomputed from the stored tiles.
    pub fn root_at(&mut self, size: u64) -> Result<Hash, LogError> {
        each!(self, s => s.root_at(size))
    }

    /// Integrates `claims` in one transaction (see [`SqliteStore::integrate`]).
    pub fn integrate(&mut self, key: &KeyPair, claims: &[Claim]) -> Result<Vec<Receipt>, LogError> {
        each!(self, s => s.integrate(key, claims))
    }
}

impl From<SqliteStore> for Store {
    fn from(s: SqliteStore) -> Store {
        Store::Sqlite(s)
    }
}

impl From<PostgresStore> for Store {
    fn from(s: PostgresStore) -> Store {
        Store::Postgres(Box::new(s))
    }
}

/// What a batch's transaction reads of the slots it decides, from what is committed.
pub(crate) trait SlotReader {
    /// The slot's accepted event: its index, event and signer commitments.
    fn accepted(&mut self, slot: &Hash) -> Result<Option<(u64, Hash, Hash)>, LogError>;
    /// The index of the conflict record of exactly this claim.
    fn record(&mut self, claim: &Claim) -> Result<Option<u64>, LogError>;
    /// How many conflict records the slot holds.
    fn record_count(&mut self, slot: &Hash) -> Result<u64, LogError>;
}

/// Decides each claim of a batch, in order, against a tree of `size` leaves: the outcomes and
/// the leaves to append (from index `size`). Both stores call it inside their transaction.
pub(crate) fn decide(
    size: u64,
    claims: &[Claim],
    db: &mut impl SlotReader,
) -> Result<(Vec<Outcome>, Vec<LeafInput>), LogError> {
    let mut added: Vec<LeafInput> = Vec::new();
    let mut accepted: HashMap<Hash, (u64, Hash, Hash)> = HashMap::new();
    let mut records: HashMap<Claim, u64> = HashMap::new();
    let mut record_count: HashMap<Hash, u64> = HashMap::new();
    let mut outcomes = Vec::with_capacity(claims.len());
    for c in claims {
        let prior = match accepted.get(&c.slot) {
            Some(a) => Some(*a),
            None => db.accepted(&c.slot)?,
        };
        let next = size + added.len() as u64;
        let outcome = match prior {
            Some((idx, e, s)) if e == c.event && s == c.signer => Outcome::Existing(idx),
            Some((idx, _, _)) => {
                let known = match records.get(c) {
                    Some(r) => Some(*r),
                    None => db.record(c)?,
                };
                let recorded = match known {
                    Some(r) => Some(r),
                    None => {
                        let count = match record_count.get(&c.slot) {
                            Some(n) => *n,
                            None => db.record_count(&c.slot)?,
                        };
                        record_count.insert(c.slot, count + (count < MAX_RECORDS_PER_SLOT) as u64);
                        (count < MAX_RECORDS_PER_SLOT).then(|| {
                            added.push(LeafInput {
                                kind: Kind::Conflict,
                                slot: c.slot,
                                event: c.event,
                                signer: c.signer,
                            });
                            records.insert(*c, next);
                            next
                        })
                    }
                };
                Outcome::Conflict { accepted: idx, recorded }
            }
            None => {
                added.push(LeafInput { kind: Kind::Event, slot: c.slot, event: c.event, signer: c.signer });
                accepted.insert(c.slot, (next, c.event, c.signer));
                Outcome::Added(next)
            }
        };
        outcomes.push(outcome);
    }
    Ok((outcomes, added))
}

/// One receipt per outcome against the checkpoint `note` of `size` leaves, with the proofs
/// `prove` gives (an index's inclusion proof at `size`).
pub(crate) fn receipts(
    outcomes: Vec<Outcome>,
    size: u64,
    note: &str,
    prove: impl Fn(u64) -> Result<Vec<Hash>, LogError>,
) -> Result<Vec<Receipt>, LogError> {
    let mut receipts = Vec::with_capacity(outcomes.len());
    for outcome in outcomes {
        let (inclusion, accepted_inclusion) = match outcome {
            Outcome::Added(i) | Outcome::Existing(i) => (prove(i)?, None),
            Outcome::Conflict { accepted, recorded } => {
                (recorded.map(&prove).transpose()?.unwrap_or_default(), Some(prove(accepted)?))
            }
        };
        receipts.push(Receipt { outcome, size, checkpoint: note.to_string(), inclusion, accepted_inclusion });
    }
    Ok(receipts)
}
