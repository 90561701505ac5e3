"""Accuracy on the in-repo corpus (tests/data/corpus) from clean text, each script
labelled by a model trained on all the other scripts (leave-one-script-out), with the
stage marks a rehearsal records; and the speed of a 60-minute analysis."""

from __future__ import annotations

import time

import pytest
from evaluation import heldout
from evaluation.corpus import load_script, script_paths

from app.analysis import analyze

from .helpers import timed_hour

# Targets on held-apart scripts (docs/labels.md), and a floor no single script may fall
# under.
MACRO_F1, SHARE_GAP = 0.90, 5.0
FLOOR_F1, CEILING_GAP = 0.65, 15.0


@pytest.fixture(scope="module")
def results():
    scripts = [load_script(p) for p in script_paths()]
    assert len(scripts) >= 30 and sum(len(s["sentences"]) for s in scripts) >= 800
    return heldout.leave_one_out(scripts)


def test_held_apart_scripts_meet_the_targets(results):
    overall = heldout.overall(results)
    assert overall["macro_f1"] >= MACRO_F1, overall
    assert overall["share_gap_pp"] <= SHARE_GAP, overall


def test_no_held_apart_script_falls_under_the_floor(results):
    weak = {r.id: (round(r.held_apart["macro_f1"], 3), round(r.held_apart["max_share_gap_pp"], 1))
            for r in results
            if r.held_apart["macro_f1"] < FLOOR_F1
            or r.held_apart["max_share_gap_pp"] > CEILING_GAP}
    assert not weak, weak


def test_the_learned_model_beats_the_cues_alone_on_held_apart_scripts(results):
    scripts = [load_script(p) for p in script_paths()]
    cues = heldout.overall(heldout.leave_one_out(scripts, learned=False))
    assert heldout.overall(results)["macro_f1"] > cues["macro_f1"] + 0.1, cues


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
    analyze(hour.__class__(hour.segments[:5]))  # start-up: the vocabulary and the model
    start = time.perf_counter()
    analysis = analyze(hour)
    took = time.perf_counter() - start
    assert len(analysis.segments) > 700
    # A guard against a slow path, not the figure: bench/eval_analysis.py prints that.
    assert took < 3.0, f"{took:.2f} s"
