"""Deleting a session without losing it by accident: into the system trash where there
is one, else into Debrief's own trash folder, and back again on undo.

On Linux (and other freedesktop systems) this follows the Trash specification
(https://specifications.freedesktop.org/trash-spec/): the folder moves into
$XDG_DATA_HOME/Trash/files/<name> and Trash/info/<name>.trashinfo records where it came
from and when, so the desktop's file manager can restore it too. The home trash is used
only when it is on the same filesystem as the session (a move, not a copy); otherwise,
and on other systems, the session goes to <data dir>/trash laid out the same way.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from app.errors import DebriefError
from app.paths import data_dir


@dataclass(frozen=True)
class Trashed:
    """What undo needs: where the folder was and where it is now."""

    original: Path
    trashed: Path
    info: Path
    # Folders that went with this one (a session's retakes): undo brings them back too.
    along: tuple[Trashed, ...] = ()

    @property
    def in_system_trash(self) -> bool:
        return self.trashed.parent != app_trash_dir() / "files"


def system_trash_dir() -> Path | None:
    """The freedesktop home trash, or None on systems without one."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "Trash"


def app_trash_dir() -> Path:
    """Debrief's own trash, used when the system has none we can move into."""
    return data_dir() / "trash"


def _same_device(path: Path, trash: Path) -> bool:
    probe = trash
    while not probe.exists():
        probe = probe.parent
    try:
        return os.stat(path).st_dev == os.stat(probe).st_dev
    except OSError:
        return False


def _reserve(trash: Path, name: str, original: Path) -> tuple[Path, Path]:
    """Claim a free name in the trash by creating its .trashinfo exclusively (the
    spec's way of avoiding two deletions racing for the same name)."""
    files, info = trash / "files", trash / "info"
    files.mkdir(parents=True, exist_ok=True, mode=0o700)
    info.mkdir(parents=True, exist_ok=True, mode=0o700)
    body = (
        "[Trash Info]\n"
        f"Path={quote(str(original.absolute()))}\n"
        f"DeletionDate={datetime.now().strftime('%Y-%m-%dT%H:%M:%S')}\n"
    )
    for n in range(1, 10_000):
        candidate = name if n == 1 else f"{name}.{n}"
        info_path = info / f"{candidate}.trashinfo"
        if (files / candidate).exists():
            continue
        try:
            fd = os.open(info_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(body)
        return files / candidate, info_path
    raise DebriefError("the trash has no free name for this session", trash)


def move_to_trash(path: Path) -> Trashed:
    """Move the file or folder at `path` to the trash; returns what undo needs."""
    path = Path(path)
    if not path.exists():
        raise DebriefError("is already gone", path)
    system = system_trash_dir()
    trash = system if system is not None and _same_device(path, system) else app_trash_dir()
    target, info = _reserve(trash, path.name, path)
    try:
        shutil.move(path, target)  # a rename when on the same filesystem
    except OSError as exc:
        info.unlink(missing_ok=True)
        raise DebriefError(f"cannot be moved to the trash ({exc.strerror})", path) from None
    return Trashed(original=path, trashed=target, info=info)


def restore(item: Trashed) -> Path:
    """Put a trashed folder back where it was (undo)."""
    if item.original.exists():
        raise DebriefError("cannot be restored: something else now has its name",
                           item.original)
    if not item.trashed.exists():
        raise DebriefError("is no longer in the trash (emptied?)", item.trashed)
    try:
        shutil.move(item.trashed, item.original)
    except OSError as exc:
        raise DebriefError(f"cannot be restored ({exc.strerror})", item.trashed) from None
    item.info.unlink(missing_ok=True)
    return item.original
