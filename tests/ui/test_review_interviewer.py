"""The review's transcript shows the interviewer's questions as theirs: labelled, in
their own style, between the candidate's sentences, and a click plays from the word."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QTextCursor

from app.analysis import analyze
from app.analysis.model import Analysis
from app.fileio.jsonfile import write_json_atomic
from app.review_state.layout import WordIndex, sentence_text
from app.sessions.folder import SessionFolder
from app.transcript import INTERVIEWER, Transcript
from app.ui.review.review_screen import ReviewScreen
from app.ui.review.transcript_view import TranscriptView
from tests.analysis.helpers import spoken

QUESTION = "How would developers retry a failed send safely?"


def _analysis() -> Analysis:
    before = spoken("The create call returns the schedule id.", start=0.0).segments[0]
    asked = replace(spoken(QUESTION, start=5.0, rate=0.3).segments[0], speaker=INTERVIEWER)
    after = spoken("They send an idempotency key with each create.", start=9.0).segments[0]
    return analyze(Transcript([before, asked, after]))


def _view(qtbot) -> TranscriptView:
    analysis = _analysis()
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.set_transcript(analysis, [sentence_text(s) for s in analysis.segments],
                        WordIndex(analysis.segments))
    view.show()
    qtbot.waitExposed(view)
    return view


def test_the_question_sits_between_the_sentences_labelled_as_the_interviewer(qtbot):
    view = _view(qtbot)
    lines = view.toPlainText().splitlines()
    at = next(i for i, line in enumerate(lines) if "Interviewer:" in line)
    assert QUESTION in lines[at] and "0:05" in lines[at]
    assert "schedule id" in lines[at - 1] and "idempotency key" in lines[at + 1]
    [placed] = view.interviewer_lines
    fmt = QTextCursor(view.document())
    fmt.setPosition(placed.text_at + 1)
    assert fmt.charFormat().fontItalic()
    # Not a sentence of the analysis: no category, no correction menu.
    assert view.sentence_at(placed.text_at + 1) is None


def test_a_click_on_a_word_of_the_question_plays_from_that_word(qtbot):
    view = _view(qtbot)
    [placed] = view.interviewer_lines
    offset = QUESTION.index("retry")
    cursor = QTextCursor(view.document())
    cursor.setPosition(placed.text_at + offset + 1)
    point = view.cursorRect(cursor).center()
    with qtbot.waitSignal(view.seekRequested) as seek:
        view.click_at(point)
    assert seek.args[0] == placed.line.words[QUESTION.split().index("retry")][0]
    assert seek.args[0] > 5.0


def test_search_finds_a_word_of_the_question_and_highlights_it_there(qtbot, tmp_path):
    folder = SessionFolder.create("asked", root=tmp_path)
    write_json_atomic(folder.analysis_path, _analysis().to_dict())
    folder.write_meta({"title": "Asked aloud"})
    screen = ReviewScreen(folder.path)
    qtbot.addWidget(screen)
    screen.resize(1200, 800)
    screen.show()
    qtbot.waitExposed(screen)
    assert screen.find("safely") == 1  # only the interviewer said it
    [placed] = screen.transcript.interviewer_lines
    [selection] = screen.transcript.extraSelections()
    hit = QTextCursor(selection.cursor)
    assert hit.selectedText() == "safely"
    assert placed.text_at <= hit.selectionStart() < hit.selectionEnd() <= placed.last
    assert screen.timeline._hits == [placed.line.start]
    # Both speakers' words are found, in the order the transcript shows them.
    assert screen.find("send") == 2
    selections = screen.transcript.extraSelections()
    lines = [QTextCursor(s.cursor).block().text() for s in selections]
    assert "Interviewer: How would" in lines[0] and "idempotency key" in lines[1]
