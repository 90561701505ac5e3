"""A horizontal microphone level meter: RMS bar with a peak tick, in dBFS."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.audio.recorder import Level

FLOOR_DB = -60.0


def _fraction(value: float) -> float:
    db = 20.0 * math.log10(max(value, 1e-6))
    return min(1.0, max(0.0, (db - FLOOR_DB) / -FLOOR_DB))


class LevelMeter(QWidget):
    """Shows the latest Level; green when speech is well above the floor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rms = 0.0
        self._peak = 0.0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Microphone level")

    def sizeHint(self) -> QSize:
        return QSize(240, 22)

    def set_level(self, level: Level) -> None:
        self._rms, self._peak = _fraction(level.rms), _fraction(level.peak)
        self.update()

    @property
    def fraction(self) -> float:
        """The bar's length, 0..1 (what the user sees)."""
        return self._rms

    def paintEvent(self, event: object) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#e0e0e0"))
        p.drawRoundedRect(r, 4, 4)
        colour = "#1e8e3e" if self._rms < 0.9 else "#d93025"
        p.setBrush(QColor(colour))
        p.drawRoundedRect(QRectF(r.x(), r.y(), r.width() * self._rms, r.height()), 4, 4)
        p.setBrush(QColor("#202124"))
        p.drawRect(QRectF(r.x() + r.width() * self._peak - 2, r.y(), 3, r.height()))
        p.end()
