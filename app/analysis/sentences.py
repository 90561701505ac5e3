"""Cut a transcript into sentences, the unit every label applies to.

With word timestamps a sentence ends at sentence punctuation or at a pause; a transcript
without them (SRT, WebVTT) is cut at sentence punctuation and each sentence gets a share
of its cue's time in proportion to its length in characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.transcript import Segment, Transcript, Word

# A silence this long between words ends a sentence even without punctuation: the
# recognizer often drops full stops, and real speech runs sentences together.
PAUSE_SPLIT = 0.8
# Longer unpunctuated runs are cut at their longest silence, if it is at least this long.
LONG_RUN = 40
MIN_SPLIT_GAP = 0.5
_ABBREVIATION = re.compile(r"^(?:[A-Za-z]\.){2,}$|^(?:vs|mr|mrs|ms|dr|st|approx)\.$", re.I)
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*$")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])[\"')\]]*\s+")


@dataclass
class Sentence:
    """A sentence (or a pause-cut part of one) with its time and word times."""

    start: float
    end: float
    text: str
    words: list[tuple[float, float, str]]
    group: int = 0  # index of the recognizer segment or subtitle cue it came from


def split_sentences(transcript: Transcript) -> list[Sentence]:
    """The sentences of the whole transcript, in time order.

    Words run on across recognizer segments (which often end mid-sentence); sentences cut
    only by a pause share a `group` with the rest of their sentence, as do the sentences
    of one subtitle cue.
    """
    found: list[Sentence] = []
    stream: list[Word] = []
    group = 0
    for seg in transcript.segments:
        if seg.words:
            stream.extend(seg.words)
            continue
        if stream:
            group = _split_words(stream, group, found)
            stream = []
        for part in _split_text(seg):
            part.group = group
            found.append(part)
        group += 1
    if stream:
        _split_words(stream, group, found)
    return [p for p in found if p.text]


def _ends_sentence(token: str) -> bool:
    return bool(_SENTENCE_END.search(token)) and not _ABBREVIATION.match(token)


def _split_words(words: list[Word], group: int, out: list[Sentence]) -> int:
    """Append the sentences of a run of words to `out`; returns the next group number."""
    current: list[Word] = []
    token = ""  # the written word so far: the recognizer may split "U.S." into "U" ".S."
    for i, word in enumerate(words):
        current.append(word)
        attached = len(current) > 1 and not word.word[:1].isspace()
        token = token + word.word.strip() if attached else word.word.strip()
        following = words[i + 1] if i + 1 < len(words) else None
        pause = following is not None and following.start - word.end >= PAUSE_SPLIT
        sentence_end = _ends_sentence(token)
        if following is None or pause or sentence_end:
            for part in _split_long(current):
                sentence = _sentence(part)
                sentence.group = group
                out.append(sentence)
            current = []
            if sentence_end:
                group += 1
    return group + 1


def _split_long(words: list[Word]) -> list[list[Word]]:
    """A run this long without a full stop is several sentences the recognizer ran
    together: cut it at its longest silence, again and again."""
    if len(words) <= LONG_RUN:
        return [words]
    gaps = [(words[i + 1].start - words[i].end, i) for i in range(len(words) - 1)]
    gap, at = max(gaps)
    if gap < MIN_SPLIT_GAP:
        return [words]
    return _split_long(words[:at + 1]) + _split_long(words[at + 1:])


def _sentence(words: list[Word]) -> Sentence:
    # Recognizer words carry their own leading space; a word without one continues the
    # previous word ("trade" + "-off"). Words stored bare are simply joined by spaces.
    spaced = any(w.word[:1].isspace() for w in words[1:])
    text = "".join(w.word if spaced or w.word[:1].isspace() else " " + w.word for w in words)
    return Sentence(words[0].start, max(words[-1].end, words[0].start), " ".join(text.split()),
                    [(w.start, w.end, w.word.strip()) for w in words])


def sentences_in(text: str) -> list[str]:
    """`text` cut at sentence punctuation (abbreviations such as "U.S." do not cut)."""
    out: list[str] = []
    for part in _SENTENCE_SPLIT.split(text.strip()):
        part = part.strip()
        if not part:
            continue
        last = out[-1].split()[-1] if out else ""
        if out and _ABBREVIATION.match(last):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


def _split_text(seg: Segment) -> list[Sentence]:
    parts = sentences_in(seg.text)
    total = sum(len(p) for p in parts) or 1
    span = seg.end - seg.start
    found, t = [], seg.start
    for part in parts:
        length = span * len(part) / total
        found.append(Sentence(t, t + length, part, []))
        t += length
    return found
