"""Accuracy on the labeled eval scripts from clean text (each sentence an SRT cue, timed
the way the acceptance check times it), and the speed of a 60-minute analysis."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest

from app.analysis import analyze
from app.transcript import Segment, Transcript

from .helpers import timed_hour

SHARED = Path(__file__).resolve().parents[3] / "shared"
SCRIPTS = sorted((SHARED / "eval" / "scripts").glob("*.json"))


def _score():
    sys.path.insert(0, str(SHARED / "tools"))
    try:
        from score_analysis import score
    finally:
        sys.path.remove(str(SHARED / "tools"))
    return score


def _clean(script: dict) -> tuple[Transcript, dict]:
    t, sentences = 0.5, []
    for s in script["sentences"]:
        d = max(1.2, len(s["text"].split()) / 2.6)
        sentences.append({**s, "start": t, "end": t + d})
        t += d + 0.6
    return Transcript([Segment(s["start"], s["end"], s["text"]) for s in sentences]), {
        "sentences": sentences}


@pytest.mark.skipif(not SCRIPTS, reason="the shared eval scripts are not next to the repo")
@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.stem)
def test_clean_text_accuracy(path):
    transcript, truth = _clean(json.loads(path.read_text()))
    result = _score()(truth, analyze(transcript).to_dict())
    assert result["macro_f1"] >= 0.90, result
    assert result["max_share_gap_pp"] <= 5.0, result


HOUR_SENTENCES = (
    "So I'd create a Message resource with a POST to slash v1 slash Messages.",
    "We send a webhook to their status callback URL when it's delivered.",
    "In the console there'd be a page with a table and a chart.",
    "The trade-off is freshness versus cost, um, you know.",
    "I'd measure adoption and time to first hello world.",
    "And it hands that back to them as well.")


def test_a_sixty_minute_transcript_is_analysed_quickly():
    hour = timed_hour(HOUR_SENTENCES)
    assert hour.duration > 55 * 60
    start = time.perf_counter()
    analysis = analyze(hour)
    took = time.perf_counter() - start
    assert len(analysis.segments) > 700
    assert took < 3.0, f"{took:.2f} s"
