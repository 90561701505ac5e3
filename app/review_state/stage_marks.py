"""Stage boundaries set by hand in the review.

The analysis always reads the session's marks.json (see app.sessions.finalize). Before
the first hand edit, what the session had is kept in marks.recorded.json: a byte copy of
the marks the stage clock (or the import) wrote, or {"stages": []} when the stages were
estimated from content. Resetting puts that back (or removes marks.json, so the stages
are estimated again) and forgets the copy.

The edits themselves are pure functions on (stage, start) lists that keep the marks
valid: in time order, each stage no shorter than MIN_STAGE, inside the audio, the first
starting at 0, and stages never placed before one that comes earlier in the interview.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from app.errors import DebriefError
from app.fileio.atomic import write_atomic
from app.fileio.jsonfile import read_json
from app.marks import Marks, StageStart, load_marks, save_marks
from app.sessions.folder import SessionFolder
from app.stages import STAGE_IDS, STAGE_TITLES

RECORDED_NAME = "marks.recorded.json"
MIN_STAGE = 1.0  # seconds; a shorter stage is a slip of the mouse, not a stage


@dataclass(frozen=True)
class StageChoice:
    """Whether "start `stage` here" is possible at a moment, and why not."""

    stage: str
    allowed: bool
    reason: str = ""


def quoted(stage: str) -> str:
    """The stage's title in quotes, as messages name it."""
    return f"“{STAGE_TITLES.get(stage, stage)}”"


def _order(stage: str) -> int:
    return STAGE_IDS.index(stage) if stage in STAGE_IDS else len(STAGE_IDS)


def _span_at(marks: Marks, t: float) -> int:
    """Index of the stage span holding time `t`."""
    return max(i for i, (_s, start) in enumerate(marks) if start <= t or i == 0)


def _end(marks: Marks, k: int, duration: float) -> float:
    return marks[k + 1][1] if k + 1 < len(marks) else duration


def start_stage(marks: Marks, stage: str, t: float, duration: float) -> Marks:
    """The marks with `stage` starting at `t`: the stage around `t` or the one after it
    moves its start there, or `stage` is put in between. Raises DebriefError (with the
    reason, for the user) when the stage cannot start there."""
    if stage not in STAGE_IDS:
        raise DebriefError(f"unknown stage {stage!r}")
    if t > duration:  # the strip reaches past the recording when a plan ran longer
        raise DebriefError("past the end of the recording")
    t = max(t, 0.0)
    k = _span_at(marks, t)
    here, start = marks[k]
    new = list(marks)
    if here == stage:
        if t - start < MIN_STAGE:
            raise DebriefError(f"{quoted(stage)} already starts here")
        if _end(marks, k, duration) - t < MIN_STAGE:
            raise DebriefError(f"too close to the end of {quoted(stage)}")
        if k == 0:
            # Something came before it: the stage before it in the interview, which is
            # what the clock would have shown there.
            if _order(stage) == 0:
                raise DebriefError(f"{quoted(stage)} is the first stage; it starts at 0:00")
            return [StageStart(STAGE_IDS[_order(stage) - 1], 0.0), StageStart(stage, t),
                    *marks[1:]]
        new[k] = StageStart(stage, t)
        return new
    if t - start < MIN_STAGE:
        raise DebriefError(f"too close to the start of {quoted(here)}")
    if k + 1 < len(marks) and marks[k + 1][0] == stage:
        new[k + 1] = StageStart(stage, t)  # it starts earlier
        return new
    if _order(stage) < _order(here):
        raise DebriefError(f"{quoted(stage)} comes before {quoted(here)}")
    if k + 1 < len(marks) and _order(stage) > _order(marks[k + 1][0]):
        raise DebriefError(f"{quoted(stage)} comes after {quoted(marks[k + 1][0])}, "
                           "which starts later")
    if _end(marks, k, duration) - t < MIN_STAGE:
        raise DebriefError(f"too close to the end of {quoted(here)}")
    new.insert(k + 1, StageStart(stage, t))
    return new


def choices(marks: Marks, t: float, duration: float) -> list[StageChoice]:
    """For every stage, whether it can start at `t` (what the menu offers)."""
    out = []
    for stage in STAGE_IDS:
        try:
            start_stage(marks, stage, t, duration)
        except DebriefError as exc:
            out.append(StageChoice(stage, False, exc.message))
        else:
            out.append(StageChoice(stage, True))
    return out


def move_start(marks: Marks, index: int, t: float, duration: float) -> Marks:
    """The marks with stage span `index` (not the first) starting at `t`, clamped so that
    it and its neighbours keep at least MIN_STAGE."""
    if not 0 < index < len(marks):
        raise DebriefError("the first stage always starts at 0:00")
    low = marks[index - 1][1] + MIN_STAGE
    high = _end(marks, index, duration) - MIN_STAGE
    if low > high:
        return list(marks)  # no room to move it either way
    new = list(marks)
    new[index] = StageStart(marks[index][0], min(max(t, low), high))
    return new


def remove_start(marks: Marks, index: int) -> Marks:
    """The marks without stage span `index`: its time goes to the stage before it (to
    the one after it for the first stage, which then starts at 0)."""
    if len(marks) < 2:
        raise DebriefError("the only stage cannot be removed")
    new = list(marks)
    del new[index]
    new[0] = StageStart(new[0][0], 0.0)
    # Removing the stage between two spans of one stage (a return) joins them.
    return [m for i, m in enumerate(new) if i == 0 or new[i - 1][0] != m[0]]


# -- the files ------------------------------------------------------------------------------


def recorded_path(folder: SessionFolder) -> Path:
    return folder.path / RECORDED_NAME


def is_edited(folder: SessionFolder) -> bool:
    """True once the user has set the stages by hand."""
    return recorded_path(folder).exists()


def recorded_were_estimated(folder: SessionFolder) -> bool:
    """True when the stages before any edit were estimated (no marks were recorded)."""
    path = recorded_path(folder)
    if path.exists():
        try:
            data = read_json(path)
        except DebriefError:
            return False  # a damaged copy of real marks; the reset says what is wrong
        return isinstance(data, dict) and data.get("stages") == []
    return not folder.marks_path.exists()


def write_marks(folder: SessionFolder, marks: Marks) -> None:
    """Save hand-set marks as the session's marks.json, keeping what was there first."""
    keep = recorded_path(folder)
    try:
        if not keep.exists():
            if folder.marks_path.exists():
                load_marks(folder.marks_path)  # a damaged file is reported, not replaced
                write_atomic(keep, folder.marks_path.read_bytes())
            else:
                write_atomic(keep, b'{"stages": []}\n')
        save_marks(folder.marks_path, marks)
    except OSError as exc:
        raise DebriefError(f"cannot be written ({exc.strerror or exc})",
                           folder.marks_path) from None


def restore_recorded(folder: SessionFolder) -> None:
    """Put back the marks as they were before any hand edit (none: estimate again)."""
    keep = recorded_path(folder)
    if not keep.exists():
        return
    data = read_json(keep)
    try:
        if isinstance(data, dict) and data.get("stages") == []:
            folder.marks_path.unlink(missing_ok=True)
        else:
            load_marks(keep)  # check it before it replaces anything
            write_atomic(folder.marks_path, keep.read_bytes())
        keep.unlink()
    except OSError as exc:
        raise DebriefError(f"cannot be written ({exc.strerror or exc})",
                           folder.marks_path) from None


Snapshot = tuple[bytes | None, bytes | None]  # marks.json, marks.recorded.json (None: absent)


def snapshot(folder: SessionFolder) -> Snapshot:
    """The two marks files as they are now: to roll back a change that failed, or to
    undo one."""
    def read(path: Path) -> bytes | None:
        return path.read_bytes() if path.exists() else None

    marks, recorded = _snapshot_files(folder)
    return read(marks), read(recorded)


def restore(folder: SessionFolder, saved: Snapshot) -> None:
    """Put both marks files back as `snapshot` read them."""
    try:
        for path, body in zip(_snapshot_files(folder), saved, strict=True):
            _put(path, body)
    except OSError as exc:
        raise DebriefError(f"cannot be written ({exc.strerror or exc})",
                           folder.marks_path) from None


def roll_back(folder: SessionFolder, saved: Snapshot) -> None:
    """restore(), as far as it goes: the change already failed, and that error is the
    one to report."""
    for path, body in zip(_snapshot_files(folder), saved, strict=True):
        with contextlib.suppress(OSError):
            _put(path, body)


def _snapshot_files(folder: SessionFolder) -> tuple[Path, Path]:
    """The files a Snapshot holds, in its order."""
    return folder.marks_path, recorded_path(folder)


def _put(path: Path, body: bytes | None) -> None:
    if body is None:
        path.unlink(missing_ok=True)
    else:
        write_atomic(path, body)  # the copy may be the only one left
