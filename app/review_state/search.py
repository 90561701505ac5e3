"""Find text in the transcript: every case-insensitive occurrence, in reading order,
in the candidate's sentences and in the interviewer's lines alike."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Hit:
    sentence: int  # the sentence's index; the interviewer line's when `interviewer`
    start: int  # char offset in the sentence's display text
    end: int
    interviewer: bool = False


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


def find_in_transcript(sentences: Sequence[tuple[float, str]],
                       asked: Sequence[tuple[float, str]], query: str) -> list[Hit]:
    """Every occurrence of `query` in the candidate's sentences and the interviewer's
    lines (each given as its start second and display text), in the order the transcript
    shows them: by time, a line before the sentence that starts with it."""
    hits = [*find_all([text for _, text in sentences], query),
            *(replace(h, interviewer=True) for h in find_all([t for _, t in asked], query))]

    def order(hit: Hit) -> tuple[float, bool, int]:
        start = (asked if hit.interviewer else sentences)[hit.sentence][0]
        return start, not hit.interviewer, hit.start

    return sorted(hits, key=order)


def step(hits: list[Hit], current: int | None, forward: bool = True) -> int | None:
    """The hit after (or before) `current`, wrapping around; None when there are none."""
    if not hits:
        return None
    if current is None:
        return 0 if forward else len(hits) - 1
    return (current + (1 if forward else -1)) % len(hits)
