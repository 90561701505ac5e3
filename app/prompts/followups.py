"""The bank of follow-up questions per rubric item, from resources/followups.toml, and
the one home of which stages each rubric item is due in (what the interviewer asks
about there, and what a drill of that stage is scored on)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app.errors import DebriefError
from app.paths import resources_dir
from app.prompts.toml_file import read_toml
from app.stages import STAGE_IDS

DEFAULT_AFTER = 0.5


@dataclass(frozen=True)
class FollowupItem:
    """The questions for one rubric item, the stages it is due in, and from which share of
    such a stage's budget on its absence is asked about."""

    id: str
    stages: tuple[str, ...]
    after: float
    questions: tuple[str, ...]
    by_prompt: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def questions_for(self, prompt_id: str) -> tuple[str, ...]:
        """The questions in the order to ask them: this prompt's own first."""
        own = next((q for p, q in self.by_prompt if p == prompt_id), ())
        return (*own, *self.questions)


def bundled_followups_path() -> Path:
    return resources_dir() / "followups.toml"


def _texts(value: object, what: str, path: Path) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(
            isinstance(q, str) and q.strip() for q in value):
        raise DebriefError(f"{what} must be a list of questions", path)
    return tuple(" ".join(q.split()) for q in value)


@cache
def load_followups(path: Path | None = None) -> dict[str, FollowupItem]:
    """Rubric item id -> its follow-ups; DebriefError naming the file when it is wrong."""
    path = path or bundled_followups_path()
    items: dict[str, FollowupItem] = {}
    for n, raw in enumerate(read_toml(path).get("item", []), 1):
        item_id = raw.get("id") if isinstance(raw, dict) else None
        if not isinstance(item_id, str):
            raise DebriefError(f"follow-up item {n} has no id", path)
        stages = raw.get("stages", [])
        if not isinstance(stages, list) or not stages or set(stages) - set(STAGE_IDS):
            raise DebriefError(f"item {item_id}: stages must name stages of "
                               f"{', '.join(STAGE_IDS)}", path)
        after = raw.get("after", DEFAULT_AFTER)
        if isinstance(after, bool) or not isinstance(after, int | float) or not 0 <= after <= 1:
            raise DebriefError(f"item {item_id}: after must be a share between 0 and 1", path)
        prompts = raw.get("prompts", {})
        if not isinstance(prompts, dict):
            raise DebriefError(f"item {item_id}: prompts must be a table", path)
        by_prompt = tuple((p, _texts(q, f"item {item_id} prompt {p}", path))
                          for p, q in prompts.items())
        items[item_id] = FollowupItem(item_id, tuple(stages), float(after),
                                      _texts(raw.get("questions"), f"item {item_id}: questions",
                                             path), by_prompt)
    return items


def due_in(stage: str, rubric: Sequence[str], path: Path | None = None) -> tuple[str, ...]:
    """The items of `rubric` (in its order) that are due in `stage`."""
    bank = load_followups(path)
    return tuple(i for i in dict.fromkeys(rubric) if i in bank and stage in bank[i].stages)


def first_stage(item: str, path: Path | None = None) -> str:
    """The first stage `item` is due in ("solution" for an item the bank does not know)."""
    found = load_followups(path).get(item)
    return found.stages[0] if found is not None else "solution"
