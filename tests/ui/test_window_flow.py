"""The main window's ways around: the sidebar's Rehearse, the keys on F1 or ?, a take
discarded on closing and brought back, and where settings are kept."""

from __future__ import annotations

from pathlib import Path

import pytest
import soundfile as sf
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication

from app.paths import sessions_dir
from app.ui.home.session_model import TITLE
from app.ui.key_help import SCREENS
from app.ui.main_window import MainWindow
from app.ui.settings import MINUTES, Settings

PROMPT = "messaging-scheduled-messages"


@pytest.fixture
def window(qtbot):
    w = MainWindow()
    # The flow is under test, not transcription: no transcriber runs on a take.
    w.rehearse.recordingStarted.disconnect(w._recording_started)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitActive(w)
    yield w
    if w.rehearse.in_progress:
        w.rehearse.ask_close = lambda: "keep"
    w.close()


def test_the_sidebar_rehearse_opens_the_setup_for_the_prompt_chosen_in_the_library(window):
    window.show_page(window.library_view)
    window.library_view.select(PROMPT)
    rehearse_button = window.rehearse.property("navButton")
    rehearse_button.click()
    setup = window.rehearse.setup
    assert window.pages.currentWidget() is window.rehearse
    assert setup.prompt is not None and setup.prompt.id == PROMPT
    assert setup.device_combo.count() >= 1  # at least "System default", never empty
    assert setup.device_combo.itemText(0) == "System default"


@pytest.mark.parametrize("key", [Qt.Key.Key_F1, Qt.Key.Key_Question])
def test_every_page_shows_its_keys_on_f1_and_question_mark(window, qtbot, key):
    for page in (window.home, window.library_view, window.rehearse, window.review):
        window.show_page(page)
        window.activateWindow()  # back from the last dialog
        qtbot.waitActive(window)
        QTest.keyClick(QApplication.focusWidget() or window, key)  # where a key goes
        dialog = window.keys_dialog
        assert dialog is not None and dialog.isVisible(), page
        title = window.page_title()
        assert dialog.screen_name == title
        for keys, _ in SCREENS[title]:
            assert keys.replace("&", "&amp;") in dialog.label.text()
        dialog.close()
        qtbot.waitUntil(lambda: window.keys_dialog is None)


def test_the_review_keys_are_in_the_buttons_tooltips(window):
    review = window.review
    assert "Space" in review.playback.play.toolTip()
    assert "Ctrl+1" in review.back_button.toolTip()


def test_question_mark_typed_in_a_search_box_is_text_not_help(window, qtbot):
    window.show_page(window.home)
    search = window.home.list.search
    search.setFocus()
    QTest.keyClicks(search, "why?")
    assert search.text() == "why?" and window.keys_dialog is None


@pytest.mark.audio
def test_a_take_discarded_on_closing_is_in_the_trash_and_undo_brings_it_back(
        window, qtbot, pulse, home_trash: Path):
    window.library_view.select(PROMPT)
    window.library_view.rehearseRequested.emit(PROMPT)
    screen = window.rehearse
    assert screen.start(screen.setup.prompt, 45)
    qtbot.waitUntil(lambda: screen.rehearsal.started, timeout=10000)
    qtbot.wait(1000)
    folder = screen.rehearsal.folder.path
    screen.ask_close = lambda: "discard"
    window.close()

    # Still open, on Home, with the Undo bar: closing again would quit.
    assert window.isVisible() and not screen.in_progress
    assert window.pages.currentWidget() is window.home
    bar = window.home.list.undo_bar
    assert bar.isVisible() and "trash" in bar.label.text()
    assert not folder.exists()
    trashed = home_trash / "files" / folder.name
    audio = sf.info(str(trashed / "audio.wav"))
    assert audio.duration > 0.5  # the take is on disk until the trash is emptied
    assert (home_trash / "info" / f"{folder.name}.trashinfo").exists()

    bar.button.click()
    assert folder.exists() and not trashed.exists()
    assert sf.info(str(folder / "audio.wav")).frames == audio.frames
    assert folder.name in {s.id for s in window.store.list()}
    assert folder.parent == sessions_dir()


def test_a_double_click_opens_a_session_and_f2_renames_it(qtbot, stored):
    from app.sessions.store import SessionStore
    from app.ui.home import HomeView

    home = HomeView(SessionStore(), prompts=lambda: [])
    qtbot.addWidget(home)
    home.resize(1200, 700)
    home.show()
    qtbot.waitExposed(home)
    view = home.list.view
    index = home.list.proxy.index(0, TITLE)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(home.openRequested) as opened:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [home.list.selected_ids()[0]]
    qtbot.wait(QApplication.doubleClickInterval() + 100)  # a delayed edit would start now
    assert view.state() != QAbstractItemView.State.EditingState
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_F2)
    assert view.state() == QAbstractItemView.State.EditingState


def test_settings_are_kept_beside_the_data_when_the_data_dir_is_set(data_dir, monkeypatch):
    settings = Settings()
    settings.set(MINUTES, 60)
    path = Path(settings.store.fileName())
    assert path == data_dir / "settings.ini" and "60" in path.read_text()
    monkeypatch.delenv("DEBRIEF_DATA_DIR")
    native = Settings()
    assert native.store.format() == QSettings.Format.NativeFormat
    assert Path(native.store.fileName()).parent.name == "Debrief"


def test_a_theme_change_keeps_the_home_search_box_wide(qtbot, stored):
    from app.sessions.store import SessionStore
    from app.ui.home import HomeView
    from app.ui.theme import apply_theme

    home = HomeView(SessionStore(), prompts=lambda: [])
    qtbot.addWidget(home)
    home.resize(1100, 700)
    home.show()
    qtbot.waitExposed(home)
    before = home.list.search.width()
    try:
        for theme in ("dark", "light", "system"):
            apply_theme(theme)
            qtbot.wait(50)
            assert home.list.search.width() >= max(180, before * 0.8), theme
    finally:
        apply_theme("system")
