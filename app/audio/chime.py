"""Soft chimes at the amber and red points, played on the default output device.

Best effort: no output device, or any PortAudio trouble, means no chime, never an error.
"""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path

import numpy as np
import sounddevice as sd
import soundfile as sf

from app.audio import devices
from app.paths import resources_dir


@cache
def _load(name: str) -> tuple[np.ndarray, int] | None:
    path: Path = resources_dir() / f"chime_{name}.wav"
    try:
        data, rate = sf.read(str(path), dtype="float32")
    except (OSError, RuntimeError):
        return None
    return data, rate


def _play(data: np.ndarray, rate: int) -> None:
    # Counted as open, so a device rescan (the setup page) waits for the chime instead
    # of tearing PortAudio down under it, which aborts the process.
    devices.stream_opened()
    try:
        with sd.OutputStream(samplerate=rate, channels=1, dtype="float32") as stream:
            stream.write(data.reshape(-1, 1))
    except (sd.PortAudioError, ValueError, OSError):
        pass  # no speakers: the light on screen says the same thing
    finally:
        devices.stream_closed()


def play_chime(name: str) -> threading.Thread | None:
    """Start playing chime `name` ("amber" or "red") in the background."""
    loaded = _load(name)
    if loaded is None:
        return None
    thread = threading.Thread(target=_play, args=loaded, name=f"chime-{name}", daemon=True)
    thread.start()
    return thread
