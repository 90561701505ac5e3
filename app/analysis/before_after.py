"""A retake against the session it retakes: for the finding it answers, was it covered
then and now, with what words, how long it took, and where the time went.

"Then" is the parent's stage the take was about; "now" is the whole take. What counts
as covered depends on what was retaken: a rubric item is covered when its cues are said;
a probe when the answer takes it up; a UI-heavy solution when the platform share reaches
an API-native answer's; an overrun when the take stays within its budget.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.analysis.findings import API_NATIVE_SHARE, EVIDENCE
from app.analysis.model import Analysis, LabelledSentence, Moment
from app.analysis.probes import takes_up
from app.analysis.rubric_coverage import cover_rubric, quote
from app.analysis.totals import category_seconds, platform_share
from app.stages import CATEGORIES

# What a retake answers: a rubric item, a probe, a UI-heavy solution, an overrun.
ITEM, PROBE, UI_HEAVY, OVERRUN = "item", "probe", "ui-heavy", "overrun"


@dataclass
class Side:
    """One side of the comparison."""

    covered: bool
    words: list[Moment]  # the sentences that show it (or, when missed, what was said)
    seconds: float  # how long the stage (then) or the take (now) took
    shares: dict[str, float]  # category -> share of the spoken time, 0..1


@dataclass
class Retake:
    """One take of a session, with what it retook and, once analysed, how it went."""

    id: str  # the take's session folder
    started_at: str
    what: str  # ITEM, PROBE, UI_HEAVY or OVERRUN
    key: str  # the rubric item or finding id it answers
    title: str  # the finding's title in the review ("Idempotency — missed")
    stage: str
    item: str
    question: str
    budget: float  # the take's seconds
    state: str = ""  # its session.json state: "recovered" after a crash
    before: Side | None = None
    after: Side | None = None  # None until the take is transcribed and analysed

    @property
    def fixed(self) -> bool | None:
        return None if self.after is None else self.after.covered

    def to_dict(self) -> dict[str, Any]:
        def side(s: Side | None) -> dict[str, Any] | None:
            if s is None:
                return None
            return {"covered": s.covered, "seconds": round(s.seconds, 1),
                    "shares": {c: round(v, 3) for c, v in s.shares.items()},
                    "words": [{"time": m.time, "quote": m.quote} for m in s.words]}

        return {"id": self.id, "date": self.started_at, "retook": self.what,
                "finding": self.key, "title": self.title, "stage": self.stage,
                "item": self.item or None, "question": self.question,
                "budget": self.budget, "state": self.state, "fixed": self.fixed,
                "before": side(self.before), "after": side(self.after)}


def shares(sentences: Sequence[LabelledSentence]) -> dict[str, float]:
    """Each category's share of the spoken time (all zero when nothing was said)."""
    seconds = category_seconds(sentences)
    total = sum(seconds.values())
    return {c: (seconds.get(c, 0.0) / total if total else 0.0) for c in CATEGORIES}


def _moments(sentences: Sequence[LabelledSentence]) -> list[Moment]:
    return [Moment(round(s.start, 3), quote(s.text)) for s in sentences[:EVIDENCE]]


def before(parent: Analysis, retake: Retake) -> Side:
    """The parent's side: its stage `retake.stage`, judged as the finding was."""
    spans = [r for r in parent.stages if r.stage == retake.stage]
    scope = [s for s in parent.segments if s.stage == retake.stage]
    seconds = sum(r.length for r in spans)
    finding = next((f for f in parent.findings if f.id == retake.key), None)
    if retake.item and retake.what == ITEM:
        result = next((r for r in parent.rubric if r.id == retake.item), None)
        covered = result is not None and result.covered
        words = result.moments[:EVIDENCE] if result is not None else []
    else:
        covered = finding is not None and finding.kind == "strength"
        if retake.what == UI_HEAVY:
            covered = not parent.ui_heavy
        words = finding.moments[:EVIDENCE] if finding is not None else []
    return Side(covered, words, seconds, shares(scope))


def after(take: Analysis, retake: Retake) -> Side:
    """The take's side, judged on what was retaken."""
    said = take.segments
    covered, shown = False, list(said)
    if retake.what == ITEM and retake.item:
        result = cover_rubric(said, [retake.item])[0]
        covered = result.covered
        return Side(covered, result.moments[:EVIDENCE] or _moments(said), take.duration,
                    shares(said))
    if retake.what == PROBE:
        answer = takes_up(retake.question, said)
        covered, shown = bool(answer), answer or list(said)
    elif retake.what == UI_HEAVY:
        share = platform_share(category_seconds(said))
        covered = share is not None and share >= API_NATIVE_SHARE
        shown = [s for s in said if s.category in ("api", "webhooks")] or list(said)
    elif retake.what == OVERRUN:
        spoken = said[-1].end if said else 0.0
        covered = bool(said) and spoken <= retake.budget
    return Side(covered, _moments(shown), take.duration, shares(said))
