"""Shared test infrastructure: real parts, isolated from the user's machine.

- Qt runs offscreen unless QT_QPA_PLATFORM says otherwise (make test uses Xvfb-free
  offscreen; screenshots use Xvfb).
- Every test gets its own DEBRIEF_DATA_DIR and QSettings location.
- `pulse` starts a private PulseAudio server (own runtime dir) with a null sink whose
  monitor is the default source: whatever `play_into_mic` plays, any PortAudio input
  stream on the default device hears.
- `speak` makes a 16 kHz mono WAV of text with espeak-ng.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pulse_server import PulseServer, missing_tools, start_pulse, stop_pulse
from speech import require, speak_to_wav

from app.prompts import use_prompts_folder

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never reach for a model hub in tests: the bundled model is on disk.
os.environ.setdefault("HF_HUB_OFFLINE", "1")



@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
             ) -> Iterator[Path]:
    """A fresh data dir (and settings dir) for every test, so nothing touches the user's."""
    path = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("DEBRIEF_DATA_DIR", str(path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(path / "config"))
    # The freedesktop trash lives under XDG_DATA_HOME: deleting in tests never reaches
    # the user's own trash.
    # (Outside the data dir, as the user's trash is.)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))
    yield path
    use_prompts_folder(None)  # a window under test may have pointed it at its settings


@pytest.fixture
def home_trash(data_dir: Path) -> Path:
    """Where a deleted session lands (the freedesktop home trash of this test)."""
    return Path(os.environ["XDG_DATA_HOME"]) / "Trash"


@pytest.fixture
def stored(data_dir: Path) -> list[Path]:
    """Eight real session folders with analysis.json, oldest first."""
    from sample_sessions import write_progression

    from app.paths import sessions_dir

    return [f.path for f in write_progression(sessions_dir(), 8)]


@pytest.fixture(scope="session")
def pulse() -> Iterator[PulseServer]:
    """Start the private PulseAudio server once per test session."""
    for tool in missing_tools():
        require(tool)
    server = start_pulse()
    try:
        yield server
    finally:
        stop_pulse(server)


@pytest.fixture
def speak(tmp_path: Path) -> Callable[..., Path]:
    """speak(text, name="speech.wav") -> a 16 kHz mono WAV of the text, made by espeak-ng."""

    def _speak(text: str, name: str = "speech.wav", **kw: object) -> Path:
        return speak_to_wav(text, tmp_path / name, **kw)  # type: ignore[arg-type]

    return _speak
