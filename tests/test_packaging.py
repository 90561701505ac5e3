"""The desktop integration files are valid, and the icon renders at every standard size."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage
from speech import require

PACKAGING = Path(__file__).resolve().parent.parent / "packaging"
APP_ID = "io.github.debrief.Debrief"


def test_metainfo_validates():
    tool = require("appstreamcli")
    out = subprocess.run([tool, "validate", "--no-net", str(PACKAGING / f"{APP_ID}.metainfo.xml")],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_desktop_file_validates():
    tool = require("desktop-file-validate")
    out = subprocess.run([tool, str(PACKAGING / f"{APP_ID}.desktop")], capture_output=True,
                         text=True)
    assert out.returncode == 0 and "error" not in out.stdout, out.stdout


def test_icons_render_at_standard_sizes(tmp_path):
    subprocess.run([sys.executable, str(PACKAGING / "make_icons.py"), str(tmp_path)],
                   check=True, capture_output=True)
    for n in (16, 32, 48, 128, 256, 512):
        image = QImage(str(tmp_path / "hicolor" / f"{n}x{n}" / "apps" / f"{APP_ID}.png"))
        assert (image.width(), image.height()) == (n, n)
        # Not blank: the centre of the icon is painted.
        assert image.pixelColor(n // 2, n // 2).alpha() == 255
