"""Small charts of progress across sessions, painted with QPainter: one per metric
(platform share, UI minutes in the solution stage, rubric coverage, stage overruns,
pace, fillers), oldest session on the left, for one series at a time: the full mocks,
the drills of one stage, or the quick drills. The numbers come from
app.sessions.trend_series; the charts only draw them."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.sessions.summary import SessionSummary
from app.sessions.trend_series import (
    MOCKS,
    TREND_METRICS,
    TrendMetric,
    TrendPoint,
    series_key,
    trend_points,
    trend_series,
)
from app.ui.theme import is_dark, series_color

GOOD, BAD = QColor("#009E73"), QColor("#D55E00")  # Okabe-Ito green / vermillion
GOOD_DARK, BAD_DARK = QColor("#3CCB9C"), QColor("#F08A4B")


def _short_date(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).strftime("%d %b")
    except ValueError:
        return iso[:10]


class TrendChart(QWidget):
    """One metric over time: title, latest value, change since the first session, and
    a line through every session's value."""

    def __init__(self, metric: TrendMetric, series: int = 0, parent: QWidget | None = None):
        super().__init__(parent)
        self.trend = metric
        self.series = series  # which of the theme's series colours to draw in
        self.color = series_color(series)
        self.points: list[TrendPoint] = []
        self.highlighted: str | None = None  # session id whose point is ringed
        self.setMouseTracking(True)
        self.setMinimumSize(200, 112)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(f"{metric.title} trend")

    def sizeHint(self) -> QSize:
        return QSize(260, 130)

    def set_points(self, points: list[TrendPoint]) -> None:
        self.points = list(points)
        if points:
            last = points[-1].value
            self.setAccessibleDescription(f"{len(points)} sessions, latest "
                                          f"{self.trend.format(last)}")
        self.update()

    # -- geometry --------------------------------------------------------------------

    def _plot_rect(self) -> QRectF:
        return QRectF(8, 46, self.width() - 16, self.height() - 46 - 18)

    def _range(self) -> tuple[float, float]:
        values = [p.value for p in self.points]
        lo, hi = min(values), max(values)
        if self.trend.unit == "%":
            lo, hi = min(lo, 0.0), max(hi, 100.0) if hi > 50 else hi
        if hi - lo < 1e-9:
            lo, hi = lo - 1, hi + 1
        pad = (hi - lo) * 0.08
        return lo - pad, hi + pad

    def positions(self) -> list[QPointF]:
        """Where each point is drawn (left to right, oldest first)."""
        if not self.points:
            return []
        r = self._plot_rect()
        lo, hi = self._range()
        n = len(self.points)
        step = r.width() / (n - 1) if n > 1 else 0.0
        return [QPointF(r.left() + (i * step if n > 1 else r.width() / 2),
                        r.bottom() - (p.value - lo) / (hi - lo) * r.height())
                for i, p in enumerate(self.points)]

    # -- painting --------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        try:
            self._paint(p)
        finally:
            p.end()  # PySide6 does not end it for us before the next paint

    def _paint(self, p: QPainter) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        dark = is_dark(self)
        self.color = series_color(self.series, dark)
        text, muted = pal.text().color(), pal.placeholderText().color()
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(pal.base())
        p.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 8, 8)

        title_font = QFont(self.font())
        title_font.setBold(True)
        p.setFont(title_font)
        p.setPen(text)
        p.drawText(QRectF(10, 6, self.width() - 20, 18), Qt.AlignmentFlag.AlignLeft,
                   self.trend.title)
        if not self.points:
            p.setFont(self.font())
            p.setPen(muted)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No analysed sessions yet")
            return

        last = self.points[-1].value
        big = QFont(self.font())
        big.setPointSizeF(self.font().pointSizeF() * 1.5)
        big.setBold(True)
        p.setFont(big)
        p.setPen(self.color)
        value_text = self.trend.format(last)
        p.drawText(QRectF(10, 20, self.width() - 20, 26),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, value_text)
        self._draw_change(p, dark, muted, 10 + QFontMetricsF(big).horizontalAdvance(value_text))

        r = self._plot_rect()
        p.setFont(self.font())
        p.setPen(QPen(pal.mid().color(), 1, Qt.PenStyle.DotLine))
        p.drawLine(QPointF(r.left(), r.bottom()), QPointF(r.right(), r.bottom()))
        pts = self.positions()
        path = QPainterPath(pts[0])
        for pt in pts[1:]:
            path.lineTo(pt)
        p.setPen(QPen(self.color, 2))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
        if len(pts) <= 60:  # past that, dots only clutter the line
            p.setBrush(self.color)
            for pt in pts:
                p.drawEllipse(pt, 2.6, 2.6)
        ringed = [pt for pt, tp in zip(pts, self.points, strict=True)
                  if tp.session_id == self.highlighted]
        if ringed:
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(text, 1.5))
            p.drawEllipse(ringed[0], 5.5, 5.5)
        small = QFont(self.font())
        small.setPointSizeF(self.font().pointSizeF() * 0.85)
        p.setFont(small)
        p.setPen(muted)
        p.drawText(QRectF(8, self.height() - 17, self.width() / 2, 15),
                   Qt.AlignmentFlag.AlignLeft, _short_date(self.points[0].started_at))
        p.drawText(QRectF(self.width() / 2, self.height() - 17, self.width() / 2 - 8, 15),
                   Qt.AlignmentFlag.AlignRight, _short_date(self.points[-1].started_at))

    def change(self) -> float | None:
        """Latest value minus the first (None with fewer than two sessions)."""
        return self.points[-1].value - self.points[0].value if len(self.points) > 1 else None

    def _draw_change(self, p: QPainter, dark: bool, muted: QColor, x: float) -> None:
        delta = self.change()
        if delta is None:
            return
        better = self.trend.higher_is_better
        # A sign, not an arrow symbol a system font may lack.
        if abs(delta) < 10 ** -self.trend.decimals / 2:
            color, arrow = muted, "±"
        else:
            arrow = "+" if delta > 0 else "-"
            if better is None:
                color = muted
            else:
                good = (delta > 0) == better
                color = (GOOD_DARK if dark else GOOD) if good else (BAD_DARK if dark else BAD)
        unit = " pts" if self.trend.unit == "%" else ""
        label = f"{arrow}{abs(delta):.{self.trend.decimals}f}{unit}"
        p.setFont(self.font())
        p.setPen(color)
        p.drawText(QRectF(x + 8, 20, self.width() - x - 18, 26),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pts = self.positions()
        if not pts:
            return
        x = event.position().x()
        n = min(range(len(pts)), key=lambda i: abs(pts[i].x() - x))
        point = self.points[n]
        QToolTip.showText(event.globalPosition().toPoint(),
                          f"{_short_date(point.started_at)}: {self.trend.format(point.value)}",
                          self)


class TrendsPanel(QWidget):
    """Every trend chart, drawn from a list of session summaries."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)  # two lines beside a long series name, never cut
        self.series_combo = QComboBox()
        self.series_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.series_combo.setToolTip("Mocks and drills are charted apart: pick which")
        self.series_combo.currentIndexChanged.connect(lambda: self._draw())
        self._rows: list[SessionSummary] = []
        self._scope = ""
        self.charts: dict[str, TrendChart] = {}
        grid = QGridLayout()
        grid.setSpacing(10)
        for n, metric in enumerate(TREND_METRICS):
            chart = TrendChart(metric, n, self)
            self.charts[metric.key] = chart
            grid.addWidget(chart, n // 2, n % 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(self.series_combo)
        layout.addLayout(head)
        layout.addLayout(grid, 1)
        self.set_summaries([])

    def highlight(self, session_id: str | None) -> None:
        """Ring one session's point on every chart (the one selected in the list)."""
        for chart in self.charts.values():
            chart.highlighted = session_id
            chart.update()

    def set_summaries(self, rows: list[SessionSummary], scope: str = "") -> None:
        """Redraw every chart from `rows` (any order); `scope` names the filter. The
        series on offer are those `rows` hold; the one chosen stays chosen."""
        self._rows, self._scope = list(rows), scope
        keep = self.series_combo.currentData() or MOCKS.key
        self.series_combo.blockSignals(True)
        self.series_combo.clear()
        for series in trend_series(self._rows):
            self.series_combo.addItem(series.title, series.key)
        self.series_combo.setCurrentIndex(max(0, self.series_combo.findData(keep)))
        self.series_combo.blockSignals(False)
        self._draw()

    def show_series(self, key: str) -> None:
        """Chart the series `key` ("mock", "drill:<stage>", "quick") when there is one."""
        self.series_combo.setCurrentIndex(max(0, self.series_combo.findData(key)))

    def _draw(self) -> None:
        key = self.series_combo.currentData() or MOCKS.key
        rows = [r for r in self._rows if series_key(r) == key]
        for chart in self.charts.values():
            chart.set_points(trend_points(rows, chart.trend))
            # A drill's series shows what it measures (no solution minutes in a metrics
            # drill); the mocks show every chart, empty or not.
            chart.setVisible(key == MOCKS.key or bool(chart.points))
        n = max(len(c.points) for c in self.charts.values())
        where = f" · {self._scope}" if self._scope else ""
        self.heading.setText(f"Progress over {n} analysed session{'s' if n != 1 else ''}"
                             f"{where}")
