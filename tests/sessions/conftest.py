"""Stored sessions for the history tests, and a private freedesktop trash."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.paths import sessions_dir
from app.sessions.samples import write_progression
from app.sessions.store import SessionStore


@pytest.fixture(autouse=True)
def home_trash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the freedesktop home trash into the test's temp dir."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    return tmp_path / "xdg-data" / "Trash"


@pytest.fixture
def stored() -> list[Path]:
    """Eight real session folders with analysis.json, oldest first."""
    return [f.path for f in write_progression(sessions_dir(), 8)]


@pytest.fixture
def store(stored: list[Path]) -> SessionStore:
    return SessionStore()
