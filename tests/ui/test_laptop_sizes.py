"""The main window on laptop screens: each screen and state fits 1280x720 and 1366x768.

Qt picks its screen when the application starts, so each size runs
tests/ui/screens_at_size.py in a child pytest on an offscreen screen of exactly that
size (the offscreen platform reads its screens from a JSON file).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.audio, pytest.mark.slow]

HERE = Path(__file__).parent


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_fits_a_laptop_screen(size: tuple[int, int], tmp_path: Path):
    width, height = size
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [
        {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
         "logicalDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    out = subprocess.run(
        [sys.executable, "-m", "pytest", str(HERE / "screens_at_size.py"), "-q", "-x",
         "-p", "no:cacheprovider"],
        cwd=HERE.parent.parent, env=env, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout[-6000:] + out.stderr[-2000:]
    assert re.search(r"\b4 passed", out.stdout), out.stdout[-2000:]  # none skipped
