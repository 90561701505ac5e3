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
from app.sessions.summary import load_analysis


@dataclass
class ItemStats:
    id: str
    title: str
    missed: int = 0  # sessions (not retakes) in which the item was missed
    retaken: int = 0  # takes of the item
    fixed: int = 0  # takes that covered it


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
        folder = SessionFolder(path)
        try:
            meta = folder.read_meta()
            if not folder.analysis_path.exists():
                continue
            if meta.session_kind != RETAKE:
                for result in load_analysis(folder.analysis_path, with_segments=False).rubric:
                    if not result.covered:
                        of(result.id, result.title).missed += 1
                continue
            retake = describe(folder, meta)
            if not retake.item:
                continue
            entry = of(retake.item)
            entry.retaken += 1
            entry.fixed += after(load_analysis(folder.analysis_path), retake).covered
        except DebriefError:
            continue
    order = list(titles)
    return sorted(stats.values(), key=lambda s: (-s.missed, order.index(s.id)
                                                  if s.id in order else len(order)))
