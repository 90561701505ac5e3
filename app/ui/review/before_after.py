"""One retake beside the session it retakes: then and now, side by side, each with
covered or not, the words that show it, how long it took and where the time went."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.analysis.before_after import Retake, Side
from app.reports.retakes import share_text, verdict
from app.reports.session_info import readable_date
from app.ui.icons import pixmap
from app.ui.review.colors import stamp

_QUOTE_STYLE = "color: palette(placeholder-text);"


def _label(text: str, style: str = "", wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # spoken words are data
    label.setWordWrap(wrap)
    if style:
        label.setStyleSheet(style)
    return label


class _Said(QLabel):
    """A quoted sentence of the session on screen: a click plays from it."""

    clicked = Signal()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit()
        super().mousePressEvent(event)


class BeforeAfter(QFrame):
    """A card for one take; `jumpRequested(seconds)` when a word of "then" is clicked
    (those are in the session on screen)."""

    jumpRequested = Signal(float)
    transcribeRequested = Signal(str)  # the take's session id

    def __init__(self, retake: Retake, parent: QWidget | None = None,
                 transcribing: bool = False) -> None:
        super().__init__(parent)
        self.retake = retake
        self.setObjectName("beforeAfter")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.setSpacing(4)
        when = readable_date(retake.started_at) if retake.started_at else retake.id
        fixed = {True: "covered now", False: "not covered yet",
                 None: "being transcribed" if transcribing else "not transcribed yet"}
        recovered = " · recovered after a crash" if retake.state == "recovered" else ""
        self.heading = _label(f"Take of {when} · {stamp(retake.budget)} · "
                              f"{fixed[retake.fixed]}{recovered}", "font-weight: 600;")
        lay.addWidget(self.heading)
        lay.addWidget(_label(f"“{retake.question}”", "font-style: italic;"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.then = self._side(retake.before, "Then")
        self.now = self._side(retake.after, "Now")
        grid.addWidget(self.then, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.now, 0, 1, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(grid)
        self.transcribe_button: QPushButton | None = None
        if retake.after is None and not transcribing:  # a take recovered after a crash
            self.transcribe_button = QPushButton("Transcribe this take")
            self.transcribe_button.clicked.connect(
                lambda: self.transcribeRequested.emit(retake.id))
            lay.addWidget(self.transcribe_button, 0, Qt.AlignmentFlag.AlignLeft)

    def _side(self, side: Side | None, name: str) -> QWidget:
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        head = QWidget()
        row = QGridLayout(head)
        row.setContentsMargins(0, 0, 0, 0)
        mark = QLabel()
        if side is not None:
            mark.setPixmap(pixmap("check" if side.covered else "cross", 14))
        row.addWidget(mark, 0, 0)
        title = _label(f"{name}: {verdict(side)}", "font-weight: 600;", wrap=False)
        title.setObjectName(f"verdict{name}")
        row.addWidget(title, 0, 1)
        row.setColumnStretch(1, 1)
        col.addWidget(head)
        if side is None:
            return box
        col.addWidget(_label(f"took {stamp(side.seconds)} · {share_text(side)}", _QUOTE_STYLE))
        for moment in side.words:
            text = f"{stamp(moment.time)}  “{moment.quote}”"
            if name != "Then":  # the take's words are in the take, not on screen
                col.addWidget(_label(text))
                continue
            said = _Said(text)
            said.setObjectName("said")
            said.setTextFormat(Qt.TextFormat.PlainText)
            said.setWordWrap(True)
            said.setCursor(Qt.CursorShape.PointingHandCursor)
            said.setToolTip("Click to play from here")
            said.clicked.connect(lambda t=moment.time: self.jumpRequested.emit(t))
            col.addWidget(said)
        if not side.words:
            col.addWidget(_label("Nothing said about it.", _QUOTE_STYLE))
        return box
