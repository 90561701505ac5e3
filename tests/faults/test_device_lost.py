"""The microphone disappears mid-rehearsal (the null sink is unloaded), through the
rehearsal screen: a clear message, the audio so far intact and playable, and the
rehearsal either continues on another microphone or finishes, saved as finished."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import soundfile as sf
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from rehearsal.fakes import tiny_prompt
from rehearsal.signals import onsets

from app.ui.rehearse import RehearsalScreen

pytestmark = pytest.mark.audio


@pytest.mark.parametrize("then", ["continue", "finish"])
def test_unplugged_microphone_mid_rehearsal(pulse, speak, qtbot, then):
    wav = speak("Webhooks retry with backoff.")
    screen = RehearsalScreen(tiny_prompt(), chime=None)
    qtbot.addWidget(screen)
    screen.show()
    assert screen.start(tiny_prompt(), 45)
    qtbot.waitUntil(lambda: screen.rehearsal.started, timeout=8000)
    folder = screen.rehearsal.folder
    pulse.play(wav)
    QTest.keyClick(screen.view, Qt.Key.Key_N)  # into the second stage
    qtbot.wait(300)
    try:
        pulse.unload_sink()
        qtbot.waitUntil(lambda: screen.view.error_banner.isVisible(), timeout=10000)
        message = screen.view.error_label.text()
        assert "microphone stopped sending sound" in message and "saved" in message
        assert screen.view.continue_button.isVisible()
        assert screen.rehearsal.recorder.failed
        audio, rate = sf.read(folder.audio_path, dtype="float32")  # playable as it is
        before = len(audio) / rate
        assert rate == 16000 and before >= 1.5
        assert len(onsets(audio)) == 1  # the speech said before the loss is there
        meta = json.loads(folder.meta_path.read_text())
        assert meta["state"] == "recording" and "stopped sending" in meta["error"]
        if then == "continue":
            pulse.load_sink()  # another microphone is plugged in
            # The banner offers the system default and every input PortAudio lists, by
            # name; pick one that is not the default, as a user with a headset would.
            combo = screen.view.continue_device
            names = [combo.itemData(i) for i in range(combo.count())]
            assert names[0] is None and "pulse" in names
            combo.setCurrentIndex(names.index("pulse"))
            QTest.mouseClick(screen.view.continue_button, Qt.MouseButton.LeftButton)
            assert not screen.view.error_banner.isVisible()
            assert screen.rehearsal.recorder.device_name == "pulse"
            qtbot.waitUntil(lambda: screen.rehearsal.recorder.live, timeout=8000)
            qtbot.wait(300)
            pulse.play(wav)
            qtbot.wait(500)
        with qtbot.waitSignal(screen.finished, timeout=10000) as done:
            QTest.keyClick(screen.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    finally:
        pulse.load_sink()
    assert Path(done.args[0]) == folder.path
    meta = json.loads(folder.meta_path.read_text())
    audio, rate = sf.read(folder.audio_path, dtype="float32")
    assert meta["state"] == "finished"
    assert abs(len(audio) / rate - meta["duration"]) < 0.05
    assert [e["stage"] for e in meta["events"] if e["type"] == "next"] == ["developer"]
    if then == "continue":
        assert meta["error"] is None and meta["overflows"] == 0
        assert len(audio) / rate >= before + 1.5
        assert len(onsets(audio)) == 2  # before the loss and after, in one file
    else:
        assert "stopped sending sound" in meta["error"]
        assert len(audio) / rate == pytest.approx(before, abs=0.05)
