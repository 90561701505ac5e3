"""Replace a file so a crash leaves the old version or the new one, never half of each.

The new bytes go to a temporary file beside the target (same folder, so the rename
cannot cross a file system), are synced when `durable`, and are renamed over the
target. On any failure, a full disk included, the temporary file is removed so it
does not sit on the last free blocks."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

PART_SUFFIX = ".part"


@contextlib.contextmanager
def atomic_writer(path: Path, durable: bool = True) -> Iterator[BinaryIO]:
    """A binary file that becomes `path` when the block ends without an error."""
    tmp = path.with_name(path.name + PART_SUFFIX)
    try:
        with open(tmp, "wb") as fh:
            yield fh
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        with contextlib.suppress(OSError):  # keep the mode of the file being replaced
            os.chmod(tmp, os.stat(path).st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_atomic(path: Path, data: bytes | str, durable: bool = True) -> None:
    """Replace `path` with `data` (str is written as UTF-8) atomically."""
    with atomic_writer(path, durable) as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
