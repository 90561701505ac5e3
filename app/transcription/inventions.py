"""Lines the recognizer invented: dropped before they reach a transcript.

Whisper was trained on subtitled videos, so in a pause, over room noise or at the end
of a chunk it writes the videos' stock lines ("Thank you.", "Thanks for watching!",
"See you next time.", "Subtitles by the Amara.org community", "Mm-hmm.", "you") —
the lists in faster-whisper's and whisper's own issue threads. Such a line, once in
the transcript, is coloured by the topic before it and can be quoted as evidence.

No one signal is enough: a candidate does say "Thank you." Each recognized sentence is
judged on several together: whether it is a stock line, whether there is speech under
its words (the voice detector and the energy above the chunk's noise floor), the words'
probabilities, the recognizer's own no-speech probability, and where it sits (alone in
a silence, or last in its chunk). A stock line needs two doubts to go (one, for a
video's outro); any other line goes only when the recognizer doubted it and there is
no speech under it, or it repeats the line before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from app.transcript import Segment

RATE = 16000
FRAMES_PER_SECOND = 50
FRAME = RATE // FRAMES_PER_SECOND  # 20 ms energy frames
_STOCK = re.compile(
    r"(thank you|thanks)( (so|very) much)?( (for|4) (watching|listening|your time|"
    r"joining( us)?|having me))?( (guys|everyone|everybody|all))?"
    r"|((we ll|i ll|we will) )?see you( guys)? (next time|in the next (one|video)|"
    r"later|soon|tomorrow)"
    r"|(please |don t forget to )?(like( and)? )?subscribe( to (my|the|our) channel)?"
    r"|(bye|goodbye|bye bye)( (guys|everyone|bye))?"
    r"|(subtitles|captions|transcription|transcribed) by .*|.*amara org.*"
    r"|you|oh|ah|m+|h+m+|m+ h+m+|mh+m+|uh huh|music|applause|silence")
_OUTRO = re.compile(r".*\b(watching|subscribe|channel|next time|next video|subtitles|captions"
                    r"|amara|guys|everyone|everybody|bye)\b.*")
# Where a sentence counts as voiced: the voice detector, or energy this far above the
# chunk's floor (its quietest tenth), covers this share of its words or this many
# frames (0.3 s, a short "yes").
VOICED_SHARE = 0.5
VOICED_FRAMES = 15
VOICED_OVER_FLOOR = 4.0  # room noise itself rarely gets there (under 1% of frames)
# The recognizer's doubts.
NO_SPEECH = 0.5
LOW_PROBABILITY = 0.4
# Alone: no other sentence this close on either side.
ALONE_SECONDS = 1.5


@dataclass(frozen=True)
class Heard:
    """One recognized sentence and its segment's no-speech probability."""

    segment: Segment
    no_speech: float = 0.0


def normalize(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def is_stock(text: str) -> bool:
    """A whole line that is one of the recognizer's stock inventions, or one of them
    said over and over ("Oh. Oh. Oh.", "Thank you. Thank you.")."""
    norm = normalize(text)
    if not norm:
        return True
    if _STOCK.fullmatch(norm):
        return True
    words = norm.split()
    for size in range(1, len(words) // 2 + 1):
        unit = words[:size]
        if len(words) % size == 0 and words == unit * (len(words) // size):
            return bool(_STOCK.fullmatch(" ".join(unit)))
    return False


class Listener:
    """The speech evidence in one chunk of audio: its energy, measured once, and the
    voice detector, asked only about the lines in doubt (a chunk can be a whole file)."""

    def __init__(self, audio: np.ndarray, start: float) -> None:
        self.audio, self.start = audio, start
        self.end = start + len(audio) / RATE
        frames = audio[: len(audio) // FRAME * FRAME].reshape(-1, FRAME)
        self.energy = np.sqrt(np.mean(frames * frames, axis=1)) if len(frames) else np.zeros(1)
        self.floor = max(float(np.percentile(self.energy, 10)), 1e-5)

    def _frames(self, segment: Segment) -> slice:
        first = segment.words[0].start if segment.words else segment.start
        last = segment.words[-1].end if segment.words else segment.end
        a = max(0, int((first - self.start) * FRAMES_PER_SECOND))
        return slice(a, max(a + 1, int((last - self.start) * FRAMES_PER_SECOND)))

    def _speech_frames(self, span: slice) -> int:
        """Frames of `span` the voice detector hears as speech (with a second of context
        either side, which it needs to settle)."""
        from faster_whisper.vad import VadOptions, get_speech_timestamps

        pad = FRAMES_PER_SECOND
        a, b = max(0, span.start - pad), span.stop + pad
        speech = np.zeros(b - a, dtype=bool)
        options = VadOptions(min_silence_duration_ms=300, speech_pad_ms=100)
        for t in get_speech_timestamps(self.audio[a * FRAME: b * FRAME], options):
            speech[t["start"] // FRAME: t["end"] // FRAME + 1] = True
        return int(np.sum(speech[span.start - a: span.stop - a]))

    def voiced(self, segment: Segment) -> bool:
        """Speech under the sentence's words, by energy or by the voice detector: half
        its length, or enough for a short word (word times are loose at both ends)."""
        span = self._frames(segment)
        need = min(VOICED_SHARE * (span.stop - span.start), VOICED_FRAMES)
        loud = int(np.sum(self.energy[span] >= VOICED_OVER_FLOOR * self.floor))
        return loud >= need or self._speech_frames(span) >= need


def _probability(segment: Segment) -> float:
    return float(np.mean([w.probability for w in segment.words])) if segment.words else 0.0


def _alone_or_last(heard: Sequence[Heard], i: int, chunk_end: float) -> bool:
    """Sentence `i` is last in its chunk, or has a silence on both sides."""
    seg = heard[i].segment
    before = heard[i - 1].segment.end if i > 0 else None
    after = heard[i + 1].segment.start if i + 1 < len(heard) else None
    if after is None or chunk_end - seg.end < ALONE_SECONDS:
        return True
    return (before is None or seg.start - before >= ALONE_SECONDS) and \
        after - seg.end >= ALONE_SECONDS


def invented(heard: Sequence[Heard], i: int, listener: Listener, previous: str = "") -> bool:
    """Whether sentence `i` of a chunk is one the recognizer made up; `previous` is the
    last line kept before it."""
    seg = heard[i].segment
    doubted = heard[i].no_speech >= NO_SPEECH or _probability(seg) < LOW_PROBABILITY
    repeat = bool(previous) and normalize(previous) == normalize(seg.text)
    if not is_stock(seg.text):
        return doubted and (repeat or not listener.voiced(seg))
    silent = not listener.voiced(seg)
    doubts = 2 * silent + doubted + repeat + _alone_or_last(heard, i, listener.end)
    # A video's outro is never an answer: one doubt is enough.
    return doubts >= (1 if _OUTRO.fullmatch(normalize(seg.text)) else 2)


def drop_inventions(heard: Sequence[Heard], audio: np.ndarray, start: float) -> list[Segment]:
    """The sentences of one chunk (`audio`, beginning `start` seconds into the session)
    that someone said; the invented ones are left out."""
    if not heard:
        return []
    listener = Listener(audio, start)
    kept: list[Segment] = []
    for i, h in enumerate(heard):
        if not invented(heard, i, listener, kept[-1].text if kept else ""):
            kept.append(h.segment)
    return kept
