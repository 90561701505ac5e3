"""The stage list: each stage's light, budget and where time actually went so far."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from app.rehearsal.stage_clock import StageStatus, format_clock
from app.ui.rehearse.theme import INK, LIGHT_COLOURS, MUTED


class StageList(QWidget):
    """One row per stage: a dot in its light's colour, title, spent / budget."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(12)
        self._grid.setVerticalSpacing(8)
        self._rows: list[tuple[QLabel, QLabel, QLabel]] = []

    def render(self, statuses: list[StageStatus]) -> None:
        if len(self._rows) != len(statuses):
            self._build(len(statuses))
        for (dot, title, times), st in zip(self._rows, statuses, strict=True):
            touched = st.spent > 0 or st.current
            colour = LIGHT_COLOURS[st.light] if touched else "#c4c7c5"
            dot.setStyleSheet(f"color: {colour}; font-size: 26px;")
            weight = 800 if st.current else 400
            ink = INK if touched else MUTED
            marker = "▶ " if st.current else ""
            title.setText(marker + st.title)
            title.setStyleSheet(f"font-size: 21px; font-weight: {weight}; color: {ink};")
            over = f"  +{format_clock(st.overrun)}" if st.overrun else ""
            times.setText(f"{format_clock(st.spent)} / {format_clock(st.budget)}{over}")
            times.setStyleSheet(f"font-size: 21px; font-weight: {weight}; color: "
                                f"{LIGHT_COLOURS[st.light] if st.overrun else ink};")

    def row_text(self, index: int) -> str:
        """What row `index` says (title and times), for tests and accessibility."""
        _, title, times = self._rows[index]
        return f"{title.text()} {times.text()}"

    def _build(self, count: int) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self._rows = []
        for i in range(count):
            row = (QLabel("●"), QLabel(), QLabel())
            for col, label in enumerate(row):
                label.setTextFormat(Qt.TextFormat.PlainText)  # titles from prompt files
                self._grid.addWidget(label, i, col)
            self._rows.append(row)
        self._grid.setColumnStretch(1, 1)
