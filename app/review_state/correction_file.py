"""The user's category corrections: <session>/corrections.json, matched to sentences by
their start time, applied on top of the machine's analysis (never written into it).

    {"segments": [{"start": 312.48, "category": "api"}]}
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.analysis import apply_corrections
from app.analysis.corrections import parse_corrections
from app.analysis.model import Analysis
from app.errors import DebriefError
from app.fileio.jsonfile import read_json, write_json_atomic

Corrections = dict[float, str]  # sentence start (rounded to ms) -> category


def key(start: float) -> float:
    """Sentence starts are stored to the millisecond; compare them that way."""
    return round(start, 3)


def load(path: Path) -> Corrections:
    """Read corrections.json; a missing file means no corrections."""
    if not path.exists():
        return {}
    try:
        pairs = parse_corrections(read_json(path))
    except DebriefError as exc:
        if exc.path is not None:
            raise
        raise DebriefError(exc.message, path) from None
    return {key(start): category for start, category in pairs}


def save(path: Path, corrections: Corrections) -> None:
    write_json_atomic(path, {"segments": [{"start": s, "category": c}
                                          for s, c in sorted(corrections.items())]})


def as_document(corrections: Corrections) -> dict[str, Any]:
    """The corrections in their file form (what app.analysis.apply_corrections takes)."""
    return {"segments": [{"start": s, "category": c} for s, c in sorted(corrections.items())]}


def apply(analysis: Analysis, corrections: Corrections) -> Analysis:
    """A copy of `analysis` with the corrected categories and every total and finding
    that follows from them (the analyzer's own apply_corrections)."""
    if not corrections:
        return analysis
    return apply_corrections(analysis, as_document(corrections))
