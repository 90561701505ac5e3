"""session.json for a rehearsal, saved after every event so a crash loses nothing the
user did, only the audio since the last header sync.

    {"schema": "debrief.session/1", "state": "recording" | "finished" | "recovered",
     "prompt_id", "prompt_title", "minutes", "plan": [{"stage", "title", "budget"}],
     "events": [{"type", "stage", "wall", "audio", "note"}], "device", "sample_rate",
     "overflows", "app_version", "started_at", "duration", "error"}
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app import __version__
from app.errors import DebriefError
from app.marks import save_marks
from app.prompts.plan import Plan
from app.rehearsal.stage_clock import Event, StageClock
from app.sessions.folder import SessionFolder
from app.sessions.meta import SessionMeta

RECORDING = "recording"
FINISHED = "finished"
RECOVERED = "recovered"


def write(folder: SessionFolder, **updates: Any) -> SessionMeta:
    """Merge `updates` into the folder's session.json (atomically) and return the result."""
    try:
        meta = folder.read_meta() if folder.meta_path.exists() else SessionMeta()
    except DebriefError:
        meta = SessionMeta()
    meta = meta.updated(**updates)
    folder.write_meta(meta)
    return meta


class SessionLog:
    """Keeps one rehearsal's session.json and marks.json in step with its stage clock."""

    def __init__(self, folder: SessionFolder, plan: Plan, device: str = "",
                 sample_rate: int = 16000) -> None:
        self.folder = folder
        self.plan = plan
        self.clock: StageClock | None = None
        self.meta: dict[str, Any] = {
            "state": RECORDING,
            "prompt_id": plan.prompt_id,
            "prompt_title": plan.prompt_title,
            "minutes": plan.minutes,
            "plan": plan.to_json(),
            "events": [],
            "device": device,
            "sample_rate": sample_rate,
            "overflows": 0,
            "app_version": __version__,
            "started_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            "duration": 0.0,
            "error": None,
            **plan.session_fields(),
        }

    def attach(self, clock: StageClock) -> None:
        """Save after every event the clock records."""
        self.clock = clock
        clock.on_event = self.on_event
        self.save()

    def on_event(self, event: Event) -> None:
        # The clock's list is the record: a note added to a mark replaces that mark.
        events = self.clock.events if self.clock else [event]
        self.meta["events"] = [e.to_json() for e in events]
        self.save()

    def update(self, **fields: Any) -> None:
        """Change top-level fields (device, overflows, error...) and save."""
        self.meta.update(fields)
        self.save()

    def save(self) -> None:
        """Write session.json and marks.json atomically. On a full (or failing) disk the
        log stays in memory and the next save tries again: the rehearsal goes on, and
        recovery finishes the job once there is room."""
        try:
            self.folder.write_meta(self.meta)
            if self.clock and self.clock.marks:
                save_marks(self.folder.marks_path, self.clock.marks)
        except OSError:
            pass  # kept in memory; the next save tries again

    def finish(self, duration: float, overflows: int, error: str | None = None) -> None:
        """Record the end of the rehearsal: state "finished", the audio's duration."""
        self.update(state=FINISHED, duration=round(duration, 3), overflows=overflows,
                    error=error)
