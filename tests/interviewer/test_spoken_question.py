"""A rendered question played through the real PortAudio output is heard on the input.

The private PulseAudio null sink plays the part of the room: what the output device
plays, the default input (the sink's monitor) records, as a microphone hears speakers.
"""

from __future__ import annotations

import time

import numpy as np
import pytest
import soundfile as sf

from app.analysis.turns import Turn, echoes, mark_turns
from app.interviewer.voice import open_voice
from app.transcript import INTERVIEWER

pytestmark = [pytest.mark.audio, pytest.mark.model, pytest.mark.slow]

QUESTION = ("How would developers manage concurrent requests, say two workers scheduling "
            "the same reminder?")
ANSWER = ("Each create call carries an idempotency key, so a retried request returns the "
          "first schedule.")
RATE = 16000
HOP = 1600  # 100 ms


def _energy(samples: np.ndarray) -> np.ndarray:
    usable = samples[: len(samples) // HOP * HOP]
    return np.sqrt(np.mean(usable.reshape(-1, HOP) ** 2, axis=1))


@pytest.fixture(scope="module")
def recording(pulse, tmp_path_factory):
    """Record the default input while the question plays, then the candidate answers."""
    import sounddevice as sd
    from speech import speak_to_wav

    from app.audio.playback import PlaybackStatus, play

    tmp = tmp_path_factory.mktemp("spoken")
    clip = open_voice().render(QUESTION)
    answer = speak_to_wav(ANSWER, tmp / "answer.wav")
    blocks: list[np.ndarray] = []
    # Where sample 0 sits on the monotonic clock, from each block's arrival: PortAudio's
    # ALSA-to-PulseAudio path drops its first second and misreports capture times.
    anchors: list[float] = []
    received = 0

    def callback(indata, frames, t, status):
        nonlocal received
        blocks.append(indata[:, 0].copy())
        received += frames
        anchors.append(time.monotonic() - received / RATE)

    with sd.InputStream(samplerate=RATE, channels=1, dtype="float32", callback=callback):
        deadline = time.monotonic() + 10
        while not blocks and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(1.0)  # a second of room tone before the question
        playback = play(clip.samples, clip.rate, clock=time.monotonic)
        outcome = playback.wait(timeout=30)
        time.sleep(0.8)
        pulse.play(answer)
        time.sleep(1.0)
    assert outcome.status is PlaybackStatus.PLAYED, outcome
    audio = np.concatenate(blocks)
    wav = tmp / "room.wav"
    sf.write(wav, audio, RATE)
    zero = float(np.median(anchors))
    turn = Turn(outcome.start - zero, outcome.end - zero, QUESTION)
    return audio, wav, turn, clip


def test_the_question_is_heard_where_the_playback_says(recording):
    audio, _, turn, clip = recording
    energy = _energy(audio)
    loud = np.flatnonzero(energy > 0.01)
    assert loud.size, "nothing audible was recorded"
    heard_from = loud[0] * HOP / RATE
    # The question starts where the playback said it did, within a few blocks.
    assert abs(heard_from - turn.start) < 0.15, (heard_from, turn.start)
    assert abs((turn.end - turn.start) - clip.seconds) < 0.05
    inside = energy[int(turn.start * 10): int(turn.end * 10)]
    before = energy[: max(1, int((turn.start - 0.3) * 10))]
    assert np.mean(inside > 0.01) > 0.5  # mostly speech while it played
    assert before.max() < 0.005  # and silence before it


def test_its_words_come_back_from_the_recognizer_and_are_marked_as_the_interviewer(recording):
    from app.transcription.engine import transcribe_file
    from app.transcription.hint_words import case_vocabulary

    _, wav, turn, _ = recording
    # As a rehearsal's audio is transcribed: with the case vocabulary, cut at pauses.
    transcript = transcribe_file(wav, vocabulary=case_vocabulary(["Messaging"]))
    assert echoes(transcript.text, QUESTION + " " + ANSWER)
    heard = transcript.text.lower()
    assert sum(w in heard for w in ("developer", "concurrent", "request", "worker")) >= 3, heard

    marked = mark_turns(transcript.segments, [turn])
    asked = " ".join(s.text for s in marked if s.speaker == INTERVIEWER).lower()
    answered = " ".join(s.text for s in marked if s.speaker != INTERVIEWER).lower()
    assert "developer" in asked and "request" in asked, [(s.speaker, s.text) for s in marked]
    assert "idempotency" not in asked and "developer" not in answered
    assert "key" in answered, [(s.speaker, s.text) for s in marked]
