"""Speech for tests: espeak-ng into a 16 kHz mono PCM16 WAV (importable from any test,
unlike conftest.py, whose module name is shared by every conftest in the tree)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SAMPLE_RATE = 16000


def require(tool: str) -> str:
    """The tool's path, or fail the test saying how to get it."""
    found = shutil.which(tool)
    if not found:
        pytest.fail(f"{tool} is not installed; run `make test`, which installs it")
    return found


def speak_to_wav(text: str, path: Path, voice: str = "en-us", speed: int = 165) -> Path:
    """Speak `text` with espeak-ng into a 16 kHz mono PCM16 WAV at `path`."""
    require("espeak-ng")
    require("sox")
    raw = path.with_suffix(".raw.wav")
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(raw), text],
                   check=True, capture_output=True)
    subprocess.run(["sox", str(raw), "-r", str(SAMPLE_RATE), "-c", "1", "-b", "16", str(path)],
                   check=True, capture_output=True)
    raw.unlink()
    return path
