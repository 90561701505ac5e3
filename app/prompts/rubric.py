"""The rubric vocabulary prompts refer to: item id -> title, from resources/rubric.toml.

A user copy at <data dir>/rubric.toml replaces the bundled one.
"""

from __future__ import annotations

from pathlib import Path

from app.errors import DebriefError
from app.paths import data_dir, resources_dir
from app.prompts.toml_file import read_toml


def bundled_rubric_path() -> Path:
    """The rubric that ships with the app."""
    return resources_dir() / "rubric.toml"


def user_rubric_path() -> Path:
    """Where a user's own rubric lives (it wins when present)."""
    return data_dir() / "rubric.toml"


def read_rubric(path: Path) -> dict[str, str]:
    """Read one rubric file; DebriefError naming the file when it is unusable."""
    data = read_toml(path)
    items = data.get("item")
    if not isinstance(items, list) or not items:
        raise DebriefError("has no [[item]] entries", path)
    rubric: dict[str, str] = {}
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise DebriefError(f"item {n} is not a table", path)
        item_id, title = item.get("id"), item.get("title", item.get("id"))
        if not isinstance(item_id, str) or not item_id.strip():
            raise DebriefError(f"item {n} has no id", path)
        if not isinstance(title, str):
            raise DebriefError(f"item '{item_id}': title must be text", path)
        rubric[item_id.strip()] = title.strip()
    return rubric


def load_rubric() -> dict[str, str]:
    """Rubric item id -> title; the user's copy overrides the bundled file."""
    user = user_rubric_path()
    return read_rubric(user if user.is_file() else bundled_rubric_path())



def known_rubric() -> dict[str, str]:
    """Every id a prompt may name: the bundled rubric plus the user's (theirs wins on titles).

    A user's rubric that drops an item must not make bundled prompts invalid.
    """
    return {**read_rubric(bundled_rubric_path()), **load_rubric()}
