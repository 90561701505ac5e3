"""Transcription while the rehearsal goes on, so the review is ready moments after Stop.

`LiveTranscriber` follows the recorder's growing WAV (16 kHz mono PCM16; its header is
patched only now and then, so samples are counted from the file's size), cuts the audio
into chunks at pauses, and has a child process (worker.py) transcribe each chunk. Each
chunk's text lands on the session's timeline and `transcript.json` is rewritten
atomically after each chunk. At Finish only the last chunk is left to do.

The recorder never waits on any of this: the transcriber only reads the WAV, runs one
niced process capped at `threads` CPU threads (1 on a two-core laptop leaves a core for
capture and the UI), and a crash of that process is reported by `status()` and undone
by `retry()`, which resumes from the last finished chunk.

Not thread-safe: call every method from one thread (the UI timer's, or a polling loop).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.audio.decode import SAMPLE_RATE, growing_wav_frames, read_growing_wav, wav_data_offset
from app.errors import DebriefError
from app.fileio.jsonfile import write_json_atomic
from app.transcript import Segment, Transcript
from app.transcription.chunks import FRAMES_PER_SECOND, find_cut, frame_energy
from app.transcription.engine import drop_repeats
from app.transcription.worker import Done, Failed, Ready, Worker

# Live chunks are 10-20 s, shorter than an import's 20-30 s: a chunk's text arrives
# sooner after it is spoken, and less is left to do at Finish. Measured on 8 corpus
# recordings (tiny.en, the case's hint words, one thread): 10-20 s chunks decode in
# 0.86 s (p95 1.38 s) against 1.48 s (1.97 s) for 20-30 s, and WER is no worse
# (0.165 against 0.177): the hint prompt is given to every chunk either way.
LIVE_MIN_CHUNK, LIVE_MAX_CHUNK = 10.0, 20.0

FRAME = SAMPLE_RATE // FRAMES_PER_SECOND


@dataclass(frozen=True)
class ChunkRecord:
    """One transcribed chunk: where it lies on the timeline (seconds) and when it was
    handed to the worker and came back (time.monotonic())."""

    start: float
    end: float
    sent: float
    done: float


@dataclass(frozen=True)
class LiveStatus:
    transcribed: float  # seconds of audio whose text is in the transcript
    recorded: float  # seconds of audio on disk
    error: str | None = None
    chunks_waiting: int = 0
    finished: bool = False


class LiveTranscriber:
    """Transcribe `wav_path` while it grows; write the transcript to `out_path`."""

    def __init__(self, wav_path: Path, out_path: Path, model: str | None = None,
                 vocabulary: Sequence[str] = (), threads: int = 1,
                 min_chunk: float = LIVE_MIN_CHUNK, max_chunk: float = LIVE_MAX_CHUNK,
                 pause: float = 0.6) -> None:
        self.wav_path = Path(wav_path)
        self.out_path = Path(out_path)
        self.model = model
        self.vocabulary = tuple(vocabulary)
        self.threads = threads
        self.min_frames = int(min_chunk * FRAMES_PER_SECOND)
        self.max_frames = int(max_chunk * FRAMES_PER_SECOND)
        self.pause_frames = max(1, int(pause * FRAMES_PER_SECOND))
        self.segments: list[Segment] = []
        self.history: list[ChunkRecord] = []  # for lag figures
        self._model_name = ""
        self._worker: Worker | None = None
        self._offset: int | None = None  # byte offset of the samples in the WAV
        self._recorded = 0  # samples on disk at the last poll
        self._chunk_start = 0  # first sample of the chunk being gathered
        self._energy: list[float] = []  # per frame, from _chunk_start
        self._waiting: deque[tuple[int, int]] = deque()
        self._in_flight: tuple[int, int, int] | None = None  # (id, start, end)
        self._sent_at = 0.0
        self._next_id = 1
        self._done_until = 0
        self._error: str | None = None
        self._finished = False
        # transcript.json is written off the polling thread: at an hour it takes ~0.1 s.
        self._write_lock = threading.Lock()
        self._to_write: Transcript | None = None
        self._writing: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------

    def start(self) -> None:
        """Start the worker process (it loads the model while the user speaks)."""
        self._worker = Worker(self.model, self.threads, self.vocabulary, nice=10)
        self._worker.start()

    def retry(self) -> None:
        """Restart a failed worker; transcription resumes after the last finished chunk."""
        if self._worker is not None:
            self._worker.kill()
        if self._in_flight is not None:
            self._waiting.appendleft(self._in_flight[1:])
            self._in_flight = None
        self._error = None
        self.start()

    def cancel(self) -> None:
        """Stop transcribing; what is in transcript.json stays."""
        if self._worker is not None:
            self._worker.kill()
        self._finished = True

    @property
    def worker_pid(self) -> int | None:
        """The transcriber process's id (it changes on retry), for memory figures."""
        return self._worker.pid if self._worker is not None else None

    # -- polling -----------------------------------------------------------------

    def poll(self) -> LiveStatus:
        """Cut new audio into chunks, collect finished chunks, hand out the next one."""
        if not self._finished:
            self._scan()
        self._collect()
        self._dispatch()
        return self.status()

    def status(self) -> LiveStatus:
        """Where transcription stands (no I/O)."""
        waiting = len(self._waiting) + (self._in_flight is not None)
        return LiveStatus(self._done_until / SAMPLE_RATE, self._recorded / SAMPLE_RATE,
                          self._error, waiting, self._finished and waiting == 0)

    def captions(self, n: int = 2) -> list[str]:
        """The last `n` lines of text, for a caption strip."""
        return [s.text for s in self.segments[-n:]] if n > 0 else []

    def transcript(self) -> Transcript:
        """Everything transcribed so far."""
        return Transcript(list(self.segments), self._model_name, "en")

    def finish(self, timeout: float | None = None) -> Transcript:
        """Transcribe the tail and return the whole transcript (call after recording stops).

        Raises DebriefError if the worker fails twice or `timeout` seconds pass; the
        transcript so far stays on disk and the audio is untouched."""
        deadline = None if timeout is None else time.monotonic() + timeout
        self._scan()
        if self._recorded > self._chunk_start:
            self._waiting.append((self._chunk_start, self._recorded))
            self._chunk_start = self._recorded
            self._energy = []
        self._finished = True
        has_work = bool(self._waiting) or self._in_flight is not None
        if has_work and (self._worker is None or self._error):
            self.retry()
        retried = False
        while not self.poll().finished:
            if self._error:
                if retried:
                    raise DebriefError(f"transcription failed: {self._error}")
                retried = True
                self.retry()
            if deadline is not None and time.monotonic() > deadline:
                raise DebriefError("transcription is still running; the transcript so far "
                                   "is saved and the rest can be transcribed later")
            time.sleep(0.02)
        if self._worker is not None:
            self._worker.stop()
        writing = self._writing
        if writing is not None:
            writing.join()
        self._write(self.transcript())
        return self.transcript()

    # -- internals ---------------------------------------------------------------

    def _scan(self) -> None:
        """Read audio that arrived since the last poll and cut chunks at pauses."""
        if self._offset is None:
            try:
                # Sized before it is read: a header still being written is not an error.
                complete = self.wav_path.stat().st_size >= 44
                self._offset = wav_data_offset(self.wav_path)
            except FileNotFoundError:
                return
            except DebriefError as exc:
                if complete:
                    self._error = str(exc)
                return
        recorded = growing_wav_frames(self.wav_path, self._offset)
        scanned = self._chunk_start + len(self._energy) * FRAME
        whole = scanned + (recorded - scanned) // FRAME * FRAME
        if whole > scanned:
            audio = read_growing_wav(self.wav_path, self._offset, scanned, whole)
            self._energy.extend(frame_energy(audio, FRAME).tolist())
        self._recorded = recorded
        while (cut := self._find_cut()) is not None:
            end = self._chunk_start + cut * FRAME
            self._waiting.append((self._chunk_start, end))
            self._chunk_start = end
            self._energy = self._energy[cut:]

    def _find_cut(self) -> int | None:
        """Frame index at which to end the current chunk, or None to keep gathering."""
        if len(self._energy) < self.min_frames:
            return None
        return find_cut(np.asarray(self._energy), self.min_frames, self.max_frames,
                        self.pause_frames)

    def _collect(self) -> None:
        if self._worker is None:
            return
        for message in self._worker.messages():
            if isinstance(message, Ready):
                self._model_name = message.model
            elif isinstance(message, Failed):
                self._error = message.message
            elif (isinstance(message, Done) and self._in_flight
                  and message.request == self._in_flight[0]):
                chunk = message.transcript
                self._model_name = chunk.model or self._model_name
                last = self.segments[-1].text if self.segments else ""
                self.segments.extend(drop_repeats(chunk.segments, last))
                _, start, self._done_until = self._in_flight
                self._in_flight = None
                self.history.append(ChunkRecord(start / SAMPLE_RATE, self._done_until / SAMPLE_RATE,
                                                self._sent_at, time.monotonic()))
                self._write_soon()
        if self._error is None and (died := self._worker.died()):
            self._error = f"{died}; the recording is not affected"

    def _dispatch(self) -> None:
        if self._worker is None or self._error or self._in_flight or not self._waiting:
            return
        start, end = self._waiting.popleft()
        self._in_flight = (self._next_id, start, end)
        self._next_id += 1
        self._sent_at = time.monotonic()
        try:
            self._worker.send_chunk(self._in_flight[0], str(self.wav_path), self._offset or 44,
                                    start, end)
        except (OSError, ValueError, BrokenPipeError):
            self._error = "the transcriber process is not running"

    def _write_soon(self) -> None:
        """Have the background writer save the transcript as it is now."""
        with self._write_lock:
            self._to_write = self.transcript()
            if self._writing is None:
                self._writing = threading.Thread(target=self._drain, name="transcript-writer",
                                                 daemon=True)
                self._writing.start()

    def _drain(self) -> None:
        while True:
            with self._write_lock:
                transcript, self._to_write = self._to_write, None
                if transcript is None:
                    self._writing = None  # the next _write_soon starts a new writer
                    return
            self._write(transcript)

    def _write(self, transcript: Transcript) -> None:
        try:
            write_json_atomic(self.out_path, transcript.to_dict())
        except OSError as exc:
            self._error = f"{self.out_path}: cannot be written ({exc.strerror})"
