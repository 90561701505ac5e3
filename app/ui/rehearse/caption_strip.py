"""The optional live captions under the clock: the last lines the recognizer wrote.

Off by default (reading yourself back while speaking distracts); Settings turns it on.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from app.ui.rehearse.rehearse_style import MUTED


class CaptionStrip(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("captionStrip")
        self.setTextFormat(Qt.TextFormat.PlainText)  # recognizer output is text, not markup
        self.setWordWrap(True)
        self.setMinimumHeight(56)
        self.setStyleSheet(f"#captionStrip {{ font-size: 18px; color: {MUTED};"
                           " border-top: 1px solid palette(mid); padding: 6px 4px; }")
        self.hide()

    def set_lines(self, lines: list[str]) -> None:
        """Show the last lines; an empty list shows a placeholder while the first chunk
        (10–20 s of speech) is still being transcribed."""
        text = "  ".join(line.strip() for line in lines if line.strip())
        self.setText(text or "Captions appear after the first quarter minute of speech…")
