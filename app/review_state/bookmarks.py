"""Bookmarks: moments the user marked while rehearsing (session.json events of type
"mark") plus the ones added or edited in the review, kept in <session>/bookmarks.json.

Once the user edits any bookmark, bookmarks.json holds the whole list and the events
are no longer consulted, so a deleted mark stays deleted.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from app.errors import DebriefError
from app.fileio.jsonfile import read_json, write_json_atomic
from app.marks import Bookmark

SCHEMA = "debrief.bookmarks/1"
FILE_NAME = "bookmarks.json"  # in the session folder


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        return None
    return float(value)


def from_events(events: Any) -> list[Bookmark]:
    """The marks the stage clock recorded, tolerant of missing or odd keys."""
    marks: list[Bookmark] = []
    for event in events if isinstance(events, list) else []:
        if not isinstance(event, dict) or event.get("type") != "mark":
            continue
        # The session log writes "audio" (the audio timeline); older files said "time".
        t = _number(event.get("audio", event.get("audio_time", event.get("time"))))
        if t is not None:
            note = event.get("note")
            marks.append(Bookmark(t, note if isinstance(note, str) else ""))
    return sorted(marks, key=lambda b: b.time)


def load(path: Path) -> list[Bookmark] | None:
    """The saved list, or None when the user has never edited bookmarks."""
    if not path.exists():
        return None
    data = read_json(path)
    items = data.get("bookmarks") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise DebriefError('not a bookmarks file (expected {"bookmarks": [...]})', path)
    out = []
    for item in items:
        t = _number(item.get("time")) if isinstance(item, dict) else None
        if t is not None:
            note = item.get("note")
            out.append(Bookmark(t, note if isinstance(note, str) else ""))
    return sorted(out, key=lambda b: b.time)


def of_session(folder: Path, events: Any) -> list[Bookmark]:
    """A session's bookmarks: its bookmarks.json once the user has edited any, else the
    marks in its session.json `events`."""
    saved = load(folder / FILE_NAME)
    return saved if saved is not None else from_events(events)


def save(path: Path, bookmarks: list[Bookmark]) -> None:
    write_json_atomic(path, {"schema": SCHEMA,
                             "bookmarks": [asdict(b) for b in sorted(bookmarks,
                                                                    key=lambda b: b.time)]})
