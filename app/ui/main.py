"""Start the desktop app: one QApplication, one main window."""

from __future__ import annotations

import sys
import time

from app import __version__
from app.paths import resources_dir

_STARTED = time.monotonic()


def run(smoke: bool = False) -> int:
    """Open the main window and run until it closes. With `smoke`, close after a second
    and print the time it took to show the first window (used by the bundle check)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Debrief")
    app.setOrganizationName("Debrief")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("io.github.debrief.Debrief")
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "debrief.svg")))
    window = MainWindow()
    window.show()
    if smoke:
        def report() -> None:
            print(f"first window shown after {time.monotonic() - _STARTED:.2f} s")
            window.close()
            app.quit()

        QTimer.singleShot(1000, report)
    else:
        QTimer.singleShot(0, window.offer_recovery)
    return app.exec()
