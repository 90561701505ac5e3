"""REC and the time recorded, on every page but the rehearsal's, while a take goes on.

Leaving the rehearsal for Home or Prompts does not stop the recording; this badge says
so and takes the user back with one click.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSizePolicy, QToolButton, QWidget

from app.rehearsal.stage_clock import format_clock


class RecordingBadge(QToolButton):
    """A red "REC 12:34" button; clicked() means "back to the rehearsal"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordingBadge")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setStyleSheet("#recordingBadge { background: #d93025; color: white; "
                           "font-weight: 800; border: none; border-radius: 6px; "
                           "padding: 6px 4px; }")
        self.setToolTip("A rehearsal is being recorded. Back to it (Ctrl+3)")
        self.hide()

    def show_recording(self, seconds: float | None, paused: bool = False) -> None:
        """Show the time recorded so far, or hide the badge when `seconds` is None."""
        if seconds is None:
            self.hide()
            return
        self.setText(f"{'PAUSED' if paused else 'REC'}\n{format_clock(seconds)}")
        self.show()
