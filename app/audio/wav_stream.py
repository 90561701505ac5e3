"""A PCM16 mono WAV file that is valid on disk while it grows.

The header's RIFF and data sizes are patched after every `sync()` (the recorder
calls it about twice a second) and the file is fsync'ed, so a crash or a kill -9
loses at most the audio since the last sync and the file still opens in any player.
`repair_header` fixes a file that was cut off between syncs.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path
from typing import BinaryIO

import numpy as np

from app.audio.wav_header import parse_header

HEADER_BYTES = 44
SAMPLE_WIDTH = 2  # PCM16


def _header(rate: int, data_bytes: int) -> bytes:
    return struct.pack(
        "<4sI4s4sIHHIIHH4sI",
        b"RIFF", 36 + data_bytes, b"WAVE",
        b"fmt ", 16, 1, 1, rate, rate * SAMPLE_WIDTH, SAMPLE_WIDTH, 16,
        b"data", data_bytes,
    )


def _read_rate(fh: BinaryIO) -> int:
    """The sample rate of a WAV laid out as _header writes it (ValueError otherwise)."""
    header = parse_header(fh)
    if not header.pcm16_mono or header.data_offset != HEADER_BYTES:
        raise ValueError("not a 16-bit mono WAV file written by Debrief")
    return header.rate


def repair_header(path: Path) -> int:
    """Make the header's sizes match the file's length (dropping a half sample at the
    end); return the number of frames the file holds."""
    with open(path, "r+b") as fh:
        rate = _read_rate(fh)
        size = os.fstat(fh.fileno()).st_size
        data = (size - HEADER_BYTES) // SAMPLE_WIDTH * SAMPLE_WIDTH
        if HEADER_BYTES + data != size:
            fh.truncate(HEADER_BYTES + data)
        fh.seek(0)
        fh.write(_header(rate, data))
        fh.flush()
        os.fsync(fh.fileno())
    return data // SAMPLE_WIDTH


class WavStream:
    """Append float32 samples in [-1, 1] to a PCM16 mono WAV, keeping it valid on disk.

    Opening an existing file appends to it (a session resumed on another device).
    Every method may raise OSError (disk full, file too large, not writable); the
    caller decides what to tell the user. After a failed write the header still
    describes what actually reached the file.
    """

    def __init__(self, path: Path, rate: int = 16000) -> None:
        self.path = Path(path)
        self.rate = rate
        if self.path.exists() and self.path.stat().st_size >= HEADER_BYTES:
            self.frames = repair_header(self.path)
            self._fh = open(self.path, "r+b", buffering=0)  # noqa: SIM115 - lives as long as the stream
            if _read_rate(self._fh) != rate:
                self._fh.close()
                raise ValueError(f"{self.path} holds audio at another sample rate")
            self._fh.seek(0, os.SEEK_END)
        else:
            self._fh = open(self.path, "wb", buffering=0)  # noqa: SIM115
            self.frames = 0
            self._fh.write(_header(rate, 0))
            self.sync()

    @property
    def seconds(self) -> float:
        """Duration of the audio written so far."""
        return self.frames / self.rate

    def write(self, samples: np.ndarray) -> None:
        """Append samples (float32, mono). The header is updated at the next sync()."""
        data = memoryview((np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2").tobytes())
        # Unbuffered, so a failed write (disk full) leaves nothing pending to retry.
        while data:
            done = self._fh.write(data)
            self.frames += done // SAMPLE_WIDTH
            data = data[done:]

    def sync(self) -> None:
        """Patch the header to the file's real length, flush and fsync."""
        size = os.fstat(self._fh.fileno()).st_size
        data = max(0, (size - HEADER_BYTES) // SAMPLE_WIDTH * SAMPLE_WIDTH)
        self.frames = data // SAMPLE_WIDTH
        end = self._fh.tell()
        self._fh.seek(0)
        self._fh.write(_header(self.rate, data))
        self._fh.seek(end)
        os.fsync(self._fh.fileno())

    def close(self) -> None:
        """Sync and close; safe to call twice and after a failed write."""
        if self._fh.closed:
            return
        try:
            self.sync()
        finally:
            self._fh.close()
