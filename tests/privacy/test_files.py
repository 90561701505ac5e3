"""Where files go: names built from user text stay inside the folder they belong in,
data stays in the data dir, and deleting a session takes its recording with it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QFileDialog

from app.analysis import analyze
from app.audio.wav_stream import WavStream
from app.errors import DebriefError
from app.fileio.jsonfile import write_json_atomic
from app.paths import sessions_dir
from app.sessions.folder import SessionFolder
from app.sessions.store import SessionStore
from app.transcript import Segment, Transcript

HOSTILE_TITLES = ["../../etc/passwd", "/etc/passwd", "..", "con:nul?*<>|\\x", "",
                  "a/" * 300, "~root/.ssh/authorized_keys", "name\x00with-nul"]


@pytest.fixture(autouse=True)
def private_trash(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


def _session(title: str = "") -> SessionFolder:
    folder = SessionFolder.create(title or "plain")
    stream = WavStream(folder.audio_path)
    stream.write(np.zeros(16000, np.float32))
    stream.close()
    transcript = Transcript([Segment(0.0, 1.0, "The endpoint returns an error code.")])
    write_json_atomic(folder.analysis_path, analyze(transcript).to_dict())
    folder.write_meta({"state": "finished", "prompt_id": "", "title": title, "events": [],
                       "duration": 1.0, "started_at": "2026-11-01T10:00:00+00:00"})
    return folder


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_session_folders_named_from_user_text_stay_in_the_sessions_folder(title):
    folder = SessionFolder.create(title)
    assert folder.path.parent == sessions_dir()
    assert folder.path.name not in (".", "..") and len(folder.path.name) < 80


@pytest.mark.parametrize("sid", ["../x", "..", "/etc", "a/b", "", "."])
def test_session_ids_cannot_reach_outside(sid):
    with pytest.raises(DebriefError, match="not a session id"):
        SessionStore().folder(sid)


@pytest.mark.parametrize("title", HOSTILE_TITLES[:4])
def test_export_name_from_a_title_stays_in_the_chosen_folder(title, qtbot, tmp_path,
                                                            monkeypatch):
    from app.ui.review.review_screen import ReviewScreen

    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    folder = _session()
    SessionStore().rename(folder.id, title)  # the user's own title
    offered: list[str] = []

    def save_as(parent, caption, default, filters):
        offered.append(default)
        return default, filters  # the user accepts the name offered

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    screen = ReviewScreen()
    qtbot.addWidget(screen)
    screen.open(str(folder.path))
    assert screen.review.title == title.strip() or not title.strip()
    screen._ask_export("html")  # what the Export menu calls
    default = Path(offered[0])
    assert default.parent == home, default
    assert ".." not in default.name and "/" not in default.name
    assert [p.name for p in home.iterdir()] == [default.name]
    assert default.read_text().lstrip().lower().startswith("<!doctype html")


def test_deleting_a_session_deletes_its_audio_from_the_data_dir(data_dir):
    keep, gone = _session("keep"), _session("delete me")
    store = SessionStore()
    assert {r.id for r in store.list()} == {keep.id, gone.id}
    token = store.delete(gone.id)
    assert not gone.path.exists()
    assert [p.parent.name for p in sessions_dir().rglob("audio.wav")] == [keep.id]
    assert {r.id for r in store.list()} == {keep.id}
    # It went to the desktop's trash (where the user can empty it), not elsewhere in
    # the data dir, and undo brings it back whole.
    assert token.in_system_trash and (token.trashed / "audio.wav").exists()
    assert not (data_dir / "trash").exists()
    store.undo_delete(token)
    assert (gone.path / "audio.wav").exists()
