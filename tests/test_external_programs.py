"""Every program the app and the tests run is one that `make test` installs.

The programs are found in the code itself: the first word of a subprocess command
written as a literal, and the names passed to shutil.which() or require() (directly,
or from a literal tuple looped over). Each must be declared in packaging/system-deps.sh
with the Debian package that brings it, and that package must be in the test set, so
a program installed by hand on one machine cannot hide a missing install step."""

from __future__ import annotations

import ast
import re
import shlex
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEPS = REPO / "packaging" / "system-deps.sh"
RUNNERS = {"run", "Popen", "call", "check_call", "check_output", "execvp", "execv", "spawnlp"}
LOOKUPS = {"which", "require"}


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _literal_strings(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return [e.value for e in node.elts
                if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return []


def programs_in(source: str) -> set[str]:
    """The external programs one Python module runs or looks up."""
    tree = ast.parse(source)
    loops: dict[str, list[str]] = {}  # `for t in ("a", "b")` binds t to those names
    for node in ast.walk(tree):
        if isinstance(node, ast.For | ast.comprehension) and isinstance(node.target, ast.Name):
            loops.setdefault(node.target.id, []).extend(_literal_strings(node.iter))
    found: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        first, name = node.args[0], _name(node.func)
        if name in RUNNERS and isinstance(first, ast.List | ast.Tuple) and first.elts:
            head = first.elts[0]
            if isinstance(head, ast.Constant) and isinstance(head.value, str):
                found.add(head.value)
        elif name in LOOKUPS:
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.add(first.value)
            elif isinstance(first, ast.Name):
                found.update(loops.get(first.id, []))
    return found


def _shell_list(name: str) -> list[str]:
    match = re.search(rf'^{name}="([^"]*)"', DEPS.read_text(), re.MULTILINE)
    assert match, f"{DEPS.name} has no {name}= list"
    return shlex.split(match.group(1))


def test_finder_sees_the_ways_code_runs_programs():
    source = '''
import shutil, subprocess
subprocess.run(["sox", "in.wav"])
subprocess.Popen(("paplay", "x"))
shutil.which("strace")
require("espeak-ng")
missing = [t for t in ("pactl", "pulseaudio") if not shutil.which(t)]
subprocess.run([sys.executable, "-m", "app"])
'''
    assert programs_in(source) == {"sox", "paplay", "strace", "espeak-ng", "pactl",
                                   "pulseaudio"}


def test_every_program_is_installed_by_make_test():
    declared = dict(entry.split(":", 1) for entry in _shell_list("PROGRAMS"))
    test_packages = set(_shell_list("TEST"))
    used: dict[str, set[str]] = {}
    for path in sorted([*(REPO / "app").rglob("*.py"), *(REPO / "tests").rglob("*.py")]):
        for program in programs_in(path.read_text(encoding="utf-8")):
            used.setdefault(program, set()).add(str(path.relative_to(REPO)))
    assert {"espeak-ng", "sox", "paplay"} <= set(used), "the finder lost the known programs"
    undeclared = {p: sorted(files) for p, files in used.items() if p not in declared}
    assert not undeclared, f"programs with no package in {DEPS.name} PROGRAMS: {undeclared}"
    not_installed = {p: declared[p] for p in used if declared[p] not in test_packages}
    assert not not_installed, f"packages missing from the TEST set: {not_installed}"
