"""The microphones PortAudio can see, and which one is the system default."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import sounddevice as sd

from app.errors import DebriefError


@dataclass(frozen=True)
class InputDevice:
    """A capture device: PortAudio's index, its name, its native rate."""

    index: int
    name: str
    default_rate: float
    is_default: bool = False


_open_streams = 0
_lock = threading.Lock()


def stream_opened() -> None:
    """Called by whoever opens a PortAudio stream; a rescan would close it."""
    global _open_streams
    with _lock:
        _open_streams += 1


def stream_closed() -> None:
    global _open_streams
    with _lock:
        _open_streams = max(0, _open_streams - 1)


def rescan() -> None:
    """Make PortAudio look for devices again (a microphone plugged in since launch).

    PortAudio lists devices only when it initialises, and re-initialising closes every
    stream, so this does nothing while a stream is open.
    """
    with _lock:
        if _open_streams:
            return
        try:
            sd._terminate()
            sd._initialize()
        except sd.PortAudioError:
            pass


def _default_input_index() -> int:
    try:
        index = sd.default.device[0]
        if index is None or index < 0:
            index = sd.query_devices(kind="input")["index"]
        return int(index)
    except (sd.PortAudioError, ValueError, TypeError, KeyError):
        return -1


def input_devices(refresh: bool = False) -> list[InputDevice]:
    """Every device with at least one input channel; empty when there is none.
    With `refresh`, PortAudio rescans first (when no stream is open)."""
    if refresh:
        rescan()
    try:
        devices = sd.query_devices()
    except sd.PortAudioError:
        return []
    default = _default_input_index()
    return [InputDevice(d["index"], d["name"], float(d["default_samplerate"]),
                        d["index"] == default)
            for d in devices if d["max_input_channels"] > 0]


def default_input() -> InputDevice | None:
    """The system's default microphone, or None when there is no input device."""
    devices = input_devices()
    return next((d for d in devices if d.is_default), devices[0] if devices else None)


def resolve(device: int | str | None) -> InputDevice:
    """The device a user chose (index, name, or None for the default); DebriefError
    when there is no such input device."""
    devices = input_devices(refresh=True)
    if not devices:
        raise DebriefError("No microphone found. Connect one, then choose it in the list.")
    if device is None:
        found = default_input()
    elif isinstance(device, int):
        found = next((d for d in devices if d.index == device), None)
    else:
        found = next((d for d in devices if d.name == device), None) or next(
            (d for d in devices if str(device).lower() in d.name.lower()), None)
    if found is None:
        raise DebriefError(f"The microphone {device!r} is not connected any more. "
                           "Choose another one.")
    return found
