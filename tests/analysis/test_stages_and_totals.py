"""Stages from marks or estimated, time per category and stage, platform share."""

from __future__ import annotations

import pytest

from app.analysis import analyze
from app.errors import DebriefError

from .helpers import cues

ANSWER = [
    "The prompt is to design an API for scheduled messages.",
    "Can I ask whether this is for SMS only?",
    "Our developer works at a clinic chain and sends appointment reminders.",
    "Today they run a cron job on their own servers and it breaks.",
    "I'd add a send at parameter to the Messages resource with a POST.",
    "The response returns the message SID with a status of scheduled.",
    "When it goes out we send a status callback webhook to their URL.",
    "In the console there'd be a page listing scheduled messages.",
    "Creating takes an idempotency key and we rate limit with a 429.",
    "The trade-off is a cap of 35 days versus storing state forever.",
    "I'd measure adoption and time to first scheduled message.",
    "To recap, a parameter, status callbacks and a cap.",
]


def test_marks_put_each_sentence_in_its_stage():
    t = cues(ANSWER)
    starts = [s.start for s in t.segments]
    marks = [("problem", 0.0), ("developer", starts[2] - 0.1), ("solution", starts[4] - 0.1),
             ("technical", starts[8] - 0.1), ("metrics", starts[10] - 0.1),
             ("wrapup", starts[11] - 0.1)]
    a = analyze(t, marks)
    assert not a.stages_estimated
    assert [s.stage for s in a.segments] == [
        "problem", "problem", "developer", "developer", "solution", "solution", "solution",
        "solution", "technical", "technical", "metrics", "wrapup"]
    assert [r.stage for r in a.stages] == [m[0] for m in marks]
    assert a.stages[-1].end == pytest.approx(a.duration)
    solution = a.stages[2]
    assert solution.categories["api"] > 0 and solution.categories["webhooks"] > 0
    assert solution.categories["ui"] > 0
    assert sum(solution.categories.values()) <= solution.length
    assert solution.words_per_minute > 0


def test_without_marks_stages_are_estimated_in_order():
    a = analyze(cues(ANSWER))
    assert a.stages_estimated
    order = [r.stage for r in a.stages]
    assert order[0] == "problem"
    assert "solution" in order
    assert order == sorted(order, key=["problem", "developer", "solution", "technical",
                                       "metrics", "wrapup"].index)
    assert a.segments[0].stage == "problem"
    assert a.segments[-1].stage in ("metrics", "wrapup")


def test_unknown_stage_in_marks_is_a_clear_error():
    with pytest.raises(DebriefError, match="unknown stage"):
        analyze(cues(ANSWER), [("lunch", 0.0)])


def test_category_totals_and_platform_share():
    a = analyze(cues(ANSWER))
    assert set(a.categories) == {"ui", "api", "webhooks", "tradeoffs", "other"}
    spoken = sum(s.end - s.start for s in a.segments)
    assert sum(a.categories.values()) == pytest.approx(spoken, abs=0.01)
    platform = a.categories["api"] + a.categories["webhooks"] + a.categories["tradeoffs"]
    assert a.platform_share == pytest.approx(platform / (platform + a.categories["ui"]),
                                             abs=1e-3)
    assert not a.ui_heavy


def test_a_dashboard_answer_is_ui_heavy_with_minutes_on_each_side():
    ui = ["The dashboard has a big health score gauge at the top.",
          "Below it a chart, and each provider gets a card with an icon.",
          "Clicking a card opens a side drawer with tips.",
          "There'd be a dark mode and a settings page with toggles."]
    t = cues(["So the prompt is deliverability.", *ui,
              "There's also a GET endpoint for the score."])
    marks = [("problem", 0.0), ("solution", t.segments[1].start - 0.1)]
    a = analyze(t, marks)
    assert a.ui_heavy
    assert a.solution_platform_share is not None and a.solution_platform_share < 0.5
    flag = next(f for f in a.flags if f.id == "ui-heavy")
    assert "min on screens" in flag.detail and "min on the platform" in flag.detail
    assert flag.moments and all("card" in m.quote or "dashboard" in m.quote.lower()
                                or "mode" in m.quote or "drawer" in m.quote
                                for m in flag.moments)
