"""The store's SQLite schema, versioned with `PRAGMA user_version` and applied as numbered migrations.

Three kinds of table:
- inputs of the incremental build: `documents` (each document as prepared, before the corpus-level
  cleaning), `dup_bands` and `short_lines` (indexes of the two corpus-level cleaning rules), and
  `analyses` (the per-document analysis, cached by a hash of exactly what it was computed from);
- `adds` and `failures`: what each `storyline add` was asked to do and what could not be read;
- the story as served, replaced by the last step of every add: `story_docs`, `entities`, `events`,
  `states`, `claims`, their link tables and the full-text index `search`;
- `merge_memo`: the event merge's clustered components, so an add re-clusters only what it changed.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: list[str] = [
    # 1: first version
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE adds (id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT, inputs TEXT NOT NULL);
    CREATE TABLE documents (
        seq INTEGER PRIMARY KEY,            -- order of addition = the order a full rebuild reads them
        id TEXT NOT NULL UNIQUE,            -- content hash
        add_id INTEGER NOT NULL,
        path TEXT NOT NULL,
        source TEXT,
        prepared TEXT NOT NULL,             -- Document JSON after prepare_document
        duplicate_of TEXT,
        similarity REAL,
        input_hash TEXT,                    -- NULL: must be finalized and analysed again
        state TEXT NOT NULL DEFAULT 'pending'   -- pending until the add that brought it finishes
    );
    CREATE INDEX documents_duplicate_of ON documents(duplicate_of);
    CREATE INDEX documents_stale ON documents(input_hash) WHERE input_hash IS NULL;
    CREATE TABLE dup_bands (band INTEGER NOT NULL, key BLOB NOT NULL, seq INTEGER NOT NULL);
    CREATE INDEX dup_bands_key ON dup_bands(band, key);
    CREATE TABLE short_lines (source TEXT NOT NULL, key TEXT NOT NULL, story TEXT NOT NULL,
                              seq INTEGER NOT NULL);
    CREATE UNIQUE INDEX short_lines_key ON short_lines(source, key, seq);
    CREATE INDEX short_lines_seq ON short_lines(seq);
    CREATE TABLE analyses (doc_id TEXT PRIMARY KEY, input_hash TEXT NOT NULL, result TEXT, failure TEXT);
    CREATE TABLE failures (id INTEGER PRIMARY KEY, add_id INTEGER NOT NULL, path TEXT NOT NULL,
                           reason TEXT NOT NULL);

    CREATE TABLE story_docs (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, path TEXT, source TEXT, title TEXT, url TEXT,
        day_start TEXT, day_end TEXT, hash TEXT NOT NULL, json TEXT NOT NULL);
    CREATE INDEX story_docs_source ON story_docs(source);
    CREATE INDEX story_docs_day ON story_docs(day_start);
    CREATE TABLE entities (rank INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
                           type TEXT, mention_count INTEGER NOT NULL, json TEXT NOT NULL);
    CREATE TABLE events (
        pos INTEGER PRIMARY KEY,            -- position in story.json's events list
        rank INTEGER,                       -- position in the timeline, NULL when not on it
        id TEXT NOT NULL UNIQUE, summary TEXT, type TEXT, modality TEXT, date_value TEXT,
        granularity TEXT, day_start TEXT, day_end TEXT, source_count INTEGER, flags TEXT NOT NULL,
        json TEXT NOT NULL);
    CREATE INDEX events_day ON events(day_start, day_end);
    CREATE INDEX events_type ON events(type);
    CREATE INDEX events_rank ON events(rank);
    CREATE TABLE event_entities (event_id TEXT NOT NULL, entity_id TEXT NOT NULL, role TEXT NOT NULL);
    CREATE INDEX event_entities_entity ON event_entities(entity_id, event_id);
    CREATE TABLE event_docs (event_id TEXT NOT NULL, doc_id TEXT NOT NULL, source TEXT);
    CREATE INDEX event_docs_source ON event_docs(source, event_id);
    CREATE INDEX event_docs_doc ON event_docs(doc_id);
    CREATE TABLE states (rank INTEGER PRIMARY KEY, subject TEXT, relation TEXT, object TEXT,
                         day_from TEXT, day_until TEXT, json TEXT NOT NULL);
    CREATE TABLE claims (rank INTEGER PRIMARY KEY, doc TEXT, status TEXT, json TEXT NOT NULL);
    CREATE INDEX claims_doc ON claims(doc);
    CREATE VIRTUAL TABLE search USING fts5(kind UNINDEXED, ref UNINDEXED, title, body,
                                           tokenize = 'unicode61 remove_diacritics 2');
    """,
    # 2: the event merge's memo of clustered components (storyline.store.memo)
    """
    CREATE TABLE merge_memo (key TEXT PRIMARY KEY, labels TEXT NOT NULL);
    """,
]

LATEST = len(MIGRATIONS)


class StoreVersionError(RuntimeError):
    pass


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the file to the latest schema, one migration per transaction. Returns the version."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > LATEST:
        raise StoreVersionError(f"store schema version {version} is newer than this storyline ({LATEST})")
    for number in range(version + 1, LATEST + 1):
        with conn:  # a migration applies whole or not at all
            conn.execute("BEGIN IMMEDIATE")
            for statement in _statements(MIGRATIONS[number - 1]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
    return LATEST


def _statements(script: str) -> list[str]:
    # executescript() would commit on its own; split so each migration stays one transaction.
    parts, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            parts.append(buf.strip())
            buf = ""
    return [p for p in parts if p]
