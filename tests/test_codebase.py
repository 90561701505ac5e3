"""Habits the code keeps: ruff clean, and Qt only inside app/ui."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def test_ruff_is_clean():
    out = subprocess.run([str(BIN / "ruff"), "check", "."], cwd=REPO,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_only_the_ui_imports_qt():
    out = subprocess.run([str(BIN / "lint-imports")], cwd=REPO, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_domain_runs_without_qt():
    # Import every non-UI module in a fresh interpreter and check Qt was never loaded.
    # (walk_packages imports each package it descends into, so keep it out of app.ui.)
    code = (
        "import importlib, pkgutil, sys, app\n"
        "for top in pkgutil.iter_modules(app.__path__, 'app.'):\n"
        "    if top.name in ('app.ui', 'app.__main__'):\n"
        "        continue\n"
        "    mod = importlib.import_module(top.name)\n"
        "    for m in pkgutil.walk_packages(getattr(mod, '__path__', []), top.name + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "assert not any(k.startswith('PySide6') for k in sys.modules), 'Qt was imported'\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
