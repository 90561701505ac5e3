"""While rehearsing: the clock, the stages, the prompt, the probe, the microphone.

Keyboard first; every key becomes an intent signal, the screen acts on it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.audio.devices import InputDevice
from app.audio.recorder import RecorderState
from app.rehearsal.rehearsal import Rehearsal
from app.rehearsal.stage_clock import ClockState, format_clock
from app.sessions.meta import QUICK
from app.ui.elided_label import ElidedLabel
from app.ui.icons import icon
from app.ui.rehearse.caption_strip import CaptionStrip
from app.ui.rehearse.clock_display import ClockDisplay
from app.ui.rehearse.level_meter import LevelMeter
from app.ui.rehearse.probe_card import ProbeCard
from app.ui.rehearse.rehearse_style import INK, MUTED, PAUSED_COLOUR
from app.ui.rehearse.shortcuts import key_bar_text
from app.ui.rehearse.stage_list import StageList


class RehearseView(QWidget):
    """Renders a Rehearsal; emits what the user asked for."""

    nextRequested = Signal()
    backRequested = Signal()
    pauseRequested = Signal()
    markRequested = Signal()
    markWithNoteRequested = Signal()  # Shift+M: mark now, then type a note
    noteEntered = Signal(str)
    finishRequested = Signal()
    helpRequested = Signal()
    continueRequested = Signal(object)  # after a microphone failure: device name or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Every text that changes or comes from a prompt file wraps or elides: no state
        # may widen the window past a laptop screen.
        self.rec_label = QLabel()
        self.meter = LevelMeter()
        self.meter.setMinimumWidth(120)
        self.meter.setMaximumWidth(260)
        self.title_label = ElidedLabel()  # prompt files are data: plain text
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
        self.title_label.setStyleSheet("font-size: 20px; font-weight: 700;")
        self.status_label = ElidedLabel()
        self.status_label.setStyleSheet(f"font-size: 18px; color: {MUTED};")
        top = QHBoxLayout()
        top.addWidget(self.rec_label)
        top.addWidget(self.meter, 1)
        top.addSpacing(16)
        top.addWidget(self.status_label, 2)
        top.addWidget(self.title_label, 3)
        self.note_field = NoteField()  # above the buttons, while a note is typed
        self.note_field.setStyleSheet("font-size: 18px; padding: 5px 8px;")
        self.note_field.hide()
        self.note_field.done.connect(self._note_done)

        self.clock = ClockDisplay()
        self.stages = StageList()
        self.stages_head = stages_head = QLabel("Stages — spent / budget")
        stages_head.setStyleSheet(f"font-size: 18px; font-weight: 700; color: {MUTED};")
        self.prompt_label = QLabel()
        self.prompt_label.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt_label.setWordWrap(True)
        self.prompt_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.prompt_label.setStyleSheet(f"font-size: 18px; color: {INK};")
        self.prompt_head = prompt_head = QLabel("The prompt")
        prompt_head.setStyleSheet(f"font-size: 18px; font-weight: 700; color: {MUTED};")
        side_panel = QWidget()
        # A steady width while the times change, narrower on a small screen.
        side_panel.setMinimumWidth(400)
        side_panel.setMaximumWidth(600)
        side_panel.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        side = QVBoxLayout(side_panel)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(stages_head)
        side.addWidget(self.stages)
        side.addSpacing(18)
        side.addWidget(prompt_head)
        # A long prompt scrolls inside its box instead of being cut off.
        prompt_box = QScrollArea()
        prompt_box.setWidget(self.prompt_label)
        prompt_box.setWidgetResizable(True)
        prompt_box.setFrameShape(QFrame.Shape.NoFrame)
        prompt_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay on the clock
        side.addWidget(prompt_box, 1)
        main = QHBoxLayout()
        main.addWidget(self.clock, 1)
        main.addSpacing(20)
        main.addWidget(side_panel, 1)

        self.probe_card = ProbeCard()
        self.captions = CaptionStrip()
        self.error_banner = QFrame()
        self.error_banner.setObjectName("errorBanner")
        self.error_banner.setStyleSheet(
            "#errorBanner { background: #fce8e6; border: 3px solid #d93025; border-radius: 10px; }")
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("font-size: 20px; color: #a50e0e; font-weight: 600;")
        # Never focusable, like the buttons below: Space must stay "next stage".
        self.continue_device = QComboBox()
        self.continue_device.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # A long device name is elided in the box, not allowed to widen the window.
        self.continue_device.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.continue_device.setMinimumContentsLength(16)
        self.continue_button = QPushButton("Continue recording")
        self.continue_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.continue_button.clicked.connect(
            lambda: self.continueRequested.emit(self.continue_device.currentData()))
        for widget in (self.continue_device, self.continue_button):
            widget.setStyleSheet("font-size: 18px; padding: 6px 12px;")
        banner = QHBoxLayout(self.error_banner)
        banner.addWidget(self.error_label, 1)
        banner.addWidget(self.continue_device)
        banner.addWidget(self.continue_button)
        self.error_banner.hide()
        self.keys_label = QLabel(key_bar_text())
        self.keys_label.setStyleSheet(f"font-size: 17px; color: {MUTED};")
        self.keys_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.keys_label.setWordWrap(True)  # two lines on a small screen, never clipped
        # The same actions for the mouse; never focusable, so Space stays "next stage".
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, text, icon_name, tip, signal in (
            ("back", "Back (B)", "back", "Back to the previous stage (B), a correction",
             self.backRequested),
            ("pause", "Pause (P)", "pause", "Pause or resume the clock and the recording (P)",
             self.pauseRequested),
            ("mark", "Mark (M)", "flag", "Mark this moment (M); Shift+M to type a note",
             self.markRequested),
            ("next", "Next stage (N)", "next", "On to the next stage (Space or N)",
             self.nextRequested),
            ("finish", "Finish (Ctrl+Enter)", "stop", "Finish and save (Ctrl+Enter)",
             self.finishRequested),
        ):
            button = QPushButton(icon(icon_name), text)
            button.setIconSize(QSize(20, 20))
            button.setToolTip(tip)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setStyleSheet("font-size: 18px; padding: 6px 14px;")
            button.clicked.connect(signal)
            self.buttons[name] = button
            buttons.addWidget(button)
            if name == "next":
                buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 12)
        layout.addLayout(top)
        layout.addLayout(main, 1)
        layout.addWidget(self.captions)
        layout.addWidget(self.probe_card)
        layout.addWidget(self.error_banner)
        layout.addWidget(self.note_field)
        layout.addLayout(buttons)
        layout.addWidget(self.keys_label)

    def render(self, rehearsal: Rehearsal) -> None:
        """Show the rehearsal as it is now."""
        clock, rec = rehearsal.clock, rehearsal.recorder
        plan = clock.plan
        self.title_label.setText(plan.prompt_title)
        # A drill is one stage: no stage to move to, and the stage's hint beside the prompt.
        one = len(plan.stages) == 1
        quick = plan.kind == QUICK
        text = plan.prompt_text
        if one and not quick and plan.stages[0].hint:
            text = f"{text}\n\nThis stage: {plan.stages[0].hint}"
        self.prompt_label.setText(text)
        self.prompt_head.setText("The question" if quick else "The prompt")
        self.stages_head.setText(f"{'Drill' if one else 'Stages'} — spent / budget")
        for name in ("back", "next"):
            self.buttons[name].setVisible(not one)
        self.keys_label.setText(key_bar_text(one))
        self.clock.render(clock, waiting=not rehearsal.started)
        self.stages.render(clock.statuses())
        self.meter.set_level(rec.level())
        # Words on a coloured pill: no symbol a system font might lack.
        if rec.failed:
            text, colour = "MIC STOPPED", "#d93025"
        elif clock.state == ClockState.PAUSED or rec.state == RecorderState.PAUSED:
            text, colour = "PAUSED", PAUSED_COLOUR
        else:
            text, colour = f"REC {format_clock(rec.seconds_written)}", "#d93025"
        if rec.overflows:
            text += f" ({rec.overflows} dropouts)"
        self.rec_label.setText(text)
        paused = clock.state == ClockState.PAUSED
        self.buttons["pause"].setText("Resume (P)" if paused else "Pause (P)")
        self.buttons["pause"].setIcon(icon("play" if paused else "pause"))
        self.rec_label.setStyleSheet(f"font-size: 18px; font-weight: 800; color: white; "
                                     f"background: {colour}; border-radius: 6px; "
                                     "padding: 3px 10px;")

    def show_error(self, message: str | None) -> None:
        self.error_label.setText(message or "")
        self.error_banner.setVisible(bool(message))

    def offer_devices(self, devices: list[InputDevice]) -> None:
        """The microphones to continue on, by name: PortAudio's indices change when a
        device comes or goes. The system default comes first."""
        self.continue_device.clear()
        self.continue_device.addItem("System default microphone", None)
        for d in devices:
            self.continue_device.addItem(d.name + (" (default)" if d.is_default else ""),
                                         d.name)

    def ask_note(self, at: str) -> None:
        """Show the note field for the mark at `at`; keys go there until Enter or Esc."""
        self.note_field.clear()
        self.note_field.setPlaceholderText(f"Note for the mark at {at}: Enter saves, Esc skips")
        self.note_field.show()
        self.note_field.setFocus()

    def _note_done(self, text: str | None, finish: bool) -> None:
        self.note_field.hide()
        self.setFocus()  # the rehearsal keys work again
        if text is not None:
            self.noteEntered.emit(text)
        if finish:
            self.finishRequested.emit()

    def flash(self, message: str) -> None:
        """A short status line (e.g. "Marked at 12:04")."""
        self.status_label.setText(message)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        K = Qt.Key
        if key in (K.Key_Return, K.Key_Enter) and ctrl:
            self.finishRequested.emit()
        elif key in (K.Key_Space, K.Key_N) and not ctrl:
            self.nextRequested.emit()
        elif key == K.Key_B and not ctrl:
            self.backRequested.emit()
        elif key == K.Key_P and not ctrl:
            self.pauseRequested.emit()
        elif key == K.Key_M and not ctrl:
            if mods & Qt.KeyboardModifier.ShiftModifier:
                self.markWithNoteRequested.emit()
            else:
                self.markRequested.emit()
        elif key == K.Key_D and not ctrl:
            self.probe_card.dismiss()
        elif key in (K.Key_F1, K.Key_Question) or event.text() == "?":
            self.helpRequested.emit()
        else:
            super().keyPressEvent(event)

    def focusNextPrevChild(self, forward: bool) -> bool:
        return False  # keep the keys here (Tab would move focus off the clock)


class NoteField(QLineEdit):
    """A one-line note for a mark. `done(text, finish)`: Enter gives the text, Esc gives
    None, Ctrl+Enter gives the text and asks to finish the rehearsal as well."""

    done = Signal(object, bool)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            self.done.emit(self.text(), ctrl)
        elif key == Qt.Key.Key_Escape:
            self.done.emit(None, False)
        else:
            super().keyPressEvent(event)
