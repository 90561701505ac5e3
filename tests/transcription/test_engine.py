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
    load_model,
    split_sentences,
    transcribe_array,
    transcribe_file,
    uncovered,
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


def test_uncovered_finds_long_stretches_without_text() -> None:
    segments = [Segment(1.0, 3.0, "a"), Segment(2.5, 4.0, "b"), Segment(15.0, 16.0, "c")]
    assert uncovered(segments, 0.0, 30.0, 8.0) == [(4.0, 15.0), (16.0, 30.0)]
    assert uncovered(segments, 0.0, 20.0, 8.0) == [(4.0, 15.0)]
    assert uncovered([], 0.0, 5.0, 8.0) == []
    assert uncovered([], 100.0, 110.0, 8.0) == [(100.0, 110.0)]


def _three_parts(speak, middle_pause: float, middle: tuple[str, ...]) -> tuple[np.ndarray, float,
                                                                              float]:
    """A sentence, then `middle` (a pause or speech), then a sentence; where the middle is."""
    from app.audio.decode import load_audio

    first = load_audio(speak("We return a clear error code when the payment fails.", name="a.wav"))
    last = load_audio(speak("Every message has a status and a timestamp.", name="c.wav"))
    gap = np.zeros(int(0.8 * 16000), np.float32)
    if middle:
        parts = []
        for i, text in enumerate(middle):
            parts += [load_audio(speak(text, name=f"b{i}.wav")), gap]
        centre = np.concatenate(parts)
    else:
        centre = room_noise(middle_pause) * 0.5
    t1 = (len(first) + len(gap)) / 16000
    t2 = t1 + len(centre) / 16000
    return np.concatenate([first, gap, centre, gap, last]), t1, t2


def test_speech_a_window_lost_is_decoded_again(model: ModelChoice, speak,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A window whose decoding loops is dropped by Whisper's own checks; the speech in it
    comes back from a second pass in chunks, at its place on the timeline."""
    audio, t1, t2 = _three_parts(speak, 0.0, (
        "The developer creates a scheduled message with a post to the messages endpoint.",
        "Each participant gets a proxy number that the other side sees.",
        "We manage the number pool for them so they never assign numbers by hand."))
    assert t2 - t1 > 10
    whisper = load_model(model, THREADS)
    real, calls = whisper.transcribe, []

    def dropping(samples: np.ndarray, **options):
        calls.append(len(samples) / 16000)
        segments, info = real(samples, **options)
        if len(calls) == 1:  # the whole file: lose the middle, as a looping window is lost
            segments = [s for s in segments if not t1 - 0.5 <= s.start < t2]
        return segments, info

    monkeypatch.setattr(whisper, "transcribe", dropping)
    transcript = transcribe_array(audio, 0.0, model, threads=THREADS, chunks=False)
    assert len(calls) >= 2 and max(calls[1:]) <= 16.5  # short chunks, the gap only
    middle = [s for s in transcript.segments if t1 - 0.5 <= s.start < t2]
    text = " ".join(s.text for s in middle).lower()
    assert all(w in text for w in ("scheduled", "proxy", "manage")), text
    starts = [s.start for s in transcript.segments]
    assert starts == sorted(starts)
    assert "payment" in transcript.segments[0].text.lower()
    assert "every message" in transcript.segments[-1].text.lower()


def test_a_long_pause_is_not_decoded_again(model: ModelChoice, speak,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    audio, t1, t2 = _three_parts(speak, 15.0, ())
    whisper = load_model(model, THREADS)
    real, calls = whisper.transcribe, []
    monkeypatch.setattr(whisper, "transcribe",
                        lambda samples, **o: (calls.append(1), real(samples, **o))[1])
    transcript = transcribe_array(audio, 0.0, model, threads=THREADS, chunks=False)
    assert calls == [1]  # room noise in the gap: nothing sent again
    assert not [s for s in transcript.segments if t1 + 0.5 <= s.start < t2 - 0.5]
