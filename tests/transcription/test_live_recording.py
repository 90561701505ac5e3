"""Live transcription beside the real recorder: speech played into the private
PulseAudio sink is recorded, transcribed as it goes, and capture never overflows."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from app.audio.recorder import Recorder
from app.transcription.live import LiveTranscriber

pytestmark = [pytest.mark.audio, pytest.mark.model]


def test_recorder_keeps_up_while_transcribing(pulse, speak: Callable[..., Path],
                                              tmp_path: Path) -> None:
    speech = speak("The developer sends a request to the endpoint. We return an error code "
                   "when the payment fails. Every message has a status and a timestamp.")
    wav, out = tmp_path / "audio.wav", tmp_path / "transcript.json"
    recorder = Recorder(wav)
    recorder.start()
    live = LiveTranscriber(wav, out, min_chunk=3.0, max_chunk=8.0)
    live.start()
    try:
        deadline = time.monotonic() + 8
        while not recorder.live and time.monotonic() < deadline:  # first blocks come late
            time.sleep(0.05)
        time.sleep(1.5)
        player = pulse.play(speech, wait=False)
        while player.poll() is None:
            assert live.poll().error is None
            time.sleep(0.1)
        time.sleep(1.0)
    finally:
        recorder.stop()
    transcript = live.finish(timeout=120)
    assert recorder.overflows == 0 and not recorder.failed
    text = transcript.text.lower()
    # Chunks of a few seconds are harder for a small model than whole sentences, so
    # only words it hears reliably are checked.
    for key in ("request", "error", "payment"):
        assert key in text, text
    first = transcript.segments[0].words[0].start
    assert 1.0 < first < 4.0  # on the recording's timeline, after the 1.5 s lead-in
    assert len(live.history) >= 2  # chunks were transcribed while recording went on
