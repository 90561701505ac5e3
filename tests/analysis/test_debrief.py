"""Rubric moments, red flags and strengths, probes and overruns against a prompt."""

from __future__ import annotations

from pathlib import Path

from app.analysis import analyze
from app.analysis.probes import AskedProbe
from app.prompts import Probe, Prompt, StagePlan

from .helpers import cues


def _prompt(probes=(), rubric=("idempotency", "rate-limits", "pagination", "webhooks"),
            minutes=(1, 1, 1, 1, 1, 1)) -> Prompt:
    ids = ("problem", "developer", "solution", "technical", "metrics", "wrapup")
    return Prompt(
        id="test-prompt", title="Scheduled messages", product="Messaging", kind="design-api",
        text="Design an API for scheduled messages.", minutes=sum(minutes),
        stages=tuple(StagePlan(i, i.title(), m, "") for i, m in zip(ids, minutes, strict=True)),
        probes=tuple(probes), rubric=tuple(rubric), source=Path("test.toml"))


def test_rubric_moments_carry_time_and_quote_and_misses_are_listed():
    t = cues(["The prompt is about scheduling.",
              "Create calls take an item potency key so retries are safe.",
              "Past the limit you get a four twenty nine."])
    a = analyze(t, prompt=_prompt())
    by_id = {r.id: r for r in a.rubric}
    assert [r.id for r in a.rubric] == ["idempotency", "rate-limits", "pagination", "webhooks"]
    assert by_id["idempotency"].covered
    moment = by_id["idempotency"].moments[0]
    assert moment.time == round(t.segments[1].start, 3)
    assert "item potency key" in moment.quote
    assert by_id["rate-limits"].covered
    assert not by_id["pagination"].covered and by_id["pagination"].moments == []
    assert by_id["idempotency"].title == "Idempotency"


def test_without_a_prompt_every_rubric_item_is_checked():
    a = analyze(cues(["We add an endpoint."]))
    assert len(a.rubric) >= 20
    assert {"idempotency", "developer-nps", "tradeoffs"} <= {r.id for r in a.rubric}


def test_flags_for_a_thin_answer_with_no_async_errors_metrics_or_tradeoffs():
    a = analyze(cues(["The prompt is about a dashboard.",
                      "It has a chart and a big button.",
                      "There's a GET endpoint for the data."]))
    ids = {f.id for f in a.flags}
    assert {"no-async-status", "no-error-handling", "no-metrics", "no-tradeoffs"} <= ids
    assert all(f.kind == "flag" for f in a.flags)


def test_strengths_come_with_evidence():
    a = analyze(cues([
        "I'd model a Message resource created with a POST, returning a SID.",
        "Status changes go to their status callback URL as signed webhooks.",
        "Bad requests get a 400 with a specific error code.",
        "One trade-off is webhooks versus polling.",
        "We could keep raw carrier data, but that leaks complexity.",
        "I'd measure API adoption and time to first hello world.",
    ]))
    strengths = {f.id: f for f in a.strengths}
    assert {"api-native", "async-status", "error-handling", "tradeoffs",
            "developer-metrics"} <= set(strengths)
    assert all(f.moments for f in strengths.values())
    assert "webhook" in strengths["async-status"].moments[0].quote


def test_stage_overrun_says_which_stage_ate_which():
    text = ["The prompt is about scheduling."] + [
        "The dashboard page has a chart and a button and a table of messages."] * 24
    t = cues(text)
    marks = [("problem", 0.0), ("solution", t.segments[1].start - 0.1)]
    a = analyze(t, marks, prompt=_prompt(minutes=(1, 1, 0.5, 1, 1, 1)))
    flag = next(f for f in a.flags if f.id == "stage-overrun:solution")
    assert "against a 0:30 budget (+" in flag.detail
    assert "Metrics" in flag.detail and "never reached" in flag.detail
    assert flag.moments[0].time > a.stages[1].start


def test_asked_probes_not_addressed_are_flagged_and_addressed_ones_are_not():
    probes = (Probe("problem", "How do you handle concurrent requests to the same message?"),
              Probe("problem", "What about idempotency when they retry?"))
    t = cues(["The prompt is scheduling.", "I'd add a POST endpoint.",
              "Retries are safe because every create takes an idempotency key."])
    asked = [AskedProbe(0.0, probes[0].text), AskedProbe(t.segments[1].end, probes[1].text)]
    a = analyze(t, prompt=_prompt(probes=probes), asked=asked)
    missed = [f for f in a.flags if f.id.startswith("probe-missed")]
    assert len(missed) == 1
    assert "concurrent requests" in missed[0].detail
    assert [f.id for f in a.strengths if f.id.startswith("probe-")] == ["probe-answered:2"]
