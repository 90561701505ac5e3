"""The recorder on its own when the microphone is unplugged: it fails at once with a
clear error, keeps what it wrote, and a new recorder appends to the same file. (Kills
and a full disk are the fault suite's: tests/faults.)"""

from __future__ import annotations

import time

import pytest
import soundfile as sf

from app.audio.recorder import Recorder, RecorderState

pytestmark = pytest.mark.audio


def test_device_lost_is_reported_and_the_session_continues_on_another_device(pulse, tmp_path):
    path = tmp_path / "audio.wav"
    rec = Recorder(path)
    rec.start()
    try:
        deadline = time.monotonic() + 8
        while not rec.live and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(1.0)
        pulse.unload_sink()
        deadline = time.monotonic() + 8
        while not rec.failed and time.monotonic() < deadline:
            time.sleep(0.05)
        assert rec.state == RecorderState.FAILED
        assert "stopped sending sound" in rec.error
        t = time.monotonic()
        rec.stop()
        assert time.monotonic() - t < 1.0  # no hang
        before = sf.info(str(path)).duration
        assert before >= 0.9
    finally:
        pulse.load_sink()
    again = Recorder(path)  # the same session, on a microphone that works
    again.start()
    deadline = time.monotonic() + 8
    while not again.live and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(1.0)
    again.stop()
    assert again.error is None
    assert sf.info(str(path)).duration >= before + 0.9
