"""The stage list: each stage's light, budget and where time actually went so far."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from app.rehearsal.stage_clock import StageStatus, format_clock
from app.ui.elided_label import ElidedLabel
from app.ui.icons import pixmap
from app.ui.rehearse.rehearse_style import INK, LIGHT_COLOURS, MUTED

DOT = 16  # px: the light, drawn as a round swatch (no "●" glyph a font may lack)


class StageList(QWidget):
    """One row per stage: an arrow at the current one, a dot in its light's colour,
    title, spent / budget."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(8)
        self._rows: list[tuple[QLabel, QLabel, QLabel, QLabel]] = []

    def render(self, statuses: list[StageStatus]) -> None:
        if len(self._rows) != len(statuses):
            self._build(len(statuses))
        for (here, dot, title, times), st in zip(self._rows, statuses, strict=True):
            touched = st.spent > 0 or st.current
            colour = LIGHT_COLOURS[st.light] if touched else "#c4c7c5"
            dot.setStyleSheet(f"background: {colour}; border-radius: {DOT // 2}px;")
            if st.current:
                here.setPixmap(pixmap("next", 18))
            else:
                here.clear()
            weight = 800 if st.current else 400
            ink = INK if touched else MUTED
            title.setText(st.title)
            title.setStyleSheet(f"font-size: 21px; font-weight: {weight}; color: {ink};")
            over = f"  +{format_clock(st.overrun)}" if st.overrun else ""
            times.setText(f"{format_clock(st.spent)} / {format_clock(st.budget)}{over}")
            times.setStyleSheet(f"font-size: 21px; font-weight: {weight}; color: "
                                f"{LIGHT_COLOURS[st.light] if st.overrun else ink};")

    def count(self) -> int:
        return len(self._rows)

    def row_text(self, index: int) -> str:
        """What row `index` says (title and times), for tests and accessibility."""
        _, _, title, times = self._rows[index]
        return f"{title.text()} {times.text()}"

    def times_label(self, index: int) -> QLabel:
        """The spent / budget label of row `index`."""
        return self._rows[index][3]

    def _build(self, count: int) -> None:  # titles come from prompt files: plain text
        while self._grid.count():
            item = self._grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self._rows = []
        for i in range(count):
            # A long title is shortened (whole in its tooltip); the budgets stay in view.
            here, dot, title, times = QLabel(), QLabel(), ElidedLabel(), QLabel()
            here.setFixedSize(18, 18)
            dot.setFixedSize(DOT, DOT)
            times.setTextFormat(Qt.TextFormat.PlainText)
            for col, label in enumerate((here, dot, title, times)):
                self._grid.addWidget(label, i, col, Qt.AlignmentFlag.AlignVCenter)
            self._rows.append((here, dot, title, times))
        self._grid.setColumnStretch(2, 1)
