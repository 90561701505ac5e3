"""A rehearsal on the real recorder: speech played into the microphone is in audio.wav
where the rehearsal's mark and stage change say it is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import soundfile as sf
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from rehearsal.fakes import tiny_prompt
from rehearsal.signals import onsets

from app.marks import load_marks
from app.ui.rehearse import RehearsalScreen

pytestmark = pytest.mark.audio

def test_speech_during_a_rehearsal_is_found_at_its_mark(pulse, speak, qtbot):
    wav = speak("Rate limits return four twenty nine.")
    screen = RehearsalScreen(tiny_prompt(), chime=None)
    qtbot.addWidget(screen)
    screen.show()
    assert screen.start(tiny_prompt(), 45)
    qtbot.waitUntil(lambda: screen.rehearsal.started, timeout=8000)
    qtbot.wait(400)
    QTest.keyClick(screen.view, Qt.Key.Key_M)
    pulse.play(wav)
    qtbot.wait(600)
    QTest.keyClick(screen.view, Qt.Key.Key_N)
    pulse.play(wav)
    qtbot.wait(600)
    with qtbot.waitSignal(screen.finished) as done:
        QTest.keyClick(screen.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    folder = Path(done.args[0])
    meta = json.loads((folder / "session.json").read_text())
    mark = next(e["audio"] for e in meta["events"] if e["type"] == "mark")
    marks = load_marks(folder / "marks.json")
    audio, rate = sf.read(folder / "audio.wav", dtype="float32")
    found = onsets(audio)
    assert meta["overflows"] == 0 and meta["error"] is None
    assert len(found) == 2, found
    assert -0.1 <= found[0] - mark < 0.5, (found, mark)
    assert marks[1][0] == "developer"
    assert -0.1 <= found[1] - marks[1][1] < 0.5, (found, marks)
    assert abs(len(audio) / rate - meta["duration"]) < 0.05
    assert abs(meta["duration"] - meta["events"][-1]["audio"]) < 0.3
