"""Chunks cut from the speech alone, and times carried back to the recording."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile

from app.transcript import Segment, Word
from app.transcription.engine import transcribe_options
from app.transcription.speech_chunks import SpeechChunks, speech_chunks

SR = 16000
VAD = transcribe_options()["vad_parameters"]


def test_silence_is_left_out_and_times_come_back(sentence_wav: Path):
    spoken, _ = soundfile.read(str(sentence_wav), dtype="float32")
    gap = np.zeros(6 * SR, np.float32)
    audio = np.concatenate([gap, spoken, gap, spoken, gap])
    speech = speech_chunks(audio, VAD)
    # The voice detector keeps the two sentences and drops most of the 18 s of silence.
    assert 2 * len(spoken) <= len(speech.audio) < 2 * len(spoken) + 4 * SR
    assert speech.spans == [(0, len(speech.audio))]  # under 30 s: one window
    # A word heard at the start of the second sentence of the joined speech lies 6 s
    # into the recording plus one sentence and its 6 s of silence, give or take the
    # detector's padding.
    half = len(speech.audio) / 2 / SR
    word = Word(half + 0.1, half + 0.4, " request", 0.9)
    moved = speech.to_recording([Segment(word.start, word.end, "request", (word,))], 100.0)
    second = 100.0 + 12.0 + len(spoken) / SR
    assert abs(moved[0].words[0].start - second) < 1.0
    assert moved[0].start == moved[0].words[0].start and moved[0].end == moved[0].words[0].end


def test_a_word_across_a_join_stays_in_the_chunk_of_its_middle():
    from faster_whisper.vad import SpeechTimestampsMap

    # Speech at 1-3 s and 5-7 s of the recording: joined, 0-2 s and 2-4 s.
    regions = [{"start": 1 * SR, "end": 3 * SR}, {"start": 5 * SR, "end": 7 * SR}]
    speech = SpeechChunks(np.zeros(4 * SR, np.float32), [(0, 4 * SR)],
                          SpeechTimestampsMap(regions, SR))
    across = Word(1.9, 2.3, " hook", 0.5)  # mostly in the second speech region
    before = Word(1.0, 1.5, " web", 0.9)
    [seg] = speech.to_recording([Segment(1.0, 2.3, "web hook", (before, across))], 0.0)
    assert (seg.words[0].start, seg.words[0].end) == (2.0, 2.5)
    assert (seg.words[1].start, seg.words[1].end) == (4.9, 5.3)  # one region, not split
    assert (seg.start, seg.end) == (2.0, 5.3)
    [bare] = speech.to_recording([Segment(0.5, 3.0, "no words", ())], 10.0)
    assert (bare.start, bare.end) == (11.5, 16.0)


def test_silence_alone_gives_no_chunks():
    assert speech_chunks(np.zeros(10 * SR, np.float32), VAD).spans == []
