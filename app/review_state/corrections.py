"""The user's category corrections: <session>/corrections.json, matched to segments by
their start time, applied on top of the machine's analysis (never written into it).

    {"segments": [{"start": 312.48, "category": "api"}]}
"""

from __future__ import annotations

from pathlib import Path

from app.analysis import apply_corrections
from app.analysis.model import Analysis
from app.errors import DebriefError
from app.sessions.folder import read_json, write_json_atomic
from app.stages import CATEGORIES

Corrections = dict[float, str]  # segment start (rounded to ms) -> category


def key(start: float) -> float:
    """Segment starts are stored to the millisecond; compare them that way."""
    return round(start, 3)


def load(path: Path) -> Corrections:
    """Read corrections.json; a missing file means no corrections."""
    if not path.exists():
        return {}
    data = read_json(path)
    items = data.get("segments") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise DebriefError('not a corrections file (expected {"segments": [...]})', path)
    out: Corrections = {}
    for n, item in enumerate(items, 1):
        start = item.get("start") if isinstance(item, dict) else None
        category = item.get("category") if isinstance(item, dict) else None
        if isinstance(start, bool) or not isinstance(start, int | float):
            raise DebriefError(f"entry {n}: start must be a number of seconds", path)
        if category not in CATEGORIES:
            raise DebriefError(f"entry {n}: unknown category {category!r}", path)
        out[key(start)] = category
    return out


def save(path: Path, corrections: Corrections) -> None:
    write_json_atomic(path, {"segments": [{"start": s, "category": c}
                                          for s, c in sorted(corrections.items())]})


def as_document(corrections: Corrections) -> dict:
    """The corrections in their file form (what app.analysis.apply_corrections takes)."""
    return {"segments": [{"start": s, "category": c} for s, c in sorted(corrections.items())]}


def apply(analysis: Analysis, corrections: Corrections) -> Analysis:
    """A copy of `analysis` with the corrected categories and every total and finding
    that follows from them (the analyzer's own apply_corrections)."""
    if not corrections:
        return analysis
    return apply_corrections(analysis, as_document(corrections))
