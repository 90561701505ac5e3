"""kill -9 at random moments of a rehearsal, 20 seeded trials: every one recovers on the
next launch with at most the last second of audio missing and its stage marks.

Each trial is a child process running the real Rehearsal (Recorder, stage clock, session
log) on the private PulseAudio server while speech plays into the microphone. The child
reports the audio time it has reached every 0.1 s and its stage marks after each saved
stage change; the parent kills it 1.5-4 s after its clock started, then runs recovery.
Trials run three at a time: a child spends most of its life starting up.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from app.marks import load_marks
from app.rehearsal.recovery import find_unfinished, recover
from app.sessions.folder import SessionFolder

pytestmark = [pytest.mark.audio, pytest.mark.slow]

CHILD = Path(__file__).with_name("rehearsal_child.py")
TRIALS = 20
AT_ONCE = 3
MAX_LOST = 1.0  # seconds of audio a kill may cost (the recorder syncs twice a second)


@dataclass
class Trial:
    seed: int
    kill_after: float
    folder: Path | None = None
    last_audio: float = 0.0  # the audio time the child last reported
    marks: list[tuple[str, float]] = field(default_factory=list)  # last reported
    stderr: str = ""
    wall: float = 0.0


def _run_trial(seed: int, root: Path, *mode: str) -> Trial:
    """Start a child (`mode`: its extra arguments), kill it at a random moment, return
    what it reported."""
    began = time.monotonic()
    trial = Trial(seed, random.Random(seed).uniform(1.5, 4.0))
    root.mkdir(parents=True)
    err_path = root.with_suffix(".stderr")
    with open(err_path, "w") as err:
        proc = subprocess.Popen([sys.executable, str(CHILD), str(root), str(seed), *mode],
                                stdout=subprocess.PIPE, stderr=err, text=True)
    live = threading.Event()

    def read() -> None:
        for line in proc.stdout:
            kind, _, rest = line.strip().partition(" ")
            if kind == "live":
                trial.folder = Path(rest)
                live.set()
            elif kind == "t":
                trial.last_audio = float(rest)
            elif kind == "marks":
                trial.marks = [(s, float(t)) for s, t in json.loads(rest)]

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        if live.wait(20):
            time.sleep(trial.kill_after)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        reader.join(5)
        trial.stderr = err_path.read_text()
    trial.wall = time.monotonic() - began
    return trial


@pytest.fixture
def speech_loop(pulse, speak):
    """Speech playing into the microphone, over and over, while the test runs."""
    wav = speak("The endpoint takes an idempotency key and returns four twenty nine "
                "when the rate limit is hit. Webhooks report the status.")
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            pulse.play(wav)
            time.sleep(0.2)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    yield
    stop.set()
    thread.join(30)


def _check(trial: Trial, root: Path) -> list[str]:
    """Recover the trial's session; return what is wrong with the result."""
    problems: list[str] = []
    if trial.folder is None:
        return [f"never went live: {trial.stderr[-500:]}"]
    folder = SessionFolder(trial.folder)
    if find_unfinished(root) != [folder]:
        return [f"not found as unfinished: {find_unfinished(root)}"]
    meta = recover(folder)
    if meta.state != "recovered" or find_unfinished(root):
        problems.append(f"state after recovery: {meta.state}")
    audio, rate = sf.read(str(folder.audio_path), dtype="float32")  # opens: a valid WAV
    duration = len(audio) / rate
    if rate != 16000 or audio.ndim != 1:
        problems.append(f"format {rate} Hz, shape {audio.shape}")
    lost = trial.last_audio - duration
    if not -0.3 <= lost <= MAX_LOST:
        problems.append(f"recovered {duration:.2f} s, child had reached "
                        f"{trial.last_audio:.2f} s")
    if duration > 1.5 and float(np.abs(audio).max()) < 0.05:
        problems.append("no speech in the recovered audio")
    recovered = load_marks(folder.marks_path, duration=duration)
    # The kill may fall between saving a stage change and reporting it: what was
    # reported, less its last entry, is always saved; beyond that the file may be newer.
    first = (meta.scope or "problem", 0.0)  # a drill's one stage
    reported = [m for m in trial.marks if m[1] <= duration] or [first]
    same = [(s, round(t, 3)) for s, t in recovered[:len(reported) - 1]] == [
        (s, round(t, 3)) for s, t in reported[:-1]]
    if not same or recovered[0] != first:
        problems.append(f"marks {recovered} after reporting {trial.marks}")
    if meta.duration != pytest.approx(duration, abs=0.01):
        problems.append(f"session.json duration {meta.duration} vs {duration:.3f}")
    print(f"seed {trial.seed:2d}: killed {trial.kill_after:.2f} s after live, reached "
          f"{trial.last_audio:.2f} s, recovered {duration:.2f} s (lost {lost:+.2f} s), "
          f"{len(recovered)} stage marks, trial {trial.wall:.1f} s")
    return problems


def test_twenty_random_kills_all_recover(speech_loop, tmp_path):
    began = time.monotonic()
    with ThreadPoolExecutor(AT_ONCE) as pool:
        trials = list(pool.map(lambda s: _run_trial(s, tmp_path / f"trial-{s}"),
                               range(TRIALS)))
    failures = {t.seed: p for t in trials if (p := _check(t, tmp_path / f"trial-{t.seed}"))}
    print(f"{TRIALS} trials in {time.monotonic() - began:.1f} s")
    assert not failures, failures
    kills = [t.kill_after for t in trials]
    assert max(kills) - min(kills) > 1.5  # spread over the window, not one moment


def test_a_killed_drill_recovers_as_a_drill_of_its_stage(speech_loop, tmp_path):
    root = tmp_path / "drill"
    trial = _run_trial(3, root, "drill")
    assert not _check(trial, root)
    assert trial.folder is not None
    meta = SessionFolder(trial.folder).read_meta()
    assert (meta.state, meta.session_kind, meta.scope) == ("recovered", "drill", "solution")
    assert meta.budget("solution") == 45.0
    assert [s for s, _ in load_marks(SessionFolder(trial.folder).marks_path)] == ["solution"]
