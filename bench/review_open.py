"""How fast the review of a 60-minute session opens and scrolls.

Builds a synthetic session (600 segments, 9000 timed words, a full analysis, an hour
of audio), then measures: ReviewScreen construction until it is shown and painted;
the time per scroll step over the whole transcript (a repaint after each wheel-sized
step); and the time the playback highlight takes per position update.

    .venv/bin/python bench/review_open.py [--segments 600] [--words 15] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))  # the session builder lives with the tests
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def qt_app() -> Any:
    """The Qt application (offscreen unless QT_QPA_PLATFORM says otherwise)."""
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def open_review(path: Path) -> tuple[Any, float]:
    """Open the review of the session at `path` as the window does: the ReviewScreen
    built, shown and painted. Returns the screen and the seconds it took."""
    from app.ui.review.review_screen import ReviewScreen

    app = qt_app()
    t0 = time.perf_counter()
    screen = ReviewScreen(path)
    screen.resize(1500, 950)
    screen.show()
    app.processEvents()
    screen.repaint()
    return screen, time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--segments", type=int, default=600)
    ap.add_argument("--words", type=int, default=15)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()

    from review_state.review_factory import synthetic_session

    app = qt_app()
    with tempfile.TemporaryDirectory() as tmp:
        path = synthetic_session(Path(tmp), segments=args.segments,
                                 words_per_segment=args.words)
        opens = []
        for _ in range(args.runs):
            screen, seconds = open_review(path)
            opens.append(seconds)
            last = screen
            if len(opens) < args.runs:
                screen.close()
                screen.deleteLater()
                app.processEvents()
        screen = last
        words = len(screen.review.words)
        segments = len(screen.review.analysis.segments)
        view = screen.transcript
        bar = view.verticalScrollBar()
        step = bar.singleStep() * 3  # one wheel notch
        steps = []
        bar.setValue(0)
        while bar.value() < bar.maximum():
            t0 = time.perf_counter()
            bar.setValue(bar.value() + step)
            view.viewport().repaint()
            steps.append(time.perf_counter() - t0)
        follow = []
        duration = screen.review.analysis.duration
        for i in range(1000):
            t0 = time.perf_counter()
            screen.player.seek(duration * i / 1000)
            view.viewport().repaint()
            follow.append(time.perf_counter() - t0)
        search_t0 = time.perf_counter()
        hits = screen.find("webhook")
        search = time.perf_counter() - search_t0
        correct_t0 = time.perf_counter()
        screen.correct_category(10, "ui" if screen.review.analysis.segments[10].category != "ui"
                                else "api")
        correct = time.perf_counter() - correct_t0

    print(f"session: {segments} analysed segments ({args.segments} transcript segments), "
          f"{words} words, {duration / 60:.0f} min, Qt platform {app.platformName()}")
    print(f"open (construct → shown and painted): "
          f"{', '.join(f'{t:.3f}' for t in opens)} s (best {min(opens):.3f} s; target < 2 s)")
    print(f"scroll: {len(steps)} wheel steps over the transcript; per step "
          f"median {statistics.median(steps) * 1000:.1f} ms, p95 {_pct(steps, 0.95) * 1000:.1f}"
          f" ms, max {max(steps) * 1000:.1f} ms (16.7 ms = one frame at 60 Hz)")
    print(f"playback follow (seek + highlight + scroll + repaint): median "
          f"{statistics.median(follow) * 1000:.1f} ms, p95 {_pct(follow, 0.95) * 1000:.1f} ms")
    print(f"search 'webhook': {hits} hits in {search * 1000:.0f} ms; "
          f"a category correction (save + recount + redraw): {correct * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
