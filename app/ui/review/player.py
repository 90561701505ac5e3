"""Playback of the session's recording through PortAudio (sounddevice), with its own
position clock: the position is the sample the output callback has reached, so the
highlighted word follows what is heard, not a timer.

Speeds other than 1× are time-stretched (stretch.py), so voices keep their pitch. With no
output device, play() reports one clear error and seeking still moves the position, so
the rest of the review keeps working.
"""

from __future__ import annotations

import threading
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from app.audio.wav_header import read_header
from app.errors import DebriefError
from app.ui.review.stretch import Stretcher

if TYPE_CHECKING:
    import sounddevice

SPEEDS = (0.75, 1.0, 1.25, 1.5, 1.75, 2.0)
_TICK_MS = 40
# A generous output buffer: PulseAudio's ALSA route underruns (and stalls) with less
# on a busy machine. The position clock subtracts it, so highlighting stays in step.
_LATENCY = 0.2


def _pcm16_memmap(path: Path) -> tuple[np.ndarray, int] | None:
    """Map a mono PCM16 WAV's samples without reading them (a 60-minute file is 115 MB).
    None when the file is some other kind of WAV."""
    try:
        header = read_header(path)
    except DebriefError:
        return None
    if not header.pcm16_mono or not header.rate:
        return None
    # A recording still being written may claim more than is there.
    available = header.frames(path.stat().st_size)
    count = min(header.data_bytes // 2, available) if header.data_bytes else available
    return np.memmap(path, dtype="<i2", mode="r", offset=header.data_offset,
                     shape=(count,)), header.rate


class AudioPlayer(QObject):
    """The review's playback adapter: load(path), play(), pause(), seek(seconds),
    position() -> seconds, set_rate(r); `positionChanged(seconds)` while playing or after
    a seek, `playingChanged(bool)`, `errorOccurred(message)` for the user."""

    positionChanged = Signal(float)
    playingChanged = Signal(bool)
    errorOccurred = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._samples: np.ndarray = np.zeros(0, dtype="<i2")
        self._rate = 16000
        self._speed = 1.0
        self._pos = 0.0  # in samples handed to the device; written by the audio thread
        self._origin = 0.0  # where the current play() started, in samples
        self._lag = 0.0  # samples handed over but not yet heard (the output buffer)
        self._lock = threading.Lock()
        self._stretcher = Stretcher(self._samples)
        # (position, speed) the stretcher continues from; anything else restarts it.
        self._stretch_from: tuple[float, float] | None = None
        self._stream = None
        self._finished = False
        self.error = ""
        self._timer = QTimer(self)
        self._timer.setInterval(_TICK_MS)
        self._timer.timeout.connect(self._tick)

    # -- the adapter interface -------------------------------------------------------------

    def load(self, path: str | Path) -> bool:
        """Open a recording; False (and errorOccurred) when it cannot be read."""
        self.pause()
        path = Path(path)
        try:
            mapped = _pcm16_memmap(path)
            if mapped is None:
                import soundfile as sf

                data, rate = sf.read(path, dtype="int16", always_2d=True)
                mapped = (data.mean(axis=1).astype("<i2"), rate)
        except (OSError, RuntimeError, ValueError) as exc:
            self._fail(f"The recording cannot be played ({exc}).")
            return False
        self._samples, self._rate = mapped
        self._stretcher = Stretcher(self._samples)
        self._pos = 0.0
        return True

    def duration(self) -> float:
        return len(self._samples) / self._rate

    def position(self) -> float:
        """Seconds into the recording of what is being heard."""
        if self._stream is None:
            return self._pos / self._rate
        return max(self._origin, self._pos - self._lag * self._speed) / self._rate

    def is_playing(self) -> bool:
        return self._stream is not None

    def rate(self) -> float:
        return self._speed

    def set_rate(self, rate: float) -> None:
        """Playback speed, clamped to 0.5–2×."""
        self._speed = min(2.0, max(0.5, float(rate)))

    def seek(self, seconds: float) -> None:
        with self._lock:
            self._pos = min(max(0.0, seconds), self.duration()) * self._rate
            self._origin = self._pos
        self.positionChanged.emit(self.position())

    def skip(self, seconds: float) -> None:
        self.seek(self.position() + seconds)

    def toggle(self) -> None:
        if self.is_playing():
            self.pause()
        else:
            self.play()

    def play(self) -> None:
        if self.is_playing() or not len(self._samples):
            return
        if self._pos >= len(self._samples) - 1:
            self._pos = 0.0
        try:
            stream = self._open_stream()
        except Exception as exc:  # PortAudio reports a missing device in many ways
            self._fail(f"No audio output is available, so playback is off ({_first_line(exc)}). "
                       "Everything else in the review still works.")
            return
        self._stream = stream
        self.error = ""
        self._timer.start()
        self.playingChanged.emit(True)

    def _open_stream(self) -> sounddevice.OutputStream:
        import sounddevice as sd

        if not _has_output(sd):
            # PortAudio lists devices once, when it starts; one that appeared since
            # (headphones plugged in, a sound server started) needs a fresh look.
            # Without any output device no output stream can be open to disturb.
            sd._terminate()
            sd._initialize()
        self._finished = False
        stream = sd.OutputStream(samplerate=self._rate, channels=1, dtype="float32",
                                 latency=_LATENCY, callback=self._fill,
                                 finished_callback=self._on_finished)
        self._origin = self._pos
        self._lag = float(stream.latency) * self._rate
        stream.start()
        return stream

    def pause(self) -> None:
        if self._stream is None:
            return
        heard = self.position() * self._rate
        stream, self._stream = self._stream, None
        self._timer.stop()
        try:
            stream.abort()
            stream.close()
        except Exception:  # a device that vanished mid-play cannot be closed cleanly
            pass
        # What was buffered but not heard is dropped; resume from what was heard.
        self._pos = heard
        self.playingChanged.emit(False)
        self.positionChanged.emit(self.position())

    def close(self) -> None:
        self.pause()
        self._samples = np.zeros(0, dtype="<i2")

    # -- internals -------------------------------------------------------------------------

    def _fail(self, message: str) -> None:
        self.error = message
        self.errorOccurred.emit(message)

    def _fill(self, out: np.ndarray, frames: int, _time: object, _status: object) -> None:
        """PortAudio's thread: the next samples from the position on, time-stretched
        when the speed is not 1×."""
        with self._lock:
            pos, speed, n = self._pos, self._speed, len(self._samples)
            if speed == 1.0:
                i = int(pos)
                chunk = self._samples[i : i + frames].astype("float32") / 32768.0
                out[: len(chunk), 0] = chunk
                out[len(chunk) :, 0] = 0.0
                self._stretch_from = None
            else:
                if self._stretch_from != (pos, speed):
                    self._stretcher.reset(pos)  # after a seek or a speed change
                out[:, 0] = self._stretcher.read(frames, speed)
            self._pos = min(float(n), pos + frames * speed)
            self._stretch_from = (self._pos, speed) if speed != 1.0 else None
            if pos + frames * speed >= n:
                import sounddevice as sd

                raise sd.CallbackStop

    def _on_finished(self) -> None:
        self._finished = True

    def _tick(self) -> None:
        self.positionChanged.emit(self.position())
        if self._finished:
            self.pause()


def _has_output(sd: ModuleType) -> bool:
    try:
        sd.query_devices(kind="output")
    except Exception:  # "no default output device" comes as a PortAudioError or ValueError
        return False
    return True


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:120]
