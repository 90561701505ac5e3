"""The real app in a child process, for the retake kill test, driven from a timer.

    python retake_child.py take PARENT_ID     open the parent's review, "Retake this" on
        its missed idempotency item, Start; print `live FOLDER` once the take's clock
        runs, then `t AUDIO` every 0.2 s until killed (or 60 s)
    python retake_child.py reopen PARENT_ID   start the app as after a crash: Recover in
        the recovery question, then open the parent's review and print `card ID STATE`
        for each take its Retakes tab lists, and `done`

The data dir, settings and PulseAudio server come from the environment (the test's).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.rehearsal.recovery import find_unfinished
from app.ui import main
from app.ui.main_window import MainWindow

_timers: list[QTimer] = []  # kept alive while the app runs


def _window() -> MainWindow:
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))


def take(parent_id: str) -> None:
    window = _window()
    window.open_session(parent_id)
    panel = window.review.retakes
    dialog = panel.start_take(next(o for o in panel.offers if o.key == "idempotency"))
    assert dialog is not None and dialog.start()
    deadline = time.monotonic() + 60

    def tick() -> None:
        r = dialog.rehearsal
        assert r is not None
        if not r.started:
            return
        if not getattr(tick, "live", False):
            tick.live = True  # type: ignore[attr-defined]
            print("live", r.folder.path, flush=True)
        print("t", r.recorder.audio_time(), flush=True)
        if time.monotonic() > deadline:
            QApplication.quit()

    timer = QTimer(window, interval=200)
    timer.timeout.connect(tick)
    timer.start()


def reopen(parent_id: str) -> None:
    def step() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):  # "Recover rehearsals"
            box.defaultButton().click()
            return
        if find_unfinished():
            return  # the question has not come up yet
        timer.stop()
        window = _window()
        window.open_session(parent_id)
        for card in window.review.retakes.cards:
            print("card", card.retake.id, card.retake.state, flush=True)
        print("done", flush=True)
        QApplication.quit()

    timer = QTimer(interval=100)
    timer.timeout.connect(step)
    timer.start()
    _timers.append(timer)


def drive() -> None:
    mode, parent_id = sys.argv[1], sys.argv[2]
    (take if mode == "take" else reopen)(parent_id)


if __name__ == "__main__":
    app = QApplication(sys.argv)
    QTimer.singleShot(300, drive)
    sys.exit(main.run())
