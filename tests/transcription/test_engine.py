"""The engine with the real bundled model on espeak speech."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from app.errors import DebriefError
from app.transcript import Segment, Word, load_transcript, save_transcript
from app.transcription.engine import (
    TranscriptionCancelled,
    drop_repeats,
    split_sentences,
    transcribe_array,
    transcribe_file,
)
from app.transcription.models import ModelChoice, resolve_model

from .conftest import THREADS, room_noise

pytestmark = pytest.mark.model


def test_speech_gives_ordered_timed_words(model: ModelChoice, sentence_wav: Path) -> None:
    progress: list[float] = []
    transcript = transcribe_file(sentence_wav, model, threads=THREADS,
                                 progress=lambda f, eta: progress.append(f))
    assert transcript.model == "tiny.en" and transcript.language == "en"
    words = [w for s in transcript.segments for w in s.words]
    assert len(words) >= 8
    starts = [w.start for w in words]
    assert starts == sorted(starts)
    assert all(w.end >= w.start for w in words)
    assert words[-1].end <= 6.0
    text = transcript.text.lower()
    for key in ("developer", "request", "endpoint", "status"):
        assert key in text
    assert progress[-1] == 1.0


def test_offset_puts_words_on_the_session_timeline(model: ModelChoice,
                                                    sentence_wav: Path) -> None:
    from app.audio.decode import load_audio

    audio = load_audio(sentence_wav)
    plain = transcribe_array(audio, 0.0, model, threads=THREADS)
    shifted = transcribe_array(audio, 600.0, model, threads=THREADS)
    assert shifted.segments[0].words[0].start == pytest.approx(
        plain.segments[0].words[0].start + 600.0, abs=0.01)


def test_silence_and_room_noise_give_no_text(model: ModelChoice) -> None:
    audio = room_noise(60.0)
    audio[: 16000 * 5] *= 0.1  # a quieter stretch, as when the speaker leans back
    transcript = transcribe_array(audio, 0.0, model, threads=THREADS)
    assert transcript.text == ""
    assert transcript.segments == []


@pytest.mark.parametrize("suffix", [".srt", ".vtt", ".json"])
def test_subtitle_round_trip(model: ModelChoice, sentence_wav: Path, tmp_path: Path,
                             suffix: str) -> None:
    transcript = transcribe_file(sentence_wav, model, threads=THREADS)
    path = save_transcript(transcript, tmp_path / f"t{suffix}")
    back = load_transcript(path)
    assert back.text == transcript.text
    assert len(back.segments) == len(transcript.segments)
    for a, b in zip(back.segments, transcript.segments, strict=True):
        assert a.start == pytest.approx(b.start, abs=0.001)
        assert a.end == pytest.approx(b.end, abs=0.001)


def test_cancel_stops_without_result(model: ModelChoice, sentence_wav: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(TranscriptionCancelled):
        transcribe_file(sentence_wav, model, cancel=cancel, threads=THREADS)


def test_missing_model_folder_is_a_clear_error(tmp_path: Path, sentence_wav: Path) -> None:
    with pytest.raises(DebriefError, match="model folder not found") as info:
        transcribe_file(sentence_wav, str(tmp_path / "no-such-model"))
    assert str(tmp_path / "no-such-model") in str(info.value)


def test_broken_model_folder_is_a_clear_error(tmp_path: Path, sentence_wav: Path) -> None:
    broken = tmp_path / "broken-model"
    broken.mkdir()
    for name in ("model.bin", "config.json", "tokenizer.json"):
        (broken / name).write_text("not a model")
    before = sentence_wav.read_bytes()
    with pytest.raises(DebriefError, match="cannot be loaded"):
        transcribe_file(sentence_wav, str(broken))
    assert sentence_wav.read_bytes() == before


def test_incomplete_model_folder_names_what_is_missing(tmp_path: Path) -> None:
    (tmp_path / "model.bin").write_bytes(b"\0")
    with pytest.raises(DebriefError, match=r"missing config\.json, tokenizer\.json"):
        resolve_model(str(tmp_path))


def test_named_model_is_never_fetched_unasked() -> None:
    with pytest.raises(DebriefError, match="--download"):
        resolve_model("large-v1")


def test_download_when_offline_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    import huggingface_hub.constants

    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    with pytest.raises(DebriefError, match="no network"):
        resolve_model("large-v1", download=True)


def test_unknown_model_name() -> None:
    with pytest.raises(DebriefError, match="unknown model 'enormous'"):
        resolve_model("enormous")


def test_drop_repeats_removes_loops_only() -> None:
    def seg(text: str) -> Segment:
        return Segment(0.0, 1.0, text)

    kept = drop_repeats([seg("We retry with backoff."), seg("We retry with backoff."),
                         seg("Okay."), seg("Okay."), seg("  "), seg("Next.")])
    assert [s.text for s in kept] == ["We retry with backoff.", "Okay.", "Okay.", "Next."]
    assert drop_repeats([seg("we retry with backoff")], last="We retry with backoff.") == []


def test_audio_that_is_all_zeros(model: ModelChoice) -> None:
    assert transcribe_array(np.zeros(16000 * 3, np.float32), 0.0, model,
                            threads=THREADS).segments == []


def test_long_segments_split_into_sentences() -> None:
    texts = [" We", " port", " U.S.", " numbers.", " Then", " we", " call", " back?", " Yes."]
    words = tuple(Word(i, i + 0.8, t) for i, t in enumerate(texts))
    parts = split_sentences(Segment(0.0, 9.5, "".join(texts).strip(), words))
    assert [p.text for p in parts] == ["We port U.S. numbers.", "Then we call back?", "Yes."]
    assert (parts[0].start, parts[1].start, parts[2].end) == (0.0, 4, 9.5)
    assert parts[1].end == 7.8 and sum(len(p.words) for p in parts) == len(words)
