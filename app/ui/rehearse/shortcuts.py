"""The rehearsal's key bar: a one-line reminder of the keys listed in app/ui/key_help.py."""

from __future__ import annotations

from app.ui.key_help import REHEARSAL as SHORTCUTS


def key_bar_text(one_stage: bool = False) -> str:
    """The one-line reminder under the clock (without the stage keys for a drill, which
    has no other stage to go to)."""
    keys = [(k, w) for k, w in SHORTCUTS if not (one_stage and "stage" in w.lower())]
    return "   ".join(f"<b>{k}</b> {what.split(' (')[0].lower()}" for k, what in keys)
