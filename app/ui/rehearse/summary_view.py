"""After Finish: stage times against their budgets, until the review screen takes over."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.rehearsal.stage_clock import StageClock, format_clock
from app.ui.rehearse.rehearse_style import INK, LIGHT_COLOURS


class SummaryView(QWidget):
    """Where the time went, stage by stage; 'Rehearse again' emits againRequested."""

    againRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel("Rehearsal saved")
        self.title.setStyleSheet("font-size: 30px; font-weight: 700;")
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet("font-size: 18px;")
        self._table = QWidget()
        self.grid = QGridLayout(self._table)
        again = QPushButton("Rehearse again")
        again.clicked.connect(self.againRequested)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(again)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        layout.addWidget(self._table)
        layout.addStretch(1)
        layout.addLayout(row)
        self.rows: list[tuple[str, str, str, str]] = []

    def render(self, clock: StageClock, folder: str, note: str = "") -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        heads = ("Stage", "Budget", "Spent", "Over")
        for col, text in enumerate(heads):
            label = QLabel(f"<b>{text}</b>")
            label.setStyleSheet("font-size: 20px;")
            self.grid.addWidget(label, 0, col)
        self.rows = []
        for i, st in enumerate(clock.statuses(), 1):
            over = f"+{format_clock(st.overrun)}" if st.overrun else "—"
            cells = (st.title, format_clock(st.budget), format_clock(st.spent), over)
            self.rows.append(cells)
            for col, text in enumerate(cells):
                label = QLabel(text)
                label.setTextFormat(Qt.TextFormat.PlainText)  # titles from prompt files
                colour = LIGHT_COLOURS[st.light] if col == 3 and st.overrun else INK
                label.setStyleSheet(f"font-size: 20px; color: {colour};")
                self.grid.addWidget(label, i, col)
        total = (f"Total {format_clock(clock.elapsed)} of "
                 f"{format_clock(clock.plan.total_seconds)}.")
        self.detail.setText(f"{total} {note}\nSaved in {folder}")
