"""Where a command's or an export's output goes, and how it gets there.

Every writer of user-chosen output (`-o OUT` on the command line, Export in the
review) goes through `open_output`, which respects what the path points at:

- `-` is standard output;
- an existing device, FIFO or terminal (/dev/null, /dev/stdout, a named pipe) is
  opened and written through: never replaced, truncated by rename or unlinked, and
  no temporary file is made beside it (that would be in /dev);
- a regular file, new or existing, is written atomically through a temporary file
  next to it, so a failure leaves the old file as it was;
- a folder, a socket, a missing folder or one we may not write in is one
  DebriefError naming the path, and nothing is left behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from app.errors import DebriefError
from app.fileio.atomic import atomic_writer

STDOUT = "-"


def is_stdout(target: str | Path) -> bool:
    """True for `-`, the conventional name for standard output."""
    return str(target) == STDOUT


def writes_through(target: str | Path) -> bool:
    """True when `target` is standard output or an existing non-regular file: it gets
    the bytes as they are, in any format the caller picks (it has no suffix to go by)."""
    if is_stdout(target):
        return True
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def check_output(target: str | Path) -> None:
    """Raise the DebriefError `open_output` would, before any slow work is done for it:
    a folder, a socket, or a folder that does not exist. Creates nothing."""
    if is_stdout(target):
        return
    path = Path(target)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if not Path(os.path.realpath(path)).parent.is_dir():
            raise DebriefError("cannot be written (its folder does not exist)", path) from None
        return
    except OSError as exc:
        raise DebriefError(_why(exc), path) from None
    if stat.S_ISDIR(mode):
        raise DebriefError("is a folder; give a file name to write to", path)
    if stat.S_ISSOCK(mode):
        raise DebriefError("is a socket, not a file to write to", path)


def _why(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "cannot be written (its folder does not exist)"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "cannot be written (permission denied)"
    if exc.errno == errno.EROFS:
        return "cannot be written (the disk is read-only)"
    if exc.errno == errno.ENOSPC:
        return "cannot be written (the disk is full)"
    return f"cannot be written ({exc.strerror or exc})"


@contextlib.contextmanager
def open_output(target: str | Path) -> Iterator[BinaryIO]:
    """A binary file object for `target`; the output is complete when the block ends."""
    if is_stdout(target):
        out = sys.stdout.buffer
        yield out
        out.flush()
        return
    check_output(target)
    path = Path(target)
    try:
        try:
            mode: int | None = os.stat(path).st_mode
        except FileNotFoundError:
            mode = None
        if mode is not None and not stat.S_ISREG(mode):
            # A device, FIFO or terminal: open what is there, create nothing.
            fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
            with os.fdopen(fd, "wb") as fh:
                yield fh
            return
        # A symlink to a regular file stays a symlink: the file it names is replaced.
        real = Path(os.path.realpath(path))
        with atomic_writer(real) as fh:
            yield fh
    except OSError as exc:
        raise DebriefError(_why(exc), path) from None


def write_output(target: str | Path, data: str | bytes) -> None:
    """Write all of `data` (str as UTF-8) to `target` as `open_output` describes."""
    with open_output(target) as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
