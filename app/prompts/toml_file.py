"""Reading a small TOML file the user may have got wrong, with the line of the fault."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from app import textfile
from app.errors import DebriefError

MAX_BYTES = 256 * 1024  # a prompt is a page of text; anything bigger is the wrong file

_AT_LINE = re.compile(r"\s*\(at line (\d+), column \d+\)\s*$")
_AT_EOF = re.compile(r"\s*\(at end of document\)\s*$")


def read_text(path: Path) -> str:
    """The prompt file's text: DebriefError if missing, unreadable, too big or not UTF-8."""
    return textfile.read_text(path, "prompt", MAX_BYTES)


def parse_toml(text: str, path: Path) -> dict[str, Any]:
    """Parse TOML text; a syntax error becomes a DebriefError with its line."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        line: int | None = None
        if found := _AT_LINE.search(message):
            line = int(found.group(1))
            message = message[: found.start()]
        elif found := _AT_EOF.search(message):
            line = text.count("\n") + (0 if text.endswith("\n") else 1)
            message = message[: found.start()] + " at the end of the file"
        raise DebriefError(f"not valid TOML: {message[:1].lower()}{message[1:]}", path,
                           line) from None


def read_toml(path: Path) -> dict[str, Any]:
    """Read and parse a TOML file, every failure a DebriefError naming the file."""
    return parse_toml(read_text(path), path)
