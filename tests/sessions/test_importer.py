"""Importing rehearsals made elsewhere: transcripts through the analysis, recordings
through conversion and the real recognizer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import soundfile
from audio_files import encode_audio

from app.errors import DebriefError
from app.paths import sessions_dir
from app.sessions.importer import import_recording
from app.sessions.store import SessionStore

PROMPT = "messaging-scheduled-messages"

SENTENCES = [
    "The problem is that developers cannot schedule a message for later without running "
    "their own cron jobs.",
    "The developer here is a backend engineer at a retailer who sends reminders.",
    "I would add a send at parameter to the messages endpoint, with an idempotency key, and "
    "a status callback webhook when the message is finally sent.",
    "We should return a 429 error code when they exceed the rate limit, and version the API "
    "so nothing breaks.",
    "The trade-off is that polling is simpler, but webhooks scale better, so I'd pick "
    "webhooks over polling.",
]
CUES = [(1, 8), (9, 16), (17, 30), (31, 40), (41, 50)]
SRT = "\n".join(f"{n}\n00:00:{a:02d},000 --> 00:00:{b:02d},000\n{text}\n"
                for n, ((a, b), text) in enumerate(zip(CUES, SENTENCES, strict=True), 1))


@pytest.fixture
def srt(tmp_path: Path) -> Path:
    path = tmp_path / "mock with a friend.srt"
    path.write_text(SRT, encoding="utf-8")
    return path


def leftovers() -> list[Path]:
    return [p for p in sessions_dir().iterdir() if p.name.startswith(".")]


def test_import_srt_becomes_an_analysed_session(srt: Path):
    folder = import_recording(srt, PROMPT)
    meta = json.loads(folder.meta_path.read_text())
    assert meta["state"] == "imported" and meta["prompt_id"] == PROMPT
    assert meta["source"] == srt.name and meta["duration"] == pytest.approx(50.0)
    assert meta["plan"][0]["stage"] == "problem"
    assert not folder.audio_path.exists()
    transcript = json.loads(folder.transcript_path.read_text())
    assert len(transcript["segments"]) == 5
    analysis = json.loads(folder.analysis_path.read_text())
    assert analysis["schema"] == "debrief.analysis/1" and analysis["stages_estimated"]
    row = SessionStore().get(folder.id)
    assert row.analyzed and row.damaged is None and row.product == "Messaging"
    assert row.platform_share is not None and row.platform_share > 0.5
    assert leftovers() == []


def test_import_with_marks_uses_them(srt: Path, tmp_path: Path):
    marks = tmp_path / "marks.json"
    marks.write_text(json.dumps({"stages": [{"stage": "problem", "start": 0},
                                            {"stage": "developer", "start": 8.5},
                                            {"stage": "solution", "start": 16.5}]}))
    folder = import_recording(srt, PROMPT, marks=marks, minutes=60)
    analysis = json.loads(folder.analysis_path.read_text())
    assert not analysis["stages_estimated"]
    assert json.loads(folder.marks_path.read_text())["stages"][1] == {"stage": "developer",
                                                                      "start": 8.5}
    assert json.loads(folder.meta_path.read_text())["minutes"] == 60


@pytest.mark.parametrize("name, body, message", [
    ("notes.docx", b"x", "cannot be imported"),
    ("empty.srt", b"", "no SRT cues"),
    ("missing.wav", None, "file not found"),
    ("noise.mp3", b"\x00" * 4000, "cannot be decoded"),
])
def test_bad_files_leave_nothing_behind(tmp_path: Path, name: str, body: bytes | None,
                                        message: str):
    path = tmp_path / name
    if body is not None:
        path.write_bytes(body)
    with pytest.raises(DebriefError, match=message):
        import_recording(path, PROMPT)
    assert list(sessions_dir().iterdir()) == []


def test_unknown_prompt(srt: Path):
    with pytest.raises(DebriefError, match="unknown prompt"):
        import_recording(srt, "no-such-prompt")
    assert list(sessions_dir().iterdir()) == []


@pytest.mark.model
def test_import_mp3_is_converted_and_transcribed(speak, tmp_path: Path):
    wav = speak("I would design a messages endpoint with an idempotency key and a status "
                "callback webhook.")
    mp3 = tmp_path / "phone recording.mp3"
    encode_audio(wav, mp3, rate=44100, channels=2)
    seen: list[float] = []
    folder = import_recording(mp3, PROMPT, progress=lambda f, eta: seen.append(f))
    info = soundfile.info(str(folder.audio_path))
    assert (info.samplerate, info.channels, info.subtype) == (16000, 1, "PCM_16")
    assert info.duration == pytest.approx(soundfile.info(str(wav)).duration, abs=0.15)
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)
    text = " ".join(s["text"] for s in json.loads(folder.transcript_path.read_text())
                    ["segments"]).lower()
    assert "status" in text and "webhook" in text  # tiny.en hears "end point"
    assert SessionStore().get(folder.id).analyzed
