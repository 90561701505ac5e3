"""Live transcription of a growing WAV, and the background job, with the real model in a
child process."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from app.audio.decode import load_audio
from app.audio.wav_stream import WavStream
from app.errors import DebriefError
from app.transcript import load_transcript
from app.transcription.job import TranscriptionJob
from app.transcription.live import LiveTranscriber
from app.transcription.models import ModelChoice

pytestmark = pytest.mark.model

SR = 16000
SENTENCES = ("The developer sends a request to the endpoint.",
             "We return an error code when the payment fails.",
             "Every message has a status and a timestamp.")


@pytest.fixture
def rehearsal(speak: Callable[..., Path]) -> tuple[np.ndarray, list[float]]:
    """Three sentences after 3 s of silence with 1.5 s pauses; their start times."""
    parts, starts, t = [np.zeros(3 * SR, np.float32)], [], 3.0
    for i, text in enumerate(SENTENCES):
        clip = load_audio(speak(text, name=f"s{i}.wav"))
        starts.append(t)
        parts += [clip, np.zeros(int(1.5 * SR), np.float32)]
        t += len(clip) / SR + 1.5
    return np.concatenate(parts), starts


def _record(path: Path, audio: np.ndarray, speedup: float) -> threading.Thread:
    """Write `audio` to a growing WAV as the recorder does: 0.1 s blocks, header synced
    every half second, `speedup` times faster than real time."""

    def run() -> None:
        stream = WavStream(path)
        block = SR // 10
        for n, i in enumerate(range(0, len(audio), block)):
            stream.write(audio[i:i + block])
            if n % 5 == 4:
                stream.sync()
            time.sleep(0.1 / speedup)
        stream.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def _assert_complete(transcript_text: str) -> None:
    text = transcript_text.lower()
    for key in ("developer", "request", "error", "payment", "status"):
        assert key in text, text


def test_growing_wav_is_transcribed_on_the_session_timeline(
        tmp_path: Path, rehearsal: tuple[np.ndarray, list[float]]) -> None:
    audio, starts = rehearsal
    wav, out = tmp_path / "audio.wav", tmp_path / "transcript.json"
    live = LiveTranscriber(wav, out, min_chunk=3.0, max_chunk=8.0)
    live.start()
    writer = _record(wav, audio, speedup=4.0)
    while writer.is_alive():
        status = live.poll()
        assert status.error is None
        time.sleep(0.05)
    assert live.status().recorded <= len(audio) / SR
    deadline = time.monotonic() + 30
    while not (live.history and out.exists()) and time.monotonic() < deadline:
        live.poll()
        time.sleep(0.05)
    partial = json.loads(out.read_text())  # written as chunks finish, before Finish
    assert partial["schema"] == "debrief.transcript/1"
    assert all(s["end"] <= live.history[-1].end + 0.01 for s in partial["segments"])
    transcript = live.finish(timeout=120)
    status = live.status()
    assert status.finished and status.error is None
    assert status.transcribed == pytest.approx(len(audio) / SR, abs=0.02)
    assert len(live.history) >= 2  # the audio went through in more than one chunk
    _assert_complete(transcript.text)
    words = [w for s in transcript.segments for w in s.words]
    assert [w.start for w in words] == sorted(w.start for w in words)
    assert words[0].start == pytest.approx(starts[0], abs=0.8)
    status_word = next(w for w in words if "status" in w.word.lower())
    assert starts[2] < status_word.start < starts[2] + 3.0
    on_disk = load_transcript(out)
    assert on_disk.text == transcript.text and on_disk.model == "tiny.en"
    assert live.captions(1) == [transcript.segments[-1].text]


def test_killed_worker_is_reported_and_retry_resumes(
        tmp_path: Path, rehearsal: tuple[np.ndarray, list[float]]) -> None:
    audio, _ = rehearsal
    wav, out = tmp_path / "audio.wav", tmp_path / "transcript.json"
    _record(wav, audio, speedup=1000.0).join()
    before = wav.read_bytes()
    live = LiveTranscriber(wav, out, min_chunk=3.0, max_chunk=8.0)
    live.start()
    deadline = time.monotonic() + 60
    while not live.history and time.monotonic() < deadline:  # let one chunk finish
        live.poll()
        time.sleep(0.05)
    assert live.history
    os.kill(live.worker_pid, signal.SIGKILL)
    while live.poll().error is None and time.monotonic() < deadline:
        time.sleep(0.05)
    status = live.status()
    assert status.error and "killed" in status.error
    assert status.transcribed < status.recorded
    live.retry()
    transcript = live.finish(timeout=120)
    _assert_complete(transcript.text)
    assert live.status().error is None
    assert wav.read_bytes() == before  # the recording is only ever read


def test_job_transcribes_a_file_with_progress(sentence_wav: Path, tmp_path: Path,
                                              model: ModelChoice) -> None:
    out = tmp_path / "t.srt"
    job = TranscriptionJob(sentence_wav, out, model=model, threads=1)  # a resolved model
    job.start()
    seen: list[float] = []
    transcript = job.wait(timeout=120, progress=lambda f, _eta: seen.append(f))
    assert job.poll().done and job.poll().fraction == 1.0
    assert seen and seen[-1] == 1.0 and transcript.model == model.name
    assert "endpoint" in transcript.text.lower()
    assert load_transcript(out).text == transcript.text


def test_job_cancel_writes_nothing(sentence_wav: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.json"
    job = TranscriptionJob(sentence_wav, out, threads=1)
    job.start()
    job.cancel()
    status = job.poll()
    assert status.done and status.cancelled and status.error is None
    assert not out.exists()


def test_job_with_a_missing_model_reports_it(sentence_wav: Path, tmp_path: Path) -> None:
    job = TranscriptionJob(sentence_wav, tmp_path / "t.json", model=str(tmp_path / "nope"))
    job.start()
    deadline = time.monotonic() + 60
    while not job.poll().done and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "model folder not found" in (job.poll().error or "")


def test_live_with_a_missing_model_fails_clearly(tmp_path: Path, speak: Callable[..., Path]
                                                 ) -> None:
    wav = speak("A short answer.", name="audio.wav")
    live = LiveTranscriber(wav, tmp_path / "t.json", model=str(tmp_path / "nope"))
    live.start()
    deadline = time.monotonic() + 60
    while live.poll().error is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "model folder not found" in (live.status().error or "")
    with pytest.raises(DebriefError, match="model folder not found"):
        live.finish(timeout=60)


def test_finish_without_audio_gives_an_empty_transcript(tmp_path: Path) -> None:
    live = LiveTranscriber(tmp_path / "audio.wav", tmp_path / "t.json")
    transcript = live.finish(timeout=10)
    assert transcript.segments == [] and live.status().finished
    assert json.loads((tmp_path / "t.json").read_text())["segments"] == []


def test_a_header_written_while_it_is_read_is_not_an_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The recorder creates the file, then writes its header: a poll in between reads an
    empty file. That is "not yet", not a broken WAV, even if the header lands before the
    transcriber looks again."""
    import app.transcription.live as live_module

    wav = tmp_path / "audio.wav"
    wav.touch()
    real = live_module.wav_data_offset

    def header_lands_mid_read(path: Path) -> int:
        try:
            return real(path)  # reads the empty file: "not a WAV file"
        finally:
            WavStream(path).close()  # the recorder's header arrives meanwhile

    live = LiveTranscriber(wav, tmp_path / "transcript.json")
    monkeypatch.setattr(live_module, "wav_data_offset", header_lands_mid_read)
    assert live.poll().error is None
    monkeypatch.setattr(live_module, "wav_data_offset", real)
    assert live.poll().error is None and live._offset == 44

    (tmp_path / "bad.wav").write_bytes(b"not a wav file at all, and long enough to be one")
    broken = LiveTranscriber(tmp_path / "bad.wav", tmp_path / "t2.json")
    assert "not a WAV file" in (broken.poll().error or "")
