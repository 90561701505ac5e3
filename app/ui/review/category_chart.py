"""Time by category, overall and per stage, as stacked horizontal bars. Each bar is the
stage's spoken time (on one scale, so stages compare); the overall bar shows shares.
Colour is never the only cue: the legend names each colour and bars carry their minutes."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QToolTip, QVBoxLayout, QWidget

from app.analysis.model import Analysis
from app.stages import CATEGORIES, STAGE_TITLES
from app.ui.review.colors import CATEGORY_LABELS, category_color, is_dark, stamp

_ROW = 26
_GAP = 8
_LABEL_W = 180
_VALUE_W = 56


class CategoryChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self._rows: list[tuple[str, dict[str, float]]] = []
        self._bars: list[tuple[QRectF, str]] = []  # for tooltips

    def sizeHint(self) -> QSize:
        return QSize(420, self._height())

    def minimumSizeHint(self) -> QSize:
        return QSize(300, self._height())

    def _height(self) -> int:
        return 34 + len(self._rows) * (_ROW + _GAP) + 6

    def set_analysis(self, analysis: Analysis) -> None:
        rows = [("All stages", dict(analysis.categories))]
        rows += [(STAGE_TITLES.get(s.stage, s.stage), dict(s.categories))
                 for s in analysis.stages]
        self._rows = rows
        self.updateGeometry()
        self.update()

    def clear(self) -> None:
        self._rows = []
        self.update()

    def rows(self) -> list[tuple[str, dict[str, float]]]:
        """(label, seconds per category) for each bar, overall first."""
        return self._rows

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(pal.ColorRole.WindowText)
        dark = is_dark(self)
        fm = self.fontMetrics()
        # Legend first: every colour with its name.
        x, y = 4.0, 6.0
        for cat in CATEGORIES:
            p.fillRect(QRectF(x, y + 3, 12, 12), category_color(cat, dark))
            p.setPen(text)
            label = CATEGORY_LABELS[cat]
            p.drawText(QRectF(x + 16, y, fm.horizontalAdvance(label) + 4, 18),
                       Qt.AlignmentFlag.AlignVCenter, label)
            x += 16 + fm.horizontalAdvance(label) + 16
        self._bars = []
        if not self._rows:
            return
        bar_w = max(40.0, self.width() - _LABEL_W - _VALUE_W - 8)
        stage_max = max((sum(c.values()) for _, c in self._rows[1:]), default=0.0) or 1.0
        y = 34.0
        for n, (label, cats) in enumerate(self._rows):
            total = sum(cats.values())
            scale = bar_w / total if n == 0 and total else bar_w / stage_max
            p.setPen(text)
            font = p.font()
            font.setBold(n == 0)
            p.setFont(font)
            p.drawText(QRectF(4, y, _LABEL_W - 8, _ROW),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                       fm.elidedText(label, Qt.TextElideMode.ElideRight, _LABEL_W - 8))
            x = float(_LABEL_W)
            for cat in CATEGORIES:
                w = cats.get(cat, 0.0) * scale
                if w <= 0:
                    continue
                rect = QRectF(x, y + 3, w, _ROW - 6)
                color = category_color(cat, dark)
                p.fillRect(rect, color)
                share = cats[cat] / total if total else 0.0
                self._bars.append((rect, f"{label}: {CATEGORY_LABELS[cat]} "
                                         f"{stamp(cats[cat])} ({share:.0%})"))
                if n == 0 and w > 34:
                    # Black or white, whichever reads better on this colour.
                    bright = 0.299 * color.red() + 0.587 * color.green() + 0.114 * color.blue()
                    p.setPen(QPen(Qt.GlobalColor.black if bright > 140
                                  else Qt.GlobalColor.white))
                    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"{share:.0%}")
                x += w
            p.setPen(text)
            p.drawText(QRectF(_LABEL_W + bar_w + 6, y, _VALUE_W, _ROW),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, stamp(total))
            y += _ROW + _GAP
            if n == 0:
                p.setPen(QPen(pal.color(pal.ColorRole.Mid), 1))
                p.drawLine(4, int(y - _GAP / 2), self.width() - 4, int(y - _GAP / 2))
        font = p.font()
        font.setBold(False)
        p.setFont(font)
        p.end()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        for rect, tip in self._bars:
            if rect.contains(pos):
                QToolTip.showText(event.globalPosition().toPoint(), tip, self)
                return
        QToolTip.hideText()


def titled_chart(chart: CategoryChart) -> QWidget:
    """The chart under its title, scrolling on a short screen rather than making the
    window taller than the screen."""
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    title = QLabel("<b>Time by category</b> (spoken seconds)")
    title.setToolTip("Seconds of speech in each category, overall and per stage. Silences "
                     "count to no category, so these add up to less than the total time.")
    scroll = QScrollArea()
    scroll.setWidget(chart)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setMinimumHeight(110)
    lay.addWidget(title)
    lay.addWidget(scroll, 1)
    return box
