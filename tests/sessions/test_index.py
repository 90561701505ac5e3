from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.paths import data_dir
from app.sessions.index import SCHEMA_VERSION, SessionIndex
from app.sessions.store import SessionStore


def _ids(store: SessionStore) -> set[str]:
    return {r.id for r in store.list() if r.damaged is None}


def test_deleted_index_is_rebuilt(store: SessionStore, stored: list[Path]):
    before = store.list()
    store.index.close()
    (data_dir() / "index.sqlite3").unlink()
    relaunched = SessionStore()
    assert relaunched.list() == before


def test_garbage_index_is_rebuilt(store: SessionStore, stored: list[Path]):
    before = store.list()
    store.index.close()
    (data_dir() / "index.sqlite3").write_bytes(b"this is not SQLite at all\x00" * 100)
    relaunched = SessionStore()
    assert relaunched.list() == before
    assert "unreadable index" in relaunched.index.reset_reason
    assert relaunched.index.version() == SCHEMA_VERSION


def test_index_corrupted_under_a_running_store_recovers(store: SessionStore,
                                                       stored: list[Path]):
    assert len(store.list()) == 8
    path = data_dir() / "index.sqlite3"
    store.index.close()
    path.write_bytes(path.read_bytes()[:200] + b"\xff" * 5000)
    assert _ids(store) == {p.name for p in stored}


def test_newer_schema_is_rebuilt(store: SessionStore, stored: list[Path]):
    store.list()
    store.index.close()
    with sqlite3.connect(data_dir() / "index.sqlite3") as db:
        db.execute("UPDATE index_meta SET value = '99' WHERE key = 'schema_version'")
    relaunched = SessionStore()
    assert _ids(relaunched) == {p.name for p in stored}
    assert "newer" in relaunched.index.reset_reason


def test_migration_v1_to_v2_keeps_rows_and_adds_the_column(tmp_path: Path):
    path = tmp_path / "index.sqlite3"
    old = SessionIndex(path, schema_version=1)
    assert old.version() == 1
    with sqlite3.connect(path) as db:
        cols = [r[1] for r in db.execute("PRAGMA table_info(sessions)")]
        assert "started_at" not in cols
        db.execute("INSERT INTO sessions VALUES ('a', 'sig', "
                   "'{\"id\": \"a\", \"path\": \"/x\", \"started_at\": \"2026-10-02T09:00:00\"}')")
        db.execute("INSERT INTO sessions VALUES ('b', 'sig', "
                   "'{\"id\": \"b\", \"path\": \"/y\", \"started_at\": \"2026-11-02T09:00:00\"}')")
    old.close()
    new = SessionIndex(path)
    assert new.version() == 2 == SCHEMA_VERSION
    assert [s.id for s in new.summaries()] == ["b", "a"]
    assert new.signatures() == {"a": "sig", "b": "sig"}
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT started_at FROM sessions WHERE id='a'").fetchone()[0] == \
            "2026-10-02T09:00:00"


def test_rebuild_index_recomputes_everything(store: SessionStore, stored: list[Path]):
    store.list()
    assert store.sync() == 0
    assert store.rebuild_index() == 8


def test_rebuild_reads_the_summary_cache_not_the_analysis(store: SessionStore,
                                                          stored: list[Path],
                                                          monkeypatch):
    from app.sessions import store as store_module

    before = store.list()
    assert all((p / store_module.SUMMARY_CACHE).exists() for p in stored)
    store.index.close()
    (data_dir() / "index.sqlite3").unlink()
    monkeypatch.setattr(store_module, "summarize", lambda *a: (_ for _ in ()).throw(
        AssertionError("analysis.json read although the cache was good")))
    assert SessionStore().list() == before


def test_stale_or_garbled_cache_is_ignored(store: SessionStore, stored: list[Path]):
    from app.sessions.store import SUMMARY_CACHE

    store.list()
    store.index.close()
    (data_dir() / "index.sqlite3").unlink()
    (stored[0] / SUMMARY_CACHE).write_text("{garbage")
    (stored[1] / SUMMARY_CACHE).write_text(
        (stored[1] / SUMMARY_CACHE).read_text().replace('"title": "', '"title": "STALE '))
    meta = (stored[1] / "session.json").read_text()
    (stored[1] / "session.json").write_text(meta.replace('"notes"', '"x"') + " ")
    rows = {r.id: r for r in SessionStore().list()}
    assert rows[stored[0].name].damaged is None
    assert not rows[stored[1].name].title.startswith("STALE")


@pytest.mark.slow
def test_500_sessions_list_fast():
    import time

    from sample_sessions import write_progression

    from app.paths import sessions_dir

    write_progression(sessions_dir(), 500)
    first = SessionStore()
    assert len(first.list()) == 500
    first.index.close()
    (data_dir() / "index.sqlite3").unlink()
    began = time.perf_counter()
    assert len(SessionStore().list()) == 500
    rebuild = time.perf_counter() - began
    began = time.perf_counter()
    assert len(SessionStore().list()) == 500
    warm = time.perf_counter() - began
    assert rebuild < 1.0 and warm < 1.0, (rebuild, warm)
