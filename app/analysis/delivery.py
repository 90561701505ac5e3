"""How it was said: pace, filler words, long pauses and repeated phrases.

The recognizer leaves out many fillers ("um", "uh") and some restarts, so the counts
here are a floor, not the whole story.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from app.analysis.model import Delivery, LabelledSentence, Pause
from app.transcript import Transcript

LONG_PAUSE = 3.0
PACE_RANGE = (120.0, 170.0)  # words per minute a listener follows comfortably
MAX_REPEATS = 8

_WORD = re.compile(r"[\w']+")
# Each filler with the contexts where the word is not a filler.
_FILLERS: dict[str, re.Pattern[str]] = {
    "um": re.compile(r"\b(?:u+m+|e+r+m+|hmm+)\b"),
    "uh": re.compile(r"\b(?:u+h+|e+r+|a+h+)\b"),
    "you know": re.compile(
        r"(?<!\bdo )(?<!\bdid )(?<!\bif )(?<!\bas )(?<!\blet )(?<!\bdon't )\byou know\b"
        r"(?!\s+(?:what|how|whether|why|where|when|who|which|if)\b)"),
    "basically": re.compile(r"\bbasically\b"),
    "i mean": re.compile(r"(?<!\bwhat )(?<!\bthat's )\bi mean\b(?!\s+it\b)"),
    # "like" as a filler: set off by a comma, opening a clause, or quotative ("was like");
    # not "I'd like", "looks like", "things like X".
    "like": re.compile(
        r"(?:(?:^|[,.;!?]\s*|\b(?:um|uh|so|and|but|yeah|was|were|it's|i'm|it was)\s+)like\b"
        r"|\blike(?=\s*,))"),
    # "So" opening a sentence, or after "okay"/"right"/"yeah" ("all right so").
    "so": re.compile(r"(?:^|[.!?]\s+|\b(?:okay|ok|right|alright|yeah|um|uh),?\s+)so\b"),
    # "right?" / "right," as a tag, not "the right approach".
    "right": re.compile(
        r"(?<!\bthe )(?<!\ball )(?<!\bthat's )(?<!\ba )(?<!\bto )(?<!\bon )\bright\b"
        r"(?=\s*[?,.]|\s*$)"),
}
_STOPWORD_TEXT = (
    "a an the and or but so of to in on at for with is are was were it it's that this i "
    "we you they he she be do have has had would will can could i'd we'd")
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def count_fillers(text: str) -> Counter[str]:
    """Filler words in one stretch of text, by filler."""
    lowered = " ".join(text.lower().split())
    return Counter({name: n for name, pattern in _FILLERS.items()
                    if (n := len(pattern.findall(lowered)))})


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def long_pauses(transcript: Transcript, threshold: float = LONG_PAUSE) -> list[Pause]:
    """Silences longer than `threshold` between words (between cues when the transcript
    has no word timings)."""
    spans: list[tuple[float, float]] = []
    for seg in transcript.segments:
        if seg.words:
            spans.extend((w.start, w.end) for w in seg.words)
        elif seg.text.strip():
            spans.append((seg.start, seg.end))
    spans.sort()
    pauses = []
    last_end = None
    for start, end in spans:
        if last_end is not None and start - last_end > threshold:
            pauses.append(Pause(round(last_end, 3), round(start, 3)))
        last_end = end if last_end is None else max(last_end, end)
    return pauses


def repeated_phrases(texts: Sequence[str]) -> list[tuple[str, int]]:
    """Restarts said twice in a row ("the cold the cold") and pet phrases of three or
    more words said three or more times, most frequent first."""
    counts: Counter[str] = Counter()
    restarts: Counter[str] = Counter()
    for text in texts:  # phrases never span two sentences
        words = _WORD.findall(text.lower())
        for n in range(2, 7):
            for i in range(len(words) - n + 1):
                gram = words[i:i + n]
                if all(w in _STOPWORDS for w in gram):
                    continue
                phrase = " ".join(gram)
                if n >= 3:
                    counts[phrase] += 1
                if words[i + n:i + 2 * n] == gram:
                    restarts[phrase] += 1
    found = {p: c for p, c in counts.items() if c >= 3}
    # Keep the longest form of overlapping pet phrases ("at the end of the day", not
    # also "the end of the day").
    covered = {sub for p, c in found.items() for sub in _shorter(p)
               if found.get(sub, c + 1) <= c}
    merged = Counter({p: c for p, c in found.items() if p not in covered})
    covered = {sub for p in restarts for sub in _shorter(p)}
    for phrase, c in restarts.items():
        if phrase not in covered:
            merged[phrase] = max(merged[phrase], c + 1)
    return sorted(merged.items(), key=lambda pc: (-pc[1], -len(pc[0]), pc[0]))[:MAX_REPEATS]


def _shorter(phrase: str) -> tuple[str, str]:
    """`phrase` less its first word, and less its last. (A phrase inside a longer one
    with as many uses is inside one of these too, so checking them is enough.)"""
    words = phrase.split()
    return " ".join(words[1:]), " ".join(words[:-1])


def speaking_minutes(sentences: Sequence[LabelledSentence]) -> float:
    """Minutes from the first word to the last (the pace clock)."""
    if not sentences:
        return 0.0
    return max(0.0, sentences[-1].end - sentences[0].start) / 60.0


def measure_delivery(transcript: Transcript, sentences: Sequence[LabelledSentence]) -> Delivery:
    """Pace, fillers, long pauses and repeated phrases for the whole answer."""
    minutes = speaking_minutes(sentences)
    words = sum(word_count(s.text) for s in sentences)
    fillers: Counter[str] = Counter()
    for sentence in sentences:
        fillers.update(count_fillers(sentence.text))
    return Delivery(
        words_per_minute=round(words / minutes, 1) if minutes else 0.0,
        fillers_per_minute=round(sum(fillers.values()) / minutes, 2) if minutes else 0.0,
        filler_counts=dict(sorted(fillers.items(), key=lambda kv: (-kv[1], kv[0]))),
        long_pauses=long_pauses(transcript),
        repeated_phrases=repeated_phrases([s.text for s in sentences]),
    )
