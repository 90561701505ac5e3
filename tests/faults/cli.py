"""Running `debrief` as a user would, for the bad-input tests: a child process with a
timeout (a hang fails the test), and the one-line error contract checked in one place."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from app.paths import sessions_dir

REPO = Path(__file__).resolve().parents[2]


def debrief(*args: str, timeout: float = 90) -> subprocess.CompletedProcess:
    """`debrief ARGS` in a child process (the test's data dir; fails on a hang)."""
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True,
                          text=True, timeout=timeout, cwd=REPO)


def assert_one_clear_error(done: subprocess.CompletedProcess, path: Path | str,
                           *problem: str) -> str:
    """Non-zero exit, no traceback, and one stderr line `debrief: PATH...: PROBLEM`."""
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode != 0, (done.stdout[-500:], done.stderr[-500:])
    assert "Traceback" not in done.stderr, done.stderr
    assert len(lines) == 1, lines
    line = lines[0]
    assert line.startswith("debrief: ") and str(path) in line, line
    for words in problem:
        assert words in line, line
    return line


def snapshot(root: Path | None = None) -> dict[str, str]:
    """Every file under the sessions folder (index caches aside) and its hash."""
    root = root or sessions_dir()
    if not root.exists():
        return {}
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != "summary.cache.json"}
