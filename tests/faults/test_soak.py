"""The soak in CI: bench/soak.py runs the real recorder and live transcription for two
minutes at real time on a private PulseAudio server (DEBRIEF_SOAK_MINUTES=60 for the
long run) and must show no overflows and lag within the live-transcription targets."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.audio, pytest.mark.model, pytest.mark.slow]

SOAK = Path(__file__).resolve().parents[2] / "bench" / "soak.py"


def test_two_minute_soak(tmp_path):
    minutes = float(os.environ.get("DEBRIEF_SOAK_MINUTES", "2"))
    out = tmp_path / "soak.json"
    done = subprocess.run([sys.executable, str(SOAK), "--minutes", str(minutes),
                           "--own-pulse", "--json", str(out)],
                          capture_output=True, text=True, timeout=minutes * 60 + 180)
    print(done.stdout)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    r = json.loads(out.read_text())
    assert r["overflows"] == 0 and r["recorder_error"] is None
    assert r["recorded_seconds"] >= minutes * 60 - 2
    assert r["pieces"] >= minutes * 2  # chunks are 10-20 s: transcribed as it went
    assert r["lag_p95"] <= 10.0
    assert r["finish_seconds"] <= 15.0
    assert r["transcribed_to"] >= r["recorded_seconds"] - 5.0  # nothing dropped at Finish
    assert r["words"] >= minutes * 60  # about two words a second are spoken
    if minutes >= 10:  # over two minutes, model warm-up still shows in the first minute
        assert abs(r["rss_change_percent"]) <= 10.0
