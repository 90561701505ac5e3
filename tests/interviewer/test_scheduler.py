"""When the interviewer asks: at a pause, one question at a time, spaced, or not at all."""

from __future__ import annotations

from app.interviewer.scheduler import Question, Rules, Scheduler, decide, is_quiet

RULES = Rules(quiet_seconds=1.0, quiet_rms=0.01, min_spacing=30.0)
PROBE = Question("How would developers manage concurrent requests?", "technical", due=120.0)


def levels(start: float, end: float, rms: float, step: float = 0.1) -> list[tuple[float, float]]:
    """A level-meter history: `rms` every `step` seconds from `start` to `end`."""
    count = round((end - start) / step)
    return [(round(start + i * step, 3), rms) for i in range(count + 1)]


def _decide(now: float, history, pending=(PROBE,), **kw):
    args = {"stage": "technical", "stage_start": 1000.0, "stage_budget": 600.0,
            "levels": history, "rules": RULES, **kw}
    return decide(list(pending), now=now, **args)


def test_a_due_probe_waits_while_the_candidate_talks_and_comes_at_the_first_pause():
    talking = levels(1115.0, 1130.0, 0.08)
    assert _decide(1130.0, talking).ask is None
    assert _decide(1130.0, talking).waiting == "the candidate is talking"
    paused = talking + levels(1130.1, 1130.6, 0.002)
    assert _decide(1130.6, paused).ask is None  # half a second is a breath, not a pause
    paused += levels(1130.7, 1131.2, 0.002)
    assert _decide(1131.2, paused).ask == PROBE


def test_a_pause_needs_a_level_history_that_reaches_back_a_second():
    assert not is_quiet(levels(1130.0, 1130.4, 0.0), 1130.4, RULES)
    assert is_quiet(levels(1129.0, 1130.4, 0.0), 1130.4, RULES)
    assert not is_quiet([], 1130.4, RULES)


def test_nothing_is_asked_before_the_probe_is_due():
    quiet = levels(1100.0, 1110.0, 0.0)
    decision = _decide(1110.0, quiet)
    assert decision.ask is None and decision.waiting == "nothing due"


def test_a_probe_that_finds_no_pause_before_its_stage_ends_is_given_up():
    scheduler = Scheduler([PROBE], RULES)
    talking = levels(1590.0, 1600.0, 0.1)
    assert scheduler.step(1599.0, "technical", 1000.0, 600.0, talking).ask is None
    decision = scheduler.step(1600.0, "technical", 1000.0, 600.0, talking)
    assert decision.give_up == (PROBE,)
    assert scheduler.pending == []
    assert scheduler.not_asked == [(PROBE, "no pause before the stage ended")]


def test_a_probe_is_given_up_when_the_candidate_moves_to_the_next_stage():
    scheduler = Scheduler([PROBE, Question("What would you measure?", "metrics")], RULES)
    decision = scheduler.step(1300.0, "metrics", 1290.0, 300.0, levels(1280.0, 1300.0, 0.0))
    assert decision.give_up == (PROBE,)
    assert decision.ask is not None and decision.ask.stage == "metrics"


def test_never_two_questions_at_once_and_never_closer_than_the_spacing():
    second = Question("How do they get status updates asynchronously?", "technical", due=121.0)
    scheduler = Scheduler([PROBE, second], RULES)
    quiet = levels(1100.0, 1200.0, 0.0)
    assert scheduler.step(1125.0, "technical", 1000.0, 600.0, quiet).ask == PROBE
    # The first is still being asked: the second waits though it is due and all is quiet.
    decision = scheduler.step(1126.0, "technical", 1000.0, 600.0, quiet)
    assert decision.ask is None and decision.waiting == "the interviewer is speaking"
    scheduler.spoken(PROBE, 1125.2, 1128.0)
    quiet = levels(1128.0, 1200.0, 0.0)
    assert scheduler.step(1157.9, "technical", 1000.0, 600.0, quiet).ask is None
    assert scheduler.step(1158.0, "technical", 1000.0, 600.0, quiet).ask == second
    assert [a.question for a in scheduler.asked] == [PROBE]


def test_the_same_inputs_give_the_same_decision():
    history = levels(1110.0, 1130.0, 0.0)
    assert _decide(1130.0, history) == _decide(1130.0, history)
