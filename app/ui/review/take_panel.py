"""A short take: the interviewer asks the follow-up (aloud when the voice is on, always
on the card), the candidate answers in 60-120 seconds against a visible countdown, and
Stop transcribes and analyses it as Finish does a rehearsal.

The recording is a real Rehearsal with a retake plan (kind "retake", its parent and
item in session.json from the first save), so a crash mid-take is recovered like any
rehearsal and keeps its parent link.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.audio.recorder import Recorder
from app.errors import DebriefError
from app.interviewer.live_run import LiveInterviewer
from app.interviewer.retake_offer import (
    DEFAULT_SECONDS,
    MAX_SECONDS,
    MIN_SECONDS,
    RetakeOffer,
    budget_left,
    retake_fields,
    retake_plan,
)
from app.rehearsal.rehearsal import Rehearsal
from app.reports.session_info import readable_date
from app.review_state.session_review import SessionReview
from app.ui.live_session import LiveSession
from app.ui.rehearse.level_meter import LevelMeter
from app.ui.rehearse.rehearse_style import CARD
from app.ui.settings import Settings

REFRESH_MS = 200
READY, RECORDING, TRANSCRIBING, DONE, FAILED = (
    "ready", "recording", "transcribing", "done", "failed")
_RED, _INK = "#C0392B", "palette(window-text)"


class TakeDialog(QDialog):
    """One take of `offer` for the session open in `review`. `analysed(path)` fires with
    the take's folder once its analysis is written; `failed(message)` if it is not."""

    analysed = Signal(str)
    failed = Signal(str)

    def __init__(self, offer: RetakeOffer, review: SessionReview,
                 parent: QWidget | None = None, *,
                 recorder_factory: Callable[..., Any] = Recorder,
                 now: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.offer, self.review = offer, review
        self._factory, self._now = recorder_factory, now
        self.state = READY
        self.rehearsal: Rehearsal | None = None
        self.interviewer: LiveInterviewer | None = None
        self.live: LiveSession | None = None
        self._shown = False
        self.setWindowTitle(f"Retake: {offer.title}")
        self.setModal(True)
        self._build()
        self._timer = QTimer(self, interval=REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._show_state()

    # -- construction ----------------------------------------------------------------

    def _build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 14, 16, 14)
        lay.setSpacing(10)
        title = QLabel(self.offer.title)
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        why = QLabel(self.offer.why)
        why.setTextFormat(Qt.TextFormat.PlainText)
        why.setWordWrap(True)
        why.setStyleSheet("color: palette(placeholder-text);")
        self.card = card = QFrame()
        card.setObjectName("takeCard")
        card.setStyleSheet(f"#takeCard {{ background: {CARD}; border: 3px solid #f29900;"
                           " border-radius: 12px; }")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(16, 10, 16, 10)
        heading = QLabel("The interviewer asks:")
        heading.setStyleSheet("font-size: 13pt; font-weight: 700; color: #8a5a00;")
        self.question = QLabel()
        self.question.setTextFormat(Qt.TextFormat.PlainText)  # prompt files are data
        self.question.setWordWrap(True)
        self.question.setStyleSheet("font-size: 16pt; font-weight: 600; color: #202124;")
        self.voice_note = QLabel()
        self.voice_note.setWordWrap(True)
        self.voice_note.setStyleSheet("color: #5f6368;")
        self.voice_note.hide()
        inner.addWidget(heading)
        inner.addWidget(self.question)
        inner.addWidget(self.voice_note)

        length_row = QHBoxLayout()
        self.seconds_box = QSpinBox()
        self.seconds_box.setRange(MIN_SECONDS, MAX_SECONDS)
        self.seconds_box.setSingleStep(15)
        self.seconds_box.setValue(DEFAULT_SECONDS)
        self.seconds_box.setSuffix(" s")
        self.seconds_box.setAccessibleName("Length of the take")
        self.seconds_box.valueChanged.connect(self._update_question)
        length_row.addWidget(QLabel("Answer in"))
        length_row.addWidget(self.seconds_box)
        length_row.addStretch(1)
        self.budget = QLabel()
        self.budget.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.budget.setAccessibleName("Time left in the take")
        self.meter = LevelMeter()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)

        buttons = QHBoxLayout()
        self.start_button = QPushButton("Start the take")
        self.start_button.clicked.connect(self.start)
        self.stop_button = QPushButton("Stop and review")
        self.stop_button.clicked.connect(self.stop)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)
        buttons.addStretch(1)
        for b in (self.start_button, self.stop_button, self.close_button):
            buttons.addWidget(b)

        lay.addWidget(title)
        lay.addWidget(why)
        lay.addWidget(card)
        lay.addLayout(length_row)
        lay.addWidget(self.budget)
        lay.addWidget(self.meter)
        lay.addWidget(self.status)
        lay.addLayout(buttons)
        self.setMinimumWidth(640)
        self._update_question()

    def _update_question(self) -> None:
        self.question.setText(self.offer.asked(self.seconds_box.value()))
        self._show_budget(float(self.seconds_box.value()))

    def _show_budget(self, left: float) -> None:
        seconds = float(self.seconds_box.value())
        self.budget.setText(budget_left(seconds, seconds - left))
        colour = _RED if left < 0 else _INK
        self.budget.setStyleSheet(f"font-size: 30pt; font-weight: 700; color: {colour};")

    # -- the take ----------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """Recording or transcribing: a second take waits."""
        return self.state in (RECORDING, TRANSCRIBING)

    def start(self) -> bool:
        """Record the take (False, with the reason shown, when the microphone fails)."""
        if self.state != READY:
            return False
        settings = Settings()
        seconds = float(self.seconds_box.value())
        meta = self.review.meta
        plan = retake_plan(self.offer, self.review.folder.id, seconds,
                           prompt_id=meta.prompt_id or "", prompt_title=meta.prompt_title or "")
        when = readable_date(meta.started_at) if meta.started_at else self.review.folder.id
        rehearsal = Rehearsal(plan, settings.microphone, now=self._now,
                              recorder_factory=self._factory)
        # In session.json from its first save: a crash keeps what the take was for.
        rehearsal.log.meta.update(retake_fields(self.offer, seconds,
                                                f"{self.review.title} ({when})"))
        try:
            rehearsal.open()
        except DebriefError as exc:
            self.status.setText(str(exc))
            return False
        self.rehearsal = rehearsal
        self.interviewer = (LiveInterviewer(rehearsal, settings.voice)
                            if settings.voice.enabled else None)
        if self.interviewer is not None:
            self.interviewer.start()
        self.live = LiveSession(settings.model_spec() or None, settings.threads or 1, self)
        self.live.ready.connect(self._ready)
        self.live.failed.connect(self._failed)
        self.live.begin(str(rehearsal.folder.path), self._vocabulary())
        self.state = RECORDING
        self._show_state()
        self._timer.start()
        self.refresh()
        return True

    def _vocabulary(self) -> tuple[str, ...]:
        from app.transcription.hint_words import case_vocabulary

        product = self.review.meta.product
        return tuple(case_vocabulary((product,) if product else ()))

    def refresh(self) -> None:
        """Redraw the countdown and the level (time comes from the stage clock)."""
        r = self.rehearsal
        if r is None or r.finished:
            return
        error = r.poll()
        if error:
            self.status.setText(f"{error}  Stop keeps what was recorded.")
        self.meter.set_level(r.recorder.level())
        if not r.started:
            return
        probe = r.plan.probes[0]
        if self.interviewer is not None:
            self.interviewer.tick(r.recorder.level().rms)
            self.voice_note.setText(self.interviewer.silence_reason)
            self.voice_note.setVisible(bool(self.interviewer.silence_reason))
        elif not self._shown:
            r.clock.probe_shown(probe)  # logged as asked, on the card
            self._shown = True
        left = r.plan.total_seconds - r.clock.spent()
        self._show_budget(left)
        if left < 0 and not error:
            self.status.setText("Time is up: finish your sentence, then Stop.")

    def stop(self) -> str | None:
        """Stop recording; transcribe and analyse the take (`analysed` follows)."""
        r = self.rehearsal
        if self.state != RECORDING or r is None:
            return None
        self._timer.stop()
        if self.interviewer is not None:
            self.interviewer.stop()  # the question's turn is logged before the log closes
        path = str(r.finish())
        self.state = TRANSCRIBING
        self._show_state()
        assert self.live is not None
        self.live.finish(path)
        return path

    def _ready(self, path: str) -> None:
        self.state = DONE
        self._show_state()
        self.analysed.emit(path)

    def _failed(self, message: str) -> None:
        if self.state == RECORDING:  # live transcription only: Stop transcribes it all
            self.status.setText(f"Live transcription is off ({message}); the take is "
                                "transcribed after Stop.")
            return
        self.state = FAILED
        self._show_state(f"Transcription did not finish: {message}. The take is kept: "
                         "\"Transcribe this take\" in the Retakes tab tries again.")
        self.failed.emit(message)

    def _show_state(self, message: str = "") -> None:
        s = self.state
        self.start_button.setVisible(s == READY)
        self.stop_button.setVisible(s == RECORDING)
        self.close_button.setEnabled(s != TRANSCRIBING)
        self.seconds_box.setEnabled(s == READY)
        self.meter.setVisible(s == RECORDING)
        self.budget.setVisible(s in (READY, RECORDING))
        default = self.start_button if s == READY else self.stop_button
        default.setDefault(True)
        default.setFocus()
        self.status.setText(message or {
            READY: "Start when you are ready. The question stays on screen.",
            RECORDING: "Recording. Answer the question, then Stop.",
            TRANSCRIBING: "Transcribing and analysing your take…",
            DONE: "Done: the Retakes tab shows before and after.",
            FAILED: "",
        }[s])
        self.adjustSize()  # rows come and go: the question keeps its lines

    def reject(self) -> None:
        """Close (the button, Esc, the title bar's cross): mid-take, the take is kept and
        transcribed, as Stop would; while transcribing the dialog waits for the result."""
        if self.state == TRANSCRIBING:
            return
        self.stop()
        super().reject()
