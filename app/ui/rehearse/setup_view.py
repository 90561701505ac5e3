"""Before the rehearsal: which prompt, 45 or 60 minutes, which microphone (with a live
level meter to check it), Start."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.audio.devices import InputDevice, input_devices
from app.errors import DebriefError
from app.prompts import Prompt
from app.ui.rehearse.level_meter import LevelMeter


class SetupView(QWidget):
    """Emits startRequested(prompt, minutes, device index or None) or cancelRequested."""

    startRequested = Signal(object, int, object)
    cancelRequested = Signal()

    def __init__(self, recorder_factory: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = recorder_factory
        self._monitor: Any = None
        self._prompts: list[Prompt] = []
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
        title = QLabel("Rehearse")
        title.setStyleSheet("font-size: 30px; font-weight: 700;")
        form = QFormLayout()
        form.addRow("Prompt", self.prompt_combo)
        form.addRow("", self.prompt_text)
        form.addRow("Length", minutes_row)
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
    def device(self) -> int | None:
        return self.device_combo.currentData()

    def _show_prompt(self) -> None:
        p = self.prompt
        self.prompt_text.setText(p.text if p else "No prompt to rehearse.")
        if p and p.minutes in (45, 60):
            self.minutes_group.button(p.minutes).setChecked(True)
        self.start_button.setEnabled(p is not None)

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
        if self.prompt is None:
            return
        self.stop_monitor()
        self.startRequested.emit(self.prompt, self.minutes, self.device)

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._start()
            return
        super().keyPressEvent(event)
