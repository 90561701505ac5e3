"""The real recorder on the private PulseAudio server: speech played into the null sink
lands in audio.wav where the stage clock's audio timeline says it does."""

from __future__ import annotations

import time

import pytest
import soundfile as sf
from rehearsal.fakes import short_plan
from rehearsal.signals import onsets

from app.audio.recorder import Recorder, RecorderState
from app.rehearsal.stage_clock import StageClock

pytestmark = pytest.mark.audio


def wait_live(rec: Recorder, timeout: float = 8.0) -> None:
    deadline = time.monotonic() + timeout
    while not rec.live and time.monotonic() < deadline:
        time.sleep(0.02)
    assert rec.live, rec.error


def test_speech_lands_at_its_mark_across_a_pause_with_no_overflows(pulse, speak, tmp_path):
    wav = speak("Each request carries an idempotency key.")
    speech_len = sf.info(str(wav)).duration
    path = tmp_path / "audio.wav"
    rec = Recorder(path)
    rec.start()
    wait_live(rec)
    clock = StageClock(short_plan(), audio_time=rec.audio_time)
    clock.start()
    time.sleep(0.5)
    first = clock.mark("first").audio
    pulse.play(wav)
    time.sleep(0.5)
    clock.pause()
    rec.pause()
    pulse.play(wav)  # said while paused: must not be in the file
    time.sleep(0.5)
    rec.resume()
    clock.resume()
    time.sleep(0.5)
    second = clock.mark("second").audio
    pulse.play(wav)
    time.sleep(0.7)
    end = clock.finish().audio
    rec.stop()

    assert rec.state == RecorderState.STOPPED and rec.error is None
    assert rec.overflows == 0
    audio, rate = sf.read(path, dtype="float32")
    assert rate == 16000
    found = onsets(audio)
    print("marks", first, second, end, "onsets", found, "len", len(audio) / 16000)
    assert len(found) == 2, found
    # Each utterance starts just after its mark (paplay takes a moment to start).
    assert -0.1 <= found[0] - first < 0.5
    assert -0.1 <= found[1] - second < 0.5
    assert abs(len(audio) / 16000 - end) < 0.3
    assert second - first > speech_len  # the paused utterance left no gap


def test_a_device_that_cannot_do_16k_is_resampled(pulse, speak, tmp_path, monkeypatch):
    import sounddevice as sd

    def no_16k(*args, samplerate=None, **kw):
        if samplerate == 16000:
            raise sd.PortAudioError("Invalid sample rate")

    monkeypatch.setattr(sd, "check_input_settings", no_16k)
    wav = speak("Webhooks retry with backoff.")
    speech_len = sf.info(str(wav)).duration
    path = tmp_path / "audio.wav"
    rec = Recorder(path)
    rec.start()
    wait_live(rec)
    assert rec.device_rate != 16000
    time.sleep(0.3)
    at = rec.audio_time()
    pulse.play(wav)
    time.sleep(0.5)
    rec.stop()
    audio, rate = sf.read(path, dtype="float32")
    assert rate == 16000 and rec.overflows == 0
    found = onsets(audio)
    assert len(found) == 1 and -0.1 <= found[0] - at < 0.5, (found, at)
    assert abs(len(audio) / 16000 - rec.audio_time()) < 0.1
    loud = onsets(audio[::-1].copy())  # the end of the speech, from the back
    heard = len(audio) / 16000 - loud[0] - found[0]
    assert abs(heard - speech_len) < 0.5, (heard, speech_len)


def test_a_missing_microphone_is_a_clear_error_and_leaves_nothing_behind(tmp_path):
    from app.errors import DebriefError
    from app.rehearsal.rehearsal import Rehearsal

    rehearsal = Rehearsal(short_plan(), device="no-such-microphone")
    with pytest.raises(DebriefError, match="microphone"):
        rehearsal.open()
    assert not rehearsal.folder.path.exists()
