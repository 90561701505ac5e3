"""How fast the history lists: 500 stored sessions in a temp data dir.

Times the very first listing (every analysis read), (a) a cold listing that rebuilds a
deleted index from the folders, (b) a warm listing
from the index, (c) the home screen's table model filled from the store. Analyses are
the size a 45-minute answer produces (about 6,700 words with timings) unless --small.

    python bench/sessions_list.py [--count 500] [--small]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # sample sessions


def pad_words(path: Path, words: int) -> None:
    """Give a sample analysis a realistic transcript: `words` timed words in segments of
    about a dozen, spread over its stages."""
    data = json.loads(path.read_text())
    duration = data["duration"]
    per_segment = 12
    n = max(1, words // per_segment)
    step = duration / n
    segments = []
    for i in range(n):
        start = i * step
        stage = next((s["stage"] for s in data["stages"] if s["start"] <= start < s["end"]),
                     data["stages"][-1]["stage"])
        ws = [[round(start + k * step / per_segment, 3),
               round(start + (k + 1) * step / per_segment, 3), f" word{k}"]
              for k in range(per_segment)]
        segments.append({"start": round(start, 3), "end": round(start + step, 3),
                         "text": " ".join(w[2] for w in ws), "stage": stage,
                         "category": "api", "cues": ["endpoint"], "words": ws})
    data["segments"] = segments
    path.write_text(json.dumps(data))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--small", action="store_true", help="keep the tiny sample analyses")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="debrief-bench-")
    os.environ["DEBRIEF_DATA_DIR"] = tmp
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from sample_sessions import write_progression

    from app.paths import data_dir, sessions_dir
    from app.sessions.store import SessionStore

    began = time.perf_counter()
    folders = write_progression(sessions_dir(), args.count, start=datetime(2025, 1, 1, 9))
    if not args.small:
        for f in folders:
            pad_words(f.analysis_path, 6750)
    size = sum(f.analysis_path.stat().st_size for f in folders)
    print(f"generated {args.count} sessions in {time.perf_counter() - began:.1f} s "
          f"({size / 2**20:.0f} MB of analysis.json, "
          f"{size / args.count / 1024:.0f} KB each)")

    from app.sessions.store import SUMMARY_CACHE

    index = data_dir() / "index.sqlite3"
    first = []
    for _ in range(min(args.repeat, 3)):
        index.unlink(missing_ok=True)
        for f in folders:
            (f.path / SUMMARY_CACHE).unlink(missing_ok=True)
        t = time.perf_counter()
        rows = SessionStore().list()
        first.append(time.perf_counter() - t)
    assert len(rows) == args.count and all(r.damaged is None for r in rows)
    cold = []
    for _ in range(args.repeat):
        index.unlink(missing_ok=True)
        t = time.perf_counter()
        rows = SessionStore().list()
        cold.append(time.perf_counter() - t)
    assert len(rows) == args.count

    warm = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        rows = SessionStore().list()
        warm.append(time.perf_counter() - t)

    from PySide6.QtWidgets import QApplication

    from app.ui.home.session_list import SessionList

    app = QApplication.instance() or QApplication([])
    filled = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        widget = SessionList(SessionStore())
        widget.proxy.rowCount()
        app.processEvents()
        filled.append(time.perf_counter() - t)
        assert widget.model.rowCount() == args.count
        widget.deleteLater()

    from app.ui.home import HomeView

    home_times = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        home = HomeView(SessionStore(), prompts=lambda: [])
        home.resize(1300, 760)
        home.show()
        app.processEvents()
        home_times.append(time.perf_counter() - t)
        home.close()
        home.deleteLater()

    def fmt(xs: list[float]) -> str:
        return f"median {statistics.median(xs) * 1000:7.1f} ms  (min {min(xs) * 1000:.1f})"

    print(f"    first listing ever (every analysis.json parsed): {fmt(first)}")
    print(f"(a) cold list, index deleted and rebuilt:           {fmt(cold)}")
    print(f"(b) warm list from the index:                       {fmt(warm)}")
    print(f"(c) session table model populated (list + model):   {fmt(filled)}")
    print(f"    whole home view built and shown (list + trends): {fmt(home_times)}")
    import shutil

    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
