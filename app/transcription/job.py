"""Transcribe a whole file in the background: a pollable, cancellable job.

Imports and the whole-file fallback at Finish `wait()` for it from a thread; a timer can
`poll()` it instead (no Qt here). The work runs in a child process (see worker.py for
why), so cancelling is immediate and a crash of the recognizer is a message, not a
crash. `warm_up()` starts the child early, so the model loads while the caller still
prepares the file.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.errors import DebriefError
from app.transcript import Transcript, save_transcript
from app.transcription.engine import TranscriptionCancelled, default_threads
from app.transcription.models import ModelChoice
from app.transcription.worker import Done, Failed, Progress, Worker

_POLL_SECONDS = 0.05


@dataclass(frozen=True)
class JobStatus:
    fraction: float = 0.0
    eta: float | None = None  # seconds left, once it can be guessed
    done: bool = False
    cancelled: bool = False
    error: str | None = None


class TranscriptionJob:
    """`start()`, then `poll()` until `status.done` (or `wait()`); `transcript` holds the
    result and, when `out_path` is given, the transcript is saved there (JSON, SRT, VTT)."""

    def __init__(self, audio_path: Path, out_path: Path | None = None,
                 model: str | ModelChoice | None = None, vocabulary: Sequence[str] = (),
                 threads: int | None = None) -> None:
        self.audio_path = Path(audio_path)
        self.out_path = Path(out_path) if out_path else None
        self._worker = Worker(model, threads or default_threads(), vocabulary)
        self._warm = False
        self._status = JobStatus()
        self.transcript: Transcript | None = None

    def warm_up(self) -> None:
        """Start the child and let it load the model; the file can still be in the making."""
        if not self._warm:
            self._warm = True
            self._worker.start()

    def start(self) -> None:
        """Hand the child the file (starting the child first if `warm_up` was not called)."""
        self.warm_up()
        with contextlib.suppress(OSError, ValueError):  # the child is gone: poll() says why
            self._worker.send_file(1, str(self.audio_path))

    def poll(self) -> JobStatus:
        """Take in what the child has reported; never blocks."""
        if self._status.done:
            return self._status
        for message in self._worker.messages():
            if isinstance(message, Progress):
                self._status = JobStatus(message.fraction, message.eta)
            elif isinstance(message, Done):
                self._finish(message.transcript)
            elif isinstance(message, Failed):
                self._fail(message.message)
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
        self._worker.kill()
        if not self._status.done:
            self._status = JobStatus(self._status.fraction, None, done=True, cancelled=True)

    def wait(self, timeout: float | None = None,
             progress: Callable[[float, float | None], None] | None = None,
             cancel: threading.Event | None = None) -> Transcript:
        """Block until done, calling `progress(fraction, eta)` as the child reports; the
        transcript, or DebriefError on failure, timeout or `cancel` being set."""
        deadline = None if timeout is None else time.monotonic() + timeout
        reported = 0.0  # nothing to say until the child reports progress
        try:
            while not (status := self.poll()).done:
                if cancel is not None and cancel.is_set():
                    self.cancel()
                    break
                if deadline is not None and time.monotonic() > deadline:
                    self.cancel()
                    raise DebriefError("transcription took too long and was stopped",
                                       self.audio_path)
                if progress is not None and status.fraction != reported:
                    reported = status.fraction
                    progress(status.fraction, status.eta)
                time.sleep(_POLL_SECONDS)
        finally:
            if not self._status.done:  # the caller's progress raised: leave no child
                self.cancel()
        if self._status.error:
            raise DebriefError(self._status.error)
        if self._status.cancelled or self.transcript is None:
            raise TranscriptionCancelled()
        if progress is not None:
            progress(1.0, 0.0)
        return self.transcript
