"""Playback speed keeps the pitch: a tone stretched to any speed stays the same tone, at
the same loudness, for the expected length."""

from __future__ import annotations

import numpy as np
import pytest

from app.ui.review.stretch import Stretcher

RATE = 16000


def _peak_hz(signal: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(signal * np.hanning(len(signal))))
    return float(np.fft.rfftfreq(len(signal), 1 / RATE)[np.argmax(spectrum)])


@pytest.mark.parametrize("speed", [0.75, 1.25, 1.5, 2.0])
def test_a_tone_keeps_its_pitch_and_loudness_at_any_speed(speed: float):
    t = np.arange(RATE * 3) / RATE
    tone = (np.sin(2 * np.pi * 440 * t) * 12000).astype("<i2")
    stretcher = Stretcher(tone)
    blocks = [stretcher.read(800, speed) for _ in range(int(3 * RATE / speed / 800))]
    out = np.concatenate(blocks)
    assert len(out) / RATE == pytest.approx(3 / speed, abs=0.06)
    middle = out[2000:2000 + 8192]
    assert _peak_hz(middle) == pytest.approx(440, abs=5)  # resampling would give 440·speed
    rms = float(np.sqrt(np.mean(out[2000:-4000] ** 2)))
    assert rms == pytest.approx(12000 / 32768 / np.sqrt(2), rel=0.05)


def test_reading_past_the_end_gives_silence_and_reset_starts_over():
    ramp = np.full(RATE, 8000, dtype="<i2")
    stretcher = Stretcher(ramp)
    stretcher.reset(RATE - 100)
    tail = stretcher.read(4000, 1.5)
    assert not tail[-1000:].any()
    stretcher.reset(0)
    assert np.abs(stretcher.read(4000, 1.5)[1000:]).mean() == pytest.approx(8000 / 32768,
                                                                         rel=0.05)
