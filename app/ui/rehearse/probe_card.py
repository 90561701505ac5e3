"""The interviewer's follow-up, shown as a card when its moment comes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.prompts.plan import ProbeTiming
from app.ui.rehearse.rehearse_style import CARD


class ProbeCard(QFrame):
    """"The interviewer asks: …" with a Dismiss button (or the D key)."""

    dismissed = Signal(object)  # the ProbeTiming

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("probeCard")
        self.setStyleSheet(f"#probeCard {{ background: {CARD}; border: 3px solid #f29900;"
                           " border-radius: 12px; }")
        self.probe: ProbeTiming | None = None
        self.heading = heading = QLabel("The interviewer asks:")
        heading.setStyleSheet("font-size: 20px; font-weight: 700; color: #8a5a00;")
        self.text_label = QLabel()
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)  # prompt files are data
        self.text_label.setWordWrap(True)
        self.text_label.setStyleSheet("font-size: 26px; font-weight: 600; color: #202124;")
        # Why a question is only on the card (no voice, no output device).
        self.note_label = QLabel()
        self.note_label.setTextFormat(Qt.TextFormat.PlainText)
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet("font-size: 15px; color: #5f6368;")
        self.note_label.hide()
        self.button = QPushButton("Dismiss (D)")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.setStyleSheet("font-size: 18px; padding: 6px 14px;")
        self.button.clicked.connect(self.dismiss)
        text = QVBoxLayout()
        text.addWidget(heading)
        text.addWidget(self.text_label)
        text.addWidget(self.note_label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 12)
        layout.addLayout(text, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_probe(self, probe: ProbeTiming | Any | None, note: str = "") -> None:
        """Show `probe` (anything with a `text`; hide the card when None), with `note`
        beneath it when the question is not spoken."""
        self.probe = probe
        if probe is None:
            self.hide()
            return
        self.text_label.setText(probe.text)
        self.set_note(note)
        self.show()

    def set_note(self, note: str) -> None:
        self.note_label.setText(note)
        self.note_label.setVisible(bool(note))

    def dismiss(self) -> None:
        if self.probe is not None:
            probe, self.probe = self.probe, None
            self.hide()
            self.dismissed.emit(probe)
