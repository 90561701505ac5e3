"""Render resources/icons/debrief.svg to PNGs at the freedesktop standard sizes.

Usage: python packaging/make_icons.py OUTDIR
Writes OUTDIR/hicolor/<N>x<N>/apps/io.github.debrief.Debrief.png (and the SVG as scalable).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

APP_ID = "io.github.debrief.Debrief"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
SOURCE = Path(__file__).resolve().parent.parent / "resources" / "icons" / "debrief.svg"


def render(out: Path) -> list[Path]:
    """Write every size; returns the files written."""
    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(SOURCE))
    written = []
    for n in SIZES:
        image = QImage(n, n, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        path = out / "hicolor" / f"{n}x{n}" / "apps" / f"{APP_ID}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        image.save(str(path))
        written.append(path)
    scalable = out / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable)
    return [*written, scalable]


if __name__ == "__main__":
    for p in render(Path(sys.argv[1] if len(sys.argv) > 1 else "build/icons")):
        print(p)
