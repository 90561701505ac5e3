"""The loudspeaker test: a rehearsal through the real widgets with the voice on. The
candidate speaks into the private PulseAudio sink (its monitor is the microphone), the
interviewer asks in a pause through the real PortAudio output into the same sink, and
after Finish the question is in audio.wav, marked as the interviewer's in the
transcript, and counted nowhere in the candidate's figures."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.interviewer.voice import FALLBACK
from app.prompts import Probe, Prompt, StagePlan
from app.sessions.finalize import finish_session
from app.sessions.folder import SessionFolder
from app.transcript import INTERVIEWER, load_transcript
from app.ui.rehearse import RehearsalScreen
from app.ui.settings import VOICE_NAME, VOICE_ON, Settings

pytestmark = [pytest.mark.audio, pytest.mark.slow]

QUESTION = "How would developers manage concurrent requests?"
BEFORE = "The create call takes a send at time and returns the schedule id."
AFTER = "We return a two oh two, and cancel is a delete on that schedule."
PROMPT = Prompt("voice-api", "Design an API for scheduled SMS", "Messaging", "design-api",
                "Design an API that lets developers schedule SMS messages.", 45,
                (StagePlan("technical", "Technical considerations", 1.0, ""),),
                (Probe("technical", QUESTION, 0.05),), (), Path("voice-api.toml"))
_WORD = re.compile(r"[a-z']+")


def _stems(text: str) -> set[str]:
    return {w[:5] for w in _WORD.findall(text.lower()) if len(w) > 3}


def test_the_interviewer_is_heard_marked_and_not_counted(pulse, speak, qtbot):
    settings = Settings()
    settings.set(VOICE_ON, True)
    settings.set(VOICE_NAME, FALLBACK)  # espeak-ng: fast to render
    before, after = speak(BEFORE, "before.wav"), speak(AFTER, "after.wav")
    screen = RehearsalScreen(PROMPT, chime=None)
    qtbot.addWidget(screen)
    screen.show()
    assert screen.start(PROMPT, 45) and screen.interviewer is not None
    qtbot.waitUntil(lambda: screen.rehearsal.started, timeout=8000)
    pulse.play(before)  # past the probe's due time: it must wait for the pause
    card = screen.view.probe_card
    qtbot.waitUntil(lambda: card.isVisible(), timeout=15000)
    assert card.text_label.text() == QUESTION and not card.note_label.isVisible()
    qtbot.waitUntil(lambda: bool(screen.interviewer.interviewer.turns), timeout=15000)
    qtbot.wait(800)
    pulse.play(after)
    qtbot.wait(600)
    with qtbot.waitSignal(screen.finished, timeout=10000) as done:
        QTest.keyClick(screen.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    folder = Path(done.args[0])
    meta = json.loads((folder / "session.json").read_text())
    assert meta["overflows"] == 0 and meta["error"] is None
    [asked] = [e for e in meta["events"] if e["type"] == "probe"]
    assert asked["note"] == QUESTION and asked["spoken"] is True
    start, end = asked["start"], asked["end"]
    assert 1.0 < end - start < 8.0

    # The question is heard in the recording, where its turn says.
    audio = sf.read(folder / "audio.wav", dtype="float32")[0]
    blocks = audio[: len(audio) // 1600 * 1600].reshape(-1, 1600)
    loud = np.sqrt(np.mean(blocks ** 2, axis=1)) > 0.01
    inside = loud[round(start * 10):round(end * 10)]
    assert inside.size and inside.mean() > 0.5, (start, end)

    analysis = finish_session(SessionFolder(folder), None)
    transcript = load_transcript(folder / "transcript.json")
    theirs = [s for s in transcript.segments if s.speaker == INTERVIEWER]
    assert theirs and _stems(" ".join(s.text for s in theirs)) & _stems(QUESTION)
    assert [line.text for line in analysis.interviewer] == [s.text for s in theirs]
    # None of the question's own words reach the candidate's sentences, time or rubric.
    only_asked = _stems(QUESTION) - _stems(BEFORE + " " + AFTER)
    said = " ".join(s.text for s in analysis.segments)
    assert said and not _stems(said) & only_asked, said
    assert all(s.end <= start + 0.3 or s.start >= end - 0.3 for s in analysis.segments)
    spoken = sum(s.end - s.start for s in analysis.segments)
    assert abs(sum(analysis.categories.values()) - spoken) < 0.5
    for item in analysis.rubric:
        assert all(not start <= m.time <= end for m in item.moments)


def test_a_question_cut_off_by_the_headset_going_away_is_logged_and_its_card_stays(
        pulse, qtbot):
    settings = Settings()
    settings.set(VOICE_ON, True)
    settings.set(VOICE_NAME, FALLBACK)
    screen = RehearsalScreen(PROMPT, chime=None)
    qtbot.addWidget(screen)
    screen.show()
    assert screen.start(PROMPT, 45) and screen.interviewer is not None
    qtbot.waitUntil(lambda: screen.rehearsal.started, timeout=8000)
    asker = screen.interviewer.interviewer
    qtbot.waitUntil(lambda: asker.speaking, timeout=20000)  # quiet: it asks when due
    clip = asker.cache.get(QUESTION).seconds
    # Some of it is heard, not all (the stream starts up to a second late).
    qtbot.wait(round(1000 * (0.6 + clip / 2)))
    try:
        pulse.unload_sink()  # the headset, speaker and microphone both, is pulled out
        qtbot.waitUntil(lambda: not asker.speaking, timeout=10000)
        qtbot.wait(500)  # a refresh or two
        card = screen.view.probe_card
        assert card.isVisible() and card.text_label.text() == QUESTION
        assert card.note_label.isVisible()
        assert card.note_label.text().startswith("The question was cut off: the speaker")
    finally:
        pulse.load_sink()
    folder = Path(screen.finish())
    meta = json.loads((folder / "session.json").read_text())
    [asked] = [e for e in meta["events"] if e["type"] == "probe"]
    assert asked["spoken"] is True and "went away" in asked["cut"]
    heard = asked["end"] - asked["start"]
    assert 0.2 < heard < clip - 0.3  # until the cut, not whole
