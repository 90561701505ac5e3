"""One session on disk: a folder holding everything about one rehearsal or import.

    <data>/sessions/<id>/
        session.json      what happened: prompt, plan, events, device, overflows, version
        audio.wav         16 kHz mono PCM16, written as it is captured
        marks.json        {"stages": [{"stage": ..., "start": ...}]}, the audio timeline
        marks.recorded.json  the marks as recorded, kept once the user sets stages by hand
        transcript.json   debrief.transcript/1
        analysis.json     debrief.analysis/1
        corrections.json  the user's category corrections, never merged into the above
        bookmarks.json    the user's bookmarks, once edited in the review
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from app.errors import DebriefError
from app.fileio.jsonfile import read_json, write_json_atomic
from app.paths import sessions_dir
from app.sessions.meta import SESSION_SCHEMA, SessionMeta


def slug(text: str, limit: int = 40) -> str:
    """A file-name-safe fragment of user text."""
    s = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return s[:limit].strip("-") or "session"


@dataclass(frozen=True)
class SessionFolder:
    path: Path

    @property
    def id(self) -> str:
        return self.path.name

    @property
    def meta_path(self) -> Path:
        return self.path / "session.json"

    @property
    def audio_path(self) -> Path:
        return self.path / "audio.wav"

    @property
    def marks_path(self) -> Path:
        return self.path / "marks.json"

    @property
    def transcript_path(self) -> Path:
        return self.path / "transcript.json"

    @property
    def analysis_path(self) -> Path:
        return self.path / "analysis.json"

    @property
    def corrections_path(self) -> Path:
        return self.path / "corrections.json"

    def read_meta(self) -> SessionMeta:
        """session.json, the one way it is read; DebriefError when it is not an object."""
        data = read_json(self.meta_path)
        if not isinstance(data, dict):
            raise DebriefError("not a Debrief session file", self.meta_path)
        return SessionMeta.from_json(data)

    def write_meta(self, meta: SessionMeta | Mapping[str, Any]) -> None:
        """session.json, atomically, the one way it is written (a plain document is
        taken as the record it reads as)."""
        if not isinstance(meta, SessionMeta):
            meta = SessionMeta.from_json(meta)
        write_json_atomic(self.meta_path, {"schema": SESSION_SCHEMA, **meta.to_json()})

    @classmethod
    def create(
        cls, label: str, root: Path | None = None, now: datetime | None = None
    ) -> SessionFolder:
        """A new, empty session folder named by its start time and a slug of `label`."""
        root = root or sessions_dir()
        stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
        base = f"{stamp}-{slug(label)}"
        path, n = root / base, 1
        while path.exists():
            n += 1
            path = root / f"{base}-{n}"
        path.mkdir(parents=True)
        return cls(path)
