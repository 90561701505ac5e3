"""Preferences: typed values with defaults, change signals, the live dialog, themes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from app.ui import settings as s
from app.ui.settings import Settings, SettingsDialog, bind_theme
from app.ui.theme import CATEGORY_COLORS, CATEGORY_COLORS_DARK, apply_theme, is_dark


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "debrief.ini"), QSettings.Format.IniFormat))


@pytest.fixture(autouse=True)
def system_theme_after():
    yield
    apply_theme("system")


def test_defaults_and_types(settings: Settings):
    assert settings.minutes == 45 and settings.warn_at == 0.8
    assert settings.value(s.CHIME) is True and settings.threads is None
    assert settings.model_spec() == "" and settings.microphone is None
    assert settings.theme == "system"
    assert settings.prompts_folder().name == "prompts"


def test_changes_persist_and_signal_once(qtbot, settings: Settings, tmp_path: Path):
    with qtbot.waitSignal(settings.changed) as blocker:
        settings.set(s.MINUTES, 60)
    assert blocker.args == [s.MINUTES]
    with qtbot.assertNotEmitted(settings.changed):
        settings.set(s.MINUTES, 60)
    settings.set(s.CHIME, False)
    settings.set(s.MODEL_SOURCE, "folder")
    settings.set(s.MODEL_FOLDER, "/models/small")
    again = Settings(QSettings(str(tmp_path / "debrief.ini"), QSettings.Format.IniFormat))
    assert again.minutes == 60 and again.value(s.CHIME) is False
    assert again.model_spec() == "/models/small"
    again.set(s.MODEL_SOURCE, "named")
    assert again.model_spec() == "small.en"


def test_bad_stored_values_fall_back(settings: Settings):
    settings.store.setValue(s.THREADS, "many")
    settings.store.setValue(s.MINUTES, 50)
    settings.store.setValue(s.AMBER, 3.0)
    assert settings.value(s.THREADS) == 0 and settings.minutes == 45 and settings.warn_at == 0.95


def test_dialog_writes_as_the_user_edits(qtbot, settings: Settings):
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    seen: list[str] = []
    settings.changed.connect(seen.append)
    dialog.minutes.setCurrentIndex(dialog.minutes.findData(60))
    dialog.amber.setValue(70)
    qtbot.mouseClick(dialog.chime, Qt.MouseButton.LeftButton)
    dialog.threads.setValue(2)
    dialog.model_buttons["named"].setChecked(True)
    dialog.model_name.setCurrentText("base.en")
    dialog.prompts.setText("/home/me/my-prompts")
    dialog.prompts.editingFinished.emit()
    assert seen == [s.MINUTES, s.AMBER, s.CHIME, s.THREADS, s.MODEL_SOURCE, s.MODEL_NAME,
                    s.PROMPTS_FOLDER]
    assert (settings.minutes, settings.warn_at, settings.value(s.CHIME), settings.threads) == \
        (60, 0.7, False, 2)
    assert settings.model_spec() == "base.en"
    assert settings.prompts_folder() == Path("/home/me/my-prompts")
    assert dialog.microphone.itemData(0) == ""


def test_theme_applies_without_restart(qtbot, settings: Settings):
    bind_theme(settings)
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    assert is_dark()
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 60
    dialog.theme.setCurrentIndex(dialog.theme.findData("light"))
    assert not is_dark()
    assert QApplication.style().name().lower() == "fusion"


def test_category_colours_are_distinct_in_both_themes():
    for table in (CATEGORY_COLORS, CATEGORY_COLORS_DARK):
        assert set(table) == {"ui", "api", "webhooks", "tradeoffs", "other"}
        assert len(set(table.values())) == 5
