"""Guard against Qt bindings that leak references to None (PySide6 6.12.0 on Python 3.11
drops one per void call; after enough calls the interpreter aborts)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_do_not_eat_references_to_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
    assert abs(sys.getrefcount(None) - before) < 50
