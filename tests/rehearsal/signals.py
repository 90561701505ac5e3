"""Finding speech in a recording, for the tests that play speech into the microphone."""

from __future__ import annotations

import numpy as np

HOP = 160  # 10 ms at 16 kHz


def onsets(x: np.ndarray, threshold: float = 0.01, gap: float = 0.8) -> list[float]:
    """Start times (s) of loud stretches separated by at least `gap` seconds of quiet."""
    n = len(x) // HOP * HOP
    loud = np.flatnonzero(np.sqrt(np.mean(x[:n].reshape(-1, HOP) ** 2, axis=1)) > threshold)
    starts: list[float] = []
    last = -np.inf
    for t in loud * HOP / 16000:
        if t - last > gap:
            starts.append(float(t))
        last = t
    return starts
