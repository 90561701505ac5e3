"""The speech of a recording, joined and cut at pauses into chunks of one decoder window,
and the way back from the joined speech to the recording's timeline.

Vocabulary needs pause-cut chunks (engine.py says why), and chunks cost decoder windows:
measured on a 6-minute mock with tiny.en, chunks cut from the raw recording took 34
windows where plain faster-whisper took 13 for the whole file: each chunk filled a
30 s window alone, however short, and the few tenths of a second after its last word
were decoded again as a window of their own. Cutting the chunks from the speech that
the voice detector kept (as faster-whisper does before its own windows), and not
decoding a chunk's last fraction of a second, brings the count to 15. (Chunks of
25-30 s took 14 windows but doubled the word error rate on one of the eval scripts.)
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from app.transcript import Segment, Word
from app.transcription.chunks import split_at_pauses

# What is left of a chunk after its last word, up to this long, is the voice detector's
# padding and the pause the chunk was cut at: no word fits in it.
TAIL_SECONDS = 0.8


@dataclass(frozen=True)
class SpeechChunks:
    audio: np.ndarray  # the speech alone, joined
    spans: list[tuple[int, int]]  # chunks of `audio`, in samples
    timeline: Any  # faster-whisper's SpeechTimestampsMap: joined time -> recording time

    def to_recording(self, segments: list[Segment], offset: float) -> list[Segment]:
        """Segments timed on the joined speech, moved to the recording's timeline and
        shifted by `offset` seconds."""
        return [self._moved(s, offset) for s in segments]

    def _moved(self, segment: Segment, offset: float) -> Segment:
        def at(t: float, region: int) -> float:
            return float(self.timeline.get_original_time(t, region)) + offset

        if not segment.words:
            start = self.timeline.get_original_time(segment.start) + offset
            return replace(segment, start=start,
                           end=self.timeline.get_original_time(segment.end, is_end=True)
                           + offset)
        words: list[Word] = []
        for w in segment.words:
            # Both ends of a word in the speech region of its middle, as faster-whisper does.
            region = self.timeline.get_chunk_index((w.start + w.end) / 2)
            words.append(replace(w, start=at(w.start, region), end=at(w.end, region)))
        return replace(segment, start=words[0].start, end=words[-1].end, words=tuple(words))


def speech_chunks(audio: np.ndarray, vad_parameters: dict[str, Any], rate: int = 16000
                  ) -> SpeechChunks:
    """Find the speech in `audio`, join it, and cut the joined speech at pauses."""
    from faster_whisper.vad import SpeechTimestampsMap, VadOptions, get_speech_timestamps

    regions = get_speech_timestamps(audio, VadOptions(**vad_parameters))
    if regions:
        speech = np.concatenate([audio[c["start"]:c["end"]] for c in regions])
    else:
        speech = np.zeros(0, dtype=np.float32)
    spans = list(split_at_pauses(speech, rate)) if len(speech) else []
    return SpeechChunks(speech, spans, SpeechTimestampsMap(regions, rate))
