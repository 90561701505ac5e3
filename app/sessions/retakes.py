"""A session's retakes: the session folders beside it whose session.json says kind
"retake" and names it as their parent, each compared with it (app.analysis.before_after).

A take is a flat folder like any other session, so the recorder, recovery, transcription
and the store need nothing new; the parent link is all that binds it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app.analysis.before_after import Retake, after, before
from app.analysis.model import Analysis
from app.errors import DebriefError
from app.sessions.folder import SessionFolder
from app.sessions.meta import RETAKE, SessionMeta
from app.sessions.summary import load_analysis

log = logging.getLogger(__name__)


def children(parent: SessionFolder) -> list[tuple[SessionFolder, SessionMeta]]:
    """The takes of `parent` (folders beside it), newest first; unreadable ones skipped."""
    found = []
    with os.scandir(parent.path.parent) as entries:
        paths = [Path(e.path) for e in entries if e.is_dir() and not e.name.startswith(".")]
    for path in paths:
        if path == parent.path:
            continue
        folder = SessionFolder(path)
        try:
            meta = folder.read_meta()
        except DebriefError:
            continue
        if meta.session_kind == RETAKE and meta.parent == parent.id:
            found.append((folder, meta))
    return sorted(found, key=lambda fm: (fm[1].started_at or "", fm[0].id), reverse=True)


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""


def describe(folder: SessionFolder, meta: SessionMeta) -> Retake:
    """What a take retook, from its session.json (before it is analysed)."""
    raw = meta.other.get("retake")
    info: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
    budget = info.get("budget")
    return Retake(folder.id, meta.started_at or "", _text(info, "what") or "item",
                  _text(info, "key") or meta.item or "", _text(info, "title"),
                  meta.scope or "", meta.item or "", _text(info, "question"),
                  float(budget) if isinstance(budget, int | float) else 0.0,
                  meta.state or "")


def retakes_of(parent: SessionFolder, analysis: Analysis | None = None) -> list[Retake]:
    """Every take of `parent`, newest first, each with its before and (once the take is
    analysed) after. `analysis` is the parent's as the review shows it (corrections
    applied); read from its folder when not given."""
    if analysis is None and parent.analysis_path.exists():
        analysis = load_analysis(parent.analysis_path)
    out = []
    for folder, meta in children(parent):
        retake = describe(folder, meta)
        if analysis is not None:
            retake.before = before(analysis, retake)
        if folder.analysis_path.exists():
            try:
                retake.after = after(load_analysis(folder.analysis_path), retake)
            except DebriefError as exc:  # shown as not analysed; the take's review says why
                log.warning("%s", exc)
        out.append(retake)
    return out
