//! The log in one SQLite file (WAL, `synchronous = FULL`, busy timeout 5 s). Every batch is one
//! `BEGIN IMMEDIATE` transaction: it takes the database's write lock before it reads the tree
//! row, so integrations by any connection or process follow one another, each from what the
//! last committed (dense indices, one tree, each checkpoint extending the last). Nothing is
//! acknowledged before `COMMIT` returns; a crash before it leaves nothing of the batch.

use std::path::Path;
use std::time::Duration;

use custody_core::commit::merkle::{Hash, empty_root};
use custody_core::commit::proof::{consistency_proof, inclusion_proof, tree_root};
use custody_core::keys::KeyPair;
use custody_core::keys::note::VerifierKey;
use custody_core::tlog::{Checkpoint, Kind, LeafInput};
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params};

use super::{Claim, SCHEMA_VERSION, SlotReader, decide, receipts};
use crate::LogError;
use crate::sequencer::Receipt;
use crate::tree::{Tiles, to_sql};

const SCHEMA: &str = include_str!("schema-sqlite.sql");

/// One connection to a log's SQLite file.
pub struct SqliteStore {
    pub(crate) conn: Connection,
}

/// The answer to a lookup, all against one checkpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookup {
    /// The checkpoint's tree size.
    pub size: u64,
    /// The signed checkpoint.
    pub checkpoint: String,
    /// The consistency proof from the size asked for, if one was.
    pub consistency: Option<Vec<Hash>>,
    /// For each slot asked for, its entries: index, leaf and inclusion proof.
    pub slots: Vec<Vec<(u64, LeafInput, Vec<Hash>)>>,
}

/// What a batch produced: one receipt per claim, in order.
type Receipts = Vec<Receipt>;

/// Opens `path` (creating it only with `create`) with the busy timeout; no pragma yet.
fn connect(path: &Path, create: bool) -> Result<Connection, LogError> {
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    Ok(conn)
}

/// Switches a connection to a log's database to WAL and `synchronous = FULL`.
fn set_pragmas(conn: &Connection) -> Result<(), LogError> {
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(LogError::Corrupt("the database cannot use write-ahead logging"));
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(())
}

/// The number of tables, indices and views in the database.
fn objects(conn: &Connection) -> Result<i64, LogError> {
    Ok(conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?)
}

pub(crate) fn from_sql(n: i64) -> Result<u64, LogError> {
    u64::try_from(n).map_err(|_| LogError::Corrupt("a negative size or index"))
}

pub(crate) fn hash(v: Vec<u8>) -> Result<Hash, LogError> {
    v.try_into().map_err(|_| LogError::Corrupt("a stored hash is not 32 bytes"))
}

impl SqliteStore {
    /// Creates the log's tables in an empty database at `path` for `key` under `origin`, with
    /// the signed checkpoint of the empty tree; returns the log's verifier key.
    pub fn create(path: &Path, key: &KeyPair, origin: &str) -> Result<VerifierKey, LogError> {
        custody_core::tlog::check_origin(origin)?;
        let vkey = VerifierKey::new(origin, key.public()).map_err(|e| LogError::Checkpoint(e.into()))?;
        let empty = Checkpoint { origin: origin.to_string(), size: 0, root: empty_root(), extensions: vec![] };
        let note = empty.sign(key)?;
        let mut conn = connect(path, true)?;
        // Refused before any pragma: a foreign database is left as it was.
        if objects(&conn)? != 0 {
            return Err(LogError::AlreadyInitialised);
        }
        set_pragmas(&conn)?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
        if objects(&tx)? != 0 {
            return Err(LogError::AlreadyInitialised);
        }
        tx.execute_batch(SCHEMA)?;
        tx.execute(
            "INSERT INTO meta (id, schema_version, origin, vkey) VALUES (0, ?1, ?2, ?3)",
            params![SCHEMA_VERSION, origin, vkey.to_string()],
        )?;
        tx.execute("INSERT INTO tree (id, size, root, checkpoint) VALUES (0, 0, ?1, ?2)", params![empty.root, note])?;
        tx.execute("INSERT INTO checkpoints (size, note) VALUES (0, ?1)", params![note])?;
        tx.commit()?;
        Ok(vkey)
    }

    /// Opens the log at `path` (created by [`Self::create`]); creates nothing, and changes
    /// nothing in a database that is not a log.
    pub fn open(path: &Path) -> Result<SqliteStore, LogError> {
        if !path.exists() {
            return Err(LogError::NoSuchLog(path.into()));
        }
        let not_a_log = || LogError::NotALog(path.into());
        if !path.is_file() {
            return Err(not_a_log());
        }
        let store = SqliteStore { conn: connect(path, false).map_err(|_| not_a_log())? };
        store.meta()?;
        set_pragmas(&store.conn)?;
        Ok(store)
    }

    /// The log's origin and verifier key, as created.
    pub fn meta(&self) -> Result<(String, VerifierKey), LogError> {
        let row: Option<(i64, String, String)> = self
            .conn
            .query_row("SELECT schema_version, origin, vkey FROM meta WHERE id = 0", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()
            .map_err(|_| self.not_a_log())?;
        match row {
            Some((SCHEMA_VERSION, origin, vkey)) => {
                let vkey = VerifierKey::parse(&vkey).map_err(|_| LogError::Corrupt("the stored verifier key"))?;
                Ok((origin, vkey))
            }
            _ => Err(self.not_a_log()),
        }
    }

    /// [`LogError::NotALog`] naming this database's file.
    fn not_a_log(&self) -> LogError {
        LogError::NotALog(self.conn.path().unwrap_or_default().into())
    }

    /// Checks that `key` is the key this log was created for.
    pub fn check_key(&self, key: &KeyPair) -> Result<(String, VerifierKey), LogError> {
        let (origin, vkey) = self.meta()?;
        let given = VerifierKey::new(&origin, key.public()).map_err(|e| LogError::Checkpoint(e.into()))?;
        if given != vkey {
            return Err(LogError::KeyMismatch { expected: vkey.to_string(), given: given.to_string() });
        }
        Ok((origin, vkey))
    }

    /// The latest checkpoint: its size and note.
    pub fn checkpoint(&self) -> Result<(u64, String), LogError> {
        let (size, note): (i64, String) =
            self.conn
                .query_row("SELECT size, checkpoint FROM tree WHERE id = 0", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok((from_sql(size)?, note))
    }

    /// The checkpoint signed at `size`, if the log ever had that size.
    pub fn checkpoint_at(&self, size: u64) -> Result<Option<String>, LogError> {
        Ok(self
            .conn
            .query_row("SELECT note FROM checkpoints WHERE size = ?1", params![to_sql(size)?], |r| r.get(0))
            .optional()?)
    }

    /// The leaf at `index`.
    pub fn leaf(&self, index: u64) -> Result<Option<LeafInput>, LogError> {
        let row = self
            .conn
            .query_row("SELECT kind, slot, event, signer FROM leaves WHERE idx = ?1", params![to_sql(index)?], |r| {
                Ok((r.get::<_, u8>(0)?, r.get::<_, Vec<u8>>(1)?, r.get::<_, Vec<u8>>(2)?, r.get::<_, Vec<u8>>(3)?))
            })
            .optional()?;
        let Some((kind, slot, event, signer)) = row else { return Ok(None) };
        let kind = Kind::from_byte(kind).ok_or(LogError::Corrupt("a leaf of unknown kind"))?;
        Ok(Some(LeafInput { kind, slot: hash(slot)?, event: hash(event)?, signer: hash(signer)? }))
    }

    /// The leaves of `slot` (its accepted event and conflict records), by index.
    pub fn entries(&self, slot: &Hash) -> Result<Vec<(u64, LeafInput)>, LogError> {
        let mut stmt = self.conn.prepare("SELECT idx FROM leaves WHERE slot = ?1 ORDER BY idx")?;
        let idx: Vec<i64> = stmt.query_map(params![slot], |r| r.get(0))?.collect::<Result<_, _>>()?;
        let mut out = Vec::with_capacity(idx.len());
        for i in idx {
            let i = from_sql(i)?;
            let leaf = self.leaf(i)?.ok_or(LogError::Corrupt("a leaf vanished"))?;
            out.push((i, leaf));
        }
        Ok(out)
    }

    fn current(conn: &Connection) -> Result<(u64, Hash), LogError> {
        let (size, root): (i64, Vec<u8>) =
            conn.query_row("SELECT size, root FROM tree WHERE id = 0", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok((from_sql(size)?, hash(root)?))
    }

    /// The inclusion proof of leaf `index` in the tree of `size` leaves (`size` ≤ the current).
    pub fn inclusion(&mut self, index: u64, size: u64) -> Result<Vec<Hash>, LogError> {
        let tx = self.conn.transaction()?;
        let (current, _) = Self::current(&tx)?;
        if index >= size || size > current {
            return Err(LogError::BadRange(index, size, current));
        }
        inclusion_proof(&Tiles::new(&tx), index, size)?.ok_or(LogError::BadRange(index, size, current))
    }

    /// The consistency proof from `from` to `to` leaves (`from` ≤ `to` ≤ the current size).
    pub fn consistency(&mut self, from: u64, to: u64) -> Result<Vec<Hash>, LogError> {
        let tx = self.conn.transaction()?;
        let (current, _) = Self::current(&tx)?;
        if from > to || to > current {
            return Err(LogError::BadRange(from, to, current));
        }
        consistency_proof(&Tiles::new(&tx), from, to)?.ok_or(LogError::BadRange(from, to, current))
    }

    /// The entries of each of `slots` with their inclusion proofs, the checkpoint they are
    /// proven against and, with `from`, the consistency proof from `from` to it: all read in
    /// one snapshot. More than `max_entries` entries in all are refused
    /// ([`LogError::TooManyEntries`]) before any proof is computed.
    pub fn lookup(&mut self, slots: &[Hash], from: Option<u64>, max_entries: usize) -> Result<Lookup, LogError> {
        let tx = self.conn.transaction()?;
        let (size, _) = Self::current(&tx)?;
        let checkpoint = Self::checkpoint_of(&tx)?;
        let tiles = Tiles::new(&tx);
        if let Some(m) = from.filter(|m| *m > size) {
            return Err(LogError::BadRange(m, size, size));
        }
        let mut stmt = tx.prepare(
            "SELECT idx, kind, event, signer FROM leaves WHERE slot = ?1 AND idx < ?2 ORDER BY idx LIMIT ?3",
        )?;
        let mut rows_of = Vec::with_capacity(slots.len());
        let mut total = 0usize;
        for slot in slots {
            let left = max_entries.saturating_sub(total).saturating_add(1);
            let rows: Vec<(i64, u8, Vec<u8>, Vec<u8>)> = stmt
                .query_map(params![slot, to_sql(size)?, to_sql(left as u64)?], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })?
                .collect::<Result<_, _>>()?;
            total += rows.len();
            if total > max_entries {
                return Err(LogError::TooManyEntries(max_entries));
            }
            rows_of.push(rows);
        }
        let consistency = match from {
            Some(m) => consistency_proof(&tiles, m, size)?,
            None => None,
        };
        let mut found = Vec::with_capacity(slots.len());
        for (slot, rows) in slots.iter().zip(rows_of) {
            let mut entries = Vec::with_capacity(rows.len());
            for (idx, kind, event, signer) in rows {
                let index = from_sql(idx)?;
                let kind = Kind::from_byte(kind).ok_or(LogError::Corrupt("a leaf of unknown kind"))?;
                let leaf = LeafInput { kind, slot: *slot, event: hash(event)?, signer: hash(signer)? };
                let inclusion =
                    inclusion_proof(&tiles, index, size)?.ok_or(LogError::Corrupt("an index outside the tree"))?;
                entries.push((index, leaf, inclusion));
            }
            found.push(entries);
        }
        Ok(Lookup { size, checkpoint, consistency, slots: found })
    }

    /// The first `width` hashes (1 to 256) of tile `(level, idx)` (C2SP tlog-tiles: the hashes
    /// of tree level `8 * level` from index `256 * idx`), concatenated; `None` if the tree does
    /// not hold that many yet. Tiles only grow at their right end, so each answer is final.
    pub fn tile(&mut self, level: u32, idx: u64, width: u64) -> Result<Option<Vec<u8>>, LogError> {
        let blob: Option<Vec<u8>> = self
            .conn
            .query_row("SELECT hashes FROM tiles WHERE level = ?1 AND idx = ?2", params![level, to_sql(idx)?], |r| {
                r.get(0)
            })
            .optional()?;
        let Some(blob) = blob else { return Ok(None) };
        if !blob.len().is_multiple_of(32) || blob.len() > 32 * crate::tree::TILE_WIDTH as usize {
            return Err(LogError::Corrupt("a tile's length is not a whole number of hashes"));
        }
        let want = usize::try_from(width).ok().and_then(|w| w.checked_mul(32)).filter(|w| *w <= blob.len());
        Ok(want.map(|w| blob[..w].to_vec()))
    }

    /// The entry bundle `idx` (C2SP tlog-tiles): the inputs of leaves `256 * idx` to
    /// `256 * idx + width - 1`, each as a big-endian u16 length (98) and the 98 bytes; `None`
    /// if the tree does not hold them all yet.
    pub fn entry_bundle(&mut self, idx: u64, width: u64) -> Result<Option<Vec<u8>>, LogError> {
        let tx = self.conn.transaction()?;
        let (size, _) = Self::current(&tx)?;
        let first = idx.checked_mul(crate::tree::TILE_WIDTH);
        let Some((first, end)) = first.and_then(|f| f.checked_add(width).map(|e| (f, e))).filter(|(_, e)| *e <= size)
        else {
            return Ok(None);
        };
        let mut stmt =
            tx.prepare("SELECT kind, slot, event, signer FROM leaves WHERE idx >= ?1 AND idx < ?2 ORDER BY idx")?;
        let rows = stmt.query_map(params![to_sql(first)?, to_sql(end)?], |r| {
            Ok((r.get::<_, u8>(0)?, r.get::<_, Vec<u8>>(1)?, r.get::<_, Vec<u8>>(2)?, r.get::<_, Vec<u8>>(3)?))
        })?;
        let mut out = Vec::with_capacity(width as usize * (2 + custody_core::tlog::leaf::LEAF_INPUT_LEN));
        let mut count = 0u64;
        for row in rows {
            let (kind, slot, event, signer) = row?;
            let kind = Kind::from_byte(kind).ok_or(LogError::Corrupt("a leaf of unknown kind"))?;
            let leaf = LeafInput { kind, slot: hash(slot)?, event: hash(event)?, signer: hash(signer)? };
            out.extend_from_slice(&(custody_core::tlog::leaf::LEAF_INPUT_LEN as u16).to_be_bytes());
            out.extend_from_slice(&leaf.to_bytes());
            count += 1;
        }
        if count != width {
            return Err(LogError::Corrupt("a leaf of the tree is missing"));
        }
        Ok(Some(out))
    }

    /// The tree head at `size` leaves, recomputed from the stored tiles.
    pub fn root_at(&mut self, size: u64) -> Result<Hash, LogError> {
        let tx = self.conn.transaction()?;
        let (current, _) = Self::current(&tx)?;
        if size > current {
            return Err(LogError::BadRange(size, size, current));
        }
        tree_root(&Tiles::new(&tx), size)
    }

    /// Integrates `claims` in one transaction, signing a checkpoint with `key` if the tree
    /// grew; one receipt per claim, all against the batch's checkpoint. Nothing is stored
    /// unless it all is; another key than the log's is refused ([`LogError::KeyMismatch`]).
    pub fn integrate(&mut self, key: &KeyPair, claims: &[Claim]) -> Result<Receipts, LogError> {
        self.check_key(key)?;
        self.integrate_then(key, claims, true)
    }

    /// [`Self::integrate`], committing only if `commit` (tests: a crash before `COMMIT`).
    pub(crate) fn integrate_then(
        &mut self,
        key: &KeyPair,
        claims: &[Claim],
        commit: bool,
    ) -> Result<Receipts, LogError> {
        let (origin, _) = self.meta()?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (size, _) = Self::current(&tx)?;
        let (outcomes, added) = decide(size, claims, &mut &*tx)?;
        let new_size = size + added.len() as u64;
        let tiles = Tiles::new(&tx);
        let note = if added.is_empty() {
            Self::checkpoint_of(&tx)?
        } else {
            let mut insert =
                tx.prepare("INSERT INTO leaves (idx, kind, slot, event, signer) VALUES (?1, ?2, ?3, ?4, ?5)")?;
            for (i, l) in added.iter().enumerate() {
                insert.execute(params![to_sql(size + i as u64)?, l.kind as u8, l.slot, l.event, l.signer])?;
            }
            drop(insert);
            let hashes: Vec<Hash> = added.iter().map(LeafInput::hash).collect();
            tiles.append(size, &hashes)?;
            tiles.write()?;
            let root = tree_root(&tiles, new_size)?;
            let note = Checkpoint { origin, size: new_size, root, extensions: vec![] }.sign(key)?;
            tx.execute(
                "UPDATE tree SET size = ?1, root = ?2, checkpoint = ?3 WHERE id = 0",
                params![to_sql(new_size)?, root, note],
            )?;
            tx.execute("INSERT INTO checkpoints (size, note) VALUES (?1, ?2)", params![to_sql(new_size)?, note])?;
            note
        };
        let prove = |i: u64| -> Result<Vec<Hash>, LogError> {
            inclusion_proof(&tiles, i, new_size)?.ok_or(LogError::Corrupt("an index outside the tree"))
        };
        let receipts = receipts(outcomes, new_size, &note, prove)?;
        drop(tiles);
        if commit {
            tx.commit()?;
        }
        Ok(receipts)
    }

    fn checkpoint_of(conn: &Connection) -> Result<String, LogError> {
        Ok(conn.query_row("SELECT checkpoint FROM tree WHERE id = 0", [], |r| r.get(0))?)
    }
}

impl SlotReader for &Connection {
    fn accepted(&mut self, slot: &Hash) -> Result<Option<(u64, Hash, Hash)>, LogError> {
        self.query_row("SELECT idx, event, signer FROM leaves WHERE slot = ?1 AND kind = 1", params![slot], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?, r.get::<_, Vec<u8>>(2)?))
        })
        .optional()?
        .map(|(i, e, s)| Ok((from_sql(i)?, hash(e)?, hash(s)?)))
        .transpose()
    }

    fn record(&mut self, c: &Claim) -> Result<Option<u64>, LogError> {
        self.query_row(
            "SELECT idx FROM leaves WHERE slot = ?1 AND event = ?2 AND signer = ?3 AND kind = 2",
            params![c.slot, c.event, c.signer],
            |r| r.get::<_, i64>(0),
        )
        .optional()?
        .map(from_sql)
        .transpose()
    }

    fn record_count(&mut self, slot: &Hash) -> Result<u64, LogError> {
        from_sql(
            self.query_row("SELECT count(*) FROM leaves WHERE slot = ?1 AND kind = 2", params![slot], |r| r.get(0))?,
        )
    }
}
