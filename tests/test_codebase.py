"""Habits the code keeps: ruff clean, Qt only inside app/ui, layers in order, no cycles."""

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


def test_only_the_ui_imports_qt_and_layers_point_down():
    # Both import-linter contracts in pyproject.toml: forbidden Qt, and the layer order.
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


def test_no_import_cycle_inside_app():
    # grimp sees imports inside functions too, so a lazy import cannot hide a cycle.
    import grimp

    graph = grimp.build_graph("app", cache_dir=None)
    imports = {m: graph.find_modules_directly_imported_by(m) for m in graph.modules}
    done: set[str] = set()

    def cycle_from(module: str, path: list[str]) -> list[str] | None:
        if module in path:
            return [*path[path.index(module):], module]
        if module in done:
            return None
        for target in sorted(imports[module]):
            found = cycle_from(target, [*path, module])
            if found:
                return found
        done.add(module)
        return None

    for module in sorted(imports):
        cycle = cycle_from(module, [])
        assert cycle is None, "import cycle: " + " -> ".join(cycle)
