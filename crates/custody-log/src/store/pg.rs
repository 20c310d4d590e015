//! The log in PostgreSQL (a central authority; several server processes may share one
//! database): the tables of the SQLite store (schema-postgres.sql), and the same transaction
//! per batch. A batch first takes `SELECT … FOR UPDATE` on the one tree row, then reads the
//! size (READ COMMITTED: each statement sees what other processes committed before the lock
//! was granted), so integrations by every process follow one another and each extends the
//! last committed tree: dense indices, one tree, never an overwrite. Nothing is acknowledged
//! before `COMMIT` returns (each batch pins READ COMMITTED and `synchronous_commit = on`). Reads
//! that must agree with one checkpoint run in one REPEATABLE READ snapshot.

use std::time::Duration;

use custody_core::commit::merkle::{Hash, empty_root};
use custody_core::commit::proof::{consistency_proof, inclusion_proof, tree_root};
use custody_core::keys::KeyPair;
use custody_core::keys::note::VerifierKey;
use custody_core::tlog::{Checkpoint, Kind, LeafInput};
use postgres::{Client, GenericClient, IsolationLevel, NoTls, Transaction};

use super::sqlite::{from_sql, hash};
use super::{Claim, Lookup, SCHEMA_VERSION, SlotReader, decide, receipts, redact_url};
use crate::LogError;
use crate::sequencer::Receipt;
use crate::tree::{TileIo, Tiles, to_sql};

const SCHEMA: &str = include_str!("schema-postgres.sql");

/// One connection to a log's PostgreSQL database.
pub struct PostgresStore {
    client: Client,
    /// Where to reconnect once the connection is found closed (a database restart or failover).
    url: String,
}

impl From<postgres::Error> for LogError {
    fn from(e: postgres::Error) -> LogError {
        LogError::Postgres(why(&e))
    }
}

/// What the server or the client said: the server's message (`postgres::Error` alone shows
/// only "db error"), else the error and its causes.
fn why(e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        return format!("{}: {} ({})", db.severity(), db.message(), db.code().code());
    }
    let mut out = e.to_string();
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        out.push_str(&format!(": {c}"));
        cause = c.source();
    }
    out
}

/// Connects to `url` (10 s to connect); errors show the URL without its password. TCP keepalives (60 s idle, then
/// 5 probes 10 s apart) and `idle_in_transaction_session_timeout` (30 s) end the session of a server that dies
/// mid-batch on another machine (power loss, partition), so its lock on the tree row does not stall the others.
fn connect(url: &str) -> Result<Client, LogError> {
    let failed = |why: String| LogError::PostgresConnect { url: redact_url(url), why };
    let mut config: postgres::Config = url.parse().map_err(|e: postgres::Error| failed(why(&e)))?;
    config
        .connect_timeout(Duration::from_secs(10))
        .keepalives(true)
        .keepalives_idle(Duration::from_secs(60))
        .keepalives_interval(Duration::from_secs(10))
        .keepalives_retries(5);
    let mut client = config.connect(NoTls).map_err(|e| failed(why(&e)))?;
    client.batch_execute("SET idle_in_transaction_session_timeout = '30s'").map_err(|e| failed(why(&e)))?;
    Ok(client)
}

fn small(n: u32) -> Result<i16, LogError> {
    i16::try_from(n).map_err(|_| LogError::Corrupt("a tile level above 2^15 - 1"))
}

fn leaf_of(kind: i16, slot: Vec<u8>, event: Vec<u8>, signer: Vec<u8>) -> Result<LeafInput, LogError> {
    let kind = u8::try_from(kind).ok().and_then(Kind::from_byte).ok_or(LogError::Corrupt("a leaf of unknown kind"))?;
    Ok(LeafInput { kind, slot: hash(slot)?, event: hash(event)?, signer: hash(signer)? })
}

/// The tree row: size, root and checkpoint (`FOR UPDATE` with `lock`).
fn current(c: &mut impl GenericClient, lock: bool) -> Result<(u64, Hash, String), LogError> {
    let sql = if lock {
        "SELECT size, root, checkpoint FROM tree WHERE id = 0 FOR UPDATE"
    } else {
        "SELECT size, root, checkpoint FROM tree WHERE id = 0"
    };
    let row = c.query_opt(sql, &[])?.ok_or(LogError::Corrupt("the tree row is missing"))?;
    Ok((from_sql(row.try_get(0)?)?, hash(row.try_get(1)?)?, row.try_get(2)?))
}

impl TileIo for &mut Transaction<'_> {
    fn read_tile(&mut self, level: u32, idx: u64) -> Result<Option<Vec<u8>>, LogError> {
        let row =
            self.query_opt("SELECT hashes FROM tiles WHERE level = $1 AND idx = $2", &[&small(level)?, &to_sql(idx)?])?;
        Ok(row.map(|r| r.try_get(0)).transpose()?)
    }

    fn write_tile(&mut self, level: u32, idx: u64, hashes: &[u8]) -> Result<(), LogError> {
        self.execute(
            "INSERT INTO tiles (level, idx, hashes) VALUES ($1, $2, $3) \
             ON CONFLICT (level, idx) DO UPDATE SET hashes = EXCLUDED.hashes",
            &[&small(level)?, &to_sql(idx)?, &hashes],
        )?;
        Ok(())
    }
}

impl SlotReader for Transaction<'_> {
    fn accepted(&mut self, slot: &Hash) -> Result<Option<(u64, Hash, Hash)>, LogError> {
        let row =
            self.query_opt("SELECT idx, event, signer FROM leaves WHERE slot = $1 AND kind = 1", &[&&slot[..]])?;
        row.map(|r| Ok((from_sql(r.try_get(0)?)?, hash(r.try_get(1)?)?, hash(r.try_get(2)?)?))).transpose()
    }

    fn record(&mut self, c: &Claim) -> Result<Option<u64>, LogError> {
        let row = self.query_opt(
            "SELECT idx FROM leaves WHERE slot = $1 AND event = $2 AND signer = $3 AND kind = 2",
            &[&&c.slot[..], &&c.event[..], &&c.signer[..]],
        )?;
        row.map(|r| from_sql(r.try_get(0)?)).transpose()
    }

    fn record_count(&mut self, slot: &Hash) -> Result<u64, LogError> {
        let row = self.query_one("SELECT count(*) FROM leaves WHERE slot = $1 AND kind = 2", &[&&slot[..]])?;
        from_sql(row.try_get(0)?)
    }
}

impl PostgresStore {
    /// The connection, made again first if it was found closed (the database restarted or failed over): the
    /// request that finds it lost fails (503), the next one reconnects.
    fn client(&mut self) -> Result<&mut Client, LogError> {
        if self.client.is_closed() {
            self.client = connect(&self.url)?;
        }
        Ok(&mut self.client)
    }

    /// Creates the log's tables in the database at `url` (which must hold no tables in its
    /// schema) for `key` under `origin`, with the signed checkpoint of the empty tree.
    pub fn create(url: &str, key: &KeyPair, origin: &str) -> Result<VerifierKey, LogError> {
        custody_core::tlog::check_origin(origin)?;
        let vkey = VerifierKey::new(origin, key.public()).map_err(|e| LogError::Checkpoint(e.into()))?;
        let empty = Checkpoint { origin: origin.to_string(), size: 0, root: empty_root(), extensions: vec![] };
        let note = empty.sign(key)?;
        let mut client = connect(url)?;
        let mut tx = client.transaction()?;
        let tables = "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()";
        if tx.query_one(tables, &[])?.try_get::<_, i64>(0)? != 0 {
            return Err(LogError::AlreadyInitialised);
        }
        tx.batch_execute(SCHEMA)?;
        let version = i32::try_from(SCHEMA_VERSION).map_err(|_| LogError::Corrupt("the schema version"))?;
        tx.execute(
            "INSERT INTO meta (id, schema_version, origin, vkey) VALUES (0, $1, $2, $3)",
            &[&version, &origin, &vkey.to_string()],
        )?;
        tx.execute("INSERT INTO tree (id, size, root, checkpoint) VALUES (0, 0, $1, $2)", &[&&empty.root[..], &note])?;
        tx.execute("INSERT INTO checkpoints (size, note) VALUES (0, $1)", &[&note])?;
        tx.commit()?;
        Ok(vkey)
    }

    /// Opens the log in the database at `url`; changes nothing in a database that is not a log.
    pub fn open(url: &str) -> Result<PostgresStore, LogError> {
        let mut store = PostgresStore { client: connect(url)?, url: url.to_string() };
        store.meta().map_err(|e| match e {
            LogError::NotALog(_) => LogError::NotALog(redact_url(url).into()),
            e => e,
        })?;
        Ok(store)
    }

    /// The log's origin and verifier key, as created.
    pub fn meta(&mut self) -> Result<(String, VerifierKey), LogError> {
        let not_a_log = || LogError::NotALog("the PostgreSQL database".into());
        let row = self
            .client()?
            .query_opt("SELECT schema_version, origin, vkey FROM meta WHERE id = 0", &[])
            // Only a missing table means "not a custody log"; a lost connection or a refusal says what it is.
            .map_err(|e| match e.code() {
                Some(c) if *c == postgres::error::SqlState::UNDEFINED_TABLE => not_a_log(),
                _ => LogError::from(e),
            })?
            .ok_or_else(not_a_log)?;
        let (version, origin, vkey): (i32, String, String) = (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
        if i64::from(version) != SCHEMA_VERSION {
            return Err(not_a_log());
        }
        let vkey = VerifierKey::parse(&vkey).map_err(|_| LogError::Corrupt("the stored verifier key"))?;
        Ok((origin, vkey))
    }

    /// Checks that `key` is the key this log was created for.
    pub fn check_key(&mut self, key: &KeyPair) -> Result<(String, VerifierKey), LogError> {
        let (origin, vkey) = self.meta()?;
        let given = VerifierKey::new(&origin, key.public()).map_err(|e| LogError::Checkpoint(e.into()))?;
        if given != vkey {
            return Err(LogError::KeyMismatch { expected: vkey.to_string(), given: given.to_string() });
        }
        Ok((origin, vkey))
    }

    /// A read-only snapshot: every read in it agrees with one checkpoint.
    fn snapshot(&mut self) -> Result<Transaction<'_>, LogError> {
        Ok(self
            .client()?
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?)
    }

    /// The latest checkpoint: its size and note.
    pub fn checkpoint(&mut self) -> Result<(u64, String), LogError> {
        let (size, _, note) = current(self.client()?, false)?;
        Ok((size, note))
    }

    /// The checkpoint signed at `size`, if the log ever had that size.
    pub fn checkpoint_at(&mut self, size: u64) -> Result<Option<String>, LogError> {
        let row = self.client()?.query_opt("SELECT note FROM checkpoints WHERE size = $1", &[&to_sql(size)?])?;
        Ok(row.map(|r| r.try_get(0)).transpose()?)
    }

    /// The leaf at `index`.
    pub fn leaf(&mut self, index: u64) -> Result<Option<LeafInput>, LogError> {
        let sql = "SELECT kind, slot, event, signer FROM leaves WHERE idx = $1";
        let row = self.client()?.query_opt(sql, &[&to_sql(index)?])?;
        row.map(|r| leaf_of(r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?)).transpose()
    }

    /// The leaves of `slot` (its accepted event and conflict records), by index.
    pub fn entries(&mut self, slot: &Hash) -> Result<Vec<(u64, LeafInput)>, LogError> {
        let sql = "SELECT idx, kind, slot, event, signer FROM leaves WHERE slot = $1 ORDER BY idx";
        let rows = self.client()?.query(sql, &[&&slot[..]])?;
        rows.iter()
            .map(|r| {
                Ok((from_sql(r.try_get(0)?)?, leaf_of(r.try_get(1)?, r.try_get(2)?, r.try_get(3)?, r.try_get(4)?)?))
            })
            .collect()
    }

    /// The inclusion proof of leaf `index` in the tree of `size` leaves (`size` ≤ the current).
    pub fn inclusion(&mut self, index: u64, size: u64) -> Result<Vec<Hash>, LogError> {
        let mut tx = self.snapshot()?;
        let (current, _, _) = current(&mut tx, false)?;
        if index >= size || size > current {
            return Err(LogError::BadRange(index, size, current));
        }
        inclusion_proof(&Tiles::over(&mut tx), index, size)?.ok_or(LogError::BadRange(index, size, current))
    }

    /// The consistency proof from `from` to `to` leaves (`from` ≤ `to` ≤ the current size).
    pub fn consistency(&mut self, from: u64, to: u64) -> Result<Vec<Hash>, LogError> {
        let mut tx = self.snapshot()?;
        let (current, _, _) = current(&mut tx, false)?;
        if from > to || to > current {
            return Err(LogError::BadRange(from, to, current));
        }
        consistency_proof(&Tiles::over(&mut tx), from, to)?.ok_or(LogError::BadRange(from, to, current))
    }

    /// See [`super::SqliteStore::lookup`]: one snapshot, the cap checked before any proof.
    pub fn lookup(&mut self, slots: &[Hash], from: Option<u64>, max_entries: usize) -> Result<Lookup, LogError> {
        let mut tx = self.snapshot()?;
        let (size, _, checkpoint) = current(&mut tx, false)?;
        if let Some(m) = from.filter(|m| *m > size) {
            return Err(LogError::BadRange(m, size, size));
        }
        let stmt = tx.prepare(
            "SELECT idx, kind, event, signer FROM leaves WHERE slot = $1 AND idx < $2 ORDER BY idx LIMIT $3",
        )?;
        let mut rows_of = Vec::with_capacity(slots.len());
        let mut total = 0usize;
        for slot in slots {
            let left = max_entries.saturating_sub(total).saturating_add(1);
            let rows = tx.query(&stmt, &[&&slot[..], &to_sql(size)?, &to_sql(left as u64)?])?;
            total += rows.len();
            if total > max_entries {
                return Err(LogError::TooManyEntries(max_entries));
            }
            let mut entries = Vec::with_capacity(rows.len());
            for r in rows {
                let leaf = leaf_of(r.try_get(1)?, slot.to_vec(), r.try_get(2)?, r.try_get(3)?)?;
                entries.push((from_sql(r.try_get(0)?)?, leaf));
            }
            rows_of.push(entries);
        }
        let tiles = Tiles::over(&mut tx);
        let consistency = match from {
            Some(m) => consistency_proof(&tiles, m, size)?,
            None => None,
        };
        let mut found = Vec::with_capacity(slots.len());
        for entries in rows_of {
            let mut proved = Vec::with_capacity(entries.len());
            for (index, leaf) in entries {
                let inclusion =
                    inclusion_proof(&tiles, index, size)?.ok_or(LogError::Corrupt("an index outside the tree"))?;
                proved.push((index, leaf, inclusion));
            }
            found.push(proved);
        }
        Ok(Lookup { size, checkpoint, consistency, slots: found })
    }

    /// See [`super::SqliteStore::tile`].
    pub fn tile(&mut self, level: u32, idx: u64, width: u64) -> Result<Option<Vec<u8>>, LogError> {
        let mut tx = self.snapshot()?;
        let Some(blob) = (&mut tx).read_tile(level, idx)? else { return Ok(None) };
        if !blob.len().is_multiple_of(32) || blob.len() > 32 * crate::tree::TILE_WIDTH as usize {
            return Err(LogError::Corrupt("a tile's length is not a whole number of hashes"));
        }
        let want = usize::try_from(width).ok().and_then(|w| w.checked_mul(32)).filter(|w| *w <= blob.len());
        Ok(want.map(|w| blob[..w].to_vec()))
    }

    /// See [`super::SqliteStore::entry_bundle`].
    pub fn entry_bundle(&mut self, idx: u64, width: u64) -> Result<Option<Vec<u8>>, LogError> {
        let mut tx = self.snapshot()?;
        let (size, _, _) = current(&mut tx, false)?;
        let first = idx.checked_mul(crate::tree::TILE_WIDTH);
        let Some((first, end)) = first.and_then(|f| f.checked_add(width).map(|e| (f, e))).filter(|(_, e)| *e <= size)
        else {
            return Ok(None);
        };
        let sql = "SELECT kind, slot, event, signer FROM leaves WHERE idx >= $1 AND idx < $2 ORDER BY idx";
        let rows = tx.query(sql, &[&to_sql(first)?, &to_sql(end)?])?;
        if rows.len() as u64 != width {
            return Err(LogError::Corrupt("a leaf of the tree is missing"));
        }
        let len = custody_core::tlog::leaf::LEAF_INPUT_LEN;
        let mut out = Vec::with_capacity(rows.len() * (2 + len));
        for r in rows {
            let leaf = leaf_of(r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?)?;
            out.extend_from_slice(&(len as u16).to_be_bytes());
            out.extend_from_slice(&leaf.to_bytes());
        }
        Ok(Some(out))
    }

    /// The tree head at `size` leaves, recomputed from the stored tiles.
    pub fn root_at(&mut self, size: u64) -> Result<Hash, LogError> {
        let mut tx = self.snapshot()?;
        let (current, _, _) = current(&mut tx, false)?;
        if size > current {
            return Err(LogError::BadRange(size, size, current));
        }
        tree_root(&Tiles::over(&mut tx), size)
    }

    /// Integrates `claims` in one transaction that first locks the tree row (see the module
    /// comment); one receipt per claim, all against the batch's checkpoint.
    pub fn integrate(&mut self, key: &KeyPair, claims: &[Claim]) -> Result<Vec<Receipt>, LogError> {
        let (origin, _) = self.check_key(key)?;
        // READ COMMITTED whatever the role's or database's default (see the module comment); the batch is
        // durable before COMMIT returns whatever `synchronous_commit` says elsewhere; a lock held more than 10 s
        // (a stalled writer) fails the batch (503, resubmitting is idempotent) instead of queueing for ever.
        let mut tx = self.client()?.build_transaction().isolation_level(IsolationLevel::ReadCommitted).start()?;
        tx.batch_execute("SET LOCAL synchronous_commit = on; SET LOCAL lock_timeout = '10s'")?;
        let (size, _, old_note) = current(&mut tx, true)?;
        let (outcomes, added) = decide(size, claims, &mut tx)?;
        let new_size = size + added.len() as u64;
        if !added.is_empty() {
            let insert =
                tx.prepare("INSERT INTO leaves (idx, kind, slot, event, signer) VALUES ($1, $2, $3, $4, $5)")?;
            for (i, l) in added.iter().enumerate() {
                let kind = i16::from(l.kind as u8);
                tx.execute(&insert, &[&to_sql(size + i as u64)?, &kind, &&l.slot[..], &&l.event[..], &&l.signer[..]])?;
            }
        }
        let (note, root, receipts) = {
            let tiles = Tiles::over(&mut tx);
            let (note, root) = if added.is_empty() {
                (old_note, None)
            } else {
                let hashes: Vec<Hash> = added.iter().map(LeafInput::hash).collect();
                tiles.append(size, &hashes)?;
                tiles.write()?;
                let root = tree_root(&tiles, new_size)?;
                (Checkpoint { origin, size: new_size, root, extensions: vec![] }.sign(key)?, Some(root))
            };
            let prove = |i: u64| -> Result<Vec<Hash>, LogError> {
                inclusion_proof(&tiles, i, new_size)?.ok_or(LogError::Corrupt("an index outside the tree"))
            };
            let receipts = receipts(outcomes, new_size, &note, prove)?;
            (note, root, receipts)
        };
        if let Some(root) = root {
            tx.execute(
                "UPDATE tree SET size = $1, root = $2, checkpoint = $3 WHERE id = 0",
                &[&to_sql(new_size)?, &&root[..], &note],
            )?;
            tx.execute("INSERT INTO checkpoints (size, note) VALUES ($1, $2)", &[&to_sql(new_size)?, &note])?;
        }
        tx.commit()?;
        Ok(receipts)
    }
}
