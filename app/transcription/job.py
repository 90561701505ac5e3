"""Transcribe a whole file in the background: a pollable, cancellable job.

The GUI polls it from a timer (no Qt here); the work runs in a child process (see
worker.py for why), so cancelling is immediate and a crash is a message, not a crash.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.errors import DebriefError
from app.transcript import Transcript, save_transcript
from app.transcription.engine import default_threads
from app.transcription.worker import Worker


@dataclass(frozen=True)
class JobStatus:
    fraction: float = 0.0
    eta: float | None = None  # seconds left, once it can be guessed
    done: bool = False
    cancelled: bool = False
    error: str | None = None


class TranscriptionJob:
    """`start()`, then `poll()` until `status.done`; `transcript` holds the result and,
    when `out_path` is given, the transcript is saved there (JSON, SRT or VTT)."""

    def __init__(self, audio_path: Path, out_path: Path | None = None, model: str | None = None,
                 vocabulary: Sequence[str] = (), threads: int | None = None) -> None:
        self.audio_path = Path(audio_path)
        self.out_path = Path(out_path) if out_path else None
        self._worker = Worker(model, threads or default_threads(), vocabulary)
        self._status = JobStatus()
        self.transcript: Transcript | None = None

    def start(self) -> None:
        """Start the child process and hand it the file."""
        self._worker.start()
        self._worker.send_file(1, str(self.audio_path))

    def poll(self) -> JobStatus:
        """Take in what the child has reported; never blocks."""
        if self._status.done:
            return self._status
        for message in self._worker.messages():
            kind = message[0]
            if kind == "progress":
                self._status = JobStatus(message[2], message[3])
            elif kind == "done":
                self._finish(message[2])
            elif kind == "error":
                self._fail(message[2])
        if not self._status.done:
            died = self._worker.died()
            if died:
                self._fail(f"{died}; the audio is untouched, try again")
        return self._status

    def _finish(self, transcript: Transcript) -> None:
        self.transcript = transcript
        error = None
        if self.out_path is not None:
            try:
                save_transcript(transcript, self.out_path)
            except OSError as exc:
                error = f"{self.out_path}: cannot be written ({exc.strerror})"
            except DebriefError as exc:
                error = str(exc)
        self._status = JobStatus(1.0, 0.0, done=True, error=error)
        self._worker.stop()

    def _fail(self, message: str) -> None:
        self._status = JobStatus(self._status.fraction, None, done=True, error=message)
        self._worker.kill()

    def cancel(self) -> None:
        """Stop now; nothing is written."""
        if not self._status.done:
            self._worker.kill()
            self._status = JobStatus(self._status.fraction, None, done=True, cancelled=True)

    def wait(self, timeout: float | None = None) -> Transcript:
        """Block until done; the transcript, or DebriefError on failure or timeout."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self.poll().done:
            if deadline is not None and time.monotonic() > deadline:
                self.cancel()
                raise DebriefError("transcription took too long and was stopped",
                                   self.audio_path)
            time.sleep(0.05)
        if self._status.error:
            raise DebriefError(self._status.error)
        if self._status.cancelled or self.transcript is None:
            raise DebriefError("transcription cancelled", self.audio_path)
        return self.transcript
