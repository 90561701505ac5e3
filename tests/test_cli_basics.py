"""The command line's own behaviour: version, help, data dir override."""

from __future__ import annotations

import subprocess
import sys

from app import __version__
from app.paths import data_dir


def test_version_through_the_module_entry_point():
    out = subprocess.run([sys.executable, "-m", "app", "--version"], capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == f"debrief {__version__}"


def test_unknown_command_is_one_clear_line_not_a_traceback():
    out = subprocess.run([sys.executable, "-m", "app", "frobnicate"], capture_output=True,
                         text=True)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert "invalid choice" in out.stderr


def test_data_dir_honours_the_override(tmp_path, monkeypatch):
    monkeypatch.setenv("DEBRIEF_DATA_DIR", str(tmp_path / "elsewhere"))
    assert data_dir() == tmp_path / "elsewhere"
    assert data_dir().is_dir()
