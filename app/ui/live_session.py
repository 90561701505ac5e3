"""Transcription alongside a rehearsal, and the hand-over to the review after Finish.

The live transcriber is polled from a UI timer while the user speaks; at Finish a
QThread runs `finish_session` (the tail, or the whole recording if live transcription
failed or never started, then the analysis), so the window never freezes.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, QTimer, Signal

from app.errors import DebriefError
from app.sessions.finalize import finish_session
from app.sessions.folder import SessionFolder
from app.transcription.live import LiveStatus, LiveTranscriber

# A chunk is cut, sent and collected on a poll: at 1 s the text came up to a second
# late each way. A poll reads only the audio that arrived since the last one.
_POLL_MS = 250
# Restarts of a worker that fails again before finishing a chunk; then live
# transcription waits for Finish.
_MAX_RESTARTS = 3


class _FinishThread(QThread):
    """Runs finish_session off the UI thread and says how it went."""

    failed = Signal(str)

    def __init__(self, folder: SessionFolder, live: LiveTranscriber | None,
                 model: str | None, vocabulary: tuple[str, ...],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder, self.live, self.model = folder, live, model
        self.vocabulary = vocabulary
        self.fraction: float | None = None
        self.cancel = threading.Event()

    def run(self) -> None:
        try:
            finish_session(self.folder, self.live, self.model, self.vocabulary,
                           progress=lambda f, _eta: setattr(self, "fraction", f),
                           cancel=self.cancel)
        except DebriefError as exc:
            self.failed.emit(str(exc))


class LiveSession(QObject):
    """One rehearsal's transcription: `begin` when recording starts, `finish` at Finish.

    `captions` (signal) carries the last lines for the optional caption strip; `ready`
    fires with the session path once analysis.json is written, `failed` with a message
    (the recording is untouched and can be transcribed again from the review);
    `interrupted` says the worker died while recording and is being restarted."""

    captions = Signal(list)
    ready = Signal(str)
    failed = Signal(str)
    interrupted = Signal(str)  # the worker died mid-rehearsal and is being restarted

    def __init__(self, model: str | None = None, threads: int = 1,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model, self.threads = model, threads
        self.live: LiveTranscriber | None = None
        self.folder: SessionFolder | None = None
        self.vocabulary: tuple[str, ...] = ()
        self._thread: _FinishThread | None = None
        self._restarts = 0
        self._chunks_at_restart = 0
        self._timer = QTimer(self, interval=_POLL_MS)
        self._timer.timeout.connect(self._poll)

    def begin(self, session_path: str, vocabulary: tuple[str, ...] = ()) -> None:
        self.folder = SessionFolder(Path(session_path))
        self.vocabulary = vocabulary
        self.live = LiveTranscriber(self.folder.audio_path, self.folder.transcript_path,
                                    model=self.model, vocabulary=vocabulary,
                                    threads=self.threads)
        try:
            self.live.start()
        except DebriefError as exc:  # e.g. a missing model: record anyway, say so later
            self.live = None
            self.failed.emit(str(exc))
            return
        self._timer.start()

    def _poll(self) -> None:
        if self.live is None:
            return
        status = self.live.poll()
        self.captions.emit(self.live.captions(2))
        if len(self.live.history) > self._chunks_at_restart:
            self._restarts = 0  # it works again: a later crash gets fresh retries
        if not status.error:
            return
        if self._restarts < _MAX_RESTARTS:
            self._restarts += 1
            self._chunks_at_restart = len(self.live.history)
            self.interrupted.emit(f"Live transcription stopped ({status.error}); "
                                  "restarting it where it left off.")
            self.live.retry()  # the recording goes on; so does transcription
            return
        # It keeps failing (no model, no memory): stop trying while the user speaks,
        # rather than start a process every second; Finish transcribes the recording.
        self._timer.stop()
        self.interrupted.emit(f"Live transcription stopped ({status.error}). The "
                              "recording goes on; it is transcribed after Finish.")

    def finish(self, session_path: str) -> None:
        """Transcribe the tail and analyse, in a thread; `ready` or `failed` follows."""
        self._timer.stop()
        folder = self.folder = SessionFolder(Path(session_path))
        self._thread = _FinishThread(folder, self.live, self.model, self.vocabulary, self)
        self._thread.failed.connect(self.failed)
        self._thread.finished.connect(lambda: self._done(str(folder.path)))
        self._thread.start()

    def _done(self, session_path: str) -> None:
        if SessionFolder(Path(session_path)).analysis_path.exists():
            self.ready.emit(session_path)

    def pending(self) -> object:
        """For the review's progress line: None when done, else a status."""
        thread = self._thread
        if thread is None or thread.isFinished():
            return None
        if self.live is not None and thread.fraction is None:
            status = self.live.status()
            return LiveStatus(status.transcribed, status.recorded, status.error,
                              status.chunks_waiting, False)
        return thread.fraction if thread.fraction is not None else "Transcribing…"

    def cancel(self) -> None:
        """Stop transcribing (the window is closing); what is transcribed stays on disk."""
        self._timer.stop()
        if self._thread is not None:
            self._thread.cancel.set()
        if self.live is not None:
            self.live.cancel()

    def wait(self, msecs: int = 5000) -> None:
        if self._thread is not None:
            self._thread.wait(msecs)
