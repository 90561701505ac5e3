"""The rehearsal's key bar: a one-line reminder of the keys listed in app/ui/key_help.py."""

from __future__ import annotations

from app.ui.key_help import REHEARSAL as SHORTCUTS


def key_bar_text() -> str:
    """The one-line reminder under the clock."""
    return "   ".join(f"<b>{k}</b> {what.split(' (')[0].lower()}" for k, what in SHORTCUTS)
