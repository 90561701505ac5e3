"""The stage clock: where the rehearsal is in its plan and how it is doing on time.

Qt-free and driven by an injectable monotonic clock (`now`), so tests step time by hand.
Time in a stage is running time: paused time counts to no stage. Stage marks are kept
on the audio timeline (`audio_time`, normally the recorder's), which also excludes
paused time, so marks stay aligned with the recording across pauses.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from typing import Any

from app.marks import Marks, StageStart
from app.prompts.plan import Plan, ProbeTiming, StageBudget
from app.timefmt import clock as format_clock  # noqa: F401  (the rehearse screens' name)

# A stage left within this many seconds was a mis-press: its mark is replaced, not kept.
MISPRESS_SECONDS = 1.0


class Light(StrEnum):
    """The traffic light of a stage."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"


class ClockState(StrEnum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


@dataclass(frozen=True)
class Event:
    """Something the user did, when (`wall`: seconds since start, pauses included;
    `audio`: seconds into the recording) and in which stage."""

    type: str
    stage: str
    wall: float
    audio: float
    note: str = ""
    # More about the event, saved beside the rest (a question asked aloud: its times).
    details: tuple[tuple[str, Any], ...] = ()

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        del d["details"]
        d["wall"], d["audio"] = round(self.wall, 3), round(self.audio, 3)
        return {**d, **dict(self.details)}


@dataclass(frozen=True)
class StageStatus:
    """One row of the stage list: budget, time spent so far, light, overrun."""

    id: str
    title: str
    budget: float
    spent: float
    light: Light
    current: bool

    @property
    def overrun(self) -> float:
        return max(0.0, self.spent - self.budget)




class StageClock:
    """Runs a plan: transitions, pauses, marks, probes, and every event with its time."""

    def __init__(
        self,
        plan: Plan,
        now: Callable[[], float] = time.monotonic,
        audio_time: Callable[[], float] | None = None,
        warn_at: float = 0.8,
        on_event: Callable[[Event], None] | None = None,
    ) -> None:
        if not plan.stages:
            raise ValueError("a plan needs at least one stage")
        self.plan = plan
        self.warn_at = warn_at
        self.on_event = on_event
        self._now = now
        self._audio_time = audio_time or self._running_time
        self.state = ClockState.READY
        self.index = 0
        self.events: list[Event] = []
        self.marks: Marks = []
        self._started = 0.0
        self._spent = {s.id: 0.0 for s in plan.stages}
        self._closed_running = 0.0  # running time before the current run
        self._run_start: float | None = None  # when the current run began
        self._entered = 0.0  # running time when the current stage was entered
        self._shown: set[int] = set()
        self._dismissed: set[int] = set()

    # --- time ------------------------------------------------------------------------

    def _running_time(self) -> float:
        live = self._now() - self._run_start if self._run_start is not None else 0.0
        return self._closed_running + live

    @property
    def elapsed(self) -> float:
        """Total running time (pauses excluded)."""
        return self._running_time()

    @property
    def wall_elapsed(self) -> float:
        """Seconds since start, pauses included."""
        return self._now() - self._started if self.state != ClockState.READY else 0.0

    @property
    def remaining(self) -> float:
        """Session length left (negative once over)."""
        return self.plan.total_seconds - self.elapsed

    @property
    def current(self) -> StageBudget:
        return self.plan.stages[self.index]

    def spent(self, stage: str | None = None) -> float:
        """Running seconds spent in `stage` (default: the current one), all visits."""
        stage = stage or self.current.id
        live = self._running_time() - self._entered if stage == self.current.id and (
            self.state in (ClockState.RUNNING, ClockState.PAUSED)) else 0.0
        return self._spent.get(stage, 0.0) + live

    def stage_remaining(self) -> float:
        """Budget left in the current stage; negative is overtime."""
        return self.current.seconds - self.spent()

    def light(self, stage: str | None = None) -> Light:
        """Green until `warn_at` of the budget, amber until the budget, red past it."""
        stage = stage or self.current.id
        budget, spent = self.plan.budget(stage), self.spent(stage)
        if spent >= budget:
            return Light.RED
        if spent >= self.warn_at * budget:
            return Light.AMBER
        return Light.GREEN

    def statuses(self) -> list[StageStatus]:
        """Every stage with its budget and where time actually went so far (a stage not
        current is green unless it went over)."""
        out = []
        for i, s in enumerate(self.plan.stages):
            current = i == self.index and self.state != ClockState.FINISHED
            light = self.light(s.id)
            if not current and light == Light.AMBER:
                light = Light.GREEN  # a stage left within its budget was on time
            out.append(StageStatus(s.id, s.title, s.seconds, self.spent(s.id), light, current))
        return out

    # --- transitions -----------------------------------------------------------------

    def _record(self, kind: str, note: str = "", audio: float | None = None,
                details: tuple[tuple[str, Any], ...] = ()) -> Event:
        audio = self._audio_time() if audio is None else audio
        event = Event(kind, self.current.id, self._now() - self._started, max(0.0, audio),
                      note, details)
        self.events.append(event)
        if self.on_event:
            self.on_event(event)
        return event

    def start(self) -> Event:
        """Start the first stage."""
        if self.state != ClockState.READY:
            raise RuntimeError("the clock has already started")
        self._started = self._now()
        self._run_start = self._started
        self.state = ClockState.RUNNING
        self.marks.append(StageStart(self.current.id, 0.0))
        return self._record("start")

    def _enter(self, index: int, kind: str) -> Event | None:
        if self.state not in (ClockState.RUNNING, ClockState.PAUSED) or index == self.index:
            return None
        if not 0 <= index < len(self.plan.stages):
            return None
        running = self._running_time()
        self._spent[self.current.id] += running - self._entered
        self._entered = running
        self.index = index
        self._mark_stage(self.current.id, self._audio_time())
        return self._record(kind)

    def _mark_stage(self, stage: str, audio: float) -> None:
        audio = max(audio, self.marks[-1][1]) if self.marks else audio
        if len(self.marks) > 1 and audio - self.marks[-1][1] < MISPRESS_SECONDS:
            audio = self.marks.pop()[1]  # the stage just left was a mis-press
        if self.marks and self.marks[-1][0] == stage:
            return
        self.marks.append(StageStart(stage, audio))

    def next_stage(self) -> Event | None:
        """Move on to the next stage (no-op in the last one)."""
        return self._enter(self.index + 1, "next")

    def previous_stage(self) -> Event | None:
        """Go back a stage, a correction (no-op in the first one)."""
        return self._enter(self.index - 1, "previous")

    def jump_to(self, stage: str) -> Event | None:
        """Go to the stage with id `stage`."""
        ids = [s.id for s in self.plan.stages]
        return self._enter(ids.index(stage), "jump") if stage in ids else None

    def pause(self) -> Event | None:
        """Stop the clock; paused time counts to no stage."""
        if self.state != ClockState.RUNNING:
            return None
        self._closed_running = self._running_time()
        self._run_start = None
        self.state = ClockState.PAUSED
        return self._record("pause")

    def resume(self) -> Event | None:
        if self.state != ClockState.PAUSED:
            return None
        self._run_start = self._now()
        self.state = ClockState.RUNNING
        return self._record("resume")

    def toggle_pause(self) -> Event | None:
        return self.resume() if self.state == ClockState.PAUSED else self.pause()

    def mark(self, note: str = "") -> Event | None:
        """Bookmark this moment, with an optional note."""
        if self.state not in (ClockState.RUNNING, ClockState.PAUSED):
            return None
        return self._record("mark", note)

    def annotate(self, mark: Event, note: str) -> Event | None:
        """Put a note on a mark already recorded: the moment is kept when the key is
        pressed, the note is typed while the user talks on. None if `mark` is unknown."""
        try:
            index = next(i for i, e in enumerate(self.events) if e is mark)
        except StopIteration:
            return None
        self.events[index] = noted = replace(mark, note=note.strip())
        if self.on_event:
            self.on_event(noted)
        return noted

    def finish(self) -> Event | None:
        """End the rehearsal; the clock stops for good."""
        if self.state not in (ClockState.RUNNING, ClockState.PAUSED):
            return None
        running = self._running_time()
        self._spent[self.current.id] += running - self._entered
        self._entered = running
        self._closed_running, self._run_start = running, None
        event = self._record("finish")
        self.state = ClockState.FINISHED
        return event

    # --- probes ----------------------------------------------------------------------

    def due_probe(self) -> ProbeTiming | None:
        """The interviewer probe due now in the current stage, if any not dismissed."""
        if self.state != ClockState.RUNNING and self.state != ClockState.PAUSED:
            return None
        spent = self.spent()
        for i, probe in enumerate(self.plan.probes):
            if probe.stage == self.current.id and i not in self._dismissed and spent >= probe.at:
                return probe
        return None

    def probe_shown(self, probe: ProbeTiming) -> None:
        """Record (once) that `probe` was put in front of the user."""
        i = self.plan.probes.index(probe)
        if i not in self._shown:
            self._shown.add(i)
            self._record("probe", probe.text)

    def question_asked(self, text: str, audio: float, **details: Any) -> Event:
        """Record a question the interviewer put (aloud or only on the card) at audio
        second `audio`; `details` say whether it was heard, when, and why."""
        return self._record("probe", text, audio, tuple(details.items()))

    def dismiss_probe(self, probe: ProbeTiming) -> None:
        """The user answered or waved the probe away; it is not due again."""
        i = self.plan.probes.index(probe)
        if i not in self._dismissed:
            self._dismissed.add(i)
            self._record("probe_dismissed", probe.text)
