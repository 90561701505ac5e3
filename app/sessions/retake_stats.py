"""Per rubric item, across the history: how often it was missed, how often it was
retaken, and how often a retake fixed it (the take covered it, as its before/after says).

Retakes themselves are not counted as misses: a take is judged on its one item.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from app.analysis.before_after import after
from app.analysis.rubric_coverage import load_rubric_items
from app.errors import DebriefError
from app.paths import sessions_dir
from app.sessions.folder import SessionFolder
from app.sessions.meta import RETAKE
from app.sessions.retakes import describe
from app.sessions.store import signature
from app.sessions.summary import load_analysis


@dataclass
class ItemStats:
    id: str
    title: str
    missed: int = 0  # sessions (not retakes) in which the item was missed
    retaken: int = 0  # takes of the item
    fixed: int = 0  # takes that covered it


# One session's part of the counts, kept until its files change (the home screen asks
# again whenever the list reloads, and a long session's analysis is hundreds of KB).
_Part = tuple[tuple[tuple[str, str], ...], str, bool]  # missed (id, title); retook; fixed
_parts: dict[Path, tuple[str, _Part]] = {}


def _part(folder: SessionFolder) -> _Part:
    """What one session adds: the items it missed, or the item it retook and whether the
    take covered it. DebriefError when it cannot be read."""
    meta = folder.read_meta()
    if not folder.analysis_path.exists():
        return (), "", False
    if meta.session_kind != RETAKE:
        rubric = load_analysis(folder.analysis_path, with_segments=False).rubric
        return tuple((r.id, r.title) for r in rubric if not r.covered), "", False
    retake = describe(folder, meta)
    if not retake.item:
        return (), "", False
    return (), retake.item, after(load_analysis(folder.analysis_path), retake).covered


def retake_stats(root: Path | None = None) -> list[ItemStats]:
    """Every rubric item missed or retaken at least once, most missed first (rubric
    order among equals). Sessions that cannot be read are left out."""
    titles = {i.id: i.title for i in load_rubric_items()}
    stats: dict[str, ItemStats] = {}

    def of(item: str, title: str = "") -> ItemStats:
        return stats.setdefault(item, ItemStats(item, titles.get(item, title or item)))

    root = root or sessions_dir()
    with os.scandir(root) as entries:
        paths = [Path(e.path) for e in entries if e.is_dir() and not e.name.startswith(".")]
    for path in paths:
        sig = signature(path)
        cached = _parts.get(path)
        if cached is None or cached[0] != sig:
            try:
                cached = _parts[path] = (sig, _part(SessionFolder(path)))
            except DebriefError:
                continue
        missed, retook, fixed = cached[1]
        for item, title in missed:
            of(item, title).missed += 1
        if retook:
            entry = of(retook)
            entry.retaken += 1
            entry.fixed += fixed
    order = list(titles)
    return sorted(stats.values(), key=lambda s: (-s.missed, order.index(s.id)
                                                  if s.id in order else len(order)))
