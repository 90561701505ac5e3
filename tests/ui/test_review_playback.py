"""Playback through a real PortAudio output (the private PulseAudio null sink): the
position clock runs, speeds change its pace, Space toggles, the transcript follows."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from review_state.review_fixtures import review_session, show_active  # noqa: F401 - a fixture

from app.ui.review.review_screen import ReviewScreen

pytestmark = [pytest.mark.audio, pytest.mark.model]


def _advance(qtbot, screen: ReviewScreen, seconds: float) -> float:
    start_pos, start = screen.player.position(), time.monotonic()
    qtbot.wait(int(seconds * 1000))
    return (screen.player.position() - start_pos) / (time.monotonic() - start)


def test_playback_runs_at_the_chosen_speed_and_the_transcript_follows(
        qtbot, pulse, review_session: Path):  # noqa: F811
    screen = ReviewScreen(review_session)
    show_active(qtbot, screen)
    import sounddevice as sd

    # PortAudio lists devices when it starts; if an earlier test started it before the
    # private sound server was up, look again so the server's devices are seen.
    sd._terminate()
    sd._initialize()
    heard: list[np.ndarray] = []
    # The sink's monitor is the default input: what it records is what was played.
    mic = sd.InputStream(samplerate=16000, channels=1, dtype="float32",
                         callback=lambda block, *_: heard.append(block[:, 0].copy()))
    mic.start()
    screen.seek(20.0)
    screen.transcript.setFocus()
    qtbot.keyClick(screen.transcript, Qt.Key.Key_Space)
    assert screen.player.is_playing(), screen.playback.message.text()
    qtbot.waitUntil(lambda: screen.player.position() > 20.3, timeout=5000)
    pace = _advance(qtbot, screen, 1.5)
    assert 0.6 < pace < 1.4
    screen.playback.speed.setCurrentIndex(screen.playback.speed.findData(2.0))
    assert screen.player.rate() == 2.0
    fast = _advance(qtbot, screen, 1.5)
    assert 1.4 < fast < 2.6
    ref = screen.review.words.refs[screen.transcript.current_word()]
    assert ref.start <= screen.player.position()
    assert screen.timeline._playhead == pytest.approx(screen.player.position(), abs=0.5)
    qtbot.keyClick(screen.transcript, Qt.Key.Key_Space)
    assert not screen.player.is_playing()
    held = screen.player.position()
    qtbot.wait(300)
    assert screen.player.position() == held
    mic.stop()
    mic.close()
    recorded = np.concatenate(heard)
    hop = 1600
    energy = np.sqrt(np.mean(recorded[: len(recorded) // hop * hop].reshape(-1, hop) ** 2, 1))
    assert (energy > 0.01).sum() >= 5, "the speech did not reach the output device"
