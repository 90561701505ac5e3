"""The review's Retakes tab: every finding worth a retake (a missed rubric item, a probe
not addressed, a UI-heavy solution, an overrun) with "Retake this", and under each the
takes of it, newest first, before and after. A click on "Retake this" opens the take
(take_panel.py); when its analysis is written the tab shows the result."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.analysis.before_after import Retake
from app.interviewer.retake_offer import RetakeOffer, asked_before, offers_for
from app.review_state.session_review import SessionReview
from app.sessions.retakes import retakes_of
from app.transcription.hint_words import case_vocabulary
from app.ui.live_session import LiveSession
from app.ui.review.before_after import BeforeAfter
from app.ui.review.take_panel import TakeDialog
from app.ui.settings import Settings


class RetakePanel(QScrollArea):
    """Emits `jumpRequested(seconds)` for a word of the session, `sessionChanged(path)`
    (the parent's) once a take is analysed."""

    jumpRequested = Signal(float)
    sessionChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("retakePanel")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.review: SessionReview | None = None
        self.offers: list[RetakeOffer] = []
        self.retakes: list[Retake] = []
        self.buttons: dict[str, QPushButton] = {}  # finding key -> its "Retake this"
        self.cards: list[BeforeAfter] = []
        self.take: TakeDialog | None = None
        self.transcribing: dict[str, LiveSession] = {}  # takes transcribed from here
        # Makes the take's dialog; tests give it a recorder of their own.
        self.make_take: Callable[[RetakeOffer, SessionReview, QWidget], TakeDialog] = TakeDialog
        self.clear()

    def clear(self) -> None:
        self.review, self.offers, self.retakes = None, [], []
        self._render("No analysis for this session yet.")

    def set_review(self, review: SessionReview) -> None:
        """Show what `review` can retake and the takes it holds."""
        self.review = review
        if review.analysis is None:
            self.clear()
            return
        self.retakes = retakes_of(review.folder, review.analysis)
        asked = asked_before(review.meta.events, self.retakes)
        self.offers = offers_for(review.analysis, review.meta.prompt_id or "", asked)
        self._render("Nothing to retake: every rubric item was covered and no stage ran "
                     "over.")

    def _render(self, empty: str) -> None:
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.setSpacing(8)
        self.buttons, self.cards = {}, []
        keys = {o.key for o in self.offers}
        for offer in self.offers:
            lay.addWidget(self._offer_row(offer))
            for retake in (r for r in self.retakes if r.key == offer.key):
                lay.addWidget(self._card(retake))
        # Takes of a finding the session no longer shows (covered by a correction since).
        rest = [r for r in self.retakes if r.key not in keys]
        if rest:
            lay.addWidget(QLabel("<b>Earlier retakes</b>"))
            for retake in rest:
                lay.addWidget(self._card(retake))
        if not self.offers and not self.retakes:
            note = QLabel(empty)
            note.setWordWrap(True)
            lay.addWidget(note)
        lay.addStretch(1)
        self.setWidget(body)

    def _offer_row(self, offer: RetakeOffer) -> QWidget:
        row = QWidget()
        h = QHBoxLayout(row)
        h.setContentsMargins(0, 0, 0, 0)
        text = QLabel(f"<b>{_esc(offer.title)}</b><br><span style='color: gray'>"
                      f"{_esc(offer.why)}</span>")
        text.setWordWrap(True)
        text.setToolTip(f"The interviewer will ask: {offer.question}")
        button = QPushButton("Retake this")
        button.setToolTip("Answer this in a short take of one to two minutes")
        button.clicked.connect(lambda: self.start_take(offer))
        self.buttons[offer.key] = button
        h.addWidget(text, 1)
        h.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def _card(self, retake: Retake) -> BeforeAfter:
        take = self.take
        busy = retake.id in self.transcribing or (
            take is not None and take.busy and take.rehearsal is not None
            and take.rehearsal.folder.id == retake.id)
        card = BeforeAfter(retake, transcribing=busy)
        card.jumpRequested.connect(self.jumpRequested)
        card.transcribeRequested.connect(self.transcribe)
        self.cards.append(card)
        return card

    def start_take(self, offer: RetakeOffer) -> TakeDialog | None:
        """Open the take of `offer` (one at a time)."""
        if self.review is None or (self.take is not None and self.take.busy):
            return None
        self.take = take = self.make_take(offer, self.review, self)
        take.analysed.connect(self._analysed)
        take.failed.connect(self._take_failed)
        take.open()
        return take

    def _take_failed(self, _message: str) -> None:
        if self.review is not None:  # the take is kept: its card offers to try again
            self.set_review(self.review)

    def transcribe(self, take_id: str) -> None:
        """Transcribe and analyse a take that has no transcript (one recovered after a
        crash), in the recognizer's process as Finish does."""
        if self.review is None or take_id in self.transcribing:
            return
        settings = Settings()
        live = LiveSession(settings.model_spec() or None, settings.threads or 1, self)
        product = self.review.meta.product
        live.vocabulary = tuple(case_vocabulary((product,) if product else ()))  # as live
        self.transcribing[take_id] = live
        live.ready.connect(self._analysed)
        live.failed.connect(lambda message: self._not_transcribed(take_id, message))
        live.finish(str(self.review.folder.path.parent / take_id))
        self.set_review(self.review)

    def _not_transcribed(self, take_id: str, message: str) -> None:
        self.transcribing.pop(take_id, None)
        QMessageBox.warning(self, "Retake", f"The take was not transcribed: {message}")
        if self.review is not None:
            self.set_review(self.review)

    def _analysed(self, take_path: str) -> None:
        self.transcribing.pop(Path(take_path).name, None)
        if self.review is not None:
            self.set_review(self.review)
            self.sessionChanged.emit(str(self.review.folder.path))


def _esc(text: str) -> str:
    from html import escape

    return escape(text)
