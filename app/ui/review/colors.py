"""Colours for the review screen, and its name for the one time formatter (`stamp`).
The category colours and the dark test live in app.ui.theme; this adds the soft tint a
sentence's paragraph is drawn in."""

from __future__ import annotations

from PySide6.QtGui import QColor

# The one time formatter, under the name the review widgets import it by.
from app.timefmt import clock as stamp
from app.ui.theme import CATEGORY_LABELS, category_color, is_dark

__all__ = ["CATEGORY_LABELS", "category_color", "is_dark", "stamp", "tint"]


def tint(category: str, base: QColor, dark: bool, amount: float = 0.16) -> QColor:
    """The category colour blended into `base` (a soft background for its text)."""
    c = category_color(category, dark)
    a = amount * (1.5 if dark else 1.0)
    return QColor(
        round(base.red() * (1 - a) + c.red() * a),
        round(base.green() * (1 - a) + c.green() * a),
        round(base.blue() * (1 - a) + c.blue() * a),
    )


