"""The text of each sentence as the transcript shows it, and where each word sits in it.

A click on a character finds its word here, and the playback clock finds the word being
spoken; both without any widget per word.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from app.analysis.model import InterviewerLine, LabelledSentence


@dataclass(frozen=True)
class SentenceText:
    """A sentence's display text and each word's (first char, end char) in it."""

    text: str
    spans: tuple[tuple[int, int], ...]  # one per word of the sentence; empty without words


def sentence_text(sentence: LabelledSentence | InterviewerLine) -> SentenceText:
    """Join the recognizer's words (which carry their own leading spaces) so that the
    spans are exact; fall back to the sentence's text when it has no word timings.
    An interviewer's line is shown the same way."""
    if not sentence.words:
        return SentenceText(" ".join(sentence.text.split()), ())
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for _start, _end, word in sentence.words:
        token = word.strip()
        if parts:
            parts.append(" ")
            pos += 1
        spans.append((pos, pos + len(token)))
        parts.append(token)
        pos += len(token)
    return SentenceText("".join(parts), tuple(spans))


@dataclass(frozen=True)
class WordRef:
    sentence: int
    word: int  # index into the sentence's words; -1 for a sentence without word timings
    start: float
    end: float


class WordIndex:
    """Every word of the transcript in time order: time -> word and word -> time."""

    def __init__(self, sentences: list[LabelledSentence]) -> None:
        refs: list[WordRef] = []
        for i, sentence in enumerate(sentences):
            if sentence.words:
                refs.extend(WordRef(i, j, a, b) for j, (a, b, _w) in enumerate(sentence.words))
            else:
                refs.append(WordRef(i, -1, sentence.start, sentence.end))
        refs.sort(key=lambda r: r.start)
        self.refs = refs
        self._starts = [r.start for r in refs]
        self._index = {(r.sentence, r.word): i for i, r in enumerate(refs)}

    def __len__(self) -> int:
        return len(self.refs)

    def at(self, seconds: float) -> int | None:
        """Index of the word being spoken at `seconds` (the last one started), or None
        before the first word."""
        i = bisect_right(self._starts, seconds) - 1
        return i if i >= 0 else None

    def find(self, sentence: int, word: int) -> int | None:
        """Index of a sentence's word (-1 names a sentence without word timings)."""
        return self._index.get((sentence, word))
