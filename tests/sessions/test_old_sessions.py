"""Sessions made before sessions had kinds keep working: a data dir written by that
Debrief (tests/data/old_sessions) lists its mock as a mock, its index (SUMMARY_VERSION 1)
is re-summarised, and its review opens."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.cli import main
from app.review_state.session_review import SessionReview
from app.sessions.finalize import analyze_session
from app.sessions.folder import SessionFolder
from app.sessions.index import SUMMARY_VERSION
from app.sessions.store import INDEX_NAME, SUMMARY_CACHE, SessionStore

OLD = Path(__file__).parent.parent / "data" / "old_sessions" / "data"
SESSION = "20261120-180500-design-an-api-for-scheduled-messages"
STAMP = 1764000000  # the mtime the files had when the old index was written


@pytest.fixture
def old_data(data_dir: Path) -> Path:
    shutil.copytree(OLD, data_dir, dirs_exist_ok=True)
    for f in (data_dir / "sessions" / SESSION).iterdir():
        os.utime(f, (STAMP, STAMP))
    return data_dir


def _index_version(data: Path) -> str:
    with sqlite3.connect(data / INDEX_NAME) as db:
        return db.execute("SELECT value FROM index_meta WHERE key = 'summary_version'"
                          ).fetchone()[0]


def test_the_fixture_is_what_the_old_debrief_wrote():
    meta = json.loads((OLD / "sessions" / SESSION / "session.json").read_text())
    assert not {"kind", "scope", "item", "parent"} & set(meta)
    assert _index_version(OLD) == "1" and SUMMARY_VERSION > 1


def test_an_old_index_is_resummarised_and_lists_the_old_session_as_a_mock(old_data, capsys):
    store = SessionStore()
    (row,) = store.list()
    assert (row.id, row.kind, row.scope, row.parent) == (SESSION, "mock", "", "")
    assert row.title == "Design an API for scheduled messages" and row.minutes == 45
    assert row.analyzed and row.rubric_total > 0
    assert row.path == str(old_data / "sessions" / SESSION)  # not where it was written
    assert _index_version(old_data) == str(SUMMARY_VERSION)
    cache = json.loads((old_data / "sessions" / SESSION / SUMMARY_CACHE).read_text())
    assert cache["version"] == SUMMARY_VERSION and cache["summary"]["kind"] == "mock"

    assert main(["sessions", "list"]) == 0
    line = capsys.readouterr().out.splitlines()[1]
    assert line.split()[:2] == [SESSION, "mock"]


def test_an_old_session_opens_for_review_and_analyses_again(old_data):
    review = SessionReview(old_data / "sessions" / SESSION)
    assert review.title == "Design an API for scheduled messages"
    assert review.meta.session_kind == "mock" and review.planned_seconds() == 45 * 60
    assert review.analysis is not None and len({s.stage for s in review.analysis.stages}) > 1
    before = review.analysis.rubric
    fresh = analyze_session(SessionFolder(old_data / "sessions" / SESSION))
    assert [r.id for r in fresh.rubric] == [r.id for r in before]  # the whole prompt's
    assert fresh.planned == 45 * 60
