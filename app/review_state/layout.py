"""The text of each segment as the transcript shows it, and where each word sits in it.

A click on a character finds its word here, and the playback clock finds the word being
spoken; both without any widget per word.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from app.analysis.model import LabelledSentence


@dataclass(frozen=True)
class SegmentText:
    """A segment's display text and each word's (first char, end char) in it."""

    text: str
    spans: tuple[tuple[int, int], ...]  # one per word of the segment; empty without words


def segment_text(segment: LabelledSentence) -> SegmentText:
    """Join the recognizer's words (which carry their own leading spaces) so that the
    spans are exact; fall back to the segment's text when it has no word timings."""
    if not segment.words:
        return SegmentText(" ".join(segment.text.split()), ())
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for _start, _end, word in segment.words:
        token = word.strip()
        if parts:
            parts.append(" ")
            pos += 1
        spans.append((pos, pos + len(token)))
        parts.append(token)
        pos += len(token)
    return SegmentText("".join(parts), tuple(spans))


@dataclass(frozen=True)
class WordRef:
    segment: int
    word: int  # index into the segment's words; -1 for a segment without word timings
    start: float
    end: float


class WordIndex:
    """Every word of the transcript in time order: time -> word and word -> time."""

    def __init__(self, segments: list[LabelledSentence]) -> None:
        refs: list[WordRef] = []
        for i, seg in enumerate(segments):
            if seg.words:
                refs.extend(WordRef(i, j, a, b) for j, (a, b, _w) in enumerate(seg.words))
            else:
                refs.append(WordRef(i, -1, seg.start, seg.end))
        refs.sort(key=lambda r: r.start)
        self.refs = refs
        self._starts = [r.start for r in refs]
        self._index = {(r.segment, r.word): i for i, r in enumerate(refs)}

    def __len__(self) -> int:
        return len(self.refs)

    def at(self, seconds: float) -> int | None:
        """Index of the word being spoken at `seconds` (the last one started), or None
        before the first word."""
        i = bisect_right(self._starts, seconds) - 1
        return i if i >= 0 else None

    def find(self, segment: int, word: int) -> int | None:
        """Index of a segment's word (-1 names a segment without word timings)."""
        return self._index.get((segment, word))
