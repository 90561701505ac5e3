"""Playback on the real PortAudio output: stop cuts it, no device is an answer."""

from __future__ import annotations

import time

import numpy as np
import pytest

from app.audio.playback import PlaybackStatus, has_output, play


def _tone(seconds: float, rate: int = 16000) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (0.2 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)


def test_no_such_output_device_is_a_result_not_an_error():
    assert not has_output("no such speaker")
    playback = play(_tone(0.5), 16000, device="no such speaker")
    outcome = playback.wait(timeout=1)
    assert outcome.status is PlaybackStatus.NO_DEVICE and outcome.start is None


@pytest.mark.audio
def test_stop_cuts_the_clip_and_its_end_is_when_it_was_cut(pulse):
    called = time.monotonic()
    playback = play(_tone(5.0), 16000, clock=time.monotonic)
    time.sleep(0.8)
    assert playback.outcome.status is PlaybackStatus.PLAYING
    cut_at = time.monotonic()
    outcome = playback.stop()
    assert outcome.status is PlaybackStatus.STOPPED
    assert outcome.end == pytest.approx(cut_at, abs=0.05)
    assert called <= outcome.start < cut_at - 0.3  # it sounded, for most of the 0.8 s


@pytest.mark.audio
def test_a_played_clip_lasts_its_length_on_the_given_clock(pulse):
    offset = 1000.0  # any clock will do: the session's audio clock, say
    began = time.monotonic() + offset
    outcome = play(_tone(1.0), 16000, clock=lambda: time.monotonic() + offset).wait(10)
    assert outcome.status is PlaybackStatus.PLAYED
    assert outcome.end - outcome.start == pytest.approx(1.0)
    assert began <= outcome.start < began + 1.0


@pytest.mark.audio
def test_a_clip_reaches_the_input_whole_and_where_the_playback_says(pulse):
    import sounddevice as sd

    blocks: list[np.ndarray] = []
    anchors: list[float] = []  # where input sample 0 sits on the monotonic clock
    received = 0

    def callback(indata, frames, t, status):
        nonlocal received
        blocks.append(indata[:, 0].copy())
        received += frames
        anchors.append(time.monotonic() - received / 16000)

    with sd.InputStream(samplerate=16000, channels=1, dtype="float32", callback=callback):
        while not blocks:
            time.sleep(0.05)
        time.sleep(0.5)
        outcomes = []
        for _ in range(3):
            outcomes.append(play(_tone(1.0, rate=22050), 22050).wait(10))
            time.sleep(0.5)
    recorded = np.concatenate(blocks)
    zero = float(np.median(anchors))
    hop = 400  # 25 ms
    energy = np.sqrt(np.mean(recorded[: len(recorded) // hop * hop].reshape(-1, hop) ** 2, 1))
    for outcome in outcomes:
        first, last = (round((t - zero) * 16000 / hop) for t in (outcome.start, outcome.end))
        # Within a block or two of the reported start, and no gap (a starved stream) inside.
        onset = first - 4 + int(np.argmax(energy[first - 4:first + 4] > 0.07))
        assert abs(onset - first) <= 2, (onset, first)
        assert energy[first + 2:last - 2].min() > 0.1, np.round(energy[first:last], 3)


@pytest.mark.audio
def test_a_speaker_that_goes_away_mid_clip_fails_it_where_it_was_cut(pulse):
    playback = play(_tone(6.0), 16000, clock=time.monotonic)
    time.sleep(2.0)  # the stream's first blocks come about a second late
    assert playback.outcome.status is PlaybackStatus.PLAYING
    cut_at = time.monotonic()
    try:
        pulse.unload_sink()  # the only output: the headset is pulled out
        outcome = playback.wait(timeout=10)
    finally:
        pulse.load_sink()
    assert outcome.status is PlaybackStatus.FAILED and "went away" in outcome.message
    # Heard from its start until the cut, not for the clip's whole six seconds.
    assert outcome.start < cut_at - 0.3
    assert cut_at - 0.3 < outcome.end < cut_at + 1.5 < outcome.start + 6.0
