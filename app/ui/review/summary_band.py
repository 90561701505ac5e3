"""The band at the top of the review: how long against the plan, platform share, the
UI-heavy flag, rubric coverage and the top three red flags."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.analysis.model import Analysis
from app.ui.review.colors import stamp


def _tile(title: str) -> tuple[QFrame, QLabel, QLabel]:
    frame = QFrame()
    frame.setObjectName("summaryTile")
    lay = QVBoxLayout(frame)
    lay.setContentsMargins(10, 6, 10, 6)
    lay.setSpacing(0)
    head = QLabel(title)
    head.setObjectName("tileTitle")
    value = QLabel("–")
    value.setObjectName("tileValue")
    note = QLabel("")
    note.setObjectName("tileNote")
    lay.addWidget(head)
    lay.addWidget(value)
    lay.addWidget(note)
    return frame, value, note


class SummaryBand(QFrame):
    """Renders the headline figures of an Analysis."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryBand")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        t_time, self.time_value, self.time_note = _tile("Total time")
        t_share, self.share_value, self.share_note = _tile("Platform share")
        t_rubric, self.rubric_value, self.rubric_note = _tile("Rubric coverage")
        for t in (t_time, t_share, t_rubric):
            row.addWidget(t)
        flags = QFrame()
        flags.setObjectName("summaryTile")
        lay = QVBoxLayout(flags)
        lay.setContentsMargins(10, 6, 10, 6)
        lay.setSpacing(1)
        head = QLabel("Red flags")
        head.setObjectName("tileTitle")
        lay.addWidget(head)
        self.flag_labels = [QLabel("") for _ in range(3)]
        for label in self.flag_labels:
            label.setTextFormat(Qt.TextFormat.PlainText)
            lay.addWidget(label)
        lay.addStretch(1)
        row.addWidget(flags, 1)
        self.setStyleSheet(
            "#summaryTile { border: 1px solid palette(mid); border-radius: 6px; }"
            "#tileTitle { color: palette(placeholder-text); }"
            "#tileValue { font-size: 17pt; font-weight: 600; }"
            "#tileNote { color: palette(placeholder-text); }"
        )

    def clear(self) -> None:
        for label in (self.time_value, self.share_value, self.rubric_value):
            label.setText("–")
        for label in (self.time_note, self.share_note, self.rubric_note, *self.flag_labels):
            label.setText("")

    def set_analysis(self, analysis: Analysis, planned: float | None,
                     stages_by_hand: bool = False, recording: float | None = None) -> None:
        """`recording`: the length of the audio file, which the player shows."""
        self.time_value.setText(stamp(analysis.duration))
        self.time_value.setToolTip(
            "From the start to the end of the last words transcribed."
            + (f" The recording runs {stamp(recording)}, as the player shows: it goes on "
               "after the last words." if recording and recording - analysis.duration >= 1
               else "") + " Time by category counts spoken seconds only.")
        if planned:
            over = analysis.duration - planned
            self.time_note.setText(f"of {stamp(planned)} planned"
                                   + (f" · {stamp(over)} over" if over > 1 else ""))
        else:
            self.time_note.setText("no plan recorded")
        if recording and recording - analysis.duration >= 1:
            self.time_note.setText(f"to the last words · recording {stamp(recording)} · "
                                   + self.time_note.text())
        if analysis.stages_estimated:
            self.time_note.setText(self.time_note.text() + " · stages estimated")
            self.time_note.setToolTip("No stage marks were recorded, so the stage bounds "
                                      "were estimated from what was said. Right-click the "
                                      "timeline or a word to start a stage there.")
        elif stages_by_hand:
            self.time_note.setText(self.time_note.text() + " · stages set by hand")
            self.time_note.setToolTip("You set where the stages start. Ctrl+Z takes back "
                                      "the last change; the timeline's right-click menu "
                                      "resets them all.")
        else:
            self.time_note.setToolTip("")
        share = analysis.platform_share
        self.share_value.setText("–" if share is None else f"{share:.0%}")
        if analysis.ui_heavy:
            self.share_value.setStyleSheet("color: #C0392B;")
            self.share_note.setText("UI-heavy answer")
        else:
            self.share_value.setStyleSheet("")
            self.share_note.setText("API, webhooks, trade-offs vs UI")
        covered = sum(1 for r in analysis.rubric if r.covered)
        self.rubric_value.setText(f"{covered} of {len(analysis.rubric)}")
        missed = [r.title for r in analysis.rubric if not r.covered]
        self.rubric_note.setText(f"missed: {missed[0]}" + (f" +{len(missed) - 1}"
                                 if len(missed) > 1 else "") if missed else "all covered")
        # The same kind of flag raised several times reads as one line with a count.
        counts: dict[str, int] = {}
        for f in analysis.flags:
            counts[f.title] = counts.get(f.title, 0) + 1
        top = [t + (f" ×{n}" if n > 1 else "") for t, n in counts.items()][:3]
        for i, label in enumerate(self.flag_labels):
            label.setText(top[i] if i < len(top) else "")
        flags = analysis.flags
        if not flags:
            self.flag_labels[0].setText("None raised")
