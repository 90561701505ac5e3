"""Delivery: pace per stage, fillers per minute, and long pauses (click to jump)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.analysis.model import Analysis, Moment
from app.stages import STAGE_TITLES
from app.ui.review.colors import stamp
from app.ui.review.evidence_list import EvidenceList


class DeliveryPanel(QWidget):
    """`pauses.jumpRequested(seconds)` when a long pause is clicked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        lay.addWidget(self.headline)
        self.pace = QLabel()
        self.pace.setWordWrap(True)
        self.pace.setMinimumWidth(220)  # wraps to a few lines, not a tall column
        lay.addWidget(self.pace)
        lay.addWidget(QLabel("<b>Long pauses</b>"))
        self.pauses = EvidenceList()
        self.pauses.setRootIsDecorated(False)
        lay.addWidget(self.pauses, 1)
        self.jumpRequested = self.pauses.jumpRequested

    def clear(self) -> None:
        self.headline.setText("")
        self.pace.setText("")
        self.pauses.clear()

    def set_analysis(self, analysis: Analysis) -> None:
        d = analysis.delivery
        fillers = ", ".join(f"“{w}” ×{n}" for w, n in
                            sorted(d.filler_counts.items(), key=lambda kv: -kv[1])[:5])
        self.headline.setText(
            f"<b>{d.words_per_minute:.0f}</b> words per minute overall · "
            f"<b>{d.fillers_per_minute:.1f}</b> fillers per minute"
            + (f"<br>Most used: {fillers}" if fillers else "")
            + ("<br>Repeated: " + ", ".join(f"“{p}” ×{n}" for p, n in d.repeated_phrases[:3])
               if d.repeated_phrases else "")
        )
        rows = "".join(
            f"<tr><td>{STAGE_TITLES.get(s.stage, s.stage)}</td>"
            f"<td align='right'>&nbsp;&nbsp;{s.words_per_minute:.0f} wpm</td></tr>"
            for s in analysis.stages
        )
        self.pace.setText(f"<b>Pace by stage</b><table>{rows}</table>")
        self.pauses.clear()
        for p in sorted(analysis.delivery.long_pauses, key=lambda p: -p.length)[:50]:
            self.pauses.add_entry("silence", f"{p.length:.1f} s silence", [Moment(p.start, "")])
            last = self.pauses.topLevelItem(self.pauses.topLevelItemCount() - 1)
            last.takeChildren()
            last.setText(1, stamp(p.start))
        if not analysis.delivery.long_pauses:
            self.pauses.add_entry("", "No long pauses", [])
