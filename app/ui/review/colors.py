"""Colours and time stamps for the review screen. The category colours and the dark
test live in app.ui.theme; this adds the soft tint a segment's paragraph is drawn in."""

from __future__ import annotations

from PySide6.QtGui import QColor

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


def stamp(seconds: float) -> str:
    """mm:ss (or h:mm:ss past an hour) for a time on the recording."""
    total = max(0, int(seconds))
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"
