"""The timed plan a rehearsal runs: stage budgets and when each interviewer probe is due.

Built from a prompt (`plan_from_prompt`) or directly in tests; nothing here knows about
prompt files.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from app.prompts.model import Prompt


@dataclass(frozen=True)
class StageBudget:
    """One stage of the plan and the seconds it may take."""

    id: str
    title: str
    seconds: float
    hint: str = ""


@dataclass(frozen=True)
class ProbeTiming:
    """An interviewer probe, due `at` seconds into its stage."""

    stage: str
    text: str
    at: float


@dataclass(frozen=True)
class Plan:
    """A rehearsal's stages and probes, with the prompt it came from."""

    stages: tuple[StageBudget, ...]
    probes: tuple[ProbeTiming, ...] = ()
    prompt_id: str = ""
    prompt_title: str = ""
    prompt_text: str = ""
    minutes: int = 0  # the full mock's length; 0 for a plan of one stage
    # What the session is (app.sessions.meta.KINDS) and, for a drill, quick drill or
    # retake, the stage it rehearses, the rubric item and the session it retakes.
    kind: str = "mock"
    scope: str = ""
    item: str = ""
    parent: str = ""

    @property
    def total_seconds(self) -> float:
        """The session length: the sum of the stage budgets."""
        return sum(s.seconds for s in self.stages)

    def budget(self, stage: str) -> float:
        """The budget of `stage` in seconds (0 for a stage not in the plan)."""
        return next((s.seconds for s in self.stages if s.id == stage), 0.0)

    def session_fields(self) -> dict[str, str]:
        """What session.json says about the session's kind (nothing for a mock)."""
        fields = {"kind": self.kind, "scope": self.scope, "item": self.item,
                  "parent": self.parent}
        return {k: v for k, v in fields.items() if v} if self.kind != "mock" else {}

    def to_json(self) -> list[dict[str, Any]]:
        """The plan as session.json stores it."""
        return [{"stage": s.id, "title": s.title, "budget": round(s.seconds, 3)}
                for s in self.stages]


def spread_probes(
    stages: tuple[StageBudget, ...], probes: list[tuple[str, str, float | None]]
) -> tuple[ProbeTiming, ...]:
    """Time probes given as (stage, text, minutes into the stage or None): those
    without an offset are spread evenly across their stage's budget."""
    budgets = {s.id: s.seconds for s in stages}
    untimed: dict[str, list[int]] = {}
    for i, (stage, _, at) in enumerate(probes):
        if at is None:
            untimed.setdefault(stage, []).append(i)
    out: list[ProbeTiming] = []
    for i, (stage, text, at) in enumerate(probes):
        if stage not in budgets:
            continue
        if at is None:
            peers = untimed[stage]
            seconds = budgets[stage] * (peers.index(i) + 1) / (len(peers) + 1)
        else:
            seconds = min(at * 60.0, budgets[stage])
        out.append(ProbeTiming(stage, text, seconds))
    order = [s.id for s in stages]
    return tuple(sorted(out, key=lambda p: (order.index(p.stage), p.at)))


def plan_from_prompt(prompt: Prompt, minutes: int | None = None) -> Plan:
    """The plan for a prompt scaled to `minutes` (45 or 60)."""
    if minutes and minutes != prompt.minutes:
        prompt = prompt.scaled(minutes)
    stages = tuple(StageBudget(s.id, s.title, float(s.minutes) * 60.0, getattr(s, "hint", ""))
                   for s in prompt.stages)
    probes = spread_probes(stages, [(p.stage, p.text, p.at) for p in prompt.probes])
    return Plan(stages, probes, prompt.id, prompt.title, prompt.text, int(prompt.minutes))


def stage_plan(plan: Plan, stage: str, seconds: float | None = None, *,
               kind: str = "drill") -> Plan:
    """One stage of `plan` on its own (a drill): its hint and its probes, in `seconds`
    (the stage's own budget by default; probe times stretch alike). KeyError when the
    plan has no such stage."""
    budget = next(s for s in plan.stages if s.id == stage)
    seconds = seconds or budget.seconds
    factor = seconds / budget.seconds if budget.seconds else 1.0
    probes = tuple(replace(p, at=min(p.at * factor, seconds))
                   for p in plan.probes if p.stage == stage)
    return replace(plan, stages=(replace(budget, seconds=float(seconds)),), probes=probes,
                   minutes=0, kind=kind, scope=stage)
