from __future__ import annotations

import pytest

from app.prompts.plan import Plan, StageBudget, spread_probes
from app.rehearsal.stage_clock import ClockState, Light, StageClock, format_clock
from rehearsal.fakes import FakeClock, short_plan


def make(plan: Plan | None = None, **kw) -> tuple[StageClock, FakeClock]:
    clock = FakeClock()
    return StageClock(plan or short_plan(), now=clock, **kw), clock


def test_light_goes_amber_at_the_warning_point_and_red_past_the_budget():
    sc, t = make()  # problem: 30 s budget
    sc.start()
    t.advance(23.9)
    assert sc.light() == Light.GREEN
    t.advance(0.2)  # 24.1 s > 80 % of 30 s
    assert sc.light() == Light.AMBER
    t.advance(6.0)
    assert sc.light() == Light.RED
    t.advance(100 - 30.1)
    assert format_clock(-sc.stage_remaining(), signed=True) == "+1:10"
    assert sc.statuses()[0].overrun == 70.0


def test_warning_point_is_configurable():
    sc, t = make(warn_at=0.5)
    sc.start()
    t.advance(15.0)
    assert sc.light() == Light.AMBER


def test_paused_time_counts_to_no_stage_and_marks_follow_the_audio_timeline():
    sc, t = make()
    sc.start()
    t.advance(10)
    sc.pause()
    t.advance(500)  # a long break
    assert sc.spent() == 10
    sc.resume()
    t.advance(5)
    sc.next_stage()
    t.advance(3)
    assert sc.spent("problem") == 15
    assert sc.spent("developer") == 3
    assert sc.elapsed == 18
    assert sc.wall_elapsed == 518
    assert sc.marks == [("problem", 0.0), ("developer", 15.0)]
    kinds = [(e.type, e.stage, e.wall, e.audio) for e in sc.events]
    assert kinds == [("start", "problem", 0, 0), ("pause", "problem", 10, 10),
                     ("resume", "problem", 510, 10), ("next", "developer", 515, 15)]


def test_back_is_a_correction_and_a_mispress_leaves_no_stage_behind():
    sc, t = make()
    sc.start()
    t.advance(20)
    sc.next_stage()
    t.advance(0.4)
    sc.next_stage()  # pressed twice by mistake
    t.advance(0.3)
    sc.previous_stage()
    assert sc.current.id == "developer"
    assert sc.marks == [("problem", 0.0), ("developer", 20.0)]
    t.advance(10)
    sc.previous_stage()  # back to the problem for a while: a real revisit
    t.advance(5)
    sc.jump_to("solution")
    assert [m[0] for m in sc.marks] == ["problem", "developer", "problem", "solution"]
    assert [m[1] for m in sc.marks] == pytest.approx([0.0, 20.0, 30.7, 35.7])
    assert abs(sc.spent("problem") - 25) < 1e-9
    assert sc.previous_stage() is not None and sc.jump_to("nope") is None


def test_transitions_stop_at_the_ends_and_after_finish():
    sc, t = make()
    assert sc.next_stage() is None  # not started
    sc.start()
    assert sc.previous_stage() is None
    sc.jump_to("solution")
    assert sc.next_stage() is None
    t.advance(4)
    sc.mark("good point")
    sc.finish()
    assert sc.state == ClockState.FINISHED
    assert sc.next_stage() is None and sc.mark() is None and sc.pause() is None
    assert sc.events[-2].note == "good point"
    assert sc.events[-1].type == "finish" and sc.events[-1].audio == 4


def test_probe_is_due_in_its_stage_and_not_again_once_dismissed():
    sc, t = make()  # developer: 18 s, one untimed probe -> due at 9 s
    sc.start()
    t.advance(20)
    assert sc.due_probe() is None  # wrong stage
    sc.next_stage()
    t.advance(8.9)
    assert sc.due_probe() is None
    t.advance(0.2)
    probe = sc.due_probe()
    assert probe is not None and probe.text == "How do they handle retries?"
    sc.probe_shown(probe)
    sc.probe_shown(probe)
    sc.dismiss_probe(probe)
    assert sc.due_probe() is None
    assert [e.type for e in sc.events].count("probe") == 1
    assert sc.events[-1].type == "probe_dismissed"


def test_probes_spread_evenly_unless_given_an_offset():
    stages = (StageBudget("problem", "P", 300.0), StageBudget("solution", "S", 600.0))
    timed = spread_probes(stages, [("solution", "a", None), ("solution", "b", None),
                                   ("solution", "c", 1.5), ("problem", "d", None),
                                   ("metrics", "lost", None)])
    assert [(p.stage, p.text, p.at) for p in timed] == [
        ("problem", "d", 150.0), ("solution", "c", 90.0), ("solution", "a", 200.0),
        ("solution", "b", 400.0)]


def test_audio_timeline_comes_from_the_recorder_when_given():
    audio = [0.0]
    sc, t = make(audio_time=lambda: audio[0])
    sc.start()
    t.advance(10)
    audio[0] = 9.2  # the recording lags the wall clock a little
    sc.next_stage()
    assert sc.marks[-1] == ("developer", 9.2)


def test_format_clock():
    assert format_clock(0) == "0:00"
    assert format_clock(61.9) == "1:01"
    assert format_clock(3725) == "1:02:05"
    assert format_clock(100, signed=True) == "+1:40"
    assert format_clock(-5) == "-0:05"
