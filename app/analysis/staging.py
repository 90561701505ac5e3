"""Which stage each sentence belongs to: from the stage clock's marks when there are
any, otherwise estimated from what was said (and flagged as estimated).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from app.analysis.vocabulary import Vocabulary, normalise
from app.marks import StageStart
from app.stages import STAGE_IDS


class StageSpan(NamedTuple):
    """Where one stage ran on the audio timeline."""

    stage: str
    start: float
    end: float


Bounds = list[StageSpan]  # in time order


class StageClue(NamedTuple):
    """A labelled sentence as the stage estimate reads it."""

    start: float
    end: float
    text: str
    category: str

# Where each stage usually sits in a 45-60 minute answer, as fractions of the whole;
# a prompt's own budgets replace this.
_DEFAULT_SHARE = {"problem": 0.1, "developer": 0.1, "solution": 0.35, "technical": 0.2,
                  "metrics": 0.15, "wrapup": 0.1}
# What a sentence's category says about its stage.
_CATEGORY_HINT = {
    "ui": {"solution": 0.6, "technical": 0.2},
    "api": {"solution": 0.5, "technical": 0.5},
    "webhooks": {"solution": 0.5, "technical": 0.5},
    "tradeoffs": {"technical": 0.4, "wrapup": 0.4, "metrics": 0.2},
    "other": {"problem": 0.2, "developer": 0.2, "metrics": 0.2, "wrapup": 0.2},
}
# Each change of stage costs this much, so one stray cue does not open a stage.
_SWITCH_COST = 1.5


def bounds_from_marks(marks: Sequence[StageStart], duration: float) -> Bounds:
    """Stage spans from the marks: each stage runs until the next one starts."""
    ordered = sorted(marks, key=lambda m: m[1])
    spans: Bounds = []
    for n, (stage, start) in enumerate(ordered):
        end = ordered[n + 1][1] if n + 1 < len(ordered) else max(duration, start)
        spans.append(StageSpan(stage, start, end))
    return spans


def estimate_bounds(sentences: Sequence[StageClue], vocabulary: Vocabulary,
                    duration: float, budgets: Mapping[str, float] | None = None) -> Bounds:
    """Stage spans guessed from labelled sentences: the stages run in order (some may be
    skipped), each sentence votes with its stage cues, its category and where it sits in
    the answer."""
    if not sentences:
        return [StageSpan(STAGE_IDS[0], 0.0, duration)]
    ranges = _expected_ranges(budgets)
    n_stages = len(STAGE_IDS)
    scores = [_evidence(p, vocabulary, ranges, duration) for p in sentences]
    # Best path through stages that never go backwards (Viterbi over a monotone chain).
    best = [list(scores[0])]
    back: list[list[int]] = [list(range(n_stages))]
    for i in range(1, len(sentences)):
        row, links = [], []
        for s in range(n_stages):
            options = [best[i - 1][p] - (_SWITCH_COST if p != s else 0.0) for p in range(s + 1)]
            prev = options.index(max(options))  # the first best, as max(key=...) picks
            cost = _SWITCH_COST if prev != s else 0.0
            row.append(best[i - 1][prev] - cost + scores[i][s])
            links.append(prev)
        best.append(row)
        back.append(links)
    state = max(range(n_stages), key=lambda s: best[-1][s])
    path = [state]
    for i in range(len(sentences) - 1, 0, -1):
        state = back[i][state]
        path.append(state)
    path.reverse()
    spans: Bounds = []
    for i, s in enumerate(path):
        if not spans or spans[-1][0] != STAGE_IDS[s]:
            start = 0.0 if not spans else sentences[i].start
            spans.append(StageSpan(STAGE_IDS[s], start, duration))
    return [StageSpan(st, a, spans[n + 1].start if n + 1 < len(spans) else duration)
            for n, (st, a, _) in enumerate(spans)]


def _expected_ranges(budgets: Mapping[str, float] | None) -> dict[str, tuple[float, float]]:
    shares = {s: float(budgets.get(s, 0.0)) for s in STAGE_IDS} if budgets else {}
    if not shares or sum(shares.values()) <= 0:
        shares = dict(_DEFAULT_SHARE)
    total = sum(shares.values())
    ranges, t = {}, 0.0
    for stage in STAGE_IDS:
        width = shares[stage] / total
        ranges[stage] = (t, t + width)
        t += width
    return ranges


def _evidence(sentence: StageClue, vocabulary: Vocabulary,
              ranges: dict[str, tuple[float, float]], duration: float) -> list[float]:
    start, end, text, category = sentence
    votes = dict.fromkeys(STAGE_IDS, 0.0)
    for hit in vocabulary.stages.hits(normalise(text)):
        votes[hit.cue.category.removeprefix("stage:")] += 1.0
    for stage, weight in _CATEGORY_HINT.get(category, {}).items():
        votes[stage] += weight
    where = ((start + end) / 2) / duration if duration else 0.0
    for stage, (lo, hi) in ranges.items():
        distance = max(lo - where, where - hi, 0.0)
        votes[stage] += 0.5 - 4.0 * distance
    return [votes[s] for s in STAGE_IDS]


def stage_at(bounds: Bounds, t: float) -> str:
    """The stage under time `t` (the first stage for anything before it)."""
    current = bounds[0][0]
    for stage, start, _ in bounds:
        if t >= start:
            current = stage
    return current
