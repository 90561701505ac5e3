"""Faster or slower speech at the same pitch: WSOLA time-scale modification.

Each output hop takes a windowed frame from the recording, starting near where the
requested speed puts it, nudged (within a few milliseconds) to the offset whose
waveform best continues the previous frame, so overlapping frames add up without
the phasey echo of plain overlap-add. Plain numpy; runs in the audio callback.
"""

from __future__ import annotations

import numpy as np

FRAME = 640  # 40 ms at 16 kHz
HOP = FRAME // 2
TOLERANCE = 160  # how far (samples) a frame may move to line up with the last one
_WINDOW = (0.5 - 0.5 * np.cos(2 * np.pi * np.arange(FRAME) / FRAME)).astype("float32")


class Stretcher:
    """Reads `samples` (PCM16) from a position at a speed, keeping the pitch."""

    def __init__(self, samples: np.ndarray) -> None:
        self.samples = samples
        self.reset(0.0)

    def reset(self, position: float) -> None:
        """Start afresh at `position` (samples), e.g. after a seek or a speed change."""
        self._next = float(position)  # where the next frame should nominally start
        self._prev: int | None = None  # where the last frame actually started
        self._acc = np.zeros(FRAME, dtype="float32")  # overlap-add accumulator
        self._ready = np.zeros(0, dtype="float32")

    def _frame(self, start: int) -> np.ndarray:
        n = len(self.samples)
        a, b = max(0, start), min(n, start + FRAME)
        out = np.zeros(FRAME, dtype="float32")
        if b > a:
            out[a - start : b - start] = self.samples[a:b].astype("float32") / 32768.0
        return out

    def _best_start(self, nominal: int) -> int:
        if self._prev is None:
            return nominal
        template = self._frame(self._prev + HOP)  # how the last frame naturally goes on
        region_start = nominal - TOLERANCE
        region = np.concatenate([self._frame(region_start),
                                 self._frame(region_start + FRAME)])[: FRAME + 2 * TOLERANCE]
        scores = np.correlate(region, template, mode="valid")
        return region_start + int(np.argmax(scores))

    def read(self, count: int, speed: float) -> np.ndarray:
        """The next `count` output samples at `speed`; zeros once past the end."""
        parts = [self._ready]
        have = len(self._ready)
        while have < count:
            if self._next >= len(self.samples) + FRAME:
                parts.append(np.zeros(count - have, dtype="float32"))
                have = count
                break
            start = self._best_start(int(self._next))
            self._acc += self._frame(start) * _WINDOW
            parts.append(self._acc[:HOP].copy())
            self._acc = np.concatenate([self._acc[HOP:], np.zeros(HOP, dtype="float32")])
            have += HOP
            self._prev = start
            self._next += HOP * speed
        out = np.concatenate(parts)
        self._ready = out[count:]
        return out[:count]
