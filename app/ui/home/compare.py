"""Two rehearsals of the same prompt side by side, stage by stage: time against budget
and where the minutes went (UI, API, webhooks, trade-offs, other)."""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import DebriefError
from app.sessions.store import SessionStore
from app.sessions.summary import SessionSummary, load_analysis
from app.sessions.trend_series import StageRow, StageSide, compare_stages, same_prompt
from app.stages import CATEGORIES
from app.ui.theme import CATEGORY_LABELS, category_color, is_dark

# Row labels: budget, then each measure for A and for B.
MEASURES = [("time", "Time spent")] + [(c, f"{CATEGORY_LABELS[c]} talk") for c in CATEGORIES]
SHORT_TITLES = {"problem": "Problem", "developer": "Developer", "solution": "Solution",
                "technical": "Technical", "metrics": "Metrics", "wrapup": "Wrap-up",
                "total": "Total"}
OVERRUN_SLACK = 5.0  # seconds over budget before a stage counts as overrun


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.1f}" if seconds >= 3 else "–"


def _share(s: SessionSummary) -> str:
    share = "–" if s.platform_share is None else f"{s.platform_share:.0%}"
    return f"platform {share}, rubric {s.rubric_covered}/{s.rubric_total}"


def _label(s: SessionSummary) -> str:
    try:
        when = datetime.fromisoformat(s.started_at).strftime("%d %b %Y %H:%M")
    except ValueError:
        when = s.started_at
    title = s.title if s.title != s.prompt_title else ""
    return f"{when}  {title}".strip()


class CompareView(QWidget):
    """Pick two sessions of a prompt; the table shows minutes per stage for both."""

    def __init__(self, store: SessionStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.rows: list[StageRow] = []
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.pick_a, self.pick_b = QComboBox(), QComboBox()
        self.pick_a.currentIndexChanged.connect(self._recompute)
        self.pick_b.currentIndexChanged.connect(self._recompute)
        picks = QFormLayout()
        picks.addRow("A", self.pick_a)
        picks.addRow("B", self.pick_b)
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setMinimumHeight(24 * (1 + 2 * len(MEASURES)) + 34)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.note = QLabel("Minutes per stage. Time in red ran over the stage's budget.")
        self.note.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(picks)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)

    def set_sessions(self, id_a: str, id_b: str) -> None:
        """Compare two sessions; the pickers offer every session of A's prompt."""
        a = self.store.get(id_a)
        b = self.store.get(id_b)
        if a.prompt_id != b.prompt_id:
            raise DebriefError("only sessions of the same prompt can be compared")
        choices = same_prompt(self.store.list(), a.prompt_id)
        self.pick_a.setToolTip(f"{len(choices)} analysed sessions of this prompt")
        for combo, pick in ((self.pick_a, a.id), (self.pick_b, b.id)):
            combo.blockSignals(True)
            combo.clear()
            for s in choices:
                combo.addItem(_label(s), s.id)
            combo.setCurrentIndex(max(0, combo.findData(pick)))
            combo.blockSignals(False)
        self._recompute()

    def _recompute(self) -> None:
        id_a, id_b = self.pick_a.currentData(), self.pick_b.currentData()
        if not id_a or not id_b:
            return
        try:
            a = load_analysis(self.store.folder(id_a).analysis_path)
            b = load_analysis(self.store.folder(id_b).analysis_path)
        except DebriefError as exc:
            self.heading.setText(str(exc))
            return
        self.rows = compare_stages(a, b)
        sa, sb = self.store.get(id_a), self.store.get(id_b)
        title = html.escape(sa.prompt_title or sa.prompt_id)  # user prompts are data
        self.heading.setText(f"<b>{title}</b><br>"
                             f"A: {_share(sa)} &nbsp;then&nbsp; B: {_share(sb)}")
        self._fill()

    def _fill(self) -> None:
        t = self.table
        dark = is_dark(self)
        labels = ["Budget"]
        for _key, title in MEASURES:
            labels += [f"{title} · A", f"{title} · B"]
        t.clear()
        t.setRowCount(len(labels))
        t.setColumnCount(len(self.rows))
        t.setVerticalHeaderLabels(labels)
        t.setHorizontalHeaderLabels([SHORT_TITLES.get(r.stage, r.title) for r in self.rows])
        for col, row in enumerate(self.rows):
            t.horizontalHeaderItem(col).setToolTip(row.title)
        bold = QFont(t.font())
        bold.setBold(True)
        red = category_color("ui", dark)
        for col, row in enumerate(self.rows):
            budget = (row.a or row.b).budget if (row.a or row.b) else 0.0
            self._cell(0, col, _minutes(budget) if budget else "—")
            for m, (key, _title) in enumerate(MEASURES):
                for side_n, side in enumerate((row.a, row.b)):
                    item = self._cell(1 + 2 * m + side_n, col, self._value(side, key))
                    if key == "time" and side is not None and side.overrun > OVERRUN_SLACK:
                        item.setForeground(QBrush(red))
                        item.setFont(bold)
                    elif key in CATEGORIES:
                        item.setForeground(QBrush(category_color(key, dark)))
                    if row.stage == "total":
                        item.setFont(bold)

    @staticmethod
    def _value(side: StageSide | None, key: str) -> str:
        if side is None:
            return "—"
        return _minutes(side.actual if key == "time" else side.categories[key])

    def _cell(self, row: int, col: int, text: str) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(row, col, item)
        return item


class CompareDialog(QDialog):
    """CompareView in a window of its own."""

    def __init__(self, store: SessionStore, id_a: str, id_b: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Compare rehearsals")
        self.view = CompareView(store, self)
        self.view.set_sessions(id_a, id_b)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(960, 560)
