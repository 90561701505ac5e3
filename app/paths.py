"""Where Debrief keeps things: the user's data dir and the files shipped with the app."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "Debrief"
DATA_DIR_ENV = "DEBRIEF_DATA_DIR"


def _install_root() -> Path:
    # In a frozen bundle the data files sit next to the executable's support dir.
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    """Icons, styles, the category and rubric vocabulary."""
    return _install_root() / "resources"


def bundled_prompts_dir() -> Path:
    """The case prompts that ship with the app."""
    return _install_root() / "prompts"


def data_dir() -> Path:
    """The user's data dir (created on first use); `DEBRIEF_DATA_DIR` overrides it."""
    override = os.environ.get(DATA_DIR_ENV)
    path = Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def sessions_dir() -> Path:
    """One folder per rehearsal or import."""
    path = data_dir() / "sessions"
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_prompts_dir() -> Path:
    """Default folder for the user's own prompt files."""
    return data_dir() / "prompts"
