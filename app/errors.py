"""The one error type users see: a file and what is wrong with it."""

from __future__ import annotations

from pathlib import Path


class DebriefError(Exception):
    """A problem the user can act on, shown as one line (CLI) or one dialog (GUI).

    `path` names the file at fault when there is one; the message says what is wrong
    in the user's terms, never a Python repr.
    """

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"
