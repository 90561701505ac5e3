"""The recognizer in a child process, fed requests over a pipe.

Why a process and not a thread (or QThread): the recognizer is native code
(CTranslate2, ONNX Runtime) that can crash or be killed by the OS when memory runs
short; in a child that costs a retry, in the app it would lose the recording. The
Python parts of transcription (feature extraction, VAD glue, word alignment) also hold
the GIL for tens of milliseconds, which in-process would delay the audio callback and
the UI. A child can be niced below the recorder, cancelled at once by terminating it,
and it frees all its memory when it ends. The cost is a second or two to start and
load the model, paid once per rehearsal or file.

Every way of running the recognizer goes through this door: live chunks, imports and
the whole-file fallback at Finish. Requests and replies are named records (below); a
`Failed` with no request before `Ready` means the model could not be loaded.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import multiprocessing
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.transcript import Transcript
from app.transcription.models import ModelChoice

# spawn, not fork: forking a process that runs Qt or audio threads is unsafe, and a
# spawned child starts clean on every platform.
_CTX = multiprocessing.get_context("spawn")


@dataclass(frozen=True)
class ChunkRequest:
    """Transcribe samples [start, end) of a (growing) 16 kHz PCM16 WAV."""

    request: int
    wav: str
    data_offset: int
    start: int
    end: int


@dataclass(frozen=True)
class FileRequest:
    """Transcribe a whole audio file, reporting progress on the way."""

    request: int
    path: str


@dataclass(frozen=True)
class Ready:
    """The model is loaded; requests are served from now on."""

    model: str


@dataclass(frozen=True)
class Progress:
    request: int
    fraction: float
    eta: float | None  # seconds left, once it can be guessed


@dataclass(frozen=True)
class Done:
    request: int
    transcript: Transcript


@dataclass(frozen=True)
class Failed:
    request: int | None  # None: the model could not be loaded, nothing will be served
    message: str


Reply = Ready | Progress | Done | Failed


def _release_free_memory() -> None:
    """Give the heap's free pages back to the system (glibc only; elsewhere a no-op).

    Each chunk allocates tens of MB of features, activations and decoder state. glibc
    keeps what is freed for reuse, so between chunks the child would sit ~50 MB above
    what it uses for the rest of a one-hour rehearsal; trimming costs ~1 ms a chunk."""
    if trim := _malloc_trim():
        trim(0)


@functools.cache
def _malloc_trim() -> Any:
    with contextlib.suppress(OSError, AttributeError, TypeError):
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    return None


def _serve(conn: Any, model: str | ModelChoice | None, threads: int, vocabulary: tuple[str, ...],
           nice: int) -> None:
    """Child main loop: load the model, then answer requests until None or EOF."""
    if nice:
        with contextlib.suppress(OSError):
            os.nice(nice)
    from pathlib import Path

    from app.audio.decode import SAMPLE_RATE, read_growing_wav
    from app.errors import DebriefError
    from app.transcription.engine import load_model, transcribe_array, transcribe_file
    from app.transcription.models import resolve_model

    try:
        choice = model if isinstance(model, ModelChoice) else resolve_model(model)
        load_model(choice, threads)
    except DebriefError as exc:
        conn.send(Failed(None, str(exc)))
        return
    conn.send(Ready(choice.name))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        rid = request.request
        try:
            if isinstance(request, ChunkRequest):
                audio = read_growing_wav(Path(request.wav), request.data_offset,
                                         request.start, request.end)
                result = transcribe_array(audio, request.start / SAMPLE_RATE, choice,
                                          vocabulary=vocabulary, threads=threads)
            else:
                result = transcribe_file(
                    request.path, choice, vocabulary=vocabulary, threads=threads,
                    progress=lambda f, eta, rid=rid: conn.send(Progress(rid, f, eta)))
            conn.send(Done(rid, result))
        except DebriefError as exc:
            conn.send(Failed(rid, str(exc)))
        except Exception as exc:  # report, keep serving: the next chunk may be fine
            conn.send(Failed(rid, f"transcription failed ({type(exc).__name__}: {exc})"))
        _release_free_memory()


class Worker:
    """A child process running the recognizer; every method returns at once."""

    def __init__(self, model: str | ModelChoice | None = None, threads: int = 1,
                 vocabulary: Sequence[str] = (), nice: int = 0) -> None:
        self.model = model
        self.threads = threads
        self.vocabulary = tuple(vocabulary)
        self.nice = nice
        self.process: Any = None
        self._conn: Any = None
        self._stopping = False

    def start(self) -> None:
        """Start the child; it loads the model and then replies `Ready`."""
        self._conn, child = _CTX.Pipe()
        self.process = _CTX.Process(
            target=_serve, name="debrief-transcriber", daemon=True,
            args=(child, self.model, self.threads, self.vocabulary, self.nice))
        self.process.start()
        child.close()
        self._stopping = False

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    def send_chunk(self, rid: int, wav: str, data_offset: int, start: int, end: int) -> None:
        """Ask for samples [start, end) of a (growing) PCM16 WAV."""
        self._conn.send(ChunkRequest(rid, wav, data_offset, start, end))

    def send_file(self, rid: int, path: str) -> None:
        """Ask for a whole audio file, with progress messages."""
        self._conn.send(FileRequest(rid, path))

    def messages(self) -> list[Reply]:
        """Whatever the child has said since the last call (never blocks)."""
        out: list[Reply] = []
        try:
            while self._conn is not None and self._conn.poll():
                out.append(self._conn.recv())
        except (EOFError, OSError):
            pass
        return out

    def died(self) -> str | None:
        """Why the child is gone, if it ended without being asked to."""
        if self.process is None or self._stopping or self.process.is_alive():
            return None
        code = self.process.exitcode
        how = f"was killed (signal {-code})" if code and code < 0 else f"exited ({code})"
        return f"the transcriber process {how}"

    def stop(self, timeout: float = 3.0) -> None:
        """Ask the child to finish; kill it if it does not within `timeout`."""
        self._stopping = True
        if self.process is None:
            return
        with contextlib.suppress(OSError, ValueError):
            self._conn.send(None)
        self.process.join(timeout)
        self.kill()

    def kill(self) -> None:
        """End the child now (cancel)."""
        self._stopping = True
        if self.process is not None and self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        if self._conn is not None:
            self._conn.close()
            self._conn = None
