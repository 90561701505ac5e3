"""One row of the history: what a stored session amounts to, derived from its
session.json and (when the analysis has run) its analysis.json, with the user's
category corrections (corrections.json) on top, as the review shows it.

Summarizing never raises: a session whose files cannot be read becomes a row marked
damaged, with the reason, so one broken folder never hides the others.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from app.analysis.corrections import apply_corrections
from app.analysis.model import Analysis
from app.errors import DebriefError
from app.fileio.jsonfile import read_json
from app.sessions.folder import SessionFolder
from app.sessions.meta import SessionMeta

log = logging.getLogger(__name__)

# Looks up the product area of a prompt id ("" when unknown).
ProductLookup = Callable[[str], str]


@dataclass
class SessionSummary:
    id: str
    path: str
    started_at: str = ""  # ISO 8601, as the rehearsal wrote it
    title: str = ""  # the user's title, else the prompt's
    prompt_id: str = ""
    prompt_title: str = ""
    product: str = ""
    minutes: float = 0.0  # planned length
    duration: float = 0.0  # seconds recorded
    state: str = ""
    kind: str = "mock"  # app.sessions.meta.KINDS
    scope: str = ""  # the stage a drill or retake rehearses
    item: str = ""  # the rubric item a quick drill or retake is about
    parent: str = ""  # the session a retake belongs to
    notes: str = ""
    analyzed: bool = False
    platform_share: float | None = None  # 0..1
    solution_ui_minutes: float | None = None
    rubric_covered: int = 0
    rubric_total: int = 0
    flags_count: int = 0
    top_flags: list[str] = field(default_factory=list)
    overrun_seconds: float = 0.0  # summed over stages that ran past their budget
    overrun_stages: int = 0
    wpm: float | None = None
    fillers_per_minute: float | None = None
    damaged: str | None = None  # why the session cannot be read; None when it is fine

    @property
    def rubric_coverage(self) -> float | None:
        return self.rubric_covered / self.rubric_total if self.rubric_total else None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SessionSummary:
        known = cls.__dataclass_fields__
        return cls(**{k: v for k, v in data.items() if k in known})


def _no_product(_prompt_id: str) -> str:
    return ""


def _number(value: Any, default: float = 0.0) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return default
    return float(value)


def summarize(path: Path, product_of: ProductLookup = _no_product) -> SessionSummary:
    """The summary row of the session folder at `path` (never raises)."""
    folder = SessionFolder(Path(path))
    summary = SessionSummary(id=folder.id, path=str(folder.path), title=folder.id)
    try:
        meta = folder.read_meta()
    except DebriefError as exc:
        summary.damaged = f"session.json {exc.message}"
        return summary
    _apply_meta(summary, meta, product_of)
    if folder.analysis_path.exists():
        corrected = folder.corrections_path.exists()
        try:
            analysis = load_analysis(folder.analysis_path, with_segments=corrected)
        except DebriefError as exc:
            summary.damaged = f"analysis.json {exc.message}"
            return summary
        if corrected:
            analysis = _corrected(analysis, folder)
        _apply_analysis(summary, analysis)
    return summary


def _corrected(analysis: Analysis, folder: SessionFolder) -> Analysis:
    """The analysis with the user's corrections; as it is when they cannot be read (the
    review names the file and the problem when the session is opened)."""
    try:
        return apply_corrections(analysis, read_json(folder.corrections_path))
    except DebriefError as exc:
        log.warning("%s: corrections not applied to the summary: %s",
                    folder.corrections_path, exc.message)
        return analysis


def _apply_meta(summary: SessionSummary, meta: SessionMeta, product_of: ProductLookup) -> None:
    summary.prompt_id = meta.prompt_id or ""
    summary.prompt_title = meta.prompt_title or ""
    summary.title = meta.title or meta.default_title or summary.id
    summary.started_at = meta.started_at or ""
    summary.state = meta.state or ""
    summary.kind = meta.session_kind
    summary.scope = meta.scope or ""
    summary.item = meta.item or ""
    summary.parent = meta.parent or ""
    summary.notes = meta.notes or ""
    summary.minutes = _number(meta.minutes)
    summary.duration = _number(meta.duration)
    summary.product = meta.product or (product_of(summary.prompt_id) if summary.prompt_id
                                       else "")


_ANALYSIS_KEYS = {f.name for f in fields(Analysis)} | {"schema"}


def load_analysis(path: Path, with_segments: bool = True) -> Analysis:
    """Read analysis.json, turning any malformation into a DebriefError naming the file.

    Without segments (all a summary needs) the transcript part is skipped, which is most
    of the work for a long session."""
    data = read_json(path)
    if not isinstance(data, dict):
        raise DebriefError("not a Debrief analysis file", path)
    # debrief.analysis/1 grows by added fields (an export adds the session's bookmarks,
    # date and prompt title): read the ones this version knows.
    data = {k: v for k, v in data.items() if k in _ANALYSIS_KEYS}
    if not with_segments:
        data = {**data, "segments": []}
    try:
        return Analysis.from_dict(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DebriefError(f"is not a valid analysis ({type(exc).__name__}: {exc})", path) \
            from None


def _apply_analysis(summary: SessionSummary, analysis: Analysis) -> None:
    summary.analyzed = True
    if not summary.duration:
        summary.duration = analysis.duration
    summary.platform_share = analysis.platform_share
    solution = [s for s in analysis.stages if s.stage == "solution"]
    if solution:
        summary.solution_ui_minutes = sum(s.categories.get("ui", 0.0) for s in solution) / 60
    summary.rubric_total = len(analysis.rubric)
    summary.rubric_covered = sum(1 for r in analysis.rubric if r.covered)
    flags = analysis.flags
    summary.flags_count = len(flags)
    summary.top_flags = [f.title for f in flags[:3]]
    overruns = [s.overrun for s in analysis.stages if s.overrun > 0]
    summary.overrun_seconds = sum(overruns)
    summary.overrun_stages = len(overruns)
    summary.wpm = analysis.delivery.words_per_minute
    summary.fillers_per_minute = analysis.delivery.fillers_per_minute
