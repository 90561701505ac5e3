"""A case prompt as the rest of Debrief sees it: immutable, validated, Qt-free."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

# Product areas in the order the library offers them. Prompts may name another area;
# these are the ones the bundled prompts cover and the spellings they use.
PRODUCTS: tuple[str, ...] = (
    "Messaging",
    "WhatsApp",
    "Voice",
    "Video",
    "Flex",
    "SendGrid",
    "Verify",
    "Conversations",
    "Segment",
)

KINDS: tuple[str, ...] = ("design-api", "improve-devx", "launch-feature")

KIND_TITLES: dict[str, str] = {
    "design-api": "Design an API",
    "improve-devx": "Improve the developer experience",
    "launch-feature": "Launch a feature",
}


@dataclass(frozen=True)
class StagePlan:
    """One stage of the answer: its budget and what good looks like in it."""

    id: str
    title: str
    minutes: float
    hint: str


@dataclass(frozen=True)
class Probe:
    """A follow-up the interviewer asks in a stage, due `at` minutes into it (or any time)."""

    stage: str
    text: str
    at: float | None = None


@dataclass(frozen=True)
class Problem:
    """Something wrong with a prompt file, shown to the user as `file:line: message`."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {"path": str(self.path), "line": self.line, "message": self.message}


@dataclass(frozen=True)
class Prompt:
    """A case prompt: what the candidate hears, the stage plan, and the probes."""

    id: str
    title: str
    product: str
    kind: str
    text: str
    minutes: int  # 0 for a prompt reduced to one stage (a drill)
    stages: tuple[StagePlan, ...]
    probes: tuple[Probe, ...]
    rubric: tuple[str, ...]
    source: Path

    @property
    def kind_title(self) -> str:
        """The kind in words ("Design an API")."""
        return KIND_TITLES.get(self.kind, self.kind)

    def stage(self, stage_id: str) -> StagePlan:
        """The plan for one stage; KeyError if the prompt has no such stage."""
        for plan in self.stages:
            if plan.id == stage_id:
                return plan
        raise KeyError(stage_id)

    def probes_for(self, stage_id: str) -> tuple[Probe, ...]:
        """The probes of one stage, those with a due time first, in due order."""
        mine = [p for p in self.probes if p.stage == stage_id]
        return tuple(sorted(mine, key=lambda p: (p.at is None, p.at or 0.0)))

    @property
    def planned_seconds(self) -> float:
        """The session's planned length: the chosen minutes, or for a prompt reduced to
        one stage (minutes 0, app.prompts.drills) that stage's budget."""
        return self.minutes * 60.0 if self.minutes else sum(s.minutes for s in self.stages) * 60

    def stage_seconds(self) -> dict[str, float]:
        """The budget of each stage in seconds, in stage order."""
        return {plan.id: plan.minutes * 60.0 for plan in self.stages}

    def scaled(self, minutes: int) -> Prompt:
        """The same prompt run in `minutes`: every stage and probe time stretched alike."""
        if minutes <= 0:
            raise ValueError("minutes must be more than 0")
        if minutes == self.minutes:
            return self
        factor = minutes / self.minutes
        stages = tuple(replace(s, minutes=round(s.minutes * factor, 2)) for s in self.stages)
        # Rounding can leave the sum a hair off; the last stage absorbs it.
        drift = minutes - sum(s.minutes for s in stages)
        if stages and drift:
            last = stages[-1]
            stages = (*stages[:-1], replace(last, minutes=round(last.minutes + drift, 2)))
        probes = tuple(
            replace(p, at=None if p.at is None else round(p.at * factor, 2)) for p in self.probes
        )
        return replace(self, minutes=minutes, stages=stages, probes=probes)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for `--json` output."""
        return {
            "id": self.id,
            "title": self.title,
            "product": self.product,
            "kind": self.kind,
            "minutes": self.minutes,
            "text": self.text,
            "stages": [
                {"id": s.id, "title": s.title, "minutes": s.minutes, "hint": s.hint}
                for s in self.stages
            ],
            "probes": [{"stage": p.stage, "text": p.text, "at": p.at} for p in self.probes],
            "rubric": list(self.rubric),
            "source": str(self.source),
        }
