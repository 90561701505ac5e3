"""Sentences: punctuation, pauses, and subtitle cues without word times."""

from __future__ import annotations

from app.analysis.sentences import sentences_in, split_sentences
from app.transcript import Segment, Transcript, Word

from .helpers import spoken


def test_a_pause_ends_a_sentence_even_without_punctuation():
    t = spoken("we send a webhook for every change then the console shows a table",
               pauses={7: 1.6})
    sentences = split_sentences(t)
    assert [p.text for p in sentences] == ["we send a webhook for every change",
                                        "then the console shows a table"]
    assert sentences[1].start - sentences[0].end >= 1.5
    assert sentences[0].words[0][2] == "we"
    # Cut by a pause, not by a full stop: still one sentence for context.
    assert sentences[0].group == sentences[1].group


def test_full_stops_split_and_start_new_groups():
    t = spoken("The endpoint returns JSON. It is paginated.")
    sentences = split_sentences(t)
    assert [p.text for p in sentences] == ["The endpoint returns JSON.", "It is paginated."]
    assert sentences[0].group != sentences[1].group


def test_words_run_on_across_recognizer_segments():
    words = [Word(0.0, 0.3, " The"), Word(0.3, 0.6, " body"), Word(0.6, 0.9, " includes"),
             Word(0.9, 1.2, " the"), Word(1.2, 1.5, " PIN.")]
    t = Transcript([Segment(0.0, 0.9, "The body includes", tuple(words[:3])),
                    Segment(0.9, 1.5, "the PIN.", tuple(words[3:]))])
    assert [p.text for p in split_sentences(t)] == ["The body includes the PIN."]


def test_abbreviations_split_into_tokens_do_not_end_a_sentence():
    words = [Word(0.0, 0.3, " for"), Word(0.3, 0.5, " U"), Word(0.5, 0.7, ".S."),
             Word(0.7, 1.0, " numbers.")]
    t = Transcript([Segment(0.0, 1.0, "for U.S. numbers.", tuple(words))])
    assert [p.text for p in split_sentences(t)] == ["for U.S. numbers."]


def test_a_cue_without_word_times_is_split_in_proportion_to_its_text():
    t = Transcript([Segment(10.0, 20.0, "Short one. And a much longer second sentence here.")])
    a, b = split_sentences(t)
    assert (a.text, b.text) == ("Short one.", "And a much longer second sentence here.")
    assert a.start == 10.0 and b.end == 20.0
    assert a.end == b.start
    assert (a.end - a.start) < (b.end - b.start)
    assert a.group == b.group


def test_sentences_keep_abbreviations_together():
    assert sentences_in("Ports in the U.S. take days. Canada too!") == [
        "Ports in the U.S. take days.", "Canada too!"]


def test_a_long_unpunctuated_run_is_cut_at_its_longest_silence():
    text = " ".join(f"w{i}" for i in range(60))
    sentences = split_sentences(spoken(text, pauses={25: 0.6, 40: 0.55}))
    assert [len(p.text.split()) for p in sentences] == [25, 35]
    assert sentences[0].group == sentences[1].group
