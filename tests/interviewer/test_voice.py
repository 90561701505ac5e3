"""The voices render questions offline, ahead of time, at the speed asked for."""

from __future__ import annotations

import numpy as np
import pytest

from app.errors import DebriefError
from app.interviewer import piper_voice
from app.interviewer.render_cache import RenderCache
from app.interviewer.voice import FALLBACK, NEURAL, available_voices, open_voice

QUESTION = "How would developers manage concurrent requests?"


@pytest.mark.parametrize("name", [NEURAL, FALLBACK])
def test_each_voice_renders_speech_and_a_faster_rate_is_shorter(name):
    voice = open_voice(name)
    normal, fast = voice.render(QUESTION), voice.render(QUESTION, rate=1.5)
    assert normal.samples.dtype == np.float32 and normal.samples.ndim == 1
    assert 1.5 < normal.seconds < 6.0, normal.seconds
    assert fast.seconds < normal.seconds * 0.85
    rms = float(np.sqrt(np.mean(normal.samples ** 2)))
    assert rms > 0.01 and np.abs(normal.samples).max() <= 1.0


def test_the_best_voice_is_the_neural_one_and_an_unknown_voice_is_one_clear_error():
    assert available_voices() == [NEURAL, FALLBACK]
    assert open_voice().name == NEURAL
    with pytest.raises(DebriefError, match="'robot' is not installed"):
        open_voice("robot")


def test_punctuation_reaches_the_neural_voice_and_unknown_symbols_are_dropped():
    id_map = {"^": [1], "_": [0], "$": [2], "?": [3], ",": [4], " ": [5],
              **{c: [10 + i] for i, c in enumerate("haʊɑːjuː")}}
    ids = piper_voice.phoneme_ids("how, are you?", id_map)
    assert ids[:2] == [1, 0] and ids[-1] == 2
    assert 4 in ids and 3 in ids  # the comma and the question mark
    assert ids.index(4) < ids.index(3)


def test_the_cache_renders_ahead_in_the_background_and_once():
    cache = RenderCache(open_voice(FALLBACK))
    texts = [QUESTION, "Which callbacks fire?", QUESTION]
    cache.start(texts).join(timeout=30)
    assert all(cache.ready(t) for t in texts) and not cache.errors
    assert cache.get(QUESTION) is cache.get(QUESTION)
    assert not cache.ready("Something never asked?")
