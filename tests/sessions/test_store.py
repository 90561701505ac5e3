from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.analysis.model import Analysis
from app.errors import DebriefError
from app.paths import data_dir, sessions_dir
from app.sessions.folder import SessionFolder
from app.sessions.store import SessionStore
from app.sessions.summary import summarize


def test_list_summarizes_every_session_newest_first(store: SessionStore, stored: list[Path]):
    rows = store.list()
    assert [r.id for r in rows] == [p.name for p in reversed(stored)]
    for row in rows:
        analysis = Analysis.from_dict(json.loads((Path(row.path) / "analysis.json").read_text()))
        assert row.damaged is None
        assert row.platform_share == pytest.approx(analysis.platform_share)
        assert row.rubric_covered == sum(r.covered for r in analysis.rubric)
        assert row.rubric_total == 10
        assert row.flags_count == len(analysis.flags)
        assert row.wpm == analysis.delivery.words_per_minute
        solution = next(s for s in analysis.stages if s.stage == "solution")
        assert row.solution_ui_minutes == pytest.approx(solution.categories["ui"] / 60)
        assert row.overrun_seconds == pytest.approx(sum(s.overrun for s in analysis.stages))
        assert row.product and row.prompt_id and row.title.startswith(("Design", "Improve",
                                                                       "Launch"))


def test_session_without_analysis_is_listed(store: SessionStore):
    folder = SessionFolder.create("fresh")
    folder.write_meta({"prompt_id": "p", "prompt_title": "Fresh", "started_at": "2027-01-01",
                       "state": "recording"})
    row = store.get(folder.id)
    assert (row.title, row.analyzed, row.platform_share, row.damaged) == ("Fresh", False,
                                                                          None, None)
    assert store.list()[0].id == folder.id


def test_corrupt_files_show_as_damaged_and_spare_the_rest(store: SessionStore,
                                                        stored: list[Path]):
    (stored[0] / "session.json").write_text("{not json")
    (stored[1] / "analysis.json").write_text('{"duration": 3}')
    rows = {r.id: r for r in store.list()}
    assert len(rows) == 8
    assert "session.json not valid JSON" in rows[stored[0].name].damaged
    assert "analysis.json is not a valid analysis" in rows[stored[1].name].damaged
    assert sum(r.damaged is None for r in rows.values()) == 6


def test_rename_and_notes_persist_in_session_json(store: SessionStore, stored: list[Path]):
    sid = stored[3].name
    assert store.rename(sid, "  Second try at SMS  ").title == "Second try at SMS"
    store.set_notes(sid, "Went UI-first again.\nFix: lead with webhooks.")
    meta = json.loads((stored[3] / "session.json").read_text())
    assert meta["title"] == "Second try at SMS" and meta["prompt_id"]
    assert meta["notes"].startswith("Went UI-first")
    fresh = SessionStore().get(sid)
    assert (fresh.title, fresh.notes.splitlines()[1]) == ("Second try at SMS",
                                                         "Fix: lead with webhooks.")
    assert store.rename(sid, "").title == meta["prompt_title"]


def test_delete_moves_to_trash_and_undo_restores(store: SessionStore, stored: list[Path],
                                                home_trash: Path):
    sid = stored[2].name
    (stored[2] / "audio.wav").write_bytes(b"RIFF....")
    token = store.delete(sid)
    assert not stored[2].exists() and not list(data_dir().rglob("*/" + sid + "/audio.wav"))
    assert token.trashed == home_trash / "files" / sid
    info = (home_trash / "info" / f"{sid}.trashinfo").read_text()
    assert info.startswith("[Trash Info]\nPath=/") and sid in info and "DeletionDate=" in info
    assert sid not in [r.id for r in store.list()]
    store.undo_delete(token)
    assert (stored[2] / "audio.wav").read_bytes() == b"RIFF...."
    assert not (home_trash / "info" / f"{sid}.trashinfo").exists()
    assert sid in [r.id for r in store.list()]


def test_unknown_session_is_a_debrief_error(store: SessionStore):
    with pytest.raises(DebriefError, match="no session"):
        store.get("nope")
    with pytest.raises(DebriefError, match="not a session id"):
        store.rename("../etc", "x")


def test_list_notices_folders_written_by_others(store: SessionStore, stored: list[Path]):
    assert len(store.list()) == 8
    meta = json.loads((stored[5] / "session.json").read_text())
    meta["title"] = "Edited elsewhere"
    (stored[5] / "session.json").write_text(json.dumps(meta))
    import shutil
    shutil.rmtree(stored[6])
    rows = {r.id: r for r in store.list()}
    assert len(rows) == 7 and rows[stored[5].name].title == "Edited elsewhere"


def test_summary_of_folder_without_session_json(tmp_path: Path):
    (tmp_path / "x").mkdir()
    assert summarize(tmp_path / "x").damaged == "session.json file not found"
    assert sessions_dir().exists()


def test_the_history_counts_the_users_category_corrections(store: SessionStore,
                                                           stored: list[Path]):
    """A sentence the user moved from UI to API in the review moves in the history's
    platform share too; a corrections file that cannot be read leaves the row as the
    machine had it."""
    path = stored[0]
    before = next(s for s in store.list() if s.path == str(path))
    segments = json.loads((path / "analysis.json").read_text())["segments"]
    ui = [s for s in segments if s["category"] == "ui"]
    assert ui
    (path / "corrections.json").write_text(json.dumps(
        {"segments": [{"start": s["start"], "category": "api"} for s in ui]}))
    after = next(s for s in store.list() if s.path == str(path))
    assert after.platform_share > before.platform_share
    assert after.solution_ui_minutes == 0
    (path / "corrections.json").write_text("{not json")
    broken = next(s for s in store.list() if s.path == str(path))
    assert broken.damaged is None
    assert broken.platform_share == pytest.approx(before.platform_share)
