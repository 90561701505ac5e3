"""A one-line progress bar for terminals; silent when output is not a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from app.timefmt import clock


class TerminalProgress:
    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self._last = 0.0

    def __call__(self, fraction: float, eta: float | None = None) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if fraction < 1.0 and now - self._last < 0.1:
            return
        self._last = now
        width = 30
        filled = int(width * max(0.0, min(1.0, fraction)))
        eta_text = f" ETA {clock(eta)}" if eta is not None else ""
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r{self.label} [{bar}] {fraction*100:5.1f}%{eta_text}")
        if fraction >= 1.0:
            self.stream.write("\n")
        self.stream.flush()
