"""The review's Retakes tab on stored sessions: what it offers, the takes under each
finding newest first with before and after, and a take recovered after a crash (no
transcript yet) transcribed from the tab by the bundled model."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from retake_sessions import IDEMPOTENT, PROMPT, SPOKEN_IDEMPOTENT, write_parent, write_take

from app.interviewer.retake_offer import offers_for
from app.ui.review.review_screen import ReviewScreen


def _screen(qtbot, parent):
    screen = ReviewScreen(parent.path)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    screen.tabs.setCurrentWidget(screen.retakes)
    return screen


def test_the_tab_offers_retakes_and_lists_takes_newest_first_under_their_finding(qtbot):
    parent, analysis = write_parent()
    offers = offers_for(analysis, PROMPT)
    idem = next(o for o in offers if o.key == "idempotency")
    old = write_take(parent, idem, ["We would show a nicer screen."],
                     started_at="2026-12-01T10:00:00+00:00")
    new = write_take(parent, idem, [IDEMPOTENT], started_at="2026-12-01T11:00:00+00:00")
    panel = _screen(qtbot, parent).retakes
    assert set(panel.buttons) == {o.key for o in offers}
    assert {"idempotency", "ui-heavy"} <= set(panel.buttons)
    assert [c.retake.id for c in panel.cards] == [new.id, old.id]
    assert "covered now" in panel.cards[0].heading.text()
    assert "not covered yet" in panel.cards[1].heading.text()
    # A third take of the item gets a follow-up neither earlier take was asked.
    again = next(o for o in panel.offers if o.key == "idempotency")
    assert again.question not in {idem.question}
    # Nothing of the parent covered idempotency: "then" has no words to click.
    assert panel.cards[0].retake.before.words == []


def test_the_words_said_then_play_from_where_they_were_said(qtbot):
    parent, analysis = write_parent()
    push = next(o for o in offers_for(analysis, PROMPT) if o.key == "ui-heavy")
    write_take(parent, push, ["The create call returns 202 with the schedule id."])
    screen = _screen(qtbot, parent)
    (card,) = screen.retakes.cards
    said = card.then.findChildren(QLabel, "said")
    assert said and card.retake.before is not None
    first = card.retake.before.words[0]
    assert first.quote in said[0].text()
    with qtbot.waitSignal(screen.retakes.jumpRequested) as jumped:
        qtbot.mouseClick(said[0], Qt.MouseButton.LeftButton)
    assert jumped.args == [first.time]
    assert "console" in first.quote or "dashboard" in first.quote or "screen" in first.quote


@pytest.mark.model
@pytest.mark.slow
def test_a_recovered_take_is_transcribed_from_the_tab(qtbot, speak):
    parent, analysis = write_parent()
    idem = next(o for o in offers_for(analysis, PROMPT) if o.key == "idempotency")
    take = write_take(parent, idem, [], audio=speak(SPOKEN_IDEMPOTENT), state="recovered")
    panel = _screen(qtbot, parent).retakes
    (card,) = panel.cards
    assert "not transcribed yet" in card.heading.text()
    assert "recovered after a crash" in card.heading.text()
    card.transcribe_button.click()
    assert "being transcribed" in panel.cards[0].heading.text()
    qtbot.waitUntil(lambda: panel.cards[0].retake.after is not None, timeout=120_000)
    after = panel.cards[0].retake.after
    assert take.analysis_path.exists() and panel.cards[0].retake.fixed is True, after
    assert panel.cards[0].transcribe_button is None
