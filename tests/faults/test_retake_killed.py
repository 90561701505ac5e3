"""kill -9 of the real app during a retake: on the next start the take is recovered like
any rehearsal, keeps its parent link, and is listed under its parent in the review.

The first child runs the app, opens the parent's review and records a take of its
missed idempotency item while speech plays into the private PulseAudio sink; it is
killed two seconds into the take. The second child starts the app again, answers the
recovery question with Recover, and opens the parent's review.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import soundfile as sf
from retake_sessions import write_parent

from app.rehearsal.recovery import find_unfinished
from app.sessions.folder import SessionFolder
from app.sessions.retakes import retakes_of

pytestmark = [pytest.mark.audio, pytest.mark.slow]

CHILD = Path(__file__).with_name("retake_child.py")
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def _run(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(CHILD), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**ENV, **os.environ})


def test_a_take_killed_mid_recording_is_recovered_under_its_parent(pulse, speak):
    wav = speak("Every create call takes an idempotency key, so a retry is safe.")
    parent, _ = write_parent()
    proc = _run("take", parent.id)
    live = threading.Event()
    seen: dict[str, object] = {"audio": 0.0}

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            kind, _, rest = line.strip().partition(" ")
            if kind == "live":
                seen["folder"] = Path(rest)
                live.set()
            elif kind == "t":
                seen["audio"] = float(rest)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert live.wait(60), proc.stderr.read() if proc.poll() is not None else "no start"
        pulse.play(wav)
        time.sleep(2.0)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        reader.join(5)
    folder = SessionFolder(seen["folder"])  # type: ignore[arg-type]
    assert find_unfinished() == [folder]
    assert folder.read_meta().state == "recording"

    again = _run("reopen", parent.id)
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err[-3000:]
    cards = [line.split() for line in out.splitlines() if line.startswith("card ")]
    assert cards == [["card", folder.id, "recovered"]], out + err[-2000:]

    meta = folder.read_meta()
    assert (meta.state, meta.session_kind, meta.parent, meta.item) == (
        "recovered", "retake", parent.id, "idempotency")
    assert meta.other["retake"]["key"] == "idempotency"
    audio, rate = sf.read(str(folder.audio_path), dtype="float32")
    assert rate == 16000 and len(audio) / rate >= float(seen["audio"]) - 1.0  # type: ignore[arg-type]
    (take,) = retakes_of(parent)
    assert take.id == folder.id and take.state == "recovered" and take.after is None
