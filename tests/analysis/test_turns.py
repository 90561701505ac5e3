"""Marking the interviewer's turns in a transcript: time and words must both agree."""

from __future__ import annotations

import json

from app.analysis.turns import Turn, mark_turns
from app.transcript import CANDIDATE, INTERVIEWER, Segment, Transcript, Word, load_transcript

QUESTION = "How would developers manage concurrent requests?"


def _segment(start: float, text: str, step: float = 0.4) -> Segment:
    words = tuple(Word(start + i * step, start + (i + 1) * step, " " + w)
                  for i, w in enumerate(text.split()))
    return Segment(start, words[-1].end, text, words)


def test_a_segment_inside_the_turn_that_echoes_the_question_is_the_interviewers():
    segment = _segment(10.0, "How would developers manage concurrent requests?")
    marked = mark_turns([segment], [Turn(9.9, 12.5, QUESTION)])
    assert [s.speaker for s in marked] == [INTERVIEWER]
    assert marked[0].text == segment.text  # not split, the recognizer's text kept


def test_misheard_words_still_count_when_most_of_them_echo():
    segment = _segment(10.0, "How would developer manage concurrence request?")
    assert mark_turns([segment], [Turn(10.0, 12.4, QUESTION)])[0].speaker == INTERVIEWER


def test_the_candidate_talking_during_the_turn_keeps_their_words():
    segment = _segment(10.0, "I would put an idempotency key on the create call")
    assert mark_turns([segment], [Turn(10.0, 14.0, QUESTION)])[0].speaker == CANDIDATE


def test_the_question_said_outside_any_turn_stays_the_candidates():
    segment = _segment(30.0, "How would developers manage concurrent requests?")
    assert mark_turns([segment], [Turn(10.0, 12.4, QUESTION)])[0].speaker == CANDIDATE


def test_a_segment_straddling_the_turns_end_is_split_at_the_word_times():
    segment = _segment(10.0, "How would developers manage concurrent requests? "
                             "Each call carries an idempotency key")
    marked = mark_turns([segment], [Turn(10.0, 12.4, QUESTION)])
    assert [s.speaker for s in marked] == [INTERVIEWER, CANDIDATE]
    assert marked[0].text == "How would developers manage concurrent requests?"
    assert marked[1].text == "Each call carries an idempotency key"
    assert marked[0].end <= marked[1].start


def test_segments_without_word_times_are_judged_whole():
    segment = Segment(10.0, 12.4, "How would developers manage concurrent requests?")
    assert mark_turns([segment], [Turn(10.0, 12.5, QUESTION)])[0].speaker == INTERVIEWER


def test_the_speaker_is_written_only_when_it_is_the_interviewer_and_read_back(tmp_path):
    transcript = Transcript([Segment(0.0, 1.0, "Hi."), Segment(1.0, 2.0, QUESTION,
                                                              speaker=INTERVIEWER)], "tiny.en")
    data = transcript.to_dict()
    assert data["schema"] == "debrief.transcript/1"
    assert "speaker" not in data["segments"][0]
    assert data["segments"][1]["speaker"] == INTERVIEWER
    path = tmp_path / "t.json"
    path.write_text(json.dumps(data))
    assert [s.speaker for s in load_transcript(path).segments] == [CANDIDATE, INTERVIEWER]
