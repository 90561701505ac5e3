"""Find text in the transcript: every case-insensitive occurrence, in reading order."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Hit:
    sentence: int
    start: int  # char offset in the sentence's display text
    end: int


def find_all(texts: list[str], query: str) -> list[Hit]:
    """Every occurrence of `query` (ignoring case and surrounding spaces) in `texts`."""
    needle = query.strip().casefold()
    if not needle:
        return []
    hits: list[Hit] = []
    for i, text in enumerate(texts):
        hay = text.casefold()
        # casefold can change lengths (ß -> ss); fall back to lower() there so offsets hold.
        if len(hay) != len(text):
            hay, needle_here = text.lower(), query.strip().lower()
        else:
            needle_here = needle
        pos = hay.find(needle_here)
        while pos >= 0:
            hits.append(Hit(i, pos, pos + len(needle_here)))
            pos = hay.find(needle_here, pos + max(1, len(needle_here)))
    return hits


def step(hits: list[Hit], current: int | None, forward: bool = True) -> int | None:
    """The hit after (or before) `current`, wrapping around; None when there are none."""
    if not hits:
        return None
    if current is None:
        return 0 if forward else len(hits) - 1
    return (current + (1 if forward else -1)) % len(hits)
