"""The analysis pipeline: transcript -> sentences -> labels -> stages -> the debrief."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from app.analysis import totals
from app.analysis.classifier import classify
from app.analysis.delivery import measure_delivery
from app.analysis.findings import judge
from app.analysis.model import Analysis, AnalyzedSegment, Delivery, Finding, RubricResult
from app.analysis.probes import probe_findings
from app.analysis.rubric import cover_rubric
from app.analysis.segmenter import split_transcript
from app.analysis.staging import Bounds, bounds_from_marks, estimate_bounds, stage_at
from app.analysis.vocabulary import load_vocabulary
from app.errors import DebriefError
from app.stages import STAGE_IDS
from app.transcript import Transcript


def analyze(transcript: Transcript, marks: Sequence[tuple[str, float]] | None = None,
            prompt: Any | None = None, corrections: Mapping[str, Any] | None = None
            ) -> Analysis:
    """Where the time went, and what a platform hiring committee would say about it.

    `marks` are (stage, start second) pairs from the stage clock; without them stage
    bounds are estimated from content. `prompt` (app.prompts.Prompt) supplies stage
    budgets, probes and the rubric items to check (all items when None). `corrections`
    is a corrections document ({"segments": [{"start", "category"}]}) applied on top.
    """
    vocabulary = load_vocabulary()
    pieces = split_transcript(transcript)
    if not pieces:
        raise DebriefError("the transcript has no text")
    duration = max(transcript.duration, pieces[-1].end)
    budgets = prompt.stage_seconds() if prompt is not None else None
    if marks:
        for stage, _ in marks:
            if stage not in STAGE_IDS:
                raise DebriefError(f"unknown stage {stage!r} in the marks")
        bounds = bounds_from_marks(marks, duration)
    # The marked stage of each sentence is evidence for its label (docs/labels.md).
    labels = classify([(p.start, p.end, p.text, p.group) for p in pieces], vocabulary,
                      stages=[stage_at(bounds, (p.start + p.end) / 2) for p in pieces]
                      if marks else None)
    if not marks:
        bounds = estimate_bounds([(p.start, p.end, p.text, lab.category)
                                  for p, lab in zip(pieces, labels, strict=True)],
                                 vocabulary, duration, budgets)
    segments = [
        AnalyzedSegment(p.start, p.end, p.text, stage_at(bounds, (p.start + p.end) / 2),
                        lab.category, lab.cues, p.words)
        for p, lab in zip(pieces, labels, strict=True)
    ]
    rubric = cover_rubric(segments, list(prompt.rubric) if prompt is not None else None)
    probes = probe_findings(prompt.probes, segments) if prompt is not None else []
    analysis = summarize(
        segments, bounds, budgets, rubric, measure_delivery(transcript, segments),
        probes, estimated=not marks, duration=duration,
        prompt_id=prompt.id if prompt is not None else None,
    )
    if corrections:
        from app.analysis.corrections import apply_corrections

        analysis = apply_corrections(analysis, corrections)
    return analysis


def summarize(segments: list[AnalyzedSegment], bounds: Bounds,
              budgets: Mapping[str, float] | None, rubric: list[RubricResult],
              delivery: Delivery, probe_flags: list[Finding], estimated: bool,
              duration: float, prompt_id: str | None) -> Analysis:
    """Totals, shares and findings for labelled segments (also used after corrections)."""
    seconds = totals.category_seconds(segments)
    stages = totals.stage_reports(segments, bounds, budgets)
    share = totals.solution_share(stages)
    ui_heavy = totals.is_ui_heavy(stages, seconds)
    findings = judge(segments, stages, seconds, ui_heavy, share, rubric,
                     delivery.words_per_minute, delivery.fillers_per_minute)
    return Analysis(
        duration=round(duration, 3), segments=segments, categories=seconds, stages=stages,
        stages_estimated=estimated, platform_share=totals.platform_share(seconds),
        solution_platform_share=share, ui_heavy=ui_heavy, rubric=rubric,
        findings=findings + probe_flags, delivery=delivery, prompt_id=prompt_id,
    )
