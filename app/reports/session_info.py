"""What a report carries beside the analysis: the user's own work (bookmarks with their
notes, the session's notes, their title) and what the session was (the prompt's title,
when it was). The analysis knows none of it; every report format prints it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.analysis.before_after import Retake
from app.marks import Bookmark

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


@dataclass(frozen=True)
class SessionInfo:
    prompt_title: str = ""
    date: str = ""  # ISO 8601, as session.json keeps it ("" when unknown)
    title: str = ""  # the user's own title for the session, if they gave one
    notes: str = ""  # the user's notes on the whole session
    bookmarks: list[Bookmark] = field(default_factory=list)
    retakes: list[Retake] = field(default_factory=list)  # newest first

    def to_dict(self) -> dict[str, Any]:
        """The fields the JSON export adds to debrief.analysis/1."""
        return {"prompt_title": self.prompt_title or None, "date": self.date or None,
                "title": self.title or None, "notes": self.notes,
                "bookmarks": [{"time": round(b.time, 3), "note": b.note}
                              for b in self.bookmarks],
                "retakes": [r.to_dict() for r in self.retakes]}


def readable_date(iso: str) -> str:
    """"3 October 2026, 17:30" (English like the rest of the report, whatever the
    locale); the text as it is when it is not ISO 8601."""
    try:
        when = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{when.day} {_MONTHS[when.month - 1]} {when.year}, {when:%H:%M}"
