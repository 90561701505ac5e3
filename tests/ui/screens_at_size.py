"""Every screen and state of the main window on a laptop-sized screen.

Not collected on its own: tests/ui/test_laptop_sizes.py runs it in a child pytest whose
offscreen screen has the size under test (Qt fixes the screen when the application
starts, so each size needs its own process). With DEBRIEF_SHOTS set, each state is also
saved there as a PNG.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from rehearsal.fakes import FakeClock

from app.ui.main_window import MainWindow

pytestmark = pytest.mark.audio

PROMPT = "messaging-scheduled-messages"


def settle(qtbot) -> None:
    for _ in range(3):
        QApplication.processEvents()
        qtbot.wait(30)


def shot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("DEBRIEF_SHOTS")
    if folder:
        avail = widget.screen().availableGeometry()
        widget.grab().save(str(Path(folder) / f"{avail.width()}x{avail.height()}-{name}.png"))


def fully_shown(widget: QWidget, window: QWidget) -> bool:
    """`widget` is visible and none of it is cut off by the window's edge."""
    if not widget.isVisible() or widget.visibleRegion().isEmpty():
        return False
    top_left = widget.mapTo(window, QPoint(0, 0))
    return window.rect().contains(top_left) and window.rect().contains(
        top_left + QPoint(widget.width() - 1, widget.height() - 1))


def assert_fits(window: QWidget, qtbot, name: str) -> None:
    settle(qtbot)
    avail = window.screen().availableGeometry()
    assert window.width() <= avail.width(), (name, window.width(), avail)
    assert window.height() <= avail.height(), (name, window.height(), avail)
    hint = window.minimumSizeHint()
    assert hint.width() <= avail.width() and hint.height() <= avail.height(), (name, hint)
    shot(window, name)


def assert_rehearsal_fits(window: MainWindow, qtbot, name: str) -> None:
    assert_fits(window, qtbot, name)
    view = window.rehearse.view
    one_stage = view.stages.count() == 1  # a drill: no stage to move on to
    for widget in (view.buttons["finish"], view.stages,
                   *(() if one_stage else (view.buttons["next"],))):
        assert fully_shown(widget, window), (name, widget)
    for row in range(view.stages.count()):
        assert fully_shown(view.stages.times_label(row), window), (name, row)


@pytest.fixture
def window(qtbot, stored):
    w = MainWindow()
    # Layout is under test, not transcription: no transcriber runs on the take.
    w.rehearse.recordingStarted.disconnect(w._recording_started)
    w.rehearse.finished.disconnect(w._rehearsal_finished)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    if w.rehearse.in_progress:
        w.rehearse.ask_close = lambda: "discard"
    w.close()


def test_home_library_setup_review_and_settings_fit(window, qtbot, stored):
    assert_fits(window, qtbot, "home")
    window.show_page(window.library_view)
    window.library_view.select(PROMPT)
    assert_fits(window, qtbot, "library")
    window.library_view.rehearseRequested.emit(PROMPT)
    assert window.pages.currentWidget() is window.rehearse
    assert_fits(window, qtbot, "setup")
    window.open_session(stored[-1].name)
    assert window.pages.currentWidget() is window.review
    assert_fits(window, qtbot, "review")
    from app.ui.settings import SettingsDialog

    dialog = SettingsDialog(window.settings, window)
    dialog.show()
    assert_fits(dialog, qtbot, "settings")
    dialog.close()


def test_every_rehearsal_state_fits(window, qtbot, pulse):
    clock = FakeClock()
    window.rehearse._now = clock  # the stage clock steps by hand; the recorder is real
    window.library_view.select(PROMPT)
    window.library_view.rehearseRequested.emit(PROMPT)
    screen = window.rehearse
    assert screen.start(screen.setup.prompt, 45)
    qtbot.waitUntil(lambda: screen.rehearsal.started, timeout=10000)
    assert_rehearsal_fits(window, qtbot, "rehearsal")
    view = screen.view
    clock.advance(7 * 60)  # well over the first stage's budget: red, overtime shown
    screen.refresh()
    assert_rehearsal_fits(window, qtbot, "rehearsal-overrun")

    QTest.keyClick(view, Qt.Key.Key_P)
    assert "PAUSED" in view.rec_label.text()
    assert_rehearsal_fits(window, qtbot, "paused")
    QTest.keyClick(view, Qt.Key.Key_P)

    QTest.keyClick(view, Qt.Key.Key_M, Qt.KeyboardModifier.ShiftModifier)
    assert view.note_field.isVisible()
    QTest.keyClicks(view.note_field, "said POST twice without an idempotency key, and then "
                                     "spent far too long on the console page layout")
    assert_rehearsal_fits(window, qtbot, "note")
    QTest.keyClick(view.note_field, Qt.Key.Key_Return)

    # On through the stages until the interviewer's first question is due.
    for _ in range(6):
        clock.advance(4 * 60)
        screen.refresh()
        if view.probe_card.isVisible():
            break
        QTest.keyClick(view, Qt.Key.Key_N)
    assert view.probe_card.isVisible()
    assert_rehearsal_fits(window, qtbot, "probe")

    pulse.unload_sink()  # the microphone is pulled out
    try:
        qtbot.waitUntil(lambda: view.error_banner.isVisible(), timeout=15000)
        assert_rehearsal_fits(window, qtbot, "mic-lost")
    finally:
        pulse.load_sink()
    view.continue_button.click()  # plugged back in: on with the same take
    assert not view.error_banner.isVisible()

    # Away from the rehearsal, the recording is still in sight, with a way back.
    window.show_page(window.home)
    qtbot.waitUntil(lambda: window.recording_badge.isVisible(), timeout=3000)
    assert "REC" in window.recording_badge.text()
    assert_fits(window, qtbot, "home-while-recording")
    window.recording_badge.click()
    assert window.pages.currentWidget() is window.rehearse
    assert not window.recording_badge.isVisible()
    with qtbot.waitSignal(screen.finished, timeout=10000):
        QTest.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_every_drill_state_fits(window, qtbot, pulse, stored):
    from datetime import datetime, timedelta

    from sample_sessions import write_sample_drill

    from app.paths import sessions_dir

    start = datetime(2026, 11, 1, 9, 0)
    for day in range(3):
        write_sample_drill(sessions_dir(), start + timedelta(days=2 * day))
    quick = write_sample_drill(sessions_dir(), start + timedelta(days=7),
                               quick="signature-check",
                               said=("We sign the payload with an HMAC of the body.",
                                     "Their server checks the signature before trusting it."))
    drill = write_sample_drill(sessions_dir(), start + timedelta(days=8))
    window.home.reload()
    kinds = window.home.list.kind_filter
    kinds.setCurrentIndex(kinds.findText("Drills"))
    assert window.home.trends.series_combo.currentData() == "drill:solution"
    assert_fits(window, qtbot, "home-drills")
    kinds.setCurrentIndex(0)
    assert_fits(window, qtbot, "home-kinds")

    window.show_page(window.library_view)
    window.library_view.select(PROMPT)
    assert window.library_view.drill_button.isEnabled()
    assert_fits(window, qtbot, "library-drill-button")
    window.library_view.drill_button.click()
    setup = window.rehearse.setup
    assert setup.stage == "solution" and setup.drill_minutes.isVisible()
    assert_fits(window, qtbot, "drill-setup")

    clock = FakeClock()
    screen = window.rehearse
    screen._now = clock
    setup.start_button.click()
    qtbot.waitUntil(lambda: screen.rehearsal is not None and screen.rehearsal.started,
                    timeout=10000)
    assert screen.view.stages.count() == 1
    assert_rehearsal_fits(window, qtbot, "drill-rehearsal")
    clock.advance(14 * 60)  # past the stage's 13 minutes
    screen.refresh()
    assert_rehearsal_fits(window, qtbot, "drill-overrun")
    with qtbot.waitSignal(screen.finished, timeout=10000):
        QTest.keyClick(screen.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    window.open_session(drill.path.name)
    assert window.review.title.text().startswith("Drill: Solution, API-first")
    assert_fits(window, qtbot, "drill-review")

    window.prepare_quick_drill()
    assert setup.quick and setup.quick_combo.isVisible()
    assert_fits(window, qtbot, "quick-setup")
    setup.start_button.click()
    qtbot.waitUntil(lambda: screen.rehearsal is not None and screen.rehearsal.started
                    and not screen.rehearsal.finished, timeout=10000)
    screen.refresh()
    assert screen.view.probe_card.isVisible()  # the question, as the clock starts
    assert_rehearsal_fits(window, qtbot, "quick-rehearsal")
    with qtbot.waitSignal(screen.finished, timeout=10000):
        QTest.keyClick(screen.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    window.open_session(quick.path.name)
    assert window.review.title.text() == "Quick drill: Signature validation"
    assert_fits(window, qtbot, "quick-review")


def test_every_retake_state_fits(window, qtbot, pulse, speak):
    from app.ui.review.take_panel import DONE, FAILED, TakeDialog

    window.open_session(window.store.list()[0].id)
    review = window.review
    review.tabs.setCurrentWidget(review.retakes)
    panel = review.retakes
    assert panel.buttons, "the newest sample session has findings to retake"
    assert_fits(window, qtbot, "retake-offers")
    assert fully_shown(next(iter(panel.buttons.values())), window)

    clock = FakeClock()  # the countdown steps by hand; the recorder is real
    panel.make_take = lambda offer, r, parent: TakeDialog(offer, r, parent, now=clock)
    take = panel.start_take(panel.offers[0])
    assert take is not None
    assert_take_fits(take, qtbot, "take-ready")
    assert take.start()
    qtbot.waitUntil(lambda: take.rehearsal.started, timeout=10000)
    pulse.play(speak("We would count the accounts that call the API every week."))
    clock.advance(30)
    take.refresh()
    assert take.budget.text() == "1:00 left"
    assert_take_fits(take, qtbot, "take-recording")
    clock.advance(75)
    take.refresh()
    assert take.budget.text() == "0:15 over"
    assert_take_fits(take, qtbot, "take-over")
    take.stop_button.click()
    assert_take_fits(take, qtbot, "take-transcribing")
    qtbot.waitUntil(lambda: take.state in (DONE, FAILED), timeout=180_000)
    assert take.state == DONE, take.status.text()
    assert_take_fits(take, qtbot, "take-done")
    take.close_button.click()
    assert panel.cards
    assert_fits(window, qtbot, "retake-before-after")


def assert_take_fits(take, qtbot, name: str) -> None:
    assert_fits(take, qtbot, name)
    for button in (take.start_button, take.stop_button, take.close_button):
        if button.isVisible():
            assert fully_shown(button, take), (name, button.text())
    assert fully_shown(take.question, take) and fully_shown(take.budget, take) == (
        take.budget.isVisible())
