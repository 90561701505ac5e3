"""Before the rehearsal: which prompt, the whole case (45 or 60 minutes) or one stage of
it as a drill (its budget or a length the user picks), or a quick drill from the bank;
which microphone (with a live level meter to check it), Start."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.audio.devices import InputDevice, input_devices
from app.errors import DebriefError
from app.prompts import Prompt
from app.prompts.quick_drills import MAX_SECONDS, MIN_SECONDS, QuickDrill
from app.ui.rehearse.level_meter import LevelMeter

WHOLE_CASE = ""  # the part combo's data for a full mock


class SetupView(QWidget):
    """Emits startRequested(prompt, minutes, device index or None) for a mock,
    drillRequested(prompt, stage, seconds, device) for a stage drill,
    quickRequested(drill, seconds, device) for a quick drill, or cancelRequested."""

    startRequested = Signal(object, int, object)
    drillRequested = Signal(object, str, float, object)
    quickRequested = Signal(object, float, object)
    cancelRequested = Signal()

    def __init__(self, recorder_factory: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = recorder_factory
        self._monitor: Any = None
        self._prompts: list[Prompt] = []
        self._drills: tuple[QuickDrill, ...] = ()
        self.quick = False  # a quick drill is set up, not a case
        self.prompt_combo = QComboBox()
        self.prompt_combo.currentIndexChanged.connect(self._show_prompt)
        self.prompt_text = QLabel()
        self.prompt_text.setTextFormat(Qt.TextFormat.PlainText)  # a user's prompt: text
        self.prompt_text.setWordWrap(True)
        self.prompt_text.setStyleSheet("font-size: 18px;")
        self.minutes_group = QButtonGroup(self)
        minutes_row = QHBoxLayout()
        for minutes in (45, 60):
            button = QRadioButton(f"{minutes} minutes")
            self.minutes_group.addButton(button, minutes)
            minutes_row.addWidget(button)
        self.minutes_group.button(45).setChecked(True)
        minutes_row.addStretch(1)
        self.minutes_group.idClicked.connect(lambda _id: self._show_part())
        self.part_combo = QComboBox()
        self.part_combo.currentIndexChanged.connect(self._show_part)
        self.drill_minutes = QDoubleSpinBox(suffix=" min", decimals=1, singleStep=0.5)
        self.drill_minutes.setRange(0.5, 60.0)
        self.drill_minutes.setToolTip("The stage's budget by default; any length you like")
        self.quick_combo = QComboBox()
        self.quick_combo.currentIndexChanged.connect(self._show_quick)
        self.quick_seconds = QSpinBox(suffix=" s", singleStep=15)
        self.quick_seconds.setRange(30, 180)
        self.quick_seconds.setToolTip(f"Warm-ups run {MIN_SECONDS}-{MAX_SECONDS} seconds")
        self.device_combo = QComboBox()
        self.device_combo.currentIndexChanged.connect(self._restart_monitor)
        self.meter = LevelMeter()
        self.mic_status = QLabel()
        self.mic_status.setWordWrap(True)
        self.start_button = QPushButton("Start rehearsal")
        self.start_button.setStyleSheet("font-size: 22px; font-weight: 700; padding: 10px 28px;")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self._start)
        cancel = QPushButton("Back")
        cancel.clicked.connect(self.cancelRequested)
        self.heading = title = QLabel("Rehearse")
        title.setStyleSheet("font-size: 30px; font-weight: 700;")
        self.form = form = QFormLayout()
        form.addRow("Warm-up", self.quick_combo)
        form.addRow("Prompt", self.prompt_combo)
        form.addRow("", self.prompt_text)
        form.addRow("Rehearse", self.part_combo)
        form.addRow("Length", minutes_row)
        self._minutes_row = minutes_row
        form.addRow("Drill length", self.drill_minutes)
        form.addRow("Answer length", self.quick_seconds)
        form.addRow("Microphone", self.device_combo)
        form.addRow("Level", self.meter)
        form.addRow("", self.mic_status)
        buttons = QHBoxLayout()
        buttons.addWidget(cancel)
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self._timer = QTimer(self)
        self._timer.setInterval(50)
        self._timer.timeout.connect(self._tick)

    # --- model -----------------------------------------------------------------------

    def set_prompts(self, prompts: list[Prompt], selected: Prompt | None = None) -> None:
        """Offer `prompts` (app.prompts.Prompt), with `selected` chosen."""
        self.quick = False
        self._prompts = list(prompts)
        self.prompt_combo.blockSignals(True)
        self.prompt_combo.clear()
        for p in self._prompts:
            self.prompt_combo.addItem(p.title, p.id)
        self.prompt_combo.blockSignals(False)
        index = self._prompts.index(selected) if selected in self._prompts else 0
        self.prompt_combo.setCurrentIndex(index)
        self._show_prompt()

    @property
    def prompt(self) -> Prompt | None:
        i = self.prompt_combo.currentIndex()
        return self._prompts[i] if 0 <= i < len(self._prompts) else None

    @property
    def minutes(self) -> int:
        return self.minutes_group.checkedId()

    @property
    def stage(self) -> str:
        """The stage to drill, or "" for the whole case."""
        return str(self.part_combo.currentData() or WHOLE_CASE)

    @property
    def drill(self) -> QuickDrill | None:
        """The quick drill chosen (in quick mode)."""
        i = self.quick_combo.currentIndex()
        return self._drills[i] if self.quick and 0 <= i < len(self._drills) else None

    def choose_stage(self, stage: str) -> None:
        """Drill `stage` of the chosen prompt ("" for the whole case)."""
        self.part_combo.setCurrentIndex(max(0, self.part_combo.findData(stage)))

    def set_quick_drills(self, drills: tuple[QuickDrill, ...],
                         selected: QuickDrill | None = None) -> None:
        """Set up a quick drill from `drills`, with `selected` chosen."""
        self.quick = True
        self._drills = drills
        self.quick_combo.blockSignals(True)
        self.quick_combo.clear()
        for d in drills:
            self.quick_combo.addItem(f"{d.item_title} — {d.question}", d.id)
        self.quick_combo.blockSignals(False)
        self.quick_combo.setCurrentIndex(drills.index(selected) if selected in drills else 0)
        self._show_quick()

    @property
    def device(self) -> int | None:
        return self.device_combo.currentData()

    def _show_prompt(self) -> None:
        p = self.prompt
        self.prompt_text.setText(p.text if p else "No prompt to rehearse.")
        if p and p.minutes in (45, 60):
            self.minutes_group.button(p.minutes).setChecked(True)
        keep = self.stage
        self.part_combo.blockSignals(True)
        self.part_combo.clear()
        self.part_combo.addItem("The whole case", WHOLE_CASE)
        for stage in p.stages if p else ():
            self.part_combo.addItem(f"One stage as a drill: {stage.title}", stage.id)
        self.part_combo.blockSignals(False)
        self.choose_stage(keep)
        self._show_part()

    def _scaled(self) -> Prompt | None:
        p = self.prompt
        return p.scaled(self.minutes) if p is not None and self.minutes > 0 else p

    def _show_part(self) -> None:
        """The rows of the case or of a stage drill; a stage's budget as the length."""
        p, stage = self._scaled(), self.stage
        if p is not None and stage:
            plan = p.stage(stage)
            self.drill_minutes.setValue(plan.minutes)
            self.prompt_text.setText(f"{p.text}\n\nThis stage: {plan.hint}")
        elif p is not None:
            self.prompt_text.setText(p.text)
        self._show_rows()

    def _show_quick(self) -> None:
        d = self.drill
        self.prompt_text.setText(d.question if d else "No quick drill to run.")
        if d is not None:
            self.quick_seconds.setValue(d.seconds)
        self._show_rows()

    def _show_rows(self) -> None:
        quick, drill = self.quick, not self.quick and bool(self.stage)
        self.heading.setText("Quick drill" if quick else "Drill a stage" if drill
                             else "Rehearse")
        # A stage's budget is its share of the case's length: say which length that is.
        label = self.form.labelForField(self._minutes_row)
        if isinstance(label, QLabel):
            label.setText("Case length" if drill else "Length")
        for row, shown in ((self.quick_combo, quick), (self.prompt_combo, not quick),
                           (self.part_combo, not quick), (self._minutes_row, not quick),
                           (self.drill_minutes, drill), (self.quick_seconds, quick)):
            self.form.setRowVisible(row, shown)
        self.start_button.setText("Start drill" if quick or drill else "Start rehearsal")
        self.start_button.setEnabled(self.drill is not None if quick
                                     else self.prompt is not None)

    def refresh_devices(self, devices: list[InputDevice] | None = None) -> None:
        """List the microphones (rescanning when none given), the default selected."""
        self.stop_monitor()
        devices = input_devices(refresh=True) if devices is None else devices
        self.device_combo.blockSignals(True)
        self.device_combo.clear()
        self.device_combo.addItem("System default", None)
        for d in devices:
            self.device_combo.addItem(d.name + (" (default)" if d.is_default else ""), d.index)
        self.device_combo.blockSignals(False)
        if not devices:
            self.mic_status.setText("No microphone found. Connect one; the list refreshes "
                                    "when you come back to this screen.")

    # --- level check -----------------------------------------------------------------

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._restart_monitor()

    def hideEvent(self, event: Any) -> None:
        self.stop_monitor()
        super().hideEvent(event)

    def _restart_monitor(self) -> None:
        self.stop_monitor()
        if not self.isVisible():
            return
        monitor = self._factory(None, self.device)
        try:
            monitor.start()
        except DebriefError as exc:
            self.mic_status.setText(str(exc))
            return
        self._monitor = monitor
        self.mic_status.setText(f"Say something: the bar should move. ({monitor.device_name})")
        self._timer.start()

    def stop_monitor(self) -> None:
        """Close the level-check stream (before recording opens the device)."""
        self._timer.stop()
        if self._monitor is not None:
            monitor, self._monitor = self._monitor, None
            monitor.stop()

    def _tick(self) -> None:
        if self._monitor is None:
            return
        self.meter.set_level(self._monitor.level())
        if self._monitor.failed:
            self.mic_status.setText(self._monitor.error or "The microphone stopped.")
            self.stop_monitor()

    def _start(self) -> None:
        if not self.start_button.isEnabled():
            return
        self.stop_monitor()
        drill, prompt = self.drill, self._scaled()
        if drill is not None:
            self.quickRequested.emit(drill, float(self.quick_seconds.value()), self.device)
        elif prompt is not None and self.stage:
            minutes = self.drill_minutes.value()
            budget = prompt.stage(self.stage).minutes
            if abs(minutes - budget) < 0.05:  # the budget as shown, to one decimal
                minutes = budget
            self.drillRequested.emit(prompt, self.stage, minutes * 60, self.device)
        elif self.prompt is not None:
            self.startRequested.emit(self.prompt, self.minutes, self.device)

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._start()
            return
        super().keyPressEvent(event)
