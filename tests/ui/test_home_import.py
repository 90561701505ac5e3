"""Importing from the home screen: the work runs on a thread, the list picks it up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import soundfile

from app.paths import sessions_dir
from app.prompts import load_library
from app.sessions.store import SessionStore
from app.ui.home import HomeView
from app.ui.home.import_dialog import PromptPicker

PROMPT = "messaging-scheduled-messages"
SRT = """1
00:00:01,000 --> 00:00:09,000
I would design a messages endpoint with an idempotency key and a status callback.

2
00:00:10,000 --> 00:00:18,000
The trade-off is that polling is simpler but webhooks scale better.
"""


@pytest.fixture
def home(qtbot) -> HomeView:
    view = HomeView(SessionStore(), prompts=lambda: load_library().prompts)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    return view


def test_import_srt_from_home(qtbot, home: HomeView, tmp_path: Path):
    srt = tmp_path / "friend.srt"
    srt.write_text(SRT)
    assert home.list.model.rowCount() == 0
    with qtbot.waitSignal(home.sessionImported, timeout=30_000) as blocker:
        home.start_import(srt, PROMPT, 60)
    sid = blocker.args[0]
    assert home.list.selected_ids() == [sid]
    row = home.list.summary(sid)
    assert row.state == "imported" and row.analyzed and row.minutes == 60
    assert len(home.trends.charts["platform_share"].points) == 1
    assert home.import_button.isEnabled()


def test_prompt_picker_offers_the_library(qtbot, tmp_path: Path):
    prompts = load_library().prompts
    picker = PromptPicker(tmp_path / "x.wav", prompts, 60)
    qtbot.addWidget(picker)
    assert picker.prompt.count() == len(prompts)
    picker.prompt.setCurrentIndex(picker.prompt.findData(PROMPT))
    assert picker.choice == (PROMPT, 60, None)


@pytest.mark.model
def test_import_wav_with_progress(qtbot, home: HomeView, speak):
    wav = speak("For the solution I would expose a scheduled messages endpoint and send a "
                "webhook when each message goes out.")
    task_progress: list[float] = []
    with qtbot.waitSignal(home.sessionImported, timeout=120_000) as blocker:
        task = home.start_import(wav, PROMPT)
        task.worker.progress.connect(lambda f, eta: task_progress.append(f))
        assert not home.import_button.isEnabled()
    folder = sessions_dir() / blocker.args[0]
    info = soundfile.info(str(folder / "audio.wav"))
    assert (info.samplerate, info.channels, info.subtype) == (16000, 1, "PCM_16")
    words = json.loads((folder / "transcript.json").read_text())["segments"][0]["words"]
    assert words and task_progress and task_progress[-1] == 1.0
    assert home.list.summary(blocker.args[0]).analyzed


@pytest.mark.model
def test_cancelled_import_leaves_nothing(qtbot, home: HomeView, speak):
    wav = speak("A short answer about webhooks.")
    task = home.start_import(wav, PROMPT)
    with qtbot.waitSignal(task.cancelled, timeout=120_000):
        task.cancel()
    assert list(sessions_dir().iterdir()) == []
    assert home.last_error == "" and home.import_button.isEnabled()


@pytest.mark.model
def test_progress_shows_from_the_first_moment(qtbot, home: HomeView, speak):
    wav = speak("The create call takes a send at timestamp and returns the schedule's id. "
                "When it fires we post an event to their status callback.")
    task = home.start_import(wav, PROMPT)
    dialog = task.dialog
    # Busy at once, before the file is decoded or the model has loaded.
    assert dialog.isVisible() and dialog.maximum() == 0 and dialog.labelText() == "Starting…"
    with qtbot.waitSignal(home.sessionImported, timeout=120_000):
        pass
    # Then a percentage, once the transcriber reported one.
    assert dialog.maximum() == 1000 and dialog.labelText().startswith("Transcribing… 100%")
    assert not dialog.isVisible()
