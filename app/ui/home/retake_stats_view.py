"""The history's rubric items: how often each was missed across sessions, retaken, and
fixed by a retake (app.sessions.retake_stats), under the trend charts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.sessions.retake_stats import ItemStats, retake_stats
from app.ui.home.session_list import SessionList

COLUMNS = ("Rubric item", "Missed", "Retaken", "Fixed")
SHOWN = 6  # the most missed; the rest scroll


class RetakeStatsView(QWidget):
    """A small table, most missed first; reread whenever the session list changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("retakeStats")
        title = QLabel("<b>Missed and fixed, per rubric item</b>")
        self.table = QTreeWidget()
        self.table.setColumnCount(len(COLUMNS))
        self.table.setHeaderLabels(list(COLUMNS))
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.empty = QLabel("No rubric item missed yet.")
        self.empty.setEnabled(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 6, 0, 0)
        lay.addWidget(title)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.empty)
        self.stats: list[ItemStats] = []
        self.reload()

    def reload(self, *_: object) -> None:
        self.stats = retake_stats()
        self.table.clear()
        for s in self.stats:
            fixed = f"{s.fixed} of {s.retaken}" if s.retaken else "-"
            row = QTreeWidgetItem([s.title, str(s.missed), str(s.retaken), fixed])
            for column in range(1, len(COLUMNS)):
                row.setTextAlignment(column, Qt.AlignmentFlag.AlignCenter)
            row.setToolTip(0, f"{s.title}: missed in {s.missed} session"
                              f"{'s' if s.missed != 1 else ''}; {s.fixed} of {s.retaken} "
                              "retakes covered it")
            self.table.addTopLevelItem(row)
        self.table.setVisible(bool(self.stats))
        self.empty.setVisible(not self.stats)
        rows = min(len(self.stats), SHOWN)
        height = self.table.header().sizeHint().height() + rows * self.table.sizeHintForRow(0)
        self.table.setMaximumHeight(height + 4 if self.stats else 0)


def with_retake_stats(trends: QWidget, sessions: SessionList) -> QWidget:
    """The trend charts above the rubric items' table, which follows the session list."""
    split = QSplitter(Qt.Orientation.Vertical)
    split.setChildrenCollapsible(False)
    stats = RetakeStatsView()
    sessions.sessionsChanged.connect(stats.reload)
    split.addWidget(trends)
    split.addWidget(stats)
    split.setStretchFactor(0, 3)
    split.setStretchFactor(1, 1)
    return split
