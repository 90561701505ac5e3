"""The SQLite index of stored sessions: a cache of their summary rows, for fast listing.

The folders are the truth; the index only remembers what they summarized to and the
file signature it was computed from. It can be deleted at any time. A file that is
not a database, fails its integrity check, or carries a schema this code does not
know is thrown away and recreated empty; the store then re-summarizes every folder.

Schema changes go through MIGRATIONS: each entry takes the database from version
n - 1 to n, so an index written by an older Debrief is upgraded in place.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from app.sessions.summary import SessionSummary

T = TypeVar("T")

log = logging.getLogger(__name__)


def _v1(db: sqlite3.Connection) -> None:
    db.execute(
        "CREATE TABLE sessions (id TEXT PRIMARY KEY, signature TEXT NOT NULL, "
        "summary TEXT NOT NULL)"
    )


def _v2(db: sqlite3.Connection) -> None:
    # v2 lifts the start time out of the JSON so the list comes back sorted by SQLite.
    db.execute("ALTER TABLE sessions ADD COLUMN started_at TEXT NOT NULL DEFAULT ''")
    db.execute("UPDATE sessions SET started_at = "
               "coalesce(json_extract(summary, '$.started_at'), '')")
    db.execute("CREATE INDEX sessions_started ON sessions (started_at)")


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _v1, 2: _v2}
SCHEMA_VERSION = max(MIGRATIONS)
# Bumped when SessionSummary gains or changes fields: cached rows are then recomputed.
SUMMARY_VERSION = 2


class SessionIndex:
    """The index file at `path`, opened lazily, rebuilt empty when unusable."""

    def __init__(self, path: Path, schema_version: int = SCHEMA_VERSION) -> None:
        self.path = Path(path)
        self.schema_version = schema_version  # lower only to test migrations
        self.reset_reason: str | None = None  # why the last open had to start afresh
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    # -- opening ---------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            try:
                self._db = self._open()
            except sqlite3.DatabaseError as exc:
                self._reset(f"unreadable index ({exc})")
                self._db = self._open()
        return self._db

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        try:
            if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("integrity check failed")
            db.execute("CREATE TABLE IF NOT EXISTS index_meta "
                       "(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            version = int(self._meta(db, "schema_version") or 0)
            if version > self.schema_version:
                raise sqlite3.DatabaseError(f"schema version {version} is newer than "
                                            f"{self.schema_version}")
            with db:
                db.execute("BEGIN")
                for step in range(version + 1, self.schema_version + 1):
                    MIGRATIONS[step](db)
                    log.info("session index migrated to schema %d", step)
                self._set_meta(db, "schema_version", str(self.schema_version))
                if self._meta(db, "summary_version") != str(SUMMARY_VERSION):
                    db.execute("DELETE FROM sessions")
                    self._set_meta(db, "summary_version", str(SUMMARY_VERSION))
        except (sqlite3.DatabaseError, ValueError):
            db.close()
            raise
        return db

    def _reset(self, reason: str) -> None:
        log.warning("rebuilding the session index: %s", reason)
        self.reset_reason = reason
        if self._db is not None:
            self._db.close()
            self._db = None
        for suffix in ("", "-journal", "-wal", "-shm"):
            self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)

    @staticmethod
    def _meta(db: sqlite3.Connection, key: str) -> str | None:
        row = db.execute("SELECT value FROM index_meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    @staticmethod
    def _set_meta(db: sqlite3.Connection, key: str, value: str) -> None:
        db.execute("INSERT OR REPLACE INTO index_meta (key, value) VALUES (?, ?)", (key, value))

    def _run(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run `work` on the database; if the file turns out broken mid-way, start it
        afresh and run again (callers then see an empty index and resummarize)."""
        with self._lock:
            try:
                return work(self._connect())
            except sqlite3.DatabaseError as exc:
                self._reset(f"index failed ({exc})")
                return work(self._connect())

    # -- reading and writing ---------------------------------------------------------

    def version(self) -> int:
        """The schema version of the open index."""
        return int(self._run(lambda db: self._meta(db, "schema_version")) or 0)

    def signatures(self) -> dict[str, str]:
        """id -> file signature the cached summary was computed from."""
        rows = self._run(lambda db: db.execute("SELECT id, signature FROM sessions").fetchall())
        return dict(rows)

    def summaries(self) -> list[SessionSummary]:
        """Every cached summary, newest first."""
        rows = self._run(lambda db: db.execute(
            "SELECT summary FROM sessions ORDER BY started_at DESC, id DESC").fetchall())
        return [SessionSummary.from_dict(json.loads(r[0])) for r in rows]

    def get(self, session_id: str) -> SessionSummary | None:
        row = self._run(lambda db: db.execute(
            "SELECT summary FROM sessions WHERE id = ?", (session_id,)).fetchone())
        return SessionSummary.from_dict(json.loads(row[0])) if row else None

    def put_many(self, rows: Iterable[tuple[str, SessionSummary]]) -> None:
        """Store (signature, summary) pairs in one transaction."""
        values = [(s.id, sig, json.dumps(s.to_dict()), s.started_at) for sig, s in rows]
        if not values:
            return

        def work(db: sqlite3.Connection) -> None:
            with db:
                db.execute("BEGIN")
                db.executemany("INSERT OR REPLACE INTO sessions (id, signature, summary, "
                               "started_at) VALUES (?, ?, ?, ?)", values)

        self._run(work)

    def remove(self, ids: Iterable[str]) -> None:
        gone = [(i,) for i in ids]
        if gone:
            self._run(lambda db: db.executemany("DELETE FROM sessions WHERE id = ?", gone))

    def clear(self) -> None:
        self._run(lambda db: db.execute("DELETE FROM sessions"))

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
