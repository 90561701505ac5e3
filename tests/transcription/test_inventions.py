"""Invented lines never reach a transcript; real short answers do.

Recordings of our own: short spoken answers (espeak-ng and flite) with 5-10 s thinking
pauses of room noise, a hum or two in the pauses, all through a synthetic room's
reverb, decoded by the real bundled model."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from evaluation.script_audio import speak_sentence

from app.transcript import Segment, Word
from app.transcription.chunks import split_at_pauses
from app.transcription.engine import _heard, load_model, transcribe_array, transcribe_options
from app.transcription.inventions import Heard, drop_inventions, is_stock
from app.transcription.models import ModelChoice

from .conftest import SR, THREADS, room_noise

ANSWERS = [
    ("espeak", "en-us", "The create call takes a send at timestamp and returns the schedule id."),
    ("flite", "slt", "Thank you, that's a great question. I would make the call idempotent."),
    ("espeak", "en-gb", "Thank you."),
    ("flite", "rms", "We retry the webhook with backoff for a day."),
    ("espeak", "en-us", "Yes."),
    ("flite", "awb", "Thank you."),
    ("espeak", "en-us", "Rate limits are per account."),
]


def _voice(engine: str, voice: str) -> tuple[str, str]:
    return (engine, voice) if engine == "espeak" or shutil.which("flite") else ("espeak", "en-us")


def _hum(n: int, rng: np.random.Generator) -> np.ndarray:
    """A closed-mouth "mm": a buzz of harmonics, the sound the voice detector lets in."""
    t = np.arange(n) / SR
    f0 = rng.uniform(100, 140)
    buzz = sum(np.sin(2 * np.pi * k * f0 * t) / k for k in range(1, 8))
    return (buzz / np.abs(buzz).max() * np.sin(np.pi * np.arange(n) / n)).astype(np.float32)


def reverb(audio: np.ndarray, seconds: float = 0.4, seed: int = 3) -> np.ndarray:
    """`audio` in a small room: convolved with exponentially decaying noise."""
    n = int(seconds * SR)
    ir = np.random.default_rng(seed).normal(0, 1, n) * np.exp(-6.9 * np.arange(n) / n)
    ir[0] = 1.0
    ir /= np.sqrt(np.sum(ir * ir))
    return np.convolve(audio, ir)[: len(audio)].astype(np.float32)


def answers_with_pauses(seed: int, noise: float = 2.0, hum: float = 0.0
                        ) -> tuple[np.ndarray, list[tuple[float, float, str]]]:
    """The answers with a 5-10 s pause of room noise after each; (audio, truth spans)."""
    rng = np.random.default_rng(seed)
    parts, truth = [room_noise(1.0, seed=99) * noise], []
    for i, (engine, voice, text) in enumerate(ANSWERS):
        speech = speak_sentence(text, *_voice(engine, voice))
        speech = 0.4 * speech / np.abs(speech).max()
        start = sum(map(len, parts)) / SR
        truth.append((start, start + len(speech) / SR, text))
        pause = room_noise(float(rng.uniform(5, 10)), seed=seed * 10 + i) * noise
        if hum:
            n, at = SR // 2, int(rng.uniform(1, len(pause) / SR - 1) * SR)
            pause[at:at + n] += hum * _hum(n, rng)
        parts += [speech, pause]
    return reverb(np.concatenate(parts)), truth


def _on_speech(seg: Segment, truth: list[tuple[float, float, str]], slack: float = 0.3) -> bool:
    return any(seg.start < b + slack and seg.end > a - slack for a, b, _ in truth)


def _line(text: str, start: float, end: float, probability: float = 0.9) -> Segment:
    words = text.split()
    step = (end - start) / len(words)
    return Segment(start, end, text, tuple(
        Word(start + i * step, start + (i + 1) * step, " " + w, probability)
        for i, w in enumerate(words)))


# -- the stock list ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Thank you.", "Thank you very much.", "Thanks for watching!", "We'll see you next time.",
    "Thank you, guys.", "Bye.", "Please subscribe to my channel.", "you",
    "Subtitles by the Amara.org community", "Oh. Oh. Oh. Oh.", "Thank you. Thank you.",
    "Mmm.", "Hmm...", "Mm-hmm."])
def test_stock_inventions_are_known(text: str) -> None:
    assert is_stock(text)


@pytest.mark.parametrize("text", [
    "Thank you, that's a great question.", "Yes.", "Thank you for the webhook question, "
    "I'd retry for a day.", "See you in the status callback payload.", "Okay."])
def test_real_lines_are_not_stock(text: str) -> None:
    assert not is_stock(text)


# -- the signals, on real sound ---------------------------------------------------------

@pytest.fixture(scope="module")
def thanks_then_pause() -> np.ndarray:
    """A clearly spoken "Thank you." at 0.5 s, then 9 s of room noise."""
    speech = speak_sentence("Thank you.")
    speech = 0.4 * speech / np.abs(speech).max()
    audio = room_noise(10.0, seed=4) * 2.0
    audio[SR // 2: SR // 2 + len(speech)] += speech
    return reverb(audio)


def test_a_clear_thank_you_with_speech_under_it_is_kept(thanks_then_pause: np.ndarray) -> None:
    said = _line("Thank you.", 0.5, 1.3, 0.7)
    assert drop_inventions([Heard(said, 0.3)], thanks_then_pause, 0.0) == [said]


def test_stock_lines_over_room_noise_are_dropped(thanks_then_pause: np.ndarray) -> None:
    said = _line("Thank you.", 0.5, 1.3, 0.9)
    heard = [Heard(said, 0.1), Heard(_line("Thank you.", 5.0, 5.8, 0.9), 0.1),
             Heard(_line("We'll see you next time.", 8.0, 9.5, 0.8), 0.1)]
    assert drop_inventions(heard, thanks_then_pause, 0.0) == [said]


def test_doubted_text_with_no_speech_under_it_is_dropped(thanks_then_pause: np.ndarray
                                                        ) -> None:
    doubted = _line("The endpoint returns a job id.", 4.0, 6.0, 0.2)
    confident = _line("The endpoint returns a job id.", 4.0, 6.0, 0.9)
    assert drop_inventions([Heard(doubted, 0.2)], thanks_then_pause, 0.0) == []
    # Text the recognizer was sure of stays even over quiet: the words may be soft.
    assert drop_inventions([Heard(confident, 0.1)], thanks_then_pause, 0.0) == [confident]


def test_the_timeline_offset_is_honoured(thanks_then_pause: np.ndarray) -> None:
    said = _line("Thank you.", 600.5, 601.3, 0.7)
    assert drop_inventions([Heard(said, 0.3)], thanks_then_pause, 600.0) == [said]
    moved = _line("Thank you.", 0.5, 1.3, 0.7)  # no offset: now over the noise
    assert drop_inventions([Heard(moved, 0.3)], thanks_then_pause, 600.0) == []


# -- the real model -----------------------------------------------------------------------

@pytest.mark.model
def test_the_models_inventions_are_dropped_and_real_answers_kept(model: ModelChoice) -> None:
    """Without the voice detector the model writes stock lines in the pauses: each goes,
    and every other line on the speech stays. (Its word times drift without the detector,
    so a line off the speech that is no stock line may be a real one, misplaced.)"""
    whisper = load_model(model, THREADS)
    options = {**transcribe_options(["webhook", "idempotency"]), "vad_filter": False}
    invented = kept_real = 0
    for seed in range(3):
        audio, truth = answers_with_pauses(seed)
        for a, b in split_at_pauses(audio, SR):
            raw, _ = whisper.transcribe(audio[a:b], **options)
            heard = [h for seg in raw for h in _heard(seg, a / SR)]
            kept = drop_inventions(heard, audio[a:b], a / SR)
            for h in heard:
                on_speech = _on_speech(h.segment, truth, slack=0.0)
                if not on_speech and is_stock(h.segment.text):
                    invented += 1
                    assert h.segment not in kept, h.segment
                elif on_speech and not is_stock(h.segment.text):
                    assert h.segment in kept, h.segment
                    kept_real += 1
    assert invented >= 1  # the model did invent, so the filter was put to the test
    assert kept_real >= 12


@pytest.mark.model
def test_rehearsal_with_thinking_pauses_has_nothing_invented(model: ModelChoice) -> None:
    """The pause-cut path rehearsals and imports use: nothing off the speech, and the
    short answers ("Yes.", "Thank you.") are there."""
    found = []
    for seed in range(2):
        audio, truth = answers_with_pauses(seed, hum=0.3)
        transcript = transcribe_array(audio, 0.0, model, vocabulary=["webhook", "idempotency"],
                                      threads=THREADS)
        for seg in transcript.segments:
            assert _on_speech(seg, truth), seg
        found += [s.text for s in transcript.segments]
    said = " ".join(found).lower()
    assert "yes" in said and "thank you" in said and "great question" in said
