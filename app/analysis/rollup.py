"""Labelled sentences rolled up into an Analysis: totals, shares and findings.

Its own module because two paths end here: the analyzer after labelling, and the
user's corrections after relabelling. Neither then needs the other.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from app.analysis import totals
from app.analysis.findings import judge
from app.analysis.model import Analysis, Delivery, Finding, LabelledSentence, RubricResult
from app.analysis.staging import Bounds


def summarize(sentences: list[LabelledSentence], bounds: Bounds,
              budgets: Mapping[str, float] | None, rubric: list[RubricResult],
              delivery: Delivery, probe_flags: list[Finding], estimated: bool,
              duration: float, prompt_id: str | None, planned: float | None = None
              ) -> Analysis:
    """Totals, shares and findings for labelled sentences (also used after corrections)."""
    seconds = totals.category_seconds(sentences)
    stages = totals.stage_reports(sentences, bounds, budgets)
    share = totals.solution_share(stages)
    ui_heavy = totals.is_ui_heavy(stages, seconds)
    findings = judge(sentences, stages, seconds, ui_heavy, share, rubric,
                     delivery.words_per_minute, delivery.fillers_per_minute,
                     only=_one_stage_rubric(budgets, planned, rubric))
    return Analysis(
        duration=round(duration, 3), segments=sentences, categories=seconds, stages=stages,
        stages_estimated=estimated, platform_share=totals.platform_share(seconds),
        solution_platform_share=share, ui_heavy=ui_heavy, rubric=rubric,
        findings=findings + probe_flags, delivery=delivery, prompt_id=prompt_id,
        planned=planned,
    )


def _one_stage_rubric(budgets: Mapping[str, float] | None, planned: float | None,
                      rubric: Sequence[RubricResult]) -> list[str] | None:
    """For a session of one stage (a drill: its plan is that one stage), the rubric items
    it is judged on; None for a whole answer. A mock that reached one stage still has the
    whole mock's planned length, so it is not mistaken for a drill."""
    if budgets and len(budgets) == 1 and planned and \
            abs(sum(budgets.values()) - planned) < 0.5:
        return [r.id for r in rubric]
    return None
