"""Rubric coverage: for each item a prompt expects, the moments it was said, or missed.

Items and their cue phrases come from rubric.toml (the user's copy in the data dir
wins; items it lists without cues borrow the bundled cues).
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.analysis.model import LabelledSentence, Moment, RubricResult
from app.analysis.vocabulary import Cue, Matcher, normalise
from app.errors import DebriefError
from app.prompts.rubric import bundled_rubric_path, user_rubric_path

# Enough evidence to jump to; more would bury the report.
MAX_MOMENTS = 5
QUOTE_CHARS = 160


@dataclass(frozen=True)
class RubricItem:
    id: str
    title: str
    cues: tuple[str, ...]


def load_rubric_items() -> list[RubricItem]:
    """The rubric items in file order (the user's rubric.toml when there is one)."""
    bundled, user = bundled_rubric_path(), user_rubric_path()
    items = _read(bundled, _mtime(bundled))
    if not user.is_file():
        return list(items)
    fallback = {i.id: i.cues for i in items}
    return [RubricItem(i.id, i.title, i.cues or fallback.get(i.id, ()))
            for i in _read(user, _mtime(user))]


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        raise DebriefError("rubric file not found", path) from None


@lru_cache(maxsize=4)
def _read(path: Path, _stamp: int) -> tuple[RubricItem, ...]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DebriefError(f"cannot read the rubric ({exc})", path) from None
    items = []
    for n, raw in enumerate(data.get("item", []), 1):
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            raise DebriefError(f"rubric item {n} has no id", path)
        cues = raw.get("cues", [])
        if not isinstance(cues, list) or not all(isinstance(c, str) for c in cues):
            raise DebriefError(f"rubric item {raw['id']}: cues must be a list of phrases", path)
        items.append(RubricItem(raw["id"], str(raw.get("title", raw["id"])),
                                tuple(c.lower() for c in cues)))
    return tuple(items)


@lru_cache(maxsize=8)
def _matcher(items: tuple[RubricItem, ...]) -> Matcher:
    return Matcher([Cue(c, item.id, 1.0) for item in items for c in item.cues])


def quote(text: str) -> str:
    """A sentence's text, shortened for evidence."""
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"


def cover_rubric(sentences: Sequence[LabelledSentence],
                 wanted: Sequence[str] | None = None) -> list[RubricResult]:
    """Coverage of the rubric items `wanted` (ids, in that order; all items when None).
    Ids the rubric file does not know are reported as missed under their own name."""
    known = {i.id: i for i in load_rubric_items()}
    ids = list(wanted) if wanted is not None else list(known)
    items = tuple(known.get(i, RubricItem(i, i, ())) for i in ids)
    matcher = _matcher(items)
    moments: dict[str, list[Moment]] = {i.id: [] for i in items}
    for s in sentences:
        for item_id in dict.fromkeys(h.cue.category for h in matcher.hits(normalise(s.text))):
            if len(moments[item_id]) < MAX_MOMENTS:
                moments[item_id].append(Moment(round(s.start, 3), quote(s.text)))
    return [RubricResult(i.id, i.title, bool(moments[i.id]), moments[i.id]) for i in items]
