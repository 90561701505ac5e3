"""The interviewer the rehearsal screen drives: one call per tick of its clock.

It joins the parts: the prompt's probes and the adaptive follow-ups (chooser.py) feed
the scheduler (scheduler.py), questions are rendered ahead (render_cache.py) and played
(app.audio.playback). The screen passes the audio time, the stage, the mic level and the
live transcript; it gets back the question to show as a card, whether or not it is heard.
Its clock must be the one `now` is read on (the session's audio clock), so the times of
the interviewer's turns land on the audio timeline.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Sequence
from typing import Any

from app.analysis.turns import Turn, mark_turns
from app.audio.playback import Playback, PlaybackStatus, play
from app.errors import DebriefError
from app.interviewer.chooser import Coverage, choose_followup
from app.interviewer.render_cache import RenderCache
from app.interviewer.scheduler import Asked, Question, Rules, Scheduler
from app.interviewer.voice import Voice, open_voice
from app.interviewer.voice_settings import VoiceSettings
from app.prompts.followups import FollowupItem, load_followups
from app.prompts.plan import Plan
from app.transcript import Segment

LEVEL_HISTORY = 10.0  # seconds of mic level kept; the quiet rule needs one
STOPPED = "stopped by Pause or Finish"


class Interviewer:
    """Asks the prompt's probes and follow-ups aloud, at pauses, one at a time."""

    def __init__(self, plan: Plan, clock: Callable[[], float], *, rubric: Sequence[str] = (),
                 settings: VoiceSettings | None = None, voice: Voice | None = None,
                 bank: dict[str, FollowupItem] | None = None, rules: Rules | None = None,
                 player: Callable[..., Playback] = play) -> None:
        settings = settings or VoiceSettings()
        self.plan, self.clock, self.rubric, self.settings = plan, clock, tuple(rubric), settings
        self.bank = load_followups() if bank is None else bank
        self.scheduler = Scheduler([Question(p.text, p.stage, p.at) for p in plan.probes],
                                   rules or Rules())
        self._player = player
        self._levels: deque[tuple[float, float]] = deque()
        self._playing: tuple[Question, Playback] | None = None
        self._coverage = Coverage(self.rubric)
        # What the candidate has covered, for the transcript (and the turns) last seen:
        # the screen ticks ten times a second, the transcript changes every few seconds.
        self._covered: set[str] = set()
        self._covered_for: tuple[Sequence[Segment], int, int] | None = None
        self.voice_error = ""
        self.cache: RenderCache | None = None
        if settings.enabled:
            try:
                self.cache = RenderCache(voice or open_voice(settings.voice), settings.rate)
            except DebriefError as exc:  # no voice: the cards still show
                self.voice_error = str(exc)

    def start(self) -> threading.Thread | None:
        """Render every question this rehearsal may ask, in the background: the probes,
        then each item's first follow-up, then the rest (the neural voice takes a couple
        of seconds a question on a busy laptop)."""
        if self.cache is None:
            return None
        banks = [self.bank[i].questions_for(self.plan.prompt_id)
                 for i in self.rubric if i in self.bank]
        followups: list[str] = []
        for rank in range(max(map(len, banks), default=0)):
            followups += [questions[rank] for questions in banks if rank < len(questions)]
        return self.cache.start([*(q.text for q in self.scheduler.pending), *followups])

    def tick(self, now: float, stage: str, stage_start: float, level: float,
             transcript: Sequence[Segment] = ()) -> Question | None:
        """One step at audio time `now` in `stage` (begun at `stage_start`), with the mic
        meter's `level` (RMS, linear 0..1) and the live transcript so far: the question
        that starts now (show its card), or None."""
        self._levels.append((now, level))
        while self._levels and self._levels[0][0] < now - LEVEL_HISTORY:
            self._levels.popleft()
        self._collect()
        budget = self.plan.budget(stage)
        self._add_followup(now - stage_start, stage, budget, transcript)
        decision = self.scheduler.step(now, stage, stage_start, budget, list(self._levels))
        if decision.ask is not None:
            self._say(decision.ask, now)
        return decision.ask

    def _add_followup(self, elapsed: float, stage: str, budget: float,
                      transcript: Sequence[Segment]) -> None:
        if any(q.item for q in self.scheduler.pending):
            return  # one follow-up waits at a time; the transcript may yet cover others
        seen = self._covered_for
        if (seen is None or seen[0] is not transcript or seen[1] != len(transcript)
                or seen[2] != len(self.scheduler.asked)):
            # The microphone hears the questions too: not the candidate's words.
            self._covered = self._coverage.covered(mark_turns(transcript, self.turns))
            self._covered_for = (transcript, len(transcript), len(self.scheduler.asked))
        covered = self._covered
        # Asked or being asked is never chosen again; one given up with its stage may be.
        taken = [a.question for a in self.scheduler.asked]
        if self._playing is not None:
            taken.append(self._playing[0])
        followup = choose_followup(transcript, stage=stage, elapsed=elapsed, budget=budget,
                                   rubric=self.rubric, bank=self.bank,
                                   asked={q.text for q in taken},
                                   asked_items={q.item for q in taken if q.item},
                                   prompt_id=self.plan.prompt_id, covered=covered)
        if followup is not None:
            self.scheduler.add(Question(followup.text, stage, elapsed, followup.reason,
                                        followup.item), first=True)

    def _say(self, question: Question, now: float) -> None:
        # A question still waiting for the background renderer is only shown: rendering
        # it here would hold up the screen for a second or two.
        if self.cache is None or (self.cache.busy and not self.cache.ready(question.text)):
            self.scheduler.spoken(question, now, now, heard=False)
            return
        try:
            clip = self.cache.get(question.text)
        except DebriefError as exc:
            self.voice_error = str(exc)
            self.scheduler.spoken(question, now, now, heard=False)
            return
        playback = self._player(clip.samples, clip.rate, device=self.settings.device,
                                volume=self.settings.volume, clock=self.clock)
        self._playing = (question, playback)
        self._collect()

    def _collect(self) -> None:
        """Hand a finished playback's times to the scheduler."""
        if self._playing is None:
            return
        question, playback = self._playing
        outcome = playback.wait(0)
        if outcome.status is PlaybackStatus.PLAYING:
            return
        self._playing = None
        if outcome.start is None or outcome.end is None:  # no output device, or it failed
            self.voice_error = outcome.message
            now = self.clock()
            self.scheduler.spoken(question, now, now, heard=False)
        elif outcome.status is PlaybackStatus.PLAYED:
            self.voice_error = ""  # the speaker works (again)
            self.scheduler.spoken(question, outcome.start, outcome.end)
        else:  # heard until it was cut: by Pause or Finish, or the device failing
            cut = outcome.message or STOPPED
            self.scheduler.spoken(question, outcome.start, outcome.end, cut=cut)

    @property
    def speaking(self) -> bool:
        """Whether a question is playing now."""
        return self._playing is not None

    def stop(self) -> None:
        """Cut a question that is playing (Stop, Pause): its turn ends now."""
        if self._playing is not None:
            self._playing[1].stop()
            self._collect()

    @property
    def turns(self) -> list[Turn]:
        """The interviewer's turns heard so far, for the transcript and the timeline."""
        return [Turn(a.start, a.end, a.question.text) for a in self.scheduler.asked
                if a.heard and a.end > a.start]

    def report(self) -> dict[str, Any]:
        """What was asked and why, and what was not: for session.json and the review."""
        def asked(a: Asked) -> dict[str, Any]:
            return {"text": a.question.text, "stage": a.question.stage,
                    "reason": a.question.reason, "item": a.question.item,
                    "start": a.start, "end": a.end, "heard": a.heard, "cut": a.cut}

        return {"asked": [asked(a) for a in self.scheduler.asked],
                "not_asked": [{"text": q.text, "stage": q.stage, "item": q.item, "reason": why}
                              for q, why in self.scheduler.not_asked]}
