"""Finding and repairing rehearsals that did not finish (a crash, a kill, a power cut).

A session whose session.json still says "recording" was cut off. Its audio is kept up
to the last header sync; the header is repaired from the file's length; its marks are
the ones saved with the last event, less any that start past the end of the audio.
"""

from __future__ import annotations

from pathlib import Path

import soundfile as sf

from app.audio.wav_stream import repair_header
from app.errors import DebriefError
from app.marks import load_marks, save_marks
from app.paths import sessions_dir
from app.rehearsal import session_log
from app.sessions.folder import SessionFolder
from app.sessions.meta import SessionMeta


def find_unfinished(root: Path | None = None) -> list[SessionFolder]:
    """Session folders whose rehearsal never finished, oldest first."""
    root = root or sessions_dir()
    found = []
    for path in sorted(p for p in root.iterdir() if p.is_dir()):
        folder = SessionFolder(path)
        try:
            state = folder.read_meta().state
        except DebriefError:
            continue
        if state in (session_log.RECORDING, "paused"):
            found.append(folder)
    return found


def recover(folder: SessionFolder) -> SessionMeta:
    """Repair an unfinished session in place and mark it "recovered"; return its meta."""
    meta = folder.read_meta()
    duration = 0.0
    if folder.audio_path.exists():
        try:
            frames = repair_header(folder.audio_path)
            duration = frames / sf.info(str(folder.audio_path)).samplerate
        except (ValueError, OSError, RuntimeError) as exc:
            raise DebriefError(f"the recording cannot be repaired ({exc})",
                               folder.audio_path) from None
    if folder.marks_path.exists():
        try:
            marks = load_marks(folder.marks_path)
        except DebriefError:
            marks = []
        kept = [m for m in marks if m[1] <= duration] or marks[:1]
        if kept:
            save_marks(folder.marks_path, kept)
    events = [e for e in meta.events or [] if float(e.get("audio", 0.0)) <= duration]
    return session_log.write(folder, state=session_log.RECOVERED, duration=round(duration, 3),
                             events=events)
