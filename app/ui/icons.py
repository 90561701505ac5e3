"""The app's own icons, drawn as SVGs in resources/icons.

Symbols such as a pause sign or a flag are not in every system font (a missing one
shows as an empty box), so controls use these icons, or plain words, instead.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon, QPixmap

from app.paths import resources_dir


@cache
def icon(name: str) -> QIcon:
    """The icon resources/icons/<name>.svg (an empty icon if the file is missing)."""
    path = resources_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def pixmap(name: str, size: int = 16) -> QPixmap:
    """The icon `name` drawn at `size` pixels square."""
    return icon(name).pixmap(size, size)
