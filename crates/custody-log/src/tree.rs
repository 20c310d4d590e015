//! The log's Merkle tree stored as tiles (C2SP tlog-tiles layout): tile `(level, idx)` holds
//! up to 256 consecutive hashes of tree level `8 * level`, the first at index `256 * idx`.
//! [`Tiles`] reads nodes from them for `commit::proof` (a node of tree level `8L + r` is the
//! head of `2^r` hashes of one tile: O(log n) reads per proof) and appends leaves, keeping the
//! tiles it changed in memory until [`Tiles::write`] stores them inside the caller's
//! transaction. The tiles are read and written through [`TileIo`]: an SQLite connection or a
//! PostgreSQL transaction, the same table in both.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

use custody_core::commit::merkle::{Hash, root_of};
use custody_core::commit::proof::NodeSource;
use rusqlite::{Connection, OptionalExtension, params};

use crate::LogError;

/// Hashes per full tile.
pub const TILE_WIDTH: u64 = 256;
/// Tree levels per tile level.
pub const TILE_HEIGHT: u32 = 8;

/// Where tiles are read and written: the `tiles` table of a database, inside the caller's
/// transaction.
pub trait TileIo {
    /// The stored hashes of tile `(level, idx)`, concatenated (`None` if it is not stored).
    fn read_tile(&mut self, level: u32, idx: u64) -> Result<Option<Vec<u8>>, LogError>;
    /// Stores tile `(level, idx)`, replacing a shorter one.
    fn write_tile(&mut self, level: u32, idx: u64, hashes: &[u8]) -> Result<(), LogError>;
}

impl TileIo for &Connection {
    fn read_tile(&mut self, level: u32, idx: u64) -> Result<Option<Vec<u8>>, LogError> {
        Ok(self
            .query_row("SELECT hashes FROM tiles WHERE level = ?1 AND idx = ?2", params![level, to_sql(idx)?], |r| {
                r.get(0)
            })
            .optional()?)
    }

    fn write_tile(&mut self, level: u32, idx: u64, hashes: &[u8]) -> Result<(), LogError> {
        let mut stmt = self.prepare("INSERT OR REPLACE INTO tiles (level, idx, hashes) VALUES (?1, ?2, ?3)")?;
        stmt.execute(params![level, to_sql(idx)?, hashes])?;
        Ok(())
    }
}

/// The tiles of one database connection, with the ones read or changed held in memory, and
/// the nodes computed from them (a lookup's many proofs share their upper nodes: each is
/// hashed once).
pub struct Tiles<I: TileIo> {
    io: RefCell<I>,
    held: RefCell<BTreeMap<(u32, u64), Vec<Hash>>>,
    changed: RefCell<Vec<(u32, u64)>>,
    nodes: RefCell<HashMap<(u32, u64), Hash>>,
}

impl<'c> Tiles<&'c Connection> {
    /// The tiles stored through `conn` (read in its current transaction).
    pub fn new(conn: &'c Connection) -> Self {
        Tiles::over(conn)
    }
}

impl<I: TileIo> Tiles<I> {
    /// The tiles read and written through `io`.
    pub fn over(io: I) -> Self {
        Tiles {
            io: RefCell::new(io),
            held: RefCell::new(BTreeMap::new()),
            changed: RefCell::new(Vec::new()),
            nodes: RefCell::new(HashMap::new()),
        }
    }

    /// The hashes of tile `(level, idx)` (empty if it is not stored).
    fn tile(&self, level: u32, idx: u64) -> Result<Vec<Hash>, LogError> {
        self.load(level, idx)?;
        Ok(self.held.borrow().get(&(level, idx)).cloned().unwrap_or_default())
    }

    /// Reads tile `(level, idx)` into memory unless it is there.
    fn load(&self, level: u32, idx: u64) -> Result<(), LogError> {
        if self.held.borrow().contains_key(&(level, idx)) {
            return Ok(());
        }
        let blob = self.io.borrow_mut().read_tile(level, idx)?.unwrap_or_default();
        if !blob.len().is_multiple_of(32) || blob.len() as u64 > 32 * TILE_WIDTH {
            return Err(LogError::Corrupt("a tile's length is not a whole number of hashes"));
        }
        let hashes: Vec<Hash> = blob.chunks_exact(32).filter_map(|c| c.try_into().ok()).collect();
        self.held.borrow_mut().insert((level, idx), hashes);
        Ok(())
    }

    /// Appends the leaf hashes `leaves` to a tree of `size` leaves, filling every tile level.
    pub fn append(&self, size: u64, leaves: &[Hash]) -> Result<(), LogError> {
        let new = size + leaves.len() as u64;
        let mut level = 0u32;
        loop {
            let shift = TILE_HEIGHT * level;
            if shift >= 64 {
                break;
            }
            let (from, to) = (size >> shift, new >> shift);
            if to == 0 {
                break;
            }
            for j in from..to {
                let hash = if level == 0 {
                    leaves[(j - size) as usize]
                } else {
                    let below = self.tile(level - 1, j)?;
                    if below.len() as u64 != TILE_WIDTH {
                        return Err(LogError::Corrupt("a tile below a complete node is not full"));
                    }
                    root_of(&below)
                };
                let key = (level, j / TILE_WIDTH);
                let mut tile = self.tile(key.0, key.1)?;
                if tile.len() as u64 != j % TILE_WIDTH {
                    return Err(LogError::Corrupt("a tile does not end where the tree does"));
                }
                tile.push(hash);
                self.nodes.borrow_mut().clear();
                self.held.borrow_mut().insert(key, tile);
                let mut changed = self.changed.borrow_mut();
                if !changed.contains(&key) {
                    changed.push(key);
                }
            }
            level += 1;
        }
        Ok(())
    }

    /// Stores the tiles [`Self::append`] changed.
    pub fn write(&self) -> Result<(), LogError> {
        for key in self.changed.borrow_mut().drain(..) {
            let held = self.held.borrow();
            let Some(t) = held.get(&key) else { continue };
            self.io.borrow_mut().write_tile(key.0, key.1, &t.concat())?;
        }
        Ok(())
    }
}

impl<I: TileIo> NodeSource for Tiles<I> {
    type Error = LogError;

    fn node(&self, level: u32, index: u64) -> Result<Hash, LogError> {
        let (tl, r) = (level / TILE_HEIGHT, level % TILE_HEIGHT);
        let first = index.checked_shl(r).ok_or(LogError::Corrupt("a node beyond the tree"))?;
        if let Some(h) = self.nodes.borrow().get(&(level, index)) {
            return Ok(*h);
        }
        self.load(tl, first / TILE_WIDTH)?;
        let held = self.held.borrow();
        let off = (first % TILE_WIDTH) as usize;
        let hashes = held
            .get(&(tl, first / TILE_WIDTH))
            .and_then(|t| t.get(off..off + (1usize << r)))
            .ok_or(LogError::Corrupt("a node the tiles do not hold"))?;
        let h = root_of(hashes);
        self.nodes.borrow_mut().insert((level, index), h);
        Ok(h)
    }
}

/// A tree size or index as SQL's signed 64-bit integer.
pub(crate) fn to_sql(n: u64) -> Result<i64, LogError> {
    i64::try_from(n).map_err(|_| LogError::Corrupt("a number above 2^63 - 1"))
}
