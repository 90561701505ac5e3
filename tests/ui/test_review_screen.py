"""The review screen on a real saved session (corpus script port-in-requests spoken by
espeak-ng and transcribed by the bundled model): clicks seek the real player, evidence jumps land in
the transcript, search highlights, corrections change the chart and persist."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from review_state.review_fixtures import review_session, show_active  # noqa: F401 - a fixture

from app.review_state.session_review import SessionReview
from app.ui.review.review_screen import ReviewScreen

pytestmark = pytest.mark.model


@pytest.fixture
def screen(qtbot, review_session: Path) -> ReviewScreen:  # noqa: F811
    view = ReviewScreen(review_session)
    show_active(qtbot, view)
    return view


def _word_point(screen: ReviewScreen, ref_index: int) -> QPoint:
    view = screen.transcript
    ref = view._words.refs[ref_index]
    view.reveal_sentence(ref.sentence)
    a, b = view.word_range(ref_index)
    cursor = QTextCursor(view.document())
    cursor.setPosition((a + b) // 2)
    return view.cursorRect(cursor).center()


def _visible(screen: ReviewScreen, pos: int) -> bool:
    cursor = QTextCursor(screen.transcript.document())
    cursor.setPosition(pos)
    return screen.transcript.viewport().rect().contains(screen.transcript.cursorRect(cursor))


def test_clicking_a_word_seeks_the_player_to_that_word(qtbot, screen: ReviewScreen):
    words = screen.review.words
    assert len(words) > 300, "the transcript should carry word timings"
    for n in (len(words) // 2, len(words) - 5):
        ref = words.refs[n]
        assert ref.word >= 0
        qtbot.mouseClick(screen.transcript.viewport(), Qt.MouseButton.LeftButton,
                         pos=_word_point(screen, n))
        assert screen.player.position() == pytest.approx(ref.start, abs=1e-3)
        assert screen.transcript.current_word() == n
        assert screen.playback.time.text().startswith(
            f"{int(ref.start) // 60}:{int(ref.start) % 60:02d}")


def test_a_covered_rubric_item_jumps_to_its_evidence(qtbot, screen: ReviewScreen):
    analysis = screen.review.analysis
    covered = [r for r in analysis.rubric if r.covered and r.moments]
    assert covered, "the script covers several rubric items"
    item = covered[-1]
    row = screen.rubric.item_for(item.id, analysis)
    screen.transcript.verticalScrollBar().setValue(0)
    rect = screen.rubric.visualItemRect(row)
    qtbot.mouseClick(screen.rubric.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    moment = item.moments[0]
    assert screen.player.position() == pytest.approx(moment.time, abs=1e-3)
    ref = screen.review.words.refs[screen.transcript.current_word()]
    assert ref.start <= moment.time + 1e-3
    seg = analysis.segments[ref.sentence]
    assert seg.start - 0.5 <= moment.time <= seg.end + 0.5
    assert _visible(screen, screen.transcript.word_range(screen.transcript.current_word())[0])
    # A missed item has nothing to jump to.
    missed = next(r for r in analysis.rubric if not r.covered)
    before = screen.player.position()
    row = screen.rubric.item_for(missed.id, analysis)
    qtbot.mouseClick(screen.rubric.viewport(), Qt.MouseButton.LeftButton,
                     pos=screen.rubric.visualItemRect(row).center())
    assert screen.player.position() == before


def test_search_finds_highlights_and_steps(qtbot, screen: ReviewScreen):
    qtbot.keyClick(screen.transcript, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert screen.search.isVisible() and screen.search.field.hasFocus()
    qtbot.keyClicks(screen.search.field, "port")
    texts = [t.text.lower() for t in screen.review.texts]
    expected = sum(t.count("port") for t in texts)
    assert expected >= 3
    selections = screen.transcript.extraSelections()
    found = [s.cursor.selectedText().lower() for s in selections]
    assert found.count("port") == expected
    assert screen.search.count.text() == f"1 of {expected}"
    qtbot.keyClick(screen.search.field, Qt.Key.Key_Return)
    assert screen.search.count.text() == f"2 of {expected}"
    second = screen._hits[1]
    assert _visible(screen, screen.transcript.point_of_sentence(second.sentence) + second.start)
    qtbot.keyClick(screen.search.field, Qt.Key.Key_Escape)
    assert not screen.search.isVisible()
    assert not [s for s in screen.transcript.extraSelections()
                if s.cursor.selectedText().lower() == "port"]


def test_a_correction_changes_the_chart_and_survives_reopening(qtbot, screen: ReviewScreen,
                                                               review_session: Path):  # noqa: F811
    analysis = screen.review.analysis
    seg_index = next(i for i, s in enumerate(analysis.segments) if s.category == "api")
    seg = analysis.segments[seg_index]
    ui_before = screen.chart.rows()[0][1]["ui"]
    share_before = screen.summary.share_value.text()
    menu = screen.transcript.category_menu(seg_index)
    action = next(a for a in menu.actions() if a.data() == "ui")
    action.trigger()
    assert screen.chart.rows()[0][1]["ui"] == pytest.approx(ui_before + seg.end - seg.start,
                                                             abs=0.01)
    assert screen.summary.share_value.text() != share_before
    machine = json.loads((review_session / "analysis.json").read_text())
    assert machine["segments"][seg_index]["category"] == "api"
    saved = json.loads((review_session / "corrections.json").read_text())
    assert saved["segments"] == [{"start": round(seg.start, 3), "category": "ui"}]
    assert "Corrected by you" in screen.transcript.tooltip_for(seg_index)

    reopened = ReviewScreen(review_session)
    qtbot.addWidget(reopened)
    assert reopened.review.analysis.segments[seg_index].category == "ui"
    assert reopened.chart.rows()[0][1]["ui"] == pytest.approx(screen.chart.rows()[0][1]["ui"])
    block = reopened.transcript.document().findBlock(
        reopened.transcript.point_of_sentence(seg_index))
    tinted = reopened.transcript.document().findBlock(
        reopened.transcript.point_of_sentence(next(
            i for i, s in enumerate(analysis.segments) if s.category == "ui" and i != seg_index)))
    assert block.blockFormat().background().color() == tinted.blockFormat().background().color()


def test_timeline_click_and_keys_move_playback(qtbot, screen: ReviewScreen):
    strip = screen.timeline
    x = strip.width() * 0.6
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(int(x), 40))
    t = strip.time_at(int(x))
    assert screen.player.position() == pytest.approx(t, abs=1e-3)
    assert 0.5 * screen.review.analysis.duration < t
    screen.transcript.setFocus()
    qtbot.keyClick(screen.transcript, Qt.Key.Key_Right)
    assert screen.player.position() == pytest.approx(t + 5, abs=1e-3)
    qtbot.keyClick(screen.transcript, Qt.Key.Key_Left)
    qtbot.keyClick(screen.transcript, Qt.Key.Key_Left)
    assert screen.player.position() == pytest.approx(t - 5, abs=1e-3)


def test_bookmarks_are_added_edited_and_kept(qtbot, screen: ReviewScreen,
                                             review_session: Path):  # noqa: F811
    assert [round(b.time, 2) for b in screen.review.bookmarks] == [
        round(screen.review.bookmarks[0].time, 2)]  # the mark made while rehearsing
    screen.seek(30.0)
    screen.transcript.setFocus()
    qtbot.keyClick(screen.transcript, Qt.Key.Key_B)
    tree = screen.bookmarks.tree
    assert tree.topLevelItemCount() == 2
    row = next(tree.topLevelItem(i) for i in range(2) if tree.topLevelItem(i).text(0) == "0:30")
    row.setText(1, "good framing of the developer")
    kept = SessionReview(review_session).bookmarks
    assert (round(kept[0].time, 1), kept[0].note) == (30.0, "good framing of the developer")
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=tree.visualItemRect(tree.topLevelItem(1)).center())
    assert screen.player.position() == pytest.approx(kept[1].time)


def test_the_screen_waits_for_a_pending_transcription_then_fills_in(
        qtbot, review_session: Path):  # noqa: F811
    analysis = review_session / "analysis.json"
    parked = review_session.parent / "analysis.parked"
    shutil.move(analysis, parked)
    screen = ReviewScreen(review_session)
    qtbot.addWidget(screen)
    screen.show()
    assert "No analysis" in screen.transcript.toPlainText()
    assert screen.summary.rubric_value.text() == "–" and screen.chart.rows() == []
    from app.transcription.live import LiveStatus

    seen: list[str] = []
    states = iter([0.4, LiveStatus(transcribed=150.0, recorded=200.0),
                   LiveStatus(transcribed=200.0, recorded=200.0, finished=True)])

    def status() -> object:
        seen.append(screen.pending.label.text())
        try:
            return next(states)
        except StopIteration:
            if not analysis.exists():  # the analysis lands a moment after the transcript
                shutil.move(parked, analysis)
            return None

    screen.set_pending(status)
    assert screen.pending.isVisible() and "40%" in screen.pending.label.text()
    qtbot.waitUntil(lambda: not screen.pending.isVisible(), timeout=5000)
    assert any("75%" in t for t in seen) and any("Analysing" in t for t in seen)
    assert len(screen.review.analysis.segments) > 10
    assert "Problem definition" in screen.transcript.toPlainText()


def test_no_output_device_is_said_plainly_and_review_still_works(
        qtbot, screen: ReviewScreen, monkeypatch: pytest.MonkeyPatch):
    import sounddevice as sd

    def no_device(*_a: object, **_k: object) -> None:
        raise sd.PortAudioError("Error querying device -1")

    monkeypatch.setattr(sd, "OutputStream", no_device)
    screen.transcript.setFocus()
    qtbot.keyClick(screen.transcript, Qt.Key.Key_Space)
    assert not screen.player.is_playing()
    assert "No audio output" in screen.playback.message.text()
    n = len(screen.review.words) // 3
    qtbot.mouseClick(screen.transcript.viewport(), Qt.MouseButton.LeftButton,
                     pos=_word_point(screen, n))
    assert screen.player.position() == pytest.approx(screen.review.words.refs[n].start)


def test_flags_and_pauses_jump_and_cues_show_on_hover(qtbot, screen: ReviewScreen):
    analysis = screen.review.analysis
    with_evidence = [f for f in analysis.findings if f.moments]
    assert with_evidence, "the analysis of the script backs its findings with moments"
    screen.tabs.setCurrentWidget(screen.flags)
    flags = screen.flags
    row = next(flags.topLevelItem(i) for i in range(flags.topLevelItemCount())
               if flags.entry_time(flags.topLevelItem(i)) is not None)
    qtbot.mouseClick(flags.viewport(), Qt.MouseButton.LeftButton,
                     pos=flags.visualItemRect(row).center())
    assert screen.player.position() == pytest.approx(flags.entry_time(row), abs=1e-3)
    assert any(m.time == pytest.approx(screen.player.position(), abs=1e-3)
               for f in with_evidence for m in f.moments)

    screen.delivery.set_analysis(analysis)
    pauses = screen.delivery.pauses
    if analysis.delivery.long_pauses:
        screen.tabs.setCurrentWidget(screen.delivery)
        row = pauses.topLevelItem(0)
        qtbot.mouseClick(pauses.viewport(), Qt.MouseButton.LeftButton,
                         pos=pauses.visualItemRect(row).center())
        longest = max(analysis.delivery.long_pauses, key=lambda p: p.length)
        assert screen.player.position() == pytest.approx(longest.start, abs=1e-3)
    else:
        assert pauses.topLevelItem(0).text(0).strip() == "No long pauses"

    cued = next(i for i, s in enumerate(analysis.segments) if s.cues)
    tip = screen.transcript.tooltip_for(cued)
    assert "Cues:" in tip and analysis.segments[cued].cues[0] in tip


def test_damaged_files_are_one_clear_error_and_no_audio_is_said(qtbot, review_session: Path):  # noqa: F811
    from app.errors import DebriefError

    screen = ReviewScreen()
    qtbot.addWidget(screen)
    (review_session / "audio.wav").unlink()
    screen.open(review_session)
    assert "no recording" in screen.playback.message.text()
    assert screen.player.duration() == 0
    assert len(screen.review.analysis.segments) > 10  # the rest of the review is there
    (review_session / "analysis.json").write_text('{"schema": "debrief.analysis/1"')
    with pytest.raises(DebriefError, match=r"analysis\.json"):
        screen.open(review_session)
    assert len(screen.review.analysis.segments) > 10  # still showing what it had


def test_the_view_follows_playback_but_not_right_after_the_user_scrolls(
        screen: ReviewScreen):
    from PySide6.QtWidgets import QAbstractSlider

    words, view = screen.review.words, screen.transcript
    starts = [r.start for r in words.refs]
    # A late word whose own start and its successor's are each a word of their own (the
    # recognizer can give two words one start time).
    late = next(i for i in range(len(words) - 3, 0, -1)
                if starts[i] < starts[i + 1] < starts[i + 2])
    # What the playback clock does while playing: report the position.
    screen.player.positionChanged.emit(words.refs[late].start)
    assert view.current_word() == late and _visible(screen, view.word_range(late)[0])
    bar = view.verticalScrollBar()
    bar.triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)  # the user reads back
    screen.player.positionChanged.emit(words.refs[late + 1].start)
    assert view.current_word() == late + 1 and bar.value() == 0
    screen.seek(words.refs[late].start)  # a jump always lands in view
    assert bar.value() > 0 and _visible(screen, view.word_range(late)[0])
