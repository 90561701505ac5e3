"""The soak's interviewer (bench/soak.py --voice): a real rehearsal with the voice on.

A real Rehearsal records (its Recorder, its stage clock, session.json) and a real
LiveInterviewer is ticked ten times a second with the recorder's level, as the rehearsal
screen's timer does; its questions play through the real PortAudio output, into the
private null sink whose monitor is the microphone (the loudspeaker case). The plan is a
bundled prompt scaled to the soak's length, so every stage and its probes and
follow-ups come due in it; the soak presses Next when a stage's budget is spent.

The candidate (espeak-ng sentences, one paplay each, a pause after each) stops talking
while a question plays, as a person does, and goes on a second after it ends; so any
candidate word inside a question's turn is the question leaking into the candidate's
transcript, not the two talking at once.
"""

from __future__ import annotations

import re
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

PROMPT = "messaging-scheduled-messages"
PAUSE = 2.5  # seconds between the candidate's sentences: the interviewer needs one of quiet
BACK_AFTER = 1.0  # seconds after a question ends before the candidate answers
_WORD = re.compile(r"[a-z0-9']+")


class Candidate:
    """Speaks sentence WAVs in a loop into the sink; holds back while `floor` is clear."""

    def __init__(self, wavs: list[Path], device: str | None) -> None:
        self.wavs, self.device = wavs, device
        self.floor = threading.Event()  # set: the candidate may talk
        self.floor.set()
        self._stop = threading.Event()
        self._proc: subprocess.Popen[bytes] | None = None
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            for wav in self.wavs:
                self.floor.wait()
                if self._stop.is_set():
                    return
                cmd = ["paplay", *([f"--device={self.device}"] if self.device else []),
                       str(wav)]
                self._proc = subprocess.Popen(cmd)
                self._proc.wait()
                if self._stop.wait(PAUSE):
                    return

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self.floor.set()
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
        self._thread.join(10)


def sentence_wavs(sentences: tuple[str, ...], folder: Path) -> list[Path]:
    """Each sentence spoken by espeak-ng into its own WAV."""
    out = []
    for n, text in enumerate(sentences):
        wav = folder / f"sentence-{n}.wav"
        subprocess.run(["espeak-ng", "-v", "en-us", "-s", "165", "-w", str(wav), text],
                       check=True, capture_output=True)
        out.append(wav)
    return out


class VoiceRun:
    """The rehearsal screen's part of a rehearsal with the voice on, without its widgets."""

    def __init__(self, minutes: float, voice: str, prompt_id: str = PROMPT) -> None:
        from app.interviewer.live_run import LiveInterviewer
        from app.interviewer.voice_settings import VoiceSettings
        from app.prompts import load_library
        from app.prompts.plan import plan_from_prompt
        from app.rehearsal.rehearsal import Rehearsal

        prompt = load_library().get(prompt_id)
        self.prompt = prompt.scaled(max(1, round(minutes)))
        self.plan = plan_from_prompt(self.prompt)
        self.rehearsal = Rehearsal(self.plan)
        self.rehearsal.open()
        self.interviewer = LiveInterviewer(self.rehearsal, VoiceSettings(voice=voice),
                                           self.prompt.rubric)
        self._began = time.monotonic()
        self.renderer = self.interviewer.start()
        self.render_seconds: float | None = None  # Start to every question rendered
        self._speaking = False

    def tick(self, candidate: Candidate) -> None:
        """What the screen's timer does, and the candidate's manners."""
        r = self.rehearsal
        r.poll()
        if self.render_seconds is None and not (self.renderer and self.renderer.is_alive()):
            self.render_seconds = time.monotonic() - self._began
        clock = r.clock
        if clock.marks and clock.index < len(self.plan.stages) - 1:
            elapsed = r.recorder.audio_time() - clock.marks[-1][1]
            if elapsed >= self.plan.budget(clock.current.id):
                r.next_stage()
        if self.interviewer.tick(r.recorder.level().rms) is not None:
            self._speaking = True
            candidate.floor.clear()
        if self._speaking and not self.interviewer.interviewer.speaking:
            self._speaking = False
            threading.Timer(BACK_AFTER, candidate.floor.set).start()

    def finish(self) -> None:
        """The screen's Finish: cut a question playing, stop recording, save the session."""
        self.interviewer.stop()
        self.rehearsal.finish()

    def report(self) -> dict[str, Any]:
        iv = self.interviewer.interviewer
        return {"asked": len(iv.scheduler.asked),
                "spoken": sum(a.heard for a in iv.scheduler.asked),
                "followups": sum(bool(a.question.item) for a in iv.scheduler.asked),
                "cut": sum(bool(a.cut) for a in iv.scheduler.asked),
                "given_up": len(iv.scheduler.not_asked),
                "voice_error": iv.voice_error,
                "render_seconds": (round(self.render_seconds, 1)
                                   if self.render_seconds is not None else None)}


def _stems(text: str) -> set[str]:
    return {w[:5] for w in _WORD.findall(text.lower()) if len(w) > 3}


def leak_figures(folder: Path, candidate_sentences: tuple[str, ...]) -> dict[str, Any]:
    """How the interviewer's turns came out in the final transcript.

    - heard: turns with at least one segment marked as the interviewer's;
    - leaked share: of the words whose middle lies inside a turn (the candidate is
      silent then), the share in candidate segments;
    - question-only words: candidate words whose stem is in a question asked and in none
      of the candidate's sentences (what a leak would look like by text)."""
    from app.analysis.turns import spoken_turns
    from app.sessions.folder import SessionFolder
    from app.transcript import INTERVIEWER, load_transcript

    session = SessionFolder(folder)
    turns = spoken_turns(session.read_meta().events)
    segments = load_transcript(session.transcript_path).segments
    heard = sum(any(s.speaker == INTERVIEWER and s.start < t.end and t.start < s.end
                    for s in segments) for t in turns)
    inside = leaked = 0
    for s in segments:
        for w in s.words:
            middle = (w.start + w.end) / 2
            if any(t.start <= middle <= t.end for t in turns):
                inside += 1
                leaked += s.speaker != INTERVIEWER
    theirs = set().union(*(_stems(t.text) for t in turns)) - _stems(" ".join(
        candidate_sentences))
    stray = [w.word.strip() for s in segments if s.speaker != INTERVIEWER for w in s.words
             if _stems(w.word) & theirs]
    return {"turns": len(turns), "heard": heard, "words_in_turns": inside,
            "leaked_words": leaked,
            "leaked_share": round(leaked / inside, 4) if inside else 0.0,
            "question_only_words_in_candidate": len(stray),
            "question_only_examples": stray[:10]}
