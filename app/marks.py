"""MARKS.json: the second (on the audio timeline) at which each stage began.

    {"stages": [{"stage": "problem", "start": 0.0}, {"stage": "developer", "start": 212.4}]}

Written by the stage clock, read by the analysis (`--marks`). The user's bookmarks,
the other moments kept on the audio timeline, are recorded here too (their file is
app.review_state.bookmarks), so reports below the review can carry them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from app.errors import DebriefError
from app.fileio.jsonfile import read_json, write_json_atomic
from app.stages import STAGE_IDS


@dataclass
class Bookmark:
    """A moment the user marked, in seconds of audio, with their note."""

    time: float
    note: str = ""


class StageStart(NamedTuple):
    """One entry of the marks: a stage and the second of audio at which it began."""

    stage: str
    start: float


Marks = list[StageStart]


def save_marks(path: Path, marks: Marks) -> None:
    """Write marks atomically (the stage clock saves after every transition)."""
    write_json_atomic(path, {"stages": [{"stage": s, "start": round(t, 3)} for s, t in marks]})


def load_marks(path: Path, duration: float | None = None) -> Marks:
    """Read and validate marks: known stage ids, times that never go backwards, and
    (when `duration` is given) no stage starting past the end of the audio."""
    path = Path(path)
    data = read_json(path)
    entries = data.get("stages") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise DebriefError('not a marks file (expected {"stages": [...]})', path)
    marks: Marks = []
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise DebriefError(f"entry {n} is not an object", path)
        stage, start = entry.get("stage"), entry.get("start")
        if stage not in STAGE_IDS:
            raise DebriefError(
                f"entry {n}: unknown stage {stage!r} (expected one of {', '.join(STAGE_IDS)})",
                path,
            )
        if isinstance(start, bool) or not isinstance(start, int | float) or start < 0:
            raise DebriefError(f"entry {n}: start must be a non-negative number of seconds", path)
        if marks and start < marks[-1][1]:
            raise DebriefError(
                f"entry {n}: {stage} starts at {start:g} s, before the previous stage "
                f"({marks[-1][0]} at {marks[-1][1]:g} s)",
                path,
            )
        if duration is not None and start > duration + 1.0:
            raise DebriefError(
                f"entry {n}: {stage} starts at {start:g} s, past the end of the audio "
                f"({duration:.1f} s)",
                path,
            )
        marks.append(StageStart(stage, float(start)))
    if not marks:
        raise DebriefError("no stages in the marks file", path)
    return marks
