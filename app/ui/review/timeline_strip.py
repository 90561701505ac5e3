"""The whole session across the width: stage blocks against their budgets (overrun in
red), category bands over time, bookmarks, probe moments and the playhead. A click
anywhere asks to play from there; each stage start after the first has a handle that
can be dragged, and a right-click opens the stage menu for that moment."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QLabel, QMenu, QToolTip, QWidget

from app.analysis.model import Analysis
from app.review_state.stage_marks import move_start
from app.stages import STAGE_TITLES
from app.ui.review.colors import CATEGORY_LABELS, category_color, is_dark, stamp

# Said under the strip: what each mark on it means.
TIMELINE_LEGEND = (
    "Timeline: grey blocks are the stages as they ran; a dashed line is where a stage's "
    "planned time ended (red hatching: over it). The coloured band is what each sentence "
    "was about. Orange triangles: bookmarks; dark diamonds: the interviewer's questions. "
    "When the recording is shorter than the plan, the strip runs to the plan's end and the "
    "time not recorded is shaded.")


def legend_label() -> QLabel:
    """The legend shown under the strip."""
    label = QLabel(TIMELINE_LEGEND)
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


_STAGE_H = 22
_BAND_H = 14
_MARK_H = 12
_PAD = 8
_OVERRUN = QColor("#C0392B")
_GRAB = 5  # pixels either side of a stage handle that pick it up
_DRAG = 3  # pixels a press must move before it is a drag, not a click


class TimelineStrip(QWidget):
    """Emits `seekRequested(seconds)` on click and `stageStartMoved(index, seconds)`
    when a stage handle is dropped (index into the analysis' stages). `menu_for`, set
    by the screen, gives the right-click menu for a moment."""

    seekRequested = Signal(float)
    stageStartMoved = Signal(int, float)

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
        self.menu_for: Callable[[float], QMenu | None] | None = None
        self._press: tuple[float, int | None] | None = None  # x, handle under the press
        self._drag: tuple[int, float] | None = None  # handle being dragged, its time

    def sizeHint(self) -> QSize:
        return QSize(800, self.minimumHeight())

    def set_data(self, analysis: Analysis, bookmarks: list[float], probes: list[float]) -> None:
        self._analysis = analysis
        self._press = self._drag = None  # the stages a drag referred to may be gone
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
        self._press = self._drag = None
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

    def handle_x(self, index: int) -> float:
        """Where the handle of stage `index` (its start) is drawn."""
        assert self._analysis is not None
        return self._x(self._analysis.stages[index].start)

    def handle_at(self, x: float, y: float) -> int | None:
        """The stage whose start handle is under (x, y); never the first stage, which
        always starts at 0."""
        if self._analysis is None or not 0 <= y <= _PAD + _STAGE_H + 4:
            return None
        near = [(abs(self._x(s.start) - x), i) for i, s in enumerate(self._analysis.stages)
                if i > 0 and abs(self._x(s.start) - x) <= _GRAB]
        return min(near)[1] if near else None

    def _spans(self) -> list[tuple[str, float, float, float]]:
        """(stage, start, end, budget) as drawn: with the dragged start, if any."""
        assert self._analysis is not None
        stages = self._analysis.stages
        starts = [s.start for s in stages]
        if self._drag is not None:
            starts[self._drag[0]] = self._drag[1]
        ends = [*starts[1:], stages[-1].end]
        return [(s.stage, a, b, s.budget) for s, a, b in zip(stages, starts, ends, strict=True)]

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
        for stage, start, end, budget in self._spans():
            x0, x1 = self._x(start), self._x(end)
            overrun = budget and end - start > budget
            rect = QRectF(x0, top, max(1.0, x1 - x0), _STAGE_H)
            p.fillRect(rect, stage_fill)
            if overrun:
                xb = self._x(start + budget)
                over = QRectF(xb, top, max(1.0, x1 - xb), _STAGE_H)
                p.fillRect(over, QBrush(_OVERRUN, Qt.BrushStyle.BDiagPattern))
                p.fillRect(over, QColor(_OVERRUN.red(), _OVERRUN.green(), _OVERRUN.blue(), 60))
            p.setPen(QPen(pal.color(pal.ColorRole.Mid), 1))
            p.drawRect(rect)
            if budget:
                xb = self._x(start + budget)
                p.setPen(QPen(_OVERRUN if overrun else text, 1.5, Qt.PenStyle.DashLine))
                p.drawLine(QPointF(xb, top - 3), QPointF(xb, top + _STAGE_H + 3))
            p.setPen(text)
            label = STAGE_TITLES.get(stage, stage)
            elided = self.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight,
                                                   int(rect.width()) - 14)
            p.drawText(rect.adjusted(8, 0, -6, 0),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, elided)
        self._paint_handles(p, top, text)
        if a.duration < self._span - 1:  # the plan runs on past the recording
            x0 = self._x(a.duration)
            rest = QRectF(x0, top, self.width() - _PAD - x0, _STAGE_H)
            p.fillRect(rest, QBrush(pal.color(pal.ColorRole.Mid), Qt.BrushStyle.Dense6Pattern))
            p.setPen(pal.color(pal.ColorRole.PlaceholderText))
            p.drawText(rest.adjusted(6, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter
                       | Qt.AlignmentFlag.AlignLeft, self.fontMetrics().elidedText(
                           "planned, not recorded", Qt.TextElideMode.ElideRight,
                           max(0, int(rest.width()) - 10)))
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
        self._paint_drag_time(p)
        p.end()

    def _paint_handles(self, p: QPainter, top: float, text: QColor) -> None:
        """A grip at each stage start that can be moved: a bar across the stage row
        with a knob above it; the one being dragged is drawn in the highlight colour
        with its time."""
        highlight = self.palette().color(self.palette().ColorRole.Highlight)
        for i, (_stage, start, _end, _budget) in enumerate(self._spans()):
            if i == 0:
                continue
            dragged = self._drag is not None and self._drag[0] == i
            color = highlight if dragged else text
            x = self._x(start)
            if dragged:  # where it was, faintly, so the move reads
                p.setPen(QPen(highlight, 1, Qt.PenStyle.DotLine))
                x0 = self._x(self._analysis.stages[i].start)  # type: ignore[union-attr]
                p.drawLine(QPointF(x0, top), QPointF(x0, top + _STAGE_H))
            p.fillRect(QRectF(x - 1.5, top - 2, 3, _STAGE_H + 4), color)
            p.setPen(QPen(self.palette().color(self.palette().ColorRole.Base), 1))
            p.setBrush(color)
            p.drawRoundedRect(QRectF(x - 4, top - 6, 8, 10), 2, 2)
        p.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_drag_time(self, p: QPainter) -> None:
        """The dragged start's time, over the minute marks, so the drop is exact."""
        if self._drag is None:
            return
        pal = self.palette()
        label = stamp(self._drag[1])
        fm = self.fontMetrics()
        w, h = fm.horizontalAdvance(label) + 12, fm.height() + 4
        x = self._x(self._drag[1])
        box = QRectF(min(max(x - w / 2, 0), self.width() - w), self.height() - h - 1, w, h)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(pal.color(pal.ColorRole.Highlight))
        p.drawRoundedRect(box, 3, 3)
        p.setPen(pal.color(pal.ColorRole.HighlightedText))
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, label)

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
        if event.button() != Qt.MouseButton.LeftButton or self._analysis is None:
            return
        pos = event.position()
        handle = self.handle_at(pos.x(), pos.y())
        if handle is None:
            self.seekRequested.emit(self.time_at(pos.x()))
        else:  # a click on a handle seeks on release; a drag moves it
            self._press = (pos.x(), handle)
            self.setFocus(Qt.FocusReason.MouseFocusReason)  # for Escape

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._analysis is None:
            return
        pos = event.position()
        if self._press is not None and self._press[1] is not None:
            x0, index = self._press
            if self._drag is not None or abs(pos.x() - x0) >= _DRAG:
                self._drag = (index, self._clamped(index, self.time_at(pos.x())))
                self.update()
            return
        handle = self.handle_at(pos.x(), pos.y())
        self.setCursor(Qt.CursorShape.SizeHorCursor if handle is not None
                       else Qt.CursorShape.PointingHandCursor)
        if handle is not None:
            s = self._analysis.stages[handle]
            QToolTip.showText(event.globalPosition().toPoint(),
                              f"Start of {STAGE_TITLES.get(s.stage, s.stage)} at "
                              f"{stamp(s.start)}\nDrag to move it; right-click for more",
                              self)
            return
        self._tooltip(event.globalPosition().toPoint(), self.time_at(pos.x()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press, drag = self._press, self._drag
        self._press = self._drag = None
        if event.button() != Qt.MouseButton.LeftButton or press is None:
            return
        if drag is not None:
            self.update()
            self.stageStartMoved.emit(*drag)
        else:
            self.seekRequested.emit(self.time_at(press[0]))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self._drag is not None:
            self._press = self._drag = None  # the drag is dropped where it began
            self.update()
            return
        super().keyPressEvent(event)

    def _clamped(self, index: int, seconds: float) -> float:
        """Where the stage edit will put a start dropped at `seconds`."""
        assert self._analysis is not None
        stages = self._analysis.stages
        marks = [(s.stage, s.start) for s in stages]
        return move_start(marks, index, seconds, stages[-1].end)[index][1]

    def context_menu_at(self, x: float) -> QMenu | None:
        """The stage menu for the moment at x (None without an analysis)."""
        if self._analysis is None or self.menu_for is None:
            return None
        return self.menu_for(self.time_at(x))

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu_at(event.pos().x())
        if menu is not None:
            menu.exec(event.globalPos())
            menu.deleteLater()

    def popup_point(self, seconds: float) -> QPoint:
        """Where a menu for `seconds` opens: below the strip, under that moment."""
        return self.mapToGlobal(QPoint(int(self._x(seconds)), self.height()))

    def _tooltip(self, where: QPoint, t: float) -> None:
        assert self._analysis is not None
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
        tip.append("Click to play from here; right-click to start a stage here")
        QToolTip.showText(where, "\n".join(tip), self)
