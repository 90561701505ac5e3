"""The interviewer in a running rehearsal: asked questions land in session.json as
"probe" events, and Finish marks the heard ones as the interviewer's."""

from __future__ import annotations

import numpy as np

from app.analysis.probes import asked_probes
from app.analysis.turns import spoken_turns
from app.audio.playback import PlaybackOutcome, PlaybackStatus
from app.interviewer.interviewer import Interviewer
from app.interviewer.live_run import LiveInterviewer
from app.interviewer.scheduler import Rules
from app.interviewer.voice import Clip
from app.interviewer.voice_settings import VoiceSettings
from app.prompts.plan import Plan, ProbeTiming, StageBudget
from app.rehearsal.rehearsal import Rehearsal
from app.sessions.finalize import analyze_session
from app.transcript import INTERVIEWER, Segment, Transcript, Word, load_transcript
from tests.rehearsal.fakes import FakeClock, FakeRecorder

REPLY = "We return a two oh two with the schedule id."
PROBE = "How would you make retries safe with idempotency keys?"
PLAN = Plan((StageBudget("technical", "Technical considerations", 600.0),),
            (ProbeTiming("technical", PROBE, 5.0),))


class Voice:
    name = "test"

    def render(self, text: str, rate: float = 1.0) -> Clip:
        return Clip(text, np.zeros(16000, dtype=np.float32), 16000)


class Played:
    """Sounds for three seconds of the rehearsal's audio clock."""

    def __init__(self, clock) -> None:
        self.clock, self.start = clock, clock()

    def wait(self, timeout=None) -> PlaybackOutcome:
        if self.clock() < self.start + 3.0:
            return PlaybackOutcome(PlaybackStatus.PLAYING)
        return PlaybackOutcome(PlaybackStatus.PLAYED, self.start, self.start + 3.0)

    def stop(self) -> PlaybackOutcome:
        return PlaybackOutcome(PlaybackStatus.STOPPED, self.start, self.clock())


def _run(player) -> tuple[Rehearsal, LiveInterviewer, FakeClock]:
    clock = FakeClock()
    rehearsal = Rehearsal(PLAN, now=clock,
                          recorder_factory=lambda path, dev: FakeRecorder(path, dev, clock=clock))
    rehearsal.open()
    rehearsal.poll()
    audio = lambda: rehearsal.recorder.audio_time()  # noqa: E731
    interviewer = Interviewer(PLAN, audio, settings=VoiceSettings(), voice=Voice(),
                              bank={}, rules=Rules(min_spacing=5.0),
                              player=lambda *a, clock, **kw: player(clock))
    interviewer.start().join(timeout=10)
    live = LiveInterviewer(rehearsal, VoiceSettings(), interviewer=interviewer)
    for _ in range(150):  # 15 s of quiet
        clock.advance(0.1)
        live.tick(0.0)
    return rehearsal, live, clock


def test_a_heard_question_is_logged_with_its_times_and_marked_at_finish():
    rehearsal, live, _ = _run(Played)
    live.stop()
    rehearsal.finish()
    events = rehearsal.folder.read_meta().events
    probe = next(e for e in events if e["type"] == "probe")
    assert probe["note"] == PROBE and probe["spoken"] is True and probe["reason"]
    assert probe["end"] - probe["start"] == 3.0 and probe["audio"] == probe["start"] >= 5.0
    assert [p.text for p in asked_probes(events)] == [PROBE]
    [turn] = spoken_turns(events)
    # What the microphone heard: the question, then the candidate's reply.
    q = [Word(turn.start + 0.3 * i, turn.start + 0.3 * i + 0.25, " " + w)
         for i, w in enumerate(PROBE.split())]
    reply = [Word(turn.end + 1 + 0.4 * i, turn.end + 1.3 + 0.4 * i, " " + w)
             for i, w in enumerate(REPLY.split())]
    said = Transcript([Segment(q[0].start, q[-1].end, PROBE, tuple(q)),
                       Segment(reply[0].start, reply[-1].end, REPLY, tuple(reply))])
    analysis = analyze_session(rehearsal.folder, said)
    assert [line.text for line in analysis.interviewer] == [PROBE]
    assert not any("idempot" in s.text.lower() for s in analysis.segments)
    assert not next(r for r in analysis.rubric if r.id == "idempotency").covered
    saved = load_transcript(rehearsal.folder.transcript_path)
    assert [s.speaker for s in saved.segments] == [INTERVIEWER, "candidate"]


def test_with_no_output_device_the_question_is_shown_and_logged_unspoken():
    def nowhere(clock):
        class NoDevice:
            def wait(self, timeout=None):
                return PlaybackOutcome(PlaybackStatus.NO_DEVICE, message="no output device")

            def stop(self):
                return self.wait()
        return NoDevice()

    rehearsal, live, _ = _run(nowhere)
    assert live.silence_reason == "The question is shown, not spoken: no output device"
    rehearsal.finish()
    events = rehearsal.folder.read_meta().events
    probe = next(e for e in events if e["type"] == "probe")
    assert probe["spoken"] is False and probe["unspoken"] == "no output device"
    assert spoken_turns(events) == [] and [p.text for p in asked_probes(events)] == [PROBE]


def test_a_question_cut_off_by_the_speaker_failing_is_logged_as_cut_and_why():
    class CutOff:
        """Sounds for a second of the audio clock, then the device goes away."""

        def __init__(self, clock) -> None:
            self.clock, self.start = clock, clock()

        def wait(self, timeout=None) -> PlaybackOutcome:
            if self.clock() < self.start + 1.0:
                return PlaybackOutcome(PlaybackStatus.PLAYING)
            return PlaybackOutcome(PlaybackStatus.FAILED, self.start, self.start + 1.0,
                                   "the speaker stopped mid-question")

        def stop(self) -> PlaybackOutcome:
            return self.wait()

    rehearsal, live, _ = _run(CutOff)
    assert live.silence_reason == "The question was cut off: the speaker stopped mid-question"
    rehearsal.finish()
    probe = next(e for e in rehearsal.folder.read_meta().events if e["type"] == "probe")
    assert probe["spoken"] is True and probe["cut"] == "the speaker stopped mid-question"
    assert probe["end"] - probe["start"] == 1.0  # what was heard is still its turn
    [turn] = spoken_turns(rehearsal.folder.read_meta().events)
    assert (turn.start, turn.end) == (probe["start"], probe["end"])


def test_a_question_said_whole_is_not_marked_cut():
    rehearsal, live, _ = _run(Played)
    assert live.silence_reason == ""
    rehearsal.finish()
    probe = next(e for e in rehearsal.folder.read_meta().events if e["type"] == "probe")
    assert "cut" not in probe
