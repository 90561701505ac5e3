"""The interviewer inside a running rehearsal: its clock, its stage and its session log.

The rehearsal screen makes one at Start when the voice is on and calls `tick` from its
refresh timer. Time is the recorder's audio clock, so the questions' turns land on the
recording's timeline; every question asked goes into session.json as a "probe" event
(whether it was heard, when, and why), which the findings judge and Finish uses to mark
the interviewer's turns in the transcript.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from app.errors import DebriefError
from app.interviewer.interviewer import Interviewer
from app.interviewer.scheduler import Asked, Question
from app.interviewer.voice_settings import VoiceSettings
from app.rehearsal.rehearsal import Rehearsal
from app.rehearsal.stage_clock import ClockState
from app.transcript import Segment, load_transcript

SILENT = "The question is shown, not spoken: {}"
CUT = "The question was cut off: {}"


class LiveInterviewer:
    """Drives an Interviewer from a Rehearsal and logs what it asked."""

    def __init__(self, rehearsal: Rehearsal, settings: VoiceSettings,
                 rubric: Sequence[str] = (), interviewer: Interviewer | None = None) -> None:
        self.rehearsal = rehearsal
        self.interviewer = interviewer or Interviewer(
            rehearsal.plan, lambda: self.rehearsal.recorder.audio_time(), rubric=rubric,
            settings=settings)
        self._logged = 0
        self._transcript: list[Segment] = []
        self._transcript_stamp = 0.0

    def start(self) -> threading.Thread | None:
        """Render the questions ahead, in the background."""
        return self.interviewer.start()

    @property
    def silence_reason(self) -> str:
        """Why the question on the card is not heard, or not whole ("" while it is)."""
        asked = self.interviewer.scheduler.asked
        if not self.interviewer.speaking and asked and asked[-1].heard and asked[-1].cut:
            return CUT.format(asked[-1].cut)
        error = self.interviewer.voice_error
        return SILENT.format(error) if error else ""

    def tick(self, level: float) -> Question | None:
        """One step while the clock runs: the question to show as a card now, or None."""
        clock = self.rehearsal.clock
        asked = None
        if clock.state == ClockState.RUNNING and clock.marks:
            now = self.rehearsal.recorder.audio_time()
            asked = self.interviewer.tick(now, clock.current.id, clock.marks[-1][1], level,
                                          self._live_transcript())
        self._log()
        return asked

    def stop(self) -> None:
        """Cut a question that is playing (Pause, Finish) and log what was asked."""
        self.interviewer.stop()
        self._log()

    def _log(self) -> None:
        for a in self.interviewer.scheduler.asked[self._logged:]:
            self._record(a)
        self._logged = len(self.interviewer.scheduler.asked)

    def _record(self, a: Asked) -> None:
        q = a.question
        details = {"spoken": a.heard, "reason": q.reason, "item": q.item}
        if a.heard:
            details |= {"start": round(a.start, 3), "end": round(a.end, 3)}
            if a.cut:
                details["cut"] = a.cut
        else:
            details["unspoken"] = self.interviewer.voice_error or "not rendered in time"
        self.rehearsal.clock.question_asked(q.text, a.start, **details)

    def _live_transcript(self) -> list[Segment]:
        """The live transcript so far, re-read from disk only when it changed."""
        path: Path = self.rehearsal.folder.transcript_path
        try:
            stamp = path.stat().st_mtime
            if stamp != self._transcript_stamp:
                self._transcript = load_transcript(path).segments
                self._transcript_stamp = stamp
        except (OSError, DebriefError):
            pass  # not written yet, or mid-rename: keep what was read last
        return self._transcript
