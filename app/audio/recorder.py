"""The crash-safe recorder: microphone -> queue -> writer thread -> audio.wav.

The PortAudio callback only copies each block (with the monotonic time of its first
sample) into a queue. A writer thread keeps the samples that fall inside recording
intervals (pauses are cut out, so the file has no silent gaps), resamples to 16 kHz if
the device could not open at that rate, appends them to the WAV and syncs its header
twice a second. It also computes the level meter and watches for a device that stops
delivering sound.

Every failure ends in a clear `error` string and state FAILED, never a traceback or a
hang; the WAV on disk stays playable and a new Recorder on the same path appends to it
(the same session continued on another microphone).
"""

from __future__ import annotations

import contextlib
import errno
import queue
import threading
import time
from collections import deque
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import numpy as np
import sounddevice as sd

from app.audio import devices
from app.audio.devices import InputDevice, resolve
from app.audio.resample import LinearResampler
from app.audio.wav_stream import WavStream
from app.errors import DebriefError

RATE = 16000
SYNC_SECONDS = 0.5  # header sync + fsync interval: a kill -9 loses at most this much
LEVEL_WINDOW = 0.1  # seconds of audio the level meter summarises


class RecorderState(StrEnum):
    IDLE = "idle"
    RECORDING = "recording"
    PAUSED = "paused"
    STOPPED = "stopped"
    FAILED = "failed"


@dataclass(frozen=True)
class Level:
    """Loudness of the last ~100 ms: RMS and peak, linear in [0, 1]."""

    rms: float = 0.0
    peak: float = 0.0

    @property
    def db(self) -> float:
        """RMS in dBFS (-100 for silence)."""
        return 20.0 * float(np.log10(max(self.rms, 1e-5)))


@dataclass
class _Span:
    """One stretch between start (or resume) and pause (or stop): a recording interval."""

    start: float  # monotonic time of its first sample
    stop: float | None = None
    has_data: bool = False


def _disk_message(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "The disk is full: recording stopped. What was recorded is saved."
    if exc.errno == errno.EFBIG:
        return "The recording file cannot grow any larger: recording stopped. What was " \
               "recorded is saved."
    return f"Cannot write the recording ({exc.strerror or exc}): recording stopped. What " \
           "was recorded is saved."


class Recorder:
    """Records one input device to `path` (or only meters it when `path` is None)."""

    def __init__(self, path: Path | None, device: int | str | None = None, *,
                 stall_seconds: float = 2.0, first_block_seconds: float = 8.0) -> None:
        self.path = Path(path) if path else None
        self.requested_device = device
        self.device: InputDevice | None = None
        self.device_rate = RATE
        self.stall_seconds = stall_seconds
        self.first_block_seconds = first_block_seconds
        self.state = RecorderState.IDLE
        self.error: str | None = None
        self.overflows = 0
        self._queue: queue.Queue[tuple[float, np.ndarray]] = queue.Queue()
        self._lock = threading.Lock()
        self._spans: list[_Span] = []
        self._stream: sd.InputStream | None = None
        self._wav: WavStream | None = None
        self._writer: threading.Thread | None = None
        self._stop_writer = threading.Event()
        self._closing = False
        self._stream_finished = False
        self._resampler: LinearResampler | None = None
        self._level = Level()
        self._recent: deque[np.ndarray] = deque()
        self._last_block = 0.0
        self._live = False
        # Audio timeline anchor: `_anchor_audio` seconds are in the file and the next
        # sample to write was captured at monotonic `_anchor_time`.
        self._anchor_audio = 0.0
        self._anchor_time: float | None = None
        self._anchor_span: _Span | None = None
        self._written_until = 0.0  # monotonic time up to which capture is processed

    # --- public state -----------------------------------------------------------------

    @property
    def device_name(self) -> str:
        return self.device.name if self.device else ""

    @property
    def live(self) -> bool:
        """True once sound has arrived from the device (it takes ~1 s on some systems)."""
        return self._live

    @property
    def failed(self) -> bool:
        return self.state == RecorderState.FAILED

    def level(self) -> Level:
        """The latest level (safe from any thread)."""
        return self._level

    @property
    def seconds_written(self) -> float:
        """Seconds of audio in the file so far."""
        return self._wav.seconds if self._wav else 0.0

    def audio_time(self, now: float | None = None) -> float:
        """Where `now` (monotonic; default: this instant) falls on the audio timeline,
        i.e. in the file as it will be once written. Paused time is not on it."""
        now = time.monotonic() if now is None else now
        with self._lock:
            if self._anchor_time is None or self.state in (RecorderState.FAILED,
                                                           RecorderState.STOPPED):
                return self._anchor_audio
            until = now
            stop = self._anchor_span.stop if self._anchor_span else None
            if stop is not None:
                until = min(until, stop)
            return self._anchor_audio + max(0.0, until - self._anchor_time)

    # --- control ----------------------------------------------------------------------

    def start(self) -> None:
        """Open the device and start recording (DebriefError if it cannot be opened)."""
        self.device = resolve(self.requested_device)
        if self.path is not None:
            try:
                self._wav = WavStream(self.path, RATE)
            except (OSError, ValueError) as exc:
                raise DebriefError(f"cannot write the recording ({exc})", self.path) from None
            self._anchor_audio = self._wav.seconds
        self._open_stream()
        now = time.monotonic()
        self._last_block = now
        with self._lock:
            self._spans.append(_Span(now))
        self.state = RecorderState.RECORDING
        self._writer = threading.Thread(target=self._write_loop, name="recorder-writer",
                                        daemon=True)
        self._writer.start()

    def _open_stream(self) -> None:
        assert self.device is not None
        index = self.device.index
        try:
            sd.check_input_settings(device=index, channels=1, dtype="float32", samplerate=RATE)
            self.device_rate = RATE
        except (sd.PortAudioError, ValueError):
            self.device_rate = int(self.device.default_rate)
            self._resampler = LinearResampler(self.device_rate, RATE)
        try:
            self._stream = sd.InputStream(
                samplerate=self.device_rate, device=index, channels=1, dtype="float32",
                callback=self._callback, finished_callback=self._on_finished)
            devices.stream_opened()
            self._stream.start()
        except (sd.PortAudioError, ValueError) as exc:
            self._close_stream()
            if self._wav:
                self._wav.close()
            raise DebriefError(f"Cannot open the microphone {self.device.name!r} ({exc}). "
                               "Choose another one.") from None

    def _callback(self, indata: np.ndarray, frames: int, t: Any, status: sd.CallbackFlags) -> None:
        # Real-time thread: copy and queue, nothing else. A block is taken to have been
        # captured just before it arrived: PortAudio's ADC timestamps proved unreliable
        # through the ALSA pulse plugin, and on real hardware the difference is a few ms.
        if status.input_overflow:
            self.overflows += 1
        self._queue.put((time.monotonic() - frames / self.device_rate, indata[:, 0].copy()))

    def _on_finished(self) -> None:
        self._stream_finished = True

    def pause(self) -> None:
        """Stop keeping audio from now on (the stream stays open, so resuming is instant)."""
        if self.state != RecorderState.RECORDING:
            return
        with self._lock:
            self._spans[-1].stop = time.monotonic()
        self.state = RecorderState.PAUSED

    def resume(self) -> None:
        if self.state != RecorderState.PAUSED:
            return
        with self._lock:
            self._spans.append(_Span(time.monotonic()))
        self.state = RecorderState.RECORDING

    def stop(self, timeout: float = 2.0) -> None:
        """Keep everything captured up to now, then close the device and the file."""
        if self.state in (RecorderState.IDLE, RecorderState.STOPPED):
            return
        end = time.monotonic()
        with self._lock:
            if self._spans and self._spans[-1].stop is None:
                self._spans[-1].stop = end
        # Sound from just before Stop is still on its way (device latency): wait for it.
        deadline = end + timeout
        while (self.state != RecorderState.FAILED and self._written_until < end
               and time.monotonic() < deadline and self._live):
            time.sleep(0.02)
        self._shutdown()
        if self.state != RecorderState.FAILED:
            self.state = RecorderState.STOPPED

    def _shutdown(self) -> None:
        self._stop_writer.set()
        if self._writer and self._writer is not threading.current_thread():
            self._writer.join(timeout=5.0)
        self._close_stream()
        self._close_wav()

    def _close_stream(self) -> None:
        self._closing = True
        stream, self._stream = self._stream, None
        if stream is None:
            return
        try:
            stream.abort()
            stream.close()
        except sd.PortAudioError:
            pass  # the device is gone; there is nothing left to close
        finally:
            devices.stream_closed()

    def _close_wav(self) -> None:
        if self._wav is None:
            return
        # On failure the header keeps its last good sizes; the file stays playable.
        with contextlib.suppress(OSError):
            self._wav.close()

    def _fail(self, message: str) -> None:
        self.error = message
        self.state = RecorderState.FAILED
        self._close_stream()
        self._close_wav()

    # --- writer thread ----------------------------------------------------------------

    def _write_loop(self) -> None:
        last_sync = time.monotonic()
        while not self._stop_writer.is_set() or not self._queue.empty():
            try:
                first, block = self._queue.get(timeout=0.1)
            except queue.Empty:
                if not self._stop_writer.is_set() and self._device_lost():
                    self._fail("The microphone stopped sending sound (was it unplugged?). "
                               "What was recorded is saved: finish, or continue on another "
                               "microphone.")
                    return
                continue
            if self.state == RecorderState.FAILED:
                return
            self._last_block = time.monotonic()
            self._live = True
            self._update_level(block)
            try:
                self._keep(first, block)
                if self._wav and time.monotonic() - last_sync >= SYNC_SECONDS:
                    self._wav.sync()
                    last_sync = time.monotonic()
            except OSError as exc:
                self._fail(_disk_message(exc))
                return

    def _device_lost(self) -> bool:
        if self._stream_finished and not self._closing:
            return True
        idle = time.monotonic() - self._last_block
        return idle > (self.stall_seconds if self._live else self.first_block_seconds)

    def _update_level(self, block: np.ndarray) -> None:
        self._recent.append(block)
        while sum(len(b) for b in self._recent) - len(self._recent[0]) > (
                LEVEL_WINDOW * self.device_rate):
            self._recent.popleft()
        recent = np.concatenate(self._recent)
        self._level = Level(float(np.sqrt(np.mean(recent ** 2))), float(np.max(np.abs(recent))))

    def _keep(self, first: float, block: np.ndarray) -> None:
        """Write the part of `block` inside recording intervals."""
        n = len(block)
        dt = 1.0 / self.device_rate
        self._written_until = first + n * dt
        with self._lock:
            spans = [s for s in self._spans
                        if s.stop is None or s.stop > first][-2:]
        for span in spans:
            lo = max(0, int(np.ceil((span.start - first) / dt)))
            hi = n if span.stop is None else min(n, int(np.ceil((span.stop - first) / dt)))
            if hi <= lo:
                continue
            start_time = first + lo * dt
            if not span.has_data:
                with self._lock:
                    span.has_data = True
                    span.start = max(span.start, start_time)  # the device started late
            part = block[lo:hi]
            out = self._resampler.process(part) if self._resampler else part
            if self._wav:
                self._wav.write(out)
            with self._lock:
                self._anchor_audio = (self._wav.seconds if self._wav
                                      else self._anchor_audio + len(out) / RATE)
                self._anchor_time = start_time + len(part) * dt
                self._anchor_span = span
