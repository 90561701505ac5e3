"""Time per category, overall and per stage, and the platform share that follows.

Shared by the analyzer and by corrections, which re-total after the user relabels.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from app.analysis.delivery import word_count
from app.analysis.model import LabelledSentence, StageReport
from app.analysis.staging import Bounds
from app.stages import CATEGORIES, PLATFORM_CATEGORIES


def category_seconds(sentences: Sequence[LabelledSentence]) -> dict[str, float]:
    """Spoken seconds per category (every category present). Where sentences overlap
    (imported subtitles often do) each second counts once, for the sentence that began
    first, so the totals never exceed the time spoken."""
    totals = dict.fromkeys(CATEGORIES, 0.0)
    counted_until = float("-inf")
    for sentence in sorted(sentences, key=lambda s: s.start):
        spoken = max(0.0, sentence.end - max(sentence.start, counted_until))
        totals[sentence.category] = totals.get(sentence.category, 0.0) + spoken
        counted_until = max(counted_until, sentence.end)
    return {c: round(v, 3) for c, v in totals.items()}


def platform_share(totals: Mapping[str, float]) -> float | None:
    """(api + webhooks + tradeoffs) / (those + ui); None when none of them was said."""
    platform = sum(totals.get(c, 0.0) for c in PLATFORM_CATEGORIES)
    whole = platform + totals.get("ui", 0.0)
    return round(platform / whole, 4) if whole > 0 else None


def platform_seconds(totals: Mapping[str, float]) -> float:
    return sum(totals.get(c, 0.0) for c in PLATFORM_CATEGORIES)


def stage_reports(sentences: Sequence[LabelledSentence], bounds: Bounds,
                  budgets: Mapping[str, float] | None = None) -> list[StageReport]:
    """One report per stage span: its length, budget, category seconds and pace."""
    reports = []
    last = len(bounds) - 1
    for n, (stage, start, end) in enumerate(bounds):
        # By time, not by stage id: a stage returned to later is a span of its own.
        mine = [s for s in sentences
                if (n == 0 or (s.start + s.end) / 2 >= start)
                and (n == last or (s.start + s.end) / 2 < end)]
        minutes = (end - start) / 60.0
        words = sum(word_count(s.text) for s in mine)
        reports.append(StageReport(
            stage=stage, start=round(start, 3), end=round(end, 3),
            budget=float((budgets or {}).get(stage, 0.0)),
            categories=category_seconds(mine),
            words_per_minute=round(words / minutes, 1) if minutes > 0 else 0.0,
        ))
    return reports


def solution_share(reports: Sequence[StageReport]) -> float | None:
    """Platform share in the solution stage (None when there is no solution stage)."""
    for report in reports:
        if report.stage == "solution":
            return platform_share(report.categories)
    return None


def is_ui_heavy(reports: Sequence[StageReport], totals: Mapping[str, float]) -> bool:
    """UI outweighs the platform in the solution stage (overall, when there is none)."""
    where = next((r.categories for r in reports if r.stage == "solution"), totals)
    return where.get("ui", 0.0) > platform_seconds(where)
