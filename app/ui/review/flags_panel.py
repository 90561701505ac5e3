"""Red flags, then strengths, then notes (probes never reached), each with a jump to
its evidence."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from app.analysis.model import Analysis
from app.ui.review.colors import is_dark
from app.ui.review.evidence_list import EvidenceList


class FlagsPanel(EvidenceList):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("flagsPanel")

    def set_analysis(self, analysis: Analysis) -> None:
        self.clear()
        dark = is_dark(self)
        red = QColor("#FF8A7A" if dark else "#C0392B")
        green = QColor("#6FD39B" if dark else "#1E8449")
        for f in analysis.flags:
            self.add_entry("flag", f.title, f.moments, f.detail, red)
        for f in analysis.strengths:
            self.add_entry("star", f.title, f.moments, f.detail, green)
        for f in analysis.notes:  # told, not judged: a probe never reached
            self.add_entry("", f.title, f.moments, f.detail)
        if not analysis.findings:
            self.add_entry("", "No red flags raised", [])
