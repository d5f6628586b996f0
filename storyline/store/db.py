"""Opening a store: one SQLite file (WAL mode, so readers never wait for an add in progress)."""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from storyline.store.schema import migrate

STORE_FILE = "story.db"


def resolve_store_path(path: str | Path) -> Path:
    """A store file, or a build folder holding one as story.db."""
    p = Path(path)
    return p / STORE_FILE if p.is_dir() else p


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection with explicit transactions (isolation_level=None: we say BEGIN ourselves)."""
    if readonly:
        uri = f"file:{Path(path).resolve()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=60)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable at checkpoints, never corrupt
    conn.execute("PRAGMA foreign_keys=ON")
    conn.row_factory = sqlite3.Row
    return conn


def open_store(path: str | Path, *, create: bool = True) -> sqlite3.Connection:
    """Open (and create or migrate) a store file for writing."""
    path = Path(path)
    if not create and not path.exists():
        raise FileNotFoundError(f"no store at {path}")
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = connect(path)
    migrate(conn)
    return conn


def memory_store() -> tuple[str, sqlite3.Connection]:
    """A private in-memory store that several connections of this process can share (serving a
    build folder that has only story.json). Keep the returned connection open: it keeps the data."""
    uri = f"file:storyline-{uuid.uuid4().hex}?mode=memory&cache=shared"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    migrate(conn)
    return uri, conn


@contextmanager
def transaction(conn: sqlite3.Connection, mode: str = "IMMEDIATE") -> Iterator[sqlite3.Connection]:
    """All or nothing: a kill inside leaves the file as it was before BEGIN."""
    conn.execute(f"BEGIN {mode}")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


class ReadPool:
    """One read connection per thread (sqlite3 connections must not be shared by concurrent threads)."""

    def __init__(self, target: str, *, uri: bool = False) -> None:
        self._target, self._uri = target, uri
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def get(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            if self._uri:
                conn = sqlite3.connect(self._target, uri=True, isolation_level=None, check_same_thread=False)
                conn.row_factory = sqlite3.Row
            else:
                conn = connect(self._target, readonly=True)
            conn.execute("PRAGMA query_only=ON")
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()


def get_meta(conn: sqlite3.Connection, key: str, default: str | None = None) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )
