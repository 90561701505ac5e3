"""The interviewer the screen drives: follow-ups over probes, at pauses, with its turns.

The voice and the speaker are stand-ins here (the real ones have their own tests); the
clock, the levels and the transcript are the screen's, made up.
"""

from __future__ import annotations

import itertools
import threading
import time

import numpy as np

from app.audio.playback import PlaybackOutcome, PlaybackStatus
from app.interviewer.interviewer import Interviewer
from app.interviewer.scheduler import Rules
from app.interviewer.voice import Clip
from app.interviewer.voice_settings import VoiceSettings
from app.prompts.plan import Plan, ProbeTiming, StageBudget
from app.transcript import Segment

PLAN = Plan((StageBudget("solution", "Solution", 600.0), StageBudget("technical", "Tech", 600.0)),
            (ProbeTiming("technical", "How do they get status updates asynchronously?", 60.0),),
            prompt_id="messaging-scheduled-messages")
RUBRIC = ("idempotency", "webhooks")
SAID = [Segment(10.0, 20.0, "We post a status callback to their webhook when it fires.")]


class Voice:
    name = "test"

    def __init__(self) -> None:
        self.rendered: list[str] = []

    def render(self, text: str, rate: float = 1.0) -> Clip:
        self.rendered.append(text)
        return Clip(text, np.zeros(32000, dtype=np.float32), 16000)


class Playback:
    """Plays for two seconds of the test's clock."""

    def __init__(self, clock) -> None:
        self.clock, self.start = clock, clock()

    def wait(self, timeout=None) -> PlaybackOutcome:
        if self.clock() < self.start + 2.0:
            return PlaybackOutcome(PlaybackStatus.PLAYING)
        return PlaybackOutcome(PlaybackStatus.PLAYED, self.start, self.start + 2.0)

    def stop(self) -> PlaybackOutcome:
        return PlaybackOutcome(PlaybackStatus.STOPPED, self.start, self.clock())


class Session:
    """The screen: an audio clock and a rehearsal that ticks ten times a second."""

    def __init__(self, rubric=RUBRIC, player=None, **kw) -> None:
        self.now = 0.0
        self.voice = Voice()
        self.interviewer = Interviewer(
            PLAN, lambda: self.now, rubric=rubric, voice=self.voice,
            rules=Rules(min_spacing=30.0),
            player=player or (lambda samples, rate, clock, **_: Playback(clock)), **kw)

    def run(self, until: float, stage: str, stage_start: float, level: float,
            transcript=SAID) -> list[tuple[float, str]]:
        asked = []
        while self.now < until - 1e-9:
            self.now = round(self.now + 0.1, 3)
            question = self.interviewer.tick(self.now, stage, stage_start, level, transcript)
            if question is not None:
                asked.append((self.now, question.text))
        return asked


def test_the_missing_item_is_asked_at_the_first_pause_past_its_point_and_never_over_talk():
    session = Session()
    talking = session.run(905.0, "technical", 600.0, level=0.1)
    assert talking == []  # idempotency is overdue at 5:00 of technical, but they talk
    asked = session.run(910.0, "technical", 600.0, level=0.0)
    assert len(asked) == 1
    when, text = asked[0]
    assert 905.9 <= when <= 906.2  # a second of quiet, then the question
    report = session.interviewer.report()
    followup = report["asked"][0]
    assert followup["item"] == "idempotency" and followup["text"] == text
    assert followup["reason"] == "Idempotency not mentioned by 5:00 of Technical considerations"


def test_the_turns_land_on_the_clock_spaced_and_never_repeated():
    session = Session()
    session.now = 600.0  # the technical stage begins
    asked = session.run(1000.0, "technical", 600.0, level=0.0)
    assert next(t for _, t in asked) == PLAN.probes[0].text  # due at 1:00, all quiet
    turns = session.interviewer.turns
    assert [t.start for t in turns] == [when for when, _ in asked]
    assert all(t.end - t.start == 2.0 for t in turns)
    assert all(b.start - a.end >= 30.0 for a, b in itertools.pairwise(turns))
    assert len({t.text for t in turns}) == len(turns) >= 2


def test_at_start_every_question_it_may_ask_is_rendered_ahead():
    session = Session()
    session.interviewer.start().join(timeout=10)
    order = session.voice.rendered
    assert order[0] == PLAN.probes[0].text
    bank = session.interviewer.bank
    assert set(bank["idempotency"].questions) <= set(order)
    assert not set(bank["pagination"].questions) & set(order)  # not in this rubric
    # Each item's first question before any item's second.
    first = [bank[i].questions_for(PLAN.prompt_id)[0] for i in RUBRIC]
    second = [bank[i].questions_for(PLAN.prompt_id)[1] for i in RUBRIC]
    assert max(map(order.index, first)) < min(map(order.index, second))


def test_with_the_voice_off_the_question_is_still_shown_but_not_heard():
    session = Session(settings=VoiceSettings(enabled=False))
    asked = session.run(906.0, "technical", 600.0, level=0.0)
    assert next(text for _, text in asked) == PLAN.probes[0].text
    assert session.voice.rendered == []
    assert [a["heard"] for a in session.interviewer.report()["asked"]] == [False] * len(asked)
    assert session.interviewer.turns == []


def test_a_probe_with_no_pause_before_the_stage_ends_is_reported_not_asked():
    session = Session()
    session.run(1200.0, "technical", 600.0, level=0.2)
    session.run(1200.5, "technical", 600.0, level=0.2)
    not_asked = session.interviewer.report()["not_asked"]
    assert PLAN.probes[0].text in [q["text"] for q in not_asked]
    assert {q["reason"] for q in not_asked} == {"no pause before the stage ended"}


def test_its_own_question_heard_by_the_microphone_does_not_count_as_the_candidates():
    session = Session(rubric=("idempotency", "retries"))
    session.now = 600.0
    first = session.run(906.0, "technical", 600.0, level=0.0, transcript=[])
    assert "retries" in first[-1][1]  # the idempotency question says "retries" aloud
    heard = [Segment(900.1, 901.9, first[-1][1])]  # ...and the recognizer hears it
    later = session.run(1000.0, "technical", 600.0, level=0.0, transcript=heard)
    report = session.interviewer.report()["asked"]
    assert [a["item"] for a in report if a["item"]] == ["idempotency", "retries"], later


def test_a_follow_up_given_up_with_its_stage_can_still_be_asked_in_the_next():
    session = Session(rubric=("idempotency",))
    session.run(600.0, "solution", 0.0, level=0.2)  # talks through the whole solution stage
    assert [q["stage"] for q in session.interviewer.report()["not_asked"]] == ["solution"]
    asked = session.run(906.0, "technical", 600.0, level=0.0)
    followups = [a for a in session.interviewer.report()["asked"] if a["item"]]
    assert [a["stage"] for a in followups] == ["technical"], asked


def test_a_question_not_rendered_yet_is_shown_at_once_not_waited_for():
    session = Session()
    release = threading.Event()
    slow = session.voice.render

    def render(text, rate=1.0):
        release.wait(timeout=30)
        return slow(text, rate)

    session.voice.render = render
    renderer = session.interviewer.start()
    session.now = 600.0
    began = time.monotonic()
    asked = session.run(700.0, "technical", 600.0, level=0.0)
    assert time.monotonic() - began < 5.0
    assert [text for _, text in asked] == [PLAN.probes[0].text]
    assert session.interviewer.report()["asked"][0]["heard"] is False
    release.set()
    renderer.join(timeout=30)


def test_with_no_output_device_the_question_is_shown_and_the_reason_kept():
    from app.audio.playback import play

    # The real player, on a device that is not there.
    session = Session(settings=VoiceSettings(device="no such speaker"), player=play)
    session.now = 600.0
    asked = session.run(700.0, "technical", 600.0, level=0.0)
    assert [text for _, text in asked] == [PLAN.probes[0].text]
    assert session.interviewer.report()["asked"][0]["heard"] is False
    assert session.interviewer.voice_error == "no output device"
    assert session.interviewer.turns == []
