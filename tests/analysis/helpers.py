"""Small builders for analysis tests: transcripts with and without word timings."""

from __future__ import annotations

from collections.abc import Sequence

from app.transcript import Segment, Transcript, Word


def cues(texts: Sequence[str], gap: float = 0.6, start: float = 0.5) -> Transcript:
    """One subtitle cue per text, about 2.6 words a second, no word timings."""
    segments, t = [], start
    for text in texts:
        d = max(1.2, len(text.split()) / 2.6)
        segments.append(Segment(t, t + d, text))
        t += d + gap
    return Transcript(segments)


def spoken(text: str, start: float = 0.0, rate: float = 0.4,
           pauses: dict[int, float] | None = None) -> Transcript:
    """One recognizer segment with word timings: each word `rate` seconds, and an extra
    silence before word index i when `pauses` says so."""
    words, t = [], start
    for i, token in enumerate(text.split()):
        t += (pauses or {}).get(i, 0.0)
        words.append(Word(t, t + rate * 0.8, " " + token))
        t += rate
    return Transcript([Segment(words[0].start, words[-1].end, text, tuple(words))])


def timed_hour(sentences: Sequence[str], words: int = 9000) -> Transcript:
    """About an hour of speech at 150 words a minute with word timings, `sentences`
    said over and over (for the one-hour speed test and the bench)."""
    segments, t, n = [], 0.0, 0
    while n < words:
        text = sentences[len(segments) % len(sentences)]
        timed = []
        for token in text.split():
            timed.append(Word(t, t + 0.35, " " + token))
            t += 0.4
        segments.append(Segment(timed[0].start, timed[-1].end, text, tuple(timed)))
        t, n = t + 0.4, n + len(timed)
    return Transcript(segments)
