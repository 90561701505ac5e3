"""Which transcript segments are the interviewer's: the microphone hears the question too.

The playback says when the interviewer spoke and the question says what; a segment is
the interviewer's only when both agree: it falls in a turn's time AND its words echo the
question (a candidate who talks over the end of a question keeps their words). A segment
that straddles a turn's edge is split at its word times.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from app.transcript import CANDIDATE, INTERVIEWER, Segment, Word

# Recognizer word times drift by a few hundred ms around the true edges.
SLACK = 0.6
# Share of a stretch's words the question must contain (the recognizer mishears some).
ECHO_SHARE = 0.5
_WORD = re.compile(r"[a-z0-9']+")


@dataclass(frozen=True)
class Turn:
    """The interviewer spoke `text` from `start` to `end` (seconds on the audio timeline)."""

    start: float
    end: float
    text: str


def _stems(text: str) -> list[str]:
    # Five letters are enough to match "request" with "requests", not "re" with "retry".
    return [w[:5] for w in _WORD.findall(text.lower()) if len(w) > 2]


def echoes(text: str, question: str) -> bool:
    """Whether most of the longer words of `text` are words of `question`."""
    said, asked = _stems(text), set(_stems(question))
    return bool(said) and sum(w in asked for w in said) >= ECHO_SHARE * len(said)


def _turn_at(start: float, end: float, turns: Sequence[Turn]) -> Turn | None:
    middle = (start + end) / 2
    return next((t for t in turns if t.start - SLACK <= middle <= t.end + SLACK), None)


def _part(words: Sequence[Word], speaker: str) -> Segment:
    text = "".join(w.word for w in words).strip()
    return Segment(words[0].start, words[-1].end, text, tuple(words), speaker)


def _split(segment: Segment, turns: Sequence[Turn]) -> list[Segment]:
    runs: list[tuple[Turn | None, list[Word]]] = []
    for word in segment.words:
        turn = _turn_at(word.start, word.end, turns)
        if turn is not None and not turn.start <= (word.start + word.end) / 2 <= turn.end:
            # In the slack around the edge: the question's own words only.
            turn = turn if echoes(word.word, turn.text) else None
        if runs and runs[-1][0] is turn:
            runs[-1][1].append(word)
        else:
            runs.append((turn, [word]))
    parts: list[Segment] = []
    for turn, words in runs:
        text = "".join(w.word for w in words)
        speaker = INTERVIEWER if turn is not None and echoes(text, turn.text) else CANDIDATE
        if parts and parts[-1].speaker == speaker:
            words = [*parts.pop().words, *words]
        parts.append(_part(words, speaker))
    if len(parts) == 1:  # not split: keep the recognizer's own text and times
        return [replace(segment, speaker=parts[0].speaker)]
    return parts


def mark_turns(segments: Sequence[Segment], turns: Sequence[Turn]) -> list[Segment]:
    """`segments` with the interviewer's marked (speaker="interviewer"), split where a
    segment holds both the question and the candidate's words."""
    out: list[Segment] = []
    for segment in segments:
        near = [t for t in turns
                if t.start - SLACK < segment.end and segment.start < t.end + SLACK]
        if not near:
            out.append(segment)
        elif segment.words:
            out.extend(_split(segment, near))
        else:
            turn = _turn_at(segment.start, segment.end, near)
            speaker = (INTERVIEWER if turn is not None and echoes(segment.text, turn.text)
                       else CANDIDATE)
            out.append(replace(segment, speaker=speaker))
    return out


def spoken_turns(events: object) -> list[Turn]:
    """The turns a session's events record as heard: its "probe" events with
    "spoken": true and the "start" and "end" of the question on the audio timeline."""
    out = []
    for e in events if isinstance(events, list) else []:
        if not isinstance(e, dict) or e.get("type") != "probe" or e.get("spoken") is not True:
            continue
        start, end, text = e.get("start"), e.get("end"), e.get("text", e.get("note"))
        if (isinstance(start, int | float) and isinstance(end, int | float)
                and isinstance(text, str) and end > start):
            out.append(Turn(float(start), float(end), text))
    return sorted(out, key=lambda t: t.start)
