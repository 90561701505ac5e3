"""Play/pause, the position, the speed and what playback has to say (no device...)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QToolButton, QWidget

from app.ui.icons import icon
from app.ui.review.colors import stamp
from app.ui.review.player import SPEEDS


class PlaybackBar(QWidget):
    """Intents: `toggleRequested()`, `skipRequested(seconds)`, `rateChosen(rate)`."""

    toggleRequested = Signal()
    skipRequested = Signal(float)
    rateChosen = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        back = QToolButton(text="« 5 s")
        back.setToolTip("Back 5 seconds (Left arrow)")
        back.clicked.connect(lambda: self.skipRequested.emit(-5.0))
        self.play = QToolButton(text="Play")
        self.play.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.play.setIcon(icon("play"))
        self.play.setToolTip("Play or pause (Space)")
        self.play.setMinimumWidth(80)
        self.play.clicked.connect(self.toggleRequested)
        fwd = QToolButton(text="5 s »")
        fwd.setToolTip("Forward 5 seconds (Right arrow)")
        fwd.clicked.connect(lambda: self.skipRequested.emit(5.0))
        self.time = QLabel("00:00 / 00:00")
        self.time.setMinimumWidth(110)
        self.speed = QComboBox()
        self.speed.setToolTip("Playback speed")
        for r in SPEEDS:
            self.speed.addItem(f"{r:g}×", r)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.speed.currentIndexChanged.connect(
            lambda i: self.rateChosen.emit(float(self.speed.itemData(i))))
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #C0392B;")
        for w in (back, self.play, fwd, self.time, QLabel("Speed"), self.speed):
            row.addWidget(w)
        row.addWidget(self.message, 1)
        self._duration = 0.0

    def set_duration(self, seconds: float) -> None:
        self._duration = seconds
        self.set_position(0.0)

    def set_position(self, seconds: float) -> None:
        self.time.setText(f"{stamp(seconds)} / {stamp(self._duration)}")

    def set_playing(self, playing: bool) -> None:
        self.play.setText("Pause" if playing else "Play")
        self.play.setIcon(icon("pause" if playing else "play"))

    def set_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setToolTip(text)
