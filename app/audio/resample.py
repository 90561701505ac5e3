"""Streaming linear-interpolation resampling, for devices that cannot capture at 16 kHz.

Speech recognition needs nothing finer than linear interpolation from 44.1/48 kHz
(the recogniser low-passes at 8 kHz anyway); what matters is that consecutive blocks
join without clicks or drift, so the fractional position carries across calls.
"""

from __future__ import annotations

import numpy as np


class LinearResampler:
    """Resample consecutive float32 blocks from `in_rate` to `out_rate`."""

    def __init__(self, in_rate: float, out_rate: float) -> None:
        self.step = in_rate / out_rate
        self._pos = 1.0  # next output position, in samples of [last, *block]
        self._last: float | None = None

    def process(self, block: np.ndarray) -> np.ndarray:
        if block.size == 0:
            return block.astype(np.float32)
        if self._last is None:
            self._last = float(block[0])
        x = np.concatenate(([self._last], block)).astype(np.float64)
        end = len(x) - 1
        positions = np.arange(self._pos, end + 1e-9, self.step)
        out = np.interp(positions, np.arange(len(x)), x).astype(np.float32)
        self._pos = (positions[-1] + self.step - end) if positions.size else self._pos - end
        self._last = float(x[-1])
        return out
