"""The whole session across the width: stage blocks against their budgets (overrun in
red), category bands over time, bookmarks, probe moments and the playhead. A click
anywhere asks to play from there."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QToolTip, QWidget

from app.analysis.model import Analysis
from app.stages import STAGE_TITLES
from app.ui.review.colors import CATEGORY_LABELS, category_color, is_dark, stamp

_STAGE_H = 22
_BAND_H = 14
_MARK_H = 12
_PAD = 8
_OVERRUN = QColor("#C0392B")


class TimelineStrip(QWidget):
    """Emits `seekRequested(seconds)` on click."""

    seekRequested = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setMinimumHeight(_PAD * 2 + _STAGE_H + _BAND_H + _MARK_H + 8
                              + self.fontMetrics().height())
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._analysis: Analysis | None = None
        self._bookmarks: list[float] = []
        self._probes: list[float] = []
        self._hits: list[float] = []  # search matches
        self._playhead = 0.0
        self._span = 1.0

    def sizeHint(self) -> QSize:
        return QSize(800, self.minimumHeight())

    def set_data(self, analysis: Analysis, bookmarks: list[float], probes: list[float]) -> None:
        self._analysis = analysis
        self._bookmarks, self._probes = bookmarks, probes
        # Budgets may reach past the recording; the strip shows both ends.
        plan_end = max((s.start + s.budget for s in analysis.stages if s.budget), default=0.0)
        self._span = max(analysis.duration, plan_end, 1.0)
        self.update()

    def set_hits(self, times: list[float]) -> None:
        """Mark where the search matched."""
        self._hits = times
        self.update()

    def clear(self) -> None:
        self._analysis = None
        self.update()

    def set_bookmarks(self, bookmarks: list[float]) -> None:
        self._bookmarks = bookmarks
        self.update()

    def set_playhead(self, seconds: float) -> None:
        old = self._x(self._playhead)
        self._playhead = seconds
        new = self._x(seconds)
        if abs(new - old) >= 1:
            self.update()

    # -- geometry --------------------------------------------------------------------------

    def _x(self, seconds: float) -> float:
        width = max(1, self.width() - 2 * _PAD)
        return _PAD + width * min(max(seconds, 0.0), self._span) / self._span

    def time_at(self, x: float) -> float:
        width = max(1, self.width() - 2 * _PAD)
        return min(max((x - _PAD) / width, 0.0), 1.0) * self._span

    # -- painting --------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        dark = is_dark(self)
        text = pal.color(pal.ColorRole.WindowText)
        p.fillRect(self.rect(), pal.color(pal.ColorRole.Base))
        a = self._analysis
        if a is None:
            p.setPen(text)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No analysis yet")
            return
        top = _PAD
        stage_fill = pal.color(pal.ColorRole.Button)
        for s in a.stages:
            x0, x1 = self._x(s.start), self._x(s.end)
            rect = QRectF(x0, top, max(1.0, x1 - x0), _STAGE_H)
            p.fillRect(rect, stage_fill)
            if s.budget and s.overrun > 0:
                xb = self._x(s.start + s.budget)
                over = QRectF(xb, top, max(1.0, x1 - xb), _STAGE_H)
                p.fillRect(over, QBrush(_OVERRUN, Qt.BrushStyle.BDiagPattern))
                p.fillRect(over, QColor(_OVERRUN.red(), _OVERRUN.green(), _OVERRUN.blue(), 60))
            p.setPen(QPen(pal.color(pal.ColorRole.Mid), 1))
            p.drawRect(rect)
            if s.budget:
                xb = self._x(s.start + s.budget)
                p.setPen(QPen(_OVERRUN if s.overrun else text, 1.5, Qt.PenStyle.DashLine))
                p.drawLine(QPointF(xb, top - 3), QPointF(xb, top + _STAGE_H + 3))
            p.setPen(text)
            label = STAGE_TITLES.get(s.stage, s.stage)
            elided = self.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight,
                                                   int(rect.width()) - 8)
            p.drawText(rect.adjusted(4, 0, -4, 0),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, elided)
        band = top + _STAGE_H + 4
        p.fillRect(QRectF(_PAD, band, self.width() - 2 * _PAD, _BAND_H),
                   pal.color(pal.ColorRole.AlternateBase))
        for seg in a.segments:
            x0, x1 = self._x(seg.start), self._x(seg.end)
            p.fillRect(QRectF(x0, band, max(1.0, x1 - x0), _BAND_H),
                       category_color(seg.category, dark))
        if self._hits:
            p.setPen(QPen(QColor("#E69F00"), 2))
            for t in self._hits:
                x = self._x(t)
                p.drawLine(QPointF(x, band - 3), QPointF(x, band + _BAND_H + 1))
        marks = band + _BAND_H + 2
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#E69F00"))
        for t in self._bookmarks:
            x = self._x(t)
            p.drawPolygon(QPolygonF([QPointF(x, marks), QPointF(x - 5, marks + _MARK_H),
                                     QPointF(x + 5, marks + _MARK_H)]))
        p.setBrush(text)
        for t in self._probes:
            x = self._x(t)
            m = marks + _MARK_H / 2
            p.drawPolygon(QPolygonF([QPointF(x, m - 5), QPointF(x + 5, m), QPointF(x, m + 5),
                                     QPointF(x - 5, m)]))
        self._paint_ticks(p, marks + _MARK_H + 2, pal.color(pal.ColorRole.PlaceholderText))
        x = self._x(self._playhead)
        p.setPen(QPen(pal.color(pal.ColorRole.Highlight), 2))
        p.drawLine(QPointF(x, 2), QPointF(x, self.height() - 2))
        p.end()

    def _paint_ticks(self, p: QPainter, top: float, color: QColor) -> None:
        """Minute marks along the bottom, spaced so their labels never collide."""
        fm = self.fontMetrics()
        label_w = fm.horizontalAdvance("00:00") + 24
        width = max(1, self.width() - 2 * _PAD)
        step = next((m * 60 for m in (0.5, 1, 2, 5, 10, 15, 30, 60)
                     if width * m * 60 / self._span >= label_w), self._span)
        p.setPen(color)
        t = 0.0
        while t <= self._span + 1e-6:
            x = self._x(t)
            p.drawLine(QPointF(x, top), QPointF(x, top + 3))
            rect = QRectF(x - label_w / 2, top + 2, label_w, fm.height())
            if rect.left() >= 0 and rect.right() <= self.width():
                p.drawText(rect, Qt.AlignmentFlag.AlignCenter, stamp(t))
            t += step

    # -- input -----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._analysis is not None:
            self.seekRequested.emit(self.time_at(event.position().x()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._analysis is None:
            return
        t = self.time_at(event.position().x())
        tip = [stamp(t)]
        for s in self._analysis.stages:
            if s.start <= t < s.end:
                budget = f" of {stamp(s.budget)} planned" if s.budget else ""
                over = f", {stamp(s.overrun)} over" if s.overrun else ""
                tip.append(f"{STAGE_TITLES.get(s.stage, s.stage)}: {stamp(s.length)}{budget}"
                           f"{over}")
        for seg in self._analysis.segments:
            if seg.start <= t < seg.end:
                tip.append(CATEGORY_LABELS.get(seg.category, seg.category))
                break
        QToolTip.showText(event.globalPosition().toPoint(), "\n".join(tip), self)
