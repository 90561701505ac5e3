"""The test rig itself: speech played into the null sink reaches a PortAudio input stream."""

from __future__ import annotations

import queue
import time

import numpy as np
import pytest
import soundfile as sf

pytestmark = pytest.mark.audio


def test_speech_played_into_sink_is_recorded_where_it_was(pulse, speak):
    import sounddevice as sd

    wav = speak("The webhook fires on every status change, with an idempotency key.")
    speech, rate = sf.read(wav, dtype="float32")
    assert rate == 16000
    blocks: queue.Queue[np.ndarray] = queue.Queue()
    overflows = 0

    def callback(indata, frames, t, status):
        nonlocal overflows
        overflows += bool(status.input_overflow)
        blocks.put(indata[:, 0].copy())

    with sd.InputStream(samplerate=16000, channels=1, dtype="float32", callback=callback):
        time.sleep(1.5)  # the stream delivers its first blocks about a second late
        pulse.play(wav)
        time.sleep(1.5)
    recorded = np.concatenate(list(blocks.queue))

    # Energy per 100 ms: silence before, speech in the middle, silence after.
    hop = 1600
    energy = np.sqrt(np.mean(recorded[: len(recorded) // hop * hop].reshape(-1, hop) ** 2, axis=1))
    loud = np.flatnonzero(energy > 0.01)
    assert overflows == 0
    assert loud.size, "nothing audible was recorded"
    heard = (loud[-1] - loud[0] + 1) * hop / 16000
    assert abs(heard - len(speech) / 16000) < 0.6, (heard, len(speech) / 16000)
    # And it is this speech: its loudness contour matches the played file's.
    ref = np.sqrt(np.mean(speech[: len(speech) // hop * hop].reshape(-1, hop) ** 2, axis=1))
    got = energy[loud[0] : loud[0] + len(ref)]
    ref = ref[: len(got)]
    assert np.corrcoef(ref, got)[0, 1] > 0.8
