"""Reading a text file the user handed us (a prompt, a transcript), every failure one
DebriefError that names the file and, where it can, the line."""

from __future__ import annotations

from pathlib import Path

from app.errors import DebriefError


def _size(n: int) -> str:
    return f"{n // 2**20} MB" if n >= 2**20 else f"{n // 1024} KB"


def read_text(path: Path, what: str, max_bytes: int) -> str:
    """The file's UTF-8 text (a leading BOM dropped): DebriefError if it is missing, a
    folder, unreadable, over `max_bytes` or not UTF-8. `what` names the kind of file."""
    try:
        if path.is_dir():
            raise DebriefError(f"is a folder, not a {what} file", path)
        size = path.stat().st_size
        if size > max_bytes:
            raise DebriefError(
                f"file is too large for a {what} ({_size(size)}; the limit is "
                f"{_size(max_bytes)})",
                path,
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise DebriefError("file not found", path) from None
    except PermissionError:
        raise DebriefError("cannot be read (permission denied)", path) from None
    except OSError as exc:
        raise DebriefError(f"cannot be read ({exc.strerror or exc})", path) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DebriefError(
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8", path, line
        ) from None
    return text.removeprefix("\ufeff")  # editors on Windows add a BOM
