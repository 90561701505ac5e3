"""A rendered question and the voice that renders it: the records every voice shares
(voice.py chooses among them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

NEURAL = "joe"
FALLBACK = "espeak"


@dataclass(frozen=True)
class Clip:
    """A rendered question: mono float32 samples at `rate`."""

    text: str
    samples: np.ndarray
    rate: int

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.rate


class Voice(Protocol):
    name: str

    def render(self, text: str, rate: float = 1.0) -> Clip:
        """`text` spoken at `rate` times the voice's normal speed."""
        ...
