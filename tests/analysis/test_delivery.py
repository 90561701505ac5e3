"""Pace, filler words, long pauses and repeated phrases."""

from __future__ import annotations

import pytest

from app.analysis import analyze
from app.analysis.delivery import count_fillers, long_pauses, repeated_phrases
from app.transcript import Segment, Transcript

from .helpers import spoken


@pytest.mark.parametrize(("text", "expected"), [
    ("So, um, the API is, like, basically a queue, you know?", {
        "so": 1, "um": 1, "like": 1, "basically": 1, "you know": 1}),
    ("Uh, I mean, it works, right?", {"uh": 1, "i mean": 1, "right": 1}),
    ("I'd like to add things like SPF that feel like magic.", {}),
    ("Do you know what the right approach is?", {}),
    ("All right so here is the plan.", {"so": 1}),
])
def test_fillers_count_filler_uses_only(text, expected):
    assert dict(count_fillers(text)) == expected


def test_words_per_minute_overall_and_per_stage():
    # 40 words, one every 0.5 s: 20 s of speech, 120 words per minute.
    t = spoken(" ".join(["word"] * 40), rate=0.5)
    a = analyze(t, [("problem", 0.0)])
    assert a.delivery.words_per_minute == pytest.approx(120, rel=0.03)
    assert a.stages[0].words_per_minute == pytest.approx(120, rel=0.03)


def test_a_fast_answer_is_flagged():
    t = spoken(" ".join(["word"] * 400), rate=0.25)  # 240 wpm for 100 s
    a = analyze(t, [("problem", 0.0)])
    assert any(f.id == "pace-fast" for f in a.flags)


def test_pauses_over_three_seconds_from_word_times():
    t = spoken("first part of it and then a long think and the rest", pauses={5: 4.0, 9: 2.0})
    pauses = long_pauses(t)
    assert len(pauses) == 1
    assert pauses[0].length == pytest.approx(4.0 + 0.4 * 0.2, abs=0.05)


def test_pauses_between_cues_without_word_times():
    t = Transcript([Segment(0.0, 2.0, "One."), Segment(6.5, 8.0, "Two."),
                    Segment(8.5, 9.0, "Three.")])
    assert [(p.start, p.end) for p in long_pauses(t)] == [(2.0, 6.5)]


def test_repeated_phrases_and_restarts():
    found = dict(repeated_phrases([
        "At the end of the day we ship.", "At the end of the day it works.",
        "At the end of the day it's fine.", "It's the cold the cold start problem."]))
    assert found["at the end of the day"] == 3
    assert "the end of the day" not in found
    assert found["the cold"] == 2
