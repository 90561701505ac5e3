"""The interviewer's spoken questions are shown, never counted as the candidate's."""

from __future__ import annotations

import json
from dataclasses import replace

from app.analysis import analyze
from app.analysis.corrections import apply_corrections
from app.analysis.model import Analysis
from app.transcript import INTERVIEWER, Transcript

from .helpers import spoken

CANDIDATE_TEXT = ("The create call takes a send at timestamp and returns the schedule id. "
                  "Then we list the schedules for the account.")
QUESTION = ("Um so how would you handle idempotency and webhooks and rate limits, "
            "you know, basically, for retries of the dashboard buttons?")


def _with_question() -> tuple[Transcript, Transcript]:
    alone = spoken(CANDIDATE_TEXT, start=0.0, rate=0.4)
    asked = spoken(QUESTION, start=12.0, rate=0.2).segments[0]
    both = Transcript([*alone.segments, replace(asked, speaker=INTERVIEWER)])
    return alone, both


def test_interviewer_lines_count_towards_nothing_the_candidate_is_judged_on():
    alone, both = _with_question()
    a, b = analyze(alone), analyze(both)
    assert [s.text for s in b.segments] == [s.text for s in a.segments]
    assert b.categories == a.categories
    assert not any("idempot" in s.text.lower() for s in b.segments)
    assert [(r.id, r.covered) for r in b.rubric] == [(r.id, r.covered) for r in a.rubric]
    assert not next(r for r in b.rubric if r.id == "idempotency").covered
    assert b.delivery.filler_counts == a.delivery.filler_counts
    assert b.delivery.words_per_minute == a.delivery.words_per_minute
    assert [line.text for line in b.interviewer] == [QUESTION]
    assert b.interviewer[0].start == 12.0 and len(b.interviewer[0].words) == len(QUESTION.split())


def test_the_same_words_said_by_the_candidate_do_count():
    alone, both = _with_question()
    said = Transcript([*alone.segments, replace(both.segments[-1], speaker="candidate")])
    c = analyze(said)
    assert next(r for r in c.rubric if r.id == "idempotency").covered
    assert c.delivery.filler_counts and not c.interviewer


def test_interviewer_lines_survive_json_and_corrections():
    b = analyze(_with_question()[1])
    data = json.loads(json.dumps(b.to_dict()))
    assert data["schema"] == "debrief.analysis/1" and data["interviewer"][0]["text"] == QUESTION
    back = Analysis.from_dict(data)
    assert [(x.text, x.start, len(x.words)) for x in back.interviewer] == [
        (x.text, round(x.start, 3), len(x.words)) for x in b.interviewer]
    del data["interviewer"]  # an analysis written before the interviewer spoke
    assert Analysis.from_dict(data).interviewer == []
    fixed = apply_corrections(b, {"segments": [{"start": b.segments[0].start,
                                                "category": "ui"}]})
    assert fixed.interviewer == b.interviewer and fixed.segments[0].category == "ui"
