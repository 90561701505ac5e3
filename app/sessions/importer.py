"""A rehearsal recorded elsewhere becomes a session: a recording (WAV, FLAC, MP3, M4A)
is converted to the session's audio.wav and transcribed; a transcript (SRT, WebVTT,
transcript JSON) is taken as is. Both are analysed against the chosen prompt, with the
stages estimated from content unless marks are given.

The new session is assembled in a hidden folder under the sessions dir and moved into
place only when complete, so a failed or cancelled import leaves nothing behind.
"""

from __future__ import annotations

import shutil
import threading
import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from app import __version__
from app.analysis.model import Analysis
from app.errors import DebriefError
from app.fileio.jsonfile import write_json_atomic
from app.marks import Marks, load_marks, save_marks
from app.paths import sessions_dir
from app.sessions.folder import SessionFolder
from app.sessions.meta import IMPORT
from app.transcript import TRANSCRIPT_SUFFIXES, Transcript, load_transcript, save_transcript

AUDIO_SUFFIXES = (".wav", ".flac", ".mp3", ".m4a")
SAMPLE_RATE = 16000
IMPORTED = "imported"

Progress = Callable[[float, float | None], None]


def _prompt(prompt_id: str, minutes: int | None) -> Any:
    from app.prompts import load_library

    prompt = load_library().get(prompt_id)
    return prompt.scaled(minutes) if minutes else prompt


def _marks(marks: Path | Marks | None, duration: float) -> Marks | None:
    if marks is None:
        return None
    if isinstance(marks, str | Path):
        return load_marks(Path(marks), duration)
    return list(marks)


def _write_audio(source: Path, target: Path) -> float:
    """Decode any supported recording into a 16 kHz mono PCM16 WAV; returns seconds."""
    import soundfile

    from app.audio.decode import load_audio

    samples = load_audio(source)
    try:
        soundfile.write(str(target), samples, SAMPLE_RATE, subtype="PCM_16")
    except (OSError, RuntimeError) as exc:
        raise DebriefError(f"cannot be written ({exc})", target) from None
    return len(samples) / SAMPLE_RATE


def import_recording(
    path: Path,
    prompt_id: str,
    progress: Progress | None = None,
    marks: Path | Marks | None = None,
    *,
    minutes: int | None = None,
    model: Any = None,
    threads: int | None = None,
    cancel: threading.Event | None = None,
    root: Path | None = None,
) -> SessionFolder:
    """Import a recording or a transcript as a new session (state "imported").

    `progress(fraction, eta)` is called while transcribing; setting `cancel` stops the
    transcription (a DebriefError, nothing kept). `minutes` rescales the prompt's plan;
    `model` and `threads` choose the recognizer (default: the bundled model).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in AUDIO_SUFFIXES + TRANSCRIPT_SUFFIXES:
        raise DebriefError("cannot be imported (use WAV, FLAC, MP3, M4A, SRT, WebVTT or "
                           "a transcript JSON)", path)
    if not path.is_file():
        raise DebriefError("file not found", path)
    prompt = _prompt(prompt_id, minutes)
    root = Path(root) if root is not None else sessions_dir()
    staging = root / f".import-{uuid.uuid4().hex[:12]}"
    staging.mkdir(parents=True)
    work = SessionFolder(staging)
    try:
        if suffix in AUDIO_SUFFIXES:
            duration, transcript = _transcribe(path, work.audio_path, progress, model,
                                               threads, cancel, prompt.product)
        else:
            transcript = load_transcript(path)
            duration = transcript.duration
        stage_marks = _marks(marks, duration)
        analysis = _analyze(transcript, stage_marks, prompt)
        save_transcript(transcript, work.transcript_path)
        if stage_marks:
            save_marks(work.marks_path, stage_marks)
        write_json_atomic(work.analysis_path, analysis.to_dict())
        work.write_meta(_meta(prompt, path, duration))
        return _place(work, root, prompt.title)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _transcribe(source: Path, audio: Path, progress: Progress | None, model: Any,
                threads: int | None, cancel: threading.Event | None, product: str,
                ) -> tuple[float, Transcript]:
    """Convert `source` to `audio` and transcribe it in the recognizer's process, which
    starts first so that its model loads while the file is decoded."""
    from app.audio.length import check_length
    from app.transcription.hint_words import case_vocabulary
    from app.transcription.job import TranscriptionJob

    check_length(source)  # before decoding: a 3-hour file would take gigabytes
    # The case's vocabulary lowers the error on its terms (see bench/transcribe.py).
    job = TranscriptionJob(audio, model=model, threads=threads,
                           vocabulary=case_vocabulary([product]))
    job.warm_up()
    try:
        duration = _write_audio(source, audio)
        job.start()
        transcript = job.wait(progress=progress, cancel=cancel)
    except DebriefError as exc:
        if exc.path is not None or (cancel is not None and cancel.is_set()):
            raise
        raise DebriefError(f"transcription stopped: {exc}", source) from None
    finally:
        job.cancel()  # a no-op once it is done; otherwise no process is left behind
    return duration, transcript


def _analyze(transcript: Transcript, marks: Marks | None, prompt: Any) -> Analysis:
    from app.analysis import analyze

    return analyze(transcript, marks=marks, prompt=prompt)


def _meta(prompt: Any, source: Path, duration: float) -> dict[str, Any]:
    return {
        "prompt_id": prompt.id,
        "prompt_title": prompt.title,
        "product": prompt.product,
        "minutes": prompt.minutes,
        "plan": [{"stage": s.id, "title": s.title, "budget": s.minutes * 60.0}
                 for s in prompt.stages],
        "events": [],
        "device": None,
        "sample_rate": SAMPLE_RATE,
        "overflows": 0,
        "app_version": __version__,
        "started_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "duration": round(duration, 3),
        "state": IMPORTED,
        "kind": IMPORT,
        "source": source.name,
    }


def _place(work: SessionFolder, root: Path, label: str) -> SessionFolder:
    """Move the finished files into a real session folder, session.json last, so the
    folder never looks complete before it is."""
    folder = SessionFolder.create(label, root=root)
    for item in sorted(work.path.iterdir(), key=lambda p: p.name == "session.json"):
        item.replace(folder.path / item.name)
    return folder
