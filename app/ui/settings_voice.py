"""The Settings dialog's interviewer row: speak the questions or not, and how.

Its own module because the settings dialog is long enough; it writes its keys the
moment a control changes, like the rest of the dialog.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QSpinBox, QVBoxLayout, QWidget

from app.interviewer.voice import FALLBACK, NEURAL, available_voices
from app.interviewer.voice_settings import VoiceSettings

# The spoken interviewer's keys in Settings (app/interviewer); off by default, so
# nothing talks unasked.
VOICE_ON = "interviewer/voice"
VOICE_NAME = "interviewer/voice_name"  # "" = the best voice installed
VOICE_RATE = "interviewer/rate"  # 1.0 = normal speed
VOICE_VOLUME = "interviewer/volume"  # 0..1
VOICE_OUTPUT = "interviewer/output"  # output device name; "" = the system default
VOICE_DEFAULTS: dict[str, Any] = {VOICE_ON: False, VOICE_NAME: "", VOICE_RATE: 1.0,
                                  VOICE_VOLUME: 0.8, VOICE_OUTPUT: ""}

VOICE_TITLES = {NEURAL: "Natural (neural)", FALLBACK: "Robotic (espeak-ng)"}


def _outputs() -> list[str]:
    try:
        from app.audio.playback import output_devices

        return output_devices()
    except Exception:  # no PortAudio: only "system default" is offered
        return []


class _Settings(Protocol):
    """What the box needs of app.ui.settings.Settings (which imports this module)."""

    @property
    def voice(self) -> VoiceSettings: ...
    def set(self, key: str, value: Any) -> None: ...


class VoiceBox(QWidget):
    """On/off, voice, speed, volume and output device of the spoken interviewer."""

    def __init__(self, settings: _Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        current = settings.voice
        self.on = QCheckBox("Speak the questions aloud (offline voice)")
        self.on.setChecked(current.enabled)
        self.on.toggled.connect(lambda on: settings.set(VOICE_ON, on))
        self.voice = QComboBox()
        self.voice.addItem("Best installed", "")
        for name in available_voices():
            self.voice.addItem(VOICE_TITLES.get(name, name), name)
        self.voice.setCurrentIndex(max(0, self.voice.findData(current.voice or "")))
        self.voice.currentIndexChanged.connect(
            lambda: settings.set(VOICE_NAME, self.voice.currentData()))
        self.rate = QSpinBox()
        self.rate.setRange(50, 200)
        self.rate.setSingleStep(10)
        self.rate.setPrefix("speed ")
        self.rate.setSuffix(" %")
        self.rate.setValue(round(current.rate * 100))
        self.rate.valueChanged.connect(lambda v: settings.set(VOICE_RATE, v / 100))
        self.volume = QSpinBox()
        self.volume.setRange(0, 100)
        self.volume.setSingleStep(10)
        self.volume.setPrefix("volume ")
        self.volume.setSuffix(" %")
        self.volume.setValue(round(current.volume * 100))
        self.volume.valueChanged.connect(lambda v: settings.set(VOICE_VOLUME, v / 100))
        self.output = QComboBox()
        self.output.addItem("System default output", "")
        for name in _outputs():
            self.output.addItem(name, name)
        self.output.setCurrentIndex(max(0, self.output.findData(current.device or "")))
        self.output.currentIndexChanged.connect(
            lambda: settings.set(VOICE_OUTPUT, self.output.currentData()))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.voice, self.rate, self.volume):
            row.addWidget(widget)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.on)
        col.addLayout(row)
        col.addWidget(self.output)
        self.on.toggled.connect(self._enable)
        self._enable(current.enabled)

    def _enable(self, on: bool) -> None:
        for widget in (self.voice, self.rate, self.volume, self.output):
            widget.setEnabled(on)
