"""Progress over time, as numbers: the trend series the home screen draws, and the
stage-by-stage comparison of two rehearsals of the same prompt. Qt-free.

Full mocks and drills are never mixed in one series: a 13-minute drill of the solution
stage says nothing about a 45-minute mock's overruns. Mocks (and imports, which are
mocks made elsewhere) make one series, the drills of each stage one each, and the quick
drills one."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from app.analysis.model import Analysis
from app.sessions.meta import DRILL, IMPORT, MOCK, QUICK
from app.sessions.summary import SessionSummary
from app.stages import CATEGORIES, STAGE_IDS, STAGE_TITLES


@dataclass(frozen=True)
class TrendMetric:
    key: str
    title: str
    unit: str  # shown after the number: "%", "min", "wpm", "/min"
    higher_is_better: bool | None  # None: neither (pace has a sweet spot)
    value: Callable[[SessionSummary], float | None]
    decimals: int = 0

    def format(self, value: float) -> str:
        """The value as the chart labels it."""
        return f"{value:.{self.decimals}f}{'' if self.unit == '%' else ' '}{self.unit}"


def _pct(x: float | None) -> float | None:
    return None if x is None else 100.0 * x


TREND_METRICS: tuple[TrendMetric, ...] = (
    TrendMetric("platform_share", "Platform share", "%", True,
                lambda s: _pct(s.platform_share)),
    TrendMetric("solution_ui_minutes", "UI minutes in solution", "min", False,
                lambda s: s.solution_ui_minutes, 1),
    TrendMetric("rubric_coverage", "Rubric coverage", "%", True,
                lambda s: _pct(s.rubric_coverage)),
    TrendMetric("overrun_minutes", "Stage overruns", "min", False,
                lambda s: s.overrun_seconds / 60 if s.analyzed else None, 1),
    TrendMetric("wpm", "Pace", "wpm", None, lambda s: s.wpm),
    TrendMetric("fillers_per_minute", "Fillers", "/min", False,
                lambda s: s.fillers_per_minute, 1),
)


@dataclass(frozen=True)
class TrendSeries:
    """Sessions that are comparable over time: "mock", "drill:<stage>" or "quick"."""

    key: str
    title: str


MOCKS = TrendSeries("mock", "Full mocks")


def series_key(summary: SessionSummary) -> str | None:
    """The series a session belongs to (None: in no trend, e.g. a retake)."""
    if summary.kind in (MOCK, IMPORT):
        return MOCKS.key
    if summary.kind == DRILL and summary.scope:
        return f"drill:{summary.scope}"
    return "quick" if summary.kind == QUICK else None


def trend_series(summaries: Iterable[SessionSummary]) -> list[TrendSeries]:
    """The series there are sessions for: the mocks always, then each drilled stage in
    interview order, then the quick drills."""
    keys = {series_key(s) for s in summaries}
    out = [MOCKS]
    out += [TrendSeries(f"drill:{st}", f"Drills of {STAGE_TITLES[st]}")
            for st in STAGE_IDS if f"drill:{st}" in keys]
    if "quick" in keys:
        out.append(TrendSeries("quick", "Quick drills"))
    return out


@dataclass(frozen=True)
class TrendPoint:
    session_id: str
    started_at: str
    value: float


def trend_points(summaries: Iterable[SessionSummary], metric: TrendMetric) -> list[TrendPoint]:
    """The metric for every analysed, undamaged session, oldest first."""
    points = []
    for s in summaries:
        if s.damaged or not s.analyzed:
            continue
        value = metric.value(s)
        if value is not None:
            points.append(TrendPoint(s.id, s.started_at, float(value)))
    return sorted(points, key=lambda p: (p.started_at, p.session_id))


@dataclass(frozen=True)
class StageSide:
    """One session's numbers for one stage (seconds)."""

    budget: float
    actual: float
    categories: dict[str, float]

    @property
    def overrun(self) -> float:
        return max(0.0, self.actual - self.budget) if self.budget else 0.0


@dataclass(frozen=True)
class StageRow:
    stage: str  # a stage id, or "total"
    title: str
    a: StageSide | None  # None when that session never reached the stage
    b: StageSide | None


def _sides(analysis: Analysis) -> dict[str, StageSide]:
    sides: dict[str, StageSide] = {}
    for r in analysis.stages:
        prev = sides.get(r.stage)
        cats = {c: r.categories.get(c, 0.0) + (prev.categories[c] if prev else 0.0)
                for c in CATEGORIES}
        # A stage revisited later counts once, with its visits summed.
        sides[r.stage] = StageSide(r.budget, r.length + (prev.actual if prev else 0.0), cats)
    return sides


def _total(sides: Iterable[StageSide]) -> StageSide | None:
    sides = list(sides)
    if not sides:
        return None
    return StageSide(sum(s.budget for s in sides), sum(s.actual for s in sides),
                     {c: sum(s.categories[c] for s in sides) for c in CATEGORIES})


def compare_stages(a: Analysis, b: Analysis) -> list[StageRow]:
    """Two analyses side by side, stage by stage in interview order, then a total."""
    sa, sb = _sides(a), _sides(b)
    order = [s for s in STAGE_IDS if s in sa or s in sb]
    order += sorted((set(sa) | set(sb)) - set(order))
    rows = [StageRow(s, STAGE_TITLES.get(s, s), sa.get(s), sb.get(s)) for s in order]
    rows.append(StageRow("total", "Total", _total(sa.values()), _total(sb.values())))
    return rows


def same_prompt(summaries: Iterable[SessionSummary], prompt_id: str) -> list[SessionSummary]:
    """The analysed sessions of one prompt, newest first."""
    rows = [s for s in summaries if s.prompt_id == prompt_id and s.analyzed and not s.damaged]
    return sorted(rows, key=lambda s: s.started_at, reverse=True)
