"""Stored sessions for the history tests, and a private freedesktop trash."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.sessions.store import SessionStore


@pytest.fixture
def store(stored: list[Path]) -> SessionStore:
    return SessionStore()
