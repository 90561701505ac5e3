"""What Finish does without a window: the live tail, or the whole recording in the
recognizer's process when live transcription is gone; then the analysis."""

from __future__ import annotations

import threading

import pytest

from app.errors import DebriefError
from app.sessions.finalize import finish_session
from app.sessions.folder import SessionFolder
from app.transcript import load_transcript

pytestmark = pytest.mark.model


@pytest.fixture
def recorded(speak) -> SessionFolder:
    folder = SessionFolder.create("finished")
    folder.write_meta({"state": "recording", "prompt_id": "messaging-scheduled-messages",
                       "events": []})
    wav = speak("I would add a send at parameter to the messages endpoint and a status "
                "callback webhook when it goes out.")
    folder.audio_path.write_bytes(wav.read_bytes())
    return folder


def test_without_live_transcription_the_whole_recording_is_transcribed(recorded):
    before = recorded.audio_path.read_bytes()
    seen: list[float] = []
    analysis = finish_session(recorded, None, progress=lambda f, _eta: seen.append(f))
    text = load_transcript(recorded.transcript_path).text.lower()
    assert "webhook" in text and "messages" in text
    assert recorded.analysis_path.exists() and analysis.segments
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)
    assert recorded.audio_path.read_bytes() == before


def test_cancel_stops_it_and_writes_nothing(recorded):
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(DebriefError, match="cancelled"):
        finish_session(recorded, None, cancel=cancel)
    assert not recorded.transcript_path.exists() and not recorded.analysis_path.exists()
