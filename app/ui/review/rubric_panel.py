"""Rubric coverage: each item covered (click to hear where) or missed."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTreeWidgetItem, QWidget

from app.analysis.model import Analysis
from app.ui.review.colors import is_dark
from app.ui.review.evidence_list import EvidenceList


class RubricPanel(EvidenceList):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rubricPanel")

    def set_analysis(self, analysis: Analysis) -> None:
        self.clear()
        missed = QColor("#FF8A7A" if is_dark(self) else "#C0392B")
        # Covered first, in the rubric's order, then what was missed.
        for r in sorted(analysis.rubric, key=lambda r: not r.covered):
            if r.covered:
                self.add_entry("check", r.title, r.moments)
            else:
                self.add_entry("cross", f"{r.title} — missed", [], color=missed)

    def item_for(self, rubric_id: str, analysis: Analysis) -> QTreeWidgetItem | None:
        """The row of a rubric item (for tests and keyboard navigation)."""
        titles = {r.id: r.title for r in analysis.rubric}
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            if item.text(0).split("  ", 1)[-1].startswith(titles.get(rubric_id, "\0")):
                return item
        return None
