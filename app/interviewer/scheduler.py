"""When the interviewer asks: never over the candidate, never two at once, not too often.

`decide` is pure: the audio time, the stage, the mic level history and what is pending
come in as arguments, so the rehearsal screen drives it with its clock and level meter
and tests with made-up ones. `Scheduler` only keeps what was decided.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from app.stages import STAGE_IDS


@dataclass(frozen=True)
class Rules:
    """A pause is `quiet_seconds` of mic level (RMS) under `quiet_rms` (about -40 dBFS);
    `min_spacing` seconds separate the end of one question and the start of the next."""

    quiet_seconds: float = 1.0
    quiet_rms: float = 0.01
    min_spacing: float = 45.0


@dataclass(frozen=True)
class Question:
    """Something to ask in `stage` from `due` seconds into it; `reason` says why (a probe
    of the prompt, or why a follow-up was chosen), `item` the rubric item it is about."""

    text: str
    stage: str
    due: float = 0.0
    reason: str = "a probe of the prompt"
    item: str = ""


@dataclass(frozen=True)
class Decision:
    """What to do now: ask one question, give some up, or wait (and why)."""

    ask: Question | None = None
    give_up: tuple[Question, ...] = ()
    waiting: str = ""


def is_quiet(levels: Sequence[tuple[float, float]], now: float, rules: Rules) -> bool:
    """Whether the (time, rms) history shows `rules.quiet_seconds` of quiet up to `now`.
    A history that does not reach that far back is not a pause yet."""
    since = now - rules.quiet_seconds
    window = [rms for t, rms in levels if since <= t <= now]
    reaches_back = any(t <= since + 0.15 for t, _ in levels)
    return reaches_back and bool(window) and max(window) < rules.quiet_rms


def _stage_index(stage: str) -> int:
    return STAGE_IDS.index(stage) if stage in STAGE_IDS else len(STAGE_IDS)


def decide(pending: Sequence[Question], *, now: float, stage: str, stage_start: float,
           stage_budget: float, levels: Sequence[tuple[float, float]],
           busy: bool = False, last_end: float | None = None,
           rules: Rules = Rules()) -> Decision:
    """The decision at audio time `now`, `pending` in the order to ask them."""
    elapsed = now - stage_start
    over = elapsed >= stage_budget
    give_up = tuple(q for q in pending
                    if _stage_index(q.stage) < _stage_index(stage) or (q.stage == stage and over))
    due = [q for q in pending if q.stage == stage and not over and elapsed >= q.due]
    if busy:
        return Decision(None, give_up, "the interviewer is speaking")
    if not due:
        return Decision(None, give_up, "nothing due")
    if last_end is not None and now - last_end < rules.min_spacing:
        return Decision(None, give_up, "too soon after the last question")
    if not is_quiet(levels, now, rules):
        return Decision(None, give_up, "the candidate is talking")
    return Decision(due[0], give_up)


@dataclass(frozen=True)
class Asked:
    """A question asked from `start` to `end` on the audio timeline; `heard` is False
    when it was only shown (no voice, no output device); `cut` says why it stopped
    before its end ("" when it was said whole)."""

    question: Question
    start: float
    end: float
    heard: bool = True
    cut: str = ""


@dataclass
class Scheduler:
    """The questions still pending, asked and given up, fed by `decide` each tick."""

    pending: list[Question] = field(default_factory=list)
    rules: Rules = field(default_factory=Rules)
    asked: list[Asked] = field(default_factory=list)
    not_asked: list[tuple[Question, str]] = field(default_factory=list)
    _speaking: bool = False

    def add(self, question: Question, first: bool = False) -> None:
        """Queue a question; `first` puts it ahead of the others (a follow-up)."""
        if first:
            self.pending.insert(0, question)
        else:
            self.pending.append(question)

    def step(self, now: float, stage: str, stage_start: float, stage_budget: float,
             levels: Sequence[tuple[float, float]]) -> Decision:
        """Decide at `now`; a question returned is being asked until `spoken` is called."""
        ends = [a.end for a in self.asked]
        decision = decide(self.pending, now=now, stage=stage, stage_start=stage_start,
                          stage_budget=stage_budget, levels=levels, busy=self._speaking,
                          last_end=max(ends) if ends else None, rules=self.rules)
        for question in decision.give_up:
            self.pending.remove(question)
            self.not_asked.append((question, "no pause before the stage ended"))
        if decision.ask is not None:
            self.pending.remove(decision.ask)
            self._speaking = True
        return decision

    def spoken(self, question: Question, start: float, end: float, heard: bool = True,
               cut: str = "") -> None:
        """The question was asked from `start` to `end` (cut short for the reason `cut`);
        the next may follow after it."""
        self.asked.append(Asked(question, start, max(start, end), heard, cut))
        self._speaking = False
