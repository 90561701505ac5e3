"""Cutting a recording at pauses for live transcription."""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from app.transcription.chunks import split_at_pauses

SR = 16000


def _speech(seconds: float, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return (0.2 * rng.standard_normal(int(seconds * SR))).astype(np.float32)


def _quiet(seconds: float, level: float = 0.0) -> np.ndarray:
    rng = np.random.default_rng(1)
    return (level * rng.standard_normal(int(seconds * SR))).astype(np.float32)


def test_cuts_fall_in_pauses_after_the_minimum() -> None:
    # 12 s talk, short breath, 12 s talk, a real pause at 24.15 s, more talk.
    audio = np.concatenate([_speech(12), _quiet(0.3), _speech(11.85), _quiet(1.0),
                            _speech(15)])
    spans = list(split_at_pauses(audio))
    assert spans[0][0] == 0 and spans[-1][1] == len(audio)
    assert all(a[1] == b[0] for a, b in pairwise(spans))
    first_cut = spans[0][1] / SR
    assert 24.15 < first_cut < 25.15  # inside the 1 s pause, not the 0.3 s breath


def test_room_noise_counts_as_quiet() -> None:
    audio = np.concatenate([_speech(21), _quiet(1.0, level=0.01), _speech(5)])
    first_cut = next(iter(split_at_pauses(audio)))[1] / SR
    assert 21.0 < first_cut < 22.0


def test_no_pause_forces_a_cut_before_thirty_seconds() -> None:
    audio = _speech(70)
    audio[int(27.5 * SR):int(27.55 * SR)] *= 0.01  # the quietest moment, too short for a pause
    spans = list(split_at_pauses(audio))
    assert all(b - a <= 30 * SR for a, b in spans)
    assert abs(spans[0][1] / SR - 27.5) < 0.1


def test_short_audio_is_one_chunk() -> None:
    assert list(split_at_pauses(_speech(5))) == [(0, 5 * SR)]
