"""Domain vocabulary: the case's words come out right, and none are invented."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.transcription.engine import transcribe_file
from app.transcription.hint_words import (
    MAX_PROMPT_CHARS,
    case_vocabulary,
    rubric_terms,
    vocabulary_text,
)
from app.transcription.models import ModelChoice
from bench.wer import term_score, wer

from .conftest import THREADS


def test_case_vocabulary_puts_the_prompt_first_without_duplicates() -> None:
    vocab = case_vocabulary(["Verify", "Porting  API"])
    assert vocab[:2] == ["Verify", "Porting API"]
    assert len({v.lower() for v in vocab}) == len(vocab)
    assert "idempotency key" in vocab and "TwiML" in vocab


def test_vocabulary_text_is_bounded() -> None:
    text = vocabulary_text([f"term{i}" for i in range(500)])
    assert text is not None and len(text) <= MAX_PROMPT_CHARS + 1
    assert vocabulary_text([]) is None


def test_rubric_terms_are_short() -> None:
    terms = rubric_terms()
    assert "Idempotency" in terms and "Rate limits" in terms
    assert all(len(t.split()) <= 3 for t in terms)


def test_wer_and_term_scores() -> None:
    assert wer("Send an idempotency key.", "send an idempotency key") == 0.0
    assert wer("a b c d", "a x c") == 0.5
    score = term_score("the webhook and the SID", "the web hook and the SID SID", ["webhook",
                                                                                "SID"])
    assert (score.expected, score.found, score.invented) == (2, 1, 1)


@pytest.mark.model
def test_vocabulary_recovers_terms_and_invents_none(model: ModelChoice,
                                                   speak: Callable[..., Path]) -> None:
    vocab = case_vocabulary()
    jargon = speak("We return a message SID and a status callback URL.", name="jargon.wav")
    plain = speak("Our team met on Tuesday to review the quarterly sales plan.", name="plain.wav")
    without = transcribe_file(jargon, model, threads=THREADS).text
    with_vocab = transcribe_file(jargon, model, threads=THREADS, vocabulary=vocab).text
    terms = ["SID", "callback URL"]
    assert term_score("message SID status callback URL", with_vocab, terms).found == 2
    assert term_score("message SID status callback URL", without, terms).found < 2
    plain_text = transcribe_file(plain, model, threads=THREADS, vocabulary=vocab).text
    assert term_score("", plain_text, vocab).invented == 0
    assert "quarterly sales plan" in plain_text.lower()
