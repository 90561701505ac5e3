"""A retake from a missed rubric item through the real widgets: the review offers it,
the take shows the prompt's own follow-up, espeak speech that covers the item is played
into the private PulseAudio sink and recorded by the real recorder, Stop transcribes it
with the bundled model, and the review's before/after shows the item now covered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from retake_sessions import PROMPT, SPOKEN_IDEMPOTENT, write_parent

from app.prompts.followups import load_followups
from app.sessions.meta import RETAKE
from app.ui.review.review_screen import ReviewScreen
from app.ui.review.take_panel import DONE, RECORDING

pytestmark = [pytest.mark.audio, pytest.mark.model, pytest.mark.slow]



def test_a_missed_item_is_retaken_and_shows_covered_now(pulse, speak, qtbot):
    wav = speak(SPOKEN_IDEMPOTENT, "answer.wav")
    parent, analysis = write_parent()
    assert not next(r for r in analysis.rubric if r.id == "idempotency").covered
    screen = ReviewScreen(parent.path)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    panel = screen.retakes
    screen.tabs.setCurrentWidget(panel)
    button = panel.buttons["idempotency"]
    assert button.isVisible() and button.text() == "Retake this"
    button.click()
    take = panel.take
    assert take is not None and take.isVisible()
    question = load_followups()["idempotency"].questions_for(PROMPT)[0]
    assert take.question.text() == question and take.seconds_box.value() == 90
    assert take.budget.text() == "1:30 left"

    take.seconds_box.setValue(60)
    take.start_button.click()
    assert take.state == RECORDING and take.stop_button.isVisible()
    qtbot.waitUntil(lambda: take.rehearsal.started, timeout=10000)
    pulse.play(wav)
    qtbot.wait(800)
    assert take.budget.text().endswith(" left") and take.budget.text() != "1:00 left"
    folder = take.rehearsal.folder
    with qtbot.waitSignal(take.analysed, timeout=180_000):
        take.stop_button.click()
    assert take.state == DONE

    meta = json.loads((folder.path / "session.json").read_text())
    assert (meta["kind"], meta["parent"], meta["item"]) == (RETAKE, parent.id, "idempotency")
    assert meta["overflows"] == 0 and meta["error"] is None
    assert [e["note"] for e in meta["events"] if e["type"] == "probe"] == [question]
    assert meta["retake"]["question"] == question and meta["retake"]["budget"] == 60
    said = " ".join(s["text"] for s in json.loads(
        (folder.path / "transcript.json").read_text())["segments"]).lower()
    assert "retr" in said, said  # the recognizer heard the answer, not silence

    # The review lists the take under its finding: not covered then, covered now.
    (card,) = panel.cards
    assert card.retake.id == folder.id and card.retake.fixed is True
    assert card.then.findChild(type(card.heading), "verdictThen").text() == \
        "Then: not covered"
    assert card.now.findChild(type(card.heading), "verdictNow").text() == "Now: covered"
    assert "covered now" in card.heading.text()
    assert card.retake.after is not None and card.retake.after.words
    assert card.retake.after.shares["api"] > 0 and card.retake.after.seconds > 5
    assert Path(folder.path / "audio.wav").stat().st_size > 16000 * 2 * 5
