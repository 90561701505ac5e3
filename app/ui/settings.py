"""The user's preferences, kept in QSettings, and the dialog that edits them.

They live where the platform keeps settings (~/.config/Debrief on Linux), except when
DEBRIEF_DATA_DIR points at a data folder: then in settings.ini beside the data, so a
portable install or a test never writes to the real home.

`Settings` is the one place that knows the keys, their types and defaults. Every
change emits `changed(key)`, so screens apply it at once: the theme switches, the next
rehearsal uses the new microphone and length, the next transcription the new model.
The dialog writes as the user edits; there is no OK to forget.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.interviewer.voice_settings import VoiceSettings
from app.paths import DATA_DIR_ENV, data_dir, user_prompts_dir
from app.ui.settings_voice import (
    VOICE_DEFAULTS,
    VOICE_NAME,
    VOICE_ON,
    VOICE_OUTPUT,
    VOICE_RATE,
    VOICE_VOLUME,
    VoiceBox,
)
from app.ui.theme import THEME_TITLES, THEMES, apply_theme

MICROPHONE = "audio/microphone"  # device name; "" = the system default
MODEL_SOURCE = "model/source"  # "bundled" | "named" | "folder"
MODEL_NAME = "model/name"  # a faster-whisper name, used when source is "named"
MODEL_FOLDER = "model/folder"  # a CTranslate2 folder, used when source is "folder"
THREADS = "model/threads"  # 0 = automatic
MINUTES = "rehearsal/minutes"  # 45 or 60
AMBER = "rehearsal/amber"  # fraction of a stage's budget at which its light turns amber
CHIME = "rehearsal/chime"
CAPTIONS = "rehearsal/captions"  # live captions while rehearsing (off: they distract)
THEME = "ui/theme"  # one of THEMES
PROMPTS_FOLDER = "prompts/folder"

MODEL_SOURCES = ("bundled", "named", "folder")
NAMED_MODELS = ("base.en", "small.en", "distil-small.en", "medium.en", "large-v3-turbo")

DEFAULTS: dict[str, Any] = {
    MICROPHONE: "", MODEL_SOURCE: "bundled", MODEL_NAME: "small.en", MODEL_FOLDER: "",
    THREADS: 0, MINUTES: 45, AMBER: 0.8, CHIME: True, CAPTIONS: False, THEME: "system",
    PROMPTS_FOLDER: "", **VOICE_DEFAULTS,
}
_TYPES: dict[str, type] = {k: type(v) for k, v in DEFAULTS.items()}


class Settings(QObject):
    """Typed access to the preferences; `changed(key)` after every real change."""

    changed = Signal(str)

    def __init__(self, store: QSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store if store is not None else default_store()

    def value(self, key: str) -> Any:
        """The stored value of `key`, of its default's type (the default if unset/bad)."""
        default = DEFAULTS[key]
        raw = self.store.value(key, default)
        kind = _TYPES[key]
        try:
            if kind is bool:
                return raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1")
            return kind(raw)
        except (TypeError, ValueError):
            return default

    def set(self, key: str, value: Any) -> None:
        """Store `value` under `key`; emits `changed(key)` only if it differs."""
        if key not in DEFAULTS:
            raise KeyError(key)
        value = _TYPES[key](value)
        if value == self.value(key):
            return
        self.store.setValue(key, value)
        self.store.sync()
        self.changed.emit(key)

    # Conveniences for the values other screens pass on as they are.

    @property
    def minutes(self) -> int:
        return self.value(MINUTES) if self.value(MINUTES) in (45, 60) else 45

    @property
    def warn_at(self) -> float:
        """The stage clock's amber threshold, a fraction of the stage budget."""
        return min(0.95, max(0.5, self.value(AMBER)))

    @property
    def theme(self) -> str:
        return self.value(THEME) if self.value(THEME) in THEMES else "system"

    @property
    def threads(self) -> int | None:
        """CPU threads for transcription; None means the engine's own choice."""
        return self.value(THREADS) or None

    @property
    def microphone(self) -> str | None:
        """The chosen input device's name; None for the system default."""
        return self.value(MICROPHONE) or None

    @property
    def voice(self) -> VoiceSettings:
        """The spoken interviewer's settings, as the interviewer takes them."""
        return VoiceSettings(
            enabled=self.value(VOICE_ON), voice=self.value(VOICE_NAME) or None,
            rate=min(2.0, max(0.5, self.value(VOICE_RATE))),
            volume=min(1.0, max(0.0, self.value(VOICE_VOLUME))),
            device=self.value(VOICE_OUTPUT) or None)

    def model_spec(self) -> str:
        """What app.transcription.models.resolve_model takes: "" for the bundled model,
        a model name, or a folder."""
        source = self.value(MODEL_SOURCE)
        if source == "named":
            return self.value(MODEL_NAME)
        if source == "folder" and self.value(MODEL_FOLDER):
            return self.value(MODEL_FOLDER)
        return ""

    def prompts_folder(self) -> Path:
        """Where the user's own prompts live."""
        return Path(self.value(PROMPTS_FOLDER) or user_prompts_dir())


def default_store() -> QSettings:
    """settings.ini in the data folder when DEBRIEF_DATA_DIR is set, else the platform's
    usual place (where existing settings already are)."""
    if os.environ.get(DATA_DIR_ENV):
        return QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings("Debrief", "Debrief")


def bind_theme(settings: Settings, app: QApplication | None = None) -> None:
    """Apply the chosen theme now and whenever it changes."""
    apply_theme(settings.theme, app)
    settings.changed.connect(lambda key: apply_theme(settings.theme, app) if key == THEME
                             else None)


def _microphones() -> list[str]:
    try:
        from app.audio.devices import input_devices

        return [d.name for d in input_devices()]
    except Exception:  # no PortAudio at all: only "system default" is offered
        return []


class SettingsDialog(QDialog):
    """Edits a Settings live: each control writes its key as soon as it changes."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("Settings")
        form = QFormLayout()

        self.microphone = QComboBox()
        self.microphone.addItem("System default", "")
        for name in _microphones():
            self.microphone.addItem(name, name)
        self._select(self.microphone, settings.value(MICROPHONE))
        self.microphone.currentIndexChanged.connect(
            lambda: settings.set(MICROPHONE, self.microphone.currentData()))
        form.addRow("Microphone", self.microphone)

        form.addRow("Speech model", self._model_box())

        self.threads = QSpinBox()
        self.threads.setRange(0, os.cpu_count() or 8)
        self.threads.setSpecialValueText("Automatic")
        self.threads.setValue(settings.value(THREADS))
        self.threads.valueChanged.connect(lambda v: settings.set(THREADS, v))
        form.addRow("CPU threads", self.threads)

        self.minutes = QComboBox()
        for m in (45, 60):
            self.minutes.addItem(f"{m} minutes", m)
        self._select(self.minutes, settings.minutes)
        self.minutes.currentIndexChanged.connect(
            lambda: settings.set(MINUTES, self.minutes.currentData()))
        form.addRow("Default length", self.minutes)

        self.amber = QSpinBox()
        self.amber.setRange(50, 95)
        self.amber.setSingleStep(5)
        self.amber.setSuffix(" % of the stage budget")
        self.amber.setValue(round(settings.warn_at * 100))
        self.amber.valueChanged.connect(lambda v: settings.set(AMBER, v / 100))
        form.addRow("Amber from", self.amber)

        self.chime = QCheckBox("Chime when a stage runs out")
        self.chime.setChecked(settings.value(CHIME))
        self.chime.toggled.connect(lambda on: settings.set(CHIME, on))
        form.addRow("", self.chime)

        self.captions = QCheckBox("Show live captions while rehearsing")
        self.captions.setChecked(settings.value(CAPTIONS))
        self.captions.toggled.connect(lambda on: settings.set(CAPTIONS, on))
        form.addRow("", self.captions)

        form.addRow("Interviewer", VoiceBox(settings))

        self.theme = QComboBox()
        for t in THEMES:
            self.theme.addItem(THEME_TITLES[t], t)
        self._select(self.theme, settings.theme)
        self.theme.currentIndexChanged.connect(
            lambda: settings.set(THEME, self.theme.currentData()))
        form.addRow("Theme", self.theme)

        self.prompts = QLineEdit(settings.value(PROMPTS_FOLDER))
        self.prompts.setPlaceholderText(str(user_prompts_dir()))
        self.prompts.editingFinished.connect(
            lambda: settings.set(PROMPTS_FOLDER, self.prompts.text().strip()))
        form.addRow("Your prompts", self._with_browse(self.prompts, "Prompts folder"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        note = QLabel("Changes take effect at once; a new model is used from the next "
                      "transcription.")
        note.setWordWrap(True)
        note.setEnabled(False)
        layout.addWidget(note)
        layout.addWidget(buttons)

    @staticmethod
    def _select(combo: QComboBox, data: Any) -> None:
        index = combo.findData(data)
        combo.setCurrentIndex(max(0, index))

    def _with_browse(self, edit: QLineEdit, caption: str) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        button = QPushButton("Browse…")

        def browse() -> None:
            chosen = QFileDialog.getExistingDirectory(self, caption, edit.text())
            if chosen:
                edit.setText(chosen)
                edit.editingFinished.emit()

        button.clicked.connect(browse)
        row.addWidget(button)
        return box

    def _model_box(self) -> QWidget:
        s = self.settings
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        self.model_group = QButtonGroup(box)
        titles = {"bundled": "Bundled (tiny.en, fast)", "named": "A larger model",
                  "folder": "A model folder on this computer"}
        self.model_buttons: dict[str, QRadioButton] = {}
        self.model_name = QComboBox()
        self.model_name.addItems(NAMED_MODELS)
        self.model_name.setCurrentText(s.value(MODEL_NAME))
        self.model_name.currentTextChanged.connect(lambda t: s.set(MODEL_NAME, t))
        self.model_folder = QLineEdit(s.value(MODEL_FOLDER))
        self.model_folder.editingFinished.connect(
            lambda: s.set(MODEL_FOLDER, self.model_folder.text().strip()))
        extra = {"named": self.model_name,
                 "folder": self._with_browse(self.model_folder, "Model folder")}
        for source in MODEL_SOURCES:
            button = QRadioButton(titles[source])
            self.model_buttons[source] = button
            self.model_group.addButton(button)
            button.setChecked(s.value(MODEL_SOURCE) == source)
            button.toggled.connect(lambda on, src=source: on and s.set(MODEL_SOURCE, src))
            col.addWidget(button)
            if source in extra:
                col.addWidget(extra[source])
        def enable() -> None:
            self.model_name.setEnabled(self.model_buttons["named"].isChecked())
            extra["folder"].setEnabled(self.model_buttons["folder"].isChecked())

        for button in self.model_buttons.values():
            button.toggled.connect(enable)
        enable()
        hint = QLabel("A larger model is downloaded once, when first used.")
        hint.setEnabled(False)
        col.addWidget(hint)
        return box
