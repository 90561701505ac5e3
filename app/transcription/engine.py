"""The adapter around faster-whisper: audio in, our Transcript out.

One set of decoding options (`transcribe_options`) serves batch, live chunks and the
benchmark's direct call, chosen against Whisper's known failures on long, quiet
recordings of one person thinking aloud:

- VAD drops silence and room noise before the model sees it (no "Thank you." in pauses);
- no conditioning on the previous window, so one bad window cannot drift into the next
  or loop after a long pause;
- no-speech, log-prob and compression-ratio checks reject windows that are noise or loops;
- `hallucination_silence_threshold` skips silence around improbable words;
- `drop_inventions` (inventions.py) drops the stock lines it still writes in pauses
  and at chunk ends, and text with no speech under it, on every path out of here;
- `drop_repeats` removes a line the model says twice in a row.

Domain vocabulary goes in as `initial_prompt` on chunks cut at pauses (chunks.py), the
way live transcription cuts them. Measured on the eval scripts with tiny.en: a prompt on
pause-cut chunks lowers WER and recovers most domain words, while the same words as
`hotwords` on whole-file 30-second windows doubled WER (text lost at window edges).
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from app.audio.decode import SAMPLE_RATE, load_audio
from app.errors import DebriefError
from app.transcript import Segment, Transcript, Word
from app.transcription.chunks import split_at_pauses
from app.transcription.hint_words import vocabulary_text
from app.transcription.inventions import Heard, drop_inventions
from app.transcription.models import ModelChoice, resolve_model
from app.transcription.speech_chunks import TAIL_SECONDS, speech_chunks

Progress = Callable[[float, float | None], None]

# int8 weights: CTranslate2's fastest compute type on CPU, and the smallest in memory.
COMPUTE_TYPE = "int8"
BEAM_SIZE = 5
# A stretch this long with no text and this much speech in it was dropped by the
# decoder, not left silent by the speaker (see _refill_gaps).
GAP_SECONDS = 8.0
GAP_SPEECH = 3.0


class TranscriptionCancelled(DebriefError):
    """The user cancelled; nothing was written."""

    def __init__(self) -> None:
        super().__init__("transcription cancelled")


def default_threads() -> int:
    """All cores up to four: batch work after a rehearsal may use the whole machine."""
    return max(1, min(4, os.cpu_count() or 1))


def transcribe_options(vocabulary: Sequence[str] | None = None) -> dict[str, Any]:
    """Keyword arguments for WhisperModel.transcribe, the same everywhere."""
    return {
        "language": "en",
        "beam_size": BEAM_SIZE,
        "word_timestamps": True,
        "vad_filter": True,
        "vad_parameters": {"min_silence_duration_ms": 1000, "speech_pad_ms": 300},
        "condition_on_previous_text": False,
        "no_speech_threshold": 0.6,
        "log_prob_threshold": -1.0,
        "compression_ratio_threshold": 2.4,
        "hallucination_silence_threshold": 2.0,
        # With conditioning off this reaches only the first window of each call, which is
        # why vocabulary is used with pause-cut chunks of at most 30 s.
        "initial_prompt": vocabulary_text(vocabulary) if vocabulary else None,
    }


_cache: dict[tuple[str, int], Any] = {}
_cache_lock = threading.Lock()


def load_model(choice: ModelChoice, threads: int | None = None) -> Any:
    """A WhisperModel for `choice`, loaded once per process and thread count."""
    threads = threads or default_threads()
    key = (str(choice.path), threads)
    with _cache_lock:
        if key in _cache:
            return _cache[key]
        from faster_whisper import WhisperModel

        try:
            model = WhisperModel(str(choice.path), device="cpu", compute_type=COMPUTE_TYPE,
                                 cpu_threads=threads, num_workers=1)
        except (RuntimeError, ValueError, OSError) as exc:
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:160]
            raise DebriefError(f"the speech model cannot be loaded ({first})",
                               choice.path) from None
        _cache[key] = model
        return model


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def drop_repeats(segments: Iterable[Segment], last: str = "") -> list[Segment]:
    """Drop empty segments and a segment of three or more words that repeats the one
    before it word for word (Whisper's looping); `last` is the text before the first."""
    out: list[Segment] = []
    previous = _norm(last)
    for seg in segments:
        norm = _norm(seg.text)
        if not norm:
            continue
        if norm == previous and len(norm.split()) >= 3:
            continue
        out.append(seg)
        previous = norm
    return out


_SENTENCE_END = re.compile(r"[.?!][\"')\]]*$")


def split_sentences(segment: Segment) -> list[Segment]:
    """Split a segment after each sentence-ending word followed by a capital, so that
    a segment is about one sentence (Whisper given a prompt writes 20-second segments,
    too coarse to colour by category)."""
    groups: list[list[Word]] = [[]]
    for word, following in zip(segment.words, (*segment.words[1:], None), strict=True):
        groups[-1].append(word)
        if (following is not None and _SENTENCE_END.search(word.word.strip())
                and following.word.strip()[:1].isupper()):
            groups.append([])
    if len(groups) == 1:
        return [segment]
    out = []
    for i, group in enumerate(groups):
        start = segment.start if i == 0 else group[0].start
        end = segment.end if i == len(groups) - 1 else group[-1].end
        out.append(Segment(start, end, "".join(w.word for w in group).strip(), tuple(group)))
    return out


def _convert(seg: Any, offset: float) -> list[Segment]:
    words = tuple(Word(float(w.start) + offset, float(w.end) + offset, w.word,
                       float(w.probability)) for w in (seg.words or ()))
    return split_sentences(
        Segment(float(seg.start) + offset, float(seg.end) + offset, seg.text.strip(), words))


def _heard(seg: Any, offset: float) -> list[Heard]:
    """The sentences of a recognized segment, for the invented-line filter."""
    return [Heard(s, float(seg.no_speech_prob)) for s in _convert(seg, offset)]


def _choice(model: str | ModelChoice | None) -> ModelChoice:
    return model if isinstance(model, ModelChoice) else resolve_model(model)


def transcribe_array(audio: np.ndarray, offset: float = 0.0,
                     model: str | ModelChoice | None = None,
                     progress: Progress | None = None, vocabulary: Sequence[str] | None = None,
                     cancel: threading.Event | None = None, threads: int | None = None,
                     chunks: bool | None = None) -> Transcript:
    """Transcribe 16 kHz mono float32 samples; times come out shifted by `offset`
    seconds (the chunk's place on the session's timeline).

    `chunks` (default: when there is a vocabulary) cuts the speech at pauses into chunks
    of 20-30 s and decodes each with the vocabulary prompt (speech_chunks.py)."""
    choice = _choice(model)
    whisper = load_model(choice, threads)
    audio = np.ascontiguousarray(audio, dtype=np.float32)
    total = len(audio)
    use_chunks = bool(vocabulary) if chunks is None else chunks
    options = transcribe_options(vocabulary)
    source, spans, speech, shift = audio, [(0, total)], None, offset
    if use_chunks:  # chunks of the speech alone, the voice detector run once (speech_chunks.py)
        speech = speech_chunks(audio, options["vad_parameters"])
        source, spans, total = speech.audio, speech.spans, max(1, len(speech.audio))
        options = {**options, "vad_filter": False}
        shift = 0.0  # timed on the joined speech until moved to the recording's timeline
    segments: list[Segment] = []
    began = time.monotonic()
    try:
        for first, last in spans:
            raw, _info = whisper.transcribe(source[first:last], **options)
            heard: list[Heard] = []
            for seg in raw:
                if cancel is not None and cancel.is_set():
                    raise TranscriptionCancelled()
                heard += _heard(seg, shift + first / SAMPLE_RATE)
                if progress is not None:
                    _report(progress, (first + float(seg.end) * SAMPLE_RATE) / total, began)
                if speech is not None and (last - first) / SAMPLE_RATE - seg.end < TAIL_SECONDS:
                    break  # only the padding is left: no window for it
            segments += drop_inventions(heard, source[first:last], shift + first / SAMPLE_RATE)
            if progress is not None and last < total:
                _report(progress, last / total, began)
        if speech is not None:
            segments = speech.to_recording(segments, offset)
        else:
            segments = _refill_gaps(whisper, audio, offset, segments, options, cancel)
    except (RuntimeError, MemoryError) as exc:  # the recognizer's own failures
        raise DebriefError(f"transcription failed ({type(exc).__name__}: "
                           f"{str(exc)[:160]})") from None
    if cancel is not None and cancel.is_set():
        raise TranscriptionCancelled()
    if progress is not None:
        progress(1.0, 0.0)
    return Transcript(drop_repeats(segments), model=choice.name, language="en")


def uncovered(segments: Sequence[Segment], start: float, end: float,
              min_gap: float = GAP_SECONDS) -> list[tuple[float, float]]:
    """Stretches of [start, end) at least `min_gap` long that no segment covers."""
    gaps, t = [], start
    for seg in sorted(segments, key=lambda s: s.start):
        if seg.start - t >= min_gap:
            gaps.append((t, seg.start))
        t = max(t, seg.end)
    if end - t >= min_gap:
        gaps.append((t, end))
    return gaps


def _refill_gaps(whisper: Any, audio: np.ndarray, offset: float, segments: list[Segment],
                 options: dict[str, Any], cancel: threading.Event | None) -> list[Segment]:
    """Decode again, in pause-cut chunks, any long stretch with speech but no text.

    On a whole file a window whose decoding loops ("slash slash slash ...") fails every
    check and is dropped with all its speech: 30 s of the answer gone. Chunks start the
    decoder afresh where the window went wrong; the voice detector keeps pauses and
    room noise from being sent again."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    found = list(segments)
    for first, last in uncovered(segments, offset, offset + len(audio) / SAMPLE_RATE):
        if cancel is not None and cancel.is_set():
            break
        a, b = int((first - offset) * SAMPLE_RATE), int((last - offset) * SAMPLE_RATE)
        span = audio[a:b]
        speech = get_speech_timestamps(span, VadOptions(min_silence_duration_ms=1000))
        if sum(t["end"] - t["start"] for t in speech) < GAP_SPEECH * SAMPLE_RATE:
            continue  # a pause to think, or noise: nothing was lost
        for p, q in split_at_pauses(span, SAMPLE_RATE, min_chunk=8.0, max_chunk=16.0):
            raw, _info = whisper.transcribe(span[p:q], **options)
            heard = [h for seg in raw for h in _heard(seg, first + p / SAMPLE_RATE)]
            found += [s for s in drop_inventions(heard, span[p:q], first + p / SAMPLE_RATE)
                      if first - 0.5 <= s.start and s.end <= last + 0.5]
    return sorted(found, key=lambda s: s.start)


def _report(progress: Progress, done: float, began: float) -> None:
    done = min(1.0, max(0.0, done))
    spent = time.monotonic() - began
    progress(done, spent * (1 - done) / done if done > 0.02 else None)


def transcribe_file(path: str | Path, model: str | ModelChoice | None = None,
                    progress: Progress | None = None,
                    vocabulary: Sequence[str] | None = None,
                    cancel: threading.Event | None = None, threads: int | None = None,
                    ) -> Transcript:
    """Transcribe an audio file (WAV, FLAC, MP3, M4A; any rate or channel count)."""
    choice = _choice(model)  # a bad model is reported before decoding a long file
    audio = load_audio(path)
    return transcribe_array(audio, 0.0, choice, progress, vocabulary, cancel, threads)
