"""The whole flow through the real main window: pick a prompt, rehearse out loud into the
(virtual) microphone, finish, and find the words in the review moments later."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.prompts.followups import due_in
from app.timefmt import clock
from app.ui.home.session_model import KIND
from app.ui.main_window import MainWindow
from app.ui.settings import CAPTIONS

pytestmark = [pytest.mark.audio, pytest.mark.model]

PROMPT = "messaging-scheduled-messages"


@pytest.fixture
def window(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    yield w
    if w.rehearse.in_progress:
        w.rehearse.ask_close = lambda: "discard"
    w.close()


def test_rehearse_finish_and_review(window, pulse, speak, qtbot):
    # Two different sentences: the recognizer rightly drops a line repeated verbatim.
    persona = speak("The developer is a backend engineer at a clinic booking company.",
                    "persona.wav")
    speech = speak("We return a four twenty nine error with a retry after header "
                   "when a developer goes over the rate limit.")
    window.home.rehearseRequested.emit()
    assert window.pages.currentWidget() is window.library_view
    window.library_view.select(PROMPT)
    window.library_view.rehearseRequested.emit(PROMPT)
    assert window.pages.currentWidget() is window.rehearse

    screen = window.rehearse
    window.settings.set(CAPTIONS, True)  # off by default; on, the strip follows the recognizer
    assert screen.start(screen.setup.prompt, 45)
    qtbot.waitUntil(lambda: screen.rehearsal.started, timeout=10000)
    assert screen.view.captions.isVisible()
    window.live.captions.emit(["We return a 429 with Retry-After."])
    assert "429" in screen.view.captions.text()
    QTest.keyClick(screen.view, Qt.Key.Key_N)  # on to "developer"
    pulse.play(persona)
    qtbot.wait(1200)  # a pause, as a speaker makes between stages
    QTest.keyClick(screen.view, Qt.Key.Key_N)  # on to "solution"
    qtbot.wait(300)
    pulse.play(speech)
    qtbot.wait(800)
    with qtbot.waitSignal(screen.finished, timeout=10000) as done:
        QTest.keyClick(screen.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    folder = Path(done.args[0])

    # The review opens at once, then fills in when the tail is transcribed and analysed.
    assert window.pages.currentWidget() is window.review
    qtbot.waitUntil(lambda: (folder / "analysis.json").exists(), timeout=120000)
    qtbot.waitUntil(lambda: "rate limit" in window.review.transcript.toPlainText().lower(),
                    timeout=10000)
    analysis = json.loads((folder / "analysis.json").read_text())
    stages = {s["stage"] for s in analysis["segments"]}
    assert stages <= {"developer", "solution"} and "solution" in stages
    assert analysis["categories"]["api"] > 0
    # And the session is listed at home with its analysis.
    summary = window.store.get(folder.name)
    assert summary.platform_share is not None


def test_drill_one_stage_from_the_library_to_its_review(window, pulse, speak, qtbot):
    speech = speak("The create call takes an idempotency key, and we send a status "
                   "callback webhook to their server when the message goes out.")
    window.home.rehearseRequested.emit()
    window.library_view.select(PROMPT)
    prompt = window.library_view.current_prompt()
    window.library_view.drill_button.click()
    assert window.pages.currentWidget() is window.rehearse
    setup = window.rehearse.setup
    budget = prompt.stage("solution").minutes
    assert (setup.stage, setup.heading.text()) == ("solution", "Drill a stage")
    assert setup.drill_minutes.value() == pytest.approx(budget, abs=0.05)
    assert prompt.stage("solution").hint in setup.prompt_text.text()

    screen = window.rehearse
    setup.start_button.click()  # the stage's budget, as offered
    qtbot.waitUntil(lambda: screen.rehearsal is not None and screen.rehearsal.started,
                    timeout=10000)
    view = screen.view
    assert view.stages.count() == 1 and view.stages.row_text(0).startswith("Solution")
    assert not view.buttons["next"].isVisible() and not view.buttons["back"].isVisible()
    assert screen.rehearsal.plan.total_seconds == budget * 60
    QTest.keyClick(view, Qt.Key.Key_N)  # no stage to move on to: still the one
    assert screen.rehearsal.clock.current.id == "solution"
    pulse.play(speech)
    qtbot.wait(800)
    with qtbot.waitSignal(screen.finished, timeout=10000) as done:
        QTest.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    folder = Path(done.args[0])

    assert window.pages.currentWidget() is window.review
    qtbot.waitUntil(lambda: (folder / "analysis.json").exists(), timeout=120000)
    qtbot.waitUntil(lambda: "webhook" in window.review.transcript.toPlainText().lower(),
                    timeout=10000)
    review = window.review
    assert review.title.text() == f"Drill: Solution, API-first — {prompt.title}"
    analysis = review.review.analysis
    assert {s.stage for s in analysis.stages} == {"solution"}
    assert analysis.planned == budget * 60
    assert f"of {clock(budget * 60)} planned" in review.summary.time_note.text()
    due = due_in("solution", prompt.rubric)
    assert [r.id for r in analysis.rubric] == list(due) and len(due) < len(prompt.rubric)
    assert review.rubric.topLevelItemCount() == len(due)
    covered = {r.id for r in analysis.rubric if r.covered}
    assert "webhooks" in covered

    window.store.refresh(folder.name)
    row = window.store.get(folder.name)
    assert (row.kind, row.scope, row.rubric_total) == ("drill", "solution", len(due))
    assert row.minutes == 0 and row.title == review.title.text()
    window.home.reload()
    model = window.home.list.model
    assert model.index(model.row_of(folder.name), KIND).data() == "Drill"
