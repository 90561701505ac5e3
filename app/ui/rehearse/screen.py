"""The rehearsal screen: setup -> rehearsing -> summary, embedded in the main window.

    screen = RehearsalScreen(library)          # or RehearsalScreen(prompt)
    screen.finished.connect(open_review)       # str: the session folder
    screen.cancelled.connect(back_to_library)
    screen.recordingStarted.connect(attach_live_transcriber)  # str: the session folder
    screen.discarding.connect(stop_live_transcriber)  # before a take goes to the trash
    screen.discarded.connect(offer_undo)       # app.sessions.trash.Trashed
    screen.show_setup(prompt) / screen.start(prompt, 45, device=None)
    screen.show_setup(prompt, stage="solution") / screen.start_drill(prompt, "solution")
    screen.show_quick() / screen.start_quick(drill, seconds=None)
    main_window.closeEvent: if not screen.confirm_close(): event.ignore()

A QTimer only refreshes the display; time comes from the monotonic clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from app.audio.chime import play_chime
from app.audio.devices import input_devices
from app.audio.recorder import Recorder
from app.errors import DebriefError
from app.interviewer.live_run import LiveInterviewer
from app.prompts import Prompt
from app.prompts.drills import drill_plan, quick_plan
from app.prompts.plan import Plan, plan_from_prompt
from app.prompts.quick_drills import QuickDrill, load_quick_drills
from app.rehearsal.rehearsal import Rehearsal
from app.rehearsal.stage_clock import Event, Light, format_clock
from app.sessions.trash import Trashed, move_to_trash
from app.ui.key_help import KeysDialog
from app.ui.rehearse.rehearse_view import RehearseView
from app.ui.rehearse.setup_view import SetupView
from app.ui.rehearse.summary_view import SummaryView
from app.ui.settings import CHIME, Settings

REFRESH_MS = 200

KEEP, DISCARD, CANCEL = "keep", "discard", "cancel"


class RehearsalScreen(QWidget):
    """Setup, the running rehearsal, and the summary after Finish."""

    finished = Signal(str)  # session folder, after Finish saved it
    cancelled = Signal()  # the user left setup without starting
    recordingStarted = Signal(str)  # session folder, as soon as audio.wav is being written
    discarding = Signal(str)  # session folder, about to go to the trash: stop writing it
    discarded = Signal(object)  # the Trashed take, which undo can bring back

    def __init__(
        self,
        library_or_prompt: Any = None,
        parent: QWidget | None = None,
        *,
        now: Callable[[], float] = time.monotonic,
        recorder_factory: Callable[..., Any] = Recorder,
        chime: Callable[[str], object] | None = play_chime,
        on_recording: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._now = now
        self._factory = recorder_factory
        self._chime_player = chime
        self._chime: Callable[[str], object] | None = None
        self._warn_at = 0.8
        self.rehearsal: Rehearsal | None = None
        self._last_light: tuple[int, Light] | None = None
        self._shown_probe: Any = None
        self.interviewer: LiveInterviewer | None = None  # when the voice is on
        self._noting: Event | None = None  # the mark whose note is being typed
        # What confirm_close asks; replaceable so tests need no modal dialog.
        self.ask_close: Callable[[], str] = self._ask_close

        self.setup = SetupView(recorder_factory)
        self.view = RehearseView()
        self.summary = SummaryView()
        self.stack = QStackedWidget()
        for page in (self.setup, self.view, self.summary):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.setup.startRequested.connect(self.start)
        self.setup.drillRequested.connect(self.start_drill)
        self.setup.quickRequested.connect(self.start_quick)
        self.setup.cancelRequested.connect(self.cancelled)
        self.summary.againRequested.connect(self._again)
        v = self.view
        v.nextRequested.connect(lambda: self._act(self._rehearsal().next_stage))
        v.backRequested.connect(lambda: self._act(self._rehearsal().previous_stage))
        v.pauseRequested.connect(lambda: self._act(self._rehearsal().toggle_pause))
        v.markRequested.connect(self.mark)
        v.markWithNoteRequested.connect(self.mark_with_note)
        v.noteEntered.connect(self._save_note)
        v.finishRequested.connect(self.finish)
        v.helpRequested.connect(self.show_shortcuts)
        v.continueRequested.connect(self.continue_recording)
        v.probe_card.dismissed.connect(self._dismiss_probe)
        if on_recording is not None:
            self.recordingStarted.connect(on_recording)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)

        prompts = getattr(library_or_prompt, "prompts", None)
        if prompts is not None:
            self.setup.set_prompts(prompts)
        elif library_or_prompt is not None:
            self.setup.set_prompts([library_or_prompt], library_or_prompt)

    # --- setup -----------------------------------------------------------------------

    def show_setup(self, prompt: Prompt | None = None, stage: str | None = None) -> None:
        """Show the setup page, with `prompt` chosen (added if not in the list), and
        `stage` to drill ("" for the whole case; None keeps the choice)."""
        if prompt is not None or self.setup.quick:
            prompts = self.setup._prompts
            if prompt is not None and prompt not in prompts:
                prompts = [*prompts, prompt]
            self.setup.set_prompts(prompts, prompt or self.setup.prompt)
        if stage is not None:
            self.setup.choose_stage(stage)
        self.setup.refresh_devices()
        self.stack.setCurrentWidget(self.setup)

    def show_quick(self, drill: QuickDrill | None = None) -> None:
        """Show the setup of a quick drill, `drill` chosen (DebriefError when the bank
        cannot be read)."""
        self.setup.set_quick_drills(load_quick_drills(), drill)
        self.setup.refresh_devices()
        self.stack.setCurrentWidget(self.setup)

    def _again(self) -> None:
        if self.setup.quick:
            self.show_quick(self.setup.drill)
        else:
            self.show_setup(self.setup.prompt)

    def start(self, prompt: Prompt, minutes: int, device: int | str | None = None) -> bool:
        """Start rehearsing `prompt` for `minutes` on `device` (None: system default).
        False (with the reason on the setup page) when the microphone cannot be opened."""
        return self._begin(plan_from_prompt(prompt, minutes), prompt.rubric, device)

    def start_drill(self, prompt: Prompt, stage: str, seconds: float | None = None,
                    device: int | str | None = None) -> bool:
        """Rehearse one stage of `prompt` (as scaled) alone, for `seconds` (its budget
        by default): its hint, its probes and the rubric items due in it."""
        return self._begin(drill_plan(prompt, stage, seconds), prompt.rubric, device)

    def start_quick(self, drill: QuickDrill, seconds: float | None = None,
                    device: int | str | None = None) -> bool:
        """Run a quick drill: its question at the start, then the answer's budget."""
        return self._begin(quick_plan(drill, seconds), (drill.item,), device)

    def _begin(self, plan: Plan, rubric: tuple[str, ...],
               device: int | str | None) -> bool:
        if self.rehearsal is not None and not self.rehearsal.finished:
            return False
        self.setup.stop_monitor()
        # Read at each start, so a change in Settings applies to the next rehearsal.
        settings = Settings()
        self._chime = self._chime_player if settings.value(CHIME) else None
        self._warn_at = settings.warn_at
        rehearsal = Rehearsal(plan, device, now=self._now, recorder_factory=self._factory,
                              warn_at=self._warn_at)
        try:
            rehearsal.open()
        except DebriefError as exc:
            self.setup.mic_status.setText(str(exc))
            self.stack.setCurrentWidget(self.setup)
            return False
        self.rehearsal = rehearsal
        # The spoken interviewer asks the probes (and follow-ups) instead of the clock.
        self.interviewer = (LiveInterviewer(rehearsal, settings.voice, rubric)
                            if settings.voice.enabled else None)
        if self.interviewer is not None:
            self.interviewer.start()
        self._last_light = None
        self._shown_probe = None
        self._noting = None
        self.view.show_error(None)
        self.view.flash("")
        self.stack.setCurrentWidget(self.view)
        self.view.setFocus()
        self._timer.start()
        self.refresh()
        self.recordingStarted.emit(str(rehearsal.folder.path))
        return True

    # --- while rehearsing ------------------------------------------------------------

    def _rehearsal(self) -> Rehearsal:
        assert self.rehearsal is not None
        return self.rehearsal

    def _act(self, action: Callable[[], object]) -> None:
        if self.rehearsal is None or self.rehearsal.finished or not self.rehearsal.started:
            return
        if self.interviewer is not None and action == self.rehearsal.toggle_pause:
            self.interviewer.stop()  # a pause cuts the question short
        action()
        self.refresh()

    def mark(self, note: str = "") -> Event | None:
        """Bookmark this moment (M); the mark, or None before the start or after Finish."""
        if self.rehearsal is None or not self.rehearsal.started or self.rehearsal.finished:
            return None
        event = self.rehearsal.mark(note)
        if event is not None:
            self.view.flash(f"Marked at {format_clock(event.audio)}")
        self.refresh()
        return event

    def mark_with_note(self) -> None:
        """Mark this moment now (Shift+M), then let the user type a note for it."""
        event = self.mark()
        if event is not None:
            self._noting = event
            self.view.ask_note(format_clock(event.audio))

    def _save_note(self, text: str) -> None:
        mark, self._noting = self._noting, None
        if self.rehearsal is not None and mark is not None and text.strip():
            self.rehearsal.annotate(mark, text)
            self.view.flash(f"Note saved for the mark at {format_clock(mark.audio)}")

    def refresh(self) -> None:
        """Redraw from the clock and recorder (the QTimer calls this; time is not
        counted here)."""
        r = self.rehearsal
        if r is None or r.finished:
            return
        error = r.poll()
        if error:
            self._show_failure(error)
        self.view.render(r)
        self._update_probe()
        self._maybe_chime()

    def _update_probe(self) -> None:
        r = self._rehearsal()
        if self.interviewer is not None:
            question = self.interviewer.tick(r.recorder.level().rms)
            if question is not None:
                self._shown_probe = question
                self.view.probe_card.show_probe(question, self.interviewer.silence_reason)
            elif self._shown_probe is not None:  # the reason may be known only later
                self.view.probe_card.set_note(self.interviewer.silence_reason)
            return
        probe = r.clock.due_probe()
        if probe is not self._shown_probe:
            self._shown_probe = probe
            self.view.probe_card.show_probe(probe)
            if probe is not None:
                r.clock.probe_shown(probe)

    def _dismiss_probe(self, probe: Any) -> None:
        if self.interviewer is not None:  # asked once: nothing comes due again
            self._shown_probe = None
        elif self.rehearsal is not None:
            self.rehearsal.clock.dismiss_probe(probe)
            self._shown_probe = None
            self.refresh()

    def _maybe_chime(self) -> None:
        clock = self._rehearsal().clock
        if not self._rehearsal().started:
            return
        now = (clock.index, clock.light())
        before, self._last_light = self._last_light, now
        # Chime when the current stage's light changes, not on entering a stage.
        changed = before is not None and before[0] == now[0] and before[1] != now[1]
        if changed and self._chime and now[1] in (Light.AMBER, Light.RED):
            self._chime(now[1].value)

    def continue_recording(self, device: int | str | None = None) -> None:
        """After a microphone failure, carry on recording on `device` (None: the system
        default), appending to the same file."""
        if self.rehearsal is None:
            return
        try:
            self.rehearsal.continue_on(device)
        except DebriefError as exc:
            self._show_failure(str(exc))
            return
        self.view.show_error(None)
        self.refresh()

    def _show_failure(self, message: str) -> None:
        """The recorder stopped: say why and offer the microphones plugged in now (the
        failed stream is closed, so a rescan is allowed and sees them)."""
        self.view.offer_devices(input_devices(refresh=True))
        self.view.show_error(message + "  Ctrl+Enter finishes and keeps it.")

    def finish(self) -> str | None:
        """Finish (Ctrl+Enter): save everything, show the summary, emit finished."""
        r = self.rehearsal
        if r is None or r.finished:
            return None
        self._timer.stop()
        if self.interviewer is not None:
            self.interviewer.stop()  # its last question is logged before the log closes
        path = str(r.finish())
        note = f"Recorded on {r.recorder.device_name}." if r.recorder.device_name else ""
        if r.overflows:
            note += f" {r.overflows} audio dropouts (input overflows)."
        if r.recorder.error:
            note += f" {r.recorder.error}"
        self.summary.render(r.clock, path, note)
        self.stack.setCurrentWidget(self.summary)
        self.finished.emit(path)
        return path

    def show_shortcuts(self) -> None:
        KeysDialog("Rehearse", self).exec()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self.in_progress:
            self.view.setFocus()  # back from another page: the keys work again

    # --- closing ---------------------------------------------------------------------

    @property
    def in_progress(self) -> bool:
        return self.rehearsal is not None and not self.rehearsal.finished

    @property
    def showing_setup(self) -> bool:
        return self.stack.currentWidget() is self.setup

    def confirm_close(self) -> bool:
        """Ask before closing mid-rehearsal. Keep (the default) saves the recording as a
        finished session; Discard moves it to the trash (see discard); Cancel keeps
        rehearsing (returns False)."""
        self.setup.stop_monitor()
        if not self.in_progress:
            return True
        answer = self.ask_close()
        if answer == CANCEL:
            return False
        if answer == DISCARD:
            self.discard()
            return True
        self.finish()
        return True

    def discard(self) -> Trashed | None:
        """Stop and save the take, then move it to the trash, as deleting it from the
        home list does: it can be undone until the trash is emptied. Emits discarding
        (before the move) and discarded(token)."""
        r = self.rehearsal
        if r is None or r.finished:
            return None
        self._timer.stop()
        if self.interviewer is not None:
            self.interviewer.stop()
        path = r.finish()
        self.rehearsal = None
        self.discarding.emit(str(path))
        try:
            token = move_to_trash(path)
        except DebriefError as exc:  # the take stays a finished session: nothing is lost
            QMessageBox.warning(self, "Debrief", f"The recording was kept: {exc}")
            return None
        self.discarded.emit(token)
        self.show_setup()
        return token

    def _ask_close(self) -> str:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Rehearsal in progress")
        box.setText("A rehearsal is being recorded. Keep the recording?")
        keep = box.addButton("Keep recording and close", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("Discard recording", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Continue rehearsing", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        clicked = box.clickedButton()
        return KEEP if clicked is keep else DISCARD if clicked is discard else CANCEL

