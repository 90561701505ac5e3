"""The banner that says the end of the recording is still being transcribed, polling a
status callable until the work is done (never blocking the window)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QWidget

# What is polled: None once finished, else a fraction done (0..1), a message, or a live
# transcriber's status (an object with transcribed, recorded, finished, error).
PendingStatus = Callable[[], object]
_POLL_MS = 300


class PendingBanner(QFrame):
    """Emits `finished()` once the status says done and `ready_file` exists."""

    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel("")
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setMaximumWidth(240)
        row.addWidget(self.label, 1)
        row.addWidget(self.bar)
        self._status: PendingStatus | None = None
        self._ready_file: Path | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(_POLL_MS)
        self._timer.timeout.connect(self.poll)
        self.hide()

    def watch(self, status: PendingStatus | None, ready_file: Path | None = None) -> None:
        """Start polling `status` (None stops and hides the banner). Done also waits for
        `ready_file` (the analysis) to exist."""
        self._status, self._ready_file = status, ready_file
        if status is None:
            self._timer.stop()
            self.hide()
            return
        self.bar.show()
        self.show()
        self.poll()
        if self._status is not None:
            self._timer.start()

    def poll(self) -> None:
        if self._status is None:
            return
        try:
            state = self._status()
        except Exception as exc:  # the transcriber failed; say so and stop asking
            self._timer.stop()
            self.bar.hide()
            self.label.setText(f"Transcription stopped: {exc}")
            return
        done, fraction, message = read_status(state)
        if done and self._ready_file is not None and not self._ready_file.exists():
            done, fraction, message = False, None, "Analysing the transcript…"
        if done:
            self.watch(None)
            self.finished.emit()
            return
        if fraction is None:
            self.bar.setRange(0, 0)  # busy, with no measure of how far
            self.label.setText(message or "Finishing the transcript…")
        else:
            self.bar.setRange(0, 100)
            self.bar.setValue(round(fraction * 100))
            self.label.setText(message or (
                f"Transcribing the end of the rehearsal… {fraction:.0%}. "
                "The review fills in when it is done."))


def read_status(state: object) -> tuple[bool, float | None, str | None]:
    """(done, fraction, message) from whatever the status callable returned."""
    if state is None:
        return True, None, None
    if isinstance(state, str):
        return False, None, state
    if isinstance(state, int | float):
        return False, max(0.0, min(1.0, float(state))), None
    error = getattr(state, "error", None)
    if error:
        return False, None, f"Transcription stopped: {error}"
    if getattr(state, "finished", False):
        return True, None, None
    recorded = getattr(state, "recorded", 0.0) or 0.0
    transcribed = getattr(state, "transcribed", 0.0) or 0.0
    return False, (min(1.0, transcribed / recorded) if recorded else None), None
