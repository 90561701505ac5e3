"""Playing a rendered clip on a real output device, without blocking, and knowing when.

The interviewer's turn goes on the session's audio timeline, so a playback reports the
second its first sample reached the speaker and the second it ended, on the clock the
caller gives (the session's monotonic clock). PortAudio tells, in each callback, how
far ahead of "now" the buffer will sound; that is added to the clock's reading.
No output device is an answer (NO_DEVICE), not an error: the text card still works.
A device that goes away (or hangs) mid-clip ends it as FAILED, with the times it
sounded, so the question is logged as cut off where it was.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np
import sounddevice as sd

from app.audio import devices

# A reported output latency outside this is a driver's guess, not a measurement.
MAX_LATENCY = 2.0
# Generous buffering: with PortAudio's low default a busy laptop (the recognizer on the
# other core) starves the stream and the question comes out in pieces. The start is
# measured, so the delay costs nothing but a fraction of a second.
LATENCY = 0.25
# Callbacks come every few hundred ms: this long without one, the device has hung.
STALL = 5.0
CUT_OFF = "the speaker stopped mid-question (the output device went away)"
STALLED = "the speaker stopped responding mid-question"


class PlaybackStatus(StrEnum):
    PLAYING = "playing"
    PLAYED = "played"
    STOPPED = "stopped"
    NO_DEVICE = "no-device"
    FAILED = "failed"


@dataclass(frozen=True)
class PlaybackOutcome:
    """What happened to a clip: `start`/`end` on the caller's clock once it sounded."""

    status: PlaybackStatus
    start: float | None = None
    end: float | None = None
    message: str = ""


def has_output(device: int | str | None = None) -> bool:
    """Whether PortAudio has an output device to play on (`device`, or the default)."""
    try:
        if device is None:
            sd.query_devices(kind="output")
        else:
            sd.check_output_settings(device=device)
    except (sd.PortAudioError, ValueError):
        return False
    return True


def output_devices() -> list[str]:
    """The names of the output devices PortAudio offers, for the Settings menu."""
    return [str(d["name"]) for d in sd.query_devices() if d["max_output_channels"] > 0]


def _resampled(samples: np.ndarray, rate: int, to_rate: int) -> np.ndarray:
    count = round(len(samples) * to_rate / rate)
    return np.interp(np.arange(count) * (rate / to_rate), np.arange(len(samples)),
                     samples).astype(np.float32)


class Playback:
    """One clip playing in PortAudio's thread; `stop()` cuts it, `wait()` blocks."""

    def __init__(self, samples: np.ndarray, rate: int, device: int | str | None,
                 volume: float, clock: Callable[[], float]) -> None:
        self._samples = (np.asarray(samples, dtype=np.float32).reshape(-1)
                         * float(np.clip(volume, 0.0, 1.0)))
        self._rate, self._device, self._clock = rate, device, clock
        self._pos = 0
        self._seconds = 0.0  # the clip's length, without the silence that flushes it
        self._start: float | None = None
        self._progress = time.monotonic()  # the last callback, for a device that hangs
        self._outcome = PlaybackOutcome(PlaybackStatus.PLAYING)
        self._done = threading.Event()
        self._stream: sd.OutputStream | None = None

    @property
    def outcome(self) -> PlaybackOutcome:
        return self._outcome

    def begin(self) -> None:
        if not has_output(self._device):
            self._finish(PlaybackOutcome(PlaybackStatus.NO_DEVICE, message="no output device"))
            return
        try:
            self._stream = self._open(self._rate)
        except sd.PortAudioError:
            try:  # the device cannot play the clip's rate: play it at the device's own
                info = sd.query_devices(self._device, kind="output")
                rate = int(info["default_samplerate"])
                self._samples = _resampled(self._samples, self._rate, rate)
                self._rate, self._stream = rate, self._open(rate)
            except (sd.PortAudioError, ValueError) as exc:
                self._finish(PlaybackOutcome(PlaybackStatus.FAILED, message=str(exc)))
                return
        # Stopping drops what is still buffered: play that much silence after the clip.
        self._seconds = len(self._samples) / self._rate
        tail = np.zeros(round((float(self._stream.latency) + 0.05) * self._rate), np.float32)
        self._samples = np.concatenate([self._samples, tail])
        devices.stream_opened()
        self._progress = time.monotonic()
        self._stream.start()

    def _open(self, rate: int) -> sd.OutputStream:
        return sd.OutputStream(samplerate=rate, channels=1, dtype="float32",
                               device=self._device, latency=LATENCY, callback=self._callback,
                               finished_callback=self._on_finished)

    def _callback(self, outdata: np.ndarray, frames: int, t: Any,
                  status: sd.CallbackFlags) -> None:
        if self._start is None:
            ahead = t.outputBufferDacTime - t.currentTime
            if not 0.0 <= ahead <= MAX_LATENCY:
                ahead = float(self._stream.latency) if self._stream is not None else 0.0
            self._start = self._clock() + ahead
        self._progress = time.monotonic()
        chunk = self._samples[self._pos:self._pos + frames]
        outdata[:len(chunk), 0] = chunk
        outdata[len(chunk):, 0] = 0.0
        self._pos += len(chunk)
        if self._pos >= len(self._samples):
            raise sd.CallbackStop

    def _on_finished(self) -> None:
        if self._outcome.status is not PlaybackStatus.PLAYING:
            return  # stopped, or already failed
        if self._pos < round(self._seconds * self._rate):
            # PortAudio ended the stream before the clip was out: the device failed.
            self._cut(PlaybackStatus.FAILED, CUT_OFF)
            return
        start = self._start if self._start is not None else self._clock()
        self._finish(PlaybackOutcome(PlaybackStatus.PLAYED, start, start + self._seconds))

    def _finish(self, outcome: PlaybackOutcome) -> None:
        self._outcome = outcome
        self._done.set()

    def _cut(self, status: PlaybackStatus, message: str = "", ago: float = 0.0) -> None:
        """End the clip: it sounded from its start until `ago` seconds before now. A
        failure before the first sample sounded has no start (nothing was heard)."""
        if self._outcome.status is not PlaybackStatus.PLAYING:
            return
        now = self._clock() - ago
        if self._start is None and status is PlaybackStatus.FAILED:
            self._finish(PlaybackOutcome(status, message=message))
            return
        start = self._start if self._start is not None else now
        end = min(max(start, now), start + self._seconds)
        self._finish(PlaybackOutcome(status, start, end, message))

    def stop(self) -> PlaybackOutcome:
        """Cut the clip now; the outcome ends where it was cut."""
        self._cut(PlaybackStatus.STOPPED)
        self._close()
        return self._outcome

    def wait(self, timeout: float | None = None) -> PlaybackOutcome:
        """Block until the clip has played (or `timeout`), then release the device.
        A device that stops calling back fails the clip where it stalled."""
        if not self._done.wait(timeout) and self._stream is not None:
            silent = time.monotonic() - self._progress
            if silent > STALL:
                self._cut(PlaybackStatus.FAILED, STALLED, ago=silent)
        if self._done.is_set():
            self._close()
        return self._outcome

    def _close(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            stream.abort()
            stream.close()
            devices.stream_closed()


def play(samples: np.ndarray, rate: int, *, device: int | str | None = None,
         volume: float = 1.0, clock: Callable[[], float] = time.monotonic) -> Playback:
    """Start playing mono float32 `samples` and return at once."""
    playback = Playback(samples, rate, device, volume, clock)
    playback.begin()
    return playback
