"""A whole rehearsal on the fake clock, then its analysis: the probes judged are the
ones the stage clock showed, each on what followed it; a probe whose stage ended before
it came due is "not reached"; every stage over budget is flagged by how much."""

from __future__ import annotations

from app.analysis.probes import asked_probes
from app.paths import user_prompts_dir
from app.prompts import load_library
from app.prompts.plan import plan_from_prompt
from app.rehearsal.rehearsal import Rehearsal
from app.sessions.finalize import analyze_session
from app.sessions.folder import SessionFolder
from app.transcript import Segment, Transcript

from .fakes import FakeClock, FakeRecorder

SOLUTION_PROBE = "Which status codes does the create call return?"
RETRY_PROBE = "How do developers retry a failed scheduled send safely?"
LATE_PROBE = "What happens when two requests cancel the same schedule at once?"
PROMPT = f'''
id = "findings-rehearsal"
title = "Scheduled messages"
product = "Messaging"
kind = "design-api"
minutes = 45
rubric = ["idempotency", "webhooks"]
text = "Design an API that lets developers schedule an SMS to go out later."
{"".join(f"""
[[stage]]
id = "{s}"
title = "{s.title()}"
minutes = {m}
hint = "Say what good looks like."
""" for s, m in (("problem", 5), ("developer", 5), ("solution", 10), ("technical", 10),
                 ("metrics", 10), ("wrapup", 5)))}
[[probe]]
stage = "solution"
at = 3
text = "{SOLUTION_PROBE}"

[[probe]]
stage = "technical"
at = 2
text = "{RETRY_PROBE}"

[[probe]]
stage = "technical"
at = 8
text = "{LATE_PROBE}"
'''
# Seconds spent in each stage: problem runs 25 s over, technical ends at 4:00, before
# its second probe is due at 8:00.
SPENT = {"problem": 325, "developer": 240, "solution": 570, "technical": 240,
         "metrics": 600, "wrapup": 300}


def _rehearse() -> tuple[SessionFolder, dict[str, float]]:
    """Run the rehearsal as the screen does (show each probe when it is due); return
    the folder and the audio second at which each probe was shown."""
    user_prompts_dir().mkdir(parents=True, exist_ok=True)
    (user_prompts_dir() / "findings-rehearsal.toml").write_text(PROMPT)
    prompt = load_library().get("findings-rehearsal")
    clock = FakeClock()
    rehearsal = Rehearsal(plan_from_prompt(prompt, 45), now=clock,
                          recorder_factory=lambda _path, dev: FakeRecorder(None, dev, clock=clock))
    rehearsal.open()
    rehearsal.poll()
    shown: dict[str, float] = {}
    for n, stage in enumerate(SPENT):
        if n:
            rehearsal.next_stage()
        for _ in range(SPENT[stage]):
            clock.advance(1.0)
            due = rehearsal.clock.due_probe()
            if due is not None and due.text not in shown:
                rehearsal.clock.probe_shown(due)
                shown[due.text] = rehearsal.recorder.audio_time()
    return SessionFolder(rehearsal.finish()), shown


def _transcript(shown: dict[str, float]) -> Transcript:
    solution, retry = shown[SOLUTION_PROBE], shown[RETRY_PROBE]
    lines = [(10.0, "The problem is texts that must go out at a set time."),
             (330.0, "The developer runs a CRM that sends reminders."),
             (600.0, "A POST to the schedules endpoint creates one."),
             (solution + 4.0, "The console gets a page with a cancel button for each send."),
             (retry + 5.0, "Developers retry a failed send safely with the same "
                           "idempotency key."),
             (1700.0, "I'd watch how many accounts schedule in their first week."),
             (2100.0, "Webhooks over polling, because they save thousands of calls.")]
    return Transcript([Segment(t, t + 4.0, text) for t, text in lines])


def test_probes_are_judged_only_when_shown_and_on_what_followed() -> None:
    folder, shown = _rehearse()
    assert set(shown) == {SOLUTION_PROBE, RETRY_PROBE}  # the late one never came due
    recorded = asked_probes(folder.read_meta().events)
    assert [(p.text, p.time) for p in recorded] == sorted(
        shown.items(), key=lambda kv: kv[1])
    analysis = analyze_session(folder, _transcript(shown))
    probes = {f.id: f for f in analysis.findings if f.id.startswith("probe-")}
    assert set(probes) == {"probe-missed:1", "probe-answered:2", "probe-not-reached:3"}
    # Each judged probe's evidence is its reply.
    assert [m.time for m in probes["probe-missed:1"].moments] == [shown[SOLUTION_PROBE] + 4.0]
    assert [m.time for m in probes["probe-answered:2"].moments] == [shown[RETRY_PROBE] + 5.0]
    late = probes["probe-not-reached:3"]
    assert late.kind == "note" and late not in analysis.flags
    assert "ended after 4:00, before it came due at 8:00" in late.detail


def test_every_overrun_is_flagged_by_how_much_and_planned_is_the_chosen_length() -> None:
    folder, shown = _rehearse()
    analysis = analyze_session(folder, _transcript(shown))
    overruns = [f for f in analysis.flags if f.id.startswith("stage-overrun")]
    assert [f.id for f in overruns] == ["stage-overrun:problem"]
    assert "took 5:25 against a 5:00 budget (+0:25)" in overruns[0].detail
    assert overruns[0].moments[0].time == 300.0
    assert analysis.planned == 45 * 60
