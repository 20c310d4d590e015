-- The custody log's tables in PostgreSQL: schema-sqlite.sql with BYTEA for BLOB (docs/custody-log.md §5).
CREATE TABLE meta (id SMALLINT PRIMARY KEY CHECK (id = 0), schema_version INT NOT NULL,
                   origin TEXT NOT NULL, vkey TEXT NOT NULL);
-- The one sequencer row: every integration updates it inside its transaction.
CREATE TABLE tree (id SMALLINT PRIMARY KEY CHECK (id = 0),
                   size BIGINT NOT NULL, root BYTEA NOT NULL, checkpoint TEXT NOT NULL);
CREATE TABLE leaves (idx BIGINT PRIMARY KEY, kind SMALLINT NOT NULL CHECK (kind IN (1, 2)),
                     slot BYTEA NOT NULL, event BYTEA NOT NULL, signer BYTEA NOT NULL);
CREATE UNIQUE INDEX one_event_per_slot ON leaves (slot) WHERE kind = 1;
CREATE UNIQUE INDEX one_record_per_claim ON leaves (slot, event, signer) WHERE kind = 2;
CREATE INDEX leaves_by_slot ON leaves (slot);
-- The tree in tlog-tiles layout: tile (level, idx) holds up to 256 hashes of tree level
-- 8 * level; full tiles never change, partial ones only grow.
CREATE TABLE tiles (level SMALLINT, idx BIGINT, hashes BYTEA NOT NULL, PRIMARY KEY (level, idx));
-- Every checkpoint signed, by size.
CREATE TABLE checkpoints (size BIGINT PRIMARY KEY, note TEXT NOT NULL);
