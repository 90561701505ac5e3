"""session.json through its one reader and writer: typed fields, nothing lost."""

from __future__ import annotations

import json
from pathlib import Path

from app.sessions.folder import SessionFolder
from app.sessions.meta import SessionMeta

BAD = Path(__file__).resolve().parents[1] / "data" / "bad" / "sessions"


def test_wrong_types_read_as_absent_and_are_written_back_as_they_were(tmp_path: Path):
    folder = SessionFolder(tmp_path)
    raw = json.loads((BAD / "wrong-types-session.json").read_text())
    (tmp_path / "session.json").write_text(json.dumps(raw))
    meta = folder.read_meta()
    assert meta.state == "finished"
    assert meta.prompt_id is None and meta.minutes is None and meta.events is None
    assert meta.title is None and meta.notes is None and meta.duration is None
    folder.write_meta(meta.updated(title="Renamed"))
    assert json.loads((tmp_path / "session.json").read_text()) == {**raw, "title": "Renamed"}


def test_untyped_keys_ride_along_and_null_stays_null():
    doc = {"state": "recording", "minutes": 45, "plan": [{"stage": "problem"}],
           "device": "Mic", "error": None, "events": [{"type": "start"}]}
    meta = SessionMeta.from_json(doc)
    assert meta.minutes == 45 and meta.events == [{"type": "start"}]
    assert meta.other == {"plan": [{"stage": "problem"}], "device": "Mic", "error": None}
    assert meta.to_json() == doc
    later = meta.updated(state="finished", duration=12.5, error="disk is full", overflows=2)
    assert later.state == "finished" and later.duration == 12.5
    assert later.error == "disk is full" and later.other["overflows"] == 2
    assert meta.state == "recording"  # the record itself is unchanged


def test_a_session_without_a_kind_reads_as_what_it_was():
    assert SessionMeta.from_json({"state": "finished"}).session_kind == "mock"
    assert SessionMeta.from_json({"state": "recovered"}).session_kind == "mock"
    assert SessionMeta.from_json({"state": "imported"}).session_kind == "import"
    assert SessionMeta.from_json({"kind": "drill", "scope": "solution"}).session_kind == "drill"
    assert SessionMeta.from_json({"kind": "banana"}).session_kind == "mock"
