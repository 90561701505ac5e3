"""The bank of quick drills: 60-90 s warm-ups on one rubric item, without a case, from
resources/quick_drills.toml. Each becomes a one-stage session (app.prompts.drills)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app.errors import DebriefError
from app.paths import resources_dir
from app.prompts.followups import first_stage
from app.prompts.rubric import known_rubric
from app.prompts.toml_file import read_toml
from app.stages import STAGE_IDS

MIN_SECONDS, MAX_SECONDS = 60, 90
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_KEYS = {"id", "item", "question", "seconds", "stage"}


@dataclass(frozen=True)
class QuickDrill:
    """One warm-up: the question, the rubric item it is about, its stage and budget."""

    id: str
    item: str
    item_title: str
    question: str
    seconds: int
    stage: str

    @property
    def title(self) -> str:
        """How the history names a session of this drill."""
        return f"Quick drill: {self.item_title}"


def bundled_quick_drills_path() -> Path:
    return resources_dir() / "quick_drills.toml"


@cache
def load_quick_drills(path: Path | None = None) -> tuple[QuickDrill, ...]:
    """The drills in file order; DebriefError naming the file and the drill when one is
    wrong."""
    path = path or bundled_quick_drills_path()
    entries = read_toml(path).get("drill")
    if not isinstance(entries, list) or not entries:
        raise DebriefError("has no [[drill]] entries", path)
    rubric = known_rubric()
    drills: list[QuickDrill] = []
    for n, raw in enumerate(entries, 1):
        if not isinstance(raw, dict):
            raise DebriefError(f"drill {n} is not a table", path)
        drill_id = raw.get("id")
        if not isinstance(drill_id, str) or not _ID.fullmatch(drill_id):
            raise DebriefError(f"drill {n}: id must be lowercase words joined by '-'", path)
        where = f"drill '{drill_id}'"
        if drill_id in {d.id for d in drills}:
            raise DebriefError(f"{where} appears twice", path)
        unknown = sorted(set(raw) - _KEYS)
        if unknown:
            raise DebriefError(f"{where}: unknown key '{unknown[0]}'", path)
        item = raw.get("item")
        if item not in rubric:
            raise DebriefError(f"{where}: item must be a rubric item id, not {item!r}", path)
        question = raw.get("question")
        if not isinstance(question, str) or not question.strip():
            raise DebriefError(f"{where}: question must be text", path)
        seconds = raw.get("seconds")
        if (isinstance(seconds, bool) or not isinstance(seconds, int)
                or not MIN_SECONDS <= seconds <= MAX_SECONDS):
            raise DebriefError(f"{where}: seconds must be a whole number from {MIN_SECONDS} "
                               f"to {MAX_SECONDS}", path)
        stage = raw.get("stage", first_stage(item))
        if stage not in STAGE_IDS:
            raise DebriefError(f"{where}: stage must be one of {', '.join(STAGE_IDS)}", path)
        drills.append(QuickDrill(drill_id, item, rubric[item], " ".join(question.split()),
                                 seconds, stage))
    return tuple(drills)
