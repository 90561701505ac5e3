"""Seconds as a clock reads them: 8:20, 1:02:05, +1:40 for overtime.

The one formatter for every time shown or written (screens, exports, the command
line, error messages), so a moment reads the same everywhere. It truncates like a
clock: 59.6 s is 0:59 until the second is full.
"""

from __future__ import annotations


def clock(seconds: float, signed: bool = False) -> str:
    """`m:ss`, or `h:mm:ss` from an hour; a minus sign below zero, and with `signed`
    a plus sign above it (overtime)."""
    whole = int(abs(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    body = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    if seconds < 0 and whole:
        return "-" + body
    return "+" + body if signed and seconds > 0 else body
