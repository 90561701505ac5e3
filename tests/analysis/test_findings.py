"""Findings that are true: overruns by how much, probes judged only when asked and on
their reply, the planned length the user chose, and evidence that was said."""

from __future__ import annotations

from pathlib import Path

from app.analysis import analyze
from app.analysis.model import Analysis
from app.analysis.probes import AskedProbe, asked_probes
from app.prompts import Probe, Prompt, StagePlan
from app.transcript import Segment, Transcript

IDS = ("problem", "developer", "solution", "technical", "metrics", "wrapup")
RETRIES = "How do developers retry a failed scheduled send safely?"
CONCURRENT = "What happens when two requests cancel the same schedule at once?"
LATE = "How would you version the schedule resource later?"


def prompt(probes=(), minutes=(5, 5, 10, 10, 10, 5)) -> Prompt:
    return Prompt(
        id="t", title="Scheduled messages", product="Messaging", kind="design-api",
        text="Design an API for scheduled messages.", minutes=sum(minutes),
        stages=tuple(StagePlan(i, i.title(), m, "") for i, m in zip(IDS, minutes, strict=True)),
        probes=tuple(probes), rubric=("idempotency", "webhooks"), source=Path("t.toml"))


def said(*lines: tuple[float, str]) -> Transcript:
    """Segments at given starts, each four seconds long."""
    return Transcript([Segment(t, t + 4.0, text) for t, text in lines])


def _quotes_were_said(a: Analysis) -> None:
    """Every probe finding's evidence is a line of the transcript, at its time."""
    lines = {(s.start, s.text) for s in a.segments}
    for f in a.findings:
        if f.id.startswith("probe-"):
            for m in f.moments:
                assert (m.time, m.quote) in lines, (f.id, m)


# -- overruns -----------------------------------------------------------------------------

def test_every_stage_over_budget_is_flagged_by_how_much() -> None:
    # problem 5:25 on 5:00; developer 4:59 on 5:00 (on time); solution to the end.
    marks = [("problem", 0.0), ("developer", 325.0), ("solution", 624.0)]
    t = said((10.0, "The problem is scheduling texts."), (330.0, "The developer is a CRM."),
             (630.0, "A POST to schedules creates one."), (1200.0, "It returns an id."))
    a = analyze(t, marks, prompt=prompt())
    over = {f.id: f for f in a.flags if f.id.startswith("stage-overrun")}
    assert set(over) == {"stage-overrun:problem"}
    assert "(+0:25)" in over["stage-overrun:problem"].title
    assert "took 5:25 against a 5:00 budget (+0:25)" in over["stage-overrun:problem"].detail
    assert over["stage-overrun:problem"].moments[0].time == 300.0


def test_a_stage_returned_to_spends_one_budget() -> None:
    # problem 4:00, developer 3:00, problem again 1:30: 5:30 of problem in all.
    marks = [("problem", 0.0), ("developer", 240.0), ("problem", 420.0), ("solution", 510.0)]
    t = said((10.0, "Problem."), (250.0, "Developer."), (430.0, "Back to the problem."),
             (520.0, "Solution."), (700.0, "More solution."))
    a = analyze(t, marks, prompt=prompt())
    flag = next(f for f in a.flags if f.id == "stage-overrun:problem")
    assert "(+0:30)" in flag.title
    assert flag.moments[0].time == 480.0  # 4:00 in the first span, 1:00 into the second
    assert [f.id for f in a.flags].count("stage-overrun:problem") == 1


def test_planned_is_the_length_chosen_even_when_a_stage_is_missing() -> None:
    marks = [("problem", 0.0), ("solution", 300.0), ("wrapup", 2400.0)]
    t = said((10.0, "Problem."), (310.0, "Solution."), (2410.0, "Wrap up."))
    a = analyze(t, marks, prompt=prompt())
    assert sum(s.budget for s in a.stages) < 45 * 60
    assert a.planned == 45 * 60
    assert Analysis.from_dict(a.to_dict()).planned == 45 * 60
    assert analyze(t, marks, prompt=prompt().scaled(60)).planned == 60 * 60
    assert analyze(t, marks).planned is None


# -- probes -------------------------------------------------------------------------------

MARKS = [("problem", 0.0), ("developer", 300.0), ("solution", 600.0), ("technical", 1200.0),
         ("metrics", 1800.0), ("wrapup", 2400.0)]


def test_an_asked_probe_is_judged_on_its_reply_with_the_reply_as_evidence() -> None:
    t = said((1210.0, "Technical now."),
             (1330.0, "Retries reuse the idempotency key so a retry never sends twice."),
             (1500.0, "Later on, the idempotency key is kept for a day."),
             (1810.0, "Metrics."))
    probes = (Probe("technical", RETRIES, at=2.0),)
    a = analyze(t, MARKS, prompt=prompt(probes), asked=[AskedProbe(1325.0, RETRIES)])
    answered = next(f for f in a.findings if f.id == "probe-answered:1")
    assert answered.kind == "strength"
    assert [m.time for m in answered.moments] == [1330.0]  # the reply, not the later line
    assert "Asked at 22:05" in answered.detail
    _quotes_were_said(a)


def test_an_asked_probe_not_taken_up_is_flagged_with_what_followed() -> None:
    t = said((1210.0, "Technical now."), (1330.0, "The console lists every schedule."),
             (1400.0, "Two cancels at once both succeed, the second is a no-op."),
             (1810.0, "Metrics."))
    probes = (Probe("technical", CONCURRENT, at=2.0),)
    # The answer came 75 s after the probe: too late to be its reply.
    a = analyze(t, MARKS, prompt=prompt(probes), asked=[AskedProbe(1320.0, CONCURRENT)])
    missed = next(f for f in a.flags if f.id == "probe-missed:1")
    assert [m.quote for m in missed.moments] == ["The console lists every schedule."]
    assert CONCURRENT in missed.detail
    _quotes_were_said(a)
    # Asked 60 s earlier, the same answer is its reply.
    earlier = analyze(t, MARKS, prompt=prompt(probes), asked=[AskedProbe(1380.0, CONCURRENT)])
    assert {f.id for f in earlier.findings if f.id.startswith("probe-")} == {"probe-answered:1"}


def test_the_reply_ends_at_the_next_probe_and_the_next_stage() -> None:
    t = said((1210.0, "Technical now."), (1250.0, "Idempotency keys make retries safe."),
             (1790.0, "Both cancels succeed and the second is a no op."),
             (1810.0, "Two requests cancel the same schedule at once: the second waits."))
    probes = (Probe("technical", CONCURRENT, at=1.0), Probe("technical", RETRIES, at=2.0))
    asked = [AskedProbe(1240.0, CONCURRENT), AskedProbe(1245.0, RETRIES)]
    a = analyze(t, MARKS, prompt=prompt(probes), asked=asked)
    ids = {f.id for f in a.findings if f.id.startswith("probe-")}
    # The first got five seconds before the next probe; the second's reply is on point.
    assert ids == {"probe-missed:1", "probe-answered:2"}
    missed = next(f for f in a.findings if f.id == "probe-missed:1")
    assert missed.moments[0].quote == "asked here; nothing was said after it"


def test_a_probe_whose_stage_ended_before_it_came_due_is_not_reached() -> None:
    marks = [("problem", 0.0), ("developer", 300.0), ("solution", 600.0), ("technical", 1200.0),
             ("metrics", 1260.0)]
    t = said((1210.0, "Technical, briefly."), (1270.0, "Metrics."))
    probes = (Probe("technical", RETRIES, at=2.0), Probe("wrapup", LATE, at=1.0))
    a = analyze(t, marks, prompt=prompt(probes), asked=[])
    notes = {f.id: f for f in a.notes}
    assert set(notes) == {"probe-not-reached:1", "probe-not-reached:2"}
    assert "ended after 1:00, before it came due at 2:00" in notes["probe-not-reached:1"].detail
    assert "never reached" in notes["probe-not-reached:2"].detail
    assert not [f for f in a.flags if f.id.startswith("probe-")]


def test_an_import_judges_only_probes_spoken_in_it() -> None:
    t = said((1210.0, "Technical now."),
             (1300.0, "How do developers retry a failed scheduled send safely?"),
             (1306.0, "Developers retry a failed send safely with the same key."))
    probes = (Probe("technical", RETRIES, at=2.0), Probe("technical", CONCURRENT, at=4.0))
    a = analyze(t, MARKS, prompt=prompt(probes))
    by_id = {f.id: f for f in a.findings if f.id.startswith("probe-")}
    assert set(by_id) == {"probe-answered:1", "probe-not-asked:2"}
    assert by_id["probe-answered:1"].moments[0].time == 1306.0
    # An answer that echoes a probe is not the probe being asked.
    echo = said((1210.0, "Technical now."),
                (1300.0, "Developers retry a failed scheduled send safely with one key."))
    assert {f.id for f in analyze(echo, MARKS, prompt=prompt(probes)).findings
            if f.id.startswith("probe-")} == {"probe-not-asked:1", "probe-not-asked:2"}
    assert by_id["probe-not-asked:2"].kind == "note"
    _quotes_were_said(a)


def test_asked_probes_are_read_from_both_event_spellings() -> None:
    events = [{"type": "probe", "stage": "technical", "wall": 9.0, "audio": 8.5, "note": RETRIES},
              {"type": "probe", "audio_time": 2.0, "text": LATE},
              {"type": "mark", "audio": 3.0, "note": "x"}, {"type": "probe", "audio": "x"},
              "junk"]
    assert asked_probes(events) == [AskedProbe(2.0, LATE), AskedProbe(8.5, RETRIES, "technical")]
    assert asked_probes(None) == []
