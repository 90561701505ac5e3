"""Fixtures for the review tests: import them into a test module by name.

The spoken and transcribed mock interview is cached under pytest's base temp dir, so
a test session makes it once however many modules use it; each test then gets its own
session folder built from it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from review_state.review_factory import build_session


@pytest.fixture
def review_session(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    """A fresh session folder of corpus script port-in-requests, transcribed for real."""
    cache = tmp_path_factory.getbasetemp() / "review-cache"
    cache.mkdir(exist_ok=True)
    (tmp_path / "sessions").mkdir(exist_ok=True)
    return build_session(tmp_path / "sessions", cache)


def show_active(qtbot, widget: QWidget, size: tuple[int, int] = (1400, 900)) -> None:
    """Show `widget` as the active window, so its keyboard shortcuts are live."""
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    widget.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget, timeout=3000)
