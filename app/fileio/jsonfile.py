"""JSON files: read with every failure a DebriefError naming the file, written
atomically."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.errors import DebriefError
from app.fileio.atomic import write_atomic


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON so that a crash leaves either the old file or the new one, never half."""
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1))


def read_json(path: Path) -> Any:
    """Read a JSON file, turning every failure into a DebriefError naming the file."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DebriefError("file not found", path) from None
    except UnicodeDecodeError:
        raise DebriefError("is not UTF-8 text", path) from None
    except json.JSONDecodeError as exc:
        raise DebriefError(f"not valid JSON ({exc.msg})", path, exc.lineno) from None
    except OSError as exc:
        raise DebriefError(f"cannot be read ({exc.strerror})", path) from None
