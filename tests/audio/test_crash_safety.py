"""What survives a kill -9, a full disk and an unplugged microphone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import soundfile as sf

from app.audio.recorder import Recorder, RecorderState
from app.marks import load_marks
from app.rehearsal.recovery import find_unfinished, recover
from app.sessions.folder import SessionFolder

pytestmark = pytest.mark.audio

CHILD = Path(__file__).with_name("record_child.py")


def start_child(folder: Path, *extra: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, str(CHILD), str(folder), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    assert line.strip() == "live", proc.stderr.read() if proc.poll() is not None else line
    return proc


def test_kill_9_loses_at_most_the_last_second_and_the_next_launch_recovers(pulse, tmp_path):
    folder = SessionFolder.create("killed")
    proc = start_child(folder.path)
    live = time.monotonic()
    time.sleep(3.5)
    os.kill(proc.pid, signal.SIGKILL)
    recorded_for = time.monotonic() - live
    proc.wait(timeout=10)

    unfinished = find_unfinished()
    assert unfinished == [folder]
    meta = recover(folder)
    assert meta["state"] == "recovered"
    assert find_unfinished() == []
    info = sf.info(str(folder.audio_path))  # a valid header, matching the file
    print(f"recorded for {recorded_for:.2f} s, recovered {info.duration:.2f} s")
    assert info.samplerate == 16000 and info.channels == 1
    assert info.frames * 2 + 44 == folder.audio_path.stat().st_size
    assert recorded_for - 1.0 <= info.duration <= recorded_for + 0.3, (info.duration,
                                                                        recorded_for)
    marks = load_marks(folder.marks_path, duration=info.duration)
    assert [m[0] for m in marks][:3] == ["problem", "developer", "solution"]
    assert all(start <= info.duration for _, start in marks)
    assert meta["duration"] == pytest.approx(info.duration, abs=0.01)


def test_disk_full_stops_cleanly_and_keeps_what_was_written(pulse, tmp_path):
    folder = SessionFolder.create("full")
    limit = 44 + 16000 * 2 * 2  # room for two seconds
    proc = start_child(folder.path, "--fsize", str(limit))
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert out.startswith("error The recording file cannot grow any larger"), out
    info = sf.info(str(folder.audio_path))
    assert 1.9 <= info.duration <= 2.0
    meta = folder.read_meta()
    assert meta["state"] == "finished" and "cannot grow" in meta["error"]


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
