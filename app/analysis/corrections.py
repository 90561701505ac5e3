"""The user's category fixes, applied on top of the machine's labels.

    {"segments": [{"start": 312.48, "category": "api"}]}

Each entry names a sentence by its start (within 50 ms). The machine's label stays
visible as `corrected_from`, the cues stay as they were, and every total, share and
finding that depends on categories is worked out again.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from app.analysis.model import Analysis
from app.analysis.rollup import summarize
from app.analysis.staging import StageSpan
from app.errors import DebriefError
from app.stages import CATEGORIES

MATCH_TOLERANCE = 0.05


def parse_corrections(corrections: Mapping[str, Any]) -> list[tuple[float, str]]:
    """(start, category) pairs from a corrections document; DebriefError when malformed."""
    entries = corrections.get("segments") if isinstance(corrections, Mapping) else None
    if not isinstance(entries, list):
        raise DebriefError('not a corrections document (expected {"segments": [...]})')
    pairs = []
    for n, entry in enumerate(entries, 1):
        start = entry.get("start") if isinstance(entry, Mapping) else None
        category = entry.get("category") if isinstance(entry, Mapping) else None
        if isinstance(start, bool) or not isinstance(start, int | float):
            raise DebriefError(f"correction {n}: start must be a number of seconds")
        if category not in CATEGORIES:
            raise DebriefError(f"correction {n}: unknown category {category!r}")
        pairs.append((float(start), category))
    return pairs


def apply_corrections(analysis: Analysis, corrections: Mapping[str, Any]) -> Analysis:
    """A new Analysis with the corrected categories and everything that follows from
    them; `analysis` itself is left untouched. Corrections matching no sentence are
    ignored (the transcript they were made on may have been re-cut)."""
    pairs = parse_corrections(corrections)
    sentences = copy.deepcopy(analysis.segments)
    for sentence in sentences:
        # Start from the machine's label so corrections can also be undone.
        if sentence.corrected_from is not None:
            sentence.category, sentence.corrected_from = sentence.corrected_from, None
        for start, category in pairs:
            if abs(sentence.start - start) <= MATCH_TOLERANCE and category != sentence.category:
                sentence.corrected_from, sentence.category = sentence.category, category
                break
    bounds = [StageSpan(r.stage, r.start, r.end) for r in analysis.stages]
    budgets = {r.stage: r.budget for r in analysis.stages}
    probes = [f for f in analysis.findings if f.id.startswith("probe-")]
    corrected = summarize(sentences, bounds, budgets, copy.deepcopy(analysis.rubric),
                          copy.deepcopy(analysis.delivery), copy.deepcopy(probes),
                          analysis.stages_estimated, analysis.duration, analysis.prompt_id,
                          analysis.planned)
    corrected.interviewer = copy.deepcopy(analysis.interviewer)
    return corrected
