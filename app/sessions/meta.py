"""session.json as one typed record: what a session says about itself.

The file is written by the rehearsal, the importer and renames, and read by the list,
the review, recovery and the analysis. `SessionMeta.from_json` is the one place that
checks its fields: a field of the wrong type reads as absent, so a damaged file still
lists, and it is kept as written in `other` with every key no reader needs typed (the
plan, device, overflows, app version...), so a rewrite loses nothing but events that
are not objects.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from app.stages import STAGE_TITLES

SESSION_SCHEMA = "debrief.session/1"

# What a session is. Sessions written before kinds existed have no "kind": an import
# says so by its state, and everything else was a full mock.
MOCK, DRILL, QUICK, RETAKE, IMPORT = "mock", "drill", "quick", "retake", "import"
KINDS = (MOCK, DRILL, QUICK, RETAKE, IMPORT)
KIND_LABELS = {MOCK: "Mock", DRILL: "Drill", QUICK: "Quick drill", RETAKE: "Retake",
               IMPORT: "Import"}

_NUMBERS = ("minutes", "duration")  # every other typed field but the events is text


def _valid(key: str, value: Any) -> bool:
    if key in _NUMBERS:
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, str)


@dataclass(frozen=True)
class SessionMeta:
    """session.json; None where the file has no such field (or one of the wrong type)."""

    state: str | None = None  # recording, paused, finished, recovered, imported
    prompt_id: str | None = None
    prompt_title: str | None = None
    title: str | None = None  # the user's name for the session
    product: str | None = None
    started_at: str | None = None  # ISO 8601, local time with offset
    notes: str | None = None
    error: str | None = None  # why the recording stopped early
    minutes: float | None = None  # the length chosen at the start
    duration: float | None = None  # seconds of audio recorded
    events: list[dict[str, Any]] | None = None  # the stage clock's events (objects only)
    kind: str | None = None  # one of KINDS; see `session_kind`
    scope: str | None = None  # the one stage a drill or retake rehearses
    item: str | None = None  # the rubric item a quick drill or retake is about
    parent: str | None = None  # the session a retake belongs to (its folder id)
    other: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SessionMeta:
        """The record for a session.json document (its "schema" key is dropped)."""
        typed: dict[str, Any] = {}
        other: dict[str, Any] = {}
        for key, value in data.items():
            if key == "schema":
                continue
            if key == "events":
                if isinstance(value, list):
                    typed[key] = [e for e in value if isinstance(e, dict)]  # the rest: noise
                else:
                    other[key] = value
            elif key in _FIELDS and _valid(key, value):
                typed[key] = value
            else:
                other[key] = value
        return cls(**typed, other=other)

    def to_json(self) -> dict[str, Any]:
        """The document to write (without "schema", which the writer adds)."""
        out = dict(self.other)
        for name in _FIELDS:
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out

    @property
    def session_kind(self) -> str:
        """The kind, for old sessions too (an import by its state, else a mock)."""
        if self.kind in KINDS:
            return self.kind
        return IMPORT if self.state == "imported" else MOCK

    @property
    def default_title(self) -> str:
        """What the session is called until the user names it: the prompt's title, with
        the stage for a drill ("Drill: Metrics — <prompt>"); "" when nothing says."""
        prompt = self.prompt_title or self.prompt_id or ""
        if self.session_kind == DRILL and self.scope:
            stage = STAGE_TITLES.get(self.scope, self.scope)
            return f"Drill: {stage} — {prompt}" if prompt else f"Drill: {stage}"
        return prompt

    def budget(self, stage: str) -> float | None:
        """The seconds the plan in session.json gave `stage` (None when it gives none)."""
        plan = self.other.get("plan")
        for entry in plan if isinstance(plan, list) else []:
            if isinstance(entry, dict) and entry.get("stage") == stage:
                value = entry.get("budget")
                if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
                    return float(value)
        return None

    def updated(self, **changes: Any) -> SessionMeta:
        """A copy with fields changed, typed or not (device=..., overflows=...)."""
        return SessionMeta.from_json({**self.to_json(), **changes})


_FIELDS = tuple(f.name for f in fields(SessionMeta) if f.name != "other")
