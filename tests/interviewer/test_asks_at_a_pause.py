"""The whole interviewer on real parts: it hears the candidate through the input device,
waits for them to stop, and asks aloud through the output device."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from app.interviewer.interviewer import Interviewer
from app.interviewer.scheduler import Rules
from app.interviewer.voice import FALLBACK, open_voice
from app.prompts.plan import Plan, ProbeTiming, StageBudget

pytestmark = [pytest.mark.audio, pytest.mark.slow]

PROBE = "How do they get status updates asynchronously?"
PLAN = Plan((StageBudget("technical", "Technical considerations", 60.0),),
            (ProbeTiming("technical", PROBE, 1.5),))
RATE = 16000


def test_the_probe_waits_for_the_candidate_to_stop_then_is_heard(pulse, speak):
    import sounddevice as sd

    answer = speak("We accept the request with a two oh two and the schedule id, then we post "
                   "every status change to their callback URL.")
    blocks: list[np.ndarray] = []
    anchors: list[float] = []  # where input sample 0 sits on the monotonic clock
    level = [0.0]
    lock = threading.Lock()

    def callback(indata, frames, t, status):
        with lock:
            blocks.append(indata[:, 0].copy())
            anchors.append(time.monotonic() - sum(map(len, blocks)) / RATE)
            recent = np.concatenate(blocks[-40:])[-1600:]  # the last 100 ms, as the meter
            level[0] = float(np.sqrt(np.mean(recent ** 2)))

    interviewer = Interviewer(PLAN, time.monotonic, voice=open_voice(FALLBACK),
                              rules=Rules(min_spacing=5.0))
    interviewer.start().join(timeout=30)
    asked_at = None
    with sd.InputStream(samplerate=RATE, channels=1, dtype="float32", callback=callback):
        while not blocks:
            time.sleep(0.05)
        candidate = pulse.play(answer, wait=False)
        began = time.monotonic()  # the stage starts as the candidate does
        while time.monotonic() - began < 20 and not interviewer.turns:
            now = time.monotonic()
            if interviewer.tick(now, "technical", began, level[0]) is not None:
                asked_at = now
            time.sleep(0.1)
        candidate.wait(timeout=30)
        time.sleep(0.5)
    assert asked_at is not None and len(interviewer.turns) == 1, interviewer.report()
    turn = interviewer.turns[0]
    audio = np.concatenate(blocks)
    zero = float(np.median(anchors))
    energy = np.sqrt(np.mean(audio[: len(audio) // 1600 * 1600].reshape(-1, 1600) ** 2, 1))
    at = round((turn.start - zero) * 10)
    # The candidate spoke past the probe's due time, and was quiet a second before it came.
    spoken = np.flatnonzero(energy[:at] > 0.01)
    assert spoken.size and (spoken[-1] / 10 + zero) - began > PLAN.probes[0].at
    assert turn.start - (spoken[-1] + 1) / 10 - zero >= 0.8  # 100 ms blocks, 100 ms ticks
    # Then the question was heard, for as long as it played.
    heard = energy[at:round((turn.end - zero) * 10)]
    assert heard.size and np.mean(heard > 0.01) > 0.5
