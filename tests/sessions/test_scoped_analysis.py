"""A session of one stage is analysed against that stage alone: a stage drill against
the prompt reduced to the stage at the drill's length, scored on the rubric items due
there; a quick drill against its one rubric item."""

from __future__ import annotations

from app.marks import StageStart, save_marks
from app.prompts import load_library
from app.prompts.drills import drill_plan, quick_plan
from app.prompts.followups import load_followups
from app.prompts.quick_drills import load_quick_drills
from app.rehearsal.session_log import SessionLog
from app.sessions.finalize import analyze_session, session_prompt
from app.sessions.folder import SessionFolder
from app.sessions.summary import summarize
from app.transcript import Segment, Transcript, save_transcript

PROMPT = "messaging-scheduled-messages"
SAID = [
    (0.0, 6.0, "The create call takes an idempotency key so a retry is safe."),
    (6.0, 14.0, "We send a status callback webhook to their server when the message goes out."),
    (14.0, 20.0, "The dashboard shows a calendar view with a button to cancel."),
]


def _session(plan, seconds: float = 20.0) -> SessionFolder:
    folder = SessionFolder.create("drill")
    log = SessionLog(folder, plan)
    log.finish(seconds, 0)
    save_marks(folder.marks_path, [StageStart(plan.stages[0].id, 0.0)])
    save_transcript(Transcript([Segment(a, b, t) for a, b, t in SAID]), folder.transcript_path)
    return folder


def test_a_stage_drill_is_scored_on_its_stage_its_length_and_the_items_due_there():
    prompt = load_library().get(PROMPT)
    folder = _session(drill_plan(prompt, "solution", 120.0))
    analysis = analyze_session(folder)
    bank = load_followups()
    due = [i for i in prompt.rubric if "solution" in bank[i].stages]
    assert 0 < len(due) < len(prompt.rubric)  # the reduction is a real one
    assert [r.id for r in analysis.rubric] == due
    assert analysis.planned == 120.0
    assert {s.stage for s in analysis.stages} == {"solution"}
    assert [s.budget for s in analysis.stages] == [120.0]
    covered = {r.id for r in analysis.rubric if r.covered}
    assert {"idempotency", "webhooks"} <= covered
    # Only the solution stage's probes are judged, at the drill's length.
    scoped = session_prompt(folder.read_meta())
    assert scoped is not None and {p.stage for p in scoped.probes} == {"solution"}
    assert all(p.at is None or p.at <= 2.0 for p in scoped.probes)

    # What a whole answer must have is not asked of one stage: no "No metrics" here.
    flags = {f.id for f in analysis.flags}
    assert "no-metrics" not in flags and "no-tradeoffs" not in flags
    assert "no-error-handling" in flags  # error handling is due in the solution stage

    row = summarize(folder.path)
    assert (row.kind, row.scope) == ("drill", "solution")
    assert row.title == f"Drill: Solution, API-first — {prompt.title}"
    assert row.rubric_total == len(due) and row.rubric_covered == len(covered)


def test_the_default_length_of_a_drill_is_its_stage_budget():
    prompt = load_library().get(PROMPT).scaled(60)
    plan = drill_plan(prompt, "technical")
    assert plan.total_seconds == prompt.stage("technical").minutes * 60
    assert plan.minutes == 0 and plan.kind == "drill" and plan.scope == "technical"


def test_a_quick_drill_is_scored_on_its_one_item():
    drill = next(d for d in load_quick_drills() if d.item == "idempotency")
    plan = quick_plan(drill)
    assert plan.probes[0].text == drill.question and plan.probes[0].at == 0.0
    folder = _session(plan)
    meta = folder.read_meta()
    assert (meta.session_kind, meta.item, meta.scope) == ("quick", "idempotency", drill.stage)
    analysis = analyze_session(folder)
    assert [(r.id, r.covered) for r in analysis.rubric] == [("idempotency", True)]
    assert analysis.planned == float(drill.seconds)
    assert analysis.platform_share is not None and 0 < analysis.platform_share < 1
    assert summarize(folder.path).title == "Quick drill: Idempotency"


def test_a_mock_still_gets_the_whole_prompt():
    from app.prompts.plan import plan_from_prompt

    prompt = load_library().get(PROMPT)
    folder = _session(plan_from_prompt(prompt, 60))
    scoped = session_prompt(folder.read_meta())
    assert scoped is not None and scoped.minutes == 60
    assert len(scoped.stages) == len(prompt.stages) and scoped.rubric == prompt.rubric
    # A mock that reached only one stage is still judged as a whole answer.
    flags = {f.id for f in analyze_session(folder).flags}
    assert {"no-metrics", "no-tradeoffs"} <= flags
