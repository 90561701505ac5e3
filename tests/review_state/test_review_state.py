"""The Qt-free review state: word timeline, search, corrections and bookmarks, on a
session folder as the app writes it."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from app.analysis.model import Analysis, Delivery, InterviewerLine, LabelledSentence, StageReport
from app.errors import DebriefError
from app.fileio.jsonfile import write_json_atomic
from app.review_state.layout import WordIndex, sentence_text
from app.review_state.search import find_all, find_in_transcript, step
from app.review_state.session_review import SessionReview
from app.sessions.folder import SessionFolder
from app.stages import CATEGORIES


def _segments() -> list[LabelledSentence]:
    return [
        LabelledSentence(0.5, 3.0, "We POST to the endpoint.", "problem", "api", ["endpoint"],
                         [(0.5, 0.8, " We"), (0.8, 1.2, " POST"), (1.2, 1.4, " to"),
                          (1.4, 1.6, " the"), (1.6, 3.0, " endpoint.")]),
        LabelledSentence(4.0, 6.0, "The dashboard has a button.", "solution", "ui", ["button"]),
        LabelledSentence(7.0, 9.5, "A webhook fires; the WEBHOOK retries.", "solution",
                         "webhooks", [], [(7.0, 7.2, " A"), (7.2, 7.8, " webhook"),
                                          (7.8, 8.2, " fires;"), (8.2, 8.4, " the"),
                                          (8.4, 9.0, " WEBHOOK"), (9.0, 9.5, " retries.")]),
    ]


def _analysis(segs: list[LabelledSentence]) -> Analysis:
    totals = dict.fromkeys(CATEGORIES, 0.0)
    for s in segs:
        totals[s.category] += s.end - s.start
    stages = [StageReport("problem", 0.0, 3.5, 3.0, {**dict.fromkeys(CATEGORIES, 0.0),
                                                     "api": 2.5}),
              StageReport("solution", 3.5, 10.0, 6.0, {**dict.fromkeys(CATEGORIES, 0.0),
                                                       "ui": 2.0, "webhooks": 2.5})]
    return Analysis(10.0, segs, totals, stages, False, 5 / 7, 2.5 / 4.5, False, [], [],
                    Delivery(100.0, 0.0, {}, [], []))


@pytest.fixture
def session(tmp_path: Path) -> Path:
    segs = _segments()
    analysis = _analysis(segs)
    folder = SessionFolder.create("unit", root=tmp_path)
    write_json_atomic(folder.analysis_path, analysis.to_dict())
    folder.write_meta({"title": "Unit", "minutes": 45, "events": [
        {"type": "mark", "audio_time": 2.0, "note": "first"},
        {"type": "mark"},  # no time: ignored
        {"type": "probe", "audio_time": 5.0, "text": "And errors?"},
        "not an event",
    ]})
    return folder.path


def test_word_spans_point_at_the_words_in_the_display_text():
    seg = _segments()[0]
    text = sentence_text(seg)
    assert text.text == "We POST to the endpoint."
    assert [text.text[a:b] for a, b in text.spans] == ["We", "POST", "to", "the", "endpoint."]
    no_words = sentence_text(_segments()[1])
    assert no_words.text == "The dashboard has a button." and no_words.spans == ()


def test_word_index_maps_time_to_word_and_back():
    index = WordIndex(_segments())
    assert index.at(0.1) is None
    ref = index.refs[index.at(1.3)]
    assert (ref.sentence, ref.word) == (0, 2)
    # A segment without word timings is one entry spanning the segment.
    ref = index.refs[index.at(5.0)]
    assert (ref.sentence, ref.word, ref.start) == (1, -1, 4.0)
    assert index.refs[index.find(2, 4)].start == 8.4


def test_search_finds_every_match_ignoring_case_and_steps_around():
    texts = [sentence_text(s).text for s in _segments()]
    hits = find_all(texts, " Webhook ")
    assert [(h.sentence, texts[h.sentence][h.start:h.end]) for h in hits] == [
        (2, "webhook"), (2, "WEBHOOK")]
    assert find_all(texts, "   ") == []
    assert step(hits, None) == 0 and step(hits, 1) == 0 and step(hits, 0, forward=False) == 1
    assert step([], None) is None


def test_search_finds_the_interviewers_lines_too_in_reading_order():
    sentences = [(0.5, "We POST to the webhook."), (7.0, "A webhook fires.")]
    asked = [(0.5, "First, which webhook?"), (4.0, "And when the Webhook fails?")]
    hits = find_in_transcript(sentences, asked, "webhook")
    # By time; a question asked as a sentence starts is shown (and found) before it.
    assert [(h.interviewer, h.sentence) for h in hits] == [
        (True, 0), (False, 0), (True, 1), (False, 1)]
    line = asked[1][1]
    assert line[hits[2].start:hits[2].end] == "Webhook"


def test_a_review_finds_what_the_interviewer_asked_and_says_when(session: Path):
    data = json.loads((session / "analysis.json").read_text())
    data["interviewer"] = [dataclasses.asdict(InterviewerLine(
        3.2, 3.9, "What does the webhook retry?",
        [(3.2, 3.4, "What"), (3.4, 3.5, "does"), (3.5, 3.6, "the"), (3.6, 3.75, "webhook"),
         (3.75, 3.9, "retry?")]))]
    write_json_atomic(session / "analysis.json", data)
    review = SessionReview(session)
    hits = review.find("webhook")
    assert [(h.interviewer, review.hit_time(h)) for h in hits] == [
        (True, 3.2), (False, 7.0), (False, 7.0)]
    assert [h.interviewer for h in review.find("retr")] == [True, False]
    # The candidate's figures are the analysis's own: a found question counts nowhere.
    assert review.analysis.categories["webhooks"] == 2.5


def test_a_correction_is_saved_apart_and_survives_reopening(session: Path):
    review = SessionReview(session)
    machine_json = (session / "analysis.json").read_text()
    before = dict(review.analysis.categories)
    review.set_category(1, "api")
    assert review.analysis.segments[1].category == "api"
    assert review.analysis.categories["api"] == pytest.approx(before["api"] + 2.0)
    assert review.analysis.categories["ui"] == pytest.approx(before["ui"] - 2.0)
    assert review.analysis.platform_share == pytest.approx(1.0)
    # The machine's label is never overwritten.
    assert (session / "analysis.json").read_text() == machine_json
    saved = json.loads((session / "corrections.json").read_text())
    assert saved == {"segments": [{"start": 4.0, "category": "api"}]}

    again = SessionReview(session)
    assert again.analysis.segments[1].category == "api"
    assert again.machine_category(1) == "ui" and again.is_corrected(1)
    # Choosing the machine's label again removes the correction.
    again.set_category(1, "ui")
    assert not again.is_corrected(1)
    assert SessionReview(session).analysis.segments[1].category == "ui"


def test_bad_correction_input_is_a_debrief_error(session: Path):
    review = SessionReview(session)
    with pytest.raises(DebriefError):
        review.set_category(0, "frontend")
    (session / "corrections.json").write_text('{"segments": [{"start": 1, "category": "x"}]}')
    with pytest.raises(DebriefError, match=r"corrections\.json: correction 1: unknown category"):
        SessionReview(session)


def test_bookmarks_start_from_the_marks_and_edits_persist(session: Path):
    review = SessionReview(session)
    assert [(b.time, b.note) for b in review.bookmarks] == [(2.0, "first")]
    assert [(p.time, p.text) for p in review.probes()] == [(5.0, "And errors?")]
    assert review.planned_seconds() == 45 * 60  # the length chosen, not the budgets found
    i = review.add_bookmark(1.0, "opening")
    assert i == 0
    review.edit_bookmark(1, "first, edited")
    review.remove_bookmark(0)
    again = SessionReview(session)
    assert [(b.time, b.note) for b in again.bookmarks] == [(2.0, "first, edited")]


def test_a_session_without_analysis_yet_loads_empty(tmp_path: Path):
    folder = SessionFolder.create("fresh", root=tmp_path)
    folder.write_meta({"title": "Fresh"})
    review = SessionReview(folder.path)
    assert review.analysis is None and not review.reload_analysis()
    assert review.title == "Fresh" and review.planned_seconds() is None
